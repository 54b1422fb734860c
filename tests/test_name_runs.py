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


@pytest.mark.parametrize(("text", "last", "name"), [
    # UK regional: a partner body after "with", the model tagging only its last words
    ("The unit will be run in partnership with Kelmscote Cancer Centre at the county "
     "hospital.", "Cancer Centre", "Kelmscote Cancer Centre"),
    # Irish: "for" after a word that is no office
    ("Planning permission was refused for Drumcarne Wind Farm by the board on Monday.",
     "Wind Farm", "Drumcarne Wind Farm"),
    # Canadian: a body's head
    ("The grant will go to the work with Tilbury Heritage Society this spring.",
     "Heritage Society", "Tilbury Heritage Society"),
])
def test_a_body_tagged_by_its_last_words_runs_back_after_a_preposition(
        nlp, text: str, last: str, name: str) -> None:
    """"with X Cancer Centre", the model tagging "Cancer Centre" (as a person): the words
    before it are the body's, not a portfolio's as in "Minister for Enterprise X"."""
    doc = nlp(text)
    first = next(t.i for t in doc if t.text == last.split()[0])
    doc.ents = [Span(doc, first, first + len(last.split()), label="PERSON")]
    assert name in [s.text for s, _ in _named_spans(doc)]


def test_a_line_break_ends_the_models_name(nlp) -> None:
    """A press release's "About X" heading, the model's name running on over the line break
    to the next line's "X Lifting Ltd": the name is the heading's word alone, and the body's
    name on the next line is written whole, not left as "Lifting Ltd"."""
    doc = nlp("Kestwick Lifting Ltd said on Monday it would hire 40 people.\n\nAbout Kestwick"
              "\n\nKestwick Lifting Ltd was founded in 2011 and employs 300 people.")
    words = [t.i for t in doc if t.text == "Kestwick"]
    doc.ents = [Span(doc, 0, 3, label="ORG"), Span(doc, words[1], words[1] + 2, label="ORG")]
    names = [c.text for c in _candidates(doc, [])]
    assert names.count("Kestwick Lifting Ltd") == 2 and "Lifting Ltd" not in names, names


@pytest.mark.parametrize(("text", "name"), [
    # Indian daily: a farmers' body named after a river
    ("Farmers' leader K. Ramasamy of the Vellar River Ayacutdars' Protection Association "
     "said the closures were late.", "Vellar River Ayacutdars' Protection Association"),
    # UK local: tenants' federation
    ("Members of the Corran Park Tenants' Federation voted to strike on Monday.",
     "Corran Park Tenants' Federation"),
])
def test_a_run_goes_on_past_a_plurals_apostrophe_to_a_bodys_head(nlp, text: str,
                                                                   name: str) -> None:
    assert name in _runs(nlp, text)



@pytest.mark.parametrize(("text", "place", "rest", "name"), [
    # Irish regional: a swimming club named after a bay
    ("Local swimming club Kenmare Bay Seals, which trains twice a week in Sneem, has 80 "
     "members.", "Kenmare", "Bay Seals", "Kenmare Bay Seals"),
    # Scottish: a trust named after a valley
    ("The Tweed Valley Osprey Trust said two chicks had hatched.", "Tweed",
     "Valley Osprey Trust", "Tweed Valley Osprey Trust"),
])
def test_a_place_and_a_name_opening_with_a_landform_are_one_name(
        nlp, text: str, place: str, rest: str, name: str) -> None:
    """The model reading "Kenmare" as a place and "Bay Seals" as a person: one club's name."""
    doc = nlp(text)
    first = next(t.i for t in doc if t.text == place)
    doc.ents = [Span(doc, first, first + 1, label="GPE"),
                Span(doc, first + 1, first + 1 + len(rest.split()), label="PERSON")]
    assert (name, "ORG") in [(s.text, label) for s, label in _named_spans(doc)]


def test_a_place_before_a_date_stays_a_place(nlp) -> None:
    doc = nlp("Boats were kept in Galway Bay Monday after the storm.")
    first = next(t.i for t in doc if t.text == "Galway")
    doc.ents = [Span(doc, first, first + 1, label="GPE"),
                Span(doc, first + 1, first + 3, label="DATE")]
    assert ("Galway", "GPE") in [(s.text, label) for s, label in _named_spans(doc)]


@pytest.mark.parametrize(("text", "tagged", "name"), [
    # Scottish: a river named with a compass word, the model stopping at it
    ("It will build 12 hulls at its yard on the River South Corran, with first steel cut in "
     "spring.", "the River South", "the River South Corran"),
    # Irish: a lough
    ("Boat hire firms on Lough Upper Tarran say bookings have halved.", "Lough Upper",
     "Lough Upper Tarran"),
])
def test_a_rivers_name_runs_on_past_the_models_end(nlp, text: str, tagged: str,
                                                   name: str) -> None:
    doc = nlp(text)
    first = next(t.i for t in doc if t.text == tagged.split()[0])
    doc.ents = [Span(doc, first, first + len(tagged.split()), label="LOC")]
    assert name in [s.text for s, _ in _named_spans(doc)]


@pytest.mark.parametrize("text", [
    # UK regional: a hospital named after the town a charity is named after
    "The appeal was run by the Kelby Cancer Care Fund.\n\nKelby General Hospital has faced "
    "staffing problems in recent years.",
    # Canadian: a centre
    "The Kelby Rotary Club raised $40,000.\n\nKelby Cancer Care Centre will open in May.",
])
def test_a_bodys_first_word_before_another_name_is_no_short_form(nlp, text: str) -> None:
    """"Kelby" alone is the short form of "Kelby Cancer Care Fund", but not where more
    proper nouns and a site's head follow it: that is another name, not "Kelby"."""
    doc = nlp(text)
    doc.ents = [Span(doc, next(t.i for t in doc if t.text == "Kelby"),
                     next(t.i for t in doc if t.lower_ in {"fund", "club"}) + 1, label="ORG")]
    assert "Kelby" not in [c.text for c in _candidates(doc, [])]


@pytest.mark.parametrize(("text", "tagged", "name"), [
    # UK court report: a firm named after an estuary, the model tagging the estuary alone
    ("His company, Tarran Estuary Plating Ltd, was fined. Inspectors served a notice on "
     "Tarran Estuary Plating in 2019.", "Tarran Estuary", "Tarran Estuary Plating"),
    # Australian business: a firm named after a valley
    ("Kelby Valley Wines Pty Ltd has gone into administration. Kelby Valley Wines staff were "
     "told on Monday.", "Kelby Valley", "Kelby Valley Wines"),
])
def test_a_place_the_model_cut_from_a_firms_name_written_whole_elsewhere(
        nlp, text: str, tagged: str, name: str) -> None:
    doc = nlp(text)
    full = [t.i for t in doc if t.text == tagged.split()[0]]
    ents = [Span(doc, full[0], full[0] + len(name.split()) + (2 if "Pty" in text else 1),
                 label="ORG"), Span(doc, full[1], full[1] + len(tagged.split()), label="LOC")]
    doc.ents = ents
    assert (name, "ORG") in [(s.text, label) for s, label in _named_spans(doc)]
