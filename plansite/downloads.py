"""Open-data downloads: a CSV per indicator, one CSV and one JSON with everything, and a Frictionless datapackage.json.

The rows are the values the data holds, each with its kind and source; nothing is computed.
CSV files are UTF-8 with a byte-order mark so that Excel shows the Chinese correctly.

Staff read the CSVs in Excel and WPS, which run a cell that begins with = + - @ (or a tab or carriage
return before one) as a formula. Every text cell that begins so is written with a leading apostrophe,
which both show as text and hide; the numbers, years and dates we format ourselves are never prefixed,
so a negative value stays a number. indicators.json holds the text exactly and the numbers as JSON
numbers (an int stays an int, 1.99 stays 1.99).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .plan import Plan
from .textformat import number
from .wording import fill

LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}

# (column, frictionless type, description); {placeholders} are filled from the plan (`fields`)
FIELDS = [
    ("indicator_id", "string", "Stable id of the indicator (used in the site's URLs)"),
    ("indicator_number", "integer", "Row number in the plan's table of main indicators (序号)"),
    ("indicator_zh", "string", "Indicator name as printed in the plan"),
    ("indicator_en", "string", "Indicator name in English (unofficial translation)"),
    ("year", "integer", "Year the value refers to"),
    (
        "kind",
        "string",
        "earlier (stated in the plan text), baseline ({baseline_year}, plan table), observed (published since), "
        "target ({end}, plan table)",
    ),
    ("value", "number", "The value exactly as stated by its source"),
    ("unit_zh", "string", "Unit of the value as stated"),
    ("unit_en", "string", "Unit in English"),
    ("qualifier", "string", "Qualifier of a target, as the plan prints it{qualifiers}"),
    ("cumulative", "boolean", "True for cumulative (累计) indicators"),
    ("match", "string", "For observed values: exact, or close-equivalent definition"),
    ("as_of_zh", "string", "For observed values: when the source states the value, if not at year end (截至…)"),
    ("as_of_en", "string", "The same in English"),
    ("source_title", "string", "Title of the source"),
    ("source_publisher", "string", "Publisher of the source"),
    ("source_date", "date", "Publication date of the source"),
    ("source_url", "string", "Where the source can be read (the publisher's own address)"),
    (
        "source_read_on",
        "string",
        "Full-text copy the quoted sentence was checked on, when only the opening of the official page could be read "
        "(not the publisher, not the source)",
    ),
    ("quote", "string", "The sentence of the source that states the value"),
]
COLUMNS = [f[0] for f in FIELDS]
TEXT_COLUMNS = frozenset(name for name, kind, _ in FIELDS if kind == "string")
# What Excel and WPS take as the start of a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def indicator_rows(plan: Plan, indicator_id: str) -> list[dict]:
    """One row per value of an indicator, typed (numbers stay numbers; csv_cell writes them as text)."""
    ind = plan.indicator(indicator_id)
    plan_source = plan.source(plan.meta.source)
    unit_zh, unit_en = (ind.unit.zh, ind.unit.en) if ind.unit else ("", "")
    base = {
        "indicator_id": ind.id,
        "indicator_number": ind.number,
        "indicator_zh": ind.name.zh,
        "indicator_en": ind.name.en,
        "cumulative": ind.cumulative,
        "qualifier": "",
        "match": "",
        "as_of_zh": "",
        "as_of_en": "",
        "source_read_on": "",
        "quote": "",
    }
    from_plan = {
        "source_title": plan_source.title,
        "source_publisher": plan_source.publisher,
        "source_date": str(plan_source.date),
        "source_url": plan_source.url,
    }
    rows = []
    for e in ind.earlier:
        rows.append(
            base
            | from_plan
            | {
                "year": e.year,
                "kind": "earlier",
                "value": e.value,
                "unit_zh": e.unit.zh,
                "unit_en": e.unit.en,
                "quote": plan.paragraph(e.paragraph).paragraph.text.zh,
            }
        )
    rows.append(
        base
        | from_plan
        | {
            "year": ind.baseline.year,
            "kind": "baseline",
            "value": ind.baseline.value,
            "unit_zh": unit_zh,
            "unit_en": unit_en,
        }
    )
    for o in plan.observations_of(ind.id):
        assert o.source is not None  # the checker requires a source on every observation
        s = plan.source(o.source)
        rows.append(
            base
            | {
                "year": o.year,
                "kind": "observed",
                "value": o.value,
                "unit_zh": o.unit.zh,
                "unit_en": o.unit.en,
                "match": o.match,
                "source_title": s.title,
                "source_publisher": s.publisher,
                "source_date": str(s.date or ""),
                "source_url": s.url or "",
                "source_read_on": s.read_on or "",
                "as_of_zh": o.as_of.zh if o.as_of else "",
                "as_of_en": o.as_of.en if o.as_of else "",
                "quote": o.quote or "",
            }
        )
    rows.append(
        base
        | from_plan
        | {
            "year": ind.target.year,
            "kind": "target",
            "value": ind.target.value,
            "unit_zh": unit_zh,
            "unit_en": unit_en,
            "qualifier": ind.target.qualifier or "",
        }
    )
    return [{c: row[c] for c in COLUMNS} for row in rows]


def csv_cell(column: str, value: object) -> str:
    """A value as written in a CSV cell: numbers as the plan prints them, text neutralised for spreadsheets."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number(value)
    text = str(value)
    if column in TEXT_COLUMNS and text.startswith(FORMULA_START):
        return "'" + text
    return text


