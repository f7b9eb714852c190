"""The store: schema, upgrade of a version-1 store, refusal of a newer one, record round
trips, incremental runs against one run, export filters, and a run killed mid-way; those
that take `stores` on both engines (SQLite and PostgreSQL, see conftest.py)."""

from __future__ import annotations

import copy
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import Stores
from marsad import extract, ingest, stories
from marsad.cli import main
from marsad.link import Annotated, link_batch, name_keys
from marsad.pipeline import annotate_document, store_dossier
from marsad.records import Article, Mention, Problem, Quote, Reuse, Story
from marsad.store import SCHEMA_VERSION, Selection, StoreError, content_key, open_store
from marsad.store.sqlite import SCHEMA_V1
from marsad.stories.cluster import StoryIndex, StoryProfile
from marsad.stories.reuse import _candidates, _prepare, band_keys

ROOT = Path(__file__).resolve().parents[1]
# 52 SaudiNewsNet articles of 2015-08-04 (CC BY-NC-SA 4.0): eight stories told by several
# outlets, with copied text, and 16 articles on their own.
DAY = ROOT / "tests" / "fixtures" / "corpora" / "snn-2015-08-04-stories.jsonl.gz"


def _annotate(path: Path) -> list[Annotated]:
    out = []
    for doc in ingest.read([path]):
        assert not isinstance(doc, Problem)
        item, problems = annotate_document(doc, None, True)
        assert item is not None and not problems
        out.append(item)
    return out


@pytest.fixture(scope="module")
def day() -> list[Annotated]:
    items = _annotate(DAY)
    items.sort(key=lambda i: (i.article.published or "", i.article.id))
    return items


@pytest.fixture(scope="module")
def pages() -> list[Annotated]:
    return _annotate(ROOT / "examples" / "kazakhstan-2022")


