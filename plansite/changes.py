"""What a data change means for readers, in words: `python -m plansite changes BASE [HEAD]`.

For whoever approves a pull request (the bureau's leadership), who should not have to read a YAML diff.
BASE and HEAD are git revisions; without HEAD the working tree is compared (what you are about to
commit). Each revision's data folder and stories are exported with `git archive` into a temporary
folder (the working tree, the index and the stash are never touched), read with the same models as
the checker, and compared:

- yearly values added, changed or removed, per indicator and year, with their sources;
- the status changes they cause, computed with plansite.status on the plan at BASE and at HEAD;
- project and milestone stage changes (status entries) with their dated evidence;
- new, edited or removed stories (title, date, the page's path on the site);
- plan-text edits with their editorial notes, and a loud warning for an edit without one;
- sources added, changed or removed; glossary and interface-text edits in brief; other data files;
- the checker's verdict on HEAD (data and stories).

The output is Markdown for a pull-request comment, starting with the hidden MARKER by which the
workflow finds and updates its own comment. Data text is escaped (`md`), so nothing a person typed
becomes markup or a mention. The tool's own wording is kept here (WORDS, Chinese and English) rather
than in data/ui.yaml: it is not site chrome, and it must work when HEAD's ui.yaml is what is broken.
Stage and status names are the site's own (ui.yaml of HEAD, else BASE).
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import models as m
from . import paths
from .catalog import ITEM_KINDS, KINDS, SITE_FILE, claim, listed_plans
from .check import Report, check
from .plan import Plan, walk
from .problems import ERROR
from .site import check_site
from .stories import LANGS, check_stories, split_story, story_files
from .textformat import amount_en, number
from .wording import fill, pick
from .yamlsource import load_yaml, parse_yaml_text

MARKER = "<!-- plansite-changes -->"
WORKING_TREE = None  # HEAD omitted: compare with the files as they are on disk

# The data folder inside a repository, and the docs folder beside it (as `plansite check` finds it).
DATA_REL = paths.DATA.relative_to(paths.ROOT)

WORDS: dict[str, tuple[str, str]] = {
    "title": ("数据变更说明", "What this change means for readers"),
    "compared": ("比较 {base}（修改前）与 {head}（修改后）。", "Comparing {base} (before) with {head} (after)."),
    "worktree": ("工作区（尚未提交的文件）", "the working tree (uncommitted files)"),
    "nothing": ("没有影响读者的数据或文章变更。", "Nothing readers see in the data or the stories changes."),
    "verdict": ("检查结果", "Checker verdict"),
    "pass": (
        "✅ 通过：修改后的数据和文章没有错误（{warnings} 个警告）。",
        "✅ Passed: no errors after the change ({warnings} warning(s)).",
    ),
    "fail": (
        "❌ {n} 个错误，修改不能发布。前 {shown} 个：",
        "❌ {n} errors: this change cannot be published. The first {shown}:",
    ),
    "fail.more": (
        "……另有 {n} 个，运行 `python -m plansite check` 查看全部。",
        "… and {n} more: run `python -m plansite check` to see them all.",
    ),
    "fail.lang": ("", "(The checker's messages are in Chinese.)"),
    "values": ("指标数值", "Indicator values"),
    "added": ("新增", "Added"),
    "changed": ("修改", "Changed"),
    "removed": ("删除", "Removed"),
    "year": ("{year}年", "{year}"),
    "arrow": ("{old} → {new}", "{old} → {new}"),
    "kind.level": ("", ""),
    "kind.cumulative-total": ("（累计）", " (cumulative)"),
    "kind.yearly-flow": ("（当年新增）", " (in that year)"),
    "source": ("来源：{source}", "Source: {source}"),
    "source.none": ("未注明来源", "no source given"),
    "source.for": ("用于本次新增的：{items}", "Cited by what this change adds: {items}"),
    "quote": ("原文：“{quote}”", "Quote: “{quote}”"),
    "fields": ("改动的字段：{fields}", "Fields changed: {fields}"),
    "status": ("进展状态变化（按本站计算规则）", "Status changes (by the site's rule)"),
    "status.change": ("{name}：{old} → {new}", "{name}: {old} → {new}"),
    "status.basis": ("依据 {year}年 {value}；目标 {target}", "based on {value} in {year}; target {target}"),
    "status.same": ("{name}：状态不变（{status}）", "{name}: status unchanged ({status})"),
    "status.new": ("{name}：新指标，状态 {status}", "{name}: new indicator, status {status}"),
    "status.gone": ("{name}：指标被删除（原状态 {status}）", "{name}: indicator removed (was {status})"),
    "status.unknown": (
        "无法计算状态变化：{which}的数据有错误。",
        "The status changes cannot be computed: the data {which} has errors.",
    ),
    "status.unchecked": (
        "（{which}的数据未通过检查：状态按其中能读出的指标和数值计算。）",
        "(The data {which} did not pass the checker: statuses are computed from the indicators and values it could read.)",
    ),
    "status.before": ("修改前", "before the change"),
    "status.after": ("修改后", "after the change"),
    "stages": ("项目与里程碑进展", "Project and milestone stages"),
    "stage.project": ("重点项目", "Flagship project"),
    "stage.milestone": ("里程碑", "Milestone"),
    "stage.latest": ("{what} {name}：最新阶段 {old} → {new}", "{what} {name}: latest stage {old} → {new}"),
    "stage.same": (
        "{what} {name}：最新阶段不变（{stage}），依据有改动",
        "{what} {name}: latest stage unchanged ({stage}); its evidence changed",
    ),
    "stage.entry": ("{change} {date} {stage}：{note}", "{change} {date} {stage}: {note}"),
    "plans": ("规划的增减", "Plans added or removed"),
    "plan.heading": ("{title}（{folder}）", "{title} ({folder})"),
    "plan.added": ("新增规划：{title}（{folder}）", "Plan added: {title} ({folder})"),
    "plan.removed": ("删除规划：{title}（{folder}）", "Plan removed: {title} ({folder})"),
    "plan.site": ("全站设置和界面文字", "Site settings and interface text"),
    "stories": ("动态文章", "Stories"),
    "story.lang.zh": ("中文", "Chinese"),
    "story.lang.en": ("英文", "English"),
    "story": (
        "{change}（{language}）：{title}，{date}，网页 {link}（文件 {file}）",
        "{change} ({language}): {title}, {date}, page {link} (file {file})",
    ),
    "story.untitled": ("（无标题）", "(no title)"),
    "story.undated": ("（无日期）", "(no date)"),
    "plantext": ("规划原文", "Plan text"),
    "plantext.warning": (
        "**规划原文被修改，但没有新增或修改相应的编辑说明**（data/editorial-notes.yaml）：{places}。"
        "规划原文必须与发布的文件逐字一致；提取错误应在编辑说明中记录，而不是直接改原文。请确认后再批准。",
        "**The plan text was changed without a new or edited editorial note** (data/editorial-notes.yaml): {places}. "
        "The plan text must match the published document word for word; an extraction error is recorded in an "
        "editorial note rather than corrected in the text. Please make sure before approving.",
    ),
    "plantext.edit": ("{what} {place}：{old} → {new}", "{what} {place}: {old} → {new}"),
    "plantext.paragraph": ("段落", "Paragraph"),
    "plantext.lead": ("段落引语", "Paragraph lead"),
    "plantext.heading": ("标题", "Heading"),
    "plantext.project": ("专栏项目", "Box project"),
    "plantext.note": (
        "编辑说明 {id}（{kind}）：原文“{source}”读作“{reading}”。理由：{reason}",
        "Editorial note {id} ({kind}): “{source}” reads “{reading}”. Reason: {reason}",
    ),
    "plantext.nonote": ("⚠️ 没有相应的编辑说明", "⚠️ no editorial note for this edit"),
    "plantext.notes": ("编辑说明的改动（原文未改）", "Editorial notes changed (plan text unchanged)"),
    "plantext.translation": ("英文译文有 {n} 处改动：{places}", "{n} English translations changed: {places}"),
    "sources": ("来源", "Sources"),
    "glossary": ("术语表和界面文字", "Glossary and interface text"),
    "glossary.terms": ("术语表：{parts}", "Glossary: {parts}"),
    "glossary.ui": ("界面文字：{parts}", "Interface text: {parts}"),
    "count": ("{change} {n} 条（{ids}）", "{change} {n} ({ids})"),
    "others": ("其他数据文件", "Other data files"),
    "others.file": ("{file}（本摘要不逐项说明，请看文件差异）", "{file} (not itemised here: see the diff)"),
    "truncated": (
        "（摘要过长，已截断；完整内容见本次运行的摘要页面。）",
        "(Summary too long and cut short; the full text is in this run's summary page.)",
    ),
    "error.git": ("无法读取 Git 仓库：{detail}", "Cannot read the git repository: {detail}"),
    "error.rev": (
        "找不到修订版本 “{rev}”：请写一个存在的提交、分支或标签（例如 main、HEAD~1）。",
        "No such revision “{rev}”: give an existing commit, branch or tag (e.g. main, HEAD~1).",
    ),
    # Field names as readers say them (the YAML key follows in brackets); a field not listed shows its key.
    "field.value": ("数值", "value"),
    "field.unit": ("单位", "unit"),
    "field.year": ("年份", "year"),
    "field.kind": ("类型", "kind"),
    "field.source": ("来源", "source"),
    "field.quote": ("原文", "quote"),
    "field.quote_note": ("原文说明", "note on the quote"),
    "field.match": ("口径是否一致", "match"),
    "field.match_note": ("口径说明", "note on the match"),
    "field.as_of": ("截至时间", "as of"),
    "field.title": ("标题", "title"),
    "field.publisher": ("发布单位", "publisher"),
    "field.date": ("日期", "date"),
    "field.url": ("网址", "address"),
    "field.read_on": ("阅读网址", "read on"),
    "field.note": ("说明", "note"),
    "field.stage": ("阶段", "stage"),
    "list.sep": ("、", ", "),
    "list.and": ("和", " and "),
    "field.sep": ("，", ", "),
}


class ChangesError(Exception):
    """The command cannot run (not a repository, no such revision): said in words, never a traceback."""


def word(key: str, lang: str, **values: object) -> str:
    zh, en = WORDS[key]
    return fill(en if lang == "en" else zh, values)


# ---------------------------------------------------------------------------- escaping for GitHub Markdown
# What GitHub Markdown could read inside a line: emphasis, code, links, images, HTML, entities, tables,
# strikethrough, math ($), mentions (@), emoji and bare autolinks (:). List and heading markers (- + . #
# at a line's start) need no escape: data text never starts a line here (it follows "- ", "#### " …),
# but # is escaped all the same, since trailing hashes would close a heading.
_MD_PUNCT = re.compile(r"([\\`*_{}\[\]()<>#!|~&$@:])")
_SAFE_URL = re.compile(r"https?://[^\s<>\"'`\\]+")


def md(text: object) -> str:
    """Data text as literal text inside a line of GitHub Markdown: the marks it could read are backslash-escaped.

    CommonMark reads a backslash before any ASCII punctuation as that character, so no emphasis, link,
    HTML tag, entity, table cell, formula or @mention can come out of what a person typed.
    """
    flat = " ".join(str(text).split())
    return _MD_PUNCT.sub(r"\\\1", flat)


def md_url(url: str | None) -> str:
    """A URL as an autolink when it is a plain http(s) address, else as escaped text."""
    if not url:
        return ""
    return f"<{url}>" if _SAFE_URL.fullmatch(url) else md(url)


def short(text: str, limit: int = 200) -> str:
    """A long quote cut to its first limit characters (the whole of it is in the file)."""
    return text if len(text) <= limit else text[:limit] + "…"


def code(text: object) -> str:
    """Text in a code span, shown literally: the fence is one backtick longer than any run inside it."""
    flat = " ".join(str(text).split())
    fence = "`" * (max((len(r) for r in re.findall("`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


# ---------------------------------------------------------------------------- one revision, read
@dataclass
class Side:
    """The data and stories at one revision, read with the checker's models (each file on its own)."""

    label: str | None  # the revision as shown (None: the working tree)
    root: Path  # where it was read (a temporary folder, gone once read: everything needed is kept here)
    data: Path
    report: Report
    plan: Plan | None
    models: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)  # kind -> [(file, model)]
    files: dict[str, bytes] = field(default_factory=dict)  # root-relative path -> content (data and stories)
    kinds: dict[str, str] = field(default_factory=dict)  # root-relative data file -> kind ("" when unclaimed)
    docs: Path | None = None  # the docs folder beside data/ (its stories' pages are addressed from it)

    def one(self, kind: str) -> Any:
        items = self.models.get(kind) or []
        return items[0][1] if items else None

    def many(self, kind: str) -> list[Any]:
        return [model for _, model in self.models.get(kind) or []]

    def title(self, lang: str) -> str:
        """The plan's title (plan.yaml), "" when it cannot be read."""
        meta = self.one("plan")
        return pick(meta.title, lang) if meta is not None else ""


