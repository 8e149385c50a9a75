"""Browser behaviour in real headless Chromium (Debian's), against the built site served on loopback."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from plansite import paths

from .conftest import at

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def ask_for_charts(pg) -> None:
    """Press every chart's "interactive chart" button (plotly.js loads only then) and wait until all are drawn."""
    for button in pg.locator(".chart__open").all():
        button.click()
    pg.wait_for_selector(".chart:not(.chart--ready)", state="detached", timeout=20_000)


def search(page, base_url: str, prefix: str, query: str) -> list[str]:
    """Type a query into Material's search and return the result links (paths)."""
    page.goto(base_url + at(prefix))
    box = page.locator("input.md-search__input")
    with page.expect_response(lambda r: r.url.endswith("/search/search_index.json")):
        box.click()  # the index is fetched on first use (lazy-search.js)
    page.wait_for_selector(".md-search-result__meta", state="attached")  # not wait_for_function: the CSP refuses eval
    page.wait_for_timeout(500)  # the worker builds the index
    box.fill(query)
    box.press("End")  # Material reads the query on key-up
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.wait_for_timeout(300)
    return [
        urlsplit(h).path for h in page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    ]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("医药", "/industries/biomedicine-chemicals/"),  # inside 生物医药
        ("器械", "/plan/3-3/"),  # inside 医疗器械
        ("星创天地", "/plan/1-1/"),  # a plan term kept whole
        ("高新技术企业", "/indicators/high-tech-enterprises/"),
    ],
)
def test_chinese_search_finds_words_including_inside_longer_words(page, base_url, query, expected):
    results = search(page, base_url, "", query)
    assert results, query
    assert any(r.startswith("/" + at(expected.lstrip("/"))) for r in results), (query, results[:10])
    assert not any(r.startswith("/en/") for r in results)


def test_english_search_finds_english_pages_only(page, base_url):
    results = search(page, base_url, "en/", "incubator")
    assert results and all(r.startswith("/en/") for r in results), results[:10]


@pytest.mark.parametrize(
    "path", ["plan/1-1/", "indicators/high-tech-enterprises/", "industries/electronic-information/", "commitments/", ""]
)
def test_language_switch_lands_on_the_same_page(page, base_url, path):
    page.goto(base_url + at(path))
    page.click("[data-lang-switch]")
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/" + at("en/" + path)
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("[data-lang-switch]")
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/" + at(path)


PAGES = [
    "",
    "plan/",
    "plan/1-1/",
    "plan/3-3/",
    "indicators/",
    "indicators/fiscal-st-investment/",
    "industries/",
    "industries/biomedicine-chemicals/",
    "commitments/",
    "glossary/",
    "sources/",
    "notes/",
    "about/",
    "open-data/",
    "embed/high-tech-enterprises/",
    "no-such-page/",
]


def test_no_request_leaves_the_site(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    hosts = set()
    context.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    pg = context.new_page()
    for path in PAGES + ["en/" + p for p in PAGES]:
        pg.goto(base_url + at(path))
        ask_for_charts(pg)  # plotly.js and its locale, loaded when a reader asks, come from the site too
        pg.wait_for_load_state("networkidle")
    pg.locator("label.md-header__button[for=__search]").click()
    pg.locator("input.md-search__input").fill("科技")
    pg.locator("input.md-search__input").press("End")
    pg.wait_for_timeout(500)
    context.close()
    assert hosts == {urlsplit(base_url).netloc}


@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "large-text"])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_sideways_scrolling_on_a_phone(browser, base_url, plan, prefix, large_text):
    """Every page type (addresses from the plan), also in 长者模式; no table box scrolls sideways either."""
    from tests.test_phone_browser import page_types

    context = browser.new_context(viewport={"width": 375, "height": 800})
    if large_text:
        context.add_init_script("localStorage.setItem('plansite.largeText', '1')")
    pg = context.new_page()
    wide = {}
    for path in dict.fromkeys(page_types(plan) + PAGES):
        pg.goto(base_url + at(prefix + path))
        width = pg.evaluate("document.documentElement.scrollWidth")
        boxes = pg.evaluate(
            "[...document.querySelectorAll('.table-wrap:has(> table.stack)')].filter(b => b.scrollWidth > b.clientWidth)"
            ".map(b => b.scrollWidth)"
        )
        if width > 375 or boxes:
            wide[path] = (width, boxes)
    context.close()
    assert wide == {}


