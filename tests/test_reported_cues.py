"""Reported speech with less common cues, and partial quotes inside it (issue 10, item 5).

Texts written for these tests, before the rules they test, in several house styles (UK
local paper, US wire, Canadian daily, broadcaster's website, press release); the people,
bodies and places are invented and appear in no corpus of the project. Tables are
`(text, speaker, key phrases the claim holds, phrases it must not hold)`, as in
tests/test_attribution_rules.py.
"""

from __future__ import annotations

import pytest

from tests.test_extract_rules import (
    assert_spoken_by,
    claim_with,
    claims_seen,
    is_named,
    run,
)

# --- cue verbs ---------------------------------------------------------------------------------

CUES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # announced / confirmed: UK local paper, press release
    ("Brackenford Town Council announced on Tuesday that the Market Street toilets would "
     "reopen in April.", "Brackenford Town Council", ("toilets would reopen in april",), ()),
    ("FOR IMMEDIATE RELEASE\n\nQuillon Systems today announced that it will open a second "
     "plant in Marbury, creating 140 jobs.", "Quillon Systems",
     ("open a second plant in marbury",), ()),
    ("Inspector Dunstan Keele confirmed that two men had been arrested in connection with "
     "the fire.", "Dunstan Keele", ("two men had been arrested",), ()),
    ("The Orrin Valley Water Board confirmed the reservoir was at 38 per cent of capacity.",
     "Orrin Valley Water Board", ("reservoir was at 38 per cent",), ()),
    # posted on X / Facebook
    ("Councillor Perpetua Vane posted on X that the bin strike had been called off.",
     "Perpetua Vane", ("bin strike had been called off",), ()),
    ("The Lantern Theatre posted on Facebook that Saturday's show had been cancelled because "
     "of the storm.", "Lantern Theatre", ("saturday's show had been cancelled",), ()),
    # wrote in a letter / blog / column
    ("Headteacher Rosalind Thewlis wrote in a letter to parents that the school would close "
     "early on Friday.", "Rosalind Thewlis", ("school would close early on friday",), ()),
    ("Economist Barnaby Quist wrote in his blog that the rate rise had come too late.",
     "Barnaby Quist", ("rate rise had come too late",), ()),
    # the parser hangs the name on a participle set off by commas before the cue
    ("Brinley Haig, writing in the Courier, argued the stadium was too small.",
     "Brinley Haig", ("stadium was too small",), ()),
    ("Writing in her weekly column, Imelda Ferrars argued that the tram extension would "
     "never pay for itself.", "Imelda Ferrars", ("tram extension would never pay",), ()),
    # told reporters / told the broadcaster / told the paper
    ("Fire Chief Anselm Rudd told reporters the blaze had started in a storage unit.",
     "Anselm Rudd", ("blaze had started in a storage unit",), ()),
    ("Harriet Polwenna told the BBC she had been waiting nine hours for an ambulance.",
     "Harriet Polwenna", ("waiting nine hours for an ambulance",), ()),
    ("Landlord Corwin Ashdown told the Gazette that the pub would stay open over Christmas.",
     "Corwin Ashdown", ("pub would stay open over christmas",), ()),
    # tweeted, quipped, conceded, acknowledged (US wire, Canadian daily)
    ("Sen. Lucinda Farrow tweeted that the vote would be held next week.",
     "Lucinda Farrow", ("vote would be held next week",), ()),
    # told by someone: the one who told, not the one told
    ("The Tolland council was informed by Orrin Valley Water that supplies were safe to "
     "drink.", "Orrin Valley Water", ("supplies were safe",), ("informed",)),
    ("Ward councillor Ada Pennock said she had been assured by Brenmoor Foods that no jobs "
     "would go.", "Ada Pennock", ("assured by brenmoor foods",), ()),
    # "told of", "spoke of": UK papers
    ("Grandmother Ada Pennock told of her shock at the closure of the Tolland ward.",
     "Ada Pennock", ("told of her shock",), ()),
    ("Farmer Brendan Mulcahy spoke of his relief after the verdict in Ballyrath.",
     "Brendan Mulcahy", ("spoke of his relief",), ()),
    # "signalled that", "indicated that": of someone named
    ("Councillor Ada Pennock signalled that the Tolland council would appeal the ruling.",
     "Ada Pennock", ("council would appeal the ruling",), ("signalled",)),
    ("Finance minister Halcyon Brix indicated that the budget would be delayed until June.",
     "Halcyon Brix", ("budget would be delayed",), ("indicated",)),
    # "responded by saying", "X's response was that"
    ("Ward councillor Ada Pennock responded by saying the council had ignored residents.",
     "Ada Pennock", ("council had ignored residents",), ("responded",)),
    ("Headteacher Rosalind Thewlis's response was that the school had followed the rules.",
     "Rosalind Thewlis", ("school had followed the rules",), ("response",)),
    # an apology, with what it is for or to whom: the quoted words are the apologiser's
    ("A spokeswoman for the Kestrel Hospital Group said it had opened 14 surge beds.\n\n"
     'The group apologised to any patient who had waited "longer than they should".',
     "Kestrel Hospital Group", ("longer than they should",), ()),
    ("Tolland Water apologised for the disruption to 4,000 homes in Marbury.",
     "Tolland Water", ("apologised for the disruption",), ()),
    # "was at pains to stress": the parser hangs the cue on "pains"
    ("Councillor Ada Pennock was at pains to stress that the Tolland figures were "
     "provisional.", "Ada Pennock", ("tolland figures were provisional",), ("pains",)),
    ("Harbourmaster Ivo Marsh was at pains to point out that the quay was safe.",
     "Ivo Marsh", ("quay was safe",), ("pains",)),
    # "questioned" a thing: a doubt voiced
    ("Councillor Ada Pennock questioned the figures in the Tolland housing report.",
     "Ada Pennock", ("questioned the figures",), ()),
    ("Coach Dario Menzel quipped that his team had played like it was still on the bus.",
     "Dario Menzel", ("played like it was still on the bus",), ()),
    ("Finance Minister Aurelie Bastien conceded that the deficit would be larger than "
     "forecast.", "Aurelie Bastien", ("deficit would be larger than forecast",), ()),
    ("Mayor Ossian Trudell acknowledged that the snow-clearing budget had run out in "
     "February.", "Ossian Trudell", ("snow-clearing budget had run out",), ()),
    # scolded, crowed, insisted, argued, confessed, explained
    ("Judge Marguerite Hallam scolded the lawyers for wasting the court's time.",
     "Marguerite Hallam", ("lawyers for wasting the court's time",), ()),
    ("Campaign manager Trevor Oduya crowed that the polls had turned their way.",
     "Trevor Oduya", ("polls had turned their way",), ()),
    ("The Renwick Bus Company insisted that no routes would be cut.",
     "Renwick Bus Company", ("no routes would be cut",), ()),
    ("Defence counsel Philippa Strand argued that the evidence had been gathered "
     "unlawfully.", "Philippa Strand", ("evidence had been gathered unlawfully",), ()),
    ("Ambrose Tilney confessed that he had not read the planning report.",
     "Ambrose Tilney", ("had not read the planning report",), ()),
    ("Dr Sunniva Okafor explained that the new scanner would halve waiting times.",
     "Sunniva Okafor", ("new scanner would halve waiting times",), ()),
    # described X as Y (no quotation)
    ("Bishop Clement Aubry described the closure of the food bank as a scandal.",
     "Clement Aubry", ("closure of the food bank as a scandal",), ()),
    # the tag after the clause, and where it was said
    ("The crossing will reopen on Monday, Transport Minister Hollis Venn tweeted on Sunday.",
     "Hollis Venn", ("crossing will reopen on monday",), ("tweeted",)),
    ("Sales fell 8 per cent in the quarter, Pellam Foods confirmed on Thursday.",
     "Pellam Foods", ("sales fell 8 per cent",), ("confirmed",)),
    ("Councillor Ada Pike said in a blog post that the consultation had been a sham.",
     "Ada Pike", ("consultation had been a sham",), ("blog",)),
    ("Chief Orla Mistry told CBC News that the reserve had been without clean water for a "
     "year.", "Orla Mistry", ("without clean water for a year",), ("cbc",)),
    ("Ms Pellow explained to reporters that the ward had been full since Christmas.",
     "Pellow", ("ward had been full since christmas",), ("reporters",)),
    ("Pauline Marr crowed on X that her rival had conceded defeat.",
     "Pauline Marr", ("her rival had conceded defeat",), ()),
    ("In a letter to residents, council leader Wynn Tallis wrote that the bins would be "
     "collected fortnightly.", "Wynn Tallis", ("bins would be collected fortnightly",), ()),
    ("Premier Janelle Boucher scolded reporters for asking about the leak.",
     "Janelle Boucher", ("reporters for asking about the leak",), ()),
    # a stance adjective, a noun of concern with its clause
    ("Councillor Dina Roak was adamant that the library would stay open.",
     "Dina Roak", ("library would stay open",), ("adamant",)),
    ("Mayor Elin Cato is confident that the tram will be finished by 2028.",
     "Elin Cato", ("tram will be finished by 2028",), ("confident",)),
    ("Ms Roak expressed concern that the buses were too infrequent.",
     "Roak", ("buses were too infrequent",), ("concern",)),
    # quoted as saying: the one quoted
    ("Mayor Aled Fox was quoted as saying the levy would rise.",
     "Aled Fox", ("levy would rise",), ()),
    # "as X put it", "as X noted": the sentence the aside is set in
    ('As Councillor Mabli Rhys put it, the bus station is "a disgrace to the town".',
     "Mabli Rhys", ("bus station is", "a disgrace to the town"), ("put it",)),
    ("As Mayor Dora Kell noted last week, the budget is tight.",
     "Dora Kell", ("budget is tight",), ("noted",)),
    ("The levy, as Councillor Owen Bray said, will hit small firms hardest.",
     "Owen Bray", ("the levy", "hit small firms hardest"), ()),
    ("Prices rose, as Finance Minister Pia Lund had warned.",
     "Pia Lund", ("prices rose",), ("warned",)),
    # "X's view is that ...", "X's argument is that ..."
    ("Mayor Tobin Hale's argument is that the levy will pay for itself within five years.",
     "Tobin Hale", ("levy will pay for itself",), ()),
    ("Professor Linnea Achterberg's view is that the dam should never have been built.",
     "Linnea Achterberg", ("dam should never have been built",), ()),
    # "said A and walked out": the claim is A only
    ("Councillor Ned Halloway said the vote was a stitch-up and walked out of the meeting.",
     "Ned Halloway", ("vote was a stitch-up",), ("walked out",)),
    ("Thaddeus Brook said he would not resign and left the building by a side door.",
     "Thaddeus Brook", ("would not resign",), ("side door",)),
    ("Kezia Marlow, the drivers' union rep, said the talks were over and stormed out of the "
     "depot.",
     "Kezia Marlow", ("talks were over",), ("stormed",)),
    ("Steward Lowri Fane said the club was hiding the figures and walked out of the "
     "meeting.", "Lowri Fane", ("club was hiding the figures",), ("walked out",)),
    # ... but what the clause's subject did is still said
    ("Grocer Delphine Aske said the shop was losing money and needed a new buyer by May.",
     "Delphine Aske", ("needed a new buyer",), ()),
    ("Harbourmaster Ruan Pengelly said the pier would close in March and reopen in June.",
     "Ruan Pengelly", ("reopen in june",), ()),
    ("Builder Osric Lane said prices rose in the spring and fell back in the autumn.",
     "Osric Lane", ("fell back in the autumn",), ()),
    # ... even a verb of leaving, when the clause's subject is the one who left
    ("Union organiser Dara Quell said staff gathered at the gates and marched to the town "
     "hall.", "Dara Quell", ("staff gathered at the gates", "marched to the town hall"), ()),
    ("Auditor Fenna Roke said the firm closed the depot and left the town in 2019.",
     "Fenna Roke", ("closed the depot", "left the town in 2019"), ()),
]

