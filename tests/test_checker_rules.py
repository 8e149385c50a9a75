"""The checker's rules: each one named, each with its own broken fixture in which it alone fires.

The registry (plansite.rules.RULES) is walked here rule by rule, not code by code: codes are shared
between rules (ref-unknown-paragraph is raised by five), so only a per-rule fixture shows that
deleting one rule's body turns a test red.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from plansite import models as m
from plansite import paths
from plansite.check import check
from plansite.problems import CODES
from plansite.rules import RULES
from plansite.rules.observations import quote_states
from plansite.rules.vocab import CHINESE_IDS

from .conftest import (
    FIXTURES,
    MILESTONE_ENTRY,
    MINIMAL,
    OBSERVATION,
    PROJECT_ENTRY,
    REPORT_SOURCE,
    expected_problems,
    overlay,
)
from .conftest import data_line as _line
from .conftest import edit_data as _edit
from .conftest import error_places as _found


@pytest.fixture
def root(minimal_root: Path) -> Path:
    return minimal_root


TODAY = dt.date(2026, 12, 1)
BAD = FIXTURES / "bad"


def _run(root: Path, **kw):
    return check(root / "data", root, today=kw.pop("today", TODAY), **kw)


# ------------------------------------------------------------------------------ the registry


def test_rules_have_stable_names_registered_codes_and_chinese_descriptions():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names)) and len(names) >= 30
    for r in RULES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name), r.name
        assert r.codes and set(r.codes) <= set(CODES), r.name
        assert re.search(r"[\u4e00-\u9fff]", r.description) and "\n" not in r.description, r.name


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_each_rule_alone_fires_in_its_own_fixture(rule, tmp_path: Path):
    """Its fixture exists, no structural problem hides it, exactly this rule fires, only with its own codes,
    and this rule run on its own finds every error there: deleting the rule's body fails this test."""
    case = BAD / rule.fixture
    assert (case / "expected.txt").is_file(), f"rule {rule.name} has no broken fixture {case}"
    root = overlay(case, tmp_path)
    report, plan = _run(root)
    assert plan is None
    assert set(report.fired) == {rule.name}, report.fired
    assert sum(report.fired.values()) == len(report.errors) > 0
    assert {p.code for p in report.errors} <= set(rule.codes)
    alone, _ = _run(root, rules={rule.name})
    assert _found(alone) == _found(report)
    found = {(f, str(line), code) for f, line, code in _found(report)}
    assert found == expected_problems(case)


def test_every_rule_is_silent_on_the_valid_fixture_and_on_the_real_data():
    report, plan = _run(MINIMAL)
    assert report.fired == {} and plan is not None
    report, plan = check(paths.DATA, paths.ROOT)
    assert report.fired == {} and plan is not None


# ------------------------------------------------------------------------------ plausibility


def test_negative_observation_is_refused_at_its_line(root: Path):
    _edit(root, OBSERVATION, "value: 7\n", "value: -7\n")
    _edit(root, OBSERVATION, "示例企业达到7家。", "示例企业达到-7家。")
    report, _ = _run(root)
    assert _found(report) == {("data/" + OBSERVATION, 4, "value-out-of-range")}


def test_a_percentage_is_refused_above_100_and_a_declared_range_allows_a_negative(root: Path):
    _edit(
        root,
        "indicators.yaml",
        '  unit: {zh: 家, en: ""}\n  unit_source: table',
        '  unit: {zh: "%", en: ""}\n  unit_source: table',
    )
    _edit(root, "indicators.yaml", "target: {year: 2025, value: 10,", "target: {year: 2025, value: 120,")
    _edit(root, OBSERVATION, "  zh: 家\n", '  zh: "%"\n')
    _edit(root, OBSERVATION, "示例企业达到7家。", "示例企业达到7%。")
    report, _ = _run(root)
    assert _found(report) == {
        ("data/indicators.yaml", _line(root, "indicators.yaml", "value: 120"), "value-out-of-range")
    }
    _edit(
        root,
        "indicators.yaml",
        "  cumulative: false\n  baseline: {year: 2020, value: 4}",
        "  cumulative: false\n  range: {min: -50, max: 200}\n  baseline: {year: 2020, value: -4}",
    )
    report, plan = _run(root)
    assert report.errors == [] and plan is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit", "states"),
    [
        ("高企总量达到149家,同比增长55.2%", 149, "家", True),
        ("高企总量达到149家", 194, "家", False),
        ("高企总量达到1490家", 149, "家", False),
        ("总量达到２０２３家", 2023, "家", True),
        ("研发经费达到1.5亿元", 15000, "万元", True),
        ("研发经费达到15,000万元", 15000, "万元", True),
        ("企业达到1.5万家", 15000, "家", True),
        ("投入1500000元", 150, "万元", True),
        ("投入1.5亿元", 1.5, "亿元", True),
        ("投入1.5亿元", 1.6, "亿元", False),
        ("2023年71家企业通过认定,高企总量达到149家", 2023149, "家", False),
    ],
)
def test_a_value_is_found_in_its_quote_in_any_written_form(quote, value, unit, states):
    assert quote_states(quote, value, unit) is states


