"""Cheap access to a Doc's text and sentences: `Doc.text` rebuilds the string from tokens on
every call, and `Token.sent` walks the token's sentence on every call."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

_KEY = "storygraph.text"
_SENTENCES = "storygraph.sentences"

T = TypeVar("T")


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc and kept in its user data."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def _sentences(doc: Doc) -> tuple[list[Span], list[int]]:
    """The doc's sentences, and for each token the number of its sentence, found once."""
    found = doc.user_data.get(_SENTENCES)
    if found is None:
        sentences = list(doc.sents)
        number = [0] * len(doc)
        for n, sentence in enumerate(sentences):
            number[sentence.start : sentence.end] = [n] * len(sentence)
        found = doc.user_data[_SENTENCES] = (sentences, number)
    return found


def sentence_of(token: Token) -> Span:
    """`token.sent` without walking the sentence: asked once per name in a long sentence,
    that walk made extraction quadratic."""
    sentences, number = _sentences(token.doc)
    return sentences[number[token.i]]


def per_sentence(token: Token, name: str, measure: Callable[[Span], T]) -> T:
    """`measure(sentence_of(token))`, computed once per sentence and kept under `name`."""
    doc = token.doc
    sentences, number = _sentences(doc)
    key = f"{_SENTENCES}.{name}"
    values: dict[int, T] = doc.user_data.setdefault(key, {})
    n = number[token.i]
    if n not in values:
        values[n] = measure(sentences[n])
    return values[n]
