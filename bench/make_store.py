"""Build a large store fast from real extractions, for export and lookup benchmarks.

    python bench/make_store.py STORE --articles 10000

The 413 ECB+ articles of `tests/data/ecbplus/ecbplus-dev.jsonl` are parsed and
extracted once (cached in `bench/.cache/`, about a minute); the store is then
filled with copies of those extractions, spaCy skipped, written through the
library's own RDF mapping and `store.put`:

* copy 0 is the corpus as extracted, each article given a story by the real
  assigner (through `ArticleWriter`, as ingest writes, without resolution);
* copy k > 0 has new texts (a line appended, so a new id and key), its people,
  organisations and other named things renamed ("Tara Reid (3)"), while places
  and groups keep their names, as in real news where a country recurs across
  unrelated stories; its stories are copy 0's stories graph with the article,
  story and entity IRIs mapped to the copy's (written straight into the store,
  since re-running the assigner on every copy is what issue 16 measures as slow);
* each copy is dated 45 days after the previous one (the corpus has no dates),
  an article on a day by its place in the corpus (which is in topic order), so
  time filters and GEXF spells have days;
* every figure gets its series and supersession marks by the resolver's own rule
  (`FigureSeries`), and so the store its discrepancy flags: series about a place
  recur in every copy and grow to hundreds of figures, as the BBC store's did.

The result is like the 10k-article BBC store of issue 16 in size and shape
(about 350 quads an article, hubs shared across stories) without its 10k parses.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
import zlib
from collections import Counter
from collections.abc import Collection
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from storygraph.ingest import ArticleWriter
from storygraph.model import Entity, Extraction
from storygraph.rdf.namespace import SG, STORIES_GRAPH, STORYLINE, article_iri, entity_iri
from storygraph.resolve import canonical_id
from storygraph.resolve.resolver import Resolution, Resolver
from storygraph.resolve.stories import STOPWORDS
from storygraph.sources.readers import article_id
from storygraph.store import ArticleWrite, OxigraphStore, open_store
from storygraph.story_store import list_key

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "ecbplus" / "ecbplus-dev.jsonl"
CACHE = ROOT / "bench" / ".cache" / "ecbplus-extractions.jsonl"
# Names that stay the same in every copy: places and groups recur across stories.
SHARED_TYPES = frozenset({"GPE", "LOC", "NORP"})
COMMON_ZIPF = 4.0  # a reworded copy keeps a place's name when its words are this common
STORYLINE_CLASS = ox.NamedNode(str(STORYLINE.Storyline))
FIRST_DAY = date(2021, 1, 4)
DAYS_PER_COPY = 45


def base_extractions() -> list[Extraction]:
    """The corpus's extractions, from the cache or parsed now (and cached)."""
    if not CACHE.exists():
        from storygraph.nlp import load_model
        from storygraph.pipeline import extract_articles
        from storygraph.sources import read_paths

        CACHE.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        lines = []
        for item in extract_articles(read_paths([CORPUS]), load_model()):
            if isinstance(item, Extraction):
                lines.append(json.dumps({**item.to_json(), "extractor_version":
                                         item.extractor_version, "model": item.model}))
        CACHE.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"extracted {len(lines)} articles in {time.perf_counter() - started:.1f} s")
    out = []
    for line in CACHE.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        extraction = Extraction.from_json(data)
        out.append(replace(extraction, extractor_version=data["extractor_version"],
                           model=data["model"]))
    return out


def day_in_copy(position: int, articles: int) -> int:
    """0-44 by the article's place in the corpus, which is in topic order, so topics get days."""
    return position * DAYS_PER_COPY // articles


def variant(extraction: Extraction, copy: int, day: int, *, reword: bool = False
            ) -> Extraction:
    """Copy `copy` of an extraction: new text, key and date; non-place entities renamed.

    With `reword`, the copy's words are also its own (`reworded`): its stories are then
    unlike every other copy's, as distinct real stories are, and do not join theirs."""
    published = (FIRST_DAY + timedelta(days=copy * DAYS_PER_COPY + day)).isoformat()
    if copy == 0:
        return replace(extraction, article=replace(extraction.article, published=published))
    article = extraction.article
    text = article.text
    shared = [e for e in extraction.entities if _shared(e, reword=reword)]
    if reword:
        text = reworded(text, copy, {w.casefold() for e in shared
                                     for w in _LETTERS.findall(e.name)})
    text = f"{text}\n\n(Copy {copy}.)"
    entities = tuple(entity if entity in shared else renamed(entity, copy, reword=reword)
                     for entity in extraction.entities)
    return replace(extraction, entities=entities, article=replace(
        article, id=article_id(text), key=f"{article.key}#copy-{copy}", text=text,
        published=published))


def _shared(entity: Entity, *, reword: bool) -> bool:
    """A place or group whose name every copy keeps; when rewording, only one of common
    words (a country, a big city): a small town recurs with the story it is in."""
    if entity.type not in SHARED_TYPES:
        return False
    from wordfreq import zipf_frequency

    return not reword or all(zipf_frequency(word, "en") >= COMMON_ZIPF
                             for word in _LETTERS.findall(entity.name))


