"""No input makes reading a YAML file, or checking a data set, raise, hang or eat memory.

Hypothesis feeds random text and bytes, mutations of the synthetic fixture files,
anchor and alias tricks, deep nesting, huge texts and other encodings, first to the
reader alone, then to plansite.check.check on a copy of tests/fixtures/minimal. Each
example runs under tracemalloc and a clock. A short run is in the fast tier; a long
one is marked slow. Both are derandomized and keep no example database, so CI repeats.
"""

from __future__ import annotations

import codecs
import resource
import shutil
import signal
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from plansite.check import check
from plansite.problems import CODES, Problem
from plansite.yamlsource import MAX_DEPTH, MAX_FILE_BYTES, MAX_TEXT_CHARS, load_yaml

from .conftest import FIXTURES, MINIMAL

SECONDS = 4.0  # per example, measured inside the test (the real data takes well under one)
PEAK_BYTES = 150 * 2**20  # traced Python allocations per example; an alias bomb grew past 3 GB
HEADROOM = 2**30  # address space an example may add before it gets a MemoryError instead of the machine

# Seeds: the synthetic fixture files (not the 1 MB one made to be too large).
SEEDS = sorted(
    p.read_text(encoding="utf-8", errors="replace")
    for p in [*MINIMAL.rglob("*.yaml"), *(FIXTURES / "bad").rglob("*.yaml")]
    if p.stat().st_size < 100_000
)
DATA_FILES = sorted(p.relative_to(MINIMAL / "data").as_posix() for p in (MINIMAL / "data").rglob("*.yaml"))

SNIPPETS = [
    "\t", ": ", ":", "- ", "-", "{", "}", "[", "]", ",", '"', "'", "\\", "#", "|", ">", "?", "!", "%", "@", "`",
    "：", "，", "“", "”", "｛", "］", "－", "１", "　", "\ufeff", "\u2028", "\x85", "\x00", "\x07", "\r", "\r\n",
    "&a ", "*a", "&a [*a, *a]", "*undefined", "<<: *a", "!!python/object:os.system ", "!!binary ", "!!set ",
    "? ", "---\n", "...\n", "%YAML 1.1\n", "\n", "  ", "9" * 5000, "2024-13-45", "0x_", ".nan", "~",
]  # fmt: skip


def mutate(text: str, edits: list[tuple[int, float, float, str]]) -> str:
    """Apply insertions, deletions, duplications and line swaps at relative positions in the text."""
    for kind, a, b, snippet in edits:
        i, j = sorted((int(a * len(text)), int(b * len(text))))
        if kind == 0:
            text = text[:i] + snippet + text[i:]
        elif kind == 1:
            text = text[:i] + text[j:]
        elif kind == 2:
            text = text[:j] + text[i:j] + text[j:]
        else:
            lines = text.split("\n")
            if len(lines) > 1:
                x, y = int(a * (len(lines) - 1)), int(b * (len(lines) - 1))
                lines[x], lines[y] = lines[y], lines[x]
                text = "\n".join(lines)
    return text


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode(encoding, errors="replace")


edits = st.lists(
    st.tuples(st.integers(0, 3), st.floats(0, 1), st.floats(0, 1), st.sampled_from(SNIPPETS) | st.text(max_size=8)),
    max_size=6,
)
encodings = st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "latin-1"])
mutated = st.builds(lambda seed, e, enc: encode(mutate(seed, e), enc), st.sampled_from(SEEDS), edits, encodings)


def bomb(depth: int, width: int, as_value: bool) -> str:
    rows = ["a: &a [" + ", ".join(["lol"] * width) + "]"]
    for k in range(1, depth):
        rows.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}" if k > 1 else "*a"] * width) + "]")
    text = "\n".join(rows) + "\n"
    return f"observations:\n- value: *a{depth - 1}\n" + text if as_value else text


alias_tricks = st.one_of(
    st.builds(bomb, st.integers(1, 12), st.integers(1, 10), st.booleans()),
    st.sampled_from(["a: &a [*a]\n", "&a a: *a\n", "? &k x\n: *k\n", "a: !!merge <<\n", "a: {<<: &m {b: 1}}\n"]),
).map(lambda t: t.encode())

