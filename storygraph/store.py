"""Where the story graph lives: one small interface, chosen by path or URL.

`open_store(location)` picks the backend:

* ``None``        the default on-disk store (`$STORYGRAPH_STORE`, else the user data dir)
* ``":memory:"``  an in-memory Oxigraph store (tests, one-off runs)
* a path          an on-disk Oxigraph store (created if missing)
* ``http(s)://``  a remote SPARQL 1.1 endpoint: not supported yet, but everything
  callers use is on `GraphStore`, and the one write that must be atomic (replacing
  an article) is already a single SPARQL Update text (`storygraph.rdf.update`), so
  a remote backend is one more subclass, not a rewrite.

Identity rules (DESIGN.md, contract 3): an article is found by its key. Same key,
same id and same extractor version: nothing to do. Same key with a new id (or a
new extractor version): its graph is replaced, in one transaction. The same text
already stored under another key is a syndicated copy: its graph IRI is taken by
the first key, so nothing new is written (an older version stored under this key
is dropped) and `put` says "duplicate".
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import pyoxigraph as ox

from storygraph.errors import QueryError, StoreError, StoreWriteError
from storygraph.model import Extraction
from storygraph.rdf.mapping import (
    ENTITIES,
    EXTRACTOR_VERSION,
    IDENTIFIER,
    KEY,
    MENTIONS,
    A,
    MappedArticle,
    Resolved,
    article_iri,
    map_extraction,
)
from storygraph.rdf.namespace import PREFIXES
from storygraph.rdf.sparql import UPDATE_KEYWORDS, bind, query_form
from storygraph.rdf.update import drop_orphans, replace_article

if TYPE_CHECKING:
    from rdflib import Dataset

MEMORY = ":memory:"
ENV_VAR = "STORYGRAPH_STORE"

PutOutcome = Literal["added", "replaced", "unchanged", "duplicate"]
Value = str | int | float | bool | None
Row = dict[str, Value]


class ArticleState(NamedTuple):
    """What the store knows about an article key (unpacks as a plain pair)."""

    article_id: str
    extractor_version: str


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
        raise StoreError(f"remote SPARQL endpoints are not supported yet: {where}")
    if where == MEMORY:
        return OxigraphStore(None, read_only=False)
    return OxigraphStore(where, read_only=read_only)


def python_value(term: Any) -> Value:
    """A query result term as a plain Python value (str, int, float, bool or None)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _literal_value(term)
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)  # blank nodes ("_:b0") and RDF-star triples


_INTEGER_TYPES = frozenset(
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
              "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt",
              "unsignedLong", "unsignedShort", "unsignedByte")
)
_FLOAT_TYPES = frozenset(
    "http://www.w3.org/2001/XMLSchema#" + t for t in ("decimal", "double", "float")
)
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _literal_value(literal: ox.Literal) -> Value:
    datatype = literal.datatype.value
    try:
        if datatype in _INTEGER_TYPES:
            return int(literal.value)
        if datatype in _FLOAT_TYPES:
            return float(literal.value)
    except ValueError:  # an ill-typed literal stays its words
        return literal.value
    if datatype == _BOOLEAN:
        return literal.value in ("true", "1")
    # Dates and strings stay text: Oxigraph types plain literals xsd:string, and
    # dates keep their ISO form for JSON output.
    return literal.value


