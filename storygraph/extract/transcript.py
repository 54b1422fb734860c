"""Transcripts: a speaker's name on a line of its own, the speech in the paragraphs below.

    Mrs Ann Lee (Northfleet) (Lab):
    Will the Minister tell the House who will be consulted?

    The Minister for Rail (Sam Ode):
    The consultation will be open to every passenger.

Parliamentary records and hearing transcripts put the speaker above the speech, with no
quotation marks and no cue. A speaker line ends with a colon, is short, holds no verb
outside brackets and names a person: the one in brackets after an office ("The Minister
for Rail (Sam Ode):"), else the one the line names ("Mrs Lee:"). Each paragraph below it,
up to the next speaker line, is one claim of that speaker. An official report numbers its
questions ("2. Ann Lee (Northfleet) (Lab):", inline too: "1. Ann Lee (Northfleet): What
...? OQ61020"); the number is not part of the name, nor a record's paragraph number
("[107] Ann Lee: ..."). A bare office with its portfolio ("The Cabinet Secretary for
Rural Affairs:") is whoever a bracketed label gave that office. A Q&A
interview puts the label at the start of the answer ("Lee: We expanded too fast.") and
the paper's questions after "Q." or "Q:": each answer, and the paragraphs after it up to
the next question or label, is the labelled person's; a question is nobody's claim here.
Records print the label in other ways too: inline with brackets and times ("The Hon. JO PIKE
(Northfleet—Minister for Roads) (14:32): ..."), a hearing's "Senator PIKE. ...", a name and
office alone on the line above (the Dáil), a time stamp first ("[00:03:12] Jo Pike: ..."),
and "A." for a witness's answers (the witness: the one sworn in, else the one the first
question addresses by name, "Q. Mrs Lee, did ...", else the one named most before the
answers). A committee's oral evidence numbers its questions ("Q41
Chair: ..."); an earnings call prints "Name -- Office" above the speech, and an "Operator"
line, naming no one, ends the turn before it. The chair ("Mr Speaker", "THE CHAIR") and a person the
entity pass missed become speakers as their labels name them.
Broadcasters and courts label turns with names in capitals ("GRETA SANDGREN, MAYOR OF
PORT ASHBY: ...", then "SANDGREN: ..."), offices ("CHIEF ODE:", "THE COURT:", "The SPEAKER
pro tempore."), and peers and members by title ("Baroness Lee (Con):", "MLA Jo Pike
(Gimli):"); Hansard's pages print a member's later turns under the bare name. A label
without a known given name, honorific or role is a person's only when another label gives
the same surname. An interview's host, unlabelled as such, is the one who names the guest
in full or asks; the host's turns are no claims. A label gives its speaker the office it
names ("Hon. Sam Ode (Minister of Finance)") as a role. A phone-in labels callers by
role, the name in brackets before where they live ("CALLER (MAUREEN, WYKE):"): a given
name alone is the one the story names in full with it, else the caller as a new person.
A text is read as a transcript only when two speaker lines or labels or more name people,
so that "Ms Pike said:", "Pictured: ..." or a heading with a colon in a news story never
starts one. A paragraph with no subject anywhere ("Question put and agreed to.",
"Resolved,") is the record's own voice: it ends the turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from storygraph.extract import lexicon as lx
from storygraph.extract.entities import EntityIndex
from storygraph.extract.gazetteer import given_name_gender
from storygraph.extract.layout import Paragraph
from storygraph.extract.reference import SUBJECT_DEPS, entity_by_name
from storygraph.extract.text import doc_text
from storygraph.model import Claim, Role
from storygraph.nlp.components import dictionary_word

# A speaker line: "Dr Iolo Gwyn-Talfan (Castell and Tywi Vale) (PC):" at most.
_MAX_LINE_TOKENS = 24
_MIN_SPEAKER_LINES = 2
# "Question put and agreed to.": short, no one speaking in it, not a question.
_MAX_RECORD_WORDS = 6
_PEOPLE_TALKING = frozenset("i me my we us our you your".split())
# The record's note of what the House did, in headline grammar (a bare noun, then the
# verb): "Sitting suspended at 4.58 p.m. and resumed at 5.58 p.m.", "Debate adjourned.",
# "Bill read a second time", of any length.
_RECORD_VERBS = frozenset("suspended resumed adjourned put agreed read committed divided "
                          "negatived resolved withdrawn lapsed".split())
_FIRST_PERSON = frozenset("i me my mine we us our ours".split())
# "2. ", "T1. ", "(3) " before the name on a numbered question's speaker line.
# A committee's oral evidence numbers each question: "Q112 Chair:", "Q113 Jo Pike:".
_NUMBER = re.compile(r"(?:[A-Z]?\d{1,3}\.|\(\d{1,3}\)|Q\d{1,4})\s+")
# An earnings call's speaker line: "Priya Lamont -- Chief Executive Officer", "Alan Burke --
# Castlegate Securities -- Analyst"; the spaced dash is read as the comma before an office.
_SPACED_DASH = re.compile(r"\s+(?:--|—|–)\s+")
# A line that only says who speaks next without naming anyone ends the turn before it.
_NOBODY_LINES = frozenset({"operator", "moderator", "conference operator"})
# "Lee: We expanded too fast.", "The Hon. JO PIKE (Northfleet—Minister for Roads) (14:32): I
# thank the member.": a label (brackets may hold colons), a colon, then the words spoken.
_INLINE = re.compile(r"([^\W\d](?:[^:\n()]|\([^()\n]{0,80}\)){0,150}?):\s+(?=\S)")
# A hearing's printed record: "Chairman PIKE. The Subcommittee will come to order.",
# "Ms. ODE-LEE. Thank you." (a title, the surname in capitals, a full stop).
# The chair as Congress prints it: "The SPEAKER pro tempore. The gentleman is recognized."
_CAPS_LABEL = re.compile(r"((?:[A-Z][a-z]{1,11}\.?\s+){0,2}[A-Z]{2}[A-Z'’\-]*"
                         r"(?:\s+[A-Z]{2}[A-Z'’\-]*){0,2}(?:\s+pro\s+tempore)?)\.\s+(?=\S)")
# A time stamp before a label: "[00:03:12] Jo Pike: ...", "(14:02) ..."; or the number a
# record gives each paragraph: "[107] Jo Pike: ...".
_STAMP = re.compile(r"(?:[\[(]?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?[\])]?|\[\d{1,4}\])\s+")
# The interviewer's turn: "Q. What went wrong?", "Q: ...", "Question: ...".
_QUESTION = re.compile(r"(?:Q[.:]|(?i:question|interviewer):)\s")
# The answer in a Q&A or a witness's evidence: "A. Yes, that's right.", "A: No."
_ANSWER = re.compile(r"A[.:]\s")
_WITNESS = frozenset({"a", "the witness", "witness"})
# The chair of a sitting, named by the office: "Mr Speaker", "THE CHAIR", "The Deputy
# Presiding Officer", the Dáil's "An Ceann Comhairle", the Senedd's "Y Llywydd", Congress's
# "The SPEAKER pro tempore", a court record's "THE COURT" (the judge).
_PRESIDING_HEADS = frozenset({"speaker", "chair", "chairman", "chairwoman", "chairperson",
                              "president", "comhairle", "llywydd", "officer", "court"})
_PRESIDING = _PRESIDING_HEADS | {"deputy", "ceann", "leas-cheann", "acting", "temporary",
                                 "presiding", "pro", "tempore"}
# Words of a label that name an office or a group, not a person: "Mr Speaker", "Hon.
# Members", "The Deputy Chair".
_NOT_NAMES = lx.ROLE_NOUNS | _PRESIDING | {"members", "member", "senators", "deputies",
                                           "councillors", "witness"}
# A witness sworn in: "MS JO PIKE (affirmed)", "JO PIKE, sworn".
_SWORN = re.compile(r"\b(?:sworn|affirmed|recalled)\b", re.IGNORECASE)
# A label that says its speaker asks the questions: "JO PIKE, HOST:", "Ann Lee (presenter):"
_ASKER = re.compile(r"\b(?:host|presenter|interviewer|anchor|moderator|correspondent|reporter)\b",
                    re.IGNORECASE)
# A moderator between guests asks in most turns; the guests seldom ask back.
_HOST_ASKS = 0.5
_GUEST_ASKS = 0.25
# The text calling a speaker the one who asks: "host Kit Ormerod", "presented by Kit Ormerod";
# "Kit Ormerod, presenter", "Kit Ormerod (host)"; a comma or a bracket first, since
# "Jo Pike told host Kit Ormerod" calls Kit Ormerod the host, not Jo Pike.
_ASKER_BEFORE = re.compile(_ASKER.pattern + r"\s+$|\bpresented\s+by\s+$",
                           re.IGNORECASE)
_ASKER_AFTER = re.compile(r"(?:,\s+|\s+\()(?:the\s+|our\s+)?(?:[\w'’]+\s+)?" + _ASKER.pattern,
                          re.IGNORECASE)
# Words before a name or an office in a label: "The", "Mr", "Madam", "An" (the Dáil).
_LABEL_LEADS = frozenset({"the", "an", "mr", "madam", "mister"})
# A line that is only a name ("Deputy Jo Pike", then the speech on the next line) is a
# speaker line when an office or honorific says so, or the office is given in brackets;
# a byline or a subheading that is a bare name is not.
# Peers and members as their records name them: "Baroness Thistlemead (Con):", "MLA Jo Pike
# (Swan River):"; with an honorific, words that say a label names a person.
_PEERAGE = frozenset("baroness baron viscount viscountess earl countess duke duchess marquess "
                     "marchioness".split())
_MEMBER_TITLES = frozenset("mp msp mla mpp mha mna mhk mlc mhr td mep".split())
_NAMING_LEADS = frozenset({*lx.HONORIFICS, "hon", *_PEERAGE, *_MEMBER_TITLES})
_OFFICE_WORDS = frozenset({*lx.HONORIFICS, *lx.TITLE_HONORIFICS, *_LABEL_LEADS, *_NAMING_LEADS,
                           "chairman", "chairwoman", "chair"})
# The second half of a double surname right after a name: "-Ross" of "Ann Lee-Ross".
_DOUBLE_SURNAME = re.compile(r"-[A-Z][\w'’]+")
# Words that make a label's words an office ("Minister of Health", "MAYOR OF CARROW").
_OFFICE_NOUNS = lx.ROLE_NOUNS | lx.OFFICES | _PRESIDING_HEADS | {"host", "anchor"}
# An office before a surname in a briefing's labels: "CHIEF BRANNIGAN", "SECRETARY ODE".
_ROLE_LEADS = lx.ROLE_NOUNS | lx.TITLE_MODIFIERS
# The last word of a place's or a body's name: "Grace Church", "Kit Hill" are not people.
_NOT_NAME_HEADS = lx.ORG_NAME_HEADS | lx.FAC_NAME_HEADS | lx.LOC_NAME_HEADS
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
    # a person the entity pass missed, as the label names them ("The Hon. JO PIKE"):
    # (start, end) of the name, made an entity once the text proves to be a transcript
    unknown: tuple[int, int] | None = None
    at: int = 0  # where the label's words start in the text
    # a name no honorific, role or known given name vouches for: a surname alone
    # ("SANDGREN:"), the person another label or the text names so, or a full name
    # ("KERENSA POLGLAZE:") that another label gives by its surname alone
    maybe: tuple[int, int] | None = None

    @property
    def names_someone(self) -> bool:
        return self.speaker is not None or self.unknown is not None

DateResolver = Callable[[Span], str | None]


def transcript_claims(doc: Doc, pieces: list[Paragraph], index: EntityIndex,
                      date_of: DateResolver, reported: list[Claim],
                      roles: list[Role]) -> list[Claim]:
    """The claims of a transcript's turns; `reported` are the text's cued claims ("X said"):
    a paragraph where someone else is reported speaking is the paper's again, not the turn's
    ("Since the interview, the council has said ..."). The offices labels give their
    speakers ("Hon. Sam Ode (Minister of Finance):") are added to `roles`."""
    layout = _read_layout(doc, pieces, index)
    lines = layout.speaker_lines(pieces)
    _office_holders(lines, layout.offices)
    questioned = any(found is None for found in lines.values())
    _vouch_full_names(doc, lines)
    surnames = _label_surnames(doc, index, lines)
    if sum(1 for found in lines.values() if found is not None and (found.names_someone or (
            found.maybe is not None and _words(doc, found.maybe) in surnames))) \
            + (len(layout.answers) if questioned else 0) < _MIN_SPEAKER_LINES:
        return []
    _name_label_persons(doc, index, lines)
    # (again: an office's holder the entity pass missed is a person only now)
    _office_holders(lines, layout.offices)
    _complete_double_surnames(doc_text(doc), index, lines)
    _surnames_to_full_names(index, lines)
    askers = {found.speaker for found in lines.values()
              if found is not None and _ASKER.search(found.text)}
    askers |= _named_askers(doc_text(doc), index, lines) | _host(pieces, index, lines, askers)
    _name_witness(doc, pieces, index, layout, lines, askers)
    known = {(r.person, r.title.casefold()) for r in roles}
    for role in _label_roles(index, lines):
        if (role.person, role.title.casefold()) not in known:
            known.add((role.person, role.title.casefold()))
            roles.append(role)
    return _turn_claims(doc, pieces, index, lines, askers, date_of, reported)


@dataclass
class _Layout:
    """What a text's paragraphs may be, read before knowing whether it is a transcript."""

    lines: dict[int, _Line | None]  # speaker lines and labels; None: a question ends a turn
    answers: dict[int, int]  # paragraph -> where its answer starts ("A. Yes.")
    sworn: list[tuple[int, int]]  # the lines where a witness is sworn in
    name_lines: dict[int, _Line]  # lines that are only a name and an office
    # lines that are only a person's name ("Jo Pike"), as Hansard's pages print a member's
    # second turn after "Jo Pike (Quendon North) (Lab)"
    bare_names: dict[int, _Line] = field(default_factory=dict)
    # inline labels that are only an office ("MINISTER: ..."): a turn of the one a
    # bracketed label gives that office, if any
    offices: dict[int, _Line] = field(default_factory=dict)

    def speaker_lines(self, pieces: list[Paragraph]) -> dict[int, _Line | None]:
        """Lines that are only a name and an office are speaker lines when what follows
        them is mostly speech (I, we, you): subheadings that are names are followed by
        words about the people they name. An office in brackets is a record's either way.
        A line that is only a name is one when a record's label (with brackets) has
        named that person: a subheading naming someone never makes a transcript."""
        lines = dict(self.lines)
        # (the chair's line is a record's, as brackets are; what the chair says, "That
        # concludes Topical Issues.", is no evidence either way)
        chairs = {k for k, found in self.name_lines.items() if _is_chair(found.text)}
        speech_follows = [_first_person(pieces[k + 1 : k + 2]) for k in self.name_lines
                          if k not in chairs]
        for k, found in self.name_lines.items():
            if "(" in found.text or k in chairs \
                    or 2 * sum(speech_follows) > len(speech_follows):
                lines[k] = found
        recorded = {found.speaker for found in lines.values()
                    if found is not None and found.speaker is not None and "(" in found.text}
        for k, found in self.bare_names.items():
            if found.speaker in recorded and k + 1 < len(pieces) \
                    and pieces[k + 1].kind == "body":
                lines[k] = found
        return lines


