"""长者模式 / large text and high contrast: a header toggle on every page, stored, applied before first paint.

Real headless Chromium against the built site. The setting lives in localStorage ("plansite.largeText"); the head
script in overrides/main.html puts the class "large-text" on <html> before any stylesheet, access.js shows the button.
"""

from __future__ import annotations

import re

import pytest

from plansite import paths
from plansite.csp import script_hash

from .conftest import MISSING, address, at, page_types, visit

pytestmark = pytest.mark.browser

KEY = "plansite.largeText"
TOGGLE = "[data-large-text]"
STORED = f"localStorage.setItem('{KEY}', '1')"
# The pages the checks walk: one of each kind, addresses from the plan.
SAMPLE = ["", "plan/", "indicators/", "progress/", "data-gaps/", "commitments/", "glossary/", MISSING]


def is_large(pg) -> bool:
    return pg.evaluate("document.documentElement.classList.contains('large-text')")


def test_the_toggle_is_in_every_page_header_labelled_in_the_page_language(browser, base_url, plan):
    ui = plan.ui.strings
    context = browser.new_context(viewport={"width": 375, "height": 800})
    pg = context.new_page()
    missing = {}
    for prefix, lang in (("", "zh"), ("en/", "en")):
        for path in page_types(plan):
            visit(pg, base_url + at(prefix + path))
            button = pg.locator(".md-header " + TOGGLE)
            name = button.inner_text() if button.count() == 1 and button.is_visible() else None
            if name != getattr(ui["access.large"], lang) or button.get_attribute("aria-pressed") != "false":
                missing[prefix + path] = name
    context.close()
    assert missing == {}


