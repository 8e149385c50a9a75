"""Every kind of bad input gets its own stable code at the right line, all at once, without a traceback."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from plansite.__main__ import main
from plansite.check import check
from plansite.problems import CODES
from plansite.site import check_site

from .conftest import FIXTURES, MINIMAL, expected_problems, overlay

OBSERVATION = "data/observations/example-enterprises-2023.yaml"  # the minimal fixture's one value, in its own file
BAD = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def test_minimal_fixture_is_valid():
    report, plan = check(MINIMAL / "data", MINIMAL)
    assert report.errors == []
    # every file is checked: the single files and each item's own file (sources/, observations/, status/ …)
    assert plan is not None and report.files_checked == sum(1 for _ in (MINIMAL / "data").rglob("*.yaml")) == 14


@pytest.mark.parametrize("case", BAD, ids=[p.name for p in BAD])
def test_broken_fixture_reports_expected_problems(case: Path, tmp_path: Path):
    root = overlay(case, tmp_path)
    report, plan = check_site(root / "data", root)  # a one-plan folder, or a site when the case adds site.yaml
    assert plan is None, "a data set with errors must not produce a Plan"
    found = {(p.file, str(p.line), p.code) for p in report.errors}
    expected = expected_problems(case)
    wildcard = {(f, c) for f, line, c in expected if line == "*"}
    found_cmp = {(f, "*" if (f, c) in wildcard else line, c) for f, line, c in found}
    assert found_cmp == expected


def test_every_error_code_is_demonstrated_by_a_broken_fixture():
    shown = {code for case in BAD for _, _, code in expected_problems(case)}
    # stories have their own broken fixtures, file:line:column:code (tests/test_stories_check.py)
    for story in (FIXTURES / "bad-stories").glob("*/expected.txt"):
        shown |= {
            line.rsplit(":", 1)[1] for line in story.read_text(encoding="utf-8").splitlines() if line[:1] not in "#"
        }
    assert set(CODES) - shown == set()


def test_message_names_file_line_column_code_field_and_hint(tmp_path: Path):
    root = overlay(FIXTURES / "bad" / "number-with-unit", tmp_path)
    report, _ = check(root / "data", root)
    (problem,) = report.errors
    text = problem.format()
    first = text.splitlines()[0]
    assert first.startswith(
        f"data/observations/example-enterprises-2023.yaml:{problem.line}:{problem.column}: number-with-unit: "
    )
    assert "字段：value\n" in text and "'149家'" in text and "怎么改" in text


def test_duplicate_key_message_names_both_lines(tmp_path: Path):
    root = overlay(FIXTURES / "bad" / "yaml-duplicate-key", tmp_path)
    report, _ = check(root / "data", root)
    (problem,) = report.errors
    first_line = next(i for i, l in enumerate((root / OBSERVATION).read_text().splitlines(), 1) if "value: 7" in l)
    assert f"第 {first_line} 行" in problem.detail and f"第 {problem.line} 行" in problem.detail


def test_cli_exits_nonzero_and_prints_summary(tmp_path: Path, capsys):
    root = overlay(FIXTURES / "bad" / "many-at-once", tmp_path)
    assert main(["check", "--data", str(root / "data")]) == 1
    out = capsys.readouterr().out
    assert "4 个错误" in out.splitlines()[-1] and "检查了 14 个文件" in out
    assert main(["check", "--data", str(MINIMAL / "data")]) == 0


def test_checker_never_raises_on_mangled_files(tmp_path: Path):
    """Cut, shuffle and splice the real fixture's files at random: the checker must report, never crash."""
    rng = random.Random(20260927)
    files = sorted((MINIMAL / "data").rglob("*.yaml"))
    for trial in range(120):
        root = tmp_path / f"t{trial}"
        shutil.copytree(MINIMAL, root)
        target = root / "data" / rng.choice(files).relative_to(MINIMAL / "data")
        text = target.read_text()
        cut = rng.randrange(len(text))
        mangled = rng.choice(
            [
                text[:cut],
                text[:cut]
                + rng.choice(["\t", ": ", "- ", "{", "]", '"', "：", "１", "&a", "*a", "!!python/object:os.system"])
                + text[cut:],
                "\n".join(rng.sample(text.splitlines(), len(text.splitlines()))),
            ]
        )
        target.write_text(mangled)
        report, plan = check(root / "data", root)
        assert plan is None or report.errors == []
        for p in report.problems:
            assert p.code in CODES and p.line >= 0


def test_github_format_annotates_the_offending_line(tmp_path: Path, capsys):
    root = overlay(FIXTURES / "bad" / "year-out-of-range", tmp_path)
    assert main(["check", "--data", str(root / "data"), "--format", "github"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    name = "data/observations/example-enterprises-2026.yaml"
    line = next(i for i, l in enumerate((root / name).read_text().splitlines(), 1) if "year:" in l)
    assert first.startswith(f"::error file={name},line={line},col=")
    assert ",title=year-out-of-range::" in first
