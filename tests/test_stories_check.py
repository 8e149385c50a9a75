"""Stories are checked like data: each rule has a code, a broken story and its expected file:line:column:code."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import markdown  # type: ignore[import-untyped]
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from plansite import paths
from plansite.__main__ import main
from plansite.charts import all_charts
from plansite.check import check
from plansite.problems import CODES, ERROR
from plansite.render import Renderer
from plansite.stories import Known, check_stories, check_story
from plansite.updates import UpdateError, expand_shortcodes, read_updates
from plansite.yamlsource import parse_yaml_text

from .conftest import FIXTURES, MINIMAL, current_folder, mkdocs_build, overlay

BAD_STORIES = sorted(p for p in (FIXTURES / "bad-stories").iterdir() if p.is_dir())
TODAY = dt.date(2026, 12, 1)
STORY = "docs/zh/updates/x.md"
FRONT = "---\ntitle: 示例\ndate: 2024-03-21\ndescription: 合成的测试文章。\n---\n\n"  # body starts on line 7
# the minimal fixture's ids (synthetic)
KNOWN = Known(
    frozenset({"example-enterprises", "example-spending"}),
    frozenset({"example-enterprises", "example-spending", "overview", "projects-by-chain"}),
)


def overlay_story(case: Path, tmp: Path) -> Path:
    """The minimal synthetic data with a broken case's docs/ beside it; returns the project root."""
    root = tmp / "project"
    shutil.copytree(MINIMAL, root)
    shutil.copytree(case / "docs", root / "docs")
    return root


def expected(case: Path) -> set[tuple[str, int, int, str]]:
    out = set()
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            file, lineno, col, code = line.rsplit(":", 3)
            out.add((file, int(lineno), int(col), code))
    return out


def found(text: str, known: Known | None = KNOWN, today: dt.date = TODAY) -> set[tuple[int, int, str]]:
    return {(p.line, p.column, p.code) for p in check_story(text, STORY, known, today)}


@pytest.mark.parametrize("case", BAD_STORIES, ids=[p.name for p in BAD_STORIES])
def test_broken_story_reports_expected_problems(case: Path, tmp_path: Path):
    root = overlay_story(case, tmp_path)
    _, plan = check(root / "data", root)
    assert plan is not None, "the data beside a broken story is the valid minimal fixture"
    problems, count = check_stories([root / "docs" / "zh"], root, plan, TODAY)
    assert count == 1
    assert {(p.file, p.line, p.column, p.code) for p in problems} == expected(case)


def test_every_story_code_has_a_broken_story_and_a_chinese_title_and_hint():
    shown = {code for case in BAD_STORIES for *_, code in expected(case)}
    story_codes = {c for c in CODES if c.startswith("story-")}
    assert story_codes and story_codes - shown == set()
    for code in story_codes:
        assert re.search(r"[\u4e00-\u9fff]", CODES[code].title) and re.search(r"[\u4e00-\u9fff]", CODES[code].hint)


def test_near_miss_shortcodes_show_the_corrected_form():
    i = "example-enterprises"  # an indicator id of the synthetic fixture (KNOWN)
    body = (
        f"[[value：{i}]] [[ value:{i} ]] 【【value:{i}】】\n"
        f"［［target:{i}］］ [[Value:{i}]] [[value:{i.title()}]]\n"
        f"[[values:{i}]] [[chart：overveiw]]\n"
    )
    problems = check_story(FRONT + body, STORY, KNOWN, TODAY)
    assert [(p.line, p.code) for p in problems] == [(7, "story-shortcode-malformed")] * 3 + [
        (8, "story-shortcode-malformed")
    ] * 3 + [(9, "story-shortcode-malformed")] * 2
    corrected = [re.search(r"应写作 (\S+)", p.detail).group(1) for p in problems]  # type: ignore[union-attr]
    assert corrected == [f"[[value:{i}]]"] * 3 + [f"[[target:{i}]]"] + [f"[[value:{i}]]"] * 3 + ["[[chart:overview]]"]


def test_unknown_ids_and_keys_suggest_the_closest(tmp_path: Path):
    shortcode = check_story(FRONT + "[[value:example-enterprize]]\n", STORY, KNOWN, TODAY)
    assert [(p.line, p.column, p.code) for p in shortcode] == [(7, 1, "story-shortcode-id-unknown")]
    assert "[[value:example-enterprises]]" in shortcode[0].hint
    key = check_story("---\ntitle: 示例\ndate: 2024-03-21\ndescripton: 摘要\n---\n", STORY, KNOWN, TODAY)
    unknown = [p for p in key if p.code == "story-field-unknown"]
    assert [(p.line, p.column) for p in unknown] == [(4, 1)] and "description" in unknown[0].hint


