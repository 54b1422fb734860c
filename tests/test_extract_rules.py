"""End-to-end rule tables: short texts through `extract`, asserted as a journalist would read them.

Every text here is written for these tests; its people, places and organisations appear
neither in the seed article nor in tests/data/corpus, so a rule cannot pass by having been
tuned on them. Each table is `(text, expected...)`; the helpers map entity ids to names so a
failure shows what the extractor found instead.
"""

from __future__ import annotations

import re

import pytest

from storygraph.extract import extract
from storygraph.model import Article, Claim, Entity, Extraction
from storygraph.sources import article_id

PUBLISHED = "2025-03-14"  # a Friday
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame)\.?\s+", re.IGNORECASE)
_MARKS = str.maketrans("", "", "\"“”‘’'")


# --- helpers ------------------------------------------------------------------------------

def run(nlp, text: str, *, title: str | None = None) -> Extraction:
    article = Article(id=article_id(text), key="t", text=text, title=title, published=PUBLISHED)
    return extract(nlp(text), article)


def _norm(name: str) -> str:
    return _HONORIFIC.sub("", " ".join(name.split())).casefold()


def forms(entity: Entity) -> set[str]:
    """Every way the article names an entity: name, aliases, mention texts (honorifics off)."""
    return {_norm(s) for s in (entity.name, *entity.aliases, *(m.text for m in entity.mentions))}


def find(ex: Extraction, name: str) -> Entity | None:
    """The entity called `name` (by its name first, else by an alias or a mention)."""
    wanted = _norm(name)
    exact = [e for e in ex.entities if _norm(e.name) == wanted]
    if exact:
        return exact[0]
    return next((e for e in ex.entities if wanted in forms(e)), None)


def name_of(ex: Extraction, entity_id: str | None) -> str | None:
    entity = ex.entity(entity_id)
    return entity.name if entity is not None else None


def is_named(ex: Extraction, entity_id: str | None, name: str | None) -> bool:
    """Whether `entity_id` is the entity called `name` (its name or one of its aliases)."""
    entity = ex.entity(entity_id)
    if entity is None or name is None:
        return entity is None and name is None
    return _norm(name) in {_norm(entity.name), *(_norm(a) for a in entity.aliases)}


def entities_seen(ex: Extraction) -> list[tuple[str, str, list[str]]]:
    return [(e.name, e.type, [m.text for m in e.mentions]) for e in ex.entities]


def claims_seen(ex: Extraction) -> list[tuple[str | None, str | None, str, bool, str | None]]:
    return [(name_of(ex, c.speaker), c.speaker_text, c.text, c.direct, c.stance)
            for c in ex.claims]


def _plain(text: str) -> str:
    return " ".join(text.translate(_MARKS).split()).casefold()


def balanced(text: str) -> bool:
    """No quotation left open or closed inside a claim's text (apostrophes aside).

    A quote running over paragraphs reopens each one with a mark; those do not count.
    """
    text = re.sub(r"(?m)^\s*[\"“‘']", "", text)
    single_open = len(re.findall(r"(?:^|(?<=\s))['‘]", text))
    # A closing mark after "s" may be a plural possessive ("the members' vote"), so
    # closing marks may outnumber opening ones, never the other way round.
    single_close = len(re.findall(r"[’'](?=$|[\s.,;:!?])", text))
    return (text.count('"') % 2 == 0 and text.count("“") == text.count("”")
            and single_open <= single_close)


def claim_with(ex: Extraction, *keys: str) -> Claim | None:
    """The claim whose text holds every key phrase (case and quote marks ignored)."""
    for claim in ex.claims:
        if all(_plain(k) in _plain(claim.text) for k in keys):
            return claim
    return None


def assert_spoken_by(ex: Extraction, keys: tuple[str, ...], speaker: str | None) -> Claim:
    """The claim holding every key phrase, said by `speaker` (None: by no one)."""
    claim = claim_with(ex, *keys)
    assert claim is not None, f"no claim holding {keys}; claims {claims_seen(ex)}"
    assert is_named(ex, claim.speaker, speaker), \
        f"speaker {name_of(ex, claim.speaker)!r} ({claim.speaker_text!r}), not {speaker!r}"
    return claim


