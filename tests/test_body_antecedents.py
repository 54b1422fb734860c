"""A body or office referred back to by a word for its kind (issue 10): "the Corporation", "the
co-operative", "The Council" resolve to the organisation the story named, never to a node
named after the word nor to a person or place.

Texts written for these tests, with invented places, people and bodies, in several house
styles. Each table is `(text, speaker, key phrases one claim holds)`.
"""

from __future__ import annotations

import pytest

from tests.test_extract_rules import assert_spoken_by, claim_with, claims_seen, is_named, run

CAPITALISED = [
    # Indian daily: "the Corporation" for the municipal corporation named before
    ("Work on the new sewer line along Kottur Road will finish by June, officials of the "
     "Tirunelli Municipal Corporation said on Monday.\n\n"
     "Corporation Commissioner R. Sundaravel inspected the site. He said 12 km of pipe had "
     "been laid.\n\n"
     "The Corporation said residents could report flooded roads on its helpline.",
     "Tirunelli Municipal Corporation", ("report flooded roads",)),
    # ... and an unnamed official of it speaks for it
    ("The Vadakkur Municipal Corporation will widen three roads before the monsoon. The "
     "State government will bear 60% of the cost and the Corporation the rest.\n\n"
     "A senior official of the Corporation, who did not wish to be named, said the work "
     "would cost Rs 40 crore.",
     "Vadakkur Municipal Corporation", ("cost Rs 40 crore",)),
    # Irish local paper: "the Council" for the county council
    ("Ballykeel County Council has approved a new cycle lane on Main Street.\n\n"
     "Local traders said they had not been consulted about the loss of parking.\n\n"
     "The Council said the lane would be reviewed after a year.",
     "Ballykeel County Council", ("reviewed after a year",)),
    # a think tank named "Centre for ..." and then called "the Centre"
    ("A report from the Centre for Coastal Economies says seaside towns have lost a fifth of "
     "their bank branches since 2019.\n\n"
     "Shopkeepers in Marrowby said the nearest branch was now 20 miles away.\n\n"
     "The Centre said the government should fund shared banking hubs.",
     "Centre for Coastal Economies", ("shared banking hubs",)),
]

TIERS = [
    # Australian regional paper: "the shire council" is the shire named, though a city
    # council was named since
    ("Murrindal Shire Council will close its Bendoc pool for the summer.\n\n"
     "Residents said they would drive to the pool run by Ballarook City Council instead.\n\n"
     "The shire council said the pool needed $2 million of repairs.",
     "Murrindal Shire Council", ("$2 million of repairs",)),
]

HYPHENED = [
    # New Zealand farming news: "the co-operative" for the dairy co-operative named before
    ("Farmer-owned co-operative Kowhai Milk Products has cut its forecast milk price by 30 "
     "cents a kilogram.\n\n"
     "Farmers in the Poverty Bay region had expected a better season, Federated Farmers "
     "said.\n\n"
     "The co-operative said global prices had fallen at three straight auctions.",
     "Kowhai Milk Products", ("three straight auctions",)),
]




# Words in a title, or a tier of government, that are not who spoke:
# `(text, not the speaker, key phrases)`.
NOT_SPEAKERS = [
    # New Zealand council news: "the regional council" is not the district council the story
    # is about
    ("Tāwhiri District Council has voted to install water meters at every property in the "
     "district by 2029.\n\n"
     "Mayor Hine Pōtae said the vote was the hardest the council had taken.\n\n"
     "The regional council said the meters would help it set fair allocations.",
     "Tāwhiri District Council", ("fair allocations",)),
    # English local paper: "the county council" is not the borough council
    ("Marlow Vale Borough Council has approved 400 homes on the edge of Stenbury.\n\n"
     "Residents said the roads could not cope.\n\n"
     "The county council, which runs the roads, said it had objected to the plan.",
     "Marlow Vale Borough Council", ("objected to the plan",)),
    # South African news site: the body in a title-first name is not who spoke, even where
    # the name itself is not found
    ("Clinic\n\n"
     "KwaZulu-Natal Health MEC Nomsa Zungu has promised to reopen the Ndwedwe clinic by "
     "April.\n\n"
     "Zungu visited the clinic on Thursday with officials from the provincial health "
     "department.",
     "KwaZulu-Natal Health", ("reopen the Ndwedwe clinic",)),
    # Irish local paper: the name after "Independent TD" was not found, and the word before
    # the title was taken for a name; "The Independent TD" is still no one named so
    ("Landowners dig in over Ennistymon greenway\n\n"
     "About 60 landowners packed the community hall in Lahinch on Tuesday night for a "
     "meeting called by the local branch of the farmers' association.\n\n"
     "Independent TD Seán Ó Cathasaigh, who attended the meeting, said the Department of "
     "Transport had set aside €6 million for the project and it would be \"a crying shame\" "
     "to lose it.\n\n"
     "The Independent TD said he would ask the Minister to extend the deadline by a year.",
     "Independent", ("extend the deadline",)),
]


