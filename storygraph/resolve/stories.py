"""Incremental story assignment, the way topic detection and tracking (TDT) does it.

Each article becomes a small, explainable profile of sparse vectors:

* terms: content words weighted by TF-IDF, where the IDF is a fixed background
  (word frequencies of general English from `wordfreq`), so an article's vector
  never depends on what else was ingested, or in which order; the words of
  names (people, organisations, places) weigh more;
* entities: the people, organisations and places it names (by normalised name),
  weighted by how often it names them and how rare their names are; look-alike
  events (two earthquakes, two celebrities in rehab) share their vocabulary and
  differ mostly in WHO and WHERE;
* dates: the years and months it is about (its published date, resolved event
  and claim dates, years written in the text), since look-alikes also differ in WHEN;
* signature: what identifies its event, compared only within a topic: days and
  years written in the text, numbers with their units ("23 pirates", "5.6").

A topic is the sum of its articles' profiles (its centroid). A new article joins
the most similar topic when the similarity reaches the threshold, else it starts
a new one; then, if the grown topic now looks like another topic as a whole, the
two merge. Merging is what keeps the result close to independent of ingest
order: two halves of one topic that started apart because their first articles
differed come together once enough articles bridge them; two small topics also
merge when the smaller is like one event of the other (`event_merge`), or when,
split into events together, the smaller falls in one event with part of the other
(`split_merge`). The topics to compare with are found through an inverted index
over names and weighty terms (storygraph/resolve/candidates.py), so the cost does
not grow with their number.

A topic may hold look-alike events (two quakes on one island), so its articles
are then split into events where they form groups that differ in names, dates,
numbers and words that only some of them share (storygraph/resolve/events.py).
A story is one event. The split is a function of the topic's articles alone,
whatever order they came in.

Nothing here re-clusters the store: an assignment reads the candidate topics and
re-splits the one topic it changed. `storygraph.story_store` keeps this state in
the store and writes the stories it changed in the same transaction as the article.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from storygraph.extract.dates import MONTHS, resolve_date
from storygraph.model import Extraction
from storygraph.resolve import events
from storygraph.resolve.candidates import CandidateIndex
from storygraph.resolve.entities import edit_distance, slug, type_group
from storygraph.resolve.events import Split, partition

Vector = dict[str, float]

# Words that carry no topic even when rare in general English, plus the
# furniture of wire copy. wordfreq's IDF already weighs common words down; this
# removes the ones that would still add noise to every story.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
said says say saying told according reported reports report news mr mrs ms dr one two three
first last new year years day days week weeks month months time people would could may might
like get got also still many much well back even make made way since per cent percent
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
""".split())

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?")

# Groups ("American"), languages and numbers say nothing about which story it is.
_WEAK_TYPES = frozenset({"NORP", "LANGUAGE", "ORDINAL", "CARDINAL"})


@dataclass(frozen=True)
class Params:
    """The knobs of the assigner, tuned on ECB+ topics 1-10 (docs/stories.md)."""

    threshold: float = 0.18  # join the best story at or above this similarity
    term_weight: float = 0.6
    entity_weight: float = 0.3
    date_weight: float = 0.4  # the score drops by up to this much when dates disagree
    idf_power: float = 1.5  # >1 sharpens the background IDF towards rare words
    # Words of the names of people, organisations and places weigh this much
    # more among an article's terms: look-alike events differ in WHO and WHERE.
    name_term_boost: float = 3.0
    # How much each kind of entity says about which story an article belongs to:
    # people identify a story best; a town or a company can be in several.
    person_weight: float = 1.0
    organization_weight: float = 0.4
    place_weight: float = 0.7
    thing_weight: float = 0.4
    max_terms: int = 60  # per article profile
    max_story_terms: int = 200  # per story centroid
    max_story_entities: int = 100
    # The in-memory assigner (StoryIndex) joins articles into topics with these,
    # then splits each topic into its events (storygraph/resolve/events.py).
    topic_threshold: float = 0.15
    topic_merge_threshold: float = 0.35
    split_cut: float = 0.42  # split a topic where the normalised cut is below this
    split_min: int = 2  # articles on each side of a split, at least
    refine_rounds: int = 5
    # Weights of what identifies an event, beside terms and entities (norm 1 each).
    day_weight: float = 0.3  # a full date written in the text, or the published day
    year_weight: float = 0.2  # a year written in the text
    number_weight: float = 0.3  # a number with its unit ("23 pirates"), a decimal ("5.6")
    # A topic is split afresh on every change while it has at most this many
    # articles. In a bigger topic only the events around a new article are split
    # again, together (so they can also become one): the event it is most like, the
    # next nearest, and more while they hold at most `partition_limit` articles,
    # every time; when the two nearest hold more, only when the event it joins has
    # grown by a tenth, and then up to `sample_limit` articles around it, from a
    # sample of that many if they hold more (`bounded_partition`). So the cost
    # per article stays bounded however big a topic or an event grows.
    partition_limit: int = 48
    sample_limit: int = 96
    # The candidate index (storygraph/resolve/candidates.py).
    index_terms: int = 40  # a story is filed under its entities and this many top terms
    query_terms: int = 20  # an article looks up its entities and this many top terms
    max_posting: int = 100  # a key filed under more stories than this is skipped
    max_candidates: int = 20  # stories scored in full per article
    # Events of a big topic an article is ranked against: those sharing the most
    # weight with it through the same keys (`CandidateIndex.events`), never all.
    event_candidates: int = 20
    # Two topics of at most `partition_limit` articles also become one when the smaller is
    # this much like one event of the other (`event_merge`): a few reports of an event that
    # started a topic of their own look like their event, not like a topic that also holds
    # its look-alike. Among the `event_merge_topics` topics most like it.
    event_merge_threshold: float = 0.4
    event_merge_topics: int = 3
    # Two such topics also become one when, split into events together, the articles of
    # the smaller fall in one event with some of the other's, and not all of them make one
    # event (`split_merge`). Among the `event_merge_topics` topics most like it, at least
    # this alike.
    split_merge_threshold: float = 0.1


