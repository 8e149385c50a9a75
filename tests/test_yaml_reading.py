"""Reading a YAML file: bounded on any input, and each slip named in Chinese on the line where it starts.

Every snippet here is synthetic. Each case asserts (line, column, code); where a slip
is about one character, the message must name it.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from plansite import paths
from plansite.problems import CODES
from plansite.yamlsource import (
    DATA_LOADER,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_TEXT_CHARS,
    MAX_VALUES,
    load_yaml,
    parse_yaml_text,
)

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def problems_of(text: str) -> list[tuple[int, int, str]]:
    _, problems = parse_yaml_text(text, "data/x.yaml")
    return [(p.line, p.column, p.code) for p in problems]


def only_problem(text: str):
    _, problems = parse_yaml_text(text, "data/x.yaml")
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


# (name, snippet, line, column, code, a text the detail must contain)
SLIPS = [
    # a full-width colon, the commonest input-method slip: on its own line, never the line below
    ("fw-colon-mid-mapping", "- indicator: x\n  value：149\n  year: 2023\n", 2, 8, "yaml-full-width-colon", "："),
    ("fw-colon-last-line", "- indicator: x\n  year: 2023\n  value：149\n", 3, 8, "yaml-full-width-colon", "value: 149"),
    ("fw-colon-list-item", "- indicator：x\n  year: 2023\n", 1, 12, "yaml-full-width-colon", "- indicator: x"),
    ("fw-colon-top-level-key", "title: a\nindicators：\n- id: x\n", 2, 11, "yaml-full-width-colon", "indicators:"),
    ("fw-colon-parses-silently", "a:\n  zh: x\n  en：\n", 3, 5, "yaml-full-width-colon", "："),
    ("fw-colon-spaced", "a:\n  value ： 149\n", 2, 9, "yaml-full-width-colon", "value: 149"),
    ("fw-colon-in-braces", "unit: {zh：家, en: x}\n", 1, 10, "yaml-full-width-colon", "{zh: 家, en: x}"),
    # a missing space after ':' makes one plain text of key and value, silently
    ("no-space-after-colon", "- indicator: x\n  year:2023\n  value: 7\n", 2, 7, "yaml-colon-no-space", "year: 2023"),
    ("no-space-in-braces", "unit: {zh:家, en: x}\n", 1, 10, "yaml-colon-no-space", "zh: 家"),
    # unclosed quotes: where the quote opened, not where parsing failed
    ("unclosed-double-quote", 'a:\n  zh: "abc\n  en: x\nb: 1\nc: "d"\n', 2, 7, "yaml-unclosed-quote", '"'),
    ("unclosed-quote-at-end", 'a:\n  zh: "abc\n  en: x\n', 2, 7, "yaml-unclosed-quote", '"'),
    ("unclosed-single-quote", "a:\n  zh: 'abc\n  en: x\nb: 'c'\n", 2, 7, "yaml-unclosed-quote", "'"),
    ("unclosed-quote-in-list", '- "abc\n- "def"\n- ghi\n', 1, 3, "yaml-unclosed-quote", '"'),
    # indentation: the line, and the indentation of its siblings
    ("indent-too-deep", "- indicator: x\n  year: 2023\n   value: 7\n  unit: u\n", 3, 4, "yaml-indent", "2 个空格"),
    ("indent-too-shallow", "- indicator: x\n  year: 2023\n value: 7\n  unit: u\n", 3, 2, "yaml-indent", "2 个空格"),
    ("indent-nested-map", "a:\n  b:\n    c: 1\n     d: 2\n", 4, 6, "yaml-indent", "4 个空格"),
    # structure
    ("stray-dash", "- indicator: x\n  year: 2023\n  - value: 7\n", 3, 3, "yaml-stray-dash", "- "),
    ("brace-not-closed", 'a:\n  unit: {zh: 家, en: ""\n  b: 1\n', 2, 9, "yaml-unbalanced-brackets", "{"),
    ("bracket-not-closed", "a:\n  list: [1, 2\n  b: 1\n", 2, 9, "yaml-unbalanced-brackets", "["),
    ("brace-extra", 'a:\n  unit: {zh: 家, en: ""}}\n  b: 1\n', 2, 24, "yaml-unbalanced-brackets", "}"),
    ("second-document", "a: 1\n---\nb: 2\n", 2, 1, "yaml-second-document", "---"),
    # full-width brackets, quotes, commas and dashes used as YAML syntax
    ("fw-braces", 'a:\n  unit: ｛zh: 家, en: ""｝\n', 2, 9, "yaml-full-width-punct", "｛"),
    ("fw-brackets", "a:\n  years: ［2023, 2024］\n", 2, 10, "yaml-full-width-punct", "［"),
    ("fw-comma-in-braces", 'a:\n  unit: {zh: 家，en: ""}\n', 2, 15, "yaml-full-width-punct", "，"),
    ("fw-quotes-around-colon", "a:\n  q: “目标: 149”\n  b: 1\n", 2, 6, "yaml-full-width-punct", "“"),
    ("fw-dash", "a:\n－ x\n", 2, 1, "yaml-full-width-punct", "－"),
    ("fw-empty-quotes", "unit: {zh: 家, en: “”}\n", 1, 19, "yaml-full-width-punct", "“”"),
    # what the parser says itself, translated
    ("colon-in-plain-value", "a:\n  q: 目标: 149\n", 2, 8, "yaml-syntax", "引号"),
    ("line-without-colon", "a: 1\nsome text\nb: 2\n", 2, 1, "yaml-syntax", "冒号"),
    ("bad-escape", 'a: "c:\\d"\n', 1, 7, "yaml-syntax", "反斜杠"),
    ("at-sign", "a: @x\n", 1, 4, "yaml-syntax", "引号"),
    ("control-character", "a: b\x07c\n", 1, 5, "yaml-control-char", "U+0007"),
]


@pytest.mark.parametrize("text,line,column,code,named", [c[1:] for c in SLIPS], ids=[c[0] for c in SLIPS])
def test_slip_is_reported_where_it_starts_in_chinese(text: str, line: int, column: int, code: str, named: str):
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.code) == (line, column, code)
    assert code in CODES
    assert CHINESE.search(problem.detail), problem.detail
    assert named in problem.detail


@pytest.mark.parametrize("text", [c[1] for c in SLIPS], ids=[c[0] for c in SLIPS])
def test_parser_english_is_only_ever_a_detail_after_chinese(text: str):
    problem = only_problem(text)
    assert CHINESE.match(problem.detail) or problem.detail.startswith(("“", "这")), problem.detail
    if "解析器原文" in problem.detail:
        assert CHINESE.search(problem.detail.split("解析器原文")[0])


@pytest.mark.parametrize(
    "text",
    [
        "a:\n  zh: 目标：到2025年达到149家\n  en: 'Target: 149'\n",  # a full-width colon in Chinese text is text
        "- https://example.com/a\n- {url: http://x}\n",  # a URL's colon is no key
        'a:\n  zh: 他说“好”，然后走了\n  q: "“目标: 149”"\n',  # Chinese quotes inside text are text
        "a: |\n  year:2023 value：1\n  ｛x｝\nb: 1\n",  # a block scalar is text, whatever it holds
        "a:\n  zh: 示例，示例\n  unit: {zh: 家，户, en: x}\n",  # a Chinese comma inside Chinese text
        "# indicators：\na: 1 # value：149\n",  # comments
    ],
)
def test_text_that_only_looks_like_a_slip_is_accepted(text: str):
    assert problems_of(text) == []


def _dates_as_text(value):
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_real_data_has_no_slips_and_reads_like_pyyaml():
    """The reader must not refuse the real data, must give back what PyYAML's own composer gives with the same
    scalar rules, and must read the real data as yaml.safe_load does but for dates, which stay text (the YAML 1.2
    core schema: models.Date reads them): so the switch from YAML 1.1 changed the meaning of nothing in data/."""
    files = sorted(paths.DATA.rglob("*.yaml"))
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        doc, problems = load_yaml(path, path.name)
        assert problems == [], [p.format() for p in problems]
        assert doc.data == yaml.load(text, Loader=DATA_LOADER), path
        assert doc.data == _dates_as_text(yaml.safe_load(text)), path


@pytest.mark.parametrize(
    ("plain", "expected"),
    [
        ("yes", "yes"),  # YAML 1.1: True
        ("No", "No"),  # False
        ("on", "on"),  # True
        ("12:30", "12:30"),  # 750, base 60
        ("1_000", "1_000"),  # 1000
        ("017", "017"),  # 15, octal
        ("2024-03-21", "2024-03-21"),  # a date
        ("true", True),
        ("false", False),
        ("149", 149),
        ("-4", -4),
        ("3.5", 3.5),
        ("0.25", 0.25),
        ("1e3", 1000.0),
        ("~", None),
        ("null", None),
    ],
)
def test_plain_scalars_mean_what_the_form_editor_meant(plain, expected):
    """The form editor writes YAML 1.2: text it writes plain must read back as that text, never as a boolean, a
    base-60 number or a date (a title typed as "yes" or a time "12:30" must not change)."""
    doc, problems = parse_yaml_text(f"a: {plain}\n", "f")
    assert problems == []
    assert doc.data == {"a": expected} and type(doc.data["a"]) is type(expected)


def test_story_front_matter_is_read_as_mkdocs_reads_it():
    """MkDocs reads a story's front matter with YAML 1.1 (a bare date is a date): the story checker must see the same."""
    doc, _ = parse_yaml_text("date: 2024-03-21\n", "story", front_matter=True)
    assert doc.data == {"date": dt.date(2024, 3, 21)}


