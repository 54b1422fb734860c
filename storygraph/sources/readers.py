from __future__ import annotations

import codecs
import gzip
import io
import itertools
import json
import os
import re
import sys
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import TypeVar

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from storygraph.errors import InputError
from storygraph.model import Article, Ignored, Skipped
from storygraph.sources.feeds import EntryWithoutText, looks_like_feed, read_feed, same_page
from storygraph.sources.html import looks_like_html, read_html
from storygraph.sources.metadata import (
    MAX_AUTHORS,
    MAX_TITLE_CHARS,
    article_id,
    looks_utf16,
    plain_text,
    split_authors,
    web_address_problem,
)
from storygraph.sources.warc import read_warc, read_warc_bytes

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
WARC_SUFFIXES = frozenset({".warc", ".arc"})
_KINDS = {"text": TEXT_SUFFIXES, "jsonl": JSONL_SUFFIXES, "html": HTML_SUFFIXES,
          "feed": FEED_SUFFIXES, "warc": WARC_SUFFIXES}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES
METADATA_KEYS = ("title", "published", "source", "url")
AUTHOR_KEYS = ("author", "authors")  # either spelling, in front matter and JSON Lines
# The published date under the names static sites (Hugo, Jekyll, Eleventy) and JSON exports
# give it, in the order one is taken when several are there: `published`, then Hugo's own
# order for a publication date, `date` last (a site may keep a draft's creation day there).
# Read in front matter and JSON Lines alike, as written or in lower case ("pubdate").
PUBLISHED_KEYS = ("published", "publishDate", "pubDate", "published_at", "datePublished",
                  "date")
JSONL_KEYS = frozenset({"text", *METADATA_KEYS, *AUTHOR_KEYS})
_DATE_KEYS = {spelling: key for key in PUBLISHED_KEYS for spelling in (key, key.lower())}
# Keys an export or a scraper uses for a field storygraph reads under another name (lower
# case, without "_", "-" or spaces): the warning for an unknown key suggests the right one.
_MEANT = {
    **{key: key for key in JSONL_KEYS},  # "Title", "URL", "Published_"
    **dict.fromkeys((*(re.sub(r"[\W_]", "", key).lower() for key in PUBLISHED_KEYS),
                     "publisheddate", "publicationdate", "datetime", "timestamp"),
                    "published"),  # "Date", "pub_date": a spelling not read as written
    **dict.fromkeys(("headline", "heading"), "title"),
    **dict.fromkeys(("link", "href", "uri", "permalink", "canonicalurl"), "url"),
    **dict.fromkeys(("byline", "by", "writer", "writers", "creator", "creators"), "authors"),
    **dict.fromkeys(("publisher", "outlet", "site", "sitename", "publication"), "source"),
    **dict.fromkeys(("body", "content", "article", "fulltext", "maintext"), "text"),
}
# Larger inputs are refused before decoding: no news article is near this, and
# reading a multi-gigabyte file into memory is the failure we want to avoid.
MAX_FILE_BYTES = 200 * 1024 * 1024
# Errors shown one by one for one input; the rest are counted in one line.
ERRORS_SHOWN = 10

Item = TypeVar("Item")
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s?(.*)$")
_LIST_ITEM = re.compile(r"^\s*-(?:\s+(.*))?$")
# A YAML block scalar's indicator: folded (>) or literal (|), with chomping and indentation.
_BLOCK_SCALAR = re.compile(r"^[>|][+-]?[1-9]?[+-]?(?:\s+#.*)?$")
_OPENING = re.compile(r"(---|\+\+\+)[ \t]*\n")  # a front matter's first line
_ISO_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
                        r"(?: ?(?:Z|[+-]\d{2}:?\d{2}))?$")


