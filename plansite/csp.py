"""The Content-Security-Policy every page carries as a <meta> tag, with the hashes of that page's own inline scripts.

Static hosts may send no headers, so the policy travels in the page. Scripts run only from this site
and from the inline scripts the theme itself wrote (hashed at build from each page's actual text), never
'unsafe-inline': a script that reaches a page any other way is blocked. Styles need 'unsafe-inline':
plotly.js writes a <style> element and style attributes while drawing, Material sets style attributes,
and the chart boxes carry their height in a style attribute; CSP cannot hash style attributes.
No frame-ancestors: a <meta> policy ignores it, and embeds must stay frameable by news sites.
"""

from __future__ import annotations

import base64
import hashlib
import re

# A <script> without src whose type is JavaScript (or absent); JSON data blocks do not run and need no hash.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_EXISTING = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.I)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script that would run in the page."""
    out = []
    for match in _SCRIPT.finditer(html):
        attrs, body = match.group(1), match.group(2)
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _JS_TYPES):
            continue
        out.append(body)
    return out


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(html: str, content: str = "") -> str:
    """The policy for a page; inline scripts that came with the page's content (from data/ or a story) get no hash."""
    untrusted = set(inline_scripts(content))
    hashes = sorted({script_hash(s) for s in inline_scripts(html) if s not in untrusted})
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *hashes]),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",  # Material's icons are data: SVGs in its stylesheet
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def with_csp(html: str, content: str = "") -> str:
    """The page with its policy as the first element of <head> (replacing any earlier one).

    content is the page's own body HTML: the theme's scripts are trusted, nothing inside the body is.
    """
    html = _EXISTING.sub("", html)
    head = _HEAD.search(html)
    if head is None:
        raise ValueError("page has no <head>")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, content)}">'
    return html[: head.end()] + "\n" + meta + html[head.end() :]