def _link(db: str | Path, items: list[Annotated], runs: int) -> None:
    size = -(-len(items) // runs)
    for lo in range(0, len(items), size):
        with open_store(db) as store:
            link_batch(store, copy.deepcopy(items[lo:lo + size]))


def _everything(db: str | Path) -> tuple[dict[str, str], set[frozenset[str]], dict[str, str]]:
    """Story of each article, reuse pairs, entity of each mention (by article and offset)."""
    with open_store(db) as store:
        dossier = store_dossier(store, store.select(Selection()))
    member = {a: s.id for s in dossier.stories for a in s.articles}
    mentions = {f"{a.id}:{m.start}": m.entity or "" for a in dossier.articles
                for m in a.mentions}
    return member, {frozenset(r.articles) for r in dossier.reuse}, mentions


def _partition(member: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for a, s in member.items():
        groups[s].add(a)
    return {frozenset(g) for g in groups.values()}


def test_schema_tables_indexes_wal(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    open_store(db).close()
    con = sqlite3.connect(db)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "mentions", "times", "quantities", "quotes", "entities",
            "entity_variants", "entity_keys", "entity_redirects", "stories", "story_articles",
            "story_profiles", "story_entities", "timeline", "claims", "claim_values",
            "summary", "reuse", "reuse_passages", "outlets", "bands", "meta",
            "entity_titles"} <= names
    # The reader's queries: a story's articles, an entity's stories and quotes, an outlet's
    # articles by day, articles by date.
    assert {"mentions_entity", "quotes_speaker", "articles_outlet_day", "articles_day",
            "story_entities_entity"} <= names
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
        str(SCHEMA_VERSION),)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def _v1_store(db: Path, items: list[Annotated]) -> list[Article]:
    """A store as marsad wrote it before #10: articles as JSON blobs saved before linking,
    stories, reuse and the story index as one JSON value."""
    articles = copy.deepcopy([i.article for i in items])
    for a in articles:
        a.quotes = []
    con = sqlite3.connect(db)
    con.executescript(SCHEMA_V1)
    for a in articles:
        con.execute("INSERT INTO articles VALUES (?, ?, ?, ?)",
                    (content_key(a), a.id, a.published, json.dumps(a.to_dict())))
    entities = extract.link(articles)
    index = StoryIndex()
    found, reuse = stories.build(articles, entities, index=index)
    state = {"stories": [s.to_dict() for s in found], "reuse": [r.to_dict() for r in reuse],
             "index": index.to_dict()}
    con.execute("INSERT INTO state VALUES ('stories', ?)", (json.dumps(state),))
    con.commit()
    con.close()
    return articles


def test_version_1_store_is_upgraded_in_place(tmp_path: Path,
                                              pages: list[Annotated]) -> None:
    db = tmp_path / "old.db"
    linked = {a.id: a for a in _v1_store(db, pages)}
    with open_store(db) as store:
        [story_id] = store.select(Selection())
        dossier = store_dossier(store, [story_id])
    assert sqlite3.connect(db).execute(
        "SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    assert len(dossier.articles) == 5 and len(dossier.reuse) == 1
    [story] = dossier.stories
    assert story.timeline[-1]["date"] == "2022-01-12"
    # Version 1 kept articles unlinked: the upgrade links them as the old run did.
    for a in dossier.articles:
        assert [q.speaker for q in a.quotes] == [q.speaker for q in linked[a.id].quotes]
        assert [m.entity for m in a.mentions] == [m.entity for m in linked[a.id].mentions]
    assert any(q.speaker for a in dossier.articles for q in a.quotes)
    # The upgraded store grows like any other: the example story keeps its articles.
    day = _annotate(DAY)[:6]
    with open_store(db) as store:
        added, _ = link_batch(store, day)
        assert added == 6 and store.article_count() == 11
        assert store.stories([story_id])[0].articles == story.articles


def test_newer_store_is_refused(tmp_path: Path, example_dir: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "future.db"
    open_store(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer marsad"):
        open_store(db)
    code = main(["analyze", str(example_dir), "--db", str(db), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "made by a newer marsad (schema version 99" in err
    assert "Traceback" not in err
    code = main(["export", "--db", str(db), "--out", str(tmp_path / "o")])
    assert code == 2 and "newer marsad" in capsys.readouterr().err


def test_records_round_trip_with_unknown_keys(stores: Stores, tmp_path: Path) -> None:
    text = "قال وزير الخارجية إن المحادثات ستستأنف غداً."
    article = Article("a1", "x.txt", text, title="عنوان", outlet="sabq",
                      published="2015-08-04T10:00:00", published_basis="text",
                      mentions=[Mention("وزير الخارجية", 4, 17, "PER", "per-1")],
                      quotes=[Quote("المحادثات ستستأنف غداً", 21, 43, "per-1", "وزير", False)])
    claim = {"about": "قتلى", "unit": "شخص", "kind": "changed", "source": "الشرطة",
             "values": [{"value": 8.0, "article": "a1", "text": "8", "as_of": "2015-08-04",
                         "attributed": "الشرطة"}]}
    story = Story("s1", "عنوان", ["a1"], "2015-08-04", "2015-08-04",
                  timeline=[{"date": "2015-08-04", "text": "x", "articles": ["a1"],
                             "basis": "text", "new": 1}],
                  claims=[claim], summary=[{"text": "y", "articles": ["a1"], "score": 2}])
    with open_store(stores.new(tmp_path, "r")) as store:
        with store.transaction():
            store.add_articles([article], {"a1": [5, -7]})
            store.save_stories([story], [StoryProfile("s1", {"x": 1.0}, {"per-1": 1},
                                                      "2015-08-04", "2015-08-04", ["a1"])])
            store.add_reuse([Reuse(["a1", "a2"], "a1", ["نص"], 0.5)])
        [back] = store.articles(["a1"])
        assert back.to_dict() == article.to_dict()
        assert store.stories(["s1"])[0].to_dict() == story.to_dict()
        assert store.band_matches([5, 9], "2015-08-01", "2015-08-05") == {5: {"a1"}}
        assert store.band_matches([5], "2015-08-05", None) == {}


def test_band_keys_are_the_lsh_candidates(pages: list[Annotated]) -> None:
    # One run's candidates are the pairs sharing a stored band key: the same windows
    # whatever the batch's templates, so a store finds what one run finds.
    articles = [i.article for i in pages]
    docs = [_prepare(a) for a in articles]
    lsh = {(articles[i].id, articles[j].id) for i, j in _candidates(docs)}
    keys = [set(band_keys(a)) for a in articles]
    banded = {(articles[i].id, articles[j].id) for i in range(len(articles))
              for j in range(i + 1, len(articles)) if keys[i] & keys[j]}
    assert lsh and lsh == banded


def test_stored_name_keys_find_the_long_name() -> None:
    short, long = name_keys("توكاييف", "PER"), name_keys("قاسم جومارت توكاييف", "PER")
    assert set(short) & set(long)
    assert not set(name_keys("كازاخستان", "LOC")) & set(name_keys("قرغيزستان", "LOC"))


def test_pages_one_at_a_time_give_the_same_story(stores: Stores, tmp_path: Path,
                                                 pages: list[Annotated]) -> None:
    ordered = sorted(pages, key=lambda i: (i.article.published or "", i.article.id))
    one_db, five_db = stores.new(tmp_path, "one"), stores.new(tmp_path, "five")
    _link(one_db, ordered, 1)
    _link(five_db, ordered, 5)
    one, five = _everything(one_db), _everything(five_db)
    assert _partition(one[0]) == _partition(five[0]) and len(_partition(one[0])) == 1
    assert one[1] == five[1] and len(one[1]) == 1
    # Mentions the tagger found resolve alike: a short name (توكاييف) joins the full one an
    # earlier run stored. (Names recovered from other articles' spellings are looked for in
    # the batch and its candidate entities, so one run may recover a few more.)
    both = sorted(one[2].keys() & five[2].keys())
    assert len(both) >= 0.95 * len(one[2])
    agree = _partition({k: one[2][k] for k in both}) & _partition({k: five[2][k] for k in both})
    assert sum(len(g) for g in agree) >= 0.95 * len(both)
    with open_store(five_db) as store:
        articles = store.articles(sorted({k.split(":")[0] for k in both}))
    tokayev = {m.entity for a in articles for m in a.mentions if "توكاي" in m.text}
    assert len(tokayev) == 1
    # His titles, from whichever run gave them, sit with the surviving entity.
    with open_store(one_db) as one_store, open_store(five_db) as st:
        [tid] = tokayev
        view, one_view = st.entity_view(tid), one_store.entity_view(tid)
        assert view is not None and one_view is not None
        assert "رئيس كازاخستان" in view.entity.titles
        assert set(view.entity.titles) == set(one_view.entity.titles)


def test_runs_of_a_day_agree_with_one_run(stores: Stores, tmp_path: Path,
                                          day: list[Annotated]) -> None:
    one_db, four_db = stores.new(tmp_path, "one"), stores.new(tmp_path, "four")
    _link(one_db, day, 1)
    _link(four_db, day, 4)
    one, four = _everything(one_db), _everything(four_db)
    assert len(one[0]) == len(four[0]) == 52
    assert _partition(one[0]) == _partition(four[0])
    assert one[1] == four[1] and len(one[1]) >= 5
    # Stories of several outlets were found, not 52 singletons.
    assert sum(len(g) > 1 for g in _partition(one[0])) >= 6


def test_same_articles_again_store_nothing(stores: Stores, tmp_path: Path,
                                           day: list[Annotated]) -> None:
    db = stores.new(tmp_path, "again")
    _link(db, day[:20], 1)
    with open_store(db) as store:
        added, touched = link_batch(store, copy.deepcopy(day[:30]))
        assert (added, store.article_count()) == (10, 30)
        assert touched  # the ten new articles joined or made stories


@pytest.fixture(scope="module")
def exported(stores: Stores, tmp_path_factory: pytest.TempPathFactory,
             day: list[Annotated], pages: list[Annotated]) -> str:
    db = stores.new(tmp_path_factory.mktemp("export"), "m")
    _link(db, pages + day, 2)
    return db


def _export(db: str | Path, out: Path, *args: str
            ) -> tuple[int, dict[str, list[dict[str, object]]]]:
    code = main(["export", "--db", str(db), "--out", str(out), *args])
    data = json.loads((out / "dossier.json").read_text()) if code == 0 else {}
    return code, data


def test_export_filters(exported: str, tmp_path: Path) -> None:
    from marsad.serve import validate

    # No filter: the stories of the last 7 days stored (2022-01-06 to 12), whole: the
    # example story, with its page of 2022-01-05; not the SaudiNewsNet day.
    code, pages = _export(exported, tmp_path / "week")
    assert code == 0 and validate(pages) == []
    assert len(pages["stories"]) == 1 and len(pages["articles"]) == 5
    assert min(str(a["published"]) for a in pages["articles"]) == "2022-01-05"
    assert len(pages["reuse"]) == 1
    code, day = _export(exported, tmp_path / "d", "--since", "2015-08-01",
                        "--until", "2015-08-31")
    assert code == 0 and validate(day) == [] and len(day["articles"]) == 52
    assert {str(a["published"])[:10] for a in day["articles"]} == {"2015-08-04"}
    code, none = _export(exported, tmp_path / "n", "--until", "2015-08-03")
    assert code == 0 and none["stories"] == []
    story = pages["stories"][0]
    code, one = _export(exported, tmp_path / "s", "--story", str(story["id"]))
    assert one["stories"] == [story]
    code, sabq = _export(exported, tmp_path / "o", "--outlet", "okaz")
    assert code == 0 and 1 <= len(sabq["stories"]) <= 6
    by_id = {a["id"]: a for a in sabq["articles"]}
    assert all(any(by_id[i]["outlet"] == "okaz" for i in s["articles"])  # type: ignore[index]
               for s in sabq["stories"])
    tokayev = next(e for e in pages["entities"] if "توكاييف" in str(e["name"]))
    code, ent = _export(exported, tmp_path / "e", "--entity", str(tokayev["id"]))
    assert [s["id"] for s in ent["stories"]] == [story["id"]]
    code, none = _export(exported, tmp_path / "n", "--outlet", "no-such-outlet")
    assert code == 0 and none["stories"] == [] and none["articles"] == []


def test_export_bad_arguments(exported: str, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--db", str(exported), "--out", str(tmp_path), "--since",
                 "2015-08-05", "--until", "2015-08-01"])
    assert code == 2 and "is after --until" in capsys.readouterr().err
    code = main(["export", "--db", str(tmp_path / "missing.db"), "--out", str(tmp_path)])
    assert code == 2 and "no such store" in capsys.readouterr().err
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--db", str(exported), "--out", str(tmp_path), "--since", "last week"])
    assert exit_.value.code == 2 and "not a date" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["analyze", str(DAY), "--workers", "0"])
    assert "not a whole number" in capsys.readouterr().err


def test_killed_run_keeps_whole_batches_and_a_rerun_completes(stores: Stores,
                                                              tmp_path: Path) -> None:
    db, out = stores.new(tmp_path, "k"), tmp_path / "out"
    cmd = [sys.executable, "-m", "marsad.cli", "analyze", str(DAY), "--db", str(db),
           "--out", str(out), "--workers", "1", "--batch", "5"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    committed = 0
    deadline = time.monotonic() + 120
    while committed == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        try:  # a reader beside the writer, as the web app is
            with open_store(db, read_only=True) as reader:
                committed = reader.article_count()
        except StoreError:  # not made yet
            continue
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    with open_store(db) as store:
        kept = store.article_count()
        assert 0 < kept < 52 and kept % 5 == 0
        assert all(said == stored for said, stored in store.batch_sizes().values())
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{52 - kept} new articles ({kept} stored before), 52 in all" in done.stderr
    with open_store(db) as store:
        ids = store.select(Selection())
        members = [a for s in store.stories(ids) for a in s.articles]
        assert sorted(members) == sorted(set(members)) and len(members) == 52
        assert store.known_contents([]) == set()


def test_streamed_dossier_is_the_dossier_in_any_chunking(stores: Stores, tmp_path: Path,
                                                       day: list[Annotated],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad import serve
    from marsad.serve import stream

    db = stores.new(tmp_path, "s")
    _link(db, day, 1)
    with open_store(db) as store:
        ids = store.select(Selection())
        whole = store_dossier(store, ids).to_dict()
        assert len(ids) > 3
        stream.write_store_dossier(store, ids, tmp_path / "one.json")
        monkeypatch.setattr(stream, "CHUNK", 2)  # many chunks: the same records
        stream.write_store_dossier(store, ids, tmp_path / "many.json")
        monkeypatch.setattr(stream, "REPORT_STORIES", 2)
        _, shown = stream.write_store_report(store, ids, tmp_path / "report.html")
    one = json.loads((tmp_path / "one.json").read_text("utf-8"))
    assert one == whole and not serve.validate(one)
    many = json.loads((tmp_path / "many.json").read_text("utf-8"))
    for part in ("entities", "stories", "reuse"):
        assert many[part] == whole[part]
    assert sorted(many["articles"], key=lambda a: a["id"]) == sorted(
        whole["articles"], key=lambda a: a["id"])
    # The report shows the two largest stories and says how many there are.
    html = (tmp_path / "report.html").read_text("utf-8")
    largest = sorted(whole["stories"], key=lambda s: -len(s["articles"]))[:2]
    assert shown == 2 and f"من {len(ids)}" in html
    assert all(s["title"] in html for s in largest)
