"""What every reader needs: an article's id, the names in a byline, UTF-16 told from binary."""

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


def looks_utf16(head: bytes) -> bool:
    """Mostly ASCII text stored as UTF-16: every other byte is NUL, the rest are not."""
    even, odd = head[0::2], head[1::2]
    for zeros, others in ((odd, even), (even, odd)):
        if len(zeros) >= 2 and zeros.count(0) >= 0.9 * len(zeros) and others.count(0) == 0:
            return True
    return False
