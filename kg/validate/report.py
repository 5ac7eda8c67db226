"""The validation report as data, and its two machine forms: JSON with stable keys, and the
standard sh:ValidationReport in Turtle. The readable form is printed by the CLI from the same data.

JSON keys (docs/validation.md): conforms, counts {Violation, Warning, Info}, results[] with
severity, shape, shape_name {en, zh}, source_shape, component, focus, focus_label, path, value,
message {en, zh}, sources[] {file, start_line, end_line}.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.plugins.serializers.nt import _nt_row
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
    return {"conforms": report.conforms(fail_on), "counts": report.counts(),
            "results": [result_json(r) for r in report.results]}


def result_json(r: Result) -> dict:
    """One result of the JSON report."""
    return {
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
    }


def result_iri(result: Result) -> URIRef:
    digest = hashlib.sha1("\x1f".join(map(str, result.key())).encode("utf-8")).hexdigest()[:16]
    return PKID[f"validation/result/{digest}"]


REPORT_NODE = PKID["validation/report"]


def report_triples(report: Report, fail_on: str = "Violation") -> Iterator[tuple]:
    """The sh:ValidationReport's triples; result nodes get stable IRIs so the same report is the
    same bytes."""
    yield from _head_triples(report, fail_on)
    yield from result_triples(report.results)


def _head_triples(report: Report, fail_on: str = "Violation") -> Iterator[tuple]:
    """The report node's own triples: its type, sh:conforms and its links to the results."""
    return _head(report.conforms(fail_on), (result_iri(result) for result in report.results))


def _head(conforms: bool, iris: Iterable[str]) -> Iterator[tuple]:
    yield REPORT_NODE, RDF.type, SH.ValidationReport
    yield REPORT_NODE, SH.conforms, Literal(conforms)
    for iri in iris:
        yield REPORT_NODE, SH.result, URIRef(iri)


def result_triples(results: Iterable[Result]) -> Iterator[tuple]:
    """The triples of `results` in the sh:ValidationReport, but their links from the report."""
    for result in results:
        item = result_iri(result)
        yield item, RDF.type, SH.ValidationResult
        yield item, SH.resultSeverity, SEVERITY_IRIS[result.severity]
        yield item, SH.focusNode, result.focus
        yield item, SH.sourceShape, result.source_shape
        yield item, SH.sourceConstraintComponent, result.component
        if result.path is not None:
            yield item, SH.resultPath, result.path
        if result.value is not None:
            yield item, SH.value, result.value
        for text, lang in zip(result.message, ("en", "zh")):
            if text:
                yield item, SH.resultMessage, Literal(text, lang=lang)


def to_graph(report: Report, fail_on: str = "Violation") -> Graph:
    """The sh:ValidationReport as an rdflib Graph."""
    graph = bind_prefixes(Graph())
    graph.bind("sh", SH)
    for triple in report_triples(report, fail_on):
        graph.add(triple)
    return graph


def to_turtle(report: Report, fail_on: str = "Violation") -> str:
    """The sh:ValidationReport in Turtle, sorted. Its N-Triples rows are written straight from
    the triples: an rdflib Graph to hold them first took two thirds of a one-plan rebuild's
    second at 1,000 plans (3,600 results)."""
    return _turtle(report_triples(report, fail_on))


def results_turtle(results: Iterable[Result]) -> str:
    """The Turtle of `results` (result_triples) without its prefix lines: a fragment of a
    report whose head is written by parts_turtle. The build keeps each validation part's, so a
    rebuild writes the Turtle of the parts it checked only."""
    text = _turtle(result_triples(results))
    start = 0
    while text.startswith("@prefix ", start):
        start = text.index("\n", start) + 1
    return text[start:]


RESULT_BASE = f"{PKID}validation/result/"
RESULT_NAME = re.compile("[0-9a-f]+")   # what follows RESULT_BASE in result_iri's IRIs


def parts_turtle(conforms: bool, iris: Iterable[str], fragments: Iterable[str]) -> str:
    """The sh:ValidationReport in Turtle from the results_turtle of each part of a report: the
    report's node and its links to the results' IRIs (result_iri), then each fragment. The
    links are written here as the serializer writes them (a sorted list of pkid: names after
    the first), where the serializer took a third of a second on 27,000 results."""
    iris = sorted(set(iris))
    if not all(iri.startswith(RESULT_BASE) and RESULT_NAME.fullmatch(iri[len(RESULT_BASE):])
               for iri in iris):
        return _turtle(_head(conforms, iris)) + "".join(fragments)
    head = _turtle(_head(conforms, iris[:1]))
    if len(iris) > 1:
        end = head.rindex(" .\n")
        head = head[:end] + "".join(f" , pkid:validation\\/result\\/{iri[len(RESULT_BASE):]}"
                                    for iri in iris[1:]) + head[end:]
    return head + "".join(fragments)


def _turtle(triples: Iterable[tuple]) -> str:
    return turtle("".join(_nt_row(triple) for triple in triples),
                  {"sh": str(SH)}).decode("utf-8")
