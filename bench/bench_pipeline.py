"""Time the whole analysis against dateparser's `search_dates` alone on the same texts.

    python bench/bench_pipeline.py [--shared ../shared] [--n 2000] [--skip-dateparser] [--stages]

Takes the first N articles of ANT, runs the full pipeline (`marsad.analyze` on a JSONL file
of them: ingest, cleaning, every extraction stage, stories) and, side by side,
`dateparser.search.search_dates(text, languages=['ar'],
settings={'PREFER_DATES_FROM': 'past'})` over the same texts. If the full pipeline cannot
run yet, the stages that can (the story stage on raw articles) are timed instead, and the
report says so. Prints seconds and articles per second for both; with `--stages`, also the
seconds spent in each stage's entry point during `marsad.analyze`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def load(shared: Path, n: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    with gzip.open(shared / "corpora" / "news" / "ant-v2.1-multisource.jsonl.gz", "rt",
                   encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("text"):
                out.append(rec)
            if len(out) >= n:
                break
    return out


# Stage entry points as the pipeline calls them: (label, module, attribute).
STAGES = [("clean", "marsad.pipeline", "clean.clean"),
          ("times", "marsad.extract", "times.tag"),
          ("find_mentions", "marsad.extract", "ner.find_mentions"),
          ("quantities", "marsad.extract", "quantities.find_quantities"),
          ("resolve", "marsad.extract", "entities.resolve"),
          ("quotes", "marsad.extract", "quotes.find_quotes"),
          ("stories", "marsad.pipeline", "stories.build")]


# Per-stage seconds inside the timed `marsad.analyze` call (filled with --stages).
STAGE_SECONDS: dict[str, float] = {}
_running: dict[str, float] = {}


def instrument(totals: dict[str, float]) -> None:
    """Wrap each stage's entry point with a timer adding its seconds to `totals`."""
    import importlib

    for label, module, attr in STAGES:
        owner_name, func_name = attr.split(".")
        owner = getattr(importlib.import_module(module), owner_name)
        func = getattr(owner, func_name)
        totals[label] = 0.0

        def timed(*a: Any, _f: Any = func, _l: str = label, **k: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return _f(*a, **k)
            finally:
                totals[_l] += time.perf_counter() - t0

        setattr(owner, func_name, timed)


def time_pipeline(records: list[dict[str, Any]]) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ant.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        try:
            import marsad
            from marsad.stories import build

            t0 = time.perf_counter()
            dossier = marsad.analyze([str(path)])
            secs = time.perf_counter() - t0
            STAGE_SECONDS.update(_running)
            # The story stage again on the same annotated articles: its share of the total.
            t0 = time.perf_counter()
            build(dossier.articles, dossier.entities)
            story_secs = time.perf_counter() - t0
            what = (f"marsad.analyze: {len(dossier.articles)} articles, {len(dossier.stories)}"
                    f" stories, {len(dossier.reuse)} reuse pairs; story stage alone"
                    f" {story_secs:.1f}s")
            return secs, what
        except Exception:  # the full pipeline may not be assembled yet
            print("full pipeline failed; timing the stages that exist:", file=sys.stderr)
            traceback.print_exc(limit=2)
    return time_stages(records)


def time_stages(records: list[dict[str, Any]]) -> tuple[float, str]:
    """Time each stage that exists, in pipeline order, on the same records."""
    from marsad import clean
    from marsad.records import Article, Document, Problem
    from marsad.stories import build

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    articles: list[Article] = []
    for r in records:
        meta = {k: str(r[k]) for k in ("id", "source", "url", "title", "published", "author")
                if r.get(k)}
        cleaned = clean.clean(Document(origin=r["id"], format="jsonl", content=r["text"],
                                       meta=meta))
        if not isinstance(cleaned, Problem):
            articles.append(cleaned)
    timings["clean"] = time.perf_counter() - t0
    stages = [("times", "marsad.extract.times", "tag"),
              ("quantities", "marsad.extract.quantities", "find_quantities")]
    for name, module, func in stages:
        try:
            fn = getattr(__import__(module, fromlist=[func]), func)
        except (ImportError, AttributeError):
            continue
        t0 = time.perf_counter()
        for a in articles:
            if name == "times":
                a.times = fn(a.text, a.published)
            else:
                a.quantities = fn(a.text)
        timings[name] = time.perf_counter() - t0
    t0 = time.perf_counter()
    stories, reuse = build(articles, [])
    timings["stories"] = time.perf_counter() - t0
    parts = ", ".join(f"{k} {v:.1f}s" for k, v in timings.items())
    return sum(timings.values()), (f"stages that exist: {parts}; {len(stories)} stories,"
                                   f" {len(reuse)} reuse pairs")


def time_dateparser(records: list[dict[str, Any]]) -> float:
    from dateparser.search import search_dates

    t0 = time.perf_counter()
    for rec in records:
        search_dates(rec["text"], languages=["ar"], settings={"PREFER_DATES_FROM": "past"})
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--skip-dateparser", action="store_true")
    ap.add_argument("--stages", action="store_true", help="also time each stage")
    args = ap.parse_args()
    records = load(Path(args.shared), args.n)
    n = len(records)
    if args.stages:
        instrument(_running)
    secs, what = time_pipeline(records)
    print(f"marsad     {secs:8.1f} s  {n / secs:7.1f} articles/s  ({what})")
    if args.stages:
        print("  stages: " + ", ".join(f"{k} {v:.1f}s" for k, v in STAGE_SECONDS.items()))
    if not args.skip_dateparser:
        dp = time_dateparser(records)
        print(f"dateparser {dp:8.1f} s  {n / dp:7.1f} articles/s  (search_dates alone)")
        print(f"marsad / dateparser time: {secs / dp:.2f}"
              f" ({'faster' if secs < dp else 'SLOWER'} than dateparser alone)")


if __name__ == "__main__":
    main()
