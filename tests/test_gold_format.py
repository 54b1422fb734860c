"""The gold of the descriptor sets agrees with its texts (checks in tests/gold_format.py).

A key that is not in its article, or twice in it, would be scored against the wrong words or
raise in the scorer; a speaker surface or cue that is not verbatim, or a speaker with no name
in the article, is gold nobody can check by reading.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.gold_format import check, check_folder

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    "name", ["descriptors2", "descriptors3", "descriptors4", "descriptors5", "heldout4",
             "heldout5", "heldout6", "heldout7", "heldout8"])
def test_gold_agrees_with_its_texts(name: str) -> None:
    assert list((DATA / name).glob("*.gold.json"))
    assert check_folder(DATA / name) == []


def test_a_key_missing_from_its_article_is_reported(tmp_path: Path) -> None:
    (tmp_path / "01_x.txt").write_text('Rain ahead\n\n"Bring a coat," the forecaster said.\n',
                                       encoding="utf-8")
    claim = {"speaker": None, "speaker_surface": "the forecaster", "cue": "said",
             "key": "Bring an umbrella", "direct": True, "category": "descriptor",
             "indirect": False}
    gold = {"article": "01_x.txt", "entities": [], "optional_entities": [], "claims": [claim],
            "not_claims": [], "roles": []}
    (tmp_path / "01_x.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert check(tmp_path / "01_x.gold.json") == [
        "01_x.gold.json: key found 0 times: 'Bring an umbrella'"]
