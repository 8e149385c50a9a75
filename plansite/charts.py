"""Plotly figures built from the Plan: one per indicator, an overview, and projects per industry chain.

Figures hold only values from the data. The expected path from baseline to target
and the share of the way to a target are computed views, and are labelled so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

import plotly.graph_objects as go

from . import models as m
from . import wording
from .escape import plotly_text as pt
from .plan import Plan
from .status import indicator_status
from .units import in_indicator_unit

# Trace types in the vendored plotly.js basic bundle; any other renders as empty axes, so it is refused.
SUPPORTED_TRACES = frozenset({"scatter", "bar", "pie"})
FONT = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, system-ui, sans-serif"
IMAGE_SIZE = (1600, 1000)
# The image a page shows before plotly.js is asked for: the page's own figure drawn at one width per layout
# (narrow below SCREEN_BREAKPOINT px of viewport, wide above), at SCREEN_SCALE× for sharp text, as WebP.
SCREEN_WIDTHS = {"narrow": 360, "wide": 760}
SCREEN_BREAKPOINT = 600
SCREEN_SCALE = 2
DEFAULT_HEIGHT = 420
COLORS = {
    "stated": "#595959",
    "observed": "#9e1b20",
    "path": "#0b5cad",
    "target": "#0b5cad",
    "bar": "#9e1b20",
    "earlier": "#7a5c00",  # the same indicator in the plan before (indicator `continues`)
}

# The configuration a citizen site needs (see DESIGN.md §5): no cloud button, no logo, no zoom traps.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "scrollZoom": False,
    "doubleClick": False,
    "responsive": True,
    "displayModeBar": False,
}


class ScreenImage(NamedTuple):
    path: str  # under the site root
    width: int  # CSS pixels (the file has SCREEN_SCALE times as many)
    height: int
    media: str  # the media query that picks it; "" for the default image


class UnsupportedTrace(ValueError):
    """A figure uses a trace type the vendored plotly.js bundle lacks."""


@dataclass(frozen=True)
class Chart:
    id: str  # indicator id, "overview" or "projects-by-chain"
    lang: str
    title: str
    summary: str  # one sentence: the text alternative
    figure: go.Figure
    page: str  # the site page the chart belongs to, e.g. indicators/high-tech-enterprises.md
    unit: str = ""
    source: str = ""  # the source line, printed under the chart and drawn into images

    # title, summary, unit and source are plain text as typed; the figure's texts are escaped for plotly (pt)

    @property
    def height(self) -> int:
        """The figure's height in CSS pixels (plotly's default when the layout sets none)."""
        return int(self.figure.layout.height or DEFAULT_HEIGHT)

    def screen_image(self, size: str) -> ScreenImage:
        """The page image of one layout width (a key of SCREEN_WIDTHS)."""
        media = f"(max-width: {SCREEN_BREAKPOINT - 1}px)" if size == "narrow" else ""
        return ScreenImage(f"charts/{self.id}.{size}.webp", SCREEN_WIDTHS[size], self.height, media)

    def figure_json(self) -> str:
        """The figure as compact JSON for a data attribute (no template: the page's CSS and fonts apply)."""
        return json.dumps(
            self.figure.to_plotly_json(), ensure_ascii=False, separators=(",", ":"), default=_json_default
        )


def _json_default(obj):
    if isinstance(obj, Decimal):
        return float(obj)
    if hasattr(obj, "tolist"):
        return obj.tolist()
    raise TypeError(type(obj))


def check_traces(fig: go.Figure) -> go.Figure:
    for trace in fig.data:
        if trace.type not in SUPPORTED_TRACES:
            raise UnsupportedTrace(
                f"trace type {trace.type!r} is not in the plotly.js basic bundle "
                f"({', '.join(sorted(SUPPORTED_TRACES))})"
            )
    return fig


class _Words:
    def __init__(self, plan: Plan, lang: str):
        self.plan, self.lang = plan, lang
        self.facts = wording.plan_facts(plan, lang)  # {target_year}, {plan_title} … filled in every string

    def __call__(self, key: str, **fill) -> str:
        return wording.ui_text(self.plan, key, self.lang, self.facts, **fill)

    def text(self, t: m.Text | None) -> str:
        return wording.pick(t, self.lang)


def _base_layout(title: str, source: str, y_title: str) -> dict:
    """Shared layout; texts are plain (escaped for plotly here). meta keeps the source line (never drawn as is)."""
    return dict(
        title=dict(text=pt(title), x=0, xanchor="left", font=dict(size=16)),
        font=dict(family=FONT, size=13, color="#1f1f1f"),
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        margin=dict(l=56, r=16, t=48, b=40),
        dragmode=False,  # a swipe over the chart scrolls the page on a phone
        hovermode="closest",
        legend=dict(orientation="h", x=0, y=-0.12, xanchor="left", yanchor="top"),
        yaxis=dict(
            title=dict(text=pt(y_title)),
            fixedrange=True,
            rangemode="tozero",
            gridcolor="#e5e5e5",
            zeroline=True,
            zerolinecolor="#bdbdbd",
            exponentformat="none",
            separatethousands=False,
        ),
        meta=dict(source=source),
        annotations=[],
    )


def indicator_chart(plan: Plan, ind: m.Indicator, lang: str, before: tuple[Plan, m.Indicator] | None = None) -> Chart:
    """Values the plan states (earlier years, the baseline), published values, the target, and the computed path.

    before: the same indicator in the plan before (`continues`); its period is drawn too, with its baseline, published
    values and target, when it is counted in the same unit.
    """
    w = _Words(plan, lang)
    unit = w.text(ind.unit)
    same_unit = before is not None and (before[1].unit.zh if before[1].unit else "") == (
        ind.unit.zh if ind.unit else ""
    )
    first = min([ind.baseline.year] + [e.year for e in ind.earlier])
    if before is not None and same_unit:
        first = min(first, before[1].baseline.year)
    years = list(range(first, ind.target.year + 1))
    stated = {ind.baseline.year: ind.baseline.value}
    for e in ind.earlier:
        stated[e.year] = in_indicator_unit(ind, e.value, e.unit)
    observed = {o.year: in_indicator_unit(ind, o.value, o.unit) for o in plan.observations_of(ind.id)}
    # Hover, summary and ticks write numbers as the pages do (render.Lang.amount: grouped digits, 万/亿 converted
    # exactly in English, the qualifier where the language puts it); each point's text rides in customdata,
    # escaped for plotly's pseudo-HTML, so the template itself holds no data text.
    from .render import Lang  # here: render imports this module

    say = Lang(plan, lang)

    def amount(value, qualifier=None) -> str:
        return say.amount(value, ind.unit, qualifier)

    hover = "%{x}: %{customdata}<extra></extra>"
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=sorted(stated),
            y=[stated[y] for y in sorted(stated)],
            mode="markers",
            name=pt(w("chart.series.stated")),
            marker=dict(size=10, color=COLORS["stated"], symbol="circle"),
            customdata=[pt(amount(stated[y])) for y in sorted(stated)],
            hovertemplate=hover,
        )
    )
    # Published values: one point per year; a year with no value stays a gap (None), never zero.
    fig.add_trace(
        go.Scatter(
            x=years,
            y=[observed.get(y) for y in years],
            mode="lines+markers",
            connectgaps=False,
            name=pt(w("chart.series.observed")),
            line=dict(color=COLORS["observed"], width=3),
            showlegend=bool(observed),
            marker=dict(size=10, color=COLORS["observed"]),
            customdata=[pt(amount(observed[y])) if y in observed else "" for y in years],
            hovertemplate=hover,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[ind.baseline.year, ind.target.year],
            y=[ind.baseline.value, ind.target.value],
            mode="lines",
            name=pt(w("chart.series.path")),
            line=dict(color=COLORS["path"], dash="dash", width=2),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[ind.target.year],
            y=[ind.target.value],
            mode="markers",
            name=pt(w("chart.series.target")),
            marker=dict(size=14, color="#ffffff", line=dict(color=COLORS["target"], width=3), symbol="diamond"),
            customdata=[pt(amount(ind.target.value, ind.target.qualifier))],
            hovertemplate=hover,
        )
    )
    values = list(stated.values()) + [v for v in observed.values()] + [ind.target.value]
    if before is not None and same_unit:
        values += _add_period_before(fig, before, lang, hover)
    layout = _base_layout(w.text(ind.name), w("chart.source.indicator"), unit)
    layout["xaxis"] = dict(
        range=[years[0] - 0.5, years[-1] + 0.5], nticks=7, fixedrange=True, showgrid=False, tickformat="d"
    )
    layout["yaxis"]["range"] = [0, max(values) * 1.15]
    # ticks grouped as the text is: plotly groups from five digits by itself (Chinese, GB/T 15835), from four in English
    layout["yaxis"]["separatethousands"] = lang == "en"
    fig.update_layout(**layout)
    latest = max(observed) if observed else None
    if latest is None:
        summary = w(
            "chart.summary.nodata",
            name=w.text(ind.name),
            base=amount(ind.baseline.value),
            target=amount(ind.target.value, ind.target.qualifier),
        )
    else:
        summary = w(
            "chart.summary.data",
            name=w.text(ind.name),
            base=amount(ind.baseline.value),
            target=amount(ind.target.value, ind.target.qualifier),
            year=latest,
            value=amount(observed[latest]),
        )
    return Chart(
        ind.id,
        lang,
        w.text(ind.name),
        summary,
        check_traces(fig),
        f"indicators/{ind.id}.md",
        unit,
        w("chart.source.indicator"),
    )


