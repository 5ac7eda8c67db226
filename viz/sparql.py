"""How the visualiser reads the graph: SELECT queries answered as SPARQL JSON results and parsed
into rows of plain strings, through whichever store the caller has (embedded, or the API's pool).

`Select` is the one seam: the CLI passes `embedded_select(EmbeddedStore(...))`, the API passes a
function that sends the query to its worker processes. Networks are built from rows alone.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from kg.store import EmbeddedStore
from kg.vocab import PKID

Row = dict[str, str]
Select = Callable[[str], list[Row]]

SPARQL_JSON = "application/sparql-results+json"

# An IRI safe to write between < > in a query: what the store itself returns never contains these
# (https://w3id.org/plankg/id/org/shapingba/health-commission passes; `a> } DROP` would not).
SAFE_IRI = re.compile(r'^[^\s<>"{}|^`\\]+$')


class ResultsError(ValueError):
    """An answer that is not SPARQL JSON results of a SELECT query."""


def parse_results(body: bytes | str) -> list[Row]:
    """SPARQL 1.1 JSON results → one dict per solution, variable → value (IRI or lexical form);
    unbound variables are left out, as the format leaves them out."""
    try:
        document = json.loads(body)
        bindings = document["results"]["bindings"]
    except (ValueError, KeyError, TypeError) as error:
        raise ResultsError(f"not SPARQL JSON SELECT results: {error}") from error
    return [{name: term["value"] for name, term in solution.items()} for solution in bindings]


def embedded_select(store: EmbeddedStore) -> Select:
    """A `Select` over the in-process store, through the same JSON results the API returns."""

    def select(sparql: str) -> list[Row]:
        return parse_results(store.serialize(sparql, "json"))

    return select


def iri(value: str) -> str:
    """`<value>` for a query, refusing anything that could break out of the brackets."""
    if not SAFE_IRI.match(value):
        raise ValueError(f"not an IRI that can be written in a query: {value!r}")
    return f"<{value}>"


def values(variable: str, iris: Iterable[str]) -> str:
    """A VALUES block binding `?variable` to each IRI (sorted, so the same input gives the same
    query text)."""
    return f"VALUES ?{variable} {{ {' '.join(iri(v) for v in sorted(set(iris)))} }}"


def local_path(value: str) -> str:
    """`https://w3id.org/plankg/id/org/yuzhong/health-commission` → `org/yuzhong/health-commission`."""
    return value[len(str(PKID)):] if value.startswith(str(PKID)) else value


def last_segment(value: str) -> str:
    """The id at the end of an instance IRI: `…/kind/health-commission` → `health-commission`."""
    return value.rstrip("/").rsplit("/", 1)[-1]
