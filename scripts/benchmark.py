"""Measure build time, image export time and page weight; write the figures to benchmarks/results.json.

A script, not a test: timings on shared machines are noisy, so they are recorded, never asserted.
  python scripts/benchmark.py
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from plansite import paths
from plansite.check import load_plan
from plansite.images import render_images
from plansite.localserver import CHROMIUM, CHROMIUM_ARGS, serve
from plansite.render import Renderer

OUT = paths.ROOT / "benchmarks" / "results.json"
TARGETS_GZIP_KB = {"text page": 150, "indicator page": 500, "embed page": 450}
PAGES = {
    "home (text page)": "",
    "plan section (text page)": "plan/3-2/",
    "indicator page": "indicators/high-tech-enterprises/",
    "embed page": "embed/high-tech-enterprises/",
}


def build(site: Path, cache: Path) -> float:
    env = dict(os.environ, PLANSITE_CACHE=str(cache), NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(paths.ROOT / "scripts" / "build_site.py"), str(site)],
        check=True,
        env=env,
        capture_output=True,
    )
    return round(time.perf_counter() - started, 2)


def png_times(cache: Path) -> dict:
    plan = load_plan(paths.DATA, paths.ROOT)
    charts = list(Renderer(plan, "zh").charts.values())
    stamps = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        render_images(
            charts,
            Path(out),
            "example.gov.cn",
            cache,
            formats=("png",),
            progress=lambda c, f: stamps.append(time.perf_counter()),
        )
    gaps = [b - a for a, b in zip([started] + stamps, stamps)]
    return {
        "charts": len(charts),
        "first_png_s (browser start included)": round(gaps[0], 2),
        "per_png_warm_s (median)": round(sorted(gaps[1:])[len(gaps[1:]) // 2], 3),
        "all_pngs_s": round(stamps[-1] - started, 2),
    }


def page_weight(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            context = browser.new_context(viewport={"width": 375, "height": 800})
            responses: list = []
            context.on("response", responses.append)
            page = context.new_page()
            page.goto(base + path)
            for chart in page.locator(".chart").all():
                chart.scroll_into_view_if_needed()
                page.wait_for_selector(".chart.chart--ready", timeout=30_000)
            page.wait_for_load_state("networkidle")
            raw = gz = 0
            for r in responses:
                body = r.body() if r.status < 300 else b""
                raw += len(body)
                gz += len(gzip.compress(body, 6))
            target = next(v for k, v in TARGETS_GZIP_KB.items() if k in name)
            results[name] = {
                "path": "/" + path,
                "requests": len(responses),
                "raw_kb": round(raw / 1024, 1),
                "gzip_kb": round(gz / 1024, 1),
                "target_gzip_kb": target,
                "within_target": gz / 1024 <= target,
            }
            context.close()
        browser.close()
    server.shutdown()
    return results


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        cold_cache = tmp / "empty-cache"
        figures = {
            "clean build, both languages, no image cache (s)": build(tmp / "site1", cold_cache),
            "clean build, both languages, image cache warm (s)": build(tmp / "site2", cold_cache),
        }
        pngs = png_times(tmp / "png-cache")
        weight = page_weight(tmp / "site2")
    result = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "build": figures,
        "png_export": pngs,
        "page_weight (375px, plotly loaded where there is a chart)": weight,
    }
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
