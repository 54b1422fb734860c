"""Lookup indexes kept in the store as articles are put, so lookups read what they answer.

* Name words. Every name an entity has (its record's `schema:name`, each article's
  `schema:alternateName`) and every speaker as written (`sg:speakerText`) gets one
  `sg:nameWord` quad per lower-cased word, beside the name in the same graph, so
  it leaves with the article (or the record) that gave it and a merge rewrites it
  with the rest of the entity's statements. A lookup by name is then an index
  look-up per word instead of a scan of every name in the store.
* Figure discrepancies. Whether another source contradicts a figure changes only
  when a figure of its series is put or removed (or a supersession mark with it),
  so it is decided then, for the series the write touches, and kept as
  `sg:discrepancy true` in the index graph (`contradicted` below is the rule).
* Series sizes (version 2). Each series has `sg:figureCount N` in the index graph,
  and the index graph one `sg:seriesSize N` for each count some series has, so the
  figures listing (largest series first) finds the series of one page by a few
  look-ups instead of reading every figure in the store.
* Series order (version 3). The first series by IRI (what `figures-tracker` orders by)
  are found in two steps of look-ups, since neither Oxigraph nor Python orders 20,000
  IRIs in a few milliseconds: the index graph has `sg:seriesHead` for the head (the IRI
  to a few characters past the series base) of every series, each head's node
  (`series_head`) `sg:seriesBucket` for each longer prefix under it that some series
  has, and each series `sg:seriesBucket` its own. Heads, a head's buckets and a
  bucket's series are each a few hundred at most.
* Entity counts (version 4). Each entity has `sg:articleCount` (the articles whose
  mentions name it) and `sg:mentionCount` in the index graph, and the index graph one
  `sg:articleCounts N` for each count some entity has, so the entities most widely
  covered are found by a few look-ups; each role holder has `sg:holderHead` (its name's
  first characters) and the index graph `sg:holderHeads` for each, so the people with
  roles are found in name order (`people-roles`). A write changes the counts by what
  it changes, in its own request (`count_change`): an article graph put adds its
  mentions, a graph dropped takes its mentions away first, a merge or split takes
  away what the graphs it rewrites gave its two entities and adds what they give
  after; then the holders' heads and the lists are settled (`entity_settle`). So a
  write costs what it writes, not what its entities' coverage is; `storygraph check`
  compares the counts with a full count (`count_fixes`) and `--repair` mends them.
* Profile keys (version 5). An entity's profile lists its articles and the claims by and
  about it in date order, a page at a time; for an entity named in hundreds of articles,
  reading and ordering those was most of a lookup. Each article graph keeps, for each
  entity its mentions name, `sg:articleKey` ("published TAB article id"), and for each
  speaker and subject of a claim `sg:saidKey` / `sg:aboutKey` ("date TAB article id TAB
  begin TAB claim"): text that sorts as the profile lists them (undated last), in the
  article's own graph, so it leaves with the article and a merge or split rewrites it
  with the rest of what names the entity. A profile reads the entity's keys (one scan),
  sorts them and reads its page only.
* Story tallies (version 6). Each story's count of every entity its articles name,
  kept by deltas, from which its key entities are ranked (`storygraph.rdf.story_counts`):
  a write costs what it changes, not what the story holds.
* Timeline keys (version 7). An entity's timeline lists the events, claims and figures
  that involve it in date order, a page at a time; for a name shared by many entities
  that was reading a thousand items whole (each one ~15 look-ups) to show fifty. Each
  article graph keeps, for every entity an item of it involves (`INVOLVED`),
  `sg:timelineKey` (`timeline_key`: whether the item has its own date, that date or its
  article's, the article id, the item's start and IRI), beside the profile keys and
  rewritten with them by a merge or split. The timeline reads the entities' keys in one
  scan, orders them and reads its page's items only.
* Word vocabulary (version 8). A name typed as part of a word ("Blai", "imani Gr") is
  no whole word of the name-word index, and was looked for by reading every name and
  speaker of the store. The index graph keeps every word of the name-word index (three
  letters or more) as a node (`word_node`) with `sg:wordGram` for each three letters in
  a row it holds: the words holding a part are those with all of its grams, and what has
  those words is read from the name-word index. A write settles the words whose names it
  adds or takes away (`vocabulary_settle`): a word no name has any more leaves, one a
  name has and the vocabulary lacks joins.

A store says which indexes it keeps with `sg:indexVersion` in the index graph:
written by the first article put into an empty store, or by `storygraph check
--repair` for a store written before them (or before a later version). Lookups on a
store without them fall back to reading what they need (the scans this replaces),
so an older store still answers, only slower. `INDEX_VERSION` changes when the
words or the rules change, or an index is added.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple, Protocol
from urllib.parse import quote, unquote

from storygraph.rdf.mapping import (
    ABOUT,
    ANCHOR_OF,
    ATTRIBUTED_TO,
    BEGIN,
    CLAIM,
    DATE_CREATED,
    DATE_PUBLISHED,
    ENTITIES,
    EVENT,
    HAS_ACTOR,
    HAS_PLACE,
    HAS_TIMESTAMP,
    HOLDER,
    IDENT_REF,
    IDENTIFIER,
    INVALIDATED_AT,
    INVALIDATED_BY,
    KIND,
    NAME,
    QUANTITATIVE_VALUE,
    ROLE,
    ROLE_NAME,
    SERIES,
    TARGET,
    VALUE,
    A,
)
from storygraph.rdf.namespace import (
    INDEX_GRAPH,
    SCHEMA,
    SERIES_BASE,
    SG,
    WORD_BASE,
)
from storygraph.rdf.terms import BlankNode, Literal, NamedNode, Quad
from storygraph.rdf.update import delete_data, insert_data

INDEX_VERSION = 8
# The version that added each index: a store marked with an older one lacks it.
NAMES_SINCE = 1
SERIES_SIZES_SINCE = 2
SERIES_ORDER_SINCE = 3
ENTITY_COUNTS_SINCE = 4
PROFILE_KEYS_SINCE = 5
STORY_TALLIES_SINCE = 6  # each story's entity tallies (`storygraph.rdf.story_counts`)
TIMELINE_KEYS_SINCE = 7
WORD_VOCABULARY_SINCE = 8
INDEX = NamedNode(INDEX_GRAPH)
NAME_WORD = NamedNode(SG.nameWord)
INDEX_VERSION_PREDICATE = NamedNode(SG.indexVersion)
DISCREPANCY = NamedNode(SG.discrepancy)
FIGURE_COUNT = NamedNode(SG.figureCount)
SERIES_SIZE = NamedNode(SG.seriesSize)
SERIES_HEAD = NamedNode(SG.seriesHead)
SERIES_BUCKET = NamedNode(SG.seriesBucket)
ARTICLE_COUNT = NamedNode(SG.articleCount)
MENTION_COUNT = NamedNode(SG.mentionCount)
ARTICLE_COUNTS = NamedNode(SG.articleCounts)
HOLDER_HEAD = NamedNode(SG.holderHead)
HOLDER_HEADS = NamedNode(SG.holderHeads)
ARTICLE_KEY = NamedNode(SG.articleKey)
SAID_KEY = NamedNode(SG.saidKey)
ABOUT_KEY = NamedNode(SG.aboutKey)
TIMELINE_KEY = NamedNode(SG.timelineKey)
WORD_GRAM = NamedNode(SG.wordGram)
MARKER = Quad(INDEX, INDEX_VERSION_PREDICATE, Literal(INDEX_VERSION), INDEX)
TRUE = Literal(True)
# The predicates whose words are indexed: names of entities and speakers as written.
NAMED_BY = frozenset(NamedNode(p) for p in (SCHEMA.name, SCHEMA.alternateName,
                                            SG.speakerText))
_WORD = re.compile(r"\w+")


def name_words(text: str) -> list[str]:
    """The words of a name as the index holds them: composed (NFC), lower-cased, in order.

    Lower-cased as SPARQL's LCASE does, so a name the index finds is one that
    `CONTAINS(LCASE(?name), LCASE(?typed))` also accepts.
    """
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def name_word_quads(quads: Iterable[Quad]) -> list[Quad]:
    """The `sg:nameWord` quads for the names among `quads`, each in its name's graph."""
    out: dict[Quad, None] = {}
    for q in quads:
        if q.predicate in NAMED_BY and isinstance(q.object, Literal):
            for word in name_words(q.object.value):
                out[Quad(q.subject, NAME_WORD, Literal(word), q.graph_name)] = None
    return list(out)


