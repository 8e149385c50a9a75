"""Which file in data/ holds which kind of content: every data file is claimed by exactly one model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from . import models as m


@dataclass(frozen=True)
class Kind:
    name: str  # also the schema's file name: schemas/<name>.schema.json
    pattern: str  # glob relative to data/
    model: type[BaseModel]
    many: bool = False  # one file per item (a folder of files) rather than a single file
    required: bool = True  # False: a plan may have none (a plan without industry chains)

KINDS: tuple[Kind, ...] = (
    Kind("plan", "plan.yaml", m.PlanMeta),
    Kind("chapter", "plan/chapter-*.yaml", m.Chapter, many=True),
    Kind("indicators", "indicators.yaml", m.IndicatorTable),
    Kind("chain", "industries/*.yaml", m.Chain, many=True, required=False),
    Kind("commitments", "commitments.yaml", m.Commitments),
    Kind("references", "references.yaml", m.References),
    Kind("editorial-notes", "editorial-notes.yaml", m.EditorialNotes),
    Kind("sources", "sources.yaml", m.Sources),
    Kind("observations", "observations.yaml", m.Observations),
    Kind("status", "status.yaml", m.StatusEntries),
    Kind("glossary", "glossary.yaml", m.Glossary),
    Kind("ui", "ui.yaml", m.UiStrings),
)


def claim(data_dir: Path) -> tuple[dict[str, list[Path]], list[Path]]:
    """Map each kind to its files; also return the files no kind claims."""
    claimed: dict[str, list[Path]] = {}
    seen: set[Path] = set()
    for kind in KINDS:
        files = sorted(data_dir.glob(kind.pattern))
        claimed[kind.name] = files
        seen.update(files)
    everything = {p for p in data_dir.rglob("*") if p.is_file() and not p.name.startswith(".")}
    return claimed, sorted(everything - seen)