# --- "according to" ------------------------------------------------------------------------------

ACCORDING: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # after the clause (broadcaster)
    ("The ferry will not sail again until March, according to harbourmaster Gideon Pollard.",
     "Gideon Pollard", ("ferry will not sail again until march",), ("according",)),
    # before the clause (Canadian daily)
    ("According to Chief Wilhelmina Arcand, the band council will vote on the pipeline "
     "deal in June.", "Wilhelmina Arcand", ("council will vote on the pipeline deal",),
     ("according",)),
    # a name with a relative clause or a body after it
    ("According to Fen Ollerton, who chairs the parish council, the hall roof leaks in three "
     "places.", "Fen Ollerton", ("hall roof leaks in three places",), ("chairs",)),
    ("Lenders will follow the Bank's lead, according to Ruth Oyelaran of Carrow Capital.",
     "Ruth Oyelaran", ("lenders will follow",), ("carrow",)),
    # a statement speaks for the body that issued it
    ("The closure is temporary, according to a statement from Brennock Health Trust.",
     "Brennock Health Trust", ("closure is temporary",), ("statement",)),
    # an apposition after the name is not what was said; the phrase inside the sentence
    ("According to Hamish Tay, the owner, the roof was repaired in May.",
     "Hamish Tay", ("roof was repaired in may",), ("owner",)),
    ("The bridge, according to engineer Lise Moreau, is safe.",
     "Lise Moreau", ("the bridge", "is safe"), ()),
    # a spokesperson for a body speaks for it (US wire)
    ("The plant will lay off 200 workers, according to a spokesperson for Hollis Foundry.",
     "Hollis Foundry", ("plant will lay off 200 workers",), ("spokesperson",)),
    ("According to a spokeswoman for the Dorrance County Sheriff's Office, the suspect was "
     "arrested without incident.", "Dorrance County Sheriff's Office",
     ("suspect was arrested without incident",), ()),
]