def test_front_matter_yaml_errors_are_the_data_checkers_own_on_the_files_lines():
    for front in ('title: "未闭合\ndate: 2024-03-21\n', "title: 示例\n\tdate: 2024-03-21\n", "title: [示例\n"):
        story = f"---\n{front}---\n\n# 示例\n"
        mine = {(p.line, p.code, p.detail) for p in check_story(story, STORY, KNOWN, TODAY) if p.severity == ERROR}
        _, theirs = parse_yaml_text(front, STORY)
        assert theirs, front
        assert mine == {(p.line + 1, p.code, p.detail) for p in theirs}, front


def test_the_date_is_a_real_day_not_after_today():
    def date_problems(value: str, today: dt.date = TODAY) -> set[str]:
        text = f"---\ntitle: 示例\ndate: {value}\ndescription: 摘要\n---\n"
        return {p.code for p in check_story(text, STORY, KNOWN, today)}

    assert date_problems("2026-12-01") == set()
    assert date_problems("2026-12-02") == {"story-date-future"}
    assert date_problems("2026-12-02", today=dt.date(2026, 12, 2)) == set()
    for bad in ("2024-13-01", "2024-02-30", "2024-3-21", "2024/03/21", "2024-03-21 10:00", "'下周'"):
        assert date_problems(bad) == {"story-date-invalid"}, bad


def test_html_title_and_attribute_lists_are_refused():
    title = check_story('---\ntitle: 示例<img src=x onerror="alert(1)">\ndate: 2024-03-21\n---\n', STORY, KNOWN, TODAY)
    assert ("story-html-script", 2) in {(p.code, p.line) for p in title}
    assert found(FRONT + "# 标题 {: style='color:red' }\n\n段落 {: #ok .note }\n") == {(7, 6, "story-html")}
    assert found(FRONT + "x<y 且 z>w\n") == {(7, 2, "story-html")}
    assert found(FRONT + "H<sub>2</sub>O，10<sup>3</sup>，<br> <br/>\n") == set()
    assert found(FRONT + '<sup class="x">3</sup>\n') == {(7, 1, "story-html")}


def test_unsafe_links_are_refused_however_they_are_spelled():
    for link in (
        "[a](javascript:alert(1))",
        "[a](JavaScript:alert(1))",
        "[a](<javascript:alert(1)>)",
        "[a]( java&#x73;cript:alert(1))",
        "[a](java&#9;script:alert(1))",
        "![a](data:text/html,x)",
        "<vbscript:msgbox(1)>",
        "[a][r]\n\n[r]: javascript:alert(1)",
    ):
        assert {code for *_, code in found(FRONT + link + "\n")} == {"story-link-unsafe"}, link
    ok = "[a](https://www.tianmen.gov.cn/) <https://www.tianmen.gov.cn/> <a@b.cn> [b](../about.md)\n"
    assert found(FRONT + ok) == set()


def test_code_examples_are_left_alone_but_only_real_code(plan):
    examples = FRONT + (
        "写法示例：`[[value：x]]`、`<script>`、`[[value:no-such-id]]`。\n\n"
        "```markdown\n<script>alert(1)</script>\n[[Value:x]] [[value:no-such-id]]\n```\n"
    )
    assert found(examples) == set()
    zh = Renderer(plan, "zh")
    body = examples.split("---\n\n", 1)[1]
    assert expand_shortcodes(body, zh, "updates/x.md", STORY) == body  # the build leaves the same spans alone
    # what Python-Markdown does not take for a fenced block is checked like any text
    not_code = FRONT + "  ```\n<script>alert(1)</script>\n  ```\n\n```\n\n<iframe src=x>\n"
    assert {(line, code) for line, _, code in found(not_code)} == {(8, "story-html-script"), (13, "story-html-script")}


# Fragments a story may be built from, hostile and harmless, for the property below.
_FRAGMENTS = [
    "正文。",
    "\n\n",
    "\n",
    "`",
    "```",
    "```html\n",
    "~~~\n",
    "    ",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<div>",
    "<br>",
    "<sup>2</sup>",
    "<!-- x -->",
    "[a](javascript:alert(1))",
    "[a](https://example.gov.cn/)",
    "{: onclick=alert(1) }",
    "{: #id }",
    "[r]: javascript:x",
    "<javascript:alert(1)>",
    "&lt;script&gt;",
    "x<y",
    "> ",
    "- ",
    "| a | b |\n| - | - |\n",
    "# ",
    "\\`",
    "``",
    "`<script>alert(1)</script>`",
    "`[a](javascript:alert(1))`",
    "<div>\n",
    "  ",
]
_DANGER_TAG = re.compile(r"<(script|iframe|style|object|embed|form|div)\b|<[^>]*\son[a-z]+\s*=", re.I)
_URL_ATTR = re.compile(r"\s(?:href|src)=\"([^\"]*)\"")


def _dangerous(rendered: str) -> bool:
    if _DANGER_TAG.search(rendered):
        return True
    urls = (re.sub(r"[\x00-\x20]", "", html.unescape(u)).lower() for u in _URL_ATTR.findall(rendered))
    return any(u.startswith(("javascript:", "vbscript:", "data:")) for u in urls)