def read_paths(paths: Iterable[str | Path]) -> Iterator[Article | InputError | Skipped]:
    """Read every article under `paths` (files, directories, or "-" for stdin).

    Feeds are read first, so that an entry whose link is a page read in the same
    call takes that page's full text (the page's own metadata wins, the entry's
    fills the gaps); entries without such a page come last.
    """
    planned: list[Path | str | InputError | Skipped] = []
    for raw in paths:
        if str(raw) == "-":
            planned.append("-")
            continue
        if str(raw) == "":  # an unset shell variable ("$DIR"): not the current folder
            planned.append(InputError('""', "empty path"))
            continue
        path = Path(raw)
        try:
            if path.is_dir():
                planned.extend(_scan(path))
                continue
            path.stat()
        except OSError as error:  # missing, a symlink loop, a name too long, no permission
            planned.append(InputError(_shown(path), _os_problem(error)))
            continue
        planned.append(_named_in_utf8(path))
    # Entries waiting for their page, by link; one without text is an error if none comes.
    entries: dict[str, Article | EntryWithoutText] = {}
    for item in planned:
        if isinstance(item, Path) and file_kind(item) == "feed":
            for entry in _read_feed_file(item):
                entry = _settled(entry, file=None, where=str(item))
                if isinstance(entry, Article) and entry.url:
                    entries[same_page(entry.url)] = entry
                elif isinstance(entry, EntryWithoutText):  # never over one with text
                    entries.setdefault(same_page(entry.entry.url or ""), entry)
                else:
                    yield entry
    for item in planned:
        if isinstance(item, (InputError, Skipped)):
            yield item
        elif item == "-":
            yield from _read_stdin()
        elif isinstance(item, Path) and file_kind(item) != "feed":
            for article in _read_file(item):
                entry = entries.pop(same_page(article.url), None) if (
                    isinstance(article, Article) and article.url) else None
                yield article if entry is None else _page_for_entry(article, entry)
    yield from entries.values()


def file_kind(path: Path) -> str | None:
    """What a file holds, by its suffix: text, jsonl, html, feed, warc, or None.

    A gzipped file is what its inner suffix says (page.html.gz is a page). A file
    given by name with another suffix is looked at (see `_sniff`).
    """
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    for kind, known in _KINDS.items():
        if suffix in known:
            return kind
    return None


def _os_problem(error: OSError) -> str:
    """What the system says is wrong with a path, as one lower-case phrase."""
    problem = error.strerror or str(error)
    return problem[:1].lower() + problem[1:]


def _shown(path: Path) -> str:
    """A path as a message shows it: bytes that are not UTF-8 written as \\xff."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _named_in_utf8(path: Path) -> Path | InputError:
    """The path, unless its name is not UTF-8: such a name cannot be an article's key (the
    store holds text), so it is one error asking for a rename."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return InputError(_shown(path), "file name is not valid UTF-8; rename the file")
    return path


def _page_for_entry(page: Article, entry: Article | EntryWithoutText) -> Article:
    if isinstance(entry, EntryWithoutText):
        # The entry only lends the page what it lacks: a title or outlet past a line is
        # not lent, and never costs the page its text.
        lent = entry.entry
        entry = settle(replace(lent, **{field: None for field in ("title", "source")
                                        if len(getattr(lent, field) or "") > MAX_TITLE_CHARS}),
                       file=None)
    return replace(page, title=page.title or entry.title,
                   published=page.published or entry.published,
                   source=page.source or entry.source, authors=page.authors or entry.authors)


def _scan(directory: Path) -> Iterator[Path | InputError | Skipped]:
    """The readable files under `directory` in order, then one notice per kind passed over."""
    readable: list[Path] = []
    passed_over: Counter[str] = Counter()
    unreadable: list[InputError] = []
    for path in _files_under(directory, unreadable):
        if path.is_dir():  # a link to a folder: not entered (it may lead back up the tree)
            passed_over[_LINKED] += 1
            continue
        if not path.is_file():  # a FIFO (reading it could wait for ever), a broken link
            passed_over[_SPECIAL] += 1
            continue
        if any(part.startswith(".") for part in path.relative_to(directory).parts):
            passed_over[""] += 1
        elif path.name.split(".")[0].upper() in _FOLDER_NOTES:  # README.en.md too
            passed_over[_NOTES] += 1
        elif file_kind(path) is None:
            passed_over["".join(path.suffixes[-1:]).lower() or "no suffix"] += 1
        else:
            readable.append(path)
    yield from unreadable
    if not readable and not unreadable:
        yield InputError(str(directory), "directory holds no articles (.txt, .md, .jsonl, "
                                         ".html, .rss/.atom/.xml feeds or .warc archives)")
    yield from (_named_in_utf8(path) for path in sorted(readable))
    for suffix, count in sorted(passed_over.items(), key=lambda kv: (-kv[1], kv[0])):
        files = "file" if count == 1 else "files"
        folders = "folder" if count == 1 else "folders"
        reason = (f"hidden {files} (name or folder starts with '.')" if suffix == "" else
                  f"{folders} reached by a link, not entered (name the folder itself to "
                  "read it)" if suffix == _LINKED else
                  f"{files} that are no regular file (a FIFO, a device, a broken link)"
                  if suffix == _SPECIAL else
                  f"{files} of notes on the folder (README, LICENSE ...), not articles "
                  "(name one to read it)" if suffix == _NOTES else
                  f"{files} with {suffix}: not a format storygraph reads")
        yield Skipped(str(directory), reason, count)


