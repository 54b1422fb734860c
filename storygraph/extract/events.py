"""Events: visits, announcements, letters, meetings, closures, deals, rulings, ...

Found from trigger verbs ("visited", "announced") and trigger nouns ("an open
letter", "a redundancy process", "Ms X's visit"); the agent is the subject
(or possessor), the target the object or "to X", the place an "in/at X".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from storygraph.extract.entities import EntityIndex
from storygraph.extract.intervals import Intervals
from storygraph.extract.quotes import Quote
from storygraph.extract.reference import resolve_reference, subject_of
from storygraph.extract.text import doc_text, sentence_of
from storygraph.model import Event, Role

EVENT_VERBS: dict[str, str] = {
    "visit": "visit", "tour": "visit", "announce": "announcement", "unveil": "announcement",
    "meet": "meeting", "close": "closure", "shut": "closure", "sign": "deal",
    "strike": "strike", "arrest": "arrest", "charge": "charge", "rule": "ruling",
    "resign": "resignation", "appoint": "appointment", "launch": "launch",
    "acquire": "acquisition", "buy": "acquisition", "merge": "merger", "sue": "lawsuit",
    "convict": "conviction", "sentence": "sentencing", "elect": "election",
    "sack": "dismissal", "hire": "hiring", "fine": "fine", "ban": "ban", "approve": "approval",
    "reject": "rejection", "open": "opening", "award": "award", "cut": "cut",
    "suspend": "suspension", "evacuate": "evacuation", "protest": "protest",
    "vote": "vote", "fund": "funding", "withdraw": "withdrawal", "offer": "offer",
    "prosecute": "prosecution", "block": "ruling", "overturn": "ruling",
    "transfer": "transfer", "cancel": "cancellation", "review": "review",
    "found": "founding", "co-found": "founding", "invest": "investment", "sell": "sale",
    "raid": "raid", "rescue": "rescue", "return": "return", "repatriate": "return",
    "dismiss": "dismissal", "fire": "dismissal", "reopen": "opening",
}
EVENT_NOUNS: dict[str, str] = {
    "visit": "visit", "announcement": "announcement", "letter": "letter",
    "meeting": "meeting", "talks": "meeting", "summit": "meeting", "closure": "closure",
    "deal": "deal", "agreement": "deal", "contract": "deal", "takeover": "acquisition",
    "strike": "strike", "walkout": "strike", "arrest": "arrest", "ruling": "ruling",
    "verdict": "ruling", "judgment": "ruling", "resignation": "resignation",
    "redundancy": "redundancy", "redundancies": "redundancy", "layoffs": "redundancy",
    "merger": "merger", "election": "election", "protest": "protest", "inquiry": "inquiry",
    "investigation": "inquiry", "hearing": "hearing", "trial": "trial", "launch": "launch",
    "evacuation": "evacuation", "ban": "ban", "fine": "fine", "memo": "letter",
    "statement": "statement", "lawsuit": "lawsuit", "review": "review", "vote": "vote",
    "prosecution": "prosecution", "raid": "raid", "approval": "approval", "sale": "sale",
    "warning": "warning", "appeal": "appeal", "funding": "funding", "ceasefire": "deal",
    "transfer": "transfer",
}
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_MAX_TEXT = 240

DateFinder = Callable[[Span], tuple[str | None, str | None]]


def extract_events(doc: Doc, *, index: EntityIndex, roles: list[Role], quotes: list[Quote],
                   body: list[tuple[int, int]], when: DateFinder) -> list[Event]:
    events: list[Event] = []
    in_body = Intervals(body)
    quoted = Intervals((q.start, q.end) for q in quotes)
    for token in doc:
        # A gerund counts when it heads a clause ("Sentencing the firm, the judge said").
        is_verb = token.pos_ == "VERB" and token.lemma_ in EVENT_VERBS and (
            token.tag_ != "VBG" or token.dep_ == "advcl")
        if not is_verb and not (token.pos_ == "NOUN" and token.lower_ in EVENT_NOUNS):
            continue
        if not in_body.contains(token.idx):
            continue
        if quoted.contains(token.idx):
            continue  # what a speaker says happened is a claim, not a reported event
        if is_verb:
            event = _verb_event(doc, token, EVENT_VERBS[token.lemma_], index, roles, when)
        elif token.pos_ == "NOUN" and token.lower_ in EVENT_NOUNS:
            event = _noun_event(doc, token, EVENT_NOUNS[token.lower_], index, roles, when)
        else:
            continue
        if event is not None:
            events.append(event)
    return _merge_repeats(events)


def _merge_repeats(events: list[Event]) -> list[Event]:
    """One event told twice (a caption and the body; "visited" then "her visit") is kept once.

    Two events are the same when kind and agent agree and neither names a different
    target or date; the one that says more is kept.
    """
    kept: list[Event] = []
    for event in events:
        same = next((k for k, other in enumerate(kept) if _same_event(event, other)), None)
        if same is None:
            kept.append(event)
            continue
        richer, other = (event, kept[same]) if _detail(event) > _detail(kept[same]) \
            else (kept[same], event)
        # Keep the richer telling, filling what it lacks from the other.
        kept[same] = replace(richer, **{
            field: getattr(other, field) for field in ("target", "place", "date", "when_text")
            if getattr(richer, field) is None
        })
    return kept


def _same_event(a: Event, b: Event) -> bool:
    if a.kind != b.kind or a.agent != b.agent or a.agent is None:
        return False
    return all(x is None or y is None or x == y
               for x, y in ((a.target, b.target), (a.date, b.date), (a.place, b.place)))


def _detail(event: Event) -> int:
    return sum(x is not None for x in (event.target, event.place, event.date, event.when_text))


def _verb_event(doc: Doc, verb: Token, kind: str, index: EntityIndex, roles: list[Role],
                when: DateFinder) -> Event | None:
    subject = subject_of(verb)
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    if passive:
        # "was brought by X": the agent is X; the subject is what was acted on.
        subject = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    agent = _actor(doc, subject, index, roles) if subject is not None else None
    target = None
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if obj is not None:
        target = _entity(doc, obj, index, roles)
    if agent is None and target is None:
        return None
    place = _place(verb, index)
    date, when_text = when(_clause(doc, verb))
    start = min(subject.left_edge.idx if subject is not None else verb.idx, verb.idx)
    return _event(doc, kind, agent, target, place, date, when_text, start, verb)


def _noun_event(doc: Doc, noun: Token, kind: str, index: EntityIndex, roles: list[Role],
                when: DateFinder) -> Event | None:
    agent = None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        agent = _actor(doc, owner, index, roles)
    head = noun
    while head.dep_ == "compound":
        head = head.head
    governor = head.head if head.dep_ in {"dobj", "nsubjpass", "pobj", "nsubj"} else None
    if governor is not None and governor.dep_ == "prep":
        governor = governor.head
    if agent is None and governor is not None and governor.pos_ in {"VERB", "AUX"}:
        by = next((c for c in governor.children if c.dep_ == "agent"), None)
        if head.dep_ == "nsubjpass" and by is not None:
            subject = next((c for c in by.children if c.dep_ == "pobj"), None)  # "brought by X"
        else:
            subject = subject_of(governor)
        if subject is not None:
            agent = _actor(doc, subject, index, roles)
    if agent is None:
        return None
    target = None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"to", "with", "at", "against", "of"}:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                target = _entity(doc, obj, index, roles)
                if target is not None:
                    break
    if target is None and governor is not None and governor.pos_ == "VERB":
        # "sent an open letter to the council": the recipient hangs on the verb.
        for prep in governor.children:
            if prep.dep_ in {"prep", "dative"} and prep.lower_ in {"to", "with"}:
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                target = _entity(doc, obj, index, roles) if obj is not None else None
                if target is not None:
                    break
    anchor = governor if governor is not None and governor.pos_ == "VERB" else head
    place = _place(anchor, index)
    date, when_text = when(_clause(doc, anchor))
    start = min(t.idx for t in (anchor, noun, *( [owner] if owner is not None else [])))
    last = max(head.right_edge.i, noun.i)
    return _event(doc, kind, agent, target, place, date, when_text, start, doc[last])


def _actor(doc: Doc, token: Token, index: EntityIndex, roles: list[Role]) -> str | None:
    entity = resolve_reference(doc, token, index, roles, speaking=False).entity
    return entity if entity is not None and index.types.get(entity) in _ACTOR_TYPES else None


def _entity(doc: Doc, token: Token, index: EntityIndex, roles: list[Role]) -> str | None:
    found = resolve_reference(doc, token, index, roles, speaking=False).entity
    if found is None:
        right = token.right_edge
        found = index.at(token.left_edge.idx, right.idx + len(right.text))
    return found


def _place(anchor: Token, index: EntityIndex) -> str | None:
    for prep in anchor.subtree:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "at", "near"}:
            for obj in prep.children:
                found = index.at(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge))
                if found is not None and index.types.get(found) in _PLACE_TYPES:
                    return found
    return None


def _clause(doc: Doc, verb: Token) -> Span:
    return doc[verb.left_edge.i : verb.right_edge.i + 1]


def _event(doc: Doc, kind: str, agent: str | None, target: str | None, place: str | None,
           date: str | None, when_text: str | None, start: int, last: Token) -> Event:
    end = last.right_edge.idx + len(last.right_edge.text) if last.pos_ == "VERB" else \
        last.idx + len(last.text)
    end = min(end, sentence_of(last).end_char, start + _MAX_TEXT)
    while end > start and (doc_text(doc)[end - 1].isspace() or doc_text(doc)[end - 1] in ".,;:"):
        end -= 1
    return Event(kind=kind, agent=agent, target=target, place=place, date=date,
                 when_text=when_text, text=doc_text(doc)[start:end], start=start, end=end)
