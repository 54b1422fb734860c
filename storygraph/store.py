"""Where the story graph lives: one small interface, chosen by path or URL.

`open_store(location)` picks the backend:

* ``None``        the default on-disk store (`$STORYGRAPH_STORE`, else the user data dir)
* ``":memory:"``  an in-memory Oxigraph store (tests, one-off runs)
* a path          an on-disk Oxigraph store (created if missing)
* ``http(s)://``  a SPARQL 1.1 server (`storygraph.remote.SparqlStore`): every
  caller uses `GraphStore` only, and every write is SPARQL Update text applied as
  one request, so the remote backend is one more subclass.

Identity rules (DESIGN.md, contract 3; docs/store.md says more): an article's
graph is named by the hash of its text, and holds the key (or keys) it is stored
under: its url, else its file's absolute path, else "text:<id>". Same key, same
text and extractor version: nothing to do. Same key, new text: the key moves to
the new version; the old graph is dropped only when no other key holds it. The
same text under a second key (a syndicated copy) adds that key to the stored
graph; nothing is parsed or written again. Nothing is ever dropped because
another key now holds the same text; removing is `plan_removal`.

Writes are planned, then applied: `plan_article` reads the store and decides
(`ArticleWrite`), `article_operations` turns the decision into SPARQL Update
operations, and `apply` runs a list of operations as one request, so in one
transaction. `storygraph.ingest.ArticleWriter` adds resolution and story
operations to the same request: one article is one transaction.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import pyoxigraph as ox

from storygraph.errors import QueryError, StoreError, StoreWriteError
from storygraph.rdf.index import (
    MARKER,
    NAME_WORD,
    count_change,
    entity_settle,
    figure_changes,
    name_word_quads,
    profile_key_quads,
    timeline_key_quads,
    vocabulary_change,
)
from storygraph.rdf.mapping import (
    ALTERNATE_NAME,
    AUTHOR,
    DATE_PUBLISHED,
    ENTITIES,
    EXTRACTOR_VERSION,
    HEADLINE,
    HOLDER,
    IDENT_REF,
    IDENTIFIER,
    KEY,
    MENTIONS,
    SOURCE,
    URL,
    A,
    MappedArticle,
    Resolved,
    article_iri,
    date_literal,
    map_extraction,
)
from storygraph.rdf.namespace import PREFIXES
from storygraph.rdf.sparql import UPDATE_KEYWORDS, bind, query_form
from storygraph.rdf.story_counts import tally_change
from storygraph.rdf.update import delete_data, drop_orphans, insert_data

if TYPE_CHECKING:
    from rdflib import Dataset

    from storygraph.model import Article, Extraction

MEMORY = ":memory:"
ENV_VAR = "STORYGRAPH_STORE"

PutOutcome = Literal["added", "replaced", "unchanged", "duplicate", "removed"]
Value = str | int | float | bool | None
Row = dict[str, Value]


class ArticleChange(NamedTuple):
    """The operations of one article write, and exactly the quads they insert."""

    operations: list[str]
    inserted: list[ox.Quad]


class ArticleState(NamedTuple):
    """What the store knows about an article key (unpacks as a plain pair)."""

    article_id: str
    extractor_version: str


@dataclass(frozen=True)
class ArticleWrite:
    """What storing (or removing) one key changes, decided before anything is written.

    `graph` is the IRI of the article graph the key holds afterwards (None after a
    removal); `write_graph` says whether that graph is written from the extraction.
    `dropping` are graphs dropped in the same transaction: versions no key holds any
    more, and the graph itself when it is rewritten. `unkeyed` are graphs that lose
    this key but stay, held by other keys. `other_keys` are the keys a rewritten graph
    already had besides this one, which it keeps.
    """

    key: str
    outcome: PutOutcome
    graph: str | None
    write_graph: bool = False
    dropping: tuple[str, ...] = ()
    unkeyed: tuple[str, ...] = ()
    other_keys: tuple[str, ...] = ()

    @property
    def changes(self) -> bool:
        return self.outcome != "unchanged"


@dataclass(frozen=True)
class UnfinishedWrite:
    """A request that failed half way on a server that commits its operations one by one:
    its `journal` graph keeps its `operations`, of which those up to `done` ran.
    `may_be_running`: nobody saw it fail and it began too recently to be over, so it may
    be another writer's request still under way."""

    journal: str
    what: str
    operations: tuple[str, ...]
    done: int
    may_be_running: bool = False