def assert_referred_to(ex: Extraction, keys: tuple[str, ...], speaker: str | None) -> None:
    """As `assert_spoken_by`, where the speaker's name may keep the title it was written
    with ("Rabbi X", "DCI X"): it ends with `speaker`."""
    claim = claim_with(ex, *keys)
    assert claim is not None, f"no claim holding {keys}; claims {claims_seen(ex)}"
    found = name_of(ex, claim.speaker)
    assert (found is None) if speaker is None else (found or "").endswith(speaker), \
        f"speaker {found!r} ({claim.speaker_text!r}), not {speaker!r}"


# --- 1. entities: types, merged names, references -------------------------------------------

PLACE = ("GPE", "LOC")

# (text, name, accepted types)
ENTITY_TYPES = [
    # a firm a small model may tag as a person
    ("Tolvaine said on Monday it would shut its packaging plant. The company Tolvaine has made "
     "cardboard boxes for 40 years.", "Tolvaine", ("ORG",)),
    ("Brisket & Vane said on Tuesday it would stop trading. The company Brisket & Vane "
     "had run butcher's shops for a century.", "Brisket & Vane", ("ORG",)),
    # towns
    ("Flood wardens were called to 30 homes in Pembleton Cross after the river burst its banks.",
     "Pembleton Cross", PLACE),
    ("The Kelmscombe-based brewer Hopwright Ales said sales had fallen by a fifth.",
     "Kelmscombe", PLACE),
    ("The Kelmscombe-based brewer Hopwright Ales said sales had fallen by a fifth.",
     "Hopwright Ales", ("ORG",)),
    ("The bottling plant in Dunmoorfield, Ohio, will stay open until June, its owners said.",
     "Dunmoorfield", PLACE),
    ("Residents of Glaswick packed the church hall to hear the plans.", "Glaswick", PLACE),
    # organisation name heads
    ("Stavenhurst Council approved the budget on Wednesday after a four-hour debate.",
     "Stavenhurst Council", ("ORG",)),
    ("The Harbourside Dockers union balloted its members over the pay offer.",
     "Harbourside Dockers", ("ORG",)),
    ("Ashgrove Albion FC sacked their manager after a 5-0 home defeat.",
     "Ashgrove Albion FC", ("ORG",)),
    ("Patients at Brannock Vale Hospital waited up to 14 hours for a bed last week.",
     "Brannock Vale Hospital", ("ORG", "FAC")),
    ("Lanhydrock Quarry will close in the summer, its owners said.", "Lanhydrock Quarry",
     ("FAC", "ORG")),
    # honorifics make a person
    ("Dr Polglase said the ward had been short of nurses since the autumn.",
     "Polglase", ("PERSON",)),
    ("Mrs Trevithick, 71, has lived on the Caldmoor estate since 1980.",
     "Trevithick", ("PERSON",)),
    ("Prof Okonkwo-Baines said the findings were the first of their kind.",
     "Okonkwo-Baines", ("PERSON",)),
]


@pytest.mark.parametrize(("text", "name", "types"), ENTITY_TYPES)
def test_entity_type(nlp, text: str, name: str, types: tuple[str, ...]) -> None:
    assert_typed(run(nlp, text), name, types)


def assert_typed(ex: Extraction, name: str, types: tuple[str, ...]) -> None:
    """The entity called `name` exists and has one of `types`."""
    entity = find(ex, name)
    assert entity is not None, f"no entity {name!r}; found {entities_seen(ex)}"
    assert entity.type in types, f"{name!r} typed {entity.type}; found {entities_seen(ex)}"


# (text, full name, short form that names the same thing)
ENTITY_MERGES = [
    ("Kellbrook Rangers FC have appointed a new manager. Kellbrook Rangers finished bottom of "
     "the league last season.", "Kellbrook Rangers FC", "Kellbrook Rangers"),
    ("Marguerite Oduya has nursed on the children's ward for 30 years. Oduya said the "
     "unit had never been so busy.", "Marguerite Oduya", "Oduya"),
    ("Helena Stroud opened the cafe in 2009.\n\nMs Stroud said the rent rise would close it "
     "within a year.", "Helena Stroud", "Stroud"),
    ("Penrose Building Society is to shut 12 branches. Penrose said customers could still use "
     "the post office.", "Penrose Building Society", "Penrose"),
    ("Tamsin Achebe-Hart won the seat by 212 votes. Mrs Achebe-Hart thanked her volunteers.",
     "Tamsin Achebe-Hart", "Achebe-Hart"),
    ("Brightwater Dairies Ltd has been fined for polluting a stream. Brightwater Dairies said "
     "it would not appeal.", "Brightwater Dairies Ltd", "Brightwater Dairies"),
    ("Councillor Desmond Ferreira called for an inquiry. Ferreira said the council had "
     "ignored warnings.", "Desmond Ferreira", "Ferreira"),
    # an acronym that keeps a country's or a state's letters whole before the initials
    ("The UK Coastal Survey Agency said the cliff was unsafe. UKCSA said "
     "the path would stay shut.", "UK Coastal Survey Agency", "UKCSA"),
    ("The NSW Rural Fire Service said 40 fires were burning. The NSWRFS said crews had "
     "worked overnight.", "NSW Rural Fire Service", "NSWRFS"),
    ("The WA Fisheries Board set new limits on Monday. WAFB officers said stocks were low.",
     "WA Fisheries Board", "WAFB"),
]


