"""The form editor at /admin/ (Decap CMS): its configuration, its shortcode lists and its page, generated from the
models and the site's data.

`python -m plansite cms-config` writes them into docs/admin/ (committed; a test fails when they are stale); the
build copies docs/admin/ and Decap's own bundle from node_modules into site/admin/ (plansite/adminsite.py).

- One set of collections per plan folder, labelled with the plan's name: 指标数值 (observations), 来源 (sources),
  项目进展 and 里程碑进展 (status entries; no project collection for a plan without projects), 动态（中文） and
  News (English) (stories). Each collection's folder is the catalog's folder for its kind and its slug gives the file
  name the checker asks for (catalog.item_stem), from the entry's own fields: Decap's {{year}} would be the entry
  date, not the observation's year.
- Fields follow the model's field order (Decap writes keys in field order, which keeps a rewritten file clean); the
  label and hint are the first line of the field's description ("标签：提示"), required, widget, pattern and bounds
  come from the field's type. The years an observation may have are the plan's own (plansite.facts).
- Select options carry Chinese names from the plan's data (indicators, projects, milestones, stages from ui.yaml);
  a source is a relation to the plan's source collection, so a new source never makes this configuration stale.
- Backend, branch and sign-in come from data/site.yaml `editor:`; saving opens a pull request (editorial workflow)
  on GitHub and GitLab. Decap's Gitea backend has no editorial workflow (3.16: "The Gitea backend does not support
  editorial workflow"), so with Gitea a save is a commit to the configured branch. `local_backend` lets Decap use
  decap-server on localhost (Decap itself ignores it on any other host).
- The page's Content-Security-Policy allows exactly the hosts the backend talks to.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import catalog
from . import models as m
from .charts import all_charts
from .facts import history_from
from .plan import Plan
from .site import Site
from .stories import PLAN_FACT_IDS, SLUG_PATTERN
from .wording import plan_facts

ADMIN = Path("docs") / "admin"  # relative to the project root
FILES = ("config.yml", "shortcodes.json", "index.html")
LOCALE = "zh_Hans"  # decap-cms-locales/src/zh_Hans: the Chinese interface
LOCAL_BACKEND = ("http://localhost:8081", "http://127.0.0.1:8081")  # decap-server's default address
# Where each platform's API is when site.yaml gives no api_root, and where sign-in happens without base_url
# (Decap CMS 3.16's own defaults).
_API_ROOT = {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4"}
_BASE_URL = {"github": "https://api.netlify.com", "gitlab": "https://gitlab.com"}
_IMAGES = {"github": ("https://avatars.githubusercontent.com",)}  # the signed-in user's avatar
_ID_PATTERN = [rf"^{SLUG_PATTERN}$", "只能用小写英文字母、数字和连字符，例如 high-tech-enterprises"]
_URL_PATTERN = [r"^https?://[^\s/]+\.[^\s]+$", "请填写以 http:// 或 https:// 开头的完整网址"]
_GENERATED = "# 由 python -m plansite cms-config 根据 plansite/models.py 和 data/ 生成，请勿手改。\n"


# --------------------------------------------------------------------------- fields from the models


def label_and_hint(model: type[BaseModel], name: str) -> tuple[str, str]:
    """A field's Chinese label and hint: the first line of its description, "标签：提示"."""
    description = model.model_fields[name].description or ""
    first = description.split("\n", 1)[0].strip()
    label, sep, hint = first.partition("：")
    if not sep or not label or not re.search(r"[\u4e00-\u9fff]", first):
        raise ValueError(f"{model.__name__}.{name}: the description's first line should be 标签：提示")
    return label, hint


def _validators(info: FieldInfo) -> set[Callable]:
    """The validator functions on a field's type (through Optional and Annotated)."""
    found: set[Callable] = set()

    def walk(tp: Any) -> None:
        for meta in getattr(tp, "__metadata__", ()):
            func = getattr(meta, "func", None)
            if func is not None:
                found.add(func)
        for arg in typing.get_args(tp):
            walk(arg)

    for meta in info.metadata:
        func = getattr(meta, "func", None)
        if func is not None:
            found.add(func)
    walk(info.annotation)
    return found


