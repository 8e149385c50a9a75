"""Typed models, one per kind of YAML file in data/, with a description on every field.

The JSON Schemas in schemas/ are generated from these models (see schemas.py).
Validators raise PydanticCustomError with the checker's own problem codes, so a
wrong value in a file is reported with the same code however it is caught.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

# A year as any file writes it: a calendar year no plan's data leaves, so a slip such as 20223 or 202 is caught in
# the file itself. Which years a plan allows (its period, its baseline, how far back its history goes) is read from
# its plan.yaml by the rule plansite.rules.years; no plan's years are written in the engine.
YEAR_MIN, YEAR_MAX = 1900, 2100

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FULLWIDTH_DIGIT = re.compile(r"[\uff10-\uff19\uff0e\uff0c]")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_NUMBER_THEN_TEXT = re.compile(r"^[+-]?\d+(\.\d+)?\s*\S+$")


def _number(v):
    """Accept int/float; explain the usual ways a number gets typed wrong."""
    if isinstance(v, bool):
        raise PydanticCustomError("type-wrong", "应当是数字，不是 true/false")
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, str):
        s = v.strip()
        if _FULLWIDTH_DIGIT.search(s):
            raise PydanticCustomError(
                "number-full-width",
                "“{v}”中有全角数字，应写作 {fixed}",
                {"v": v, "fixed": unicodedata.normalize("NFKC", s)},
            )
        if _THOUSANDS.match(s):
            raise PydanticCustomError(
                "number-thousands-separator", "“{v}”应写作 {fixed}", {"v": v, "fixed": s.replace(",", "")}
            )
        if _PLAIN_NUMBER.match(s):
            raise PydanticCustomError("number-quoted", "“{v}”加了引号，会被当作文字", {"v": v})
        if _NUMBER_THEN_TEXT.match(s) or re.match(r"^[+-]?\d", s):
            raise PydanticCustomError("number-with-unit", "“{v}”不是纯数字", {"v": v})
    raise PydanticCustomError("type-wrong", "应当是数字")


def _integer(v):
    v = _number(v)
    if isinstance(v, float) and not v.is_integer():
        raise PydanticCustomError("type-wrong", "应当是整数")
    return int(v)


def _year(v: int) -> int:
    if not YEAR_MIN <= v <= YEAR_MAX:
        raise PydanticCustomError("year-out-of-range", "{v} 不像是一个年份（应写四位数的公历年份）", {"v": v})
    return v


def _word(v):
    v = _str(v)
    if not v.strip():
        raise PydanticCustomError("type-wrong", "不能为空")
    return v.strip()


def _id(v: str) -> str:
    if not isinstance(v, str) or not _ID.match(v):
        raise PydanticCustomError("id-invalid", "“{v}”不是合格的 id", {"v": v})
    return v


def _date(v):
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v.strip())
        except ValueError:
            pass
    raise PydanticCustomError("date-invalid", "“{v}”不是 YYYY-MM-DD 格式的日期", {"v": v})


def _url(v):
    if not isinstance(v, str) or not re.match(r"^https?://[^\s/]+\.[^\s]+$", v.strip()):
        raise PydanticCustomError("url-invalid", "“{v}”不是完整的网址", {"v": v})
    return v.strip()


def _str(v):
    if not isinstance(v, str):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return str(v)  # YAML reads 2020 as a number; in a text field it is text
        raise PydanticCustomError("type-wrong", "应当是文字")
    return v


Number = Annotated[int | float, BeforeValidator(_number)]
Integer = Annotated[int, BeforeValidator(_integer)]
Year = Annotated[int, BeforeValidator(_integer), AfterValidator(_year)]
Id = Annotated[str, BeforeValidator(_id)]
Date = Annotated[dt.date, BeforeValidator(_date)]
Url = Annotated[str, BeforeValidator(_url)]
Str = Annotated[str, BeforeValidator(_str)]
Word = Annotated[str, BeforeValidator(_word)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


def _zh_not_empty(v: str) -> str:
    if not v.strip():
        raise PydanticCustomError("text-zh-empty", "zh 不能为空")
    return v


class Text(Model):
    """A text a reader sees, in Chinese (the original) and English (translation, may be pending)."""

    zh: Annotated[str, BeforeValidator(_str), AfterValidator(_zh_not_empty)]
    """中文：必填；出自规划原文的文字照原样抄录。
    Chinese text, exactly as in the source where it comes from the plan."""
    en: Str = ""
    """English：英文译文，可以暂时留空。
    English translation; empty while the translation is pending."""


# --------------------------------------------------------------------------- target qualifiers

Comparison = Literal["at-least", "more-than", "about", "at-most", "less-than"]
"""What a target's qualifier means for the status rule: value ≥ target, > target, within a tolerance of it, ≤, <."""


