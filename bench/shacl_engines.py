"""SHACL engines run on one graph and one core shapes graph, each report read as the set of
(focus node, result path, source constraint component, severity) that docs/validation.md compares
with pySHACL's. An engine here is a function (data N-Triples, shapes) → those keys, one per result;
it parses what it is given, compiles the shapes, validates and reads its report, all timed.

"pyshacl" is the reference, called as kg.validate.check calls it; "store" is the project's own
engine (kg.validate.core); the others are the packages of the `shacl-eval` extra, each through its
documented Python entry point. Results that pySHACL nests under another with sh:detail (why a value
failed sh:node) are left out of every report, as kg.validate.check leaves them out of pySHACL's.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.validate.shapes import Shapes

Key = tuple[str, str, str, str]   # (focus, path, component, severity); path "" when none
SH_NS = str(SH)


@dataclass(frozen=True)
class Inputs:
    data_nt: str      # the graph with the ontology, N-Triples
    shapes: Shapes    # kg.validate.shapes: .core is the shapes graph without sh:sparql
    shapes_nt: str    # .core as N-Triples, for the engines that read text


def _iri(text: str | None) -> str:
    """'<http://x>' or 'http://x' → 'http://x'; a blank node's label is not compared."""
    if not text:
        return ""
    text = text.strip()
    if text.startswith("_:"):
        return "_:"
    return text[1:-1] if text.startswith("<") and text.endswith(">") else text


def _path_text(text: str | None) -> str:
    """A path as an engine prints it ('<p>', '^<p>', '^(p)', 'p') → 'p' or '^p'."""
    if not text:
        return ""
    text = text.strip()
    if text.startswith("^"):
        return "^" + _iri(text[1:].strip("()"))
    return _iri(text)


def _path_node(graph: Graph, node: Node | None) -> str:
    """sh:resultPath as a node of `graph`: an IRI, or a blank node holding sh:inversePath."""
    if node is None:
        return ""
    if isinstance(node, BNode):
        inverse = graph.value(node, SH.inversePath)
        return "^" + str(inverse) if isinstance(inverse, URIRef) else "(path)"
    return str(node)


def _severity(text: str) -> str:
    """'Violation', 'sh:Violation' or the full IRI → 'Violation'."""
    return _iri(text).rsplit("#", 1)[-1].rsplit(":", 1)[-1]


def _focus(node: Node) -> str:
    return "_:" if isinstance(node, BNode) else str(node)


def report_keys(report: Graph) -> list[Key]:
    """The results of a W3C sh:ValidationReport graph, nested (sh:detail) ones left out."""
    details = set(report.objects(None, SH.detail))
    return [(_focus(report.value(item, SH.focusNode)),
             _path_node(report, report.value(item, SH.resultPath)),
             str(report.value(item, SH.sourceConstraintComponent)),
             _severity(str(report.value(item, SH.resultSeverity))))
            for item in set(report.subjects(SH.focusNode, None)) if item not in details]


def run_pyshacl(inputs: Inputs) -> list[Key]:
    import pyshacl

    from kg.validate.check import _hash_constraint_parameters

    _hash_constraint_parameters()
    data = Graph().parse(data=inputs.data_nt, format="nt")
    _, report, _ = pyshacl.validate(data, shacl_graph=inputs.shapes.core, inference="none",
                                    inplace=True, allow_warnings=True, allow_infos=True)
    return report_keys(report)


