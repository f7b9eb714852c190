"""Arabic NER: CoNLL I/O, metrics, clitic trimming, the CRF path, mentions and the CLI."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from marsad.extract.ner import cli
from marsad.extract.ner.conll import normalise_tag, read_conll
from marsad.extract.ner.features import FeatureExtractor, Resources, noart, split_clitics
from marsad.extract.ner.mentions import proclitic_length, tokenize
from marsad.extract.ner.metrics import entity_f1, spans
from marsad.extract.ner.tagger import CrfTagger, TaggerError, load_tagger
from marsad.extract.ner.train import train

FIXTURES = Path(__file__).parent / "fixtures" / "ner"
SAMPLE = FIXTURES / "anercorp_sample.conll"


def test_read_conll_and_tag_normalisation(tmp_path):
    sents = read_conll(SAMPLE)
    assert len(sents) == 6
    assert sents[0][0] == ("فرانكفورت", "B-LOC")
    f = tmp_path / "w.txt"
    f.write_text("روسيا B-ORG\nعلى O\n$#$ O\nقال O\n", "utf-8")
    assert [len(s) for s in read_conll(f, sentence_end="$#$")] == [2, 1]
    assert normalise_tag("B-PERS") == "B-PER"
    assert normalise_tag("I-MIS2") == "I-MISC"
    assert normalise_tag("B-MIS1`") == "B-MISC"
    assert normalise_tag("I--ORG") == "I-ORG"
    assert normalise_tag("B-SPANISH") == "O"
    assert normalise_tag("OO") == "O"


def test_spans_and_exact_match_f1():
    assert spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-LOC"]) == {
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "LOC")}
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-LOC"]]  # PER boundary wrong: only LOC counts
    r = entity_f1(gold, pred)
    assert r["LOC"]["f1"] == 1.0
    assert r["PER"]["f1"] == 0.0
    assert r["micro"]["precision"] == 0.5 and r["micro"]["recall"] == 0.5


def test_clitic_split_by_form():
    assert split_clitics("والقاهره") == ("و", "ال", "قاهره")
    assert split_clitics("للامم") == ("ل", "ل", "امم")
    assert noart("للامم") == "الامم"
    assert noart("بكازاخستان") == "كازاخستان"
    assert split_clitics("مصر") == ("", "", "مصر")


def test_proclitic_length_uses_corpus_counts_and_the_text():
    counts = {"اسراييل": 900, "واسراييل": 50, "واشنطن": 800, "اشنطن": 2,
              "القاهره": 700, "قاهره": 3, "بيروت": 500, "يروت": 1, "كازاخستان": 90,
              "ماتي": 40, "الماتي": 20}
    seen: set[str] = set()
    assert proclitic_length("وإسرائيل", counts, seen) == 1
    assert proclitic_length("واشنطن", counts, seen) == 0
    assert proclitic_length("بالقاهرة", counts, seen) == 1  # article is part of the name
    assert proclitic_length("بيروت", counts, seen) == 0
    # و then ك is a possible reading, but كازاخستان is the word.
    assert proclitic_length("وكازاخستان", counts, seen) == 1
    # The article stays part of a name unless the text also writes it without.
    assert proclitic_length("ألماتي", counts, seen) == 0
    assert proclitic_length("ألماتي", counts, {"ماتي"}) == 2
    # Unknown to the corpora: split when the bare word occurs in the same text.
    assert proclitic_length("وتوكاييف", counts, {"توكاييف"}) == 1
    assert proclitic_length("وتوكاييف", counts, set()) == 0
    # A short form the corpora know only in full (بيلاروسيا): the conjunction goes.
    assert proclitic_length("وبيلاروس", {**counts, "بيلاروسيا": 22}, set()) == 1
    assert proclitic_length("وبيلاروس", counts, set()) == 0
    # Diacritics don't break the offsets.
    assert proclitic_length("وَإسرائيل", counts, seen) == 2


def test_tokenize_offsets_and_sentences():
    text = "وصل توكاييف إلى ألما-آتا. ثم\nعاد"
    sents = tokenize(text)
    assert [[t.text for t in s] for s in sents] == [
        ["وصل", "توكاييف", "إلى", "ألما", "-", "آتا", "."], ["ثم"], ["عاد"]]
    assert all(text[t.start:t.end] == t.text for s in sents for t in s)


def test_features_are_cached_per_word_and_windowed():
    fx = FeatureExtractor(Resources(clusters={"مصر": ("1", "2", "3")}, counts={"مصر": 10},
                                    gazetteer={("مصر",): "LOC"}))
    feats = fx.sentence(["زار", "مصر", "أمس"])
    assert "c0=1" in feats[1] and "g=B-LOC" in feats[1]
    assert "1:c0=1" in feats[0] and "-1:c0=1" in feats[2]
    assert "-1:BOS" in feats[0] and "2:EOS" in feats[1]


def test_crf_path_trains_saves_and_loads_without_torch(tmp_path):
    sents = read_conll(SAMPLE)
    model = tmp_path / "tiny.crfsuite"
    train(sents, model, c1=0.0, c2=0.01, iterations=50,
          features={"clusters": True, "gazetteer": True, "affixes": True, "clitics": True},
          clusters=None, gazetteer=None, resource_dir=tmp_path)
    assert model.with_suffix(".json").exists()
    tagger = load_tagger(str(model))
    assert isinstance(tagger, CrfTagger)
    toks = [[t for t, _ in s] for s in sents[:2]]
    out = tagger.tag(toks)
    # A lightly regularised CRF reproduces its own training data.
    assert out == [[g for _, g in s] for s in sents[:2]]
    # A directory holding model.crfsuite loads too.
    (tmp_path / "d").mkdir()
    model.rename(tmp_path / "d" / "model.crfsuite")
    assert load_tagger(str(tmp_path / "d")).tag([["ألمانيا"]])[0][0] in {
        "B-LOC", "O", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC"}


def test_load_tagger_errors(tmp_path):
    with pytest.raises(TaggerError):
        load_tagger(str(tmp_path / "nope.crfsuite"))
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model")
    with pytest.raises(TaggerError):
        load_tagger(str(bad))


def _run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="marsad")
    cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_prints_same_shape(tmp_path, capsys):
    f = tmp_path / "in.conll"
    f.write_text("وصل\tX\nتوكاييف\nإلى\nألماتي\n\n\nقال بوتين O\n.\n", "utf-8")
    assert _run_cli(["ner", "--conll", str(f)]) == 0
    out = capsys.readouterr().out
    blocks = [b.splitlines() for b in out.strip("\n").split("\n\n")]
    assert [[line.split("\t")[0] for line in b] for b in blocks] == [
        ["وصل", "توكاييف", "إلى", "ألماتي"], ["قال", "."]]
    tags = [line.split("\t")[1] for b in blocks for line in b]
    assert all(t == "O" or t[:2] in ("B-", "I-") for t in tags)


def test_cli_missing_file_is_a_clean_error(tmp_path, capsys):
    assert _run_cli(["ner", "--conll", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert "cannot read" in err and "Traceback" not in err


class _LookupTagger:
    """Tags tokens from a fixed table: tests the span logic without a model."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        return [[self.table.get(t, "O") for t in s] for s in sentences]


