"""The publishing gate as the build sees it: data/ and the stories are checked, then the build may start.

`python -m plansite check` and the MkDocs hook run the same checks; this is the build's side, so that the
hook only adapts. Nothing is rendered unless open_gate returns a Site.
"""

from __future__ import annotations

from pathlib import Path

from .check import Report
from .problems import ERROR
from .site import Site, check_site
from .stories import check_stories


class GateClosed(Exception):
    """data/ or a story has errors: the message lists every one, in the checker's own format."""


def open_gate(root: Path, data_dir: Path, docs_dir: Path) -> tuple[Site, Report]:
    """The checked Site and its report; GateClosed with every error when data/ or a story is wrong.

    A plan's stories are in docs/<lang>/<plan folder>/updates/ (docs/<lang>/updates/ for one-plan data) and are
    checked against that plan only.
    """
    report, site = check_site(data_dir, root)
    if site is None:
        messages = "\n".join(p.format() for p in report.errors)
        raise GateClosed(f"data/ 有错误，网站没有生成。\n{messages}\n{report.summary()}")
    errors = []
    for folder, plan in site.plans.items():
        story_problems, _ = check_stories([docs_dir / folder], root, plan)
        errors += [p for p in story_problems if p.severity == ERROR]
    if errors:
        raise GateClosed("动态文章有错误，网站没有生成。\n" + "\n".join(p.format() for p in errors))
    return site, report
