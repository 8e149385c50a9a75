"""Export the site's charts for news posts: PNG and SVG images and standalone embed pages.

  python scripts/build_charts.py list
  python scripts/build_charts.py export high-tech-enterprises --lang zh --format png --out ~/charts
  python scripts/build_charts.py export all --lang zh en --format png svg html --out exports

Images are 1600×1000 with the title, unit, source and the site's address drawn in; Chinese is drawn
with Noto Sans CJK SC (Debian: apt-get install chromium fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from plansite import paths
from plansite.images import ChromiumMissing, render_images
from plansite.outputs import site_address
from plansite.render import Renderer
from plansite.site import check_site

# The same addresses the site is built with (mkdocs.yml reads SITE_URL and SITE_URL_EN too).
CACHE = Path(os.environ.get("PLANSITE_CACHE", paths.ROOT / ".cache" / "charts"))  # images by figure content
SITE_URL = {
    "zh": os.environ.get("SITE_URL", "http://127.0.0.1:8000/"),
    "en": os.environ.get("SITE_URL_EN", "http://127.0.0.1:8000/en/"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_charts.py", description="导出图表 / export charts")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="列出全部图表 / list the charts")
    export = sub.add_parser("export", help="导出图表 / export charts")
    export.add_argument("charts", nargs="+", help="图表 id，或 all / chart ids, or all")
    export.add_argument("--lang", nargs="+", choices=("zh", "en"), default=["zh"])
    export.add_argument("--format", nargs="+", choices=("png", "svg", "html"), default=["png"])
    export.add_argument("--out", type=Path, default=Path("exports"), help="输出文件夹 / output folder")
    export.add_argument("--site-url", default=None, help="画在图片上的网址 / site address drawn into images")
    args = parser.parse_args(argv)

    report, site = check_site(paths.DATA, paths.ROOT)
    plan = site.current if site is not None else None  # the site's current plan (data/site.yaml)
    if plan is None:
        print("\n".join(p.format() for p in report.errors), file=sys.stderr)
        print(report.summary(), file=sys.stderr)
        return 1
    if args.command == "list":
        for chart in Renderer(plan, "zh").charts.values():
            print(f"{chart.id:36} {chart.title}")
        return 0

    known = list(Renderer(plan, "zh").charts)
    wanted = known if args.charts == ["all"] else args.charts
    unknown = [c for c in wanted if c not in known]
    if unknown:
        print(
            f"没有这个图表 / unknown chart: {', '.join(unknown)}\n"
            f"可用的图表 / available: python scripts/build_charts.py list",
            file=sys.stderr,
        )
        return 2
    total = len(wanted) * len(args.lang) * len(args.format)
    done = 0

    def progress(chart, fmt):
        nonlocal done
        done += 1
        bar = "#" * (30 * done // total)
        print(f"\r[{bar:<30}] {done}/{total} {chart.id}.{chart.lang}.{fmt}", end="", file=sys.stderr, flush=True)

    try:
        for lang in args.lang:
            site_url = (
                (args.site_url.rstrip("/") + ("/en/" if lang == "en" else "/")) if args.site_url else SITE_URL[lang]
            )
            prefix = f"{site.settings.current}/" if site is not None and site.prefixed else ""
            renderer = Renderer(plan, lang, site_url, prefix=prefix)  # the chart's page under the plan's prefix
            charts = [renderer.charts[c] for c in wanted]
            images = [f for f in args.format if f != "html"]
            if images:
                render_images(
                    charts,
                    args.out,
                    site_address(site_url),
                    CACHE,
                    formats=images,
                    name=lambda c, f: f"{c.id}.{c.lang}.{f}",
                    progress=progress,
                )
            if "html" in args.format:
                for chart in charts:
                    page = renderer.embed(chart.id, standalone=True)
                    (args.out / f"{chart.id}.{lang}.html").write_text(page, encoding="utf-8")
                    progress(chart, "html")
    except ChromiumMissing as e:
        print(f"\n{e}", file=sys.stderr)
        return 3
    print(f"\n写入 / written: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
