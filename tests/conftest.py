"""Shared fixtures: the real data loaded once, and a way to build broken copies of the synthetic fixture."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plansite import paths
from plansite.redirects import new_place
from plansite.site import load_site

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"


@pytest.fixture(scope="session")
def site():
    """The site's real data (every plan folder and the site's files), checked."""
    return load_site(paths.DATA, paths.ROOT)


@pytest.fixture(scope="session")
def plan(site):
    """The site's current plan (data/site.yaml), checked."""
    return site.current


def current_folder() -> str:
    """The folder (and address prefix) of the site's current plan, read from data/site.yaml."""
    import yaml

    return str(yaml.safe_load((paths.DATA / "site.yaml").read_text(encoding="utf-8"))["current"])


def address(path: str, lang: str = "zh", plan: str | None = None) -> str:
    """Where a plan-relative address is on the built site, relative to its root: indicators/x/ ->
    2021-2025/indicators/x/, ("plan/1-1/", "en") -> en/2021-2025/plan/1-1/, "" -> the plan's home. The site's own
    addresses (about/, contribute/, assets/, data/datapackage.json, index.html: the landing page) stay.
    plan: a plan folder; the site's current plan by default."""
    folder = (plan or current_folder()) + "/"
    moved = folder if path == "" else (new_place(path, folder) or path)
    return ("en/" if lang == "en" else "") + moved


def at(path: str) -> str:
    """address() for a path that names its language: "en/plan/1-1/" -> "en/2021-2025/plan/1-1/"."""
    return address(path[3:], "en") if path.startswith("en/") else address(path)


PLAN_DATA = paths.DATA / current_folder()  # the current plan's folder, for tests of its files


def stories(lang: str = "zh", folder: str | None = None) -> list[str]:
    """The names (file stems) of a plan's stories in one language; the current plan's by default."""
    return sorted(p.stem for p in (paths.ROOT / "docs" / lang / (folder or current_folder()) / "updates").glob("*.md"))


def page_types(plan, story_names: list[str] | None = None) -> list[str]:
    """One plan-relative address of every page type, derived from the plan and its stories (never a list of one
    plan's ids): its first and last plan page, the page holding its indicator table, its first indicator, its
    chains (if it has any), its first story (if any; the current plan's stories unless story_names are given), the
    site's own pages, and a missing page (the 404 page)."""
    units = [unit.id for _ch, unit in plan.page_units()]
    table = [plan.section_of(plan.table.division).id] if plan.table else []
    chains = ["industries/", f"industries/{plan.chains[0].id}/"] if plan.chains else []
    story = [f"updates/{name}/" for name in (stories() if story_names is None else story_names)[:1]]
    return list(
        dict.fromkeys(
            ["", "plan/", *(f"plan/{u}/" for u in [units[0], *table, units[-1]])]
            + ["indicators/", f"indicators/{plan.indicators[0].id}/", *chains]
            + ["commitments/", "progress/", "data-gaps/", "glossary/", "sources/", "notes/", "open-data/"]
            + ["updates/", *story, "about/", "contribute/", "contribute/checker-messages/", MISSING]
        )
    )


MISSING = "no-such-page/"  # an address no plan has: the local server answers with the 404 page and status 404


def visit(pg, url: str, **goto):
    """pg.goto(url), failing unless the page itself was served: a page that is missing gets the site's 404 page
    with status 404 from the local server, which must not pass as the page asked for. An address ending in
    MISSING must get that 404."""
    response = pg.goto(url, **goto)
    expected = 404 if url.endswith(MISSING) else 200
    assert response is not None and response.status == expected, (url, response and response.status)
    return response


@pytest.fixture(scope="session")
def seed_body() -> list[str]:
    """The plan body of the reference copy: from the first chapter heading after the contents to the last paragraph."""
    lines = [line.strip() for line in paths.SEED.read_text(encoding="utf-8").splitlines()]
    start = next(i for i, line in enumerate(lines) if line == "一、发展基础与形势")
    end = next(i for i, line in enumerate(lines) if line.startswith("扫一扫在手机上查看"))
    return [line for line in lines[start:end] if line]


def overlay(case_dir: Path, tmp: Path) -> Path:
    """Copy the minimal fixture to tmp, apply a broken case's files and deletions; return the project root."""
    root = tmp / "project"
    shutil.copytree(MINIMAL, root)
    if (case_dir / "data").exists():
        shutil.copytree(case_dir / "data", root / "data", dirs_exist_ok=True)
    deleted = case_dir / "deleted.txt"
    if deleted.exists():
        for name in deleted.read_text().split():
            (root / "data" / name).unlink()
    return root


# The minimal fixture's items, each in its own file (data/<kind folder>/<key>.yaml), as edit_data names them.
OBSERVATION = "observations/example-enterprises-2023.yaml"
REPORT_SOURCE = "sources/example-report.yaml"
PLAN_SOURCE = "sources/example-plan.yaml"
PROJECT_ENTRY = "status/projects/example-chain-01-2024-05-01.yaml"
MILESTONE_ENTRY = "status/milestones/example-milestone-2023-02-09.yaml"


def rename_item(root: Path, name: str, new: str) -> str:
    """Rename root/data/name to root/data/new (an item whose key changed, as an editor renames it); returns new."""
    (root / "data" / new).parent.mkdir(parents=True, exist_ok=True)
    (root / "data" / name).rename(root / "data" / new)
    return new


def edit_data(root: Path, name: str, old: str, new: str, *, once: bool = True) -> None:
    """Replace old by new in root/data/name; old must stand there exactly once (or at least once, once=False)."""
    path = root / "data" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1 if once else text.count(old) >= 1, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def data_line(root: Path, name: str, needle: str) -> int:
    """The first line of root/data/name that contains needle."""
    lines = (root / "data" / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def error_places(report) -> set[tuple[str, int, str]]:
    """(file, line, code) of each error in a checker report."""
    return {(p.file, p.line, p.code) for p in report.errors}


@pytest.fixture
def minimal_root(tmp_path: Path) -> Path:
    """A fresh copy of the synthetic minimal fixture (a project root with data/)."""
    shutil.copytree(MINIMAL, tmp_path / "project")
    return tmp_path / "project"


def expected_problems(case_dir: Path) -> set[tuple[str, str, str]]:
    out = set()
    for line in (case_dir / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            file, lineno, code = line.rsplit(":", 2)
            out.add((file, lineno, code))
    return out


def mkdocs_build(
    site: Path, config: str = "mkdocs.yml", *, quiet: bool = True, env: dict[str, str] | None = None, **more: str
) -> subprocess.CompletedProcess[str]:
    """One `mkdocs build --strict` of the project into site, with env added (PLANSITE_DATA, PLANSITE_DOCS …)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", *(["-q"] if quiet else []), "-f", config]
    return subprocess.run(
        [*cmd, "-d", str(site)],
        cwd=paths.ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {}), **more},
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def base_url(built_site):
    """The real built site served on loopback, as a static host serves it."""
    from plansite.localserver import serve

    server = serve(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, kept off the network."""
    from playwright import sync_api as playwright

    from plansite.localserver import CHROMIUM, CHROMIUM_ARGS

    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """Both languages built from the real data with --strict, the way CI publishes them."""
    import subprocess
    import sys

    site = tmp_path_factory.mktemp("build") / "site"
    script = paths.ROOT / "scripts" / "build_site.py"
    result = subprocess.run([sys.executable, str(script), str(site)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
