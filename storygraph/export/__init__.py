"""Exports of the story graph: one module per format, each with a `write_*` function.

`select(store, ExportFilter(...))` resolves the filters every export takes (see
`storygraph.export.filters`).
"""

from storygraph.export.cytoscape import cytoscape_data, write_cytoscape
from storygraph.export.filters import ExportFilter, FilterError, Selection, select
from storygraph.export.gexf import write_gexf
from storygraph.export.graphml import write_graphml
from storygraph.export.rdf import write_rdf

__all__ = [
    "ExportFilter",
    "FilterError",
    "Selection",
    "cytoscape_data",
    "select",
    "write_cytoscape",
    "write_gexf",
    "write_graphml",
    "write_rdf",
]
