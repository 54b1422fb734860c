"""The resolver's SQLite index (resolve/known.py) on disk: what its look-ups find."""

from __future__ import annotations

import random

from storygraph.resolve.entities import (
    core_key,
    name_key,
    name_similarity,
    probes_met,
    similar_keys,
    similar_probes,
)
from storygraph.resolve.known import CORE, INITIAL, SIMILAR, Claim, StoredIndex
from storygraph.resolve.resolver import Resolver

_SYLLABLES = ["mar", "tel", "ven", "dor", "ka", "lis", "bren", "o", "ash", "quin", "el", "rú"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))).capitalize()


def _slip(rng: random.Random, name: str) -> str:
    chars = list(name)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(chars))
        kind = rng.randrange(4)
        if kind == 0:
            chars.insert(i, rng.choice("aeiolnrst"))
        elif kind == 1 and len(chars) > 3:
            del chars[i]
        elif kind == 2:
            chars[i] = rng.choice("aeiolnrst")
        elif i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def _indexed(entities: dict[str, tuple[str, list[str]]]) -> StoredIndex:
    index = StoredIndex()
    with index.batch():
        for iri, (group, names) in entities.items():
            index.add_entity(iri, group, names[0], named=True, lone=False)
            for name in names:
                index.add_name(iri, name)
                index.post(Resolver._name_keys(group, name), iri)
    return index


def test_near_reads_the_entities_whose_names_meet_enough_pieces_and_every_similar_one() -> None:
    """Invented names of a few syllables, many of them slips of one another, some entities
    with two names: `near` returns exactly the entities of the same core, and those whose
    names' keys meet a form's probes as `probes_met` asks and that have one of the
    initials; among them every entity with a name `name_similarity` scores above 0."""
    rng = random.Random(21)
    stems = [f"{_word(rng)} {_word(rng)}" for _ in range(60)]
    entities: dict[str, tuple[str, list[str]]] = {}
    for n in range(600):
        name = _slip(rng, rng.choice(stems)) if rng.random() < 0.7 else rng.choice(stems)
        names = [name] + ([f"{name} Group"] if n % 7 == 0 else []) + \
            ([_slip(rng, name)] if n % 5 == 0 else [])
        entities[f"e{n}"] = ("person" if n % 3 == 0 else "organization", names)
    index = _indexed(entities)
    similar_found = 0
    for _ in range(150):
        forms = [_slip(rng, rng.choice(stems))] + ([rng.choice(stems)] if rng.random() < 0.3
                                                    else [])
        person = rng.random() < 0.5
        cores = {core_key(f) for f in forms}
        initials = {name_key(f)[:1] for f in forms}
        pool = index.near(cores, [similar_probes(f) for f in forms], initials, person=person)
        expected = set()
        for iri, (group, names) in entities.items():
            if (group == "person") != person:
                continue
            posted = {(idx, key) for n in names for idx, key in Resolver._name_keys(group, n)}
            keys = [key for idx, key in posted if idx == SIMILAR]
            initial = any((INITIAL, i) in posted for i in initials)
            if any((CORE, c) in posted for c in cores) or (
                    initial and any(probes_met(similar_probes(f), keys) for f in forms)):
                expected.add(iri)
            if initial and any(name_similarity(f, n) > 0 for f in forms for n in names):
                assert iri in pool, (forms, names)
                similar_found += 1
        assert set(pool) == expected
        for iri, known in pool.items():
            assert known.names == frozenset(entities[iri][1])
    assert similar_found > 100


def test_near_needs_more_pieces_of_a_name_further_in_length() -> None:
    """'Ormsby-Quillan' (14 letters) against a name two letters shorter must meet three of
    its five pieces whole: a name sharing only its first two letters is not read, a slip
    of it is."""
    index = _indexed({"slip": ("organization", ["Ormsby-Quilan"]),
                      "far": ("organization", ["Orchard Lane"]),
                      "other": ("organization", ["Ormsby-Quill"])})
    form = "Ormsby-Quillan"
    pool = index.near({core_key(form)}, [similar_probes(form)], {"o"}, person=False)
    assert set(pool) == {"slip", "other"}
    assert name_similarity(form, "Orchard Lane") == 0
    # Both names share the form's first piece; only the slip shares more.
    assert similar_probes(form).keys() & set(similar_keys("Orchard Lane"))



def test_near_finds_names_met_only_through_short_pieces() -> None:
    """Many eight-letter names of few letters (every one-letter piece shared by dozens,
    each entity met through pieces of several groups): a form of the same length or one
    or two letters longer gets exactly the entities `probes_met` asks for."""
    rng = random.Random(22)
    entities = {f"e{n}": ("organization", ["".join(rng.choice("abde") for _ in range(8))
                                           .capitalize()]) for n in range(800)}
    index = _indexed(entities)
    for _ in range(120):
        base = rng.choice(list(entities.values()))[1][0]
        form = base + "".join(rng.choice("abde") for _ in range(rng.randint(0, 2)))
        form = _slip(rng, form) if rng.random() < 0.5 else form
        initials = {name_key(form)[:1]}
        pool = index.near({core_key(form)}, [similar_probes(form)], initials, person=False)
        expected = set()
        for iri, (group, names) in entities.items():
            posted = {(idx, key) for name in names for idx, key in Resolver._name_keys(group, name)}
            keys = [key for idx, key in posted if idx == SIMILAR]
            if (CORE, core_key(form)) in posted or (
                    any((INITIAL, i) in posted for i in initials)
                    and probes_met(similar_probes(form), keys)):
                expected.add(iri)
        assert set(pool) == expected



