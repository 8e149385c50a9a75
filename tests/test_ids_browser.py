"""Ids in real headless Chromium against the built site: old paragraph anchors land, copy buttons copy the id.

Every paragraph, id and wording is derived from the plan's data (its paragraphs, indicators, projects, milestones
and ui.yaml), never listed here; every page visited must be served as itself (conftest.visit).
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from plansite.wording import pick

from .conftest import address, visit
from .test_addresses import addresses

pytestmark = pytest.mark.browser

LANGS = ("zh", "en")

# Where a paragraph stands after landing: its box on screen below the header, and how far the page could scroll.
_PLACE = """id => {
  const p = document.getElementById(id), r = p.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const bottom = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
  return {top: r.top, bottom: r.bottom, header, height: innerHeight, atBottom: bottom,
          target: (document.querySelector(':target') || {}).id || null, background: getComputedStyle(p).backgroundColor};
}"""


def _landed(place: dict) -> bool:
    """The paragraph is in view below the header, at the top of the view unless the page cannot scroll that far."""
    in_view = place["bottom"] > place["header"] and place["top"] < place["height"]
    at_top = place["header"] - 4 <= place["top"] <= place["header"] + 120
    return in_view and (at_top or place["atBottom"])


def _by_page(plan) -> dict[str, list]:
    out: dict[str, list] = {}
    for lp in plan.located_paragraphs():
        out.setdefault(lp.section.id, []).append(lp)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_old_anchor_lands_on_its_paragraph(browser, base_url, plan, lang):
    """/plan/3-2/#p10, as published before paragraph anchors were data ids, shows paragraph 3-2-p10, highlighted."""
    context = browser.new_context(viewport={"width": 375, "height": 700})
    pg = context.new_page()
    checked = 0
    for section, located in _by_page(plan).items():
        url = base_url + address(f"plan/{section}/", lang)
        visit(pg, url)
        for lp in located:
            old = "p" + lp.paragraph.id.rsplit("-p", 1)[1]  # the form published until now
            pg.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")  # start away from it
            pg.goto(url + "#" + old)
            place = pg.evaluate(_PLACE, lp.paragraph.id)
            assert place["target"] == old and _landed(place), (lang, lp.paragraph.id, place)
            highlighted = place["background"]
            pg.goto(url + "#" + lp.paragraph.id)  # the new anchor lands the same way, with the same highlight
            place = pg.evaluate(_PLACE, lp.paragraph.id)
            assert place["target"] == lp.paragraph.id and _landed(place), (lang, lp.paragraph.id, place)
            assert place["background"] == highlighted != "rgba(0, 0, 0, 0)", lp.paragraph.id
            checked += 1
    assert checked == len(list(plan.located_paragraphs()))
    context.close()


def test_old_anchors_land_without_javascript_and_ids_stay_text(browser, base_url, plan):
    context = browser.new_context(viewport={"width": 375, "height": 700}, java_script_enabled=False)
    pg = context.new_page()
    for lang in LANGS:
        located = max(_by_page(plan).values(), key=len)
        last = located[-1]
        visit(pg, base_url + address(f"plan/{last.section.id}/", lang) + "#" + last.old_anchor)
        assert _landed(pg.evaluate(_PLACE, last.paragraph.id)), lang
        shown = pg.locator(".data-id__code").all_inner_texts()
        assert shown == [lp.paragraph.id for lp in located], lang
        assert pg.locator("button.data-id__copy").count() == 0, "no dead button without JavaScript"
    context.close()


