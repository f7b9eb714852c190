"""Arabic named-entity recognition: a CRF trained and shipped here, pluggable taggers.

    from marsad.extract.ner import find_mentions, load_tagger
    find_mentions("وصل قاسم جومارت توكاييف إلى ألما آتا")   # shipped CRF, loaded once
    tagger = load_tagger("neural")   # the shipped neural tagger (numpy)
    tagger = load_tagger("transformers:/models/camelbert-ner")  # any Tagger
    find_mentions_with(tagger, text)

A `Tagger` is anything with `tag(sentences: list[list[str]]) -> list[list[str]]` returning
BIO tags; see `marsad.extract.ner.tagger` for the specs `load_tagger` accepts.
"""

from marsad.extract.ner.mentions import find_mentions, find_mentions_with, tokenize
from marsad.extract.ner.neural import NeuralTagger
from marsad.extract.ner.tagger import (
    CrfTagger,
    Tagger,
    TaggerError,
    TransformersTagger,
    load_tagger,
)

__all__ = [
    "CrfTagger",
    "NeuralTagger",
    "Tagger",
    "TaggerError",
    "TransformersTagger",
    "find_mentions",
    "find_mentions_with",
    "load_tagger",
    "tokenize",
]
