"""Chart images, rendered by kaleido in one warm Chromium, cached by figure content.

Two kinds: PNG and SVG at IMAGE_SIZE for WeChat articles and other sites (no scripts there), and the
page images (WebP, one per layout width, SCREEN_SCALE×) that every chart shows before a reader asks for
the interactive one. Chinese is drawn with Noto Sans CJK SC, so Debian's fonts-noto-cjk must be installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import plotly
import plotly.graph_objects as go
import plotly.io as pio

from .charts import IMAGE_SIZE, SCREEN_SCALE, SCREEN_WIDTHS, Chart, image_figure

FORMATS = ("png", "svg")


class ChromiumMissing(RuntimeError):
    """kaleido needs a Chromium to draw images."""


def find_chromium() -> str:
    for candidate in (os.environ.get("BROWSER_PATH"), shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    raise ChromiumMissing(
        "找不到 Chromium，无法生成图表图片。请安装 Debian 的 chromium 软件包"
        "（apt-get install chromium fonts-noto-cjk），或用 BROWSER_PATH 指定浏览器路径。"
        " / Chromium not found: install Debian's chromium and fonts-noto-cjk, or set BROWSER_PATH."
    )


@contextmanager
def warm_browser() -> Iterator[None]:
    """One Chromium for all images of a build (about 0.5 s per PNG warm, 4–6 s cold)."""
    import kaleido

    os.environ["BROWSER_PATH"] = find_chromium()
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)  # mathjax=False: nothing fetched from a CDN
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def cache_key(figure_json: str, fmt: str, size: tuple[int, int] = IMAGE_SIZE, scale: int = 1) -> str:
    blob = json.dumps([figure_json, fmt, size, scale, plotly.__version__]).encode()
    return hashlib.sha256(blob).hexdigest()[:24]


def screen_figure(chart: Chart, size: str) -> go.Figure:
    """The page's own figure at one layout width and its height: what the page shows before plotly.js loads."""
    image = chart.screen_image(size)
    fig = go.Figure(chart.figure)
    fig.update_layout(width=image.width, height=image.height)
    return fig


# one image to draw: figure, format, CSS size, scale, where it goes
_Job = tuple[go.Figure, str, tuple[int, int], int, Path]


def _draw(
    jobs: Iterable[tuple[Chart, _Job]], cache_dir: Path | None, progress: Callable[[Chart, str], None]
) -> list[Path]:
    """Write each job's image; reuse a cached image when figure, format, size and scale are unchanged."""
    import warnings

    if cache_dir:
        cache_dir.mkdir(parents=True, exist_ok=True)
    written, todo = [], []
    for chart, (fig, fmt, size, scale, target) in jobs:
        target.parent.mkdir(parents=True, exist_ok=True)
        cached = cache_dir / f"{cache_key(fig.to_json(), fmt, size, scale)}.{fmt}" if cache_dir else None
        if cached and cached.exists():
            shutil.copyfile(cached, target)
            progress(chart, fmt)
        else:
            todo.append((chart, fig, fmt, size, scale, target, cached))
        written.append(target)
    if todo:
        with warm_browser(), warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "kopts ignored when using a server": expected
            for chart, fig, fmt, size, scale, target, cached in todo:
                data = pio.to_image(fig, format=fmt, width=size[0], height=size[1], scale=scale)
                target.write_bytes(data)
                if cached:
                    cached.write_bytes(data)
                progress(chart, fmt)
    return written


def render_images(
    charts: Iterable[Chart],
    out_dir: Path,
    site_address: str,
    cache_dir: Path | None,
    formats: Iterable[str] = FORMATS,
    name: Callable[[Chart, str], str] | None = None,
    progress: Callable[[Chart, str], None] = lambda c, f: None,
) -> list[Path]:
    """Write a news image (IMAGE_SIZE, title, source, address) per chart and format into out_dir."""
    name = name or (lambda chart, fmt: f"{chart.id}.{fmt}")
    formats = tuple(formats)
    jobs = []
    for chart in charts:
        fig = image_figure(chart, site_address)
        jobs += [(chart, (fig, fmt, IMAGE_SIZE, 1, out_dir / name(chart, fmt))) for fmt in formats]
    return _draw(jobs, cache_dir, progress)


def render_screen_images(
    charts: Iterable[Chart],
    site_dir: Path,
    cache_dir: Path | None,
    progress: Callable[[Chart, str], None] = lambda c, f: None,
) -> list[Path]:
    """Write every chart's page images (one per layout width in SCREEN_WIDTHS) under site_dir."""
    jobs = []
    for chart in charts:
        for size in SCREEN_WIDTHS:
            image = chart.screen_image(size)
            fig = screen_figure(chart, size)
            jobs.append((chart, (fig, "webp", (image.width, image.height), SCREEN_SCALE, site_dir / image.path)))
    return _draw(jobs, cache_dir, progress)
