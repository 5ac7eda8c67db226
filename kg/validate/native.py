"""SHACL Core constraints run by the `shacl` package (SHACL_Engine, compiled from Rust): the shapes
are compiled once, the graph is given as N-Triples, and each result is turned into the dict
kg.validate.check assembles into a Result, in the terms of the project's own shapes graph.

It gives the report pySHACL gives (tests/validate/test_core.py; the evaluation against the other
engines is in docs/validation.md). Two things are filled in here from the shapes graph rather
than read off the engine's result:

- the source shape when it is a blank node (an unnamed property shape): the engine names its own
  copy of it, so it is found again in the project's graph by the named shape it hangs from
  (through sh:property, at any depth), its path and the constraint component; of two that share
  all three (none in ontology/shapes.ttl), the first in the graph's order is named;
- the message: the source shape's sh:message, else its node shape's (ontology/shapes.ttl writes
  the message on the node shape when the property shape is unnamed), else one naming the
  constraint ("Fails sh:minCount (pk:text).").
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.validate.shapes import SEVERITIES, Shapes
from kg.validate.terms import short, to_rdflib

SEVERITY_NAMES = {name: iri for iri, name in SEVERITIES.items()}
SUBJECT = "<urn:plankg:result>"   # the subject of the triples that carry terms to parse


class EngineError(RuntimeError):
    """The engine refused the shapes or the graph: its own words."""


@dataclass(frozen=True)
class Compiled:
    engine: object                                  # shacl.Shapes
    graph: Graph                                    # the core shapes graph it was compiled from
    shapes: Shapes
    unnamed: dict[tuple[str, str, str], BNode]      # (named shape, path, component) → the shape


def compile_core(shapes: Shapes) -> Compiled:
    import shacl   # only here: a rebuild that reads every part's results from the cache needs none

    graph = shapes.core
    try:
        engine = shacl.Shapes.from_text(graph.serialize(format="nt"), format="ntriples")
    except ValueError as error:
        raise EngineError(f"the shapes graph: {error}") from None
    unnamed: dict[tuple[str, str, str], BNode] = {}
    for node in sorted(graph.subjects(SH.path, None)):
        root = _root(shapes, node)
        if not isinstance(node, BNode) or root is None:
            continue
        path = _path_key(graph, graph.value(node, SH.path))
        for parameter in graph.predicates(node, None):
            unnamed.setdefault((str(root), path, _component(parameter)), node)
    return Compiled(engine, graph, shapes, unnamed)


def _root(shapes: Shapes, node: Node) -> Node | None:
    """The named shape a blank property shape hangs from through sh:property, if any."""
    seen = set()
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        node = shapes.owner.get(node)
    return node


def _component(parameter: Node) -> str:
    """sh:minCount → sh:MinCountConstraintComponent (a parameter of no component gives a name
    no result carries)."""
    name = str(parameter)[len(str(SH)):]
    return f"{SH}{name[:1].upper()}{name[1:]}ConstraintComponent"


def _path_key(graph: Graph, path: Node) -> str:
    """A path as the engine prints it: '<p>', '^<p>'."""
    if isinstance(path, URIRef):
        return f"<{path}>"
    inverse = graph.value(path, SH.inversePath)
    return f"^<{inverse}>" if isinstance(inverse, URIRef) else str(path)


def _terms(texts: list[str]) -> list[Node]:
    """N-Triples terms ('<iri>', '"2025年"^^<…>', '_:b1') as rdflib terms, parsed in one pass."""
    if not texts:
        return []
    document = "".join(f"{SUBJECT} <urn:plankg:n{i}> {text} .\n" for i, text in enumerate(texts))
    parsed = {}
    for triple in ox.parse(document.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        parsed[int(triple.predicate.value[len("urn:plankg:n"):])] = to_rdflib(triple.object)
    return [parsed[i] for i in range(len(texts))]


def _focus_term(text: str) -> Node:
    return BNode(text[2:]) if text.startswith("_:") else URIRef(text.strip("<>"))


def _messages(compiled: Compiled, shape: Node, component: str) -> tuple[str, str]:
    graph = compiled.graph
    for source in (shape, compiled.shapes.owner.get(shape)):
        found = {m.language or "en": str(m) for m in graph.objects(source, SH.message)} \
            if source is not None else {}
        if found:
            return found.get("en", next(iter(found.values()))), found.get("zh", found.get("en", ""))
    name = component[len(str(SH)):].removesuffix("ConstraintComponent")
    parameter = f"sh:{name[0].lower()}{name[1:]}"
    path = graph.value(shape, SH.path)
    where = ""
    if isinstance(path, URIRef):
        where = f" ({short(path)})"
    elif path is not None and graph.value(path, SH.inversePath) is not None:
        where = f" (^{short(graph.value(path, SH.inversePath))})"
    return f"Fails {parameter}{where}.", f"不满足 {parameter}{where}。"


def _source_shape(compiled: Compiled, result) -> Node:
    if not result.source_shape.startswith("_:"):
        return URIRef(result.source_shape.strip("<>"))
    key = (result.root_shape.strip("<>"), result.path or "", result.component_iri)
    if key not in compiled.unnamed:
        raise EngineError(f"a result of a blank-node shape the shapes graph does not hold under "
                          f"{key[0]} with path {key[1]}: {result!r}")
    return compiled.unnamed[key]


def core_violations(data_nt: str, compiled: Compiled, focus: set[Node] | None) -> list[dict]:
    """Every core-constraint result on `data_nt` (on the nodes of `focus`, when given)."""
    try:
        report = compiled.engine.validate_text(data_nt, format="ntriples", allow_warnings=True)
    except ValueError as error:
        raise EngineError(f"the data graph: {error}") from None
    results = [r for r in report.results if r.severity in SEVERITY_NAMES]
    focus_nodes = [_focus_term(r.focus_node) for r in results]
    kept = [i for i, node in enumerate(focus_nodes) if focus is None or node in focus]
    values = iter(_terms([results[i].value for i in kept if results[i].value is not None]))
    found = []
    for i in kept:
        result = results[i]
        shape = _source_shape(compiled, result)
        path = compiled.graph.value(shape, SH.path)
        if path is None and result.path and result.path.startswith("<"):
            path = URIRef(result.path[1:-1])   # sh:closed: the property not allowed
        found.append({
            "focus": focus_nodes[i], "value": None if result.value is None else next(values),
            "path": path, "message": _messages(compiled, shape, result.component_iri),
            "severity": result.severity, "source_shape": shape,
            "component": URIRef(result.component_iri)})
    return found
