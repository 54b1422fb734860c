"""Run any SPARQL query text and hand back one result object, whatever its form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import pyoxigraph as ox

from storygraph.errors import QueryError
from storygraph.rdf.namespace import PREFIXES
from storygraph.rdf.sparql import QUERY_FORMS, UPDATE_KEYWORDS, query_form
from storygraph.store import GraphStore, Row, SelectResult

Kind = Literal["select", "ask", "construct", "describe"]


@dataclass
class QueryResult:
    """What a query returned: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""

    kind: Kind
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

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
        return ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")

    def to_turtle(self) -> str:
        return ox.serialize(self.triples, format=ox.RdfFormat.TURTLE,
                            prefixes=PREFIXES).decode("utf-8")


def run_query(store: GraphStore, text: str, bindings: dict[str, Any] | None = None
              ) -> QueryResult:
    """Run SELECT / ASK / CONSTRUCT / DESCRIBE text; updates and bad syntax raise QueryError."""
    form = query_form(text)
    if form in UPDATE_KEYWORDS:
        raise QueryError(
            f"SPARQL updates are not allowed ({form}); storygraph only runs "
            "SELECT, ASK, CONSTRUCT and DESCRIBE queries"
        )
    result = store.query(text, bindings)
    if isinstance(result, SelectResult):
        return QueryResult("select", variables=result.variables, rows=result.rows)
    if isinstance(result, bool):
        return QueryResult("ask", boolean=result)
    kind: Kind = "describe" if form == "DESCRIBE" else "construct"
    return QueryResult(kind, triples=result)


__all__ = ["QUERY_FORMS", "Kind", "QueryResult", "run_query"]
