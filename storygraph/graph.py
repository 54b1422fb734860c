"""The story graph projected from RDF into NetworkX, for graph algorithms and export.

RDF stays the source of truth; this is a read-only view rebuilt on demand.

Nodes are canonical entities (keyed by IRI) with `label` (name), `type` (the
OntoNotes label), `group` (person / organization / place / thing), `mentions`,
`articles`, `roles` (titles held, for people), `aliases` (other names articles
used), `dates` (the distinct publication dates, YYYY-MM-DD, of the articles that
mention it), `first_seen` / `last_seen` (the first and last of them, None when
no such article is dated), `timeline` ({date: mentions that day}) and `story`
(the labels of the stories whose articles mention it, from the stories graph).
Edges are keyed by relation, so a pair can carry several (it is a MultiDiGraph):

* ``role``        person -> organisation they hold a role in; `label` = titles
* ``said_about``  speaker -> what a claim is about; `weight` = number of claims
* ``event``       agent -> target of an event; `label` = kinds of event
* ``co_occurs``   entity -> entity (smaller IRI first) named in the same article;
  `weight` = number of such articles

Every edge has `relation`, `label`, `weight` (a float, as Gephi reads it),
`articles` (how many articles state it) and `dates` / `first_seen` / `last_seen`
from the publication dates of those articles.

`to_networkx(store, articles=...)` projects only what the given article graphs
say (the export filters use it); by default every article counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from itertools import combinations
from typing import Any

import networkx as nx
import pyoxigraph as ox

from storygraph.rdf.namespace import ENTITIES_GRAPH, STORIES_GRAPH
from storygraph.rdf.sparql import values_block
from storygraph.store import GraphStore

ENTITIES = f"<{ENTITIES_GRAPH}>"
STORIES = f"<{STORIES_GRAPH}>"
GROUPS = {
    "https://schema.org/Person": "person",
    "https://schema.org/Organization": "organization",
    "https://schema.org/Place": "place",
    "https://schema.org/Thing": "thing",
}


def to_networkx(store: GraphStore, *, articles: Collection[str] | None = None
                ) -> nx.MultiDiGraph:
    """Entities and their relations, as described in the module docstring.

    `articles` (article IRIs) limits the projection to what those articles say.
    """
    graph = nx.MultiDiGraph(name="storygraph")
    scope = _Scope(store, articles)
    scope.stories = article_stories(store)
    _add_entities(scope, graph)
    _add_roles(scope, graph)
    _add_claims(scope, graph)
    _add_events(scope, graph)
    _add_cooccurrence(scope, graph)
    return graph


def article_dates(store: GraphStore) -> dict[str, str | None]:
    """Article IRI -> its publication date as YYYY-MM-DD (None when undated)."""
    rows = store.select("""
        SELECT ?article ?published WHERE {
          GRAPH ?article { ?article a schema:NewsArticle
                           OPTIONAL { ?article schema:datePublished ?published } }
        }
    """)
    # A dateTime keeps only its day: Gephi's timeline and the filters work in days.
    return {r["article"]: (str(r["published"])[:10] if r["published"] else None) for r in rows}


def article_stories(store: GraphStore) -> dict[str, str]:
    """Article IRI -> the label of its story (empty when no story was assigned)."""
    rows = store.select(f"""
        SELECT ?article ?label WHERE {{
          GRAPH {STORIES} {{ ?story storyline:hasSlot ?article ; rdfs:label ?label }} }}
    """)
    return {str(r["article"]): str(r["label"]) for r in rows}


class _Scope:
    """The article graphs a projection reads, as a VALUES block, and their dates."""

    def __init__(self, store: GraphStore, articles: Collection[str] | None) -> None:
        self.store = store
        self.dates = article_dates(store)
        self.stories: dict[str, str] = {}
        if articles is None:
            self.values = ""
        else:
            wanted = sorted(set(articles) & set(self.dates))
            # An empty VALUES block matches nothing, which is what no articles means.
            self.values = values_block(["article"], [[ox.NamedNode(a)] for a in wanted])

    def select(self, where: str, projection: str, tail: str = "") -> list[dict[str, Any]]:
        return self.store.select(
            f"SELECT {projection} WHERE {{ {self.values} {where} }} {tail}")

    def spell(self, articles: Collection[Any]) -> dict[str, Any]:
        dates = sorted({d for a in articles if (d := self.dates.get(a))})
        return {"dates": dates, "first_seen": dates[0] if dates else None,
                "last_seen": dates[-1] if dates else None}


def _add_entities(scope: _Scope, graph: nx.MultiDiGraph) -> None:
    rows = scope.select(f"""
        GRAPH ?article {{ ?mention itsrdf:taIdentRef ?entity }}
        GRAPH {ENTITIES} {{ ?entity schema:name ?name ; sg:nerType ?type ; a ?class }}
    """, "?entity ?name ?type ?class ?article (COUNT(DISTINCT ?mention) AS ?mentions)",
        "GROUP BY ?entity ?name ?type ?class ?article")
    found: dict[Any, dict[str, Any]] = {}
    for row in rows:
        node = found.setdefault(row["entity"], {
            "label": row["name"], "type": row["type"],
            "group": GROUPS.get(str(row["class"]), "thing"), "mentions": 0,
            "article_set": set(), "timeline": defaultdict(int)})
        node["mentions"] += row["mentions"]
        node["article_set"].add(row["article"])
        if scope.dates.get(row["article"]):
            node["timeline"][scope.dates[row["article"]]] += row["mentions"]
    aliases: dict[Any, set[str]] = defaultdict(set)
    for row in scope.select("GRAPH ?article { ?entity schema:alternateName ?alias }",
                            "DISTINCT ?entity ?alias"):
        aliases[row["entity"]].add(row["alias"])
    # The order `entities` lists them in: most articles, most mentions, then name.
    order = sorted(found.items(), key=lambda item: (
        -len(item[1]["article_set"]), -item[1]["mentions"], item[1]["label"], item[0]))
    for entity, node in order:
        seen = node.pop("article_set")
        graph.add_node(entity, **node, articles=len(seen), roles=[],
                       aliases=sorted(aliases[entity] - {node["label"]}),
                       story=sorted({scope.stories[a] for a in seen if a in scope.stories}),
                       **scope.spell(seen))
        graph.nodes[entity]["timeline"] = dict(sorted(node["timeline"].items()))
    roles = scope.select("GRAPH ?article { ?r sg:holder ?person ; schema:roleName ?title }",
                         "DISTINCT ?person ?title")
    for row in sorted(roles, key=lambda r: r["title"]):
        if row["person"] in graph and row["title"] not in graph.nodes[row["person"]]["roles"]:
            graph.nodes[row["person"]]["roles"].append(row["title"])


def _add_edge(scope: _Scope, graph: nx.MultiDiGraph, source: Any, target: Any, relation: str,
              labels: set[str], weight: float, articles: set[Any]) -> None:
    if source not in graph or target not in graph:
        return  # only edges between entities the entity graph knows
    graph.add_edge(source, target, key=relation, relation=relation,
                   label="; ".join(sorted(labels)) or relation.replace("_", " "),
                   weight=float(weight), articles=len(articles), **scope.spell(articles))


def _aggregate(scope: _Scope, rows: list[dict[str, Any]], source: str, target: str,
               label: str | None, graph: nx.MultiDiGraph, relation: str, count: str) -> None:
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
        _add_edge(scope, graph, u, v, relation, group["labels"], len(group["items"]),
                  group["articles"])


def _add_roles(scope: _Scope, graph: nx.MultiDiGraph) -> None:
    rows = scope.select("""
        GRAPH ?article { ?role sg:holder ?person ; sg:organization ?org ; schema:roleName ?title }
    """, "?person ?org ?title ?role ?article")
    _aggregate(scope, rows, "person", "org", "title", graph, "role", "role")


def _add_claims(scope: _Scope, graph: nx.MultiDiGraph) -> None:
    rows = scope.select("""
        GRAPH ?article { ?claim prov:wasAttributedTo ?speaker ; schema:about ?about }
    """, "?speaker ?about ?claim ?article")
    for row in rows:
        row["label"] = "said about"
    _aggregate(scope, rows, "speaker", "about", "label", graph, "said_about", "claim")


def _add_events(scope: _Scope, graph: nx.MultiDiGraph) -> None:
    rows = scope.select("""
        GRAPH ?article { ?event sem:hasActor ?agent ; sg:target ?target ; sg:kind ?kind }
    """, "?agent ?target ?kind ?event ?article")
    _aggregate(scope, rows, "agent", "target", "kind", graph, "event", "event")


def _add_cooccurrence(scope: _Scope, graph: nx.MultiDiGraph) -> None:
    rows = scope.select("GRAPH ?article { ?article schema:mentions ?entity }",
                        "?article ?entity")
    by_article: dict[Any, set[Any]] = defaultdict(set)
    for row in rows:
        by_article[row["article"]].add(row["entity"])
    shared: dict[tuple[Any, Any], set[Any]] = defaultdict(set)
    for article, entities in by_article.items():
        for u, v in combinations(sorted(entities), 2):
            shared[(u, v)].add(article)
    for (u, v), seen in shared.items():
        _add_edge(scope, graph, u, v, "co_occurs", {"co-occurs"}, len(seen), seen)
