"""Each page is rendered from its own context (issue 11.7): rendering page B after page A gives exactly what
rendering B alone gives, in both languages: whether a text fell back to Chinese (the English page's pending
notice), which glossary terms link on first use, and every relative link. On the SYNTHETIC fixtures: the minimal
plan (English pages with and without a fallback) and the second plan with one SYNTHETIC glossary term added that
its text uses on several pages (so a term linked on one page must link again on the next)."""

from __future__ import annotations

import pytest

from plansite import render
from plansite.check import load_plan
from plansite.plan import Plan
from plansite.render import Renderer, page_url

from .conftest import MINIMAL
from .test_second_plan import assemble

LANGS = ("zh", "en")
# SYNTHETIC: the second plan's own words for its city, which its text uses in several chapters
TERM = "- id: example-city-term\n  term: {zh: 示例市, en: Example City}\n  definition: {zh: 虚构的城市（测试用）。, en: ''}\n"


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> dict[str, Plan]:
    second = assemble(tmp_path_factory.mktemp("context"))
    glossary = second / "data" / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + TERM, encoding="utf-8")
    return {"minimal": load_plan(MINIMAL / "data", MINIMAL.parent), "second": load_plan(second / "data", second)}


@pytest.fixture
def charts_once(monkeypatch):
    """Fresh renderers draw each plan's figures once: they are built from the data alone and hold no page."""
    drawn: dict[tuple[int, str], list] = {}

    def all_charts(plan, lang):
        if (id(plan), lang) not in drawn:
            drawn[id(plan), lang] = list(real(plan, lang))
        return drawn[id(plan), lang]

    real = render.all_charts
    monkeypatch.setattr(render, "all_charts", all_charts)


def alone(plan: Plan, lang: str, path: str) -> str:
    """The page rendered by a renderer that has rendered nothing else."""
    return Renderer(plan, lang).page(path).markdown


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_rendered_after_others_is_the_page_rendered_alone(plans, lang, charts_once):
    linked: dict[str, int] = {}  # pages on which a glossary term links
    pending = set()
    for name, plan in plans.items():
        paths = [p.path for p in Renderer(plan, lang).pages()]
        first = {path: alone(plan, lang, path) for path in paths}
        after = Renderer(plan, lang)
        chart = next(iter(after.charts))
        for path in paths + paths[::-1]:  # each page after every other, in both orders
            assert after.page(path).markdown == first[path], (name, lang, path)
            after.embed(chart)  # what else the build renders between pages: embeds, a story's chart
            after.chart_block(chart, "updates/2024/story.md")
        for md in first.values():
            linked[name] = linked.get(name, 0) + ('class="gloss"' in md)
            pending.add("translation-pending" in md)
    # the test bites: a term links on several pages, and English pages differ in whether they fall back
    assert linked["second"] >= 2, linked
    assert pending == ({True, False} if lang == "en" else {False})


def test_a_story_chart_links_from_the_story_not_from_the_page_rendered_before(plans):
    r = Renderer(plans["minimal"], "zh")
    chart = next(iter(r.charts))
    r.page("plan/index.md")
    for story in ("updates/2024/story.md", "updates/story.md"):
        up = "../" * page_url(story).count("/")  # updates/2024/story/ -> ../../../
        assert f'src="{up}charts/{chart}.wide.webp"' in r.chart_block(chart, story), story