def _add_period_before(fig: go.Figure, before: tuple[Plan, m.Indicator], lang: str, hover: str) -> list[float]:
    """The earlier plan's baseline, published values and target for the same indicator; returns the values drawn."""
    from .render import Lang  # here: render imports this module

    plan, ind = before
    w, say = _Words(plan, lang), Lang(plan, lang)
    period = {"start": plan.meta.period.start, "end": plan.meta.period.end}
    points = {ind.baseline.year: ind.baseline.value}
    points.update({o.year: in_indicator_unit(ind, o.value, o.unit) for o in plan.observations_of(ind.id)})
    xs = sorted(points)
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=[points[x] for x in xs],
            mode="lines+markers",
            name=pt(w("chart.series.before", **period)),
            line=dict(color=COLORS["earlier"], width=2, dash="dot"),
            marker=dict(size=8, color=COLORS["earlier"]),
            customdata=[pt(say.amount(points[x], ind.unit)) for x in xs],
            hovertemplate=hover,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[ind.target.year],
            y=[ind.target.value],
            mode="markers",
            name=pt(w("chart.series.before_target", **period)),
            marker=dict(size=12, color="#ffffff", line=dict(color=COLORS["earlier"], width=3), symbol="diamond"),
            customdata=[pt(say.amount(ind.target.value, ind.unit, ind.target.qualifier))],
            hovertemplate=hover,
        )
    )
    return [*points.values(), ind.target.value]


