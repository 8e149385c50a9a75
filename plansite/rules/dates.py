"""Rules that every date lies between the start of the plan's history and today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .base import Context, Parsed, rule


def _dates(ctx: Context) -> Iterator[tuple[Parsed, tuple, dt.date]]:
    for pc in ctx.p["plan"]:
        yield pc, ("document_date",), pc.model.document_date
        yield pc, ("published",), pc.model.published
    for pc in ctx.items("source"):
        if pc.model.date is not None:
            yield pc, ("date",), pc.model.date
        if pc.model.earliest_date is not None:
            yield pc, ("earliest_date",), pc.model.earliest_date
    for pc in ctx.status_entries():
        yield pc, ("date",), pc.model.date


@rule(
    "dates-not-future",
    ("date-in-future",),
    "日期和观测年份都不晚于今天",
)
def dates_not_future(ctx: Context):
    for pc, loc, d in _dates(ctx):
        if d > ctx.today:
            ctx.add("date-in-future", pc, loc, d.isoformat(), f"今天是 {ctx.today.isoformat()}")
    for pc in ctx.items("observation"):
        if pc.model.year > ctx.today.year:
            ctx.add("date-in-future", pc, ("year",), pc.model.year, f"{pc.model.year} 年还没有到")


@rule(
    "dates-not-too-early",
    ("date-too-early",),
    "日期不早于规划所述的最早年份（plan.yaml 的 history_from，不写时取指标表所述的最早年份）",
)
def dates_not_too_early(ctx: Context):
    first = ctx.first_year()
    if first is None:  # plan.yaml did not pass its own check: its years are unknown
        return
    for pc, loc, d in _dates(ctx):
        if d.year < first:
            ctx.add("date-too-early", pc, loc, d.isoformat(), f"规划所述的最早年份是 {first} 年")
