"""One query against a store (embedded or remote), as a worker process runs it: at most N rows,
serialised in the negotiated media type. Jobs and answers are plain picklable dataclasses.

Rows are capped by reading N+1 solutions (or triples) off pyoxigraph's lazy iterator, so a query
with millions of answers stops after N+1 (a remote answer stops streaming when its connection is
closed); pyoxigraph then writes the kept rows itself, whichever store they came from.
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
    variables = results.variables
    solutions = list(islice(results, job.max_rows + 1))
    kept = solutions[:job.max_rows]
    body = _as_solutions(variables, kept).serialize(format=media.results_format)
    return Answer(body, media.name, len(kept), len(solutions) > job.max_rows)


def syntax_failure(message: str) -> Failure:
    match = PARSER_POSITION.match(message)
    if not match:
        return Failure("syntax", message)
    return Failure("syntax", f"SPARQL syntax error at {match[1]}:{match[2]}: {match[3]}",
                   int(match[1]), int(match[2]))


def _as_solutions(variables: list[ox.Variable], rows: list[ox.QuerySolution]) -> ox.QuerySolutions:
    """The kept rows as a QuerySolutions pyoxigraph can serialise in any results format.

    pyoxigraph has no constructor for one, but reads TSV, whose cells are terms in N-Triples
    syntax, which is what str() of a pyoxigraph term gives (escapes included).
    """
    lines = ["\t".join(str(v) for v in variables)]
    # a solution iterates its values in variable order, None where unbound (several times
    # faster than looking each variable up)
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in rows]
    tsv = ("\n".join(lines) + "\n").encode("utf-8")
    return ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
