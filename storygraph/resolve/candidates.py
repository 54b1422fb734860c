"""Which stories an article could belong to, found through an inverted index, not a scan.

Comparing every article with every story makes the cost of one assignment grow
with the number of stories. Instead each story is filed under its keys: every
entity of its centroid and its most weighty terms. An article looks up its own
entities and its weightiest terms, and only the stories found that way are
scored in full. A key filed under more than `max_posting` stories says too
little to pick a story (a word like "police") and is skipped; of the stories
found, the `max_candidates` that share the most weight with the article are
kept. So an assignment reads a bounded number of postings and scores a bounded
number of stories, however many stories there are.

A story that shares no key with the article at all would score 0 on terms and
entities, so leaving it out changes nothing; the bounds above are what can
change a decision, and bench/bench_stories.py measures how often they do.

Inside a big topic the same keys pick the events (stories) an article is ranked
against (`rank_shared`): the `event_candidates` sharing the most weight with it.
Every event of a topic shares the topic's words, so no key is skipped there: the
weight of what only some events share (names, rare words) decides which come
first. The store keeps these postings with each story (`storygraph.story_store`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storygraph.resolve.stories import Params, Profile


def _top(vector: dict[str, float], limit: int) -> list[tuple[str, float]]:
    return sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def keys(profile: Profile, terms: int) -> dict[str, float]:
    """Index keys of a profile with their weights: all its entities and its top terms."""
    found = {f"e:{k}": v for k, v in profile.entities.items()}
    found.update((f"t:{k}", v) for k, v in _top(profile.terms, terms))
    return found


class CandidateIndex:
    """Story ids filed under the keys of their centroids; kept current as stories change."""

    def __init__(self, params: Params) -> None:
        self.params = params
        self.postings: dict[str, set[str]] = {}
        self.filed: dict[str, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self.filed)

    def put(self, story: str, centroid: Profile) -> None:
        """File (or refile) `story` under the keys of its current centroid."""
        self.drop(story)
        filed = tuple(keys(centroid, self.params.index_terms))
        for key in filed:
            self.postings.setdefault(key, set()).add(story)
        self.filed[story] = filed

    def drop(self, story: str) -> None:
        for key in self.filed.pop(story, ()):
            posting = self.postings.get(key)
            if posting is not None:
                posting.discard(story)
                if not posting:
                    del self.postings[key]

    def candidates(self, profile: Profile, exclude: Iterable[str] = ()) -> list[str]:
        """Stories sharing weighty keys with `profile`, most shared weight first (ties by id)."""
        return self._shared(profile, exclude, self.params.max_posting,
                            self.params.max_candidates)

    def events(self, profile: Profile) -> list[str]:
        """The events of one topic filed here that an article is ranked against: those
        sharing the most weight with `profile`, however many events share each key."""
        return self._shared(profile, (), None, self.params.event_candidates)

    def _shared(self, profile: Profile, exclude: Iterable[str], max_posting: int | None,
                limit: int) -> list[str]:
        shared: dict[str, float] = {}
        # Keys in sorted order: each story's sum is then the same float however the
        # profile's entries were ordered (as made, or as read back from the store).
        for key, weight in sorted(keys(profile, self.params.query_terms).items()):
            posting = self.postings.get(key)
            if not posting or (max_posting is not None and len(posting) > max_posting):
                continue
            for story in posting:
                shared[story] = shared.get(story, 0.0) + weight
        for story in exclude:
            shared.pop(story, None)
        return rank_shared(shared, limit)


def rank_shared(shared: dict[str, float], limit: int) -> list[str]:
    """The `limit` stories with the most shared weight, best first (ties: the smaller id)."""
    ranked = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))
    return [story for story, _ in ranked[:limit]]
