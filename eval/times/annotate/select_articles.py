"""Seeded selection of ANT v2.1 articles for the temporal gold set, plus a candidate finder.

Usage (from anywhere)::

    python eval/times/annotate/select_articles.py --per-outlet 13 --out ant_sample.jsonl

Each output line has ``id, source, dct, text`` (text cut at a paragraph boundary, see ``cut_text``)
and ``candidates``: a reading aid listing regex hits for temporal words. The candidates are *not*
annotations; every gold annotation is checked by reading the sentence.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "news" / "ant-v2.1-multisource.jsonl.gz"

SEED = 20180305
OUTLETS = ("skynews", "alarabia", "france24", "BBC", "CNN")
MIN_CANDIDATES = 3
MIN_CHARS = 600
MAX_CHARS = 2000

MONTHS = (
    "يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|اغسطس|سبتمبر|"
    "أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون الثاني|كانون الأول|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|"
    "أيلول|تشرين الأول|تشرين الثاني|محرم|صفر|ربيع الأول|ربيع الآخر|جمادى|رجب|شعبان|رمضان|شوال|"
    "ذو القعدة|ذو الحجة"
)
WEEKDAYS = "السبت|الأحد|الاحد|الإثنين|الاثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة"
DEICTIC = (
    "أمس|الأمس|اليوم|غدا|غداً|الآن|حاليا|حالياً|مؤخرا|مؤخراً|قريبا|قريباً|مستقبلا|مستقبلاً|"
    "الآونة|البارحة|الليلة|صباح|مساء|ظهر|فجر|ليلة|ليلا|ليلاً|يوميا|يومياً|أسبوعيا|أسبوعياً|"
    "شهريا|شهرياً|سنويا|سنوياً|منذ"
)
UNITS = (
    "عام|عاما|عاماً|أعوام|عامين|سنة|سنوات|سنين|سنتين|شهر|أشهر|شهور|شهرين|أسبوع|أسابيع|أسبوعين|"
    "يوم|أيام|يومين|ساعة|ساعات|ساعتين|دقيقة|دقائق|دقيقتين|عقد|عقود|عقدين|قرن|قرون|الموسم|"
    "الماضي|الماضية|المقبل|المقبلة|القادم|القادمة|الجاري|الحالي"
)
CANDIDATE_RE = re.compile(
    rf"(?<![\w])(?:[وفبلك]{{0,2}})(?:{MONTHS}|{WEEKDAYS}|{DEICTIC})(?![\w])"
    rf"|(?<![\w])(?:[وفبلك]{{0,2}})(?:ال)?(?:{UNITS})(?![\w])"
    r"|(?<!\d)(?:1[89]\d\d|20[0-4]\d)(?!\d)"
    r"|\d{1,2}[:.]\d\d",
)


def iter_corpus(path: Path = CORPUS) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def cut_text(text: str, max_chars: int = MAX_CHARS, min_chars: int = MIN_CHARS) -> str | None:
    """Return ``text`` or a prefix of it ending at a paragraph (else sentence) boundary."""
    text = text.strip()
    if len(text) <= max_chars:
        return text if len(text) >= min_chars else None
    cut = text.rfind("\n", 0, max_chars + 1)
    if cut >= min_chars:
        return text[:cut].rstrip()
    best = -1
    for m in re.finditer(r"[.!؟?](?=\s)", text[: max_chars + 1]):
        best = m.end()
    if best >= min_chars:
        return text[:best].rstrip()
    return None


def candidates(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in CANDIDATE_RE.finditer(text)]


def select(per_outlet: int, seed: int = SEED) -> list[dict[str, object]]:
    eligible: dict[str, list[dict[str, object]]] = {o: [] for o in OUTLETS}
    for art in iter_corpus():
        cut = cut_text(art["text"])
        if cut is None:
            continue
        cands = candidates(cut)
        if len(cands) < MIN_CANDIDATES:
            continue
        eligible[art["source"]].append(
            {
                "id": art["id"],
                "source": art["source"],
                "dct": art["published"][:10],
                "text": cut,
                "candidates": cands,
            }
        )
    chosen: list[dict[str, object]] = []
    for outlet in OUTLETS:
        pool = sorted(eligible[outlet], key=lambda a: str(a["id"]))
        rng = random.Random(f"{seed}-{outlet}")
        chosen.extend(rng.sample(pool, per_outlet))
    return chosen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--per-outlet", type=int, default=13)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    rows = select(args.per_outlet, args.seed)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} articles to {args.out}")


if __name__ == "__main__":
    main()
