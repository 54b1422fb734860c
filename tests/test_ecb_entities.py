"""Entity typing on ECB+ topics 1-20 (the dev set), against the bare model's own NER labels.

Scoring (tests/entity_eval.py, tests/data/ecbplus/README.md): spans match by overlap; typed
recall is the share of gold named mentions whose best-overlapping graph mention has the right
type; typing precision is the share of graph mentions overlapping a gold mention that have the
right type. The bare baseline is the same parse's `doc.ents`, scored the same way. Floors live
in gold_floor.json ("ecb_entities") and only go up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EcbArticle
from tests.entity_eval import TypingScore, gold_spans, graph_spans

FLOOR = json.loads((Path(__file__).parent / "gold_floor.json").read_text())["ecb_entities"]


@pytest.fixture(scope="module")
def scores(ecb_dev: list[EcbArticle]) -> tuple[TypingScore, TypingScore]:
    graph, bare = TypingScore(), TypingScore()
    for article in ecb_dev:
        gold = gold_spans(article.row)
        graph.add(gold, graph_spans(article.extraction))
        bare.add(gold, article.ner)
    print("\nECB+ 1-20 storygraph:", json.dumps(graph.summary()))
    print("ECB+ 1-20 bare model:", json.dumps(bare.summary()))
    return graph, bare


def test_typed_recall_holds_the_floor(scores):
    graph, bare = scores
    assert graph.typed_recall >= FLOOR["typed_recall"]
    assert graph.typed_recall - bare.typed_recall >= FLOOR["typed_recall_margin_over_bare"]


def test_typing_precision_holds_the_floor(scores):
    graph, bare = scores
    assert graph.typing_precision >= FLOOR["typing_precision"]
    margin = graph.typing_precision - bare.typing_precision
    assert margin >= FLOOR["typing_precision_margin_over_bare"]


def test_scorer_matches_by_largest_overlap_and_accepts_gpe_or_loc():
    score = TypingScore()
    gold = [(0, 10, "PERSON"), (20, 30, "GPE_OR_LOC"), (40, 50, "FAC")]
    system = [(0, 3, "ORG"), (2, 10, "PERSON"), (20, 30, "LOC"), (60, 70, "ORG")]
    score.add(gold, system)
    assert (score.gold, score.found, score.typed) == (3, 2, 2)
    # (0, 3) overlaps the PERSON by 3 characters with the wrong type; (60, 70) overlaps nothing.
    assert (score.system, score.system_right) == (3, 2)
