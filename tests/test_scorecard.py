"""The home page as the plan's scorecard, the indicator cards, and the chain pages' project cards.

Expected values are derived from the data (the real plan where the page is the point, SYNTHETIC fixtures
where the rule is), never written in by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re

import pytest

from plansite import models as m
from plansite.render import Renderer
from plansite.status import (
    ORDER,
    chain_stages,
    final_assessment,
    headline,
    indicator_share,
    indicator_status,
    milestone_stage_counts,
    missing_values,
    project_stage,
    project_stage_counts,
    share_of_way,
)
from plansite.updates import Update
from plansite.wording import fill

from .conftest import at, visit
from .test_final_assessment import day_after, indicator, last_day, minimal, observation, synthetic  # noqa: F401


def text(md: str) -> str:
    """The page's text: tags dropped, entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", md))


# ------------------------------------------------------------------------------------- share of the way


def test_the_share_of_the_way_is_the_distance_covered_over_the_distance_planned():
    s = share_of_way(40, 90, 65)
    assert s is not None and (s.ratio, s.shown, s.percent, s.beyond) == (0.5, 0.5, 50, None)
    falling = share_of_way(30, 10, 25)  # lower is better: the same formula, both differences negative
    assert falling is not None and falling.percent == 25


@pytest.mark.parametrize("value,shown,beyond", [(140, 1.0, "past-target"), (20, 0.0, "before-baseline")])
def test_the_bar_is_clamped_but_says_so(value, shown, beyond):
    s = share_of_way(40, 90, value)
    assert s is not None and (s.shown, s.beyond) == (shown, beyond)
    assert s.percent == round((value - 40) / 50 * 100)  # the label is not clamped


def test_no_share_without_a_value_or_without_a_distance():
    assert share_of_way(40, 90, None) is None
    assert share_of_way(40, 40, 50) is None


def test_the_share_uses_only_a_comparable_value(minimal):  # noqa: F811
    ind = indicator(baseline=0, target=50, cumulative=True)
    plan = synthetic(minimal, [ind], [observation(ind.id, 2023, 20, "yearly-flow")])
    assert indicator_share(plan, ind) is None
    plan = synthetic(minimal, [ind], [observation(ind.id, 2023, 20, "cumulative-total")])
    s = indicator_share(plan, ind)
    assert s is not None and s.percent == 40


# ------------------------------------------------------------------------------------- the real home page


@pytest.fixture(scope="module")
def ended(plan):
    """The site's pages the day after the plan period (from the data) ended, with three-plus synthetic stories."""
    r = Renderer(plan, "zh", today=dt.date(plan.meta.period.end + 1, 1, 2))
    r.updates = [
        Update(f"updates/synthetic-{i}.md", f"合成动态{i}", dt.date(plan.meta.period.end, 12 - i, 1), "")
        for i in range(5)
    ]  # SYNTHETIC stories, newest first as read_updates gives them
    return r, {p.path: p.markdown for p in r.pages()}


def test_home_says_the_period_has_ended_and_how_many_final_values_are_published(plan, ended):
    r, pages = ended
    home = text(pages["index.md"])
    published = sum(
        1 for i in plan.indicators if (f := final_assessment(plan, i, r.today)) is not None and f.code != "pending"
    )
    notice = r.lang.t(
        "period.ended",
        start=plan.meta.period.start,
        end=plan.meta.period.end,
        total=len(plan.indicators),
        published=published,
    )
    assert notice in home
    pending = [i for i in plan.indicators if final_assessment(plan, i, r.today).code == "pending"]  # type: ignore[union-attr]
    assert r.lang.t("final.pending.list", n=len(pending)) in home
    for ind in pending:
        assert f'href="indicators/{ind.id}/#final"' in pages["index.md"]


def test_home_counts_every_status_with_icon_and_word(plan, ended):
    r, pages = ended
    counts = headline(plan)
    items = re.findall(
        r'<span class="status status--([a-z-]+)"><span class="status__icon" aria-hidden="true">(.)</span>([^<]+)</span>'
        r' <strong class="status-counts__n">(\d+)</strong>',
        pages["index.md"],
    )
    assert [(code, int(n)) for code, _, _, n in items] == [(code, counts[code]) for code in ORDER]
    assert all(word == r.lang.t("status." + code) for code, _, word, _ in items)


