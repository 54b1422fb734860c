"""Bylines become schema:author entities, resolved like anyone the text names."""

from __future__ import annotations

import json

import pytest

from storygraph.ingest import ingest
from storygraph.query.stories import list_story_articles, story_summary
from storygraph.store import open_store

ARTICLES = [
    {"text": "Flood defences failed in Kelby on Monday, said council leader Mara Quint. "
             "Residents were moved to the school.", "url": "https://news.example/kelby-1",
     "authors": ["Jon Avery", "Mara Quint"], "source": "Vale Post", "published": "2025-03-03"},
    {"text": "Kelby residents returned home on Thursday after the floods, Mara Quint said.",
     "url": "https://news.example/kelby-2", "author": "By Jon Avery",
     "source": "Vale Post", "published": "2025-03-06"},
    {"text": "The Kelby floods were the worst in decades.", "url": "https://wire.example/k",
     "author": "Vale Post", "source": "Vale Post", "published": "2025-03-06"},
]


@pytest.fixture(scope="module")
def store(nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("authors") / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    graph = open_store(":memory:")
    outcomes = [r.outcome for r in ingest([path], graph, nlp)]
    assert outcomes == ["added"] * 3
    yield graph
    graph.close()


def authors_by_url(graph) -> dict[str, list[tuple[str, str]]]:
    rows = graph.select("""
        PREFIX schema: <https://schema.org/>
        SELECT ?url ?name ?class WHERE {
          GRAPH ?a { ?a schema:url ?url ; schema:author ?author }
          GRAPH <https://storygraph.dev/graph/entities> { ?author schema:name ?name ; a ?class }
        } ORDER BY ?url ?name""")
    found: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        found.setdefault(r["url"], []).append((r["name"], r["class"].rsplit("/", 1)[-1]))
    return found


def test_bylines_are_author_people_shared_across_articles(store):
    found = authors_by_url(store)
    assert found["https://news.example/kelby-1"] == [("Jon Avery", "Person"),
                                                     ("Mara Quint", "Person")]
    assert found["https://news.example/kelby-2"] == [("Jon Avery", "Person")]
    # An outlet as byline is an organisation, not a person.
    assert found["https://wire.example/k"] == [("Vale Post", "Organization")]
    # One Jon Avery across the two articles: resolved to the same entity.
    iris = {r["author"] for r in store.select("""
        PREFIX schema: <https://schema.org/>
        SELECT ?author WHERE { GRAPH ?a { ?a schema:author ?author } }""")}
    assert len(iris) == 3


def test_an_author_the_text_names_is_that_entity(store):
    # Mara Quint is quoted in the first article and signs it: one entity, with mentions.
    rows = store.select("""
        PREFIX schema: <https://schema.org/>
        PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
        SELECT (COUNT(?m) AS ?mentions) WHERE {
          GRAPH ?a { ?a schema:url "https://news.example/kelby-1" ; schema:author ?author .
                     ?m itsrdf:taIdentRef ?author }
          GRAPH <https://storygraph.dev/graph/entities> { ?author schema:name "Mara Quint" }
        }""")
    assert rows[0]["mentions"] >= 1


def test_story_listings_show_authors(store):
    rows = {r["article_url"]: r["authors"] for r in list_story_articles(store)}
    assert rows["https://news.example/kelby-1"] == ["Jon Avery", "Mara Quint"]
    assert rows["https://news.example/kelby-2"] == ["Jon Avery"]
    story = next(r["story"] for r in list_story_articles(store)
                 if r["article_url"] == "https://news.example/kelby-2")
    updates = story_summary(store, story)["updates"]
    assert ["Jon Avery"] in [u["authors"] for u in updates]


def test_the_explorer_names_each_article_s_authors(store):
    from storygraph.export import select
    from storygraph.export.html import explorer_data

    data = explorer_data(store, select(store), title="t")
    by_url = {a["url"]: a["authors"] for a in data["articles"]}
    assert by_url["https://news.example/kelby-1"] == ["Jon Avery", "Mara Quint"]
    assert by_url["https://wire.example/k"] == ["Vale Post"]


def test_an_author_s_profile_says_what_they_wrote(store):
    from storygraph.query import entity_profile

    (profile,) = entity_profile(store, "Jon Avery")
    assert len(profile["wrote"]) == 2 and profile["mentions"] == 0
    (quint,) = entity_profile(store, "Mara Quint")
    assert len(quint["wrote"]) == 1 and quint["mentions"] >= 1
