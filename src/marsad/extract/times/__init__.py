"""Arabic temporal expressions: find them and resolve them against the publication date."""

from marsad.extract.times.infer import infer_publication_date
from marsad.extract.times.tagger import tag

__all__ = ["infer_publication_date", "tag"]