def _read_layout(doc: Doc, pieces: list[Paragraph], index: EntityIndex) -> _Layout:
    layout = _Layout({}, {}, [], {})
    for k, paragraph in enumerate(pieces):
        if paragraph.kind not in {"body", "heading"}:
            continue
        # (a numbered question's label inline: "1. Jo Pike (Northfleet): What ...")
        stamp = _STAMP.match(paragraph.text) or _NUMBER.match(paragraph.text)
        start = paragraph.start + (stamp.end() if stamp else 0)
        text = doc_text(doc)[start : paragraph.end]
        if text.rstrip().endswith(":"):
            layout.lines[k] = _speaker_line(doc, start, paragraph.end, index)
        elif text.strip().casefold() in _NOBODY_LINES:
            layout.lines[k] = None  # "Operator": the call's operator speaks next
        elif paragraph.kind == "body" and _QUESTION.match(text):
            layout.lines[k] = None  # the interviewer's question ends the answer before it
        elif paragraph.kind == "body" and (answer := _ANSWER.match(text)):
            layout.answers[k] = start + answer.end()
        elif paragraph.kind == "body" and (
                label := _INLINE.match(text) or _CAPS_LABEL.match(text)):
            found = _speaker_line(doc, start, start + label.end(1), index)
            if found is not None:
                # a label naming nobody ("MODERATOR: ...", "QUESTION: ...") ends the turn
                found = replace(found, speech=start + label.end())
                layout.lines[k] = found if found.names_someone or found.maybe \
                    or found.text.casefold() in _WITNESS else None
                if layout.lines[k] is None and _office_label(found.text):
                    layout.offices[k] = found  # "MINISTER: ...", after "MINISTER [Jo Pike]:"
        elif _SWORN.search(text) and len(text.split()) <= 12:
            layout.sworn.append((start, paragraph.end))  # "MS JO PIKE (affirmed)": the witness
        elif _name_line(text):
            found = _speaker_line(doc, start, paragraph.end, index)
            if found is not None and found.names_someone:
                layout.name_lines[k] = found
        elif paragraph.kind == "heading" and 2 <= len(text.split()) <= 4 \
                and all(_name_word(w) for w in text.split()):
            found = _speaker_line(doc, start, paragraph.end, index)
            if found is not None and found.speaker is not None:
                layout.bare_names[k] = found
    return layout


