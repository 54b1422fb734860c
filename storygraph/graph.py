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

`Projection` is the same graph held compactly, for exports of a large store: the
entities in memory, the relations produced one at a time. A store of 10,000
articles projects to about 50,000 entities and a million co-occurrence edges;
as a networkx graph that is gigabytes, while the exports only need to write each
edge once, so `Projection.edges()` computes the co-occurrences one source entity
at a time from a per-article index of small integers.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import itertools
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Generator, Iterator
from typing import TYPE_CHECKING, Any

from storygraph.rdf.namespace import ENTITIES_GRAPH, STORIES_GRAPH
from storygraph.rdf.sparql import values_block
from storygraph.rdf.terms import NamedNode
from storygraph.store import GraphStore

if TYPE_CHECKING:  # networkx is imported where a graph is built: the exports stream without it
    import networkx as nx

ENTITIES = f"<{ENTITIES_GRAPH}>"
STORIES = f"<{STORIES_GRAPH}>"
GROUPS = {
    "https://schema.org/Person": "person",
    "https://schema.org/Organization": "organization",
    "https://schema.org/Place": "place",
    "https://schema.org/Thing": "thing",
}
Edge = tuple[str, str, str, dict[str, Any]]  # source, target, relation, attributes
Cooccurrence = tuple[str, str, int, tuple[str, ...]]  # source, target, articles, days
# source rank, target ranks, their articles (None: 1 each), their days (one tuple for all)
CooccurrenceRun = tuple[int, list[int], list[int] | None,
                        list[tuple[str, ...]] | tuple[str, ...]]


def to_networkx(store: GraphStore, *, articles: Collection[str] | None = None
                ) -> nx.MultiDiGraph:
    """Entities and their relations, as described in the module docstring.

    `articles` (article IRIs) limits the projection to what those articles say.
    """
    return Projection(store, articles=articles).to_networkx()


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