def _claim(iri: str, article: str, words: str) -> Claim:
    return Claim(iri, article, None, None, tuple(sorted(set(words.split()))))


def test_claims_sharing_finds_what_counting_finds_also_after_forgetting() -> None:
    """Claims with at least three of a set of words, as the word postings count them: the
    same as comparing every claim, also after articles are forgotten (their postings go
    with them) and claims added again; none when fewer words are given than needed."""
    rng = random.Random(8)
    common = ["minister", "council", "plan", "said", "budget"]
    rare = [f"word{n}" for n in range(40)]
    index = StoredIndex()
    stored: list[Claim] = []

    def add(n: int) -> None:
        words = rng.sample(common, rng.randint(0, 4)) + rng.sample(rare, rng.randint(0, 3))
        claim = _claim(f"c{n}", f"a{n % 17}", " ".join(words))
        index.add_claim(claim)
        stored.append(claim)

    def check() -> None:
        for _ in range(60):
            words = set(rng.sample(common, rng.randint(0, 5)) + rng.sample(rare, 3))
            brute = [c.iri for c in stored if len(words & set(c.words)) >= 3]
            assert [c.iri for c in index.claims_sharing(words, 3)] == brute
            assert index.claims_sharing(words, len(words) + 1) == []

    for n in range(300):
        add(n)
    check()
    gone = {f"a{n}" for n in range(0, 17, 3)}
    index.forget(gone)
    stored = [c for c in stored if c.article not in gone]
    check()
    for n in range(300, 400):
        add(n)
    check()


def test_pair_counts_and_open_denials_stay_what_a_recount_gives() -> None:
    """`together` (articles naming both of two entities) and the open denials' word
    postings are kept up to date piece by piece: as mentions come (one at a time and
    repeated), articles are forgotten, an entity is merged into another (also one named
    in the same article) and denials are answered. After each step they equal a recount
    from scratch of the mentions and claims the test itself keeps, and `context` is what
    the pairs of named entities give."""
    rng = random.Random(30)
    index = StoredIndex()
    entities = [f"e{n}" for n in range(40)]
    for n, iri in enumerate(entities):
        # Every fifth is a description ("the police"), which is no one's context.
        index.add_entity(iri, "org", iri if n % 5 else "the police", named=bool(n % 5),
                         lone=False)
    mentions: dict[str, set[str]] = {}
    claims: dict[str, Claim] = {}
    words = [f"w{n}" for n in range(12)]

    def check() -> None:
        pairs: dict[tuple[str, str], int] = {}
        for named in mentions.values():
            for a in named:
                for b in named - {a}:
                    pairs[a, b] = pairs.get((a, b), 0) + 1
        dump = index.dump()
        assert dump["together"] == pairs
        assert dump["denial_words"] == sorted(
            (c.iri, w) for c in claims.values() if c.disputing and not c.answered
            for w in c.words)
        for iri in entities:
            assert index.context(iri) == {b for a, b in pairs if a == iri and int(b[1:]) % 5}
        for claim in list(claims.values())[:10]:
            assert [c.iri for c in index.claims_sharing(claim.words, 3, open_denials=True)] \
                == [c.iri for c in claims.values() if c.disputing and not c.answered
                    and len(set(c.words) & set(claim.words)) >= 3]

    for step in range(400):
        kind = rng.randrange(10)
        if kind < 6:  # a mention, now and then one already there
            article, iri = f"a{rng.randrange(30)}", rng.choice(entities)
            index.add_mention(article, iri)
            mentions.setdefault(article, set()).add(iri)
        elif kind < 8:  # a claim in an article, some of them denials
            article = f"a{rng.randrange(30)}"
            claim = Claim(f"c{step}", article, None, None,
                          tuple(sorted(rng.sample(words, rng.randint(2, 5)))),
                          disputing=rng.random() < 0.5, answered=rng.random() < 0.2)
            index.add_claim(claim)
            claims[claim.iri] = claim
        elif kind == 8:  # articles replaced or removed
            gone = {f"a{rng.randrange(30)}" for _ in range(rng.randint(1, 3))}
            index.forget(gone)
            for article in gone:
                mentions.pop(article, None)
            claims = {i: c for i, c in claims.items() if c.article not in gone}
        else:  # a merge, or denials answered
            merged, kept = rng.sample(entities, 2)
            index.move_mentions(merged, kept)
            for named in mentions.values():
                if merged in named:
                    named.discard(merged)
                    named.add(kept)
            answering = [i for i in claims if rng.random() < 0.05]
            index.answered(answering)
            for i in answering:
                claims[i].answered = claims[i].answered or claims[i].disputing
        check()
    assert any(len(named) > 3 for named in mentions.values())
    assert sum(c.disputing and not c.answered for c in claims.values()) > 3
