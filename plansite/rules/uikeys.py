"""Every chrome string (data/ui.yaml key) a page, a chart, the theme overrides or the hook looks up.

STATIC_KEYS lists the keys used literally; FAMILIES are the keys built from a vocabulary
("status." ~ code …), expanded here from the models' own vocabularies. A test scans
plansite/templates/*.j2, overrides/**/*.html, plansite/*.py and hooks/*.py and fails when a
key is used that this module does not require, so the checker and the renderer cannot drift.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel

from .. import models as m
from .base import Context, rule

STATIC_KEYS: tuple[str, ...] = (
    "access.large",
    "access.large.title",
    # the scorecard: home page, indicator cards, final assessment, project cards and their stage filter
    "card.latest",
    "card.share",
    "card.share.formula",
    "chain.filter",
    "chain.filter.shown",
    "final.how",
    "final.input.band",
    "final.input.gap",
    "final.input.midcourse",
    "final.input.value",
    "final.pending.list",
    "final.rule",
    "final.title",
    "home.cards",
    "home.glance",
    "home.help",
    "home.help.body",
    "home.help.contribute",
    "home.help.gaps",
    "home.milestones",
    "home.updates",
    "home.updates.all",
    "home.where",
    "period.ended",
    "period.running",
    "project.evidence",
    "chain.box",
    "chain.box.heading",
    "chain.in_plan",
    "chain.index.description",
    "chain.index.intro",
    "chain.name",
    "chain.page.description",
    "chart.chains.axis",
    "chart.chains.summary",
    "chart.chains.title",
    "chart.interactive",
    "chart.interactive.failed",
    "chart.interactive.ready",
    "chart.loading",
    "chart.overview.axis",
    "chart.overview.empty",
    "chart.overview.summary",
    "chart.overview.title",
    "chart.series.before",
    "chart.series.before_target",
    "chart.series.observed",
    "chart.series.path",
    "chart.series.stated",
    "chart.series.target",
    "chart.source.indicator",
    "chart.source.overview",
    "chart.source.plan",
    "chart.summary.data",
    "chart.summary.nodata",
    "checker.code",
    "checker.description",
    "checker.fix",
    "checker.intro",
    "checker.meaning",
    "checker.warning",
    "comma",
    "commit.by",
    "commit.description",
    "commit.indicator",
    "commit.intro",
    "commit.milestones",
    "commit.note",
    "commit.per_year",
    "commit.promise",
    "commit.quantitative",
    "commit.value",
    "commit.where",
    "embed.code",
    "embed.copied",
    "embed.copy",
    "embed.csv",
    "embed.intro",
    "embed.more",
    "embed.png",
    "embed.preview",
    "embed.svg",
    "embed.title",
    "en.pending",
    "en.unofficial.body",
    "en.unofficial.title",
    "footer.contact",
    "footer.host",
    "footer.site_code",
    "fresh.changed",
    "fresh.help",
    "fresh.newest",
    "fresh.next",
    "fresh.plan_only",
    "gaps.description",
    "gaps.edit",
    "gaps.how",
    "gaps.intro",
    "gaps.missing",
    "gaps.note",
    "gaps.published",
    "gaps.where",
    "glossary.description",
    "glossary.empty",
    "home.all_indicators",
    "home.issued",
    "home.projects",
    "home.read_plan",
    # data ids shown with a copy button (site.js): the label, the button's name, the confirmation
    "id.copied",
    "id.copy",
    "id.label",
    "ind.baseline",
    "ind.cumulative",
    "ind.gap",
    "ind.in_text",
    "ind.index.description",
    "ind.index.intro",
    "ind.kind",
    "ind.kind.baseline",
    "ind.kind.earlier",
    "ind.kind.observed",
    "ind.kind.target",
    "ind.kind.value",
    "ind.level",
    "ind.match.close",
    "ind.name",
    "ind.no_data",
    "ind.no_data.explain",
    "ind.notes",
    "ind.number",
    "ind.page.description",
    "ind.progress",
    "ind.row",
    "ind.source",
    "ind.source.table",
    "ind.status",
    "ind.target",
    "ind.unit",
    "ind.unit.from",
    "ind.unit.inferred",
    "ind.unit.inferred.note",
    "ind.unit.none",
    "ind.value",
    "ind.values.caption",
    "ind.year",
    "lang.other",
    "lang.other.code",
    "lang.other.label",
    "list.sep",
    "nav.about",
    "nav.about.site",
    "nav.checker",
    "nav.commitments",
    "nav.contribute",
    "nav.datagaps",
    "nav.glossary",
    "nav.home",
    "nav.indicators",
    "nav.industries",
    "nav.notes",
    "nav.opendata",
    "nav.plan",
    "nav.plan.contents",
    "nav.progress",
    "nav.progress.board",
    "nav.sources",
    "nav.updates",
    "note.confidence",
    "note.example",
    "note.label",
    "note.probable",
    "note.reason",
    "note.see",
    "note.source",
    "note.where",
    "notes.description",
    "notes.global",
    "notes.intro",
    "notes.list",
    "notfound.body",
    "notfound.search",
    "notfound.title",
    "opendata.column",
    "opendata.columns",
    "opendata.csv",
    "opendata.description",
    "opendata.intro",
    "opendata.json",
    "opendata.licence",
    "opendata.link",
    "opendata.meaning",
    "opendata.package",
    "opendata.per_indicator",
    "para.permalink",
    "para.ref",
    "paren.close",
    "paren.open",
    "plan.chapter.description",
    "plan.chapter.sections",
    "plan.contents.description",
    "plan.fidelity",
    "plan.source",
    "progress.all",
    "progress.description",
    "progress.filter",
    "progress.intro",
    "progress.known",
    "progress.milestone",
    "progress.none",
    "progress.note",
    "progress.project",
    "progress.projects",
    "progress.stage",
    "project.enterprises",
    "project.quantities",
    "project.quantities.note",
    "project.what",
    "semicolon",
    "sep",
    "site.copyright",
    "site.description",
    "site.name",
    "share.copied",
    "share.copy",
    "share.label",
    "share.native",
    "share.qr",
    "share.scan",
    "share.url",
    "source.date_not_shown",
    "source.earliest",
    "source.read_on",
    "sources.description",
    "sources.intro",
    "sources.references",
    "sources.references.intro",
    "stage.none",
    "status.headline",
    "status.headline.item",
    "status.headline.of_those",
    "status.how",
    "status.input.baseline",
    "status.input.expected",
    "status.input.gap",
    "status.input.target",
    "status.input.tolerance",
    "status.input.value",
    "status.rule",
    "status.rule.short",
    "stop",
    "updates.description",
    "updates.empty",
    "updates.intro",
    "updates.rss",
    "nav.plans",
    "landing.title",
    "landing.current",
    "landing.all",
    "landing.period",
    "landing.open",
    "landing.data",
    "redirect.title",
    "redirect.moved",
    "search.plan",
)

# Why the status rule says 暂无数据 (plansite.status: Status("no-data", reason)); a test reads status.py for them.
STATUS_REASONS: tuple[str, ...] = ("none", "no-baseline", "not-comparable")
# Where a plan stands on the landing page (plansite.site.phase).
PHASES: tuple[str, ...] = ("upcoming", "running", "ended")


def literal_values(model: type[BaseModel], name: str) -> tuple[str, ...]:
    """The values a Literal field allows (None left out)."""
    annotation = model.model_fields[name].annotation
    out: list[str] = []
    for arg in typing.get_args(annotation) or (annotation,):
        if typing.get_origin(arg) is typing.Literal:
            out.extend(typing.get_args(arg))
    if typing.get_origin(annotation) is typing.Literal:
        out.extend(typing.get_args(annotation))
    return tuple(dict.fromkeys(out))


def families() -> dict[str, tuple[str, ...]]:
    """Prefix -> the vocabulary a template appends to it."""
    # imported here: plansite.status imports the Plan, which the rules need not load
    from ..status import FINAL_ORDER, ORDER

    return {
        "status.": tuple(ORDER),
        "status.reason.": STATUS_REASONS,
        "landing.phase.": PHASES,
        "ind.continues.": ("from", "to"),
        "final.": tuple(FINAL_ORDER),
        "final.meaning.": literal_values(m.Qualifier, "comparison"),
        "card.share.": ("past-target", "before-baseline"),
        "stage.": m.PROJECT_STAGES + m.MILESTONE_STAGES,
        # no "qualifier." family: the qualifier vocabulary words its own keys (plansite.plan.build adds
        # qualifier.<word> from m.DEFAULT_QUALIFIERS and plan.yaml), and only Lang.amount looks them up
        "qkind.": literal_values(m.Quantity, "kind"),
        "confidence.": literal_values(m.EditorialNote, "confidence"),
    }


def required_ui_keys() -> tuple[str, ...]:
    """Every key data/ui.yaml must have, in both languages."""
    keys = list(STATIC_KEYS)
    for prefix, values in families().items():
        keys.extend(prefix + v for v in values)
    return tuple(dict.fromkeys(keys))


@rule(
    "ui-keys",
    ("ui-key-missing", "ui-english-missing"),
    "页面、图表和主题用到的每个 ui.yaml 键都存在，且中英文都不为空",
)
def ui_keys(ctx: Context):
    for pc in ctx.p["ui"]:
        strings: dict[str, m.Text] = pc.model.strings
        missing = [k for k in required_ui_keys() if k not in strings]
        for key in missing:
            ctx.add("ui-key-missing", pc, ("strings",), key, f"缺少“{key}”", key=True)
        for key, text in strings.items():
            if key in missing or key not in required_ui_keys():
                continue
            if not text.en.strip():
                ctx.add("ui-english-missing", pc, ("strings", key, "en"), key, f"“{key}”的英文为空")
