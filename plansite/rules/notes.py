"""Rules for editorial notes: attached to something that exists, quoting it, and saying something new."""

from __future__ import annotations

from .base import Context, rule


def _targets(ctx: Context):
    for pc in ctx.p["editorial-notes"]:
        for i, n in enumerate(pc.model.notes):
            if n.scope != "global":
                yield pc, ("notes", i), n


_SCOPES = {
    "paragraph": ("paragraph", "ref-unknown-paragraph", "paragraph_text"),
    "heading": ("division", "ref-unknown-division", "heading_text"),
    "project": ("project", "ref-unknown-project", "project_text"),
}


@rule(
    "note-target",
    ("field-missing", "ref-unknown-paragraph", "ref-unknown-division", "ref-unknown-project"),
    "非全局的勘误说明注明了 target，且 target 存在",
    fixture="ref-unknown-project",
)
def note_target(ctx: Context):
    for pc, loc, n in _targets(ctx):
        space, code, _ = _SCOPES[n.scope]
        if n.target is None:
            ctx.add("field-missing", pc, loc, None, "非全局的勘误说明必须注明 target")
            continue
        ctx.ref(space, code, pc, loc + ("target",), n.target)


@rule(
    "note-source-in-target",
    ("note-source-missing",),
    "勘误说明的 source 逐字出现在所注的段落、标题或项目里",
    fixture="note-source-missing",
)
def note_source_in_target(ctx: Context):
    for pc, loc, n in _targets(ctx):
        texts = getattr(ctx, _SCOPES[n.scope][2])
        if n.target in texts and n.source not in texts[n.target]:
            ctx.add("note-source-missing", pc, loc + ("source",), n.source)


@rule("note-reading-differs", ("note-reading-same",), "勘误说明的 reading 与原文字符串 source 不同")
def note_reading_differs(ctx: Context):
    for pc in ctx.p["editorial-notes"]:
        for i, n in enumerate(pc.model.notes):
            if n.reading.zh.strip() == n.source.strip():
                ctx.add("note-reading-same", pc, ("notes", i, "reading", "zh"), n.reading.zh)
