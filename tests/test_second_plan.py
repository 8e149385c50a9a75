"""A second, deliberately different plan (tests/fixtures/second-plan, SYNTHETIC) renders with the site's own wording.

The fixture has no ui.yaml, about.md or contribute.md of its own: the site's are copied beside it, so these tests
also prove that the wording and the hand-written pages name no fact of the Tianmen plan. Expected values are
read from the fixture's data (its Plan) and from the real data (the `plan` fixture), never written here.
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from plansite import paths
from plansite.check import load_plan
from plansite.plan import Plan
from plansite.render import Lang, Renderer
from plansite.stories import check_stories
from plansite.wording import from_zh_numeral, plan_facts, zh_numeral

from .conftest import FIXTURES, current_folder, mkdocs_build, page_types, visit
from .test_browser import ask_for_charts
from .test_phone_browser import MIN_CELL, NARROW_CELLS, PHONE

SECOND = FIXTURES / "second-plan"


def assemble(tmp: Path) -> Path:
    """The second plan as a project folder: its data and stories, and the site's own wording and pages."""
    root = tmp / "second-plan"
    shutil.copytree(SECOND, root)
    shutil.copy(paths.DATA / "ui.yaml", root / "data" / "ui.yaml")
    for lang in ("zh", "en"):
        for page in ("about.md", "contribute.md"):
            shutil.copy(paths.ROOT / "docs" / lang / page, root / "docs" / lang / page)
    return root


@pytest.fixture(scope="module")
def second_root(tmp_path_factory) -> Path:
    return assemble(tmp_path_factory.mktemp("second"))


@pytest.fixture(scope="module")
def second(second_root) -> Plan:
    return load_plan(second_root / "data", second_root)


@pytest.fixture(scope="module")
def second_pages(second) -> dict[str, dict[str, str]]:
    return {lang: {p.path: p.markdown for p in Renderer(second, lang).pages()} for lang in ("zh", "en")}


def tianmen_facts(plan: Plan) -> list[str]:
    """Texts that name the Tianmen plan: its title, issuer, period, baseline and counts (from data/, not literals)."""
    zh, en = plan_facts(plan, "zh"), plan_facts(plan, "en")
    return [
        plan.meta.title.zh,
        plan.meta.title.en,
        plan.meta.issuer.zh,
        plan.meta.issuer.en,
        zh["period"],
        en["period"],
        f"{plan.meta.baseline_year}年",
        f"{plan.meta.period.end}年目标",
        f"{plan.meta.period.end} target",
        f"{zh['indicator_count']}项",
        f"{zh['project_count']}个",
        f"{zh['chain_count_word']}大产业链",
        "天门",
        "Tianmen",
        "十四五",
    ]


# ------------------------------------------------------------------------------------------- without a build


def test_the_fixture_is_a_different_shape(second, plan):
    """The shapes the tests below rely on are really in the fixture (and not in the Tianmen plan)."""
    assert second.meta.period.start > plan.meta.period.end and not second.chains
    assert [i.number for i in second.indicators] == list(range(1, len(second.indicators) + 1))
    assert {"左右", "不低于"} <= {i.target.qualifier for i in second.indicators}
    assert len(second.chapters) >= 10
    assert any(ch.paragraphs and ch.children for ch in second.chapters)
    assert any(not ch.children for ch in second.chapters)
    assert any(sec.paragraphs and not sec.children for _, sec in second.sections())
    assert second.meta.source != plan.meta.source


def test_english_labels_past_nine_are_numbers(second):
    lang = Lang(second, "en")
    assert [lang.label(ch.number) for ch in second.chapters][8:] == ["9. ", "10. ", "11. "]
    assert [lang.label(x) for x in ("二十、", "二十三、", "(十二)", "（十）")] == ["20. ", "23. ", "(12) ", "（10） "]
    assert [zh_numeral(n) for n in (5, 10, 11, 20, 23)] == ["五", "十", "十一", "二十", "二十三"]
    assert [from_zh_numeral(x) for x in ("三", "十", "十一", "二十", "九十九")] == [3, 10, 11, 20, 99]


def test_a_chapter_with_text_of_its_own_has_a_page_and_its_text_is_on_it(second, second_pages):
    for ch in second.chapters:
        if not ch.paragraphs:
            continue
        for lang in ("zh", "en"):
            md = second_pages[lang][f"plan/{ch.id}.md"]
            for p in ch.paragraphs:
                assert f'<p id="{p.id}" class="plan-p">' in md, (lang, p.id)
                assert Lang(second, lang).plain(p.text) in html.unescape(md), (lang, p.id)


def test_a_chapter_with_sections_links_them_from_its_page_and_they_link_back(second, second_pages):
    ch = next(c for c in second.chapters if c.paragraphs and c.children)
    md = second_pages["zh"][f"plan/{ch.id}.md"]
    for sec in ch.children:
        assert f'href="../{sec.id}/"' in md
        assert f'href="../{ch.id}/"' in second_pages["zh"][f"plan/{sec.id}.md"]