@pytest.mark.parametrize("width", [375, 1280])
def test_the_toggle_works_from_the_keyboard(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    visit(pg, base_url + at("progress/"))
    for _ in range(40):  # Tab from the top of the page until the toggle has the focus
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.matches('[data-large-text]')"):
            break
    else:
        pytest.fail("the large-text toggle is not reachable with Tab")
    pg.keyboard.press("Enter")
    assert is_large(pg)
    assert pg.get_attribute(TOGGLE, "aria-pressed") == "true"
    pg.keyboard.press("Space")
    assert not is_large(pg)
    assert pg.get_attribute(TOGGLE, "aria-pressed") == "false"
    context.close()


SIZES = """() => {
  const px = (el, prop) => parseFloat(getComputedStyle(el)[prop]);
  const text = document.querySelector('.md-content .md-typeset p');
  const nav = document.querySelector('.md-tabs__link, .md-nav__link');
  const cell = document.querySelector('.md-typeset table td');
  return {p: px(text, 'fontSize'), lh: px(text, 'lineHeight') / px(text, 'fontSize'),
          nav: px(nav, 'fontSize'), navlh: px(nav, 'lineHeight') / px(nav, 'fontSize'), cell: px(cell, 'fontSize')};
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_large_text_is_at_least_125_percent_with_line_height_1_5(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    visit(pg, base_url + at("progress/"))
    normal = pg.evaluate(SIZES)
    pg.click(TOGGLE)
    large = pg.evaluate(SIZES)
    context.close()
    for part in ("p", "nav", "cell"):  # body text, navigation, tables
        assert large[part] / normal[part] >= 1.25, (part, normal, large)
    assert large["lh"] >= 1.5 and large["navlh"] >= 1.5, large


TARGETS = """() => [...document.querySelectorAll(
    'button, .md-header__button, .md-button, .md-nav__link, .md-tabs__link, .md-footer__link, .md-top, summary')]
  .filter(el => el.checkVisibility({visibilityProperty: true, opacityProperty: true}) && el.getBoundingClientRect().width > 0)
  .filter(el => { const r = el.getBoundingClientRect(); return r.width < 44 || r.height < 44; })
  .map(el => el.className + ' ' + el.textContent.trim().slice(0, 16) + ' ' +
       Math.round(el.getBoundingClientRect().width) + 'x' + Math.round(el.getBoundingClientRect().height))"""


@pytest.mark.parametrize("width", [375, 1280])
def test_large_text_tap_targets_are_at_least_44px(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(STORED)
    pg = context.new_page()
    small = {}
    for path in ["", "progress/", "indicators/", "plan/"]:
        visit(pg, base_url + at(path))
        found = pg.evaluate(TARGETS)
        if found:
            small[path] = found[:4]
    context.close()
    assert small == {}


def test_the_choice_persists_across_pages_languages_and_visits(browser, base_url, plan):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    visit(pg, base_url + at(""))  # the plan's home
    assert not is_large(pg)
    pg.click(TOGGLE)
    pg.click(".md-tabs a[href$='progress/']")  # a real navigation by link
    pg.wait_for_load_state()
    assert is_large(pg) and pg.get_attribute(TOGGLE, "aria-pressed") == "true"
    pg.click("[data-lang-switch]")
    pg.wait_for_load_state()
    assert pg.url.endswith("/" + at("en/progress/")) and is_large(pg)
    fresh = context.new_page()  # a later visit in the same browser profile
    visit(fresh, base_url + at("indicators/" + plan.indicators[0].id + "/"))
    assert is_large(fresh) and fresh.get_attribute(TOGGLE, "aria-pressed") == "true"
    fresh.click(TOGGLE)  # and switching it off is remembered too
    visit(fresh, base_url + at("glossary/"))
    assert not is_large(fresh)
    context.close()


# Records the class of <html> when the parser first hands over <body> content, and at the first animation frame
# (which runs before the first paint). Installed before any of the page's own scripts run.
FIRST_PAINT = """
window.__seen = {};
new MutationObserver((records, observer) => {
  if (!('body' in window.__seen) && document.body) {
    window.__seen.body = document.documentElement.className; observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});
requestAnimationFrame(() => { window.__seen.frame = document.documentElement.className; });
"""


def test_a_stored_choice_applies_before_the_first_paint(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    pg = context.new_page()
    visit(pg, base_url + at("commitments/"))
    pg.click(TOGGLE)  # stored by the page itself, as a reader would
    context.add_init_script(FIRST_PAINT)
    fresh = context.new_page()
    visit(fresh, base_url + at("progress/"), wait_until="load")
    fresh.wait_for_function("() => 'frame' in window.__seen && 'body' in window.__seen", polling=50)
    seen = fresh.evaluate("window.__seen")
    context.close()
    assert "large-text" in seen["body"].split(), seen
    assert "large-text" in seen["frame"].split(), seen


def test_the_head_script_is_allowed_by_the_pages_policy_and_nothing_is_blocked(browser, base_url, built_site):
    html = (built_site / address("progress/index.html")).read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    script = next(s for s in re.findall(r"<script>(.*?)</script>", head, re.S) if KEY in s)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert policy and script_hash(script) in policy[1]
    assert head.index(script) < head.index('rel="stylesheet"'), "the class must be set before any stylesheet"
    context = browser.new_context(viewport={"width": 375, "height": 800})
    context.add_init_script(
        STORED + "; window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    pg = context.new_page()
    errors = []
    pg.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    blocked = {}
    for path in ["progress/", "en/", MISSING]:
        visit(pg, base_url + at(path))
        assert is_large(pg), path
        pg.click(TOGGLE)
        if pg.evaluate("window.__csp"):
            blocked[path] = pg.evaluate("window.__csp")
    context.close()
    assert blocked == {} and errors == []


def axe_violations(pg, axe: str, rules: list[str] | None = None) -> list[str]:
    """axe-core's violations on the page (WCAG 2 A/AA and best practice; or only the rules named)."""
    pg.add_script_tag(content=axe)
    options = {"resultTypes": ["violations"], **({"runOnly": {"type": "rule", "values": rules}} if rules else {})}
    return pg.evaluate(
        """async options => (await axe.run(document, options)).violations
        .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))""",
        options,
    )


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_accessibility_violations_in_large_text_mode(browser, base_url, plan, prefix, width):
    """axe-core finds nothing in large-text mode, and its AAA contrast rule (text at least 7:1) passes too."""
    axe = (paths.ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)  # axe is inline
    context.add_init_script(STORED)
    pg = context.new_page()
    found = {}
    chain = [f"industries/{plan.chains[0].id}/"] if plan.chains else []
    for path in SAMPLE + [f"indicators/{plan.indicators[0].id}/", *chain]:
        visit(pg, base_url + at(prefix + path))
        assert is_large(pg)
        violations = axe_violations(pg, axe) + axe_violations(pg, axe, ["color-contrast-enhanced"])
        if violations:
            found[prefix + path] = violations
    context.close()
    assert found == {}


def test_without_javascript_the_page_is_simply_normal(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    pg = context.new_page()
    visit(pg, base_url + at("progress/"))
    assert not pg.locator(TOGGLE).is_visible()  # a button that could do nothing is not shown
    assert not is_large(pg)
    context.close()


PRINTED = """() => ({text: getComputedStyle(document.querySelector('.md-content .md-typeset p')).fontSize,
  toggle: getComputedStyle(document.querySelector('[data-large-text]')).display,
  header: getComputedStyle(document.querySelector('.md-header')).display})"""


def test_large_text_mode_prints_like_the_normal_page(browser, base_url, plan):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    visit(pg, base_url + at(f"plan/{next(plan.page_units())[1].id}/"))  # the plan's page, under its prefix
    pg.emulate_media(media="print")
    normal = pg.evaluate(PRINTED)
    pg.emulate_media(media="screen")
    pg.click(TOGGLE)
    pg.emulate_media(media="print")
    large = pg.evaluate(PRINTED)
    context.close()
    assert large == normal and large["toggle"] == "none" and large["header"] == "none", (normal, large)


def test_the_header_shows_one_title_at_a_time_in_large_text_mode(browser, base_url):
    """Material fades between the site name and the page title; the high-contrast palette must not show both."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(STORED)
    pg = context.new_page()
    visit(pg, base_url + at("progress/"))
    shown = (
        "[...document.querySelectorAll('.md-header__topic')].filter(t => getComputedStyle(t).opacity !== '0').length"
    )
    at_top = pg.evaluate(shown)
    pg.mouse.wheel(0, 1500)
    pg.wait_for_timeout(600)
    scrolled = pg.evaluate(shown)
    context.close()
    assert (at_top, scrolled) == (1, 1)
