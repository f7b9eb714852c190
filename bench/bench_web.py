"""The web app on a big store: search and story-page latency, home-page throughput, alone
and while `marsad analyze` adds articles to the same store.

    python bench/bench_web.py --db COPY.db [--shared ../shared] [--queries 50] [--stories 50]
                              [--clients 8] [--seconds 10] [--add 1000] [--seed 0]
                              [--new RECORDS.jsonl]

`--db` is a store this bench may write to (it adds `--add` articles and upgrades an older
store): a copy, never the only one; a SQLite file or a postgresql:// URL (bench/bench_pg.py
runs this bench on both engines). Build one from both news corpora with

    marsad analyze ../shared/corpora/news/*.jsonl.gz --db big.db

`marsad serve` runs as a real process on a free loopback port; a bounded client (one
keep-alive connection per client thread) measures, in this order:

1. p50/p95 of GET /api/search for `--queries` queries, half entity names and half title
   words, drawn (seeded) from the store's stories through its read interface;
2. p50/p95 of GET /stories/{id} (the HTML page) for `--stories` stories drawn the same way;
3. requests/s of GET / with `--clients` concurrent clients for `--seconds` seconds;

then the same three, round after round, while a `marsad analyze` process adds `--add`
records of the --shared corpora that the store does not hold (the days held out for
evaluation only if too few others are left; nothing of their output is read), pooled over
the rounds run before it ends.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.store import open_store  # noqa: E402

HELD_OUT = ("2015-07-31", "2015-08-06", "2015-08-10", "2015-08-11")
CORPORA = ("saudinewsnet.jsonl.gz", "ant-v2.1-multisource.jsonl.gz")
WORD = re.compile(r"[\u0621-\u064a]{5,}")
BUILD = "marsad analyze ../shared/corpora/news/*.jsonl.gz --db big.db"


def marsad(*args: str) -> list[str]:
    return [sys.executable, "-m", "marsad.cli", *args]


ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


# --- what to ask ----------------------------------------------------------------------------


@dataclass
class Workload:
    queries: list[str]
    stories: list[str]


def workload(db: str, n_queries: int, n_stories: int, seed: int) -> Workload:
    """Stories, entity names and title words drawn from the store's read interface."""
    rng = random.Random(seed)
    with open_store(db, read_only=True) as store:
        briefs = []
        cursor = None
        while True:
            page = store.story_list(limit=500, cursor=cursor)
            briefs += page.stories
            cursor = page.next
            if not cursor:
                break
        if len(briefs) < n_stories:
            sys.exit(f"bench: {db} holds {len(briefs)} stories, fewer than {n_stories}")
        stories = [b.id for b in rng.sample(briefs, n_stories)]
        names: list[str] = []
        words: list[str] = []
        for brief in rng.sample(briefs, min(len(briefs), 20 * n_queries)):
            if len(names) < n_queries // 2:
                (story,) = store.stories([brief.id])
                entities = store.entities_in(story.articles)
                fresh = [e.name for e in entities if e.name not in names]
                if fresh:
                    names.append(rng.choice(fresh))
            fresh = [w for w in WORD.findall(brief.title) if w not in words]
            if fresh and len(words) < n_queries - n_queries // 2:
                words.append(rng.choice(fresh))
            if len(names) + len(words) == n_queries:
                break
    queries = names + words
    rng.shuffle(queries)
    return Workload(queries, stories)


def unseen_records(db: str, shared: Path, n: int) -> list[str]:
    """JSONL lines of the shared corpora whose ids the store does not hold."""
    chosen: list[str] = []
    held_out: list[str] = []
    with open_store(db, read_only=True) as store:
        for name in CORPORA:
            batch: list[tuple[str, str]] = []
            for line in _lines(shared / "corpora" / "news" / name):
                batch.append((json.loads(line)["id"], line))
                if len(batch) == 2000:
                    _take(store.known_ids([i for i, _ in batch]), batch, chosen, held_out)
                    batch = []
            _take(store.known_ids([i for i, _ in batch]), batch, chosen, held_out)
    if len(chosen) < n:
        chosen += held_out[: n - len(chosen)]
    if len(chosen) < n:
        sys.exit(f"bench: only {len(chosen)} records of {shared} are not in {db}")
    return chosen[:n]


def _lines(path: Path) -> Iterator[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        yield from (line for line in fh if line.strip())


def _take(known: set[str], batch: list[tuple[str, str]], chosen: list[str],
          held_out: list[str]) -> None:
    for rid, line in batch:
        if rid not in known:
            (held_out if any(d in rid for d in HELD_OUT) else chosen).append(line)


# --- the server and the client --------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(marsad("serve", "--db", str(db), "--host", "127.0.0.1",
                                       "--port", str(port)),
                                env=ENV, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"bench: marsad serve exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as resp:
                if resp.status == 200:
                    return proc, port
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    sys.exit(f"bench: marsad serve did not answer in 120 s:\n{log.read_text()}")


