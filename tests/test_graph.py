"""NetworkX projection and GraphML export; expectations derived from the fixtures."""

from __future__ import annotations

import io
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import igraph
import networkx as nx
import pytest

from storygraph.export import write_graphml
from storygraph.export.graphml import gephi_look, graphml_ready
from storygraph.graph import to_networkx
from storygraph.rdf.namespace import entity_iri
from storygraph.resolve import canonical_id
from storygraph.store import open_store
from tests.fixtures_extraction import all_extractions

EXTRACTIONS = all_extractions()


def iri(x, entity_id: str) -> str:
    return entity_iri(canonical_id(x.entity(entity_id)))


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    with open_store(":memory:") as store:
        store.put_many(EXTRACTIONS)
        return to_networkx(store)


def edges(graph: nx.MultiDiGraph, relation: str) -> dict[tuple[str, str], dict]:
    return {(u, v): d for u, v, k, d in graph.edges(keys=True, data=True) if k == relation}


def test_nodes(graph: nx.MultiDiGraph) -> None:
    expected = {}
    mentions: dict[str, int] = defaultdict(int)
    for x in EXTRACTIONS:
        for e in x.entities:
            node = entity_iri(canonical_id(e))
            expected.setdefault(node, (e.name, e.type))
            mentions[node] += len(e.mentions)
    assert set(graph.nodes) == set(expected)
    for node, (label, ner_type) in expected.items():
        data = graph.nodes[node]
        assert (data["label"], data["type"], data["mentions"]) == (label, ner_type,
                                                                   mentions[node])
    assert graph.nodes[entity_iri("person/victor-hale")]["group"] == "person"
    assert graph.nodes[entity_iri("organization/curly-holdings")]["group"] == "organization"
    assert graph.nodes[entity_iri("person/tom-reeves")]["roles"] == ["lawyer"]


def test_role_edges(graph: nx.MultiDiGraph) -> None:
    expected: dict[tuple[str, str], set[str]] = defaultdict(set)
    for x in EXTRACTIONS:
        for r in x.roles:
            if r.org:
                expected[(iri(x, r.person), iri(x, r.org))].add(r.title)
    got = edges(graph, "role")
    assert {k: set(d["label"].split("; ")) for k, d in got.items()} == expected


def test_said_about_edges(graph: nx.MultiDiGraph) -> None:
    expected: dict[tuple[str, str], int] = defaultdict(int)
    for x in EXTRACTIONS:
        for c in x.claims:
            for about in c.about:
                if c.speaker and c.speaker != about:
                    expected[(iri(x, c.speaker), iri(x, about))] += 1
    got = edges(graph, "said_about")
    assert {k: d["weight"] for k, d in got.items()} == expected


def test_event_edges(graph: nx.MultiDiGraph) -> None:
    expected = {(iri(x, v.agent), iri(x, v.target)): v.kind
                for x in EXTRACTIONS for v in x.events if v.agent and v.target}
    assert {k: d["label"] for k, d in edges(graph, "event").items()} == expected


def test_cooccurrence_edges(graph: nx.MultiDiGraph) -> None:
    expected: dict[tuple[str, str], int] = defaultdict(int)
    for x in EXTRACTIONS:
        nodes = sorted({entity_iri(canonical_id(e)) for e in x.entities})
        for pair in combinations(nodes, 2):
            expected[pair] += 1
    assert {k: d["weight"] for k, d in edges(graph, "co_occurs").items()} == expected
    assert all(isinstance(d["weight"], float) for *_, d in graph.edges(data=True))


# --- GraphML --------------------------------------------------------------------------------

def test_graphml_round_trips_through_networkx(graph: nx.MultiDiGraph) -> None:
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    back = nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)
    ready = graphml_ready(gephi_look(graph))
    assert dict(back.nodes(data=True)) == dict(ready.nodes(data=True))
    assert sorted(back.edges(data=True), key=repr) == sorted(ready.edges(data=True), key=repr)
    hale = back.nodes[entity_iri("person/victor-hale")]
    assert (hale["label"], hale["type"]) == ("Victor Hale", "PERSON")
    assert hale["roles"] == "former council leader; former leader"  # lists joined


