"""Show two articles' common runs in full (and optionally the raw texts) to judge one pair.

Usage: python reuse_pair.py DAY SUFFIX_A SUFFIX_B [--min 8] [--text]
"""

from __future__ import annotations

import sys

from reuse_common import all_common_spans, day_articles, words


def main() -> None:
    day, sa, sb = sys.argv[1:4]
    mn = int(sys.argv[sys.argv.index("--min") + 1]) if "--min" in sys.argv else 8
    arts = {a["id"]: a for a in day_articles(day)}
    a, b = arts[f"SNN-{day}-{sa}"], arts[f"SNN-{day}-{sb}"]
    ta, tb = words(a["text"]), words(b["text"])
    print(f"A {a['id']} [{a['source']}] {len(ta)}w | {a['title']}")
    print(f"B {b['id']} [{b['source']}] {len(tb)}w | {b['title']}")
    for n, i, j in all_common_spans(ta, tb, mn):
        print(f"  [{n}@{i}/{j}] {' '.join(ta[i:i + n])}")
    if "--text" in sys.argv:
        print("--- A:", a["text"][:1500])
        print("--- B:", b["text"][:1500])


if __name__ == "__main__":
    main()
