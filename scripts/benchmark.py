"""Measure the site's budgets; write the figures to benchmarks/results.json and a readable benchmarks/results.md.

A script, not a test: timings and scores on shared machines are noisy, so they are recorded, never asserted.
Pages are served gzip-compressed, as a real static host (GitHub Pages, nginx) serves them.

  python scripts/benchmark.py                 # build twice (cold and warm image cache), then measure
  python scripts/benchmark.py --site /tmp/s   # measure an existing build (no build timings)
  python scripts/benchmark.py --runs 1        # quicker: one Lighthouse run per page and form factor

Budgets (issue 10): Lighthouse mobile performance >= 95 (median of 3 runs) on the home page, an indicator page,
a chain page, a plan section, the progress board and an embed page; CLS <= 0.05 everywhere, desktop too; an
indicator page before interaction <= 150 KB gzip in all; the search index loads only when a reader starts to search.
Lighthouse 12.2.3 (npm) runs with Debian's Chromium; `make benchmark` installs it into .cache/benchmark-tools.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from plansite import paths
from plansite.check import load_plan
from plansite.images import render_images
from plansite.localserver import CHROMIUM, CHROMIUM_ARGS, StaticSiteHandler
from plansite.render import Renderer

OUT = paths.ROOT / "benchmarks"
TOOLS = paths.ROOT / ".cache" / "benchmark-tools"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_VERSION = "12.2.3"

PERFORMANCE_MIN = 95  # Lighthouse mobile performance, median of the runs
CLS_MAX = 0.05  # mobile and desktop
WEIGHT_MAX_KB = 150  # gzip, everything a page loads before interaction


def pages(plan) -> dict[str, str]:
    """The measured pages, taken from the data: the first indicator and chain, the longest plan section page."""

    def size(division) -> int:
        return len(division.paragraphs) + sum(size(d) for d in division.children)

    sections = [unit for chapter, unit in plan.page_units() if unit is not chapter]
    section = max(sections, key=size) if sections else None
    chosen = {
        "home": "",
        "indicator page": f"indicators/{plan.indicators[0].id}/",
        "chain page": f"industries/{plan.chains[0].id}/",
        "plan section": f"plan/{section.id}/" if section else "plan/",
        "progress board": "progress/",
        "embed page": f"embed/{plan.indicators[0].id}/",
    }
    return {name: plan_prefix() + path for name, path in chosen.items()}


def plan_prefix() -> str:
    """The current plan's address prefix (data/site.yaml): its pages are under it."""
    import yaml

    settings = paths.DATA / "site.yaml"
    return yaml.safe_load(settings.read_text(encoding="utf-8"))["current"] + "/" if settings.exists() else ""


def more_pages() -> dict[str, str]:
    """Also measured for CLS (the issue saw 0.16 on desktop chart and overview pages) and weight, not for the score."""
    return {
        "indicators overview (chart)": plan_prefix() + "indicators/",
        "industries overview (chart)": plan_prefix() + "industries/",
    }


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map", ".webmanifest")


