"""The share panel's QR code: a page's canonical address drawn as a small inline SVG at build time.

segno encodes the address and draws it as one path (one stroke per run of dark modules), so a page
carries about 2 KB of SVG and no image request. The SVG is an image with an accessible name.
"""

from __future__ import annotations

from html import escape

import segno

QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks; phones read it more surely
ERROR_LEVEL = "m"  # about 15 % of the code may be damaged (a fold on paper, glare on a screen)


def qr_code(url: str) -> segno.QRCode:
    """The QR code (never a Micro QR, which phone cameras do not read) of url."""
    if not url:
        raise ValueError("a QR code needs an address")
    return segno.make(url, error=ERROR_LEVEL, micro=False)


def qr_svg(url: str, label: str, css_class: str = "share__qr") -> str:
    """Inline SVG of url's QR code: role=img named by label (escaped here), sized by CSS, crisp edges."""
    svg = qr_code(url).svg_inline(
        svgclass=css_class, lineclass=None, omitsize=True, border=QUIET_ZONE, dark="#000", light="#fff"
    )
    head = f'<svg role="img" aria-label="{escape(label, quote=True)}" shape-rendering="crispEdges" '
    if not svg.startswith("<svg "):  # segno's inline form; a different writer would be a reason to look again
        raise ValueError("unexpected SVG from segno")
    return head + svg[len("<svg ") :]
