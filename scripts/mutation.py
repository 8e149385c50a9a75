"""Mutation testing of the modules that decide what the public sees; the score into benchmarks/.

    .venv/bin/python scripts/mutation.py                       # every area below, one after the other
    .venv/bin/python scripts/mutation.py --area rules          # one area (its modules, tests and sample)
    .venv/bin/python scripts/mutation.py --area rules --retest # again only the mutants it did not kill
    .venv/bin/python scripts/mutation.py plansite/render.py:Lang,page_url --tests tests/test_render.py --area x

An area is a set of modules with the tests that guard them: "public" (status, number formatting, downloads,
rendering helpers) and "rules" (the checker's rules and the rule-running part of check.py). A module is a
path, optionally followed by ":" and the functions or classes to mutate in it (mutmut 3 mutates whole files;
only the named functions' mutants are run and counted). mutmut (pinned in requirements-mutation.txt) copies
the tree into mutants/, which is git-ignored.

mutmut 3.8.1 does not mutate decorated functions, and every rule is a function decorated with
@rule(...). The "rules" area is therefore run in a copy of the project (build/mutation-rules/, git-ignored
with build/) in which each `@rule(...)` decorator is moved to a call `rule(...)(fn)` right after the
function: the same registration in the same order, but mutmut now mutates the rule bodies.

An area with `sample` runs a fixed-seed random sample of its mutants (sorted names, random.Random(seed)),
and its score is reported as a sample. Results are merged: benchmarks/mutation.json keeps every area's
latest run (per module: mutants, killed, survived, timeout, score = killed / mutants), so the file always
shows all areas; benchmarks/mutation.md lists every surviving mutant with its diff and keeps, from the
previous file, the explanation of why it is acceptable; a new survivor is marked "TO EXPLAIN".
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import fnmatch
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Area:
    modules: list[str]
    tests: list[str]
    sample: int | None = None  # run this many mutants, chosen with the seed; None: all of them
    seed: int = 20261201
    undecorate: bool = False  # run in a copy with @rule(...) moved after each function (see above)
    note: str = ""
    deselect: list[str] = field(default_factory=list)


RULE_MODULES = [
    "plansite/rules/base.py",
    "plansite/rules/dates.py",
    "plansite/rules/files.py",
    "plansite/rules/indicators.py",
    "plansite/rules/notes.py",
    "plansite/rules/numbering.py",
    "plansite/rules/observations.py",
    "plansite/rules/progress.py",
    "plansite/rules/refs.py",
    "plansite/rules/shape.py",
    "plansite/rules/sources.py",
    "plansite/rules/uikeys.py",
    "plansite/rules/units.py",
    "plansite/rules/vocab.py",
    "plansite/check.py:check",
]
AREAS = {
    "public": Area(
        modules=[
            "plansite/status.py",
            "plansite/textformat.py",
            "plansite/downloads.py",
            "plansite/render.py:Lang,annotate,relative_url,page_url",
        ],
        tests=["tests/test_textformat.py", "tests/test_status.py", "tests/test_downloads.py"],
        note="the tests that load the real data/ are deselected in `[tool.mutmut]` of pyproject.toml: every"
        " mutant would pay seconds for them; render.py is mutated whole but only the named functions' mutants"
        " are run and counted",
    ),
    "rules": Area(
        modules=RULE_MODULES,
        tests=[
            "tests/test_checker_rules.py",
            "tests/test_checker_rules_mutation.py",
            "tests/test_checker_bad_input.py",
        ],
        sample=200,
        undecorate=True,
        note="Run in a copy where each @rule decorator is a call after its function (mutmut skips decorated"
        " functions); the random mangling test (no crash on cut files, 6 s) is deselected in `[tool.mutmut]`."
        " History: a first sample of 200 (seed 20261201) was used to write tests/test_checker_rules_mutation.py;"
        " its last 50, chosen independently of those tests, were 76 % killed (38 of 50). A fresh holdout of 100"
        " (seed 20261202, drawn from outside the first 200, `--holdout-from 20261201:200`) was then run before any"
        " test was written against it: 88 of 100 killed (88 %), the unbiased estimate for the area. Tests were"
        " then added for 9 of its 12 survivors (3 explained below), so the figure shown here after `--retest` is"
        " biased upward; a further fresh seed gives a new estimate.",
    ),
}
MODULES = AREAS["public"].modules  # kept for callers of the old names
TESTS = AREAS["public"].tests
OUT_JSON = ROOT / "benchmarks" / "mutation.json"
OUT_MD = ROOT / "benchmarks" / "mutation.md"
GOAL = 0.85
TO_EXPLAIN = "TO EXPLAIN"
COPY = ROOT / "build" / "mutation-rules"


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


def undecorate(source: str) -> str:
    """Each top-level function decorated only with @rule(...) becomes the plain function followed by
    `rule(...)(name)`: registered the same way and in the same order, but visible to mutmut."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    edits = []  # (first decorator line, def line, function's last line, call to append), 1-based
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or len(node.decorator_list) != 1:
            continue
        deco = node.decorator_list[0]
        if not (isinstance(deco, ast.Call) and isinstance(deco.func, ast.Name) and deco.func.id == "rule"):
            continue
        text = ast.get_source_segment(source, deco)
        assert text is not None and node.end_lineno is not None
        edits.append((deco.lineno, node.lineno, node.end_lineno, f"{text}({node.name})\n"))
    for first, def_line, last, call in reversed(edits):
        lines[last:last] = [call]
        del lines[first - 1 : def_line - 1]
    return "".join(lines)