def test_unknown_address_gets_a_helpful_404(page, base_url):
    response = page.goto(base_url + at("indicators/no-such-indicator/"))
    assert response.status == 404
    assert page.locator("h1").inner_text() == "没有找到这个页面"
    # the site's ways in, whichever plan is current: its landing page and the list of every plan on it
    hrefs = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
    assert [(urlsplit(h).path, urlsplit(h).fragment) for h in hrefs] == [("/", ""), ("/", "plans")]


def test_a_plan_chapter_prints_as_text_only(page, base_url):
    page.goto(base_url + at("plan/3-2/"))
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-tabs']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.locator("#p12").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 20_000


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize(
    "path",
    [
        "indicators/high-tech-enterprises/",
        "en/indicators/fiscal-st-investment/",
        "embed/high-tech-enterprises/",
        "en/embed/overview/",
    ],
)
def test_chart_renders(browser, base_url, path, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(base_url + at(path))
    ask_for_charts(pg)
    assert pg.locator(".chart .chart__live svg.main-svg").count() >= 1
    assert pg.locator(".chart .modebar-btn[data-title*='cloud' i]").count() == 0
    assert pg.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
    assert errors == []


def test_plotly_is_loaded_only_where_there_is_a_chart(browser, base_url):
    context = browser.new_context()
    scripts = []
    context.on("request", lambda r: scripts.append(urlsplit(r.url).path) if r.resource_type == "script" else None)
    pg = context.new_page()
    pg.goto(base_url + at("plan/1-1/"))
    pg.wait_for_load_state("networkidle")
    assert not any("plotly" in s for s in scripts)
    pg.goto(base_url + at("indicators/high-tech-enterprises/"))
    pg.locator(".chart").first.scroll_into_view_if_needed()
    pg.wait_for_load_state("networkidle")
    assert not any("plotly" in s for s in scripts)  # a chart in view is an image until the reader asks
    ask_for_charts(pg)
    assert any(s.endswith("plotly-basic-4.1.1.min.js") for s in scripts)
    assert any(s.endswith("plotly-locale-zh-cn-4.1.1.js") for s in scripts)
    context.close()


def test_swiping_over_a_chart_scrolls_the_page(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 700}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(base_url + at("indicators/high-tech-enterprises/"))
    chart = pg.locator(".chart").first
    pg.locator(".chart__image img").first.tap()  # asked for: the interactive chart must not trap the finger
    pg.wait_for_selector(".chart.chart--ready", timeout=20_000)
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    before = pg.evaluate("window.scrollY")
    cdp = context.new_cdp_session(pg)
    x, y = int(box["x"] + box["width"] / 2), int(box["y"] + box["height"] / 2)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):  # a finger moving 250 px up over the chart
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - 25 * step}]})
        pg.wait_for_timeout(16)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    pg.wait_for_timeout(400)
    assert pg.evaluate("window.scrollY") > before + 100
    context.close()


