"""The form editor in the built site: site/admin/ holds our page, script and styles (docs/admin/), the configuration
generated for the build's own data (plansite.cms, the same text `python -m plansite cms-config` commits), and Decap
CMS's bundle copied from node_modules/decap-cms/dist (installed by `npm ci`; never loaded from a CDN).

MkDocs never sees these files, so /admin/ is in no navigation, sitemap or search index.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from . import cms
from .site import Site

DIST = Path("node_modules") / "decap-cms" / "dist"
# hand-written, in docs/admin/: clean.js drops the empty values Decap would write, admin.js sets up and starts Decap
STATIC = ("clean.js", "admin.js", "admin.css", "admin-preview.css")
# The bundle, the chunks it loads on demand from its own folder, and its WebAssembly; not the source maps, and not
# cms.js (the same bundle under its older name).
_BUNDLE = re.compile(r"^(?:\d+\.)?decap-cms\.js$|^[0-9a-f]+\.wasm$")


class EditorMissing(Exception):
    """Decap CMS is not installed: the build says how to install it instead of publishing a broken /admin/."""


def bundle_files(root: Path) -> list[Path]:
    dist = root / DIST
    files = sorted(p for p in dist.glob("*") if _BUNDLE.match(p.name)) if dist.is_dir() else []
    if not any(p.name == "decap-cms.js" for p in files):
        raise EditorMissing(f"缺少表单编辑器 Decap CMS（{DIST.as_posix()}/decap-cms.js）：请先运行 npm ci")
    return files


def write_admin(root: Path, site_dir: Path, site: Site, data: str = "data", docs: str = "docs") -> list[Path]:
    """Write site/admin/; return the files written."""
    bundle = bundle_files(root)  # first: without Decap nothing is written
    out_dir = site_dir / "admin"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for src in bundle:
        target = out_dir / src.name
        if not target.exists() or target.stat().st_size != src.stat().st_size:
            shutil.copyfile(src, target)
        written.append(target)
    for name in STATIC:
        shutil.copyfile(root / cms.ADMIN / name, out_dir / name)
        written.append(out_dir / name)
    for name, text in cms.texts(site, data, docs).items():
        (out_dir / name).write_text(text, encoding="utf-8")
        written.append(out_dir / name)
    return written
