"""Full-text search: the analyzer (folding, light stemming, query parsing, snippets) on real
words, and `Store.search` on real stores of both engines (SQLite and PostgreSQL: `engine` in
conftest.py) of the committed fixtures (the Kazakhstan example and 52 SaudiNewsNet articles
of 2015-08-04, CC BY-NC-SA 4.0)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from conftest import Stores
from marsad.normalise import fold
from marsad.normalise.search import (
    MAX_TERMS,
    analyze,
    match_expression,
    parse,
    snippet,
    stem,
    terms,
)
from marsad.pipeline import store_into
from marsad.records import Article
from marsad.store import SCHEMA_VERSION, SearchQuery, SearchResult, Store, StoreError, open_store
from marsad.store.sqlite import SCHEMA_V2

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kazakhstan-2022"
DAY = ROOT / "tests" / "fixtures" / "corpora" / "snn-2015-08-04-stories.jsonl.gz"
ALMATY_SPELLINGS = ("ألماتي", "آلماتي", "ألما آتا", "ألما أتا", "ألما-آتا")


def _build(db: str | Path) -> None:
    assert not store_into([EXAMPLE, DAY], db, workers=1).problems


@pytest.fixture(scope="session")
def built(stores: Stores, tmp_path_factory: pytest.TempPathFactory) -> str:
    db = stores.new(tmp_path_factory.mktemp("search"), "search")
    _build(db)
    return db


@pytest.fixture(scope="session")
def store(built: str, stores: Stores, tmp_path_factory: pytest.TempPathFactory) -> Store:
    # A copy: `built` stays closed, to be copied again (a PostgreSQL template must be).
    return open_store(stores.copy(built, tmp_path_factory.mktemp("search"), "read"),
                      read_only=True)


@pytest.fixture(scope="session")
def sqlite_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same store in SQLite (the schema version tests, SQLite's own)."""
    db = tmp_path_factory.mktemp("search-sqlite") / "store.db"
    _build(db)
    return db


def _everything(store: Store, **fields: object) -> list[str]:
    """Every hit of a search, page by page."""
    out: list[str] = []
    cursor = None
    while True:
        result = store.search(SearchQuery(limit=3, cursor=cursor, **fields))  # type: ignore[arg-type]
        assert result.message is None
        out += [h.article for h in result.hits]
        cursor = result.next
        if cursor is None:
            return out


# Analyzer ---------------------------------------------------------------------------------

STEMS = {
    # proclitics: article, conjunction, prepositions (with the article or alone)
    "الرئيس": "رييس", "والرئيس": "رييس", "بالرئيس": "رييس", "للرئيس": "رييس",
    "فالرئيس": "رييس", "ورئيس": "رييس", "وقال": "قال", "ووزير": "وزير", "بلبنان": "لبنان",
    "للبنان": "لبنان", "وبكين": "بكين", "بكازاخستان": "كازاخستان", "لمدة": "مده",
    # a first letter that belongs to the word stays
    "وزير": "وزير", "لبنان": "لبنان", "كتاب": "كتاب", "كبير": "كبير", "بكين": "بكين",
    "كندا": "كندا",
    # suffixes: pronouns, plurals, ta marbuta (written ت before a pronoun), nisba
    "رئيسه": "رييس", "رئيسها": "رييس", "الحكومة": "حكوم", "حكومتها": "حكوم",
    "حكوماتهم": "حكوم", "الانتخابات": "انتخاب", "انتخاباتها": "انتخاب",
    "المسؤولين": "مسوول", "مسؤولون": "مسوول", "المدينة": "مدين", "مدينتها": "مدين",
    "بالمدينة": "مدين", "سيارته": "سيار", "سيارات": "سيار", "بيته": "بيت",
    "السعودية": "سعود", "سعودي": "سعود", "السعوديين": "سعود", "الكازاخستاني": "كازاخستان",
    "الكازاخستانية": "كازاخستان", "الفلسطينيين": "فلسطين", "فلسطين": "فلسطين",
    # names keep their endings; short words are left alone
    "إيران": "ايران", "عمان": "عمان", "آلماتي": "ماتي", "ألماتي": "ماتي", "في": "في",
    "من": "من",
}


@pytest.mark.parametrize(("word", "expected"), sorted(STEMS.items()))
def test_stems_of_real_words(word: str, expected: str) -> None:
    assert stem(fold(word)) == expected