def _vouch_full_names(doc: Doc, lines: dict[int, _Line | None]) -> None:
    """A full name in a label ("KERENSA POLGLAZE:") names a person when another label gives
    its surname alone ("POLGLAZE:"), as broadcasters' transcripts do after the first turn."""
    alone = {_words(doc, found.maybe) for found in lines.values()
             if found is not None and found.maybe is not None
             and " " not in _words(doc, found.maybe)}
    for k, found in lines.items():
        if found is not None and found.maybe is not None \
                and _words(doc, found.maybe).split()[-1] in alone \
                and " " in _words(doc, found.maybe):
            lines[k] = replace(found, unknown=found.maybe, maybe=None)


def _label_surnames(doc: Doc, index: EntityIndex, lines: dict[int, _Line | None]) -> set[str]:
    """The surnames a surname alone may stand for: those of the people the entity pass found
    and of those other labels name ("GRETA SANDGREN, MAYOR ..." then "SANDGREN:")."""
    named = [_words(doc, found.unknown) for found in lines.values()
             if found is not None and found.unknown is not None]
    named += [e.name.casefold() for e in index.entities if e.type == "PERSON"]
    return {name.split()[-1] for name in named if name}


def _words(doc: Doc, span: tuple[int, int]) -> str:
    return doc_text(doc)[span[0] : span[1]].casefold()


