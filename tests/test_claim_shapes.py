"""Shapes of claims that other outlets write (issue 10): what a claim holds, who is its
speaker, and quoted words that are no one's claim.

Texts written for these tests in several house styles; names, places and bodies here appear
in no corpus of the project. Tables are `(text, speaker or None, key phrases one claim
holds)`, as in tests/test_attribution_rules.py.
"""

from __future__ import annotations

import pytest

from tests.test_extract_rules import (
    assert_spoken_by,
    claim_with,
    claims_seen,
    is_named,
    name_of,
    run,
)

# --- a colon lead-in after another speaker's quotation ---------------------------------------

# The sentence ending with the colon names who speaks, not the cue of the sentence before.
LEAD_INS = [
    # UK national: the lead-in in the quotation's paragraph
    ('"We will fight this all the way," said Ann Roe. Her rival Bo Kent was blunter: '
     '"This plan is dead and everyone knows it."',
     "Bo Kent", ("this plan is dead",)),
    # UK local: the lead-in a paragraph of its own, then the quotation's paragraph
    ('"The library stays," said Councillor Wenna Trask.\n\n'
     "Her opposite number, Idris Fenwick, took a different view:\n\n"
     '"We cannot keep every building open on a budget that has halved."',
     "Idris Fenwick", ("budget that has halved",)),
    # US wire: reported speech, then a lead-in with a name set off by commas
    ("Orla Benedek said the county would appeal the ruling. Dale Stroud, the plaintiffs' "
     'attorney, was less diplomatic: "They lost, and they know they lost."',
     "Dale Stroud", ("they know they lost",)),
    # Canadian daily: "had a warning for"
    ('"The season went well," said Marit Solheim, who runs the Tullow ferry. '
     'Gus Arkwright had a warning for the province: "Without dredging, the channel closes '
     'by 2027."',
     "Gus Arkwright", ("without dredging",)),
    # broadcaster: what is said, owned by its speaker
    ('Petra Vaskova said the station would reopen. "It is only a matter of weeks," she '
     "said.\n\nSilas Embery, who uses the line daily, was unconvinced. His message to the "
     'operator was simple: "Show us a date and stick to it."',
     "Silas Embery", ("show us a date",)),
]

# A speaker put forward as blunt before the colon.
PLAIN_SPOKEN = [
    # UK tabloid
    ('Ada Pennock did not mince her words: "The Tolland plan is dead and buried."',
     "Ada Pennock", ("dead and buried",)),
    # UK local: after another speaker's quotation
    ('"We are delighted," said Ivo Marsh. Councillor Ada Pennock did not hold back: "It is a '
     'con and everybody in Tolland knows it."', "Ada Pennock", ("everybody in tolland",)),
    # Australian: "pulled no punches"
    ("The Kestrel union's leader, Bo Kent, pulled no punches: \"Management has lied to us "
     'for two years."', "Bo Kent", ("lied to us for two years",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), PLAIN_SPOKEN)
def test_a_blunt_speaker_before_the_colon(nlp, text: str, speaker: str,
                                          keys: tuple[str, ...]) -> None:
    assert_spoken_by(run(nlp, text), keys, speaker)


# The sentence before the colon puts forward someone else, or a text: not the cue's speaker.
NOT_THE_LAST_SPEAKER = [
    ('"We will reopen by spring," said Petra Vaskova. The notice on the depot gates reads: '
     '"Closed until further notice by order of the operator."',
     ("closed until further notice",), "Petra Vaskova"),
    ('"The offer is fair," said Harriet Lusk, the firm\'s chief executive. The union\'s view '
     'was different: "This offer takes more than it gives and members will reject it."',
     ("members will reject it",), "Harriet Lusk"),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), LEAD_INS)
