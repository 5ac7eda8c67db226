"""The build as a whole: manifest → extract → registry → graph → files in data/build/.

Files are written to a fresh directory beside data/build/ and swapped in only when the whole
build succeeded, so a failed build leaves the previous one untouched.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.build import BuiltGraph, Unresolved, build_graph
from kg.extract import extract_file
from kg.extract.records import PlanRecords
from kg.manifest import PlanEntry, load_manifest
from kg.paths import ROOT, Paths  # noqa: F401  (Paths is imported from here by users)
from kg.registry import Registry
from kg.validate import Report, to_json, to_turtle, validate
from kg.vocab import PK, RDF

GRAPH_TTL = "plankg.ttl"
GRAPH_NT = "plankg.nt"
SUMMARY = "summary.json"
REPORT_TTL = "validation.ttl"   # the sh:ValidationReport of the graph beside it
REPORT_JSON = "validation.json"
SHOWN_VIOLATIONS = 10


class BuildError(RuntimeError):
    """A build that did not replace the previous one, and why."""


@dataclass
class BuildResult:
    counts: dict[str, int]
    unresolved: list[Unresolved]
    warnings: list[str] = field(default_factory=list)
    output: Path | None = None
    report: Report | None = None


def extract_plans(paths: Paths) -> list[tuple[PlanEntry, PlanRecords]]:
    entries = load_manifest(paths.sources / "manifest.yaml")
    plans = []
    for entry in entries:
        source = paths.sources / entry.file
        if not source.exists():
            raise BuildError(f"manifest entry {entry.id}: {source} does not exist")
        plans.append((entry, extract_file(source)))
    return plans


def run_build(paths: Paths = Paths(), strict: bool = False) -> BuildResult:
    plans = extract_plans(paths)
    registry = Registry.load(paths.registry)
    built = build_graph(plans, registry)
    warnings = [w for _, records in plans for w in records.warnings] + built.conflicts
    if strict and built.unresolved:
        names = ", ".join(sorted({f"{u.name} ({u.plan} line {u.span.start_line})"
                                  for u in built.unresolved}))
        raise BuildError(f"--strict: {len(built.unresolved)} names the registry does not resolve: "
                         f"{names}")
    nt = sorted_ntriples(built.graph)
    report = validate(nt, paths)
    if not report.conforms():
        raise BuildError(_violations(report))
    result = BuildResult(summarise(built), built.unresolved, warnings, report=report)
    result.output = write_build(built, nt, paths.build, result)
    return result


def _violations(report: Report) -> str:
    violations = [r for r in report.results if r.severity == "Violation"]
    lines = [f"the graph breaks {len(violations)} rules of the shapes; the previous build is kept "
             "(`plankg validate` on a graph file shows the whole report):"]
    for result in violations[:SHOWN_VIOLATIONS]:
        where = "".join(f" [{s.file}:{s.start_line}-{s.end_line}]" for s in result.sources[:1])
        lines.append(f"  {result.focus}{where}: {result.message[0]}")
    if len(violations) > SHOWN_VIOLATIONS:
        lines.append(f"  … and {len(violations) - SHOWN_VIOLATIONS} more")
    return "\n".join(lines)


def summarise(built: BuiltGraph) -> dict[str, int]:
    graph = built.graph

    def count(cls) -> int:
        return len(set(graph.subjects(RDF.type, cls)))

    return {
        "plans": count(PK.Plan), "tasks": count(PK.Task), "groups": count(PK.TaskGroup),
        "organizations": count(PK.GovernmentDepartment) + count(PK.Institution)
        + count(PK.OrganizationGroup),
        "indicators": count(PK.Indicator), "targets": count(PK.Target),
        "baselines": count(PK.Baseline), "triples": len(graph),
        "unresolved names": len({(u.kind, u.name, u.plan) for u in built.unresolved}),
    }


def sorted_ntriples(graph: Graph) -> str:
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "\n".join(sorted(set(line for line in lines if line.strip()))) + "\n"


def write_build(built: BuiltGraph, nt: str, target: Path, result: BuildResult) -> Path:
    """Write the build beside `target`, then swap it in; the old build survives any failure."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        (staging / GRAPH_NT).write_text(nt, encoding="utf-8")
        # Turtle from the sorted N-Triples, so both files are the same bytes on every run
        canonical = Graph().parse(data=nt, format="nt")
        for prefix, namespace in built.graph.namespaces():
            canonical.bind(prefix, namespace, replace=True)
        (staging / GRAPH_TTL).write_text(canonical.serialize(format="turtle"), encoding="utf-8")
        summary = {"counts": result.counts, "warnings": result.warnings,
                   "unresolved": [{"kind": u.kind, "name": u.name, "plan": u.plan,
                                   "file": u.span.file, "line": u.span.start_line}
                                  for u in result.unresolved]}
        (staging / SUMMARY).write_text(json.dumps(summary, ensure_ascii=False, indent=2,
                                                  sort_keys=True) + "\n", encoding="utf-8")
        if result.report is not None:
            (staging / REPORT_TTL).write_text(to_turtle(result.report), encoding="utf-8")
            (staging / REPORT_JSON).write_text(json.dumps(to_json(result.report),
                                                          ensure_ascii=False, indent=2) + "\n",
                                               encoding="utf-8")
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _swap(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".old-{os.getpid()}-{target.name}")
        target.rename(old)
    staging.rename(target)
    if old:
        shutil.rmtree(old, ignore_errors=True)
