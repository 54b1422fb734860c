"""The shape of the code: imports follow the data flow, and one backend holds the engine.

Read from each module's source (every import statement, inside functions too), so a new
import that points back up the flow, or a new use of pyoxigraph outside the store, fails
here rather than in a review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "storygraph"

# The stages in the order data flows through them (docs: DESIGN.md, README's layout).
# A module may import from its own stage and the ones before it, never after.
LAYERS: list[tuple[str, ...]] = [
    ("storygraph.errors", "storygraph.model", "storygraph.lazy"),
    ("storygraph.sources",),
    ("storygraph.nlp",),
    ("storygraph.extract", "storygraph.pipeline", "storygraph.cluster"),
    ("storygraph.resolve",),
    ("storygraph.rdf",),
    ("storygraph.store", "storygraph.remote", "storygraph.story_store", "storygraph.edits",
     "storygraph.ingest", "storygraph.check"),
    ("storygraph.query", "storygraph.export", "storygraph.serve", "storygraph.graph",
     "storygraph.render"),
    ("storygraph.cli", "storygraph.__main__"),
]
# The vocabulary: the IRIs things are named by, as strings. Resolution decides which IRI
# a name is, so it names things with these; the module imports nothing of ours.
VOCABULARY = "storygraph.rdf.namespace"
# The embedded engine, and the term model every stage from rdf/ up speaks.
PYOXIGRAPH_IMPORTERS = {"storygraph.store", "storygraph.rdf.terms"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            # `from storygraph import x` imports the module storygraph.x
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names
                      if f"{node.module}.{alias.name}" in MODULES]
    return found


def _layer(module: str) -> int | None:
    for i, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return i
    return None


def test_every_module_has_a_stage() -> None:
    assert [m for m in MODULES if m != "storygraph" and _layer(m) is None] == []


def _upward(module: str, path: Path) -> list[str]:
    mine = _layer(module)
    if mine is None:  # the package itself
        return []
    return [f"{name} (line {line})" for name, line in _imports(path)
            if name.startswith("storygraph.") and name != VOCABULARY
            and (_layer(name) or 0) > mine]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_follow_the_flow(module: str) -> None:
    assert _upward(module, MODULES[module]) == [], f"{module} imports from a later stage"


def test_vocabulary_depends_on_nothing_of_ours() -> None:
    assert [n for n, _ in _imports(MODULES[VOCABULARY]) if n.startswith("storygraph")] == []


def test_only_the_store_and_the_term_model_import_pyoxigraph() -> None:
    importers = {module for module, path in MODULES.items()
                 for name, _ in _imports(path) if name.split(".")[0] == "pyoxigraph"}
    assert importers == PYOXIGRAPH_IMPORTERS


def test_the_scan_sees_imports_inside_functions(tmp_path: Path) -> None:
    source = tmp_path / "claims.py"
    source.write_text("from storygraph.rdf import namespace\n"
                      "def f():\n    from storygraph.store import open_store\n"
                      "    import storygraph.query.lookups\n")
    assert _upward("storygraph.extract.claims", source) == [
        "storygraph.rdf (line 1)", "storygraph.store (line 3)",
        "storygraph.query.lookups (line 4)"]
