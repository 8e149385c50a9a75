"""Units that are the same quantity, and exact conversion between them (the checker, status and charts share it)."""

from __future__ import annotations

from . import models as m

# Units that convert exactly into each other (value in the key unit × factor = value in 万元).
UNIT_FACTORS = {"万元": 1, "亿元": 10000}


def units_compatible(a: str, b: str | None) -> bool:
    if b is None:
        return True
    return a == b or (a in UNIT_FACTORS and b in UNIT_FACTORS)


def convert(value: float, unit: str, to: str) -> float:
    """Exact conversion between units the checker accepts as compatible (亿元 -> 万元 …)."""
    if unit == to:
        return value
    return value * UNIT_FACTORS[unit] / UNIT_FACTORS[to]


def in_indicator_unit(ind: m.Indicator, value: float, unit: m.Text) -> float:
    """A stated value in the indicator's own unit (1.05亿元 -> 10500 for a 万元 indicator); exact."""
    return convert(value, unit.zh, ind.unit.zh) if ind.unit else value
