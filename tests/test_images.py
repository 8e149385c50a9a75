"""Static images and the news staff's export command: real PNGs, Chinese drawn (no empty boxes), cached, clear errors."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import time
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from plansite import paths
from plansite.charts import FONT
from plansite.images import warm_browser

pytestmark = pytest.mark.slow  # every test here starts Chromium through kaleido

SCRIPT = [sys.executable, str(paths.ROOT / "scripts" / "build_charts.py")]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _text_image(text: str) -> bytes:
    fig = go.Figure()
    fig.update_layout(
        width=400,
        height=120,
        margin=dict(l=0, r=0, t=0, b=0),
        xaxis_visible=False,
        yaxis_visible=False,
        plot_bgcolor="#fff",
        paper_bgcolor="#fff",
        annotations=[
            dict(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font=dict(family=FONT, size=40))
        ],
    )
    return pio.to_image(fig, format="png")


def test_chinese_is_drawn_with_real_glyphs_not_empty_boxes():
    """Characters no font has are drawn as boxes; Chinese must look different from them, and each different."""
    with warm_browser():
        chinese = _text_image("高新技术")
        other_chinese = _text_image("产业链条")
        boxes = _text_image("\U000f0001\U000f0002\U000f0003\U000f0004")  # private use: a box in any font
    assert chinese != boxes and other_chinese != boxes and chinese != other_chinese


def test_export_one_chart_as_png_svg_and_embed(tmp_path, plan):
    chart = plan.indicators[0].id  # the site's current plan: the one the script exports from
    result = subprocess.run(
        SCRIPT
        + [
            "export",
            chart,
            "--lang",
            "zh",
            "en",
            "--format",
            "png",
            "svg",
            "html",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "6/6" in result.stderr  # the progress bar reached the end
    for lang in ("zh", "en"):
        assert _png_size((tmp_path / f"{chart}.{lang}.png").read_bytes()) == (1600, 1000)
        assert (tmp_path / f"{chart}.{lang}.svg").read_text(encoding="utf-8").startswith("<svg")
        html = (tmp_path / f"{chart}.{lang}.html").read_text(encoding="utf-8")
        assert 'data-plotly="' in html and "http://127.0.0.1:8000/" in html  # standalone: full addresses


def test_an_unchanged_chart_is_not_rendered_again(tmp_path):
    args = SCRIPT + ["export", "overview", "--format", "png", "--out"]  # every plan has its overview chart
    subprocess.run(args + [str(tmp_path / "a")], check=True, capture_output=True, cwd=paths.ROOT)
    time.monotonic()
    env = dict(os.environ, BROWSER_PATH="/nonexistent/chromium", PATH=str(Path(sys.executable).parent))
    # With the image cached, no browser is needed at all: a missing one must not matter.
    result = subprocess.run(args + [str(tmp_path / "b")], capture_output=True, text=True, cwd=paths.ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a" / "overview.zh.png").read_bytes() == (tmp_path / "b" / "overview.zh.png").read_bytes()


def test_list_names_every_chart(plan):
    """One line per chart the plan has: each indicator's, the overview, and the chains chart if it has chains."""
    out = subprocess.run(SCRIPT + ["list"], capture_output=True, text=True, cwd=paths.ROOT, check=True).stdout
    listed = [line.split()[0] for line in out.strip().splitlines()]
    expected = [i.id for i in plan.indicators] + ["overview"] + (["projects-by-chain"] if plan.chains else [])
    assert sorted(listed) == sorted(expected)


def test_unknown_chart_id_is_a_clear_error(plan, tmp_path):
    typo = plan.indicators[0].id[:-1] + "z"  # one letter off a real chart id
    result = subprocess.run(
        SCRIPT + ["export", typo, "--out", str(tmp_path)], capture_output=True, text=True, cwd=paths.ROOT
    )
    assert result.returncode == 2 and typo in result.stderr and "list" in result.stderr


def test_missing_chromium_is_a_clear_error(tmp_path):
    env = dict(os.environ, BROWSER_PATH="/nonexistent/chromium", PATH=str(Path(sys.executable).parent))
    result = subprocess.run(
        SCRIPT + ["export", "overview", "--lang", "en", "--format", "svg", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        env=env | {"PLANSITE_CACHE": str(tmp_path / "empty-cache")},
    )
    assert result.returncode == 3 and "Chromium" in result.stderr


def webp_size(data: bytes) -> tuple[int, int]:
    """Width and height from a WebP file's header (lossy VP8, lossless VP8L or extended VP8X)."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", data[:16]
    kind = data[12:16]
    if kind == b"VP8 ":
        assert data[23:26] == b"\x9d\x01\x2a"  # the key frame's start code
        w, h = struct.unpack("<HH", data[26:30])
        return w & 0x3FFF, h & 0x3FFF
    if kind == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    assert kind == b"VP8X", kind
    return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1


def test_page_images_are_webp_of_each_layout_width_and_reused_from_the_cache(tmp_path, plan, monkeypatch):
    import plansite.images as images
    from plansite.charts import SCREEN_SCALE, SCREEN_WIDTHS
    from plansite.render import Renderer

    chart = Renderer(plan, "zh").charts[plan.indicators[0].id]
    written = images.render_screen_images([chart], tmp_path / "a", tmp_path / "cache")
    assert len(written) == len(SCREEN_WIDTHS)
    for size in SCREEN_WIDTHS:
        image = chart.screen_image(size)
        data = (tmp_path / "a" / image.path).read_bytes()
        assert webp_size(data) == (image.width * SCREEN_SCALE, image.height * SCREEN_SCALE)

    def no_browser():
        raise AssertionError("an unchanged figure must not start Chromium")

    monkeypatch.setattr(images, "warm_browser", no_browser)
    images.render_screen_images([chart], tmp_path / "b", tmp_path / "cache")
    for size in SCREEN_WIDTHS:
        path = chart.screen_image(size).path
        assert (tmp_path / "b" / path).read_bytes() == (tmp_path / "a" / path).read_bytes()
