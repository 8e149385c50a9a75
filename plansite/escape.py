"""One escaping helper per place where staff text lands: Markdown headings, nav and page titles, plotly text, YAML.

HTML text and attribute values in the page templates are escaped by Jinja's autoescape (plansite/render.py);
Material's templates do not autoescape, so what they print gets nav_title below.

Text from data/ and stories is plain text: whatever a person typed must show exactly as typed and never
become markup. Each helper is applied once, at the boundary where the text enters its context.
MkDocs' and Material's templates print titles raw, so those get text that is already escaped (a Markup
object, which Jinja's `| e` leaves alone, so nothing is escaped twice).
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup, escape

# Characters Markdown or its extensions could read as syntax in a heading: emphasis, code, links, images,
# raw HTML, entities, attribute lists ({: ...}), closing hashes, escapes, tables, abbreviations.
_MD_SYNTAX = re.compile(r"[\\`*_{}\[\]()<>#+\-.!|~:&\"'=$%^@]")


def md_heading(text: object) -> Markup:
    """Text for a Markdown heading line (`# …`): every character Markdown could read is a character reference.

    Python-Markdown passes character references through untouched, so neither the inline patterns nor
    attr_list nor the closing-hash rule sees them; the browser shows the characters as typed.
    """
    plain = text.unescape() if isinstance(text, Markup) else str(text)
    flat = " ".join(plain.splitlines())  # a heading is one line
    return Markup(_MD_SYNTAX.sub(lambda m: f"&#{ord(m.group(0))};", flat))


def nav_title(text: object) -> Markup:
    """A navigation or page title: escaped once, and marked safe so that templates that do escape leave it."""
    if isinstance(text, Markup):
        return text
    return escape(str(text))


def plotly_text(text: object) -> str:
    """Text plotly draws (titles, names, labels): plotly reads <b>, <br>, <a href> and entities in it.

    Escaped with entities plotly converts back (&lt; &gt; &amp;), so it is drawn as typed.
    """
    return html.escape(str(text), quote=False)


def yaml_string(text: object) -> str:
    """A double-quoted YAML scalar for front matter (JSON strings are valid YAML)."""
    return json.dumps(str(text), ensure_ascii=False)
