"""Do results depend on how the input was split into runs? One run against N runs.

    python eval/store/eval_incremental.py [--input FILE.jsonl] [--runs 10] [--workers 2]

Analyses one SaudiNewsNet day (default: the development day 2015-08-04, read from the
shared corpus) into a new store in one run, and into another new store in `--runs` runs
of consecutive parts (in publication order, as a feed brings them; `--file-order` splits
the file as it is), then prints the agreement of the two: stories B-cubed (P, R, F1;
the one-run stories as reference) and reuse pair F1, and the differences. The per-article
half is done once and shared (it sees one article at a time, so no split can change it);
both stores go through `marsad.link.link_batch` with the same batch size, as `marsad
analyze --db` does. With `--memory`, also compares the one-run store with the in-memory
analysis (`marsad analyze` without --db).
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import pickle
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from marsad import extract, stories
from marsad.limits import Limits
from marsad.link import Annotated, link_batch
from marsad.pipeline import BATCH, _annotated, _documents, _results, _unique, store_dossier
from marsad.records import Problem
from marsad.store import Selection, open_store

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
HELD_OUT = {"2015-07-31", "2015-08-06", "2015-08-10", "2015-08-11"}


def bcubed(pred: dict[str, str], ref: dict[str, str]) -> tuple[float, float, float]:
    ref_sets: dict[str, set[str]] = defaultdict(set)
    pred_sets: dict[str, set[str]] = defaultdict(set)
    for a in ref:
        ref_sets[ref[a]].add(a)
        pred_sets[pred[a]].add(a)
    p = sum(len(pred_sets[pred[a]] & ref_sets[ref[a]]) / len(pred_sets[pred[a]]) for a in ref)
    r = sum(len(pred_sets[pred[a]] & ref_sets[ref[a]]) / len(ref_sets[ref[a]]) for a in ref)
    p, r = p / len(ref), r / len(ref)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pair_f1(found: set[frozenset[str]], ref: set[frozenset[str]]) -> float:
    tp = len(found & ref)
    p = tp / len(found) if found else 1.0
    r = tp / len(ref) if ref else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def into_store(db: Path, items: list[Annotated], runs: int, batch: int
               ) -> tuple[dict[str, str], set[frozenset[str]], float]:
    """Link `items` into a new store in `runs` runs of consecutive parts."""
    t0 = time.perf_counter()
    size = -(-len(items) // runs)
    for lo in range(0, len(items), size):
        part = copy.deepcopy(items[lo:lo + size])
        with open_store(db) as store:  # one run: the store opened, filled, closed
            for b in range(0, len(part), batch):
                link_batch(store, part[b:b + batch])
    secs = time.perf_counter() - t0
    with open_store(db) as store:
        dossier = store_dossier(store, store.select(Selection()))
    member = {a: s.id for s in dossier.stories for a in s.articles}
    return member, {frozenset(r.articles) for r in dossier.reuse}, secs


def compare(name: str, ref: tuple[dict[str, str], set[frozenset[str]]],
            other: tuple[dict[str, str], set[frozenset[str]]],
            titles: dict[str, str]) -> None:
    both = ref[0].keys() & other[0].keys()  # articles stored twice in memory are kept once
    p, r, f = bcubed({a: other[0][a] for a in both}, {a: ref[0][a] for a in both})
    print(f"{name}: stories B-cubed P {p:.4f} R {r:.4f} F1 {f:.4f}; "
          f"reuse pair F1 {pair_f1(other[1], ref[1]):.4f} "
          f"(pairs {len(ref[1])} vs {len(other[1])}, stories "
          f"{len(set(ref[0].values()))} vs {len(set(other[0].values()))})")
    groups: dict[str, set[str]] = defaultdict(set)
    for a in both:
        groups[ref[0][a]].add(a)
    shown = 0
    for members in groups.values():
        split = defaultdict(set)
        for a in members:
            split[other[0][a]].add(a)
        if len(split) > 1 and shown < 8:
            shown += 1
            print("  split:", [[titles.get(a, a)[:50] for a in sorted(g)] for g in split.values()])
    for pair in sorted(ref[1] ^ other[1], key=sorted)[:8]:
        side = "only in reference" if pair in ref[1] else "only here"
        print(f"  reuse {side}:", [titles.get(a, a)[:50] for a in sorted(pair)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--day", default="2015-08-04")
    ap.add_argument("--input", help="a JSONL file instead of the corpus day")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=BATCH)
    ap.add_argument("--n", type=int, help="only the first N articles")
    ap.add_argument("--memory", action="store_true")
    ap.add_argument("--file-order", action="store_true",
                    help="split the input in file order, not in publication order")
    ap.add_argument("--cache", help="keep the annotated articles in this pickle file")
    args = ap.parse_args()
    if args.day in HELD_OUT and not args.input:
        sys.exit(f"{args.day} is held out or a test day: pick another")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(args.input) if args.input else Path(tmp) / f"snn-{args.day}.jsonl"
        if not args.input:
            corpus = Path(args.shared) / "corpora" / "news" / "saudinewsnet.jsonl.gz"
            with gzip.open(corpus, "rt", encoding="utf-8") as fh, src.open("w") as out:
                for line in fh:
                    if str(json.loads(line).get("date_extracted", ""))[:10] == args.day:
                        out.write(line)
        problems: list[Problem] = []
        t0 = time.perf_counter()
        if args.cache and Path(args.cache).is_file():
            items = pickle.loads(Path(args.cache).read_bytes())
        else:
            limits = Limits.from_env()
            items = list(_results(_annotated(_documents([src], problems.append, False, limits),
                                             args.workers, None, True, limits),
                                  problems.append))
            if args.cache:
                Path(args.cache).write_bytes(pickle.dumps(items))
        if args.n:
            items = items[:args.n]
        if not args.file_order:  # a feed brings a day's articles in the order they appear
            items.sort(key=lambda i: (i.article.published or "", i.article.id))
        print(f"{len(items)} articles annotated in {time.perf_counter() - t0:.1f}s "
              f"({len(problems)} inputs not read)")
        titles = {i.article.id: f"{i.article.outlet}: {i.article.title}" for i in items}
        one = into_store(Path(tmp) / "one.db", items, 1, args.batch)
        print(f"one run: {one[2]:.1f}s")
        many = into_store(Path(tmp) / "many.db", items, args.runs, args.batch)
        print(f"{args.runs} runs: {many[2]:.1f}s")
        compare(f"{args.runs} runs against one", one[:2], many[:2], titles)
        if args.memory:
            articles = _unique(copy.deepcopy([i.article for i in items]), {})
            for a in articles:
                a.quotes = []
            entities = extract.link(articles)
            found, reuse = stories.build(articles, entities)
            memory = ({a: s.id for s in found for a in s.articles},
                      {frozenset(r.articles) for r in reuse})
            compare("store (one run) against in memory", memory, one[:2], titles)


if __name__ == "__main__":
    main()
