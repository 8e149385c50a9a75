"""Issue 11: the checker takes every plan fact from the plan's own data (period, baseline, earliest year, qualifiers).

All on the SYNTHETIC fixture (tests/fixtures/minimal), moved to another period by editing its plan.yaml, so
nothing here depends on the Tianmen plan. Expected years are read back from the edited files.
"""

from __future__ import annotations

import ast
import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from plansite import models as m
from plansite import paths
from plansite.check import check
from plansite.problems import CODES

from .conftest import FIXTURES, OBSERVATION, REPORT_SOURCE, edit_data, overlay, rename_item
from .conftest import data_line as _line
from .conftest import error_places as _found


@pytest.fixture
def root(minimal_root: Path) -> Path:
    return minimal_root


def _edit(root: Path, name: str, old: str, new: str) -> None:
    edit_data(root, name, old, new, once=False)


TODAY = dt.date(2031, 6, 1)  # late enough for a 2026–2030 plan's observations


def _run(root: Path, **kw):
    return check(root / "data", root, today=kw.pop("today", TODAY), **kw)


def _plan(root: Path) -> dict:
    return yaml.safe_load((root / "data/plan.yaml").read_text(encoding="utf-8"))


def _move_to_next_period(root: Path) -> tuple[int, int, int]:
    """The fixture's plan moved five years on (its period, baseline, targets and promises): (start, end, baseline)."""
    plan = _plan(root)
    start, end, base = plan["period"]["start"] + 5, plan["period"]["end"] + 5, plan["baseline_year"] + 5
    old = plan["period"]
    _edit(
        root,
        "plan.yaml",
        f"period: {{start: {old['start']}, end: {old['end']}}}",
        f"period: {{start: {start}, end: {end}}}",
    )
    _edit(root, "plan.yaml", f"baseline_year: {plan['baseline_year']}", f"baseline_year: {base}")
    _edit(root, "indicators.yaml", f"baseline: {{year: {plan['baseline_year']},", f"baseline: {{year: {base},")
    _edit(root, "indicators.yaml", f"target: {{year: {old['end']},", f"target: {{year: {end},")
    _edit(root, "commitments.yaml", f"  year: {old['end']}", f"  year: {end}")
    return start, end, base


# ------------------------------------------------------------------------------ years from plan.yaml


def test_no_plan_period_is_written_in_the_models():
    for name in ("PLAN_START", "PLAN_END", "BASELINE_YEAR", "FIRST_YEAR", "LAST_YEAR"):
        assert not hasattr(m, name), name


def _observation_year(root: Path, year: int) -> str:
    """The minimal fixture's value moved to another year, its file renamed to match (as an editor does)."""
    _edit(root, OBSERVATION, "year: 2023\n", f"year: {year}\n")
    return rename_item(root, OBSERVATION, f"observations/example-enterprises-{year}.yaml")


def test_a_plan_for_the_next_period_is_accepted_with_observations_in_its_own_years(root: Path):
    start, end, _ = _move_to_next_period(root)
    _observation_year(root, end)
    report, plan = _run(root)
    assert report.errors == [] and plan is not None
    assert (plan.start, plan.end) == (start, end) and plan.observations_of(plan.indicators[0].id)[0].year == end


def test_an_observation_after_the_period_is_refused_and_the_hint_names_this_plan_s_period(root: Path):
    start, end, _ = _move_to_next_period(root)
    name = _observation_year(root, end + 1)
    report, _ = _run(root)
    (problem,) = report.errors
    assert (problem.file, problem.line, problem.code) == (
        "data/" + name,
        _line(root, name, f"year: {end + 1}"),
        "year-out-of-range",
    )
    text = problem.format()
    assert f"{start}—{end}" in text and "下一期规划" in text
    assert "{" not in text  # every placeholder of the hint is filled


def test_the_year_hint_is_filled_from_the_fixture_s_own_plan_yaml(tmp_path: Path):
    root = overlay(FIXTURES / "bad" / "year-out-of-range", tmp_path)
    (problem,) = _run(root)[0].errors
    plan = _plan(root)
    assert f"{plan['period']['start']}—{plan['period']['end']}" in problem.format()
    assert "{start}" in CODES["year-out-of-range"].hint  # the registry keeps the placeholder, the report fills it


def test_a_target_outside_the_period_is_refused(root: Path):
    end = _plan(root)["period"]["end"]
    _edit(root, "indicators.yaml", f"target: {{year: {end}, value: 10,", f"target: {{year: {end + 1}, value: 10,")
    assert _found(_run(root, rules={"years-in-period"})[0]) == {
        ("data/indicators.yaml", _line(root, "indicators.yaml", f"year: {end + 1}, value: 10"), "year-out-of-range")
    }


