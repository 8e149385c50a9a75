"""Editor support and honest rules: schemas are fresh, every data file is claimed and points at its schema."""

from __future__ import annotations

import fnmatch
import json

from plansite import paths
from plansite.catalog import ITEM_KINDS, KINDS, claim
from plansite.check import check
from plansite.schemas import EDITOR_SETTINGS, editor_settings_stale, schema_texts, stale_schemas


def test_committed_schemas_match_the_models():
    assert stale_schemas(paths.SCHEMAS) == [], "run: python -m plansite schemas"


def test_schemas_describe_every_field():
    for name, text in schema_texts().items():
        schema = json.loads(text)
        for model_name, model in [(name, schema)] + list(schema.get("$defs", {}).items()):
            for field, spec in model.get("properties", {}).items():
                assert spec.get("description"), f"{name}: {model_name}.{field} has no description"


def test_every_data_file_is_claimed_by_a_model():
    _, unclaimed = claim(paths.DATA)
    assert unclaimed == []


def test_every_data_file_points_its_editor_at_its_schema():
    """A file of its own kind names its schema on its first line; a file of one item carries no comment (the form
    editor drops comments on save) and is given its schema by path in .vscode/settings.json."""
    claimed, _ = claim(paths.DATA)
    settings = json.loads((paths.ROOT / EDITOR_SETTINGS).read_text(encoding="utf-8"))["yaml.schemas"]
    assert not editor_settings_stale(paths.ROOT), "run: python -m plansite schemas"
    for kind in KINDS:
        for path in claimed[kind.name]:
            first = path.read_text(encoding="utf-8").splitlines()[0]
            if kind.name in ITEM_KINDS:
                rel = path.relative_to(paths.ROOT).as_posix()
                schemas = [s for s, globs in settings.items() if any(fnmatch.fnmatch(rel, g) for g in globs)]
                assert schemas == [f"schemas/{kind.name}.schema.json"], path
                assert (paths.ROOT / schemas[0]).is_file()
                assert not any(
                    line.lstrip().startswith("#") for line in path.read_text(encoding="utf-8").splitlines()
                ), path
                continue
            schema = (paths.SCHEMAS / f"{kind.name}.schema.json").relative_to(paths.ROOT)
            rel = "../" * (len(path.relative_to(paths.DATA).parts)) + schema.as_posix()
            assert first == f"# yaml-language-server: $schema={rel}", path


def test_the_checker_checked_every_file_and_found_no_error():
    report, plan = check(paths.DATA, paths.ROOT)
    claimed, _ = claim(paths.DATA)
    assert report.files_checked == sum(len(v) for v in claimed.values()) > 10
    assert report.errors == [] and plan is not None
