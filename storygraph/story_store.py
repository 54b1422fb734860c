"""Stories in the store: the two-level model (topics, and the events in each) kept current.

`storygraph.resolve.stories` is the model (profiles, topics, the split into events);
this module keeps its state in the stories graph and plans, for one article write,
the operations that run in the same request as the article's graph
(`storygraph.ingest.ArticleWriter`): an article is never stored without its story.

The stories graph holds:

* per topic: `sg:Topic`, `sg:profile`, its centroid (the sum of its articles'
  profiles), and `sg:articles`, its size;
* per story (one event of a topic): `storyline:Storyline`, `sg:topic`, its label,
  time span, key entities (`schema:about`, and `sg:keyEntity` records of how many of its
  articles name each), its articles (`storyline:hasSlot`, with
  `storyline:follows` in date order, and their number, `sg:articles`), `sg:profile`
  (its centroid), `sg:why`, what tells its articles apart from the rest of the topic,
  `sg:storyKey`, its keys in its topic's candidate index, through which an article
  of a big topic finds the few stories it is ranked against, and `sg:listKey`, its
  place in the list of stories (`list_key`);
* per article: `sg:profile`, its own vectors, date, signature and why it joined its
  topic, so a replaced or removed article leaves exactly and a topic can be split
  again from what is stored;
* a `sg:StorySplit` (or `sg:StoryMerge`) PROV activity whenever a stored story's
  articles fall into several events (or several stories become one), with the cut
  and what each side has that the other lacks.

Candidates come from `StoryTracker`, which holds the topics' inverted index
(`storygraph.resolve.candidates`) in the writer's process: read once, then updated
from each applied plan, so planning reads the few candidate topics, never every one.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, NamedTuple

from storygraph.model import Extraction
from storygraph.rdf.index import STORY_TALLIES_SINCE, index_version
from storygraph.rdf.mapping import date_literal
from storygraph.rdf.namespace import (
    ACTIVITY_BASE,
    AGENT_BASE,
    ARTICLE_BASE,
    LIST_KEY_SEPARATOR,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SG,
    STORIES_GRAPH,
    STORY_BASE,
    STORYLINE,
    TOPIC_BASE,
    XSD,
    article_iri,
)
from storygraph.rdf.sparql import values_block
from storygraph.rdf.story_counts import key_entities, tally_change, tally_drop
from storygraph.rdf.terms import Literal, NamedNode, Quad
from storygraph.rdf.update import delete_data, insert_data
from storygraph.resolve.candidates import CandidateIndex, keys, rank_shared
from storygraph.resolve.events import Split
from storygraph.resolve.stories import (
    DEFAULT_PARAMS,
    Decision,
    Params,
    Profile,
    Similarity,
    add,
    afresh,
    around,
    article_profile,
    bounded_partition,
    decide,
    label,
    merge,
    merge_partner,
    nearest,
    subtract,
)
from storygraph.store import GraphStore

CACHED_TOPICS = 512  # parsed topic centroids kept between articles (the candidates' mostly)
# Parsed story records and article profiles kept between articles: a big topic's stories
# and the articles of those split again recur from one article to the next.
CACHED_STORIES = 256
CACHED_ARTICLES = 1024
STORY_AGENT = "storygraph"


@dataclass(frozen=True)
class StoryAssignment:
    """What happened to one stored article: its story and topic, whether new, and why."""

    article: str  # article IRI
    story: str  # story IRI
    created: bool  # it started a topic
    merged: tuple[str, ...] = ()  # topic IRIs folded into its topic
    similarity: Similarity | None = None
    topic: str = ""


@dataclass(frozen=True)
class StoryPlan:
    """The stories part of one article's transaction, where the article went, and the
    topics' centroids after it (None: dropped), for the tracker once it is applied."""

    operations: list[str]
    assignment: StoryAssignment | None = None
    topics: Mapping[str, Profile | None] = field(default_factory=dict)
    # Stories and article profiles as the plan leaves them (None: gone), and topics merged
    # into another (old -> new), for the tracker's caches.
    stories: Mapping[str, _Record | None] = field(default_factory=dict)
    articles: Mapping[str, tuple[Profile, str | None] | None] = field(default_factory=dict)
    moved: Mapping[str, str] = field(default_factory=dict)
    # Articles of the stories it writes whole: their tallies are counted again from each
    # one's mentions, which the request reads (what makes a request large in a big topic).
    recounted: int = 0


class _Record(NamedTuple):
    """A stored story as planning reads it."""

    centroid: Profile
    topic: str
    why: str
    size: int


