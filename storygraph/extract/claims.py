"""Claims: who said what, direct and reported, with cue, stance and offsets.

Two passes over the article:

1. Reported speech from the parse: a cue verb ("said", "warned", "called ...
   'incorrect'", "according to") with a clause; the clause is the content,
   and it is direct when it holds quoted words.
2. Every quotation not inside such a clause gets a speaker from a cue in its
   paragraph ("X said:", "..., he said", "said Mr X"; for a quote over several
   paragraphs, also right after its closing mark). A paragraph that is only a
   quotation takes the speaker of "X said:" closing the paragraph before, else
   of the last claim in the paragraph before. A cue word inside quoted words is
   the speaker's own word, never a new speaker. A sentence ending in a colon with
   no cue ("Her rival Bo Kent was blunter:") gives the quotation after it to its
   subject, not to a cue before it. Quoted names, titles and slogans ('dubbed "the
   Iron Lady"', 'the "Save Our Jobs" campaign') are no claim unless a cue tags them
   or governs them.

Speakers are resolved to entities by `reference.resolve_reference`: names, the person
in an appositive or title-first phrase, "the transport secretary" (via roles), "the
61-year-old retiree", "a company spokeswoman", "the firm" (via entities), and pronouns
(see `reference.Referents`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from storygraph.extract import lexicon as lx
from storygraph.extract.entities import EntityIndex
from storygraph.extract.intervals import Intervals
from storygraph.extract.layout import Paragraph
from storygraph.extract.quotes import Quote
from storygraph.extract.reference import (
    Referents,
    Speaker,
    describe,
    hung_on_name,
    post_word,
    resolve_reference,
    subject_of,
)
from storygraph.extract.text import doc_text, per_sentence, sentence_of
from storygraph.extract.transcript import transcript_claims
from storygraph.model import Claim, Role

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "advcl", "prep", "acomp", "attr"})
# A quotation of fewer words, with no cue near it, is a scare quote or a title.
_MIN_UNCUED_WORDS = 4
_MARKS = "\"“”‘’'"
# Modals of reported intention: "said it was disappointed and would set up a taskforce".
_REPORTED_MODALS = frozenset({"would", "will", "could", "might", "should", "'d"})
_CLOSING = {"“": "”", "‘": "’", '"': '"', "'": "'"}
_OPENING = frozenset(_CLOSING)
_LEDE_WORDS = 10
_NICKNAME_REACH = 60  # characters from a nickname's closing mark to the end of its name


def _inside_a_name(index: EntityIndex, quote: Quote) -> bool:
    """The quotation lies within a name the index holds, marks and all."""
    return any(m.kind == "name" and m.start < quote.start and quote.end < m.end
               for m in index.ending_within(quote.end, quote.end + _NICKNAME_REACH))


def _open_quote(text: str) -> str | None:
    """The closing mark an unbalanced quotation in `text` still waits for, if any."""
    waiting: str | None = None
    for k, ch in enumerate(text):
        if waiting is not None and ch == waiting and (
            ch not in "'’" or k + 1 == len(text) or not text[k + 1].isalnum()
        ):
            waiting = None
        elif waiting is None and ch in _CLOSING and (
            ch not in "'" or k == 0 or not text[k - 1].isalnum()
        ) and (ch != "’"):
            waiting = _CLOSING[ch]
    return waiting


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in a closing mark left just outside, or leave out one whose opening is outside."""
    waiting = _open_quote(text[start:end])
    if waiting is not None and text.startswith(waiting, end):
        return start, end + 1
    if waiting is not None and text[end : end + 1] in {".", "!", "?"} \
            and text.startswith(waiting, end + 1):
        return start, end + 2  # '... and "told them what he saw."': the mark after the stop
    if waiting is not None and text[start] in _CLOSING:
        return start + 1, end
    if waiting is None and end > start and text[end - 1] in "”’\"" and \
            _open_quote(text[start : end - 1]) is None and text[end - 1] not in text[start:end - 1]:
        return start, end - 1
    return start, end


DateResolver = Callable[[Span], str | None]


def extract_claims(
    doc: Doc,
    *,
    index: EntityIndex,
    roles: list[Role],
    pieces: list[Paragraph],
    quotes: list[Quote],
    skip: list[tuple[int, int]],
    date_of: DateResolver,
) -> list[Claim]:
    text = doc_text(doc)
    # (a nickname in a name, 'Ernesto "Tonyo" Salcedo', is nobody's words)
    quotes = [q for q in quotes if not _inside_a_name(index, q)]
    body = [p for p in pieces if p.kind == "body"]
    claims: list[Claim] = []
    consumed: set[int] = set()  # quotes covered by a reported clause
    # cue token -> the claim it gave a whole quotation in one paragraph ("X said: '...'")
    whole: dict[int, int] = {}
    # the clauses of reported speech so far that may still hold a cue (the cues come in
    # text order, so a clause ended before one holds none after it)
    reported: list[tuple[int, int]] = []
    cue_at: list[int] = []  # where each claim of reported speech has its cue
    quoted = Intervals((q.start, q.end) for q in quotes)
    cues = _Cues(doc, quoted)
    # the story's first paragraph of prose (not a "PRESS RELEASE" or dateline line)
    lede = next(((p.start, p.end) for p in body if len(p.text.split()) >= _LEDE_WORDS
                 and p.text.rstrip()[-1:] in ".!?\"”’'"), None)
    speakers = _Speakers(doc, index, roles, Referents(
        doc, index, quoted, Intervals((p.start, p.end) for p in body), lede))

    for cue in _cue_tokens(doc, body, skip):
        content = _reported_content(doc, cue)
        if content is None:
            continue
        start, end = content
        inner = quoted.overlapping(start, end)
        if any(quotes[k].end > end + 1 and text[end : quotes[k].end].strip(_MARKS + ".,;:!? ")
               for k in inner):
            continue  # the clause is the start of a longer quotation: the quote pass has it
        if quoted.contains(cue.idx):
            continue  # "nobody is going to tell me it is safe": the speaker's own words
        if _asked(cue) or _indirect_question(doc, cue, start):
            continue  # "Does the Minister agree that ...?" asks, it does not claim
        if _negated(cue):
            continue  # "X did not apologise for Y", "refused to say that": nothing said
        if _opener(cue):
            continue  # "Welcoming the ruling, X said ...": X's claim is what X said
        reported = [(s, e) for s, e in reported if e > cue.idx]
        if any(s <= cue.idx for s, _ in reported):
            continue  # "X said the union had warned that ...": X's words, X's claim
        speaker = speakers.of(cue)
        if speaker.entity is None and (speaker.text is None or _named_only(cue)):
            continue  # ("The flood made it clear that ...": no one we know made it clear)
        consumed.update(inner)
        if len(inner) == 1 and _same_words(text, (start, end), quotes[inner[0]]):
            whole[cue.i] = len(claims)
        reported.append((start, end))
        cue_at.append(cue.idx)
        claims.append(_claim(doc, cue, speaker, start, end, bool(inner), index, date_of))
    # "The report found the plant was safe, Ms Dray said": a cue inside a clause that a tag
    # after it reports is the tag's speaker's words; naming no one, it is no claim of its own
    nested = {k for k, claim in enumerate(claims) if claim.speaker is None and any(
        other.start <= cue_at[k] < other.end and other.start <= claim.start
        and claim.end <= other.end for other in claims if other is not claim)}
    if nested:
        kept = [k for k in range(len(claims)) if k not in nested]
        renumbered = {old: new for new, old in enumerate(kept)}
        whole = {i: renumbered[k] for i, k in whole.items() if k in renumbered}
        claims = [claims[k] for k in kept]

    by_start = _ByStart(claims)
    for k, quote in enumerate(quotes):
        first_paragraph = pieces[quote.paragraphs[0]]
        if first_paragraph.kind != "body" or k in consumed:
            continue
        cue = _quote_cue(doc, quote, first_paragraph, cues)
        if cue is not None and _negated(cue) and cue.idx < quote.open_at \
                and sentence_of(cue).end_char > quote.open_at:
            continue  # 'did not say "sorry"', 'did not describe it as "reckless"': unsaid
        if len(quote.paragraphs) > 1 and (cue is None or cue.idx < quote.open_at):
            # A quote over paragraphs with its cue after the closing mark: '...," she said.'
            cue = _cue_after(doc, quote, pieces[quote.paragraphs[-1]], cues) or cue
        if cue is not None and quote.open_at != first_paragraph.start and (
                _label(doc, quote) or _voiced(doc, quote, cue)) \
                and (not _governs(doc, cue, quote) or (
                    cue.lemma_ in _VERDICTS and cue.idx < quote.open_at
                    and _titled(text[quote.start : quote.end]))):
            # 'the film "Long Road Home"', '"the Iron Lady"': named, not said; 'Supporters
            # chanted "Save our ferry" as X told ...': another verb's words; 'called his band
            # "The Night Ferries"': a name given, not a verdict
            continue
        speaker = speakers.of(cue) if cue is not None else None
        lead_in = _lead_in(doc, quote, first_paragraph, cue)
        put, forward = speakers.lead_in(lead_in) if lead_in is not None \
            else (Speaker(None, None), False)
        led = cue is not None and speaker is not None and (
            forward or put.entity not in {None, speaker.entity})
        if led:
            # 'said Ann Roe. Her rival Bo Kent was blunter: "..."': the sentence that ends
            # with the colon, not the cue before it, says who speaks, or that it is someone
            # else than the cue's speaker
            cue, speaker = None, put if forward else Speaker(None, None)
        continued: Claim | None = None
        signed = _signed(text, quote, pieces[quote.paragraphs[-1]], index) \
            if cue is None and quote.open_at == first_paragraph.start and quote.closed \
            else None
        if signed is not None:
            speaker = signed  # a pull quote: '"We will not be moved." – Ann Vale, ...'
        elif cue is None and quote.open_at == first_paragraph.start and (
                quote.closed or len(quote.paragraphs) > 1):
            # (A quote left open in a one-paragraph quotation is a broken one: no guessing.)
            cue, speaker, continued = _paragraph_speaker(quote, pieces, cues, by_start, speakers)
        elif cue is None and not led:
            speaker = speakers.before_colon(quote, first_paragraph) \
                or speakers.owned_before(quote, first_paragraph) \
                or speakers.reacted(quote, first_paragraph)
            if _unknown(speaker) and forward:
                speaker = put
        if forward and speaker is put:
            speakers.referents.learn(quote.open_at, put.entity, None)
        words = len(text[quote.start : quote.end].split())
        if speaker is None or _unknown(speaker):
            if words < _MIN_UNCUED_WORDS:
                continue
            speaker = Speaker(None, None)
        if cue is None and speaker.entity is None and (
                words < _MIN_UNCUED_WORDS or _titled(text[quote.start : quote.end])):
            continue  # a scare quote, or a title, slogan or sign ("Save Our Harbour")
        if continued is None and len(quote.paragraphs) == 1 and cue is not None \
                and cue.i in whole and claims[whole[cue.i]].speaker == speaker.entity \
                and not quote.start <= claims[whole[cue.i]].end <= quote.end:
            # '"A," he said. "B."': one statement split by its cue is one claim.
            k = whole[cue.i]
            merged = _claim(doc, cue, speaker, min(claims[k].start, quote.start),
                            max(claims[k].end, quote.end), True, index, date_of)
            by_start.replace(claims[k], merged)
            claims[k] = merged
            continue
        claim = _claim(doc, cue, speaker, quote.start, quote.end, True, index, date_of)
        if continued is not None:
            claim = _with(claim, cue=continued.cue, date=continued.date)
        elif cue is not None and len(quote.paragraphs) == 1:
            whole[cue.i] = len(claims)
        claims.append(claim)
        by_start.add(claim)
    headline = next((p for p in pieces if p.kind == "headline"), None)
    if headline is not None:
        claims += _headline_claims(doc, headline, quotes, cues, speakers, date_of)
    claims += transcript_claims(doc, pieces, index, date_of, claims, roles)
    claims.sort(key=lambda c: (c.start, c.end))
    return _dedupe(claims)


# Words a title leaves in lower case: "Fewer Bins for a Better Borough".
_TITLE_SMALL = frozenset("a an the and or but nor of for in on at to by with as from".split())


