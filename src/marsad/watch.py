"""`marsad watch`: a driver of the pipeline fed by feeds instead of files.

A poll reads every feed (conditional GET with the validators of its last complete read),
fetches the page of each item the store has not seen (by URL; a copy of a stored article
is dropped by content when linked), archives every response to WARC, and sends the pages
through the store's incremental path (`pipeline.store_documents`: one transaction per
batch). Then each feed's poll is recorded with what became of its items. A feed's
validators are kept only once its items are stored, so a poll killed midway is completed
by the next one: the feed is read again and the items not stored yet are fetched.
"""

from __future__ import annotations

import hashlib
import re
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit

from marsad.ingest.feeds import FeedItem, FeedSource, parse_feed
from marsad.ingest.fetch import Fetched, Fetcher, FetchError
from marsad.ingest.warc import WarcArchive
from marsad.ingest.web import page_document
from marsad.records import Document, FeedPoll, ItemOutcome, Problem
from marsad.store import Store

__all__ = ["PollSummary", "Watcher", "default_archive", "duration", "item_id",
           "stop_on_signals"]

ProblemHandler = Callable[[Problem], None]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def duration(text: str) -> float:
    """"90", "90s", "10m", "2h", "1d" → seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"not a duration (such as 90s, 10m, 2h): {text!r}")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def item_id(url: str, outlet: str | None) -> str:
    """A stable article id for a page URL: its outlet (or host) and a hash of the URL."""
    prefix = re.sub(r"[^\w.-]+", "-", outlet or urlsplit(url).hostname or "web").strip("-")
    return f"{prefix or 'web'}-{hashlib.sha1(url.encode()).hexdigest()[:12]}"


@dataclass(slots=True)
class PollSummary:
    feeds: int = 0
    read: int = 0  # feeds read (status ok)
    not_modified: int = 0
    failed: int = 0  # feeds recorded with an error
    new: int = 0  # items not seen before
    stored: int = 0  # articles added to the store
    item_failures: int = 0
    interrupted: bool = False
    stories: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Pending:
    poll: FeedPoll
    items: dict[str, ItemOutcome] = field(default_factory=dict)


class Watcher:
    """Polls a list of feeds into an open store."""

    def __init__(self, store: Store, feeds: list[FeedSource], fetcher: Fetcher,
                 archive: WarcArchive | None = None, *,
                 on_problem: ProblemHandler | None = None, workers: int = 1,
                 ner: str | None = None, batch: int | None = None,
                 stop: threading.Event | None = None) -> None:
        self.store = store
        self.feeds = feeds
        self.fetcher = fetcher
        self.archive = archive
        self.on_problem = on_problem
        self.workers = workers
        self.ner = ner
        self.batch = batch
        self.stop = stop or threading.Event()
        fetcher.stop = self.stop
        if archive is not None:
            fetcher.on_response = archive.response

    def _report(self, origin: str, reason: str) -> None:
        if self.on_problem:
            self.on_problem(Problem(origin, reason))

    def poll(self) -> PollSummary:
        """Poll every feed once (stopping early, after the current batch, on `stop`)."""
        from marsad.pipeline import BATCH, store_documents

        summary = PollSummary(feeds=len(self.feeds))
        pending: list[_Pending] = []
        by_url: dict[str, ItemOutcome] = {}
        if self.archive is not None:
            self.archive.start()
        try:
            docs = self._documents(pending, by_url)

            def problem(p: Problem) -> None:
                outcome = by_url.get(p.origin)
                if outcome is None:
                    self._report(p.origin, p.reason)
                    return
                if p.reason.startswith("kept without"):
                    outcome.reason = p.reason  # stored, some annotations missing
                else:
                    outcome.status, outcome.reason = "failed", p.reason
                self._report(p.origin, p.reason)

            run = store_documents(self.store, docs, workers=self.workers, ner=self.ner,
                                  on_problem=problem, batch=self.batch or BATCH)
        finally:
            if self.archive is not None:
                self.archive.finish()
        summary.stored = run.added
        summary.stories = run.stories
        for p in pending:
            poll = p.poll
            poll.items = list(p.items.values())
            poll.stored = sum(1 for i in poll.items if i.status == "stored")
            if any(i.status == "retry" for i in poll.items):
                poll.etag = poll.last_modified = None  # read it whole next time: retry them
            poll.finished = _now()
            self.store.save_poll(poll)
            summary.read += poll.status == "ok"
            summary.not_modified += poll.status == "not-modified"
            summary.failed += poll.status == "error"
            summary.interrupted |= poll.status == "interrupted"
            summary.new += poll.new
            summary.item_failures += sum(1 for i in poll.items if i.status != "stored")
        summary.interrupted |= len(pending) < len(self.feeds)
        return summary

    def _documents(self, pending: list[_Pending], by_url: dict[str, ItemOutcome]
                   ) -> Iterator[Document]:
        validators = {h.url: h for h in self.store.feeds()}
        for feed in self.feeds:
            if self.stop.is_set():
                return
            poll = FeedPoll(url=feed.url, name=feed.name, started=_now(), finished="",
                            status="ok")
            entry = _Pending(poll)
            pending.append(entry)
            known = validators.get(feed.url)
            headers = {}
            if known and known.etag:
                headers["If-None-Match"] = known.etag
            if known and known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
            try:
                fetched = self.fetcher.get(feed.url, headers, kind="feed")
            except FetchError as exc:
                poll.status, poll.error = "error", exc.reason
                self._report(feed.url, exc.reason)
                continue
            if fetched.status == 304:
                poll.status = "not-modified"
                continue
            poll.etag = fetched.header("ETag")
            poll.last_modified = fetched.header("Last-Modified")
            try:
                items, problem = parse_feed(feed.url, fetched.body)
            except Exception as exc:  # a parser bug met on one feed must not cost the others
                items, problem = [], Problem(feed.url, f"feed not read: internal error ({exc})")
            if problem is not None:
                poll.status, poll.error = "error", problem.reason
                self._report(problem.origin, problem.reason)
            poll.entries = len(items)
            seen = self.store.seen_items([i.url for i in items])
            fresh = [i for i in items if i.url not in seen and i.url not in by_url]
            poll.new = len(fresh)
            for item in fresh:
                if self.stop.is_set():
                    poll.status = "interrupted"
                    break
                outcome, doc = self._page(feed, item)
                entry.items[item.url] = by_url[item.url] = outcome
                if doc is not None:
                    yield doc

    def _page(self, feed: FeedSource, item: FeedItem
              ) -> tuple[ItemOutcome, Document | None]:
        try:
            fetched = self.fetcher.get(item.url, kind="page")
        except FetchError as exc:
            self._report(item.url, exc.reason)
            return ItemOutcome(item.url, "retry" if exc.transient else "failed",
                               exc.reason), None
        meta, dating = self._meta(feed, item, fetched)
        if self.archive is not None:
            self.archive.page_meta(fetched, meta)
        doc, note = page_document(item.url, fetched.body, fetched.header("Content-Type"),
                                  meta)
        if isinstance(doc, Problem):
            self._report(doc.origin, doc.reason)
            return ItemOutcome(item.url, "failed", doc.reason), None
        notes = [n for n in (dating, note) if n]
        for n in notes:
            self._report(item.url, f"read, but {n}")
        return ItemOutcome(item.url, "stored", "; ".join(notes) or None), doc

    def _meta(self, feed: FeedSource, item: FeedItem, fetched: Fetched
              ) -> tuple[dict[str, str], str | None]:
        """What the feed says of the page, and when it was found. A feed date after the
        fetch is no publication date (the page's own metadata or text may date it)."""
        meta = {"id": item_id(item.url, feed.name), "url": item.url,
                "discovered": fetched.fetched}
        if feed.name:
            meta["source"] = feed.name
        if item.title:
            meta["title"] = item.title
        if item.author:
            meta["author"] = item.author
        if item.published and item.published > fetched.fetched:
            return meta, f"the feed date {item.published} is after the fetch (ignored)"
        if item.published:
            meta["published"] = item.published
        return meta, None


def stop_on_signals(stop: threading.Event) -> None:
    """Ctrl-C and SIGTERM set `stop`: the current batch is finished, then the watch ends."""
    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt  # asked twice: stop now (the open batch rolls back)
        stop.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def default_archive(db: str | Path) -> Path:
    """The archive folder beside a store: `marsad.db` → `marsad-archive/`."""
    path = Path(str(db).removeprefix("sqlite:///"))
    return path.with_name(f"{path.stem}-archive")
