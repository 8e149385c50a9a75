"""Rules for shapes the models accept but the pages cannot show: refused, with a Chinese message.

Chapter-level paragraphs, chapters without sections and sections without numbered items all render; what
is refused is what would leave an empty heading or an address the pages do not have.
"""

from __future__ import annotations

import re

from .. import models as m
from ..plan import Plan
from .base import Context, Parsed, rule


@rule(
    "chapter-shape",
    ("chapter-empty",),
    "每章至少有一段文字或一节（章一级的段落和没有节的章都可以显示，什么都没有的章只剩一个空标题）",
)
def chapter_shape(ctx: Context):
    for pc in ctx.p["chapter"]:
        ch = pc.model
        if not ch.paragraphs and not ch.children:
            ctx.add("chapter-empty", pc, ("id",), ch.id)


_CHAPTER_ID = re.compile(r"^[1-9][0-9]*$")
_CHILD = re.compile(r"^[1-9][0-9]*$")
_PARAGRAPH = re.compile(r"^p[1-9][0-9]*$")


@rule(
    "plan-ids",
    ("id-out-of-place",),
    "章节 id 由上级 id 加“-序号”组成，段落 id 由所在节（章一级的段落：所在章）的 id 加“-p序号”组成（网址和段落锚点由它们生成）",
)
def plan_ids(ctx: Context):
    def walk(pc: Parsed, div: m.Division, loc: tuple, parent: str | None, section: str | None):
        if parent is None:
            if not _CHAPTER_ID.match(div.id):
                ctx.add("id-out-of-place", pc, loc + ("id",), div.id, "章的 id 应是它的序号，例如 3")
        else:
            head, _, tail = div.id.rpartition("-")
            if head != parent or not _CHILD.match(tail):
                ctx.add("id-out-of-place", pc, loc + ("id",), div.id, f"应写作 {parent}-序号，例如 {parent}-1")
        unit = section or div.id  # a paragraph of the chapter itself is numbered within the chapter
        where = f"第 {unit} 节" if section else f"第 {unit} 章（不在任何一节里）"
        for i, p in enumerate(div.paragraphs):
            head, _, tail = p.id.rpartition("-")
            if head != unit or not _PARAGRAPH.match(tail):
                ctx.add(
                    "id-out-of-place",
                    pc,
                    loc + ("paragraphs", i, "id"),
                    p.id,
                    f"这一段在{where}，id 应写作 {unit}-p序号，例如 {unit}-p1",
                )
        for i, child in enumerate(div.children):
            walk(pc, child, loc + ("children", i), div.id, section or (child.id if parent is None else None))

    for pc in ctx.p["chapter"]:
        walk(pc, pc.model, (), None, None)


def _chapters_with_sections(ctx: Context) -> set[str]:
    """Chapters without a page of their own (only sections, no text, table or box of their own: Plan.chapter_has_page)."""
    return {pc.model.id for pc in ctx.p["chapter"] if not Plan.chapter_has_page(pc.model)}


@rule(
    "division-in-section",
    ("division-not-in-section",),
    "产业链、指标表和标题勘误所指的章节有自己的页面（某一节之内，或有自己的段落、表格或没有节的章）",
)
def division_in_section(ctx: Context):
    chapters = _chapters_with_sections(ctx)
    for pc in ctx.p["chain"]:
        if pc.model.division in chapters:
            ctx.add("division-not-in-section", pc, ("division",), pc.model.division)
    for pc in ctx.p["indicators"]:
        if pc.model.division in chapters:
            ctx.add("division-not-in-section", pc, ("division",), pc.model.division)
    for pc in ctx.p["editorial-notes"]:
        for i, n in enumerate(pc.model.notes):
            if n.scope == "heading" and n.target in chapters:
                ctx.add("division-not-in-section", pc, ("notes", i, "target"), n.target)
