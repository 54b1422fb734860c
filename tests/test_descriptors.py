"""Descriptor speakers on tests/data/descriptors (invented, written before the rules, frozen).

"The 32-year-old welder said", "the union said", "The firm's boss added", "A Redgum
spokeswoman said", "Executives said": the entity the description refers back to, in
British, American, Canadian, Australian, New Zealand, Irish and Indian house styles; and,
where the text names nobody it could mean ("Analysts said", "a source close to the
minister"), no speaker rather than a wrong one. Recall per category and precision only
go up (floors in gold_floor.json, "descriptors"); `bench/bench_speakers.py --set
descriptors` prints the same figures with the misses listed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.speaker_scoring import AttributionScore, score_folder

CORPUS = Path(__file__).parent / "data" / "descriptors"
FLOOR = json.loads((Path(__file__).parent / "gold_floor.json").read_text())["descriptors"]
GROUPS = ("named", "pronoun", "descriptor", "appositive", "indirect", "all")


@pytest.fixture(scope="module")
def attribution(nlp) -> AttributionScore:
    assert len(list(CORPUS.glob("*.txt"))) == 18
    total = score_folder(CORPUS, nlp)
    print("\ndescriptors:", json.dumps({
        **{f"{g}_recall": round(total.recall(g), 4) for g in GROUPS},
        "located": round(total.located_rate(), 4), "precision": round(total.precision, 4),
        "attributed_precision": round(total.attributed_precision, 4)}))
    return total


@pytest.mark.parametrize("group", GROUPS)
def test_recall_holds_the_floor(attribution: AttributionScore, group: str) -> None:
    assert attribution.recall(group) >= FLOOR[f"{group}_recall"], attribution.misses


@pytest.mark.parametrize("measure", ["precision", "attributed_precision"])
def test_precision_holds_the_floor(attribution: AttributionScore, measure: str) -> None:
    assert getattr(attribution, measure) >= FLOOR[measure], attribution.mistakes
