"""The Content-Security-Policy: on every built page, first in <head>, hashing exactly the theme's inline scripts;
in Chromium, normal use of every page type reports no violation, and a script slipped into a page is blocked."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from plansite.csp import inline_scripts, script_hash

from .conftest import MISSING, at, visit

pytestmark = pytest.mark.build

# Every violation the page reports, and every console error, collected from before the page's first script.
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' @' + (e.sourceFile || '') + ':' + e.lineNumber);
});
"""
_META = re.compile(r'<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def _policy(path: Path) -> dict[str, list[str]]:
    text = path.read_text(encoding="utf-8")
    meta = _META.search(text)
    assert meta, f"{path}: no policy as the first thing in <head>"
    return {rule.split()[0]: rule.split()[1:] for rule in meta[1].split("; ")}


def test_every_page_carries_the_policy_with_exactly_its_own_inline_scripts_hashed(built_site):
    # the form editor (/admin/) has its own policy, generated from the editor settings (tests/test_cms_config.py)
    pages = sorted(p for p in built_site.rglob("*.html") if p.relative_to(built_site).parts[0] != "admin")
    kinds = {"404.html", "embed", "updates", "about", "indicators", "plan"}
    assert kinds <= {p.parts[len(built_site.parts)] for p in pages} | {p.name for p in pages}
    for page in pages:
        rules = _policy(page)
        assert rules["default-src"] == ["'self'"], page
        assert rules["object-src"] == ["'none'"] and rules["base-uri"] == ["'self'"], page
        assert rules["form-action"] == ["'self'"], page
        scripts = inline_scripts(page.read_text(encoding="utf-8"))
        assert rules["script-src"] == ["'self'", *sorted({script_hash(s) for s in scripts})], page
        assert "frame-ancestors" not in rules
        everything = " ".join(v for values in rules.values() for v in values)
        assert "'unsafe-eval'" not in everything and not re.search(r"https?:|\*", everything), page
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert html.index("Content-Security-Policy") < html.index('<meta charset="utf-8">') < 1024


class Watched:
    """A browser context whose pages report CSP violations and console errors."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**options)
        self.context.add_init_script(WATCH)
        self.errors: list[str] = []
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _console(self, message):
        url = message.location.get("url", "")
        # the 404 page's own status, and the host test page's missing icon, are expected; nothing else is
        if message.type == "error" and not url.endswith(("/favicon.ico", "/" + MISSING)):
            self.errors.append(message.text)

    def violations(self) -> list[str]:
        found = []
        for frame in self.page.frames:
            found += frame.evaluate("window.__csp || []")
        return found

    def close(self):
        self.context.close()


def _charts_drawn(pg):
    for button in pg.locator(".chart__open").all():  # plotly.js loads when a reader asks for the interactive chart
        button.click()
    # not wait_for_function: Playwright evaluates its string with eval, which the policy (rightly) refuses
    pg.wait_for_selector(".chart:not(.chart--ready)", state="detached", timeout=20_000)


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_normal_use_of_every_page_type_reports_no_policy_violation(browser, base_url, plan, prefix):
    """Addresses from the plan (its first page, its biggest page, a chain, an indicator); each must be the page
    itself, not the 404 page, which would report nothing either."""
    w = Watched(browser, viewport={"width": 1280, "height": 900})
    pg, seen = w.page, {}
    first = f"plan/{next(plan.page_units())[1].id}/"
    units = [lp.section.id for lp in plan.located_paragraphs()]
    biggest = f"plan/{max(units, key=units.count)}/"
    chain = [f"industries/{plan.chains[0].id}/"] if plan.chains else []

    def go(path: str):
        visit(pg, base_url + at(prefix + path))
        pg.wait_for_load_state("networkidle")
        _charts_drawn(pg)

    def record(label: str):
        found = w.violations() + w.errors
        if found:
            seen[label] = list(found)
        w.errors.clear()

    for path in ["", first, *chain, "commitments/", "updates/", "about/"]:
        go(path)
        record(path)
    go(f"indicators/{plan.indicators[0].id}/")  # the chart: charts.js loads plotly.js, which draws it
    assert pg.locator(".chart.chart--ready svg.main-svg").count() >= 1
    pg.locator(".chart").first.hover()
    record("indicator with its chart")
    go("indicators/")
    record("indicators with the overview chart")
    go("progress/")
    if plan.chains:
        chain = pg.locator(".chain-filter button[data-chain]:not([data-chain=''])").first
        chain.click()
        assert chain.get_attribute("aria-pressed") == "true"
    record("progress board filter")
    go("plan/")
    box = pg.locator("input.md-search__input")
    with pg.expect_response(lambda r: r.url.endswith("/search/search_index.json")):
        box.click()  # lazy-search.js releases the index
    name = plan.indicators[0].name
    box.fill(name.zh if not prefix else max(name.en.split(), key=len))  # a word the plan's own pages hold
    box.press("End")
    pg.wait_for_selector(".md-search-result__item", timeout=15_000)
    record("search")
    go(first)
    pg.click("[data-lang-switch]")
    pg.wait_for_load_state("networkidle")
    assert urlsplit(pg.url).path == "/" + at(("en/" if not prefix else "") + first)
    record("language switch")
    visit(pg, base_url + at(prefix + MISSING))
    record("404")
    go(biggest)
    pg.emulate_media(media="print")
    pg.pdf(format="A4")
    record("print")
    w.close()
    assert seen == {}


@pytest.mark.browser
def test_an_embed_inside_a_sandboxed_iframe_of_another_page_reports_no_violation(browser, base_url, built_site):
    host = built_site / "csp-host-test.html"  # a news page of another site; removed again afterwards
    host.write_text(
        '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>host</title></head><body>'
        f'<iframe id="f" src="{at("en/embed/overview/")}" title="chart" sandbox="allow-scripts allow-popups '
        'allow-popups-to-escape-sandbox" style="border:0;width:100%;height:150px"></iframe>'
        '<script src="assets/javascripts/embed-host.js"></script></body></html>',
        encoding="utf-8",
    )
    w = Watched(browser, viewport={"width": 375, "height": 800})
    try:
        w.page.goto(base_url + "csp-host-test.html")
        w.page.frame_locator("#f").locator(".chart__open").click()
        w.page.frame_locator("#f").locator(".chart.chart--ready").wait_for(timeout=20_000)
        w.page.wait_for_selector("#f:not([style*='height:150px'])", timeout=20_000)
        assert len(w.page.frames) == 2
        assert w.violations() == [] and w.errors == []
    finally:
        host.unlink()
        w.close()


@pytest.mark.browser
def test_a_script_slipped_into_a_built_page_is_blocked_and_reported(browser, base_url, built_site, plan):
    page = at(f"indicators/{plan.indicators[0].id}/")
    original = built_site / page / "index.html"
    probe = original.parent / "csp-probe.html"  # a copy with one more inline script; removed again afterwards
    text = original.read_text(encoding="utf-8")
    probe.write_text(text.replace("</body>", "<script>window.__injected = 1;</script></body>"), encoding="utf-8")
    w = Watched(browser)
    try:
        visit(w.page, base_url + page + "csp-probe.html")
        w.page.wait_for_load_state("networkidle")
        assert w.page.evaluate("typeof window.__injected") == "undefined"
        assert any(v.startswith("script-src") and " inline " in v for v in w.violations()), w.violations()
        assert w.page.evaluate("typeof window.__md_scope") != "undefined"  # the theme's own inline scripts ran
    finally:
        probe.unlink()
        w.close()
