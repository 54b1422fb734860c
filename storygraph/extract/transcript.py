"""Transcripts: a speaker's name on a line of its own, the speech in the paragraphs below.

    Mrs Ann Lee (Eastwick) (Lab):
    Will the Minister tell the House who will be consulted?

    The Minister for Rail (Sam Ode):
    The consultation will be open to every passenger.

Parliamentary records and hearing transcripts put the speaker above the speech, with no
quotation marks and no cue. A speaker line ends with a colon, is short, holds no verb
outside brackets and names a person: the one in brackets after an office ("The Minister
for Rail (Sam Ode):"), else the one the line names ("Mrs Lee:"). Each paragraph below it,
up to the next speaker line, is one claim of that speaker. An official report numbers its
questions ("2. Ann Lee (Eastwick) (Lab):"); the number is not part of the name. A Q&A
interview puts the label at the start of the answer ("Lee: We expanded too fast.") and
the paper's questions after "Q." or "Q:": each answer, and the paragraphs after it up to
the next question or label, is the labelled person's; a question is nobody's claim here.
A text is read as a transcript only when two speaker lines or labels or more name people,
so that "Ms Pike said:", "Pictured: ..." or a heading with a colon in a news story never
starts one. A paragraph with no subject anywhere ("Question put and agreed to.",
"Resolved,") is the record's own voice: it ends the turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from storygraph.extract import lexicon as lx
from storygraph.extract.entities import EntityIndex
from storygraph.extract.layout import Paragraph
from storygraph.extract.reference import SUBJECT_DEPS, entity_by_name
from storygraph.extract.text import doc_text
from storygraph.model import Claim

# A speaker line: "Dr Owain Bevan-Hughes (Glanfre and Teifi) (PC):" at most.
_MAX_LINE_TOKENS = 24
_MIN_SPEAKER_LINES = 2
# "Question put and agreed to.": short, no one speaking in it, not a question.
_MAX_RECORD_WORDS = 6
_PEOPLE_TALKING = frozenset("i me my we us our you your".split())
_FIRST_PERSON = frozenset("i me my mine we us our ours".split())
# "2. ", "T1. ", "(3) " before the name on a numbered question's speaker line.
_NUMBER = re.compile(r"(?:[A-Z]?\d{1,3}\.|\(\d{1,3}\))\s+")
# "Lee: We expanded too fast.": a short label, a colon, then the words spoken.
_INLINE = re.compile(r"([^\W\d][^:\n]{0,59}):\s+(?=\S)")
# The interviewer's turn: "Q. What went wrong?", "Q: ...", "Question: ...".
_QUESTION = re.compile(r"(?:Q[.:]|Question:|Interviewer:)\s")
# The paper's note under an interview: "This interview has been edited for length and
# clarity.", "Answers have been condensed."
_EDITORS_NOTE = re.compile(r"\b(?:interview|conversation|answers|transcript|responses)\b[^.]{0,40}"
                           r"\b(?:edited|condensed|shortened|abridged)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Line:
    """A speaker line or an inline label: who (None: nobody named) and the words naming them;
    `speech` is where the words spoken start in the same paragraph (None: the next one)."""

    speaker: str | None
    text: str
    speech: int | None = None

DateResolver = Callable[[Span], str | None]


def transcript_claims(doc: Doc, pieces: list[Paragraph], index: EntityIndex,
                      date_of: DateResolver, reported: list[Claim]) -> list[Claim]:
    """The claims of a transcript's turns; `reported` are the text's cued claims ("X said"):
    a paragraph where someone else is reported speaking is the paper's again, not the turn's
    ("Since the interview, the council has said ...")."""
    lines: dict[int, _Line | None] = {}
    for k, paragraph in enumerate(pieces):
        if paragraph.kind not in {"body", "heading"}:
            continue
        if paragraph.text.rstrip().endswith(":"):
            lines[k] = _speaker_line(doc, paragraph.start, paragraph.end, index)
        elif paragraph.kind == "body" and _QUESTION.match(paragraph.text):
            lines[k] = None  # the interviewer's question ends the answer before it
        elif paragraph.kind == "body" and (label := _INLINE.match(paragraph.text)):
            found = _speaker_line(doc, paragraph.start, paragraph.start + label.end(1), index)
            if found is not None and found.speaker is not None:
                lines[k] = _Line(found.speaker, found.text, paragraph.start + label.end())
    if sum(1 for found in lines.values() if found is not None and found.speaker) \
            < _MIN_SPEAKER_LINES:
        return []
    claims: list[Claim] = []
    turn: tuple[_Line, Span] | None = None  # the speaker line and its span
    spoken = False  # whether the turn has a paragraph of speech yet
    for k, paragraph in enumerate(pieces):
        start = paragraph.start
        if k in lines:
            found = lines[k]
            turn = None if found is None else (found, _span(doc, paragraph))
            spoken = False
            if found is None or found.speech is None:
                continue
            start = found.speech  # an inline label: the answer follows it
        elif turn is None or paragraph.kind != "body":
            turn = None if paragraph.kind in {"heading", "headline"} else turn
            continue
        elif _record(_span(doc, paragraph)) or _EDITORS_NOTE.search(paragraph.text) or (
                spoken and _reports_another(_span(doc, paragraph), turn[0].speaker, reported)):
            turn = None  # "Question put and agreed to.": the record (or the paper) speaking
            continue
        assert turn is not None
        spoken = True
        line, line_span = turn
        if line.speaker is None:
            continue
        text = doc_text(doc)[start : paragraph.end]
        claims.append(Claim(
            speaker=line.speaker, speaker_text=line.text, cue=None, text=text,
            direct=any(mark in text for mark in ('"', "“", "”")), stance=None,
            start=start, end=paragraph.end, sentence_start=start,
            sentence_end=paragraph.end,
            about=tuple(e for e in index.entities_in(start, paragraph.end)
                        if e != line.speaker),
            date=date_of(line_span)))
    return claims


def _record(paragraph: Span) -> bool:
    """A line in the record's own voice: no subject, or a few words with nobody in them."""
    if not any(t.dep_ in SUBJECT_DEPS for t in paragraph):
        return True  # "Resolved,"
    words = [t for t in paragraph if not t.is_punct]
    return len(words) <= _MAX_RECORD_WORDS and paragraph.text.rstrip()[-1:] != "?" \
        and not any(t.lower_ in _PEOPLE_TALKING for t in words)