def test_terms_ignore_diacritics_hamza_and_letter_forms() -> None:
    assert terms("الرَّئِيسُ") == terms("الرئيس") == ["رييس"]
    assert terms("أكَّد إلى مستشفى") == terms("اكد الي مستشفي")
    assert terms("المدينة") == terms("المدينه")
    assert terms("٢٠٢٢ COVID") == ["2022", "covid"]
    assert analyze("وقال الرئيس: «نعم»") == "قال رييس نعم"
    assert analyze(None) == ""


def test_parse_words_phrases_and_hostile_text() -> None:
    q = parse('الرئيس "الأمم المتحدة" والرئيس')
    assert q.groups == [["رييس"], ["امم", "متحد"]] and q.terms == ["رييس", "امم", "متحد"]
    # Operators, brackets and punctuation are no syntax: plain words or nothing.
    assert parse("(a OR b) AND NOT c NEAR(d e, 2) f* g:h ^i").terms == [
        "a", "or", "b", "and", "not", "c", "near", "d", "e", "2", "f", "g", "h", "i"][:MAX_TERMS]
    for hostile in ['"', "(", ")", "*", "a OR", "NEAR(", "'", ";--", '"unclosed phrase',
                    "x" * 10_000, "كلمة " * 3000, "\x00\u202e\ufeff"]:
        q = parse(hostile)
        assert len(q.terms) <= MAX_TERMS
        expr = match_expression(q)
        if expr is not None:
            # Nothing but quoted terms of letters and digits reaches FTS5.
            assert re.fullmatch(r'"[^\W_]+( [^\W_]+)*"( "[^\W_]+( [^\W_]+)*")*', expr)
    assert match_expression(parse("*:^()")) is None
    assert parse('"unclosed phrase').groups == [["unclosed", "phrase"]]
    assert parse("x" * 10_000).terms == []  # no such word


def test_snippet_is_a_slice_with_exact_highlights() -> None:
    text = ("افتتح وزير الصحة المستشفى الجديد. " * 8 + "وقال الرَّئِيسُ الكازاخستاني إن بلاده "
            "ستعيد الأمن، وأضاف أن الرئيس سيزور ألما آتا. " + "وذكرت الوكالة أن الطقس معتدل. " * 8)
    wanted = parse("الرئيس").terms
    segments = snippet(text, wanted, 120)
    joined = "".join(s for s, _ in segments)
    assert joined in text and len(joined) <= 180
    marked = [s for s, m in segments if m]
    assert marked == ["الرَّئِيسُ", "الرئيس"]  # diacritics kept, clitic-free both
    start = text.index(joined)
    # Each highlight sits where the original has it.
    at = start
    for s, m in segments:
        assert text[at:at + len(s)] == s
        if m:
            assert stem(fold(s)) in wanted
        at += len(s)
    # Spans (an entity's mentions) are highlighted too, whatever their spelling.
    i = text.index("ألما آتا")
    segments = snippet(text, [], 120, [(i, i + len("ألما آتا"))])
    assert [s for s, m in segments if m] == ["ألما آتا"]
    assert "".join(s for s, _ in segments) in text
    # No match: the opening of the text.
    assert "".join(s for s, _ in snippet(text, ["غايب"], 50)) == text[:len(
        "".join(s for s, _ in snippet(text, ["غايب"], 50)))]
    assert snippet("", ["x"]) == []


# Search -----------------------------------------------------------------------------------

def test_entity_spelling_finds_every_spelling(store: Store) -> None:
    result = store.search(SearchQuery("ألماتي", limit=50))
    assert result.message is None
    [entity] = result.entities
    assert entity.type == "LOC" and "ألما آتا" in result.spellings
    assert "ألماتي" not in result.spellings  # the query's own spelling
    words = {h.article for h in store.search(SearchQuery('"ماتي"', limit=50)).hits}
    found = {h.article: h for h in result.hits}
    # Articles writing only ألما آتا / ألما أتا are found through the entity's mentions ...
    others = [a for a in store.articles(list(found)) if a.id not in words]
    assert others
    for a in others:
        assert not any(stem(w) == "ماتي" for w in fold(a.text).split())
        assert any(m.entity == entity.id for m in a.mentions)
        # ... and their snippets highlight a mention, in its own spelling.
        marked = [s for s, m in found[a.id].snippet if m]
        assert marked and all(s in {m.text for m in a.mentions if m.entity == entity.id}
                              for s in marked)
    assert {m.text for a in others for m in a.mentions if m.entity == entity.id} & set(
        ALMATY_SPELLINGS[2:])
    # The other spellings name the same entity.
    again = store.search(SearchQuery("ألما آتا", limit=50))
    assert [e.id for e in again.entities] == [entity.id]
    assert set(found) <= {h.article for h in again.hits}


