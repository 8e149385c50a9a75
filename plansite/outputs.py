"""Files written beside the pages after a build: chart images, embed pages and open-data downloads."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .csp import with_csp
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
    """Embeds, downloads, the stories' RSS feed and (unless images is False) every chart's images:
    PNG/SVG for news posts and the WebP page images the pages show before plotly.js is asked for."""
    written = write_downloads(renderer.plan, site_dir / "data")
    t = renderer.lang.t
    feed = site_dir / "updates" / "feed.xml"
    feed.parent.mkdir(parents=True, exist_ok=True)
    feed.write_text(
        rss(
            renderer.updates,
            renderer.site_url,
            f"{t('nav.updates')} · {site_name}",
            t("updates.description"),
            renderer.lang.code,
        ),
        encoding="utf-8",
    )
    written.append(feed)
    for chart_id in renderer.charts:
        path = site_dir / "embed" / chart_id / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(with_csp(renderer.embed(chart_id)), encoding="utf-8")
        written.append(path)
    if images:
        written += render_images(
            renderer.charts.values(), site_dir / "charts", site_address(renderer.site_url), cache_dir
        )
        written += render_screen_images(renderer.charts.values(), site_dir, cache_dir)
    return written
