"""Link: the across-articles half of the pipeline, one batch at a time, through a store.

A batch of annotated articles is linked to what the store holds near it, never to the
whole store: entities through the stored name keys of its mentions, reuse candidates
through the stored MinHash band keys of articles within the reuse window, stories through
the profiles of the stories open around its days. Only the stories that gain articles get
their title, timeline, claims and summary rebuilt. Everything a batch changes is written
in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from threadpoolctl import threadpool_limits

from marsad.extract import entities as resolution
from marsad.extract import quotes as quote_finder
from marsad.records import Article, Entity, Reuse
from marsad.store import Store, content_key
from marsad.stories import StoryIndex, cluster, describe, find_reuse
from marsad.stories.reuse import BAND_LIMIT, template_shingles
from marsad.stories.speakers import resolve_story_roles
from marsad.stories.stage import REUSE_WINDOW
from marsad.stories.text import day_of
from marsad.stories.timeline import lagging_outlets

__all__ = ["BAND_LIMIT", "Annotated", "link_batch", "name_keys", "resolve_known"]

# A name key more stored entities share than this ("بن", "محمد" alone: thousands in a big
# store) blocks nothing; matching against all of them made linking grow with the store.
MAX_ENTITIES_PER_KEY = 100
TEMPLATE_SAMPLE = 40  # stored articles per outlet beside the batch, to find its templates
_PLACEHOLDER = "\x00m"  # quote speakers before entities are resolved: the mention index


@dataclass(slots=True)
class Annotated:
    """What the per-article half hands to linking: the article and its reuse band keys."""

    article: Article
    bands: list[int]


def name_keys(name: str, typ: str) -> list[str]:
    """Blocking keys of a name: a stored entity is a candidate when it shares one."""
    return resolution.name_keys(name, typ)


def resolve_known(articles: list[Article], known: list[Entity]
                  ) -> tuple[list[Entity], dict[str, str]]:
    """The entities these articles add to or change, and redirects {merged stored id:
    surviving id}: `entities.resolve` with the stored candidates."""
    return resolution.resolve(articles, known=known)


def placeholder_mentions(article: Article) -> None:
    """Find quotes before entities exist: each mention stands for itself by its index, so
    the quote finder sees mentions exactly as it will once they are resolved."""
    for k, m in enumerate(article.mentions):
        m.entity = f"{_PLACEHOLDER}{k}"
    try:
        article.quotes = quote_finder.find_quotes(article.text, article.mentions)
    finally:
        for m in article.mentions:
            m.entity = None


def _unique(store: Store, items: list[Annotated]) -> list[Annotated]:
    """Drop articles stored already or repeated in the batch; rename clashing ids."""
    keys = [content_key(i.article) for i in items]
    seen = store.known_contents(keys)
    kept: list[Annotated] = []
    for item, ckey in zip(items, keys, strict=True):
        if ckey not in seen:
            seen.add(ckey)
            kept.append(item)
    taken = store.known_ids([i.article.id for i in kept])
    used: set[str] = set()
    for item in kept:
        a = item.article
        base, n = a.id, 1
        while a.id in used or a.id in taken:
            n += 1
            a.id = f"{base}~{n}"
            taken |= store.known_ids([a.id])
        used.add(a.id)
    return kept


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _link_entities(store: Store, articles: list[Article]) -> None:
    """Resolve the batch's mentions against the stored entities they may be; save them."""
    keys = sorted({k for a in articles for m in a.mentions for k in name_keys(m.text, m.type)})
    known = store.entities_by_keys(keys, max_per_key=MAX_ENTITIES_PER_KEY)
    speakers = [{f"{_PLACEHOLDER}{k}": m for k, m in enumerate(a.mentions)} for a in articles]
    counts = [len(a.mentions) for a in articles]
    found, redirects = resolve_known(articles, known)
    known_ids = {e.id for e in known}
    clash = store.entity_ids([e.id for e in found if e.id not in known_ids])
    for e in found:  # a new entity whose id a stored one (not among the candidates) took
        if e.id in clash:
            old, n = e.id, 2
            while e.id in clash or store.entity_ids([e.id]):
                e.id, n = f"{old}-{n}", n + 1
            for a in articles:
                for m in a.mentions:
                    if m.entity == old:
                        m.entity = e.id
    for a, by_mark, count in zip(articles, speakers, counts, strict=True):
        if len(a.mentions) != count:  # names recovered from other articles: find again
            a.quotes = quote_finder.find_quotes(a.text, a.mentions)
            continue
        for q in a.quotes:
            if q.speaker and q.speaker.startswith(_PLACEHOLDER):
                q.speaker = by_mark[q.speaker].entity
    quote_finder.roles.add_titles(found, articles)
    store.save_entities(found, {e.id: sorted({k for v in e.variants for k in
                                              name_keys(v, e.type)}) for e in found},
                        redirects)