class Standing(NamedTuple):
    """What a discrepancy depends on: one figure of a series and when it stood."""

    figure: str
    article: str
    value: Any
    published: str | None  # day
    superseded_at: str | None  # day
    superseded_by: str | None  # article IRI


def contradicted(figures: list[Standing]) -> Iterator[str]:
    """The figures of one series another source contradicts: a figure from another article
    with another value, neither superseding the other, both standing at once (neither
    superseded on or before the day the other was published)."""
    if len({f.value for f in figures}) < 2:
        return
    for figure in figures:
        if any(_contradicts(figure, other) for other in figures):
            yield figure.figure


def _contradicts(a: Standing, b: Standing) -> bool:
    if a.article == b.article or a.value == b.value:
        return False
    if a.superseded_by == b.article or b.superseded_by == a.article:
        return False  # a change, not a discrepancy
    # An unknown date never ends the overlap (as SPARQL's comparison with an unbound fails).
    return not _ended_by(a.superseded_at, b.published) and \
        not _ended_by(b.superseded_at, a.published)


def _ended_by(superseded_at: str | None, published: str | None) -> bool:
    return superseded_at is not None and published is not None and superseded_at <= published


def day(value: Any) -> str | None:
    """The day of a date or date-time value (its first ten characters), None for None."""
    return None if value is None else str(value)[:10]


