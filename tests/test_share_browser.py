"""The share panel in real Chromium: the QR code on screen decodes to the page's canonical address, copy-link
copies it, and the system share button appears only where navigator.share exists and is called with title and url."""

from __future__ import annotations

import struct
import zlib

import pytest
import zxingcpp

from .conftest import at, stories, visit

pytestmark = [pytest.mark.browser, pytest.mark.build]


def png_gray(png: bytes) -> memoryview:
    """Chromium's screenshot (8-bit RGB or RGBA PNG, not interlaced) as a grayscale buffer zxing-cpp can read."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        chunk = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _c, _f, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            data += chunk
        pos += 12 + length
    raw, stride = zlib.decompress(data), width * channels
    rows: list[bytearray] = []
    prev = bytearray(stride)
    for r in range(height):
        kind, line = raw[r * (stride + 1)], bytearray(raw[r * (stride + 1) + 1 : (r + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = prev[i], prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(line)
        prev = line
    gray = bytes(sum(row[i : i + 3]) // 3 for row in rows for i in range(0, stride, channels))
    return memoryview(gray).cast("B", (height, width))


def page_types(plan) -> list[str]:
    """One page of each kind, from the data: home, a plan page, an indicator, a chain and a story (if the plan has
    them), a hand-written page."""
    _chapter, unit = next(plan.page_units())
    return [
        "",
        f"plan/{unit.id}/",
        f"indicators/{plan.indicators[0].id}/",
        *([f"industries/{plan.chains[0].id}/"] if plan.chains else []),
        *(f"updates/{name}/" for name in stories()[:1]),
        "about/",
    ]


def canonical(pg) -> str:
    href = pg.locator("link[rel=canonical]").get_attribute("href")
    assert href
    return href


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("width,scale", [(375, 2), (1280, 1)])
def test_the_qr_code_on_screen_decodes_to_the_canonical_address(browser, base_url, plan, prefix, width, scale):
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=scale)
    pg = context.new_page()
    decoded = {}
    for path in page_types(plan):
        visit(pg, base_url + at(prefix + path))
        qr = pg.locator(".share .share__qr")
        assert qr.get_attribute("role") == "img" and qr.get_attribute("aria-label"), path
        qr.scroll_into_view_if_needed()
        found = zxingcpp.read_barcode(
            png_gray(qr.screenshot()), formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        )
        decoded[path] = (found.text if found else None, canonical(pg))
        assert pg.locator(".share__url").input_value() == canonical(pg)
    context.close()
    assert all(text == want for text, want in decoded.values()), decoded
    assert all(want.startswith(base_url.split("://")[0]) for _t, want in decoded.values())
    assert all(("/en/" in want) == (prefix == "en/") for _t, want in decoded.values()), decoded


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_copy_link_puts_the_canonical_address_on_the_clipboard(browser, base_url, plan, prefix):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    pg = context.new_page()
    visit(pg, base_url + at(prefix + page_types(plan)[2]))
    button = pg.locator(".share [data-copy]")
    assert button.is_visible()
    button.focus()
    pg.keyboard.press("Enter")  # keyboard reachable
    pg.wait_for_timeout(200)
    assert pg.evaluate("navigator.clipboard.readText()") == canonical(pg)
    assert button.inner_text() == button.get_attribute("data-copied")
    context.close()


def test_the_share_button_is_hidden_without_navigator_share(browser, base_url, plan):
    context = browser.new_context()
    context.add_init_script("delete Navigator.prototype.share; delete navigator.share;")
    pg = context.new_page()
    visit(pg, base_url + at(page_types(plan)[2]))
    assert pg.evaluate("typeof navigator.share") == "undefined"
    assert pg.locator(".share [data-share-native]").count() == 1
    assert not pg.locator(".share [data-share-native]").is_visible()
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_share_button_calls_navigator_share_with_title_and_url(browser, base_url, plan, prefix):
    context = browser.new_context()
    context.add_init_script("navigator.share = function (data) { window.__shared = data; return Promise.resolve(); };")
    pg = context.new_page()
    visit(pg, base_url + at(prefix + page_types(plan)[3]))
    button = pg.locator(".share [data-share-native]")
    assert button.is_visible()
    button.click()
    assert pg.evaluate("window.__shared") == {"title": pg.title(), "url": canonical(pg)}
    context.close()


def test_print_keeps_the_qr_code_and_drops_the_buttons(browser, base_url):
    context = browser.new_context()
    pg = context.new_page()
    visit(pg, base_url + at("about/"))
    pg.emulate_media(media="print")
    assert pg.locator(".share__qr").is_visible()
    assert pg.locator(".share__url").is_visible()
    assert not pg.locator(".share [data-copy]").is_visible()
    context.close()


def test_embeds_have_no_share_panel(browser, base_url, plan):
    context = browser.new_context()
    pg = context.new_page()
    visit(pg, base_url + at(f"embed/{plan.indicators[0].id}/"))
    assert pg.locator(".share").count() == 0
    context.close()