class _Bounded(OrderedDict[str, Any]):
    """The most recently used `limit` entries."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def get_recent(self, key: str) -> Any:
        if key in self:
            self.move_to_end(key)
            return self[key]
        return None

    def put(self, key: str, value: Any) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.limit:
            self.popitem(last=False)


class _Profiles(_Bounded):
    """The most recently used `limit` article profiles with their dates, each kept as its
    JSON text (~2 KB) rather than parsed (~10 KB, and ~6 KB more once its features are
    made): a long run fills the cache, and its 1,024 profiles parsed were ~16 MB of the
    memory a run keeps. Each use parses it again (tens of us), as a read from the store
    would; the floats are written in full, so it gives back the same profile."""

    def get_recent(self, key: str) -> tuple[Profile, str | None] | None:
        kept = super().get_recent(key)
        if kept is None:
            return None
        data = json.loads(kept[0])
        return Profile(terms=data["t"], entities=data["e"], dates=data["d"],
                       names=data["names"], count=data["n"], signature=data["s"]), kept[1]

    def date(self, key: str) -> tuple[bool, str | None]:
        """Whether `key` is kept, and its date (its profile left unparsed)."""
        kept = super().get_recent(key)
        return (False, None) if kept is None else (True, kept[1])

    def put(self, key: str, value: tuple[Profile, str | None]) -> None:
        profile, date = value
        super().put(key, (json.dumps({"t": profile.terms, "e": profile.entities,
                                      "d": profile.dates, "names": profile.names,
                                      "n": profile.count, "s": profile.signature}), date))


def article_date(extraction: Extraction) -> str | None:
    """When the article is from: its published date, else the latest full date it mentions."""
    if extraction.article.published:
        return extraction.article.published[:10]
    dates = [d[:10] for d in (*(e.date for e in extraction.events),
                              *(c.date for c in extraction.claims))
             if d and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d[:10])]
    return max(dates) if dates else None


class StoryTracker:
    """The topics' candidate index for one writer, read from the store once, then kept
    current from each applied plan (`applied`); and a bounded cache of parsed centroids."""

    def __init__(self, store: GraphStore, params: Params = DEFAULT_PARAMS) -> None:
        self.store = store
        self.params = params
        self._index: CandidateIndex | None = None
        self._cache = _Bounded(CACHED_TOPICS)
        self.stories = _Bounded(CACHED_STORIES)  # story -> _Record
        self.articles = _Profiles(CACHED_ARTICLES)  # article -> its profile and date
        self.loads = 0  # full reads of the index (one per process, unless invalidated)
        self._tallied = False

    @property
    def index(self) -> CandidateIndex:
        if self._index is None:
            index = CandidateIndex(self.params)
            rows = self.store.select(f"""SELECT ?topic ?profile WHERE {{ GRAPH {_GRAPH} {{
                ?topic a sg:Topic ; sg:profile ?profile }} }}""")
            for row in rows:
                index.put(str(row["topic"]), _parse(str(row["profile"])))
            self._index = index
            self.loads += 1
        return self._index

    @property
    def tallied(self) -> bool:
        """The store keeps each story's entity tallies (`storygraph.rdf.story_counts`);
        read until it does (an empty store is marked by its first write)."""
        if not self._tallied:
            self._tallied = index_version(self.store) >= STORY_TALLIES_SINCE
        return self._tallied

    def centroids(self, topics: Iterable[str]) -> dict[str, Profile]:
        """The stored centroids of `topics` (those that exist)."""
        wanted = list(dict.fromkeys(topics))
        missing = [t for t in wanted if t not in self._cache]
        if missing:
            rows = self.store.select(f"""SELECT ?topic ?profile WHERE {{
                {values_block(["topic"], [[NamedNode(t)] for t in missing])}
                GRAPH {_GRAPH} {{ ?topic sg:profile ?profile }} }}""")
            for row in rows:
                self._cache.put(str(row["topic"]), _parse(str(row["profile"])))
        found = {}
        for topic in wanted:
            centroid = self._cache.get_recent(topic)
            if centroid is not None:
                found[topic] = centroid
        return found

    def applied(self, plan: StoryPlan) -> None:
        """`plan` is in the store now: file its topics as they are, remember its stories
        and articles as they are."""
        for cache, changed in ((self.stories, plan.stories), (self.articles, plan.articles)):
            for key, value in changed.items():
                if value is None:
                    cache.pop(key, None)
                else:
                    cache.put(key, value)
        if plan.moved:
            for story, record in list(self.stories.items()):
                if record.topic in plan.moved:
                    self.stories[story] = record._replace(topic=plan.moved[record.topic])
        if self._index is None:
            return  # read whole at first use, as the store is then
        for topic, centroid in plan.topics.items():
            if centroid is None:
                self._index.drop(topic)
                self._cache.pop(topic, None)
            else:
                self._index.put(topic, centroid)
                self._cache.put(topic, centroid)

    def invalidate(self) -> None:
        """Forget what was read: the next plan reads the store again."""
        self._index = None
        self._tallied = False
        for cache in (self._cache, self.stories, self.articles):
            cache.clear()


def plan_story(store: GraphStore, leaving: Iterable[str], joining: Extraction | None = None,
               params: Params = DEFAULT_PARAMS, tracker: StoryTracker | None = None
               ) -> StoryPlan:
    """Story operations for one article write.

    `leaving` are article graphs the write drops: each leaves its story and topic (its
    profile subtracted from their centroids). `joining` is the extraction whose graph
    the write stores: it joins the most similar candidate topic or starts one, a topic
    grown alike enough to another merges with it (the smaller id stays), and the topic
    is split into its events again; stored stories whose articles now fall apart are
    split, with a PROV record of why.
    """
    plan = _Plan(store, tracker or StoryTracker(store, params))
    for gone in sorted(set(leaving)):
        plan.leave(gone)
    assignment = plan.join(joining) if joining is not None else None
    return plan.finish(assignment)


def plan_rebuild(store: GraphStore, story: str, params: Params = DEFAULT_PARAMS,
                 tracker: StoryTracker | None = None) -> StoryPlan:
    """Operations that rebuild the topic of `story` from its articles' stored profiles:
    its centroid, events and stories (for `storygraph check --repair`). A story of the
    one-level model (no topic) becomes a topic of its own, split into its events."""
    plan = _Plan(store, tracker or StoryTracker(store, params))
    plan.rebuild(story)
    return plan.finish(None)


def plan_index(store: GraphStore, topic: str, params: Params = DEFAULT_PARAMS,
               tracker: StoryTracker | None = None) -> StoryPlan:
    """Operations that file the stories of `topic`, written before the story index, in it:
    each story written again with its keys (`sg:storyKey`), size and key entity records,
    and the topic with its size. Ingest does the same when it first meets such a topic."""
    plan = _Plan(store, tracker or StoryTracker(store, params))
    plan.topic(topic)
    return plan.finish(None)


def unindexed_topics(store: GraphStore) -> list[str]:
    """Topics written before the story index: without their size (`sg:articles`)."""
    rows = store.select(f"""SELECT ?topic WHERE {{ GRAPH {_GRAPH} {{ ?topic a sg:Topic
        FILTER NOT EXISTS {{ ?topic sg:articles ?size }} }} }}""")
    return sorted(str(r["topic"]) for r in rows)


def one_level_stories(store: GraphStore) -> list[str]:
    """Stories written by the one-level model, which have no topic."""
    rows = store.select(f"""SELECT ?story WHERE {{ GRAPH {_GRAPH} {{ ?story a storyline:Storyline
        FILTER NOT EXISTS {{ ?story sg:topic ?topic }} }} }}""")
    return sorted(str(r["story"]) for r in rows)


@dataclass
class _Topic:
    """One topic as the plan changes it: centroid, size, and the stories read so far.

    A big topic's stories are read only as the article needs them: those its index
    names (`sg:storyKey`), then the articles of those it splits or joins. `complete`
    says every story was read (a small topic, or one written before the index)."""

    iri: str
    centroid: Profile
    size: int = 0  # its articles, the joined ones included
    scopes: list[str] = field(default_factory=list)  # topics whose stories it holds
    complete: bool = False
    indexed: bool = True  # its stored stories are filed under their keys
    stories: dict[str, set[str]] = field(default_factory=dict)  # story -> articles (read)
    story_centroids: dict[str, Profile] = field(default_factory=dict)  # records read
    whys: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)  # stored sizes of stories found
    joined: dict[str, Profile] = field(default_factory=dict)  # new articles, not yet in a story

    def story_size(self, story: str) -> int:
        return len(self.stories[story]) if story in self.stories else self.sizes[story]


class _Plan:
    """The topics and stories one article write changes, worked out before anything is written."""

    def __init__(self, store: GraphStore, tracker: StoryTracker) -> None:
        self.store = store
        self.tracker = tracker
        self.params = tracker.params
        self.topics: dict[str, _Topic] = {}
        self.dropped: set[str] = set()  # topics merged into another or emptied
        self.profiles: dict[str, Profile] = {}  # article -> profile, as read or made
        self.dates: dict[str, str | None] = {}
        self.before: dict[str, set[str]] = {}  # story read -> its articles before the write
        self.stored: dict[str, tuple[str, str]] = {}  # story read -> its topic and why
        self.after: dict[str, tuple[str, set[str], Profile, str]] = {}  # story -> topic, ...
        self.updates: list[str] = []
        self.activities: list[Quad] = []
        self.read: dict[str, _Record] = {}  # story records as stored (read, or remembered)
        self.leaving: set[str] = set()
        self.left_dates: dict[str, str | None] = {}  # leaving article -> its stored date

    # --- reading ---------------------------------------------------------------------

    def topic(self, iri: str) -> _Topic:
        """The topic's record; all its stories too if it was written before the index."""
        if iri in self.topics:
            return self.topics[iri]
        record = self._properties([iri], ["profile", "articles"]).get(iri, {})
        topic = _Topic(iri, _parse(str(record["profile"])) if "profile" in record
                       else Profile(count=0), scopes=[iri])
        self.topics[iri] = topic
        if "articles" in record:
            topic.size = int(record["articles"])
        else:  # none kept: count its stories' articles, and file them in the index
            self._read_all(topic)
            topic.size = len(set().union(*topic.stories.values()))
            topic.indexed = not topic.stories
        return topic

    def _properties(self, subjects: Iterable[str], predicates: Iterable[str]
                    ) -> dict[str, dict[str, str]]:
        """Subject -> each predicate of `sg:` -> its value. Bound (subject, predicate) pairs
        are index look-ups; an OPTIONAL, or VALUES of each apart, make Oxigraph read every
        such record in the store."""
        pairs = [[NamedNode(s), NamedNode(str(getattr(SG, p)))]
                 for s in subjects for p in predicates]
        rows = self.store.select(f"""SELECT ?s ?p ?o WHERE {{ {values_block(["s", "p"], pairs)}
            GRAPH {_GRAPH} {{ ?s ?p ?o }} }}""")
        found: dict[str, dict[str, str]] = {}
        for row in rows:
            found.setdefault(str(row["s"]), {})[str(row["p"]).rsplit("#", 1)[-1]] = \
                str(row["o"])
        return found

    def _read_all(self, topic: _Topic) -> None:
        """Read every story of the topic (the stories of topics merged into it too)."""
        for scope in topic.scopes:
            node = NamedNode(scope)
            stories = [str(r["story"]) for r in self.store.select(
                f"SELECT ?story WHERE {{ GRAPH {_GRAPH} {{ ?story sg:topic {node} }} }}")]
            self._read(topic, stories, slots=True)
        topic.complete = True

    def _read(self, topic: _Topic, stories: Iterable[str], *, slots: bool) -> None:
        """Read the records of `stories` (and their articles with `slots`) not read yet."""
        stories = list(stories)
        records = sorted(s for s in stories if s not in topic.story_centroids)
        cached = {s: r for s in records if (r := self.tracker.stories.get_recent(s)) is not None}
        missing = [s for s in records if s not in cached]
        if missing:
            found = self._properties(missing, ["profile", "topic", "why", "articles"])
            for story in missing:
                record = found.get(story, {})
                if "profile" not in record:  # a record lost (an older store's crash)
                    topic.story_centroids[story] = Profile(count=0)
                    continue
                read = _Record(_parse(record["profile"]), record.get("topic", ""),
                               record.get("why", ""), int(record.get("articles", -1)))
                if read.size >= 0:  # kept since the story index (else counted from slots)
                    self.read[story] = read
                self._remember(topic, story, read)
        for story, read in cached.items():
            self.read[story] = read
            self._remember(topic, story, read)
        wanted = sorted(s for s in stories if s not in topic.stories) if slots else []
        if wanted:
            self._slots(topic, wanted, self.store.select(f"""SELECT ?story ?article WHERE {{
                {_values("story", wanted)}
                GRAPH {_GRAPH} {{ ?story storyline:hasSlot ?article }} }}"""))

    def _remember(self, topic: _Topic, story: str, record: _Record) -> None:
        topic.story_centroids[story] = record.centroid
        if record.size >= 0:
            topic.sizes[story] = record.size
        if record.why:
            topic.whys[story] = record.why
        self.stored[story] = (record.topic, record.why)

    def _slots(self, topic: _Topic, stories: list[str], rows: Iterable[Mapping[str, object]]
               ) -> None:
        for story in stories:
            topic.stories[story] = set()
        for row in rows:
            topic.stories[str(row["story"])].add(str(row["article"]))
        for story in stories:
            self.before[story] = set(topic.stories[story])

    def _events(self, topic: _Topic, profile: Profile) -> list[str]:
        """The stories of a big topic an article is ranked against (`CandidateIndex.events`):
        found through the stories' stored keys, or among those read if all were."""
        if topic.complete:
            index = CandidateIndex(self.params)
            for story, centroid in topic.story_centroids.items():
                if topic.stories.get(story):
                    index.put(story, centroid)
            return index.events(profile)
        weights = keys(profile, self.params.query_terms)
        pairs = [[Literal(_filed_key(scope, key)), Literal(weight)]
                 for scope in topic.scopes for key, weight in weights.items()]
        emptied = {s for s, members in topic.stories.items() if not members}
        rows = self.store.select(f"""SELECT ?story (SUM(?weight) AS ?shared) WHERE {{
            {values_block(["key", "weight"], pairs)}
            GRAPH {_GRAPH} {{ ?story sg:storyKey ?key }} }}
            GROUP BY ?story ORDER BY DESC(?shared) ?story
            LIMIT {self.params.event_candidates + len(emptied)}""")
        shared = {str(row["story"]): float(row["shared"])  # type: ignore[arg-type]
                  for row in rows if str(row["story"]) not in emptied}
        found = rank_shared(shared, self.params.event_candidates)
        self._read(topic, found, slots=False)
        return found

    def _load_profiles(self, articles: Iterable[str]) -> None:
        missing = []
        for article in sorted(a for a in articles if a not in self.profiles):
            cached = self.tracker.articles.get_recent(article)
            if cached is None:
                missing.append(article)
            else:
                self.profiles[article], self.dates[article] = cached
        if not missing:
            return
        rows = self.store.select(f"""SELECT ?article ?profile WHERE {{
            {_values("article", missing)} GRAPH {_GRAPH} {{ ?article sg:profile ?profile }} }}""")
        for row in rows:
            data = json.loads(str(row["profile"]))
            self.profiles[str(row["article"])] = Profile.from_json(data)
            self.dates[str(row["article"])] = data.get("date")

    def _load_dates(self, articles: Iterable[str]) -> None:
        """The dates of `articles` alone, cut out of their stored profiles by the query: a
        story's members are many and their whole profiles are not needed to order them."""
        missing = []
        for article in sorted(set(articles) - set(self.dates)):
            kept, date = self.tracker.articles.date(article)
            if kept:
                self.dates[article] = date
            else:
                missing.append(article)
        if not missing:
            return
        # Profiles are JSON with sorted keys: the first "date" key is the top-level one
        # (the "d" vector before it is keyed by dates themselves); null when undated.
        rows = self.store.select(f"""SELECT ?article ?date WHERE {{
            {_values("article", missing)} GRAPH {_GRAPH} {{ ?article sg:profile ?profile }}
            BIND(STRAFTER(STR(?profile), '"date": ') AS ?rest)
            BIND(IF(STRSTARTS(?rest, '"'), STRBEFORE(SUBSTR(?rest, 2), '"'), "") AS ?date) }}""")
        for row in rows:
            self.dates[str(row["article"])] = str(row["date"]) or None

    # --- changing --------------------------------------------------------------------

    def leave(self, article: str) -> None:
        rows = self.store.select(f"""SELECT ?story WHERE {{ GRAPH {_GRAPH} {{
            ?story storyline:hasSlot {NamedNode(article)} }} }}""")
        self.updates.append(_delete_article(article))
        self.leaving.add(article)
        if not rows:
            return
        story = str(rows[0]["story"])
        stored = self._properties([story], ["topic"]).get(story, {}).get("topic")
        self._load_profiles([article])
        self.left_dates[article] = self.dates.get(article)
        old = self.profiles.get(article)
        if stored:
            topic = self.topic(stored)
            self._read(topic, [story], slots=True)
        else:  # a story of the one-level model: its own topic
            topic = self.topic(_topic_of(story))
            self._adopt(topic, story)
        if old is not None:
            topic.centroid = subtract(topic.centroid, old, self.params)
            topic.story_centroids[story] = subtract(topic.story_centroids[story], old,
                                                    self.params)
        if article in topic.stories[story]:
            topic.stories[story].discard(article)
            topic.size -= 1
        self._rewrite(topic, story, topic.stories[story], topic.story_centroids[story],
                      topic.whys.get(story, ""))

    def _adopt(self, topic: _Topic, story: str) -> None:
        """Take a story without a topic (the one-level model's) into `topic`."""
        if story in topic.stories:
            return
        self._read(topic, [story], slots=True)
        topic.size += len(topic.stories[story])
        topic.indexed = False
        if not topic.centroid.count:  # a topic made for it: the story is all of it
            topic.centroid = topic.story_centroids[story]

    def join(self, extraction: Extraction) -> StoryAssignment:
        params = self.params
        article = article_iri(extraction.article.id)
        # Stored rounded: the same profile in this process as in the next one.
        profile = Profile.from_json(article_profile(extraction, params).to_json())
        self.profiles[article] = profile
        self.dates[article] = article_date(extraction)
        self.leaving.discard(article)
        found = self.tracker.index.candidates(profile, exclude=self.dropped)
        decision = decide(profile, self._centroids(found), params,
                          threshold=params.topic_threshold)
        created = decision.story is None
        if created:
            topic = _Topic(TOPIC_BASE + extraction.article.id, Profile(count=0),
                           scopes=[TOPIC_BASE + extraction.article.id], complete=True)
            self.topics[topic.iri] = topic
        else:
            topic = self.topic(str(decision.story))
        topic.centroid = add(topic.centroid, profile, params)
        topic.joined[article] = profile
        topic.size += 1
        self.updates.append(_insert_article(article, profile, self.dates[article],
                                            _explain(decision, profile)))
        topic, merged = self._settle(topic)
        story = self._regroup(topic, article, merged=bool(merged))
        return StoryAssignment(article, story, created, tuple(merged), decision.similarity,
                               topic.iri)

    def _centroids(self, topics: Iterable[str]) -> dict[str, Profile]:
        wanted = [t for t in topics if t not in self.dropped]
        found = self.tracker.centroids(t for t in wanted if t not in self.topics)
        found.update((t, self.topics[t].centroid) for t in wanted if t in self.topics)
        return {t: found[t] for t in wanted if t in found and found[t].count > 0}

    def _settle(self, topic: _Topic) -> tuple[_Topic, list[str]]:
        """Merge the topic with another it now resembles as a whole, while there is one."""
        merged: list[str] = []
        while True:
            nearby = self._centroids(self.tracker.index.candidates(
                topic.centroid, exclude=[topic.iri, *self.dropped]))
            nearby[topic.iri] = topic.centroid
            other = merge_partner(topic.iri, nearby, self._event_centroids, self._members,
                                  self.params)
            if other is None:
                return topic, merged
            keep, drop = (self.topic(t) for t in sorted((topic.iri, other)))
            keep.centroid = merge(keep.centroid, drop.centroid, self.params)
            keep.size += drop.size
            keep.scopes += drop.scopes
            keep.complete = keep.complete and drop.complete
            keep.indexed = keep.indexed and drop.indexed
            keep.stories.update(drop.stories)
            keep.story_centroids.update(drop.story_centroids)
            keep.whys.update(drop.whys)
            keep.sizes.update(drop.sizes)
            keep.joined.update(drop.joined)
            drop.stories, drop.joined, drop.centroid, drop.size = {}, {}, Profile(count=0), 0
            self.dropped.add(drop.iri)
            merged.append(drop.iri)
            topic = keep

    def _event_centroids(self, iri: str) -> list[Profile]:
        """The centroids of a small topic's stored stories (`event_merge` asks for them)."""
        topic = self.topic(iri)
        if not topic.complete:
            self._read_all(topic)
        return [topic.story_centroids[s] for s, members in sorted(topic.stories.items())
                if members]

    def _members(self, iri: str) -> dict[str, Profile] | None:
        """The profiles of a small topic's articles, the new one too (`split_merge` asks);
        None if it holds more than `partition_limit`, whatever its centroid counts: its
        record's size, then its slots are counted before its stories and profiles are read,
        so a topic that says it is small and is not costs a count, not a split of all it
        holds."""
        topic = self.topic(iri)
        limit = self.params.partition_limit
        if topic.size > limit:
            return None
        if not topic.complete:
            if len(self._stored_articles(topic) | set(topic.joined)) > limit:
                return None
            self._read_all(topic)
        articles = set(topic.joined).union(*topic.stories.values())
        return None if len(articles) > limit else self._profiles_of(articles)

    def _stored_articles(self, topic: _Topic) -> set[str]:
        """The articles in the stored stories of the topic (and of those merged into it),
        but those this write takes out."""
        rows = self.store.select(f"""SELECT ?article WHERE {{ {_values("scope", topic.scopes)}
            GRAPH {_GRAPH} {{ ?story sg:topic ?scope ; storyline:hasSlot ?article }} }}""")
        return {str(row["article"]) for row in rows} - self.leaving

    def _profiles_of(self, articles: Iterable[str]) -> dict[str, Profile]:
        """The profiles of `articles`, read for one question: those read go to the
        tracker's bounded cache, not the plan, so that a plan asking about many topics
        (`split_merge` about each small neighbour) never holds all their profiles at once."""
        found: dict[str, Profile] = {}
        missing = []
        for article in sorted(articles):
            cached = self.profiles.get(article)
            if cached is None and (known := self.tracker.articles.get_recent(article)):
                cached = known[0]
            if cached is None:
                missing.append(article)
            else:
                found[article] = cached
        if missing:
            rows = self.store.select(f"""SELECT ?article ?profile WHERE {{
                {_values("article", missing)}
                GRAPH {_GRAPH} {{ ?article sg:profile ?profile }} }}""")
            for row in rows:
                data = json.loads(str(row["profile"]))
                found[str(row["article"])] = profile = Profile.from_json(data)
                self.tracker.articles.put(str(row["article"]), (profile, data.get("date")))
        return {a: found[a] for a in sorted(found)}

    def _regroup(self, topic: _Topic, article: str, *, merged: bool) -> str:
        """Split the topic into its events again, or (a big topic) the events around the
        article, or put it in the event it is most like (`Params.partition_limit`); an
        article sharing no key with any event of a big topic is an event of its own."""
        if topic.size == len(topic.joined) or afresh(topic.size, merged, self.params):
            if not topic.complete:
                self._read_all(topic)
            self._partition(topic)
        else:
            profile = self.profiles[article]
            found = self._events(topic, profile)
            ranked = nearest(profile, {s: topic.story_centroids[s] for s in found},
                             self.params, limit=len(found))
            self._read(topic, [s for s in ranked if s not in topic.sizes], slots=True)
            near = around(list(range(len(ranked))), [topic.story_size(s) for s in ranked],
                          self.params)
            if near:
                chosen = [ranked[i] for i in near]
                self._read(topic, chosen, slots=True)
                self._partition(topic, chosen)
            elif ranked:
                self._read(topic, ranked[:1], slots=True)
                members = topic.stories[ranked[0]] | {article}
                self._rewrite(topic, ranked[0], members,
                              add(topic.story_centroids[ranked[0]], profile, self.params),
                              topic.whys.get(ranked[0], ""))
            else:
                story = self._free_story([article], set(topic.stories))
                self._rewrite(topic, story, {article}, add(Profile(count=0), profile,
                                                           self.params), "")
        topic.joined.clear()
        return next(s for s, (t, members, _, _) in self.after.items()
                    if t == topic.iri and article in members)

    def rebuild(self, story: str) -> None:
        rows = self.store.select(f"""SELECT ?topic WHERE {{ GRAPH {_GRAPH} {{
            ?story sg:topic ?topic }} }}""", {"story": NamedNode(story)})
        topic = self.topic(str(rows[0]["topic"]) if rows else _topic_of(story))
        if not topic.complete:
            self._read_all(topic)
        if story not in topic.stories:  # of the one-level model, or without articles
            self._adopt(topic, story)
        members = set().union(*topic.stories.values())
        self._load_profiles(members)
        total = Profile(count=0)
        for article in sorted(members):
            if article in self.profiles:
                total = add(total, self.profiles[article], self.params)
        topic.centroid = total
        topic.size = len(members)
        topic.indexed = False  # out of step: file every story again
        self._partition(topic)

    def _partition(self, topic: _Topic, stories: Iterable[str] | None = None) -> None:
        """Split the articles of `stories` (default: all the topic's) and the new ones
        into events again."""
        old = {s: set(topic.stories[s]) for s in (topic.stories if stories is None else stories)}
        members = set().union(set(topic.joined), *old.values())
        self._load_profiles(members)
        profiles = {a: self.profiles[a] for a in sorted(members) if a in self.profiles}
        groups, splits = bounded_partition(profiles, self.params)
        ids = self._story_ids(old, groups)
        for group, story in zip(groups, ids, strict=True):
            centroid = Profile(count=0)
            for a in group:
                centroid = add(centroid, profiles[a], self.params)
            self._rewrite(topic, story, set(group), centroid, _why(group, splits, profiles))
        for story in old:
            if story not in ids:
                self._rewrite(topic, story, set(), Profile(count=0), "")
        self._record(old, dict(zip(ids, groups, strict=True)), splits, profiles)

    def _story_ids(self, old: Mapping[str, set[str]], groups: list[tuple[str, ...]]
                   ) -> list[str]:
        """Each event keeps the stored story holding most of its articles (each story goes
        to one event at most); a new event is named after its first article."""
        pairs = sorted((-len(old[s].intersection(g)), s, i) for i, g in enumerate(groups)
                       for s in old if old[s].intersection(g))
        chosen: dict[int, str] = {}
        for _, story, i in pairs:
            if i not in chosen and story not in chosen.values():
                chosen[i] = story
        taken = set(old) | set(chosen.values())
        for i, group in enumerate(groups):
            if i not in chosen:
                chosen[i] = self._free_story(group, taken)
                taken.add(chosen[i])
        return [chosen[i] for i in range(len(groups))]

    def _free_story(self, group: Iterable[str], taken: set[str]) -> str:
        for article in sorted(group):
            story = STORY_BASE + article.removeprefix(ARTICLE_BASE)
            if story not in taken and not self.store.ask(
                    f"ASK {{ GRAPH {_GRAPH} {{ ?story ?p ?o }} }}",
                    {"story": NamedNode(story)}):
                return story
        digest = hashlib.sha1(" ".join(sorted(group)).encode()).hexdigest()[:16]
        return STORY_BASE + digest

    def _rewrite(self, topic: _Topic, story: str, members: set[str], centroid: Profile,
                 why: str) -> None:
        self.after[story] = (topic.iri, members, centroid, why)

    def _record(self, old: Mapping[str, set[str]], new: Mapping[str, tuple[str, ...]],
                splits: list[Split], profiles: Mapping[str, Profile]) -> None:
        """PROV activities: a stored story whose articles fell apart, stories become one."""
        home = {a: s for s, group in new.items() for a in group}
        for story, members in sorted(old.items()):
            parts = sorted({home[a] for a in members if a in home})
            if len(parts) > 1:
                split = next((s for s in splits if members & set(s.sides[0])
                              and members & set(s.sides[1])), None)
                self.activities += _activity("StorySplit", [story], parts, split)
        for story, group in sorted(new.items()):
            sources = sorted(s for s, members in old.items() if members.intersection(group))
            if len(sources) > 1:
                self.activities += _activity("StoryMerge", sources, [story], None)

    # --- writing ---------------------------------------------------------------------

    def _filed(self, story: str) -> set[Quad] | None:
        """The keys a stored story is filed under now, if known: those of its stored
        centroid in its stored topic, once that topic is indexed."""
        record = self.read.get(story)
        home = self.topics.get(record.topic) if record is not None else None
        if record is None or home is None or not home.indexed:
            return None
        return set(_filed(story, record.topic, record.centroid, self.params))

    def finish(self, assignment: StoryAssignment | None) -> StoryPlan:
        operations = list(self.updates)
        # An emptied story is dropped even if it held no articles before (a leftover record).
        changed = {s: v for s, v in self.after.items() if not v[1]
                   or (self.before.get(s), self.stored.get(s)) != (v[1], (v[0], v[3]))}
        for topic in self.topics.values():
            if not topic.indexed and topic.iri not in self.dropped:
                # Written before the index (or rebuilt): every story is written again, with
                # its keys, size and key entity records.
                changed.update((s, (topic.iri, members, topic.story_centroids[s],
                                    topic.whys.get(s, "")))
                               for s, members in topic.stories.items()
                               if members and s not in self.after)
        # A stored story whose articles were read is changed by what changed (its slots
        # and links added and taken away); one unread, new or emptied is written whole.
        # So is every story of a topic filed again (written before the index, or rebuilt
        # by `check --repair`: what is stored is not to be trusted).
        whole = {s for s, v in changed.items()
                 if not v[1] or s not in self.before or s not in self.read
                 or not self.topics[v[0]].indexed}
        touched = set().union(*(self.before.get(s, set()) | changed[s][1] for s in whole))
        if changed:
            self._load_dates(set().union(*(self.before.get(s, set()) | v[1]
                                           for s, v in changed.items())) - self.leaving)
            if touched:
                operations.append(_delete_follows(sorted(touched)))
        for story, (topic, members, centroid, why) in sorted(changed.items()):
            dates = {a: self.dates.get(a) for a in members}
            if story in whole:
                operations += _story_operations(story, topic, centroid, why, dates,
                                                self.params, self._filed(story),
                                                self.store.lateral)
                continue
            before = self.before[story]
            stored = {a: self.left_dates.get(a) if a in self.leaving else self.dates.get(a)
                      for a in before}
            # The leaving articles' slots and own links went with them (`_delete_article`),
            # the links of articles of stories written whole with those (`_delete_follows`).
            operations += _story_changes(
                story, topic, centroid, why, dates, self.params, self._filed(story),
                slots=before - self.leaving,
                links={link for link in _chain(stored)
                       if link[0] not in self.leaving and link[0] not in touched},
                left=before & self.leaving, tallied=self.tracker.tallied,
                lateral=self.store.lateral)
        topics: dict[str, Profile | None] = {}
        moved: dict[str, str] = {}
        for iri, topic in sorted(self.topics.items()):
            operations.append(f"DELETE WHERE {{ GRAPH {_GRAPH} {{ {NamedNode(iri)} ?p ?o }} }}")
            if iri in self.dropped or topic.size <= 0 or topic.centroid.count <= 0:
                topics[iri] = None
                continue
            # The stories of topics merged into it that were not rewritten: theirs now.
            moved.update((scope, iri) for scope in topic.scopes if scope != iri)
            operations += [op for scope in topic.scopes if scope != iri
                           for op in _moved(scope, iri)]
            operations.append(_topic_record(iri, topic))
            topics[iri] = _parse(_topic_json(topic))
        if self.activities:
            operations.append(insert_data(self.activities))
        # What a later plan would read back (centroids as stored: rounded).
        stories: dict[str, _Record | None] = {s: r for s, r in self.read.items()
                                               if s not in changed}
        stories.update((s, _Record(Profile.from_json(c.to_json()), t, why, len(m)) if m else None)
                       for s, (t, m, c, why) in changed.items())
        articles = {a: None if a in self.leaving else (p, self.dates.get(a))
                    for a, p in self.profiles.items()}
        return StoryPlan(operations, assignment, topics, stories, articles, moved,
                         recounted=len(touched))