@pytest.mark.parametrize(("text", "full", "short"), ENTITY_MERGES)
def test_short_form_merged(nlp, text: str, full: str, short: str) -> None:
    ex = run(nlp, text)
    entity = find(ex, full)
    assert entity is not None, f"no entity {full!r}; found {entities_seen(ex)}"
    assert _norm(short) in forms(entity), f"{short!r} not merged; found {entities_seen(ex)}"
    others = [e.name for e in ex.entities if e.id != entity.id and _norm(short) in forms(e)]
    assert not others, f"{short!r} is also a separate entity: {entities_seen(ex)}"


# (text, entity, the description that refers back to it)
ENTITY_REFERENCES = [
    ("Marbury Foods will cut 200 jobs at its bakery. The firm blamed the rising cost of flour.",
     "Marbury Foods", "the firm"),
    ("The Fenmarch Rail Workers Union has called a strike. The union said talks had failed.",
     "Fenmarch Rail Workers Union", "the union"),
    ("Holcombe Borough Council has frozen council tax. The council said reserves would cover "
     "the gap.", "Holcombe Borough Council", "the council"),
    ("Greystoke Athletic have signed a new striker. The club paid an undisclosed fee.",
     "Greystoke Athletic", "the club"),
    ("Thistledown Bank is closing 40 branches. The bank said most customers now banked online.",
     "Thistledown Bank", "the bank"),
    ("Calder Vale Trust runs three hospices. The charity said donations had fallen, and the "
     "trust would have to close a ward.", "Calder Vale Trust", "the trust"),
    ("Ormondsey Council has refused planning permission to Lisle Homes. The firm said it would "
     "appeal.", "Lisle Homes", "the firm"),
    ("Quarrington Steel has lost a £40m contract. The company said no jobs were at risk.",
     "Quarrington Steel", "the company"),
]


@pytest.mark.parametrize(("text", "name", "phrase"), ENTITY_REFERENCES)
def test_description_linked(nlp, text: str, name: str, phrase: str) -> None:
    ex = run(nlp, text)
    entity = find(ex, name)
    assert entity is not None, f"no entity {name!r}; found {entities_seen(ex)}"
    assert phrase in {m.text.casefold() for m in entity.mentions}, \
        f"{phrase!r} not linked to {name!r}; found {entities_seen(ex)}"


# --- 2. roles -------------------------------------------------------------------------------

def _title(text: str) -> str:
    return " ".join(text.replace(".", " ").split()).casefold()


