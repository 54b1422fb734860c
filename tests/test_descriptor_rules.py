"""Descriptor speakers resolved to the person the story has in view (issue 10).

Texts written for these tests, with invented people, places and bodies. Each table is
`(text, speaker, key phrases one claim holds)`.
"""

from __future__ import annotations

import pytest

from storygraph.extract.gazetteer import first_name_gender, given_name_gender
from storygraph.extract.reference import _post_word
from tests.test_extract_rules import (
    assert_spoken_by,
    claim_with,
    claims_seen,
    is_named,
    name_of,
    run,
)

IN_VIEW = [
    # the one the sentence is about spoke, not the partner named in an aside
    ("Dairy farmer Owen Traskell, who runs the herd with his sister, Maud, said the price cut "
     "would cost them £40,000.\n\n"
     "\"That's the feed bill gone,\" the 52-year-old said.",
     "Owen Traskell", ("feed bill gone",)),
    # the speaker, not the child named inside what she said
    ("The girl's father, Idris Pelleth, said his daughter, Nia, had been walking home from "
     "a netball match.\n\n"
     "\"She did nothing wrong. She was on the pavement,\" the 47-year-old said.",
     "Idris Pelleth", ("on the pavement",)),
    # a name in apposition to the subject ("His deputy, X, joined") is the one in view
    ("The lighthouse at Skelder Point has been automated.\n\n"
     "His deputy, Ewan Lisle, joined the service in 2015. \"It is the end of a trade,\" "
     "the 31-year-old said.",
     "Ewan Lisle", ("end of a trade",)),
]

AGES = [
    # "the grandmother-of-five" is not the one introduced as her daughter, who spoke last
    ("Nora Keane has run the corner shop in Ballyduff since 1979.\n\n"
     "Her daughter, Aoife Keane, keeps the accounts now. \"She will never retire,\" the "
     "41-year-old says.\n\n"
     "The grandmother-of-five says she will keep the shop open until she is 90.",
     "Nora Keane", ("keep the shop open",)),
    ("Fergus Doyle, 80, still cuts turf on the bog above Glenmore every May.\n\n"
     "His grandson, Cian Walsh, drives him up the hill. \"He does more than I do,\" Walsh "
     "said.\n\n"
     "The grandfather said he would be back next year.",
     "Fergus Doyle", ("back next year",)),
    # ... and, with no one in view, the oldest the story gave a grandparent's age
    ("Maeve Cullen is 74. She has walked the cliff path at Dunmore every morning since "
     "1990.\n\n"
     "Her daughter, Roisin Byrne, 45, worries about the winter. \"I tell her to stay in when "
     "it's icy,\" the 45-year-old says.\n\n"
     "The path is maintained by volunteers.\n\n"
     "The grandmother-of-six says she has never once slipped.",
     "Maeve Cullen", ("never once slipped",)),
    # "X is 79": the age belongs to her, though her grandson was named since
    ("Marjorie Tellwright is 79. She has sold flowers on the quay at Brisham since 1968.\n\n"
     "Her grandson, Anton Grevatt, joined her at the stall last year.\n\n"
     "\"I will stop when my legs do,\" the 79-year-old said.",
     "Marjorie Tellwright", ("when my legs do",)),
    # "X, aged 67,"
    ("Cyril Dorn, aged 67, has kept the Skelder Point light for 30 years. His deputy, Ewan "
     "Lisle, joined in 2015.\n\n"
     "\"The lamp has never once gone out,\" the 67-year-old said.",
     "Cyril Dorn", ("never once gone out",)),
    # "the teenager": the one given an age from 13 to 19
    ("Coach Derek Mallin named Rhys Pruett, who turned 17 in March, in the first team.\n\n"
     "Mallin said the squad was the strongest he had picked.\n\n"
     "The teenager said he had not expected the call.",
     "Rhys Pruett", ("not expected the call",)),
    # ... the latest of two so aged, not the older
    ("Ben Tullock, who turned 18 in May, scored twice for Drumlow.\n\n"
     "Amy Rook, 14, watched from the stand with her father. \"I screamed the place down,\" "
     "the teenager said.",
     "Amy Rook", ("screamed the place down",)),
    # "the Polkinghornes": the family of the one person so surnamed (a plural the model need
    # not take for a name), the one in view
    ("Moira Polkinghorne has kept bees above Trelask for four decades.\n\n"
     "Bee inspector Gethin Rowe said the mite had been found in two of her hives. Beekeeper "
     "Sam Okafor said it was spreading from the valley.\n\n"
     "The Polkinghornes have decided to start again. The 70-year-old says she has ordered three "
     "new queens.",
     "Moira Polkinghorne", ("three new queens",)),
    # "X, who is 58,"
    ("Lorna Haskins, who is 58, drives the school bus in Penmorvah. Her son Dylan Haskins "
     "fixes it.\n\n"
     "\"The road is the problem, not the bus,\" the 58-year-old said.",
     "Lorna Haskins", ("road is the problem",)),
]


