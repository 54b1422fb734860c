"""Transcripts: a speaker's name on a line of its own, the speech in the paragraphs below.

    Mrs Ann Lee (Eastwick) (Lab):
    Will the Minister tell the House who will be consulted?

    The Minister for Rail (Sam Ode):
    The consultation will be open to every passenger.

Parliamentary records and hearing transcripts put the speaker above the speech, with no
quotation marks and no cue. A speaker line ends with a colon, is short, holds no verb
outside brackets and names a person: the one in brackets after an office ("The Minister
for Rail (Sam Ode):"), else the one the line names ("Mrs Lee:"). Each paragraph below it,
up to the next speaker line, is one claim of that speaker. A text is read as a transcript
only when two speaker lines or more name people, so that "Ms Pike said:" or a heading
with a colon in a news story never starts one. A paragraph with no subject anywhere
("Question put and agreed to.", "Resolved,") is the record's own voice: it ends the turn.
"""

from __future__ import annotations

from collections.abc import Callable

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

DateResolver = Callable[[Span], str | None]


def transcript_claims(doc: Doc, pieces: list[Paragraph], index: EntityIndex,
                      date_of: DateResolver) -> list[Claim]:
    lines = {k: _speaker_line(doc, p, index) for k, p in enumerate(pieces)
             if p.kind in {"body", "heading"} and p.text.rstrip().endswith(":")}
    if sum(1 for found in lines.values() if found is not None and found[0]) < _MIN_SPEAKER_LINES:
        return []
    claims: list[Claim] = []
    turn: tuple[str | None, str, Span] | None = None  # (speaker, speaker line, its span)
    for k, paragraph in enumerate(pieces):
        if k in lines:
            found = lines[k]
            turn = None if found is None else (*found, _span(doc, paragraph))
            continue
        if turn is None or paragraph.kind != "body":
            turn = None if paragraph.kind in {"heading", "headline"} else turn
            continue
        if _record(_span(doc, paragraph)):
            turn = None  # "Question put and agreed to.": the record speaking
            continue
        speaker, line, line_span = turn
        if speaker is None:
            continue
        text = doc_text(doc)[paragraph.start : paragraph.end]
        claims.append(Claim(
            speaker=speaker, speaker_text=line, cue=None, text=text,
            direct=any(mark in text for mark in ('"', "“", "”")), stance=None,
            start=paragraph.start, end=paragraph.end, sentence_start=paragraph.start,
            sentence_end=paragraph.end,
            about=tuple(e for e in index.entities_in(paragraph.start, paragraph.end)
                        if e != speaker),
            date=date_of(line_span)))
    return claims


def _record(paragraph: Span) -> bool:
    """A line in the record's own voice: no subject, or a few words with nobody in them."""
    if not any(t.dep_ in SUBJECT_DEPS for t in paragraph):
        return True  # "Resolved,"
    words = [t for t in paragraph if not t.is_punct]
    return len(words) <= _MAX_RECORD_WORDS and paragraph.text.rstrip()[-1:] != "?" \
        and not any(t.lower_ in _PEOPLE_TALKING for t in words)


def _span(doc: Doc, paragraph: Paragraph) -> Span:
    return doc.char_span(paragraph.start, paragraph.end, alignment_mode="expand")


def _speaker_line(doc: Doc, paragraph: Paragraph,
                  index: EntityIndex) -> tuple[str | None, str] | None:
    """(the person, the line without its colon) for a speaker line; None for another line.

    A line that looks like one but names nobody ("Hon. Members:") gives (None, line): it
    still ends the turn before it.
    """
    span = _span(doc, paragraph)
    if span is None or len(span) > _MAX_LINE_TOKENS or not paragraph.text[:1].isupper():
        return None
    depth = 0
    for token in span:
        depth += token.text == "("
        depth -= token.text == ")"
        if depth == 0 and token.pos_ in {"VERB", "AUX"}:
            return None  # "Ms Pike said:", "The letter reads:"
    line = paragraph.text.rstrip().rstrip(":").rstrip()
    before_brackets = line.split("(")[0].strip()
    first_bracket = line[len(line.split("(")[0]) :].split(")")[0].lstrip("(")
    if before_brackets.casefold().startswith("the ") and first_bracket:
        # "The Minister for Rail (Sam Ode):" names the person in brackets
        start = paragraph.start + line.index(first_bracket)
        return _person(index, start, start + len(first_bracket), first_bracket), line
    start = paragraph.start
    return _person(index, start, start + len(before_brackets), before_brackets), line


def _person(index: EntityIndex, start: int, end: int, words: str) -> str | None:
    found = index.at(start, end)
    if found is not None and index.types.get(found) == "PERSON":
        return found
    name = " ".join(w for w in words.split() if w.casefold().rstrip(".") not in lx.HONORIFICS)
    found = entity_by_name(index, name) if name else None
    return found if found is not None and index.types.get(found) == "PERSON" else None
