"""The `marsad` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from marsad import __version__

__all__ = ["main"]

_DESCRIPTION = """\
marsad (مرصد) reads Arabic news from many outlets and turns it into a sourced account of
each event: clean dated articles, the people, places and organisations in them, a
timeline, the figures each outlet reports, who said what, and who copied whom."""

_ANALYZE_EPILOG = """\
inputs:
  .txt             a page copied as text, site chrome and all
  .html, .htm      a saved web page
  .jsonl[.gz]      one article per line: {"id", "text" or "html", "title", "source",
                   "url", "published", "author", "lead"}; a crawl date ("date_extracted",
                   "crawled_at", ...) is the discovery time, not the publication date
  folders          searched recursively for the formats above

Inputs that cannot be read are reported on stderr with the reason; the others are still
analysed and written. The exit status is 1 when any input failed.

example:
  marsad analyze examples/kazakhstan-2022 --out marsad-out
"""


def _analyze(args: argparse.Namespace) -> int:
    from marsad.extract.ner import TaggerError
    from marsad.pipeline import analyze
    from marsad.serve import write_dossier, write_report
    from marsad.store import StoreError

    def say(problem: object) -> None:
        print(f"marsad: {problem}", file=sys.stderr)

    try:
        dossier = analyze(args.inputs, db=args.db, progress=sys.stderr.isatty(), on_problem=say,
                          ner=args.ner)
    except (StoreError, TaggerError) as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    try:
        dossier_path = write_dossier(dossier, out / "dossier.json")
        report_path = write_report(dossier, out / "report.html")
    except OSError as exc:
        print(f"marsad: cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    failed = len(dossier.problems)
    counts = [_plural(len(dossier.articles), "article"), _plural(len(dossier.stories), "story"),
              _plural(len(dossier.entities), "entity")]
    if failed:  # a problem is a whole input or one line of a JSONL file
        counts.append(f"{_plural(failed, 'input')} not read (see above)")
    print(", ".join(counts) + f"\ndossier: {dossier_path}\nreport:  {report_path}",
          file=sys.stderr)
    return 1 if failed else 0


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    return f"{n} {word[:-1] + 'ies' if word.endswith('y') else word + 's'}"


def build_parser() -> argparse.ArgumentParser:
    from marsad.extract.ner.cli import add_parser as add_ner
    from marsad.extract.times.cli import add_parser as add_times

    parser = argparse.ArgumentParser(
        prog="marsad", description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    analyze = sub.add_parser(
        "analyze", help="analyse news files into dossier.json and report.html",
        description="Analyse Arabic news files and folders into DIR/dossier.json and "
                    "DIR/report.html.",
        epilog=_ANALYZE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    analyze.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    analyze.add_argument("--out", default="marsad-out", metavar="DIR",
                         help="output folder (default: ./marsad-out)")
    analyze.add_argument("--db", metavar="PATH",
                         help="SQLite store to add the articles to; the same article is "
                              "stored once, and the dossier covers the whole store")
    analyze.add_argument("--ner", metavar="SPEC",
                         help="NER tagger: neural (the shipped neural model), a .crfsuite or "
                              ".npz file, a model folder, or transformers:DIR "
                              "(default: the shipped CRF)")
    analyze.set_defaults(func=_analyze)

    add_times(sub)
    add_ner(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
