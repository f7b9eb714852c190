"""Incremental, time-aware grouping of articles into stories (one real-world event each).

Each article becomes a sparse TF-IDF vector of light stems, with the title and the lead
weighted up because they name the event an article is about. Articles are taken in date
order; each joins the most similar open story (centroid cosine plus shared entities) or
starts a new one. A story is open to an article only within a few days of its dates, so
a story spans days, not years.

Everything the next run needs is kept in a `StoryIndex` (a JSON-serialisable object):
with it, new articles join stories already in the store without recomputing anything.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from marsad.normalise import tokens
from marsad.records import Article, Reuse, Story
from marsad.stories.reuse import SHINGLE, boilerplate_shingles, shingle_hashes
from marsad.stories.text import content_stem, day_of, idf, token_spans

BOILERPLATE_WEIGHT = 0.2  # of a term met only inside boilerplate phrases

JOIN = 0.28  # cosine (plus entity bonus) an article needs to join a story
ENTITY_WEIGHT = 0.05
# A copy of most of an article is the same story; a copied paragraph may be background.
COPY_JOINS = 0.3
SHARED_PASSAGE_BONUS = 0.1
MAX_GAP = timedelta(days=5)  # an article this far past a story's last day starts anew
MAX_SPAN = timedelta(days=21)
SEED_MIN = 0.15  # cosine to the story's first article, against topic drift
TOP_TERMS = 60  # terms kept per story centroid: enough to match, small to store
CANDIDATE_TERMS = 12  # an article meets the stories sharing one of its strongest terms
TITLE_WEIGHT = 3
LEAD_WEIGHT = 2
LEAD_WORDS = 60


Vector = dict[str, float]


def article_vector(article: Article, lead_only: bool = False) -> Vector:
    """Unit-length TF-IDF vector of an article; title and lead count more.

    `lead_only`: of the title and the lead alone, which name an article's main event.
    The vector is shared between callers (clustering, story titles): do not change it.
    """
    return _vector(article.title or "", article.text, lead_only)


def _stems(forms: list[str]) -> list[tuple[str, bool]]:
    """Content stems of folded tokens, each with whether it lies in boilerplate: a set
    phrase of the shipped background (protocol titles, agency and outlet formulas)."""
    set_phrase = [False] * len(forms)
    boiler = boilerplate_shingles()
    for i, h in enumerate(shingle_hashes(forms)):
        if h in boiler:
            set_phrase[i : i + SHINGLE] = [True] * SHINGLE
    return [(s, b) for s, b in zip(map(content_stem, forms), set_phrase, strict=True) if s]


@lru_cache(maxsize=4096)
def _vector(title: str, text: str, lead_only: bool) -> Vector:
    counts: Counter[str] = Counter()
    free: Counter[str] = Counter()  # the part of each count outside boilerplate
    body = _stems([t.form for t in token_spans(text)])
    parts = [(_stems(tokens(title)), TITLE_WEIGHT), (body[:LEAD_WORDS], LEAD_WEIGHT)]
    if not lead_only:
        parts.append((body[LEAD_WORDS:], 1))
    for stems, weight in parts:
        for s, boiler in stems:
            counts[s] += weight
            if not boiler:
                free[s] += weight
    # A term the article uses only inside set phrases says little about its event.
    vec = {t: (1.0 + math.log(c)) * idf(t)
           * (BOILERPLATE_WEIGHT + (1.0 - BOILERPLATE_WEIGHT) * free[t] / c)
           for t, c in counts.items()}
    return _unit(vec)


def _unit(vec: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def _entities(article: Article) -> set[str]:
    return {m.entity for m in article.mentions if m.entity}


@dataclass(slots=True)
class StoryProfile:
    """What clustering remembers of one story: centroid, entities, dates, members."""

    id: str
    centroid: Vector  # sum of member vectors, pruned to the strongest terms
    entities: dict[str, int] = field(default_factory=dict)
    start: str | None = None  # ISO day
    end: str | None = None
    articles: list[str] = field(default_factory=list)
    seed: Vector = field(default_factory=dict)  # the first article's strongest terms

    def add(self, article: Article, vec: Vector) -> None:
        if not self.seed:
            self.seed = {t: round(v, 4) for t, v in
                         sorted(vec.items(), key=lambda kv: -kv[1])[:TOP_TERMS]}
        summed: dict[str, float] = defaultdict(float, self.centroid)
        for t, v in vec.items():
            summed[t] += v
        top = sorted(summed.items(), key=lambda kv: -kv[1])[:TOP_TERMS]
        self.centroid = {t: round(v, 4) for t, v in top}
        for e in _entities(article):
            self.entities[e] = self.entities.get(e, 0) + 1
        day = day_of(article.published)
        if day:
            iso = day.isoformat()
            self.start = min(self.start or iso, iso)
            self.end = max(self.end or iso, iso)
        self.articles.append(article.id)

    def open_to(self, day: date | None) -> bool:
        if day is None or self.start is None or self.end is None:
            return True
        start, end = date.fromisoformat(self.start), date.fromisoformat(self.end)
        return start - MAX_GAP <= day <= end + MAX_GAP and day - start <= MAX_SPAN


@dataclass(slots=True)
class StoryIndex:
    """Serialisable clustering state: persist `to_dict()` and pass it back next run."""

    profiles: dict[str, StoryProfile] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "profiles": [
                {"id": p.id, "centroid": p.centroid, "entities": p.entities,
                 "start": p.start, "end": p.end, "articles": p.articles, "seed": p.seed}
                for p in self.profiles.values()
            ]
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryIndex:
        profiles = [StoryProfile(**p) for p in data.get("profiles", [])]
        return cls({p.id: p for p in profiles})

    @classmethod
    def from_stories(cls, stories: list[Story]) -> StoryIndex:
        """Rebuild a usable index from stored stories alone (title, summary, timeline).

        Lossier than a persisted index, but lets `cluster` continue from any store.
        """
        index = cls()
        for s in stories:
            parts = [s.title, s.title, s.title]
            parts += [str(x.get("text", "")) for x in s.summary + s.timeline]
            vec = article_vector(Article(id=s.id, origin="", text="\n".join(parts)))
            index.profiles[s.id] = StoryProfile(
                s.id, dict(sorted(vec.items(), key=lambda kv: -kv[1])[:TOP_TERMS]),
                start=s.start[:10] if s.start else None,
                end=s.end[:10] if s.end else None, articles=list(s.articles),
            )
        return index


def _story_id(article: Article) -> str:
    return "story-" + hashlib.sha1(article.id.encode()).hexdigest()[:12]


def _norm(vec: Vector) -> float:
    return math.sqrt(sum(v * v for v in vec.values())) or 1.0


def _score(vec: Vector, ents: set[str], profile: StoryProfile,
           norms: dict[str, tuple[float, float]]) -> float:
    if profile.id not in norms:
        norms[profile.id] = (_norm(profile.centroid), _norm(profile.seed))
    norm, seed_norm = norms[profile.id]
    score = _cosine(vec, profile.centroid) / norm
    # Against drift: a grown story still has to be about what its first article was.
    grown = profile.seed and len(profile.articles) > 1
    if grown and _cosine(vec, profile.seed) / seed_norm < SEED_MIN:
        return 0.0
    if ents and profile.entities:
        score += ENTITY_WEIGHT * len(ents & profile.entities.keys()) / len(ents)
    return score


def _copied_share(r: Reuse, at_hand: dict[str, Article]) -> float:
    """How much of either article the copied passages make: whichever way the text went
    (a short piece copied whole into a longer one is most of the short one)."""
    words = sum(len(token_spans(p)) for p in r.passages)
    sides = [len(token_spans(at_hand[i].text)) for i in r.articles if i in at_hand]
    return max([r.share, *(words / n for n in sides if n)])


def cluster(
    articles: list[Article],
    stories: list[Story] | None = None,
    *,
    index: StoryIndex | None = None,
    reuse: list[Reuse] | None = None,
) -> list[Story]:
    """Assign `articles` to the given stories or to new ones; return all stories.

    `index` (updated in place) carries the state of earlier runs; without it, one is
    rebuilt from `stories`. Articles linked by copied text (`reuse`) share a story.
    """
    stories = list(stories or [])
    if index is None:
        index = StoryIndex.from_stories(stories)
    by_id = {s.id: s for s in stories}
    member_of = {a: p.id for p in index.profiles.values() for a in p.articles}
    copied: dict[str, set[str]] = defaultdict(set)  # most of one is the other's text
    shares: dict[str, set[str]] = defaultdict(set)  # a copied paragraph or two
    at_hand = {a.id: a for a in articles}
    for r in reuse or []:
        a, b = r.articles
        links = copied if _copied_share(r, at_hand) >= COPY_JOINS else shares
        links[a].add(b)
        links[b].add(a)

    postings: dict[str, set[str]] = defaultdict(set)  # term -> stories with it in centroid
    for p in index.profiles.values():
        for t in p.centroid:
            postings[t].add(p.id)

    norms: dict[str, tuple[float, float]] = {}  # per story: centroid and seed norms
    order = sorted(articles, key=lambda a: (a.published or "", a.id))
    for article in order:
        if article.id in member_of:
            continue
        vec = article_vector(article)
        ents = _entities(article)
        day = day_of(article.published)
        linked = [member_of[o] for o in copied[article.id] if o in member_of]
        best_id, best = None, 0.0
        if linked:
            counts = Counter(linked)
            most = max(counts.values())
            # Copied from several stories (a roundup): the one its title and lead are
            # about, in a fixed order, never in the hash order of a set of ids.
            lead = article_vector(article, lead_only=True)
            best_id = max(sorted(s for s, n in counts.items() if n == most),
                          key=lambda sid: _cosine(lead, index.profiles[sid].centroid)
                          / _norm(index.profiles[sid].centroid))
            best = 1.0
        else:
            top = sorted(vec, key=lambda t: -vec[t])[:CANDIDATE_TERMS]
            candidates = set().union(*(postings.get(t, set()) for t in top)) if top else set()
            for sid in candidates:
                profile = index.profiles[sid]
                if not profile.open_to(day):
                    continue
                score = _score(vec, ents, profile, norms)
                if shares[article.id] & set(profile.articles):
                    score += SHARED_PASSAGE_BONUS
                if score > best:
                    best_id, best = sid, score
        if best_id is None or best < JOIN:
            best_id = _story_id(article)
            index.profiles[best_id] = StoryProfile(best_id, {})
        profile = index.profiles[best_id]
        profile.add(article, vec)
        norms.pop(best_id, None)
        for t in profile.centroid:
            postings[t].add(best_id)
        member_of[article.id] = best_id

    out: list[Story] = []
    for p in index.profiles.values():
        story = by_id.get(p.id) or Story(id=p.id, title="", articles=[])
        story.articles = list(p.articles)
        story.start = story.start if story.start and p.start and story.start < p.start else p.start
        story.end = p.end
        out.append(story)
    return out
