"""Limits on one input, so that a hostile or broken page costs its own run time, not the day's.

Each has a default, an environment variable and a `marsad analyze` option (the option
wins). An input beyond a limit is reported with its size and the limit; the run goes on.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

__all__ = ["ENV", "HTML_PARSER_DEPTH", "Limits", "LimitsError", "describe_mb", "over"]

# The HTML parser (libxml2) stops reading at this depth of nesting: the rest of the page is
# lost, so such a page is refused rather than read in part.
HTML_PARSER_DEPTH = 256


ENV = {"article_mb": "MARSAD_MAX_ARTICLE_MB", "line_mb": "MARSAD_MAX_LINE_MB",
       "html_elements": "MARSAD_MAX_HTML_ELEMENTS", "article_seconds": "MARSAD_ARTICLE_SECONDS"}


class LimitsError(ValueError):
    """A limit given in the environment that is not a number."""


@dataclass(frozen=True, slots=True)
class Limits:
    article_mb: float = 20.0  # text of one article: a .txt/.html file, a record's text or html
    line_mb: float = 64.0  # one JSONL line (JSON escapes may triple the text's size)
    html_elements: int = 100_000  # elements of one HTML page
    article_seconds: float = 300.0  # per-article stages
    # 0 for any of them: no limit.

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **given: float | None
                 ) -> Limits:
        """Defaults, overridden by the environment, overridden by `given` (not None)."""
        env = os.environ if environ is None else environ
        values: dict[str, float] = {}
        for f in fields(cls):
            raw = env.get(ENV[f.name])
            if raw is not None and raw.strip():
                try:
                    value = float(raw)
                except ValueError:
                    raise LimitsError(f"{ENV[f.name]}={raw!r} is not a number") from None
                if value < 0:
                    raise LimitsError(f"{ENV[f.name]}={raw!r} is negative")
                values[f.name] = value
            if given.get(f.name) is not None:
                values[f.name] = float(given[f.name])  # type: ignore[arg-type]
        if "html_elements" in values:
            values["html_elements"] = int(values["html_elements"])
        return cls(**values)  # type: ignore[arg-type]

    @property
    def article_bytes(self) -> int | None:
        return int(self.article_mb * 1_000_000) or None

    @property
    def line_bytes(self) -> int | None:
        return int(self.line_mb * 1_000_000) or None


def describe_mb(size: int) -> str:
    """A size for a message: "25.3 MB", "5,000 bytes"."""
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def over(what: str, size: int, limit: int, option: str) -> str:
    """The message for an input beyond a limit, naming how to raise it."""
    return (f"{what} of {describe_mb(size)} is over the limit of {describe_mb(limit)} "
            f"({option} or {ENV[_FIELD[option]]} to change it)")


_FIELD = {"--max-article-mb": "article_mb", "--max-line-mb": "line_mb"}