class QualifierPlace(Model):
    """Where the qualifier stands beside the number in each language."""

    zh: Literal["before", "after"]
    """In Chinese: before the number (超过30%) or after it (10家以上)."""
    en: Literal["before", "after"]
    """In English: before the amount (more than 30%) or after it (10 or more)."""


class Qualifier(Model):
    """A word a target's number carries (以上, 超过, 左右 …): how the site writes it and what the status rule reads."""

    text: Text
    """The word in Chinese, as the plan prints it, and in English."""
    place: QualifierPlace
    """Where it stands beside the number, per language."""
    comparison: Comparison
    """What it means: at-least (≥), more-than (>), about (within the tolerance), at-most (≤), less-than (<)."""
    tolerance: Number | None = None
    """For about: how far from the target, as a share of the target, still counts as reaching it (0.05 = 5%).
    A rule setting, not plan text."""


def _q(zh: str, en: str, zh_place: str, en_place: str, comparison: str, tolerance: float | None = None) -> Qualifier:
    return Qualifier.model_validate(
        {
            "text": {"zh": zh, "en": en},
            "place": {"zh": zh_place, "en": en_place},
            "comparison": comparison,
            "tolerance": tolerance,
        }
    )


# The engine's default vocabulary: a plan's plan.yaml `qualifiers` adds words or overrides these, so a new plan
# needs no wording edits for the usual ones. The tolerance of 左右 is the engine's setting, shown with the rule.
DEFAULT_QUALIFIERS: dict[str, Qualifier] = {
    "以上": _q("以上", "or more", "after", "after", "at-least"),
    "超过": _q("超过", "more than", "before", "before", "more-than"),
    "不低于": _q("不低于", "at least", "before", "before", "at-least"),
    "不少于": _q("不少于", "at least", "before", "before", "at-least"),
    "左右": _q("左右", "about", "after", "before", "about", 0.05),
    "以下": _q("以下", "or less", "after", "after", "at-most"),
    "以内": _q("以内", "or less", "after", "after", "at-most"),
    "不超过": _q("不超过", "no more than", "before", "before", "at-most"),
    "不高于": _q("不高于", "no more than", "before", "before", "at-most"),
    "低于": _q("低于", "less than", "before", "before", "less-than"),
}


# --------------------------------------------------------------------------- plan.yaml


class Period(Model):
    """The years a plan covers."""

    start: Year
    """First year of the plan period."""
    end: Year
    """Last year of the plan period."""


class PlanMeta(Model):
    """data/plan.yaml: what the document is and where it was published."""

    title: Text
    """The plan's title."""
    short_title: Text | None = None
    """A short name for the site's name and for chart credits; the title is used when empty."""
    issuer: Text
    """The office that issued the plan."""
    notice_title: Text
    """Title of the notice that published the plan."""
    document_date: Date
    """Date on the issuing notice."""
    published: Date
    """Date the notice was published on the government site."""
    published_time: Str = ""
    """Time of publication as shown on the government site (HH:MM)."""
    source_url: Url
    """Page of the government site the text was taken from."""
    source: Id
    """Id of the plan document itself among the plan's sources (sources/<id>.yaml; cited by the downloads and the
    indicator table)."""
    source_section: Str = ""
    """Where the page sits on the government site (its breadcrumb)."""
    period: Period
    """The plan period."""
    baseline_year: Year
    """Year of the indicator table's baseline values."""
    history_from: Year | None = None
    """The earliest year a value may be given for (earlier values the text states, observations, dates). Empty: the
    earliest year the indicator table states (its earlier values, else the baseline year)."""
    qualifiers: dict[Word, Qualifier] = {}
    """Target qualifiers this plan uses beyond the engine's defaults (以上, 超过, 不低于, 左右, 不超过 …), or a
    different wording or meaning for one of them: the word as the plan prints it -> its wording and meaning."""
    summary: Text
    """A short plain-language description of the plan, written for this site (not plan text)."""
    translation: Literal["pending", "complete"] = "pending"
    """Set to complete once every text has its English: from then on an empty English text is an error."""
    headline_indicators: list[Id] = []
    """Indicators shown as key numbers on the home page, in order."""