_FACTS = (VALUE, DATE_PUBLISHED, INVALIDATED_BY, INVALIDATED_AT)


def flag(figure: NamedNode | str) -> Quad:
    """The quad that says a figure is contradicted."""
    node = figure if isinstance(figure, NamedNode) else NamedNode(figure)
    return Quad(node, DISCREPANCY, TRUE, INDEX)


class QuadSource(Protocol):
    """Where quads are read from: any storygraph store backend."""

    def quads_for_pattern(self, subject: Any = None, predicate: Any = None, object: Any = None,
                          graph_name: Any = None) -> Iterable[Quad]: ...

    def select(self, query: str, bindings: Any = None) -> list[dict[str, Any]]: ...

    def select_each(self, query: str, bindings: Any = None) -> Iterator[dict[str, Any]]: ...


# How many letters in a row a word's grams hold: a part of a word shorter than that is
# looked for by reading every name.
GRAM = 3


def word_node(word: str) -> NamedNode:
    """The node of a word (as `name_words` gives it) in the index graph's vocabulary."""
    return NamedNode(WORD_BASE + quote(word, safe=""))


def node_word(iri: str) -> str:
    """The word of a vocabulary node (`word_node`)."""
    return unquote(iri.removeprefix(WORD_BASE))


def word_grams(text: str) -> set[str]:
    """Every `GRAM` letters in a row of `text`: a word holds `text` only if it holds them all."""
    return {text[i:i + GRAM] for i in range(len(text) - GRAM + 1)}


def word_gram_quads(words: Iterable[str]) -> list[Quad]:
    """The vocabulary quads of these words (those of `GRAM` letters or more)."""
    return [Quad(word_node(word), WORD_GRAM, Literal(gram), INDEX)
            for word in sorted(set(words)) for gram in sorted(word_grams(word))]


def vocabulary_change(store: QuadSource, deleted: Iterable[Quad], inserted: Iterable[Quad]
                      ) -> list[str]:
    """The operations that keep the word vocabulary the words the names have through a
    request that deletes the quads `deleted` and inserts `inserted`, decided from the store
    before it runs (as `figure_changes`): the words of inserted names the vocabulary lacks
    join it, those of deleted names no other name has leave it. Decided here, not by the
    engine: Virtuoso's `FILTER NOT EXISTS` over a word bound by VALUES matched no name and
    took words away that names still had. Costs a look-up per word."""
    gone = {q for q in deleted if q.predicate == NAME_WORD}
    added = {q.object.value for q in inserted if q.predicate == NAME_WORD}
    joining = [w for w in added if len(w) >= GRAM and next(iter(store.quads_for_pattern(
        word_node(w), WORD_GRAM, Literal(min(word_grams(w))), INDEX)), None) is None]
    leaving = [w for w in {q.object.value for q in gone} - added if len(w) >= GRAM and all(
        q in gone for q in store.quads_for_pattern(None, NAME_WORD, Literal(w), None))]
    return [*([insert_data(word_gram_quads(joining))] if joining else []),
            *([delete_data(word_gram_quads(leaving))] if leaving else [])]


def index_version(store: QuadSource) -> int:
    """The version of the lookup indexes `store` keeps (0: none)."""
    return max((int(q.object.value) for q in store.quads_for_pattern(
        INDEX, INDEX_VERSION_PREDICATE, None, INDEX)), default=0)