def renamed(entity: Entity, copy: int, *, reword: bool = False) -> Entity:
    def name(text: str) -> str:
        return f"{reworded(text, copy) if reword else text} ({copy})"

    return replace(entity, name=name(entity.name),
                   aliases=tuple(name(alias) for alias in entity.aliases))


_LETTERS = re.compile(r"[A-Za-z]+")
MONTH_WORDS = frozenset("""january february march april may june july august september
    october november december jan feb mar apr jun jul aug sep sept oct nov dec""".split())


@cache
def _bands() -> dict[tuple[int, int], list[str]]:
    """English words by length and frequency band (half a zipf step), from wordfreq."""
    from wordfreq import get_frequency_dict

    bands: dict[tuple[int, int], list[str]] = {}
    for word, frequency in get_frequency_dict("en").items():
        if word.isascii() and word.isalpha() and word not in STOPWORDS:
            bands.setdefault(_band(word, frequency), []).append(word)
    return {key: sorted(words) for key, words in bands.items()}


@cache
def _rarest(length: int) -> list[str]:
    """The rarest band of words of this length: for words wordfreq has not seen (names)."""
    found = [key for key in _bands() if key[0] == length]
    return _bands()[min(found, key=lambda key: key[1])] if found else []


def _band(word: str, frequency: float) -> tuple[int, int]:
    return len(word), round(2 * (9 + math.log10(max(frequency, 1e-9))))


def reworded(text: str, copy: int, kept: Collection[str] = ()) -> str:
    """`text` with each content word (not a stopword, month, or word of `kept`) replaced by
    an English word of the same length and frequency band, chosen by the word and `copy`:
    the same word becomes the same word throughout a copy, so its articles stay alike among
    themselves as the originals were, while two copies share words about as rarely as two
    unrelated stories; numbers and years too (`renumbered`). Lengths are kept, so mention
    offsets still hold."""
    from wordfreq import get_frequency_dict

    frequencies = get_frequency_dict("en")
    bands = _bands()

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if len(low) < 3 or low in STOPWORDS or low in MONTH_WORDS or low in kept:
            return word
        band = bands.get(_band(low, frequencies.get(low, 0.0))) or _rarest(len(low)) or [low]
        new = band[zlib.crc32(f"{copy}:{low}".encode()) % len(band)]
        if word.isupper() and len(word) > 1:
            return new.upper()
        return new.capitalize() if word[0].isupper() else new

    return _DIGITS.sub(lambda m: renumbered(m.group(0), copy), _LETTERS.sub(swap, text))


_DIGITS = re.compile(r"\d+")


def renumbered(number: str, copy: int) -> str:
    """A number of a copy: a year another year, any other number another of its length,
    the same throughout the copy (dates and figures written are what tells events apart)."""
    hashed = zlib.crc32(f"{copy}#{number}".encode())
    if len(number) == 4 and number[:2] in ("19", "20"):
        return str(1950 + hashed % 75)
    digits = str(hashed).zfill(len(number))[-len(number):]
    return digits if len(number) == 1 else str(1 + hashed % 9) + digits[1:]


def entity_map(base: list[Extraction], copy: int) -> dict[str, str]:
    """Entity IRI in copy 0 -> the same entity's IRI in copy `copy`."""
    mapping = {}
    for extraction in base:
        for entity in extraction.entities:
            if entity.type not in SHARED_TYPES:
                mapping[entity_iri(canonical_id(entity))] = entity_iri(
                    canonical_id(renamed(entity, copy)))
    return mapping


def copied_stories(stories: list[ox.Quad], iris: dict[str, str], copy: int) -> list[ox.Quad]:
    """Copy 0's stories graph with article, story and entity IRIs mapped to copy `copy`."""

    def term(node: ox.NamedNode | ox.Literal | ox.BlankNode) -> ox.NamedNode | ox.Literal:
        if isinstance(node, ox.NamedNode):
            return ox.NamedNode(iris.get(node.value, node.value))
        return node  # type: ignore[return-value]

    out = []
    for quad in stories:
        obj = term(quad.object)
        if quad.predicate.value.endswith("label") and isinstance(obj, ox.Literal):
            obj = ox.Literal(f"{obj.value} ({copy})")
        out.append(ox.Quad(term(quad.subject), quad.predicate, obj, quad.graph_name))
    return out


class FigureSeries(Resolver):
    """The resolver's figures only: series and supersession by its rule, while entities
    keep the name-slug ids of an unresolved write (entity resolution of 10,000 articles
    is what issue 16 measures as slow)."""

    def resolve(self, extraction: Extraction, dropping: Collection[str] = ()) -> Resolution:
        if not self._loaded:
            self._load()
        self._dropping = set(dropping)
        result = Resolution(article_iri(extraction.article.id), iris={
            e.id: entity_iri(canonical_id(e)) for e in extraction.entities})
        self._figures(extraction, result)
        return result