# --- partial quotes inside reported speech -----------------------------------------------------

PARTIAL: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ('Councillor Morwenna Tregear called the plan "reckless" and demanded a fresh '
     "consultation.", "Morwenna Tregear", ("reckless",), ()),
    ('Union leader Fergal Ostrander described the offer as "an insult to every nurse".',
     "Fergal Ostrander", ("an insult to every nurse",), ()),
    ("Residents' association chair Lorna Pettigrew branded the decision “a disgrace”.",
     "Lorna Pettigrew", ("a disgrace",), ()),
    ("Opposition leader Caspar Whitlow branded it 'a betrayal of the north'.",
     "Caspar Whitlow", ("a betrayal of the north",), ()),
    # a partial quote with a pronoun speaker, after a named one
    ('Jocasta Merrin has run the cafe for 20 years. She called the rent rise "the last '
     'straw" for small traders.', "Jocasta Merrin", ("the last straw",), ()),
    # other verbs of verdict and comparison, the verdict quoted
    ("Councillor Bryn Tasker labelled the decision 'cowardly'.",
     "Bryn Tasker", ("labelled the decision", "cowardly"), ()),
    ('Professor Alma Strick termed the findings "deeply worrying".',
     "Alma Strick", ("the findings", "deeply worrying"), ()),
    ('Union boss Hal Dorrit slammed the offer as "derisory".',
     "Hal Dorrit", ("the offer as", "derisory"), ()),
    ('Premier Odile Frechette hailed the deal as "a breakthrough for the north".',
     "Odile Frechette", ("the deal as", "a breakthrough for the north"), ()),
    ("Union boss Tamsin Reddle slammed the council for cutting the night buses.",
     "Tamsin Reddle", ("the council for cutting the night buses",), ()),
    ("Premier Olwen Brisk hailed the deal as a breakthrough for the north.",
     "Olwen Brisk", ("the deal as a breakthrough",), ()),
    ("Councillor Ivo Tarrant slammed the plan as 'reckless'.",
     "Ivo Tarrant", ("the plan as", "reckless"), ()),
    ("Wenna Trask branded every proposal from the Tolland board a fudge.",
     "Wenna Trask", ("a fudge",), ()),
    ('Mayor Ines Varga likened the budget to "a house of cards".',
     "Ines Varga", ("the budget to", "a house of cards"), ()),
    ('Ms Ferris, 52, called it "the worst winter in memory".',
     "Ferris", ("the worst winter in memory",), ()),
    # a partial quote inside a reported clause
    ('Alderman Piet Vos said the budget was "built on sand" and would not survive the '
     "winter.", "Piet Vos", ("built on sand",), ()),
]


