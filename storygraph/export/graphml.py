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

The document is written as it goes (one node or edge at a time), so a
`storygraph.graph.Projection` of a large store is written without ever holding
its edges: its attribute types are known in advance (`PROJECTION_KEYS`). Any
other networkx graph is made GraphML-ready first, in memory, as it already is.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

from storygraph.export.style import colour, size
from storygraph.export.xmltext import attribute, text, write_document
from storygraph.graph import Projection

if TYPE_CHECKING:
    import networkx as nx

LIST_SEPARATOR = "; "
# Attributes GraphML cannot hold usefully: the per-day mention counts (a dict)
# live in the GEXF export as a dynamic attribute instead.
_DROP = ("timeline",)
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"
# The projection's columns after `gephi_look` and `graphml_ready`, in writing order.
PROJECTION_KEYS: tuple[tuple[str, str, type], ...] = (
    ("graph", "name", str),
    *(("node", name, kind) for name, kind in (
        ("label", str), ("type", str), ("group", str), ("mentions", int), ("articles", int),
        ("roles", str), ("aliases", str), ("story", str), ("dates", str),
        ("first_seen", str), ("last_seen", str), ("size", float), ("r", int), ("g", int),
        ("b", int))),
    *(("edge", name, kind) for name, kind in (
        ("relation", str), ("label", str), ("weight", float), ("articles", int),
        ("dates", str), ("first_seen", str), ("last_seen", str), ("type", str))),
)
_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}

Row = tuple[str, dict[str, Any]]
EdgeRow = tuple[str, str, str | None, dict[str, Any]]


def write_graphml(graph: nx.Graph | Projection,
                  path: str | os.PathLike[str] | IO[bytes]) -> int:
    """Write `graph` as GraphML, with Gephi's look keys, to a path or binary file object.

    Returns the number of edges written.
    """
    if isinstance(graph, Projection):
        keys: list[tuple[str, str, type]] = list(PROJECTION_KEYS)
        ids = _ids(keys)
        nodes: Iterable[Row] = ((node, _clean(node_look(data))) for node, data in graph.nodes)
        chunks = _document(keys, {"name": graph.name}, True, nodes,
                           _projection_edges(graph, ids))
    else:
        ready = graphml_ready(gephi_look(graph))
        nodes = list(ready.nodes(data=True))
        edges = (list(ready.edges(keys=True, data=True)) if ready.is_multigraph()
                 else [(u, v, None, d) for u, v, d in ready.edges(data=True)])
        keys = _keys(ready.graph, nodes, edges)
        chunks = _document(keys, ready.graph, ready.is_directed(), nodes,
                           _edges(_ids(keys), edges))
    return write_document(path, chunks)


def node_look(data: dict[str, Any]) -> dict[str, Any]:
    """A node's attributes with Gephi's `size` (by mentions) and `r`/`g`/`b` (by type)."""
    looked = {name: value for name, value in data.items() if name not in _DROP}
    if "mentions" in looked:
        looked.setdefault("size", size(looked["mentions"]))
    if "type" in looked:
        r, g, b = colour(looked["type"])
        looked.setdefault("r", r)
        looked.setdefault("g", g)
        looked.setdefault("b", b)
    return looked


def edge_look(data: dict[str, Any]) -> dict[str, Any]:
    """An edge's attributes with `type` (its relation), which Gephi shows as a column."""
    if "relation" in data and "type" not in data:
        return {**data, "type": data["relation"]}
    return data


def gephi_look(graph: nx.Graph) -> nx.Graph:
    """A copy whose entity nodes carry size and r/g/b, and whose edges carry `type`.

    Nodes without `mentions` or `type` (not from the projection) keep what they have.
    """
    styled = graph.copy()
    for node, data in graph.nodes(data=True):
        styled.nodes[node].clear()
        styled.nodes[node].update(node_look(data))
    for *_, data in styled.edges(data=True):
        data.update(edge_look(data))
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


def _keys(graph: dict[str, Any], nodes: list[Row],
          edges: list[EdgeRow]) -> list[tuple[str, str, type]]:
    """(for, name, type) of every attribute, in the order first seen (types already unified)."""
    keys: dict[tuple[str, str], type] = {}
    for name, value in graph.items():
        keys.setdefault(("graph", name), type(value))
    for _, data in nodes:
        for name, value in data.items():
            keys.setdefault(("node", name), type(value))
    for *_, data in edges:
        for name, value in data.items():
            keys.setdefault(("edge", name), type(value))
    return [(scope, name, kind) for (scope, name), kind in keys.items()]