@pytest.mark.build
def test_an_old_address_with_an_old_anchor_lands_on_the_paragraph(browser, base_url, plan):
    """The unprefixed address (redirected by plansite/redirects.py, which keeps the hash) and its #p<N>."""
    published = set(addresses())
    pg = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    located = max(_by_page(plan).values(), key=len)
    for lang in LANGS:
        for lp in (located[len(located) // 2], located[-1]):
            old = ("en/" if lang == "en" else "") + f"plan/{lp.section.id}/"
            assert old + "index.html" in published, old
            pg.goto(base_url + old + "#" + lp.old_anchor)
            new = address(f"plan/{lp.section.id}/", lang)
            pg.wait_for_url(base_url + new + "#" + lp.old_anchor)
            pg.wait_for_load_state()
            assert _landed(pg.evaluate(_PLACE, lp.paragraph.id)), (lang, lp.paragraph.id)
    pg.close()


def _pages_with_ids(plan) -> list[tuple[str, list[str]]]:
    """Each page type that shows ids, with the ids it must show, in order, from the data."""
    ind = plan.indicators[0]
    first_unit = next(iter(_by_page(plan)))
    out = [
        (f"plan/{first_unit}/", [lp.paragraph.id for lp in _by_page(plan)[first_unit]]),
        (f"indicators/{ind.id}/", [ind.id]),
        ("indicators/", [i.id for i in plan.indicators]),
        ("commitments/", [ms.id for ms in plan.commitments.milestones]),
        ("progress/", [ms.id for ms in plan.commitments.milestones] + [p.id for _, p in plan.projects()]),
    ]
    if plan.chains:
        chain = plan.chains[0]
        div = plan.division(chain.division)
        quoted = [p.id for p in div.paragraphs] + [p.id for sub in div.children for p in sub.paragraphs]
        out.append((f"industries/{chain.id}/", quoted + [p.id for p in chain.projects]))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_each_copy_button_copies_exactly_its_id_and_says_so(browser, base_url, plan, lang):
    label = pick(plan.ui.strings["id.copy"], lang)
    copied = pick(plan.ui.strings["id.copied"], lang)
    context = browser.new_context(viewport={"width": 375, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    pg = context.new_page()
    for path, ids in _pages_with_ids(plan):
        visit(pg, base_url + address(path, lang))
        buttons = pg.locator("button.data-id__copy")
        assert buttons.count() == len(ids), (lang, path)
        assert [b.get_attribute("aria-label") for b in buttons.all()] == [label.replace("{id}", i) for i in ids]
        # the id is heard once, as the button's name, not also as the text before it
        heard = pg.locator(".data-id__code:not([aria-hidden='true']), .data-id__label:not([aria-hidden='true'])")
        assert heard.count() == 0, (lang, path)
        status = pg.locator("[data-id-status]")
        assert status.get_attribute("aria-live") in (None, "polite") and status.get_attribute("role") == "status"
        for n in sorted({0, len(ids) - 1}):  # the first and the last id of the page
            pg.evaluate("navigator.clipboard.writeText('')")
            button = buttons.nth(n)
            if n == 0:
                button.click()
            else:  # keyboard: a real button in the tab order, pressed with Enter
                button.focus()
                assert pg.evaluate("document.activeElement.tagName") == "BUTTON"
                assert pg.evaluate("document.activeElement.tabIndex") == 0
                pg.keyboard.press("Enter")
            pg.wait_for_function("text => document.querySelector('[data-id-status]').textContent === text", arg=copied)
            assert pg.evaluate("navigator.clipboard.readText()") == ids[n], (lang, path, n)
            shown = button.evaluate("b => getComputedStyle(b, '::after').content")
            assert shown == f'"{copied}"', "the confirmation is shown beside the button"
            box = button.bounding_box()
            assert box and box["width"] >= 24 and box["height"] >= 24, "a target of at least 24 × 24 px"
    pg.wait_for_function("() => !document.querySelector('[data-copy-id][data-done]')", timeout=6000)
    assert pg.locator("[data-id-status]").inner_text() == "", "the confirmation goes away again"
    context.close()


def test_ids_are_not_printed(browser, base_url, plan):
    pg = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    last = max(_by_page(plan).values(), key=len)[-1]
    visit(pg, base_url + address(f"plan/{last.section.id}/"))
    assert pg.locator(".data-id").first.is_visible()
    pg.emulate_media(media="print")
    assert pg.locator(f'[id="{last.paragraph.id}"]').is_visible()
    assert pg.evaluate("[...document.querySelectorAll('.data-id')].every(e => getComputedStyle(e).display === 'none')")
    pg.close()


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids[value] += 1


@pytest.mark.build
def test_no_element_id_is_duplicated_on_any_built_page(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    for f in pages:
        parser = _Ids()
        parser.feed(f.read_text(encoding="utf-8"))
        assert [i for i, n in parser.ids.items() if n > 1] == [], f.relative_to(built_site)


@pytest.mark.build
def test_every_paragraph_has_its_data_id_once_on_its_built_page(built_site, plan):
    """The built pages (after Markdown, MkDocs and the hook) keep each data id as its paragraph's id, exactly once."""
    for lang in LANGS:
        for section, located in _by_page(plan).items():
            text = (built_site / address(f"plan/{section}/", lang) / "index.html").read_text(encoding="utf-8")
            for lp in located:
                assert len(re.findall(f'id="{re.escape(lp.paragraph.id)}"', text)) == 1, (lang, lp.paragraph.id)
                assert (
                    f'<p id="{lp.paragraph.id}" class="plan-p"><span id="{lp.old_anchor}" class="plan-p__was">' in text
                )


@pytest.mark.build
@pytest.mark.slow
def test_hostile_wording_is_only_text_in_the_copy_buttons(browser, tmp_path):
    """The buttons' name and confirmation come from ui.yaml: on the hostile fixture (a payload in every text) they
    read as typed, run nothing and the clipboard still gets exactly the id."""
    from plansite.check import load_plan
    from plansite.localserver import serve

    from .test_output_safety import HOSTILE, build_hostile

    plan = load_plan(HOSTILE / "data", HOSTILE)
    site = build_hostile(tmp_path / "site")
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        pg = context.new_page()
        for lang in LANGS:
            label, copied = (pick(plan.ui.strings[k], lang) for k in ("id.copy", "id.copied"))
            assert "<" in label + copied, "the fixture's wording carries markup"
            lp = next(iter(plan.located_paragraphs()))
            visit(pg, base + ("en/" if lang == "en" else "") + f"plan/{lp.section.id}/")
            button = pg.locator(f'[id="{lp.paragraph.id}"] button.data-id__copy')
            assert button.get_attribute("aria-label") == label.replace("{id}", lp.paragraph.id)
            button.click()
            pg.wait_for_function("text => document.querySelector('[data-id-status]').textContent === text", arg=copied)
            assert pg.evaluate("navigator.clipboard.readText()") == lp.paragraph.id
            assert (
                button.evaluate("b => getComputedStyle(b, '::after').content") == '"' + copied.replace('"', '\\"') + '"'
            )
            assert pg.evaluate("typeof window.__xss") == "undefined"
            assert pg.locator("[data-id-status] *, .data-id__copy img, .data-id__copy script").count() == 0
        context.close()
    finally:
        server.shutdown()