DEFAULT_PARAMS = Params()


@dataclass
class Profile:
    """Sparse vectors of one article, or the sum of a story's articles.

    `names` maps entity keys to a display name (the most frequent one seen).
    `count` is how many articles were summed; `start`/`end` the dates they span.
    """

    terms: Vector = field(default_factory=dict)
    entities: Vector = field(default_factory=dict)
    dates: Vector = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    count: int = 1
    # What identifies the article's event (days and years written, numbers with
    # units); used to tell events of one topic apart, never summed into centroids.
    signature: Vector = field(default_factory=dict)
    # Vector norms, computed once: a profile is never changed after it is made
    # (add and subtract make new ones), and a story is compared with every article.
    _norms: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    _cache: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def features(self) -> dict[str, float]:
        """All its vectors in one, for comparing the articles of one topic (cached)."""
        if "features" not in self._cache:
            self._cache["features"] = events.features(self)
        return self._cache["features"]  # type: ignore[return-value]

    def norm(self, part: str) -> float:
        if part not in self._norms:
            vector: Vector = getattr(self, part)
            self._norms[part] = events.vector_norm(vector)
        return self._norms[part]

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"n": self.count, "t": _rounded(self.terms),
                                   "e": _rounded(self.entities), "d": _rounded(self.dates),
                                   "names": self.names}
        if self.signature:
            data["s"] = _rounded(self.signature)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Profile:
        return cls(terms=dict(data.get("t", {})),  # type: ignore[arg-type]
                   entities=dict(data.get("e", {})),  # type: ignore[arg-type]
                   dates=dict(data.get("d", {})),  # type: ignore[arg-type]
                   names=dict(data.get("names", {})),  # type: ignore[arg-type]
                   count=int(data.get("n", 1)),  # type: ignore[call-overload]
                   signature=dict(data.get("s", {})))  # type: ignore[arg-type]


def _rounded(vector: Vector) -> Vector:
    # Four decimals keep the stored record small and change no decision.
    return {k: round(v, 4) for k, v in vector.items()}


_UNSEEN = 1e-9  # the frequency wordfreq gives a word it does not know, with zipf 0


# A memo of the commonest words only: every name a long run meets is a new word, and a
# memo the size of a run's vocabulary (wordfreq's own holds 100,000) is memory that grows
# through the whole run (~17 MB per 50,000 words).
@lru_cache(maxsize=4096)
def background_idf(word: str) -> float:
    """-log10 of the word's frequency in general English (9 for unseen words).

    A fixed background rather than document frequencies from the store, so an
    article's weights do not drift as the store grows or with ingest order.
    """
    # wordfreq's zipf_frequency(word, "en") without its unbounded memo: the frequency of
    # the word's tokens combined (1/f = 1/f1 + 1/f2 ...), at least 1e-9 (zipf 0), rounded
    # to three significant digits and the zipf to two decimals, as wordfreq does.
    from wordfreq import get_frequency_dict, lossy_tokenize

    tokens = lossy_tokenize(word, "en")
    frequencies = get_frequency_dict("en")
    frequency = _UNSEEN
    if tokens and all(token in frequencies for token in tokens):
        frequency = max(1.0 / sum(1.0 / frequencies[token] for token in tokens), _UNSEEN)
    frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    # zipf = log10(frequency per billion words); 9 - zipf = -log10(frequency).
    return max(0.0, 9.0 - round(math.log(frequency, 10) + 9, 2))