def _ids(keys: list[tuple[str, str, type]]) -> dict[tuple[str, str], str]:
    return {(scope, name): f"d{i}" for i, (scope, name, _) in enumerate(keys)}


def _document(keys: list[tuple[str, str, type]], graph: dict[str, Any], directed: bool,
              nodes: Iterable[Row], edges: Generator[str, None, int]
              ) -> Generator[str, None, int]:
    ids = _ids(keys)
    yield ("<?xml version='1.0' encoding='utf-8'?>\n"
           f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}" '
           f'xsi:schemaLocation="{SCHEMA_LOCATION}">\n')
    for scope, name, kind in keys:
        yield (f'<key id="{ids[(scope, name)]}" for="{scope}" attr.name={_attribute(name)} '
               f'attr.type="{_XML_TYPES[kind]}"/>\n')
    yield f'<graph edgedefault="{"directed" if directed else "undirected"}">\n'
    yield _data(ids, "graph", graph, "")
    node_ids = {name: key for (scope, name), key in ids.items() if scope == "node"}
    for node, data in nodes:
        yield f"<node id={_attribute(node)}>\n{_data(node_ids, None, data, '  ')}</node>\n"
    count = yield from edges
    yield "</graph>\n</graphml>\n"
    return count


def _edges(ids: dict[tuple[str, str], str], edges: list[EdgeRow]) -> Generator[str, None, int]:
    """The edges' elements; returns how many."""
    edge_ids = {name: key for (scope, name), key in ids.items() if scope == "edge"}
    for u, v, key, data in edges:
        edge_id = "" if key is None else f" id={_attribute(key)}"
        yield (f"<edge source={_attribute(u)} target={_attribute(v)}{edge_id}>\n"
               f"{_data(edge_ids, None, data, '  ')}</edge>\n")
    return len(edges)


def _projection_edges(graph: Projection, ids: dict[tuple[str, str], str]
                      ) -> Generator[str, None, int]:
    """The projection's edges, as `_edges` would write them after `graphml_ready`.

    A store of 10,000 articles has about a million edges, so this is the writer's
    hot loop: the attribute types are known (PROJECTION_KEYS), node ids are escaped
    once each, and a co-occurrence edge is its ends and id before a tail that only
    its articles and days decide, made once for each day a single article gives.
    The edges come a source entity's at a time; returns how many. The suite checks it
    against the general path.
    """
    key = {name: f'  <data key="{ids[("edge", name)]}">' for scope, name, _ in PROJECTION_KEYS
           if scope == "edge"}
    relation, label, weight, articles, dates, first, last, kind = (
        key[name] for name in ("relation", "label", "weight", "articles", "dates", "first_seen",
                               "last_seen", "type"))

    def tail(name: str, label_text: str, weight_value: float, count: int,
             days: Sequence[str]) -> str:
        seen = f"{first}{days[0]}</data>\n{last}{days[-1]}</data>\n" if days else ""
        return (f"{relation}{name}</data>\n{label}{label_text}</data>\n"
                f"{weight}{weight_value!r}</data>\n{articles}{count}</data>\n"
                f"{dates}{LIST_SEPARATOR.join(days)}</data>\n{seen}"
                f"{kind}{name}</data>\n</edge>\n")

    escaped = {node: _attribute(node) for node, _ in graph.nodes}
    number = 0
    for number, (u, v, _, data) in enumerate(graph.relations(), 1):
        yield (f'<edge source={escaped[u]} target={escaped[v]} id="e{number - 1}">\n'
               + tail(text(data["relation"]), text(data["label"]), data["weight"],
                      data["articles"], data["dates"]))
    return (yield from graph.cooccurrence_text(
        [escaped[iri] for iri in graph.iris],
        lambda n, u, v, end: f'<edge source={u} target={v} id="e{n}">\n{end}',
        lambda count, days: tail("co_occurs", "co-occurs", float(count), count, days), number))


def _data(ids: dict[Any, str], scope: str | None, data: dict[str, Any], indent: str) -> str:
    return "".join(f'{indent}<data key="{ids[(scope, name) if scope else name]}">'
                   f"{_value(value)}</data>\n" for name, value in data.items())


def _value(value: bool | int | float | str) -> str:
    if isinstance(value, str):
        return text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _attribute(value: str) -> str:
    return f'"{attribute(value)}"'
