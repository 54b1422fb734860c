"""Our spaCy components, registered by name so pipelines are assembled by name."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPHS = "storygraph_paragraphs"
_CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "''"})
_SENTENCE_END = frozenset({".", "!", "?"})


@Language.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break and keep closing quotes with their sentence.

    News text puts one paragraph per line; the small parser otherwise runs
    sentences across paragraphs and hands a closing quote mark to the next one.
    Must run before the parser, which respects sentence starts set here.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
        elif "\n" in previous.whitespace_ or previous.text.endswith("\n"):
            token.is_sent_start = True
        elif token.text in _CLOSING_QUOTES and previous.text in _SENTENCE_END:
            token.is_sent_start = False
    return doc
