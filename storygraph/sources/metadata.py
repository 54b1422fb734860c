"""What every reader needs: an article's id, the names in a byline, text without control
characters, UTF-16 told from binary, which urls an article may have."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

_WHITESPACE = re.compile(r"\s+")
_LINE_BREAK_IN = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:[;,&|]|\band\b)\s*")
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
# A news byline names a few people; past this many a list is not one (see `split_authors`).
MAX_AUTHORS = 100
# A headline or an outlet's name is a line; a value past this is an input gone wrong (a body
# pasted under "title"), and every listing of titles would carry it.
MAX_TITLE_CHARS = 1_000
_LINE_BREAK = re.compile(r"\r\n?|[\x0b\x0c\x85]")
# Control characters but tab and newline (C0, DEL, C1). Printed by `claims` or `entity`, ESC
# starts a terminal sequence (clear the screen, retitle the window, ...); in an article they
# are only debris of an export, and JSON can carry any of them escaped ("\u001b").
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def article_id(text: str) -> str:
    """A stable id from the text with whitespace normalised (DESIGN.md, contract 3)."""
    normalised = _WHITESPACE.sub(" ", text).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def is_web_address(url: str) -> bool:
    """Whether `url` is an http(s) address: what an article's url may be (see
    `web_address_problem`)."""
    return web_address_problem(url) is None


def web_address_problem(url: str) -> str | None:
    """What keeps `url` from being an article's url, as a phrase after "url", or None.

    Only http(s) (`javascript:`, `file:` or `data:` would be a link to follow in the
    explorer page and elsewhere), with a host (every `http://` without one would be one
    article, each replacing the last), and no line break (a line break in a key splits
    every line-by-line listing of keys). A space is read as written: exports hold urls
    with one (a wrapped front matter value is joined by one).
    """
    if not url.lower().startswith(("http://", "https://")):
        return "is not an http(s) address"
    if _LINE_BREAK_IN.search(url):
        return "holds a line break"
    try:
        host = urlsplit(url).hostname
    except ValueError:  # a bracket that opens no IPv6 address: read as written
        return None
    return None if host else "has no host name"


def plain_text(value: str) -> str:
    """`value` with every line break as "\\n" and no other control character but tab."""
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", value))


def split_authors(byline: str, *, limit: int = MAX_AUTHORS) -> tuple[str, ...]:
    """The names in a byline: "By Jane Ross and Tom Lee" -> ("Jane Ross", "Tom Lee"); at
    most `limit` of them (each becomes an entity: a page's metadata listing thousands is
    no byline)."""
    names: dict[str, None] = {}
    for part in _AUTHOR_SEPARATOR.split(byline):
        name = _BY.sub("", part).strip(" \t\n.|")
        if name and len(name) <= 100:
            names[name] = None
            if len(names) == limit:
                break
    return tuple(names)


def looks_utf16(head: bytes) -> bool:
    """Mostly ASCII text stored as UTF-16: every other byte is NUL, the rest are not."""
    even, odd = head[0::2], head[1::2]
    for zeros, others in ((odd, even), (even, odd)):
        if len(zeros) >= 2 and zeros.count(0) >= 0.9 * len(zeros) and others.count(0) == 0:
            return True
    return False
