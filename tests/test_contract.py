"""The JSON contract of DESIGN.md: every field present, every offset slices its text."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from storygraph.pipeline import extract_articles
from storygraph.sources import read_paths
from tests.conftest import ECBPLUS

ROOT = Path(__file__).resolve().parent.parent
FIELDS = {
    "article": {"id", "key", "title", "published", "source", "url", "text", "authors"},
    "entities": {"id", "name", "type", "aliases", "mentions"},
    "roles": {"person", "title", "org", "start", "end"},
    "claims": {"speaker", "speaker_text", "cue", "text", "direct", "stance", "start", "end",
               "sentence_start", "sentence_end", "about", "date"},
    "quantities": {"value", "unit", "qualifier", "text", "start", "end", "about", "stated_by"},
    "events": {"kind", "agent", "target", "place", "date", "when_text", "text", "start", "end"},
}
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT",
                "WORK_OF_ART", "LAW"}


def check_contract(data: dict) -> None:
    assert set(data) == set(FIELDS)
    assert set(data["article"]) == FIELDS["article"]
    text = data["article"]["text"]
    ids = {e["id"] for e in data["entities"]}
    assert len(ids) == len(data["entities"])
    for entity in data["entities"]:
        assert set(entity) == FIELDS["entities"]
        assert entity["type"] in ENTITY_TYPES
        # Only a byline name the text never mentions is an entity without mentions.
        assert entity["mentions"] or entity["name"] in data["article"]["authors"], entity
        for m in entity["mentions"]:
            assert set(m) == {"start", "end", "text"}
            assert text[m["start"] : m["end"]] == m["text"]
    for kind in ("roles", "claims", "quantities", "events"):
        for item in data[kind]:
            assert set(item) == FIELDS[kind], (kind, item)
            assert 0 <= item["start"] < item["end"] <= len(text)
            if "text" in item:
                assert text[item["start"] : item["end"]] == item["text"]
    for role in data["roles"]:
        # The title is the words at [start, end), or the noun a verb there gives
        # ("X, who chairs the board" → "chair").
        words = text[role["start"] : role["end"]]
        assert words == role["title"] or (" " not in words and role["title"].isalpha())
        assert role["person"] in ids and (role["org"] is None or role["org"] in ids)
    for claim in data["claims"]:
        assert claim["sentence_start"] <= claim["start"] <= claim["end"] <= claim["sentence_end"]
        assert claim["speaker"] is None or claim["speaker"] in ids
        assert set(claim["about"]) <= ids
        assert isinstance(claim["direct"], bool)
    for q in data["quantities"]:
        assert q["value"] is None or isinstance(q["value"], (int, float))
        assert set(q["about"]) <= ids
    for e in data["events"]:
        for key in ("agent", "target", "place"):
            assert e[key] is None or e[key] in ids
    json.dumps(data)  # serialisable as is


def test_seed_meets_the_contract(nlp):
    (result,) = extract_articles(read_paths([ROOT / "seeds"]), nlp)
    data = result.to_json()
    check_contract(data)
    assert data["article"]["source"] == "BBC News"
    assert data["article"]["published"] is None
    # The text as read is the seed file's own text with its front matter removed.
    raw = (ROOT / "seeds" / "000_e6440d5d4de0186f.txt").read_text(encoding="utf-8")
    front, body = raw.split("\n---\n", 1)
    assert front.startswith("---\n")
    assert data["article"]["text"] == body


def test_real_news_sample_meets_the_contract(nlp):
    sample = itertools.islice(read_paths([ECBPLUS]), 0, 413, 8)
    results = list(extract_articles(sample, nlp))
    assert len(results) >= 50
    for result in results:
        assert not isinstance(result, Exception), result
        check_contract(result.to_json())


def test_own_corpus_meets_the_contract(nlp):
    corpus = Path(__file__).parent / "data" / "corpus"
    assert len(list(corpus.glob("*.txt"))) >= 15
    for result in extract_articles(read_paths(sorted(corpus.glob("*.txt"))), nlp):
        assert not isinstance(result, Exception), result
        check_contract(result.to_json())
