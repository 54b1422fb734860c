"""Merges and splits made by a person: recorded with PROV-O, reversible, never deleting history.

`merge(store, kept, merged, by=...)` folds one canonical entity into another: every
statement naming the merged entity, in every article graph, is rewritten to name the kept
one, and the merged entity's record leaves the entity graph. The merge is a `sg:Merge`
activity in the resolution graph (`prov:wasAssociatedWith` the person, `prov:endedAtTime`
when) that keeps each statement it rewrote, as it was, as an `rdf:Statement`. Later
ingests honour it: a name that would mint the merged entity resolves to the kept one.

`split_article(store, entity, article, by=...)` takes what one article says about an
entity away from it, to a new entity (for an automatic match that was wrong); a merge
undoes it. `split(store, kept, merged, by=...)` undoes the latest merge of the two: the statements
are put back (in article graphs that still exist: an article replaced since the merge was
re-resolved and keeps what it got), the record returns, and the merge is marked
`prov:wasInvalidatedBy` the `sg:Split`, which stays in the graph beside it.

Each edit is one SPARQL update request, so one transaction; a merge ingest makes by itself
is part of the article's own request (`merge_operations`).
"""

from __future__ import annotations

import getpass
import os
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from storygraph.errors import StorygraphError
from storygraph.rdf.index import (
    IDENT_REF,
    INDEX,
    NAME_WORD,
    STORY_TALLIES_SINCE,
    count_change,
    entity_settle,
    index_version,
    name_word_quads,
    vocabulary_change,
)
from storygraph.rdf.mapping import (
    ALTERNATE_NAME,
    ENTITIES,
    INVALIDATED_AT,
    INVALIDATED_BY,
    MATCHED_NAME,
    MENTIONS,
    NAME,
    RESOLVED_TO,
    XSD_DATETIME,
    A,
)
from storygraph.rdf.namespace import (
    ACTIVITY_BASE,
    AGENT_BASE,
    ENTITIES_GRAPH,
    ENTITY_BASE,
    PROV,
    RDF,
    RESOLUTION_GRAPH,
    SG,
    entity_iri,
)
from storygraph.rdf.sparql import values_block
from storygraph.rdf.story_counts import rank_again, stories_of, tally_change
from storygraph.rdf.terms import BlankNode, Literal, NamedNode, Quad
from storygraph.rdf.update import delete_data, insert_data
from storygraph.resolve.entities import slug
from storygraph.store import GraphStore


class EditError(StorygraphError):
    """A merge or split that cannot be done (unknown entity, nothing to undo, ...)."""


def _n(term: str) -> NamedNode:
    return NamedNode(str(term))


RESOLUTION = _n(RESOLUTION_GRAPH)
STATEMENT, SUBJECT, PREDICATE, OBJECT = (_n(RDF.Statement), _n(RDF.subject),
                                         _n(RDF.predicate), _n(RDF.object))
ACTIVITY, AGENT = _n(PROV.Activity), _n(PROV.Agent)
ASSOCIATED, ENDED = _n(PROV.wasAssociatedWith), _n(PROV.endedAtTime)
MERGE, SPLIT = _n(SG.Merge), _n(SG.Split)
KEPT, MERGED, UNDOES = _n(SG.kept), _n(SG.merged), _n(SG.undoes)
REWROTE, IN_GRAPH, PREEXISTING = _n(SG.rewrote), _n(SG.inGraph), _n(SG.preexisting)


@dataclass(frozen=True)
class Edit:
    """What an edit did: its activity IRI and how many statements it touched."""

    activity: str
    kind: str  # "merge" | "split"
    kept: str
    merged: str
    by: str
    at: str
    statements: int


