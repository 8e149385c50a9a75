"""The form editor's generated configuration (plansite.cms): current, in step with the checker's file layout and
the models, per plan, and its page (/admin/) built apart from the readers' pages."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import types
import typing
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml

from plansite import catalog, cms, paths
from plansite import models as m
from plansite.site import check_site

from .conftest import MINIMAL

# The kinds a form writes, and the model and collection each is edited in; which kinds keep one item per file and
# where their files are is the catalog's (a kind the catalog does not keep per item gets no form).
FORM_KINDS: dict[str, tuple[str, type[m.Model]]] = {
    "observation": ("observations", m.Observation),
    "source": ("sources", m.Source),
    "status-project": ("status-projects", m.StatusEntry),
    "status-milestone": ("status-milestones", m.StatusEntry),
}


def _per_item(kind: str) -> bool:
    return any(k.name == kind and k.many for k in catalog.KINDS)


def _config(site) -> dict[str, Any]:
    return yaml.safe_load(cms.texts(site)["config.yml"])


def _collections(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in config["collections"]}


def _fields(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in collection["fields"]}


def _slug(template: str, item: m.Model) -> str:
    """Decap's slug for an entry: each {{fields.x}} replaced by the entry's value (dates as the form writes them)."""

    def value(match: re.Match) -> str:
        v = getattr(item, match.group(1))
        return v.isoformat() if isinstance(v, dt.date) else str(v)

    assert "{{year}}" not in template and "{{slug}}" not in template  # the entry's own fields, not Decap's
    return re.sub(r"\{\{fields\.(\w+)\}\}", value, template)


def _items(plan, kind: str) -> list[Any]:
    if kind == "observation":
        return list(plan.observations.observations)
    if kind == "source":
        return list(plan.sources.sources)
    of = catalog.STATUS_KINDS[kind] if hasattr(catalog, "STATUS_KINDS") else kind.split("-")[1]
    return [e for e in plan.status.entries if getattr(e, of) is not None]


def _second_plan_site(tmp: Path):
    """The SYNTHETIC second plan (no chains, no projects) as a project folder, with the site's own wording."""
    from .test_second_plan import assemble

    root = assemble(tmp)
    report, site = check_site(root / "data", root)
    assert report.errors == [] and site is not None
    return site


def test_the_committed_configuration_is_what_the_models_and_data_give(site):
    stale = cms.stale(paths.ROOT / cms.ADMIN, cms.texts(site))
    assert stale == [], f"{stale} 已过期：请运行 python -m plansite cms-config"


def test_each_collection_writes_where_the_checker_reads_with_the_file_name_it_asks_for(site):
    collections = _collections(_config(site))
    kinds = [k for k in FORM_KINDS if _per_item(k)]
    for folder, plan in site.plans.items():
        for kind in kinds:
            key, _model = FORM_KINDS[kind]
            items = _items(plan, kind)
            name = f"{key}-{folder}" if folder else key
            if not items and name not in collections:
                continue  # e.g. no projects in this plan
            c = collections[name]
            pattern = next(k.pattern for k in catalog.KINDS if k.name == kind)
            assert Path(c["folder"]) / Path(pattern).name == Path("data", folder, pattern), name
            assert c["extension"] == "yaml" and c["format"] == "yaml"
            for item in items:  # the slug of every item the plan has is the stem the checker asks for
                assert _slug(c["slug"], item) == catalog.item_stem(kind, item), (name, item)
        for lang in ("zh", "en"):
            c = collections[f"updates-{lang}-{folder}" if folder else f"updates-{lang}"]
            assert c["folder"] == "/".join(p for p in ("docs", lang, folder, "updates") if p)
            assert c["extension"] == "md" and c["format"] == "frontmatter"
            assert c["slug"].startswith("{{fields.date}}-")  # the story's own date, not Decap's {{year}} in UTC