def figure_changes(store: QuadSource, inserted: Iterable[Quad],
                   dropping: Iterable[NamedNode]) -> tuple[list[Quad], list[Quad]]:
    """The figure index quads (discrepancy flags, series sizes) to delete and to insert
    when a write inserts `inserted` and drops the graphs `dropping`: the series of the
    figures written or dropped are decided again, from the store as it will be (read
    before the write; `store` is not changed).

    Costs two queries for the figures of those series (their values, days and marks,
    then their flags), however many figures they hold, and none for a write without
    figures: a read is a round trip to a server (`storygraph.remote`).
    """
    dropping = list(dropping)
    gone = {g.value for g in dropping}
    inserted = list(inserted)
    pending: dict[tuple[str, NamedNode], tuple[Any, str]] = {}
    new_figures: dict[NamedNode | BlankNode, tuple[Any, Any]] = {}  # figure: series, graph
    for q in inserted:
        if q.predicate == SERIES:
            new_figures[q.subject] = (q.object, q.graph_name)
        elif q.predicate in _FACTS:
            pending.setdefault((q.subject.value, q.predicate),
                               (q.object.value, q.graph_name.value))
    # By series: `check --repair` passes every figure of the store at once.
    new_in: dict[Any, list[tuple[Any, Any]]] = {}
    for figure, (series, graph) in new_figures.items():
        new_in.setdefault(series, []).append((figure, graph))
    touched = set(new_in)
    for graph in dropping:
        touched.update(q.object for q in store.quads_for_pattern(None, SERIES, None, graph))
    if not touched:
        return [], []
    stored = _stored_figures(store, touched, gone)
    members: dict[Any, list[Standing]] = {}
    before: set[NamedNode] = set()
    for series in touched:
        figures = list(stored.members.get(series.value, ()))
        before.update(NamedNode(f) for f, _ in figures)
        figures = [(f, g) for f, g in figures
                   if g not in gone and NamedNode(f) not in new_figures]
        figures += [(f.value, g.value) for f, g in new_in.get(series, [])]
        for figure, graph in figures:
            value = _pending_or(pending, figure, VALUE, stored.values.get((figure, graph)))
            published = _pending_or(pending, graph, DATE_PUBLISHED,
                                    stored.published.get(graph))
            by, at = None, None
            if (figure, INVALIDATED_BY) in pending:
                by, by_graph = pending[(figure, INVALIDATED_BY)]
                at = _pending_or(pending, figure, INVALIDATED_AT,
                                 stored.marked_at.get((figure, by_graph)))
            else:
                marks = sorted(stored.marks.get(figure, ()))
                if marks:
                    by, by_graph = marks[0]
                    at = _pending_or(pending, figure, INVALIDATED_AT,
                                     stored.marked_at.get((figure, by_graph)))
            members.setdefault(series, []).append(Standing(
                figure, graph, _number_value(value), day(published), day(at), by))
    flagged = {f for figures in members.values() for f in contradicted(figures)}
    standing = before | {f for f in new_figures if isinstance(f, NamedNode)}
    had = _flagged(store, standing)
    stale, fresh = _sizes(store, {s: len(members.get(s, ())) for s in touched})
    return ([flag(f) for f in sorted(had - flagged)] + stale,
            [flag(f) for f in sorted(flagged - had)] + fresh)


class _StoredFigures(NamedTuple):
    """What the store holds about the figures of some series, by IRI (plain strings):
    every member, and the facts of the graphs a write keeps."""

    members: dict[str, dict[tuple[str, str], None]]  # series: (figure, graph), in order
    values: dict[tuple[str, str], Any]  # (figure, graph): value
    published: dict[str, Any]  # graph: day it was published
    marks: dict[str, list[tuple[str, str]]]  # figure: (invalidating article, mark's graph)
    marked_at: dict[tuple[str, str], Any]  # (figure, mark's graph): when


def _stored_figures(store: QuadSource, series: Iterable[Any], gone: set[str]) -> _StoredFigures:
    """The figures of `series`, with their values, days and marks; the facts held in the
    graphs `gone` (dropped by the write) left out, so that a rewritten graph without a
    date or value has none, as the store will be. The rows are read one at a time: a
    series grows with the store (a place's figure, restated article after article)."""
    rows = store.select_each(f"""SELECT ?s ?f ?g ?value ?published ?by ?byg ?at WHERE {{
        VALUES ?s {{ {" ".join(str(s) for s in series)} }}
        GRAPH ?g {{ ?f {SERIES} ?s }}
        OPTIONAL {{ GRAPH ?g {{ ?f {VALUE} ?value }} }}
        OPTIONAL {{ GRAPH ?g {{ ?g {DATE_PUBLISHED} ?published }} }}
        OPTIONAL {{ GRAPH ?byg {{ ?f {INVALIDATED_BY} ?by }}
                    OPTIONAL {{ GRAPH ?byg {{ ?f {INVALIDATED_AT} ?at }} }} }} }}""")
    found = _StoredFigures({}, {}, {}, {}, {})
    for row in rows:
        figure, graph = row["f"], row["g"]
        found.members.setdefault(row["s"], {})[(figure, graph)] = None
        if graph not in gone:
            found.values.setdefault((figure, graph), row["value"])
            found.published.setdefault(graph, row["published"])
        if row["by"] is not None and row["byg"] not in gone:
            marks = found.marks.setdefault(figure, [])
            if (row["by"], row["byg"]) not in marks:
                marks.append((row["by"], row["byg"]))
            found.marked_at.setdefault((figure, row["byg"]), row["at"])
    return found


def _flagged(store: QuadSource, figures: Iterable[NamedNode]) -> set[str]:
    """Those of `figures` the index flags as contradicted."""
    chosen = " ".join(str(f) for f in figures)
    if not chosen:
        return set()
    return {row["f"] for row in store.select(
        f"SELECT ?f WHERE {{ VALUES ?f {{ {chosen} }} GRAPH {INDEX} {{ ?f {DISCREPANCY} ?t }} "
        f"FILTER(?t = {TRUE}) }}")}


def _pending_or(pending: dict[tuple[str, NamedNode], tuple[Any, str]], subject: str,
                predicate: NamedNode, stored: Any) -> Any:
    """What the write inserts for (subject, predicate), else what the store holds."""
    written = pending.get((subject, predicate))
    return stored if written is None else written[0]


