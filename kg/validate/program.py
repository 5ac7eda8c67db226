"""The core constraints of a shapes graph, compiled once into plain Python data for the store
engine (kg.validate.core) to run: each shape with its targets, path, constraints and messages.

SHACL Core is covered except sh:closed, property paths other than an IRI or sh:inversePath of one,
and sh:qualifiedValueShapesDisjoint; a shapes graph that uses one of those raises Unsupported and
is checked by pySHACL instead (kg.validate.check).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.validate.shapes import TARGETS
from kg.validate.terms import to_oxigraph

# parameters whose value is one term, and those whose value is an RDF list
SINGLE = {SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.minLength,
          SH.maxLength, SH.pattern, SH.minInclusive, SH.maxInclusive, SH.minExclusive,
          SH.maxExclusive, SH.hasValue, SH.uniqueLang, SH.node, SH["not"], SH.equals, SH.disjoint,
          SH.lessThan, SH.lessThanOrEquals, SH.qualifiedValueShape}
LISTS = {SH["in"], SH.languageIn, SH["or"], SH.xone, SH["and"]}
# read with another parameter, or not a constraint of their own
COMPANIONS = {SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount}
DESCRIPTIVE = {RDF.type, SH.path, SH.property, SH.message, SH.severity, SH.deactivated, SH.name,
               SH.description, SH.order, SH.group, SH.defaultValue, *TARGETS}
UNSUPPORTED = {SH.closed, SH.ignoredProperties, SH.qualifiedValueShapesDisjoint, SH.sparql}


class Unsupported(ValueError):
    """A shapes graph using a feature the store engine does not run."""


@dataclass(frozen=True)
class Constraint:
    parameter: URIRef           # sh:minCount, sh:class …
    value: object               # an ox term, a tuple of them, a Shape, a tuple of Shapes, an int
    extra: object = None        # sh:flags of a pattern, (min, max) of a qualified value shape


@dataclass(eq=False)
class Shape:
    node: Node                                       # the shape's own node (sh:sourceShape)
    path: ox.NamedNode | None = None                 # property shapes only
    inverse: bool = False                            # the path is sh:inversePath
    path_node: Node | None = None                    # sh:resultPath as written
    severity: URIRef = SH.Violation
    messages: tuple[str, str] | None = None          # (en, zh), None: the owner's or a generic one
    targets: tuple[tuple[URIRef, ox.NamedNode], ...] = ()
    constraints: list[Constraint] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    owner: Shape | None = None                       # the node shape of a property shape
    deactivated: bool = False

    @property
    def is_property(self) -> bool:
        return self.path is not None


@dataclass
class Program:
    shapes: list[Shape]     # every shape with targets; the rest are reached from them


def _messages(graph: Graph, node: Node) -> tuple[str, str] | None:
    found = {m.language or "en": str(m) for m in graph.objects(node, SH.message)}
    if not found:
        return None
    return found.get("en", next(iter(found.values()))), found.get("zh", found.get("en", ""))


class _Compiler:
    def __init__(self, graph: Graph):
        self.graph = graph
        self.shapes: dict[Node, Shape] = {}

    def shape(self, node: Node) -> Shape:
        if node in self.shapes:
            return self.shapes[node]
        graph = self.graph
        compiled = Shape(node, severity=graph.value(node, SH.severity) or SH.Violation,
                         messages=_messages(graph, node),
                         deactivated=graph.value(node, SH.deactivated) == Literal(True))
        self.shapes[node] = compiled        # before its parts: shapes may refer to themselves
        path = graph.value(node, SH.path)
        if path is not None:
            compiled.path_node = path
            inverse = graph.value(path, SH.inversePath) if isinstance(path, BNode) else None
            if isinstance(path, URIRef):
                compiled.path = ox.NamedNode(str(path))
            elif isinstance(inverse, URIRef):
                compiled.path, compiled.inverse = ox.NamedNode(str(inverse)), True
            else:
                raise Unsupported(f"{node}: only an IRI or sh:inversePath of one as sh:path")
        compiled.targets = tuple(sorted((kind, to_oxigraph(value)) for kind in TARGETS
                                        for value in graph.objects(node, kind)))
        for parameter, value in sorted(graph.predicate_objects(node)):
            self._constraint(compiled, parameter, value)
        for prop in sorted(graph.objects(node, SH.property)):
            child = self.shape(prop)
            child.owner = compiled
            compiled.properties.append(child)
        return compiled

    def _constraint(self, shape: Shape, parameter: URIRef, value: Node) -> None:
        graph = self.graph
        if parameter in UNSUPPORTED:
            raise Unsupported(f"{shape.node}: {parameter} is not run by the store engine")
        if parameter in DESCRIPTIVE or parameter in COMPANIONS or not parameter.startswith(str(SH)):
            return
        if parameter in LISTS:
            items = tuple(Collection(graph, value))
            if parameter in (SH["or"], SH.xone, SH["and"]):
                shape.constraints.append(Constraint(parameter, tuple(self.shape(i) for i in items)))
            elif parameter == SH.languageIn:
                shape.constraints.append(Constraint(parameter, frozenset(str(i).lower() for i in items)))
            else:
                shape.constraints.append(Constraint(parameter, frozenset(to_oxigraph(i) for i in items)))
        elif parameter in (SH.node, SH["not"]):
            shape.constraints.append(Constraint(parameter, self.shape(value)))
        elif parameter == SH.qualifiedValueShape:
            bounds = (graph.value(shape.node, SH.qualifiedMinCount),
                      graph.value(shape.node, SH.qualifiedMaxCount))
            shape.constraints.append(Constraint(parameter, self.shape(value), tuple(
                None if b is None else int(b) for b in bounds)))
        elif parameter in (SH.minCount, SH.maxCount, SH.minLength, SH.maxLength):
            shape.constraints.append(Constraint(parameter, int(value)))
        elif parameter == SH.uniqueLang:
            if value == Literal(True):
                shape.constraints.append(Constraint(parameter, True))
        elif parameter == SH.pattern:
            shape.constraints.append(Constraint(parameter, str(value),
                                                str(graph.value(shape.node, SH.flags) or "")))
        elif parameter in SINGLE:
            shape.constraints.append(Constraint(parameter, to_oxigraph(value)))
        else:
            raise Unsupported(f"{shape.node}: {parameter} is not run by the store engine")


def compile_shapes(graph: Graph) -> Program:
    """The core constraints of `graph` (SPARQL constraints already taken out, kg.validate.shapes)."""
    compiler = _Compiler(graph)
    roots = sorted({s for kind in TARGETS for s in graph.subjects(kind, None)})
    for node in roots:
        compiler.shape(node)
    # shapes only referred to (sh:node, sh:or …) were compiled on the way
    return Program([compiler.shapes[n] for n in roots])
