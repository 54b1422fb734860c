"""GraphML export that Gephi, networkx and igraph all read back.

GraphML holds one scalar per attribute (boolean, int, long, float, double,
string) and has no null and no lists, so before writing:

* lists, tuples and sets become one string joined with "; " (as the CSV output does),
* None values are left out (a missing value, not the string "None"),
* anything else that is not bool/int/float becomes its string,
* multigraph edge keys become unique ids "e0", "e1", ... (GraphML ids must be
  unique); the key is kept in the edge's `relation` attribute,
* each attribute gets a single type across the graph: if its values mix ints
  and floats it is written as float, if they mix numbers and strings, as string
  (a key can only declare one type).

Gephi maps node keys named `label`, `size`, `r`, `g`, `b` and edge keys named
`label` / `weight` onto its own columns (matched by the key's `attr.name`); every
other key becomes a data column. So `write_graphml` first gives each entity node
`size` (by mentions) and `r`/`g`/`b` (by type, the palette in
`storygraph.export.style`), and each edge `type` (its relation). Parallel
relations between one pair stay separate edges, each with its own id. GraphML
carries no time (first/last seen are plain columns); use GEXF for Gephi's timeline.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import IO, Any

import networkx as nx

from storygraph.export.style import colour, size

LIST_SEPARATOR = "; "
# Attributes GraphML cannot hold usefully: the per-day mention counts (a dict)
# live in the GEXF export as a dynamic attribute instead.
_DROP = ("timeline",)


def write_graphml(graph: nx.Graph, path: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write `graph` as GraphML, with Gephi's look keys, to a path or binary file object."""
    nx.write_graphml(graphml_ready(gephi_look(graph)), path, encoding="utf-8",
                     prettyprint=True)


def gephi_look(graph: nx.Graph) -> nx.Graph:
    """A copy whose entity nodes carry size and r/g/b, and whose edges carry `type`.

    Nodes without `mentions` or `type` (not from the projection) keep what they have.
    """
    styled = graph.copy()
    for _, data in styled.nodes(data=True):
        for name in _DROP:
            data.pop(name, None)
        if "mentions" in data:
            data.setdefault("size", size(data["mentions"]))
        if "type" in data:
            r, g, b = colour(data["type"])
            data.setdefault("r", r)
            data.setdefault("g", g)
            data.setdefault("b", b)
    for *_, data in styled.edges(data=True):
        if "relation" in data:
            data.setdefault("type", data["relation"])
    return styled


def graphml_ready(graph: nx.Graph) -> nx.Graph:
    """A copy of `graph` whose attributes GraphML can hold (see the module docstring)."""
    ready = graph.__class__()
    ready.graph.update(_clean(graph.graph))
    node_attrs = [_clean(data) for _, data in graph.nodes(data=True)]
    _unify(node_attrs)
    for (node, _), attrs in zip(graph.nodes(data=True), node_attrs, strict=True):
        ready.add_node(str(node), **attrs)
    if graph.is_multigraph():
        edges = list(graph.edges(keys=True, data=True))
        edge_attrs = [_clean(data) for *_, data in edges]
        _unify(edge_attrs)
        # networkx writes a multigraph edge's key as its GraphML id, and ids must
        # be unique in a document, so keys become "e0", "e1", ...; the relation a
        # key stood for is kept as the `relation` attribute where it is not already.
        for i, ((u, v, key, _), attrs) in enumerate(zip(edges, edge_attrs, strict=True)):
            attrs.setdefault("relation", str(key))
            ready.add_edge(str(u), str(v), key=f"e{i}", **attrs)
    else:
        plain = list(graph.edges(data=True))
        edge_attrs = [_clean(data) for *_, data in plain]
        _unify(edge_attrs)
        for (u, v, _), attrs in zip(plain, edge_attrs, strict=True):
            ready.add_edge(str(u), str(v), **attrs)
    return ready


def _scalar(value: Any) -> bool | int | float | str | None:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items: Iterable[Any] = sorted(value, key=str) if isinstance(value, (set, frozenset)) \
            else value
        return LIST_SEPARATOR.join(str(item) for item in items if item is not None)
    return str(value)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for name, value in data.items():
        scalar = _scalar(value)
        if scalar is not None:
            cleaned[str(name)] = scalar
    return cleaned


def _unify(rows: list[dict[str, Any]]) -> None:
    """Give each attribute one type across all rows, widening int -> float -> str."""
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for name, value in row.items():
            kinds.setdefault(name, set()).add(type(value))
    for name, types in kinds.items():
        if len(types) == 1:
            continue
        if types <= {int, float}:
            convert: Any = float
        else:
            convert = _as_text
        for row in rows:
            if name in row:
                row[name] = convert(row[name])


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
