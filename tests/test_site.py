"""A site of several plans (plansite.site, plansite.catalog, render.placed), on synthetic fixtures: data/ with
site.yaml, the shared ui.yaml and one folder per plan (here the minimal fixture twice)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import yaml

from plansite.render import LANGS, Renderer, placed
from plansite.site import check_site
from plansite.wording import ui_text

from .conftest import MINIMAL

SITE_NAME = {"zh": "示例网站（测试用）", "en": "Example site (SYNTHETIC)"}


def two_folders(tmp: Path, **settings) -> Path:
    """tmp/data as a site: the minimal fixture's plan in folders a/ and b/, its ui.yaml shared."""
    data = tmp / "data"
    for folder in ("a", "b"):
        shutil.copytree(MINIMAL / "data", data / folder, ignore=shutil.ignore_patterns("ui.yaml"))
    shutil.copy(MINIMAL / "data" / "ui.yaml", data / "ui.yaml")
    settings = {"name": SITE_NAME, "plans": ["a", "b"], "current": "b", **settings}
    (data / "site.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    return data


def test_a_site_checks_every_plan_folder_with_the_shared_wording(tmp_path: Path):
    data = two_folders(tmp_path)
    report, site = check_site(data, tmp_path)
    assert report.errors == [] and site is not None
    assert list(site.plans) == ["a", "b"] and site.current is site.plans["b"] and site.prefixed
    assert site.plans["a"].files["indicators"] == "data/a/indicators.yaml"  # messages name the plan's own file
    assert site.plans["a"].ui.strings == site.plans["b"].ui.strings


def test_a_problem_in_one_plan_folder_is_reported_at_its_file_and_stops_the_site(tmp_path: Path):
    data = two_folders(tmp_path)
    path = data / "a" / "observations" / "example-enterprises-2023.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: ", "value: x", 1), encoding="utf-8")
    report, site = check_site(data, tmp_path)
    assert site is None
    assert {p.file for p in report.errors} == {"data/a/observations/example-enterprises-2023.yaml"}


def test_a_file_outside_the_listed_folders_is_unclaimed(tmp_path: Path):
    data = two_folders(tmp_path)
    (data / "c").mkdir()
    (data / "c" / "plan.yaml").write_text("title: {zh: x, en: x}\n", encoding="utf-8")
    report, site = check_site(data, tmp_path)
    assert site is None and [p.code for p in report.errors] == ["file-unclaimed"]
    assert report.errors[0].file == "data/c/plan.yaml"


def test_continues_must_name_an_earlier_plan(tmp_path: Path):
    data = two_folders(tmp_path)
    path = data / "b" / "indicators.yaml"
    first = yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"][0]["id"]
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(f"- id: {first}\n", f"- id: {first}\n  continues: {{plan: a, indicator: {first}}}\n", 1), "utf-8"
    )
    report, site = check_site(data, tmp_path)  # a has the same period as b: it is not an earlier plan
    assert site is None and [p.code for p in report.errors] == ["continues-unknown"]
    assert report.errors[0].file == "data/b/indicators.yaml" and report.errors[0].line > 0


def test_plan_paths_go_under_the_prefix_and_the_sites_own_stay():
    assert placed("2021-2025/", "indicators/x.md") == "2021-2025/indicators/x.md"
    assert placed("2021-2025/", "index.md") == "2021-2025/index.md"  # the plan's home
    assert placed("2021-2025/", "index.md", site_index=True) == "index.md"  # the landing page
    for own in ("about.md", "contribute.md", "contribute/checker-messages.md", "assets/javascripts/x.js"):
        assert placed("2021-2025/", own) == own
    assert placed("", "indicators/x.md") == "indicators/x.md"  # one plan at the root


def test_links_between_plans_and_to_the_site_are_relative_to_the_page(plan):
    r = Renderer(plan, "zh", prefix="2026-2030/", prefixes=("2026-2030/", "2021-2025/"))
    page = r.page_context(f"indicators/{plan.indicators[0].id}.md")
    assert page.path == f"2026-2030/indicators/{plan.indicators[0].id}.md"
    assert r.link(page, "indicators/index.md") == "../"
    assert (
        r.link(page, f"2021-2025/indicators/{plan.indicators[0].id}.md")
        == f"../../../2021-2025/indicators/{plan.indicators[0].id}/"
    )
    assert r.link(page, "about.md") == "../../../about/"
    assert r.file_link(page, "data/indicators.csv") == "../../data/indicators.csv"
    assert r.file_link(page, "assets/javascripts/site.js") == "../../../assets/javascripts/site.js"
    assert r.absolute("embed/x/") == r.site_url + "2026-2030/embed/x/"


def test_a_site_is_named_in_site_yaml_and_one_plan_by_its_own_name(tmp_path: Path):
    _, site = check_site(two_folders(tmp_path), tmp_path)
    assert site is not None and [site.name(lang) for lang in ("zh", "en")] == [SITE_NAME["zh"], SITE_NAME["en"]]
    _, alone = check_site(MINIMAL / "data", MINIMAL.parent)  # no site.yaml: the plan's name (ui site.name)
    assert alone is not None
    assert [alone.name(lang) for lang in ("zh", "en")] == [ui_text(alone.current, "site.name", lang) for lang in LANGS]


def test_a_site_without_a_name_is_refused_at_site_yaml(tmp_path: Path):
    data = two_folders(tmp_path)
    path = data / "site.yaml"
    settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    del settings["name"]
    path.write_text(yaml.safe_dump(settings), "utf-8")
    report, site = check_site(data, tmp_path)
    assert site is None
    assert [(p.file, p.code, p.detail) for p in report.errors] == [("data/site.yaml", "field-missing", "缺少“name”")]


def test_the_checker_hints_name_the_plans_years_only_when_the_site_has_one_plan(tmp_path: Path):
    _, site = check_site(two_folders(tmp_path), tmp_path)
    assert site is not None and site.hint_values()["end"] == "plan.yaml 的 period.end"
    _, alone = check_site(MINIMAL / "data", MINIMAL.parent)
    assert alone is not None and alone.hint_values()["end"] == alone.current.meta.period.end


def test_the_404_page_leads_a_site_of_plans_to_its_landing_page_and_one_plan_to_its_sections(tmp_path: Path):
    _, site = check_site(two_folders(tmp_path), tmp_path)
    assert site is not None
    prefixed = Renderer(site.current, "zh", prefix="b/", prefixes=("a/", "b/"))
    t = prefixed.lang.t
    assert prefixed.not_found_links() == [
        {"text": t("landing.title"), "href": ""},
        {"text": t("landing.all"), "href": "#plans"},
    ]
    root = Renderer(site.current, "zh")
    assert [link["href"] for link in root.not_found_links()] == [""] + ["plan/", "indicators/"] + (
        ["industries/"] if site.current.chains else []
    )
    no_chains = Renderer(dataclasses.replace(site.current, chains=()), "zh")
    assert "industries/" not in [link["href"] for link in no_chains.not_found_links()]