def test_a_colon_lead_in_names_the_speaker(nlp, text: str, speaker: str,
                                           keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    assert_spoken_by(ex, keys, speaker)


@pytest.mark.parametrize(("text", "keys", "wrong"), NOT_THE_LAST_SPEAKER)
def test_a_colon_lead_in_is_not_the_last_speakers(nlp, text: str, keys: tuple[str, ...],
                                                  wrong: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is None or not is_named(ex, claim.speaker, wrong), claims_seen(ex)
    assert claim is None or wrong.split()[-1].casefold() not in claim.text.casefold(), \
        "the two quotations are not one claim"


# --- quoted titles, slogans, nicknames and labels ----------------------------------------------

# No claim holds these words, though a cue elsewhere in the paragraph has a speaker.
LABELS = [
    ('Protesters carried banners reading "Hands off our hospital" as the board met. The '
     "chairman, Rolf Adler, said no decision had been taken.", "hands off our hospital"),
    ('The band played "Songs for a Long Winter" to close the night, and singer Mara Quist '
     "said it was the best crowd of the tour.", "songs for a long winter"),
    ('Ms Dray, dubbed "the queen of the quayside" by traders, said the market would reopen '
     "in spring.", "queen of the quayside"),
    ('The council\'s "Cleaner Streets for Everyone" plan was launched last week. Cllr Jonah '
     "Pryce said it would cost £2m.", "cleaner streets for everyone"),
    ('Residents set up the "Save Marsh Lane Library" group in March. Its founder, Edith '
     "Crane, said more than 400 people had joined.", "save marsh lane library"),
    ('Kit Ormerod has a tattoo reading "Mum and Dad forever" on his arm. He said he got it '
     "the week he joined the navy.", "mum and dad forever"),
    ('He starred in "The Night We Left Town", a film that Pia Lund said changed her life.',
     "the night we left town"),
    ('Wenna Trask, known locally as "the bus lady", said the route had been cut twice.',
     "the bus lady"),
    ('Supporters chanted "Save our ferry" as Councillor Idris Fenwick told the meeting the '
     "service would be reviewed.", "save our ferry"),
    ('The minister\'s so-called "island guarantee" was criticised by Oren Crane, who said it '
     "had never been funded.", "island guarantee"),
]


@pytest.mark.parametrize(("text", "key"), LABELS)
def test_a_quoted_name_is_no_claim(nlp, text: str, key: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is None or claim.speaker is None, claims_seen(ex)


# Short quoted words the cue does govern stay the speaker's.
GOVERNED = [
    ('"Shameful," said Ann Roe, the councillor for Marsh Lane.', "Ann Roe", ("shameful",)),
    ('"Shameful", the councillor for Marsh Lane, Ann Roe, said.', "Ann Roe", ("shameful",)),
    ('"Never!" shouted Ann Roe from the public gallery.', "Ann Roe", ("never",)),
    ('Ann Roe said: "Shameful."', "Ann Roe", ("shameful",)),
    ('Ann Roe said the plan was reckless. She called it "a betrayal".', "Ann Roe",
     ("a betrayal",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), GOVERNED)
def test_short_quoted_words_with_their_cue_are_claims(nlp, text: str, speaker: str,
                                                      keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is not None, claims_seen(ex)
    assert is_named(ex, claim.speaker, speaker), claims_seen(ex)


def test_a_chant_in_a_relative_clause_is_not_the_speakers(nlp) -> None:
    ex = run(nlp, '"We will win," Ann Roe told the crowd, which chanted "Roe, Roe, Roe".')
    claim = claim_with(ex, "we will win")
    assert claim is not None and is_named(ex, claim.speaker, "Ann Roe"), claims_seen(ex)
    assert "chanted" not in claim.text, claims_seen(ex)


# --- reported speech: what a claim holds, to the end of the reported clause ----------------------

# (text, speaker, key phrases one claim holds): the second clause is still the speaker's words.
WHOLE_CLAUSES = [
    ("Ms Dray said the plant would stay open and that talks would resume in May.", "Dray",
     ("plant would stay open", "talks would resume in may")),
    ("Ulla Brandt told the Courier the plant would stay open, and that talks with the union "
     "would resume in May.", "Ulla Brandt", ("stay open", "talks with the union")),
    ("Mayor Petra Lindqvist said on Monday that the bridge was safe, that inspections would "
     "continue and that the council would publish the report.", "Petra Lindqvist",
     ("bridge was safe", "publish the report")),
    # "agreed to talks" is a deal made, not another cue cutting the clause short
    ("Harlan Voss said the plant would stay open and the union had agreed to talks.",
     "Harlan Voss", ("stay open", "agreed to talks")),
    ("Ms Dray said there had been \"no wrongdoing\" and that the firm would cooperate fully "
     "with the inquiry.", "Dray", ("no wrongdoing", "cooperate fully")),
    # advice given goes on what the cue reports
    ("Quendon planning officer Marit Solheim wrote in a report that the scheme was "
     "\"acceptable in principle\" but recommended limits on lorry movements.", "Marit Solheim",
     ("acceptable in principle", "recommended limits on lorry movements")),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), WHOLE_CLAUSES)
def test_reported_speech_runs_to_the_end_of_its_clause(nlp, text: str, speaker: str,
                                                       keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is not None, claims_seen(ex)
    assert is_named(ex, claim.speaker, speaker), claims_seen(ex)


def test_another_speaker_set_against_the_first_ends_the_clause(nlp) -> None:
    ex = run(nlp, "Wenna Trask said the decision was wrong and that she would appeal, while "
                  "Idris Fenwick said he would not.")
    first = claim_with(ex, "decision was wrong", "she would appeal")
    assert first is not None and is_named(ex, first.speaker, "Wenna Trask"), claims_seen(ex)
    assert "Fenwick" not in first.text, claims_seen(ex)
    second = claim_with(ex, "he would not")
    assert second is not None and is_named(ex, second.speaker, "Idris Fenwick"), \
        claims_seen(ex)


def test_a_cue_inside_a_clause_reported_by_a_closing_tag_is_no_claim(nlp) -> None:
    ex = run(nlp, "The inspectors found the bridge was safe and that repairs could wait, "
                  "Orla Benedek said.")
    found = [c for c in ex.claims if "bridge was safe" in c.text]
    assert found and all(is_named(ex, c.speaker, "Orla Benedek") for c in found), \
        claims_seen(ex)


def test_asking_someone_about_something_claims_nothing(nlp) -> None:
    ex = run(nlp, "The Tullow Advertiser asked Marit Solheim about the ferry timetable. "
                  "She said the winter sailings would stay.")
    assert claim_with(ex, "about the ferry timetable") is None, claims_seen(ex)
    claim = claim_with(ex, "winter sailings would stay")
    assert claim is not None and is_named(ex, claim.speaker, "Marit Solheim"), claims_seen(ex)


# --- participle and adverbial openers ------------------------------------------------------------

# The speaker is the cue's subject after the opener, never someone the opener names.
OPENERS = [
    ("Speaking to the Gazette, Harlan Voss, who founded the firm in 1998, said the plant "
     "would not close.", "Harlan Voss", ("plant would not close",)),
    ("Speaking to the Gazette, Harlan Voss, the firm's founder, said the plant would not "
     "close.", "Harlan Voss", ("plant would not close",)),
    ("After talks with the union, the firm's owner, Harlan Voss, said the plant would not "
     "close.", "Harlan Voss", ("plant would not close",)),
    ("Writing on social media, Quendon Council leader Ann Roe, who has held the seat since "
     "2010, said the budget was fair.", "Ann Roe", ("budget was fair",)),
    ("Responding to Ann Roe in the chamber, Bo Kent, the opposition leader, said the figures "
     "did not add up.", "Bo Kent", ("figures did not add up",)),
    ("In a statement to the Courier, Carrow Council, which runs the depot, said it would "
     "review the decision.", "Carrow Council", ("review the decision",)),
    ("Flanked by Ann Roe and the chief constable, the home secretary, Bo Kent, said the "
     "inquiry would be independent.", "Bo Kent", ("inquiry would be independent",)),
    ("Ann Roe has led the council since 2010.\n\nAsked about Mr Kent's resignation, she said "
     "she had not been told.", "Ann Roe", ("had not been told",)),
    ("Tom Hale scored twice in the second half.\n\n\"We did our best and the fans saw that,\" "
     "Tom Hale said, speaking after the match.", "Tom Hale", ("we did our best",)),
    # court report: a scene-setting phrase the parser takes for a second subject
    ("Ruairi Kesh, 34, admitted dangerous driving at Tullow Crown Court.\n\nOutside court, "
     "the 34-year-old said he was sorry for what he had done.", "Ruairi Kesh",
     ("sorry for what he had done",)),
    ("Bea Marwick, 52, was fined £400.\n\nOutside the building, the pensioner said she "
     "would appeal.", "Bea Marwick", ("would appeal",)),
]


def test_a_participle_opener_is_no_claim_of_its_own(nlp) -> None:
    ex = run(nlp, "Welcoming the ruling, the Brenmoor Residents' Association said it was a "
                  "victory for common sense.")
    assert claim_with(ex, "welcoming the ruling") is None, claims_seen(ex)
    assert claim_with(ex, "victory for common sense") is not None, claims_seen(ex)


# --- reports nested inside a quotation -----------------------------------------------------------

# (text, speaker, key phrases): the words are the quoting speaker's, the inner cue no claim.
NESTED = [
    ('"My boss said we would be fine," said Lee Tan.', "Lee Tan", ("my boss said",)),
    ("‘My boss said we would be fine,’ said Lee Tan, 54.", "Lee Tan", ("my boss said",)),
    ('Harlan Voss runs the depot.\n\n"Mr Voss said the money was there," said Lee Tan. '
     '"We believed him."', "Lee Tan", ("mr voss said the money was there",)),
    ("Lee Tan was laid off in May. He said:\n\n\"My manager said the job was safe. He told "
     "us all that.\n\n\"Then we got the letter.\"", "Lee Tan", ("my manager said",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), OPENERS + NESTED)
def test_one_speaker_says_it_all(nlp, text: str, speaker: str, keys: tuple[str, ...]) -> None:
    """An opener's people and the one a quotation reports are never the speaker: every
    claim of the text is the speaker's, the one with `keys` among them."""
    ex = run(nlp, text)
    assert_spoken_by(ex, keys, speaker)
    assert all(is_named(ex, c.speaker, speaker) for c in ex.claims), claims_seen(ex)


# --- transcript labels: an office with the name in brackets ---------------------------------------

# (text, {key phrase: speaker or None}): None is a question, nobody's claim here.
LABELLED = [
    # a press conference, labels inline, the office later alone
    ("MINISTER [Tui Ngata]: The budget is balanced and will stay balanced.\n\n"
     "Q (Reporter, Carrow Gazette): When will the report be published?\n\n"
     "MINISTER: It will be out next month, I can promise you that.",
     {"budget is balanced": "Tui Ngata", "out next month": "Tui Ngata",
      "when will the report": None}),
    # labels on a line of their own above the speech
    ("MINISTER [Tui Ngata]:\nThe budget is balanced and will stay balanced.\n\n"
     "Q (Reporter):\nWhen will the report be published?\n\n"
     "MINISTER:\nIt will be out next month, I can promise you that.",
     {"budget is balanced": "Tui Ngata", "out next month": "Tui Ngata"}),
    # a police briefing with round brackets
    ("COMMISSIONER (Lila Marsh): Officers attended the scene at 2am.\n\n"
     "Q (Carrow Gazette): Was anyone hurt?\n\n"
     "COMMISSIONER: Two people were taken to hospital. One has since gone home.",
     {"officers attended": "Lila Marsh", "taken to hospital": "Lila Marsh",
      "was anyone hurt": None}),
    # a committee hearing: the chair and a witness
    ("THE CHAIR (Dame Ruth Ames): The committee will now hear from the witness.\n\n"
     "THE WITNESS (Mr Colm Pryce): Thank you. We have submitted our evidence in writing.\n\n"
     "THE CHAIR (Dame Ruth Ames): Thank you. Please begin.",
     {"hear from the witness": "Ruth Ames", "submitted our evidence": "Colm Pryce"}),
    # a court: an office and a full title in square brackets
    ("JUDGE [Her Honour Judge Lila Marsh]: Mr Crane, please stand.\n\n"
     "DEFENDANT [Oren Crane]: Yes, your honour.\n\n"
     "JUDGE [Her Honour Judge Lila Marsh]: You will go to prison for four years.",
     {"prison for four years": "Lila Marsh", "yes, your honour": "Oren Crane"}),
]


@pytest.mark.parametrize(("text", "expected"), LABELLED)
def test_a_label_with_an_office_and_a_name_gives_the_name(nlp, text: str,
                                                          expected: dict[str, str | None]) -> None:
    ex = run(nlp, text)
    for key, speaker in expected.items():
        claim = claim_with(ex, key)
        if speaker is None:
            assert claim is None or claim.speaker is None, claims_seen(ex)
        else:
            assert claim is not None and is_named(ex, claim.speaker, speaker), \
                (key, claims_seen(ex))


def test_an_office_label_in_a_story_is_no_transcript(nlp) -> None:
    ex = run(nlp, "The minister spoke to reporters on Monday.\n\nMINISTER: We have done our best.")
    claim = claim_with(ex, "done our best")
    assert claim is None or claim.speaker is None, claims_seen(ex)


# --- "made it clear that", "made the point that": the clause is what was said ----------------

# (the parser hangs the clause on "clear", "plain", "point" or "case", not on the verb)
MADE_CLEAR = [
    # UK local paper
    ("Councillor Idris Penhallow made it clear that the library would not close while he "
     "led the council.", "Idris Penhallow", ("library would not close",)),
    # US wire: "made clear" with no "it", a title before the name
    ("Gov. Marisol Dunaway made clear that the state would not raise the gas tax this year.",
     "Marisol Dunaway", ("state would not raise the gas tax",)),
    # Canadian daily: the title set off by commas before the name
    ("The chief executive of Marrowfield Foods, Petra Olwen, made plain that no jobs would "
     "be lost in Kestrel Bay.", "Petra Olwen", ("no jobs would be lost",)),
    # broadcaster: "made the point that"
    ("Transport minister Halcyon Brix made the point that the new line would carry 40,000 "
     "passengers a day.", "Halcyon Brix", ("new line would carry 40,000",)),
    # Irish paper: "made the case that", the speaker named before
    ("Dr Amos Keddle runs the Ballyrath clinic. Dr Keddle made the case that the clinic "
     "should open at weekends.", "Amos Keddle", ("clinic should open at weekends",)),
    # who was told, between the adjective and the clause
    ("Pia Lundqvist made it clear to reporters that she would stand again in May.",
     "Pia Lundqvist", ("she would stand again",)),
]

# No one we know made it clear, or nothing was said: no claim with a speaker.
NOT_MADE_CLEAR = [
    ("The flood made it clear that the town of Orrin Vale had been forgotten.",
     "had been forgotten"),
    ("It was made clear to staff at Brenmoor Dairies that the depot would close.",
     "depot would close"),
    ("Jo Varne made her point and left the meeting at Tolland Hall.", "her point"),
    ("Minister Kit Arrowsmith made clear her opposition to the Dunmore bypass.",
     "dunmore bypass"),
]


# Cues that say something only of someone the story names, with what no one named says
# by them (a flood, figures, a report).
UNNAMED_SAYERS = [
    ("The flood made it clear that the town of Orrin Vale had been forgotten.",
     "had been forgotten"),
    ("The latest figures signalled that the council had overspent again.",
     "council had overspent"),
    ("The inquiry's report spoke of serious failings at the care home.",
     "serious failings"),
]


@pytest.mark.parametrize(("text", "key"), UNNAMED_SAYERS)
def test_only_someone_named_says_by_these_cues(nlp, text: str, key: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is None, claims_seen(ex)


@pytest.mark.parametrize(("text", "speaker", "keys"), MADE_CLEAR)
def test_made_it_clear_reports_the_clause(nlp, text: str, speaker: str,
                                          keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = assert_spoken_by(ex, keys, speaker)
    for word in ("made", "clear", "point"):
        assert f" {word} " not in f" {claim.text.casefold()} ", claims_seen(ex)


@pytest.mark.parametrize(("text", "key"), NOT_MADE_CLEAR)
def test_made_clear_with_no_one_or_nothing_said_is_no_claim(nlp, text: str, key: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is None or claim.speaker is None, claims_seen(ex)


# --- "branded the plan a disgrace": a verdict with no quote marks ------------------------------

VERDICTS = [
    # UK local paper
    ("Councillor Idris Penhallow branded the plan a disgrace.", "Idris Penhallow",
     ("branded the plan a disgrace",)),
    # UK national: "labelled"
    ("Mayor Wenna Trask labelled the closure of the baths a scandal.",
     "Wenna Trask", ("labelled the closure", "a scandal")),
    # Canadian daily: a longer verdict
    ("Opposition critic Gus Arkwright branded the cuts an attack on the poorest families in "
     "Kestrel Bay.", "Gus Arkwright", ("branded the cuts an attack",)),
    # a body: the parser takes the verdict for an apposition to the object
    ("The Orrin Valley Residents' Association has branded the new bus timetable a shambles.",
     "Orrin Valley Residents' Association", ("timetable a shambles",)),
    # "called ... a betrayal" (already read) stays
    ("Union leader Ada Pennock called the decision a betrayal of the workforce.",
     "Ada Pennock", ("decision a betrayal",)),
]

# A telephone, a meeting, a time, or a passive: no one's verdict.
NOT_VERDICTS = [
    ("Ada Pennock called the Tolland station on Monday.", "tolland station"),
    # the parser makes the object a predicate when an aside follows it
    ("Tom Reyes called the Tolland mayor, a former teacher, on Monday.", "tolland mayor"),
    ("Councillor Bea Lund called the Tolland mayor on Tuesday to demand answers.",
     "tolland mayor"),
    ("Residents of Kestrel Bay called the Tolland council on Friday to complain about the "
     "noise.", "tolland council"),
    ("Ada Pennock called a meeting of the Tolland board for Friday.", "tolland board"),
    ("Jo Varne labelled the Tolland boxes a second time.", "tolland boxes"),
    ("Ada Pennock called the Tolland depot a day later.", "tolland depot"),
    ("Jo Varne was branded a liar by her rivals in Tolland.", "a liar"),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), VERDICTS)
def test_a_verdict_without_quote_marks_is_a_claim(nlp, text: str, speaker: str,
                                                  keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = assert_spoken_by(ex, keys, speaker)
    assert claim.stance == "criticises", claims_seen(ex)


@pytest.mark.parametrize(("text", "key"), NOT_VERDICTS)
def test_a_call_or_a_label_that_judges_nothing_is_no_claim(nlp, text: str, key: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is None or claim.speaker is None, claims_seen(ex)


@pytest.mark.parametrize(("text", "speaker", "keys"), [
    # US wire: the parser folds the quoted verdict into the object
    ('Senator Rhett Calloway called the ruling "judicial overreach of the worst kind" and '
     "promised new legislation.", "Rhett Calloway", ("judicial overreach",)),
    # UK tabloid: single marks
    ("Union boss Kezia Farrant called the offer 'an insult to every driver'.",
     "Kezia Farrant", ("insult to every driver",)),
])
def test_a_quoted_verdict_inside_the_object_is_a_claim(nlp, text: str, speaker: str,
                                                       keys: tuple[str, ...]) -> None:
    assert_spoken_by(run(nlp, text), keys, speaker)


# --- "the state said": the country's part of that kind named last ----------------------------

DIVISIONS = [
    # Canadian daily
    ("Ottawa and Manitoba are at odds over who pays for the flood wall at Selkirk.\n\n"
     "Federal Infrastructure Minister Dana Whitcombe said Ottawa had offered half the cost."
     "\n\nThe province said it had never received a written offer.",
     "Manitoba", ("never received a written offer",)),
    # Australian broadcaster
    ("Canberra has withheld $40 million from Tasmania for the Bridgewater bridge.\n\n"
     "The state said the money had been promised in writing in 2022.",
     "Tasmania", ("promised in writing",)),
    # US wire: the last named of two states
    ("Water from the Colorado River is shared by Arizona and Nevada under a 2007 deal. "
     "Nevada sued on Monday.\n\nThe state said its share had been cut without notice.",
     "Nevada", ("cut without notice",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), DIVISIONS)
def test_the_state_or_province_is_the_one_named_last(nlp, text: str, speaker: str,
                                                     keys: tuple[str, ...]) -> None:
    assert_spoken_by(run(nlp, text), keys, speaker)


def test_the_state_with_no_state_named_is_no_one(nlp) -> None:
    # (a country or a city is no state)
    ex = run(nlp, "Tullow council approved the harbour plan in France last year.\n\n"
                  "The state said it would not pay for the works.")
    claim = claim_with(ex, "would not pay")
    assert claim is not None and claim.speaker is None, claims_seen(ex)


# --- a spokesperson for a body named after a description of it --------------------------------

SPOKEN_FOR = [
    # UK local paper: a possessive description, then the name
    ("A spokesperson for the tenants' group Saltmere Renters United said the council had "
     "asked the right questions.", "Saltmere Renters United", ("asked the right questions",)),
    # Canadian daily
    ("A spokeswoman for the anglers' association Kestrel Bay Rod Club said the river was "
     "too low to fish.", "Kestrel Bay Rod Club", ("river was too low",)),
    # already read: a description with no possessive
    ("A spokesman for the residents' association Friends of Harlow Park said the fence would "
     "come down.", "Friends of Harlow Park", ("fence would come down",)),
    # New Zealand: the body's whole name before the spokeswoman
    ("Flooding closed the Kaiwhata bridge on Tuesday, Tararua Valley District Council said."
     "\n\nA Tararua Valley District Council spokeswoman said the bridge would be inspected "
     "on Friday.", "Tararua Valley District Council", ("inspected on friday",)),
    # Australian: the body's initials, given in brackets before
    ("The Tasmania State Emergency Service (SES) said crews had been sent. An SES "
     "spokesperson said 40 homes had been evacuated.", "Tasmania State Emergency Service",
     ("40 homes had been evacuated",)),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), SPOKEN_FOR)
def test_a_spokesperson_for_a_described_body_speaks_for_it(nlp, text: str, speaker: str,
                                                           keys: tuple[str, ...]) -> None:
    assert_spoken_by(run(nlp, text), keys, speaker)


# --- a paragraph that only says someone answered, then the answer --------------------------------

ANSWERED = [
    # UK local paper: the answer has no first person in it
    ('The council leader, Ivo Marsh, defended the decision.\n\n"We had no choice," he said.'
     "\n\nOpposition leader Ada Pennock disagreed.\n\n"
     '"There was always a choice. They chose the wrong one."',
     "Ada Pennock", ("chose the wrong one",)),
    # broadcaster: a state, not a verb
    ('The council leader, Ivo Marsh, defended the decision.\n\n"We had no choice," he said.'
     "\n\nCorner shop owner Wenna Trask was unimpressed.\n\n"
     '"Nobody has asked the traders what they think."',
     "Wenna Trask", ("asked the traders",)),
    # UK local: the reaction and the words in one paragraph, no cue
    ("Residents packed the chapel hall to hear the plan.\n\n"
     'Councillor Maeve Dunmore was scathing. "This is the worst decision the county has '
     'made in twenty years."', "Maeve Dunmore", ("worst decision",)),
    # Irish daily: a comparative the parser takes for an attribute
    ('"We are pleased with the outcome," said Ciarán Lally.\n\n'
     'Developer Tobias Renn was blunter still. "Nobody wants to live next to a car park."',
     "Tobias Renn", ("next to a car park",)),
    # US wire: a body that reacts
    ("The Harlan County School Board voted 4-1 to close Pine Ridge Elementary.\n\n"
     'The Harlan County School Board was unrepentant. "The numbers left us no option."',
     "Harlan County School Board", ("left us no option",)),
]

# The sentence says more than an answer: the words after it are not given to its subject.
NOT_ANSWERED = [
    ('The council leader, Ivo Marsh, defended the decision.\n\n"We had no choice," he said.'
     "\n\nAda Pennock agreed to meet him on Friday.\n\n"
     '"Talks will be held at the town hall."', ("talks will be held",), "Ada Pennock"),
    ("The council leader, Ivo Marsh, defended the decision.\n\n"
     "Ada Pennock was angry at the council for years.\n\n"
     '"The sign on the door said the shop would close."', ("sign on the door",),
     "Ada Pennock"),
    # in the quotation's own paragraph, a sentence that says more
    ("The council leader, Ivo Marsh, defended the decision.\n\n"
     'Ada Pennock was angry at the council for years. "It never answered a single letter."',
     ("single letter",), "Ada Pennock"),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), ANSWERED)
def test_the_words_after_an_answer_are_the_answerers(nlp, text: str, speaker: str,
                                                     keys: tuple[str, ...]) -> None:
    assert_spoken_by(run(nlp, text), keys, speaker)


@pytest.mark.parametrize(("text", "keys", "wrong"), NOT_ANSWERED)
def test_a_sentence_that_says_more_gives_no_speaker(nlp, text: str, keys: tuple[str, ...],
                                                    wrong: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is None or not is_named(ex, claim.speaker, wrong), claims_seen(ex)


# --- "the statement said": the one who put the document out a few sentences before -------------

ISSUED = [
    # UK local paper: a body's statement, quoted
    ('Tolland Council issued a statement on Monday. "We regret the closure of the baths," the '
     "statement said.", "Tolland Council", ("regret the closure",)),
    # US wire: a person's letter
    ("Principal Ada Pennock sent a letter to parents on Friday. The letter said the school "
     "would close early on Wednesday.", "Ada Pennock", ("school would close early",)),
]

# A statement no one is said to have put out, or one only read out: nobody's we know.
NOT_ISSUED = [
    ("A statement was issued on Monday. The statement said the Tolland road would reopen.",
     "tolland road would reopen", "Tolland"),
    ("Ivo Marsh read a statement from the family. The statement said they were heartbroken "
     "about the Tolland crash.", "were heartbroken", "Ivo Marsh"),
    # a document put out by one and written by another: not the publisher's words
    ("Quenbury Town Council published a report by Dr Ottoline Varga on Monday. The report said "
     "the Tolland bridge was unsafe.", "bridge was unsafe", "Quenbury Town Council"),
]


@pytest.mark.parametrize(("text", "speaker", "keys"), ISSUED)
def test_a_document_speaks_for_the_one_who_issued_it(nlp, text: str, speaker: str,
                                                     keys: tuple[str, ...]) -> None:
    assert_spoken_by(run(nlp, text), keys, speaker)


@pytest.mark.parametrize(("text", "key", "wrong"), NOT_ISSUED)
def test_a_document_no_one_issued_is_no_ones(nlp, text: str, key: str, wrong: str) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, key)
    assert claim is None or not is_named(ex, claim.speaker, wrong), claims_seen(ex)


# --- a pull quote signed with a dash and a name -------------------------------------------------

SIGNED = [
    # UK union bulletin: a role after the name
    ("Workers walked out at the Harlow depot on Monday.\n\n"
     '"We will not be moved." – Ann Vale, regional officer for the drivers\' union',
     ("we will not be moved",), "Ann Vale"),
    # US press release: curly marks and an em dash, the name alone
    ("Staff gathered outside the Tenby Road garage at dawn.\n\n"
     "\u201cThis fight is about every bus driver in the county.\u201d \u2014 Marcus Delorme",
     ("every bus driver in the county",), "Marcus Delorme"),
    # no dash: the words after the quote are no signature, so no speaker from them
    ("Staff gathered outside the Tenby Road garage at dawn.\n\n"
     '"This fight is about every bus driver in the county." Marcus Delorme left at noon.',
     ("every bus driver in the county",), None),
]


@pytest.mark.parametrize(("text", "keys", "speaker"), SIGNED)
def test_a_pull_quote_is_the_signed_name(nlp, text: str, keys: tuple[str, ...],
                                         speaker: str | None) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    if speaker is None:
        assert claim is None or claim.speaker is None or not is_named(
            ex, claim.speaker, "Marcus Delorme"), claims_seen(ex)
    else:
        assert_spoken_by(ex, keys, speaker)


# --- two people who disagreed, then a quotation paragraph with no cue -------------------------

# Either may have said it: no one's claim (a wrong speaker is worse than none).
PAIRS = [
    # UK local paper
    ("Councillors Ada Pennock and Ivo Marsh disagreed.\n\n"
     '"The pool has to close, there is simply no money left for it."',
     ("pool has to close",), ("Ada Pennock", "Ivo Marsh")),
    # Canadian daily: a verb of manner, first person
    ("Wenna Trask and Bo Kent clashed over the budget at the Tolland meeting.\n\n"
     '"We cannot keep every library open on a budget that has halved."',
     ("budget that has halved",), ("Wenna Trask", "Bo Kent")),
    # Irish paper: a couple introduced together
    ("Maeve Cullinan and her husband Dara have farmed at Ballyrath since 1988.\n\n"
     '"We have never seen the river this high in all our years here."',
     ("river this high",), ("Maeve Cullinan",)),
]


@pytest.mark.parametrize(("text", "keys", "not_by"), PAIRS)
def test_words_after_a_pair_are_neither_alone(nlp, text: str, keys: tuple[str, ...],
                                              not_by: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is None or not any(is_named(ex, claim.speaker, name) for name in not_by), \
        claims_seen(ex)


def test_a_cue_after_a_pair_names_one(nlp) -> None:
    ex = run(nlp, "Councillors Ada Pennock and Ivo Marsh disagreed.\n\n"
                  '"The pool has to close, there is no money left for it," said Ms Pennock.')
    claim = claim_with(ex, "pool has to close")
    assert claim is not None and "pennock" in (name_of(ex, claim.speaker) or "").casefold(), \
        claims_seen(ex)


def test_one_person_then_words_stays_theirs(nlp) -> None:
    ex = run(nlp, "Maeve Cullinan has farmed at Ballyrath since 1988.\n\n"
                  '"I have never seen the river this high in all my years here."')
    assert_spoken_by(ex, ("river this high",), "Maeve Cullinan")


# --- an owner and a noun of saying, then the words: "Her verdict?", "His answer:" -------------

OWNED_FRAGMENTS = [
    # UK tabloid: a question mark
    ('Councillor Ada Pennock inspected the Tolland depot on Monday. Her verdict? "A shambles '
     'from top to bottom."', ("a shambles from top to bottom",), "Ada Pennock"),
    # US wire: a colon
    ('Gus Arkwright was asked whether he would stand again. His answer: "No, and that is '
     'final."', ("that is final",), "Gus Arkwright"),
    # UK local: the fragment a paragraph of its own
    ("Gus Arkwright was asked whether he would stand again.\n\nHis answer:\n\n"
     '"No, and that is final, I have done my time."', ("done my time",), "Gus Arkwright"),
    # Canadian daily: a body's response
    ('Varley Homes was asked about the Arden site. The firm\'s response: "We do not comment '
     'on rumours."', ("comment on rumours",), "Varley Homes"),
    # broadcaster: an adjective before the noun
    ('Wenna Trask toured the Kestrel plant. Her blunt verdict? "It should never have '
     'opened."', ("never have opened",), "Wenna Trask"),
]


@pytest.mark.parametrize(("text", "keys", "speaker"), OWNED_FRAGMENTS)
def test_an_owned_verdict_is_the_owners_words(nlp, text: str, keys: tuple[str, ...],
                                              speaker: str) -> None:
    assert_spoken_by(run(nlp, text), keys, speaker)


def test_a_reports_verdict_is_no_persons(nlp) -> None:
    ex = run(nlp, "Ada Pennock read the report on Monday. Its verdict: \"The council failed "
                  "every family on the list.\"")
    claim = claim_with(ex, "failed every family")
    assert claim is None or not is_named(ex, claim.speaker, "Ada Pennock"), claims_seen(ex)
