"""MkDocs adapter: check data/ once, add the generated pages, set the navigation, search and language switcher.

One Renderer per plan, each under its prefix (the plan's folder name: /2021-2025/…); the current plan's renders the
site's own pages (the landing page at / and the checker's messages).

All the work is done by the plansite package; this file only connects it to MkDocs.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from types import SimpleNamespace

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from plansite import search
from plansite.adminsite import EditorMissing, write_admin
from plansite.csp import with_csp
from plansite.escape import nav_title
from plansite.gate import GateClosed, open_gate
from plansite.htmlfix import valid_html
from plansite.images import ChromiumMissing
from plansite.outputs import write_all_plans, write_outputs
from plansite.redirects import write_redirects
from plansite.render import Renderer, alternate_url
from plansite.sanitize import clean_story, is_story
from plansite.searchindex import compact_search_index
from plansite.share import qr_svg
from plansite.site import continuations, phase
from plansite.stories import today_in_china
from plansite.updates import UpdateError, expand_shortcodes, read_updates

log = logging.getLogger("mkdocs.hooks.plan_pages")
_build: dict = {}


def on_config(config):
    lang = config.extra["lang"]
    root = Path(config.config_file_path).resolve().parent
    data_dir = (root / config.extra.get("data", "data")).resolve()
    try:  # data/ and the stories, checked before any page is written
        site, report = open_gate(root, data_dir, Path(config.docs_dir))
    except GateClosed as e:
        raise PluginError(str(e)) from None
    log.info(report.summary())
    prefixes = tuple(f"{folder}/" for folder in site.plans if folder)
    renderers = {
        folder: Renderer(
            plan,
            lang,
            config.site_url or "/",
            config.extra.get("edit_base") or "",
            f"{folder}/" * bool(folder),
            prefixes,
        )
        for folder, plan in site.plans.items()
    }
    try:
        for folder, r in renderers.items():
            r.updates = read_updates(Path(config.docs_dir), folder)
    except UpdateError as e:
        raise PluginError(str(e)) from None
    for folder, links in continuations(site).items():  # successive plans link up (indicator `continues`)
        renderers[folder].link_plans(
            {
                ind_id: [
                    {
                        "kind": kind,
                        "plan": site.plans[other],
                        "indicator": site.plans[other].indicator(other_id),
                        "path": f"{other}/indicators/{other_id}.md",
                    }
                    for kind, other, other_id in items
                ]
                for ind_id, items in links.items()
            }
        )
    renderer = renderers[site.settings.current]
    plan = renderer.plan
    config["nav"] = site_nav(renderer, renderers)
    if lang == "zh":  # find 医药 inside 生物医药: see plansite/search.py
        from material.plugins.search import plugin as search_plugin

        for p in site.plans.values():
            search.install(search_plugin, p)
    config.extra.update(renderer.theme_extra())
    # The site's name is the site's (data/site.yaml; one plan without it: the plan's); the description and footer line
    # are the current plan's (ui strings filled with its facts). None is the config's.
    t = renderer.lang.t
    config.site_name, config.copyright = site.name(lang), t("site.copyright")
    config.site_description = nav_title(t("site.description"))  # Material prints it raw in the description meta
    today = today_in_china()
    listed = [
        {"prefix": f"{folder}/", "plan": p, "phase": phase(p, today), "current": folder == site.settings.current}
        for folder, p in site.plans.items()
    ]
    _build.update(
        site=site,
        plan=plan,
        renderer=renderer,
        renderers=renderers,
        listed=listed,
        lang=lang,
        root=root,
        data_rel=data_dir.relative_to(root).as_posix() if data_dir.is_relative_to(root) else "data",
        site_name=str(config.site_name),
    )
    config.site_name = nav_title(config.site_name)  # Material prints it raw in <title> and the header
    return config


def site_nav(current: Renderer, renderers: dict[str, Renderer]) -> list:
    """The landing page, the current plan's navigation as it always was (its About part names the site's own
    pages), then each other plan as one section titled with its name."""
    if not current.prefix:  # one plan at the root: its home is the site's
        return current.nav()
    t = current.lang.t
    nav = [{nav_title(t("nav.plans")): "index.md"}] + current.nav()
    for r in renderers.values():
        if r is not current:
            name = r.plan.meta.short_title or r.plan.meta.title
            nav.insert(-1, {nav_title(r.lang.plain(name)): r.nav(site=False)})
    return nav


_PAGE_LINK = re.compile(r"\]\(([a-z0-9][\w/.-]*\.md)(#[\w-]*)?\)")  # [text](notes/index.md#x), relative


def renderer_for(src_uri: str) -> Renderer:
    """The plan a hand-written page belongs to (docs/<lang>/<folder>/…); the current plan's for the site's pages."""
    return _build["renderers"].get(src_uri.split("/", 1)[0], _build["renderer"])


def on_files(files, config):
    pages = _build["renderer"].site_pages(_build["listed"], _build["site"].hint_values())
    for r in _build["renderers"].values():
        pages += r.pages()
    for page in pages:
        files.append(File.generated(config, page.path, content=page.markdown))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by:  # generated pages have no shortcodes
        return markdown
    raw = page.file.content_string
    first_line = raw[: raw.rfind(markdown)].count("\n") + 1 if markdown in raw else 1  # after front matter
    if "/" not in page.file.src_uri:  # a site page (about.md): its links to plan pages lead into the current plan
        markdown = _PAGE_LINK.sub(lambda m: f"]({_build['renderer'].place(m.group(1))}{m.group(2) or ''})", markdown)
    try:
        return expand_shortcodes(
            markdown, renderer_for(page.file.src_uri), page.file.src_uri, page.file.abs_src_path, first_line
        )
    except UpdateError as e:
        raise PluginError(str(e)) from None


def on_page_content(html, page, config, files):
    # Front matter is plain text as typed; the theme prints these raw, so they are escaped here, once.
    for key in ("title", "description"):
        if key in page.meta and not isinstance(page.meta[key], Markup):
            page.meta[key] = nav_title(page.meta[key])
    if not page.file.generated_by and is_story(page.file.src_uri):
        html = clean_story(html, renderer_for(page.file.src_uri).chart_markup(page.file.src_uri))
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
    site_dir = Path(config.site_dir)
    written: list[Path] = []
    try:
        for r in _build["renderers"].values():
            written += write_outputs(r, site_dir, cache, _build["site_name"])
    except ChromiumMissing as e:
        raise PluginError(str(e)) from None
    if _build["site"].prefixed:
        written += write_all_plans(_build["site"], site_dir / "data")
    if _build["lang"] == "zh":  # the form editor at /admin/, once (MkDocs never sees it: no nav, sitemap, search)
        try:
            written += write_admin(_build["root"], site_dir, _build["site"], _build["data_rel"])
        except EditorMissing as e:
            raise PluginError(str(e)) from None
    legacy = _build["site"].settings.legacy_plan
    if legacy:  # every address published before plans had prefixes: a redirect page or the same file
        written += write_redirects(
            _build["root"], site_dir, _build["lang"], f"{legacy}/", _build["renderer"], config.site_url or "/"
        )
    not_found = Path(config.site_dir) / "404.html"  # rendered from the theme alone: on_post_page never sees it
    if not_found.exists():
        not_found.write_text(with_csp(valid_html(not_found.read_text(encoding="utf-8"))), encoding="utf-8")
    renderer = _build["renderer"]
    names = {r.prefix: r.lang.plain(r.plan.meta.short_title or r.plan.meta.title) for r in _build["renderers"].values()}
    t = renderer.lang.t
    saved = compact_search_index(site_dir, names, lambda title, name: t("search.plan", title=title, plan_name=name))
    log.info(f"charts, embeds and downloads: {len(written)} files; search index {saved // 1024} KB smaller")