_SPECIAL = "special"  # passed over: not a regular file
_NOTES = "notes"  # passed over: a README or licence beside the articles, as corpora ship them
_FOLDER_NOTES = frozenset({"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "NOTICE",
                           "CONTRIBUTING", "AUTHORS"})
_LINKED = "linked"  # passed over: a folder reached by a link


def _files_under(directory: Path, unreadable: list[InputError]) -> Iterator[Path]:
    """Everything under `directory` but folders: links to folders are listed, not entered;
    a folder that cannot be listed is one error in `unreadable`, not a gap."""
    def refused(error: OSError) -> None:
        unreadable.append(InputError(_shown(Path(error.filename or directory)),
                                     f"cannot read folder ({_os_problem(error)})"))

    for folder, folders, names in os.walk(directory, onerror=refused):
        yield from (Path(folder, name) for name in names)
        yield from (Path(folder, name) for name in folders if Path(folder, name).is_symlink())


def _read_feed_file(path: Path) -> Iterator[Article | InputError]:
    try:
        data = _read_bytes(path)
    except InputError as error:
        yield error
        return
    yield from _capped(read_feed(data, origin=str(path)), str(path))


def _read_file(path: Path) -> Iterator[Article | InputError | Skipped]:
    kind = file_kind(path)
    if kind == "warc":
        for record in _capped(read_warc(path), str(path)):
            yield _settled(record, file=None, where=str(path))
        return
    try:
        data = _read_bytes(path)
    except InputError as error:
        yield error
        return
    yield from _read_data(data, kind or _sniff(data), origin=str(path), path=path)


def _capped(items: Iterable[Item], origin: str) -> Iterator[Item | InputError]:
    """One input's items with its first errors, the rest counted in one line: a text file
    named .jsonl is an error a line, and its 100,000 lines say no more than ten do. Entries
    waiting for their saved page are not errors yet (`read_paths`)."""
    errors = 0
    last: InputError | None = None
    for item in items:
        if isinstance(item, InputError) and not isinstance(item, EntryWithoutText):
            errors += 1
            if errors > ERRORS_SHOWN:
                last = item
                continue
        yield item
    if last is not None:
        yield InputError(origin, f"{errors - ERRORS_SHOWN:,} more errors not shown (the last: "
                                 f"{last})")


def _read_stdin() -> Iterator[Article | InputError]:
    try:
        data = stdin_bytes(MAX_FILE_BYTES + 1)
    except InputError as error:
        yield error
        return
    if data.startswith(b"\x1f\x8b"):  # `zcat` left out: gzip's magic number
        try:
            data = _gunzip(data, "<stdin>")
        except InputError as error:
            yield error
            return
    yield from _read_data(data, _sniff(data), origin="<stdin>")


def stdin_bytes(limit: int = -1) -> bytes:
    """Standard input's bytes (at most `limit`); one error when there is none to read (a
    command run with stdin closed, `<&-`) or reading it fails."""
    if sys.stdin is None:
        raise InputError("<stdin>", "standard input is closed")
    try:
        return sys.stdin.buffer.read(limit)
    except OSError as error:
        raise InputError("<stdin>", f"cannot read standard input ({error.strerror or error})"
                         ) from None


def _sniff(data: bytes) -> str:
    """The kind of an input whose name does not say: a feed, a page, a web archive, JSON
    Lines or text."""
    head = data[:4096]
    if looks_like_feed(head):
        return "feed"
    if head.startswith(b"WARC/"):  # read as text, an archive was one article of its headers
        return "warc"
    if looks_like_html(head):
        return "html"
    return "jsonl" if head.lstrip().startswith(b"{") else "text"


def _read_data(data: bytes, kind: str, origin: str,
               path: Path | None = None) -> Iterator[Article | InputError | Skipped]:
    for item in _capped(_read_kind(data, kind, origin), origin):
        # A page or a text file is one article, known by its file when it has no url;
        # a JSON line or a feed entry is known by its text.
        whole = kind in ("html", "text")
        yield _settled(item, file=path if whole else None, where=origin)