def _types(annotation: Any) -> set[Any]:
    """The plain types a field takes: Optional[Annotated[date, …]] -> {date, NoneType}; int | float -> {int, float}."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _types(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return {t for arg in typing.get_args(annotation) for t in _types(arg)}
    return {annotation}


def _literal(annotation: Any) -> tuple[str, ...]:
    if typing.get_origin(annotation) is Literal:
        return typing.get_args(annotation)
    return next((found for arg in typing.get_args(annotation) if (found := _literal(arg))), ())


def test_every_required_field_is_required_and_every_allowed_value_is_offered(site):
    collections = _collections(_config(site))
    for kind, (key, model) in FORM_KINDS.items():
        if not _per_item(kind):
            continue
        forms = [c for name, c in collections.items() if name == key or name.startswith(f"{key}-")]
        assert forms, key
        offered: dict[str, set[str]] = {}
        for c in forms:
            fields = _fields(c)
            written = [n for n in model.model_fields if n in fields]
            assert [f["name"] for f in c["fields"]] == written, "fields in the model's order: Decap writes them so"
            for name, info in model.model_fields.items():
                if name not in fields:
                    assert model is m.StatusEntry and name in ("project", "milestone"), (key, name)
                    continue
                field = fields[name]
                label, hint = cms.label_and_hint(model, name)
                assert field["label"] == label
                if model is m.StatusEntry and name in ("project", "milestone", "stage"):
                    # a form about projects or milestones only: its hints never name the other kind
                    other = "里程碑" if "project" in fields else "重点项目"
                    assert other not in field["hint"], (c["name"], name)
                    if name == "stage":
                        assert all(o["label"] in field["hint"] for o in field["options"])
                else:
                    assert field["hint"] == hint, (key, name)
                if info.is_required():
                    assert field["required"] is True, (key, name)
                if field["widget"] == "select":
                    assert field["options"], (key, name)
                    offered.setdefault(name, set()).update(o["value"] for o in field["options"])
                if field["widget"] == "object":  # a {zh, en} text: 中文 / English
                    assert [f["name"] for f in field["fields"]] == list(m.Text.model_fields)
                types = _types(info.annotation)
                if dt.date in types:  # a date picker writing the date only
                    assert (field["widget"], field["format"], field["time_format"]) == ("datetime", "YYYY-MM-DD", False)
                elif int in types and float in types:
                    assert (field["widget"], field["value_type"]) == ("number", "float"), (key, name)
                elif int in types:
                    assert (field["widget"], field["value_type"]) == ("number", "int"), (key, name)
        for name, info in model.model_fields.items():
            allowed = _literal(info.annotation)
            if allowed and model is not m.StatusEntry:
                assert offered[name] == set(allowed), (key, name)
        if model is m.StatusEntry and len(forms) == 2 * len(site.plans):
            assert offered["stage"] == set(_literal(model.model_fields["stage"].annotation))


def test_selects_name_the_plans_own_indicators_projects_milestones_and_stages_in_chinese(site):
    plan = site.current
    folder = site.settings.current
    collections = _collections(_config(site))
    if _per_item("observation"):
        indicator = _fields(collections[f"observations-{folder}"])["indicator"]
        assert [(o["value"], o["label"]) for o in indicator["options"]] == [(i.id, i.name.zh) for i in plan.indicators]
        source = _fields(collections[f"observations-{folder}"])["source"]
        assert source["widget"] == "relation" and source["collection"] == f"sources-{folder}"
        assert source["value_field"] == "id" and "title" in source["search_fields"]
        year = _fields(collections[f"observations-{folder}"])["year"]
        assert year["value_type"] == "int" and year["max"] == plan.meta.period.end
    if _per_item("status-project"):
        fields = _fields(collections[f"status-projects-{folder}"])
        assert [o["value"] for o in fields["project"]["options"]] == [p.id for _, p in plan.projects()]
        assert {o["value"]: o["label"] for o in fields["stage"]["options"]} == {
            s: plan.ui.strings[f"stage.{s}"].zh for s in m.PROJECT_STAGES
        }
        assert "milestone" not in fields
    if _per_item("status-milestone"):
        fields = _fields(collections[f"status-milestones-{folder}"])
        assert [o["label"] for o in fields["milestone"]["options"]] == [x.name.zh for x in plan.commitments.milestones]
        assert [o["value"] for o in fields["stage"]["options"]] == list(m.MILESTONE_STAGES)
    shortcodes = cms.shortcodes(site)["options"]
    assert {o["id"]: o["label"] for o in shortcodes["value"]} == {i.id: i.name.zh for i in plan.indicators}
    assert {o["id"] for o in shortcodes["chart"]} >= {i.id for i in plan.indicators} | {"overview"}


def test_a_plan_without_projects_gets_no_project_form_and_no_empty_select(tmp_path: Path):
    site = _second_plan_site(tmp_path)
    plan = site.current
    assert not list(plan.projects())
    config = _config(site)
    names = [c["name"] for c in config["collections"]]
    assert not any(n.startswith("status-projects") for n in names)
    assert "updates-zh" in names and "updates-en" in names  # one-plan data: no folder in the names
    for c in config["collections"]:
        for f in c["fields"]:
            if f["widget"] == "select":
                assert f["options"], (c["name"], f["name"])
    if _per_item("observation"):
        indicator = _fields(_collections(config)["observations"])["indicator"]
        assert [o["value"] for o in indicator["options"]] == [i.id for i in plan.indicators]
    options = cms.shortcodes(site)["options"]
    assert all(options[k] for k in ("value", "target", "chart", "plan"))
    assert "projects-by-chain" not in {o["id"] for o in options["chart"]}  # no chains, no chains chart


def _editor_site(tmp_path: Path, editor: dict[str, Any] | None) -> tuple[Path, Any, Any]:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL / "data", data / "a", ignore=shutil.ignore_patterns("ui.yaml"))
    shutil.copy(MINIMAL / "data" / "ui.yaml", data / "ui.yaml")
    settings: dict[str, Any] = {"plans": ["a"], "current": "a"}
    if "name" in m.SiteSettings.model_fields:  # the site's own name, where site.yaml has one
        settings = {"name": {"zh": "示例网站（合成数据）", "en": "Example site (synthetic)"}} | settings
    if editor is not None:
        settings["editor"] = editor
    (data / "site.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
    report, site = check_site(data, tmp_path)
    return data, report, site


def test_saving_opens_a_pull_request_on_github_and_gitlab_and_commits_on_gitea(tmp_path: Path):
    _, report, site = _editor_site(tmp_path, {"backend": "github", "repo": "kjj/plan-site"})
    assert site is not None, [p.format() for p in report.errors]
    config = _config(site)
    assert config["publish_mode"] == "editorial_workflow" and config["local_backend"] is True
    assert config["locale"] == "zh_Hans"
    assert config["backend"]["name"] == "github" and config["backend"]["repo"] == "kjj/plan-site"
    assert config["backend"]["branch"] == "main"
    gitlab = {
        "backend": "gitlab",
        "repo": "kjj/sub/plan-site",
        "app_id": "abc",
        "api_root": "https://git.example.cn/api/v4",
    }
    _, _, site = _editor_site(tmp_path / "gl", gitlab | {"base_url": "https://git.example.cn"})
    config = _config(site)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] | {"commit_messages": None} == {
        "name": "gitlab",
        "repo": "kjj/sub/plan-site",
        "branch": "main",
        "api_root": "https://git.example.cn/api/v4",
        "base_url": "https://git.example.cn",
        "app_id": "abc",
        "auth_type": "pkce",
        "commit_messages": None,
    }
    gitea = {"backend": "gitea", "repo": "kjj/plan-site", "app_id": "x", "branch": "cms-edits"}
    _, _, site = _editor_site(
        tmp_path / "gt", gitea | {"api_root": "https://g.example.cn/api/v1", "base_url": "https://g.example.cn"}
    )
    config = _config(site)
    assert "publish_mode" not in config  # Decap's Gitea backend refuses the editorial workflow
    assert config["backend"]["branch"] == "cms-edits"


def test_a_wrong_editor_setting_is_reported_at_its_line_in_chinese(tmp_path: Path):
    _, report, site = _editor_site(tmp_path, {"backend": "gitlab", "repo": "no-owner"})
    assert site is None
    found = {(p.file, p.code, p.field) for p in report.errors}
    assert ("data/site.yaml", "editor-setting-invalid", "editor.repo") in found
    _, report, site = _editor_site(tmp_path / "b", {"backend": "gitlab", "repo": "kjj/plan"})
    (problem,) = report.errors
    assert (problem.file, problem.code, problem.field) == ("data/site.yaml", "editor-setting-invalid", "editor")
    lines = (tmp_path / "b" / "data" / "site.yaml").read_text(encoding="utf-8").splitlines()
    assert "app_id" in problem.detail and lines[problem.line - 1].strip() == "backend: gitlab"  # the editor's mapping
    _, report, _ = _editor_site(tmp_path / "c", {"backend": "bitbucket", "repo": "kjj/plan"})
    assert [p.code for p in report.errors] == ["value-not-allowed"]


def _rules(policy: str) -> dict[str, list[str]]:
    return {rule.split()[0]: rule.split()[1:] for rule in policy.split("; ")}


def test_the_editor_page_may_reach_exactly_the_backend_and_the_local_server():
    github = _rules(cms.policy(m.EditorSettings(repo="kjj/plan")))
    assert github["connect-src"] == ["'self'", "https://api.github.com", "https://api.netlify.com", *cms.LOCAL_BACKEND]
    assert github["default-src"] == ["'self'"] and github["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in github["script-src"]
    own = m.EditorSettings(
        backend="gitea",
        repo="kjj/plan",
        app_id="1",
        api_root="https://git.example.cn/api/v1",
        base_url="https://git.example.cn/",
    )
    gitea = _rules(cms.policy(own))
    assert gitea["connect-src"] == ["'self'", "https://git.example.cn", *cms.LOCAL_BACKEND]
    assert not any("github" in v for values in gitea.values() for v in values)


@pytest.mark.build
def test_the_built_editor_is_noindex_unlinked_and_outside_search_and_sitemap(built_site: Path, site):
    admin = built_site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert meta and meta.group(1) == cms.policy(site.settings.editor)
    for name in ("decap-cms.js", "admin.js", "admin.css", "shortcodes.json"):
        assert (admin / name).is_file(), name
    assert (admin / "config.yml").read_text(encoding="utf-8") == (paths.ROOT / cms.ADMIN / "config.yml").read_text(
        encoding="utf-8"
    )
    assert not list(admin.glob("*.map"))  # no source maps published
    assert "/admin" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for index in (built_site / "search" / "search_index.json", built_site / "en" / "search" / "search_index.json"):
        assert '"admin/' not in index.read_text(encoding="utf-8")
    assert not (built_site / "en" / "admin").exists()
    linking = [
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*.html")
        if p.relative_to(built_site).parts[0] != "admin"
        and re.search(r"""href=["'][^"']*admin/""", p.read_text(encoding="utf-8"))
    ]
    assert linking == []


