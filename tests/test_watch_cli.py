"""`marsad watch` and `marsad feeds` as processes: a SIGKILL mid-poll leaves whole batches
only and the next poll completes it; SIGTERM finishes the batch and exits 0; the feed
health the store keeps is printed and flagged."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import marsad_command
from marsad.cli import main
from marsad.pipeline import store_into
from marsad.store import open_store
from marsad.store.reads import FeedHealth, feed_flags, items_per_day
from watch_site import Route, Site, corpus, page, rss2, serve

RECORDS = corpus()
N = 8  # slow pages in the feed


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    items = []
    for k, r in enumerate(RECORDS[:N]):
        s.routes[f"/s/{k}.html"] = Route(page(r), delay=0.4)
        items.append((f"/s/{k}.html", r["title"], None))
    s.routes["/gone.xml"] = Route(b"", status=410)
    for served in serve(s):
        served.routes["/s.xml"] = Route(rss2("s", [(served.url(p), t, d) for p, t, d in items]),
                                        "application/rss+xml")
        yield served


def _start(tmp: Path, site: Site, *extra: str) -> subprocess.Popen[bytes]:
    feeds = tmp / "feeds.txt"
    feeds.write_text(f"{site.url('/s.xml')} slow\n{site.url('/gone.xml')} gone\n")
    cmd = [*marsad_command(), "watch", "--db", str(tmp / "w.db"), "--feeds", str(feeds),
           "--delay", "0", "--timeout", "5", "--batch", "2", "--workers", "1", *extra]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0  # not made yet


def _wait_for(db: Path, proc: subprocess.Popen[bytes], n: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while _count(db) < n:
        assert proc.poll() is None, proc.communicate()[1].decode()
        assert time.monotonic() < deadline, "no batch committed in time"
        time.sleep(0.05)


def _whole(db: Path) -> None:
    """Every committed batch holds what it says; every article is indexed."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone() == conn.execute(
            "SELECT COUNT(*) FROM search").fetchone()
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE n NOT IN "
                            "(SELECT DISTINCT article FROM bands)").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE id NOT IN "
                            "(SELECT article FROM story_articles)").fetchone() == (0,)
    with open_store(db) as store:
        for said, stored in store.batch_sizes().values():
            assert said == stored


def test_sigkill_mid_poll_then_the_next_poll_completes_it(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    proc = _start(tmp_path, site, "--once")
    _wait_for(db, proc, 2)
    proc.kill()
    proc.wait()
    killed_at = _count(db)
    assert 2 <= killed_at < N and killed_at % 2 == 0  # whole batches of two only
    _whole(db)
    proc = _start(tmp_path, site, "--once")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err.decode()  # the 410 feed failed
    assert "gone.xml: HTTP 410 Gone" in err.decode()
    _whole(db)
    with open_store(db) as store:
        assert store.article_count() == N
        urls = [a.url for a in store.articles(
            [r[0] for r in sqlite3.connect(db).execute("SELECT id FROM articles")], False)]
        health = {f.url: f for f in store.feeds()}
    assert sorted(urls) == sorted(site.url(f"/s/{k}.html") for k in range(N))
    for k in range(N):  # stored pages were not fetched again (one killed mid-fetch may be)
        assert site.hits[f"/s/{k}.html"] <= 2
    assert sum(site.hits[f"/s/{k}.html"] for k in range(N)) <= N + (N - killed_at)
    assert health[site.url("/s.xml")].polls == 1  # the killed poll recorded nothing
    assert health[site.url("/gone.xml")].last_error == "HTTP 410 Gone"
    # Both archives (the killed one cut short) rebuild the same articles.
    warcs = sorted((tmp_path / "w-archive").glob("*.warc.gz"))
    assert len(warcs) == 2
    rebuilt = tmp_path / "rebuilt.db"
    store_into(warcs, rebuilt, workers=1)
    with open_store(rebuilt) as store:
        assert store.article_count() == N


def test_sigterm_finishes_the_batch_and_exits_cleanly(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    proc = _start(tmp_path, site, "--every", "1h")
    _wait_for(db, proc, 2)
    proc.terminate()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    assert "stopped early" in err.decode()
    assert "Traceback" not in err.decode()
    _whole(db)
    assert _count(db) < N
    with open_store(db) as store:
        feed = {f.url: f for f in store.feeds()}[site.url("/s.xml")]
    assert feed.etag is None and feed.failures == 0  # read whole at the next poll


def test_feeds_command_prints_health_and_flags(site: Site, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.db"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.url('/gone.xml')} gone\n")
    for _ in range(3):
        assert main(["watch", "--db", str(db), "--feeds", str(feeds), "--once",
                     "--delay", "0", "--retries", "0"]) == 1
    capsys.readouterr()
    assert main(["feeds", "--db", str(db)]) == 0
    out = capsys.readouterr()
    assert f"! gone  {site.url('/gone.xml')}" in out.out
    assert "FLAG failing: 3 polls in a row (HTTP 410 Gone)" in out.out
    assert "1 feed, 1 flagged" in out.err
    assert main(["feeds", "--db", str(tmp_path / "none.db")]) == 2


def _health(**kw: object) -> FeedHealth:
    base: dict[str, object] = dict(
        url="http://x/feed", name="x", etag=None, last_modified=None, polls=100,
        last_poll="2026-01-10T12:00:00Z", last_success="2026-01-10T12:00:00Z",
        last_error=None, failures=0, first_poll="2026-01-01T12:00:00Z",
        last_item="2026-01-10T12:00:00Z", items=480, backlog=30, items_recent=50,
        item_errors=0,
        last_item_error=None)
    base.update(kw)
    return FeedHealth(**base)  # type: ignore[arg-type]


def test_feed_flags() -> None:
    now = datetime(2026, 1, 10, 12, 5, tzinfo=UTC)
    assert feed_flags(_health(), now) == []
    assert feed_flags(_health(failures=2), now) == []
    assert feed_flags(_health(failures=3, last_error="HTTP 503"), now) == [
        "failing: 3 polls in a row (HTTP 503)"]
    silent = feed_flags(_health(last_item="2026-01-07T09:00:00Z"), now)
    assert silent == ["silent: no new item since 2026-01-07T09:00"]
    assert feed_flags(_health(last_item="2026-01-09T09:00:00Z"), now) == []
    # 400 items in 8 days before the last one (50 a day), then 5: far below
    low = feed_flags(_health(items=435, items_recent=5), now)
    assert low == ["low volume: 5 new items in the last day, usually 50 a day"]
    assert feed_flags(_health(items=435, items_recent=20), now) == []
    assert items_per_day(_health()) == 50.0  # 450 after the backlog, in 9 days
    assert items_per_day(_health(first_poll="2026-01-10T00:00:00Z")) is None
    # two days of history are too few to judge volume; a new feed is not silent
    young = now - timedelta(days=1)
    assert feed_flags(_health(first_poll=young.strftime("%Y-%m-%dT%H:%M:%SZ"), items=5,
                              items_recent=0, last_item=None), now) == []
