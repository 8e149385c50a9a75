"""Load and check data/: each file's structure first, then the rules across files.

Every problem is collected; nothing raises on user input. `load_plan` returns the
Plan only when there is no error, so nothing half-built is ever rendered.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import facts
from . import models as m
from .catalog import ITEM_KINDS, KINDS, claim, item_stem, site_dir_of
from .plan import Plan
from .plan import build as build_plan
from .problems import CODES, ERROR, WARNING, DataError, Problem, codes_for, field_path, rel
from .rules import RULES, Context, Parsed, run
from .rules.vocab import suggest
from .yamlsource import YamlDoc, load_yaml

_ALL_FIELDS = sorted(
    {
        name
        for model in vars(m).values()
        if isinstance(model, type) and issubclass(model, BaseModel)
        for name in model.model_fields
    }
)

_TYPE_DETAIL = {
    "model_type": "这里应当是一组“字段: 值”",
    "model_attributes_type": "这里应当是一组“字段: 值”",
    "dict_type": "这里应当是一组“字段: 值”",
    "list_type": "这里应当是一个列表（每项以“- ”开头）",
    "bool_type": "这里应当是 true 或 false",
    "bool_parsing": "这里应当是 true 或 false",
    "string_type": "这里应当是文字",
    "int_type": "这里应当是整数",
    "int_parsing": "这里应当是整数",
    "float_type": "这里应当是数字",
    "float_parsing": "这里应当是数字",
}


@dataclass
class Report:
    """Everything the checker found, and what it looked at."""

    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    texts: int = 0
    texts_translated: int = 0
    fired: dict[str, int] = field(default_factory=dict)  # rule name -> how many problems it raised

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def coverage(self) -> float:
        return self.texts_translated / self.texts if self.texts else 0.0

    def summary(self) -> str:
        return (
            f"检查了 {self.files_checked} 个文件：{len(self.errors)} 个错误，{len(self.warnings)} 个警告；"
            f"英文译文覆盖率 {self.coverage:.1%}（{self.texts_translated}/{self.texts}）"
        )


def _allowed(expected: str) -> list[str]:
    """The values in pydantic's "'a', 'b' or 'c'" list."""
    return [v.strip().strip("'\"") for v in expected.replace(" or ", ",").split(",") if v.strip()]


def _pydantic_problems(exc: ValidationError, doc: YamlDoc) -> Iterator[Problem]:
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        typ = err["type"]
        value = err.get("input")
        if isinstance(value, (dict, list)):
            value = None
        if typ == "missing":
            line, col = doc.where(loc[:-1])
            yield Problem("field-missing", doc.file, line, col, field_path(loc), detail=f"缺少“{loc[-1]}”")
        elif typ == "extra_forbidden":
            line, col = doc.where(loc, key=True)
            close = difflib.get_close_matches(str(loc[-1]), _ALL_FIELDS, n=1)
            hint = f"是不是想写“{close[0]}”？" if close else ""
            yield Problem("field-unknown", doc.file, line, col, field_path(loc), detail=f"“{loc[-1]}”", hint=hint)
        elif typ in CODES:  # raised by our own validators with our own code
            line, col = doc.where(loc)
            yield Problem(typ, doc.file, line, col, field_path(loc), value, detail=err["msg"])
        elif typ in ("literal_error", "enum"):
            line, col = doc.where(loc)
            expected = str(err.get("ctx", {}).get("expected", ""))
            right = suggest(value, _allowed(expected))
            yield Problem(
                "value-not-allowed",
                doc.file,
                line,
                col,
                field_path(loc),
                value,
                detail=(f"“{value}”请写作 {right}；" if right else "") + f"允许的值：{expected}",
                hint=f"把“{value}”改成 {right}（这里只认英文的 id）。" if right else "",
            )
        else:
            line, col = doc.where(loc)
            yield Problem(
                "type-wrong", doc.file, line, col, field_path(loc), value, detail=_TYPE_DETAIL.get(typ, err["msg"])
            )


