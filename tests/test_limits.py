"""Limits on one input (`marsad.limits`): beyond each, the input is reported with its size
and the limit, and the rest of the run goes on. The oversized inputs are made here."""

from __future__ import annotations

import gzip
import json
import threading
import time
from pathlib import Path

import pytest

import marsad
from marsad import cli
from marsad.ingest import read, read_records
from marsad.limits import Limits, LimitsError
from marsad.pipeline import annotate_document
from marsad.records import Document, Problem

FIXTURES = Path(__file__).parent / "fixtures"
SENTENCE = ("قال وزير الداخلية يوم الثلاثاء إن الشرطة اعتقلت 25 شخصا في العاصمة بعد "
            "احتجاجات على ارتفاع أسعار الوقود، مضيفا أن التحقيق مستمر. ")


def _article_text(size: int) -> str:
    return "عنوان الخبر\n" + "\n".join([SENTENCE * 4] * (size // len((SENTENCE * 4).encode()) + 1))


def _good(tmp: Path) -> Path:
    path = tmp / "good.txt"
    path.write_text(_article_text(2_000), "utf-8")
    return path


def test_text_file_over_the_default_cap_is_reported_and_the_run_goes_on(tmp_path: Path
                                                                         ) -> None:
    big = tmp_path / "big.txt"
    big.write_text(_article_text(21_000_000), "utf-8")  # over the default 20 MB
    dossier = marsad.analyze([big, _good(tmp_path)])
    [problem] = dossier.problems
    assert problem.origin == str(big)
    assert "file of 21.0 MB is over the limit of 20.0 MB" in problem.reason
    assert "--max-article-mb" in problem.reason and "MARSAD_MAX_ARTICLE_MB" in problem.reason
    assert [a.origin for a in dossier.articles] == [str(tmp_path / "good.txt")]


def test_jsonl_line_over_the_cap_is_skipped_unread_and_the_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    good = json.dumps({"id": "a", "text": _article_text(1_000)}, ensure_ascii=False)
    huge = json.dumps({"id": "b", "text": _article_text(3_000_000)}, ensure_ascii=False)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(f"{good}\n{huge}\n{good.replace('a', 'c', 1)}\n")
    items = list(read([path], Limits(line_mb=2)))
    problems = [i for i in items if isinstance(i, Problem)]
    assert [d.meta["id"] for d in items if isinstance(d, Document)] == ["a", "c"]
    [problem] = problems
    assert problem.origin == f"{path}:2"
    assert problem.reason.startswith(f"line of {len(huge.encode()) / 1e6 + 1e-6:.1f} MB is over "
                                     "the limit of 2.0 MB (--max-line-mb or MARSAD_MAX_LINE_MB")


def test_record_text_over_the_article_cap(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [{"id": "big", "text": _article_text(1_500_000)}, {"id": "ok", "text": SENTENCE}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    items = list(read([path], Limits(article_mb=1)))
    assert isinstance(items[0], Problem) and items[0].origin == f"{path}:1"
    assert "'text' of 1.5 MB is over the limit of 1.0 MB" in items[0].reason
    assert isinstance(items[1], Document) and items[1].meta["id"] == "ok"
    # The web API reads bodies with the same limits.
    body = path.read_bytes()
    got = list(read_records(body, "POST", Limits(article_mb=1)))
    assert isinstance(got[0], Problem) and isinstance(got[1], Document)


def test_html_with_too_many_elements_or_too_deep_is_refused(tmp_path: Path) -> None:
    para = f"<p>{SENTENCE * 3}</p>"
    many = tmp_path / "many.html"
    many.write_text("<html><body><article>" + "<span>x</span>" * 150_000 + para
                    + "</article></body></html>", "utf-8")
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 5_000 + para + "</div>" * 5_000
                    + "</body></html>", "utf-8")
    fine = tmp_path / "fine.html"
    fine.write_text(f"<html><head><title>خبر</title></head><body><article>{para * 4}"
                    "</article></body></html>", "utf-8")
    start = time.perf_counter()
    dossier = marsad.analyze([many, deep, fine])
    assert time.perf_counter() - start < 60  # unrefused, `many` alone takes minutes
    reasons = {Path(p.origin).name: p.reason for p in dossier.problems}
    assert reasons["many.html"].startswith("HTML of more than 100,000 elements is over the "
                                           "limit (--max-html-elements")
    assert "nested 256 elements deep" in reasons["deep.html"]
    assert [Path(a.origin).name for a in dossier.articles] == ["fine.html"]
    # The limit is the caller's: the same small page refused under a lower one.
    doc = Document(origin=str(fine), format="html", content=fine.read_text("utf-8"))
    assert isinstance(marsad.clean.clean(doc), marsad.Article)
    refused = marsad.clean.clean(doc, Limits(html_elements=5))
    assert isinstance(refused, Problem) and "more than 5 elements" in refused.reason


def test_time_budget_keeps_the_article_with_what_was_extracted(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(_article_text(500_000), "utf-8")
    [doc] = read([path])
    assert isinstance(doc, Document)
    start = time.perf_counter()
    marsad.clean.clean(doc)
    cleaning = time.perf_counter() - start  # the whole article takes some ten times this
    budget = round(2 * cleaning + 0.2, 2)
    dossier = marsad.analyze([path, _good(tmp_path)], limits=Limits(article_seconds=budget))
    [problem] = dossier.problems
    assert problem.origin == str(path)
    assert problem.reason.startswith(f"over the time budget of {budget:g} s per article "
                                     "(--article-seconds or MARSAD_ARTICLE_SECONDS")
    assert "kept with its text" in problem.reason
    long, good = dossier.articles
    assert long.origin == str(path) and len(long.text) > 250_000
    assert not (long.times and long.mentions and long.quantities)
    assert good.times and good.quantities  # the next article is whole


def test_time_budget_outside_the_main_thread_stops_between_stages(tmp_path: Path) -> None:
    doc = Document(origin="long", format="text", content=_article_text(300_000))
    out: list[object] = []
    worker = threading.Thread(target=lambda: out.append(
        annotate_document(doc, None, True, Limits(article_seconds=0.01))))
    worker.start()
    worker.join()
    [(item, problems)] = out
    assert item is not None and item.article.text
    assert item.article.quotes == [] and all(m.entity is None for m in item.article.mentions)
    [problem] = problems
    assert "over the time budget of 0.01 s" in problem.reason


def test_limits_from_the_environment_and_the_command_line(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    assert Limits.from_env({"MARSAD_MAX_ARTICLE_MB": "5", "MARSAD_ARTICLE_SECONDS": "0"}) == \
        Limits(article_mb=5, article_seconds=0)
    assert Limits.from_env({"MARSAD_MAX_LINE_MB": "5"}, line_mb=7).line_mb == 7
    with pytest.raises(LimitsError, match="MARSAD_MAX_HTML_ELEMENTS='many' is not a number"):
        Limits.from_env({"MARSAD_MAX_HTML_ELEMENTS": "many"})
    big = tmp_path / "big.txt"
    big.write_text(_article_text(300_000), "utf-8")
    good = _good(tmp_path)
    out = tmp_path / "out"
    monkeypatch.setenv("MARSAD_MAX_ARTICLE_MB", "0.2")
    assert cli.main(["analyze", str(big), str(good), "--out", str(out), "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert f"marsad: {big}: file of 0.3 MB is over the limit of 0.2 MB" in err
    assert "1 article" in err and (out / "dossier.json").is_file()
    assert cli.main(["analyze", str(big), "--out", str(out), "--workers", "1",
                     "--max-article-mb", "0"]) == 0  # 0: no limit; the option wins
    monkeypatch.setenv("MARSAD_MAX_ARTICLE_MB", "lots")
    assert cli.main(["analyze", str(good), "--out", str(out)]) == 2
    assert "MARSAD_MAX_ARTICLE_MB='lots' is not a number" in capsys.readouterr().err


def test_truncated_gzip_keeps_the_lines_before_the_break(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": f"r{i}", "text": SENTENCE * 20}, ensure_ascii=False)
                   + "\n" for i in range(400))
    data = gzip.compress(rows.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    items = list(read([path]))
    docs = [i for i in items if isinstance(i, Document)]
    assert 100 < len(docs) < 400 and docs[0].meta["id"] == "r0"
    assert isinstance(items[-1], Problem) and "not a readable gzip file" in items[-1].reason
    assert items[-1].origin == f"{path}:{len(docs) + 1}"