# (text, person, accepted titles, organisation or None when the text names none)
ROLES = [
    # apposition after the name
    ("Cressida Fairbanks, chief executive of Brantwood Textiles, said orders had dried up.",
     "Cressida Fairbanks", ("chief executive",), "Brantwood Textiles"),
    ("Priyanka Solanki, a senior planner at Stanwick District Council, said the scheme "
     "breached the local plan.", "Priyanka Solanki", ("senior planner", "planner"),
     "Stanwick District Council"),
    # apposition before the name
    ("Pennant Bank's finance director, Rupert Oyelaran, said profits had halved.",
     "Rupert Oyelaran", ("finance director",), "Pennant Bank"),
    ("Elmstead Health Trust has apologised to the family. The trust's medical director, "
     "Dr Nadia Kowalczyk, said lessons had been learned.", "Nadia Kowalczyk",
     ("medical director",), "Elmstead Health Trust"),
    ("Hollin Brewery has been sold to a rival. Its chairman, Rufus Tennant, said the deal "
     "would save the brand.", "Rufus Tennant", ("chairman",), "Hollin Brewery"),
    # title in front of the name
    ("Health Secretary Lavinia Ormsby will publish the review next month.",
     "Lavinia Ormsby", ("health secretary",), None),
    ("Arden Motors chief executive Fenella Brody said the plant would close in May.",
     "Fenella Brody", ("chief executive",), "Arden Motors"),
    # a one-word firm that is also a dictionary word, before a title of two words
    ("Pinnacle software engineer Ana Ruiz said the update would ship in May.",
     "Ana Ruiz", ("software engineer",), "Pinnacle"),
    # title honorifics
    ("Judge Cornelius Pettifer jailed the pair for six years.",
     "Cornelius Pettifer", ("judge",), None),
    ("Gov. Marianne Delacroix signed the water bill on Thursday.",
     "Marianne Delacroix", ("gov", "governor"), None),
    ("Det Sgt Lucas Penhaligon said officers were keeping an open mind.",
     "Lucas Penhaligon", ("det sgt", "detective sergeant"), None),
    ("Mayor Clement Ashby cut the ribbon at the new library.",
     "Clement Ashby", ("mayor",), None),
    # relative clause
    ("Yolanda Brisco, who chairs the Ferncliffe Allotment Society, said the plots were "
     "waterlogged.", "Yolanda Brisco", ("chair",), "Ferncliffe Allotment Society"),
    ("Osric Achterberg, who leads the Marchmont Tenants Union, said repairs had been ignored.",
     "Osric Achterberg", ("leader",), "Marchmont Tenants Union"),
]


@pytest.mark.parametrize(("text", "person", "titles", "org"), ROLES)
def test_role(nlp, text: str, person: str, titles: tuple[str, ...], org: str | None) -> None:
    ex = run(nlp, text)
    found = [(name_of(ex, r.person), r.title, name_of(ex, r.org)) for r in ex.roles]
    matching = [r for r in ex.roles if is_named(ex, r.person, person)
                and _title(r.title) in {_title(t) for t in titles}]
    assert matching, f"no role {titles[0]!r} for {person!r}; roles {found}"
    if org is not None:
        assert any(is_named(ex, r.org, org) for r in matching), \
            f"{person!r}'s role lacks org {org!r}; roles {found}"


@pytest.mark.parametrize(("text", "role"), [
    # "named X as the ...": who someone is in a report, not a post
    ("Police named Sam Ode as the driver of the car that crashed on the bypass.", None),
    ("Sam Ode was named the winner of the county's poetry prize on Friday.", None),
    # ... but a post: no article, a new one, or one at a body
    ("Harlow Motors named Sam Ode as the new chief executive on Friday.", "new chief executive"),
    ("Sam Ode was named the chief executive of Harlow Motors on Friday.", "chief executive"),
    # ... or at a body by its possessive
    ("The board appointed Sam Ode as the club's manager.", "manager"),
])
def test_who_someone_is_named_as_is_no_post(nlp, text: str, role: str | None) -> None:
    ex = run(nlp, text)
    titles = [r.title for r in ex.roles if is_named(ex, r.person, "Sam Ode")]
    assert titles == ([role] if role else []), titles


