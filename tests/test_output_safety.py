"""Staff text is escaped for where it lands, and shows as typed: unit tests per escaping helper, static checks of
a build of the hostile fixture (tests/fixtures/hostile: a payload in every text field), and a browser pass over
every page of that build in which no payload runs.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import markdown  # type: ignore[import-untyped]
import pytest
from markupsafe import Markup

from plansite import paths
from plansite.charts import all_charts
from plansite.check import load_plan
from plansite.csp import inline_scripts, policy, script_hash, with_csp
from plansite.escape import md_heading, nav_title, plotly_text
from plansite.render import Renderer
from plansite.sanitize import clean_story
from plansite.updates import Update, rss

from .conftest import FIXTURES, mkdocs_build

HOSTILE = FIXTURES / "hostile"
PAYLOADS = [
    "<img src=x onerror=window.__xss=1>",
    '"><svg onload=window.__xss=1>',
    '{: onmouseover="window.__xss=1" }',
    "{: onmouseover=window.__xss=1 }",
    "[x](javascript:window.__xss=1)",
    "</script><script>window.__xss=1</script>",
    "{{ 7*7 }}",
    "&lt;b&gt;",
    "*em* `code` <b>b</b> ## ",
    "Title ###",
    "a\\<b\\> & c",
    "<https://example.org> ![i](x.png) [[x]] | a | b |",
]


@pytest.fixture(scope="module")
def hostile_plan():
    return load_plan(HOSTILE / "data", HOSTILE)


# ------------------------------------------------------------------------------------------- the helpers


class _Tree(HTMLParser):
    """Every element, attribute and the text of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _tree(fragment: str) -> _Tree:
    t = _Tree()
    t.feed(fragment)
    t.close()
    return t


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_markdown_heading_of_staff_text_creates_no_markup_and_reads_as_typed(payload):
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc", "tables"])
    out = md.convert(f"# {md_heading('标题' + payload)} {{#top}}")
    tree = _tree(out)
    assert tree.tags == [("h1", {"id": "top"})], out
    assert "".join(tree.text) == ("标题" + payload).strip()
    assert html.unescape(md.toc_tokens[0]["name"]) == ("标题" + payload).strip()  # the sidebar's table of contents


def test_a_heading_is_one_line_and_markup_is_not_escaped_twice():
    assert "\n" not in md_heading("a\nb")
    assert md_heading(Markup("&lt;b&gt;")) == md_heading("<b>")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_plotly_text_is_drawn_as_typed(payload):
    text = plotly_text(payload)
    assert "<" not in text and ">" not in text  # plotly reads <b>, <br>, <a href> in its text
    assert html.unescape(text) == payload  # and converts these entities back when it draws


def test_nav_titles_are_escaped_once(hostile_plan):
    renderer = Renderer(hostile_plan, "zh")

    def titles(items):
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    yield title
                    if isinstance(value, list):
                        yield from titles(value)

    found = list(titles(renderer.nav()))
    assert found and all(isinstance(t, Markup) for t in found)
    assert not [t for t in found if "<" in t]
    chapter = hostile_plan.chapters[0]
    assert nav_title(renderer.lang.plain(chapter.title)) in found
    assert nav_title(nav_title("<b>")) == "&lt;b&gt;"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_embed_code_for_news_staff_quotes_the_title_and_is_escaped_once_in_its_textarea(hostile_plan, lang):
    renderer = Renderer(hostile_plan, lang)
    chart = next(
        renderer.charts[i.id] for i in hostile_plan.indicators if re.search(r'[<"&\[{]', renderer.charts[i.id].title)
    )
    code = renderer.embed_code(chart.id)
    assert type(code) is str
    tree = _tree(code)
    assert [t for t, _ in tree.tags] == ["iframe", "script"]
    assert tree.tags[0][1]["title"] == chart.title  # the whole title, in its attribute
    assert set(tree.tags[0][1]) == {"src", "title", "style", "loading", "sandbox"}
    page = renderer._render(chart.page, "indicator.md.j2", ind=hostile_plan.indicator(chart.id)).markdown
    area = re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)
    assert area and "<" not in area[1] and html.unescape(area[1]) == code


