"""The story graph projected from RDF into NetworkX, for graph algorithms and export.

RDF stays the source of truth; this is a read-only view rebuilt on demand.

Nodes are canonical entities (keyed by IRI) with `label` (name), `type` (the
OntoNotes label), `group` (person / organization / place / thing), `mentions`,
`articles` and `roles` (titles held, for people). Edges are keyed by relation,
so a pair can carry several (it is a MultiDiGraph):

* ``role``        person -> organisation they hold a role in; `label` = titles
* ``said_about``  speaker -> what a claim is about; `weight` = number of claims
* ``event``       agent -> target of an event; `label` = kinds of event
* ``co_occurs``   entity -> entity (smaller IRI first) named in the same article;
  `weight` = number of such articles

Every edge has `relation`, `label`, `weight` (a float, as Gephi reads it) and
`articles` (how many articles state it).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from storygraph.query.lookups import list_entities
from storygraph.rdf.namespace import ENTITIES_GRAPH
from storygraph.store import GraphStore

ENTITIES = f"<{ENTITIES_GRAPH}>"
GROUPS = {
    "https://schema.org/Person": "person",
    "https://schema.org/Organization": "organization",
    "https://schema.org/Place": "place",
    "https://schema.org/Thing": "thing",
}


def to_networkx(store: GraphStore) -> nx.MultiDiGraph:
    """Entities and their relations, as described in the module docstring."""
    graph = nx.MultiDiGraph(name="storygraph")
    _add_entities(store, graph)
    _add_roles(store, graph)
    _add_claims(store, graph)
    _add_events(store, graph)
    _add_cooccurrence(store, graph)
    return graph


def _add_entities(store: GraphStore, graph: nx.MultiDiGraph) -> None:
    groups = {r["entity"]: GROUPS.get(str(r["class"]), "thing") for r in store.select(
        f"SELECT ?entity ?class WHERE {{ GRAPH {ENTITIES} {{ ?entity a ?class }} }}"
    )}
    for row in list_entities(store):
        graph.add_node(row["entity"], label=row["name"], type=row["type"],
                       group=groups.get(row["entity"], "thing"), mentions=row["mentions"],
                       articles=row["articles"], roles=[])
    roles = store.select("""
        SELECT DISTINCT ?person ?title
        WHERE { GRAPH ?g { ?r sg:holder ?person ; schema:roleName ?title } }
        ORDER BY ?title
    """)
    for row in roles:
        if row["person"] in graph:
            graph.nodes[row["person"]]["roles"].append(row["title"])


def _add_edge(graph: nx.MultiDiGraph, source: Any, target: Any, relation: str,
              labels: set[str], weight: float, articles: int) -> None:
    if source not in graph or target not in graph:
        return  # only edges between entities the entity graph knows
    graph.add_edge(source, target, key=relation, relation=relation,
                   label="; ".join(sorted(labels)) or relation.replace("_", " "),
                   weight=float(weight), articles=articles)


def _aggregate(rows: list[dict[str, Any]], source: str, target: str, label: str | None,
               graph: nx.MultiDiGraph, relation: str, count: str) -> None:
    """Group rows by (source, target): labels collected, `count` distinct values as weight."""
    grouped: dict[tuple[Any, Any], dict[str, set[Any]]] = defaultdict(
        lambda: {"labels": set(), "items": set(), "articles": set()})
    for row in rows:
        if row[source] is None or row[target] is None or row[source] == row[target]:
            continue
        group = grouped[(row[source], row[target])]
        if label and row[label]:
            group["labels"].add(row[label])
        group["items"].add(row[count])
        group["articles"].add(row["article"])
    for (u, v), group in grouped.items():
        _add_edge(graph, u, v, relation, group["labels"], len(group["items"]),
                  len(group["articles"]))


def _add_roles(store: GraphStore, graph: nx.MultiDiGraph) -> None:
    rows = store.select("""
        SELECT ?person ?org ?title ?role ?article WHERE {
          GRAPH ?article { ?role sg:holder ?person ; sg:organization ?org ; schema:roleName ?title }
        }
    """)
    _aggregate(rows, "person", "org", "title", graph, "role", "role")


def _add_claims(store: GraphStore, graph: nx.MultiDiGraph) -> None:
    rows = store.select("""
        SELECT ?speaker ?about ?claim ?article WHERE {
          GRAPH ?article { ?claim prov:wasAttributedTo ?speaker ; schema:about ?about }
        }
    """)
    for row in rows:
        row["label"] = "said about"
    _aggregate(rows, "speaker", "about", "label", graph, "said_about", "claim")


def _add_events(store: GraphStore, graph: nx.MultiDiGraph) -> None:
    rows = store.select("""
        SELECT ?agent ?target ?kind ?event ?article WHERE {
          GRAPH ?article { ?event sem:hasActor ?agent ; sg:target ?target ; sg:kind ?kind }
        }
    """)
    _aggregate(rows, "agent", "target", "kind", graph, "event", "event")


def _add_cooccurrence(store: GraphStore, graph: nx.MultiDiGraph) -> None:
    rows = store.select(
        "SELECT ?article ?entity WHERE { GRAPH ?article { ?article schema:mentions ?entity } }"
    )
    by_article: dict[Any, set[Any]] = defaultdict(set)
    for row in rows:
        by_article[row["article"]].add(row["entity"])
    shared: dict[tuple[Any, Any], int] = defaultdict(int)
    for entities in by_article.values():
        for u, v in combinations(sorted(entities), 2):
            shared[(u, v)] += 1
    for (u, v), count in shared.items():
        _add_edge(graph, u, v, "co_occurs", {"co-occurs"}, count, count)
