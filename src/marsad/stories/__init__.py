"""Stories: copied text between outlets, event clusters, timelines, claims and summaries.

`build(articles, entities)` runs the whole stage and returns `(stories, reuse)`;
`find_reuse` and `cluster` are its two halves, `describe` fills one story's title,
timeline, claims, summary and span from its articles.

Incremental use (a store): keep the stories, the articles and `StoryIndex.to_dict()`
(JSON) between runs, then

    index = StoryIndex.from_dict(saved)
    stories, reuse = build(new_articles, entities, stories=stored_stories, index=index,
                           known=stored_articles_by_id)

New articles join stored stories or start new ones; only stories that change are
described again, and `index` is updated in place (save it again).
"""

from marsad.stories.cluster import StoryIndex, cluster
from marsad.stories.reuse import find_reuse
from marsad.stories.stage import build, describe

__all__ = ["StoryIndex", "build", "cluster", "describe", "find_reuse"]
