"""Tables that read on a phone: below 600 px every wide table becomes cards, each cell under its column's name.

Real headless Chromium at 375 px against the built site. Page addresses come from the plan (conftest.page_types:
its first and last plan page, indicator and chain, the first story; and every indicator page, since each values
table holds sources of its own lengths), so the tests follow the data, not a list of one plan's ids; each page must
be served as itself, not as the 404 page (conftest.visit).
"""

from __future__ import annotations

import pytest

from .conftest import at, page_types, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}
MIN_CELL = 64  # px: below this, a column of Chinese text stands a few characters per line


# Cells a reader can see: with a box, with text, not inside a clipped 1-px box (the visually hidden header row
# of a card table, which stays for screen readers).
NARROW_CELLS = """min => {
  const hidden = el => { for (let a = el; a; a = a.parentElement) {
      const r = a.getBoundingClientRect(), s = getComputedStyle(a);
      if (s.display === 'none' || s.visibility === 'hidden') return true;
      if (s.overflow !== 'visible' && (r.width <= 1 || r.height <= 1)) return true; }
    return false; };
  const out = [];
  for (const c of document.querySelectorAll('td, th')) {
    const r = c.getBoundingClientRect();
    if (!r.width || !c.innerText.trim() || hidden(c)) continue;
    if (r.width < min) out.push(Math.round(r.width) + 'px: ' + c.innerText.trim().slice(0, 24));
  }
  return out;
}"""


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_table_cell_is_narrower_than_64px_on_a_phone(browser, base_url, plan, prefix):
    context = browser.new_context(viewport=PHONE)
    pg = context.new_page()
    narrow = {}
    for path in page_types(plan):
        visit(pg, base_url + at(prefix + path))
        found = pg.evaluate(NARROW_CELLS, MIN_CELL)
        if found:
            narrow[prefix + path] = found[:3] + ([f"… {len(found)} cells"] if len(found) > 3 else [])
    context.close()
    assert narrow == {}


LARGE_TEXT = "localStorage.setItem('plansite.largeText', '1')"  # 长者模式, as access.js stores it


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_cell_of_any_indicator_page_is_narrower_than_64px_on_a_phone(browser, base_url, plan, prefix, large):
    """Every indicator page of the plan, not a sample: its values table holds a source of any length, and the year
    and kind of each value stay legible beside it (the sample of page_types once missed 11 of 18 pages)."""
    context = browser.new_context(viewport=PHONE)
    if large:
        context.add_init_script(LARGE_TEXT)
    pg = context.new_page()
    narrow = {}
    for ind in plan.indicators:
        visit(pg, base_url + at(f"{prefix}indicators/{ind.id}/"))
        assert pg.evaluate("document.documentElement.classList.contains('large-text')") == large
        found = pg.evaluate(NARROW_CELLS, MIN_CELL)
        if found:
            narrow[ind.id] = found[:3] + ([f"… {len(found)} cells"] if len(found) > 3 else [])
    context.close()
    assert len(plan.indicators) > 1 and narrow == {}


CARD_LABELS = """() => [...document.querySelectorAll('table.stack')].flatMap(table => {
  const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
  return [...table.querySelectorAll('tbody tr:not(.gap)')].flatMap(tr => [...tr.children].map((cell, i) => ({
    head: heads[i], label: cell.getAttribute('data-label'), tag: cell.tagName,
    before: getComputedStyle(cell, '::before').content, display: getComputedStyle(cell).display })));
})"""


@pytest.mark.parametrize("path", ["progress/", "data-gaps/", "commitments/", "notes/", "contribute/checker-messages/"])
def test_every_card_cell_shows_its_column_name(browser, base_url, path):
    """On a phone each data cell is a block that shows the header of its own column (data-label, drawn by ::before)."""
    context = browser.new_context(viewport=PHONE)
    pg = context.new_page()
    visit(pg, base_url + at(path))
    cells = pg.evaluate(CARD_LABELS)
    context.close()
    data = [c for c in cells if c["tag"] == "TD"]
    assert data, "no card table on " + path
    assert all(c["label"] == c["head"] for c in data), [c for c in data if c["label"] != c["head"]][:3]
    assert all(c["before"] == '"' + c["head"] + '"' for c in data), [c["before"] for c in data][:3]
    assert all(c["display"] != "table-cell" for c in cells)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_indicator_values_table_becomes_labelled_cards_on_a_phone(browser, base_url, plan, prefix):
    """One card per value (its year as the card's title), each value, kind and source under its column's name."""
    context = browser.new_context(viewport=PHONE)
    pg = context.new_page()
    wrong = {}
    for ind in plan.indicators:
        visit(pg, base_url + at(f"{prefix}indicators/{ind.id}/"))
        cells = pg.evaluate(CARD_LABELS.replace("table.stack", "table.values-table"))
        years = [c for c in cells if c["tag"] == "TH"]
        data = [c for c in cells if c["tag"] == "TD"]
        rows = len(ind.earlier) + 2 + len(plan.observations_of(ind.id))  # earlier values, baseline, values, target
        bad = [c for c in data if c["label"] != c["head"] or c["before"] != '"' + str(c["head"]) + '"']
        if len(years) != rows or len(data) != 3 * rows or bad or any(c["display"] == "table-cell" for c in cells):
            wrong[ind.id] = (len(years), rows, bad[:2])
    context.close()
    assert wrong == {}


