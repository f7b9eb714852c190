"""`marsad ner --conll FILE`: tag a CoNLL-style file, print `token<TAB>TAG` in the same shape."""

from __future__ import annotations

import argparse
import os
import sys

from marsad.extract.ner.conll import read_conll
from marsad.extract.ner.tagger import TaggerError, load_tagger


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "ner", help="tag a CoNLL file with the Arabic NER model",
        description="Tag tokens (first column, blank line between sentences); prints "
                    "token<TAB>TAG with the same sentence breaks.")
    parser.add_argument("--conll", required=True, metavar="FILE", help="input CoNLL file")
    parser.add_argument("--model", default=None, metavar="SPEC",
                        help="tagger: neural (the shipped neural model), a .crfsuite or "
                             ".npz file, a model directory, or transformers:DIR "
                             "(default: the shipped CRF)")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    try:
        sents = read_conll(args.conll, tags=False)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"marsad ner: cannot read {args.conll}: {getattr(exc, 'strerror', None) or exc}",
              file=sys.stderr)
        return 2
    try:
        tagger = load_tagger(getattr(args, "model", None))
    except TaggerError as exc:
        print(f"marsad ner: {exc}", file=sys.stderr)
        return 2
    tags = tagger.tag([[t for t, _ in s] for s in sents])
    out = sys.stdout
    try:
        for n, (sent, tg) in enumerate(zip(sents, tags, strict=True)):
            if n:
                out.write("\n")
            out.writelines(f"{tok}\t{tag}\n" for (tok, _), tag in zip(sent, tg, strict=True))
        out.flush()
    except BrokenPipeError:  # `marsad ner ... | head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="marsad")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