def _titled(text: str) -> bool:
    """Title case or capitals throughout: a title, a slogan or a sign, not speech."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    return len(words) >= 2 and all(w[0].isupper() for w in words
                                   if w.casefold() not in _TITLE_SMALL)


# Words right before quoted words that name a thing rather than report speech: 'dubbed
# "the Iron Lady"', 'a sign reading "Closed"', 'the film "Long Road Home"'.
_NAMING = frozenset("""dubbed nicknamed titled entitled named reading read labelled labeled
    branded billed styled hashtag slogan motto banner banners sign signs placard placards
    poster posters film movie song single album book novel play show series programme
    documentary exhibition campaign operation project headline tattoo so-called""".split())
# Before "as" and a quotation, a name given: 'known locally as "the bus lady"'.
_NAMING_AS = frozenset("known referred billed styled marketed remembered".split())
# Before quoted words used as a modifier of the noun after them: 'the "Save Our Jobs" campaign'.
_LABEL_DETERMINERS = frozenset("the a an its their his her our this that".split())


def _label(doc: Doc, quote: Quote) -> bool:
    """Quoted words that read as a name, a title or a slogan: in title case, right after a
    word that names a thing, or set between a determiner and a noun. (Short quoted words
    alone say nothing: "Disgraceful." is often a whole statement.)"""
    text = doc_text(doc)
    if _titled(text[quote.start : quote.end]):
        return True
    before = text[max(0, quote.open_at - 40) : quote.open_at].split()
    if before and before[-1].casefold().strip(",:") in _NAMING and not before[-1].endswith(":"):
        return True
    named = [w.casefold() for w in before[:-1] if not w.endswith("ly")]  # ("known locally as")
    if before and before[-1] == "as" and named and named[-1] in _NAMING_AS:
        return True
    closing = text.find(" ", quote.end)
    after = doc.char_span(closing + 1, closing + 2, alignment_mode="expand") \
        if closing >= 0 else None
    return bool(before) and before[-1].casefold() in _LABEL_DETERMINERS \
        and after is not None and len(after) > 0 and after[0].pos_ == "NOUN" \
        and closing - quote.end <= 2


def _voiced(doc: Doc, quote: Quote, cue: Token) -> bool:
    """Quoted words right after a verb that is not the cue: 'Supporters chanted "Save our
    ferry"', 'the crowd sang "..."'. (A cue verb there would be the quotation's own cue.)"""
    before = doc.char_span(quote.open_at, quote.open_at + 1, alignment_mode="expand")
    if before is None or not len(before) or before[0].i == 0:
        return False
    verb = doc[before[0].i - 1]
    return verb.pos_ == "VERB" and verb.i != cue.i


def _governs(doc: Doc, cue: Token, quote: Quote) -> bool:
    """Whether a cue introduces quoted words or tags them: 'X said: "..."', '"...," said X',
    or the words stand in what the cue governs ("called the plan 'reckless'"), not in its
    subject ('X, dubbed "the Iron Lady", said') nor elsewhere in the paragraph."""
    text = doc_text(doc)
    if cue.idx >= quote.end:
        # '"Shameful," said X' and '"Shameful", the mayor said': a tag after a stop in the
        # quotation, with nothing before the cue but its subject
        closed = text[quote.end : quote.end + 3].lstrip(_MARKS)
        if not (closed[:1] in {",", "!", "?", "—"}
                or text[quote.end - 1 : quote.end] in {",", "!", "?"}):
            return False
        if any(c.dep_ in _SUBJECTS and c.i < cue.i and c.idx < quote.open_at
               for c in cue.children):
            return False  # 'X, known as "the bus lady", said': the tag's subject came first
        subject = {t.i for c in cue.children if c.dep_ in _SUBJECTS for t in c.subtree}
        gap = doc.char_span(quote.end, cue.idx, alignment_mode="contract")
        return gap is None or all(t.is_punct or t.is_space or t.i in subject for t in gap)
    if not text[cue.idx + len(cue.text) : quote.open_at].strip(" ,:"):
        return True
    words = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if words is None or not len(words) or sentence_of(words[0]) != sentence_of(cue):
        return False
    # up from the quoted words to the cue, past no other verb ('told the crowd, which
    # chanted "Roe, Roe"' is the crowd's chant) and not through the cue's subject
    head = words.root
    while head.head.i != head.i and head.head.i != cue.i:
        head = head.head
        if head.pos_ == "VERB":
            return False
    return head.head.i == cue.i and head.dep_ not in _SUBJECTS and head.i > cue.i


def _same_words(text: str, span: tuple[int, int], quote: Quote) -> bool:
    """Whether a clause is a whole quotation, give or take its marks and punctuation."""
    outside = text[min(span[0], quote.start) : max(span[0], quote.start)] \
        + text[min(span[1], quote.end) : max(span[1], quote.end)]
    return not outside.strip(_MARKS + ".,;:!? ")


def _opener(cue: Token) -> bool:
    """A participle opening a sentence whose own cue reports what was said: "Welcoming the
    ruling, the association said ...", "Responding to the claims, she wrote ..."."""
    head = cue.head
    return cue.tag_ == "VBG" and cue.dep_ == "advcl" and cue.i < head.i \
        and head.pos_ == "VERB" and head.lemma_ in lx.CUE_VERBS


def _asked(cue: Token) -> bool:
    """A cue in a question with its auxiliary before the subject: "Will X confirm that"."""
    if not per_sentence(cue, "question", lambda s: s.text.rstrip().endswith("?")):
        return False
    subject = next((c for c in cue.children if c.dep_ in _SUBJECTS), None)
    return subject is not None and any(c.dep_ == "aux" and c.i < subject.i
                                       for c in cue.children)


# Cues that put a question.
_ASKING = frozenset({"ask", "wonder", "inquire", "enquire"})
_QUESTION_WORDS = frozenset({"whether", "if", "what", "how", "why", "when", "where", "who",
                             "which"})
# Cues whose "whether" clause is a doubt or a question the speaker voices: "questioned
# whether X", "asked whether X".
_VOICING = _ASKING | {"question", "doubt", "query"}


def _indirect_question(doc: Doc, cue: Token, start: int) -> bool:
    """A content that is a question put to the speaker, or nothing said: "Asked whether she
    would stay, she said ...", "Asked what the closure meant, he ..." (the question is the
    reporter's), and "declined to say whether the site would be sold". A question the
    speaker asks ("wrote asking why its bills were unpaid") or a doubt they voice
    ("questioned whether the regulator was keeping up") is theirs."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    word = first[0].lower_ if first is not None and len(first) else ""
    if word not in _QUESTION_WORDS:
        return False
    if cue.lemma_ in _ASKING:
        # (a participle with no subject, which the tagger may take for a past tense)
        return cue.tag_ in {"VBN", "VBD"} and not any(c.dep_ in _SUBJECTS
                                                      for c in cue.children)
    return word == "whether" and cue.lemma_ not in _VOICING


# Verbs that, over a verb of saying, say it was not said: "refused to say", "declined to
# confirm", "failed to mention", "hesitated to say" (and with a "not", that it was: "did
# not hesitate to say", "never failed to mention").
_WITHHOLDING = frozenset({"refuse", "decline", "fail", "neglect", "hesitate"})


def _negated(cue: Token) -> bool:
    """A verb of saying that is denied: "did not apologise for the delays", "has not said
    whether", "never claimed that", "did not deny that", "refused to say", "would not want to
    say" (a "not" on the cue or on the verb it hangs on). A "not" inside the content ("said
    she did not expect ...") is the speaker's; "could not stress enough that" and "did not
    hesitate to say" say it the more."""
    def denied(verb: Token) -> bool:
        return any(c.dep_ == "neg" for c in verb.children) and not any(
            c.lower_ == "enough" for c in verb.children)

    if denied(cue):
        return True
    return cue.dep_ == "xcomp" and (cue.head.lemma_ in _WITHHOLDING) != denied(cue.head)


def _unknown(speaker: Speaker | None) -> bool:
    return speaker is None or (speaker.entity is None and speaker.text is None)


# After a quotation that is its paragraph, a dash and a name (then maybe ", her role"):
# '"We will not be moved." – Ann Vale, regional officer'.
_SIGNATURE = re.compile(
    r"\W{0,2}\s*[–—]\s*((?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'-]+)\s*(?:,[^\n]*)?$")


def _signed(text: str, quote: Quote, paragraph: Paragraph, index: EntityIndex) -> Speaker | None:
    """The person a pull quote is signed with: a dash and a person's name after the closing
    mark, and nothing else in the paragraph but a role after a comma."""
    found = _SIGNATURE.match(text, quote.end, paragraph.end)
    if found is None:
        return None
    entity = index.at(found.start(1), found.end(1))
    if entity is None or index.types.get(entity) != "PERSON":
        return None
    return Speaker(entity, found.group(1))


def _paragraph_speaker(quote: Quote, pieces: list[Paragraph], cues: _Cues, by_start: _ByStart,
                       speakers: _Speakers) -> tuple[Token | None, Speaker | None, Claim | None]:
    """The speaker of a paragraph that is only a quotation, from the paragraph before it.

    "Ms Pike said:" closing the paragraph before (the common UK house style) gives
    the cue; else the quotation goes on from the last claim of the paragraph before
    ("X said the plan was flawed." then a quote paragraph). Returns the cue, the
    speaker and the claim continued (if any).
    """
    number = quote.paragraphs[0] - 1
    while number >= 0 and pieces[number].kind == "furniture":
        number -= 1  # a caption between the two paragraphs
    if number < 0 or pieces[number].kind != "body":
        return None, None, None  # a heading starts another part of the story
    before = pieces[number]
    if before.text.rstrip().endswith(":"):
        tokens, _ = cues.of(before)
        if not tokens or sentence_of(tokens[-1]).end_char < before.end:
            # "Her rival Bo Kent was blunter:" names who speaks; "The notice reads:" no one
            span = speakers.doc.char_span(before.start, before.end, alignment_mode="expand")
            colon = next((t for t in reversed(span or ()) if t.text == ":"), None)
            if colon is None:
                return None, None, None
            put, forward = speakers.lead_in(colon)
            if not forward:
                return None, None, None
            speakers.referents.learn(quote.open_at, put.entity, None)
            return None, put, None
        return tokens[-1], speakers.of(tokens[-1]), None
    last = by_start.last_before(quote.open_at)
    if last is None or last.end <= before.start:
        # ("Jo Pike, 71, has lived on the street since 1968." then her words)
        return None, speakers.introduced(before, quote), None
    if last.speaker is None and not (last.direct and last.speaker_text):
        return None, None, None  # an unresolved subject of reported speech is too weak
    return None, Speaker(last.speaker, last.speaker_text), last


def _headline_claims(doc: Doc, headline: Paragraph, quotes: list[Quote], cues: _Cues,
                     speakers: _Speakers, date_of: DateResolver) -> list[Claim]:
    """Quotes in the headline, kept only when the speaker is certain.

    "X calls cuts 'a betrayal'" (a cue whose subject is a known entity) and
    "Acme boss: 'We cannot survive'" (the person the body gives that role).
    """
    claims = []
    for quote in quotes:
        if not headline.start <= quote.open_at < headline.end:
            continue
        cue = _quote_cue(doc, quote, headline, cues)
        speaker = speakers.of(cue) if cue is not None else None
        if speaker is None or speaker.entity is None:
            cue, speaker = None, _colon_speaker(doc, headline, quote, speakers.index,
                                                speakers.roles)
        if speaker is not None and speaker.entity is not None:
            claims.append(_claim(doc, cue, speaker, quote.start, quote.end, True,
                                 speakers.index, date_of))
    return claims


def _colon_speaker(doc: Doc, headline: Paragraph, quote: Quote, index: EntityIndex,
                   roles: list[Role]) -> Speaker | None:
    text = doc_text(doc)
    colon = text.rfind(":", headline.start, quote.open_at)
    if colon < 0 or text[colon + 1 : quote.open_at].strip():
        return None
    start = headline.start
    prefix = text[start:colon]
    words = prefix.split()
    if len(words) >= 2 and words[-1].casefold() in lx.ROLE_NOUNS | {"boss"}:
        org = index.at(start, start + len(" ".join(words[:-1])))
        holders = {r.person for r in roles if org is not None and r.org == org}
        return Speaker(holders.pop(), prefix) if len(holders) == 1 else None  # "Acme boss:"
    named = [m for m in index.mentions if m.start == start and m.end == colon]
    if named and index.types.get(named[0].entity) in {"PERSON", "ORG"}:
        return Speaker(named[0].entity, prefix)  # "Acme: 'We will appeal'"
    return None


# --- cues ---------------------------------------------------------------------------------

def _cue_tokens(doc: Doc, body: list[Paragraph], skip: list[tuple[int, int]]) -> list[Token]:
    in_body = Intervals((p.start, p.end) for p in body)
    skipped = Intervals(skip)
    cues = []
    for token in doc:
        is_cue = (_is_cue(token) and (not _passive(token) or _parenthetical(token) is not None)) \
            or _told_by(token) is not None \
            or _view(token) or _as_aside(token) or _stance(token) is not None \
            or _made_clear(token) is not None or (
            token.lower_ == "according" and token.lemma_ == "accord")
        if is_cue and in_body.contains(token.idx) and not skipped.contains(token.idx):
            cues.append(token)
    return cues