# --------------------------------------------------------------------------- plan text


class Paragraph(Model):
    """One paragraph of the plan text."""

    id: Annotated[str, BeforeValidator(_str)]
    """Stable id: the id of its section, -p and its number, e.g. 3-2-p12 (section 3-2, twelfth paragraph); a
    paragraph of a chapter itself (before its first section, or in a chapter without sections): 3-p1. Never reuse
    or renumber."""
    lead: Text | None = None
    """Run-in lead phrase printed before the body (in the source it is glued to the body)."""
    text: Text
    """The body of the paragraph, exactly as in the source."""


class Division(Model):
    """A chapter, section, item or sub-item of the plan, with its original numbering."""

    id: Annotated[str, BeforeValidator(_str)]
    """Stable id from the numbering: 3 (chapter), 3-2 (section), 3-2-1 (item), 3-3-1-2 (sub-item)."""
    number: Str
    """The number as printed: 一、 / (一) / 1. / (1)."""
    title: Text
    """The heading, without its number."""
    title_run_in: bool = False
    """True when the source glues the heading to the first paragraph (1.高新技术产业快速发展大力实施…)."""
    source_heading: Str | None = None
    """The heading line exactly as the damaged source prints it, when it differs from number + title."""
    paragraphs: list[Paragraph] = []
    """Paragraphs before any sub-divisions."""
    children: list[Division] = []
    """Sub-divisions, in order."""
    box: Id | None = None
    """Id of an industry chain whose project box (专栏) is printed at the end of this division."""
    table: Literal["indicators"] | None = None
    """A table printed at the end of this division."""


class Chapter(Division):
    """data/plan/N.yaml: one chapter of the plan text."""


# --------------------------------------------------------------------------- indicators


class StatedValue(Model):
    """A value for an earlier year stated in the plan text (e.g. “十二五”末)."""

    year: Year
    """The year the value refers to."""
    period_label: Text
    """How the text names the time, e.g. “十二五”末."""
    value: Number
    """The value exactly as the text states it."""
    unit: Text
    """The unit the text uses for this value."""
    paragraph: Str
    """Id of the paragraph that states it."""
    note: Text | None = None
    """How this value relates to the indicator's definition."""


class Continues(Model):
    """The same indicator in an earlier plan of this site (高新技术企业 2026–2030 continuing 2021–2025)."""

    plan: Id
    """The earlier plan's folder (data/<plan>/, listed in data/site.yaml)."""
    indicator: Id
    """The indicator's id in that plan."""


class Target(Model):
    """The target of an indicator (for the plan's end year)."""

    year: Year
    """Target year."""
    value: Number
    """Target value as printed in the table."""
    qualifier: Word | None = None
    """Qualifier the text gives, as printed (以上, 超过, 左右 …): one of the engine's defaults or of plan.yaml's
    qualifiers; empty when the text gives none."""
    paragraphs: list[Str] = []
    """Ids of the paragraphs that state this target in the text."""


class Baseline(Model):
    """The baseline value of an indicator (for the plan's baseline year)."""

    year: Year
    """Baseline year (plan.yaml baseline_year)."""
    value: Number
    """Baseline value as printed in the table."""


