"""Validate eval/unseen/times_gold.jsonl.

Checks: required keys; dct is YYYY-MM-DD and dct_basis in {published, crawl, text}
(ANT: published and equal to the local date of `published`); `text` identical to the
corpus record's `text`; every span has text[start:end] == span text, spans sorted and
non-overlapping, no leading/trailing whitespace; type in DATE/TIME/DURATION/SET; value
syntax per type (GUIDELINES §3); article not excluded (ant_gold / tests/fixtures ids,
held-out SaudiNewsNet days).

usage: python validate_times.py [--gold ../times_gold.jsonl] [--no-corpus]
"""
import argparse, gzip, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from draw_times import ANT, SNN, EXCL_DAYS, excluded_ids  # noqa: E402

D = r"(?:\d{4}|\d{3}|\d{2})"                       # year, decade, century
DAY = r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
MON = r"\d{4}-(?:0[1-9]|1[0-2])"
WEEK = r"\d{4}-W(?:0[1-9]|[1-4]\d|5[0-3])"
QHS = r"\d{4}-(?:Q[1-4]|H[12]|SP|SU|FA|WI)"
SEASON = r"\d{4}/\d{4}"                             # sports season / year range
POINT = rf"(?:{DAY}|{MON}|{WEEK}|{QHS}|{D})"
DATE_RE = re.compile(rf"^(?:PAST_REF|PRESENT_REF|FUTURE_REF|{POINT}(?:/{POINT})?)$")
TIME_RE = re.compile(rf"^(?:{DAY}|XXXX-XX-XX)T(?:(?:[01]\d|2[0-4])(?::[0-5]\d)?|MO|MI|AF|EV|NI)$")
DUR_RE = re.compile(r"^P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE|ML))*(?:T(?:(?:\d+|X)(?:H|M|S))+)?$")
SET_RE = re.compile(r"^(?:P(?:(?:\d+|X)(?:Y|M|W|D))*(?:T(?:\d+(?:H|M|S))+)?|XXXX-(?:WXX-[1-7]|\d\d-\d\d|\d\d))$")
RES = {"DATE": DATE_RE, "TIME": TIME_RE, "DURATION": DUR_RE, "SET": SET_RE}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=os.path.join(HERE, "..", "times_gold.jsonl"))
    ap.add_argument("--no-corpus", action="store_true")
    a = ap.parse_args()
    recs = [json.loads(l) for l in open(a.gold, encoding="utf-8")]
    errs = []
    ids = [r["id"] for r in recs]
    if len(set(ids)) != len(ids):
        errs.append("duplicate ids")
    excl = excluded_ids()
    corpus = {}
    if not a.no_corpus:
        want = set(ids)
        for path in (ANT, SNN):
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                for l in fh:
                    r = json.loads(l)
                    if r["id"] in want:
                        corpus[r["id"]] = r
    for r in recs:
        i = r.get("id")
        for k in ("id", "source", "dct", "dct_basis", "text", "times"):
            if k not in r:
                errs.append(f"{i}: missing {k}")
        if i in excl:
            errs.append(f"{i}: excluded id (dev/held-out)")
        if i.startswith("SNN-") and i[4:14] in EXCL_DAYS:
            errs.append(f"{i}: held-out SaudiNewsNet day")
        if not re.match(r"^\d{4}-\d\d-\d\d$", r["dct"]):
            errs.append(f"{i}: bad dct {r['dct']}")
        basis = r["dct_basis"]
        if i.startswith("SNN-"):
            if basis not in ("crawl", "text"):
                errs.append(f"{i}: bad dct_basis {basis}")
        elif basis != "published":
            errs.append(f"{i}: ANT dct_basis must be published")
        c = corpus.get(i)
        if not a.no_corpus:
            if c is None:
                errs.append(f"{i}: not in corpus")
            else:
                if c["text"] != r["text"]:
                    errs.append(f"{i}: text differs from corpus")
                if c["source"] != r["source"]:
                    errs.append(f"{i}: source differs")
                if not i.startswith("SNN-") and c["published"][:10] != r["dct"]:
                    errs.append(f"{i}: dct != published local date")
                if i.startswith("SNN-") and basis == "crawl" and c["date_extracted"][:10] != r["dct"]:
                    errs.append(f"{i}: dct_basis crawl but dct != date_extracted")
        t, prev = r["text"], -1
        for x in r["times"]:
            s, e = x["start"], x["end"]
            if t[s:e] != x["text"]:
                errs.append(f"{i}: offset mismatch {x}")
            if x["text"] != x["text"].strip() or not x["text"]:
                errs.append(f"{i}: whitespace at span edge {x['text']!r}")
            if s < prev:
                errs.append(f"{i}: unsorted/overlapping at {s}")
            prev = e
            typ = x["type"]
            if typ not in RES:
                errs.append(f"{i}: bad type {typ}")
            elif not RES[typ].match(x["value"]):
                errs.append(f"{i}: bad {typ} value {x['value']!r} for {x['text']!r}")
    for e in errs:
        print("ERROR", e)
    n = sum(len(r["times"]) for r in recs)
    print(f"{len(recs)} docs, {n} times, {len(errs)} errors")
    sys.exit(1 if errs else 0)


if __name__ == "__main__":
    main()
