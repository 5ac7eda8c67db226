"""Graphs to validate, read from files: Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML by
extension or by name, parsed by pyoxigraph so every syntax error has the same form: the file,
the parser's reason, and the line and column."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ttl": ox.RdfFormat.TURTLE,
           "nt": ox.RdfFormat.N_TRIPLES, "ntriples": ox.RdfFormat.N_TRIPLES,
           "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
           "json-ld": ox.RdfFormat.JSON_LD, "jsonld": ox.RdfFormat.JSON_LD,
           "json": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML,
           "rdf": ox.RdfFormat.RDF_XML, "owl": ox.RdfFormat.RDF_XML}


class GraphReadError(ValueError):
    """A graph file that could not be read: which file, why, and where."""

    def __init__(self, file: Path, reason: str, line: int | None = None,
                 column: int | None = None):
        self.file, self.reason, self.line, self.column = file, reason, line, column
        where = f" line {line} column {column}" if line else ""
        super().__init__(f"{file}{where}: {reason}")


def rdf_format(file: Path, name: str | None = None) -> ox.RdfFormat:
    key = (name or file.suffix.lstrip(".")).lower()
    if key not in FORMATS:
        raise GraphReadError(file, f"unknown RDF format {key!r}: give --format "
                                   f"({', '.join(sorted(FORMATS))})")
    return FORMATS[key]


def read_graphs(files: list[Path], format_name: str | None = None) -> str:
    """The union of `files` as N-Triples text (named graphs of quad formats are merged)."""
    triples = []
    for file in files:
        try:
            triples += _triples(ox.parse(path=str(file), format=rdf_format(file, format_name)),
                                file)
        except OSError as error:
            raise GraphReadError(file, error.strerror or str(error)) from None
    return _nt(triples)


def parse_graph(data: bytes, media_type: str, name: str = "the request body") -> str:
    """A graph sent as bytes of `media_type` (text/turtle, application/ld+json …) as N-Triples."""
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise GraphReadError(Path(name), f"unknown RDF media type {media_type!r}")
    return _nt(_triples(ox.parse(data, format=fmt), Path(name)))


def _triples(quads, file: Path) -> list[ox.Triple]:
    try:
        return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    except SyntaxError as error:
        _, line, column, *_ = error.args[1] if len(error.args) > 1 else (None, None, None)
        raise GraphReadError(file, error.args[0], line, column) from None


def _nt(triples: list[ox.Triple]) -> str:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8") if triples else ""