def _sizes(store: QuadSource, counts: dict[Any, int]) -> tuple[list[Quad], list[Quad]]:
    """The series size quads to delete and insert when these series get these counts."""
    chosen = " ".join(str(s) for s in counts)
    stale = [Quad(NamedNode(row["s"]), FIGURE_COUNT, Literal(row["n"]), INDEX)
             for row in store.select(f"SELECT ?s ?n WHERE {{ VALUES ?s {{ {chosen} }} "
                                     f"GRAPH {INDEX} {{ ?s {FIGURE_COUNT} ?n }} }}")]
    fresh = [Quad(series, FIGURE_COUNT, Literal(n), INDEX)
             for series, n in counts.items() if n]
    sizes = {n for n in counts.values() if n}
    fresh += [Quad(INDEX, SERIES_SIZE, Literal(n), INDEX) for n in sorted(sizes)]
    for size in {q.object for q in stale} - {Literal(n) for n in sizes}:
        # A size stays while a series the write leaves alone has it: one look, not a
        # read of every series of that size (most series have one figure).
        if not store.select(f"SELECT ?s WHERE {{ GRAPH {INDEX} {{ ?s {FIGURE_COUNT} {size} }} "
                            f"FILTER(?s NOT IN ({', '.join(str(s) for s in counts)})) }} LIMIT 1"):
            stale.append(Quad(INDEX, SERIES_SIZE, size, INDEX))
    order_stale, order_fresh = _order(store, counts)
    stale += order_stale
    fresh += order_fresh
    unchanged = set(stale) & set(fresh)
    return ([q for q in stale if q not in unchanged], [q for q in fresh if q not in unchanged])


# How far a head and a bucket reach into a series IRI: past the base, a few characters
# (a unit's first letters: a few hundred heads) and more (a few series a bucket).
_HEAD = len(SERIES_BASE) + 4
_BUCKET = len(SERIES_BASE) + 16


def series_head(head: str) -> NamedNode:
    """The node in the index graph that holds the buckets under a head."""
    return NamedNode(f"{INDEX_GRAPH}#series-{quote(head, safe='')}")


def order_quads(series: NamedNode) -> list[Quad]:
    """What the series order holds for one series with figures: its head, its bucket under
    the head, and its own bucket."""
    head, bucket = Literal(series.value[:_HEAD]), Literal(series.value[:_BUCKET])
    return [Quad(INDEX, SERIES_HEAD, head, INDEX),
            Quad(series_head(head.value), SERIES_BUCKET, bucket, INDEX),
            Quad(series, SERIES_BUCKET, bucket, INDEX)]


def _order(store: QuadSource, counts: dict[Any, int]) -> tuple[list[Quad], list[Quad]]:
    """The series order quads (heads, buckets) to delete and insert when these series get
    these counts: a series with figures has its bucket, a bucket or head nothing has left
    goes."""
    stale: list[Quad] = []
    fresh: list[Quad] = []
    kept: dict[str, set[str]] = {}  # head: buckets of series that keep figures here
    for series, n in counts.items():
        if n and isinstance(series, NamedNode):
            kept.setdefault(series.value[:_HEAD], set()).add(series.value[:_BUCKET])
            fresh += order_quads(series)
    emptied = {s for s, n in counts.items() if not n}
    for series in emptied:
        stale += store.quads_for_pattern(series, SERIES_BUCKET, None, INDEX)
    # A bucket (a head) stays while a series the write leaves alone, or keeps, is in it.
    for bucket in {q.object for q in stale}:
        head = bucket.value[:_HEAD]
        if bucket.value in kept.get(head, ()) or any(
                q.subject not in emptied and q.subject != series_head(head)
                for q in store.quads_for_pattern(None, SERIES_BUCKET, bucket, INDEX)):
            continue
        stale.append(Quad(series_head(head), SERIES_BUCKET, bucket, INDEX))
    for head in {q.object.value[:_HEAD] for q in stale}:
        gone = {q.object for q in stale if q.subject == series_head(head)}
        if head not in kept and all(q.object in gone for q in store.quads_for_pattern(
                series_head(head), SERIES_BUCKET, None, INDEX)):
            stale.append(Quad(INDEX, SERIES_HEAD, Literal(head), INDEX))
    fresh = list(dict.fromkeys(fresh))
    stored = _stored(store, fresh)
    return stale, [q for i, q in enumerate(fresh) if i not in stored]


def _stored(store: QuadSource, quads: list[Quad]) -> set[int]:
    """The positions in `quads` of those the store holds, in one query."""
    if not quads:
        return set()
    rows = " ".join(f"({i} {q.subject} {q.predicate} {q.object} {q.graph_name})"
                    for i, q in enumerate(quads))
    return {row["i"] for row in store.select(
        f"SELECT ?i WHERE {{ VALUES (?i ?s ?p ?o ?g) {{ {rows} }} GRAPH ?g {{ ?s ?p ?o }} }}")}


# How much of a role holder's name its head holds: a few hundred heads, a few dozen
# holders each.
HOLDER_HEAD_LENGTH = 3
# Where a request parks the values it takes from entities, so that a value no entity
# has any more leaves the index graph's list of values; empty between requests.
_FREED = NamedNode(f"{INDEX_GRAPH}#freed")


