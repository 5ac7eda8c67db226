"""One query against a store (embedded or remote), as a worker process runs it: at most N rows,
serialised in the negotiated media type. Jobs and answers are plain picklable dataclasses.

Solutions are written by pyoxigraph as TSV, one line a solution, into a sink that keeps the
header and the first N lines and stops the writing at the first byte past them: a query with
millions of answers stops after N+1 (a remote answer stops streaming when its connection is
closed), and no solution passes through Python. The kept lines are read back and written in the
type asked for (TSV as they are). Triples are capped by reading N+1 off the lazy iterator.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

import pyoxigraph as ox

from api.negotiation import BY_NAME, Kind
from kg.store import (QueryError, QueryResults, Store, StoreFailed, StoreTimedOut,
                      StoreUnreachable)
from kg.vocab import PREFIXES

# pyoxigraph's parser message: "error at 3:2: expected OPTIONAL"
PARSER_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.DOTALL)

# Turtle with the pkid: prefix would print `pkid:task\/shapingba-2025\/6`: instance IRIs are
# paths, and `/` must be escaped in a local name. Full IRIs read better.
TURTLE_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "pkid"}


@dataclass(frozen=True)
class Job:
    query: str
    results_type: str | None          # media type for SELECT/ASK answers, None if not acceptable
    graph_type: str | None            # media type for CONSTRUCT/DESCRIBE answers
    max_rows: int
    default_graphs: tuple[str, ...] = ()   # protocol default-graph-uri: graphs of the store only
    named_graphs: tuple[str, ...] = ()     # protocol named-graph-uri


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    rows: int
    truncated: bool


@dataclass(frozen=True)
class Failure:
    # syntax, not-acceptable, bad-request, error; from a remote store: unreachable, timeout,
    # bad-gateway
    reason: str
    message: str
    line: int | None = None
    column: int | None = None
    offered: tuple[str, ...] = field(default=())


def execute(store: Store, job: Job) -> Answer | Failure:
    """Run `job` on either store (embedded or remote): the same capping and serialising."""
    try:
        with store.results(job.query, job.default_graphs, job.named_graphs) as results:
            return _answer(results, job)
    except QueryError as error:
        return syntax_failure(str(error))
    except ValueError as error:  # e.g. a default-graph-uri that is not an IRI
        return Failure("bad-request", str(error))
    except StoreUnreachable as error:
        return Failure("unreachable", str(error))
    except StoreTimedOut as error:
        return Failure("timeout", str(error))
    except StoreFailed as error:
        return Failure("bad-gateway", str(error))


def _answer(results: QueryResults, job: Job) -> Answer | Failure:
    kind = Kind.RESULTS if isinstance(results, (ox.QuerySolutions, ox.QueryBoolean)) else Kind.GRAPH
    name = job.graph_type if kind is Kind.GRAPH else job.results_type
    if name is None:
        offered = tuple(m.name for m in BY_NAME.values() if m.kind is kind)
        message = (f"cannot answer a {kind.value} query in any media type accepted; "
                   f"offered: {', '.join(offered)}")
        return Failure("not-acceptable", message, offered=offered)
    media = BY_NAME[name]
    if isinstance(results, ox.QueryBoolean):
        return Answer(results.serialize(format=media.results_format), media.name, 1, False)
    if kind is Kind.GRAPH:
        triples = list(islice(results, job.max_rows + 1))
        kept = triples[:job.max_rows]
        prefixes = TURTLE_PREFIXES if media.rdf_format == ox.RdfFormat.TURTLE else None
        body = ox.serialize(kept, format=media.rdf_format, prefixes=prefixes)
        return Answer(body or b"", media.name, len(kept), len(triples) > job.max_rows)
    sink = LineSink(job.max_rows + 1)  # the header line, then a line a solution
    try:
        results.serialize(sink, format=ox.QueryResultsFormat.TSV)
    except Capped:
        pass
    tsv = sink.kept()
    if media.results_format != ox.QueryResultsFormat.TSV:
        tsv = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV).serialize(
            format=media.results_format)
    return Answer(tsv, media.name, sink.lines - 1, sink.capped)


def syntax_failure(message: str) -> Failure:
    match = PARSER_POSITION.match(message)
    if not match:
        return Failure("syntax", message)
    return Failure("syntax", f"SPARQL syntax error at {match[1]}:{match[2]}: {match[3]}",
                   int(match[1]), int(match[2]))


class Capped(Exception):
    """Raised by a LineSink at the first byte past its lines, to stop pyoxigraph writing."""


class LineSink:
    """A binary writer for pyoxigraph's serialize(): keeps the first `lines` lines written (a
    TSV results line is one solution: newlines inside terms are escaped) and raises Capped at
    the first byte past them."""

    def __init__(self, lines: int):
        self.room, self.lines, self.capped = lines, 0, False
        self.parts: list[bytes] = []

    def write(self, data) -> int:
        data = bytes(data)
        if not data:
            return 0
        if self.room == 0:
            self.capped = True
            raise Capped
        ends = data.count(b"\n")
        if ends < self.room:
            self.parts.append(data)
            self.room -= ends
            self.lines += ends
            return len(data)
        at = -1
        for _ in range(self.room):
            at = data.index(b"\n", at + 1)
        self.parts.append(data[:at + 1])
        self.lines += self.room
        self.room = 0
        if at + 1 < len(data):
            self.capped = True
            raise Capped
        return len(data)

    def flush(self) -> None:
        pass

    def kept(self) -> bytes:
        return b"".join(self.parts)
