"""Chinese word segmentation for the search index.

Material's search plugin cuts Chinese text into words with jieba.cut, so a word
inside a longer one (医药 in 生物医药, 器械 in 医疗器械) is never found. Indexing
with jieba.cut_for_search adds the shorter words inside each long one, and the
plan's own terms are added to jieba's dictionary so they also stay whole.

Each added shorter word is marked with SUBWORD (U+2060, in the search separator of
mkdocs.yml, so the index still holds the bare word). The browser can then take the
added words out again and see the text as written: to show readable result teasers
and to put pages holding the whole phrase first
(overrides/assets/javascripts/workers/search-rank.js).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import jieba

from .plan import Plan

SUBWORD = "\u2060"  # WORD JOINER: invisible, never in the plan's text, a search separator (mkdocs.yml)


def cut_marked(text: str | bytes) -> Iterator[str]:
    """jieba.cut_for_search, with each shorter word it adds inside a longer one marked by SUBWORD.

    Joined without the marked words, the tokens give back the text: the words as jieba.cut finds them.
    """
    jieba.dt.check_initialized()  # the dictionary is loaded on first use
    frequencies = jieba.dt.FREQ
    for word in jieba.cut(text):
        for n in (2, 3):
            if len(word) > n:
                for i in range(len(word) - n + 1):
                    if frequencies.get(word[i : i + n]):
                        yield SUBWORD + word[i : i + n]
        yield word


class SearchSegmenter:
    """Stands in for the jieba module inside Material's search plugin: only `cut` is used there."""

    def cut(self, text, *args, **kwargs) -> Iterator[str]:
        return cut_marked(text)

    def __getattr__(self, name):  # anything else behaves as jieba itself
        return getattr(jieba, name)


def plan_terms(plan: Plan) -> list[str]:
    """Words the search must keep whole: glossary terms, chain and enterprise names."""
    terms: set[str] = set()
    terms.update(t.term.zh for t in plan.glossary.terms)
    terms.update(c.name.zh for c in plan.chains)
    for _, project in plan.projects():
        terms.update(e.zh for e in project.enterprises)
    return sorted(t for t in terms if 1 < len(t) <= 20 and "(" not in t)


def add_terms(terms: Iterable[str]) -> None:
    jieba.setLogLevel(60)  # jieba prints its cache use on stderr; MkDocs --strict does not mind, readers do
    for term in terms:
        jieba.add_word(term, freq=2_000)


def install(search_plugin_module, plan: Plan) -> None:
    """Swap the segmenter of Material's search plugin (module material.plugins.search.plugin) for ours."""
    if getattr(search_plugin_module, "jieba", None) is None:
        return
    add_terms(plan_terms(plan))
    search_plugin_module.jieba = SearchSegmenter()
