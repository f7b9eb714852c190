"""Print the to-judge candidates of a day with their shared spans, for reading.

Usage: python reuse_dump.py DAY [--all] > work/dump_DAY.txt
Each candidate: running number, ids, outlets, lengths, effective stats, titles, and every
common run >= 8 words (normalised text; set-phrase words are NOT removed here, they are marked
by the eff numbers), with the run's position in each article (to see lead/body/reordering).
"""

from __future__ import annotations

import json
import sys

from reuse_common import HERE, all_common_spans, day_articles, words


def main() -> None:
    day = sys.argv[1]
    show_all = "--all" in sys.argv
    arts = {a["id"]: a for a in day_articles(day)}
    cands = [json.loads(l) for l in open(HERE / f"reuse_cand_{day}.jsonl", encoding="utf-8")]
    k = 0
    for c in cands:
        if not (c["judge"] or show_all):
            continue
        k += 1
        a, b = arts[c["a"]], arts[c["b"]]
        ta, tb = words(a["text"]), words(b["text"])
        spans = all_common_spans(ta, tb, 8)
        prop = "T?" if (c["eff_cov6"] >= 40 and c["eff_lcs"] >= 15) else "F?"
        print(f"#{k} {prop} {c['a'][4:]}[{c['sa']}] {c['b'][4:]}[{c['sb']}] la={c['la']} lb={c['lb']} "
              f"lcs={c['lcs']} effl={c['eff_lcs']} cov8={c['cov8']} eff8={c['eff_cov8']} eff6={c['eff_cov6']} ca={c['ca']} cb={c['cb']}")
        print(f"  TA: {a['title'][:110]}")
        print(f"  TB: {b['title'][:110]}")
        for n, i, j in sorted(spans, key=lambda t: -t[0])[:6]:
            txt = " ".join(ta[i: i + n])
            if n > 24:
                txt = " ".join(ta[i: i + 16]) + " ... " + " ".join(ta[i + n - 5: i + n])
            print(f"   [{n}@{i}/{j}] {txt}")
        if len(spans) > 6:
            print(f"   (+{len(spans) - 6} more runs, {sum(n for n, _, _ in sorted(spans, key=lambda t: -t[0])[6:])}w)")


if __name__ == "__main__":
    main()