def _topic_of(story: str) -> str:
    return TOPIC_BASE + story.removeprefix(STORY_BASE)


def _why(group: tuple[str, ...], splits: list[Split], profiles: Mapping[str, Profile]) -> str:
    """What parted this event from the rest of its topic: the last split that set it apart."""
    found = ""
    members = set(group)
    for split in splits:
        for side in (0, 1):
            if members <= set(split.sides[side]):
                other = len(split.sides[1 - side])
                found = (f"apart from {other} other article(s) of its topic at a cut of "
                         f"{split.cut:.2f}: {_marks(split.marks[side])} against "
                         f"{_marks(split.marks[1 - side])}")
    return found


def _marks(marks: Iterable[str]) -> str:
    return " · ".join(marks) or "(nothing of its own)"


def _activity(kind: str, used: list[str], generated: list[str], split: Split | None
              ) -> list[Quad]:
    """A PROV activity of the story model; its IRI is a function of what it did."""
    digest = hashlib.sha1(f"{kind} {used} {generated}".encode()).hexdigest()[:12]
    node = NamedNode(f"{ACTIVITY_BASE}story-{kind.removeprefix('Story').lower()}-{digest}")
    agent = NamedNode(AGENT_BASE + STORY_AGENT)
    g = NamedNode(STORIES_GRAPH)
    moment = datetime.now(timezone.utc).isoformat(timespec="seconds")
    quads = [Quad(node, _A, NamedNode(str(PROV.Activity)), g),
             Quad(node, _A, NamedNode(str(getattr(SG, kind))), g),
             Quad(node, NamedNode(str(PROV.wasAssociatedWith)), agent, g),
             Quad(node, NamedNode(str(PROV.endedAtTime)),
                  Literal(moment, datatype=NamedNode(str(XSD.dateTime))), g)]
    quads += [Quad(node, NamedNode(str(PROV.used)), NamedNode(s), g) for s in used]
    quads += [Quad(node, NamedNode(str(PROV.generated)), NamedNode(s), g)
              for s in generated]
    if split is not None:
        quads.append(Quad(node, NamedNode(str(SG.cut)),
                          Literal(f"{split.cut:.4f}",
                                     datatype=NamedNode(str(XSD.double))), g))
        quads.append(Quad(node, _WHY, Literal(
            f"at a cut of {split.cut:.2f}: {_marks(split.marks[0])} against "
            f"{_marks(split.marks[1])}"), g))
    return quads


