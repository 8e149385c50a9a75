"""Open-data downloads read back equal to the YAML data, and the Frictionless validator accepts the package."""

from __future__ import annotations

import csv
import io
import json

import pytest

from plansite.downloads import COLUMNS, write_downloads
from plansite.textformat import number


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
        assert got[("baseline", 2020)]["value"] == number(ind.baseline.value)
        assert got[("target", 2025)]["value"] == number(ind.target.value)
        assert got[("target", 2025)]["qualifier"] == (ind.target.qualifier or "")
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
