"""Shapes of claims that other outlets write (issue 10): what a claim holds, who is its
speaker, and quoted words that are no one's claim.

Texts written for these tests in several house styles; names, places and bodies here appear
in no corpus of the project. Tables are `(text, speaker or None, key phrases one claim
holds)`, as in tests/test_attribution_rules.py.
"""

from __future__ import annotations

import pytest

from tests.test_extract_rules import claim_with, claims_seen, is_named, name_of, run

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
    claim = claim_with(ex, *keys)
    assert claim is not None, claims_seen(ex)
    assert is_named(ex, claim.speaker, speaker), \
        f"speaker {name_of(ex, claim.speaker)!r} ({claim.speaker_text!r}), not {speaker!r}"


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