def _literal(info: FieldInfo) -> tuple[str, ...]:
    def walk(tp: Any) -> tuple[str, ...]:
        if typing.get_origin(tp) is Literal:
            return typing.get_args(tp)
        for arg in typing.get_args(tp):
            found = walk(arg)
            if found:
                return found
        return ()

    return walk(info.annotation)


def _is_text(info: FieldInfo) -> bool:
    return info.annotation is m.Text or m.Text in typing.get_args(info.annotation)


def _field(model: type[BaseModel], name: str, **override: Any) -> dict[str, Any]:
    """The Decap field for one model field; override adds or replaces keys (a select's options, bounds …)."""
    info = model.model_fields[name]
    label, hint = label_and_hint(model, name)
    field: dict[str, Any] = {"name": name, "label": label}
    validators = _validators(info)
    names = {f.__name__ for f in validators}
    choices = _literal(info)
    if _is_text(info):
        # 中文 / English; an optional text's 中文 is not required in the form (Decap would demand it even when
        # the whole text is left empty): the checker still refuses a text given without its Chinese
        field["widget"] = "object"
        field["collapsed"] = not info.is_required()
        field["fields"] = [
            {
                "name": sub,
                "label": label_and_hint(m.Text, sub)[0],
                "widget": "string",
                "required": info.is_required() and m.Text.model_fields[sub].is_required(),
            }
            for sub in m.Text.model_fields
        ]
    elif choices:
        labels = m.CHOICE_LABELS.get((model.__name__, name), {})
        field["widget"] = "select"
        field["options"] = [{"label": labels.get(v, v), "value": v} for v in choices]
    elif "_date" in names:
        field |= {"widget": "datetime", "date_format": "YYYY-MM-DD", "time_format": False, "format": "YYYY-MM-DD"}
        field["default"] = ""  # never today's date unless staff pick it
    elif "_year" in names:
        field |= {"widget": "number", "value_type": "int", "min": m.YEAR_MIN, "max": m.YEAR_MAX, "step": 1}
    elif "_integer" in names:
        field |= {"widget": "number", "value_type": "int", "step": 1}
    elif "_number" in names:
        field |= {"widget": "number", "value_type": "float"}
    elif info.annotation is bool:
        field["widget"] = "boolean"
    else:
        field["widget"] = "string"
        if "_id" in names:
            field["pattern"] = _ID_PATTERN
        elif "_url" in names:
            field["pattern"] = _URL_PATTERN
    if info.annotation is bool or (not info.is_required() and info.default not in (None, "")):
        field["default"] = info.default
    field["required"] = info.is_required()
    field["hint"] = hint
    field |= override
    return field


def _select(options: list[tuple[str, str]], **extra: Any) -> dict[str, Any]:
    return {
        "widget": "select",
        "options": [{"label": label, "value": value} for value, label in options],
        "pattern": None,
    } | extra


# --------------------------------------------------------------------------- collections


@dataclass(frozen=True)
class Place:
    """Where one plan's files are, relative to the project root: data/2021-2025/, docs/<lang>/2021-2025/."""

    folder: str  # the plan folder ("" for one-plan data)
    data: str  # e.g. data/2021-2025
    docs: str  # e.g. docs (holding zh/ and en/)
    named: bool = False  # several plans: each collection's label says its plan

    def kind_folder(self, kind: str) -> str:
        """The folder the catalog gives a one-item-per-file kind, e.g. data/2021-2025/observations."""
        pattern = next(k.pattern for k in catalog.KINDS if k.name == kind)
        return f"{self.data}/{pattern.rsplit('/', 1)[0]}"

    def stories(self, lang: str) -> str:
        return "/".join(p for p in (self.docs, lang, self.folder, "updates") if p)

    def name(self, collection: str) -> str:
        return f"{collection}-{self.folder}" if self.folder else collection