WHAT_THEY_ARE = [
    # "founded by X" makes X the founder, not the daughter who runs the firm now
    ("Pellbrook Joinery was founded in 1979 by Arthur Quenby, who is stepping down. His "
     "granddaughter, Imogen Quenby-Hart, has been managing director since 2021.\n\n"
     "The founder said he had never wanted to sell.",
     "Arthur Quenby", ("never wanted to sell",)),
    # a place set before the name ("Bristol-based X"), and a noun the name stands beside
    # ("another surveyor, X"), tell two people with one title apart
    ("Surveyor Helen Brennock of Caldmoor Estates said house prices in the valley had "
     "stalled.\n\n"
     "Another surveyor, Bristol-based Oliver Tarrow, said the slowdown was already over.\n\n"
     "Brennock said buyers were still cautious.\n\n"
     "\"Prices will be higher by the spring,\" the Bristol surveyor said.",
     "Oliver Tarrow", ("higher by the spring",)),
    # "His agent, X," makes X "the agent", though an agent may be anyone's
    ("Actor Ralph Denning, 58, has died after a short illness.\n\n"
     "His agent, Claire Fordham, said the family had asked for privacy.\n\n"
     "The agent said a memorial would be held in May.",
     "Claire Fordham", ("memorial would be held",)),
    # everyday words for a person: "the star", "the medic"
    ("Singer Mara Lindqvist cancelled her Dublin show on Friday.\n\n"
     "The star said she had lost her voice.",
     "Mara Lindqvist", ("lost her voice",)),
    ("Priya Dasgupta, a junior doctor at Kelby General Hospital, said staff were exhausted."
     "\n\nThe medic said shifts often ran to 14 hours.",
     "Priya Dasgupta", ("shifts often ran",)),
    # "the former chief executive" is not the one who holds the post now, but the one the
    # story has in view
    ("Managing director Ruth Okorafor, who replaced Graham Fenn in 2023, said sales had "
     "recovered.\n\n"
     "Fenn, who now runs a consultancy, was not convinced. The former managing director said "
     "the recovery was \"a sugar rush\".",
     "Graham Fenn", ("sugar rush",)),
    # "said she had": the sentence gives the description its gender
    ("Dana Kettering, who won the race in 2009, presented the trophy to Marcus Vell.\n\n"
     "Vell said the going had been soft. The former champion said she had never seen a "
     "finish like it.",
     "Dana Kettering", ("never seen a finish like it",)),
]


BODIES = [
    # "the organisation", "the body": a body of any kind, here a charity
    ("Aid charity Bluewater Trust today launched an appeal after floods in the Orrin "
     "valley.\n\n"
     "\"Families have lost everything,\" said Dr Mina Castell, chief executive of Bluewater "
     "Trust.\n\n"
     "The organisation said it was working with local volunteers.",
     "Bluewater Trust", ("working with local volunteers",)),
    # the one company named just before, though a dateline's agency was named further back
    ("HARTWELL, Ohio (Reuters) — Two workers were hurt in a fire on Monday, officials "
     "said.\n\n"
     "The fire started in the paint shop at Pellow Metalworks, which makes trailer frames, "
     "Fire Chief Dana Whitlow said.\n\n"
     "The company said it was cooperating with investigators.",
     "Pellow Metalworks", ("cooperating with investigators",)),
    # "fire officials" in a lede speak for the fire department named just after
    ("Fire officials believe a heater left on overnight started the blaze that destroyed 200 "
     "bales of hay outside Kelso Ridge on Sunday.\n\n"
     "Two engines from the Kelso Ridge Fire Company reached the farm at 4 a.m.",
     "Kelso Ridge Fire Company", ("heater left on overnight",)),
    # and later in the story
    ("The Oakhurst Fire Brigade sent four crews to the old mill on Tuesday night.\n\n"
     "The roof fell in before midnight.\n\n"
     "The cause is not yet known, fire officials said on Wednesday.",
     "Oakhurst Fire Brigade", ("cause is not yet known",)),
    # "the scientists" the story set at a body speak for it, and so does "they" after them
    ("Scientists at the Tarrow Marine Institute tracked 40 grey seals for three years.\n\n"
     "The seals dived deeper in warm years, the scientists wrote in the journal Ocean "
     "Letters.",
     "Tarrow Marine Institute", ("dived deeper in warm years",)),
    ("Scientists at the Tarrow Marine Institute tracked 40 grey seals for three years.\n\n"
     "The seals dived deeper in warm years, the scientists wrote in the journal Ocean "
     "Letters.\n\n"
     "\"Warmer water pushes the fish down, and the seals follow them,\" they wrote.",
     "Tarrow Marine Institute", ("warmer water pushes the fish down",)),
    # bare "Police" is the force the story named
    ("Officers from Glenmoor Police were called to the Fenlow Road shop at 9pm on "
     "Saturday.\n\n"
     "Police said a 30-year-old man had been arrested on suspicion of burglary.",
     "Glenmoor Police", ("had been arrested",)),
]


# "the operator": the owner in view who runs the business, else the business
OWNERS = [
    ("Mark Haskett, who runs Redway Buses, a family coach firm near Builth, says routes fail "
     "because they are planned badly.\n\n"
     "\"Half our buses run empty because they follow the roads, not the people,\" the "
     "operator told me.",
     "Mark Haskett", ("half our buses run empty",)),
    ("Redway Buses has cut six routes this year. Its managing director, Ffion Haskett, said "
     "fuel costs had doubled.\n\n"
     "The operator said it would review the timetable in June.",
     "Redway Buses", ("review the timetable",)),
]