def test_a_chapter_without_sections_is_one_page_in_the_nav_not_an_empty_group(second):
    for lang in ("zh", "en"):
        plan_nav = next(v for item in Renderer(second, lang).nav() for k, v in item.items() if isinstance(v, list))
        entries = {path for item in plan_nav for path in item.values() if isinstance(path, str)}
        groups = [v for item in plan_nav for v in item.values() if isinstance(v, list)]
        for ch in second.chapters:
            if not ch.children:
                assert f"plan/{ch.id}.md" in entries, (lang, ch.id)
        assert all(groups), "no empty navigation group"


def test_the_indicator_table_is_printed_where_the_data_puts_it(second, second_pages):
    page = second.section_of(second.table.division)
    md = second_pages["zh"][f"plan/{page.id}.md"]
    assert 'id="indicator-table"' in md
    for ind in second.indicators:
        assert f'href="../../indicators/{ind.id}/"' in md
    assert "ind.gap" not in md and 'class="gap"' not in md  # numbered without gaps


def test_a_plan_without_industry_chains_has_no_industries_pages_nor_links(second, second_pages):
    for lang in ("zh", "en"):
        assert not [p for p in second_pages[lang] if p.startswith("industries/")]
        assert not [p for p, md in second_pages[lang].items() if re.search(r'href="[^"]*industries/', md)], lang
        assert "industries/index.md" not in str(Renderer(second, lang).nav())


def test_no_page_names_a_fact_of_the_tianmen_plan(second_pages, plan):
    facts = tianmen_facts(plan)
    for lang in ("zh", "en"):
        for path, md in second_pages[lang].items():
            found = [f for f in facts if f in md]
            assert found == [], (lang, path, found)


def test_every_ui_string_takes_its_plan_facts_from_the_data(plan):
    facts = [f for f in tianmen_facts(plan) if f not in ("天门", "Tianmen", "十四五")]
    for key, text in plan.ui.strings.items():
        for value in (text.zh, text.en):
            assert [f for f in facts if f in value] == [], key
            assert not re.search(rf"\b{plan.meta.period.end}\b", value), key


def test_a_story_naming_an_indicator_the_plan_lacks_is_refused(second, second_root):
    """The Tianmen story checked against the second plan: every indicator id it names that the plan lacks is refused."""
    story_dir = paths.ROOT / "docs" / "zh" / current_folder()  # the Tianmen plan's stories
    problems, count = check_stories([story_dir], paths.ROOT, second)
    named = {
        m.group(2)
        for f in (story_dir / "updates").glob("*.md")
        for m in re.finditer(r"\[\[(value|target):([a-z0-9-]+)\]\]", f.read_text(encoding="utf-8"))
    }
    missing = named - {i.id for i in second.indicators}
    assert count and missing, "the Tianmen story names indicators the second plan lacks"
    refused = {p.value for p in problems if p.code == "story-shortcode-id-unknown"}
    assert {m for m in missing if any(m in v for v in refused)} == missing
    own, _ = check_stories([second_root / "docs" / "zh", second_root / "docs" / "en"], second_root, second)
    assert own == []


# ------------------------------------------------------------------------------------------- a real build


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)

    def handle_data(self, data):
        self.parts.append(data)