def plan_name(plan: Plan) -> str:
    return (plan.meta.short_title or plan.meta.title).zh


def _stage_options(plan: Plan, stages: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(s, plan.ui.strings[f"stage.{s}"].zh) for s in stages]


def _source_relation(place: Place, model: type[BaseModel], required: bool) -> dict[str, Any]:
    return _field(
        model,
        "source",
        widget="relation",
        collection=place.name("sources"),
        value_field="id",
        search_fields=["title", "publisher", "id"],
        display_fields=["{{date}} {{title}}（{{publisher}}）"],  # YAML dates reach Decap as text
        options_length=50,
        required=required,
        pattern=None,
    )


def _clean(field: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in field.items() if v is not None}


def _common(place: Place, plan: Plan, key: str, singular: str, kind: str, description: str) -> dict[str, Any]:
    return {
        "name": place.name(key),
        "label": f"{singular} · {plan_name(plan)}" if place.named else singular,
        "label_singular": singular,
        "description": description,
        "folder": place.kind_folder(kind),
        "extension": "yaml",
        "format": "yaml",
        "create": True,
        "editor": {"preview": False},
    }


def observation_collection(place: Place, plan: Plan) -> dict[str, Any]:
    o = m.Observation
    years = (history_from(plan.meta, plan.indicators), plan.meta.period.end)
    fields = []
    for name in o.model_fields:
        if name == "indicator":
            fields.append(_field(o, name, **_select([(i.id, i.name.zh) for i in plan.indicators])))
        elif name == "year":
            fields.append(_field(o, name, min=years[0], max=years[1]))
        elif name == "source":
            fields.append(_source_relation(place, o, required=True))  # rule observation-source
        elif name == "quote":
            fields.append(_field(o, name, widget="text", required=True))
        else:
            fields.append(_field(o, name))
    return _common(
        place,
        plan,
        "observations",
        "指标数值",
        "observation",
        f"规划主要指标的公开数值：每年每项指标一条，注明来源和原文句子（可填 {years[0]}—{years[1]} 年）。"
        "数值只抄录来源原文，不估算、不推算。",
    ) | {
        "slug": "{{fields.indicator}}-{{fields.year}}",
        "identifier_field": "indicator",
        "summary": "{{fields.year}} 年：{{fields.value}} {{fields.unit.zh}}（{{fields.indicator}}）",
        "sortable_fields": ["year", "indicator"],
        "view_filters": [{"label": i.name.zh, "field": "indicator", "pattern": f"^{i.id}$"} for i in plan.indicators],
        "fields": [_clean(f) for f in fields],
    }


def source_collection(place: Place, plan: Plan) -> dict[str, Any]:
    s = m.Source
    fields = []
    for name in s.model_fields:
        if name == "url":
            fields.append(_field(s, name, required=True))  # rule source-url
        elif name in ("title", "date_note"):
            fields.append(_field(s, name, widget="text" if name == "date_note" else "string"))
        else:
            fields.append(_field(s, name))
    return _common(
        place,
        plan,
        "sources",
        "来源",
        "source",
        "数值和进展所依据的公开文件：统计公报、政府工作报告、部门报告、报纸报道等。先登记来源，再在指标数值或进展中选用它。",
    ) | {
        "slug": "{{fields.id}}",
        "identifier_field": "id",
        "summary": "{{fields.title}}（{{fields.publisher}}{{fields.date | ternary('，', '')}}{{fields.date}}）",
        "sortable_fields": ["date", "title", "publisher"],
        "fields": [_clean(f) for f in fields],
    }