def _is_cue(token: Token) -> bool:
    if _pointed_out(token) or _apology(token) is not None or _signalled(token) \
            or _spoke_of(token) is not None:
        return True
    concern = _concern(token)
    if concern is not None:
        return _clause_in_prep(token) is not None or _concern_about(concern) is not None
    if token.lemma_ in lx.NOUN_CLAUSE_CUES and _clause_in_prep(token) is None:
        return False
    return token.pos_ == "VERB" and token.lemma_ in lx.CUE_VERBS and not (
        token.lemma_ in lx.OBJECTLESS_CUES
        and any(c.dep_ in {"xcomp", "dobj", "prep", "prt"} for c in token.children)) and (
        token.lemma_ not in lx.CLAUSE_ONLY_CUES or any(
            c.dep_ == "ccomp" and c.i > token.i and _finite(c) for c in token.children))


def _pointed_out(token: Token) -> bool:
    """"X pointed out that ...", '"...," she pointed out', "As X pointed out, ...": "point"
    with "out" and a finite clause after it, or nothing after it at all. "Pointed out the
    hole in the wall", "pointed out where the path fell away" show a thing and "pointed to
    the graph" points: none says."""
    if token.lemma_ != "point" or token.pos_ != "VERB" or not any(
            c.dep_ == "prt" and c.lower_ == "out" for c in token.children):
        return False
    after = [c for c in token.children if c.i > token.i and c.dep_ in _CONTENT_DEPS]
    # (the parser may hang the next sentence on the verb: 'pointed out the hole. "...,"
    # said X')
    # ("pointed out where the path had collapsed", "which house was hers": a place or a
    # thing shown, not said)
    return not after or any(c.dep_ == "ccomp" and _finite(c) and not any(
        t.is_quote or t.text in {".", "!", "?"} for t in token.doc[token.i : c.i])
        and token.doc[c.left_edge.i].lower_ not in _SHOWN for c in after)


# What "pointed out" opens when it shows rather than says.
_SHOWN = frozenset({"where", "which", "whereabouts"})


def _concern(token: Token) -> Token | None:
    """The concern a verb voices: "expressed concern", "raised doubts", "voiced fears"."""
    if token.pos_ != "VERB" or token.lemma_ not in lx.CONCERN_VERBS:
        return None
    return next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i
                 and c.lemma_.lower() in lx.CONCERN_NOUNS), None)


# What a concern is about: "raised doubts about the figures", "concern over the plan".
_ABOUT = frozenset({"about", "over", "at", "regarding", "on"})


# What a phrase with "on" or "at" hung on the verb may say instead of the concern's topic:
# when or where it was raised, or for whom ("raised concerns at a meeting on Tuesday").
_NOT_ABOUT = frozenset("behalf meeting hearing briefing conference session event rally".split())


def _concern_about(concern: Token) -> Token | None:
    """The phrase a concern is about, hung on the noun or on the verb after the noun; not a
    time, an occasion, or "on behalf of"."""
    return next((c for c in (*concern.children, *concern.head.children)
                 if c.dep_ == "prep" and c.i > concern.i and c.lower_ in _ABOUT
                 and any(d.dep_ == "pcomp" or (
                     d.dep_ == "pobj" and d.lower_ not in _NOT_ABOUT
                     and d.ent_type_ not in {"DATE", "TIME"}) for d in c.children)), None)


def _apology(token: Token) -> Token | None:
    """"X apologised for the delays", "apologised to any patient who had waited 'longer than
    they should'": an apology said, with what it is for or to whom (the last such phrase);
    not a passive, a bare "apologised" (a tag after a quotation is the quote pass's), nor
    "apologised to passengers" with nothing said."""
    if token.lemma_ not in {"apologise", "apologize"} or token.pos_ != "VERB" \
            or _passive(token) or not any(c.dep_ in _SUBJECTS for c in token.children):
        return None
    phrases = [c for c in token.children if c.dep_ == "prep" and c.i > token.i
               and c.lower_ in {"for", "to"}]
    last = max(phrases, key=lambda c: c.right_edge.i, default=None)
    # (to whom alone says nothing, unless with quoted words: "apologised to passengers")
    said = any(c.lower_ == "for" for c in phrases) or (last is not None and any(
        t.is_quote for t in token.doc[token.i : last.right_edge.i + 1]))
    return last if said else None


# The rules for cues that say something only of someone the story names ("The flood made it
# clear that ..." is no one's claim); each rule marks itself with `_of_the_named`.
_NAMED_ONLY: list[Callable[[Token], object]] = []
_Rule = TypeVar("_Rule", bound=Callable[[Token], object])


def _of_the_named(rule: _Rule) -> _Rule:
    _NAMED_ONLY.append(rule)
    return rule


def _named_only(cue: Token) -> bool:
    """Whether a cue is one of a rule that needs a named speaker."""
    return any(rule(cue) not in (None, False) for rule in _NAMED_ONLY)


# Verbs that say something only with a "that" clause after them, and only of someone the
# story names: "X signalled that ...", "X indicated that ..." ("the figures indicate that"
# is no one's claim).
_SIGNALLING = frozenset({"signal", "indicate"})


@_of_the_named
def _signalled(token: Token) -> bool:
    return token.lemma_ in _SIGNALLING and token.pos_ == "VERB" and any(
        c.dep_ == "ccomp" and c.i > token.i and _finite(c)
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in token.children)


@_of_the_named
def _spoke_of(token: Token) -> Token | None:
    """"X told of her shock at the decision", "spoke of his relief": "tell" or "speak" with
    "of" right after it and nothing told to anyone; the "of" phrase. Not a passive ("was told
    of the decision")."""
    if token.lemma_ not in {"tell", "speak"} or token.pos_ != "VERB" or _passive(token) \
            or token.i + 1 >= len(token.doc) or not any(
                c.dep_ in _SUBJECTS for c in token.children):
        return None
    after = token.doc[token.i + 1]
    return after if after.lower_ == "of" and after.head.i == token.i and after.dep_ == "prep" \
        and not any(c.dep_ in {"dobj", "dative", "ccomp"} for c in token.children) else None


def _speech_verb(token: Token) -> bool:
    """A verb of saying by its lemma, or "pointed out" (whose "point" alone says nothing)."""
    return token.lemma_ in lx.CUE_VERBS or _pointed_out(token)


def _finite(clause: Token) -> bool:
    """A clause with a tense or a modal of its own: "the goal should have stood", "the plan
    was wrong", not "the ground shake"."""
    return clause.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBZ", "VBP", "MD"}
        for c in clause.children)


def _tags_quote(token: Token) -> bool:
    """A verb of manner in the tag right after a quotation ('"...," she sighed', '"...!"
    beamed Jo Pike'): the closing mark after a comma, "!" or "?", then at most a few words
    and no other verb before it."""
    if token.pos_ != "VERB" or token.lemma_ not in lx.TAG_VERBS:
        return False
    doc = token.doc
    for k in range(token.i - 1, max(token.i - _TAG_REACH, -1), -1):
        before = doc[k]
        if before.is_quote:
            return k > 0 and doc[k - 1].text in {",", "!", "?", "—"}
        if before.pos_ in {"VERB", "AUX"} or before.text in {".", ";", ":"}:
            return False
    return False


# How far back, in tokens, the closing mark of a quotation a tag verb follows may be.
_TAG_REACH = 8


def _view(token: Token) -> bool:
    """"Her view is that ...", "In Dr X's view, ...": a held view, said by its holder."""
    if token.pos_ != "NOUN" or token.lemma_ not in lx.VIEW_NOUNS \
            or not any(c.dep_ == "poss" for c in token.children):
        return False
    if token.dep_ == "pobj":
        return token.head.lower_ == "in"
    head = token.head
    return token.dep_ == "nsubj" and head.lemma_ == "be" and head.i + 1 < len(head.doc) \
        and head.doc[head.i + 1].lower_ == "that"


def _stance(token: Token) -> Token | None:
    """"Jo Pike was adamant that ...", "The firm is confident the plant will reopen": the
    adjective of a held view, when "be" has it, a subject (not "it": "it is certain that")
    and a finite clause after it."""
    if token.lemma_ != "be" or token.dep_ == "aux" or not any(
            c.dep_ in _SUBJECTS and c.lower_ != "it" for c in token.children):
        return None
    adjective = next((c for c in token.children if c.dep_ == "acomp"
                      and c.lower_ in lx.STANCE_ADJECTIVES), None)
    return adjective if adjective is not None and _stance_clause(token, adjective) else None


def _stance_clause(token: Token, adjective: Token) -> Token | None:
    """The finite clause after a stance adjective, hung on "be" or on the adjective."""
    return next((c for c in (*token.children, *adjective.children)
                 if c.dep_ == "ccomp" and c.i > adjective.i and _finite(c)), None)


# What a speaker "made" that puts the clause after it forward: "made it clear that ...",
# "made plain that ...", "made the point that ...", "made the case that ...".
_MADE_ADJECTIVES = frozenset({"clear", "plain"})
_MADE_NOUNS = frozenset({"point", "case", "argument"})


@_of_the_named
def _made_clear(token: Token) -> Token | None:
    """"Jo Pike made it clear that ...", "The firm made plain that ...", "X made the point
    that ...": the finite clause that "make" with "clear", "plain", "the point" or "the
    case" reports (the parser hangs it on the adjective, on the noun or on "make"). Not a
    passive ("it was made clear to staff"), nor "made clear its opposition" (no clause)."""
    if token.lemma_ != "make" or token.pos_ != "VERB" or _passive(token) \
            or not any(c.dep_ in _SUBJECTS for c in token.children):
        return None
    word = next((c for c in token.children if c.i > token.i and (
        (c.lower_ in _MADE_ADJECTIVES and c.dep_ in {"ccomp", "acomp", "oprd", "xcomp",
                                                    "advmod", "dobj"})
        or (c.lemma_ in _MADE_NOUNS and c.dep_ == "dobj"))), None)
    if word is None:
        return None
    noun = word.lemma_ in _MADE_NOUNS
    for clause in (*word.children, *token.children):
        if clause.i <= word.i or clause.dep_ not in ({"acl", "ccomp", "relcl"} if noun
                                                     else {"ccomp", "advcl", "csubj"}):
            continue
        that = any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
        if _finite(clause) and (that or (not noun and clause.left_edge.i == word.i + 1)):
            return clause
    return None


def _as_aside(token: Token) -> bool:
    """"As Jo Pike put it, ...", "As the mayor noted last week, ...", "The levy, as she said,
    ...": a cue in an "as" clause with nothing of its own to say; the sentence it is set in
    is what was said. The "as" opens the sentence or follows a comma: "Everyone laughed as
    the mayor explained" is a time, not an attribution."""
    mark = next((c for c in token.children if c.dep_ == "mark" and c.lower_ == "as"
                 and c.i < token.i), None)
    if token.pos_ != "VERB" or token.dep_ not in {"advcl", "parataxis"} or mark is None \
            or not any(c.dep_ in _SUBJECTS for c in token.children):
        return False
    before = token.doc[mark.i - 1] if mark.i > sentence_of(token).start else None
    if before is not None and before.text != "," and not before.is_quote:
        return False
    said = [c for c in token.children if c.i > token.i and c.dep_ in _CONTENT_DEPS]
    if token.lemma_ == "put":  # (the idiom: "put it", nothing more)
        return [(c.dep_, c.lower_) for c in said] == [("dobj", "it")]
    return _speech_verb(token) and not _passive(token) \
        and not any(c.dep_ in {"ccomp", "dobj", "xcomp", "oprd"} for c in said)


def _as_content(doc: Doc, cue: Token) -> tuple[int, int] | None:
    """What an "as" aside attributes: the rest of the sentence after it or before it, or
    the whole sentence, aside and all, when it stands in the middle."""
    sentence = sentence_of(cue)
    first, last = cue.left_edge.i, cue.right_edge.i
    after = any(not (t.is_punct or t.is_space) for t in doc[last + 1 : sentence.end])
    if first <= sentence.start + 1 or not after:
        return _beside_content(doc, first, last)
    return _span_chars(doc, sentence.start, sentence.end - 1, sentence)


# Cues of being told something by someone: "was told by managers that", "I am advised by
# officials that".
_TOLD = frozenset("tell inform advise assure reassure brief warn notify remind".split())


