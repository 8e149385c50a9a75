"""Serve a built site on loopback the way a static host does, including its 404 pages (for `make serve` and tests)."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

# Debian's Chromium, and the flags that keep it off the network (this machine's closed network refuses
# Chromium's background connections): shared by the browser tests and scripts/benchmark.py.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Files from the site folder; a missing page gets the site's own 404.html (the English one under /en/)."""

    quiet = True

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        root = Path(self.directory)
        page = root / "en" / "404.html" if self.path.startswith("/en/") else root / "404.html"
        if not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        if not self.quiet:
            super().log_message(*args)


def serve(site: Path, port: int = 0, quiet: bool = True) -> http.server.ThreadingHTTPServer:
    """Start serving site on 127.0.0.1 in a background thread; port 0 picks a free one."""
    handler = functools.partial(type("Handler", (StaticSiteHandler,), {"quiet": quiet}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