def status_collection(place: Place, plan: Plan, of: str) -> dict[str, Any]:
    """The status entries of projects (of="project") or milestones (of="milestone")."""
    e = m.StatusEntry
    stages: tuple[str, ...]
    if of == "project":
        targets = [(p.id, f"{c.box.number} {p.name.zh.rstrip('。')}") for c, p in plan.projects()]
        stages, key, singular, kind = m.PROJECT_STAGES, "projects", "项目进展", "status-project"
        about = "重点项目"
    else:
        targets = [(x.id, x.name.zh) for x in plan.commitments.milestones]
        stages, key, singular, kind = m.MILESTONE_STAGES, "milestones", "里程碑进展", "status-milestone"
        about = "里程碑"
    fields = []
    for name in e.model_fields:
        if name in ("project", "milestone"):
            if name == of:  # this form is about one of the two: its hint says no "either … or"
                fields.append(_field(e, name, required=True, hint=f"这条进展属于哪个{about}。", **_select(targets)))
        elif name == "stage":
            options = _stage_options(plan, stages)
            hint = f"{about}的阶段：{'、'.join(label for _, label in options)}。"
            fields.append(_field(e, name, hint=hint, **_select(options)))
        elif name == "source":
            fields.append(_source_relation(place, e, required=True))
        elif name == "quote":
            fields.append(_field(e, name, widget="text"))
        else:
            fields.append(_field(e, name))
    return _common(
        place,
        plan,
        f"status-{key}",
        singular,
        kind,
        f"{about}的进展：每条写明日期、阶段、所依据的公开来源和原文句子；最新的一条就是{about}目前的阶段。",
    ) | {
        "slug": f"{{{{fields.{of}}}}}-{{{{fields.date}}}}",
        "identifier_field": of,
        "summary": f"{{{{fields.date}}}} · {{{{fields.stage}}}}（{{{{fields.{of}}}}}）",
        "sortable_fields": ["date", of],
        "view_filters": [
            {"label": label, "field": "stage", "pattern": f"^{value}$"} for value, label in _stage_options(plan, stages)
        ],
        "fields": [_clean(f) for f in fields],
    }


def story_collection(place: Place, plan: Plan, lang: str) -> dict[str, Any]:
    zh = lang == "zh"
    name = plan_name(plan) if zh else (plan.meta.short_title or plan.meta.title).en or plan_name(plan)
    date = {"widget": "datetime", "date_format": "YYYY-MM-DD", "time_format": False, "format": "YYYY-MM-DD"}
    label = "动态（中文）" if zh else "News (English)"
    return {
        "name": place.name(f"updates-{lang}"),
        "label": f"{label} · {name}" if place.named else label,
        "label_singular": "动态" if zh else "News",
        "description": (
            "网站“动态”栏目的中文文章。插入数值、目标值、图表和规划信息请用编辑器“+”菜单中的按钮，"
            "它们会写成 [[value:指标id]]、[[chart:图表id]] 这样的短代码，发布时显示最新数据。"
            if zh
            else "The English stories of the site's news section (a separate file from the Chinese story). "
            "Use the + menu to insert a value, target, chart or plan fact as a shortcode."
        ),
        "folder": place.stories(lang),
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "slug": "{{fields.date}}-{{fields.slug}}",  # the same file name in both languages (stories.py checks it)
        "identifier_field": "title",
        "summary": "{{fields.date}} {{fields.title}}",
        "sortable_fields": ["date", "title"],
        "fields": [
            {
                "name": "title",
                "label": "标题" if zh else "标题 Title",
                "widget": "string",
                "required": True,
                "hint": "文章标题，一行文字。" if zh else "One line.",
            },
            date
            | {
                "name": "date",
                "label": "日期" if zh else "日期 Date",
                "required": True,
                "default": "",
                "hint": "发布日期（北京时间），不能晚于今天。"
                if zh
                else "Date of the story (China time), not later than today.",
            },
            {
                "name": "slug",
                "label": "文件名（英文短词）" if zh else "文件名 File name",
                "widget": "string",
                "required": True,
                "pattern": [
                    f"^{SLUG_PATTERN}$",
                    "只用小写英文字母、数字和连字符，例如 high-tech-enterprises-2025",
                ],
                "hint": "几个英文小写单词，用连字符连起来，例如 high-tech-enterprises-2025。"
                "同一篇动态的中文版和英文版填同一个，网站才能在两种语言之间切换。"
                if zh
                else "A few lower-case English words joined by hyphens, e.g. high-tech-enterprises-2025: the same as "
                "in the Chinese version of the story, so the language switch finds it.",
            },
            {
                "name": "description",
                "label": "摘要" if zh else "摘要 Description",
                "widget": "text",
                "required": True,
                "hint": "一句话摘要，显示在动态列表、搜索结果和订阅（RSS）中。"
                if zh
                else "One sentence, shown in the list of stories, search results and the RSS feed.",
            },
            {
                "name": "body",
                "label": "正文" if zh else "正文 Body",
                "widget": "markdown",
                "required": True,
                "modes": ["rich_text", "raw"],
                "buttons": [
                    "bold",
                    "italic",
                    "link",
                    "heading-two",
                    "heading-three",
                    "quote",
                    "bulleted-list",
                    "numbered-list",
                ],
                "editor_components": list(COMPONENTS),
                "hint": "用 Markdown 写；不能放 HTML。插入数值或图表请用“+”菜单。"
                if zh
                else "Markdown, no HTML. Use the + menu to insert values and charts.",
            },
        ],
    }


