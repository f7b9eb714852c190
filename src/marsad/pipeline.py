"""The whole job: ingest → clean → extract → store → stories → dossier."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from tqdm import tqdm

from marsad import clean, extract, ingest, stories
from marsad.extract.ner import Tagger, load_tagger
from marsad.records import Article, Dossier, Entity, Problem, Reuse, Story
from marsad.store import Store, content_key

__all__ = ["analyze", "analyze_documents"]

ProblemHandler = Callable[[Problem], None]


def _articles(paths: Iterable[str | Path], problems: list[Problem], progress: bool,
              on_problem: ProblemHandler | None, tagger: Tagger | None) -> list[Article]:
    def report(problem: Problem) -> None:
        problems.append(problem)
        if on_problem:
            on_problem(problem)

    files: list[Path] = []
    for item in ingest.discover(paths):
        if isinstance(item, Problem):
            report(item)
        else:
            files.append(item)
    total = ingest.count_inputs(files) if progress else None
    articles: list[Article] = []
    with tqdm(total=total, unit=" articles", file=sys.stderr, disable=not progress,
              dynamic_ncols=True) as bar:
        for path in files:
            for doc in ingest.read_file(path):
                bar.update(1)
                if isinstance(doc, Problem):
                    report(doc)
                    continue
                try:
                    result = clean.clean(doc)
                except Exception as exc:  # a bug met on one page must not cost the others
                    report(Problem(doc.origin, f"not cleaned: internal error ({_describe(exc)})"))
                    continue
                if isinstance(result, Problem):
                    report(result)
                    continue
                try:
                    articles.append(extract.annotate(result, tagger))
                except Exception as exc:
                    report(Problem(result.origin, "kept without some annotations: internal "
                                                  f"error ({_describe(exc)})"))
                    articles.append(result)
    return articles


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


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


def analyze_documents(articles: list[Article], problems: list[Problem] | None = None,
                      db: str | Path | None = None) -> Dossier:
    """Link cleaned, annotated articles into a dossier, through the store when `db` is given."""
    if db is None:
        articles = _unique(articles, {})
        entities = extract.link(articles)
        found_stories, reuse = stories.build(articles, entities)
    else:
        with Store(db) as store:
            new = store.add(_unique(articles, store.id_keys()))
            articles = list(store.articles())
            entities = extract.link(articles)
            found_stories, reuse = _stories_in_store(store, new, articles, entities)
    return Dossier(articles=articles, entities=entities, stories=found_stories, reuse=reuse,
                   problems=list(problems or []))


def _stories_in_store(store: Store, new: list[Article], articles: list[Article],
                      entities: list[Entity]) -> tuple[list[Story], list[Reuse]]:
    """Add the new articles to the stored stories instead of clustering the store again."""
    saved = store.get_state("stories")
    if saved is None:
        index = stories.StoryIndex()
        found, reuse = stories.build(articles, entities, index=index)
    else:
        found = [Story.from_dict(s) for s in saved["stories"]]
        reuse = [Reuse.from_dict(r) for r in saved["reuse"]]
        index = stories.StoryIndex.from_dict(saved["index"])
        if new:
            by_id = {a.id: a for a in articles}
            found, added = stories.build(new, entities, stories=found, index=index,
                                         known=by_id)
            reuse += added
    store.set_state("stories", {"stories": [s.to_dict() for s in found],
                                "reuse": [r.to_dict() for r in reuse],
                                "index": index.to_dict()})
    return found, reuse


def analyze(paths: Iterable[str | Path], db: str | Path | None = None, *,
            progress: bool = False, on_problem: ProblemHandler | None = None,
            ner: str | Path | Tagger | None = None) -> Dossier:
    """Analyse news files and folders into a dossier.

    `paths`: `.txt`, `.html`/`.htm`, `.jsonl`/`.jsonl.gz` files, or folders holding them.
    `db`: a SQLite store to add the articles to; the dossier then covers the whole store.
    `ner`: the NER tagger, or a spec for `marsad.extract.ner.load_tagger` ("neural", a model
    file or folder, "transformers:DIR"); None for the shipped CRF. A spec that cannot be
    loaded raises `TaggerError` before any input is read.
    Inputs that cannot be read are listed in `Dossier.problems` (and passed to `on_problem`
    as they occur); they never stop the others.
    """
    tagger = load_tagger(ner) if isinstance(ner, str | Path) else ner
    problems: list[Problem] = []
    articles = _articles(paths, problems, progress, on_problem, tagger)
    return analyze_documents(articles, problems, db)