def _explain(decision: Decision, article: Profile) -> str:
    """Why an article went to its topic, in words: the score, its parts, what was shared."""
    found = decision.similarity
    if decision.story is None:
        if found is None:
            return "started a topic: there was none yet"
        return f"started a topic: the closest one scored {found.score:.2f}, under the threshold"
    assert found is not None
    parts = f"terms {found.terms:.2f}, entities {found.entities:.2f}"
    if found.dates is not None:
        parts += f", dates {found.dates:.2f}"
    shared = [article.names.get(k, k) for k in found.shared_entities] + list(found.shared_terms)
    return f"joined its topic at {found.score:.2f} ({parts})" + (
        f"; shared: {', '.join(shared)}" if shared else "")


def _topic_json(topic: _Topic) -> str:
    return json.dumps(topic.centroid.to_json(), sort_keys=True)


def _topic_record(iri: str, topic: _Topic) -> str:
    node, g = NamedNode(iri), NamedNode(STORIES_GRAPH)
    return insert_data([Quad(node, _A, NamedNode(str(SG.Topic)), g),
                        Quad(node, _PROFILE, Literal(_topic_json(topic)), g),
                        Quad(node, _ARTICLES, Literal(topic.size), g)])


def _filed_key(topic: str, key: str) -> str:
    """A story's index key as stored: the key within its topic ("TOPIC e:tara-reid"), so a
    look-up reads the postings of one topic only."""
    return f"{topic.removeprefix(TOPIC_BASE)} {key}"


