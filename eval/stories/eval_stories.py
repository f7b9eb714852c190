"""Score story clustering (B-cubed) and reuse pairs (F1) against the SaudiNewsNet gold.

    python eval/stories/eval_stories.py [--shared ../shared] [--pipeline] [--show]
    python eval/stories/eval_stories.py --store 10
    python eval/stories/eval_stories.py --days 2015-08-10,2015-08-11 [--outlets was,alriyadh]

With gold (`snn_gold.jsonl`, `snn_reuse.jsonl` beside this script) it loads the gold
articles from the corpus, runs the story stage on them and prints B-cubed P/R/F1 and
reuse-pair P/R/F1 (unordered pairs; direction scored separately on pairs found).
`--store N` runs the whole pipeline through a new store instead, in N runs of
consecutive parts (in publication order), as `marsad analyze --db` would.
`--days` runs on whole corpus days without gold instead (the held-out check) and prints
what was found for inspection: reuse pairs between the `was` wire and the papers, and
the largest stories.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from marsad.records import Article, Reuse, Story
from marsad.stories import cluster, find_reuse

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
GOLD = HERE / "snn_gold.jsonl"
GOLD_REUSE = HERE / "snn_reuse.jsonl"


def snn_article(rec: dict[str, Any]) -> Article:
    return Article(
        id=rec["id"],
        origin=f"saudinewsnet:{rec['id']}",
        text=rec["text"] or "",
        title=rec.get("title"),
        outlet=rec.get("source"),
        published=str(rec.get("date_extracted", "")).replace(" ", "T") or None,
        published_basis="discovered",  # the crawl date: publication is on or before it
        discovered=str(rec.get("date_extracted", "")).replace(" ", "T") or None,
        url=rec.get("url"),
        author=rec.get("author"),
    )


def load_snn(shared: Path, ids: set[str] | None = None,
             days: set[str] | None = None) -> list[Article]:
    path = shared / "corpora" / "news" / "saudinewsnet.jsonl.gz"
    out: list[Article] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if ids is not None and rec["id"] not in ids:
                continue
            if days is not None and str(rec["date_extracted"])[:10] not in days:
                continue
            out.append(snn_article(rec))
    return out


def enrich(articles: list[Article], shared: Path) -> list[Article]:
    """Run the full pipeline (ingest, cleaning, extraction) on the same corpus records."""
    import marsad

    wanted = {a.id for a in articles}
    path = shared / "corpora" / "news" / "saudinewsnet.jsonl.gz"
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with gzip.open(path, "rt", encoding="utf-8") as src, sample.open("w") as dst:
            for line in src:
                if json.loads(line)["id"] in wanted:
                    dst.write(line)
        try:
            dossier = marsad.analyze([str(sample)])
        except Exception as exc:  # the pipeline is assembled by several stages
            print(f"(full pipeline failed: {exc!r}; scoring on raw articles)", file=sys.stderr)
            return articles
    for p in dossier.problems:
        print(f"problem: {p}", file=sys.stderr)
    return list(dossier.articles)


def through_store(articles: list[Article], shared: Path, runs: int
                  ) -> tuple[list[Story], list[Reuse], float]:
    """The story stage as `marsad analyze --db` runs it, in `runs` runs into one store."""
    from marsad.limits import Limits
    from marsad.link import link_batch
    from marsad.pipeline import BATCH, _annotated, _documents, _results, store_dossier
    from marsad.store import Selection, open_store

    wanted = {a.id for a in articles}
    path = shared / "corpora" / "news" / "saudinewsnet.jsonl.gz"
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with gzip.open(path, "rt", encoding="utf-8") as src, sample.open("w") as dst:
            dst.writelines(line for line in src if json.loads(line)["id"] in wanted)
        limits = Limits.from_env()
        items = list(_results(_annotated(_documents([sample], print, False, limits), 2, None,
                                         True, limits), print))
        items.sort(key=lambda i: (i.article.published or "", i.article.id))
        t0 = time.perf_counter()
        size = -(-len(items) // runs)
        db = Path(tmp) / "store.db"
        for lo in range(0, len(items), size):
            with open_store(db) as store:
                part = items[lo:lo + size]
                for b in range(0, len(part), BATCH):
                    link_batch(store, part[b:b + BATCH])
        with open_store(db) as store:
            dossier = store_dossier(store, store.select(Selection()))
    return dossier.stories, dossier.reuse, time.perf_counter() - t0


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    gold_sets: dict[str, set[str]] = defaultdict(set)
    pred_sets: dict[str, set[str]] = defaultdict(set)
    for a, g in gold.items():
        gold_sets[g].add(a)
        pred_sets[pred[a]].add(a)
    p = r = 0.0
    for a in gold:
        same_pred = pred_sets[pred[a]]
        same_gold = gold_sets[gold[a]]
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def prf(found: set[frozenset[str]], gold: set[frozenset[str]]) -> tuple[float, float, float]:
    tp = len(found & gold)
    p = tp / len(found) if found else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(articles: list[Article]) -> tuple[list[Story], list[Reuse], float]:
    t0 = time.perf_counter()
    reuse = find_reuse(articles)
    stories = cluster(articles, reuse=reuse)
    return stories, reuse, time.perf_counter() - t0


def evaluate(args: argparse.Namespace) -> None:
    gold = {d["id"]: d["story"] for d in map(json.loads, GOLD.read_text().splitlines()) if d}
    gold_reuse = [json.loads(x) for x in GOLD_REUSE.read_text().splitlines() if x.strip()]
    articles = load_snn(Path(args.shared), ids=set(gold))
    if args.pipeline:
        articles = enrich(articles, Path(args.shared))
    by_id = {a.id: a for a in articles}
    missing = set(gold) - set(by_id)
    if missing:
        print(f"warning: {len(missing)} gold ids not in the corpus", file=sys.stderr)
        gold = {k: v for k, v in gold.items() if k in by_id}
    if args.store:
        stories, reuse, secs = through_store([by_id[i] for i in sorted(gold)],
                                             Path(args.shared), args.store)
    else:
        stories, reuse, secs = run([by_id[i] for i in sorted(gold)])
    pred = {a: s.id for s in stories for a in s.articles}
    p, r, f = bcubed(pred, gold)
    n_gold = len(set(gold.values()))
    print(f"articles {len(gold)}  gold stories {n_gold}  predicted stories {len(stories)}"
          f"  time {secs:.2f}s")
    print(f"story B-cubed   P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    found = {frozenset(x.articles) for x in reuse}
    gpairs = {frozenset((g["a"], g["b"])) for g in gold_reuse}
    rp, rr, rf = prf(found, gpairs)
    print(f"reuse pairs     P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}"
          f"  (found {len(found)}, gold {len(gpairs)})")
    gdir = {frozenset((g["a"], g["b"])): g.get("from") for g in gold_reuse}
    agree = sum(1 for x in reuse if frozenset(x.articles) in gdir
                and gdir[frozenset(x.articles)] == x.source)
    both = sum(1 for x in reuse if frozenset(x.articles) in gdir)
    if both:
        print(f"reuse direction agrees on {agree}/{both} true pairs")
    if args.show:
        titles = {a.id: (a.outlet, a.title) for a in articles}
        print("\n# reuse false positives")
        for x in reuse:
            if frozenset(x.articles) not in gpairs:
                print(" ", x.articles, x.share, [titles[i] for i in x.articles])
        print("# reuse misses")
        for g in gpairs - found:
            print(" ", sorted(g), [titles[i] for i in sorted(g)])
        print("# story errors (predicted clusters mixing gold stories, gold split)")
        gold_sets: dict[str, list[str]] = defaultdict(list)
        for a, g in gold.items():
            gold_sets[g].append(a)
        for s in stories:
            labels = Counter(gold[a] for a in s.articles)
            if len(labels) > 1:
                print("  MIXED", [(gold[a], titles[a]) for a in s.articles])
        for label, members in gold_sets.items():
            if len({pred[a] for a in members}) > 1:
                print("  SPLIT", label, [(pred[a][-4:], titles[a]) for a in members])


def held_out(args: argparse.Namespace) -> None:
    days = set(args.days.split(","))
    articles = load_snn(Path(args.shared), days=days)
    if args.outlets:
        keep = set(args.outlets.split(","))
        articles = [a for a in articles if a.outlet in keep]
    if args.pipeline:
        articles = enrich(articles, Path(args.shared))
    stories, reuse, secs = run(articles)
    outlet = {a.id: a.outlet for a in articles}
    title = {a.id: a.title for a in articles}
    print(f"days {sorted(days)}: {len(articles)} articles, {len(stories)} stories,"
          f" {len(reuse)} reuse pairs, {secs:.1f}s")
    sizes = Counter(len(s.articles) for s in stories)
    print("story sizes:", dict(sorted(sizes.items())))
    wire = [x for x in reuse if sum(outlet[i] == "was" for i in x.articles) == 1]
    print(f"reuse pairs between was and a paper: {len(wire)}"
          f" (direction from was: {sum(outlet.get(x.source or '') == 'was' for x in wire)})")
    papers = Counter(outlet[i] for x in wire for i in x.articles if outlet[i] != "was")
    print("  by paper:", dict(papers.most_common()))
    for x in wire[: args.limit]:
        a, b = x.articles
        print(f"  {outlet[a]}:{a} ~ {outlet[b]}:{b} from={x.source} share={x.share}"
              f"\n    {title[a]}\n    {title[b]}")
    print("largest stories:")
    for s in sorted(stories, key=lambda s: -len(s.articles))[: args.limit]:
        print(f"  {len(s.articles)}: " + " | ".join(
            f"{outlet[i]}: {title[i]}" for i in s.articles[:4]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--days", help="comma-separated corpus days to run on without gold")
    ap.add_argument("--outlets", help="with --days: only these outlets")
    ap.add_argument("--pipeline", action="store_true",
                    help="run the extraction stages first (marsad.pipeline)")
    ap.add_argument("--store", type=int, metavar="N",
                    help="through a new store, in N runs (the whole pipeline)")
    ap.add_argument("--show", action="store_true", help="print the errors")
    ap.add_argument("--limit", type=int, default=15)
    args = ap.parse_args()
    if args.days:
        held_out(args)
    elif GOLD.exists() and GOLD_REUSE.exists():
        evaluate(args)
    else:
        sys.exit(f"no gold yet ({GOLD.name}, {GOLD_REUSE.name}); use --days")


if __name__ == "__main__":
    main()