def test_chart_text_is_escaped_for_plotly_and_the_chart_keeps_the_typed_text(hostile_plan):
    for lang in ("zh", "en"):
        for chart in all_charts(hostile_plan, lang):
            fig = json.loads(chart.figure_json())
            texts = [fig["layout"]["title"]["text"]] + [t.get("name", "") for t in fig["data"]]
            texts += [str(y) for t in fig["data"] for y in (t.get("y") or []) if isinstance(y, str)]
            texts += [t.get("hovertemplate", "") for t in fig["data"]]
            assert not [t for t in texts if re.search(r"<(?!extra>|/extra>)", t)], (chart.id, texts)
            assert html.unescape(fig["layout"]["title"]["text"]) == chart.title


def test_the_rss_feed_carries_titles_as_typed():
    title = "动态 <img src=x onerror=window.__xss=1> & </title>"
    feed = rss(
        [Update("updates/x.md", title, __import__("datetime").date(2024, 5, 1), '"><svg onload=1>')],
        "https://example.org/",
        "Feed <b>",
        "desc &lt;",
        "zh",
    )
    assert "<img" not in feed and "<svg" not in feed
    root = ET.fromstring(feed.split("\n", 1)[1])
    assert root.findtext("channel/title") == "Feed <b>"
    assert root.findtext("channel/item/title") == title
    assert root.findtext("channel/item/description") == '"><svg onload=1>'


# -------------------------------------------------------------------------------- the sanitizer and the CSP

REFUSED = HOSTILE / "refused"


