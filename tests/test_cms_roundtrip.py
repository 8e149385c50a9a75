"""Clean writes (issue 12 point 3): a file the form editor opens and saves again must come back byte for byte, so a
pull request shows only what the form changed; and what Decap writes must read, for the checker, as it was typed.

Decap's own writer is run in node (tests/tools/decap_format.mjs: the `yaml` 1.10 package Decap bundles, its
options and its key order), on every per-item file at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from plansite import models, paths
from plansite.site import check_site
from plansite.stories import check_stories, split_story
from plansite.yamlsource import parse_yaml_text

from . import decap
from .conftest import MINIMAL

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs node (make test-deps)")

REWRITE = ".venv/bin/python -m tests.decap --write"


def _plain(value: Any) -> Any:
    """Data as JSON has it: dates as YYYY-MM-DD, as Decap holds them."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=lambda v: v.isoformat()))


def test_every_item_file_is_what_decap_writes():
    requests = decap.rewrite_requests()
    site_files = [Path(r["path"]) for r in requests if Path(r["path"]).is_relative_to(paths.DATA)]
    kinds = {model for path, model in decap.item_files(paths.DATA)}
    assert kinds == set(decap.ITEM_MODELS), "the site's data should have sources, observations and status entries"
    assert len(site_files) >= 10
    wrong = []
    for answer in decap.decap_format(requests):
        path = Path(answer["path"])
        assert "error" not in answer, (path, answer.get("error"))
        expected = decap.expected_text(path, answer["raw"])
        text = path.read_text(encoding="utf-8")
        if expected != text:
            diff = difflib.unified_diff(text.splitlines(True), expected.splitlines(True), "stored", "Decap", n=0)
            wrong.append(f"{path.relative_to(paths.ROOT)}:\n{''.join(diff)}")
    assert not wrong, f"Decap would rewrite {len(wrong)} file(s) (run `{REWRITE}`):\n" + "\n".join(wrong[:5])


def test_stories_keep_their_bytes_when_decap_saves_their_front_matter():
    requests = decap.story_requests()
    assert requests, "the site should have stories"
    for answer in decap.decap_format(requests):
        text = Path(answer["path"]).read_text(encoding="utf-8")
        assert answer["raw"] == text, f"{answer['path']}: Decap writes the front matter differently (run `{REWRITE}`)"


def test_decap_reads_every_file_as_the_checker_does():
    """Decap (YAML 1.2) and the checker (PyYAML, YAML 1.1) see the same values in every stored file."""
    requests = decap.rewrite_requests() + decap.story_requests()
    for answer in decap.decap_format(requests):
        path = Path(answer["path"])
        text = path.read_text(encoding="utf-8")
        if answer["path"].endswith(".md"):
            story = split_story(text)
            ours = parse_yaml_text(story.front or "", str(path))[0].data
            theirs = {k: v for k, v in answer["data"].items() if k != "body"}
        else:
            ours, theirs = parse_yaml_text(text, str(path))[0].data, answer["data"]
        assert _plain(ours) == theirs, path


# --- what Decap writes from typed values passes the checker and reads back as typed ------------------------------

# Texts staff may type that need quoting or folding in YAML: a colon and a hash, both quotes, a leading dash or
# bracket, full-width punctuation, a number alone, and a long English sentence that Decap folds at 80 columns.
AWKWARD = [
    "Colon: inside, and a # hash too",
    "'single' and \"double\" quotes",
    "- a leading dash",
    "[not a list] {not a map}",
    "全角：冒号，逗号；“引号”",
    "2025",
    "An English sentence long enough to be folded by Decap's writer at eighty columns, with commas, "
    "parentheses (like these) and a final full stop.",
]
# Texts Decap writes plain (YAML 1.2 reads them as text) that YAML 1.1 would take for something else: yes/no/on/off
# as booleans, 12:30 as the number 750 (sexagesimal), 1_000 as 1000, a date as a date.
YAML11 = ["yes", "No", "on", "12:30", "1_000", "2024-03-21"]


def _first_item(root: Path, model: type[models.Model]) -> Path:
    return next(p for p, m in decap.item_files(root / "data") if m is model)


