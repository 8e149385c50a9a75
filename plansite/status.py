"""The status of an indicator, by a stated rule (DESIGN.md §4), with every input kept for display.

Expected path: the straight line from the baseline (its year, e.g. 2020) to the target (its year, e.g. 2025).
For the newest comparable published value v in year y, with baseline b, target t, tolerance τ:
  expected e = b + (t − b) × (y − baseline year) / (target year − baseline year)
  gap g = (v − e) / |t − b|, signed so that a positive gap is good (mirrored when lower is better)
  提前实现 (met)      v has reached t
  快于预期 (ahead)    g > τ
  基本符合预期 (on track)  −τ ≤ g ≤ τ
  滞后 (behind)       g < −τ
  暂无数据 (no data)  no comparable published value (or no baseline or target)
A cumulative (累计) indicator is compared only with a published cumulative total, a level
indicator only with a level: a one-year flow is never compared with either.

Final assessment, once the plan period has ended (today after 31 December of the period's last year; today is
always passed in). Only a published, comparable value for the target year itself counts as the final value v
(a cumulative total for a cumulative indicator):
  已完成 (achieved)      v meets the target t as the qualifier's comparison (plansite.facts.qualifiers) reads:
                         at-least v ≥ t (以上, 不低于), more-than v > t (超过), at-most v ≤ t (以下), less-than v < t
                         (低于), about |v − t| ≤ τ·|t| (左右; τ is the qualifier's tolerance, else 5 %);
                         without a qualifier, v reaches t in the indicator's good direction (≥, or ≤ when lower is better)
  未完成 (not achieved)  otherwise; the gap |t − v| (or, for 左右, the distance to the nearer edge of the band) is kept
  终期数据待公布 (pending) no such value yet: the latest value and the mid-course status are shown instead
Nothing is estimated: a value for another year never stands in for the final value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from . import models as m
from .facts import qualifiers
from .plan import Plan
from .textformat import number
from .units import in_indicator_unit

StatusCode = Literal["met", "ahead", "on-track", "behind", "no-data"]
ORDER: tuple[StatusCode, ...] = ("met", "ahead", "on-track", "behind", "no-data")
ICON = {"met": "◎", "ahead": "▲", "on-track": "●", "behind": "▼", "no-data": "○"}


@dataclass(frozen=True)
class Status:
    code: StatusCode
    reason: str = ""  # for no-data: none, no-baseline, not-comparable
    year: int | None = None
    value: float | None = None
    expected: float | None = None
    gap: float | None = None
    tolerance: float | None = None
    observation: m.Observation | None = None


def expected_value(baseline: float, target: float, year: int, *, start: int, end: int) -> float:
    """On the straight path from the baseline (start: the baseline year) to the target (end: the target year)."""
    return baseline + (target - baseline) * (year - start) / (end - start)


def assess(
    baseline: float | None,
    target: float | None,
    year: int,
    value: float | None,
    tolerance: float,
    direction: str = "higher",
    *,
    start: int,
    end: int,
) -> Status:
    """The rule itself, on plain numbers."""
    if value is None:
        return Status("no-data", "none", tolerance=tolerance)
    if baseline is None or target is None:
        return Status("no-data", "no-baseline", year=year, value=value, tolerance=tolerance)
    sign = 1 if direction == "higher" else -1
    expected = expected_value(baseline, target, year, start=start, end=end)
    if sign * (value - target) >= 0:
        return Status("met", year=year, value=value, expected=expected, gap=None, tolerance=tolerance)
    distance = abs(target - baseline)
    gap = sign * (value - expected) / distance if distance else 0.0
    code: StatusCode = "ahead" if gap > tolerance else "on-track" if gap >= -tolerance else "behind"
    return Status(code, year=year, value=value, expected=expected, gap=gap, tolerance=tolerance)


def comparable(ind: m.Indicator, obs: m.Observation) -> bool:
    return obs.kind == ("cumulative-total" if ind.cumulative else "level")


def observed_in_indicator_unit(ind: m.Indicator, obs: m.Observation) -> float:
    """The observed value in the indicator's unit, multiplied in decimal as printed: 1.1亿元 is 11000万元, not 11000.000000000002."""
    ratio = in_indicator_unit(ind, 1, obs.unit)
    return float(Decimal(number(obs.value)) * Decimal(number(ratio)))


