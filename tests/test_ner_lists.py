"""The word lists shipped for NER (build_lexicons): wordfreq, names-dataset, GeoNames."""

from __future__ import annotations

import gzip

from marsad.extract.ner.features import FeatureExtractor, Resources
from marsad.normalise import fold


def test_list_files_load(tmp_path):
    # The formats build_lexicons writes: word, Zipf x 2, hunspell flag; word, F/L, rank bucket.
    (tmp_path / "wf.tsv.gz").write_bytes(gzip.compress("في\t15\t1\nتوكاييف\t3\t0\n".encode()))
    (tmp_path / "n.tsv.gz").write_bytes(gzip.compress("محمد\tF\t1\nمحمد\tL\t1\n".encode()))
    (tmp_path / "p.tsv").write_text("# comment\nLOC\tالدار البيضاء\n", "utf-8")
    res = Resources.load(wordfreq=tmp_path / "wf.tsv.gz", names=tmp_path / "n.tsv.gz",
                         places=tmp_path / "p.tsv")
    assert res.wordfreq == {"في": ("15", "1"), fold("توكاييف"): ("3", "0")}
    assert res.names == {"محمد": ("F1", "L1")}
    assert res.places == {("دار", "بيضاء"): "LOC"}  # gazetteer keys: no article
    # Missing files leave the families off rather than failing.
    empty = Resources.load(wordfreq=tmp_path / "none.gz", names=None, places=None)
    fx = FeatureExtractor(empty)
    assert not (fx.use_wordfreq or fx.use_names or fx.use_places)


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
