"""Load and check data/: each file's structure first, then the rules across files.

Every problem is collected; nothing raises on user input. `load_plan` returns the
Plan only when there is no error, so nothing half-built is ever rendered.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import models as m
from .catalog import KINDS, Kind, claim
from .plan import Plan
from .problems import CODES, ERROR, WARNING, DataError, Problem, field_path, rel
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
            yield Problem(
                "value-not-allowed",
                doc.file,
                line,
                col,
                field_path(loc),
                value,
                detail=f"允许的值：{err.get('ctx', {}).get('expected', '')}",
            )
        else:
            line, col = doc.where(loc)
            yield Problem(
                "type-wrong", doc.file, line, col, field_path(loc), value, detail=_TYPE_DETAIL.get(typ, err["msg"])
            )


@dataclass
class Parsed:
    """A file that passed its structural check."""

    kind: Kind
    doc: YamlDoc
    model: Any


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
        if not files:
            failed.add(kind.name)
            report.problems.append(Problem("file-missing", rel(data_dir / kind.pattern, root), 0, 0))
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


# ---------------------------------------------------------------------------- cross-file rules


class _Ids:
    """Ids of one kind, where each was defined, and whether the set is complete enough to check refs against."""

    def __init__(self, complete: bool):
        self.where: dict[str, tuple[str, int, int]] = {}
        self.complete = complete


_SPACE_KIND = {
    "indicator": "indicators",
    "chain": "chain",
    "project": "chain",
    "commitment": "commitments",
    "milestone": "commitments",
    "reference": "references",
    "note": "editorial-notes",
    "source": "sources",
    "term": "glossary",
    "paragraph": "chapter",
    "division": "chapter",
}


class _Cross:
    def __init__(self, parsed: dict[str, list[Parsed]], failed: set[str], report: Report):
        self.p = parsed
        self.failed = failed
        self.report = report
        self.ids: dict[str, _Ids] = {}
        self.paragraph_text: dict[str, str] = {}
        self.heading_text: dict[str, str] = {}
        self.project_text: dict[str, str] = {}

    def add(self, code: str, parsed: Parsed, loc: tuple, value: Any = None, detail: str = "", key: bool = False):
        line, col = parsed.doc.where(loc, key=key)
        self.report.problems.append(Problem(code, parsed.doc.file, line, col, field_path(loc), value, detail))

    def define(self, space: str, parsed: Parsed, loc: tuple, id: str):
        ids = self.ids.setdefault(space, _Ids(_SPACE_KIND[space] not in self.failed))
        line, col = parsed.doc.where(loc)
        if id in ids.where:
            f, l, _ = ids.where[id]
            self.add("id-duplicate", parsed, loc, id, f"“{id}”已在 {f}:{l} 使用")
        else:
            ids.where[id] = (parsed.doc.file, line, col)

    def ref(self, space: str, code: str, parsed: Parsed, loc: tuple, id: str | None):
        ids = self.ids.get(space)
        if id is None or ids is None or not ids.complete:
            return
        if id not in ids.where:
            close = difflib.get_close_matches(id, list(ids.where), n=1)
            self.add(code, parsed, loc, id, f"找不到“{id}”" + (f"，是不是“{close[0]}”？" if close else ""))

    # -- definitions -------------------------------------------------------------------------------
    def collect(self):
        for pc in self.p["chapter"]:
            self._divisions(pc, pc.model, ())
        for pc in self.p["indicators"]:
            for i, ind in enumerate(pc.model.indicators):
                self.define("indicator", pc, ("indicators", i, "id"), ind.id)
        for pc in self.p["chain"]:
            self.define("chain", pc, ("id",), pc.model.id)
            for j, pr in enumerate(pc.model.projects):
                self.define("project", pc, ("projects", j, "id"), pr.id)
                self.project_text[pr.id] = pr.name.zh + pr.description.zh
        for pc in self.p["commitments"]:
            for i, c in enumerate(pc.model.commitments):
                self.define("commitment", pc, ("commitments", i, "id"), c.id)
            for i, ms in enumerate(pc.model.milestones):
                self.define("milestone", pc, ("milestones", i, "id"), ms.id)
        for pc in self.p["references"]:
            for i, r in enumerate(pc.model.references):
                self.define("reference", pc, ("references", i, "id"), r.id)
        for pc in self.p["editorial-notes"]:
            for i, n in enumerate(pc.model.notes):
                self.define("note", pc, ("notes", i, "id"), n.id)
        for pc in self.p["sources"]:
            for i, s in enumerate(pc.model.sources):
                self.define("source", pc, ("sources", i, "id"), s.id)
        for pc in self.p["glossary"]:
            for i, t in enumerate(pc.model.terms):
                self.define("term", pc, ("terms", i, "id"), t.id)
        for space, kind in _SPACE_KIND.items():  # kinds with no valid file define nothing
            self.ids.setdefault(space, _Ids(kind not in self.failed))

    def _divisions(self, pc: Parsed, div: m.Division, loc: tuple):
        self.define("division", pc, loc + ("id",), div.id)
        self.heading_text[div.id] = div.title.zh + (div.source_heading or "")
        for i, p in enumerate(div.paragraphs):
            self.define("paragraph", pc, loc + ("paragraphs", i, "id"), p.id)
            self.paragraph_text[p.id] = (p.lead.zh if p.lead else "") + p.text.zh
        for i, child in enumerate(div.children):
            self._divisions(pc, child, loc + ("children", i))

    # -- rules -------------------------------------------------------------------------------------
    def rules(self):
        for pc in self.p["chapter"]:
            self._division_refs(pc, pc.model, ())
        for pc in self.p["indicators"]:
            self._indicators(pc)
        for pc in self.p["plan"]:
            self.ref("source", "ref-unknown-source", pc, ("source",), pc.model.source)
            for i, ind in enumerate(pc.model.headline_indicators):
                self.ref("indicator", "ref-unknown-indicator", pc, ("headline_indicators", i), ind)
        for pc in self.p["chain"]:
            self.ref("division", "ref-unknown-division", pc, ("division",), pc.model.division)
            self._numbering(pc, [(("projects", j, "number"), p.number) for j, p in enumerate(pc.model.projects)], [])
        if self.p["chain"]:
            chains = self.p["chain"]
            orders = sorted(((pc.model.order, pc) for pc in chains), key=lambda t: t[0])
            for n, (order, pc) in enumerate(orders, start=1):
                if order != n:
                    self.add("numbering-gap", pc, ("order",), order, f"产业链顺序应为 1—{len(chains)} 连续编号")
                    break
        for pc in self.p["commitments"]:
            for i, c in enumerate(pc.model.commitments):
                self.ref("paragraph", "ref-unknown-paragraph", pc, ("commitments", i, "paragraph"), c.paragraph)
                self.ref("indicator", "ref-unknown-indicator", pc, ("commitments", i, "indicator"), c.indicator)
                self.ref("note", "ref-unknown-note", pc, ("commitments", i, "note"), c.note)
            for i, ms in enumerate(pc.model.milestones):
                for j, pid in enumerate(ms.paragraphs):
                    self.ref("paragraph", "ref-unknown-paragraph", pc, ("milestones", i, "paragraphs", j), pid)
        for pc in self.p["references"]:
            for i, r in enumerate(pc.model.references):
                for j, pid in enumerate(r.paragraphs):
                    self.ref("paragraph", "ref-unknown-paragraph", pc, ("references", i, "paragraphs", j), pid)
        for pc in self.p["editorial-notes"]:
            self._notes(pc)
        for pc in self.p["sources"]:
            for i, s in enumerate(pc.model.sources):
                if not s.url:
                    self.add("source-no-url", pc, ("sources", i), s.id)
                if not s.date:
                    self.add("source-no-date", pc, ("sources", i), s.id)
        for pc in self.p["observations"]:
            self._observations(pc)
        for pc in self.p["status"]:
            self._status(pc)

    def _division_refs(self, pc: Parsed, div: m.Division, loc: tuple):
        self.ref("chain", "ref-unknown-chain", pc, loc + ("box",), div.box)
        for i, child in enumerate(div.children):
            self._division_refs(pc, child, loc + ("children", i))

    def _numbering(self, pc: Parsed, numbered: list[tuple[tuple, int]], gaps: list[int]):
        expected = 1
        seen: set[int] = set()
        for loc, n in numbered:
            if n in seen:
                self.add("numbering-duplicate", pc, loc, n)
                continue
            seen.add(n)
            while expected in gaps:
                expected += 1
            if n != expected:
                self.add("numbering-gap", pc, loc, n, f"应为 {expected}")
            expected = n + 1

    def _indicators(self, pc: Parsed):
        t: m.IndicatorTable = pc.model
        self.ref("division", "ref-unknown-division", pc, ("division",), t.division)
        self._numbering(
            pc,
            [(("indicators", i, "number"), ind.number) for i, ind in enumerate(t.indicators)],
            [g.number for g in t.numbering_gaps],
        )
        for i, ind in enumerate(t.indicators):
            base = ("indicators", i)
            for j, pid in enumerate(ind.target.paragraphs):
                self.ref("paragraph", "ref-unknown-paragraph", pc, base + ("target", "paragraphs", j), pid)
            self.ref("paragraph", "ref-unknown-paragraph", pc, base + ("unit_paragraph",), ind.unit_paragraph)
            if ind.unit_source != "none" and ind.unit is None:
                self.add("field-missing", pc, base, None, f"unit_source 为 {ind.unit_source}，但缺少 unit")
            if ind.unit_source == "text" and not ind.unit_paragraph:
                self.add("field-missing", pc, base, None, "单位取自正文时，需用 unit_paragraph 注明是哪一段")
            for j, e in enumerate(ind.earlier):
                self.ref("paragraph", "ref-unknown-paragraph", pc, base + ("earlier", j, "paragraph"), e.paragraph)
                if not units_compatible(e.unit.zh, ind.unit.zh if ind.unit else None):
                    self.add(
                        "unit-mismatch",
                        pc,
                        base + ("earlier", j, "unit", "zh"),
                        e.unit.zh,
                        f"指标单位是“{ind.unit.zh if ind.unit else '（无）'}”",
                    )
                if e.year >= ind.baseline.year:
                    self.add(
                        "year-out-of-range",
                        pc,
                        base + ("earlier", j, "year"),
                        e.year,
                        f"早期数值的年份应早于基期 {ind.baseline.year} 年",
                    )
            if ind.target.year <= ind.baseline.year:
                self.add("year-out-of-range", pc, base + ("target", "year"), ind.target.year, "目标年份应晚于基期")

    def _notes(self, pc: Parsed):
        for i, n in enumerate(pc.model.notes):
            loc = ("notes", i)
            if n.scope == "global":
                continue
            space, code, texts = {
                "paragraph": ("paragraph", "ref-unknown-paragraph", self.paragraph_text),
                "heading": ("division", "ref-unknown-division", self.heading_text),
                "project": ("project", "ref-unknown-project", self.project_text),
            }[n.scope]
            if n.target is None:
                self.add("field-missing", pc, loc, None, "非全局的勘误说明必须注明 target")
                continue
            self.ref(space, code, pc, loc + ("target",), n.target)
            if n.target in texts and n.source not in texts[n.target]:
                self.add("note-source-missing", pc, loc + ("source",), n.source)

    def _status(self, pc: Parsed):
        for i, e in enumerate(pc.model.entries):
            loc = ("entries", i)
            if (e.project is None) == (e.milestone is None):
                self.add("field-missing", pc, loc, None, "请填写 project 或 milestone 中的一个（只填一个）")
            self.ref("project", "ref-unknown-project", pc, loc + ("project",), e.project)
            self.ref("milestone", "ref-unknown-milestone", pc, loc + ("milestone",), e.milestone)
            allowed = m.MILESTONE_STAGES if e.milestone else m.PROJECT_STAGES
            if e.stage not in allowed:
                self.add("value-not-allowed", pc, loc + ("stage",), e.stage, f"允许的值：{'、'.join(allowed)}")
            self.ref("source", "ref-unknown-source", pc, loc + ("source",), e.source)

    def _observations(self, pc: Parsed):
        indicators = {ind.id: ind for p in self.p["indicators"] for ind in p.model.indicators}
        seen: dict[tuple[str, int], int] = {}
        for i, o in enumerate(pc.model.observations):
            loc = ("observations", i)
            self.ref("indicator", "ref-unknown-indicator", pc, loc + ("indicator",), o.indicator)
            if o.source is None or not (o.quote or "").strip():
                self.add(
                    "observation-no-source",
                    pc,
                    loc,
                    None,
                    "缺少 source" if o.source is None else "缺少 quote（来源原文句子）",
                )
            else:
                self.ref("source", "ref-unknown-source", pc, loc + ("source",), o.source)
            key = (o.indicator, o.year)
            if key in seen:
                self.add(
                    "observation-duplicate",
                    pc,
                    loc + ("year",),
                    o.year,
                    f"{o.indicator} 的 {o.year} 年数值在第 {seen[key]} 行已经有了",
                )
            else:
                seen[key] = pc.doc.where(loc)[0]
            ind = indicators.get(o.indicator)
            if ind is not None and not units_compatible(o.unit.zh, ind.unit.zh if ind.unit else None):
                self.add(
                    "unit-mismatch",
                    pc,
                    loc + ("unit", "zh"),
                    o.unit.zh,
                    f"指标“{ind.name.zh}”的单位是“{ind.unit.zh if ind.unit else '（无）'}”",
                )


# Units that convert exactly into each other (value in the key unit × factor = value in 万元).
_UNIT_FACTORS = {"万元": 1, "亿元": 10000}


def units_compatible(a: str, b: str | None) -> bool:
    if b is None:
        return True
    return a == b or (a in _UNIT_FACTORS and b in _UNIT_FACTORS)


def in_indicator_unit(ind: m.Indicator, value: float, unit: m.Text) -> float:
    """A stated value in the indicator's own unit (1.05亿元 -> 10500 for a 万元 indicator); exact."""
    return convert(value, unit.zh, ind.unit.zh) if ind.unit else value


