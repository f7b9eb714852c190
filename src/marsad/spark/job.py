"""The Spark job: the stages of `marsad analyze` on partitions, written as Parquet tables.

Rows between stages carry pickled records (`blob`): the stage functions take and return
records, and the job only moves them. Beside the record go Arrow columns of what later
stages need of it (outlet, day, shingles, band keys, names), found once when it is
annotated, so that only the stages that change or read a whole record unpickle it; the
pass that finishes an article also makes its rows of the article tables. Every function
that runs on executors is defined at module level, so workers import it instead of
unpickling code; a worker keeps its NER tagger in `_TAGGERS` (a crfsuite tagger cannot be
pickled, and is opened once per worker).
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import to_arrow_schema
from pyspark.sql.types import StructType
from threadpoolctl import threadpool_limits

from marsad import ingest
from marsad.extract import entities as resolution
from marsad.extract.ner import Tagger, load_tagger
from marsad.extract.ner.lexicon import shipped_lexicon
from marsad.extract.ner.mentions import is_name_phrase
from marsad.extract.quotes import find_quotes
from marsad.link import BAND_LIMIT
from marsad.pipeline import annotate_document
from marsad.records import Article, Mention, Problem, Reuse, Story
from marsad.spark.tables import (
    ENTITY_TABLES,
    SCHEMAS,
    article_rows,
    entity_rows,
    reuse_rows,
    story_rows,
)
from marsad.store import content_key
from marsad.stories import cluster, describe, find_reuse
from marsad.stories.cluster import MAX_GAP, StoryIndex, StoryProfile, article_vector
from marsad.stories.reuse import (
    BOILERPLATE_SHARE,
    formula_shingles,
    shared_wires,
    shingle_hashes,
    window_bands,
)
from marsad.stories.text import day_of, token_spans

__all__ = ["BLOCK_KEY_LIMIT", "OVERLAP_DAYS", "WINDOW_DAYS", "SparkRun", "run", "session"]

WINDOW_DAYS = 1  # stories are clustered a day at a time...
OVERLAP_DAYS = 2  # ...with the two days before it, which tie its clusters to older stories
# A name key this many distinct names share ("PER:p:محمد") blocks nothing: it would join
# most names of a large archive into one block.
BLOCK_KEY_LIMIT = 1000
_UNDATED = -1  # the window of undated articles: first, as in-process clustering sorts them
_SEP = "\x1f"
LOCAL_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

def session(master: str | None = "local[*]", partitions: int = 8,
            conf: dict[str, str] | None = None) -> SparkSession:
    """A Spark session whose Python workers run this interpreter (where marsad lives);
    `master` None: the one spark-submit gives."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("marsad")
    if master:
        builder = builder.master(master)
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": str(partitions),
        "spark.sql.adaptive.enabled": "true",
        "spark.python.worker.reuse": "true",
        # Workers forked with marsad and its models loaded (an idle worker is ended).
        "spark.python.daemon.module": "marsad.spark.daemon",
        # The workers import marsad from where this driver does (a source tree on
        # PYTHONPATH included).
        "spark.executorEnv.PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
        # A local run listens on this machine only.
        **({"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1",
            # One short-lived JVM: its C2 compiler took half its CPU (docs/scale.md).
            "spark.driver.extraJavaOptions": LOCAL_JVM}
           if master and master.startswith("local") else {}),
        **(conf or {}),
    }
    for k, v in settings.items():
        builder = builder.config(k, v)
    return builder.getOrCreate()


# Per-worker state ------------------------------------------------------------------------

_TAGGERS: dict[str | None, Tagger] = {}


def _tagger(spec: str | None) -> Tagger:
    if spec not in _TAGGERS:
        _TAGGERS[spec] = load_tagger(spec)
    return _TAGGERS[spec]


