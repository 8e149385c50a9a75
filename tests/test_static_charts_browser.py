"""Static first, interactive on request (issue 10, point 1), in real headless Chromium against the built site.

Every chart is an image drawn at build time; plotly.js and its locale load only when a reader taps the image or
presses the "交互图表 / Interactive chart" button, never on load or scroll; the interactive chart is then drawn in
the image's box without moving it. Without JavaScript: the image and the table.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from plansite import paths
from plansite.charts import SCREEN_SCALE
from plansite.render import Renderer

from .conftest import address, at, visit
from .test_images import webp_size

pytestmark = pytest.mark.browser

BOX = "e => { const r = e.getBoundingClientRect(); return [r.top + window.scrollY, r.height, r.width]; }"


@pytest.fixture(scope="module")
def chart(plan):
    """The first indicator's chart (plan-derived, not a literal id)."""
    return Renderer(plan, "zh").charts[plan.indicators[0].id]


def _watch_scripts(context) -> list[str]:
    scripts: list[str] = []
    context.on("request", lambda r: scripts.append(urlsplit(r.url).path) if "plotly" in r.url else None)
    return scripts


def _scroll_to_the_end(pg) -> None:
    for _ in range(60):
        pg.mouse.wheel(0, 500)
        pg.wait_for_timeout(60)
        if pg.evaluate("window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2"):
            break
    pg.wait_for_load_state("networkidle")
    pg.wait_for_timeout(300)


def _assert_drawn_in_place(pg, before, scripts) -> None:
    pg.wait_for_selector(".chart.chart--ready", timeout=20_000)
    assert any(s.endswith(".min.js") for s in scripts) and pg.locator(".chart__live svg.main-svg").count() >= 1
    after = pg.locator(".chart").first.evaluate(BOX)
    live = pg.locator(".chart__live").first.evaluate(BOX)
    assert abs(after[0] - before[0]) <= 1 and abs(after[1] - before[1]) <= 1, (before, after)  # no jump
    assert abs(live[1] - after[1]) <= 3 and abs(live[2] - after[2]) <= 3  # the chart fills the image's box


def test_on_load_and_scroll_the_chart_is_an_image_and_a_tap_draws_it_in_place(browser, base_url, chart):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    scripts = _watch_scripts(context)
    pg = context.new_page()
    visit(pg, base_url + at(chart.page.removesuffix(".md") + "/"))
    pg.wait_for_load_state("networkidle")
    _scroll_to_the_end(pg)
    assert scripts == []  # neither load nor scroll asks for plotly.js
    image = pg.locator(".chart__image img").first
    image.scroll_into_view_if_needed()
    narrow = chart.screen_image("narrow")
    assert image.get_attribute("width") and image.get_attribute("height")
    source = pg.locator(".chart__image source").first
    assert (source.get_attribute("width"), source.get_attribute("height")) == (str(narrow.width), str(narrow.height))
    shown = image.evaluate("i => [i.complete, i.currentSrc, i.naturalWidth, i.naturalHeight]")
    assert shown[0] and shown[1].endswith(narrow.path)
    assert shown[2:] == [narrow.width * SCREEN_SCALE, narrow.height * SCREEN_SCALE]
    box = pg.locator(".chart").first.bounding_box()
    assert abs(box["height"] / box["width"] - narrow.height / narrow.width) < 0.02  # the box has the image's shape
    pg.wait_for_timeout(200)
    before = pg.locator(".chart").first.evaluate(BOX)
    image.tap()
    _assert_drawn_in_place(pg, before, scripts)
    assert any(s.endswith("plotly-locale-zh-cn-4.1.1.js") for s in scripts)
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_button_is_reached_and_pressed_with_the_keyboard_and_draws_in_place(browser, base_url, chart, prefix):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    scripts = _watch_scripts(context)
    pg = context.new_page()
    visit(pg, base_url + at(prefix + chart.page.removesuffix(".md") + "/"))
    pg.wait_for_load_state("networkidle")
    button = pg.locator(".chart__open").first
    assert button.is_visible() and button.evaluate("b => b.tagName") == "BUTTON"
    for _ in range(300):  # Tab through the page until the button has the focus
        pg.keyboard.press("Tab")
        if button.evaluate("b => document.activeElement === b"):
            break
    else:
        pytest.fail("the interactive-chart button is not reachable with Tab")
    pg.wait_for_timeout(200)
    before = pg.locator(".chart").first.evaluate(BOX)
    assert scripts == []
    pg.keyboard.press("Enter")
    _assert_drawn_in_place(pg, before, scripts)
    focused = pg.evaluate("document.activeElement.className")
    assert "chart__live" in focused  # the focus moves to the chart, which says its summary
    assert pg.locator(".chart__live").first.get_attribute("aria-label") == pg.locator(
        ".chart__image img"
    ).first.get_attribute("alt")
    assert pg.locator(".chart__status").first.inner_text().strip()  # the ready hint, in the page's language
    pg.emulate_media(media="print")  # printed: the image, not the interactive layer or the button bar
    assert pg.locator(".chart__image img").first.is_visible()
    assert not pg.locator(".chart__live").first.is_visible() and not pg.locator(".chart__bar").first.is_visible()
    context.close()


