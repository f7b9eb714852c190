"""Sample annotation items from a dossier and build their task lines (issue 17, part 5).

Every choice is a bottom-k draw on a hash of the item's content key and the seed, so the
same item found by another marsad version gets the same rank and is drawn again: its
label is reused (pooling) and only new items need annotating. An `Item` keeps marsad's
answer (`system`) apart from what the annotator sees (`task`); only `task` is ever
written to a task file.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

CLASSES = ("entities", "quotes", "timeline", "claims", "summaries")
SEED = 17
# Sample sizes, a little over the minimums so unusable items do not sink them.
ENTITY_QUOTA = {"PER": 64, "ORG": 48, "LOC": 48}  # x 2 mentions = 320 mentions
ENTITY_TOP = 8  # the biggest entities of each type are always in
N_QUOTES = 170
N_TIMELINE = 170
N_CLAIMS = 170
N_SUMMARIES = 110
CONTEXT_CHARS = 1200  # longest paragraph shown whole; longer ones are clipped around the span
SENTENCE_CHARS = 600
OPEN, CLOSE = "⟦", "⟧"  # marks the item's span in the text shown

Json = dict[str, Any]


@dataclass(slots=True)
class Item:
    key: str
    task: Json  # what the annotator sees (the key included)
    system: Json = field(default_factory=dict)  # marsad's answer: for scoring only
    group: str | None = None  # items scored together (the two mentions of one entity)


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    """Content hash of a sentence, blind to whitespace differences."""
    return digest(" ".join(text.split()))[:16]


def rank(seed: int, key: str) -> float:
    """Uniform (0, 1) number fixed by the seed and the key."""
    return (int(digest(f"{seed}\x1f{key}")[:15], 16) + 1) / (16**15 + 2)


def bottom(seed: int, keyed: list[tuple[str, Any]], n: int | None = None) -> list[Any]:
    ordered = sorted(keyed, key=lambda kv: (rank(seed, kv[0]), kv[0]))
    return [v for _, v in ordered[:n]]


# --- text around a span -------------------------------------------------------------------

_BOUNDARY = re.compile(r"(?<!\d)[.!?؟](?!\d)|\n")


def marked(text: str, start: int, end: int) -> str:
    return text[:start] + OPEN + text[start:end] + CLOSE + text[end:]


def _clip(text: str, start: int, end: int, lo: int, hi: int, limit: int) -> tuple[int, int]:
    if hi - lo <= limit:
        return lo, hi
    half = max(0, (limit - (end - start)) // 2)
    a, b = max(lo, start - half), min(hi, end + half)
    while a > lo and not text[a - 1].isspace():
        a -= 1
    while b < hi and not text[b].isspace():
        b += 1
    return a, b


def paragraph(text: str, start: int, end: int, before: int = 0) -> str:
    """The paragraph(s) holding text[start:end], `before` more paragraphs ahead, span marked."""
    lo = text.rfind("\n", 0, start) + 1
    for _ in range(before):
        if lo == 0:
            break
        lo = text.rfind("\n", 0, lo - 1) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    a, b = _clip(text, start, end, lo, hi, CONTEXT_CHARS * (1 + before))
    return marked(text[a:b], start - a, end - a).strip()


def sentence(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], span marked."""
    lo = 0
    for m in _BOUNDARY.finditer(text, 0, start):
        lo = m.end()
    m = _BOUNDARY.search(text, end)
    hi = m.end() if m else len(text)
    a, b = _clip(text, start, end, lo, hi, SENTENCE_CHARS)
    return marked(text[a:b], start - a, end - a).strip()


def locate(text: str, snippet: str) -> tuple[int, int] | None:
    """Where a sentence marsad quotes (perhaps shortened) sits in an article's text."""
    snippet = snippet.strip().rstrip("…").rstrip(".").strip()
    if not snippet:
        return None
    at = text.find(snippet)
    if at >= 0:
        return at, at + len(snippet)
    head = snippet[:80]
    at = text.find(head) if len(head) >= 30 else -1
    if at >= 0:
        return at, min(len(text), at + len(snippet))
    return None


