"""Summary citations: a cited article carries the sentence's figures and names.

Fixtures: the example pages and the SaudiNewsNet sample (tests/fixtures/stories/README.md).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "stories"))
from stories_fixtures import kazakhstan, snn

from marsad.normalise import digits_to_ascii
from marsad.records import Article, Entity, Story
from marsad.stories import build
from marsad.stories.text import figures

_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _numbers(text: str) -> set[float]:
    return {float(n) for n in _DIGITS.findall(digits_to_ascii(text))}


def _unsupported(stories: list[Story], articles: list[Article]) -> list[tuple[str, str]]:
    """(sentence, cited article) pairs whose article lacks a number or an entity of it."""
    by_id = {a.id: a for a in articles}
    bad = []
    for story in stories:
        for s in story.summary:
            own = next((by_id[i] for i in s["articles"] if s["text"] in by_id[i].text), None)
            if own is None:
                continue
            start = own.text.index(s["text"])
            end = start + len(s["text"])
            entities = {m.entity for m in own.mentions
                        if m.entity and start <= m.start and m.end <= end}
            for aid in s["articles"]:
                cited = by_id[aid]
                numbers = _numbers(cited.text) | {q.value for q in cited.quantities}
                if not _numbers(s["text"]) <= numbers or not entities <= {
                        m.entity for m in cited.mentions}:
                    bad.append((s["text"], aid))
    return bad


def _snn() -> tuple[list[Article], list[Entity]]:
    return snn()[0], []


@pytest.mark.parametrize("load", [kazakhstan, _snn], ids=["pages", "snn"])
def test_every_citation_carries_the_sentences_figures_and_names(
        load: Callable[[], tuple[list[Article], list[Entity]]]) -> None:
    articles, entities = load()
    stories, _ = build(articles, entities)
    assert _unsupported(stories, articles) == []


def test_similar_wording_with_other_figures_is_no_support() -> None:
    # Al-Watan's gold report (00822) and Asharq Al-Awsat's (00132) tell the same market day
    # in similar words; the futures sentence with its figures is Al-Watan's alone.
    articles = snn()[0]
    stories, _ = build(articles, [])
    story = next(s for s in stories if "SNN-2015-08-01-00822" in s.articles)
    assert "SNN-2015-08-01-00132" in story.articles
    (futures,) = [s for s in story.summary if "1096.20" in s["text"]]
    assert futures["articles"] == ["SNN-2015-08-01-00822"]


def test_state_of_emergency_cites_the_pages_with_its_dates() -> None:
    # The 5-19 January state of emergency: page 000 tells of it without those dates.
    articles, entities = kazakhstan()
    stories, _ = build(articles, entities)
    pages = {a.id[:3]: a.id for a in articles}
    (emergency,) = [s for s in stories[0].summary if "حالة الطوارئ" in s["text"]
                    and "19" in s["text"]]
    assert pages["000"] not in emergency["articles"]
    assert pages["002"] in emergency["articles"]


def test_figures_are_read_in_any_spelling() -> None:
    assert figures("جهّزنا 1,263 مركزاً") == figures("1263 مركزا") == {"1263"}
    assert figures("ارتفع ٢٫٤٠ في المئة") == {"2.4"}
    assert figures("هبط 2.4 مليون") == {"2.4"}