def test_the_body_one_runs_is_the_object_not_a_place_beside_it(nlp) -> None:
    """"X, who runs Y Buses, a family firm near Z,": X heads Y Buses, not Z."""
    ex = run(nlp, "Mark Haskett, who runs Redway Buses, a family coach firm near Builth, "
             "says routes fail because they are planned badly.")
    heads = [(name_of(ex, r.person), name_of(ex, r.org)) for r in ex.roles if r.title == "head"]
    assert heads == [("Mark Haskett", "Redway Buses")], heads


def test_a_country_s_government_is_a_body_not_the_place(nlp) -> None:
    """"The UK government has said": the government speaks, not the country, and "the
    government" after it is the same body."""
    ex = run(nlp, "The charity Harbourlight has raised £400,000 for families hit by the floods "
             "in Sindh. The UK government has said it will match donations up to £2 million."
             "\n\nThe government said the money would reach families within weeks.")
    for keys in ("match donations", "reach families within weeks"):
        claim = claim_with(ex, keys)
        assert claim is not None, claims_seen(ex)
        assert is_named(ex, claim.speaker, "UK government"), claims_seen(ex)
        assert ex.entity(claim.speaker).type == "ORG"


def test_the_airline_is_not_the_union(nlp) -> None:
    """A body the story called a union is no company: "the airline" it never named is
    nobody, not the union that spoke."""
    ex = run(nlp, "Pilots walked out across the Midwest on Thursday. Their union, the "
             "Flightdeck Guild, said talks had broken down over rest periods.\n\n"
             "The airline said it had offered raises of 15% over three years.")
    claim = claim_with(ex, "offered raises of 15%")
    assert claim is not None, claims_seen(ex)
    assert not is_named(ex, claim.speaker, "Flightdeck Guild"), claims_seen(ex)


OFFICES = [
    # "the spokeswoman" after the story named its head of communications: her, not the body
    ("Ferrybridge Air cancelled 40 flights on Monday after an engine inspection.\n\n"
     "Its head of communications, Ms Delyth Carrow, said passengers would be rebooked within "
     "two days.\n\n"
     "Travellers at Harrowby airport queued for hours. Some slept on the floor.\n\n"
     "The spokeswoman said the fleet was \"safe\" and that the checks were routine.",
     "Delyth Carrow", ("checks were routine",)),
    # ... and with no spokesperson named, the body that spoke
    ("Ferrybridge Air cancelled 40 flights on Monday after an engine inspection.\n\n"
     "Chief executive Aled Moss said passengers would be rebooked within two days.\n\n"
     "A spokeswoman for Ferrybridge Air said the fleet was safe. The spokeswoman said the "
     "checks were routine.",
     "Ferrybridge Air", ("checks were routine",)),
    # "the officer" for a police rank
    ("Detective Sergeant Alun Prydwen, of the force's major crime team, said the van had been "
     "found burnt out near Trevanion.\n\n"
     "The officer said the force wanted to hear from anyone with dashcam footage.",
     "Alun Prydwen", ("dashcam footage",)),
    # a Scottish "advocate depute" is the prosecutor
    ("Alasdair Lenzie, the advocate depute, said the accused had been drinking all "
     "afternoon.\n\n"
     "The prosecutor added that he had been warned twice by the landlord.",
     "Alasdair Lenzie", ("warned twice by the landlord",)),
    # "the cabinet secretary" is any minister, here the one named
    ("Eilidh Bannatyne, the Scottish Government's rural affairs secretary, flew to Stornoway "
     "on Monday to meet council leaders.\n\n"
     "Forty homes were still without water, the cabinet secretary told reporters afterwards.",
     "Eilidh Bannatyne", ("still without water",)),
    # a party before the title is not who spoke: the person with that title is
    ("The drains in the Kothrud ward overflowed twice this week, according to Labour "
     "corporator Anil Sathaye.\n\n"
     "\"I raised this in April and again in June,\" the Labour corporator said.",
     "Anil Sathaye", ("raised this in april",)),
]