class GraphStore(ABC):
    """What every backend offers; the rest of storygraph only talks to this."""

    location: str
    read_only: bool

    # --- writes ---------------------------------------------------------------------

    @abstractmethod
    def article_state(self, key: str) -> ArticleState | None:
        """(article id, extractor version) stored for `key`, or None if unknown."""

    @abstractmethod
    def put(self, extraction: Extraction, resolution: Resolved | None = None) -> PutOutcome:
        """Store one article's extraction in one transaction, by the identity rules.

        `resolution` (from `storygraph.resolve.resolver.Resolver`) gives the canonical
        entity of each local entity and the quads resolution decided; without it,
        entities get plain name-slug ids.
        """

    def put_many(self, extractions: Iterable[Extraction]) -> list[PutOutcome]:
        """Store each extraction in turn (one transaction each); outcomes in order.

        A mapping error raises StoreError naming the article; everything put
        before it stays stored.
        """
        return [self.put(extraction) for extraction in extractions]

    @abstractmethod
    def remove(self, key: str) -> bool:
        """Drop the article stored under `key` (and entities only it mentioned)."""

    # --- reads ----------------------------------------------------------------------

    def query(self, query: str, bindings: Mapping[str, Any] | None = None
              ) -> SelectResult | bool | list[ox.Triple]:
        """Run a SPARQL query: a SelectResult, a bool (ASK) or triples (CONSTRUCT/DESCRIBE).

        `bindings` pre-bind variables to values (see `storygraph.rdf.sparql.bind`);
        that is the only way user text should reach a query. Updates are refused.
        The default graph is the union of all graphs; GRAPH ?g reaches each one.
        """
        form = query_form(query)
        if form in UPDATE_KEYWORDS:
            raise QueryError(
                f"SPARQL updates are not allowed here ({form}); storygraph only runs "
                "SELECT, ASK, CONSTRUCT and DESCRIBE"
            )
        return self._execute(bind(query, bindings) if bindings else query)

    @abstractmethod
    def _execute(self, query: str) -> SelectResult | bool | list[ox.Triple]: ...

    def select(self, query: str, bindings: Mapping[str, Any] | None = None) -> list[Row]:
        """Rows of a SELECT as dicts of plain Python values (None when unbound)."""
        result = self.query(query, bindings)
        if not isinstance(result, SelectResult):
            raise QueryError("expected a SELECT query")
        return result.rows

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
    def close(self) -> None:
        """Release the store (and its on-disk lock). Safe to call twice."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class SelectResult(NamedTuple):
    """The variables of a SELECT in projection order, and its rows."""

    variables: list[str]
    rows: list[Row]


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

    def __init__(self, path: str | None, *, read_only: bool = False) -> None:
        self.location = MEMORY if path is None else path
        self.read_only = read_only
        self._datasets: list[Any] = []
        try:
            if path is None:
                self._store: ox.Store | None = ox.Store()
            elif read_only:
                if not Path(path).is_dir():
                    raise StoreError(f"no store at {path} (ingest some articles first)")
                self._store = ox.Store.read_only(path)
            else:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(path)
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"store {path} is in use: another process (or an open store in this "
                    "one) holds its lock; close it, or open it read-only"
                ) from None
            raise StoreError(f"cannot open store {path}: {_one_line(exc)}") from None

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

    # --- writes ---------------------------------------------------------------------

    def _graphs_for_key(self, key: str) -> list[ox.NamedNode]:
        return [q.graph_name for q in self.inner.quads_for_pattern(None, KEY, ox.Literal(key))
                if isinstance(q.graph_name, ox.NamedNode)]

    def _first_object(self, subject: ox.NamedNode, predicate: ox.NamedNode) -> str:
        for q in self.inner.quads_for_pattern(subject, predicate, None, subject):
            return q.object.value
        return ""

    def article_state(self, key: str) -> ArticleState | None:
        for graph in self._graphs_for_key(key):
            return ArticleState(self._first_object(graph, IDENTIFIER),
                                self._first_object(graph, EXTRACTOR_VERSION))
        return None

    def _has_record(self, entity: str) -> bool:
        node = ox.NamedNode(entity)
        return next(iter(self.inner.quads_for_pattern(node, A, None, ENTITIES)), None) is not None

    def _new_records(self, mapped: MappedArticle) -> list[ox.Quad]:
        """Entity records to write: only for entities the shared graph lacks (first writer)."""
        quads: list[ox.Quad] = []
        for entity, record in mapped.entity_quads.items():
            if not self._has_record(entity):
                quads.extend(record)
        return quads

    def put(self, extraction: Extraction, resolution: Resolved | None = None) -> PutOutcome:
        store = self._writable()
        article = extraction.article
        graph = ox.NamedNode(article_iri(article.id))
        old_graphs = self._graphs_for_key(article.key)
        if old_graphs == [graph] and (
            self._first_object(graph, EXTRACTOR_VERSION) == extraction.extractor_version
        ):
            return "unchanged"
        if graph not in old_graphs and store.contains_named_graph(graph):
            # The same text is stored under another key (a syndicated copy): its
            # graph belongs to that key. What this key held before is outdated.
            if old_graphs:
                self.remove(article.key)
            return "duplicate"
        mapped = map_extraction(extraction, resolution=resolution)
        try:
            if not old_graphs:
                # Store.extend is one transaction: all of the article or none of it.
                store.extend(mapped.article_quads + self._new_records(mapped))
                return "added"
            candidates = self._mentioned(old_graphs) - set(mapped.entity_quads)
            # Records of entities only the old version mentioned are dropped in the
            # same request; records the new version needs and the store lacks (or
            # is about to lose) are written. An entity kept by both keeps its record.
            new_quads = mapped.article_quads + self._new_records(mapped)
            store.update(replace_article(
                old_graphs, [ox.NamedNode(c) for c in sorted(candidates)], new_quads))
            return "replaced"
        except OSError as exc:
            raise StoreWriteError(
                f"cannot write article {article.key} to {self.location}: {_one_line(exc)}"
            ) from None

    def _mentioned(self, graphs: Iterable[ox.NamedNode]) -> set[str]:
        return {q.object.value for g in graphs
                for q in self.inner.quads_for_pattern(g, MENTIONS, None, g)}

    def put_many(self, extractions: Iterable[Extraction]) -> list[PutOutcome]:
        outcomes = super().put_many(extractions)
        if self._store is not None and self.location != MEMORY:
            self._store.flush()  # a batch is a natural point to make it durable
        return outcomes

    def remove(self, key: str) -> bool:
        store = self._writable()
        old_graphs = self._graphs_for_key(key)
        if not old_graphs:
            return False
        operations = [f"DROP SILENT GRAPH {g}" for g in old_graphs]
        orphans = drop_orphans(ox.NamedNode(c) for c in sorted(self._mentioned(old_graphs)))
        if orphans:
            operations.append(orphans)
        try:
            store.update(" ;\n".join(operations))
        except OSError as exc:
            raise StoreWriteError(
                f"cannot remove {key} from {self.location}: {_one_line(exc)}"
            ) from None
        return True

    # --- reads ----------------------------------------------------------------------

    def _execute(self, query: str) -> SelectResult | bool | list[ox.Triple]:
        store = self.inner
        try:
            result = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
            if isinstance(result, ox.QuerySolutions):
                variables = [v.value for v in result.variables]
                rows = [{name: python_value(solution[name]) for name in variables}
                        for solution in result]
                return SelectResult(variables, rows)
            if isinstance(result, ox.QueryBoolean):
                return bool(result)
            return list(result)
        except SyntaxError as exc:
            raise query_error(exc) from None
        except (OSError, ValueError, TypeError) as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from None

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad in the store (all graphs)."""
        return iter(self.inner.quads_for_pattern(None, None, None, None))

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

    def close(self) -> None:
        # pyoxigraph has no close(): the store (and its lock) goes when the last
        # reference does, so drop ours and those held by rdflib views.
        for dataset in self._datasets:
            dataset.store.close()
        self._datasets.clear()
        if self._store is not None and not self.read_only and self.location != MEMORY:
            with contextlib.suppress(OSError):  # closing must not fail; writes are committed
                self._store.flush()
        self._store = None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
