"""Rules for the source registry: an address, a date shown or explicitly not shown, a copy apart from the original."""

from __future__ import annotations

from .base import Context, rule


@rule("source-url", ("source-no-url",), "每个来源都有网址", fixture="source-no-url")
def source_url(ctx: Context):
    for pc in ctx.items("source"):
        if not pc.model.url:
            ctx.add("source-no-url", pc, (), pc.model.id)


@rule(
    "source-date",
    ("source-no-date",),
    "每个来源都有发布日期，或明确写明页面没有显示日期（date_shown: false）",
    fixture="source-no-date",
)
def source_date(ctx: Context):
    for pc in ctx.items("source"):
        if not pc.model.date and pc.model.date_shown:
            ctx.add("source-no-date", pc, (), pc.model.id)


@rule(
    "source-date-shown",
    ("source-date-conflict",),
    "date_shown: false 的来源不写 date；earliest_date 只用于页面没有显示日期的来源",
    fixture="source-date-conflict",
)
def source_date_shown(ctx: Context):
    for pc in ctx.items("source"):
        s = pc.model
        if not s.date_shown and s.date is not None:
            ctx.add(
                "source-date-conflict",
                pc,
                ("date",),
                s.date.isoformat(),
                "写了 date_shown: false（页面没有显示日期），又写了 date",
            )
        if s.date_shown and s.earliest_date is not None:
            ctx.add(
                "source-date-conflict",
                pc,
                ("earliest_date",),
                s.earliest_date.isoformat(),
                "earliest_date 只用于 date_shown: false 的来源；页面显示了日期时请只写 date",
            )


@rule(
    "source-read-on",
    ("source-read-on-is-url",),
    "核对用的全文副本（read_on）不是官方网址本身",
    fixture="source-read-on-is-url",
)
def source_read_on(ctx: Context):
    for pc in ctx.items("source"):
        s = pc.model
        if s.read_on is not None and s.url is not None and s.read_on.rstrip("/") == s.url.rstrip("/"):
            ctx.add("source-read-on-is-url", pc, ("read_on",), s.read_on)
