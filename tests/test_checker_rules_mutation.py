"""Rule behaviour that the mutation run of the rules area (scripts/mutation.py --area rules) showed untested.

Each test edits one line of the synthetic minimal fixture and asserts (file, line, code) of what the
checker reports, with only the rule under test running where that keeps the test cheap.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plansite.check import check

from .conftest import (
    FIXTURES,
    MINIMAL,
    OBSERVATION,
    PLAN_SOURCE,
    PROJECT_ENTRY,
    REPORT_SOURCE,
    overlay,
    rename_item,
)
from .conftest import data_line as _line
from .conftest import edit_data as _edit
from .conftest import error_places as _found


@pytest.fixture
def root(minimal_root: Path) -> Path:
    return minimal_root


TODAY = dt.date(2026, 12, 1)
BAD = FIXTURES / "bad"


def _run(root: Path, rules: set[str] | None = None):
    return check(root / "data", root, today=TODAY, rules=rules)[0]


def test_a_reference_into_a_valid_file_that_defines_no_ids_is_refused(root: Path):
    """A valid editorial-notes.yaml with no notes is a complete (empty) id set, not an unknown one: the
    commitment's note reference must be refused (base.Context.collect gives every space an id set)."""
    (root / "data" / "editorial-notes.yaml").write_text("# SYNTHETIC test fixture.\nnotes: []\n", encoding="utf-8")
    report = _run(root, rules={"commitment-refs"})
    assert _found(report) == {
        ("data/commitments.yaml", _line(root, "commitments.yaml", "note: example-range-dash"), "ref-unknown-note")
    }


def test_a_date_before_the_plan_s_history_names_the_earliest_year(root: Path):
    _edit(root, REPORT_SOURCE, "date: 2024-03-21", "date: 2015-03-21")
    _edit(root, "indicators.yaml", "  - year: 2015", "  - year: 2016")
    (problem,) = _run(root, rules={"dates-not-too-early"}).errors
    assert (problem.file, problem.line, problem.code) == (
        "data/" + REPORT_SOURCE,
        _line(root, REPORT_SOURCE, "date: 2015-03-21"),
        "date-too-early",
    )
    assert problem.value == "2015-03-21" and "2016" in problem.detail


def test_an_empty_english_ui_string_names_its_key(tmp_path: Path):
    root = overlay(BAD / "ui-keys", tmp_path)
    report = _run(root, rules={"ui-keys"})
    (problem,) = [p for p in report.errors if p.code == "ui-english-missing"]
    assert (problem.file, problem.line) == ("data/ui.yaml", _line(root, "ui.yaml", "nav.plan: {"))
    assert problem.value == "nav.plan"


def test_a_value_below_an_open_range_states_only_the_lower_bound(root: Path):
    """A count has no upper bound: the message gives the bound there is and no Python None."""
    _edit(root, OBSERVATION, "value: 7\n", "value: -7\n")
    _edit(root, OBSERVATION, "示例企业达到7家。", "示例企业达到-7家。")
    (problem,) = _run(root).errors
    assert (problem.file, problem.line, problem.code) == ("data/" + OBSERVATION, 4, "value-out-of-range")
    assert "0" in problem.detail and "None" not in problem.detail and "—" not in problem.detail


def test_the_plan_holds_every_checked_file_and_where_it_came_from():
    """check() builds the Plan from the parsed files: each part is the file's model and files maps each kind
    (and each chain, chapter and item kept in a file of its own) to its path, which pages cite as their source."""
    report, plan = check(MINIMAL / "data", MINIMAL, today=TODAY)
    assert report.errors == [] and plan is not None
    assert [r.id for r in plan.references.references] == ["example-document"]
    assert [n.id for n in plan.notes.notes] == ["example-range-dash", "example-global"]
    assert [c.id for c in plan.commitments.commitments] == ["example-enterprises-2025", "example-bases"]
    assert [o.value for o in plan.observations.observations] == [7]
    assert [ch.id for ch in plan.chains] == ["example-chain"]
    assert plan.files["references"] == "data/references.yaml"
    assert plan.files["observation/example-enterprises-2023"] == "data/" + OBSERVATION
    assert plan.files["source/example-report"] == "data/" + REPORT_SOURCE
    assert plan.files["status-project/example-chain-01-2024-05-01"] == "data/" + PROJECT_ENTRY
    assert plan.files["observation"] == "data/observations"  # where a new value's file goes
    assert [s.id for s in plan.sources.sources] == ["example-plan", "example-report"]
    assert [(e.project, e.milestone) for e in plan.status.entries] == [
        ("example-chain-01", None),
        (None, "example-milestone"),
    ]
    assert plan.files["chain/example-chain"] == "data/industries/example-chain.yaml"
    assert plan.files["chapter/" + plan.chapters[0].id] == "data/plan/chapter-1.yaml"


