"""NER benchmark: tagging tokens/s on one core, model size, training time.

    python bench/bench_ner.py                  # shipped model, ANERcorp test tokens
    python bench/bench_ner.py --model neural   # any spec load_tagger accepts
    python bench/bench_ner.py --train          # also time a full training run (minutes)

Pins the process to one CPU (where the OS allows) and caps BLAS threads before importing
numpy, so the figure is a one-core figure.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", default=None, help="tagger spec (default: shipped CRF)")
    ap.add_argument("--train", action="store_true", help="time a CRF training run too")
    args = ap.parse_args(argv)
    print(_pin_one_core())

    from marsad.extract.ner.conll import read_conll
    from marsad.extract.ner.features import DATA_DIR
    from marsad.extract.ner.mentions import find_mentions_with
    from marsad.extract.ner.tagger import DEFAULT_MODEL, CrfTagger, load_tagger

    test = args.shared / "corpora/ner/anercorp/ANERCorp_CamelLab_test.txt"
    if not test.exists():
        print(f"error: {test} not found (pass --shared)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    tagger = load_tagger(args.model)
    print(f"load: {time.perf_counter() - t0:.2f}s")
    sents = [[t for t, _ in s] for s in read_conll(test)]
    n = sum(len(s) for s in sents)
    best = best_cpu = 0.0
    for r in range(args.repeat):
        # Cold per-word caches each round: a fair per-token figure.
        clear_cache = getattr(tagger, "clear_cache", None)
        if clear_cache is not None:
            clear_cache()
        t0, c0 = time.perf_counter(), time.process_time()
        tagger.tag(sents)
        rate = n / (time.perf_counter() - t0)
        # Per CPU second too: on a shared machine the wall-clock figure counts other loads.
        cpu_rate = n / (time.process_time() - c0)
        best, best_cpu = max(best, rate), max(best_cpu, cpu_rate)
        print(f"round {r + 1}: {rate:,.0f} tokens/s, {cpu_rate:,.0f} per CPU second "
              f"({n} tokens, cold feature cache)")
    print(f"tagging: {best:,.0f} tokens/s on one core, {best_cpu:,.0f} per CPU second "
          f"(best of {args.repeat})")

    text = " ".join(" ".join(s) for s in sents[:200])
    t0 = time.perf_counter()
    mentions = find_mentions_with(tagger, text)
    dt = time.perf_counter() - t0
    print(f"find_mentions: {len(text) / dt / 1000:,.0f}k chars/s ({len(mentions)} mentions)")

    sizes = {p.name: p.stat().st_size for p in sorted(DATA_DIR.iterdir()) if p.is_file()}
    for name, size in sizes.items():
        print(f"size {name}: {size / 1e6:.2f} MB")
    print(f"size total (shipped data): {sum(sizes.values()) / 1e6:.2f} MB")
    sidecar = DEFAULT_MODEL.with_suffix(".json")
    if isinstance(tagger, CrfTagger) and sidecar.exists():
        cfg = json.loads(sidecar.read_text("utf-8"))
        print(f"recorded training time of shipped model: {cfg.get('train_seconds')}s "
              f"({cfg.get('iterations')} L-BFGS iterations)")
    if args.train:
        from marsad.extract.ner.train import main as train_main

        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            train_main(["--shared", str(args.shared), "--out", str(Path(tmp) / "m.crfsuite")])
            print(f"training time (one core): {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
