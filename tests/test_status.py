"""The status rule on synthetic numbers: each status and each boundary, written out by hand from the rule.

Expected path e = b + (t − b)·(y − 2020)/5; gap g = ±(v − e)/|t − b|; met when v reaches t; ahead when g > τ;
on track when −τ ≤ g ≤ τ; behind when g < −τ. The numbers are chosen so that every boundary is exact in
binary floating point (0 → 100 by 2025 puts 2023 at 60, and a gap of 10 at exactly 0.1).
"""

from __future__ import annotations

import shutil
from types import SimpleNamespace
from typing import cast

import pytest

from plansite import models as m
from plansite.check import load_plan
from plansite.plan import Plan
from plansite.status import (
    ICON,
    ORDER,
    assess,
    expected_value,
    headline,
    indicator_status,
    observed_in_indicator_unit,
    project_stage_counts,
)

from .conftest import MINIMAL, OBSERVATION

# A SYNTHETIC five-year period for the rule on plain numbers (the rule takes the period from the plan).
START, END = 2020, 2025


def test_expected_path_is_the_straight_line_from_baseline_to_target():
    assert (
        expected_value(40, 90, 2020, start=START, end=END) == 40
        and expected_value(40, 90, 2025, start=START, end=END) == 90
    )
    assert expected_value(40, 90, 2023, start=START, end=END) == pytest.approx(70)


@pytest.mark.parametrize(
    "value,code",
    [
        (90, "met"),  # target reached
        (95, "met"),  # target passed
        (80, "ahead"),  # expected 70 in 2023, gap +0.2 > 0.1
        (74, "on-track"),  # gap +0.08
        (66, "on-track"),  # gap −0.08
        (60, "behind"),  # gap −0.2
    ],
)
def test_each_status_for_higher_is_better(value, code):
    assert assess(40, 90, 2023, value, 0.1, start=START, end=END).code == code


@pytest.mark.parametrize("value,code", [(10, "met"), (15, "ahead"), (19, "on-track"), (23, "behind")])
def test_lower_is_better_is_mirrored(value, code):
    # 30 -> 10 by 2025: expected 18 in 2023
    assert assess(30, 10, 2023, value, 0.1, direction="lower", start=START, end=END).code == code


def test_missing_baseline_or_value_gives_no_data():
    assert assess(None, 90, 2023, 70, 0.1, start=START, end=END).code == "no-data"
    assert assess(40, 90, 2023, None, 0.1, start=START, end=END).reason == "none"


def test_inputs_are_kept_for_the_explanation():
    s = assess(40, 90, 2023, 60, 0.1, start=START, end=END)
    assert s.gap is not None
    assert (s.expected, round(s.gap, 3), s.tolerance, s.year, s.value) == (70, -0.2, 0.1, 2023, 60)


