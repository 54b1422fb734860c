"""Readers: text and Markdown, JSON Lines, saved web pages, RSS/Atom feeds, web
archives (WARC), directories and stdin → `Article`.

`read_paths` yields an `Article` for every good input, an `InputError` for every
bad one (so that a batch goes on past a bad file and the caller decides how to
report it), and a `Skipped` notice for what it passed over on purpose.
"""

from storygraph.sources.readers import (
    ARTICLE_SUFFIXES,
    article_id,
    file_kind,
    parse_front_matter,
    read_jsonl,
    read_paths,
    read_text,
    split_authors,
    stdin_bytes,
    text_key,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "article_id",
    "file_kind",
    "parse_front_matter",
    "read_jsonl",
    "read_paths",
    "read_text",
    "split_authors",
    "stdin_bytes",
    "text_key",
]
