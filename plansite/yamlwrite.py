"""Write one item (a source, an observation, a status entry) as the YAML file of its own, the way it is kept.

The one place the layout's files are written from data: block style (a nested mapping as a block mapping, never
`{zh: …, en: …}`), keys in the model's field order, 2-space indent, no line folding, UTF-8, no comments (the form
editor, Decap CMS, drops comments on save; what a file needs to say is in ARCHITECTURE.md and the contributor
guide). Used for the migration to one file per item and by tests that build data.
"""

from __future__ import annotations

from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel

from . import models as m


def ordered(data: Any, model: type[BaseModel] | None) -> Any:
    """data with every mapping's keys in its model's field order (keys the model does not know stay, last)."""
    if isinstance(data, list):
        return [ordered(x, model) for x in data]
    if not isinstance(data, dict) or model is None:
        return data
    fields = model.model_fields
    keys = [k for k in fields if k in data] + [k for k in data if k not in fields]
    return {k: ordered(data[k], _model_of(fields[k].annotation) if k in fields else None) for k in keys}


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (through Optional, list and Annotated), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is not None or get_args(annotation):
        for arg in get_args(annotation):
            found = _model_of(arg)
            if found is not None:
                return found
    return None


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump(data: dict[str, Any], model: type[BaseModel]) -> str:
    """One item's file: its fields in the model's order, block style, UTF-8 text with a final newline."""
    return yaml.dump(
        ordered(data, model),
        Dumper=_Dumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        indent=2,
        width=2**31 - 1,
    )


ITEM_MODELS: dict[str, type[BaseModel]] = {
    "source": m.Source,
    "observation": m.Observation,
    "status-project": m.StatusEntry,
    "status-milestone": m.StatusEntry,
}
