"""The Spark job against `marsad analyze` on a committed corpus slice, in `local[2]`.

Skipped, saying why, without pyspark or a Java runtime, unless MARSAD_REQUIRE_SPARK=1 (CI),
which makes them fail instead. One Spark session and one Spark run serve every test.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import marsad
from conftest import new_pg_database
from marsad.records import Dossier
from marsad.spark.agree import agreement
from marsad.spark.load import load, read_tables
from marsad.store import open_store
from web_server import serve

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "tests" / "fixtures" / "corpora"
SLICE = [CORPORA / "snn-2015-08-01-04.jsonl.gz", CORPORA / "snn-2015-08-04-stories.jsonl.gz"]


def _spark_missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -e '.[spark]')"
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        return "no Java runtime (apt-get install openjdk-17-jre-headless)"
    return None


def _need(missing: str | None) -> None:
    if missing:
        if os.environ.get("MARSAD_REQUIRE_SPARK") == "1":
            pytest.fail(f"MARSAD_REQUIRE_SPARK=1 but {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    _need(_spark_missing())
    from marsad.spark.job import session

    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers must import this marsad
    session_ = session("local[2]", partitions=2, conf={"spark.ui.showConsoleProgress": "false"})
    session_.sparkContext.setLogLevel("ERROR")
    yield session_
    session_.stop()


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The slice, and beside it a file with a bad line among good ones and a missing file."""
    folder = tmp_path_factory.mktemp("inputs")
    with gzip.open(SLICE[0], "rt", encoding="utf-8") as fh:
        first = fh.readline()
    bad = folder / "mixed.jsonl"
    record = json.loads(first)
    record.update(id="mixed-1", title="نسخة: " + record["title"])
    bad.write_text('{"id": "broken", "text": \n' + json.dumps(record, ensure_ascii=False)
                   + "\n", encoding="utf-8")
    return [*SLICE, bad, folder / "missing.jsonl"]


@pytest.fixture(scope="session")
def reference(inputs: list[Path]) -> Dossier:
    return marsad.analyze(inputs, workers=1)


@pytest.fixture(scope="session")
def tables(spark: Any, inputs: list[Path], tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[Path, Any]:
    from marsad.spark.job import run

    out = tmp_path_factory.mktemp("spark") / "tables"
    return out, run(spark, [str(p) for p in inputs], out)


def test_spark_agrees_with_analyze(tables: tuple[Path, Any], reference: Dossier) -> None:
    out, result = tables
    agree = agreement(out, reference)
    assert agree.articles == len(reference.articles) == result.articles > 250
    assert agree.only_one == 0
    assert agree.same_annotations == agree.articles, agree.differing
    assert agree.same_entities >= 0.99 and agree.same_speakers >= 0.99, agree
    assert agree.stories_bcubed >= 0.98, agree
    assert agree.reuse[1] >= 20 and agree.reuse_f1 >= 0.98, agree
    # The slice has stories told by several outlets: the check is not between singletons.
    assert sum(len(s.articles) >= 3 for s in reference.stories) >= 5


def test_spark_reports_bad_inputs_and_keeps_the_rest(tables: tuple[Path, Any],
                                                      reference: Dossier) -> None:
    _, result = tables
    assert result.problems == [str(p) for p in reference.problems]
    assert any("mixed.jsonl:1" in p and "malformed JSON" in p for p in result.problems)
    assert any("missing.jsonl" in p and "no such file" in p for p in result.problems)
    ids = {r["id"] for r in read_tables(tables[0])["articles"]}
    assert "mixed-1" in ids  # the good line after the bad one


def test_tables_have_the_store_layout(tables: tuple[Path, Any]) -> None:
    rows = read_tables(tables[0])
    ids = {r["id"] for r in rows["articles"]}
    assert {r["article"] for r in rows["mentions"]} <= ids
    assert {r["article"] for r in rows["story_articles"]} == ids  # every article in a story
    entities = {r["id"] for r in rows["entities"]}
    assert {r["entity"] for r in rows["mentions"] if r["entity"]} <= entities
    assert len(entities) == len(rows["entities"])  # ids unique across blocks
    assert rows["bands"] and all(isinstance(r["key"], int) for r in rows["bands"][:10])


def test_load_into_sqlite_and_serve(tables: tuple[Path, Any], reference: Dossier,
                                    tmp_path: Path) -> None:
    db = tmp_path / "loaded.db"
    counts = load(tables[0], db)
    assert counts["articles"] == len(reference.articles)
    with open_store(db) as store:
        assert store.article_count() == len(reference.articles)
        biggest = max(reference.stories, key=lambda s: len(s.articles))
        story_id = store.stories_of([biggest.articles[0]])[biggest.articles[0]]
        stored = store.stories([story_id])[0]
        assert sorted(stored.articles) == sorted(biggest.articles)
        assert stored.summary and stored.title
        pairs = {frozenset(r.articles) for r in store.reuse_among(stored.articles)}
        assert pairs == {frozenset(r.articles) for r in reference.reuse
                         if set(r.articles) <= set(stored.articles)}
    with serve(db) as base:
        listing = httpx.get(f"{base}/api/stories", params={"limit": 50}).json()
        assert listing["stories"]
        page = httpx.get(f"{base}/stories/{story_id}")
        assert page.status_code == 200 and stored.title.split()[0] in page.text
        hit = httpx.get(f"{base}/api/search", params={"q": stored.title.split()[0]}).json()
        assert hit["hits"]
    # A store that holds articles is not loaded into (the rows would not be linked).
    proc = subprocess.run([sys.executable, "-m", "marsad.cli", "load", str(tables[0]),
                           "--db", str(db)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert proc.returncode == 2 and "holds articles already" in proc.stderr


def test_load_into_postgres(tables: tuple[Path, Any], reference: Dossier,
                            pg_server: str) -> None:
    # The same tables into the server store: the same stories and copies as in SQLite.
    url = new_pg_database(pg_server, "spark_load")
    counts = load(tables[0], url)
    assert counts["articles"] == len(reference.articles)
    with open_store(url) as store:
        assert store.article_count() == len(reference.articles)
        for story in sorted(reference.stories, key=lambda s: -len(s.articles))[:3]:
            sid = store.stories_of([story.articles[0]])[story.articles[0]]
            assert sorted(store.stories([sid])[0].articles) == sorted(story.articles)
        pairs = {frozenset(r.articles) for r in store.reuse_among(
            [a.id for a in reference.articles])}
        assert pairs == {frozenset(r.articles) for r in reference.reuse}


def test_load_refuses_a_folder_that_is_not_a_spark_run(tmp_path: Path) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        _need("pyarrow is not installed (pip install -e '.[spark]')")
    (tmp_path / "articles").mkdir()
    proc = subprocess.run([sys.executable, "-m", "marsad.cli", "load", str(tmp_path),
                           "--db", str(tmp_path / "x.db")], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert str(tmp_path) in proc.stderr and ("not the output of marsad spark" in proc.stderr
                                            or "not a readable Parquet table" in proc.stderr)


def test_name_blocks_join_names_sharing_a_key_and_skip_common_keys() -> None:
    _need(_spark_missing())
    from marsad.spark import job

    nodes = [("a", ["k1"]), ("b", ["k1", "k2"]), ("c", ["k2"]), ("d", ["k3"])]
    blocks = job._blocks(list(nodes))
    assert blocks["a"] == blocks["b"] == blocks["c"] != blocks["d"]
    crowd = [(f"n{i}", ["common", f"own{i}"]) for i in range(job.BLOCK_KEY_LIMIT + 1)]
    assert len(set(job._blocks(crowd).values())) == len(crowd)
