"""marsad watch against a local news site: a first poll, then a poll with new items.

    python bench/bench_watch.py [--shared ../shared] [--feeds 20] [--items 50] [--new 20]
                                [--workers 2] [--store FILLED.db]

A threaded server on 127.0.0.1 (tests/watch_site.py) serves `--feeds` RSS feeds of
`--items` items each, every item an ANT article (one in 25 of the corpus, in order) as a
page in site chrome.
1. `marsad watch --once` into an empty store (`--delay 0`: one host serves every feed):
   wall time of the process, items/s, peak RSS (its process tree, sampled every 0.1 s).
2. `--new` items more (the next ANT articles, spread over the feeds, each feed still
   listing its old items) and a second `--once` poll into that store, or into a copy of
   `--store FILLED.db` that the first poll was run into as well: seconds from the poll's
   start to the last new item visible in its story (the store read every 0.1 s), and the
   process's wall time.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bench_store import _rss_kib  # noqa: E402
from watch_site import Route, Site, page, rss2, serve  # noqa: E402


def ant(path: Path, n: int, every: int = 25) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k % every == 0:
                record = json.loads(line)
                if record.get("text") and record.get("title"):
                    found.append(record)
                    if len(found) == n:
                        break
    return found


def _rfc822(iso: str | None) -> str | None:
    return email.utils.format_datetime(datetime.fromisoformat(iso)) if iso else None


def publish(site: Site, feeds: dict[int, list[dict[str, str]]]) -> None:
    for f, records in feeds.items():
        items = []
        for r in records:
            path = r.setdefault("_path", f"/{r['source']}/{len(site.routes)}.html")
            site.routes[path] = Route(page(r))
            items.append((site.url(path), r["title"], _rfc822(r.get("published"))))
        site.routes[f"/feed{f}.xml"] = Route(rss2(f"feed {f}", items[::-1]),
                                             "application/rss+xml")


def watch(db: Path, feeds: Path, workers: int, new_urls: list[str] | None = None
          ) -> tuple[float, int, float | None, str]:
    """Run `marsad watch --once`: (wall s, peak RSS MiB, s to new items in stories, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "marsad.cli", "watch", "--db", str(db), "--feeds",
           str(feeds), "--once", "--delay", "0", "--workers", str(workers)]
    start = time.perf_counter()
    visible: float | None = None
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _rss_kib(proc.pid))
            if new_urls and visible is None and _in_stories(db, new_urls) == len(new_urls):
                visible = time.perf_counter() - start
            time.sleep(0.1)
        wall = time.perf_counter() - start
        err.seek(0)
        text = err.read()
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: marsad watch failed:\n{text}")
    if new_urls and visible is None and _in_stories(db, new_urls) == len(new_urls):
        visible = wall
    return wall, peak // 1024, visible, text


def _in_stories(db: Path, urls: list[str]) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05) as conn:
            marks = ",".join("?" * len(urls))
            return conn.execute(
                f"SELECT COUNT(*) FROM articles a JOIN story_articles s ON s.article = a.id"
                f" WHERE a.url IN ({marks})", urls).fetchone()[0]
    except sqlite3.Error:
        return 0


def _count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--feeds", type=int, default=20)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--new", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--store", type=Path, metavar="DB",
                    help="a filled store: step 2 polls into a copy of it")
    args = ap.parse_args()
    corpus = args.shared / "corpora" / "news" / "ant-v2.1-multisource.jsonl.gz"
    if not corpus.exists():
        print(f"bench: {corpus} not found", file=sys.stderr)
        return 2
    total = args.feeds * args.items
    records = ant(corpus, total + args.new)
    feeds = {f: records[f * args.items:(f + 1) * args.items] for f in range(args.feeds)}
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        for site in serve(Site()):
            publish(site, feeds)
            listing = tmp / "feeds.txt"
            listing.write_text("".join(f"{site.url(f'/feed{f}.xml')} feed{f}\n"
                                       for f in feeds))
            db = tmp / "watch.db"
            wall, peak, _, err = watch(db, listing, args.workers)
            stored = _count(db)
            print(f"1. first poll, {args.feeds} feeds x {args.items} items, empty store, "
                  f"--workers {args.workers}: {wall:.1f} s, {total / wall:.1f} items/s, "
                  f"{stored} articles stored, peak RSS {peak} MiB")
            print("   " + err.strip().splitlines()[-1])
            if args.store is not None:
                db = tmp / "filled.db"
                shutil.copy(args.store, db)
                before = _count(db)
                wall, peak, _, err = watch(db, listing, args.workers)
                print(f"   the same poll into a copy of {args.store} ({before} articles): "
                      f"{wall:.1f} s, peak RSS {peak} MiB")
            new = records[total:]
            for k, r in enumerate(new):
                feeds[k % args.feeds].append(r)
            publish(site, feeds)
            urls = [site.url(r["_path"]) for r in new]
            size = _count(db)
            wall, peak, visible, err = watch(db, listing, args.workers, urls)
            shown = f"{visible:.1f} s" if visible is not None else "never"
            print(f"2. a poll with {len(new)} new items into a store of {size} articles: "
                  f"new items in their stories after {shown} (process {wall:.1f} s, peak "
                  f"RSS {peak} MiB); {_in_stories(db, urls)}/{len(urls)} visible")
            print("   " + err.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