def run_store(inputs: Inputs) -> list[Key]:
    import pyoxigraph as ox

    from kg.validate.core import Data, core_violations
    from kg.validate.program import compile_shapes

    store = ox.Store()
    store.bulk_load(inputs.data_nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    program = compile_shapes(inputs.shapes.core)
    return [(_focus(r["focus"]), _path_node(inputs.shapes.core, r["path"]), str(r["component"]),
             r["severity"]) for r in core_violations(store, program, None, Data(store))]


def run_shacl(inputs: Inputs) -> list[Key]:
    import shacl

    shapes = shacl.Shapes.from_text(inputs.shapes_nt, format="ntriples")
    report = shapes.validate_text(inputs.data_nt, format="ntriples", allow_warnings=True)
    return [(_iri(r.focus_node), _path_text(r.path), r.component_iri, _severity(r.severity))
            for r in report.results]


def _shacl_rust(inputs: Inputs, index: bool) -> list[Key]:
    import shacl_rust

    report = shacl_rust.validate(inputs.data_nt, inputs.shapes_nt, data_format="nt",
                                 shapes_format="nt", experimental_index=index)
    return [(_iri(r["focusNode"]), _path_text(r.get("resultPath")),
             _iri(r["sourceConstraintComponent"]), _severity(r["severity"]))
            for r in report["results"]]


def run_shacl_rust(inputs: Inputs) -> list[Key]:
    return _shacl_rust(inputs, index=False)


def run_shacl_rust_index(inputs: Inputs) -> list[Key]:
    return _shacl_rust(inputs, index=True)


def run_shifty(inputs: Inputs) -> list[Key]:
    import shifty

    # bytes are parsed as Turtle (N-Triples is Turtle); "data": focus nodes and values from the
    # data graph alone, as pySHACL; no SHACL-AF rules
    _, report, _ = shifty.validate(inputs.data_nt.encode("utf-8"), inputs.shapes_nt.encode("utf-8"),
                                   graph_mode="data", infer=False)
    return report_keys(report)


def run_pyshacl_turbo(inputs: Inputs) -> list[Key]:
    import pyoxigraph as ox
    import pyshacl_turbo

    # its fast input: a pyoxigraph store is handed over as N-Quads (0.6.5: then a string value
    # is never found in an sh:in list; run_pyshacl_turbo_rdflib does not have that fault)
    store = ox.Store()
    store.bulk_load(inputs.data_nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    shapes = pyshacl_turbo.compile_shapes(inputs.shapes.core)
    _, report, _ = shapes.validate(store, inference="none", allow_warnings=True, allow_infos=True)
    return report_keys(report)


def run_pyshacl_turbo_rdflib(inputs: Inputs) -> list[Key]:
    """The same through an rdflib Graph: slower (rdflib parses the graph, the engine serializes it
    again), but its sh:in holds of a string value that the store's route reports (0.6.5)."""
    import pyshacl_turbo

    data = Graph().parse(data=inputs.data_nt, format="nt")
    shapes = pyshacl_turbo.compile_shapes(inputs.shapes.core)
    _, report, _ = shapes.validate(data, inference="none", allow_warnings=True, allow_infos=True)
    return report_keys(report)


def run_pyrudof(inputs: Inputs) -> list[Key]:
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    with tempfile.TemporaryDirectory() as folder:   # a file: its input is inline text, a path or
        data = os.path.join(folder, "data.nt")       # a URL, guessed from the string
        with open(data, "w", encoding="utf-8") as out:
            out.write(inputs.data_nt)
        rudof.read_data(input=data, format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(input=inputs.shapes_nt, format=pyrudof.ShaclFormat.NTriples)
    report = rudof.validate_shacl()
    return [(_iri(e.focus_node), _path_text(e.path), _iri(e.constraint_component),
             _severity(e.severity)) for e in report]


@dataclass(frozen=True)
class Engine:
    name: str
    package: str          # the distribution whose version is reported
    run: Callable[[Inputs], list[Key]]


ENGINES = [
    Engine("pyshacl", "pyshacl", run_pyshacl),
    Engine("store", "plankg", run_store),
    Engine("pyshacl-turbo", "pyshacl-turbo", run_pyshacl_turbo),
    Engine("pyshacl-turbo (rdflib Graph)", "pyshacl-turbo", run_pyshacl_turbo_rdflib),
    Engine("pyshifty", "pyshifty", run_shifty),
    Engine("pyrudof", "pyrudof", run_pyrudof),
    Engine("shacl-rust", "shacl-rust", run_shacl_rust),
    Engine("shacl-rust (experimental_index)", "shacl-rust", run_shacl_rust_index),
    Engine("shacl", "shacl", run_shacl),
]
BY_NAME = {engine.name: engine for engine in ENGINES}


def package_version(engine: Engine) -> str | None:
    """The installed version, or None when the package is not installed (pip install
    'plankg[shacl-eval]')."""
    try:
        return version(engine.package)
    except PackageNotFoundError:
        return None