class Client:
    """One keep-alive connection, opened again when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str) -> int:
        """The status of GET `path`, its body read; 0 if the connection broke."""
        try:
            self.conn.request("GET", path)
            resp = self.conn.getresponse()
            resp.read()
            return resp.status
        except (http.client.HTTPException, ConnectionError):
            self.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            return 0

    def close(self) -> None:
        self.conn.close()


@dataclass
class Timings:
    """Milliseconds per request, and the requests not answered 200."""

    ms: list[float]
    errors: int = 0

    def __add__(self, other: Timings) -> Timings:
        return Timings(self.ms + other.ms, self.errors + other.errors)

    def line(self, name: str) -> str:
        p95 = statistics.quantiles(self.ms, n=20, method="inclusive")[18]
        return (f"  {name:<18} p50 {statistics.median(self.ms):7.1f} ms   p95 {p95:7.1f} ms   "
                f"max {max(self.ms):7.1f} ms   ({len(self.ms)} requests, "
                f"non-200: {self.errors})")


def latencies(port: int, paths: list[str]) -> Timings:
    """Each path once, in turn, on one keep-alive connection."""
    client = Client(port)
    out = Timings([])
    for path in paths:
        start = time.perf_counter()
        status = client.get(path)
        out.ms.append((time.perf_counter() - start) * 1000)
        out.errors += status != 200
    client.close()
    return out


def throughput(port: int, clients: int, seconds: float) -> tuple[float, int]:
    """Requests/s of GET / with `clients` threads, each on its own connection; and errors."""
    done = [0] * clients
    errors = [0] * clients
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        http_client = Client(port)
        while time.perf_counter() < stop:
            status = http_client.get("/")
            done[i] += 1
            errors[i] += status != 200
        http_client.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.perf_counter() - start), sum(errors)


@dataclass
class Round:
    search: Timings
    story: Timings
    home: list[tuple[float, int]]  # (requests/s, non-200) of each throughput run

    def __add__(self, other: Round) -> Round:
        return Round(self.search + other.search, self.story + other.story,
                     self.home + other.home)


def measure(port: int, load: Workload, clients: int, seconds: float) -> Round:
    search = latencies(port, ["/api/search?q=" + urllib.parse.quote(q) for q in load.queries])
    story = latencies(port, [f"/stories/{urllib.parse.quote(s)}" for s in load.stories])
    return Round(search, story, [throughput(port, clients, seconds)])


def show(title: str, r: Round) -> None:
    print(f"\n{title}")
    print(r.search.line("GET /api/search"))
    print(r.story.line("GET /stories/{id}"))
    rps = statistics.mean(x for x, _ in r.home)
    print(f"  {'GET /':<18} {rps:7.1f} requests/s ({len(r.home)} runs, "
          f"non-200: {sum(e for _, e in r.home)})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="a store the bench may write to (a copy): a SQLite file or "
                                 "a postgresql:// URL")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--stories", type=int, default=50)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--add", type=int, default=1000)
    ap.add_argument("--new", type=Path, metavar="JSONL",
                    help="records to add (default: corpus records whose ids the store does not "
                         "hold; a record whose text is stored under another id adds nothing)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if args.db is None:
        print(f"bench_web needs a store: build one with\n    {BUILD}\n"
              "then run (on a copy: the bench writes to it)\n"
              "    python bench/bench_web.py --db big.db", file=sys.stderr)
        return 2
    if not args.db.startswith("postgres") and not Path(args.db).exists():
        print(f"bench_web: {args.db}: no such store (build one with: {BUILD})", file=sys.stderr)
        return 2

    with open_store(args.db) as store:  # upgrades an older store, as `marsad` would
        articles = store.article_count()
    load = workload(args.db, args.queries, args.stories, args.seed)
    new = (args.new.read_text("utf-8").splitlines()[:args.add] if args.new
           else unseen_records(args.db, args.shared, args.add))
    print(f"store {args.db}: {articles:,} articles; {len(load.queries)} queries, "
          f"{len(load.stories)} stories; {len(new)} records to add")
    print("queries:", " | ".join(load.queries))

    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        server, port = start_server(args.db, Path(tmp) / "serve.log")
        try:
            latencies(port, ["/", "/api/search?q=" + urllib.parse.quote(load.queries[0])])
            show("alone", measure(port, load, args.clients, args.seconds))

            feed = Path(tmp) / "new.jsonl"
            feed.write_text("".join(line if line.endswith("\n") else line + "\n"
                                    for line in new), encoding="utf-8")
            start = time.perf_counter()
            writer = subprocess.Popen(marsad("analyze", str(feed), "--db", str(args.db)),
                                      env=ENV, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True)
            # Rounds one after another until the writer ends, so they cover its writes.
            busy = measure(port, load, args.clients, args.seconds)
            rounds = 1
            while writer.poll() is None:
                busy += measure(port, load, args.clients, args.seconds)
                rounds += 1
            _, err = writer.communicate()
            wall = time.perf_counter() - start
            show(f"while marsad analyze adds {len(new)} articles ({rounds} rounds)", busy)
            with open_store(args.db, read_only=True) as store:
                added = store.article_count() - articles
            print(f"  marsad analyze: exit {writer.returncode}, {added:,} articles added "
                  f"in {wall:.0f} s")
            if writer.returncode not in (0, 1):
                print(err, file=sys.stderr)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