def _frame(rows: list[dict[str, Any]], schema: str) -> pd.DataFrame:
    columns = [c.strip().split(" ")[0] for c in schema.split(",")]
    return pd.DataFrame(rows, columns=columns)


Rows = Callable[..., list[dict[str, Any]]]


def _mapper(fn: Rows, schema: pa.Schema, *args: Any, keep: tuple[str, ...] = ()
            ) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """A `mapInArrow` function: `fn(columns, *args)` gives the rows of each batch; `keep`:
    input columns passed on as they are (`fn` then gives one row per input row, in order),
    without a round trip through Python objects."""
    made = pa.schema([f for f in schema if f.name not in keep])

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            out = pa.RecordBatch.from_pylist(fn(batch.to_pydict(), *args), schema=made)
            if keep:
                out = pa.RecordBatch.from_arrays(
                    [out.column(f.name) if f.name not in keep else batch.column(f.name)
                     for f in schema], schema=schema)
            yield out
    return run


def _struct(table: str, drop: tuple[str, ...] = ("article", "k")) -> str:
    """The columns of a `SCHEMAS` table as a struct type, `drop` left out."""
    cols = [c.strip().split(" ", 1) for c in SCHEMAS[table].split(", ")]
    return "struct<" + ",".join(f"{n}:{t}" for n, t in cols if n not in drop) + ">"


def _strip(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k not in ("article", "k")} for r in rows]


# Stage functions on executors: row makers for `_mapper`, grouped functions -------------

READ = "seq long, problem string, blob binary"


