"""Gazetteer for the CRF (training time only).

1. pycountry's Arabic translations: countries (short, common and official names) are
   places; currency names are MISC, as ANERcorp tags دولار، يورو (ISO 3166/4217 names from
   the iso-codes project shipped with pycountry, LGPL-2.1).
2. With `--mine MODEL`: names a first CRF finds in the shared news corpora (ANT corpus,
   Apache-2.0; SaudiNewsNet, CC BY-NC-SA 4.0), kept when frequent and nearly always given
   the same type: a self-trained list that reaches names ANERcorp never saw.

Output: `LABEL<TAB>phrase` per line, phrases folded.
"""

from __future__ import annotations

import argparse
import gettext
import itertools
from collections import Counter
from pathlib import Path

import pycountry

from marsad.extract.ner.features import DATA_DIR
from marsad.normalise import key, tokens


def _translations(domain: str) -> gettext.NullTranslations:
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["ar"])
    except OSError:
        return gettext.NullTranslations()


def entries() -> list[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    t = _translations("iso3166-1")
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            en = getattr(c, attr, None)
            ar = t.gettext(en) if en else None
            if ar and ar != en:
                out.add(("LOC", key(ar)))
    t = _translations("iso4217")
    heads: Counter[str] = Counter()
    for cur in pycountry.currencies:
        ar = t.gettext(cur.name)
        words = key(ar).split()
        if ar != cur.name and len(words) > 1:
            # One-word names (الأفغاني، الذهب، ليون) are mostly other words in news text.
            out.add(("MISC", " ".join(words)))
            heads[words[0]] += 1
    # "الدولار الأمريكي" is often just "دولار": a head shared by several currencies, alone.
    out.update(("MISC", h) for h, n in heads.items() if n >= 2 and h.startswith("ال"))
    return sorted(out)


# Words that introduce a place or a person's name in news prose (folded forms).
_PLACE_CUES = frozenset(tokens("مدينة بلدة قرية محافظة ولاية العاصمة إقليم جزيرة"))
_PERSON_CUES = frozenset(tokens(
    "الرئيس السيد السيدة الشيخ الأمير الملك الدكتور المستشارة المستشار الوزير الجنرال "
    "الزعيم اللاعب المدرب الفنان الفنانة الممثل الممثلة المغني المغنية الكاتب"))


def patterns(shared: Path, clusters: Path, *, min_count: int = 3, min_share: float = 0.05,
             ) -> list[tuple[str, str]]:
    """Names that follow place cues (مدينة X) or titles (الرئيس X Y) in the news corpora.

    A candidate counts when it follows a cue at least `min_count` times and in at least
    `min_share` of all its occurrences: ordinary words (كبيرة after مدينة) occur mostly
    elsewhere. Person names are taken as two words (first name and surname).
    """
    from marsad.extract.ner.build_clusters import iter_news
    from marsad.extract.ner.features import Resources, best_split

    counts = Resources.load(clusters).counts  # to tell clitics from first letters
    split: dict[str, str] = {}
    total: Counter[tuple[str, ...]] = Counter()
    cued: dict[str, Counter[tuple[str, ...]]] = {"LOC": Counter(), "PERS": Counter()}
    for text in iter_news(shared):
        toks = tokens(text)
        words = []
        for t in toks:
            w = split.get(t)
            if w is None:
                w = split[t] = best_split(t, counts)[1]
            words.append(w)
        total.update((w,) for w in words)
        total.update(itertools.pairwise(words))
        for i, w in enumerate(words[:-2]):
            if w in _PLACE_CUES:
                cued["LOC"][(words[i + 1],)] += 1
            elif w in _PERSON_CUES:
                cued["PERS"][(words[i + 1], words[i + 2])] += 1
    common = {w for (w,), _ in Counter({k: v for k, v in total.items() if len(k) == 1})
              .most_common(COMMON_WORDS)}
    out = []
    for label, counter in cued.items():
        for phrase, n in counter.items():
            if (n >= min_count and n >= min_share * total[phrase]
                    and plausible(label, phrase, common)):
                out.append((label, " ".join(phrase)))
    return out


COMMON_WORDS = 1000


def plausible(label: str, phrase: tuple[str, ...], common: set[str]) -> bool:
    """Drop cue matches that are prose: digits, very common words, an adjective after a title
    (الرئيس الأمريكي ...)."""
    if any(len(w) < 3 or w.isdigit() or w in common for w in phrase):
        return False
    return not (label == "PERS" and phrase[0].startswith("ال"))


def mined(model: Path, shared: Path, articles: int, *, min_count: int = 4,
          purity: float = 0.8) -> list[tuple[str, str]]:
    """Frequent, type-consistent names a CRF tags in the first `articles` news articles."""
    from marsad.extract.ner.build_clusters import iter_news
    from marsad.extract.ner.mentions import find_mentions_with
    from marsad.extract.ner.tagger import CrfTagger

    tagger = CrfTagger(model)
    counts = tagger.features.res.counts
    seen: dict[str, Counter[str]] = {}
    # Spread the sample over both corpora and all outlets: every k-th article.
    step = max(1, 62_000 // articles)
    for n, text in enumerate(iter_news(shared)):
        if n % step:
            continue
        for m in find_mentions_with(tagger, text, counts):
            k = key(m.text)
            if len(k) >= 3:
                seen.setdefault(k, Counter())[m.type] += 1
    out = []
    for k, c in seen.items():
        typ, n = c.most_common(1)[0]
        if n >= min_count and n >= purity * sum(c.values()):
            out.append(({"PER": "PERS"}.get(typ, typ), k))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DATA_DIR / "gazetteer.tsv")
    ap.add_argument("--mine", type=Path, help="CRF model to mine names from the news with")
    ap.add_argument("--shared", type=Path,
                    default=Path(__file__).resolve().parents[4].parent / "shared")
    ap.add_argument("--articles", type=int, default=12_000)
    ap.add_argument("--base", type=Path,
                    help="start from this gazetteer file instead of rebuilding its entries")
    ap.add_argument("--clusters", type=Path, default=DATA_DIR / "clusters.tsv.gz")
    ap.add_argument("--patterns", action="store_true",
                    help="add names that follow place cues and titles in the news")
    args = ap.parse_args(argv)
    if args.base:
        rows = [tuple(line.rstrip("\n").split("\t")[:2])  # type: ignore[misc]
                for line in args.base.read_text("utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    else:
        rows = entries()
    if args.patterns:
        known = {p for _, p in rows}
        rows += sorted(r for r in patterns(args.shared, args.clusters) if r[1] not in known)
    if args.mine:
        known = {p for _, p in rows}
        rows += sorted((lab, p) for lab, p in mined(args.mine, args.shared, args.articles)
                       if p not in known)
    args.out.write_text("# label\tphrase (folded); sources: see data/README.txt\n"
                        + "".join(f"{lab}\t{p}\n" for lab, p in rows), "utf-8")
    print(f"{len(rows)} entries -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