def _reports_another(paragraph: Span, speaker: str | None, reported: list[Claim]) -> bool:
    """The paper reporting someone else ("Since the interview, the council has said ..."):
    a cued claim of another speaker in a paragraph with no first person in it."""
    if any(t.lower_ in _FIRST_PERSON for t in paragraph):
        return False  # "The chief executive told me that ...": still the speaker's turn
    return any(c.cue is not None and c.speaker != speaker
               and paragraph.start_char <= c.start < paragraph.end_char for c in reported)


def _span(doc: Doc, paragraph: Paragraph) -> Span:
    return doc.char_span(paragraph.start, paragraph.end, alignment_mode="expand")


def _speaker_line(doc: Doc, start: int, end: int, index: EntityIndex) -> _Line | None:
    """The speaker line (or label) in doc[start:end], or None for another line.

    A line that looks like one but names nobody ("Hon. Members:") gives a `_Line` with no
    speaker: it still ends the turn before it.
    """
    text = doc_text(doc)[start:end]
    number = _NUMBER.match(text)
    if number:
        start, text = start + number.end(), text[number.end():]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) > _MAX_LINE_TOKENS or not text[:1].isupper():
        return None
    depth = 0
    for token in span:
        depth += token.text == "("
        depth -= token.text == ")"
        if depth == 0 and token.pos_ in {"VERB", "AUX"}:
            return None  # "Ms Pike said:", "The letter reads:"
    line = text.rstrip().rstrip(":").rstrip()
    before_brackets = line.split("(")[0].strip()
    first_bracket = line[len(line.split("(")[0]) :].split(")")[0].lstrip("(")
    if before_brackets.casefold().startswith("the ") and first_bracket:
        # "The Minister for Rail (Sam Ode):" names the person in brackets
        at = start + line.index(first_bracket)
        return _Line(_person(index, at, at + len(first_bracket), first_bracket), line)
    return _Line(_person(index, start, start + len(before_brackets), before_brackets), line)


def _person(index: EntityIndex, start: int, end: int, words: str) -> str | None:
    found = index.at(start, end)
    if found is not None and index.types.get(found) == "PERSON":
        return found
    name = " ".join(w for w in words.split() if w.casefold().rstrip(".") not in lx.HONORIFICS)
    found = entity_by_name(index, name) if name else None
    return found if found is not None and index.types.get(found) == "PERSON" else None
