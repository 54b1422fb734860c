"""Cytoscape.js JSON: `cy.add(json.elements)` or `cytoscape({elements: json.elements})`.

The shape is Cytoscape.js's own (`{"elements": {"nodes": [{"data": ...}],
"edges": [{"data": ...}]}}`), which Cytoscape desktop also imports. Every node's
data has `id` (the entity IRI), `label`, `type`, `color` (hex, the palette in
`storygraph.export.style`), `size`, mentions, articles, aliases, roles, story
(labels) and first/last seen; every edge's data has a unique `id`, `source`, `target`,
`relation`, `label`, `weight`, `articles` and first/last seen. Parallel relations
between one pair stay separate edges. A `style` list colours and sizes by those
fields, so the file renders as is.
"""

from __future__ import annotations

import json
import os
from typing import IO, Any

import networkx as nx

from storygraph.export.style import RELATION_COLOURS, hex_colour, size

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


def cytoscape_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The projection as a Cytoscape.js JSON object (see the module docstring)."""
    nodes = []
    for node, data in graph.nodes(data=True):
        fields = {name: data[name] for name in NODE_FIELDS if name in data}
        nodes.append({"data": {"id": str(node), **fields, "color": hex_colour(data.get("type")),
                               "size": size(data.get("mentions"))}})
    edges = []
    for i, (u, v, key, data) in enumerate(graph.edges(keys=True, data=True)):
        fields = {name: data[name] for name in EDGE_FIELDS if name in data}
        fields.setdefault("relation", str(key))
        edges.append({"data": {"id": f"e{i}", "source": str(u), "target": str(v), **fields,
                               "color": RELATION_COLOURS.get(fields["relation"], "#999999")}})
    return {"data": {"name": graph.graph.get("name", "storygraph")},
            "elements": {"nodes": nodes, "edges": edges}, "style": STYLE}


def write_cytoscape(graph: nx.MultiDiGraph, path: str | os.PathLike[str] | IO[str]) -> None:
    """Write `graph` as Cytoscape.js JSON (UTF-8) to a path or text file object."""
    data = cytoscape_data(graph)
    if hasattr(path, "write"):
        json.dump(data, path, ensure_ascii=False)  # type: ignore[arg-type]
        return
    with open(path, "w", encoding="utf-8") as handle:  # type: ignore[arg-type]
        json.dump(data, handle, ensure_ascii=False)
