"""GEXF 1.3 with time, so Gephi's Timeline replays how the story grew.

networkx's `write_gexf` writes GEXF 1.2 shapes and puts spells, dynamic values and
viz attributes only where its own conventions put them, so this module writes the
XML itself, as text, one node or edge at a time: a `storygraph.graph.Projection`
of a large store (a million edges) is written without holding its edges, and a
networkx graph is written the same way. Every value is escaped as XML requires;
characters XML cannot hold at all become U+FFFD.

What is written (`mode="dynamic"`, `timeformat="date"`, days as YYYY-MM-DD):

* a node per entity with `label`, `viz:color` (the palette in
  `storygraph.export.style`), `viz:size` (by mentions) and one `<spell>` per day on
  which an article mentioning it was published (start = end = that day, so Gephi
  shows it on the days it was in the news); static columns type, group, aliases,
  roles, story, mentions, articles, first_seen, last_seen; and the dynamic column
  `mentions_on_day`, one value per day;
* an edge per relation (parallel relations between one pair are separate edges
  with their own ids) with `label`, `weight`, the static column `type` (the
  relation) and one spell per day of the articles stating it.

An entity or relation only undated articles state has no spell: Gephi then shows
it at every moment, which is the honest reading of "date unknown". Lists are
joined with "; " (GEXF's liststring is not read by every tool).
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable
from datetime import date
from typing import IO, TYPE_CHECKING, Any

from storygraph.export.style import colour, size
from storygraph.export.xmltext import attribute as _attribute
from storygraph.export.xmltext import text as _text
from storygraph.export.xmltext import write_document
from storygraph.graph import Projection, nodes_and_edges

if TYPE_CHECKING:
    import networkx as nx

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"

# (id, title, GEXF type, node attribute name)
NODE_COLUMNS = (
    ("type", "type", "string", "type"),
    ("group", "group", "string", "group"),
    ("aliases", "aliases", "string", "aliases"),
    ("roles", "roles", "string", "roles"),
    ("story", "story", "string", "story"),
    ("mentions", "mentions", "integer", "mentions"),
    ("articles", "articles", "integer", "articles"),
    ("first_seen", "first_seen", "string", "first_seen"),
    ("last_seen", "last_seen", "string", "last_seen"),
)
EDGE_COLUMNS = (
    ("type", "type", "string", "relation"),
    ("articles", "articles", "integer", "articles"),
    ("first_seen", "first_seen", "string", "first_seen"),
    ("last_seen", "last_seen", "string", "last_seen"),
)
DYNAMIC_NODE_COLUMN = ("mentions_on_day", "mentions_on_day", "integer")


def write_gexf(graph: nx.MultiDiGraph | Projection,
               path: str | os.PathLike[str] | IO[bytes]) -> int:
    """Write the projection (`storygraph.graph.Projection`, or `to_networkx`'s graph)
    as dynamic GEXF 1.3 to a path or binary file object; returns the edges written."""
    if isinstance(graph, Projection):
        nodes, edges = graph.nodes, _projection_edges(graph)
    else:
        nodes, every_edge = nodes_and_edges(graph)
        edges = _edges(every_edge)
    return write_document(path, _document(graph.name or "storygraph", nodes, edges))


def _document(name: str, nodes: Iterable[tuple[Any, dict[str, Any]]],
              edges: Generator[str, None, int]) -> Generator[str, None, int]:
    days = sorted({d for _, data in nodes for d in data.get("dates", ())})
    span = f' start="{days[0]}" end="{days[-1]}"' if days else ""
    yield ("<?xml version='1.0' encoding='utf-8'?>\n"
           f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" xmlns:xsi="{XSI_NS}" version="1.3" '
           f'xsi:schemaLocation="{SCHEMA_LOCATION}">\n'
           f'  <meta lastmodifieddate="{date.today().isoformat()}">\n'
           "    <creator>storygraph</creator>\n"
           f"    <description>{_text(name)}</description>\n"
           "  </meta>\n"
           '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date" '
           f'timerepresentation="interval"{span}>\n')
    yield _declare("node", "static", [(i, t, k) for i, t, k, _ in NODE_COLUMNS])
    yield _declare("node", "dynamic", [DYNAMIC_NODE_COLUMN])
    yield _declare("edge", "static", [(i, t, k) for i, t, k, _ in EDGE_COLUMNS])
    yield "    <nodes>\n"
    for node, data in nodes:
        r, g, b = colour(data.get("type"))
        dynamic = "".join(
            f'          <attvalue for="{DYNAMIC_NODE_COLUMN[0]}" value="{count}" '
            f'start="{day}" end="{day}" />\n' for day, count in data.get("timeline", {}).items())
        yield (f'      <node id="{_attribute(str(node))}" '
               f'label="{_attribute(str(data.get("label", node)))}">\n'
               f"{_attvalues(NODE_COLUMNS, data, dynamic)}{_spells(data.get('dates', ()))}"
               f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0" />\n'
               f'        <viz:size value="{size(data.get("mentions"))}" />\n'
               "      </node>\n")
    yield "    </nodes>\n    <edges>\n"
    count = yield from edges
    yield "    </edges>\n  </graph>\n</gexf>\n"
    return count


def _edges(edges: Iterable[tuple[Any, Any, Any, dict[str, Any]]]) -> Generator[str, None, int]:
    """The edges' elements (ids and labels, which recur, escaped once each); returns how many."""
    escaped: dict[Any, str] = {}
    i = -1
    for i, (u, v, key, data) in enumerate(edges):
        yield (f'      <edge id="e{i}" source="{_once(escaped, u)}" '
               f'target="{_once(escaped, v)}" '
               + _edge_tail(escaped, data.get("relation", key), data.get("label", key), data))
    return i + 1


def _projection_edges(graph: Projection) -> Generator[str, None, int]:
    """A projection's edges as `_edges` writes them, a source entity's at a time.

    The hot loop (a large store has about a million edges): a co-occurrence edge is its
    id and ends before a tail that only its articles and days decide, made once for
    each day a single article gives. Returns how many edges.
    """
    escaped: dict[Any, str] = {node: _attribute(node) for node, _ in graph.nodes}
    number = 0
    for number, (u, v, _, data) in enumerate(graph.relations(), 1):
        yield (f'      <edge id="e{number - 1}" source="{escaped[u]}" target="{escaped[v]}" '
               + _edge_tail(escaped, data["relation"], data["label"], data))
    return (yield from graph.cooccurrence_text(
        [escaped[iri] for iri in graph.iris],
        lambda n, u, v, tail: f'      <edge id="e{n}" source="{u}" target="{v}" {tail}',
        lambda count, days: _edge_tail(escaped, "co_occurs", "co-occurs", {
            "weight": float(count), "articles": count, "dates": days,
            "first_seen": days[0] if days else None, "last_seen": days[-1] if days else None}),
        number))


def _once(escaped: dict[Any, str], value: Any) -> str:
    """`value` escaped for an attribute, each value once."""
    return escaped.get(value) or escaped.setdefault(value, _attribute(str(value)))


def _edge_tail(escaped: dict[Any, str], relation: Any, label: Any, data: dict[str, Any]) -> str:
    """An edge's element after its id and ends: label, weight, attvalues and spells."""
    values = [f'          <attvalue for="type" value="{_once(escaped, relation)}" />\n']
    for column in ("articles", "first_seen", "last_seen"):
        value = data.get(column)
        if isinstance(value, int):
            values.append(f'          <attvalue for="{column}" value="{value}" />\n')
        elif value is not None:  # a day, of which there are few
            text = _once(escaped, value)
            values.append(f'          <attvalue for="{column}" value="{text}" />\n')
    return (f'label="{_once(escaped, label)}" weight="{float(data.get("weight", 1.0))!r}">\n'
            f"        <attvalues>\n{''.join(values)}        </attvalues>\n"
            f"{_spells(data.get('dates', ()))}      </edge>\n")


def _declare(kind: str, mode: str, columns: Iterable[tuple[str, str, str]]) -> str:
    lines = "".join(f'      <attribute id="{column_id}" title="{title}" type="{gexf_type}" />\n'
                    for column_id, title, gexf_type in columns)
    return f'    <attributes class="{kind}" mode="{mode}">\n{lines}    </attributes>\n'


def _attvalues(columns: Iterable[tuple[str, str, str, str]], data: dict[str, Any],
               dynamic: str) -> str:
    values = []
    for column_id, _, _, name in columns:
        value = data.get(name)
        if value is None:
            continue  # GEXF has no null: a missing value is an absent attvalue
        if isinstance(value, (list, tuple, set, frozenset)):
            value = "; ".join(str(item) for item in value)
        values.append(
            f'          <attvalue for="{column_id}" value="{_attribute(str(value))}" />\n')
    return f"        <attvalues>\n{''.join(values)}{dynamic}        </attvalues>\n"


def _spells(days: Iterable[str]) -> str:
    if not days:
        return ""
    days = sorted(set(days))
    spells = "".join(f'          <spell start="{day}" end="{day}" />\n' for day in days)
    return f"        <spells>\n{spells}        </spells>\n"
