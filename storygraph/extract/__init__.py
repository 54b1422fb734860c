"""Extraction: a pure function from a parsed article to an `Extraction`.

No store and no global state: this is what parallel ingest fans out.
Each kind of thing has its own module; `extract` runs them in order, since
roles help resolve speakers and claims say who stated a figure.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from storygraph.extract.claims import extract_claims
from storygraph.extract.dates import find_dates, resolve_date
from storygraph.extract.entities import extract_entities, finalize
from storygraph.extract.events import extract_events
from storygraph.extract.intervals import Intervals
from storygraph.extract.layout import furniture_spans, inside, paragraphs
from storygraph.extract.quantities import extract_quantities
from storygraph.extract.quotes import find_quotes
from storygraph.extract.roles import extract_roles
from storygraph.model import Article, Claim, Extraction, Quantity

# Bump when a rule change alters output: stores re-extract older articles on request.
EXTRACTOR_VERSION = "0.2.0"

__all__ = ["EXTRACTOR_VERSION", "extract", "resolve_date"]


def extract(doc: Doc, article: Article, *, model: str = "") -> Extraction:
    """Everything `article` says, from `doc` (the model's parse of `article.text`)."""
    text = article.text
    pieces = paragraphs(text, title=article.title)
    skip = furniture_spans(text, pieces)
    body = [(p.start, p.end) for p in pieces if p.kind == "body"]
    body_spans = Intervals(body)

    headline = next(((p.start, p.end) for p in pieces if p.kind == "headline"), None)
    index = extract_entities(doc, skip=skip, headline=headline)
    roles = extract_roles(doc, index)
    quotes = find_quotes(text, pieces)
    dates = [d for d in find_dates(doc) if not inside(skip, d.start, d.end)]
    date_spans = Intervals((d.start, d.end) for d in dates)

    def when(span: Span) -> tuple[str | None, str | None]:
        for k in date_spans.overlapping(span.start_char, span.end_char):
            mention = dates[k]
            if span.start_char <= mention.start and mention.end <= span.end_char:
                return resolve_date(mention.text, article.published), mention.text
        return None, None

    def said_on(sentence: Span) -> str | None:
        return when(sentence)[0] or article.published

    claims = extract_claims(doc, index=index, roles=roles, pieces=pieces, quotes=quotes,
                            skip=skip, date_of=said_on)
    quantities = extract_quantities(
        doc, published=article.published,
        skip=lambda start, end: inside(skip, start, end) or not body_spans.contains(start),
        entities_in=index.entities_in,
    )
    claim_spans = Intervals((c.start, c.end) for c in claims)
    quantities = [_stated_by(q, claims, claim_spans) for q in quantities]
    events = extract_events(doc, index=index, roles=roles, quotes=quotes, body=body, when=when)
    return Extraction(
        article=article,
        entities=finalize(index, text),
        roles=tuple(sorted(roles, key=lambda r: r.start)),  # (claims keep descriptions)
        claims=tuple(claims),
        quantities=tuple(quantities),
        events=tuple(events),
        extractor_version=EXTRACTOR_VERSION,
        model=model,
    )


def _stated_by(quantity: Quantity, claims: list[Claim], spans: Intervals) -> Quantity:
    """A figure inside a claim is stated by its speaker."""
    for k in spans.overlapping(quantity.start, quantity.end):
        claim = claims[k]
        if claim.start <= quantity.start and quantity.end <= claim.end and claim.speaker:
            return replace(quantity, stated_by=claim.speaker)
    return quantity
