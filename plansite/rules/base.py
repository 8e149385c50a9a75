"""The registry of cross-file and plausibility rules, and the context every rule works in.

A rule is a function decorated with `@rule(name, codes, description)`. The name is stable
(it names the rule's broken fixture in tests/fixtures/bad/), the codes are the only codes it
may raise, and the description says in one Chinese sentence what it checks. `run` calls every
registered rule in order and records which rules fired, so a test can prove that each rule
is the one (and the only one) that catches its own fixture.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import models as m
from ..catalog import Kind
from ..problems import Problem, field_path
from ..yamlsource import YamlDoc


@dataclass
class Parsed:
    """A file that passed its structural check."""

    kind: Kind
    doc: YamlDoc
    model: Any


@dataclass(frozen=True)
class Rule:
    name: str  # stable kebab-case name
    codes: tuple[str, ...]  # the codes this rule may raise
    description: str  # one Chinese sentence
    fn: Callable[[Context], None]
    fixture: str  # folder under tests/fixtures/bad/ in which this rule, and only this rule, fires


RULES: list[Rule] = []


def rule(name: str, codes: tuple[str, ...], description: str, fixture: str | None = None):
    """Register a rule; rules run in the order they are registered."""

    def register(fn: Callable[[Context], None]) -> Callable[[Context], None]:
        if any(r.name == name for r in RULES):
            raise ValueError(f"rule {name} registered twice")
        RULES.append(Rule(name, codes, description, fn, fixture or name))
        return fn

    return register


class Ids:
    """Ids of one kind, where each was defined, and whether the set is complete enough to check refs against."""

    def __init__(self, complete: bool):
        self.where: dict[str, tuple[str, int, int]] = {}
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
    "source": "sources",
    "term": "glossary",
    "paragraph": "chapter",
    "division": "chapter",
}


@dataclass
class Context:
    """The parsed files, the ids they define, and the problems found so far."""

    p: dict[str, list[Parsed]]
    failed: set[str]
    problems: list[Problem]
    today: dt.date
    ids: dict[str, Ids] = field(default_factory=dict)
    duplicates: list[tuple[Parsed, tuple, str, str]] = field(default_factory=list)
    paragraph_text: dict[str, str] = field(default_factory=dict)
    heading_text: dict[str, str] = field(default_factory=dict)
    project_text: dict[str, str] = field(default_factory=dict)
    fired: dict[str, int] = field(default_factory=dict)  # rule name -> problems it raised
    current: str = ""  # the rule running now

    # -- reporting ---------------------------------------------------------------------------
    def add(
        self,
        code: str,
        parsed: Parsed,
        loc: tuple,
        value: Any = None,
        detail: str = "",
        key: bool = False,
        hint: str = "",
    ):
        rule = next((r for r in RULES if r.name == self.current), None)
        if rule is not None and code not in rule.codes:
            raise AssertionError(f"rule {rule.name} raised {code}, which it does not declare")
        line, col = parsed.doc.where(loc, key=key)
        self.problems.append(Problem(code, parsed.doc.file, line, col, field_path(loc), value, detail, hint))
        self.fired[self.current] = self.fired.get(self.current, 0) + 1

    def ref(self, space: str, code: str, parsed: Parsed, loc: tuple, id: str | None):
        ids = self.ids.get(space)
        if id is None or ids is None or not ids.complete:
            return
        if id not in ids.where:
            close = difflib.get_close_matches(id, list(ids.where), n=1)
            self.add(code, parsed, loc, id, f"找不到“{id}”" + (f"，是不是“{close[0]}”？" if close else ""))

    # -- look-ups ----------------------------------------------------------------------------
    def indicators(self) -> dict[str, m.Indicator]:
        return {ind.id: ind for pc in self.p["indicators"] for ind in pc.model.indicators}

    def sources(self) -> dict[str, m.Source]:
        return {s.id: s for pc in self.p["sources"] for s in pc.model.sources}

    def first_year(self) -> int:
        """The earliest year the plan states a value for (its history), from the data; FIRST_YEAR without it."""
        years = [e.year for pc in self.p["indicators"] for ind in pc.model.indicators for e in ind.earlier]
        years += [ind.baseline.year for pc in self.p["indicators"] for ind in pc.model.indicators]
        return min(years, default=m.FIRST_YEAR)

    # -- definitions -------------------------------------------------------------------------
    def define(self, space: str, parsed: Parsed, loc: tuple, id: str):
        ids = self.ids.setdefault(space, Ids(SPACE_KIND[space] not in self.failed))
        line, col = parsed.doc.where(loc)
        if id in ids.where:
            f, l, _ = ids.where[id]
            self.duplicates.append((parsed, loc, id, f"“{id}”已在 {f}:{l} 使用"))
        else:
            ids.where[id] = (parsed.doc.file, line, col)

    def collect(self):
        """Every id each file defines, and the texts notes are checked against."""
        for pc in self.p["chapter"]:
            self._divisions(pc, pc.model, ())
        for pc in self.p["indicators"]:
            for i, ind in enumerate(pc.model.indicators):
                self.define("indicator", pc, ("indicators", i, "id"), ind.id)
        for pc in self.p["chain"]:
            self.define("chain", pc, ("id",), pc.model.id)
            for j, pr in enumerate(pc.model.projects):
                self.define("project", pc, ("projects", j, "id"), pr.id)
                self.project_text[pr.id] = pr.name.zh + pr.description.zh
        for pc in self.p["commitments"]:
            for i, c in enumerate(pc.model.commitments):
                self.define("commitment", pc, ("commitments", i, "id"), c.id)
            for i, ms in enumerate(pc.model.milestones):
                self.define("milestone", pc, ("milestones", i, "id"), ms.id)
        for pc in self.p["references"]:
            for i, r in enumerate(pc.model.references):
                self.define("reference", pc, ("references", i, "id"), r.id)
        for pc in self.p["editorial-notes"]:
            for i, n in enumerate(pc.model.notes):
                self.define("note", pc, ("notes", i, "id"), n.id)
        for pc in self.p["sources"]:
            for i, s in enumerate(pc.model.sources):
                self.define("source", pc, ("sources", i, "id"), s.id)
        for pc in self.p["glossary"]:
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


def run(ctx: Context, only: set[str] | None = None) -> None:
    """Collect the ids, then run every registered rule (or only the named ones)."""
    ctx.collect()
    for r in RULES:
        if only is not None and r.name not in only:
            continue
        ctx.current = r.name
        r.fn(ctx)
    ctx.current = ""
