"""RDF layer: our vocabulary, the Extraction -> quads mapping, and the shipped shapes."""

from storygraph.rdf.mapping import (
    MappedArticle,
    article_iri,
    entity_iri,
    extraction_quads,
    map_extraction,
)
from storygraph.rdf.namespace import PREFIXES, SG

__all__ = [
    "PREFIXES",
    "SG",
    "MappedArticle",
    "article_iri",
    "entity_iri",
    "extraction_quads",
    "map_extraction",
]


def resource(name: str) -> str:
    """Text of a file shipped in this package: "vocab.ttl" or "shapes.ttl"."""
    from importlib.resources import files

    return files(__name__).joinpath(name).read_text(encoding="utf-8")