def test_without_decap_installed_the_build_says_how_to_install_it(tmp_path: Path, site):
    from plansite.adminsite import EditorMissing, write_admin

    shutil.copytree(paths.ROOT / cms.ADMIN, tmp_path / cms.ADMIN)
    with pytest.raises(EditorMissing, match="npm ci"):
        write_admin(tmp_path, tmp_path / "site", site)
    assert not (tmp_path / "site" / "admin").exists()  # nothing half-written


def test_the_build_copies_the_bundle_its_chunks_and_wasm_but_no_source_map(tmp_path: Path, site):
    from plansite.adminsite import STATIC, bundle_files, write_admin

    dist = tmp_path / "node_modules" / "decap-cms" / "dist"
    dist.mkdir(parents=True)
    for name in ("decap-cms.js", "decap-cms.js.map", "cms.js", "117.decap-cms.js", "117.cms.js", "ab12.wasm"):
        (dist / name).write_text("synthetic", encoding="utf-8")
    assert [p.name for p in bundle_files(tmp_path)] == ["117.decap-cms.js", "ab12.wasm", "decap-cms.js"]
    shutil.copytree(paths.ROOT / cms.ADMIN, tmp_path / cms.ADMIN)
    write_admin(tmp_path, tmp_path / "site", site)
    written = sorted(p.name for p in (tmp_path / "site" / "admin").iterdir())
    assert written == sorted(["117.decap-cms.js", "ab12.wasm", "decap-cms.js", *STATIC, *cms.FILES])


