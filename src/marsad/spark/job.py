"""The Spark job: the stages of `marsad analyze` on partitions, written as Parquet tables.

Rows between stages carry pickled records (`blob`): the stage functions take and return
records, and the job only moves them. Every function that runs on executors is defined at
module level, so workers import it instead of unpickling code; a worker keeps its NER
tagger in `_TAGGERS` (a crfsuite tagger cannot be pickled, and is opened once per worker).
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
from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F
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
    ARTICLE_TABLES,
    ENTITY_TABLES,
    SCHEMAS,
    STORY_TABLES,
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
    band_keys,
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

BLOB = "seq long, id string, blob binary"


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
        # The workers import marsad from where this driver does (a source tree on
        # PYTHONPATH included).
        "spark.executorEnv.PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
        # A local run listens on this machine only.
        **({"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"}
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


def _articles(pdf: pd.DataFrame) -> Iterator[tuple[int, Article]]:
    for seq, blob in zip(pdf["seq"], pdf["blob"], strict=True):
        yield int(seq), pickle.loads(blob)


def _blobs(pairs: list[tuple[int, Article]]) -> pd.DataFrame:
    return _frame([{"seq": s, "id": a.id, "blob": pickle.dumps(a)} for s, a in pairs], BLOB)


# Stage functions on executors ------------------------------------------------------------

READ = "seq long, problem string, blob binary"


def _read(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for pdf in batches:
        rows = []
        for number, path in zip(pdf["file"], pdf["path"], strict=True):
            for k, item in enumerate(ingest.read_file(Path(path))):
                seq = (int(number) << 32) | k  # input order: file, then record
                if isinstance(item, Problem):
                    rows.append({"seq": seq, "problem": str(item), "blob": None})
                else:
                    rows.append({"seq": seq, "problem": None, "blob": pickle.dumps(item)})
        yield _frame(rows, READ)


ANNOTATED = "seq long, id string, ckey string, problems array<string>, blob binary"


def _annotator(spec: str | None) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    def annotate(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        tagger = _tagger(spec)
        for pdf in batches:
            rows = []
            for seq, blob in zip(pdf["seq"], pdf["blob"], strict=True):
                item, problems = annotate_document(pickle.loads(blob), tagger, False)
                a = item.article if item else None
                rows.append({"seq": int(seq), "id": a.id if a else None,
                             "ckey": content_key(a) if a else None,
                             "problems": [str(p) for p in problems],
                             "blob": pickle.dumps(a) if a else None})
            yield _frame(rows, ANNOTATED)
    return annotate


def _renamed(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Articles under the id the unique pass gave them (`pipeline._unique`'s `~n`)."""
    for pdf in batches:
        out = []
        for (seq, a), new in zip(_articles(pdf), pdf["id"], strict=True):
            a.id = new
            out.append((seq, a))
        yield _blobs(out)


NAMES = "compact string, seq long, k int, text string, type string"