def build(path: str, articles: int, *, shared_topics: bool = False) -> None:
    base = base_extractions()
    started = time.perf_counter()
    copies = -(-articles // len(base))
    with open_store(path) as store:
        assert isinstance(store, OxigraphStore)
        if store.quad_count():
            raise SystemExit(f"{path} is not empty")
        stories_graph = ox.NamedNode(STORIES_GRAPH)
        graph = f"<{STORIES_GRAPH}>"
        for copy in range(copies):
            chunk = base[: articles - copy * len(base)]
            if copy == 0 or not shared_topics:
                if copy == 0:
                    writer = ArticleWriter(store, resolve=False)
                    writer.resolver = series = FigureSeries(store)
                for position, extraction in enumerate(chunk):
                    writer.write(variant(extraction, copy, day_in_copy(position, len(base)),
                                         reword=True))
                if copy:
                    print(f"copy {copy}: {min(articles, (copy + 1) * len(base))} articles, "
                          f"{time.perf_counter() - started:.0f} s", flush=True)
                if copy == 0:  # what shared topics copy
                    stories = list(store.inner.quads_for_pattern(None, None, None,
                                                                 stories_graph))
                continue
            iris = entity_map(chunk, copy)
            for position, extraction in enumerate(chunk):
                copied = variant(extraction, copy, day_in_copy(position, len(base)))
                resolution = series.resolve(copied)
                store.put(copied, resolution)
                series.stored(copied, resolution, ArticleWrite(
                    copied.article.key, "added", resolution.article, write_graph=True))
                iris[article_iri(extraction.article.id)] = article_iri(copied.article.id)
            for quad in stories:
                for node in (quad.subject, quad.object):
                    if isinstance(node, ox.NamedNode) and "/story/" in node.value:
                        iris.setdefault(node.value, f"{node.value}-copy-{copy}")
            kept = {article_iri(x.article.id) for x in chunk}
            store.inner.extend(_recounted(copied_stories(
                [q for q in stories if not _slot_outside(q, kept)], iris, copy)))
            print(f"copy {copy}: {min(articles, (copy + 1) * len(base))} articles, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
        if shared_topics:
            # With shared topics every copy's stories are in copy 0's topics: their sizes are
            # the sums.
            store.apply([f"""DELETE {{ GRAPH {graph} {{ ?topic sg:articles ?old }} }}
                INSERT {{ GRAPH {graph} {{ ?topic sg:articles ?size }} }}
                WHERE {{ {{ SELECT ?topic (COUNT(?article) AS ?size) WHERE {{ GRAPH {graph} {{
                    ?story sg:topic ?topic ; storyline:hasSlot ?article }} }} GROUP BY ?topic }}
                  GRAPH {graph} {{ ?topic sg:articles ?old }} }}"""], what="topic sizes")
        store.inner.flush()
        print(f"{articles} articles, {len(store.inner)} quads in "
              f"{time.perf_counter() - started:.0f} s")


def _recounted(quads: list[ox.Quad]) -> list[ox.Quad]:
    """A copy's stories with their article counts (`sg:articles`) made what their slots are
    now (a partial copy's), their places in the list (`sg:listKey`) their own, and those
    left without articles dropped."""
    slots = Counter(q.subject.value for q in quads if q.predicate.value.endswith("hasSlot"))
    stories = {q.subject.value for q in quads if q.object == STORYLINE_CLASS}
    empty = tuple(f"{s}/key/" for s in stories - set(slots))
    count, place = str(SG.articles), str(SG.listKey)
    labels = {q.subject.value: q.object.value for q in quads
              if q.predicate.value.endswith("label")}
    starts = {q.subject.value: q.object.value for q in quads
              if q.predicate.value.endswith("startDate")}

    def kept(q: ox.Quad) -> ox.Quad:
        story = q.subject.value
        if q.predicate.value == count and story in slots:
            return ox.Quad(q.subject, q.predicate, ox.Literal(slots[story]), q.graph_name)
        if q.predicate.value == place:  # the copy's size, label and IRI
            return ox.Quad(q.subject, q.predicate, ox.Literal(list_key(
                slots[story], starts.get(story), labels[story], story)), q.graph_name)
        return q

    return [kept(q) for q in quads if not f"{q.subject.value}/key/".startswith(empty)]


def _slot_outside(quad: ox.Quad, kept: set[str]) -> bool:
    """A story slot (or an article's story record) for an article past a partial copy's end."""
    subject, obj = quad.subject.value, quad.object
    return (quad.predicate.value.endswith("hasSlot") and obj.value not in kept) or (
        "/article/" in subject and subject not in kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="path of a new on-disk store")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--shared-topics", action="store_true", help=(
        "the stores of rounds 1-5: copies keep the corpus's words and their stories are "
        "copy 0's written into copy 0's topics, so topics grow with the store"))
    args = parser.parse_args()
    build(args.store, args.articles, shared_topics=args.shared_topics)


if __name__ == "__main__":
    main()
