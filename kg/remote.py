"""The graph in a remote SPARQL 1.1 server (`oxigraph serve`, Virtuoso …): queries over the SPARQL
Protocol, graphs loaded and replaced over the Graph Store Protocol, answers read with pyoxigraph.

A query is first parsed here by pyoxigraph, so a syntax error reads exactly as it does over the
embedded store; the answer is streamed and parsed lazily, so reading stops where the reader stops.
"""
from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.graphs import ONTOLOGY_GRAPH, VALIDATION_GRAPH, quad_graph
from kg.paths import REPORT_TTL, Paths
from kg.store import (GraphNotBuilt, QueryError, QueryMethods, QueryResults, StoreFailed,
                      StoreTimedOut, StoreUnreachable, dataset_arguments, dataset_files)
from kg.vocab import PREFIXES

# The project prefixes, declared in front of every query sent: the remote server does not know
# them. A query's own PREFIX declarations come later and so win, as they do when embedded.
PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())

# What we ask the server for, best first: formats that stream and keep every term exactly
RESULTS_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
                  "text/tab-separated-values;q=0.8")
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"
READABLE_RESULTS = {ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML,
                    ox.QueryResultsFormat.TSV}

ERROR_BODY_CHARS = 500   # how much of a server's error page to quote
# how much of an unreadable answer to quote: enough for oxigraph's mid-answer "The SPARQL
# operation has been cancelled" (its --timeout-s, sent after a 200 has started)
TAIL_BYTES = 120
QUERY_PATH, STORE_PATH = "/query", "/store"  # oxigraph serve's query and Graph Store paths


def graph_store_url(endpoint: str) -> str:
    """oxigraph serve's Graph Store Protocol URL beside its query URL (…/query → …/store)."""
    if not endpoint.rstrip("/").endswith(QUERY_PATH):
        raise ValueError(f"cannot tell the Graph Store Protocol URL of {endpoint}: give it "
                         "(--graph-store); only oxigraph's …/query → …/store is known")
    return endpoint.rstrip("/")[:-len(QUERY_PATH)] + STORE_PATH


class ResponseReader(io.RawIOBase):
    """A streamed HTTP body as the binary file pyoxigraph's parsers read from."""

    def __init__(self, response: httpx.Response):
        self.chunks = response.iter_bytes()
        self.pending = b""
        self.tail = b""   # the last bytes read, to quote when the answer cannot be parsed

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending:
            self.pending = next(self.chunks, None)
            if self.pending is None:
                self.pending = b""
                return 0
        size = min(len(buffer), len(self.pending))
        buffer[:size], self.pending = self.pending[:size], self.pending[size:]
        self.tail = (self.tail + buffer[:size])[-TAIL_BYTES:]
        return size


