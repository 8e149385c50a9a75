"""JSON Schemas for editors, generated from the models: one per kind of data file."""

from __future__ import annotations

import json
from pathlib import Path

from .catalog import KINDS


def schema_texts() -> dict[str, str]:
    """File name -> schema JSON text, for every kind."""
    out = {}
    for kind in KINDS:
        schema = kind.model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{kind.name}.schema.json"
        out[f"{kind.name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(folder: Path) -> list[str]:
    """Write every schema; return the names of the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in schema_texts().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


def stale_schemas(folder: Path) -> list[str]:
    """Names of committed schemas that differ from what the models generate now."""
    return [
        name
        for name, text in schema_texts().items()
        if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text
    ]
