"""Descriptor speakers on tests/data/descriptors and descriptors2 to descriptors5
(invented, written before the rules or before being measured, frozen; the later sets by other
writers who had not read the rules).

"The 32-year-old welder said", "the union said", "The firm's boss added", "A Redgum
spokeswoman said", "Executives said", "His lawyer told the court", "The Marlins coach
said": the entity the description refers back to, in British, American, Canadian,
Australian, New Zealand, Irish, Indian, Kenyan, Nigerian and South African house styles;
and, where the text names nobody it could mean ("Analysts said", "a source close to the
minister"), no speaker rather than a wrong one. Recall per category and precision only
go up (floors in gold_floor.json, one key per folder); `bench/bench_speakers.py --set
descriptors` (or `descriptors2` to `descriptors5`) prints the same figures with the misses
listed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.speaker_scoring import AttributionScore, score_folder

DATA = Path(__file__).parent / "data"
FLOORS = json.loads((Path(__file__).parent / "gold_floor.json").read_text())
# Each folder and the number of articles in it: a lost or stray file fails loudly.
SETS = {"descriptors": 18, "descriptors2": 12, "descriptors3": 20, "descriptors4": 20,
        "descriptors5": 20}
GROUPS = ("named", "pronoun", "descriptor", "appositive", "indirect", "all")


@pytest.fixture(scope="module", params=sorted(SETS))
def attribution(request: pytest.FixtureRequest, nlp) -> tuple[dict[str, float], AttributionScore]:
    name = request.param
    assert len(list((DATA / name).glob("*.txt"))) == SETS[name]
    total = score_folder(DATA / name, nlp)
    print(f"\n{name}:", json.dumps({
        **{f"{g}_recall": round(total.recall(g), 4) for g in GROUPS},
        "located": round(total.located_rate(), 4), "precision": round(total.precision, 4),
        "attributed_precision": round(total.attributed_precision, 4)}))
    return FLOORS[name], total


@pytest.mark.parametrize("group", GROUPS)
def test_recall_holds_the_floor(attribution: tuple[dict[str, float], AttributionScore],
                                group: str) -> None:
    floor, total = attribution
    assert total.recall(group) >= floor[f"{group}_recall"], total.misses


@pytest.mark.parametrize("measure", ["precision", "attributed_precision"])
def test_precision_holds_the_floor(attribution: tuple[dict[str, float], AttributionScore],
                                   measure: str) -> None:
    floor, total = attribution
    assert getattr(total, measure) >= floor[measure], total.mistakes
