"""The story commands and canned story queries end to end, on an on-disk store of our corpus."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storygraph.cli import app
from storygraph.model import Article, Extraction
from storygraph.pipeline import extract_articles
from storygraph.query import run_canned
from storygraph.sources import read_paths
from storygraph.store import open_store

DATA = Path(__file__).resolve().parent / "data" / "stories"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def rows(*args: str) -> list[dict]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def store(nlp, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("stories") / "store"
    result = run("ingest", DATA, "--store", path)
    assert result.exit_code == 0, result.output
    assert "7 added" in result.stderr
    return str(path)


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [a for a in read_paths([DATA]) if isinstance(a, Article)]


def test_stories_json_has_the_contract_keys(store):
    listed = rows("stories", "--store", store)
    assert all({"story", "label", "start", "end", "articles", "top_entities"} <= set(r)
               for r in listed)
    assert sum(r["articles"] for r in listed) == 7
    assert all(isinstance(r["top_entities"], list) for r in listed)


def test_stories_articles_csv_has_the_contract_columns(store, articles):
    result = run("stories", "--articles", "--store", store, "--format", "csv")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(table[0]) == ["story", "story_label", "article_id", "article_url",
                              "article_title", "published", "authors"]
    assert {(r["article_title"], r["published"], r["authors"]) for r in table} == {
        (a.title, a.published, "; ".join(sorted(a.authors))) for a in articles}


def test_timeline_and_story_commands(store):
    story = rows("stories", "--store", store)[-1]  # the smallest story
    # Its whole label: a first name alone ("Kelby") can name a bigger story of the town.
    words = story["label"].replace(" · ", " ")
    items = rows("timeline", "--story", words, "--store", store)
    assert items and {i["story"] for i in items} == {story["story"]}
    result = run("story", words, "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["story"] == story["story"]
    assert len(summary["updates"]) == story["articles"]
    table = run("story", words, "--store", store)
    assert table.exit_code == 0 and story["label"] in table.stdout


def test_unknown_story_is_one_error_line(store):
    result = run("story", "no such story words", "--store", store)
    assert result.exit_code == 1
    assert result.stderr == ("Error: no story matches 'no such story words' "
                             "(see `storygraph stories`)\n")


def test_canned_story_queries_give_the_rows_the_input_implies(store, articles, nlp):
    extractions = [e for e in extract_articles(articles, nlp) if isinstance(e, Extraction)]
    with open_store(store, read_only=True) as graph:
        stories = run_canned(graph, "stories").rows
        members = run_canned(graph, "story-articles").rows
        events = run_canned(graph, "timeline").rows
    assert sum(r["articles"] for r in stories) == len(articles)
    assert {(r["article_title"], r["published"], r["article_url"]) for r in members} == {
        (a.title, a.published, a.url) for a in articles}
    # Each story's articles are as many as the story-articles rows that name it.
    for story in stories:
        assert story["articles"] == sum(1 for m in members if m["story"] == story["story"])
    # Figures carry no date of their own: they are dated by their article.
    published = {a.id: a.published for a in articles}
    figures = [r for r in events if r["kind"] == "figure"]
    assert len(figures) == sum(len(e.quantities) for e in extractions)
    assert all(r["date"] == published[r["article_id"]] for r in figures)
    claims = [r for r in events if r["kind"] == "claim"]
    assert len(claims) == sum(len(e.claims) for e in extractions)


def test_stories_are_read_in_the_order_one_grouped_query_gives(store):
    """`_stories` joins four plain reads itself (faster on a large store): the rows and their
    order are those of the one grouped query it replaced, whole and for chosen stories."""
    from storygraph.query.stories import _stories

    graph = "<https://storygraph.dev/graph/stories>"

    def grouped(start: str = "") -> str:
        return f"""
        SELECT ?story ?label ?start ?end (COUNT(DISTINCT ?article) AS ?articles) WHERE {{
          {start}
          GRAPH {graph} {{
            ?story a storyline:Storyline ; rdfs:label ?label ; storyline:hasSlot ?article }}
          OPTIONAL {{ GRAPH {graph} {{ ?story schema:startDate ?start }} }}
          OPTIONAL {{ GRAPH {graph} {{ ?story schema:endDate ?end }} }}
        }}
        GROUP BY ?story ?label ?start ?end ORDER BY DESC(?articles) ?start ?label ?story"""

    with open_store(store, read_only=True) as s:
        whole = s.select(grouped())
        assert len(whole) >= 3 and _stories(s) == whole
        chosen = [str(r["story"]) for r in whole[1::2]]
        values = " ".join(f"<{c}>" for c in chosen)
        assert _stories(s, chosen) == s.select(grouped(f"VALUES ?story {{ {values} }}"))


def test_stories_list_alike_from_their_kept_counts_and_counted(store, tmp_path):
    """A story's size and its key entities' ranking are kept with it (`sg:articles`,
    `sg:keyEntity`) so a listing reads them; a store written before they were kept is
    counted instead, and lists the same."""
    import shutil

    from storygraph.query.stories import list_stories

    older = tmp_path / "older"
    shutil.copytree(store, older)
    pages = ((1, 0), (2, 1), (1, 2), (2, 3))  # limit, offset
    with open_store(str(older)) as s:
        kept = list_stories(s)
        assert any(r["top_entities"] for r in kept)
        # A page is read in the order kept with each story (sg:listKey): the list's order.
        assert [list_stories(s, limit=n, offset=o) for n, o in pages] == [
            kept[o:o + n] for n, o in pages]
        graph = "<https://storygraph.dev/graph/stories>"
        s.apply([f"DELETE WHERE {{ GRAPH {graph} {{ ?story sg:keyEntity ?k . ?k ?p ?o }} }}",
                 f"DELETE WHERE {{ GRAPH {graph} {{ ?story sg:articles ?n }} }}",
                 f"DELETE WHERE {{ GRAPH {graph} {{ ?story sg:listKey ?key }} }}"],
                what="story records of an older store")
        assert not s.select(f"SELECT ?s WHERE {{ GRAPH {graph} {{ ?s sg:articles ?n }} }}")
        assert list_stories(s) == kept
        assert [list_stories(s, limit=n, offset=o) for n, o in pages] == [
            kept[o:o + n] for n, o in pages]


def test_a_story_list_place_can_be_written_as_xml():
    """RDF/XML (a served CONSTRUCT) and GraphML carry every stored literal: a place in the
    list of stories holds no character XML 1.0 forbids, and still sorts as the list does."""
    import xml.etree.ElementTree as ElementTree

    import pyoxigraph as ox

    from storygraph.story_store import list_key

    places = [list_key(3, "2024-05-01", "Derby North", "https://x.org/story/1"),
              list_key(3, "2024-05-01", "Derby", "https://x.org/story/2"),
              list_key(9, None, "Leeds", "https://x.org/story/3")]
    assert sorted(places) == [places[2], places[1], places[0]]
    triples = [ox.Triple(ox.NamedNode("https://x.org/s"), ox.NamedNode("https://x.org/p"),
                         ox.Literal(place)) for place in places]
    ElementTree.fromstring(ox.serialize(triples, format=ox.RdfFormat.RDF_XML))
