"""The form editor end to end (issue 12 point 4): Decap CMS at /admin/ in headless Chromium, its Chinese interface,
against Decap's local backend (decap-server in git mode) on a throw-away git copy of data/ and docs/.

Through the forms only: a new source (来源) and a yearly value citing it (指标数值), a project stage with dated
evidence (项目进展), and a story (动态) whose body holds a shortcode inserted with the editor's own button; each is
saved, moved to 就绪 and published, which merges its branch into main. Then, on the copy: the checker passes,
the diff against the start is exactly the four new files, each file reads back as typed, and the built site shows
the value on its indicator page, the stage on its chain page and the story with its shortcode expanded.

Every value typed is a SYNTHETIC test value (the source is a made-up "端到端测试" document); the copy is thrown
away. The plan's ids, names and option labels are read from the plan and the generated editor configuration,
never written here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from plansite import paths
from plansite.models import Observation, Source, StatusEntry
from plansite.render import Lang
from plansite.rules.observations import expected_kind
from plansite.site import load_site
from plansite.stories import today_in_china

from . import decap
from .conftest import address, mkdocs_build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT = 60_000  # ms: Decap loads a 5 MB bundle and every collection's entries on a busy machine
SYNTHETIC = "端到端测试（合成数据，非真实来源）"
BODY = ("paragraph", "shortcode")  # what the story's body is made of; the other keys are its front matter


# --- what the test types, chosen from the plan ---------------------------------------------------------------


@dataclass
class Typed:
    """The values typed into the forms, and where the files should land."""

    folder: str  # the plan folder, e.g. 2021-2025
    source: dict[str, Any] = field(default_factory=dict)
    observation: dict[str, Any] = field(default_factory=dict)
    status: dict[str, Any] = field(default_factory=dict)
    story: dict[str, Any] = field(default_factory=dict)
    chain: str = ""  # the chain holding the project
    files: dict[str, str] = field(default_factory=dict)  # kind -> path relative to the repo, filled as published


def choose(site) -> Typed:
    """Test values that pass the checker: an indicator year without a value, the latest so it shows everywhere,
    a project whose newest entry is older than today."""
    folder = site.settings.current if site.prefixed else ""
    plan = site.current
    today = today_in_china()
    have = {(o.indicator, o.year) for o in plan.observations.observations}
    end = plan.meta.period.end
    candidates = [
        i
        for i in plan.indicators
        if i.unit is not None and (i.id, end) not in have and all(o.year < end for o in plan.observations_of(i.id))
    ]
    assert candidates, "no indicator lacks a value for the plan's last year: choose another year"
    ind = candidates[0]
    percent = "%" in ind.unit.zh
    value = 43.21 if percent else 4321
    source_id = "e2e-test-source"
    t = Typed(folder)
    t.source = {
        "id": source_id,
        "title": f"{SYNTHETIC}：数值与进展",
        "publisher": "端到端测试发布者",
        "date": today.isoformat(),
        "url": "https://example.com/e2e-test-source",
        "kind": "other",
    }
    t.observation = {
        "indicator": ind.id,
        "year": end,
        "value": value,
        "unit": {"zh": ind.unit.zh} | ({"en": ind.unit.en} if ind.unit.en else {}),
        "source": source_id,
        "quote": f"{SYNTHETIC}：{end}年该项数值为{value:g}{ind.unit.zh}。",
        "kind": expected_kind(ind),
        "match": "exact",
    }
    chain, project = next(
        (c, p) for c, p in plan.projects() if all(e.date < today for e in plan.status_of(project=p.id))
    )
    t.chain = chain.id
    t.status = {
        "project": project.id,
        "date": today.isoformat(),
        "stage": "under-construction",
        "note": {"zh": f"{SYNTHETIC}：项目开工建设。", "en": "End-to-end test (synthetic): construction began."},
        "source": source_id,
        "quote": f"{SYNTHETIC}：该项目已开工建设。",
    }
    t.story = {
        "title": "端到端测试动态",
        "date": today.isoformat(),
        "description": f"{SYNTHETIC}的动态，正文插入了一个数值。",
        "paragraph": "这是一篇端到端测试写的动态，下面是用编辑器按钮插入的数值：",
        "shortcode": f"[[value:{ind.id}]]",
    }
    return t


# --- driving Decap ---------------------------------------------------------------------------------------------


class Form:
    """One collection's form, found by the labels of the generated configuration."""

    def __init__(self, page, collection: dict[str, Any]):
        self.page = page
        self.collection = collection
        self.fields = {f["name"]: f for f in collection["fields"]}

    def control(self, name: str, scope=None, fields=None):
        """The input a field's label names (Decap binds each label to its control with for=; an optional field's
        label ends in " (可选)"). An object's label names the box holding its fields."""
        spec = (fields or self.fields)[name]
        scope = scope or self.page
        text = re.compile(rf"^{re.escape(spec['label'])}( \(可选\))?$")
        if spec.get("widget") == "object":
            label = scope.locator("label:visible").filter(has_text=text)
            label.first.wait_for(timeout=TIMEOUT)
            return self.page.locator(f"[id='{label.first.get_attribute('for')}']")
        return scope.get_by_label(text)

    def fill(self, name: str, value: Any) -> None:
        spec = self.fields[name]
        widget = spec.get("widget", "string")
        if widget == "object":
            box = self.control(name)
            subs = {f["name"]: f for f in spec["fields"]}
            if not box.locator("label").first.is_visible():  # an optional text starts folded: open it
                box.get_by_role("button").first.click()
            for sub, text in value.items():
                self.control(sub, scope=box, fields=subs).fill(str(text))
        elif widget == "select":
            label = next(o["label"] for o in spec["options"] if o["value"] == value)
            self.pick(self.control(name), label)
        elif widget == "relation":
            self.pick(self.control(name), value["search"], value["option"])
        else:  # string, text, number, datetime (an <input type=date> takes YYYY-MM-DD)
            self.control(name).fill(str(value))

    def pick(self, control, typed: str, option: str | None = None) -> None:
        """A react-select: type, then click the option (exactly its label)."""
        control.click()
        control.fill(typed)
        self.page.get_by_role("option", name=option or typed, exact=True).click(timeout=TIMEOUT)


