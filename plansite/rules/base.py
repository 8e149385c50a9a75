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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import facts
from .. import models as m
from ..catalog import STATUS_KINDS, Kind
from ..problems import Problem, field_path
from ..yamlsource import YamlDoc
from .ids import Registry


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


@dataclass
class Context:
    """The parsed files, the ids they define, and the problems found so far."""

    p: dict[str, list[Parsed]]
    failed: set[str]
    problems: list[Problem]
    today: dt.date
    registry: Registry = field(init=False)
    fired: dict[str, int] = field(default_factory=dict)  # rule name -> problems it raised
    current: str = ""  # the rule running now

    def __post_init__(self):
        self.registry = Registry(self.failed)

    # the registry's findings, as the rules read them
    @property
    def duplicates(self) -> list[tuple[Parsed, tuple, str, str]]:
        return self.registry.duplicates

    @property
    def paragraph_text(self) -> dict[str, str]:
        return self.registry.paragraph_text

    @property
    def heading_text(self) -> dict[str, str]:
        return self.registry.heading_text

    @property
    def project_text(self) -> dict[str, str]:
        return self.registry.project_text

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
        ids = self.registry.ids.get(space)
        if id is None or ids is None or not ids.complete:
            return
        if id not in ids.where:
            close = difflib.get_close_matches(id, list(ids.where), n=1)
            self.add(code, parsed, loc, id, f"找不到“{id}”" + (f"，是不是“{close[0]}”？" if close else ""))

    # -- look-ups ----------------------------------------------------------------------------
    def indicators(self) -> dict[str, m.Indicator]:
        return {ind.id: ind for pc in self.p["indicators"] for ind in pc.model.indicators}

    def sources(self) -> dict[str, m.Source]:
        return {pc.model.id: pc.model for pc in self.p["source"]}

    def items(self, *kinds: str) -> Iterator[Parsed]:
        """The files of kinds kept one item per file (source, observation, status-project …), in kind order."""
        for kind in kinds:
            yield from self.p[kind]

    def status_entries(self) -> Iterator[Parsed]:
        """Every status entry's file: projects' (status/projects/) then milestones' (status/milestones/)."""
        return self.items(*STATUS_KINDS)

    def meta(self) -> m.PlanMeta | None:
        """plan.yaml, when it passed its structural check (the plan's period, baseline and vocabulary)."""
        return next((pc.model for pc in self.p["plan"]), None)

    def first_year(self) -> int | None:
        """The earliest year a value may be given for (plansite.facts.history_from); None when plan.yaml did not
        pass its own check or its years are out of order (the rule plan-period says so)."""
        meta = self.meta()
        if meta is None or not facts.in_order(meta):
            return None
        return facts.history_from(meta, self.indicators().values())

    def qualifiers(self) -> dict[str, m.Qualifier]:
        """The target qualifiers this plan may use: the engine's defaults and plan.yaml's own."""
        return facts.qualifiers(self.meta())


def run(ctx: Context, only: set[str] | None = None) -> None:
    """Collect the ids, then run every registered rule (or only the named ones)."""
    ctx.registry.collect(ctx.p)
    for r in RULES:
        if only is not None and r.name not in only:
            continue
        ctx.current = r.name
        r.fn(ctx)
    ctx.current = ""
