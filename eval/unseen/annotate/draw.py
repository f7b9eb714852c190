"""Draw unseen test articles for the quotes and names gold sets.

Fixed seed; both corpora; stratified by outlet.  Filters:
- excluded: any article id occurring (as a substring) in a file under
  the repository's eval/ or the repository's tests/fixtures, and SaudiNewsNet ids of the
  held-out days 2015-07-31, 08-01, 08-04, 08-06, 08-10, 08-11;
- 800 <= len(text) <= 4000 characters;
- ANT: categories middleEast / internationalNews only (political news);
- reported speech: at least 4 matches of a reporting verb (قال، أكد، أعلن،
  أضاف، صرح، أوضح، أشار, with conjunction/inflection prefixes) followed within a
  few characters by إن/أن/بأن/إلى أن or a colon or a quotation mark.
Output: annotate/drawn.jsonl, in draw order (round-robin over outlets, up to 6
per outlet).  The annotator read the list from the top (ranks 0-87) and took every
political/news article (conflict, security, diplomacy, government, international
politics); the others were skipped with a reason: annotate/selection.tsv.
"""
import gzip, json, os, random, re, sys
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SHARED = os.environ.get("MARSAD_SHARED", os.path.join(os.path.dirname(REPO), "shared"))

SEED = 20261203
HERE = os.path.dirname(os.path.abspath(__file__))
CORPORA = os.path.join(SHARED, "corpora", "news")
EXCL_DIRS = [os.path.join(REPO, "eval"), os.path.join(REPO, "tests", "fixtures")]
EXCL_DAYS = ["2015-07-31", "2015-08-01", "2015-08-04", "2015-08-06", "2015-08-10", "2015-08-11"]
VERB = re.compile(r"(?:^|[\s«\"(])[وف]?(?:قال|قالت|أكد|أكدت|أعلن|أعلنت|أضاف|أضافت|صرح|صرّح|صرحت|أوضح|أوضحت|أشار|أشارت|يقول|تقول|مضيفا|مضيفاً|مؤكدا|مؤكداً|موضحا|موضحاً|مشيرا|مشيراً)"
                  r"\S*\s+(?:\S+\s+){0,6}?(?:إن|أن|بأن|إنه|أنه|إنها|أنها|بأنه|إلى أن)\b|[:：]\s*[«\"“]")
PER_SOURCE = {"ant": 3, "snn": 2}   # articles kept per outlet in the ranked list (more than needed)


def blob():
    parts = []
    for d in EXCL_DIRS:
        for root, _, files in os.walk(d):
            for f in files:
                p = os.path.join(root, f)
                try:
                    if p.endswith(".gz"):
                        parts.append(gzip.open(p, "rt", errors="ignore").read())
                    else:
                        parts.append(open(p, errors="ignore").read())
                except OSError:
                    pass
    return "\n".join(parts)


def main():
    ex = blob()
    rng = random.Random(SEED)
    by_outlet = {}
    for corpus, fn in (("ant", "ant-v2.1-multisource.jsonl.gz"), ("snn", "saudinewsnet.jsonl.gz")):
        for line in gzip.open(os.path.join(CORPORA, fn), "rt"):
            d = json.loads(line)
            t = d.get("text") or ""
            if not (800 <= len(t) <= 4000):
                continue
            if corpus == "ant" and d.get("category") not in ("middleEast", "internationalNews"):
                continue
            if corpus == "snn" and any(d["id"].startswith("SNN-" + day) for day in EXCL_DAYS):
                continue
            if len(VERB.findall(t)) < 4:
                continue
            by_outlet.setdefault((corpus, d["source"]), []).append(d)
    ranked = {}
    for k in sorted(by_outlet):
        lst = sorted(by_outlet[k], key=lambda d: d["id"])
        rng.shuffle(lst)
        keep = []
        for d in lst:
            if d["id"] in ex:
                continue
            keep.append(d)
            if len(keep) >= 6:
                break
        ranked[k] = keep
    out = []
    for r in range(6):
        for k in sorted(ranked):
            if r < len(ranked[k]):
                out.append(ranked[k][r])
    with open(os.path.join(HERE, "drawn.jsonl"), "w") as f:
        for i, d in enumerate(out):
            f.write(json.dumps({"rank": i, "id": d["id"], "source": d["source"], "title": d.get("title"),
                                "text": d["text"]}, ensure_ascii=False) + "\n")
    for k in sorted(by_outlet):
        print(k, len(by_outlet[k]), file=sys.stderr)


if __name__ == "__main__":
    main()