@pytest.mark.parametrize("q", ["والرئيس", "بالرئيس", "للرئيس", "الرَّئيس", "رئيس"])
def test_clitics_and_diacritics_find_the_same_articles(store: Store, q: str) -> None:
    base = _everything(store, q="الرئيس")
    assert len(base) > 10
    assert sorted(_everything(store, q=q)) == sorted(base)


def test_hamza_and_ta_marbuta_insensitive(store: Store) -> None:
    for a, b in (("أعمال", "اعمال"), ("إطلاق", "اطلاق"), ("الشرطة", "الشرطه"),
                 ("كازاخستان", "بكازاخستان")):
        got = _everything(store, q=a)
        assert got and sorted(got) == sorted(_everything(store, q=b)), (a, b)


@pytest.mark.parametrize("q", ['"', "(", ")", "a OR", "NEAR(", "*", "x" * 10_000, "AND",
                               "الرئيس OR", '"الرئيس', "رئيس)*", "\x00", " ", "", "؟!،"])
def test_hostile_queries_answer(store: Store, q: str) -> None:
    result = store.search(SearchQuery(q))
    assert isinstance(result, SearchResult)
    assert (result.message is not None) == (not parse(q).terms and not result.entities)
    if result.message:
        assert result.total == 0 and result.hits == []
    if q in ('"الرئيس', "رئيس)*"):
        assert result.total > 10
    if q == "الرئيس OR":  # OR is a word the articles must hold too, not an operator
        assert result.total == 0 and result.terms == ["رييس", "or"]


def test_facets_add_up_and_pages_cover_all(store: Store) -> None:
    first = store.search(SearchQuery("كازاخستان الرئيس", limit=200))
    everything = store.search(SearchQuery("الرئيس", limit=200))
    assert first.total < everything.total
    result = everything
    assert result.next is None and len(result.hits) == result.total > 10
    no_outlet = sum(h.outlet is None for h in result.hits)
    assert sum(n for _, n in result.facets_outlet) + no_outlet == result.total
    assert sum(n for _, n in result.facets_day) == sum(h.published is not None
                                                       for h in result.hits)
    assert [d for d, _ in result.facets_day] == sorted((d for d, _ in result.facets_day),
                                                       reverse=True)
    counts = [n for _, n in result.facets_outlet]
    assert counts == sorted(counts, reverse=True)
    paged = _everything(store, q="الرئيس")
    assert paged == [h.article for h in result.hits]  # disjoint pages, same order, all
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)


def test_bad_cursor_is_a_message(store: Store) -> None:
    for cursor in ("garbage", "WyJzIixbIjIwMTUtMDgtMDQiLDEsMjJdXQ", "WyJxIixbLTFdXQ", "e30"):
        result = store.search(SearchQuery("الرئيس", cursor=cursor))
        assert result.message and "cursor" in result.message and result.hits == []


def test_filters_narrow(store: Store) -> None:
    q = "الرئيس"
    every = store.search(SearchQuery(q, limit=200))
    by_outlet = dict(every.facets_outlet)
    outlet = every.facets_outlet[0][0]
    got = store.search(SearchQuery(q, outlet=outlet, limit=200))
    assert got.total == by_outlet[outlet] < every.total
    assert {h.outlet for h in got.hits} == {outlet} and got.facets_outlet == [
        (outlet, got.total)]
    kz = store.search(SearchQuery(q, since="2022-01-01", until="2022-01-31", limit=200))
    assert kz.total == sum(n for d, n in every.facets_day if d.startswith("2022-01"))
    assert kz.total and all(h.published and h.published.startswith("2022-01")
                            for h in kz.hits)
    [story] = {h.story for h in kz.hits}
    assert story is not None
    in_story = store.search(SearchQuery(q, story=story, limit=200))
    assert {h.article for h in in_story.hits} == {h.article for h in kz.hits}
    almaty = store.search(SearchQuery("ألماتي")).entities[0]
    with_entity = store.search(SearchQuery(q, entity=almaty.id, limit=200))
    assert 0 < with_entity.total < every.total
    for a in store.articles([h.article for h in with_entity.hits]):
        assert any(m.entity == almaty.id for m in a.mentions)
    people = store.search(SearchQuery(q, type="PER", limit=200))
    assert 0 < people.total <= every.total
    for a in store.articles([h.article for h in people.hits]):
        assert any(m.type == "PER" for m in a.mentions)
    assert store.search(SearchQuery(q, outlet="no such outlet")).total == 0


