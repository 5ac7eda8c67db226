"""The shapes graph, read once and split by how each constraint is checked.

Core constraints (cardinality, datatype, sh:class …) stay in a shapes graph for pySHACL; SPARQL-based
constraints (sh:sparql on a node shape) are taken out and run by kg.validate.sparql on pyoxigraph,
once per constraint over all focus nodes instead of once per focus node.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from pathlib import Path
from typing import TypeVar

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

T = TypeVar("T")
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


class ShapesError(ValueError):
    """A shapes graph this validator cannot run, and why."""


@dataclass(frozen=True)
class SparqlConstraint:
    """One sh:SPARQLConstraint of a node shape, ready to run: prefixes already prepended."""

    shape: URIRef
    node: Node                      # the constraint node (sh:sourceConstraint)
    query: str
    messages: tuple[Literal, ...]
    severity: URIRef
    targets: tuple[tuple[URIRef, Node], ...]  # (sh:targetClass, pk:Task) …


@dataclass
class Shapes:
    core: Graph                                  # every shape, sh:sparql removed
    sparql: list[SparqlConstraint]
    names: dict[Node, dict[str, str]] = field(default_factory=dict)   # shape → {lang: sh:name}
    owner: dict[Node, Node] = field(default_factory=dict)             # property shape → node shape

    def group(self, shape: Node) -> Node:
        """The node shape a result of `shape` is reported under (itself, or its owner)."""
        return self.owner.get(shape, shape)

    def name(self, shape: Node, lang: str) -> str:
        names = self.names.get(self.group(shape), {})
        return names.get(lang) or names.get("en") or str(self.group(shape))


def _prefixes(graph: Graph, constraint: Node) -> str:
    lines = []
    for source in graph.objects(constraint, SH.prefixes):
        for declaration in graph.objects(source, SH.declare):
            prefix = graph.value(declaration, SH.prefix)
            namespace = graph.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def _constraint(graph: Graph, shape: URIRef, node: Node) -> SparqlConstraint:
    select = graph.value(node, SH.select)
    if select is None:
        raise ShapesError(f"{shape}: a sh:sparql constraint without sh:select")
    severity = graph.value(shape, SH.severity) or SH.Violation
    messages = tuple(sorted(graph.objects(node, SH.message), key=lambda m: m.language or "")) \
        or tuple(sorted(graph.objects(shape, SH.message), key=lambda m: m.language or ""))
    targets = tuple(sorted((kind, value) for kind in TARGETS for value in graph.objects(shape, kind)))
    return SparqlConstraint(shape, node, f"{_prefixes(graph, node)}\n{select}", messages, severity,
                            targets)


def split_shapes(graph: Graph) -> Shapes:
    """Take the SPARQL constraints out of `graph` (a copy is changed, not `graph`)."""
    core = Graph()
    for triple in graph:
        core.add(triple)
    for prefix, namespace in graph.namespaces():
        core.bind(prefix, namespace)
    constraints = []
    for shape, node in sorted(graph.subject_objects(SH.sparql)):
        if (shape, RDF.type, SH.PropertyShape) in graph or graph.value(shape, SH.path):
            raise ShapesError(f"{shape}: sh:sparql on a property shape is not supported here; "
                              "write it on a node shape")
        if graph.value(shape, SH.deactivated) == Literal(True):
            continue
        constraints.append(_constraint(graph, shape, node))
        core.remove((shape, SH.sparql, node))
    shapes = Shapes(core, constraints)
    for shape, name in graph.subject_objects(SH.name):
        shapes.names.setdefault(shape, {})[name.language or "en"] = str(name)
    for shape, prop in graph.subject_objects(SH.property):
        shapes.owner[prop] = shape
    return shapes


def cached_by_file(function: Callable[[Path], T]) -> Callable[[Path], T]:
    """`function(path)` computed once for each version of the file: its path, time of change and
    size (a shapes file edited between two builds of one process is read again)."""
    @lru_cache(maxsize=4)
    def compute(path: str, changed: int, size: int) -> T:
        return function(Path(path))

    @wraps(function)
    def cached(path: Path) -> T:
        stat = path.stat()
        return compute(str(path), stat.st_mtime_ns, stat.st_size)

    return cached


@cached_by_file
def load_shapes(path: Path) -> Shapes:
    return split_shapes(Graph().parse(path, format="turtle"))
