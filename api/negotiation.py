"""Content negotiation for /sparql, in one place: which media types each query form can be
answered in, the Accept header read with its q-values, and the pyoxigraph format behind each type.

SELECT/ASK answer in SPARQL results formats (JSON by default); CONSTRUCT/DESCRIBE in RDF
formats (Turtle by default). pyoxigraph writes every one of them itself, JSON-LD included.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import pyoxigraph as ox


class Kind(str, Enum):
    RESULTS = "SELECT/ASK"
    GRAPH = "CONSTRUCT/DESCRIBE"


@dataclass(frozen=True)
class MediaType:
    name: str                        # what the Content-Type says
    kind: Kind
    aliases: tuple[str, ...] = ()    # other names clients ask for it by

    @property
    def content_type(self) -> str:
        return f"{self.name}; charset=utf-8" if self.name.startswith("text/") else self.name

    @property
    def results_format(self) -> ox.QueryResultsFormat:
        return _RESULTS_FORMATS[self.name]

    @property
    def rdf_format(self) -> ox.RdfFormat:
        return _RDF_FORMATS[self.name]


# In order of preference: the first of a kind is the default for */* or no Accept at all.
MEDIA_TYPES: tuple[MediaType, ...] = (
    MediaType("application/sparql-results+json", Kind.RESULTS, ("application/json",)),
    MediaType("application/sparql-results+xml", Kind.RESULTS, ("application/xml", "text/xml")),
    MediaType("text/csv", Kind.RESULTS),
    MediaType("text/tab-separated-values", Kind.RESULTS),
    MediaType("text/turtle", Kind.GRAPH, ("application/turtle", "application/x-turtle")),
    MediaType("application/n-triples", Kind.GRAPH),
    MediaType("application/ld+json", Kind.GRAPH, ("application/x-json+ld",)),
    # not asked for, but rdflib's SPARQLStore asks for it first for CONSTRUCT results
    MediaType("application/rdf+xml", Kind.GRAPH),
)
BY_NAME = {m.name: m for m in MEDIA_TYPES}

_RESULTS_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_RDF_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}

# the query forms guard.query_form() names, and the kind of answer each gives
FORM_KINDS = {"SELECT": Kind.RESULTS, "ASK": Kind.RESULTS,
              "CONSTRUCT": Kind.GRAPH, "DESCRIBE": Kind.GRAPH}


class NotAcceptable(ValueError):
    """The Accept header names nothing this query form can be answered in."""

    def __init__(self, accept: str, kind: Kind):
        self.offered = [m.name for m in MEDIA_TYPES if m.kind is kind]
        super().__init__(f"cannot answer a {kind.value} query in any of {accept!r}; "
                         f"offered: {', '.join(self.offered)}")


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """`text/turtle;q=0.9, */*;q=0.1` → [("text/turtle", 0.9), ("*/*", 0.1)]; other
    parameters are dropped."""
    ranges = []
    for part in (header or "").split(","):
        name, *params = [p.strip() for p in part.split(";")]
        if not name:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((name.lower(), q))
    return ranges


def _quality(media: MediaType, ranges: list[tuple[str, float]]) -> float:
    """The q the client gives `media`: its most specific matching range wins (RFC 9110 §12.5.1)."""
    best, specificity = 0.0, -1
    top = media.name.split("/")[0]
    for name, q in ranges:
        if name in (media.name, *media.aliases):
            rank = 2
        elif name == f"{top}/*":
            rank = 1
        elif name == "*/*":
            rank = 0
        else:
            continue
        if rank > specificity:
            best, specificity = q, rank
    return best


def choose(accept: str | None, kind: Kind) -> MediaType | None:
    """The media type to answer a `kind` query in, or None if the client accepts none we offer."""
    offered = [m for m in MEDIA_TYPES if m.kind is kind]
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    scored = [(_quality(m, ranges), -i, m) for i, m in enumerate(offered)]
    q, _, media = max(scored, key=lambda s: s[:2])
    return media if q > 0 else None



# /sparql?format=<name> stands for an Accept header, for clients that cannot send one: a
# download link in a page. A name may stand for one type of each kind (`xml`: SPARQL XML results
# for SELECT, RDF/XML for CONSTRUCT). The names include those SPARQLWrapper sends alongside its
# Accept header (format=turtle, format=json-ld&format=application/ld+json,application/x-json+ld),
# so its requests keep the answer they asked for. A value with a `/` is read as Accept itself.
FORMAT_NAMES: dict[str, tuple[str, ...]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "ttl": ("text/turtle",),
    "turtle": ("text/turtle",),
    "n3": ("text/turtle",),          # Turtle is N3's RDF subset
    "nt": ("application/n-triples",),
    "jsonld": ("application/ld+json",),
    "json-ld": ("application/ld+json",),
    "rdf": ("application/rdf+xml",),
    "rdf+xml": ("application/rdf+xml",),
}
LINK_FORMATS = ("json", "xml", "csv", "tsv", "ttl", "nt", "jsonld")  # the short names, documented


class UnknownFormat(ValueError):
    """A format= value that stands for no media type offered."""

    def __init__(self, name: str):
        super().__init__(f"unknown format={name!r}; known: {', '.join(LINK_FORMATS)}, or media "
                         "types as in Accept (or leave format= out and send an Accept header)")


def accept_for_formats(names: list[str]) -> str | None:
    """The Accept header the format= values stand for (`csv` → `text/csv`; `text/csv;q=0.5`
    as it is), None if all are empty; empty values are skipped (SPARQLWrapper sends one where
    its Accept is a wildcard)."""
    ranges = []
    for name in names:
        key = name.strip().lower()
        if "/" in key:
            ranges.append(key)
        elif key in FORMAT_NAMES:
            ranges += FORMAT_NAMES[key]
        elif key:
            raise UnknownFormat(name)
    return ", ".join(ranges) or None
