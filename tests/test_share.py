"""The share panel's QR code (plansite/share.py): the SVG it draws decodes back to the address it was given."""

from __future__ import annotations

import re

import pytest
import zxingcpp

from plansite.share import QUIET_ZONE, qr_svg


def found(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match, pattern
    return match.group(1)


def rasterize(svg: str, scale: int = 4) -> memoryview:
    """Draw the SVG's dark path (segno's form: M x y, m dx dy, h n, one stroke per run) as a grayscale image."""
    size = int(found(r'viewBox="0 0 (\d+) \1"', svg))
    path = found(r'<path stroke="#000" d="([^"]+)"', svg)
    grid = [[255] * size for _ in range(size)]
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                grid[int(y)][column] = 0
            x += float(a)
    pixels = b"".join(bytes(v for v in row for _ in range(scale)) * scale for row in grid)
    return memoryview(pixels).cast("B", (size * scale, size * scale))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/",
        "https://example.org/en/indicators/high-tech-enterprises/",
        "https://例子.中国/规划/第三章/?q=%E5%8C%BB%E8%8D%AF&x=生物 医药#三、壮大",  # Chinese, percent-escapes, space
    ],
)
def test_the_qr_code_decodes_to_the_address(url):
    found = zxingcpp.read_barcode(
        rasterize(qr_svg(url, "QR")), formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    )
    assert found is not None and found.text == url


def test_the_qr_code_is_an_image_with_an_escaped_name_and_a_quiet_zone():
    svg = qr_svg("https://example.org/", 'QR "><img src=x onerror=alert(1)>')
    assert svg.startswith('<svg role="img" aria-label="QR &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"')
    assert "<img" not in svg and "width=" not in svg.split(">")[0]  # sized by CSS, not by the SVG
    first_move = found(r'd="M(\d+) ', svg.split('stroke="#000"')[1])
    assert int(first_move) == QUIET_ZONE  # the finder pattern starts after the white margin


def test_an_empty_address_is_refused():
    with pytest.raises(ValueError):
        qr_svg("", "QR")