def current_user() -> str:
    """Who is editing, when the caller does not say: $USER, else the login name."""
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _stamp(when: datetime | None) -> Literal:
    moment = (when or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    return Literal(moment, datatype=XSD_DATETIME)


def _check_writable(store: GraphStore) -> None:
    if store.read_only:
        raise EditError(f"store {store.location} is open read-only")


def _has_record(store: GraphStore, entity: NamedNode) -> bool:
    return next(iter(store.quads_for_pattern(entity, A, None, ENTITIES)), None) is not None


def _swap(term: NamedNode | Literal | BlankNode, old: NamedNode,
          new: NamedNode) -> NamedNode | Literal | BlankNode:
    return new if term == old else term


def _activity(kind: str, cls: NamedNode, who: str, when: datetime | None,
              keep: NamedNode, other: NamedNode
              ) -> tuple[NamedNode, Literal, list[Quad]]:
    """A PROV activity for one edit: who did it, when, what was kept and what was folded."""
    activity = NamedNode(f"{ACTIVITY_BASE}{kind}-{uuid.uuid4().hex[:12]}")
    stamp = _stamp(when)
    agent, history = _agent(who)
    history += [Quad(activity, A, ACTIVITY, RESOLUTION),
                Quad(activity, A, cls, RESOLUTION),
                Quad(activity, ASSOCIATED, agent, RESOLUTION),
                Quad(activity, ENDED, stamp, RESOLUTION),
                Quad(activity, KEPT, keep, RESOLUTION),
                Quad(activity, MERGED, other, RESOLUTION)]
    return activity, stamp, history


def _agent(by: str) -> tuple[NamedNode, list[Quad]]:
    agent = NamedNode(AGENT_BASE + slug(by))
    return agent, [Quad(agent, A, AGENT, RESOLUTION),
                   Quad(agent, NAME, Literal(by), RESOLUTION)]


def merge(store: GraphStore, kept: str, merged: str, *, by: str | None = None,
          when: datetime | None = None) -> Edit:
    """Fold entity `merged` into entity `kept` (both IRIs); see the module docstring."""
    operations, edit = merge_operations(store, kept, merged, by=by, when=when)
    store.apply(operations, what=f"the merge of {merged} into {kept}")
    return edit


def merge_operations(store: GraphStore, kept: str, merged: str, *, by: str | None = None,
                     when: datetime | None = None, pending: Sequence[Quad] = (),
                     dropping: Collection[str] = ()) -> tuple[list[str], Edit]:
    """The update operations of a merge, without running them.

    For a merge inside a larger request (ingest merges a lone surname into the full name
    an article brings, in that article's transaction): `pending` are quads the request
    inserts before these operations run, which the merge rewrites too, and `dropping`
    the graphs it drops, which it leaves alone.
    """
    _check_writable(store)
    keep, fold = NamedNode(kept), NamedNode(merged)
    if keep == fold:
        raise EditError("cannot merge an entity with itself")
    gone = {NamedNode(g) for g in dropping}
    added = set(pending)
    for entity in (keep, fold):
        if not _has_record(store, entity) and not any(
                q.subject == entity and q.predicate == A and q.graph_name == ENTITIES
                for q in pending):
            raise EditError(f"no entity {entity.value} in the store")
    who = by or current_user()
    activity, stamp, history = _activity("merge", MERGE, who, when, keep, fold)
    touched = [q for q in store.quads_for_pattern(fold, None, None, None)]
    touched += [q for q in store.quads_for_pattern(None, None, fold, None)]
    touched += [q for q in pending if fold in (q.subject, q.object)]
    # Sorted, so the statements are numbered alike whatever order a backend yields them in.
    # The index graph's counts are not rewritten but changed by what the rewrite changes.
    touched = sorted((q for q in dict.fromkeys(touched) if q.graph_name not in (
        RESOLUTION, INDEX) and q.graph_name not in gone), key=str)
    delete: list[Quad] = []
    insert: list[Quad] = []
    for n, q in enumerate(touched):
        delete.append(q)
        node = NamedNode(f"{activity.value}#s-{n}")
        history += _rewrote(activity, node, q)
        if q.graph_name == ENTITIES:
            continue  # the merged entity's record leaves; the kept one has its own
        rewritten = Quad(_swap(q.subject, fold, keep), q.predicate,
                         _swap(q.object, fold, keep), q.graph_name)
        if rewritten in added or (rewritten in store and rewritten.graph_name not in gone):
            # Undoing must not remove what was there before the merge.
            history.append(Quad(node, PREEXISTING, Literal(True), RESOLUTION))
        insert.append(rewritten)
    return _rewrite(store, delete, insert + history, [keep, fold]), Edit(
        activity.value, "merge", kept, merged, who, stamp.value, len(touched))


def split(store: GraphStore, kept: str, merged: str, *, by: str | None = None,
          when: datetime | None = None) -> Edit:
    """Undo the latest standing merge of `merged` into `kept`; see the module docstring."""
    _check_writable(store)
    rows = store.select(f"""
        SELECT ?merge ?at WHERE {{ {values_block(["kept", "merged"],
                                                  [[NamedNode(kept), NamedNode(merged)]])}
          GRAPH <{RESOLUTION_GRAPH}> {{
            ?merge a sg:Merge ; sg:kept ?kept ; sg:merged ?merged ; prov:endedAtTime ?at .
            FILTER NOT EXISTS {{ ?merge prov:wasInvalidatedBy ?undo }} }}
        }} ORDER BY DESC(?at) LIMIT 1""")
    if not rows:
        raise EditError(f"no standing merge of {merged} into {kept} to undo")
    merge_node = NamedNode(str(rows[0]["merge"]))
    keep, fold = NamedNode(kept), NamedNode(merged)
    who = by or current_user()
    activity, stamp, history = _activity("split", SPLIT, who, when, keep, fold)
    history += [Quad(activity, UNDOES, merge_node, RESOLUTION),
                Quad(merge_node, INVALIDATED_BY, activity, RESOLUTION),
                Quad(merge_node, INVALIDATED_AT, stamp, RESOLUTION)]
    delete: list[Quad] = []
    insert: list[Quad] = []
    count = 0
    for link in store.quads_for_pattern(merge_node, REWROTE, None, RESOLUTION):
        node = link.object
        parts = {q.predicate: q.object
                 for q in store.quads_for_pattern(node, None, None, RESOLUTION)}
        graph = parts[IN_GRAPH]
        if not isinstance(graph, NamedNode):
            continue
        original = Quad(parts[SUBJECT], parts[PREDICATE], parts[OBJECT], graph)
        if graph != ENTITIES:
            if not store.contains_named_graph(graph):
                continue  # the article was replaced or removed since; it was re-resolved
            rewritten = Quad(_swap(original.subject, fold, keep), original.predicate,
                             _swap(original.object, fold, keep), graph)
            if rewritten not in store:
                continue  # changed again since (by a later edit): leave it alone
            if PREEXISTING not in parts:
                delete.append(rewritten)
        insert.append(original)
        count += 1
    store.apply(_rewrite(store, delete, insert + history, [keep, fold]),
                what=f"the split of {merged} from {kept}")
    return Edit(activity.value, "split", kept, merged, who, stamp.value, count)


def split_article(store: GraphStore, entity: str, article: str, *, by: str | None = None,
                  when: datetime | None = None) -> Edit:
    """Give what one article says about `entity` to a new entity of its own.

    For an automatic decision that was wrong ("Okorie" in this article is someone else):
    every statement naming `entity` in the article's graph names the new entity instead,
    which takes the name that article gave and the entity's type. Recorded as an
    `sg:Split` (kept = `entity`, merged = the new entity) with the statements it rewrote;
    `merge(entity, new)` undoes it.
    """
    _check_writable(store)
    keep, graph = NamedNode(entity), NamedNode(article)
    if not _has_record(store, keep):
        raise EditError(f"no entity {entity} in the store")
    if not store.contains_named_graph(graph):
        raise EditError(f"no article {article} in the store")
    touched = [q for q in store.quads_for_pattern(keep, None, None, graph)]
    touched += [q for q in store.quads_for_pattern(None, None, keep, graph)]
    touched = list(dict.fromkeys(touched))
    if not touched:
        raise EditError(f"article {article} does not mention {entity}")
    others = {q.graph_name for q in store.quads_for_pattern(None, MENTIONS, keep, None)}
    if others <= {graph}:
        raise EditError(f"{entity} appears only in {article}: nothing to split from")
    name = _name_in(store, keep, graph)
    new = _free_iri(store, entity, name)
    who = by or current_user()
    activity, stamp, history = _activity("split", SPLIT, who, when, keep, new)
    # The kept record's type and class, with the new name and that name's words only.
    kept_record = [q for q in store.quads_for_pattern(keep, None, None, ENTITIES)
                   if q.predicate not in (NAME, NAME_WORD)]
    record = [Quad(new, q.predicate, q.object, ENTITIES) for q in kept_record]
    record += [named := Quad(new, NAME, Literal(name), ENTITIES), *name_word_quads([named])]
    insert: list[Quad] = []
    for n, q in enumerate(touched):
        node = NamedNode(f"{activity.value}#s-{n}")
        history += _rewrote(activity, node, q)
        insert.append(Quad(_swap(q.subject, keep, new), q.predicate,
                           _swap(q.object, keep, new), graph))
    store.apply(_rewrite(store, touched, record + insert + history, [keep, new]),
                what=f"the split of {article} from {entity}")
    return Edit(activity.value, "split", entity, new.value, who, stamp.value, len(touched))


def _rewrote(activity: NamedNode, node: NamedNode, q: Quad) -> list[Quad]:
    """The history an edit keeps, as `node`, of a statement it rewrote, as it was."""
    return [Quad(activity, REWROTE, node, RESOLUTION),
            Quad(node, A, STATEMENT, RESOLUTION),
            Quad(node, SUBJECT, q.subject, RESOLUTION),
            Quad(node, PREDICATE, q.predicate, RESOLUTION),
            Quad(node, OBJECT, q.object, RESOLUTION),
            Quad(node, IN_GRAPH, q.graph_name, RESOLUTION)]


def _rewrite(store: GraphStore, delete: list[Quad], insert: list[Quad],
             entities: list[NamedNode]) -> list[str]:
    """The operations of an edit that deletes and inserts these quads, rewriting what names
    `entities`: their counts, and the tallies of the stories of the graphs it rewrites,
    lose what those graphs gave them before and gain what they give after; those
    stories' key entities are ranked again."""
    graphs = {q.graph_name for q in (*delete, *insert) if q.predicate == IDENT_REF}
    tallied = index_version(store) >= STORY_TALLIES_SINCE
    stories = stories_of(store, [*delete, *insert]) if tallied else []
    lateral = store.lateral
    return [count_change(graphs, -1, entities),
            tally_change(graphs, -1, entities=entities, lateral=lateral),
            delete_data(delete) if delete else "", insert_data(insert),
            count_change(graphs, 1, entities),
            tally_change(graphs, 1, entities=entities, lateral=lateral),
            *entity_settle(entities), *rank_again(stories),
            # a record that leaves (or comes back) takes (or gives) its name's words
            *vocabulary_change(store, delete, insert)]


def _name_in(store: GraphStore, entity: NamedNode, graph: NamedNode) -> str:
    """The name the article gives the entity: the name it resolved, else its first alias."""
    for match in store.quads_for_pattern(None, RESOLVED_TO, entity, graph):
        for q in store.quads_for_pattern(match.subject, MATCHED_NAME, None, graph):
            return q.object.value
    aliases = sorted(q.object.value
                     for q in store.quads_for_pattern(entity, ALTERNATE_NAME, None, graph))
    if aliases:
        return min(aliases, key=len)
    for q in store.quads_for_pattern(entity, NAME, None, ENTITIES):
        return q.object.value
    return "entity"


def _free_iri(store: GraphStore, entity: str, name: str) -> NamedNode:
    """An entity IRI beside `entity`'s (same type group) that nothing uses, from `name`."""
    group = entity[len(ENTITY_BASE):].split("/", 1)[0] if entity.startswith(ENTITY_BASE) \
        else "thing"
    base = f"{group}/{slug(name)}"
    n = 1
    while True:
        node = NamedNode(entity_iri(base if n == 1 else f"{base}-{n}"))
        used = next(iter(store.quads_for_pattern(node, None, None, None)), None) or \
            next(iter(store.quads_for_pattern(None, None, node, None)), None)
        if used is None:
            return node
        n += 1


def merged_into(store: GraphStore, kept: str) -> list[dict[str, str]]:
    """Entities with a standing merge into `kept`: entity IRI and the name its record had."""
    rows = store.select(f"""
        SELECT DISTINCT ?entity ?name WHERE {{ {values_block(["kept"], [[NamedNode(kept)]])}
          GRAPH <{RESOLUTION_GRAPH}> {{
            ?merge a sg:Merge ; sg:kept ?kept ; sg:merged ?entity ; sg:rewrote ?s .
            ?s rdf:subject ?entity ; rdf:predicate schema:name ; rdf:object ?name ;
               sg:inGraph <{ENTITIES_GRAPH}> .
            FILTER NOT EXISTS {{ ?merge prov:wasInvalidatedBy ?undo }} }} }}""")
    return [{"entity": str(r["entity"]), "name": str(r["name"])} for r in rows]


__all__ = ["Edit", "EditError", "current_user", "merge", "merge_operations", "merged_into",
           "split", "split_article"]