def test_mentions_trim_clitics_places_adjectives_and_propagate():
    from marsad.extract.ner.mentions import find_mentions_with

    tagger = _LookupTagger({"وتوكاييف": "B-PERS", "رئيس": "O", "كازاخستان": "B-PERS",
                            "قاسم": "I-PERS", "جومارت": "I-PERS", "توكاييف": "I-PERS",
                            "الكازاخستاني": "B-PERS", "جمهورية": "B-LOC"})
    text = ("قال رئيس كازاخستان قاسم جومارت توكاييف إن الرئيس الكازاخستاني وصل.\n"
            "والتقى جمهورية وتوكاييف.")
    counts = {"توكاييف": 5, "كازاخستان": 90}
    gaz = {("كازاخستان",): "LOC"}
    ms = find_mentions_with(tagger, text, counts, gaz)
    got = [(m.text, m.type) for m in ms]
    # The place before the name is split off; the adjective and the bare head are dropped;
    # وتوكاييف loses its conjunction.
    assert got == [("كازاخستان", "LOC"), ("قاسم جومارت توكاييف", "PER"), ("توكاييف", "PER")]
    assert all(text[m.start:m.end] == m.text for m in ms)
    # One sense per text: a later occurrence of a found name is marked too, clitic and all.
    tagger3 = _LookupTagger({"توكاييف": "B-PERS"})
    text3 = "قال توكاييف إن الوضع تحت السيطرة. وأكد وتوكاييف ذلك"
    prop = find_mentions_with(tagger3, text3, counts, {})
    assert [m.text for m in prop] == ["توكاييف", "توكاييف"]
    assert prop[1].start == text3.index("وتوكاييف") + 1
    tagger4 = _LookupTagger({"توكاييف": "B-PERS"})
    assert len(find_mentions_with(tagger4, text3, counts, {}, propagate=False)) == 1


def test_title_and_country_cue_a_name_the_tagger_missed():
    from marsad.extract.ner.mentions import find_mentions_with

    tagger = _LookupTagger({"كازاخستان": "B-LOC"})
    counts = {"وزير": 9000, "خارجية": 4000, "كازاخستان": 900, "مختار": 300, "إن": 90000,
              "الفرنسي": 2000, "من": 90000, "إقناع": 800}
    gaz = {("كازاخستان",): "LOC", ("فرنسا",): "LOC"}
    text = "وقال وزير خارجية كازاخستان مختار تليوبيردي: إن الوضع هادئ."
    got = [(m.text, m.type) for m in find_mentions_with(tagger, text, counts, gaz)]
    assert got == [("كازاخستان", "LOC"), ("مختار تليوبيردي", "PER")]
    # A verb or a phrase after the title is no name: it does not close the clause, or its
    # first word carries the article.
    for text in ("وقال الرئيس الفرنسي سيتمكن من إقناع الوفد.",
                 "طرحت على الرئيس الفرنسي مسألة التيبت في اللقاء.",
                 "وقال وزير خارجية كازاخستان الحكومة الجديدة."):
        found = find_mentions_with(tagger, text, counts, gaz)
        assert all(m.type != "PER" for m in found), text
