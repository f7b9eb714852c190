"""The daemon Spark forks a run's Python workers from (`spark.python.daemon.module`), with
marsad imported and its lexicon and default NER tagger loaded first.

Spark ends a Python worker once it has been idle a minute, and on a busy machine the gaps
between a run's Python stages are longer than that: every new worker then imported marsad
and opened the tagger again. Forked from here, a worker starts with them in memory.
"""

from __future__ import annotations

import contextlib
import sys

from pyspark import daemon


def main() -> None:
    with contextlib.redirect_stdout(sys.stderr):  # stdout is the daemon's channel to Spark
        from marsad.extract.ner.lexicon import shipped_lexicon
        from marsad.spark import job

        shipped_lexicon()
        job._tagger(None)
    daemon.manager()


if __name__ == "__main__":
    main()
