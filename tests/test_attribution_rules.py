"""Who said it: attribution rules on short texts written for these tests (issue 10).

Names, places and organisations here appear in no corpus of the project. Each table is
`(text, speaker or None, key phrases one claim holds)`; None means the claim must exist
with no speaker, or, in the tables of things that are nobody's claim, must not be given
to anyone.
"""

from __future__ import annotations

import pytest

from tests.test_extract_rules import claim_with, claims_seen, is_named, name_of, run

# A quote paragraph with no cue of its own.
CUELESS = [
    # "X said:" closing the paragraph before (UK broadcaster style)
    ("Harriet Quayle, who runs the post office in Eskby, said:\n\n"
     "“Without the bus, half my customers simply cannot get here any more.”",
     "Harriet Quayle", ("half my customers",)),
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
]


@pytest.mark.parametrize(("text", "speaker", "keys"), CUELESS)
def test_cueless_quote_paragraph(nlp, text: str, speaker: str, keys: tuple[str, ...]) -> None:
    ex = run(nlp, text)
    claim = claim_with(ex, *keys)
    assert claim is not None, f"no claim holding {keys}; claims {claims_seen(ex)}"
    assert is_named(ex, claim.speaker, speaker), \
        f"speaker {name_of(ex, claim.speaker)!r} ({claim.speaker_text!r}), not {speaker!r}"


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
