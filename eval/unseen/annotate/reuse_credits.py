"""List true gold pairs where one article's text names the other's outlet as a source.

Usage: python reuse_credits.py DAY   (reads eval/unseen/reuse_gold.jsonl)
Prints the credit context for the annotator to decide `from`; decisions go in
reuse_judgments_DAY.txt.
"""

from __future__ import annotations

import json
import re
import sys

from reuse_common import HERE, day_articles

NAMES = {
    "aawsat": "الشرق الأوسط", "aleqtisadiya": "الاقتصادية", "aljazirah": "الجزيرة",
    "alriyadh": "الرياض", "alwatan": "الوطن", "alweeam": "الوئام", "alyaum": "اليوم",
    "okaz": "عكاظ", "sabq": "سبق", "3alyoum": "عين اليوم", "almadina": "المدينة",
}
CUE = r"(?:صحيفة|جريدة|لـ|ل|نقلا عن|نقلاً عن|حسب|بحسب|وفقا ل|وفقاً ل|ذكرت|نشرت|أوردت|موقع)\s*[«\"“'{(]?\s*"


def main() -> None:
    day = sys.argv[1]
    arts = {a["id"]: a for a in day_articles(day)}
    gold = [json.loads(l) for l in open(HERE.parent / "reuse_gold.jsonl", encoding="utf-8")]
    for g in gold:
        if g["day"] != day or not g["reuse"]:
            continue
        a, b = arts[g["a"]], arts[g["b"]]
        for x, y in ((a, b), (b, a)):
            name = NAMES.get(y["source"])
            if not name or x["source"] == y["source"]:
                continue
            for m in re.finditer(CUE + re.escape(name) + r"\s*[»\"”'})]", x["text"]):
                s = max(0, m.start() - 60)
                print(f"{g['a'][15:]} {g['b'][15:]}: {x['id'][15:]}[{x['source']}] credits {y['source']}: "
                      f"...{x['text'][s:m.end() + 40]}...".replace("\n", " "))


if __name__ == "__main__":
    main()