class RemoteStore(QueryMethods):
    """A SPARQL 1.1 endpoint given by its query URL; `graph_store` is its Graph Store URL."""

    def __init__(self, endpoint: str, timeout: float = 10.0, graph_store: str | None = None):
        self.endpoint = str(endpoint)
        self.graph_store = graph_store
        self.timeout = timeout
        self.parser = ox.Store()   # empty: only parses, and tells the query form
        self._client: httpx.Client | None = None
        self._client_pid = 0

    @property
    def client(self) -> httpx.Client:
        # one connection pool per process: a forked worker must not share its parent's sockets
        if self._client is None or self._client_pid != os.getpid():
            self._client = httpx.Client(timeout=self.timeout)
            self._client_pid = os.getpid()
        return self._client

    def close(self) -> None:
        if self._client is not None and self._client_pid == os.getpid():
            self._client.close()
        self._client = None

    def parse(self, sparql: str) -> type:
        """Parse as the embedded store does (QueryError with the position); the results class
        the query form gives. pyoxigraph has no parse-only call: the query runs over an empty
        store, where every pattern is empty at once."""
        try:
            return type(self.parser.query(sparql, prefixes=PREFIXES))
        except SyntaxError as error:
            raise QueryError(str(error)) from error

    @contextmanager
    def results(self, sparql: str, default_graphs: Sequence[str] = (),
                named_graphs: Sequence[str] = ()) -> Iterator[QueryResults]:
        dataset_arguments(default_graphs, named_graphs)  # ValueError on what is not an IRI
        form = self.parse(sparql)
        graph = form is ox.QueryTriples
        request = self.client.build_request(
            "POST", self.endpoint,
            data={"query": PROLOGUE + sparql, "default-graph-uri": list(default_graphs),
                  "named-graph-uri": list(named_graphs)},
            headers={"Accept": GRAPH_ACCEPT if graph else RESULTS_ACCEPT})
        with self._translated_errors():
            response = self.client.send(request, stream=True)
            try:
                self._check(response)
                reader = ResponseReader(response)
                try:
                    yield self._read(reader, response.headers.get("content-type", ""), graph)
                except SyntaxError as error:  # from pyoxigraph reading the answer, not the query
                    ending = reader.tail.decode("utf-8", "replace").strip()
                    raise StoreFailed(f"the answer of {self.endpoint} could not be read "
                                      f"({error}); it ends: {ending!r}") from error
            finally:
                response.close()  # a streaming server stops when the connection drops

    def _read(self, reader: ResponseReader, media_type: str, graph: bool) -> QueryResults:
        if graph:
            rdf_format = ox.RdfFormat.from_media_type(media_type)
            if rdf_format is None:
                raise StoreFailed(f"{self.endpoint} answered a graph query as {media_type!r}, "
                                  "not RDF")
            return (quad.triple for quad in ox.parse(reader, rdf_format))
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        if results_format not in READABLE_RESULTS:
            raise StoreFailed(f"{self.endpoint} answered as {media_type!r}, not SPARQL results "
                              "in JSON, XML or TSV")
        return ox.parse_query_results(reader, results_format)

    def _check(self, response: httpx.Response) -> None:
        if response.status_code < 300:
            return
        response.read()
        quoted = response.text[:ERROR_BODY_CHARS].strip()
        raise StoreFailed(f"{self.endpoint} answered {response.status_code} "
                          f"{response.reason_phrase}: {quoted}")

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        """Transport and answer errors as the store errors the API turns into statuses."""
        try:
            yield
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            raise StoreUnreachable(f"the SPARQL endpoint {self.endpoint} cannot be reached: "
                                   f"{error}") from error
        except httpx.TimeoutException as error:
            raise StoreTimedOut(f"the SPARQL endpoint {self.endpoint} did not answer within "
                                f"{self.timeout:g} s") from error
        except httpx.TransportError as error:
            raise StoreFailed(f"the connection to {self.endpoint} broke: {error}") from error

    # Graph Store Protocol

    def put_graph(self, data: Path | bytes, rdf_format: ox.RdfFormat, graph: str | None = None,
                  replace: bool = True) -> None:
        """Replace (PUT) or add to (POST) the default graph, or the graph named `graph`."""
        url = self.graph_store or graph_store_url(self.endpoint)
        params = {"graph": graph} if graph else None
        target = url if graph else f"{url}?default"
        body = data.read_bytes() if isinstance(data, Path) else data
        with self._translated_errors():
            response = self.client.request("PUT" if replace else "POST", target, params=params,
                                           content=body,
                                           headers={"Content-Type": rdf_format.media_type})
        self._check(response)

    def load_build(self, paths: Paths = Paths()) -> int:
        """Replace the default graph with the build, its validation report and the ontology, as
        the embedded store holds them; the number of triples the server then has."""
        triples = []
        for file, fmt in dataset_files(paths.build):
            if fmt == ox.RdfFormat.N_TRIPLES:
                triples.append(file.read_bytes())
            else:
                triples += [lines for _, lines in graph_lines(file)]
        self.put_graph(b"".join(triples), ox.RdfFormat.N_TRIPLES)
        self.put_graph(paths.ontology, ox.RdfFormat.TURTLE, replace=False)
        if (paths.build / REPORT_TTL).exists():
            self.put_graph(paths.build / REPORT_TTL, ox.RdfFormat.TURTLE, replace=False)
        return self.triple_count()

    def push_build(self, paths: Paths = Paths(),
                   progress: Callable[[str, int], None] | None = None) -> list[str]:
        """Put each graph of the build (kg.graphs) into the server as a named graph, one request
        a graph (PUT ?graph=…, replacing what it held under that name): the plans', the shared,
        the ontology's and the validation report's. The graph IRIs put, in order; `progress` is
        told each IRI and its triple count as it goes."""
        files = dataset_files(paths.build)
        if any(fmt != ox.RdfFormat.N_QUADS for _, fmt in files):
            raise GraphNotBuilt(f"{paths.build} holds no named graphs: run `plankg build` first")
        put = []
        for file, _ in files:
            for graph, lines in graph_lines(file):
                self.put_graph(lines, ox.RdfFormat.N_TRIPLES, graph)
                put.append(graph)
                if progress:
                    progress(graph, lines.count(b"\n"))
        self.put_graph(paths.ontology, ox.RdfFormat.TURTLE, ONTOLOGY_GRAPH)
        put.append(ONTOLOGY_GRAPH)
        if (paths.build / REPORT_TTL).exists():
            self.put_graph(paths.build / REPORT_TTL, ox.RdfFormat.TURTLE, VALIDATION_GRAPH)
            put.append(VALIDATION_GRAPH)
        return put


def graph_lines(nq: Path) -> Iterator[tuple[str, bytes]]:
    """Each graph of an N-Quads file written by the build (one graph's file, or the whole
    dataset's export), as (IRI, its N-Triples text), by IRI: the graph IRI is the line's last
    term, so a graph's lines are found by one pass and a dict."""
    graphs: dict[str, list[str]] = {}
    with nq.open(encoding="utf-8") as lines:
        for line in lines:
            triple, graph = quad_graph(line)
            graphs.setdefault(graph, []).append(f"{triple}\n")
    for graph, triples in sorted(graphs.items()):
        yield graph, "".join(triples).encode("utf-8")