def _name_label_persons(doc: Doc, index: EntityIndex, lines: dict[int, _Line | None]) -> None:
    """Give labels naming a person the entity pass missed their person. "The Deputy Speaker
    (Jo Pike):" once, then "The Deputy Speaker:": the same person. A surname alone
    ("SANDGREN:") is the one person a label or the text names so; else it names nobody."""
    holders: dict[str, list[tuple[int, str]]] = {}
    for k, found in sorted(lines.items()):
        if found is not None and found.speaker and "(" in found.text:
            holders.setdefault(_office(found.text.split("(")[0]), []).append((k, found.speaker))
    for k, found in lines.items():
        if found is not None and found.unknown is not None:
            lines[k] = replace(found, speaker=_holder(holders.get(_office(found.text), []), k)
                               or _new_person(doc, index, *found.unknown))
    labelled: dict[str, set[str]] = {}  # surname -> the people labels name in full
    for found in lines.values():
        if found is not None and found.unknown is not None and found.speaker is not None:
            labelled.setdefault(_words(doc, found.unknown).split()[-1], set()).add(found.speaker)
    for k, found in lines.items():
        if found is not None and found.maybe is not None and found.speaker is None:
            surname = _words(doc, found.maybe)
            people = labelled.get(surname, set())
            person = next(iter(people)) if len(people) == 1 else entity_by_name(index, surname)
            lines[k] = replace(found, speaker=person) \
                if person is not None and index.types.get(person) == "PERSON" else None


def _label_roles(index: EntityIndex, lines: dict[int, _Line | None]) -> list[Role]:
    """The office a label gives its person: before the name in brackets ("The Minister for
    Rail (Sam Ode)"), in brackets after the name ("Hon. Sam Ode (Minister of Finance)",
    "Ms ODE (Gimli—Minister for Health)"), or after a comma ("ANN LEE, MAYOR OF CARROW")."""
    found_roles: list[Role] = []
    for found in lines.values():
        if found is None or found.speaker is None \
                or index.types.get(found.speaker) != "PERSON":
            continue
        before = _dash_as_comma(found.text).split("(")[0]
        titles = [(0, before.rstrip())] if "(" in found.text and before.split()[0].casefold() \
            in _LABEL_LEADS else []
        titles += [(m.start(1), m.group(1)) for m in re.finditer(r"\(([^()]+)\)", found.text)]
        if "," in before:
            # the last part after commas: "Alan Burke -- Castlegate Securities -- Analyst"
            comma = before.rindex(",") + 1 if _SPACED_DASH.search(found.text) \
                else before.index(",") + 1
            titles.append((comma, before[comma:].rstrip()))
        for at, title in titles:
            # the office after a constituency and a dash ("Gimli—Minister for Health")
            dash = max(title.rfind("—"), title.rfind("–"))
            at, title = (at + dash + 1, title[dash + 1 :]) if dash >= 0 else (at, title)
            lead = len(title) - len(title.lstrip())
            at, title = at + lead, title.strip()
            words = title.split()
            if words and words[0].casefold() in _LABEL_LEADS:  # "The Speaker" is "Speaker"
                at, title = at + len(words[0]) + 1, title[len(words[0]) + 1 :]
            # (an office is capitalised in a label; "(in the Chair)" says where one sits)
            if title[:1].isupper() and any(part in _OFFICE_NOUNS for part in re.split(
                    r"[\s,-]+", title.casefold())):
                found_roles.append(Role(found.speaker, title, None, found.at + at,
                                        found.at + at + len(title)))
    return found_roles


def _named_askers(text: str, index: EntityIndex,
                  lines: dict[int, _Line | None]) -> set[str | None]:
    """The labelled speakers the text calls the one asking: "host Kit Ormerod", "Kit
    Ormerod, presenter", "presented by Kit Ormerod"."""
    speakers = {found.speaker for found in lines.values() if found is not None}
    return {m.entity for m in index.mentions if m.entity in speakers and (
        _ASKER_BEFORE.search(text, max(m.start - 30, 0), m.start)
        or _ASKER_AFTER.match(text, m.end))}


