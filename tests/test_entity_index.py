"""EntityIndex answers by bisecting its mentions: the same answers as reading them all."""

from __future__ import annotations

import random

from storygraph.extract.entities import EntityIndex, IndexedMention

KINDS = ("name", "nominal", "title", "pronoun")


def _scan_at(mentions: list[IndexedMention], start: int, end: int) -> str | None:
    best = None
    for m in mentions:
        if m.start < end and start < m.end and (best is None or m.kind == "name"):
            best = m
    return best.entity if best else None


def _random_index(rng: random.Random) -> EntityIndex:
    mentions = []
    for _ in range(rng.randrange(0, 40)):
        start = rng.randrange(0, 300)
        mentions.append(IndexedMention(start, start + rng.randrange(1, 25),
                                       f"e{rng.randrange(6)}", rng.choice(KINDS)))
    entities = {m.entity for m in mentions}
    index = EntityIndex([], {e: rng.choice(("PERSON", "ORG")) for e in entities},
                        {e: rng.choice(("m", "f", None)) for e in entities}, {},
                        mentions[: len(mentions) // 2])
    for m in mentions[len(mentions) // 2 :]:
        index.add(m.start, m.end, m.entity, m.kind)
    return index


def test_look_ups_agree_with_a_scan_of_every_mention() -> None:
    rng = random.Random(7)
    for _ in range(300):
        index = _random_index(rng)
        everything = sorted(index.mentions, key=lambda m: (m.start, m.end))
        assert index.mentions == everything
        for _ in range(20):
            start = rng.randrange(0, 330)
            end = start + rng.randrange(0, 30)
            assert index.at(start, end) == _scan_at(everything, start, end)
            assert index.entities_in(start, end) == tuple(dict.fromkeys(
                m.entity for m in everything if start <= m.start and m.end <= end))
            entity = f"e{rng.randrange(6)}"
            assert index.within_mention(start, end, entity) == any(
                m.entity == entity and m.start <= start and end <= m.end for m in everything)
            types = {rng.choice(("PERSON", "ORG"))}
            gender = rng.choice(("m", "f", None))
            expected = next((m.entity for m in reversed(everything)
                             if m.end <= start and m.kind != "pronoun"
                             and index.types.get(m.entity) in types
                             and not (gender and index.gender.get(m.entity)
                                      and index.gender[m.entity] != gender)), None)
            assert index.last_before(start, types=types, gender=gender) == expected
            some = {f"e{rng.randrange(6)}" for _ in range(rng.randrange(4))}
            assert index.last_mentioned(some, start) == next(
                (m.entity for m in reversed(everything) if m.end <= start and m.entity in some),
                None)
            assert list(index.starting_at(start)) == [m for m in everything if m.start == start]
            assert list(index.ending_within(start, end)) == [
                m for m in reversed(everything) if start <= m.end <= end]
            assert index.named_by(entity, start) == any(
                m.entity == entity and m.kind == "name" and m.end <= start for m in everything)


def test_an_added_mention_goes_after_those_of_the_same_span() -> None:
    index = EntityIndex([], {}, {}, {}, [IndexedMention(5, 9, "a", "name")])
    index.add(5, 9, "b", "nominal")
    index.add(0, 3, "c", "name")
    assert [m.entity for m in index.mentions] == ["c", "a", "b"]
    assert index.at(6, 7) == "a"  # the name, not the nominal after it
