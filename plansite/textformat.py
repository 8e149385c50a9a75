"""How numbers and Chinese text are written on the site (and back into the source's form)."""

from __future__ import annotations

import re
from decimal import Decimal

_ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}
# A comma between two digits is part of a chemical name or a number (2,6-二氯…): keep it.
_PUNCT = re.compile(r"(?<!\d),|,(?!\d)|[:;()]")


def number(value: float | int | None) -> str:
    """A value as the plan prints it: 18572, 1.99, 3 (never 3.0, never 1.99e0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # The shortest text that reads back as the value, in digits: Python would write 1e-05 for 0.00001.
    return format(Decimal(str(value)), "f")


# Where digits are grouped (see grouped()): from this many digits in the whole-number part.
GROUP_FROM = {"zh": 5, "en": 4}


def grouped(value: float | int | None, lang: str) -> str:
    """A value for readers: the plan's digits (number()), the whole-number part grouped in threes with a comma.

    Chinese follows GB/T 15835-2011《出版物上数字用法》 on 多位数分节, in the way it gives for general (not
    specialised scientific) texts, 千分撇: the whole-number part in groups of three with “,”, the decimals
    not grouped, and whole numbers of four digits left as they are: 18572 -> 18,572; 1500 -> 1500;
    0.7312 -> 0.7312. A comma never lets a number wrap (Unicode line breaking keeps digit,digit together),
    which a thin space would need U+202F for. English groups from four digits: 1500 -> 1,500.
    Never for years, ids, plan text or downloads: those keep number().
    """
    text = number(value)
    sign, rest = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, decimals = rest.partition(".")
    if len(whole) >= GROUP_FROM.get(lang, 4):
        whole = f"{int(whole):,}"
    return sign + whole + dot + decimals


def full_width(zh: str) -> str:
    """Restore the published plan's full-width punctuation, which the extraction turned into ASCII.

    Recorded once as a global editorial note; ASCII inside Latin runs (R&D, B2B(商对商)) is left
    alone only where it is between digits, since the published plan itself used full width there.
    """
    return _PUNCT.sub(lambda m: _ASCII_TO_FULL[m.group(0)], zh)


def heading(zh: str) -> str:
    """A lead-in used as a heading: without the source's trailing full stop."""
    return zh[:-1] if zh.endswith("。") else zh


_SCALE = {"万": (Decimal(10_000), "10,000"), "亿": (Decimal(100_000_000), "100 million")}
_LARGE = ((Decimal(10**9), "billion"), (Decimal(10**6), "million"))
EN_DASH = "–"  # between the ends of a range in English; Chinese uses the plan's own —
ZH_DASH = "—"


def _big(d: Decimal) -> tuple[str, str]:
    """(number, scale word): 185720000 -> (185.72, million); 9380000000 -> (9.38, billion); 200000 -> (200,000, "")."""
    for size, word in _LARGE:
        if abs(d) >= size:
            return format((d / size).normalize(), "f"), word
    return f"{d.normalize():,f}", ""


def _parts_en(value: float | int, unit_zh: str, unit_en: str) -> tuple[str, str, str, str]:
    """An English amount in four parts: (prefix, number, scale, suffix), e.g. ("CNY ", "500", " million", "").

    万 and 亿 in a unit are multiplied out exactly (decimal arithmetic on the number as printed), so that
    18572 万元 is CNY 185.72 million; the scale is kept apart so that a range can share it.
    """
    if unit_zh == "%" or unit_en.strip() == "%":
        return "", grouped(value, "en"), "", "%"
    known = _SCALE.get(unit_zh[:1])
    prefix = "CNY " if unit_en.startswith("CNY ") else ""
    rest = unit_en[len(prefix) :]
    if known is None or not rest.startswith(known[1]):
        return "", grouped(value, "en"), "", f" {unit_en}".rstrip()
    factor, word = known
    rest = rest[len(word) :].strip()
    digits, scale = _big(Decimal(number(value)) * factor)
    suffix = rest if rest.startswith("/") else f" {rest}".rstrip()
    return prefix, digits, f" {scale}".rstrip(), suffix


def amount_en(value: float | int, unit_zh: str, unit_en: str) -> str:
    """A value with its unit for English readers, converting 万/亿 exactly: 18572 万元 -> CNY 185.72 million."""
    return "".join(_parts_en(value, unit_zh, unit_en))