def test_on_a_two_plan_site_each_plan_has_its_own_labelled_forms(tmp_path: Path):
    from .test_two_plans import two_plan_project

    data, _docs = two_plan_project(tmp_path)
    report, site = check_site(data, tmp_path)
    assert report.errors == [] and site is not None and len(site.plans) == 2
    config = _config(site)
    collections = _collections(config)
    for folder, plan in site.plans.items():
        mine = [c for c in config["collections"] if c["name"].endswith(f"-{folder}")]
        assert {c["name"].removesuffix(f"-{folder}") for c in mine} >= {"updates-zh", "updates-en"}
        for c in mine:  # each label says its plan; data forms write into the plan's own folder
            assert c["label"].endswith(f" · {cms.plan_name(plan)}") or c["name"].startswith("updates-en"), c["label"]
            assert c["folder"].split("/")[1] == folder or c["folder"].split("/")[2] == folder, c["folder"]
            for f in c["fields"]:
                if f["widget"] == "relation":
                    assert f["collection"] == f"sources-{folder}"  # a plan's values cite its own sources
        if _per_item("observation"):
            options = _fields(collections[f"observations-{folder}"])["indicator"]["options"]
            assert [o["value"] for o in options] == [i.id for i in plan.indicators]
    names = {o["label"].split(" · ")[0] for o in cms.shortcodes(site)["options"]["value"]}
    assert names == {cms.plan_name(p) for p in site.plans.values()}  # with two plans each name says its plan
