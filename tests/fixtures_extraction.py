"""Hand-made extractions of a small court story, for the RDF, store, query and graph tests.

No spaCy: offsets are computed from the texts here, so the fixtures stay right
when a text is edited. The third article carries names with quotes, braces,
backslashes and SPARQL keywords, for the injection tests.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace

import pyoxigraph as ox
import rdflib

from storygraph.model import Article, Claim, Entity, Event, Extraction, Mention, Quantity, Role
from storygraph.rdf import resource

EXTRACTOR_VERSION = "test-1"


def text_id(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of needle in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mentions(text: str, *needles: str | tuple[str, int]) -> tuple[Mention, ...]:
    result = []
    for needle in needles:
        word, nth = needle if isinstance(needle, tuple) else (needle, 0)
        start, end = at(text, word, nth)
        result.append(Mention(start, end, word))
    return tuple(result)


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The line holding the span: each fixture sentence is one line."""
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    return begin, len(text) if stop == -1 else stop


def claim(text: str, speaker: str | None, speaker_text: str | None, cue: str, content: str,
          *, direct: bool, about: tuple[str, ...] = (), date: str | None = None,
          stance: str | None = None) -> Claim:
    start, end = at(text, content)
    s_start, s_end = sentence_of(text, start, end)
    return Claim(speaker=speaker, speaker_text=speaker_text, cue=cue, text=content, direct=direct,
                 stance=stance, start=start, end=end, sentence_start=s_start,
                 sentence_end=s_end, about=about, date=date)


def quantity(text: str, words: str, value: float | int | None, unit: str | None,
             qualifier: str | None = None, about: tuple[str, ...] = (),
             stated_by: str | None = None) -> Quantity:
    start, end = at(text, words)
    return Quantity(value=value, unit=unit, qualifier=qualifier, text=words, start=start,
                    end=end, about=about, stated_by=stated_by)


def role(text: str, person: str, title: str, org: str | None, words: str) -> Role:
    start, end = at(text, words)
    return Role(person=person, title=title, org=org, start=start, end=end)


# --- Article 1: the sentencing -------------------------------------------------------------

TEXT_1 = (
    "Former Brightwater Council leader jailed over housing fraud\n"
    "Former council leader Victor Hale was jailed for six years at Leeds Crown Court on Tuesday.\n"
    'Judge Amelia Carter said: "This was a cynical betrayal of the people who trusted you."\n'
    "Prosecutor Nadia Okafor told the court that Hale had diverted £2.4m from the housing fund.\n"
    "Hale's lawyer, Tom Reeves, said his client would appeal.\n"
    "Brightwater Council said about 300 families had been affected."
)


def sentencing() -> Extraction:
    t = TEXT_1
    entities = (
        Entity("e1", "Victor Hale", "PERSON", ("Hale",),
               mentions(t, "Victor Hale", ("Hale", 1), ("Hale", 2))),
        Entity("e2", "Amelia Carter", "PERSON", ("Judge Amelia Carter",),
               mentions(t, "Amelia Carter")),
        Entity("e3", "Nadia Okafor", "PERSON", (), mentions(t, "Nadia Okafor")),
        Entity("e4", "Leeds Crown Court", "ORG", (), mentions(t, "Leeds Crown Court")),
        Entity("e5", "Brightwater Council", "ORG", (),
               mentions(t, "Brightwater Council", ("Brightwater Council", 1))),
        Entity("e6", "Tom Reeves", "PERSON", (), mentions(t, "Tom Reeves")),
    )
    article = Article(id=text_id(t), key="https://news.example/hale-jailed", text=t,
                      title="Former Brightwater Council leader jailed over housing fraud",
                      published="2024-03-12", source="Example News",
                      url="https://news.example/hale-jailed")
    return Extraction(
        article=article,
        entities=entities,
        roles=(
            role(t, "e1", "former council leader", "e5", "Former council leader"),
            role(t, "e2", "Judge", "e4", "Judge"),
            role(t, "e3", "Prosecutor", None, "Prosecutor"),
            role(t, "e6", "lawyer", None, "lawyer"),
        ),
        claims=(
            claim(t, "e2", "Judge Amelia Carter", "said",
                  "This was a cynical betrayal of the people who trusted you.",
                  direct=True, about=("e1",), date="2024-03-12", stance="critical"),
            claim(t, "e3", "Prosecutor Nadia Okafor", "told",
                  "Hale had diverted £2.4m from the housing fund", direct=False,
                  about=("e1",), date="2024-03-12"),
            claim(t, "e6", "Tom Reeves", "said", "his client would appeal", direct=False,
                  about=("e1",), date="2024-03-12"),
            claim(t, "e5", "Brightwater Council", "said",
                  "about 300 families had been affected", direct=False, date="2024-03-12"),
        ),
        quantities=(
            quantity(t, "six years", 6, "years", about=("e1",)),
            quantity(t, "£2.4m", 2400000, "GBP", stated_by="e3"),
            quantity(t, "about 300 families", 300, "families", qualifier="about",
                     stated_by="e5"),
        ),
        events=(
            Event(kind="sentencing", agent="e2", target="e1", place="e4", date="2024-03-12",
                  when_text="on Tuesday", text="jailed", start=at(t, "jailed", 1)[0],
                  end=at(t, "jailed", 1)[1]),
        ),
        extractor_version=EXTRACTOR_VERSION,
        model="hand-made",
    )


