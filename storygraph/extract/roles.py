"""Roles: the titles people hold, and where the text says so, for which organisation.

    "Ann Ross, chief executive of the chamber, said"         apposition after the name
    "the trust's chief executive, Colm Brackenridge,"        apposition before the name
    "Health Secretary Jo Lin said"                           pre-modifier
    "Quendon general secretary Jo Pike"                       organisation inside the title
    "Judge Alan Brede", "State Sen. Dora Kell"               title honorifics
    "Ann Tasker, who chairs Friends of the Park,"            relative clause
    "X appointed Jo Pike as head coach", "Sam Ode was named chief executive of X",
    "Ann Lee will take over as chair"                        appointment
    "Prosecuting, Jo Pike said", "Sam Ode, defending,"       counsel in a court report
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storygraph.extract import lexicon as lx
from storygraph.extract.entities import EntityIndex
from storygraph.extract.text import doc_text, sentence_of
from storygraph.model import Role

_MAX_TITLE_TOKENS = 12
_ORG_PREPOSITIONS = frozenset({"of", "at", "for", "with", "from"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_RELATIVE = frozenset({"who", "which", "that", "whose"})
_LEADING = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "one"})


# A court report's counsel: "Prosecuting, Jo Pike said", "Sam Ode, defending, told the court",
# "Mitigating, Ann Lee said" (counsel for the defence, speaking before sentence).
_COUNSEL = frozenset({"prosecuting", "defending", "mitigating"})


def is_role_noun(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    if word in lx.ROLE_NOUNS or word in lx.TITLE_HONORIFICS or token.lemma_ in lx.ROLE_NOUNS \
            or word in _COUNSEL:
        return True
    return token.pos_ == "NOUN" and token.is_lower and len(word) > 5 \
        and word.endswith(lx.ROLE_SUFFIXES)


def extract_roles(doc: Doc, index: EntityIndex) -> list[Role]:
    roles: dict[tuple[str, str], Role] = {}
    people = {e.id for e in index.entities if e.type == "PERSON"}
    for mention in index.mentions:
        if mention.entity not in people or mention.kind != "name":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for role in (_apposition(doc, span, mention.entity, index),
                     _before_comma(doc, span, mention.entity, index),
                     _premodifier(doc, span, mention.entity, index),
                     _relative(doc, span, mention.entity, index),
                     _appointed(doc, span, mention.entity, index)):
            if role is not None:
                roles.setdefault((role.person, role.title.casefold()), role)
    return sorted(roles.values(), key=lambda r: r.start)


def _apposition(doc: Doc, span: Span, person: str, index: EntityIndex) -> Role | None:
    """", <title>," right after the name (a relative clause may follow the title)."""
    after = span.end
    while after < len(doc) and doc[after].like_num is False and doc[after].text == ",":
        after += 1
        break
    else:
        return None
    # "Brede, 47, had been..." and "Kell, 58, said": skip an age.
    if after < len(doc) and doc[after].like_num and after + 1 < len(doc) \
            and doc[after + 1].text == ",":
        after += 2
    tokens: list[Token] = []
    for token in doc[after : after + _MAX_TITLE_TOKENS]:
        if token.text in {",", ";", "(", ")", "—", "–"} or token.is_space \
                or token.lower_ in _RELATIVE or token.text in {"“", '"', "”"}:
            break
        if token.text == "." and (token.i == sentence_of(token).end - 1 or token.i + 1 == len(doc)
                                  or doc[token.i + 1].is_space):
            break  # (a paragraph's last full stop, whatever the sentence splitter says)
        if token.pos_ in {"VERB", "AUX"} and token.tag_ not in {"VBN", "VBG"}:
            return None
        tokens.append(token)
    if not tokens:
        return None
    end_token = tokens[-1].i + 1
    if end_token < len(doc) and doc[end_token].text not in {",", ")", ";", ".", "—", "–"} \
            and doc[end_token].lower_ not in _RELATIVE:
        return None
    return _role_from(doc, tokens, person, index)


def _before_comma(doc: Doc, span: Span, person: str, index: EntityIndex) -> Role | None:
    """"<the org's> <title>, <Name>" and "One of the plaintiffs, <Name>"."""
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the":  # "a missionary, the Rev X"
        i -= 1
    if i < 1 or doc[i].text != ",":
        return None
    tokens: list[Token] = []
    i -= 1
    while i >= 0 and len(tokens) < _MAX_TITLE_TOKENS:
        token = doc[i]
        if token.is_space or (token.is_punct and token.text not in _POSSESSIVE
                              and not _word_hyphen(doc, token)):
            break
        if token.pos_ in {"VERB", "AUX", "CCONJ", "SCONJ"} and token.tag_ != "VBG" \
                and not _portfolio_and(doc, token, tokens):
            break
        tokens.insert(0, token)
        if (token.lower_ in _LEADING or token.pos_ in {"DET", "PRON"}) and not (
                i > 0 and doc[i - 1].lower_ in _ORG_PREPOSITIONS):
            break  # (but "The head of the X Union, Jo Pike,": on to the title)
        i -= 1
    if not tokens:
        return None
    starts_phrase = tokens[0].lower_ in _LEADING or tokens[0].pos_ in {"DET", "PRON"} \
        or _possessed(tokens)
    starts_sentence = tokens[0].i == 0 or doc[tokens[0].i - 1].is_space \
        or bool(doc[tokens[0].i - 1].is_sent_end)
    if not (starts_phrase or starts_sentence):
        return None
    if not any(is_role_noun(t) for t in tokens):
        return None
    return _role_from(doc, tokens, person, index)


def _portfolio_and(doc: Doc, token: Token, after: list[Token]) -> bool:
    """"and" between two capitalised words of a portfolio ("Minister for Culture and
    Heritage", "Secretary of State for Work and Pensions"), inside the title."""
    return token.lower_ in {"and", "&"} and bool(after) and after[0].is_title \
        and token.i > 0 and doc[token.i - 1].is_title and doc[token.i - 1].is_alpha


def _possessed(tokens: list[Token]) -> bool:
    """A title opened by a name in the possessive, which stands for a determiner: "is
    Halden's MP, Jo Pike,", "told Brisk Foods' chief executive, Sam Ode,"."""
    mark = next((k for k, t in enumerate(tokens) if t.text in _POSSESSIVE), 0)
    return mark > 0 and all(t.pos_ == "PROPN" for t in tokens[:mark])


def _word_hyphen(doc: Doc, token: Token) -> bool:
    """A hyphen inside a word ("vice-president"), not a dash between clauses."""
    return token.text == "-" and not doc[token.i - 1].whitespace_ and not token.whitespace_


def _premodifier(doc: Doc, span: Span, person: str, index: EntityIndex) -> Role | None:
    """Title words right before the name: "Transport Secretary X", "Judge X", "State Sen. X"."""
    first = _first_name_token(doc, span)
    tokens: list[Token] = [t for t in doc[span.start : first]
                           if t.lower_.rstrip(".") in lx.TITLE_HONORIFICS
                           or t.lower_ in lx.TITLE_MODIFIERS]
    i = span.start - 1
    while i >= 0 and len(tokens) < _MAX_TITLE_TOKENS:
        token = doc[i]
        word = token.lower_.rstrip(".")
        if token.is_space or token.text in _POSSESSIVE:
            break
        if word in lx.HONORIFICS and word not in lx.TITLE_HONORIFICS:
            i -= 1  # "Lead author Dr X": skip the honorific, keep walking
            continue
        if token.pos_ == "ADP" and token.lower_ in {"of", "for"} and tokens \
                and _office_behind(doc, i):
            tokens.insert(0, token)  # "Minister for Enterprise X"
            i -= 1
            continue
        if token.is_punct and token.text != ".":
            break
        if token.pos_ in {"DET", "AUX", "ADP", "PRON", "CCONJ", "SCONJ", "NUM"} or (
            token.pos_ == "VERB" and token.tag_ not in {"VBG", "VBN"}
        ):
            break
        if token.text == "." :
            break
        tokens.insert(0, token)
        i -= 1
    if not tokens:
        return None
    # The title ends right before the name with a role word, or names a portfolio
    # after one ("Minister for Enterprise X", "Secretary of State for Transport X").
    if not is_role_noun(tokens[-1]) and not any(
        t.lower_ in {"of", "for"} and k > 0 and any(is_role_noun(u) for u in tokens[:k])
        for k, t in enumerate(tokens)
    ):
        return None
    return _role_from(doc, tokens, person, index)


def _office_behind(doc: Doc, i: int) -> bool:
    """Whether an office stands right before "of" or "for" at `i`, itself perhaps with a
    capitalised "of" phrase: "Minister for", "Secretary of State for"."""
    for k in range(i - 1, max(-1, i - 4), -1):
        if is_role_noun(doc[k]):
            return True
        if not (doc[k].text[:1].isupper() or doc[k].lower_ == "of"):
            return False
    return False


def _relative(doc: Doc, span: Span, person: str, index: EntityIndex) -> Role | None:
    """"X, who chairs the committee," → chair of the committee."""
    after = span.end
    if after + 2 >= len(doc) or doc[after].text != "," or doc[after + 1].lower_ != "who":
        return None
    verb = doc[after + 2]
    title = lx.ROLE_VERBS.get(verb.lemma_)
    if title is None or verb.pos_ != "VERB":
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    org = None
    if obj is not None:
        # the body the object's head names ("runs X Buses, a firm near Y": X Buses, not Y)
        right = obj.right_edge
        org = index.at(obj.idx, obj.idx + len(obj.text)) \
            or index.at(obj.left_edge.idx, right.idx + len(right.text))
        if org is not None and index.types.get(org) == "PERSON":
            org = None
    return Role(person=person, title=title, org=org, start=verb.idx,
                end=verb.idx + len(verb.text))


# Verbs that give the one appointed a post they hold from then on ("X appointed Jo Pike as
# head coach", "Jo Pike was named chief executive"), and verbs whose subject takes one up
# ("Jo Pike will take over as chair", "became chief executive in 2019"); not "served as",
# "stepped down as", "replaced Y as", which say of someone a post held before.
_APPOINTING = frozenset("""appoint name hire elect re-elect install choose select promote
    recruit confirm unveil nominate""".split())
_TAKING_UP = {"take": "over", "become": None, "step": "in"}
# Words after "the" that make what someone is named a post taken up ("named X as the new
# manager"), not who they are in a report ("named X as the driver").
_NEW_POST = frozenset("new next incoming interim acting permanent".split())


def _appointed(doc: Doc, span: Span, person: str, index: EntityIndex) -> Role | None:
    """"X appointed <Name> as <title>", "<Name> was named <title> of X", "<Name> will take
    over as <title>": the post the sentence gives the person (at the one who appointed
    them, if an organisation and no other is said)."""
    root = span.root
    verb = root.head
    if root.dep_ in {"dobj", "nsubjpass"}:
        if verb.lemma_ not in _APPOINTING:
            return None
    elif root.dep_ != "nsubj" or verb.lemma_ not in _TAKING_UP or (
            _TAKING_UP[verb.lemma_] is not None and not any(
                c.dep_ == "prt" and c.lower_ == _TAKING_UP[verb.lemma_] for c in verb.children)):
        return None
    titles = [o for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "as"
              for o in prep.children if o.dep_ == "pobj"] \
        + [c for c in verb.children if c.dep_ in {"oprd", "attr"}] \
        + [c for c in root.children if c.dep_ == "appos" and doc[c.left_edge.i - 1].text != ","]
    title = next((t for t in titles if t.i > span.end - 1 and t.pos_ == "NOUN"), None)
    if title is None:
        return None
    tokens: list[Token] = []
    for token in doc[title.left_edge.i : title.right_edge.i + 1]:
        # (nor past a preposition of when or where: "chief executive on Friday")
        if token.text in {",", ";", "(", ")", "—", "–"} or token.is_quote \
                or token.lower_ in _RELATIVE \
                or (token.dep_ == "prep" and token.lower_ not in _ORG_PREPOSITIONS):
            break
        tokens.append(token)
    role = _role_from(doc, tokens, person, index)
    if role is not None and role.org is None and tokens[0].lower_ == "the" \
            and len(tokens) > 1 and tokens[1].lower_ not in _NEW_POST \
            and not any(t.text in _POSSESSIVE for t in tokens):
        # "Police named Jo Pike as the driver of the car", "named the winner": who someone
        # is in the story; a post is given bare, new, or at a body ("the chief executive
        # of X", "the club's manager": a body the model did not find still says a post)
        return None
    appointer = next((c for c in verb.children if c.dep_ == "nsubj"), None) \
        if root.dep_ == "dobj" else None
    if role is not None and role.org is None and appointer is not None:
        # "X appointed Jo Pike as head coach": the post is at X
        org = index.at(appointer.idx, appointer.idx + len(appointer.text))
        if org is not None and index.types.get(org) == "ORG":
            role = Role(person=role.person, title=role.title, org=org, start=role.start,
                        end=role.end)
    return role


def _is_title_word(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return word in lx.HONORIFICS or word in lx.TITLE_MODIFIERS


def _first_name_token(doc: Doc, span: Span) -> int:
    """Index of the first token of the name proper, after honorifics inside the mention."""
    i = span.start
    while i < span.end - 1 and _is_title_word(doc[i]):
        i += 1
    return i


def _role_from(doc: Doc, tokens: list[Token], person: str, index: EntityIndex) -> Role | None:
    org: str | None = None
    # A possessor names the organisation: "the trust's chief executive", "Its president".
    for k, token in enumerate(tokens):
        if token.text in _POSSESSIVE and k > 0:
            org = _organisation(doc, tokens[:k], index)
            tokens = tokens[k + 1 :]
            break
    if tokens and tokens[0].lower_ in {"its", "their"}:
        org = index.last_before(tokens[0].idx, types={"ORG"})
    while tokens and (tokens[0].lower_ in _LEADING or tokens[0].pos_ == "DET"
                      or tokens[0].lower_ == "of"):
        tokens = tokens[1:]
    if not tokens or not any(is_role_noun(t) for t in tokens):
        return None
    if all(t.lower_ in lx.WEAK_ROLE_NOUNS or t.is_stop for t in tokens):
        return None
    title_tokens = tokens
    # "chief executive of the chamber", "a manager at the site"
    for k, token in enumerate(tokens):
        if token.lower_ in _ORG_PREPOSITIONS and k > 0:
            found = _organisation(doc, tokens[k + 1 :], index)
            if found is not None:
                org, title_tokens = found, tokens[:k]
            break
    # "Quendon general secretary", "Elmcroft Learning Trust chief executive"
    if org is None:
        for k, token in enumerate(title_tokens):
            found = index.at(token.idx, token.idx + len(token.text))
            if found and found != person and index.types.get(found) in {"ORG", "GPE", "NORP"}:
                org = found
                rest = k
                while rest < len(title_tokens) and index.at(
                        title_tokens[rest].idx, title_tokens[rest].idx + 1) == found:
                    rest += 1
                if k == 0 and rest < len(title_tokens):
                    title_tokens = title_tokens[rest:]
                break
    while title_tokens and title_tokens[0].text in _POSSESSIVE:
        title_tokens = title_tokens[1:]
    if not title_tokens:
        return None
    start = title_tokens[0].idx
    end = title_tokens[-1].idx + len(title_tokens[-1].text)
    return Role(person=person, title=doc_text(doc)[start:end], org=org, start=start, end=end)


def _organisation(doc: Doc, tokens: list[Token], index: EntityIndex) -> str | None:
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].lower_ in lx.THING_PRONOUNS | lx.PLURAL_PRONOUNS:
        return index.last_before(tokens[0].idx, types={"ORG"})
    found = index.at(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    if found is not None and index.types.get(found) == "PERSON":
        return None
    return found


def title_words(text: str) -> set[str]:
    """Content words of a title, for matching "the transport secretary" to a role."""
    stop = {"the", "a", "an", "of", "for", "and", "to", "at", "in", "'s", "’s", "its", "his",
            "her", "their", "our"}
    return {w.strip(",.").casefold() for w in text.split() if w.casefold() not in stop}


def person_by_title(phrase: str, roles: list[Role]) -> str | None:
    """The person whose role contains every content word of `phrase`, if exactly one does."""
    words = title_words(phrase)
    if not words or not words & (lx.ROLE_NOUNS | lx.TITLE_HONORIFICS):
        return None
    holders = {r.person for r in roles if words <= title_words(r.title)}
    return holders.pop() if len(holders) == 1 else None
