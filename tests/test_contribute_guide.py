"""The contributor guide shows the site's real data and the checker's real words, so its examples cannot go stale.

The guide says its YAML examples are real entries of the site's data and shows a checker message for a slip: each
example must equal the file it names (or, for the editorial note, the note with its id), and the message must be
what the checker says when that slip is made in a copy of the data.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from plansite import paths
from plansite.site import check_site
from plansite.stories import check_stories

from .conftest import current_folder

LANGS = ("zh", "en")
FOLDER = {"zh": "<规划>", "en": "<plan>"}  # how each guide writes "the plan's folder" in a path
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)


def examples(lang: str) -> list[tuple[str | None, str, str]]:
    """(the data file named in the paragraph just before the block, or None; the block's language; its text)."""
    text = (paths.ROOT / "docs" / lang / "contribute.md").read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(text):
        intro = text[: m.start()].rstrip().rsplit("\n\n", 1)[-1]
        named = re.findall(r"`((?:data|docs)/[^`]+?\.(?:yaml|md))`", intro)
        path = named[0].replace(FOLDER[lang], current_folder()) if named else None
        found.append((path, m.group(1), m.group(2)))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_file_example_is_the_real_file_byte_for_byte(lang):
    shown = [(path, block) for path, kind, block in examples(lang) if kind == "yaml" and path]
    assert len(shown) >= 3, "the guide shows a source, a yearly value and a progress entry"
    for path, block in shown:
        file = paths.ROOT / path
        assert file.is_file(), f"{lang}: the guide names {path}, which does not exist"
        assert block == file.read_text(encoding="utf-8"), f"{lang}: the example of {path} differs from the file"


@pytest.mark.parametrize("lang", LANGS)
def test_the_editorial_note_example_is_a_real_note(lang):
    notes_file = paths.DATA / current_folder() / "editorial-notes.yaml"
    notes = {n["id"]: n for n in yaml.safe_load(notes_file.read_text(encoding="utf-8"))["notes"]}
    shown = [yaml.safe_load(block) for _, kind, block in examples(lang) if kind == "yaml" and block.startswith("- id:")]
    assert shown, "the guide quotes an editorial note"
    for [note] in shown:
        assert note == notes.get(note["id"]), f"{lang}: the note {note['id']} differs from {notes_file.name}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_story_example_passes_the_story_checker(lang, tmp_path, plan):
    """Saved under the name the guide gives it, the example story has no problem at all, warnings included."""
    [(path, story)] = [(p, block) for p, kind, block in examples(lang) if kind == "markdown"]
    assert path and path.startswith(f"docs/{lang}/"), path
    file = tmp_path / "updates" / Path(path).name
    file.parent.mkdir()
    file.write_text(story, encoding="utf-8")
    problems, count = check_stories([tmp_path], tmp_path, plan)
    assert count == 1 and [p.format() for p in problems] == []


def _slip(line: str) -> str:
    """The line as typed with a Chinese input method: the first 'key: ' with a full-width colon and no space."""
    return line.replace(": ", "：", 1)


@pytest.mark.parametrize("lang", LANGS)
def test_the_checker_message_shown_is_what_the_checker_says(lang, tmp_path):
    [message] = [block for _, kind, block in examples(lang) if kind == "text"]
    place = re.match(r"(data/\S+?\.yaml):(\d+):(\d+): ([a-z-]+): ", message)
    assert place, message
    rel, line = place.group(1), int(place.group(2))
    shutil.copytree(paths.DATA, tmp_path / "data")
    file = tmp_path / rel
    lines = file.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = _slip(lines[line - 1])
    file.write_text("\n".join(lines), encoding="utf-8")
    report, _ = check_site(tmp_path / "data", tmp_path)
    assert [p.format() for p in report.errors] == [message.rstrip("\n")]


def test_both_guides_have_the_same_sections():
    """The English guide is a translation of the Chinese one: the same headings, anchors and examples."""
    heads = {}
    for lang in LANGS:
        text = (paths.ROOT / "docs" / lang / "contribute.md").read_text(encoding="utf-8")
        text = FENCE.sub("", text)
        heads[lang] = [(m.group(1), m.group(2)) for m in re.finditer(r"^(#+) .*?(\{#[\w-]+\})?$", text, re.M)]
    assert [h[0] for h in heads["zh"]] == [h[0] for h in heads["en"]]
    assert [h[1] for h in heads["zh"]] == [h[1] for h in heads["en"]]
    shown = {lang: [(Path(p).name if p else None, k) for p, k, _ in examples(lang)] for lang in LANGS}
    assert shown["zh"] == shown["en"]
