"""One validation run over one graph (the whole corpus, or one plan's part of it): the core
constraints by the store engine (kg.validate.core) or by pySHACL, the SPARQL ones on pyoxigraph,
then each result gets its focus node's label and source lines. Takes and returns plain data so a
process pool can run it per plan.

ENGINES: "store" runs the core constraints over the same pyoxigraph store as the SPARQL ones;
"pyshacl" runs them in pySHACL, the reference the store engine is tested against. A shapes graph
using a feature the store engine does not run (kg.validate.program) goes to pySHACL either way.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.extract.records import Span
from kg.validate.core import Data, core_violations
from kg.validate.program import Program, Unsupported, compile_shapes
from kg.validate.report import Result
from kg.validate.shapes import SEVERITIES, Shapes, cached_by_file, load_shapes
from kg.validate.sparql import sparql_results
from kg.validate.terms import to_rdflib
from kg.vocab import PREFIXES

LABELS = """SELECT ?node ?label WHERE {
  ?node skos:prefLabel|dcterms:title ?label . FILTER (LANG(?label) = "zh") }"""
SOURCES = """SELECT ?node ?file ?start ?end WHERE {
  { ?node prov:wasDerivedFrom ?span } UNION { ?node pk:sourceFile ?file . BIND (?node AS ?span) }
  ?span pk:sourceFile ?file ; pk:startLine ?start ; pk:endLine ?end . }"""


def _hash_constraint_parameters() -> None:
    """pySHACL (0.40) finds each shape's constraints by testing the shape's every predicate for
    membership in a list of about forty constraint parameters, term by term in Python: a quarter
    of the time a plan's validation took (0.67 against 0.52 s of CPU a plan, measured on 100
    synthetic plans). Its module caches that list in pyshacl.shape.CONSTRAINT_PARAMS; given the
    parameter → component dict there instead, the same keys are tested by hash. pySHACL reads the
    pair as a list only to extend it for SHACL-JS or SHACL-AF, which this validator never turns
    on; another pySHACL that caches nothing there keeps its own lookup."""
    import pyshacl.shape
    from pyshacl.constraints import CONSTRAINT_PARAMETERS_MAP

    if isinstance(getattr(pyshacl.shape, "CONSTRAINT_PARAMS", None), (tuple, type(None))):
        pyshacl.shape.CONSTRAINT_PARAMS = (CONSTRAINT_PARAMETERS_MAP, CONSTRAINT_PARAMETERS_MAP)



ENGINES = ("store", "pyshacl")


@cached_by_file
def _program(path: Path) -> Program | None:
    try:
        return compile_shapes(load_shapes(path).core)
    except Unsupported:
        return None


@cached_by_file
def _ontology_nt(path: Path) -> str:
    return Graph().parse(path, format="turtle").serialize(format="nt")


def core_results(data: Graph, shapes: Shapes, focus: set[Node] | None) -> list[dict]:
    """pySHACL over `data` (changed in place: it is ours), core constraints only, results on
    `focus` kept. pySHACL's own focus_nodes option is not used: it also filters the value nodes
    that sh:node, sh:or and sh:qualifiedValueShape check, so those would pass unchecked."""
    import pyshacl   # only here: its import (0.2 s) is a fifth of a one-plan rebuild's start

    _hash_constraint_parameters()
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes.core, inference="none", inplace=True,
                                    allow_warnings=True, allow_infos=True)
    details = set(report.objects(None, SH.detail))
    found = []
    for item in report.subjects(SH.focusNode, None):
        node = report.value(item, SH.focusNode)
        if item in details or (focus is not None and node not in focus):
            continue  # a detail is why a value failed sh:node (pksh:OrganizationValue on
            # "区卫健委"), nested under the result on the node that holds the value
        messages = {m.language or "en": str(m) for m in report.objects(item, SH.resultMessage)}
        found.append({
            "focus": report.value(item, SH.focusNode), "path": report.value(item, SH.resultPath),
            "value": report.value(item, SH.value),
            "message": (messages.get("en", ""), messages.get("zh", messages.get("en", ""))),
            "severity": SEVERITIES[report.value(item, SH.resultSeverity)],
            "source_shape": report.value(item, SH.sourceShape),
            "component": report.value(item, SH.sourceConstraintComponent)})
    return found


def _context(store: ox.Store) -> tuple[dict[Node, str], dict[Node, list[Span]]]:
    labels: dict[Node, str] = {}
    for row in store.query(LABELS, prefixes=PREFIXES):  # the first in order, if there are two
        node = to_rdflib(row["node"])
        labels[node] = min(labels.get(node, row["label"].value), row["label"].value)
    sources: dict[Node, list[Span]] = {}
    for row in store.query(SOURCES, prefixes=PREFIXES):
        sources.setdefault(to_rdflib(row["node"]), []).append(
            Span(row["file"].value, int(row["start"].value), int(row["end"].value)))
    return labels, sources


def prepare(shapes_path: Path, ontology_path: Path) -> None:
    """Read and compile the shapes and read the ontology now, for the checks to come (cached by
    file version)."""
    load_shapes(shapes_path)
    _ontology_nt(ontology_path)
    _program(shapes_path)


def check(data_nt: str, shapes_path: Path, ontology_path: Path,
          focus: frozenset[str] | None = None, engine: str = "store") -> list[Result]:
    """Validate N-Triples `data_nt` (the ontology is added) on `focus` IRIs, or on every node."""
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r}: one of {', '.join(ENGINES)}")
    shapes = load_shapes(shapes_path)
    text = data_nt + _ontology_nt(ontology_path)
    store = ox.Store()
    store.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    focus_nodes = {URIRef(n) for n in focus} if focus is not None else None
    data = Data(store)
    raw = sparql_results(store, shapes, focus_nodes, data)
    program = _program(shapes_path) if engine == "store" else None
    if program is not None:
        raw += core_violations(store, program, focus_nodes, data)
    else:
        raw += core_results(Graph().parse(data=text, format="nt"), shapes, focus_nodes)
    labels, sources = _context(store)
    results = []
    for item in raw:
        group = shapes.group(item["source_shape"])
        results.append(Result(
            severity=item["severity"], shape=group,
            shape_name=(shapes.name(group, "en"), shapes.name(group, "zh")),
            source_shape=item["source_shape"], component=item["component"], focus=item["focus"],
            path=item["path"], value=item["value"], message=item["message"],
            focus_label=labels.get(item["focus"]),
            sources=tuple(sorted(set(sources.get(item["focus"], [])),
                                 key=lambda s: (s.file, s.start_line, s.end_line)))))
    return results
