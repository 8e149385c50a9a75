"""Decap CMS in the tests: the files it writes (its own YAML writer, run in node) and its local backend
(decap-server in git mode) on a throw-away copy of the repository.

`python -m tests.decap [--write] [DATA ...]` lists (or, with --write, rewrites) the files Decap would write
differently from how they are stored: the per-item data files of data/ and the valid fixtures, and the stories
(by default), or of the data folders named.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from plansite import catalog, models, paths

NODE = shutil.which("node") or "node"
FORMAT_TOOL = paths.ROOT / "tests" / "tools" / "decap_format.mjs"
SERVER = paths.ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
DECAP_DIST = paths.ROOT / "node_modules" / "decap-cms" / "dist"

# The models of the files Decap writes one entry at a time (one file per item).
ITEM_MODELS: tuple[type[BaseModel], ...] = (models.Source, models.Observation, models.StatusEntry)
CONFIG = paths.ROOT / "docs" / "admin" / "config.yml"  # the editor's generated configuration

# data folders whose per-item files must be what Decap writes: the site's and the valid fixtures' (the broken
# fixtures under tests/fixtures/bad*/ keep their deliberate slips and the line numbers their expected.txt names)
FIXTURES = paths.ROOT / "tests" / "fixtures"
DATA_FOLDERS = (
    paths.DATA,
    FIXTURES / "minimal" / "data",
    FIXTURES / "second-plan" / "data",
    FIXTURES / "hostile" / "data",
)

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Decap e2e",
    "GIT_AUTHOR_EMAIL": "decap-e2e@example.invalid",
    "GIT_COMMITTER_NAME": "Decap e2e",
    "GIT_COMMITTER_EMAIL": "decap-e2e@example.invalid",
}


def decap_format(requests: list[dict]) -> list[dict]:
    """Run tests/tools/decap_format.mjs once over all requests ({path, format, fields[, data]})."""
    out = subprocess.run(
        [NODE, str(FORMAT_TOOL)], input=json.dumps(requests), capture_output=True, text=True, cwd=paths.ROOT
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    answers: list[dict] = json.loads(out.stdout)
    return answers


def item_files(data_dir: Path) -> list[tuple[Path, type[BaseModel]]]:
    """Every per-item file (a source, an observation, a status entry) in a data folder, with its model."""
    claimed, _ = catalog.claim(data_dir)
    kinds = {k.name: k for k in catalog.KINDS}
    return [
        (path, kinds[name].model)
        for name, files in claimed.items()
        if kinds[name].many and kinds[name].model in ITEM_MODELS
        for path in files
    ]


def field_order(model: type[BaseModel]) -> list[str]:
    """The keys in the order Decap writes them: the collection's fields, which follow the model's fields."""
    return list(model.model_fields)


def story_fields() -> list[str]:
    """A story's keys in the order Decap writes them: the story collections' fields (all alike)."""
    import yaml

    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    orders = {tuple(f["name"] for f in c["fields"]) for c in config["collections"] if c.get("format") == "frontmatter"}
    assert len(orders) == 1, orders
    return list(orders.pop())


def expected_text(path: Path, raw: str) -> str:
    """What the file should hold: what Decap writes; a fixture (never edited through the forms) keeps the
    comment lines that open it and say it is synthetic."""
    if path.is_relative_to(paths.DATA) or path.suffix == ".md":
        return raw
    text = path.read_text(encoding="utf-8")
    header = "".join(line for line in _leading_comments(text))
    return header + raw


def _leading_comments(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        if not line.startswith("#"):
            break
        out.append(line)
    return out


def rewrite_requests(folders: tuple[Path, ...] = DATA_FOLDERS) -> list[dict]:
    # the site's files as our editor saves them (docs/admin/clean.js first); a fixture, never saved through the
    # editor, keeps its empty texts (en: "" is how the fixtures say "not translated")
    return [
        {"path": str(path), "format": "yml", "fields": field_order(model), "clean": path.is_relative_to(paths.DATA)}
        for folder in folders
        for path, model in item_files(folder)
    ]


def story_requests(docs: Path = paths.ROOT / "docs") -> list[dict]:
    """Every story (docs/<lang>/<plan>/updates/*.md, or docs/<lang>/updates/ for one-plan data), as Decap reads it."""
    from plansite.stories import LANGS, story_files

    fields = story_fields()
    folders = [docs / lang for lang in LANGS if (docs / lang).is_dir()]
    folders = [f for d in folders for f in [d, *sorted(d.iterdir())] if (f / "updates").is_dir()]
    return [
        {"path": str(p), "format": "frontmatter", "fields": fields, "clean": True}
        for f in folders
        for p in story_files(f)
    ]


def differing(folders: tuple[Path, ...] = DATA_FOLDERS, stories: bool = True) -> list[tuple[Path, str]]:
    """The per-item files (and the site's stories) Decap would write differently, with what they should hold."""
    out = []
    for answer in decap_format(rewrite_requests(folders) + (story_requests() if stories else [])):
        path = Path(answer["path"])
        if "error" in answer:
            raise RuntimeError(f"{path}: {answer['error']}")
        expected = expected_text(path, answer["raw"])
        if expected.encode("utf-8") != path.read_bytes():
            out.append((path, expected))
    return out


# --- the local backend on a copy of the repository ---------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_IDENTITY}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def repo_copy(target: Path, parts: tuple[str, ...] = ("data", "docs")) -> tuple[Path, str]:
    """A fresh git repository (branch main) holding the working tree's parts: what the editor reads and writes.
    Returns it and its one commit."""
    target.mkdir(parents=True)
    for part in parts:
        shutil.copytree(paths.ROOT / part, target / part, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    git(target, "init", "-q", "-b", "main")
    git(target, "config", "commit.gpgsign", "false")
    # decap-server reads `git diff` output: with git's default quoting a Chinese file name (a story's slug) comes
    # back as "docs/…/\\347\\253….md" and the saved entry never loads again (正在加载内容… for ever)
    git(target, "config", "core.quotepath", "false")
    git(target, "add", ".")
    git(target, "commit", "-q", "-m", "start")
    return target, git(target, "rev-parse", "HEAD").strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def decap_server(repo: Path, log: Path) -> Iterator[str]:
    """decap-server in git mode on repo (editorial workflow: one local branch cms/<collection>/<slug> per entry,
    its status in the branch description, publishing merges it into main); yields its API address."""
    port = free_port()
    env = {
        **os.environ,
        **GIT_IDENTITY,
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(repo),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "LOG_LEVEL": "info",
    }
    # its cwd is the log's folder: decap-server reads a .env from its working directory, and there is none
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen([NODE, str(SERVER)], cwd=log.parent, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("decap-server did not start:\n" + log.read_text(encoding="utf-8")) from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str]) -> int:
    write = "--write" in argv
    folders = tuple(Path(a).resolve() for a in argv if a != "--write")
    found = differing(folders or DATA_FOLDERS, stories=not folders)
    for path, raw in found:
        print(path.relative_to(paths.ROOT) if path.is_relative_to(paths.ROOT) else path)
        if write:
            path.write_bytes(raw.encode("utf-8"))
    print(f"{len(found)} file(s) {'rewritten' if write else 'differ from what Decap writes'}", file=sys.stderr)
    return 1 if found and not write else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
