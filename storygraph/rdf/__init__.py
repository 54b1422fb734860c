"""RDF layer: our vocabulary, the Extraction -> quads mapping, and the shipped shapes."""

from storygraph.lazy import lazy_exports

# Imported when first used (see storygraph.lazy): a lookup reads the vocabulary, not the
# mapping that writes articles.
_EXPORTS = {
    "storygraph.rdf.mapping": ("MappedArticle", "extraction_quads", "map_extraction"),
    "storygraph.rdf.namespace": ("PREFIXES", "SG", "article_iri", "entity_iri"),
}
__getattr__ = lazy_exports(__name__, _EXPORTS)
__all__ = [*sorted(name for names in _EXPORTS.values() for name in names), "resource"]


def resource(name: str) -> str:
    """Text of a file shipped in this package: "vocab.ttl" or "shapes.ttl"."""
    from importlib.resources import files

    return files(__name__).joinpath(name).read_text(encoding="utf-8")