def test_positions_of_values_and_keys():
    doc, _ = parse_yaml_text("# c\nobservations:\n- indicator: x\n  unit: {zh: 家, en: ''}\n", "f")
    assert doc.where(("observations", 0, "unit", "zh")) == (4, 14)
    assert doc.where(("observations", 0, "unit"), key=True) == (4, 3)
    assert doc.where(("observations", 0)) == (3, 3)


def test_duplicate_key_and_tab_still_reported():
    assert problems_of("a: 1\nb: 2\na: 3\n") == [(3, 1, "yaml-duplicate-key")]
    assert problems_of("a:\n\tb: 1\n") == [(2, 1, "yaml-tab-indent")]


def test_complex_key_is_refused_and_the_rest_still_read():
    doc, problems = parse_yaml_text("a:\n  ? [1]\n  : 2\n  b: 3\n", "f")
    assert [(p.line, p.code) for p in problems] == [(2, "yaml-syntax")]
    assert doc.data == {"a": {"b": 3}}


# ---------------------------------------------------------------------------- encodings

SAMPLE = "# 示例\nobservations:\n- indicator: x\n  quote: 示例企业达到7家。\n"


def read_bytes(tmp_path: Path, raw: bytes):
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    return load_yaml(path, "data/x.yaml")


def test_gbk_file_is_named_at_its_first_chinese_character(tmp_path: Path):
    doc, problems = read_bytes(tmp_path, SAMPLE.encode("gbk"))
    (p,) = problems
    assert (p.line, p.column, p.code) == (1, 3, "yaml-not-utf8")
    assert "GBK" in p.detail and doc.data is None
    hint = p.hint or CODES[p.code].hint
    assert "记事本" in hint and "WPS" in hint and "GitHub" in hint and "UTF-8" in hint