def convert(value: float, unit: str, to: str) -> float:
    """Exact conversion between units the checker accepts as compatible (亿元 -> 万元 …)."""
    if unit == to:
        return value
    return value * _UNIT_FACTORS[unit] / _UNIT_FACTORS[to]


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


def check(data_dir: Path, root: Path | None = None) -> tuple[Report, Plan | None]:
    """Check everything under data_dir; return the report and, when there is no error, the Plan."""
    root = root or data_dir.parent
    report = Report()
    parsed, failed = _structural(data_dir, root, report)
    cross = _Cross(parsed, failed, report)
    cross.collect()
    cross.rules()
    _translation(parsed, report)
    report.problems.sort(key=lambda p: (p.file, p.line, p.column, p.code))
    if report.errors:
        return report, None
    one = {k: parsed[k][0].model for k in parsed if not next(x for x in KINDS if x.name == k).many}
    files = {k: parsed[k][0].doc.file for k in one}
    files.update({f"chain/{pc.model.id}": pc.doc.file for pc in parsed["chain"]})
    files.update({f"chapter/{pc.model.id}": pc.doc.file for pc in parsed["chapter"]})
    plan = Plan(
        meta=one["plan"],
        chapters=tuple(sorted((pc.model for pc in parsed["chapter"]), key=lambda c: (len(c.id), c.id))),
        table=one["indicators"],
        chains=tuple(sorted((pc.model for pc in parsed["chain"]), key=lambda c: c.order)),
        commitments=one["commitments"],
        references=one["references"],
        notes=one["editorial-notes"],
        sources=one["sources"],
        observations=one["observations"],
        status=one["status"],
        glossary=one["glossary"],
        ui=one["ui"],
        files=files,
    )
    return report, plan


def load_plan(data_dir: Path, root: Path | None = None) -> Plan:
    """The checked Plan; raises DataError carrying every problem when there is any error."""
    report, plan = check(data_dir, root)
    if plan is None:
        raise DataError(report.problems)
    return plan