def _names(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Names `recover_mentions` would look for, each with where it is first met."""
    lex = shipped_lexicon()
    for pdf in batches:
        rows = []
        for seq, a in _articles(pdf):
            for k, m in enumerate(a.mentions):
                if m.type not in ("PER", "LOC", "ORG"):
                    continue
                compact = "".join(resolution.mention_key(m.text, m.type, lex))
                if len(compact) >= 5 and is_name_phrase(m.text, m.type, lex):
                    rows.append({"compact": compact, "seq": seq, "k": k, "text": m.text,
                                 "type": m.type})
        yield _frame(rows, NAMES)


def _recoverer(names: Any) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    def recover(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for pdf in batches:
            pairs = list(_articles(pdf))
            resolution.recover_mentions([a for _, a in pairs], names=names.value)
            yield _blobs(pairs)
    return recover


NODES = "seq long, article string, k int, text string, type string, node string, " \
        "keys array<string>"


def _nodes(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Each mention `resolve` groups, with its node (name group and key) and block keys."""
    lex = shipped_lexicon()
    for pdf in batches:
        rows = []
        for seq, a in _articles(pdf):
            for k, m in enumerate(a.mentions):
                key = resolution.mention_key(m.text, m.type, lex)
                if not key or not is_name_phrase(m.text, m.type, lex):
                    continue
                group = "PER" if m.type == "PER" else "PLACE"
                node = group + _SEP + _SEP.join(key)
                # The same name read as a person and as a place is one name in `resolve`.
                keys = [*resolution.name_keys(m.text, m.type), "x:" + _SEP.join(key)]
                rows.append({"seq": seq, "article": a.id, "k": k, "text": m.text,
                             "type": m.type, "node": node, "keys": keys})
        yield _frame(rows, NODES)


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
    found, _ = resolution.resolve(list(docs.values()), recover=False)
    rows: list[dict[str, Any]] = [
        {"block": block, "article": aid, "k": k, "entity": m.entity, "ent": None}
        for aid, k, m in placed]
    rows += [{"block": block, "article": None, "k": None, "entity": e.id,
              "ent": pickle.dumps(e)} for e in found]
    return _frame(rows, RESOLVED)


def _attach(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Entity ids onto the mentions, then quotes (as `extract.link` does)."""
    for pdf in batches:
        out = []
        for (seq, a), marks in zip(_articles(pdf), pdf["marks"], strict=True):
            by_k = {int(r["k"]): r["entity"] for r in marks} if marks is not None else {}
            for k, m in enumerate(a.mentions):
                m.entity = by_k.get(k)
            a.quotes = find_quotes(a.text, a.mentions)
            out.append((seq, a))
        yield _blobs(out)


SHINGLES = "outlet string, h long"


def _outlet_key(a: Article) -> str:
    return "\x00" if a.outlet is None else a.outlet  # no outlet is a group of its own


def _shingles(a: Article) -> list[int]:
    return shingle_hashes([t.form for t in token_spans(a.text)])


def _outlet_shingles(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for pdf in batches:
        rows = [{"outlet": _outlet_key(a), "h": h} for _, a in _articles(pdf)
                for h in set(_shingles(a))]
        yield _frame(rows, SHINGLES)


BANDS = "band long, seq long, id string"


def _bands(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The band keys of `reuse.band_keys` (a store's, and one run's candidates)."""
    skip = formula_shingles()
    for pdf in batches:
        rows = []
        for seq, a in _articles(pdf):
            rows += [{"band": b, "seq": seq, "id": a.id}
                     for b in window_bands(_shingles(a), skip)]
        yield _frame(rows, BANDS)


PAIRS = "a string, b string"


def _pairs(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Every pair of a bucket's articles, however far apart in time (as in one run of
    `marsad analyze`; only the store path bounds reuse to a week)."""
    for pdf in batches:
        rows = []
        for members in pdf["members"]:
            ms = sorted((int(m["seq"]), m["id"]) for m in members)
            rows += [{"a": x, "b": y} for n, (_, x) in enumerate(ms) for _, y in ms[n + 1:]]
        yield _frame(rows, PAIRS)


REUSE = "blob binary"


def _verifier(templates: Any) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    def verify(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for pdf in batches:
            at: dict[str, Article] = {}
            pairs: set[tuple[str, str]] = set()
            for a, b, blob_a, blob_b in zip(pdf["a"], pdf["b"], pdf["blob_a"], pdf["blob_b"],
                                            strict=True):
                at.setdefault(a, pickle.loads(blob_a))
                at.setdefault(b, pickle.loads(blob_b))
                pairs.add((a, b))
            found = find_reuse(list(at.values()), pairs, templates=set(templates.value),
                               wires=False) if pairs else []
            yield _frame([{"blob": pickle.dumps(r)} for r in found], REUSE)
    return verify


WINDOWS = "w long, seq long, overlap boolean, blob binary"


def _windows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Each article in its window, and as overlap in the windows after it."""
    for pdf in batches:
        rows = []
        for (seq, a), blob in zip(_articles(pdf), pdf["blob"], strict=True):
            day = day_of(a.published)
            if day is None:
                rows.append({"w": _UNDATED, "seq": seq, "overlap": False, "blob": blob})
                continue
            d = day.toordinal()
            home = d // WINDOW_DAYS
            rows.append({"w": home, "seq": seq, "overlap": False, "blob": blob})
            for w in range(home + 1, (d + OVERLAP_DAYS) // WINDOW_DAYS + 1):
                rows.append({"w": w, "seq": seq, "overlap": True, "blob": blob})
        yield _frame(rows, WINDOWS)


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


DESCRIBED = "blob binary"


def _describe_story(pdf: pd.DataFrame) -> pd.DataFrame:
    pdf = pdf.sort_values("k")
    profile: StoryProfile = pickle.loads(pdf["profile"].iloc[0])
    members = [pickle.loads(b) for b in pdf["blob"]]
    story = Story(id=profile.id, title="", articles=list(profile.articles),
                  start=profile.start, end=profile.end)
    with threadpool_limits(limits=1, user_api="blas"):  # see stories.stage.build
        describe(story, members)
    return _frame([{"blob": pickle.dumps((story, profile))}], DESCRIBED)


def _table_writer(name: str) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    def rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for pdf in batches:
            out: list[dict[str, Any]] = []
            for blob in pdf["blob"]:
                record = pickle.loads(blob)
                if name in ARTICLE_TABLES:
                    out += article_rows(record, band_keys(record) if name == "bands"
                                        else [])[name]
                elif name in ENTITY_TABLES:
                    keys = sorted({k for v in record.variants
                                   for k in resolution.name_keys(v, record.type)})
                    out += entity_rows(record, keys)[name]
                else:
                    out += story_rows(*record)[name]
            yield _frame(out, SCHEMAS[name])
    return rows


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
    docs = listing.repartition(max(1, min(len(files), parts)), "file").mapInPandas(_read, READ)
    docs = _persist(docs)
    for row in docs.where("problem IS NOT NULL").orderBy("seq").collect():
        report(row.problem)

    clock.phase("annotate")
    annotated = _persist(docs.where("blob IS NOT NULL").repartition(parts)
                         .mapInPandas(_annotator(ner), ANNOTATED))
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
    articles = _persist(kept.select("seq", "id", "blob").repartition(parts)
                        .mapInPandas(_renamed, BLOB))

    clock.phase("entities")
    firsts = (articles.mapInPandas(_names, NAMES).groupBy("compact")
              .agg(F.min(F.struct("seq", "k", "text", "type")).alias("f")).collect())
    names = [(r.f.text, r.f.type) for r in sorted(firsts, key=lambda r: (r.f.seq, r.f.k))]
    annotated.unpersist()
    recovered = _persist(articles.mapInPandas(
        _recoverer(spark.sparkContext.broadcast(names)), BLOB))
    mentions = _persist(recovered.mapInPandas(_nodes, NODES))
    blocks = _blocks([(r.node, r.keys) for r in
                      mentions.dropDuplicates(["node"]).select("node", "keys").collect()])
    articles.unpersist()
    block_df = spark.createDataFrame(list(blocks.items()), "node string, block long")
    resolved = _persist(mentions.join(F.broadcast(block_df), "node")
                        .groupBy("block").applyInPandas(_resolve_block, RESOLVED))
    found = resolved.where("ent IS NOT NULL").select("block", "entity", "ent").collect()
    mentions.unpersist()
    renames = _entity_renames(found)
    marks = resolved.where("article IS NOT NULL")
    if renames:
        mapping = spark.createDataFrame([(b, o, n) for (b, o), n in renames.items()],
                                        "block long, entity string, new string")
        marks = (marks.join(F.broadcast(mapping), ["block", "entity"], "left")
                 .withColumn("entity", F.coalesce("new", "entity")))
    marks = marks.groupBy("article").agg(F.collect_list(F.struct("k", "entity")).alias("marks"))
    final = _persist(recovered.join(marks, recovered.id == marks.article, "left")
                     .select("seq", "id", "blob", "marks").mapInPandas(_attach, BLOB))
    entity_blobs = []
    for r in sorted(found, key=lambda r: (r.block, r.entity)):
        e = pickle.loads(r.ent)
        e.id = renames.get((r.block, e.id), e.id)
        entity_blobs.append(e)
    result.articles = final.count()
    resolved.unpersist()
    recovered.unpersist()
    result.entities = len(entity_blobs)

    clock.phase("reuse")
    # Outlet templates as `reuse._boilerplate` finds them in one run, counted on Spark.
    counts = final.mapInPandas(_outlet_shingles, SHINGLES).groupBy("outlet", "h").count()
    per_outlet = (final.mapInPandas(_outlet_only, "outlet string").groupBy("outlet")
                  .count().withColumnRenamed("count", "n"))
    templates = {int(r.h) for r in counts.join(F.broadcast(per_outlet), "outlet")
                 .where((F.col("n") >= 10)
                        & (F.col("count") >= F.greatest(F.lit(3.0),
                                                        F.col("n") * BOILERPLATE_SHARE)))
                 .select("h").distinct().collect()}
    t_bc = spark.sparkContext.broadcast(frozenset(templates))
    bands = _persist(final.mapInPandas(_bands, BANDS))
    # Buckets are sized before their members are gathered: a stock phrase's bucket (tens of
    # thousands of articles in an archive) is never built.
    sizes = (bands.groupBy("band").count()
             .where((F.col("count") >= 2) & (F.col("count") <= BAND_LIMIT)))
    buckets = (bands.join(sizes, "band").groupBy("band")
               .agg(F.collect_list(F.struct("seq", "id")).alias("members")))
    pairs = _persist(buckets.mapInPandas(_pairs, PAIRS).distinct())
    result.candidates = pairs.count()
    lite = final.select(F.col("id"), F.col("blob"))
    joined = (pairs.join(lite.withColumnRenamed("id", "a").withColumnRenamed("blob", "blob_a"),
                         "a")
              .join(lite.withColumnRenamed("id", "b").withColumnRenamed("blob", "blob_b"), "b")
              .repartition(parts, "a").sortWithinPartitions("a"))
    reuse = [pickle.loads(r.blob) for r in
             joined.mapInPandas(_verifier(t_bc), REUSE).collect()]
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
    clusters = (final.mapInPandas(_windows, WINDOWS).groupBy("w")
                .applyInPandas(_clusterer(r_bc), CLUSTERS))
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
                         .applyInPandas(_describe_story, DESCRIBED))
    described.count()

    clock.phase("write")
    out.mkdir(parents=True, exist_ok=True)
    for name in ARTICLE_TABLES:
        final.select("blob").mapInPandas(_table_writer(name), SCHEMAS[name]) \
            .write.mode("overwrite").parquet(str(out / name))
    ents = spark.createDataFrame([(pickle.dumps(e),) for e in entity_blobs], "blob binary")
    for name in ENTITY_TABLES:
        ents.mapInPandas(_table_writer(name), SCHEMAS[name]).write.mode("overwrite") \
            .parquet(str(out / name))
    for name in STORY_TABLES:
        described.mapInPandas(_table_writer(name), SCHEMAS[name]).write.mode("overwrite") \
            .parquet(str(out / name))
    spark.createDataFrame([reuse_rows(r) for r in reuse] or [], SCHEMAS["reuse"]) \
        .write.mode("overwrite").parquet(str(out / "reuse"))
    described.unpersist()
    final.unpersist()
    clock.phase("")
    (out / "run.json").write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=1),
                                  encoding="utf-8")
    return result


def _outlet_only(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for pdf in batches:
        yield pd.DataFrame({"outlet": [_outlet_key(a) for _, a in _articles(pdf)]})


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