def open_editor(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="登录").click(timeout=TIMEOUT)
    page.get_by_text("工作流").first.wait_for(timeout=TIMEOUT)


def new_entry(page, url: str, collection: dict[str, Any]) -> Form:
    """A fresh page load on the collection's new-entry form. (Changing only the address's #fragment from a
    published entry to another collection's new entry keeps the old entry's draft in Decap 3.16: the next save
    then rewrote the published source with the observation's fields. A full load starts from nothing.)"""
    page.goto("about:blank")
    page.goto(f"{url}#/collections/{collection['name']}/new")
    form = Form(page, collection)
    form.control(collection["fields"][0]["name"]).wait_for(timeout=TIMEOUT)
    return form


def save_and_publish(page) -> None:
    """保存 → 状态 就绪 → 发布 → 立即发布 (and the confirmation): the entry's branch is merged into main."""
    page.get_by_role("button", name="保存", exact=True).click()
    status = page.get_by_role("button", name=re.compile(r"^状态: "))
    status.wait_for(timeout=TIMEOUT)
    status.click()
    page.get_by_role("menuitem", name="就绪", exact=True).click()
    page.get_by_role("button", name="状态: 就绪").wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name="发布", exact=True).click()
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("menuitem", name="立即发布").click()
    page.get_by_role("button", name="已发布", exact=True).wait_for(timeout=TIMEOUT)


