"""Rules that printed numbers run 1, 2, 3 … without duplicates (except where the plan itself skips)."""

from __future__ import annotations

from .base import Context, Parsed, rule


def _numbering(ctx: Context, pc: Parsed, numbered: list[tuple[tuple, int]], gaps: list[int]):
    expected = 1
    seen: set[int] = set()
    for loc, n in numbered:
        if n in seen:
            ctx.add("numbering-duplicate", pc, loc, n)
            continue
        seen.add(n)
        while expected in gaps:
            expected += 1
        if n != expected:
            ctx.add("numbering-gap", pc, loc, n, f"应为 {expected}")
        expected = n + 1


@rule(
    "indicator-numbering",
    ("numbering-gap", "numbering-duplicate"),
    "指标表序号连续、不重复（原文缺号须登记在 numbering_gaps）",
    fixture="numbering-gap",
)
def indicator_numbering(ctx: Context):
    for pc in ctx.p["indicators"]:
        t = pc.model
        _numbering(
            ctx,
            pc,
            [(("indicators", i, "number"), ind.number) for i, ind in enumerate(t.indicators)],
            [g.number for g in t.numbering_gaps],
        )


@rule("project-numbering", ("numbering-gap", "numbering-duplicate"), "专栏中的项目编号连续、不重复")
def project_numbering(ctx: Context):
    for pc in ctx.p["chain"]:
        _numbering(ctx, pc, [(("projects", j, "number"), p.number) for j, p in enumerate(pc.model.projects)], [])


@rule("chain-order", ("numbering-gap",), "产业链的 order 从 1 起连续编号")
def chain_order(ctx: Context):
    chains = ctx.p["chain"]
    orders = sorted(((pc.model.order, pc) for pc in chains), key=lambda t: t[0])
    for n, (order, pc) in enumerate(orders, start=1):
        if order != n:
            ctx.add("numbering-gap", pc, ("order",), order, f"产业链顺序应为 1—{len(chains)} 连续编号")
            break
