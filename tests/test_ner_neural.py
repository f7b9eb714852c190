"""The numpy neural tagger: Viterbi, parity with the torch model it is trained as, the
training path on a tiny sample, and the shipped model."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from marsad.extract.ner.conll import read_conll
from marsad.extract.ner.neural import DEFAULT_NEURAL, NeuralTagger, viterbi
from marsad.extract.ner.tagger import TaggerError, load_tagger

SAMPLE = Path(__file__).parent / "fixtures" / "ner" / "anercorp_sample.conll"


def test_viterbi_matches_brute_force_on_a_padded_batch():
    rng = np.random.default_rng(0)
    n_tags, lengths = 3, np.array([4, 1, 3])
    em = rng.normal(size=(3, 4, n_tags))
    trans, start, end = rng.normal(size=(n_tags, n_tags)), rng.normal(size=n_tags), \
        rng.normal(size=n_tags)
    paths = viterbi(em, lengths, trans, start, end)
    for i, n in enumerate(lengths):
        def score(p, i=i):
            return (start[p[0]] + end[p[-1]] + sum(em[i, t, p[t]] for t in range(len(p)))
                    + sum(trans[p[t - 1], p[t]] for t in range(1, len(p))))
        best = max(itertools.product(range(n_tags), repeat=int(n)), key=score)
        assert paths[i] == list(best)


def _resources() -> dict[str, np.ndarray]:
    from marsad.extract.ner.train_neural import quantise

    words = ["في", "مصر", "القاهره", "مبارك", "حسني", "الرييس", "قال"]
    rng = np.random.default_rng(1)
    q, scale = quantise(rng.normal(size=(len(words), 8)).astype(np.float32))
    clusters = np.vstack([[0, 0, 0], rng.integers(1, 100, size=(len(words), 3))])
    return {"words": np.array("\n".join(words)),
            "counts": np.array([900, 500, 400, 300, 200, 800, 700], dtype=np.int32),
            "clusters": clusters.astype(np.int16), "vectors_q": q, "vectors_scale": scale,
            "gazetteer": np.array("LOC\tمصر\nPERS\tحسني مبارك"),
            "chars": np.array("".join(sorted(set("".join(words)))))}


def test_numpy_forward_equals_torch():
    torch = pytest.importorskip("torch")
    from marsad.extract.ner.train_neural import build_model, encode, export

    res = _resources()
    tags = ["O", "B-LOC", "I-LOC", "B-PERS", "I-PERS"]
    vectors = torch.tensor(res["vectors_q"].astype(np.float32) * res["vectors_scale"][:, None])
    torch.manual_seed(0)
    net = build_model(vectors, len(str(res["chars"])) + 4, hidden=16, dilations=(1, 2),
                      n_tags=len(tags), dropout=0.5)
    net.eval()
    arrays = {**res, **export(net, tags, (1, 2))}
    tagger = NeuralTagger.from_arrays(arrays, consistency=False)
    sents = [["قال", "الرئيس", "حسني", "مبارك", "في", "القاهرة"], ["مصر"],
             ["وصل", "توكاييف", "إلى", "ألما", "آتا", "."]]
    table, enc = encode(tagger.lex, [[(t, "O") for t in s] for s in sents], tags)
    length = max(len(s) for s in sents)
    tt, gz, mk = (np.zeros((len(sents), length), np.int64) for _ in range(3))
    for i, (ti, gi, _) in enumerate(enc):
        tt[i, :len(ti)], gz[i, :len(ti)], mk[i, :len(ti)] = ti, gi, 1
    assert gz.any()  # the gazetteer input is exercised
    with torch.no_grad():
        ref = net.emissions(torch.tensor(table), torch.tensor(tt), torch.tensor(gz),
                            torch.tensor(mk)).numpy()
    ours = tagger.emissions(sents)
    for i, s in enumerate(sents):
        np.testing.assert_allclose(ours[i], ref[i, :len(s)], rtol=1e-4, atol=1e-4)


def test_training_path_writes_a_model_that_loads(tmp_path):
    pytest.importorskip("torch")
    from marsad.extract.ner.train_neural import train

    sents = read_conll(SAMPLE)
    arrays, log = train(sents, sents[:2], _resources(), epochs=2, hidden=16)
    assert len(log["epochs"]) == 2 and "dev_f1" in log["epochs"][0]
    path = tmp_path / "m.npz"
    np.savez_compressed(path, **arrays)
    tagged = load_tagger(path).tag([[t for t, _ in s] for s in sents])
    assert [len(t) for t in tagged] == [len(s) for s in sents]
    assert NeuralTagger(path).tags[0] == "O"


def test_missing_or_bad_model_is_a_tagger_error(tmp_path):
    with pytest.raises(TaggerError):
        NeuralTagger(tmp_path / "none.npz")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(TaggerError):
        load_tagger(bad)


@pytest.mark.skipif(not DEFAULT_NEURAL.exists(), reason="no shipped neural model")
def test_shipped_model_tags_names():
    tagger = load_tagger("neural")
    sent = ["وقال", "الرئيس", "المصري", "حسني", "مبارك", "في", "القاهرة", "أمس"]
    tags = tagger.tag([sent, []])
    assert tags[1] == []
    assert tags[0][3:5] == ["B-PERS", "I-PERS"]
    assert tags[0][6] == "B-LOC"
