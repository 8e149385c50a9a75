"""Check the news stories in docs/<lang>/updates/ the way data/ is checked: every problem at its line, never a traceback.

A story is Markdown with front matter (title, date, description) and shortcodes that show live
values from data/. Staff write Markdown, not HTML: raw HTML (beyond <br>, <sup> and <sub> without
attributes), attribute lists with key=value, and javascript:/vbscript:/data: links are refused.
Code in fenced blocks and `inline code` is an example, not a use: it is not checked (nor expanded).
The same rules stop the build (hooks/plan_pages.py), so whatever this accepts is what is published.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem, rel
from .wording import PLAN_FACTS
from .yamlsource import parse_yaml_text

if TYPE_CHECKING:
    from .plan import Plan

KINDS = ("value", "target", "chart", "plan")
FIELDS = ("title", "date", "slug", "description")
REQUIRED = ("title", "date")
# Chart ids besides the indicators' own (plansite/charts.py all_charts; a test keeps the two equal).
EXTRA_CHARTS = ("overview", "projects-by-chain")
LANGS = ("zh", "en")

SHORTCODE = re.compile(r"\[\[(value|target|chart|plan):([a-z0-9-]+)\]\]")
# [[plan:target-year]] names a plan fact (plansite.wording.PLAN_FACTS, with - for _): the same in every plan.
PLAN_FACT_IDS = frozenset(name.replace("_", "-") for name in PLAN_FACTS)
# Anything that looks like a shortcode: either bracket width, either colon, any case, spaces inside.
_NEAR = re.compile(
    r"[\[［【]{2}[ \t　]*([A-Za-zＡ-Ｚａ-ｚ]+)[ \t　]*([:：])[ \t　]*([^\[\]［］【】\n]{0,100}?)[ \t　]*[\]］】]{1,2}"
)
# MkDocs' own front-matter pattern (mkdocs.utils.meta.YAML_RE): a story is split exactly as the build splits it.
_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
# Python-Markdown's fenced_code pattern (markdown.extensions.fenced_code), so that exactly the blocks the
# build shows as code are skipped: skipping more would let HTML through.
_FENCED = re.compile(
    r"(?P<fence>^(?:~{3,}|`{3,}))[ ]*((\{(?P<attrs>[^\n]*)\})|(\.?(?P<lang>[\w#.+-]*)[ ]*)?"
    r"(hl_lines=(?P<quot>\"|')(?P<hl_lines>.*?)(?P=quot)[ ]*)?)\n(?P<code>.*?)(?<=\n)(?P=fence)[ ]*$",
    re.M | re.S,
)
_INLINE_CODE = re.compile(r"(?<![\\`])(`+)(?!`)([^\n]+?)(?<!`)\1(?!`)")

_ALLOWED_TAGS = {"br", "sup", "sub"}
_DANGEROUS_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "style",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "meta",
    "link",
    "base",
    "svg",
    "math",
    "template",
    "noscript",
}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]{0,2000})(>?)")
_OTHER_MARKUP = re.compile(r"<(!--|![A-Za-z\[]|\?)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s!:]+@[^<>\s@]+)>")
_SAFE_AUTOLINK = ("http:", "https:", "ftp:", "ftps:", "mailto:")
_EVENT_ATTR = re.compile(r"(?:^|[\s/\"'])(on[a-z]+)\s*=", re.I)
_ATTR_LIST = re.compile(r"\{:?[ ]*([^{}\n ][^{}\n]*)\}")  # no { inside: linear on any input
_ATTR_KEY = re.compile(r"([A-Za-z_:][\w:.-]*)\s*=")
_INLINE_LINK = re.compile(r"\]\([ \t]*<?([^\s)>]*)")
_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+)", re.M)
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")

# How to write the same thing in Markdown, per tag staff are likely to paste from a word processor.
_MARKDOWN_FOR = {
    "a": "链接请写成 [链接文字](https://网址)。",
    "img": "图片请写成 ![图片说明](图片文件名.png)。",
    "b": "粗体请写成 **文字**。",
    "strong": "粗体请写成 **文字**。",
    "i": "斜体请写成 *文字*。",
    "em": "斜体请写成 *文字*。",
    "p": "段落直接写文字，段落之间空一行。",
    "div": "段落直接写文字，段落之间空一行。",
    "span": "直接写文字即可，不需要 <span>。",
    "font": "字体和颜色由网站统一设置，直接写文字即可。",
    "table": "表格请用 Markdown 表格：| 列1 | 列2 |，下一行 | --- | --- |。",
    "tr": "表格请用 Markdown 表格：| 列1 | 列2 |，下一行 | --- | --- |。",
    "td": "表格请用 Markdown 表格：| 列1 | 列2 |，下一行 | --- | --- |。",
    "th": "表格请用 Markdown 表格：| 列1 | 列2 |，下一行 | --- | --- |。",
    "ul": "列表的每一项以“- ”开头。",
    "ol": "编号列表的每一项以“1. ”开头。",
    "li": "列表的每一项以“- ”或“1. ”开头。",
    "blockquote": "引文的每一行以“> ”开头。",
    "hr": "分隔线请单独一行写 ---（上下各空一行）。",
    "code": "代码请用反引号 `代码` 括起来。",
    "pre": "代码块请用单独一行的 ``` 开始和结束。",
    **{f"h{n}": f"标题请写成 {'#' * n} 标题文字。" for n in range(1, 7)},
}
_SCRIPT_HINT = {
    "script": "文章里不能放脚本。要显示图表请用 [[chart:指标id]]，显示数值请用 [[value:指标id]]。",
    "iframe": "不能把其他网页嵌入文章；请改成链接：[链接文字](https://网址)。",
    "style": "样式由网站统一设置，请删除 <style>，直接写文字。",
    "form": "文章里不能放表单；请改成链接：[链接文字](https://网址)。",
}
_EMBED_HINT = "不能在文章里嵌入插件或其他网页；请改成链接：[链接文字](https://网址)。"


@dataclass(frozen=True)
class Known:
    """The ids a shortcode may name: indicators for value/target, charts for chart."""

    indicators: frozenset[str]
    charts: frozenset[str]

    @classmethod
    def of(cls, plan: Plan) -> Known:
        ids = frozenset(i.id for i in plan.indicators)
        extra = [c for c in EXTRA_CHARTS if c != "projects-by-chain" or plan.chains]  # as charts.all_charts
        return cls(ids, ids | frozenset(extra))

    def ids(self, kind: str) -> frozenset[str]:
        if kind == "plan":
            return PLAN_FACT_IDS
        return self.charts if kind == "chart" else self.indicators


@dataclass(frozen=True)
class Story:
    """A story split the way MkDocs splits it."""

    front: str | None  # the front-matter YAML, None when there is no front matter
    front_line: int  # file line of the front matter's first line
    body: str  # the Markdown after the front matter
    body_line: int  # file line of the body's first line


def split_story(text: str) -> Story:
    """Front matter and body; the body starts after the blank lines MkDocs strips."""
    match = _FRONT.match(text)
    if not match:
        return Story(None, 0, text, 1)
    rest = text[match.end() :]
    body = rest.lstrip("\n")
    return Story(match.group(1), 2, body, text.count("\n", 0, match.end()) + len(rest) - len(body) + 1)


def code_spans(markdown: str) -> list[tuple[int, int]]:
    """Where the build surely shows text as code: fenced blocks' contents, and `inline code` in paragraphs
    whose every backtick pairs up on its own line.

    Python-Markdown pairs backticks across the lines of a paragraph, so one stray backtick can move every
    code span after it; in such a paragraph nothing is taken for code (and everything is checked).
    """
    fenced = list(_FENCED.finditer(markdown))
    spans = [(m.start("code"), m.end("code")) for m in fenced]
    pos = 0
    for start, end in [(m.start(), m.end()) for m in fenced] + [(len(markdown), len(markdown))]:
        spans.extend(_inline_code(markdown, pos, start))
        pos = end
    return sorted(spans)


def _inline_code(markdown: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for para in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", markdown[start:end]):
        found: list[tuple[int, int]] = []
        for line in re.finditer(r"[^\n]+", para.group(0)):
            matches = list(_INLINE_CODE.finditer(line.group(0)))
            runs = len(re.findall(r"`+", line.group(0)))
            if runs != 2 * len(matches):
                break  # a backtick without its partner on this line
            at = start + para.start() + line.start()
            found.extend((at + m.start(), at + m.end()) for m in matches)
        else:
            yield from found


def mask_code(markdown: str) -> str:
    """The markdown with code blanked out (newlines kept), so positions stay those of the file."""
    out, pos = [], 0
    for start, end in code_spans(markdown):
        out.append(markdown[pos:start])
        out.append(re.sub(r"[^\n]", " ", markdown[start:end]))
        pos = end
    out.append(markdown[pos:])
    return "".join(out)


def today_in_china() -> dt.date:
    """Stories are dated in China time, whatever the build machine's zone."""
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()


