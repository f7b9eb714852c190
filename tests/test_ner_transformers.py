"""The transformer path of load_tagger, with a tiny randomly initialised checkpoint."""

from __future__ import annotations

import json

import pytest

from marsad.extract.ner.mentions import find_mentions_with
from marsad.extract.ner.tagger import Tagger, TaggerError, TransformersTagger, load_tagger

LABELS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]


@pytest.fixture(scope="module")
def tiny_checkpoint(tmp_path_factory):
    pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from tokenizers import Tokenizer, models, pre_tokenizers

    path = tmp_path_factory.mktemp("tiny-bert")
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "وصل", "قاسم", "توكاييف",
             "إلى", "ألما", "آتا", ".", "##ف"]
    vocab = {w: i for i, w in enumerate(words)}
    tok = Tokenizer(models.WordPiece(vocab=vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    fast = transformers.PreTrainedTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
        sep_token="[SEP]", mask_token="[MASK]")
    fast.save_pretrained(path)
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=64, num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)), label2id={x: i for i, x in enumerate(LABELS)})
    transformers.BertForTokenClassification(config).save_pretrained(path)
    return path


def test_loads_checkpoint_directory_and_tags_every_word(tiny_checkpoint):
    tagger = load_tagger(str(tiny_checkpoint))
    assert isinstance(tagger, TransformersTagger)
    assert isinstance(tagger, Tagger)
    sents = [["وصل", "قاسم", "توكاييف", "إلى", "ألما", "آتا", "."], ["كلمة", "مجهولة"], []]
    out = tagger.tag(sents)
    assert [len(s) for s in out] == [7, 2, 0]
    assert all(t in LABELS for s in out for t in s)
    # A long sentence is windowed, not truncated.
    long = ["قاسم"] * 300
    assert len(tagger.tag([long])[0]) == 300


def test_prefix_spec_and_mentions_through_any_tagger(tiny_checkpoint):
    tagger = load_tagger(f"transformers:{tiny_checkpoint}")
    text = "وصل قاسم توكاييف إلى ألما آتا."
    for m in find_mentions_with(tagger, text, {}):
        assert text[m.start:m.end] == m.text
        assert m.type in {"PER", "LOC", "ORG", "MISC"}


def test_directory_without_config_is_a_clear_error(tmp_path):
    (tmp_path / "weights.bin").write_bytes(b"")
    with pytest.raises(TaggerError, match=r"no model\.crfsuite or config\.json"):
        load_tagger(str(tmp_path))


def test_missing_transformers_gives_install_hint(tmp_path, monkeypatch):
    import builtins

    (tmp_path / "config.json").write_text(json.dumps({"model_type": "bert"}))
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name in ("torch", "transformers"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(TaggerError, match=r"marsad\[transformers\]"):
        load_tagger(f"transformers:{tmp_path}")