def _told_by(cue: Token) -> Token | None:
    """"I have been informed by the ambulance service that ...", "Staff were told by managers
    that ...": a passive cue with the one who spoke as its agent and a "that" clause after
    it; the agent. Only verbs of telling (`_TOLD`): "was praised by X that" is none."""
    if cue.lemma_ not in _TOLD:
        return None
    agent = next((c for c in cue.children if c.dep_ == "agent" and c.i > cue.i), None)
    teller = next((c for c in agent.children if c.dep_ == "pobj"), None) \
        if agent is not None else None
    if teller is None or not any(c.dep_ in {"auxpass", "nsubjpass"} for c in cue.children):
        return None
    return teller if _told_clause(cue, teller) is not None else None


def _told_clause(cue: Token, teller: Token) -> Token | None:
    """The "that" clause told, hung on the cue or (as the parser may: "advised by officials
    that") on the one who told."""
    clauses = [c for c in cue.children if c.dep_ == "ccomp"] \
        + [c for c in teller.children if c.dep_ in {"acl", "relcl", "ccomp"}]
    return next((c for c in clauses if c.i > teller.i and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)


def _passive(cue: Token) -> bool:
    """"she was told that", "the church was criticised for", "a strike called for May":
    the subject, if any, is not the one who spoke."""
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in cue.children) or (
        cue.tag_ == "VBN" and cue.dep_ in {"acl", "amod"} and not hung_on_name(cue))


def _reported_content(doc: Doc, cue: Token) -> tuple[int, int] | None:
    """The clause a cue reports, as character offsets, or None if it takes no clause."""
    if cue.lower_ == "according":
        return _according_content(doc, cue)
    if _as_aside(cue):
        return _as_content(doc, cue)
    sentence = sentence_of(cue)
    view = _stance(cue)
    made = _made_clear(cue) if view is None else None
    if view is not None or made is not None:
        # "was adamant that ...", "made it clear that ...": the clause after the adjective
        held = _stance_clause(cue, view) if view is not None else made
        if held is None:
            return None
        first = held.left_edge.i + (held.left_edge.lower_ == "that")
        return _span_chars(doc, first, _clause_end(doc, cue, held, held.right_edge.i),
                           sentence)
    if cue.pos_ == "NOUN":  # a view: what stands after "is that", or beside "in X's view"
        if cue.dep_ == "pobj":
            return _beside_content(doc, cue.head.i, cue.right_edge.i)
        return _span_chars(doc, cue.head.i + 2, sentence.end - 1, sentence)
    apology = _apology(cue) or _spoke_of(cue)
    if apology is not None:
        # "apologised to staff for the delays", "told of her shock": the verb and its phrases
        return _span_chars(doc, cue.i, apology.right_edge.i, sentence)
    concern = _concern(cue)
    if concern is not None and _clause_in_prep(cue) is None:
        # "raised doubts about the figures": the verb and what the concern is about
        about = _concern_about(concern)
        return None if about is None else _span_chars(doc, cue.i, about.right_edge.i, sentence)
    right = [c for c in cue.children if c.i > cue.i and c.dep_ in _CONTENT_DEPS
             and not c.is_punct]
    teller = _told_by(cue)
    held = _told_clause(cue, teller) if teller is not None else None
    if held is not None:  # "was told by managers that ...": the clause after the teller
        return _span_chars(doc, held.left_edge.i + (held.left_edge.lower_ == "that"),
                           _clause_end(doc, cue, held, held.right_edge.i), sentence)
    clause = next((c for c in right if c.dep_ == "ccomp"), None) or _clause_in_prep(cue)
    misparsed = clause is None and _that_after(cue)
    if misparsed:
        clause = doc[cue.i + 1].head
    objects = _objects(cue, right, clause)
    if objects:
        # "called the plan 'reckless'", "urged both sides to talk", "described X as Y",
        # "vowed to fight on": the verb and what it governs, which reads as the claim.
        last = max(objects, key=lambda c: c.right_edge.i)
        return _span_chars(doc, cue.i, last.right_edge.i, sentence)
    aside = _parenthetical(cue) if clause is None else None
    if aside is not None:
        # "X will close, the dean announced Friday, ..." parsed as "dean announced"
        verb = aside.head
        return _span_chars(doc, verb.left_edge.i, aside.left_edge.i - 2, sentence)
    if clause is None and _interposed(cue):
        # "X, she said, had voted for it": the sentence the tag is set in, tag and all
        return _span_chars(doc, cue.head.left_edge.i, sentence.end - 1, sentence)
    if clause is None:
        # "..., the union announced": the clause comes first, the cue after it.
        left = next((c for c in cue.children if c.i < cue.i and c.dep_ == "ccomp"), None)
        subjects = [c for c in cue.children if c.dep_ in _SUBJECTS or c.dep_ == "det"]
        before = _clause_before_tag(doc, cue, left, subjects)
        if before is not None:
            return _span_chars(doc, sentence.start if left is None else left.left_edge.i,
                               before, sentence)
        # (with no subject at all, the parser took the speaker into the clause: "Jo Pike,
        # a nurse who was told her job was at risk, wrote")
        if left is not None and subjects and not any(c.dep_ != "det" and c.i < left.i
                                                     for c in subjects) \
                and not any(t.is_quote for t in doc[left.right_edge.i : cue.i]) \
                and not (left.left_edge.i > 0 and doc[left.left_edge.i - 1].is_quote):
            # (A quotation closing before its cue, '..." he said', is left to the
            # quotation pass; a clause with a few quoted words inside is reported speech.)
            return _span_chars(doc, left.left_edge.i, left.right_edge.i, sentence)
        return None
    first_index = cue.i + 2 if misparsed else clause.left_edge.i
    if doc[first_index].lower_ == "that" and (doc[first_index].dep_ == "mark"
                                              or clause.dep_ == "relcl"):
        first_index += 1
    told = next((c for c in right if c.dep_ == "dobj" and c.i + 1 == first_index), None)
    if told is not None and not any(c.dep_ in _SUBJECTS for c in clause.children):
        first_index = told.left_edge.i  # "told reporters deputies would go": the parse's dobj
    whole = max(c.right_edge.i for c in right) if misparsed else clause.right_edge.i
    last_index = _clause_end(doc, cue, clause, whole)
    act = _next_act(cue, clause)
    if act is not None and act.i <= last_index:
        last_index = whole = act.left_edge.i - 1
        while last_index > clause.i and (doc[last_index].dep_ == "cc" or doc[last_index].is_punct):
            last_index -= 1
    for child in cue.children:
        # "said the kitchen had been cleaned, a contract signed and all staff retrained":
        # a list of clauses the parser hangs on the cue one by one (or a word it splits at a
        # hyphen, "had co-signed") is one content, unless another cue cut the first short.
        if child.dep_ == "ccomp" and child.i > last_index and last_index >= whole and all(
                t.text in _LIST_GLUE for t in doc[last_index + 1 : child.left_edge.i]):
            last_index = whole = child.right_edge.i
        # "X said A, but B": B is still what X said, unless it has its own cue; so is "X said
        # A and would B" (a verb of what X intends, not of what X then did: "and walked out"),
        # and "X said A and was cooperating", "... and had written to" (a state reported
        # in the tense of the clause, not a passive: "and was booed").
        # So is "X wrote A but recommended B": advice is said, not done.
        if child.dep_ == "conj" and child.i > last_index and not _speech_verb(child) \
                and (child.lemma_ in _ADVISING or any(
                    c.dep_ in _SUBJECTS or (c.dep_ == "aux" and (
                        c.lower_ in _REPORTED_MODALS or c.lemma_ in {"be", "have"}))
                    for c in child.children)):
            last_index = child.right_edge.i
    return _span_chars(doc, first_index, last_index, sentence)


def _next_act(cue: Token, clause: Token) -> Token | None:
    """What the speaker did after speaking, which the parser joins to the clause said: "said
    he would not resign and left", "said the vote was a stitch-up and walked out". A verb with
    no subject or auxiliary of its own, in the cue's tense, that cannot share the clause's
    modal ("would ... left") or that leaves the scene ("walked out", "stormed off"), goes on
    the cue. ("said it would shut and reopen later", "said it was losing money and needed a
    buyer" go on the clause.) A departure goes on the cue only when the clause's own verb
    could not be joined to it: "be" ("the vote was a stitch-up and walked out") or another
    tense; "said staff gathered at the gates and marched to the town hall" is one clause."""
    if cue.tag_ not in {"VBD", "VBZ"}:
        return None
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children)
    unshared = clause.lemma_ == "be" or clause.tag_ != cue.tag_
    return next((c for c in clause.children if c.dep_ == "conj" and c.i > clause.i
                 and c.pos_ == "VERB" and c.tag_ == cue.tag_
                 and (modal or (unshared and c.lemma_ in lx.DEPARTURES)) and not any(
                     d.dep_ in _SUBJECTS or d.dep_ in {"aux", "auxpass"} for d in c.children)),
                None)


# How many words a speaker's name and title in a closing tag may run to.
_TAG_NAME_WORDS = 8


def _clause_before_tag(doc: Doc, cue: Token, left: Token | None,
                       subjects: list[Token]) -> int | None:
    """The last token of a clause reported in a closing tag the parser did not hang on the
    cue: "Turnout was 41 per cent, returning officer Jo Pike has announced." (two clauses
    side by side, the cue with its own subject) and "The fire started in the paint shop,
    Fire Chief Jo Pike said." (the name taken into the clause, the cue with no subject).
    None when the sentence has no such shape."""
    sentence = sentence_of(cue)
    if any(not (t.is_punct or t.is_space) for t in doc[cue.i + 1 : sentence.end]) \
            or any(t.is_quote for t in doc[sentence.start : cue.i]):
        return None  # (the cue ends the sentence; a quotation is the quote pass's)
    if left is None:
        subject = next((c for c in subjects if c.dep_ in _SUBJECTS), None)
        if cue.dep_ != "conj" or cue.head.dep_ != "ROOT" or subject is None \
                or any(c.dep_ == "cc" for c in cue.children) \
                or any(c.dep_ == "cc" and c.i > cue.head.i for c in cue.head.children):
            return None
        comma = subject.left_edge.i - 1
    else:
        if subjects or doc[cue.i - 1].pos_ != "PROPN":
            return None
        comma = cue.i - 1  # back over the name and its title to the comma before them
        while comma > left.left_edge.i and doc[comma].text != "," \
                and cue.i - comma <= _TAG_NAME_WORDS and doc[comma].pos_ not in {"VERB", "AUX"}:
            comma -= 1
    if comma <= sentence.start or doc[comma].text != "," \
            or any(t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"amod", "compound"}
                   for t in doc[comma + 1 : cue.i] if t.dep_ != "aux"):
        return None
    return comma - 1


def _interposed(cue: Token) -> bool:
    """A cue set off by commas inside the sentence it reports ("X, she said, had voted for
    it", "He hid the transfers, she said, and forged invoices"): the parser hangs it on the
    sentence's verb with nothing of its own but its subject."""
    doc = cue.doc
    # (the parser may hang the rest of the sentence on the tag: "she said, and forged ...")
    rest = [c for c in cue.children if c.dep_ in {"cc", "conj"}]
    if any(c.dep_ in _SUBJECTS for r in rest for c in r.children):
        return False
    # The first and last words of the tag, found from its edges: listing the subtree of
    # each cue was quadratic in a sentence chaining hundreds of them.

    def in_tag(t: Token) -> bool:
        return not t.is_punct and (t.i == cue.i or cue.is_ancestor(t)) \
            and not any(t.i == r.i or r.is_ancestor(t) for r in rest)

    edges = range(cue.left_edge.i, cue.right_edge.i + 1)
    first = next(i for i in edges if in_tag(doc[i]))
    last = next(i for i in reversed(edges) if in_tag(doc[i]))
    if cue.dep_ != "parataxis" or cue.head.pos_ not in {"VERB", "AUX"} or first == 0 \
            or last + 1 >= len(doc):
        return False
    # (the sentence goes on after the tag: "had voted", "and forged invoices")
    goes_on = bool(rest) or cue.head.i > last or any(c.i > last + 1 and not c.is_punct
                                                     for c in cue.head.children)
    # ... and before it stands the verb's subject or a clause of its own, not only a time
    # or a place ("Every morning, she says, ..." is left alone)
    before = doc[first - 2] if first >= 2 else None
    opened = before is not None and (cue.head.i < first or any(
        c.dep_ in _SUBJECTS and before in c.subtree for c in cue.head.children))
    return doc[first - 1].text == "," and doc[last + 1].text == "," and goes_on and opened \
        and all(c.dep_ in _SUBJECTS or c.is_punct or c in rest for c in cue.children)


