"""URLs are promises: every address the site published before plans had prefixes still resolves (issue 11).

reference/published-addresses.txt lists them, both languages. In the built site each one is the page or file it
was (the site's own: /, /about/ …), a redirect page to the same page under the legacy plan's prefix, or the same
bytes as the file there. Expected places are derived here from the list and data/site.yaml, not from
plansite.redirects, so that a wrong mapping there fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from plansite import paths

PUBLISHED = paths.ROOT / "reference" / "published-addresses.txt"
SITE_OWN = ("about/", "contribute/", "404.html", "index.html", "sitemap.xml", "sitemap.xml.gz", "data/datapackage.json")
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')


def addresses() -> list[str]:
    lines = PUBLISHED.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def legacy() -> str:
    return yaml.safe_load((paths.DATA / "site.yaml").read_text(encoding="utf-8"))["legacy_plan"]


def expected_place(address: str) -> str | None:
    """Where an old address is now: unchanged for the site's own addresses, else under the legacy plan."""
    lang, rest = ("en/", address[3:]) if address.startswith("en/") else ("", address)
    if rest == "index.html" or any(rest == own or (own.endswith("/") and rest.startswith(own)) for own in SITE_OWN):
        return None
    return lang + legacy() + "/" + rest


def is_redirect(html: str) -> bool:
    return REFRESH.search(html) is not None


def test_the_list_covers_both_languages_and_every_kind():
    listed = addresses()
    assert len(listed) > 200
    for start in ("indicators/", "plan/", "industries/", "embed/", "charts/", "data/", "updates/"):
        assert any(a.startswith(start) for a in listed), start
        assert any(a.startswith("en/" + start) for a in listed), "en/" + start


@pytest.mark.build
def test_every_published_address_resolves(built_site: Path):
    moved = 0
    for address in addresses():
        old = built_site / address
        assert old.is_file(), f"{address} no longer exists"
        place = expected_place(address)
        if place is None:  # the site's own address: still the real page or file, not a redirect
            if address.endswith(".html"):
                assert not is_redirect(old.read_text(encoding="utf-8")), address
            continue
        moved += 1
        new = built_site / place
        assert new.is_file(), f"{address} should now be at {place}"
        if not address.endswith("index.html"):  # a file: the same bytes, since a static host cannot redirect it
            assert old.read_bytes() == new.read_bytes(), address
            continue
        html = old.read_text(encoding="utf-8")
        target = REFRESH.search(html)
        assert target, f"{address} is not a redirect page"
        resolved = (old.parent / target.group(1) / "index.html").resolve()
        assert resolved == new.resolve(), f"{address} redirects to {target.group(1)}, not to {place}"
        page = new.read_text(encoding="utf-8")
        assert not is_redirect(page), f"{address} redirects to another redirect"
        # the right page: the new page's own canonical address names the same indicator/section/chain id (an embed's
        # canonical is its indicator's page), and the redirect page's canonical is the new address
        ident = address.removesuffix("index.html").rstrip("/").split("/")[-1]
        canonical = CANONICAL.search(page)
        if "/embed/" in "/" + place:  # an embed's canonical is the page that shows its chart: compare the chart id
            assert f'data-chart-id="{ident}"' in page, address
        else:
            assert canonical and canonical.group(1).rstrip("/").endswith("/" + ident), address
        own = CANONICAL.search(html)
        assert own and own.group(1).endswith("/" + place.removesuffix("index.html")), address
        assert '<meta name="robots" content="noindex">' in html
        assert 'http-equiv="Content-Security-Policy"' in html
        assert f'href="{target.group(1)}"' in html, "a visible link for readers whose browser does not redirect"
        assert "<script src=" in html and "assets/javascripts/redirect.js" in html and "<script>" not in html
    assert moved > 200


@pytest.mark.build
def test_redirects_stay_out_of_sitemap_and_search(built_site: Path):
    locs = {urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text())}
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    checked = searchable = 0
    for address in addresses():
        if expected_place(address) is None or not address.endswith("index.html") or address.startswith("en/"):
            continue
        if address.startswith("embed/"):  # embeds are never in the search, at either place
            continue
        old = address.removesuffix("index.html")
        assert not any(loc.endswith("/" + old) and f"/{legacy()}/" not in loc for loc in locs), address
        assert old not in locations, address
        searchable += f"{legacy()}/{old}" in locations  # at its new place (a few pages opt out of the search)
        checked += 1
    assert checked > 50 and searchable > checked * 0.8


@pytest.mark.build
def test_host_redirect_maps_list_every_moved_address(built_site: Path):
    netlify = (built_site / "_redirects").read_text(encoding="utf-8").splitlines()
    nginx = (built_site / "redirects.nginx.conf").read_text(encoding="utf-8")
    rules = {line.split()[0]: line.split()[1] for line in netlify if line and not line.startswith("#")}
    for address in addresses():
        place = expected_place(address)
        if place is None:
            continue
        old = address.removesuffix("index.html")
        new = place.removesuffix("index.html")
        assert rules["/" + old] == "/" + new, address
        assert f"    /{old} /{new};" in nginx


@pytest.mark.build
@pytest.mark.browser
def test_redirects_keep_the_anchor(base_url, browser):
    def first(start: str) -> str:
        """The first published page one level under start (an indicator, a plan page), from the list, not a literal."""
        pages = (a.removesuffix("index.html") for a in addresses() if a.startswith(start) and a.endswith("index.html"))
        return next(p for p in pages if p.removeprefix(start).count("/") == 1)

    indicator = first("indicators/")
    page = browser.new_page()
    for old, anchor in ((indicator, "#chart"), (first("en/plan/"), "#p3"), (first("plan/"), "")):
        new = (expected_place(old + "index.html") or "").removesuffix("index.html")
        assert new.startswith(("en/", legacy())), old
        page.goto(base_url + old + anchor)
        page.wait_for_url(re.compile(re.escape(f"/{new}")))
        assert page.url == base_url + new + anchor, "the anchor is kept"
        assert page.locator("h1").count() >= 1
    page.close()
    no_js = browser.new_context(java_script_enabled=False).new_page()
    no_js.goto(base_url + indicator)
    no_js.wait_for_url(re.compile(re.escape(legacy() + "/" + indicator)))
    no_js.close()
