"""Resolution: map what one article found onto entities shared across articles."""

from storygraph.resolve.entities import canonical_id, slug, type_group

__all__ = ["canonical_id", "slug", "type_group"]
