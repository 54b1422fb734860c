"""Whole short articles in several house styles, for two shapes of issue 11, written before
their rules: a lone surname after the full name is the person (one node, one type), and a
place is named as a place by what the text says around it.

People and firms are invented; the towns are real small ones (1,000-50,000 people, known to
the gazetteer by population only), none of them named in any test set.
"""

from __future__ import annotations

import pytest

from tests.test_extract_rules import entities_seen, find, forms, run

# (house style, text, full name, the lone forms that must be the same person)
SURNAMES = [
    ("UK regional online",
     "Jo Pike, who leads the opposition group on the county council, said the cuts went too "
     "far.\n\nPike said residents had not been asked. \"We will fight this,\" Pike added.",
     "Jo Pike", ("Pike",)),
    ("UK local weekly, possessive",
     "Council leader Jo Pike unveiled the budget on Tuesday.\n\nPike's plan would close two "
     "libraries and a day centre, and opposition members said Pike's figures did not add up.",
     "Jo Pike", ("Pike",)),
    ("UK local weekly, honorific on a surname that is also a town's name",
     "Bram Ode, 52, has run a bakery on the high street for 20 years.\n\nMr Ode said trade had "
     "fallen by a third since the roadworks began. \"People just drive past,\" Mr Ode said.",
     "Bram Ode", ("Ode",)),
    ("Welsh national online, post-nominal",
     "Carys Threlfall MS said the Senedd must act on rural bus cuts.\n\nThrelfall, who "
     "represents the area, said three villages had lost their only service.",
     "Carys Threlfall", ("Threlfall",)),
    ("US wire (AP style)",
     "Sen. Dale Marrow, R-Ohio, said Tuesday the bill would pass before the recess.\n\n"
     "Marrow told reporters the vote was close. Marrow's office did not say how he would vote "
     "on the amendment.",
     "Dale Marrow", ("Marrow",)),
    ("Irish national daily",
     "Deputy Aoife Brannock raised the closure of the ward in the Dáil on Wednesday.\n\n"
     "Ms Brannock said the HSE had ignored the town for a decade. Brannock said she would "
     "table the question again.",
     "Aoife Brannock", ("Brannock",)),
    ("UK business, a surname that is also a small town's name",
     "Ruth Thirsk, the chamber's president, said the levy would hurt small shops.\n\n"
     "Thirsk said members had written to the minister. Thirsk's letter asked for a delay "
     "of a year.",
     "Ruth Thirsk", ("Thirsk",)),
    ("Australian regional, councillor",
     "Cr Wendy Tallis moved the motion at Tuesday's meeting.\n\nCr Tallis said ratepayers "
     "deserved an answer. Tallis told the chamber the report had been ready for months.",
     "Wendy Tallis", ("Tallis",)),
    ("Irish local weekly, a surname led by Ó",
     "Councillor Niamh Ó Broin said the plan had been rushed.\n\nÓ Broin said residents had "
     "not been asked.",
     "Niamh Ó Broin", ("Ó Broin",)),
    ("Irish national daily, a woman's surname led by Ní, post-nominal",
     "Sinéad Ní Chathail TD said the HSE must act.\n\nNí Chathail said the ward had been "
     "closed for a year.",
     "Sinéad Ní Chathail", ("Ní Chathail",)),
    ("UK broadsheet, the surname before the full name",
     "Hollins said the report was \"deeply flawed\".\n\nDr Amara Hollins, who led the "
     "review, said the board had ignored it.",
     "Amara Hollins", ("Hollins",)),
    ("Canadian provincial politics",
     "MLA Harjit Bassi said the ferry schedule left islanders stranded.\n\nBassi told the "
     "legislature the ministry had known since March. Bassi's motion failed by two votes.",
     "Harjit Bassi", ("Bassi",)),
]


