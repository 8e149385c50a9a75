"""How numbers and Chinese text are written on the site (and back into the source's form)."""

from __future__ import annotations

import re

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
