"""The RDF term model every stage from `rdf/` up speaks, and RDF text in and out.

The terms are pyoxigraph's: they are what the embedded store takes and gives without a
conversion, their `str()` is N-Triples (what a SPARQL update to a server is written in),
and they cost a fraction of rdflib's. This module is the one place outside the embedded
store (`storygraph.store`) that imports pyoxigraph, and it imports only values and
parsers/serialisers, never the engine: every read and write goes through the store
interface (tests/test_architecture.py holds both to that). Changing the term model is a
change to this module.
"""

from __future__ import annotations

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    Triple,
    parse,
    serialize,
)

__all__ = [
    "BlankNode",
    "DefaultGraph",
    "Literal",
    "NamedNode",
    "Quad",
    "RdfFormat",
    "Triple",
    "parse",
    "serialize",
]
