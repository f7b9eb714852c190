"""The store at scale: filling it, adding to it, and one article joining its story.

    python bench/bench_store.py [--shared ../shared] [--n 62555] [--add 100] [--joins 50]
                                [--store FILLED.db --new NEW.jsonl]

1. Both news corpora (ANT and SaudiNewsNet, `--n` records in all, half from each, the
   SaudiNewsNet days held out for evaluation left out unless `--include-held-out`) into a
   new store in one `marsad analyze --db` run, with `--workers 1` and with `--workers 2`:
   wall time, articles/s, peak RSS of the run (all its processes), store size on disk.
2. `--add` more articles (ANT records the store does not hold) into that store against
   into an empty store: wall time and peak RSS of each run.
3. `--joins` articles more (the SaudiNewsNet records that follow those stored), linked
   one by into the full store (`marsad.link.link_batch`, annotation done before): the time
   for one article to join its story, p50 and p95.

`--store` skips step 1 and uses a copy of a store filled before (for example by
`marsad analyze both-corpora.jsonl --db FILLED.db`); `--new` then gives records it does
not hold (the first `--add` are added, the next `--joins` join one by one).

Runs are real `marsad` processes; RSS is sampled from /proc every 0.1 s and summed over
the run's process tree.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = ("2015-07-31", "2015-08-06", "2015-08-10", "2015-08-11")


def _rss_kib(pid: int) -> int:
    """Resident memory of a process and its descendants, in KiB."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(args: list[str]) -> tuple[float, int, str]:
    """Run `marsad ARGS`: (wall seconds, peak RSS in MiB, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", *args], env=env,
                                stdout=subprocess.DEVNULL, stderr=err)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _rss_kib(proc.pid))
            time.sleep(0.1)
        wall = time.perf_counter() - start
        err.seek(0)
        text = err.read()
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: marsad {' '.join(args)} failed:\n{text}")
    return wall, peak // 1024, text


def size_mib(db: Path) -> float:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20


def records(path: Path, skip_days: tuple[str, ...]) -> Iterator[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if skip_days and str(json.loads(line).get("date_extracted", ""))[:10] in skip_days:
                continue
            yield line


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--n", type=int, default=62555, help="records to fill the store with")
    ap.add_argument("--add", type=int, default=100)
    ap.add_argument("--joins", type=int, default=50)
    ap.add_argument("--include-held-out", action="store_true")
    ap.add_argument("--skip-workers-1", action="store_true",
                    help="fill the store with --workers 2 only")
    ap.add_argument("--store", type=Path, metavar="DB",
                    help="a filled store to copy instead of filling one (skips step 1)")
    ap.add_argument("--new", type=Path, metavar="JSONL",
                    help="with --store: records the store does not hold")
    args = ap.parse_args()
    news = args.shared / "corpora" / "news"
    ant, snn = news / "ant-v2.1-multisource.jsonl.gz", news / "saudinewsnet.jsonl.gz"
    if not (ant.exists() and snn.exists()):
        print(f"bench: corpora not found under {news}", file=sys.stderr)
        return 2
    skip = () if args.include_held_out else HELD_OUT
    if bool(args.store) != bool(args.new):
        print("bench: --store and --new go together", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        ant_lines = records(ant, ())
        snn_lines = records(snn, skip)
        if args.store:
            new = args.new.read_text("utf-8").splitlines(keepends=True)
            ant_lines = snn_lines = iter(new)
        else:
            fill = t / "fill.jsonl"
            half = args.n // 2
            with fill.open("w") as out:
                out.writelines(itertools.islice(ant_lines, args.n - half))
                out.writelines(itertools.islice(snn_lines, half))
        (t / "add.jsonl").write_text("".join(itertools.islice(ant_lines, args.add)))
        joins = list(itertools.islice(snn_lines, args.joins))
        (t / "joins.jsonl").write_text("".join(joins))

        if args.store:
            print(f"1. skipped: the store {args.store} ({_stored(args.store)} articles)")
            (t / "w2").mkdir()
            for f in args.store.parent.glob(args.store.name + "*"):
                shutil.copy(f, t / "w2" / f.name.replace(args.store.name, "store.db"))
        else:
            print(f"1. {args.n} records (ANT {args.n - half}, SaudiNewsNet {half}) into a new "
                  "store, one run")
        walls = {}
        for workers in (1, 2):
            if args.store or (workers == 1 and args.skip_workers_1):
                continue
            db = t / f"w{workers}" / "store.db"
            wall, peak, _ = run(["analyze", str(fill), "--db", str(db), "--out",
                                   str(t / "out"), "--workers", str(workers)])
            n = _stored(db)
            walls[workers] = wall
            print(f"   --workers {workers}: {wall:.0f} s, {n / wall:.1f} articles/s, "
                  f"peak RSS {peak} MiB, store {size_mib(db):.0f} MiB ({n} articles)")
        if len(walls) == 2:
            print(f"   speed-up with 2 workers: {walls[1] / walls[2]:.2f}x")
        big = t / "w2" / "store.db"

        print(f"2. {args.add} new articles, --workers 2")
        empty_wall, empty_peak, _ = run(["analyze", str(t / "add.jsonl"), "--db",
                                         str(t / "empty" / "store.db"), "--out",
                                         str(t / "out"), "--workers", "2"])
        grown = t / "grown" / "store.db"
        grown.parent.mkdir()
        shutil.copy(big, grown)
        big_wall, big_peak, _ = run(["analyze", str(t / "add.jsonl"), "--db", str(grown),
                                     "--out", str(t / "out"), "--workers", "2"])
        print(f"   into an empty store: {empty_wall:.1f} s, peak RSS {empty_peak} MiB")
        print(f"   into the store of {_stored(big)}: {big_wall:.1f} s "
              f"({big_wall / empty_wall:.2f}x), peak RSS {big_peak} MiB "
              f"({big_peak - empty_peak:+d} MiB)")

        print(f"3. one article joining its story (the next {len(joins)} SaudiNewsNet "
              "records, one at a time)")
        times = _joins(big, t / "joins.jsonl")
        if times:
            times.sort()
            p50 = times[len(times) // 2]
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            print(f"   p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
                  f"max {times[-1] * 1000:.0f} ms")
    return 0


def _stored(db: Path) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from marsad.store import open_store

    with open_store(db) as store:
        return store.article_count()


def _joins(db: Path, path: Path) -> list[float]:
    sys.path.insert(0, str(ROOT / "src"))
    from marsad.limits import Limits
    from marsad.link import link_batch
    from marsad.pipeline import _annotated, _documents, _results
    from marsad.store import open_store

    limits = Limits.from_env()
    items = list(_results(_annotated(_documents([path], lambda p: None, False, limits), 1,
                                     None, True, limits), lambda p: None))
    times: list[float] = []
    with open_store(db) as store:
        for item in items:
            start = time.perf_counter()
            added, _ = link_batch(store, [item])
            if added:
                times.append(time.perf_counter() - start)
    return times


if __name__ == "__main__":
    sys.exit(main())
