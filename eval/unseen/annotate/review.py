"""Print each annotated article's quotes and names for the annotator's check; list
unannotated occurrences of annotated mention strings (exhaustiveness aid)."""
import json, re, sys, os
HERE = os.path.dirname(os.path.abspath(__file__)); OUT = os.path.dirname(HERE)
want = set(sys.argv[1:])
for l in open(os.path.join(OUT, "quotes_gold.jsonl")):
    d = json.loads(l)
    if want and d["id"] not in want: continue
    t = d["text"]
    print("==", d["id"], len(d["quotes"]), "quotes")
    for q in d["quotes"]:
        print(f"  [{q['cue']['text'][:30]}]→{q['speaker']}|{q['speaker_role']}|{q['speaker_type']}  «{t[q['start']-12:q['start']]}⟦{q['content'][:30]}…{q['content'][-12:]}⟧{t[q['end']:q['end']+6]}»  gap={q['start']-q['cue']['end']}".replace("\n"," "))
for l in open(os.path.join(OUT, "names_gold.jsonl")):
    d = json.loads(l)
    if want and d["id"] not in want: continue
    t = d["text"]; ms = d["mentions"]
    print("==", d["id"], len(ms), "mentions,", sum(m["multiword"] for m in ms), "multiword")
    cov = [(m["start"], m["end"]) for m in ms]
    for s in sorted({m["text"] for m in ms}):
        for mm in re.finditer(re.escape(s), t):
            if not any(a <= mm.start() < b for a, b in cov):
                print("   UNCOVERED:", s, "@", mm.start(), t[max(0,mm.start()-15):mm.end()+10].replace("\n"," "))
