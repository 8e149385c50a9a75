"""URLs are promises: every address published before plans had their own prefix keeps working.

reference/published-addresses.txt lists them (both languages). For each one whose place moved (everything of the
plan: /indicators/x/ -> /2021-2025/indicators/x/), the build writes at the old address
- for a page: a redirect page (<link rel=canonical>, a visible link, assets/javascripts/redirect.js, and a meta refresh
  inside <noscript> so that it cannot race the script,
  which keeps the #anchor: location.replace(target + hash)); noindex, and never in the sitemap or the search;
- for a file (CSV, JSON, PNG, SVG, the feed): the same bytes as at the new address (a static host cannot redirect).
It also writes the same map for hosts that can redirect: `_redirects` (Netlify / Cloudflare Pages form) and
`redirects.nginx.conf` (an nginx `map`), both in the Chinese build's site/ folder.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import paths
from .csp import with_csp
from .htmlfix import valid_html

PUBLISHED = paths.ROOT / "reference" / "published-addresses.txt"
# Site-wide addresses that did not move: the landing page is the new root, the rest is the site's own.
UNMOVED_FILES = frozenset({"index.html", "404.html", "sitemap.xml", "sitemap.xml.gz", "data/datapackage.json"})
UNMOVED_FOLDERS = ("about/", "contribute/", "assets/", "search/")


def published(path: Path = PUBLISHED) -> list[str]:
    """Every address in the list, site-relative (about/index.html, en/indicators/x/index.html)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def split_lang(address: str) -> tuple[str, str]:
    """("en", "plan/1-1/index.html") or ("zh", …): the English site is under en/."""
    return ("en", address[3:]) if address.startswith("en/") else ("zh", address)


def new_place(address: str, prefix: str) -> str | None:
    """Where an old address (without its language part) is now, or None when it did not move."""
    if address in UNMOVED_FILES or address.startswith(UNMOVED_FOLDERS):
        return None
    return prefix + address


def is_page(address: str) -> bool:
    return address.endswith("index.html")


def directory_url(address: str) -> str:
    """indicators/x/index.html -> indicators/x/ (the address readers see)."""
    return address[: -len("index.html")] if is_page(address) else address


def moves(prefix: str, addresses: list[str] | None = None) -> list[tuple[str, str, str]]:
    """(language, old address, new address) for every published address that moved, both languages."""
    out = []
    for full in published() if addresses is None else addresses:
        lang, address = split_lang(full)
        target = new_place(address, prefix)
        if target is not None:
            out.append((lang, address, target))
    return out


def _env() -> Environment:
    return Environment(loader=FileSystemLoader(str(paths.TEMPLATES)), autoescape=select_autoescape(["j2"]))


def write_redirects(root: Path, site_dir: Path, lang: str, prefix: str, renderer, site_url: str) -> list[Path]:
    """This language's redirect pages and copied files under site_dir; with Chinese also the host redirect maps."""
    template = _env().get_template("redirect.html.j2")
    t = renderer.lang.t
    base = site_url if site_url.endswith("/") else site_url + "/"
    written = []
    for page_lang, old, new in moves(prefix):
        if page_lang != lang:
            continue
        path = site_dir / old
        source = site_dir / new
        if not source.exists():
            raise FileNotFoundError(f"{old} moved to {new}, which the build did not write")
        path.parent.mkdir(parents=True, exist_ok=True)
        if is_page(old):
            target = posixpath.relpath("/" + directory_url(new), "/" + directory_url(old)) + "/"
            html = template.render(
                lang=renderer.lang.html_lang,
                title=t("redirect.title"),
                moved=t("redirect.moved"),
                target=target,
                canonical=base + directory_url(new),
                script=posixpath.relpath("/assets/javascripts/redirect.js", "/" + directory_url(old)),  # keeps #anchor
            )
            path.write_text(with_csp(valid_html(html)), encoding="utf-8")
        else:
            shutil.copyfile(source, path)
        written.append(path)
    if lang == "zh":
        written += write_maps(site_dir, base, prefix)
    return written


def write_maps(site_dir: Path, site_url: str, prefix: str) -> list[Path]:
    """`_redirects` (Netlify, Cloudflare Pages: "old new 301") and an nginx map for hosts that can redirect."""
    path = urlsplit(site_url).path or "/"
    pairs = []
    for lang, old, new in moves(prefix):
        at = path + ("en/" if lang == "en" else "")
        pairs.append((at + directory_url(old), at + directory_url(new)))
    netlify = site_dir / "_redirects"
    netlify.write_text(
        "# Addresses published before each plan had its own prefix (plansite.redirects).\n"
        + "".join(f"{old} {new} 301\n" for old, new in pairs),
        encoding="utf-8",
    )
    nginx = site_dir / "redirects.nginx.conf"
    nginx.write_text(
        "# Addresses published before each plan had its own prefix (plansite.redirects). In the http block:\n"
        "#   include redirects.nginx.conf;\n"
        "# and in the server block:\n"
        "#   if ($plansite_moved) { return 301 $plansite_moved; }\n"
        'map $uri $plansite_moved {\n    default "";\n' + "".join(f"    {old} {new};\n" for old, new in pairs) + "}\n",
        encoding="utf-8",
    )
    return [netlify, nginx]
