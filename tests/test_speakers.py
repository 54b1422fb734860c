"""Speaker attribution floors on tests/data/speakers (invented, written before the rules, frozen).

Recall per category (named, pronoun, descriptor, appositive, cue-less, transcript, indirect)
and precision (right claims over claims emitted) only go up; claims on quoted words that
are nobody's claim only go down. `bench/bench_speakers.py` prints the same figures with the
misses listed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.speaker_scoring import CATEGORIES, AttributionScore, score_folder

CORPUS = Path(__file__).parent / "data" / "speakers"
FLOOR = json.loads((Path(__file__).parent / "gold_floor.json").read_text())["speakers"]


@pytest.fixture(scope="module")
def attribution(nlp) -> AttributionScore:
    assert len(list(CORPUS.glob("*.txt"))) == 40
    total = score_folder(CORPUS, nlp)
    print("\nspeakers:", json.dumps({
        **{f"{g}_recall": total.recall(g) for g in (*CATEGORIES, "indirect", "all")},
        "located": total.located_rate(), "precision": total.precision,
        "attributed_precision": total.attributed_precision,
        "not_claims": total.not_claims}))
    return total


@pytest.mark.parametrize("group", [*CATEGORIES, "indirect", "all"])
def test_recall_holds_the_floor(attribution: AttributionScore, group: str) -> None:
    assert attribution.recall(group) >= FLOOR[f"{group}_recall"]


def test_located_holds_the_floor(attribution: AttributionScore) -> None:
    assert attribution.located_rate() >= FLOOR["located"]


@pytest.mark.parametrize("measure", ["precision", "attributed_precision"])
def test_precision_holds_the_floor(attribution: AttributionScore, measure: str) -> None:
    assert getattr(attribution, measure) >= FLOOR[measure]


def test_claims_on_not_claims_stay_few(attribution: AttributionScore) -> None:
    assert attribution.not_claims <= FLOOR["not_claims_max"]
