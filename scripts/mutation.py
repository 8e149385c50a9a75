"""Mutation testing of the modules that decide what the public sees; the score into benchmarks/.

    .venv/bin/python scripts/mutation.py                       # the default modules and tests below
    .venv/bin/python scripts/mutation.py plansite/check.py --tests tests/test_checker_bad_input.py
    .venv/bin/python scripts/mutation.py plansite/render.py:Lang,page_url

A module is a path, optionally followed by ":" and the functions or classes to mutate in it (mutmut 3
mutates whole files; only the named functions' mutants are run and counted). mutmut (pinned in
requirements-mutation.txt) copies the tree into mutants/, which is git-ignored. The run writes
benchmarks/mutation.json (per module: mutants, killed, survived, timeout, score = killed / mutants) and
benchmarks/mutation.md, which lists every surviving mutant with its diff and keeps, from the previous
file, the explanation of why it is acceptable; a new survivor is marked "TO EXPLAIN".
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODULES = [
    "plansite/status.py",
    "plansite/textformat.py",
    "plansite/downloads.py",
    "plansite/render.py:Lang,annotate,relative_url,page_url",
]
TESTS = ["tests/test_textformat.py", "tests/test_status.py", "tests/test_downloads.py"]
OUT_JSON = ROOT / "benchmarks" / "mutation.json"
OUT_MD = ROOT / "benchmarks" / "mutation.md"
GOAL = 0.85
TO_EXPLAIN = "TO EXPLAIN"


def dotted(path: str) -> str:
    """plansite/render.py -> plansite.render (mutmut's module names)."""
    return path[: -len(".py")].replace("/", ".")


def patterns(spec: str) -> tuple[str, list[str]]:
    """A module argument as (path, mutmut name patterns): a function f is x_f, a method of class C is xǁCǁ…."""
    path, _, names = spec.partition(":")
    module = dotted(path)
    if not names:
        return path, [f"{module}.*"]
    out = []
    for name in names.split(","):
        if name[:1].isupper():  # a class: all its methods
            out.append(f"{module}.xǁ{name}ǁ*")
        else:
            out.append(f"{module}.x_{name}__mutmut_*")
    return path, out


def run_mutmut(paths: list[str], names: list[str], tests: list[str], max_children: int) -> None:
    """mutmut run, in this process, with the modules and tests of the command line instead of pyproject's."""
    from mutmut import __main__ as mutmut_main
    from mutmut.configuration import config

    cfg = config()  # reads [tool.mutmut] from pyproject.toml in the working directory
    cfg.only_mutate = paths
    cfg.pytest_add_cli_args_test_selection = tests
    try:
        mutmut_main.cli.main(
            ["run", "--max-children", str(max_children), *names], prog_name="mutmut", standalone_mode=False
        )
    except SystemExit as stop:  # mutmut exits on a failing clean run; say so and stop
        if stop.code:
            raise


def collect(specs: list[tuple[str, list[str]]]) -> dict:
    """Counts per module from mutmut's meta files, only for the mutants the patterns select."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    modules: dict[str, dict[str, Any]] = {}
    survivors = []
    for path, names in specs:
        meta = json.loads((ROOT / "mutants" / (path + ".meta")).read_text(encoding="utf-8"))
        codes = {k: v for k, v in meta["exit_code_by_key"].items() if any(fnmatch.fnmatchcase(k, n) for n in names)}
        counts = Counter(status_by_exit_code[v] for v in codes.values())
        total = len(codes)
        modules[path + ("" if names == [f"{dotted(path)}.*"] else " (" + ", ".join(names) + ")")] = {
            "mutants": total,
            "killed": counts["killed"],
            "survived": counts["survived"],
            "timeout": counts["timeout"],
            "other": total - counts["killed"] - counts["survived"] - counts["timeout"],
            "score": round(counts["killed"] / total, 4) if total else None,
        }
        for key in sorted(k for k, v in codes.items() if status_by_exit_code[v] != "killed"):
            survivors.append(
                {"mutant": key, "status": status_by_exit_code[codes[key]], "diff": get_diff_for_mutant(key, path=path)}
            )
    mutants = sum(m["mutants"] for m in modules.values())
    killed = sum(m["killed"] for m in modules.values())
    return {
        "tool": "mutmut 3.8.1",
        "goal": GOAL,
        "modules": modules,
        "total": {
            "mutants": mutants,
            "killed": killed,
            "survived": sum(m["survived"] for m in modules.values()),
            "timeout": sum(m["timeout"] for m in modules.values()),
            "score": round(killed / mutants, 4) if mutants else None,
        },
        "not_killed": survivors,
    }


def previous_reasons(md: Path) -> dict[str, str]:
    """The explanations already written in mutation.md, by mutant name."""
    if not md.exists():
        return {}
    reasons, current = {}, None
    for line in md.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^### `(.+)`", line):
            current = m.group(1)
        elif current and line.startswith("Why acceptable: "):
            reasons[current] = line[len("Why acceptable: ") :]
            current = None
    return reasons


def write_md(result: dict, reasons: dict[str, str], tests: list[str]) -> str:
    total = result["total"]
    lines = [
        "# Mutation testing",
        "",
        "Written by `make mutation` (`scripts/mutation.py`, mutmut 3.8.1) with the fast tests "
        + ", ".join(f"`{t}`" for t in tests)
        + " (those that load the real data/ are deselected in `[tool.mutmut]` of pyproject.toml: every mutant would"
        " pay seconds for them). render.py is mutated whole but only the mutants of the named functions are run and"
        " counted. Score = killed / mutants; the goal is "
        + f"{GOAL:.0%} over these modules. Each mutant that was not killed is listed with why it is acceptable "
        "(the explanation is kept from run to run; a new survivor reads " + TO_EXPLAIN + ").",
        "",
        "| module | mutants | killed | survived | timeout | other | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, m in result["modules"].items():
        score = f"{m['score']:.1%}" if m["score"] is not None else "—"
        lines.append(
            f"| `{name}` | {m['mutants']} | {m['killed']} | {m['survived']} | {m['timeout']} | {m['other']} | {score} |"
        )
    score = f"{total['score']:.1%}" if total["score"] is not None else "—"
    lines.append(
        f"| **all** | {total['mutants']} | {total['killed']} | {total['survived']} | {total['timeout']} | "
        f"{total['mutants'] - total['killed'] - total['survived'] - total['timeout']} | **{score}** |"
    )
    lines += ["", "## Mutants not killed", ""]
    for s in result["not_killed"]:
        lines += [
            f"### `{s['mutant']}`",
            "",
            f"Status: {s['status']}.",
            "",
            "```diff",
            s["diff"].strip(),
            "```",
            "",
            f"Why acceptable: {reasons.get(s['mutant'], TO_EXPLAIN)}",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", default=MODULES, help="path[:function,Class,…] (default: %(default)s)")
    parser.add_argument("--tests", nargs="+", default=TESTS, help="test files to run (default: %(default)s)")
    parser.add_argument("--max-children", type=int, default=2, help="parallel workers (default 2: shared cores)")
    parser.add_argument("--fresh", action="store_true", help="delete mutants/ first (no results kept from before)")
    parser.add_argument("--report-only", action="store_true", help="only rewrite benchmarks/ from mutants/")
    parser.add_argument(
        "--retest", action="store_true", help="run again only the mutants the last run did not kill (after new tests)"
    )
    args = parser.parse_args(argv)

    os.chdir(ROOT)  # mutmut works relative to the project root
    sys.path.insert(0, str(ROOT))
    specs = [patterns(spec) for spec in args.modules]
    if args.fresh and (ROOT / "mutants").exists():
        shutil.rmtree(ROOT / "mutants")
    if not args.report_only:
        names = [n for _, ns in specs for n in ns]
        if args.retest:
            names = [s["mutant"] for s in collect(specs)["not_killed"]]
        if names:
            run_mutmut([p for p, _ in specs], names, args.tests, args.max_children)
    result = collect(specs)
    OUT_JSON.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    OUT_MD.write_text(write_md(result, previous_reasons(OUT_MD), args.tests) + "\n", encoding="utf-8")
    total = result["total"]
    print(f"mutation score {total['score']:.1%}: {total['killed']} of {total['mutants']} killed -> {OUT_JSON}")
    return 0 if total["score"] is not None and total["score"] >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
