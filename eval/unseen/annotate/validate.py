"""Validate eval/unseen/quotes_gold.jsonl and names_gold.jsonl.

Checks: JSON fields and types; text[start:end] == the stored span text for every
content, cue and mention; spans non-empty, no leading/trailing whitespace; no
overlapping mentions; article text identical to the corpus `text`; article ids not
excluded (eval/tests fixtures, SNN held-out days); speaker fields consistent
(speaker_type ROLE <=> speaker null); entity consistency.  Warnings (not errors)
for mentions that start inside a word other than after a one-letter proclitic.
Prints counts.
"""
import collections, gzip, json, os, re, sys
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SHARED = os.environ.get("MARSAD_SHARED", os.path.join(os.path.dirname(REPO), "shared"))

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
CORPORA = os.path.join(SHARED, "corpora", "news")
EXCL_DAYS = ["2015-07-31", "2015-08-01", "2015-08-04", "2015-08-06", "2015-08-10", "2015-08-11"]
errors, warnings = [], []


def err(m): errors.append(m)


def span_ok(text, s, e, t, where):
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
        err(f"{where}: bad offsets {s},{e}"); return
    if text[s:e] != t:
        err(f"{where}: text[{s}:{e}]={text[s:e]!r} != {t!r}")
    if t != t.strip():
        err(f"{where}: span has outer whitespace {t!r}")


def corpus_texts(ids):
    out = {}
    for fn in ("ant-v2.1-multisource.jsonl.gz", "saudinewsnet.jsonl.gz"):
        for line in gzip.open(os.path.join(CORPORA, fn), "rt"):
            d = json.loads(line)
            if d["id"] in ids:
                out[d["id"]] = (d["source"], d["text"])
    return out


def excluded_blob():
    parts = []
    for d in (os.path.join(REPO, "eval"), os.path.join(REPO, "tests", "fixtures")):
        for root, _, files in os.walk(d):
            for f in files:
                p = os.path.join(root, f)
                try:
                    parts.append(gzip.open(p, "rt", errors="ignore").read() if p.endswith(".gz") else open(p, errors="ignore").read())
                except OSError:
                    pass
    return "\n".join(parts)


def main():
    Q = [json.loads(l) for l in open(os.path.join(OUT, "quotes_gold.jsonl"))]
    N = [json.loads(l) for l in open(os.path.join(OUT, "names_gold.jsonl"))]
    ids = {d["id"] for d in Q + N}
    corp = corpus_texts(ids)
    blob = excluded_blob()
    for d in Q + N:
        i = d["id"]
        if i not in corp:
            err(f"{i}: not in corpora"); continue
        if (d["source"], d["text"]) != corp[i]:
            err(f"{i}: source/text differ from corpus")
        if i in blob:
            err(f"{i}: excluded (appears under eval/ or tests/fixtures)")
        if any(i.startswith("SNN-" + day) for day in EXCL_DAYS):
            err(f"{i}: held-out SNN day")
    if len({d["id"] for d in Q}) != len(Q) or len({d["id"] for d in N}) != len(N):
        err("duplicate article lines")
    qc = collections.Counter()
    for d in Q:
        t = d["text"]
        assert set(d) == {"id", "source", "text", "quotes"}, d.keys()
        for k, q in enumerate(d["quotes"]):
            w = f"{d['id']} quote {k}"
            if set(q) != {"start", "end", "content", "cue", "speaker", "speaker_role", "speaker_type"}:
                err(f"{w}: fields {sorted(q)}")
            span_ok(t, q["start"], q["end"], q["content"], w + " content")
            c = q["cue"]
            if set(c) != {"start", "end", "text"}:
                err(f"{w}: cue fields")
            span_ok(t, c["start"], c["end"], c["text"], w + " cue")
            if c["start"] < q["end"] and q["start"] < c["end"]:
                err(f"{w}: cue overlaps content")
            if q["speaker_type"] not in ("PER", "ORG", "ROLE"):
                err(f"{w}: speaker_type {q['speaker_type']}")
            if (q["speaker_type"] == "ROLE") != (q["speaker"] is None):
                err(f"{w}: ROLE iff speaker null violated")
            if q["speaker_type"] == "ROLE" and not q["speaker_role"]:
                err(f"{w}: ROLE without speaker_role")
            if re.match(r"(إن|أن|بأن|إنه|أنه|إنها|أنها)\s", q["content"]) and t[q["start"] - 1] not in "\"«“":
                warnings.append(f"{w}: content starts with a complementizer: {q['content'][:20]}")
            qc[q["speaker_type"]] += 1
        for k, q in enumerate(d["quotes"]):
            c = q["cue"]
            for j, o in enumerate(d["quotes"]):
                if j != k and c["start"] < o["end"] and o["start"] < c["end"]:
                    warnings.append(f"{d['id']} quote {k}: cue lies inside quote {j}'s content")
        sp = sorted((q["start"], q["end"]) for q in d["quotes"])
        for a, b in zip(sp, sp[1:]):
            if b[0] < a[1]:
                err(f"{d['id']}: overlapping quotes {a} {b}")
    nc = collections.Counter()
    for d in N:
        t = d["text"]
        assert set(d) == {"id", "source", "text", "mentions"}, d.keys()
        ms = d["mentions"]
        for k, m in enumerate(ms):
            w = f"{d['id']} mention {k} {m.get('text')!r}"
            if set(m) != {"start", "end", "text", "type", "entity", "multiword"}:
                err(f"{w}: fields {sorted(m)}")
            span_ok(t, m["start"], m["end"], m["text"], w)
            if m["type"] not in ("PER", "ORG"):
                err(f"{w}: type {m['type']}")
            if m["multiword"] != bool(re.search(r"[\s_]", m["text"])):
                err(f"{w}: multiword flag")
            if not m["entity"]:
                err(f"{w}: empty entity")
            s = m["start"]
            if s > 0 and re.match(r"\w", t[s - 1]):
                pre = re.search(r"(\w+)$", t[:s]).group(1)
                if pre not in ("و", "ب", "ل", "ك", "ف", "وب", "ول", "فب", "فل", "وك"):
                    warnings.append(f"{w}: starts inside a word (prefix {pre!r})")
            if s > 0 and t[s - 1] == "ـ":
                pass
            nc[(m["type"], m["multiword"])] += 1
        sp = sorted((m["start"], m["end"]) for m in ms)
        for a, b in zip(sp, sp[1:]):
            if b[0] < a[1]:
                err(f"{d['id']}: overlapping mentions {a} {b}")
        ent_type = {}
        for m in ms:
            if ent_type.setdefault(m["entity"], m["type"]) != m["type"]:
                err(f"{d['id']}: entity {m['entity']} has two types")
    for w in warnings:
        print("WARN", w)
    for e in errors:
        print("ERROR", e)
    print(f"quotes: {len(Q)} articles, {sum(len(d['quotes']) for d in Q)} quotes, by speaker_type {dict(qc)}")
    print(f"names: {len(N)} articles, {sum(len(d['mentions']) for d in N)} mentions, "
          f"multiword {sum(v for (t, mw), v in nc.items() if mw)}; by (type, multiword) {dict(nc)}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
