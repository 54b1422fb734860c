"""A first, deliberately simple canonicalisation of entities across articles.

Two mentions in different articles are taken to be the same entity when their
type group and their normalised name agree. This is the single seam a real
cross-article resolver will replace: everything downstream only sees the slug
returned by `canonical_id`, so swapping the strategy changes no other module.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storygraph.model import Entity


# OntoNotes labels grouped coarsely. spaCy's small model confuses ORG/PERSON and
# GPE/ORG on news text, so the slug uses the group rather than the raw label to
# keep obviously-same entities together where the confusion stays inside a group.
TYPE_GROUPS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
DEFAULT_GROUP = "thing"  # NORP, PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE, anything new

_APOSTROPHES = re.compile(r"['\u2019\u2018`]")
_NON_WORD = re.compile(r"[\W_]+")


def type_group(label: str) -> str:
    """The coarse group ("person", "organization", "place", "thing") of an OntoNotes label."""
    return TYPE_GROUPS.get(label.upper(), DEFAULT_GROUP)


def slug(name: str) -> str:
    """Normalise a name into an IRI-safe slug: "The Guardian's" -> "guardians"."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    if text.startswith("the "):
        text = text[4:]
    # Apostrophes vanish rather than split words, so "Sainsbury's" stays one token.
    text = _APOSTROPHES.sub("", text)
    result = _NON_WORD.sub("-", text).strip("-")
    if not result:
        # A name made only of punctuation still needs a stable, distinct id. (hashlib is
        # imported here: it costs a lookup command's start-up more than this case is worth.)
        import hashlib

        result = "x" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return result


def canonical_id(entity: Entity) -> str:
    """A stable id such as "person/ann-ross" for an extracted entity."""
    return f"{type_group(entity.type)}/{slug(entity.name)}"


# --- name comparison for cross-article resolution ---------------------------------------------

# Words that turn "X" into "X UK" or "X Ltd" without naming another thing: an organisation's
# national arm or legal form. Names equal once these are dropped are likely one organisation.
GENERIC_SUFFIXES = frozenset(
    "uk gb us usa plc ltd limited llc inc incorporated co company corp corporation group "
    "holdings international".split()
)
_HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "ms": "f", "mrs": "f", "miss": "f",
                     "dame": "f", "lady": "f"}


# The memos below are bounded well under a large store's names: filled, 65,536 entries
# each held ~30 MB that an ingest run of 10,000 articles grew by; an article's own
# names and the names it is compared with are what they need to hold.
@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """The key exact matching uses: the slug of the name ("The Guardian's" -> "guardians")."""
    return slug(name)


@lru_cache(maxsize=8192)
def core_key(name: str) -> str:
    """The name's key without generic suffix words ("Dunwick Rail UK" -> "dunwick-rail")."""
    words = name_key(name).split("-")
    while len(words) > 1 and words[-1] in GENERIC_SUFFIXES:
        words.pop()
    return "-".join(words)


def name_tokens(name: str) -> list[str]:
    return [w for w in name_key(name).split("-") if w]


# Honorifics and titles that can stand before a surname ("Mr Thrale", "Councillor Thrale").
TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady rev revd judge justice councillor "
    "cllr councilman councilwoman senator sen gov governor president minister mp mayor det "
    "insp sgt capt gen col".split()
)


def is_full_name(name: str) -> bool:
    """A person's name with more than a surname once titles are dropped ("Ann Ross", not
    "Ms Ross"): only such a form may match another article's person by itself."""
    words = name_tokens(name)
    while words and words[0] in TITLES:
        words = words[1:]
    return len(words) >= 2