@dataclass
class Revision:
    """One revision's data: one plan (a data folder without site.yaml) or a site of several plan folders.

    report is the verdict on the whole of it (every plan folder, the site's files and every story); plans maps
    each plan folder to its side ("" for the one-plan layout); site holds the site's own files (site.yaml, ui.yaml)
    in the site layout, None otherwise.
    """

    label: str | None
    report: Report
    plans: dict[str, Side]
    site: Side | None = None


def _docs_folders(data: Path) -> list[Path]:
    """Each language folder and, on a site of several plans, each plan's folder in it (docs/zh/2021-2025/)."""
    langs = [data.parent / "docs" / lang for lang in LANGS]
    return langs + [p for d in langs if d.is_dir() for p in sorted(d.iterdir()) if (p / "updates").is_dir()]


def read_side(
    label: str | None, root: Path, data: Path, docs: list[Path] | None = None, docs_root: Path | None = None
) -> Side:
    """Check the data and stories under root, and read every file that parses on its own.

    data is a plan folder (or a one-plan data folder); docs are its story folders (default: the one-plan layout's).
    """
    docs = _docs_folders(data) if docs is None else docs
    report, plan = check(data, root)
    story_problems, stories = check_stories(docs, root, plan)
    report.problems.extend(story_problems)
    report.files_checked += stories
    side = Side(label, root, data, report, plan, docs=docs_root or data.parent / "docs")
    _read_files(side, root, data, docs, KINDS)
    return side


