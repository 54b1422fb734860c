"""Readers: files, directories, JSON Lines and stdin → `Article`.

`read_paths` yields an `Article` for every good input and an `InputError` for
every bad one, so that a batch goes on past a bad file and the caller decides
how to report it.
"""

from storygraph.sources.readers import (
    ARTICLE_SUFFIXES,
    article_id,
    parse_front_matter,
    read_jsonl,
    read_paths,
    read_text,
    split_authors,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "article_id",
    "parse_front_matter",
    "read_jsonl",
    "read_paths",
    "read_text",
    "split_authors",
]