class Projection:
    """The projection of the module docstring, with its relations produced on demand.

    `nodes` holds (entity IRI, attributes) in the order `storygraph entities` lists
    them (most articles, most mentions, then name). `edges()` yields (source, target,
    relation, attributes): role, said_about and event edges (few, kept), then the
    co-occurrence edges, computed afresh on each call. `articles` limits the
    projection to what those article graphs say; `entities` (IRIs) keeps only those
    entities and the relations between them. `iris` lists the entities by rank (their
    IRIs in order), as `cooccurrence_runs` numbers them.
    """

    def __init__(self, store: GraphStore, *, articles: Collection[str] | None = None,
                 entities: Collection[str] | None = None) -> None:
        self.name = "storygraph"
        with _collector_paused():
            self._project(store, articles, entities)

    def _project(self, store: GraphStore, articles: Collection[str] | None,
                 entities: Collection[str] | None) -> None:
        scope = _Scope(store, articles)
        self._days = scope.days
        named = _named(scope)
        wanted = None if entities is None else set(entities)
        records = _records(store, None if articles is None and wanted is None else named)
        if wanted is not None:
            records = {e: r for e, r in records.items() if e in wanted}
        found: dict[str, dict[str, Any]] = {}
        for entity, seen in named.items():
            record = records.get(entity)
            if record is None:
                continue
            timeline: dict[str, int] = defaultdict(int)
            for article, mentions in seen:
                if day := self._days[article]:
                    timeline[day] += mentions
            found[entity] = {**record, "mentions": sum(m for _, m in seen),
                             "article_set": [a for a, _ in seen], "timeline": timeline}
        aliases: dict[Any, set[str]] = defaultdict(set)
        for row in scope.select("GRAPH ?article { ?entity schema:alternateName ?alias }",
                                "DISTINCT ?entity ?alias"):
            if row["entity"] in found:
                aliases[row["entity"]].add(row["alias"])
        stories = {scope.index[a]: label for a, label in article_stories(store).items()
                   if a in scope.index}
        order = sorted(found.items(), key=lambda item: (
            -len(item[1]["article_set"]), -item[1]["mentions"], item[1]["label"], item[0]))
        self.nodes: list[tuple[str, dict[str, Any]]] = []
        for entity, node in order:
            seen = node.pop("article_set")
            node["timeline"] = dict(sorted(node["timeline"].items()))
            self.nodes.append((entity, {
                **node, "articles": len(seen), "roles": [],
                "aliases": sorted(aliases[entity] - {node["label"]}),
                "story": sorted({stories[a] for a in seen if a in stories}),
                **self._spell(seen)}))
        attributes = dict(self.nodes)
        roles = scope.select("GRAPH ?article { ?r sg:holder ?person ; schema:roleName ?title }",
                             "DISTINCT ?person ?title")
        for row in sorted(roles, key=lambda r: r["title"]):
            held = attributes[row["person"]]["roles"] if row["person"] in attributes else None
            if held is not None and row["title"] not in held:
                held.append(row["title"])
        self._relations = [edge for edge in _relations(scope) if edge[0] in attributes
                           and edge[1] in attributes]
        for edge in self._relations:
            edge[3].update(self._spell({scope.index[a] for a in edge[3].pop("article_set")}))
        self._mentions(scope, attributes)

    def _mentions(self, scope: _Scope, nodes: dict[str, Any]) -> None:
        """The per-article index the co-occurrences are computed from, as small integers."""
        iris = sorted(nodes)  # co-occurrence edges run from the smaller IRI
        rank = {iri: i for i, iri in enumerate(iris)}
        by_article: dict[int, list[int]] = {}
        for article, entities in _per_article(scope, "?article schema:mentions ?entity"):
            ranks = {r for e in entities if (r := rank.get(e)) is not None}
            if ranks:
                by_article[article] = sorted(ranks)
        self.iris = iris
        self._article_entities = by_article
        entity_articles: list[list[int]] = [[] for _ in iris]
        for article, entities in sorted(self._article_entities.items()):
            for entity in entities:
                entity_articles[entity].append(article)
        self._entity_articles = entity_articles

    def _spell(self, articles: Collection[int]) -> dict[str, Any]:
        dates = sorted({d for a in articles if (d := self._days[a])})
        return {"dates": dates, "first_seen": dates[0] if dates else None,
                "last_seen": dates[-1] if dates else None}

    def number_of_nodes(self) -> int:
        return len(self.nodes)

    def subset(self, entities: Collection[str]) -> Projection:
        """The same projection with only `entities` and the relations between them."""
        kept = set(entities)
        part = copy.copy(self)
        part.nodes = [(entity, data) for entity, data in self.nodes if entity in kept]
        part._relations = [edge for edge in self._relations if edge[0] in kept
                           and edge[1] in kept]
        ranks = [rank for rank, iri in enumerate(self.iris) if iri in kept]
        renumber = {old: new for new, old in enumerate(ranks)}
        part.iris = [self.iris[rank] for rank in ranks]
        part._entity_articles = [self._entity_articles[rank] for rank in ranks]
        part._article_entities = {
            article: [renumber[e] for e in entities if e in renumber]
            for article, entities in self._article_entities.items()}
        return part

    def edges(self, *, min_cooccurrence: int = 1) -> Iterator[Edge]:
        """Every relation once: role, said_about and event edges, then co-occurrences.

        `min_cooccurrence` keeps only the co-occurrence edges of pairs named together
        in at least that many articles.
        """
        yield from self.relations()
        for source, target, articles, days in self.cooccurrences(min_cooccurrence):
            yield source, target, "co_occurs", {
                "relation": "co_occurs", "label": "co-occurs", "weight": float(articles),
                "articles": articles, "dates": list(days),
                "first_seen": days[0] if days else None, "last_seen": days[-1] if days else None}

    def relations(self) -> Iterator[Edge]:
        """The role, said_about and event edges (the edges but the co-occurrences)."""
        for u, v, relation, data in self._relations:
            yield u, v, relation, dict(data)

    def cooccurrence_strengths(self) -> Counter[int]:
        """How many co-occurrence edges there are with each number of shared articles."""
        strengths: Counter[int] = Counter()
        article_entities = self._article_entities
        for u, articles in enumerate(self._entity_articles):
            shared: Counter[int] = Counter()
            for article in articles:
                entities = article_entities[article]
                shared.update(entities[bisect_right(entities, u):])
            strengths.update(shared.values())
        return strengths

    def cooccurrences(self, least: int = 1) -> Iterator[Cooccurrence]:
        """The co-occurrence edges as (source, target, articles, days), in `edges()`'s order:
        pairs named together in at least `least` articles, `days` the distinct days of
        those articles in order."""
        iris = self.iris
        for u, targets, counts, spells in self.cooccurrence_runs(least):
            source = iris[u]
            if counts is None:
                for v in targets:
                    yield source, iris[v], 1, spells
            else:
                for v, count, days in zip(targets, counts, spells, strict=True):
                    yield source, iris[v], count, days

    def cooccurrence_runs(self, least: int = 1) -> Iterator[CooccurrenceRun]:
        """The co-occurrence edges a source entity at a time, by rank (`iris[rank]` is the
        entity): (source, targets, counts, spells), the targets in order. Where every pair
        met in the one article that names the source (most sources), `counts` is None and
        `spells` that article's days, the same for every target; else `counts` and `spells`
        are each target's articles and days.

        The hot loop of a large store's exports (about a million pairs): the writers make
        a source's edges in one go (`cooccurrence_text`).
        """
        days = self._days
        article_entities = self._article_entities
        alone = [(day,) if day else () for day in days]  # article -> its days
        for u, articles in enumerate(self._entity_articles):
            if len(articles) == 1:  # most entities: every pair meets in that one article
                if least <= 1:
                    entities = article_entities[articles[0]]
                    targets = entities[bisect_right(entities, u):]
                    if targets:
                        yield u, targets, None, alone[articles[0]]
                continue
            shared: dict[int, list[int]] = defaultdict(list)
            for article in articles:
                entities = article_entities[article]
                for v in entities[bisect_right(entities, u):]:
                    shared[v].append(article)
            targets, counts, spells = [], [], []
            for v in sorted(shared):
                seen = shared[v]
                if len(seen) < least:
                    continue
                targets.append(v)
                counts.append(len(seen))
                # Most pairs meet once: skip the set and the sort.
                spells.append(alone[seen[0]] if len(seen) == 1 else
                              tuple(sorted({d for a in seen if (d := days[a])})))
            if targets:
                yield u, targets, counts, spells

    def cooccurrence_text(self, quoted: list[str], edge: Callable[[int, str, str, str], str],
                          tail: Callable[[int, tuple[str, ...]], str], first: int = 0
                          ) -> Generator[str, None, int]:
        """The co-occurrence edges as a writer's text, a source entity's edges a piece.

        `quoted[rank]` is an entity as the writer writes it, `edge(number, source, target,
        tail)` an edge's text and `tail(articles, days)` what follows its ends, made once
        for each (articles, days): 11,000 of them for 720,000 edges at 10,000 articles.
        Edges are numbered from `first`; returns the number after the last.
        """
        tails: dict[tuple[int, tuple[str, ...]], str] = {}

        def tail_of(articles: int, days: tuple[str, ...]) -> str:
            return tails.get((articles, days)) or tails.setdefault(
                (articles, days), tail(articles, days))

        number = first
        for u, targets, counts, spells in self.cooccurrence_runs():
            source = quoted[u]
            if counts is None:
                end = tail_of(1, spells)
                yield "".join([edge(n, source, quoted[v], end)
                               for n, v in enumerate(targets, number)])
            else:
                yield "".join([edge(n, source, quoted[v], tail_of(count, days))
                               for n, v, count, days in zip(itertools.count(number), targets,
                                                            counts, spells)])
            number += len(targets)
        return number

    def to_networkx(self) -> nx.MultiDiGraph:
        import networkx as nx

        graph = nx.MultiDiGraph(name=self.name)
        graph.add_nodes_from(self.nodes)
        for u, v, relation, data in self.edges():
            graph.add_edge(u, v, key=relation, **data)
        return graph


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a while: a projection keeps a million small objects,
    none in a cycle, and the collector's passes over them were a fifth of its time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def nodes_and_edges(graph: nx.MultiDiGraph | Projection
                    ) -> tuple[list[tuple[Any, dict[str, Any]]], Iterator[Edge]]:
    """A projection's nodes and (streamed) edges, from a `Projection` or a networkx graph."""
    if isinstance(graph, Projection):
        return graph.nodes, graph.edges()
    return list(graph.nodes(data=True)), iter(graph.edges(keys=True, data=True))