def _read_files(side: Side, root: Path, data: Path, docs: list[Path], kinds: Iterable[Any]) -> None:
    """Every file of the given kinds under data, and the stories in docs, read into side."""
    claimed, unclaimed = claim(data)
    for kind in kinds:
        side.models[kind.name] = []
        for path in claimed[kind.name]:
            rel = path.relative_to(root).as_posix()
            side.kinds[rel] = kind.name
            side.files[rel] = path.read_bytes()
            doc, problems = load_yaml(path, rel)
            if any(p.severity == ERROR for p in problems) or not isinstance(doc.data, dict):
                continue
            try:
                side.models[kind.name].append((rel, kind.model.model_validate(doc.data)))
            except ValidationError:
                continue
    for path in unclaimed:
        rel = path.relative_to(root).as_posix()
        side.kinds[rel] = ""
        side.files[rel] = path.read_bytes()
        if any(k.name in ITEM_KINDS for k in kinds):
            _read_legacy_list(side, path, rel)
    for folder in docs:
        for path in story_files(folder):
            side.files[path.relative_to(root).as_posix()] = path.read_bytes()


# The list files a plan folder had before one file per item (a revision from before the change reads as the same
# items, so the change itself says nothing changed for readers): file name -> list key, item kind(s).
LEGACY_LISTS = {"sources.yaml": "sources", "observations.yaml": "observations", "status.yaml": "entries"}


def _read_legacy_list(side: Side, path: Path, rel: str) -> None:
    key = LEGACY_LISTS.get(path.name)
    if key is None or path.parent != side.data:
        return
    doc, problems = load_yaml(path, rel)
    if any(p.severity == ERROR for p in problems) or not isinstance(doc.data, dict):
        return
    side.kinds[rel] = "legacy-list"  # its items are compared one by one; the file itself is not "another file"
    for item in doc.data.get(key) or []:
        kind = "source" if key == "sources" else "observation" if key == "observations" else ""
        if not kind and isinstance(item, dict):
            kind = "status-project" if item.get("project") else "status-milestone"
        model = next(k.model for k in KINDS if k.name == kind) if kind else None
        try:
            side.models.setdefault(kind, []).append((rel, model.model_validate(item)))  # type: ignore[union-attr]
        except (ValidationError, AttributeError):
            continue


def read_revision(label: str | None, root: Path, data: Path) -> Revision:
    """One revision read: each plan folder on its own (its values, statuses, stories), and the whole verdict."""
    if not (data / SITE_FILE).exists():
        side = read_side(label, root, data)
        return Revision(label, side.report, {"": side})
    report, site = check_site(data, root)
    docs_root = data.parent / "docs"
    plans: dict[str, Side] = {}
    for folder in listed_plans(data):
        docs = [docs_root / lang / folder for lang in LANGS]
        plans[folder] = read_side(label, root, data / folder, docs, docs_root)
        story_problems, stories = check_stories(docs, root, site.plans.get(folder) if site is not None else None)
        report.problems.extend(story_problems)  # each plan's stories against that plan, as `plansite check` does
        report.files_checked += stories
    own = Side(label, root, data, report, None, docs=docs_root)  # the site's own files: site.yaml, ui.yaml
    _read_files(own, root, data, [], [k for k in KINDS if k.scope != "plan"])
    for path in [p for p in own.kinds if _in_plan_folder(p, data, root, plans)]:
        own.kinds.pop(path)  # the plan folders' files are their plans' to report
        own.files.pop(path)
    return Revision(label, report, plans, own)


def _in_plan_folder(path: str, data: Path, root: Path, plans: dict[str, Side]) -> bool:
    prefix = data.relative_to(root).as_posix() + "/"
    return any(path.startswith(f"{prefix}{folder}/") for folder in plans)


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except OSError as e:
        raise ChangesError(word("error.git", "zh", detail=e)) from None


def repository(start: Path) -> Path:
    result = _git(start, "rev-parse", "--show-toplevel")
    if result.returncode:
        raise ChangesError(result.stderr.decode("utf-8", "replace").strip() or "git rev-parse")
    return Path(result.stdout.decode().strip())


