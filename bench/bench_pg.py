"""The web app's search and story page on PostgreSQL beside SQLite, over the same store.

    python bench/bench_pg.py [--articles 3000] [--shared ../shared] [--sqlite STORE.db]
                             [--pg postgresql://USER@HOST:PORT] [--work DIR]
                             [--queries 30] [--stories 30] [--clients 4] [--seconds 5]
                             [--add 100]

1. A SQLite store: `marsad analyze --workers 2` of the first --articles SaudiNewsNet records
   of --shared (development days only), timed; or a copy of --sqlite (then --articles
   says how many of those records it holds: the --add records are the ones after them).
2. The same store in PostgreSQL: a throwaway server in a temporary folder (initdb and
   pg_ctl, as the `postgres` user when run as root), or a new database on the server of
   --pg; filled by `PostgresStore.load_sqlite` (COPY), timed in rows/s.
3. On each engine, in-process: `Store.search` for the workload's queries and a story
   page's reads (`stories`, `articles`, `entities_in`, `reuse_among`) for its stories.
4. On each engine, `bench/bench_web.py` over HTTP (a real `marsad serve`): search and story
   page p50/p95, home throughput, alone and while `marsad analyze` adds --add articles
   (more records of the same corpus, so the two engines get the same ones).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import bench_web  # noqa: E402
from marsad.store import SearchQuery, Store, open_store  # noqa: E402

HELD_OUT = bench_web.HELD_OUT


def records(shared: Path, n: int, skip: int = 0) -> list[str]:
    """JSONL lines of SaudiNewsNet, development days only, in corpus order."""
    out: list[str] = []
    if not (shared / "corpora" / "news" / "saudinewsnet.jsonl.gz").is_file():
        sys.exit(f"bench_pg: {shared}: no corpora/news/saudinewsnet.jsonl.gz (give --shared)")
    with gzip.open(shared / "corpora" / "news" / "saudinewsnet.jsonl.gz", "rt",
                   encoding="utf-8") as f:
        for line in f:
            if json.loads(line).get("date_extracted", "")[:10] in HELD_OUT:
                continue
            if skip:
                skip -= 1
                continue
            out.append(line if line.endswith("\n") else line + "\n")
            if len(out) == n:
                break
    return out


@contextmanager
def postgres_server(home: Path) -> Iterator[str]:
    """A throwaway PostgreSQL server on a free loopback port; its URL (no database)."""
    found = shutil.which("initdb")
    bins = ([Path(found).parent] if found else
            sorted(Path("/usr/lib/postgresql").glob("*/bin")))
    if not bins:
        sys.exit("bench_pg: no PostgreSQL binaries (apt-get install postgresql "
                 "postgresql-contrib), or give --pg URL")
    bin_dir = bins[-1]
    user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if user:
        shutil.chown(home, "postgres")
    port = bench_web.free_port()
    subprocess.run([*user, str(bin_dir / "initdb"), "-D", str(home / "data"), "-U", "postgres",
                    "--auth=trust", "--locale=C.UTF-8", "-E", "UTF8"], check=True,
                   capture_output=True)
    subprocess.run([*user, str(bin_dir / "pg_ctl"), "-D", str(home / "data"), "-l",
                    str(home / "log"), "-w", "-o",
                    f"-p {port} -k {home} -c listen_addresses=127.0.0.1", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*user, str(bin_dir / "pg_ctl"), "-D", str(home / "data"), "-m",
                        "fast", "-w", "stop"], capture_output=True)


def ms(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def line(name: str, times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
    return (f"  {name:<28} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   "
            f"({len(times)} calls)")


def in_process(db: str, load: bench_web.Workload) -> None:
    with open_store(db, read_only=True) as store:
        for q in load.queries[:3]:  # warm the caches of both engines alike
            store.search(SearchQuery(q))
        search = [ms(lambda q=q: store.search(SearchQuery(q))) for q in load.queries]
        pages = [ms(lambda s=s: story_reads(store, s)) for s in load.stories]
    print(line("Store.search", search))
    print(line("story page reads", pages))


def story_reads(store: Store, sid: str) -> None:
    [story] = store.stories([sid])
    store.articles(story.articles)
    store.entities_in(story.articles)
    store.reuse_among(story.articles)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sqlite", type=Path, help="an existing SQLite store (copied)")
    ap.add_argument("--pg", help="a PostgreSQL server URL (no database) to use")
    ap.add_argument("--work", type=Path, help="folder for the SQLite store (default: temp)")
    ap.add_argument("--queries", type=int, default=30)
    ap.add_argument("--stories", type=int, default=30)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--add", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-pg-", dir=args.work))
    home = Path(tempfile.mkdtemp(prefix="bench-pg-server-"))
    try:
        bench(args, work, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def bench(args: argparse.Namespace, work: Path, home: Path) -> None:
    import psycopg

    from marsad.store.postgres import PostgresStore

    lite = str(work / "store.db")
    if args.sqlite:
        shutil.copy(args.sqlite, lite)
    else:
        feed = work / "records.jsonl"
        feed.write_text("".join(records(args.shared, args.articles)), "utf-8")
        start = time.perf_counter()
        done = subprocess.run(bench_web.marsad("analyze", str(feed), "--db", lite, "--workers",
                                               "2", "--out", str(work / "out")),
                              env=bench_web.ENV, stderr=subprocess.PIPE, text=True)
        took = time.perf_counter() - start
        if done.returncode not in (0, 1):  # 1: some records unusable, the others stored
            sys.exit(f"bench_pg: marsad analyze failed:\n{done.stderr}")
        print(f"SQLite store: {args.articles} records analysed in {took:.0f} s "
              f"({args.articles / took:.1f} records/s, marsad analyze --workers 2): "
              + "; ".join(x for x in done.stderr.splitlines() if "new article" in x))
    new = records(args.shared, args.add, skip=args.articles)
    (work / "new.jsonl").write_text("".join(new), "utf-8")
    with postgres_server(home) if args.pg is None else _given(args.pg) as server:
        url = f"{server}/bench_{os.getpid()}"
        start = time.perf_counter()
        with open_store(url) as store:
            assert isinstance(store, PostgresStore)
            articles = store.load_sqlite(lite)
        took = time.perf_counter() - start
        with psycopg.connect(url) as conn:
            rows = sum(conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
                       for (t,) in conn.execute(
                           "SELECT table_name FROM information_schema.tables WHERE "
                           "table_schema = 'public'"))
            size = conn.execute("SELECT pg_database_size(current_database())"
                                ).fetchone()[0]
        print(f"PostgreSQL store: {articles:,} articles, {rows:,} rows loaded from SQLite "
              f"in {took:.1f} s ({rows / took:,.0f} rows/s, search index and ANALYZE included); "
              f"{size / 2**20:.0f} MB (SQLite file "
              f"{Path(lite).stat().st_size / 2**20:.0f} MB)")
        load = bench_web.workload(lite, args.queries, args.stories, args.seed)
        for name, db in (("SQLite", lite), ("PostgreSQL", url)):
            print(f"\n=== {name}: in-process reads")
            in_process(db, load)
        for name, db in (("SQLite", lite), ("PostgreSQL", url)):
            print(f"\n=== {name}: bench_web (HTTP)")
            sys.stdout.flush()
            bench_web.main(["--db", db, "--queries", str(args.queries), "--stories",
                            str(args.stories), "--clients", str(args.clients),
                            "--seconds", str(args.seconds), "--add", str(args.add),
                            "--new", str(work / "new.jsonl"), "--seed", str(args.seed)])
            sys.stdout.flush()


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url.rstrip("/")


if __name__ == "__main__":
    sys.exit(main())
