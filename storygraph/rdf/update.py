"""SPARQL 1.1 Update texts for the writes that must be one transaction.

Oxigraph runs a whole update request in one transaction, and so does any SPARQL
1.1 endpoint for one request, which is why storing an article (its graph, its
resolution and its story) is expressed as text: the embedded store and a future
remote store send the same request. Terms are written with pyoxigraph's N-Triples
serialisation, which escapes literals, so no user text is ever pasted into a query
unescaped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from storygraph.rdf.mapping import ENTITIES, MENTIONS
from storygraph.rdf.terms import NamedNode, Quad


def insert_data(quads: Iterable[Quad]) -> str:
    """`INSERT DATA { GRAPH <g> { s p o . ... } ... }` for quads in named graphs."""
    by_graph: dict[str, list[str]] = defaultdict(list)
    for q in quads:
        by_graph[str(q.graph_name)].append(f"{q.subject} {q.predicate} {q.object} .")
    blocks = "\n".join(f"GRAPH {g} {{\n{chr(10).join(lines)}\n}}" for g, lines in by_graph.items())
    return f"INSERT DATA {{\n{blocks}\n}}"


def delete_data(quads: Iterable[Quad]) -> str:
    """`DELETE DATA { ... }` for exactly these quads (absent ones are no error)."""
    return insert_data(quads).replace("INSERT DATA", "DELETE DATA", 1)


def drop_orphans(candidates: Iterable[NamedNode]) -> str:
    """Delete entity records among `candidates` that no article graph mentions any more."""
    values = " ".join(str(c) for c in candidates)
    if not values:
        return ""
    return (
        f"DELETE {{ GRAPH {ENTITIES} {{ ?e ?p ?o }} }} WHERE {{\n"
        f"  VALUES ?e {{ {values} }}\n"
        f"  GRAPH {ENTITIES} {{ ?e ?p ?o }}\n"
        f"  FILTER NOT EXISTS {{ GRAPH ?g {{ ?g {MENTIONS} ?e }} }}\n"
        f"}}"
    )
