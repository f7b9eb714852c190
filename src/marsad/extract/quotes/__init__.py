"""Who said what: direct and indirect quotes in Arabic news text, with their speaker.

`rules` finds the quotes and their speaker phrases; `lexicon` holds the word lists
(reporting verbs, complementizers, phrase boundaries) apart from the rules.
"""

from marsad.extract.quotes.rules import find_quotes, speaker_names

__all__ = ["find_quotes", "speaker_names"]
