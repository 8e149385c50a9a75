"""Command line: `python -m plansite check` (data/ and the stories), `changes BASE [HEAD]`, `schemas` and
`cms-config` (the form editor's generated files in docs/admin/)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .schemas import EDITOR_SETTINGS, editor_settings_stale, stale_schemas, write_editor_settings, write_schemas
from .site import check_site
from .stories import LANGS, check_stories


def _language_folders(docs: Path) -> list[Path]:
    """docs/zh itself, or docs/ holding zh/ and en/."""
    if (docs / "updates").is_dir() or docs.name in LANGS or not any((docs / lang).is_dir() for lang in LANGS):
        return [docs]
    return [docs / lang for lang in LANGS]


def _story_folders(lang_dir: Path) -> list[tuple[str, Path]]:
    """(plan folder, folder holding updates/) in one language folder: docs/zh/2021-2025/, or docs/zh/ itself for
    one-plan data."""
    here = [("", lang_dir)] if (lang_dir / "updates").is_dir() else []
    if not lang_dir.is_dir():
        return here
    return here + [(p.name, p) for p in sorted(lang_dir.iterdir()) if (p / "updates").is_dir()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m plansite", description="规划网站的数据工具：检查 data/、生成 JSON Schema"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="检查 data/ 中的全部数据文件和 docs/<语言>/updates/ 中的全部动态文章")
    c.add_argument("--data", type=Path, default=paths.DATA, help="数据文件夹（默认 data/）")
    c.add_argument(
        "--docs",
        type=Path,
        action="append",
        help="动态文章所在的文件夹：docs/ 或某一语言的 docs/zh（其中有 updates/），可写多次；默认是数据文件夹旁边的 docs/",
    )
    c.add_argument("--warnings", action="store_true", help="同时列出每一条警告")
    c.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github：输出 GitHub Actions 注释，显示在拉取请求的对应行上",
    )
    ch = sub.add_parser(
        "changes",
        help="用文字说明两个 Git 版本之间的数据变更对读者意味着什么（Markdown，供拉取请求的评论使用）",
    )
    ch.add_argument("base", metavar="BASE", help="修改前的版本：提交、分支或标签（例如 main）")
    ch.add_argument("head", metavar="HEAD", nargs="?", help="修改后的版本；省略时比较工作区中（尚未提交）的文件")
    ch.add_argument("--lang", choices=("zh", "en"), default="zh", help="输出语言（默认中文）")
    ch.add_argument("--max-length", type=int, default=0, help="最多输出多少个字符（超出时截断并注明；0 表示不限）")
    cms = sub.add_parser(
        "cms-config", help="由模型和 data/ 重新生成表单编辑器（/admin/）的配置 docs/admin/config.yml 等文件"
    )
    cms.add_argument("--check", action="store_true", help="只检查是否过期，不写文件")
    s = sub.add_parser("schemas", help="由模型重新生成 schemas/ 中的 JSON Schema")
    s.add_argument("--check", action="store_true", help="只检查是否过期，不写文件")
    args = parser.parse_args(argv)

    if args.command == "check":
        data = args.data.resolve()
        root = Path.cwd() if data.is_relative_to(Path.cwd()) else data.parent
        report, site = check_site(data, root)
        docs = [folder for d in args.docs or [data.parent / "docs"] for folder in _language_folders(d)]
        missing = [d for d in args.docs or [] if not any(_story_folders(s) for s in _language_folders(d))]
        if missing:
            print(
                f"--docs {missing[0]}：其中没有 updates/ 文件夹（也没有 zh/updates/ 或 en/updates/）", file=sys.stderr
            )
            return 2
        for lang_dir in docs:  # each plan's stories against that plan (without one when data/ has errors)
            for folder, stories_dir in _story_folders(lang_dir):
                plan = site.plans.get(folder) if site is not None else None
                story_problems, stories = check_stories([stories_dir], root, plan)
                report.problems.extend(story_problems)
                report.files_checked += stories
        for p in report.problems:
            if p.severity == "error" or args.warnings:
                print(p.github() if args.format == "github" else p.format())
        print(report.summary())
        return 1 if report.errors else 0
    if args.command == "changes":
        from .changes import ChangesError, summarise, truncate

        try:
            text = summarise(args.base, args.head, args.lang)
        except ChangesError as e:
            print(e, file=sys.stderr)
            return 2
        print(truncate(text, args.max_length, args.lang) if args.max_length else text, end="")
        return 0
    if args.command == "cms-config":
        return _cms_config(args.check)
    if args.check:
        stale = stale_schemas(paths.SCHEMAS)
        for name in stale:
            print(f"schemas/{name} 已过期：请运行 python -m plansite schemas")
        if editor_settings_stale(paths.ROOT):
            print(f"{EDITOR_SETTINGS} 的 yaml.schemas 已过期：请运行 python -m plansite schemas")
            return 1
        return 1 if stale else 0
    for name in write_schemas(paths.SCHEMAS):
        print(f"写入 schemas/{name}")
    if write_editor_settings(paths.ROOT):
        print(f"写入 {EDITOR_SETTINGS}（yaml.schemas）")
    return 0


def _cms_config(check_only: bool) -> int:
    from . import cms

    report, site = check_site(paths.DATA, paths.ROOT)
    if site is None:
        for p in report.errors:
            print(p.format())
        print("data/ 中有错误：请先修正，再生成表单编辑器的配置", file=sys.stderr)
        return 1
    folder = paths.ROOT / cms.ADMIN
    generated = cms.texts(site)
    if check_only:
        stale = cms.stale(folder, generated)
        for name in stale:
            print(f"{cms.ADMIN.as_posix()}/{name} 已过期：请运行 python -m plansite cms-config")
        return 1 if stale else 0
    for name in cms.write(folder, generated):
        print(f"写入 {cms.ADMIN.as_posix()}/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
