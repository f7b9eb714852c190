"""The store's read side (the web app's pages) on real stores of both engines (SQLite and
PostgreSQL: `engine` in conftest.py) built from the committed fixtures: the Kazakhstan
example (one story of five articles with a copy through AFP) and 52 SaudiNewsNet articles
of 2015-08-04 (CC BY-NC-SA 4.0)."""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from pathlib import Path

import pytest

from conftest import Stores
from marsad.pipeline import store_into
from marsad.records import Article
from marsad.store import Selection, Store, StoreError, open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kazakhstan-2022"
DAY = ROOT / "tests" / "fixtures" / "corpora" / "snn-2015-08-04-stories.jsonl.gz"


@pytest.fixture(scope="session")
def built(stores: Stores, tmp_path_factory: pytest.TempPathFactory) -> str:
    db = stores.new(tmp_path_factory.mktemp("reads"), "store")
    run = store_into([EXAMPLE, DAY], db, workers=1)
    assert not run.problems
    return db


@pytest.fixture(scope="session")
def store(built: str, stores: Stores, tmp_path_factory: pytest.TempPathFactory) -> Store:
    # A copy: `built` stays closed, to be copied again (a PostgreSQL template must be).
    return open_store(stores.copy(built, tmp_path_factory.mktemp("reads"), "read"),
                      read_only=True)


@pytest.fixture
def copy(built: str, stores: Stores, tmp_path: Path) -> str:
    return stores.copy(built, tmp_path, "copy")


def _stories(store: Store, **filters: str) -> list[str]:
    out: list[str] = []
    cursor = None
    while True:
        page = store.story_list(limit=7, cursor=cursor, **filters)
        out += [b.id for b in page.stories]
        cursor = page.next
        if cursor is None:
            return out


# Opening ------------------------------------------------------------------------------

def test_read_only_needs_an_existing_current_store(tmp_path: Path) -> None:
    # SQLite files; PostgreSQL databases: tests/test_store_postgres.py.
    with pytest.raises(StoreError, match="no store there"):
        open_store(tmp_path / "missing.db", read_only=True)
    assert not (tmp_path / "missing.db").exists()
    sqlite3.connect(tmp_path / "empty.db").close()
    with pytest.raises(StoreError, match="not a marsad store"):
        open_store(tmp_path / "empty.db", read_only=True)