def test_a_second_value_for_the_same_indicator_and_year_names_the_other_file_and_line(root: Path):
    """A copied value file that was not renamed: both files are reported, each naming the other's line."""
    path = root / "data" / OBSERVATION
    text = path.read_text(encoding="utf-8")
    copy = path.with_name("example-enterprises-2023-copy.yaml")
    copy.write_text("# (two lines so that the entries' lines differ)\n#\n" + text, encoding="utf-8")
    copy_rel = copy.relative_to(root).as_posix()
    problems = _run(root, rules={"observation-unique"}).errors
    assert {(p.file, p.line) for p in problems} == {("data/" + OBSERVATION, 3), (copy_rel, 5)}
    by_file = {p.file: p for p in problems}
    assert f"{copy_rel}:5" in by_file["data/" + OBSERVATION].detail
    assert f"data/{OBSERVATION}:3" in by_file[copy_rel].detail


def test_a_unit_mismatch_points_at_the_chinese_unit_even_in_block_style(root: Path):
    _edit(root, OBSERVATION, 'unit:\n  zh: 家\n  en: ""\n', 'unit:\n  en: ""\n  zh: 个\n')
    (problem,) = _run(root, rules={"observation-unit"}).errors
    assert (problem.file, problem.line, problem.code) == (
        "data/" + OBSERVATION,
        _line(root, OBSERVATION, "zh: 个"),
        "unit-mismatch",
    )


def test_a_value_not_in_its_quote_says_which_value_was_looked_for(root: Path):
    _edit(root, OBSERVATION, "value: 7\n", "value: 70\n")
    (problem,) = _run(root, rules={"value-in-quote"}).errors
    assert (problem.file, problem.line, problem.code) == ("data/" + OBSERVATION, 4, "value-not-in-quote")
    assert "70家" in problem.detail


_MILESTONE = '- id: example-milestone\n  name: {zh: 示例里程碑, en: ""}\n  paragraphs: [1-1-p1]\n'


@pytest.mark.parametrize(
    ("name", "first", "old", "new"),
    [
        ("editorial-notes.yaml", "- id: example-range-dash", "- id: example-global", "- id: example-range-dash"),
        ("commitments.yaml", "- id: example-enterprises-2025", "- id: example-bases", "- id: example-enterprises-2025"),
        ("commitments.yaml", "- id: example-milestone", _MILESTONE, _MILESTONE + _MILESTONE),
    ],
    ids=["note", "commitment", "milestone"],
)
def test_a_duplicate_id_names_the_line_of_its_first_definition(root: Path, name, first, old, new):
    first_line = _line(root, name, first)
    _edit(root, name, old, new)
    lines = (root / "data" / name).read_text(encoding="utf-8").splitlines()
    second = [i for i, line in enumerate(lines, 1) if line == first][1]
    (problem,) = _run(root, rules={"ids-unique"}).errors
    assert (problem.file, problem.line, problem.code) == (f"data/{name}", second, "id-duplicate")
    assert f"data/{name}:{first_line} " in problem.detail


def test_a_source_id_in_two_files_is_reported_in_both_each_naming_the_other(root: Path):
    """One source per file: a second file with the same id is the same source entered twice, so both places are
    reported (the id registry's own duplicate names the first file's line)."""
    copy = "sources/example-report-copy.yaml"
    (root / "data" / copy).write_text((root / "data" / REPORT_SOURCE).read_text(encoding="utf-8"), encoding="utf-8")
    problems = _run(root, rules={"ids-unique"}).errors
    assert {(p.file, p.line, p.code) for p in problems} == {
        ("data/" + REPORT_SOURCE, 2, "id-duplicate"),
        ("data/" + copy, 2, "id-duplicate"),
    }
    by_file = {p.file: p for p in problems}
    assert f"data/{REPORT_SOURCE}:2 " in by_file["data/" + copy].detail
    assert f"data/{copy}:2" in by_file["data/" + REPORT_SOURCE].detail
    assert _run(root, rules={"item-file-name"}).errors == []  # a duplicate, not a naming slip