def _objects(cue: Token, right: list[Token], clause: Token | None) -> list[Token]:
    """What an object-taking cue governs ("denied the charges"), or nothing."""
    if cue.lemma_ not in lx.OBJECT_CUES or any(c.dep_ == "prt" for c in cue.children) \
            or (cue.tag_ == "VBN" and not any(c.dep_ == "aux" for c in cue.children)):
        return []  # ("called it off", "blamed for delays": other uses of the verb)
    if cue.lemma_ == "describe" and not any(
            t.dep_ in {"prep", "oprd", "advcl"} and t.lower_ == "as"
            for c in right for t in c.subtree):
        # ("described a scheme to raise it as 'unaffordable'": "as" may hang inside X)
        return []  # "described how ...": a clause, not "described X as Y"
    verdicts = _verdicts(cue, right) if cue.lemma_ in _VERDICTS else []
    if cue.lemma_ in _VERDICTS and not verdicts and not (cue.lemma_ == "call" and any(
            c.dep_ == "prep" and c.lower_ in {"on", "for"} and c.i == cue.i + 1
            for c in right)):
        # "called the station", "called the station on Monday", "called a meeting for
        # Friday": a telephone or a meeting, not a verdict ("called for", "called on" are
        # right after the verb)
        return []
    if cue.lemma_ in {"hail", "slam"} and not _judged(cue, right):
        return []  # "hailed a taxi", "slammed the door": the verbs in their own senses
    if cue.lemma_ == "question" and any(_questioned(c) for c in right if c.dep_ == "dobj"):
        return []  # "questioned the head of libraries about visitor numbers": put questions
    if cue.lemma_ == "liken" and not any(c.dep_ == "prep" and c.lower_ == "to" for c in right):
        return []  # "likened the budget to 'a house of cards'"
    if cue.lemma_ == "attribute" and not any(
            c.dep_ == "prep" and c.lower_ == "to" for c in right):
        return []  # "attributed the delays to X": what is put down to what
    if cue.lemma_ == "appeal" and not any(
            c.dep_ == "prep" and c.lower_ == "to" for c in right):
        return []  # "appealed to staff to return"; not "appealed the ban", "for witnesses"
    if cue.lemma_ == "ask" and not any(c.dep_ == "prep" and c.lower_ == "for" for c in right) \
            and not any(c.dep_ == "dobj" and (
                any(d.dep_ in {"xcomp", "ccomp"} for d in right)
                or any(t.dep_ == "aux" and t.lower_ == "to" for t in c.subtree))
                for c in right):
        # "asked not to be named": a condition, not a claim; "asked Jo Pike about the
        # cuts" and "has asked her question" put a question, they claim nothing; "asked
        # anyone who was there to come forward" (the parser hangs "to" in the relative
        # clause) is a request
        return []
    objects = [c for c in right if c.dep_ in {"dobj", "prep", "xcomp", "oprd", "advcl"}
               or (c.dep_ == "ccomp" and any(d.dep_ == "dobj" for d in right))]
    if clause is not None and not any(c.dep_ == "dobj" and c.i < clause.i for c in objects):
        return []  # "warned that ...": the clause is the content
    return objects + [v for v in verdicts if v not in objects]


# People one questions (puts questions to), not things one doubts.
_QUESTIONED = frozenset("man woman men women boy girl person people suspect suspects witness "
                        "witnesses driver teenager".split())


def _questioned(obj: Token) -> bool:
    """Whether the object of "question" is someone put to questions: a person's name, a
    person ("a 34-year-old man", "the head of libraries"), or anyone asked about something
    ("questioned X about ..."), not a thing doubted ("questioned the figures")."""
    if obj.ent_type_ == "PERSON" or obj.lower_ in _QUESTIONED or obj.lower_ in lx.OFFICES \
            or obj.lower_ in lx.ROLE_NOUNS:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "about" for c in (*obj.children,
                                                                   *obj.head.children))


def _judged(cue: Token, right: list[Token]) -> bool:
    """Whether "hail" or "slam" passes a judgement: "hailed the deal as a breakthrough",
    "slammed the council for cutting ...", a quoted object ('hailed "a new dawn"'), or an
    object that is a name or a thing one takes a view of ("slammed Jo Pike", "hailed the
    ruling"), not "hailed a taxi" or "slammed the door"."""
    doc = cue.doc
    marks = {"as", "for"} if cue.lemma_ == "slam" else {"as"}
    if any(c.dep_ in {"prep", "oprd", "advcl"} and c.lower_ in marks for c in right):
        return True
    for obj in (c for c in right if c.dep_ == "dobj"):
        first = obj.left_edge.i
        if doc[first].text in _OPENING or (first > 0 and doc[first - 1].text in _OPENING):
            return True
        if obj.pos_ == "PROPN" or obj.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} \
                or obj.lemma_.lower() in lx.JUDGED_NOUNS or obj.lower_ in lx.JUDGED_NOUNS:
            return True
    return False


# Cues that pass a verdict on their object, with the verdict after it: "called the plan
# 'reckless'", "branded it a disgrace", "labelled the move 'cowardly'", "termed it a farce".
_VERDICTS = frozenset({"call", "brand", "label", "term"})


# What one calls for someone, not what one calls them: "called him an ambulance".
_SUMMONED = frozenset("ambulance taxi cab minicab".split())

# Nouns of a time or a number of times, not of a judgement: "labelled the boxes a second time".
_TIMES = frozenset("time times day week month year moment while".split())

# Nouns of a mark put on a thing, not of a judgement: "labelled each jar a number",
# "branded each crate a code".
_MARKINGS = frozenset("number numeral code letter colour color tag sticker label serial "
                      "barcode stamp symbol".split())


def _verdicts(cue: Token, right: list[Token]) -> list[Token]:
    """What a verdict cue says its object is: "called the plan reckless", 'called the rent
    rise "the last straw"', "labelled the move 'cowardly'" (the parser may make quoted words
    a second object, an apposition to the first or a modifier of the verb: the opening mark
    says they are the verdict, not another name for the object). A quoted name in title case
    is a name given, not a verdict: 'called his band "The Night Ferries"'."""
    doc = cue.doc
    objects = [c for c in right if c.dep_ == "dobj"]

    def quoted(v: Token) -> bool:  # (the parser may hang the opening mark on v itself)
        return doc[v.left_edge.i].text in _OPENING or (
            v.left_edge.i > 0 and doc[v.left_edge.i - 1].text in _OPENING)

    def named(v: Token) -> bool:
        return quoted(v) and _titled(doc[v.left_edge.i : v.right_edge.i + 1].text)

    def opening(v: Token) -> bool:
        # 'called the ruling "judicial overreach"': the parser may fold the quoted words
        # into the object, the opening mark inside its phrase
        inner = doc[v.left_edge.i + 1 : v.right_edge.i]
        return any(t.text in _OPENING for t in inner) \
            and not _titled(doc[v.left_edge.i : v.right_edge.i + 1].text)

    def judgement(v: Token) -> bool:
        # 'branded the plan a disgrace', "labelled the closure a scandal": with no marks, a
        # noun phrase of its own right after the object, opened by "a" or "an" (not a
        # time, "a day later", nor an aside set off by a comma, nor a mark put on a thing,
        # "labelled each jar a number")
        first = doc[v.left_edge.i]
        return bool(objects) and first.lower_ in {"a", "an"} \
            and first.i > objects[0].i and not doc[first.i - 1].is_punct and v.pos_ == "NOUN" \
            and v.lemma_ not in _TIMES and v.lemma_ not in _MARKINGS \
            and not any(t.ent_type_ in {"DATE", "TIME", "ORDINAL"} for t in v.subtree)

    # ("called the mayor to ask for help": a telephone call made for a purpose, its
    # infinitive no verdict; the verb inside says what was asked)
    verdicts = [c for c in right if c.dep_ in {"oprd", "xcomp", "acomp", "ccomp"}
                and c.lemma_ not in _SUMMONED and not (c.dep_ == "xcomp" and any(
                    d.dep_ == "aux" and d.lower_ == "to" for d in c.children))] + [
        v for v in objects[1:] + [a for o in objects[:1] for a in o.children
                                  if a.dep_ == "appos"] + [
            c for c in cue.children if objects and c.i > objects[0].i
            and c.dep_ in {"advmod", "npadvmod", "amod", "dep"}]
        if quoted(v) or judgement(v)] + [o for o in objects[:1] if opening(o)]
    # "called the mayor, a former teacher, on Monday": the parser may make the object itself
    # a predicate when nothing stands before it; unquoted, right after the verb, it is whom
    # one telephoned, not a verdict
    return [v for v in verdicts if not named(v) and not (
        v.dep_ == "oprd" and not objects and v.left_edge.i == cue.i + 1 and not quoted(v))]


def _clause_in_prep(cue: Token) -> Token | None:
    """"told staff in an email that ...": the clause hangs on the email, not the verb; also
    on the one told ("said in an email to the Gazette that it had ...", "told the board he had
    turned down two offers"), where the parser takes it for a relative clause."""
    nouns = [(c, False) for c in cue.children if c.dep_ in {"dobj", "dative"} and c.i > cue.i]
    for prep in (c for c in cue.children if c.dep_ == "prep" and c.i > cue.i):
        # (also on a gerund: "conceded under questioning that ...")
        for noun in (c for c in prep.children if c.dep_ in {"pobj", "pcomp"}):
            nouns += [(noun, prep.lower_ in {"in", "on"}),
                      *((o, False) for to in noun.children if to.dep_ == "prep"
                        and to.lower_ == "to" for o in to.children if o.dep_ == "pobj")]
    for noun, medium in nouns:
        for clause in (c for c in noun.children if c.i > noun.i):
            if clause.dep_ in {"ccomp", "acl"} and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                return clause
            if clause.dep_ == "relcl" and _reported_relative(clause, medium):
                return clause
    return None


# Verbs of advice that go on what a cue reports: "said A but recommended B".
_ADVISING = frozenset({"recommend", "propose", "advise"})
# What may stand between the clauses of a list the parser hangs on the cue one by one.
_LIST_GLUE = frozenset({",", "-", "and", "or", "but"})
# What a clause needs to stand on its own: with none of these, a relative clause's object
# is its relative pronoun ("the statement it issued").
_OWN_OBJECTS = frozenset({"dobj", "attr", "acomp", "xcomp", "oprd", "auxpass"})


def _reported_relative(clause: Token, medium: bool) -> bool:
    """Whether a clause parsed as relative is what was said: right after its noun, with a
    subject of its own that is no relative pronoun, after a "that" the parser took for a
    conjunction, or with an object of its own ("the board he had turned down two offers":
    a relative clause would lack one), or after "that" and where it was said ("wrote in a
    post that staff had learned of it": a cue is not followed by what its medium was)."""
    doc = clause.doc
    first = clause.left_edge
    if first.i == 0 or doc[first.i - 1].is_punct:
        return False  # ", which ...": a relative clause set off by a comma
    subject = next((c for c in clause.children if c.dep_ in _SUBJECTS), None)
    if subject is None or subject.tag_ in {"WDT", "WP", "WP$"} or subject.i < first.i:
        return False
    if first.lower_ == "that" and (first.dep_ == "mark" or medium):
        return True
    # ("told the hearing the firm had ignored ...": the subject's words open the clause)
    return (first.i == subject.left_edge.i or first.lower_ == "that") and any(
        c.dep_ in _OWN_OBJECTS and c.i != first.i for c in clause.children)


def _that_after(cue: Token) -> bool:
    """"He added that the company had secured ...", the parser hanging the "that" on a word
    inside the clause and the clause on the cue's object: the cue takes no clause, but the
    "that" right after it says one follows."""
    doc = cue.doc
    if cue.i + 2 >= len(doc) or doc[cue.i + 1].lower_ != "that" or doc[cue.i + 1].dep_ != "mark":
        return False
    head = doc[cue.i + 1].head
    return head.i != cue.i and cue.is_ancestor(head)


# Words that set one speaker's words against another's: "..., while X said ...".
_CONTRAST = frozenset({"while", "whilst", "whereas", "although", "though"})


def _consents(token: Token) -> bool:
    """"the union had agreed to talks", "agreed to meet": a deal made, not words said."""
    return token.lemma_ == "agree" and any(
        c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "to") for c in token.children)


def _clause_end(doc: Doc, cue: Token, clause: Token, end: int) -> int:
    """Stop a clause (ending at `end`) before another cue with its own speaker ("..., but X
    said ...").

    A cue inside a subordinate clause ("... if management did not agree", "... what he
    told his supervisors") or one with its own "that" ("... and that it had agreed to ...")
    goes on with the same speaker.
    """
    for token in doc[clause.i + 1 : end + 1]:
        if token is cue or not _speech_verb(token) or token.pos_ != "VERB" \
                or _consents(token):
            continue
        subject = any(c.dep_ in _SUBJECTS for c in token.children)
        # ("..., while Bo Kent said he would not": another speaker set against the first)
        contrast = subject and token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _CONTRAST for c in token.children) and any(
            c.dep_ == "ccomp" for c in token.children)  # (not "while talks continued")
        if contrast or (not any(c.dep_ == "mark" for c in token.children)
                        and token.dep_ not in {"advcl", "relcl", "xcomp", "acl", "pcomp"}
                        and not (token.dep_ == "ccomp" and token.head.i != cue.i) and (
            subject or (token.dep_ == "conj" and doc[token.i - 1].dep_ == "cc"))
        ):
            left = min([token.i, *(c.left_edge.i for c in token.children
                                   if c.dep_ in _SUBJECTS or c.dep_ == "mark")])
            end = left - 1
            while end > clause.i and (doc[end].dep_ == "cc" or (
                doc[end].is_punct and doc[end].text not in _MARKS)):
                end -= 1
            break
    return end