def test_read_only_refuses_writes(copy: str) -> None:
    with open_store(copy, read_only=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.set_meta("token", "x")
        with pytest.raises(StoreError, match="read-only"), ro.transaction():
            pass
        before = ro.article_count()
    with open_store(copy) as rw:
        assert rw.article_count() == before


def test_meta_round_trip_seen_by_a_reader(copy: str) -> None:
    with open_store(copy) as rw:
        assert rw.meta("api_token") is None
        rw.set_meta("api_token", "sha256:abc")
        with pytest.raises(ValueError, match="schema_version"):
            rw.set_meta("schema_version", "1")
    with open_store(copy, read_only=True) as ro:
        assert ro.meta("api_token") == "sha256:abc"


def test_reader_reads_while_a_writer_commits(copy: str) -> None:
    reader = open_store(copy, read_only=True)
    writer = open_store(copy)
    before = reader.article_count()
    new = Article(id="reads-new-1", origin="test", text="خبر جديد عن الانتخابات في ألماتي.",
                  title="خبر جديد", outlet="sabq", published="2022-01-13")
    with writer.transaction():
        writer.add_articles([new], {})
        # Inside the writer's transaction the reader still sees the last commit.
        assert reader.article_count() == before
        assert reader.story_list().total > 0
    assert reader.article_count() == before + 1
    assert reader.article_view("reads-new-1") is not None
    writer.close()
    # A handle opened in one thread serves another (a web server's pool).
    seen: list[int] = []
    thread = threading.Thread(target=lambda: seen.append(reader.story_list().total))
    thread.start()
    thread.join()
    assert seen and seen[0] == reader.story_list().total
    reader.close()


# Story list -------------------------------------------------------------------------------

def test_story_list_latest_first_paged_without_overlap(store: Store) -> None:
    every = store.story_list(limit=200)
    ids = [b.id for b in every.stories]
    assert every.next is None
    assert every.total == len(ids) == len(set(ids)) == len(store.select(Selection())) > 20
    assert ids == _stories(store)  # pages of 7 are disjoint and cover every story
    ends = [b.end or "" for b in every.stories]
    assert ends == sorted(ends, reverse=True)
    assert every.stories[0].title.startswith("كازاخستان")  # 2022 before 2015
    kz = every.stories[0]
    assert (kz.articles, kz.start, kz.end) == (5, "2022-01-02", "2022-01-12")
    assert kz.outlets == 4 and kz.updated.endswith("Z") and "T" in kz.updated
    # Recent: published on the latest day (2022-01-12) or the day before.
    got = store.articles(store.stories([kz.id])[0].articles)
    assert kz.recent == sum(a.published[:10] >= "2022-01-11" for a in got if a.published)
    assert kz.recent > 0
    assert all(b.recent == 0 for b in every.stories[1:])


def test_story_list_filters_narrow(store: Store) -> None:
    every = set(_stories(store))
    outlets = dict(store.outlets())
    assert outlets["alriyadh"] == 10
    riyadh = _stories(store, outlet="alriyadh")
    assert 0 < len(riyadh) < len(every) and set(riyadh) <= every
    assert store.story_list(outlet="alriyadh").total == len(riyadh)
    for story in store.stories(riyadh):
        assert any(a.outlet == "alriyadh" for a in store.articles(story.articles,
                                                                   annotations=False))
    kz_day = _stories(store, day="2022-01-06")
    assert len(kz_day) == 1 and store.stories(kz_day)[0].title.startswith("كازاخستان")
    assert store.story_list(day="2015-08-04", outlet="alriyadh").total <= len(riyadh)
    assert store.story_list(outlet="no such outlet").total == 0
    assert store.story_list(day="1999-01-01").stories == []


@pytest.mark.parametrize("cursor", ["garbage", "", "e30", "WyJ4IixbMV1d", "W10", "!!!"])
def test_story_list_bad_cursor(store: Store, cursor: str) -> None:
    if cursor == "":
        assert store.story_list(cursor=cursor).total > 0  # no cursor: the first page
        return
    with pytest.raises(ValueError, match="cursor"):
        store.story_list(cursor=cursor)


# Outlets and articles -----------------------------------------------------------------

def test_outlets_count_articles(store: Store) -> None:
    outlets = store.outlets()
    assert [n for n, _ in outlets] == sorted(n for n, _ in outlets)
    counted = Counter(a.outlet for s in store.stories(_stories(store))
                      for a in store.articles(s.articles, annotations=False))
    assert dict(outlets) == {k: v for k, v in counted.items() if k is not None}


def test_article_view_copy_with_its_source(store: Store) -> None:
    view = store.article_view("003_532da77875c1d980")
    assert view is not None
    a = view.article
    assert a.mentions and a.times
    assert view.story is not None and view.story.title.startswith("كازاخستان")
    assert view.story.id == store.stories_of([a.id])[a.id]
    # Every resolved mention and quote speaker has its entity's name.
    wanted = {m.entity for m in a.mentions if m.entity} | {
        q.speaker for q in a.quotes if q.speaker}
    assert wanted and set(view.entity_names) == wanted
    assert "كازاخستان" in view.entity_names.values()
    [link] = view.reuse
    assert sorted(link.articles) == ["002_5bbd08d60b413066", "003_532da77875c1d980"]
    assert link.source == "002_5bbd08d60b413066" and link.passages
    assert view.outlets == {"002_5bbd08d60b413066": store.articles(
        ["002_5bbd08d60b413066"], annotations=False)[0].outlet}
    # The other end sees the same link.
    other = store.article_view("002_5bbd08d60b413066")
    assert other is not None and other.reuse == view.reuse
    assert store.article_view("no-such-article") is None


# Entities -------------------------------------------------------------------------------

ALMATY = "loc-cd2acebc9d"  # the example's ألما أتا / ألماتي / ألما آتا ...


def _entity_named(store: Store, name: str) -> str:
    view = store.article_view("000_290f06278cc07417")
    assert view is not None
    [eid] = [i for i, n in view.entity_names.items() if n == name]
    return eid


def test_entity_view_counts_spellings_days_stories_quotes(store: Store) -> None:
    eid = _entity_named(store, "ألما أتا")
    view = store.entity_view(eid)
    assert view is not None and view.entity.id == eid and view.entity.type == "LOC"
    spellings = dict(view.variant_counts)
    assert {"ألماتي", "ألما آتا", "ألما أتا"} <= set(spellings)
    assert view.entity.variants[0] == view.variant_counts[0][0]  # most used first
    assert [s.title[:9] for s in view.stories] == ["كازاخستان"]
    # Counts are the mentions of each spelling in the stored articles (all in that story).
    ids = store.stories([view.stories[0].id])[0].articles
    mentions = [m for a in store.articles(ids) for m in a.mentions if m.entity == eid]
    assert view.mentions == len(mentions) == sum(spellings.values())
    assert Counter(m.text for m in mentions) == +Counter(spellings)
    assert sum(n for _, n in view.mentions_per_day) == view.mentions
    days = [d for d, _ in view.mentions_per_day]
    assert days == sorted(days) and days[0] >= "2022-01-02"
    # A place is no speaker ("شرطة ألما أتا" is the police's); a person's quotes (speaker
    # resolved to them), latest first, with where they appeared.
    assert view.quotes == []
    person = store.entity_view(_entity_named(store, "قاسم جومارت توكاييف"))
    assert person is not None and "رئيس كازاخستان" in person.entity.titles
    view = person
    assert view.quotes and all(q.story == view.stories[0].id for q in view.quotes)
    published = [q.published or "" for q in view.quotes]
    assert published == sorted(published, reverse=True)
    outlets = {a.id: a.outlet for a in store.articles(sorted({q.article for q in view.quotes}))}
    assert any(q.outlet for q in view.quotes)
    assert all(q.outlet == outlets[q.article] for q in view.quotes)
    assert store.entity_view("no-such-entity") is None


def test_entity_view_of_a_redirected_id_gives_the_survivor(copy: str) -> None:
    with open_store(copy) as rw:
        old = _entity_named(rw, "نور سلطان")
        new = _entity_named(rw, "كازاخستان")
        before = rw.entity_view(new)
        moved = rw.entity_view(old)
        assert before is not None and moved is not None
        with rw.transaction():
            rw.save_entities([], {}, {old: new})
    with open_store(copy, read_only=True) as ro:
        view = ro.entity_view(old)
        assert view is not None and view.entity.id == new and view.merged_from == [old]
        assert view.mentions == before.mentions + moved.mentions
        assert dict(view.variant_counts)["نور سلطان"] == dict(moved.variant_counts)["نور سلطان"]


# Outlets ----------------------------------------------------------------------------------

def test_outlet_view_directions_agree_with_reuse_source(store: Store) -> None:
    stories = store.stories(_stories(store))
    ids = [a for s in stories for a in s.articles]
    outlet = {a.id: a.outlet for a in store.articles(ids, annotations=False)}
    links = store.reuse_among(ids)
    assert any(r.source for r in links) and any(r.source is None for r in links)
    for name, count in store.outlets():
        view = store.outlet_view(name)
        assert view is not None and view.articles == count
        assert sum(n for _, n in view.per_day) == count
        assert view.first_day == view.per_day[0][0] and view.last_day == view.per_day[-1][0]
        want: dict[str, Counter[str]] = {"from": Counter(), "by": Counter(),
                                         "shares": Counter()}
        for r in links:
            a, b = r.articles
            for mine, other in ((a, b), (b, a)):
                if outlet[mine] != name or outlet[other] in (name, None):
                    continue
                way = "shares" if r.source is None else "by" if r.source == mine else "from"
                want[way][outlet[other] or ""] += 1
        got = {"from": view.copies_from, "by": view.copied_by, "shares": view.shares_with}
        for way, counted in want.items():
            assert {x.outlet: x.links for x in got[way]} == dict(counted), (name, way)
    # The example's copy: سيرياهوم نيوز copied الميادين (the link's source).
    copier = store.outlet_view("سيرياهوم نيوز")
    source = store.outlet_view("الميادين")
    assert copier is not None and source is not None
    assert [(x.outlet, x.links) for x in copier.copies_from] == [("الميادين", 1)]
    assert [(x.outlet, x.links) for x in source.copied_by] == [("سيرياهوم نيوز", 1)]
    assert store.outlet_view("no such outlet") is None


def test_outlet_view_disagreements_are_its_figures_against_others(store: Store) -> None:
    seen = 0
    for name, _ in store.outlets():
        view = store.outlet_view(name)
        assert view is not None
        for fig in view.disagreements:
            seen += 1
            [story] = store.stories([fig.story])
            assert fig.story_title == story.title
            [claim] = [c for c in story.claims if c["disagree"] and fig.value in c["values"]]
            assert store.articles([str(fig.value["article"])],
                                  annotations=False)[0].outlet == name
            assert fig.others and all(o["outlet"] != name and o["value"] != fig.value["value"]
                                      for o in fig.others)
            assert fig.kind == claim["kind"]
    assert seen > 0
