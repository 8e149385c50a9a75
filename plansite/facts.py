"""Plan facts derived from a plan's own data, in one place: the years it allows, its qualifier vocabulary,
and the values the checker's hints are filled with.

The checker's rules (before any Plan exists) and the Plan (after) both ask here, so "which years" and
"which qualifiers" are answered the same way everywhere, from plan.yaml and the indicator table only.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import models as m


def qualifiers(meta: m.PlanMeta | None) -> dict[str, m.Qualifier]:
    """The engine's default qualifiers, with the plan's own (plan.yaml `qualifiers`) added or overriding."""
    vocabulary = dict(m.DEFAULT_QUALIFIERS)
    if meta is not None:
        vocabulary.update(meta.qualifiers)
    return vocabulary


def in_order(meta: m.PlanMeta) -> bool:
    """Whether plan.yaml's own years are in order: start ≤ end, baseline ≤ start, history_from ≤ baseline."""
    return (
        meta.period.start <= meta.period.end
        and meta.baseline_year <= meta.period.start
        and (meta.history_from is None or meta.history_from <= meta.baseline_year)
    )


def history_from(meta: m.PlanMeta, indicators: Iterable[m.Indicator]) -> int:
    """The earliest year a value may be given for: plan.yaml `history_from`, else the earliest year the
    indicator table states (its earlier values and baselines), else the baseline year."""
    if meta.history_from is not None:
        return meta.history_from
    years = [meta.baseline_year]
    for ind in indicators:
        years.append(ind.baseline.year)
        years.extend(e.year for e in ind.earlier)
    return min(years)


def hint_values(meta: m.PlanMeta | None, indicators: Iterable[m.Indicator] = ()) -> dict[str, object]:
    """What a hint's {placeholders} say for this plan; without a readable plan.yaml, where to find it."""
    if meta is None:
        return {
            "start": "plan.yaml 的 period.start",
            "end": "plan.yaml 的 period.end",
            "baseline_year": "plan.yaml 的 baseline_year",
            "history_from": "plan.yaml 的 history_from",
        }
    return {
        "start": meta.period.start,
        "end": meta.period.end,
        "baseline_year": meta.baseline_year,
        "history_from": history_from(meta, indicators),
    }


def comparison(ind: m.Indicator, vocabulary: dict[str, m.Qualifier]) -> m.Comparison:
    """What reaching the target means for this indicator: its qualifier's comparison; with no qualifier,
    at-least for a higher-is-better indicator and at-most for a lower-is-better one."""
    if ind.target.qualifier is not None and ind.target.qualifier in vocabulary:
        return vocabulary[ind.target.qualifier].comparison
    return "at-least" if ind.direction == "higher" else "at-most"
