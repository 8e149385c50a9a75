"""Open-data downloads read back equal to the YAML data, and the Frictionless validator accepts the package.

A synthetic plan with hostile texts (copied from tests/fixtures/minimal, edited in tmp) proves that CSV cells
which Excel or WPS would run as formulas are neutralised, and that indicators.json keeps numbers as numbers.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
from types import SimpleNamespace
from typing import cast

import pytest

from plansite import models as m
from plansite.check import load_plan
from plansite.downloads import COLUMNS, TEXT_COLUMNS, csv_cell, indicator_rows, json_value, write_downloads
from plansite.plan import Plan
from plansite.textformat import number

from .conftest import MINIMAL, OBSERVATION, REPORT_SOURCE


@pytest.fixture(scope="module")
def folder(plan, tmp_path_factory):
    out = tmp_path_factory.mktemp("data")
    write_downloads(plan, out)
    return out


def _rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel shows Chinese"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_each_indicator_csv_equals_the_yaml(plan, folder):
    for ind in plan.indicators:
        rows = _rows(folder / "indicators" / f"{ind.id}.csv")
        assert list(rows[0]) == COLUMNS
        got = {(r["kind"], int(r["year"])): r for r in rows}
        assert got[("baseline", ind.baseline.year)]["value"] == number(ind.baseline.value)
        assert got[("target", ind.target.year)]["value"] == number(ind.target.value)
        assert got[("target", ind.target.year)]["qualifier"] == (ind.target.qualifier or "")
        for e in ind.earlier:
            assert (
                got[("earlier", e.year)]["value"] == number(e.value)
                and got[("earlier", e.year)]["unit_zh"] == e.unit.zh
            )
        observed = {(int(r["year"]), r["value"], r["source_url"]) for r in rows if r["kind"] == "observed"}
        assert observed == {(o.year, number(o.value), plan.source(o.source).url) for o in plan.observations_of(ind.id)}
        assert len(rows) == 2 + len(ind.earlier) + len(plan.observations_of(ind.id))


def test_all_indicators_csv_and_json_hold_the_same_rows(plan, folder):
    everything = _rows(folder / "indicators.csv")
    per_indicator = [r for ind in plan.indicators for r in _rows(folder / "indicators" / f"{ind.id}.csv")]
    assert everything == per_indicator
    document = json.loads((folder / "indicators.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in document["indicators"]] == [i.id for i in plan.indicators]
    assert sum(len(i["values"]) for i in document["indicators"]) == len(everything)


def test_frictionless_validates_the_package(folder):
    import frictionless

    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


# ------------------------------------------------------------------------------- spreadsheet safety


@pytest.mark.parametrize(
    "text,cell",
    [
        ("=1+2", "'=1+2"),
        ("+86 715", "'+86 715"),
        ("-示例", "'-示例"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        ("-3", "'-3"),  # in a text column even a number-like text is text
        ("示例=1", "示例=1"),  # only the first character matters
        (" =1", " =1"),
        ("'=1", "'=1"),
        ("", ""),
        ("https://example.org/a=b", "https://example.org/a=b"),
    ],
)
def test_a_text_cell_that_a_spreadsheet_would_run_is_neutralised(text, cell):
    assert csv_cell("quote", text) == cell
    assert csv_cell("source_title", text) == cell


@pytest.mark.parametrize(
    "column,value,cell",
    [
        ("value", -3, "-3"),  # a negative number stays a number
        ("value", -2.5, "-2.5"),
        ("value", 1.99, "1.99"),
        ("value", 3.0, "3"),
        ("value", 0, "0"),
        ("year", 2023, "2023"),
        ("indicator_number", 1, "1"),
        ("cumulative", True, "true"),
        ("cumulative", False, "false"),
        ("source_date", "2024-03-21", "2024-03-21"),
    ],
)
def test_numbers_years_and_flags_are_written_as_they_are(column, value, cell):
    assert csv_cell(column, value) == cell


def test_every_text_column_and_no_other_is_neutralised():
    assert {
        "indicator_id",
        "indicator_zh",
        "indicator_en",
        "kind",
        "unit_zh",
        "unit_en",
        "qualifier",
        "match",
        "as_of_zh",
        "as_of_en",
        "source_title",
        "source_publisher",
        "source_url",
        "source_read_on",
        "quote",
    } == TEXT_COLUMNS
    assert csv_cell("source_date", "-1") == "-1"


@pytest.mark.parametrize(
    "value,out", [(3.0, 3), (3, 3), (1.99, 1.99), (0.0, 0), (-2.0, -2), (-0.5, -0.5), ("3.0", "3.0"), (None, None)]
)
def test_json_values_stay_numbers_and_whole_floats_become_ints(value, out):
    got = json_value(value)
    assert got == out and type(got) is type(out)


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory):
    """The minimal fixture with texts that start like formulas, and a decimal target (SYNTHETIC data)."""
    root = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(MINIMAL, root)
    data = root / "data"

    def edit(name, old, new):
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    edit(
        OBSERVATION,
        "quote: 示例企业达到7家。",
        'quote: "=HYPERLINK(\\"https://example.org\\",\\"示例企业达到7家\\")"',
    )
    edit(REPORT_SOURCE, "title: 示例统计公报", 'title: "@SUM(1+1)示例统计公报"')
    edit(REPORT_SOURCE, "publisher: 示例统计局", 'publisher: "+示例统计局"')
    edit("indicators.yaml", '  name: {zh: 示例经费, en: ""}', '  name: {zh: "-示例经费", en: "=cmd"}')
    edit("indicators.yaml", "  target: {year: 2025, value: 300}", "  target: {year: 2025, value: 1.99}")
    edit("indicators.yaml", "  baseline: {year: 2020, value: 4}", "  baseline: {year: 2020, value: 4.0}")
    return load_plan(data, root)


@pytest.fixture
def hostile(hostile_plan, tmp_path):
    """Its downloads, written afresh for each test (so that mutation testing ties each test to the writer)."""
    write_downloads(hostile_plan, tmp_path)
    return tmp_path


def test_hostile_texts_are_neutralised_in_every_csv_and_kept_exact_in_json(hostile):
    for path in (hostile / "indicators.csv", hostile / "indicators" / "example-enterprises.csv"):
        observed = next(r for r in _rows(path) if r["kind"] == "observed")
        assert observed["quote"] == '\'=HYPERLINK("https://example.org","示例企业达到7家")'
        assert observed["source_title"] == "'@SUM(1+1)示例统计公报"
        assert observed["source_publisher"] == "'+示例统计局"
        assert observed["value"] == "7"
    spending = _rows(hostile / "indicators" / "example-spending.csv")
    assert {r["indicator_zh"] for r in spending} == {"'-示例经费"}
    assert {r["indicator_en"] for r in spending} == {"'=cmd"}
    target = next(r for r in spending if r["kind"] == "target")
    assert (target["value"], target["year"], target["cumulative"]) == ("1.99", "2025", "false")
    earlier = next(r for r in spending if r["kind"] == "earlier")
    assert (earlier["value"], earlier["unit_zh"]) == ("0.01", "亿元")
    # the JSON is not a spreadsheet: the text exactly as staff wrote it
    document = json.loads((hostile / "indicators.json").read_text(encoding="utf-8"))
    by_id = {i["id"]: i for i in document["indicators"]}
    observed_json = next(v for v in by_id["example-enterprises"]["values"] if v["kind"] == "observed")
    assert observed_json["quote"] == '=HYPERLINK("https://example.org","示例企业达到7家")'
    assert observed_json["source_title"] == "@SUM(1+1)示例统计公报"
    assert by_id["example-spending"]["name"] == {"zh": "-示例经费", "en": "=cmd"}


def test_json_values_are_numbers_ints_stay_ints(hostile):
    document = json.loads((hostile / "indicators.json").read_text(encoding="utf-8"))
    values = {(i["id"], v["kind"], v["year"]): v["value"] for i in document["indicators"] for v in i["values"]}
    expected = {
        ("example-enterprises", "baseline", 2020): 4,
        ("example-enterprises", "observed", 2023): 7,
        ("example-enterprises", "target", 2025): 10,
        ("example-spending", "earlier", 2015): 0.01,
        ("example-spending", "baseline", 2020): 100,
        ("example-spending", "target", 2025): 1.99,
    }
    assert values == expected
    assert all(type(values[k]) is type(v) for k, v in expected.items())  # 4 is not 4.0, 0.01 is not "0.01"
    assert [i["number"] for i in document["indicators"]] == [1, 3]
    assert [i["cumulative"] for i in document["indicators"]] == [False, False]


def test_a_real_indicator_json_value_is_the_yaml_number(plan, folder):
    document = json.loads((folder / "indicators.json").read_text(encoding="utf-8"))
    for ind, doc in zip(plan.indicators, document["indicators"]):
        baseline = next(v for v in doc["values"] if v["kind"] == "baseline")
        assert baseline["value"] == ind.baseline.value and not isinstance(baseline["value"], str)


def test_the_json_document_names_the_plan_and_each_indicator(hostile):
    raw = (hostile / "indicators.json").read_text(encoding="utf-8")
    assert raw.startswith(
        '{\n "plan": "示例规划",\n "source_url": "https://example.org/plan",\n "license": "CC-BY-4.0",'
    )
    document = json.loads(raw)
    first = document["indicators"][0]
    assert {k: first[k] for k in ("id", "number", "name", "unit", "cumulative")} == {
        "id": "example-enterprises",
        "number": 1,
        "name": {"zh": "示例企业", "en": ""},
        "unit": {"zh": "家", "en": ""},
        "cumulative": False,
    }
    assert first["values"][1] == {
        "year": 2023,
        "kind": "observed",
        "value": 7,
        "unit_zh": "家",
        "qualifier": "",
        "match": "exact",
        "as_of_zh": "",
        "as_of_en": "",
        "source_title": "@SUM(1+1)示例统计公报",
        "source_url": "https://example.org/report",
        "source_read_on": "",
        "quote": '=HYPERLINK("https://example.org","示例企业达到7家")',
    }
    assert [v["kind"] for v in first["values"]] == ["baseline", "observed", "target"]
    assert first["values"][2]["qualifier"] == "以上"


def test_the_datapackage_describes_every_file_with_its_schema_and_licence(hostile):
    raw = (hostile / "datapackage.json").read_text(encoding="utf-8")
    assert raw.startswith('{\n "name": "plan-2021-2025-indicators",\n "title": "示例规划')  # readable UTF-8
    package = json.loads(raw)
    assert "never estimated" in package["description"]
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    assert package["sources"] == [
        {"title": "关于印发示例规划的通知", "path": "https://example.org/plan"},
        {"title": "@SUM(1+1)示例统计公报", "path": "https://example.org/report"},
    ]
    resources = package["resources"]
    assert [(r["name"], r["path"], r["title"]) for r in resources] == [
        ("indicators", "indicators.csv", "All indicators"),
        ("example-enterprises", "indicators/example-enterprises.csv", "示例企业"),
        ("example-spending", "indicators/example-spending.csv", "-示例经费"),
    ]
    assert resources[2]["description"] == "=cmd"
    for r in resources:
        assert (r["format"], r["encoding"], r["mediatype"]) == ("csv", "utf-8-sig", "text/csv")
        assert r["schema"]["missingValues"] == [""]
        fields = r["schema"]["fields"]
        assert [f["name"] for f in fields] == COLUMNS
        types = {f["name"]: f["type"] for f in fields}
        assert (types["value"], types["year"], types["cumulative"], types["source_date"], types["quote"]) == (
            "number",
            "integer",
            "boolean",
            "date",
            "string",
        )
        assert all(f["description"] for f in fields)


def test_the_datapackage_names_its_own_plan_period_baseline_and_count(hostile_plan, tmp_path):
    """Issue 11: the title, description and column notes come from the plan, never another plan's facts."""
    moved = hostile_plan
    meta = moved.meta.model_copy(
        update={
            "title": m.Text(zh="另一规划", en="Another plan"),
            "period": m.Period(start=2026, end=2030),
            "baseline_year": 2025,
        }
    )
    other = dataclasses.replace(moved, meta=meta)
    write_downloads(other, tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "plan-2026-2030-indicators"
    assert package["title"] == "另一规划（2026—2030年）主要指标 / Another plan (2026–2030): main indicators"
    count = len(other.indicators)
    assert package["description"].startswith(f"The plan's {count} main indicators: values stated in the plan (")
    assert "2025 baseline, 2030 target" in package["description"]
    kind = next(f for f in package["resources"][0]["schema"]["fields"] if f["name"] == "kind")
    assert "baseline (2025, plan table)" in kind["description"] and "target (2030, plan table)" in kind["description"]
    qualifier = next(f for f in package["resources"][0]["schema"]["fields"] if f["name"] == "qualifier")
    assert qualifier["description"].endswith(": 以上 (or more)")  # the one qualifier the fixture uses
    text = json.dumps(package, ensure_ascii=False)
    for fact in ("天门", "十四五", "Tianmen", "2021", "2020 baseline", "{baseline_year}", "{end}", "{qualifiers}"):
        assert fact not in text, fact


def test_csv_rows_end_in_crlf_after_a_byte_order_mark(hostile):
    raw = (hostile / "indicators" / "example-enterprises.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfindicator_id,indicator_number,")
    lines = raw.split(b"\r\n")
    assert len(lines) == 1 + 3 + 1 and lines[-1] == b""  # header, 3 rows, the final line end
    assert lines[1].startswith("example-enterprises,1,示例企业,,2020,baseline,4,家,,,false,,".encode())


def test_every_cell_of_a_row_comes_from_the_data(hostile):
    rows = _rows(hostile / "indicators" / "example-spending.csv")
    assert [r["kind"] for r in rows] == ["earlier", "baseline", "target"]
    earlier, baseline, target = rows
    assert earlier == {
        "indicator_id": "example-spending",
        "indicator_number": "3",
        "indicator_zh": "'-示例经费",
        "indicator_en": "'=cmd",
        "year": "2015",
        "kind": "earlier",
        "value": "0.01",
        "unit_zh": "亿元",
        "unit_en": "",
        "qualifier": "",
        "cumulative": "false",
        "match": "",
        "as_of_zh": "",
        "as_of_en": "",
        "source_title": "关于印发示例规划的通知",
        "source_publisher": "示例办公室",
        "source_date": "2022-09-19",
        "source_url": "https://example.org/plan",
        "source_read_on": "",
        "quote": earlier["quote"],
    }
    assert earlier["quote"] and not earlier["quote"].startswith("'")  # the paragraph's text
    assert (baseline["year"], baseline["value"], baseline["unit_zh"], baseline["quote"]) == ("2020", "100", "万元", "")
    assert (target["qualifier"], target["source_title"]) == ("", "关于印发示例规划的通知")
    observed = next(r for r in _rows(hostile / "indicators.csv") if r["kind"] == "observed")
    assert (observed["source_publisher"], observed["source_date"], observed["match"], observed["cumulative"]) == (
        "'+示例统计局",
        "2024-03-21",
        "exact",
        "false",
    )


def test_downloads_are_written_into_a_new_nested_folder_and_again_over_themselves(tmp_path):
    plan = load_plan(MINIMAL / "data", MINIMAL)
    folder = tmp_path / "site" / "data"
    first = write_downloads(plan, folder)
    again = write_downloads(plan, folder)
    expected = [
        folder / "indicators" / "example-enterprises.csv",
        folder / "indicators" / "example-spending.csv",
        folder / "indicators.csv",
        folder / "indicators.json",
        folder / "datapackage.json",
    ]
    assert first == again == expected
    assert all(p.is_file() for p in expected)


def test_an_observation_without_quote_and_a_source_without_date_or_url_leave_the_cells_empty():
    ind = m.Indicator.model_validate(
        {
            "id": "x",
            "number": 2,
            "name": {"zh": "示例", "en": "Example"},
            "unit_source": "none",
            "cumulative": True,
            "baseline": {"year": 2020, "value": 1},
            "target": {"year": 2025, "value": 2, "qualifier": "超过"},
        }
    )
    bare = m.Source(id="bare", title="无日期来源", publisher="某局")
    the_plan = m.Source(id="p", title="规划", publisher="办公室", date="2022-09-19", url="https://example.org/p")
    obs = m.Observation(
        indicator="x", year=2023, value=1.5, unit=m.Text(zh="个"), source="bare", match="close-equivalent"
    )
    plan = SimpleNamespace(
        indicator=lambda id: ind,
        source=lambda id: {"bare": bare, "p": the_plan}[id],
        meta=SimpleNamespace(source="p"),
        observations_of=lambda id: [obs],
    )
    baseline, observed, target = indicator_rows(cast(Plan, plan), "x")
    assert (baseline["unit_zh"], baseline["unit_en"], baseline["cumulative"]) == ("", "", True)
    assert {k: observed[k] for k in ("value", "match", "source_title", "source_date", "source_url", "quote")} == {
        "value": 1.5,
        "match": "close-equivalent",
        "source_title": "无日期来源",
        "source_date": "",
        "source_url": "",
        "quote": "",
    }
    assert (target["qualifier"], target["source_url"], target["indicator_number"]) == (
        "超过",
        "https://example.org/p",
        2,
    )


def test_an_indicator_without_a_unit_has_a_null_unit_in_json(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    path = root / "data" / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    old = '  unit: {zh: 万元, en: ""}\n  unit_source: table\n'
    assert old in text
    path.write_text(text.replace(old, "  unit_source: none\n"), encoding="utf-8")
    write_downloads(load_plan(root / "data", root), tmp_path / "out")
    document = json.loads((tmp_path / "out" / "indicators.json").read_text(encoding="utf-8"))
    assert [i["unit"] for i in document["indicators"]] == [{"zh": "家", "en": ""}, None]
    baseline = next(
        r for r in _rows(tmp_path / "out" / "indicators" / "example-spending.csv") if r["kind"] == "baseline"
    )
    assert (baseline["unit_zh"], baseline["unit_en"]) == ("", "")
