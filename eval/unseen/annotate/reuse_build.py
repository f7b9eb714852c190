"""Build eval/unseen/reuse_gold.jsonl from the candidates and the annotator's judgments.

Every to-judge candidate of a day (reuse_cand_DAY.jsonl, judge=true) was read by the annotator in
the grouped view (reuse_groups.py). The annotator's working default while reading was the
reading rule below; every pair where the reading disagreed is listed in
reuse_judgments_DAY.txt as `NNNNN NNNNN T|F note` (id suffixes), together with extra notes and
`from` decisions (`NNNNN NNNNN from=NNNNN note`). The final label of every pair is therefore a
human decision: the default is only a shorthand for "read, and the numbers tell the story".

Reading rule (default): reuse when the shared text, not counting set-phrase words, has a run of
>= 40 words, or >= 40 words in runs of >= 8 with one run >= 20, or >= 60 words in runs of >= 8, or >= 40 words in runs of >= 8 and >= 60 in runs of >= 6,
or >= 35 words covering half of one article (a short item copied whole).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reuse_common import HERE

OUT = HERE.parent / "reuse_gold.jsonl"


def default(c: dict) -> bool:
    e8, el = c["eff_cov8"], c["eff_lcs"]
    return (el >= 40 or (e8 >= 40 and el >= 20) or e8 >= 60 or (e8 >= 40 and c["eff_cov6"] >= 60)
            or (e8 >= 35 and max(c["ca"], c["cb"]) >= 0.5))


def default_note(c: dict, t: bool) -> str:
    e8, el, e6 = c["eff_cov8"], c["eff_lcs"], c["eff_cov6"]
    if t:
        tag = "borderline: " if (el < 40 and e8 < 50) else ""
        return f"{tag}shared text: longest run {el}w, {e8}w in runs>=8"
    tag = "borderline: " if (e8 >= 35 or e6 >= 45) else ""
    return f"{tag}only short shared phrases/sentences: longest run {el}w, {e8}w in runs>=8"


def main() -> None:
    days = sys.argv[1:]
    rows = []
    for day in days:
        cands = [json.loads(l) for l in open(HERE / f"reuse_cand_{day}.jsonl", encoding="utf-8")]
        cands = [c for c in cands if c["judge"]]
        jpath = HERE / f"reuse_judgments_{day}.txt"
        over: dict[tuple[str, str], dict] = {}
        for line in open(jpath, encoding="utf-8") if jpath.exists() else []:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            a, b, rest = line.split(None, 2)
            a, b = f"SNN-{day}-{a}", f"SNN-{day}-{b}"
            a, b = min(a, b), max(a, b)
            d = over.setdefault((a, b), {})
            tok, _, note = rest.partition(" ")
            if tok in ("T", "F"):
                d["reuse"] = tok == "T"
            elif tok.startswith("from="):
                d["from"] = f"SNN-{day}-{tok[5:]}"
            else:
                raise SystemExit(f"bad line: {line}")
            if note:
                d["note"] = d["note"] + "; " + note if "note" in d else note
        keys = {(c["a"], c["b"]) for c in cands}
        for k in over:
            if k not in keys:
                raise SystemExit(f"judgment for a non-candidate pair {k}")
        for c in cands:
            o = over.get((c["a"], c["b"]), {})
            t = o.get("reuse", default(c))
            rows.append({"a": c["a"], "b": c["b"], "day": day, "reuse": t,
                         "from": o.get("from") if t else None,
                         "note": o.get("note", default_note(c, t))})
        n = sum(r["reuse"] for r in rows if r["day"] == day)
        print(f"{day}: {len(cands)} judged, {n} reuse, {len(over)} explicit judgments")
    with open(OUT, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
