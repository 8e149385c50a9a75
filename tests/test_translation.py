"""The English edition is complete and consistent: glossary terms rendered as the glossary says, numbers kept."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import BaseModel

from plansite import models as m
from plansite.textformat import rendering_core


def text_pairs(plan, parts=None):
    """Every reader-facing {zh, en} pair, with the id of the nearest object that has one (for its notes)."""
    out = []

    def walk(obj, owner):
        if isinstance(obj, m.Text):
            out.append((owner, obj))
        elif isinstance(obj, BaseModel):
            owner = getattr(obj, "id", owner) if isinstance(getattr(obj, "id", None), str) else owner
            for name in type(obj).model_fields:
                walk(getattr(obj, name), owner)
        elif isinstance(obj, (list, tuple)):
            for x in obj:
                walk(x, owner)
        elif isinstance(obj, dict):
            for x in obj.values():
                walk(x, owner)

    for part in parts or (
        plan.meta,
        plan.chapters,
        plan.table,
        plan.chains,
        plan.commitments,
        plan.references,
        plan.notes,
        plan.glossary,
        plan.ui,
    ):
        walk(part, None)
    return out


def test_every_text_has_its_english(plan):
    missing = [(owner, t.zh[:30]) for owner, t in text_pairs(plan) if not t.en.strip()]
    assert missing == []


def _rendering_pattern(rendering: str) -> re.Pattern:
    """A rendering, matched case-insensitively, as a whole phrase, in singular or plural, any dash.

    A leading article and explanations in brackets are not part of the rendering:
    "the 14th Five-Year Plan period (2021–2025)" is found as "14th Five-Year Plan period".
    """
    core = rendering_core(rendering).lower().replace("–", "-")
    words = [re.escape(w).replace(r"\-", "[-–]") for w in core.split()]
    pattern = r"[\s\-–]+".join(words)
    pattern = pattern[:-1] + "(?:y|ies)" if pattern.endswith("y") else pattern + "(?:s|es)?"
    return re.compile(r"(?<![a-z])" + pattern + r"(?![a-z])")


def _one_rendering(rendering: str) -> list[re.Pattern]:
    """The forms a rendering may take in a text: the documented grammatical forms, nothing else.

    The rule, in full: case is free (a rendering may open a sentence); a leading article, a plural and
    any dash are free; the plural may fall on the head noun before "of", "in" or "for" instead of the end;
    an explanation in brackets may be left out; and a bracketed abbreviation in
    capitals may stand for the whole ("active pharmaceutical ingredient (API)" may be written "API").
    """
    forms = [_rendering_pattern(rendering)]
    head = re.match(r"^((?:the |a |an )?[\w-]+(?: [\w-]+)?) ((?:of|in|for) .+)$", rendering_core(rendering))
    if head:  # the plural falls on the head noun: "leading enterprises in agricultural industrialisation"
        forms.append(_rendering_pattern(f"{head[1]}s {head[2]}"))
    abbreviation = re.search(r"\(([A-Z][A-Z&]+)\)$", rendering.strip())
    if abbreviation:
        forms.append(re.compile(r"(?<![a-z])" + re.escape(abbreviation[1].lower()) + r"s?(?![a-z])"))
    return forms


def translation_inconsistencies(names, texts) -> list[str]:
    """Where a text's English does not use the one rendering of a name its Chinese contains, or uses a rejected one.

    names: (id, zh, rendering, rejected renderings); texts: (owner, zh, en). A name whose Chinese lies inside a
    longer name's Chinese in the same text (产学研 in 产学研用) is that longer name's occurrence, not its own; a
    name's own entry (owner == its id) may quote its rejected literal form to explain it.
    """
    ordered = sorted(names, key=lambda n: -len(n[1]))
    rejected = [(name_id, r, _rendering_pattern(r)) for name_id, _, _, rejections in names for r in rejections]
    problems = []
    for owner, zh, en in texts:
        en_plain = en.lower().replace("–", "-")
        rest = zh
        for name_id, name_zh, rendering, _ in ordered:
            if owner == name_id or name_zh not in rest:
                continue
            rest = rest.replace(name_zh, "\u0000")
            if not any(form.search(en_plain) for form in _one_rendering(rendering)):
                problems.append(f"{owner}: {name_zh} -> {rendering!r} not in {en[:70]!r}")
        for name_id, form, pattern in rejected:
            if name_id != owner and pattern.search(en_plain):  # a term's own definition may quote its literal form
                problems.append(f"{owner}: rejected {form!r} (of {name_id})")
    return problems


def plan_names(plan):
    """Every glossary term and every reference title, as (id, zh, rendering, rejected renderings)."""
    names = [(t.id, t.term.zh.strip("“”"), t.term.en, t.rejected) for t in plan.glossary.terms]
    names += [(r.id, r.title.zh.strip("“”"), r.title.en, []) for r in plan.references.references]
    return names


def test_glossary_terms_and_reference_titles_keep_their_one_english_rendering(plan):
    """Search variants do not count: the site's English uses the glossary's rendering and the reference's title."""
    glossary_ids = {t.id for t in plan.glossary.terms}
    notes = {id(t) for _, t in text_pairs(plan, [plan.notes])}
    texts = [(owner, t.zh, t.en) for owner, t in text_pairs(plan) if id(t) not in notes]
    # A term's own entry defines it, and an editorial note's Chinese quotes the source as printed (garbles, variant
    # names) to discuss it: in those only a rejected form is wrong.
    aside = [(owner, t.zh, t.en) for owner, t in text_pairs(plan) if id(t) in notes]
    aside += [(o, zh, en) for o, zh, en in texts if o in glossary_ids]
    rendered = [(o, zh, en) for o, zh, en in texts if o not in glossary_ids]
    problems = translation_inconsistencies(plan_names(plan), rendered)
    problems += [p for p in translation_inconsistencies(plan_names(plan), aside) if ": rejected " in p]
    assert problems == []