def test_home_has_a_card_for_every_indicator_with_a_bar_only_where_there_is_a_comparable_value(plan, ended):
    _, pages = ended
    home = pages["index.md"]
    cards = dict(re.findall(r'<li class="ind-card" id="card-([a-z0-9-]+)">(.*?)</li>\n', home, re.S))
    assert list(cards) == [i.id for i in plan.indicators]
    for ind in plan.indicators:
        card, share = cards[ind.id], indicator_share(plan, ind)
        assert f'status--{indicator_status(plan, ind).code}"' in card
        assert 'class="final final--' in card  # the period has ended
        if share is None:
            assert "way__track" not in card
        else:
            assert f"<strong>{share.percent}%</strong>" in card
            assert f'style="width: {round(share.shown * 100, 1)}%"' in card
            assert "计算值" in card  # labelled as computed, with its inputs written out
            assert ("way__fill--" in card) == (share.beyond is not None)


def test_home_shows_milestones_and_project_stages_at_a_glance(plan, ended):
    _, pages = ended
    home = pages["index.md"]
    glance = home[home.index("{#glance}") :]
    for counts in (milestone_stage_counts(plan), project_stage_counts(plan)):
        part = glance[: glance.index("</section>")]
        found = re.findall(r'<span class="stage stage--([a-z-]+)">[^<]+</span> <strong>(\d+)</strong>', part)
        assert [(s, int(n)) for s, n in found] == list(counts.items())
        glance = glance[glance.index("</section>") + 1 :]


def test_home_lists_the_three_newest_stories_newest_first(ended):
    r, pages = ended
    home = pages["index.md"]
    listed = re.findall(r'<a href="updates/(synthetic-\d)/">', home)
    assert listed == [u.path[len("updates/") : -len(".md")] for u in r.updates[:3]]


def test_home_calls_for_the_missing_data(plan, ended):
    r, pages = ended
    home = pages["index.md"]
    assert r.lang.t("home.help.body", n=missing_values(plan)) in text(home)
    assert 'href="data-gaps/"' in home and 'href="contribute/"' in home


def test_the_indicators_overview_uses_the_same_cards(plan, ended):
    _, pages = ended
    overview = pages["indicators/index.md"]
    assert re.findall(r'<li class="ind-card" id="card-([a-z0-9-]+)">', overview) == [i.id for i in plan.indicators]
    assert 'class="period-notice period-notice--ended"' in overview
    for gap in plan.table.numbering_gaps:
        assert f"第{gap.number}项" in overview


def test_the_missing_values_are_the_data_gaps_pages_count(plan):
    years = range(plan.meta.period.start, plan.meta.period.end + 1)
    have = {(o.indicator, o.year) for o in plan.observations.observations}
    assert missing_values(plan) == len([1 for i in plan.indicators for y in years if (i.id, y) not in have])


def test_no_home_section_moves_or_carousels(ended):
    _, pages = ended
    home = pages["index.md"]
    assert "carousel" not in home and "marquee" not in home and "autoplay" not in home


# ------------------------------------------------------------------------------------- chain pages


def test_chain_pages_show_every_project_as_a_card_with_its_stage_and_newest_evidence(plan, ended):
    _, pages = ended
    for chain in plan.chains:
        md = pages[f"industries/{chain.id}.md"]
        cards = re.findall(r'<li class="project-card" id="project-(\d+)" data-stage="([a-z-]+)">(.*?)\n</li>', md, re.S)
        assert [int(n) for n, _, _ in cards] == [p.number for p in chain.projects]  # anchors kept: links point here
        for (_, stage, card), p in zip(cards, chain.projects, strict=True):
            assert stage == project_stage(plan, p)
            assert f'class="stage stage--{stage}"' in card
            entries = plan.status_of(project=p.id)
            if entries:
                assert f'<time datetime="{entries[0].date}">' in card
                assert html.escape(plan.source(entries[0].source).url) in card


