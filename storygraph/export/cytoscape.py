"""Cytoscape.js JSON: `cy.add(json.elements)` or `cytoscape({elements: json.elements})`.

The shape is Cytoscape.js's own (`{"elements": {"nodes": [{"data": ...}],
"edges": [{"data": ...}]}}`), which Cytoscape desktop also imports. Every node's
data has `id` (the entity IRI), `label`, `type`, `color` (hex, the palette in
`storygraph.export.style`), `size`, mentions, articles, aliases, roles, story
(labels) and first/last seen; every edge's data has a unique `id`, `source`, `target`,
`relation`, `label`, `weight`, `articles` and first/last seen. Parallel relations
between one pair stay separate edges. A `style` list colours and sizes by those
fields, so the file renders as is.

`write_cytoscape` writes one element at a time, so the edges of a large store's
`storygraph.graph.Projection` never sit in memory together.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from storygraph.export.style import RELATION_COLOURS, hex_colour, size
from storygraph.graph import Edge, Projection, nodes_and_edges

if TYPE_CHECKING:
    import networkx as nx

NODE_FIELDS = ("label", "type", "group", "mentions", "articles", "aliases", "roles",
               "story", "first_seen", "last_seen")
EDGE_FIELDS = ("relation", "label", "weight", "articles", "first_seen", "last_seen")

STYLE: list[dict[str, Any]] = [
    {"selector": "node", "style": {"label": "data(label)", "background-color": "data(color)",
                                   "width": "data(size)", "height": "data(size)",
                                   "font-size": 10}},
    {"selector": "edge", "style": {"width": "mapData(weight, 1, 10, 1, 6)",
                                   "line-color": "data(color)", "target-arrow-color":
                                   "data(color)", "target-arrow-shape": "triangle",
                                   "curve-style": "bezier", "opacity": 0.7}},
]


def cytoscape_data(graph: nx.MultiDiGraph | Projection, *,
                   edges: Iterable[Edge] | None = None) -> dict[str, Any]:
    """The projection as a Cytoscape.js JSON object (see the module docstring).

    `edges` (of the graph) replaces its edges, to show only some.
    """
    nodes, every_edge = nodes_and_edges(graph)
    edges = every_edge if edges is None else edges
    return {"data": {"name": graph.name or "storygraph"},
            "elements": {"nodes": list(_nodes(nodes)), "edges": list(_edges(edges))},
            "style": STYLE}


def write_cytoscape(graph: nx.MultiDiGraph | Projection,
                    path: str | os.PathLike[str] | IO[str]) -> int:
    """Write `graph` as Cytoscape.js JSON (UTF-8) to a path or text file object.

    Returns the number of edges written.
    """
    if hasattr(path, "write"):
        return _write(graph, path)  # type: ignore[arg-type]
    with open(path, "w", encoding="utf-8", buffering=1 << 20) as handle:  # type: ignore[arg-type]
        return _write(graph, handle)


def _write(graph: nx.MultiDiGraph | Projection, out: IO[str]) -> int:
    """The same JSON as `json.dump(cytoscape_data(graph))`, one element at a time."""
    nodes, edges = nodes_and_edges(graph)
    out.write(f'{{"data": {_json({"name": graph.name or "storygraph"})}, "elements": {{"nodes": [')
    for i, node in enumerate(_nodes(nodes)):
        out.write((", " if i else "") + _json(node))
    out.write('], "edges": [')
    if isinstance(graph, Projection):
        count = _write_projection_edges(graph, out)
    else:
        count = 0
        for count, edge in enumerate(_edges(edges), 1):
            out.write((", " if count > 1 else "") + _json(edge))
    out.write(f']}}, "style": {_json(STYLE)}}}')
    return count


def _write_projection_edges(graph: Projection, out: IO[str]) -> int:
    """A projection's edges as `_write` writes any graph's, many at a time; returns how many.

    The hot loop (a large store has about a million edges): a co-occurrence edge is its
    id and ends before a tail that only its articles and days decide, made once for
    each day a single article gives.
    """
    quoted = {node: _json(node) for node, _ in graph.nodes}
    relations = list(graph.relations())
    for i, edge in enumerate(_edges(relations)):
        out.write((", " if i else "") + _json(edge))
    colour = RELATION_COLOURS["co_occurs"]

    def tail(articles: int, days: tuple[str, ...]) -> str:
        # The fields after the ends, as `_edges` orders them; "{" dropped, "}}" closing.
        return _json({"relation": "co_occurs", "label": "co-occurs", "weight": float(articles),
                      "articles": articles, "first_seen": days[0] if days else None,
                      "last_seen": days[-1] if days else None, "color": colour})[1:] + "}"

    pieces = graph.cooccurrence_text(
        [quoted[iri] for iri in graph.iris],
        lambda n, u, v, end: f'{", " if n else ""}{{"data": {{"id": "e{n}", "source": {u}, '
                             f'"target": {v}, {end}', tail, len(relations))
    while True:
        try:
            out.write(next(pieces))
        except StopIteration as done:
            return int(done.value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _nodes(nodes: Iterable[tuple[Any, dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    for node, data in nodes:
        fields = {name: data[name] for name in NODE_FIELDS if name in data}
        yield {"data": {"id": str(node), **fields, "color": hex_colour(data.get("type")),
                        "size": size(data.get("mentions"))}}


def _edges(edges: Iterable[tuple[Any, Any, Any, dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    for i, (u, v, key, data) in enumerate(edges):
        fields = {name: data[name] for name in EDGE_FIELDS if name in data}
        fields.setdefault("relation", str(key))
        yield {"data": {"id": f"e{i}", "source": str(u), "target": str(v), **fields,
                        "color": RELATION_COLOURS.get(fields["relation"], "#999999")}}
