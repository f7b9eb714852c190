"""Write snn_reuse.jsonl from the annotator's reuse decisions.

Each entry was decided by reading the common spans (spans.py / pairs_report.py)
against the rule in GUIDELINES.md section 2. ``from`` is None when both articles
copy a source outside the set (SPA/AFP/Reuters wire, a press release) or the
direction is unclear.
"""

from __future__ import annotations

import json

from common import REUSE, selected

P = "SNN-2015-08-01-"

# (a, b, from) as id suffixes; from None = common outside source / unclear
PAIRS: list[tuple[str, str, str | None]] = [
    # bodies of the al-Masyal martyrs flown home (SPA text, lightly edited)
    ("00016", "00863", None),
    ("00016", "01241", None),
    ("00863", "01241", None),
    # Interior Ministry statement paragraph on the al-Masyal shelling (~65 words)
    ("00122", "00746", None),
    ("00122", "01220", None),
    ("00746", "01220", None),
    ("00041", "01262", None),  # Asir emir condolences, same press release (borderline)
    ("00004", "00871", None),  # SPA: Saudi condemnation of the Duma arson
    ("00056", "00876", None),  # AFP: Taliban Pakistan denies Haqqani death
    ("00006", "01219", None),  # SPA (Sabq credits wa's): King-Hollande call
    ("00018", "00881", None),  # SPA: al-Jouf 33 election centres
    ("00021", "00880", None),  # Bisha dates feature, whole text
    ("00022", "00076", "00076"),  # 3alyoum "mutaba'at" copies Asharq Al-Awsat report
    ("00155", "00874", None),  # Bahah arrives in Aden, whole short wire
    ("00027", "00873", None),  # MH370 debris arrives in Paris, wire paragraph
    ("00031", "00107", "00107"),  # 3alyoum copies Asharq Al-Awsat's Sanaa-plan story
    ("00036", "01275", None),  # Mishkat exhibition press release
    ("00043", "00156", None),  # AFP Eurobarometer story, near-verbatim
    ("00046", "00903", None),  # MoE counsellor circular paragraph
    ("00051", "00904", None),  # Asir rain press text
    ("00052", "00861", None),  # MoMRA 168 projects, whole release
    ("00054", "00907", None),  # Lavrov-Kerry-Jubeir meeting, wire
    ("00069", "00119", "00069"),  # same Asharq Al-Awsat article posted twice
    ("00070", "00099", None),  # Apple Watch: shared translated passages (same outlet)
    ("00078", "00800", None),  # Deir ez-Zor bridges: 60-word AFP passage
    ("00092", "00755", None),  # Reuters M&A story
    ("00096", "00832", None),  # Special Olympics medals release
    ("00140", "00835", None),  # AFP German Super Cup preview
    ("00140", "00829", None),  # AFP French Super Cup preview inside the Al-Awsat roundup
    ("00866", "01238", None),  # Najran parks press release, lightly edited
    ("00875", "01248", None),  # SPA (Sabq credits wa's): Egypt foils infiltration
    ("00886", "01250", None),  # Yemen battles wire, near-verbatim
    ("00901", "01266", None),  # Haia spokesman statement, near-verbatim paragraphs
    ("00035", "00888", None),  # PME forecast paragraph (63 words) inside sandstorm story
    ("00011", "00071", None),  # Reuters paragraphs on the Ajdabiya attack inside talks story
    ("00087", "00154", None),  # AFP background paragraph on peace talks (same outlet)
    ("00013", "00916", None),  # Bin Laden family air-accident history passage
    ("00050", "00089", "00089"),  # 3alyoum condenses Al-Awsat, copying its sentences
    ("00137", "00821", None),  # Reuters euro-zone inflation, whole short story
    # Added on review (issue 10): Al-Awsat's digest 00067 ("...المزيد") condenses two of its
    # own stories keeping their sentences verbatim (the condensed-rewrite rule above):
    # with 00110 a 19-word lead sentence and the whole 26-word budget paragraph, with
    # 00083 the 30-word "يصطدم التفاؤل المفرط" and 27-word "ويصدر الساسة" sentences.
    ("00067", "00110", None),
    ("00067", "00083", None),
]


def main() -> None:
    ids = {a["id"] for a in selected()}
    seen: set[tuple[str, str]] = set()
    rows = []
    for a, b, src in PAIRS:
        ia, ib = sorted((P + a, P + b))
        if ia not in ids or ib not in ids or ia == ib:
            raise SystemExit(f"bad pair {a} {b}")
        if (ia, ib) in seen:
            raise SystemExit(f"duplicate pair {a} {b}")
        if src is not None and P + src not in (ia, ib):
            raise SystemExit(f"from {src} not in pair {a} {b}")
        seen.add((ia, ib))
        rows.append({"a": ia, "b": ib, "from": None if src is None else P + src})
    rows.sort(key=lambda r: (r["a"], r["b"]))
    with REUSE.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    print(f"wrote {len(rows)} reuse pairs -> {REUSE}")


if __name__ == "__main__":
    main()
