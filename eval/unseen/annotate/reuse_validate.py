"""Check eval/unseen/reuse_gold.jsonl: fields, a < b, ids of the right day, `from` in {a, b, null},
no duplicates, every to-judge candidate present exactly once; print counts and reuse groups."""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from reuse_common import HERE

gold = [json.loads(l) for l in open(HERE.parent / "reuse_gold.jsonl", encoding="utf-8")]
seen = set()
for g in gold:
    assert set(g) == {"a", "b", "day", "reuse", "from", "note"}, g
    assert g["a"] < g["b"], g
    assert g["a"][4:14] == g["day"] == g["b"][4:14], g
    assert g["from"] in (None, g["a"], g["b"]), g
    assert g["reuse"] or g["from"] is None, g
    assert isinstance(g["reuse"], bool) and g["note"], g
    k = (g["a"], g["b"])
    assert k not in seen, k
    seen.add(k)
for day in sorted({g["day"] for g in gold}):
    cands = {(c["a"], c["b"]) for c in map(json.loads, open(HERE / f"reuse_cand_{day}.jsonl")) if c["judge"]}
    mine = {(g["a"], g["b"]) for g in gold if g["day"] == day}
    assert cands == mine, day
    t = [g for g in gold if g["day"] == day and g["reuse"]]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for g in t:
        parent[find(g["a"])] = find(g["b"])
    comps = Counter(find(x) for x in {y for g in t for y in (g["a"], g["b"])})
    print(f"{day}: judged {len(mine)}, reuse {len(t)}, not reuse {len(mine) - len(t)}, "
          f"with from {sum(1 for g in t if g['from'])}, doubtful {sum('doubtful' in g['note'] for g in gold if g['day'] == day)}, "
          f"borderline {sum('borderline' in g['note'] for g in gold if g['day'] == day)}, "
          f"articles in reuse pairs {sum(comps.values())}, connected groups {len(comps)}")
print("ok")