_CAPITAL_PLAN = re.compile(r"\b[Tt](?:he|his) Plan\b")


def test_the_plan_is_written_the_plan(plan):
    """One convention: "the plan", lower case, in the data and in docs/en (a title keeps its own capitals)."""
    from plansite import paths

    texts = [(owner, t.en) for owner, t in text_pairs(plan)]
    texts += [(str(p.name), p.read_text("utf-8")) for p in sorted((paths.ROOT / "docs" / "en").glob("*.md"))]
    assert [owner for owner, en in texts if _CAPITAL_PLAN.search(en)] == []
    assert _CAPITAL_PLAN.search("publicise the Plan and explain")  # the check can fail


def test_the_consistency_check_fails_on_an_inconsistent_fixture():
    """tests/fixtures/translation-inconsistent.yaml (synthetic) breaks each rule once; each break is found."""
    fixture = yaml.safe_load((Path(__file__).parent / "fixtures" / "translation-inconsistent.yaml").read_text("utf-8"))
    names = [(n["id"], n["zh"], n["en"], n.get("rejected", [])) for n in fixture["names"]]
    texts = [(t["id"], t["zh"], t["en"]) for t in fixture["texts"]]
    found = {p.split(":")[0] for p in translation_inconsistencies(names, texts)}
    expected = {t["id"] for t in fixture["texts"] if t["breaks"]}
    assert found == expected
    assert expected and len(expected) < len(texts)  # the fixture has both kinds


def test_reference_titles_are_cited_with_the_capitals_of_the_references_file(plan):
    """Case is free for glossary terms, not for a title: where the plan cites it, its capitals are the same."""
    wrong = []
    for owner, text in text_pairs(plan):
        for ref in plan.references.references:
            title = ref.title.en
            zh = ref.title.zh.strip("“”")
            if owner == ref.id or zh not in text.zh:
                continue
            body = re.escape(title[1:]).replace(r"\-", "[-–]")
            if not re.search(r"(?i:" + re.escape(title[0]) + ")" + body, text.en.replace("–", "-")):
                wrong.append(f"{owner}: {title!r}")
    assert wrong == []


