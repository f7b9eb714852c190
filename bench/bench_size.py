"""Seconds per MB of one article, from 10 KB to 8 MB, per stage and input format.

    python bench/bench_size.py [--shared ../shared] [--sizes 10k,100k,250k,1m,4m,8m]
                               [--formats text,html,jsonl] [--profile 1m] [--budget 600]

Builds one article of generated Arabic news text (sentences of the ANT corpus in
`--shared`, or of the committed test fixture when it is absent) at each size, as a text
page, a saved HTML page and a JSONL record, and times the whole per-article path stage by
stage: reading (decoding), cleaning, each extractor, quotes and entity linking, reuse band
keys and the story stage for that one article. A stage that is linear keeps the same
seconds/MB at every size (CPU seconds of this process, so that a busy machine does not
blur the figures). `--profile SIZE` prints a cProfile of that size (text format) instead.
A size whose run passes `--budget` seconds ends the bench (larger ones would take longer).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import gzip
import io
import json
import pstats
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from marsad import clean, ingest, stories
from marsad.extract import attribution, entities, quantities, quotes, times
from marsad.extract.ner import find_mentions_with, load_tagger
from marsad.records import Article, Document, Problem
from marsad.stories.reuse import band_keys

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("corpora") / "news" / "ant-v2.1-multisource.jsonl.gz"
FIXTURE = ROOT / "tests" / "fixtures" / "corpora" / "ant-slice.jsonl.gz"
SIZES = {"10k": 10_000, "100k": 100_000, "250k": 250_000, "1m": 1_000_000,
         "4m": 4_000_000, "8m": 8_000_000}
STAGES = ("read", "clean", "date", "times", "mentions", "quantities", "agencies", "quotes",
          "entities", "band_keys", "stories")
_SENTENCE_END = re.compile(r"(?<=[.!؟])\s+")


def sentences(shared: Path, limit: int = 4000) -> list[str]:
    """Sentences of real news text, in corpus order (the same on every run)."""
    corpus = shared / CORPUS
    source = corpus if corpus.exists() else FIXTURE
    found: list[str] = []
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            for part in _SENTENCE_END.split(text):
                part = " ".join(part.split())
                if 40 <= len(part) <= 400:
                    found.append(part)
            if len(found) >= limit:
                break
    return found


def paragraphs(pool: list[str], size: int) -> list[str]:
    """Paragraphs of five sentences, cycling the pool, until `size` bytes of UTF-8."""
    out: list[str] = []
    total, i = 0, 0
    while total < size:
        para = " ".join(pool[(i + k) % len(pool)] for k in range(5))
        i += 5
        out.append(para)
        total += len(para.encode()) + 1
    return out


def inputs(pool: list[str], size: int, folder: Path) -> dict[str, Path]:
    title = pool[0][:80]
    paras = paragraphs(pool, size)
    text = folder / f"page-{size}.txt"
    text.write_text(title + "\n" + "\n".join(paras) + "\n", "utf-8")
    html = folder / f"page-{size}.html"
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    html.write_text(f"<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
                    f"<title>{title}</title></head><body><article><h1>{title}</h1>\n{body}"
                    "</article></body></html>\n", "utf-8")
    jsonl = folder / f"page-{size}.jsonl"
    record = {"id": f"bench-{size}", "title": title, "text": "\n".join(paras),
              "source": "bench", "published": "2015-08-01"}
    jsonl.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    return {"text": text, "html": html, "jsonl": jsonl}


def run_stages(path: Path) -> dict[str, float]:
    """Seconds per stage of the whole per-article path on the one article in `path`."""
    tagger = load_tagger(None)
    spent: dict[str, float] = {}

    def timed(stage: str, fn: Callable[[], Any]) -> Any:
        gc.collect()  # a collection of earlier stages' garbage is not this stage's cost
        start = time.process_time()  # CPU time: other work on the machine does not count
        value = fn()
        spent[stage] = time.process_time() - start
        return value

    docs = timed("read", lambda: list(ingest.read_file(path)))
    doc = docs[0]
    if not isinstance(doc, Document):
        raise SystemExit(f"bench: {path}: {doc}")
    article = timed("clean", lambda: clean.clean(doc))
    if isinstance(article, Problem):
        raise SystemExit(f"bench: {path}: {article}")
    assert isinstance(article, Article)
    a = article

    def date() -> None:
        if a.published is None:
            a.published = times.infer_publication_date(a.text, [], None)

    timed("date", date)
    a.times = timed("times", lambda: times.tag(a.text, a.published))
    a.mentions = timed("mentions", lambda: find_mentions_with(tagger, a.text))
    a.quantities = timed("quantities", lambda: quantities.find_quantities(a.text))
    timed("agencies", lambda: attribution.inline_agencies(a))
    a.quotes = timed("quotes", lambda: quotes.find_quotes(a.text, a.mentions))
    found = timed("entities", lambda: entities.resolve([a])[0])
    timed("band_keys", lambda: band_keys(a))
    timed("stories", lambda: stories.build([a], found))
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--formats", default="text,html,jsonl")
    parser.add_argument("--profile", metavar="SIZE", help="cProfile the text page of SIZE")
    parser.add_argument("--budget", type=float, default=600.0,
                        help="seconds one size may take before the bench stops (default 600)")
    args = parser.parse_args()
    unknown = [n for n in args.sizes.split(",") if n.lower() not in SIZES]
    if unknown:
        parser.error(f"unknown size {', '.join(unknown)}: choose from {', '.join(SIZES)}")
    pool = sentences(args.shared)
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        if args.profile:
            path = inputs(pool, SIZES[args.profile], Path(tmp))["text"]
            run_stages(path)  # warm: models and lexicons load once
            prof = cProfile.Profile()
            prof.enable()
            run_stages(path)
            prof.disable()
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(45)
            print(out.getvalue())
            return 0
        for path in inputs(pool, 2000, Path(tmp)).values():
            run_stages(path)  # warm: models, lexicons and the HTML extractor load once
        print(f"CPU seconds per MB of text (sentences of "
              f"{'ANT' if (args.shared / CORPUS).exists() else 'the test fixture'})")
        print(f"{'size':>5} {'format':6} {'total':>7} " + " ".join(f"{s[:9]:>9}" for s in STAGES))
        for name in args.sizes.split(","):
            size = SIZES[name.lower()]
            files = inputs(pool, size, Path(tmp))
            slowest = 0.0
            for fmt in formats:
                spent = run_stages(files[fmt])
                mb = size / 1e6
                total = sum(spent.values())
                slowest = max(slowest, total)
                print(f"{name:>5} {fmt:6} {total / mb:7.2f} "
                      + " ".join(f"{spent[s] / mb:9.3f}" for s in STAGES), flush=True)
            if slowest > args.budget:
                print(f"bench: {name} took {slowest:.0f} s (> --budget {args.budget:.0f}); "
                      "larger sizes skipped", file=sys.stderr)
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
