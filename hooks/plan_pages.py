"""MkDocs adapter: check data/ once, add the generated pages, set the navigation, search and language switcher.

All the work is done by the plansite package; this file only connects it to MkDocs.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from types import SimpleNamespace

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from plansite import search
from plansite.csp import with_csp
from plansite.escape import nav_title
from plansite.gate import GateClosed, open_gate
from plansite.htmlfix import valid_html
from plansite.images import ChromiumMissing
from plansite.outputs import write_outputs
from plansite.render import Renderer, alternate_url
from plansite.sanitize import clean_story, is_story
from plansite.searchindex import compact_search_index
from plansite.share import qr_svg
from plansite.updates import UpdateError, expand_shortcodes, read_updates

log = logging.getLogger("mkdocs.hooks.plan_pages")
_build: dict = {}


def on_config(config):
    lang = config.extra["lang"]
    root = Path(config.config_file_path).resolve().parent
    try:  # data/ and the stories, checked before any page is written
        plan, report = open_gate(root, root / config.extra.get("data", "data"), Path(config.docs_dir))
    except GateClosed as e:
        raise PluginError(str(e)) from None
    log.info(report.summary())
    renderer = Renderer(plan, lang, config.site_url or "/", config.extra.get("edit_base") or "")
    try:
        renderer.updates = read_updates(Path(config.docs_dir))
    except UpdateError as e:
        raise PluginError(str(e)) from None
    config["nav"] = renderer.nav()
    if lang == "zh":  # find 医药 inside 生物医药: see plansite/search.py
        from material.plugins.search import plugin as search_plugin

        search.install(search_plugin, plan)
    config.extra.update(renderer.theme_extra())
    # The site's name, description and footer line are the plan's (ui strings filled with its facts), not the config's.
    t = renderer.lang.t
    config.site_name, config.copyright = t("site.name"), t("site.copyright")
    config.site_description = nav_title(t("site.description"))  # Material prints it raw in the description meta
    _build.update(plan=plan, renderer=renderer, lang=lang, root=root, site_name=str(config.site_name))
    config.site_name = nav_title(config.site_name)  # Material prints it raw in <title> and the header
    return config


def on_files(files, config):
    for page in _build["renderer"].pages():
        files.append(File.generated(config, page.path, content=page.markdown))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by:  # generated pages have no shortcodes
        return markdown
    raw = page.file.content_string
    first_line = raw[: raw.rfind(markdown)].count("\n") + 1 if markdown in raw else 1  # after front matter
    try:
        return expand_shortcodes(markdown, _build["renderer"], page.file.src_uri, page.file.abs_src_path, first_line)
    except UpdateError as e:
        raise PluginError(str(e)) from None


def on_page_content(html, page, config, files):
    # Front matter is plain text as typed; the theme prints these raw, so they are escaped here, once.
    for key in ("title", "description"):
        if key in page.meta and not isinstance(page.meta[key], Markup):
            page.meta[key] = nav_title(page.meta[key])
    if not page.file.generated_by and is_story(page.file.src_uri):
        html = clean_story(html, _build["renderer"].chart_markup(page.file.src_uri))
    return html


def on_page_context(context, page, config, nav):
    _other, url = alternate_url(config.site_url or "/", _build["lang"], page.url)
    ui = config.extra["ui"]
    # Not a list on purpose: Material then adds no <link rel=alternate>, whose page-relative
    # sitemap.xml look-ups would 404; the per-page hreflang pairs are in sitemap.xml instead.
    config.extra["alternate"] = SimpleNamespace(name=ui["lang.other"], link=url, lang=ui["lang.other.code"])
    # the share panel's QR code (overrides/partials/share.html): this page's canonical address, drawn at build
    context["share_qr"] = Markup(qr_svg(page.canonical_url, ui["share.qr"])) if page.canonical_url else None
    return context


def on_post_page(output, page, config):
    return with_csp(valid_html(output), page.content or "")


def on_post_build(config):
    # images are reused while a figure is unchanged; PLANSITE_CACHE moves the cache (the benchmark empties it)
    cache = Path(os.environ.get("PLANSITE_CACHE", _build["root"] / ".cache" / "charts"))
    try:
        written = write_outputs(_build["renderer"], Path(config.site_dir), cache, _build["site_name"])
    except ChromiumMissing as e:
        raise PluginError(str(e)) from None
    not_found = Path(config.site_dir) / "404.html"  # rendered from the theme alone: on_post_page never sees it
    if not_found.exists():
        not_found.write_text(with_csp(valid_html(not_found.read_text(encoding="utf-8"))), encoding="utf-8")
    saved = compact_search_index(Path(config.site_dir))
    log.info(f"charts, embeds and downloads: {len(written)} files; search index {saved // 1024} KB smaller")