def story_files(docs_dir: Path) -> list[Path]:
    """The stories of one language folder (updates/index.md is the generated list, not a story)."""
    return sorted(p for p in (docs_dir / "updates").glob("*.md") if p.name != "index.md")


def check_stories(
    docs_dirs: Iterable[Path], root: Path, plan: Plan | None, today: dt.date | None = None
) -> tuple[list[Problem], int]:
    """Every problem in every story of the given language folders, and how many stories were read.

    Without a plan (data/ has errors) the shortcode ids cannot be resolved; everything else is checked.
    """
    known = Known.of(plan) if plan is not None else None
    today = today or today_in_china()
    problems: list[Problem] = []
    count = 0
    for docs_dir in docs_dirs:
        for path in story_files(docs_dir):
            count += 1
            problems.extend(check_story_file(path, rel(path, root), known, today))
    return problems, count


def check_story_file(path: Path, file: str, known: Known | None, today: dt.date) -> list[Problem]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        return [Problem("story-encoding", file, 1, 1, detail=f"文件不是 UTF-8 编码（{e.reason}）")]
    return check_story(text, file, known, today)


def check_story(text: str, file: str, known: Known | None, today: dt.date) -> list[Problem]:
    """Every problem of one story's text (newlines already \\n); file is the name to report."""
    story = split_story(text)
    problems = list(_front_matter(story, text, file, today))
    body_start = len(text) - len(story.body)
    masked = re.sub(r"[^\n]", " ", text[:body_start]) + mask_code(story.body)  # front matter and code blanked

    newlines = [m.start() for m in re.finditer("\n", masked)]

    def at(pos: int) -> tuple[int, int]:
        line = bisect.bisect_left(newlines, pos)
        return line + 1, pos - (newlines[line - 1] if line else -1)

    for code, pos, value, detail, hint in _body_problems(masked, body_start, known):
        problems.append(Problem(code, file, *at(pos), value=value, detail=detail, hint=hint))
    return sorted(problems, key=lambda p: (p.line, p.column))


