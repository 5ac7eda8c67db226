"""The graph as a queryable store: one small interface, two implementations chosen by
configuration: pyoxigraph in-process loaded from data/build/ (here) and a remote SPARQL 1.1
endpoint (kg/remote.py). Both are read-only to their users and answer with pyoxigraph results.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import ContextManager, Literal, Protocol

import pyoxigraph as ox

from kg.graphs import EXPORTS, ONTOLOGY_GRAPH, VALIDATION_GRAPH, graph_files
from kg.paths import REPORT_TTL, Paths
from kg.vocab import PREFIXES

FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
           "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}

StoreKind = Literal["embedded", "remote"]

# FROM <https://w3id.org/plankg/id/graph/plan/yuzhong-2024>, FROM NAMED <…>, FROM pkid:x
DATASET_CLAUSE = re.compile(r"\bFROM\s+(?:NAMED\s+)?(?:<|[A-Za-z][\w.-]*:|:)", re.IGNORECASE)
# what may hide a "FROM": an IRI (kept: <…#Task> is no comment), a string, a # comment
IRI_STRING_OR_COMMENT = re.compile(
    r'<[^<>"{}|^`\\\s]*>|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
# SELECT → solutions, ASK → a boolean, CONSTRUCT/DESCRIBE → triples (QueryTriples if embedded)
QueryResults = ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple]


class QueryError(ValueError):
    """A query the store rejects, with the parser's reason and position."""


class GraphNotBuilt(FileNotFoundError):
    """No build to query yet."""


class StoreUnreachable(ConnectionError):
    """The store cannot be reached (a remote endpoint down, or refusing connections)."""


class StoreFailed(RuntimeError):
    """The store was reached but gave no usable answer (an error status, an unreadable body)."""


class StoreTimedOut(TimeoutError):
    """The store did not answer within the time allowed."""


class Store(Protocol):
    def results(self, sparql: str, default_graphs: Sequence[str] = (),
                named_graphs: Sequence[str] = ()) -> ContextManager[QueryResults]:
        """The query's results, read lazily while the context is open; QueryError if the query
        does not parse. The dataset IRIs (the protocol's default-graph-uri / named-graph-uri)
        only ever select graphs of the store."""
        ...

    def select(self, sparql: str) -> tuple[list[str], list[dict[str, ox.Literal | ox.NamedNode]]]:
        ...

    def serialize(self, sparql: str, fmt: str) -> bytes:
        ...

    def triple_count(self) -> int:
        ...


class QueryMethods:
    """select() and serialize(), for the CLI and tests, on top of a store's results()."""

    def results(self, sparql: str, default_graphs: Sequence[str] = (),
                named_graphs: Sequence[str] = ()) -> ContextManager[QueryResults]:
        raise NotImplementedError

    def select(self, sparql: str):
        with self.results(sparql) as results:
            if isinstance(results, ox.QueryBoolean):
                return ["boolean"], [{"boolean": ox.Literal(str(bool(results)).lower())}]
            if not isinstance(results, ox.QuerySolutions):
                rows = [{"subject": t.subject, "predicate": t.predicate, "object": t.object}
                        for t in results]
                return ["subject", "predicate", "object"], rows
            names = [v.value for v in results.variables]
            return names, [{n: row[n] for n in names if row[n] is not None} for row in results]

    def serialize(self, sparql: str, fmt: str) -> bytes:
        with self.results(sparql) as results:
            if isinstance(results, (ox.QuerySolutions, ox.QueryBoolean)):
                return results.serialize(format=FORMATS[fmt])
            return ox.serialize(results, format=ox.RdfFormat.TURTLE if fmt != "nt"
                                else ox.RdfFormat.N_TRIPLES) or b""

    def triple_count(self) -> int:
        with self.results("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") as results:
            return int(next(iter(results))["n"].value)


