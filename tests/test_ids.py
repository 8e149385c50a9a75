"""Every id staff type is findable on the site (issue 12, point 6), rendered without MkDocs.

Paragraph anchors are the data ids (3-2-p12) and the anchors published before (p12) still sit on the same
paragraph; indicators, flagship projects and milestones show their ids; every id shown is the one in the data.
All expectations are derived from the Plan (the real data and the synthetic second plan), never listed here.
"""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest

from plansite.check import load_plan
from plansite.plan import Plan
from plansite.render import Renderer
from plansite.wording import pick

from .test_second_plan import assemble

LANGS = ("zh", "en")
_ID = re.compile(r'\bid="([^"]+)"')
_SHOWN = re.compile(r'<code class="data-id__code">([^<]*)</code>')


def _pages(plan: Plan) -> dict[str, dict[str, str]]:
    return {lang: {p.path: p.markdown for p in Renderer(plan, lang).pages()} for lang in LANGS}


@pytest.fixture(scope="module")
def pages(plan):
    return _pages(plan)


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    """The synthetic second plan (tests/fixtures/second-plan): other chapters, chapter-level paragraphs, no chains."""
    root = assemble(tmp_path_factory.mktemp("second"))
    return load_plan(root / "data", root)


@pytest.fixture(scope="module")
def second_pages(second):
    return _pages(second)


def _element(md: str, start: str, tag: str) -> str:
    """The element that opens with start (its first tag), up to its closing tag (no nesting of the same tag)."""
    at = md.index(start)
    return md[at : md.index(f"</{tag}>", at)]