@lru_cache(maxsize=16384)
def _similarity(a: str, b: str) -> float:
    return name_similarity(a, b)


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count once), capped at `limit`.

    A transposition is the commonest typo in a name ("Jonse" for "Jones"), so it costs one edit.
    """
    if abs(len(a) - len(b)) >= limit:
        return limit
    # Each edit changes what one key has more of than the other by at most one letter
    # each way (a transposition by none): cheaper than the table, and most pairs
    # resolution compares (namesakes' keys of like length) end here.
    surplus = sum((Counter(a) - Counter(b)).values())
    if max(surplus, surplus - len(a) + len(b)) >= limit:
        return limit
    # Only cells within `limit` of the diagonal can be under `limit`: the others stay at
    # `limit`, and every cell is capped there (the capped result is the same).
    previous2: list[int] = []
    previous = [min(j, limit) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        current = [limit] * (len(b) + 1)
        current[0] = min(i, limit)
        for j in range(max(1, i - limit + 1), min(len(b), i + limit - 1) + 1):
            cb = b[j - 1]
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = min(value, limit)
        if min(current) >= limit:
            return limit
        previous2, previous = previous, current
    return previous[-1]


def cached_similarity(a: str, b: str) -> float:
    """`name_similarity`, remembered: resolution compares the same names again and again."""
    return _similarity(a, b) if a <= b else _similarity(b, a)


def name_similarity(a: str, b: str) -> float:
    """How likely two different names are one thing's, from the names alone (0..1).

    Equal keys score 1; equal once a generic suffix is dropped ("X" vs "X UK"), or one
    ending with the other of two words or more ("Actress Nola Carrisford") 0.9; one or two typing
    slips in a name of five letters or more score 1 - edits/length. Anything
    else scores 0: a short name or a different word is not a likely misspelling.
    """
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return 1.0
    if core_key(a) == core_key(b):
        return 0.9
    ta, tb = ka.split("-"), kb.split("-")
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) >= 2 and long_[-len(short):] == short:
        return 0.9  # a descriptor before a full name: "Actress Nola Carrisford", "Nola Carrisford"
    shortest = min(len(ka), len(kb))
    if shortest < 5:
        return 0.0
    distance = edit_distance(ka, kb)
    if distance > 2 or (distance == 2 and shortest < 8):
        return 0.0
    return round(1 - distance / max(len(ka), len(kb)), 3)


# The edit-distance arm of name_similarity, as the pigeonhole principle sees it: cut a key
# into 2k + 1 pieces and k edits (a transposition is one) leave one piece whole, shifted by
# at most k. Two edits count only when both keys have eight letters or more, one when five.
_SHORT_KEY, _LONG_KEY = 5, 8


def _pieces(length: int) -> tuple[int, int]:
    """(pieces, edits) for a key of this length."""
    return (5, 2) if length >= _LONG_KEY else (3, 1)


def similar_keys(name: str) -> list[str]:
    """Keys that index a name for `similar_probes`: its core key, its last two words, and
    its key cut into pieces ("piece <key length> <piece number> <piece>")."""
    key = name_key(name)
    keys = ["core " + core_key(name)]
    words = key.split("-")
    if len(words) >= 2:
        keys.append("tail " + "-".join(words[-2:]))
    if len(key) >= _SHORT_KEY:
        count, _edits = _pieces(len(key))
        for i in range(count):
            start, end = i * len(key) // count, (i + 1) * len(key) // count
            keys.append(f"piece {len(key)} {i} {key[start:end]}")
    return keys


def _piece_rule(length: int, key_length: int) -> tuple[int, int, int] | None:
    """How a key of `key_length` letters meets the pieces of a stored key of `length` when
    the two score above 0 by edit distance: (pieces met whole, lowest and highest shift of
    a whole piece); None when they never do.

    Two keys are compared by edit distance only when the shorter has five letters, and
    are more than one edit apart only when it has eight: `most` edits. An insertion,
    deletion or change breaks at most one piece, a transposition two, and the lengths
    differ by as many insertions or deletions: of the stored key's pieces, at least
    pieces - (2 * most - difference) are whole. A whole piece moves by the insertions
    less the deletions before it: keys of one length are at most one insertion and one
    deletion apart, one longer by two by two insertions, and so on.
    """
    shortest, difference = min(length, key_length), key_length - length
    if shortest < _SHORT_KEY:
        return None
    most = 2 if shortest >= _LONG_KEY else 1
    if abs(difference) > most:
        return None
    count, _edits = _pieces(length)
    spare = (most - abs(difference)) // 2  # insertion-deletion pairs the edits leave room for
    return (max(1, count - 2 * most + abs(difference)),
            min(0, difference) - spare, max(0, difference) + spare)


def similar_probes(name: str) -> dict[str, tuple[int, int, int]]:
    """Look-ups that meet `similar_keys` keys of every name `name_similarity` scores above
    0 against `name`, so the names worth scoring are found by a few dictionary look-ups
    (a few dozen) rather than by scoring every known name.

    Each probe maps to (length, piece, needed): a name is worth scoring when, for one
    key length, it meets `needed` distinct pieces (`probes_met`); the core and tail
    probes (length 0) need one.
    """
    key = name_key(name)
    probes = {"core " + core_key(name): (0, 0, 1)}
    words = key.split("-")
    if len(words) >= 2:
        # A descriptor before a full name ("Actress Nola Carrisford"): the last two words agree.
        probes["tail " + "-".join(words[-2:])] = (0, 0, 1)
    for length in range(max(_SHORT_KEY, len(key) - 2), len(key) + 3):
        rule = _piece_rule(length, len(key))
        if rule is None:
            continue
        needed, lowest, highest = rule
        count, _edits = _pieces(length)
        for i in range(count):
            start, end = i * length // count, (i + 1) * length // count
            last = min(start + highest, len(key) - (end - start))
            for at in range(max(0, start + lowest), last + 1):
                probes[f"piece {length} {i} {key[at:at + end - start]}"] = (length, i, needed)
    return probes


def probes_met(probes: dict[str, tuple[int, int, int]], keys: Iterable[str]) -> bool:
    """Whether the `similar_keys` of a name (or of all an entity's names) meet the
    `similar_probes` of another as a name worth scoring needs (what the index's `near`
    asks in SQL)."""
    pieces: dict[int, set[int]] = {}
    for key in keys:
        if key in probes:
            length, piece, needed = probes[key]
            pieces.setdefault(length, set()).add(piece)
            if len(pieces[length]) >= needed:
                return True
    return False


def person_gender(names: list[str] | tuple[str, ...]) -> str | None:
    """"m"/"f" when a name form says so: an honorific ("Ms Thrale") or a given name.

    Used only to rule a surname match out ("Mr Thrale" is not Helen Thrale), never in, so
    a given name counts only when its gender is the same in the international, British
    and American name lists ("Marian" is male in some countries and female in others).
    """
    for name in names:
        first = name_tokens(name)[:1]
        if first and first[0] in _HONORIFIC_GENDER:
            return _HONORIFIC_GENDER[first[0]]
    for name in names:
        words = name.split()
        if len(words) >= 2 and words[0].isalpha():
            gender = _given_name_gender(words[0])
            if gender:
                return gender
    return None


@lru_cache(maxsize=4096)
def _given_name_gender(word: str) -> str | None:
    answers = {_detector().get_gender(word, country) for country in
               (None, "great_britain", "usa")} - {"unknown"}
    if answers == {"male"}:
        return "m"
    if answers == {"female"}:
        return "f"
    return None


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)