def _read_kind(data: bytes, kind: str, origin: str) -> Iterator[Article | InputError | Skipped]:
    if kind == "html":
        yield _or_error(read_html, data, origin=origin)
        return
    if kind == "feed":
        yield from read_feed(data, origin=origin)
        return
    if kind == "warc":
        yield from read_warc_bytes(data, origin=origin)
        return
    try:
        content = _decode(origin, data)
    except InputError as error:
        yield error
        return
    if _json_document(content):
        yield InputError(origin, "a JSON document, not JSON Lines: put each article's object "
                                 "on a line of its own (.jsonl)")
        return
    if kind == "jsonl":
        yield from read_jsonl(content, origin=origin)
    else:
        yield from _read_text_file(content, origin=origin)


def _json_document(content: str) -> bool:
    """Whether the input is one JSON array or one object over several lines (`json.dump` of
    a list of articles): read as JSON Lines it is an error a line, read as text (an array,
    `[{"text": …}]`) one article of JSON syntax."""
    stripped = content.strip()
    if not stripped.startswith(("[", "{")) or (stripped[0] == "{" and "\n" not in stripped):
        return False
    try:
        return isinstance(json.loads(stripped), (list, dict))
    except (ValueError, RecursionError):
        return False


def settle(article: Article, *, file: Path | None, where: str | None = None) -> Article:
    """The article as stored: its text and metadata in composed Unicode (NFC), and its key
    by the identity rule (DESIGN.md, contract 3).

    The key is the url, else the resolved absolute path of the `file` the article is
    (every spelling of a path is one article), else what the input says it is (a feed
    entry's guid), else "text:<id>": a JSON Lines line or stdin without url is known by
    its text, so order and position never matter.
    """
    for field, value in (("title", article.title), ("source", article.source)):
        if value is not None and len(value) > MAX_TITLE_CHARS:
            raise InputError(article.origin or where or article.key,
                             f"{field} is {len(value):,} characters, over the "
                             f"{MAX_TITLE_CHARS:,} a {field} may have")
    text = unicodedata.normalize("NFC", article.text)
    identifier = article_id(text)
    url = plain_text(article.url) if article.url else None  # not NFC: a url is its bytes
    if url:
        key = url
    elif file is not None:
        key = str(file.resolve())
    elif article.key == text_key(article.id):
        key = text_key(identifier)  # the same rule, on the composed text
    else:
        key = article.key
    return replace(
        article, id=identifier, key=key, text=text, title=_nfc(article.title),
        source=_nfc(article.source), authors=tuple(_nfc(a) or a for a in article.authors),
        url=url, origin=article.origin or where or article.key)


def _settled(item: Item, *, file: Path | None, where: str | None = None) -> Item | InputError:
    """`settle` an article, or the line saying why it cannot be stored; anything else as is."""
    if not isinstance(item, Article):
        return item
    try:
        return settle(item, file=file, where=where)
    except InputError as error:
        return error


def _nfc(value: str | None) -> str | None:
    """Metadata composed and without control characters (the readers clean the text)."""
    return plain_text(unicodedata.normalize("NFC", value)) if value else value


def text_key(article_id: str) -> str:
    """The key of an article known only by its text."""
    return f"text:{article_id}"


def _or_error(reader: Callable[..., Article], content: str | bytes,
              origin: str) -> Article | InputError:
    try:
        return reader(content, origin=origin)
    except InputError as error:
        return error


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                str(path), f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,} limit"
            )
        # Read no further than the limit: a device or a pipe (`<(zcat x)`, /dev/zero)
        # says its size is 0 and may never end.
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise InputError(str(path), f"cannot read file ({error.strerror or error})") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(str(path), f"file is over the {MAX_FILE_BYTES:,} byte limit")
    return _gunzip(data, str(path)) if path.suffix.lower() == ".gz" else data


def _gunzip(data: bytes, origin: str) -> bytes:
    """A gzipped file's content, refusing one that expands past the size limit.

    Every member is read, as `gzip -d` reads them: `cat monday.jsonl.gz tuesday.jsonl.gz`
    is one valid file, whose second day a single zlib stream dropped without a word.
    """
    if not data:
        raise InputError(origin, "gzip file is truncated")
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            content = stream.read(MAX_FILE_BYTES + 1)
    except EOFError:
        raise InputError(origin, "gzip file is truncated") from None
    except (OSError, zlib.error) as error:  # not gzip, or bytes after it that are not
        raise InputError(origin, f"not a valid gzip file ({error})") from None
    if len(content) > MAX_FILE_BYTES:
        raise InputError(origin, f"gzip content expands past the {MAX_FILE_BYTES:,} byte limit")
    return content