class _Scope:
    """The article graphs a projection reads, as a VALUES block, and their dates.

    Articles are numbered (`index`), so the projection's sets of articles are sets of
    small integers; `days[n]` is article n's day.
    """

    def __init__(self, store: GraphStore, articles: Collection[str] | None) -> None:
        self.store = store
        dates = article_dates(store)
        if articles is None:
            self.values = ""
        else:
            kept = set(articles)
            dates = {a: d for a, d in dates.items() if a in kept}
            # An empty VALUES block matches nothing, which is what no articles means.
            self.values = values_block(["article"], [[NamedNode(a)] for a in sorted(dates)])
        self.index = {article: n for n, article in enumerate(dates)}
        self.days = list(dates.values())

    def select(self, where: str, projection: str, tail: str = "") -> list[dict[str, Any]]:
        return self.store.select(
            f"SELECT {projection} WHERE {{ {self.values} {where} }} {tail}")


def _named(scope: _Scope) -> dict[str, list[tuple[int, int]]]:
    """Entity IRI -> (article number, mentions there) for each article whose mentions name it.

    Each mention's entity comes in its article's row and they are counted here: counted
    in the store (a COUNT per pair, grouped again per article) it took 0.86 s CPU at
    10,000 articles, against 0.55 s for the one grouping."""
    named: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for article, entities in _per_article(scope, "?mention itsrdf:taIdentRef ?entity"):
        for entity, n in Counter(entities).items():
            named[entity].append((article, n))
    return named