class GzipHandler(StaticSiteHandler):
    """The site's files, gzip-compressed when the client accepts it (text types only), as a real host serves them."""

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the slash address
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.endswith(COMPRESSIBLE) and os.path.isfile(path)):
            return super().send_head()
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def serve_gzip(site: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


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


def page_weight(base: str, measured: dict[str, str]) -> dict:
    """What each page loads at 375 px, on load and scrolled to its end, before any interaction (bytes on the wire)."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in measured.items():
            context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
            requests: list = []
            # a partial, not requests.append itself: Playwright sets an attribute on its handlers
            context.on("requestfinished", functools.partial(list.append, requests))
            page = context.new_page()
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            for _ in range(80):  # scroll to the end, as a reader does
                page.mouse.wheel(0, 600)
                page.wait_for_timeout(50)
                if page.evaluate("innerHeight + scrollY >= document.documentElement.scrollHeight - 2"):
                    break
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            wire = raw = 0
            for r in requests:
                sizes = r.sizes()
                wire += sizes["responseBodySize"] + sizes["responseHeadersSize"]
                response = r.response()
                raw += len(response.body()) if response and response.status < 300 else 0
            urls = [r.url for r in requests]
            entry = {
                "path": "/" + path,
                "requests": len(requests),
                "transferred_kb (gzip, headers included)": round(wire / 1024, 1),
                "uncompressed_kb": round(raw / 1024, 1),
                "plotly_loaded": any("plotly" in u for u in urls),
                "search_index_loaded": any("search_index" in u for u in urls),
            }
            if page.locator(".chart__open").count():  # then the reader asks for the interactive chart
                before = len(requests)
                page.locator(".chart__open").first.click()
                page.wait_for_selector(".chart.chart--ready", timeout=60_000)
                page.wait_for_load_state("networkidle")
                added = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in requests[before:])
                entry["after asking for the interactive chart: more kb"] = round(added / 1024, 1)
            if path == plan_prefix():  # the plan's home: also the search index, loaded on first use
                before = len(requests)
                page.evaluate("scrollTo(0, 0)")
                page.locator("label.md-header__button[for=__search], input.md-search__input").first.click()
                for _ in range(50):  # lazy-search.js sends the held-back request once the box has the focus
                    page.wait_for_timeout(100)
                    if any("search_index" in r.url for r in requests[before:]):
                        break
                entry["search index loaded once the reader starts to search"] = any(
                    "search_index" in r.url for r in requests[before:]
                )
            entry["within_budget"] = wire / 1024 <= WEIGHT_MAX_KB and not entry["plotly_loaded"]
            results[name] = entry
            context.close()
        browser.close()
    return results


def lighthouse(url: str, desktop: bool, out: Path) -> dict:
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--chrome-flags=" + " ".join(a if a != "--headless" else "--headless=new" for a in CHROMIUM_ARGS),
    ]
    if desktop:
        cmd.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=shutil.which("chromium") or CHROMIUM)
    subprocess.run(cmd, check=True, env=env, capture_output=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]

    def value(key: str) -> float:
        return audits[key].get("numericValue") or 0.0

    shifts = audits.get("layout-shifts", {}).get("details", {}).get("items", [])
    return {
        "score": round((report["categories"]["performance"]["score"] or 0) * 100),
        "fcp_ms": round(value("first-contentful-paint")),
        "lcp_ms": round(value("largest-contentful-paint")),
        "tbt_ms": round(value("total-blocking-time")),
        "cls": round(value("cumulative-layout-shift"), 3),
        "si_ms": round(value("speed-index")),
        "transfer_kb": round(value("total-byte-weight") / 1024, 1),
        "shifted": [item.get("node", {}).get("selector", "") for item in shifts][:3],
        "warnings": report.get("runWarnings", []),
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),  # the host's CPU, as Lighthouse saw it
        "load_average": round(os.getloadavg()[0], 1),
    }


def lighthouse_all(base: str, scored: dict[str, str], extra: dict[str, str], runs: int) -> dict:
    if not LIGHTHOUSE.exists():
        raise SystemExit(
            f"Lighthouse not found: npm install --prefix {TOOLS} lighthouse@{LIGHTHOUSE_VERSION} (make benchmark does it)"
        )
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, path in {**scored, **extra}.items():
            entry: dict = {"path": "/" + path}
            forms = (("mobile", runs if name in scored else 1), ("desktop", 1))  # desktop: for CLS, not scored
            for form, n in forms:
                got = [lighthouse(base + path, form == "desktop", Path(scratch) / "r.json") for _ in range(n)]
                median = sorted(got, key=lambda r: r["score"])[len(got) // 2]
                entry[form] = {
                    "runs": len(got),
                    "scores": [r["score"] for r in got],
                    "score_median": statistics.median(r["score"] for r in got),
                    "cls_max": max(r["cls"] for r in got),
                    "median_run": median,
                }
            entry["scored"] = name in scored
            entry["performance_ok"] = entry["mobile"]["score_median"] >= PERFORMANCE_MIN if name in scored else None
            entry["cls_ok"] = max(entry["mobile"]["cls_max"], entry["desktop"]["cls_max"]) <= CLS_MAX
            results[name] = entry
            print(
                f"{name:32} mobile {entry['mobile']['scores']} desktop {entry['desktop']['scores']} "
                f"CLS {entry['mobile']['cls_max']}/{entry['desktop']['cls_max']}",
                file=sys.stderr,
                flush=True,
            )
    return results


def markdown(result: dict) -> str:
    lh, weight = result["lighthouse"], result["page_weight"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {result['measured_at']} on {result['machine']} by `scripts/benchmark.py` (`make benchmark`);",
        f"Lighthouse {LIGHTHOUSE_VERSION}, Debian Chromium, performance category only, pages served gzip-compressed.",
        "Mobile is Lighthouse's default (Moto G Power, simulated slow 4G, 4× CPU); desktop is `--preset=desktop` (one run, for CLS).",
        f"Budgets: mobile performance ≥ {PERFORMANCE_MIN} (median of {result['lighthouse_runs']} runs), "
        f"CLS ≤ {CLS_MAX} on mobile and desktop, ≤ {WEIGHT_MAX_KB} KB gzip before interaction, plotly.js only on request.",
        "Figures are recorded, never asserted: on a shared machine the mobile score follows the host's load (Lighthouse",
        "simulates a slow phone from the CPU time it observes); each run's load average and Lighthouse's benchmarkIndex",
        f"are in results.json (this run: load {result.get('load_average', '?')}).",
        "",
        "| page | mobile score (runs) | LCP ms | TBT ms | CLS mobile | CLS desktop | desktop score | KB before interaction | met |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, entry in lh.items():
        mob, desk = entry["mobile"], entry["desktop"]
        w = weight.get(name, {})
        ok = entry["cls_ok"] and (entry["performance_ok"] is not False) and w.get("within_budget", True)
        score = f"{mob['score_median']:g} ({', '.join(map(str, mob['scores']))})" if entry["scored"] else "(not scored)"
        lines.append(
            f"| {name} `{entry['path']}` | {score} | {mob['median_run']['lcp_ms']} | {mob['median_run']['tbt_ms']} | "
            f"{mob['cls_max']} | {desk['cls_max']} | {desk['score_median']:g} | "
            f"{w.get('transferred_kb (gzip, headers included)', '')} | {'yes' if ok else '**no**'} |"
        )
    lines += ["", "Page weight at 375 px, loaded and scrolled to the end, before interaction:", ""]
    lines += [
        "| page | requests | KB on the wire (gzip) | KB uncompressed | plotly.js | search index | KB more on request |"
    ]
    lines += ["| --- | --- | --- | --- | --- | --- | --- |"]
    for name, w in weight.items():
        more = w.get("after asking for the interactive chart: more kb", "")
        lines.append(
            f"| {name} | {w['requests']} | {w['transferred_kb (gzip, headers included)']} | {w['uncompressed_kb']} | "
            f"{'loaded' if w['plotly_loaded'] else 'not loaded'} | {'loaded' if w['search_index_loaded'] else 'not loaded'} "
            f"| {more} |"
        )
    home = weight.get("home", {})
    if "search index loaded once the reader starts to search" in home:
        lines += [
            "",
            "Search index on the home page: not loaded on load or scroll; loaded once the reader opens search: "
            f"{'yes' if home['search index loaded once the reader starts to search'] else '**no**'}.",
        ]
    for key in ("build", "build (earlier run)"):
        if result.get(key):
            lines += ["", f"| {key} | seconds |", "| --- | --- |"]
            lines += [f"| {k} | {v} |" for k, v in result[key].items()]
    for key in ("png_export", "png_export (earlier run)"):
        if result.get(key):
            lines += ["", f"| {key} (news images) | |", "| --- | --- |"]
            lines += [f"| {k} | {v} |" for k, v in result[key].items()]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="measure this build instead of building twice")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and form factor")
    args = parser.parse_args()
    plan = load_plan(paths.DATA, paths.ROOT)
    scored, extra = pages(plan), more_pages()
    result: dict = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "lighthouse_runs": args.runs,
        "load_average": "start " + " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }
    earlier = OUT / "results.json"
    if args.site and earlier.exists():  # no build timed this run: keep the last measured ones, saying when
        last = json.loads(earlier.read_text(encoding="utf-8"))
        if "build" in last or "build (earlier run)" in last:
            result["build (earlier run)"] = last.get("build (earlier run)") or {
                "measured_at": last["measured_at"],
                **last["build"],
            }
            result["png_export (earlier run)"] = last.get("png_export (earlier run)") or last.get("png_export")
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        site = args.site
        if site is None:
            cold_cache = tmp / "empty-cache"
            result["build"] = {
                "clean build, both languages, no image cache (s)": build(tmp / "site1", cold_cache),
                "clean build, both languages, image cache warm (s)": build(tmp / "site2", cold_cache),
            }
            result["png_export"] = png_times(tmp / "png-cache")
            site = tmp / "site2"
        server = serve_gzip(site)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            result["page_weight"] = page_weight(base, {**scored, **extra})
            result["lighthouse"] = lighthouse_all(base, scored, extra, args.runs)
        finally:
            server.shutdown()
    result["load_average"] += ", end " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    result["budgets_met"] = all(
        e["cls_ok"] and e["performance_ok"] is not False for e in result["lighthouse"].values()
    ) and all(w["within_budget"] for w in result["page_weight"].values())
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (OUT / "results.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
