"""Find and repair what a store written by an older storygraph may hold.

Since one article is one transaction (`storygraph.ingest.ArticleWriter`), a store
written now cannot get into these states; a store written before could, by a crash
or a full disk between an article's writes:

* an article in no story (stored, then the process died before its story was written);
* a story pointing at an article whose graph is gone, or counting more or fewer
  articles than it holds (its centroid out of step);
* story records left over: an article's story profile without its slot, a story
  without articles, a topic without stories;
* stories of the one-level model (no topic): each becomes a topic of its own, split
  into its events (ingest does this too before its first write);
* topics written before the story index (`sg:storyKey`, each story's and topic's size
  `sg:articles`, its key entity records): each story is written again with them;
* entity records no article mentions any more;
* a key held by two article graphs (an older version was never dropped);
* no lookup indexes (`storygraph.rdf.index`), or not all of them: written before
  storygraph kept them;
* entity counts (or role holders' heads) that differ from a full count of the store's
  mentions and roles: each write changes them by what it changes, so a count once
  wrong (a store edited by hand, a bug) stays wrong until repaired;
* stories' entity tallies and key entity records that differ from a full count of
  their articles' mentions (`storygraph.rdf.story_counts`), kept by deltas alike;
* a write that failed half way on a server that commits a request's operations one by
  one (Virtuoso: `storygraph.remote`): its journal says which operations ran, and the
  repair runs the rest, then looks again for everything above.

`find_problems` lists them; `repair` fixes them, each fix one transaction, through the
same planning code as ingest. Articles in no story are re-read from the text stored in
their graph, so repairing them needs the spaCy model.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from storygraph.errors import InputError
from storygraph.ingest import ArticleWriter
from storygraph.model import Article, Extraction
from storygraph.pipeline import extract_articles
from storygraph.rdf.index import (
    ENTITY_COUNTS_SINCE,
    GRAM,
    INDEX,
    INDEX_VERSION,
    INDEX_VERSION_PREDICATE,
    KEYED,
    MARKER,
    NAME_WORD,
    NAMED_BY,
    NAMES_SINCE,
    PROFILE_KEYS_SINCE,
    STORY_TALLIES_SINCE,
    TIMELINE_KEYED,
    TIMELINE_KEYS_SINCE,
    TIMELINE_KINDS,
    WORD_VOCABULARY_SINCE,
    count_fixes,
    figure_changes,
    index_version,
    name_word_quads,
    profile_key_quads,
    timeline_key_quads,
    word_gram_quads,
)
from storygraph.rdf.mapping import CLAIM, KEY, SERIES, A
from storygraph.rdf.namespace import ARTICLE_BASE, ENTITIES_GRAPH, RESOLUTION_GRAPH, STORIES_GRAPH
from storygraph.rdf.story_counts import tally_fixes
from storygraph.rdf.terms import NamedNode, Quad
from storygraph.rdf.update import delete_data, drop_orphans, insert_data
from storygraph.store import ArticleWrite, GraphStore
from storygraph.story_store import (
    StoryPlan,
    one_level_stories,
    plan_index,
    plan_rebuild,
    plan_story,
    unindexed_topics,
)

_STORIES = f"<{STORIES_GRAPH}>"
_ENTITIES = f"<{ENTITIES_GRAPH}>"


@dataclass(frozen=True)
class Problem:
    """One kind of inconsistency and the resources it concerns."""

    kind: str  # one of KINDS
    items: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.items[:3]) + (" ..." if len(self.items) > 3 else "")
        return f"{len(self.items)} {KINDS[self.kind]}: {shown}"


KINDS = {
    "unfinished-write": "write(s) that failed half way, part of their operations applied",
    "one-level-story": "story(ies) of the one-level model, without a topic",
    "no-story": "article(s) in no story",
    "missing-article": "story slot(s) pointing at a missing article",
    "story-state": "story(ies) whose state does not match their articles",
    "stray-profile": "story profile(s) of an article in no story slot",
    "empty-story": "story(ies) without articles",
    "empty-topic": "topic(s) without stories",
    "unindexed-topic": "topic(s) whose stories are not in the story index yet",
    "orphan-entity": "entity record(s) no article mentions",
    "shared-key": "key(s) held by more than one article",
    "entity-counts": "entity(ies) whose counts or role holder's head in the index differ "
                     "from a full count (the index graph itself: its lists of values)",
    "story-counts": "story(ies) whose entity tallies or key entities differ from a full "
                    "count of their articles",
    "unindexed": "store(s) without (all) lookup indexes (lookups read every name, figure "
                 "and entity)",
}


def find_problems(store: GraphStore) -> list[Problem]:
    """Every inconsistency found, one `Problem` per kind (kinds without any are left out)."""
    unfinished = tuple(w.what for w in store.unfinished_writes())
    found = [Problem("unfinished-write", unfinished)] if unfinished else []
    found += [Problem(kind, tuple(items)) for kind, query in _QUERIES.items()
             if (items := sorted({str(r["x"]) for r in store.select(query)}))]
    stale = tuple(_stale_centroids(store))
    if stale:
        found.append(Problem("story-state", stale))
    older = tuple(one_level_stories(store))
    if older:
        found.append(Problem("one-level-story", older))
    unfiled = tuple(unindexed_topics(store))
    if unfiled:
        found.append(Problem("unindexed-topic", unfiled))
    if index_version(store) >= ENTITY_COUNTS_SINCE:
        wrong = {q.subject.value for quads in count_fixes(store) for q in quads}
        if wrong:
            found.append(Problem("entity-counts", tuple(sorted(wrong))))
    if index_version(store) >= STORY_TALLIES_SINCE:
        stories = {_story_of(q) for quads in tally_fixes(store) for q in quads}
        if stories:
            found.append(Problem("story-counts", tuple(sorted(stories))))
    if index_version(store) < INDEX_VERSION and store.select(
            "SELECT ?a WHERE { GRAPH ?a { ?a sg:key ?k } } LIMIT 1"):
        found.append(Problem("unindexed", (store.location,)))
    order = list(KINDS)
    return sorted(found, key=lambda p: order.index(p.kind))


_QUERIES = {
    "no-story": f"""SELECT ?x WHERE {{ GRAPH ?x {{ ?x a schema:NewsArticle }}
        FILTER NOT EXISTS {{ GRAPH {_STORIES} {{ ?s storyline:hasSlot ?x }} }} }}""",
    "missing-article": f"""SELECT ?x WHERE {{ GRAPH {_STORIES} {{ ?s storyline:hasSlot ?x }}
        FILTER NOT EXISTS {{ GRAPH ?x {{ ?x a schema:NewsArticle }} }} }}""",
    "stray-profile": f"""SELECT ?x WHERE {{ GRAPH {_STORIES} {{ ?x sg:profile ?p }}
        FILTER NOT EXISTS {{ GRAPH {_STORIES} {{ ?x a storyline:Storyline }} }}
        FILTER NOT EXISTS {{ GRAPH {_STORIES} {{ ?x a sg:Topic }} }}
        FILTER NOT EXISTS {{ GRAPH {_STORIES} {{ ?s storyline:hasSlot ?x }} }} }}""",
    "empty-story": f"""SELECT ?x WHERE {{ GRAPH {_STORIES} {{ ?x a storyline:Storyline }}
        FILTER NOT EXISTS {{ GRAPH {_STORIES} {{ ?x storyline:hasSlot ?a }} }} }}""",
    "empty-topic": f"""SELECT ?x WHERE {{ GRAPH {_STORIES} {{ ?x a sg:Topic }}
        FILTER NOT EXISTS {{ GRAPH {_STORIES} {{ ?s sg:topic ?x }} }} }}""",
    "orphan-entity": f"""SELECT ?x WHERE {{ GRAPH {_ENTITIES} {{ ?x sg:nerType ?t }}
        FILTER NOT EXISTS {{ GRAPH ?g {{ ?g schema:mentions ?x }} }} }}""",
    "shared-key": """SELECT ?x WHERE { { SELECT ?x (COUNT(DISTINCT ?g) AS ?n)
        WHERE { GRAPH ?g { ?g sg:key ?x } } GROUP BY ?x } FILTER(?n > 1) }""",
}


def _stale_centroids(store: GraphStore) -> Iterator[str]:
    """Stories whose centroid counts another number of articles than their slots hold."""
    rows = store.select(f"""
        SELECT ?story ?profile (COUNT(?article) AS ?slots) WHERE {{ GRAPH {_STORIES} {{
          ?story storyline:hasSlot ?article .
          OPTIONAL {{ ?story sg:profile ?profile }} }} }} GROUP BY ?story ?profile""")
    for row in rows:
        counted = json.loads(str(row["profile"])).get("n") if row["profile"] else None
        if counted != row["slots"]:
            yield str(row["story"])


@dataclass
class Repair:
    """What `repair` did, kind by kind, and what it could not do."""

    fixed: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)


def repair(store: GraphStore, problems: list[Problem],
           nlp: Callable[[], Language] | None = None) -> Repair:
    """Fix `problems` (from `find_problems`), one transaction per fix.

    `nlp` gives the spaCy model, loaded only if articles in no story must be re-read.
    Order matters: stories of the one-level model get their topics first, then slots
    and keys, so that articles left without a story are then placed among stories that
    are whole again.
    """
    done = Repair()
    if any(p.kind == "unfinished-write" for p in problems):
        # What the rest found may be the half-done writes' doing: finish them, look again.
        for write in store.unfinished_writes():
            store.finish_write(write)
            done.fixed["unfinished-write"] = done.fixed.get("unfinished-write", 0) + 1
        problems = find_problems(store)
    by_kind = {p.kind: p.items for p in problems}
    writer = ArticleWriter(store, resolve=False)
    tracker = writer.stories

    def fix(kind: str, plan: StoryPlan | list[str], what: str) -> None:
        store.apply(plan if isinstance(plan, list) else plan.operations, what=what)
        if isinstance(plan, StoryPlan):
            tracker.applied(plan)
        done.fixed[kind] = done.fixed.get(kind, 0) + 1

    migrated = writer.migrate()
    if migrated:
        done.fixed["one-level-story"] = migrated
    for article in by_kind.get("missing-article", ()):
        fix("missing-article", plan_story(store, [article], tracker=tracker),
            f"the story of {article}")
    for key in by_kind.get("shared-key", ()):
        _keep_newest(store, writer, key)
        done.fixed["shared-key"] = done.fixed.get("shared-key", 0) + 1
    for story in by_kind.get("story-state", ()):
        fix("story-state", plan_rebuild(store, story, tracker=tracker), f"story {story}")
    for article in by_kind.get("stray-profile", ()):
        fix("stray-profile", [_delete_profile(article)], f"the story profile of {article}")
    for story in by_kind.get("empty-story", ()):
        fix("empty-story", plan_rebuild(store, story, tracker=tracker), f"story {story}")
    for topic in by_kind.get("empty-topic", ()):
        fix("empty-topic", [_delete_record(topic)], f"topic {topic}")
    for topic in by_kind.get("unindexed-topic", ()):
        if topic not in by_kind.get("empty-topic", ()):
            fix("unindexed-topic", plan_index(store, topic, tracker=tracker), f"topic {topic}")
    if by_kind.get("orphan-entity"):
        orphans = by_kind["orphan-entity"]
        store.apply([drop_orphans(NamedNode(e) for e in orphans)], what="orphan entity records")
        done.fixed["orphan-entity"] = len(orphans)
    if by_kind.get("unindexed"):
        build_indexes(store)
        done.fixed["unindexed"] = 1
    if by_kind.get("entity-counts"):
        # After the fixes that drop or write article graphs: counted as the store ends.
        fix_counts(store)
        done.fixed["entity-counts"] = len(by_kind["entity-counts"])
    if by_kind.get("story-counts"):
        fix_tallies(store)
        done.fixed["story-counts"] = len(by_kind["story-counts"])
    lost = [a for a in (_article(store, iri) for iri in by_kind.get("no-story", ()))
            if a is not None]
    if lost and nlp is not None:
        for item in extract_articles(lost, nlp()):
            if isinstance(item, InputError):
                done.failed.append(str(item))
                continue
            assert isinstance(item, Extraction)
            fix("no-story", plan_story(store, [], item, tracker=tracker),
                f"the story of {item.article.where}")
    elif lost:
        done.failed.append(f"{len(lost)} article(s) in no story need the model to be re-read")
    return done


# Quads per request when indexes are built: one request for a whole store is too large.
_INDEX_CHUNK = 20_000
# Series whose figure index is decided together when indexes are built: the reads name
# them in VALUES blocks (and one NOT IN list), which a server may refuse, and which
# cost more than in proportion as they grow, when they name every series of the store.
_SERIES_CHUNK = 1_000


def build_indexes(store: GraphStore) -> None:
    """Write the lookup indexes a store written before them lacks: every name's words
    (unless an older version kept them), every figure's discrepancy flag and every
    series' size, every entity's counts, then the mark that says which indexes it keeps."""
    version = index_version(store)
    if version < NAMES_SINCE:
        resolution = NamedNode(RESOLUTION_GRAPH)  # the names of people who edited
        words = name_word_quads(q for predicate in NAMED_BY
                                for q in store.quads_for_pattern(None, predicate, None, None)
                                if q.graph_name != resolution)
        for start in range(0, len(words), _INDEX_CHUNK):
            store.apply([insert_data(words[start:start + _INDEX_CHUNK])],
                        what="name-word index")
    if version < PROFILE_KEYS_SINCE:
        _build_keys(store, KEYED, (CLAIM,), profile_key_quads, "profile keys")
    if version < TIMELINE_KEYS_SINCE:
        _build_keys(store, TIMELINE_KEYED, tuple(TIMELINE_KINDS), timeline_key_quads,
                    "timeline keys")
    _build_figure_index(store)
    if version < ENTITY_COUNTS_SINCE:
        fix_counts(store)
    if version < STORY_TALLIES_SINCE:
        fix_tallies(store)
    if version < WORD_VOCABULARY_SINCE:
        words = {q.object.value for q in store.quads_for_pattern(None, NAME_WORD, None, None)}
        grams = word_gram_quads(w for w in words if len(w) >= GRAM)
        for start in range(0, len(grams), _INDEX_CHUNK):
            store.apply([insert_data(grams[start:start + _INDEX_CHUNK])], what="word vocabulary")
    older = list(store.quads_for_pattern(INDEX, INDEX_VERSION_PREDICATE, None, INDEX))
    store.apply([delete_data(older) if older else "", insert_data([MARKER])],
                what="figure index")


def _build_figure_index(store: GraphStore) -> None:
    """Every figure with a series, as if written now, `_SERIES_CHUNK` series at a time:
    each chunk is decided from the store as the chunks before it left it, as a write that
    touches those series would be, so no read names more series than a chunk holds."""
    by_series: dict[Any, list[Quad]] = {}
    for q in store.quads_for_pattern(None, SERIES, None, None):
        by_series.setdefault(q.object, []).append(q)
    series = sorted(by_series, key=str)
    for start in range(0, len(series), _SERIES_CHUNK):
        chunk = [q for s in series[start:start + _SERIES_CHUNK] for q in by_series[s]]
        stale, fresh = figure_changes(store, chunk, [])
        for quads, write in ((stale, delete_data), (fresh, insert_data)):
            for i in range(0, len(quads), _INDEX_CHUNK):
                store.apply([write(quads[i:i + _INDEX_CHUNK])], what="figure index")


def fix_counts(store: GraphStore) -> int:
    """Make the entity counts and holder heads what a full count of the store gives
    (`count_fixes`), a chunk of quads a request; how many quads it changed."""
    stale, fresh = count_fixes(store)
    for quads, write in ((stale, delete_data), (fresh, insert_data)):
        for start in range(0, len(quads), _INDEX_CHUNK):
            store.apply([write(quads[start:start + _INDEX_CHUNK])], what="entity counts")
    return len(stale) + len(fresh)


def fix_tallies(store: GraphStore) -> int:
    """Make each story's entity tallies and key entity records what a full count of its
    articles gives (`tally_fixes`), a chunk of quads a request; how many quads it changed."""
    stale, fresh = tally_fixes(store)
    for quads, write in ((stale, delete_data), (fresh, insert_data)):
        for start in range(0, len(quads), _INDEX_CHUNK):
            store.apply([write(quads[start:start + _INDEX_CHUNK])], what="story tallies")
    return len(stale) + len(fresh)


def _story_of(quad: Quad) -> str:
    """The story a tally or key entity quad belongs to (a tally is "STORY/key/...")."""
    return quad.subject.value.rsplit("/key/", 1)[0]


def _build_keys(store: GraphStore, keyed: tuple[NamedNode, ...], kinds: tuple[NamedNode, ...],
                make: Callable[[list[Quad]], list[Quad]], what: str) -> None:
    """Every article graph's keys of one index (`make`: profile or timeline keys) from what
    each graph holds of `keyed` and of its things' types among `kinds` (one graph at a
    time, so what is read stays one article's)."""
    keys: list[Quad] = []
    for graph in sorted({q.graph_name for q in store.quads_for_pattern(None, KEY, None, None)
                         if q.subject == q.graph_name}, key=str):
        quads = [q for predicate in keyed
                 for q in store.quads_for_pattern(None, predicate, None, graph)]
        quads += [q for kind in kinds for q in store.quads_for_pattern(None, A, kind, graph)]
        keys += make(quads)
        if len(keys) >= _INDEX_CHUNK:
            store.apply([insert_data(keys)], what=what)
            keys = []
    if keys:
        store.apply([insert_data(keys)], what=what)


