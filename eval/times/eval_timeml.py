"""Score marsad's temporal tagger on the shared Arabic TimeML documents (no DCT in the files).

    python eval/times/eval_timeml.py [--shared DIR]

Spans and types are scored on every document. Values are scored only on documents that fix
their own date: those whose annotation gives `اليوم` (today) a full date, used as the DCT.
The annotations follow other span conventions (e.g. `منذ`/`في` handling) and are not all
hand-checked (see shared/corpora/README.md): read the figures as a cross-check, not a target.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import Tally, by_type, report, score

REPO = Path(__file__).resolve().parents[2]
_TIMEX = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TODAY = re.compile(r"^\s*(?:ال)?يوم\s*$")


def parse_tml(raw: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and TIMEX3 spans of a TimeML document."""
    body = raw.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0].lstrip("\ufeff\n")
    text_parts: list[str] = []
    spans = []
    pos = 0
    length = 0
    for m in _TIMEX.finditer(body):
        before = re.sub(r"<[^>]+>", "", body[pos:m.start()])
        text_parts.append(before)
        length += len(before)
        attrs = dict(_ATTR.findall(m.group(1)))
        surface = m.group(2)
        spans.append({"text": surface, "start": length, "end": length + len(surface),
                      "type": attrs.get("type", ""), "value": attrs.get("value", "")})
        text_parts.append(surface)
        length += len(surface)
        pos = m.end()
    text_parts.append(re.sub(r"<[^>]+>", "", body[pos:]))
    return "".join(text_parts).lstrip("\ufeff"), spans


def own_date(spans: list[dict[str, Any]]) -> str | None:
    for s in spans:
        if _TODAY.match(s["text"]) and re.fullmatch(r"\d{4}-\d\d-\d\d", s["value"]):
            return str(s["value"])
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args(argv)
    folder = args.shared / "corpora" / "time" / "Corpus_test"
    files = sorted(folder.glob("*.tml"))
    if not files:
        print(f"no TimeML documents in {folder}", file=sys.stderr)
        return 2
    from marsad.extract.times import tag

    spans_total, values_total = Tally(), Tally()
    types: dict[str, Tally] = {}
    dated = 0
    for path in files:
        text, gold = parse_tml(path.read_text(encoding="utf-8"))
        dct = own_date(gold)
        pred = [{"text": t.text, "start": t.start, "end": t.end, "type": t.type,
                 "value": t.value} for t in tag(text, dct)]
        spans_total.add(score(gold, pred))
        for typ, t in by_type(gold, pred).items():
            types.setdefault(typ, Tally()).add(t)
        if dct:
            dated += 1
            values_total.add(score(gold, pred))
    print(f"TimeML test corpus: {len(files)} documents, {spans_total.gold} expressions")
    print(report("spans and types (all documents)", spans_total,
                 criteria=("overlap", "strict", "type")))
    print(report(f"values ({dated} documents that fix their date)", values_total,
                 criteria=("value",)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