def _link_reuse(store: Store, items: list[Annotated]) -> list[Reuse]:
    """Reuse between the batch's articles and with stored ones sharing an LSH band."""
    days = {i.article.id: day_of(i.article.published) for i in items}
    dated = [d for d in days.values() if d]
    owners: dict[int, list[str]] = defaultdict(list)
    for i in items:
        for b in i.bands:
            owners[b].append(i.article.id)
    stored: dict[int, set[str]] = {}
    if dated:
        stored = store.band_matches(sorted(owners), _iso(min(dated) - REUSE_WINDOW),
                                    _iso(max(dated) + REUSE_WINDOW))
    pairs: set[tuple[str, str]] = set()
    for b, new in owners.items():
        old = stored.get(b, set())
        if len(new) + len(old) > BAND_LIMIT:
            continue
        pairs.update((x, y) for n, x in enumerate(new) for y in new[n + 1:])
        pairs.update((x, y) for x in new for y in old)
    partners = sorted({y for _, y in pairs} - set(days))
    neighbours = store.articles(partners, annotations=False)
    near: dict[str, date | None] = {a.id: day_of(a.published) for a in neighbours}
    near.update(days)

    def within(x: str, y: str) -> bool:
        dx, dy = near.get(x), near.get(y)
        return dx is None or dy is None or abs(dx - dy) <= REUSE_WINDOW

    pairs = {(x, y) for x, y in pairs if x in near and y in near and within(x, y)}
    # Outlet templates are counted in the batch, its candidates and the latest stored
    # articles of its outlets: without the latter, the few articles that share text would
    # make a copied passage look like a template.
    batch = [i.article for i in items]
    outlets = sorted({a.outlet for a in batch if a.outlet})
    sample = store.recent_of_outlets(outlets, _iso(max(dated)) if dated else None,
                                     TEMPLATE_SAMPLE)
    known = {a.id: a for a in neighbours}
    sample_articles = store.articles([i for i in sample if i not in known],
                                     annotations=False)
    return find_reuse(batch + neighbours, pairs,
                      templates=template_shingles(batch + neighbours + sample_articles))


def _link_stories(store: Store, articles: list[Article], reuse: list[Reuse]) -> list[str]:
    """New articles join open stories or start new ones; touched stories are described."""
    dated = [d for d in (day_of(a.published) for a in articles) if d]
    new_ids = {a.id for a in articles}
    partners = sorted({x for r in reuse for x in r.articles} - new_ids)
    profiles = store.profiles(_iso(min(dated)) if dated else None,
                              _iso(max(dated)) if dated else None, partners)
    before = {p.id: len(p.articles) for p in profiles}
    index = StoryIndex({p.id: p for p in profiles})
    result = cluster(articles, None, index=index, reuse=reuse)
    touched = [s for s in result if before.get(s.id) != len(s.articles)]
    by_id = {a.id: a for a in articles}
    stored_members = sorted({i for s in touched for i in s.articles} - new_ids)
    by_id.update({a.id: a for a in store.articles(stored_members)})
    lagging = lagging_outlets(articles)  # of the batch, as stories.stage.build
    with threadpool_limits(limits=1, user_api="blas"):  # see stories.stage.build
        for story in touched:
            members = [by_id[i] for i in story.articles if i in by_id]
            resolve_story_roles(members, new_ids)  # before the claims read the speakers
            describe(story, members, lagging)
    store.save_stories(touched, [index.profiles[s.id] for s in touched])
    return [s.id for s in touched]


def link_batch(store: Store, items: list[Annotated]) -> tuple[int, list[str]]:
    """Link and store one batch in one transaction: (articles added, stories touched)."""
    with store.transaction():
        items = _unique(store, items)
        if not items:
            return 0, []
        articles = [i.article for i in items]
        _link_entities(store, articles)
        reuse = _link_reuse(store, items)
        touched = _link_stories(store, articles, reuse)
        store.add_articles(articles, {i.article.id: i.bands for i in items})
        store.add_reuse(reuse)
    return len(articles), touched
