"""Run the marsad this interpreter imports on gold articles and read back its dossier.

The gold files hold each article's record text verbatim; marsad cleans it, so its offsets
may not index the record text. Spans are mapped back by their text: the occurrence nearest
the offset marsad gave, shifted by the article's own offset drift.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

Json = dict[str, Any]


def load(path: Path) -> list[Json]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def run(gold: list[Json]) -> tuple[dict[str, Json], dict[str, Json]]:
    """marsad's articles (by id) and entities (by id) for the gold articles, in one run."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "gold.jsonl"
        src.write_text("".join(json.dumps({"id": g["id"], "text": g["text"],
                                           "source": g.get("source")}, ensure_ascii=False)
                               + "\n" for g in gold), encoding="utf-8")
        out = Path(tmp) / "out"
        done = subprocess.run([sys.executable, "-m", "marsad.cli", "analyze", str(src),
                               "--out", str(out), "--workers", "1"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"marsad analyze failed:\n{done.stderr[-2000:]}")
        dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    articles = {a["id"]: a for a in dossier["articles"]}
    entities = {e["id"]: e for e in dossier["entities"]}
    return articles, entities


def locate(raw: str, span_text: str, near: int) -> tuple[int, int] | None:
    """The offsets in `raw` of the occurrence of `span_text` nearest `near`."""
    if not span_text:
        return None
    best: int | None = None
    at = raw.find(span_text)
    while at >= 0:
        if best is None or abs(at - near) < abs(best - near):
            best = at
        at = raw.find(span_text, at + 1)
    return None if best is None else (best, best + len(span_text))


def prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> str:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return (f"P {p:.3f} ({tp_p}/{n_pred})  R {r:.3f} ({tp_r}/{n_gold})  F1 {f:.3f}")
