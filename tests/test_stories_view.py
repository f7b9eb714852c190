"""The story view: a self-contained, escaped, right-to-left HTML fragment."""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "stories"))
from stories_fixtures import kazakhstan

from marsad.serve.story_view import render_story
from marsad.serve.wording import ARTICLES, counted
from marsad.stories import build


def _render(title: str | None = None) -> str:
    articles, entities = kazakhstan()
    stories, reuse = build(articles, entities)
    story = stories[0]
    if title is not None:
        story = dataclasses.replace(story, title=title)
    return render_story(story, {a.id: a for a in articles}, reuse,
                        {e.id: e for e in entities})


def test_fragment_is_self_contained_rtl() -> None:
    html = _render()
    assert html.startswith("<section") and html.endswith("</section>")
    assert 'dir="rtl"' in html
    assert "<svg" in html  # the timeline graphic
    assert "<script" not in html
    # No external assets: no stylesheet links, images or remote fonts.
    assert not re.search(r"<link|<img|@import|url\(", html)
    assert not re.search(r'src="http', html)


def test_sections_show_summary_claims_quotes_and_copies() -> None:
    html = _render()
    assert "الملخص" in html and "الخط الزمني" in html
    assert 'class="mr-changed"' in html  # 8 → 16 deaths, a figure that changed
    assert "بحسب وكالة الأنباء الفرنسية" in html  # who reported the 8
    assert "قاسم جومارت توكاييف" in html  # quotes grouped under the resolved speaker
    assert "عصابات إرهابية دولية" in html
    assert "syriahomenews نقل عن almayadeen" in html
    # Citations point at the sources list.
    ids = set(re.findall(r'href="#art-([^"]+)"', html))
    assert ids and all(f'id="art-{i}"' in html for i in ids)


def test_everything_is_escaped() -> None:
    html = _render(title='<script>alert("x")</script> & co')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html


def test_quote_carried_by_two_outlets_cites_both() -> None:
    html = _render()
    block = next(b for b in html.split("<blockquote>") if b.startswith("عصابات إرهابية دولية"))
    block = block.split("</blockquote>")[0]
    assert "#art-002_" in block and "#art-003_" in block


def test_counts_agree_and_dates_keep_their_order_in_rtl() -> None:
    html = _render()
    # Five articles, five outlets: the plural of 3–10, not the accusative of 11+.
    assert "5 مقالات · 5 منافذ" in html
    # Dates are left-to-right isolates, or an RTL line shows 2022-01-12 as 12-01-2022.
    assert '<bdi dir="ltr">2022-01-02</bdi> – <bdi dir="ltr">2022-01-12</bdi>' in html
    assert '<span class="mr-date"><bdi dir="ltr">2022-01-06</bdi></span>' in html


@pytest.mark.parametrize(("n", "expected"), [
    (1, "مقال واحد"), (2, "مقالان"), (3, "3 مقالات"), (10, "10 مقالات"),
    (11, "11 مقالاً"), (99, "99 مقالاً"), (100, "100 مقالاً"), (103, "103 مقالات"),
])
def test_arabic_count_agreement(n: int, expected: str) -> None:
    assert counted(n, ARTICLES) == expected
