"""`marsad times` through a parser built the way the project CLI builds it."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from marsad.extract.times.cli import add_parser

FIXTURES = Path(__file__).parent / "fixtures" / "times"


def run(argv: list[str], stdin: str = "",
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="marsad")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    if monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = args.func(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_single_file() -> None:
    path = next(FIXTURES.glob("000_*.txt"))
    code, out, err = run(["times", "--dct", "2022-01-12", str(path)])
    assert code == 0 and err == ""
    times = json.loads(out)
    assert {"text": "الإثنين الماضي", "type": "DATE", "value": "2022-01-10"}.items() <= next(
        t for t in times if t["text"] == "الإثنين الماضي").items()
    text = path.read_text(encoding="utf-8")
    assert all(text[t["start"]:t["end"]] == t["text"] for t in times)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["times", "--dct", "2022-01-11", "-"], "أكد الرئيس أمس", monkeypatch)
    assert code == 0
    assert json.loads(out) == [
        {"text": "أمس", "start": 11, "end": 14, "type": "DATE", "value": "2022-01-10"}]


def test_bad_dct_and_missing_file() -> None:
    code, _, err = run(["times", "--dct", "12/01/2022", "x.txt"])
    assert code == 2 and "--dct" in err
    code, _, err = run(["times", "--dct", "2022-01-12", "/nonexistent/file.txt"])
    assert code == 1 and "/nonexistent/file.txt" in err


def test_jsonl_reports_bad_lines_and_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "a", "text": "وصل أمس", "dct": "2022-01-11"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "text": 5}),
        json.dumps({"id": "c", "text": "غداً", "dct": "yesterday"}),
        json.dumps(["list"]),
        json.dumps({"id": "d", "text": "في 6 يناير"}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    code, out, err = run(["times", "--jsonl", str(src)])
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in lines] == ["a", "d"]
    assert lines[0]["times"][0]["value"] == "2022-01-10"
    assert lines[1]["times"][0]["value"] == "XXXX-01-06"
    for lineno in (2, 3, 4, 5):
        assert f"{src}:{lineno}:" in err


def test_jsonl_all_good_exits_zero(tmp_path: Path) -> None:
    src = tmp_path / "ok.jsonl"
    row = {"id": 1, "text": "الأسبوع الماضي", "dct": "2018-03-05T10:00:00+04:00"}
    src.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, err = run(["times", "--jsonl", str(src)])
    assert code == 0 and err == ""
    assert json.loads(out)["times"][0]["value"] == "2018-W09"


def test_jsonl_binary_file(tmp_path: Path) -> None:
    src = tmp_path / "bin.jsonl"
    src.write_bytes(b"\xff\xfe\x00garbage")
    code, _, err = run(["times", "--jsonl", str(src)])
    assert code == 1 and "UTF-8" in err
