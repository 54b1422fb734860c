"""RSS and Atom feeds → one `Article` per entry.

feedparser reads every RSS and Atom version and is given bytes, never a url, so
it fetches nothing. An entry's text is the fullest it carries: its content
(`content:encoded` in RSS, `<content>` in Atom) over its summary. `read_paths`
gives an entry the full text of a saved page with the same link when the same
ingest holds one (see `same_page`).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from xml.parsers.expat import errors as expat_errors
from xml.sax import SAXParseException

import feedparser

from storygraph.errors import InputError
from storygraph.model import Article
from storygraph.sources.html import fragment_text
from storygraph.sources.metadata import article_id, is_web_address, plain_text, split_authors

_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*\?>\s*)*"
    rb"<(?:!DOCTYPE\s+)?(?:rss|feed|rdf:RDF)\b", re.DOTALL)  # RSS 0.91 has a DOCTYPE
_EMAIL = re.compile(r"\S+@\S+")
_NAME_IN_BRACKETS = re.compile(r"\(([^()]+)\)")
# Query parameters that say where a click came from, not which page it is.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|ocid|cmpid|at_medium|at_campaign|rss)$", re.I)


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file are an RSS or Atom document."""
    return _FEED_START.match(head.removeprefix(b"\xef\xbb\xbf")) is not None


def read_feed(data: bytes, *, origin: str) -> Iterator[Article | InputError]:
    """One article per entry; an entry without text or link is one error naming it."""
    if _declares_entities(data):
        yield InputError(origin, "feed declares its own XML entities (<!ENTITY>), as an "
                                 "entity bomb or a read of a local file does; no news feed "
                                 "needs them")
        return
    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except UnicodeEncodeError as error:  # &#xD800;: a character reference to no character
        yield InputError(origin, f"feed holds {ascii(error.object[error.start])[1:-1]}, half "
                                 "of a UTF-16 surrogate pair and no character")
        return
    except (UnicodeError, LookupError) as error:  # <?xml encoding="punycode"?> reaches codecs
        yield InputError(origin, f"feed declares an encoding that cannot be read ({error})")
        return
    if not parsed.get("version"):
        detail = parsed.get("bozo_exception")
        reason = f" ({str(detail).splitlines()[0]})" if detail else ""
        yield InputError(origin, f"not an RSS or Atom feed{reason}")
        return
    cut = _truncated(parsed.get("bozo_exception"))
    entries = parsed.entries
    if cut is not None and entries and not _has_text(entries[-1]):
        entries = entries[:-1]  # cut before its text: the truncation's error says so
    if not entries:
        yield InputError(origin, "feed has no entries" if cut is None else
                                 f"feed is truncated before its first entry ({cut})")
        return
    source = parsed.feed.get("title") or None
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}: entry {number}"
        try:
            text = _fullest_text(entry, where)
            title = fragment_text(entry.get("title", ""), origin=where) or None
        except InputError as error:
            yield error
            continue
        link = entry.get("link") or None
        if link is not None and not is_web_address(link):
            link = None
        if not text and link is None:
            yield InputError(where, "feed entry has no text (neither content nor summary)")
            continue
        identity = article_id(text)
        article = Article(
            id=identity,
            # Without a link: the entry's own id (guid), else its text; never its position.
            key=link or _guid(entry) or f"text:{identity}",
            text=text,
            title=title,
            published=_when(entry),
            source=source,
            url=link,
            authors=_authors(entry),
        )
        yield article if text else EntryWithoutText(where, article)
    if cut is not None:
        yield InputError(origin, f"feed is truncated after entry {len(entries)} ({cut})")


def _declares_entities(data: bytes) -> bool:
    """Whether the feed's prolog (before its root element) declares an entity: a billion
    laughs, or `SYSTEM "file:///etc/passwd"`. feedparser reads such a feed on with its
    lenient parser, which stored the text "&j;" as the article in silence."""
    ends = [at for at in (data.find(root) for root in _ROOTS) if at >= 0]
    return b"<!ENTITY" in data[:min(ends, default=len(data))]


_ROOTS = (b"<rss", b"<feed", b"<rdf:RDF")


def _truncated(problem: object) -> str | None:
    """Where the feed ends too soon, when feedparser's XML parser says it does.

    feedparser reads on with its lenient parser and keeps the entries before the cut,
    saying nothing; a feed that is merely not well-formed (an `&` in a title) is read
    whole and is no error.
    """
    if not isinstance(problem, SAXParseException):
        return None
    message = problem.getMessage()
    if message not in _END_TOO_SOON:
        return None
    return f"{message} at line {problem.getLineNumber()}, column {problem.getColumnNumber()}"


# expat's errors for a document that ends inside an element, a tag, a CDATA section or
# a character.
_END_TOO_SOON = frozenset({
    expat_errors.XML_ERROR_NO_ELEMENTS, expat_errors.XML_ERROR_UNCLOSED_TOKEN,
    expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION, expat_errors.XML_ERROR_PARTIAL_CHAR})


class EntryWithoutText(InputError):
    """A feed entry with a link but no text: one error, unless a saved page of its link
    is read in the same ingest, which gives it its text (`read_paths`). Feed exports
    often carry only titles and links, the pages saved beside them."""

    def __init__(self, where: str, entry: Article) -> None:
        super().__init__(where, "feed entry has no text (neither content nor summary) and "
                                f"no saved page of {entry.url} was given with it")
        self.entry = entry


def same_page(url: str) -> str:
    """A url as a key for "is this the same page": scheme, fragment, tracking and "/" ignored.
    A url the parser refuses (`http://[oops/a`, a bracket that opens no IPv6 address) is
    its own key: it is the same page only as itself."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING.match(k)])
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit(("", host, parts.path.rstrip("/") or "/", query, ""))


def _guid(entry: Any) -> str | None:
    """The entry's id as a key: on one line, without control characters (printed by `list`,
    ESC starts a terminal sequence), and not one that is no id (a megabyte of it)."""
    guid = " ".join(plain_text(entry.get("id") or "").split())
    return guid if 0 < len(guid) <= _MAX_GUID else None


_MAX_GUID = 2048  # a guid is a url or a short id: one longer is neither


def _fullest_text(entry: Any, where: str) -> str:
    contents = [fragment_text(c.get("value", ""), origin=where) for c in entry.get("content", [])]
    summary = fragment_text(entry.get("summary", ""), origin=where)
    # Content first: a summary is at best as long as the content it summarises.
    return max(contents, key=len, default="") or summary


def _has_text(entry: Any) -> bool:
    try:
        return bool(_fullest_text(entry, ""))
    except InputError:
        return True  # text it holds, though too deep to read: the entry's own error says so


def _when(entry: Any) -> str | None:
    """The entry's published date, else its updated one; a date feedparser read but no
    calendar has (year 0) is passed over, as feedparser passes over what it cannot read."""
    for parsed in (entry.get("published_parsed"), entry.get("updated_parsed")):
        if parsed is None:
            continue
        try:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).isoformat()
        except (ValueError, OverflowError, OSError):
            continue
    return None


def _authors(entry: Any) -> tuple[str, ...]:
    names = [a.get("name", "") for a in entry.get("authors", []) if a.get("name")]
    raw = entry.get("author", "")
    # RSS <author> is "email (Name)"; feedparser splits that badly, so read it again.
    if _EMAIL.search(raw):
        bracketed = _NAME_IN_BRACKETS.search(raw)
        names = [bracketed.group(1)] if bracketed else []
    elif raw and not names:
        names = [raw]
    return split_authors("; ".join(names))
