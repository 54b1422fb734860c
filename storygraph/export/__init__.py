"""Exports of the story graph: one module per format, each with a `write_*` function."""

from storygraph.export.graphml import write_graphml
from storygraph.export.rdf import write_rdf

__all__ = ["write_graphml", "write_rdf"]
