"""The site's wording: the one place that picks a text by language, and the one that fills its placeholders.

Every page, chart and download goes through these two functions, so a text is chosen and filled the
same way everywhere: `pick` gives the English of a {zh, en} pair on English pages when it has one (else
the Chinese, with its punctuation restored), and `fill` replaces `{name}` placeholders.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from . import models as m
from .textformat import full_width

if TYPE_CHECKING:
    from .plan import Plan

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


# ------------------------------------------------------------------------------------ plan facts

_ZH_NUMERALS = "零一二三四五六七八九"
_EN_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

# The plan facts a ui string, a hand-written page ([[plan:name]], with - for _) or a story may name.
PLAN_FACTS: tuple[str, ...] = (
    "plan_title",
    "plan_short",
    "issuer",
    "notice_title",
    "document_date",
    "document_day",
    "published",
    "published_day",
    "start_year",
    "end_year",
    "target_year",
    "baseline_year",
    "period",
    "indicator_count",
    "chain_count",
    "chain_count_word",
    "chain_count_word_cap",
    "project_count",
    "box_range",
    "chains_chapter",
    "chains_section",
)


def zh_numeral(n: int) -> str:
    """A count as Chinese writes it in running text: 五, 十, 十一, 二十, 二十三 (0–99)."""
    if not 0 <= n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _ZH_NUMERALS[ones]
    return ("" if tens == 1 else _ZH_NUMERALS[tens]) + "十" + (_ZH_NUMERALS[ones] if ones else "")


def _count_word(n: int, lang: str) -> str:
    if lang == "zh":
        return zh_numeral(n)
    return _EN_NUMBERS[n] if 0 <= n < len(_EN_NUMBERS) else str(n)


def plan_facts(plan: Plan, lang: str) -> dict[str, str]:
    """Every plan fact the site's wording may name as a {placeholder}, in lang, derived from the data.

    Facts a plan does not have (the chains' chapter in a plan without chains) are empty strings.
    """
    meta = plan.meta
    dash = "—" if lang == "zh" else "–"
    chains = plan.chains
    orders = sorted(c.order for c in chains)
    box_range = "" if not orders else str(orders[0]) if len(orders) == 1 else f"{orders[0]}{dash}{orders[-1]}"
    chapter_number = chains_section = ""
    if chains:
        chapter = next(ch for ch in plan.chapters if any(d.id == chains[0].division for d in _walk(ch)))
        section = next((s for s in chapter.children if any(d.id == chains[0].division for d in _walk(s))), chapter)
        digits = chapter.number.rstrip("、.． ")
        chapter_number = digits if lang == "zh" else str(from_zh_numeral(digits))
        chains_section = pick(section.title, lang)
    count = len(chains)
    word = _count_word(count, lang)
    return {
        "plan_title": pick(meta.title, lang),
        "plan_short": pick(meta.short_title or meta.title, lang),
        "issuer": pick(meta.issuer, lang),
        "notice_title": pick(meta.notice_title, lang),
        "document_date": meta.document_date.isoformat(),
        "published": meta.published.isoformat(),
        "document_day": _day(meta.document_date, lang),
        "published_day": _day(meta.published, lang),
        "start_year": str(meta.period.start),
        "end_year": str(meta.period.end),
        "target_year": str(meta.period.end),
        "baseline_year": str(meta.baseline_year),
        "period": f"{meta.period.start}{dash}{meta.period.end}",
        "indicator_count": str(len(plan.indicators)),
        "chain_count": str(count),
        "chain_count_word": word,
        "chain_count_word_cap": word[:1].upper() + word[1:],
        "project_count": str(sum(len(c.projects) for c in chains)),
        "box_range": box_range,
        "chains_chapter": chapter_number,
        "chains_section": chains_section,
    }


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _day(day: dt.date, lang: str) -> str:
    """A date in running text: 2022年9月9日 / 9 September 2022."""
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _walk(division: m.Division) -> Iterator[m.Division]:
    yield division
    for child in division.children:
        yield from _walk(child)


def from_zh_numeral(text: str) -> int | str:
    """三 -> 3, 十一 -> 11, 二十 -> 20; text that is not a Chinese numeral comes back as it is."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _ZH_NUMERALS + "十" for c in text):
        return text
    if "十" not in text:
        return int("".join(str(_ZH_NUMERALS.index(c)) for c in text))
    tens, _, ones = text.partition("十")
    return (_ZH_NUMERALS.index(tens) if tens else 1) * 10 + (_ZH_NUMERALS.index(ones) if ones else 0)


def ui_text(plan: Plan, key: str, lang: str, facts: Mapping[str, str] | None = None, **values: object) -> str:
    """A chrome string (ui.yaml) in lang, its {placeholders} filled from values, then from the plan's facts.

    Pass facts (plan_facts(plan, lang)) when filling many strings; values win over facts of the same name.
    """
    return fill(
        pick(plan.ui.strings[key], lang), {**(facts if facts is not None else plan_facts(plan, lang)), **values}
    )