def _according_content(doc: Doc, cue: Token) -> tuple[int, int] | None:
    phrase = cue.head if cue.dep_ != "ROOT" and cue.head.lower_ == "to" else cue
    phrase_end = max(t.i for t in cue.subtree)
    if phrase is not cue:
        phrase_end = max(phrase_end, *(t.i for t in phrase.subtree))
    return _beside_content(doc, cue.i, phrase_end)


def _beside_content(doc: Doc, phrase_start: int, phrase_end: int) -> tuple[int, int] | None:
    """The rest of the sentence beside an attributing phrase ("according to X", "in X's
    view"): after it when it opens the sentence, before it when it closes it, and the whole
    sentence, phrase and all, when it stands in the middle ("The bridge, according to X, is
    safe"). None when a cue of the sentence reports what the phrase stands in ("The mayor,
    according to the Gazette, said ...", "Sales, according to the figures, fell, the firm
    said"): the phrase says where the report came from, and the words are the cue's
    speaker's."""
    sentence = sentence_of(doc[phrase_start])
    if phrase_start <= sentence.start + 1:
        first = phrase_end + 1
        while first < sentence.end and doc[first].is_punct:
            first += 1
        first = _past_apposition(doc, phrase_end, first, sentence)
        return _span_chars(doc, first, sentence.end - 1, sentence)
    cues = [t for t in sentence if _is_cue(t) and not _passive(t)
            and not phrase_start <= t.i <= phrase_end
            and any(c.dep_ in _SUBJECTS for c in t.children)]
    hung_on = doc[phrase_start].head  # (the phrase hangs on the cue or on what it says)
    if any(t == hung_on or t.is_ancestor(hung_on) for t in cues):
        return None
    if any(not (t.is_punct or t.is_space) for t in doc[phrase_end + 1 : sentence.end]) \
            and not any(t.i > phrase_end for t in cues):
        return _span_chars(doc, sentence.start, sentence.end - 1, sentence)
    # (before a cue of its own after it, the words before the phrase: "Sales, according to
    # the figures, fell, while the union said ...")
    last = phrase_start - 1
    while last > sentence.start and doc[last].is_punct:
        last -= 1
    return _span_chars(doc, sentence.start, last, sentence)


# How many words an apposition after a name may run to: "Hamish Tay, the owner of the mill,".
_APPOSITION_WORDS = 8
_APPOSITION_OPENERS = frozenset("the a an his her its their our".split())


def _past_apposition(doc: Doc, name: int, first: int, sentence: Span) -> int:
    """"According to Hamish Tay, the owner, the roof ...": the description after the name,
    which the parser leaves out of the phrase, is not what was said."""
    if doc[name].pos_ != "PROPN" or doc[first].lower_ not in _APPOSITION_OPENERS:
        return first
    for k in range(first + 1, min(first + _APPOSITION_WORDS + 1, sentence.end - 1)):
        if doc[k].pos_ in {"VERB", "AUX"} or doc[k].text in {";", ":", "."}:
            return first
        if doc[k].text == ",":
            rest = doc[k + 1 : sentence.end]
            return k + 1 if any(t.pos_ in {"VERB", "AUX"} for t in rest) else first
    return first


def _span_chars(doc: Doc, first: int, last: int, sentence: Span) -> tuple[int, int] | None:
    first = max(first, sentence.start)
    last = min(last, sentence.end - 1)
    while last >= first and (doc[last].is_space or doc[last].text in {".", ",", ";", ":"}):
        last -= 1
    while first <= last and (doc[first].is_space or doc[first].text in {",", ":", ";"}):
        first += 1
    if last < first or last - first < 0:
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    text = doc_text(doc)
    unsplit = _NEXT_QUOTE.search(text, start, end)
    if unsplit is not None:
        # '... cuts this year. "The sums do not add up."': a quotation opening a sentence
        # the parser did not split off is the next statement, not this one
        end = unsplit.start()
    start, end = _balanced(text, start, end)
    return (start, end) if end > start else None


_NEXT_QUOTE = re.compile(r"(?<=\w)[.!?](?=\s+[\"“‘'][A-Z])")


class _Cues:
    """Cue verbs outside quotations, found once per paragraph and kept in text order."""

    def __init__(self, doc: Doc, quoted: Intervals) -> None:
        self.doc = doc
        self.quoted = quoted
        self.by_paragraph: dict[int, tuple[list[Token], list[int]]] = {}

    def of(self, paragraph: Paragraph) -> tuple[list[Token], list[int]]:
        """The cue tokens of a paragraph and their character offsets."""
        found = self.by_paragraph.get(paragraph.start)
        if found is None:
            span = self.doc.char_span(paragraph.start, paragraph.end, alignment_mode="expand")
            tokens = [t for t in span or () if (_is_cue(t) or _tags_quote(t))
                      and not _passive(t) and not self.quoted.contains(t.idx)]
            found = self.by_paragraph[paragraph.start] = (tokens, [t.idx for t in tokens])
        return found


def _quote_cue(doc: Doc, quote: Quote, paragraph: Paragraph, cues: _Cues) -> Token | None:
    """The cue verb that introduces a quotation within its paragraph."""
    tokens, offsets = cues.of(paragraph)
    following = bisect_left(offsets, quote.end)
    preceding = bisect_left(offsets, quote.open_at) - 1
    after = tokens[following] if following < len(tokens) else None
    before = tokens[preceding] if preceding >= 0 else None
    text = doc_text(doc)
    # "..., he said." right after the quote; then "X said: ..." right before it.
    if after is not None and _gap_is_attribution(text, quote.end, after.idx):
        return after
    if before is not None and _introduces(text, before, quote.open_at):
        return before
    if before is None or (after is not None
                          and after.idx - quote.end < quote.open_at - before.idx):
        return after
    return before


def _lead_in(doc: Doc, quote: Quote, paragraph: Paragraph, cue: Token | None) -> Token | None:
    """The colon ending a sentence right before a quotation, when no cue of its own introduces
    the quotation: none in that sentence ('Bo Kent was blunter: "..."'), and the cue found is
    in an earlier sentence."""
    text = doc_text(doc)
    colon = text.rfind(":", paragraph.start, quote.open_at)
    if colon < 0 or text[colon + 1 : quote.open_at].strip():
        return None
    found = doc.char_span(colon, colon + 1)
    if found is None or len(found) != 1:
        return None
    sentence = sentence_of(found[0])
    if sentence.start_char < paragraph.start or (cue is not None and (
            sentence.start <= cue.i < found[0].i or cue.idx >= quote.end)):
        return None
    return found[0]


def _cue_after(doc: Doc, quote: Quote, paragraph: Paragraph, cues: _Cues) -> Token | None:
    """The cue right after a quotation's closing mark, in the paragraph where it closes."""
    tokens, offsets = cues.of(paragraph)
    following = bisect_left(offsets, quote.end)
    if following < len(tokens) and _gap_is_attribution(doc_text(doc), quote.end,
                                                       tokens[following].idx):
        return tokens[following]
    return None


# An attribution between a quote and its cue is a few words ("..., the union's leader said").
_ATTRIBUTION_WORDS = 6
_ATTRIBUTION_CHARS = 300


def _gap_is_attribution(text: str, start: int, end: int) -> bool:
    if end - start > _ATTRIBUTION_CHARS:
        return False
    gap = text[start:end]
    if text[start - 1 : start] == "." and gap.lstrip("\"”’' ")[:1].isupper():
        return False  # '... every one." The federation has warned': a new sentence
    words = gap.strip("\"”’', .").split()
    return len(words) <= _ATTRIBUTION_WORDS


def _introduces(text: str, cue: Token, quote_mark: int) -> bool:
    """Whether the words before a quote end with its cue or a colon or comma after it."""
    last = quote_mark
    while last > cue.idx and text[last - 1].isspace():
        last -= 1
    return text[last - 1] in ":," or text.startswith(cue.text, last - len(cue.text))


# --- speakers -----------------------------------------------------------------------------

_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|me|my|we|We|our|Our|us)\b")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+")
# A speaker's name before a colon with no verb: the phrase, and what may follow the name
# ("on social media", "in a statement", "via X", "to the BBC").
_COLON_PHRASE_WORDS = 14
_WHERE_SAID = frozenset({"on", "in", "via", "to", "at"})
_WHERE_SAID_WORDS = 5
# Verbs of a sentence before a colon that put its subject forward to speak: "was blunter:",
# "had a warning for the board:", "took a different view:", "put it bluntly:".
_LEAD_IN_VERBS = frozenset("be have take put offer sound strike go keep sum".split())
# What "had" a speaker put forward before a colon: "had this to say:", "had a warning:".
_HAD_WORDS = frozenset("this that something words".split())


def _leads_in(root: Token) -> bool:
    """Whether the verb before a colon puts its subject forward to speak. "Be" and "have"
    do only as a verdict ("was blunt:", "had a warning for the board:"); "was at the
    meeting:" or "has two children:" says a fact about the subject, not who speaks next."""
    if root.lemma_ == "be":
        # (the parser may take a comparative for a noun: "was blunter:"; "was a teacher:"
        # has a determiner, and is no verdict)
        return any(c.dep_ == "acomp" or (c.dep_ == "attr" and not any(
            d.dep_ in {"det", "poss", "nummod"} for d in c.children)) for c in root.children)
    if root.lemma_ == "have":
        return any(c.dep_ == "dobj" and (c.lemma_ in _SAYING_NOUNS or c.lower_ in _HAD_WORDS)
                   for c in root.children)
    return root.lemma_ in _LEAD_IN_VERBS or _plain_spoken(root)


def _plain_spoken(root: Token) -> bool:
    """"did not mince her words:", "did not hold back:", "pulled no punches:": a speaker
    put forward as blunt."""
    denied = any(c.dep_ == "neg" for c in root.children)
    if root.lemma_ == "mince":
        return denied
    if root.lemma_ == "hold":
        return denied and any(c.dep_ in {"prt", "advmod"} and c.lower_ == "back"
                              for c in root.children)
    return root.lemma_ == "pull" and any(c.dep_ == "dobj" and c.lower_ == "punches"
                                         for c in root.children)


# What a speaker says, named as its subject before a colon: "Her message was simple:".
# How many words may stand before a noun of saying in 'Her blunt verdict?'.
_OWNER_WORDS = 5
_SAYING_NOUNS = lx.VIEW_NOUNS | frozenset(
    "message reply response answer advice warning verdict point plea reaction words "
    "explanation take".split())

# Verbs and states that say someone answered, alone in a paragraph before the answer.
_REACTIONS = frozenset("disagree agree differ object demur concur respond reply".split())
_BARE = frozenset({"nsubj", "punct", "advmod", "acomp", "attr", "cc", "neg"})
_REACTION_STATES = frozenset("""unimpressed unconvinced unmoved unrepentant unapologetic
    defiant sceptical skeptical scathing withering scornful dismissive blunt blunter
    forthright frank franker candid furious angry adamant emphatic unequivocal diplomatic
    optimistic upbeat philosophical""".split())


def _reaction(span: Span) -> Token | None:
    """The verb of a span that is one sentence saying only that someone answered or how
    they took it: "Jo Pike disagreed.", "Her neighbour was unimpressed.", "The union was
    blunter still." (nothing after it but a word of manner: not "agreed to meet him", "was
    angry at the council for years")."""
    if span[-1].text not in {".", "!"} or any(t.is_sent_start for t in span[1:]):
        return None
    root = span.root
    # (the parser may hang the quotation that follows on the verb: only the span counts)
    children = [c for c in root.children if span.start <= c.i < span.end]
    if any(c.dep_ not in _BARE for c in children) or root.lemma_ not in ({"be"} | _REACTIONS):
        return None
    if root.lemma_ != "be" or any(
            # ("blunter" may be parsed as an attribute)
            c.dep_ in {"acomp", "attr"} and c.lower_ in _REACTION_STATES
            and all(d.dep_ == "advmod" for d in c.children) for c in children):
        return root
    return None


