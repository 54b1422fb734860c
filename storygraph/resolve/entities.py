"""A first, deliberately simple canonicalisation of entities across articles.

Two mentions in different articles are taken to be the same entity when their
type group and their normalised name agree. This is the single seam a real
cross-article resolver will replace: everything downstream only sees the slug
returned by `canonical_id`, so swapping the strategy changes no other module.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from storygraph.model import Entity

# OntoNotes labels grouped coarsely. spaCy's small model confuses ORG/PERSON and
# GPE/ORG on news text, so the slug uses the group rather than the raw label to
# keep obviously-same entities together where the confusion stays inside a group.
TYPE_GROUPS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
DEFAULT_GROUP = "thing"  # NORP, PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE, anything new

_APOSTROPHES = re.compile(r"['\u2019\u2018`]")
_NON_WORD = re.compile(r"[\W_]+")


def type_group(label: str) -> str:
    """The coarse group ("person", "organization", "place", "thing") of an OntoNotes label."""
    return TYPE_GROUPS.get(label.upper(), DEFAULT_GROUP)


def slug(name: str) -> str:
    """Normalise a name into an IRI-safe slug: "The Guardian's" -> "guardians"."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    if text.startswith("the "):
        text = text[4:]
    # Apostrophes vanish rather than split words, so "Sainsbury's" stays one token.
    text = _APOSTROPHES.sub("", text)
    result = _NON_WORD.sub("-", text).strip("-")
    if not result:
        # A name made only of punctuation still needs a stable, distinct id.
        result = "x" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return result


def canonical_id(entity: Entity) -> str:
    """A stable id such as "person/ann-ross" for an extracted entity."""
    return f"{type_group(entity.type)}/{slug(entity.name)}"
