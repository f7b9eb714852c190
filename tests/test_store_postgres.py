"""What only the PostgreSQL engine does, on a real server (`pg_server` in conftest.py): the
SQLite schema on PostgreSQL, opening and version refusal, the same answers as SQLite on the
same input, near spellings of names (pg_trgm), re-indexing, and two `marsad analyze`
processes writing one store at once on overlapping inputs."""

from __future__ import annotations

import gzip
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from conftest import new_pg_database
from marsad.cli import main
from marsad.pipeline import store_into
from marsad.store import SCHEMA_VERSION, SearchQuery, Selection, Store, StoreError, open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kazakhstan-2022"
# 52 SaudiNewsNet articles of 2015-08-04 (CC BY-NC-SA 4.0).
DAY = ROOT / "tests" / "fixtures" / "corpora" / "snn-2015-08-04-stories.jsonl.gz"


@pytest.fixture(scope="module")
def both(pg_server: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Store]:
    """The same input stored by each engine: (SQLite, PostgreSQL), read-only."""
    lite = tmp_path_factory.mktemp("both") / "store.db"
    pg = new_pg_database(pg_server, "both")
    for db in (lite, pg):
        assert not store_into([EXAMPLE, DAY], db, workers=1).problems
    return open_store(lite, read_only=True), open_store(pg, read_only=True)


def test_schema_is_the_sqlite_schema(both: tuple[Store, Store]) -> None:
    lite, pg = both
    con = sqlite3.connect(lite.path)  # type: ignore[attr-defined]
    tables = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for (t,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search%'")}
    con.close()
    with psycopg.connect(pg.url) as conn:  # type: ignore[attr-defined]
        rows = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE "
            "table_schema = current_schema() AND table_name != 'search' "
            "ORDER BY table_name, ordinal_position").fetchall()
        extensions = {r[0] for r in conn.execute("SELECT extname FROM pg_extension")}
    got: dict[str, list[str]] = {}
    for table, column in rows:
        got.setdefault(table, []).append(column)
    assert got == tables
    assert "pg_trgm" in extensions
    assert pg.meta("schema_version") == str(SCHEMA_VERSION)


def _pages(store: Store) -> list[object]:
    """Everything the web app shows of a store, as comparable values."""
    out: list[object] = []
    stories = store.story_list(limit=200)
    out.append([(b.id, b.title, b.articles, b.outlets, b.start, b.end, b.recent)
                for b in stories.stories])
    for b in stories.stories:
        [s] = store.stories([b.id])
        out.append(s.to_dict())
    out.append(store.outlets())
    for name, _ in store.outlets():
        view = store.outlet_view(name)
        assert view is not None
        out.append((view.per_day, view.copies_from, view.copied_by, view.shares_with,
                    view.disagreements))
    ids = [a for b in stories.stories for a in store.stories([b.id])[0].articles]
    for a in store.articles(ids):
        out.append(a.to_dict())
        view = store.article_view(a.id)
        assert view is not None
        out.append((view.entity_names, [r.to_dict() for r in view.reuse], view.outlets))
    for e in store.entities_in(ids):
        view = store.entity_view(e.id)
        assert view is not None
        out.append((view.entity, view.variant_counts, view.mentions,
                    view.mentions_per_day, [b.id for b in view.stories],
                    [(q.article, q.text) for q in view.quotes]))
    out.append(store.select(Selection(since="2015-08-04")))
    return out


def test_both_engines_answer_alike(both: tuple[Store, Store]) -> None:
    lite, pg = both
    assert _pages(lite) == _pages(pg)


@pytest.mark.parametrize("q", ["ألماتي", "الرئيس", "والمفاوضات", '"الأمن الجماعي"',
                               "قاسم جومارت توكاييف", "السعودية", "وزارة الداخلية", "زلزال",
                               "كازاخستان", "NOT (x) OR y*"])
def test_search_finds_the_same_articles(both: tuple[Store, Store], q: str) -> None:
    lite, pg = both
    want, got = lite.search(SearchQuery(q, limit=200)), pg.search(SearchQuery(q, limit=200))
    assert got.total == want.total and got.message == want.message
    assert {h.article for h in got.hits} == {h.article for h in want.hits}
    assert (got.facets_outlet, got.facets_day, got.spellings, got.terms) == (
        want.facets_outlet, want.facets_day, want.spellings, want.terms)
    assert [h.snippet for h in sorted(got.hits, key=lambda h: h.article)] == [
        h.snippet for h in sorted(want.hits, key=lambda h: h.article)]


def test_a_misspelt_name_finds_its_entity(both: tuple[Store, Store]) -> None:
    lite, pg = both
    exact = pg.search(SearchQuery("قاسم جومارت توكاييف"))
    [tokayev] = [e.id for e in exact.entities]
    near = pg.search(SearchQuery("قاسم جومرت توكايف"))  # two letters dropped
    assert [e.id for e in near.entities] == [tokayev]
    assert {h.article for h in exact.hits} <= {h.article for h in near.hits}
    assert not lite.search(SearchQuery("قاسم جومرت توكايف")).entities  # SQLite: exact only
    assert not pg.search(SearchQuery("مؤتمر صحفي عن الطقس")).entities


