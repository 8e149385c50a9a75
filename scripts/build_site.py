"""Build both languages with --strict: Chinese into site/ (which cleans it), then English into site/en/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(site_dir: Path | None = None) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config]
        if site_dir is not None:
            cmd += ["-d", str(site_dir / "en" if config == "mkdocs.en.yml" else site_dir)]
        result = subprocess.run(cmd, cwd=ROOT, env=env)
        if result.returncode:
            return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(build(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else None))