def test_an_item_renamed_to_its_new_key_passes_and_an_unrenamed_one_is_told_its_name(root: Path):
    _edit(root, PLAN_SOURCE, "id: example-plan\n", "id: example-notice\n")
    _edit(root, "plan.yaml", "source: example-plan", "source: example-notice", once=False)
    (problem,) = _run(root).errors
    assert (problem.file, problem.line, problem.code) == ("data/" + PLAN_SOURCE, 2, "file-name-mismatch")
    assert "example-notice.yaml" in problem.detail and problem.value == "example-plan.yaml"
    rename_item(root, PLAN_SOURCE, "sources/example-notice.yaml")
    report, plan = check(root / "data", root, today=TODAY)
    assert report.errors == [] and plan is not None and plan.files["source/example-notice"].endswith("notice.yaml")


def test_a_project_entry_among_the_milestones_is_told_its_folder(root: Path):
    moved = rename_item(root, PROJECT_ENTRY, "status/milestones/example-chain-01-2024-05-01.yaml")
    (problem,) = _run(root).errors
    assert (problem.file, problem.line, problem.code) == ("data/" + moved, 2, "status-wrong-folder")
    assert "status/projects/" in problem.detail


def test_no_observations_and_no_status_folder_is_a_plan_with_none(root: Path):
    """A new plan has no values or entries yet: an empty or missing folder is no items, not an error."""
    import shutil

    shutil.rmtree(root / "data" / "status")
    (root / "data" / OBSERVATION).unlink()
    report, plan = check(root / "data", root, today=TODAY)
    assert report.errors == [] and plan is not None
    assert plan.observations.observations == [] and plan.status.entries == []


def test_dates_are_checked_without_a_traceback_when_the_indicator_table_is_broken(root: Path):
    """With no valid indicators.yaml there is no history to take the earliest year from: the rule falls back
    to the plan's first year instead of failing on an empty list."""
    (root / "data" / "indicators.yaml").write_text("# SYNTHETIC test fixture.\nindicators: 5\n", encoding="utf-8")
    report = _run(root)
    assert "type-wrong" in {p.code for p in report.errors}
    assert "date-too-early" not in {p.code for p in report.errors}


def test_a_note_may_quote_the_lead_of_its_paragraph(root: Path):
    """A paragraph's text for notes is its lead and its body: a source found in the lead is accepted."""
    _edit(root, "editorial-notes.yaml", "  source: 建设12个\n", "  source: 示例引语\n")
    _edit(root, "editorial-notes.yaml", "  target: 1-1-p2\n", "  target: 1-1-p1\n")
    assert _run(root, rules={"note-source-in-target"}).errors == []
    _edit(root, "editorial-notes.yaml", "  source: 示例引语\n", "  source: 不在段落里\n")
    assert _found(_run(root, rules={"note-source-in-target"})) == {
        ("data/editorial-notes.yaml", _line(root, "editorial-notes.yaml", "不在段落里"), "note-source-missing")
    }


def test_a_project_with_a_milestone_stage_is_told_the_project_stages(tmp_path: Path):
    root = overlay(BAD / "status-stage", tmp_path)
    (problem,) = _run(root, rules={"status-stage"}).errors
    assert (problem.file, problem.line, problem.code) == (
        "data/status/projects/example-chain-01-2024-05-01.yaml",
        4,
        "value-not-allowed",
    )
    assert "under-construction" in problem.detail and "planning" in problem.detail


def test_a_chapter_id_that_is_not_its_number_is_refused_with_its_children(root: Path):
    _edit(root, "plan/chapter-1.yaml", 'id: "1"\n', 'id: "01"\n')
    report = _run(root, rules={"plan-ids"})
    assert _found(report) == {
        ("data/plan/chapter-1.yaml", 2, "id-out-of-place"),  # the chapter: "01" is not a number
        ("data/plan/chapter-1.yaml", _line(root, "plan/chapter-1.yaml", "- id: 1-1"), "id-out-of-place"),
    }
    assert {p.value for p in report.errors} == {"01", "1-1"}


