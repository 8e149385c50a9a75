"""The whole plan as one immutable object, with the look-ups every page and chart needs, built in one place (`build`).

Plan facts (period, baseline, earliest year, qualifier vocabulary) are read from its data through plansite.facts,
never written in the engine.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import facts
from . import models as m


@dataclass(frozen=True)
class Located:
    """A paragraph with the section (page) and division it belongs to."""

    paragraph: m.Paragraph
    section: m.Division  # the page unit: 1-1, 3-2 …
    division: m.Division  # the innermost division holding the paragraph

    @property
    def anchor(self) -> str:
        """The paragraph's anchor on every page that shows it: its data id (3-2-p12), the id staff type in YAML."""
        return self.paragraph.id

    @property
    def number(self) -> str:
        """The paragraph's number within its page unit, as the page prints it: 3-2-p12 -> 12."""
        return self.paragraph.id.rsplit("-p", 1)[1]

    @property
    def old_anchor(self) -> str:
        """The anchor published before anchors were data ids (3-2-p12 -> p12): kept on the page, so old links land."""
        return "p" + self.number


def walk(division: m.Division) -> Iterator[m.Division]:
    yield division
    for child in division.children:
        yield from walk(child)


@dataclass(frozen=True)
class Plan:
    meta: m.PlanMeta
    chapters: tuple[m.Chapter, ...]
    table: m.IndicatorTable
    chains: tuple[m.Chain, ...]
    commitments: m.Commitments
    references: m.References
    notes: m.EditorialNotes
    sources: m.Sources
    observations: m.Observations
    status: m.StatusEntries
    glossary: m.Glossary
    ui: m.UiStrings
    files: dict = field(default_factory=dict)  # kind/id -> data file path relative to the project root

    # ------------------------------------------------------------------ look-ups
    @property
    def indicators(self) -> tuple[m.Indicator, ...]:
        return tuple(self.table.indicators)

    def indicator(self, id: str) -> m.Indicator:
        return next(i for i in self.indicators if i.id == id)

    def chain(self, id: str) -> m.Chain:
        return next(c for c in self.chains if c.id == id)

    def sections(self) -> Iterator[tuple[m.Chapter, m.Division]]:
        for ch in self.chapters:
            for sec in ch.children:
                yield ch, sec

    @staticmethod
    def chapter_has_page(chapter: m.Chapter) -> bool:
        """A chapter is a page of its own when it has text, a table or a box of its own, or no sections."""
        return bool(chapter.paragraphs or chapter.table or chapter.box or not chapter.children)

    def page_units(self) -> Iterator[tuple[m.Chapter, m.Division]]:
        """Every division that is a page (plan/<id>/), in order: a chapter with a page of its own, then its sections."""
        for ch in self.chapters:
            if self.chapter_has_page(ch):
                yield ch, ch
            for sec in ch.children:
                yield ch, sec

    def divisions(self) -> Iterator[m.Division]:
        for ch in self.chapters:
            yield from walk(ch)

    def division(self, id: str) -> m.Division:
        return next(d for d in self.divisions() if d.id == id)

    def located_paragraphs(self) -> Iterator[Located]:
        for ch, unit in self.page_units():
            for div in [ch] if unit is ch else walk(unit):  # a chapter's page holds only its own paragraphs
                for p in div.paragraphs:
                    yield Located(p, unit, div)

    def paragraph(self, id: str) -> Located:
        return next(lp for lp in self.located_paragraphs() if lp.paragraph.id == id)

    def section_of(self, division_id: str) -> m.Division:
        """The page a division is printed on: its section, or its chapter's own page."""
        return next(
            unit for ch, unit in self.page_units() for d in ([ch] if unit is ch else walk(unit)) if d.id == division_id
        )

    def projects(self) -> Iterator[tuple[m.Chain, m.Project]]:
        for c in self.chains:
            for p in c.projects:
                yield c, p

    def source(self, id: str) -> m.Source:
        return next(s for s in self.sources.sources if s.id == id)

    def observations_of(self, indicator_id: str) -> list[m.Observation]:
        return sorted((o for o in self.observations.observations if o.indicator == indicator_id), key=lambda o: o.year)

    def status_of(self, project: str | None = None, milestone: str | None = None) -> list[m.StatusEntry]:
        """Status entries of one project or milestone, newest first."""
        return sorted(
            (
                e
                for e in self.status.entries
                if (project and e.project == project) or (milestone and e.milestone == milestone)
            ),
            key=lambda e: e.date,
            reverse=True,
        )

    def milestone(self, id: str) -> m.Milestone:
        return next(x for x in self.commitments.milestones if x.id == id)

    def project(self, id: str) -> tuple[m.Chain, m.Project]:
        return next((c, p) for c, p in self.projects() if p.id == id)

    def notes_for(self, target: str) -> list[m.EditorialNote]:
        return [n for n in self.notes.notes if n.target == target]

    def global_notes(self) -> list[m.EditorialNote]:
        return [n for n in self.notes.notes if n.scope == "global"]

    def commitments_of(self, paragraph_id: str) -> list[m.Commitment]:
        return [c for c in self.commitments.commitments if c.paragraph == paragraph_id]

    # ------------------------------------------------------------------ plan facts (from plan.yaml and the table)
    @property
    def start(self) -> int:
        """First year of the plan period."""
        return self.meta.period.start

    @property
    def end(self) -> int:
        """Last year of the plan period (the target year)."""
        return self.meta.period.end

    @property
    def baseline_year(self) -> int:
        return self.meta.baseline_year

    @property
    def history_from(self) -> int:
        """The earliest year a value may be given for (plan.yaml history_from, else the table's earliest year)."""
        return facts.history_from(self.meta, self.indicators)

    @property
    def qualifiers(self) -> dict[str, m.Qualifier]:
        """The target qualifiers: the engine's defaults with the plan's own added or overriding."""
        return facts.qualifiers(self.meta)

    def qualifier(self, word: str) -> m.Qualifier:
        return self.qualifiers[word]

    def comparison(self, ind: m.Indicator) -> m.Comparison:
        """What reaching this indicator's target means: at-least, more-than, about, at-most or less-than."""
        return facts.comparison(ind, self.qualifiers)

    def hint_values(self) -> dict[str, object]:
        """What the checker's hints say for this plan ({start}, {end}, {baseline_year}, {history_from})."""
        return facts.hint_values(self.meta, self.indicators)


