"""What a command imports: a lookup is a small process, not the whole toolkit.

Speed is measured in bench/ (bench_lookups.py times whole processes); here a fresh
interpreter reports which modules it loaded, so a top-level import of the parser, an RDF
library or a web framework creeping back into the CLI's path fails a test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storygraph.ingest import ArticleWriter
from storygraph.model import Article, Claim, Entity, Extraction, Mention
from storygraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
# Heavy packages a lookup does not use: the parser, rdflib (SHACL, exports), the page
# reader, charts, the graph library, the web server, pydantic (what some typer versions
# convert option values with).
HEAVY = ("spacy", "thinc", "rdflib", "trafilatura", "matplotlib", "networkx", "starlette",
         "uvicorn", "numpy", "pydantic")
# After the command: a lookup by name reads the store, not through the query engine's
# processes (storygraph.query.worker) nor the canned queries, and builds none of the
# extraction's dataclasses (storygraph.model: ~8 ms of each process, more under load).
NOT_FOR_LOOKUPS = (*HEAVY, "storygraph.query.worker", "storygraph.query.canned",
                   "storygraph.model")

_REPORT = """
import json, runpy, sys
sys.argv = ["storygraph", *json.loads(sys.argv[1])]
try:
    runpy.run_module("storygraph", run_name="__main__")
except SystemExit as end:
    assert not end.code, end.code
print("\\nMODULES " + json.dumps(sorted(sys.modules)))
"""


def _modules(code: str, *args: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    line = done.stdout.rsplit("\nMODULES ", 1)[1]
    return set(json.loads(line))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if n in modules or any(m.startswith(n + ".")
                                                            for m in modules))


def test_importing_the_cli_loads_no_heavy_package() -> None:
    modules = _modules(
        "import json, sys, storygraph.cli; print('\\nMODULES ' + json.dumps(sorted(sys.modules)))")
    assert "storygraph.cli" in modules
    assert _loaded(modules, HEAVY) == []


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("startup") / "store"
    text = "Ann Ross said the plant will close. Harwick Rail denied it."
    extraction = Extraction(
        Article("a1", "key-a1", text, title="Plant to close", published="2025-03-01"),
        (Entity("e0", "Ann Ross", "PERSON", (), (Mention(0, 8, "Ann Ross"),)),
         Entity("e1", "Harwick Rail", "ORG", (), (Mention(36, 48, "Harwick Rail"),))),
        claims=(Claim("e0", "Ann Ross", "said", "the plant will close", False, None, 14, 34,
                      0, 35),),
        extractor_version="test")
    with open_store(path) as store:
        ArticleWriter(store).write(extraction)
    return str(path)


@pytest.mark.parametrize("command", [
    ["entity", "Ann Ross"], ["claims", "--speaker", "Ross"], ["stories"],
    ["timeline", "--entity", "Ross"],
])
def test_a_lookup_command_loads_no_heavy_package(small_store, command) -> None:
    modules = _modules(_REPORT, json.dumps([*command, "--store", small_store]))
    assert "storygraph.store" in modules  # it did look something up
    assert _loaded(modules, NOT_FOR_LOOKUPS) == []


def test_figures_read_the_tracker_without_the_query_engine(small_store) -> None:
    """The figures listing runs `figures-tracker` on one page's figures in this process:
    it reads the canned query's text, and starts none of the engine's processes."""
    modules = _modules(_REPORT, json.dumps(["figures", "--store", small_store]))
    assert "storygraph.query.canned" in modules
    assert _loaded(modules, (*HEAVY, "storygraph.query.worker", "storygraph.model")) == []


@pytest.mark.parametrize("name", ["timeline", "stories", "entities-by-articles"])
def test_a_paged_canned_query_runs_without_the_query_engine(small_store, name) -> None:
    """`query NAME --limit N` of a canned query that pages reads its rows on the store: the
    engine's checks and processes (~16 ms of a process) are for queries it runs."""
    modules = _modules(_REPORT, json.dumps(["query", name, "--limit", "5",
                                            "--store", small_store]))
    assert "storygraph.query.paging" in modules
    assert _loaded(modules, (*HEAVY, "storygraph.query.worker", "storygraph.query.guard",
                             "storygraph.model", "importlib.resources")) == []


@pytest.mark.parametrize("format", ["graphml", "gexf", "cytoscape", "html"])
def test_an_export_streams_without_networkx(small_store, tmp_path, format) -> None:
    """The exports write the projection as they go: the graph library (~0.1-0.2 s of each
    process) is for the entity filter's neighbourhood and `to_networkx` only."""
    out = tmp_path / f"graph.{format}"
    modules = _modules(_REPORT, json.dumps(["export", str(out), "--format", format,
                                            "--store", small_store]))
    assert out.stat().st_size > 0
    assert "storygraph.graph" in modules
    assert _loaded(modules, ("networkx",)) == []
