"""The status rule on synthetic numbers: each status, lower-is-better, a missing baseline, a target already met."""

from __future__ import annotations

import shutil

import pytest

from plansite.check import load_plan
from plansite.status import assess, expected_value, headline, indicator_status

from .conftest import MINIMAL


def test_expected_path_is_the_straight_line_from_baseline_to_target():
    assert expected_value(40, 90, 2020) == 40 and expected_value(40, 90, 2025) == 90
    assert expected_value(40, 90, 2023) == pytest.approx(70)


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
    assert assess(40, 90, 2023, value, 0.1).code == code


@pytest.mark.parametrize("value,code", [(10, "met"), (15, "ahead"), (19, "on-track"), (23, "behind")])
def test_lower_is_better_is_mirrored(value, code):
    # 30 -> 10 by 2025: expected 18 in 2023
    assert assess(30, 10, 2023, value, 0.1, direction="lower").code == code


def test_missing_baseline_or_value_gives_no_data():
    assert assess(None, 90, 2023, 70, 0.1).code == "no-data"
    assert assess(40, 90, 2023, None, 0.1).reason == "none"


def test_inputs_are_kept_for_the_explanation():
    s = assess(40, 90, 2023, 60, 0.1)
    assert s.gap is not None
    assert (s.expected, round(s.gap, 3), s.tolerance, s.year, s.value) == (70, -0.2, 0.1, 2023, 60)


@pytest.fixture
def fixture_plan(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    return root


def test_cumulative_indicator_is_compared_only_with_a_cumulative_total(fixture_plan):
    obs = fixture_plan / "data" / "observations.yaml"
    ind = fixture_plan / "data" / "indicators.yaml"
    ind.write_text(
        ind.read_text().replace(
            "  cumulative: false\n  baseline: {year: 2020, value: 4}",
            "  cumulative: true\n  baseline: {year: 2020, value: 4}",
        )
    )
    plan = load_plan(fixture_plan / "data", fixture_plan)
    status = indicator_status(plan, plan.indicator("example-enterprises"))
    assert (status.code, status.reason) == ("no-data", "not-comparable")  # the fixture's 7 is a level
    obs.write_text(obs.read_text().replace("  match: exact", "  kind: cumulative-total\n  match: exact"))
    plan = load_plan(fixture_plan / "data", fixture_plan)
    assert indicator_status(plan, plan.indicator("example-enterprises")).code == "on-track"  # 4 -> 10: 7.6 expected


def test_a_yearly_flow_is_never_compared_with_a_level(fixture_plan):
    obs = fixture_plan / "data" / "observations.yaml"
    obs.write_text(obs.read_text().replace("  match: exact", "  kind: yearly-flow\n  match: exact"))
    plan = load_plan(fixture_plan / "data", fixture_plan)
    assert indicator_status(plan, plan.indicator("example-enterprises")).code == "no-data"


def test_headline_counts_every_indicator_once(plan):
    counts = headline(plan)
    assert sum(counts.values()) == len(plan.indicators)
    with_data = {i.id for i in plan.indicators if indicator_status(plan, i).code != "no-data"}
    assert len(plan.indicators) - counts["no-data"] == len(with_data)


def test_project_stage_counts_cover_every_project_once(plan):
    from plansite.status import project_stage_counts

    counts = project_stage_counts(plan)
    assert sum(counts.values()) == len(list(plan.projects()))
    assert counts["none"] == sum(1 for _, p in plan.projects() if not plan.status_of(project=p.id))
