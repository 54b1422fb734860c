"""Plain, frozen dataclasses handed from one stage to the next.

They hold strings, numbers and offsets only (never spaCy objects), so an
`Extraction` can cross process boundaries, be cached and be serialised to the
JSON contract of DESIGN.md with `dataclasses.asdict`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Article:
    """One article as read: text (front matter removed) plus metadata.

    `key` is the article's identity in the store (DESIGN.md, contract 3): its url,
    else the resolved absolute path of its file, else "text:<id>" (a JSON Lines
    line or stdin without url); `id` is a hash of its whitespace-normalised text,
    so the same key with a new id means the article changed. `origin` says where
    it was read ("feed.jsonl:3"), for messages only; it is not part of the JSON.
    `source` is the outlet (a page's site name); `authors` are the byline's names,
    which become people in the graph.
    """

    id: str
    key: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    source: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    origin: str | None = field(default=None, compare=False)

    @property
    def where(self) -> str:
        """How messages name the article: where it was read, else its key."""
        return self.origin or self.key


@dataclass(frozen=True)
class Skipped:
    """Inputs a reader passed over on purpose, by kind: reported, never an error."""

    where: str
    reason: str  # what was skipped, as a plural noun phrase: ".csv files (not an article)"
    count: int

    label: ClassVar[str] = "Note"  # how the command line prints it

    def __str__(self) -> str:
        return f"{self.where}: skipped {self.count} {self.reason}"


@dataclass(frozen=True)
class Ignored(Skipped):
    """Part of an input a reader read past (a JSON key it does not know, on `count` lines
    from `where` on): a warning, since a misnamed field ("date" for "published") is data
    the user meant to give; the articles are read without it."""

    label: ClassVar[str] = "Warning"

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str  # OntoNotes label: PERSON, ORG, GPE, LOC, FAC, NORP, PRODUCT, EVENT, ...
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Role:
    person: str  # entity id
    title: str
    org: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    speaker: str | None  # entity id
    speaker_text: str | None
    cue: str | None
    text: str
    direct: bool
    stance: str | None
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    about: tuple[str, ...] = ()
    date: str | None = None


@dataclass(frozen=True)
class Quantity:
    value: float | int | None
    unit: str | None
    qualifier: str | None
    text: str
    start: int
    end: int
    about: tuple[str, ...] = ()
    stated_by: str | None = None


@dataclass(frozen=True)
class Event:
    kind: str
    agent: str | None
    target: str | None
    place: str | None
    date: str | None
    when_text: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Extraction:
    """Everything one article says, as found by one extractor version."""

    article: Article
    entities: tuple[Entity, ...] = ()
    roles: tuple[Role, ...] = ()
    claims: tuple[Claim, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    events: tuple[Event, ...] = ()
    extractor_version: str = ""
    model: str = ""

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def author_ids(self) -> list[str]:
        """The ids of the entities that are the article's authors, in byline order.

        An author is the entity whose name or alias is the byline name, any case
        (the pipeline adds one for a byline name the text does not mention).
        """
        ids: list[str] = []
        for author in self.article.authors:
            wanted = author.casefold()
            found = next((e.id for e in self.entities
                          if wanted in {n.casefold() for n in (e.name, *e.aliases)}), None)
            if found is not None and found not in ids:
                ids.append(found)
        return ids

    def to_json(self) -> dict[str, Any]:
        """The JSON contract of `storygraph extract --format json`."""
        data = asdict(self)
        del data["extractor_version"], data["model"], data["article"]["origin"]
        return _lists(data)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            article=Article(**{**data["article"],
                               "authors": tuple(data["article"].get("authors", ()))}),
            entities=tuple(
                Entity(
                    **{**e, "aliases": tuple(e["aliases"]),
                       "mentions": tuple(Mention(**m) for m in e["mentions"])}
                )
                for e in data["entities"]
            ),
            roles=tuple(Role(**r) for r in data["roles"]),
            claims=tuple(Claim(**{**c, "about": tuple(c["about"])}) for c in data["claims"]),
            quantities=tuple(
                Quantity(**{**q, "about": tuple(q["about"])}) for q in data["quantities"]
            ),
            events=tuple(Event(**e) for e in data["events"]),
        )


def _lists(value: Any) -> Any:
    """Tuples become lists so the JSON is what DESIGN.md shows."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value
