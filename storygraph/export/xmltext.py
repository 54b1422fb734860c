"""Writing XML as text, a piece at a time: escaping, and the file it goes to.

The GraphML and GEXF writers build each node and edge as a string and write it
at once, so a document of a million edges never exists in memory as a tree.
Values are escaped as XML requires (attributes as ElementTree escapes them);
characters XML 1.0 cannot hold at all become U+FFFD rather than an unreadable file.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Generator, Iterator
from typing import IO

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                                    "\n": "&#10;", "\r": "&#13;", "\t": "&#09;"})


def _xml_only(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value) if _NOT_XML.search(value) else value


def text(value: str) -> str:
    """`value` escaped as element content."""
    return _xml_only(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(value: str) -> str:
    """`value` escaped for an attribute in double quotes (the quotes not included)."""
    return _xml_only(value).translate(_ATTRIBUTE_ESCAPES)


def write_document(path: str | os.PathLike[str] | IO[bytes],
                   document: Generator[str, None, int]) -> int:
    """Write the pieces `document` yields as UTF-8; returns what the generator returns."""
    with _binary(path) as out:
        while True:
            try:
                piece = next(document)
            except StopIteration as done:
                return int(done.value)
            out.write(piece.encode("utf-8"))


@contextlib.contextmanager
def _binary(path: str | os.PathLike[str] | IO[bytes]) -> Iterator[IO[bytes]]:
    """`path` opened for writing bytes, or the binary file object given."""
    if hasattr(path, "write"):
        yield path  # type: ignore[misc]
        return
    with open(path, "wb", buffering=1 << 20) as out:  # type: ignore[arg-type]
        yield out