def _write_through_decap(path: Path, data: dict[str, Any], model: type[models.Model]) -> None:
    [answer] = decap.decap_format(
        [{"path": str(path), "format": "yml", "fields": decap.field_order(model), "data": data, "clean": True}]
    )
    path.write_text(answer["raw"], encoding="utf-8")


# Where typed text goes: the free-text fields of each kind (a source's title and publisher, a status entry's note,
# an observation's as_of), one text each.
SLOTS: list[tuple[type[models.Model], tuple[str, ...]]] = [
    (models.Source, ("title",)),
    (models.Source, ("publisher",)),
    (models.StatusEntry, ("note", "zh")),
    (models.StatusEntry, ("note", "en")),
    (models.Observation, ("as_of", "zh")),
    (models.Observation, ("as_of", "en")),
]


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in data.items():
        v = _without_empty(v) if isinstance(v, dict) else v
        if v not in ("", None, {}):
            out[k] = v
    return out


def _round_trip(root: Path, texts: list[str]) -> list[str]:
    """Type the texts into the slots of a copy of the minimal fixture (as many rounds as needed), write each item
    through Decap; the checker's errors and every value that does not read back as typed."""
    problems = []
    for start in range(0, len(texts), len(SLOTS)):
        here = root / f"round-{start}"
        shutil.copytree(MINIMAL, here)
        typed: dict[Path, tuple[type[models.Model], dict[str, Any]]] = {}
        for (model, where), text in zip(SLOTS, texts[start : start + len(SLOTS)], strict=False):
            path = _first_item(here, model)
            if path not in typed:  # the stored item, without the fixture's empty texts (the editor drops them)
                stored = parse_yaml_text(path.read_text(encoding="utf-8"), path.name)[0].data
                typed[path] = (model, _without_empty(_plain(stored)))
            data = typed[path][1]
            if len(where) == 2:
                data[where[0]] = data.get(where[0]) or {"zh": "中文", "en": "English"}
            (data[where[0]] if len(where) == 2 else data)[where[-1]] = text
        for path, (model, data) in typed.items():
            _write_through_decap(path, data, model)
        report, _site = check_site(here / "data", here)
        problems += [f"{p.file}:{p.line}: {p.code} {p.field} {p.detail}" for p in report.errors]
        for path, (_model, data) in typed.items():
            read = _plain(parse_yaml_text(path.read_text(encoding="utf-8"), path.name)[0].data)
            if read != data:
                problems.append(f"{path.name} reads back as {read}, typed {data}")
    return problems


def test_what_decap_writes_is_what_was_typed(tmp_path):
    assert _round_trip(tmp_path, AWKWARD) == []


def test_texts_that_yaml_11_would_read_as_something_else_read_as_typed(tmp_path):
    """Data files are read as YAML 1.2, the schema Decap writes in (plansite.yamlsource)."""
    assert _round_trip(tmp_path, YAML11) == []


def test_a_story_written_by_decap_passes_the_story_checker(tmp_path, site):
    """A new story as the form writes it (front matter in the form's field order, no blank line before the body,
    an inline and a block shortcode, awkward punctuation) passes the story checker."""
    plan = site.current
    ind = plan.indicators[0]
    date = dt.date(plan.meta.period.start, 1, 1).isoformat()
    data = {
        "title": "测试：标题里有冒号、#号和“引号”",
        "date": date,
        "description": "Colon: and 'quotes' — 一句话摘要。",
        "body": f"最新数值是[[value:{ind.id}]]，目标是[[target:{ind.id}]]。\n\n[[chart:{ind.id}]]",
    }
    fields = decap.story_fields()
    if "slug" in fields:
        data["slug"] = "decap-story"
    updates = tmp_path / "zh" / "updates"
    updates.mkdir(parents=True)
    path = updates / f"{date}-{data.get('slug', 'decap-story')}.md"
    [answer] = decap.decap_format(
        [{"path": str(path), "format": "frontmatter", "fields": fields, "data": data, "clean": True}]
    )
    path.write_text(answer["raw"], encoding="utf-8")
    front = yaml.safe_load(split_story(answer["raw"]).front or "")
    assert list(front) == [f for f in fields if f in data and f != "body"]
    problems, count = check_stories([tmp_path / "zh"], tmp_path, plan)
    assert count == 1 and [p for p in problems if p.severity == "error"] == []
