"""Turn the Plan into the site's pages (Markdown with HTML blocks), for one language at a time.

Every page is rendered by a Jinja2 template in templates/. The language is passed
explicitly; nothing here knows about MkDocs.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from . import models as m
from . import paths
from .charts import PLOTLY_CONFIG, all_charts
from .downloads import fields as download_fields
from .escape import md_heading, nav_title, yaml_string
from .plan import Plan
from .problems import codes_for
from .status import ICON as STATUS_ICON
from .status import ORDER as STATUS_ORDER
from .status import headline, indicator_status, project_stage_counts, scorecard_globals
from .textformat import full_width, heading, number, rendering_core
from .wording import from_zh_numeral, has_english, pick, plan_facts, ui_text

LANGS = ("zh", "en")
_CN_NUMERAL = re.compile("[一二三四五六七八九十]+")
HTML_LANG = {"zh": "zh-Hans", "en": "en"}


@dataclass(frozen=True)
class Page:
    path: str  # source path of the page, e.g. 2021-2025/indicators/high-tech-enterprises.md
    markdown: str


@dataclass
class Found:
    """What rendering one page discovers as it goes. Created fresh with each PageContext, never shared: whether a
    text fell back to Chinese (an English page then says its translation is pending), and which glossary terms the
    page already links (only a term's first use links)."""

    pending: bool = False
    terms_linked: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class PageContext:
    """The page being rendered, fixed before rendering starts and passed to it (templates see it as `page`).

    Links are made relative to path; glossary terms link to glossary. Nothing about a page lives on the shared
    Renderer or Lang, so rendering one page cannot change another: what a page discovers goes into its own found.
    """

    path: str  # site path of the page (2021-2025/indicators/x.md; a site page: about.md)
    lang: str
    plan: Plan
    prefix: str = ""  # the plan's address prefix (2021-2025/; "" for one plan at the root)
    glossary: str = "glossary/index.md"  # site path of the plan's glossary page
    found: Found = field(default_factory=Found, compare=False, repr=False)


# Pages and files of the whole site, not of one plan: they stay at the root (/about/, /assets/ …).
SITE_PAGES = frozenset({"index.md", "about.md", "contribute.md", "contribute/checker-messages.md"})
SITE_FILES = ("assets/", "search/", "sitemap.xml")


def placed(prefix: str, path: str, site_index: bool = False) -> str:
    """Where a plan-relative page or file path lives on the site: under the plan's prefix (2021-2025/), except
    the site's own pages and files. index.md is the plan's home unless site_index asks for the landing page."""
    if not prefix or path.startswith(prefix) or path.startswith(SITE_FILES):
        return path
    if path in SITE_PAGES and (path != "index.md" or site_index):
        return path
    return prefix + path


def relative_url(from_path: str, to_path: str) -> str:
    """URL of page to_path as seen from page from_path (both source paths, directory URLs)."""
    base = "/" + page_url(from_path)
    target = "/" + page_url(to_path)
    rel = posixpath.relpath(target, base if base.endswith("/") else posixpath.dirname(base))
    return "./" if rel == "." else rel + "/"


def page_url(path: str) -> str:
    """Site-relative URL of a page path with directory URLs: plan/1-1.md -> plan/1-1/."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


class Lang:
    """Everything language-specific a template needs: which text of a pair to show, and the chrome strings.

    A Lang speaks on one page (its PageContext, a default one when none is given): fallbacks to Chinese and
    glossary links already made are recorded in that page's own Found. `on(page)` gives the same language on
    another page, sharing only what never changes (the glossary index, the plan's facts).
    """

    def __init__(self, plan: Plan, lang: str, page: PageContext | None = None):
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}")
        self.plan = plan
        self.code = lang
        self.html_lang = HTML_LANG[lang]
        self.page = page or PageContext("index.md", lang, plan)
        key = (lambda t: t.term.zh) if lang == "zh" else (lambda t: rendering_core(t.term.en))
        self._terms = {key(t).lower(): t for t in sorted(plan.glossary.terms, key=lambda t: -len(key(t)))}
        words = [re.escape(k) for k in self._terms if len(k) > 1]
        self._term_re = (
            re.compile(
                ("(?<![A-Za-z])(" + "|".join(words) + ")(?![A-Za-z])") if lang == "en" else "(" + "|".join(words) + ")",
                re.IGNORECASE,
            )
            if words
            else None
        )

    def on(self, page: PageContext) -> Lang:
        """This language speaking on page: a new Lang whose findings go to page.found."""
        if page.lang != self.code:
            raise ValueError(f"a {self.code} Lang cannot speak on a {page.lang} page")
        other = copy.copy(self)  # shares the glossary index and the cached facts, which no page changes
        other.page = page
        return other

    @property
    def pending(self) -> bool:
        """Whether a text on this page fell back to Chinese."""
        return self.page.found.pending

    def fell_back(self) -> None:
        """Record that a text on this page is shown in Chinese for want of its English."""
        self.page.found.pending = True

    @functools.cached_property
    def facts(self) -> dict[str, str]:
        """{target_year}, {plan_short} … for the chrome strings (read when first needed: amounts need no plan facts)."""
        return plan_facts(self.plan, self.code)

    def t(self, key: str, **values) -> str:
        """A chrome string (data/ui.yaml), its {placeholders} filled from values and the plan's facts.

        t("home.projects", n=5); {target_year}, {plan_short} … come from the data (wording.plan_facts).
        """
        text = self.plan.ui.strings[key]
        self.plain(text)  # marks the page pending when the string has no English
        return ui_text(self.plan, key, self.code, self.facts, **values)

    def plain(self, text: m.Text | None, source: bool = False) -> str:
        """Text for places where no markup may go (titles, attributes)."""
        if text is not None and self.code == "en" and not has_english(text):
            self.fell_back()
        return pick(text, self.code)

    def glossary_links(self, text: str) -> Markup:
        """Escaped text in which the first use of each glossary term on the page links to its definition."""
        if self._term_re is None:
            return escape(text)
        out, pos = [], 0
        linked = self.page.found.terms_linked
        for match in self._term_re.finditer(text):
            term = self._terms[match.group(0).lower()]
            if term.id in linked:
                continue
            linked.add(term.id)
            out.append(escape(text[pos : match.start()]))
            out.append(
                Markup('<a class="gloss" href="{href}" title="{title}">{word}</a>').format(
                    href=relative_url(self.page.path, self.page.glossary) + "#" + term.id,
                    title=self.plain(term.definition),
                    word=match.group(0),
                )
            )
            pos = match.end()
        out.append(escape(text[pos:]))
        return Markup("").join(out)

    def label(self, number_label: str) -> str:
        """A printed number label: （一） in Chinese, (1) in English; 三、 -> 3., 十一、 -> 11., 二十 -> 20."""
        if self.code == "zh":
            return full_width(number_label)
        arabic = _CN_NUMERAL.sub(lambda m: str(from_zh_numeral(m.group(0))), number_label)
        return arabic.replace("、", ".") + " "

    def amount(self, value, unit: m.Text | None, qualifier: m.Text | str | None = None) -> str:
        """A value with its unit for readers: 18,572万元 in Chinese, CNY 185.72 million in English (exact conversion).

        Digits are grouped (textformat.grouped: 千分撇 from five digits in Chinese, commas from four in
        English). With a qualifier (a Text, or a target's word such as 以上/超过/左右 from the qualifier
        vocabulary) it stands where the language puts it: 30,000万元以上 / CNY 300 million or more; 超过30% /
        more than 30%.
        """
        from .textformat import amount_parts  # here, so the change stays in this method

        if value is None:
            return ""
        if unit is not None and self.code == "en" and unit.en.strip():
            text, shown = amount_parts(value, unit.zh, unit.en, "en")
        else:
            text, shown = amount_parts(value, self.plain(unit), "", self.code)
        return self._qualify(text, qualifier, shown)

    def span(self, low, high, unit: m.Text | None, qualifier: m.Text | str | None = None) -> str:
        """A stated range: 6—7个 / 6–7 platforms; 5—8亿元 / CNY 500–800 million (both ends converted, grouped)."""
        from .textformat import EN_DASH, ZH_DASH, span_en, span_plain  # here, so the change stays in this method

        if low is None or high is None:
            return self.amount(high if low is None else low, unit, qualifier)
        if unit is not None and self.code == "en" and unit.en.strip():
            text = span_en(low, high, unit.zh, unit.en)
        else:
            digits = "en" if self.code == "en" and unit is None else "zh"
            text = span_plain(low, high, self.plain(unit), EN_DASH if self.code == "en" else ZH_DASH, digits)
        return self._qualify(text, qualifier)

    def num(self, value, qualifier: m.Text | str | None = None) -> str:
        """The `num` filter: a bare value for readers (its unit in its own column), grouped, with its qualifier.

        {{ ind.target.value | num(ind.target.qualifier) }} -> 30,000以上 / 30,000 or more; 超过20,000 / more
        than 20,000. Plan text (the indicator table as printed) uses the `printed` filter instead.
        """
        from .textformat import grouped  # here, so the change stays in this method

        if value is None:
            return ""
        shown = grouped(value, self.code)
        return self._qualify(shown, qualifier, shown)

    def _qualifier(self, qualifier: m.Text | str | None) -> tuple[m.Text | None, dict[str, str]]:
        """A qualifier as a Text and where it stands per language ({} when the placing rules decide).

        A word (a target's 以上, 超过, 左右 …) is read from the plan's qualifier vocabulary (the engine's defaults
        and plan.yaml's own), else from the ui strings qualifier.*, else shown as the Chinese it is.
        """
        if qualifier is None or isinstance(qualifier, m.Text):
            return qualifier, {}
        from .facts import qualifiers  # here, so the change stays in this method

        word = qualifiers(getattr(self.plan, "meta", None)).get(qualifier)
        if word is not None:
            return word.text, {"zh": word.place.zh, "en": word.place.en}
        ui = getattr(getattr(self.plan, "ui", None), "strings", {})
        return ui.get("qualifier." + qualifier) or m.Text(zh=qualifier, en=""), {}

    def _qualify(self, text: str, qualifier: m.Text | str | None, number_text: str = "") -> str:
        """Part of amount, span and num: the qualifier in this language (its Chinese, marked pending, if untranslated)."""
        from .textformat import qualify  # here, so the change stays beside amount and span

        q, place = self._qualifier(qualifier)
        if q is None:
            return text
        lang = self.code if q.en.strip() else "zh"
        return qualify(text, self.plain(q), lang, number_text, place.get(lang, ""))

    def tx(self, text: m.Text | None) -> Markup:
        """Text as HTML; on English pages an untranslated text is shown in Chinese, marked as such."""
        if text is None:
            return Markup("")
        if self.code == "en" and not text.en.strip():
            self.fell_back()
            return Markup('<span lang="zh-Hans" class="untranslated">{}</span>').format(full_width(text.zh))
        return escape(self.plain(text))


def annotate(text: m.Text, notes: list[m.EditorialNote], lang: Lang, prefix: str = "") -> Markup:
    """A paragraph's text: damaged passages marked and linked to their editorial notes, glossary terms linked."""
    if lang.code == "en" and text.en.strip():
        return lang.glossary_links(text.en)
    zh = text.zh
    out: list[Markup] = []
    pos = 0
    marks = sorted(((zh.find(n.source), n) for n in notes if n.source in zh), key=lambda t: t[0])
    for start, note in marks:
        if start < pos:
            continue
        out.append(lang.glossary_links(full_width(zh[pos:start])))
        out.append(
            Markup(
                '<mark class="ed-source" title="{title}">{src}</mark>'
                '<a class="ed-ref" href="#{prefix}note-{id}" aria-label="{label}">※</a>'
            ).format(
                prefix=prefix,
                src=full_width(note.source),
                id=note.id,
                title=lang.t("note.probable") + lang.t("sep") + note.reading.zh,
                label=lang.t("note.see"),
            )
        )
        pos = start + len(note.source)
    out.append(lang.glossary_links(full_width(zh[pos:])))
    html = Markup("").join(out)
    if lang.code == "en":
        lang.fell_back()
        return Markup('<span lang="zh-Hans" class="untranslated">{}</span>').format(html)
    return html


def editorial(text: m.Text, lang: Lang) -> Markup:
    """Text the editors wrote (a note's reading or reason) as HTML, exactly as written.

    Unlike plan text it is not passed through full_width(): the global punctuation note quotes the
    source's ASCII marks, and a "restored" quotation would contradict what the note says.
    """
    if lang.code == "en" and not text.en.strip():
        lang.fell_back()
        return Markup('<span lang="zh-Hans" class="untranslated">{}</span>').format(text.zh)
    return escape(text.en if lang.code == "en" else text.zh)


@pass_context
def _num(context, value, qualifier: m.Text | str | None = None) -> str:
    """The `num` filter of the page being rendered: its Lang (`L`) groups the digits and places the qualifier."""
    return context["L"].num(value, qualifier)


@functools.cache
def _env() -> Environment:
    """The one template environment, shared by every Renderer: it holds no plan and no page (both passed to each
    render), so the templates are compiled once."""
    # Markdown attribute lists ({#top}) look like Jinja comments: move comments out of their way.
    env = Environment(
        loader=FileSystemLoader(str(paths.TEMPLATES)),
        autoescape=True,
        comment_start_string="[#",
        comment_end_string="#]",
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = _num  # numbers for readers: grouped, with a qualifier if given (Lang.num of the page)
    env.filters["printed"] = number  # plan text, as printed: the indicator table keeps 18572
    env.filters["md"] = md_heading  # for `# …` lines: text can create no markup and no attribute list
    env.filters["yaml"] = yaml_string  # for front matter values
    env.filters["heading"] = heading
    env.filters["fw"] = full_width
    return env


class Renderer:
    """Renders every page of one language, and the charts' embed pages."""

    def __init__(
        self,
        plan: Plan,
        lang: str,
        site_url: str = "http://127.0.0.1:8000/",
        edit_base: str = "",
        prefix: str = "",
        prefixes: tuple[str, ...] = (),
        today: dt.date | None = None,
    ):
        self.plan = plan
        self.prefix = prefix  # the plan's address prefix, e.g. 2021-2025/ ("" for a site of one unprefixed plan)
        self.prefixes = prefixes or ((prefix,) if prefix else ())  # every plan's on this site: their paths stay
        self.today = today or dt.date.today()  # the only reading of the clock: the status rules take it as input
        self.edit_base = edit_base
        self.updates: list = []  # stories in docs/<lang>/updates/ (plansite.updates.Update), newest first
        # indicator id -> the same indicator in other plans of the site: [{kind: from|to, plan, indicator, path}]
        self.related: dict[str, list[dict]] = {}
        # the language outside any page (navigation titles, the theme's strings, downloads); pages get their own
        self.lang = Lang(plan, lang)
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.charts = {c.id: c for c in all_charts(plan, lang)}
        self.env = _env()
        # what every page of this plan in this language sees (with what depends on the page: page_vars)
        self.shared = dict(
            plan=plan,
            absolute=self.absolute,
            charts=self.charts,
            chart_config=json.dumps(PLOTLY_CONFIG),
            status=lambda ind: indicator_status(plan, ind),
            status_icon=STATUS_ICON,
            status_counts=headline(plan),
            status_order=STATUS_ORDER,
            edit_url=self.edit_url,
            new_url=self.new_url,
            newest=newest_data_date(plan),
            data_file=lambda kind: plan.files.get(kind, ""),
            heading=heading,
            embed_code=self.embed_code,
            related=lambda ind_id: self.related.get(ind_id, []),
            **scorecard_globals(plan, self.today),
            newest_updates=lambda n=3: self.updates[:n],  # read at render time: the hook sets updates later
        )

    def link_plans(self, related: dict[str, list[dict]]) -> None:
        """Set the same indicators in other plans of the site ({id: [{kind, plan, indicator, path}]}); an indicator
        that continues one of an earlier plan gets a chart that shows that period too."""
        from .charts import indicator_chart  # here, beside the chart it replaces

        self.related = related
        for ind_id, items in related.items():
            before = next(((r["plan"], r["indicator"]) for r in items if r["kind"] == "from"), None)
            if before is not None and ind_id in self.charts:
                self.charts[ind_id] = indicator_chart(self.plan, self.plan.indicator(ind_id), self.lang.code, before)

    def place(self, path: str) -> str:
        """The site path of a plan-relative page or file path (indicators/x.md -> 2021-2025/indicators/x.md)."""
        if any(path.startswith(other) for other in self.prefixes):
            return path
        return placed(self.prefix, path)

    def page_context(self, path: str, site: bool = False) -> PageContext:
        """A fresh context for the page at a plan-relative path (a site path when site is set)."""
        return PageContext(
            path if site else self.place(path),
            self.lang.code,
            self.plan,
            self.prefix,
            self.place("glossary/index.md"),
        )

    def page_vars(self, page: PageContext) -> dict:
        """What a template sees: this plan's shared values, and what depends on the page (its Lang and the functions
        bound to it and to its path). Passed with each render; templates import their macros `with context`, so the
        macros see them too."""
        say = self.lang.on(page)
        return {
            **self.shared,
            "page": page,
            "L": say,
            "t": say.t,
            "tx": say.tx,
            "plain": say.plain,
            "label": say.label,
            "amount": say.amount,
            "span": say.span,
            "annotate": lambda text, notes, prefix="": annotate(text, notes, say, prefix),
            "ed": lambda text: editorial(text, say),
            "url": lambda path, anchor="": self.link(page, path, anchor),
            "file_url": lambda path: self.file_link(page, path),
        }

    def _render(self, path: str, template: str, site: bool = False, **ctx) -> Page:
        page = self.page_context(path, site)
        words = self.page_vars(page)
        body = self.env.get_template(template).render(**words, **ctx)
        if self.lang.code == "en":
            notice = self.env.get_template("_unofficial.md.j2").render(
                t=words["t"], pending=page.found.pending, plan=self.plan
            )
            body = _insert_after_h1(body, notice)
        return Page(page.path, body)

    def edit_url(self, path: str) -> str:
        """Where staff edit a data file in the repository's web editor ("" when no repository is configured)."""
        return self.edit_base + path if self.edit_base else ""

    def new_url(self, folder: str) -> str:
        """Where staff add a file to a data folder (a new value in observations/) in the repository's web editor:
        the edit address with its `edit/` turned into `new/` (GitHub, GitLab `-/new/`, Gitea `_new/`); "" when no
        repository is configured or the edit address has no such part."""
        new = re.sub(r"(^|[/_])edit/([^/]+/)$", r"\1new/\2", self.edit_base) if self.edit_base else ""
        return new + folder.rstrip("/") + "/" if new and new != self.edit_base else ""

    def file_link(self, page: PageContext, path: str) -> str:
        """Link from page to a plan-relative file (charts/x.png, data/x.csv) or one of the site's (assets/…)."""
        base = "/" + page_url(page.path)
        return posixpath.relpath("/" + self.place(path), base if base.endswith("/") else posixpath.dirname(base))

    def absolute(self, path: str) -> str:
        """Full address of a page or file of this language's site, for code people copy elsewhere."""
        path = self.place(path)
        return self.site_url + (page_url(path) if path.endswith(".md") else path)

    def embed(self, chart_id: str, standalone: bool = False) -> str:
        """The embed page of a chart, written to embed/<id>/index.html; standalone pages use full addresses."""
        chart = self.charts[chart_id]
        page = self.page_context(f"embed/{chart_id}/index.md")
        words = self.page_vars(page)
        height = int(chart.figure.layout.height or 420)
        link = self.absolute if standalone else words["file_url"]
        return self.env.get_template("embed.html.j2").render(
            **words,
            chart=chart,
            height=height,
            config=json.dumps(PLOTLY_CONFIG),
            page_link=self.absolute(chart.page),
            image=link(f"charts/{chart_id}.png"),
            assets=link("assets/").rstrip("/") + "/",
        )

    def embed_code(self, chart_id: str) -> str:
        """The iframe code news staff copy: built with attribute escaping; the template escapes it again as text."""
        chart = self.charts[chart_id]
        height = int(chart.figure.layout.height or 420) + 110
        code = Markup(
            '<iframe src="{src}" title="{title}" style="border:0;width:100%;height:{height}px" loading="lazy"'
            ' sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>\n'
            '<script src="{script}" async></script>'
        ).format(
            src=self.absolute(f"embed/{chart_id}/"),
            title=chart.title,
            height=height,
            script=self.absolute("assets/javascripts/embed-host.js"),
        )
        return str(code)  # a plain string: printed into <textarea> it is escaped once more

    def chart_block(self, chart_id: str, page_path: str) -> str:
        """A chart's markup as a [[chart:…]] shortcode writes it on the page at site path page_path."""
        words = self.page_vars(self.page_context(page_path, site=True))
        return self.env.get_template("_chart.md.j2").render(**words, chart=self.charts[chart_id])

    def chart_markup(self, page_path: str) -> list[str]:
        """Every chart's markup as a [[chart:…]] shortcode writes it on page_path (the sanitizer keeps it intact)."""
        return [self.chart_block(chart_id, page_path).strip() for chart_id in self.charts]

    def theme_extra(self) -> dict:
        """What the theme's overrides read from config.extra: ui strings, the newest data date, hreflang pair."""
        lang = self.lang.code
        _other, other_root = alternate_url(self.site_url, lang, "", absolute=True)
        return {
            "ui": {key: self.lang.t(key) for key in self.plan.ui.strings},
            "newest_data": str(newest_data_date(self.plan)),
            "not_found": self.not_found_links(),
            "hreflang": {
                "this": HTML_LANG[lang],
                "other": HTML_LANG["en" if lang == "zh" else "zh"],
                "other_root": other_root,
            },
        }

    def not_found_links(self) -> list[dict[str, str]]:
        """Where the 404 page (overrides/404.html) sends readers: {text, href relative to the site's root}. On a site
        of plans, the site's own ways in (the landing page and its list of every plan), whichever plan is current;
        one plan at the root: its home and main sections (industries only when it has chains)."""
        t = self.lang.t
        if self.prefix:
            return [{"text": t("landing.title"), "href": ""}, {"text": t("landing.all"), "href": "#plans"}]
        keys = [("nav.home", ""), ("nav.plan", "plan/"), ("nav.indicators", "indicators/")]
        keys += [("nav.industries", "industries/")] if self.plan.chains else []
        return [{"text": t(key), "href": href} for key, href in keys]

    def link(self, page: PageContext, path: str, anchor: str = "") -> str:
        """Link from page to another page (plan-relative path), relative, so the site works under any base path."""
        return relative_url(page.path, self.place(path)) + (f"#{anchor}" if anchor else "")

    # -------------------------------------------------------------------------------- pages
    def pages(self) -> list[Page]:
        """Every page of this plan in this language, in navigation order."""
        return [self._render(path, template, **ctx) for path, template, ctx in self._page_specs()]

    def page(self, path: str) -> Page:
        """One page of this plan on its own, by its plan-relative path (indicators/x.md)."""
        for spec_path, template, ctx in self._page_specs():
            if spec_path == path:
                return self._render(spec_path, template, **ctx)
        raise KeyError(path)

    def _page_specs(self) -> list[tuple[str, str, dict]]:
        """(plan-relative path, template, the template's own variables) of every page."""
        p = self.plan
        out: list[tuple[str, str, dict]] = [("index.md", "home.md.j2", {}), ("plan/index.md", "plan_index.md.j2", {})]
        for chapter, unit in p.page_units():
            if unit is chapter:
                out.append((f"plan/{chapter.id}.md", "plan_chapter.md.j2", {"chapter": chapter}))
            else:
                out.append((f"plan/{unit.id}.md", "plan_section.md.j2", {"chapter": chapter, "section": unit}))
        out.append(("indicators/index.md", "indicators_index.md.j2", {}))
        for ind in p.indicators:
            out.append((f"indicators/{ind.id}.md", "indicator.md.j2", {"ind": ind}))
        if p.chains:  # a plan without industry chains has no industries section
            out.append(("industries/index.md", "industries_index.md.j2", {}))
        for chain in p.chains:
            out.append((f"industries/{chain.id}.md", "chain.md.j2", {"chain": chain}))
        for name in ("commitments", "glossary", "sources", "notes"):
            out.append((f"{name}/index.md", f"{name}.md.j2", {}))
        out.append(("open-data/index.md", "open_data.md.j2", {"download_fields": download_fields(p)}))
        out.append(("progress/index.md", "progress.md.j2", {"stage_counts": project_stage_counts(p)}))
        out.append(("updates/index.md", "updates_index.md.j2", {"updates": self.updates}))
        years = range(p.meta.period.start, p.meta.period.end + 1)
        out.append(("data-gaps/index.md", "data_gaps.md.j2", {"years": years}))
        return out

    def site_pages(self, plans: list[dict], hint_values: dict[str, object] | None = None) -> list[Page]:
        """The site's own generated pages, rendered once (by the current plan's renderer): the landing page, which
        features the current plan and lists every plan ({prefix, plan, phase, current}), and the checker's messages
        (hints filled with hint_values: the site's, Site.hint_values; by default this plan's years)."""
        codes = codes_for(self.plan.hint_values() if hint_values is None else hint_values)
        landing = [self._render("index.md", "landing.md.j2", site=True, plans=plans)] if self.prefix else []
        return landing + [
            self._render("contribute/checker-messages.md", "checker_messages.md.j2", site=True, codes=codes)
        ]

    def nav(self, site: bool = True) -> list:
        """This plan's navigation, titled in this language; titles are escaped here (MkDocs prints them raw).

        Page paths are site paths (under the plan's prefix); the hook adds the landing page and other plans. With
        site False, the About part leaves out the site's own pages (listed once, under the current plan).
        """
        p = self.plan
        at = self.place

        def t(key: str) -> Markup:
            return nav_title(self.lang.t(key))

        def entry(division: m.Division) -> dict:
            return {
                nav_title(self.lang.label(division.number) + self.lang.plain(division.title)): at(
                    f"plan/{division.id}.md"
                )
            }

        plan_nav: list = [{t("nav.plan.contents"): at("plan/index.md")}]
        for chapter in p.chapters:
            if not chapter.children:  # a chapter without sections is one page, not an empty group
                plan_nav.append({nav_title(self.lang.plain(chapter.title)): at(f"plan/{chapter.id}.md")})
                continue
            own = [entry(chapter)] if p.chapter_has_page(chapter) else []
            plan_nav.append({nav_title(self.lang.plain(chapter.title)): own + [entry(sec) for sec in chapter.children]})
        industries = (
            [{t("nav.industries"): [at("industries/index.md")] + [at(f"industries/{c.id}.md") for c in p.chains]}]
            if p.chains
            else []
        )
        return [
            {t("nav.home"): at("index.md")},
            {t("nav.plan"): plan_nav},
            {t("nav.indicators"): [at("indicators/index.md")] + [at(f"indicators/{i.id}.md") for i in p.indicators]},
            *industries,
            {t("nav.progress"): [at("progress/index.md"), at("data-gaps/index.md")]},
            {t("nav.commitments"): at("commitments/index.md")},
            {t("nav.updates"): [at("updates/index.md")] + [u.path for u in self.updates]},
            {
                t("nav.about"): ([{t("nav.about.site"): "about.md"}] if site else [])
                + [
                    {t("nav.glossary"): at("glossary/index.md")},
                    {t("nav.sources"): at("sources/index.md")},
                    {t("nav.notes"): at("notes/index.md")},
                    {t("nav.opendata"): at("open-data/index.md")},
                ]
                + ([{t("nav.contribute"): ["contribute.md", "contribute/checker-messages.md"]}] if site else [])
            },
        ]


def _insert_after_h1(markdown: str, block: str) -> str:
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: i + 1] + ["", block] + lines[i + 1 :])
    return block + "\n" + markdown


def render_site(plan: Plan, lang: str) -> list[Page]:
    return Renderer(plan, lang).pages()


def alternate_url(site_url: str, lang: str, url: str, absolute: bool = False) -> tuple[str, str]:
    """(other language, URL of the same page in it): URLs are identical under /en/.

    site_url is this build's; the Chinese site is at its root and the English one at <root>en/.
    The URL is root-absolute (/en/plan/1-1/), or a full address when absolute is set.
    """
    parts = urlsplit(site_url)
    path = parts.path or "/"
    if not path.endswith("/"):
        path += "/"
    other = path + "en/" if lang == "zh" else (path[: -len("en/")] if path.endswith("/en/") else path)
    prefix = f"{parts.scheme}://{parts.netloc}" if absolute and parts.netloc else ""
    return ("en" if lang == "zh" else "zh"), prefix + other + url


def newest_data_date(plan: Plan):
    """The date of the newest published data the site shows (observations and status entries)."""
    dates = [plan.source(o.source).date for o in plan.observations.observations if o.source]
    dates += [e.date for e in plan.status.entries]
    return max((d for d in dates if d), default=plan.meta.published)