def resolve(repo: Path, rev: str) -> str:
    """The commit a revision names; ChangesError when there is none."""
    result = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if result.returncode or rev.startswith("-"):
        raise ChangesError(rev)
    return result.stdout.decode().strip()


def export(repo: Path, commit: str, dest: Path, parts: Iterable[str]) -> None:
    """The given folders of one commit, written under dest (git archive: nothing in the repository changes)."""
    present = [p for p in parts if _git(repo, "cat-file", "-e", f"{commit}:{p}").returncode == 0]
    if not present:
        return
    result = _git(repo, "archive", "--format=tar", commit, "--", *present)
    if result.returncode:
        raise ChangesError(result.stderr.decode("utf-8", "replace").strip())
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as tar:
        tar.extractall(dest, filter="data")


# ---------------------------------------------------------------------------- the comparison
@dataclass
class Names:
    """Chinese or English names of what the data talks about, from whichever side has them (HEAD first)."""

    lang: str
    sides: tuple[Side, ...]

    def _text(self, text: m.Text | None) -> str:
        return pick(text, self.lang)

    def indicator(self, id: str) -> str:
        for side in self.sides:
            table = side.one("indicators")
            for ind in table.indicators if table else []:
                if ind.id == id:
                    return self._named(ind.name, id)
        return code(id)

    def _named(self, name: m.Text, id: str) -> str:
        return f"{md(self._text(name))}（{code(id)}）" if self.lang == "zh" else f"{md(self._text(name))} ({code(id)})"

    def project(self, id: str) -> str:
        for side in self.sides:
            for chain in side.many("chain"):
                for p in chain.projects:
                    if p.id == id:
                        return self._named(p.name, id)
        return code(id)

    def milestone(self, id: str) -> str:
        for side in self.sides:
            commitments = side.one("commitments")
            for x in commitments.milestones if commitments else []:
                if x.id == id:
                    return self._named(x.name, id)
        return code(id)

    def ui(self, key: str, fallback: str) -> str:
        for side in self.sides:
            ui = side.one("ui")
            if ui and key in ui.strings:
                return self._text(ui.strings[key])
        return fallback

    def status(self, status_code: str) -> str:
        return self.ui(f"status.{status_code}", status_code)

    def stage(self, stage: str) -> str:
        return self.ui(f"stage.{stage}", stage)

    def source(self, id: str | None) -> str:
        if not id:
            return word("source.none", self.lang)
        for side in self.sides:
            for s in side.many("source"):
                if s.id == id:
                    return describe_source(s, self.lang)
        return code(id)

    def amount(self, value: float | int | None, unit: m.Text | None, qualifier: str | None = None) -> str:
        """A value as the site writes it (the site's own Lang.amount when a plan loads, with a target's qualifier)."""
        if value is None:
            return ""
        plan = next((side.plan for side in self.sides if side.plan is not None), None)
        if plan is not None:
            try:  # the site's own formatter; imported here so that a broken page module cannot stop the summary
                from .render import Lang
            except Exception:
                Lang = None  # type: ignore[assignment,misc]
            if Lang is not None:
                return md(Lang(plan, self.lang).amount(value, unit, qualifier))
        if unit is not None and self.lang == "en" and unit.en.strip():
            return md(amount_en(value, unit.zh, unit.en))
        return md(number(value) + self._text(unit))


def describe_source(s: m.Source, lang: str) -> str:
    title = f"《{md(s.title)}》" if lang == "zh" else f"“{md(s.title)}”"
    parts = [title, md(s.publisher)]
    if s.date:
        parts.append(s.date.isoformat())
    if s.url:
        parts.append(md_url(s.url))
    return word("field.sep", lang).join(parts) + f" [{code(s.id)}]"


def _dump(model: BaseModel | None) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_defaults=True) if model is not None else {}


def _changed_fields(old: BaseModel, new: BaseModel) -> list[str]:
    a, b = _dump(old), _dump(new)
    return [k for k in dict.fromkeys([*a, *b]) if a.get(k) != b.get(k)]


def _pair(old: Iterable[Any], new: Iterable[Any], key: Callable[[Any], Any]) -> Iterator[tuple[Any, Any]]:
    """Pair items by key (several with one key pair in order); yields (old, None), (None, new) or (old, new)."""
    groups: dict[Any, tuple[list[Any], list[Any]]] = {}
    for item in old:
        groups.setdefault(key(item), ([], []))[0].append(item)
    for item in new:
        groups.setdefault(key(item), ([], []))[1].append(item)
    for a_list, b_list in groups.values():
        for i in range(max(len(a_list), len(b_list))):
            yield (a_list[i] if i < len(a_list) else None), (b_list[i] if i < len(b_list) else None)


