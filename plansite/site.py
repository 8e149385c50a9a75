"""A site of several plans: data/site.yaml, the shared ui.yaml, and one checked Plan per plan folder.

Each plan folder's name is its address prefix: data/2021-2025/ is served at /2021-2025/… and /en/2021-2025/….
A data folder without site.yaml is one plan with its own ui.yaml (the test fixtures' layout), served at the site's
root as before plans had prefixes: its folder is "", and there is no landing page, no all-plans package and no
redirect.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from . import models as m
from .catalog import SITE_FILE, claim
from .check import Report, _pydantic_problems, check
from .facts import hint_values
from .plan import Plan
from .problems import DataError, Problem, rel
from .wording import pick, ui_text
from .yamlsource import load_yaml


@dataclass(frozen=True)
class Site:
    settings: m.SiteSettings
    plans: dict[str, Plan]  # folder (address prefix) -> Plan, in site.yaml's order; {"": plan} for one-plan data

    @property
    def prefixed(self) -> bool:
        """Whether plans live under their prefixes (data/site.yaml), rather than one plan at the root."""
        return "" not in self.plans

    @property
    def current(self) -> Plan:
        return self.plans[self.settings.current]

    @property
    def ui(self) -> m.UiStrings:
        return self.current.ui

    def folder(self, plan: Plan) -> str:
        return next(f for f, p in self.plans.items() if p is plan)

    def name(self, lang: str) -> str:
        """The site's name in lang: site.yaml's name (one plan without site.yaml: its plan's, see check_site)."""
        return pick(self.settings.name, lang)

    def hint_values(self) -> dict[str, object]:
        """What the checker's hints on the site's messages page say for {start}, {end} …: the plan's own years when
        the site has one plan; with several, where each plan states them (its plan.yaml), naming no plan's years."""
        if len(self.plans) == 1:
            return self.current.hint_values()
        return hint_values(None)


def is_site(data_dir: Path) -> bool:
    return (data_dir / SITE_FILE).exists()


def phase(plan: Plan, today: dt.date) -> str:
    """Where a plan stands on a day: "upcoming" before its first year, "running" within it, "ended" after."""
    if today.year < plan.meta.period.start:
        return "upcoming"
    return "ended" if today.year > plan.meta.period.end else "running"


def _merge(into: Report, part: Report) -> None:
    into.problems.extend(part.problems)
    into.files_checked += part.files_checked
    into.texts += part.texts
    into.texts_translated += part.texts_translated
    for name, n in part.fired.items():
        into.fired[name] = into.fired.get(name, 0) + n


def check_site(
    data_dir: Path, root: Path | None = None, today: dt.date | None = None, rules: set[str] | None = None
) -> tuple[Report, Site | None]:
    """Check site.yaml and every plan folder it lists (the shared ui.yaml with each); the Site when all is well."""
    root = root or data_dir.parent
    if not is_site(data_dir):
        report, plan = check(data_dir, root, today, rules)
        report.problems += _continues_problems({"": plan} if plan else {}, root)  # no earlier plan in one-plan data
        if plan is None or report.errors:
            return report, None
        # one plan without site.yaml is named as its plan: the ui string site.name filled with its facts
        name = m.Text(zh=ui_text(plan, "site.name", "zh"), en=ui_text(plan, "site.name", "en"))
        return report, Site(
            m.SiteSettings.model_construct(name=name, plans=[""], current="", legacy_plan=None), {"": plan}
        )
    report = Report()
    path = data_dir / SITE_FILE
    doc, problems = load_yaml(path, rel(path, root))
    report.problems.extend(problems)
    report.files_checked += 1
    settings = None
    if not problems and isinstance(doc.data, dict):
        try:
            settings = m.SiteSettings.model_validate(doc.data)
        except ValidationError as exc:
            report.problems.extend(_pydantic_problems(exc, doc))
    elif not problems:
        report.problems.append(Problem("yaml-not-mapping", doc.file, 1, 1))
    _, unclaimed = claim(data_dir)
    for extra in unclaimed:
        report.problems.append(
            Problem("file-unclaimed", rel(extra, root), 0, 0, detail=f"{extra.name} 不在 site.yaml 列出的规划文件夹中")
        )
    plans: dict[str, Plan] = {}
    if settings is not None:
        for i, folder in enumerate(settings.plans):
            line, col = doc.where(("plans", i))
            if not (data_dir / folder).is_dir():
                report.problems.append(
                    Problem("site-plan-missing", doc.file, line, col, "plans", folder, detail=f"data/{folder}/")
                )
                continue
            part, plan = check(data_dir / folder, root, today, rules)
            _merge(report, part)
            if plan is not None:
                plans[folder] = plan
        for key in ("current", "legacy_plan"):
            value = getattr(settings, key)
            if value is not None and value not in settings.plans:
                line, col = doc.where((key,))
                report.problems.append(Problem("site-plan-unknown", doc.file, line, col, key, value))
        report.problems += _continues_problems(plans, root)
    unique = {(p.file, p.line, p.column, p.code, p.detail): p for p in report.problems}  # ui.yaml, once per plan
    report.problems = sorted(unique.values(), key=lambda p: (p.file, p.line, p.column, p.code))
    if report.errors or settings is None:
        return report, None
    return report, Site(settings, plans)


def _continues_problems(plans: dict[str, Plan], root: Path) -> list[Problem]:
    """Each indicator's `continues` names an earlier plan of the site and an indicator it has."""
    out = []
    for plan in plans.values():
        path = plan.files.get("indicators")
        doc = None
        for i, ind in enumerate(plan.indicators):
            link = ind.continues
            if link is None:
                continue
            earlier = plans.get(link.plan)
            if (
                earlier is not None
                and earlier is not plan
                and earlier.meta.period.end <= plan.meta.period.start
                and any(x.id == link.indicator for x in earlier.indicators)
            ):
                continue
            if doc is None and path:
                doc, _ = load_yaml(root / path, path)
            line, col = doc.where(("indicators", i, "continues")) if doc is not None else (0, 0)
            out.append(
                Problem(
                    "continues-unknown",
                    path or "",
                    line,
                    col,
                    f"indicators[{i}].continues",
                    f"{link.plan}/{link.indicator}",
                    detail="没有这个更早的规划" if earlier is None or earlier is plan else "那个规划中没有这个指标",
                )
            )
    return out


def continuations(site: Site) -> dict[str, dict[str, list[tuple[str, str, str]]]]:
    """For each plan folder: indicator id -> [(kind "from" or "to", other plan's folder, other indicator id)]."""
    out: dict[str, dict[str, list[tuple[str, str, str]]]] = {folder: {} for folder in site.plans}
    for folder, plan in site.plans.items():
        for ind in plan.indicators:
            if ind.continues is not None and ind.continues.plan in site.plans:
                out[folder].setdefault(ind.id, []).append(("from", ind.continues.plan, ind.continues.indicator))
                later = out[ind.continues.plan].setdefault(ind.continues.indicator, [])
                later.append(("to", folder, ind.id))
    return out


def load_site(data_dir: Path, root: Path | None = None) -> Site:
    """The checked Site; raises DataError carrying every problem when there is any error."""
    report, site = check_site(data_dir, root)
    if site is None:
        raise DataError(report.problems)
    return site