def iri_list(items: Iterable[NamedNode | str]) -> str:
    """IRIs as SPARQL terms, once each, in one order: for a VALUES block."""
    return " ".join(sorted({str(i if isinstance(i, NamedNode) else NamedNode(i))
                            for i in items}))


def count_change(graphs: Iterable[NamedNode | str], sign: int,
                 entities: Iterable[NamedNode | str] | None = None) -> str:
    """The SPARQL Update operation that adds (`sign` 1) what the mentions in `graphs` give
    the article and mention counts of the entities they name (of `entities` only, when
    given), or takes it away (`sign` -1), on the counts kept when it runs.

    A write that adds or removes mentions runs it for the graphs it changes, taking away
    before and adding after: an article graph put, `sign` 1 after its insert; graphs
    dropped, -1 before the drop; a merge or split, -1 before its rewrite and 1 after,
    for its two entities in the graphs it rewrites. So a write costs look-ups per mention
    it changes, never a count of all an entity's mentions (a widely covered entity's
    thousands). An entity left with none loses its counts. The values an entity leaves
    are parked for `entity_settle`, which the request must run after.
    """
    chosen = iri_list(graphs)
    only = None if entities is None else iri_list(entities)
    if not chosen or only == "":
        return ""
    index, ident, op = str(INDEX), str(IDENT_REF), "+" if sign > 0 else "-"
    values = f"VALUES ?e {{ {only} }}" if only else ""
    # ?none is never bound: a count that reaches 0 is not written.
    return f"""DELETE {{ GRAPH {index} {{ ?e {ARTICLE_COUNT} ?n0 . ?e {MENTION_COUNT} ?m0 }} }}
        INSERT {{ GRAPH {index} {{ {_FREED} {ARTICLE_COUNT} ?n0 .
                                 ?e {ARTICLE_COUNT} ?n ; {MENTION_COUNT} ?m .
                                 {index} {ARTICLE_COUNTS} ?n }} }}
        WHERE {{ {{ SELECT ?e (COUNT(DISTINCT ?g) AS ?dn) (COUNT(*) AS ?dm)
                    WHERE {{ VALUES ?g {{ {chosen} }} {values} GRAPH ?g {{ ?mention {ident} ?e }} }}
                    GROUP BY ?e }}
                 OPTIONAL {{ GRAPH {index} {{ ?e {ARTICLE_COUNT} ?n0 }} }}
                 OPTIONAL {{ GRAPH {index} {{ ?e {MENTION_COUNT} ?m0 }} }}
                 BIND(COALESCE(?n0, 0) {op} ?dn AS ?n1)
                 BIND(COALESCE(?m0, 0) {op} ?dm AS ?m1)
                 BIND(IF(?n1 > 0, ?n1, ?none) AS ?n)
                 BIND(IF(?m1 > 0, ?m1, ?none) AS ?m) }}"""


def entity_settle(entities: Iterable[NamedNode | str]) -> list[str]:
    """SPARQL Update operations that end a request which changed what names `entities`
    (after its `count_change` operations): each of them that holds a role gets its
    head again (from its record as the store stands then), and a count or head no
    entity has any more leaves the index graph's lists.

    Costs look-ups per entity: whether it holds a role is one match found, not a count.
    """
    chosen = iri_list(entities)
    index = str(INDEX)
    operations = []
    # The role's type and title are checked apart (nested): in one pattern Oxigraph
    # matched every role in the store first (9-55 ms for an article at 10,000 articles).
    if chosen:
        values = f"VALUES ?e {{ {chosen} }}"
        operations += [
            f"""DELETE {{ GRAPH {index} {{ ?e {HOLDER_HEAD} ?o }} }}
            INSERT {{ GRAPH {index} {{ {_FREED} {HOLDER_HEAD} ?o }} }}
            WHERE {{ {values} GRAPH {index} {{ ?e {HOLDER_HEAD} ?o }} }}""",
            f"""INSERT {{ GRAPH {index} {{ ?e {HOLDER_HEAD} ?head .
                                     {index} {HOLDER_HEADS} ?head }} }}
            WHERE {{ {values} GRAPH {ENTITIES} {{ ?e {NAME} ?name }}
                     FILTER EXISTS {{ GRAPH ?g {{ ?role {HOLDER} ?e }}
                       FILTER EXISTS {{ GRAPH ?g {{ ?role a {ROLE} ; {ROLE_NAME} ?t }} }} }}
                     BIND(SUBSTR(STR(?name), 1, {HOLDER_HEAD_LENGTH}) AS ?head) }}"""]
    return [
        *operations,
        *(f"""DELETE {{ GRAPH {index} {{ {index} {listed} ?o }} }}
        WHERE {{ GRAPH {index} {{ {_FREED} {each} ?o }}
                 FILTER NOT EXISTS {{ GRAPH {index} {{ ?other {each} ?o }}
                                      FILTER(?other != {_FREED}) }} }}"""
          for each, listed in ((ARTICLE_COUNT, ARTICLE_COUNTS), (HOLDER_HEAD, HOLDER_HEADS))),
        f"DELETE WHERE {{ GRAPH {index} {{ {_FREED} ?p ?o }} }}",
    ]