def _filed(story: str, topic: str, centroid: Profile, params: Params) -> list[Quad]:
    """The story filed in its topic's index under the keys of its centroid as stored
    (rounded), so that the keys it has can be told from its stored centroid."""
    node, g = NamedNode(story), NamedNode(STORIES_GRAPH)
    stored = Profile.from_json(centroid.to_json())
    return [Quad(node, _STORY_KEY, Literal(_filed_key(topic, key)), g)
            for key in keys(stored, params.index_terms)]


def _moved(old: str, new: str) -> list[str]:
    """The stories of topic `old` (merged into `new`) become `new`'s, filed under it.

    Two operations, each the same when run twice (only keys still filed under `old` are
    moved): a server that commits operations one by one may run one again when it
    finishes a write that failed half way (`storygraph.remote`)."""
    before, after = NamedNode(old), NamedNode(new)
    prefix, moved = Literal(_filed_key(old, "")), Literal(_filed_key(new, ""))
    return [f"""DELETE {{ GRAPH {_GRAPH} {{ ?story sg:storyKey ?key }} }}
        INSERT {{ GRAPH {_GRAPH} {{ ?story sg:storyKey ?moved }} }}
        WHERE {{ GRAPH {_GRAPH} {{ ?story sg:topic {before} ; sg:storyKey ?key }}
          FILTER(STRSTARTS(?key, {prefix}))
          BIND(CONCAT({moved}, STRAFTER(?key, {prefix})) AS ?moved) }}""",
            f"""DELETE {{ GRAPH {_GRAPH} {{ ?story sg:topic {before} }} }}
        INSERT {{ GRAPH {_GRAPH} {{ ?story sg:topic {after} }} }}
        WHERE {{ GRAPH {_GRAPH} {{ ?story sg:topic {before} }} }}"""]


