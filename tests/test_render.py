"""Page rendering, without MkDocs: links, language fallback, editorial notes, navigation."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from plansite import models as m
from plansite.check import load_plan
from plansite.render import Lang, PageContext, Renderer, alternate_url, annotate, relative_url
from plansite.textformat import full_width, number

from .conftest import current_folder


@pytest.mark.parametrize(
    "src,dst,expected",
    [
        ("index.md", "plan/1-1.md", "plan/1-1/"),
        ("plan/1-1.md", "indicators/high-tech-enterprises.md", "../../indicators/high-tech-enterprises/"),
        ("plan/index.md", "plan/3-2.md", "3-2/"),
        ("plan/3-2.md", "index.md", "../../"),
        ("plan/3-2.md", "plan/3-2.md", "./"),
    ],
)
def test_links_are_relative_so_any_base_path_works(src, dst, expected):
    assert relative_url(src, dst) == expected


def test_language_link_lands_on_the_same_page_in_the_other_language():
    assert alternate_url("http://127.0.0.1:8000/", "zh", "plan/1-1/") == ("en", "/en/plan/1-1/")
    assert alternate_url("http://127.0.0.1:8000/en/", "en", "plan/1-1/") == ("zh", "/plan/1-1/")
    assert alternate_url("https://org.github.io/repo/", "zh", "") == ("en", "/repo/en/")
    assert alternate_url("https://org.github.io/repo/en/", "en", "indicators/") == ("zh", "/repo/indicators/")


def test_full_width_punctuation_is_restored_except_inside_numbers_and_names():
    assert full_width("2020年,全市(含经开区):322家;") == "2020年，全市（含经开区）：322家；"
    assert full_width("年产2500吨2,6-二氯-4-三氟甲基苯胺") == "年产2500吨2,6-二氯-4-三氟甲基苯胺"


def test_numbers_are_written_as_the_plan_prints_them():
    assert [number(v) for v in (18572, 1.99, 3.0, 0.73, None)] == ["18572", "1.99", "3", "0.73", ""]


def _note(source, reading="读法"):
    return m.EditorialNote(
        id="n1",
        kind="lost-range-dash",
        target="x",
        source=source,
        reading=m.Text(zh=reading),
        reason=m.Text(zh="理由"),
        confidence="high",
    )


def test_damaged_passage_is_kept_marked_and_linked_to_its_note(plan):
    lang = Lang(plan, "zh")
    html = str(annotate(m.Text(zh="打造67个平台,建设"), [_note("打造67个", "打造6—7个")], lang))
    assert '<mark class="ed-source" title="可能的读法：打造6—7个">打造67个</mark>' in html
    assert 'href="#note-n1"' in html and html.endswith("平台，建设")


def test_english_page_shows_untranslated_text_in_chinese_marked_as_such(plan):
    lang = Lang(plan, "en")
    html = str(lang.tx(m.Text(zh="高新技术企业", en="")))
    assert html == '<span lang="zh-Hans" class="untranslated">高新技术企业</span>' and lang.pending
    fresh = lang.on(PageContext("index.md", "en", plan))  # another page: its own findings
    assert str(fresh.tx(m.Text(zh="高新技术企业", en="high-tech enterprise"))) == "high-tech enterprise"
    assert not fresh.pending and lang.pending


@pytest.fixture(scope="module")
def pages(plan):
    return {lang: {p.path: p.markdown for p in Renderer(plan, lang).pages()} for lang in ("zh", "en")}


def test_both_languages_have_the_same_pages(pages, plan):
    assert set(pages["zh"]) == set(pages["en"])
    expected = {f"indicators/{i.id}.md" for i in plan.indicators} | {f"industries/{c.id}.md" for c in plan.chains}
    expected |= {f"plan/{s.id}.md" for _, s in plan.sections()}
    assert expected <= set(pages["zh"])


def test_every_paragraph_has_its_permalink_on_its_section_page(pages, plan):
    for lp in plan.located_paragraphs():
        md = pages["zh"][f"plan/{lp.section.id}.md"]
        assert lp.anchor == lp.paragraph.id  # the data id (3-2-p12) is the anchor; the one published before stays
        assert (
            f'<p id="{lp.anchor}" class="plan-p"><span id="{lp.old_anchor}" class="plan-p__was"></span>'
            f'<a class="plan-p__num" href="#{lp.anchor}"'
        ) in md


def test_every_editorial_note_appears_beside_its_passage(pages, plan):
    everything = "".join(pages["zh"].values())
    for note in plan.notes.notes:
        assert f'id="note-{note.id}"' in everything, note.id


def test_every_page_has_a_title_and_a_description(pages):
    for lang in pages:
        for path, md in pages[lang].items():
            front = re.match(
                r'---\ntitle: "(.+)"\ndescription: "(.+)"\n(search:\n  exclude: true\n)?(image: "https?://.+"\n)?---\n',
                md,
            )
            assert front and len(front.group(2)) >= 12, (lang, path)


def test_every_english_page_says_it_is_unofficial_and_links_the_original(pages, plan):
    for path, md in pages["en"].items():
        assert "unofficial" in md and plan.meta.source_url in md, path


def test_headings_carry_readable_ids(pages):
    for md in pages["zh"].values():
        for line in md.splitlines():
            if line.startswith("#"):
                assert re.search(r"\{#[a-z][a-z0-9-]*\}$", line), line


def test_project_anchors_and_indicator_links_point_at_generated_pages(pages, plan):
    for chain in plan.chains:
        md = pages["zh"][f"industries/{chain.id}.md"]
        for p in chain.projects:
            assert f'id="project-{p.number}"' in md  # the anchor other pages link to (a project card)


def test_nav_lists_only_pages_that_exist(pages, plan):
    def paths(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for v in node.values():
                yield from paths(v)
        else:
            for v in node:
                yield from paths(v)

    from plansite import paths as project_paths
    from plansite.updates import read_updates

    folder = current_folder()
    for lang in pages:
        renderer = Renderer(plan, lang, prefix=folder + "/")
        renderer.updates = read_updates(project_paths.ROOT / "docs" / lang, folder)
        listed = set(paths(renderer.nav()))
        listing = [{"prefix": folder + "/", "plan": plan, "phase": "running", "current": True}]
        rendered = {p.path for p in renderer.pages() + renderer.site_pages(listing)} - {"index.md"}  # the landing
        written = {
            p.relative_to(project_paths.ROOT / "docs" / lang).as_posix()
            for p in (project_paths.ROOT / "docs" / lang).rglob("*.md")
        }
        assert listed <= rendered | written
        assert rendered | written <= listed


def test_first_use_of_a_glossary_term_on_a_page_links_to_its_definition(tmp_path):
    """On the SYNTHETIC second plan with one SYNTHETIC term its text uses on several pages: on each plan page that
    uses the term in two paragraphs or more, exactly one use (the first) links to the glossary, in both languages."""
    from .test_page_context import TERM
    from .test_second_plan import assemble

    second = assemble(tmp_path)
    glossary = second / "data" / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + TERM, encoding="utf-8")
    plan = load_plan(second / "data", second)
    term = next(t for t in plan.glossary.terms if t.id == "example-city-term")
    for lang in ("zh", "en"):
        word = term.term.zh if lang == "zh" else term.term.en
        uses: dict[str, int] = {}  # plan pages whose paragraphs use the term: how many of them
        for lp in plan.located_paragraphs():
            if word in (lp.paragraph.text.zh if lang == "zh" else lp.paragraph.text.en or ""):
                uses[f"plan/{lp.section.id}.md"] = uses.get(f"plan/{lp.section.id}.md", 0) + 1
        pages = {p.path: p.markdown for p in Renderer(plan, lang).pages()}
        using = {path: pages[path] for path, n in uses.items() if n >= 2}
        assert using, (lang, "the fixture should use the term in two paragraphs of one page")
        for path, md in using.items():
            links = re.findall(rf'<a class="gloss" href="[./]*glossary/#{term.id}"[^>]*>([^<]*)</a>', md)
            assert len(links) == 1, (lang, path, links)


def test_glossary_page_shows_every_term_in_both_languages(pages, plan):
    for lang in ("zh", "en"):
        md = pages[lang]["glossary/index.md"]
        for t in plan.glossary.terms:
            assert f'<div id="{t.id}"><dt><span lang="zh-Hans">{escape(t.term.zh)}</span>' in md
            assert f'<span lang="en">{escape(t.term.en)}</span>' in md


@pytest.mark.parametrize(
    "lang,qualifier,expected",
    [
        ("zh", "以上", "<dd>110家以上</dd>"),
        ("en", "以上", "<dd>110 enterprises or more</dd>"),
        ("zh", "超过", "<dd>超过110家</dd>"),
        ("en", "超过", "<dd>more than 110 enterprises</dd>"),
    ],
)
def test_indicator_page_puts_the_target_qualifier_where_the_language_puts_it(plan, lang, qualifier, expected):
    """A SYNTHETIC target (110, 家 / enterprises) on the plan's first indicator with a target: only the qualifier's
    place is under test."""
    real = next(i for i in plan.indicators if i.target and i.target.value is not None)
    unit = m.Text(zh="家", en="enterprises")
    target = real.target.model_copy(update={"qualifier": qualifier, "value": 110})
    ind = real.model_copy(update={"target": target, "unit": unit})
    renderer = Renderer(plan, lang)
    page = renderer._render("indicators/x.md", "indicator.md.j2", ind=ind)
    assert expected in page.markdown


def _anchors(md: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', md)) | set(re.findall(r"\{#([a-z0-9-]+)\}", md))


@pytest.mark.parametrize("as_section", [False, True])
def test_a_chain_page_shows_its_own_plan_text_and_every_plan_link_lands_on_an_anchor(plan, as_section):
    """The chain's division paragraphs are on its page; its links into the plan name anchors that exist.

    as_section: the chain's division is a whole section with paragraphs of its own (the page itself: no #d<id>
    heading anchor exists there).
    """
    import dataclasses

    real = plan.chains[0]
    division = next(sec.id for _, sec in plan.sections() if sec.paragraphs) if as_section else real.division
    chain = real.model_copy(update={"division": division})
    p = dataclasses.replace(plan, chains=(chain, *plan.chains[1:]))
    renderer = Renderer(p, "zh")
    pages = {pg.path: pg.markdown for pg in renderer.pages()}
    md = pages[f"industries/{chain.id}.md"]
    div = p.division(division)
    for para in div.paragraphs + [x for sub in div.children for x in sub.paragraphs]:
        assert f'<p id="{para.id}" class="plan-p"><span id="chain-{p.paragraph(para.id).old_anchor}"' in md, para.id
    links = re.findall(r'href="\.\./\.\./plan/([^/"]+)/(?:#([^"]*))?"', md)
    assert links
    for page_id, anchor in links:
        assert not anchor or anchor in _anchors(pages[f"plan/{page_id}.md"]), (page_id, anchor)


def test_chrome_strings_are_filled_with_the_plans_own_facts(plan):
    from plansite.wording import plan_facts

    zh, en = Lang(plan, "zh"), Lang(plan, "en")
    assert zh.t("ind.target") == f"{plan.meta.period.end}年目标值"
    assert en.t("ind.baseline") == f"{plan.meta.baseline_year} value"
    facts = plan_facts(plan, "zh")
    assert facts["indicator_count"] == str(len(plan.indicators))
    assert facts["project_count"] == str(sum(len(c.projects) for c in plan.chains))
    assert zh.t("home.chains").startswith(facts["chain_count_word"])
    assert zh.t("ind.gap", n=7) == zh.t("ind.gap", n=7, target_year="x")  # a value never changes another name
    assert zh.t("ind.target", target_year="2099") == "2099年目标值"  # values win over facts