class ValueRange(Model):
    """The values an indicator can take, when they differ from the default (≥ 0; 0–100 for a percentage)."""

    min: Number = 0
    """Smallest plausible value."""
    max: Number | None = None
    """Largest plausible value; empty for no upper bound."""


class Indicator(Model):
    """One row of the plan's table of main indicators."""

    id: Id
    """Stable id used in URLs, e.g. high-tech-enterprises."""
    number: Integer
    """Row number (序号) as printed."""
    name: Text
    """Indicator name as printed."""
    unit: Text | None = None
    """Unit; empty when neither the table nor the text gives one."""
    unit_source: Literal["table", "text", "none"]
    """Where the unit comes from: printed in the table, inferred from the text, or nowhere."""
    unit_paragraph: Str | None = None
    """When the unit is inferred from the text: the paragraph that uses it."""
    cumulative: bool
    """True for 累计 (cumulative) indicators."""
    direction: Literal["higher", "lower"] = "higher"
    """Whether a higher value is better."""
    baseline: Baseline
    """The baseline value."""
    target: Target
    """The target."""
    earlier: list[StatedValue] = []
    """Earlier values the plan text states."""
    range: ValueRange | None = None
    """Allowed values, when not the default (≥ 0, and 0–100 for a percentage): the checker refuses any value outside."""
    tolerance: Number | None = None
    """Status tolerance: how far below the expected path (as a share of the baseline-to-target distance) still counts as on track."""
    note: Text | None = None
    """Editorial note on the definition or the table."""
    expected_sources: list[Text] = []
    """Kinds of publication that usually report this indicator (统计公报, 政府工作报告, 科技局 reports …)."""
    continues: Continues | None = None
    """The indicator this one continues in an earlier plan of the site: both pages link to each other."""


class NumberingGap(Model):
    number: Integer
    """The missing number."""
    note: Text
    """What is known about the gap."""


class IndicatorTable(Model):
    """data/indicators.yaml: the plan's table of main indicators, as printed."""

    title: Text
    """Table title as printed."""
    columns: list[Text]
    """Column headings as printed."""
    division: Str
    """Id of the plan division that prints the table."""
    numbering_gaps: list[NumberingGap] = []
    """Row numbers the printed table skips."""
    indicators: list[Indicator]
    """The rows, in printed order."""


# --------------------------------------------------------------------------- industry chains


class Quantity(Model):
    """A quantity a project description states, as a number with its unit."""

    kind: Literal[
        "capacity",
        "floor_area",
        "land_area",
        "equipment",
        "investment",
        "output_value",
        "tax",
        "jobs",
        "production_lines",
        "facilities",
        "brands",
        "enterprises",
        "other",
    ]
    """What the number measures."""
    item: Text | None = None
    """What is counted or produced, e.g. 芳基吡唑腈."""
    value: Number | None = None
    """The number as stated; use min/max for a range."""
    min: Number | None = None
    """Lower end of a stated range."""
    max: Number | None = None
    """Upper end of a stated range."""
    unit: Text
    """The unit as stated, e.g. 吨/年, 平方米, 台(套), 亿元."""
    qualifier: Text | None = None
    """Qualifier the text gives, e.g. 以上, 余, 可达, 预计."""
    source: Str
    """The words of the description the quantity is read from."""


class Project(Model):
    """One flagship project of a 专栏."""

    id: Id
    """Stable id, e.g. biomedicine-chemicals-03."""
    number: Integer
    """Number in the 专栏 as printed."""
    name: Text
    """Project name as printed (with the source's trailing 。 when it has one)."""
    enterprises: list[Text] = []
    """Enterprises named in the project text."""
    description: Text
    """The full description, exactly as printed."""
    quantities: list[Quantity] = []
    """Quantities the description states."""


class Box(Model):
    """The heading of a project box (专栏)."""

    number: Str
    """The box label as printed, e.g. 专栏1."""
    title: Text
    """The box title as printed."""


