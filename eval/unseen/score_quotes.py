"""Score marsad's quotes and speakers on the unseen quote gold (issue 14, part 1).

    python eval/unseen/score_quotes.py [--gold DIR]

DIR holds quotes_gold.jsonl (and names_gold.jsonl, whose mentions give each gold speaker's
other name forms in its article); format and conventions in DIR/QUOTES_NAMES.md.

A system quote matches a gold quote when their content spans overlap with a character
Jaccard of at least 0.5 (one to one, best overlap first). A matched quote has the right
speaker when the gold speaker is a named person or organisation and a name form of marsad's
speaker entity (its name or a variant) is one of the gold speaker's forms in the article
(folded keys; or one holds the other when the shorter has two words or more), or when the
gold speaker is only a role (`ROLE`, speaker null) and marsad gives no speaker entity.
Printed: quote detection P/R/F1; speaker accuracy on matched quotes (by gold type); and
quotes with the right speaker, P over marsad's quotes and R over the gold's.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_marsad import DEFAULT_GOLD, Json, fold, load_gold, overlap, prf, run

MIN_OVERLAP = 0.5


def names_match(system: set[str], gold: set[str]) -> bool:
    for s in system:
        for g in gold:
            if s == g:
                return True
            short, long_ = sorted((s.split(), g.split()), key=len)
            if len(short) >= 2 and any(long_[i:i + len(short)] == short
                                       for i in range(len(long_) - len(short) + 1)):
                return True
    return False


def gold_forms(row: Json, names: Json | None, speaker: str) -> set[str]:
    """The gold speaker's name and its other forms among the article's name mentions."""
    forms = {fold(speaker)}
    for part in speaker.replace(" و", "،").split("،"):  # "باراك أوباما وجون كيري"
        if part.strip():
            forms.add(fold(part))
    if names is not None:
        for m in names.get("mentions", []):
            if fold(m["entity"]) in forms or fold(m["entity"].split(" (")[0]) in forms:
                forms.add(fold(m["text"]))
    return {f for f in forms if f}


def match(system: list[tuple[int, int]], gold: list[tuple[int, int]]) -> dict[int, int]:
    """system index -> gold index, one to one, best overlap first."""
    pairs = sorted(((overlap(s, g), i, j) for i, s in enumerate(system)
                    for j, g in enumerate(gold) if overlap(s, g) >= MIN_OVERLAP), reverse=True)
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    args = ap.parse_args(argv)
    gold = load_gold(args.gold / "quotes_gold.jsonl")
    names_path = args.gold / "names_gold.jsonl"
    names = {r["id"]: r for r in load_gold(names_path)} if names_path.is_file() else {}
    articles, entities = run(gold)
    n_sys = n_gold = matched = right = 0
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    for row in gold:
        art = articles[row["id"]]
        quotes = row.get("quotes", [])
        sys_spans = [(q.start, q.end) for q in art.quotes]
        got = match(sys_spans, [(q["start"], q["end"]) for q in quotes])
        n_sys += len(art.quotes)
        n_gold += len(quotes)
        matched += len(got)
        for i, j in got.items():
            q, g = art.quotes[i], quotes[j]
            typ = g.get("speaker_type") or ("ROLE" if g.get("speaker") is None else "PER")
            if g.get("speaker") is None:
                ok = q.speaker is None
            else:
                e = entities.get(q.speaker) if q.speaker else None
                ok = e is not None and names_match({fold(v) for v in (e.name, *e.variants)},
                                                   gold_forms(row, names.get(row["id"]),
                                                              g["speaker"]))
            right += ok
            by_type[typ]["right" if ok else "wrong"] += 1
    print(f"unseen quotes gold: {args.gold / 'quotes_gold.jsonl'} ({len(gold)} articles, "
          f"{n_gold} quotes)")
    print(f"  quote detection (content Jaccard >= {MIN_OVERLAP})  {prf(matched, n_sys, n_gold)}")
    print(f"  speaker right on matched quotes       {right / matched if matched else 0:.3f} "
          f"({right}/{matched})")
    for typ in sorted(by_type):
        c = by_type[typ]
        n = c["right"] + c["wrong"]
        print(f"    gold {typ:<4} {c['right'] / n if n else 0:.3f} ({c['right']}/{n})")
    print(f"  quotes with the right speaker         {prf(right, n_sys, n_gold)}")


if __name__ == "__main__":
    main()