# members of a parliament: a post-nominal after the name, or "member" of a legislature
MEMBERS_OF_PARLIAMENT = [
    ("Conservative rural affairs spokesman Iona Fettes MSP said the fund had been "
     "wasteful.\n\n"
     "The Tory MSP said ministers had ignored her letters since March.",
     "Iona Fettes", ("ignored her letters",)),
    ("Rhian Maddox MS, who represents Cwm Tawe, said the bus cuts would strand older "
     "people.\n\n"
     "The MS said she had written to the transport minister.",
     "Rhian Maddox", ("written to the transport minister",)),
    ("The Labour Senedd member for Gower Vale, Emlyn Gwalchmai, says the network failed again "
     "this winter.\n\n"
     "The MS says 300 homes lost power for three days.",
     "Emlyn Gwalchmai", ("300 homes lost power",)),
    # a party in the possessive before the name: "Labour's X" is "the Labour councillor"
    ("The sharpest exchange came when Labour's Ffion Dacre-Lowe questioned the cost of the new "
     "depot.\n\n"
     "Cllr Dacre-Lowe said the depot was \"a vanity project\".\n\n"
     "Cllr Mererid Brierley, who chairs the committee, said the vote would go ahead.\n\n"
     "After the vote, the Labour councillor told the Gazette she was \"angry but not "
     "surprised\".", "Ffion Dacre-Lowe", ("angry but not surprised",)),
    ("The local member of parliament, Tobias Renfrew, said the closure was a betrayal.\n\n"
     "The MP said he would raise it in the Commons on Tuesday.",
     "Tobias Renfrew", ("raise it in the commons",)),
    # a name in the possessive opens the title: "Harrowgate's MP, X"
    ("Among those at the vigil was Harrowgate's MP, Deborah Quince-Adler, who grew up in the "
     "village.\n\n"
     "\"She taught half this town to read,\" the MP said.",
     "Deborah Quince-Adler", ("half this town to read",)),
    # a seat no one was said to hold: the politician in view holds it
    ("Labour transport spokeswoman Bronagh Feeney said the service had \"collapsed\".\n\n"
     "\"The Minister keeps promising buses. People keep waiting,\" the Mayo TD said.",
     "Bronagh Feeney", ("people keep waiting",)),
    ("Votes were counted overnight. Green Party candidate Idris Hallam-Rowe said the count "
     "had been close.\n\n"
     "In his acceptance speech, the new MP said the town had \"voted for change\".",
     "Idris Hallam-Rowe", ("voted for change",)),
]


def test_a_seat_no_one_holds_is_not_a_council_leader(nlp) -> None:
    """"the local MP" after a council leader spoke is someone the story did not name."""
    ex = run(nlp, "Council leader Petra Gault (Labour) said the budget was balanced.\n\n"
                  "\"We will fight this all the way,\" the local MP said.")
    claim = claim_with(ex, "fight this all the way")
    assert claim is not None and not is_named(ex, claim.speaker, "Petra Gault"), \
        claims_seen(ex)

# a rank or title that names an office only in its trade
TRADES = [
    # a schools inspector is no police officer ("Schools" capitalised to open the sentence)
    ("Schools inspector Morwenna Treloar visited Polwithen Primary on Tuesday.\n\n"
     "\"The teaching here is excellent,\" the officer said.",
     None, ("teaching here is excellent",)),
    ("Morwenna Treloar, a schools inspector, visited Polwithen Primary on Tuesday.\n\n"
     "\"The teaching here is excellent,\" the officer said.",
     None, ("teaching here is excellent",)),
    # a police inspector is
    ("Alun Garrow, a detective inspector with Dyfed Police, led the search of the farm.\n\n"
     "\"We found nothing of interest,\" the officer said.",
     "Alun Garrow", ("nothing of interest",)),
    # in Scotland a "depute" is any deputy: a depute head or provost prosecutes no one
    ("Fiona Baird, the depute headteacher at Kilbride Academy, gave evidence on Monday.\n\n"
     "\"The fire alarm was set off on purpose,\" the prosecutor said.",
     None, ("set off on purpose",)),
    ("The court heard from depute provost Fiona Baird, who saw the fire start.\n\n"
     "\"She ran for help at once,\" the prosecutor told the jury.",
     None, ("ran for help at once",)),
    # an advocate depute does
    ("The jury heard from advocate depute Iain Moffat that the lorry had been seen near "
     "Lanark at midnight.\n\n"
     "\"The accused had every reason to lie,\" the prosecutor said.",
     "Iain Moffat", ("every reason to lie",)),
]

# a word that ends like an occupation but names a business or a thing is no one in view
THINGS = [
    ("Film-maker Ada Quist said her first feature would open in 40 cinemas in March.\n\n"
     "The distributor said the release had been moved to April.",
     None, ("moved to april",)),
    # an occupation still is
    ("Tomas Brevik, a supervisor at the depot, said the new lorries were quieter. The "
     "supervisor said drivers liked them.",
     "Tomas Brevik", ("drivers liked them",)),
]


@pytest.mark.parametrize(("word", "post"), [
    ("plasterer", True), ("corporator", True), ("meteorologist", True), ("immigrant", True),
    ("benefactor", True), ("grandmother", True), ("shareholder", True),
    ("distributor", False), ("elevator", False), ("restaurant", False), ("summer", False),
    ("former", False), ("groundwater", False), ("takeover", False), ("newspaper", False),
])
def test_a_word_for_an_occupation_names_people(word: str, post: bool) -> None:
    assert _post_word(word) is post


