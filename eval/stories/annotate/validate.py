"""Validate snn_gold.jsonl and snn_reuse.jsonl against the corpus.

Checks: every id exists in SaudiNewsNet and is dated 2015-08-01..09 (never the
held-out 10-11 Aug); gold ids unique and non-empty ASCII slug labels; reuse ids
in the labelled set, a != b, unordered pairs unique, ``from`` is null or one of
the pair. Prints the counts used in README.md. Exit status 1 on any error.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter

from common import CORPUS, GOLD, REUSE

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def main() -> int:
    errors: list[str] = []
    gold = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    reuse = [json.loads(x) for x in REUSE.read_text(encoding="utf-8").splitlines() if x.strip()]
    want = {g["id"] for g in gold} | {r["a"] for r in reuse} | {r["b"] for r in reuse}
    meta: dict[str, tuple[str, str]] = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in want:
                meta[rec["id"]] = (rec["source"], rec["date_extracted"][:10])
    ids = [g["id"] for g in gold]
    for i, n in Counter(ids).items():
        if n > 1:
            errors.append(f"duplicate gold id {i}")
    for g in gold:
        if set(g) != {"id", "story"}:
            errors.append(f"bad gold keys {g}")
        if g["id"] not in meta:
            errors.append(f"unknown id {g['id']}")
        elif not ("2015-08-01" <= meta[g["id"]][1] <= "2015-08-09"):
            errors.append(f"{g['id']} dated {meta[g['id']][1]}")
        if not isinstance(g["story"], str) or not SLUG.match(g["story"]):
            errors.append(f"bad label {g['story']!r}")
    labelled = set(ids)
    pairs: set[tuple[str, str]] = set()
    for r in reuse:
        if set(r) != {"a", "b", "from"}:
            errors.append(f"bad reuse keys {r}")
        a, b = r["a"], r["b"]
        if a not in labelled or b not in labelled:
            errors.append(f"reuse pair outside labelled set {a} {b}")
        if a == b:
            errors.append(f"self pair {a}")
        key = (min(a, b), max(a, b))
        if key in pairs:
            errors.append(f"duplicate reuse pair {key}")
        pairs.add(key)
        if r["from"] is not None and r["from"] not in (a, b):
            errors.append(f"from {r['from']} not in pair {a} {b}")
    sizes = Counter(g["story"] for g in gold)
    label_of = {g["id"]: g["story"] for g in gold}
    multi = [s for s, n in sizes.items() if n > 1]
    print(f"articles: {len(gold)}")
    print(
        f"outlets: {len({meta[i][0] for i in labelled if i in meta})} "
        f"{dict(Counter(meta[i][0] for i in labelled if i in meta))}"
    )
    print(f"days: {sorted({meta[i][1] for i in labelled if i in meta})}")
    print(
        f"stories: {len(sizes)}  multi-article: {len(multi)}  "
        f"singletons: {len(sizes) - len(multi)}  "
        f"articles in multi-article stories: {sum(sizes[s] for s in multi)}  "
        f"largest: {max(sizes.values())}"
    )
    cross = sum(1 for a, b in pairs if label_of.get(a) != label_of.get(b))
    directed = sum(1 for r in reuse if r["from"] is not None)
    print(f"reuse pairs: {len(pairs)}  with from: {directed}  across stories: {cross}")
    for e in errors:
        print("ERROR", e, file=sys.stderr)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