class Chain(Model):
    """data/industries/<id>.yaml: one industry chain (产业链) and its flagship projects."""

    id: Id
    """Stable id used in URLs."""
    order: Integer
    """Position among the chains (1, 2, 3 …), as in the plan."""
    name: Text
    """Name of the chain."""
    division: Str
    """Id of the plan division that describes the chain (its 思路与目标 and 发展方向)."""
    box: Box
    """The project box (专栏) heading."""
    projects: list[Project]
    """The flagship projects, in printed order."""


# --------------------------------------------------------------------------- commitments


class Commitment(Model):
    """A quantitative promise the plan text makes."""

    id: Id
    """Stable id."""
    text: Text
    """The promise in short, as the text words it."""
    paragraph: Str
    """Id of the paragraph that makes it."""
    value: Number | None = None
    """The promised number, exactly as stated."""
    min: Number | None = None
    """Lower end of a promised range (where the source lost its range dash, from the editorial note)."""
    max: Number | None = None
    """Upper end of a promised range."""
    unit: Text
    """Unit as stated."""
    qualifier: Text | None = None
    """以上, 超过, 力争 … as stated."""
    year: Year | None = None
    """Year by which it is promised; empty when the text names no year."""
    per_year: bool = False
    """True when the promise is a yearly amount (每年)."""
    indicator: Id | None = None
    """The indicator of the table this restates, if any."""
    note: Id | None = None
    """Id of an editorial note that affects how the number is read."""


class Milestone(Model):
    """A status the plan aims for (国家高新区, 国家创新型县(市) …)."""

    id: Id
    """Stable id."""
    name: Text
    """What is to be achieved."""
    deadline: Text | None = None
    """By when, as the text puts it (e.g. 十四五期间)."""
    paragraphs: list[Str]
    """Ids of the paragraphs that state it."""


class Commitments(Model):
    """data/commitments.yaml: quantitative promises and milestones stated in the text."""

    commitments: list[Commitment]
    """Quantitative promises, in text order."""
    milestones: list[Milestone]
    """Milestones, in text order."""


# --------------------------------------------------------------------------- references, notes, sources


class Reference(Model):
    """A policy document or programme the plan cites."""

    id: Id
    """Stable id."""
    title: Text
    """Title as cited."""
    doc_number: Str | None = None
    """Document number as printed, e.g. 天政发〔2017〕8号."""
    paragraphs: list[Str]
    """Ids of the paragraphs that cite it."""


class References(Model):
    """data/references.yaml: documents the plan cites."""

    references: list[Reference]
    """The cited documents, in text order."""


class EditorialNote(Model):
    """A place where the extracted source text is damaged, with its probable reading."""

    id: Id
    """Stable id."""
    kind: Literal[
        "lost-range-dash",
        "lost-character",
        "lost-punctuation",
        "missing-number",
        "garbled",
        "glued-lead-in",
        "converted-punctuation",
        "other",
    ]
    """Kind of damage."""
    scope: Literal["paragraph", "heading", "project", "global"] = "paragraph"
    """What the note is attached to."""
    target: Str | None = None
    """Id of the paragraph, division or project the note is attached to (empty for a global note)."""
    source: Str
    """The source string exactly as the extracted text has it (for a global note, an example)."""
    reading: Text
    """The probable correct reading."""
    reason: Text
    """Why this reading is probable."""
    confidence: Literal["high", "medium", "low"]
    """How sure the reading is."""


class EditorialNotes(Model):
    """data/editorial-notes.yaml."""

    notes: list[EditorialNote]
    """The notes, in text order; global notes first."""