# --- sampling ----------------------------------------------------------------------------


def _header(article: Json, records: dict[str, Json]) -> Json:
    rec = records.get(article["id"], {})
    return {"article": article["id"], "title": article.get("title") or rec.get("title"),
            "outlet": article.get("outlet") or rec.get("source"),
            "date_extracted": rec.get("date_extracted")}


def span_key(article_id: str, start: int, end: int) -> str:
    return f"{article_id}:{start}:{end}"


def sample_entities(dossier: Json, records: dict[str, Json], seed: int = SEED) -> list[Item]:
    """~160 entities (the biggest of each type, the rest drawn by mention count) x 2 mentions
    from different articles."""
    arts = {a["id"]: a for a in dossier["articles"]}
    by_entity: dict[str, list[tuple[str, Json]]] = defaultdict(list)
    for a in dossier["articles"]:
        for m in a["mentions"]:
            if m.get("entity"):
                by_entity[m["entity"]].append((a["id"], m))
    items: list[Item] = []
    for etype, quota in ENTITY_QUOTA.items():
        pool = [e for e in dossier["entities"] if e["type"] == etype
                and len({aid for aid, _ in by_entity.get(e["id"], [])}) >= 2]
        pool.sort(key=lambda e: (-len(by_entity[e["id"]]), e["name"]))
        chosen = pool[:ENTITY_TOP]
        rest = pool[ENTITY_TOP:]
        # Efraimidis-Spirakis weighted draw: smallest -ln(u)/weight
        rest.sort(key=lambda e: (-math.log(rank(seed, f"entity:{etype}:{e['name']}"))
                                 / len(by_entity[e["id"]]), e["name"]))
        chosen += rest[:quota - len(chosen)]
        for e in chosen:
            mentions = bottom(seed, [(span_key(aid, m["start"], m["end"]), (aid, m))
                                     for aid, m in by_entity[e["id"]]])
            first = mentions[0]
            second = next(am for am in mentions if am[0] != first[0])
            for aid, m in (first, second):
                art = arts[aid]
                key = span_key(aid, m["start"], m["end"])
                task = {"key": key, **_header(art, records), "mention": m["text"],
                        "context": paragraph(art["text"], m["start"], m["end"])}
                items.append(Item(key, task, {"entity": e["id"], "name": e["name"],
                                              "type": e["type"]}, group=e["id"]))
    return items


def sample_quotes(dossier: Json, records: dict[str, Json], seed: int = SEED) -> list[Item]:
    entities = {e["id"]: e for e in dossier["entities"]}
    keyed = []
    for a in dossier["articles"]:
        for q in a["quotes"]:
            keyed.append((span_key(a["id"], q["start"], q["end"]), (a, q)))
    items = []
    for a, q in bottom(seed, keyed, N_QUOTES):
        key = span_key(a["id"], q["start"], q["end"])
        task = {"key": key, **_header(a, records), "quote": q["text"],
                "context": paragraph(a["text"], q["start"], q["end"], before=2),
                "text": marked(a["text"], q["start"], q["end"])}
        ent = entities.get(q["speaker"]) if q.get("speaker") else None
        system = {"speaker": q.get("speaker"), "speaker_text": q.get("speaker_text"),
                  "names": [ent["name"], *ent["variants"]] if ent else []}
        items.append(Item(key, task, system))
    return items


def sample_timeline(dossier: Json, records: dict[str, Json], seed: int = SEED) -> list[Item]:
    arts = {a["id"]: a for a in dossier["articles"]}
    keyed: dict[str, tuple[Json, Json, tuple[int, int] | None]] = {}
    for story in dossier["stories"]:
        for entry in story.get("timeline", []):
            spot = None
            art = arts[entry["articles"][0]]
            for aid in entry["articles"]:
                spot = locate(arts[aid]["text"], entry["text"])
                if spot:
                    art = arts[aid]
                    break
            key = f"{art['id']}:{text_hash(entry['text'])}"
            keyed.setdefault(key, (art, entry, spot))
    items = []
    for key, art, entry, spot in bottom(seed, [(k, (k, *v)) for k, v in keyed.items()],
                                          N_TIMELINE):
        text = marked(art["text"], *spot) if spot else art["text"]
        task = {"key": key, **_header(art, records), "sentence": entry["text"], "text": text}
        items.append(Item(key, task, {"date": entry["date"]}))
    return items