def _host(pieces: list[Paragraph], index: EntityIndex, lines: dict[int, _Line | None],
          askers: set[str | None]) -> set[str | None]:
    """In an interview whose labels are bare names ("KIT ORMEROD:", not "Hon. Jo Pike
    (Selwick):"), the host when no label says so: the one who opens the transcript
    introducing another speaker by their full name ("The mayor is Jane Ross. Good
    morning."), or, between two guests or more, the one who asks in most turns while the
    guests hardly ever do. (An excerpt of two speakers that the paper's prose introduces
    quotes both.)"""
    if askers - {None}:
        return set()
    keys = sorted(lines)
    turns: list[tuple[str, str]] = []  # (speaker, the words of the turn, casefolded)
    for n, k in enumerate(keys):
        found = lines[k]
        if found is None or found.speaker is None:
            continue
        if _recorded(found):
            return set()  # a parliament's or a hearing's record
        end = keys[n + 1] if n + 1 < len(keys) else len(pieces)
        turns.append((found.speaker, " ".join(
            p.text[found.speech - p.start :] if j == k else p.text
            for j, p in enumerate(pieces[k:end], k)
            if p.kind == "body" and (j != k or found.speech is not None)).casefold()))
    speakers = {speaker for speaker, _ in turns}
    if len(speakers) < 2:
        return set()
    opening, said = turns[0]
    names = {name.casefold() for found in lines.values()
             if found is not None and found.speaker in speakers - {opening}
             for name in (found.text.split(",")[0], *(e.name for e in index.entities
                                                       if e.id == found.speaker))
             if len(name.split()) > 1}
    if any(name in said for name in names):
        return {opening}
    share = {speaker: sum("?" in words for who, words in turns if who == speaker)
             / sum(who == speaker for who, _ in turns) for speaker in speakers}
    asking = max(share, key=lambda speaker: share[speaker])
    if len(speakers) >= 3 and share[asking] >= _HOST_ASKS and all(
            share[other] <= _GUEST_ASKS for other in speakers - {asking}):
        return {asking}
    return set()


def _complete_double_surnames(text: str, index: EntityIndex,
                              lines: dict[int, _Line | None]) -> None:
    """A label's person whose name the model cut at a double surname's hyphen ("Ann Lee"
    of "Ms Ann Lee-Ross (Gimli):"): the name as the label writes it, the cut one kept as an
    alias."""
    for found in lines.values():
        if found is None or found.speaker is None:
            continue
        end = found.at + len(found.text)
        for m in index.mentions:
            if m.entity != found.speaker or not found.at <= m.start < m.end <= end:
                continue
            rest = _DOUBLE_SURNAME.match(text, m.end, end)
            k = next((k for k, e in enumerate(index.entities) if e.id == m.entity), None)
            if rest is None or k is None \
                    or not text[m.start : m.end].endswith(index.entities[k].name):
                continue
            entity = index.entities[k]
            index.entities[k] = replace(entity, name=entity.name + rest.group(),
                                        aliases=(*entity.aliases, entity.name))


# Small words inside a portfolio: "Secretary of State for Environment, Food and Rural Affairs".
_PORTFOLIO_GLUE = frozenset({"and", "for", "of", "the", "&"})


def _office_label(label: str) -> str | None:
    """The office a label names before any brackets, when it is only an office: "MINISTER
    [Jo Pike]" and "MINISTER" -> "minister", "THE CHIEF CONSTABLE (Ann Lee)" -> "chief
    constable"; None for a name."""
    before = re.split(r"[(\[]", label, maxsplit=1)[0].strip()
    office = _office(before)
    # (with its portfolio: "The Cabinet Secretary for Rural Affairs", "Minister of State")
    post, *portfolio = re.split(r"\s+(?=(?:for|of)\s)", before, maxsplit=1)
    words = _office(post).split()
    rest = portfolio[0].split()[1:] if portfolio else []
    # (an office's own words before its noun: "Cabinet Secretary", "Deputy Presiding Officer")
    return office if words and words[-1] in _OFFICE_NOUNS and all(
        w in _OFFICE_NOUNS or w in _ROLE_LEADS or (portfolio and dictionary_word(w))
        for w in words[:-1]) \
        and all(w[:1].isupper() or w.casefold() in _PORTFOLIO_GLUE for w in rest) else None


def _office_holders(lines: dict[int, _Line | None], offices: dict[int, _Line]) -> None:
    """Give a label that is only an office ("MINISTER:", "THE CHAIR:") the person a
    bracketed label gives that office ("MINISTER [Jo Pike]:", "THE CHAIR (Mr Ash):"), the
    latest before it where several hold it in turn."""
    holders: dict[str, list[tuple[int, str]]] = {}
    for k, found in sorted(lines.items()):
        if found is not None and found.speaker is not None and re.search(r"[(\[]", found.text):
            office = _office_label(found.text)
            if office is not None:
                holders.setdefault(office, []).append((k, found.speaker))
    for k, found in [*lines.items(), *offices.items()]:
        if found is not None and found.speaker is None and found.unknown is None:
            person = _holder(holders.get(_office_label(found.text) or "", []), k)
            if person is not None:
                lines[k] = replace(found, speaker=person)


def _holder(holders: list[tuple[int, str]], line: int) -> str | None:
    """Of the people labels give one office (line, person, in line order), the one who
    last took it before `line`, else the first to take it after: a chair changes hands in
    a long sitting, and a bare label is whoever holds it then."""
    before = [person for at, person in holders if at < line]
    return before[-1] if before else holders[0][1] if holders else None


