"""Browser behaviour in real headless Chromium (Debian's), against the built site served on loopback.

Every address, query and count is derived from the plan being built (conftest.page_types, the plan's own
indicators, chains, pages and paragraphs), and every page visited must be served as itself, not as the 404
page (conftest.visit), so the tests keep their meaning on any plan's data.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import jieba
import pytest

from plansite import paths
from plansite.search import SUBWORD, add_terms, cut_marked, plan_terms

from .conftest import MISSING, at, page_types, visit

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
    visit(page, base_url + at(prefix))
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


SHOWN = 10  # Material lists this many results before the reader scrolls


def inner_words(name: str) -> list[str]:
    """The shorter words the search index adds inside the words of name (医药 in 生物医药), as plansite.search
    marks them."""
    return [t.removeprefix(SUBWORD) for t in cut_marked(name) if t.startswith(SUBWORD)]


def search_case(plan, built_site, kind: str) -> tuple[str, str]:
    """(query, plan-relative address of a page the search must find), taken from the plan: a word inside a chain's
    name or inside a phrase of a plan page, a glossary term the search keeps whole, an indicator's name. Of the
    candidates, the one on the fewest pages, so the page expected is among the results shown."""
    from tests.test_search_browser import page_texts, plain

    add_terms(plan_terms(plan))  # what the build's search does before it cuts the pages
    texts = {path.removeprefix("/"): text for path, text in page_texts(built_site, "").items()}
    if kind == "inside-chain-name":
        pairs = [(w, f"industries/{c.id}/") for c in plan.chains for w in inner_words(c.name.zh)]
    elif kind == "inside-plan-term":
        pairs = [
            (w, f"plan/{lp.section.id}/")
            for t in plan_terms(plan)
            for lp in plan.located_paragraphs()
            if t in lp.paragraph.text.zh
            for w in inner_words(t)
        ]
    elif kind == "glossary-term":  # one jieba's own dictionary would cut apart: found only if kept whole
        default = jieba.Tokenizer()
        pairs = [
            (plain(t.term.zh), f"plan/{lp.section.id}/")
            for t in plan.glossary.terms
            if re.fullmatch("[\u4e00-\u9fff]+", t.term.zh) and len(default.lcut(t.term.zh)) > 1
            for lp in plan.located_paragraphs()
            if t.term.zh in lp.paragraph.text.zh
        ]
    else:
        pairs = [(plain(i.name.zh), f"indicators/{i.id}/") for i in plan.indicators]
    held: dict[tuple[int, str], str] = {}
    for query, path in pairs:
        holding = [p for p, text in texts.items() if query in text]
        if len(query) > 1 and at(path) in holding and len(holding) <= SHOWN:
            held.setdefault((len(holding), query), at(path))
    if not held:
        pytest.skip(f"the plan offers no {kind} to search for")
    (_count, query), path = min(held.items())
    return query, path


@pytest.mark.parametrize("kind", ["inside-chain-name", "inside-plan-term", "glossary-term", "indicator-name"])
def test_chinese_search_finds_words_including_inside_longer_words(page, base_url, built_site, plan, kind):
    query, expected = search_case(plan, built_site, kind)
    results = search(page, base_url, "", query)
    assert results, query
    assert any(r.startswith("/" + expected) for r in results), (query, expected, results[:10])
    assert not any(r.startswith("/en/") for r in results)


def test_english_search_finds_english_pages_only(page, base_url, plan):
    word = max(re.findall(r"[A-Za-z]+", plan.indicators[0].name.en), key=len)  # a word the English pages hold
    results = search(page, base_url, "en/", word)
    assert results and all(r.startswith("/en/") for r in results), results[:10]


def biggest_page(plan):
    """The plan page holding the most paragraphs, and its last paragraph (Located)."""
    by_page: dict[str, list] = {}
    for lp in plan.located_paragraphs():
        by_page.setdefault(lp.section.id, []).append(lp)
    return max(by_page.items(), key=lambda item: len(item[1]))[1][-1]


def chart_page(plan) -> str:
    """An indicator page (every indicator has its chart)."""
    return f"indicators/{plan.indicators[0].id}/"


@pytest.mark.parametrize("kind", ["plan-page", "indicator", "chain", "commitments", "home"])
def test_language_switch_lands_on_the_same_page(page, base_url, plan, kind):
    if kind == "chain" and not plan.chains:
        pytest.skip("the plan has no industry chains")
    path = {
        "plan-page": f"plan/{next(plan.page_units())[1].id}/",
        "indicator": chart_page(plan),
        "chain": f"industries/{plan.chains[0].id}/" if plan.chains else "",
        "commitments": "commitments/",
        "home": "",
    }[kind]
    visit(page, base_url + at(path))
    page.click("[data-lang-switch]")
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/" + at("en/" + path)
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("[data-lang-switch]")
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/" + at(path)


def pages(plan) -> list[str]:
    """Every page type (conftest.page_types), the plan's biggest page and an indicator's embed."""
    more = [f"plan/{biggest_page(plan).section.id}/", f"embed/{plan.indicators[0].id}/"]
    return list(dict.fromkeys(page_types(plan) + more))


def test_no_request_leaves_the_site(browser, base_url, plan):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    hosts = set()
    context.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    pg = context.new_page()
    for path in pages(plan) + ["en/" + p for p in pages(plan)]:
        visit(pg, base_url + at(path))
        ask_for_charts(pg)  # plotly.js and its locale, loaded when a reader asks, come from the site too
        pg.wait_for_load_state("networkidle")
    visit(pg, base_url + at("en/"))  # the search, from a page with the site's header (an embed has none)
    pg.locator("label.md-header__button[for=__search]").click()
    pg.locator("input.md-search__input").fill(plan.indicators[0].name.zh)
    pg.locator("input.md-search__input").press("End")
    pg.wait_for_timeout(500)
    context.close()
    assert hosts == {urlsplit(base_url).netloc}


@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "large-text"])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_sideways_scrolling_on_a_phone(browser, base_url, plan, prefix, large_text):
    """Every page type (addresses from the plan), also in 长者模式; no table box scrolls sideways either."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    if large_text:
        context.add_init_script("localStorage.setItem('plansite.largeText', '1')")
    pg = context.new_page()
    wide = {}
    for path in pages(plan):
        visit(pg, base_url + at(prefix + path))
        width = pg.evaluate("document.documentElement.scrollWidth")
        boxes = pg.evaluate(
            "[...document.querySelectorAll('.table-wrap:has(> table.stack)')].filter(b => b.scrollWidth > b.clientWidth)"
            ".map(b => b.scrollWidth)"
        )
        if width > 375 or boxes:
            wide[path] = (width, boxes)
    context.close()
    assert wide == {}


