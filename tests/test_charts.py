"""Chart figures: the right points, gaps as gaps, the target and the computed path; a bundle that can draw them."""

from __future__ import annotations

import shutil

import plotly.graph_objects as go
import plotly.offline
import pytest

from plansite import paths
from plansite.charts import (
    PLOTLY_CONFIG,
    SCREEN_WIDTHS,
    SUPPORTED_TRACES,
    UnsupportedTrace,
    all_charts,
    check_traces,
    image_figure,
    indicator_chart,
    overview_chart,
    share_of_way,
)
from plansite.check import RULES, check, load_plan

from .conftest import MINIMAL, OBSERVATION

VENDOR = paths.ROOT / "overrides" / "assets" / "javascripts" / "vendor"


@pytest.fixture(scope="module")
def fixture_plan(tmp_path_factory):
    """The synthetic fixture data plus the real chrome strings (charts need their words)."""
    root = tmp_path_factory.mktemp("fx") / "project"
    shutil.copytree(MINIMAL, root)
    shutil.copyfile(paths.DATA / "ui.yaml", root / "data" / "ui.yaml")
    return load_plan(root / "data", root)


def _trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_indicator_figure_has_stated_values_observations_target_and_path(fixture_plan):
    ind = fixture_plan.indicator("example-enterprises")
    chart = indicator_chart(fixture_plan, ind, "zh")
    stated, observed, path, target = chart.figure.data
    assert list(stated.x) == [2020] and list(stated.y) == [4]
    assert list(observed.x) == list(range(2020, 2026))
    assert list(observed.y) == [None, None, None, 7, None, None]  # missing years stay gaps, never zero
    assert observed.connectgaps is False
    assert (list(path.x), list(path.y)) == ([2020, 2025], [4, 10]) and path.line.dash == "dash"
    assert (list(target.x), list(target.y)) == ([2025], [10])
    assert "7" in chart.summary and "2023" in chart.summary


def test_earlier_values_are_drawn_in_the_indicator_unit(fixture_plan):
    ind = fixture_plan.indicator("example-spending")  # 2015 value stated as 0.01亿元 = 100万元
    stated = indicator_chart(fixture_plan, ind, "en").figure.data[0]
    assert dict(zip(stated.x, stated.y)) == {2015: 100, 2020: 100}


def test_overview_shows_the_computed_share_of_the_way(fixture_plan):
    chart = overview_chart(fixture_plan, "zh")
    (bar,) = chart.figure.data
    assert list(bar.x) == [50.0] and share_of_way(fixture_plan.indicator("example-enterprises"), 7) == 50.0
    assert "计算" in chart.title


def test_every_real_chart_uses_only_traces_the_bundle_has(plan):
    for lang in ("zh", "en"):
        for chart in all_charts(plan, lang):
            assert {t.type for t in chart.figure.data} <= SUPPORTED_TRACES
            assert chart.figure.layout.dragmode is False
            assert chart.figure.layout.yaxis.fixedrange is True
            assert chart.summary and chart.figure.layout.meta["source"]


def test_a_trace_the_bundle_lacks_is_refused():
    with pytest.raises(UnsupportedTrace, match="heatmap"):
        check_traces(go.Figure(go.Heatmap(z=[[1, 2], [3, 4]])))


def test_plotly_config_is_the_citizen_config():
    assert PLOTLY_CONFIG["showSendToCloud"] is False and PLOTLY_CONFIG["displaylogo"] is False
    assert PLOTLY_CONFIG["scrollZoom"] is False and PLOTLY_CONFIG["doubleClick"] is False
    assert PLOTLY_CONFIG["responsive"] is True


def test_vendored_plotly_js_is_the_version_plotly_py_ships():
    version = plotly.offline.get_plotlyjs_version()
    bundle = VENDOR / f"plotly-basic-{version}.min.js"
    locale = VENDOR / f"plotly-locale-zh-cn-{version}.js"
    assert bundle.exists() and locale.exists()
    assert f"v{version}" in bundle.read_text(encoding="utf-8")[:300]
    charts_js = (paths.ROOT / "overrides/assets/javascripts/charts.js").read_text(encoding="utf-8")
    assert f"plotly-basic-{version}.min.js" in charts_js and f"plotly-locale-zh-cn-{version}.js" in charts_js
    assert len(list(VENDOR.glob("plotly-basic-*.js"))) == 1  # one copy


