"""Rules for the source registry."""

from __future__ import annotations

from .base import Context, rule


@rule("source-url", ("source-no-url",), "每个来源都有网址", fixture="source-no-url")
def source_url(ctx: Context):
    for pc in ctx.p["sources"]:
        for i, s in enumerate(pc.model.sources):
            if not s.url:
                ctx.add("source-no-url", pc, ("sources", i), s.id)


@rule("source-date", ("source-no-date",), "每个来源都有发布日期", fixture="source-no-date")
def source_date(ctx: Context):
    for pc in ctx.p["sources"]:
        for i, s in enumerate(pc.model.sources):
            if not s.date:
                ctx.add("source-no-date", pc, ("sources", i), s.id)
