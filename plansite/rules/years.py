"""Rules that the years in the data fit the plan's own period, baseline and history, read from its plan.yaml."""

from __future__ import annotations

from .. import facts
from .base import Context, rule


@rule(
    "plan-period",
    ("plan-period-order",),
    "plan.yaml 中规划期的首尾年份、基期和最早年份先后有序",
)
def plan_period(ctx: Context):
    for pc in ctx.p["plan"]:
        meta = pc.model
        start, end = meta.period.start, meta.period.end
        if end < start:
            ctx.add("plan-period-order", pc, ("period", "end"), end, f"规划期的最后一年不能早于第一年 {start} 年")
        if meta.baseline_year > start:
            ctx.add(
                "plan-period-order",
                pc,
                ("baseline_year",),
                meta.baseline_year,
                f"基期不能晚于规划期的第一年 {start} 年",
            )
        if meta.history_from is not None and meta.history_from > meta.baseline_year:
            ctx.add(
                "plan-period-order",
                pc,
                ("history_from",),
                meta.history_from,
                f"最早年份不能晚于基期 {meta.baseline_year} 年",
            )


@rule(
    "years-in-period",
    ("year-out-of-range",),
    "目标年份在规划期之内，基期、早期数值和观测值的年份在规划所述的最早年份与规划期末之间，承诺不早于规划期",
    fixture="year-out-of-range",
)
def years_in_period(ctx: Context):
    meta = ctx.meta()
    first = ctx.first_year()
    if meta is None or first is None or not facts.in_order(meta):  # plan.yaml's years unknown or refused
        return
    start, end = meta.period.start, meta.period.end
    period = f"规划期 {start}—{end} 年"

    def within(pc, loc, year: int, low: int, what: str, high: int | None = end):
        if year < low:
            ctx.add("year-out-of-range", pc, loc, year, f"{what}不能早于 {low} 年（{period}，最早年份 {first} 年）")
        elif high is not None and year > high:
            ctx.add(
                "year-out-of-range",
                pc,
                loc,
                year,
                f"{what}不能晚于规划期末 {end} 年（{period}）；之后的数值属于下一期规划",
            )

    for pc in ctx.p["indicators"]:
        for i, ind in enumerate(pc.model.indicators):
            base = ("indicators", i)
            within(pc, base + ("baseline", "year"), ind.baseline.year, first, "基期")
            within(pc, base + ("target", "year"), ind.target.year, start, "目标年份")
            for j, e in enumerate(ind.earlier):
                within(pc, base + ("earlier", j, "year"), e.year, first, "早期数值的年份")
    for pc in ctx.items("observation"):
        within(pc, ("year",), pc.model.year, first, "观测值的年份")
    for pc in ctx.p["commitments"]:
        for i, c in enumerate(pc.model.commitments):
            if c.year is not None:
                # a promise may reach past the period (到2035年 …): only its start is bounded
                within(pc, ("commitments", i, "year"), c.year, start, "承诺的年份", None)
