"""Train the shipped CRF on the ANERcorp train split (CAMeL Lab split).

The shipped data directory is rebuilt in five steps (about 30 minutes on 2 cores):

    D=src/marsad/extract/ner/data
    python -m marsad.extract.ner.build_clusters --shared ../shared        # clusters
    python -m marsad.extract.ner.build_gazetteer --patterns --shared ../shared
    cp $D/gazetteer.tsv base.tsv
    python -m marsad.extract.ner.train --shared ../shared --out stage1.crfsuite
    python -m marsad.extract.ner.build_gazetteer --base base.tsv --mine stage1.crfsuite
    python -m marsad.extract.ner.train --shared ../shared \
        --without wordfreq --without hunspell --without names --without places  # final CRF

`--dev` holds out the last sixth of the *train* split for tuning (c1/c2, feature families);
the test split is read only by `eval/ner/eval_ner.py`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from marsad.extract.ner.conll import read_conll
from marsad.extract.ner.features import DATA_DIR, FeatureExtractor, Resources
from marsad.extract.ner.metrics import entity_f1, format_report

REPO = Path(__file__).resolve().parents[4]
ANERCORP = Path("corpora/ner/anercorp")
FAMILIES = ("clusters", "gazetteer", "affixes", "clitics", "vectors", "wordfreq", "hunspell",
            "names", "places")
# Word lists built by build_lexicons (see its docstring and eval/ner/README).
LISTS = {"wordfreq": "wordfreq.tsv.gz", "names": "names.tsv.gz", "places": "places.tsv"}


Sentences = list[list[tuple[str, str]]]


def train_split(shared: Path, *, dev: bool) -> tuple[Sentences, Sentences] | None:
    """ANERcorp's train split, and with `dev` its last sixth held out for tuning; None (and a
    message on stderr) when the split is not under `shared`."""
    path = shared / ANERCORP / "ANERCorp_CamelLab_train.txt"
    if not path.exists():
        print(f"error: ANERcorp train split not found at {path}", file=sys.stderr)
        return None
    sents = read_conll(path)
    if not dev:
        return sents, []
    cut = len(sents) * 5 // 6
    return sents[:cut], sents[cut:]


def train(train_sents: list[list[tuple[str, str]]], model: Path, *, c1: float, c2: float,
          iterations: int, features: dict[str, bool], clusters: str | None,
          gazetteer: str | None, resource_dir: Path, vectors: str | None = None,
          lists: dict[str, str] | None = None) -> float:
    """Train and save `model` plus its JSON sidecar; returns seconds spent."""
    import pycrfsuite

    t0 = time.time()
    lists = lists or {}
    res = Resources.load(resource_dir / clusters if clusters else None,
                         resource_dir / gazetteer if gazetteer else None,
                         resource_dir / vectors if vectors else None,
                         **{k: resource_dir / v for k, v in lists.items()})  # v may be absolute
    fx = FeatureExtractor(res, **{f"use_{k}": v for k, v in features.items()})
    trainer = pycrfsuite.Trainer(verbose=False)
    for sent in train_sents:
        trainer.append(fx.sentence([t for t, _ in sent]), [g for _, g in sent])
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))
    seconds = time.time() - t0
    config = {"clusters": clusters, "gazetteer": gazetteer, "vectors": vectors, **lists,
              "features": {f"use_{k}": v for k, v in features.items()},
              "c1": c1, "c2": c2, "iterations": iterations,
              "train_sentences": len(train_sents), "train_seconds": round(seconds, 1),
              "trained_on": "ANERcorp CAMeL Lab train split (CC BY-SA 4.0)"}
    model.with_suffix(".json").write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n",
                                          "utf-8")
    return seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=DATA_DIR / "model.crfsuite")
    ap.add_argument("--resources", type=Path, default=DATA_DIR,
                    help="directory with clusters.tsv.gz and gazetteer.tsv")
    ap.add_argument("--lists", type=Path, default=REPO / "build" / "ner-lists",
                    help="directory with the word lists of build_lexicons (used if there)")
    ap.add_argument("--c1", type=float, default=0.02)
    ap.add_argument("--c2", type=float, default=0.02)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--dev", action="store_true", help="train on 5/6 of train, report the rest")
    ap.add_argument("--vectors", action="store_true",
                    help="add dense word vectors (vectors.bin): +0.3-0.5 F1, half the speed")
    ap.add_argument("--without", action="append", default=[], choices=FAMILIES,
                    help="drop a feature family (ablation)")
    args = ap.parse_args(argv)

    split = train_split(args.shared, dev=args.dev)
    if split is None:
        return 2
    sents, dev = split
    features = {k: k not in args.without for k in FAMILIES}
    clusters = "clusters.tsv.gz" if (args.resources / "clusters.tsv.gz").exists() else None
    gazetteer = "gazetteer.tsv" if (args.resources / "gazetteer.tsv").exists() else None
    vectors = "vectors.bin" if args.vectors else None
    # A list is read when a family that uses it is on (hunspell's flags are in wordfreq's).
    wanted = {"wordfreq": features["wordfreq"] or features["hunspell"],
              "names": features["names"], "places": features["places"]}
    # Shipped lists by name (the tagger looks in the package data), others by absolute path.
    shipped = args.lists.resolve() == DATA_DIR.resolve()
    lists = {k: v if shipped else str((args.lists / v).resolve()) for k, v in LISTS.items()
             if wanted[k] and (args.lists / v).exists()}
    seconds = train(sents, args.out, c1=args.c1, c2=args.c2, iterations=args.iterations,
                    features=features, clusters=clusters, gazetteer=gazetteer,
                    resource_dir=args.resources, vectors=vectors, lists=lists)
    print(f"trained on {len(sents)} sentences in {seconds:.1f}s -> {args.out} "
          f"({args.out.stat().st_size / 1e6:.1f} MB)")
    if dev:
        from marsad.extract.ner.tagger import CrfTagger

        tagger = CrfTagger(args.out)
        pred = tagger.tag([[t for t, _ in s] for s in dev])
        print(format_report(entity_f1([[g for _, g in s] for s in dev], pred)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
