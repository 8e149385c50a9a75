"""Rules for the kinds kept one item per file (sources/, observations/, status/): each file named by its item's
key, each status entry in its own folder, each key in one file only.

One item per file lets the form editor (Decap CMS) rewrite a file on save without touching any other item; the
file name is the item's key, so a copied file that was not renamed is a value or an entry entered twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from ..catalog import ITEM_KINDS, STATUS_KINDS, item_stem
from .base import Context, Parsed, rule

_KEY_FIELD = {"source": ("id",), "observation": ("indicator",)}


def _key_loc(pc: Parsed) -> tuple:
    """The field the file's name is made of: a source's id, an observation's indicator, an entry's project."""
    if pc.kind.name in STATUS_KINDS:
        return ("project",) if pc.model.project is not None else ("milestone",)
    return _KEY_FIELD[pc.kind.name]


def _status_key(pc: Parsed) -> str | None:
    return item_stem(pc.kind.name, pc.model)


def _by_key(items: Iterable[Parsed], key) -> dict[str, list[Parsed]]:
    groups: dict[str, list[Parsed]] = {}
    for pc in items:
        k = key(pc)
        if k is not None:
            groups.setdefault(k, []).append(pc)
    return groups


def _duplicated(ctx: Context) -> set[str]:
    """Files whose key another file has too (reported as a duplicate, not as a naming slip)."""
    out: set[str] = set()
    for kinds in (("source",), ("observation",), tuple(STATUS_KINDS)):
        for group in _by_key(ctx.items(*kinds), lambda pc: item_stem(pc.kind.name, pc.model)).values():
            if len(group) > 1:
                out.update(pc.doc.file for pc in group)
    return out


@rule(
    "item-file-name",
    ("file-name-mismatch",),
    "每个来源、观测值和进展条目的文件名就是它的 id（来源）、“指标-年份”（观测值）或“项目或里程碑-日期”（进展条目）",
    fixture="file-name-mismatch",
)
def item_file_name(ctx: Context):
    duplicated = _duplicated(ctx)
    for pc in ctx.items(*ITEM_KINDS):
        expected = item_stem(pc.kind.name, pc.model)
        name = PurePosixPath(pc.doc.file)
        if expected is None or name.stem == expected or pc.doc.file in duplicated:
            continue
        ctx.add(
            "file-name-mismatch",
            pc,
            _key_loc(pc),
            name.name,
            f"文件名应为 {expected}.yaml",
            hint=f"把文件 {name.name} 改名为 {expected}.yaml（文件名由条目自己的内容决定，改了内容也要改文件名）。",
        )


@rule(
    "status-folder",
    ("status-wrong-folder",),
    "重点项目的进展条目放在 status/projects/，里程碑的放在 status/milestones/",
)
def status_folder(ctx: Context):
    for pc in ctx.status_entries():
        about = STATUS_KINDS[pc.kind.name]  # what this folder holds: project or milestone
        other = "milestone" if about == "project" else "project"
        e = pc.model
        if getattr(e, other) is not None and getattr(e, about) is None:
            folder = "status/milestones/" if other == "milestone" else "status/projects/"
            ctx.add(
                "status-wrong-folder",
                pc,
                (other,),
                getattr(e, other),
                f"这是{'里程碑' if other == 'milestone' else '重点项目'}的进展条目，应放在 {folder} 文件夹中",
            )


def _report_both(ctx: Context, code: str, groups: dict[str, list[Parsed]], loc, what: str):
    for key, group in groups.items():
        if len(group) < 2:
            continue
        for pc in group:
            others = "、".join(f"{x.doc.file}:{x.doc.where(loc(x))[0]}" for x in group if x is not pc)
            ctx.add(code, pc, loc(pc), key, f"{what}“{key}”在 {others} 也有一条")


@rule(
    "status-unique",
    ("status-duplicate",),
    "同一个项目或里程碑在同一天只有一条进展条目（在一个文件里）",
)
def status_unique(ctx: Context):
    _report_both(ctx, "status-duplicate", _by_key(ctx.status_entries(), _status_key), _key_loc, "进展条目")