def _fragment(old: str, new: str, context: int = 12) -> tuple[str, str]:
    """The changed part of a text, with a little context either side: (“…建设12个…”, “…建设1—2个…”)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    blocks = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not blocks:
        return old, new
    a0, a1 = blocks[0][1], blocks[-1][2]
    b0, b1 = blocks[0][3], blocks[-1][4]
    start_a, start_b = max(0, a0 - context), max(0, b0 - context)
    end_a, end_b = min(len(old), a1 + context), min(len(new), b1 + context)
    pre = "…" if start_a > 0 else ""
    post_a = "…" if end_a < len(old) else ""
    post_b = "…" if end_b < len(new) else ""
    return pre + old[start_a:end_a] + post_a, pre + new[start_b:end_b] + post_b


class Summary:
    """The Markdown summary of the change from base to head."""

    def __init__(self, base: Side, head: Side, lang: str = "zh", shared: bool = True):
        self.base, self.head, self.lang = base, head, lang
        self.shared = shared  # False: a plan of a site, whose shared wording (ui.yaml) the site's section reports
        self.names = Names(lang, (head, base))
        self.warnings: list[str] = []  # loud warnings, shown at the top
        self.plan_text_unread = False  # a plan-text file could not be read at one side: listed with the files
        self.passages_listed = False  # some passage of plan text was itemised (its chapter file need not be)

    def w(self, key: str, **values: object) -> str:
        return word(key, self.lang, **values)

    def _fields(self, old: BaseModel, new: BaseModel) -> str:
        """The fields that differ, in words with their YAML key: 数值（value）、原文（quote）."""
        names = []
        for key in _changed_fields(old, new):
            said = self.w(f"field.{key}") if f"field.{key}" in WORDS else key
            said = "" if said == key else said
            names.append(
                code(key) if not said else f"{said}（{code(key)}）" if self.lang == "zh" else f"{said} ({code(key)})"
            )
        return self.w("list.sep").join(names)

    def _label(self, side: Side) -> str:
        return side.label if side.label is not None else self.w("worktree")

    # -------------------------------------------------------------- sections
    def verdict(self) -> list[str]:
        return _verdict(self.head.report, self.lang)

    def _observation(self, o: m.Observation) -> str:
        text = self.names.amount(o.value, o.unit) + self.w(f"kind.{o.kind}")
        return text

    def values(self) -> list[str]:
        by_indicator: dict[str, list[str]] = {}
        order: list[str] = []
        pairs = _pair(
            self.base.many("observation"),
            self.head.many("observation"),
            lambda o: (o.indicator, o.year, o.kind),
        )
        for old, new in sorted(pairs, key=lambda p: ((p[1] or p[0]).indicator, (p[1] or p[0]).year)):
            if old is not None and new is not None and _dump(old) == _dump(new):
                continue
            item = new or old
            year = self.w("year", year=item.year)
            if old is None:
                line = (
                    f"{self.w('added')} {year}：{self._observation(new)}"
                    if self.lang == "zh"
                    else f"{self.w('added')} {year}: {self._observation(new)}"
                )
                detail = [self.w("source", source=self.names.source(new.source))]
            elif new is None:
                line = (
                    f"{self.w('removed')} {year}：{self._observation(old)}"
                    if self.lang == "zh"
                    else f"{self.w('removed')} {year}: {self._observation(old)}"
                )
                detail = [self.w("source", source=self.names.source(old.source))]
            else:
                change = self.w("arrow", old=self._observation(old), new=self._observation(new))
                line = (
                    f"{self.w('changed')} {year}：{change}"
                    if self.lang == "zh"
                    else f"{self.w('changed')} {year}: {change}"
                )
                detail = [self.w("fields", fields=self._fields(old, new))]
                if old.source != new.source:
                    detail.append(
                        self.w(
                            "source",
                            source=self.w(
                                "arrow", old=self.names.source(old.source), new=self.names.source(new.source)
                            ),
                        )
                    )
                else:
                    detail.append(self.w("source", source=self.names.source(new.source)))
            if item.quote:
                detail.append(self.w("quote", quote=md(short(item.quote))))
            if item.indicator not in by_indicator:
                order.append(item.indicator)
            by_indicator.setdefault(item.indicator, []).append(f"- {line}" + "".join(f"\n  - {d}" for d in detail))
        lines: list[str] = []
        for ind in order:
            lines += [f"#### {self.names.indicator(ind)}", "", *by_indicator[ind], ""]
        return lines

    def statuses(self, touched: set[str]) -> list[str]:
        from .status import indicator_status  # plansite.status imports the checker's unit rules

        old, new = _statuses(self.base, indicator_status), _statuses(self.head, indicator_status)
        if old is None or new is None:
            which = [self.w("status.before") if old is None else "", self.w("status.after") if new is None else ""]
            return [self.w("status.unknown", which=self.w("list.and").join(x for x in which if x))] if touched else []
        unchecked = [
            self.w("status.before") if self.base.plan is None else "",
            self.w("status.after") if self.head.plan is None else "",
        ]
        lines = []
        for id in dict.fromkeys([*new, *old]):
            name = self.names.indicator(id)
            if id not in old:
                lines.append(f"- {self.w('status.new', name=name, status=self.names.status(new[id].code))}")
            elif id not in new:
                lines.append(f"- {self.w('status.gone', name=name, status=self.names.status(old[id].code))}")
            elif old[id].code != new[id].code:
                text = self.w(
                    "status.change", name=name, old=self.names.status(old[id].code), new=self.names.status(new[id].code)
                )
                text += self._basis(id, new[id])
                lines.append(f"- {text}")
            elif id in touched:
                lines.append(
                    f"- {self.w('status.same', name=name, status=self.names.status(new[id].code))}{self._basis(id, new[id])}"
                )
        if lines and any(unchecked):
            lines.append("")
            lines.append(self.w("status.unchecked", which=self.w("list.and").join(x for x in unchecked if x)))
        return lines

    def _basis(self, id: str, s: Any) -> str:
        """What a status rests on: the value and year it was computed from, and the target."""
        table = self.head.one("indicators")
        ind = next((i for i in table.indicators if i.id == id), None) if table else None
        if s.observation is None or s.year is None or ind is None:
            return ""
        basis = self.w(
            "status.basis",
            year=s.year,
            value=self.names.amount(s.observation.value, s.observation.unit),
            target=self.names.amount(ind.target.value, ind.unit, ind.target.qualifier),
        )
        return f"（{basis}）" if self.lang == "zh" else f" ({basis})"

    def stages(self) -> list[str]:
        def target(e: m.StatusEntry) -> tuple[str, str]:
            return ("project", e.project) if e.project else ("milestone", e.milestone or "")

        old_entries = self.base.many("status-project") + self.base.many("status-milestone")
        new_entries = self.head.many("status-project") + self.head.many("status-milestone")
        per_target: dict[tuple[str, str], list[str]] = {}
        for old, new in _pair(old_entries, new_entries, lambda e: (target(e), e.date)):
            if old is not None and new is not None and _dump(old) == _dump(new):
                continue
            entry = new or old
            change = self.w("added" if old is None else "removed" if new is None else "changed")
            stage = self.names.stage(entry.stage)
            if old is not None and new is not None and old.stage != new.stage:
                stage = self.w("arrow", old=self.names.stage(old.stage), new=stage)
            line = self.w(
                "stage.entry",
                change=change,
                date=entry.date.isoformat(),
                stage=stage,
                note=md(pick(entry.note, self.lang)),
            )
            line += f"\n    - {self.w('source', source=self.names.source(entry.source))}"
            line += f"\n    - {self.w('quote', quote=md(short(entry.quote)))}"
            per_target.setdefault(target(entry), []).append(f"  - {line}")
        lines = []
        for (what, id), entries in per_target.items():

            def latest(items: list[m.StatusEntry], what: str = what, id: str = id) -> str:
                mine = sorted((e for e in items if target(e) == (what, id)), key=lambda e: e.date)
                return mine[-1].stage if mine else "none"

            before, after = latest(old_entries), latest(new_entries)
            name = self.names.project(id) if what == "project" else self.names.milestone(id)
            label = self.w(f"stage.{what}")
            if before != after:
                head = self.w(
                    "stage.latest", what=label, name=name, old=self.names.stage(before), new=self.names.stage(after)
                )
            else:
                head = self.w("stage.same", what=label, name=name, stage=self.names.stage(after))
            lines += [f"- {head}", *entries]
        return lines

    def stories(self) -> list[str]:
        lines = []
        docs = self.head.docs or self.head.data.parent / "docs"
        prefix = (docs.relative_to(self.head.root).as_posix() + "/") if docs != self.head.root else ""
        paths_ = sorted(p for p in {*self.base.files, *self.head.files} if p.startswith(prefix) and p.endswith(".md"))
        for path in paths_:
            old, new = self.base.files.get(path), self.head.files.get(path)
            if old == new:
                continue
            lang, rest = path[len(prefix) :].split("/", 1)
            title, date = _front((new if new is not None else old) or b"")
            page = rest.removesuffix(".md").removesuffix("index").rstrip("/")
            link = "/" + ("en/" if lang == "en" else "") + page + "/"
            change = self.w("added" if old is None else "removed" if new is None else "changed")
            lines.append(
                "- "
                + self.w(
                    "story",
                    change=change,
                    language=self.w(f"story.lang.{lang}"),
                    title=md(title) if title else self.w("story.untitled"),
                    date=date or self.w("story.undated"),
                    link=code(link),
                    file=code(path),
                )
            )
        return lines

    def plan_text(self) -> list[str]:
        if not (_all_read(self.base, PLAN_TEXT_KINDS) and _all_read(self.head, PLAN_TEXT_KINDS)):
            self.plan_text_unread = True
            return []  # a file that cannot be read would look like every passage added or removed
        old_texts, new_texts = _plan_texts(self.base), _plan_texts(self.head)
        old_notes = {n.id: n for notes in self.base.many("editorial-notes") for n in notes.notes}
        new_notes = {n.id: n for notes in self.head.many("editorial-notes") for n in notes.notes}
        touched_notes = {
            id: n for id, n in new_notes.items() if id not in old_notes or _dump(old_notes[id]) != _dump(n)
        }
        lines, unexplained, translations = [], [], []
        explained: set[str] = set()
        for key in dict.fromkeys([*old_texts, *new_texts]):
            a, b = old_texts.get(key), new_texts.get(key)
            if a == b:
                continue
            what, target = key
            place = code(target)
            if a is None or b is None:  # a passage added or removed: plan text too
                change = self.w("added" if a is None else "removed")
                passage = b or a
                assert passage is not None
                quoted = f"“{md(short(passage.zh))}”"
                lines.append(
                    f"- {change} {self.w(f'plantext.{what}')} {place}：{quoted}"
                    if self.lang == "zh"
                    else f"- {change}: {self.w(f'plantext.{what}').lower()} {place}: {quoted}"
                )
            elif a.zh != b.zh:
                old_frag, new_frag = _fragment(a.zh, b.zh)
                lines.append(
                    "- "
                    + self.w(
                        "plantext.edit",
                        what=self.w(f"plantext.{what}"),
                        place=place,
                        old=f"“{md(old_frag)}”",
                        new=f"“{md(new_frag)}”",
                    )
                )
            if a is None or b is None or a.zh != b.zh:
                notes = [n for n in touched_notes.values() if n.target == target]
                for n in notes:
                    explained.add(n.id)
                    lines.append(f"  - {self._note(n)}")
                if not notes:
                    unexplained.append(place)
                    lines.append(f"  - {self.w('plantext.nonote')}")
            elif a.en != b.en:
                translations.append(code(target))
        self.passages_listed = bool(unexplained or explained or translations)
        if unexplained:
            self.warnings.append(self.w("plantext.warning", places=self.w("list.sep").join(unexplained)))
        if translations:
            lines.append(
                "- " + self.w("plantext.translation", n=len(translations), places=self.w("list.sep").join(translations))
            )
        rest = [n for id, n in touched_notes.items() if id not in explained]
        removed = [n for id, n in old_notes.items() if id not in new_notes]
        if rest or removed:
            lines += ["", f"**{self.w('plantext.notes')}**", ""]
            lines += [f"- {self.w('added' if n.id not in old_notes else 'changed')} {self._note(n)}" for n in rest]
            lines += [f"- {self.w('removed')} {self._note(n)}" for n in removed]
        return lines

    def _note(self, n: m.EditorialNote) -> str:
        return self.w(
            "plantext.note",
            id=code(n.id),
            kind=code(n.kind),
            source=md(n.source),
            reading=md(pick(n.reading, self.lang)),
            reason=md(pick(n.reason, self.lang)),
        )

    def sources(self) -> list[str]:
        lines = []
        old, new = self.base.many("source"), self.head.many("source")
        for a, b in _pair(old, new, lambda s: s.id):
            if a is not None and b is not None and _dump(a) == _dump(b):
                continue
            if a is None:
                lines.append(f"- {self.w('added')} {describe_source(b, self.lang)}")
                cited = self._new_citing(b.id)
                if cited:  # a new source with the new value it is for: one change, said as one
                    lines.append(f"  - {self.w('source.for', items=self.w('list.sep').join(cited))}")
            elif b is None:
                lines.append(f"- {self.w('removed')} {describe_source(a, self.lang)}")
            else:
                fields = self.w("fields", fields=self._fields(a, b))
                lines.append(f"- {self.w('changed')} {describe_source(b, self.lang)}\n  - {fields}")
        return lines

    def _new_citing(self, source_id: str) -> list[str]:
        """The values and status entries new at HEAD that cite a source: 示例经费 2024年 …"""
        old_values = {(o.indicator, o.year, o.kind) for o in self.base.many("observation")}
        out = [
            f"{self.names.indicator(o.indicator)} {self.w('year', year=o.year)}"
            for o in self.head.many("observation")
            if o.source == source_id and (o.indicator, o.year, o.kind) not in old_values
        ]
        entries = self.head.many("status-project") + self.head.many("status-milestone")
        old_entries = {(e.project, e.milestone, e.date) for e in self.base.many("status-project")}
        old_entries |= {(e.project, e.milestone, e.date) for e in self.base.many("status-milestone")}
        for e in entries:
            if e.source == source_id and (e.project, e.milestone, e.date) not in old_entries:
                name = self.names.project(e.project) if e.project else self.names.milestone(e.milestone or "")
                out.append(f"{name} {e.date.isoformat()}")
        return out

    def glossary(self) -> list[str]:
        lines = []
        old_terms = {t.id: _dump(t) for g in self.base.many("glossary") for t in g.terms}
        new_terms = {t.id: _dump(t) for g in self.head.many("glossary") for t in g.terms}
        old_ui = {k: _dump(v) for u in self.base.many("ui") for k, v in u.strings.items()} if self.shared else {}
        new_ui = {k: _dump(v) for u in self.head.many("ui") for k, v in u.strings.items()} if self.shared else {}
        for key, old, new in (("glossary.terms", old_terms, new_terms), ("glossary.ui", old_ui, new_ui)):
            groups = (
                ("added", [k for k in new if k not in old]),
                ("changed", [k for k in new if k in old and old[k] != new[k]]),
                ("removed", [k for k in old if k not in new]),
            )
            parts = [
                self.w(
                    "count",
                    change=self.w(change),
                    n=len(ids),
                    ids=self.w("list.sep").join(code(i) for i in ids[:8]) + ("…" if len(ids) > 8 else ""),
                )
                for change, ids in groups
                if ids
            ]
            if parts:
                lines.append("- " + self.w(key, parts=self.w("field.sep").join(parts)))
        return lines

    def others(self) -> list[str]:
        handled = {
            "observation",
            "status-project",
            "status-milestone",
            "source",
            "glossary",
            "ui",
            "editorial-notes",
            "legacy-list",
        }
        if self.passages_listed:
            handled.add("chapter")
        lines = []
        for path in sorted({*self.base.kinds, *self.head.kinds}):
            kind = self.head.kinds.get(path, self.base.kinds.get(path, ""))
            if kind in handled or self.base.files.get(path) == self.head.files.get(path):
                continue
            change = self.w(
                "added" if path not in self.base.files else "removed" if path not in self.head.files else "changed"
            )
            lines.append(
                f"- {change}：{self.w('others.file', file=code(path))}"
                if self.lang == "zh"
                else f"- {change}: {self.w('others.file', file=code(path))}"
            )
        return lines

    # -------------------------------------------------------------- all of it
    def sections(self) -> list[tuple[str, list[str]]]:
        """Each section's key (its heading in WORDS) and lines, in order; the warnings are collected on the way."""
        values = self.values()
        touched = {
            (o or n).indicator
            for o, n in _pair(
                self.base.many("observation"),
                self.head.many("observation"),
                lambda o: (o.indicator, o.year, o.kind),
            )
            if o is None or n is None or _dump(o) != _dump(n)
        }
        plan_text = self.plan_text()
        sections = [
            ("values", values),
            ("status", self.statuses(touched)),
            ("stages", self.stages()),
            ("stories", self.stories()),
            ("plantext", plan_text),
            ("sources", self.sources()),
            ("glossary", self.glossary()),
            ("others", self.others()),
        ]
        out = []
        for key, lines in sections:
            while lines and not lines[-1]:
                lines = lines[:-1]
            out.append((key, lines))
        return out

    def markdown(self) -> str:
        """The comment for one plan (the one-plan layout)."""
        sections = self.sections()
        out = _header(self.head.report, self._label(self.base), self._label(self.head), self.lang, self.warnings)
        if not any(lines for _, lines in sections):
            out += [self.w("nothing"), ""]
        out += _sections(sections, self.lang, "###")
        return "\n".join(out).rstrip() + "\n"