def test_embed_resizes_its_iframe_in_a_host_page(browser, base_url, built_site):
    host = built_site / "host-test.html"  # a news page of another site, removed again so the build stays as built
    host.write_text(
        '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>host</title></head><body>'
        f'<p>新闻正文</p><iframe id="f" src="{at("embed/high-tech-enterprises/")}" title="chart" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" style="border:0;width:100%;height:150px"></iframe>'
        '<script src="assets/javascripts/embed-host.js"></script></body></html>',
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": 375, "height": 800})
    pg = context.new_page()
    try:
        pg.goto(base_url + "host-test.html")
        _check_resized(pg)
    finally:
        host.unlink()
        context.close()


def _check_resized(pg):
    pg.wait_for_function("document.getElementById('f').style.height !== '150px'", timeout=20_000)
    frame = pg.frame_locator("#f")
    frame.locator(".chart__image img").wait_for()
    pg.wait_for_timeout(500)
    static = pg.evaluate("parseInt(document.getElementById('f').style.height)")
    inner = pg.frames[1].evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
    assert static > 400 and abs(static - inner) <= 2  # the image alone sizes the iframe
    frame.locator(".chart__open").click()
    frame.locator(".chart.chart--ready").wait_for(timeout=20_000)
    pg.wait_for_timeout(500)
    height = pg.evaluate("parseInt(document.getElementById('f').style.height)")
    inner = pg.frames[1].evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
    assert abs(height - inner) <= 2 and abs(height - static) <= 60  # the bar's text may wrap; the chart keeps its box


def test_without_javascript_the_image_and_the_table_carry_the_chart(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    pg = context.new_page()
    pg.goto(base_url + at("indicators/high-tech-enterprises/"))
    assert not pg.locator(".chart__open").first.is_visible()  # nothing to press without JavaScript
    image = pg.locator(".chart-figure .chart__image img").first
    assert image.is_visible() and image.get_attribute("alt")
    image.scroll_into_view_if_needed()
    narrow = image.evaluate("i => i.complete && i.currentSrc.endsWith('.narrow.webp') && i.naturalWidth")
    assert narrow and narrow > 375  # the narrow image at 375 px, drawn at more than 1x
    assert pg.locator("table.values-table").is_visible()
    assert pg.locator(".chart-summary").first.is_visible()
    context.close()


def test_progress_board_filters_by_industry_chain(page, base_url, plan):
    page.goto(base_url + at("progress/"))
    rows = page.locator("#project-board tbody tr")
    assert rows.count() == 40
    chain = plan.chains[3]
    page.click(f".chain-filter button[data-chain='{chain.id}']")
    visible = [r for r in rows.all() if r.is_visible()]
    assert len(visible) == len(chain.projects)
    assert page.locator(f".chain-filter button[data-chain='{chain.id}']").get_attribute("aria-pressed") == "true"
    page.click(".chain-filter button[data-chain='']")
    assert len([r for r in rows.all() if r.is_visible()]) == 40


AXE_PAGES = [
    "",
    "plan/3-2/",
    "indicators/",
    "indicators/high-tech-enterprises/",
    "industries/biomedicine-chemicals/",
    "commitments/",
    "progress/",
    "data-gaps/",
    "notes/",
    "glossary/",
    "updates/",
    "contribute/",
    "embed/high-tech-enterprises/",
    "no-such-page/",
]


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_accessibility_violations(browser, base_url, prefix, width):
    """axe-core (WCAG 2 A/AA rules and best practices) finds nothing on any page type."""
    axe = (paths.ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    # bypass_csp: axe is added as an inline script, which the pages' Content-Security-Policy rightly blocks
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    found = {}
    for path in AXE_PAGES:
        pg.goto(base_url + at(prefix + path))  # charts as most readers see them: images (the interactive state:
        pg.add_script_tag(content=axe)  # tests/test_static_charts_browser.py)
        violations = pg.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | '))""")
        if violations:
            found[prefix + path] = violations
    context.close()
    assert found == {}


def test_search_index_loads_only_when_search_is_used(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    asked = []
    context.on("request", lambda r: asked.append(urlsplit(r.url).path))
    pg = context.new_page()
    pg.goto(base_url + at("plan/1-1/"))
    pg.wait_for_load_state("networkidle")
    assert not any(p.endswith("search_index.json") for p in asked)
    pg.locator("label.md-header__button[for=__search]").click()
    pg.wait_for_timeout(1000)
    assert any(p.endswith("/search/search_index.json") for p in asked)
    context.close()
