"""`python -m plansite changes BASE HEAD`: what a data change means for readers, in words.

Every test builds a throwaway git repository from the SYNTHETIC fixture (tests/fixtures/minimal) in
tmp_path, commits one kind of change, and reads the summary in both languages. Expected values,
names and statuses are derived from the fixture (plansite.status on the plan at each commit, the
site's own formatter and ui labels), never written in as literals.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from plansite import changes
from plansite import models as m
from plansite.__main__ import main
from plansite.catalog import KINDS
from plansite.check import check, load_plan
from plansite.plan import Plan
from plansite.render import Lang
from plansite.site import check_site
from plansite.status import indicator_status
from plansite.textformat import number
from plansite.wording import pick

from .conftest import OBSERVATION

FIXTURE = Path(__file__).parent / "fixtures" / "minimal" / "data"
LANGS = ("zh", "en")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, data_dir(root))
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    return root


def commit(repo: Path, message: str = "change") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def data_dir(repo: Path) -> Path:
    return repo / changes.DATA_REL


def data_file(repo: Path, kind: str) -> Path:
    """The (first) file of a kind, found through the catalog as the checker finds it."""
    return sorted(data_dir(repo).glob(next(k.pattern for k in KINDS if k.name == kind)))[0]


def edit(repo: Path, kind: str, old: str, new: str) -> None:
    path = data_file(repo, kind)
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(repo: Path, kind: str, text: str) -> None:
    path = data_file(repo, kind)
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def add_item(repo: Path, name: str, text: str) -> Path:
    """A new item's own file, data/<folder>/<key>.yaml (one source, value or status entry per file)."""
    path = data_dir(repo) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# SYNTHETIC test fixture.\n" + text, encoding="utf-8")
    return path


def edit_item(repo: Path, name: str, old: str, new: str) -> None:
    path = data_dir(repo) / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def summary(repo: Path, base: str = "main~1", head: str | None = "main", lang: str = "zh") -> str:
    return changes.summarise(base, head, lang, repo=repo)


def summaries(repo: Path, base: str = "main~1", head: str | None = "main") -> dict[str, str]:
    """The summary in each language, from one reading of the two revisions."""
    sides = changes.compare(base, head, repo=repo)
    return {lang: changes.markdown(*sides, lang) for lang in LANGS}


def plan_now(repo: Path) -> Plan:
    return load_plan(data_dir(repo), repo)


def label(plan: Plan, key: str, lang: str) -> str:
    return pick(plan.ui.strings[key], lang)


NEW_SOURCE = """id: example-news
title: 示例日报报道
publisher: 示例日报社
date: 2025-01-15
url: https://example.org/news/2025
kind: newspaper
"""
NEW_VALUE = "observations/example-spending-2024.yaml"


def add_spending_value(repo: Path, value: int = 250) -> m.Observation:
    """A yearly value for the fixture's indicator that has none, with a new source: two new files."""
    add_item(repo, "sources/example-news.yaml", NEW_SOURCE)
    add_item(
        repo,
        NEW_VALUE,
        f"""indicator: example-spending
year: 2024
value: {value}
unit:
  zh: 万元
  en: ""
source: example-news
quote: 示例经费达到{value}万元。
match: exact
""",
    )
    return next(o for o in plan_now(repo).observations.observations if o.source == "example-news")


