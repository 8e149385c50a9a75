"""Two plans on one site (issue 11.3): the real plan and the SYNTHETIC second plan (tests/fixtures/second-plan) built
together, both languages, --strict, each under its own prefix, with the landing page, search, per-plan outputs and
the one package of all plans."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from plansite import paths
from plansite.site import load_site

from .conftest import FIXTURES, current_folder, mkdocs_build

SECOND = FIXTURES / "second-plan"
SECOND_FOLDER = "2026-2030"  # where the test puts the fixture; its prefix
SITE_NAME = {"zh": "示例双规划网站（测试用）", "en": "Two-plan example site (SYNTHETIC)"}  # the site's, no plan's

pytestmark = pytest.mark.build


def two_plan_project(tmp: Path) -> tuple[Path, Path]:
    """data/ with the real plan folder and the second plan as data/2026-2030 (current); docs with each plan's stories."""
    data, docs = tmp / "data", tmp / "docs"
    shutil.copytree(paths.DATA, data)
    shutil.copytree(SECOND / "data", data / SECOND_FOLDER)
    link_first_indicator(data / SECOND_FOLDER / "indicators.yaml", data / current_folder() / "indicators.yaml")
    settings = yaml.safe_load((data / "site.yaml").read_text(encoding="utf-8"))
    settings["plans"] = [SECOND_FOLDER, *settings["plans"]]
    settings["current"] = SECOND_FOLDER
    settings["name"] = SITE_NAME
    (data / "site.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    shutil.copytree(paths.ROOT / "docs", docs)
    for lang in ("zh", "en"):
        stories = SECOND / "docs" / lang / "updates"
        if stories.exists():
            shutil.copytree(stories, docs / lang / SECOND_FOLDER / "updates")
    return data, docs


def link_first_indicator(later: Path, earlier: Path) -> tuple[str, str]:
    """Let the later plan's first indicator continue the earlier plan's one of the same id (else its first)."""
    later_ids = [i["id"] for i in yaml.safe_load(later.read_text(encoding="utf-8"))["indicators"]]
    earlier_ids = [i["id"] for i in yaml.safe_load(earlier.read_text(encoding="utf-8"))["indicators"]]
    mine = later_ids[0]
    theirs = mine if mine in earlier_ids else earlier_ids[0]
    text = later.read_text(encoding="utf-8")
    line = f"- id: {mine}\n"
    assert line in text
    later.write_text(
        text.replace(line, f"{line}  continues: {{plan: {current_folder()}, indicator: {theirs}}}\n", 1),
        encoding="utf-8",
    )
    return mine, theirs


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory) -> tuple[Path, object]:
    tmp = tmp_path_factory.mktemp("two-plans")
    data, docs = two_plan_project(tmp)
    site = tmp / "site"
    env = {
        "PLANSITE_DATA": str(data),
        "PLANSITE_DOCS": str(docs / "zh"),
        "PLANSITE_DOCS_EN": str(docs / "en"),
        "PLANSITE_CACHE": str(paths.ROOT / ".cache" / "charts"),
    }
    for config, out in (("mkdocs.yml", site), ("mkdocs.en.yml", site / "en")):
        result = mkdocs_build(out, config, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    return site, load_site(data, tmp)


def test_both_plans_pages_exist_under_their_prefixes(two_plans):
    site, checked = two_plans
    for folder, plan in checked.plans.items():
        for lang in ("", "en/"):
            root = site / lang / folder
            expected = ["index.html", "plan/index.html", "indicators/index.html", "open-data/index.html"]
            expected += [f"indicators/{i.id}/index.html" for i in plan.indicators]
            expected += [f"plan/{s.id}/index.html" for _, s in plan.sections()]
            expected += [f"industries/{c.id}/index.html" for c in plan.chains]
            assert [e for e in expected if not (root / e).is_file()] == [], (lang, folder)


def test_the_landing_page_features_the_current_plan_and_lists_all(two_plans):
    site, checked = two_plans
    for lang, code in (("", "zh"), ("en/", "en")):
        html = (site / lang / "index.html").read_text(encoding="utf-8")
        current = html.split('id="current"', 1)[1].split('id="plans"', 1)[0]
        assert f'href="{checked.settings.current}/"' in current
        listed = html.split('id="plans"', 1)[1]
        for folder, plan in checked.plans.items():
            assert f'href="{folder}/"' in listed, (lang, folder)
            title = getattr(plan.meta.title, code) or plan.meta.title.zh
            assert title.replace("“", "&#8220;")[:6] in listed or title[:6] in listed
            assert str(plan.meta.period.start) in listed and str(plan.meta.period.end) in listed


def test_search_results_name_their_plan(two_plans):
    site, checked = two_plans
    for lang, code in (("", "zh"), ("en/", "en")):
        docs = json.loads((site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        for folder, plan in checked.plans.items():
            name = (
                getattr(plan.meta.short_title or plan.meta.title, code) or (plan.meta.short_title or plan.meta.title).zh
            )
            pages = [d for d in docs if d["location"].startswith(folder + "/") and "#" not in d["location"]]
            assert pages, folder
            assert all(name in d["title"] for d in pages), [d["title"] for d in pages if name not in d["title"]][:3]


def test_each_plan_has_its_own_downloads_embeds_and_feed(two_plans):
    site, checked = two_plans
    for folder, plan in checked.plans.items():
        for lang in ("", "en/"):
            root = site / lang / folder
            rows = list(csv.DictReader(io.StringIO((root / "data" / "indicators.csv").read_text("utf-8-sig"))))
            assert {r["indicator_id"] for r in rows} == {i.id for i in plan.indicators}
            package = json.loads((root / "data" / "datapackage.json").read_text(encoding="utf-8"))
            assert str(plan.meta.period.end) in package["title"]
            assert (root / "embed" / plan.indicators[0].id / "index.html").is_file()
            feed = (root / "updates" / "feed.xml").read_text(encoding="utf-8")
            assert f"/{folder}/updates/" in feed
            for link in re.findall(r"<link>([^<]+)</link>", feed):
                assert f"/{folder}/" in link, link


def test_one_data_package_lists_every_plan(two_plans):
    site, checked = two_plans
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    table = package["resources"][0]["path"]
    rows = list(csv.DictReader(io.StringIO((site / "data" / table).read_text("utf-8-sig"))))
    for folder, plan in checked.plans.items():
        mine = [r for r in rows if r["plan"] == folder]
        assert {r["indicator_id"] for r in mine} == {i.id for i in plan.indicators}, folder
        assert folder in package["description"]


def test_the_real_plan_keeps_its_old_addresses_in_a_two_plan_site(two_plans):
    site, _ = two_plans
    legacy = yaml.safe_load((paths.DATA / "site.yaml").read_text(encoding="utf-8"))["legacy_plan"]
    old = (site / "indicators" / "index.html").read_text(encoding="utf-8")
    assert f"{legacy}/indicators/" in old and 'http-equiv="refresh"' in old
    assert legacy == current_folder() or (site / legacy / "index.html").is_file()


def test_an_indicator_and_its_predecessor_link_to_each_other(two_plans):
    site, checked = two_plans
    later = checked.plans[SECOND_FOLDER]
    ind = next(i for i in later.indicators if i.continues is not None)
    earlier = checked.plans[ind.continues.plan]
    for lang in ("", "en/"):
        page = (site / lang / SECOND_FOLDER / "indicators" / ind.id / "index.html").read_text(encoding="utf-8")
        back = f'href="../../../{ind.continues.plan}/indicators/{ind.continues.indicator}/"'
        said = re.search(r'<p class="indicator-continues">(.*?)</p>', page, re.S)
        assert said and back in said.group(1), lang
        assert str(earlier.meta.period.start) in said.group(1)
        old = (site / lang / ind.continues.plan / "indicators" / ind.continues.indicator / "index.html").read_text(
            encoding="utf-8"
        )
        said = re.search(r'<p class="indicator-continues">(.*?)</p>', old, re.S)
        assert said and f'href="../../../{SECOND_FOLDER}/indicators/{ind.id}/"' in said.group(1), lang


def test_the_chart_shows_the_period_before_when_the_unit_is_the_same(two_plans):
    from plansite.wording import ui_text

    site, checked = two_plans
    later = checked.plans[SECOND_FOLDER]
    ind = next(i for i in later.indicators if i.continues is not None)
    earlier = checked.plans[ind.continues.plan]
    before = earlier.indicator(ind.continues.indicator)
    same = (before.unit.zh if before.unit else "") == (ind.unit.zh if ind.unit else "")
    period = {"start": earlier.meta.period.start, "end": earlier.meta.period.end}
    for lang, code in (("", "zh"), ("en/", "en")):
        page = html.unescape(
            (site / lang / SECOND_FOLDER / "indicators" / ind.id / "index.html").read_text(encoding="utf-8")
        )
        name = ui_text(later, "chart.series.before", code, **period)
        assert (name in page) == same, (code, name, same)


def _title_and_header(page: str) -> tuple[str, str]:
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    header = re.search(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', page, re.S)
    assert title and header
    return html.unescape(title.group(1)), html.unescape(header.group(1))


def test_every_plans_pages_carry_the_sites_own_name(two_plans):
    """The name is site.yaml's on both plans' pages and the landing page: not the current plan's title."""
    site, checked = two_plans
    for lang, code in (("", "zh"), ("en/", "en")):
        for page in [site / lang / "index.html"] + [site / lang / folder / "index.html" for folder in checked.plans]:
            title, header = _title_and_header(page.read_text(encoding="utf-8"))
            assert title.endswith(f" - {SITE_NAME[code]}") and header == SITE_NAME[code], (page, title, header)
        for plan in checked.plans.values():
            own = getattr(plan.meta.title, code) or plan.meta.title.zh
            assert own not in _title_and_header((site / lang / "index.html").read_text(encoding="utf-8"))[0]


def test_the_checker_messages_name_no_one_plans_years(two_plans):
    """One messages page for the site: its hints say where each plan states its years, not the current plan's."""
    from plansite.problems import CODES

    site, checked = two_plans
    page = html.unescape((site / "contribute" / "checker-messages" / "index.html").read_text(encoding="utf-8"))
    page = page.split('<table class="codes', 1)[1].split("</table>", 1)[0]  # the hints, not the navigation
    ranged = [c for c in CODES.values() if "{start}" in c.hint or "{end}" in c.hint]
    assert ranged
    for plan in checked.plans.values():
        start, end = plan.meta.period.start, plan.meta.period.end
        assert f"{start}—{end}" not in page and f"{end} 年以后" not in page, (start, end)
    assert "plan.yaml 的 period.end" in page


def test_the_404_page_leads_to_the_site_not_into_one_plan(two_plans):
    site, checked = two_plans
    for lang in ("", "en/"):
        page = (site / lang / "404.html").read_text(encoding="utf-8")
        article = page.split('id="not-found"', 1)[1].split("</article>", 1)[0]
        links = re.findall(r'<a href="([^"]*)"', article)
        assert len(links) == 2 and links[1] == links[0] + "#plans" and urlsplit(links[0]).path == "/" + lang, links
        landing = (site / lang / "index.html").read_text(encoding="utf-8")
        assert 'id="plans"' in landing  # the list the second link lands on
        assert not any(f"/{folder}/" in link for link in links for folder in checked.plans)
