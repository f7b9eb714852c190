"""How many summary citations fail to support their sentence, measured on a dossier.

    python eval/stories/citations.py DOSSIER.json [--show N]

A summary sentence cites articles. A cited article supports the sentence only if it
carries the sentence's figures (the same numbers, written in digits or in words) and its
names (every entity mentioned in the sentence, by entity id, surface form or a variant of
the entity). Prints the share of (sentence, cited article) pairs where the cited article
lacks a figure or a name, over all pairs and over the pairs citing another article than the
one the sentence was taken from.

The check reads the dossier only (texts, mentions, quantities, entities), independently of
how the summary was built.
"""

from __future__ import annotations

import argparse
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from marsad.normalise import digits_to_ascii, key

_NUMBER = re.compile(r"\d+(?:[.,٫٬]\d+)*")


def canonical(number: str) -> str | None:
    """One spelling of a number: "1,263" = "1263", "2٫40" = "2.4"."""
    s = digits_to_ascii(number)
    parts = re.split(r"[.,٫٬]", s)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]) and "." not in s and "٫" not in s:
        s = "".join(parts)  # thousands separators
    else:
        s = s.replace("٫", ".").replace("٬", "").replace(",", ".")
    try:
        return format(Decimal(s).normalize(), "f")
    except InvalidOperation:
        return None


def value_key(value: float) -> str:
    return format(Decimal(repr(value)).normalize(), "f")


def numbers(text: str) -> set[str]:
    return {c for c in map(canonical, _NUMBER.findall(text)) if c}


def _span(items: list[dict[str, Any]], start: int, end: int) -> list[dict[str, Any]]:
    return [x for x in items if start <= x["start"] and x["end"] <= end]


def measure(dossier: dict[str, Any], show: int = 0) -> dict[str, float]:
    by_id = {a["id"]: a for a in dossier["articles"]}
    variants = {e["id"]: {key(v) for v in [e["name"], *e.get("variants", [])]}
                for e in dossier.get("entities", [])}
    carried: dict[str, tuple[set[str], set[str], str]] = {}

    def carries(aid: str) -> tuple[set[str], set[str], str]:
        if aid not in carried:
            a = by_id[aid]
            nums = numbers(a["text"]) | numbers(a.get("title") or "")
            nums |= {value_key(q["value"]) for q in a["quantities"]}
            ents = {m["entity"] for m in a["mentions"] if m.get("entity")}
            carried[aid] = (nums, ents, f" {key(a['text'])} {key(a.get('title') or '')} ")
        return carried[aid]

    pairs = bad = other_pairs = other_bad = sentences = 0
    shown = 0
    for story in dossier["stories"]:
        for s in story["summary"]:
            cited = [i for i in s["articles"] if i in by_id]
            own = next((i for i in cited if s["text"] in by_id[i]["text"]), None)
            if own is None:
                continue
            sentences += 1
            a = by_id[own]
            start = a["text"].index(s["text"])
            end = start + len(s["text"])
            figures = numbers(s["text"])
            for q in _span(a["quantities"], start, end):
                if not _NUMBER.search(q["text"]):  # a number in words: its value
                    figures.add(value_key(q["value"]))
            names = [(m.get("entity"), key(m["text"])) for m in _span(a["mentions"], start, end)]
            for aid in cited:
                nums, ents, text = carries(aid)
                missing = [f for f in figures if f not in nums]
                missing += [form for ent, form in names if not (
                    (ent and ent in ents) or f" {form} " in text
                    or any(f" {v} " in text for v in variants.get(ent or "", ())))]
                pairs += 1
                bad += bool(missing)
                if aid != own:
                    other_pairs += 1
                    other_bad += bool(missing)
                    if missing and shown < show:
                        shown += 1
                        print(f"- {s['text'][:160]}\n  cites {aid}, lacks {missing}")
    result = {"sentences": sentences, "pairs": pairs, "unsupported": bad / max(1, pairs),
              "other_pairs": other_pairs,
              "other_unsupported": other_bad / max(1, other_pairs)}
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dossier")
    ap.add_argument("--show", type=int, default=0, help="print this many failing pairs")
    args = ap.parse_args()
    with open(args.dossier, encoding="utf-8") as fh:
        r = measure(json.load(fh), args.show)
    print(f"summary sentences {r['sentences']}, citations {r['pairs']}: "
          f"{r['unsupported']:.3f} lack a figure or a name of the sentence; "
          f"citations of another article {r['other_pairs']}: {r['other_unsupported']:.3f}")


if __name__ == "__main__":
    main()