def test_a_value_its_quote_does_not_state_is_refused_unless_a_quote_note_says_why(root: Path):
    _edit(root, OBSERVATION, "value: 7\n", "value: 70\n")
    report, _ = _run(root)
    assert _found(report) == {("data/" + OBSERVATION, 4, "value-not-in-quote")}
    _edit(root, OBSERVATION, "match: exact", 'quote_note: {zh: 原文分项列出，此处为两项之和。, en: ""}\nmatch: exact')
    report, plan = _run(root)
    assert report.errors == [] and plan is not None


def test_dates_after_today_are_refused_and_today_is_injected(tmp_path: Path):
    root = overlay(BAD / "dates-not-future", tmp_path)
    report, _ = _run(root)
    assert {p.code for p in report.errors} == {"date-in-future"}
    report, plan = _run(root, today=dt.date(2099, 12, 31))
    assert report.errors == [] and plan is not None


def test_the_earliest_allowed_date_comes_from_the_plan_s_own_history(root: Path):
    _edit(root, REPORT_SOURCE, "date: 2024-03-21", "date: 2015-03-21")
    assert _run(root)[0].errors == []  # 2015: the earliest year the fixture's plan states ("十二五"末)
    _edit(root, "indicators.yaml", "  - year: 2015", "  - year: 2016")
    assert {p.code for p in _run(root)[0].errors} == {"date-too-early"}


def test_a_yearly_flow_on_a_stock_indicator_is_refused_and_says_what_it_does_to_the_status(root: Path):
    _edit(root, OBSERVATION, "match: exact", "kind: yearly-flow\nmatch: exact")
    report, _ = _run(root)
    (problem,) = report.errors
    assert (problem.file, problem.line, problem.code) == (
        "data/" + OBSERVATION,
        _line(root, OBSERVATION, "yearly-flow"),
        "observation-kind-mismatch",
    )
    assert "暂无数据" in problem.detail and "level" in problem.detail


def test_a_level_on_a_cumulative_indicator_is_refused(root: Path):
    _edit(
        root,
        "indicators.yaml",
        "  unit_source: table\n  cumulative: false\n  baseline: {year: 2020, value: 4}",
        "  unit_source: table\n  cumulative: true\n  baseline: {year: 2020, value: 4}",
    )
    report, _ = _run(root)
    assert {p.code for p in report.errors} == {"observation-kind-mismatch"}
    assert "cumulative-total" in report.errors[0].detail


def test_a_note_whose_reading_equals_its_source_is_refused(tmp_path: Path):
    root = overlay(BAD / "note-reading-differs", tmp_path)
    assert _found(_run(root)[0]) == {("data/editorial-notes.yaml", 7, "note-reading-same")}


def test_a_quoted_number_is_called_quoted_not_a_unit(tmp_path: Path):
    root = overlay(BAD / "number-quoted", tmp_path)
    (problem,) = _run(root)[0].errors
    assert problem.code == "number-quoted" and problem.line == 4


# ------------------------------------------------------------------------------ Chinese words for ids


@pytest.mark.parametrize(
    ("file", "old", "word", "right"),
    [
        (PROJECT_ENTRY, "stage: under-construction", "投产", "in-operation"),
        (PROJECT_ENTRY, "stage: under-construction", "在建", "under-construction"),
        (PROJECT_ENTRY, "stage: under-construction", "竣工", "completed"),
        (PROJECT_ENTRY, "stage: under-construction", "前期", "planning"),
        (MILESTONE_ENTRY, "stage: in-progress", "已获批", "achieved"),
        (MILESTONE_ENTRY, "stage: in-progress", "推进中", "in-progress"),
        (OBSERVATION, "match: exact", "近似", "close-equivalent"),
        (REPORT_SOURCE, "kind: statistics-bulletin", "统计公报", "statistics-bulletin"),
        ("editorial-notes.yaml", "confidence: high\n- id: example-global", "高", "high"),
    ],
)
def test_a_chinese_word_in_a_closed_vocabulary_is_answered_with_the_id_to_write(root, file, old, word, right):
    key = old.split(":")[0]
    _edit(root, file, old, old.replace(old.split("\n")[0], f"{key}: {word}"))
    report, _ = _run(root)
    (problem,) = report.errors
    assert problem.code == "value-not-allowed" and problem.line == _line(root, file, f"{key}: {word}")
    assert right in problem.detail and right in problem.hint


def test_an_observation_kind_in_chinese_is_answered_with_the_id(root: Path):
    _edit(root, OBSERVATION, "match: exact", "kind: 存量\nmatch: exact")
    (problem,) = _run(root)[0].errors
    assert problem.code == "value-not-allowed" and "level" in problem.hint


def test_every_chinese_word_maps_to_an_id_some_vocabulary_allows():
    allowed = set(m.PROJECT_STAGES + m.MILESTONE_STAGES) | {"level", "cumulative-total", "yearly-flow"}
    allowed |= {"exact", "close-equivalent", "high", "medium", "low"}
    allowed |= {
        "statistics-bulletin",
        "government-work-report",
        "department-report",
        "newspaper",
        "government-notice",
        "other",
    }
    assert set(CHINESE_IDS.values()) <= allowed
