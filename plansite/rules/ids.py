"""The id registry: every id each file defines, where, and the texts notes are checked against.

Built once before the rules run (`collect`); the rules ask it whether a reference points at something
that exists (`Context.ref`) and which ids were defined twice (`duplicates`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import models as m
from ..catalog import ITEM_KINDS

if TYPE_CHECKING:
    from .base import Parsed


class Ids:
    """Ids of one kind, where each was defined, and whether the set is complete enough to check refs against."""

    def __init__(self, complete: bool):
        self.where: dict[str, tuple[str, int, int]] = {}
        self.first: dict[str, tuple[Parsed, tuple]] = {}  # id -> where it was first defined
        self.complete = complete


# id space -> the file kind that defines it
SPACE_KIND = {
    "indicator": "indicators",
    "chain": "chain",
    "project": "chain",
    "commitment": "commitments",
    "milestone": "commitments",
    "reference": "references",
    "note": "editorial-notes",
    "source": "source",
    "term": "glossary",
    "paragraph": "chapter",
    "division": "chapter",
}


@dataclass
class Registry:
    """The ids of every space, the duplicates found, and the texts by id (paragraphs, headings, projects)."""

    failed: set[str]  # file kinds that had a structural failure: their id spaces are incomplete
    ids: dict[str, Ids] = field(default_factory=dict)
    duplicates: list[tuple[Parsed, tuple, str, str]] = field(default_factory=list)
    paragraph_text: dict[str, str] = field(default_factory=dict)
    heading_text: dict[str, str] = field(default_factory=dict)
    project_text: dict[str, str] = field(default_factory=dict)

    def define(self, space: str, parsed: Parsed, loc: tuple, id: str):
        ids = self.ids.setdefault(space, Ids(SPACE_KIND[space] not in self.failed))
        line, col = parsed.doc.where(loc)
        if id in ids.where:
            f, l, _ = ids.where[id]
            self.duplicates.append((parsed, loc, id, f"“{id}”已在 {f}:{l} 使用"))
            first, first_loc = ids.first[id]
            if parsed.kind.name in ITEM_KINDS and first.doc.file != parsed.doc.file:
                # one item per file: both files are the same item entered twice, so both are reported
                self.duplicates.append((first, first_loc, id, f"“{id}”在 {parsed.doc.file}:{line} 也有定义"))
        else:
            ids.where[id] = (parsed.doc.file, line, col)
            ids.first[id] = (parsed, loc)

    def collect(self, p: dict[str, list[Parsed]]):
        """Every id each file defines, and the texts notes are checked against."""
        for pc in p["chapter"]:
            self._divisions(pc, pc.model, ())
        for pc in p["indicators"]:
            for i, ind in enumerate(pc.model.indicators):
                self.define("indicator", pc, ("indicators", i, "id"), ind.id)
        for pc in p["chain"]:
            self.define("chain", pc, ("id",), pc.model.id)
            for j, pr in enumerate(pc.model.projects):
                self.define("project", pc, ("projects", j, "id"), pr.id)
                self.project_text[pr.id] = pr.name.zh + pr.description.zh
        for pc in p["commitments"]:
            for i, c in enumerate(pc.model.commitments):
                self.define("commitment", pc, ("commitments", i, "id"), c.id)
            for i, ms in enumerate(pc.model.milestones):
                self.define("milestone", pc, ("milestones", i, "id"), ms.id)
        for pc in p["references"]:
            for i, r in enumerate(pc.model.references):
                self.define("reference", pc, ("references", i, "id"), r.id)
        for pc in p["editorial-notes"]:
            for i, n in enumerate(pc.model.notes):
                self.define("note", pc, ("notes", i, "id"), n.id)
        for pc in p["source"]:
            self.define("source", pc, ("id",), pc.model.id)
        for pc in p["glossary"]:
            for i, t in enumerate(pc.model.terms):
                self.define("term", pc, ("terms", i, "id"), t.id)
        for space, kind in SPACE_KIND.items():  # kinds with no valid file define nothing
            self.ids.setdefault(space, Ids(kind not in self.failed))

    def _divisions(self, pc: Parsed, div: m.Division, loc: tuple):
        self.define("division", pc, loc + ("id",), div.id)
        self.heading_text[div.id] = div.title.zh + (div.source_heading or "")
        for i, p in enumerate(div.paragraphs):
            self.define("paragraph", pc, loc + ("paragraphs", i, "id"), p.id)
            self.paragraph_text[p.id] = (p.lead.zh if p.lead else "") + p.text.zh
        for i, child in enumerate(div.children):
            self._divisions(pc, child, loc + ("children", i))
