"""Serve both languages locally: Chinese at http://127.0.0.1:8000/, English at /en/; rebuild when a source changes.

`mkdocs serve` can serve only one of the two builds, so this builds both into site/
and serves that folder, watching data/, docs/, hooks/, overrides/ and plansite/.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from build_site import ROOT, build

from plansite.localserver import serve

WATCHED = ("data", "docs", "hooks", "overrides", "plansite", "mkdocs.yml", "mkdocs.en.yml")
PORT = 8000


def snapshot() -> dict[Path, float]:
    out = {}
    for name in WATCHED:
        path = ROOT / name
        for f in [path] if path.is_file() else path.rglob("*"):
            if f.is_file() and "__pycache__" not in f.parts:
                out[f] = f.stat().st_mtime
    return out


def main() -> int:
    if build():
        print("构建失败：请先修正上面列出的问题 / build failed: fix the problems listed above", file=sys.stderr)
    server = serve(ROOT / "site", PORT, quiet=False)
    print(f"中文 http://127.0.0.1:{PORT}/   English http://127.0.0.1:{PORT}/en/   (Ctrl+C 退出 / to stop)")
    seen = snapshot()
    try:
        while True:
            time.sleep(1)
            now = snapshot()
            if now != seen:
                seen = now
                print("检测到修改，重新构建 / change detected, rebuilding …")
                build()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