_SCALE_ZH = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
_SCALE_EN = {"million": Decimal(10**6), "billion": Decimal(10**9)}
# A number inside a name is not a quantity: 2,6-二氯…, B2B, O2O, 3D, 5G.
_NOT_A_QUANTITY = r"(?<!\d,)(?<![\d.\-])(?<![A-Z](?=\d+[A-Z]))"
_NUMBER_END = r"(?!,\d)(?![\d\-])(?![A-Z])"
# Years and chapter numbers Chinese writes in words; an English text may spell them out in digits.
_PERIOD_YEARS = {"十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025)}
_CN = "一二三四五六七八九"


def _d(x) -> Decimal:
    return Decimal(x).normalize()


def numbers_zh(zh: str) -> tuple[set[Decimal], set[Decimal]]:
    """(numbers an English twin must keep, numbers it may also write: months, days, years behind 十四五 …)."""
    required, optional = set(), set()
    zh = re.sub(r"(\d+)—(\d+)([月日])", r"\1\3—\2\3", zh)  # 3—4月: both are months
    for match in re.finditer(_NOT_A_QUANTITY + r"(\d+(?:\.\d+)?)" + _NUMBER_END + r"(万|亿|月|日)?", zh):
        unit = match[2] or ""
        if unit in ("月", "日"):
            optional.add(_d(match[1]))
        else:
            required.add(_d(Decimal(match[1]) * _SCALE_ZH.get(unit, 1)))
    for period, years in _PERIOD_YEARS.items():
        if period in zh:
            optional.update(_d(y) for y in years)
    optional.update(_d(_CN.index(c) + 1) for c in re.findall(f"[{_CN}]", zh))  # (三), 三期, 第三章 …
    if "百" in zh:
        optional.add(_d(100))  # 百强县: the top 100 counties
    return required, optional


def numbers_en(en: str) -> set[Decimal]:
    out = set()
    cjk = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]+"
    for quoted in re.findall(r"[\w.,%]*" + cjk + r"[\w.,%\u4e00-\u9fff“”]*", en):  # Chinese quoted in English
        out |= numbers_zh(quoted)[0]
    plain = re.sub(r"[\w.,%]*" + cjk + r"[\w.,%\u4e00-\u9fff“”]*", " ", en)
    for match in re.finditer(
        _NOT_A_QUANTITY
        + r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
        + _NUMBER_END
        + r"(?!st|nd|rd|th)(?:\s+(million|billion))?",
        plain,
    ):
        out.add(_d(Decimal(match[1].replace(",", "")) * _SCALE_EN.get(match[2] or "", 1)))
    return out


def _with_readings(zh: str, plan) -> str:
    """The Chinese as its editorial notes read it where a lost dash or garble changed a number (67个 -> 6—7个)."""
    for note in plan.notes.notes:
        if note.kind in ("lost-range-dash", "garbled") and note.source in zh:
            zh = zh.replace(note.source, note.reading.zh)
    return zh


def test_numbers_in_english_equal_the_numbers_in_chinese(plan):
    wrong = []
    for owner, text in text_pairs(plan):
        zh = _with_readings(text.zh, plan)
        required, optional = numbers_zh(zh)
        if re.search(r"(?<!\d)[万亿]", zh):  # 万/亿 as a word (万人, a 万元 unit): English writes 10,000 / 100 million
            optional |= {_d(10_000), _d(100_000_000)}
        found = numbers_en(text.en)
        if not required <= found or not found <= required | optional:
            wrong.append(
                f"{owner}: missing {sorted(map(str, required - found))} "
                f"extra {sorted(map(str, found - required - optional))} | {text.en[:70]!r}"
            )
    assert wrong == []
