"""The whole job: ingest → clean → extract → store → stories → dossier.

Two halves. Per article (`annotate_document`: clean, times, mentions, figures, quotes,
reuse band keys) in worker processes, streamed in input order. Across articles: without a
store, everything at once in memory (`analyze_documents`); with one, batch by batch
through it (`marsad.link.link_batch`), each batch one transaction, so memory does not grow
with the input or the store.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

from tqdm import tqdm

from marsad import clean, extract, ingest, stories
from marsad.extract.ner import Tagger, load_tagger
from marsad.limits import ENV, Limits
from marsad.link import Annotated, link_batch, placeholder_mentions
from marsad.records import Article, Document, Dossier, Problem
from marsad.store import Selection, Store, StoreError, content_key, open_store
from marsad.stories.reuse import band_keys

__all__ = ["BATCH", "Run", "analyze", "analyze_documents", "annotate_document", "export",
           "open_existing", "selected_stories", "store_documents", "store_dossier",
           "store_into"]

ProblemHandler = Callable[[Problem], None]
BATCH = 256  # articles per store transaction
_CHUNK = 8  # documents per task sent to a worker
EXPORT_DAYS = 7


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


class _OverBudget(BaseException):
    """An article's time budget ran out (a BaseException: no `except Exception` stops it)."""


def _unchecked(_: str) -> None:
    pass