def _header(report: Report, base: str, head: str, lang: str, warnings: list[str]) -> list[str]:
    out = [MARKER, f"## {word('title', lang)}", "", word("compared", lang, base=base, head=head), ""]
    out += [f"### {word('verdict', lang)}", "", *_verdict(report, lang), ""]
    for warning in warnings:
        out += ["> [!WARNING]", f"> {warning}", ""]
    return out


def _sections(sections: list[tuple[str, list[str]]], lang: str, level: str) -> list[str]:
    """The non-empty sections under headings of the given level; an indicator's own heading one level lower."""
    out = []
    for key, lines in sections:
        if lines:
            lines = [("#" + line) if line.startswith("#### ") and level != "###" else line for line in lines]
            out += [f"{level} {word(key, lang)}", "", *lines, ""]
    return out


def _verdict(report: Report, lang: str) -> list[str]:
    if not report.errors:
        return [word("pass", lang, warnings=len(report.warnings))]
    shown = report.errors[:5]
    lines = [word("fail", lang, n=len(report.errors), shown=len(shown))]
    if lang == "en":
        lines.append(word("fail.lang", lang))
    lines.append("")
    for p in shown:
        lines.append(f"- {code(p.format().splitlines()[0])}")
    if len(report.errors) > len(shown):
        lines.append(f"- {word('fail.more', lang, n=len(report.errors) - len(shown))}")
    return lines