def _keep_newest(store: GraphStore, writer: ArticleWriter, key: str) -> None:
    """A key in two graphs keeps the one written last; the others let go of it."""
    rows = store.select("""SELECT ?g ?at WHERE { GRAPH ?g { ?g sg:key ?key .
        OPTIONAL { ?g prov:generatedAtTime ?at } } } ORDER BY DESC(?at) DESC(?g)""",
                        {"key": key})
    older = [str(r["g"]) for r in rows[1:]]
    dropping = tuple(g for g in older if store.keys_of(_id(g)) == {key})
    unkeyed = tuple(g for g in older if g not in dropping)
    write = ArticleWrite(key, "replaced", None, False, dropping, unkeyed)
    writer.commit(write, store.article_operations(write).operations, key)


def _delete_profile(article: str) -> str:
    return f"DELETE WHERE {{ GRAPH {_STORIES} {{ {NamedNode(article)} sg:profile ?p }} }}"


def _delete_record(resource: str) -> str:
    return f"DELETE WHERE {{ GRAPH {_STORIES} {{ {NamedNode(resource)} ?p ?o }} }}"


def _id(article_iri: str) -> str:
    return article_iri.removeprefix(ARTICLE_BASE)


def _article(store: GraphStore, iri: str) -> Article | None:
    """The article as it was read, from what its graph keeps (its text and metadata)."""
    rows = store.select("""SELECT ?text ?title ?published ?source ?url WHERE { GRAPH ?a {
        ?a nif:isString ?text . OPTIONAL { ?a schema:headline ?title }
        OPTIONAL { ?a schema:datePublished ?published } OPTIONAL { ?a sg:source ?source }
        OPTIONAL { ?a schema:url ?url } } } LIMIT 1""", {"a": NamedNode(iri)})
    if not rows:
        return None
    row = rows[0]
    authors = tuple(str(r["name"]) for r in store.select(f"""SELECT ?name WHERE {{
        GRAPH ?a {{ ?a schema:author ?e }} GRAPH {_ENTITIES} {{ ?e schema:name ?name }} }}""",
        {"a": NamedNode(iri)}))
    keys = sorted(store.keys_of(_id(iri)))
    return Article(id=_id(iri), key=keys[0] if keys else iri, text=str(row["text"]),
                   title=_text(row["title"]), published=_text(row["published"]),
                   source=_text(row["source"]), url=_text(row["url"]), authors=authors,
                   origin=iri)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


__all__ = ["KINDS", "Problem", "Repair", "find_problems", "repair"]
