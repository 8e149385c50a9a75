"""The English edition is complete and consistent: glossary terms rendered as the glossary says, numbers kept."""

from __future__ import annotations

import re
from decimal import Decimal

from pydantic import BaseModel

from plansite import models as m
from plansite.textformat import rendering_core


def text_pairs(plan):
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

    for part in (
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


def test_glossary_terms_keep_their_one_english_rendering(plan):
    terms = [
        (t.term.zh, [_rendering_pattern(e) for e in [t.term.en, *t.variants]], t.term.en) for t in plan.glossary.terms
    ]
    inconsistent = []
    for owner, text in text_pairs(plan):
        if owner in {t.id for t in plan.glossary.terms}:
            continue  # the glossary's own entries define the renderings
        en = text.en.lower().replace("–", "-")
        for zh, patterns, rendering in terms:
            if zh in text.zh and not any(p.search(en) for p in patterns):
                inconsistent.append(f"{owner}: {zh} -> {rendering!r} not in {text.en[:70]!r}")
    assert inconsistent == []


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