class Source(Model):
    """A public document a value rests on: one file each, data/<plan>/sources/<id>.yaml."""

    id: Id
    """来源 id：小写英文字母、数字和连字符，例如 tmrb-2024-03-21-high-tech-enterprises；也是文件名，保存后不要再改。
    Stable id."""
    title: Str
    """标题：照原样抄录的标题。
    Title as published."""
    publisher: Str
    """发布者：发布这份文件的单位或报纸（报纸可注明日期和版次）。
    Who published it."""
    date: Date | None = None
    """发布日期：页面上显示的发布日期；页面没有显示日期时留空，并取消勾选“页面显示日期”。
    Publication date, as the page shows it. Leave it out only together with date_shown: false."""
    date_shown: bool = True
    """页面显示日期：页面没有显示任何日期时取消勾选（此时发布日期必须留空）。
    False when the page shows no date: an explicit, checked statement (then date must be empty)."""
    earliest_date: Date | None = None
    """最早日期：仅在页面没有显示日期时填写，即正文本身提到的最早日期；否则留空。
    With date_shown: false, the earliest date the text itself implies (when it states one); else empty."""
    date_note: Str | None = None
    """日期说明：关于日期的补充，例如落款日期与网站发布时间不同。
    Anything more about the date (e.g. delivered vs published, or what the undated text refers to)."""
    url: Url | None = None
    """网址：发布者自己网站上这份文件的完整网址（从浏览器地址栏复制），网站引用和链接的就是它。
    The publisher's own address of the document: the one the site cites and links."""
    read_on: Url | None = None
    """全文副本网址：官方页面只能看到开头时，核对原文句子所用的全文副本的网址；网站不会把它当作来源链接。
    Address of a full-text copy the quoted sentences were checked on, when only the opening of the official page
    could be read. Kept in the data; the site says the sentence was checked against a copy and never links or cites
    the copy as the source."""
    kind: Literal[
        "statistics-bulletin", "government-work-report", "department-report", "newspaper", "government-notice", "other"
    ] = "other"
    """来源类型：统计公报、政府工作报告、部门报告、报纸、政府通知或其他。
    Kind of publication."""


class Sources(Model):
    """The registry of sources, referenced by id: gathered by plan.build from the plan's sources/ folder."""

    sources: list[Source]
    """Every source, once."""


class Observation(Model):
    """A published value of an indicator for a year: one file each, data/<plan>/observations/<indicator>-<year>.yaml."""

    indicator: Id
    """指标：这个数值属于规划主要指标表中的哪一项。
    Id of the indicator."""
    year: Year
    """年份：数值所属的年份（四位数的公历年份），不是来源的发布年份。
    Year the value refers to."""
    value: Number
    """数值：只写来源原文中的数字本身，不加单位、不加千位分隔符；不要估算或推算。
    The value exactly as the source states it."""
    unit: Text
    """单位：来源使用的单位，应与指标的单位相同或可以换算（例如 万元 和 亿元）。
    The unit the source uses."""
    source: Id | None = None
    """来源：说出这个数值的公开来源；列表里没有时，先在“来源”中新建并发布，再回来选择。
    Id of the source (its file: sources/<id>.yaml)."""
    quote: Str | None = None
    """原文句子：从来源中原样复制说出这个数值的句子。
    The sentence of the source that states the value."""
    quote_note: Text | None = None
    """原文说明：原文句子中没有原样写出这个数字时（例如用文字或分项之和表述），说明怎样得到它。
    Why the value is not written literally in the quote (e.g. the source gives it in words or as a sum)."""
    kind: Literal["level", "cumulative-total", "yearly-flow"] = "level"
    """数值类型：年末水平（存量）、规划期以来的累计总数，或当年一年的数量；累计指标选累计总数，其余指标选年末水平。
    What the value is: a level or stock at year end, a cumulative total since the period began, or one year's flow."""
    match: Literal["exact", "close-equivalent"]
    """口径：来源的统计口径与规划指标完全一致，还是相近。
    Whether the source's definition matches the plan's exactly."""
    match_note: Text | None = None
    """口径说明：口径相近时，说明两者的差别。
    For a close equivalent: how the definitions differ."""
    as_of: Text | None = None
    """时点：来源给出的不是年末数时，原文所说的时点（例如 截至2021年12月），会显示在数值旁边。
    When the source gives the value at a point other than year end (e.g. 截至2021年12月): that statement, shown
    beside the value."""


class Observations(Model):
    """Published values of the plan's indicators: gathered by plan.build from the plan's observations/ folder."""

    observations: list[Observation]
    """One entry per indicator and year."""


PROJECT_STAGES = ("planning", "under-construction", "in-operation", "completed")
MILESTONE_STAGES = ("in-progress", "achieved")