@pytest.mark.parametrize(("text", "speaker", "key"), [
    # a body in capitals before an aside set off by two dashes: no dateline
    ("NHS Wendle — which runs the hospitals in the county — said on Monday that waiting "
     "lists had fallen.", "NHS Wendle", "waiting lists had fallen"),
    ("NHS Wendle—which runs the hospitals in the county—said on Monday that waiting lists "
     "had fallen.", "NHS Wendle", "waiting lists had fallen"),
    ("BRENCO - the largest builder in the county - said the homes would be finished in May.",
     "BRENCO", "homes would be finished"),
    # ... where a dateline is one dash, then the speaker
    ("KELSTOW — Jo Pike, chair of the harbour board, said the pier would reopen.",
     "Jo Pike", "pier would reopen"),
])
def test_an_aside_in_dashes_is_no_dateline(nlp, text: str, speaker: str, key: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is not None, claims_seen(ex)
    # (a body the model did not find is still named by the words that said it)
    assert is_named(ex, claim.speaker, speaker) or claim.speaker_text == speaker, \
        claims_seen(ex)


# --- 3. claims ------------------------------------------------------------------------------

# (text, speaker's name, key phrases that one claim holds, direct)
CLAIMS = [
    # cue before a quote, curly and straight marks
    ("Councillor Bartholomew Vance said: “We cannot keep paying for a bridge nobody uses.”",
     "Bartholomew Vance", ("bridge nobody uses",), True),
    ('Gideon Marchbanks said: "The new timetable is simply not realistic for commuters."',
     "Gideon Marchbanks", ("simply not realistic",), True),
    # cue after a quote
    ("“The water was knee-deep by midnight,” said Ottilie Brancaster, who runs the village "
     "shop.", "Ottilie Brancaster", ("knee-deep by midnight",), True),
    ('"The figures speak for themselves," said Hamish Cordingley, chief executive of Lorne '
     'Logistics.', "Hamish Cordingley", ("figures speak for themselves",), True),
    ("Rosalind Featherstone has run the Mill Street bakery for 20 years.\n\n"
     "“We lost all our flour stock in a single night,” she said.",
     "Rosalind Featherstone", ("lost all our flour stock",), True),
    # a quote over two paragraphs is one claim
    ("Imelda Grisewood, the head teacher, said: “The roof has leaked for three winters and "
     "the children deserve better.\n\n“We have asked the trust for repairs four times and "
     "heard nothing back.”",
     "Imelda Grisewood", ("leaked for three winters", "asked the trust for repairs"), True),
    # an uncued quote paragraph continues the previous speaker
    ("“It is the busiest the food bank has ever been,” said Lorcan Tiernan, who manages it.\n\n"
     "“Families who used to donate are now queuing for parcels themselves.”",
     "Lorcan Tiernan", ("queuing for parcels",), True),
    # "He wrote:", "X added:", "X told the Gazette"
    ("In a letter to residents, Ambrose Kettleby set out his reasons for the closure.\n\n"
     "He wrote: “The reservoir must be drained before any repairs can begin.”",
     "Ambrose Kettleby", ("reservoir must be drained",), True),
    ("Beatrix Holloway said the scheme had been rushed through.\n\n"
     "Ms Holloway added: “Nobody asked the people who actually live here.”",
     "Beatrix Holloway", ("nobody asked the people",), True),
    ("Florian Ashdown told the Mercia Gazette the ambulance had taken four hours to arrive.",
     "Florian Ashdown", ("ambulance had taken four hours",), False),
    ("Florian Ashdown told the Mercia Gazette: “I thought my father would die on the kitchen "
     "floor.”", "Florian Ashdown", ("die on the kitchen floor",), True),
    # reported speech
    ("Cosmo Threlfall said that the museum would reopen in the spring.",
     "Cosmo Threlfall", ("museum would reopen",), False),
    ("Seraphina Wolde warned that the ferry service could end by the summer.",
     "Seraphina Wolde", ("ferry service could end",), False),
    ("According to Dafydd Rowntree, the ferry has been late on 40 days this year.",
     "Dafydd Rowntree", ("ferry has been late",), False),
    ("The harbour lost £2m last year, according to Tobias Merriweather.",
     "Tobias Merriweather", ("harbour lost",), False),
    # a spokesperson speaks for the organisation
    ("A spokesperson for Tarnbrook Water said the burst main had been repaired on Sunday.",
     "Tarnbrook Water", ("burst main had been repaired",), False),
    ("“We apologise to passengers for the disruption,” a spokeswoman for Corvell Rail said.",
     "Corvell Rail", ("apologise to passengers",), True),
    # a title speaker is the named holder of the title
    ("Housing Minister Evangeline Tarrant announced the funding on Monday.\n\n"
     "The minister said the money would pay for 2,000 new homes.",
     "Evangeline Tarrant", ("money would pay for",), False),
    ("Chief Constable Bernard Ellingham has ordered a review of the case.\n\n"
     "“Mistakes were made and I am sorry for them,” the chief constable said.",
     "Bernard Ellingham", ("mistakes were made",), True),
    # pronouns resolved by gender
    ("Peter Voss and Susan Aldridge both run stalls at the covered market.\n\n"
     "“Our rent has gone up by a third in a year,” she said.",
     "Susan Aldridge", ("rent has gone up",), True),
    ("Susan Aldridge introduced her business partner, Peter Voss.\n\n"
     "“We will stay open for as long as we possibly can,” he said.",
     "Peter Voss", ("stay open for as long",), True),
    # a heading between paragraphs is never the speaker
    ("Leofric Stanbury, the festival director, defended the ticket prices.\n\n"
     "Costs Doubled\n\n"
     "“Security alone now costs us more than the headline act,” he said.",
     "Leofric Stanbury", ("security alone now costs",), True),
    # the organisation speaks
    ("Velmont Foods has kept its Thornleigh site open.\n\nThe firm said it had “no plans” to "
     "move production abroad.", "Velmont Foods", ("no plans",), True),
]


@pytest.mark.parametrize(("text", "speaker", "keys", "direct"), CLAIMS)
def test_claim(nlp, text: str, speaker: str, keys: tuple[str, ...], direct: bool) -> None:
    ex = run(nlp, text)
    claim = assert_spoken_by(ex, keys, speaker)
    assert claim.direct is direct
    assert balanced(claim.text), f"unbalanced quote marks in {claim.text!r}"
    assert ex.article.text[claim.start:claim.end] == claim.text


# (headline, body, speaker, key phrase): British headlines quote with single marks
HEADLINE_CLAIMS = [
    ("Harbour master Crispin Pellowe calls ferry cuts 'a betrayal of islanders'",
     "Crispin Pellowe, the harbour master on Skerrin Island, has criticised plans to halve "
     "the winter ferry timetable.", "Crispin Pellowe", "betrayal of islanders"),
    ("Glazebrook Pottery boss: 'We cannot survive another price rise'",
     "Alaric Glazebrook, who owns Glazebrook Pottery, said energy bills had tripled since "
     "2022.", "Alaric Glazebrook", "cannot survive another price rise"),
]


@pytest.mark.parametrize(("headline", "body", "speaker", "key"), HEADLINE_CLAIMS)
def test_headline_claim(nlp, headline: str, body: str, speaker: str, key: str) -> None:
    text = f"{headline}\n\n{body}"
    ex = run(nlp, text, title=headline)
    claim = claim_with(ex, key)
    assert claim is not None, f"no claim holding {key!r}; claims {claims_seen(ex)}"
    assert is_named(ex, claim.speaker, speaker), \
        f"speaker {name_of(ex, claim.speaker)!r} ({claim.speaker_text!r}), not {speaker!r}"
    assert claim.direct


# (text, key phrase, stance)
STANCES = [
    ("Winifred Asquith called the plan 'reckless' and said she would vote against it.",
     "reckless", "criticises"),
    ("Councillor Jasper Noakes called the waiting-list figures “misleading”.",
     "misleading", "rejects"),
    ("Marisol Etheridge called the decision to close the pool 'shameful'.",
     "shameful", "criticises"),
]


@pytest.mark.parametrize(("text", "key", "stance"), STANCES)
def test_claim_stance(nlp, text: str, key: str, stance: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is not None, f"no claim holding {key!r}; claims {claims_seen(ex)}"
    assert (claim.stance, balanced(claim.text)) == (stance, True), \
        f"stance {claim.stance!r}, text {claim.text!r}; claims {claims_seen(ex)}"
    assert claim.speaker is not None and ex.entity(claim.speaker).type == "PERSON"


# (text, heading line): nothing in a heading speaks
HEADINGS = [
    ("Leofric Stanbury, the festival director, defended the ticket prices.\n\n"
     "Costs Doubled\n\n"
     "“Security alone now costs us more than the headline act,” he said.", "Costs Doubled"),
    ("Noreen Abernethy's cottage has flooded twice in a month.\n\n"
     "“The insurers will not touch us now,” she said.\n\n"
     "Quarry Lane Residents\n\n"
     "“We had to buy our own sandbags from a builders' merchant.”", "Quarry Lane Residents"),
    ("Emlyn Prothero has farmed at Cwmderi for 40 years.\n\n"
     "Harvest Warning\n\n"
     "“This is the wettest autumn I can remember,” said Mr Prothero.", "Harvest Warning"),
]


@pytest.mark.parametrize(("text", "heading"), HEADINGS)
def test_heading_never_speaks(nlp, text: str, heading: str) -> None:
    ex = run(nlp, text)
    start = text.index(heading)
    end = start + len(heading)
    assert ex.claims, "no claims at all"
    for claim in ex.claims:
        speaker = ex.entity(claim.speaker)
        if speaker is not None:
            outside = [m for m in speaker.mentions if m.end <= start or m.start >= end]
            assert outside, f"heading entity {speaker.name!r} is a speaker: {claims_seen(ex)}"
        assert claim.speaker_text is None or claim.speaker_text not in heading


# --- 4. figures and dates end to end --------------------------------------------------------

# (text, figure as written, speaker who stated it)
FIGURES = [
    ("“We will have to cut 240 jobs,” said Olwen Brakespeare, the managing director.",
     "240 jobs", "Olwen Brakespeare"),
    ("Ferris Walcott said 85 homes had been flooded in the village.", "85 homes",
     "Ferris Walcott"),
    ("According to Greta Lindholm, 1,200 passengers were stranded overnight.",
     "1,200 passengers", "Greta Lindholm"),
]


@pytest.mark.parametrize(("text", "figure", "speaker"), FIGURES)
def test_figure_stated_by(nlp, text: str, figure: str, speaker: str) -> None:
    ex = run(nlp, text)
    found = [(q.text, name_of(ex, q.stated_by)) for q in ex.quantities]
    quantity = next((q for q in ex.quantities if figure in q.text), None)
    assert quantity is not None, f"no figure {figure!r}; found {found}"
    assert is_named(ex, quantity.stated_by, speaker), f"found {found}"


# (text, key phrase of the claim, date it was said)
CLAIM_DATES = [
    ("Ferris Walcott said on Tuesday that the clean-up would take months.",
     "clean-up would take months", "2025-03-11"),
    ("On 3 March, Greta Lindholm told councillors the budget was overspent.",
     "budget was overspent", "2025-03-03"),
    ("Greta Lindholm said the budget would balance by the end of the year.",
     "budget would balance", PUBLISHED),
    ("“We were never consulted,” Ferris Walcott said on Monday.",
     "never consulted", "2025-03-10"),
]


@pytest.mark.parametrize(("text", "key", "date"), CLAIM_DATES)
def test_claim_date(nlp, text: str, key: str, date: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is not None, f"no claim holding {key!r}; claims {claims_seen(ex)}"
    assert claim.date == date


# --- 5. page furniture ----------------------------------------------------------------------

# (text, an entity the story names, the furniture: no entity may be mentioned inside it)
FURNITURE = [
    ("Volunteers clear plastic from the beach\n"
     "Imogen Truscott/Getty Images\n\n"
     "Members of Porthkennack Surf Club spent Sunday clearing plastic from the sand.",
     "Porthkennack Surf Club", ("Imogen Truscott/Getty Images",)),
    ("Kenwyn Sailing Club has cancelled its regatta because of storm damage.\n\n"
     "Follow Tamar Valley News on Facebook, Instagram and WhatsApp.",
     "Kenwyn Sailing Club", ("Follow Tamar Valley News on Facebook, Instagram and WhatsApp.",)),
    ("Lanivet Parish Council will shut the quarry car park in the summer.\n\n"
     "Related topics\n"
     "Gorran Haven\n"
     "Polruan Fishing Co-operative",
     "Lanivet Parish Council",
     ("Related topics", "Gorran Haven", "Polruan Fishing Co-operative")),
    ("The lifeboat crew at Mevagissey Harbour [Kernow Picture Agency]\n\n"
     "The Mevagissey lifeboat was launched three times on Saturday.",
     "Mevagissey Harbour", ("[Kernow Picture Agency]",)),
    ("A lorry blocked the road for six hours\n"
     "Jonty Carver/Alamy\n\n"
     "A lorry carrying hay overturned near Trewithen Farm on Tuesday.",
     "Trewithen Farm", ("Jonty Carver/Alamy",)),
    ("Penmarrow Council will vote on the plan next week.\n\n"
     "Sign up for the Penwith Courier newsletter. Follow us on Facebook and Instagram.",
     "Penmarrow Council",
     ("Sign up for the Penwith Courier newsletter. Follow us on Facebook and Instagram.",)),
    # credits and sign-offs name who made the page, not who is in the story
    ("The pool will close in May\n\nPicture: Gethin Parry\n\n"
     "Bryncoed Leisure Trust said the pool would close in May.",
     "Bryncoed Leisure Trust", ("Picture: Gethin Parry",)),
    ("Shares in Tawhiri Power fell on Monday after the company cut its forecast.\n\n"
     "(Reporting by Aroha Tane in Auckland; Editing by Will Brandt)",
     "Tawhiri Power", ("(Reporting by Aroha Tane in Auckland; Editing by Will Brandt)",)),
    ("Kestral Charging Ltd will open six hubs in Dudley next year, the company said.\n\n"
     "Media contact: Priya Lal, Head of Communications, press@kestral.example",
     "Kestral Charging Ltd",
     ("Media contact: Priya Lal, Head of Communications, press@kestral.example",)),
]


@pytest.mark.parametrize(("text", "story", "furniture"), FURNITURE)
def test_furniture_gives_no_entities(nlp, text: str, story: str,
                                     furniture: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    assert find(ex, story) is not None, f"story entity {story!r} lost: {entities_seen(ex)}"
    spans = [(text.index(f), text.index(f) + len(f)) for f in furniture]
    leaked = [m.text for e in ex.entities for m in e.mentions
              if any(s <= m.start < e_ for s, e_ in spans)]
    assert not leaked, f"furniture became entities {leaked}: {entities_seen(ex)}"


# --- 6. events ------------------------------------------------------------------------------

# (text, kind, agent, target or None, place or None); None means the text names none
EVENTS = [
    ("Opposition leader Barnaby Quist visited the Fenwick Glassworks in Stourmouth on Monday.",
     "visit", "Barnaby Quist", "Fenwick Glassworks", "Stourmouth"),
    ("Lavinia Ormsby's visit to Trenoweth Primary School was cut short by a fire alarm.",
     "visit", "Lavinia Ormsby", "Trenoweth Primary School", None),
    ("Carrowmore Foods announced on Wednesday that it would build a bakery in Ballykeel.",
     "announcement", "Carrowmore Foods", None, None),
    ("Ailsa Drummond sent an open letter to Penmorvah Council on Tuesday.",
     "letter", "Ailsa Drummond", "Penmorvah Council", None),
    ("Delphine Mortlake met Silas Brandreth in Carnwick on Thursday to discuss the strike.",
     "meeting", "Delphine Mortlake", "Silas Brandreth", "Carnwick"),
    ("Tolbury Paper Mills will close its factory in Dunkerton next year.",
     "closure", "Tolbury Paper Mills", None, "Dunkerton"),
    ("Wealdshire Police arrested Jarvis Pengelly in Tenterbury on Saturday.",
     "arrest", "Wealdshire Police", "Jarvis Pengelly", "Tenterbury"),
    ("Dunmere Borough Council confirmed the closure of Penwithick Library.",
     "closure", "Dunmere Borough Council", "Penwithick Library", None),
]


@pytest.mark.parametrize(("text", "kind", "agent", "target", "place"), EVENTS)
def test_event(nlp, text: str, kind: str, agent: str, target: str | None,
               place: str | None) -> None:
    ex = run(nlp, text)
    found = [(e.kind, name_of(ex, e.agent), name_of(ex, e.target), name_of(ex, e.place))
             for e in ex.events]
    event = next((e for e in ex.events if e.kind == kind and is_named(ex, e.agent, agent)),
                 None)
    assert event is not None, f"no {kind} by {agent!r}; events {found}"
    if target is not None:
        assert is_named(ex, event.target, target), f"events {found}"
    if place is not None:
        assert is_named(ex, event.place, place), f"events {found}"
    assert ex.article.text[event.start:event.end] == event.text


def test_extraction_reads_the_text_once() -> None:
    """`Doc.text` joins every token's text on each call: per name or per quote it makes a
    long paragraph quadratic (it did, twice). Extraction reads the text through
    `doc_text`, which builds it once per Doc."""
    from pathlib import Path

    import storygraph.extract as package

    calls = [f"{path.name}:{n}"
             for path in Path(package.__file__).parent.glob("*.py") if path.name != "text.py"
             for n, line in enumerate(path.read_text().splitlines(), 1)
             if re.search(r"\bdoc\.text\b", line.split("#")[0]) and '"""' not in line]
    assert calls == []


@pytest.mark.parametrize("text", [
    "Marta Quell, a nurse, said the ward would close.\n\nAdvertisement",
    "Ferrule",
])
def test_a_capitalised_word_last_in_the_text_is_read(nlp, text: str) -> None:
    # (a page's last line, "Advertisement", "Related", with no newline after it: looking
    # for a comma after it went past the end of the Doc, and the article was lost)
    ex = run(nlp, text)
    assert ex.article.text == text
