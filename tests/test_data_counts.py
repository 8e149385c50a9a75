"""The plan's fixed shape: 18 indicator rows numbered 1–4 and 6–19, five chains, 11/7/10/4/8 projects."""


def test_eighteen_indicator_rows_with_the_gap_at_five(plan):
    assert [i.number for i in plan.indicators] == [1, 2, 3, 4] + list(range(6, 20))
    assert [g.number for g in plan.table.numbering_gaps] == [5]


def test_five_chains_with_their_projects(plan):
    assert [c.name.zh for c in plan.chains] == [
        "生物医药化工",
        "装备制造",
        "现代农业及农副产品深加工",
        "纺织服装",
        "电子信息",
    ]
    assert [len(c.projects) for c in plan.chains] == [11, 7, 10, 4, 8]
    assert [c.box.number for c in plan.chains] == [f"专栏{k}" for k in range(1, 6)]


def test_project_quantities_are_read_from_their_own_text(plan):
    for _chain, project in plan.projects():
        text = project.name.zh + project.description.zh
        for q in project.quantities:
            assert q.source in text, (project.id, q.source)
            shown = [v for v in (q.value, q.min, q.max) if v is not None]
            assert shown and all(str(int(v) if float(v).is_integer() else v) in q.source for v in shown), (
                project.id,
                q,
            )


def test_enterprises_are_named_in_their_project(plan):
    for _, project in plan.projects():
        for e in project.enterprises:
            assert e.zh in project.name.zh + project.description.zh, (project.id, e.zh)


def test_commitments_quote_their_paragraph(plan):
    for c in plan.commitments.commitments:
        lp = plan.paragraph(c.paragraph)
        text = (lp.paragraph.lead.zh if lp.paragraph.lead else "") + lp.paragraph.text.zh
        assert c.text.zh in text, c.id


def test_earlier_values_and_targets_are_stated_in_their_paragraphs(plan):
    from plansite.textformat import number

    for ind in plan.indicators:
        for e in ind.earlier:
            lp = plan.paragraph(e.paragraph)
            assert number(e.value) + e.unit.zh in lp.paragraph.text.zh, (ind.id, e.value)


def test_every_plan_text_has_a_chinese_text(plan):
    """English may be pending; Chinese never."""
    for lp in plan.located_paragraphs():
        assert lp.paragraph.text.zh.strip()
