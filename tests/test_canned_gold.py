"""Every canned query, run on the stored seed, returns the rows the hand-made gold implies."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from storygraph.pipeline import extract_articles
from storygraph.query import article_ref, run_canned
from storygraph.sources import read_paths
from storygraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e6440d5d4de0186f.txt"


def norm(text: str | None) -> str:
    return " ".join(re.sub(r"[\"“”‘’']", "", text or "").split()).casefold()


@pytest.fixture(scope="module")
def gold(seed_gold) -> dict:
    return seed_gold


@pytest.fixture(scope="module")
def store(nlp):
    with open_store(":memory:") as graph:
        for extraction in extract_articles(read_paths([SEED]), nlp):
            graph.put(extraction)
        yield graph


def names_of(gold: dict, entity_id: str) -> set[str]:
    entity = next(e for e in (*gold["entities"], *gold["optional_entities"])
                  if e["id"] == entity_id)
    return {norm(n) for n in (*entity["names"], entity["canonical"])}


def test_who_said_what_has_every_gold_claim_with_its_speaker(store, gold):
    rows = run_canned(store, "who-said-what").rows
    for claim in gold["claims"]:
        speakers = names_of(gold, claim["speaker"])
        assert any(norm(r["speaker_name"]) in speakers and norm(claim["key"]) in norm(r["text"])
                   for r in rows), claim


def test_people_roles_has_every_gold_role(store, gold):
    rows = run_canned(store, "people-roles").rows
    for role in gold["roles"]:
        people = names_of(gold, role["person"])
        assert any(norm(r["name"]) in people and norm(role["title_key"]) in norm(r["role"])
                   for r in rows), role


def test_figures_have_every_gold_figure_with_its_sentence(store, gold):
    rows = run_canned(store, "figures").rows
    for figure in gold["quantities"]:
        matching = [r for r in rows if norm(figure["text_key"]) in norm(r["text"])]
        assert matching, figure
        row = matching[0]
        assert figure["unit_key"] in (row["unit"] or "") + row["text"]
        assert row["text"] in row["sentence"]
        if figure["value"] is not None:
            assert row["value"] == figure["value"]


def test_entities_by_articles_lists_every_gold_entity_once(store, gold):
    rows = run_canned(store, "entities-by-articles").rows
    for entity in gold["entities"]:
        names = names_of(gold, entity["id"])
        found = [r for r in rows if norm(r["name"]) in names]
        assert len(found) == 1, entity["id"]
        assert found[0]["articles"] == 1
    assert not {norm(n) for n in gold["must_not_be_entities"]} & {norm(r["name"]) for r in rows}


def test_article_query_gives_everything_the_article_says(store, gold):
    article = article_ref(store, str(SEED))
    assert article is not None
    rows = run_canned(store, "article", article=ox.NamedNode(article)).rows
    kinds = {r["kind"] for r in rows}
    assert kinds == {"mention", "role", "claim", "figure", "event"}
    assert [r["begin"] for r in rows] == sorted(r["begin"] for r in rows)
    claims = [r for r in rows if r["kind"] == "claim"]
    for claim in gold["claims"]:
        assert any(norm(claim["key"]) in norm(r["text"]) for r in claims), claim
    mentioned = {norm(r["who"]) for r in rows if r["kind"] == "mention"}
    for entity in gold["entities"]:
        assert mentioned & names_of(gold, entity["id"]), entity["id"]
