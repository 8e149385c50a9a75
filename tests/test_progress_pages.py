"""Implementation tracking pages: the data-gaps list, status on indicator pages, shortcodes in stories, RSS feeds."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import pytest

from plansite import paths
from plansite.render import Renderer
from plansite.status import indicator_status
from plansite.updates import UpdateError, expand_shortcodes, read_updates, rss

from .conftest import current_folder


@pytest.fixture(scope="module")
def zh(plan):
    return Renderer(plan, "zh")


@pytest.fixture(scope="module")
def pages(zh):
    return {p.path: p.markdown for p in zh.pages()}


def test_data_gaps_page_lists_exactly_the_missing_indicator_years(plan, pages):
    md = pages["data-gaps/index.md"]
    published = set(re.findall(r'<tr id="([a-z0-9-]+)">.*?', md))
    assert published == {i.id for i in plan.indicators}
    cells = {}
    for ind_id, row in re.findall(r'<tr id="([a-z0-9-]+)">(.*?)</tr>', md, re.S):
        for state, year in re.findall(r'gap-cell--(published|missing)" data-year="(\d{4})"', row):
            cells[(ind_id, int(year))] = state
    years = range(plan.meta.period.start, plan.meta.period.end + 1)
    have = {(o.indicator, o.year) for o in plan.observations.observations}
    expected_missing = {(i.id, y) for i in plan.indicators for y in years if (i.id, y) not in have}
    assert {k for k, v in cells.items() if v == "missing"} == expected_missing
    assert {k for k, v in cells.items() if v == "published"} == {k for k in have if k[1] in years}


@pytest.mark.parametrize(
    ("edit_base", "new_base"),
    [
        ("https://github.com/owner/repo/edit/main/", "https://github.com/owner/repo/new/main/"),
        ("https://gitlab.example.org/owner/repo/-/edit/main/", "https://gitlab.example.org/owner/repo/-/new/main/"),
        ("https://git.example.org/owner/repo/_edit/main/", "https://git.example.org/owner/repo/_new/main/"),
    ],
)
def test_data_gaps_page_links_a_new_file_in_the_plan_s_observations_folder(plan, edit_base, new_base):
    """One file per value: a missing value is a new file in the plan's own observations/ folder."""
    md = next(p.markdown for p in Renderer(plan, "zh", edit_base=edit_base).pages() if p.path == "data-gaps/index.md")
    folder = f"data/{current_folder()}/observations/"
    assert (plan.files["observation"] + "/") == folder
    assert f'<a href="{new_base}{folder}">' in md and f"<code>{folder}</code>" in md


def test_data_gaps_page_names_the_folder_without_a_link_when_no_repository_is_configured(pages):
    md = pages["data-gaps/index.md"]
    assert f"<code>data/{current_folder()}/observations/</code>" in md and "/new/" not in md


def test_indicator_page_shows_status_with_word_icon_and_inputs(plan, pages):
    for ind in plan.indicators:
        md = pages[f"indicators/{ind.id}.md"]
        s = indicator_status(plan, ind)
        assert f'class="status status--{s.code}"><span class="status__icon" aria-hidden="true">' in md
        assert "进展状态是怎样计算的" in md
        if s.code != "no-data":
            assert f"（{s.year}）" in md and f"±{round((s.tolerance or 0) * 100)}%" in md


def test_headline_count_on_home_and_overview(plan, pages):
    with_data = sum(indicator_status(plan, i).code != "no-data" for i in plan.indicators)
    sentence = f"{len(plan.indicators)}项主要指标中，{with_data}项已有公开数值"
    assert sentence in pages["index.md"] and sentence in pages["indicators/index.md"]


def test_progress_board_lists_every_project_and_milestone(plan, pages):
    md = pages["progress/index.md"]
    assert md.count("<tr data-chain=") == len(list(plan.projects()))
    for ms in plan.commitments.milestones:
        assert f'id="milestone-{ms.id}"' in md
    for entry in plan.status.entries:
        assert str(entry.date) in md and plan.source(entry.source).url in md


def small_whole(value) -> bool:
    """A whole number below 1000: written the same with or without digit grouping."""
    return value is not None and float(value).is_integer() and abs(value) < 1000


def test_shortcodes_render_the_right_value_and_keep_code_examples(plan, zh):
    ind = next(  # an indicator of the plan with a published value; its numbers are read back from the data
        i
        for i in plan.indicators
        if plan.observations_of(i.id)
        and small_whole(plan.observations_of(i.id)[-1].value)
        and i.target
        and small_whole(i.target.value)
    )
    latest = plan.observations_of(ind.id)[-1]
    md = expand_shortcodes(
        f"数值：[[value:{ind.id}]]；目标 [[target:{ind.id}]]。示例：`[[value:{ind.id}]]`",
        zh,
        "updates/x.md",
        "docs/zh/updates/x.md",
    )
    assert f"数值：{int(latest.value)}{ind.unit.zh}（{latest.year}）" in md
    assert f"目标 {int(ind.target.value)}{ind.unit.zh}" in md
    assert md.endswith(f"`[[value:{ind.id}]]`")
    chart = expand_shortcodes(f"[[chart:{ind.id}]]", zh, "updates/x.md", "x.md")
    assert f'id="chart-{ind.id}"' in chart
    assert f'src="../../charts/{ind.id}.' in chart  # the build-time image, linked from the story's page


def test_an_unknown_id_in_a_shortcode_names_file_and_line(zh):
    typo = zh.plan.indicators[0].id[:-1] + "z"  # one letter off a real indicator id
    with pytest.raises(UpdateError, match=rf"docs/zh/updates/x\.md:3: .*{typo}"):
        expand_shortcodes(f"一\n二\n[[value:{typo}]]\n", zh, "updates/x.md", "docs/zh/updates/x.md")


def test_rss_feed_is_valid_xml_with_the_stories(plan):
    for lang in ("zh", "en"):
        folder = current_folder()
        updates = read_updates(paths.ROOT / "docs" / lang, folder)
        assert updates, lang
        feed = ET.fromstring(rss(updates, "https://example.gov.cn/", "T", "D", lang, folder + "/"))
        assert feed.findtext("./channel/link") == f"https://example.gov.cn/{folder}/updates/"
        items = feed.findall("./channel/item")
        assert [i.findtext("title") for i in items] == [u.title for u in updates]
        assert all((i.findtext("link") or "").startswith(f"https://example.gov.cn/{folder}/updates/") for i in items)
        assert all(re.match(r"\w{3}, \d{2} \w{3} \d{4}", i.findtext("pubDate") or "") for i in items)


def test_a_story_without_a_date_is_an_error(tmp_path):
    (tmp_path / "updates").mkdir()
    (tmp_path / "updates" / "x.md").write_text("---\ntitle: 无日期\n---\n# 无日期\n", encoding="utf-8")
    with pytest.raises(UpdateError, match=r"x\.md:1"):
        read_updates(tmp_path)