def test_a_section_id_that_does_not_extend_its_parent_is_refused_and_told_the_form(root: Path):
    _edit(root, "plan/chapter-1.yaml", "  - id: 1-1-1\n", "  - id: 1-2-1\n")
    (problem,) = _run(root, rules={"plan-ids"}).errors
    assert (problem.file, problem.line, problem.code) == (
        "data/plan/chapter-1.yaml",
        _line(root, "plan/chapter-1.yaml", "- id: 1-2-1"),
        "id-out-of-place",
    )
    assert problem.value == "1-2-1" and "1-1-1" in problem.detail


def test_an_indicator_table_or_heading_note_on_a_whole_chapter_is_refused_at_its_line(root: Path):
    _edit(root, "indicators.yaml", "division: 1-1\n", 'division: "1"\n')
    _edit(root, "editorial-notes.yaml", "  target: 1-1-p2\n", '  scope: heading\n  target: "1"\n')
    assert _found(_run(root, rules={"division-in-section"})) == {
        ("data/indicators.yaml", _line(root, "indicators.yaml", 'division: "1"'), "division-not-in-section"),
        ("data/editorial-notes.yaml", _line(root, "editorial-notes.yaml", 'target: "1"'), "division-not-in-section"),
    }


def test_a_missing_ui_key_is_named(tmp_path: Path):
    root = overlay(BAD / "ui-keys", tmp_path)
    missing = [p for p in _run(root, rules={"ui-keys"}).errors if p.code == "ui-key-missing"]
    text = (root / "data" / "ui.yaml").read_text(encoding="utf-8")
    assert missing
    for problem in missing:
        assert (problem.file, problem.line) == ("data/ui.yaml", _line(root, "ui.yaml", "strings:"))
        assert isinstance(problem.value, str) and f"  {problem.value}:" not in text
        assert problem.value in problem.detail


def test_a_target_year_equal_to_the_baseline_year_is_refused_at_the_target(root: Path):
    _edit(root, "indicators.yaml", "target: {year: 2025, value: 10,", "target: {year: 2020, value: 10,")
    (problem,) = _run(root, rules={"indicator-years"}).errors
    assert (problem.file, problem.line, problem.code) == (
        "data/indicators.yaml",
        _line(root, "indicators.yaml", "target: {year: 2020, value: 10,"),
        "year-out-of-range",
    )
    assert problem.value == 2020 and problem.detail


def test_a_unit_source_without_a_unit_is_a_missing_field(root: Path):
    _edit(root, "indicators.yaml", '  unit: {zh: 家, en: ""}\n  unit_source: table\n', "  unit_source: table\n")
    (problem,) = _run(root, rules={"indicator-unit-source"}).errors
    assert (problem.file, problem.line, problem.code) == (
        "data/indicators.yaml",
        _line(root, "indicators.yaml", "- id: example-enterprises"),
        "field-missing",
    )


def test_a_future_status_date_is_refused_at_its_line(root: Path):
    _edit(root, PROJECT_ENTRY, "date: 2024-05-01\n", "date: 2027-05-01\n")
    entry = rename_item(root, PROJECT_ENTRY, "status/projects/example-chain-01-2027-05-01.yaml")
    assert _found(_run(root, rules={"dates-not-future"})) == {
        ("data/" + entry, _line(root, entry, "date: 2027-05-01"), "date-in-future")
    }


def test_a_target_equal_to_the_baseline_says_the_baseline_value(tmp_path: Path):
    root = overlay(BAD / "target-differs", tmp_path)
    (problem,) = _run(root, rules={"target-differs"}).errors
    assert (problem.file, problem.line, problem.code) == ("data/indicators.yaml", 24, "target-equals-baseline")
    assert problem.detail and str(problem.value).rstrip("0").rstrip(".") in problem.detail


@pytest.mark.parametrize("code", ["source-no-url", "source-no-date"])
def test_a_source_without_url_or_date_is_named_by_its_id(tmp_path: Path, code: str):
    root = overlay(BAD / code, tmp_path)
    (problem,) = [p for p in _run(root).errors if p.code == code]
    assert (problem.file, problem.line) == ("data/" + REPORT_SOURCE, 2)  # the source's own file, at its top
    first_id = (root / "data" / REPORT_SOURCE).read_text(encoding="utf-8").splitlines()[1]
    assert first_id == f"id: {problem.value}"


