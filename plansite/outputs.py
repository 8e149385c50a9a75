"""Files written beside the pages after a build: chart images, embed pages and open-data downloads."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .csp import with_csp
from .downloads import write_all_plans as _write_all_plans
from .downloads import write_downloads
from .images import render_images, render_screen_images
from .render import Renderer
from .updates import rss


def site_address(site_url: str) -> str:
    """What is drawn into images: the address without its scheme, e.g. kjj.tianmen.gov.cn/plan/."""
    parts = urlsplit(site_url)
    return (parts.netloc + parts.path).rstrip("/")


def write_outputs(
    renderer: Renderer, site_dir: Path, cache_dir: Path | None, site_name: str, images: bool = True
) -> list[Path]:
    """One plan's embeds, downloads, stories' RSS feed and (unless images is False) every chart's images, all under
    the plan's prefix (2021-2025/data/…, 2021-2025/embed/…): PNG/SVG for news posts and the WebP page images the
    pages show before plotly.js is asked for."""
    plan_dir = site_dir / renderer.prefix if renderer.prefix else site_dir
    written = write_downloads(renderer.plan, plan_dir / "data")
    t = renderer.lang.t
    feed = plan_dir / "updates" / "feed.xml"
    feed.parent.mkdir(parents=True, exist_ok=True)
    feed.write_text(
        rss(
            renderer.updates,
            renderer.site_url,
            f"{t('nav.updates')} · {site_name}",
            t("updates.description"),
            renderer.lang.code,
            renderer.prefix,
        ),
        encoding="utf-8",
    )
    written.append(feed)
    for chart_id in renderer.charts:
        path = plan_dir / "embed" / chart_id / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(with_csp(renderer.embed(chart_id)), encoding="utf-8")
        written.append(path)
    if images:
        written += render_images(
            renderer.charts.values(), plan_dir / "charts", site_address(renderer.site_url), cache_dir
        )
        written += render_screen_images(renderer.charts.values(), plan_dir, cache_dir)
    return written


def write_all_plans(site, data_dir: Path) -> list[Path]:
    """The one data package for every plan of a Site (plansite.site.Site), at the site's data/."""
    return _write_all_plans(list(site.plans.items()), data_dir)