@pytest.mark.parametrize(("text", "word", "keys"), NOT_SPEAKERS)
def test_a_word_in_a_title_is_no_speaker(nlp, text: str, word: str,
                                         keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is not None, claims_seen(ex)
    assert not is_named(ex, claim.speaker, word), claims_seen(ex)


PROSECUTORS = [
    # US wire: a district attorney is "the prosecutor"
    ("BALTIMORE (AP) — A Baltimore man was charged Tuesday with setting fire to a rowhouse "
     "that killed two children, authorities said.\n\n"
     "District Attorney Renata Coles said the man had been arrested at a bus station. The "
     "prosecutor said he would be held without bail.",
     "Renata Coles", ("held without bail",)),
    ("Suffolk County District Attorney Mark Halloran said his office would review the "
     "case.\n\n"
     "The prosecutor said no charges had been filed.",
     "Mark Halloran", ("no charges had been filed",)),
    ("U.S. Attorney Dana Whitfield announced the charges on Monday.\n\n"
     "The prosecutor said the scheme had defrauded 300 investors.",
     "Dana Whitfield", ("defrauded 300 investors",)),
    # ... but a defendant's attorney is not
    ("Her attorney, Sam Brody, said she would plead not guilty.\n\n"
     "The prosecutor said a trial date would be set in June.",
     None, ("trial date would be set",)),
    # ... nor a city's attorney, its civil counsel
    ("Ola Brandt, the city attorney, defended the parking ordinance in court on Friday.\n\n"
     "The prosecutor said the fines would stand.",
     None, ("fines would stand",)),
    ("State Attorney Lorna Vick filed the charges in Tampa.\n\n"
     "The prosecutor said the case would go to a grand jury.",
     "Lorna Vick", ("go to a grand jury",)),
]

# "it" or "they" right after a sentence whose subject is a body: that body, not the one
# that spoke last.
SUBJECT_BEFORE = [
    # UK local: a named firm, after another body spoke
    ("The Harcombe Residents' Association said the car park would ruin the green.\n\n"
     "Norcott Haulage has bought the depot next door. It said the lorries would use a new "
     "gate.", "Norcott Haulage", ("use a new gate",)),
    # UK local: a body referred to by its kind, then "they"
    ("The Wenbury Allotment Society and Wenbury Parish Council have argued over the field "
     "for a year.\n\nWenbury Parish Council said it would hold a public meeting in July.\n\n"
     "The society has gathered more than 900 signatures on a petition. They said the number "
     "was remarkable for a village of 2,000 people.",
     "Wenbury Allotment Society", ("remarkable for a village",)),
    # Canadian daily: two bodies as the subject, then "it": neither is sure, the one that
    # spoke stays
    ("Halvard Mining said it would appeal.\n\nThe Tsilkat Nation and the province have "
     "signed a deal. It said the appeal would be heard in May.",
     "Halvard Mining", ("heard in May",)),
]

# A works speaks through the firm whose name says it runs one.
WORKS = [
    # US wire: "the foundry" for a castings firm
    ("A worker died after an explosion at Garnock Castings in Millbrook on Monday.\n\n"
     "Fire Chief Dora Pell said the blast began in the pouring shop.\n\n"
     "The foundry said it would pay for the funeral.",
     "Garnock Castings", ("pay for the funeral",)),
    # Scottish paper: "the mill" for the paper maker, not the castings firm named first
    ("Garnock Castings and Strathlyon Paper are the town's biggest employers.\n\n"
     "The mill at Drumbeg will close in March. The mill said 140 jobs would go.",
     "Strathlyon Paper", ("140 jobs would go",)),
]

# "Police said" before the force is named, later in the same paragraph.
NAMED_AFTER = [
    ("Residents of Castletown said the noise had kept them awake.\n\n"
     "Police said a 42-year-old man had been arrested. Tarnshire Police said he had been "
     "released on bail.", "Tarnshire Police", ("42-year-old man had been arrested",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), CAPITALISED + TIERS + HYPHENED
                         + PROSECUTORS + SUBJECT_BEFORE + WORKS + NAMED_AFTER)
def test_referred_back_by_kind(nlp, text: str, speaker: str | None,
                               keys: tuple[str, ...]) -> None:
    assert_spoken_by(run(nlp, text), keys, speaker)