def test_two_chains_with_the_same_order_are_a_numbering_gap_not_a_traceback(root: Path):
    chain = root / "data" / "industries" / "example-chain.yaml"
    twin = root / "data" / "industries" / "example-chain-2.yaml"
    twin.write_text(chain.read_text(encoding="utf-8").replace("example-chain", "example-twin"), encoding="utf-8")
    report = _run(root, rules={"chain-order"})
    assert {(p.code, p.line) for p in report.errors} == {("numbering-gap", 3)}


def test_an_unknown_unit_paragraph_is_refused(root: Path):
    _edit(
        root,
        "indicators.yaml",
        "  unit_source: table\n  cumulative: false\n  baseline: {year: 2020, value: 4}",
        "  unit_source: text\n  unit_paragraph: 9-9-p9\n  cumulative: false\n  baseline: {year: 2020, value: 4}",
    )
    assert _found(_run(root, rules={"indicator-refs"})) == {
        ("data/indicators.yaml", _line(root, "indicators.yaml", "unit_paragraph: 9-9-p9"), "ref-unknown-paragraph")
    }


def test_a_future_observation_year_is_refused_and_names_the_year(root: Path):
    """Checked as if on 2022-06-01, the fixture's 2023 observation lies in the future."""
    report = check(root / "data", root, today=dt.date(2022, 6, 1), rules={"dates-not-future"})[0]
    (problem,) = [p for p in report.errors if (p.file, p.line) == ("data/" + OBSERVATION, 3)]
    assert (problem.file, problem.code, problem.value) == ("data/" + OBSERVATION, "date-in-future", 2023)
    assert "2023" in problem.detail


def test_a_duplicate_term_names_the_line_of_the_first(root: Path):
    path = root / "data" / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text.split("terms:\n", 1)[1], encoding="utf-8")
    (problem,) = _run(root, rules={"ids-unique"}).errors
    assert (problem.file, problem.code) == ("data/glossary.yaml", "id-duplicate")
    assert "data/glossary.yaml:3 " in problem.detail


def test_a_value_exactly_at_the_top_of_its_range_is_allowed(root: Path):
    _edit(
        root,
        "indicators.yaml",
        "  cumulative: false\n  baseline: {year: 2020, value: 4}",
        "  cumulative: false\n  range: {min: 0, max: 10}\n  baseline: {year: 2020, value: 4}",
    )
    assert _run(root, rules={"value-range"}).errors == []  # the target is 10, the declared maximum
    _edit(root, "indicators.yaml", "target: {year: 2025, value: 10,", "target: {year: 2025, value: 11,")
    assert {p.code for p in _run(root, rules={"value-range"}).errors} == {"value-out-of-range"}


def test_unknown_paragraphs_in_a_target_and_an_earlier_value_are_refused_at_their_lines(root: Path):
    _edit(root, "indicators.yaml", "paragraphs: [1-1-p1]}", "paragraphs: [9-9-p1]}")
    _edit(root, "indicators.yaml", "    paragraph: 1-1-p2", "    paragraph: 9-9-p2")
    assert _found(_run(root, rules={"indicator-refs"})) == {
        ("data/indicators.yaml", _line(root, "indicators.yaml", "9-9-p1"), "ref-unknown-paragraph"),
        ("data/indicators.yaml", _line(root, "indicators.yaml", "9-9-p2"), "ref-unknown-paragraph"),
    }


def test_a_qualifier_needs_no_ui_key_the_plan_words_it_from_the_vocabulary(root: Path):
    """Target.qualifier comes from the qualifier vocabulary (engine defaults + plan.yaml), which words its own
    qualifier.<word> keys: ui.yaml needs none, and the pages still find one for every word a target uses."""
    assert not any(k.startswith("qualifier.") for k in (root / "data/ui.yaml").read_text(encoding="utf-8").split())
    report, plan = check(root / "data", root, today=TODAY)
    assert report.errors == [] and plan is not None
    assert any(ind.target.qualifier for ind in plan.indicators)
    for ind in plan.indicators:
        if ind.target.qualifier:
            assert plan.ui.strings["qualifier." + ind.target.qualifier] == plan.qualifier(ind.target.qualifier).text