def test_opening_missing_empty_and_newer_databases(pg_server: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    missing = f"{pg_server}/marsad_no_such_db"
    with pytest.raises(StoreError, match=r"marsad_no_such_db.*does not exist"):
        open_store(missing, read_only=True)
    with psycopg.connect(f"{pg_server}/postgres") as conn:
        assert not conn.execute("SELECT 1 FROM pg_database WHERE datname = "
                                "'marsad_no_such_db'").fetchall()
    empty = new_pg_database(pg_server, "empty")
    with pytest.raises(StoreError, match="not a marsad store"):
        open_store(empty, read_only=True)
    with psycopg.connect(empty, autocommit=True) as conn:
        conn.execute("CREATE TABLE notes (x int)")
    with pytest.raises(StoreError, match=r"not a marsad store \(tables: notes\)"):
        open_store(empty)
    future = new_pg_database(pg_server, "future")
    open_store(future).close()
    with psycopg.connect(future, autocommit=True) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    for handle in (False, True):
        with pytest.raises(StoreError, match="newer marsad"):
            open_store(future, read_only=handle)
    assert main(["analyze", str(EXAMPLE), "--db", future, "--out", str(tmp_path / "o")]) == 2
    assert "newer marsad" in capsys.readouterr().err
    assert main(["export", "--db", future, "--out", str(tmp_path / "o")]) == 2
    assert "newer marsad" in capsys.readouterr().err
    assert main(["serve", "--db", f"{pg_server.replace('postgres@', 'postgres:secret@')}"
                 "/marsad_no_such_db"]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "secret" not in err  # the password is not shown


def test_a_writer_makes_the_database_and_reindexes_another_analyzer(pg_server: str) -> None:
    db = f"{pg_server}/marsad_made_by_writer"
    run = store_into([EXAMPLE], db, workers=1)
    assert run.added == 5
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute("DELETE FROM search")
        conn.execute("UPDATE meta SET value = 'light-0' WHERE key = 'search_analyzer'")
    with open_store(db, read_only=True) as store:
        assert store.search(SearchQuery("الشغب")).total == 0
    open_store(db).close()  # a writer re-indexes
    with open_store(db, read_only=True) as store:
        assert store.search(SearchQuery("الشغب")).total >= 3
        assert store.meta("search_analyzer") != "light-0"


def test_two_analyze_processes_on_overlapping_inputs(pg_server: str, tmp_path: Path) -> None:
    """Two real `marsad analyze` runs at once, in batches of three, on inputs sharing 18
    articles: every article stored once, in exactly one story, every batch whole."""
    lines = gzip.decompress(DAY.read_bytes()).decode().splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:35]) + "\n", "utf-8")
    second.write_text("\n".join(reversed(lines[17:])) + "\n", "utf-8")
    db = new_pg_database(pg_server, "two_writers")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = [subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", "analyze", str(path), "--db", db, "--out",
         str(tmp_path / f"out-{path.stem}"), "--workers", "1", "--batch", "3"],
        env=env, stderr=subprocess.PIPE, text=True) for path in (first, second)]
    errs = [p.communicate(timeout=600)[1] for p in runs]
    assert [p.returncode for p in runs] == [0, 0], errs
    added = [int(e.split(" new article")[0].rsplit(" ", 1)[1]) for e in errs]
    assert sum(added) == 52 and all(a >= 17 for a in added), errs
    with open_store(db, read_only=True) as store:
        assert store.article_count() == 52
        assert all(said == stored for said, stored in store.batch_sizes().values())
        members = [a for s in store.stories(store.select(Selection())) for a in s.articles]
        assert sorted(members) == sorted(set(members)) and len(members) == 52
        assert len(store.batch_sizes()) >= 52 // 3
    with psycopg.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT content_key) FROM articles"
                            ).fetchone() == (52, 52)
        assert conn.execute("SELECT COUNT(*) FROM search").fetchone() == (52,)
        # No reuse link stored twice (once each way).
        assert conn.execute("SELECT COUNT(*) FROM reuse r JOIN reuse s ON r.a = s.b "
                            "AND r.b = s.a").fetchone() == (0,)


def test_a_sqlite_store_loads_into_postgres(both: tuple[Store, Store], pg_server: str
                                            ) -> None:
    lite, pg = both
    target = new_pg_database(pg_server, "loaded")
    with open_store(target) as store:
        assert store.load_sqlite(lite.path) == lite.article_count()  # type: ignore[attr-defined]
        with pytest.raises(StoreError, match="holds articles already"):
            store.load_sqlite(lite.path)  # type: ignore[attr-defined]
    with open_store(target, read_only=True) as loaded:
        assert _pages(loaded) == _pages(lite)
        for q in ("ألماتي", '"الأمن الجماعي"', "الرئيس"):
            assert [h.article for h in loaded.search(SearchQuery(q, limit=100)).hits] == [
                h.article for h in pg.search(SearchQuery(q, limit=100)).hits]
    # It goes on growing as a store made on the server does.
    run = store_into([ROOT / "tests" / "fixtures" / "hostile"], target, workers=1)
    assert run.added == 1
    with open_store(target, read_only=True) as loaded:
        assert loaded.article_count() == lite.article_count() + 1


