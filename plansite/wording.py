"""The site's wording: the one place that picks a text by language, and the one that fills its placeholders.

Every page, chart and download goes through these two functions, so a text is chosen and filled the
same way everywhere: `pick` gives the English of a {zh, en} pair on English pages when it has one (else
the Chinese, with its punctuation restored), and `fill` replaces `{name}` placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from . import models as m
from .textformat import full_width

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def has_english(text: m.Text | None) -> bool:
    return text is not None and bool(text.en.strip())


def pick(text: m.Text | None, lang: str) -> str:
    """The text in lang: English when lang is en and the English is there, otherwise the Chinese."""
    if text is None:
        return ""
    if lang == "en" and has_english(text):
        return text.en
    return full_width(text.zh)


def fill(template: str, values: Mapping[str, object]) -> str:
    """Replace each {name} whose name is in values; anything else (plotly's %{y}, unknown names) stays as written."""
    if not values:
        return template

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return _PLACEHOLDER.sub(one, template)