def test_the_stage_filter_offers_exactly_the_stages_present(plan, ended):
    _, pages = ended
    for chain in plan.chains:
        md = pages[f"industries/{chain.id}.md"]
        stages = [s for s, _ in chain_stages(plan, chain)]
        buttons = re.findall(r'<button type="button" class="md-button[^"]*" data-value="([a-z-]*)"', md)
        if len(stages) > 1:
            assert buttons == ["", *stages]
            assert 'data-filter-for="projects-' + chain.id + '"' in md and " hidden>" in md  # shown by JS only
        else:
            assert buttons == []


def test_every_link_to_a_project_anchor_resolves(plan, ended):
    _, pages = ended
    anchors = {(f"industries/{c.id}", f"project-{p.number}") for c, p in plan.projects()}
    for path, md in pages.items():
        for target, anchor in re.findall(r'href="([^"#]*industries/[a-z0-9-]+)/#(project-\d+)"', md):
            name = target.split("industries/")[-1]
            assert (f"industries/{name}", anchor) in anchors, (path, target, anchor)


# ------------------------------------------------------------------------------------- a plan still running


def test_a_running_plan_says_when_it_ends_and_shows_no_final_assessment(minimal):  # noqa: F811
    ind = indicator()
    plan = synthetic(minimal, [ind], [observation(ind.id, 2023, 70)])
    r = Renderer(plan, "en", today=last_day(plan))
    home = {p.path: p.markdown for p in r.pages()}["index.md"]
    assert r.lang.t("period.running", start=plan.meta.period.start, end=plan.meta.period.end) in text(home)
    assert "final--" not in home and r.lang.t("final.title") not in text(home)
    ended_home = {p.path: p.markdown for p in Renderer(plan, "en", today=day_after(plan)).pages()}["index.md"]
    assert "final--pending" in ended_home


@pytest.mark.browser
@pytest.mark.build
def test_the_stage_filter_works_by_keyboard_and_announces_the_count(browser, base_url, plan):
    chain = next(c for c in plan.chains if len(chain_stages(plan, c)) > 1)
    stage, count = chain_stages(plan, chain)[-1]
    context = browser.new_context(viewport={"width": 375, "height": 800})
    pg = context.new_page()
    visit(pg, base_url + at(f"industries/{chain.id}/"))
    cards = pg.locator(f"#projects-{chain.id} > li")
    assert cards.count() == len(chain.projects)
    button = pg.locator(f".stage-filter button[data-value='{stage}']")
    button.focus()
    pg.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    assert len([c for c in cards.all() if c.is_visible()]) == count
    status = pg.locator(".stage-filter [role=status]")
    assert status.inner_text() == fill(
        plan.ui.strings["chain.filter.shown"].zh, {"n": count, "total": len(chain.projects)}
    )
    everything = pg.locator(".stage-filter button[data-value='']")
    everything.focus()
    pg.keyboard.press("Space")
    assert len([c for c in cards.all() if c.is_visible()]) == len(chain.projects)
    assert everything.get_attribute("aria-pressed") == "true" and button.get_attribute("aria-pressed") == "false"
    context.close()


@pytest.mark.browser
@pytest.mark.build
def test_without_javascript_every_project_card_shows_and_the_filter_is_hidden(browser, base_url, plan):
    chain = next(c for c in plan.chains if len(chain_stages(plan, c)) > 1)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    pg = context.new_page()
    visit(pg, base_url + at(f"industries/{chain.id}/"))
    assert not pg.locator(".stage-filter").is_visible()
    assert len([c for c in pg.locator(f"#projects-{chain.id} > li").all() if c.is_visible()]) == len(chain.projects)
    context.close()


def test_a_plan_without_projects_or_milestones_has_no_glance_section(minimal):  # noqa: F811
    ind = indicator()
    bare = synthetic(minimal, [ind], [])
    bare = dataclasses.replace(
        bare,
        chains=(),
        commitments=bare.commitments.model_copy(update={"milestones": []}),
        status=m.StatusEntries(entries=[]),
    )
    home = Renderer(bare, "zh", today=last_day(bare))._render("index.md", "home.md.j2").markdown
    assert "{#glance}" not in home and "chain-cards" not in home
    home = Renderer(minimal, "zh", today=last_day(minimal))._render("index.md", "home.md.j2").markdown
    assert "{#glance}" in home  # the SYNTHETIC fixture has a chain with projects
