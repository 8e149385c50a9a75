"""Editorial notes: each kind of extraction damage is annotated everywhere it occurs, and notes show as written.

The counting tests compute, from the real plan text, every place of a kind of damage and assert that none is
left without a note; they fail as soon as a note is removed or a new occurrence appears in the data.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from plansite import models as m
from plansite.plan import Plan, walk
from plansite.render import Renderer, editorial

from .conftest import address

# The notes added for the audit's unannotated findings, by kind (the page that shows each is derived from its target).
NEW_NOTES = {
    "final-stop": [
        "lost-punctuation-talent-principle-stop",
        "lost-punctuation-innovation-outputs-stop",
        "lost-punctuation-textile-smes-stop",
        "lost-punctuation-defence-industry-stop",
        "lost-punctuation-sensor-expansion-stop",
    ],
    "name-variant": [
        "name-variant-joint-centres",
        "name-variant-innovative-county-heading",
        "name-variant-innovative-county",
        "name-variant-14th-fyp-zone",
        "name-variant-14th-fyp-experimental",
        "name-variant-science-city",
        "name-variant-science-city-project",
        "name-variant-pioneer-zone",
    ],
    "missing-row": ["missing-row-5-indicator-table"],
    "lost-characters": ["other-fashion-town-name"],
    "dropped-stop": ["heading-stop-achievements", "heading-stop-entrepreneurship-environment"],
}
GLOBAL_NEW = ["heading-stop-project-titles"]
CLOSING = tuple("。！？…”」）)")


def _notes(plan: Plan, target: str) -> list[m.EditorialNote]:
    return plan.notes_for(target)


def _texts(plan: Plan) -> dict[str, str]:
    """Every paragraph's and project description's text, by id (the text that annotate() marks)."""
    out = {lp.paragraph.id: lp.paragraph.text.zh for lp in plan.located_paragraphs()}
    out.update({p.id: p.description.zh for _, p in plan.projects()})
    return out


def _target_texts(plan: Plan) -> dict[str, str]:
    """What a note's source is matched against, as the checker does: lead + text, name + description, headings."""
    out = {
        lp.paragraph.id: (lp.paragraph.lead.zh if lp.paragraph.lead else "") + lp.paragraph.text.zh
        for lp in plan.located_paragraphs()
    }
    out.update({p.id: p.name.zh + p.description.zh for _, p in plan.projects()})
    out.update({d.id: d.title.zh + (d.source_heading or "") for d in plan.divisions()})
    return out


def _covered(plan: Plan, target: str, start: int, end: int, text: str) -> bool:
    """Whether a note on target quotes a source that spans text[start:end]."""
    for n in _notes(plan, target):
        for found in re.finditer(re.escape(n.source), text):
            if found.start() <= start and end <= found.end():
                return True
    return False


# -- one count per kind ---------------------------------------------------------------------------------------


def test_no_paragraph_or_project_lost_its_final_stop_without_a_note(plan: Plan):
    unnoted = [
        tid
        for tid, text in _texts(plan).items()
        if not text.endswith(CLOSING) and not _covered(plan, tid, len(text) - 1, len(text), text)
    ]
    assert unnoted == []
    # and each such note's reading supplies the stop
    for tid, text in _texts(plan).items():
        if not text.endswith(CLOSING):
            assert any(text.endswith(n.source) and n.reading.zh.endswith("。") for n in _notes(plan, tid)), tid


def test_five_year_periods_written_without_quotation_marks_are_noted(plan: Plan):
    unnoted = [
        (tid, found.start())
        for tid, text in _texts(plan).items()
        for found in re.finditer(r"(?<!“)十[一二三四]五(?!”)", text)
        if not _covered(plan, tid, found.start(), found.end(), text)
    ]
    assert unnoted == []


