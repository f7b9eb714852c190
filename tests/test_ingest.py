from __future__ import annotations

import gzip
from pathlib import Path

from marsad.ingest import read
from marsad.records import Document, Problem

ARABIC = "أكد رئيس كازاخستان أن أعمال الشغب التي هزت بلاده كانت محاولة انقلاب.\n"


def test_decodes_utf8_bom_windows_1256_and_utf16(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + ARABIC.encode())
    (tmp_path / "b.txt").write_bytes(ARABIC.encode("cp1256") * 3)
    (tmp_path / "c.txt").write_bytes(ARABIC.encode("utf-16"))
    docs = list(read([tmp_path]))
    assert [d.content for d in docs if isinstance(d, Document)] == [ARABIC, ARABIC * 3, ARABIC]


def test_bad_inputs_are_reported_and_good_ones_kept(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARABIC)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    (tmp_path / "broken.jsonl.gz").write_bytes(b"not gzip at all")
    lines = [
        '{"id": "x1", "text": "نص المقال الأول", "source": "was"}',
        '{"id": "x2", "text": ',
        "[1, 2]",
        '{"id": "x3", "title": ""}',
        '{"id": "x4", "text": "نص المقال الرابع"}',
    ]
    (tmp_path / "export.jsonl").write_text("\n".join(lines) + "\n")
    items = list(read([tmp_path, tmp_path / "missing.txt"]))
    problems = {Path(p.origin).name: p.reason for p in items if isinstance(p, Problem)}
    docs = [d for d in items if isinstance(d, Document)]
    assert sorted(d.meta.get("id", d.origin) for d in docs) == sorted(
        ["x1", "x4", str(tmp_path / "good.txt")])
    assert problems["empty.txt"] == "empty file"
    assert "binary" in problems["binary.html"]
    assert "gzip" in problems["broken.jsonl.gz"]
    assert "malformed JSON" in problems["export.jsonl:2"]
    assert "JSON object" in problems["export.jsonl:3"]
    assert "no 'text'" in problems["export.jsonl:4"]
    assert problems["missing.txt"] == "no such file or folder"


def test_jsonl_origins_count_lines_from_one(tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write('{"id": "a", "text": "الأول"}\n\n{"id": "b", "text": "الثالث"}\n')
    docs = [d for d in read([path]) if isinstance(d, Document)]
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:3"]
    assert docs[0].meta == {"id": "a"}


def test_unsupported_file_named_explicitly(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# notes")
    [problem] = list(read([tmp_path / "notes.md"]))
    assert isinstance(problem, Problem) and "unsupported format" in problem.reason
    # ...but quietly skipped inside a folder that has inputs
    (tmp_path / "a.txt").write_text(ARABIC)
    assert all(isinstance(d, Document) for d in read([tmp_path]))


def test_headline_only_record_is_kept(tmp_path: Path) -> None:
    record = '{"id": "h", "title": "عاجل: زلزال يضرب تركيا", "text": " "}\n'
    (tmp_path / "h.jsonl").write_text(record)
    [doc] = list(read([tmp_path / "h.jsonl"]))
    assert isinstance(doc, Document) and doc.content == "عاجل: زلزال يضرب تركيا"