deep = st.builds(
    lambda n, style, close: (
        ("a: " + "[" * n + ("]" * n if close else ""))
        if style == 0
        else ("a: " + "{b: " * n + "1" + ("}" * n if close else ""))
        if style == 1
        else "".join("  " * i + f"k{i}:\n" for i in range(min(n, 700)))
        if style == 2
        else "".join("  " * i + "- \n" for i in range(min(n, 700)))
    ).encode(),
    st.integers(1, 3 * MAX_DEPTH) | st.integers(1, 100_000),
    st.integers(0, 3),
    st.booleans(),
)

huge = st.builds(
    lambda n, char, where: (
        f"a:\n  b: {char * n}\n" if where == 0 else f"{char * n}: 1\n" if where == 1 else f'a: "{char * n}"\n'
    ).encode(),
    st.sampled_from([MAX_TEXT_CHARS - 1, MAX_TEXT_CHARS + 1]) | st.integers(0, 3 * MAX_TEXT_CHARS),
    st.sampled_from(["x", "示", "１", " x"]),
    st.integers(0, 2),
) | st.builds(lambda pad: b"a: 1\n" + b"#" * pad, st.sampled_from([MAX_FILE_BYTES - 5, MAX_FILE_BYTES + 1]))

any_file = st.one_of(
    st.text(max_size=400).map(str.encode),
    st.binary(max_size=400),
    mutated,
    mutated,
    alias_tricks,
    deep,
    huge,
)


@contextmanager
def hard_limits(seconds: float, headroom: int) -> Iterator[None]:
    """An alarm after `seconds`, and an address-space limit `headroom` above what the process uses now.

    tracemalloc and the clock measure an example that finishes; these stop one that would not.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    cap = used + headroom if hard == resource.RLIM_INFINITY else min(hard, used + headroom)

    def alarm(*_: object) -> None:
        raise TimeoutError(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def bounded(run: Callable[[], list[Problem]]) -> list[Problem]:
    """Run, and fail unless it returned problems within the time and memory bounds."""
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        with hard_limits(2 * SECONDS, HEADROOM):
            problems = run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - t0
    note(f"{elapsed:.2f} s, peak {peak / 2**20:.1f} MB")
    assert elapsed < SECONDS, f"took {elapsed:.1f} s"
    assert peak < PEAK_BYTES, f"peak {peak / 2**20:.0f} MB"
    for p in problems:
        assert p.code in CODES, p.code
        assert p.line >= 0 and p.column >= 0, p
        p.format()  # every problem can be shown
    return problems


def read_one(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yaml"
        path.write_bytes(raw)
        bounded(lambda: load_yaml(path, "data/x.yaml")[1])


def check_one(raw: bytes, target: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(MINIMAL, root)
        (root / "data" / target).write_bytes(raw)
        result: dict[str, Any] = {}

        def run() -> list[Problem]:
            report, plan = check(root / "data", root)
            result["plan"], result["errors"] = plan, report.errors
            return report.problems

        bounded(run)
        assert result["plan"] is None or result["errors"] == []


def profile(examples: int) -> Callable:
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=timedelta(seconds=3 * SECONDS),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


@profile(25)
@given(any_file)
def test_reading_any_file_is_bounded_and_reports_registered_codes(raw: bytes):
    read_one(raw)


@profile(8)
@given(any_file, st.sampled_from(DATA_FILES))
def test_checking_a_data_set_with_any_file_is_bounded(raw: bytes, target: str):
    check_one(raw, target)


@pytest.mark.slow
@profile(1500)
@given(any_file)
def test_reading_any_file_is_bounded_long_run(raw: bytes):
    read_one(raw)


@pytest.mark.slow
@profile(200)
@given(any_file, st.sampled_from(DATA_FILES))
def test_checking_a_data_set_with_any_file_is_bounded_long_run(raw: bytes, target: str):
    check_one(raw, target)
