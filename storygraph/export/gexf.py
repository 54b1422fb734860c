"""GEXF 1.3 with time, so Gephi's Timeline replays how the story grew.

networkx's `write_gexf` writes GEXF 1.2 shapes and puts spells, dynamic values and
viz attributes only where its own conventions put them, so this module writes the
XML itself with the standard library (`xml.etree.ElementTree` escapes every value).

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
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

import networkx as nx

from storygraph.export.style import colour, size

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


def write_gexf(graph: nx.MultiDiGraph, path: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write the projection (`storygraph.graph.to_networkx`) as dynamic GEXF 1.3."""
    tree = ET.ElementTree(gexf_element(graph))
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def gexf_element(graph: nx.MultiDiGraph) -> ET.Element:
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    ET.register_namespace("xsi", XSI_NS)
    root = ET.Element(_g("gexf"), {"version": "1.3", f"{{{XSI_NS}}}schemaLocation":
                                   SCHEMA_LOCATION})
    meta = ET.SubElement(root, _g("meta"), {"lastmodifieddate": date.today().isoformat()})
    ET.SubElement(meta, _g("creator")).text = "storygraph"
    ET.SubElement(meta, _g("description")).text = str(graph.graph.get("name", "storygraph"))
    days = sorted({d for _, data in graph.nodes(data=True) for d in data.get("dates", ())})
    attrs = {"mode": "dynamic", "defaultedgetype": "directed", "timeformat": "date",
             "timerepresentation": "interval"}
    if days:
        attrs.update(start=days[0], end=days[-1])
    body = ET.SubElement(root, _g("graph"), attrs)
    _declare(body, "node", "static", [(i, t, k) for i, t, k, _ in NODE_COLUMNS])
    _declare(body, "node", "dynamic", [DYNAMIC_NODE_COLUMN])
    _declare(body, "edge", "static", [(i, t, k) for i, t, k, _ in EDGE_COLUMNS])

    nodes = ET.SubElement(body, _g("nodes"))
    for node, data in graph.nodes(data=True):
        element = ET.SubElement(nodes, _g("node"), {"id": str(node),
                                                    "label": str(data.get("label", node))})
        values = _attvalues(element, NODE_COLUMNS, data)
        for day, count in data.get("timeline", {}).items():
            ET.SubElement(values, _g("attvalue"), {"for": DYNAMIC_NODE_COLUMN[0],
                                                   "value": str(count),
                                                   "start": day, "end": day})
        _spells(element, data.get("dates", ()))
        r, g, b = colour(data.get("type"))
        ET.SubElement(element, _v("color"), {"r": str(r), "g": str(g), "b": str(b),
                                             "a": "1.0"})
        ET.SubElement(element, _v("size"), {"value": str(size(data.get("mentions")))})

    edges = ET.SubElement(body, _g("edges"))
    for i, (u, v, key, data) in enumerate(graph.edges(keys=True, data=True)):
        element = ET.SubElement(edges, _g("edge"), {
            "id": f"e{i}", "source": str(u), "target": str(v),
            "label": str(data.get("label", key)),
            "weight": repr(float(data.get("weight", 1.0)))})
        _attvalues(element, EDGE_COLUMNS, {"relation": key, **data})
        _spells(element, data.get("dates", ()))
    return root


def _g(tag: str) -> str:
    return f"{{{GEXF_NS}}}{tag}"


def _v(tag: str) -> str:
    return f"{{{VIZ_NS}}}{tag}"


def _declare(graph: ET.Element, kind: str, mode: str,
             columns: Iterable[tuple[str, str, str]]) -> None:
    element = ET.SubElement(graph, _g("attributes"), {"class": kind, "mode": mode})
    for column_id, title, gexf_type in columns:
        ET.SubElement(element, _g("attribute"), {"id": column_id, "title": title,
                                                 "type": gexf_type})


def _attvalues(element: ET.Element, columns: Iterable[tuple[str, str, str, str]],
               data: dict[str, Any]) -> ET.Element:
    values = ET.SubElement(element, _g("attvalues"))
    for column_id, _, _, name in columns:
        value = data.get(name)
        if value is None:
            continue  # GEXF has no null: a missing value is an absent attvalue
        if isinstance(value, (list, tuple, set, frozenset)):
            value = "; ".join(str(item) for item in value)
        ET.SubElement(values, _g("attvalue"), {"for": column_id, "value": str(value)})
    return values


def _spells(element: ET.Element, days: Iterable[str]) -> None:
    days = sorted(set(days))
    if not days:
        return
    spells = ET.SubElement(element, _g("spells"))
    for day in days:
        ET.SubElement(spells, _g("spell"), {"start": day, "end": day})
