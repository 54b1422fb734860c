"""Quotation spans: what `find_quotes` pairs, on shapes that broke it before."""

from __future__ import annotations

import pytest

from storygraph.extract.layout import paragraphs
from storygraph.extract.quotes import find_quotes
from tests.test_extract_rules import claim_with, claims_seen, name_of, run


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text, paragraphs(text))]


# Two quotes back to back, the first one's opening mark lost: the orphan closing mark
# must not open a quotation of the space before the next mark.
BACK_TO_BACK = [
    ('Mr Pengelly said: We got it badly wrong as well." "I apologise to every family '
     'affected," he said.', ["I apologise to every family affected"]),
    ('The trust admitted it had failed them as well." "We are sorry," a spokesman said.',
     ["We are sorry"]),
    ('"We got it badly wrong as well." "I apologise to every family affected," he said.',
     ["We got it badly wrong as well.", "I apologise to every family affected"]),
]


@pytest.mark.parametrize(("text", "quotes"), BACK_TO_BACK)
def test_back_to_back_quotes_pair_up(text: str, quotes: list[str]) -> None:
    assert quoted(text) == quotes


def test_no_quote_is_empty() -> None:
    text = 'Fans chanted "out" and " " and then "we want our club back" for an hour.'
    assert all(q.strip() for q in quoted(text)), quoted(text)


def test_back_to_back_quotes_extract(nlp) -> None:
    """The shape that raised IndexError [E1002] in claims: an empty quote span."""
    text = ("Bronwen Pengelly, the trust's chief executive, spoke to reporters on Friday.\n\n"
            'Mrs Pengelly said: We got it badly wrong as well." "I apologise to every family '
            'affected," she said.\n')
    ex = run(nlp, text)
    claim = claim_with(ex, "I apologise to every family")
    assert claim is not None, claims_seen(ex)
    assert name_of(ex, claim.speaker) == "Bronwen Pengelly"
    assert all(c.text.strip() and text[c.start : c.end] == c.text for c in ex.claims)


# Curly and straight marks mixed in one quotation (issue 10, point 6).
MIXED = [
    ('"It spread to the roof within minutes,” he said. "Nobody was hurt."',
     ["It spread to the roof within minutes", "Nobody was hurt."]),
    ('“The lorries start at five in the morning," she said.',
     ["The lorries start at five in the morning"]),
    ('“We said no,” he said, and "we meant it".', ["We said no", "we meant it"]),
]


@pytest.mark.parametrize(("text", "quotes"), MIXED)
def test_mixed_marks_pair_up(text: str, quotes: list[str]) -> None:
    assert quoted(text) == quotes


def test_pre_tokenised_closing_mark_never_opens() -> None:
    """Corpora such as ECB+ space every token: 'fight , " said X' closes a quote."""
    text = ('"We will march every day .\nYou never win unless you fight , " said Ivo Penhale .\n'
            '"It is our fault too , " he said .')
    assert quoted(text) == ["We will march every day .\nYou never win unless you fight",
                            "It is our fault too"]


def test_quote_closing_in_a_later_line() -> None:
    """A quotation over sentences put one per line closes where its mark closes."""
    text = ('"Our valley has reached the edge .\nIt is up to all of us , " Mair Pendry said .\n'
            "The council met on Monday .")
    assert quoted(text) == ["Our valley has reached the edge .\nIt is up to all of us"]
