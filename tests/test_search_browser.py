"""Search puts the phrase first, in real Chromium against the built site, with queries taken from the data.

For a query of several words (English glossary renderings, indicator names) or a Chinese term (glossary terms,
indicator names), every result page that holds the whole phrase must come before every result page that holds
only some of its words. Which page holds the phrase is read from the built HTML, not from the search index.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jieba
import pytest

from .conftest import at, visit

pytestmark = [pytest.mark.browser, pytest.mark.build]

QUERIES_PER_LANGUAGE = 5
CJK = "\u2e80-\u9fff\uff00-\uffef"


def plain(text: str) -> str:
    """The page text as search-rank.js reads it: runs of spaces and hyphens as one space, none beside Chinese."""
    text = re.sub(r"[\u200b\u00ad]", "", text)
    text = re.sub(r"[\s\-]+", " ", text)
    text = re.sub(f" ?([{CJK}]) ?", r"\1", text)
    return text.lower().strip()


class ArticleText(HTMLParser):
    """The text of a page's article, without the share panel and the permalink signs (which are not indexed)."""

    SKIP = ("share", "headerlink")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the article
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += tag not in ("br", "img", "input", "hr", "meta", "link", "wbr", "path")
            if self.skipping or tag in ("script", "style") or any(c in self.SKIP for c in classes):
                self.skipping += tag not in ("br", "img", "input", "hr", "wbr", "path")
            self.parts.append(" ")
        elif tag == "article" and "md-content__inner" in classes:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in ("br", "img", "input", "hr", "wbr", "path"):
            self.depth -= 1
            if self.skipping:
                self.skipping -= 1
            self.parts.append(" ")

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.parts.append(data)


def page_texts(site: Path, prefix: str) -> dict[str, str]:
    """URL path -> plain article text of every page of one language."""
    root = site / prefix.rstrip("/") if prefix else site
    texts = {}
    for html in root.rglob("index.html"):
        rel = html.parent.relative_to(root).as_posix()
        if (not prefix and rel.split("/")[0] == "en") or rel.split("/")[0] in ("embed", "search"):
            continue
        parser = ArticleText()
        parser.feed(html.read_text(encoding="utf-8"))
        path = "/" + prefix + ("" if rel == "." else rel + "/")
        texts[path] = plain("".join(parser.parts))
    return texts


def english_words(phrase: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", phrase) if len(w) > 3]


def pick(candidates: set[str], texts: dict[str, str], parts) -> list[str]:
    """Terms on a few pages whose words also stand apart on others: where ranking word by word goes wrong."""
    scored = []
    for term in sorted(candidates):
        words = parts(term)
        holding = [t for t in texts.values() if term in t]
        partial = [t for t in texts.values() if term not in t and any(w in t for w in words)]
        if len(words) > 1 and 1 <= len(holding) <= 6 and partial:
            scored.append((-len(partial), term))
    return [term for _n, term in sorted(scored)[:QUERIES_PER_LANGUAGE]]


def english_queries(plan, texts) -> list[str]:
    names = {t.term.en for t in plan.glossary.terms} | {i.name.en for i in plan.indicators}
    phrases = {plain(re.sub(r"^the |\s*\(.*?\)", "", n.strip(), flags=re.I)) for n in names if n}
    return pick({p for p in phrases if " " in p}, texts, english_words)


def chinese_queries(plan, texts) -> list[str]:
    def grams(term: str) -> list[str]:  # the shorter words inside the term, as the index adds them
        return sorted({w for w in jieba.cut_for_search(term) if w != term and len(w) > 1})

    names = {t.term.zh for t in plan.glossary.terms} | {i.name.zh for i in plan.indicators}
    return pick({plain(n) for n in names if len(n) >= 4 and re.fullmatch(f"[{CJK}]+", n)}, texts, grams)


def results(pg, base_url: str, query: str) -> tuple[list[str], str]:
    """Type query into the open search; return the result pages in order (article links) and the results' text."""
    box = pg.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    pg.wait_for_selector(".md-search-result__item", state="detached", timeout=10_000)
    box.fill(query)
    box.press("End")  # Material reads the query on key-up
    pg.wait_for_selector(".md-search-result__item", timeout=15_000)
    pg.wait_for_timeout(300)
    links = pg.eval_on_selector_all(
        ".md-search-result__item", "items => items.map(li => li.querySelector('a.md-search-result__link').href)"
    )
    text = pg.locator(".md-search-result__list").inner_text()
    return [unquote(urlsplit(h).path) for h in links], text


@pytest.fixture
def search_page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()

    def open_search(prefix: str):
        visit(pg, base_url + at(prefix))
        with pg.expect_response(lambda r: r.url.endswith("/search/search_index.json")):
            pg.locator("input.md-search__input").click()  # the index is fetched on first use (lazy-search.js)
        pg.wait_for_selector(".md-search-result__meta", state="attached")
        pg.wait_for_timeout(800)  # the worker builds the index
        return pg

    yield open_search
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_pages_with_the_whole_phrase_come_first(search_page, base_url, built_site, plan, prefix):
    texts = page_texts(built_site, prefix)
    queries = chinese_queries(plan, texts) if prefix == "" else english_queries(plan, texts)
    assert len(queries) >= 3, queries  # the data offers enough such terms; fewer would mean the picking broke
    pg = search_page(prefix)
    wrong = {}
    for query in queries:
        found, _text = results(pg, base_url, query)
        holds = [query in texts.get(path, "") for path in found]
        assert all(path in texts for path in found), (query, [p for p in found if p not in texts])
        assert any(holds), (query, found)  # a page with the phrase is among those shown
        if holds != sorted(holds, reverse=True):
            wrong[query] = list(zip(found, holds))
    assert wrong == {}


def test_chinese_result_teasers_read_as_written(search_page, base_url, built_site, plan):
    """The index adds the shorter words inside longer ones (天门, 门市 before 天门市); the teasers do not show them."""
    texts = page_texts(built_site, "")
    pg = search_page("")
    doubled = {}
    for query in chinese_queries(plan, texts)[:2]:
        results(pg, base_url, query)
        teasers = pg.eval_on_selector_all(
            ".md-search-result__item",
            """items => items.map(li => [li.querySelector('a.md-search-result__link').href,
                Array.from(li.querySelectorAll('article p:not(.md-search-result__terms)')).map(p => p.innerText)])""",
        )
        for href, paragraphs in teasers:
            page = texts[unquote(urlsplit(href).path)]
            for chunk in (c for p in paragraphs for c in p.split("…")):
                if len(plain(chunk)) >= 6 and plain(chunk) not in page:
                    doubled[query, href] = chunk
    assert doubled == {}
