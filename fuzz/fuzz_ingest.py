"""Coverage-guided fuzzing (atheris, libFuzzer) of the decoder and the page readers.

    pip install -e '.[fuzz]'
    python fuzz/fuzz_ingest.py decode -max_total_time=300 fuzz/corpus-decode
    python fuzz/fuzz_ingest.py page -max_total_time=300 fuzz/corpus-page
    python fuzz/fuzz_ingest.py html -max_total_time=300 fuzz/corpus-html

`decode`: bytes → text (or DecodeError) → a JSONL line. `page`: decoded bytes → the
text-page reader → `clean` as a text page and a JSONL record. `html`: decoded bytes →
`clean` as a saved page (trafilatura, then the page reader). Each checks what the property
tests check (tests/test_hostile_text.py): nothing raises, the clean text can be written
as UTF-8. The corpus folder (made if missing) is seeded from the committed fixtures; a
crash is written as crash-* in the working folder: keep it as a regression test in
tests/test_fuzz_regressions.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["marsad", "charset_normalizer"]):
    from marsad import clean
    from marsad.clean.page import read_page
    from marsad.ingest import read_records
    from marsad.ingest.decode import DecodeError, decode
    from marsad.records import Article, Document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = {"decode": ["tests/fixtures/hostile/xss.jsonl", "tests/fixtures/pages/*.txt"],
         "page": ["tests/fixtures/pages/*.txt", "examples/kazakhstan-2022/*.txt"],
         "html": ["tests/fixtures/pages/*.html"]}


def _decoded(data: bytes) -> str | None:
    try:
        return decode(data)
    except DecodeError:
        return None


def fuzz_decode(data: bytes) -> None:
    text = _decoded(data)
    if text is not None:
        text.encode("utf-8")
    for _ in read_records(data, "fuzz"):
        pass


def _cleaned(text: str, fmt: str) -> None:
    got = clean.clean(Document(origin="fuzz", format=fmt, content=text))  # type: ignore[arg-type]
    if isinstance(got, Article):
        got.text.encode("utf-8")


def fuzz_page(data: bytes) -> None:
    text = _decoded(data)
    if text is None:
        return
    read_page(text)
    read_page(text, title_known=True)
    _cleaned(text, "text")
    _cleaned(text, "jsonl")


def fuzz_html(data: bytes) -> None:
    text = _decoded(data)
    if text is not None:
        _cleaned(text, "html")


def _seed(target: str, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return
    for pattern in SEEDS[target]:
        for path in sorted(ROOT.glob(pattern)):
            (folder / path.name).write_bytes(path.read_bytes()[:20_000])


def main() -> None:
    targets = {"decode": fuzz_decode, "page": fuzz_page, "html": fuzz_html}
    if len(sys.argv) < 2 or sys.argv[1] not in targets:
        sys.exit(__doc__)
    target = sys.argv.pop(1)
    for arg in sys.argv[1:]:
        if not arg.startswith("-"):
            _seed(target, Path(arg))
    atheris.Setup(sys.argv, targets[target])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
