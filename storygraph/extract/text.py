"""Cheap access to a Doc's text: `Doc.text` rebuilds the string from tokens on every call."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "storygraph.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc and kept in its user data."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
