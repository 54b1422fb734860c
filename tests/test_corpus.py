"""Precision and recall floors on our own frozen corpus (tests/data/corpus/).

The corpus was written by someone who had not seen the rules, in other domains
and sentence shapes than the seed. Floors live in gold_floor.json and only go up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storygraph.pipeline import extract_articles
from storygraph.sources import read_paths
from tests.scoring import score

CORPUS = Path(__file__).parent / "data" / "corpus"
FLOOR = json.loads((Path(__file__).parent / "gold_floor.json").read_text())["corpus"]


@pytest.fixture(scope="module")
def totals(nlp) -> dict[str, float]:
    files = sorted(CORPUS.glob("*.txt"))
    sums: dict[str, int] = {}
    for path, result in zip(files, extract_articles(read_paths(files), nlp), strict=True):
        gold = json.loads(path.with_suffix(".gold.json").read_text())
        s = score(gold, result.to_json())
        for key, value in {
            "entities": s.entities_total, "typed": s.entities_typed, "split": s.split,
            "extra": len(s.extra), "furniture": len(s.furniture),
            "claims": s.claims_total, "claims_found": s.claims,
            "system_claims": s.system_claims, "system_claims_right": s.system_claims_right,
            "roles": s.roles_total, "roles_found": s.roles,
            "quantities": s.quantities_total, "quantities_found": s.quantities,
            "events": s.events_total, "events_found": s.events,
        }.items():
            sums[key] = sums.get(key, 0) + value
    rates = {
        "entity_typed_recall": sums["typed"] / sums["entities"],
        "claim_recall": sums["claims_found"] / sums["claims"],
        "claim_precision": sums["system_claims_right"] / max(sums["system_claims"], 1),
        "role_recall": sums["roles_found"] / sums["roles"],
        "quantity_recall": sums["quantities_found"] / sums["quantities"],
        "event_recall": sums["events_found"] / sums["events"],
        "split": sums["split"],
        "extra": sums["extra"],
        "furniture": sums["furniture"],
    }
    print("\ncorpus:", json.dumps(rates))
    return rates


@pytest.mark.parametrize("measure", ["entity_typed_recall", "claim_recall", "claim_precision",
                                     "role_recall", "quantity_recall", "event_recall"])
def test_corpus_rates_hold_the_floor(totals, measure):
    assert totals[measure] >= FLOOR[measure]


@pytest.mark.parametrize("measure", ["split", "extra", "furniture"])
def test_corpus_errors_stay_under_the_ceiling(totals, measure):
    assert totals[measure] <= FLOOR[f"{measure}_max"]
