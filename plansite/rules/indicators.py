"""Rules inside the indicator table: units, years and values that make sense together."""

from __future__ import annotations

import difflib

from .. import models as m
from ..units import in_indicator_unit, units_compatible
from .base import Context, rule


@rule("indicator-unit-source", ("field-missing",), "unit_source 与 unit、unit_paragraph 相符")
def indicator_unit_source(ctx: Context):
    for pc in ctx.p["indicators"]:
        for i, ind in enumerate(pc.model.indicators):
            base = ("indicators", i)
            if ind.unit_source != "none" and ind.unit is None:
                ctx.add("field-missing", pc, base, None, f"unit_source 为 {ind.unit_source}，但缺少 unit")
            if ind.unit_source == "text" and not ind.unit_paragraph:
                ctx.add("field-missing", pc, base, None, "单位取自正文时，需用 unit_paragraph 注明是哪一段")


@rule("earlier-unit", ("unit-mismatch",), "早期数值的单位与指标单位相同或可以换算")
def earlier_unit(ctx: Context):
    for pc in ctx.p["indicators"]:
        for i, ind in enumerate(pc.model.indicators):
            for j, e in enumerate(ind.earlier):
                if not units_compatible(e.unit.zh, ind.unit.zh if ind.unit else None):
                    ctx.add(
                        "unit-mismatch",
                        pc,
                        ("indicators", i, "earlier", j, "unit", "zh"),
                        e.unit.zh,
                        f"指标单位是“{ind.unit.zh if ind.unit else '（无）'}”",
                    )


@rule("indicator-years", ("year-out-of-range",), "早期数值早于基期，目标年份晚于基期")
def indicator_years(ctx: Context):
    for pc in ctx.p["indicators"]:
        for i, ind in enumerate(pc.model.indicators):
            base = ("indicators", i)
            for j, e in enumerate(ind.earlier):
                if e.year >= ind.baseline.year:
                    ctx.add(
                        "year-out-of-range",
                        pc,
                        base + ("earlier", j, "year"),
                        e.year,
                        f"早期数值的年份应早于基期 {ind.baseline.year} 年",
                    )
            if ind.target.year <= ind.baseline.year:
                ctx.add("year-out-of-range", pc, base + ("target", "year"), ind.target.year, "目标年份应晚于基期")


@rule("target-differs", ("target-equals-baseline",), "目标值与基期值不同（相同时无法计算进展）")
def target_differs(ctx: Context):
    for pc in ctx.p["indicators"]:
        for i, ind in enumerate(pc.model.indicators):
            if ind.target.value == ind.baseline.value:
                ctx.add(
                    "target-equals-baseline",
                    pc,
                    ("indicators", i, "target", "value"),
                    ind.target.value,
                    f"基期值也是 {ind.baseline.value:g}",
                )


def allowed_range(ind: m.Indicator) -> tuple[float, float | None]:
    """The values an indicator can take: declared in data (`range`), else ≥ 0, and 0–100 for a percentage."""
    if ind.range is not None:
        return ind.range.min, ind.range.max
    if ind.unit is not None and ind.unit.zh.strip() == "%":
        return 0, 100
    return 0, None


def _describe(low: float, high: float | None) -> str:
    from ..textformat import number

    return f"在 {number(low)}—{number(high)} 之间" if high is not None else f"不小于 {number(low)}"


@rule(
    "value-range",
    ("value-out-of-range",),
    "基期值、目标值、早期数值和观测值都在指标允许的范围内（默认不小于 0，百分比 0—100）",
)
def value_range(ctx: Context):
    def check(pc, loc, ind: m.Indicator, value: float, unit: m.Text | None):
        low, high = allowed_range(ind)
        try:
            v = in_indicator_unit(ind, value, unit) if unit is not None else value
        except KeyError:  # incompatible units are reported by the unit rules
            return
        if v < low or (high is not None and v > high):
            ctx.add(
                "value-out-of-range",
                pc,
                loc,
                value,
                f"指标“{ind.name.zh}”的数值应{_describe(low, high)}；如确实允许，请在指标的 range 中声明",
            )

    for pc in ctx.p["indicators"]:
        for i, ind in enumerate(pc.model.indicators):
            base = ("indicators", i)
            check(pc, base + ("baseline", "value"), ind, ind.baseline.value, None)
            check(pc, base + ("target", "value"), ind, ind.target.value, None)
            for j, e in enumerate(ind.earlier):
                check(pc, base + ("earlier", j, "value"), ind, e.value, e.unit)
    indicators = ctx.indicators()
    for pc in ctx.items("observation"):
        ind = indicators.get(pc.model.indicator)
        if ind is not None:
            check(pc, ("value",), ind, pc.model.value, pc.model.unit)


@rule(
    "target-qualifier",
    ("value-not-allowed", "field-missing"),
    "目标的限定词（以上、超过、左右 …）在引擎的默认词表或 plan.yaml 的 qualifiers 之中，“左右”一类写明了容差",
)
def target_qualifier(ctx: Context):
    for pc in ctx.p["plan"]:
        for word, q in pc.model.qualifiers.items():
            if q.comparison == "about" and q.tolerance is None:
                ctx.add(
                    "field-missing",
                    pc,
                    ("qualifiers", word),
                    None,
                    f"“{word}”的含义是 about（约等于），需用 tolerance 写明离目标多远仍算达到（例如 0.05）",
                )
    if "plan" in ctx.failed:  # the plan's own qualifiers are unknown
        return
    vocabulary = ctx.qualifiers()
    allowed = "、".join(vocabulary)
    for pc in ctx.p["indicators"]:
        for i, ind in enumerate(pc.model.indicators):
            word = ind.target.qualifier
            if word is None or word in vocabulary:
                continue
            close = difflib.get_close_matches(word, list(vocabulary), n=1, cutoff=0.5)
            ctx.add(
                "value-not-allowed",
                pc,
                ("indicators", i, "target", "qualifier"),
                word,
                (f"“{word}”是不是“{close[0]}”？" if close else f"不认识限定词“{word}”；") + f"允许的值：{allowed}",
                hint=(f"把“{word}”改成 {close[0]}；" if close else "")
                + "如果规划原文确实用了这个词，请在 plan.yaml 的 qualifiers 中写明它的中英文、位置（place）和含义（comparison）。",
            )