@pytest.mark.parametrize("which", ["tianmen", "second"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_paragraph_has_its_data_id_as_its_anchor_exactly_once_on_its_page(request, which, lang):
    plan = request.getfixturevalue("plan" if which == "tianmen" else "second")
    site = request.getfixturevalue("pages" if which == "tianmen" else "second_pages")[lang]
    located = list(plan.located_paragraphs())
    assert located, "the plan has paragraphs"
    for lp in located:
        md = site[f"plan/{lp.section.id}.md"]
        ids = Counter(_ID.findall(md))
        assert ids[lp.paragraph.id] == 1, (lang, lp.paragraph.id)
        assert f'<p id="{lp.paragraph.id}" class="plan-p">' in md, (lang, lp.paragraph.id)
        # its number links to itself, and its id is shown at its end (the same text staff type in YAML)
        p = _element(md, f'<p id="{lp.paragraph.id}"', "p")
        assert f'<a class="plan-p__num" href="#{lp.paragraph.id}"' in p
        assert _SHOWN.findall(p) == [lp.paragraph.id]


@pytest.mark.parametrize("which", ["tianmen", "second"])
def test_the_anchor_published_before_is_kept_inside_the_same_paragraph(request, which):
    plan = request.getfixturevalue("plan" if which == "tianmen" else "second")
    site = request.getfixturevalue("pages" if which == "tianmen" else "second_pages")
    for lang in LANGS:
        for lp in plan.located_paragraphs():
            old = "p" + lp.paragraph.id.rsplit("-p", 1)[1]  # the form published until now: 3-2-p12 -> p12
            md = site[lang][f"plan/{lp.section.id}.md"]
            assert Counter(_ID.findall(md))[old] == 1, (lang, lp.paragraph.id)
            p = _element(md, f'<p id="{lp.paragraph.id}"', "p")
            assert p.startswith(
                f'<p id="{lp.paragraph.id}" class="plan-p"><span id="{old}" class="plan-p__was"></span>'
            )


def test_every_link_to_a_paragraph_names_its_data_id(pages, plan):
    """Links into the plan text (commitments, indicators, notes, chain pages) point at the data id, never at #p<N>."""
    paragraph_ids = {lp.paragraph.id for lp in plan.located_paragraphs()}
    by_page = {lp.paragraph.id: lp.section.id for lp in plan.located_paragraphs()}
    linked = set()
    for lang in LANGS:
        for path, md in pages[lang].items():
            assert not re.findall(r'href="[^"]*#(?:chain-)?p\d+"', md), (lang, path)
            for page_id, anchor in re.findall(r'href="[^"#]*plan/([^/"#]+)/#([^"]+)"', md):
                if anchor in paragraph_ids:
                    assert by_page[anchor] == page_id, (lang, path, anchor)
                    linked.add(anchor)
    commitments = {c.paragraph for c in plan.commitments.commitments}
    assert commitments and commitments <= linked


def test_chain_pages_quote_their_paragraphs_under_their_data_ids_without_duplicates(pages, plan):
    assert plan.chains
    for lang in LANGS:
        for chain in plan.chains:
            md = pages[lang][f"industries/{chain.id}.md"]
            div = plan.division(chain.division)
            quoted = [p.id for p in div.paragraphs] + [p.id for sub in div.children for p in sub.paragraphs]
            assert quoted, chain.id
            ids = Counter(_ID.findall(md))
            for pid in quoted:
                lp = plan.paragraph(pid)
                assert ids[pid] == 1 and ids["chain-" + lp.old_anchor] == 1, (lang, chain.id, pid)
                assert f'href="../../plan/{lp.section.id}/#{pid}"' in _element(md, f'<p id="{pid}"', "p")


def _duplicates(md: str) -> list[str]:
    return [i for i, n in Counter(_ID.findall(md)).items() if n > 1]


@pytest.mark.parametrize("which", ["tianmen", "second"])
def test_no_id_is_used_twice_on_any_generated_page(request, which):
    site = request.getfixturevalue("pages" if which == "tianmen" else "second_pages")
    for lang in LANGS:
        for path, md in site[lang].items():
            assert _duplicates(md) == [], (lang, path)


def test_indicators_show_their_ids_on_their_page_and_in_the_lists(pages, plan):
    ids = [i.id for i in plan.indicators]
    for lang in LANGS:
        for ind in plan.indicators:
            kicker = _element(pages[lang][f"indicators/{ind.id}.md"], '<p class="indicator-kicker">', "p")
            assert _SHOWN.findall(kicker) == [ind.id], (lang, ind.id)
        for listing in ("indicators/index.md", "index.md"):
            cards = [
                _SHOWN.findall(_element(pages[lang][listing], f'<li class="ind-card" id="card-{i}">', "li"))
                for i in ids
            ]
            assert cards == [[i] for i in ids], (lang, listing)


def test_projects_show_their_ids_on_their_cards_and_the_progress_board(pages, plan):
    projects = list(plan.projects())
    assert projects
    for lang in LANGS:
        for chain, p in projects:
            card = _element(
                pages[lang][f"industries/{chain.id}.md"], f'<li class="project-card" id="project-{p.number}"', "li"
            )
            assert _SHOWN.findall(card) == [p.id], (lang, p.id)
        board = _element(pages[lang]["progress/index.md"], '<table class="board stack" id="project-board">', "table")
        assert _SHOWN.findall(board) == [p.id for _, p in projects], lang


def test_milestones_show_their_ids_on_the_commitments_and_progress_pages(pages, plan):
    milestones = plan.commitments.milestones
    assert milestones
    for lang in LANGS:
        for ms in milestones:
            item = _element(pages[lang]["commitments/index.md"], f'<li id="{ms.id}">', "li")
            assert _SHOWN.findall(item) == [ms.id], (lang, ms.id)
            row = _element(pages[lang]["progress/index.md"], f'<tr id="milestone-{ms.id}">', "tr")
            assert _SHOWN.findall(row) == [ms.id], (lang, ms.id)


def test_every_id_shown_is_a_data_id(pages, plan):
    """Nothing but ids from the data is shown as one (no made-up or derived id)."""
    known = {lp.paragraph.id for lp in plan.located_paragraphs()} | {i.id for i in plan.indicators}
    known |= {p.id for _, p in plan.projects()} | {ms.id for ms in plan.commitments.milestones}
    shown = {i for lang in LANGS for md in pages[lang].values() for i in _SHOWN.findall(md)}
    assert shown == known


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_carries_the_copy_wording_of_its_language_once(pages, plan, lang):
    """The copy buttons' name and confirmation come from ui.yaml, once per page (site.js reads them)."""
    label = pick(plan.ui.strings["id.copy"], lang)
    copied = pick(plan.ui.strings["id.copied"], lang)
    assert "{id}" in label
    status = re.compile(
        r'<div class="data-id-status visually-hidden" role="status" data-id-status data-label="([^"]*)" data-copied="([^"]*)"></div>'
    )
    for path, md in pages[lang].items():
        found = status.findall(md)
        if _SHOWN.search(md):
            assert [tuple(html.unescape(x) for x in f) for f in found] == [(label, copied)], path


def test_ids_are_left_out_of_the_search_index(pages):
    """Material's search skips elements with data-search-exclude: 3-2-p12 would otherwise split into 3, 2, p12."""
    for md in pages["zh"].values():
        assert md.count('<span class="data-id" data-search-exclude>') == len(_SHOWN.findall(md))