def test_gbk_after_ascii_lines_points_at_the_right_line(tmp_path: Path):
    (p,) = read_bytes(tmp_path, "a: 1\nb: x\nc: 示例\n".encode("gbk"))[1]
    assert (p.line, p.column, p.code) == (3, 4, "yaml-not-utf8")


@pytest.mark.parametrize("encoding,name", [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-32", "UTF-32")])
def test_utf16_and_utf32_are_named(tmp_path: Path, encoding: str, name: str):
    (p,) = read_bytes(tmp_path, SAMPLE.encode(encoding))[1]
    assert p.code == "yaml-not-utf8" and name in p.detail


def test_other_bytes_are_not_utf8_without_a_guess(tmp_path: Path):
    (p,) = read_bytes(tmp_path, b"a: caf\xe9\n")[1]
    assert (p.line, p.column, p.code) == (1, 7, "yaml-not-utf8")
    assert "0xE9" in p.detail


def test_utf8_with_bom_is_accepted_silently(tmp_path: Path):
    doc, problems = read_bytes(tmp_path, "\ufeff".encode() + SAMPLE.encode())
    assert problems == [] and doc.data["observations"][0]["quote"] == "示例企业达到7家。"
    assert doc.where(("observations",), key=True) == (2, 1)


# ---------------------------------------------------------------------------- bounded


def test_limits_keep_a_wide_margin_over_the_real_data():
    """If the data grows towards a limit, raise the limit on purpose rather than find out in a pull request."""
    files = list(paths.DATA.rglob("*.yaml"))
    assert max(f.stat().st_size for f in files) * 4 < MAX_FILE_BYTES
    longest, deepest, most = 0, 0, 0
    for f in files:
        depth = values = 0
        for event in yaml.parse(f.read_text(encoding="utf-8")):
            if isinstance(event, yaml.ScalarEvent):
                longest = max(longest, len(event.value))
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
            deepest = max(deepest, depth)
            values += isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent))
        most = max(most, values)
    assert longest * 4 < MAX_TEXT_CHARS
    assert deepest * 2 < MAX_DEPTH
    assert most * 4 < MAX_VALUES


