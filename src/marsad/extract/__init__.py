"""Extract: what each article says — times, named entities, figures and quotes.

`annotate` works on one article at a time; `link` works across all articles of a run or a
store, because entities are resolved across outlets and quotes point at those entities.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from marsad.extract import attribution, entities, ner, quantities, quotes, times
from marsad.records import Article, Entity

__all__ = ["annotate", "link"]


def annotate(article: Article, tagger: ner.Tagger | None = None,
             done: Callable[[str], None] | None = None) -> Article:
    """Date the article from its text unless its page or metadata dates it, fill its
    times, mentions and quantities, and add the agencies its body cites to its credits.

    A discovery (crawl) date alone gives way to the text's cues: publication is on or before
    it. `tagger`: the NER tagger to use (`ner.load_tagger`); None for the shipped CRF.
    `done` is called with each part's name ("times", "mentions", "figures", "agencies")
    once the article holds it (it may raise to stop there: a time budget)."""
    step = done or (lambda _: None)
    if article.published is None or article.published_basis == "discovered":
        anchors = [post.date for post in article.embedded_posts if post.date]
        inferred = times.infer_publication_date(article.text, anchors, article.discovered)
        if inferred:
            article.published, article.published_basis = inferred, "inferred"
    article.times = times.tag(article.text, article.published)
    step("times")
    article.mentions = ner.find_mentions_with(tagger or ner.load_tagger(None), article.text)
    # Speakers named as a body the tagger missed ("قالت وزارة الاقتصاد والتخطيط إن").
    article.mentions = sorted([*article.mentions,
                               *quotes.speaker_names(article.text, article.mentions)],
                              key=lambda m: (m.start, m.end))
    step("mentions")
    article.quantities = quantities.find_quantities(article.text)
    step("figures")
    # An agency the body cites for its facts ("قال مسؤول لرويترز") is one of its sources.
    for name in attribution.inline_agencies(article):
        if name not in article.credits:
            article.credits.append(name)
    step("agencies")
    return article


def link(articles: Sequence[Article]) -> list[Entity]:
    """Resolve entities across `articles` and attribute each article's quotes to them."""
    resolved, _ = entities.resolve(list(articles))
    quotes.roles.add_titles(resolved, list(articles))
    for article in articles:
        article.quotes = quotes.find_quotes(article.text, article.mentions)
    return resolved