def _surnames_to_full_names(index: EntityIndex, lines: dict[int, _Line | None]) -> None:
    """A label by surname ("Mr. Lee:") whose person the entity pass kept apart from the
    one a fuller label names ("Mr. Ann Lee (Selwick):"): the same speaker; a double surname
    may be shortened to either part ("Ms. Ode:" after "Ms. Jo Ode-Lamb (Gimli):")."""
    speakers = {found.speaker for found in lines.values() if found is not None}
    names = {e.id: e.name.split() for e in index.entities
             if e.id in speakers and index.types.get(e.id) == "PERSON"}
    full: dict[str, set[str]] = {}  # surname -> labelled people named in full
    for person, words in names.items():
        if len(words) > 1:
            for surname in {words[-1], *words[-1].split("-")}:
                full.setdefault(surname.casefold(), set()).add(person)
    for k, found in lines.items():
        words = names.get(found.speaker or "") if found is not None else None
        if found is not None and words is not None and len(words) == 1 \
                and len(others := full.get(words[0].casefold(), set())) == 1:
            lines[k] = replace(found, speaker=next(iter(others)))


def _name_witness(doc: Doc, pieces: list[Paragraph], index: EntityIndex, layout: _Layout,
                  lines: dict[int, _Line | None], askers: set[str | None]) -> None:
    """Give "A." answers and "THE WITNESS:" labels the witness: the person sworn in, else
    the one the text names most before the first answer, of those not heard under a label."""
    witness_lines = [k for k, found in lines.items()
                     if found is not None and found.speaker is None]  # "THE WITNESS: ..."
    if not layout.answers and not witness_lines:
        return
    first = min([*layout.answers, *witness_lines])
    witness = next((index.at(*line) for line in layout.sworn if line[1] <= pieces[first].start
                    and index.types.get(index.at(*line) or "") == "PERSON"), None) \
        or _addressed(doc_text(doc), pieces[first - 1] if first else None, index) \
        or _answerer(doc_text(doc), pieces[first].start, index, askers | {
            found.speaker for k, found in lines.items() if found is not None and k < first})
    for k, speech in layout.answers.items():
        lines[k] = _Line(witness, "A", speech)
    for k in witness_lines:
        found = lines[k]
        assert found is not None
        lines[k] = _Line(witness, found.text, found.speech)


def _turn_claims(doc: Doc, pieces: list[Paragraph], index: EntityIndex,
                 lines: dict[int, _Line | None], askers: set[str | None],
                 date_of: DateResolver, reported: list[Claim]) -> list[Claim]:
    """Each paragraph of speech under a speaker line, up to the next line or the record's
    own voice, is one claim of that speaker."""
    claims: list[Claim] = []
    turn: tuple[_Line, Span] | None = None  # the speaker line and its span
    spoken = False  # whether the turn has a paragraph of speech yet
    relayed = False  # whether the paragraph before passed on someone else's words
    for k, paragraph in enumerate(pieces):
        start = paragraph.start
        if k in lines:
            found = lines[k]
            turn = None if found is None else (found, _span(doc, paragraph))
            spoken = relayed = False
            if found is None or found.speech is None:
                continue
            start = found.speech  # an inline label: the answer follows it
        elif turn is None or paragraph.kind != "body":
            turn = None if paragraph.kind in {"heading", "headline"} else turn
            continue
        elif _record_note(span := _span(doc, paragraph)) or (
                (spoken or not _is_chair(turn[0].text)) and _short_record(span)) \
                or _EDITORS_NOTE.search(paragraph.text) or _in_capitals(paragraph.text):
            # the record (or the paper) speaking; the first paragraph under the chair's
            # line is the chair's, however short ("An Leas-Cheann Comhairle" / "That
            # concludes Topical Issues.")
            turn = None
            continue
        elif spoken and _reports_another(_span(doc, paragraph), turn[0].speaker, reported):
            # someone else's words passed on: theirs; after a bare name, the paper's own
            # voice again (an interview's excerpts over), while a member's speech may go on
            # (in the first person or asking: the paper's prose after an extract does not)
            turn = turn if _recorded(turn[0]) else None
            relayed = True
            continue
        elif relayed and not (_first_person([paragraph]) or paragraph.text.endswith("?")):
            turn = None
            continue
        assert turn is not None
        spoken, relayed = True, False
        line, line_span = turn
        if line.speaker is None or line.speaker in askers:
            continue  # nobody named, or the interviewer asking
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


def _recorded(line: _Line) -> bool:
    """Whether a label is a record's, with an office, an honorific or brackets ("Hon. Sam
    Ode (Minister of Finance)"), not a bare name as interviews print them ("KIT ORMEROD")."""
    return "(" in line.text or _office_word(line.text.split()[0])


def _office_word(word: str) -> bool:
    """An honorific, title or article before a name in a label ("The", "Hon.", "Deputy")."""
    return word.casefold().rstrip(".") in _OFFICE_WORDS


def _name_line(text: str) -> bool:
    """A line that is only a speaker's name and office: no full stop, short, and an office,
    an honorific or brackets in it ("Deputy Jo Pike", "Minister of State (Deputy Jo Pike)")."""
    words = text.replace("(", " ").split()
    return 1 < len(words) <= 16 and text.rstrip()[-1:] not in ".!?:;,\"”’'" \
        and ("(" in text or _office_word(words[0]) or _dashed_office(text))


def _dash_as_comma(text: str) -> str:
    """`text` with each spaced dash a comma and spaces of the same length (offsets stay)."""
    return _SPACED_DASH.sub(lambda dash: "," + " " * (len(dash.group()) - 1), text)


def _dashed_office(text: str) -> bool:
    """A name, a spaced dash and an office, as an earnings call's transcript prints its
    speakers ("Priya Lamont -- Chief Executive Officer")."""
    name, *rest = _SPACED_DASH.split(text)
    return bool(rest) and 2 <= len(name.split()) <= 4 \
        and all(_name_word(word) for word in name.split()) \
        and any(part in _OFFICE_NOUNS | {"analyst"}
                for part in re.split(r"[\s,-]+", rest[-1].casefold()))