# The Chinese name of each value of a Literal field that staff pick in the form editor (plansite/cms.py); the value
# written to the file stays the English id. Stages are named by the site's wording (ui.yaml stage.*) instead.
CHOICE_LABELS: dict[tuple[str, str], dict[str, str]] = {
    ("Source", "kind"): {
        "statistics-bulletin": "统计公报",
        "government-work-report": "政府工作报告",
        "department-report": "部门报告",
        "newspaper": "报纸",
        "government-notice": "政府通知",
        "other": "其他",
    },
    ("Observation", "kind"): {
        "level": "年末水平（存量）",
        "cumulative-total": "规划期累计总数",
        "yearly-flow": "当年数量",
    },
    ("Observation", "match"): {"exact": "口径一致", "close-equivalent": "口径相近"},
}


class StatusEntry(Model):
    """A dated, sourced fact about how far a flagship project or a milestone has got: one file each,
    data/<plan>/status/projects/<project>-<date>.yaml or status/milestones/<milestone>-<date>.yaml."""

    project: Id | None = None
    """重点项目：这条进展属于哪个重点项目（与里程碑二选一）。
    Id of the flagship project (give either project or milestone)."""
    milestone: Id | None = None
    """里程碑：这条进展属于哪个里程碑（与重点项目二选一）。
    Id of the milestone (give either project or milestone)."""
    date: Date
    """日期：来源原文所说的事件日期；原文没有写时用来源的发布日期。
    Date of the fact: the event date the source's text states, else the source's publication date (for a source
    whose page shows no date, the date its text states)."""
    stage: Literal["planning", "under-construction", "in-operation", "completed", "in-progress", "achieved"]
    """阶段：重点项目为 前期、在建、投产、完成；里程碑为 推进中、已实现。
    Stage: planning 前期, under-construction 在建, in-operation 投产, completed 完成 (projects);
    in-progress 推进中, achieved 已实现 (milestones)."""
    note: Text
    """摘要：用一两句话概括来源所说的进展。
    What the source says, in short."""
    source: Id
    """来源：说出这条进展的公开来源；列表里没有时，先在“来源”中新建并发布，再回来选择。
    Id of the source (its file: sources/<id>.yaml)."""
    quote: Str
    """原文句子：从来源中原样复制说出这条进展的句子。
    The sentence of the source the entry rests on."""


class StatusEntries(Model):
    """The known stage of flagship projects and milestones, each entry dated and sourced: gathered by plan.build
    from the plan's status/projects/ and status/milestones/ folders."""

    entries: list[StatusEntry]
    """Entries in any order; the newest entry of each project or milestone is its current stage."""


class GlossaryTerm(Model):
    """A recurring term of the plan, with its one English rendering and a definition."""

    id: Id
    """Stable id."""
    term: Text
    """The term in Chinese and its one English rendering."""
    variants: list[Str] = []
    """Other English renderings a reader may search for (kept for search only, never used in the site's English)."""
    rejected: list[Str] = []
    """Renderings reviewed and rejected (wrong or misleading): the English edition must not use them."""
    definition: Text
    """A short definition for readers new to Chinese policy terms."""


class Glossary(Model):
    """data/glossary.yaml."""

    terms: list[GlossaryTerm]
    """The terms."""


class UiStrings(Model):
    """data/ui.yaml: the site's own words (navigation, labels, notices), in both languages."""

    strings: dict[str, Text]
    """Key -> text. Keys are used by the page templates; a test checks every key a template uses exists."""


Division.model_rebuild()
Chapter.model_rebuild()