def test_a_value_added_with_its_new_source_and_the_status_it_causes(repo: Path):
    before = plan_now(repo)
    obs = add_spending_value(repo)
    after = plan_now(repo)
    commit(repo)
    for lang, text in summaries(repo).items():
        ind = after.indicator(obs.indicator)
        source = after.source("example-news")
        assert text.startswith(changes.MARKER)
        assert changes.md(pick(ind.name, lang)) in text
        assert changes.word("added", lang) in text and changes.word("year", lang, year=obs.year) in text
        assert changes.md(Lang(after, lang).amount(obs.value, obs.unit)) in text
        for part in (source.title, source.publisher):
            assert changes.md(part) in text
        assert source.date is not None and source.date.isoformat() in text
        assert f"<{source.url}>" in text
        # The status change, computed by the site's rule on the plan before and after.
        old, new = indicator_status(before, ind), indicator_status(after, ind)
        assert old.code != new.code, "the fixture edit must change the status"
        expected = f"{label(before, f'status.{old.code}', lang)} → {label(after, f'status.{new.code}', lang)}"
        assert expected in text
        assert changes.word("status", lang) in text
        lang_after = Lang(after, lang)
        basis = changes.word(
            "status.basis",
            lang,
            year=new.year,
            value=changes.md(lang_after.amount(obs.value, obs.unit)),
            target=changes.md(lang_after.amount(ind.target.value, ind.unit, ind.target.qualifier)),
        )
        assert basis in text  # what the new status rests on
        # The new source is listed among the sources too, with the new value it is for: one change said as one.
        added = f"- {changes.word('added', lang)} {changes.describe_source(source, lang)}"
        name = changes.md(pick(ind.name, lang))
        named = f"{name}（`{ind.id}`）" if lang == "zh" else f"{name} (`{ind.id}`)"
        cited = changes.word("source.for", lang, items=f"{named} {changes.word('year', lang, year=obs.year)}")
        assert f"{added}\n  - {cited}\n" in text


def test_a_value_changed_and_a_value_removed(repo: Path):
    before = plan_now(repo)
    old = before.observations.observations[0]
    new_value = old.value + 1
    assert old.quote is not None
    edit(repo, "observation", f"value: {number(old.value)}\n", f"value: {number(new_value)}\n")
    edit(
        repo,
        "observation",
        f"quote: {old.quote}",
        f"quote: {old.quote.replace(number(old.value), number(new_value))}",
    )
    after = plan_now(repo)
    commit(repo)
    for lang, text in summaries(repo).items():
        lang_after = Lang(after, lang)
        change = f"{changes.md(Lang(before, lang).amount(old.value, old.unit))} → {changes.md(lang_after.amount(new_value, old.unit))}"
        assert f"{changes.word('changed', lang)} {changes.word('year', lang, year=old.year)}" in text
        assert change in text
        for key in ("value", "quote"):  # the fields that changed are named, in words and by key
            assert changes.word(f"field.{key}", lang) in text and f"`{key}`" in text

    data_file(repo, "observation").unlink()  # the value's own file removed
    commit(repo)
    for lang, text in summaries(repo).items():
        assert f"{changes.word('removed', lang)} {changes.word('year', lang, year=old.year)}" in text
        ind = after.indicator(old.indicator)
        emptied = plan_now(repo)
        s_old, s_new = indicator_status(after, ind), indicator_status(emptied, ind)
        assert f"{label(after, f'status.{s_old.code}', lang)} → {label(emptied, f'status.{s_new.code}', lang)}" in text


def test_a_stage_change_with_its_dated_evidence(repo: Path):
    before = plan_now(repo)
    _, project = next(before.projects())
    old_stage = before.status_of(project=project.id)[0].stage
    new_stage = next(s for s in m.PROJECT_STAGES if s != old_stage)
    milestone = before.commitments.milestones[0]
    old_m = before.status_of(milestone=milestone.id)[0].stage
    new_m = next(s for s in m.MILESTONE_STAGES if s != old_m)
    add_item(
        repo,
        f"status/projects/{project.id}-2025-01-10.yaml",
        f"""project: {project.id}
date: 2025-01-10
stage: {new_stage}
note: {{zh: 示例项目进入新阶段。, en: "The example project moved on."}}
source: example-report
quote: 示例项目进入新阶段。
""",
    )
    add_item(
        repo,
        f"status/milestones/{milestone.id}-2025-02-11.yaml",
        f"""milestone: {milestone.id}
date: 2025-02-11
stage: {new_m}
note: {{zh: 示例里程碑有了新进展。, en: "The example milestone moved on."}}
source: example-report
quote: 示例里程碑有了新进展。
""",
    )
    after = plan_now(repo)
    commit(repo)
    for lang, text in summaries(repo).items():
        for name, old, new, date, note in (
            (project.name, old_stage, new_stage, "2025-01-10", "示例项目进入新阶段。"),
            (milestone.name, old_m, new_m, "2025-02-11", "示例里程碑有了新进展。"),
        ):
            assert changes.md(pick(name, lang)) in text
            assert f"{label(before, f'stage.{old}', lang)} → {label(after, f'stage.{new}', lang)}" in text
            assert date in text and changes.md(note) in text
        assert changes.describe_source(after.source("example-report"), lang) in text