def json_value(value: object) -> object:
    """A value for JSON: the number 3.0 as 3 (as the plan prints it), 1.99 as 1.99; anything else as it is."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({c: csv_cell(c, row[c]) for c in COLUMNS} for row in rows)
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _facts(plan: Plan) -> dict[str, object]:
    """The plan facts the package's descriptions name, read from the plan."""
    used = dict.fromkeys(i.target.qualifier for i in plan.indicators if i.target.qualifier)
    words = ", ".join(f"{w} ({plan.qualifier(w).text.en or plan.qualifier(w).text.zh})" for w in used)
    return {
        "start": plan.start,
        "end": plan.end,
        "baseline_year": plan.baseline_year,
        "count": len(plan.indicators),
        "qualifiers": f": {words}" if words else "",
    }


def fields(plan: Plan) -> list[tuple[str, str, str]]:
    """FIELDS with their descriptions naming this plan's years and qualifiers."""
    values = _facts(plan)
    return [(n, t, fill(d, values)) for n, t, d in FIELDS]


def _schema(plan: Plan) -> dict:
    return {"fields": [{"name": n, "type": t, "description": d} for n, t, d in fields(plan)], "missingValues": [""]}


def package_meta(plan: Plan) -> dict[str, str]:
    """The data package's name, title and description, derived from the plan (title, period, baseline, count)."""
    f = _facts(plan)
    title, period = plan.meta.title, f"{plan.start}–{plan.end}"
    earlier = "earlier years, " if any(i.earlier for i in plan.indicators) else ""
    return {
        "name": f"plan-{plan.start}-{plan.end}-indicators",
        "title": f"{title.zh}（{plan.start}—{plan.end}年）主要指标 / {title.en or title.zh} ({period}): main indicators",
        "description": f"The plan's {f['count']} main indicators: values stated in the plan ({earlier}"
        f"{plan.baseline_year} baseline, {plan.end} target) and values published since, each with its source. "
        "Missing values are absent, never estimated.",
    }


