"""Speakers that belong to someone, and verbs before a colon that do not hand over the word
(issue 10, leftovers of round 19).

Texts written for these tests, before the rules they test, in several house styles (UK
local paper, US wire, court report, broadcaster's live page); the people and bodies are
invented and appear in no corpus of the project.
"""

from __future__ import annotations

import pytest

from tests.test_extract_rules import claim_with, claims_seen, is_named, run

# "X's lawyer said": the lawyer spoke, not X; unnamed, so no one's claim.
NOT_THE_OWNER = [
    ("Mr Tarrant's lawyer argued that the fine was far too high.", "fine was far too high"),
    ("Ellis Marrow's wife said her husband had done nothing wrong.", "done nothing wrong"),
    ("Dolan Pryce's attorney told jurors that the evidence was thin.", "evidence was thin"),
    ("Singer Kaia Fenwick's publicist said the tour would go ahead as planned.",
     "tour would go ahead"),
    ("Ellis Marrow was fined on Monday. His lawyer said that he would appeal.",
     "he would appeal"),
]


@pytest.mark.parametrize(("text", "key"), NOT_THE_OWNER)
def test_possessed_speaker_is_not_the_owner(nlp, text: str, key: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is not None, claims_seen(ex)
    assert claim.speaker is None, claims_seen(ex)


def test_possessed_spokesman_speaks_for_the_owner(nlp) -> None:
    # as "a spokesperson for X" does
    ex = run(nlp, "Mr Tarrant's spokesman said that he would appeal.")
    claim = claim_with(ex, "he would appeal")
    assert claim is not None and is_named(ex, claim.speaker, "Tarrant"), claims_seen(ex)


def test_named_lawyer_after_apposition(nlp) -> None:
    ex = run(nlp, "Ellis Marrow was fined. His lawyer, Jo Quint, said he would appeal.")
    claim = claim_with(ex, "he would appeal")
    assert claim is not None and is_named(ex, claim.speaker, "Jo Quint"), claims_seen(ex)


# A sentence before a colon: a verdict hands the quotation to its subject, a fact does not.
LEAD_INS = [
    ('Councillor Ada Voss was blunt:', True),
    ('Councillor Ada Voss was defiant:', True),
    ('Councillor Ada Voss had this to say:', True),
    ('Councillor Ada Voss had a warning for the board:', True),
    ('Councillor Ada Voss was at the meeting:', False),
    ('Councillor Ada Voss was in the chamber on Tuesday:', False),
    ('Councillor Ada Voss has two children:', False),
    ('Councillor Ada Voss is a mother of two:', False),
]


@pytest.mark.parametrize(("lead", "speaks"), LEAD_INS)
def test_lead_in_before_colon(nlp, lead: str, speaks: bool) -> None:
    ex = run(nlp, lead + ' "We will not back down."')
    claim = claim_with(ex, "we will not back down")
    assert claim is not None, claims_seen(ex)
    assert (claim.speaker is not None) == speaks, claims_seen(ex)
    if speaks:
        assert is_named(ex, claim.speaker, "Ada Voss"), claims_seen(ex)


# A cue after an adjective of wanting: "was keen to stress that ...", the subject of "was".
KEEN = [
    ("Councillor Ada Voss was keen to stress that the library would stay open.",
     "library would stay open"),
    ("Quillon Systems was anxious to stress that no jobs would go at the Marbury plant.",
     "no jobs would go"),
]


@pytest.mark.parametrize(("text", "key"), KEEN)
def test_keen_to_stress(nlp, text: str, key: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is not None and claim.speaker is not None, claims_seen(ex)
    assert is_named(ex, claim.speaker, text.split(" was ")[0].removeprefix("Councillor ")), \
        claims_seen(ex)


# "X's lawyer said" after "her lawyer, Dana Ruiz,": the named lawyer, when the owners agree
# (the same person, or a pronoun that fits her); another owner's lawyer is not her.
NAMED_BEFORE = [
    # court report, UK
    ("Marta Olsen, 34, was charged with fraud in March. Her lawyer, Dana Ruiz, told the "
     "court she would plead not guilty. On Friday, Ms Olsen's lawyer said the case should be "
     "dropped.", "Dana Ruiz", ("case should be dropped",)),
    # US wire, a quotation
    ("Ivo Marsh, who was injured in the crash, is suing the Tolland Bus Company. His "
     "attorney, Kit Arrowsmith, said the firm had ignored warnings. \"This was avoidable,\" "
     "Mr. Marsh's attorney said.", "Kit Arrowsmith", ("this was avoidable",)),
    # Irish paper: the owner named by the same word
    ("Garda Aoife Brennan died in the crash. The family's solicitor, Conall Dwyer, asked for "
     "privacy. The family's solicitor said an inquest would be held in June.",
     "Conall Dwyer", ("inquest would be held in june",)),
]

# Another owner's lawyer: not the one named before, and no one named.
OTHER_OWNER = [
    ("Marta Olsen was charged with fraud. Her lawyer, Dana Ruiz, spoke to reporters. The "
     "prosecution's lawyer said the case was strong.", "case was strong", "Dana Ruiz"),
    ("Marta Olsen and Ivo Marsh were charged with fraud. Olsen's lawyer, Dana Ruiz, said she "
     "would plead not guilty. Marsh's lawyer said he would fight the charge.",
     "fight the charge", "Dana Ruiz"),
    ("Ivo Marsh was charged with fraud. Her lawyer, Dana Ruiz, said nothing to reporters. "
     "Mr Marsh's lawyer said the case was weak.", "case was weak", "Dana Ruiz"),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), NAMED_BEFORE)
def test_a_possessed_lawyer_is_the_one_named_before(nlp, text: str, speaker: str,
                                                    keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is not None and is_named(ex, claim.speaker, speaker), claims_seen(ex)


@pytest.mark.parametrize(("text", "key", "wrong"), OTHER_OWNER)
def test_another_owners_lawyer_is_not_the_one_named_before(nlp, text: str, key: str,
                                                            wrong: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is not None and claim.speaker is None, claims_seen(ex)


# "the deputy leader", "the assistant manager": a lower post, never the one who holds the
# post itself.
def test_a_deputy_is_not_the_one_whose_post_it_is_under(nlp) -> None:
    ex = run(nlp, "Tolland Council leader Ivo Marsh said the budget was balanced. His deputy, "
                  'Ada Pennock, said the cuts were painful. "Nobody wanted this," the deputy '
                  "leader said.")
    claim = claim_with(ex, "nobody wanted this")
    assert claim is not None and not is_named(ex, claim.speaker, "Ivo Marsh"), claims_seen(ex)


def test_an_assistant_manager_is_not_the_manager(nlp) -> None:
    ex = run(nlp, "Kestrel Rovers manager Dale Hurst praised his players. The assistant "
                  "manager said the squad needed two more defenders.")
    claim = claim_with(ex, "two more defenders")
    assert claim is not None and not is_named(ex, claim.speaker, "Dale Hurst"), claims_seen(ex)