def _structural(data_dir: Path, root: Path, report: Report) -> tuple[dict[str, list[Parsed]], set[str]]:
    """Parse and validate each file on its own. Returns the valid files and the kinds that had a failure."""
    claimed, unclaimed = claim(data_dir)
    for path in unclaimed:
        report.problems.append(
            Problem("file-unclaimed", rel(path, root), 0, 0, detail=f"{path.name} 不属于任何已知的数据类型")
        )
    parsed: dict[str, list[Parsed]] = {k.name: [] for k in KINDS}
    failed: set[str] = set()
    for kind in KINDS:
        files = claimed[kind.name]
        if not files and kind.required:
            failed.add(kind.name)
            where = data_dir if kind.scope == "plan" else site_dir_of(data_dir)
            report.problems.append(Problem("file-missing", rel(where / kind.pattern, root), 0, 0))
        for path in files:
            report.files_checked += 1
            doc, problems = load_yaml(path, rel(path, root))
            report.problems.extend(problems)
            if problems or doc.data is None:
                failed.add(kind.name)
                continue
            if not isinstance(doc.data, dict):
                report.problems.append(Problem("yaml-not-mapping", doc.file, 1, 1))
                failed.add(kind.name)
                continue
            try:
                model = kind.model.model_validate(doc.data)
            except ValidationError as exc:
                report.problems.extend(_pydantic_problems(exc, doc))
                failed.add(kind.name)
                continue
            parsed[kind.name].append(Parsed(kind, doc, model))
    return parsed, failed


__all__ = ["RULES", "Report", "check", "load_plan"]


def _texts(obj: Any, loc: tuple = ()) -> Iterator[tuple[tuple, m.Text]]:
    """Every {zh, en} pair in a model, with its path in the file."""
    if isinstance(obj, m.Text):
        yield loc, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name), loc + (name,))
    elif isinstance(obj, (list, tuple)):
        for i, x in enumerate(obj):
            yield from _texts(x, loc + (i,))
    elif isinstance(obj, dict):
        for key, x in obj.items():
            yield from _texts(x, loc + (key,))


def _translation(parsed: dict[str, list[Parsed]], report: Report):
    """Count the English coverage; once the plan says its translation is complete, an empty English is an error."""
    complete = any(pc.model.translation == "complete" for pc in parsed["plan"])
    for items in parsed.values():
        for pc in items:
            for loc, text in _texts(pc.model):
                report.texts += 1
                if text.en.strip():
                    report.texts_translated += 1
                elif complete:
                    line, col = pc.doc.where(loc + ("en",))
                    report.problems.append(
                        Problem(
                            "translation-missing",
                            pc.doc.file,
                            line,
                            col,
                            field_path(loc + ("en",)),
                            detail=f"中文：{text.zh[:40]}",
                        )
                    )


def _hints_for_this_plan(parsed: dict[str, list[Parsed]], problems: list[Problem]) -> list[Problem]:
    """Each hint with its {placeholders} filled from this plan's own plan.yaml (its period, baseline, earliest year)."""
    meta = next((pc.model for pc in parsed["plan"]), None)
    codes = codes_for(facts.hint_values(meta, [i for pc in parsed["indicators"] for i in pc.model.indicators]))
    return [
        p if p.hint or codes[p.code].hint == CODES[p.code].hint else replace(p, hint=codes[p.code].hint)
        for p in problems
    ]


def check(
    data_dir: Path,
    root: Path | None = None,
    today: dt.date | None = None,
    rules: set[str] | None = None,
) -> tuple[Report, Plan | None]:
    """Check everything under data_dir; return the report and, when there is no error, the Plan.

    `today` is the date nothing may be later than (default: the real today); `rules` runs only the
    named cross-file rules (tests use it to show what one rule alone catches).
    """
    root = root or data_dir.parent
    report = Report()
    parsed, failed = _structural(data_dir, root, report)
    ctx = Context(parsed, failed, report.problems, today or dt.date.today())
    run(ctx, only=rules)
    report.fired = dict(ctx.fired)
    _translation(parsed, report)
    report.problems = _hints_for_this_plan(parsed, report.problems)
    report.problems.sort(key=lambda p: (p.file, p.line, p.column, p.code))
    if report.errors:
        return report, None
    kinds = {k.name: k for k in KINDS}
    one = {k: parsed[k][0].model for k in parsed if parsed[k] and not kinds[k].many}
    files = {k: parsed[k][0].doc.file for k in one}
    for name, prefix in (("chain", "chain"), ("chapter", "chapter")):
        files.update({f"{prefix}/{pc.model.id}": pc.doc.file for pc in parsed[name]})
    for name in ITEM_KINDS:  # each item's own file: source/<id>, observation/<indicator>-<year>, status-project/…
        files.update({f"{name}/{item_stem(name, pc.model)}": pc.doc.file for pc in parsed[name]})
    for name in ITEM_KINDS:  # the folder new items of the kind go in (the data-gaps page links it)
        files[name] = rel(data_dir / kinds[name].pattern.rsplit("/", 1)[0], root)
    plan = build_plan(one, {k: [pc.model for pc in parsed[k]] for k in parsed if kinds[k].many}, files)
    return report, plan


def load_plan(data_dir: Path, root: Path | None = None) -> Plan:
    """The checked Plan; raises DataError carrying every problem when there is any error."""
    report, plan = check(data_dir, root)
    if plan is None:
        raise DataError(report.problems)
    return plan