def words(text: str) -> list[str]:
    """Lower-cased content words of `text`: letters only, no stopwords, no single letters."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    found = []
    for match in _WORD.finditer(text):
        word = match.group(0).casefold()
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) > 2 and word not in STOPWORDS:
            found.append(word)
    return found


def _top(vector: Vector, limit: int) -> Vector:
    if len(vector) <= limit:
        return vector
    return dict(sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])


def _normalised(vector: Vector) -> Vector:
    norm = events.vector_norm(vector)
    return {k: v / norm for k, v in vector.items()} if norm else {}


def entity_key(name: str) -> str:
    """Key of an entity across articles: its normalised name.

    Not its type: the small model calls one town a GPE in one article and an
    ORG in the next, and within a story one name rarely means two things.
    """
    return slug(name)


def _name_idf(name: str) -> float:
    tokens = words(name) or [name.casefold()]
    return sum(background_idf(t) for t in tokens) / len(tokens)


def article_profile(extraction: Extraction, params: Params = DEFAULT_PARAMS,
                    entity_ids: Mapping[str, str] | None = None) -> Profile:
    """The profile of one article: what it is about, who is in it, when it happened.

    `entity_ids` (the article's local entity id -> a canonical id, from
    cross-article resolution) keys entities by who they are rather than by how
    they are written; without it, by normalised name.
    """
    article = extraction.article
    counts = Counter(words(article.text))
    terms = {w: (1.0 + math.log(c)) * background_idf(w) ** params.idf_power
             for w, c in counts.items()}

    entities: Vector = {}
    names: dict[str, str] = {}
    name_words: set[str] = set()
    for entity in extraction.entities:
        # An author the text never names (a byline) says who wrote it, not what it is about.
        if entity.type in _WEAK_TYPES or not entity.mentions:
            continue
        if type_group(entity.type) != "thing":
            name_words.update(words(entity.name))
        key = (entity_ids or {}).get(entity.id) or entity_key(entity.name)
        weight = getattr(params, f"{type_group(entity.type)}_weight") * _name_idf(entity.name)
        weight *= 1.0 + math.log(max(1, len(entity.mentions)))
        entities[key] = entities.get(key, 0.0) + weight
        names.setdefault(key, entity.name)

    # The top terms are chosen first, then the words of names among them boosted.
    kept = {w: v * params.name_term_boost if w in name_words else v
            for w, v in _top(terms, params.max_terms).items()}
    return Profile(terms=_normalised(kept),
                   entities=_normalised(entities), dates=_normalised(date_features(extraction)),
                   names=names, signature=signature_features(extraction, params))


def date_features(extraction: Extraction) -> Vector:
    """Years (and year-months) the article is about, with how often each comes up."""
    found: Counter[str] = Counter()
    dated = [extraction.article.published] if extraction.article.published else []
    dated += [e.date for e in extraction.events if e.date]
    for value in dated:
        match = _ISO.match(value or "")
        if match:
            found[match.group(1)] += 1
            if match.group(2):
                found[f"{match.group(1)}-{match.group(2)}"] += 1
    for match in _YEAR.finditer(extraction.article.text):
        found[match.group(1)] += 1
    return {k: 1.0 + math.log(v) for k, v in found.items()}


_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
# Days written out in full: "28 November 2005", "March 4, 2009", "12/16/2008", "2013-09-26".
# (Spaces, then a comma and spaces: `\s*,?\s*` would try each split of a long run of spaces.)
_FULL_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAME})\.?\s*(?:,\s*)?\d{{4}}"
    rf"|(?:{_MONTH_NAME})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:,\s*)?\d{{4}}"
    r"|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
# A long month misspelt by one letter in a full date ("Novemer 27, 2005", "3 Setpember 2012"):
# datelines are not proofread, and the day still says which event it is. Not the short
# months, which one letter makes a name ("Jane 5", "Marco 12").
_MISSPELT_MONTH_DATE = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<after>[A-Za-z]{5,10})\s*(?:,\s*)?\d{4}"
    r"|(?P<before>[A-Za-z]{5,10})\.?\s+\d{1,2}(?:st|nd|rd|th)?\s*(?:,\s*)?\d{4})\b")
_LONG_MONTHS = tuple(m for m in MONTHS if len(m) >= 6)
_DECIMAL = re.compile(r"(?<![\d.,])\d+\.\d+(?![\d.])")


def signature_features(extraction: Extraction, params: Params = DEFAULT_PARAMS) -> Vector:
    """What identifies the article's event: days, years and numbers it states.

    Days: the published day, resolved event and claim dates, and full dates
    written in the text (a dateline, "on March 4, 2009"). Years written in the
    text. Numbers with their units as extraction found them ("23 pirates",
    "1000000 USD") and decimals ("a 5.6 magnitude quake"): two reports of one
    event repeat its toll and its figures; a look-alike event has its own.
    """
    article = extraction.article
    days = {d[:10] for d in (article.published, *(e.date for e in extraction.events),
                             *(c.date for c in extraction.claims)) if d and len(d) >= 10}
    for match in _FULL_DATE.finditer(article.text):
        written = "/".join(part.strip() for part in match.group(0).split("/"))  # "12 / 16"
        day = resolve_date(written, article.published)
        if day:
            days.add(day)
    days.update(_misspelt_month_days(article.text, article.published))
    # Sorted: a set's order changes with the hash seed, and so would the profile's.
    found: Vector = {f"day:{d}": params.day_weight for d in sorted(days)}
    found.update((f"year:{y}", params.year_weight) for y in _YEAR.findall(article.text))
    for quantity in extraction.quantities:
        if quantity.value is not None and quantity.unit:
            found[f"number:{quantity.value:g} {quantity.unit}"] = params.number_weight
    found.update((f"number:{m}", params.number_weight) for m in _DECIMAL.findall(article.text))
    return found


def _misspelt_month_days(text: str, published: str | None) -> set[str]:
    """The days of full dates whose month is misspelt by one letter, read as that month."""
    days: set[str] = set()
    for match in _MISSPELT_MONTH_DATE.finditer(text):
        word = match.group("after") or match.group("before")
        month = next((m for m in _LONG_MONTHS if edit_distance(word.casefold(), m, 2) == 1),
                     None)
        day = month and resolve_date(match.group(0).replace(word, month), published)
        if day:
            days.add(day)
    return days


def _cosine(a: Profile, b: Profile, part: str) -> float:
    x: Vector = getattr(a, part)
    y: Vector = getattr(b, part)
    if len(x) > len(y):
        x, y = y, x
    # fsum: exactly rounded, so the score is a function of the vectors, not of the
    # order their entries were added in (an article's own, or its profile read back).
    dot = math.fsum([v * y[k] for k, v in x.items() if k in y])
    if not dot:
        return 0.0
    return dot / (a.norm(part) * b.norm(part))


@dataclass(frozen=True)
class Similarity:
    """How alike an article and a story are, part by part, and why."""

    score: float
    terms: float
    entities: float
    dates: float | None  # None when either side has no dates
    shared_terms: tuple[str, ...] = ()
    shared_entities: tuple[str, ...] = ()


def similarity(a: Profile, b: Profile, params: Params = DEFAULT_PARAMS, *,
               explain: bool = True) -> Similarity:
    """Weighted cosines of terms and entities, scaled down when the dates disagree.

    A part missing on either side does not count against. Dates only ever
    lower the score (to 1 - date_weight when no year or month is shared): two
    articles from the same month are not alike for that alone, but two that
    are about different years are probably about different events. The shared
    terms and entities are listed only when `explain` is true (the winner's).
    """
    parts = [(params.term_weight, _cosine(a, b, "terms"))]
    entity_score = _cosine(a, b, "entities")
    if a.entities and b.entities:
        parts.append((params.entity_weight, entity_score))
    total = sum(w for w, _ in parts)
    score = sum(w * s for w, s in parts) / total if total else 0.0
    date_score: float | None = None
    if a.dates and b.dates:
        date_score = _cosine(a, b, "dates")
        score *= 1.0 - params.date_weight * (1.0 - date_score)
    if not explain:
        return Similarity(score, parts[0][1], entity_score, date_score)
    return Similarity(score, parts[0][1], entity_score, date_score,
                      _shared(a.terms, b.terms), _shared(a.entities, b.entities))


def _shared(a: Vector, b: Vector, limit: int = 5) -> tuple[str, ...]:
    both = sorted((k for k in a if k in b), key=lambda k: (-(a[k] * b[k]), k))
    return tuple(both[:limit])


def add(story: Profile, article: Profile, params: Params = DEFAULT_PARAMS) -> Profile:
    """The story's centroid with `article` summed in (truncated to stay small)."""
    return _combine(story, article, 1.0, params)


def subtract(story: Profile, article: Profile, params: Params = DEFAULT_PARAMS) -> Profile:
    """The story's centroid with `article` taken out (for a replaced or removed article)."""
    return _combine(story, article, -1.0, params)


def _combine(a: Profile, b: Profile, sign: float, params: Params) -> Profile:
    def mix(x: Vector, y: Vector, limit: int) -> Vector:
        out = dict(x)
        for k, v in y.items():
            out[k] = out.get(k, 0.0) + sign * v
        return _top({k: v for k, v in out.items() if v > 1e-6}, limit)

    names = dict(b.names)
    names.update(a.names)
    terms = mix(a.terms, b.terms, params.max_story_terms)
    entities = mix(a.entities, b.entities, params.max_story_entities)
    return Profile(terms=terms, entities=entities, dates=mix(a.dates, b.dates, 50),
                   names={k: v for k, v in names.items() if k in entities},
                   count=max(0, a.count + int(sign) * b.count))


def merge(a: Profile, b: Profile, params: Params = DEFAULT_PARAMS) -> Profile:
    return _combine(a, b, 1.0, params)


def label(profile: Profile, *, entities: int = 3, terms: int = 2) -> str:
    """A short label: the most salient names, then the most salient other words.

    Words that are part of a chosen name are skipped, so "Greta Sandgren" is not
    followed by "sandgren".
    """
    chosen = [profile.names.get(k, k)
              for k, _ in sorted(profile.entities.items(), key=lambda kv: (-kv[1], kv[0]))
              [:entities]]
    covered = {w for name in chosen for w in words(name)}
    extra = [w for w, _ in sorted(profile.terms.items(), key=lambda kv: (-kv[1], kv[0]))
             if w not in covered][:terms]
    return " · ".join([*chosen, *extra]) or "untitled story"


@dataclass(frozen=True)
class Decision:
    """Where an article went: an existing story (with the evidence) or a new one."""

    story: str | None  # None: start a new story
    similarity: Similarity | None  # against the chosen story, or the best one refused


def decide(article: Profile, stories: Mapping[str, Profile],
           params: Params = DEFAULT_PARAMS, *, threshold: float | None = None) -> Decision:
    """The best story for `article` if it is similar enough, else a new story.

    Ties break on the smaller story id, so the same state gives the same answer.
    Only the best story's shared terms and entities are worked out.
    """
    best: tuple[float, str] | None = None
    for story_id, centroid in stories.items():
        score = similarity(article, centroid, params, explain=False).score
        if best is None or score > best[0] or (score == best[0] and story_id < best[1]):
            best = (score, story_id)
    if best is None:
        return Decision(None, None)
    found = similarity(article, stories[best[1]], params)
    if best[0] >= (params.threshold if threshold is None else threshold):
        return Decision(best[1], found)
    return Decision(None, found)


def merge_partner(topic: str, nearby: Mapping[str, Profile],
                  events: Callable[[str], list[Profile]],
                  members: Callable[[str], Mapping[str, Profile] | None],
                  params: Params = DEFAULT_PARAMS) -> str | None:
    """The topic among `nearby` (`topic`'s candidates, and `topic` itself) that `topic`
    becomes one with, if any: one like it as a whole (`merge_candidate`), else one whose
    smaller side is like one event of the other (`event_merge`; `events(t)` gives the
    centroids of topic `t`'s events), else one whose articles and `topic`'s make one event
    across the two (`split_merge`; `members(t)` gives topic `t`'s articles' profiles, None
    past `partition_limit`).
    The in-memory model and the store both settle a grown topic with this."""
    return (merge_candidate(topic, nearby, params) or event_merge(topic, nearby, events, params)
            or split_merge(topic, nearby, members, params))


def merge_candidate(topic: str, nearby: Mapping[str, Profile],
                    params: Params = DEFAULT_PARAMS) -> str | None:
    """Another topic so like `topic` as a whole (`topic_merge_threshold`) that they are one."""
    centroid = nearby[topic]
    bar = params.topic_merge_threshold
    best: tuple[float, str] | None = None
    for other, profile in nearby.items():
        if other == topic:
            continue
        score = similarity(centroid, profile, params, explain=False).score
        if score >= bar and (best is None or score > best[0] or (
                score == best[0] and other < best[1])):
            best = (score, other)
    return best[1] if best else None


def event_merge(topic: str, centroids: Mapping[str, Profile],
                events: Callable[[str], list[Profile]], params: Params = DEFAULT_PARAMS
                ) -> str | None:
    """Another topic that is one topic with `topic` because the smaller of the two (fewer
    articles; ties: the smaller id) is like one event of the other, if any.

    `centroids` are `topic`'s and its candidates'; `events(t)` gives the centroids of the
    events of topic `t` (none: the topic is one event). Both topics hold at most
    `partition_limit` articles, and only the `event_merge_topics` candidates most like
    `topic` (at least the topic threshold) are looked at, so it reads a bounded number of
    events. The best score wins, ties by the smaller id."""
    best: tuple[float, str] | None = None
    for other in _small_neighbours(topic, centroids, params):
        little, big = sorted((topic, other), key=lambda t: (centroids[t].count, t))
        for event in events(big) or [centroids[big]]:
            score = similarity(centroids[little], event, params, explain=False).score
            if score >= params.event_merge_threshold and (
                    best is None or score > best[0] or (score == best[0] and other < best[1])):
                best = (score, other)
    return best[1] if best else None


def split_merge(topic: str, centroids: Mapping[str, Profile],
                members: Callable[[str], Mapping[str, Profile] | None],
                params: Params = DEFAULT_PARAMS) -> str | None:
    """Another topic that is one topic with `topic` because, split into events together,
    all the articles of the smaller of the two (fewer articles; ties: the smaller id) fall
    in one event with some of the other's, and the two do not make one event whole.

    The split (events.py) parts look-alike events that started topics of their own along
    the line between the topics, so they stay apart; reports of one event that started a
    topic apart, in words too unlike their event's for `event_merge`, share its names,
    days and numbers, and the split puts them back with it. Where the split finds no event
    at all in the two, it cannot tell them apart, so they are not joined on its word. The
    `event_merge_topics` topics most like `topic` (at least `split_merge_threshold`), the
    most alike first; `members(t)` gives topic `t`'s articles' profiles, or None when it
    holds more than `partition_limit` articles. A topic whose centroid counts fewer articles
    than it holds (a store written around the model) is then passed over, so it splits at
    most 2 x `partition_limit` articles for each, whatever the topics hold."""
    limit = params.partition_limit
    for other in _small_neighbours(topic, centroids, params, params.split_merge_threshold):
        little, big = (members(t) for t in sorted((topic, other),
                                                  key=lambda t: (centroids[t].count, t)))
        if little is None or big is None or max(len(little), len(big)) > limit:
            continue
        groups, _ = partition({**little, **big}, params)
        if len(groups) > 1 and any(little.keys() < set(group) for group in groups):
            return other
    return None


def _small_neighbours(topic: str, centroids: Mapping[str, Profile],
                      params: Params = DEFAULT_PARAMS, bar: float | None = None) -> list[str]:
    """The `event_merge_topics` topics among `centroids` most like `topic` (at least `bar`,
    by default the topic threshold; ties: the smaller id), where both hold at most
    `partition_limit` articles: those a small topic may be one event with."""
    limit = params.partition_limit
    centroid = centroids[topic]
    if centroid.count > limit:
        return []
    scored = sorted((-score, other) for other, profile in centroids.items()
                    if other != topic and profile.count <= limit
                    and (score := similarity(centroid, profile, params, explain=False).score)
                    >= (params.topic_threshold if bar is None else bar))
    return [other for _, other in scored[:params.event_merge_topics]]


def nearest(article: Profile, stories: Mapping[str, Profile], params: Params = DEFAULT_PARAMS,
            *, limit: int = 2) -> list[str]:
    """The `limit` stories most like `article`, best first (ties: the smaller id)."""
    scored = sorted((-similarity(article, centroid, params, explain=False).score, story)
                    for story, centroid in stories.items())
    return [story for _, story in scored[:limit]]


def afresh(size: int, merged: bool, params: Params = DEFAULT_PARAMS) -> bool:
    """Whether a topic of `size` articles (one just joined) is split into events whole:
    while it is small, or just merged and not too big to split from all its articles."""
    return size <= params.partition_limit or (merged and size <= params.sample_limit)


def around(ranked: list[int], sizes: list[int], params: Params = DEFAULT_PARAMS) -> list[int]:
    """The events of a big topic split again, together, with a new article: `ranked` are
    its events, the one the article is most like first, `sizes` their articles.

    The two nearest and the next ones while all hold at most `partition_limit` articles,
    every time; if the two nearest hold more, only when the nearest has grown by a tenth
    (`resplit_due`), then with the next ones while all hold at most `sample_limit`; none
    (the article just joins the nearest) in between.
    """
    two = sum(sizes[i] for i in ranked[:2]) + 1
    limit = params.partition_limit
    if two > limit:
        if not resplit_due(sizes[ranked[0]] + 1):
            return []
        limit = params.sample_limit
    chosen = ranked[:2]
    held = two
    for i in ranked[2:]:
        if held + sizes[i] > limit:
            break
        chosen.append(i)
        held += sizes[i]
    return chosen


def resplit_due(size: int) -> bool:
    """Whether an event of `size` articles (one just joined) has grown by a tenth since
    the last step: the steps are the powers of 1.1, so the answer needs no stored state."""
    return size > 1 and int(math.log(size, 1.1)) > int(math.log(size - 1, 1.1))


def bounded_partition(members: Mapping[str, Profile], params: Params = DEFAULT_PARAMS
                      ) -> tuple[list[tuple[str, ...]], list[Split]]:
    """`partition`, from at most `sample_limit` of the articles.

    More articles than that are split from a sample: those whose id hashes lowest
    (a function of the set, not of the order they came in). Every other article
    then goes to the event it is most like, and the splits' sides say which articles
    ended on each side, so what is recorded covers them all.
    """
    limit = params.sample_limit
    if len(members) <= limit:
        return partition(members, params)
    # Hashed by the last part of the id, so an article IRI and its bare id rank alike
    # (the store's plan and StoryIndex sample the same articles).
    ranked = sorted(members, key=lambda a: (
        hashlib.sha1(a.rsplit("/", 1)[-1].encode()).digest(), a))
    sample = {a: members[a] for a in ranked[:limit]}
    groups, splits = partition(sample, params)
    centroids = {str(i): _sum(sample[a] for a in group) for i, group in enumerate(groups)}
    grown = [list(group) for group in groups]
    for article in ranked[limit:]:
        grown[int(nearest(members[article], centroids, params, limit=1)[0])].append(article)
    full = {group: tuple(sorted(more)) for group, more in zip(groups, grown, strict=True)}

    def widened(side: tuple[str, ...]) -> tuple[str, ...]:
        inside = set(side)
        return tuple(sorted(a for group in groups if inside.issuperset(group)
                            for a in full[group]))

    splits = [replace(split, sides=(widened(split.sides[0]), widened(split.sides[1])))
              for split in splits]
    return sorted(full.values()), splits


class StoryIndex:
    """The assigner in memory, in two levels: topics, and the events (stories) in each.

    An article joins the topic it is most like (or starts one), found through the
    candidate index; a grown topic may merge with another it now resembles as a
    whole. Then the topic's articles are split into events where they form
    groups that differ (storygraph/resolve/events.py): a story is one event.
    A story's id is the smallest id among its articles, so the same articles
    give the same stories whatever the order they came in.
    """

    def __init__(self, params: Params = DEFAULT_PARAMS) -> None:
        self.params = params
        self.topics: dict[str, Profile] = {}  # topic id -> centroid
        self.members: dict[str, list[str]] = {}  # topic id -> article ids
        self.profiles: dict[str, Profile] = {}  # article id -> profile
        self.events: dict[str, list[tuple[str, ...]]] = {}  # topic id -> its stories
        self.splits: dict[str, list[Split]] = {}  # topic id -> why it was split so
        self.index = CandidateIndex(params)
        self._story: dict[str, str] = {}  # article id -> story id
        # A big topic's events' centroids, and their candidate index (`CandidateIndex.events`),
        # by event id (the smallest id among its articles).
        self._centroids: dict[str, dict[str, Profile]] = {}
        self._event_index: dict[str, CandidateIndex] = {}

    def add_article(self, article_id: str, profile: Profile) -> str:
        """Place one article; its story id."""
        self.profiles[article_id] = profile
        candidates = {s: self.topics[s] for s in self.index.candidates(profile)}
        decision = decide(profile, candidates, self.params,
                          threshold=self.params.topic_threshold)
        topic = decision.story or article_id
        if decision.story is None:
            self.topics[topic] = profile
            self.members[topic] = [article_id]
            self.events[topic], self.splits[topic] = [], []
        else:
            self.topics[topic] = add(self.topics[topic], profile, self.params)
            self.members[topic].append(article_id)
        self.index.put(topic, self.topics[topic])
        topic, merged = self._settle(topic)
        self._split(topic, article_id, merged=merged)
        return self._story[article_id]

    def _settle(self, topic: str) -> tuple[str, bool]:
        merged = False
        while True:
            nearby = {s: self.topics[s]
                      for s in self.index.candidates(self.topics[topic], exclude=[topic])}
            nearby[topic] = self.topics[topic]
            other = merge_partner(topic, nearby, self._event_centroids, self._profiles,
                                  self.params)
            if other is None:
                return topic, merged
            keep, drop = sorted((topic, other))
            self.topics[keep] = merge(self.topics[keep], self.topics.pop(drop), self.params)
            self.members[keep].extend(self.members.pop(drop))
            # A merged topic is split afresh (`_split`), unless too big: then it keeps
            # both topics' events.
            self.events[keep] += self.events.pop(drop)
            self.splits[keep] += self.splits.pop(drop)
            for cached in (self._centroids, self._event_index):
                cached.pop(keep, None)
                cached.pop(drop, None)
            self.index.drop(drop)
            self.index.put(keep, self.topics[keep])
            topic, merged = keep, True

    def _profiles(self, topic: str) -> dict[str, Profile]:
        return {a: self.profiles[a] for a in self.members[topic]}

    def _event_centroids(self, topic: str) -> list[Profile]:
        return [_sum(self.profiles[a] for a in group) for group in self.events[topic]]

    def _split(self, topic: str, article_id: str, *, merged: bool) -> None:
        """Split the topic into its events again, or (a big topic) the events around the
        article (`Params.partition_limit`)."""
        members = self.members[topic]
        events = self.events[topic]
        if afresh(len(members), merged, self.params):
            groups, self.splits[topic] = partition({a: self.profiles[a] for a in members},
                                                   self.params)
            self.events[topic] = groups
            self._centroids.pop(topic, None)
            self._event_index.pop(topic, None)
        else:
            if topic not in self._centroids:
                self._file_events(topic)
            centroids, index = self._centroids[topic], self._event_index[topic]
            held_by = {min(g): g for g in events}
            article = self.profiles[article_id]
            found = index.events(article)
            ranked = nearest(article, {e: centroids[e] for e in found}, self.params,
                             limit=len(found))
            near = around(list(range(len(ranked))), [len(held_by[e]) for e in ranked],
                          self.params)
            if not ranked:  # it shares no key with any event: an event of its own
                gone, groups = [], [(article_id,)]
                made = [_sum([article])]
            elif not near:  # it joins the event it is most like
                gone, groups = ranked[:1], [(*held_by[ranked[0]], article_id)]
                made = [add(centroids[ranked[0]], article, self.params)]
            else:
                gone = [ranked[i] for i in near]
                held = [a for e in gone for a in held_by[e]] + [article_id]
                groups, splits = bounded_partition({a: self.profiles[a] for a in held},
                                                   self.params)
                self.splits[topic] += splits
                made = [_sum(self.profiles[a] for a in g) for g in groups]
            for event in gone:
                events.remove(held_by[event])
                index.drop(event)
                del centroids[event]
            for group, centroid in zip(groups, made, strict=True):
                events.append(group)
                centroids[min(group)] = centroid
                index.put(min(group), centroid)
        for group in groups:
            story = min(group)
            for article in group:
                self._story[article] = story

    def _file_events(self, topic: str) -> None:
        self._centroids[topic] = {min(g): _sum(self.profiles[a] for a in g)
                                  for g in self.events[topic]}
        self._event_index[topic] = index = CandidateIndex(self.params)
        for event, centroid in self._centroids[topic].items():
            index.put(event, centroid)

    def assignments(self) -> dict[str, str]:
        """Article id -> story id."""
        return dict(self._story)


def _sum(profiles: Iterable[Profile]) -> Profile:
    total = Profile(count=0)
    for profile in profiles:
        total = add(total, profile)
    return total


def cluster(profiles: Iterable[tuple[str, Profile]], params: Params = DEFAULT_PARAMS
            ) -> dict[str, str]:
    """Assign articles one by one, in the order given; article id -> story id."""
    index = StoryIndex(params)
    for article_id, profile in profiles:
        index.add_article(article_id, profile)
    return index.assignments()