# --- Article 2: the appeal, another outlet, no published date -----------------------------

TEXT_2 = (
    "Victor Hale to appeal fraud sentence\n"
    "Victor Hale, the former leader of Brightwater Council, has lodged an appeal.\n"
    'His lawyer Tom Reeves said: "The sentence is manifestly excessive."\n'
    "Council leader Priya Shah said the authority would "
    '"not rest until every penny is recovered".\n'
    "A court spokesperson said a date would be set in May."
)


def appeal() -> Extraction:
    t = TEXT_2
    entities = (
        Entity("p1", "Victor Hale", "PERSON", ("Mr Hale",),
               mentions(t, "Victor Hale", ("Victor Hale", 1))),
        Entity("p2", "Brightwater Council", "ORG", (), mentions(t, "Brightwater Council")),
        Entity("p3", "Tom Reeves", "PERSON", (), mentions(t, "Tom Reeves")),
        Entity("p4", "Priya Shah", "PERSON", (), mentions(t, "Priya Shah")),
    )
    article = Article(id=text_id(t), key="https://other.example/hale-appeal", text=t,
                      title="Victor Hale to appeal fraud sentence", source="Other Outlet",
                      url="https://other.example/hale-appeal")
    return Extraction(
        article=article,
        entities=entities,
        roles=(
            role(t, "p1", "former leader", "p2", "the former leader of Brightwater Council"),
            role(t, "p4", "Council leader", "p2", "Council leader"),
        ),
        claims=(
            claim(t, "p3", "Tom Reeves", "said", "The sentence is manifestly excessive.",
                  direct=True, about=("p1",)),
            claim(t, "p4", "Priya Shah", "said", "not rest until every penny is recovered",
                  direct=True),
            claim(t, None, "A court spokesperson", "said", "a date would be set in May",
                  direct=False),
        ),
        quantities=(),
        events=(
            Event(kind="appeal", agent="p1", target=None, place=None, date=None,
                  when_text=None, text="lodged an appeal", start=at(t, "lodged an appeal")[0],
                  end=at(t, "lodged an appeal")[1]),
        ),
        extractor_version=EXTRACTOR_VERSION,
        model="hand-made",
    )


# --- Article 3: hostile names ---------------------------------------------------------------

OBRIEN = 'Siobhán "Sio" O\'Brien'
CURLY = "{Curly} Holdings"
DROP_LTD = "DROP ALL; Ltd"
BACKSLASH = "Mark Back\\slash"

TEXT_3 = (
    'Court hears of "SELECT" scheme\n'
    f'{OBRIEN} told the court: "I never saw the {CURLY} accounts."\n'
    f"The firm {DROP_LTD} denied wrongdoing.\n"
    f"{BACKSLASH}, a director of {DROP_LTD}, declined to comment.\n"
    "Victor Hale was not in court."
)


def hostile() -> Extraction:
    t = TEXT_3
    entities = (
        Entity("h1", OBRIEN, "PERSON", ("O'Brien",), mentions(t, OBRIEN)),
        Entity("h2", CURLY, "ORG", (), mentions(t, CURLY)),
        Entity("h3", DROP_LTD, "ORG", ("SELECT * WHERE { ?s ?p ?o }",),
               mentions(t, DROP_LTD, (DROP_LTD, 1))),
        Entity("h4", BACKSLASH, "PERSON", (), mentions(t, BACKSLASH)),
        Entity("h5", "Victor Hale", "PERSON", (), mentions(t, "Victor Hale")),
    )
    article = Article(id=text_id(t), key="/data/hostile.txt", text=t,
                      title='Court hears of "SELECT" scheme', published="2024-03-20T09:30Z",
                      source="Example News")
    return Extraction(
        article=article,
        entities=entities,
        roles=(role(t, "h4", "director", "h3", "a director"),),
        claims=(
            claim(t, "h1", OBRIEN, "told", f"I never saw the {CURLY} accounts.", direct=True,
                  about=("h2",), date="2024-03-20"),
        ),
        quantities=(),
        events=(),
        extractor_version=EXTRACTOR_VERSION,
        model="hand-made",
    )


def all_extractions() -> list[Extraction]:
    return [sentencing(), appeal(), hostile()]


def changed(extraction: Extraction, extra: str = "\nUpdated: the appeal was refused."
            ) -> Extraction:
    """The same article (same key) with edited text, so a new id."""
    text = extraction.article.text + extra
    article = replace(extraction.article, text=text, id=text_id(text))
    return replace(extraction, article=article)


def copies(extraction: Extraction, n: int) -> list[Extraction]:
    """n copies under different keys and ids, for throughput measurements."""
    result = []
    for i in range(n):
        article = replace(extraction.article, id=f"{extraction.article.id}-{i}",
                          key=f"{extraction.article.key}?copy={i}")
        result.append(replace(extraction, article=article))
    return result


def union_graph(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    """All quads as one rdflib graph: entity records and article graphs together.

    SHACL needs the union: an article graph alone does not hold its entities' records.
    """
    text = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
    return rdflib.Graph().parse(data=text, format="nt")


def shacl_validate(graph: rdflib.Graph) -> tuple[bool, str]:
    """(conforms, report text) of `graph` against the shipped shapes.ttl."""
    import pyshacl

    shapes = rdflib.Graph().parse(data=resource("shapes.ttl"), format="turtle")
    conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes)
    return bool(conforms), str(report)