def count_fixes(store: QuadSource) -> tuple[list[Quad], list[Quad]]:
    """The entity count and holder head quads to delete and to insert for the index graph
    to hold what a full count of the store gives (for `storygraph check`): empty lists
    when the counts kept at each write are right. Reads every mention and role."""
    graphs: dict[Any, set[Any]] = {}
    mentions: dict[Any, int] = {}
    for q in store.quads_for_pattern(None, IDENT_REF, None, None):
        graphs.setdefault(q.object, set()).add(q.graph_name)
        mentions[q.object] = mentions.get(q.object, 0) + 1
    right = {Quad(e, ARTICLE_COUNT, Literal(len(g)), INDEX) for e, g in graphs.items()}
    right |= {Quad(e, MENTION_COUNT, Literal(n), INDEX) for e, n in mentions.items()}
    right |= {Quad(INDEX, ARTICLE_COUNTS, Literal(len(g)), INDEX)
              for g in graphs.values()}
    holders = {q.object for q in store.quads_for_pattern(None, HOLDER, None, None)
               if Quad(q.subject, A, ROLE, q.graph_name) in store and next(iter(
                   store.quads_for_pattern(q.subject, ROLE_NAME, None, q.graph_name)), None)}
    for holder in holders:
        for q in store.quads_for_pattern(holder, NAME, None, ENTITIES):
            head = Literal(q.object.value[:HOLDER_HEAD_LENGTH])
            right |= {Quad(holder, HOLDER_HEAD, head, INDEX),
                      Quad(INDEX, HOLDER_HEADS, head, INDEX)}
    kept = {q for p in (ARTICLE_COUNT, MENTION_COUNT, ARTICLE_COUNTS, HOLDER_HEAD,
                        HOLDER_HEADS) for q in store.quads_for_pattern(None, p, None, INDEX)}
    return sorted(kept - right, key=str), sorted(right - kept, key=str)


# What profile keys are made of (`profile_key_quads`).
KEYED = (IDENTIFIER, DATE_PUBLISHED, IDENT_REF, BEGIN, DATE_CREATED, ABOUT, ATTRIBUTED_TO)
# Joins the parts of a profile key: below every printable character, so "2024-03-12"
# sorts before "2024-03-12T09:30:00Z", and no id or date holds it.
KEY_SEPARATOR = "\t"
BEGIN_DIGITS = 10


def article_key(published: object, article_id: object) -> str:
    """An article's profile key: "published TAB article id" (published empty when the
    article has no date: None)."""
    return KEY_SEPARATOR.join((str(published or ""), str(article_id)))


def claim_key(date: object, article_id: object, begin: object, claim: object) -> str:
    """A claim's profile key: "date TAB article id TAB begin TAB claim IRI" (date empty
    for None), the begin zero-padded so that text order is number order."""
    return KEY_SEPARATOR.join((str(date or ""), str(article_id),
                               f"{int(str(begin)):0{BEGIN_DIGITS}d}", str(claim)))


def key_item(key: str) -> str:
    """What a profile key orders: its article id or claim IRI (its last part)."""
    return key.rsplit(KEY_SEPARATOR, 1)[1]


def profile_key_quads(quads: Iterable[Quad]) -> list[Quad]:
    """The profile keys (`sg:articleKey`, `sg:saidKey`, `sg:aboutKey`) of the article
    graphs among `quads` (an article's quads as mapped, or those of `KEYED` and the claims'
    types read from a stored graph), each in its article's graph.

    An article key is `article_key`, a claim key `claim_key` with the claim's own date
    (`schema:dateCreated`), else its article's; `key_order` sorts them.
    """
    ids: dict[Any, str] = {}
    published: dict[Any, str] = {}
    mentioned: dict[Any, set[Any]] = {}
    claims: set[tuple[Any, Any]] = set()
    facts: dict[tuple[Any, Any], dict[NamedNode, list[Any]]] = {}
    for q in quads:
        graph = q.graph_name
        if q.predicate == A and q.object == CLAIM:
            claims.add((q.subject, graph))
        elif q.subject == graph and q.predicate in (IDENTIFIER, DATE_PUBLISHED):
            (ids if q.predicate == IDENTIFIER else published)[graph] = q.object.value
        elif q.predicate == IDENT_REF:
            mentioned.setdefault(graph, set()).add(q.object)
        elif q.predicate in KEYED:
            facts.setdefault((q.subject, graph), {}).setdefault(q.predicate, []).append(
                q.object)
    out: list[Quad] = []
    for graph, entities in mentioned.items():
        if graph in ids:
            key = Literal(article_key(published.get(graph), ids[graph]))
            out += [Quad(e, ARTICLE_KEY, key, graph) for e in entities]
    for claim, graph in claims:
        told = facts.get((claim, graph), {})
        if graph not in ids or BEGIN not in told or not isinstance(claim, NamedNode):
            continue
        when = told[DATE_CREATED][0].value if DATE_CREATED in told else published.get(graph)
        key = Literal(claim_key(when, ids[graph], told[BEGIN][0].value, claim.value))
        out += [Quad(s, SAID_KEY, key, graph) for s in told.get(ATTRIBUTED_TO, ())]
        out += [Quad(a, ABOUT_KEY, key, graph) for a in told.get(ABOUT, ())]
    return out


