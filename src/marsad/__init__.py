"""marsad (مرصد): an Arabic-first news observatory.

>>> import marsad
>>> dossier = marsad.analyze(["examples/kazakhstan-2022"])   # doctest: +SKIP
>>> [a.outlet for a in dossier.articles]                      # doctest: +SKIP

`analyze` mirrors `marsad analyze`: files or folders in, a `Dossier` out (articles,
entities, stories, reuse and the problems met). See `marsad.records` for the records.
"""

from marsad.pipeline import analyze, analyze_documents
from marsad.records import Article, Dossier, Entity, Problem, Reuse, Story

__version__ = "0.1.0"

__all__ = ["Article", "Dossier", "Entity", "Problem", "Reuse", "Story", "__version__", "analyze",
           "analyze_documents"]
