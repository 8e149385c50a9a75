"""Checker ≡ build: whatever the checker accepts renders, and whatever would break the build the checker refuses first.

The property-based test generates variations of the synthetic fixture (tests/fixtures/minimal: values,
years, units, qualifiers, optional fields, numbers of items, empty lists, Unicode and HTML-ish text) that
the checker accepts, and renders every page, the navigation, the charts and the downloads of both
languages. All generated data is SYNTHETIC.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from plansite import downloads, paths, render
from plansite import models as m
from plansite.catalog import KINDS, item_stem
from plansite.charts import all_charts
from plansite.check import check
from plansite.render import Renderer
from plansite.rules.uikeys import STATIC_KEYS, STATUS_REASONS, families, required_ui_keys
from plansite.yamlwrite import ITEM_MODELS, dump

from .conftest import MINIMAL, mkdocs_build

TODAY = dt.date(2026, 12, 1)

# ------------------------------------------------------------------------------ ui keys

# t("key") and w("key") in templates and Python, ui_text(plan, "key", …) in Python, ui["key"] / ui['key'] in the
# theme and the hook; a key followed by ~ or + is a family prefix ("status." ~ code).
_USE = re.compile(
    r"""(?:(?<![\w.])(?:t|w|lang\.t|self\.t)\(\s*|\bui_text\(\s*[\w.]+,\s*|\bui\[\s*)(["'])([A-Za-z0-9_.]+)\1(\s*[~+])?"""
)
_HTML_USE = re.compile(r"""\bui\[\s*(["'])([A-Za-z0-9_.]+)\1""")  # lang.t() in overrides is the theme's own


def _used_keys() -> tuple[set[str], set[str]]:
    static: set[str] = set()
    prefixes: set[str] = set()
    code = [
        *paths.TEMPLATES.glob("*.j2"),
        *(paths.ROOT / "plansite").glob("*.py"),
        *(paths.ROOT / "hooks").glob("*.py"),
    ]
    for f in code:
        for match in _USE.finditer(f.read_text(encoding="utf-8")):
            (prefixes if match.group(3) else static).add(match.group(2))
    for f in (paths.ROOT / "overrides").rglob("*.html"):
        static.update(m.group(2) for m in _HTML_USE.finditer(f.read_text(encoding="utf-8")))
    return static, prefixes


def test_every_ui_key_a_template_uses_is_required_by_the_checker():
    static, prefixes = _used_keys()
    assert len(static) > 100 and "nav.home" in static  # the scan finds the uses
    assert static - set(required_ui_keys()) == set(), "add the key to plansite/rules/uikeys.py STATIC_KEYS"
    assert prefixes - set(families()) == set(), "add the family to plansite/rules/uikeys.py families()"


def test_the_required_list_has_no_key_nothing_uses():
    static, prefixes = _used_keys()
    assert set(STATIC_KEYS) - static == set()
    assert set(families()) - prefixes == set()


def test_every_no_data_reason_the_status_rule_gives_has_its_ui_key():
    source = (paths.ROOT / "plansite" / "status.py").read_text(encoding="utf-8")
    reasons = set(re.findall(r"""Status\(\s*"no-data",\s*"([a-z-]+)\"""", source))
    reasons |= set(re.findall(r'"(not-comparable|none|no-baseline)"', source))
    assert reasons and reasons <= set(STATUS_REASONS)


def test_the_scan_catches_a_key_a_template_would_add(tmp_path: Path):
    """The regular expression the key test relies on matches every way a template spells a use."""
    sample = """{{ t("a.b") }} {{ t('c.d') }} {{ t("status." ~ s.code) }} lang.t('e.f') w("g.h") ui["i.j"]"""
    sample += """ ui_text(plan, "k.l", "zh") ui_text(self.plan, 'm.n', lang)"""
    found = {(m.group(2), bool(m.group(3))) for m in _USE.finditer(sample)}
    assert found == {
        ("a.b", False),
        ("c.d", False),
        ("status.", True),
        ("e.f", False),
        ("g.h", False),
        ("i.j", False),
        ("k.l", False),
        ("m.n", False),
    }


# ------------------------------------------------------------------------------ generated variations

_HOSTILE = [
    "<script>alert(1)</script>",
    "</textarea><img src=x onerror=alert(1)>",
    "&amp; &lt; & < > \" '",
    "{{ 7*7 }} {% raw %} [# #]",
    "*强调* _下划线_ `代码` # 标题 | 表格 |",
    "[链接](javascript:alert(1))",
    "=SUM(A1:A2)",
    "+1-2@3",
    "\\ 反斜杠 \\n",
    "𠀀𪚥 emoji 🎉 Ω≈ç√",
    "全角：，。；（）“引号”",
    "a" * 300,
]
_PLAIN = st.text(
    alphabet=st.sampled_from(list("示例指标企业科技创新天门市abcXYZ019 .,;-—()（）、。")), min_size=1, max_size=12
).filter(lambda s: s.strip() != "")
TEXT = st.one_of(_PLAIN, st.sampled_from(_HOSTILE))
EN = st.one_of(st.just(""), TEXT)

UNITS = ["家", "个", "万元", "亿元", "%", "人", "项", None]


def _text(draw, zh=None) -> dict:
    return {"zh": zh if zh is not None else draw(TEXT), "en": draw(EN)}


def _number(draw, low: float, high: float) -> float | int:
    if draw(st.booleans()):
        return draw(st.integers(int(low), int(high)))
    return round(draw(st.floats(low, high, allow_nan=False, allow_infinity=False)), 2)


def _written(value: float | int) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _load(name: str) -> dict:
    if name in _LISTS:  # kept one item per file: gathered here into one list, written back one file per item
        key, folders = _LISTS[name]
        files = sorted(p for folder in folders for p in (MINIMAL / "data" / folder).glob("*.yaml"))
        return {key: [yaml.safe_load(p.read_text(encoding="utf-8")) for p in files]}
    return yaml.safe_load((MINIMAL / "data" / name).read_text(encoding="utf-8"))


# The variations keep sources, values and status entries as lists (list name -> its key, the item folders);
# _write gives each item its file, named by its key, as the data keeps them.
_LISTS = {
    "sources.yaml": ("sources", ("sources",)),
    "observations.yaml": ("observations", ("observations",)),
    "status.yaml": ("entries", ("status/projects", "status/milestones")),
}


def _item_kind(name: str, item: dict) -> str:
    if name == "sources.yaml":
        return "source"
    if name == "observations.yaml":
        return "observation"
    return "status-project" if item.get("project") else "status-milestone"


BASE = {
    name: _load(name)
    for name in (
        "plan.yaml",
        "plan/chapter-1.yaml",
        "indicators.yaml",
        "industries/example-chain.yaml",
        "commitments.yaml",
        "references.yaml",
        "editorial-notes.yaml",
        "sources.yaml",
        "observations.yaml",
        "status.yaml",
        "glossary.yaml",
        "ui.yaml",
    )
}


@st.composite
def variations(draw) -> dict[str, dict]:
    """A data set the checker should accept: the fixture with its values, texts and lists varied."""
    d = copy.deepcopy(BASE)
    chapter = d["plan/chapter-1.yaml"]
    chapter["title"] = _text(draw)
    section = chapter["children"][0]
    section["title"] = _text(draw)
    for p in section["paragraphs"]:
        p["text"]["zh"] = draw(TEXT) + p["text"]["zh"] + draw(TEXT)  # the notes' source strings stay in it
        p["text"]["en"] = draw(EN)
        if draw(st.booleans()):
            p.pop("lead", None)
    for k in range(draw(st.integers(0, 3))):
        section["paragraphs"].append({"id": f"1-1-p{3 + k}", "text": _text(draw)})
    for s in range(2, 2 + draw(st.integers(0, 2))):
        chapter["children"].append(
            {
                "id": f"1-{s}",
                "number": f"({'一二三四'[s - 1]})",
                "title": _text(draw),
                "paragraphs": [
                    {"id": f"1-{s}-p{k}", "text": _text(draw)} for k in range(1, draw(st.integers(1, 3)) + 1)
                ],
            }
        )
    # text of the chapter itself, before its first section (issue 11: accepted, and shown)
    chapter["paragraphs"] = [{"id": f"1-p{k}", "text": _text(draw)} for k in range(1, draw(st.integers(0, 2)) + 1)]
    shape = draw(st.sampled_from(["none", "sections", "no-sections"]))
    if shape == "sections":
        d["plan/chapter-2.yaml"] = {
            "id": "2",
            "number": "二、",
            "title": _text(draw),
            "children": [
                {
                    "id": "2-1",
                    "number": "(一)",
                    "title": _text(draw),
                    "paragraphs": [{"id": "2-1-p1", "text": _text(draw)}],
                }
            ],
        }
    elif shape == "no-sections":  # a chapter that is one page of text
        d["plan/chapter-2.yaml"] = {
            "id": "2",
            "number": "二、",
            "title": _text(draw),
            "paragraphs": [{"id": f"2-p{k}", "text": _text(draw)} for k in range(1, draw(st.integers(1, 2)) + 1)],
        }

    table = d["indicators.yaml"]
    table["title"] = _text(draw)
    for ind in table["indicators"]:
        unit = draw(st.sampled_from(UNITS))
        high = 100 if unit == "%" else 10000
        if unit is None:
            ind.pop("unit")
            ind["unit_source"] = "none"
        else:
            ind["unit"] = _text(draw, unit)
        ind["name"] = _text(draw)
        ind["cumulative"] = draw(st.booleans())
        ind["direction"] = draw(st.sampled_from(["higher", "lower"]))
        baseline = _number(draw, 0, high)
        target = _number(draw, 0, high)
        if target == baseline:
            target = baseline + 1 if baseline + 1 <= high else baseline - 1
        ind["baseline"] = {"year": 2020, "value": baseline}
        ind["target"] = {"year": 2025, "value": target, **({"paragraphs": ["1-1-p1"]} if draw(st.booleans()) else {})}
        qualifier = draw(st.sampled_from([None, *m.DEFAULT_QUALIFIERS]))
        if qualifier:
            ind["target"]["qualifier"] = qualifier
        if draw(st.booleans()):
            ind["tolerance"] = draw(st.sampled_from([0, 0.05, 0.1, 0.5]))
        if draw(st.booleans()):
            ind["note"] = _text(draw)
        ind["expected_sources"] = [_text(draw) for _ in range(draw(st.integers(0, 2)))]
        earlier_unit = "亿元" if unit == "万元" and draw(st.booleans()) else unit
        ind["earlier"] = [
            {
                "year": year,
                "period_label": _text(draw),
                "value": _number(draw, 0, 100 if unit == "%" else 1000),
                "unit": _text(draw, earlier_unit or "个"),
                "paragraph": "1-1-p2",
            }
            for year in draw(st.lists(st.integers(2015, 2019), unique=True, max_size=2))
            if unit is not None
        ]
        ind["_unit"] = unit
    d["plan.yaml"]["headline_indicators"] = draw(
        st.lists(st.sampled_from([i["id"] for i in table["indicators"]]), unique=True, max_size=2)
    )

    observations = []
    for ind in table["indicators"]:
        unit = ind.pop("_unit")
        for year in draw(st.lists(st.integers(2021, 2025), unique=True, max_size=3)):
            value = _number(draw, 0, 100 if unit == "%" else 10000)
            obs_unit = unit or "个"
            observations.append(
                {
                    "indicator": ind["id"],
                    "year": year,
                    "value": value,
                    "unit": _text(draw, obs_unit),
                    "source": "example-report",
                    "quote": f"{draw(_PLAIN)}达到{_written(value)}{obs_unit}。",
                    "kind": "cumulative-total" if ind["cumulative"] else "level",
                    "match": "exact",
                }
            )
            if draw(st.booleans()):
                observations[-1]["match"] = "close-equivalent"
                observations[-1]["match_note"] = _text(draw)
    d["observations.yaml"]["observations"] = observations

    chain = d["industries/example-chain.yaml"]
    chain["name"] = _text(draw)
    project = chain["projects"][0]
    project["name"] = _text(draw)
    project["description"]["en"] = draw(EN)
    project["enterprises"] = [_text(draw) for _ in range(draw(st.integers(0, 2)))]
    if draw(st.booleans()):
        project["quantities"] = []
    for n in range(2, 2 + draw(st.integers(0, 2))):
        chain["projects"].append(
            {"id": f"example-chain-0{n}", "number": n, "name": _text(draw), "description": _text(draw)}
        )

    commitments = d["commitments.yaml"]
    if draw(st.booleans()):
        commitments["commitments"] = []
    for c in commitments["commitments"]:
        c["text"] = _text(draw)
    keep_milestone = draw(st.booleans())
    if not keep_milestone:
        commitments["milestones"] = []
    status = d["status.yaml"]
    entries = [e for e in status["entries"] if keep_milestone or "milestone" not in e]
    for e in entries:
        e["note"] = _text(draw)
        e["date"] = draw(st.dates(dt.date(2020, 1, 1), dt.date(2026, 11, 30)))
        e["stage"] = draw(
            st.sampled_from(
                ["in-progress", "achieved"]
                if "milestone" in e
                else ["planning", "under-construction", "in-operation", "completed"]
            )
        )
    status["entries"] = entries if draw(st.booleans()) else []

    if draw(st.booleans()):
        d["references.yaml"]["references"] = []
    glossary = d["glossary.yaml"]
    glossary["terms"][0]["definition"] = _text(draw)
    for k in range(draw(st.integers(0, 2))):
        glossary["terms"].append(
            {
                "id": f"term-{k}",
                "term": {"zh": draw(_PLAIN), "en": draw(st.one_of(st.just(""), _PLAIN))},
                "definition": _text(draw),
            }
        )
    for s in d["sources.yaml"]["sources"]:
        s["title"] = draw(TEXT)
        s["publisher"] = draw(TEXT)
    return d


def _write(data: dict[str, dict], root: Path) -> Path:
    if root.exists():
        shutil.rmtree(root)
    for name, content in data.items():
        if name in _LISTS:
            for item in content[_LISTS[name][0]]:
                kind = _item_kind(name, item)
                model = ITEM_MODELS[kind]
                folder = next(k for k in KINDS if k.name == kind).pattern.rsplit("/", 1)[0]
                path = root / "data" / folder / f"{item_stem(kind, model.model_validate(item))}.yaml"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(dump(item, model), encoding="utf-8")
            continue
        path = root / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=10**6)
        path.write_text("# SYNTHETIC data generated by tests/test_checker_build_agree.py\n" + text, encoding="utf-8")
    return root


@contextlib.contextmanager
def _templates_compiled_once():
    """Renderer compiles every template anew; share one environment so many examples stay fast.

    Renderer sets all its globals on the environment it gets, so the renderers, used one after
    another, still each see their own plan and language.
    """
    original = render._env
    render._env = functools.cache(original)
    try:
        yield
    finally:
        render._env = original


@pytest.fixture(autouse=True)
def _fast_templates():
    with _templates_compiled_once():
        yield


def _render_everything(plan, tmp: Path) -> None:
    for lang in ("zh", "en"):
        renderer = Renderer(plan, lang)
        pages = renderer.pages()
        assert pages and all(p.markdown.strip() for p in pages)
        assert renderer.nav()
        for chart in all_charts(plan, lang):
            renderer.embed(chart.id)
    downloads.write_downloads(plan, tmp / "downloads")
    for ind in plan.indicators:
        downloads.indicator_rows(plan, ind.id)


def _accepted_and_rendered(data: dict[str, dict], tmp: Path) -> None:
    root = _write(data, tmp / "project")
    report, plan = check(root / "data", root, today=TODAY)
    for p in report.errors:
        note(p.format())
    assert report.errors == [] and plan is not None, "the generator made data the checker refuses"
    _render_everything(plan, root)


_SETTINGS = settings(
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)


def test_whatever_the_checker_accepts_renders_in_both_languages(tmp_path: Path):
    @settings(_SETTINGS, max_examples=4)
    @given(data=variations())
    def run(data):
        _accepted_and_rendered(data, tmp_path)

    run()


@pytest.mark.slow
def test_whatever_the_checker_accepts_renders_many_variations(tmp_path: Path):
    @settings(_SETTINGS, max_examples=60)
    @given(data=variations())
    def run(data):
        _accepted_and_rendered(data, tmp_path)

    run()


# ------------------------------------------------------------------------------ the converse


def _fixture(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    return root


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "data" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _chapter_2_without_sections(root: Path) -> None:
    (root / "data/plan/chapter-2.yaml").write_text('id: "2"\nnumber: 二、\ntitle: {zh: 没有节的章, en: ""}\n')


# Edits the models accept but the pages cannot show: (name, edit, the code the checker answers with)
KNOWN_BAD = [
    ("ui-key-missing", lambda r: _edit(r, "ui.yaml", "  ind.target: ", "  ind.target.renamed: "), "ui-key-missing"),
    (
        "target-equals-baseline",
        lambda r: _edit(r, "indicators.yaml", "target: {year: 2025, value: 10,", "target: {year: 2025, value: 4,"),
        "target-equals-baseline",
    ),
    (
        "chain-division-is-a-chapter",
        lambda r: _edit(r, "industries/example-chain.yaml", "division: 1-1-1", 'division: "1"'),
        "division-not-in-section",
    ),
    (
        "heading-note-on-a-chapter",
        lambda r: _edit(
            r,
            "editorial-notes.yaml",
            "- id: example-global",
            '- id: h1\n  kind: other\n  scope: heading\n  target: "1"\n  source: 示例章\n  reading: {zh: 示例之章, en: ""}\n'
            '  reason: {zh: 示例理由。, en: ""}\n  confidence: low\n- id: example-global',
        ),
        "division-not-in-section",
    ),
    (
        "paragraph-id-without-section",
        lambda r: _edit(r, "plan/chapter-1.yaml", "- id: 1-1-p1\n", "- id: p1\n"),
        "id-out-of-place",
    ),
]


def _builds(plan) -> bool:
    """Whether every page of both languages renders, and every paragraph of the plan reaches a page."""
    try:
        texts = []
        for lang in ("zh", "en"):
            renderer = Renderer(plan, lang)
            texts += [p.markdown for p in renderer.pages()]
            renderer.nav()
            all_charts(plan, lang)
    except Exception:
        return False
    body = "\n".join(texts)
    return all(p.text.zh.replace(",", "，") in body or p.text.zh in body for ch in plan.chapters for p in ch.paragraphs)


@pytest.mark.parametrize(("name", "edit", "code"), KNOWN_BAD, ids=[k[0] for k in KNOWN_BAD])
def test_what_would_break_the_build_the_checker_refuses_first(name, edit, code, tmp_path: Path):
    root = _fixture(tmp_path)
    edit(root)
    unchecked, plan = check(root / "data", root, today=TODAY, rules={"ids-unique"})
    assert unchecked.errors == [] and plan is not None, "the models accept this shape"
    assert not _builds(plan), "without the rule this edit would break or lose part of the site"
    report, refused = check(root / "data", root, today=TODAY)
    assert refused is None and code in {p.code for p in report.errors}


def test_an_empty_chapter_is_refused_as_an_editing_mistake(tmp_path: Path):
    """A chapter with neither text nor sections would leave only an empty heading."""
    root = _fixture(tmp_path)
    _chapter_2_without_sections(root)
    report, refused = check(root / "data", root, today=TODAY)
    assert refused is None and _found_codes(report) == {"chapter-empty"}


def test_a_chapter_level_paragraph_and_a_chapter_without_sections_are_accepted_and_reach_a_page(tmp_path: Path):
    """Issue 11: what the checker accepts renders; both shapes used to be refused, and their text was lost."""
    root = _fixture(tmp_path)
    _edit(
        root,
        "plan/chapter-1.yaml",
        'title: {zh: 示例章, en: ""}\nchildren:',
        'title: {zh: 示例章, en: ""}\nparagraphs:\n- id: 1-p1\n  text: {zh: 章一级的一段, en: ""}\nchildren:',
    )
    (root / "data/plan/chapter-2.yaml").write_text(
        'id: "2"\nnumber: 二、\ntitle: {zh: 没有节的章, en: ""}\nparagraphs:\n- id: 2-p1\n  text: {zh: 没有节的章的一段, en: ""}\n',
        encoding="utf-8",
    )
    report, plan = check(root / "data", root, today=TODAY)
    assert report.errors == [] and plan is not None
    assert [lp.paragraph.id for lp in plan.located_paragraphs()][:1] == ["1-p1"]
    assert plan.paragraph("2-p1").section.id == "2"  # the chapter is its own page
    assert _builds(plan)


def _found_codes(report) -> set[str]:
    return {p.code for p in report.errors}


def test_the_unedited_fixture_builds_by_the_same_measure(tmp_path: Path):
    _, plan = check(MINIMAL / "data", MINIMAL, today=TODAY)
    assert plan is not None and _builds(plan)


# ------------------------------------------------------------------------------ one real build


@pytest.mark.build
def test_a_generated_variation_builds_with_mkdocs_strict(tmp_path: Path):
    data = _one_variation()
    root = _write(data, tmp_path / "project")
    report, plan = check(root / "data", root, today=TODAY)
    assert report.errors == [] and plan is not None
    site = tmp_path / "site"
    docs = tmp_path / "docs"  # the hand-written pages, without the news stories (they cite the real indicators)
    shutil.copytree(paths.ROOT / "docs" / "zh", docs)
    for story in docs.glob("**/updates/*.md"):  # each plan's stories (docs/<plan>/updates/) or a single plan's
        story.unlink()
    result = mkdocs_build(site, PLANSITE_DATA=str(root / "data"), PLANSITE_DOCS=str(docs))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "index.html").is_file() and (site / "plan" / "1-1" / "index.html").is_file()


def _one_variation() -> dict[str, dict]:
    """One deterministic, deliberately rich variation (hostile text everywhere, every list longer)."""
    found: list[dict] = []

    @settings(max_examples=30, database=None, derandomize=True, deadline=None)
    @given(variations())
    def pick(d):
        if not found and len(d["observations.yaml"]["observations"]) >= 2 and "plan/chapter-2.yaml" in d:
            found.append(d)

    pick()
    assert found, "no rich variation among the first examples"
    return found[0]
