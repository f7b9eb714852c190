"""Search on a big store: the 2->3 upgrade, the analyzer's cost, query latency.

    python bench/bench_search.py --from BIG.db --work DIR

copies the store (with its -wal) into --work, opens the copy for writing (upgrading it in
place: timed), then times `Store.search` (facets included) on a read-only handle for
--queries queries, half entity names and half title words drawn (seeded) from random
stored articles, and the analyzer on the stored texts. The original is only read by `cp`.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from marsad.normalise.search import analyze
from marsad.store import SearchQuery, Selection, Store, open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--from", dest="source", type=Path, required=True,
                        help="store to copy (never opened)")
    parser.add_argument("--work", type=Path, required=True, help="directory for the copy")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    args.work.mkdir(parents=True, exist_ok=True)
    db = args.work / args.source.name
    for suffix in ("", "-wal", "-shm"):
        src = Path(f"{args.source}{suffix}")
        dst = Path(f"{db}{suffix}")
        dst.unlink(missing_ok=True)
        if src.exists():
            shutil.copy(src, dst)
    t = time.perf_counter()
    with open_store(db) as store:
        articles = store.article_count()
    print(f"open for writing (upgrade to the current schema included): "
          f"{time.perf_counter() - t:.1f} s, {articles} articles")

    rng = random.Random(args.seed)
    with open_store(db, read_only=True) as store:
        stories = store.select(Selection())
        picked = rng.sample(stories, min(len(stories), 400))
        ids = [a for s in store.stories(picked) for a in s.articles[:2]]
        sample = store.articles(ids, annotations=False)
        t = time.perf_counter()
        analyze("مرحبا")
        print(f"analyzer vocabulary loaded once per process: "
              f"{(time.perf_counter() - t) * 1000:.0f} ms")
        t = time.perf_counter()
        for a in sample:
            analyze(a.title)
            analyze(a.text)
        per = (time.perf_counter() - t) / max(1, len(sample)) * 1000
        chars = sum(len(a.text) for a in sample) / max(1, len(sample))
        print(f"analyzer: {per:.3f} ms per article (title and text, {chars:.0f} characters "
              f"on average, {len(sample)} articles, stems cached as they come)")
        names: list[str] = []
        for aid in rng.sample(ids, min(len(ids), 150)):
            view = store.article_view(aid)
            if view:
                names += sorted(set(view.entity_names.values()))
        words = [w for a in sample for w in (a.title or "").split() if len(w) >= 3]
        half = args.queries // 2
        queries = rng.sample(sorted(set(names)), half) + rng.sample(
            sorted(set(words)), args.queries - half)
        timings: list[tuple[float, str, int]] = []
        for q in queries:
            t = time.perf_counter()
            result = store.search(SearchQuery(q))
            timings.append(((time.perf_counter() - t) * 1000, q, result.total))
        ms = sorted(x[0] for x in timings)
        p95 = ms[max(0, round(0.95 * len(ms)) - 1)]
        print(f"search ({len(ms)} queries, facets included): p50 {statistics.median(ms):.1f}"
              f" ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms")
        for took, q, total in sorted(timings, reverse=True)[:5]:
            print(f"  {took:7.1f} ms  {total:6d} matches  {q}")
        _pages(store, ids)


def _pages(store: Store, ids: list[str]) -> None:
    """The other page queries, at their heaviest: the biggest outlet, the entity of most
    mentions among the sampled articles, a deep page of the story list."""
    def timed(label: str, call: Callable[[], object]) -> None:
        t = time.perf_counter()
        call()
        print(f"{label}: {(time.perf_counter() - t) * 1000:.1f} ms")

    timed("story_list first page", lambda: store.story_list())
    page = store.story_list(limit=200)
    for _ in range(20):
        page = store.story_list(limit=200, cursor=page.next) if page.next else page
    timed("story_list page after 4,200 stories", lambda: store.story_list(cursor=page.next))
    name, _ = max(store.outlets(), key=lambda x: x[1])
    timed(f"outlet_view {name}", lambda: store.outlet_view(name))
    views = [v for v in (store.article_view(i) for i in ids[:100]) if v]
    timed("article_view", lambda: store.article_view(ids[0]))
    mentions = {e: v.mentions for e in sorted({e for v in views for e in v.entity_names})[:60]
                if (v := store.entity_view(e))}
    entity = max(mentions, key=lambda e: (mentions[e], e))
    view = store.entity_view(entity)
    timed(f"entity_view {view.entity.name if view else entity} ({view and view.mentions} "
          "mentions)", lambda: store.entity_view(entity))


if __name__ == "__main__":
    main()
