"""Print an article with quotes marked ⟦..⟧ and cues {..} (annotator's check)."""
import json, os, sys
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
want = sys.argv[1:]
for l in open(os.path.join(OUT, "quotes_gold.jsonl")):
    d = json.loads(l)
    if want and not any(d["id"].startswith(w) for w in want): continue
    t = d["text"]; ev = []
    for i, q in enumerate(d["quotes"]):
        ev += [(q["start"], 1, "⟦"), (q["end"], 0, f"⟧{i}"), (q["cue"]["start"], 1, "{"), (q["cue"]["end"], 0, f"}}{i}")]
    ev.sort(); out = []; p = 0
    for pos, _, s in ev:
        out.append(t[p:pos]); out.append(s); p = pos
    out.append(t[p:])
    print("=====", d["id"]); print("".join(out))
    for i, q in enumerate(d["quotes"]):
        print(f"  {i}: {q['speaker']} | {q['speaker_role']} | {q['speaker_type']}")