def indicator_status(plan: Plan, ind: m.Indicator) -> Status:
    tolerance = ind.tolerance if ind.tolerance is not None else 0.1
    observations = plan.observations_of(ind.id)
    usable = [o for o in observations if comparable(ind, o)]
    if not usable:
        return Status("no-data", "not-comparable" if observations else "none", tolerance=tolerance)
    latest = usable[-1]
    value = observed_in_indicator_unit(ind, latest)
    status = assess(
        ind.baseline.value,
        ind.target.value,
        latest.year,
        value,
        tolerance,
        ind.direction,
        start=ind.baseline.year,
        end=ind.target.year,
    )
    return Status(
        status.code, status.reason, status.year, status.value, status.expected, status.gap, status.tolerance, latest
    )


def headline(plan: Plan) -> dict[StatusCode, int]:
    """How many indicators have each status."""
    counts = {code: 0 for code in ORDER}
    for ind in plan.indicators:
        counts[indicator_status(plan, ind).code] += 1
    return counts


def project_stage_counts(plan: Plan) -> dict[str, int]:
    """How many flagship projects are at each stage by their newest status entry ("none": no public information)."""
    counts = {stage: 0 for stage in m.PROJECT_STAGES + ("none",)}
    for _, project in plan.projects():
        entries = plan.status_of(project=project.id)
        counts[entries[0].stage if entries else "none"] += 1
    return counts


def project_stage(plan: Plan, project: m.Project) -> str:
    """A project's stage by its newest status entry ("none": no public information)."""
    entries = plan.status_of(project=project.id)
    return entries[0].stage if entries else "none"


def chain_stages(plan: Plan, chain: m.Chain) -> list[tuple[str, int]]:
    """The stages the chain's projects are at, in stage order, with how many projects each."""
    stages = [project_stage(plan, p) for p in chain.projects]
    return [(stage, stages.count(stage)) for stage in m.PROJECT_STAGES + ("none",) if stage in stages]


def milestone_stage_counts(plan: Plan) -> dict[str, int]:
    """How many milestones are at each stage by their newest status entry ("none": no public information)."""
    counts = {stage: 0 for stage in m.MILESTONE_STAGES + ("none",)}
    for ms in plan.commitments.milestones:
        entries = plan.status_of(milestone=ms.id)
        counts[entries[0].stage if entries else "none"] += 1
    return counts


# ------------------------------------------------------------------------------------- share of the way