def test_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path):
    (p,) = read_bytes(tmp_path, b"a: 1\n" + b"#" * MAX_FILE_BYTES)[1]
    assert (p.line, p.code) == (1, "yaml-file-too-large")
    assert read_bytes(tmp_path, b"a: 1\n" + b"#" * (MAX_FILE_BYTES - 10))[1] == []


def test_more_values_than_the_limit_are_refused_where_the_limit_is_passed():
    text = "a:\n" + "".join(f"- [{', '.join(['1'] * 9)}]\n" for _ in range(MAX_VALUES // 10 + 1))
    (p,) = parse_yaml_text(text, "f")[1]
    assert (p.line, p.code) == (MAX_VALUES // 10 + 1, "yaml-file-too-large")
    assert parse_yaml_text("a:\n" + "- 1\n" * (MAX_VALUES - 3), "f")[1] == []  # the root, a, its list, the items


def test_text_over_the_length_limit_is_refused_with_its_field():
    text = "a:\n  b: " + "x" * (MAX_TEXT_CHARS + 1) + "\n"
    (p,) = parse_yaml_text(text, "f")[1]
    assert (p.line, p.column, p.code, p.field) == (2, 6, "yaml-text-too-long", "a.b")
    assert parse_yaml_text("a:\n  b: " + "x" * MAX_TEXT_CHARS + "\n", "f")[1] == []


@pytest.mark.parametrize(
    "make,huge",
    [
        (lambda n: "a: " + "[" * n + "]" * n + "\n", 200_000),
        (lambda n: "a: " + "{b: " * n + "1" + "}" * n + "\n", 100_000),
        (lambda n: "".join("  " * i + f"k{i}:\n" for i in range(n)) + "  " * n + "x: 1\n", 900),
        (lambda n: "".join("  " * i + "-\n" for i in range(n)) + "  " * n + "- 1\n", 900),
    ],
    ids=["flow-lists", "flow-maps", "block-maps", "block-lists"],
)
def test_nesting_deeper_than_the_limit_is_refused(make, huge: int):
    assert parse_yaml_text(make(MAX_DEPTH - 1), "f")[1] == []
    codes = [p.code for p in parse_yaml_text(make(MAX_DEPTH + 5), "f")[1]]
    assert codes == ["yaml-too-deep"]
    t0 = time.perf_counter()
    (p,) = parse_yaml_text(make(huge), "f")[1]  # deep enough to overflow a recursive reader, within the size limit
    assert p.code == "yaml-too-deep" and time.perf_counter() - t0 < 5


BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi")
)


@pytest.mark.parametrize(
    "text,line,column",
    [
        (BOMB, 1, 4),
        ("observations:\n- value: &v 7\n  other: *v\n", 2, 10),
        ("a: &only 1\n", 1, 4),  # an anchor with no alias is refused too: the data needs neither
        ("base: &b {x: 1}\nc:\n  <<: *b\n", 1, 7),
        ("a: [*undefined]\n", 1, 5),
    ],
    ids=["billion-laughs", "alias-as-field-value", "anchor-alone", "merge-key", "undefined-alias"],
)
def test_anchors_and_aliases_are_refused_without_expanding(text: str, line: int, column: int):
    tracemalloc.start()
    try:
        _, problems = parse_yaml_text(text, "f")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(p.line, p.column, p.code) for p in problems] == [(line, column, "yaml-anchor-alias")]
    assert peak < 5_000_000


def test_a_megabyte_alias_bomb_in_a_data_file_stays_within_512_mb_and_seconds(tmp_path: Path):
    """The bug: `check` grew past 3 GB on this file. Run under an address-space limit, in a fresh process."""
    rows = BOMB + "".join(f"x{i}: &x{i} [*i, *i, *i, *i, *i, *i, *i, *i]\n" for i in range(20_000))
    rows = rows[: MAX_FILE_BYTES - 100]
    rows = rows[: rows.rindex("\n") + 1]
    path = tmp_path / "bomb.yaml"
    path.write_text(rows, encoding="utf-8")
    script = (
        "import resource, sys, pathlib\n"
        "resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))\n"
        "from plansite.yamlsource import load_yaml\n"
        "doc, problems = load_yaml(pathlib.Path(sys.argv[1]), 'data/bomb.yaml')\n"
        "print(*[p.code for p in problems])\n"
    )
    t0 = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["yaml-anchor-alias"]
    assert time.perf_counter() - t0 < 20
