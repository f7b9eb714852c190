"""Score marsad's reuse pairs on the unseen reuse gold (a TEST set; two SaudiNewsNet days).

    python eval/unseen/score_reuse.py [--shared ../shared] [--days 2015-08-02,2015-08-09]
                                      [--errors]

For each day of `reuse_gold.jsonl`, runs the marsad this interpreter imports on all of the
day's SaudiNewsNet articles (one `marsad analyze` run per day) and compares its reuse pairs
(unordered) with the gold's: every candidate pair of the day was judged (see REUSE.md), and
a pair outside the judged pool is not reuse. Prints pair P/R/F1 per day and overall, and on
the gold pairs with a known source, how often marsad names the same direction.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from marsad_run import load, prf

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def day_records(shared: Path, days: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    with gzip.open(shared / "corpora" / "news" / "saudinewsnet.jsonl.gz", "rt",
                   encoding="utf-8") as fh:
        for line in fh:
            day = line[line.find('"SNN-') + 5:][:10]
            if day in days:
                out[day].append(line)
    return out


def reuse_of(lines: list[str]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "day.jsonl"
        src.write_text("".join(lines), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "marsad.cli", "analyze", str(src),
                               "--out", str(Path(tmp) / "out")], capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"marsad analyze failed:\n{done.stderr[-2000:]}")
        dossier = json.loads((Path(tmp) / "out" / "dossier.json").read_text(encoding="utf-8"))
    return dossier["reuse"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--gold", type=Path, default=HERE / "reuse_gold.jsonl")
    ap.add_argument("--days", help="comma-separated days of the gold (default: all)")
    ap.add_argument("--errors", action="store_true", help="print misses and false pairs")
    args = ap.parse_args(argv)
    gold = load(args.gold)
    days = sorted({g["day"] for g in gold})
    if args.days:
        days = [d for d in days if d in set(args.days.split(","))]
    records = day_records(args.shared, set(days))
    totals = [0, 0, 0, 0]  # true positives, predicted, gold, direction right
    directed = 0
    for day in days:
        true = {(g["a"], g["b"]): g for g in gold if g["day"] == day and g["reuse"]}
        found = {tuple(sorted(r["articles"])): r for r in reuse_of(records[day])}
        tp = set(true) & set(found)
        with_source = [p for p in tp if true[p]["from"]]
        right_dir = sum(found[p]["from"] == true[p]["from"] for p in with_source)
        print(f"{day}: {len(records[day])} articles  pairs "
              f"{prf(len(tp), len(found), len(tp), len(true))}")
        totals[0] += len(tp)
        totals[1] += len(found)
        totals[2] += len(true)
        totals[3] += right_dir
        directed += len(with_source)
        if args.errors:
            for p in sorted(set(true) - tp):
                print(f"  MISS  {p[0]} {p[1]}: {true[p].get('note', '')[:80]}")
            for p in sorted(set(found) - set(true)):
                print(f"  FALSE {p[0]} {p[1]}")
    print(f"unseen reuse gold ({args.gold.name}), days {', '.join(days)}:")
    print(f"  pairs      {prf(totals[0], totals[1], totals[0], totals[2])}")
    print(f"  direction  right on {totals[3]}/{directed} found gold pairs with a known source")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