@pytest.fixture
def fixture_plan(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    return root


def test_a_cumulative_indicator_of_the_data_files_is_compared_with_its_cumulative_total(fixture_plan):
    # Through the real loader; the refusals (a flow, a level for a cumulative indicator) are tested on models
    # below, since the checker now reports such an observation itself.
    obs = fixture_plan / "data" / OBSERVATION
    ind = fixture_plan / "data" / "indicators.yaml"
    ind.write_text(
        ind.read_text().replace(
            "  cumulative: false\n  baseline: {year: 2020, value: 4}",
            "  cumulative: true\n  baseline: {year: 2020, value: 4}",
        )
    )
    obs.write_text(obs.read_text().replace("match: exact", "kind: cumulative-total\nmatch: exact"))
    plan = load_plan(fixture_plan / "data", fixture_plan)
    s = indicator_status(plan, plan.indicator("example-enterprises"))
    # 4 -> 10: 7.6 expected in 2023; 7 is a gap of −0.1 (on the boundary, within float rounding)
    assert (s.code, s.year, s.value, s.expected) == ("on-track", 2023, 7, pytest.approx(7.6))
    assert s.observation is not None and s.observation.source == "example-report"


def test_headline_counts_every_indicator_once(plan):
    counts = headline(plan)
    assert sum(counts.values()) == len(plan.indicators)
    with_data = {i.id for i in plan.indicators if indicator_status(plan, i).code != "no-data"}
    assert len(plan.indicators) - counts["no-data"] == len(with_data)


def test_project_stage_counts_cover_every_project_once(plan):
    counts = project_stage_counts(plan)
    assert sum(counts.values()) == len(list(plan.projects()))
    assert counts["none"] == sum(1 for _, p in plan.projects() if not plan.status_of(project=p.id))


# ------------------------------------------------------------------------------------- boundaries


def test_the_expected_path_on_other_periods_and_years():
    assert expected_value(0, 100, 2021, start=START, end=END) == 20
    assert expected_value(0, 100, 2024, start=START, end=END) == 80
    assert expected_value(30, 10, 2022, start=START, end=END) == 22  # falling: 30 − 20·2/5
    assert expected_value(0, 100, 2022, start=2020, end=2030) == 20  # a ten-year period
    assert expected_value(10, 20, 2021, start=2021, end=2023) == 10  # the start year is the baseline


@pytest.mark.parametrize(
    "value,code,gap",
    [
        (60, "on-track", 0.0),  # exactly on the path
        (70, "on-track", 0.1),  # exactly at +τ: not yet ahead
        (50, "on-track", -0.1),  # exactly at −τ: not yet behind
        (70.5, "ahead", 0.105),
        (49.5, "behind", -0.105),
        (100, "met", None),  # target met exactly
        (120, "met", None),
        (99.5, "ahead", 0.395),
        (-10, "behind", -0.7),  # negative values are values too
    ],
)
def test_each_boundary_for_higher_is_better(value, code, gap):
    s = assess(0, 100, 2023, value, 0.1, start=START, end=END)
    assert s.code == code
    assert s.expected == 60
    assert (s.gap is None) if gap is None else (s.gap == pytest.approx(gap, abs=1e-12))


@pytest.mark.parametrize(
    "value,code,gap",
    [
        (18, "on-track", 0.0),  # 30 -> 10: 18 expected in 2023
        (16, "on-track", 0.1),  # below the path is good: exactly +τ
        (20, "on-track", -0.1),  # exactly −τ
        (15.9, "ahead", 0.105),
        (20.1, "behind", -0.105),
        (10, "met", None),  # target met exactly
        (9, "met", None),
        (31, "behind", -0.65),
    ],
)
def test_each_boundary_for_lower_is_better(value, code, gap):
    s = assess(30, 10, 2023, value, 0.1, direction="lower", start=START, end=END)
    assert s.code == code
    assert s.expected == 18
    assert (s.gap is None) if gap is None else (s.gap == pytest.approx(gap, abs=1e-12))


def test_a_wider_tolerance_moves_the_boundaries():
    assert assess(0, 100, 2023, 80, 0.2, start=START, end=END).code == "on-track"  # gap 0.2 = τ
    assert assess(0, 100, 2023, 81, 0.2, start=START, end=END).code == "ahead"
    assert assess(0, 100, 2023, 40, 0.2, start=START, end=END).code == "on-track"
    assert assess(0, 100, 2023, 39, 0.2, start=START, end=END).code == "behind"
    assert (
        assess(0, 100, 2023, 61, 0, start=START, end=END).code == "ahead"
    )  # τ = 0: only exactly on the path is on track
    assert assess(0, 100, 2023, 60, 0, start=START, end=END).code == "on-track"
    assert assess(0, 100, 2023, 59, 0, start=START, end=END).code == "behind"


def test_the_rule_uses_the_indicators_own_period():
    # 2021 -> 2023: a value in 2022 is halfway
    s = assess(10, 20, 2022, 15, 0.1, start=2021, end=2023)
    assert (s.code, s.expected, s.gap) == ("on-track", 15, 0)
    assert assess(10, 20, 2022, 17, 0.1, start=2021, end=2023).code == "ahead"  # gap 0.2


def test_a_target_equal_to_the_baseline_is_met_at_it_and_on_track_below_it():
    # no distance to divide by: the gap is taken as 0 rather than dividing by zero
    assert assess(50, 50, 2023, 50, 0.1, start=START, end=END).code == "met"
    s = assess(50, 50, 2023, 40, 0.1, start=START, end=END)
    assert (s.code, s.gap) == ("on-track", 0.0)


@pytest.mark.parametrize(
    "baseline,target,value,reason",
    [
        (None, 90, 70, "no-baseline"),
        (40, None, 70, "no-baseline"),  # a missing target is as fatal as a missing baseline
        (None, None, 70, "no-baseline"),
        (40, 90, None, "none"),
        (None, None, None, "none"),
    ],
)
def test_missing_inputs_give_no_data_with_the_reason(baseline, target, value, reason):
    s = assess(baseline, target, 2023, value, 0.15, start=START, end=END)
    assert (s.code, s.reason, s.expected, s.gap, s.tolerance) == ("no-data", reason, None, None, 0.15)
    if value is not None:
        assert (s.year, s.value) == (2023, value)
    else:
        assert (s.year, s.value) == (None, None)


def test_a_met_status_keeps_its_inputs_but_has_no_gap():
    s = assess(40, 90, 2024, 95, 0.1, start=START, end=END)
    assert (s.code, s.year, s.value, s.expected, s.gap, s.tolerance, s.reason) == ("met", 2024, 95, 80, None, 0.1, "")


def test_every_status_has_its_icon_in_the_order_the_board_shows():
    assert ORDER == ("met", "ahead", "on-track", "behind", "no-data")
    assert ICON == {"met": "◎", "ahead": "▲", "on-track": "●", "behind": "▼", "no-data": "○"}


# ------------------------------------------------------------ indicators and observations (no data files)


def _indicator(**over) -> m.Indicator:
    data = {
        "id": "x",
        "number": 1,
        "name": {"zh": "示例"},
        "unit": {"zh": "万元", "en": "CNY 10,000"},
        "unit_source": "table",
        "cumulative": False,
        "baseline": {"year": 2020, "value": 100},
        "target": {"year": 2025, "value": 300},
    }
    return m.Indicator.model_validate(data | over)


def _obs(year: int, value, unit: str = "万元", kind: str = "level") -> m.Observation:
    return m.Observation(
        indicator="x", year=year, value=value, unit=m.Text(zh=unit), source="s", kind=kind, match="exact"
    )


def _plan(*observations: m.Observation) -> Plan:
    """Just what indicator_status reads: the observations of an indicator, oldest first (as Plan gives them)."""
    return cast(Plan, SimpleNamespace(observations_of=lambda _id: list(observations)))


def test_the_newest_comparable_observation_decides():
    ind = _indicator()
    # 100 -> 300: 140 expected in 2021, 220 in 2023
    older, newer = _obs(2021, 140), _obs(2023, 180)
    s = indicator_status(_plan(older, newer), ind)
    assert (s.code, s.reason, s.year, s.value, s.expected, s.observation) == ("behind", "", 2023, 180, 220, newer)
    assert s.gap == pytest.approx(-0.2)


def test_an_observation_in_another_unit_is_converted_exactly():
    ind = _indicator()
    # 1.15亿元 is 11500万元 (in binary floating point 1.15 × 10000 is 11499.999999999998)
    assert observed_in_indicator_unit(ind, _obs(2023, 1.15, "亿元")) == 11500
    assert observed_in_indicator_unit(ind, _obs(2023, 0.022, "亿元")) == 220
    assert observed_in_indicator_unit(ind, _obs(2023, 220, "万元")) == 220
    s = indicator_status(_plan(_obs(2023, 0.022, "亿元")), ind)
    assert (s.code, s.value, s.gap) == ("on-track", 220, 0)  # exactly on the path, once converted
    in_yi = _indicator(unit={"zh": "亿元", "en": "CNY 100 million"}, baseline={"year": 2020, "value": 1})
    assert observed_in_indicator_unit(in_yi, _obs(2023, 11500, "万元")) == 1.15


def test_an_indicator_without_a_unit_takes_the_value_as_it_is():
    ind = _indicator(unit=None)
    assert observed_in_indicator_unit(ind, _obs(2023, 0.73, "家")) == 0.73


def test_the_indicators_own_tolerance_is_used_and_ten_percent_otherwise():
    plan = _plan(_obs(2023, 250))  # gap (250 − 220)/200 = 0.15
    assert indicator_status(plan, _indicator()).code == "ahead"
    assert indicator_status(plan, _indicator()).tolerance == 0.1
    s = indicator_status(plan, _indicator(tolerance=0.15))
    assert (s.code, s.tolerance) == ("on-track", 0.15)
    assert indicator_status(plan, _indicator(tolerance=0)).code == "ahead"  # 0 is a tolerance, not "none"


def test_lower_is_better_and_the_period_come_from_the_indicator():
    lower = _indicator(direction="lower", baseline={"year": 2020, "value": 30}, target={"year": 2025, "value": 10})
    assert indicator_status(_plan(_obs(2023, 18)), lower).code == "on-track"  # 18 expected
    assert indicator_status(_plan(_obs(2023, 10)), lower).code == "met"
    assert indicator_status(_plan(_obs(2023, 23)), lower).code == "behind"
    later_start = _indicator(baseline={"year": 2021, "value": 100}, target={"year": 2025, "value": 300})
    assert indicator_status(_plan(_obs(2023, 200)), later_start).expected == 200  # 100 + 200·2/4
    earlier_end = _indicator(baseline={"year": 2020, "value": 100}, target={"year": 2024, "value": 300})
    assert indicator_status(_plan(_obs(2023, 250)), earlier_end).expected == 250  # 100 + 200·3/4


def test_cumulative_and_level_indicators_take_only_their_own_kind():
    level, cumulative = _indicator(), _indicator(cumulative=True)
    flow = _obs(2023, 220, kind="yearly-flow")
    total = _obs(2023, 220, kind="cumulative-total")
    stock = _obs(2023, 220, kind="level")
    assert indicator_status(_plan(flow), level).reason == "not-comparable"
    assert indicator_status(_plan(flow), cumulative).reason == "not-comparable"  # a flow is never compared
    assert indicator_status(_plan(total), level).reason == "not-comparable"
    assert indicator_status(_plan(stock), cumulative).reason == "not-comparable"
    assert indicator_status(_plan(stock), level).code == "on-track"
    assert indicator_status(_plan(total), cumulative).code == "on-track"
    # a newer flow does not hide an older comparable value
    s = indicator_status(_plan(_obs(2022, 180), _obs(2023, 999, kind="yearly-flow")), level)
    assert (s.code, s.year, s.value) == ("on-track", 2022, 180)


def test_no_observation_at_all_is_no_data_with_reason_none():
    s = indicator_status(_plan(), _indicator())
    assert (s.code, s.reason, s.tolerance, s.observation) == ("no-data", "none", 0.1, None)


def test_headline_counts_each_status_by_the_rule():
    # 100 -> 300: 220 expected in 2023
    inds = {
        "a": _indicator(id="a"),
        "b": _indicator(id="b"),
        "c": _indicator(id="c"),
        "d": _indicator(id="d"),
        "e": _indicator(id="e"),
        "f": _indicator(id="f"),
    }
    observations = {
        "a": [_obs(2023, 300)],
        "b": [_obs(2023, 221)],
        "c": [_obs(2023, 100)],
        "d": [_obs(2023, 260)],
        "f": [_obs(2023, 219)],
    }
    plan = cast(
        Plan,
        SimpleNamespace(indicators=tuple(inds.values()), observations_of=lambda id: observations.get(id, [])),
    )
    assert headline(plan) == {"met": 1, "ahead": 1, "on-track": 2, "behind": 1, "no-data": 1}
    assert list(headline(plan)) == list(ORDER)


def test_project_stage_counts_use_the_newest_entry_of_each_project():
    projects = [(None, SimpleNamespace(id=p)) for p in ("p1", "p2", "p3", "p4")]
    newest_first = {
        "p1": [SimpleNamespace(stage="completed"), SimpleNamespace(stage="planning")],
        "p2": [SimpleNamespace(stage="under-construction")],
        "p3": [SimpleNamespace(stage="completed")],
    }
    plan = cast(
        Plan,
        SimpleNamespace(projects=lambda: iter(projects), status_of=lambda project: newest_first.get(project, [])),
    )
    assert project_stage_counts(plan) == {
        "planning": 0,
        "under-construction": 1,
        "in-operation": 0,
        "completed": 2,
        "none": 1,
    }
