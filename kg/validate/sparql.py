"""SPARQL-based constraints on pyoxigraph: each query runs once over the whole data graph with
$this unbound, and each solution whose $this is a target (and a requested focus node) is a result.

Running a constraint once instead of once per focus node gives the same results for queries that
bind $this in their own graph patterns, which every query in ontology/shapes.ttl does (a test runs
them per focus node too and compares). SHACL §5.3 pre-binding is what pySHACL does, on rdflib's
engine: about 390 s for the five plans, against well under a second here.
"""
from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.validate.core import Data
from kg.validate.shapes import SEVERITIES, Shapes, ShapesError, SparqlConstraint
from kg.validate.terms import short, to_oxigraph, to_rdflib

# {?value}, {$this}: a variable inside a message (sh:message "Task number {?value} …")
MESSAGE_VARIABLE = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


def _message(template: Literal, bindings: dict[str, Node]) -> str:
    def fill(match: re.Match) -> str:
        term = bindings.get(match.group(1))
        return short(term) if term is not None else match.group(0)

    return MESSAGE_VARIABLE.sub(fill, str(template))


def _messages(constraint: SparqlConstraint, bindings: dict[str, Node]) -> tuple[str, str]:
    by_lang = {m.language or "en": _message(m, bindings) for m in constraint.messages}
    return by_lang.get("en", ""), by_lang.get("zh", by_lang.get("en", ""))


def run_constraint(store: ox.Store, constraint: SparqlConstraint, targets: set,
                   focus: set | None) -> list[dict]:
    """Raw results of one constraint: dicts with focus, path, value, message. `targets` and
    `focus` hold pyoxigraph terms."""
    try:
        solutions = store.query(constraint.query)
    except SyntaxError as error:
        raise ShapesError(f"{constraint.shape}: its SPARQL does not parse: {error}") from error
    variables = [v.value for v in solutions.variables]
    if "this" not in variables:
        raise ShapesError(f"{constraint.shape}: its SELECT must return $this")
    found = []
    for row in solutions:
        this = row["this"]
        if this is None or this not in targets or (focus is not None and this not in focus):
            continue
        bindings = {name: to_rdflib(row[name]) for name in variables if row[name] is not None}
        if bindings.get("failure") == Literal(True):
            raise ShapesError(f"{constraint.shape}: the constraint reported a failure on "
                              f"{bindings['this']}")
        path = bindings.get("path")
        found.append({"focus": bindings["this"], "path": path if isinstance(path, URIRef) else None,
                      "value": bindings.get("value", bindings["this"]),
                      "message": _messages(constraint, bindings)})
    return found


def sparql_results(store: ox.Store, shapes: Shapes, focus: set[Node] | None,
                   data: Data | None = None) -> list[dict]:
    """Every SPARQL-constraint result, as dicts the report assembles (see kg.validate.check).
    The targets come from `data` (kg.validate.core), the store as the core constraints read it:
    solutions are compared with them as pyoxigraph terms, and only the kept ones are turned
    into rdflib terms (most solutions of a plan's part are on nodes it only reads)."""
    data = data or Data(store)
    wanted = None if focus is None else {to_oxigraph(node) for node in focus}
    results = []
    for constraint in shapes.sparql:
        targets = data.targets((kind, to_oxigraph(value)) for kind, value in constraint.targets)
        for raw in run_constraint(store, constraint, targets, wanted):
            raw.update(severity=SEVERITIES[constraint.severity], source_shape=constraint.shape,
                       component=SH.SPARQLConstraintComponent)
            results.append(raw)
    return results
