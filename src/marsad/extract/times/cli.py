"""`marsad times`: tag the temporal expressions of one text or of a JSONL file.

    marsad times --dct 2022-01-12 article.txt      # JSON array for one text (stdin: - or none)
    marsad times --jsonl articles.jsonl            # lines {"id","text","dct"} -> {"id","times"}
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import asdict
from typing import Any, TextIO

from marsad.extract.times.tagger import tag


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "times",
        help="find and resolve Arabic time expressions",
        description="Find Arabic temporal expressions and resolve them against the DCT.",
    )
    p.add_argument("file", nargs="?", default="-", help="text file, or - for stdin (default)")
    p.add_argument("--dct", help="publication date, ISO YYYY-MM-DD (for a single text)")
    p.add_argument("--jsonl", metavar="FILE",
                   help='JSONL input, one {"id","text","dct"} per line ("-" for stdin)')
    p.set_defaults(func=run)


def _valid_dct(value: Any) -> str | None:
    """The DCT as given when it parses as an ISO date or datetime, else raise ValueError."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"dct must be a string, not {type(value).__name__}")
    text = value.strip()
    try:
        dt.date.fromisoformat(text[:10])
        if len(text) > 10:
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"dct is not an ISO date: {value!r}") from None
    return text


def _times(text: str, dct: str | None) -> list[dict[str, Any]]:
    return [asdict(t) for t in tag(text, dct)]


def _open(path: str) -> TextIO:
    if path == "-":
        return sys.stdin
    return open(path, encoding="utf-8")


def _run_jsonl(path: str, out: TextIO, err: TextIO) -> int:
    failed = 0
    try:
        fh = _open(path)
    except OSError as e:
        print(f"{path}: {e.strerror or e}", file=err)
        return 1
    name = "<stdin>" if path == "-" else path
    try:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError("line is not a JSON object")
                text = row.get("text")
                if not isinstance(text, str):
                    raise ValueError('missing or non-string "text"')
                dct = _valid_dct(row.get("dct"))
                result = {"id": row.get("id"), "times": _times(text, dct)}
            except (ValueError, TypeError) as e:  # JSONDecodeError is a ValueError
                failed += 1
                print(f"{name}:{lineno}: {e}", file=err)
                continue
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    except UnicodeDecodeError as e:
        print(f"{name}: not UTF-8 text ({e.reason})", file=err)
        return 1
    finally:
        if fh is not sys.stdin:
            fh.close()
    return 1 if failed else 0


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    if getattr(args, "jsonl", None):
        return _run_jsonl(args.jsonl, out, err)
    try:
        dct = _valid_dct(args.dct)
    except ValueError as e:
        print(f"--dct: {e}", file=err)
        return 2
    path = args.file or "-"
    try:
        fh = _open(path)
        try:
            text = fh.read()
        finally:
            if fh is not sys.stdin:
                fh.close()
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) else f"not UTF-8 text ({e.reason})"
        print(f"{path}: {reason}", file=err)
        return 1
    json.dump(_times(text, dct), out, ensure_ascii=False, indent=1)
    out.write("\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point (the project CLI registers `add_parser` instead)."""
    parser = argparse.ArgumentParser(prog="marsad")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
