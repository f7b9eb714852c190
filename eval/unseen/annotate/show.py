"""Print an article with its name mentions marked [..|T] (annotator's check)."""
import json, os, sys
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
want = sys.argv[1:]
for l in open(os.path.join(OUT, "names_gold.jsonl")):
    d = json.loads(l)
    if want and not any(d["id"].startswith(w) for w in want): continue
    t = d["text"]; out = []; p = 0
    for m in d["mentions"]:
        out.append(t[p:m["start"]]); out.append("[" + m["text"] + "|" + m["type"][0] + "]"); p = m["end"]
    out.append(t[p:])
    print("=====", d["id"]); print("".join(out))