def test_image_figure_draws_title_unit_source_and_address(fixture_plan):
    ind = fixture_plan.indicator("example-enterprises")
    chart = indicator_chart(fixture_plan, ind, "zh")
    fig = image_figure(chart, "kjj.example.gov.cn/plan")
    texts = [a.text for a in fig.layout.annotations]
    assert fig.layout.width == 1600 and fig.layout.height == 1000
    assert fig.layout.title.text == f"{ind.name.zh}（{ind.unit.zh}）"  # the fixture's own name and unit
    assert "kjj.example.gov.cn/plan" in texts and any(t.startswith("来源") for t in texts)


def test_overview_leaves_out_values_the_status_rule_cannot_compare(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    shutil.copyfile(paths.DATA / "ui.yaml", root / "data" / "ui.yaml")
    obs = root / "data" / OBSERVATION
    obs.write_text(obs.read_text().replace("match: exact", "kind: yearly-flow\nmatch: exact"))
    # the checker refuses this kind (observation-kind); the chart must still never compare it
    _, plan = check(root / "data", root, rules={r.name for r in RULES} - {"observation-kind"})
    assert plan is not None
    (bar,) = overview_chart(plan, "zh").figure.data
    assert list(bar.x) == []  # a one-year flow says nothing about the way to a level target


def test_the_page_image_is_the_page_figure_at_its_layout_width(plan):
    """Static first: the image a page shows is its own figure, only sized (not the news image's bigger type)."""
    from plansite.images import screen_figure

    for chart in all_charts(plan, "zh")[:1] + all_charts(plan, "en")[-2:]:
        for size, width in SCREEN_WIDTHS.items():
            image = chart.screen_image(size)
            fig = screen_figure(chart, size)
            assert (fig.layout.width, fig.layout.height) == (width, chart.height) == (image.width, image.height)
            assert image.path == f"charts/{chart.id}.{size}.webp"
            drawn, page = fig.to_plotly_json(), chart.figure.to_plotly_json()
            for layout in (drawn["layout"], page["layout"]):
                layout.pop("width", None), layout.pop("height", None)
            assert drawn == page  # nothing else differs from the interactive chart


def _chart_tags(markup: str) -> dict[str, list[dict]]:
    from html.parser import HTMLParser

    found: dict[str, list[dict]] = {}

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.setdefault(tag, []).append(dict(attrs))

    Parser().feed(markup)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_chart_is_an_image_with_its_size_and_a_real_button_on_pages_and_embeds(plan, lang):
    from plansite.render import Renderer

    renderer = Renderer(plan, lang, "https://kjj.example.gov.cn/plan/")
    ind = plan.indicators[0]
    chart = renderer.charts[ind.id]
    index = list(renderer.charts).index(ind.id)
    for markup, link in (
        (renderer.chart_markup(chart.page)[index], lambda p: "../../" + p),
        (renderer.embed(ind.id), lambda p: "../../" + p),
        (renderer.embed(ind.id, standalone=True), lambda p: renderer.site_url + p),
    ):
        tags = _chart_tags(markup)
        narrow, wide = chart.screen_image("narrow"), chart.screen_image("wide")
        (source,), (img,), (button,) = tags["source"], tags["img"], tags["button"]
        assert source == {
            "media": narrow.media,
            "srcset": link(narrow.path),
            "width": str(narrow.width),
            "height": str(narrow.height),
            "type": "image/webp",
        }
        assert (img["src"], img["width"], img["height"]) == (link(wide.path), str(wide.width), str(wide.height))
        assert img["alt"] == chart.summary
        assert button["type"] == "button" and "hidden" in button  # shown by charts.js: without it, nothing to press
        assert renderer.lang.t("chart.interactive") in markup
        assert "noscript" not in tags  # the image is always there
        box = next(a for a in tags["div"] if "data-plotly" in a)
        assert "role" not in box and "style" not in box  # the image says the summary; its size holds the box
