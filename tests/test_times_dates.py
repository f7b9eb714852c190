"""Discovery is not publication: SaudiNewsNet's `date_extracted` is when a page was crawled.

The records of fixtures/times/snn_discovery.jsonl are whole SaudiNewsNet records of
2015-08-04 (a Tuesday; CC BY-NC-SA 4.0), each crawled that evening.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from marsad.clean import clean
from marsad.extract.times import infer_publication_date, tag
from marsad.ingest import read_file
from marsad.records import Article, Document

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "stories"))
from stories_fixtures import annotated_records

FIXTURE = Path(__file__).parent / "fixtures" / "times" / "snn_discovery.jsonl"


@pytest.fixture(scope="module")
def dated() -> dict[str, Article]:
    return annotated_records(FIXTURE)


def test_crawl_date_is_discovery_not_publication() -> None:
    [doc, *_] = read_file(FIXTURE)
    assert isinstance(doc, Document)
    assert doc.meta["discovered"] == "2015-08-04 18:19:08"
    assert "published" not in doc.meta and "date_extracted" not in doc.meta
    article = clean(doc)
    assert isinstance(article, Article)
    assert article.discovered == "2015-08-04T18:19:08"
    assert article.published_basis == "discovered"


@pytest.mark.parametrize(("key", "cue", "published"), [
    # "اليوم الاثنين" on a page crawled on Tuesday: published Monday.
    ("00055", "اليوم الاثنين", "2015-08-03"),
    ("00963", "اليوم الاثنين", "2015-08-03"),  # and "أمس الأحد" agrees
    ("00146", "غدا الثلاثاء", "2015-08-03"),  # "tomorrow Tuesday"
    ("00145", "بعد ظهر اليوم (الاثنين)", "2015-08-03"),
    ("00450", "أول أمس الأحد", "2015-08-04"),  # the day before yesterday was Sunday
    ("01291", "بعد غد الخميس", "2015-08-04"),
    ("00437", "اليوم الأحد 2-8-2015م", "2015-08-02"),  # a column written on Sunday
])
def test_text_cues_date_the_article(dated: dict[str, Article], key: str, cue: str,
                                    published: str) -> None:
    article = dated[key]
    assert (article.published, article.published_basis) == (published, "inferred"), cue
    assert article.discovered is not None and article.discovered.startswith("2015-08-04T")


@pytest.mark.parametrize("key", [
    "00000",  # no cue at all
    "01344",  # "عصر اليوم الأربعاء" crawled on a Tuesday: a preview, not a page a week old
    "01276",  # "غدا الخميس الموافق 21/10/1436" (6 Aug): a slip, not a page a week old
])
def test_discovery_stands_in_when_the_text_does_not_date_the_page(
        dated: dict[str, Article], key: str) -> None:
    article = dated[key]
    assert article.published_basis == "discovered"
    assert article.published == article.discovered


def test_times_resolve_against_the_publication_date(dated: dict[str, Article]) -> None:
    values = {t.text: t.value for t in dated["00055"].times}
    assert values["اليوم الاثنين"] == "2015-08-03"
    values = {t.text: t.value for t in dated["00963"].times}
    assert values["أمس الاحد"] == "2015-08-02"


def test_publication_is_never_after_discovery() -> None:
    text = "أعلن النادي اليوم الاثنين 10 أغسطس 2015 ضم اللاعب"
    assert infer_publication_date(text, [], "2015-08-11T09:00:00") == "2015-08-10"
    assert infer_publication_date(text, [], "2015-08-04T18:19:08") is None
    # The weekday on or before discovery, after the latest anchor.
    assert infer_publication_date("قال اليوم الاثنين", [], "2015-08-04") == "2015-08-03"
    assert infer_publication_date("قال اليوم الاثنين", ["2015-08-04"], "2015-08-04") is None
    assert infer_publication_date("قال اليوم الثلاثاء", [], "2015-08-04") == "2015-08-04"


def test_other_discovery_keys(tmp_path: Path) -> None:
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "a", "text": "نص الخبر", "crawled_at": "2020-05-01T10:00:00",
         "extracted_entities": "لا تاريخ"},
        {"id": "b", "text": "نص الخبر", "published": "2020-04-30", "fetch_time": "2020-05-01"},
    ]), encoding="utf-8")
    a, b = read_file(path)
    assert isinstance(a, Document) and isinstance(b, Document)
    assert a.meta["discovered"] == "2020-05-01T10:00:00" and "published" not in a.meta
    assert (b.meta["published"], b.meta["discovered"]) == ("2020-04-30", "2020-05-01")
    article = clean(b)
    assert isinstance(article, Article)
    assert (article.published, article.published_basis) == ("2020-04-30", "metadata")


def test_the_paper_al_yaum_is_not_today() -> None:
    # SaudiNewsNet 2015-08-04-00991 (alyaum): the paper's camera saw it "yesterday morning".
    text = "رصدت كاميرا «اليوم» صباح أمس « 3» عمال فقط بموقع صيانة «جسر الاسكان»"
    assert [(t.text, t.value) for t in tag(text, "2015-08-04")] == [
        ("صباح أمس", "2015-08-03TMO")]
    # ... and "غدا «الاربعاء»" in the same article dates it Tuesday.
    assert infer_publication_date("قرب انتهاء الفترة المحددة للاغلاق غدا «الاربعاء».", [],
                                  "2015-08-04T18:00:00") == "2015-08-04"