def default_location() -> str:
    """`$STORYGRAPH_STORE`, else `<user data dir>/storygraph/store`."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return configured
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return str(base / "storygraph" / "store")


def open_store(location: str | os.PathLike[str] | None = None, *,
               read_only: bool = False) -> GraphStore:
    """Open the store at `location` (see the module docstring). Close it when done."""
    where = default_location() if location is None else os.fspath(location)
    if re.match(r"https?://", where, re.IGNORECASE):
        from storygraph.remote import SparqlStore

        return SparqlStore(where, read_only=read_only)
    if where == MEMORY:
        return OxigraphStore(None, read_only=False)
    try:
        return OxigraphStore(where, read_only=read_only)
    except OSError as error:  # the system refuses the path itself: a name too long, a loop
        raise StoreError(f"{where}: cannot open a store there "
                         f"({error.strerror or error})") from None


def python_value(term: Any) -> Value:
    """A query result term as a plain Python value (str, int, float, bool or None)."""
    return _TERM_VALUES.get(type(term), str)(term)  # str: RDF-star triples


_XSD = "http://www.w3.org/2001/XMLSchema#"


def _boolean(text: str) -> bool:
    return text in ("true", "1")


# Literals by datatype: numbers as numbers, booleans as bools; the rest (strings, dates)
# stay text: Oxigraph types plain literals xsd:string, and dates keep their ISO form for JSON.
_LITERAL_VALUES: dict[str, Any] = {
    **{_XSD + t: int for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
        "unsignedShort", "unsignedByte")},
    **{_XSD + t: float for t in ("decimal", "double", "float")},
    _XSD + "boolean": _boolean,
}


def _literal_value(literal: ox.Literal) -> Value:
    convert = _LITERAL_VALUES.get(literal.datatype.value)
    if convert is None:
        return literal.value
    try:
        return convert(literal.value)  # type: ignore[no-any-return]
    except ValueError:  # an ill-typed literal stays its words
        return literal.value


def _nothing(term: None) -> None:
    return None


def _iri(term: ox.NamedNode) -> str:
    return term.value


# A term's value by its exact type (pyoxigraph's term classes are final): one look-up a
# term, where a chain of isinstance tests cost several for the commonest, literals and IRIs.
_TERM_VALUES: dict[type, Any] = {
    type(None): _nothing, ox.NamedNode: _iri, ox.Literal: _literal_value,
    ox.BlankNode: str,  # "_:b0"
}


class GraphStore(ABC):
    """What every backend offers; the rest of storygraph only talks to this."""

    location: str
    read_only: bool
    # Whether the engine takes Oxigraph's LATERAL (a per-row join), which story tallies use
    # to look up computed IRIs instead of reading them all (`storygraph.rdf.story_counts`).
    lateral: bool = False

    # --- writes ---------------------------------------------------------------------

    @abstractmethod
    def quads_for_pattern(self, subject: Any = None, predicate: Any = None, object: Any = None,
                          graph_name: Any = None) -> Iterator[ox.Quad]:
        """The quads matching a pattern (None matches anything), as pyoxigraph's store gives
        them: the one primitive read that planning, indexes, edits and exports build on."""

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return next(iter(self.quads_for_pattern(None, None, None, graph)), None) is not None

    def __contains__(self, quad: ox.Quad) -> bool:
        return next(iter(self.quads_for_pattern(*quad)), None) is not None

    def _graphs_for_key(self, key: str) -> list[ox.NamedNode]:
        # A key is in one graph; an older store may hold it in two (see `check`).
        return sorted({q.graph_name for q in self.quads_for_pattern(
            None, KEY, ox.Literal(key)) if isinstance(q.graph_name, ox.NamedNode)},
            key=lambda g: g.value)

    def _keys(self, graph: ox.NamedNode) -> set[str]:
        return {q.object.value for q in self.quads_for_pattern(graph, KEY, None, graph)}

    def _first_object(self, subject: ox.NamedNode, predicate: ox.NamedNode) -> str | None:
        for q in self.quads_for_pattern(subject, predicate, None, subject):
            return q.object.value
        return None

    def article_state(self, key: str) -> ArticleState | None:
        for graph in self._graphs_for_key(key):
            return ArticleState(self._first_object(graph, IDENTIFIER) or "",
                                self._first_object(graph, EXTRACTOR_VERSION) or "")
        return None

    def metadata_changed(self, article: Article) -> bool:
        """Whether `article`'s text is stored under its key alone with another headline,
        date, outlet, url or byline: an input edited in its metadata only. (A text held
        under two keys keeps the metadata of the first: the second changes nothing.)

        Asked of every article re-read unchanged, so the article's statements are read in
        one look-up (a request each, on a server), not one a field.
        """
        graph = ox.NamedNode(article_iri(article.id))
        said: dict[ox.NamedNode, list[Any]] = {}
        for q in self.quads_for_pattern(graph, None, None, graph):
            said.setdefault(q.predicate, []).append(q.object)
        if {key.value for key in said.get(KEY, [])} != {article.key}:
            return False
        given = ((HEADLINE, article.title), (SOURCE, article.source), (URL, article.url))
        if any(said.get(predicate, []) != ([] if value is None else [ox.Literal(value)])
               for predicate, value in given):
            return True
        dates = said.get(DATE_PUBLISHED, [])
        if not article.published:
            if dates:
                return True
        else:
            wanted = date_literal(article.published)
            # A stored time is in canonical form ("Z" for "+00:00"): the store compares.
            if len(dates) != 1 or (dates[0] != wanted and ox.Quad(
                    graph, DATE_PUBLISHED, wanted, graph) not in self):
                return True
        # A byline name is among the names the article gives its author entity.
        authors = said.get(AUTHOR, [])
        names = {q.object.value.casefold() for author in authors
                 for q in self.quads_for_pattern(author, ALTERNATE_NAME, None, graph)}
        return (len(authors) > len(article.authors)
                or any(name.casefold() not in names for name in article.authors))

    def stored_version(self, article_id: str) -> str | None:
        return self._first_object(ox.NamedNode(article_iri(article_id)), EXTRACTOR_VERSION)

    def plan_article(self, article: Article, extractor_version: str) -> ArticleWrite:
        key = article.key
        graph = ox.NamedNode(article_iri(article.id))
        held = self._graphs_for_key(key)
        stored_version = self._first_object(graph, EXTRACTOR_VERSION)
        others = [g for g in held if g != graph]
        dropping = [g.value for g in others if self._keys(g) <= {key}]
        unkeyed = [g.value for g in others if g.value not in dropping]
        if stored_version is None or (graph in held and (
                stored_version != extractor_version or self.metadata_changed(article))):
            # A new text, or this key's text extracted by another version or given other
            # metadata: (re)write it.
            other_keys: tuple[str, ...] = ()
            if stored_version is not None:
                other_keys = tuple(sorted(self._keys(graph) - {key}))
                dropping.append(graph.value)
            return ArticleWrite(key, "replaced" if held else "added", graph.value, True,
                                tuple(dropping), tuple(unkeyed), other_keys)
        if graph not in held:
            # The text is stored under another key: this key joins it, nothing is parsed.
            return ArticleWrite(key, "duplicate", graph.value, False, tuple(dropping),
                                tuple(unkeyed))
        outcome: PutOutcome = "replaced" if others else "unchanged"
        return ArticleWrite(key, outcome, graph.value, False, tuple(dropping), tuple(unkeyed))

    def plan_removal(self, key: str) -> ArticleWrite | None:
        held = self._graphs_for_key(key)
        if not held:
            return None
        dropping = tuple(g.value for g in held if self._keys(g) <= {key})
        unkeyed = tuple(g.value for g in held if g.value not in dropping)
        return ArticleWrite(key, "removed", None, False, dropping, unkeyed)

    def _recorded(self, entities: Iterable[str]) -> set[str]:
        """Those of `entities` the shared graph has a record of (a remote store asks
        about them all in one request, not one each)."""
        return {e for e in entities if next(iter(self.quads_for_pattern(
            ox.NamedNode(e), A, None, ENTITIES)), None) is not None}

    def _new_records(self, mapped: MappedArticle) -> list[ox.Quad]:
        """Entity records to write: only for entities the shared graph lacks (first writer)."""
        recorded = self._recorded(mapped.entity_quads)
        return [q for entity, record in mapped.entity_quads.items() if entity not in recorded
                for q in record]

    def article_keys(self) -> set[str]:
        return {q.object.value for q in self.quads_for_pattern(None, KEY, None, None)
                if q.graph_name == q.subject}

    def keys_of(self, article_id: str) -> set[str]:
        return self._keys(ox.NamedNode(article_iri(article_id)))

    def title(self, article_id: str) -> str | None:
        return self._first_object(ox.NamedNode(article_iri(article_id)), HEADLINE)

    def article_operations(self, write: ArticleWrite,
                           mapped: MappedArticle | None = None) -> ArticleChange:
        key = ox.Literal(write.key)
        operations = [delete_data([ox.Quad(g, KEY, key, g)])
                      for g in map(ox.NamedNode, write.unkeyed)]
        dropping = [ox.NamedNode(g) for g in write.dropping]
        # Their mentions leave the entity counts while they are still there to be read.
        operations.append(count_change(dropping, -1))
        operations.append(tally_change(dropping, -1, lateral=self.lateral))  # ... their stories'
        operations += [f"DROP SILENT GRAPH {g}" for g in dropping]
        # Records of entities only the dropped graphs mentioned go in the same request
        # (operations run in order, so the check already sees those graphs gone); an
        # entity the new version mentions keeps its record.
        keep = set(mapped.entity_quads) if mapped else set()
        dropped = self._mentioned(dropping)
        candidates = sorted(dropped - keep)
        operations.append(drop_orphans(ox.NamedNode(c) for c in candidates))
        if write.graph is None:
            operations += self._index_operations([], dropping, candidates)
            return ArticleChange([o for o in operations if o], [])
        graph = ox.NamedNode(write.graph)
        if write.write_graph:
            if mapped is None:
                raise ValueError("a write that writes the graph needs the mapped article")
            quads = mapped.article_quads + self._new_records(mapped)
            quads += [ox.Quad(graph, KEY, ox.Literal(k), graph) for k in write.other_keys]
            quads += (name_word_quads(quads) + profile_key_quads(quads)
                      + timeline_key_quads(quads))
        else:
            quads = [ox.Quad(graph, KEY, key, graph)]
        operations.append(insert_data(quads))
        if write.write_graph:
            operations.append(count_change([graph], 1))
        operations += self._index_operations(quads, dropping, candidates)
        return ArticleChange([o for o in operations if o], quads)

    def _index_operations(self, inserted: list[ox.Quad], dropping: list[ox.NamedNode],
                          orphans: list[str]) -> list[str]:
        """Keep the lookup indexes of `storygraph.rdf.index` up to date with this write,
        which drops the graphs `dropping` and the records of those of `orphans` nothing
        names any more; the entity counts have changed by then (`count_change`), this
        settles them."""
        stale, flagged = figure_changes(self, inserted, dropping)
        empty = next(iter(self.quads_for_pattern(None, KEY, None, None)), None) is None
        if inserted and empty:
            flagged.append(MARKER)  # an empty store: every name it gets is indexed
        # Only a role added or dropped gives or takes a holder's head.
        holders = {q.object.value for g in dropping
                   for q in self.quads_for_pattern(None, HOLDER, None, g)}
        holders |= {q.object.value for q in inserted if q.predicate == HOLDER}
        changed = dropping or any(q.predicate == IDENT_REF for q in inserted)
        # The vocabulary: what the names the write puts give, what those of the graphs it
        # drops and of the records it leaves no entity for (`drop_orphans`) took.
        deleted = [q for g in dropping for q in self.quads_for_pattern(None, NAME_WORD, None, g)]
        deleted += [q for e in orphans if not any(
            q.graph_name not in dropping for q in self.quads_for_pattern(
                None, MENTIONS, ox.NamedNode(e), None))
            for q in self.quads_for_pattern(ox.NamedNode(e), NAME_WORD, None, ENTITIES)]
        return [delete_data(stale) if stale else "", insert_data(flagged) if flagged else "",
                *(entity_settle(holders) if changed else []),
                *vocabulary_change(self, deleted, inserted)]

    def _mentioned(self, graphs: Iterable[ox.NamedNode]) -> set[str]:
        return {q.object.value for g in graphs
                for q in self.quads_for_pattern(g, MENTIONS, None, g)}

    @abstractmethod
    def apply(self, operations: Sequence[str], *, what: str) -> None:
        """Run `operations` as one request: one transaction, all or nothing.

        Raises StoreWriteError naming `what` when the store refuses the write.
        """

    def unfinished_writes(self) -> list[UnfinishedWrite]:
        """Requests that failed half way and left part of their operations applied: none
        where each request is one transaction, as here (`storygraph.remote` has them)."""
        return []

    def finish_write(self, write: UnfinishedWrite) -> None:
        """Run what is left of an unfinished write (`unfinished_writes`)."""
        raise NotImplementedError(f"{type(self).__name__} leaves no unfinished writes")

    def put(self, extraction: Extraction, resolution: Resolved | None = None) -> PutOutcome:
        """Store one article's graph and key in one transaction, by the identity rules.

        The graph only: `storygraph.ingest.ArticleWriter` also resolves the article
        and gives it a story in the same transaction, which is what ingest does.
        `resolution` (from `storygraph.resolve.resolver.Resolver`) gives the canonical
        entity of each local entity and the quads resolution decided; without it,
        entities get plain name-slug ids.
        """
        write = self.plan_article(extraction.article, extraction.extractor_version)
        if write.changes:
            mapped = map_extraction(extraction, resolution=resolution) \
                if write.write_graph else None
            self.apply(self.article_operations(write, mapped).operations,
                       what=f"article {extraction.article.key}")
        return write.outcome

    def put_many(self, extractions: Iterable[Extraction]) -> list[PutOutcome]:
        """Store each extraction in turn (one transaction each); outcomes in order.

        A mapping error raises StoreError naming the article; everything put
        before it stays stored.
        """
        return [self.put(extraction) for extraction in extractions]

    # --- reads ----------------------------------------------------------------------

    def query(self, query: str, bindings: Mapping[str, Any] | None = None
              ) -> SelectResult | bool | list[ox.Triple]:
        """Run a SPARQL query: a SelectResult, a bool (ASK) or triples (CONSTRUCT/DESCRIBE).

        `bindings` pre-bind variables to values (see `storygraph.rdf.sparql.bind`);
        that is the only way user text should reach a query. Updates are refused.
        The default graph is the union of all graphs; GRAPH ?g reaches each one.
        """
        return self._execute(_checked(query, bindings))

    @abstractmethod
    def _execute(self, query: str) -> SelectResult | bool | list[ox.Triple]: ...

    def select(self, query: str, bindings: Mapping[str, Any] | None = None) -> list[Row]:
        """Rows of a SELECT as dicts of plain Python values (None when unbound)."""
        result = self.query(query, bindings)
        if not isinstance(result, SelectResult):
            raise QueryError("expected a SELECT query")
        return result.rows

    def select_each(self, query: str, bindings: Mapping[str, Any] | None = None
                    ) -> Iterator[Row]:
        """The rows of `select`, one at a time, for answers too large to hold whole (the
        resolver's index of a large store). The query runs, and its errors are raised, here;
        read the rows to the end (or close the iterator) before writing to the store.

        By default the whole answer is read first and handed out a row at a time;
        OxigraphStore streams its rows from the engine.
        """
        return iter(self.select(query, bindings))

    def ask(self, query: str, bindings: Mapping[str, Any] | None = None) -> bool:
        result = self.query(query, bindings)
        if not isinstance(result, bool):
            raise QueryError("expected an ASK query")
        return result

    def construct(self, query: str, bindings: Mapping[str, Any] | None = None
                  ) -> list[ox.Triple]:
        """Triples of a CONSTRUCT or DESCRIBE."""
        result = self.query(query, bindings)
        if not isinstance(result, list):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return result

    @abstractmethod
    def quad_count(self) -> int: ...

    @abstractmethod
    def flush(self) -> None:
        """Move what the store holds in memory to its files (written data is durable anyway).

        An embedded store keeps recent writes in memory tables until then: a long ingest
        calls this now and then so that its memory stays flat.
        """

    @abstractmethod
    def close(self) -> None:
        """Release the store (and its on-disk lock). Safe to call twice."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _checked(query: str, bindings: Mapping[str, Any] | None) -> str:
    """The query with its bindings, if it reads: updates are refused."""
    form = query_form(query)
    if form in UPDATE_KEYWORDS:
        raise QueryError(
            f"SPARQL updates are not allowed here ({form}); storygraph only runs "
            "SELECT, ASK, CONSTRUCT and DESCRIBE"
        )
    return bind(query, bindings) if bindings else query


def _rows(solutions: Iterable[ox.QuerySolution], variables: list[str]) -> Iterator[Row]:
    for solution in solutions:
        yield dict(zip(variables, _plain(solution), strict=True))


def _plain(solution: ox.QuerySolution) -> list[Value]:
    """A solution's terms as plain values, read in projection order (not looked up by name)."""
    values = _TERM_VALUES.get
    return [values(type(term), str)(term) for term in solution]


class SelectResult(NamedTuple):
    """The variables of a SELECT in projection order, and its rows."""

    variables: list[str]
    rows: list[Row]


class LazySelect(NamedTuple):
    """A SELECT's variables, and its rows (tuples in that order) as the engine yields them."""

    variables: list[str]
    rows: Iterator[tuple[Any, ...]]


_SYNTAX_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)


