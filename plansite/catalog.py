"""Which file in data/ holds which kind of content: every data file is claimed by exactly one model.

data/ is a site: site-wide files (site.yaml, ui.yaml) and one folder per plan (data/2021-2025/ …) holding that
plan's files. A folder without site.yaml is one plan with its own ui.yaml (the test fixtures' layout).
"""

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
    scope: str = "plan"  # "plan": in each plan folder; "shared": site-wide, read by every plan; "site": the site's own


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
    Kind("ui", "ui.yaml", m.UiStrings, scope="shared"),
    Kind("site", "site.yaml", m.SiteSettings, required=False, scope="site"),
)
SITE_FILE = "site.yaml"


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
    folders = [data_dir / f for f in _listed_plans(data_dir)] if site else [data_dir]
    for kind in KINDS:
        if kind.scope == "plan":
            files = sorted(p for folder in folders for p in folder.glob(kind.pattern))
        else:
            files = sorted(shared.glob(kind.pattern)) if site or kind.scope == "shared" else []
        claimed[kind.name] = files
        seen.update(files)
    everything = {p for p in data_dir.rglob("*") if p.is_file() and not p.name.startswith(".")}
    return claimed, sorted(everything - seen)


def _listed_plans(data_dir: Path) -> list[str]:
    """The plan folders site.yaml names, read leniently (the checker reports what is wrong with the file)."""
    import yaml

    try:
        data = yaml.safe_load((data_dir / SITE_FILE).read_text(encoding="utf-8"))
        return [str(f) for f in data.get("plans", []) if (data_dir / str(f)).is_dir()]
    except Exception:  # a broken site.yaml is the checker's to report, with its line
        return []
