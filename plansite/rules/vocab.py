"""The Chinese words staff use for the closed vocabularies, and the id each one should be written as."""

from __future__ import annotations

# Chinese word -> id. A suggestion is only made when the id is allowed in the field at hand.
CHINESE_IDS: dict[str, str] = {
    # stages of flagship projects and milestones (status/projects/, status/milestones/)
    "前期": "planning",
    "规划": "planning",
    "筹备": "planning",
    "在建": "under-construction",
    "开工": "under-construction",
    "建设中": "under-construction",
    "投产": "in-operation",
    "运营": "in-operation",
    "运行": "in-operation",
    "完成": "completed",
    "竣工": "completed",
    "建成": "completed",
    "推进中": "in-progress",
    "推进": "in-progress",
    "进行中": "in-progress",
    "已实现": "achieved",
    "已获批": "achieved",
    "实现": "achieved",
    "获批": "achieved",
    # observation kind
    "存量": "level",
    "总量": "level",
    "水平": "level",
    "年末": "level",
    "累计": "cumulative-total",
    "当年": "yearly-flow",
    "年度": "yearly-flow",
    "新增": "yearly-flow",
    "增量": "yearly-flow",
    # observation match
    "一致": "exact",
    "完全一致": "exact",
    "精确": "exact",
    "近似": "close-equivalent",
    "相近": "close-equivalent",
    "口径相近": "close-equivalent",
    # source kind
    "统计公报": "statistics-bulletin",
    "公报": "statistics-bulletin",
    "政府工作报告": "government-work-report",
    "部门报告": "department-report",
    "部门": "department-report",
    "报纸": "newspaper",
    "新闻": "newspaper",
    "媒体": "newspaper",
    "通知": "government-notice",
    "政府通知": "government-notice",
    "其他": "other",
    # editorial notes: confidence
    "高": "high",
    "中": "medium",
    "低": "low",
}


def suggest(value: object, allowed: tuple[str, ...] | list[str]) -> str | None:
    """The id to write for a Chinese word, when that id is allowed here."""
    if not isinstance(value, str):
        return None
    word = value.strip()
    hit = CHINESE_IDS.get(word)
    return hit if hit in allowed else None