def _figure(article: Json, value: Json) -> Json | None:
    for q in article["quantities"]:
        if q["text"] == value.get("text") and q["value"] == value["value"]:
            return q
    return None


def sample_claims(dossier: Json, records: dict[str, Json], seed: int = SEED) -> list[Item]:
    """Claims flagged `disagree`: one pair of differing figures each, two when the claim
    has three values or more; pairs across articles before pairs within one."""
    arts = {a["id"]: a for a in dossier["articles"]}
    claims = []
    for story in dossier["stories"]:
        for claim in story.get("claims", []):
            if not claim.get("disagree"):
                continue
            figs = {}
            for v in claim["values"]:
                q = _figure(arts[v["article"]], v)
                if q is not None:
                    figs[span_key(v["article"], q["start"], q["end"])] = (v, q)
            pairs = [(a, b) for a, b in combinations(sorted(figs), 2)
                     if figs[a][0]["value"] != figs[b][0]["value"]]
            if pairs:
                ckey = "|".join(sorted(figs))
                claims.append((ckey, (ckey, figs, pairs, len({v["value"] for v in
                                                             claim["values"]}))))
    items = []
    for ckey, figs, pairs, distinct in bottom(seed, claims, N_CLAIMS):
        ordered = bottom(seed, [(f"{a}|{b}", (a, b)) for a, b in pairs])
        # pairs across articles first: two figures of one article rarely measure one thing
        ordered.sort(key=lambda ab: ab[0].split(":")[0] == ab[1].split(":")[0])
        for a, b in ordered[:2 if distinct >= 3 else 1]:
            key = f"{a}|{b}"
            sides = []
            for k in (a, b):
                v, q = figs[k]
                art = arts[v["article"]]
                sides.append({**_header(art, records), "figure": q["text"],
                              "sentence": sentence(art["text"], q["start"], q["end"])})
            task = {"key": key, "a": sides[0], "b": sides[1]}
            items.append(Item(key, task, {"values": [figs[a][0]["value"], figs[b][0]["value"]]},
                              group=ckey))
    return items


def sample_summaries(dossier: Json, records: dict[str, Json], seed: int = SEED) -> list[Item]:
    arts = {a["id"]: a for a in dossier["articles"]}
    keyed: dict[str, Json] = {}
    for story in dossier["stories"]:
        for s in story.get("summary", []):
            keyed.setdefault(text_hash(s["text"]), s)
    items = []
    for h, s in bottom(seed, [(h, (h, s)) for h, s in keyed.items()], N_SUMMARIES):
        aid = bottom(seed, [(f"{h}:{aid}", aid) for aid in s["articles"]], 1)[0]
        key = f"{h}:{aid}"
        art = arts[aid]
        task = {"key": key, "sentence": s["text"], **_header(art, records), "text": art["text"]}
        items.append(Item(key, task, {"articles": s["articles"]}))
    return items


SAMPLERS = {"entities": sample_entities, "quotes": sample_quotes,
            "timeline": sample_timeline, "claims": sample_claims,
            "summaries": sample_summaries}


def sample(dossier: Json, records: dict[str, Json], seed: int = SEED) -> dict[str, list[Item]]:
    return {name: SAMPLERS[name](dossier, records, seed) for name in CLASSES}


def shuffled(items: list[Item], seed: int = SEED) -> list[Item]:
    """Task-file order: by hash, so nothing shows which mentions share an entity."""
    return bottom(seed, [(f"order:{it.key}", it) for it in items])
