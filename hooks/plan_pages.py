"""MkDocs adapter: check data/ once, add the generated pages, set the navigation, search and language switcher.

All the work is done by the plansite package; this file only connects it to MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from plansite.check import check
from plansite.render import Renderer, alternate_url
from plansite import search

log = logging.getLogger("mkdocs.hooks.plan_pages")
_build: dict = {}


def on_config(config):
    lang = config.extra["lang"]
    root = Path(config.config_file_path).resolve().parent
    report, plan = check(root / config.extra.get("data", "data"), root)
    if plan is None:  # stop before any page is written
        messages = "\n".join(p.format() for p in report.errors)
        raise PluginError(f"data/ 有错误，网站没有生成。\n{messages}\n{report.summary()}")
    log.info(report.summary())
    renderer = Renderer(plan, lang)
    config["nav"] = renderer.nav()
    if lang == "zh":  # find 医药 inside 生物医药: see plansite/search.py
        from material.plugins.search import plugin as search_plugin
        search.install(search_plugin, plan)
    config.extra["ui"] = {key: renderer.lang.plain(text) for key, text in plan.ui.strings.items()}
    _build.update(plan=plan, renderer=renderer, lang=lang)
    return config


def on_files(files, config):
    for page in _build["renderer"].pages():
        files.append(File.generated(config, page.path, content=page.markdown))
    return files


def on_page_context(context, page, config, nav):
    other, url = alternate_url(config.site_url or "/", _build["lang"], page.url)
    ui = config.extra["ui"]
    config.extra["alternate"] = [{"name": ui["lang.other"], "link": url, "lang": ui["lang.other.code"]}]
    return context