def test_unknown_address_gets_a_helpful_404(page, base_url, plan):
    response = page.goto(base_url + at("indicators/" + MISSING))
    assert response.status == 404
    assert page.locator("h1").inner_text() == plan.ui.strings["notfound.title"].zh
    # the site's ways in, whichever plan is current: its landing page and the list of every plan on it
    hrefs = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
    assert [(urlsplit(h).path, urlsplit(h).fragment) for h in hrefs] == [("/", ""), ("/", "plans")]


def test_a_plan_chapter_prints_as_text_only(page, base_url, plan):
    last = biggest_page(plan)  # the page with the most text, and its last paragraph
    visit(page, base_url + at(f"plan/{last.section.id}/"))
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-tabs']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.locator(f'[id="{last.anchor}"]').is_visible()  # an id may start with a digit: no #selector
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 20_000


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("kind", ["indicator", "en/indicator", "embed", "en/embed/overview"])
def test_chart_renders(browser, base_url, plan, kind, width):
    first, last = plan.indicators[0].id, plan.indicators[-1].id
    path = {
        "indicator": f"indicators/{first}/",
        "en/indicator": f"en/indicators/{last}/",
        "embed": f"embed/{first}/",
        "en/embed/overview": "en/embed/overview/",
    }[kind]
    context = browser.new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    visit(pg, base_url + at(path))
    ask_for_charts(pg)
    assert pg.locator(".chart .chart__live svg.main-svg").count() >= 1
    assert pg.locator(".chart .modebar-btn[data-title*='cloud' i]").count() == 0
    assert pg.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
    assert errors == []


