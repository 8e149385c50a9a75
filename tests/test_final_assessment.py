"""The final assessment after a plan's last year, on SYNTHETIC indicators and values (never the plan's data).

已完成 when the published target-year value meets the target as its qualifier reads; 未完成 with the gap
(computed); 终期数据待公布 with the latest value and the mid-course status while no target-year value is
published. "Today" is always passed in; the period's end comes from the plan's own data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from plansite import models as m
from plansite.check import load_plan
from plansite.facts import qualifiers
from plansite.plan import Plan
from plansite.render import Renderer
from plansite.status import (
    ABOUT_TOLERANCE,
    comparison_of,
    final_assessment,
    final_counts,
    indicator_status,
    judge,
    period_ended,
)

from .conftest import MINIMAL

# ------------------------------------------------------------------------------------- synthetic plans


@pytest.fixture(scope="module")
def minimal() -> Plan:
    """The SYNTHETIC minimal fixture, checked; the tests below swap in their own indicators and values."""
    return load_plan(MINIMAL / "data", MINIMAL)


def indicator(
    id: str = "synthetic-a",
    baseline: float = 40,
    target: float = 90,
    qualifier: str | None = None,
    cumulative: bool = False,
    direction: str = "higher",
    unit: str = "家",
    number: int = 1,
) -> m.Indicator:
    return m.Indicator.model_validate(
        {
            "id": id,
            "number": number,
            "name": {"zh": f"合成指标{number}", "en": f"Synthetic indicator {number}"},
            "unit": {"zh": unit, "en": ""},
            "unit_source": "table",
            "cumulative": cumulative,
            "direction": direction,
            "baseline": {"year": 2020, "value": baseline},
            "target": {"year": 2025, "value": target, **({"qualifier": qualifier} if qualifier else {})},
        }
    )


def observation(ind: str, year: int, value: float, kind: str = "level", unit: str = "家") -> m.Observation:
    return m.Observation.model_validate(
        {
            "indicator": ind,
            "year": year,
            "value": value,
            "unit": {"zh": unit, "en": ""},
            "source": "example-report",
            "quote": f"合成数值{value}。",
            "kind": kind,
            "match": "exact",
        }
    )


def synthetic(base: Plan, indicators: list[m.Indicator], observations: list[m.Observation]) -> Plan:
    """The base plan with only these indicators and values (what referred to its own indicators dropped)."""
    ids = {i.id for i in indicators}
    table = base.table.model_copy(update={"indicators": indicators, "numbering_gaps": []})
    kept = [c for c in base.commitments.commitments if c.indicator is None or c.indicator in ids]
    return dataclasses.replace(
        base,
        table=table,
        observations=m.Observations(observations=observations),
        commitments=base.commitments.model_copy(update={"commitments": kept}),
        meta=base.meta.model_copy(
            update={"headline_indicators": [h for h in base.meta.headline_indicators if h in ids]}
        ),
    )


def day_after(plan: Plan) -> dt.date:
    return dt.date(plan.meta.period.end + 1, 1, 1)


def last_day(plan: Plan) -> dt.date:
    return dt.date(plan.meta.period.end, 12, 31)


# ------------------------------------------------------------------------------------- the rule on numbers


def test_the_period_ends_after_the_last_day_of_its_final_year():
    assert not period_ended(2025, dt.date(2025, 12, 31))
    assert period_ended(2025, dt.date(2026, 1, 1))
    assert not period_ended(2030, dt.date(2026, 12, 2))  # a later plan's period is its own


@pytest.mark.parametrize(
    "comparison,value,achieved,gap",
    [
        ("at-least", 90, True, None),  # 以上 / 不低于: reaching the target is enough
        ("at-least", 89.5, False, 0.5),
        ("more-than", 90, False, 0.0),  # 超过: exactly the target is not more than it
        ("more-than", 90.1, True, None),
        ("at-most", 90, True, None),  # 以下
        ("at-most", 92, False, 2.0),
        ("less-than", 90, False, 0.0),  # 低于
        ("less-than", 89, True, None),
    ],
)
def test_each_comparison_and_its_boundary(comparison, value, achieved, gap):
    j = judge(90, value, comparison)
    assert (j.achieved, j.gap) == (achieved, gap)


@pytest.mark.parametrize(
    "value,achieved,gap",
    [
        (100, True, None),
        (105, True, None),  # the upper edge of ±5 % is inside
        (95, True, None),  # and the lower edge
        (94, False, 1.0),  # the gap is to the nearer edge of the band
        (106.5, False, 1.5),
    ],
)
def test_about_counts_a_band_around_the_target(value, achieved, gap):
    j = judge(100, value, "about", 0.05)
    assert (j.achieved, j.gap, j.band) == (achieved, gap, (95.0, 105.0))


def test_the_gap_is_exact_in_decimals():
    assert judge(0.3, 0.1, "at-least").gap == 0.2  # not 0.19999999999999998
    assert judge(3.3, 3.3, "at-least").achieved


def test_without_a_qualifier_the_target_is_reached_in_the_good_direction():
    assert comparison_of(None, "higher") == "at-least"
    assert comparison_of(None, "lower") == "at-most"
    vocabulary = qualifiers(None)
    assert comparison_of(vocabulary["超过"], "lower") == "more-than"  # a qualifier says for itself


# ------------------------------------------------------------------------------------- on synthetic plans


def test_nothing_is_assessed_while_the_period_runs(minimal):
    ind = indicator()
    plan = synthetic(minimal, [ind], [observation(ind.id, 2025, 95)])
    assert final_assessment(plan, ind, last_day(plan)) is None
    assert set(final_counts(plan, last_day(plan)).values()) == {0}


def test_a_published_target_year_value_that_meets_the_target_is_achieved(minimal):
    ind = indicator(qualifier="以上")
    plan = synthetic(minimal, [ind], [observation(ind.id, 2023, 70), observation(ind.id, 2025, 90)])
    f = final_assessment(plan, ind, day_after(plan))
    assert f is not None and f.code == "achieved"
    assert (f.value, f.target, f.target_year, f.gap) == (90, 90, 2025, None)
    assert f.observation is not None and f.observation.year == 2025


def test_a_target_year_value_short_of_the_target_is_not_achieved_with_its_gap(minimal):
    ind = indicator(qualifier="超过")
    plan = synthetic(minimal, [ind], [observation(ind.id, 2025, 82)])
    f = final_assessment(plan, ind, day_after(plan))
    assert f is not None and (f.code, f.gap, f.comparison) == ("not-achieved", 8.0, "more-than")


def test_without_a_target_year_value_the_assessment_waits_and_shows_the_mid_course_status(minimal):
    ind = indicator()
    # a later year and an earlier one are both published; neither stands in for the final value
    plan = synthetic(minimal, [ind], [observation(ind.id, 2024, 95), observation(ind.id, 2026, 99)])
    f = final_assessment(plan, ind, dt.date(2027, 6, 1))
    assert f is not None and f.code == "pending" and f.value is None and f.observation is None
    assert f.midcourse == indicator_status(plan, ind)
    assert f.midcourse is not None and f.midcourse.code == "met"


def test_a_cumulative_indicator_is_judged_on_its_cumulative_total_only(minimal):
    ind = indicator(baseline=0, target=50, cumulative=True)
    flow_only = synthetic(minimal, [ind], [observation(ind.id, 2025, 60, "yearly-flow")])
    f = final_assessment(flow_only, ind, day_after(flow_only))
    assert f is not None and f.code == "pending"  # one year's flow is never the cumulative total
    total = synthetic(minimal, [ind], [observation(ind.id, 2025, 48, "cumulative-total")])
    f = final_assessment(total, ind, day_after(total))
    assert f is not None and (f.code, f.gap) == ("not-achieved", 2.0)


def test_a_lower_is_better_indicator_is_achieved_at_or_below_its_target(minimal):
    ind = indicator(baseline=30, target=10, direction="lower")
    for value, code in ((10, "achieved"), (8, "achieved"), (12.5, "not-achieved")):
        plan = synthetic(minimal, [ind], [observation(ind.id, 2025, value)])
        f = final_assessment(plan, ind, day_after(plan))
        assert f is not None and f.code == code
    assert f is not None and f.gap == 2.5


def test_about_uses_the_qualifiers_own_tolerance(minimal):
    ind = indicator(target=200, qualifier="左右")
    tolerance = qualifiers(minimal.meta)["左右"].tolerance or ABOUT_TOLERANCE
    edge = 200 * (1 + tolerance)
    plan = synthetic(minimal, [ind], [observation(ind.id, 2025, edge)])
    f = final_assessment(plan, ind, day_after(plan))
    assert f is not None and (f.code, f.comparison, f.tolerance) == ("achieved", "about", tolerance)
    plan = synthetic(minimal, [ind], [observation(ind.id, 2025, edge + 1)])
    f = final_assessment(plan, ind, day_after(plan))
    assert f is not None and f.code == "not-achieved" and f.gap == pytest.approx(1)


def test_a_value_in_another_unit_is_converted_before_it_is_judged(minimal):
    ind = indicator(target=30000, unit="万元", qualifier="以上")
    plan = synthetic(minimal, [ind], [observation(ind.id, 2025, 3.1, unit="亿元")])
    f = final_assessment(plan, ind, day_after(plan))
    assert f is not None and (f.code, f.value) == ("achieved", 31000)


def test_final_counts_count_every_indicator_once(minimal):
    a, b, c = indicator("synthetic-a", number=1), indicator("synthetic-b", number=2), indicator("synthetic-c", number=3)
    plan = synthetic(minimal, [a, b, c], [observation(a.id, 2025, 90), observation(b.id, 2025, 50)])
    assert final_counts(plan, day_after(plan)) == {"achieved": 1, "not-achieved": 1, "pending": 1}


def test_the_model_never_reads_the_clock():
    source = (Path(__file__).parents[1] / "plansite" / "status.py").read_text(encoding="utf-8")
    assert not re.search(r"\b(today|now|utcnow)\(\)", source)


# ------------------------------------------------------------------------------------- on the pages


def test_the_indicator_page_shows_the_final_assessment_with_its_rule_and_inputs(minimal):
    met, short, waiting = (
        indicator("synthetic-a", number=1),
        indicator("synthetic-b", number=2),
        indicator("synthetic-c", number=3),
    )
    plan = synthetic(
        minimal,
        [met, short, waiting],
        [observation(met.id, 2025, 91), observation(short.id, 2025, 70), observation(waiting.id, 2023, 60)],
    )
    pages = {p.path: p.markdown for p in Renderer(plan, "zh", today=day_after(plan)).pages()}
    ui = plan.ui.strings
    for ind, code in ((met, "achieved"), (short, "not-achieved"), (waiting, "pending")):
        md = pages[f"indicators/{ind.id}.md"]
        assert "{#final}" in md and f'class="final final--{code}"' in md
        assert ui["final.how"].zh in md
        assert f"{plan.meta.period.start}—{plan.meta.period.end}" in md  # the period notice, from the plan's data
    assert (
        ui["final.input.gap"].zh in pages[f"indicators/{short.id}.md"] and "20家" in pages[f"indicators/{short.id}.md"]
    )
    waiting_md = pages[f"indicators/{waiting.id}.md"]
    assert ui["final.input.midcourse"].zh in waiting_md and "60家（2023）" in waiting_md
    assert ui["final.input.gap"].zh not in waiting_md


def test_before_the_period_ends_no_page_shows_a_final_assessment(minimal):
    ind = indicator()
    plan = synthetic(minimal, [ind], [observation(ind.id, 2025, 95)])
    pages = {p.path: p.markdown for p in Renderer(plan, "zh", today=last_day(plan)).pages()}
    for path in ("index.md", "indicators/index.md", f"indicators/{ind.id}.md"):
        assert "final--" not in pages[path] and "period-notice--ended" not in pages[path]
        assert f"{plan.meta.period.start}—{plan.meta.period.end}" in pages[path]
