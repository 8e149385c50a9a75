"""Real builds with --strict: the site is complete, its links resolve, and bad data stops the build."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from plansite import paths

from .conftest import FIXTURES, address, mkdocs_build, overlay

pytestmark = pytest.mark.build


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.assets: list[str] = []
        self.meta: dict[str, str] = {}
        self.lang = ""
        self.heading_ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in ("script", "img", "iframe", "source") and a.get("src"):
            self.assets.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "preload", "icon", "modulepreload"):
            self.assets.append(a["href"])
        if tag == "meta" and a.get("name"):
            self.meta[a["name"]] = a.get("content", "")
        if tag in ("h1", "h2", "h3", "h4") and "id" in a:
            self.heading_ids.append(a["id"])


def _pages(site: Path) -> dict[str, _Page]:
    """Every page for readers: not the form editor (/admin/), which no public page links to."""
    out = {}
    for f in site.rglob("*.html"):
        if f.relative_to(site).parts[0] == "admin":
            continue
        p = _Page()
        p.feed(f.read_text(encoding="utf-8"))
        out["/" + f.relative_to(site).as_posix()] = p
    return out


@pytest.fixture(scope="module")
def parsed(built_site):
    return _pages(built_site)


def test_both_languages_have_every_page(built_site, plan):
    expected = [
        "index.html",
        "plan/index.html",
        "updates/index.html",
        "indicators/index.html",
        "industries/index.html",
        "commitments/index.html",
        "glossary/index.html",
        "sources/index.html",
        "notes/index.html",
        "about/index.html",
        "404.html",
    ]
    expected += [f"indicators/{i.id}/index.html" for i in plan.indicators]
    expected += [f"industries/{c.id}/index.html" for c in plan.chains]
    expected += [f"plan/{s.id}/index.html" for _, s in plan.sections()]
    for lang in ("zh", "en"):
        missing = [e for e in expected if not (built_site / address(e, lang)).exists()]
        assert missing == [], lang
        assert (built_site / address("", lang) / "index.html").exists(), "the plan's home"


def test_every_internal_link_and_anchor_resolves(built_site, parsed):
    broken = []
    for url, page in parsed.items():
        for href in page.links:
            target = urljoin("http://site" + url, href)
            if not target.startswith("http://site/"):
                continue
            path, frag = urldefrag(
                urlsplit(target).path + ("#" + urlsplit(target).fragment if urlsplit(target).fragment else "")
            )
            if not path.endswith("/") and (built_site / path.lstrip("/")).is_file() and not path.endswith(".html"):
                continue  # a download: image, CSV, JSON
            key = path if path.endswith(".html") else path.rstrip("/") + "/index.html"
            if key not in parsed or (frag and frag not in parsed[key].ids):
                broken.append((url, href))
    assert broken == []


def test_nothing_is_loaded_from_another_host(built_site, parsed):
    for url, page in parsed.items():
        external = [a for a in page.assets if urlsplit(a).netloc and not urlsplit(a).netloc.startswith("127.0.0.1")]
        assert external == [], url
    for css in built_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_every_page_has_a_language_a_description_and_readable_heading_ids(parsed):
    for url, page in parsed.items():
        if url.endswith("404.html") or "/search/" in url:
            continue
        assert page.lang.split("-")[0] == ("en" if url.startswith("/en/") else "zh"), url
        assert len(page.meta.get("description", "")) >= 12, url
        assert not [h for h in page.heading_ids if re.fullmatch(r"_\d+", h)], url


def test_bad_data_stops_the_build_before_any_page_is_written(tmp_path):
    root = overlay(FIXTURES / "bad" / "number-with-unit", tmp_path)
    site = tmp_path / "site"
    result = mkdocs_build(site, quiet=False, PLANSITE_DATA=str(root / "data"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/observations/example-enterprises-2023.yaml:4:8: number-with-unit" in output
    assert not site.exists() or not any(site.rglob("*.html"))


def test_compliance_footer_shows_each_filled_slot_and_hides_empty_ones(built_site, tmp_path):
    empty = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'class="compliance">\n  </ul>' in empty or re.search(r'<ul class="compliance">\s*</ul>', empty)
    site = tmp_path / "site"
    result = mkdocs_build(
        site,
        SITE_HOST="天门市科学技术局",
        SITE_GOV_CODE="4290060001",
        SITE_ICP="鄂ICP备05005537号-1",
        SITE_MPS="鄂公网安备42900602000138号",
        SITE_MPS_CODE="42900602000138",
    )
    assert result.returncode == 0, result.stderr
    found = re.search(r'<ul class="compliance">(.*?)</ul>', (site / "index.html").read_text(encoding="utf-8"), re.S)
    assert found, "the compliance list is missing"
    footer = found[1]
    assert "主办单位：天门市科学技术局" in footer and "政府网站标识码：4290060001" in footer
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">鄂ICP备05005537号-1</a>' in footer
    assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=42900602000138"' in footer
    assert "联系方式" not in footer  # not filled in: not shown


def test_every_page_passes_the_nu_html_checker(built_site):
    import json as _json
    import shutil as _shutil

    java = _shutil.which("java")
    vnu = paths.ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert java and vnu.exists(), "run: make test-deps"
    pages = [str(p) for p in built_site.rglob("*.html")]
    result = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", *pages], capture_output=True, text=True
    )
    messages = _json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{m['url'].split('/build')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"
    ]
    assert errors == []


def test_every_page_shows_the_date_of_the_newest_data(built_site, plan):
    from plansite.render import newest_data_date

    newest = str(newest_data_date(plan))
    for page in [
        built_site / address(f"plan/{next(plan.page_units())[1].id}/index.html"),  # the plan's first page
        built_site / "en" / "about" / "index.html",
        built_site / "404.html",
    ]:
        footer = re.search(r'<div class="md-copyright site-footer">(.*?)</div>', page.read_text(encoding="utf-8"), re.S)
        assert footer and newest in footer[1], page
