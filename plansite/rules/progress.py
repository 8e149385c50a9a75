"""Rules for the status entries of flagship projects and milestones."""

from __future__ import annotations

from .. import models as m
from .base import Context, rule


@rule(
    "status-stage",
    ("value-not-allowed",),
    "项目只用项目阶段（planning 等），里程碑只用里程碑阶段（in-progress、achieved）",
)
def status_stage(ctx: Context):
    for pc in ctx.status_entries():
        e = pc.model
        allowed = m.MILESTONE_STAGES if e.milestone else m.PROJECT_STAGES
        if e.stage not in allowed:
            what = "里程碑" if e.milestone else "项目"
            ctx.add("value-not-allowed", pc, ("stage",), e.stage, f"{what}的阶段只能是：{'、'.join(allowed)}")