def _per_article(scope: _Scope, pattern: str) -> Iterator[tuple[int, list[str]]]:
    """(article number, [entity IRI, ...]) for the entities `pattern` gives ?entity in each
    article graph, once per row of `pattern` (an IRI the pattern gives twice comes twice).

    A row per article, its entities in one string: a row per (entity, article) pair,
    a hundred thousand at 10,000 articles, cost more than all the rest of a projection.
    IRIs hold no spaces, so a space separates them. Storygraph writes only IRIs there;
    a blank node would be "_", which names no entity (STR of one is an error, and would
    lose the article's whole row). Not `FILTER(isIRI(?entity))`: Oxigraph decodes each
    term to test it, 0.3 s at 10,000 articles.
    """
    rows = scope.store.select(f"""
        SELECT ?article (GROUP_CONCAT(COALESCE(STR(?entity), "_"); separator=" ") AS ?entities)
        WHERE {{ {scope.values} GRAPH ?article {{ {pattern} }} }} GROUP BY ?article""")
    for row in rows:
        article = scope.index.get(row["article"])
        if article is not None and row["entities"]:
            yield article, row["entities"].split(" ")


def _records(store: GraphStore, entities: Collection[Any] | None) -> dict[str, dict[str, Any]]:
    """Entity IRI -> label, type and group from the entity graph (only `entities` if given).

    Each field is read by a scan of its own and they are joined here: joined in the store,
    each entity's type and class were looked up apart (1.0-1.4 s CPU for 41,000 entities,
    against 0.6 s for the three scans). An entity with more than one value of a field (no
    write gives it that) takes the least.
    """
    values = "" if entities is None else values_block(
        ["entity"], [[NamedNode(e)] for e in sorted(entities)])
    fields = []
    for predicate in ("schema:name", "sg:nerType", "a"):
        least: dict[str, Any] = {}
        for row in store.select(f"""SELECT ?entity ?value WHERE {{ {values}
                GRAPH {ENTITIES} {{ ?entity {predicate} ?value }} }}"""):
            entity, value = row["entity"], str(row["value"])
            if entity not in least or value < least[entity]:
                least[entity] = value
        fields.append(least)
    names, types, classes = fields
    return {entity: {"label": name, "type": types[entity],
                     "group": GROUPS.get(classes[entity], "thing")}
            for entity, name in names.items() if entity in types and entity in classes}


def _relations(scope: _Scope) -> list[Edge]:
    """Role, said_about and event edges, each with the set of articles stating it."""
    roles = scope.select("""
        GRAPH ?article { ?role sg:holder ?person ; sg:organization ?org ; schema:roleName ?title }
    """, "?person ?org ?title ?role ?article")
    claims = scope.select("""
        GRAPH ?article { ?claim prov:wasAttributedTo ?speaker ; schema:about ?about }
    """, "?speaker ?about ?claim ?article")
    events = scope.select("""
        GRAPH ?article { ?event sem:hasActor ?agent ; sg:target ?target ; sg:kind ?kind }
    """, "?agent ?target ?kind ?event ?article")
    return [*_aggregate(roles, "person", "org", "title", "role", "role"),
            *_aggregate(claims, "speaker", "about", None, "said_about", "claim"),
            *_aggregate(events, "agent", "target", "kind", "event", "event")]


def _aggregate(rows: list[dict[str, Any]], source: str, target: str, label: str | None,
               relation: str, count: str) -> list[Edge]:
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
    default = "said about" if relation == "said_about" else relation.replace("_", " ")
    return [(u, v, relation, {
        "relation": relation, "label": "; ".join(sorted(group["labels"])) or default,
        "weight": float(len(group["items"])), "articles": len(group["articles"]),
        "article_set": group["articles"]}) for (u, v), group in grouped.items()]
