"""`marsad spark` and `marsad load`: the command lines (pyspark imported only when run)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

__all__ = ["add_parser", "main"]

_SPARK_EPILOG = """\
Runs the stages of marsad analyze on Spark (pyspark 4, a Java 17+ runtime): the per-article
stages in parallel partitions, reuse candidates by a join on MinHash band keys, stories
clustered a day at a time then merged. Writes DIR/<table>/ Parquet tables laid out like
the store, and DIR/run.json (counts, problems, seconds per phase). `marsad load DIR --db
PATH` puts them into a store that `marsad serve` serves.

With spark-submit (inputs and DIR on a file system every executor sees):
  spark-submit --master yarn src/marsad/spark/__main__.py INPUT... --out DIR

examples:
  marsad spark corpus.jsonl.gz --out tables --master 'local[2]'
  marsad load tables --db marsad.db && marsad serve --db marsad.db
"""


def _say(problem: object) -> None:
    print(f"marsad: {problem}", file=sys.stderr)


def _spark(args: argparse.Namespace) -> int:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        _say("marsad spark needs pyspark: pip install 'marsad[spark]' (and a Java 17+ "
             "runtime, e.g. apt-get install openjdk-17-jre-headless)")
        return 2
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        _say("marsad spark needs a Java runtime (17 or newer) on PATH or in JAVA_HOME, "
             "e.g. apt-get install openjdk-17-jre-headless")
        return 2
    if args.ner is not None:
        from marsad.extract.ner import TaggerError, load_tagger

        try:
            load_tagger(args.ner)  # a bad spec fails before Spark starts
        except TaggerError as exc:
            _say(exc)
            return 2
    from marsad.spark.job import run, session

    started = time.perf_counter()
    spark = session(args.master, args.partitions)
    spark.sparkContext.setLogLevel("ERROR")  # problems are reported by marsad itself
    try:
        result = run(spark, args.inputs, args.out, ner=args.ner, on_problem=_say)
    finally:
        if args.master is not None:
            spark.stop()
    took = time.perf_counter() - started
    print(f"{result.articles} articles, {result.stories} stories, {result.entities} "
          f"entities, {result.reuse} reuse links in {took:.1f} s; tables: {args.out}",
          file=sys.stderr)
    if result.problems:
        print(f"{len(result.problems)} inputs not read (see above)", file=sys.stderr)
    return 1 if result.problems else 0


def _load(args: argparse.Namespace) -> int:
    from marsad.spark.load import LoadError, load
    from marsad.store import StoreError

    try:
        counts = load(Path(args.dir), args.db)
    except (LoadError, StoreError) as exc:
        _say(exc)
        return 2
    print(f"store {args.db}: " + ", ".join(f"{n} {name}" for name, n in counts.items()),
          file=sys.stderr)
    return 0


def _partitions(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number, 1 or more: {text!r}")
    return int(text)


def _spark_arguments(p: argparse.ArgumentParser, master_default: str | None) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files or folders, as for marsad analyze")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the tables")
    p.add_argument("--master", default=master_default,
                   help="Spark master (default: "
                        f"{master_default or 'the one spark-submit gives'})")
    p.add_argument("--partitions", type=_partitions, default=8, metavar="N",
                   help="partitions of each stage (spark.sql.shuffle.partitions; default 8)")
    p.add_argument("--ner", metavar="SPEC", help="NER tagger, as for marsad analyze")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    spark = sub.add_parser(
        "spark", help="analyse news files on Apache Spark into Parquet tables",
        description="Analyse Arabic news files on Spark into Parquet tables in DIR.",
        epilog=_SPARK_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _spark_arguments(spark, "local[*]")
    spark.set_defaults(func=_spark)
    load = sub.add_parser(
        "load", help="load the tables of marsad spark into a store",
        description="Load the Parquet tables `marsad spark` wrote to DIR into a new or empty "
                    "store.")
    load.add_argument("dir", metavar="DIR", help="the folder marsad spark wrote")
    load.add_argument("--db", required=True, metavar="PATH", help="the store")
    load.set_defaults(func=_load)


def main(argv: list[str] | None = None) -> int:
    """spark-submit's entry: the arguments of `marsad spark`, the master spark-submit's."""
    parser = argparse.ArgumentParser(prog="marsad-spark", description=_SPARK_EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    _spark_arguments(parser, None)
    return _spark(parser.parse_args(argv))
