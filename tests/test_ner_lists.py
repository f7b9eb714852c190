"""The word lists shipped for NER (build_lexicons): wordfreq, names-dataset, GeoNames."""

from __future__ import annotations

from marsad.extract.ner.features import DATA_DIR, FeatureExtractor, Resources
from marsad.extract.ner.lexicon import Lexicon
from marsad.normalise import fold


def _shipped() -> Resources:
    return Resources.load(DATA_DIR / "clusters.tsv.gz", wordfreq=DATA_DIR / "wordfreq.tsv.gz",
                          names=DATA_DIR / "names.tsv.gz", places=DATA_DIR / "places.tsv")


def test_shipped_lists_load_without_their_packages():
    res = _shipped()
    # wordfreq: في is among the most frequent words; hunspell-ar's check came along.
    assert int(res.wordfreq["في"][0]) >= 14 and res.wordfreq["في"][1] == "1"
    assert int(res.wordfreq["في"][0]) > int(res.wordfreq[fold("قبيلة")][0])
    # names-dataset: محمد is a top first and last name; closed-class words were dropped.
    assert {"F1", "L1"} <= set(res.names["محمد"])
    assert fold("إلى") not in res.names and "في" not in res.names
    # GeoNames: multi-word Arabic city names, as gazetteer keys.
    assert res.places[tuple(res.gaz_key(w) for w in fold("الدار البيضاء").split())] == "LOC"
    assert all(label == "LOC" for label in res.places.values())


def test_list_features_per_word_and_place_spans():
    res = Resources(wordfreq={"زار": ("9", "1"), "سعيد": ("10", "1")},
                    names={"سعيد": ("F1",), "الكعبي": ("L2",)},
                    places={("دار", "بيضاء"): "LOC"})  # gazetteer keys: no article
    fx = FeatureExtractor(res)
    feats = fx.sentence(["زار", "سعيد", "الكعبي", "الدار", "البيضاء"])
    assert "wf=9" in feats[0] and "hs=1" in feats[0]
    assert "wf=none" in feats[2]  # not in the frequency list
    assert "nm=F1c" in feats[1]  # a listed name that is also a frequent word
    assert "nm=L2" in feats[2] and "-1:nm=F1c" in feats[2]
    assert "gp=B" in feats[3] and "gp=I" in feats[4] and "-1:gp=B" in feats[4]
    assert not any(x.startswith("gp=") for x in feats[2])
    off = FeatureExtractor(res, use_wordfreq=False, use_hunspell=False, use_names=False,
                           use_places=False).sentence(["زار", "سعيد"])
    assert not any(x.startswith(("wf=", "hs=", "nm=", "gp=", "1:nm=")) for f in off for x in f)


def test_general_words_are_common_unless_a_name():
    lex = Lexicon.of(Resources.load(DATA_DIR / "clusters.tsv.gz",
                                    DATA_DIR / "gazetteer.tsv"))
    # Frequent in general Arabic, rare in the news corpora: لحم, اضغط are no names.
    assert lex.is_common("لحم") and lex.is_common("اضغط")
    assert "محمد" not in lex.general  # a listed name stays a possible name
    assert not lex.is_common(fold("توكاييف"))