def _story_operations(story: str, topic: str, centroid: Profile, why: str,
                      members: Mapping[str, str | None], params: Params,
                      filed: set[Quad] | None, lateral: bool) -> list[str]:
    """Rewrite what follows from a story's articles: label, span, slots, order, key entities,
    its keys in its topic's index (only those that changed, when `filed`, the keys it has
    now, is known).

    A story left with no articles is dropped. Derived data only: the same members and
    centroid give the same triples.
    """
    node = NamedNode(story)
    if centroid.count <= 0 or not members:
        return [delete_story(story)]
    g = NamedNode(STORIES_GRAPH)
    return [f"""
        DELETE WHERE {{ GRAPH {_GRAPH} {{ {node} sg:keyEntity ?key . ?key ?p ?o }} }} ;
        DELETE {{ GRAPH {_GRAPH} {{ {node} ?p ?o }} }}
        WHERE {{ GRAPH {_GRAPH} {{ {node} ?p ?o FILTER(?p != sg:storyKey) }} }}""",
        *_story_record(story, topic, centroid, why, members, params, filed,
                       [Quad(node, _HAS_SLOT, NamedNode(a), g) for a in sorted(members)]
                       + [Quad(NamedNode(after), _FOLLOWS, NamedNode(before), g)
                          for after, before in _chain(members)],
                       _counted(story, members, lateral))]