@pytest.mark.parametrize("style,text,full,lone", SURNAMES, ids=[s[0] for s in SURNAMES])
def test_a_lone_surname_is_the_person_named_in_full(nlp, style: str, text: str, full: str,
                                                     lone: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    person = find(ex, full)
    assert person is not None and person.type == "PERSON", entities_seen(ex)
    for surname in lone:
        assert surname.casefold() in forms(person), entities_seen(ex)
        # no second node for the surname, of whatever type
        others = [e for e in ex.entities if e is not person
                  and surname.casefold() in {f.split("'")[0] for f in forms(e)}]
        assert not others, entities_seen(ex)


# (house style, text, name, accepted types)
PLACES = [
    ("UK regional online, in X",
     "Forty jobs are at risk at the bakery in Bedale, where the firm has worked since 1962.",
     "Bedale", ("GPE", "LOC")),
    ("UK local weekly, X-based",
     "The Clitheroe-based firm Harwood Vale Foods said it would cut 30 jobs.",
     "Clitheroe", ("GPE", "LOC")),
    ("UK local weekly, X residents",
     "Leyburn residents packed the hall on Monday to hear the plans for the bypass.",
     "Leyburn", ("GPE", "LOC")),
    ("UK local weekly, X's high street",
     "Three shops on Otley's high street have closed since January, traders said.",
     "Otley", ("GPE", "LOC")),
    ("UK regional daily, near X",
     "The quarry near Malton will reopen next year, its owner Garrick Stone said.",
     "Malton", ("GPE", "LOC")),
    ("Irish local weekly, outside X",
     "The plant outside Bandon employs 120 people, and Bandon traders fear for the town.",
     "Bandon", ("GPE", "LOC")),
    ("Australian regional, the town of X",
     "Growers around the town of Goondiwindi say the river is lower than in 2019.",
     "Goondiwindi", ("GPE", "LOC")),
    ("Canadian regional, X's mayor",
     "Camrose's mayor said the grant would pay for the new arena roof.",
     "Camrose", ("GPE", "LOC")),
    ("invented town, the village of X",
     "Flood water reached the village of Carrowmena overnight, and Carrowmena's school "
     "was closed on Monday.",
     "Carrowmena", ("GPE", "LOC")),
    ("US local daily, miles southwest of X",
     "The buses will be assembled at a leased plant in Halvergate, about 45 miles southwest "
     "of Dunmorrow, creating about 120 jobs.",
     "Dunmorrow", ("GPE", "LOC")),
    ("US local daily, a dateline with the state's letters",
     "DUNMORROW, Pa. — The Dunmorrow Borough Council voted 5-2 on Monday night to approve "
     "the depot.",
     "DUNMORROW", ("GPE", "LOC")),
    ("Australian regional, a town too small for the gazetteer before a grower",
     "Other farmers welcomed the jobs. Natimara sheep farmer Steve Pike said the dust was a "
     "worry.",
     "Natimara", ("GPE", "LOC")),
    ("UK business, a town with a possessive in a list the model ran on",
     "It employs about 900 people, mainly at plants in Malton, Bishop's Castle and Bedale.",
     "Bishop's Castle", ("GPE", "LOC")),
    ("UK entertainment, X-born",
     "The Clitheroe-born singer returned to play at the town hall.",
     "Clitheroe", ("GPE", "LOC")),
    ("UK local weekly, X's council tax",
     "Bedale's council tax will rise by 5%, the district said.",
     "Bedale", ("GPE", "LOC")),
    ("Irish local weekly, the town alone after its council",
     "Nenagh Town Council met on Monday. Councillors said Nenagh needed a bypass.",
     "Nenagh", ("GPE", "LOC")),
    # a foreign firm's one-word name the model reads as a place: what only a firm has
    ("UK shipping trade paper, X's UK subsidiary",
     "Finnish shipping line Kallioranta will open a new service to Hull. Kallioranta's UK "
     "subsidiary will run the operation. Kallioranta said the ships were ready.",
     "Kallioranta", ("ORG",)),
    ("UK business, X's chief executive",
     "Kallioranta's chief executive, Aino Virta, said the plant would open in 2027.",
     "Kallioranta", ("ORG",)),
    # a body named after its town stays a body, and the town beside it a place
    ("UK local weekly, X Town Council",
     "Keswick Town Council voted to close the car park. Shops in Keswick said they would "
     "lose trade.",
     "Keswick Town Council", ("ORG",)),
    ("UK local weekly, X Town Council, the town",
     "Keswick Town Council voted to close the car park. Shops in Keswick said they would "
     "lose trade.",
     "Keswick", ("GPE", "LOC")),
    # "X City" is a club when the text says it plays
    ("UK sport, X City",
     "Nenagh City were beaten 3-1 at home on Saturday, their fourth defeat in a row.",
     "Nenagh City", ("ORG",)),
    # a firm before a works' or shop's title before a person: the firm is a body
    ("UK regional daily, a sentence opened by a firm before 'store manager'",
     "Grocemart store manager Ann Bell said the shop would reopen on Monday.",
     "Grocemart", ("ORG",)),
    ("UK regional daily, ... and the person after it",
     "Grocemart store manager Ann Bell said the shop would reopen on Monday.",
     "Ann Bell", ("PERSON",)),
    ("US wire, 'plant manager' after a verb",
     "Some 300 jobs will go by March, said Varnholt plant manager Dwayne Okoro.",
     "Varnholt", ("ORG",)),
    ("Australian regional, 'mine manager'",
     "The pit will close in June, Quarrendon mine manager Kylie Barnes told staff.",
     "Quarrendon", ("ORG",)),
    # a rail operator's name ends in "Rail": a body, not a person
    ("UK trade paper, X Rail in a list",
     "Other operators, Tolvane Buses and Marrowdale Rail, run diesel fleets.",
     "Marrowdale Rail", ("ORG",)),
    ("UK regional online, services run by X Rail",
     "Sunday services run by Fenwold Rail were cancelled after a signal failure near Wisbech.",
     "Fenwold Rail", ("ORG",)),
    # a river's bare name: what is said of it makes it a river, whatever shares the name
    ("UK broadcaster, the X burst its banks",
     "Flooding closed the line after the Severn burst its banks near Gloucester.",
     "Severn", ("LOC",)),
    ("Scottish daily, the X estuary",
     "Seals have been seen in the Tay estuary for the first time in a decade.",
     "Tay", ("LOC",)),
    ("Indian daily, the X river",
     "Samples from the Noyyal river showed high levels of dissolved salts.",
     "Noyyal", ("LOC",)),
    ("Irish local weekly, the X's banks",
     "Sandbags were laid along the Corrib's banks in Galway on Tuesday.",
     "Corrib", ("LOC",)),
    # a Scottish or Irish hill: "Ben X" where people climb; "Sgurr X", "Slieve X" always
    ("Scottish regional, climbing Ben X",
     "Two walkers were rescued after they got lost while climbing Ben Arrin in fog.",
     "Ben Arrin", ("LOC",)),
    ("Scottish regional, ... but Ben as a man's name",
     "Ben Carter said the council had listened to the walkers.",
     "Ben Carter", ("PERSON",)),
    ("Irish broadcaster, Slieve X",
     "The fire on Slieve Corran was brought under control by Sunday night.",
     "Slieve Corran", ("LOC",)),
    # a club named by its town and a nickname, in a sentence about a match
    ("UK sport, a town and a nickname the model skips",
     "Alnwick Borderers beat Peebles Wanderers 24-10 on Saturday.",
     "Alnwick Borderers", ("ORG",)),
    ("UK sport, ... and a club's nickname",
     "Alnwick Borderers beat Peebles Wanderers 24-10 on Saturday.",
     "Peebles Wanderers", ("ORG",)),
    ("Irish sport, 'lost to X Harriers' in the league",
     "Marlow Saxons lost to Dunmore Harriers in the league on Sunday.",
     "Dunmore Harriers", ("ORG",)),
    # a terminus named as railways name them: a big city and one word, in a sentence on trains
    ("UK regional online, services to X",
     "The operator runs services between Leeds Ravensgate, Lancaster and Carlisle.",
     "Leeds Ravensgate", ("FAC",)),
    ("UK broadcaster live blog, at X queues for trains",
     "At Sheffield Norbury, queues for replacement buses stretched on to the station approach.",
     "Sheffield Norbury", ("FAC",)),
    # a model of train, tram or bus, counted or owned before the vehicle's noun
    ("Welsh broadcaster, counted before 'trains'",
     "The operator has ordered eight Zephyra trains from the Basque maker Ortuzabal.",
     "Zephyra", ("PRODUCT",)),
    ("Irish business, owned before a modifier and 'buses'",
     "Carrowbeg Coachworks will build 200 of its Glideway hydrogen buses for the city.",
     "Glideway", ("PRODUCT",)),
    ("UK trade paper, a firm's platform",
     "The new units are a version of Ferrovik's Zelvana platform already in service.",
     "Zelvana", ("PRODUCT",)),
    ("UK regional online, a class of trains by its number",
     "Voskerk will build 60 Class 846 trains. The Class 846 can run on batteries.",
     "Class 846", ("PRODUCT",)),
    ("US wire, an ordinal is no count: 'the fifth NBA head coach'",
     "He is the fifth NBA head coach to be fired this season.",
     "NBA", ("ORG",)),
    ("UK regional, an operator's trains are no model",
     "Some Brackwater Rail trains were cancelled on Monday, Brackwater Rail said.",
     "Brackwater Rail", ("ORG",)),
    # ... but an article naming its works by it keeps one node "the site" can refer to
    ("UK regional daily, the X Rail factory and the site",
     "The Rail Workers Union has called for talks to save the Stanmoor Rail factory in "
     "Dunley. The union said 300 jobs were at risk at the site. The minister said she was "
     "working with Stanmoor Rail.",
     "the site", ("FAC",)),
]


@pytest.mark.parametrize("style,text,name,types", PLACES, ids=[p[0] for p in PLACES])
def test_a_place_is_named_as_one_by_its_context(nlp, style: str, text: str, name: str,
                                                types: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    entity = find(ex, name)
    assert entity is not None and entity.type in types, entities_seen(ex)


# A firm named after its founder: the word alone is the firm where the article uses it so
# before the person's full name, and the person where it first comes after it or with a mark
# of a person ("Mr", "who"). (text, full name, firm, where the lone word belongs)
FOUNDERS = [
    ("UK regional daily, the firm first",
     "Ardley Marine Engineering will build the two ferries at its yard in the town.\n\n"
     "Ardley, which has built tugs and pilot boats, beat bids from three other yards.\n\n"
     "Managing director Stuart Ardley, whose grandfather founded the business, said it was a "
     "proud day. Mr Ardley said the company would take on 40 apprentices.",
     "Stuart Ardley", "Ardley Marine Engineering", "firm"),
    ("US business wire, the person first",
     "Pike Holdings chairman Jo Pike said on Tuesday the group would sell its hotels.\n\n"
     "Pike said the sale would pay down debt. Pike, 64, founded the group in 1988.",
     "Jo Pike", "Pike Holdings", "person"),
]


@pytest.mark.parametrize("style,text,full,firm,owner", FOUNDERS, ids=[f[0] for f in FOUNDERS])
def test_a_firms_short_name_and_its_founders_surname(nlp, style: str, text: str, full: str,
                                                     firm: str, owner: str) -> None:
    ex = run(nlp, text)
    person, body = find(ex, full), find(ex, firm)
    assert person is not None and person.type == "PERSON", entities_seen(ex)
    assert body is not None and body.type == "ORG", entities_seen(ex)
    word = full.split()[-1]  # alone, with no honorific
    right, wrong = (body, person) if owner == "firm" else (person, body)
    assert word in {m.text for m in right.mentions}, entities_seen(ex)
    assert word not in {m.text for m in wrong.mentions}, entities_seen(ex)


def test_two_names_the_model_joined_at_an_article_are_two(nlp) -> None:
    """"told the Commons the NHS was ...": the object and the next clause's subject."""
    ex = run(nlp, "Shadow Health Secretary Jo Pike said the figures were shocking. Pike told "
                  "the Commons the NHS was in crisis.")
    assert find(ex, "Commons") is not None and find(ex, "NHS") is not None, entities_seen(ex)
    assert not any(" the " in e.name for e in ex.entities), entities_seen(ex)
    ex = run(nlp, "Campaigners from Friends of the Earth met the minister on Monday.")
    assert find(ex, "Friends of the Earth") is not None, entities_seen(ex)


@pytest.mark.parametrize("text,name", [
    ("Fans of Leeds Rhinos took the train home after the match.", "Leeds Rhinos"),
    ("Manchester United fans took the train to London.", "Manchester United"),
])
def test_a_city_and_a_club_word_is_no_station(nlp, text: str, name: str) -> None:
    """A big city and a plural nickname or a club's head in a sentence on trains is a club,
    whatever else the small model makes of it, never a terminus."""
    entity = find(run(nlp, text), name)
    assert entity is None or entity.type != "FAC", entity


@pytest.mark.parametrize("text,firm,title,person", [
    ("Grocemart store manager Ann Bell said the shop would reopen on Monday.",
     "Grocemart", "store manager", "Ann Bell"),
    ("Some 300 jobs will go by March, said Varnholt plant manager Dwayne Okoro.",
     "Varnholt", "plant manager", "Dwayne Okoro"),
    # an office only a firm has, the firm's name opening the sentence or not
    ("Orvane managing director Fiona Grieve said hiring would start in June.",
     "Orvane", "managing director", "Fiona Grieve"),
    ("Corlett chief executive Sam Hart said he agreed with the plan.",
     "Corlett", "chief executive", "Sam Hart"),
    ("Staff were told on Friday, Brisvale managing director Amos Kerr said.",
     "Brisvale", "managing director", "Amos Kerr"),
])
def test_a_firm_before_a_works_title_is_the_persons_employer(nlp, text: str, firm: str,
                                                           title: str, person: str) -> None:
    """"X store manager Y": X is the firm (ORG), Y the person, the title her role at X."""
    ex = run(nlp, text)
    org, who = find(ex, firm), find(ex, person)
    assert org is not None and org.type == "ORG", entities_seen(ex)
    assert who is not None and who.type == "PERSON", entities_seen(ex)
    assert any(r.person == who.id and r.org == org.id and r.title == title for r in ex.roles), \
        ex.roles


# An office in the plural before two names is the pair's office, in neither name.
PLURAL_OFFICES = [
    # UK local paper
    ("Councillors Ada Pennock and Ivo Marsh disagreed over the Tolland pool.", "Ada Pennock"),
    # US wire
    ("Senators Lucinda Farrow and Dale Stroud voted against the Kestrel bill.",
     "Lucinda Farrow"),
]


@pytest.mark.parametrize(("text", "name"), PLURAL_OFFICES)
def test_a_plural_office_before_two_names_is_no_part_of_either(nlp, text: str,
                                                              name: str) -> None:
    ex = run(nlp, text)
    assert any(e.name == name and e.type == "PERSON" for e in ex.entities), entities_seen(ex)


# A firm named with its legal form and without it: one firm, whatever the model called the
# shorter name. (text, full name, short name)
LEGAL_FORMS = [
    ("UK court report",
     "His company, Dee Valley Plating Ltd, was fined £480,000. Inspectors served a notice on "
     "Dee Valley Plating in 2019. Dee Valley Plating had operated from the site since 1998.",
     "Dee Valley Plating Ltd", "Dee Valley Plating"),
    ("UK press release, an 'About' heading",
     "Ardcoyle Freight Ltd said on Monday it would hire 40 drivers.\n\nAbout Ardcoyle\n\n"
     "Ardcoyle Freight Ltd was founded in 2019 and operates 300 lorries.",
     "Ardcoyle Freight Ltd", "Ardcoyle"),
]


@pytest.mark.parametrize("style,text,full,short", LEGAL_FORMS, ids=[f[0] for f in LEGAL_FORMS])
def test_a_firm_with_and_without_its_legal_form_is_one(nlp, style: str, text: str, full: str,
                                                        short: str) -> None:
    ex = run(nlp, text)
    firm = find(ex, full)
    assert firm is not None and firm.type == "ORG", entities_seen(ex)
    # no node of its own for the short name, nor for the name's last words
    tail = " ".join(full.split()[1:])
    assert not [e for e in ex.entities if e is not firm and e.name in {short, tail}], \
        entities_seen(ex)


# A hill, rock or point whose first word is also a given name: a place where the text puts
# things at or near it, a person where it marks one. (style, text, name, type)
GIVEN_NAME_LANDFORMS = [
    ("UK press release", "New chargers will go in at Dudley bus station, at Merry Hill and "
     "beside junctions on the ring road.", "Merry Hill", "LOC"),
    ("Irish regional", "The council will put new benches at Grace Hill and near Holly Point "
     "next year, a spokeswoman said.", "Grace Hill", "LOC"),
    ("Welsh broadcaster", "Walkers were rescued near Bryn Rock on Saturday after the tide "
     "came in, the coastguard said.", "Bryn Rock", "LOC"),
    ("Scottish daily", "Crews visited the Ben Rock lighthouse on Tuesday.", "Ben Rock", "LOC"),
    ("US wire, a person", "A letter from Ben Rock, the council's chief executive, said the "
     "site would close.", "Ben Rock", "PERSON"),
    ("Australian daily, a person", "The fans cheered for Mark Hill, who scored twice. Hill "
     "said it was the best day of his life.", "Mark Hill", "PERSON"),
]


@pytest.mark.parametrize("style,text,name,kind", GIVEN_NAME_LANDFORMS,
                         ids=[g[0] for g in GIVEN_NAME_LANDFORMS])
def test_a_landform_named_with_a_given_name(nlp, style: str, text: str, name: str,
                                            kind: str) -> None:
    ex = run(nlp, text)
    entity = find(ex, name)
    assert entity is not None and entity.type == kind, entities_seen(ex)


# A sum of money glued before a name: the name is what the money is for, or whose it is.
AMOUNT_BEFORE = [
    # UK regional: a known town after the sum is the town
    ("A £14m Dunmore bypass was approved by councillors on Monday.", "Dunmore", ("GPE",)),
    # US local: an unknown word after the sum names no person
    ("Work on the $40m Orrisby bridge starts soon.", "Orrisby", ()),
    ("The £2m Kelvale scheme was approved.", "Kelvale", ()),
]


@pytest.mark.parametrize(("text", "name", "types"), AMOUNT_BEFORE)
def test_a_name_after_a_sum_of_money_is_no_person(nlp, text: str, name: str,
                                                 types: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    entity = find(ex, name)
    if types:
        assert entity is not None and entity.type in types, entities_seen(ex)
    assert entity is None or entity.type != "PERSON", entities_seen(ex)
    assert not any(any(ch.isdigit() for ch in e.name) for e in ex.entities), entities_seen(ex)


# A place between "the" and an office held for it is the place, known to the gazetteer or not.
PLACE_BEFORE_OFFICE = [
    # UK local weekly, a capitalised office before the holder's name
    ("The Tarnby Mayor Jim Cole said the bridge would reopen.", "Tarnby", "Jim Cole"),
    # UK regional online, the member's letters
    ("The Orrisby MP, Jo Pike, said the closure was a scandal.", "Orrisby", "Jo Pike"),
    # Irish regional
    ("The Kelvale councillor Ann Lee said the road was dangerous.", "Kelvale", "Ann Lee"),
    # a town of two words
    ("The Kelvale Magna mayor said residents were angry.", "Kelvale Magna", None),
]


@pytest.mark.parametrize(("text", "place", "person"), PLACE_BEFORE_OFFICE)
def test_a_place_before_its_office_is_a_place(nlp, text: str, place: str,
                                              person: str | None) -> None:
    ex = run(nlp, text)
    town = find(ex, place)
    assert town is not None and town.type == "GPE", entities_seen(ex)
    if person is not None:
        who = find(ex, person)
        assert who is not None and who.type == "PERSON" and place not in who.name, \
            entities_seen(ex)


@pytest.mark.parametrize("text", [
    "The Welsh MP said the bill was unfair.",
    "The Labour councillor Ann Lee resigned on Friday.",
])
def test_a_people_or_a_party_before_an_office_is_no_place(nlp, text: str) -> None:
    ex = run(nlp, text)
    assert not any(e.type == "GPE" for e in ex.entities), entities_seen(ex)


# A job's word opening the sentence before a person's name is no part of the name, the given
# name one a town shares too ("Mary", "Florence").
JOB_BEFORE_NAME = [
    # New Zealand regional
    ("Orchardist Florence Tollan said the frost had wiped out her crop. Tollan said it was the "
     "worst year she had known.", "Florence Tollan"),
    # UK local weekly
    ("Orchardist Mary Tollan said the frost had wiped out her crop.", "Mary Tollan"),
]


@pytest.mark.parametrize(("text", "person"), JOB_BEFORE_NAME)
def test_a_job_opening_the_sentence_is_no_part_of_the_name(nlp, text: str,
                                                           person: str) -> None:
    ex = run(nlp, text)
    who = find(ex, person)
    assert who is not None and who.type == "PERSON" and who.name == person, entities_seen(ex)


# "Name, 59, of X": after a person's age, "of" names where the person lives.
@pytest.mark.parametrize(("text", "place"), [
    # UK local weekly, court report
    ("Sam Hart, 59, of Orrisby, was fined £400 for speeding.", "Orrisby"),
    # Irish regional
    ("Jo Pike, 34, of Kelvale, said she was lucky to be alive.", "Kelvale"),
])
def test_the_place_after_an_age_is_where_the_person_lives(nlp, text: str, place: str) -> None:
    ex = run(nlp, text)
    town = find(ex, place)
    assert town is not None and town.type == "GPE", entities_seen(ex)


# A live page's entry time before the first words of the entry is no part of any name.
@pytest.mark.parametrize(("text", "kept"), [
    ("09:30 Schools across the county are closed today.\n\n10:15 Roads near Orrisby are "
     "flooded, police say.", "Orrisby"),
    ("14.05 Kelvale Council says bins will not be collected today.", "Kelvale Council"),
])
def test_a_live_pages_time_is_no_part_of_a_name(nlp, text: str, kept: str) -> None:
    ex = run(nlp, text)
    assert not any(any(ch.isdigit() for ch in e.name) for e in ex.entities), entities_seen(ex)
    assert not any(e.name == "Schools" for e in ex.entities), entities_seen(ex)
    assert find(ex, kept) is not None, entities_seen(ex)


# What stands after a name and a comma describes it only within its line: a caption's or a
# byline's name ending its line is not described by the next line's first noun.
@pytest.mark.parametrize(("text", "person"), [
    ("Photo: Orrisby Mills,\nfarmer Jo Pike said the flood was the worst in years.", "Jo Pike"),
])
def test_an_apposition_does_not_run_past_its_line(nlp, text: str, person: str) -> None:
    ex = run(nlp, text)
    people = [e.name for e in ex.entities if e.type == "PERSON"]
    assert people == [person], entities_seen(ex)