def share_of_way(ind: m.Indicator, value: float) -> float:
    """Computed: how far a value has come from the baseline toward the target, in percent."""
    return (value - ind.baseline.value) / (ind.target.value - ind.baseline.value) * 100


def overview_chart(plan: Plan, lang: str) -> Chart:
    """For each indicator with a published value: the share of the way from baseline to target (computed)."""
    w = _Words(plan, lang)
    rows = []
    for ind in plan.indicators:
        status = indicator_status(plan, ind)  # the same comparable value the status rule uses
        if status.value is not None:
            rows.append((w.text(ind.name), share_of_way(ind, status.value), status.year))
    fig = go.Figure(
        go.Bar(
            x=[round(r[1], 1) for r in rows],
            y=[pt(r[0]) for r in rows],
            orientation="h",
            marker_color=COLORS["bar"],
            text=[f"{r[1]:.0f}%（{r[2]}）" if lang == "zh" else f"{r[1]:.0f}% ({r[2]})" for r in rows],
            textposition="auto",
            hovertemplate="%{y}: %{x}%<extra></extra>",
        )
    )
    layout = _base_layout(w("chart.overview.title"), w("chart.source.overview"), "")
    layout["xaxis"] = dict(
        title=dict(text=pt(w("chart.overview.axis"))),
        fixedrange=True,
        rangemode="tozero",
        ticksuffix="%",
        gridcolor="#e5e5e5",
    )
    layout["yaxis"] = dict(fixedrange=True, automargin=True, autorange="reversed")
    layout["shapes"] = [
        dict(
            type="line",
            xref="x",
            yref="paper",
            x0=100,
            x1=100,
            y0=0,
            y1=1,
            line=dict(color=COLORS["path"], dash="dash"),
        )
    ]
    layout["margin"]["l"] = 16
    layout["height"] = max(260, 90 + 48 * len(rows))
    if not rows:
        layout["annotations"] = [
            dict(
                text=pt(w("chart.overview.empty")),
                showarrow=False,
                xref="paper",
                yref="paper",
                x=0.5,
                y=0.5,
                font=dict(size=15),
            )
        ]
        layout["xaxis"]["range"] = [0, 100]
    fig.update_layout(**layout)
    summary = w("chart.overview.summary", n=len(rows), total=len(plan.indicators))
    return Chart(
        "overview",
        lang,
        w("chart.overview.title"),
        summary,
        check_traces(fig),
        "indicators/index.md",
        "%",
        w("chart.source.overview"),
    )