def test_plotly_is_loaded_only_where_there_is_a_chart(browser, base_url, plan):
    context = browser.new_context()
    scripts = []
    context.on("request", lambda r: scripts.append(urlsplit(r.url).path) if r.resource_type == "script" else None)
    pg = context.new_page()
    visit(pg, base_url + at(f"plan/{next(plan.page_units())[1].id}/"))
    pg.wait_for_load_state("networkidle")
    assert not any("plotly" in s for s in scripts)
    visit(pg, base_url + at(chart_page(plan)))
    pg.locator(".chart").first.scroll_into_view_if_needed()
    pg.wait_for_load_state("networkidle")
    assert not any("plotly" in s for s in scripts)  # a chart in view is an image until the reader asks
    ask_for_charts(pg)
    assert any(s.endswith("plotly-basic-4.1.1.min.js") for s in scripts)
    assert any(s.endswith("plotly-locale-zh-cn-4.1.1.js") for s in scripts)
    context.close()


def test_swiping_over_a_chart_scrolls_the_page(browser, base_url, plan):
    context = browser.new_context(viewport={"width": 375, "height": 700}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    visit(pg, base_url + at(chart_page(plan)))
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


def test_embed_resizes_its_iframe_in_a_host_page(browser, base_url, built_site, plan):
    embed = at(f"embed/{plan.indicators[0].id}/")
    assert (built_site / embed / "index.html").is_file(), embed  # the frame must hold the embed, not the 404 page
    host = built_site / "host-test.html"  # a news page of another site, removed again so the build stays as built
    host.write_text(
        '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>host</title></head><body>'
        f'<p>新闻正文</p><iframe id="f" src="{embed}" title="chart" '
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


def test_without_javascript_the_image_and_the_table_carry_the_chart(browser, base_url, plan):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    pg = context.new_page()
    visit(pg, base_url + at(chart_page(plan)))
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
    if len(plan.chains) < 2:
        pytest.skip("a filter by chain needs two chains")
    projects = len(list(plan.projects()))
    visit(page, base_url + at("progress/"))
    rows = page.locator("#project-board tbody tr")
    assert rows.count() == projects
    chain = min(plan.chains[1:], key=lambda c: len(c.projects))  # not the first: a filter that shows too many fails
    assert 0 < len(chain.projects) < projects
    page.click(f".chain-filter button[data-chain='{chain.id}']")
    visible = [r for r in rows.all() if r.is_visible()]
    assert len(visible) == len(chain.projects)
    assert page.locator(f".chain-filter button[data-chain='{chain.id}']").get_attribute("aria-pressed") == "true"
    page.click(".chain-filter button[data-chain='']")
    assert len([r for r in rows.all() if r.is_visible()]) == projects


AXE_KINDS = ["", "indicators/", "commitments/", "progress/", "data-gaps/", "notes/", "glossary/", "updates/"]


def axe_pages(plan) -> list[str]:
    """The page types axe looks at: the plan's biggest page, an indicator, a chain, its embed, the 404 page …"""
    chain = [f"industries/{plan.chains[0].id}/"] if plan.chains else []
    return [
        *AXE_KINDS,
        f"plan/{biggest_page(plan).section.id}/",
        chart_page(plan),
        *chain,
        "contribute/",
        f"embed/{plan.indicators[0].id}/",
        MISSING,
    ]


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_accessibility_violations(browser, base_url, plan, prefix, width):
    """axe-core (WCAG 2 A/AA rules and best practices) finds nothing on any page type."""
    axe = (paths.ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    # bypass_csp: axe is added as an inline script, which the pages' Content-Security-Policy rightly blocks
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    found = {}
    for path in axe_pages(plan):
        visit(pg, base_url + at(prefix + path))  # charts as most readers see them: images (the interactive state:
        pg.add_script_tag(content=axe)  # tests/test_static_charts_browser.py)
        violations = pg.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | '))""")
        if violations:
            found[prefix + path] = violations
    context.close()
    assert found == {}


def test_search_index_loads_only_when_search_is_used(browser, base_url, plan):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    asked = []
    context.on("request", lambda r: asked.append(urlsplit(r.url).path))
    pg = context.new_page()
    visit(pg, base_url + at(f"plan/{next(plan.page_units())[1].id}/"))
    pg.wait_for_load_state("networkidle")
    assert not any(p.endswith("search_index.json") for p in asked)
    pg.locator("label.md-header__button[for=__search]").click()
    pg.wait_for_timeout(1000)
    assert any(p.endswith("/search/search_index.json") for p in asked)
    context.close()
