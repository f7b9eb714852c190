"""Bench marsad's temporal tagger against dateparser (and puckling where it runs) on one set.

    python bench/bench_times.py [--gold FILE] [--shared DIR] [--speed-articles N]

Quality: value-correct recall/precision on the ANT gold (eval/times/ant_gold.jsonl).
Speed: articles/s on the gold articles and on N full ANT articles from `--shared` (default
../shared beside the repository). dateparser runs `search_dates(languages=['ar'])` with
`PREFER_DATES_FROM='past'` and the DCT as `RELATIVE_BASE`; puckling needs Python >= 3.13.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import importlib.util
import json
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "eval" / "times"))

from scoring import Tally, score  # noqa: E402

Span = dict[str, Any]
Tagger = Callable[[str, str | None], list[Span]]


def marsad_tagger(text: str, dct: str | None) -> list[Span]:
    from marsad.extract.times import tag

    return [{"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
            for t in tag(text, dct)]


def dateparser_tagger() -> Tagger | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    warnings.filterwarnings("ignore")

    def run(text: str, dct: str | None) -> list[Span]:
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
        if dct:
            settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(dct[:10])
        try:
            found = search_dates(text, languages=["ar"], settings=settings) or []
        except Exception:  # dateparser raises on some inputs; count as nothing found
            return []
        out: list[Span] = []
        pos = 0
        for surface, value in found:
            start = text.find(surface, pos)
            if start < 0:
                start = text.find(surface)
            if start < 0:
                continue
            pos = start + len(surface)
            # dateparser returns a datetime: render it at day granularity, as TIMEX3 DATE.
            out.append({"text": surface, "start": start, "end": start + len(surface),
                        "type": "DATE", "value": value.date().isoformat()})
        return out

    return run


def puckling_status() -> str:
    if sys.version_info < (3, 13):
        return (f"puckling: not run (needs Python >= 3.13, this is "
                f"{sys.version_info.major}.{sys.version_info.minor})")
    if importlib.util.find_spec("puckling") is None:
        return "puckling: not run (not installed)"
    return "puckling: installed but no adapter in this bench yet"


def load_gold(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_ant(shared: Path, n: int) -> list[dict[str, str]]:
    path = shared / "corpora" / "news" / "ant-v2.1-multisource.jsonl.gz"
    if not path.exists() or n <= 0:
        return []
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            rows.append({"text": art["text"], "dct": art["published"][:10]})
            if len(rows) >= n:
                break
    return rows


def timed(tagger: Tagger, docs: list[dict[str, Any]]) -> tuple[list[list[Span]], float]:
    t0 = time.perf_counter()
    preds = [tagger(d["text"], d.get("dct")) for d in docs]
    return preds, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "times" / "ant_gold.jsonl")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--speed-articles", type=int, default=300,
                    help="full ANT articles for the speed run (0: gold articles only)")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"no gold file at {args.gold}", file=sys.stderr)
        return 2
    gold = load_gold(args.gold)
    ant = load_ant(args.shared, args.speed_articles)
    taggers: list[tuple[str, Tagger]] = [("marsad", marsad_tagger)]
    dp = dateparser_tagger()
    if dp is not None:
        taggers.append(("dateparser", dp))
    marsad_tagger("تحمية", "2018-01-01")  # import and compile outside the timing
    print(f"ANT gold: {len(gold)} articles, {sum(len(d['times']) for d in gold)} expressions; "
          f"speed set: {len(ant)} full ANT articles")
    print(f"{'system':<11} {'val.recall':>10} {'val.prec':>9} {'span.rec':>9} {'span.prec':>9}"
          f" {'art/s gold':>11} {'art/s ANT':>10}")
    speeds: dict[str, float] = {}
    for name, tagger in taggers:
        preds, secs = timed(tagger, gold)
        total = Tally()
        for doc, pred in zip(gold, preds, strict=True):
            total.add(score(doc["times"], pred))
        ant_rate = float("nan")
        if ant:
            _, ant_secs = timed(tagger, ant)
            ant_rate = len(ant) / ant_secs if ant_secs else float("inf")
        speeds[name] = len(gold) / secs if secs else float("inf")
        print(f"{name:<11} {total.recall('value'):>10.3f} {total.precision('value'):>9.3f}"
              f" {total.recall('overlap'):>9.3f} {total.precision('overlap'):>9.3f}"
              f" {speeds[name]:>11.1f} {ant_rate:>10.1f}")
    if "dateparser" in speeds:
        print(f"marsad / dateparser speed on the gold articles: "
              f"{speeds['marsad'] / speeds['dateparser']:.0f}x")
    else:
        print("dateparser: not installed (pip install dateparser)")
    print(puckling_status())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