@settings(max_examples=250, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=12))
@example(["`", "\n", "`", "<script>alert(1)</script>", "`"])  # a stray backtick pairs across lines
@example(["# ", "`", "\n", "<script>alert(1)</script>", "`"])
def test_whatever_the_checker_accepts_renders_without_script_or_html(parts):
    body = "".join(parts)
    if any(p.severity == ERROR for p in check_story(FRONT + body, STORY, KNOWN, TODAY)):
        return
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "admonition", "tables", "toc", "fenced_code"])
    rendered = md.convert(body)
    outside_code = re.sub(r"<code[^>]*>.*?</code>", "", rendered, flags=re.S)
    assert not _dangerous(outside_code), (body, rendered)


def test_the_checker_finishes_quickly_on_pathological_stories():
    import time

    for body in ("`" * 20000, "` " * 20000, "[[" * 20000, "<a " * 5000, "{" * 20000, "](" * 20000, "```\n" * 5000):
        start = time.perf_counter()
        check_story(FRONT + body, STORY, KNOWN, TODAY)
        assert time.perf_counter() - start < 5, body[:10]


def test_read_updates_raises_only_update_error_on_any_broken_story(tmp_path: Path):
    for case in BAD_STORIES:
        try:
            read_updates(case / "docs" / "zh")
        except UpdateError as e:
            assert re.search(r"\.md:\d+:", str(e)), case.name


def test_chart_ids_are_the_charts_the_build_draws(plan):
    assert Known.of(plan).charts == {c.id for c in all_charts(plan, "zh")}


def test_the_real_stories_pass(plan):
    folders = [paths.ROOT / "docs" / lang / current_folder() for lang in ("zh", "en")]  # the plan's stories
    problems, count = check_stories(folders, paths.ROOT, plan)
    assert count >= 2 and problems == []


def test_cli_annotates_a_story_problem_on_its_line_and_counts_the_story(tmp_path: Path, capsys):
    root = overlay_story(FIXTURES / "bad-stories" / "story-shortcode-id-unknown", tmp_path)
    assert main(["check", "--data", str(root / "data"), "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    story = "docs/zh/updates/2024-03-21-example.md"
    assert out[0].startswith(f"::error file={story},line=9,col=4,title=story-shortcode-id-unknown::")
    assert out[1].startswith(f"::error file={story},line=11,col=1,title=story-shortcode-id-unknown::")
    assert "检查了 15 个文件：2 个错误" in out[-1]  # the minimal fixture's 14 data files and the story
    assert main(["check", "--data", str(root / "data"), "--docs", str(tmp_path / "nothing-here")]) != 0


def test_data_and_story_problems_come_all_at_once_even_when_the_data_is_broken(tmp_path: Path, capsys):
    root = overlay(FIXTURES / "bad" / "number-with-unit", tmp_path)
    shutil.copytree(FIXTURES / "bad-stories" / "story-shortcode-malformed" / "docs", root / "docs")
    assert main(["check", "--data", str(root / "data")]) == 1
    out = capsys.readouterr().out
    codes = re.findall(r"^\S+:\d+:\d+: ([a-z-]+):", out, re.M)
    assert codes == ["number-with-unit"] + ["story-shortcode-malformed"] * 7  # ids unresolved, syntax still checked
    assert "检查了 15 个文件：8 个错误" in out.splitlines()[-1]


def test_cli_text_format_and_exit_codes(tmp_path: Path, capsys):
    root = overlay_story(FIXTURES / "bad-stories" / "story-html-script", tmp_path)
    assert main(["check", "--data", str(root / "data"), "--docs", str(root / "docs" / "zh")]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("docs/zh/updates/2024-03-21-example.md:9:1: story-html-script: ")
    warn_only = overlay_story(FIXTURES / "bad-stories" / "story-description-missing", tmp_path / "w")
    assert main(["check", "--data", str(warn_only / "data")]) == 0  # a warning does not fail the check
    assert main(["check"]) == 0  # the real data/ and docs/


@pytest.mark.build
def test_a_bad_story_stops_the_build_with_the_checkers_message(tmp_path: Path, plan):
    docs = tmp_path / "docs"
    shutil.copytree(paths.ROOT / "docs" / "zh", docs)
    ind = plan.indicators[0].id  # a real id of the plan built, so only the full-width colon is wrong
    (docs / current_folder() / "updates" / "2025-01-01-typo.md").write_text(
        f"---\ntitle: 测试\ndate: 2025-01-01\ndescription: 测试\n---\n\n# 测试\n\n[[value：{ind}]]\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = mkdocs_build(site, quiet=False, PLANSITE_DOCS=str(docs))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "2025-01-01-typo.md:9:1: story-shortcode-malformed" in output and f"[[value:{ind}]]" in output
    assert "Traceback" not in output
    assert not site.exists() or not any(site.rglob("*.html"))