def test_axe_finds_nothing_on_a_chart_drawn_on_request(browser, base_url, chart):
    axe = (paths.ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 375, "height": 800}, bypass_csp=True)
    pg = context.new_page()
    visit(pg, base_url + at(chart.page.removesuffix(".md") + "/"))
    pg.locator(".chart__open").first.click()
    pg.wait_for_selector(".chart.chart--ready", timeout=20_000)
    pg.add_script_tag(content=axe)
    violations = pg.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => v.id + ': ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | '))""")
    context.close()
    assert violations == []


def test_an_embed_is_an_image_first_and_its_host_iframe_still_fits_it(browser, base_url, built_site, chart):
    host = built_site / "static-host-test.html"  # another site's news page, removed again afterwards
    host.write_text(
        '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>host</title></head><body>'
        f'<p>新闻正文</p><iframe id="f" src="{at(f"embed/{chart.id}/")}" title="chart" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" style="border:0;width:100%;height:150px">'
        '</iframe><script src="assets/javascripts/embed-host.js"></script></body></html>',
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": 375, "height": 800}, has_touch=True, is_mobile=True)
    scripts = _watch_scripts(context)
    pg = context.new_page()
    try:
        pg.goto(base_url + host.name)
        pg.wait_for_selector("#f:not([style*='height:150px'])", timeout=20_000)
        pg.wait_for_load_state("networkidle")
        _scroll_to_the_end(pg)
        assert scripts == []
        frame = pg.frame_locator("#f")
        inner = pg.frames[1]
        size = inner.evaluate(BOX.replace("e =>", "() =>").replace("e.get", "document.documentElement.get"))
        iframe = int(pg.evaluate("parseInt(document.getElementById('f').style.height)"))
        assert abs(iframe - size[1]) <= 2  # the host fitted the iframe to the image-first page
        before = frame.locator(".chart").first.evaluate(BOX)
        frame.locator(".chart__image img").tap()
        frame.locator(".chart.chart--ready").wait_for(timeout=20_000)
        assert any(s.endswith(".min.js") for s in scripts)
        after = frame.locator(".chart").first.evaluate(BOX)
        assert abs(after[0] - before[0]) <= 1 and abs(after[1] - before[1]) <= 1, (before, after)
        pg.wait_for_timeout(500)
        height = inner.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
        assert abs(int(pg.evaluate("parseInt(document.getElementById('f').style.height)")) - height) <= 2
    finally:
        host.unlink()
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_without_javascript_the_image_and_the_table_are_there(browser, base_url, built_site, chart, width):
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
    pg = context.new_page()
    visit(pg, base_url + at(chart.page.removesuffix(".md") + "/"))
    image = pg.locator(".chart__image img").first
    image.scroll_into_view_if_needed()
    assert image.is_visible() and image.get_attribute("alt") == chart.summary
    expected = chart.screen_image("narrow" if width < 600 else "wide")
    shown = image.evaluate("i => [i.complete, i.currentSrc, i.naturalWidth]")
    assert shown[0] and shown[1].endswith(expected.path) and shown[2] == expected.width * SCREEN_SCALE
    assert pg.locator("table.values-table").is_visible() and pg.locator(".chart-summary").first.is_visible()
    assert not pg.locator(".chart__open").first.is_visible()
    context.close()


def test_every_chart_image_exists_and_is_a_webp_of_its_size(built_site, plan):
    for lang in ("zh", "en"):
        root = built_site / address("", lang)  # the plan's own folder
        for chart in Renderer(plan, lang).charts.values():
            for size in ("narrow", "wide"):
                image = chart.screen_image(size)
                data = (root / image.path).read_bytes()
                assert webp_size(data) == (image.width * SCREEN_SCALE, image.height * SCREEN_SCALE), image.path


def test_when_plotly_cannot_load_the_image_stays_and_the_reader_is_told(browser, base_url, chart):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    context.route("**/vendor/plotly-basic-*.js", lambda route: route.abort())
    pg = context.new_page()
    visit(pg, base_url + at(chart.page.removesuffix(".md") + "/"))
    before = pg.locator(".chart").first.evaluate(BOX)
    pg.locator(".chart__open").first.click()
    pg.wait_for_selector(".chart.chart--failed", timeout=20_000)
    status = pg.locator(".chart__status").first
    assert status.inner_text() == status.get_attribute("data-failed")
    assert pg.locator(".chart__image img").first.is_visible() and pg.locator(".chart__open").first.is_visible()
    assert pg.locator(".chart").first.evaluate(BOX) == before and pg.locator(".chart__live").count() == 0
    context.close()
