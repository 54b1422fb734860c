"""Web archives (WARC, as Common Crawl's news crawl stores them) → one `Article` per page.

Every HTML response record is read as a saved page (`storygraph.sources.html`):
its url is the record's target URI, its date the page's own else the capture
date. Other records (requests, metadata, images, redirects) are counted and
reported as skipped. The archive is streamed, so its size is not limited; one
record's page is.

warcio stops quietly at a truncated archive, so truncation is checked here: a
record whose body is shorter than its Content-Length, or bytes left over after
the last record, is one error after the pages that could be read.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storygraph.errors import InputError
from storygraph.model import Article, Skipped
from storygraph.sources.html import MAX_PAGE_BYTES, read_html
from storygraph.sources.metadata import web_address_problem

_NOT_AN_ARCHIVE = "not a WARC or ARC archive (it does not start with a WARC record)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]{0,31}):")  # RFC 3986: "dns:", "view-source:"
# Raised from inside warcio on a damaged record (seen: AttributeError on a cut gzip member,
# OverflowError on a Content-Length of 20 digits).
_DAMAGED = (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, IndexError,
            OverflowError)


def read_warc(path: Path) -> Iterator[Article | InputError | Skipped]:
    """Every page in the archive at `path`, then what was skipped and any truncation."""
    origin = str(path)
    try:
        size = path.stat().st_size
        stream = path.open("rb")
    except OSError as error:
        yield InputError(origin, f"cannot read file ({error.strerror or error})")
        return
    with stream:
        yield from _records(stream, size, origin)


def read_warc_bytes(data: bytes, *, origin: str) -> Iterator[Article | InputError | Skipped]:
    """Every page in an archive read whole (from standard input), as `read_warc`."""
    yield from _records(io.BytesIO(data), len(data), origin)


def _records(stream: BinaryIO, size: int, origin: str) -> Iterator[Article | InputError | Skipped]:
    skipped: Counter[str] = Counter()
    records = 0
    problem: str | None = None
    damaged: int | None = None  # the first record longer or shorter than it says
    archive = ArchiveIterator(stream, no_record_parse=False)
    # warcio writes a warning of three lines to stderr for a record whose Content-Length
    # is wrong and goes on; it counts them, and the count is reported here as one line.
    archive.INC_RECORD = ""
    try:
        for record in archive:
            records += 1
            if archive.err_count and damaged is None:
                damaged = records - 1  # warcio finds the next record; reported at the end
            if records == 1 and (record.rec_type is None or (record.format == "arc"
                                 and record.rec_type != "arc_header")):
                # warcio reads any lines as ARC records (an ARC file starts with filedesc://),
                # and blank lines as a WARC record of no type
                problem = _NOT_AN_ARCHIVE
                break
            kind = _page_kind(record)
            if kind is not None:
                skipped[kind] += 1
                continue
            where = f"{origin}: record {records}"
            body = record.content_stream().read(MAX_PAGE_BYTES + 1)
            if record.raw_stream.limit > 0 and len(body) <= MAX_PAGE_BYTES:
                problem = f"archive is truncated inside record {records}"
                break
            url = record.rec_headers.get_header("WARC-Target-URI")
            problem = web_address_problem(url or "")
            if problem is not None:  # as a front matter's url: "http://" would key them all
                yield InputError(f"{where} ({url})", f"WARC-Target-URI {problem}")
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            try:
                yield read_html(body, origin=f"{where} ({url})", url=url,
                                captured=record.rec_headers.get_header("WARC-Date"),
                                charset=_charset(content_type))
            except InputError as error:
                yield error
    except _DAMAGED as error:
        problem = (_NOT_AN_ARCHIVE if records == 0 and not _starts_as_warc(stream) else
                   f"archive is damaged after record {records} ({type(error).__name__})"
                   if records else
                   f"archive is damaged in its first record ({type(error).__name__})")
    if problem is None and damaged is not None:
        problem = (f"archive is damaged: record {damaged} is not the length its "
                   "Content-Length says")
    if problem is None and records == 0:
        problem = "not a WARC archive (no records)"
    elif problem is None and archive.offset < size:
        problem = (f"archive is truncated: {size - archive.offset:,} bytes after record "
                   f"{records} are not a whole record")
    if skipped:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(skipped.items()))
        count = sum(skipped.values())
        what = ("record that is not an HTML page" if count == 1 else
                "records that are not HTML pages")
        yield Skipped(origin, f"{what} ({kinds})", count)
    if problem is not None:
        yield InputError(origin, problem)


def _starts_as_warc(stream: BinaryIO) -> bool:
    """Whether the archive's first bytes (gunzipped, if gzipped) are a WARC record's: one
    whose headers warcio cannot read (no WARC-Target-URI, a Content-Length of 30 digits)
    is a damaged archive, not a file of another kind."""
    try:
        stream.seek(0)
        head = stream.read(2)
        stream.seek(0)
        if head == b"\x1f\x8b":
            return gzip.GzipFile(fileobj=stream).read(5) == b"WARC/"
        return stream.read(5) == b"WARC/"
    except (OSError, EOFError, zlib.error):
        return False


def _page_kind(record) -> str | None:
    """None for an HTML page; else what the record is, for the skipped report."""
    if record.rec_type != "response":
        return record.rec_type
    if record.http_headers is None:
        # warcio reads HTTP headers only for http(s) targets: a crawler's dns: records, or
        # a target no browser would load (javascript:, data:), are no pages
        target = record.rec_headers.get_header("WARC-Target-URI") or ""
        scheme = _SCHEME.match(target)
        if scheme and scheme.group(1).lower() not in {"http", "https"}:
            return f"response for a {scheme.group(1).lower()}: address"
        return "response without HTTP headers"
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return f"HTTP {status}"
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
    content_type = content_type.strip().lower()
    if content_type not in _HTML_TYPES:
        return content_type or "response without a Content-Type"
    return None


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None