def span_en(low: float | int, high: float | int, unit_zh: str, unit_en: str) -> str:
    """A stated range for English readers, both ends converted: 5—8亿元 -> CNY 500–800 million.

    The scale word is written once when both ends share it, at each end when they do not
    (8—12亿元 -> CNY 800 million–1.2 billion); the unit is written once, after the upper end.
    """
    prefix, lo, lo_scale, suffix = _parts_en(low, unit_zh, unit_en)
    _, hi, hi_scale, _ = _parts_en(high, unit_zh, unit_en)
    if lo_scale == hi_scale:
        return f"{prefix}{lo}{EN_DASH}{hi}{hi_scale}{suffix}"
    return f"{prefix}{lo}{lo_scale}{EN_DASH}{hi}{hi_scale}{suffix}"


def span_plain(low: float | int, high: float | int, unit: str, dash: str = ZH_DASH, lang: str = "") -> str:
    """A range, the unit once after the upper end: 6—7个; as the plan prints it, or grouped() for lang."""
    if lang:
        return f"{grouped(low, lang)}{dash}{grouped(high, lang)}{unit}"
    return f"{number(low)}{dash}{number(high)}{unit}"


def amount_parts(value: float | int, unit_zh: str, unit_en: str, lang: str) -> tuple[str, str]:
    """(the amount, the number as it is shown at its start) for readers of lang, digits grouped.

    English with an English unit: amount_en (万/亿 multiplied out exactly); otherwise the Chinese unit after
    the grouped digits (on an English page too, where the unit has no English yet): 18,572万元.
    """
    if lang == "en" and unit_en.strip():
        return amount_en(value, unit_zh, unit_en), grouped(value, "en")
    shown = grouped(value, "en" if lang == "en" and not unit_zh else "zh")
    return shown + unit_zh, shown


def amount(
    value: float | int,
    unit_zh: str,
    unit_en: str,
    lang: str,
    qualifier: str = "",
    qualifier_lang: str = "",
    place: str = "",
) -> str:
    """A value with its unit and qualifier for readers: 30,000万元以上 / CNY 300 million or more.

    The one function pages, charts and stories share (render.Lang.amount picks the texts and marks a
    fallback). qualifier_lang is the language whose rules place the qualifier (zh for a Chinese qualifier
    shown on an English page); place ("before"/"after", from the qualifier vocabulary) overrides the rules.
    """
    text, shown = amount_parts(value, unit_zh, unit_en, lang)
    return qualify(text, qualifier, qualifier_lang or lang, shown, place)


# Where a qualifier stands when it has no "…" to show the number's place: after the amount for these (and, in
# English, for any "or …": or more, or less, or above), between the number and its unit for 余/多 (100余套),
# before it for every other (力争, 超过, 不低于, 约, 可达, 预计新增 … / strive to, more than, at least, about, up to …).
QUALIFIER_AFTER = {"zh": ("以上", "以下", "以内", "左右", "上下"), "en": ("or more", "or less", "each")}
QUALIFIER_BETWEEN = ("余", "多")


def qualify(amount: str, qualifier: str, lang: str, number_text: str = "", place: str = "") -> str:
    """An amount with its qualifier where the language puts it; any qualifier text is accepted.

    力争…以上 + 60% -> 力争60%以上; 以上 -> 10家以上; 超过 -> 超过30%; 左右 -> 30%左右; 不低于 -> 不低于30%;
    余 goes after the number: 100余套 (number_text is the number the amount starts with). English: more than
    CNY 200 million, CNY 18 billion or more, about 30%, at least 30%, strive to reach 60% or more.
    place ("before" or "after"), when the vocabulary says it, decides instead of these rules.
    """
    qualifier = qualifier.strip()
    if not qualifier:
        return amount
    if "…" in qualifier:
        return qualifier.replace("…", amount)
    sep = "" if lang == "zh" else " "
    if place in ("before", "after"):
        return f"{amount}{sep}{qualifier}" if place == "after" else f"{qualifier}{sep}{amount}"
    if lang == "zh":
        if qualifier in QUALIFIER_BETWEEN:
            if number_text and amount.startswith(number_text):
                return number_text + qualifier + amount[len(number_text) :]
            return qualifier + amount
        return amount + qualifier if qualifier in QUALIFIER_AFTER["zh"] else qualifier + amount
    after = qualifier in QUALIFIER_AFTER["en"] or qualifier.lower().startswith("or ")
    return f"{amount} {qualifier}" if after else f"{qualifier} {amount}"


def rendering_core(rendering: str) -> str:
    """The words of an English rendering a text actually uses: no leading article, no explanation in brackets.

    "the 14th Five-Year Plan period (2021–2025)" -> "14th Five-Year Plan period".
    """
    core = re.sub(r"\s*\([^)]*\)", "", rendering).strip()
    return re.sub(r"^(?:the|a|an)\s+", "", core, flags=re.IGNORECASE)
