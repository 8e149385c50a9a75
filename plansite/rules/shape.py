"""Rules for shapes the models accept but the pages cannot show: refused, with a Chinese message."""

from __future__ import annotations

from .base import Context, rule


@rule(
    "chapter-shape",
    ("chapter-paragraph", "chapter-no-sections"),
    "每章至少有一节，章一级不直接放段落（网站按节分页，章一级的段落无处显示）",
)
def chapter_shape(ctx: Context):
    for pc in ctx.p["chapter"]:
        ch = pc.model
        for i, p in enumerate(ch.paragraphs):
            ctx.add("chapter-paragraph", pc, ("paragraphs", i), p.id)
        if not ch.children:
            ctx.add("chapter-no-sections", pc, ("id",), ch.id)