def test_names_written_two_ways_are_noted(plan: Plan):
    variants = {
        r"企校共建|校企联合": "校企共建研发中心",  # the programme order swapped within one list
        r"创新型县市": "创新型县（市）",
        r"光谷·天门科技城|天园光谷科技城": "光谷（天门）科技城",
        r"武汉城市圈融合发展先行区": "武汉城市圈同城化创新发展先行区",
    }
    unnoted = []
    for pattern in variants:
        for tid, text in _target_texts(plan).items():
            for found in re.finditer(pattern, text):
                if not _covered(plan, tid, found.start(), found.end(), text):
                    unnoted.append((tid, found.group(0)))
    assert unnoted == []
    readings = {n.id: n.reading.zh for n in plan.notes.notes}
    for pattern, reading in variants.items():
        assert any(reading in r for r in readings.values()), pattern


def test_every_lost_tian_guo_character_has_a_reading(plan: Plan):
    texts = _target_texts(plan)
    places = [tid for tid, t in texts.items() if "天·国" in t]
    assert places  # the damage is in the text: otherwise this test proves nothing
    for tid in places:
        text = texts[tid]
        notes = [n for n in _notes(plan, tid) if n.source in text and "天·国" in n.source]
        assert notes, tid
        for n in notes:
            assert n.kind == "lost-character" and "天·国" not in n.reading.zh and n.reading.en.strip()


def test_headings_whose_stop_the_site_drops_are_noted(plan: Plan):
    dropped = [d for d in plan.divisions() if d.title.zh.endswith("。") or (d.source_heading or "").endswith("。")]
    assert dropped  # 成果转化成效显著。 and others
    unnoted = [
        d.id for d in dropped if not any(n.scope == "heading" and n.source.endswith("。") for n in _notes(plan, d.id))
    ]
    assert unnoted == []


def test_project_titles_shown_with_a_colon_are_noted_once_with_the_true_count(plan: Plan):
    names = [p.name.zh for _, p in plan.projects()]
    with_stop = [n for n in names if n.endswith("。")]
    (note,) = [n for n in plan.global_notes() if n.id == "heading-stop-project-titles"]
    assert note.source in with_stop and note.reading.zh == note.source[:-1] + "："
    assert f"共列{len(names)}个项目，其中{len(with_stop)}个" in note.reason.zh
    assert (
        f"list {len(names)} projects" in note.reason.en and f"{len(with_stop)} of the project names" in note.reason.en
    )


def test_missing_row_5_is_a_reading_named_from_the_text_not_a_value(plan: Plan):
    numbers = [i.number for i in plan.indicators]
    gaps = [g for g in plan.table.numbering_gaps] if hasattr(plan.table, "numbering_gaps") else []
    assert 5 not in numbers  # no row invented
    (table_div,) = [d for ch in plan.chapters for d in walk(ch) if d.table == "indicators"]
    # the note stands in the table's division: on 具体目标, the subsection the table follows and the text compared
    inside = {d.id for d in walk(table_div)}
    (note,) = [
        n for n in plan.notes.notes if n.kind == "missing-number" and n.target in inside and "第5行" in n.reading.zh
    ]
    paragraphs = {lp.paragraph.id: lp.paragraph.text.zh for lp in plan.located_paragraphs()}
    # the item and value the reading names are stated, verbatim, between row 4's and row 6's goals in one paragraph
    row4 = next(i for i in plan.indicators if i.number == 4).target.paragraphs
    row6 = next(i for i in plan.indicators if i.number == 6).target.paragraphs
    shared = [p for p in row4 if p in row6]
    assert shared
    text = paragraphs[shared[0]]
    between = text[text.index("180项以上") : text.index("万人发明专利授权数")]
    assert "高新技术产品50个以上" in between
    assert "高新技术产品" in note.reading.zh and "50个以上" in note.reading.zh and "推断" in note.reading.zh
    assert "50 or more" in note.reading.en and "inference" in note.reading.en
    assert note.confidence != "high"
    for g in gaps:
        assert note.id in g.note.zh and note.id in g.note.en


def test_new_notes_quote_their_target_and_are_translated(plan: Plan):
    by_id = {n.id: n for n in plan.notes.notes}
    assert len(by_id) == len(plan.notes.notes)
    texts = _target_texts(plan)
    for nid in [i for ids in NEW_NOTES.values() for i in ids]:
        n = by_id[nid]
        assert n.target is not None and n.source in texts[n.target], nid
        assert n.reading.zh != n.source and n.reading.en.strip() and n.reason.en.strip(), nid


