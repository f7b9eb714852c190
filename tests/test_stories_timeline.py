"""Timelines on SaudiNewsNet records of 2015-08-04 (fixtures/stories/snn_timeline.jsonl):
one event's tellings across articles make one entry on one date, and a weekday named in
the dating expression agrees with the entry's date."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from marsad.records import Article
from marsad.stories.timeline import build_timeline

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "stories"))
from stories_fixtures import annotated_records

FIXTURE = Path(__file__).parent / "fixtures" / "stories" / "snn_timeline.jsonl"


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return annotated_records(FIXTURE)


def timeline(articles: dict[str, Article], *keys: str) -> list[dict]:
    return build_timeline([articles[k] for k in keys])


def entries_with(tl: list[dict], words: str) -> list[dict]:
    return [e for e in tl if words in e["text"]]


def test_rewritten_wire_story_is_one_entry(articles: dict[str, Article]) -> None:
    # Reuters' "تراجعت أسعار الذهب اليوم الاثنين" as printed the next morning ("امس").
    tl = timeline(articles, "00056", "00698", "00308", "00377")
    [entry] = entries_with(tl, "تراجعت أسعار الذهب")
    assert entry["date"] == "2015-08-03"
    assert {"SNN-2015-08-04-00056", "SNN-2015-08-04-00698"} <= set(entry["articles"])


def test_lead_dated_by_crawl_joins_the_dated_telling(articles: dict[str, Article]) -> None:
    # 00234 has no date of its own; 00614 says "الاثنين". Crawled on Tuesday, both.
    tl = timeline(articles, "00614", "00234")
    [entry] = entries_with(tl, "1500 مدرسة")
    assert entry["date"] == "2015-08-03"
    assert entry["articles"] == ["SNN-2015-08-04-00234", "SNN-2015-08-04-00614"]


def test_cabinet_session_of_monday(articles: dict[str, Article]) -> None:
    # "بعد ظهر اليوم (الاثنين)" in one, "أمس" in a Tuesday paper: one session, Monday.
    tl = timeline(articles, "00145", "00142")
    [entry] = entries_with(tl, "مجلس الوزراء")
    assert entry["date"] == "2015-08-03" and len(entry["articles"]) == 2


def test_daily_reports_with_other_figures_stay_apart(articles: dict[str, Article]) -> None:
    # Monday's and Tuesday's market sessions, told in the same words with other figures.
    tl = timeline(articles, "00861", "01212", "00005", "00909")
    days = {e["date"] for e in entries_with(tl, "وشهدت تداولات")}
    assert days == {"2015-08-03", "2015-08-04"}


def test_weekday_of_the_expression_agrees_with_the_date(articles: dict[str, Article]) -> None:
    # "عصر اليوم الأربعاء" on a page crawled on a Tuesday dates no Tuesday entry.
    tl = timeline(articles, "01344")
    assert not entries_with(tl, "اليوم الأربعاء")
    tl = timeline(articles, "00452", "01110")
    [entry] = entries_with(tl, "178")
    assert entry["date"] == "2015-08-02"  # "يوم الأحد"; 01110's lead is dated by crawl only


def test_a_lagging_crawl_dates_nothing_from_the_crawl(articles: dict[str, Article]) -> None:
    # 00234's lead is dated only by its crawl; 00614 names "الاثنين". When the outlets'
    # crawl lags publication, the crawl date is no publication date: only 00614 dates it.
    members = [articles["00614"], articles["00234"]]
    lagging = frozenset(a.outlet for a in members)
    [entry] = entries_with(build_timeline(members, lagging=lagging), "1500 مدرسة")
    assert entry["date"] == "2015-08-03" and entry["articles"] == ["SNN-2015-08-04-00614"]
    # "أمس" in 00142 (crawled Tuesday) read against a lagging crawl dates nothing either;
    # 00145's "اليوم (الاثنين)" still dates the cabinet session.
    members = [articles["00145"], articles["00142"]]
    [entry] = entries_with(build_timeline(members, lagging=frozenset({"aawsat"})),
                           "مجلس الوزراء")
    assert entry["date"] == "2015-08-03" and entry["articles"] == ["SNN-2015-08-04-00145"]


def test_which_outlets_lag() -> None:
    from marsad.stories.timeline import lagging_outlets

    def dated(outlet: str, published: str, seen: str) -> Article:
        return Article(f"{outlet}-{published}-{seen}-{id(object())}", "", "نص",
                       outlet=outlet, published=published, published_basis="inferred",
                       discovered=seen)

    daily = [dated("a", "2015-08-03", "2015-08-03T18:00") for _ in range(9)]
    daily.append(dated("a", "2015-08-02", "2015-08-03T01:00"))  # one just after midnight
    late = [dated("b", day, "2015-07-31T18:00") for day in
            ("2015-07-28", "2015-07-29", "2015-07-30", "2015-07-31") * 3]
    few = [dated("c", "2015-07-29", "2015-07-31T18:00")]
    assert lagging_outlets(daily) == frozenset()
    # "c" has too few self-dated articles to judge: it goes with the batch, which lags.
    assert lagging_outlets(daily + late + few) == frozenset({"b", "c"})


# Records of a development day, 2015-07-27 (a Monday; fixtures/stories/snn_timeline_0727.jsonl).
@pytest.fixture(scope="module")
def monday() -> dict[str, Article]:
    return annotated_records(FIXTURE.with_name("snn_timeline_0727.jsonl"))


def test_a_governed_date_gives_way(monday: dict[str, Article]) -> None:
    # "في أول جلساته عقب عيد الفطر المبارك أمس": the session was yesterday, not on Eid;
    # "إثر بيانات ضعيفة صدرت اليوم ... يوم الجمعة": today, not Friday.
    [entry] = entries_with(timeline(monday, "01178"), "أول جلساته")
    assert entry["date"] == "2015-07-26"
    [entry] = entries_with(timeline(monday, "00185"), "إثر بيانات ضعيفة")
    assert entry["date"] == "2015-07-27"
    # A Hijri date in the text dates its sentence ("توفيت الطفلة بتاريخ 26 /9 /1436هـ").
    [entry] = entries_with(timeline(monday, "00274"), "توفيت الطفلة")
    assert entry["date"] == "2015-07-13"


def test_yesterday_and_today_a_day_apart_are_one_event(monday: dict[str, Article]) -> None:
    # "مساء أمس" in two Monday papers, "مساء اليوم" in 00062, seen by crawl only on Monday:
    # one opening of the Abha festival, on Sunday.
    tl = timeline(monday, "00513", "00897", "00062")
    [entry] = entries_with(tl, "مهرجان أبها")
    assert entry["date"] == "2015-07-26" and len(entry["articles"]) == 3


def test_a_clock_takes_the_day_written_after_it(monday: dict[str, Article]) -> None:
    # "الساعة 11.59 (2059 بتوقيت جرينتش) مساء أمس الأحد": Sunday, not the DCT.
    [entry] = entries_with(timeline(monday, "00023"), "وقفا لإطلاق النار")
    assert entry["date"] == "2015-07-26"
