"""Chinese search segmentation (plansite/search.py): the shorter words added for search are marked, so the
browser can read the text as written (overrides/assets/javascripts/workers/search-rank.js)."""

from __future__ import annotations

import re

import jieba
import yaml

from plansite import paths
from plansite.search import SUBWORD, SearchSegmenter, add_terms, plan_terms


def test_marked_tokens_are_jiebas_search_words_and_give_back_the_text(plan):
    add_terms(plan_terms(plan))
    texts = [located.paragraph.text.zh for located in list(plan.located_paragraphs())[:40]]
    for text in texts:
        tokens = list(SearchSegmenter().cut(text.encode("utf-8")))  # Material passes bytes
        assert [t.removeprefix(SUBWORD) for t in tokens] == list(jieba.cut_for_search(text))
        assert "".join(t for t in tokens if not t.startswith(SUBWORD)) == text
    assert any(t.startswith(SUBWORD) for text in texts for t in SearchSegmenter().cut(text))


class _AnyTag(yaml.SafeLoader):
    pass


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def search_separator(config: str) -> str:
    data = yaml.load((paths.ROOT / config).read_text(encoding="utf-8"), Loader=_AnyTag)
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "search" in plugin:
            return plugin["search"]["separator"]
    raise AssertionError(f"no search separator in {config}")


def test_the_marker_is_a_search_separator_in_chinese_and_english_keeps_materials():
    chinese = re.compile(search_separator("mkdocs.yml"))
    assert chinese.fullmatch(SUBWORD) and chinese.fullmatch("\u200b")
    assert not chinese.search("生物医药")
    assert search_separator("mkdocs.en.yml") == r"[\s\-]+"  # not the Chinese one, which it would inherit