class _Speakers:
    """Who the subject of a cue is; each answer is remembered for later pronouns."""

    def __init__(self, doc: Doc, index: EntityIndex, roles: list[Role],
                 referents: Referents) -> None:
        self.doc = doc
        self.index = index
        self.roles = roles
        self.referents = referents

    def of(self, cue: Token) -> Speaker:
        subject = _subject(cue)
        labelled = subject is not None and _label_colon(subject, cue) is not None
        if labelled:
            # a transcript's label taken for the subject: the phrase after it, if it names
            # someone; else the words are the turn's speaker's, no one else's claim
            subject = _after_label(subject, cue)
            if subject is None:
                return Speaker(None, None)
        if subject is None:
            return self._unparsed(cue)
        if subject.lower_ in {"i", "we", "you", "my", "our", "your"}:
            # inside a quotation or a speech ("My answer is that ..."): not an attribution
            return Speaker(None, None)
        speaker = resolve_reference(self.doc, subject, self.index, self.roles, self.referents)
        if labelled and speaker.entity is None:
            return Speaker(None, None)
        self.referents.learn(cue.idx, speaker.entity, subject.lower_)
        if speaker.entity is None and speaker.text and subject.pos_ != "PRON":
            self.referents.spoke_unknown(cue.idx, subject.lower_)
        return speaker

    def introduced(self, before: Paragraph, quote: Quote) -> Speaker | None:
        """A quotation in the first person alone in its paragraph, after a paragraph that
        quotes no one and is about one person ("Jo Pike, 71, has lived on Quarry Row since
        1968." then '"I have never seen the water this high."'): that person's words."""
        text = doc_text(self.doc)
        if not (_FIRST_PERSON.search(text[quote.start : quote.end]) or self._reacts(before)) \
                or any(mark in text[before.start : before.end] for mark in _MARKS):
            return None
        people = {entity for at, entity in self.referents.main_subjects
                  if before.start <= at < before.end
                  and self.index.types.get(entity) == "PERSON"}
        if len(people) != 1 or self._pair(before):
            return None
        entity = people.pop()
        self.referents.learn(quote.open_at, entity, None)
        return Speaker(entity, self.referents.names.get(entity))

    def _pair(self, before: Paragraph) -> bool:
        """A paragraph whose subject is two or more ("Jo Pike and Ivo Marsh disagreed.",
        "Ann Lee and her neighbour have lived there since 1968."): the words after it may be
        either's, so they are neither's."""
        span = self.doc.char_span(before.start, before.end, alignment_mode="expand")
        # (the parser may hang the "and" on the first name, taken as a modifier of the
        # second: "Ada Pennock and Ivo Marsh")
        return span is not None and any(
            t.dep_ in _SUBJECTS and any(c.dep_ in {"conj", "cc"} or (
                c.dep_ in {"nmod", "compound"} and any(d.dep_ == "cc" for d in c.children))
                for c in t.children) for t in span)

    def _reacts(self, before: Paragraph) -> bool:
        """A paragraph of one sentence that only says someone answered: "Opposition leader
        Jo Pike disagreed.", "Her neighbour was unimpressed." (the words in the next
        paragraph are that answer, in any person)."""
        span = self.doc.char_span(before.start, before.end, alignment_mode="expand")
        return span is not None and _reaction(span) is not None

    def reacted(self, quote: Quote, paragraph: Paragraph) -> Speaker | None:
        """The one who reacts in the sentence that opens the quotation's paragraph, when
        nothing else stands before the quotation: 'Jo Pike was scathing. "A disgrace."'
        (the words are hers), a person or a body."""
        span = self.doc.char_span(paragraph.start, quote.open_at, alignment_mode="contract")
        root = _reaction(span) if span is not None and len(span) else None
        subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None) \
            if root is not None else None
        if subject is None or (subject.pos_ == "PRON" and subject.lower_ in {"i", "we", "you"}):
            return None
        speaker = resolve_reference(self.doc, subject, self.index, self.roles, self.referents)
        if self.index.types.get(speaker.entity or "") not in {"PERSON", "ORG"}:
            return None
        self.referents.learn(quote.open_at, speaker.entity, subject.lower_)
        return speaker

    def lead_in(self, colon: Token) -> tuple[Speaker, bool]:
        """The person or body a sentence ending in a colon with no cue in it is about, and
        whether it puts them forward to speak: its subject with a verb of manner ("Her rival
        Bo Kent was blunter:", "The union took a different view:"), or the owner of what is
        said ("Her message was simple:", "The firm's reply was short:"). "Ann Roe got a
        text from her son:" is about her, but the words are not hers; "The notice reads:"
        puts forward a text that is nobody's claim."""
        start = sentence_of(colon).start
        # (the parser may join the quotation to the sentence and root it there)
        roots = [t for t in self.doc[start : colon.i]
                 if not start <= t.head.i < colon.i or t.head.i == t.i]
        root = next((t for t in roots if t.pos_ in {"VERB", "AUX"}), None)
        # (the one nearest the verb: the parser may split "Her rival Bo Kent" in two)
        subject = max((c for c in root.children if c.dep_ in _SUBJECTS), key=lambda c: c.i,
                      default=None) if root is not None else None
        if root is None:
            owned_by = self.owned(colon)  # 'His answer: "No."'
            return (Speaker(None, None), False) if owned_by is None else (owned_by, True)
        if root.lemma_ == "read":
            return Speaker(None, None), True  # "The notice reads:": a text, nobody's words
        owned = subject is not None and subject.lemma_ in _SAYING_NOUNS and root.lemma_ == "be"
        if owned:
            assert subject is not None
            subject = next((c for c in subject.children if c.dep_ == "poss"), None)
        if subject is None or subject.lower_ in {"i", "we", "you"}:
            return Speaker(None, None), False
        speaker = resolve_reference(self.doc, subject, self.index, self.roles, self.referents)
        if self.index.types.get(speaker.entity or "") not in {"PERSON", "ORG"}:
            # ("The union's view was different:" is the union's, whoever that is)
            owner = re.sub(r"['’]s?$", "", speaker.text or "") or None
            return (Speaker(None, owner), True) if owned else (Speaker(None, None), False)
        if owned and speaker.text:
            speaker = Speaker(speaker.entity, re.sub(r"['’]s?$", "", speaker.text))
        return speaker, owned or _leads_in(root)

    def owned(self, mark: Token) -> Speaker | None:
        """'Her verdict? "A shambles."', 'His answer: "No."', "The union's response:": an
        owner and a noun of saying alone before a question mark or colon (no verb): the
        owner's words, when the owner is a person or a body."""
        doc = self.doc
        noun = doc[mark.i - 1] if mark.i > 0 and mark.text in {"?", ":"} else None
        if noun is None or noun.pos_ != "NOUN" or noun.lower_ not in _SAYING_NOUNS:
            return None
        start = noun.i
        while start > 0 and noun.i - start < _OWNER_WORDS and not (
                doc[start - 1].is_punct or doc[start - 1].is_space):
            start -= 1
        if start > 0 and doc[start - 1].text not in {".", "!", "?"} \
                and not doc[start - 1].is_space and not doc[start - 1].is_quote:
            return None  # ("She gave her verdict:" is a sentence of its own making)
        fragment = doc[start : noun.i]
        if any(t.pos_ in {"VERB", "AUX"} for t in fragment):
            return None
        owner = next((t for t in fragment if t.tag_ == "PRP$" or t.dep_ == "poss"
                      or (t.i + 1 < noun.i and doc[t.i + 1].tag_ == "POS")), None)
        if owner is None or owner.lower_ in {"my", "our", "your"}:
            return None
        speaker = resolve_reference(doc, owner, self.index, self.roles, self.referents)
        if self.index.types.get(speaker.entity or "") not in {"PERSON", "ORG"}:
            return None
        self.referents.learn(mark.idx, speaker.entity, None)
        return Speaker(speaker.entity, re.sub(r"['’]s?$", "", speaker.text or "") or None)

    def owned_before(self, quote: Quote, paragraph: Paragraph) -> Speaker | None:
        """The owner of a fragment of saying right before a quotation ('Her verdict?')."""
        text = doc_text(self.doc)
        mark = len(text[paragraph.start : quote.open_at].rstrip()) + paragraph.start - 1
        found = self.doc.char_span(mark, mark + 1) if mark >= paragraph.start else None
        return self.owned(found[0]) if found is not None and len(found) == 1 else None

    def before_colon(self, quote: Quote, paragraph: Paragraph) -> Speaker | None:
        """A quotation after a name and a colon with no verb, as live pages and round-ups
        write them: 'Green councillor Jo Pike on social media: "..."', 'Ann Lee, in a
        statement: "..."'. The one person or body named before the colon, with at most a
        short phrase of where it was said after the name."""
        text = doc_text(self.doc)
        colon = text.rfind(":", paragraph.start, quote.open_at)
        if colon < 0 or text[colon + 1 : quote.open_at].strip():
            return None
        ends = [m.end() for m in _SENTENCE_END.finditer(text, paragraph.start, colon)]
        start = max([paragraph.start, *ends])
        phrase = self.doc.char_span(start, colon, alignment_mode="expand")
        if phrase is None or not len(phrase) or len(phrase) > _COLON_PHRASE_WORDS \
                or any(t.pos_ in {"VERB", "AUX"} or t.is_quote for t in phrase):
            return None
        named = [m for m in self.index.mentions if m.kind == "name" and start <= m.start
                 and m.end <= colon and self.index.types.get(m.entity) in {"PERSON", "ORG"}]
        # (a party or a body before a person's title is not who spoke: "Green councillor X")
        named = [m for m in named if self.index.types.get(m.entity) == "PERSON"] or named
        if len({m.entity for m in named}) != 1:
            return None
        after = text[named[-1].end : colon].strip(" ,").split()
        while after and after[0][:1].isupper():
            after = after[1:]  # (the rest of a name the model cut short)
        if after and (len(after) > _WHERE_SAID_WORDS or after[0].casefold() not in _WHERE_SAID):
            return None  # ("Ann Lee's three demands:" is not Ann Lee speaking)
        entity = named[-1].entity
        self.referents.learn(quote.open_at, entity, None)
        return Speaker(entity, text[start:colon].strip())

    def _unparsed(self, cue: Token) -> Speaker:
        """'..., the 83-year-old said': the parser split the age and hung "the" on the verb;
        'X, who ..., said': it lost the subject in a long relative clause."""
        det = next((c for c in cue.children if c.dep_ == "det" and c.i < cue.i), None)
        if det is None:
            beside = self._beside_quote(cue)
            if beside.entity is None:
                beside = self._before_aside(cue)
            if beside.entity is None:
                beside = self._after_opener(cue)
            return beside if beside.entity is not None else self._named_right_before(cue)
        phrase = doc_text(self.doc)[det.idx : cue.idx].strip()
        entity = describe(phrase, det.idx, self.roles, self.referents)
        self.referents.learn(cue.idx, entity, None)
        return Speaker(entity, phrase)

    def _beside_quote(self, cue: Token) -> Speaker:
        """'"...," the local's president, Jo Pike, said' and '"...," quipped one regular,
        retired plasterer Jo Pike.': the parser hung the speaker's words on the quotation;
        the one name between the closing mark and the cue, or after a cue right after the
        mark up to the sentence's end, is who spoke."""
        doc, sentence = self.doc, sentence_of(cue)
        closing = next((t for t in reversed(doc[sentence.start : cue.i]) if t.is_quote), None)
        if closing is None:
            return Speaker(None, None)
        between = doc[closing.i + 1 : cue.i]
        if all(t.is_punct for t in between):
            span = doc[cue.i + 1 : sentence.end]  # '"...," quipped Jo Pike.'
        elif any(t.pos_ in {"VERB", "AUX"} or t.is_quote for t in between):
            return Speaker(None, None)
        else:
            span = between  # '"...," the local's president, Jo Pike, said'
        if not len(span):
            return Speaker(None, None)
        words = [t for t in span if not (t.is_punct or t.is_space)]
        if len(words) >= 2 and words[0].lower_ == "the" and post_word(words[-1]):
            # '"...?" asked the Labour councillor.': the person with that title, not the party
            phrase = doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
            entity = describe(phrase, words[0].idx, self.roles, self.referents)
            self.referents.learn(cue.idx, entity, None)
            return Speaker(entity, phrase)
        names = {m.entity for m in self.index.mentions if m.kind == "name"
                 and span.start_char <= m.start and m.end <= span.end_char
                 and self.index.types.get(m.entity) in {"PERSON", "ORG"}}
        if len(names) != 1:
            return Speaker(None, None)
        entity = names.pop()
        self.referents.learn(cue.idx, entity, None)
        return Speaker(entity, span.text.strip(" ,.;:"))

    def _before_aside(self, cue: Token) -> Speaker:
        """The name that opens the sentence before a relative clause, when the cue follows a
        comma: "Jo Pike, who set up the campaign after ..., said", "Jo Pike, a nurse who
        ..., wrote", also after the title it stands beside: "The local MP, Jo Pike, whose
        ..., said"."""
        sentence = sentence_of(cue)
        if cue.i < 2 or self.doc[cue.i - 1].text != ",":
            return Speaker(None, None)
        text = doc_text(self.doc)
        name = next((m for m in self.index.mentions if m.kind == "name" and (
            m.start == sentence.start_char or _TITLE_BEFORE.fullmatch(
                text, sentence.start_char, m.start)) and m.end < cue.idx), None)
        if name is None or self.index.types.get(name.entity) not in {"PERSON", "ORG"} \
                or _ASIDE.match(text, name.end) is None:
            return Speaker(None, None)
        self.referents.learn(cue.idx, name.entity, None)
        return Speaker(name.entity, doc_text(self.doc)[name.start : name.end])


    def _after_opener(self, cue: Token) -> Speaker:
        """The name right after a participle or adverbial opener ("Speaking to the Gazette,
        Jo Pike, who ..., said", "After talks with the union, Jo Pike, the firm's owner,
        said"): the parser hung the name on the opener's noun and left the cue without a
        subject; the opener's people are never the speaker."""
        sentence = sentence_of(cue)
        first = next((t for t in sentence if not (t.is_punct or t.is_space)), None)
        if first is None or first.i >= cue.i or not (
                first.tag_ in {"VBG", "VBN"} or first.pos_ == "ADP"):
            return Speaker(None, None)
        comma = next((t for t in self.doc[first.i : cue.i] if t.text == ","), None)
        if comma is None:
            return Speaker(None, None)
        text = doc_text(self.doc)
        after = comma.idx + 1
        names = [m for m in self.index.mentions if m.kind == "name"
                 and after <= m.start and m.end <= cue.idx
                 and self.index.types.get(m.entity) in {"PERSON", "ORG"}
                 and _OPENED_NAME.fullmatch(text, after, m.start)
                 and _NAME_TO_CUE.fullmatch(text, m.end, cue.idx)]
        # (a person before a body: "Carrow Council leader Jo Pike")
        name = next((m for m in names if self.index.types.get(m.entity) == "PERSON"),
                    names[0] if names else None)
        if name is None:
            return Speaker(None, None)
        self.referents.learn(cue.idx, name.entity, None)
        return Speaker(name.entity, text[name.start : name.end])

    def _named_right_before(self, cue: Token) -> Speaker:
        """"At the depot in Salem, Oregon, Jo Pike, 66, said": the parser joined the
        name to the places before it and left the cue without a subject; a person's name
        right before the cue (or before an age set off by commas) is who spoke."""
        text = doc_text(self.doc)
        low, marks = cue.idx, 0  # (between them: spaces, and at most ", 66,")
        while low > 0 and (text[low - 1].isspace() or (
                (text[low - 1] == "," or text[low - 1].isdecimal()) and (marks := marks + 1) <= 5)):
            low -= 1
        name = next((m for m in self.index.ending_within(low, cue.idx) if m.kind == "name"
                     and _AGE_BETWEEN.fullmatch(text, m.end, cue.idx)), None)
        if name is None or self.index.types.get(name.entity) != "PERSON":
            return Speaker(None, None)
        self.referents.learn(cue.idx, name.entity, None)
        return Speaker(name.entity, text[name.start : name.end])