def write_downloads(plan: Plan, folder: Path) -> list[Path]:
    """Write every download into folder (the site's data/ folder); return the paths written."""
    (folder / "indicators").mkdir(parents=True, exist_ok=True)
    written = []
    everything = []
    resources = []
    schema = _schema(plan)
    for ind in plan.indicators:
        rows = indicator_rows(plan, ind.id)
        everything += rows
        path = folder / "indicators" / f"{ind.id}.csv"
        path.write_bytes(_csv(rows))
        written.append(path)
        resources.append(
            {
                "name": ind.id,
                "path": f"indicators/{ind.id}.csv",
                "format": "csv",
                "encoding": "utf-8-sig",
                "mediatype": "text/csv",
                "title": ind.name.zh,
                "description": ind.name.en,
                "schema": schema,
            }
        )
    (folder / "indicators.csv").write_bytes(_csv(everything))
    written.append(folder / "indicators.csv")
    document = {
        "plan": plan.meta.title.zh,
        "source_url": plan.meta.source_url,
        "license": LICENSE["name"],
        "indicators": [
            {
                "id": ind.id,
                "number": ind.number,
                "name": ind.name.model_dump(),
                "unit": ind.unit.model_dump() if ind.unit else None,
                "cumulative": ind.cumulative,
                "values": [
                    {
                        k: json_value(r[k])
                        for k in (
                            "year",
                            "kind",
                            "value",
                            "unit_zh",
                            "qualifier",
                            "match",
                            "as_of_zh",
                            "as_of_en",
                            "source_title",
                            "source_url",
                            "source_read_on",
                            "quote",
                        )
                    }
                    for r in indicator_rows(plan, ind.id)
                ],
            }
            for ind in plan.indicators
        ],
    }
    (folder / "indicators.json").write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    written.append(folder / "indicators.json")
    sources = [{"title": s.title, "path": s.url} for s in plan.sources.sources if s.url]
    package = {
        **package_meta(plan),
        "licenses": [LICENSE],
        "sources": sources,
        "resources": [
            {
                "name": "indicators",
                "path": "indicators.csv",
                "format": "csv",
                "encoding": "utf-8-sig",
                "mediatype": "text/csv",
                "title": "All indicators",
                "schema": schema,
            }
        ]
        + resources,
    }
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
    written.append(folder / "datapackage.json")
    return written


ALL_PLANS_CSV = "all-plans.csv"


def write_all_plans(plans: list[tuple[str, Plan]], folder: Path) -> list[Path]:
    """One data package for every plan of the site (folder: the site's data/): all-plans.csv holds each plan's
    rows with a `plan` column (the plan's folder, as in its addresses), and datapackage.json describes it and
    points to each plan's own package. Rows are the plans' own, nothing is combined or computed."""
    folder.mkdir(parents=True, exist_ok=True)
    columns = ["plan", *COLUMNS]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for name, plan in plans:
        for ind in plan.indicators:
            writer.writerows(
                {"plan": name, **{c: csv_cell(c, row[c]) for c in COLUMNS}} for row in indicator_rows(plan, ind.id)
            )
    path = folder / ALL_PLANS_CSV
    path.write_bytes("\ufeff".encode() + buffer.getvalue().encode("utf-8"))
    generic = {"start": "first year", "end": "the plan's target year", "baseline_year": "the plan's baseline year"}
    schema = {
        "fields": [{"name": "plan", "type": "string", "description": "The plan's folder and address prefix"}]
        + [{"name": n, "type": t, "description": fill(d, {**generic, "qualifiers": ""})} for n, t, d in FIELDS],
        "missingValues": [""],
    }
    package = {
        "name": "plans-indicators",
        "title": "主要指标（全部规划）/ Main indicators of every plan",
        "description": "The main indicators of every plan on this site, one row per value with the plan it "
        "belongs to: "
        + "; ".join(f"{name}: {package_meta(plan)['title']}" for name, plan in plans)
        + ". Each plan's own package is at <plan>/data/datapackage.json.",
        "licenses": [LICENSE],
        "sources": [{"title": s.title, "path": s.url} for _, plan in plans for s in plan.sources.sources if s.url],
        "resources": [
            {
                "name": "indicators",
                "path": ALL_PLANS_CSV,
                "format": "csv",
                "encoding": "utf-8-sig",
                "mediatype": "text/csv",
                "title": "All indicators of every plan",
                "schema": schema,
            }
        ],
    }
    meta = folder / "datapackage.json"
    meta.write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
    return [path, meta]
