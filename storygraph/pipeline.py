"""Articles in, extractions out: parse with spaCy (batched, optionally in parallel) and extract."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from spacy.language import Language

from storygraph.errors import ExtractionError, InputError
from storygraph.extract import extract
from storygraph.model import Article, Entity, Extraction, Skipped

# Articles parsed in one spaCy memory zone: one process frees its strings this often; with
# several, each zone restarts the parser processes (a second or two), so zones are longer.
ZONE = 256
ZONE_PARALLEL = 2000
# Parses articles and extracts them, handing errors and skip notices on, all in input
# order: `extract_articles` with a model, or `storygraph.cluster.DaskExtractor`.
Extractor = Callable[[Iterable[Article | InputError | Skipped]],
                     Iterator[Extraction | InputError | Skipped]]


def extract_articles(
    items: Iterable[Article | InputError | Skipped],
    nlp: Language,
    *,
    n_process: int = 1,
    batch_size: int = 16,
    zone: int | None = None,
) -> Iterator[Extraction | InputError | Skipped]:
    """Extract every article; errors (from reading or from length) and skip notices pass
    through in order.

    An article the extractor fails on comes out as an `ExtractionError` naming it, and
    the batch goes on. Memory stays flat however many articles come: only the items
    between the reader and the parser's batch are held, and every `zone` articles
    (default `ZONE`, or `ZONE_PARALLEL` with several processes, which restart then) the
    strings and lexemes spaCy added for them are freed (`Language.memory_zone`), since
    extractions hold plain strings only.
    """
    model = str(nlp.meta.get("storygraph_name") or nlp.meta.get("name", ""))
    size = zone or (ZONE if n_process == 1 else ZONE_PARALLEL)
    # Items read but not yet handed on, in input order; the parser yields docs in the
    # same order, so each doc belongs to the first article waiting here.
    pending: deque[Article | InputError | Skipped] = deque()
    source = iter(items)
    exhausted = False

    def texts() -> Iterator[tuple[str, Article]]:
        nonlocal exhausted
        count = 0
        for item in source:
            if isinstance(item, Article) and len(item.text) > nlp.max_length:
                item = InputError(
                    item.where,
                    f"text is {len(item.text):,} characters, over the model's limit of "
                    f"{nlp.max_length:,}",
                )
            pending.append(item)
            if isinstance(item, Article):
                yield item.text, item
                count += 1
                if count == size:
                    return  # the zone ends here; the next one reads on from `source`
        exhausted = True

    while not exhausted:
        with nlp.memory_zone():
            docs = nlp.pipe(texts(), as_tuples=True, n_process=n_process,
                            batch_size=batch_size)
            for doc, article in docs:
                # Errors before this article come out first, in input order.
                while not isinstance(pending[0], Article):
                    yield pending.popleft()
                pending.popleft()
                try:
                    result: Extraction | InputError = with_authors(
                        extract(doc, article, model=model))
                except Exception as exc:  # one article's bug must not end the batch
                    result = ExtractionError(article.where,
                                             f"extraction failed ({describe(exc)})")
                    result.__cause__ = exc
                yield result
    yield from pending


def describe(exc: BaseException) -> str:
    """`IndexError: list index out of range`, on one line."""
    words = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {words}" if words else type(exc).__name__


def with_authors(extraction: Extraction) -> Extraction:
    """Give every byline name an entity, so authors are resolved like anyone the text names.

    A name the text already mentions is that entity; any other becomes an entity
    without mentions: a person, or an organisation when the byline is one word or
    the outlet itself ("Reuters", "BBC News").
    """
    known = {n.casefold() for e in extraction.entities for n in (e.name, *e.aliases)}
    added: list[Entity] = []
    for number, name in enumerate(extraction.article.authors):
        if name.casefold() in known:
            continue
        known.add(name.casefold())
        is_outlet = len(name.split()) == 1 or name == extraction.article.source
        added.append(Entity(id=f"author-{number}", name=name,
                            type="ORG" if is_outlet else "PERSON"))
    if not added:
        return extraction
    return replace(extraction, entities=(*extraction.entities, *added))
