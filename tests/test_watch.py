"""marsad watch against a real site on 127.0.0.1 (tests/watch_site.py) built from the
committed ANT slice: every feed format, every bad case recorded and the rest still read,
only new items fetched, conditional GET, politeness, dating, and the WARC round trip."""

from __future__ import annotations

import email.utils
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.ingest.feeds import read_feed_list
from marsad.ingest.fetch import Fetcher
from marsad.ingest.warc import WarcArchive
from marsad.pipeline import store_into
from marsad.store import open_store
from marsad.watch import Watcher, duration
from watch_site import Route, Site, atom, corpus, page, rdf, rss091, rss2, serve

RECORDS = corpus()


def _rfc822(iso: str) -> str:
    return email.utils.format_datetime(datetime.fromisoformat(iso))


def _items(site: Site, prefix: str, records: list[dict[str, str]], *, rfc: bool = True
           ) -> list[tuple[str, str, str | None]]:
    """Serve each record as a page under /prefix/N.html; the feed items pointing to them."""
    items = []
    for k, r in enumerate(records):
        path = f"/{prefix}/{k}.html"
        site.routes[path] = Route(page(r))
        items.append((site.url(path), r["title"],
                      _rfc822(r["published"]) if rfc else r["published"]))
    return items


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve(Site())


def _fetcher(**kw: object) -> Fetcher:
    options: dict[str, object] = {"timeout": 1.0, "retries": 2, "backoff": 0.05,
                                  "delay": 0.0, "max_bytes": 200_000}
    options.update(kw)
    return Fetcher(**options)  # type: ignore[arg-type]


def _watch(db: Path, feeds: Path, archive: Path | None = None, **kw: object) -> object:
    sources, problems = read_feed_list(feeds)
    assert not problems
    with open_store(db) as store, _fetcher(**kw) as fetcher:
        return Watcher(store, sources, fetcher,
                       WarcArchive(archive) if archive else None).poll()


def _feed_list(tmp: Path, lines: list[str]) -> Path:
    path = tmp / "feeds.txt"
    path.write_text("# outlets followed\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_feed_list_lines_and_opml(tmp_path: Path) -> None:
    lines = _feed_list(tmp_path, ["http://a.example/rss.xml سكاي نيوز",
                                  "ftp://nope/feed", "http://b.example/atom",
                                  "http://a.example/rss.xml again"])
    feeds, problems = read_feed_list(lines)
    assert [(f.url, f.name) for f in feeds] == [("http://a.example/rss.xml", "سكاي نيوز"),
                                              ("http://b.example/atom", None)]
    assert [str(p) for p in problems] == [f"{lines}:4: not a feed URL: 'ftp://nope/feed'"]
    opml = tmp_path / "feeds.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body>'
                    '<outline text="news"><outline text="بي بي سي" type="rss" '
                    'xmlUrl="http://c.example/feed"/></outline></body></opml>',
                    encoding="utf-8")
    feeds, problems = read_feed_list(opml)
    assert [(f.url, f.name) for f in feeds] == [("http://c.example/feed", "بي بي سي")]
    assert not problems
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline", encoding="utf-8")
    assert "malformed OPML" in read_feed_list(bad)[1][0].reason


def test_duration() -> None:
    assert duration("10m") == 600 and duration("90") == 90 and duration("2h") == 7200
    with pytest.raises(ValueError, match="not a duration"):
        duration("soon")


