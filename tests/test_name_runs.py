"""Proper-noun runs the model did not tag (entities._candidates): where a name begins and ends.

Each text is parsed, the model's entities are taken away, and the names are found from the
proper-noun runs alone, as they are where the model misses a name in a longer article.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from storygraph.extract.entities import _candidates, _named_spans


def _runs(nlp, text: str) -> list[str]:
    doc = nlp(text)
    doc.ents = []
    return [c.text for c in _candidates(doc, [])]


@pytest.mark.parametrize(("text", "name"), [
    # a given name joined by a hyphen is one name with what follows
    ("Local MP Anne-Marie Pendleford described the plan as reckless.", "Anne-Marie Pendleford"),
    # "and" inside a body's name: one or two words, "and", then the rest up to its head
    ("The Community and Print Trades Union said the offer was poor.",
     "Community and Print Trades Union"),
])
def test_a_name_runs_on(nlp, text: str, name: str) -> None:
    assert name in _runs(nlp, text)


def test_two_bodies_joined_by_and_stay_two(nlp) -> None:
    names = _runs(nlp, "Staff at Harlow Borough Council and Essex County Council will strike.")
    assert not any(" and " in n for n in names), names


def test_a_person_tagged_by_the_given_name_alone_runs_on_to_the_surname(nlp) -> None:
    doc = nlp('"We will train them here," said Dr. Ramona Quist, president of the college, '
              "on Friday.")
    given = next(t.i for t in doc if t.text == "Ramona")
    doc.ents = [Span(doc, given, given + 1, label="PERSON")]
    assert [(s.text, label) for s, label in _named_spans(doc)] == [("Ramona Quist", "PERSON")]
