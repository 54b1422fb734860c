"""Speaker attribution on tests/data/transcripts (invented, written before measuring, frozen).

Ten shapes of transcript as their sources print them: Commons, NSW, Dáil and Canadian Hansard,
a US Senate hearing, a radio interview, a print Q&A, a press briefing, an inquiry's Q./A.
transcript and a news article with time-stamped committee excerpts. Each speech paragraph
under a speaker label is a `transcript` claim of the person the label names; questions by
interviewers, journalists, moderators and counsel are not claims. Transcript recall, recall of
all claims, precision and attributed precision only go up (floors in gold_floor.json).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.speaker_scoring import AttributionScore, score_folder

CORPUS = Path(__file__).parent / "data" / "transcripts"
FLOOR = json.loads((Path(__file__).parent / "gold_floor.json").read_text())["transcripts"]
GROUPS = ("transcript", "all")


@pytest.fixture(scope="module")
def attribution(nlp) -> AttributionScore:
    assert len(list(CORPUS.glob("*.txt"))) == 10
    total = score_folder(CORPUS, nlp)
    print("\ntranscripts:", json.dumps({
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
