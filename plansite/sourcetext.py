"""Write the plan back out in the order and form of the source text, to prove nothing was lost or added."""

from __future__ import annotations

from collections.abc import Iterator

from . import models as m
from .plan import Plan
from .textformat import number


def _division(plan: Plan, div: m.Division) -> Iterator[str]:
    paragraphs = [(p.lead.zh if p.lead else "") + p.text.zh for p in div.paragraphs]
    head = div.source_heading if div.source_heading is not None else div.number + div.title.zh
    if div.title_run_in and paragraphs:
        yield head + paragraphs.pop(0)
    else:
        yield head
    yield from paragraphs
    for child in div.children:
        yield from _division(plan, child)
    if div.table == "indicators":
        yield from _table(plan)
    if div.box:
        chain = plan.chain(div.box)
        yield chain.box.number + chain.box.title.zh
        for p in chain.projects:
            yield f"{p.number}." + p.name.zh + p.description.zh


def _table(plan: Plan) -> Iterator[str]:
    t = plan.table
    yield t.title.zh
    yield from (c.zh for c in t.columns)
    for ind in t.indicators:
        yield str(ind.number)
        yield ind.name.zh
        if ind.unit_source == "table" and ind.unit:
            yield ind.unit.zh
        yield number(ind.baseline.value)
        yield number(ind.target.value)


def source_lines(plan: Plan) -> list[str]:
    """The plan body, line by line, as the source prints it."""
    out: list[str] = []
    for ch in plan.chapters:
        out.extend(_division(plan, ch))
    return out