def make_copy() -> Path:
    """A copy of the project for the rules area, with the rule decorators moved (see the docstring)."""
    skip = {".git", ".venv", "mutants", "build", "node_modules", ".cache", ".mypy_cache", ".ruff_cache", "site"}
    if COPY.exists():  # keep mutants/ (earlier results), refresh everything else
        for child in COPY.iterdir():
            if child.name != "mutants":
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    COPY.mkdir(parents=True, exist_ok=True)
    for child in ROOT.iterdir():
        if child.name in skip:
            continue
        if child.is_dir():
            shutil.copytree(child, COPY / child.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(child, COPY / child.name)
    for path in sorted((COPY / "plansite" / "rules").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        new = undecorate(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
    return COPY


def generate(paths: list[str]) -> None:
    """mutmut's first step alone: write the mutants and their meta files, run nothing."""
    from mutmut import __main__ as mm
    from mutmut.configuration import config
    from mutmut.mutation.trampoline import set_mutant_under_test
    from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir, setup_source_paths

    config().only_mutate = paths
    set_mutant_under_test("mutant_generation")
    os.makedirs("mutants", exist_ok=True)
    copy_src_dir()
    copy_also_copy_files()
    setup_source_paths()
    mm.create_mutants(2)


def all_names(base: Path, specs: list[tuple[str, list[str]]]) -> list[str]:
    names = []
    for path, pats in specs:
        meta = json.loads((base / "mutants" / (path + ".meta")).read_text(encoding="utf-8"))
        names += [k for k in meta["exit_code_by_key"] if any(fnmatch.fnmatchcase(k, n) for n in pats)]
    return sorted(names)


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


def collect(base: Path, specs: list[tuple[str, list[str]]], only: set[str] | None = None) -> dict:
    """Counts per module from mutmut's meta files, only for the mutants the patterns (and the sample) select."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    modules: dict[str, dict[str, Any]] = {}
    survivors = []
    cwd = Path.cwd()
    os.chdir(base)  # get_diff_for_mutant reads mutants/ relative to the working directory
    try:
        for path, names in specs:
            meta = json.loads((base / "mutants" / (path + ".meta")).read_text(encoding="utf-8"))
            codes = {
                k: v
                for k, v in meta["exit_code_by_key"].items()
                if any(fnmatch.fnmatchcase(k, n) for n in names) and (only is None or k in only)
            }
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
                    {
                        "mutant": key,
                        "status": status_by_exit_code[codes[key]],
                        "diff": get_diff_for_mutant(key, path=path),
                    }
                )
    finally:
        os.chdir(cwd)
    return {"modules": modules, "total": totals(modules.values()), "not_killed": survivors}


def totals(modules: Any) -> dict[str, Any]:
    modules = list(modules)
    mutants = sum(m["mutants"] for m in modules)
    killed = sum(m["killed"] for m in modules)
    return {
        "mutants": mutants,
        "killed": killed,
        "survived": sum(m["survived"] for m in modules),
        "timeout": sum(m["timeout"] for m in modules),
        "score": round(killed / mutants, 4) if mutants else None,
    }


def merge(previous: dict, area: str, result: dict) -> dict:
    """This area's new figures beside every other area's latest ones; the totals over all of them."""
    areas = dict(previous.get("areas", {}))
    if not areas and previous.get("modules"):  # the file from before areas: it was the public area
        areas["public"] = {
            "tests": TESTS,
            "note": AREAS["public"].note,
            "modules": previous["modules"],
            "total": previous["total"],
            "not_killed": previous["not_killed"],
        }
    areas[area] = result
    modules = {f"{a}: {k}": v for a, r in areas.items() for k, v in r["modules"].items()}
    return {
        "tool": "mutmut 3.8.1",
        "goal": GOAL,
        "areas": areas,
        "total": totals(modules.values()),
        "not_killed": [s for r in areas.values() for s in r["not_killed"]],
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


def _row(name: str, m: dict) -> str:
    score = f"{m['score']:.1%}" if m["score"] is not None else "—"
    other = m["mutants"] - m["killed"] - m["survived"] - m["timeout"]
    return f"| {name} | {m['mutants']} | {m['killed']} | {m['survived']} | {m['timeout']} | {other} | {score} |"


def write_md(result: dict, reasons: dict[str, str]) -> str:
    lines = [
        "# Mutation testing",
        "",
        "Written by `make mutation` (`scripts/mutation.py`, mutmut 3.8.1), one run per area; each area keeps its"
        " latest figures until it is run again. Score = killed / mutants; the goal is "
        + f"{GOAL:.0%} in every area and over all of them. Each mutant that was not killed is listed with why it is"
        " acceptable (the explanation is kept from run to run; a new survivor reads " + TO_EXPLAIN + ").",
        "",
        "| area | mutants | killed | survived | timeout | other | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in result["areas"].items():
        lines.append(_row(f"`{name}`" + (" (sample)" if r.get("sample") else ""), r["total"]))
    sampled = any(r.get("sample") for r in result["areas"].values())
    lines.append(_row("**all**" + (" (sampled areas count their sample)" if sampled else ""), result["total"]))
    for name, r in result["areas"].items():
        lines += ["", f"## Area `{name}`", ""]
        lines.append("Tests: " + ", ".join(f"`{t}`" for t in r["tests"]) + ". " + (r.get("note") or "").strip())
        if r.get("run"):
            lines[-1] += f" Run {r['run']}."
        if s := r.get("sample"):
            lines += [
                "",
                f"**A sample, not the full score:** {s['size']} of the area's {s['of']} mutants, chosen by"
                f" `random.Random({s['seed']}).sample(sorted(names), {s['size']})`; the figures below count only"
                " the sample (at the measured 0.15 mutants/s on two shared cores the full run would take about"
                f" {s['of'] / 0.15 / 3600:.1f} h).",
            ]
            if s.get("holdout_from"):
                seed, _, n = s["holdout_from"].partition(":")
                lines[-1] += (
                    f" The names were drawn only from mutants outside the earlier sample"
                    f" `random.Random({seed}).sample(sorted(names), {n})`, whose survivors tests had been written"
                    " against: when these mutants were first run, no test had been written with them in view, so that first figure is an unbiased estimate (a later --retest after new tests is not)."
                )
        lines += ["", "| module | mutants | killed | survived | timeout | other | score |"]
        lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for mod, m in r["modules"].items():
            lines.append(_row(f"`{mod}`", m))
        lines.append(_row("**area**", r["total"]))
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


def run_area(name: str, area: Area, args: argparse.Namespace) -> dict:
    base = make_copy() if area.undecorate and not args.report_only else (COPY if area.undecorate else ROOT)
    os.chdir(base)  # mutmut works relative to the project root
    sys.path.insert(0, str(base))
    specs = [patterns(spec) for spec in area.modules]
    previous = json.loads(OUT_JSON.read_text(encoding="utf-8")) if OUT_JSON.exists() else {}
    old = previous.get("areas", {}).get(name, {})
    if args.fresh and (base / "mutants").exists():
        shutil.rmtree(base / "mutants")
    sample_info = None
    only: set[str] | None = None
    if not args.report_only:
        generate([p for p, _ in specs])
    if area.sample:
        names = all_names(base, specs)
        size = min(area.sample, len(names))
        pool = names
        if args.holdout_from:  # leave out an earlier sample whose survivors tests were written against
            seed, _, n = args.holdout_from.partition(":")
            seen = set(random.Random(int(seed)).sample(names, min(int(n), len(names))))
            pool = [x for x in names if x not in seen]
        size = min(area.sample, len(pool))
        only = set(random.Random(area.seed).sample(pool, size))
        sample_info = {"size": size, "of": len(names), "seed": area.seed, "holdout_from": args.holdout_from or None}
    if not args.report_only:
        if args.retest:
            # a timeout is an endless loop: it would only run into its time limit again
            run_names = [s["mutant"] for s in collect(base, specs, only)["not_killed"] if s["status"] != "timeout"]
        elif only is not None:
            run_names = sorted(only)
        else:
            run_names = [n for _, ns in specs for n in ns]
        if run_names:
            run_mutmut([p for p, _ in specs], run_names, area.tests, args.max_children)
    result = collect(base, specs, only)
    result.update(
        tests=area.tests,
        note=area.note,
        sample=sample_info,
        run=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if not args.report_only else old.get("run"),
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help="path[:function,Class,…] (default: the modules of the area)")
    parser.add_argument("--area", help=f"one area: {', '.join(AREAS)} (or a name for the modules given; default all)")
    parser.add_argument("--tests", nargs="+", help="test files to run (default: the area's)")
    parser.add_argument("--sample", type=int, help="run a fixed-seed random sample of this many mutants")
    parser.add_argument("--seed", type=int, help="the sample's seed (default: the area's)")
    parser.add_argument(
        "--holdout-from",
        metavar="SEED:N",
        help="sample only mutants outside the earlier sample random.Random(SEED).sample(names, N): an unbiased estimate",
    )
    parser.add_argument("--max-children", type=int, default=2, help="parallel workers (default 2: shared cores)")
    parser.add_argument("--fresh", action="store_true", help="delete mutants/ first (no results kept from before)")
    parser.add_argument("--report-only", action="store_true", help="only rewrite benchmarks/ from mutants/")
    parser.add_argument(
        "--retest", action="store_true", help="run again only the mutants the last run did not kill (after new tests)"
    )
    args = parser.parse_args(argv)
    if args.modules:
        name = args.area or "custom"
        base_area = AREAS.get(name, Area(modules=[], tests=TESTS))
        area = Area(args.modules, args.tests or base_area.tests, args.sample, undecorate=base_area.undecorate)
    elif args.area is None:  # every area, each in its own process (mutmut keeps its config per process)
        code = 0
        for name in AREAS:
            rest = [a for a in (argv if argv is not None else sys.argv[1:])]
            code |= subprocess.call([sys.executable, __file__, "--area", name, *rest])
        return code
    else:
        name = args.area
        area = AREAS[name]
        if args.tests:
            area.tests = args.tests
        if args.sample is not None:
            area.sample = args.sample or None
        if args.seed is not None:
            area.seed = args.seed
    result = run_area(name, area, args)
    previous = json.loads(OUT_JSON.read_text(encoding="utf-8")) if OUT_JSON.exists() else {}
    merged = merge(previous, name, result)
    OUT_JSON.write_text(json.dumps(merged, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    OUT_MD.write_text(write_md(merged, previous_reasons(OUT_MD)) + "\n", encoding="utf-8")
    for label, r in [(name, result), ("all areas", merged)]:
        t = r["total"]
        kind = " (sample)" if label == name and result.get("sample") else ""
        print(f"mutation score {label}{kind} {t['score']:.1%}: {t['killed']} of {t['mutants']} killed -> {OUT_JSON}")
    ok = all(r["total"]["score"] is not None and r["total"]["score"] >= GOAL for r in merged["areas"].values())
    return 0 if ok and merged["total"]["score"] >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
