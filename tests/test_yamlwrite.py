"""The item files (one source, value or status entry each) are written in one way: plansite.yamlwrite."""

from __future__ import annotations

import datetime as dt

import yaml

from plansite import models as m
from plansite import paths
from plansite.catalog import ITEM_KINDS, claim
from plansite.yamlwrite import ITEM_MODELS, dump


def test_every_item_file_of_the_data_is_as_the_writer_writes_it():
    """Block style, the model's key order, no comment: rewriting a file from its own data keeps its data and its
    keys' order. (The bytes are those of the form editor's writer, which folds long English lines at 80 columns
    and quotes with double quotes: tests/test_cms_roundtrip.py holds the files to that.)"""
    claimed, _ = claim(paths.DATA)
    files = [p for kind in ITEM_KINDS for p in claimed[kind]]
    assert len(files) >= 10
    for kind in ITEM_KINDS:
        for path in claimed[kind]:
            text = path.read_text(encoding="utf-8")
            written = dump(yaml.safe_load(text), ITEM_MODELS[kind])
            assert yaml.safe_load(written) == yaml.safe_load(text), path
            assert [line.split(":")[0] for line in written.splitlines() if not line.startswith(" ")] == [
                line.split(":")[0] for line in text.splitlines() if not line.startswith(" ")
            ], path


def test_keys_come_in_the_model_s_order_nested_texts_as_block_mappings_and_nothing_is_folded():
    quote = "示例：" + "很长的一句话，" * 40 + "达到7家。"
    data = {
        "match": "exact",
        "unit": {"en": "enterprises", "zh": "家"},
        "quote": quote,
        "value": 7,
        "year": 2023,
        "indicator": "example-enterprises",
        "as_of": {"zh": "截至2023年12月", "en": 'As of "December": 2023'},
    }
    text = dump(data, m.Observation)
    lines = text.splitlines()
    assert [line.split(":")[0] for line in lines if not line.startswith(" ")] == [
        "indicator",
        "year",
        "value",
        "unit",
        "quote",
        "match",
        "as_of",
    ]
    assert lines[3:6] == ["unit:", "  zh: 家", "  en: enterprises"]
    assert "{" not in text and "#" not in text
    assert any(line.startswith("quote: ") and line.endswith("达到7家。") for line in lines)  # one line, not folded
    assert m.Observation.model_validate(yaml.safe_load(text)) == m.Observation.model_validate(data)


def test_a_status_entry_keeps_its_date_a_date_and_its_texts_exact():
    entry = {
        "quote": "积极争取示例里程碑。",
        "source": "example-report",
        "note": {"zh": "示例：推进中。", "en": "Example: in progress."},
        "stage": "in-progress",
        "date": dt.date(2023, 2, 9),
        "milestone": "example-milestone",
    }
    text = dump(entry, m.StatusEntry)
    assert text.splitlines()[:2] == ["milestone: example-milestone", "date: 2023-02-09"]
    assert yaml.safe_load(text) == entry
