"""data/ holds the whole plan, faithfully: nothing left out, nothing added, every table number as printed."""

from __future__ import annotations

import re

from plansite.sourcetext import source_lines
from plansite.textformat import number


def _squash(lines) -> str:
    return re.sub(r"\s+", "", "".join(lines))


def test_data_reproduces_the_source_body_exactly(plan, seed_body):
    """Written back in source order, the data equals the source body character for character (whitespace aside)."""
    ours, theirs = _squash(source_lines(plan)), _squash(seed_body)
    if ours != theirs:
        i = next((k for k, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
        raise AssertionError(
            f"first difference at {i}:\n data: …{ours[i - 30 : i + 40]}\n seed: …{theirs[i - 30 : i + 40]}"
        )


def test_every_source_line_is_in_the_data(plan, seed_body):
    data = _squash(source_lines(plan))
    missing = [line for line in seed_body if re.sub(r"\s+", "", line) not in data]
    assert missing == []


def test_indicator_table_numbers_equal_the_source(plan, seed_body):
    start = seed_body.index("天门市科技创新“十四五”主要指标")
    end = seed_body.index("三、重点任务")
    cells = seed_body[start + 7 : end]  # after the title and the six header cells
    printed, i = {}, 0
    while i < len(cells):  # number, name, [unit,] 2020 value, 2025 target
        j = i + 2
        if not re.fullmatch(r"[\d.]+", cells[j]):
            j += 1
        printed[int(cells[i])] = (cells[i + 1], cells[j], cells[j + 1])
        i = j + 2
    ours = {i.number: (i.name.zh, number(i.baseline.value), number(i.target.value)) for i in plan.indicators}
    assert ours == printed


def test_paragraph_ids_are_unique_and_follow_their_section(plan):
    ids = [lp.paragraph.id for lp in plan.located_paragraphs()]
    assert len(ids) == len(set(ids))
    for lp in plan.located_paragraphs():
        assert lp.paragraph.id.startswith(lp.section.id + "-p")


def test_lead_ins_are_modelled_apart_from_bodies(plan):
    """No body starts with its division's run-in heading: the lead-in was split off, not duplicated."""
    for div in plan.divisions():
        if div.title_run_in:
            first = div.paragraphs[0].text.zh
            assert not first.startswith(div.title.zh)
    leads = [lp.paragraph.lead for lp in plan.located_paragraphs() if lp.paragraph.lead]
    assert len(leads) >= 40


def test_original_numbering_is_kept(plan):
    assert [c.number for c in plan.chapters] == ["一、", "二、", "三、", "四、"]
    for ch in plan.chapters:
        nums = [s.number for s in ch.children]
        assert nums == [f"({n})" for n in "一二三四五六七"[: len(nums)]]
        for sec in ch.children:
            items = [d.number for d in sec.children]
            assert items == [f"{k}." for k in range(1, len(items) + 1)]


def test_sections_missing_their_number_in_the_source_keep_the_source_heading(plan):
    damaged = {d.id: d.source_heading for d in plan.divisions() if d.source_heading is not None}
    assert damaged == {"1-3": "问题与挑战。", "2-3": "发展目标"}
    for div_id in damaged:
        assert any(n.scope == "heading" for n in plan.notes_for(div_id)), div_id