# Our editor components (registered by docs/admin/admin.js, options from shortcodes.json): one per shortcode kind
# of plansite.stories, so the rich-text editor keeps every shortcode of a story as it is.
COMPONENTS = ("plan-value", "plan-target", "plan-chart", "plan-fact")


def collections(site: Site, data: str, docs: str) -> list[dict[str, Any]]:
    out = []
    kinds = {k.name for k in catalog.KINDS if k.many}  # the kinds kept one item per file, which a form may write
    for folder, plan in site.plans.items():
        place = Place(folder, "/".join(p for p in (data, folder) if p), docs, len(site.plans) > 1)
        if "observation" in kinds:
            out.append(observation_collection(place, plan))
        if "source" in kinds:
            out.append(source_collection(place, plan))
        if "status-project" in kinds and any(True for _ in plan.projects()):
            out.append(status_collection(place, plan, "project"))
        if "status-milestone" in kinds and plan.commitments.milestones:
            out.append(status_collection(place, plan, "milestone"))
        out.append(story_collection(place, plan, "zh"))
        out.append(story_collection(place, plan, "en"))
    return out


# --------------------------------------------------------------------------- backend, config, CSP


def backend(editor: m.EditorSettings | None) -> dict[str, Any]:
    """Decap's backend section from site.yaml editor: (none: GitHub without a repository, usable only locally)."""
    messages = {
        "create": "新增{{collection}}：{{slug}}",
        "update": "修改{{collection}}：{{slug}}",
        "delete": "删除{{collection}}：{{slug}}",
        "uploadMedia": "上传 {{path}}",
        "deleteMedia": "删除 {{path}}",
        "openAuthoring": "{{message}}",
    }
    if editor is None:
        return {"name": "github", "branch": "main", "commit_messages": messages}
    out: dict[str, Any] = {"name": editor.backend, "repo": editor.repo, "branch": editor.branch}
    for key in ("api_root", "base_url", "auth_endpoint", "app_id"):
        value = getattr(editor, key)
        if value is not None:
            out[key] = value
    if editor.backend == "gitlab":
        out["auth_type"] = "pkce"
    if editor.backend == "gitea":
        out["auth_endpoint"] = out.get("auth_endpoint", "login/oauth/authorize")
    out["commit_messages"] = messages
    return out


def workflow(editor: m.EditorSettings | None) -> bool:
    """Whether saving opens a pull request: Decap's Gitea backend has no editorial workflow."""
    return editor is None or editor.backend != "gitea"


