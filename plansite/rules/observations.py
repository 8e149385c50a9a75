"""Rules for published values: sourced, once per year, in the indicator's unit and kind, stated by their quote."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator

from .. import models as m
from ..units import units_compatible
from .base import Context, rule


def _observations(ctx: Context) -> Iterator[tuple]:
    for pc in ctx.items("observation"):
        yield pc, (), pc.model


@rule(
    "observation-source",
    ("observation-no-source", "ref-unknown-source"),
    "每个观测值都注明了已登记的来源和原文句子",
    fixture="observation-no-source",
)
def observation_source(ctx: Context):
    for pc, loc, o in _observations(ctx):
        if o.source is None or not (o.quote or "").strip():
            ctx.add(
                "observation-no-source",
                pc,
                loc,
                None,
                "缺少 source" if o.source is None else "缺少 quote（来源原文句子）",
            )
        else:
            ctx.ref("source", "ref-unknown-source", pc, loc + ("source",), o.source)


@rule(
    "observation-unique",
    ("observation-duplicate",),
    "同一指标每年只有一条观测值（在一个文件里）",
    fixture="observation-duplicate",
)
def observation_unique(ctx: Context):
    groups: dict[tuple[str, int], list] = {}
    for pc in ctx.items("observation"):
        groups.setdefault((pc.model.indicator, pc.model.year), []).append(pc)
    for (indicator, year), group in groups.items():
        for pc in group if len(group) > 1 else []:
            others = "、".join(f"{x.doc.file}:{x.doc.where(('year',))[0]}" for x in group if x is not pc)
            ctx.add(
                "observation-duplicate",
                pc,
                ("year",),
                year,
                f"{indicator} 的 {year} 年数值在 {others} 也有一条",
            )


@rule("observation-unit", ("unit-mismatch",), "观测值的单位与指标单位相同或可以换算", fixture="unit-mismatch")
def observation_unit(ctx: Context):
    indicators = ctx.indicators()
    for pc, loc, o in _observations(ctx):
        ind = indicators.get(o.indicator)
        if ind is not None and not units_compatible(o.unit.zh, ind.unit.zh if ind.unit else None):
            ctx.add(
                "unit-mismatch",
                pc,
                loc + ("unit", "zh"),
                o.unit.zh,
                f"指标“{ind.name.zh}”的单位是“{ind.unit.zh if ind.unit else '（无）'}”",
            )


def expected_kind(ind: m.Indicator) -> str:
    """The only kind of value the status rule compares with this indicator (see plansite.status.comparable)."""
    return "cumulative-total" if ind.cumulative else "level"


@rule(
    "observation-kind",
    ("observation-kind-mismatch",),
    "观测值的 kind 与指标相符：累计指标用 cumulative-total，存量指标用 level",
)
def observation_kind(ctx: Context):
    indicators = ctx.indicators()
    for pc, loc, o in _observations(ctx):
        ind = indicators.get(o.indicator)
        if ind is None or o.kind == expected_kind(ind):
            continue
        what = "累计指标（规划期内累计的总数）" if ind.cumulative else "存量指标（年末的总量或水平）"
        ctx.add(
            "observation-kind-mismatch",
            pc,
            loc + ("kind",),
            o.kind,
            f"指标“{ind.name.zh}”是{what}，进展状态只与 kind: {expected_kind(ind)} 的数值比较；"
            f"kind: {o.kind} 的数值不会参与判断，这个指标的状态会变成“暂无数据”，即使数值已经达到目标",
            hint=(
                f"如果来源给出的就是{what}，请写 kind: {expected_kind(ind)}；"
                "如果来源只给出当年新增的数（yearly-flow），它说明不了进展，请换用给出总量的来源，不要录入这条数值。"
            ),
        )


# A number as people write it: 149, 15,000, 1.5, followed perhaps by 万 / 亿.
_NUMBER = re.compile(r"(?<![\d.])([-−]?)(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿|亿|万|千)?")
_MULTIPLIER = {"千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12}


def _unit_scale(unit: str) -> float:
    """How many plain units one unit is: 万元 -> 10^4, 亿元 -> 10^8, 家 -> 1."""
    for prefix in ("万亿", "亿", "万", "千"):
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return _MULTIPLIER[prefix]
    return 1.0


def stated_numbers(quote: str) -> Iterator[tuple[float, float]]:
    """(number as written, number × its 万/亿) for every number in a sentence, full-width digits included."""
    text = unicodedata.normalize("NFKC", quote)
    for match in _NUMBER.finditer(text):
        sign = -1.0 if match.group(1) else 1.0
        written, multiplier = match.group(2), _MULTIPLIER.get(match.group(3) or "", 1.0)
        pieces = [written.replace(",", "")] + (written.split(",") if "," in written else [])
        for piece in pieces:
            try:
                n = sign * float(piece)
            except ValueError:  # pragma: no cover - the pattern only matches digits
                continue
            yield n, n * multiplier


def quote_states(quote: str, value: float, unit: str) -> bool:
    """Whether the sentence states the value in one of its written forms (149, 149家, 1.5亿元 for 15000万元 …)."""
    absolute = value * _unit_scale(unit)
    for n, scaled in stated_numbers(quote):
        if math.isclose(n, value, rel_tol=1e-9) or math.isclose(scaled, absolute, rel_tol=1e-9):
            return True
    return False


@rule(
    "value-in-quote",
    ("value-not-in-quote",),
    "观测值以某种写法出现在它自己的原文句子里（否则须在 quote_note 中说明原因）",
)
def value_in_quote(ctx: Context):
    for pc, loc, o in _observations(ctx):
        if not (o.quote or "").strip() or o.quote_note is not None:
            continue
        if not quote_states(o.quote, o.value, o.unit.zh):
            ctx.add(
                "value-not-in-quote",
                pc,
                loc + ("value",),
                o.value,
                f"原文句子里找不到 {o.value:g}{o.unit.zh}（也找不到它的其他写法）",
            )