def test_an_earlier_value_from_the_eleventh_plan_is_accepted_and_history_from_can_bound_it(root: Path):
    """“十一五”末 (2010): no year is fixed in the engine; a plan may still declare how far back it goes."""
    _edit(root, "indicators.yaml", "  - year: 2015", "  - year: 2010")
    report, plan = _run(root)
    assert report.errors == [] and plan is not None and plan.history_from == 2010
    _edit(root, "plan.yaml", "baseline_year:", "history_from: 2012\nbaseline_year:")
    (problem,) = _run(root)[0].errors
    assert (problem.line, problem.code) == (_line(root, "indicators.yaml", "year: 2010"), "year-out-of-range")
    assert "2012" in problem.detail


def test_plan_yaml_s_years_out_of_order_are_refused_once(root: Path):
    _edit(root, "plan.yaml", "baseline_year:", "history_from: 2030\nbaseline_year:")
    report = _run(root)[0]
    assert _found(report) == {("data/plan.yaml", _line(root, "plan.yaml", "history_from"), "plan-period-order")}


def test_a_year_no_plan_could_mean_is_refused_in_the_file_itself(root: Path):
    _edit(root, OBSERVATION, "year: 2023\n", "year: 20233\n")
    (problem,) = _run(root)[0].errors
    assert problem.code == "year-out-of-range" and "四位数" in problem.detail


def test_dates_too_early_are_judged_from_the_plan_s_own_earliest_year(root: Path):
    _edit(root, "indicators.yaml", "  - year: 2015", "  - year: 2010")
    _edit(root, REPORT_SOURCE, "date: 2024-03-21", "date: 2011-03-21")
    assert _run(root)[0].errors == []
    _edit(root, REPORT_SOURCE, "date: 2011-03-21", "date: 2009-03-21")
    (problem,) = _run(root)[0].errors
    assert problem.code == "date-too-early" and "2010" in problem.format()


# ------------------------------------------------------------------------------ qualifiers from data


@pytest.mark.parametrize("word", ["左右", "不低于", "不超过"])
def test_the_engine_s_default_qualifiers_need_no_wording_edits(root: Path, word: str):
    _edit(root, "indicators.yaml", "qualifier: 以上", f"qualifier: {word}")
    report, plan = _run(root)
    assert report.errors == [] and plan is not None
    ind = plan.indicators[0]
    assert plan.ui.strings[f"qualifier.{word}"] == m.DEFAULT_QUALIFIERS[word].text
    assert plan.comparison(ind) == m.DEFAULT_QUALIFIERS[word].comparison


def test_an_unknown_qualifier_is_refused_with_the_allowed_words_and_the_closest(root: Path):
    _edit(root, "indicators.yaml", "qualifier: 以上", "qualifier: 不低於")
    (problem,) = _run(root)[0].errors
    assert (problem.code, problem.line) == ("value-not-allowed", _line(root, "indicators.yaml", "不低於"))
    assert "不低于" in problem.detail and "左右" in problem.detail and "不低于" in problem.hint


def test_a_plan_declares_its_own_qualifier_with_its_wording_place_and_meaning(root: Path):
    _edit(root, "indicators.yaml", "qualifier: 以上", "qualifier: 约")
    assert {p.code for p in _run(root)[0].errors} == {"value-not-allowed"}
    _edit(
        root,
        "plan.yaml",
        "baseline_year:",
        "qualifiers:\n  约:\n    text: {zh: 约, en: about}\n    place: {zh: before, en: before}\n"
        "    comparison: about\n    tolerance: 0.1\nbaseline_year:",
    )
    report, plan = _run(root)
    assert report.errors == [] and plan is not None
    assert plan.qualifier("约").tolerance == 0.1 and plan.comparison(plan.indicators[0]) == "about"
    assert plan.ui.strings["qualifier.约"].en == "about"


def test_an_about_qualifier_without_a_tolerance_is_refused(root: Path):
    _edit(
        root,
        "plan.yaml",
        "baseline_year:",
        "qualifiers:\n  约:\n    text: {zh: 约, en: about}\n    place: {zh: before, en: before}\n"
        "    comparison: about\nbaseline_year:",
    )
    (problem,) = _run(root)[0].errors
    assert (problem.code, problem.file) == ("field-missing", "data/plan.yaml") and "tolerance" in problem.detail


def test_ui_yaml_may_override_a_qualifier_s_wording(root: Path):
    _edit(root, "ui.yaml", "strings:\n", 'strings:\n  qualifier.以上: {zh: 以上, en: "or above"}\n')
    _, plan = _run(root)
    assert plan is not None and plan.ui.strings["qualifier.以上"].en == "or above"


def test_no_qualifier_means_reaching_the_target_in_the_indicator_s_direction(root: Path):
    _, plan = _run(root)
    assert plan is not None
    plain = next(i for i in plan.indicators if i.target.qualifier is None)
    assert plan.comparison(plain) == "at-least"
    lower = plain.model_copy(update={"direction": "lower"})
    assert plan.comparison(lower) == "at-most"


# ------------------------------------------------------------------------------ paragraph ids as documented


