"""Which file in data/ holds which kind of content: every data file is claimed by exactly one model.

data/ is a site: site-wide files (site.yaml, ui.yaml) and one folder per plan (data/2021-2025/ …) holding that
plan's files. A folder without site.yaml is one plan with its own ui.yaml (the test fixtures' layout).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import models as m


@dataclass(frozen=True)
class Kind:
    name: str  # also the schema's file name: schemas/<name>.schema.json
    pattern: str  # glob relative to data/
    model: type[BaseModel]
    many: bool = False  # one file per item (a folder of files) rather than a single file
    required: bool = True  # False: a plan may have none (a plan without industry chains)
    scope: str = "plan"  # "plan": in each plan folder; "shared": site-wide, read by every plan; "site": the site's own


KINDS: tuple[Kind, ...] = (
    Kind("plan", "plan.yaml", m.PlanMeta),
    Kind("chapter", "plan/chapter-*.yaml", m.Chapter, many=True),
    Kind("indicators", "indicators.yaml", m.IndicatorTable),
    Kind("chain", "industries/*.yaml", m.Chain, many=True, required=False),
    Kind("commitments", "commitments.yaml", m.Commitments),
    Kind("references", "references.yaml", m.References),
    Kind("editorial-notes", "editorial-notes.yaml", m.EditorialNotes),
    Kind("source", "sources/*.yaml", m.Source, many=True, required=False),
    Kind("observation", "observations/*.yaml", m.Observation, many=True, required=False),
    Kind("status-project", "status/projects/*.yaml", m.StatusEntry, many=True, required=False),
    Kind("status-milestone", "status/milestones/*.yaml", m.StatusEntry, many=True, required=False),
    Kind("glossary", "glossary.yaml", m.Glossary),
    Kind("ui", "ui.yaml", m.UiStrings, scope="shared"),
    Kind("site", "site.yaml", m.SiteSettings, required=False, scope="site"),
)
SITE_FILE = "site.yaml"

# The kinds kept one item per file, so that a form editor (Decap CMS, /admin/) rewriting a file on save changes
# only that item: each file's name (without .yaml) is its item's key, see item_stem.
ITEM_KINDS = ("source", "observation", "status-project", "status-milestone")
# A status entry's folder says what it is about: status/projects/ for a project, status/milestones/ a milestone.
STATUS_KINDS = {"status-project": "project", "status-milestone": "milestone"}


def item_stem(kind: str, item: Any) -> str | None:
    """The file name (without .yaml) an item of a one-item-per-file kind must have: a source's id, an observation's
    <indicator>-<year>, a status entry's <project or milestone>-<date>. None for other kinds, and for a status
    entry naming neither or both a project and a milestone (the rule status-refs reports that)."""
    if kind == "source":
        return str(item.id)
    if kind == "observation":
        return f"{item.indicator}-{item.year}"
    if kind in STATUS_KINDS:
        if (item.project is None) == (item.milestone is None):
            return None
        return f"{item.project or item.milestone}-{item.date.isoformat()}"
    return None


def site_dir_of(plan_dir: Path) -> Path:
    """Where a plan folder's shared files (ui.yaml) are: its site's data/, or the folder itself (one-plan layout)."""
    return plan_dir.parent if (plan_dir.parent / SITE_FILE).exists() else plan_dir


def claim(data_dir: Path) -> tuple[dict[str, list[Path]], list[Path]]:
    """Map each kind to its files; also return the files no kind claims.

    data_dir is a plan folder (its shared files are read from its site, see site_dir_of) or a site's data/ (the
    site's files, and every file of each plan folder site.yaml lists).
    """
    claimed: dict[str, list[Path]] = {}
    seen: set[Path] = set()
    site = (data_dir / SITE_FILE).exists()
    shared = data_dir if site else site_dir_of(data_dir)
    folders = [data_dir / f for f in listed_plans(data_dir)] if site else [data_dir]
    for kind in KINDS:
        if kind.scope == "plan":
            files = sorted(p for folder in folders for p in folder.glob(kind.pattern))
        else:
            files = sorted(shared.glob(kind.pattern)) if site or kind.scope == "shared" else []
        claimed[kind.name] = files
        seen.update(files)
    everything = {p for p in data_dir.rglob("*") if p.is_file() and not p.name.startswith(".")}
    return claimed, sorted(everything - seen)


def listed_plans(data_dir: Path) -> list[str]:
    """The plan folders site.yaml names, read leniently (the checker reports what is wrong with the file)."""
    import yaml

    try:
        data = yaml.safe_load((data_dir / SITE_FILE).read_text(encoding="utf-8"))
        return [str(f) for f in data.get("plans", []) if (data_dir / str(f)).is_dir()]
    except Exception:  # a broken site.yaml is the checker's to report, with its line
        return []