def _read(cols: dict[str, list[Any]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for number, path in zip(cols["file"], cols["path"], strict=True):
        for k, item in enumerate(ingest.read_file(Path(path))):
            seq = (int(number) << 32) | k  # input order: file, then record
            if isinstance(item, Problem):
                rows.append({"seq": seq, "problem": str(item), "blob": None})
            else:
                rows.append({"seq": seq, "problem": None, "blob": pickle.dumps(item)})
    return rows


# What later stages need of an article, found once here: its outlet and day (windows,
# templates), its shingles (templates, bands), its store band keys, and the names
# `recover_mentions` looks for (with where each is met).
ANNOTATED = ("seq long, id string, ckey string, problems array<string>, blob binary, "
             "outlet string, day long, sh array<long>, keys array<long>, "
             "names array<struct<compact:string,k:int,text:string,type:string>>")


def _outlet_key(a: Article) -> str:
    return "\x00" if a.outlet is None else a.outlet  # no outlet is a group of its own


def _names(a: Article) -> list[dict[str, Any]]:
    lex = shipped_lexicon()
    rows = []
    for k, m in enumerate(a.mentions):
        if m.type not in ("PER", "LOC", "ORG"):
            continue
        compact = "".join(resolution.mention_key(m.text, m.type, lex))
        if len(compact) >= 5 and is_name_phrase(m.text, m.type, lex):
            rows.append({"compact": compact, "k": k, "text": m.text, "type": m.type})
    return rows


def _annotate(cols: dict[str, list[Any]], spec: str | None) -> list[dict[str, Any]]:
    tagger = _tagger(spec)
    rows: list[dict[str, Any]] = []
    for seq, blob in zip(cols["seq"], cols["blob"], strict=True):
        item, problems = annotate_document(pickle.loads(blob), tagger, False)
        row: dict[str, Any] = {"seq": seq, "problems": [str(p) for p in problems]}
        if item:
            a = item.article
            sh = shingle_hashes([t.form for t in token_spans(a.text)])
            day = day_of(a.published)
            row.update(id=a.id, ckey=content_key(a), blob=pickle.dumps(a),
                       outlet=_outlet_key(a), day=day.toordinal() if day else None, sh=sh,
                       keys=sorted(window_bands(sh, formula_shingles())),  # = band_keys
                       names=_names(a))
        rows.append(row)
    return rows


RECOVERED = ("seq long, id string, blob binary, nodes array<struct<k:int,text:string,"
             "type:string,node:string,keys:array<string>>>")


def _nodes(a: Article) -> list[dict[str, Any]]:
    """Each mention `resolve` groups, with its node (name group and key) and block keys."""
    lex = shipped_lexicon()
    rows = []
    for k, m in enumerate(a.mentions):
        key = resolution.groupable(a.text, m, a.mentions, lex)
        if not key:
            continue
        group = "PER" if m.type == "PER" else "PLACE"
        # The same name read as a person and as a place is one name in `resolve`.
        keys = [*resolution.name_keys(m.text, m.type), "x:" + _SEP.join(key)]
        rows.append({"k": k, "text": m.text, "type": m.type,
                     "node": group + _SEP + _SEP.join(key), "keys": keys})
    return rows


def _recover(cols: dict[str, list[Any]], names: Any) -> list[dict[str, Any]]:
    """Articles under the id the unique pass gave them (`pipeline._unique`'s `~n`), with
    the names recovered, and the mentions `resolve` groups."""
    arts = []
    for aid, blob in zip(cols["id"], cols["blob"], strict=True):
        a = pickle.loads(blob)
        a.id = aid
        arts.append(a)
    resolution.recover_mentions(arts, names=names.value)
    rows = []
    for a in arts:
        nodes = _nodes(a)  # first: it trims mentions as `resolve` does
        rows.append({"blob": pickle.dumps(a), "nodes": nodes})
    return rows


RESOLVED = "block long, article string, k int, entity string, ent binary"


def _resolve_block(pdf: pd.DataFrame) -> pd.DataFrame:
    """`resolve` over the mentions of one block (names sharing no key never merge)."""
    block = int(pdf["block"].iloc[0])
    pdf = pdf.sort_values(["seq", "k"])
    docs: dict[str, Article] = {}
    placed: list[tuple[str, int, Mention]] = []
    for aid, k, text, typ in zip(pdf["article"], pdf["k"], pdf["text"], pdf["type"],
                                 strict=True):
        doc = docs.setdefault(aid, Article(id=aid, origin="", text=""))
        m = Mention(text=text, start=0, end=0, type=typ)
        doc.mentions.append(m)
        placed.append((aid, int(k), m))
    found, _ = resolution.resolve(list(docs.values()), recover=False, judged=True)
    rows: list[dict[str, Any]] = [
        {"block": block, "article": aid, "k": k, "entity": m.entity, "ent": None}
        for aid, k, m in placed]
    rows += [{"block": block, "article": None, "k": None, "entity": e.id,
              "ent": pickle.dumps(e)} for e in found]
    return _frame(rows, RESOLVED)


# The finished article: its record, and its rows of the article tables (written from here
# by selecting, with no other pass over the records).
FINAL = ("blob binary, art " + _struct("articles", ()) + ", "
         + ", ".join(f"{t} array<{_struct(t)}>"
                     for t in ("times", "mentions", "quantities", "quotes"))
         + ", seq long, id string, outlet string, day long, sh array<long>, keys array<long>")
_KEPT = ("seq", "id", "outlet", "day", "sh", "keys")


def _attach(cols: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Entity ids onto the mentions, then quotes (as `extract.link` does)."""
    rows = []
    for blob, marks in zip(cols["blob"], cols["marks"], strict=True):
        a: Article = pickle.loads(blob)
        by_k = {int(r["k"]): r["entity"] for r in marks} if marks is not None else {}
        for k, m in enumerate(a.mentions):
            m.entity = by_k.get(k)
        a.quotes = find_quotes(a.text, a.mentions)
        tables = article_rows(a, [])
        rows.append({"blob": pickle.dumps(a), "art": tables["articles"][0],
                     **{t: _strip(tables[t])
                        for t in ("times", "mentions", "quantities", "quotes")}})
    return rows


BANDS = "band long, seq long, id string"


def _bands(cols: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Each article's store band keys (`reuse.band_keys`): one run's candidates too."""
    rows: list[dict[str, Any]] = []
    for seq, aid, keys in zip(cols["seq"], cols["id"], cols["keys"], strict=True):
        rows += [{"band": b, "seq": seq, "id": aid} for b in keys]
    return rows


PAIRS = "a string, b string"


def _pairs(cols: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Every pair of a bucket's articles, however far apart in time (as in one run of
    `marsad analyze`; only the store path bounds reuse to a week)."""
    rows: list[dict[str, Any]] = []
    for members in cols["members"]:
        ms = sorted((int(m["seq"]), m["id"]) for m in members)
        rows += [{"a": x, "b": y} for n, (_, x) in enumerate(ms) for _, y in ms[n + 1:]]
    return rows


REUSE = "blob binary"


def _verify(cols: dict[str, list[Any]], templates: Any) -> list[dict[str, Any]]:
    at: dict[str, Article] = {}
    pairs: set[tuple[str, str]] = set()
    for a, b, blob_a, blob_b in zip(cols["a"], cols["b"], cols["blob_a"], cols["blob_b"],
                                    strict=True):
        if a not in at:
            at[a] = pickle.loads(blob_a)
        if b not in at:
            at[b] = pickle.loads(blob_b)
        pairs.add((a, b))
    found = find_reuse(list(at.values()), pairs, templates=set(templates.value),
                       wires=False) if pairs else []
    return [{"blob": pickle.dumps(r)} for r in found]


CLUSTERS = "w long, c int, members array<string>, overlap array<boolean>, payload binary"


@dataclass(slots=True)
class _Member:
    """What the merge pass needs of a clustered article: profile input, no text."""

    id: str
    published: str | None
    entities: list[str]
    vector: dict[str, float]

    def stub(self) -> Article:
        return Article(id=self.id, origin="", text="", published=self.published,
                       mentions=[Mention("", 0, 0, "", e) for e in self.entities])


def _clusterer(reuse: Any) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def cluster_window(pdf: pd.DataFrame) -> pd.DataFrame:
        w = int(pdf["w"].iloc[0])
        arts = [pickle.loads(b) for b in pdf["blob"]]
        overlap = {a.id for a, o in zip(arts, pdf["overlap"], strict=True) if o}
        ids = {a.id for a in arts}
        links = [r for r in {id(r): r for a in arts for r in reuse.value.get(a.id, ())
                             }.values() if set(r.articles) <= ids]
        by_id = {a.id: a for a in arts}
        rows = []
        for c, s in enumerate(cluster(arts, reuse=links)):
            new = [i for i in s.articles if i not in overlap]
            if not new:
                continue
            rep = by_id[new[0]]
            payload = {
                "rep": replace(rep, times=[], quantities=[], quotes=[]),
                "members": [_Member(i, by_id[i].published,
                                    [m.entity for m in by_id[i].mentions if m.entity],
                                    article_vector(by_id[i])) for i in new[1:]],
            }
            rows.append({"w": w, "c": c, "members": s.articles,
                         "overlap": [i in overlap for i in s.articles],
                         "payload": pickle.dumps(payload)})
        return _frame(rows, CLUSTERS)
    return cluster_window


# A story's rows of the story tables.
DESCRIBED = (f"s {_struct('stories', ())}, articles array<string>, "
             f"p {_struct('story_profiles', ())}")


def _describer(schema: pa.Schema) -> Callable[[pa.Table], pa.Table]:
    def describe_story(table: pa.Table) -> pa.Table:
        cols = table.to_pydict()
        order = sorted(range(table.num_rows), key=cols["k"].__getitem__)
        profile: StoryProfile = pickle.loads(cols["profile"][0])
        members = [pickle.loads(cols["blob"][i]) for i in order]
        story = Story(id=profile.id, title="", articles=list(profile.articles),
                      start=profile.start, end=profile.end)
        with threadpool_limits(limits=1, user_api="blas"):  # see stories.stage.build
            describe(story, members)
        rows = story_rows(story, profile)
        return pa.Table.from_pylist([{"s": rows["stories"][0], "articles": story.articles,
                                      "p": rows["story_profiles"][0]}], schema=schema)
    return describe_story



# The driver ------------------------------------------------------------------------------


@dataclass(slots=True)
class SparkRun:
    """What a Spark run did: counts, problems, and seconds per phase."""

    articles: int = 0
    entities: int = 0
    stories: int = 0
    reuse: int = 0
    candidates: int = 0
    problems: list[str] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "entities": self.entities, "stories": self.stories,
                "reuse": self.reuse, "candidates": self.candidates,
                "problems": self.problems, "phases": self.phases}


class _Clock:
    def __init__(self, spark: SparkSession, run: SparkRun) -> None:
        self.spark, self.run = spark, run
        self.name, self.t0 = "", time.perf_counter()

    def phase(self, name: str) -> None:
        now = time.perf_counter()
        if self.name:
            self.run.phases[self.name] = round(now - self.t0, 2)
        self.name, self.t0 = name, now
        if name:
            self.spark.sparkContext.setJobDescription(name)


def _persist(df: DataFrame) -> DataFrame:
    """Kept once computed (by the next action on it): later stages read it again."""
    return df.persist(StorageLevel.MEMORY_AND_DISK)


def run(spark: SparkSession, inputs: list[str], out: str | Path, *, ner: str | None = None,
        on_problem: Callable[[str], None] | None = None) -> SparkRun:
    """Analyse `inputs` on `spark`; write the Parquet tables (`marsad.spark.tables`) and
    `run.json` (counts, problems, phases) to `out`."""
    result = SparkRun()
    clock = _Clock(spark, result)
    out = Path(out)

    def report(problem: str) -> None:
        result.problems.append(problem)
        if on_problem:
            on_problem(problem)

    def arrow(ddl: str) -> pa.Schema:
        return to_arrow_schema(StructType.fromDDL(ddl))  # type: ignore[arg-type]

    def mapped(df: DataFrame, fn: Rows, ddl: str, *args: Any,
               keep: tuple[str, ...] = ()) -> DataFrame:
        return df.mapInArrow(_mapper(fn, arrow(ddl), *args, keep=keep), ddl)

    parts = int(spark.conf.get("spark.sql.shuffle.partitions") or "8")
    clock.phase("read")
    files: list[str] = []
    for item in ingest.discover(inputs):
        if isinstance(item, Problem):
            report(str(item))
        else:
            files.append(str(item))
    listing = spark.createDataFrame([(i, p) for i, p in enumerate(files)],
                                    "file long, path string")
    docs = _persist(mapped(listing.repartition(max(1, min(len(files), parts)), "file"),
                           _read, READ))
    for row in docs.where("problem IS NOT NULL").orderBy("seq").collect():
        report(row.problem)

    clock.phase("annotate")
    annotated = _persist(mapped(docs.where("blob IS NOT NULL").repartition(parts),
                                _annotate, ANNOTATED, ner))
    for row in annotated.where("size(problems) > 0").orderBy("seq").collect():
        for p in row.problems:
            report(p)
    docs.unpersist()  # only once what is made from it is kept (persisting is lazy)
    # The first of each content stays; a later article under a taken id becomes id~n.
    kept = annotated.where("blob IS NOT NULL").withColumn(
        "r", F.row_number().over(Window.partitionBy("ckey").orderBy("seq"))).where("r = 1")
    kept = kept.withColumn("r", F.row_number().over(Window.partitionBy("id").orderBy("seq")))
    kept = kept.withColumn("id", F.when(F.col("r") > 1, F.concat_ws("~", "id", "r"))
                           .otherwise(F.col("id")))
    articles = _persist(kept.drop("r", "ckey", "problems").repartition(parts))

    clock.phase("entities")
    firsts = (articles.select("seq", F.explode("names").alias("n"))
              .groupBy("n.compact").agg(F.min(F.struct("seq", "n.k", "n.text", "n.type"))
                                        .alias("f")).collect())
    names = [(r.f.text, r.f.type) for r in sorted(firsts, key=lambda r: (r.f.seq, r.f.k))]
    recovered = _persist(mapped(articles.select("seq", "id", "blob"), _recover, RECOVERED,
                                spark.sparkContext.broadcast(names), keep=("seq", "id")))
    mentions = recovered.select("seq", F.col("id").alias("article"),
                                F.explode("nodes").alias("n")).select("seq", "article", "n.*")
    blocks = _blocks([(r.node, r.keys) for r in
                      mentions.dropDuplicates(["node"]).select("node", "keys").collect()])
    annotated.unpersist()
    block_df = spark.createDataFrame(list(blocks.items()), "node string, block long")
    resolved = _persist(mentions.join(F.broadcast(block_df), "node")
                        .groupBy("block").applyInPandas(_resolve_block, RESOLVED))
    found = resolved.where("ent IS NOT NULL").select("block", "entity", "ent").collect()
    renames = _entity_renames(found)
    marks = resolved.where("article IS NOT NULL")
    if renames:
        mapping = spark.createDataFrame([(b, o, n) for (b, o), n in renames.items()],
                                        "block long, entity string, new string")
        marks = (marks.join(F.broadcast(mapping), ["block", "entity"], "left")
                 .withColumn("entity", F.coalesce("new", "entity")))
    marks = marks.groupBy("article").agg(F.collect_list(F.struct("k", "entity")).alias("marks"))
    final = _persist(mapped(
        recovered.join(articles.select("id", *_KEPT[2:]), "id")
        .join(marks, F.col("id") == marks.article, "left").select("blob", "marks", *_KEPT),
        _attach, FINAL, keep=_KEPT))
    entities = []
    for r in sorted(found, key=lambda r: (r.block, r.entity)):
        e = pickle.loads(r.ent)
        e.id = renames.get((r.block, e.id), e.id)
        entities.append(e)
    result.articles = final.count()
    resolved.unpersist()
    recovered.unpersist()
    articles.unpersist()
    result.entities = len(entities)

    clock.phase("reuse")
    # Outlet templates as `reuse._boilerplate` finds them in one run, counted on Spark.
    counts = (final.select("outlet", F.explode(F.array_distinct("sh")).alias("h"))
              .groupBy("outlet", "h").count())
    per_outlet = final.groupBy("outlet").count().withColumnRenamed("count", "n")
    templates = {int(r.h) for r in counts.join(F.broadcast(per_outlet), "outlet")
                 .where((F.col("n") >= 10)
                        & (F.col("count") >= F.greatest(F.lit(3.0),
                                                        F.col("n") * BOILERPLATE_SHARE)))
                 .select("h").distinct().collect()}
    t_bc = spark.sparkContext.broadcast(frozenset(templates))
    bands = _persist(mapped(final.select("seq", "id", "keys"), _bands, BANDS))
    # Buckets are sized before their members are gathered: a stock phrase's bucket (tens of
    # thousands of articles in an archive) is never built.
    sizes = (bands.groupBy("band").count()
             .where((F.col("count") >= 2) & (F.col("count") <= BAND_LIMIT)))
    buckets = (bands.join(sizes, "band").groupBy("band")
               .agg(F.collect_list(F.struct("seq", "id")).alias("members")))
    pairs = _persist(mapped(buckets, _pairs, PAIRS).distinct())
    result.candidates = pairs.count()
    lite = final.select(F.col("id"), F.col("blob"))
    joined = (pairs.join(lite.withColumnRenamed("id", "a").withColumnRenamed("blob", "blob_a"),
                         "a")
              .join(lite.withColumnRenamed("id", "b").withColumnRenamed("blob", "blob_b"), "b")
              .repartition(parts, "a").sortWithinPartitions("a"))
    reuse = [pickle.loads(r.blob) for r in
             mapped(joined.select("a", "b", "blob_a", "blob_b"), _verify, REUSE, t_bc)
             .collect()]
    pairs.unpersist()
    bands.unpersist()
    reuse.sort(key=lambda r: tuple(r.articles))
    shared_wires(reuse)
    result.reuse = len(reuse)

    clock.phase("stories")
    by_article: dict[str, list[Reuse]] = defaultdict(list)
    for r in reuse:
        for i in r.articles:
            by_article[i].append(r)
    r_bc = spark.sparkContext.broadcast(dict(by_article))
    # Each article in its window, and as overlap in the windows after it.
    home = F.expr(f"day div {WINDOW_DAYS}")
    spans = F.when(F.col("day").isNull(), F.array(F.lit(_UNDATED).cast("long"))).otherwise(
        F.sequence(home, F.expr(f"(day + {OVERLAP_DAYS}) div {WINDOW_DAYS}")))
    windows = (final.select("seq", "blob", "day", F.explode(spans).alias("w"))
               .select("w", "seq", (F.col("day").isNotNull() & (F.col("w") != home))
                       .alias("overlap"), "blob"))
    clusters = windows.groupBy("w").applyInPandas(_clusterer(r_bc), CLUSTERS)
    index = _merge(clusters.orderBy("w", "c").toLocalIterator(), by_article)
    result.stories = len(index.profiles)
    members = spark.createDataFrame(
        [(a, p.id, k) for p in index.profiles.values() for k, a in enumerate(p.articles)],
        "id string, story string, k int")
    profiles = spark.createDataFrame(
        [(p.id, pickle.dumps(p)) for p in index.profiles.values()],
        "story string, profile binary")
    described = _persist(final.join(members, "id").join(profiles, "story")
                         .select("story", "k", "profile", "blob").groupBy("story")
                         .applyInArrow(_describer(arrow(DESCRIBED)), DESCRIBED))
    described.count()

    clock.phase("write")
    out.mkdir(parents=True, exist_ok=True)
    tables: dict[str, DataFrame] = {
        "articles": final.select("art.*"),
        **{name: final.select(F.col("id").alias("article"), F.posexplode(name))
           .select("article", F.col("pos").alias("k"), "col.*")
           for name in ("times", "mentions", "quantities", "quotes")},
        "bands": final.select(F.explode("keys").alias("key"), F.col("id").alias("article")),
        "stories": described.select("s.*"),
        "story_articles": described.select(F.col("s.id").alias("story"),
                                           F.posexplode("articles"))
        .select("story", F.col("pos").alias("k"), F.col("col").alias("article")),
        "story_profiles": described.select("p.*"),
    }
    for name in ENTITY_TABLES:
        keys = {e.id: sorted({k for v in e.variants for k in resolution.name_keys(v, e.type)})
                for e in entities}
        tables[name] = spark.createDataFrame(
            [row for e in entities for row in entity_rows(e, keys[e.id])[name]],
            SCHEMAS[name])
    tables["reuse"] = spark.createDataFrame([reuse_rows(r) for r in reuse], SCHEMAS["reuse"])
    for name, df in tables.items():
        df.write.mode("overwrite").parquet(str(out / name))
    described.unpersist()
    final.unpersist()
    clock.phase("")
    (out / "run.json").write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=1),
                                  encoding="utf-8")
    return result


def _blocks(nodes: list[tuple[str, list[str]]]) -> dict[str, int]:
    """Block of each node: connected components over shared name keys (keys shared by
    more than `BLOCK_KEY_LIMIT` nodes left out)."""
    nodes.sort()
    holders: dict[str, list[int]] = defaultdict(list)
    for i, (_, keys) in enumerate(nodes):
        for k in keys:
            holders[k].append(i)
    parent = list(range(len(nodes)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for held in holders.values():
        if len(held) > BLOCK_KEY_LIMIT:
            continue
        root = find(held[0])
        for j in held[1:]:
            other = find(j)
            if other != root:
                parent[max(root, other)] = min(root, other)
                root = min(root, other)
    return {node: find(i) for i, (node, _) in enumerate(nodes)}


def _entity_renames(rows: list[Any]) -> dict[tuple[int, str], str]:
    """New ids for entities of different blocks that came out with one id (the same name
    key), as `resolve` numbers them in one run: `id-2`, `id-3`..."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for r in rows:
        blocks[r.entity].append(int(r.block))
    used = set(blocks)
    renames: dict[tuple[int, str], str] = {}
    for eid, bs in sorted(blocks.items()):
        for b in sorted(bs)[1:]:
            n = 2
            while f"{eid}-{n}" in used:
                n += 1
            used.add(f"{eid}-{n}")
            renames[b, eid] = f"{eid}-{n}"
    return renames


def _open(p: StoryProfile, start: int | None) -> bool:
    """Whether a story may still take an article of a window starting on day `start`."""
    if start is None or p.end is None:
        return True
    return date.fromisoformat(p.end).toordinal() >= start - MAX_GAP.days


def _merge(rows: Iterator[Any], reuse: dict[str, list[Reuse]]) -> StoryIndex:
    """The sequential pass: each window's clusters, in time order, join the stories open
    before them (through the overlap articles they hold, else by `cluster` on their first
    article), or start their own."""
    index = StoryIndex()
    member_of: dict[str, str] = {}
    pending: list[Any] = []
    current: int | None = None
    for row in rows:
        if current is not None and row.w != current:
            _merge_window(index, member_of, current, pending, reuse)
            pending = []
        current = row.w
        pending.append(row)
    if current is not None:
        _merge_window(index, member_of, current, pending, reuse)
    return index


def _merge_window(index: StoryIndex, member_of: dict[str, str], w: int, rows: list[Any],
                  reuse: dict[str, list[Reuse]]) -> None:
    start = None if w == _UNDATED else w * WINDOW_DAYS
    reps: list[tuple[Article, list[_Member]]] = []
    for row in rows:
        payload = pickle.loads(row.payload)
        old = Counter(member_of[i] for i, o in zip(row.members, row.overlap, strict=True)
                      if o and i in member_of)
        if old:
            most = max(old.values())
            sid = min(s for s, n in old.items() if n == most)
            profile = index.profiles[sid]
            rep: Article = payload["rep"]
            profile.add(rep, article_vector(rep))
            member_of[rep.id] = sid
            for m in payload["members"]:
                profile.add(m.stub(), m.vector)
                member_of[m.id] = sid
        else:
            reps.append((payload["rep"], payload["members"]))
    if not reps:
        return
    rep_ids = {a.id for a, _ in reps}
    links = list({id(r): r for a, _ in reps for r in reuse.get(a.id, ())}.values())
    partners = {member_of[i] for r in links for i in r.articles if i in member_of}
    sub = StoryIndex({sid: p for sid, p in index.profiles.items()
                      if sid in partners or _open(p, start)})
    before = {sid: len(p.articles) for sid, p in sub.profiles.items()}
    cluster([a for a, _ in reps], index=sub, reuse=links)
    story_of: dict[str, str] = {}
    for sid, p in sub.profiles.items():
        for i in p.articles[before.get(sid, 0):]:
            if i in rep_ids:
                story_of[i] = sid
        index.profiles.setdefault(sid, p)
    for rep, rest in reps:
        sid = story_of[rep.id]
        member_of[rep.id] = sid
        for m in rest:
            index.profiles[sid].add(m.stub(), m.vector)
            member_of[m.id] = sid