def test_graphml_round_trips_through_igraph(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "story.graphml"
    write_graphml(graph, path)
    back = igraph.Graph.Read_GraphML(str(path))
    assert back.is_directed()
    assert (back.vcount(), back.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    nodes = {v["id"]: v for v in back.vs}
    for node, data in graph.nodes(data=True):
        assert nodes[node]["label"] == data["label"]
        assert nodes[node]["type"] == data["type"]
        assert nodes[node]["mentions"] == data["mentions"]
    got = sorted((back.vs[e.source]["id"], back.vs[e.target]["id"], e["relation"], e["label"],
                  e["weight"]) for e in back.es)
    want = sorted((u, v, d["relation"], d["label"], d["weight"])
                  for u, v, d in graph.edges(data=True))
    assert got == want


def test_graphml_keys_gephi_reads(graph: nx.MultiDiGraph) -> None:
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    text = buffer.getvalue().decode("utf-8")
    assert 'for="node" attr.name="label" attr.type="string"' in text
    assert 'for="edge" attr.name="weight" attr.type="double"' in text
    assert 'for="edge" attr.name="label" attr.type="string"' in text


def test_graphml_ready_makes_attributes_scalar_and_single_typed() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", label="A", tags=["x", "y"], score=1, note=None, flag=True)
    g.add_node("b", label="B", tags=("z",), score=2.5, flag="maybe")
    g.add_edge("a", "b", key="rel", weight=1, extra={"k": 1})
    ready = graphml_ready(g)
    assert ready.nodes["a"] == {"label": "A", "tags": "x; y", "score": 1.0, "flag": "true"}
    assert ready.nodes["b"] == {"label": "B", "tags": "z", "score": 2.5, "flag": "maybe"}
    [(_, _, key, data)] = ready.edges(keys=True, data=True)
    assert (key, data) == ("e0", {"weight": 1, "extra": "{'k': 1}", "relation": "rel"})
    buffer = io.BytesIO()
    write_graphml(g, buffer)
    back = nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)
    assert "note" not in back.nodes["a"]


def test_an_odd_mention_link_costs_only_itself() -> None:
    """A mention linked to a blank node, or an entity record with a second name (no write
    makes either), leaves the rest of the article and the record as they were: the blank
    node names no entity, the record keeps the least of its names."""
    import pyoxigraph as ox

    from storygraph.graph import Projection
    from storygraph.rdf.namespace import ENTITIES_GRAPH

    with open_store(":memory:") as store:
        store.put_many(EXTRACTIONS)
        before = Projection(store)
        article = next(q.graph_name for q in store.quads_for_pattern(
            None, ox.NamedNode("http://www.w3.org/2005/11/its/rdf#taIdentRef"), None, None))
        store.inner.add(ox.Quad(ox.NamedNode(f"{article.value}#odd-mention"),
                                ox.NamedNode("http://www.w3.org/2005/11/its/rdf#taIdentRef"),
                                ox.BlankNode(), article))
        entity, data = before.nodes[0]
        store.inner.add(ox.Quad(ox.NamedNode(entity), ox.NamedNode("https://schema.org/name"),
                                ox.Literal("~ a later name"), ox.NamedNode(ENTITIES_GRAPH)))
        after = Projection(store)
    assert after.nodes == before.nodes
    assert list(after.edges()) == list(before.edges())
    assert data["label"] < "~ a later name"


def test_cooccurrence_runs_give_the_edges_and_their_text() -> None:
    from storygraph.graph import Projection

    with open_store(":memory:") as store:
        store.put_many(EXTRACTIONS)
        projection = Projection(store)
    pairs = [(s, t, n, days) for s, t, n, days in projection.cooccurrences()]
    assert pairs and pairs == [(s, t, d["articles"], tuple(d["dates"]))
                              for s, t, k, d in projection.edges() if k == "co_occurs"]
    made: list[tuple[int, int, tuple[str, ...]]] = []
    pieces = projection.cooccurrence_text(
        [f"<{iri}>" for iri in projection.iris], lambda n, u, v, end: f"{n} {u} {v} {end}\n",
        lambda count, days: made.append((count, days)) or f"{count} {days}", first=7)
    text = []
    while True:
        try:
            text.append(next(pieces))
        except StopIteration as done:
            assert done.value == 7 + len(pairs)
            break
    assert "".join(text).splitlines() == [f"{n} <{s}> <{t}> {count} {days}" for n, (
        s, t, count, days) in enumerate(pairs, 7)]
    assert len(made) == len(set(made))  # each tail made once