COURTS_AND_COUNCILS = [
    # the one who pleaded, or was charged, is "the defendant", "the accused": not counsel
    ("Dorian Keck, 44, of Mill Lane, Ashwell, pleaded guilty at Carrow Crown Court to "
     "fraud.\n\n"
     "Prosecuting, Nell Ambrose said the money had been spent on holidays.\n\n"
     "Interviewed by police, the defendant claimed the money had been a loan.",
     "Dorian Keck", ("had been a loan",)),
    ("Ruben Stallard, 31, was charged with dangerous driving after the crash on the Ashwell "
     "road.\n\n"
     "His lawyer, Mina Corr, said he would deny the charge.\n\n"
     "The accused told police he had swerved to avoid a deer.",
     "Ruben Stallard", ("swerved to avoid a deer",)),
    # "the defence advocate" is the accused's counsel
    ("Gemma Rushworth, solicitor for Okon, told the sheriff that her client was deeply "
     "ashamed.\n\n"
     "Okon had handed in his licence the week after the crash, the defence advocate added.",
     "Gemma Rushworth", ("handed in his licence",)),
    # "Sentencing X, Lord Y said" makes him the judge
    ("Sentencing Tennant to five years, Lord Corrie said the jail term had to deter "
     "others.\n\n"
     "\"You chose to race on a public road,\" the judge said.",
     "Corrie", ("race on a public road",)),
    # a party before a title tells two councillors apart, also after the quotation
    ("Two aldermen spoke at the meeting. Residents' bins in the Kasba ward had gone "
     "unemptied for a month, said Congress corporator Rohan Mehta.\n\n"
     "Sunil Gokhale, the BJP corporator who chairs the standing committee, blamed the "
     "contractor.\n\n"
     "\"Residents should not pay twice,\" said the Congress corporator.",
     "Rohan Mehta", ("should not pay twice",)),
]

PRONOUNS = [
    # "she" after a description resolved as the speaker: the one described, not the woman
    # named last
    ("The trust's chairwoman, Eilidh Morrison, said the island had waited a century.\n\n"
     "The land minister, Fiona Cathcart, said the award was a mainstream choice.\n\n"
     "The chairwoman said every resident would get a vote.\n\n"
     "\"That is the whole point of owning it ourselves,\" she said.",
     "Eilidh Morrison", ("whole point of owning it",)),
]

# given names read as they are used in Wales, Ireland and Scotland, with or without accents
GIVEN_NAMES = [
    ("Gwyn Teifi has farmed sheep above Cwmcou for 30 years.\n\n"
     "Across the valley, Sioned Rees sold her flock in May. \"The price of feed finished "
     "us,\" Ms Rees said.\n\n"
     "Teifi says he will keep going. \"I will be the last one farming up here,\" he said.",
     "Gwyn Teifi", ("last one farming up here",)),
    # a given name a place shares is still a given name before a surname: Mary is no "he"
    ("Kit Fenwick has run the post office in Crail for 20 years. Since 2019 Mary Aldous has "
     "done the accounts.\n\n"
     "\"I am not ready to stop,\" he said.",
     "Kit Fenwick", ("not ready to stop",)),
    ("Calum Strachan and Morven Duthie both ran the ferry office at Tarbert for a decade.\n\n"
     "\"We never closed a single day,\" she said. Strachan left last year.",
     "Morven Duthie", ("never closed a single day",)),
]


@pytest.mark.parametrize(("name", "gender"), [
    ("Gwyn", "m"), ("Glyn", "m"), ("Dai", "m"), ("Calum", "m"), ("Emrys", "m"),
    ("Ciarán", "m"), ("Ciaran", "m"), ("Padraig", "m"), ("Pádraig", "m"), ("Siôn", "m"),
    ("Sinead", "f"), ("Siân", "f"), ("Morven", "f"), ("John", "m"), ("Zoë", "f"),
])
def test_given_names_say_a_gender(name: str, gender: str) -> None:
    assert first_name_gender(name) == gender


@pytest.mark.parametrize("name", ["Jamie", "Alex", "Sam", "Jordan", "Robin", "Charlie",
                                  "Taylor", "Morgan"])
def test_a_name_given_to_either_says_no_gender(name: str) -> None:
    """A given name, but of either gender: "" (known, no gender), neither "m" nor "f"."""
    assert given_name_gender(name) == ""