def _check(nlp, text: str, speaker: str, keys: tuple[str, ...],
           without: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = assert_spoken_by(ex, keys, speaker)
    assert ex.article.text[claim.start : claim.end] == claim.text
    for word in without:
        assert word.casefold() not in claim.text.casefold(), \
            f"claim {claim.text!r} holds {word!r}"


@pytest.mark.parametrize(("text", "speaker", "keys", "without"), CUES)
def test_less_common_cue(nlp, text: str, speaker: str, keys: tuple[str, ...],
                         without: tuple[str, ...]) -> None:
    _check(nlp, text, speaker, keys, without)


@pytest.mark.parametrize(("text", "speaker", "keys", "without"), ACCORDING)
def test_according_to(nlp, text: str, speaker: str, keys: tuple[str, ...],
                      without: tuple[str, ...]) -> None:
    _check(nlp, text, speaker, keys, without)


@pytest.mark.parametrize(("text", "speaker", "keys", "without"), PARTIAL)
def test_partial_quote(nlp, text: str, speaker: str, keys: tuple[str, ...],
                       without: tuple[str, ...]) -> None:
    _check(nlp, text, speaker, keys, without)


def test_partial_quote_is_direct(nlp) -> None:
    ex = run(nlp, 'Councillor Morwenna Tregear called the plan "reckless".')
    claim = claim_with(ex, "reckless")
    assert claim is not None and claim.direct, claims_seen(ex)


# --- no claim, or no person's -------------------------------------------------------------------

# Figures from a document or a statistics body: no person says them. The claim, if any, is
# the body's, never a person's named nearby.
FIGURES = [
    ("Unemployment in Carrowby rose to 6.1 per cent, according to figures from the Office "
     "for Regional Statistics. Mayor Tamsin Orrell said the numbers were worrying.",
     ("unemployment in carrowby rose",), "Tamsin Orrell"),
    ("According to data published by the Halverd Housing Agency, rents rose 9 per cent. "
     "Tenant organiser Bram Ecclestone said many families could not keep up.",
     ("rents rose 9 per cent",), "Bram Ecclestone"),
]


@pytest.mark.parametrize(("text", "keys", "wrong"), FIGURES)
def test_figures_are_no_persons_claim(nlp, text: str, keys: tuple[str, ...],
                                      wrong: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    if claim is not None and claim.speaker is not None:
        speaker = ex.entity(claim.speaker)
        assert speaker is not None and speaker.type != "PERSON", claims_seen(ex)
        assert not is_named(ex, claim.speaker, wrong), claims_seen(ex)


# A phrase inside a sentence that says where a report came from, beside a cue of its own:
# the words are the cue's speaker's, not the source's.
SOURCED = [
    ("Jo Pike is the manager of the Carrow depot. The manager, according to the Gazette, "
     "said the buses would stop at ten.", "Jo Pike", ("buses would stop at ten",), "Gazette"),
    ("Ilse Varden is the chief executive of Orrin Foods. Profits, according to the annual "
     "report, had fallen by half, the chief executive told shareholders.", "Ilse Varden",
     ("profits", "had fallen by half"), "Orrin Foods"),
]


@pytest.mark.parametrize(("text", "speaker", "keys", "source"), SOURCED)
def test_a_sourced_report_is_the_speakers(nlp, text: str, speaker: str,
                                          keys: tuple[str, ...], source: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is not None and is_named(ex, claim.speaker, speaker), claims_seen(ex)
    assert not any(is_named(ex, c.speaker, source) for c in ex.claims), claims_seen(ex)


# Words of the cue verbs used as adjectives, names or other senses: nobody claims these.
NOT_CLAIMS = [
    ("Confirmed cases of measles in Dunhollow rose to 14 this week.", "cases of measles"),
    ("The announced closure of the Pellbridge depot has been put back to 2027.",
     "pellbridge depot"),
    ('A band called "The Reds" will headline the Wenlock Fair on Saturday.', "the reds"),
    # "called him an ambulance": what was called for someone, no verdict on them
    ("A passer-by, Rhydian Lutsyk, called the injured cyclist an ambulance.", "ambulance"),
    ("Shop owner Oksana Lutsyk called her son a taxi after the party.", "a taxi"),
    ('Staff at a cafe called "Second Cup of Tea" were told on Monday that it would shut.',
     "second cup of tea"),
    # a name given in title case, not a verdict
    ('Ivo Marsh called his band "The Night Ferries" after the boat he grew up on.',
     "the night ferries"),
    # the same words in other senses
    ("It is certain that the Dunhollow pool will shut for the summer.", "pool will shut"),
    ("Grainne Holt pointed to the hole that the lorry had left in the wall.",
     "lorry had left"),
    ("Varley Homes expressed an interest in the site that the council owns.",
     "the council owns"),
    ("The Dunhollow board was confident in its plan for the pool.", "its plan"),
    # "as" meaning while, or "put" in its own sense
    ("Pia Lund put the report on the table as the council met.", "the report on the table"),
    ("Everyone laughed as Mayor Wren Abney explained.", "everyone laughed"),
    ("The crowd booed as Councillor Ilse Marrow insisted.", "the crowd booed"),
    # "hailed a taxi", "slammed the door": the verbs in their own senses
    ("Councillor Ada Penn hailed a taxi outside the town hall.", "a taxi"),
    # a mark put on a thing, or the verb in its farming sense
    ("The curator, Petra Olwen, labelled each jar a number before the Arden show opened.",
     "a number"),
    ("Gus Arkwright labelled the crates a code and stacked them in the Tolland shed.",
     "a code"),
    ("Ranchers near Kestrel Bay branded the cattle before the autumn sale.", "the cattle"),
    ("Jo Varne slammed the door and left the meeting.", "the door"),
    ("The posted speed limit on the Arden bypass is 50mph.", "speed limit"),
    # an apology made to be made, not one said
    ("Ada Pennock was forced to apologise to the Tolland council.", "tolland council"),
    ("Ada Pennock was told of the Tolland decision on Monday.", "tolland decision"),
    ("The report speaks of serious failings at the Tolland care home.", "serious failings"),
    # figures indicate, nobody says
    ("The Tolland figures indicate that the council has overspent.", "council has overspent"),
    ("Kestrel Air's chief executive, Ivo Marsh, apologised to passengers at the Tolland "
     "terminal.", "tolland terminal"),
    # "questioned" a person: questions put, nothing doubted
    ("Councillor Ada Pennock questioned the council's head of libraries about visitor "
     "numbers.", "visitor numbers"),
    ("Detectives questioned a 34-year-old man about the fire at the Tolland depot.",
     "tolland depot"),
    ("Senator Lucinda Farrow questioned Mr Ostley about the missing Arden funds.",
     "arden funds"),
]


@pytest.mark.parametrize(("text", "key"), NOT_CLAIMS)
def test_not_a_claim(nlp, text: str, key: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is None or claim.speaker is None, claims_seen(ex)


# --- "pointed out": a cue with a clause after it, or as a tag or an aside --------------------

POINTED_OUT = [
    # UK local paper
    ("Councillor Idris Penhallow pointed out that the library had been open for 120 years.",
     "Idris Penhallow", ("library had been open for 120 years",), ("pointed",)),
    # US wire: no "that"
    ("Campaigner Ada Pennock pointed out the bridge had been closed twice this year.",
     "Ada Pennock", ("bridge had been closed twice",), ("pointed",)),
    # Canadian daily: an "as" aside
    ("Petra Olwen runs the Kestrel Bay cannery. As Ms Olwen pointed out, the plant has not "
     "made a profit since 2019.", "Petra Olwen", ("plant has not made a profit",),
     ("pointed",)),
    # broadcaster: another speaker set against the first
    ("The mayor said the town would bid for the games, but Councillor Wenna Trask pointed "
     "out that the stadium held only 4,000.", "Wenna Trask", ("stadium held only 4,000",),
     ("bid for the games",)),
    # Irish paper: a tag after the quotation, the speaker named before
    ('Brendan Mulcahy chairs the Ballyrath residents\' group. "The bridge has been shut twice '
     'this year," he pointed out.', "Brendan Mulcahy", ("bridge has been shut twice",), ()),
    # Australian: "how much", a claim of what it cost
    ("Ivo Marsh pointed out how much the Arden scheme had already cost the county.",
     "Ivo Marsh", ("scheme had already cost",), ()),
]

# "pointed out" a thing, "pointed to" one, or no one who says: no claim, nor another
# speaker's words taken.
NOT_POINTED_OUT = [
    ("Jo Varne pointed out the hole in the wall of the Tolland depot.", "the hole"),
    ("Jo Varne pointed out the flaws in the Tolland plan.", "the flaws"),
    ("It should be pointed out that the Tolland figures are provisional.",
     "figures are provisional"),
    ("Gus Arkwright pointed out over the bay towards the Orrin lighthouse.", "the bay"),
    # a place or a thing shown with "where" or "which"
    ("Grainne Holt pointed out where the path had collapsed near the Orrin lighthouse.",
     "path had collapsed"),
    ("The farmer, Bo Kent, pointed out which field at Tolland had flooded first.",
     "flooded first"),
]


@pytest.mark.parametrize(("text", "speaker", "keys", "without"), POINTED_OUT)
def test_pointed_out(nlp, text: str, speaker: str, keys: tuple[str, ...],
                     without: tuple[str, ...]) -> None:
    _check(nlp, text, speaker, keys, without)


@pytest.mark.parametrize(("text", "key"), NOT_POINTED_OUT)
def test_pointed_out_a_thing_is_no_claim(nlp, text: str, key: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is None or claim.speaker is None, claims_seen(ex)


def test_pointed_out_a_thing_leaves_the_next_quotation_alone(nlp) -> None:
    ex = run(nlp, 'Jo Varne pointed out the hole in the wall. "That was not there on Monday," '
                  "said her neighbour Ivo Marsh.")
    assert_spoken_by(ex, ("not there on monday",), "Ivo Marsh")
    assert not any("said her neighbour" in c.text for c in ex.claims), claims_seen(ex)


# --- a verb of saying denied: what was not said is no one's claim ---------------------------

NEGATED = [
    # UK local paper
    ("Councillor Ada Pennock did not apologise for the delays at the Tolland depot.",
     "delays at the tolland depot"),
    # US wire
    ("The Kestrel Air chief executive, Ivo Marsh, has not said whether the route will "
     "reopen.", "route will reopen"),
    ("Mayor Wren Abney refused to say whether the Dunhollow pool would close.",
     "pool would close"),
    # Canadian daily
    ("A spokeswoman for Varley Homes declined to comment on whether the site would be sold.",
     "site would be sold"),
    ("Jo Varne did not say when the Tolland plant would close.", "plant would close"),
    # Australian: "never"
    ("Gus Arkwright never claimed that the Orrin bridge was safe.", "bridge was safe"),
    # broadcaster: a "not" on the verb the cue hangs on
    ("Ivo Marsh would not want to say that the Kestrel route was finished.",
     "route was finished"),
    ("Wenna Trask refused to confirm that the Arden school would close.",
     "school would close"),
    # press release
    ("The minister, Jo Varne, failed to mention that the Tolland budget had been cut.",
     "budget had been cut"),
    # not denying is not denying: no claim, and no denial
    ("Bo Kent did not deny that the Kestrel plant would close.", "plant would close"),
    ("Gus Arkwright hesitated to say that the Orrin bridge was safe.", "bridge was safe"),
]

# A "not" inside what was said is the speaker's.
NEGATED_CONTENT = [
    ("Petra Olwen said she did not expect the Kestrel plant to reopen this year.",
     "Petra Olwen", ("did not expect the kestrel plant",), ()),
    ("Jo Varne told reporters she had not seen the Tolland letter.",
     "Jo Varne", ("had not seen the tolland letter",), ()),
    ("Orla Benedek insisted the county would never sell the Arden site.",
     "Orla Benedek", ("would never sell the arden site",), ()),
    # a "not" that says it the more
    ("Wenna Trask did not hesitate to say that the Tolland council had failed.",
     "Wenna Trask", ("tolland council had failed",), ()),
    ("Gus Arkwright could not stress enough that the Orrin bridge was unsafe.",
     "Gus Arkwright", ("orrin bridge was unsafe",), ()),
    ("Ivo Marsh not only said the Kestrel plan was flawed but called it illegal.",
     "Ivo Marsh", ("kestrel plan was flawed",), ()),
]


# Quoted words a denied verb governs were not said.
NEGATED_QUOTES = [
    ('Ivo Marsh did not say "sorry" once during the two-hour hearing at Tolland.', "sorry"),
    ('Wenna Trask did not describe the Arden plan as "reckless", despite reports.',
     "reckless"),
]


@pytest.mark.parametrize(("text", "key"), NEGATED_QUOTES)
def test_quoted_words_a_denied_verb_governs_are_no_claim(nlp, text: str, key: str) -> None:
    ex = run(nlp, text)
    assert claim_with(ex, key) is None, claims_seen(ex)


def test_a_denial_after_the_quotation_leaves_it_said(nlp) -> None:
    ex = run(nlp, '"We will appeal," said Ivo Marsh, who did not say when.')
    assert_spoken_by(ex, ("we will appeal",), "Ivo Marsh")


@pytest.mark.parametrize(("text", "key"), NEGATED)
def test_a_denied_verb_of_saying_is_no_claim(nlp, text: str, key: str) -> None:
    ex = run(nlp, text)
    assert claim_with(ex, key) is None, claims_seen(ex)


@pytest.mark.parametrize(("text", "speaker", "keys", "without"), NEGATED_CONTENT)
def test_a_not_inside_the_content_is_the_speakers(nlp, text: str, speaker: str,
                                                  keys: tuple[str, ...],
                                                  without: tuple[str, ...]) -> None:
    _check(nlp, text, speaker, keys, without)


# --- "expressed concern that", "voiced fears that", "raised doubts about" ---------------------

CONCERNS = [
    # UK local paper: the clause
    ("Councillor Idris Penhallow expressed concern that the library would close in May.",
     "Idris Penhallow", ("library would close in may",), "fears"),
    # Canadian daily: "raised concerns that"
    ("Ward councillor Ada Pennock raised concerns that the Kestrel Bay bridge was unsafe.",
     "Ada Pennock", ("bridge was unsafe",), "fears"),
    # US wire: what the doubt is about, a body
    ("The Tolland County Council has raised questions about the cost of the new bridge.",
     "Tolland County Council", ("raised questions about the cost",), "questions"),
    # broadcaster: "expressed concern over"
    ("Headteacher Rosalind Thewlis expressed concern over the plan to shut the Ardle depot.",
     "Rosalind Thewlis", ("concern over the plan to shut",), "fears"),
    # union statement: "anger at" what was done
    ("Union organiser Teodor Wyke expressed anger at the decision to close the Lisvane depot.",
     "Teodor Wyke", ("anger at the decision to close",), "criticises"),
    # Irish paper: "voiced fears about"
    ("Farmer Brendan Mulcahy voiced fears about the future of the Ballyrath creamery.",
     "Brendan Mulcahy", ("future of the ballyrath creamery",), "fears"),
    # press release: disappointment
    ("Harriet Lusk, chief executive of Quillon Systems, expressed her disappointment at the "
     "decision.", "Harriet Lusk", ("disappointment at the decision",), "criticises"),
]

# Raising money or an issue, a passive, or a concern about nothing named: no claim.
NOT_CONCERNS = [
    ("Ada Pennock raised £5,000 for the Tolland hospice.", "tolland hospice"),
    ("Ada Pennock raised the issue of the Tolland depot with the minister.", "tolland depot"),
    ("Concerns were raised by residents about the Tolland plant.", "tolland plant"),
    ("Ada Pennock raised concerns with the Tolland council.", "tolland council"),
    # when, where or for whom a concern was raised is not what it is about
    ("Councillor Ysolde Madoc raised concerns on Tuesday.", "raised concerns"),
    ("Alderman Teodor Wyke raised concerns at a council meeting on Monday night.",
     "raised concerns"),
    ("State Senator Tamsyn Caddow voiced concerns on behalf of ranchers in the valley.",
     "voiced concerns"),
]


@pytest.mark.parametrize(("text", "speaker", "keys", "stance"), CONCERNS)
def test_a_concern_voiced_is_a_claim(nlp, text: str, speaker: str, keys: tuple[str, ...],
                                     stance: str) -> None:
    ex = run(nlp, text)
    claim = assert_spoken_by(ex, keys, speaker)
    assert claim.stance == stance, claims_seen(ex)


@pytest.mark.parametrize(("text", "key"), NOT_CONCERNS)
def test_raising_money_or_an_issue_is_no_claim(nlp, text: str, key: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is None or claim.speaker is None, claims_seen(ex)



def test_told_by_someone_unnamed_is_theirs_not_the_ones_told(nlp) -> None:
    ex = run(nlp, "Staff at the Tolland depot were told by managers that the plant would close "
                  "in June.")
    claim = claim_with(ex, "plant would close")
    assert claim is not None and claim.speaker is None and claim.speaker_text == "managers", \
        claims_seen(ex)


# --- kin named where they are introduced ------------------------------------------------------

KIN_SPEAKERS = [
    # UK local paper: "his mother, X," then "his mother said"
    ('Toby Ferrand, 19, was hurt in the crash on the Harlow road. His mother, Ada Kelloway, '
     'waited at the hospital overnight.\n\n"He is a fighter," his mother said.',
     ("he is a fighter",), "Ada Kelloway"),
    # Australian daily: "X, whose son Y," then "her son said"
    ("Marla Quist, whose son Devlin Quist was pulled from the surf at Coorabell, thanked the "
     "lifesavers.\n\nHer son said he had been swimming alone and would not do so again.",
     ("swimming alone",), "Devlin Quist"),
    # US wire: no one introduced as his mother: no speaker, not the possessor
    ("Reno Baptiste, 17, was treated for smoke inhalation at Carver Memorial. His mother said "
     "the boy had run back inside for the dog.", ("run back inside",), None),
]


@pytest.mark.parametrize(("text", "keys", "speaker"), KIN_SPEAKERS)
def test_a_kin_word_is_the_relative_the_story_named(nlp, text: str, keys: tuple[str, ...],
                                                    speaker: str | None) -> None:
    assert_spoken_by(run(nlp, text), keys, speaker)


# --- "called X to ask for Y": a telephone call made for a purpose, not a verdict ------------

CALLED_TO_ASK = [
    # UK local paper
    ("Wenna Trask called the mayor to ask for help.", "Wenna Trask", ("ask for help",)),
    # US wire: a time between
    ("Gus Arkwright called the Tolland sheriff on Tuesday to ask for help with the flooded "
     "road.", "Gus Arkwright", ("ask for help with the flooded road",)),
    # Canadian daily: what was asked of the one called
    ("Petra Olwen called the Kestrel Bay council to ask it to reopen the ferry.",
     "Petra Olwen", ("reopen the ferry",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), CALLED_TO_ASK)
def test_called_to_ask_is_the_asking_not_a_verdict(nlp, text: str, speaker: str,
                                                  keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = assert_spoken_by(ex, keys, speaker)
    assert not claim.text.casefold().startswith("called"), claims_seen(ex)
    assert claim.stance is None, claims_seen(ex)


def test_called_to_complain_is_no_verdict(nlp) -> None:
    ex = run(nlp, "Ivo Marsh called the Arden council to complain about the bins.")
    assert not any(c.text.casefold().startswith("called") for c in ex.claims), claims_seen(ex)
