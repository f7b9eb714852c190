"""Turn the annotator's span specifications (annotate/ann/*.py) into the gold files.

Each ann file defines A = {article_id: {"q": [...], "n": [...]}}.
q items: (content, cue, speaker, speaker_role, speaker_type); content/cue are a
  string (unique occurrence, or for the cue: the occurrence nearest before the
  content, else the nearest after) or (string, k) = the k-th occurrence (0-based).
n items: (text, type, entity), listed in text order; each is located at the
  first occurrence after the end of the previous mention (or (text, k) for the
  k-th occurrence overall).  "multiword" = the span contains whitespace (or the _ of a hashtag).
"""
import glob, json, os, re, runpy, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)


def pat(s):
    # whitespace in a spec matches any whitespace run (the texts hold NBSPs, double spaces)
    # and a spec ending in a letter must end at a word end (no partial-word matches)
    # (a spec starting with "~" may end inside a word: a name run together with the next word)
    if s.startswith("~"):
        s, tail = s[1:], ""
    else:
        tail = r"(?!\w)" if re.match(r"\w", s[-1]) else ""
    return re.compile(r"\s+".join(re.escape(w) for w in s.split()) + tail)


def occ(text, s):
    return [(m.start(), m.end()) for m in pat(s).finditer(text)]


def locate(text, spec, what, aid):
    if isinstance(spec, tuple):
        s, k = spec
        o = occ(text, s)
        if k >= len(o):
            sys.exit(f"{aid}: {what} {s!r} occurrence {k} not found")
        return o[k][0], o[k][1], text[o[k][0]:o[k][1]]
    o = occ(text, spec)
    if len(o) != 1:
        sys.exit(f"{aid}: {what} {spec!r} found {len(o)} times")
    return o[0][0], o[0][1], text[o[0][0]:o[0][1]]


def locate_cue(text, spec, cs, ce, aid):
    if isinstance(spec, tuple):
        return locate(text, spec, "cue", aid)
    o = occ(text, spec)
    if not o:
        sys.exit(f"{aid}: cue {spec!r} not found")
    before = [p for p in o if p[1] <= cs]
    if before:
        p = max(before)
    else:
        after = [p for p in o if p[0] >= ce]
        p = min(after) if after else o[0]
    return p[0], p[1], text[p[0]:p[1]]


def main():
    drawn = {}
    for l in open(os.path.join(HERE, "drawn.jsonl")):
        d = json.loads(l)
        drawn[d["id"]] = d
    A = {}
    for f in sorted(glob.glob(os.path.join(HERE, "ann", "*.py"))):
        A.update(runpy.run_path(f)["A"])
    order = [i for i in drawn if i in A]
    qf = open(os.path.join(OUT, "quotes_gold.jsonl"), "w")
    nf = open(os.path.join(OUT, "names_gold.jsonl"), "w")
    for aid in order:
        d, a = drawn[aid], A[aid]
        text = d["text"]
        if a.get("q") is not None:
            qs = []
            for content, cue, spk, role, typ in a["q"]:
                s, e, t = locate(text, content, "content", aid)
                cs, ce, ct = locate_cue(text, cue, s, e, aid)
                qs.append({"start": s, "end": e, "content": t,
                           "cue": {"start": cs, "end": ce, "text": ct},
                           "speaker": spk, "speaker_role": role, "speaker_type": typ})
            qs.sort(key=lambda q: q["start"])
            qf.write(json.dumps({"id": aid, "source": d["source"], "text": text, "quotes": qs}, ensure_ascii=False) + "\n")
        if a.get("n") is not None:
            ms, pos = [], 0
            for item in a["n"]:
                spec, typ, ent = item
                if isinstance(spec, tuple):
                    s, e, t = locate(text, spec, "mention", aid)
                else:
                    m = pat(spec).search(text, pos)
                    if not m:
                        sys.exit(f"{aid}: mention {spec!r} not found after {pos}")
                    s, e, t = m.start(), m.end(), m.group()
                pos = e
                ms.append({"start": s, "end": e, "text": t, "type": typ, "entity": ent,
                           "multiword": bool(re.search(r"[\s_]", t))})
            ms.sort(key=lambda m: m["start"])
            nf.write(json.dumps({"id": aid, "source": d["source"], "text": text, "mentions": ms}, ensure_ascii=False) + "\n")
    print("built", len(order), "articles")


if __name__ == "__main__":
    main()
