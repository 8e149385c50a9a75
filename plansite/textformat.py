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
    return str(value)


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


def _big(d: Decimal) -> str:
    """185720000 -> 185.72 million; 9380000000 -> 9.38 billion; 200000 -> 200,000."""
    for size, word in ((Decimal(10**9), "billion"), (Decimal(10**6), "million")):
        if abs(d) >= size:
            return f"{format((d / size).normalize(), 'f')} {word}"
    return f"{d.normalize():,f}"


def amount_en(value: float | int, unit_zh: str, unit_en: str) -> str:
    """A value with its unit for English readers, converting 万/亿 exactly: 18572 万元 -> CNY 185.72 million."""
    if unit_zh == "%" or unit_en.strip() == "%":
        return f"{number(value)}%"
    factor, word = _SCALE.get(unit_zh[:1], (None, None))
    cny = unit_en.startswith("CNY ")
    rest = unit_en[4:] if cny else unit_en
    if factor is not None and word is not None and rest.startswith(word):
        rest = rest[len(word) :].strip()
        text = ("CNY " if cny else "") + _big(Decimal(number(value)) * factor)
        return text + rest if rest.startswith("/") else f"{text} {rest}".rstrip()
    return f"{number(value)} {unit_en}".strip()


def rendering_core(rendering: str) -> str:
    """The words of an English rendering a text actually uses: no leading article, no explanation in brackets.

    "the 14th Five-Year Plan period (2021–2025)" -> "14th Five-Year Plan period".
    """
    core = re.sub(r"\s*\([^)]*\)", "", rendering).strip()
    return re.sub(r"^(?:the|a|an)\s+", "", core, flags=re.IGNORECASE)
