"""The entity corpora's gold agrees with its articles (tests/data/entities/check_gold.py):
every name and must-not string occurs in its article, labels are OntoNotes labels, no name
belongs to two entities, parents exist. A gold file that drifts from its text would make the
node scores in test_entity_corpus.py silently wrong."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
CHECKER = DATA / "entities" / "check_gold.py"


@pytest.mark.parametrize(
    "corpus", ["entities", "entities2", "entities3", "heldout4", "heldout5", "heldout6",
               "heldout7", "heldout8"])
def test_gold_agrees_with_its_articles(corpus: str) -> None:
    run = subprocess.run([sys.executable, str(CHECKER), str(DATA / corpus)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("OK: "), run.stdout


def test_the_checker_catches_a_name_missing_from_its_article(tmp_path: Path) -> None:
    (tmp_path / "01_x.txt").write_text("---\ntitle: T\nsource: S\n---\nAda Quill spoke.\n")
    (tmp_path / "01_x.gold.json").write_text(
        '{"article": "01_x.txt", "style": "", "notes": [], "optional_entities": [],'
        ' "must_not_be_entities": [], "entities": [{"id": "q", "canonical": "Ada Quill",'
        ' "type_ok": ["PERSON"], "names": ["Ada Quill", "Ms Quill"]}]}')
    run = subprocess.run([sys.executable, str(CHECKER), str(tmp_path)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert "'Ms Quill' not in text" in run.stdout
