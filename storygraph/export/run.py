"""One call per export, for the CLI and scripts: filters resolved, file written, summary back."""

from __future__ import annotations

import os

from storygraph.export.cytoscape import write_cytoscape
from storygraph.export.filters import ExportFilter, select
from storygraph.export.gexf import write_gexf
from storygraph.export.graphml import write_graphml
from storygraph.export.html import write_html
from storygraph.export.rdf import FORMATS as RDF_FORMATS
from storygraph.export.rdf import write_rdf
from storygraph.store import GraphStore

GRAPH_FORMATS = ("graphml", "gexf", "cytoscape", "html")
EXPORT_FORMATS = GRAPH_FORMATS + tuple(RDF_FORMATS)


def export(store: GraphStore, path: str | os.PathLike[str], *, format: str,
           spec: ExportFilter | None = None) -> str:
    """Write `format` to `path`, filtered by `spec`; returns what was written, in words."""
    if format not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {format!r}")
    if format in RDF_FORMATS:
        # Unfiltered dumps stream straight from the store, with no projection built.
        written = write_rdf(store, path, format=format,
                            selection=select(store, spec) if spec and spec.active else None)
        unit = "quads" if format in ("trig", "nquads") else "triples"
        return f"{written} {unit}"
    selection = select(store, spec)
    if format == "html":
        counts = write_html(store, path, selection=selection)
        return ", ".join(f"{n} {what}" for what, n in counts.items())
    projection = selection.projection
    writer = {"graphml": write_graphml, "gexf": write_gexf, "cytoscape": write_cytoscape}[format]
    edges = writer(projection, path)
    return f"{projection.number_of_nodes()} nodes, {edges} edges"