def site_markdown(base: Revision, head: Revision, lang: str = "zh") -> str:
    """The comment for a site of several plans: each plan's changes under a heading naming the plan, a plan
    folder added or removed in one line, then the site's own files (ui.yaml's wording, site.yaml)."""
    labels = [r.label if r.label is not None else word("worktree", lang) for r in (base, head)]
    warnings: list[str] = []
    body: list[str] = []
    added_removed: list[str] = []
    folders = list(dict.fromkeys([*head.plans, *base.plans]))
    for folder in folders:
        old, new = base.plans.get(folder), head.plans.get(folder)
        if old is None or new is None:
            side = new or old
            assert side is not None
            title = side.title(lang) or folder
            key = "plan.added" if old is None else "plan.removed"
            added_removed.append(f"- {word(key, lang, title=md(title), folder=code(f'{folder}/'))}")
            continue
        summary = Summary(old, new, lang, shared=False)
        sections = summary.sections()
        warnings += summary.warnings
        if any(lines for _, lines in sections):
            title = new.title(lang) or old.title(lang) or folder
            body += [f"### {word('plan.heading', lang, title=md(title), folder=code(folder))}", ""]
            body += _sections(sections, lang, "####")
    if base.site is not None and head.site is not None:
        summary = Summary(base.site, head.site, lang)
        site_sections = [("glossary", summary.glossary()), ("others", summary.others())]
        if any(lines for _, lines in site_sections):
            body += [f"### {word('plan.site', lang)}", ""]
            body += _sections(site_sections, lang, "####")
    if added_removed:
        body = [f"### {word('plans', lang)}", "", *added_removed, "", *body]
    out = _header(head.report, labels[0], labels[1], lang, warnings)
    if not body:
        out += [word("nothing", lang), ""]
    out += body
    return "\n".join(out).rstrip() + "\n"


