"""Build eval/unseen/times_gold.jsonl from annotate/annotations.txt and the drawn records.

usage: python build_times.py [--draw work/times_draw.jsonl]   (the output of draw_times.py)
Each annotation line is `span | TYPE | value` or `ctx>>span | TYPE | value`; the span
(or ctx+span) is searched left to right from the end of the previous expression.
"""
import argparse, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def parse(path):
    docs, cur = [], None
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("# "):
            continue
        if line.startswith("## "):
            i, dct, basis = [x.strip() for x in line[3:].split("|")]
            cur = {"id": i, "dct": dct, "basis": basis, "anns": []}
            docs.append(cur)
            continue
        parts = [x.strip() for x in line.split(" | ")]
        if len(parts) != 3:
            sys.exit(f"line {n}: bad annotation {line!r}")
        span, typ, val = parts
        ctx = ""
        if ">>" in span:
            ctx, span = span.split(">>")
        cur["anns"].append((n, ctx, span, typ, val))
    return docs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--draw", default=os.path.join(HERE, "work", "times_draw.jsonl"))
    ap.add_argument("--out", default=os.path.join(HERE, "..", "times_gold.jsonl"))
    a = ap.parse_args()
    recs = {}
    for l in open(a.draw, encoding="utf-8"):
        r = json.loads(l)
        recs[r["id"]] = r
    out = []
    for d in parse(os.path.join(HERE, "annotations.txt")):
        r = recs[d["id"]]
        text = r["text"]
        pos, times = 0, []
        for n, ctx, span, typ, val in d["anns"]:
            # a space in the annotation matches any run of whitespace (incl. U+00A0)
            pat = lambda x: r"\s+".join(re.escape(w) for w in x.split(" "))
            m = re.compile(pat(ctx) + "(" + pat(span) + ")").search(text, pos)
            if not m:
                sys.exit(f"line {n}: {ctx+span!r} not found after {pos} in {d['id']}")
            s, e = m.span(1)
            times.append({"text": text[s:e], "start": s, "end": e, "type": typ, "value": val})
            pos = e
        rec = {"id": d["id"], "source": r["source"], "dct": d["dct"], "dct_basis": d["basis"]}
        rec["text"] = text
        rec["times"] = times
        out.append(rec)
    with open(a.out, "w", encoding="utf-8") as fh:
        for rec in out:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(len(out), "docs,", sum(len(r["times"]) for r in out), "times ->", os.path.normpath(a.out))


if __name__ == "__main__":
    main()
