"""What every reader needs: an article's id and the names in a byline."""

from __future__ import annotations

import hashlib
import re

_WHITESPACE = re.compile(r"\s+")
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:[;,&|]|\band\b)\s*")
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)


def article_id(text: str) -> str:
    """A stable id from the text with whitespace normalised (DESIGN.md, contract 3)."""
    normalised = _WHITESPACE.sub(" ", text).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def split_authors(byline: str) -> tuple[str, ...]:
    """The names in a byline: "By Jane Ross and Tom Lee" -> ("Jane Ross", "Tom Lee")."""
    names: list[str] = []
    for part in _AUTHOR_SEPARATOR.split(byline):
        name = _BY.sub("", part).strip(" \t\n.|")
        if name and name not in names and len(name) <= 100:
            names.append(name)
    return tuple(names)
