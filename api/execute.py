"""One query against a store (embedded or remote), as a worker process runs it: at most N rows,
serialised in the negotiated media type. Jobs and answers are plain picklable dataclasses.

Solutions are written by pyoxigraph itself into a sink (api/sinks.py) that counts them as they
are written and stops the writing at the first byte past the Nth: a query with millions of
answers stops after N+1 (a remote answer stops streaming when its connection is closed), and no
solution passes through Python. SPARQL JSON is written directly; any other type as TSV, one line
a solution, read back and written in that type (TSV as it is). Triples are capped by reading N+1
off the lazy iterator.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

import pyoxigraph as ox

from api.negotiation import BY_NAME, Kind
from api.sinks import Capped, JsonSink, LineSink  # noqa: F401  (Capped, LineSink: tests)
from kg.store import (QueryError, QueryResults, Store, StoreFailed, StoreTimedOut,
                      StoreUnreachable)
from kg.vocab import PREFIXES

# pyoxigraph's parser message: "error at 3:2: expected OPTIONAL"
PARSER_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.DOTALL)

# Turtle with the pkid: prefix would print `pkid:task\/shapingba-2025\/6`: instance IRIs are
# paths, and `/` must be escaped in a local name. Full IRIs read better.
TURTLE_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "pkid"}
AGAIN = None  # _answer's word for: run the query again and count its solutions by lines


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
            answer = _answer(results, job)
        if answer is AGAIN:
            with store.results(job.query, job.default_graphs, job.named_graphs) as results:
                answer = _answer(results, job, by_lines=True)
        return answer
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


def _answer(results: QueryResults, job: Job, by_lines: bool = False) -> Answer | Failure | None:
    """The answer; None (AGAIN) when JSON written directly could not be counted (run again,
    `by_lines`)."""
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
    if media.results_format == ox.QueryResultsFormat.JSON and not by_lines:
        direct = JsonSink(job.max_rows)
        try:
            results.serialize(direct, format=ox.QueryResultsFormat.JSON)
        except Capped:
            pass
        if not direct.unsure:
            return Answer(direct.kept(), media.name, direct.solutions, direct.capped)
        return AGAIN  # a solution binding nothing: counted by lines instead, from a fresh run
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
