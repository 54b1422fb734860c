"""Exports of the story graph: one module per format, each with a `write_*` function."""

from storygraph.export.graphml import write_graphml

__all__ = ["write_graphml"]
