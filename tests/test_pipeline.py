"""The whole job through the CLI and the Python API: example pages, bad inputs, the store."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import marsad
from marsad.cli import main
from marsad.pipeline import export
from marsad.serve import validate
from marsad.store import Selection


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().err


def test_analyze_example_pages(example_dir: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(["analyze", str(example_dir), "--out", str(tmp_path)], capsys)
    assert code == 0, err
    data = json.loads((tmp_path / "dossier.json").read_text())
    assert validate(data) == []
    articles = {a["id"][:3]: a for a in data["articles"]}
    assert len(data["articles"]) == 5
    # The page with no dateline is dated from its own text and its embedded tweets.
    assert articles["002"]["published"] == "2022-01-05"
    assert articles["002"]["published_basis"] == "inferred"
    assert articles["001"]["published"] == "2022-01-11T00:47"
    report = (tmp_path / "report.html").read_text()
    assert '<html lang="ar" dir="rtl">' in report
    assert not re.search(r'<(?:link|script|img)[^>]+(?:src|href)="https?:', report)
    assert "مركز الاتحاد للأخبار" in report and "سيرياهوم نيوز" in report
    assert "dossier.json" in err and "report.html" in err
    assert "5 articles, 1 story, " in err and "not read" not in err


def test_bad_inputs_reported_good_ones_written(example_dir: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "page.txt").write_text((example_dir / "001_9b9f325115adac4c.txt").read_text())
    (inputs / "blank.txt").write_text("   \n")
    (inputs / "photo.htm").write_bytes(bytes(range(256)) * 8)
    (inputs / "feed.jsonl").write_text(
        '{"id": "ok", "title": "عنوان", "text": "قال وزير الخارجية إن المحادثات ستستأنف غداً.",'
        ' "source": "was", "published": "2015-08-01"}\n{"id": "bad", "text": \n')
    out = tmp_path / "out"
    code, err = _run(["analyze", str(inputs), str(tmp_path / "nope.txt"), "--out", str(out)],
                     capsys)
    assert code == 1
    assert "Traceback" not in err
    assert f"{inputs / 'blank.txt'}: empty file" in err
    assert f"{inputs / 'photo.htm'}: binary file" in err
    assert f"{inputs / 'feed.jsonl'}:2: malformed JSON" in err
    assert f"{tmp_path / 'nope.txt'}: no such file or folder" in err
    data = json.loads((out / "dossier.json").read_text())
    assert sorted(a["id"] for a in data["articles"]) == ["ok", "page"]
    assert len(data["problems"]) == 4
    assert "2 articles, 2 stories" in err and "4 inputs not read" in err


def test_store_is_idempotent(example_dir: Path, fixtures: Path, tmp_path: Path) -> None:
    db = tmp_path / "marsad.db"
    first = marsad.analyze([example_dir], db=db)
    again = marsad.analyze([example_dir, example_dir], db=db)
    assert len(first.articles) == 5
    # Nothing new: no story created or changed, so the run's dossier is empty.
    assert again.articles == [] and again.stories == []
    more = marsad.analyze([fixtures / "corpora" / "ant-slice.jsonl.gz"], db=db)
    assert len(more.articles) == 60  # the stories this run made, not the whole store
    assert not {a.id for a in first.articles} & {a.id for a in more.articles}
    # New articles join the stored stories: the example pages' story is kept as it was.
    [story] = first.stories
    whole = export(db, Selection(since="2000-01-01"))
    assert len(whole.articles) == 65
    kept = {s.id: s for s in whole.stories}[story.id]
    assert sorted(kept.articles) == sorted(story.articles)
    assert sum(len(s.articles) for s in whole.stories) == 65


def test_store_that_is_not_a_database(tmp_path: Path, example_dir: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "not.db"
    db.write_text("hello")
    code, err = _run(["analyze", str(example_dir), "--db", str(db), "--out", str(tmp_path)],
                     capsys)
    assert code == 2 and "cannot open store" in err and "Traceback" not in err


def test_console_script_help() -> None:
    done = subprocess.run([sys.executable, "-m", "marsad.cli", "--help"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0
    for command in ("analyze", "times", "ner"):
        assert command in done.stdout


def test_an_internal_error_on_one_article_costs_only_that_article(
        example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from marsad import extract

    annotate = extract.annotate

    def failing_on_003(article, tagger=None, done=None):  # type: ignore[no-untyped-def]
        if article.id.startswith("003"):
            raise AssertionError
        return annotate(article, tagger, done)

    monkeypatch.setattr(extract, "annotate", failing_on_003)
    code, err = _run(["analyze", str(example_dir), "--out", str(tmp_path)], capsys)
    assert code == 1 and "Traceback" not in err
    assert ("003_532da77875c1d980.txt: kept without some annotations: internal error "
            "(AssertionError)") in err
    data = json.loads((tmp_path / "dossier.json").read_text())
    assert len(data["articles"]) == 5 and validate(data) == []
    assert all(a["mentions"] for a in data["articles"] if not a["id"].startswith("003"))


def test_ner_option_picks_the_tagger(example_dir: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(["analyze", str(example_dir), "--ner", str(tmp_path / "none.crfsuite"),
                      "--out", str(tmp_path / "bad")], capsys)
    assert code == 2 and "no tagger at" in err and "Traceback" not in err
    assert not (tmp_path / "bad").exists()
    code, err = _run(["analyze", str(example_dir), "--ner", "neural",
                      "--out", str(tmp_path)], capsys)
    assert code == 0, err
    data = json.loads((tmp_path / "dossier.json").read_text())
    people = {e["name"] for e in data["entities"] if e["type"] == "PER"}
    assert "قاسم جومارت توكاييف" in people and "وانغ يي" in people