# -- display: editorial text as written, plan text full width ---------------------------------------------------


def _zh_pages(plan: Plan) -> dict[str, str]:
    return {p.path: p.markdown for p in Renderer(plan, "zh").pages()}


def test_global_punctuation_note_shows_the_source_ascii_marks(plan: Plan):
    pages = _zh_pages(plan)
    notes_page = pages["notes.md"] if "notes.md" in pages else pages["notes/index.md"]
    block = re.search(
        r'<div class="ed-note ed-note--global" id="note-converted-punctuation-full-width">.*?</div>', notes_page
    )
    assert block
    shown = html.unescape(block.group(0))
    assert "“,”“:”“;”“()”" in shown  # the reason quotes what the extraction produced
    assert '<q lang="zh-Hans">2020年,全市</q>' in shown  # the source, ASCII
    assert "<q>2020年，全市</q>" in shown  # the reading, full width
    # plan text still gets its full-width punctuation
    assert "2020年，全市规模以上工业企业" in html.unescape(pages["plan/1-1.md"])
    assert "2020年,全市" not in html.unescape(pages["plan/1-1.md"]).split('class="ed-note')[0]


def test_editorial_text_is_not_restored_but_plan_text_is(plan: Plan):
    from plansite.render import Lang

    text = m.Text(zh="半角“,”和“()”", en="")
    lang = Lang(plan, "zh")
    assert str(editorial(text, lang)) == "半角“,”和“()”"
    assert str(lang.tx(text)) != str(editorial(text, lang))  # the plan-text path restores full width
    en = Lang(plan, "en")
    assert "untranslated" in str(editorial(text, en)) and en.pending


# -- the built site: beside the passage, and on the notes page --------------------------------------------------


def _page_of(plan: Plan, n: m.EditorialNote) -> tuple[str, str]:
    """(page path in the site, the id of the element the note stands beside)."""
    assert n.target is not None
    if n.scope == "paragraph":
        lp = plan.paragraph(n.target)
        return f"plan/{lp.section.id}/index.html", f'id="{lp.anchor}"'
    if n.scope == "heading":
        section = plan.section_of(n.target).id
        return f"plan/{section}/index.html", 'id="top"' if section == n.target else f'id="d{n.target}"'
    chain, project = plan.project(n.target)
    return f"industries/{chain.id}/index.html", f'id="project-{project.number}"'


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "en"])
@pytest.mark.parametrize("nid", [i for ids in NEW_NOTES.values() for i in ids])
def test_new_note_is_beside_its_passage_and_on_the_notes_page(built_site: Path, plan: Plan, prefix: str, nid: str):
    site = built_site / address("", prefix or "zh")  # the plan's own folder in this language
    n = next(x for x in plan.notes.notes if x.id == nid)
    page_path, anchor = _page_of(plan, n)
    page = (site / page_path).read_text(encoding="utf-8")
    at = page.index(">", page.index(anchor)) + 1  # after the passage's own opening tag
    note_at = page.index(f'id="note-{nid}"', at)
    between = page[at:note_at]
    # nothing else of the plan (another paragraph, heading or project) stands between the passage and its note;
    # a project's card holds its own name as a heading, so there the next project's card is what must not come first
    assert 'class="plan-p"' not in between, nid
    if n.scope == "project":
        assert 'id="project-' not in between, nid
    else:
        assert not re.search(r"<h[1-6]|<tr ", between), nid
    notes_page = (site / "notes" / "index.html").read_text(encoding="utf-8")
    assert f'id="note-{nid}"' in notes_page


@pytest.mark.build
@pytest.mark.parametrize("nid", GLOBAL_NEW + ["converted-punctuation-full-width"])
def test_global_notes_on_the_built_notes_page(built_site: Path, nid: str):
    page = html.unescape((built_site / address("notes/") / "index.html").read_text(encoding="utf-8"))
    block = re.search(rf'<div class="ed-note ed-note--global" id="note-{nid}">.*?</div>', page, re.S)
    assert block
    if nid == "converted-punctuation-full-width":
        assert "“,”“:”“;”“()”" in block.group(0) and "2020年,全市" in block.group(0)