def test_a_new_story_and_an_edited_one(repo: Path):
    stories = {lang: repo / "docs" / lang / "updates" / "2025-01-02-example.md" for lang in LANGS}
    for story in stories.values():
        story.parent.mkdir(parents=True)
        story.write_text("---\ntitle: 示例*动态*\ndate: 2025-01-02\n---\n\n示例正文。\n", encoding="utf-8")
    commit(repo)
    links = {lang: ("/en" if lang == "en" else "") + "/updates/2025-01-02-example/" for lang in LANGS}
    for lang, text in summaries(repo).items():
        assert changes.md("示例*动态*") in text and "2025-01-02" in text
        for other in LANGS:  # each language's story with its own page
            assert f"`{links[other]}`" in text and changes.word(f"story.lang.{other}", lang) in text
        assert changes.word("added", lang) in text

    stories["en"].write_text(stories["en"].read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    commit(repo)
    for lang, text in summaries(repo).items():
        assert f"- {changes.word('changed', lang)}" in text and f"`{links['en']}`" in text
        assert f"`{links['zh']}`" not in text


def _paragraph(repo: Path) -> m.Paragraph:
    return plan_now(repo).chapters[0].children[0].paragraphs[1]


def test_a_plan_text_edit_without_an_editorial_note_is_a_loud_warning(repo: Path):
    p = _paragraph(repo)
    edit(repo, "chapter", p.text.zh, p.text.zh.replace("示例", "样例", 1))
    commit(repo)
    for lang, text in summaries(repo).items():
        assert "> [!WARNING]" in text
        warning = next(line for line in text.splitlines() if line.startswith("> ") and "[!WARNING]" not in line)
        assert f"`{p.id}`" in warning
        assert changes.word("plantext.nonote", lang) in text
        # The warning comes before the itemised sections, right under the verdict.
        assert text.index("[!WARNING]") < text.index(changes.word("plantext", lang) + "\n")


def test_a_plan_text_edit_with_its_editorial_note_names_the_note(repo: Path):
    p = _paragraph(repo)
    edit(repo, "chapter", p.text.zh, p.text.zh.replace("示例", "样例", 1))
    append(
        repo,
        "editorial-notes",
        f"""- id: example-typo
  kind: other
  target: {p.id}
  source: 样例
  reading: {{zh: 示例, en: ""}}
  reason: {{zh: 示例的错别字说明。, en: "An example typo note."}}
  confidence: high
""",
    )
    assert check(data_dir(repo), repo)[1] is not None, "the fixture edit must pass the checker"
    commit(repo)
    for lang, text in summaries(repo).items():
        assert "[!WARNING]" not in text
        assert "`example-typo`" in text and f"`{p.id}`" in text
        note = next(n for n in plan_now(repo).notes.notes if n.id == "example-typo")
        assert changes.md(pick(note.reason, lang)) in text


def test_a_paragraph_added_to_the_plan_text_is_a_plan_text_edit(repo: Path):
    p = _paragraph(repo)
    new_id = p.id.rsplit("-p", 1)[0] + "-p3"
    edit(
        repo,
        "chapter",
        "  children:\n  - id:",
        f'  - id: {new_id}\n    text: {{zh: "新加的一段。", en: ""}}\n  children:\n  - id:',
    )
    assert check(data_dir(repo), repo)[1] is not None, "the fixture edit must pass the checker"
    commit(repo)
    text = summary(repo)
    assert "[!WARNING]" in text and f"`{new_id}`" in text and changes.md("新加的一段。") in text


def test_an_unreadable_chapter_is_listed_as_a_file_not_as_every_passage_removed(repo: Path):
    edit(repo, "chapter", "children:\n- id: 1-1", "children:\n- id: [1-1")
    commit(repo)
    text = summary(repo)
    assert f"`{data_file(repo, 'chapter').relative_to(repo).as_posix()}`" in text
    assert changes.word("removed", "zh") + " " + changes.word("plantext.paragraph", "zh") not in text
    assert "[!WARNING]" not in text


def test_an_english_translation_edit_is_not_a_plan_text_edit(repo: Path):
    p = _paragraph(repo)
    edit(repo, "chapter", 'en: ""}\n  children:', 'en: "Second paragraph."}\n  children:')
    commit(repo)
    text = summary(repo)
    assert "[!WARNING]" not in text
    assert f"`{p.id}`" in text and changes.word("plantext.translation", "zh", n=1, places=f"`{p.id}`") in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_broken_file_gives_the_checkers_verdict_and_still_exit_zero(
    repo: Path, lang: str, monkeypatch: pytest.MonkeyPatch, capsys
):
    edit(repo, "observation", "value: 7", "value: 7家")
    commit(repo)
    report, _ = check(data_dir(repo), repo)
    assert report.errors
    monkeypatch.chdir(repo)
    assert main(["changes", "main~1", "main", "--lang", lang]) == 0
    text = capsys.readouterr().out
    assert changes.word("fail", lang, n=len(report.errors), shown=min(5, len(report.errors))) in text
    assert report.errors[0].code in text and report.errors[0].file in text
    # Statuses cannot be computed on broken data; the summary says so instead of failing.
    assert changes.word("status.after", lang) in text


def test_statuses_are_still_computed_when_a_rule_fails(repo: Path):
    """A value naming an unknown source fails the checker, yet what it would do to the status is shown."""
    before = plan_now(repo)
    ind = before.indicators[1]
    add_spending_value(repo)
    edit_item(repo, NEW_VALUE, "source: example-news", "source: no-such-source")
    commit(repo)
    report, plan = check(data_dir(repo), repo)
    assert plan is None and report.errors
    text = summary(repo)
    old = indicator_status(before, ind)
    assert old.code != "met"
    assert f"{label(before, f'status.{old.code}', 'zh')} → " in text
    assert changes.word("status.unchecked", "zh", which=changes.word("status.after", "zh")) in text


def test_a_long_quote_is_shortened(repo: Path):
    add_spending_value(repo)
    edit_item(repo, NEW_VALUE, "quote: 示例经费达到250万元。", "quote: 示例经费达到250万元。" + "示例" * 200)
    commit(repo)
    text = summary(repo)
    assert changes.md(changes.short("示例经费达到250万元。" + "示例" * 200)) in text
    assert "示例" * 150 not in text


def test_a_long_summary_is_cut_at_a_line_end_with_a_note():
    text = "".join(f"- line {i}\n" for i in range(100))
    for lang in LANGS:
        cut = changes.truncate(text, 300, lang)
        assert len(cut) <= 300 and cut.endswith(changes.word("truncated", lang) + "\n")
        body = cut[: cut.index(changes.word("truncated", lang))].rstrip("\n")
        assert text.startswith(body + "\n")  # whole lines only
    assert changes.truncate(text, len(text), "zh") == text


def test_a_clean_change_passes(repo: Path):
    add_spending_value(repo)
    commit(repo)
    report, _ = check(data_dir(repo), repo)
    assert changes.word("pass", "zh", warnings=len(report.warnings)) in summary(repo)


def test_a_bad_revision_is_a_chinese_message_without_traceback(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.chdir(repo)
    assert main(["changes", "no-such-branch", "main"]) == 2
    out = capsys.readouterr()
    assert "找不到修订版本" in out.err and "no-such-branch" in out.err and "Traceback" not in out.err
    assert out.out == ""
    assert main(["changes", "--", "--output=x"]) == 2


def test_outside_a_repository_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["changes", "main"]) == 2
    assert "Git" in capsys.readouterr().err


def test_without_head_the_working_tree_is_compared_and_left_as_it_was(repo: Path):
    obs = add_spending_value(repo)  # not committed
    status_before = git(repo, "status", "--porcelain")
    text = summary(repo, base="main", head=None)
    assert changes.word("worktree", "zh") in text
    assert changes.md(Lang(plan_now(repo), "zh").amount(obs.value, obs.unit)) in text
    assert git(repo, "status", "--porcelain") == status_before
    assert git(repo, "stash", "list") == ""


def test_no_change_says_so(repo: Path):
    git(repo, "commit", "-q", "--allow-empty", "-m", "nothing")
    assert changes.word("nothing", "en") in summary(repo, lang="en")


def test_glossary_and_ui_edits_are_summarised(repo: Path):
    plan = plan_now(repo)
    term = plan.glossary.terms[0]
    edit(repo, "glossary", term.definition.zh, term.definition.zh + "补充。")
    ui = data_file(repo, "ui")
    lines = ui.read_text(encoding="utf-8").splitlines(keepends=True)
    at, key = next(
        (i, k)
        for i, line in enumerate(lines)
        for k, text in plan.ui.strings.items()
        if line.startswith(f"  {k}:") and text.zh in line
    )
    lines[at] = lines[at].replace(plan.ui.strings[key].zh, plan.ui.strings[key].zh + "甲", 1)
    ui.write_text("".join(lines), encoding="utf-8")
    commit(repo)
    text = summary(repo)
    assert f"`{term.id}`" in text and f"`{key}`" in text


def test_the_comment_renders_data_text_as_typed(repo: Path):
    """Rendered as CommonMark with GitHub's tables and strikethrough, hostile text stays text.

    (markdown-it-py is pinned in constraints.txt; it comes with frictionless, a test requirement.)
    """
    from markdown_it import MarkdownIt

    hostile = "**粗体** <b>标签</b> [链接](https://evil.example) ~~删~~ $x$ | 表格 `代码`"
    edit_item(repo, "sources/example-report.yaml", "title: 示例统计公报", f'title: "{hostile}"')
    commit(repo)
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(summary(repo))
    for tag in ("<strong>", "<b>", "<del>", "<s>", 'href="https://evil.example"', "<table>"):
        assert tag not in html, tag
    assert "**粗体** &lt;b&gt;标签&lt;/b&gt; [链接](https://evil.example) ~~删~~ $x$ | 表格 `代码`" in html
    assert "<code>example-report</code>" in html  # ids are code, and the structure is there
    assert html.count("<h3>") >= 2


def test_data_text_is_escaped_for_the_comment(repo: Path):
    hostile = "**粗体** <b>标签</b> @someone [链接](https://evil.example) | 表格"
    edit_item(repo, "sources/example-report.yaml", "title: 示例统计公报", f'title: "{hostile}"')
    commit(repo)
    text = summary(repo)
    assert changes.md(hostile) in text
    for raw in ("**粗体**", "<b>", " @someone", "[链接]("):
        assert raw not in text
    assert changes.code("a`b") == "``a`b``"


# ---------------------------------------------------------------------------- a site of several plans


def _plan_folder(data: Path, folder: str, title: str) -> None:
    """The SYNTHETIC minimal fixture as one plan folder of a site, with its own title."""
    shutil.copytree(FIXTURE, data / folder, ignore=shutil.ignore_patterns("ui.yaml"))
    path = data / folder / "plan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: {zh: 示例规划, en: Example plan}", f"title: {{zh: {title}, en: {title} EN}}"))