def query_error(exc: SyntaxError) -> QueryError:
    """Oxigraph's "error at 1:26: expected ..." as one line naming line and column."""
    message = str(exc.msg if exc.msg else exc).strip()
    match = _SYNTAX_POSITION.search(message)
    if match:
        line, column, detail = match.groups()
        detail = " ".join(detail.split())
        if len(detail) > 160:  # "expected one of" can list whole Unicode ranges
            detail = detail[:157].rstrip() + "..."
        return QueryError(f"malformed SPARQL at line {line}, column {column}: {detail}")
    return QueryError(f"malformed SPARQL: {' '.join(message.split())}")


class OxigraphStore(GraphStore):
    """The embedded store: pyoxigraph in memory or on disk."""

    lateral = True

    def __init__(self, path: str | None, *, read_only: bool = False) -> None:
        self.location = MEMORY if path is None else path
        self.read_only = read_only
        self._datasets: list[Any] = []
        if path is not None:
            _refuse_what_is_not_a_store(Path(path), read_only=read_only)
        try:
            self._store: ox.Store | None = self._open()
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"store {path} is in use: another process (or an open store in this "
                    "one) holds its lock; close it, or open it read-only"
                ) from None
            raise StoreError(f"cannot open store {path}: {_one_line(exc)}") from None
        except RuntimeError as exc:  # RocksDB reports damaged files this way
            raise StoreError(_damaged(path, exc)) from None

    def _open(self) -> ox.Store:
        """The engine's store: when this one opens, and again after each flush."""
        if self.location == MEMORY:
            return ox.Store()
        if self.read_only:
            return ox.Store.read_only(self.location)
        Path(self.location).parent.mkdir(parents=True, exist_ok=True)
        return ox.Store(self.location)

    def __repr__(self) -> str:
        state = "closed" if self._store is None else ("read-only" if self.read_only else "open")
        return f"<OxigraphStore {self.location} {state}>"

    @property
    def inner(self) -> ox.Store:
        """The pyoxigraph store itself, for bulk work this interface does not cover."""
        if self._store is None:
            raise StoreError(f"store {self.location} is closed")
        return self._store

    def _writable(self) -> ox.Store:
        store = self.inner
        if self.read_only:
            raise StoreError(f"store {self.location} is open read-only")
        return store

    def quads_for_pattern(self, subject: Any = None, predicate: Any = None, object: Any = None,
                          graph_name: Any = None) -> Iterator[ox.Quad]:
        return iter(self.inner.quads_for_pattern(subject, predicate, object, graph_name))

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return self.inner.contains_named_graph(graph)

    def __contains__(self, quad: ox.Quad) -> bool:
        return quad in self.inner

    def apply(self, operations: Sequence[str], *, what: str) -> None:
        store = self._writable()
        request = " ;\n".join(o for o in operations if o)
        if not request:
            return
        try:
            store.update(request, prefixes=PREFIXES)
        except (OSError, RuntimeError) as exc:  # a full disk, an I/O error, a damaged file
            raise _write_error(f"cannot write {what}", self.location, exc) from None

    # --- reads ----------------------------------------------------------------------

    def _execute(self, query: str) -> SelectResult | bool | list[ox.Triple]:
        with self._reading():
            result = self.inner.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
            if isinstance(result, ox.QuerySolutions):
                variables = [v.value for v in result.variables]
                return SelectResult(variables, list(_rows(result, variables)))
            if isinstance(result, ox.QueryBoolean):
                return bool(result)
            return list(result)

    def select_each(self, query: str, bindings: Mapping[str, Any] | None = None
                    ) -> Iterator[Row]:
        text = _checked(query, bindings)
        with self._reading():
            result = self.inner.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        return self._each(result)

    def _each(self, result: ox.QuerySolutions) -> Iterator[Row]:
        # A generator apart from select_each, so that the query's errors come at the call.
        with self._reading():
            yield from _rows(result, [v.value for v in result.variables])

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """The engine's errors while it answers a query, each one line."""
        try:
            yield
        except SyntaxError as exc:
            raise query_error(exc) from None
        except RuntimeError as exc:  # a damaged file found while reading
            raise StoreError(_damaged(self.location, exc)) from None
        except (OSError, ValueError, TypeError) as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from None

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad in the store (all graphs)."""
        return iter(self.inner.quads_for_pattern(None, None, None, None))

    def stream(self, query: str, *, terms: bool = False,
               default_graphs: Sequence[str] | None = None,
               named_graphs: Sequence[str] | None = None
               ) -> bool | LazySelect | Iterator[ox.Triple]:
        """A query's answer as the engine yields it, for the query worker, which sends it on
        in batches from a process it can kill (`storygraph.query.worker`).

        ASK gives a bool, SELECT its variables and lazy rows (plain values, or terms with
        `terms`), CONSTRUCT and DESCRIBE lazy triples. The default graph is the union of all
        graphs unless `default_graphs` names the graphs to merge into it; `named_graphs`
        restricts what GRAPH sees. The engine's errors are raised as they come (SyntaxError,
        OSError, RuntimeError): the worker words them.
        """
        dataset: dict[str, Any] = {"use_default_graph_as_union": default_graphs is None}
        if default_graphs is not None:
            dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs is not None:
            dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        result = self.inner.query(query, prefixes=PREFIXES, **dataset)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            return LazySelect([v.value for v in result.variables],
                              (tuple(solution) if terms else tuple(_plain(solution))
                               for solution in result))
        return iter(result)

    def dump(self, path: str | os.PathLike[str], rdf_format: ox.RdfFormat,
             prefixes: dict[str, str] | None = None) -> int:
        """Write every quad to `path` with Oxigraph's own writer (no Python object per quad);
        returns how many."""
        options = {"prefixes": prefixes} if prefixes else {}
        self.inner.dump(os.fspath(path), rdf_format, **options)
        return len(self.inner)

    def backup(self, target: str | os.PathLike[str]) -> None:
        """A consistent copy of the on-disk store in `target` (a new directory)."""
        self.inner.backup(os.fspath(target))

    def quad_count(self) -> int:
        return len(self.inner)

    def rdflib_dataset(self) -> Dataset:
        """An rdflib Dataset over this same store (via oxrdflib), for rdflib's ecosystem.

        Not for the hot path: rdflib terms cost more than the store itself.
        Closing this GraphStore closes the Dataset too.
        """
        from oxrdflib import OxigraphStore as RdflibOxigraphStore
        from rdflib import Dataset

        dataset = Dataset(store=RdflibOxigraphStore(store=self.inner), default_union=True)
        self._datasets.append(dataset)
        return dataset

    def flush(self) -> None:
        if self.read_only or self.location == MEMORY:
            return
        try:
            _map_large_blocks()
            self.inner.flush()
            # RocksDB's block cache and table readers grow with what was read (~0.06 MB an
            # article in a long ingest) and are released only with the database: reopen
            # it, when nothing else (an rdflib view, a live query result) holds it.
            if not self._datasets and sys.getrefcount(self._store) == _ONLY_OURS:
                self._store = None
                self._store = self._open()
            _return_freed_memory()
        except (OSError, RuntimeError) as exc:
            raise _write_error("cannot write", self.location, exc) from None

    def close(self) -> None:
        # pyoxigraph has no close(): the store (and its lock) goes when the last
        # reference does, so drop ours and those held by rdflib views.
        for dataset in self._datasets:
            dataset.store.close()
        self._datasets.clear()
        if self._store is not None and not self.read_only and self.location != MEMORY:
            # Closing must not fail: writes are committed (in the write-ahead log), and a
            # damaged file a flush meets (RuntimeError) was said by the write that met it.
            with contextlib.suppress(OSError, RuntimeError):
                self._store.flush()
        self._store = None


# sys.getrefcount of the store when only the attribute holds it (the call adds one).
_ONLY_OURS = 2


@functools.cache
def _glibc() -> Any:
    """The C library where it is glibc (it has malloc_trim and mallopt), else None."""
    import ctypes.util  # only a long ingest gets here: keep start-up lean

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim, libc.mallopt  # noqa: B018 - both, or neither is used
    except (OSError, AttributeError):
        return None
    return libc


_M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)
_MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value


def _map_large_blocks() -> None:
    """Keep blocks of 128 KB and more in their own mappings, which free returns whole.

    glibc raises that threshold (up to 32 MB) each time such a block is freed, after which
    RocksDB's memory tables (1 MB blocks) and table readers come from the heap, where each
    flush leaves holes that later small objects pin: the heap's free bytes grew from 55 to
    80 MB over a 3,000-article ingest, 25-30 MB with the threshold kept (RSS after a flush
    at 2,000 articles 304 -> 296 MB).
    """
    libc = _glibc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)


def _return_freed_memory() -> None:
    """Give the pages that a flush freed back to the system.

    RocksDB's memory tables and readers, and the rows of a long ingest, are freed in
    small pieces that glibc keeps for reuse, so a process's resident memory only ever
    rises: trimming after a flush held a 1,000-article ingest at 224 MB against 313.
    """
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)

# A folder is a store when RocksDB's own bookkeeping file is in it.
_STORE_MARKER = "CURRENT"


def _refuse_what_is_not_a_store(path: Path, *, read_only: bool) -> None:
    """A path that holds something else is refused before anything is written into it."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is a file, not a store; give a folder for the store")
    is_store = (path / _STORE_MARKER).is_file()
    if not is_store and path.is_dir() and any(path.glob("MANIFEST-*")):
        raise StoreError(f"store {path} is damaged (its {_STORE_MARKER} file is missing); "
                         "restore it from a copy, or ingest the articles again into a new store")
    if read_only and not is_store:
        raise StoreError(f"no store at {path} (ingest some articles first)")
    if path.is_dir() and not is_store and any(path.iterdir()):
        raise StoreError(f"{path} is a folder of other files, not a store; give a new or "
                         "empty folder for the store")


def _damaged(path: str | None, exc: BaseException) -> str:
    return (f"store {path} is damaged ({_one_line(exc)}); restore it from a copy, or "
            "ingest the articles again into a new store")


def _write_error(doing: str, location: str, exc: BaseException) -> StoreWriteError:
    """A write the engine refused, one line: RocksDB reports a damaged file it met while
    writing (a table a compaction reads) as RuntimeError, the system a full disk as OSError."""
    if isinstance(exc, RuntimeError):
        return StoreWriteError(f"{doing}: {_damaged(location, exc)}")
    return StoreWriteError(f"{doing} to {location}: {_one_line(exc)}")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
