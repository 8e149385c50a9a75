"""Issue 13, points 1-3: the newly found values, sources checked on a full-text copy, sources whose page shows no date.

The fast tests read the real data and small synthetic overlays of tests/fixtures/minimal; the `build` test reads the
values and sources back from the built pages and downloads of both languages.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from plansite.check import check
from plansite.downloads import indicator_rows
from plansite.render import Renderer
from plansite.status import indicator_status

from .conftest import MINIMAL, REPORT_SOURCE, address, overlay

IND = "high-tech-enterprises"
OFFICIAL = "http://www.tianmen.gov.cn/zwgk/zfxxgkml/qtzdgknr/zfgzbg/202302/t20230203_4505468.shtml"
COPY = "http://bx2200.com/baogao/huazhong/4752_2.html"
EXPECTED = {2021: 60, 2022: 96, 2023: 149}


# --------------------------------------------------------------------------- the real data


def test_high_tech_enterprises_has_the_three_published_stocks(plan):
    obs = plan.observations_of(IND)
    assert {o.year: o.value for o in obs} == EXPECTED
    assert all(o.kind == "level" for o in obs)  # no yearly flow (the 39 recognised in 2022) on the stock's line
    assert 39 not in {o.value for o in plan.observations.observations}
    assert 49 not in {o.value for o in plan.observations.observations}


def test_the_2021_value_is_stated_as_of_december_2021_in_both_languages(plan):
    (o,) = [o for o in plan.observations_of(IND) if o.year == 2021]
    assert o.as_of is not None
    assert o.as_of.zh.startswith("截至2021年12月")
    assert o.as_of.en.lower().startswith("as of december 2021")


def test_status_still_comes_from_the_newest_comparable_value(plan):
    ind = plan.indicator(IND)
    s = indicator_status(plan, ind)
    assert (s.code, s.year, s.value) == ("met", 2023, 149)


def test_the_2022_value_cites_the_official_report_and_keeps_the_copy_apart(plan):
    (o,) = [o for o in plan.observations_of(IND) if o.year == 2022]
    s = plan.source(o.source)
    assert s.url == OFFICIAL and s.read_on == COPY
    assert s.publisher == "天门市人民政府" and "bx2200" not in s.publisher + s.title


def test_xcmg_hubei_has_its_sourced_status_entry(plan):
    (e,) = plan.status_of(project="equipment-manufacturing-04")
    assert e.source == "d1cm-2022-04-26-xcmg-hubei" and str(e.date) == "2022-04-26"
    assert "24000" in e.quote and e.stage == "under-construction"


def test_downloads_carry_the_values_the_official_address_and_the_copy_apart(plan):
    rows = {r["year"]: r for r in indicator_rows(plan, IND) if r["kind"] == "observed"}
    assert {y: r["value"] for y, r in rows.items()} == EXPECTED
    assert rows[2022]["source_url"] == OFFICIAL and rows[2022]["source_read_on"] == COPY
    assert rows[2021]["source_read_on"] == rows[2023]["source_read_on"] == ""
    assert rows[2021]["as_of_zh"].startswith("截至2021年12月")
    assert rows[2021]["as_of_en"].lower().startswith("as of december 2021")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rendered_pages_cite_the_official_document_and_never_link_the_copy(plan, lang):
    pages = {p.path: p.markdown for p in Renderer(plan, lang).pages()}
    for path, md in pages.items():
        assert f'href="{COPY}"' not in md, path
    sources = pages["sources/index.md"]
    item = re.search(r'<li id="gov-2023-work-report">.*?</li>', sources, re.S)
    assert item is not None
    assert f'<a href="{OFFICIAL}"' in item.group(0)
    assert 'class="read-on"' in item.group(0)


# --------------------------------------------------------------------------- sources with no date shown

UNDATED = """# SYNTHETIC test fixture: a source whose page shows no date.
id: example-report
title: 示例统计公报
publisher: 示例统计局
date_shown: false
earliest_date: 2023-06-01
url: https://example.org/report
kind: statistics-bulletin
"""


def _undated(tmp_path: Path, text: str) -> Path:
    root = overlay(MINIMAL / "nonexistent", tmp_path)
    (root / "data" / REPORT_SOURCE).write_text(text, encoding="utf-8")
    return root


def test_a_source_with_no_date_shown_is_accepted_and_rendered_as_such(tmp_path: Path):
    root = _undated(tmp_path, UNDATED)
    report, plan = check(root / "data", root)
    assert report.errors == [] and plan is not None
    for lang, words in (("zh", "页面未显示日期"), ("en", "no date shown on the page")):
        pages = {p.path: p.markdown for p in Renderer(plan, lang).pages()}
        item = re.search(r'<li id="example-report">.*?</li>', pages["sources/index.md"], re.S)
        assert item is not None and words in item.group(0) and "2023-06-01" in item.group(0)
        assert "None" not in item.group(0)


def test_a_silently_missing_date_is_still_refused(tmp_path: Path):
    root = _undated(tmp_path, UNDATED.replace("date_shown: false\nearliest_date: 2023-06-01\n", ""))
    report, _ = check(root / "data", root)
    assert {(p.file, p.line, p.code) for p in report.errors} == {("data/" + REPORT_SOURCE, 2, "source-no-date")}


def test_an_earliest_date_in_the_future_is_refused(tmp_path: Path):
    root = _undated(tmp_path, UNDATED.replace("earliest_date: 2023-06-01", "earliest_date: 2099-06-01"))
    report, _ = check(root / "data", root)
    assert {(p.file, p.line, p.code) for p in report.errors} == {("data/" + REPORT_SOURCE, 6, "date-in-future")}


# --------------------------------------------------------------------------- read back from the built site


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "en"])
def test_built_pages_and_downloads_show_the_new_values_and_sources(built_site: Path, prefix: str):
    site = built_site / address("", prefix or "zh")  # the plan's own folder in this language
    page = (site / "indicators" / IND / "index.html").read_text(encoding="utf-8")
    rows = {
        int(m.group(1)): m.group(0)
        for m in re.finditer(r'<tr><th scope="row">(\d{4})</th>.*?</tr>', page, re.S)
        if 'href="http' in m.group(0)
    }
    assert {y: re.search(r'class="num"[^>]*>(\d+)', r).group(1) for y, r in rows.items()} == {  # type: ignore[union-attr]
        y: str(v) for y, v in EXPECTED.items()
    }
    assert "tmrb.tmwcn.com/tmrb/20211214" in rows[2021] and OFFICIAL in rows[2022] and "20240321" in rows[2023]
    as_of = "截至2021年12月" if not prefix else "As of December 2021"
    assert as_of in _text(rows[2021])
    assert 'class="read-on"' in rows[2022] and 'class="read-on"' not in rows[2021] + rows[2023]
    assert ("提前实现" if not prefix else "Target already met") in _text(page)

    sources = (site / "sources" / "index.html").read_text(encoding="utf-8")
    checked = "全文副本上核对" if not prefix else "checked against a full-text copy"
    item = re.search(r'<li id="gov-2023-work-report">.*?</li>', sources, re.S)
    assert item is not None and checked in _text(item.group(0)) and f'href="{OFFICIAL}"' in item.group(0)
    for html in site.rglob("*.html"):
        assert f'href="{COPY}"' not in html.read_text(encoding="utf-8"), html


@pytest.mark.build
def test_built_downloads_carry_the_new_values_and_sources(built_site: Path):
    raw = (built_site / address("data/indicators/") / f"{IND}.csv").read_bytes().decode("utf-8-sig")
    rows = {int(r["year"]): r for r in csv.DictReader(io.StringIO(raw)) if r["kind"] == "observed"}
    assert {y: int(r["value"]) for y, r in rows.items()} == EXPECTED
    assert rows[2022]["source_url"] == OFFICIAL and rows[2022]["source_read_on"] == COPY
    assert rows[2021]["as_of_en"].startswith("As of December 2021")
    document = json.loads((built_site / address("data/indicators.json")).read_text(encoding="utf-8"))
    (ind,) = [i for i in document["indicators"] if i["id"] == IND]
    observed = {v["year"]: v for v in ind["values"] if v["kind"] == "observed"}
    assert {y: v["value"] for y, v in observed.items()} == EXPECTED
    assert observed[2022]["source_url"] == OFFICIAL and observed[2022]["source_read_on"] == COPY
    assert observed[2021]["as_of_zh"].startswith("截至2021年12月")
