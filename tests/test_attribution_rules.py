"""Who said it: attribution rules on short texts written for these tests (issue 10).

Names, places and organisations here appear in no corpus of the project. Each table is
`(text, speaker or None, key phrases one claim holds)`; None means the claim must exist
with no speaker, or, in the tables of things that are nobody's claim, must not be given
to anyone.
"""

from __future__ import annotations

import pytest

from storygraph.extract import claims, extract
from storygraph.model import Article, Claim, Extraction
from storygraph.sources import article_id
from tests.test_extract_rules import (
    PUBLISHED,
    assert_spoken_by,
    claim_with,
    claims_seen,
    is_named,
    name_of,
    run,
)

# A quote paragraph with no cue of its own.
CUELESS = [
    # "X said:" closing the paragraph before (UK broadcaster style)
    ("Bronwen Tallis, who runs the post office in Eskby, said:\n\n"
     "“Without the bus, half my customers simply cannot get here any more.”",
     "Bronwen Tallis", ("half my customers",)),
    ("Gareth Moyle has fished out of Porthcarn for 40 years. He said:\n\n"
     '"The harbour wall has not been repaired since the storm in 2019."',
     "Gareth Moyle", ("harbour wall has not been repaired",)),
    # a quote over two paragraphs after the introduction
    ("Its chair, Philippa Garrow, said:\n\n"
     "“The hall is the only warm room in the village on a winter night.\n\n"
     "“Close it and people will sit at home in the cold.”",
     "Philippa Garrow", ("people will sit at home",)),
    # after a paragraph of reported speech by the same person
    ("Tobias Wrenfield said the lock gates had failed twice this year.\n\n"
     "“We have asked for new ones since 2019 and nothing has happened.”",
     "Tobias Wrenfield", ("asked for new ones since 2019",)),
    # a cue word inside the quotation is the speaker's own word, not a new speaker
    ("Corin Valebrook, who skippers the island ferry, said:\n\n"
     "“Nobody is going to tell me this crossing is safe in a January gale.\n\n"
     "“We need a bigger boat, and we needed it years ago.”",
     "Corin Valebrook", ("crossing is safe in a january gale",)),
    # British single quotes over paragraphs: an opening mark on each, a closing one on the last
    ("The head of the trust, Margaret Ellery, said no ward would shut this winter.\n\n"
     "'We've been honest with staff about the money and they've been patient with us.\n\n"
     "'Nobody's job is at risk because of this review.'",
     "Margaret Ellery", ("been honest with staff",)),
    ("Wilf Ogunbanjo, who has kept bees at Hartsop for 20 years, said:\n\n"
     "‘The spraying started in May and the hives were dead by June.\n\n"
     "‘Nobody from the estate has said a word to me about it.’",
     "Wilf Ogunbanjo", ("nobody from the estate",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), CUELESS)
def test_cueless_quote_paragraph(nlp, text: str, speaker: str, keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    assert_spoken_by(ex, keys, speaker)


# A quote paragraph whose speaker the paragraph before does not give.
NOT_CONTINUED = [
    # "reads:" introduces a document, not a speaker
    ("Ambrose Tellwright said the shop would shut on Saturday. The notice on its door reads:\n\n"
     "“Closed until further notice by order of the landlord and the bank.”",
     ("closed until further notice",)),
    # a heading starts another part of the story
    ("Ambrose Tellwright said the shop would shut on Saturday.\n\n"
     "What Happens Next\n\n"
     "“Every tenant on the parade has been sent the same letter this week.”",
     ("every tenant on the parade",)),
]


@pytest.mark.parametrize(("text", "keys"), NOT_CONTINUED)
def test_quote_paragraph_not_given_to_the_speaker_before(nlp, text: str,
                                                         keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is None or claim.speaker is None, claims_seen(ex)


# (text, speaker, key phrases): whom a subject phrase refers to.
REFERENCES = [
    # appositive and title-first names: the person, never the organisation in the title
    ("Tarrow Foods' operations director, Imogen Castellane, said the plant would close in May.",
     "Imogen Castellane", ("plant would close in may",)),
    ("The council's cabinet member for housing, Rufus Penhaligon, said the scheme was "
     "not affordable.", "Rufus Penhaligon", ("scheme was not affordable",)),
    ("Glenmore's Energy Minister, Imogen Darrow, said 300 jobs were at risk.",
     "Imogen Darrow", ("300 jobs were at risk",)),
    # it/they: the organisation that spoke last, never the place named in between
    ("Harcastle Water Company said it had repaired the burst main in Brindlecombe.\n\n"
     "The village was without water for three days.\n\n"
     "“We apologise to every customer who was affected,” it said.",
     "Harcastle Water Company", ("apologise to every customer",)),
    # a hospital (a place that speaks through its staff) that has just spoken is "it"
    ("Patients will go to Rathmore General Hospital, 40 miles away, the Ellisford Health "
     "Board said.\n\n"
     "Rathmore General said it was ready for them. It said it would open two more beds at night.",
     "Rathmore General Hospital", ("two more beds",)),
    # the one spoken to is not "it"
    ("Ellwood Council said the bridge would reopen in June.\n\n"
     "A spokesman told the Darnley Courier that repairs had been delayed by floods.\n\n"
     "It said the final bill would be about £2m.", "Ellwood Council", ("final bill would be",)),
    # an age given with the name
    ("Winifred Osgood, 83, has lived in Tarnby all her life.\n\n"
     "“The bus is my only way to the surgery,” the 83-year-old said.",
     "Winifred Osgood", ("only way to the surgery",)),
    ("Albert Crane, 71, and Edith Crane, 68, have run the shop since 1979.\n\n"
     "“We never missed a single day, not even at Christmas,” the 68-year-old said.",
     "Edith Crane", ("never missed a single day",)),
    # a description introduced with the name
    ("Retired teacher Moira Blakeley led the march on Saturday.\n\n"
     "The retired teacher said the school had to stay open for the village.",
     "Moira Blakeley", ("school had to stay open",)),
    # an everyday description of the person just named
    ("Grainne Fitzwilliam has farmed the valley for 30 years.\n\n"
     "“We lost forty sheep in a single night,” the grazier said.",
     "Grainne Fitzwilliam", ("lost forty sheep",)),
    # a spokesperson speaks for the organisation the text last called by that noun
    ("Brackwater Council approved the budget on Tuesday.\n\n"
     "A council spokeswoman said libraries would keep their opening hours.",
     "Brackwater Council", ("libraries would keep",)),
    # "he" after an organisation's spokesman is the organisation speaking
    ("Tobias Renwick, who chairs the residents' association, said the estate was too big.\n\n"
     "A spokesman for Corran Homes said the company had met residents twice. “We have listened "
     "at every stage of this process,” he said.",
     "Corran Homes", ("listened at every stage",)),
    # "X, who ..., said": the parser loses the subject in a long relative clause
    ("Tobias Quennell, who founded the Clearwater Anglers club after the 2019 spill killed "
     'every fish in the Lode, said the fine was "an insult to the river".',
     "Tobias Quennell", ("an insult to the river",)),
    # two titles joined before the name: "president and CEO X" is X
    ("Tarnside General Hospital will shut its birth unit.\n\n"
     "“Nobody here wanted this,” hospital president and CEO Marguerite Osei told reporters.",
     "Marguerite Osei", ("nobody here wanted this",)),
    # the person named in apposition to the title's organisation
    ("The president of Meatcutters Local 112, Rosalind Acheson, said the talks had collapsed.",
     "Rosalind Acheson", ("talks had collapsed",)),
    # "the company" is the body whose name says it is a company, not a place named since
    ("Harwick Ferries said sailings to Tollsay would resume on Monday.\n\n"
     "Islanders on Tollsay have waited a week for fresh food.\n\n"
     "The company said the engine fault had been repaired.",
     "Harwick Ferries", ("engine fault had been repaired",)),
    # "the company" is not the union that spoke last
    ("Ashby Shipping said it would not reopen talks with dockers at Fennick.\n\n"
     "The Maritime Workers Union said members had voted nine to one for a strike.\n\n"
     "The company said it had already offered a 4% rise.",
     "Ashby Shipping", ("already offered a 4% rise",)),
    # "the hospital" is the hospital, not a federation with "Hospital" in its name
    ("Dunmoor General Hospital will close its maternity unit at night from June.\n\n"
     "The Northern Hospital Doctors' Federation said the decision was dangerous.\n\n"
     "The hospital said no mother would have to travel more than 30 miles.",
     "Dunmoor General Hospital", ("travel more than 30 miles",)),
    # "the union" is the body the text called a union
    ("Drivers at Quarrendon Buses walked out on Friday. Their union, Transit Staff Local 88, "
     "wants a 6% rise.\n\n"
     "Quarrendon Buses said services would run as normal.\n\n"
     "The union said the walkout would last a week.",
     "Transit Staff Local 88", ("would last a week",)),
    # a spokesperson for "the club" speaks for the club, not for the fans' trust named since
    ("Pellingham Rovers FC want to leave their Fold Lane ground.\n\n"
     "The Pellingham Rovers Supporters' Trust said fans would fight the move.\n\n"
     "A spokesperson for the club said no decision had been taken.",
     "Pellingham Rovers FC", ("no decision had been taken",)),
    ("The Department for Upland Affairs has paused the grazing grants.\n\n"
     "Farmers in Crossmoor said they had not been told.\n\n"
     "A spokesperson for the department said the grants would resume in May.",
     "Department for Upland Affairs", ("grants would resume in may",)),
    # a spokeswoman for the holder of an office speaks for that person
    ("Gov. Hollis Brandvold declared an emergency in Teller County on Sunday.\n\n"
     "Crews worked through the night to clear the roads.\n\n"
     "A spokeswoman for the governor said the National Guard had been called in.",
     "Hollis Brandvold", ("national guard had been called in",)),
    # the parser hangs the cue on the name ("X, who ..., tweeted"): X still speaks
    ("The co-founder Imelda Varga, who left the board in May, wrote on Tuesday: “The firm "
     "has lost its way and I no longer recognise it.”", "Imelda Varga", ("lost its way",)),
    # a long title before the name: the person at its end, not the organisation at its start
    ("Harlow Mills operations director for the south Graham Pike added that wages were "
     "already above the market rate.", "Graham Pike", ("wages were already above",)),
    # the parser takes the speaker for an object inside the quotation
    ("“Every shift you cut is a nurse you don't need, and they know it,” the union's branch "
     "secretary, Colm Farrelly, said.", "Colm Farrelly", ("every shift you cut",)),
    # an everyday description two paragraphs after the name
    ("Bartholomew Okafor keeps bees on the Holmcroft allotments.\n\n"
     "The council plans to sell the land for housing next year.\n\n"
     "“Forty hives will have nowhere to go,” the retired postman said.",
     "Bartholomew Okafor", ("forty hives",)),
    # gender learnt from an earlier pronoun
    ("Lesley Ashcombe founded the charity in 2009. She said the money had run out.\n\n"
     "Casey Morven, the treasurer, said a new donor had been found. Lesley Ashcombe was not "
     "convinced.\n\n“The donor has promised enough for two more years,” he said.",
     "Casey Morven", ("promised enough for two more years",)),
]


# Descriptions that refer back (issue 10, point 2): what the story said the body or the
# person is, in other words than the ones the description uses.
DESCRIPTIONS = [
    # a party in brackets after the name: "X (DA)" is "the DA councillor", not another one
    ("Ward 9 councillor Thandi Mokoena (DA) said the pumps had failed again.\n\n"
     "Ward 3 councillor Sipho Nkosi (ANC) said repairs were under way.\n\n"
     "The DA councillor said that was \"not good enough\".",
     "Thandi Mokoena", ("not good enough",)),
    # "Ward 3" before the title is where, not who: the name in apposition to the title speaks
    ("Ward 9 councillor Thandi Mokoena (DA) said the pumps had failed again.\n\n"
     "Ward 3 councillor Sipho Nkosi (ANC) said repairs were under way.",
     "Sipho Nkosi", ("repairs were under way",)),
    # a noun set before the name: "meat processor X" is "the processor"
    ("Meat processor Ravenhill Foods will shut its Dunbrack abattoir in March.\n\n"
     "The processor said cattle numbers in the region had fallen by a third.",
     "Ravenhill Foods", ("cattle numbers in the region",)),
    # another word for the same kind of body: a carmaker is an automaker
    ("German carmaker Velten Autowerke is to cut 2,000 jobs.\n\n"
     "The automaker said demand for diesel models had collapsed.",
     "Velten Autowerke", ("demand for diesel models",)),
    # the name says what it is: "X Water" is a utility, "X Shire Council" the shire
    ("Brackley Water has been fined for leaks at its Tenby Road works.\n\n"
     "The utility said it had replaced 40 miles of pipe since January.",
     "Brackley Water", ("replaced 40 miles of pipe",)),
    ("Kilmorey Shire Council voted to sell the old depot on Tuesday.\n\n"
     "The shire said the money would go towards new footpaths.",
     "Kilmorey Shire Council", ("towards new footpaths",)),
    # a place before the noun says where the body is, not which one it is
    ("Halloway Stores will close 30 shops, the company said on Monday.\n\n"
     "The Leeds-based retailer said online sales had doubled since 2020.",
     "Halloway Stores", ("online sales had doubled",)),
    # "X, the regulator," then "the watchdog"
    ("Ferrybank Energy was fined £4m by Ofwex, the regulator, for billing errors.\n\n"
     "The watchdog said 12,000 customers had been overcharged.",
     "Ofwex", ("customers had been overcharged",)),
    # a department of a body speaks for it
    ("Tarnwell Borough Council approved 400 homes at Millbeck.\n\n"
     "The council's planning department said the site had been allocated since 2015.",
     "Tarnwell Borough Council", ("allocated since 2015",)),
    # "the firm's boss": whoever heads the firm, by the title the story gave them
    ("Orrin Logistics' managing director, Faye Tolland, met drivers on Monday.\n\n"
     "The firm's boss said no depot would close this year.",
     "Faye Tolland", ("no depot would close",)),
    ("Ofwex's chief executive, Dr Anselm Kreutz, called the errors unacceptable.\n\n"
     "The regulator's chief executive said fines would double next year.",
     "Anselm Kreutz", ("fines would double",)),
    # an office by another of its names: a secretary of state is "the minister"
    ("The business secretary, Ivo Marchetti, will visit Coldharbour on Friday.\n\n"
     "The minister said a buyer for the plant was being sought.",
     "Ivo Marchetti", ("buyer for the plant",)),
    # a party or a loose word before the office need not be in the title
    ("Local MP Rhian Coker has written to the health board.\n\n"
     "The Labour MP said the closure would put lives at risk.",
     "Rhian Coker", ("put lives at risk",)),
    # a person introduced as a "producer" is not a company
    ("Ned Varley, 61, a dairy producer whose farm borders the site, opposes the plan.\n\n"
     "The dairy producer said the new road would cut his land in two.",
     "Ned Varley", ("cut his land in two",)),
    # what a person is or was, said after their name: the person just named
    ("Declan Rourke was sacked as manager of Ballymeena Town on Saturday.\n\n"
     "“I gave this club everything I had,” the former midfielder said.",
     "Declan Rourke", ("gave this club everything",)),
    # "the mum-of-two" is a mother: not the man named after her
    ("Shauna Pilbeam waited 14 hours in the emergency department with her son. Her brother, "
     "Liam Pilbeam, drove her there.\n\n"
     "The mum-of-two said nobody had told her how long the wait would be.",
     "Shauna Pilbeam", ("how long the wait would be",)),
    # the parser takes the description for the subject and the name for an adverb
    ("Beatrix Pellow lost her house in the flood.\n\n"
     "Pellow, a retired nurse, said the insurers had not called her back.",
     "Beatrix Pellow", ("insurers had not called her back",)),
    # a dateline before the speaker is not the speaker
    ("OSLO, May 3 (Reuters) - Fjordvik Air said on Friday it would cut 300 jobs.",
     "Fjordvik Air", ("would cut 300 jobs",)),
    # an organisation named in apposition to a common noun
    ("Grantley's largest tenant, Corvo Retail Group, said it would not renew its lease.",
     "Corvo Retail Group", ("would not renew its lease",)),
    # a description the model takes for a name of its own is not its own antecedent
    ("The clerk took £40,000 from the Nether Brindle Parish Council account.\n\n"
     "After the hearing, the parish council said two councillors now sign every payment.",
     "Nether Brindle Parish Council", ("two councillors now sign",)),
    # a judge titled "Justice" in the name ("Mrs Justice X") is "the judge"
    ("In the High Court on Friday, Mr Justice Rowland Pettigrew said the inquiry had been "
     "unfair.\n\n"
     "“No tribunal may decide first and hear the evidence later,” the judge wrote.",
     "Rowland Pettigrew", ("decide first and hear",)),
    # an unnamed spokesperson speaks for the organisation that has just spoken
    ("Tolliver Seeds said its herbicide had been approved in 40 countries.\n\n"
     "“Field conditions are nothing like a laboratory,” a spokeswoman said.",
     "Tolliver Seeds", ("nothing like a laboratory",)),
    # a US politician by party and state: "Sen. X, R-Texas," is "the Texas Republican"
    ("Sen. Wade Kimbrough, R-Oklahoma, called the rules overdue. Sen. Alma Ruiz, D-Nev., "
     "said they went too far.\n\n"
     "“Families deserve to know what is flying over their homes,” the Oklahoma Republican said.",
     "Wade Kimbrough", ("flying over their homes",)),
    # a name before the office says which post: the coach at that club, not the coach named last
    ("Rovers manager Gethin Albury, 47, praised his players. Athletic manager Clive Danvers, "
     "52, blamed the pitch.\n\n"
     "The Rovers manager said the title race was far from over.",
     "Gethin Albury", ("far from over",)),
    ("Brightwell Foods' chief executive, Ingrid Solvang, welcomed the offer. Moravec's chief "
     "executive, Tomas Hrubes, said his board would meet on Friday.\n\n"
     "The Brightwell chief executive said the deal would be paid for in cash.",
     "Ingrid Solvang", ("paid for in cash",)),
    # the body that owns the spokeswoman speaks through her
    ("Harbridge Borough Council closed the leisure centre on Friday.\n\n"
     "The council's spokeswoman said the pool would reopen in the spring.",
     "Harbridge Borough Council", ("reopen in the spring",)),
    # a kind of body the word lists do not know: the body whose name's head is that word
    ("The Ferncombe Brewery sold the Plough Inn to its regulars on Monday.\n\n"
     "A spokesperson for the brewery said the price had been below the valuation.",
     "Ferncombe Brewery", ("below the valuation",)),
    ("Farmers who supply the Tarn Valley Dairy Cooperative will stop deliveries.\n\n"
     "The cooperative said its members would meet on Thursday.",
     "Tarn Valley Dairy Cooperative", ("members would meet on thursday",)),
    ("The Tarn Valley Dairy Cooperative met on Monday. Its chairman, Edwin Mbugua, called "
     "the price cut unfair.\n\n"
     "The cooperative's chairman said farmers were losing money on every litre.",
     "Edwin Mbugua", ("losing money on every litre",)),
    # ... also where the parser did not hang a curly possessive on the noun
    ("The Tarn Valley Dairy Cooperative met on Monday. Its chairman, Edwin Mbugua, called "
     "the price cut unfair.\n\n"
     "The cooperative’s chairman said farmers were losing money on every litre.",
     "Edwin Mbugua", ("losing money on every litre",)),
    # words before the noun pick the body described with them, of two that fit
    ("British biscuit maker Marwick Foods said it was in talks to buy Oberland Gruppe, the "
     "Zurich-listed maker of crackers.\n\n"
     "Oberland confirmed the approach.\n\n"
     "The Zurich-listed group said it would make a further announcement in due course.",
     "Oberland Gruppe", ("further announcement in due course",)),
    ("British biscuit maker Marwick Foods said it was in talks to buy Oberland Gruppe, the "
     "Zurich-listed maker of crackers.\n\n"
     "Oberland confirmed the approach.\n\n"
     "The British company said it had until June to make a firm offer.",
     "Marwick Foods", ("until june to make a firm offer",)),
    # what a sentence says someone works as is what "the welder" means, not whoever came last
    ("Ruth Okafor works as a welder at the Tyne yard.\n\n"
     "Tom Birch runs the canteen there.\n\n"
     "The welder said the new shifts were unsafe.",
     "Ruth Okafor", ("new shifts were unsafe",)),
    # a title with "of" inside before the name: "Secretary of State for X"
    ("Secretary of State for Transport Colin Avery approved the Wexmouth line on Tuesday.\n\n"
     "Engineers said the bridge would need rebuilding.\n\n"
     "The minister said trains would run by 2030.",
     "Colin Avery", ("trains would run by 2030",)),
    # a lede's "the union says" before the story names the union: the union named next
    ("PRESS RELEASE – 3 March\n\n"
     "Cleaners at Harwood General Hospital will vote on strikes over a rota that the union says "
     "will cost them £2,000 a year.\n\n"
     "The Healthcare Workers Federation said ballot papers would go out on Monday.",
     "Healthcare Workers Federation", ("will cost them £2,000 a year",)),
    # what a post is over, said in a relative clause, picks its holder out
    ("Jo Pike, who chairs the planning committee, backed the Marsh Lane scheme. Councillor "
     "Ravi Dhillon, the council's deputy chair, opposed it.\n\n"
     "The committee chair said work would start in the spring.",
     "Jo Pike", ("start in the spring",)),
    # a union whose name says no kind: the kindless body that spoke, not the company
    ("Tarvex said 300 of its members at Corlan Foods would walk out on Monday.\n\n"
     "Corlan said it was disappointed.\n\n"
     "The union said talks had broken down over night shifts.",
     "Tarvex", ("broken down over night shifts",)),
    # a person described before the story names her: the first one named who fits
    ("THE grandmother who has run the village post office for 40 years says she will be "
     "forced to close it by Easter.\n\n"
     "Margery Tolland, 72, took over the counter from her father in 1985.",
     "Margery Tolland", ("forced to close it by easter",)),
    # counsel in a court report: "Prosecuting, X" is the prosecutor, "X, defending," his lawyer
    ("Darren Pulleyn, 34, admitted fraud at Hexham Crown Court.\n\n"
     "Prosecuting, Anwen Tregarthen said he had taken £40,000 from the charity.\n\n"
     "Oliver Sanderling, defending, said Pulleyn had repaid half the money.\n\n"
     "His lawyer told the court that Pulleyn had lost his home.\n\n"
     "The prosecutor said the charity had nearly closed.",
     "Anwen Tregarthen", ("charity had nearly closed",)),
    ("Darren Pulleyn, 34, admitted fraud at Hexham Crown Court.\n\n"
     "Prosecuting, Anwen Tregarthen said he had taken £40,000 from the charity.\n\n"
     "Oliver Sanderling, defending, said Pulleyn had repaid half the money.\n\n"
     "His lawyer told the court that Pulleyn had lost his home.",
     "Oliver Sanderling", ("lost his home",)),
    ("Mirela Voss, 29, denies the charge. Her lawyer, Conrad Abeyta, said she would appeal."
     "\n\nThe attorney said the evidence had been mishandled.",
     "Conrad Abeyta", ("evidence had been mishandled",)),
    # ... or what the text set beside the holder's name: "Sen. X, R-Ohio" is the Ohio senator
    ("Sen. Raymond Oakes, R-Ohio, praised the bill.\n\n"
     "Sen. Lila Brandt, D-Vt., said it did not go far enough.\n\n"
     "The Ohio senator said it would pass before the summer recess.",
     "Raymond Oakes", ("before the summer recess",)),
    # an employers' federation is no union: "the union" is the kindless body that spoke
    ("Harrowgate Joinery has closed its Penwick works, with 120 jobs lost.\n\n"
     "The Western Building Federation said the closure showed how thin margins had become.\n\n"
     "GMB said members had been told by text. The union said it would fight for every "
     "unpaid week.",
     "GMB", ("fight for every unpaid week",)),
    ("Dockers at Carrick Quay stopped work on Monday over a new rota.\n\n"
     "Tolland Port said the rota was agreed in March. The Federation of Small Businesses said "
     "hauliers were losing £40,000 a day.\n\n"
     "Prospect said members would stay out until Friday.\n\n"
     "The union said talks with the port would resume on Thursday.",
     "Prospect", ("resume on thursday",)),
    ("Harrowgate Joinery has closed its Penwick works, with 120 jobs lost.\n\n"
     "The Western Building Federation said the closure showed how thin margins had become.\n\n"
     "GMB organiser Tamsin Vell said members had been told by text. The union said it would "
     "seek every unpaid week.",
     "GMB", ("seek every unpaid week",)),
    # ... nor a company whose name says it is one ("X Construction"), though it spoke last
    ("Workers at Ardenholt Construction's Holt yard walked out on Monday.\n\n"
     "Unison said 80 members had joined the strike. Ardenholt Construction said it had made "
     "a fair offer.\n\n"
     "The union said the strike would go on until Easter.",
     "Unison", ("go on until easter",)),
    ("Nurses at Kelbrook Infirmary voted to strike from May.\n\n"
     "Prospect said 400 members had voted. The Welsh Government said talks were under way.\n\n"
     "The union said the first walkout would last two days.",
     "Prospect", ("last two days",)),
    # "the council" of a story about one council is that council, not another council
    # named in passing in the paragraph before ...
    ("Kelmarsh District Council will close the Abbey Road car park in May.\n\n"
     "Kelmarsh District Council said the site would become housing. Residents have until "
     "April to object.\n\n"
     "Braybrook Parish Council chair Anne Toller said the village would lose its only "
     "parking.\n\n"
     "The council said a shuttle bus would run on market days.",
     "Kelmarsh District Council", ("shuttle bus would run",)),
    # ... but the one named in the same paragraph
    ("Kelmarsh District Council will close the Abbey Road car park in May.\n\n"
     "Kelmarsh District Council said the site would become housing.\n\n"
     "Braybrook Parish Council said it would object. The council said the village would lose "
     "its only parking.",
     "Braybrook Parish Council", ("lose its only parking",)),
    # ... but a workers' federation is a union
    ("Bus drivers in Lanmouth will strike on Friday.\n\n"
     "The Transport Workers Federation said the offer was an insult.\n\n"
     "The union said picket lines would form at six.",
     "Transport Workers Federation", ("picket lines would form",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), [*REFERENCES, *DESCRIPTIONS])
def test_reference(nlp, text: str, speaker: str, keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    assert_spoken_by(ex, keys, speaker)


def test_a_body_is_not_what_its_name_only_mentions(nlp) -> None:
    """"the foundry" is no "Foundry Workers Union": the word is in its name, not its head;
    it is the firm whose name says it casts metal."""
    ex = run(nlp, "Members of the Foundry Workers Union walked out at Castings Ltd on "
             "Tuesday.\n\nThe foundry said it would pay the workers' wages for the week.")
    assert_spoken_by(ex, ("pay the workers' wages",), "Castings Ltd")


def test_a_body_called_a_company_is_not_the_union(nlp) -> None:
    ex = run(nlp, "Veltrax said it would close its Coleford plant.\n\nThe company said "
             "demand had fallen.\n\nThe union said members had not been consulted.")
    claim = claim_with(ex, "members had not been consulted")
    assert claim is not None and claim.speaker is None, claims_seen(ex)


def test_a_day_before_a_name_is_not_part_of_it(nlp) -> None:
    ex = run(nlp, "The Harbour Lions beat Westport 20-12 in Sunday's Southern Rugby League "
             "grand final.\n\nThe league said the crowd was a record.")
    claim = claim_with(ex, "crowd was a record")
    assert claim is not None and name_of(ex, claim.speaker) == "Southern Rugby League", \
        claims_seen(ex)


@pytest.mark.parametrize(("text", "person", "title"), [
    # what the description says the person is becomes their role
    ("Declan Rourke was sacked as manager of Ballymeena Town on Saturday.\n\n"
     "“I gave this club everything I had,” the former midfielder said.",
     "Declan Rourke", "former midfielder"),
    ("Beatrix Pellow, 58, lost her house in the flood.\n\n"
     "“The insurers have not called me back,” the 58-year-old nurse said.",
     "Beatrix Pellow", "nurse"),
])
def test_a_description_is_kept_as_a_role(nlp, text: str, person: str, title: str) -> None:
    ex = run(nlp, text)
    assert any(is_named(ex, r.person, person) and r.title == title for r in ex.roles), \
        [(name_of(ex, r.person), r.title) for r in ex.roles]


def test_an_age_or_a_relation_is_no_role(nlp) -> None:
    ex = run(nlp, "Kerrin Moss, 41, says he complained three times.\n\n"
                  "“They just kept saying sorry,” the dad said. “Nobody came,” the 41-year-old "
                  "added.")
    assert not ex.roles, [(name_of(ex, r.person), r.title) for r in ex.roles]


# Descriptions with nothing in the text to refer back to keep no speaker.
NO_ANTECEDENT = [
    # an unnamed chairman is not the chief executive, nor the company
    ("Marlow Haulage's chief executive, Petra Gaunt, said the depot was safe.\n\n"
     "In a letter to staff, the company's chairman said bonuses would be paid in full.",
     ("bonuses would be paid in full",)),
    # another portfolio's secretary is not the minister named
    ("The business secretary, Ivo Marchetti, will visit Coldharbour on Friday.\n\n"
     "The health secretary said the hospital would stay open.",
     ("hospital would stay open",)),
    # someone's lawyer is not whoever the story named last
    ("Harriet Dunmore, 44, denies fraud.\n\n"
     "The lawyer said the trial would last three weeks.",
     ("trial would last three weeks",)),
    ("Whitcombe Stores filed for bankruptcy on Monday.\n\n"
     "Analysts said the filing had been expected for months.",
     ("expected for months",)),
    ("The transport minister, Odile Ferrand, resigned on Monday.\n\n"
     "A source close to the minister said she had been exhausted.",
     ("had been exhausted",)),
    # an unnamed spokesperson after a person spoke: for whom, the text does not say
    ("Tolliver Seeds makes the herbicide. Agronomist Wilhelmina Stroud said it was safe.\n\n"
     "“Field conditions are nothing like a laboratory,” a spokeswoman said.",
     ("nothing like a laboratory",)),
]


@pytest.mark.parametrize(("text", "keys"), NO_ANTECEDENT)
def test_no_antecedent_no_speaker(nlp, text: str, keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is not None, f"no claim holding {keys}; claims {claims_seen(ex)}"
    assert claim.speaker is None, \
        f"speaker {name_of(ex, claim.speaker)!r} ({claim.speaker_text!r}), not nobody"
    assert claim.speaker_text, "the description is kept as the speaker's words"


# (text, key phrases, who must not be the speaker): better no speaker than a wrong one.
NOT_THEM = [
    # an office with no holder in the text is not whoever was named last
    ("Tamsin Rooke, who lives on the estate, said the road was dangerous.\n\n"
     "The senator said federal funding was not available this year.",
     ("federal funding was not available",), "Tamsin Rooke"),
    # "the union" is an organisation, never its president
    ("Union president Dermot Kealy said members would strike.\n\n"
     "The union said talks with the management had failed.",
     ("talks with the management had failed",), "Dermot Kealy"),
    # "the quarry's owner" is not the quarry
    ("Work at Carnmoor Quarry began in 1890.\n\n"
     "The quarry's owner said blasting would stay 400m from the nearest house.",
     ("blasting would stay 400m",), "Carnmoor Quarry"),
    # the outlet spoken to is not "the company"
    ("Dunmore Paper said in an email to the Fundy Courier that the mill would close.\n\n"
     "The company said it had lost money for six years.",
     ("lost money for six years",), "Fundy Courier"),
    # an everyday description looks back only as far as the paragraph before
    ("Ottilie Brandreth, 52, runs the bakery on Mill Street.\n\n"
     "The council said the road would close for a month.\n\n"
     "Traders have asked for compensation.\n\n"
     "The street was empty on Monday.\n\n"
     "“Nobody comes into town any more,” the shopkeeper said.",
     ("nobody comes into town",), "Ottilie Brandreth"),
    # "the Glasgow side" is a team from there, never the place (however the model types it)
    ("Penwarden Town sacked their manager, Tam Reid, on Monday after six straight defeats.\n\n"
     "The Glasgow side said his assistant would take charge for Saturday's match.",
     ("take charge for saturday",), "Glasgow"),
    # "it"/"they" after a speaker the text does not tie to anyone is that speaker, not the one
    # who spoke before
    ("Dunmore Council said the bridge would reopen in June.\n\n"
     "The operator said tolls would rise by 20p. It said the bridge would close at night.",
     ("close at night",), "Dunmore Council"),
    ("Dunmore Council said the bridge would reopen in June.\n\n"
     "Residents said they had waited two years. They said the detour added an hour to every "
     "journey.", ("detour added an hour",), "Dunmore Council"),
]


@pytest.mark.parametrize(("text", "keys", "wrong"), NOT_THEM)
def test_not_them(nlp, text: str, keys: tuple[str, ...], wrong: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is None or not is_named(ex, claim.speaker, wrong), claims_seen(ex)


def test_nobody_is_not_a_speaker(nlp) -> None:
    ex = run(nlp, "Parents at Holmwood Primary said nobody told them the school would close.")
    assert all((c.speaker_text or "").casefold() != "nobody" for c in ex.claims), \
        claims_seen(ex)


TRANSCRIPT = (
    "Ferry Services\n\n"
    "Volume 12: debated on Thursday 6 March 2025\n\n"
    "Mr Alasdair Treharne (Kilbrannan) (Con):\n"
    "Will the Minister tell the House when the new vessel will enter service?\n\n"
    "The Minister for Islands (Morag Dunlevy):\n"
    "I thank the hon. Member for his question. The vessel will sail in the spring.\n\n"
    "Every island community will be consulted on the timetable before then.\n\n"
    "Mr Treharne:\n"
    "Islanders have heard that promise four times since 2019.\n\n"
    "Hon. Members:\n"
    "Hear, hear.\n\n"
    "Question put and agreed to.\n"
)


# An official report numbers its questions: "2. Name (Constituency) (Party):".
NUMBERED_TRANSCRIPT = (
    "Rural Bus Services\n\n"
    "Meeting of the Parliament, Wednesday 4 June 2025\n\n"
    "2. Ailsa Drummond-Hay (Strathmoray) (Lab):\n"
    "To ask the Government what assessment it has made of the loss of the 47 bus route.\n\n"
    "The Minister for Transport (Callum Redpath):\n"
    "Officials have met the operator twice. The route will run until October at least.\n\n"
    "3. Fergus Ollerton (Glenbervie) (Con):\n"
    "Pupils in my constituency leave home at six to reach school on time.\n"
)


@pytest.mark.parametrize("key", ["hear, hear", "question put and agreed to"])
def test_transcript_record_lines_are_nobodys(nlp, key: str) -> None:
    ex = run(nlp, TRANSCRIPT)
    claim = claim_with(ex, key)
    assert claim is None or claim.speaker is None, claims_seen(ex)


def test_news_with_a_colon_is_not_a_transcript(nlp) -> None:
    """One "X said:" line and a heading with a colon do not make a transcript."""
    text = ("Coastguard Rescue: What Happened\n\n"
            "Station officer Bryony Kettle said:\n\n"
            "“The crew were on the water within eight minutes of the call.”\n\n"
            "The lifeboat returned to Porthleven at noon.")
    ex = run(nlp, text)
    assert claim_with(ex, "lifeboat returned to porthleven") is None, claims_seen(ex)


# A Q&A interview: the questions are the paper's, each answer its speaker's, labelled inline.
INTERVIEW = (
    "Mirela Vantberg, chief executive of the Swedish battery maker Lumora, spoke to the "
    "Courier a week after the company said it would cut 200 jobs at its Coleraine plant.\n\n"
    "Q. You promised 400 jobs in Coleraine two years ago. What went wrong?\n\n"
    "Vantberg: We expanded before the orders came. That was my decision and it was wrong.\n\n"
    "We will keep the plant open, and nobody else will lose their job this year.\n\n"
    "Q: Will Lumora repay the grant it received from the executive?\n\n"
    "Vantberg: Every penny that the terms of the grant require us to repay.\n\n"
    "This interview has been edited for length and clarity.\n\n"
    "Since the interview, the economy minister, Declan Moran, has said the executive will "
    "ask for the grant back in full.\n"
)


@pytest.mark.parametrize("key", [
    "expanded before the orders came",
    "keep the plant open",
    "every penny that the terms",
])
def test_interview_answers_belong_to_the_labelled_speaker(nlp, key: str) -> None:
    ex = run(nlp, INTERVIEW)
    claim = claim_with(ex, key)
    assert claim is not None, f"no claim holding {key!r}; claims {claims_seen(ex)}"
    assert is_named(ex, claim.speaker, "Mirela Vantberg"), claims_seen(ex)
    assert claim.text == ex.article.text[claim.start : claim.end]
    assert not claim.text.startswith("Vantberg:")


@pytest.mark.parametrize("key", ["what went wrong", "will lumora repay the grant",
                                 "edited for length", "ask for the grant back"])
def test_interview_questions_are_not_the_interviewees(nlp, key: str) -> None:
    ex = run(nlp, INTERVIEW)
    claim = claim_with(ex, key)
    assert claim is None or not is_named(ex, claim.speaker, "Mirela Vantberg"), claims_seen(ex)


def test_one_labelled_line_in_a_story_is_not_an_interview(nlp) -> None:
    """A lone "Name: words" line (a caption, a list) does not start turns."""
    text = ("The council approved the budget on Tuesday.\n\n"
            "Pictured: Dervla Oakhampton at the opening of the new library in Stourley.\n\n"
            "The library will open six days a week from March.")
    ex = run(nlp, text)
    assert claim_with(ex, "library will open six days") is None, claims_seen(ex)


# Transcripts as parliaments, hearings, inquiries and broadcasters print them.
# A state parliament: the label inline, an electorate and an office in brackets with an
# en dash, a time stamp holding a colon; the chair by office; a name the model may miss.
STATE_HANSARD = (
    "Legislative Council\n\n"

    "QUESTIONS WITHOUT NOTICE\n\n"
    "Ms ORLA PENHALIGON (Tallowmere) (11:04): My question is to the Minister for Ports. Why "
    "has the Kessock ferry been cancelled on nine days this month?\n\n"
    "The Hon. DMITRI VASSALOTTI (Brannock—Minister for Ports) (11:05): I thank the member. "
    "Two engines failed in the same week and the spare vessel was in dry dock.\n\n"
    "The PRESIDENT: Order! The member for Tallowmere will come to order.\n\n"
    "The Hon. DMITRI VASSALOTTI: A second spare vessel will be leased from April.\n\n"
    "The DEPUTY PRESIDING OFFICER (Gwenllian Rhys-Tanner): Order. The minister may go on.\n\n"
    "The Hon. DMITRI VASSALOTTI: The new timetable starts in May.\n\n"
    "The DEPUTY PRESIDING OFFICER: Order. That is not a point of order.\n"
)
# The chair named in the report's prose, then by office alone in the labels.
CHAIR_NAMED = (
    "Elspeth Marchbank, the Deputy Speaker, took the chair at 2.30 pm.\n\n"
    "The DEPUTY SPEAKER: Order. Members will resume their seats.\n\n"
    "Mr TOBIAS WRENFIELD (Lowfield): I rise on a point of order about the ferry contract.\n\n"
    "The DEPUTY SPEAKER: I will hear the member briefly.\n"
)
# A congressional hearing's printed record: "Title SURNAME." and a statement heading.
HEARING = (
    "STATEMENT OF WENONA ACHTERBERG, ADMINISTRATOR, RURAL WATER OFFICE\n\n"
    "Senator QUILLFEATHER. The hearing will come to order. I welcome our witness.\n\n"
    "Ms. ACHTERBERG. Thank you, Senator. Our office funded 41 new wells last year.\n\n"
    "Most of those wells serve towns of fewer than 500 people.\n\n"
    "STATEMENT OF LUCIAN FERROW, DIRECTOR, PLAINS IRRIGATION ALLIANCE\n\n"
    "Mr. FERROW. Our members have waited three years for the permits.\n"
)
# The Dail: the speaker's name and office on one line, the speech on the next.
NAME_LINES = (
    "Topical Issue Debate\n\n"
    "Deputy Saoirse Ní Bhraonáin\n"
    "I raise the school in Ballycastlebar, which has had no heating since October.\n\n"
    "Minister of State at the Department of Education (Deputy Tadhg Ó Fearraigh)\n"
    "A contractor has been appointed and the boilers will be replaced at Christmas.\n\n"
    "Deputy Saoirse Ní Bhraonáin\n"
    "Parents were promised the same thing last year, and I do not believe it.\n"
)
# A public inquiry: the witness sworn in, counsel examining, answers as "A.".
INQUIRY = (
    "HARBOUR WALL INQUIRY\n\n"
    "THE CHAIR: Good morning. Mr Pardoe, your first witness.\n\n"
    "MR PARDOE: Thank you, sir. I call Ingrid Solvang.\n\n"
    "MS INGRID SOLVANG (sworn)\n\n"
    "Examination by MR PARDOE\n\n"
    "Q. Ms Solvang, you inspected the harbour wall in 2023?\n"
    "A. I did. The cracks in the north face were wider than the year before.\n"
    "Q. Did you report them?\n"
    "A. I wrote to the harbour board the same week.\n"
)
# A radio interview: the host says so in the first label; time stamps before labels.
RADIO = (
    "[00:00:04] KESTREL DUNWOODY, HOST: Flood barriers in Tewkesbury failed on Saturday. "
    "With me is Ravi Ostrander of the Severn Flood Board. What went wrong?\n\n"
    "[00:00:15] RAVI OSTRANDER: The pumps lost power when the substation flooded.\n\n"
    "[00:00:31] DUNWOODY: Why was the substation not protected?\n\n"
    "[00:00:36] OSTRANDER: It was on the list for next year. That was too late.\n\n"
    "[00:00:52] MODERATOR: We have to leave it there.\n\n"
    "Listeners can send questions to the programme.\n"
)
# A print Q&A with the answers as "A:" and the writer's byline.
PRINT_QA = (
    "Marisol Etxeberria took charge of the Dunmere hospital trust in May. She tells "
    "Colm Hartigan why she closed two wards.\n\n"
    "By Colm Hartigan\n\n"
    "Marisol Etxeberria meets me in her office above the car park.\n\n"
    "Q: Why close the wards?\n\n"
    "A: Because we could not staff them safely, and I would not pretend otherwise.\n\n"
    "Q: Will they reopen?\n\n"
    "A: Next winter, if we can recruit 40 nurses by September.\n"
)


@pytest.mark.parametrize(("text", "speaker", "key"), [
    (TRANSCRIPT, "Alasdair Treharne", "when the new vessel will enter service"),
    (TRANSCRIPT, "Morag Dunlevy", "the vessel will sail in the spring"),
    (TRANSCRIPT, "Morag Dunlevy", "every island community will be consulted"),
    (TRANSCRIPT, "Alasdair Treharne", "heard that promise four times"),
    (NUMBERED_TRANSCRIPT, "Ailsa Drummond-Hay", "loss of the 47 bus route"),
    (NUMBERED_TRANSCRIPT, "Callum Redpath", "officials have met the operator twice"),
    (NUMBERED_TRANSCRIPT, "Fergus Ollerton", "leave home at six"),
    (STATE_HANSARD, "ORLA PENHALIGON", "why has the kessock ferry been cancelled"),
    (STATE_HANSARD, "DMITRI VASSALOTTI", "two engines failed in the same week"),
    (STATE_HANSARD, "DMITRI VASSALOTTI", "second spare vessel will be leased"),
    (STATE_HANSARD, "The PRESIDENT", "will come to order"),
    (STATE_HANSARD, "Gwenllian Rhys-Tanner", "not a point of order"),
    (CHAIR_NAMED, "Elspeth Marchbank", "members will resume their seats"),
    (CHAIR_NAMED, "Elspeth Marchbank", "hear the member briefly"),
    (CHAIR_NAMED, "TOBIAS WRENFIELD", "point of order about the ferry"),
    (HEARING, "Senator QUILLFEATHER", "the hearing will come to order"),
    (HEARING, "ACHTERBERG", "funded 41 new wells"),
    (HEARING, "ACHTERBERG", "serve towns of fewer than 500"),
    (HEARING, "LUCIAN FERROW", "waited three years for the permits"),
    (NAME_LINES, "Saoirse Ní Bhraonáin", "no heating since october"),
    (NAME_LINES, "Tadhg Ó Fearraigh", "a contractor has been appointed"),
    (NAME_LINES, "Saoirse Ní Bhraonáin", "promised the same thing last year"),
    (INQUIRY, "THE CHAIR", "good morning"),
    (INQUIRY, "Ingrid Solvang", "cracks in the north face were wider"),
    (INQUIRY, "Ingrid Solvang", "wrote to the harbour board"),
    (RADIO, "RAVI OSTRANDER", "pumps lost power"),
    (RADIO, "RAVI OSTRANDER", "on the list for next year"),
    (PRINT_QA, "Marisol Etxeberria", "could not staff them safely"),
    (PRINT_QA, "Marisol Etxeberria", "if we can recruit 40 nurses"),
])
def test_transcript_speech_belongs_to_the_speaker_line(nlp, text: str, speaker: str,
                                                       key: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is not None, f"no claim holding {key!r}; claims {claims_seen(ex)}"
    assert is_named(ex, claim.speaker, speaker), claims_seen(ex)
    assert claim.text == ex.article.text[claim.start : claim.end]


@pytest.mark.parametrize(("text", "key"), [
    (RADIO, "why was the substation not protected"),  # the host asks
    (RADIO, "what went wrong"),
    (RADIO, "we have to leave it there"),  # a label naming nobody ends the turn
    (HEARING, "statement of lucian ferrow"),  # a heading in capitals is the record's
    (INQUIRY, "did you report them"),  # counsel's question
    (INQUIRY, "i call ingrid solvang"),
    (PRINT_QA, "will they reopen"),
])
def test_transcript_questions_and_record_lines_are_not_the_speakers(nlp, text: str,
                                                                   key: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    answering = ("RAVI OSTRANDER", "KESTREL DUNWOODY", "WENONA ACHTERBERG", "Ingrid Solvang",
                 "Marisol Etxeberria")
    assert claim is None or not any(is_named(ex, claim.speaker, name) for name in answering), \
        claims_seen(ex)


def test_name_lines_in_a_story_are_not_a_transcript(nlp) -> None:
    """Subheadings that are names, a byline and a caption do not start turns."""
    text = ("Three candidates for mayor of Carnforth\n\n"
            "By Deputy Editor Alys Pennington\n\n"
            "Dr Hamid Qureshi\n"
            "The retired surgeon wants a new bus station by 2028.\n\n"
            "Cllr Bronagh Tiernan\n"
            "The sitting councillor has run the housing committee for six years.\n")
    ex = run(nlp, text)
    for key in ("wants a new bus station", "has run the housing committee"):
        claim = claim_with(ex, key)
        assert claim is None or claim.speaker is None, claims_seen(ex)


def test_words_in_the_first_person_after_a_paragraph_about_one_person(nlp) -> None:
    """A feature's "X, 71, has lived here since 1968." then a quotation in the first person
    with no cue: X's words; in the third person, or after a paragraph about no one, nobody's."""
    ex = run(nlp, "Maud Penhale, 71, has lived on Quarry Row since 1968.\n\n"
                  "“I have never seen the water this high. Not once in fifty years.”")
    claim = claim_with(ex, "never seen the water this high")
    assert claim is not None and is_named(ex, claim.speaker, "Maud Penhale"), claims_seen(ex)
    ex = run(nlp, "Maud Penhale, 71, has lived on Quarry Row since 1968.\n\n"
                  "“The water has never been this high. Not once in fifty years.”")
    claim = claim_with(ex, "never been this high")
    assert claim is None or claim.speaker is None, claims_seen(ex)


# Quotes and cues that are not what they seem.
def test_a_new_sentence_after_a_quote_is_not_its_attribution(nlp) -> None:
    text = ("Last month I met Mr Ifor Penrose, who runs the forge. He told me: “I am losing "
            "money on every horse I shoe.” The Farriers Guild has warned that half the forges "
            "in Wales could close.")
    ex = run(nlp, text)
    claim = claim_with(ex, "losing money on every horse")
    assert claim is not None and is_named(ex, claim.speaker, "Ifor Penrose"), claims_seen(ex)


def test_a_question_claims_nothing(nlp) -> None:
    ex = run(nlp, "Does the Minister agree that the Ardlow ferry must be replaced this year?")
    assert claim_with(ex, "ferry must be replaced") is None, claims_seen(ex)


# (text, speaker, key phrases one claim holds): reported speech with less common shapes.
REPORTED = [
    # "told X" and a clause whose subject has a determiner: not a relative clause of X
    ("The inquiry into the Carrick bridge collapse resumed on Monday. Lawyer Tomas Lindgren "
     "told the hearing the firm had ignored three warnings from its own engineers.",
     "Tomas Lindgren", ("ignored three warnings",)),
    # verbs of reckoning, telling and assuring report what follows them
    ("The Upland Bus Alliance has calculated that one in three hamlets in Wensleydale has no "
     "Sunday service.", "Upland Bus Alliance", ("one in three hamlets",)),
    ("Carnmore Ambulance Service has informed me that the call was treated as an "
     "emergency.", "Carnmore Ambulance Service", ("treated as an emergency",)),
    ("Gwenllian Auber disclosed that the bridge had failed two inspections.",
     "Gwenllian Auber", ("failed two inspections",)),
    ("Tobiah Venn, the harbourmaster, reassured owners that no moorings would be lost.",
     "Tobiah Venn", ("no moorings would be lost",)),
    # cues that govern an object: the verb and its object read as the claim
    ("Councillor Petra Lindqvist urged both sides to return to the negotiating table.",
     "Petra Lindqvist", ("urged both sides to return",)),
    ("Harlan Moffatt vowed to take the case to the High Court.",
     "Harlan Moffatt", ("vowed to take the case",)),
    ("Fenella Ruddock described the offer as “an insult to every driver”.",
     "Fenella Ruddock", ("described the offer as", "an insult to every driver")),
    ("Opposition leader Cormac Ashby accused the mayor of “hiding the figures”.",
     "Cormac Ashby", ("accused the mayor of", "hiding the figures")),
    ("The Ferry Operators Association welcomed the new timetable.",
     "Ferry Operators Association", ("welcomed the new timetable",)),
    ("Harbour coach Dermot Leary said his players had no excuses but questioned the "
     "decision that ended the game.", "Dermot Leary", ("questioned the decision",)),
    # less common cues
    ("Ilsa Whitcombe confessed that she had never read the report.",
     "Ilsa Whitcombe", ("had never read the report",)),
    ("Defence lawyer Oren Castellane countered that the search had been unlawful.",
     "Oren Castellane", ("search had been unlawful",)),
    ("Wildlife flows could fall by a third in August, the Tamsworth River Trust estimated.",
     "Tamsworth River Trust", ("could fall by a third",)),
    # the clause hangs on "an email", not on the verb
    ("Quentin Marlowe told staff in an email that recruitment had been frozen.",
     "Quentin Marlowe", ("recruitment had been frozen",)),
    # "told reporters deputies would go": the parser takes "deputies" for an object
    ("Sheriff Lorna Tagg told reporters deputies would go door to door until midnight.",
     "Lorna Tagg", ("deputies would go door to door",)),
    # a cue inside an if-clause is still the first speaker's words
    ("Bridget Halloran said the nurses would strike if the board did not agree to hire "
     "more staff.", "Bridget Halloran", ("nurses would strike", "agree to hire more staff")),
    # "... and that ..." goes on with the same speaker
    ("Wexford Homes said the estate would include a school and that it had agreed to pay "
     "for a new junction.", "Wexford Homes", ("agreed to pay for a new junction",)),
    # a clause before its cue with a few quoted words inside is reported speech
    ("The barrier had “performed as designed” but was overtopped by the surge, the Orwell "
     "Rivers Authority said.", "Orwell Rivers Authority", ("overtopped by the surge",)),
    # "X's view is that ...": the view is what X said
    ("Dr Anselm Trewhella’s view is that the clinic could stay open with two more nurses.",
     "Anselm Trewhella", ("clinic could stay open",)),
    ("Brisco Haulage said little on Monday. The company's position is that the depot "
     "will close in March.", "Brisco Haulage", ("depot will close in march",)),
    ("Marisol Quenby chairs the parish council. Her view was that the car park had been "
     "built in the wrong place.", "Marisol Quenby", ("built in the wrong place",)),
    ("In Ines Holloway's view, the tribunal had ignored the evidence.",
     "Ines Holloway", ("tribunal had ignored the evidence",)),
    # the clause the parser hangs on the one told, or on where it was said, as a relative
    ("Magnus Ellery told the tribunal he had refused three transfers to other depots.",
     "Magnus Ellery", ("refused three transfers",)),
    ("Cressida Vaun, a night porter who was told her shifts were being cut, wrote in a "
     "Facebook post that porters had heard of the change from a rota pinned to a wall.",
     "Cressida Vaun", ("heard of the change from a rota",)),
    # "added that ..." with the "that" hung inside the clause
    # a quotation opening a sentence the parser left joined to the reported one
    ("According to Ines Carvell, a broker at Halden Partners, at least six lenders are "
     "planning similar rises this year. \"The numbers are ugly. Every bank will follow,\" "
     "she said.", "Ines Carvell", ("at least six lenders are planning",)),
    # a cue inside quoted words of the clause is the speaker's, and the closing mark after
    # the full stop belongs to the claim
    ('His lawyer, Nell Ambrose, said Corrigan had been questioned by detectives and "told '
     'them exactly what he told his foreman."', "Nell Ambrose",
     ("questioned by detectives", "what he told his foreman.\"")),
    # "she continued." goes on speaking
    ("Marta Quill runs the yard.\n\n“Tide power is predictable years ahead,” she continued. "
     "“That matters to a grid that leans on wind.\n\n“We want the turbines built within "
     "sight of the bay.”", "Marta Quill", ("turbines built within sight of the bay",)),
    # "described X as Y" with the "as" hung inside X
    ('The Fenmoor Drainage Board has previously described a £2m plan to rebuild the wall as '
     '"not affordable at present".', "Fenmoor Drainage Board", ("£2m plan to rebuild",)),
    # the speaker between the closing mark and the cue, hung on the quotation
    ('"Nobody asked the tenants, and the board knows it," the association\'s chair, Maud '
     'Ellison, said.', "Maud Ellison", ("nobody asked the tenants",)),
    ("Olwen Briggs runs the hostel. She added that the trust had secured promises from two "
     "builders for the first phase.", "Olwen Briggs", ("secured promises from two builders",)),
    # what is put down to what, an appeal to someone to act, a view with a finite clause
    ("Ferry operator Jo Pike attributed the cancellations to a shortage of engineers.",
     "Jo Pike", ("cancellations to a shortage of engineers",)),
    ("Tom Hale appealed to the drivers to return to work on Monday.",
     "Tom Hale", ("drivers to return to work",)),
    ("Rovers manager Kit Varley felt the goal should have been ruled out for offside.",
     "Kit Varley", ("goal should have been ruled out",)),
]


# A pronoun after a speaker spoke of someone: the speaker, not the one spoken of; a person
# named outside anyone's words is still the one a pronoun means.
PRONOUN_AFTER_SPOKEN_OF = [
    ("Rovers manager Kit Varley said keeper Tom Hale, who gave away the penalty, had "
     "apologised to the squad. \"He didn't need to. He's saved us plenty this season,\" he "
     "added.", "Kit Varley", ("saved us plenty",)),
    ("Police said Tom Hale, 34, had been arrested at his home. \"I did nothing wrong,\" he "
     "said.", "Tom Hale", ("did nothing wrong",)),
    ("Kit Varley named Tom Hale as captain on Friday. Hale has played 200 games. \"It is an "
     "honour,\" he said.", "Tom Hale", ("it is an honour",)),
    # ... with a quotation of the speaker's between, in the next paragraph
    ("Kit Varley said keeper Tom Hale had been the best player on the pitch. \"We owe him a "
     "lot. The fans love him. We will keep him whatever it costs.\"\n\nHe added that the side "
     "still had to improve.", "Kit Varley", ("side still had to improve",)),
]


def test_a_minister_of_one_portfolio_is_not_the_chief_minister(nlp) -> None:
    ex = run(nlp, "The island's bus operator is to scrap Sunday services to the airport, the "
                  "Transport Minister told the assembly yesterday.\n\n"
                  "Later, Deputy Tom Hale asked the Chief Minister whether the contract would go "
                  "to tender. The Chief Minister, Deputy Piers Renouf, said that remained the "
                  "plan.")
    claim = claim_with(ex, "scrap sunday services")
    assert claim is None or claim.speaker is None, claims_seen(ex)
    claim = claim_with(ex, "remained the plan")
    assert claim is not None and is_named(ex, claim.speaker, "Piers Renouf"), claims_seen(ex)


@pytest.mark.parametrize(("text", "speaker", "keys"), PRONOUN_AFTER_SPOKEN_OF)
def test_a_pronoun_after_a_speaker_spoke_of_someone(nlp, text: str, speaker: str,
                                                    keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is not None and is_named(ex, claim.speaker, speaker), claims_seen(ex)


@pytest.mark.parametrize(("text", "speaker", "keys"), REPORTED)
def test_reported_speech(nlp, text: str, speaker: str, keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = assert_spoken_by(ex, keys, speaker)
    assert ex.article.text[claim.start : claim.end] == claim.text


def misparsed(nlp, text: str, arcs: dict[str, tuple[str, str]],
              pos: dict[str, str] | None = None) -> Extraction:
    """`text` through `extract` with some arcs of its parse set as a parser may get them
    wrong (word -> (its head, its label)), and some parts of speech as a tagger may (word ->
    tag), so that a rule for that parse is tested whatever the model makes of this sentence."""
    doc = nlp(text)
    words = [t.text for t in doc]
    for word, (head, label) in arcs.items():
        doc[words.index(word)].head = doc[words.index(head)]
        doc[words.index(word)].dep_ = label
    for word, tag in (pos or {}).items():
        doc[words.index(word)].pos_ = tag
    return extract(doc, Article(id=article_id(text), key="t", text=text, title=None,
                                published=PUBLISHED))


@pytest.mark.parametrize(("text", "arcs", "speaker", "key"), [
    # what was said taken for a relative clause on the one it was said to
    ("Gorsefield Haulage said in an email to Tolverne News that it had sold 40 lorries since "
     "March.", {"sold": ("News", "relcl")}, "Gorsefield Haulage", "it had sold 40 lorries"),
    # the subject taken into a relative clause: the name beside the title opening the sentence
    ("The local MP, Ambrose Kettering, whose seat includes the quarry, said he would write to "
     "the minister.", {"MP": ("includes", "nsubj"), "includes": ("said", "ccomp")},
     "Ambrose Kettering", "he would write to the minister"),
    # the speaker after a cue that follows the closing mark, hung on the quotation
    ("‘So long as the pies stay hot, I’m not bothered,’ quipped one diner, retired joiner Ivo "
     "Brandt.", {"Brandt": ("diner", "appos"), "diner": ("bothered", "dobj")}, "Ivo Brandt",
     "pies stay hot"),
    # the name of a closing tag taken into the clause before it, the cue left with no subject
    ("The blast happened shortly after 6 a.m. in the paint shop at Pellow Metalworks, which "
     "makes trailer frames, Hartwell Fire Chief Dana Whitlow said.\n\nCrews stayed until noon.",
     {"Whitlow": ("Metalworks", "appos"), "happened": ("said", "ccomp")}, "Dana Whitlow",
     "in the paint shop at pellow metalworks"),
    # the clause and its tag read as two clauses side by side
    ("Polls closed an hour ago. Turnout was 38.5 per cent, returning officer Marian "
     "Quellford-Dane has announced.\n\nThe first bundles are being checked.",
     {"announced": ("was", "conj"), "Dane": ("announced", "nsubj")}, "Marian Quellford-Dane",
     "turnout was 38.5 per cent"),
    # a finite verb after a dateline hung on the name as a participle
    ("NEW YORK (AP) — Corvane Living Inc., the struggling furniture retailer, filed for "
     "bankruptcy protection on Tuesday and said it would close 80 of its 300 stores.",
     {"Inc.": ("YORK", "conj"), "filed": ("Inc.", "acl"), "said": ("filed", "conj")},
     "Corvane Living Inc.", "it would close 80 of its 300 stores"),
])
def test_reported_speech_the_parser_got_wrong(nlp, text: str, arcs: dict[str, tuple[str, str]],
                                              speaker: str, key: str) -> None:
    ex = misparsed(nlp, text, arcs)
    claim = claim_with(ex, key)
    assert claim is not None and is_named(ex, claim.speaker, speaker), claims_seen(ex)


def test_a_clause_and_a_tag_joined_by_and_are_two_things(nlp) -> None:
    """"The mill closed in May and Jo Pike announced her retirement." reports nothing: the
    second clause is joined by "and", not a tag set after a comma."""
    ex = misparsed(nlp, "The mill at Strade closed in May, and its owner Ottilie Brame has "
                        "announced.", {"announced": ("closed", "conj")})
    claim = claim_with(ex, "mill at strade closed")
    assert claim is None or claim.speaker is None, claims_seen(ex)


def test_a_title_tagged_as_a_verb_still_describes_the_person(nlp) -> None:
    # "the skipper" is the one introduced as captain (another name of the post), far back
    ex = misparsed(nlp, "The winning try came from a long pass by Harbour Lions captain Tevita "
                        "Mahe, who was playing his 150th game.\n\n"
                        "The coach, Rhys Gwilt, said the side had trained in the snow.\n\n"
                        "The league said the crowd of 4,100 was a record.\n\n"
                        "Fans stayed on the pitch for an hour after the whistle.\n\n"
                        "The skipper said the win belonged to the fans who stood in the rain.",
                   {}, {"captain": "VERB"})
    claim = claim_with(ex, "belonged to the fans")
    assert claim is not None and is_named(ex, claim.speaker, "Tevita Mahe"), claims_seen(ex)


# Verbs of speech used otherwise: nobody claims anything here.
NOT_CLAIMS = [
    ("A documentary called The Quiet Harbour will open the Penwith festival on Friday.",
     "the quiet harbour"),
    ("Councillor Ysolde Marrack was told that the report would be published in June.",
     "report would be published in june"),
    ("The chapel was criticised for hosting a “Healing Weekend” in the village hall.",
     "healing weekend"),
    ("The Dunmere contractors were blamed for delays and rising costs on the bypass.",
     "delays and rising costs"),
    ("Firefighters called the Tregony control room at midnight to ask for a second crew.",
     "the tregony control room"),
    ("Orders at Tavish Mills continued to fall through the spring, its accounts show.",
     "to fall through the spring"),
    # an appeal to a court or for witnesses, a feeling with no finite clause
    ("Carrow Rovers appealed against the red card shown to their captain.", "the red card"),
    ("Hartwell Police appealed for witnesses to come forward after the crash.",
     "witnesses to come forward"),
    ("Residents of Pellow felt the ground shake twice in the night.", "the ground shake"),
    # a question put to the speaker, and a question left unanswered, are nobody's claim
    ("Asked whether the Selby Row bridge would reopen by Easter, Ms Tolland said: \"We are "
     "hopeful.\"", "bridge would reopen by easter"),
    ("Asked what the closure would mean, Mr Penhallow answered in Cornish.",
     "closure would mean"),
    ("Corran Veitch declined to say whether the boatyard at Skerrick would be sold.",
     "boatyard at skerrick would be sold"),
]

# A name and a colon with no verb before a quotation, as live pages and round-ups write
# them: the one named speaks (a party before the title does not).
COLON_INTRODUCED = [
    ("The count finished at 3am.\n\n"
     "Labour deputy leader Harriet Colquhoun on social media: “Ostley, thank you! Marian will "
     "be a brilliant MP.”", "Harriet Colquhoun", ("will be a brilliant mp",)),
    ("The plant will stay shut until Monday.\n\n"
     "Pellow Metalworks, in a statement: \"We are cooperating fully with the investigation.\"",
     "Pellow Metalworks", ("cooperating fully",)),
    # a verb of sending a message is a cue
    ("Listeners have been in touch. Morwenna from St Ives texted: \"Keep the airport open. My "
     "son flies home every Christmas.\"", "Morwenna", ("keep the airport open",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), COLON_INTRODUCED)
def test_a_name_and_a_colon_introduce_a_quotation(nlp, text: str, speaker: str,
                                                  keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is not None and is_named(ex, claim.speaker, speaker), claims_seen(ex)


def test_what_a_name_owns_before_a_colon_does_not_speak(nlp) -> None:
    """"X's three demands: '...'" lists them; X is not quoted saying it."""
    ex = run(nlp, "The strike began at dawn.\n\nHattie Brune's three demands: \"a pay rise, a "
                  "safe floor and an apology\".")
    claim = claim_with(ex, "a safe floor")
    assert claim is None or claim.speaker is None, claims_seen(ex)


# A question the speaker asks, or a doubt they voice, is still theirs.
QUESTIONS_ASKED = [
    ("The contractor, Brisk Roofing, wrote to the parish asking why its invoices had not been "
     "paid.", "Brisk Roofing", ("invoices had not been paid",)),
    ("Councillor Wynne Abernethy questioned whether the Lantern Trust could run the pool.",
     "Wynne Abernethy", ("could run the pool",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), QUESTIONS_ASKED)
def test_a_question_the_speaker_asks_is_theirs(nlp, text: str, speaker: str,
                                               keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is not None and is_named(ex, claim.speaker, speaker), claims_seen(ex)


@pytest.mark.parametrize(("text", "key"), NOT_CLAIMS)
def test_not_a_claim(nlp, text: str, key: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is None or claim.speaker is None, claims_seen(ex)


# One statement split by its cue is one claim (issue 10): "'A,' he said. 'B.'"
SPLIT_BY_CUE = [
    ("“The pier has been shut since October,” said Ottoline Braddock. “Nobody has told us "
     "when it will reopen.”", "Ottoline Braddock", ("shut since october", "when it will reopen")),
    ("Duncan Ashworth runs the chandlery on the quay.\n\n"
     '"We were never asked," he said, "and we were never told."',
     "Duncan Ashworth", ("never asked", "never told")),
    ("Imelda Corrigan, who has kept the village shop for 30 years, said: ‘The rent doubled in "
     "March.’ ‘I cannot make it pay.’", "Imelda Corrigan", ("rent doubled", "make it pay")),
    # the parser takes the quote after the cue for its clause
    ("Councillor Hester Pellingham voted against the plan.\n\n"
     '"We are being asked to trust a developer that will not say how many homes it will '
     'build," she said. "I\'m not willing to do that."',
     "Hester Pellingham", ("trust a developer", "not willing to do that")),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), SPLIT_BY_CUE)
def test_a_quote_split_by_its_cue_is_one_claim(nlp, text: str, speaker: str,
                                               keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is not None, f"no one claim holding {keys}; claims {claims_seen(ex)}"
    assert is_named(ex, claim.speaker, speaker), claims_seen(ex)
    assert claim.text == ex.article.text[claim.start : claim.end]
    assert len(ex.claims) == 1, claims_seen(ex)


def test_a_quote_paragraph_after_a_split_quote_goes_on_from_the_whole_claim(
        nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    """The claim a cue-less quote paragraph goes on from is the one merged from the split
    quote before it, not the part it was merged from (which is in no output)."""
    looked_up: list[Claim | None] = []
    last_before = claims._ByStart.last_before

    def spy(self: claims._ByStart, position: int) -> Claim | None:
        looked_up.append(last_before(self, position))
        return looked_up[-1]

    monkeypatch.setattr(claims._ByStart, "last_before", spy)
    for text, _, keys in SPLIT_BY_CUE[::3]:
        looked_up.clear()
        ex = run(nlp, text + "\n\n“The village deserves a straight answer before anything is "
                 "signed.”")
        whole = claim_with(ex, *keys)
        assert looked_up == [whole], (looked_up, claims_seen(ex))
        assert claim_with(ex, "straight answer").speaker == whole.speaker


@pytest.mark.parametrize("text", [
    # a second cue of its own makes a second claim
    "“The pier has been shut since October,” said Ottoline Braddock. “Nobody has told us "
    "when it will reopen,” she added.",
    # two speakers in one paragraph
    "“The pier has been shut since October,” said Ottoline Braddock. “It will reopen in May,” "
    "the harbourmaster, Cosmo Pardew, replied.",
])
def test_quotes_with_cues_of_their_own_stay_apart(nlp, text: str) -> None:
    ex = run(nlp, text)
    assert claim_with(ex, "shut since october", "reopen") is None, claims_seen(ex)
    assert claim_with(ex, "shut since october") is not None, claims_seen(ex)


# A cue inside what someone is reported to have said is part of their claim, not a claim of
# its own ("X said the union had warned that ..."): X is the one the reader hears it from.
@pytest.mark.parametrize(("text", "speaker", "key"), [
    ("Branch secretary Morwenna Tregear said the union had warned for a year that the depot "
     "needed new cranes.", "Morwenna Tregear", "needed new cranes"),
    ("The residents' association chair, Ifor Pengelly, said the group would ask the council to "
     "pay for new fencing.", "Ifor Pengelly", "pay for new fencing"),
])
def test_a_cue_inside_a_reported_clause_is_the_speakers(nlp, text: str, speaker: str,
                                                          key: str) -> None:
    ex = run(nlp, text)
    holding = [c for c in ex.claims if key in " ".join(c.text.split()).casefold()]
    assert holding, claims_seen(ex)
    assert all(is_named(ex, c.speaker, speaker) for c in holding), claims_seen(ex)


def test_a_surname_is_the_person_where_the_entity_pass_typed_a_piece_of_it(nlp) -> None:
    """'Pierce-Whitfield, who chairs ..., said': the model may tag 'Whitfield' alone as an
    organisation; a surname that is one named person's is that person."""
    from storygraph.extract.entities import EntityIndex, IndexedMention
    from storygraph.extract.reference import resolve_reference
    from storygraph.model import Entity

    text = ("Councillor Odalys Brinkley-Marsh chairs the finance committee.\n\n"
            "Brinkley-Marsh, who is not on the board, said the reserve fund could pay.")
    doc = nlp(text)
    piece = text.rindex("Marsh,")
    index = EntityIndex(
        [Entity("p", "Odalys Brinkley-Marsh", "PERSON"), Entity("o", "Marsh", "ORG")],
        {"p": "PERSON", "o": "ORG"}, {}, {},
        [IndexedMention(11, 32, "p", "name"), IndexedMention(piece, piece + 5, "o", "name")])
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.idx >= text.index("\n\n")
                   and t.head.lemma_ == "say")
    assert resolve_reference(doc, subject, index, []).entity == "p"


def test_a_name_the_entity_pass_left_unlinked_at_its_place(nlp) -> None:
    """'Farriers said' (a surname the parser takes for a common noun), 'Ms Tallis said' (an
    honorific before the surname): the person named in full before, when the index holds no
    mention there; not 'Mr Tallis' for a woman (a husband, perhaps)."""
    from storygraph.extract.entities import EntityIndex, IndexedMention
    from storygraph.extract.reference import resolve_reference
    from storygraph.model import Entity

    text = ("Wal Farriers lost 900 sheep in the flood. Noreen Tallis runs the shop.\n\n"
            "Farriers said the claim was still under review.\n\n"
            "Ms Tallis said the insurer had not called.\n\n"
            "Mr Tallis said nothing at all.")
    doc = nlp(text)
    index = EntityIndex(
        [Entity("p", "Wal Farriers", "PERSON"), Entity("q", "Noreen Tallis", "PERSON")],
        {"p": "PERSON", "q": "PERSON"}, {"q": "f"}, {},
        [IndexedMention(0, 12, "p", "name"), IndexedMention(42, 55, "q", "name")])
    subjects = [next(c for c in t.children if c.dep_ == "nsubj")
                for t in doc if t.lemma_ == "say"]
    assert [resolve_reference(doc, s, index, []).entity for s in subjects] == ["p", "q", None]


# Quoted words in title case or capitals with no cue are a title, a slogan or a sign: no claim.
@pytest.mark.parametrize(("text", "key"), [
    ('Protesters outside Kelvedon town hall carried banners reading "Save Our Harbour, '
     'Not Their Marina" on Saturday.', "save our harbour"),
    ("The council's leaflet, “Fewer Bins for a Better Borough”, went to every house in May.",
     "fewer bins for a better borough"),
    ("A sign on the door of the Tollgate Arms read ‘CLOSED — NO BEER — NO STAFF’ all week.",
     "no beer"),
])
def test_a_title_or_a_slogan_is_no_claim(nlp, text: str, key: str) -> None:
    ex = run(nlp, text)
    assert claim_with(ex, key) is None, claims_seen(ex)


def test_an_uncued_quote_in_sentence_case_is_still_a_claim(nlp) -> None:
    ex = run(nlp, "The notice went up on Monday.\n\n"
                  "“Nobody from the council has told us where the children will go.”")
    assert claim_with(ex, "where the children will go") is not None, claims_seen(ex)


# What a reported clause takes in when the parser cuts it short.
@pytest.mark.parametrize(("text", "keys"), [
    # a second verb with "would" and no subject of its own goes on with what was said
    ("The Marlow Water Board said it was “deeply concerned” and would set up an inquiry into "
     "the leaks.", ("deeply concerned", "set up an inquiry")),
    # ... so does one in the tense of the clause, "was" or "had" without a subject
    ("Ostler Mills said in a statement that it was “devastated” and was working with the "
     "inspectors.", ("devastated", "working with the inspectors")),
    # a list of clauses the parser hangs on the cue one by one
    ("A spokeswoman for Pellow Dairies said the tanks had been steam-cleaned, a new pump "
     "control system installed and all drivers retrained over the summer.",
     ("tanks had been steam-cleaned", "drivers retrained")),
    # a word the parser splits at its hyphen
    ("Rohan Tewksbury said the landlord had co-operated fully with the inspectors.",
     ("co-operated fully with the inspectors",)),
])
def test_a_reported_clause_runs_on(nlp, text: str, keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    assert claim_with(ex, *keys) is not None, claims_seen(ex)


def test_what_the_speaker_then_did_is_not_what_was_said(nlp) -> None:
    ex = run(nlp, "The Marlow Water Board said it was “deeply concerned” and walked out of the "
                  "hearing.")
    assert claim_with(ex, "deeply concerned") is not None, claims_seen(ex)
    assert claim_with(ex, "walked out") is None, claims_seen(ex)
