"""Numbers, units and ranges as readers see them, in both languages.

Every expected string is written out by hand from the rule (万 = 10,000, 亿 = 100 million, the plan's own
digits otherwise), never computed with the code under test. The units are the ones data/ uses: the
indicators' (万元, 亿元, %, 件, 家, 个, 项, 人, 人/万人, none), the projects' quantities (吨/年, 万吨/年,
亿元/年, 万平方米, 台(套) …) and the commitments' (亿, 个, 家, 项 …).
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from pydantic import BaseModel

from plansite import models as m
from plansite.facts import qualifiers
from plansite.plan import Plan
from plansite.render import Found, Lang, PageContext, annotate, page_url, relative_url
from plansite.textformat import (
    EN_DASH,
    ZH_DASH,
    amount,
    amount_en,
    full_width,
    grouped,
    heading,
    number,
    qualify,
    rendering_core,
    span_en,
    span_plain,
)

from .conftest import address


@pytest.mark.parametrize(
    "value,expected",
    [
        (18572, "18572"),
        (1.99, "1.99"),
        (0.73, "0.73"),  # never 0.73000001
        (3.0, "3"),  # never 3.0
        (180.0, "180"),
        (0, "0"),
        (0.0, "0"),
        (-5, "-5"),
        (-2.5, "-2.5"),
        (-0.0, "0"),
        (1e-05, "0.00001"),  # never 1e-05
        (2.5e-07, "0.00000025"),
        (1e16, "10000000000000000"),
        (None, ""),
    ],
)
def test_a_number_is_written_as_the_plan_prints_it(value, expected):
    assert number(value) == expected


def test_a_whole_float_is_written_as_an_int_and_an_int_is_untouched():
    assert (number(12.0), number(12), number(-7.0)) == ("12", "12", "-7")


CNY_WAN = ("万元", "CNY 10,000")
CNY_YI = ("亿元", "CNY 100 million")


@pytest.mark.parametrize(
    "value,unit,expected",
    [
        # 万元 and 亿元 multiplied out exactly
        (18572, CNY_WAN, "CNY 185.72 million"),
        (10357, CNY_WAN, "CNY 103.57 million"),
        (30000, CNY_WAN, "CNY 300 million"),
        (1600, CNY_WAN, "CNY 16 million"),
        (200000, CNY_WAN, "CNY 2 billion"),
        (92000, CNY_WAN, "CNY 920 million"),
        (100, CNY_WAN, "CNY 1 million"),  # exactly one million: the scale word, not 1,000,000
        (99.99, CNY_WAN, "CNY 999,900"),  # just below a million: digits, grouped as before
        (50, CNY_WAN, "CNY 500,000"),
        (0.5, CNY_WAN, "CNY 5,000"),
        (1.1, CNY_YI, "CNY 110 million"),
        (0.5, CNY_YI, "CNY 50 million"),
        (1.05, CNY_YI, "CNY 105 million"),
        (1.99, CNY_YI, "CNY 199 million"),
        (0.73, CNY_YI, "CNY 73 million"),
        (93.8, CNY_YI, "CNY 9.38 billion"),
        (180, CNY_YI, "CNY 18 billion"),
        (10, CNY_YI, "CNY 1 billion"),  # exactly one billion
        (9.99, CNY_YI, "CNY 999 million"),  # just below a billion
        (12.345678, CNY_YI, "CNY 1.2345678 billion"),  # decimal arithmetic: no binary noise
        (180, ("亿", "CNY 100 million"), "CNY 18 billion"),  # the commitments' bare 亿
        (0, CNY_WAN, "CNY 0"),
        (0, CNY_YI, "CNY 0"),
        (-3, CNY_YI, "CNY -300 million"),
        (-18572, CNY_WAN, "CNY -185.72 million"),
        (-50, CNY_WAN, "CNY -500,000"),
        (5, ("亿元/年", "CNY 100 million/year"), "CNY 500 million/year"),
        # 万/亿 in other units
        (90, ("万吨/年", "10,000 tonnes/year"), "900,000 tonnes/year"),
        (100, ("万瓶/年", "10,000 bottles/year"), "1 million bottles/year"),
        (50, ("万件/年", "10,000 pieces/year"), "500,000 pieces/year"),
        (20, ("万平方米", "10,000 m²"), "200,000 m²"),
        (2, ("亿个/年", "100 million pieces/year"), "200 million pieces/year"),
        (2, ("亿套/年", "100 million sets/year"), "200 million sets/year"),
        # 万 inside a unit is not a scale: 人/万人 is a rate
        (20, ("人/万人", "per 10,000 employed people"), "20 per 10,000 employed people"),
        # an English unit that does not spell out the scale is left as written
        (3, ("万元", "ten thousand yuan"), "3 ten thousand yuan"),
        # percentages: no space
        (1.99, ("%", "%"), "1.99%"),
        (15.2, ("%", "%"), "15.2%"),
        (3.0, ("%", "%"), "3%"),
        (0, ("%", "%"), "0%"),
        (-1.5, ("%", "%"), "-1.5%"),
        (70, ("％", "%"), "70%"),  # a full-width ％ in the Chinese unit
        (5, ("%", ""), "5%"),  # the Chinese % is enough
        (70, ("％", " % "), "70%"),
        # counts and plain units: the plan's digits, then the unit
        (0.73, ("件", "patents"), "0.73 patents"),
        (3, ("件", "patents"), "3 patents"),
        (44, ("家", "enterprises"), "44 enterprises"),
        (35, ("个", "institutions"), "35 institutions"),
        (90, ("项", "items"), "90 items"),
        (1500, ("人", "people"), "1,500 people"),  # English groups from four digits
        (1500, ("吨/年", "tonnes/year"), "1,500 tonnes/year"),
        (60, ("台(套)", "units (sets)"), "60 units (sets)"),
        (5000, ("亩", "mu"), "5,000 mu"),
        (66274, ("平方米", "m²"), "66,274 m²"),
        (999, ("人", "people"), "999 people"),
        (1234.5678, ("吨/年", "tonnes/year"), "1,234.5678 tonnes/year"),  # decimals never grouped
        (122, ("", ""), "122"),  # no unit
    ],
)
def test_english_amounts_convert_exactly(value, unit, expected):
    assert amount_en(value, *unit) == expected


@pytest.mark.parametrize(
    "low,high,unit,expected",
    [
        (5, 8, CNY_YI, "CNY 500–800 million"),
        (0.5, 2, CNY_YI, "CNY 50–200 million"),
        (8, 12, CNY_YI, "CNY 800 million–1.2 billion"),  # the ends fall in different scales
        (0.5, 1.5, CNY_WAN, "CNY 5,000–15,000"),
        (50, 200, CNY_WAN, "CNY 500,000–2 million"),
        (3000, 5000, CNY_WAN, "CNY 30–50 million"),
        (50, 200, ("万吨/年", "10,000 tonnes/year"), "500,000–2 million tonnes/year"),
        (2, 3, ("亿元/年", "CNY 100 million/year"), "CNY 200–300 million/year"),
        (6, 7, ("个", "platforms"), "6–7 platforms"),
        (1, 2, ("家", "institutions"), "1–2 institutions"),
        (5, 10, ("项", "items"), "5–10 items"),
        (5, 8, ("个", "brands"), "5–8 brands"),
        (1.99, 2.0, ("吨/年", "tonnes/year"), "1.99–2 tonnes/year"),
        (-2, 3, ("%", "%"), "-2–3%"),
        (5, 8, ("%", "%"), "5–8%"),
        (0, 4, ("", ""), "0–4"),
    ],
)
def test_english_ranges_convert_both_ends_and_write_the_unit_once(low, high, unit, expected):
    assert span_en(low, high, *unit) == expected


def test_the_range_dashes_are_the_plans_and_the_english_ones():
    assert (ZH_DASH, EN_DASH) == ("\u2014", "\u2013")


@pytest.mark.parametrize(
    "low,high,unit,dash,expected",
    [
        (6, 7, "个", "—", "6—7个"),
        (5, 8, "亿元", "—", "5—8亿元"),
        (1.5, 2.0, "%", "—", "1.5—2%"),
        (0.73, 1.99, "", "—", "0.73—1.99"),
        (-3, 0, "吨/年", "–", "-3–0吨/年"),
    ],
)
def test_ranges_as_printed(low, high, unit, dash, expected):
    assert span_plain(low, high, unit, dash) == expected


def test_a_range_is_printed_with_the_plans_dash_by_default():
    assert span_plain(1, 2, "家") == "1—2家"


# ---------------------------------------------------------------------------------------------- Lang


def _lang(code: str) -> Lang:
    """A Lang for amounts: they need no data but the language (no glossary terms to link)."""
    return Lang(cast(Plan, SimpleNamespace(glossary=SimpleNamespace(terms=[]))), code)


def T(zh: str, en: str = "") -> m.Text:
    return m.Text(zh=zh, en=en)


@pytest.mark.parametrize(
    "value,unit,zh,en",
    [
        (18572, T("万元", "CNY 10,000"), "18,572万元", "CNY 185.72 million"),
        (1.1, T("亿元", "CNY 100 million"), "1.1亿元", "CNY 110 million"),
        (0.5, T("亿元", "CNY 100 million"), "0.5亿元", "CNY 50 million"),
        (200000, T("万元", "CNY 10,000"), "200,000万元", "CNY 2 billion"),
        (6000, T("万元", "CNY 10,000"), "6000万元", "CNY 60 million"),  # four digits: not grouped in Chinese
        (1.99, T("%", "%"), "1.99%", "1.99%"),
        (20, T("人/万人", "per 10,000 employed people"), "20人/万人", "20 per 10,000 employed people"),
        (3.0, T("件", "patents"), "3件", "3 patents"),
        (0.73, T("件", "patents"), "0.73件", "0.73 patents"),
        (149, T("家", "enterprises"), "149家", "149 enterprises"),
        (50, T("个", "products"), "50个", "50 products"),
        (90, T("项", "items"), "90项", "90 items"),
        (1500, T("吨/年", "tonnes/year"), "1500吨/年", "1,500 tonnes/year"),
        (66274, T("平方米", "m²"), "66,274平方米", "66,274 m²"),
        (60, T("台(套)", "units (sets)"), "60台（套）", "60 units (sets)"),  # the plan's full-width brackets
        (0, T("家", "enterprises"), "0家", "0 enterprises"),
        (-2, T("%", "%"), "-2%", "-2%"),
        (122, None, "122", "122"),
        (12345, None, "12,345", "12,345"),
    ],
)
def test_lang_amount_in_both_languages(value, unit, zh, en):
    for code, expected in (("zh", zh), ("en", en)):
        lang = _lang(code)
        assert lang.amount(value, unit) == expected
        assert not lang.pending, "a translated unit is no fallback"


def test_a_missing_value_is_shown_as_nothing():
    for code in ("zh", "en"):
        assert _lang(code).amount(None, T("家", "enterprises")) == ""


def test_an_untranslated_unit_is_shown_in_chinese_on_english_pages_and_marked_pending():
    lang = _lang("en")
    assert lang.amount(18572, T("万元")) == "18,572万元"  # the Chinese, grouped the Chinese way
    assert lang.pending
    lang = _lang("en")
    assert lang.span(1, 2, T("个")) == "1–2个"
    assert lang.pending


@pytest.mark.parametrize(
    "low,high,unit,zh,en",
    [
        (5, 8, T("亿元", "CNY 100 million"), "5—8亿元", "CNY 500–800 million"),
        (8, 12, T("亿元", "CNY 100 million"), "8—12亿元", "CNY 800 million–1.2 billion"),
        (6, 7, T("个", "platforms"), "6—7个", "6–7 platforms"),
        (2, 3, T("家", "companies"), "2—3家", "2–3 companies"),
        (5, 10, T("项", "items"), "5—10项", "5–10 items"),
        (1, 2, T("台(套)", "units (sets)"), "1—2台（套）", "1–2 units (sets)"),
        (1.5, 2.0, T("%", "%"), "1.5—2%", "1.5–2%"),
        (0, 4, None, "0—4", "0–4"),
    ],
)
def test_lang_span_in_both_languages(low, high, unit, zh, en):
    for code, expected in (("zh", zh), ("en", en)):
        lang = _lang(code)
        assert lang.span(low, high, unit) == expected
        assert not lang.pending


def test_a_range_with_one_end_missing_shows_the_end_it_has():
    unit = T("亿元", "CNY 100 million")
    assert _lang("zh").span(None, 8, unit) == "8亿元"
    assert _lang("en").span(5, None, unit) == "CNY 500 million"
    assert _lang("zh").span(None, None, unit) == ""


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language"):
        _lang("fr")


# ---------------------------------------------------------------------------------------------- text


def test_heading_drops_only_a_trailing_full_stop():
    assert heading("示例项目甲。") == "示例项目甲"
    assert heading("示例。项目") == "示例。项目"
    assert heading("") == ""


def test_full_width_turns_each_ascii_mark_into_its_full_width_twin():
    assert full_width("a,b:c;d(e)f") == "a，b：c；d（e）f"
    assert full_width("2,6-二氯,") == "2,6-二氯，"
    assert full_width(",1") == "，1"


@pytest.mark.parametrize(
    "rendering,core",
    [
        ("the 14th Five-Year Plan period (2021–2025)", "14th Five-Year Plan period"),
        ("The Ministry", "Ministry"),
        ("a platform", "platform"),
        ("An enterprise (registered)", "enterprise"),
        ("theory of change", "theory of change"),  # "the" only as a word
        ("high-tech enterprise", "high-tech enterprise"),
    ],
)
def test_rendering_core_drops_a_leading_article_and_bracketed_explanations(rendering, core):
    assert rendering_core(rendering) == core


# ------------------------------------------- the language helpers templates call: which text, links, labels
# (render.Lang, annotate, relative_url, page_url; on a stand-in plan with two glossary terms and three ui strings)

GLOSSARY = [
    SimpleNamespace(
        id="hte",
        term=T("高新技术企业", "the high-tech enterprise (HTE)"),
        definition=T("经认定的企业", "A certified <firm>"),
    ),
    SimpleNamespace(id="ht", term=T("高新技术", "high technology"), definition=T("技术", "")),
    SimpleNamespace(id="x", term=T("链", "X"), definition=T("单字", "one letter")),  # one character: never linked
    SimpleNamespace(id="pt", term=T("专利", "IP"), definition=T("发明专利", "Patents")),  # two characters: linked
]
UI = {
    "note.probable": T("可能的读法", "Probable reading"),
    "sep": T("：", ": "),
    "note.see": T("见编者注", ""),
    "qualifier.以上": T("以上", "or more"),
    "qualifier.超过": T("超过", "more than"),
}


def _full_lang(code: str, page: str = "plan/1-1.md") -> Lang:
    plan = SimpleNamespace(glossary=SimpleNamespace(terms=GLOSSARY), ui=SimpleNamespace(strings=UI))
    lang = Lang(cast(Plan, plan), code, PageContext(page, code, cast(Plan, plan)))
    vars(lang)["facts"] = {}  # a stand-in plan has no plan facts ({target_year} …) for the chrome strings
    return lang


@pytest.mark.parametrize(
    "path,url",
    [("index.md", ""), ("plan/index.md", "plan/"), ("plan/1-1.md", "plan/1-1/"), ("a/b/index.md", "a/b/")],
)
def test_page_url_is_the_directory_url(path, url):
    assert page_url(path) == url


@pytest.mark.parametrize(
    "src,dst,url",
    [
        ("index.md", "index.md", "./"),
        ("plan/index.md", "index.md", "../"),
        ("indicators/x.md", "indicators/index.md", "../"),
        ("indicators/index.md", "indicators/x.md", "x/"),
        ("plan/1-1.md", "glossary/index.md", "../../glossary/"),
    ],
)
def test_relative_url_between_pages(src, dst, url):
    assert relative_url(src, dst) == url


def test_a_new_lang_knows_its_html_language_and_starts_clean():
    zh, en = _full_lang("zh"), _full_lang("en")
    assert (zh.code, zh.html_lang, en.code, en.html_lang) == ("zh", "zh-Hans", "en", "en")
    fresh = Lang(cast(Plan, SimpleNamespace(glossary=SimpleNamespace(terms=[]))), "zh")
    assert (fresh.pending, fresh.page.path, fresh.page.found) == (False, "index.md", Found())


def test_plain_shows_the_languages_text_and_falls_back_to_the_chinese():
    zh, en = _full_lang("zh"), _full_lang("en")
    assert zh.plain(None) == "" and en.plain(None) == ""
    assert zh.plain(T("示例(一),完", "Example (1), done")) == "示例（一），完"
    assert not zh.pending  # Chinese pages never fall back
    assert en.plain(T("示例(一)", "Example (1)")) == "Example (1)"
    assert not en.pending
    assert en.plain(T("示例(一)", "  ")) == "示例（一）"
    assert en.pending


def test_t_reads_a_ui_string_in_the_language():
    zh, en = _full_lang("zh"), _full_lang("en")
    assert (zh.t("note.probable"), en.t("note.probable")) == ("可能的读法", "Probable reading")
    assert not en.pending
    assert en.t("note.see") == "见编者注" and en.pending


def test_tx_escapes_and_marks_an_untranslated_text():
    zh, en = _full_lang("zh"), _full_lang("en")
    assert tx_str(zh.tx(None)) == "" and tx_str(en.tx(None)) == ""
    assert tx_str(zh.tx(T("a<b(c)", "x"))) == "a&lt;b（c）"
    assert tx_str(en.tx(T("甲", "a<b"))) == "a&lt;b"
    assert not en.pending
    assert tx_str(en.tx(T("甲<(乙)", " "))) == '<span lang="zh-Hans" class="untranslated">甲&lt;（乙）</span>'
    assert en.pending


def tx_str(markup) -> str:
    return str(markup)


@pytest.mark.parametrize(
    "code,printed,shown",
    [
        ("zh", "(一)", "（一）"),
        ("zh", "三、", "三、"),
        ("en", "(一)", "(1) "),
        ("en", "三、", "3. "),
        ("en", "(九)", "(9) "),
    ],
)
def test_a_number_label_as_printed_or_in_digits(code, printed, shown):
    assert _full_lang(code).label(printed) == shown


def test_the_first_use_of_the_longest_glossary_term_links_to_its_definition():
    zh = _full_lang("zh")
    html = str(zh.glossary_links("培育高新技术企业<b>,高新技术企业和高新技术链专利"))
    link = '<a class="gloss" href="../../glossary/#hte" title="经认定的企业">高新技术企业</a>'
    ht = '<a class="gloss" href="../../glossary/#ht" title="技术">高新技术</a>'
    pt = '<a class="gloss" href="../../glossary/#pt" title="发明专利">专利</a>'
    assert html == f"培育{link}&lt;b&gt;,高新技术企业和{ht}链{pt}"
    assert zh.page.found.terms_linked == {"hte", "ht", "pt"}
    assert str(zh.glossary_links("高新技术企业")) == "高新技术企业"  # already linked on this page


def test_english_glossary_links_match_whole_words_in_any_case():
    en = _full_lang("en", page="index.md")
    html = str(en.glossary_links("High-Tech Enterprises and a high-tech enterprise; High Technology"))
    assert html == (
        "High-Tech Enterprises and a "
        '<a class="gloss" href="glossary/#hte" title="A certified &lt;firm&gt;">high-tech enterprise</a>; '
        '<a class="gloss" href="glossary/#ht" title="技术">High Technology</a>'
    )
    assert en.pending  # the second definition has no English


def test_without_glossary_terms_text_is_only_escaped():
    lang = _lang("zh")
    assert str(lang.glossary_links("a<b,高新技术")) == "a&lt;b,高新技术"


def _note(id: str, source: str, reading: str) -> m.EditorialNote:
    return m.EditorialNote(
        id=id,
        kind="lost-range-dash",
        target="x",
        source=source,
        reading=m.Text(zh=reading),
        reason=m.Text(zh="理由"),
        confidence="high",
    )


def test_annotate_marks_each_damaged_passage_in_text_order_and_links_its_note():
    zh = _full_lang("zh")
    notes = [_note("n2", "建设12个", "建设1—2个"), _note("n1", "打造67个", "打造6—7个"), _note("n3", "没有", "无")]
    html = str(annotate(T("打造67个平台(甲),建设12个基地"), notes, zh, prefix="p-"))
    assert html == (
        '<mark class="ed-source" title="可能的读法：打造6—7个">打造67个</mark>'
        '<a class="ed-ref" href="#p-note-n1" aria-label="见编者注">※</a>'
        "平台（甲），"
        '<mark class="ed-source" title="可能的读法：建设1—2个">建设12个</mark>'
        '<a class="ed-ref" href="#p-note-n2" aria-label="见编者注">※</a>'
        "基地"
    )
    assert not zh.pending


def test_annotate_skips_a_note_that_overlaps_the_one_before():
    zh = _full_lang("zh")
    notes = [_note("a", "打造67", "x"), _note("b", "67个", "y"), _note("c", "基地", "z")]
    html = str(annotate(T("打造67个基地"), notes, zh))
    assert html.count("<mark") == 2 and 'href="#note-a"' in html and 'href="#note-c"' in html
    assert "note-b" not in html and "个<mark" in html


def test_annotate_in_english_shows_the_translation_or_the_marked_chinese():
    en = _full_lang("en", page="index.md")
    assert str(annotate(T("打造67个", "build 6–7 high technology parks"), [_note("n", "67个", "6—7个")], en)) == (
        'build 6–7 <a class="gloss" href="glossary/#ht" title="技术">high technology</a> parks'
    )
    en = _full_lang("en")
    html = str(annotate(T("打造67个", ""), [_note("n", "67个", "6—7个")], en))
    assert html.startswith('<span lang="zh-Hans" class="untranslated">打造<mark class="ed-source"')
    assert html.endswith("※</a></span>") and en.pending


def test_annotate_marks_the_first_occurrence_and_the_first_of_two_notes_at_one_place():
    zh = _full_lang("zh")
    html = str(annotate(T("建设12个,再建12个"), [_note("n", "12个", "1—2个")], zh))
    assert html.startswith("建设<mark") and html.endswith("，再建12个")
    # two notes on the same passage: the first listed is shown, the other skipped (no comparison of notes)
    html = str(annotate(T("打造67个"), [_note("a", "打造67个", "x"), _note("b", "打造67", "y")], zh))
    assert 'href="#note-a"' in html and "note-b" not in html


def test_chinese_terms_link_even_beside_latin_letters():
    # English terms must stand as whole words; Chinese has no spaces, so a term next to 5G or R&D still links
    zh = _full_lang("zh")
    assert str(zh.glossary_links("5G专利")) == '5G<a class="gloss" href="../../glossary/#pt" title="发明专利">专利</a>'


# ------------------------------------------------------------------------------------------ qualifiers
# Every qualifier data/ uses, in both languages, placed where the language puts it.

YI, WAN, PCT = T("亿元", "CNY 100 million"), T("万元", "CNY 10,000"), T("%", "%")


@pytest.mark.parametrize(
    "value,unit,qualifier,zh,en",
    [
        (180, YI, T("以上", "or more"), "180亿元以上", "CNY 18 billion or more"),
        (60, PCT, T("力争…以上", "strive to reach … or more"), "力争60%以上", "strive to reach 60% or more"),
        (95, PCT, T("确保…以上", "ensure … or more"), "确保95%以上", "ensure 95% or more"),
        (30, PCT, T("超过", "more than"), "超过30%", "more than 30%"),
        (3, T("家", "enterprises"), T("力争", "strive to"), "力争3家", "strive to 3 enterprises"),
        (100, T("万瓶/年", "10,000 bottles/year"), T("各", "each"), "各100万瓶/年", "1 million bottles/year each"),
        (10, YI, T("可达", "up to"), "可达10亿元", "up to CNY 1 billion"),
        (1.5, YI, T("达", "reach"), "达1.5亿元", "reach CNY 150 million"),
        (
            5,
            T("亿元/年", "CNY 100 million/year"),
            T("提升", "increase"),
            "提升5亿元/年",
            "increase CNY 500 million/year",
        ),
        (
            2100,
            T("台(套)/年", "units (sets)/year"),
            T("预计新增", "expected additional"),
            "预计新增2100台（套）/年",
            "expected additional 2,100 units (sets)/year",
        ),
        (100, T("套", "sets"), T("余", "over"), "100余套", "over 100 sets"),  # 余 between the number and the unit
        (20000, WAN, "超过", "超过20,000万元", "more than CNY 200 million"),  # a target's qualifier, from ui strings
        (10, T("家", "enterprises"), "以上", "10家以上", "10 enterprises or more"),
        (1.99, PCT, None, "1.99%", "1.99%"),
    ],
)
def test_lang_amount_with_each_qualifier_in_both_languages(value, unit, qualifier, zh, en):
    for code, expected in (("zh", zh), ("en", en)):
        lang = _full_lang(code)
        assert lang.amount(value, unit, qualifier) == expected
        assert not lang.pending


def test_lang_span_with_a_qualifier_in_both_languages():
    companies = T("家", "companies")
    assert _full_lang("zh").span(2, 3, companies, T("力争", "strive to")) == "力争2—3家"
    assert _full_lang("en").span(2, 3, companies, T("力争", "strive to")) == "strive to 2–3 companies"
    assert _full_lang("en").span(5, 8, YI, T("以上", "or more")) == "CNY 500–800 million or more"
    assert _full_lang("zh").span(None, 8, YI, "以上") == "8亿元以上"
    assert _full_lang("zh").span(5, 8, YI) == "5—8亿元"


def test_an_untranslated_qualifier_is_shown_in_chinese_where_chinese_puts_it():
    en = _full_lang("en")
    assert en.amount(5, T("家", "enterprises"), T("以上", "")) == "5 enterprises以上"
    assert en.pending
    en = _full_lang("en")
    assert en.amount(100, T("套", "sets"), T("余", " ")) == "100余 sets"  # after the number, as in Chinese
    assert en.pending


@pytest.mark.parametrize(
    "amount,qualifier,lang,number_text,expected",
    [
        ("5家", "", "zh", "5", "5家"),
        ("5家", "以上", "zh", "5", "5家以上"),
        ("5家", "以下", "zh", "", "5家以下"),
        ("5家", "左右", "zh", "", "5家左右"),
        ("5家", "力争", "zh", "", "力争5家"),
        ("100套", "余", "zh", "100", "100余套"),
        ("100套", "余", "zh", "", "余100套"),  # no number given: before, like any other
        ("100套", "余", "zh", "10", "10余0套"),  # the number the amount starts with, as given
        ("100套", "余", "zh", "200", "余100套"),
        ("5 teams", "or less", "en", "", "5 teams or less"),
        ("5 teams", "each", "en", "", "5 teams each"),
        ("5 teams", "over", "en", "5", "over 5 teams"),
        ("5 teams", "余", "en", "5", "余 5 teams"),
        ("60%", "力争…以上", "zh", "", "力争60%以上"),
        ("60%", "at least …", "en", "", "at least 60%"),
    ],
)
def test_qualify_places_the_qualifier(amount, qualifier, lang, number_text, expected):
    assert qualify(amount, qualifier, lang, number_text) == expected


def test_qualify_needs_no_number_by_default():
    assert qualify("100套", "余", "zh") == "余100套"


# ------------------------------------------------------------------------------------------ grouped digits
# Chinese: GB/T 15835-2011 多位数分节, 千分撇 (the way for general texts): the whole-number part in threes with a
# comma, decimals never grouped, four-digit whole numbers left alone. English: thousands separators from four digits.


@pytest.mark.parametrize(
    "value,zh,en",
    [
        (18572, "18,572", "18,572"),
        (200000, "200,000", "200,000"),
        (1234567, "1,234,567", "1,234,567"),
        (1500, "1500", "1,500"),  # 四位以内的整数可以不分节
        (999, "999", "999"),
        (10000, "10,000", "10,000"),
        (9999, "9999", "9,999"),
        (12345.6789, "12,345.6789", "12,345.6789"),  # 小数部分不分节
        (1234.5, "1234.5", "1,234.5"),
        (0.00001, "0.00001", "0.00001"),
        (0.73, "0.73", "0.73"),
        (-18572, "-18,572", "-18,572"),
        (-1500, "-1500", "-1,500"),
        (3.0, "3", "3"),
        (0, "0", "0"),
        (1e16, "10,000,000,000,000,000", "10,000,000,000,000,000"),
        (None, "", ""),
    ],
)
def test_grouped_digits_in_each_language(value, zh, en):
    assert (grouped(value, "zh"), grouped(value, "en")) == (zh, en)


def test_grouping_keeps_every_digit_the_plan_printed():
    for value in (18572, 92000, 10357, 66274, 12345.6789, 0.73, -200000):
        for lang in ("zh", "en"):
            assert grouped(value, lang).replace(",", "") == number(value)


def test_the_printed_form_stays_ungrouped_for_plan_text_ids_and_downloads():
    assert (number(18572), number(2025), number(200000)) == ("18572", "2025", "200000")


@pytest.mark.parametrize(
    "code,value,qualifier,expected",
    [
        ("zh", 30000, "以上", "30,000以上"),
        ("en", 30000, "以上", "30,000 or more"),
        ("zh", 20000, "超过", "超过20,000"),
        ("en", 20000, "超过", "more than 20,000"),
        ("zh", 1500, None, "1500"),
        ("en", 1500, None, "1,500"),
        ("zh", 18572, T("力争…以上", "strive to reach … or more"), "力争18,572以上"),
        ("en", None, "以上", ""),
    ],
)
def test_the_num_filter_groups_and_places_the_qualifier(code, value, qualifier, expected):
    lang = _full_lang(code)
    assert lang.num(value, qualifier) == expected
    assert not lang.pending


@pytest.mark.parametrize(
    "amount,qualifier,lang,expected",
    [
        ("30%", "左右", "zh", "30%左右"),
        ("30%", "about", "en", "about 30%"),
        ("30%", "不低于", "zh", "不低于30%"),
        ("30%", "at least", "en", "at least 30%"),
        ("20,000万元", "以上", "zh", "20,000万元以上"),
        ("CNY 200 million", "or more", "en", "CNY 200 million or more"),
        ("CNY 200 million", "or above", "en", "CNY 200 million or above"),  # any "or …" follows the amount
        ("30%", "超过", "zh", "超过30%"),
        ("30%", "more than", "en", "more than 30%"),
        ("5家", "以内", "zh", "5家以内"),
        ("100多套", "", "zh", "100多套"),
        ("30%", "  超过 ", "zh", "超过30%"),  # stray spaces in the data are no part of the word
        ("30%", "新词", "zh", "新词30%"),  # a word no rule knows: before the amount, still shown
        ("30%", "new word", "en", "new word 30%"),
    ],
)
def test_qualify_places_every_kind_of_qualifier(amount, qualifier, lang, expected):
    assert qualify(amount, qualifier, lang) == expected


def test_qualify_follows_the_vocabularys_place_when_it_is_given():
    assert qualify("30%", "左右", "zh", place="before") == "左右30%"
    assert qualify("30%", "about", "en", place="after") == "30% about"
    assert qualify("5家", "以上", "zh", place="after") == "5家以上"
    assert qualify("5家", "超过", "zh", place="") == "超过5家"
    assert qualify("60%", "力争…以上", "zh", place="before") == "力争60%以上"  # "…" shows the place itself


def test_amount_places_a_chinese_qualifier_on_an_english_page_by_the_chinese_rules():
    assert amount(20000, "万元", "CNY 10,000", "en", "超过", "zh") == "超过CNY 200 million"
    assert amount(100, "套", "sets", "en", "余", "zh") == "100余 sets"
    assert amount(18572, "万元", "", "en") == "18,572万元"  # no English unit: the Chinese, grouped the Chinese way
    assert amount(1500, "", "", "en") == "1,500"


# ---------------------------------------------------- every amount the data states, in both languages
# The units and qualifiers are read from data/ (indicators, their earlier and published values, commitments,
# project quantities), so a new unit or qualifier in the data is tested without editing this file.

_LONG_RUN = {"zh": re.compile(r"(?<![.,\d])\d{5,}"), "en": re.compile(r"(?<![.,\d])\d{4,}")}
_EN_NUMBER = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)( million| billion)?")
_EN_SCALE = {"": 1, " million": 10**6, " billion": 10**9}


def _stated_amounts(plan):
    """(where, value, unit, qualifier) for every amount the data states."""
    for ind in plan.indicators:
        yield ind.id, ind.baseline.value, ind.unit, None
        yield ind.id, ind.target.value, ind.unit, ind.target.qualifier
        for e in ind.earlier:
            yield ind.id, e.value, e.unit, None
    for o in plan.observations.observations:
        yield o.indicator, o.value, o.unit, None
    for c in plan.commitments.commitments:
        for v in (c.value, c.min, c.max):
            if v is not None:
                yield c.id, v, c.unit, c.qualifier
    for _, p in plan.projects():
        for q in p.quantities:
            for v in (q.value, q.min, q.max):
                if v is not None:
                    yield p.id, v, q.unit, q.qualifier


def _qualifier_text(plan, qualifier, code):
    """The qualifier's words in a language, read from the data's own vocabulary (a Text, or a target's word)."""
    if qualifier is None:
        return ""
    if isinstance(qualifier, m.Text):
        return qualifier.en if code == "en" else qualifier.zh
    vocabulary = qualifiers(plan.meta)
    text = vocabulary[qualifier].text if qualifier in vocabulary else plan.ui.strings["qualifier." + qualifier]
    return text.en if code == "en" else text.zh


def test_the_data_has_the_units_and_qualifiers_these_tests_walk(plan):
    amounts = list(_stated_amounts(plan))
    units = {u.zh for _, _, u, _ in amounts if u is not None}
    qualifiers = {q if isinstance(q, str) else q.zh for _, _, _, q in amounts if q is not None}
    assert len(units) >= 10 and len(qualifiers) >= 5, (units, qualifiers)


def test_every_stated_amount_reads_grouped_and_exact_in_both_languages(plan):
    for code in ("zh", "en"):
        lang = Lang(plan, code)
        for where, value, unit, _ in _stated_amounts(plan):
            text = lang.amount(value, unit)
            assert not _LONG_RUN[code].search(text), (where, code, text)
            if code == "zh" or unit is None or not unit.en.strip():
                assert text.replace(",", "").startswith(number(value)), (where, text)
                continue
            # English: the figure read back from the text is the stated value times the unit's 万/亿, exactly
            figure = _EN_NUMBER.search(text)
            assert figure, (where, text)
            digits, scale = figure.groups()
            shown = Decimal(digits.replace(",", "")) * _EN_SCALE[scale or ""]
            en_unit = unit.en.removeprefix("CNY ")
            factor = 10**4 if en_unit.startswith("10,000") else 10**8 if en_unit.startswith("100 million") else 1
            if unit.zh[:1] not in "万亿":
                factor = 1
            assert shown == Decimal(number(value)) * factor, (where, text)
        assert not lang.pending, "every unit in the data has its English"


def test_every_stated_qualifier_stands_where_its_language_puts_it(plan):
    seen = set()
    for code in ("zh", "en"):
        lang = Lang(plan, code)
        for where, value, unit, qualifier in _stated_amounts(plan):
            if qualifier is None:
                continue
            words = _qualifier_text(plan, qualifier, code)
            bare = lang.amount(value, unit)
            text = lang.amount(value, unit, qualifier)
            seen.add((code, words))
            if "…" in words:
                assert text == words.replace("…", bare), (where, text)
                continue
            sep = "" if code == "zh" else " "
            if code == "en":
                after = words.startswith("or ") or words == "each"
                assert text == (f"{bare} {words}" if after else f"{words} {bare}"), (where, text)
                assert not text.endswith(("more than", "strive to", "up to")), (where, text)
            elif words in ("余", "多"):
                assert text.replace(words, "", 1) == bare and not text.startswith(words), (where, text)
            else:
                after = words in ("以上", "以下", "以内", "左右", "上下")
                assert text == (f"{bare}{sep}{words}" if after else f"{words}{sep}{bare}"), (where, text)
        assert not lang.pending, "every qualifier in the data has its English"
    assert {"以上", "超过", "or more", "more than"} <= {w for _, w in seen}


def test_every_qualifier_in_the_vocabulary_stands_where_it_says(plan):
    vocabulary = qualifiers(plan.meta)
    for word, entry in vocabulary.items():
        for code in ("zh", "en"):
            lang = Lang(plan, code)
            bare = lang.amount(18572, T("万元", "CNY 10,000"))
            text = lang.amount(18572, T("万元", "CNY 10,000"), word)
            words = entry.text.en if code == "en" else entry.text.zh
            sep = "" if code == "zh" else " "
            place = getattr(entry.place, code)
            assert text == (f"{bare}{sep}{words}" if place == "after" else f"{words}{sep}{bare}"), (word, text)


def test_chart_summaries_and_hover_texts_say_the_amounts_as_the_pages_do(plan):
    from plansite.charts import indicator_chart
    from plansite.escape import plotly_text

    for code in ("zh", "en"):
        lang = Lang(plan, code)
        for ind in plan.indicators:
            chart = indicator_chart(plan, ind, code)
            target = lang.amount(ind.target.value, ind.unit, ind.target.qualifier)
            assert lang.amount(ind.baseline.value, ind.unit) in chart.summary, chart.summary
            assert target in chart.summary, chart.summary
            years = {ind.baseline.year, ind.target.year} | {o.year for o in plan.observations_of(ind.id)}
            said = re.sub("|".join(str(y) for y in years), "", chart.summary)  # the years stay 2025, never 2,025
            assert not _LONG_RUN[code].search(said), chart.summary
            hovered = [t for t in chart.figure.data if t.hovertemplate]
            assert all("%{y}" not in t.hovertemplate for t in hovered)
            assert list(hovered[-1].customdata) == [plotly_text(target)]  # the target point, qualifier and all
            assert chart.figure.layout.yaxis.separatethousands is (code == "en")


# ---------------------------------------------------------------- the built pages: no ungrouped amount
# Every page's visible text, its meta descriptions and the chart texts screen readers get (alt, aria-label) are
# scanned for a whole number of five digits or more (four in English) written next to a unit the data uses.
# Left out, because they are reproduced exactly: plan text (.plan-p, the indicator table as printed), quotations
# (<q>, <blockquote>), code, and every free text the data holds (notes, descriptions, sources), which may quote
# the table's 18572万元 as printed; the contributor pages document the checker, not the data.

_BLOCK = {"p", "li", "td", "th", "dt", "dd", "div", "tr", "caption", "figcaption", "summary", "section", "h1", "h2"}
_BLOCK |= {"h3", "h4", "h5", "h6", "article", "nav", "header", "footer", "main", "details", "label", "button"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_VERBATIM_TAGS = {"script", "style", "code", "pre", "blockquote", "q", "template", "svg", "textarea"}
_VERBATIM_CLASSES = {"plan-p", "plan-lead", "ed-ref"}  # ed-ref: the ※ beside a damaged passage
_VERBATIM_IDS = {"indicator-table"}


class _Readable(HTMLParser):
    """The text a reader gets, in blocks: visible text, meta descriptions, alt and aria-label texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.blocks: list[str] = [""]
        self.said: list[str] = []

    def _verbatim(self) -> bool:
        return any(skip for _, skip in self.stack)

    def _break(self):
        if self.blocks[-1]:
            self.blocks.append("")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        skip = tag in _VERBATIM_TAGS or bool(classes & _VERBATIM_CLASSES) or a.get("id") in _VERBATIM_IDS
        if not skip and not self._verbatim():  # what is said in attributes: blocks of their own, kept apart
            if tag == "meta" and "description" in (a.get("name") or a.get("property") or ""):
                self.said.append(a.get("content") or "")
            self.said += [a[k] or "" for k in ("alt", "aria-label") if k in a]
        if tag in _VOID:
            return
        self.stack.append((tag, skip))
        if tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag in _BLOCK:
            self._break()

    def handle_data(self, data):
        if not self._verbatim():
            self.blocks[-1] += data


def _free_texts(plan) -> list[str]:
    """Every text the data holds that is not a unit or a qualifier (plan text, notes, descriptions …), longest first."""
    out: set[str] = set()

    def walk(obj, field=""):
        if isinstance(obj, m.Text):
            if field not in ("unit", "qualifier"):
                out.update(t for t in (full_width(obj.zh), obj.zh, obj.en) if len(t.strip()) > 3)
        elif isinstance(obj, BaseModel):
            for name in type(obj).model_fields:
                walk(getattr(obj, name), name)
        elif isinstance(obj, (list, tuple)):
            for item in obj:
                walk(item, field)
        elif isinstance(obj, dict):
            for item in obj.values():
                walk(item, field)

    for part in (plan.meta, plan.chapters, plan.table, plan.chains, plan.commitments, plan.references, plan.notes):
        walk(part)
    for part in (plan.sources, plan.observations, plan.status, plan.glossary):
        walk(part)
    return sorted(out, key=len, reverse=True)


def ungrouped_amounts(site: Path, plan) -> list[str]:
    """Each place in the built site where a reader meets an ungrouped amount (or a grouped year), with its page."""
    units: dict[str, set[str]] = {"zh": set(), "en": set()}
    for _, _, unit, _ in _stated_amounts(plan):
        if unit is not None:
            units["zh"].update({unit.zh, full_width(unit.zh)})
            units["en"].update({unit.en, unit.en.split(" ")[0]} - {""})
    alternatives = {k: "|".join(re.escape(u) for u in sorted(v, key=len, reverse=True)) for k, v in units.items()}
    patterns = [
        re.compile(rf"(?<![\d.,])\d{{5,}}(?:\.\d+)?[  ]?(?:{alternatives['zh']})"),  # 18572万元
        re.compile(rf"(?<![\d.,])\d{{4,}}(?:\.\d+)?[  ](?:{alternatives['en']})(?![a-z])"),  # 1500 people
        re.compile(r"CNY[  ]?\d{4,}"),
        # 2,025年, "in 2,025" (but "strive for 2,000 people" is an amount: a unit follows)
        re.compile(
            r"(?<![\d,])[12],\d{3}\s*年|(?:\bin|\bfor|\bby|\bsince|\()\s*[12],\d{3}(?![\d,])"
            rf"(?![  ](?:{alternatives['en']})(?![a-z]))"
        ),
    ]
    free = _free_texts(plan)
    found = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(("contribute/", "en/contribute/")):
            continue
        reader = _Readable()
        reader.feed(page.read_text(encoding="utf-8"))
        for block in reader.blocks + reader.said:
            for text in free:
                if text in block:
                    block = block.replace(text, " ")
            for pattern in patterns:
                found += [f"{rel}: …{block[max(0, x.start() - 20) : x.end() + 5]}…" for x in pattern.finditer(block)]
    return found


@pytest.mark.build
def test_no_page_shows_an_ungrouped_amount_or_a_grouped_year(built_site, plan):
    found = ungrouped_amounts(built_site, plan)
    assert found == [], "\n".join(found[:40])


def _meta_description(page: Path) -> str:
    match = re.search(r'<meta name="description" content="([^"]*)"', page.read_text(encoding="utf-8"))
    assert match, page
    return html.unescape(match.group(1))


@pytest.mark.build
def test_indicator_page_descriptions_give_the_target_with_its_qualifier(built_site, plan):
    for code in ("zh", "en"):
        lang = Lang(plan, code)
        for ind in plan.indicators:
            said = _meta_description(built_site / address(f"indicators/{ind.id}/", code) / "index.html")
            assert lang.amount(ind.baseline.value, ind.unit) in said, said
            assert lang.amount(ind.target.value, ind.unit, ind.target.qualifier) in said, said


def test_the_quantity_macro_puts_a_projects_qualifier_inside_the_amount(plan):
    from plansite.render import Renderer

    stated = [q for _, p in plan.projects() for q in p.quantities if q.qualifier is not None]
    assert stated
    for code in ("zh", "en"):
        renderer = Renderer(plan, code)
        macro = renderer.env.from_string(
            '{% from "_macros.j2" import quantity with context %}{{ quantity(q, q.qualifier) }}'
        )
        words = renderer.page_vars(renderer.page_context("industries/x.md"))
        for q in stated:
            shown = html.unescape(macro.render(**words, q=q))
            if q.value is not None:
                assert shown == renderer.lang.amount(q.value, q.unit, q.qualifier)
            else:
                assert shown == renderer.lang.span(q.min, q.max, q.unit, q.qualifier)
        assert html.unescape(macro.render(**words, q=stated[0].model_copy(update={"qualifier": None}))) == (
            renderer.lang.amount(stated[0].value, stated[0].unit)
        )
