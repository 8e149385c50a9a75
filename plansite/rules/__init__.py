"""Cross-file and plausibility rules, one concern per module; each rule is registered in `base.RULES`."""

from __future__ import annotations

from . import (  # noqa: F401  (importing a module registers its rules, in this order)
    dates,
    files,
    indicators,
    notes,
    numbering,
    observations,
    progress,
    refs,
    shape,
    sources,
    uikeys,
    years,
)
from .base import RULES, Context, Parsed, Rule, run

__all__ = ["RULES", "Context", "Parsed", "Rule", "run"]