def chains_chart(plan: Plan, lang: str) -> Chart:
    """Number of flagship projects in each industry chain's box."""
    w = _Words(plan, lang)
    names = [w.text(c.name) for c in plan.chains]
    counts = [len(c.projects) for c in plan.chains]
    fig = go.Figure(
        go.Bar(
            x=counts,
            y=[pt(n) for n in names],
            orientation="h",
            marker_color=COLORS["bar"],
            text=counts,
            textposition="auto",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    layout = _base_layout(w("chart.chains.title"), w("chart.source.plan"), "")
    layout["xaxis"] = dict(title=dict(text=pt(w("chart.chains.axis"))), fixedrange=True, dtick=2, gridcolor="#e5e5e5")
    layout["yaxis"] = dict(fixedrange=True, automargin=True, autorange="reversed")
    layout["margin"]["l"] = 16
    layout["height"] = 360
    fig.update_layout(**layout)
    summary = w(
        "chart.chains.summary",
        n=sum(counts),
        chains=len(counts),
        most=names[counts.index(max(counts))],
        most_n=max(counts),
    )
    return Chart(
        "projects-by-chain",
        lang,
        w("chart.chains.title"),
        summary,
        check_traces(fig),
        "industries/index.md",
        source=w("chart.source.plan"),
    )


def all_charts(plan: Plan, lang: str) -> list[Chart]:
    chains = [chains_chart(plan, lang)] if plan.chains else []  # a plan without industry chains has no chains chart
    return [indicator_chart(plan, ind, lang) for ind in plan.indicators] + [overview_chart(plan, lang), *chains]


def image_figure(chart: Chart, site_address: str) -> go.Figure:
    """The figure as drawn into a PNG/SVG for news posts: bigger type, title, unit, source and site address."""
    fig = go.Figure(chart.figure)
    width, height = IMAGE_SIZE
    fig.update_layout(
        width=width,
        height=height,
        font=dict(size=26),
        title=dict(
            text=pt(
                chart.title
                + (
                    f"（{chart.unit}）"
                    if chart.unit and chart.lang == "zh"
                    else f" ({chart.unit})"
                    if chart.unit
                    else ""
                )
            ),
            font=dict(size=40),
            x=0.03,
            y=0.96,
        ),
        margin=dict(l=120, r=60, t=140, b=230),
        legend=dict(y=-0.12, font=dict(size=24)),
    )
    fig.update_traces(marker_size=18, selector=dict(mode="markers"))
    fig.update_traces(marker_size=16, line_width=5, selector=dict(mode="lines+markers"))
    fig.layout.annotations = ()  # update_layout(annotations=[]) would not clear them (DESIGN.md §5)
    for text, x, anchor, color in ((chart.source, 0, "left", "#595959"), (site_address, 1, "right", "#9e1b20")):
        fig.add_annotation(
            text=pt(text),
            showarrow=False,
            xref="paper",
            yref="paper",
            x=x,
            y=-0.27,
            xanchor=anchor,
            yanchor="top",
            font=dict(size=22, color=color),
        )
    return check_traces(fig)