def _read(page: Path) -> _Text:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def second_site(second_root, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("second-site") / "site"
    env = {
        "PLANSITE_DATA": str(second_root / "data"),
        "PLANSITE_DOCS": str(second_root / "docs" / "zh"),
        "PLANSITE_DOCS_EN": str(second_root / "docs" / "en"),
        "PLANSITE_CACHE": str(site.parent / "cache"),
    }
    for config, out in (("mkdocs.yml", site), ("mkdocs.en.yml", site / "en")):
        result = mkdocs_build(out, config, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.mark.build
def test_the_second_plan_builds_in_both_languages_with_every_shape(second_site, second):
    for prefix in ("", "en/"):
        for _, unit in second.page_units():
            assert (second_site / prefix / "plan" / unit.id / "index.html").exists(), (prefix, unit.id)
        assert not (second_site / prefix / "industries").exists()
        home = _read(second_site / prefix / "index.html")
        # every chapter's page or sections are linked from the contents (the navigation is pruned to the
        # visible part on each page; test_a_chapter_without_sections_is_one_page_in_the_nav… checks the nav)
        contents = _read(second_site / prefix / "plan" / "index.html")
        linked = {posixpath.normpath(posixpath.join("/plan/", h.split("#")[0])) for h in contents.hrefs}
        for ch in second.chapters:
            assert f"/plan/{ch.id}" in linked or all(f"/plan/{s.id}" in linked for s in ch.children), (prefix, ch.id)
        assert not [h for h in home.hrefs if "industries" in h], prefix
    en_contents = "".join(_read(second_site / "en" / "plan" / "index.html").parts)
    for ch in second.chapters[9:]:
        assert f"{from_zh_numeral(ch.number.rstrip('、'))}. {ch.title.en}" in en_contents


@pytest.mark.build
def test_no_built_page_names_the_tianmen_plan_and_the_story_shows_this_plans_numbers(second_site, second, plan):
    facts = tianmen_facts(plan)
    for page in [*second_site.rglob("*.html"), *second_site.rglob("feed.xml")]:
        text = page.read_text(encoding="utf-8")
        assert [f for f in facts if f in text] == [], page.relative_to(second_site)
    story = "".join(_read(second_site / "updates" / "2026-11-25-high-tech-firms" / "index.html").parts)
    ind = next(i for i in second.indicators if i.id == "high-tech-firms")
    last = second.observations_of(ind.id)[-1]
    lang = Lang(second, "zh")
    assert f"{lang.amount(last.value, last.unit)}（{last.year}）" in story
    target = lang.amount(ind.target.value, ind.unit)  # with or without its qualifier (不低于200家)
    assert re.search(rf"{second.meta.period.end}年目标为 \S*{re.escape(target)}", story), story
    about = "".join(_read(second_site / "about" / "index.html").parts)
    assert second.meta.title.zh in about and f"{len(second.indicators)}项主要指标" in about


def test_plan_shortcodes_write_this_plans_facts_and_a_misspelt_one_is_refused(second):
    import datetime as dt

    from plansite.stories import Known, check_story
    from plansite.updates import expand_shortcodes

    renderer = Renderer(second, "zh")
    out = expand_shortcodes(
        "[[plan:target-year]]年；[[plan:indicator-count]]项；`[[plan:period]]`", renderer, "a.md", "a.md"
    )
    assert out == f"{second.meta.period.end}年；{len(second.indicators)}项；`[[plan:period]]`"
    story = "---\ntitle: 标题\ndate: 2026-11-25\ndescription: 一句话\n---\n\n到[[plan:target-yeer]]年。\n"
    problems = check_story(story, "x.md", Known.of(second), dt.date(2026, 12, 1))
    assert [p.code for p in problems] == ["story-shortcode-id-unknown"] and "[[plan:target-year]]" in problems[0].hint


def test_a_plan_fact_is_plain_text_in_markdown(second):
    """A fact is data: whatever it contains, a [[plan:…]] shortcode adds no Markdown or HTML to the page."""
    import dataclasses

    from plansite.updates import expand_shortcodes

    meta = second.meta.model_copy(update={"title": second.meta.title.model_copy(update={"zh": "*x* <b>y</b> [z](u)"})})
    renderer = Renderer(dataclasses.replace(second, meta=meta), "zh")
    out = expand_shortcodes("[[plan:plan-title]]", renderer, "a.md", "a.md")
    assert not set("*<>[]()") & set(out) and html.unescape(out) == renderer.lang.plain(meta.title)


# ------------------------------------------------------------------------------------- in Chromium, on a phone


@pytest.fixture(scope="module")
def second_url(second_site):
    """The second plan's built site served on loopback, as a static host serves it (404 page and status)."""
    from plansite.localserver import serve

    server = serve(second_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def second_page_types(second, second_root) -> list[str]:
    """Every page type of the second plan, from its data and its own stories (it is built at the root)."""
    stories = sorted(p.stem for p in (second_root / "docs" / "zh" / "updates").glob("*.md"))
    return page_types(second, stories) + [f"embed/{second.indicators[0].id}/", "embed/overview/"]


def _visit_every_page(browser, second_url, second, second_root, prefix, look, more=()):
    """Visit every page type of the second plan, and the more paths given, at phone width (each must be itself, not
    the 404 page), with its charts asked for; look(pg) -> what is wrong on the page, if anything. Returns
    ({path: wrong}, hosts asked)."""
    context = browser.new_context(viewport=PHONE)
    hosts: set[str] = set()
    context.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    pg = context.new_page()
    found = {}
    for path in dict.fromkeys([*second_page_types(second, second_root), *more]):
        visit(pg, second_url + prefix + path)
        ask_for_charts(pg)
        pg.wait_for_load_state("networkidle")
        wrong = look(pg)
        if wrong:
            found[path] = wrong
    context.close()
    return found, hosts


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_second_plan_fits_a_phone_and_asks_no_other_host(browser, second_url, second, second_root, prefix):
    """The phone-width and no-external-request checks on a plan of another shape: every address comes from its
    data, each page must be itself (not the 404 page), no page scrolls sideways, and no request goes to another
    host, also after the charts are asked for."""
    assert not [p for p in second_page_types(second, second_root) if p.startswith("industries")]  # no chains
    wide, hosts = _visit_every_page(
        browser,
        second_url,
        second,
        second_root,
        prefix,
        lambda pg: max(0, pg.evaluate("document.documentElement.scrollWidth") - PHONE["width"]),
    )
    assert wide == {}
    assert hosts == {second_url.split("/")[2]}


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_table_cell_of_the_second_plan_is_narrower_than_64px_on_a_phone(
    browser, second_url, second, second_root, prefix
):
    """Every page type and every indicator page (each values table holds sources of its own lengths)."""
    every_indicator = [f"indicators/{i.id}/" for i in second.indicators]
    narrow, _ = _visit_every_page(
        browser,
        second_url,
        second,
        second_root,
        prefix,
        lambda pg: pg.evaluate(NARROW_CELLS, MIN_CELL)[:3],
        more=every_indicator,
    )
    assert narrow == {}