def test_the_documented_paragraph_id_form_is_the_one_accepted(root: Path):
    doc = m.Paragraph.model_fields["id"].description or ""
    assert "3-2-p12" in doc and "3-p1" in doc
    for name in (
        "plan/chapter-1.yaml",
        "indicators.yaml",
        "commitments.yaml",
        "editorial-notes.yaml",
        "references.yaml",
    ):
        _edit(root, name, "1-1-p2", "1-1-2")
    (problem,) = _run(root)[0].errors
    assert problem.code == "id-out-of-place" and "1-1-p" in problem.detail


def test_a_chapter_level_paragraph_is_numbered_within_its_chapter(root: Path):
    _edit(
        root,
        "plan/chapter-1.yaml",
        'title: {zh: 示例章, en: ""}\nchildren:',
        'title: {zh: 示例章, en: ""}\nparagraphs:\n- id: 1-1-p9\n  text: {zh: 章一级的一段。, en: ""}\nchildren:',
    )
    (problem,) = _run(root)[0].errors
    assert problem.code == "id-out-of-place" and "1-p1" in problem.detail
    _edit(root, "plan/chapter-1.yaml", "- id: 1-1-p9\n", "- id: 1-p1\n")
    assert _run(root)[0].errors == []


# ------------------------------------------------------------------------------ the split


def _imports(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            out.add(("." * node.level) + (node.module or ""))
    return out


@pytest.mark.parametrize("name", ["status.py", "charts.py", "downloads.py", "render.py"])
def test_no_module_imports_the_checker_for_arithmetic(name: str):
    assert not {".check", "plansite.check"} & _imports(paths.ROOT / "plansite" / name)


def test_the_plan_is_built_in_one_place():
    sources = {p.name: p.read_text(encoding="utf-8") for p in (paths.ROOT / "plansite").rglob("*.py")}
    assert [name for name, text in sources.items() if "Plan(\n" in text or "Plan(meta=" in text] == ["plan.py"]


# ------------------------------------------------------------------------------ the second plan (SYNTHETIC)

SECOND = FIXTURES / "second-plan"


def _second(tmp_path: Path) -> Path:
    """The second plan's fixture with the site's own wording beside it (it has no ui.yaml of its own)."""
    root = tmp_path / "second"
    shutil.copytree(SECOND, root)
    if not (root / "data/ui.yaml").exists():
        shutil.copy(paths.DATA / "ui.yaml", root / "data/ui.yaml")
    return root


@pytest.mark.skipif(not SECOND.is_dir(), reason="the second plan's fixture is not there")
def test_the_second_plan_is_accepted_with_its_own_period_shapes_and_qualifiers(tmp_path: Path):
    root = _second(tmp_path)
    report, plan = check(root / "data", root, today=TODAY)
    assert report.errors == [] and plan is not None
    assert (plan.start, plan.end) == (_plan(root)["period"]["start"], _plan(root)["period"]["end"])
    used = {i.target.qualifier for i in plan.indicators} - {None}
    assert {"左右", "不低于"} <= used
    for ind in plan.indicators:
        if ind.target.qualifier:
            assert plan.comparison(ind) == plan.qualifier(ind.target.qualifier).comparison
    assert len(plan.chapters) >= 10 and not plan.chains
    assert any(not ch.children for ch in plan.chapters) and any(ch.paragraphs for ch in plan.chapters)
    assert plan.table.division.split("-")[0] != "3"


@pytest.mark.skipif(not SECOND.is_dir(), reason="the second plan's fixture is not there")
def test_the_second_plan_s_observations_stop_at_its_own_end_year(tmp_path: Path):
    root = _second(tmp_path)
    end = _plan(root)["period"]["end"]
    path = sorted((root / "data/observations").glob("*.yaml"))[0]
    first = yaml.safe_load(path.read_text(encoding="utf-8"))
    name = path.relative_to(root / "data").as_posix()
    _edit(root, name, f"year: {first['year']}\n", f"year: {end + 1}\n")
    rename_item(root, name, f"observations/{first['indicator']}-{end + 1}.yaml")
    report, _ = check(root / "data", root, today=dt.date(end + 2, 1, 1))
    assert {(p.code, p.value) for p in report.errors} >= {("year-out-of-range", end + 1)}
    assert all(f"{_plan(root)['period']['start']}—{end}" in p.format() for p in report.errors)


def test_a_chain_or_table_may_point_at_a_chapter_that_has_a_page_of_its_own(root: Path):
    """Issue 11: a chapter without sections is its own page, so a chain's or the table's division may be it;
    a chapter split into sections with no text of its own has no page, and stays refused."""
    (root / "data/plan/chapter-2.yaml").write_text(
        'id: "2"\nnumber: 二、\ntitle: {zh: 没有节的章, en: ""}\nparagraphs:\n- id: 2-p1\n  text: {zh: 一段。, en: ""}\n',
        encoding="utf-8",
    )
    _edit(root, "industries/example-chain.yaml", "division: 1-1-1", 'division: "2"')
    report, plan = _run(root)
    assert report.errors == [] and plan is not None and plan.section_of("2").id == "2"
    _edit(root, "industries/example-chain.yaml", 'division: "2"', 'division: "1"')
    assert {p.code for p in _run(root)[0].errors} == {"division-not-in-section"}
