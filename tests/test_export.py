"""Exports read back by other tools: GraphML, GEXF, RDF formats, Cytoscape JSON; and the filters.

Expectations come from the hand-made fixtures (three articles: one dated 2024-03-12,
one undated, one dated 2024-03-20T09:30Z), not from the code under test.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from pathlib import Path

import igraph
import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

from storygraph.export import (
    ExportFilter,
    FilterError,
    select,
    write_cytoscape,
    write_gexf,
    write_graphml,
    write_rdf,
)
from storygraph.export.style import PALETTE, size
from storygraph.graph import to_networkx
from storygraph.model import Article, Entity, Extraction
from storygraph.rdf.namespace import ENTITIES_GRAPH, INDEX_GRAPH, article_iri, entity_iri
from storygraph.resolve import canonical_id
from storygraph.store import GraphStore, open_store
from tests.fixtures_extraction import all_extractions, mentions, text_id

EXTRACTIONS = all_extractions()
A1, A2, A3 = (article_iri(x.article.id) for x in EXTRACTIONS)


def entities_of(*indexes: int) -> set[str]:
    return {entity_iri(canonical_id(e)) for i in indexes for e in EXTRACTIONS[i].entities}


def named(name: str) -> str:
    return next(entity_iri(canonical_id(e)) for x in EXTRACTIONS for e in x.entities
                if e.name == name)


@pytest.fixture(scope="module")
def store() -> GraphStore:
    s = open_store(":memory:")
    s.put_many(EXTRACTIONS)
    yield s
    s.close()


@pytest.fixture(scope="module")
def graph(store: GraphStore) -> nx.MultiDiGraph:
    return to_networkx(store)


# --- the projection's time and alias attributes --------------------------------------------

def test_projection_dates_and_aliases(graph: nx.MultiDiGraph) -> None:
    hale = graph.nodes[named("Victor Hale")]
    # Mentioned in all three articles; the appeal is undated, so two days.
    assert hale["dates"] == ["2024-03-12", "2024-03-20"]
    assert (hale["first_seen"], hale["last_seen"]) == ("2024-03-12", "2024-03-20")
    assert hale["timeline"] == {"2024-03-12": 3, "2024-03-20": 1}
    assert hale["aliases"] == ["Hale", "Mr Hale"]
    shah = graph.nodes[named("Priya Shah")]
    assert (shah["dates"], shah["first_seen"], shah["last_seen"]) == ([], None, None)
    role = graph.edges[named("Victor Hale"), named("Brightwater Council"), "role"]
    assert role["dates"] == ["2024-03-12"]  # the undated appeal states it too
    assert role["articles"] == 2


# --- GraphML --------------------------------------------------------------------------------

def test_graphml_gephi_keys_read_back_by_networkx_and_igraph(graph: nx.MultiDiGraph,
                                                             tmp_path: Path) -> None:
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    text = buffer.getvalue().decode("utf-8")
    for key in ("label", "size", "r", "g", "b", "type", "aliases", "first_seen",
                "last_seen", "weight"):
        assert f'attr.name="{key}"' in text
    back = nx.read_graphml(io.BytesIO(buffer.getvalue()))
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    for node, data in graph.nodes(data=True):
        got = back.nodes[node]
        assert got["label"] == data["label"]
        assert (got["r"], got["g"], got["b"]) == PALETTE[data["type"]]
        assert got["size"] == size(data["mentions"])
    hale, council = named("Victor Hale"), named("Brightwater Council")
    # Two relations between the pair: kept as two edges with their own ids.
    # (co-occurrence runs from the smaller IRI, so the other way round.)
    between = {**back.get_edge_data(hale, council), **back.get_edge_data(council, hale)}
    assert sorted(d["type"] for d in between.values()) == ["co_occurs", "role"]
    assert len(between) == 2
    weights = {(u, v, d["relation"]): d["weight"] for u, v, d in back.edges(data=True)}
    assert weights == {(u, v, k): d["weight"] for u, v, k, d in graph.edges(keys=True,
                                                                              data=True)}
    path = tmp_path / "story.graphml"
    path.write_bytes(buffer.getvalue())
    ig = igraph.Graph.Read_GraphML(str(path))
    assert ig.vcount() == graph.number_of_nodes() and ig.ecount() == graph.number_of_edges()
    labels = dict(zip(ig.vs["id"], ig.vs["label"], strict=True))
    assert labels[hale] == "Victor Hale"
    assert sorted(ig.es["weight"]) == sorted(d["weight"] for *_, d in graph.edges(data=True))
    assert set(ig.vs["r"]) <= {float(c[0]) for c in PALETTE.values()}


# --- GEXF -----------------------------------------------------------------------------------

def test_gexf_dynamic_read_back_by_networkx(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "story.gexf"
    write_gexf(graph, path)
    back = nx.read_gexf(path, version="1.3")
    assert back.graph["mode"] == "dynamic"
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    hale = back.nodes[named("Victor Hale")]
    assert hale["label"] == "Victor Hale"
    assert hale["spells"] == [("2024-03-12", "2024-03-12"), ("2024-03-20", "2024-03-20")]
    assert hale["mentions_on_day"] == [(3, "2024-03-12", "2024-03-12"),
                                       (1, "2024-03-20", "2024-03-20")]
    assert hale["viz"]["color"] == {"r": 0, "g": 114, "b": 178, "a": 1.0}
    assert hale["viz"]["size"] == size(graph.nodes[named("Victor Hale")]["mentions"])
    assert (hale["type"], hale["first_seen"], hale["last_seen"]) == (
        "PERSON", "2024-03-12", "2024-03-20")
    assert "spells" not in back.nodes[named("Priya Shah")]  # undated only: no spell
    edges = {(u, v, d["type"]): d for u, v, d in back.edges(data=True)}
    role = edges[(named("Victor Hale"), named("Brightwater Council"), "role")]
    assert role["spells"] == [("2024-03-12", "2024-03-12")]
    assert role["weight"] == 2.0
    co = edges[(named("Brightwater Council"), named("Victor Hale"), "co_occurs")]
    assert co["spells"] == [("2024-03-12", "2024-03-12")]


# --- RDF ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt,rdflib_format,ox_format", [
    ("trig", "trig", ox.RdfFormat.TRIG),
    ("nquads", "nquads", ox.RdfFormat.N_QUADS),
])
def test_rdf_datasets_keep_every_quad(store: GraphStore, tmp_path: Path, fmt: str,
                                      rdflib_format: str, ox_format: ox.RdfFormat) -> None:
    path = tmp_path / f"story.{fmt}"
    assert write_rdf(store, path, format=fmt) == store.quad_count()
    dataset = rdflib.Dataset()
    dataset.parse(path, format=rdflib_format)
    assert len(list(dataset.quads((None, None, None, None)))) == store.quad_count()
    assert set(ox.parse(path=str(path), format=ox_format)) == set(store.quads())


@pytest.mark.parametrize("fmt,rdflib_format", [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_rdf_union_formats_hold_each_triple_once(store: GraphStore, tmp_path: Path, fmt: str,
                                                 rdflib_format: str) -> None:
    union = {q.triple for q in store.quads()}
    assert len(union) < store.quad_count()  # some triples are in several graphs
    path = tmp_path / f"story.{fmt}"
    assert write_rdf(store, path, format=fmt) == len(union)
    parsed = rdflib.Graph().parse(path, format=rdflib_format)
    assert len(parsed) == len(union)
    fmt_ox = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.JSON_LD
    assert {q.triple for q in ox.parse(path=str(path), format=fmt_ox)} == union


def test_rdf_filtered_by_date_keeps_those_graphs_and_their_entities(
        store: GraphStore, tmp_path: Path) -> None:
    selection = select(store, ExportFilter(since="2024-03-13"))
    path = tmp_path / "late.nq"
    written = write_rdf(store, path, format="nquads", selection=selection)
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    assert written == len(quads)
    assert {q.graph_name.value for q in quads} == {A3, ENTITIES_GRAPH}
    expected = [q for q in store.quads() if q.graph_name.value == A3]
    expected += [q for q in store.quads() if q.graph_name.value == ENTITIES_GRAPH
                 and q.subject.value in entities_of(2)]
    assert set(quads) == set(expected)


# --- Cytoscape JSON -------------------------------------------------------------------------

def test_cytoscape_json(graph: nx.MultiDiGraph) -> None:
    buffer = io.StringIO()
    write_cytoscape(graph, buffer)
    data = json.loads(buffer.getvalue())
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    ids = [e["data"]["id"] for e in nodes + edges]
    assert len(ids) == len(set(ids))
    by_id = {n["data"]["id"]: n["data"] for n in nodes}
    assert by_id[named("Victor Hale")]["color"] == "#0072b2"
    assert by_id[named("Victor Hale")]["aliases"] == ["Hale", "Mr Hale"]
    assert all(e["data"]["source"] in by_id and e["data"]["target"] in by_id for e in edges)
    rebuilt = {(e["data"]["source"], e["data"]["target"], e["data"]["relation"])
               for e in edges}
    assert rebuilt == {(u, v, k) for u, v, k in graph.edges(keys=True)}


# --- filters --------------------------------------------------------------------------------

@pytest.mark.parametrize("spec,articles,entities", [
    (ExportFilter(), None, (0, 1, 2)),
    (ExportFilter(since="2024-03-13"), {A3}, (2,)),
    (ExportFilter(until="2024-03-12"), {A1}, (0,)),
    # The undated appeal is outside any date range.
    (ExportFilter(since="2024-03-01", until="2024-03-31"), {A1, A3}, (0, 2)),
])
def test_date_filters(store: GraphStore, spec: ExportFilter, articles: set[str] | None,
                      entities: tuple[int, ...]) -> None:
    selection = select(store, spec)
    assert selection.articles == (None if articles is None else frozenset(articles))
    assert set(selection.graph.nodes) == entities_of(*entities)
    # Edges come only from the kept articles: the appeal's Shah edges are gone.
    expected = to_networkx(store, articles=articles)
    assert sorted(selection.graph.edges(keys=True)) == sorted(expected.edges(keys=True))


def test_date_filter_edge_weights_count_only_kept_articles(store: GraphStore) -> None:
    early = select(store, ExportFilter(until="2024-03-12")).graph
    role = early.edges[named("Victor Hale"), named("Brightwater Council"), "role"]
    assert (role["articles"], role["weight"]) == (1, 1.0)


def test_entity_filter_ego_network(store: GraphStore) -> None:
    shah, hale = named("Priya Shah"), named("Victor Hale")
    alone = select(store, ExportFilter(entity="Priya Shah", hops=0))
    assert set(alone.graph.nodes) == {shah} and alone.articles == frozenset({A2})
    near = select(store, ExportFilter(entity="Priya Shah", hops=1))
    # Shah appears only in the appeal: her neighbours are its other entities.
    assert set(near.graph.nodes) == entities_of(1)
    assert near.articles == frozenset({A1, A2, A3})  # Hale is in all three
    two = select(store, ExportFilter(entity="Priya Shah", hops=2))
    assert set(two.graph.nodes) == entities_of(0, 1, 2)  # through Hale, everyone
    full = to_networkx(store)
    assert sorted(near.graph.edges(keys=True)) == sorted(
        (u, v, k) for u, v, k in full.edges(keys=True)
        if u in entities_of(1) and v in entities_of(1))
    assert hale in near.graph


def test_entity_and_date_filters_combine(store: GraphStore) -> None:
    selection = select(store, ExportFilter(entity="O'Brien", hops=1, since="2024-03-13"))
    assert set(selection.graph.nodes) == entities_of(2)
    assert selection.articles == frozenset({A3})
    with pytest.raises(FilterError, match="no entity matching 'Priya Shah'"):
        select(store, ExportFilter(entity="Priya Shah", since="2024-03-01"))


def test_bad_filters() -> None:
    with pytest.raises(FilterError, match="--since 'March' is not a date"):
        ExportFilter(since="March")
    with pytest.raises(FilterError, match="--hops must be 0 or more"):
        ExportFilter(entity="x", hops=-1)


def test_edges_keep_defaults_on_dataset_counts(store: GraphStore) -> None:
    counts: dict[str, int] = defaultdict(int)
    for q in store.quads():
        counts[q.graph_name.value] += 1
    assert set(counts) == {A1, A2, A3, ENTITIES_GRAPH, INDEX_GRAPH}


# --- the story filter -----------------------------------------------------------------------

FLOOD = ("Rivertown flood forces hundreds from homes\n"
         "The River Wendle burst its banks in Rivertown on Sunday.\n"
         "Mayor Olwen Pryce said 400 homes had been evacuated.\n"
         "The Environment Agency warned more rain would follow.")


def flood() -> Extraction:
    t = FLOOD
    entities = (
        Entity("f1", "Rivertown", "GPE", (), mentions(t, "Rivertown", ("Rivertown", 1))),
        Entity("f2", "River Wendle", "LOC", (), mentions(t, "River Wendle")),
        Entity("f3", "Olwen Pryce", "PERSON", (), mentions(t, "Olwen Pryce")),
        Entity("f4", "Environment Agency", "ORG", (), mentions(t, "Environment Agency")),
    )
    article = Article(id=text_id(t), key="https://news.example/flood", text=t,
                      title="Rivertown flood forces hundreds from homes",
                      published="2024-04-02", source="Example News")
    return Extraction(article=article, entities=entities, roles=(), claims=(), quantities=(),
                      events=(), extractor_version="test-1", model="hand-made")


@pytest.fixture(scope="module")
def story_store() -> GraphStore:
    from storygraph.ingest import ArticleWriter

    s = open_store(":memory:")
    writer = ArticleWriter(s, resolve=False)
    for extraction in [*EXTRACTIONS, flood()]:
        writer.write(extraction)
    yield s
    s.close()


def test_story_filter_keeps_exactly_the_story_articles(story_store: GraphStore,
                                                       tmp_path: Path) -> None:
    from storygraph.query.stories import list_stories, list_story_articles

    stories = list_stories(story_store)
    assert len(stories) == 2  # the court case and the flood
    extractions = [*EXTRACTIONS, flood()]
    ids = {x.article.id: i for i, x in enumerate(extractions)}
    seen: set[str] = set()
    for story in stories:
        members = [ids[r["article_id"]] for r in list_story_articles(story_store, story["story"])]
        selection = select(story_store, ExportFilter(story=str(story["story"]).rsplit("/", 1)[-1]))
        assert selection.articles == frozenset(
            article_iri(extractions[i].article.id) for i in members)
        assert set(selection.graph.nodes) == {entity_iri(canonical_id(e)) for i in members
                                              for e in extractions[i].entities}
        assert selection.story_label == story["label"]
        assert all(story["label"] in d["story"] for _, d in selection.graph.nodes(data=True))
        seen |= set(selection.articles)
        path = tmp_path / "story.nq"
        write_rdf(story_store, path, format="nquads", selection=selection)
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
        slots = {q.object.value for q in quads if q.predicate.value.endswith("/hasSlot")}
        assert slots == set(selection.articles)
        assert any(q.subject.value == story["story"] for q in quads)
    # Every article is in exactly one story, and the flood is not in the court's.
    assert seen == {A1, A2, A3, article_iri(flood().article.id)}
    court = select(story_store, ExportFilter(story="Victor Hale"))
    assert court.articles == frozenset({A1, A2, A3})
    with pytest.raises(FilterError, match="no story matches 'zzz'"):
        select(story_store, ExportFilter(story="zzz"))


# --- the streaming writers: a Projection written as its networkx graph would be ------------

def _graphml_back(graph: object) -> nx.MultiDiGraph:
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    return nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)


def _edge_set(graph: nx.MultiDiGraph) -> list[str]:
    return sorted(repr((u, v, sorted((k, d[k]) for k in d if k != "id")))
                  for u, v, d in graph.edges(data=True))


@pytest.mark.parametrize("spec", [ExportFilter(), ExportFilter(since="2024-03-13"),
                                  ExportFilter(entity="Priya Shah", hops=1)])
def test_projection_streams_what_the_networkx_graph_holds(store: GraphStore,
                                                          spec: ExportFilter) -> None:
    selection = select(store, spec)
    projection, graph = selection.projection, selection.graph
    assert list(graph.nodes(data=True)) == projection.nodes
    assert sorted((u, v, k, repr(d)) for u, v, k, d in graph.edges(keys=True, data=True)) \
        == sorted((u, v, k, repr(d)) for u, v, k, d in projection.edges())
    # GraphML: the streamed document reads back as the general writer's does.
    streamed, general = _graphml_back(projection), _graphml_back(graph)
    assert dict(streamed.nodes(data=True)) == dict(general.nodes(data=True))
    assert _edge_set(streamed) == _edge_set(general)
    assert streamed.number_of_edges() == graph.number_of_edges()
    # GEXF, Cytoscape JSON: the same elements, whichever graph they are written from.
    gexf = [io.BytesIO(), io.BytesIO()]
    assert write_gexf(projection, gexf[0]) == write_gexf(graph, gexf[1]) \
        == graph.number_of_edges()
    back = [nx.read_gexf(io.BytesIO(b.getvalue()), version="1.3") for b in gexf]
    assert dict(back[0].nodes(data=True)) == dict(back[1].nodes(data=True))
    assert _edge_set(back[0]) == _edge_set(back[1])
    texts = [io.StringIO(), io.StringIO()]
    write_cytoscape(projection, texts[0])
    write_cytoscape(graph, texts[1])
    data = [json.loads(t.getvalue()) for t in texts]
    assert data[0]["elements"]["nodes"] == data[1]["elements"]["nodes"]
    assert sorted(map(repr, (dict(e["data"], id=None) for e in data[0]["elements"]["edges"]))) \
        == sorted(map(repr, (dict(e["data"], id=None) for e in data[1]["elements"]["edges"])))


def test_writers_keep_the_xml_readable_whatever_the_names_hold(tmp_path: Path) -> None:
    ann, bo = "Ann \x0bRoss & <Co>", '"Bo"\tLee'
    text = f"{ann} met {bo}.\nLater, more."
    entities = (Entity("a", ann, "PERSON", (), mentions(text, ann)),
                Entity("b", bo, "PERSON", (), mentions(text, bo)))
    article = Article(id=text_id(text), key="odd-names", text=text, published="2024-05-01")
    with open_store(":memory:") as odd:
        odd.put(Extraction(article=article, entities=entities, extractor_version="test-1"))
        projection = select(odd).projection
        graphml, gexf = tmp_path / "odd.graphml", tmp_path / "odd.gexf"
        assert write_graphml(projection, graphml) == 1
        assert write_gexf(projection, gexf) == 1
    labels = {d["label"] for _, d in nx.read_graphml(graphml).nodes(data=True)}
    assert labels == {"Ann \ufffdRoss & <Co>", '"Bo"\tLee'}
    back = nx.read_gexf(gexf, version="1.3")
    assert {d["label"] for _, d in back.nodes(data=True)} == {"Ann \ufffdRoss & <Co>", '"Bo"\tLee'}
    assert [d["spells"] for *_, d in back.edges(data=True)] == [[("2024-05-01", "2024-05-01")]]