def test_a_status_entry_for_both_a_project_and_a_milestone_is_refused_at_the_entry(root: Path):
    _edit(
        root, PROJECT_ENTRY, "project: example-chain-01\n", "project: example-chain-01\nmilestone: example-milestone\n"
    )
    report = _run(root, rules={"status-refs"})
    assert _found(report) == {("data/" + PROJECT_ENTRY, 2, "field-missing")}


# -- the fresh holdout sample (seed 20261202) ----------------------------------------------------------


def test_a_duplicate_paragraph_id_in_a_section_is_placed_at_both_its_lines(root: Path):
    """Paragraphs of a child division are located through its `children` path, not the file's top line."""
    first = _line(root, "plan/chapter-1.yaml", "- id: 1-1-p1")
    _edit(root, "plan/chapter-1.yaml", "- id: 1-1-p2", "- id: 1-1-p1")
    second = _line(root, "plan/chapter-1.yaml", 'text: {zh: "第二段') - 1
    (problem,) = _run(root, rules={"ids-unique"}).errors
    assert (problem.file, problem.line, problem.code) == ("data/plan/chapter-1.yaml", second, "id-duplicate")
    assert f"data/plan/chapter-1.yaml:{first} " in problem.detail


def test_a_future_earliest_date_is_refused_at_its_line(root: Path):
    _edit(root, REPORT_SOURCE, "date: 2024-03-21\n", "date_shown: false\nearliest_date: 2027-03-21\n")
    assert _found(_run(root, rules={"dates-not-future"})) == {
        ("data/" + REPORT_SOURCE, _line(root, REPORT_SOURCE, "earliest_date: 2027-03-21"), "date-in-future")
    }


def test_a_unit_taken_from_the_text_without_its_paragraph_is_a_missing_field_with_no_value(root: Path):
    _edit(
        root,
        "indicators.yaml",
        "  unit_source: table\n  cumulative: false\n  baseline: {year: 2020, value: 4}",
        "  unit_source: text\n  cumulative: false\n  baseline: {year: 2020, value: 4}",
    )
    (problem,) = _run(root, rules={"indicator-unit-source"}).errors
    assert (problem.file, problem.line, problem.code) == (
        "data/indicators.yaml",
        _line(root, "indicators.yaml", "- id: example-enterprises"),
        "field-missing",
    )
    assert problem.value is None and "unit_paragraph" in problem.detail


def test_an_earlier_value_is_ranged_in_the_indicator_s_unit_and_refused_at_its_line(root: Path):
    """0.01 亿元 is 100 万元: inside a declared minimum of 50 万元 only if the earlier value's own unit is used."""
    _edit(
        root,
        "indicators.yaml",
        "  baseline: {year: 2020, value: 100}",
        "  range: {min: 50}\n  baseline: {year: 2020, value: 100}",
    )
    assert _run(root, rules={"value-range"}).errors == []
    _edit(root, "indicators.yaml", "    value: 0.01\n", "    value: 0.001\n")
    assert _found(_run(root, rules={"value-range"})) == {
        ("data/indicators.yaml", _line(root, "indicators.yaml", "value: 0.001"), "value-out-of-range")
    }


def test_a_note_without_a_target_is_a_missing_field_at_the_note(root: Path):
    _edit(root, "editorial-notes.yaml", "  target: 1-1-p2\n", "")
    assert _found(_run(root, rules={"note-target"})) == {
        ("data/editorial-notes.yaml", _line(root, "editorial-notes.yaml", "- id: example-range-dash"), "field-missing")
    }


def test_a_status_entry_for_an_unknown_project_is_refused_at_its_line(root: Path):
    _edit(root, PROJECT_ENTRY, "project: example-chain-01\n", "project: example-chain-99\n")
    assert _found(_run(root, rules={"status-refs"})) == {("data/" + PROJECT_ENTRY, 2, "ref-unknown-project")}


def test_an_empty_english_ui_string_in_block_style_is_refused_at_its_english_line(root: Path):
    _edit(root, "ui.yaml", '  nav.home: {zh: "首页", en: "Home"}\n', '  nav.home:\n    zh: "首页"\n    en: ""\n')
    assert _found(_run(root, rules={"ui-keys"})) == {
        ("data/ui.yaml", _line(root, "ui.yaml", '    en: ""'), "ui-english-missing")
    }
