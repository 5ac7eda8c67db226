"""The REST layer's one way to the graph: a named SPARQL file from api/rq/, its parameter row replaced
by the values given, as escaped RDF terms (bind), run through the store as SPARQL JSON, and read back as plain Python values.

Every api/rq/*.rq file declares its parameters in one VALUES row of UNDEFs, so each file also runs
as it is in any SPARQL client (every parameter open). Values enter a query only as terms written by
pyoxigraph (`str()` of a NamedNode or Literal is its escaped N-Triples form), never pasted as text.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import Depends

from api.deps import get_store
from api.execute import Failure, Job
from api.paging import Page
from api.pool import QueryPool
from kg.vocab import PKID, XSD

RQ = Path(__file__).resolve().parent / "rq"
SPARQL_JSON = "application/sparql-results+json"
# The REST queries are fixed and bounded by the size of the graph; this cap only guards against
# a query that went wrong, and is independent of PLANKG_MAX_ROWS (the /sparql users' cap).
ROW_CAP = 100_000

# One path segment of an instance IRI: `yongchuan-2025`, `16.3`, `c8.2`, `q-e5f4c2a948`
SEGMENT = r"[a-z0-9]+(?:[.-][a-z0-9]+)*"
# A whole instance path under pkid:, e.g. `task/yongchuan-2025/16.3`
ID_PATH = re.compile(rf"^{SEGMENT}(?:/{SEGMENT})*$")
# The parameter row of an api/rq file: `VALUES (?plan ?unitName) { (UNDEF UNDEF) }`
PARAMETER_ROW = re.compile(r"VALUES\s*\((?P<names>[^)]*)\)\s*\{\s*\((?P<row>[^)]*)\)\s*\}")
# The page of a paged api/rq file, in its ordered subquery: `LIMIT 201 OFFSET 0`
PAGE_CLAUSE = re.compile(r"\bLIMIT\s+\d+\s+OFFSET\s+\d+\b")

Term = ox.NamedNode | ox.Literal


class NotFound(LookupError):
    """An id that names nothing in the graph (answered 404)."""


class QueryFailed(RuntimeError):
    """A REST query the store could not answer: a fault of this program, not of the request."""


def instance(path: str) -> ox.NamedNode:
    """The pkid: IRI of an instance path; ValueError if the path is not a well-formed id."""
    if not ID_PATH.match(path):
        raise ValueError(f"{path!r} is not an instance id "
                         "(lower-case letters, digits, '.', '-', '/')")
    return ox.NamedNode(str(PKID) + path)


def local_id(iri: str | None, kind: str | None = None) -> str | None:
    """`https://w3id.org/plankg/id/task/yongchuan-2025/16.3` → `task/yongchuan-2025/16.3`, or with
    kind="task" → `yongchuan-2025/16.3` (the id the REST routes take)."""
    if iri is None or not iri.startswith(str(PKID)):
        return None
    path = iri[len(str(PKID)):]
    if kind is None:
        return path
    return path.removeprefix(kind + "/")


def text(value: str) -> ox.Literal:
    return ox.Literal(value)


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=ox.NamedNode(str(XSD.integer)))


def boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=ox.NamedNode(str(XSD.boolean)))


@lru_cache(maxsize=None)
def template(name: str) -> str:
    return (RQ / f"{name}.rq").read_text(encoding="utf-8")


def bind(query: str, values: dict[str, Term | None]) -> str:
    """The query with its parameter row replaced by one VALUES block a given value, each value an
    escaped term; a parameter not given is left out (the row of UNDEFs stays as it is when none
    is). The same solutions as the row filled in, but what Virtuoso 7.2 compiles: a VALUES row of
    two or more terms in a group with an OPTIONAL fails there ("SP031: SPARQL compiler: Internal
    error"). A value for a variable the row does not declare is a programming error.

    The row may be repeated, the same, in subqueries that must see the values too (SPARQL
    evaluates a subquery on its own: api/rq/plans.rq counts one plan's tasks, not all plans');
    every copy is replaced."""
    match = PARAMETER_ROW.search(query)
    declared = match["names"].split() if match else []
    unknown = {f"?{name}" for name in values} - set(declared)
    if unknown:
        raise KeyError(f"the query declares no parameter {', '.join(sorted(unknown))}")
    given = [name for name in declared if values.get(name[1:]) is not None]
    if not match or not given:
        return query
    blocks = " ".join(f"VALUES {name} {{ {values[name[1:]]} }}" for name in given)

    def replaced(row: re.Match) -> str:
        if row["names"].split() != declared:
            raise KeyError(f"a second parameter row declares {row['names']}, not {match['names']}")
        return blocks

    return PARAMETER_ROW.sub(replaced, query)


def paged(query: str, page: Page | None) -> str:
    """The query with its page clause (PAGE_CLAUSE, once in a paged file) reading `page`: one
    item past it, to tell whether another follows (api/paging.py). Without a page the file's
    own clause stays. Both numbers are ints written here, never text from the request."""
    if page is None:
        return query
    clauses = PAGE_CLAUSE.findall(query)
    if len(clauses) != 1:
        raise KeyError(f"a paged query needs one 'LIMIT n OFFSET m' clause, found {len(clauses)}")
    return PAGE_CLAUSE.sub(f"LIMIT {int(page.asked)} OFFSET {int(page.offset)}", query)


# the datatypes value() reads as numbers, as strings once (not at each of a million bindings)
INTEGERS = frozenset(str(t) for t in (XSD.integer, XSD.int, XSD.long))
REALS = frozenset(str(t) for t in (XSD.decimal, XSD.double, XSD.float))
G_YEAR, BOOLEAN = str(XSD.gYear), str(XSD.boolean)


def value(binding: dict[str, str]) -> Any:
    """One SPARQL JSON binding as a Python value: IRIs as strings, numbers as numbers."""
    if binding["type"] != "literal":
        return binding["value"]
    datatype, lexical = binding.get("datatype"), binding["value"]
    if datatype is None:
        return lexical
    if datatype in INTEGERS:
        return int(lexical)
    if datatype in REALS:
        return float(lexical)
    if datatype == G_YEAR:
        return int(lexical[:4]) if lexical[:4].isdigit() else lexical
    if datatype == BOOLEAN:
        return lexical in ("true", "1")   # XML Schema's lexical forms; Virtuoso writes 1 and 0
    return lexical


class GraphReader:
    """Runs the api/rq queries through the store (api/pool.py) and reads their answers."""

    def __init__(self, store: QueryPool, build: Path | None = None):
        self.store = store
        self.build = build   # the build folder served: a PDF, DOCX or HTML plan's lines are there

    async def rows(self, name: str, page: Page | None = None,
                   **values: Term | None) -> list[dict[str, Any]]:
        """The solutions of api/rq/<name>.rq, each a dict of the variables it binds; of a paged
        file, those of the items of `page` (and of the one after it)."""
        return [{var: value(b) for var, b in row.items()}
                for row in await self.bindings(name, page, **values)]

    async def bindings(self, name: str, page: Page | None = None,
                       **values: Term | None) -> list[dict[str, dict]]:
        """The solutions as SPARQL JSON bindings ({"type", "value", "xml:lang", "datatype"})."""
        answer = json.loads(await self._run(name, values, results_type=SPARQL_JSON, page=page))
        return answer["results"]["bindings"]

    async def ask(self, name: str, **values: Term | None) -> bool:
        return json.loads(await self._run(name, values, results_type=SPARQL_JSON))["boolean"]

    async def graph(self, name: str, media_type: str, **values: Term | None) -> bytes:
        """The triples of a CONSTRUCT in api/rq/<name>.rq, written in `media_type`."""
        return await self._run(name, values, graph_type=media_type)

    async def _run(self, name: str, values: dict[str, Term | None],
                   results_type: str | None = None, graph_type: str | None = None,
                   page: Page | None = None) -> bytes:
        job = Job(query=paged(bind(template(name), values), page), results_type=results_type,
                  graph_type=graph_type, max_rows=ROW_CAP)
        reply = await self.store.run(job)
        if isinstance(reply, Failure):
            raise QueryFailed(f"api/rq/{name}.rq: {reply.message}")
        if reply.truncated:
            raise QueryFailed(f"api/rq/{name}.rq: more than {ROW_CAP} rows")
        return reply.body


async def get_reader(store: QueryPool = Depends(get_store)) -> GraphReader:
    """What REST routes receive with Depends: the reader over the app's store."""
    return GraphReader(store, store.settings.build_dir)