def key_order(key: str) -> tuple[bool, str]:
    """How profile keys are ordered: by their text, undated ones (empty date) last."""
    return key.startswith(KEY_SEPARATOR), key


def _number_value(value: Any) -> Any:
    """A figure's value as a number, so 5 and 5.0 are one value (as SPARQL compares them)."""
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return value


# What links an event, claim or figure to an entity it involves (`timeline --entity`).
INVOLVED = (HAS_ACTOR, TARGET, HAS_PLACE, ATTRIBUTED_TO, ABOUT)
# The kinds of item a timeline lists, each with the predicate that gives its own date
# (a figure has none), and what else an item needs to be listed.
TIMELINE_KINDS = {EVENT: HAS_TIMESTAMP, CLAIM: DATE_CREATED, QUANTITATIVE_VALUE: None}
_LISTED = {EVENT: (KIND, ANCHOR_OF, BEGIN), CLAIM: (ANCHOR_OF, BEGIN),
           QUANTITATIVE_VALUE: (ANCHOR_OF, BEGIN)}
# What timeline keys are made of (`timeline_key_quads`), besides the items' types.
TIMELINE_KEYED = (IDENTIFIER, DATE_PUBLISHED, BEGIN, ANCHOR_OF, KIND, HAS_TIMESTAMP,
                  DATE_CREATED, *INVOLVED)


class TimelineKey(NamedTuple):
    """What orders an item in a timeline, as `timeline_key` writes it."""

    dated: bool  # the item's own date, else its article's (empty: the article has none)
    date: str
    article_id: str
    begin: int
    item: str


def timeline_key(dated: bool, date: object, article_id: object, begin: object,
                 item: object) -> str:
    """An item's timeline key: "0" (its own date) or "1" (its article's), the date (empty
    for None), the article id, the item's start (ten digits) and its IRI, joined by tabs."""
    return KEY_SEPARATOR.join(("0" if dated else "1", str(date or ""), str(article_id),
                               f"{int(str(begin)):0{BEGIN_DIGITS}d}", str(item)))


def parse_timeline_key(key: str) -> TimelineKey:
    dated, date, article_id, begin, item = key.split(KEY_SEPARATOR, 4)
    return TimelineKey(dated == "0", date, article_id, int(begin), item)


def timeline_key_quads(quads: Iterable[Quad]) -> list[Quad]:
    """The timeline keys (`sg:timelineKey`) of the article graphs among `quads` (an
    article's quads as mapped, or those of `TIMELINE_KEYED` and the items' types read from
    a stored graph): one per entity an item involves, per date and start the item has
    (a timeline lists an item once for each), each in its article's graph."""
    ids: dict[Any, str] = {}
    published: dict[Any, str] = {}
    kinds: dict[tuple[Any, Any], set[Any]] = {}
    facts: dict[tuple[Any, Any], dict[NamedNode, list[Any]]] = {}
    for q in quads:
        graph = q.graph_name
        if q.predicate == A and q.object in TIMELINE_KINDS:
            kinds.setdefault((q.subject, graph), set()).add(q.object)
        elif q.subject == graph and q.predicate in (IDENTIFIER, DATE_PUBLISHED):
            (ids if q.predicate == IDENTIFIER else published)[graph] = q.object.value
        elif q.predicate in TIMELINE_KEYED:
            facts.setdefault((q.subject, graph), {}).setdefault(q.predicate, []).append(
                q.object)
    out: list[Quad] = []
    for (item, graph), types in kinds.items():
        told = facts.get((item, graph), {})
        involved = {e for p in INVOLVED for e in told.get(p, ()) if not isinstance(e, Literal)}
        if graph not in ids or not isinstance(item, NamedNode) or not involved:
            continue
        dates: set[tuple[bool, str | None]] = set()
        for kind in types:
            if all(p in told for p in _LISTED[kind]):
                own = told.get(TIMELINE_KINDS[kind], ()) if TIMELINE_KINDS[kind] else ()
                dates |= {(True, d.value) for d in own} or {(False, published.get(graph))}
        keys = {Literal(timeline_key(dated, date, ids[graph], begin.value, item.value))
                for dated, date in dates for begin in told.get(BEGIN, ())}
        out += [Quad(e, TIMELINE_KEY, key, graph) for e in involved for key in keys]
    return out
