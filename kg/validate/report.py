"""The validation report as data, and its two machine forms: JSON with stable keys, and the
standard sh:ValidationReport in Turtle. The readable form is printed by the CLI from the same data.

JSON keys (docs/validation.md): conforms, counts {Violation, Warning, Info}, results[] with
severity, shape, shape_name {en, zh}, source_shape, component, focus, focus_label, path, value,
message {en, zh}, sources[] {file, start_line, end_line}.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from kg.extract.records import Span
from kg.turtle import turtle
from kg.vocab import PKID, bind_prefixes

LEVELS = ("Violation", "Warning", "Info")
SEVERITY_IRIS = {"Violation": SH.Violation, "Warning": SH.Warning, "Info": SH.Info}


@dataclass(frozen=True)
class Result:
    severity: str                   # Violation | Warning | Info
    shape: Node                     # the node shape the result is reported under
    shape_name: tuple[str, str]     # (en, zh)
    source_shape: Node              # the shape that failed: the node shape or one of its properties
    component: URIRef               # sh:sourceConstraintComponent
    focus: Node
    path: Node | None = None
    value: Node | None = None
    message: tuple[str, str] = ("", "")   # (en, zh)
    focus_label: str | None = None
    sources: tuple[Span, ...] = ()

    def key(self) -> tuple:
        return (LEVELS.index(self.severity), str(self.shape), str(self.focus), str(self.path or ""),
                str(self.value or ""), str(self.source_shape), str(self.component))


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.results = sorted(set(self.results), key=Result.key)

    def counts(self) -> dict[str, int]:
        return {level: sum(r.severity == level for r in self.results) for level in LEVELS}

    def conforms(self, fail_on: str = "Violation") -> bool:
        """No result at `fail_on` severity or worse (Violation by default: warnings allowed)."""
        worst = LEVELS.index(fail_on)
        return not any(LEVELS.index(r.severity) <= worst for r in self.results)


def term_json(term: Node | None) -> dict | None:
    """A term as in the SPARQL 1.1 JSON results format."""
    if term is None:
        return None
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "bnode" if isinstance(term, BNode) else "uri", "value": str(term)}


def to_json(report: Report, fail_on: str = "Violation") -> dict:
    return {
        "conforms": report.conforms(fail_on),
        "counts": report.counts(),
        "results": [{
            "severity": r.severity,
            "shape": str(r.shape),
            "shape_name": {"en": r.shape_name[0], "zh": r.shape_name[1]},
            "source_shape": str(r.source_shape),
            "component": str(r.component),
            "focus": term_json(r.focus),
            "focus_label": r.focus_label,
            "path": str(r.path) if r.path is not None else None,
            "value": term_json(r.value),
            "message": {"en": r.message[0], "zh": r.message[1]},
            "sources": [{"file": s.file, "start_line": s.start_line, "end_line": s.end_line}
                        for s in r.sources],
        } for r in report.results],
    }


def _result_iri(result: Result) -> URIRef:
    digest = hashlib.sha1("\x1f".join(map(str, result.key())).encode("utf-8")).hexdigest()[:16]
    return PKID[f"validation/result/{digest}"]


def to_graph(report: Report, fail_on: str = "Violation") -> Graph:
    """The sh:ValidationReport; result nodes get stable IRIs so the same report is the same bytes."""
    graph = bind_prefixes(Graph())
    graph.bind("sh", SH)
    node = PKID["validation/report"]
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(report.conforms(fail_on))))
    for result in report.results:
        item = _result_iri(result)
        graph.add((node, SH.result, item))
        graph.add((item, RDF.type, SH.ValidationResult))
        graph.add((item, SH.resultSeverity, SEVERITY_IRIS[result.severity]))
        graph.add((item, SH.focusNode, result.focus))
        graph.add((item, SH.sourceShape, result.source_shape))
        graph.add((item, SH.sourceConstraintComponent, result.component))
        if result.path is not None:
            graph.add((item, SH.resultPath, result.path))
        if result.value is not None:
            graph.add((item, SH.value, result.value))
        for text, lang in zip(result.message, ("en", "zh")):
            if text:
                graph.add((item, SH.resultMessage, Literal(text, lang=lang)))
    return graph


def to_turtle(report: Report, fail_on: str = "Violation") -> str:
    nt = to_graph(report, fail_on).serialize(format="nt")
    return turtle(nt, {"sh": str(SH)}).decode("utf-8")