class EmbeddedStore(QueryMethods):
    """pyoxigraph in-process, loaded from data/build/ (the plans' named graphs, the validation
    report's) and the ontology's graph; queries see the union of the graphs as their default
    graph, unless they name their own dataset (FROM, FROM NAMED, or the protocol's)."""

    def __init__(self, paths: Paths = Paths()):
        self.store = ox.Store()
        for file, fmt in dataset_files(paths.build):
            self.store.bulk_load(path=str(file), format=fmt)
        self.store.bulk_load(path=str(paths.ontology), format=ox.RdfFormat.TURTLE,
                             to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
        report = paths.build / REPORT_TTL
        if report.exists():  # the build's SHACL report, so SPARQL can ask what breaks which rule
            self.store.bulk_load(path=str(report), format=ox.RdfFormat.TURTLE,
                                 to_graph=ox.NamedNode(VALIDATION_GRAPH))

    def query(self, sparql: str, **dataset):
        if not dataset and not declares_dataset(sparql):
            dataset = {"use_default_graph_as_union": True}
        try:
            return self.store.query(sparql, prefixes=PREFIXES, **dataset)
        except SyntaxError as error:
            raise QueryError(str(error)) from error

    @contextmanager
    def results(self, sparql: str, default_graphs: Sequence[str] = (),
                named_graphs: Sequence[str] = ()) -> Iterator[QueryResults]:
        yield self.query(sparql, **dataset_arguments(default_graphs, named_graphs))

    def triple_count(self) -> int:
        return len(self.store)  # each triple is in one graph only (kg.graphs)


def dataset_files(build: Path) -> list[tuple[Path, ox.RdfFormat]]:
    """The files that hold the graph in `build`: the build's graph files (kg.graphs), else a
    single-file dataset there (written by `plankg export`, or by hand: an N-Triples file's
    triples are then ungraphed)."""
    if files := graph_files(build):
        return [(file, ox.RdfFormat.N_QUADS) for file in files]
    for name, fmt in ((EXPORTS["nq"], ox.RdfFormat.N_QUADS),
                      (EXPORTS["nt"], ox.RdfFormat.N_TRIPLES)):
        if (build / name).exists():
            return [(build / name, fmt)]
    raise GraphNotBuilt(f"{build} holds no graph: run `plankg build` first")


def declares_dataset(sparql: str) -> bool:
    """Whether the query names its dataset with FROM or FROM NAMED (outside strings and
    comments); pyoxigraph's union default graph would override it."""
    bare = IRI_STRING_OR_COMMENT.sub(lambda m: m.group(0) if m.group(0).startswith("<") else " ",
                                     sparql)
    return DATASET_CLAUSE.search(bare) is not None


def dataset_arguments(default_graphs: Sequence[str], named_graphs: Sequence[str]) -> dict:
    """Store.query's dataset arguments; ValueError if an IRI is not one. The protocol's dataset
    takes precedence over FROM / FROM NAMED; either way only store graphs are read."""
    if not default_graphs and not named_graphs:
        return {}
    return {"default_graph": [ox.NamedNode(iri) for iri in default_graphs],
            "named_graphs": [ox.NamedNode(iri) for iri in named_graphs]}


def open_store(kind: StoreKind = "embedded", paths: Paths = Paths(), endpoint: str | None = None,
               timeout: float = 10.0) -> QueryMethods:
    """The store configuration names: the embedded build, or the remote endpoint at `endpoint`."""
    if kind == "remote":
        if not endpoint:
            raise ValueError("a remote store needs the URL of its SPARQL endpoint")
        from kg.remote import RemoteStore  # httpx only loads when a remote store is used

        return RemoteStore(endpoint, timeout=timeout)
    return EmbeddedStore(paths)


def load_queries(folder: Path) -> dict[str, tuple[str, str]]:
    """Example queries by name (file stem): (one-line description, SPARQL text)."""
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        description = first.lstrip("#").strip() if first.startswith("#") else ""
        queries[path.stem] = (description, text)
    return queries
