"""Write the day-scale evaluation's annotation task files from a dossier of the test day.

    python eval/busyday/sample.py --shared ../shared --dossier DOSSIER --out TASKDIR [--seed N]

Writes TASKDIR/<class>.jsonl (entities, quotes, timeline, claims, summaries): one item per
line with a content-based `key` and only what an annotator needs — never marsad's answer.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from day import DAY, records
from tasks import CLASSES, SEED, Item, Json, sample, shuffled


def load_dossier(path: Path) -> Json:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def day_records(shared: Path, day: str = DAY) -> dict[str, Json]:
    return {r["id"]: r for r in records(shared, day)}


def write_tasks(items: dict[str, list[Item]], out: Path, seed: int = SEED) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name in CLASSES:
        seen: set[str] = set()
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for it in shuffled(items.get(name, []), seed):
                if it.key not in seen:  # one pair of figures can sit in two claims
                    seen.add(it.key)
                    fh.write(json.dumps(it.task, ensure_ascii=False) + "\n")
        counts[name] = len(seen)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--dossier", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    items = sample(load_dossier(args.dossier), day_records(args.shared), args.seed)
    for name, n in write_tasks(items, args.out, args.seed).items():
        print(f"{name}: {n} items -> {args.out / (name + '.jsonl')}")


if __name__ == "__main__":
    main()