def _counted(story: str, members: Iterable[str], lateral: bool) -> list[str]:
    """A story's tallies counted again from all its articles, and its key entities."""
    return [tally_drop(story), tally_change(members, 1, story=story, lateral=lateral),
            key_entities(story)]


def _story_changes(story: str, topic: str, centroid: Profile, why: str,
                   members: Mapping[str, str | None], params: Params,
                   filed: set[Quad] | None, *, slots: set[str],
                   links: set[tuple[str, str]], left: set[str], tallied: bool,
                   lateral: bool) -> list[str]:
    """What `_story_operations` writes, for a stored story whose `slots` and `links`
    (`storyline:follows`, later -> earlier) as stored are known, `left` the articles
    whose graphs the write drops (their tallies taken away with them): its record
    written again, its slots, links and tallies changed by what differs, its key
    entities ranked again (when its articles changed). The same triples as the whole
    rewrite, at the cost of what changed, not of the story's size (with `tallied`: a
    store that keeps tallies)."""
    node, g = NamedNode(story), NamedNode(STORIES_GRAPH)
    if not tallied:
        counts = _counted(story, members, lateral)
    else:
        added, lost = set(members) - slots, slots - set(members)
        # Articles unchanged (its centroid or why rewritten alone): no tally moved, so
        # its key entities stay as ranked (an entity merge in the same request ranks the
        # stories it touches itself).
        counts = [tally_change(added, 1, story=story, lateral=lateral),
                  tally_change(lost, -1, story=story, lateral=lateral),
                  key_entities(story, None if lost or left else added, lateral=lateral)
                  if added or lost or left else ""]
    chain = set(_chain(members))
    gone = [Quad(node, _HAS_SLOT, NamedNode(a), g) for a in sorted(slots - set(members))]
    gone += [Quad(NamedNode(a), _FOLLOWS, NamedNode(b), g)
             for a, b in sorted(links - chain)]
    new = [Quad(node, _HAS_SLOT, NamedNode(a), g) for a in sorted(set(members) - slots)]
    new += [Quad(NamedNode(a), _FOLLOWS, NamedNode(b), g)
            for a, b in sorted(chain - links)]
    return [f"""DELETE {{ GRAPH {_GRAPH} {{ {node} ?p ?o }} }}
        WHERE {{ VALUES ?p {{ {" ".join(str(p) for p in _RECORD)} }}
                 GRAPH {_GRAPH} {{ {node} ?p ?o }} }}""",
            *([delete_data(gone)] if gone else []),
            *_story_record(story, topic, centroid, why, members, params, filed, new,
                           [c for c in counts if c])]


