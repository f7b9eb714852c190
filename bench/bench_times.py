"""Bench marsad's temporal tagger against dateparser and puckling on the same articles.

    python bench/bench_times.py [--gold FILE] [--shared DIR] [--speed-articles N]
                                [--puckling-python PY] [--puckling-limit N] [--repeat N]

Quality: value-correct recall/precision on the ANT gold (eval/times/ant_gold.jsonl), every
system on the same gold articles. Speed: articles/s on the gold articles (and, for marsad and
dateparser, on N full ANT articles from `--shared`, default ../shared beside the repository),
timing only each system's per-article call: imports, start-up and rule loading are excluded.
Every system is timed over `--repeat` passes and each article counts at its fastest pass, so
that a burst of load on a shared machine does not decide the ratios.

dateparser runs `search_dates(languages=['ar'])` with `PREFER_DATES_FROM='past'` and the DCT as
`RELATIVE_BASE`; its dates are rendered at the period it reports (year, month, week, day, time).

puckling (a Duckling port) needs Python >= 3.13, so it runs in a subprocess,
bench/puckling_worker.py, under `--puckling-python` (default: `python3.13` on PATH, or this
interpreter if it is 3.13+). Make one with
    python3.13 -m venv .venv-puckling && .venv-puckling/bin/pip install puckling
and run `python bench/bench_times.py --puckling-python .venv-puckling/bin/python`. When no such
interpreter works the bench says so and skips puckling. puckling's time values are mapped to
TIMEX3 at their grain (instants, closed intervals as `start/end`, hour-grain intervals inside a
day as parts of day, "now" as PRESENT_REF) and its durations to `P...`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import shutil
import subprocess
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

    def search(text: str, settings: dict[str, Any]) -> list[tuple[str, dt.datetime, str]]:
        try:
            found = search_dates(text, languages=["ar"], settings=settings, add_period=True)
        except TypeError:  # dateparser < 1.3 has no add_period: day granularity
            found = [(s, v, "day") for s, v in search_dates(
                text, languages=["ar"], settings=settings) or []]
        return list(found or [])

    def run(text: str, dct: str | None) -> list[Span]:
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
        if dct:
            settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(dct[:10])
        try:
            found = search(text, settings)
        except Exception:  # dateparser raises on some inputs; count as nothing found
            return []
        out: list[Span] = []
        pos = 0
        for surface, value, period in found:
            start = text.find(surface, pos)
            if start < 0:
                start = text.find(surface)
            if start < 0:
                continue
            pos = start + len(surface)
            typ, val = _dateparser_value(value, period)
            out.append({"text": surface, "start": start, "end": start + len(surface),
                        "type": typ, "value": val})
        return out

    return run


def _dateparser_value(value: dt.datetime, period: str | None) -> tuple[str, str]:
    """TIMEX3 (type, value) of a dateparser date at the period it reports."""
    if period == "year":
        return "DATE", f"{value.year:04d}"
    if period == "month":
        return "DATE", f"{value.year:04d}-{value.month:02d}"
    if period == "week":
        year, week, _ = value.isocalendar()
        return "DATE", f"{year:04d}-W{week:02d}"
    if period == "time" or value.hour or value.minute:
        return "TIME", f"{value.date().isoformat()}T{value.hour:02d}:{value.minute:02d}"
    return "DATE", value.date().isoformat()


WORKER = Path(__file__).resolve().parent / "puckling_worker.py"


def default_puckling_python() -> str | None:
    if sys.version_info >= (3, 13):
        return sys.executable
    return shutil.which("python3.13")


def run_puckling(python: str | None, docs: list[dict[str, Any]],
                 timeout_ms: int) -> tuple[list[list[Span]], list[float], str]:
    """puckling's spans and parse times per document, from the worker; ([], [], why) if not run."""
    if not python:
        return [], [], ("skipped: no Python >= 3.13 found (python3.13 not on PATH); "
                        "pass --puckling-python")
    feed = "".join(json.dumps({"id": d["id"], "text": d["text"], "dct": d.get("dct")},
                              ensure_ascii=False) + "\n" for d in docs)
    try:
        proc = subprocess.run([python, str(WORKER), "--timeout-ms", str(timeout_ms)],
                              input=feed, capture_output=True, text=True, encoding="utf-8",
                              check=False, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    except OSError as exc:
        return [], [], f"skipped: cannot run {python}: {exc}"
    lines = proc.stdout.splitlines()
    head = json.loads(lines[0]) if lines and lines[0].startswith("{") else None
    if head is None or not head.get("ready"):
        why = (head or {}).get("error") or (proc.stderr.strip().splitlines() or ["no output"])[0]
        return [], [], (f"skipped: {python} cannot run puckling ({why}); make a venv: "
                        "python3.13 -m venv .venv-puckling && .venv-puckling/bin/pip install "
                        "puckling")
    rows = [json.loads(line) for line in lines[1:] if line.strip()]
    if len(rows) != len(docs):
        err = proc.stderr.strip().splitlines()[-1:] or ["?"]
        return [], [], f"skipped: worker stopped after {len(rows)} documents ({err[0]})"
    info = f"puckling {head.get('version')} on Python {head.get('python')} ({python})"
    return [r["spans"] for r in rows], [float(r["secs"]) for r in rows], info


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


def timed(tagger: Tagger, docs: list[dict[str, Any]]) -> tuple[list[list[Span]], list[float]]:
    """Predictions and seconds per document (the tagger call alone)."""
    preds: list[list[Span]] = []
    secs: list[float] = []
    for d in docs:
        t0 = time.perf_counter()
        preds.append(tagger(d["text"], d.get("dct")))
        secs.append(time.perf_counter() - t0)
    return preds, secs


def fastest(passes: list[list[float]]) -> list[float]:
    """Seconds per document at its fastest pass (the same rule for every system)."""
    return [min(times) for times in zip(*passes, strict=True)]


def best_of(tagger: Tagger, docs: list[dict[str, Any]],
            repeat: int) -> tuple[list[list[Span]], list[float]]:
    """`timed` over `repeat` passes: the first pass's predictions, the fastest times."""
    preds, secs = timed(tagger, docs)
    passes = [secs] + [timed(tagger, docs)[1] for _ in range(repeat - 1)]
    return preds, fastest(passes)


def rate(n: int, secs: float) -> float:
    return n / secs if secs else float("inf")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "times" / "ant_gold.jsonl")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--speed-articles", type=int, default=300,
                    help="full ANT articles for the speed run (0: gold articles only)")
    ap.add_argument("--puckling-python", default=default_puckling_python(),
                    help="Python >= 3.13 with puckling installed (default: python3.13 on PATH)")
    ap.add_argument("--puckling-limit", type=int, default=0,
                    help="run puckling on the first N gold articles only (0: all)")
    ap.add_argument("--puckling-timeout-ms", type=int, default=0,
                    help="puckling's per-article parse budget (0: none)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="timing passes per system; each article counts at its fastest pass")
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
    for _, tagger in taggers:
        tagger("تحمية يوم 5 مارس 2018", "2018-01-01")  # imports and compiling outside the timing
    print(f"ANT gold: {len(gold)} articles, {sum(len(d['times']) for d in gold)} expressions; "
          f"speed set: {len(ant)} full ANT articles; timing: fastest of {max(1, args.repeat)} "
          "passes per article")
    results: dict[str, tuple[list[list[Span]], list[float]]] = {}
    ant_rates: dict[str, float] = {}
    repeat = max(1, args.repeat)
    for name, tagger in taggers:
        results[name] = best_of(tagger, gold, repeat)
        if ant:
            ant_rates[name] = rate(len(ant), sum(best_of(tagger, ant, repeat)[1]))
    n_pk = min(args.puckling_limit or len(gold), len(gold))
    pk_preds, pk_secs, pk_info = run_puckling(args.puckling_python, gold[:n_pk],
                                              args.puckling_timeout_ms)
    if pk_preds:
        pk_passes = [pk_secs]
        for _ in range(repeat - 1):  # a fresh worker per pass; start-up is not timed
            again = run_puckling(args.puckling_python, gold[:n_pk], args.puckling_timeout_ms)[1]
            if len(again) == len(pk_secs):
                pk_passes.append(again)
        results["puckling"] = (pk_preds, fastest(pk_passes))
        pk_info += f"; fastest of {len(pk_passes)} passes"

    def table(n: int) -> dict[str, float]:
        docs = gold[:n]
        print(f"{'system':<11} {'val.recall':>10} {'val.prec':>9} {'span.rec':>9} "
              f"{'span.prec':>9} {'art/s gold':>11} {'art/s ANT':>10}")
        speeds: dict[str, float] = {}
        for name, (preds, secs) in results.items():
            total = Tally()
            for doc, pred in zip(docs, preds[:n], strict=True):
                total.add(score(doc["times"], pred))
            speeds[name] = rate(n, sum(secs[:n]))
            ant_rate = f"{ant_rates[name]:>10.1f}" if name in ant_rates else f"{'-':>10}"
            print(f"{name:<11} {total.recall('value'):>10.3f} {total.precision('value'):>9.3f}"
                  f" {total.recall('overlap'):>9.3f} {total.precision('overlap'):>9.3f}"
                  f" {speeds[name]:>11.1f} {ant_rate}")
        return speeds

    if pk_preds and n_pk < len(gold):
        # Quality and speed of all three on exactly the articles puckling ran.
        print(f"-- the first {n_pk} gold articles (puckling's set):")
        speeds = table(n_pk)
        del results["puckling"]
        print(f"-- all {len(gold)} gold articles (puckling not run on all):")
        speeds = {**table(len(gold)), "puckling": speeds["puckling"],
                  "marsad@puckling": speeds["marsad"]}
    else:
        speeds = table(len(gold))
        speeds["marsad@puckling"] = speeds["marsad"]
    if "dateparser" in speeds:
        print(f"marsad / dateparser speed on the gold articles: "
              f"{speeds['marsad'] / speeds['dateparser']:.0f}x (target >= 10x)")
    else:
        print("dateparser: not installed (pip install dateparser)")
    if "puckling" in speeds:
        print(f"marsad / puckling speed on {n_pk} gold articles: "
              f"{speeds['marsad@puckling'] / speeds['puckling']:.0f}x (target >= 100x)")
    print(f"puckling: {pk_info}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