def test_the_simple_parser_keeps_every_analyzer_term(pg_server: str) -> None:
    """The index holds exactly the analyzer's terms: PostgreSQL's parser splits none and
    drops none, whatever the text holds (digits, Latin, addresses, long words)."""
    from marsad.normalise.search import analyze

    lines = gzip.decompress(DAY.read_bytes()).decode().splitlines()
    texts = [*lines[:10], "COVID-19 كوفيد١٩ نسبة 3.5% e-mail user@example.com "
             "http://x.y/z?a=1 ١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠ O'Brien النّاتو ـــ x_y " + "ب" * 300]
    with psycopg.connect(f"{pg_server}/postgres") as conn:
        for text in texts:
            terms = analyze(text)
            got = {r[0] for r in conn.execute(
                "SELECT unnest(tsvector_to_array(to_tsvector('simple', %s)))", (terms,))}
            assert got == set(terms.split()), text[:80]


def test_writes_dedupe_staged_rows_and_repeat_in_a_transaction(pg_server: str) -> None:
    from marsad.records import Article, Entity, Reuse

    db = new_pg_database(pg_server, "repeat")
    a = Article("a1", "x", "نص الخبر الأول عن المفاوضات.", title="خبر", outlet="sabq",
                published="2015-08-04")
    twin = Article("a1-twin", "y", a.text, title=a.title, outlet="okaz", published=a.published)
    b = Article("b1", "x", "نص الخبر الثاني عن المفاوضات.", outlet="sabq",
                published="2015-08-05")
    with open_store(db) as store:
        with store.transaction():
            store.add_articles([a, twin], {"a1": [1, 2], "a1-twin": [1, 2]})
            store.add_articles([b], {"b1": [2]})
            # PostgreSQL text holds no NUL: the replacement character stands for it.
            store.add_articles([Article("c1", "z", "نص\x00 ثالث", published="2015-08-05")], {})
            store.save_entities([Entity("e1", "سلمان", "PER", ["سلمان", "سلمان"])],
                                {"e1": ["k", "k"]}, {})
            store.save_entities([Entity("e1", "سلمان", "PER", ["سلمان"])], {"e1": ["k"]}, {})
            store.add_reuse([Reuse(["a1", "b1"], "a1", ["نص"], 0.5),
                             Reuse(["a1", "b1"], None, ["آخر"], 0.4)])
            store.add_reuse([Reuse(["a1", "b1"], None, ["ثالث"], 0.3)])
        assert store.known_ids(["a1", "a1-twin", "b1"]) == {"a1", "b1"}
        assert store.articles(["c1"])[0].text == "نص\ufffd ثالث"
        assert store.band_matches([1, 2], None, None) == {1: {"a1"}, 2: {"a1", "b1"}}
        assert store.search(SearchQuery("المفاوضات")).total == 2
        [e] = store.entities_by_keys(["k"])
        assert e.variants == ["سلمان"]
        view = store.entity_view("e1")
        assert view is not None and view.variant_counts == [("سلمان", 0)]
        [r] = store.reuse_among(["a1", "b1"])
        assert (r.source, r.passages, r.share) == ("a1", ["نص"], 0.5)


def test_a_writer_waits_for_another_then_gives_up_busy(pg_server: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import marsad.store.postgres as engine
    from marsad.records import Article
    from marsad.store import StoreBusy

    db = new_pg_database(pg_server, "busy")
    monkeypatch.setattr(engine, "_WAIT", "1s")
    first, second = open_store(db), open_store(db)
    reader = open_store(db, read_only=True)
    with first.transaction():
        first.add_articles([Article("w1", "x", "خبر عن المفاوضات.")], {})
        with pytest.raises(StoreBusy, match="another run is writing"), second.transaction():
            pass
        assert reader.article_count() == 0  # readers never wait, and see commits only
    with second.transaction():  # the lock went with the first batch's commit
        second.add_articles([Article("w2", "x", "خبر آخر عن المفاوضات.")], {})
    assert reader.article_count() == 2
    assert sorted(second.batch_sizes().values()) == [(1, 1), (1, 1)]  # the busy one: none
    for store in (first, second, reader):
        store.close()


def test_a_handle_outlives_a_dropped_connection(pg_server: str) -> None:
    from marsad.records import Article

    db = new_pg_database(pg_server, "dropped")
    store_into([EXAMPLE], db, workers=1)
    reader, writer = open_store(db, read_only=True), open_store(db)
    before = reader.story_list().total
    with psycopg.connect(db, autocommit=True) as admin:  # as a server restart would
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                      "datname = current_database() AND pid != pg_backend_pid()")
    assert reader.story_list().total == before  # opened again, still read-only
    with pytest.raises(StoreError, match="read-only"), reader.transaction():
        pass
    with writer.transaction():
        writer.add_articles([Article("d1", "x", "خبر بعد انقطاع الاتصال.")], {})
    assert reader.article_count() == 6
    for store in (reader, writer):
        store.close()
