"""Sequence taggers behind one small interface, and how to load them.

A tagger takes tokenised sentences and returns one BIO tag per token. The tag types may be
any spelling `conll.normalise_tag` understands (PERS/PER, LOC, ORG, MISC/MIS*), so a
checkpoint fine-tuned on ANERcorp, AQMAR or CoNLL-style labels plugs in unchanged.

`load_tagger(spec)` accepts:

- `None`, `"default"` or `"crf"`: the CRF model shipped in this package;
- `"neural"`: the neural tagger shipped in this package (numpy inference, see `neural`),
  or a path to a `.npz` model written by `train_neural`;
- a path to a `.crfsuite` file (a `<name>.json` next to it gives its feature settings and
  resources; otherwise the shipped ones are used), or a directory holding `model.crfsuite`;
- `"transformers:<dir>"`, or a directory with a Hugging Face `config.json`: a token
  classification checkpoint on disk (needs the optional `transformers` and `torch`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from marsad.extract.ner.consistency import keyed, propagate_tags
from marsad.extract.ner.features import DATA_DIR, FeatureExtractor, Resources

DEFAULT_MODEL = DATA_DIR / "model.crfsuite"


class TaggerError(RuntimeError):
    """A tagger could not be loaded (missing file, missing optional dependency)."""


@runtime_checkable
class Tagger(Protocol):
    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """One BIO tag per token of each sentence."""
        ...


class CrfTagger:
    """A python-crfsuite model with the feature extractor it was trained with."""

    def __init__(self, model: str | Path, *, config: dict[str, Any] | None = None,
                 consistency: bool = True) -> None:
        import pycrfsuite

        self.consistency = consistency
        model = Path(model)
        if not model.is_file():
            raise TaggerError(f"CRF model not found: {model}")
        if config is None:
            sidecar = model.with_suffix(".json")
            config = json.loads(sidecar.read_text("utf-8")) if sidecar.exists() else {}
        base = model.parent

        def resource(name: str) -> Path | None:
            value = config.get(name)
            if value is None:
                return None
            p = base / value
            return p if p.exists() else DATA_DIR / value

        self.config = config
        self.features = FeatureExtractor(
            Resources.load(resource("clusters"), resource("gazetteer"), resource("vectors"),
                           wordfreq=resource("wordfreq"), names=resource("names"),
                           places=resource("places")),
            **{k: bool(v) for k, v in config.get("features", {}).items()},
        )
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(model))
        except Exception as exc:  # crfsuite raises a bare ValueError/IOError on bad files
            raise TaggerError(f"cannot open CRF model {model}: {exc}") from exc

    def clear_cache(self) -> None:
        """Forget the per-word features computed so far (for cold-cache benchmarks)."""
        self.features.clear_cache()

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """Tags for sentences of one text (or neighbouring sentences of a corpus): names
        found in one sentence are also tagged where they recur nearby (see consistency)."""
        tagger = self._tagger
        sent_feats = self.features.sentence
        tags = [tagger.tag(sent_feats(s)) if s else [] for s in sentences]
        if not self.consistency:
            return tags
        return propagate_tags(keyed(sentences, self.features.name_key), tags,
                              self.features.res.counts)


class TransformersTagger:
    """A Hugging Face token-classification checkpoint on disk (e.g. a CAMeLBERT NER model).

    Words are split into sub-words by the checkpoint's tokenizer; a word takes the label of
    its first sub-word. Long sentences are tagged in windows the model can take.
    """

    def __init__(self, path: str | Path, *, batch_size: int = 16, device: str = "cpu") -> None:
        try:
            import torch
            from transformers import AutoModelForTokenClassification, AutoTokenizer
        except ImportError as exc:
            raise TaggerError(
                "a transformer checkpoint needs the optional dependencies: "
                "pip install 'marsad[transformers]' (transformers and torch)"
            ) from exc
        path = Path(path)
        if not (path / "config.json").is_file():
            raise TaggerError(f"not a Hugging Face checkpoint (no config.json): {path}")
        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(path))
        if not getattr(self.tokenizer, "is_fast", False):
            raise TaggerError("the checkpoint needs a fast tokenizer (tokenizer.json)")
        self.model = AutoModelForTokenClassification.from_pretrained(str(path))
        self.model.eval()
        self.model.to(device)
        self.device = device
        self.batch_size = batch_size
        self.id2label = {int(k): v for k, v in self.model.config.id2label.items()}
        self.max_words = 128
        limits = [getattr(self.model.config, "max_position_embeddings", 512),
                  getattr(self.tokenizer, "model_max_length", 512)]
        self.max_length = min(x for x in limits if isinstance(x, int) and x > 8)

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        # Tag every sentence from its first untagged word; a window the model can't take
        # whole is truncated, and the words it dropped start the next round.
        out: list[list[str]] = [[] for _ in sentences]
        todo = [i for i, s in enumerate(sentences) if s]
        while todo:
            for b in range(0, len(todo), self.batch_size):
                ids = todo[b:b + self.batch_size]
                windows = [sentences[i][len(out[i]):len(out[i]) + self.max_words] for i in ids]
                for i, tags in zip(ids, self._tag_batch(windows), strict=True):
                    out[i].extend(tags)
            todo = [i for i in todo if len(out[i]) < len(sentences[i])]
        return out

    def _tag_batch(self, words: list[list[str]]) -> list[list[str]]:
        """Tags for the leading words of each window that fit in the model (at least one)."""
        enc = self.tokenizer(words, is_split_into_words=True, truncation=True,
                             max_length=self.max_length, padding=True, return_tensors="pt")
        with self._torch.no_grad():
            logits = self.model(**{k: v.to(self.device) for k, v in enc.items()}).logits
        best = logits.argmax(-1).tolist()
        result = []
        for n, ws in enumerate(words):
            tags: list[str] = []
            for pos, wid in enumerate(enc.word_ids(batch_index=n)):
                if wid is not None and wid == len(tags):  # first sub-word of the next word
                    tags.append(self.id2label.get(best[n][pos], "O"))
            # A word the tokenizer drops entirely (an empty piece) would stall: tag it O.
            result.append(tags or ["O"] * min(1, len(ws)))
        return result


_DEFAULT: Tagger | None = None


def default_tagger() -> Tagger:
    """The shipped CRF, loaded once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = CrfTagger(DEFAULT_MODEL)
    return _DEFAULT


def load_tagger(spec: str | Path | None = None) -> Tagger:
    """A tagger from a spec (see the module docstring); raises TaggerError when it can't."""
    if spec is None or str(spec) in ("default", "crf"):
        return default_tagger()
    text = str(spec)
    for prefix in ("transformers:", "hf:"):
        if text.startswith(prefix):
            return TransformersTagger(text[len(prefix):])
    if text == "neural":
        from marsad.extract.ner.neural import NeuralTagger

        return NeuralTagger()
    path = Path(text)
    if path.suffix == ".npz":
        from marsad.extract.ner.neural import NeuralTagger

        return NeuralTagger(path)
    if path.is_dir():
        if (path / "model.crfsuite").is_file():
            return CrfTagger(path / "model.crfsuite")
        if (path / "config.json").is_file():
            return TransformersTagger(path)
        raise TaggerError(f"no model.crfsuite or config.json in {path}")
    if path.is_file():
        return CrfTagger(path)
    raise TaggerError(f"no tagger at {spec!r}")