def _decode(origin: str, data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise InputError(origin, f"input is over the {MAX_FILE_BYTES:,} byte limit")
    encoding = "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16's: FF FE
        encoding = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"  # Windows tools save "Unicode" text so; the mark says which order
    elif b"\x00" in data[:8192]:
        if looks_utf16(data[:8192]):
            raise InputError(origin, "UTF-16 text without a byte order mark; save it as UTF-8")
        raise InputError(origin, "binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        name = encoding.upper().removesuffix("-SIG")
        raise InputError(
            origin, f"not {name} text (invalid byte at position {error.start})"
        ) from None
    if "\x00" in text[:8192]:
        raise InputError(origin, "binary file (contains NUL bytes), expected UTF-8 text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_front_matter(content: str, origin: str) -> tuple[dict[str, str], str]:
    """Split optional front matter from the text: YAML between `---` lines, or TOML between
    `+++` lines (Hugo's other style).

    YAML values run to the end of the line, so they may contain colons; surrounding quotes
    are removed. A value may go on over indented lines (a long title wrapped), or be a block
    (`>` folded into one line, `|` kept line by line). A key's indented list items (a YAML
    block list of `tags`) are its value, joined by "; "; any other indented line under a key
    without a value (a site's nested `params`) is read past, since a site's front matter is
    full of them. Unknown keys are kept and ignored by the caller.
    """
    # A space after the dashes is the opening still: read as text, the front matter
    # became the story's first lines.
    opening = _OPENING.match(content)
    if opening is None:
        return {}, content
    start = opening.end()
    if opening.group(1) == "+++":
        return _toml_front_matter(content, origin, start)
    closing = re.search(r"^---[ \t]*$", content[start:], flags=re.MULTILINE)
    if closing is None:
        raise InputError(origin, "front matter opened with '---' on line 1 is never closed")
    block = content[start : start + closing.start()]
    raw: dict[str, str] = {}
    lists: set[str] = set()
    blocks: dict[str, str] = {}  # a key whose value is a block: its indicator, ">" or "|"
    last: str | None = None  # the key an indented line or a list item belongs to
    for number, line in enumerate(block.split("\n"), start=2):
        indented = line[:1] in (" ", "\t")
        if last in blocks and (indented or not line.strip()):
            raw[last] += line.rstrip() + "\n"
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _LIST_ITEM.match(line)
        if last is not None and (item or indented):
            if item and (last in lists or not raw[last]):
                lists.add(last)
                raw[last] = "; ".join(filter(None, (raw[last], _unquote(
                    (item.group(1) or "").strip()))))
            elif raw[last] and last not in lists:
                raw[last] += " " + line.strip()  # a wrapped value goes on
            continue
        match = _FRONT_KEY.match(line)
        if match is None:
            raise InputError(
                f"{origin}:{number}", f"front matter line is not 'key: value': {line[:60]!r}"
            )
        last = match.group(1).lower()
        value = match.group(2).strip()
        if last in raw and last in _FRONT_KEYS:  # YAML forbids it; one value would be lost
            raise InputError(f"{origin}:{number}", f"front matter gives {_shown_key(last)} "
                                                   "twice")
        lists.discard(last)
        blocks.pop(last, None)
        if _BLOCK_SCALAR.match(value):
            blocks[last], value = value.split("#")[0].strip(), ""
        raw[last] = value
    _refuse_lists(lists, origin)
    metadata = {key: _unquote(value) for key, value in raw.items() if key not in blocks}
    for key, style in blocks.items():
        lines = raw[key].strip("\n").split("\n")
        # YAML: the block's first line sets its indentation, or the indicator does ("|2",
        # for a first line indented further); a literal block keeps what is indented
        # further. Folded: lines join with a space, a blank line is a line break.
        digits = [c for c in style if c.isdigit()]
        indent = int(digits[0]) if digits else len(lines[0]) - len(lines[0].lstrip())
        if style[0] == "|":
            metadata[key] = "\n".join(line[indent:] if line[:indent].isspace() else
                                      line.lstrip() for line in lines)
        else:
            paragraphs = "\n".join(line.strip() for line in lines).split("\n\n")
            metadata[key] = "\n".join(part.replace("\n", " ") for part in paragraphs)
    text = content[start + closing.end() :]
    return metadata, text.removeprefix("\n")


def _toml_front_matter(content: str, origin: str, start: int) -> tuple[dict[str, str], str]:
    """TOML front matter between `+++` lines: its top-level values as text (a date as ISO
    8601, a list joined by "; "); its tables (a site's `[params]`) are read past."""
    closing = re.search(r"^\+\+\+[ \t]*$", content[start:], flags=re.MULTILINE)
    if closing is None:
        raise InputError(origin, "front matter opened with '+++' on line 1 is never closed")
    try:
        table = tomllib.loads(content[start : start + closing.start()])
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        where = f"{origin}:{int(line.group(1)) + 1}" if line else origin
        raise InputError(where, f"front matter is not valid TOML: {error}") from None
    except RecursionError:  # arrays nested thousands deep: no site writes them
        raise InputError(origin, "front matter is not valid TOML: nested too deep") from None
    _refuse_lists((key.lower() for key, value in table.items() if isinstance(value, list)),
                  origin)
    metadata: dict[str, str] = {}
    for key, value in table.items():
        if key.lower() in metadata and key.lower() in _FRONT_KEYS:  # "Title" and "title"
            raise InputError(origin, f"front matter gives {_shown_key(key.lower())} twice")
        if isinstance(value, list):
            metadata[key.lower()] = "; ".join(_toml_text(v) for v in value
                                              if not isinstance(v, dict | list))
        elif not isinstance(value, dict):
            metadata[key.lower()] = _toml_text(value)
    return metadata, content[start + closing.end() :].removeprefix("\n")


# Front matter keys that take one value: a list under one of them (`url = ["a", "b"]`) was
# read as the values joined by "; ", a url or a date no input had.
_ONE_VALUE_KEYS = frozenset({*METADATA_KEYS, *(key.lower() for key in PUBLISHED_KEYS)})
_FRONT_KEYS = _ONE_VALUE_KEYS | set(AUTHOR_KEYS)  # every front matter key read, lower case


def _refuse_lists(keys: Iterable[str], origin: str) -> None:
    for key in keys:
        if key in _ONE_VALUE_KEYS:
            raise InputError(origin, f"front matter {_shown_key(key)} is a list; it takes one "
                                     "value")


def _toml_text(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def read_text(content: str, *, origin: str) -> Article:
    """One article from a text or Markdown file with optional front matter."""
    metadata, text = parse_front_matter(content, origin)
    return _article(text, *_front_metadata(metadata), origin=origin)


def _read_text_file(content: str, *, origin: str) -> Iterator[Article | InputError | Ignored]:
    """`read_text`, then a warning for each front matter key that looks meant for a field
    read under another name (`headline`, `link`, `body`); a site's own keys (`layout`,
    `tags`, `draft`, `slug`, ...) are read past without a word."""
    try:
        metadata, text = parse_front_matter(content, origin)
        yield _article(text, *_front_metadata(metadata), origin=origin)
    except InputError as error:
        yield error
        return
    dated, passed_over = _date_key(metadata)
    for key in metadata:
        meant = _meant(key)
        if key in passed_over:
            yield Ignored(origin, f"front matter key '{key}' passed over: the published date "
                                  f"is read from '{dated}'", 1)
        elif key in _FRONT_KEYS or key in _DATE_KEYS or meant is None or key in _SITE_KEYS:
            continue
        elif meant == "text":
            yield Ignored(origin, f"front matter key {_shown_key(key)} ignored; the text is "
                                  "what follows the front matter", 1)
        else:
            yield Ignored(origin, f"front matter key {_shown_key(key)} ignored; did you mean "
                                  f"'{meant}'?", 1)


_FRONT_KEYS = frozenset({*METADATA_KEYS, *AUTHOR_KEYS})
# Front matter keys a site reads for itself that look like an article's field: Jekyll's
# `permalink` is the page's path on the site, not its address.
_SITE_KEYS = frozenset({"permalink"})


def _front_metadata(metadata: dict[str, str]) -> tuple[dict[str, str], str]:
    """The article's fields from front matter, and the key its published date came from.

    A byline may be a YAML flow list (`authors: ["Jane Ross", "Tom Lee"]`).
    """
    fields = {key: metadata[key] for key in (*METADATA_KEYS, *AUTHOR_KEYS) if key in metadata}
    for key in AUTHOR_KEYS:
        value = fields.get(key, "")
        if value.startswith("[") and value.endswith("]"):
            fields[key] = "; ".join(_unquote(v.strip()) for v in value[1:-1].split(","))
    if fields.get("url", "").startswith("/"):
        # Hugo's `url: /about/` is the page's path on the site, as Jekyll's permalink is:
        # no address to know the article by, and no reason to refuse the file.
        del fields["url"]
    dated, _ = _date_key(metadata)
    if dated is not None:
        fields["published"] = metadata[dated]
    return fields, dated or "published"


def _date_key(values: Mapping[str, object]) -> tuple[str | None, list[str]]:
    """Which key of a JSON line or front matter gives the published date (the first of
    `PUBLISHED_KEYS` with a value), and the other date keys passed over: only those whose
    value differs, since a site writing one day under two names loses nothing."""
    present = sorted((key for key, value in values.items()
                      if key in _DATE_KEYS and value is not None and value != ""),
                     key=lambda key: PUBLISHED_KEYS.index(_DATE_KEYS[key]))
    if not present:
        return None, []
    dated = present[0]
    return dated, [key for key in present[1:]
                   if str(values[key]).strip() != str(values[dated]).strip()]


def _read_key(key: str) -> bool:
    """Whether a JSON Lines record's key is one storygraph reads."""
    return key in JSONL_KEYS or key in _DATE_KEYS


class _JSONObject(dict):
    """A JSON object that knows the keys given twice in it (`json.loads` keeps the last)."""

    def __init__(self, pairs: list[tuple[str, object]]) -> None:
        super().__init__(pairs)
        seen: set[str] = set()
        self.twice = [key for key, _ in pairs if key in seen or seen.add(key)]


def read_jsonl(content: str, *, origin: str) -> Iterator[Article | InputError | Ignored]:
    """One article per line: an object with `text` and optional metadata.

    A key that is none of these is read past, and said once per key after the lines
    (where it first came and on how many lines): "date" for "published" would otherwise
    leave every article undated without a word.
    """
    seen_any = False
    first: dict[str, str] = {}  # an unknown key -> the line where it first came
    lines: Counter[str] = Counter()  # ... -> on how many lines
    passed: dict[str, tuple[str, str]] = {}  # a date key passed over -> (first line, over what)
    passed_lines: Counter[str] = Counter()
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        seen_any = True
        where = f"{origin}:{number}"
        try:
            record = json.loads(line, object_pairs_hook=_JSONObject)
        except json.JSONDecodeError as error:
            yield InputError(where, f"invalid JSON at column {error.colno}: "
                                    + error.msg.removesuffix(" at").removesuffix(" starting"))
            continue
        except RecursionError:  # brackets nested past Python's stack: no article is so
            yield InputError(where, "JSON nested too deep to read")
            continue
        except ValueError:  # a number of more than 4,300 digits, which Python will not read
            yield InputError(where, "JSON holds a number too long to read")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputError(where, "expected a JSON object with a string 'text' field"
                             + _text_under_another_key(record))
            continue
        if twice := [key for key in record.twice if _read_key(key)]:
            yield InputError(where, f"key {twice[0]!r} is given twice in the object; "
                                    "JSON readers keep one value and lose the other")
            continue
        for key in record:
            if not _read_key(key):
                first.setdefault(key, where)
                lines[key] += 1
        dated, passed_over = _date_key(record)
        for key in passed_over:
            passed.setdefault(key, (where, dated or ""))
            passed_lines[key] += 1
        try:
            metadata = _json_metadata(record, where, dated or "published")
            yield _article(record["text"], metadata, dated or "published", origin=where)
        except InputError as error:
            yield error
    if not seen_any:
        yield InputError(origin, "empty file (no JSON lines)")
    for key, where in itertools.islice(first.items(), ERRORS_SHOWN):
        yield _unknown_key(key, where, lines[key])
    if len(first) > ERRORS_SHOWN:  # a line of 100,000 keys is not 100,000 warnings
        rest = list(first)[ERRORS_SHOWN:]
        yield Ignored(first[rest[0]], f"{len(rest):,} more unknown keys ignored (the first: "
                                      f"{_shown_key(rest[0])})", sum(lines[k] for k in rest))
    for key, (where, dated) in passed.items():
        count = passed_lines[key]
        more = f", and on {count - 1:,} more line{'s' if count > 2 else ''}" if count > 1 else ""
        yield Ignored(where, f"key {_shown_key(key)} passed over{more}: the published date is "
                             f"read from '{dated}'", count)


def _unknown_key(key: str, where: str, lines: int) -> Ignored:
    """The warning for a key storygraph does not read, with the key it likely means."""
    more = f", and on {lines - 1:,} more line{'s' if lines > 2 else ''}" if lines > 1 else ""
    meant = _meant(key)
    hint = (f"; did you mean '{meant}'?" if meant and meant != "text" else
            f"; the keys read are {', '.join(sorted(JSONL_KEYS))}")
    return Ignored(where, f"unknown key {_shown_key(key)} ignored{more}{hint}", lines)


def _meant(key: str) -> str | None:
    return _MEANT.get(re.sub(r"[\W_]", "", key).lower())


def _shown_key(key: str) -> str:
    return repr(plain_text(key)[:60])


def _text_under_another_key(record: object) -> str:
    """For a line without 'text': the key that holds its text under another name, if any."""
    if isinstance(record, dict):
        for key, value in record.items():
            if isinstance(value, str) and key != "text" and _meant(key) == "text":
                return f" (its text seems to be under {_shown_key(key)})"
    return ""


def _json_metadata(record: dict[str, object], where: str, dated: str) -> dict[str, str]:
    """The metadata of one JSON line, refusing values of the wrong type rather than coercing;
    the published date is read from the key `dated`.

    Authors may be a string ("A; B") or a list of strings; they come back joined by "; ".
    """
    metadata: dict[str, str] = {}
    for field in (*METADATA_KEYS, *AUTHOR_KEYS):
        key = dated if field == "published" else field
        value = record.get(key)
        if value is None or value == "":
            continue
        if key in AUTHOR_KEYS and isinstance(value, list) and all(
                isinstance(v, str) for v in value):
            value = "; ".join(value)
        if not isinstance(value, str):
            wanted = "a string or a list of strings" if key in AUTHOR_KEYS else "a string"
            raise InputError(where, f"'{key}' must be {wanted}, not {_json_type(value)}")
        metadata[field] = value
    return metadata


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


def _article(text: str, metadata: dict[str, str], dated: str = "published", *,
             origin: str) -> Article:
    """An article known by its url, else by its text (`settle` gives a file's its path);
    its published date came from the key `dated` (see `PUBLISHED_KEYS`)."""
    text = plain_text(text)
    if not text.strip():
        raise InputError(origin, "empty article (no text)")
    for field, value in (("text", text), *metadata.items()):
        _refuse_lone_surrogate(dated if field == "published" else field, value, origin)
    published = metadata.get("published")
    if published is not None:
        published = _iso_date(published, origin, dated)
    url = metadata.get("url", "").strip() or None
    problem = web_address_problem(url) if url is not None else None
    if problem is not None:  # as saved pages' and feeds' urls
        raise InputError(origin, f"url {problem}")
    byline = "; ".join(metadata[k] for k in AUTHOR_KEYS if metadata.get(k))
    authors = split_authors(byline, limit=MAX_AUTHORS + 1)
    if len(authors) > MAX_AUTHORS:
        raise InputError(origin, f"the byline names more than {MAX_AUTHORS} authors; "
                                 "no news article has so many")
    return Article(
        id=article_id(text),
        key=url or text_key(article_id(text)),
        text=text,
        title=metadata.get("title") or _first_line(text),
        published=published,
        source=metadata.get("source") or None,
        url=url,
        authors=authors,
        origin=origin,
    )


def _refuse_lone_surrogate(field: str, value: str, origin: str) -> None:
    """JSON may escape half of a UTF-16 pair (`"\\ud800"`), which is no character and which
    nothing downstream can encode."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        half = ascii(value[error.start])[1:-1]
        raise InputError(origin, f"'{field}' holds {half}, half of a UTF-16 surrogate pair "
                                 "and no character") from None


def _iso_date(value: str, origin: str, key: str = "published") -> str:
    """The date as ISO 8601, or one error naming it (and the key it came under, when that
    is not `published`)."""
    value = value.strip()
    shown = f"published date {value!r}" + (f" (its '{key}')" if key != "published" else "")
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            moment.astimezone(timezone.utc)  # 0001-01-01T00:00+14:00 is no time in UTC
        return moment.isoformat()
    except OverflowError:
        raise InputError(origin, f"{shown} is out of range (in UTC it is before year 1 or "
                                 "after 9999)") from None
    except ValueError:
        if _ISO_SHAPE.match(value):  # 2024-02-30: the right shape, but no such day
            raise InputError(origin, f"{shown} is not a real date") from None
        raise InputError(origin, f"{shown} is not ISO 8601 (expected YYYY-MM-DD)") from None


def _first_line(text: str) -> str | None:
    line = text.strip().split("\n", 1)[0].strip()
    return line if 0 < len(line) <= 200 else None
