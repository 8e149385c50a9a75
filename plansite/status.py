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
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from . import models as m
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
