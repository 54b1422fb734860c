"""Stories in the store: the two-level model (topics, and the events in each) kept current.

`storygraph.resolve.stories` is the model (profiles, topics, the split into events);
this module keeps its state in the stories graph and plans, for one article write,
the operations that run in the same request as the article's graph
(`storygraph.ingest.ArticleWriter`): an article is never stored without its story.

The stories graph holds:

* per topic: `sg:Topic` and `sg:profile`, its centroid (the sum of its articles'
  profiles);
* per story (one event of a topic): `storyline:Storyline`, `sg:topic`, its label,
  time span, key entities (`schema:about`, and `sg:keyEntity` records of how many of its
  articles name each), its articles (`storyline:hasSlot`, with
  `storyline:follows` in date order), `sg:profile` (its centroid) and `sg:why`,
  what tells its articles apart from the rest of the topic;
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

import pyoxigraph as ox

from storygraph.model import Extraction
from storygraph.rdf.mapping import article_iri, date_literal
from storygraph.rdf.namespace import (
    ACTIVITY_BASE,
    AGENT_BASE,
    ARTICLE_BASE,
    ENTITIES_GRAPH,
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
)
from storygraph.rdf.sparql import values_block
from storygraph.rdf.update import insert_data
from storygraph.resolve.candidates import CandidateIndex
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
    merge_candidate,
    nearest,
    subtract,
)
from storygraph.store import GraphStore

KEY_ENTITIES = 5
CACHED_TOPICS = 512  # parsed topic centroids kept between articles (the candidates' mostly)
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
        self._cache: OrderedDict[str, Profile] = OrderedDict()
        self.loads = 0  # full reads of the index (one per process, unless invalidated)

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

    def centroids(self, topics: Iterable[str]) -> dict[str, Profile]:
        """The stored centroids of `topics` (those that exist)."""
        wanted = list(dict.fromkeys(topics))
        missing = [t for t in wanted if t not in self._cache]
        if missing:
            rows = self.store.select(f"""SELECT ?topic ?profile WHERE {{
                {values_block(["topic"], [[ox.NamedNode(t)] for t in missing])}
                GRAPH {_GRAPH} {{ ?topic sg:profile ?profile }} }}""")
            for row in rows:
                self._remember(str(row["topic"]), _parse(str(row["profile"])))
        found = {}
        for topic in wanted:
            if topic in self._cache:
                self._cache.move_to_end(topic)
                found[topic] = self._cache[topic]
        return found

    def _remember(self, topic: str, centroid: Profile) -> None:
        self._cache[topic] = centroid
        self._cache.move_to_end(topic)
        while len(self._cache) > CACHED_TOPICS:
            self._cache.popitem(last=False)

    def applied(self, plan: StoryPlan) -> None:
        """`plan` is in the store now: file its topics as they are."""
        if self._index is None:
            return  # read whole at first use, as the store is then
        for topic, centroid in plan.topics.items():
            if centroid is None:
                self._index.drop(topic)
                self._cache.pop(topic, None)
            else:
                self._index.put(topic, centroid)
                self._remember(topic, centroid)

    def invalidate(self) -> None:
        """Forget what was read: the next plan reads the store again."""
        self._index = None
        self._cache.clear()


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


def one_level_stories(store: GraphStore) -> list[str]:
    """Stories written by the one-level model, which have no topic."""
    rows = store.select(f"""SELECT ?story WHERE {{ GRAPH {_GRAPH} {{ ?story a storyline:Storyline
        FILTER NOT EXISTS {{ ?story sg:topic ?topic }} }} }}""")
    return sorted(str(r["story"]) for r in rows)


@dataclass
class _Topic:
    """One topic as the plan changes it: centroid, and its stories' articles."""

    iri: str
    centroid: Profile
    stories: dict[str, set[str]] = field(default_factory=dict)  # stored story -> articles
    story_centroids: dict[str, Profile] = field(default_factory=dict)
    whys: dict[str, str] = field(default_factory=dict)
    joined: dict[str, Profile] = field(default_factory=dict)  # new articles, not yet in a story


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
        self.activities: list[ox.Quad] = []

    # --- reading ---------------------------------------------------------------------

    def topic(self, iri: str) -> _Topic:
        if iri in self.topics:
            return self.topics[iri]
        rows = self.store.select(f"""SELECT ?profile WHERE {{ GRAPH {_GRAPH} {{
            ?topic sg:profile ?profile }} }}""", {"topic": ox.NamedNode(iri)})
        data = json.loads(str(rows[0]["profile"])) if rows else {"n": 0}
        topic = _Topic(iri, Profile.from_json(data))
        # The stories' records, then their articles: a story's centroid is read once,
        # not once for each of its articles.
        node = {"topic": ox.NamedNode(iri)}
        records = {str(row["story"]): row for row in self.store.select(
            f"""SELECT ?story ?profile ?why WHERE {{ GRAPH {_GRAPH} {{
                ?story sg:topic ?topic ; sg:profile ?profile OPTIONAL {{ ?story sg:why ?why }}
                }} }}""", node)}
        for row in self.store.select(f"""SELECT ?story ?article WHERE {{ GRAPH {_GRAPH} {{
                ?story sg:topic ?topic ; storyline:hasSlot ?article }} }}""", node):
            self._story_row(topic, {**records[str(row["story"])], "article": row["article"]}, iri)
        self.topics[iri] = topic
        return topic

    def _story_row(self, topic: _Topic, row: Mapping[str, object], stored_topic: str) -> None:
        story = str(row["story"])
        if story not in topic.stories:
            topic.stories[story] = set()
            topic.story_centroids[story] = _parse(str(row["profile"]))
            if row["why"]:
                topic.whys[story] = str(row["why"])
            self.before.setdefault(story, set())
            self.stored[story] = (stored_topic, topic.whys.get(story, ""))
        topic.stories[story].add(str(row["article"]))
        self.before[story].add(str(row["article"]))

    def _load_profiles(self, articles: Iterable[str]) -> None:
        missing = sorted(a for a in articles if a not in self.profiles)
        if not missing:
            return
        rows = self.store.select(f"""SELECT ?article ?profile WHERE {{
            {values_block(["article"], [[ox.NamedNode(a)] for a in missing])}
            GRAPH {_GRAPH} {{ ?article sg:profile ?profile }} }}""")
        for row in rows:
            data = json.loads(str(row["profile"]))
            self.profiles[str(row["article"])] = Profile.from_json(data)
            self.dates[str(row["article"])] = data.get("date")

    def _load_dates(self, articles: Iterable[str]) -> None:
        self._load_profiles(a for a in articles if a not in self.dates)

    # --- changing --------------------------------------------------------------------

    def leave(self, article: str) -> None:
        rows = self.store.select(f"""SELECT ?story ?topic WHERE {{ GRAPH {_GRAPH} {{
            ?story storyline:hasSlot ?a OPTIONAL {{ ?story sg:topic ?topic }} }} }}""",
                                 {"a": ox.NamedNode(article)})
        self.updates.append(_delete_article(article))
        if not rows:
            return
        story = str(rows[0]["story"])
        self._load_profiles([article])
        old = self.profiles.get(article)
        topic = self.topic(str(rows[0]["topic"]) if rows[0]["topic"] else _topic_of(story))
        if story not in topic.stories:  # a story of the one-level model: its own topic
            self._adopt(topic, story)
        if old is not None:
            topic.centroid = subtract(topic.centroid, old, self.params)
            topic.story_centroids[story] = subtract(topic.story_centroids[story], old,
                                                    self.params)
        topic.stories[story].discard(article)
        self._rewrite(topic, story, topic.stories[story], topic.story_centroids[story],
                      topic.whys.get(story, ""))

    def _adopt(self, topic: _Topic, story: str) -> None:
        """Take a story without a topic (the one-level model's) into `topic`."""
        for row in self.store.select(f"""SELECT ?story ?profile ?why ?article WHERE {{
                GRAPH {_GRAPH} {{ ?story sg:profile ?profile ; storyline:hasSlot ?article
                                  OPTIONAL {{ ?story sg:why ?why }} }} }}""",
                                     {"story": ox.NamedNode(story)}):
            self._story_row(topic, row, "")
        if story not in topic.stories:  # no slots left: nothing to adopt but its record
            topic.stories[story] = set()
            topic.story_centroids[story] = Profile(count=0)
            self.before.setdefault(story, set())
        if not topic.centroid.count:  # a topic made for it: the story is all of it
            topic.centroid = topic.story_centroids[story]

    def join(self, extraction: Extraction) -> StoryAssignment:
        params = self.params
        article = article_iri(extraction.article.id)
        # Stored rounded: the same profile in this process as in the next one.
        profile = Profile.from_json(article_profile(extraction, params).to_json())
        self.profiles[article] = profile
        self.dates[article] = article_date(extraction)
        found = self.tracker.index.candidates(profile, exclude=self.dropped)
        decision = decide(profile, self._centroids(found), params,
                          threshold=params.topic_threshold)
        created = decision.story is None
        if created:
            topic = _Topic(TOPIC_BASE + extraction.article.id, Profile(count=0))
            self.topics[topic.iri] = topic
        else:
            topic = self.topic(str(decision.story))
        topic.centroid = add(topic.centroid, profile, params)
        topic.joined[article] = profile
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
            other = merge_candidate(topic.iri, nearby, self.params,
                                    threshold=self.params.topic_merge_threshold)
            if other is None:
                return topic, merged
            keep, drop = (self.topic(t) for t in sorted((topic.iri, other)))
            keep.centroid = merge(keep.centroid, drop.centroid, self.params)
            keep.stories.update(drop.stories)
            keep.story_centroids.update(drop.story_centroids)
            keep.whys.update(drop.whys)
            keep.joined.update(drop.joined)
            drop.stories, drop.joined, drop.centroid = {}, {}, Profile(count=0)
            self.dropped.add(drop.iri)
            merged.append(drop.iri)
            topic = keep

    def _regroup(self, topic: _Topic, article: str, *, merged: bool) -> str:
        """Split the topic into its events again, or (a big topic) the events around the
        article, or put it in the event it is most like (`Params.partition_limit`)."""
        size = len(set(topic.joined).union(*topic.stories.values()))
        if not topic.stories or afresh(size, merged, self.params):
            self._partition(topic)
        else:
            centroids = {s: c for s, c in topic.story_centroids.items() if topic.stories[s]}
            ranked = nearest(self.profiles[article], centroids, self.params,
                             limit=len(centroids))
            near = around(list(range(len(ranked))), [len(topic.stories[s]) for s in ranked],
                          self.params)
            if near:
                self._partition(topic, [ranked[i] for i in near])
            else:
                members = topic.stories[ranked[0]] | {article}
                self._rewrite(topic, ranked[0], members,
                              add(topic.story_centroids[ranked[0]], self.profiles[article],
                                  self.params), topic.whys.get(ranked[0], ""))
        topic.joined.clear()
        return next(s for s, (t, members, _, _) in self.after.items()
                    if t == topic.iri and article in members)

    def rebuild(self, story: str) -> None:
        rows = self.store.select(f"""SELECT ?topic WHERE {{ GRAPH {_GRAPH} {{
            ?story sg:topic ?topic }} }}""", {"story": ox.NamedNode(story)})
        topic = self.topic(str(rows[0]["topic"]) if rows else _topic_of(story))
        if story not in topic.stories:
            self._adopt(topic, story)
        members = set().union(*topic.stories.values())
        self._load_profiles(members)
        total = Profile(count=0)
        for article in sorted(members):
            if article in self.profiles:
                total = add(total, self.profiles[article], self.params)
        topic.centroid = total
        self._partition(topic)

    def _partition(self, topic: _Topic, stories: Iterable[str] | None = None) -> None:
        """Split the articles of `stories` (default: all the topic's) and the new ones
        into events again."""
        old = {s: set(topic.stories[s]) for s in (topic.stories if stories is None else stories)}
        members = set().union(set(topic.joined), *old.values())
        self._load_profiles(members)
        profiles = {a: self.profiles[a] for a in members if a in self.profiles}
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
                    {"story": ox.NamedNode(story)}):
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

    def finish(self, assignment: StoryAssignment | None) -> StoryPlan:
        operations = list(self.updates)
        changed = {s: v for s, v in self.after.items()
                   if (self.before.get(s), self.stored.get(s)) != (v[1], (v[0], v[3]))}
        if changed:
            self._load_dates(set().union(*(v[1] for v in changed.values())))
            touched = set().union(*(self.before.get(s, set()) | v[1]
                                    for s, v in changed.items()))
            if touched:
                operations.append(_delete_follows(sorted(touched)))
        for story, (topic, members, centroid, why) in sorted(changed.items()):
            operations += _story_operations(story, topic, centroid, why,
                                            {a: self.dates.get(a) for a in members})
        held: set[str] = {v[0] for v in self.after.values() if v[1]}
        held.update(t.iri for t in self.topics.values()
                    if any(m for s, m in t.stories.items() if s not in self.after))
        topics: dict[str, Profile | None] = {}
        for iri, topic in sorted(self.topics.items()):
            operations.append(f"DELETE WHERE {{ GRAPH {_GRAPH} {{ {ox.NamedNode(iri)} ?p ?o }} }}")
            if iri in held and iri not in self.dropped and topic.centroid.count > 0:
                operations.append(_topic_record(iri, topic))
                topics[iri] = _parse(_topic_json(topic))
            else:
                topics[iri] = None
        if self.activities:
            operations.append(insert_data(self.activities))
        return StoryPlan(operations, assignment, topics)


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
              ) -> list[ox.Quad]:
    """A PROV activity of the story model; its IRI is a function of what it did."""
    digest = hashlib.sha1(f"{kind} {used} {generated}".encode()).hexdigest()[:12]
    node = ox.NamedNode(f"{ACTIVITY_BASE}story-{kind.removeprefix('Story').lower()}-{digest}")
    agent = ox.NamedNode(AGENT_BASE + STORY_AGENT)
    g = ox.NamedNode(STORIES_GRAPH)
    moment = datetime.now(timezone.utc).isoformat(timespec="seconds")
    quads = [ox.Quad(node, _A, ox.NamedNode(str(PROV.Activity)), g),
             ox.Quad(node, _A, ox.NamedNode(str(getattr(SG, kind))), g),
             ox.Quad(node, ox.NamedNode(str(PROV.wasAssociatedWith)), agent, g),
             ox.Quad(node, ox.NamedNode(str(PROV.endedAtTime)),
                     ox.Literal(moment, datatype=ox.NamedNode(str(XSD.dateTime))), g)]
    quads += [ox.Quad(node, ox.NamedNode(str(PROV.used)), ox.NamedNode(s), g) for s in used]
    quads += [ox.Quad(node, ox.NamedNode(str(PROV.generated)), ox.NamedNode(s), g)
              for s in generated]
    if split is not None:
        quads.append(ox.Quad(node, ox.NamedNode(str(SG.cut)),
                             ox.Literal(f"{split.cut:.4f}",
                                        datatype=ox.NamedNode(str(XSD.double))), g))
        quads.append(ox.Quad(node, _WHY, ox.Literal(
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
    node, g = ox.NamedNode(iri), ox.NamedNode(STORIES_GRAPH)
    return insert_data([ox.Quad(node, _A, ox.NamedNode(str(SG.Topic)), g),
                        ox.Quad(node, _PROFILE, ox.Literal(_topic_json(topic)), g)])


def _story_operations(story: str, topic: str, centroid: Profile, why: str,
                      members: Mapping[str, str | None]) -> list[str]:
    """Rewrite what follows from a story's articles: label, span, slots, order, key entities.

    A story left with no articles is dropped. Derived data only: the same members and
    centroid give the same triples.
    """
    node = ox.NamedNode(story)
    operations = [delete_story(story)]
    if centroid.count <= 0 or not members:
        return operations
    dated = sorted((date or "", article) for article, date in members.items())
    g = ox.NamedNode(STORIES_GRAPH)
    quads = [
        ox.Quad(node, _A, _STORYLINE, g),
        ox.Quad(node, _LABEL, ox.Literal(label(centroid)), g),
        ox.Quad(node, _PROFILE, ox.Literal(json.dumps(centroid.to_json(), sort_keys=True)), g),
        ox.Quad(node, ox.NamedNode(str(SG.topic)), ox.NamedNode(topic), g),
        ox.Quad(node, _ARTICLES, ox.Literal(len(dated)), g),  # xsd:integer
    ]
    if why:
        quads.append(ox.Quad(node, _WHY, ox.Literal(why), g))
    days = [d for d, _ in dated if d]
    if days:
        quads.append(ox.Quad(node, _START, date_literal(days[0]), g))
        quads.append(ox.Quad(node, _END, date_literal(days[-1]), g))
    for _, article in dated:
        quads.append(ox.Quad(node, _HAS_SLOT, ox.NamedNode(article), g))
    for (_, before), (_, after) in itertools.pairwise(dated):
        quads.append(ox.Quad(ox.NamedNode(after), _FOLLOWS, ox.NamedNode(before), g))
    operations.append(insert_data(quads))
    # Key entities: people, organisations and places most of its articles mention. A query
    # inside the request, so it counts the article graphs as this transaction leaves them.
    # Each gets a record of how many articles name it, so a listing ranks them by reading.
    operations.append(f"""
        INSERT {{ GRAPH {_GRAPH} {{
          {node} schema:about ?entity ; sg:keyEntity ?key .
          ?key sg:entity ?entity ; sg:inArticles ?articles }} }}
        WHERE {{ {{
          SELECT ?entity (COUNT(DISTINCT ?article) AS ?articles) (COUNT(?mention) AS ?mentions)
          WHERE {{
            GRAPH {_GRAPH} {{ {node} storyline:hasSlot ?article }}
            GRAPH ?article {{ ?mention itsrdf:taIdentRef ?entity }}
            GRAPH <{ENTITIES_GRAPH}> {{ ?entity a ?class }}
            FILTER(?class IN (schema:Person, schema:Organization, schema:Place))
          }}
          GROUP BY ?entity ORDER BY DESC(?articles) DESC(?mentions) ?entity
          LIMIT {KEY_ENTITIES}
        }}
        BIND(IRI(CONCAT("{story}/key/", MD5(STR(?entity)))) AS ?key) }}""")
    return operations


def delete_story(story: str) -> str:
    """The operations that drop a story's record with its key entity records."""
    node = ox.NamedNode(story)
    return (f"DELETE WHERE {{ GRAPH {_GRAPH} {{ {node} sg:keyEntity ?key . ?key ?p ?o }} }} ;\n"
            f"DELETE WHERE {{ GRAPH {_GRAPH} {{ {node} ?p ?o }} }}")


_GRAPH = f"<{STORIES_GRAPH}>"
_A = ox.NamedNode(str(RDF.type))
_STORYLINE = ox.NamedNode(str(STORYLINE.Storyline))
_HAS_SLOT = ox.NamedNode(str(STORYLINE.hasSlot))
_FOLLOWS = ox.NamedNode(str(STORYLINE.follows))
_LABEL = ox.NamedNode(str(RDFS.label))
_PROFILE = ox.NamedNode(str(SG.profile))
_WHY = ox.NamedNode(str(SG.why))
_ARTICLES = ox.NamedNode(str(SG.articles))
_START = ox.NamedNode(str(SCHEMA.startDate))
_END = ox.NamedNode(str(SCHEMA.endDate))


def _parse(text: str) -> Profile:
    return Profile.from_json(json.loads(text))


def _delete_article(article: str) -> str:
    node = ox.NamedNode(article)
    return (f"DELETE WHERE {{ GRAPH {_GRAPH} {{ ?s storyline:hasSlot {node} }} }} ;\n"
            f"DELETE WHERE {{ GRAPH {_GRAPH} {{ {node} ?p ?o }} }}")


def _delete_follows(articles: list[str]) -> str:
    values = " ".join(str(ox.NamedNode(a)) for a in articles)
    return (f"DELETE {{ GRAPH {_GRAPH} {{ ?a storyline:follows ?b }} }} WHERE {{\n"
            f"  VALUES ?a {{ {values} }} GRAPH {_GRAPH} {{ ?a storyline:follows ?b }} }}")


def _insert_article(article: str, profile: Profile, date: str | None, why: str) -> str:
    data = profile.to_json()
    data["date"] = date
    data["why"] = why
    g = ox.NamedNode(STORIES_GRAPH)
    return insert_data([
        ox.Quad(ox.NamedNode(article), _PROFILE, ox.Literal(json.dumps(data, sort_keys=True)), g),
    ])