def _chain(members: Mapping[str, str | None]) -> list[tuple[str, str]]:
    """A story's `storyline:follows` links (later article, earlier one): date order, the
    undated first, then by IRI."""
    dated = sorted((date or "", article) for article, date in members.items())
    return [(after, before) for (_, before), (_, after) in itertools.pairwise(dated)]


def _story_record(story: str, topic: str, centroid: Profile, why: str,
                  members: Mapping[str, str | None], params: Params,
                  filed: set[Quad] | None, slots: list[Quad], counts: list[str]
                  ) -> list[str]:
    """The operations that write a story's record (its label, centroid, topic, size, why,
    span and place in the list), its keys (those that changed, when `filed` is known),
    `slots` (its slot and link quads to insert), then `counts` (its tallies and key
    entities)."""
    node = NamedNode(story)
    operations = []
    keys_now = set(_filed(story, topic, centroid, params))
    if filed is None:
        operations.append(f"DELETE WHERE {{ GRAPH {_GRAPH} {{ {node} sg:storyKey ?key }} }}")
    elif filed - keys_now:
        operations.append(delete_data(sorted(filed - keys_now, key=str)))
    days = sorted(d for d in members.values() if d)
    g = NamedNode(STORIES_GRAPH)
    quads = [
        Quad(node, _A, _STORYLINE, g),
        Quad(node, _LABEL, Literal(label(centroid)), g),
        Quad(node, _PROFILE, Literal(json.dumps(centroid.to_json(), sort_keys=True)), g),
        Quad(node, NamedNode(str(SG.topic)), NamedNode(topic), g),
        Quad(node, _ARTICLES, Literal(len(members)), g),  # xsd:integer
        *sorted(keys_now - (filed or set()), key=str),
    ]
    if why:
        quads.append(Quad(node, _WHY, Literal(why), g))
    if days:
        quads.append(Quad(node, _START, date_literal(days[0]), g))
        quads.append(Quad(node, _END, date_literal(days[-1]), g))
    quads.append(Quad(node, _LIST_KEY, Literal(
        list_key(len(members), days[0] if days else None, label(centroid), story)), g))
    operations.append(insert_data(quads + slots))
    return operations + counts


def list_key(articles: int, start: str | None, label: str, story: str) -> str:
    """Where a story comes in the list of stories, as text that sorts so: the most
    articles first, then the undated, then by start, label and IRI. Kept with each story
    (`sg:listKey`) so a page of the list is read in that order, not the whole list sorted."""
    return LIST_KEY_SEPARATOR.join((f"{_MOST_ARTICLES - articles:010d}",
                                    f"{'1' if start else '0'}{start or ''}", label, story))


_MOST_ARTICLES = 10**10 - 1


def delete_story(story: str) -> str:
    """The operations that drop a story's record with its key entity records."""
    node = NamedNode(story)
    return (f"DELETE WHERE {{ GRAPH {_GRAPH} {{ {node} sg:keyEntity ?key . ?key ?p ?o }} }} ;\n"
            f"DELETE WHERE {{ GRAPH {_GRAPH} {{ {node} ?p ?o }} }} ;\n{tally_drop(story)}")


_GRAPH = f"<{STORIES_GRAPH}>"
_A = NamedNode(str(RDF.type))
_STORYLINE = NamedNode(str(STORYLINE.Storyline))
_HAS_SLOT = NamedNode(str(STORYLINE.hasSlot))
_FOLLOWS = NamedNode(str(STORYLINE.follows))
_LABEL = NamedNode(str(RDFS.label))
_PROFILE = NamedNode(str(SG.profile))
_WHY = NamedNode(str(SG.why))
_ARTICLES = NamedNode(str(SG.articles))
_STORY_KEY = NamedNode(str(SG.storyKey))
_LIST_KEY = NamedNode(str(SG.listKey))
_START = NamedNode(str(SCHEMA.startDate))
_END = NamedNode(str(SCHEMA.endDate))
# A story's record: what `_story_record` writes again for a story changed in place.
_RECORD = (_LABEL, _PROFILE, NamedNode(str(SG.topic)), _ARTICLES, _WHY, _START, _END,
           _LIST_KEY)


def _values(variable: str, iris: Iterable[str]) -> str:
    return values_block([variable], [[NamedNode(i)] for i in iris])


def _parse(text: str) -> Profile:
    return Profile.from_json(json.loads(text))


def _delete_article(article: str) -> str:
    node = NamedNode(article)
    return (f"DELETE WHERE {{ GRAPH {_GRAPH} {{ ?s storyline:hasSlot {node} }} }} ;\n"
            f"DELETE WHERE {{ GRAPH {_GRAPH} {{ {node} ?p ?o }} }}")


def _delete_follows(articles: list[str]) -> str:
    values = " ".join(str(NamedNode(a)) for a in articles)
    return (f"DELETE {{ GRAPH {_GRAPH} {{ ?a storyline:follows ?b }} }} WHERE {{\n"
            f"  VALUES ?a {{ {values} }} GRAPH {_GRAPH} {{ ?a storyline:follows ?b }} }}")


def _insert_article(article: str, profile: Profile, date: str | None, why: str) -> str:
    data = profile.to_json()
    data["date"] = date
    data["why"] = why
    g = NamedNode(STORIES_GRAPH)
    return insert_data([
        Quad(NamedNode(article), _PROFILE, Literal(json.dumps(data, sort_keys=True)), g),
    ])