# A unisex given name neither picks nor rejects its bearer for "he" or "she".
EITHER_GENDER = [
    # UK local paper
    ('Jamie Ferrant has run the Tolland bakery for 20 years. "The rent has doubled since '
     'the spring," he said.', "Jamie Ferrant", ("rent has doubled",)),
    # Canadian daily
    ('Alex Moran has run the Kestrel Bay diner since 2009. "We lose money every winter," '
     "she said.", "Alex Moran", ("lose money every winter",)),
    # Australian: a relative clause between
    ("Robin Castellane, who chairs the Arden residents' group, was at the meeting. "
     '"Nobody listened to a word we said," she said.', "Robin Castellane",
     ("nobody listened",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), EITHER_GENDER)
def test_a_unisex_name_fits_either_pronoun(nlp, text: str, speaker: str,
                                           keys: tuple[str, ...]) -> None:
    assert_spoken_by(run(nlp, text), keys, speaker)


# A person whose name says the pronoun fits beats a later one whose name says nothing.
KNOWN_BEFORE_EITHER = [
    ('Councillor Mary Trask met Sam Okafor at the Tolland depot. "We will not let this '
     'drop," she said.', "Mary Trask", ("not let this drop",)),
    ('Mary Trask, the councillor, met Alex Okafor at the Kestrel depot on Monday. "The '
     'rent has doubled," she said.', "Mary Trask", ("rent has doubled",)),
    ('Peter Hallam spoke to Robin Castellane outside the Arden courthouse. "I have '
     'nothing to hide," he said.', "Peter Hallam", ("nothing to hide",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), KNOWN_BEFORE_EITHER)
def test_a_name_that_fits_beats_a_name_of_either(nlp, text: str, speaker: str,
                                                 keys: tuple[str, ...]) -> None:
    assert_spoken_by(run(nlp, text), keys, speaker)


def test_a_given_name_a_place_shares() -> None:
    """"Mary" alone may be the town; before a surname it is a woman's name."""
    assert first_name_gender("Mary") is None
    assert given_name_gender("Mary") == "f"


TITLES_BEFORE_NAMES = [
    # a participle after a comma goes with the sentence's subject, not with the relative
    # clause the parser hung it on
    ("Chief executive Ama Mensah has reopened six of the 12 depots Harrow closed in his final "
     "year, arguing that drivers who lost their local depot had quit the firm.",
     "Ama Mensah", ("had quit the firm",)),
    # a name the parser joined to the places before it, its cue left without a subject
    ("On the quayside at Tobermory, on the Isle of Mull, Marion Blythe, 71, said the ferry "
     "had been late every day that week.",
     "Marion Blythe", ("late every day that week",)),
    # the parser takes the title for a verb and the name for its object: still the person
    ("Opposition corporator Rekha Deshmukh told the meeting the drains had not been cleared "
     "since May.",
     "Rekha Deshmukh", ("drains had not been cleared",)),
    # a name in apposition to a description in apposition to the speaker
    ("The study's lead author, the sociologist Dr Marian Odunsi, said loneliness had doubled "
     "among men over 70 in a decade.",
     "Marian Odunsi", ("loneliness had doubled",)),
    # a name the model found only later, by surname: the one person with that surname
    ("Chief nurse Yewande Adebayo-Clarke told the Courier the closures were temporary.\n\n"
     "Ms Adebayo-Clarke said agency staff had been used.",
     "Adebayo-Clarke", ("closures were temporary",)),
]


def test_a_titled_name_is_not_someone_else_with_that_surname(nlp) -> None:
    """"Chief nurse Ada Pellew" is not "Tom Pellew": the given name says who."""
    from storygraph.extract.entities import EntityIndex, IndexedMention
    from storygraph.extract.reference import _titled_surname
    from storygraph.model import Entity

    doc = nlp("Chief nurse Ada Pellew said the ward would close.")
    tom = Entity("t", "Tom Pellew", "PERSON")
    index = EntityIndex([tom], {"t": "PERSON"}, {}, {}, [IndexedMention(100, 110, "t", "name")])
    head = doc[3]
    assert _titled_surname(doc, 0, head, index) is None
    ada = Entity("a", "Pellew", "PERSON")
    index = EntityIndex([ada], {"a": "PERSON"}, {}, {}, [IndexedMention(100, 106, "a", "name")])
    assert _titled_surname(doc, 0, head, index) == "a"


# "the Scot", "the Kenyan", "the Frenchwoman": the person in view, never an entity so named
NATIONALITIES = [
    ("Callum Strachan won the 10,000m in Lisbon on Saturday.\n\n"
     "\"The last lap was agony,\" the Scot said.",
     "Callum Strachan", ("last lap was agony",)),
    ("Wanjiru Otieno finished four seconds clear of the field.\n\n"
     "The Kenyan said she had trained at altitude all winter.",
     "Wanjiru Otieno", ("trained at altitude",)),
    # the -woman form says the gender: not the man named since
    ("Roisin Tierney reached the quarter-finals in Madrid. Her coach, Pavel Hruby, watched "
     "from the stand.\n\n"
     "\"I was nervous all week,\" the Irishwoman admitted.",
     "Roisin Tierney", ("nervous all week",)),
    # a word for what the person is like before it
    ("Viliami Tupou has coached the Harrowby first XV since 2019.\n\n"
     "The big Tongan, who first played for the club in 2008, said the win was the best of "
     "his career.",
     "Viliami Tupou", ("best of his career",)),
    # two capitalised words of a nationality
    ("Sipho Dlamini took the stage in 4hr 12min.\n\n"
     "The South African said the wind had dropped on the final climb.",
     "Sipho Dlamini", ("wind had dropped",)),
]
# what a person is, by another word than the one that introduced them
WHAT_ELSE_THEY_ARE = [
    ("Businesswoman Delia Frome bought the shuttered cinema in Hatchley last spring.\n\n"
     "The entrepreneur said it would show films again by June.",
     "Delia Frome", ("show films again",)),
    ("Two-time world champion Oskar Lind crashed out in the first round.\n\n"
     "The champion said his tyres had not warmed up.",
     "Oskar Lind", ("tyres had not warmed up",)),
]
# the speaker after an inverted cue, not a subject the parser took from inside the quote
INVERTED = [
    ("Ward 12 corporator Rafiq Omerbhai said the road had been moved overnight.\n\n"
     "“Who gains from this new road? Not the people of Kallanpur,” said the corporator.",
     "Rafiq Omerbhai", ("who gains from this new road",)),
    # a spokeswoman for a body, not for the hospital in the clause hung on it
    ("Waits at Drumcree Hospital reached a record on Monday.\n\n"
     "A spokeswoman for the Lissan Health Group, which runs Drumcree, said it had opened 14 "
     "beds.",
     "Lissan Health Group", ("opened 14 beds",)),
    # a body whose name says what it does ("X Analytics" is a consultancy)
    ("Figures from Brightwell Analytics show the port lost 30 calls in May.\n\n"
     "The consultancy said two shipping lines had moved to Rotterdam.",
     "Brightwell Analytics", ("moved to rotterdam",)),
]
# A verb of manner in the tag right after a quotation says who spoke
TAGS = [
    ("Fishmonger Delia Rook has sold fish in Brixham for 40 years.\n\n"
     "\"The boats are half empty now,\" she sighed.",
     "Delia Rook", ("boats are half empty",)),
    ("Fishmonger Delia Rook has sold fish in Brixham for 40 years.\n\n"
     "\"We did it!\" beamed Ms Rook.",
     "Delia Rook", ("we did it",)),
    # counsel for the defence before sentence: "Mitigating, X said" is "the barrister"
    ("Gordon Pyle, 61, admitted theft at Ludlow Crown Court.\n\n"
     "Mitigating, Sadia Rehman said her client had repaid £2,000.\n\n"
     "The barrister said he had sold his car.",
     "Sadia Rehman", ("sold his car",)),
]
# a tag set off by commas inside the sentence it reports, and a clause hung on a gerund
INTERPOSED = [
    ("Councillor Anita Brull said the plan was rushed. Mr. Dorsey, she said, had voted for "
     "the scheme last year.",
     "Anita Brull", ("had voted for the scheme",)),
    ("Prosecuting, Helen Marsh said the money went on holidays.\n\n"
     "He hid the transfers, she said, and forged the invoices.",
     "Helen Marsh", ("forged the invoices",)),
    # the quoted words that end the sentence are in the claim
    ("Tomás Kearney is a retired garda sergeant. His cardiologist, he says, was \"not "
     "thrilled\".",
     "Tomás Kearney", ("his cardiologist", "not thrilled")),
    ("Site manager Colin Trask gave evidence on Tuesday.\n\n"
     "He conceded under questioning that no survey had been done.",
     "Colin Trask", ("no survey had been done",)),
]
# ... but "The Australian" in mid-sentence is the newspaper, and "the Australians" a team
NOT_NATIONALITIES = [
    ("Bronwyn Hale led the field after two rounds.\n\n"
     "A report in The Australian said the tour would move to Perth next year.",
     "Bronwyn Hale", ("tour would move to perth",)),
    ("Bronwyn Hale led the field after two rounds.\n\n"
     "The Australians said the course had been too short.",
     "Bronwyn Hale", ("course had been too short",)),
]

# What a body says in writing, and its unnamed spokesman, speak for it
WRITINGS = [
    # a body named in the plural is still "the dairy", "the farm"
    ("Marlowe Dairies has recalled 12,000 cartons of milk.\n\n"
     "The dairy said the cartons might be sour.",
     "Marlowe Dairies", ("might be sour",)),
    ("Marlowe Dairies has recalled 12,000 cartons of milk.\n\n"
     "A statement from the dairy said the cartons might be sour.",
     "Marlowe Dairies", ("might be sour",)),
    ("Marlowe Dairies has recalled 12,000 cartons of milk.\n\n"
     "A statement from Marlowe Dairies said the cartons might be sour.",
     "Marlowe Dairies", ("might be sour",)),
    ("Ashvale District Council closed the footbridge on Monday.\n\n"
     "A letter from the council to residents said repairs would take six weeks.",
     "Ashvale District Council", ("take six weeks",)),
    ("Ashvale District Council closed the footbridge on Monday.\n\n"
     "A council report said the footbridge had rusted through.",
     "Ashvale District Council", ("rusted through",)),
    # a bare "a spokesman" after the body the sentence before was about
    ("Tarnwick Buses withdrew the number 9 service on Sunday. A spokesman said too few "
     "people used it.",
     "Tarnwick Buses", ("too few people used it",)),
    ("Tarnwick Buses withdrew the number 9 service on Sunday.\n\n"
     "\"Too few people used it,\" a spokeswoman said.",
     "Tarnwick Buses", ("too few people used it",)),
]


def test_an_office_beside_a_name_is_not_another_office(nlp) -> None:
    """"The business secretary, X," is no "health secretary" for the description rules."""
    ex = run(nlp, "The business secretary, Corwen Ashwick, will visit Tenterfold on Friday.\n\n"
             "The health secretary said the ward would stay open.")
    claim = claim_with(ex, "ward would stay open")
    assert claim is not None and not is_named(ex, claim.speaker, "Corwen Ashwick"), \
        claims_seen(ex)


@pytest.mark.parametrize(("text", "speaker", "keys"),
                         [*IN_VIEW, *AGES, *WHAT_THEY_ARE, *BODIES, *OFFICES,
                          *MEMBERS_OF_PARLIAMENT,
                          *TRADES, *THINGS, *OWNERS, *COURTS_AND_COUNCILS, *PRONOUNS, *GIVEN_NAMES,
                          *TITLES_BEFORE_NAMES, *NATIONALITIES, *WHAT_ELSE_THEY_ARE,
                          *WRITINGS, *INVERTED, *TAGS,
                          *INTERPOSED])
def test_descriptor_speaker(nlp, text: str, speaker: str | None, keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    assert_spoken_by(ex, keys, speaker)


def test_an_attribution_set_after_a_clause_the_parser_hung_on_a_noun(nlp) -> None:
    """"X will close, the provost announced Monday, ...": the parser reads "the provost
    announced" as a noun with a participle; it is the provost's claim."""
    ex = run(nlp, "Harwick College will close its music school over the next two years, the "
             "provost announced Monday, a decision students called \"a disgrace\".\n\n"
             "Provost Elaine Marchbank said enrollment had halved since 2015.")
    claim = claim_with(ex, "close its music school")
    assert claim is not None, claims_seen(ex)
    assert is_named(ex, claim.speaker, "Elaine Marchbank"), claims_seen(ex)


def test_she_after_an_unnamed_speaker_is_no_one_named(nlp) -> None:
    """"One volunteer said ... 'Nobody paid us,' she said": the unnamed volunteer, not the
    council leader named before her."""
    ex = run(nlp, "Councillor Mabel Artois, the council's leader, opened the new library on "
             "Saturday.\n\n"
             "One volunteer, a retired nurse from Pentre, said the building had stood empty for "
             "a decade. \"We scrubbed every shelf ourselves. Nobody paid us,\" she said.")
    claim = claim_with(ex, "nobody paid us")
    assert claim is not None, claims_seen(ex)
    assert not is_named(ex, claim.speaker, "Mabel Artois"), claims_seen(ex)


def _title_parse(nlp, words: list[str], title_pos: str, name_head: int, name_type: str):
    """'<Title> corporator Ines Vard said the depot would close .' as the tagger sometimes
    reads it: the post word a verb or noun, subject of "said", with the name hung on it."""
    from spacy.tokens import Doc

    from storygraph.extract.entities import EntityIndex, IndexedMention
    from storygraph.model import Entity

    # Title post First Last said the depot would close .
    heads = [1, 4, 3, name_head, 4, 6, 8, 8, 4, 4]
    deps = ["amod", "nsubj", "compound", "dobj" if name_head == 1 else "npadvmod", "ROOT",
            "det", "nsubj", "aux", "ccomp", "punct"]
    pos = ["PROPN", title_pos, "PROPN", "PROPN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    start = doc[2].idx
    end = doc[3].idx + len(doc[3].text)
    index = EntityIndex([Entity("p", f"{words[2]} {words[3]}", name_type)], {"p": name_type},
                        {}, {}, [IndexedMention(start, end, "p", "name")])
    return doc, doc[1], index


@pytest.mark.parametrize(("title", "post", "title_pos", "name_head", "name_type", "found"), [
    # the post word taken for a verb, the name for its object: the name is the person
    ("Opposition", "corporator", "VERB", 1, "PERSON", True),
    # the post word a noun subject, the name hung on it
    ("Opposition", "corporator", "NOUN", 1, "PERSON", True),
    # a word that names no post ("the depot Ines Vard")
    ("Opposition", "distributor", "NOUN", 1, "PERSON", False),
    # the name not hung on the post word
    ("Opposition", "corporator", "NOUN", 4, "PERSON", False),
    # an organisation after the post word is not a person
    ("Opposition", "corporator", "VERB", 1, "ORG", False),
    # a capitalised word is a name, not a post ("Deputy Corporator Ines Vard" is read elsewhere)
    ("Opposition", "Corporator", "NOUN", 1, "PERSON", False),
])
def test_a_name_right_after_a_post_word_is_that_person(
        nlp, title: str, post: str, title_pos: str, name_head: int, name_type: str,
        found: bool) -> None:
    from storygraph.extract.reference import _named_after_title

    words = [title, post, "Ines", "Vard", "said", "the", "depot", "would", "close", "."]
    doc, head, index = _title_parse(nlp, words, title_pos, name_head, name_type)
    assert _named_after_title(doc, head, index) == ("p" if found else None)


@pytest.mark.parametrize(("text", "other", "keys"), NOT_NATIONALITIES)
def test_a_newspaper_or_a_team_is_not_the_person_in_view(
        nlp, text: str, other: str, keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is None or not is_named(ex, claim.speaker, other), claims_seen(ex)


def test_a_bare_spokesman_after_someone_else_spoke_is_not_the_body(nlp) -> None:
    """The body the sentence before was about, only if no one has spoken since."""
    ex = run(nlp, "Tarnwick Buses withdrew the number 9 service on Sunday. Passenger Ivy Marr "
                  "said she would have to walk.\n\n"
                  "A spokesman said too few people used it.")
    claim = claim_with(ex, "too few people used it")
    assert claim is not None and not is_named(ex, claim.speaker, "Tarnwick Buses"), \
        claims_seen(ex)


def test_a_verb_of_manner_away_from_a_quotation_is_no_cue(nlp) -> None:
    ex = run(nlp, "Fishmonger Delia Rook laughed at the idea of retiring to Spain.")
    assert ex.claims == (), claims_seen(ex)


def test_residents_of_a_place_are_not_the_place(nlp) -> None:
    ex = run(nlp, "Plans for a flyover at Kallanpur were approved on Monday.\n\n"
                  "Residents of Kallanpur said the road would flood their homes.")
    claim = claim_with(ex, "flood their homes")
    assert claim is not None and claim.speaker is None, claims_seen(ex)