def _with_qualifier_wording(ui: m.UiStrings, meta: m.PlanMeta) -> m.UiStrings:
    """ui strings with qualifier.<word> for each qualifier of the vocabulary, unless ui.yaml words it itself."""
    strings = {f"qualifier.{word}": q.text for word, q in facts.qualifiers(meta).items()}
    return m.UiStrings(strings=strings | dict(ui.strings))


def build(one: Mapping[str, Any], many: Mapping[str, list[Any]], files: dict[str, str]) -> Plan:
    """The Plan from checked files: `one` maps each single-file kind (plan, indicators, ui …) to its model, `many`
    each kind kept in a folder of files (chapter, chain, source, observation, status-project, status-milestone) to
    its models, in file order. The items kept one per file are gathered into the lists pages and charts read."""
    status = [*many.get("status-project", []), *many.get("status-milestone", [])]
    return Plan(
        meta=one["plan"],
        chapters=tuple(sorted(many.get("chapter", []), key=lambda c: (len(c.id), c.id))),
        table=one["indicators"],
        chains=tuple(sorted(many.get("chain", []), key=lambda c: c.order)),
        commitments=one["commitments"],
        references=one["references"],
        notes=one["editorial-notes"],
        sources=m.Sources(sources=list(many.get("source", []))),
        observations=m.Observations(
            observations=sorted(many.get("observation", []), key=lambda o: (o.indicator, o.year))
        ),
        status=m.StatusEntries(entries=sorted(status, key=lambda e: (e.project or e.milestone or "", e.date))),
        glossary=one["glossary"],
        ui=_with_qualifier_wording(one["ui"], one["plan"]),
        files=files,
    )
