"""Rules that every id is defined once and every reference points at something that exists."""

from __future__ import annotations

from .. import models as m
from .base import Context, Parsed, rule


@rule("ids-unique", ("id-duplicate",), "每个 id 在全站只定义一次", fixture="id-duplicate")
def ids_unique(ctx: Context):
    for parsed, loc, id, detail in ctx.duplicates:
        ctx.add("id-duplicate", parsed, loc, id, detail)


@rule(
    "plan-refs",
    ("ref-unknown-source", "ref-unknown-indicator"),
    "plan.yaml 引用的来源和首页指标都存在",
)
def plan_refs(ctx: Context):
    for pc in ctx.p["plan"]:
        ctx.ref("source", "ref-unknown-source", pc, ("source",), pc.model.source)
        for i, ind in enumerate(pc.model.headline_indicators):
            ctx.ref("indicator", "ref-unknown-indicator", pc, ("headline_indicators", i), ind)


@rule("chapter-box-refs", ("ref-unknown-chain",), "章节 box 引用的产业链存在", fixture="ref-unknown-chain")
def chapter_box_refs(ctx: Context):
    def walk(pc: Parsed, div: m.Division, loc: tuple):
        ctx.ref("chain", "ref-unknown-chain", pc, loc + ("box",), div.box)
        for i, child in enumerate(div.children):
            walk(pc, child, loc + ("children", i))

    for pc in ctx.p["chapter"]:
        walk(pc, pc.model, ())


@rule("chain-refs", ("ref-unknown-division",), "产业链文件的 division 指向存在的规划章节")
def chain_refs(ctx: Context):
    for pc in ctx.p["chain"]:
        ctx.ref("division", "ref-unknown-division", pc, ("division",), pc.model.division)


@rule(
    "indicator-refs",
    ("ref-unknown-division", "ref-unknown-paragraph"),
    "指标表的 division、目标段落、单位段落和早期数值段落都存在",
    fixture="ref-unknown-division",
)
def indicator_refs(ctx: Context):
    for pc in ctx.p["indicators"]:
        t: m.IndicatorTable = pc.model
        ctx.ref("division", "ref-unknown-division", pc, ("division",), t.division)
        for i, ind in enumerate(t.indicators):
            base = ("indicators", i)
            for j, pid in enumerate(ind.target.paragraphs):
                ctx.ref("paragraph", "ref-unknown-paragraph", pc, base + ("target", "paragraphs", j), pid)
            ctx.ref("paragraph", "ref-unknown-paragraph", pc, base + ("unit_paragraph",), ind.unit_paragraph)
            for j, e in enumerate(ind.earlier):
                ctx.ref("paragraph", "ref-unknown-paragraph", pc, base + ("earlier", j, "paragraph"), e.paragraph)


@rule(
    "commitment-refs",
    ("ref-unknown-paragraph", "ref-unknown-indicator", "ref-unknown-note"),
    "承诺引用的段落、指标和勘误说明都存在",
    fixture="ref-unknown-note",
)
def commitment_refs(ctx: Context):
    for pc in ctx.p["commitments"]:
        for i, c in enumerate(pc.model.commitments):
            ctx.ref("paragraph", "ref-unknown-paragraph", pc, ("commitments", i, "paragraph"), c.paragraph)
            ctx.ref("indicator", "ref-unknown-indicator", pc, ("commitments", i, "indicator"), c.indicator)
            ctx.ref("note", "ref-unknown-note", pc, ("commitments", i, "note"), c.note)


@rule("milestone-refs", ("ref-unknown-paragraph",), "里程碑引用的段落都存在")
def milestone_refs(ctx: Context):
    for pc in ctx.p["commitments"]:
        for i, ms in enumerate(pc.model.milestones):
            for j, pid in enumerate(ms.paragraphs):
                ctx.ref("paragraph", "ref-unknown-paragraph", pc, ("milestones", i, "paragraphs", j), pid)


@rule("reference-refs", ("ref-unknown-paragraph",), "引用文件所注的段落都存在")
def reference_refs(ctx: Context):
    for pc in ctx.p["references"]:
        for i, r in enumerate(pc.model.references):
            for j, pid in enumerate(r.paragraphs):
                ctx.ref("paragraph", "ref-unknown-paragraph", pc, ("references", i, "paragraphs", j), pid)


@rule(
    "observation-refs",
    ("ref-unknown-indicator",),
    "观测值所属的指标存在",
    fixture="ref-unknown-indicator",
)
def observation_refs(ctx: Context):
    for pc in ctx.items("observation"):
        ctx.ref("indicator", "ref-unknown-indicator", pc, ("indicator",), pc.model.indicator)


@rule(
    "status-refs",
    ("field-missing", "ref-unknown-project", "ref-unknown-milestone", "ref-unknown-source"),
    "进展条目只写项目或里程碑中的一个，且它和来源都存在",
    fixture="ref-unknown-milestone",
)
def status_refs(ctx: Context):
    for pc in ctx.status_entries():
        e = pc.model
        if (e.project is None) == (e.milestone is None):
            ctx.add("field-missing", pc, (), None, "请填写 project 或 milestone 中的一个（只填一个）")
        ctx.ref("project", "ref-unknown-project", pc, ("project",), e.project)
        ctx.ref("milestone", "ref-unknown-milestone", pc, ("milestone",), e.milestone)
        ctx.ref("source", "ref-unknown-source", pc, ("source",), e.source)
