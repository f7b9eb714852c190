"""Run marsad on the articles of an unseen gold file (eval/unseen/*_gold.jsonl).

Shared by score_quotes.py and score_names.py: each gold line is one article (`id`,
`source`, `text`); marsad annotates each text (`extract.annotate`) and links them all as one
run (`extract.link`), as `marsad analyze` does. Runs whichever marsad the interpreter
imports (PYTHONPATH=src for a worktree's copy).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from marsad import extract
from marsad.normalise import key as name_key
from marsad.records import Article, Entity

Json = dict[str, Any]
# The gold beside these scripts once merged; until then the annotator's tree.
_HERE = Path(__file__).resolve().parent
DEFAULT_GOLD = (_HERE if (_HERE / "quotes_gold.jsonl").is_file()
                else Path("/work/wt/annot-quotes/eval/unseen"))


def load_gold(path: Path) -> list[Json]:
    if not path.is_file():
        raise SystemExit(f"{path}: no gold file there")
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{n}: not JSON ({exc})") from exc
            if not isinstance(row.get("id"), str) or not isinstance(row.get("text"), str):
                raise SystemExit(f"{path}:{n}: a gold line needs an `id` and a `text`")
            rows.append(row)
    return rows


def run(rows: list[Json]) -> tuple[dict[str, Article], dict[str, Entity]]:
    """marsad's articles (by gold id) and entities (by id) for the gold articles."""
    articles = [Article(id=r["id"], origin=r["id"], text=r["text"], outlet=r.get("source"))
                for r in rows]
    for a in articles:
        extract.annotate(a)
        print(".", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    entities = extract.link(articles)
    return {a.id: a for a in articles}, {e.id: e for e in entities}


def fold(text: str) -> str:
    """A name compared on folded Arabic keys, hashtag underscores as spaces."""
    return name_key(text.replace("_", " "))


_LL = re.compile("لل")


def norm_start(text: str, start: int) -> int:
    """A span starting at a ل fused with the article (للأمم) compares from its second ل, as
    a tagger that strips one ل writes it (the gold README's advice)."""
    return start + 1 if _LL.match(text, start) else start


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Character Jaccard of two spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def prf(tp: int, n_sys: int, n_gold: int) -> str:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} ({tp}/{n_sys})  R {r:.3f} ({tp}/{n_gold})  F1 {f:.3f}"