def _front_matter(story: Story, text: str, file: str, today: dt.date) -> Iterator[Problem]:
    if story.front is None:
        detail = "文件第一行应当是 ---" if not text.startswith("---") else "没有找到结束 front matter 的那一行 ---"
        yield Problem("story-front-matter-missing", file, 1, 1, detail=detail)
        return
    # Blank lines in front of the YAML put every position, and the line numbers inside messages
    # ("第 2 行已经出现过"), on the file's own lines; a problem on line 0 (the whole text) is moved to the front.
    doc, yaml_problems = parse_yaml_text("\n" * (story.front_line - 1) + story.front, file, front_matter=True)
    yield from (p if p.line else replace(p, line=story.front_line, column=1) for p in yaml_problems)
    if doc.data is None:
        return
    meta = doc.data
    if not isinstance(meta, dict):
        colon = re.search(r"^\s*[A-Za-z_]+\s*：", story.front, re.M)
        hint = "字段名后面的冒号用了全角“：”：请改成半角冒号加一个空格，例如 title: 标题。" if colon else ""
        yield Problem("story-front-matter-not-mapping", file, story.front_line, 1, hint=hint)
        return

    def where(key: str, of_key: bool = False) -> tuple[int, int]:
        return doc.where((key,), key=of_key)

    for key in meta:
        if key not in FIELDS:
            close = difflib.get_close_matches(key.lower(), FIELDS, n=1, cutoff=0.6)
            hint = f"是不是想写“{close[0]}”？" if close else f"可用的字段只有 {'、'.join(FIELDS)}。"
            yield Problem("story-field-unknown", file, *where(key, True), field=key, detail=f"“{key}”", hint=hint)
    top = (story.front_line, 1)
    for key in REQUIRED:
        if meta.get(key) in (None, ""):
            place = where(key) if key in meta else top
            yield Problem("story-field-missing", file, *place, field=key, detail=f"缺少“{key}”")
    for key in ("title", "description"):
        value = meta.get(key)
        if isinstance(value, (dict, list)):
            yield Problem("type-wrong", file, *where(key), field=key, detail="这里应当是一行文字")
        elif isinstance(value, str):
            line, col = where(key)
            for code, _pos, found, detail, hint in _html_problems(value, 0):
                yield Problem(code, file, line, col, field=key, value=found, detail=detail, hint=hint)
    if "description" not in meta or meta.get("description") in (None, ""):
        yield Problem("story-description-missing", file, *top, field="description")
    date = meta.get("date")
    if date not in (None, ""):
        line, col = where("date")
        raw = text.splitlines()[line - 1][col - 1 :].strip().strip("'\"") if line <= text.count("\n") else ""
        if isinstance(date, dt.datetime) or not isinstance(date, dt.date) or not _DATE_TEXT.match(raw):
            yield Problem("story-date-invalid", file, line, col, field="date", value=str(date))
        elif date > today:
            yield Problem("story-date-future", file, line, col, field="date", value=str(date), detail=f"今天是 {today}")
    yield from _slug_problems(meta, file, where)


SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"  # the form editor asks for the same (plansite/cms.py)
_SLUG = re.compile(SLUG_PATTERN)


def _slug_problems(meta: dict, file: str, where: Callable[..., tuple[int, int]]) -> Iterator[Problem]:
    """slug (optional; the form editor asks for it): the short English words that name the file, the same in the
    Chinese and the English version of a story, so the language switch finds the other one."""
    if "slug" not in meta:
        return
    slug, date = meta["slug"], meta.get("date")
    line, col = where("slug")
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        yield Problem("story-slug-invalid", file, line, col, field="slug", value=str(slug))
        return
    if isinstance(date, dt.date) and not isinstance(date, dt.datetime):
        stem = Path(file).stem
        if stem != f"{date.isoformat()}-{slug}":
            detail = f"文件名是 {stem}.md，按 date 和 slug 应为 {date.isoformat()}-{slug}.md"
            yield Problem("story-file-name-mismatch", file, line, col, field="slug", value=slug, detail=detail)


def _body_problems(masked: str, start: int, known: Known | None) -> Iterator[tuple[str, int, str, str, str]]:
    yield from _shortcode_problems(masked, start, known)
    yield from _html_problems(masked, start)
    yield from _link_problems(masked, start)


def _closest(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def _normal_id(ident: str) -> str:
    return re.sub(r"[\s_]+", "-", unicodedata.normalize("NFKC", ident).strip().lower())


def _shortcode_problems(masked: str, start: int, known: Known | None) -> Iterator[tuple[str, int, str, str, str]]:
    for m in _NEAR.finditer(masked, start):
        raw = m.group(0)
        exact = SHORTCODE.fullmatch(raw)
        if exact:
            kind, ident = exact.groups()
            if known is not None and ident not in known.ids(kind):
                close = _closest(ident, known.ids(kind))
                hint = f"是不是想写 [[{kind}:{close}]]？" if close else ""
                yield "story-shortcode-id-unknown", m.start(), raw, f"“{ident}”", hint
            continue
        kind_n = unicodedata.normalize("NFKC", m.group(1)).lower()
        kind = kind_n if kind_n in KINDS else _closest(kind_n, KINDS)
        ident = _normal_id(m.group(3))
        if kind is None:
            yield "story-shortcode-malformed", m.start(), raw, f"没有“{m.group(1)}”这种短代码", ""
            continue
        unknown = ""
        if known is not None and ident not in known.ids(kind):
            close = _closest(ident, known.ids(kind))
            unknown = "" if close else f"（id“{ident}”不存在）"
            ident = close or ident
        yield "story-shortcode-malformed", m.start(), raw, f"应写作 [[{kind}:{ident}]]{unknown}", ""


def _html_problems(masked: str, start: int) -> Iterator[tuple[str, int, str, str, str]]:
    reported: set[str] = set()  # a closing tag is not reported again after its opening tag
    for m in re.finditer(r"<(?=[A-Za-z/!?])", masked[start:]):
        pos = start + m.start()
        auto = _AUTOLINK.match(masked, pos)
        if auto:
            url = auto.group(1)
            if ("@" in url and ":" not in url) or url.lower().startswith(_SAFE_AUTOLINK):
                continue
            if _unsafe(url):
                yield "story-link-unsafe", pos + 1, url, f"“{url[:40]}”", ""
            else:
                yield "story-html", pos, auto.group(0), "这不是网址，会被当作 HTML", "网址请写成 <https://…>。"
            continue
        other = _OTHER_MARKUP.match(masked, pos)
        if other:
            comment = other.group(1) == "!--"
            detail = "HTML 注释会出现在公开网页的源代码里" if comment else "HTML 声明"
            yield "story-html", pos, masked[pos : pos + 20].split("\n")[0], detail, "请删除这一段。"
            continue
        tag = _TAG.match(masked, pos)
        if not tag:
            continue
        closing, name, attrs = tag.group(1), tag.group(2).lower(), tag.group(3)
        if closing and name in reported:
            continue
        shown = tag.group(0)[:60].split("\n")[0]
        event = _EVENT_ATTR.search(attrs)
        if not (name in _ALLOWED_TAGS and not attrs.strip(" /")):
            reported.add(name)
        if name in _DANGEROUS_TAGS:
            hint = _SCRIPT_HINT.get(name, _EMBED_HINT)
            yield "story-html-script", pos, shown, f"<{closing}{name}>", hint
        elif event:
            yield "story-html-script", pos, shown, f"属性 {event.group(1)}=", "请删除这个属性；文章里不能放脚本。"
        elif name in _ALLOWED_TAGS and not attrs.strip(" /"):
            continue
        else:
            less_than = "" if closing else "如果这不是 HTML 而是小于号，请写成全角“＜”或 \\<。"
            hint = _MARKDOWN_FOR.get(name, less_than)
            yield "story-html", pos, shown, f"<{closing}{name}>", hint


def _unsafe(url: str) -> bool:
    # browsers decode entities and drop tabs, newlines and other controls inside a URL before reading its scheme
    plain = re.sub(r"[\x00-\x20\x7f\\]", "", html.unescape(url)).lower()
    return plain.startswith(_UNSAFE_SCHEMES)


def _link_problems(masked: str, start: int) -> Iterator[tuple[str, int, str, str, str]]:
    for pattern in (_INLINE_LINK, _REF_DEF):
        for m in pattern.finditer(masked, start):
            if _unsafe(m.group(1)):
                yield "story-link-unsafe", m.start(1), m.group(1), f"“{m.group(1)[:40]}”", ""
    for m in _ATTR_LIST.finditer(masked, start):
        keys = _ATTR_KEY.findall(m.group(1))
        events = [k for k in keys if k.lower().startswith("on")]
        if events:
            hint = "请删除这个属性；文章里不能放脚本。"
            yield "story-html-script", m.start(), m.group(0), f"属性 {events[0]}=", hint
        elif keys:
            hint = "属性列表 { } 里只能写 #标识 和 .类名；其余的外观由网站统一设置。"
            yield "story-html", m.start(), m.group(0), f"属性 {keys[0]}=", hint
