"""Articles in, extractions out: parse with spaCy (batched, optionally in parallel) and extract."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language

from storygraph.errors import InputError
from storygraph.extract import extract
from storygraph.model import Article, Entity, Extraction, Skipped


def extract_articles(
    items: Iterable[Article | InputError | Skipped],
    nlp: Language,
    *,
    n_process: int = 1,
    batch_size: int = 16,
) -> Iterator[Extraction | InputError | Skipped]:
    """Extract every article; errors (from reading or from length) and skip notices pass
    through in order."""
    model = str(nlp.meta.get("storygraph_name") or nlp.meta.get("name", ""))
    pending: list[Article | InputError | Skipped] = []

    def texts() -> Iterator[tuple[str, int]]:
        for position, item in enumerate(items):
            if isinstance(item, Article) and len(item.text) > nlp.max_length:
                item = InputError(
                    item.key,
                    f"text is {len(item.text):,} characters, over the model's limit of "
                    f"{nlp.max_length:,}",
                )
            pending.append(item)
            if isinstance(item, Article):
                yield item.text, position

    docs = nlp.pipe(texts(), as_tuples=True, n_process=n_process, batch_size=batch_size)
    emitted = 0
    for doc, position in docs:
        # Errors before this article come out first, in input order.
        while emitted < position:
            item = pending[emitted]
            if not isinstance(item, Article):
                yield item
            emitted += 1
        article = pending[position]
        assert isinstance(article, Article)
        yield with_authors(extract(doc, article, model=model))
        emitted = position + 1
    for item in pending[emitted:]:
        if not isinstance(item, Article):
            yield item


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