def config(site: Site, data: str = "data", docs: str = "docs") -> dict[str, Any]:
    editor = site.settings.editor
    out: dict[str, Any] = {"locale": LOCALE, "backend": backend(editor)}
    if workflow(editor):
        out["publish_mode"] = "editorial_workflow"
    out |= {
        "local_backend": True,
        "site_url": "/",
        "display_url": "/",
        "media_folder": f"{docs}/zh/assets/uploads",
        "public_folder": "/assets/uploads",
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "collections": collections(site, data, docs),
    }
    return out


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def policy(editor: m.EditorSettings | None) -> str:
    """The editor page's Content-Security-Policy: this site, the backend's API and sign-in hosts, decap-server on
    localhost. Decap's bundle needs 'unsafe-eval' (its configuration validator compiles schemas into functions)
    (checked: without it Decap stops at "Error loading the CMS configuration") and 'wasm-unsafe-eval' (the WebAssembly
    image encoders it compiles when a picture is uploaded in 媒体); its styles are written at run time ('unsafe-inline')."""
    name = editor.backend if editor else "github"
    hosts = []
    if editor is not None:
        hosts += [_origin(editor.api_root or _API_ROOT[name]), _origin(editor.base_url or _BASE_URL.get(name, ""))]
    elif name in _API_ROOT:
        hosts += [_origin(_API_ROOT[name])]
    hosts = list(dict.fromkeys(h for h in hosts if h != "://"))
    images = list(_IMAGES.get(name, ()))
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            " ".join(["img-src 'self' data: blob:", *hosts, *images]),
            " ".join(["connect-src 'self'", *hosts, *LOCAL_BACKEND]),
            "font-src 'self' data:",
            "frame-src 'self' blob:",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def shortcodes(site: Site) -> dict[str, Any]:
    """What the story editor's buttons offer (docs/admin/shortcodes.json, read by admin.js): per shortcode kind,
    the ids with their Chinese names; with several plans each name says its plan."""
    several = len(site.plans) > 1
    out: dict[str, list[dict[str, str]]] = {"value": [], "target": [], "chart": [], "plan": []}
    for plan in site.plans.values():
        prefix = f"{plan_name(plan)} · " if several else ""
        for ind in plan.indicators:
            out["value"].append({"id": ind.id, "label": prefix + ind.name.zh})
            out["target"].append({"id": ind.id, "label": prefix + ind.name.zh})
        for chart in all_charts(plan, "zh"):
            out["chart"].append({"id": chart.id, "label": prefix + chart.title})
        facts = plan_facts(plan, "zh")
        for fact in sorted(PLAN_FACT_IDS):
            value = facts.get(fact.replace("-", "_"), "")
            if value:
                out["plan"].append({"id": fact, "label": f"{prefix}{fact}：{value}"})
    for kind, items in out.items():  # one option per id: the same id in two plans keeps the first plan's name
        seen: dict[str, dict[str, str]] = {}
        for item in items:
            seen.setdefault(item["id"], item)
        out[kind] = list(seen.values())
    return {"components": list(COMPONENTS), "options": out}


def index_html(site: Site) -> str:
    editor = site.settings.editor
    title = "表单编辑器"
    configured = "true" if editor is not None else "false"
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy(editor)}">
<meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_html(title)}</title>
<link rel="cms-config-url" type="text/yaml" href="config.yml">
<link rel="icon" href="../assets/images/favicon.png">
<link rel="stylesheet" href="admin.css">
</head>
<body data-configured="{configured}">
<noscript>表单编辑器需要启用 JavaScript。</noscript>
<script src="clean.js"></script>
<script src="admin.js"></script>
<script src="decap-cms.js"></script>
</body>
</html>
"""


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def texts(site: Site, data: str = "data", docs: str = "docs") -> dict[str, str]:
    """File name (in docs/admin/) -> its generated text."""
    body = yaml.safe_dump(config(site, data, docs), allow_unicode=True, sort_keys=False, width=10_000)
    return {
        "config.yml": _GENERATED + body,
        "shortcodes.json": json.dumps(shortcodes(site), ensure_ascii=False, indent=1) + "\n",
        "index.html": index_html(site),
    }


def write(folder: Path, generated: dict[str, str]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in generated.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


def stale(folder: Path, generated: dict[str, str]) -> list[str]:
    return [n for n, t in generated.items() if not (folder / n).exists() or (folder / n).read_text("utf-8") != t]
