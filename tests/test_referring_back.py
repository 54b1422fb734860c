"""Speakers that refer back (issue 10, categories 1 and 2): a dateline is never who spoke,
a cleric's honorific says what the story may call them, two people a description fits as
well leave it unresolved, "the company" of a parent and its arm is the one that acted, "the
Republican" is a politician of that party, and a post the sentence gives someone ("appointed
X as head coach") makes them "the coach".

Texts written for these tests, with invented people, places and bodies, in wire, UK, Irish,
Indian, Caribbean and Canadian house styles. Each table is `(text, speaker, key phrases one
claim holds)`; a speaker of None means the claim is given to no one.
"""

from __future__ import annotations

import pytest

from tests.test_extract_rules import assert_referred_to, name_of, run

DATELINES = [
    # a wire dateline with the agency: the name after the dash spoke, not the city
    ("NAIROBI, Kenya (AP) — Wanjiru Kamau, chairwoman of the Tana Growers Cooperative, said "
     "members would not sell below cost.",
     "Wanjiru Kamau", ("not sell below cost",)),
    ("NAIROBI, Kenya (AP) — Tana Growers Cooperative said members would not sell below cost.",
     "Tana Growers Cooperative", ("not sell below cost",)),
    # a given name the parser takes for a verb after a Reuters dateline
    ("BRUSSELS, March 3 (Reuters) - Lieve Vandamme, a spokeswoman for the European "
     "Commission, said the rules would apply from June.",
     "Lieve Vandamme", ("apply from June",)),
    # an Indian paper's colon dateline, and a title before the name after a dash
    ("MUMBAI: Ravindra Kelkar, managing director of Sahyadri Textiles, said the mill would shut.",
     "Ravindra Kelkar", ("mill would shut",)),
    ("KINGSTON, Jamaica — Desmond Blakeley, the island's tourism minister, said arrivals "
     "were up.", "Desmond Blakeley", ("arrivals were up",)),
    # and the pronoun after it is the person, never the place or the firm in the title
    ("LONDON — Tom Hale, chief executive of Varrow Ltd, said on Tuesday the firm would keep "
     "its head office in the capital.\n\n\"We will stay,\" he said.",
     "Tom Hale", ("We will stay",)),
]
CLERGY = [
    ("Father Ian Marsh of St Kevin's in Ballymore led prayers for the missing fishermen on "
     "Sunday.\n\n\"The whole parish is praying,\" the priest said.",
     "Ian Marsh", ("whole parish is praying",)),
    ("Rabbi Miriam Lowe said the synagogue had received threats.\n\n"
     "\"We will not be intimidated,\" the rabbi said.",
     "Miriam Lowe", ("not be intimidated",)),
    # the priest, though a parishioner spoke since
    ("Father Declan Moran said the church at Kilcarra would stay open. Parishioner Mary "
     "Keogh, 71, said she had been baptised there.\n\n\"People need somewhere to go,\" "
     "the priest said.", "Declan Moran", ("somewhere to go",)),
    ("The Rev Alan Corbett has served the parish of Holme for 30 years. He retires at "
     "Easter.\n\n\"I will miss the people most,\" the vicar said.",
     "Alan Corbett", ("miss the people most",)),
]
# Two people the description fits as well, named in one sentence: no one, not a guess.
AMBIGUOUS = [
    ("Health Minister Aoife Brannan and Finance Minister Colm Petrie visited the hospital on "
     "Monday.\n\n\"The ward will reopen,\" the minister said.",
     None, ("ward will reopen",)),
    # ... but the one whose title is that office, where the other's is another name for it
    ("Health Minister Aoife Brannan and Finance Secretary Colm Petrie visited the hospital on "
     "Monday.\n\n\"The ward will reopen,\" the minister said.",
     "Aoife Brannan", ("ward will reopen",)),
    # ... and the one of them who has spoken since
    ("Health Minister Aoife Brannan and Finance Minister Colm Petrie visited the hospital on "
     "Monday. Ms Brannan said the ward had been shut too long.\n\n"
     "\"The ward will reopen,\" the minister said.",
     "Aoife Brannan", ("ward will reopen",)),
]
# "the company" with a parent and its subsidiary, or a buyer and the bought, both named: the
# one that acted last, not the one named first or whose name says "group".
PARENT_AND_ARM = [
    ("Varrow UK, the British arm of Varrow Group, will close three depots next year.\n\n"
     "The depots employ 400 people. \"We have consulted staff,\" the company said.",
     "Varrow UK", ("consulted staff",)),
    ("Varrow Group said its British arm, Varrow UK, would close three depots next year.\n\n"
     "\"This was a difficult decision,\" the company said.",
     "Varrow Group", ("difficult decision",)),
    ("Brenlow Foods, which is owned by the US conglomerate Caddell Industries, told staff on "
     "Tuesday that the factory in Wigan would shut.\n\n"
     "The company said production would move to Poland.",
     "Brenlow Foods", ("move to Poland",)),
    ("Caddell Industries, the US conglomerate, announced on Tuesday that Brenlow Foods, its "
     "British subsidiary, would shut its Wigan factory.\n\n"
     "The company said production would move to Poland.",
     "Caddell Industries", ("move to Poland",)),
    # names opening with a common word are no parent and arm: the one the story named most
    ("National Ferries will cut its winter sailings. National Ferries said fuel costs had "
     "doubled. National Coaches said it would add bus services on the island.\n\n"
     "The company said the cuts would save £2m a year.",
     "National Ferries", ("cuts would save",)),
    ("Kestrel Energy has agreed to buy Holcroft Utilities for £2bn. Holcroft Utilities said "
     "the deal would create a stronger group.\n\n"
     "The company said its shareholders would vote in May.",
     "Holcroft Utilities", ("vote in May",)),
]
# "People" whose names say they are a body, a title inside a name, and an office held before
# ("the ex-boss"): the person the description fits, not whoever spoke last.
DESCRIPTIONS = [
    # a title the model took into the name, as Indian papers write it
    ("KALPUR: Collector S. Meenakshi said relief camps had been opened in six villages. "
     "Revenue officials were surveying the damage.\n\n"
     "The Collector said compensation would be paid within a month.",
     "Meenakshi", ("paid within a month",)),
    ("Former Ashcombe manager Paul Devlin says the club should never have sold its ground.\n\n"
     "\"It was the heart of the town,\" the ex-boss said.",
     "Paul Devlin", ("heart of the town",)),
    ("Ashcombe Rovers have appointed Lena Fairley as head coach. She spent six years at "
     "Brindle Town.\n\n"
     "\"I know what this club means to people,\" the coach said.",
     "Lena Fairley", ("what this club means",)),
]
# One member of a party: the politician of that party, or the one in view, never the party;
# no one where the one in view is of another party.
PARTY_MEMBERS = [
    ("Sen. Mark Ellery of Ohio voted against the bill on Tuesday. \"This is a giveaway to "
     "insurers,\" the Republican said.", "Mark Ellery", ("giveaway to insurers",)),
    ("Kerry Ruddock, the MPP for Thunder Bay North, raised the issue at Queen's Park. "
     "\"Northern hospitals are at breaking point,\" the New Democrat said.",
     "Kerry Ruddock", ("breaking point",)),
    ("Holme Valley MP Priya Castell said the cuts were cruel. \"People will suffer,\" the "
     "Tory said.", "Priya Castell", ("People will suffer",)),
    ("Sen. Mark Ellery, a Democrat, voted against the bill on Tuesday. \"This is a giveaway "
     "to insurers,\" the Republican said.", None, ("giveaway to insurers",)),
]
# A post the sentence gives someone: "appointed X as head coach" makes X "the coach".
APPOINTED = [
    ("Ashcombe Rovers have appointed Lena Fairley as head coach, the first woman to lead a "
     "men's team in the league.\n\n"
     "Chairman Rob Tilney said the board had interviewed six candidates. \"She was the "
     "outstanding choice,\" he said.\n\n"
     "\"I know what this club means to people,\" the coach said.",
     "Lena Fairley", ("what this club means",)),
    ("Kiran Patel has been named chief executive of Harlow Motors. The board's chair, Ruth "
     "Ambler, said the search had taken a year.\n\n"
     "\"We will build cars here for decades,\" the chief executive said.",
     "Kiran Patel", ("build cars here",)),
    ("Sam Ode will take over as chair of the Kelmscombe Trust in May. Outgoing trustee Jo "
     "Pike said the trust was in good hands.\n\n"
     "The chair said he would visit every site in his first month.",
     "Sam Ode", ("visit every site",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"),
                         [*DATELINES, *CLERGY, *AMBIGUOUS, *PARENT_AND_ARM, *DESCRIPTIONS,
                          *PARTY_MEMBERS, *APPOINTED])
def test_speaker_referred_back_to(nlp, text: str, speaker: str | None,
                                  keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    assert_referred_to(ex, keys, speaker)


@pytest.mark.parametrize(("text", "title", "org"), [
    ("Ashcombe Rovers have appointed Lena Fairley as head coach.", "head coach",
     "Ashcombe Rovers"),
    ("Kiran Patel has been appointed chief executive of Harlow Motors.", "chief executive",
     "Harlow Motors"),
    ("Sam Ode will take over as chair in May.", "chair", None),
])
def test_a_post_given_in_the_sentence_is_a_role(nlp, text: str, title: str,
                                                org: str | None) -> None:
    ex = run(nlp, text)
    roles = [(r.title, name_of(ex, r.org)) for r in ex.roles]
    assert (title, org) in roles, roles


@pytest.mark.parametrize("text", [
    # a post held before, or one that someone else is given
    "Sam Ode served as chair of the trust until 2019.",
    "Sam Ode stepped down as chair of the trust in May.",
    "Sam Ode, who appointed Jo Pike as chair, said the trust was in good hands.",
])
def test_a_post_held_before_or_given_to_another_is_not_a_role(nlp, text: str) -> None:
    ex = run(nlp, text)
    assert not any(name_of(ex, r.person) == "Sam Ode" and "chair" in r.title
                   for r in ex.roles), [(name_of(ex, r.person), r.title) for r in ex.roles]