def markdown(base: Revision, head: Revision, lang: str = "zh") -> str:
    """The comment: the one-plan layout as one plan, a site plan by plan."""
    if base.site is None and head.site is None and set(base.plans) == set(head.plans) == {""}:
        return Summary(base.plans[""], head.plans[""], lang).markdown()
    if base.site is None or head.site is None:  # the layout itself changed: read both as sites of their plans
        base = base if base.site is not None else Revision(base.label, base.report, {}, None)
        head = head if head.site is not None else Revision(head.label, head.report, {}, None)
    return site_markdown(base, head, lang)


def _statuses(side: Side, indicator_status: Callable[[Plan, m.Indicator], Any]) -> dict[str, Any] | None:
    """Each indicator's status at one revision, by plansite.status.

    On data that failed the checker (often only because the code under review asks for something new),
    the status is still computed from the indicators and values that could be read, when that works.
    """
    plan = side.plan
    if plan is None:
        table = side.one("indicators")
        if table is None or not _all_read(side, ("observation",)):
            return None
        observations = m.Observations(observations=side.many("observation"))
        values: dict[str, Any] = {f.name: None for f in dataclasses.fields(Plan)}
        values.update(table=table, observations=observations, files={})
        plan = Plan(**values)
        try:
            return {i.id: indicator_status(plan, i) for i in plan.indicators}
        except Exception:  # a half-valid plan (units the rules would refuse …): no statuses rather than a traceback
            return None
    return {i.id: indicator_status(plan, i) for i in plan.indicators}


@dataclass(frozen=True)
class _Passage:
    zh: str
    en: str


PLAN_TEXT_KINDS = ("chapter", "chain")


def _all_read(side: Side, kinds: Iterable[str]) -> bool:
    """Every file of these kinds parsed on its own (else their passages cannot be compared)."""
    return all(len(side.models.get(k) or []) == sum(1 for kind in side.kinds.values() if kind == k) for k in kinds)


def _plan_texts(side: Side) -> dict[tuple[str, str], _Passage]:
    """Every passage of plan text at one revision: paragraphs, leads, headings and box projects, by id."""
    out: dict[tuple[str, str], _Passage] = {}
    for chapter in side.many("chapter"):
        for div in walk(chapter):
            out[("heading", div.id)] = _Passage(div.title.zh, div.title.en)
            for p in div.paragraphs:
                out[("paragraph", p.id)] = _Passage(p.text.zh, p.text.en)
                if p.lead is not None:
                    out[("lead", p.id)] = _Passage(p.lead.zh, p.lead.en)
    for chain in side.many("chain"):
        for project in chain.projects:
            out[("project", project.id)] = _Passage(
                project.name.zh + "\n" + project.description.zh, project.name.en + "\n" + project.description.en
            )
    return out


def _front(content: bytes) -> tuple[str, str]:
    """A story's title and date from its front matter ("" when missing or unreadable)."""
    try:
        story = split_story(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return "", ""
    doc, _ = parse_yaml_text(story.front or "", "story", front_matter=True)
    meta = doc.data if isinstance(doc.data, dict) else {}
    return str(meta.get("title") or ""), str(meta.get("date") or "")


def truncate(text: str, limit: int, lang: str) -> str:
    """At most limit characters, cut at a line end, with a note that it was cut (a GitHub comment holds 65536)."""
    if len(text) <= limit:
        return text
    note = "\n\n" + word("truncated", lang) + "\n"
    cut = text[: max(0, limit - len(note))]
    cut = cut[: cut.rfind("\n") + 1] if "\n" in cut else cut
    return cut + note


def compare(
    base_rev: str, head_rev: str | None, repo: Path | None = None, data: Path | None = None, lang: str = "zh"
) -> tuple[Revision, Revision]:
    """Both revisions read (head_rev None: the working tree); lang is the language of an error's message."""
    try:
        root = repository(repo or Path.cwd())
    except ChangesError as e:
        raise ChangesError(word("error.git", lang, detail=e)) from None
    data_rel = data or DATA_REL
    parts = [data_rel.as_posix(), (data_rel.parent / "docs").as_posix()]
    commits = {}
    for rev in (base_rev, head_rev):
        if rev is not None:
            try:
                commits[rev] = resolve(root, rev)
            except ChangesError:
                raise ChangesError(word("error.rev", lang, rev=rev)) from None
    with tempfile.TemporaryDirectory(prefix="plansite-changes-") as tmp:
        sides = []
        for name, rev in (("base", base_rev), ("head", head_rev)):
            if rev is None:
                sides.append(read_revision(None, root, root / data_rel))
                continue
            where = Path(tmp) / name
            where.mkdir()
            export(root, commits[rev], where, parts)
            sides.append(read_revision(f"{code(rev)} ({commits[rev][:10]})", where, where / data_rel))
    return sides[0], sides[1]


def summarise(
    base_rev: str, head_rev: str | None, lang: str = "zh", repo: Path | None = None, data: Path | None = None
) -> str:
    """The Markdown summary of the change from base_rev to head_rev (None: the working tree)."""
    base, head = compare(base_rev, head_rev, repo, data, lang)
    return markdown(base, head, lang)
