"""Score `extract` on the hand-made gold of the seed and hold the floor in gold_floor.json.

Every improvement raises the floor in the same commit; a drop fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storygraph.extract import extract
from storygraph.sources import read_paths
from tests.scoring import score

FLOOR = json.loads((Path(__file__).parent / "gold_floor.json").read_text())
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e6440d5d4de0186f.txt"


@pytest.fixture(scope="module")
def seed_score(nlp, seed_gold):
    gold = seed_gold
    (article,) = read_paths([SEED])
    result = score(gold, extract(nlp(article.text), article).to_json())
    print("\nseed gold:", json.dumps(result.as_dict()), "\nextra:", result.extra,
          "\nmissed:", result.missed)
    return result


@pytest.mark.parametrize("measure", ["entities_typed", "claims", "roles", "quantities", "events"])
def test_seed_scores_hold_the_floor(seed_score, measure):
    assert getattr(seed_score, measure) >= FLOOR["seed"][measure], seed_score.missed


def test_seed_splits_few_entities(seed_score):
    assert seed_score.split <= FLOOR["seed"]["split_max"], seed_score.missed


def test_seed_extra_entities_stay_few(seed_score):
    assert len(seed_score.extra) <= FLOOR["seed"]["extra_max"], seed_score.extra


def test_seed_extra_claims_stay_few(seed_score):
    """Claims that match no gold claim with its speaker (wrong speaker, or no claim at all)."""
    extra = seed_score.system_claims - seed_score.system_claims_right
    assert extra <= FLOOR["seed"]["claims_extra_max"], seed_score.missed


def test_seed_footer_is_not_a_story_entity(seed_score):
    assert len(seed_score.furniture) <= FLOOR["seed"]["furniture_max"], seed_score.furniture


def test_seed_has_the_headline_figure(nlp):
    (article,) = read_paths([SEED])
    found = extract(nlp(article.text), article).quantities
    assert any(q.value == 1300 and "job" in (q.unit or "") for q in found), found
