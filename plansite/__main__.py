"""Command line: `python -m plansite check` and `python -m plansite schemas`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .check import check
from .schemas import stale_schemas, write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m plansite", description="天门市科技创新“十四五”规划网站的数据工具")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="检查 data/ 中的全部数据文件")
    c.add_argument("--data", type=Path, default=paths.DATA, help="数据文件夹（默认 data/）")
    c.add_argument("--warnings", action="store_true", help="同时列出每一条警告")
    c.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github：输出 GitHub Actions 注释，显示在拉取请求的对应行上",
    )
    s = sub.add_parser("schemas", help="由模型重新生成 schemas/ 中的 JSON Schema")
    s.add_argument("--check", action="store_true", help="只检查是否过期，不写文件")
    args = parser.parse_args(argv)

    if args.command == "check":
        data = args.data.resolve()
        root = Path.cwd() if data.is_relative_to(Path.cwd()) else data.parent
        report, _ = check(data, root)
        for p in report.problems:
            if p.severity == "error" or args.warnings:
                print(p.github() if args.format == "github" else p.format())
        print(report.summary())
        return 1 if report.errors else 0
    if args.check:
        stale = stale_schemas(paths.SCHEMAS)
        for name in stale:
            print(f"schemas/{name} 已过期：请运行 python -m plansite schemas")
        return 1 if stale else 0
    for name in write_schemas(paths.SCHEMAS):
        print(f"写入 schemas/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
