"""PNG and SVG images of the charts, rendered by kaleido in one warm Chromium, cached by figure content.

PNGs are for WeChat articles and other sites (no scripts there); Chinese is drawn with
Noto Sans CJK SC, so Debian's fonts-noto-cjk must be installed.
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
import plotly.io as pio

from .charts import IMAGE_SIZE, Chart, image_figure

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


def cache_key(figure_json: str, fmt: str) -> str:
    blob = json.dumps([figure_json, fmt, IMAGE_SIZE, plotly.__version__]).encode()
    return hashlib.sha256(blob).hexdigest()[:24]


def render_images(
    charts: Iterable[Chart],
    out_dir: Path,
    site_address: str,
    cache_dir: Path | None,
    formats: Iterable[str] = FORMATS,
    name: Callable[[Chart, str], str] | None = None,
    progress: Callable[[Chart, str], None] = lambda c, f: None,
) -> list[Path]:
    """Write an image per chart and format into out_dir; reuse a cached image when the figure is unchanged."""
    import warnings

    name = name or (lambda chart, fmt: f"{chart.id}.{fmt}")
    out_dir.mkdir(parents=True, exist_ok=True)
    if cache_dir:
        cache_dir.mkdir(parents=True, exist_ok=True)
    written, todo = [], []
    for chart in charts:
        fig = image_figure(chart, site_address)
        fig_json = fig.to_json()
        for fmt in formats:
            target = out_dir / name(chart, fmt)
            cached = cache_dir / f"{cache_key(fig_json, fmt)}.{fmt}" if cache_dir else None
            if cached and cached.exists():
                shutil.copyfile(cached, target)
                progress(chart, fmt)
            else:
                todo.append((chart, fig, fmt, target, cached))
            written.append(target)
    if todo:
        with warm_browser(), warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "kopts ignored when using a server": expected
            for chart, fig, fmt, target, cached in todo:
                data = pio.to_image(fig, format=fmt, width=IMAGE_SIZE[0], height=IMAGE_SIZE[1])
                target.write_bytes(data)
                if cached:
                    cached.write_bytes(data)
                progress(chart, fmt)
    return written
