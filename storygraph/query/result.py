"""Run any SPARQL query text under limits and hand back one result object, whatever its form."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from storygraph.query.guard import QueryLimits
from storygraph.query.worker import Kind, open_query
from storygraph.rdf.namespace import PREFIXES
from storygraph.rdf.sparql import QUERY_FORMS
from storygraph.rdf.terms import RdfFormat, Triple, parse, serialize
from storygraph.store import GraphStore, Row


@dataclass
class QueryResult:
    """What a query returned: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""

    kind: Kind
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)
    truncated: bool = False

    def records(self) -> list[dict[str, Any]]:
        """Rows as DESIGN.md's `query` contract lists them.

        SELECT: one key per projected variable; ASK: [{"result": bool}];
        CONSTRUCT/DESCRIBE: one {"subject", "predicate", "object"} per triple,
        terms in N-Triples form.
        """
        if self.kind == "select":
            return self.rows
        if self.kind == "ask":
            return [{"result": self.boolean}]
        return [{"subject": str(t.subject), "predicate": str(t.predicate), "object": str(t.object)}
                for t in self.triples]

    def to_ntriples(self) -> str:
        return serialize(self.triples, format=RdfFormat.N_TRIPLES).decode("utf-8")

    def to_turtle(self) -> str:
        return serialize(self.triples, format=RdfFormat.TURTLE,
                         prefixes=PREFIXES).decode("utf-8")


def run_query(store: GraphStore, text: str, bindings: dict[str, Any] | None = None,
              limits: QueryLimits | None = None) -> QueryResult:
    """Run SELECT / ASK / CONSTRUCT / DESCRIBE text under `limits` (default: QueryLimits()).

    Updates, SERVICE (unless allowed), bad syntax, a query too deep for the engine
    and one over its time limit raise QueryError. The whole answer is held in
    memory; `open_query` streams it instead.
    """
    with open_query(store, text, bindings, limits) as stream:
        if stream.kind == "select":
            rows = list(stream.rows())
            return QueryResult("select", variables=stream.variables, rows=rows,
                               truncated=stream.truncated)
        if stream.kind == "ask":
            return QueryResult("ask", boolean=stream.boolean)
        lines = "".join(stream.ntriples())
        triples = [quad.triple for quad in parse(lines, format=RdfFormat.N_TRIPLES)]
        return QueryResult(stream.kind, triples=triples, truncated=stream.truncated)


def write_triples(batches: Iterable[list[str]], output: BinaryIO, *, turtle: bool) -> None:
    """Write batches of N-Triples lines as they come: as they are, or as Turtle with our prefixes.

    Turtle groups a subject's triples and so is written in blocks of about 8 KB;
    N-Triples is flushed after each batch.
    """
    if turtle:
        triples = (quad.triple for batch in batches
                   for quad in parse("".join(batch), format=RdfFormat.N_TRIPLES))
        serialize(triples, output, format=RdfFormat.TURTLE, prefixes=PREFIXES)
    else:
        for batch in batches:
            output.write("".join(batch).encode("utf-8"))
            output.flush()
    output.flush()


__all__ = ["QUERY_FORMS", "Kind", "QueryResult", "run_query", "write_triples"]