@contextmanager
def _budget(seconds: float) -> Iterator[Callable[[str], None]]:
    """Raises `_OverBudget` once `seconds` have passed: from an alarm signal in the code
    running then, where one can be set (the main thread of a process), and in any case at
    the next call of the check it yields. 0: no budget."""
    deadline = time.monotonic() + seconds

    def check(_: str = "") -> None:
        if time.monotonic() > deadline:
            raise _OverBudget

    if not seconds:
        yield _unchecked
        return
    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if alarm:
        def fire(signum: int, frame: object) -> None:
            raise _OverBudget

        previous = signal.signal(signal.SIGALRM, fire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield check
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def annotate_document(doc: Document, tagger: Tagger | None, for_store: bool,
                      limits: Limits | None = None) -> tuple[Annotated | None, list[Problem]]:
    """The per-article half: no store, no other article. `for_store` also finds quotes
    (speakers are mention placeholders until linking) and reuse band keys.

    Past `limits.article_seconds` the article is kept with the parts done by then, and a
    Problem says which."""
    limits = limits or Limits.from_env()
    done: list[str] = []
    got: list[Article] = []
    keys: list[int] = []
    try:
        with _budget(limits.article_seconds) as check:
            return _annotate(doc, tagger, for_store, limits, done.append, check, got, keys)
    except _OverBudget:
        seconds = f"{limits.article_seconds:g} s per article (--article-seconds or " \
                  f"{ENV['article_seconds']} to change it)"
        if not got:
            return None, [Problem(doc.origin, f"not cleaned within the time budget of {seconds}")]
        article = got[0]
        if for_store and "quotes" not in done:
            for m in article.mentions:  # placeholders of an unfinished quote search
                m.entity = None
        parts = ", ".join(["text", *dict.fromkeys(done)])
        return Annotated(article, keys), [Problem(
            doc.origin, f"over the time budget of {seconds}: kept with its {parts} only")]


def _annotate(doc: Document, tagger: Tagger | None, for_store: bool, limits: Limits,
              done: Callable[[str], None], check: Callable[[str], None],
              got: list[Article], keys: list[int]) -> tuple[Annotated | None, list[Problem]]:
    try:
        result = clean.clean(doc, limits)
    except Exception as exc:  # a bug met on one page must not cost the others
        return None, [Problem(doc.origin, f"not cleaned: internal error ({_describe(exc)})")]
    if isinstance(result, Problem):
        return None, [result]
    got.append(result)
    check("text")

    def step(part: str) -> None:
        done(part)
        check(part)

    problems: list[Problem] = []
    try:
        article = extract.annotate(result, tagger, step)
        if for_store:
            placeholder_mentions(article)
            step("quotes")
    except Exception as exc:
        problems.append(Problem(result.origin, "kept without some annotations: internal "
                                               f"error ({_describe(exc)})"))
        article = result
    if for_store:
        keys.extend(band_keys(article))
    return Annotated(article, keys), problems


_WORKER_TAGGER: Tagger | None = None


def _worker_init(ner: str | None) -> None:
    global _WORKER_TAGGER
    _WORKER_TAGGER = load_tagger(ner)


def _worker_run(docs: list[Document], for_store: bool, limits: Limits
                ) -> list[tuple[Annotated | None, list[Problem]]]:
    return [annotate_document(d, _WORKER_TAGGER, for_store, limits) for d in docs]


def _annotated(docs: Iterable[Document], workers: int, ner: str | Path | Tagger | None,
               for_store: bool, limits: Limits
               ) -> Iterator[tuple[Annotated | None, list[Problem]]]:
    """Per-article results in input order; `workers` processes, a bounded queue ahead."""
    if workers <= 1 or not (ner is None or isinstance(ner, str | Path)):
        tagger = ner if isinstance(ner, Tagger) else load_tagger(ner)
        for doc in docs:
            yield annotate_document(doc, tagger, for_store, limits)
        return
    spec = None if ner is None else str(ner)
    docs_iter = iter(docs)
    chunks = iter(lambda: list(islice(docs_iter, _CHUNK)), [])
    with ProcessPoolExecutor(workers, initializer=_worker_init, initargs=(spec,)) as pool:
        pending: list[Future[list[tuple[Annotated | None, list[Problem]]]]] = []
        for chunk in chunks:
            pending.append(pool.submit(_worker_run, chunk, for_store, limits))
            if len(pending) >= 4 * workers:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()


@dataclass(slots=True)
class Run:
    """What a run through a store did."""

    added: int = 0  # articles stored by this run
    seen: int = 0  # articles read, stored before or not
    stories: list[str] = field(default_factory=list)  # created or changed, oldest first
    problems: list[Problem] = field(default_factory=list)


def _documents(paths: Iterable[str | Path], report: ProblemHandler, progress: bool,
               limits: Limits) -> Iterator[Document]:
    files: list[Path] = []
    for item in ingest.discover(paths):
        if isinstance(item, Problem):
            report(item)
        else:
            files.append(item)
    total = ingest.count_inputs(files) if progress else None
    with tqdm(total=total, unit=" articles", file=sys.stderr, disable=not progress,
              dynamic_ncols=True) as bar:
        for path in files:
            for doc in ingest.read_file(path, limits):
                bar.update(1)
                if isinstance(doc, Problem):
                    report(doc)
                else:
                    yield doc


def _unique(articles: list[Article], taken: dict[str, str]) -> list[Article]:
    """Drop repeated articles (same content) and rename clashing ids of different ones.

    `taken` maps ids already in use to their content keys; it is updated.
    """
    seen = set(taken.values())
    kept: list[Article] = []
    for article in articles:
        ckey = content_key(article)
        if ckey in seen:
            continue
        seen.add(ckey)
        base, n = article.id, 1
        while article.id in taken:
            n += 1
            article.id = f"{base}~{n}"
        taken[article.id] = ckey
        kept.append(article)
    return kept


def _into_store(store: Store, items: Iterable[Annotated], run: Run, batch: int) -> None:
    touched: dict[str, None] = {}
    pending: list[Annotated] = []

    def flush() -> None:
        added, ids = link_batch(store, pending)
        run.added += added
        run.seen += len(pending)
        touched.update(dict.fromkeys(ids))
        pending.clear()

    for item in items:
        pending.append(item)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    run.stories = list(touched)


def analyze_documents(articles: list[Article], problems: list[Problem] | None = None,
                      db: str | Path | None = None) -> Dossier:
    """Link cleaned, annotated articles into a dossier, through the store when `db` is given
    (the dossier then holds the stories these articles created or changed)."""
    if db is None:
        articles = _unique(articles, {})
        entities = extract.link(articles)
        found_stories, reuse = stories.build(articles, entities)
        return Dossier(articles=articles, entities=entities, stories=found_stories,
                       reuse=reuse, problems=list(problems or []))
    for article in articles:
        placeholder_mentions(article)
    run = Run(problems=list(problems or []))
    with open_store(db) as store:
        _into_store(store, (Annotated(a, band_keys(a)) for a in articles), run, BATCH)
        return store_dossier(store, run.stories, run.problems)


def _reporter(run: Run, on_problem: ProblemHandler | None) -> ProblemHandler:
    def report(problem: Problem) -> None:
        run.problems.append(problem)
        if on_problem:
            on_problem(problem)

    return report


def store_into(paths: Iterable[str | Path], db: str | Path, *, progress: bool = False,
               on_problem: ProblemHandler | None = None,
               ner: str | Path | Tagger | None = None, workers: int | None = None,
               batch: int = BATCH, limits: Limits | None = None) -> Run:
    """Analyse inputs into a store, batch by batch; nothing is held beyond one batch."""
    run = Run()
    limits = limits or Limits.from_env()
    if isinstance(ner, str | Path):
        load_tagger(ner)  # a bad spec fails before any input is read or the store opened
    with open_store(db) as store:
        docs = _documents(paths, _reporter(run, on_problem), progress, limits)
        return store_documents(store, docs, ner=ner, workers=workers, batch=batch,
                               on_problem=on_problem, run=run, limits=limits)


def store_documents(store: Store, documents: Iterable[Document], *,
                    ner: str | Path | Tagger | None = None, workers: int | None = 1,
                    batch: int = BATCH, on_problem: ProblemHandler | None = None,
                    run: Run | None = None, limits: Limits | None = None) -> Run:
    """Analyse documents into an open store, as `store_into` does with files (the web API
    sends the records of a request here). Documents that cannot be used, or were kept
    without some annotations, are in `Run.problems` with their origin."""
    run = run if run is not None else Run()
    items = _results(_annotated(documents, workers or os.cpu_count() or 1, ner, True,
                                limits or Limits.from_env()), _reporter(run, on_problem))
    _into_store(store, items, run, batch)
    return run


def _results(results: Iterable[tuple[Annotated | None, list[Problem]]],
             report: ProblemHandler) -> Iterator[Annotated]:
    for item, problems in results:
        for p in problems:
            report(p)
        if item is not None:
            yield item


def store_dossier(store: Store, story_ids: list[str], problems: list[Problem] | None = None
                  ) -> Dossier:
    """The dossier of some stored stories: their articles, entities and reuse links."""
    found = store.stories(story_ids)
    ids = list(dict.fromkeys(i for s in found for i in s.articles))
    articles = sorted(store.articles(ids), key=lambda a: (a.published or "", a.id))
    return Dossier(articles=articles, entities=store.entities_in(ids), stories=found,
                   reuse=store.reuse_among(ids), problems=list(problems or []))


def open_existing(db: str | Path) -> Store:
    """A store that must exist already (a path that does not is an error, not a new store)."""
    if not str(db).startswith(("sqlite:", "postgres")) and not Path(db).is_file():
        raise StoreError(f"{db}: no such store")
    return open_store(db)


def selected_stories(store: Store, selection: Selection) -> list[str]:
    """The stories of a slice; with no filter, those of the store's last `EXPORT_DAYS`."""
    if selection == Selection():
        latest = store.latest_day()
        if latest is None:
            return []
        since = date.fromisoformat(latest) - timedelta(days=EXPORT_DAYS - 1)
        selection = Selection(since=since.isoformat())
    return store.select(selection)


def export(db: str | Path, selection: Selection) -> Dossier:
    """The dossier of a slice of a store (see `selected_stories`), in memory."""
    with open_existing(db) as store:
        return store_dossier(store, selected_stories(store, selection))


def analyze(paths: Iterable[str | Path], db: str | Path | None = None, *,
            progress: bool = False, on_problem: ProblemHandler | None = None,
            ner: str | Path | Tagger | None = None, workers: int | None = 1,
            limits: Limits | None = None) -> Dossier:
    """Analyse news files and folders into a dossier.

    `paths`: `.txt`, `.html`/`.htm`, `.jsonl`/`.jsonl.gz` files, or folders holding them.
    `db`: a store (SQLite path) to add the articles to; the dossier then holds the stories
    this call created or changed (`export` reads any slice of the store).
    `ner`: the NER tagger, or a spec for `marsad.extract.ner.load_tagger` ("neural", a model
    file or folder, "transformers:DIR"); None for the shipped CRF. A spec that cannot be
    loaded raises `TaggerError` before any input is read.
    `workers`: processes for the per-article stages (None: one per core).
    `limits`: on one input's size and time (`marsad.limits`; None: defaults and environment).
    Inputs that cannot be read are listed in `Dossier.problems` (and passed to `on_problem`
    as they occur); they never stop the others.
    """
    limits = limits or Limits.from_env()
    if db is not None:
        run = store_into(paths, db, progress=progress, on_problem=on_problem, ner=ner,
                         workers=workers, limits=limits)
        with open_store(db) as store:
            return store_dossier(store, run.stories, run.problems)
    tagger = load_tagger(ner) if isinstance(ner, str | Path) else ner
    problems: list[Problem] = []

    def report(problem: Problem) -> None:
        problems.append(problem)
        if on_problem:
            on_problem(problem)

    spec: str | Path | Tagger | None = ner if workers and workers > 1 else tagger
    articles = [item.article for item in _results(
        _annotated(_documents(paths, report, progress, limits), workers or os.cpu_count() or 1,
                   spec, False, limits), report)]
    return analyze_documents(articles, problems)