def test_every_feed_format_and_every_bad_case(site: Site, tmp_path: Path) -> None:
    good = {
        "rss2": rss2, "atom": atom, "rdf": rdf, "rss091": rss091,
    }
    lines = []
    expected: dict[str, dict[str, str]] = {}
    for k, (name, build) in enumerate(good.items()):
        records = RECORDS[3 * k:3 * k + 3]
        items = _items(site, name, records, rfc=build is rss2)
        site.routes[f"/{name}.xml"] = Route(build(name, items),
                                            "application/rss+xml; charset=utf-8")
        lines.append(f"{site.url(f'/{name}.xml')} {name}")
        expected.update({url: r for (url, _, _), r in zip(items, records, strict=True)})
    # Bad items, in one RSS feed beside a good one.
    legacy, future, good_one = RECORDS[20], RECORDS[21], RECORDS[22]
    site.routes["/bad/legacy.html"] = Route(page(legacy, charset=None, encoding="cp1256"),
                                            "text/html")
    site.routes["/bad/pdf"] = Route(b"%PDF-1.4 ...", "application/pdf")
    site.routes["/bad/huge.html"] = Route(b"<html><body>" + b"x" * 300_000 + b"</body></html>")
    site.routes["/bad/future.html"] = Route(page({**future, "published": ""}))
    site.routes["/bad/good.html"] = Route(page(good_one))
    ahead = RECORDS[23]  # its page's own metadata dates it in 2080
    site.routes["/bad/ahead.html"] = Route(page({**ahead,
                                                 "published": "2080-05-01T10:00:00+03:00"}))
    site.routes["/bad/feed.xml"] = Route(rss2("bad items", [
        (site.url("/bad/missing.html"), "gone", None),
        (site.url("/bad/pdf"), "a pdf", None),
        (site.url("/bad/huge.html"), "huge", None),
        (site.url("/bad/legacy.html"), legacy["title"], _rfc822(legacy["published"])),
        (site.url("/bad/future.html"), future["title"], "Mon, 01 Jan 2080 10:00:00 GMT"),
        (site.url("/bad/good.html"), good_one["title"], _rfc822(good_one["published"])),
        (site.url("/bad/ahead.html"), ahead["title"], None),
    ]), "application/rss+xml")
    # Bad feeds.
    site.routes["/feeds/slow.xml"] = Route(rss2("slow", []), delay=3.0)
    site.routes["/feeds/loop-a"] = Route(b"", status=302, location="/feeds/loop-b")
    site.routes["/feeds/loop-b"] = Route(b"", status=302, location="/feeds/loop-a")
    site.routes["/feeds/malformed.xml"] = Route(b'<?xml version="1.0"?><rss version="2.0">'
                                                b"<channel><title>x</title><item><title>a",
                                                "application/rss+xml")
    site.routes["/feeds/empty.xml"] = Route(rss2("empty", []), "application/rss+xml")
    site.routes["/feeds/html"] = Route(page(RECORDS[30]))
    lines += [site.url(p) + " bad" for p in ("/bad/feed.xml", "/feeds/gone.xml",
                                             "/feeds/slow.xml", "/feeds/loop-a",
                                             "/feeds/malformed.xml", "/feeds/empty.xml",
                                             "/feeds/html")]
    db = tmp_path / "w.db"
    summary = _watch(db, _feed_list(tmp_path, lines), retries=1)
    with open_store(db) as store:
        health = {f.url.removeprefix(site.base): f for f in store.feeds()}
        stored = store.articles(sorted(_ids(store)), annotations=False)
    by_url = {a.url: a for a in stored}
    # Every good item of every format, with the feed's outlet name and dates.
    for url, record in expected.items():
        article = by_url[url]
        assert article.title == record["title"]
        assert article.text.split("\n")[0] == record["text"].split("\n")[0].strip()
        assert article.outlet in good
        assert article.discovered is not None and article.discovered.endswith("Z")
        assert article.published is not None and article.published <= article.discovered
    rfc_dated = [a for u, a in by_url.items() if "/rss2/" in u]
    assert {a.published_basis for a in rfc_dated} == {"metadata"}
    assert rfc_dated[0].published[:10] in {r["published"][:10] for r in RECORDS[:3]}
    # The legacy page is read (as Windows-1256) and stored, with a note; the future date
    # is not kept; the good item beside the bad ones is stored.
    assert by_url[site.url("/bad/legacy.html")].title == legacy["title"]
    assert "ال" in by_url[site.url("/bad/legacy.html")].text
    fut = by_url[site.url("/bad/future.html")]
    assert fut.published is not None and fut.published[:4] != "2080"
    assert fut.published <= fut.discovered
    assert site.url("/bad/good.html") in by_url
    ahead_stored = by_url[site.url("/bad/ahead.html")]
    assert ahead_stored.published is not None and ahead_stored.published[:4] != "2080"
    assert ahead_stored.published <= ahead_stored.discovered
    assert len(stored) == len(expected) + 4
    # Each bad item recorded against its feed with the reason.
    bad = health["/bad/feed.xml"]
    assert bad.item_errors == 3 and bad.last_error is None and bad.failures == 0
    reasons = _item_reasons(db)
    assert reasons[site.url("/bad/missing.html")] == ("failed", "HTTP 404 Not Found")
    assert reasons[site.url("/bad/pdf")] == ("failed", "not an HTML page (application/pdf)")
    assert reasons[site.url("/bad/huge.html")][1].startswith("page over the size cap")
    assert reasons[site.url("/bad/legacy.html")] == (
        "stored", "no usable charset declared: a legacy encoding found by detection")
    assert "after the fetch" in reasons[site.url("/bad/future.html")][1]
    # Each bad feed recorded with the reason; the good feeds are healthy.
    assert health["/feeds/gone.xml"].last_error == "HTTP 404 Not Found"
    assert health["/feeds/slow.xml"].last_error.startswith("timed out")
    assert site.hits["/feeds/slow.xml"] == 2  # retried once after the timeout
    assert health["/feeds/loop-a"].last_error.startswith("redirect loop")
    assert health["/feeds/malformed.xml"].last_error.startswith("malformed feed XML")
    assert health["/feeds/empty.xml"].last_error == "empty feed: no items"
    assert health["/feeds/html"].last_error == "not a feed (no RSS or Atom document)"
    assert site.hits["/bad/missing.html"] == 1  # a 4xx is not retried
    for name in good:
        f = health[f"/{name}.xml"]
        assert f.failures == 0 and f.last_success and f.items == 3 and f.name == name
    assert summary.failed == 6 and summary.read == 5  # type: ignore[attr-defined]