def test_title_weighs_more_and_new_articles_are_searchable(built: str, stores: Stores,
                                                           tmp_path: Path) -> None:
    db = stores.copy(built, tmp_path, "copy")
    body = "تابعت الصحيفة أخبار المنطقة اليوم كما في كل يوم. " * 3
    a = Article(id="t-title", origin="test", title="زلزال في المنطقة", text=body,
                outlet="okaz", published="2022-01-13")
    b = Article(id="t-text", origin="test", title="أخبار المنطقة", text=body + " وقع زلزال.",
                outlet="okaz", published="2022-01-13")
    reader = open_store(db, read_only=True)
    with open_store(db) as writer, writer.transaction():
        writer.add_articles([a, b], {})
        assert reader.search(SearchQuery("زلزال")).total == 0  # not committed yet
    result = reader.search(SearchQuery("الزلزال"))
    assert [h.article for h in result.hits] == ["t-title", "t-text"]
    assert result.hits[0].score > result.hits[1].score
    reader.close()


# Schema version 3 ---------------------------------------------------------------------------

def _v2_copy(built: Path, db: Path) -> None:
    """The built store as schema version 2 held it (no search index, no folded spellings)."""
    con = sqlite3.connect(db)
    for statement in SCHEMA_V2.split(";"):
        if statement.strip():
            con.execute(statement)
    con.execute("ATTACH DATABASE ? AS v3", (str(built),))
    tables = [r[0] for r in con.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table'")]
    for table in tables:
        columns = [r[1] for r in con.execute(f"PRAGMA main.table_info({table})")]
        names = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM v3.{table}")
    con.execute("UPDATE main.meta SET value = '2' WHERE key = 'schema_version'")
    con.execute("DELETE FROM main.meta WHERE key = 'search_analyzer'")
    con.commit()
    con.execute("DETACH DATABASE v3")
    con.close()


def test_version_2_store_upgrades_and_every_article_is_searchable(sqlite_built: Path,
                                                                  tmp_path: Path) -> None:
    built = sqlite_built
    db = tmp_path / "v2.db"
    _v2_copy(built, db)
    with pytest.raises(StoreError, match=r"schema version 2.*to upgrade"):
        open_store(db, read_only=True)
    with open_store(db) as store:
        count = store.article_count()
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
        str(SCHEMA_VERSION),)
    assert con.execute("SELECT COUNT(*) FROM entity_variants WHERE folded IS NULL"
                       ).fetchone() == (0,)
    con.close()
    with open_store(db, read_only=True) as store, open_store(built, read_only=True) as ref:
        ids = [h for s in store.story_list(limit=200).stories
               for h in store.stories([s.id])[0].articles]
        assert len(ids) == count
        for a in store.articles(ids, annotations=False):
            words = " ".join((a.title or a.text).split()[:4])
            assert a.id in _everything(store, q=words), words
        for q in ("ألماتي", "الرئيس", '"الأمن الجماعي"'):
            got, want = store.search(SearchQuery(q, limit=100)), ref.search(
                SearchQuery(q, limit=100))
            assert [h.article for h in got.hits] == [h.article for h in want.hits]
            assert got.spellings == want.spellings


def test_a_word_in_most_articles_is_bounded(store: Store,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    every = store.search(SearchQuery("الرئيس", limit=200))
    assert every.bounded is None
    import marsad.store.sql as engine

    monkeypatch.setattr(engine, "_SEARCH_CAP", 7)
    monkeypatch.setattr(engine, "_RANK_CAP", 4)
    result = store.search(SearchQuery("الرئيس", limit=200))
    assert result.bounded == 7 and result.total == 7 and len(result.hits) == 7
    assert sum(n for _, n in result.facets_outlet) + sum(
        h.outlet is None for h in result.hits) == 7
    # The latest stored matches, the latest four ranked by relevance first.
    assert {h.article for h in result.hits} <= {h.article for h in every.hits}
    paged = _everything(store, q="الرئيس")
    assert paged == [h.article for h in result.hits]
    ranked = [h.score for h in result.hits[:4]]
    assert ranked == sorted(ranked, reverse=True)
