"""What a served answer is written as: content negotiation and streaming writers.

SELECT and ASK answers are written in the four SPARQL 1.1 results formats (JSON,
XML, CSV, TSV) by writers here, a batch of rows at a time, because pyoxigraph
can serialise results only from its own query objects, which live in the
engine's process. Triples and quads are handed to Oxigraph's own serialisers
(Turtle, N-Triples, JSON-LD, RDF/XML, TriG, N-Quads), which consume them as the
engine sends them.

A writer takes the open `QueryStream` and a `Sink` (anything with `write` and
`flush`); it calls `flush` after each batch, so rows reach the client while the
query still runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from xml.sax.saxutils import escape, quoteattr

from storygraph.query import QueryStream
from storygraph.rdf.namespace import PREFIXES
from storygraph.rdf.terms import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    Triple,
    parse,
    serialize,
)

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


class Sink(Protocol):
    def write(self, data: bytes) -> object: ...

    def flush(self) -> None: ...


Writer = Callable[[QueryStream, Sink], None]


@dataclass(frozen=True)
class Format:
    """One way to write an answer: its media type, the names a client may ask for it by,
    and its writer. `w3c` is its IRI under http://www.w3.org/ns/formats/ (for the
    service description)."""

    media_type: str
    aliases: tuple[str, ...]
    write: Writer
    w3c: str
    syntax: RdfFormat | None = None  # for an RDF format, Oxigraph's name for it

    @property
    def content_type(self) -> str:
        if self.media_type.startswith("text/"):
            return f"{self.media_type}; charset=utf-8"
        return self.media_type


# --- SPARQL results: JSON, XML, CSV, TSV ------------------------------------------------------

def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        value: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            value["datatype"] = term.datatype.value
        return value
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_json(stream: QueryStream, out: Sink) -> None:
    if stream.kind == "ask":
        out.write(_dumps({"head": {}, "boolean": stream.boolean}).encode())
        return
    out.write(f'{{"head":{_dumps({"vars": stream.variables})},"results":{{"bindings":['.encode())
    separator = ""
    for batch in stream.batches():
        rows = ",".join(_dumps({name: _json_term(term) for name, term in row.items()
                                if term is not None}) for row in batch)
        out.write((separator + rows).encode())
        separator = ","
        out.flush()
    out.write(b"]}}")


# XML 1.0 cannot carry these characters at all, not even as references; the JSON and
# TSV formats keep them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", text))


def _xml_term(term: Any) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            attribute = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value != XSD_STRING:
            attribute = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attribute = ""
        return f"<literal{attribute}>{_xml_text(term.value)}</literal>"
    return (f"<triple><subject>{_xml_term(term.subject)}</subject>"
            f"<predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>")


def write_xml(stream: QueryStream, out: Sink) -> None:
    out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="{RESULTS_NS}">'.encode())
    if stream.kind == "ask":
        out.write(f"<head/><boolean>{str(stream.boolean).lower()}</boolean></sparql>".encode())
        return
    head = "".join(f"<variable name={quoteattr(name)}/>" for name in stream.variables)
    out.write(f"<head>{head}</head><results>".encode())
    for batch in stream.batches():
        out.write("".join(
            "<result>" + "".join(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                                 for name, term in row.items() if term is not None)
            + "</result>\n" for row in batch).encode())
        out.flush()
    out.write(b"</results></sparql>")


def _csv_field(term: Any) -> str:
    if term is None:
        text = ""
    elif isinstance(term, (NamedNode, Literal)):
        text = term.value
    else:  # blank nodes as _:label, quoted triples as N-Triples
        text = str(term)
    if any(c in text for c in '",\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(stream: QueryStream, out: Sink) -> None:
    """CSV keeps values only (no types or languages), as the format says; rows end in CRLF."""
    if stream.kind == "ask":  # the format defines no boolean; Oxigraph's own writer does this
        out.write(str(stream.boolean).lower().encode())
        return
    out.write((",".join(_csv_field(name) for name in stream.variables) + "\r\n").encode())
    for batch in stream.batches():
        out.write("".join(",".join(_csv_field(term) for term in row.values()) + "\r\n"
                          for row in batch).encode())
        out.flush()


def write_tsv(stream: QueryStream, out: Sink) -> None:
    """TSV writes each term as N-Triples does (a Turtle form that escapes tabs and newlines)."""
    if stream.kind == "ask":
        out.write(str(stream.boolean).lower().encode())
        return
    out.write(("\t".join(f"?{name}" for name in stream.variables) + "\n").encode())
    for batch in stream.batches():
        out.write("".join("\t".join("" if term is None else str(term) for term in row.values())
                          + "\n" for row in batch).encode())
        out.flush()


# --- triples and quads: Oxigraph's serialisers ------------------------------------------------

def _quads(stream: QueryStream) -> Iterator[Quad]:
    syntax = RdfFormat.N_QUADS if stream.kind == "quads" else RdfFormat.N_TRIPLES
    for batch in stream.batches():
        yield from parse("".join(batch), format=syntax)


def _passthrough(stream: QueryStream, out: Sink) -> None:
    """N-Triples from a query, N-Quads from a dump: the lines as the engine wrote them."""
    for batch in stream.batches():
        out.write("".join(batch).encode())
        out.flush()


def _graph_writer(syntax: RdfFormat) -> Writer:
    def write(stream: QueryStream, out: Sink) -> None:
        if syntax == RdfFormat.N_TRIPLES and stream.kind != "quads":
            _passthrough(stream, out)
            return
        triples = (quad.triple for quad in _quads(stream))
        serialize(triples, out, format=syntax, prefixes=_prefixes(syntax))
    return write


def _dataset_writer(syntax: RdfFormat) -> Writer:
    def write(stream: QueryStream, out: Sink) -> None:
        if syntax == RdfFormat.N_QUADS and stream.kind == "quads":
            _passthrough(stream, out)
            return
        serialize(_quads(stream), out, format=syntax, prefixes=_prefixes(syntax))
    return write


def _prefixes(syntax: RdfFormat) -> dict[str, str] | None:
    return PREFIXES if syntax in (RdfFormat.TURTLE, RdfFormat.TRIG,
                                  RdfFormat.RDF_XML) else None


FORMATS_NS = "http://www.w3.org/ns/formats/"

RESULTS = (
    Format("application/sparql-results+json", ("application/json",), write_json,
           FORMATS_NS + "SPARQL_Results_JSON"),
    Format("application/sparql-results+xml", ("application/xml", "text/xml"), write_xml,
           FORMATS_NS + "SPARQL_Results_XML"),
    Format("text/csv", (), write_csv, FORMATS_NS + "SPARQL_Results_CSV"),
    Format("text/tab-separated-values", (), write_tsv, FORMATS_NS + "SPARQL_Results_TSV"),
)
GRAPH = (
    Format("text/turtle", ("application/x-turtle",), _graph_writer(RdfFormat.TURTLE),
           FORMATS_NS + "Turtle", RdfFormat.TURTLE),
    Format("application/n-triples", ("text/plain",), _graph_writer(RdfFormat.N_TRIPLES),
           FORMATS_NS + "N-Triples", RdfFormat.N_TRIPLES),
    Format("application/ld+json", ("application/json",), _graph_writer(RdfFormat.JSON_LD),
           FORMATS_NS + "JSON-LD", RdfFormat.JSON_LD),
    Format("application/rdf+xml", ("application/xml", "text/xml"),
           _graph_writer(RdfFormat.RDF_XML), FORMATS_NS + "RDF_XML", RdfFormat.RDF_XML),
)
DATASET = (
    Format("application/trig", (), _dataset_writer(RdfFormat.TRIG), FORMATS_NS + "TriG",
           RdfFormat.TRIG),
    Format("application/n-quads", ("text/x-nquads",), _dataset_writer(RdfFormat.N_QUADS),
           FORMATS_NS + "N-Quads", RdfFormat.N_QUADS),
)


def serialize_graph(triples: Iterable[Triple], chosen: Format,
                    prefixes: dict[str, str]) -> bytes:
    """A small graph held in memory, written whole in an RDF format (with these prefixes
    where the format has them)."""
    if chosen.syntax is None:
        raise ValueError(f"{chosen.media_type} is not an RDF format")
    return serialize(triples, format=chosen.syntax,
                     prefixes=prefixes if _prefixes(chosen.syntax) else None)


def offers_for(kind: str, *, one_graph: bool = False) -> tuple[Format, ...]:
    """What an answer of this kind can be written as, the server's preference first.

    A query's triples are one graph; so is one graph of a dump (`one_graph`),
    which can also be written as a dataset.
    """
    if kind in ("select", "ask"):
        return RESULTS
    if kind == "quads":
        return GRAPH + DATASET if one_graph else DATASET
    return GRAPH


def negotiate(accept: str | None, offers: Sequence[Format]) -> Format | None:
    """The offer the Accept header rates highest (ties: the earlier offer); None if none is
    acceptable. No header, or an empty one, takes the first offer."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = []
    for part in accept.split(","):
        media, _, parameters = part.partition(";")
        media = media.strip().lower()
        if not media:
            continue
        quality = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality))
    best: tuple[float, int, Format] | None = None
    for position, offer in enumerate(offers):
        quality = _quality(offer, ranges)
        if quality > 0 and (best is None or (quality, -position) > (best[0], -best[1])):
            best = (quality, position, offer)
    return best[2] if best else None


def _quality(offer: Format, ranges: list[tuple[str, float]]) -> float:
    """The quality of the most specific range that matches the offer (RFC 9110, 12.5.1)."""
    names = (offer.media_type, *offer.aliases)
    found: tuple[int, float] | None = None
    for media, quality in ranges:
        if media in names:
            specificity = 3 if media == offer.media_type else 2
        elif media.endswith("/*") and offer.media_type.startswith(media[:-1]):
            specificity = 1
        elif media == "*/*":
            specificity = 0
        else:
            continue
        if found is None or specificity > found[0]:
            found = (specificity, quality)
    return found[1] if found else 0.0