def test_the_story_checker_refuses_every_story_with_markup_naming_each_file(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "plansite", "check", "--data", str(HOSTILE / "data"), "--docs", str(REFUSED)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    named = set(re.findall(r"^(\S+\.md):\d+:\d+: (story-[a-z-]+):", result.stdout, re.M))
    files = {p.relative_to(paths.ROOT).as_posix() for p in REFUSED.rglob("*.md")}
    assert files and {f for f, _ in named} == files


@pytest.mark.parametrize("story", sorted(REFUSED.rglob("*.md")), ids=lambda p: p.name)
def test_the_build_sanitizer_strips_scripts_handlers_and_unsafe_links_from_a_story(story):
    body = story.read_text(encoding="utf-8").split("---\n", 2)[2]
    rendered = markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc", "tables"])
    assert "__xss" in rendered and re.search(r"<script|onerror=|javascript:", rendered)  # the payload is live
    clean = clean_story(rendered)
    tree = _tree(clean)
    assert not [t for t, _ in tree.tags if t in ("script", "svg", "iframe", "style")]
    assert not [(t, a) for t, attrs in tree.tags for a in attrs if a.startswith("on")]
    hrefs = [attrs.get("href", "") + attrs.get("src", "") for _, attrs in tree.tags]
    assert not [h for h in hrefs if re.match(r"\s*(javascript|data|vbscript):", h, re.I)]


def test_the_sanitizer_keeps_the_sites_own_chart_and_drops_ids_that_shadow_the_theme():
    chart = (
        '<figure class="chart-figure"><div class="chart" data-plotly="{}"><picture class="chart__image">'
        '<source media="(max-width: 599px)" srcset="a.narrow.webp" width="1" height="2" type="image/webp">'
        '<img src="a.wide.webp" width="3" height="2" alt=""></picture></div><p class="chart__bar">'
        '<button type="button" class="chart__open" hidden>b</button> <span class="chart__status" role="status"></span></p></figure>'
    )
    out = clean_story(f'<h2 id="__config">t</h2><p onclick="x()">p</p>{chart}', [chart])
    assert chart in out and 'id="__config"' not in out and "onclick" not in out


PAGE = """<!doctype html><html><head><meta charset="utf-8"><script>var a=1;</script>
<script id="__config" type="application/json">{"a": 1}</script><script src="x.js"></script></head>
<body><article><script>evil()</script></article><script>var b=2;</script></body></html>"""


def test_the_policy_hashes_the_themes_inline_scripts_and_nothing_from_the_content():
    out = with_csp(PAGE, content="<article><script>evil()</script></article>")
    meta = re.search(r'<head>\n<meta http-equiv="Content-Security-Policy" content="([^"]+)">', out)
    assert meta, "the policy is the first thing in <head>"
    rules = dict(r.split(" ", 1) for r in meta[1].split("; "))
    script = rules["script-src"].split()
    assert script[0] == "'self'" and "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert set(script[1:]) == {script_hash("var a=1;"), script_hash("var b=2;")}
    assert rules["object-src"] == "'none'" and rules["base-uri"] == "'self'" and rules["form-action"] == "'self'"
    assert rules["default-src"] == "'self'" and "frame-ancestors" not in rules
    assert not re.search(r"https?:|\*", meta[1])  # nothing from another host
    assert with_csp(out).count("Content-Security-Policy") == 1
    assert inline_scripts('<script type="application/json">{}</script>') == []
    assert script_hash("var a=1;") in policy(PAGE)


# ---------------------------------------------------------------------------------- a build of the fixture


def build_hostile(site: Path) -> Path:
    env = dict(
        PLANSITE_DATA=str(HOSTILE / "data"),
        PLANSITE_DOCS=str(HOSTILE / "docs" / "zh"),
        PLANSITE_DOCS_EN=str(HOSTILE / "docs" / "en"),
        PLANSITE_CACHE=str(site.parent / "cache"),
    )
    for config, out in (("mkdocs.yml", site), ("mkdocs.en.yml", site / "en")):
        result = mkdocs_build(out, config, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    return build_hostile(tmp_path_factory.mktemp("hostile") / "site")


class _Doc(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "link", "img", "br", "input", "hr", "source", "wbr", "col", "area", "path"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        for tag in set(self.stack):
            self.texts.setdefault(tag, []).append(data)
        if self.stack and self.stack[-1] == "script":
            self.scripts.append(data)

    def text(self, tag: str) -> str:
        return " ".join("".join(self.texts.get(tag, [])).split())


def _doc(path: Path) -> _Doc:
    d = _Doc()
    d.feed(path.read_text(encoding="utf-8"))
    return d


@pytest.mark.build
@pytest.mark.slow
def test_no_page_of_the_hostile_build_has_an_injected_element_attribute_script_or_link(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 40 and any("embed" in p.parts for p in pages) and (hostile_site / "404.html").exists()
    found: list[tuple] = []
    for page in pages:
        doc = _doc(page)
        for tag, attrs in doc.tags:
            handlers = [a for a in attrs if a.startswith("on")]
            if handlers or (tag == "svg" and "onload" in attrs) or (tag == "img" and attrs.get("src") == "x"):
                found.append((page, tag, attrs))
            if (attrs.get("href") or "").strip().lower().startswith(("javascript:", "data:")):
                found.append((page, tag, attrs))
        found += [(page, "script", s[:60]) for s in doc.scripts if "__xss" in s]
    assert found == []


def _unescape_search_title(title: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", title)).replace("\u200b", "")


@pytest.mark.build
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_titles_descriptions_nav_and_embeds_show_the_text_as_typed(hostile_site, hostile_plan, lang):
    renderer = Renderer(hostile_plan, lang)
    plain = renderer.lang.plain
    site = hostile_site / ("en" if lang == "en" else "")
    site_name = renderer.lang.t("site.name")  # the plan's own name (hostile text), shown as typed
    for ind in hostile_plan.indicators:
        name = plain(ind.name)
        doc = _doc(site / "indicators" / ind.id / "index.html")
        assert doc.text("title") == " ".join(f"{name} - {site_name}".split())
        assert doc.text("h1").startswith(" ".join(name.split()))
        meta = {a.get("property") or a.get("name"): a.get("content") for t, a in doc.tags if t == "meta"}
        assert meta["og:title"] == name and meta["og:site_name"] == site_name
        assert (meta["description"] or "").startswith(" ".join(name.split())[:20])
        area = re.search(r"<textarea[^>]*>(.*?)</textarea>", doc_html(site, ind.id), re.S)
        assert area
        code = html.unescape(area[1])
        assert _tree(code).tags[0][1]["title"] == renderer.charts[ind.id].title
        embed = _doc(site / "embed" / ind.id / "index.html")
        assert embed.text("title").startswith(" ".join(renderer.charts[ind.id].title.split()))
        box = next(a for t, a in embed.tags if t == "div" and "data-plotly" in a)
        assert html.unescape(json.loads(box["data-plotly"])["layout"]["title"]["text"]) == name
    home = _doc(site / "index.html")
    assert " ".join(renderer.lang.t("nav.home").split()) in home.text("nav")
    # the navigation is pruned to its visible part: the plan's chapters are in it on the plan's contents page
    contents_nav = _doc(site / "plan" / "index.html").text("nav")
    for chapter in hostile_plan.chapters:
        assert " ".join(plain(chapter.title).split()) in contents_nav
    not_found = _doc(site / "404.html")
    assert not_found.text("h1").startswith(" ".join(renderer.lang.t("notfound.title").split()))
    story_html = (site / "updates" / "2024-05-03-accepted" / "index.html").read_text(encoding="utf-8")
    assert story_html.count("data-plotly=") == 1  # the sanitizer kept the chart: its image and its button
    assert (
        '<picture class="chart__image"><source media=' in story_html
        and '<button type="button" class="chart__open"' in story_html
    )
    story = _doc(site / "updates" / "2024-05-03-accepted" / "index.html")
    typed = '示例动态 {{ 7*7 }} &lt;b&gt; & *em* {: onmouseover="window.__xss=1" }'
    assert story.text("title") == f"{typed} - {site_name}"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {d["location"]: _unescape_search_title(d["title"]) for d in index["docs"]}
    first = hostile_plan.indicators[0]
    assert titles[f"indicators/{first.id}/"].replace(" ", "") == plain(first.name).replace(" ", "")
    feed = ET.parse(site / "updates" / "feed.xml").getroot()
    assert feed.findtext("channel/item/title") == typed


def doc_html(site: Path, ind_id: str) -> str:
    return (site / "indicators" / ind_id / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.slow
def test_no_payload_runs_on_any_page_of_the_hostile_build_in_chromium(hostile_site, hostile_plan):
    from playwright import sync_api as playwright

    from plansite.localserver import CHROMIUM, serve
    from plansite.localserver import CHROMIUM_ARGS as ARGS

    server = serve(hostile_site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    drawn = {}  # embed page -> the chart title plotly should draw, as typed
    for lang, prefix in (("zh", ""), ("en", "en/")):
        for chart in Renderer(hostile_plan, lang).charts.values():
            drawn[f"{base}{prefix}embed/{chart.id}/"] = " ".join(chart.title.split())
    ran = {}
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            pg = context.new_page()
            for page in sorted(hostile_site.rglob("*.html")):
                url = base + page.relative_to(hostile_site).as_posix().removesuffix("index.html")
                pg.goto(url)
                pg.wait_for_load_state("load")
                for button in pg.locator(".chart__open").all():  # plotly.js draws a chart when the reader asks
                    button.click()
                    pg.wait_for_selector(".chart.chart--ready, .chart.chart--failed", timeout=20_000)
                pg.locator("h1").first.hover(force=True)  # a real pointer over the title
                pg.evaluate("""() => document.querySelectorAll('h1, h2, h3, h4, h5, h6, a, label, p, li, td, th, span')
                    .forEach(e => { ['mouseover', 'mouseenter', 'pointerover'].forEach(type =>
                        e.dispatchEvent(new MouseEvent(type, {bubbles: true}))); e.focus && e.focus(); })""")
                found = pg.evaluate("""() => ({
                    xss: typeof window.__xss !== 'undefined',
                    handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                        .filter(a => a.name.startsWith('on')).map(a => e.tagName + '@' + a.name)),
                    javascript: document.querySelectorAll('a[href^="javascript:" i], [src^="javascript:" i]').length,
                    injected: document.querySelectorAll('img[src="x"], svg[onload]').length,
                    failed: document.querySelectorAll('.chart--failed').length,
                })""")
                if url in drawn:
                    title = pg.evaluate("() => document.querySelector('.chart .gtitle').textContent")
                    found["title"] = " ".join(title.split()) == drawn[url] or title
                if (
                    found["xss"]
                    or found["handlers"]
                    or found["javascript"]
                    or found["injected"]
                    or found["failed"]
                    or found.get("title", True) is not True
                ):
                    ran[url] = found
            context.close()
            browser.close()
    finally:
        server.shutdown()
    assert ran == {}