def _ids(store: object) -> list[str]:
    import sqlite3

    path = store.path  # type: ignore[attr-defined]
    with sqlite3.connect(path) as db:
        return [r[0] for r in db.execute("SELECT id FROM articles")]


def _item_reasons(db: Path) -> dict[str, tuple[str, str | None]]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return {u: (s, r) for u, s, r in conn.execute(
            "SELECT url, status, reason FROM feed_items")}


def test_only_new_items_fetched_and_conditional_get(site: Site, tmp_path: Path) -> None:
    first = _items(site, "a", RECORDS[:3])
    site.routes["/a.xml"] = Route(rss2("a", first), "application/rss+xml")
    site.routes["/b.xml"] = Route(atom("b", _items(site, "b", RECORDS[3:5], rfc=False)),
                                  "application/atom+xml")
    feeds = _feed_list(tmp_path, [site.url("/a.xml") + " a", site.url("/b.xml") + " b"])
    db = tmp_path / "w.db"
    _watch(db, feeds)
    assert site.conditional["/a.xml"] == 0
    # The feed gains two items (one a copy of a stored article under a new URL).
    more = _items(site, "a2", [RECORDS[10]])
    site.routes["/a2/copy.html"] = Route(page(RECORDS[0]))
    site.routes["/a.xml"] = Route(rss2("a", [*more, (site.url("/a2/copy.html"),
                                             RECORDS[0]["title"], None),
                                             *first]), "application/rss+xml")
    summary = _watch(db, feeds)
    assert site.not_modified["/b.xml"] == 1  # unchanged: 304
    assert site.conditional["/a.xml"] == 1 and site.not_modified["/a.xml"] == 0
    for k in range(3):
        assert site.hits[f"/a/{k}.html"] == 1  # never fetched again
    assert site.hits["/a2/0.html"] == 1 and site.hits["/a2/copy.html"] == 1
    assert summary.new == 2 and summary.stored == 1  # type: ignore[attr-defined]
    with open_store(db) as store:
        assert store.article_count() == 6
        health = {f.url: f for f in store.feeds()}
    assert health[site.url("/a.xml")].items == 5 and health[site.url("/a.xml")].polls == 2
    # A third poll: nothing new anywhere, nothing fetched.
    _watch(db, feeds)
    assert site.not_modified["/a.xml"] == 1 and site.hits["/a2/copy.html"] == 1


def test_retries_backoff_robots_and_delay(site: Site, tmp_path: Path) -> None:
    records = RECORDS[:3]
    items = _items(site, "p", records)
    site.routes["/p/0.html"].fail_first = 2  # 503 twice, then the page
    site.routes["/p/1.html"].fail_first = 5  # 503 past the retries: tried at the next poll
    site.routes["/private/x.html"] = Route(page(RECORDS[5]))
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.routes["/f.xml"] = Route(rss2("f", [*items, (site.url("/private/x.html"), "x",
                                                      None)]), "application/rss+xml")
    feeds = _feed_list(tmp_path, [site.url("/f.xml")])
    db = tmp_path / "w.db"
    started = datetime.now(UTC)
    _watch(db, feeds, delay=0.2)
    # robots.txt, the feed, 3 + 3 + 1 page requests: 8 requests to one host, 0.2 s apart
    assert (datetime.now(UTC) - started).total_seconds() >= 7 * 0.2
    assert site.hits["/p/0.html"] == 3 and site.hits["/p/1.html"] == 3
    assert site.hits["/private/x.html"] == 0 and site.hits["/robots.txt"] == 1
    reasons = _item_reasons(db)
    assert reasons[site.url("/private/x.html")] == ("failed", "disallowed by robots.txt")
    assert reasons[site.url("/p/1.html")] == ("retry", "HTTP 503 Service Unavailable")
    with open_store(db) as store:
        assert {a.url for a in store.articles(_ids(store), False)} == {
            site.url("/p/0.html"), site.url("/p/2.html")}
    # The feed is unchanged, but an item waits for a retry: its validators were not kept,
    # so it is read again (no 304) and the item fetched (503, 503, then the page).
    _watch(db, feeds)
    assert site.conditional["/f.xml"] == 0 and site.hits["/p/1.html"] == 6
    assert site.hits["/p/0.html"] == 3 and site.hits["/private/x.html"] == 0
    assert _item_reasons(db)[site.url("/p/1.html")] == ("stored", None)
    _watch(db, feeds)
    assert site.not_modified["/f.xml"] == 1