@pytest.fixture
def site_repo(tmp_path: Path) -> Path:
    """A repository whose data/ is a site of two plans (a: 甲规划, b: 乙规划), each the minimal fixture."""
    root = tmp_path / "repo"
    data = data_dir(root)
    for folder, title in (("a", "甲规划"), ("b", "乙规划")):
        _plan_folder(data, folder, title)
    shutil.copy(FIXTURE / "ui.yaml", data / "ui.yaml")
    site = "# SYNTHETIC test fixture.\nname: {zh: 示例网站, en: Example site}\nplans: [a, b]\ncurrent: b\n"
    (data / "site.yaml").write_text(site, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    commit(root, "base")
    return root


def test_a_site_s_changes_are_told_per_plan_under_the_plan_s_title(site_repo: Path):
    data = data_dir(site_repo)
    (data / "b" / "sources" / "example-news.yaml").write_text(NEW_SOURCE, encoding="utf-8")
    value = (data / "a" / OBSERVATION).read_text(encoding="utf-8").replace("year: 2023", "year: 2024")
    (data / "b" / "observations" / "example-enterprises-2024.yaml").write_text(
        value.replace("source: example-report", "source: example-news"), encoding="utf-8"
    )
    commit(site_repo)
    report, site = check_site(data, site_repo)
    assert site is not None
    warnings = report.warnings
    for lang, text in summaries(site_repo).items():
        b_heading = "### " + changes.word("plan.heading", lang, title=f"乙规划{' EN' * (lang == 'en')}", folder="`b`")
        assert b_heading in text.splitlines()
        assert "甲规划" not in text  # plan a did not change: no heading of its own
        b_part = text.split(b_heading, 1)[1]
        assert f"#### {changes.word('values', lang)}" in b_part and changes.word("year", lang, year=2024) in b_part
        assert "`example-news`" in b_part  # the new source with the value, under plan b
        assert changes.word("pass", lang, warnings=len(warnings)) in text  # the verdict on the whole site


def test_a_plan_folder_added_or_removed_is_said_in_one_line(site_repo: Path):
    data = data_dir(site_repo)
    _plan_folder(data, "c", "丙规划")
    shutil.rmtree(data / "a")
    site = "# SYNTHETIC test fixture.\nname: {zh: 示例网站, en: Example site}\nplans: [b, c]\ncurrent: c\n"
    (data / "site.yaml").write_text(site, encoding="utf-8")
    commit(site_repo)
    for lang, text in summaries(site_repo).items():
        en = " EN" * (lang == "en")
        added = "- " + changes.word("plan.added", lang, title=f"丙规划{en}", folder="`c/`")
        removed = "- " + changes.word("plan.removed", lang, title=f"甲规划{en}", folder="`a/`")
        assert f"### {changes.word('plans', lang)}\n\n{added}\n{removed}\n" in text
        assert changes.word("values", lang) not in text  # the new plan's values are not itemised
        assert "`data/site.yaml`" in text  # the site's own file, under the site's section
        assert "### " + changes.word("plan.site", lang) in text


def test_a_site_s_shared_wording_is_told_once_not_once_per_plan(site_repo: Path):
    ui = data_dir(site_repo) / "ui.yaml"
    plan = load_plan(data_dir(site_repo) / "b", site_repo)
    key, text = next((k, t) for k, t in plan.ui.strings.items() if f"  {k}: {{zh: {t.zh}," in ui.read_text("utf-8"))
    ui.write_text(
        ui.read_text("utf-8").replace(f"  {key}: {{zh: {text.zh},", f"  {key}: {{zh: {text.zh}甲,", 1), "utf-8"
    )
    commit(site_repo)
    out = summary(site_repo)
    assert out.count(f"`{key}`") == 1 and "### " + changes.word("plan.site", "zh") in out
    assert "乙规划" not in out and "甲规划" not in out


def test_one_plan_folder_without_site_yaml_is_still_one_plan(repo: Path):
    """The one-plan layout (the fixtures'): no plan heading, the sections straight under the verdict."""
    add_spending_value(repo)
    commit(repo)
    text = summary(repo)
    assert f"### {changes.word('values', 'zh')}" in text.splitlines()
    assert "示例规划（" not in text and f"#### {changes.word('values', 'zh')}" not in text
