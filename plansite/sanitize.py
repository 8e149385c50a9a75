"""Allow-list cleaning of a story's HTML (defence in depth behind the story checker): no scripts, no event
handlers, no javascript:/data: addresses, no ids that could shadow the theme's own elements.

Charts a story shows through [[chart:…]] are the site's own markup: they are set aside before cleaning
and put back unchanged, so the cleaner needs no exception for plotly's data attributes or <noscript>.
"""

from __future__ import annotations

from collections.abc import Iterable

import nh3

TAGS = set(nh3.ALLOWED_TAGS) | {"section", "main"}
_COMMON = {"id", "class", "title", "lang", "dir"}
ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "headers", "style"},
    "th": {"colspan", "rowspan", "headers", "scope", "style"},
    "time": {"datetime"},
    "*": _COMMON,
}
URL_SCHEMES = {"http", "https", "mailto"}


def is_story(src_uri: str) -> bool:
    """A hand-written story page (docs/<lang>/updates/*.md, not the generated index)."""
    return src_uri.startswith("updates/") and src_uri != "updates/index.md"


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id" and (value.startswith("__") or value.startswith("md-")):
        return None  # would shadow Material's own elements (#__config, #__search …)
    return value


def clean_story(html: str, trusted: Iterable[str] = ()) -> str:
    """The story's HTML with everything outside the allow-list removed; trusted fragments pass untouched."""
    kept: list[str] = []
    for fragment in sorted({f for f in trusted if f and f in html}, key=len, reverse=True):
        token = f"PLANSITETRUSTED{len(kept)}X"
        html = html.replace(fragment, token)
        kept.append(fragment)
    out = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        filter_style_properties={"text-align"},
    )
    for i, fragment in enumerate(kept):
        out = out.replace(f"PLANSITETRUSTED{i}X", fragment)
    return out