def _first_person(pieces: list[Paragraph]) -> bool:
    """Whether the paragraph speaks as I, we or to you (what a speech does)."""
    return any(w.strip(".,;:!?'’\"“”()").casefold() in _PEOPLE_TALKING
               for p in pieces if p.kind == "body" for w in p.text.split())


# A question put to someone by name: "Q. Mrs Oduya, the chart shows ...".
_VOCATIVE = re.compile(r"\s*((?:[A-Z][a-z]{0,9}\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?),\s")


def _addressed(text: str, question: Paragraph | None, index: EntityIndex) -> str | None:
    """The person the question before the first answer is put to by name, who answers it."""
    if question is None or not (asked := _QUESTION.match(text, question.start)):
        return None
    named = _VOCATIVE.match(text, asked.end(), question.end)
    person = index.at(named.start(1), named.end(1)) if named else None
    return person if index.types.get(person or "") == "PERSON" else None


def _answerer(text: str, before: int, index: EntityIndex,
              asking: set[str | None]) -> str | None:
    """Who answers in a Q&A or gives evidence ("A. Yes."): the person the text names most
    before the first answer, not counting those who spoke or asked under their own label
    before it, nor the one who asks ("By Kit Lee", "Examination by Ms Lee"); of two named
    as often, the one named first (the standfirst's subject)."""
    asking = asking | {m.entity for m in index.mentions if m.start < before
                       and text[max(m.start - 3, 0) : m.start].casefold() == "by "}
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in index.mentions:
        if m.start < before and index.types.get(m.entity) == "PERSON" \
                and m.entity not in asking:
            counts[m.entity] = counts.get(m.entity, 0) + 1
            first.setdefault(m.entity, m.start)
    return max(counts, key=lambda e: (counts[e], -first[e]), default=None)


def _in_capitals(text: str) -> bool:
    """A heading in capitals ("STATEMENT OF JO PIKE, PRESIDENT"): the record's, not the
    speaker's."""
    return not any(c.islower() for c in text) and sum(c.isalpha() for c in text) > 3


def _record_note(paragraph: Span) -> bool:
    """The record's note of what happened: no subject ("Resolved,"), or headline grammar
    ("Sitting suspended at ...": a bare noun, then the verb)."""
    if not any(t.dep_ in SUBJECT_DEPS for t in paragraph):
        return True
    return len(paragraph) > 1 and paragraph[0].tag_ in {"NN", "NNP"} \
        and paragraph[1].lower_ in _RECORD_VERBS and paragraph[1].dep_ == "ROOT"


def _short_record(paragraph: Span) -> bool:
    """A few words with nobody in them, not a question: "Question put and agreed to." (or
    the chair's "That concludes Topical Issues.", which only its place tells apart)."""
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
        if depth == 0 and token.pos_ in {"VERB", "AUX"} and not token.text.isupper():
            # (a name in capitals is often tagged a verb: "MR ODE")
            return None  # "Ms Pike said:", "The letter reads:"
    line = text.rstrip().rstrip(":").rstrip()
    # the name before any brackets and before a role after a comma ("JO PIKE, HOST")
    before_brackets = _dash_as_comma(line).split("(")[0].split(",")[0].strip()
    # (the name before any place or role after a comma: "CALLER (MAUREEN, WYKE)")
    first_bracket = line[len(line.split("(")[0]) :].split(")")[0].lstrip("(").split(",")[0]
    after_comma = _dash_as_comma(line).split("(")[0].partition(",")[2]
    titled = any(w.casefold() in lx.ROLE_NOUNS for w in re.findall(r"[\w-]+", after_comma)) \
        or bool(_ASKER.search(after_comma))  # "GRETA SANDGREN, MAYOR OF PORT ASHBY"
    named = _person(index, start, start + len(before_brackets), before_brackets)
    unknown = _unknown_person(start, before_brackets, titled=titled) \
        or _chair(start, before_brackets)
    if first_bracket:
        # "The Minister for Rail (Sam Ode):", "Minister of State at the Department of
        # Health (Deputy Jo Pike)" name the person in brackets; "The Hon. JO PIKE
        # (Northfleet—Minister for Roads)" the person before them
        at = start + line.index(first_bracket)
        in_brackets = _person(index, at, at + len(first_bracket), first_bracket) \
            or _given_name_owner(index, first_bracket)
        named = in_brackets or named if before_brackets.casefold().startswith("the ") \
            else named or in_brackets
        unknown = unknown or _unknown_person(at, first_bracket) or _given_name_alone(
            at, first_bracket)
    maybe = None if named or unknown or not _maybe_name(before_brackets) \
        else (start, start + len(before_brackets))
    return _Line(named, line, at=start, unknown=None if named else unknown, maybe=maybe)


def _unknown_person(start: int, words: str, *, titled: bool = False) -> tuple[int, int] | None:
    """Where a label names a person by an honorific and a name ("The Hon. JO PIKE",
    "Deputy Jo Mac Pike", "Baroness Thistlemead"), an office and a surname ("CHIEF ODE"), or
    a full name alone whose first word is a given name ("MARTA OKONJO") or that is given a
    role after a comma (`titled`: "GRETA SANDGREN, MAYOR OF PORT ASHBY"); not an office
    ("Mr Speaker", "The Deputy Chair") nor a heading ("BREAKING NEWS", "Grace Church")."""
    tokens = list(re.finditer(r"\S+", words))
    k = 0
    while k < len(tokens) and _office_word(tokens[k].group()):
        k += 1
    while k < len(tokens) - 1 and tokens[k].group().casefold().rstrip(".") in _ROLE_LEADS:
        k += 1
    leading = {t.group().casefold().rstrip(".") for t in tokens[:k]}
    name = [t.group() for t in tokens[k:]]
    if not 1 <= len(name) <= 4 or not all(_name_word(w) for w in name):
        return None
    if not leading & (_NAMING_LEADS | _ROLE_LEADS) and not (
            k == 0 and len(name) >= 2 and name[-1].casefold() not in _NOT_NAME_HEADS
            and (titled or given_name_gender(name[0].capitalize()) is not None)):
        return None
    return start + tokens[k].start(), start + tokens[-1].end()


