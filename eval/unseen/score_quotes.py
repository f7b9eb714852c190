"""Score marsad's quotes and their speakers on the unseen quotes gold (a TEST set).

    python eval/unseen/score_quotes.py [--gold eval/unseen/quotes_gold.jsonl] [--errors]

Runs the marsad this interpreter imports (PYTHONPATH=src for a worktree's copy) on the gold
articles in one `marsad analyze` run. A predicted quote matches a gold quote when their
content spans overlap by at least half of the shorter one (one-to-one, largest overlap
first). Its speaker is right when
- the gold names the speaker (PER/ORG): the predicted speaker entity's name or one of its
  variants fits the gold name (equal folded, or one's words contained in the other's:
  "لافروف" fits "سيرغي لافروف");
- the gold speaker is only a role (ROLE, no name in the article): no entity is predicted.
Prints quote detection P/R, speaker-right P/R (the issue's figure: right speakers over
predicted quotes and over gold quotes), and recall by gold speaker type.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from marsad_run import Json, load, locate, prf, run

from marsad.normalise import key

HERE = Path(__file__).resolve().parent


def _words(name: str) -> list[str]:
    return [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in key(name).split()]


def fits(predicted: str, gold: str) -> bool:
    p, g = _words(predicted), _words(gold)
    if not p or not g:
        return False
    return p == g or set(p) <= set(g) or set(g) <= set(p)


def predicted_quotes(article: Json, raw: str) -> list[tuple[int, int, Json]]:
    out = []
    for q in article.get("quotes", []):
        span = locate(raw, q["text"], q["start"])
        if span is not None:
            out.append((span[0], span[1], q))
    return out


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / max(1, min(a[1] - a[0], b[1] - b[0])) if inter > 0 else 0.0


def speaker_right(g: Json, q: Json, entities: dict[str, Json]) -> bool:
    ent = entities.get(q.get("speaker") or "")
    if g["speaker"] is None:
        return ent is None
    if ent is None:
        return False
    return any(fits(n, g["speaker"]) for n in [ent["name"], *ent.get("variants", [])])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=HERE / "quotes_gold.jsonl")
    ap.add_argument("--errors", action="store_true", help="print every wrong or missed quote")
    args = ap.parse_args(argv)
    gold = load(args.gold)
    articles, entities = run(gold)
    n_gold = n_pred = found = right = 0
    by_type: Counter[str] = Counter()
    right_by_type: Counter[str] = Counter()
    for g_art in gold:
        raw = g_art["text"]
        preds = predicted_quotes(articles.get(g_art["id"], {}), raw)
        n_pred += len(preds)
        n_gold += len(g_art["quotes"])
        pairs = sorted(((overlap((g["start"], g["end"]), (s, e)), gi, pi)
                        for gi, g in enumerate(g_art["quotes"])
                        for pi, (s, e, _) in enumerate(preds)), reverse=True)
        used_g: set[int] = set()
        used_p: set[int] = set()
        match: dict[int, int] = {}
        for ov, gi, pi in pairs:
            if ov < 0.5 or gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            match[gi] = pi
        for gi, g in enumerate(g_art["quotes"]):
            by_type[g["speaker_type"]] += 1
            pi = match.get(gi)
            ok = pi is not None and speaker_right(g, preds[pi][2], entities)
            found += pi is not None
            right += ok
            right_by_type[g["speaker_type"]] += ok
            if args.errors and not ok:
                got = "missed" if pi is None else (
                    entities.get(preds[pi][2].get("speaker") or "", {}).get("name"))
                print(f"{g_art['id']} [{g['speaker_type']}] gold={g['speaker']!r} "
                      f"got={got!r}: {g['content'][:70]}")
    print(f"unseen quotes gold ({args.gold.name}): {len(gold)} articles, {n_gold} quotes")
    print(f"  quotes found         {prf(found, n_pred, found, n_gold)}")
    print(f"  right speaker        {prf(right, n_pred, right, n_gold)}")
    for t in sorted(by_type):
        print(f"  [{t:4}] speaker right recall {right_by_type[t] / by_type[t]:.3f} "
              f"({right_by_type[t]}/{by_type[t]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