_REPO = re.compile(r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+$")


def _repo(v):
    v = _word(v)
    if not _REPO.match(v):
        raise PydanticCustomError("editor-setting-invalid", "repo“{v}”应写作 所有者/仓库名", {"v": v})
    return v


class EditorSettings(Model):
    """site.yaml editor: where the form editor at /admin/ (Decap CMS) saves, and how staff sign in.

    plansite/cms.py writes docs/admin/config.yml and the editor page's Content-Security-Policy from these settings;
    ARCHITECTURE.md ("Form editor") says what each platform needs."""

    backend: Literal["github", "gitlab", "gitea"] = "github"
    """代码托管平台：github（GitHub 或 GitHub Enterprise）、gitlab（GitLab.com 或自建 GitLab）、gitea（自建 Gitea）。
    The platform holding the repository."""
    repo: Annotated[str, BeforeValidator(_repo)]
    """仓库：所有者/仓库名，例如 kjj-tianmen/plan-site。
    The repository, owner/name (GitLab: group/subgroup/name)."""
    branch: Word = "main"
    """分支：网站从哪个分支发布。GitHub、GitLab：保存时从这个分支开出拉取请求（合并请求）；Gitea：直接提交到这个分支。
    The branch the site is published from: pull requests target it (GitHub, GitLab); Gitea commits to it."""
    api_root: Url | None = None
    """API 地址：自建 GitLab（https://git.example.cn/api/v4）、Gitea（https://git.example.cn/api/v1）或
    GitHub Enterprise（https://github.example.cn/api/v3）的 API 地址；用 github.com 或 gitlab.com 时留空。
    API address of a self-hosted platform; empty for github.com and gitlab.com."""
    base_url: Url | None = None
    """登录服务地址：GitHub 为 OAuth 登录服务（例如自建的 OAuth 代理）的地址；GitLab、Gitea 为平台本身的地址
    （https://git.example.cn）。用 GitHub 时留空则使用 Netlify 的登录服务。
    Where sign-in happens: GitHub: the OAuth service (empty: Netlify's); GitLab, Gitea: the platform itself."""
    auth_endpoint: Word | None = None
    """登录路径：登录服务上授权页面的路径，例如 auth（GitHub 的 OAuth 代理）或 oauth/authorize（GitLab）；一般留空。
    Path of the authorisation page on base_url; empty for the platform's default."""
    app_id: Word | None = None
    """应用 ID：在 GitLab 或 Gitea 中为本网站登记的 OAuth 应用的 Client ID（GitLab、Gitea 必填，回调地址填 /admin/）。
    Client id of the OAuth application registered on GitLab or Gitea (required there)."""

    @model_validator(mode="after")
    def _needs(self) -> EditorSettings:
        missing = [name for name in _EDITOR_NEEDS[self.backend] if getattr(self, name) is None]
        if missing:
            raise PydanticCustomError(
                "editor-setting-invalid",
                "backend: {backend} 还需要填写 {fields}",
                {"backend": self.backend, "fields": "、".join(missing)},
            )
        return self


# What each platform cannot do without (Decap CMS 3.16: GitLab signs in with PKCE and needs the application's id;
# Gitea has no default host, so its API and sign-in addresses must be given).
_EDITOR_NEEDS: dict[str, tuple[str, ...]] = {
    "github": (),
    "gitlab": ("app_id",),
    "gitea": ("app_id", "api_root", "base_url"),
}


class SiteSettings(Model):
    """data/site.yaml: what holds for the whole site rather than for one plan."""

    name: Text
    """The site's name (the header, every page's title, the feeds), the same on every plan's pages: the site's own,
    not one plan's title. A data folder without site.yaml (one plan) takes its plan's name instead."""
    plans: list[Id]
    """The plan folders under data/, in the order the landing page lists them. Each folder's name is the plan's
    address prefix (data/2021-2025/ -> /2021-2025/… and /en/2021-2025/…)."""
    current: Id
    """The folder of the plan the landing page features (one of plans)."""
    legacy_plan: Id | None = None
    """The plan whose pages had addresses without a prefix before plans got their own (/indicators/… became
    /2021-2025/indicators/…): reference/published-addresses.txt redirects to it. Empty: no such addresses."""
    editor: EditorSettings | None = None
    """表单编辑器：/admin/ 的表单保存到哪个仓库、怎样登录。留空时表单编辑器只能在本机配合 decap-server 使用。
    The form editor's repository and sign-in (see EditorSettings). Empty: the editor works only locally, with
    decap-server."""
