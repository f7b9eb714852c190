"""Score a dossier of the test day against the day-scale gold labels (issue 17, part 5).

    python eval/busyday/score.py --shared ../shared [--dossier DOSSIER] --gold GOLDDIR
                                 [--pool OUTDIR] [--seed N]

Draws the same sample as sample.py from the dossier (without --dossier: makes the day's
JSONL and runs marsad on it), looks each item's label up by key in GOLDDIR/<class>.jsonl
and prints each figure with its n, and how many sampled items have no label yet. With
--pool, writes task files for those unlabelled items only (same format as sample.py).

Label lines, one per item: {"key": ..., answer fields}; the fields are in GUIDELINES.md
and in `FIELDS` below.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from day import DAY, write_day
from sample import day_records, load_dossier, write_tasks
from tasks import CLASSES, SEED, Item, Json, sample

from marsad.normalise import key as name_key

# Answer fields of each class's label lines, with their allowed values (None: free text).
FIELDS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "entities": {"status": ("NAME", "TITLE_ONLY", "NOT_A_NAME", "AMBIGUOUS"),
                 "referent": None, "type": ("PER", "ORG", "LOC", "MISC")},
    "quotes": {"status": ("NAMED", "ROLE_ONLY", "UNNAMED", "NOT_A_QUOTE"),
               "names": None, "referent": None, "role": None},
    "timeline": {"date": None},
    "claims": {"same_measure": ("yes", "no", "unclear"), "differ": ("yes", "no")},
    "summaries": {"support": ("yes", "partly", "no")},
}
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|UNKNOWN)$")


@dataclass(slots=True)
class Figure:
    name: str
    right: int
    n: int
    note: str = ""

    def line(self) -> str:
        share = f"{self.right / self.n:.3f}" if self.n else "  -  "
        tail = f"  ({self.note})" if self.note else ""
        return f"  {self.name:<44} {share}  = {self.right}/{self.n}{tail}"


def load_labels(gold: Path) -> dict[str, dict[str, Json]]:
    """GOLDDIR/<class>.jsonl -> class -> key -> label; a bad line is an error, not a skip."""
    labels: dict[str, dict[str, Json]] = {name: {} for name in CLASSES}
    for name in CLASSES:
        path = gold / f"{name}.jsonl"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    row = json.loads(line)
                    problem = check_label(name, row)
                    if problem:
                        raise SystemExit(f"{path}:{n}: {problem}")
                    labels[name][row["key"]] = row
    return labels


def check_label(name: str, row: Json) -> str | None:
    if not isinstance(row.get("key"), str):
        return "no key"
    for fname, allowed in FIELDS[name].items():
        value = row.get(fname)
        if allowed is not None and value is not None and value not in allowed:
            return f"{fname} must be one of {', '.join(allowed)} (got {value!r})"
    if name == "timeline" and not _DATE.match(str(row.get("date"))):
        return "date must be YYYY-MM-DD or UNKNOWN"
    if name == "entities" and row.get("status") is None:
        return "status is required"
    if name == "quotes" and row.get("status") == "NAMED" and not row.get("names"):
        return "a NAMED speaker needs names (the name forms as written)"
    return None


def referent(label: Json) -> str:
    return " ".join(re.findall(r"\w+", str(label.get("referent") or "").casefold()))


def score_entities(items: list[Item], labels: dict[str, Json]) -> list[Figure]:
    """A sampled mention's link is right when the gold calls it a name and every sampled
    name mention of its system entity has its referent (two referents: both wrong, as
    which is the entity's cannot be told); two different people in one entity is a merge."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        groups[it.group or it.key].append(it)
    right = n = merges = pairs = ambiguous = 0
    referents: dict[str, set[str]] = defaultdict(set)
    for members in groups.values():
        got = [labels[it.key] for it in members if it.key in labels]
        if len(got) < len(members) or len(got) < 2:
            continue
        if any(g["status"] == "AMBIGUOUS" for g in got):
            ambiguous += 1
            continue
        pairs += 1
        names = [g for g in got if g["status"] == "NAME"]
        refs = {referent(g) for g in names}
        for g in got:
            n += 1
            right += g["status"] == "NAME" and len(refs) == 1
        people = {referent(g) for g in names if g.get("type") == "PER"}
        merges += len(people) > 1
        for it, g in zip(members, got, strict=True):
            if g["status"] == "NAME":
                referents[referent(g)].add(it.system["entity"])
    split = sum(len(ents) > 1 for ents in referents.values())
    return [Figure("entity links right (mentions)", right, n,
                   f"{ambiguous} entities with an AMBIGUOUS mention left out"),
            Figure("sampled entities without a merge", pairs - merges, pairs,
                   f"merges of two different people: {merges}"),
            Figure("gold referents not split over entities", len(referents) - split,
                   len(referents))]


def names_match(system: Iterable[str], gold: Iterable[str]) -> bool:
    """Some system name or variant is a gold name form, or holds one of two words or more
    (or is held by one), compared on folded Arabic keys."""
    sys_keys = {name_key(s) for s in system if s}
    gold_keys = {name_key(g) for g in gold if g}
    for s in sys_keys:
        for g in gold_keys:
            if s == g:
                return True
            short, long_ = sorted((s.split(), g.split()), key=len)
            if len(short) >= 2 and any(long_[i:i + len(short)] == short
                                       for i in range(len(long_) - len(short) + 1)):
                return True
    return False


def score_quotes(items: list[Item], labels: dict[str, Json]) -> list[Figure]:
    right = n = not_quote = 0
    for it in items:
        g = labels.get(it.key)
        if g is None:
            continue
        if g["status"] == "NOT_A_QUOTE":
            not_quote += 1
            continue
        n += 1
        if g["status"] == "NAMED":
            right += bool(it.system["speaker"]) and names_match(it.system["names"], g["names"])
        else:
            right += not it.system["speaker"]
    return [Figure("quote speaker entity right", right, n,
                   f"{not_quote} NOT_A_QUOTE left out")]


def score_timeline(items: list[Item], labels: dict[str, Json]) -> list[Figure]:
    right = n = unknown = 0
    for it in items:
        g = labels.get(it.key)
        if g is None:
            continue
        if g["date"] == "UNKNOWN":
            unknown += 1
            continue
        n += 1
        right += str(it.system["date"])[:10] == g["date"]
    return [Figure("timeline entry dates right", right, n,
                   f"{unknown} UNKNOWN left out")]


def _real(g: Json) -> bool:
    return g["same_measure"] == "yes" and g.get("differ") == "yes"


def score_claims(items: list[Item], labels: dict[str, Json]) -> list[Figure]:
    right = n = unclear = 0
    claims: dict[str, list[bool]] = defaultdict(list)
    for it in items:
        g = labels.get(it.key)
        if g is None:
            continue
        n += 1
        right += _real(g)
        unclear += g["same_measure"] == "unclear"
        claims[it.group or it.key].append(_real(g))
    whole = sum(all(v) for v in claims.values())
    return [Figure("flagged disagreements real (pairs)", right, n,
                   f"{unclear} unclear counted not real"),
            Figure("flagged claims real (all sampled pairs)", whole, len(claims))]


def score_summaries(items: list[Item], labels: dict[str, Json]) -> list[Figure]:
    got = [labels[it.key]["support"] for it in items if it.key in labels]
    return [Figure("summary citations supported", got.count("yes"), len(got),
                   f"partly {got.count('partly')}, no {got.count('no')}")]


SCORERS = {"entities": score_entities, "quotes": score_quotes, "timeline": score_timeline,
           "claims": score_claims, "summaries": score_summaries}


def unlabelled(items: dict[str, list[Item]], labels: dict[str, dict[str, Json]]
               ) -> dict[str, list[Item]]:
    return {name: [it for it in items[name] if it.key not in labels[name]] for name in CLASSES}


def run_marsad(shared: Path, work: Path) -> Path:
    """Make the day's JSONL and run marsad (whatever `marsad` this interpreter imports)."""
    day = work / f"snn-{DAY}.jsonl"
    write_day(shared, day)
    out = work / "out"
    done = subprocess.run([sys.executable, "-m", "marsad.cli", "analyze", str(day),
                           "--out", str(out)], check=False)
    dossier = out / "dossier.json"
    if not dossier.exists():  # status 1 alone means some records had no text
        raise SystemExit(f"marsad analyze failed (status {done.returncode})")
    return dossier


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--dossier", type=Path, help="default: run marsad on the day")
    parser.add_argument("--gold", type=Path, default=Path(__file__).resolve().parent / "gold")
    parser.add_argument("--pool", type=Path, help="write task files of unlabelled items here")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="busyday-") as tmp:
        path = args.dossier or run_marsad(args.shared, Path(tmp))
        items = sample(load_dossier(path), day_records(args.shared), args.seed)
    labels = load_labels(args.gold)
    todo = unlabelled(items, labels)
    print(f"day-scale evaluation, SaudiNewsNet {DAY}: {path if args.dossier else 'fresh run'}")
    for name in CLASSES:
        keys = {it.key for it in items[name]}
        print(f"{name}: {len(keys) - len({it.key for it in todo[name]})}/{len(keys)} "
              f"sampled items labelled, {len({it.key for it in todo[name]})} to pool")
        for fig in SCORERS[name](items[name], labels[name]):
            print(fig.line())
    if args.pool:
        for name, n in write_tasks(todo, args.pool, args.seed).items():
            print(f"pool: {n} {name} items -> {args.pool / (name + '.jsonl')}")


if __name__ == "__main__":
    main()