def wait_merged(repo: Path, path: str) -> None:
    """Publishing answers before git is done; wait until main holds the file and no entry branch is left."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        branches = decap.git(repo, "branch", "--format=%(refname:short)").split()
        if branches == ["main"] and decap.git(repo, "ls-tree", "--name-only", "main", "--", path).strip():
            return
        time.sleep(0.2)
    raise AssertionError(f"{path} was not merged into main: {decap.git(repo, 'log', '--all', '--stat')}")


def new_path(repo: Path, before: set[str]) -> str:
    files = set(decap.git(repo, "ls-tree", "-r", "--name-only", "main").split("\n")) - {""}
    added = sorted(files - before)
    assert len(added) == 1, added
    return added[0]


# --- the admin page, served the way the build lays it out --------------------------------------------------------


def admin_site(target: Path, site, api: str) -> dict[str, Any]:
    """/admin/ exactly as the build writes it (plansite.adminsite, for the copy's data), with two changes for the
    test only: the local backend is the test's decap-server (on a free port, not 8081), in the configuration and
    in the page's connect-src. Returns the configuration."""
    from plansite.adminsite import write_admin

    write_admin(paths.ROOT, target, site)
    admin = target / "admin"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["local_backend"] is True, "the published configuration should ask for decap-server on localhost"
    config["local_backend"] = {"url": api}
    (admin / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert "http://127.0.0.1:8081" in page, "the page's CSP should let Decap reach decap-server"
    (admin / "index.html").write_text(page.replace("http://127.0.0.1:8081", api.rsplit("/api/", 1)[0]), "utf-8")
    return config


def collection_for(config: dict[str, Any], folder: str) -> dict[str, Any]:
    found = [c for c in config["collections"] if c.get("folder") == folder]
    assert len(found) == 1, (folder, [c.get("folder") for c in config["collections"]])
    return found[0]


# --- the run -----------------------------------------------------------------------------------------------------


@dataclass
class Run:
    repo: Path
    start: str
    typed: Typed
    seconds: float
    console: list[str]


@pytest.fixture(scope="module")
def run(tmp_path_factory, browser) -> Run:
    from plansite.localserver import serve

    began = time.monotonic()
    tmp = tmp_path_factory.mktemp("cms-e2e")
    repo, start = decap.repo_copy(tmp / "repo")
    site = load_site(repo / "data", repo)
    typed = choose(site)
    data = "/".join(p for p in ("data", typed.folder) if p)
    stories = "/".join(p for p in ("docs", "zh", typed.folder, "updates") if p)
    console: list[str] = []
    with decap.decap_server(repo, tmp / "decap-server.log") as api:
        config = admin_site(tmp / "served", site, api)
        sources = collection_for(config, f"{data}/sources")
        observations = collection_for(config, f"{data}/observations")
        projects = collection_for(config, f"{data}/status/projects")
        updates = collection_for(config, stories)
        server = serve(tmp / "served")
        url = f"http://127.0.0.1:{server.server_address[1]}/admin/"
        page = browser.new_page(locale="zh-CN")
        page.set_default_timeout(TIMEOUT)

        def note(message) -> None:
            if message.type == "error":
                console.append(message.text)

        page.on("console", note)
        page.on("pageerror", lambda e: console.append(str(e)))
        try:
            open_editor(page, url)

            def files() -> set[str]:
                return set(decap.git(repo, "ls-tree", "-r", "--name-only", "main").split("\n")) - {""}

            # a: the source, then a yearly value citing it
            before = files()
            form = new_entry(page, url, sources)
            for name in ("id", "title", "publisher", "date", "url", "kind"):
                form.fill(name, typed.source[name])
            form.fill("date_note", "写了又删掉")  # a field typed in, then cleared: it must not reach the file
            form.fill("date_note", "")
            save_and_publish(page)
            typed.files["source"] = f"{data}/sources/{typed.source['id']}.yaml"
            wait_merged(repo, typed.files["source"])
            assert new_path(repo, before) == typed.files["source"]

            before = files()
            o = typed.observation
            form = new_entry(page, url, observations)
            for name in ("indicator", "year", "value", "unit", "quote", "kind", "match"):
                form.fill(name, o[name])
            form.fill("as_of", {"zh": "写了又删掉"})  # an optional {zh, en} text, typed in, then cleared
            form.fill("as_of", {"zh": ""})
            form.fill("source", {"search": typed.source["publisher"], "option": source_option(form, typed.source)})
            save_and_publish(page)
            typed.files["observation"] = f"{data}/observations/{o['indicator']}-{o['year']}.yaml"
            wait_merged(repo, typed.files["observation"])
            assert new_path(repo, before) == typed.files["observation"]

            # b: a project stage with dated evidence
            before = files()
            s = typed.status
            form = new_entry(page, url, projects)
            for name in ("project", "date", "stage", "note", "quote"):
                form.fill(name, s[name])
            form.fill("source", {"search": typed.source["publisher"], "option": source_option(form, typed.source)})
            save_and_publish(page)
            typed.files["status"] = f"{data}/status/projects/{s['project']}-{s['date']}.yaml"
            wait_merged(repo, typed.files["status"])
            assert new_path(repo, before) == typed.files["status"]

            # c: a story whose body holds a shortcode inserted by the editor's button
            before = files()
            st = typed.story
            form = new_entry(page, url, updates)
            if "slug" in form.fields:
                st["slug"] = "e2e-test-story"
            for name in ("title", "slug", "date", "description"):
                if name in st:
                    form.fill(name, st[name])
            write_body(page, st, *value_button(tmp / "served" / "admin", o["indicator"]))
            save_and_publish(page)
            typed.files["story"] = new_path(repo, before)
            wait_merged(repo, typed.files["story"])
        except Exception:
            page.screenshot(path=str(tmp / "failure.png"), full_page=True)
            print(f"screenshot: {tmp / 'failure.png'}; decap-server log: {tmp / 'decap-server.log'}", file=sys.stderr)
            raise
        finally:
            page.close()
            server.shutdown()
    return Run(repo, start, typed, time.monotonic() - began, console)


def source_option(form: Form, source: dict[str, Any]) -> str:
    """The relation widget's option for a source: the configuration's display_fields filled in (Decap joins
    several with a space; the date filter leaves a YYYY-MM-DD date as it is)."""
    templates = form.fields["source"]["display_fields"]
    fill = re.compile(r"\{\{\s*(?:fields\.)?(\w+)\s*(?:\|[^}]*)?\}\}")
    return " ".join(fill.sub(lambda m: str(source[m.group(1)]), t) for t in templates)


def value_button(admin: Path, indicator: str) -> tuple[str, str]:
    """The story editor's button that inserts [[value:…]] (admin.js) and the indicator's name in its list
    (shortcodes.json, generated from the plan)."""
    script = (admin / "admin.js").read_text(encoding="utf-8")
    match = re.search(r"[\"']plan-value[\"']\s*:\s*\{[^}]*?label:\s*[\"']([^\"']+)[\"']", script, re.S)
    assert match, "admin.js should give the plan-value component a label"
    options = json.loads((admin / "shortcodes.json").read_text(encoding="utf-8"))["options"]["value"]
    return match.group(1), next(o["label"] for o in options if o["id"] == indicator)


def write_body(page, story: dict[str, Any], button: str, indicator: str) -> None:
    """Type a paragraph in the rich-text editor, then insert the value with the + menu (添加组件): the button opens
    a dialog with a list of the indicators' Chinese names."""
    editor = page.locator("[data-slate-editor='true']").first
    editor.click()
    editor.press_sequentially(story["paragraph"])
    page.get_by_role("button", name="添加组件").click()
    page.get_by_role("menuitem", name=button).click()
    dialog = page.get_by_role("dialog", name=button)
    dialog.get_by_role("combobox").select_option(label=indicator)
    dialog.get_by_role("button", name="插入").click()
    dialog.wait_for(state="detached", timeout=TIMEOUT)


# --- the assertions ------------------------------------------------------------------------------------------------


def test_the_checker_passes_on_what_the_editor_wrote(run: Run):
    done = subprocess.run(
        [sys.executable, "-m", "plansite", "check", "--data", str(run.repo / "data")],
        cwd=run.repo,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    print(f"editor run: {run.seconds:.0f} s")


def test_the_editor_page_broke_none_of_its_csp(run: Run):
    """Decap ran under /admin/'s own Content-Security-Policy: nothing it needed was refused."""
    refused = [m for m in run.console if "Content Security Policy" in m or "Refused to" in m]
    assert refused == []


def test_the_diff_is_exactly_the_four_new_files(run: Run):
    diff = decap.git(run.repo, "diff", "--name-status", run.start, "main").splitlines()
    assert sorted(diff) == sorted(f"A\t{p}" for p in run.typed.files.values())
    assert decap.git(run.repo, "status", "--porcelain") == ""  # and nothing left unpublished in the work tree


def _read(run: Run, kind: str) -> dict[str, Any]:
    data = yaml.safe_load((run.repo / run.typed.files[kind]).read_text(encoding="utf-8"))
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}


def test_each_file_holds_what_was_typed(run: Run):
    t = run.typed
    assert _read(run, "source") == t.source | {"date_shown": True}  # the form's checkbox, ticked by default
    assert _read(run, "observation") == t.observation
    assert _read(run, "status") == t.status
    text = (run.repo / t.files["story"]).read_text(encoding="utf-8")
    front, body = text.removeprefix("---\n").split("\n---\n", 1)
    typed = {k: dt.date.fromisoformat(v) if k == "date" else v for k, v in t.story.items() if k not in BODY}
    assert yaml.safe_load(front) == typed
    assert body == t.story["paragraph"] + t.story["shortcode"] + "\n"  # the shortcode inline, where it was inserted


def test_each_file_is_what_decap_writes_on_the_next_edit(run: Run):
    """Opening an entry again and saving it unchanged gives the same bytes (see tests/test_cms_roundtrip.py)."""
    kinds: dict[str, type[BaseModel]] = {"source": Source, "observation": Observation, "status": StatusEntry}
    requests = [
        {"path": str(run.repo / run.typed.files[k]), "format": "yml", "fields": decap.field_order(model), "clean": True}
        for k, model in kinds.items()
    ]
    requests.append(
        {
            "path": str(run.repo / run.typed.files["story"]),
            "format": "frontmatter",
            "fields": decap.story_fields(),
            "clean": True,
        }
    )
    for answer in decap.decap_format(requests):
        assert answer["raw"] == Path(answer["path"]).read_text(encoding="utf-8"), answer["path"]


@pytest.fixture(scope="module")
def built(run: Run, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("cms-e2e-site") / "site"
    result = mkdocs_build(site, PLANSITE_DATA=str(run.repo / "data"), PLANSITE_DOCS=str(run.repo / "docs" / "zh"))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _page(site: Path, path: str, folder: str) -> str:
    return (site / address(path, plan=folder or None) / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_built_site_shows_the_changes(run: Run, built: Path):
    t = run.typed
    site = load_site(run.repo / "data", run.repo)
    plan = site.plans[t.folder] if t.folder else site.current
    ind = next(i for i in plan.indicators if i.id == t.observation["indicator"])
    shown = Lang(plan, "zh").amount(t.observation["value"], ind.unit)
    indicator_page = _text(_page(built, f"indicators/{ind.id}/", t.folder))
    assert shown in indicator_page and t.source["title"] in indicator_page
    cards = _page(built, f"industries/{t.chain}/", t.folder).split('<li class="project-card"')[1:]
    card = next(c for c in cards if t.status["note"]["zh"] in c)  # the project's card shows the new entry
    stage = t.status["stage"]
    assert f'data-stage="{stage}"' in card.split(">", 1)[0]  # as its current stage
    assert f'<span class="stage stage--{stage}">{plan.ui.strings[f"stage.{stage}"].zh}</span>' in card
    slug = Path(t.files["story"]).stem
    story = _text(_page(built, f"updates/{slug}/", t.folder))
    assert t.story["title"] in story and t.story["paragraph"] in story
    assert "[[" not in story and shown in story
