"""Rules for shapes the models accept but the pages cannot show: refused, with a Chinese message."""

from __future__ import annotations

import re

from .. import models as m
from .base import Context, Parsed, rule


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


_CHAPTER_ID = re.compile(r"^[1-9][0-9]*$")
_CHILD = re.compile(r"^[1-9][0-9]*$")
_PARAGRAPH = re.compile(r"^p[1-9][0-9]*$")


@rule(
    "plan-ids",
    ("id-out-of-place",),
    "章节 id 由上级 id 加“-序号”组成，段落 id 由所在节的 id 加“-p序号”组成（网址和段落锚点由它们生成）",
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
        for i, p in enumerate(div.paragraphs):
            if section is None:
                continue  # a chapter-level paragraph is refused by chapter-shape
            head, _, tail = p.id.rpartition("-")
            if head != section or not _PARAGRAPH.match(tail):
                ctx.add(
                    "id-out-of-place",
                    pc,
                    loc + ("paragraphs", i, "id"),
                    p.id,
                    f"这一段在第 {section} 节，id 应写作 {section}-p序号，例如 {section}-p1",
                )
        for i, child in enumerate(div.children):
            walk(pc, child, loc + ("children", i), div.id, section or (child.id if parent is None else None))

    for pc in ctx.p["chapter"]:
        walk(pc, pc.model, (), None, None)


def _chapter_ids(ctx: Context) -> set[str]:
    return {pc.model.id for pc in ctx.p["chapter"]}


@rule(
    "division-in-section",
    ("division-not-in-section",),
    "产业链、指标表和标题勘误所指的章节在某一节之内（网站按节分页，章本身没有页面）",
)
def division_in_section(ctx: Context):
    chapters = _chapter_ids(ctx)
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
