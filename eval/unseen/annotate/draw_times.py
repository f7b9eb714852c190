"""Draw the unseen TIMEX3 test articles (marsad eval/unseen).

Stratified random draw with a fixed seed from both corpora:
  * ANT v2.1 multisource (5 outlets), SaudiNewsNet (14 outlets).
Excluded: ids in the repository's eval/times/ant_gold.jsonl or anywhere under
the repository's tests/fixtures (plain and .gz files are grepped for id-shaped strings),
and SaudiNewsNet days 2015-07-31, 08-01, 08-04, 08-06, 08-10, 08-11.
Length: the full `text` (stripped) must be 1000..3500 characters (longer ones are
skipped = redrawn; shorter ones are dropped as not "moderate length").
Per outlet: pool sorted by id, shuffled with random.Random(f"{SEED}-{outlet}"), and the
first N taken (draw order is kept in the output; annotation proceeds in that order).

usage: python draw_times.py --out work/times_draw.jsonl [--per-outlet-ant 5 --per-outlet-snn 3]
"""
import argparse, gzip, json, os, random, re
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SHARED = os.environ.get("MARSAD_SHARED", os.path.join(os.path.dirname(REPO), "shared"))

SEED = 20261203
ANT = os.path.join(SHARED, "corpora", "news", "ant-v2.1-multisource.jsonl.gz")
SNN = os.path.join(SHARED, "corpora", "news", "saudinewsnet.jsonl.gz")
GOLD = os.path.join(REPO, "eval", "times", "ant_gold.jsonl")
FIXT = os.path.join(REPO, "tests", "fixtures")
EXCL_DAYS = {"2015-07-31", "2015-08-01", "2015-08-04", "2015-08-06", "2015-08-10", "2015-08-11"}
ID_RE = re.compile(r"SNN-\d{4}-\d\d-\d\d-\d+|[A-Z]{2,3}-[A-Za-z]+-\d+-\d{8}")
MIN_LEN, MAX_LEN = 1000, 3500


def excluded_ids():
    ids = set()
    for l in open(GOLD, encoding="utf-8"):
        ids.add(json.loads(l)["id"])
    for root, _, files in os.walk(FIXT):
        for f in files:
            p = os.path.join(root, f)
            op = gzip.open if p.endswith(".gz") else open
            try:
                with op(p, "rt", encoding="utf-8", errors="ignore") as fh:
                    ids.update(ID_RE.findall(fh.read()))
            except OSError:
                pass
    return ids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-outlet-ant", type=int, default=6)
    ap.add_argument("--per-outlet-snn", type=int, default=4)
    a = ap.parse_args()
    excl = excluded_ids()
    pools = {}
    for corpus, path in (("ant", ANT), ("snn", SNN)):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for l in fh:
                r = json.loads(l)
                if r["id"] in excl:
                    continue
                if corpus == "snn" and r["id"][4:14] in EXCL_DAYS:
                    continue
                n = len(r["text"].strip())
                if not (MIN_LEN <= n <= MAX_LEN):
                    continue
                pools.setdefault((corpus, r["source"]), []).append(r)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as out:
        for (corpus, src) in sorted(pools):
            pool = sorted(pools[(corpus, src)], key=lambda r: r["id"])
            random.Random(f"{SEED}-{src}").shuffle(pool)
            k = a.per_outlet_ant if corpus == "ant" else a.per_outlet_snn
            for rank, r in enumerate(pool[:k]):
                r["_corpus"], r["_rank"] = corpus, rank
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(excl), "excluded ids;", {k: len(v) for k, v in pools.items()})


if __name__ == "__main__":
    main()
