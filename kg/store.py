"""The graph as a queryable store: one small interface, the embedded pyoxigraph implementation.

The embedded store loads the build's N-Triples and the ontology into memory; it is read-only to
its users. A remote SPARQL endpoint implements the same interface (see kg.remote).
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kg.pipeline import GRAPH_NT, REPORT_TTL, Paths
from kg.vocab import PREFIXES

FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
           "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}


class QueryError(ValueError):
    """A query the store rejects, with the parser's reason and position."""


class GraphNotBuilt(FileNotFoundError):
    """No build to query yet."""


class Store(Protocol):
    def select(self, sparql: str) -> tuple[list[str], list[dict[str, ox.Literal | ox.NamedNode]]]:
        ...

    def serialize(self, sparql: str, fmt: str) -> bytes:
        ...


class EmbeddedStore:
    """pyoxigraph in-process, loaded from data/build/ (graph and validation report) and the
    ontology."""

    def __init__(self, paths: Paths = Paths()):
        nt = paths.build / GRAPH_NT
        if not nt.exists():
            raise GraphNotBuilt(f"{nt} does not exist: run `plankg build` first")
        self.store = ox.Store()
        self.store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        self.store.bulk_load(path=str(paths.ontology), format=ox.RdfFormat.TURTLE)
        report = paths.build / REPORT_TTL
        if report.exists():  # the build's SHACL report, so SPARQL can ask what breaks which rule
            self.store.bulk_load(path=str(report), format=ox.RdfFormat.TURTLE)

    def query(self, sparql: str):
        try:
            return self.store.query(sparql, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(str(error)) from error

    def select(self, sparql: str):
        results = self.query(sparql)
        if isinstance(results, ox.QueryBoolean):
            return ["boolean"], [{"boolean": ox.Literal(str(bool(results)).lower())}]
        if isinstance(results, ox.QueryTriples):
            rows = [{"subject": t.subject, "predicate": t.predicate, "object": t.object}
                    for t in results]
            return ["subject", "predicate", "object"], rows
        names = [v.value for v in results.variables]
        return names, [{n: row[n] for n in names if row[n] is not None} for row in results]

    def serialize(self, sparql: str, fmt: str) -> bytes:
        results = self.query(sparql)
        if isinstance(results, ox.QueryTriples):
            return ox.serialize(results, format=ox.RdfFormat.TURTLE if fmt != "nt"
                                else ox.RdfFormat.N_TRIPLES)
        return results.serialize(format=FORMATS[fmt])


def load_queries(folder: Path) -> dict[str, tuple[str, str]]:
    """Example queries by name (file stem): (one-line description, SPARQL text)."""
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        description = first.lstrip("#").strip() if first.startswith("#") else ""
        queries[path.stem] = (description, text)
    return queries
