"""Progress stories staff write as Markdown in docs/<lang>/updates/, their index, RSS feed and shortcodes.

A story starts with front matter (title, date, description). In its text, a shortcode shows
a live value or chart from data/:
  [[value:high-tech-enterprises]]   the newest published value with its year (or the 2020 value)
  [[target:high-tech-enterprises]]  the 2025 target, with its qualifier
  (values are written as on the pages: grouped digits, 18,572万元 / CNY 185.72 million; Lang.amount)
  [[chart:high-tech-enterprises]]   the indicator's chart (also: overview, projects-by-chain)
  [[plan:target-year]]              a fact of the plan (title, period, counts …: plansite.wording.PLAN_FACTS,
                                    written with - for _), so hand-written pages (about, contribute) name no plan
The checker (plansite/stories.py, run by `python -m plansite check` and before the build) refuses every
story it cannot publish; this module assumes checked input, but still raises only UpdateError.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from .escape import md_heading
from .problems import ERROR
from .render import Renderer
from .stories import PLAN_FACT_IDS, SHORTCODE, code_spans, split_story, story_files
from .yamlsource import parse_yaml_text

__all__ = ["SHORTCODE", "Update", "UpdateError", "expand_shortcodes", "read_updates", "rss"]


class UpdateError(ValueError):
    """A story or a shortcode that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Update:
    path: str  # docs-relative, e.g. 2021-2025/updates/2024-03-21-high-tech-enterprises.md
    title: str
    date: dt.date
    description: str


def read_updates(docs_dir: Path, folder: str = "") -> list[Update]:
    """Every story in docs_dir/<folder>/updates/ (one plan's), newest first; paths relative to docs_dir.

    A story without title or date is an UpdateError.
    """
    out = []
    for path in story_files(docs_dir / folder if folder else docs_dir):
        rel = path.relative_to(docs_dir).as_posix()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise UpdateError(f"{path}:1: 无法读取动态文章 / cannot read the story ({e})") from None
        story = split_story(text)
        doc, problems = parse_yaml_text(story.front or "", str(path), front_matter=True)
        broken = story.front is None or any(p.severity == ERROR for p in problems)
        meta = None if broken else doc.data
        if not isinstance(meta, dict) or not meta.get("title") or type(meta.get("date")) is not dt.date:
            raise UpdateError(
                f"{path}:1: 动态文章开头需要 title 和 date（YYYY-MM-DD）/ a story needs a title and a date; "
                "运行 python -m plansite check 查看详情"
            )
        out.append(Update(rel, str(meta["title"]), meta["date"], str(meta.get("description") or "")))
    return sorted(out, key=lambda u: (u.date, u.path), reverse=True)


def expand_shortcodes(markdown: str, renderer: Renderer, page_path: str, source: str, first_line: int = 1) -> str:
    """Replace each shortcode with the value or chart it names; unknown ids raise UpdateError with the line.

    first_line is the file's line number of the markdown's first line (after any front matter).
    """
    plan, lang = renderer.plan, renderer.lang
    ids = {i.id for i in plan.indicators}

    def replace(match: re.Match) -> str:
        kind, ident = match.group(1), match.group(2)
        known = renderer.charts if kind == "chart" else PLAN_FACT_IDS if kind == "plan" else ids
        if ident not in known:
            line = markdown.count("\n", 0, match.start()) + first_line
            raise UpdateError(
                f"{source}:{line}: 短代码 {match.group(0)} 中的 id“{ident}”不存在 / unknown id in "
                f"shortcode; 可用的 id 见 data/indicators.yaml"
            )
        if kind == "plan":  # plain text in Markdown: every character Markdown could read is a reference
            return str(md_heading(lang.facts[ident.replace("-", "_")]))
        if kind == "chart":
            return "\n\n" + renderer.chart_block(ident, page_path) + "\n\n"
        ind = plan.indicator(ident)
        if kind == "target":  # with its qualifier, as the plan states it: 110家以上 / 110 enterprises or more
            return lang.amount(ind.target.value, ind.unit, ind.target.qualifier)
        obs = plan.observations_of(ident)
        if obs:
            return (
                f"{lang.amount(obs[-1].value, obs[-1].unit)}{lang.t('paren.open')}{obs[-1].year}{lang.t('paren.close')}"
            )
        return f"{lang.amount(ind.baseline.value, ind.unit)}{lang.t('paren.open')}{ind.baseline.year}{lang.t('paren.close')}"

    out, pos = [], 0
    for start, end in code_spans(markdown):  # the same spans the checker leaves alone
        out.append(SHORTCODE.sub(replace, markdown[pos:start]))
        out.append(markdown[start:end])
        pos = end
    out.append(SHORTCODE.sub(replace, markdown[pos:]))
    return "".join(out)


def rss(updates: list[Update], site_url: str, title: str, description: str, lang: str, prefix: str = "") -> str:
    """An RSS 2.0 feed of one plan's stories (prefix: the plan's address prefix, e.g. 2021-2025/)."""
    from .render import page_url

    root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = site_url + prefix + "updates/"
    ET.SubElement(channel, "description").text = description
    ET.SubElement(channel, "language").text = "zh-cn" if lang == "zh" else "en"
    for u in updates:
        item = ET.SubElement(channel, "item")
        link = site_url + page_url(u.path)
        ET.SubElement(item, "title").text = u.title
        ET.SubElement(item, "link").text = link
        ET.SubElement(item, "guid", isPermaLink="true").text = link
        when = dt.datetime.combine(u.date, dt.time(8, 0), tzinfo=dt.timezone(dt.timedelta(hours=8)))
        ET.SubElement(item, "pubDate").text = format_datetime(when)
        ET.SubElement(item, "description").text = u.description
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