@dataclass(frozen=True)
class Share:
    """(value − baseline) ÷ (target − baseline): how much of the way from the baseline to the target a value has come."""

    ratio: float
    value: float
    baseline: float
    target: float

    @property
    def shown(self) -> float:
        """The ratio as a bar can show it: clamped to 0–1 (beyond says that it was clamped)."""
        return min(max(self.ratio, 0.0), 1.0)

    @property
    def beyond(self) -> Literal["past-target", "before-baseline"] | None:
        return "past-target" if self.ratio > 1 else "before-baseline" if self.ratio < 0 else None

    @property
    def percent(self) -> int:
        """The ratio in whole percent, rounded half away from zero (the bar's label; not clamped)."""
        return int((Decimal(repr(self.ratio)) * 100).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def share_of_way(baseline: float | None, target: float | None, value: float | None) -> Share | None:
    """The computed share of the way, or None when there is no value, no baseline or target, or no distance."""
    if value is None or baseline is None or target is None or target == baseline:
        return None
    return Share((value - baseline) / (target - baseline), value, baseline, target)


def indicator_share(plan: Plan, ind: m.Indicator) -> Share | None:
    """The share of the way of the newest comparable value (the one the status uses); None without one."""
    s = indicator_status(plan, ind)
    return share_of_way(ind.baseline.value, ind.target.value, s.value if s.observation else None)


# ------------------------------------------------------------------------------------- final assessment

FinalCode = Literal["achieved", "not-achieved", "pending"]
FINAL_ORDER: tuple[FinalCode, ...] = ("achieved", "not-achieved", "pending")
FINAL_ICON = {"achieved": "✔", "not-achieved": "✘", "pending": "…"}
ABOUT_TOLERANCE = 0.05  # 左右 without a tolerance of its own: within 5 % of the target either side


def period_ended(end_year: int, today: dt.date) -> bool:
    """True once the plan's last year is over."""
    return today > dt.date(end_year, 12, 31)


def _exact(x: float) -> Decimal:
    return Decimal(number(x))


@dataclass(frozen=True)
class Judgement:
    achieved: bool
    gap: float | None  # for not achieved: how far the value is from meeting the target (≥ 0, in the target's unit)
    band: tuple[float, float] | None  # for about: the values that count as about the target


def comparison_of(qualifier: m.Qualifier | None, direction: str) -> m.Comparison:
    """What the final value must do: the qualifier's own comparison, else reach the target in the good direction."""
    if qualifier is not None:
        return qualifier.comparison
    return "at-least" if direction == "higher" else "at-most"


def judge(target: float, value: float, comparison: m.Comparison, tolerance: float | None = None) -> Judgement:
    """The final rule on plain numbers (exact decimals, as printed): does value meet target by comparison?"""
    t, v = _exact(target), _exact(value)
    if comparison == "about":
        half = abs(t) * _exact(ABOUT_TOLERANCE if tolerance is None else tolerance)
        low, high = t - half, t + half
        band = (float(low), float(high))
        if low <= v <= high:
            return Judgement(True, None, band)
        return Judgement(False, float(low - v if v < low else v - high), band)
    ahead = v - t if comparison in ("at-least", "more-than") else t - v
    ok = ahead > 0 if comparison in ("more-than", "less-than") else ahead >= 0
    return Judgement(ok, None if ok else float(-ahead), None)


@dataclass(frozen=True)
class FinalAssessment:
    code: FinalCode
    comparison: m.Comparison
    tolerance: float | None  # for about: the share of the target either side that still counts
    target: float
    target_year: int
    qualifier: str | None
    value: float | None = None  # the final value, in the indicator's unit
    observation: m.Observation | None = None  # the published final value
    gap: float | None = None
    band: tuple[float, float] | None = None
    midcourse: Status | None = None  # for pending: the latest comparable value and its status


def final_assessment(plan: Plan, ind: m.Indicator, today: dt.date) -> FinalAssessment | None:
    """The final assessment of an indicator, or None while the plan period is still running."""
    if not period_ended(plan.meta.period.end, today):
        return None
    word = ind.target.qualifier
    q = qualifiers(plan.meta).get(word) if word else None
    comparison = comparison_of(q, ind.direction)
    tolerance = (q.tolerance if q and q.tolerance is not None else ABOUT_TOLERANCE) if comparison == "about" else None
    base = FinalAssessment("pending", comparison, tolerance, ind.target.value, ind.target.year, word)
    finals = [o for o in plan.observations_of(ind.id) if o.year == ind.target.year and comparable(ind, o)]
    if not finals:
        return replace(base, midcourse=indicator_status(plan, ind))
    obs = finals[-1]
    value = observed_in_indicator_unit(ind, obs)
    j = judge(ind.target.value, value, comparison, tolerance)
    code: FinalCode = "achieved" if j.achieved else "not-achieved"
    return replace(base, code=code, value=value, observation=obs, gap=j.gap, band=j.band)


def final_counts(plan: Plan, today: dt.date) -> dict[FinalCode, int]:
    """How many indicators have each final assessment (all zero while the period runs)."""
    counts = {code: 0 for code in FINAL_ORDER}
    for ind in plan.indicators:
        f = final_assessment(plan, ind, today)
        if f is not None:
            counts[f.code] += 1
    return counts


def _percent(share: float | None) -> str:
    """A share as a percentage, exactly as a decimal (0.05 -> 5, 0.125 -> 12.5)."""
    return "" if share is None else number(float(_exact(share) * 100))


def missing_values(plan: Plan) -> int:
    """How many indicator-years of the plan period have no published value (the data-gaps page lists them)."""
    years = range(plan.meta.period.start, plan.meta.period.end + 1)
    have = {(o.indicator, o.year) for o in plan.observations.observations}
    return sum(1 for ind in plan.indicators for y in years if (ind.id, y) not in have)


def scorecard_globals(plan: Plan, today: dt.date) -> dict:
    """The status rules bound to one plan and one day, as the templates use them (the renderer passes today)."""
    end = plan.meta.period.end
    ended = period_ended(end, today)
    finals = {ind.id: final_assessment(plan, ind, today) for ind in plan.indicators}
    return {
        "today": today,
        "period_ended": ended,
        "final": lambda ind: finals[ind.id],
        "final_counts": final_counts(plan, today),
        "final_order": FINAL_ORDER,
        "final_icon": FINAL_ICON,
        "about_percent": _percent(ABOUT_TOLERANCE),
        "percent": _percent,
        "finals_pending": [ind for ind in plan.indicators if (f := finals[ind.id]) is not None and f.code == "pending"],
        "finals_published": sum(1 for f in finals.values() if f is not None and f.code != "pending"),
        "share": lambda ind: indicator_share(plan, ind),
        "missing_values": missing_values(plan),
        "milestone_counts": milestone_stage_counts(plan),
        "project_counts": project_stage_counts(plan),
        "chain_stages": lambda chain: chain_stages(plan, chain),
    }
