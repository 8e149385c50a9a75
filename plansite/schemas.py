"""JSON Schemas for editors, generated from the models: one per kind of data file."""

from __future__ import annotations

import json
from pathlib import Path

from .catalog import ITEM_KINDS, KINDS


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
    """Write every schema and remove those of kinds that are gone; return the names of the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    texts = schema_texts()
    for name, text in texts.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    for path in sorted(folder.glob("*.schema.json")):
        if path.name not in texts:
            path.unlink()
            changed.append(path.name)
    return changed


def stale_schemas(folder: Path) -> list[str]:
    """Names of committed schemas that differ from what the models generate now, or that no kind has any more."""
    texts = schema_texts()
    return [
        name
        for name, text in texts.items()
        if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text
    ] + [path.name for path in sorted(folder.glob("*.schema.json")) if path.name not in texts]


# Files kept one item per file carry no comment (the form editor drops comments on save), so no
# `# yaml-language-server: $schema=…` line either: editors find their schema by path in .vscode/settings.json
# (VS Code with the YAML extension reads `yaml.schemas`: schema -> globs), generated here from the catalog.
EDITOR_SETTINGS = ".vscode/settings.json"


def editor_schemas() -> dict[str, list[str]]:
    """yaml.schemas: each one-item-per-file kind's schema, for the site layout (data/<plan>/…) and one plan."""
    return {
        f"schemas/{kind.name}.schema.json": [f"data/*/{kind.pattern}", f"data/{kind.pattern}"]
        for kind in KINDS
        if kind.name in ITEM_KINDS
    }


def editor_settings_text(current: str | None) -> str:
    """The editor settings with yaml.schemas as generated, any other setting kept as it is."""
    settings = json.loads(current) if current else {}
    settings["yaml.schemas"] = editor_schemas()
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def write_editor_settings(root: Path) -> bool:
    """Write yaml.schemas into root/.vscode/settings.json; True when the file changed."""
    path = root / EDITOR_SETTINGS
    current = path.read_text(encoding="utf-8") if path.exists() else None
    text = editor_settings_text(current)
    if text == current:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def editor_settings_stale(root: Path) -> bool:
    path = root / EDITOR_SETTINGS
    current = path.read_text(encoding="utf-8") if path.exists() else None
    return current is None or json.loads(current).get("yaml.schemas") != editor_schemas()