def test_an_indicator_values_table_prints_as_a_table(browser, base_url, plan):
    """Print keeps the table (cards are for narrow screens only), its header row shown, on every indicator page."""
    context = browser.new_context(viewport=PHONE)
    pg = context.new_page()
    pg.emulate_media(media="print")
    shown = {}
    for ind in plan.indicators:
        visit(pg, base_url + at(f"indicators/{ind.id}/"))
        shown[ind.id] = pg.evaluate("""() => { const t = document.querySelector('table.values-table');
            return [getComputedStyle(t).display, getComputedStyle(t.tHead).position, t.tHead.getBoundingClientRect().height > 1]; }""")
    context.close()
    assert shown and all(s == ["table", "static", True] for s in shown.values()), shown


def test_the_plan_indicator_table_becomes_cards_on_a_phone(browser, base_url, plan):
    context = browser.new_context(viewport=PHONE)
    pg = context.new_page()
    visit(pg, base_url + at("plan/" + plan.section_of(plan.table.division).id + "/"))
    cells = pg.evaluate(CARD_LABELS)
    context.close()
    assert len([c for c in cells if c["tag"] == "TH"]) == len(plan.indicators)  # one card per indicator
    data = [c for c in cells if c["tag"] == "TD"]
    assert data and all(c["label"] == c["head"] and c["display"] != "table-cell" for c in data)


def test_on_a_wide_screen_the_tables_stay_tables(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    visit(pg, base_url + at("progress/"))
    shown = pg.evaluate("""() => [...document.querySelectorAll('table.stack')].map(t => [getComputedStyle(t).display,
        getComputedStyle(t.querySelector('thead')).position, getComputedStyle(t.querySelector('td'), '::before').content])""")
    context.close()
    assert shown and all(s == ["table", "static", "none"] for s in shown), shown


def ax_roles(pg, selector: str) -> list[tuple[str, str]]:
    """(role, name) of every node Chromium's own accessibility tree has under the first element matching selector."""
    cdp = pg.context.new_cdp_session(pg)
    cdp.send("DOM.enable")
    cdp.send("Accessibility.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    nodes = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"]
    table = nodes[0]
    out = [(table["role"]["value"], "")]
    pending = list(table.get("childIds", []))
    full = {n["nodeId"]: n for n in cdp.send("Accessibility.getFullAXTree")["nodes"]}
    while pending:
        n = full.get(pending.pop(0))
        if n is None:
            continue
        out.append((n["role"]["value"], (n.get("name") or {}).get("value", "")))
        pending.extend(n.get("childIds", []))
    return out


def test_card_tables_keep_their_table_semantics_for_screen_readers(browser, base_url, plan):
    """At 375 px the board is drawn as cards, yet Chromium still exposes a table with its headers, rows and cells."""
    ui = plan.ui.strings
    context = browser.new_context(viewport=PHONE)
    pg = context.new_page()
    visit(pg, base_url + at("progress/"))
    assert pg.evaluate("getComputedStyle(document.querySelector('#project-board')).display") == "block"
    roles = ax_roles(pg, "#project-board")
    context.close()
    kinds = [r for r, _ in roles]
    assert kinds[0] == "table"
    assert kinds.count("row") == len(list(plan.projects())) + 1  # the header row stays in the tree
    assert kinds.count("rowheader") == len(list(plan.projects()))
    headers = {name for role, name in roles if role == "columnheader"}
    assert {ui["progress.project"].zh, ui["progress.stage"].zh, ui["progress.known"].zh} <= headers
    assert kinds.count("cell") == 3 * len(list(plan.projects()))
