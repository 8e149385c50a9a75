"""The whole plan as one immutable object, with the look-ups every page and chart needs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from . import models as m


@dataclass(frozen=True)
class Located:
    """A paragraph with the section (page) and division it belongs to."""

    paragraph: m.Paragraph
    section: m.Division  # the page unit: 1-1, 3-2 …
    division: m.Division  # the innermost division holding the paragraph

    @property
    def anchor(self) -> str:
        """The paragraph's anchor on its section page: 3-2-p12 -> p12."""
        return self.paragraph.id.rsplit("-", 1)[1]


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

    def divisions(self) -> Iterator[m.Division]:
        for ch in self.chapters:
            yield from walk(ch)

    def division(self, id: str) -> m.Division:
        return next(d for d in self.divisions() if d.id == id)

    def located_paragraphs(self) -> Iterator[Located]:
        for _, sec in self.sections():
            for div in walk(sec):
                for p in div.paragraphs:
                    yield Located(p, sec, div)

    def paragraph(self, id: str) -> Located:
        return next(lp for lp in self.located_paragraphs() if lp.paragraph.id == id)

    def section_of(self, division_id: str) -> m.Division:
        return next(sec for _, sec in self.sections() for d in walk(sec) if d.id == division_id)

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