# Between an opener's comma and the name after it: nothing, or a title set off by a comma
# ("the firm's owner, ") or before the name ("chief executive ", "Carrow Council leader ").
_OPENED_NAME = re.compile(r"\s*(?:(?:the|its|their|his|her)\s[^,.;:\"“”]{1,60},\s+"
                          r"|(?:[A-Z][\w'’&.-]*\s+){0,4}(?:[a-z][\w'’-]*\s+){1,4})?")
# Between that name and the cue: nothing, the comma closing a title before the name ("the
# home secretary, Jo Pike, said"), or an aside set off by commas (", who founded the firm in
# 1998,", ", the firm's owner,").
_NAME_TO_CUE = re.compile(r"\s*(?:,\s[^.;:\"“”]{1,120})?,?\s*")
# What may stand between a name and its cue: nothing, or an age set off by commas.
_AGE_BETWEEN = re.compile(r"\s*(?:,\s*\d{1,3}\s*,\s*)?")
# "The local MP, " before a name; ", who", ", a nurse who" after it.
_TITLE_BEFORE = re.compile(r"(?:The|Its|Their|His|Her)\s[^,.;:\"“”]{1,60},\s+")
_ASIDE = re.compile(r",\s+(?:(?:a|an|the)\s[^,.;:]{1,60}?\s)?(?:who|which|whose)\b")


def _parenthetical(cue: Token) -> Token | None:
    """", the dean announced Friday," set after a clause, which the parser reads as a
    noun ("dean") hung on the clause's verb with the cue as its modifier: the noun, the
    one who spoke, when the cue takes nothing of its own."""
    noun = cue.head
    if cue.dep_ != "acl" or noun.i >= cue.i or noun.pos_ not in {"NOUN", "PROPN"} \
            or noun.dep_ not in {"npadvmod", "appos", "dobj", "nsubj"} \
            or noun.head.pos_ not in {"VERB", "AUX"} or noun.head.i >= noun.i:
        return None
    first = noun.left_edge.i
    if first < 2 or noun.doc[first - 1].text != "," \
            or any(c.dep_ in _CONTENT_DEPS for c in cue.children if c.i > cue.i):
        return None
    return noun


def _label_colon(subject: Token, cue: Token) -> Token | None:
    """The colon after a transcript's label when the parser took the label for the subject
    of a cue in the speech after it ("ANN LEE: The chair of Quendon Council, Sam Ode, told us
    ..."): the one speaking does not report their own words in the third person."""
    sentence = sentence_of(subject)
    colon = next((t for t in sentence[:8] if t.text == ":"), None)
    if colon is None or not subject.i < colon.i < cue.i or not all(
            t.is_upper or t.is_title or t.is_punct for t in sentence[: colon.i - sentence.start]):
        return None
    return colon


def _after_label(subject: Token, cue: Token) -> Token | None:
    """The cue's subject after the label's colon, if any: the parser hangs the phrase on the
    label or on the cue; along a chain of appositions, the name nearest the cue ("Mr.
    Speaker, the mayor told me" is the mayor's, the chair addressed first)."""
    colon = _label_colon(subject, cue)
    assert colon is not None
    found = max((c for c in (*cue.children, *subject.children) if colon.i < c.i < cue.i and (
        c.dep_ in _SUBJECTS if c.head == cue else c.dep_ == "appos")),
        key=lambda c: c.i, default=None)
    while found is not None and found.pos_ == "PROPN" and (after := max(
            (c for c in found.children if c.dep_ == "appos" and c.i < cue.i),
            key=lambda c: c.i, default=None)) is not None:
        found = after
    return found


def _subject(cue: Token) -> Token | None:
    aside = _parenthetical(cue)
    if aside is not None:
        return aside
    teller = _told_by(cue)
    if teller is not None:
        return teller
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        holder = to or (cue.head if cue.head.lower_ == "to" else None)
        if holder is None:
            return None
        held = next((c for c in holder.children if c.dep_ == "pobj"), None)
        # ("according to engineer Lise Moreau": the parser may take the title for a verb
        # and the name for its object)
        named = next((c for c in held.children if c.dep_ == "dobj" and c.pos_ == "PROPN"),
                     None) if held is not None and held.pos_ == "VERB" else None
        return named or held
    if cue.pos_ == "NOUN":  # "Her view is that"
        return next(c for c in cue.children if c.dep_ == "poss")
    quoted = cue.head.head if cue.dep_ == "pcomp" and cue.head.lower_ == "as" else None
    if quoted is not None and quoted.lemma_ in _QUOTED_AS:
        # "X was quoted as saying ...": the one quoted, the subject of the passive
        return next((c for c in quoted.children if c.dep_ == "nsubjpass"), None)
    if cue.dep_ == "conj" and cue.head.dep_ == "ccomp" and cue.head.head.lemma_ in lx.CUE_VERBS \
            and not any(c.dep_ in _SUBJECTS for c in cue.children):
        # "X said the plan was 'complex' and called ...": the second cue is X's too.
        return subject_of(cue.head.head)
    return subject_of(cue)


# Passives that report what their subject said: "was quoted as saying", "is reported as
# saying", "was cited as saying".
_QUOTED_AS = frozenset({"quote", "report", "cite"})


# --- assembling ---------------------------------------------------------------------------

def _claim(doc: Doc, cue: Token | None, speaker: Speaker, start: int, end: int, direct: bool,
           index: EntityIndex, date_of: DateResolver) -> Claim:
    first = doc.char_span(start, end, alignment_mode="expand")
    sentence_start = sentence_of(first[0]).start_char if first is not None else start
    sentence_end = sentence_of(first[-1]).end_char if first is not None else end
    while sentence_end > sentence_start and doc_text(doc)[sentence_end - 1].isspace():
        sentence_end -= 1
    about = tuple(e for e in index.entities_in(start, end) if e != speaker.entity)
    stance = None
    cue_text = None
    if cue is not None:
        cue_text = "according to" if cue.lower_ == "according" else cue.text
        stance = lx.CUE_VERBS.get(cue.lemma_)
        concern = _concern(cue)
        if concern is not None:
            stance = lx.CONCERN_NOUNS[concern.lemma_.lower()]
        view = _stance(cue)
        if view is not None:
            stance = lx.STANCE_ADJECTIVES[view.lower_]
        if cue.lemma_ in _VERDICTS:
            words = set(re.findall(r"[a-z]+", doc_text(doc)[start:end].casefold()))
            if words & lx.REJECTING_WORDS:
                stance = "rejects"
            elif words & lx.CRITICAL_WORDS:
                stance = "criticises"
    when = date_of(sentence_of(cue)) if cue is not None else None
    return Claim(
        speaker=speaker.entity, speaker_text=speaker.text, cue=cue_text,
        text=doc_text(doc)[start:end], direct=direct or _has_quote(doc_text(doc)[start:end]),
        stance=stance, start=start, end=end,
        sentence_start=min(sentence_start, start), sentence_end=max(sentence_end, end),
        about=about, date=when,
    )


def _has_quote(text: str) -> bool:
    return any(mark in text for mark in ('"', "“", "”", "``"))


def _with(claim: Claim, **changes: object) -> Claim:
    return replace(claim, **changes)


class _ByStart:
    """Claims by start offset: the latest one starting at or before a position."""

    def __init__(self, claims: list[Claim]) -> None:
        self.keys: list[tuple[int, int]] = []  # (start, -order): ties go to the earliest
        self.claims: list[Claim] = []
        for claim in claims:
            self.add(claim)

    def add(self, claim: Claim) -> None:
        key = (claim.start, -len(self.claims))
        self.claims.append(claim)
        self.keys.insert(bisect_right(self.keys, key), key)

    def replace(self, old: Claim, new: Claim) -> None:
        """Put a merged claim ('"A," he said. "B."' as one) in place of the claim it grew from,
        keyed by its own start, so that no later look-up finds the old one."""
        for k, claim in enumerate(self.claims):
            if claim is old:
                self.claims[k] = new
                key = next(key for key in self.keys if key[1] == -k)
                self.keys.remove(key)
                self.keys.insert(bisect_right(self.keys, (new.start, -k)), (new.start, -k))
                return

    def last_before(self, position: int) -> Claim | None:
        k = bisect_right(self.keys, (position, 1)) - 1
        return self.claims[-self.keys[k][1]] if k >= 0 else None


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """Drop a claim nested inside a longer one by the same speaker, and repeats of a span."""
    nested: set[int] = set()
    by_speaker: dict[str | None, list[int]] = {}
    for k, claim in enumerate(claims):
        by_speaker.setdefault(claim.speaker, []).append(k)
    for numbers in by_speaker.values():
        numbers.sort(key=lambda k: (claims[k].start, -claims[k].end))
        reach = -1  # the furthest end of an earlier-starting claim with another span
        group_reach = -1
        span: tuple[int, int] | None = None
        for k in numbers:
            if (claims[k].start, claims[k].end) != span:
                reach = max(reach, group_reach)
                span = (claims[k].start, claims[k].end)
                group_reach = claims[k].end
            if reach >= claims[k].end:
                nested.add(k)
    kept: list[Claim] = []
    spans: set[tuple[int, int]] = set()
    for k, claim in enumerate(claims):
        if k not in nested and (claim.start, claim.end) not in spans:
            kept.append(claim)
            spans.add((claim.start, claim.end))
    return kept