def _given_name_owner(index: EntityIndex, words: str) -> str | None:
    """The one person the story names in full with this given name: "CALLER (MAUREEN)"
    after "On the line is Maureen Kelly"."""
    word = words.strip().casefold()
    if " " in word or given_name_gender(word.capitalize()) is None:
        return None
    people = {e.id for e in index.entities if e.type == "PERSON"
              and len(e.name.split()) > 1 and e.name.split()[0].casefold() == word}
    return people.pop() if len(people) == 1 else None


def _given_name_alone(start: int, words: str) -> tuple[int, int] | None:
    """A caller or a member of the public known by a given name only, in brackets after
    their role ("CALLER (MAUREEN, WYKE)"): where the name is."""
    word = words.strip()
    if " " in word or not _name_word(word) or given_name_gender(word.capitalize()) is None:
        return None
    at = start + words.index(word)
    return at, at + len(word)


def _maybe_name(words: str) -> bool:
    """Whether a label may be a name alone: a surname ("SANDGREN") or a full name of
    capitalised words ("KERENSA POLGLAZE"), not an office, a group or a place."""
    name = words.split()
    return 1 <= len(name) <= 4 and all(_name_word(w) for w in name) \
        and not _office_word(name[0]) and name[-1].casefold() not in _NOT_NAME_HEADS


def _name_word(word: str) -> bool:
    """A word of a person's name in a label: capitalised letters (with hyphens and
    apostrophes), no office or group word."""
    letters = word.replace("-", "").replace("’", "").replace("'", "")
    return word[:1].isupper() and letters.isalpha() and word.casefold() not in _NOT_NAMES


def _chair(start: int, words: str) -> tuple[int, int] | None:
    """Where a label names the one in the chair ("Mr Speaker", "The SPEAKER", "THE CHAIR",
    "An Ceann Comhairle", "Madam Deputy Speaker"): the whole label, as the record calls them."""
    tokens = list(re.finditer(r"\S+", words))
    office = {t.group().casefold() for t in tokens} - _LABEL_LEADS
    if not office or not office <= _PRESIDING or not office & _PRESIDING_HEADS:
        return None
    return start + tokens[0].start(), start + tokens[-1].end()


def _is_chair(label: str) -> bool:
    return _chair(0, label) is not None


def _office(label: str) -> str:
    """An office as a label writes it, for comparing: "The DEPUTY SPEAKER" -> "deputy speaker"."""
    words = label.casefold().split()
    return " ".join(words[1:] if words and words[0] in _LABEL_LEADS else words)


def _holds(text: str, start: int, end: int, office: str) -> bool:
    """Whether the name at [start, end) is given the office: "Deputy Speaker Jo Pike",
    "the Deputy Speaker, Jo Pike", "Jo Pike, the Deputy Speaker", "Jo Pike (Deputy Speaker)"."""
    before = text[max(start - len(office) - 2, 0) : start].casefold()
    after = text[end : end + len(office) + 6].casefold()
    return before.endswith((office + " ", office + ", ")) or after.startswith(
        (", the " + office, ", " + office, " (" + office, " (the " + office))


def _new_person(doc: Doc, index: EntityIndex, start: int, end: int) -> str:
    """The person a transcript's label names and the entity pass missed: one named by an
    earlier label or by surname, or with the label's office as a title before their name
    ("The Deputy Speaker:" after "Deputy Speaker Jo Pike"), else a new entity."""
    text = doc_text(doc)
    name = text[start:end]
    # (the model may have called the same words in another label an organisation)
    people = {e.id for e in index.entities if index.types.get(e.id) == "PERSON"
              and name.casefold() in {e.name.casefold(), *(a.casefold() for a in e.aliases)}}
    found = people.pop() if len(people) == 1 else entity_by_name(index, name)
    if found is not None and index.types.get(found) == "PERSON":
        return found
    # ("Now to Pádraig in Tuam", the model calling the given name a place: the label says
    # a person)
    named = {e.id for e in index.entities if e.name.casefold() == name.casefold()}
    if len(named) == 1 and " " not in name.strip() \
            and given_name_gender(name.strip().capitalize()) is not None:
        found = named.pop()
        index.retype(found, "PERSON")
        index.add(start, end, found, "name")
        return found
    office = _office(name)
    titled = {m.entity for m in index.mentions if index.types.get(m.entity) == "PERSON"
              and _holds(text, m.start, m.end, office)}
    if len(titled) == 1:
        return titled.pop()
    entity_id = index.new_entity(name, "PERSON")
    index.add(start, end, entity_id, "name")
    return entity_id


def _fuller(index: EntityIndex, entity: str, name: list[str]) -> bool:
    """Whether a label's name says more than the entity the model found in it: "Oksana
    Varley -- Chief Executive Officer" where the model saw only "Oksana"."""
    record = next(e for e in index.entities if e.id == entity)
    # (an alias keeps the honorific the label's name is read without: "Mr BRENDAN")
    known = [[w for w in n.split() if not _office_word(w)] for n in (record.name, *record.aliases)]
    return len(name) >= 2 and all(_name_word(w) for w in name) \
        and all(len(n) < len(name) and name[: len(n)] == n for n in known)


def _person(index: EntityIndex, start: int, end: int, words: str) -> str | None:
    name = [w for w in words.split() if not _office_word(w)]
    if all(w.casefold() in _NOT_NAMES for w in name):
        return None  # "Mr Speaker" is the chair, not someone surnamed Speaker
    found = index.at(start, end)
    if found is not None and index.types.get(found) == "PERSON" \
            and not _fuller(index, found, name):
        return found
    found = entity_by_name(index, " ".join(name))
    return found if found is not None and index.types.get(found) == "PERSON" else None