def test_watch_warc_analyze_round_trip(site: Site, tmp_path: Path) -> None:
    items = _items(site, "r", RECORDS[40:46])
    site.routes["/r/legacy.html"] = Route(page(RECORDS[46], charset=None, encoding="cp1256"),
                                          "text/html")
    site.routes["/r/pdf"] = Route(b"%PDF", "application/pdf")
    site.routes["/r/moved"] = Route(b"", status=301, location="/r/target.html")
    site.routes["/r/target.html"] = Route(page(RECORDS[39]))
    items += [(site.url("/r/legacy.html"), RECORDS[46]["title"], None),
              (site.url("/r/pdf"), "pdf", None),
              (site.url("/r/moved"), RECORDS[39]["title"], None)]
    site.routes["/r.xml"] = Route(rss2("r", items), "application/rss+xml")
    site.routes["/q.xml"] = Route(atom("q", _items(site, "q", RECORDS[47:50], rfc=False)),
                                  "application/atom+xml")
    feeds = _feed_list(tmp_path, [site.url("/r.xml") + " r", site.url("/q.xml") + " q"])
    db, archive = tmp_path / "w.db", tmp_path / "warc"
    _watch(db, feeds, archive)
    warcs = sorted(archive.glob("*.warc.gz"))
    assert len(warcs) == 1
    rebuilt = tmp_path / "rebuilt.db"
    run = store_into(warcs, rebuilt, workers=1)
    assert [p.reason for p in run.problems] == ["not an HTML page (application/pdf)"]

    def articles(path: Path) -> list[tuple[object, ...]]:
        with open_store(path) as store:
            found = store.articles(_ids(store))
        return sorted((a.id, a.url, a.origin, a.outlet, a.title, a.text, a.published,
                       a.published_basis, a.discovered, [m.text for m in a.mentions])
                      for a in found)

    watched = articles(db)
    assert len(watched) == 11
    assert site.url("/r/moved") in {a[1] for a in watched}  # the item's URL, not the target
    assert articles(rebuilt) == watched
    # and through the command line, without a store
    assert main(["analyze", str(warcs[0]), "--out", str(tmp_path / "out"),
                 "--workers", "1"]) == 1  # the pdf is reported


def test_truncated_warc_keeps_records_before_the_break(site: Site, tmp_path: Path) -> None:
    site.routes["/t.xml"] = Route(rss2("t", _items(site, "t", RECORDS[50:53])),
                                  "application/rss+xml")
    db, archive = tmp_path / "w.db", tmp_path / "warc"
    _watch(db, _feed_list(tmp_path, [site.url("/t.xml")]), archive)
    warc = next(archive.glob("*.warc.gz"))
    data = warc.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    from marsad.ingest.warc import read_warc
    from marsad.records import Document, Problem

    found = list(read_warc(cut))
    assert isinstance(found[-1], Problem) and "truncated" in found[-1].reason
    assert 1 <= sum(isinstance(d, Document) for d in found) < 3


def test_version_3_store_gains_the_feed_tables(tmp_path: Path) -> None:
    import sqlite3

    from marsad.store import SCHEMA_VERSION, StoreError

    db = tmp_path / "v3.db"
    run = store_into([Path(__file__).parent / "fixtures" / "corpora" / "ant-slice.jsonl.gz"],
                     db, workers=1)
    con = sqlite3.connect(db)
    for table in ("feed_items", "polls", "feeds", "entity_titles"):  # what version 3 lacks
        con.execute(f"DROP TABLE {table}")
    con.execute("DROP INDEX articles_url")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="schema version 3"):
        open_store(db, read_only=True)
    with open_store(db) as store:
        assert store.article_count() == run.added
        assert store.feeds() == []
        url = RECORDS[0]["url"]
        assert store.seen_items([url, "http://elsewhere/x"]) == {url}
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
        str(SCHEMA_VERSION),)
    assert con.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles_url'"
                       ).fetchone() == (1,)
