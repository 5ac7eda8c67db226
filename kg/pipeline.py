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
from kg.registry import Registry
from kg.vocab import PK, RDF

ROOT = Path(__file__).resolve().parent.parent
GRAPH_TTL = "plankg.ttl"
GRAPH_NT = "plankg.nt"
SUMMARY = "summary.json"


class BuildError(RuntimeError):
    """A build that did not replace the previous one, and why."""


@dataclass(frozen=True)
class Paths:
    root: Path = ROOT
    build_dir: Path | None = None  # where the build goes, if not data/build/ (tests, benchmarks)

    @property
    def sources(self) -> Path:
        return self.root / "data" / "sources"

    @property
    def registry(self) -> Path:
        return self.root / "data" / "registry"

    @property
    def build(self) -> Path:
        return self.build_dir or self.root / "data" / "build"

    @property
    def ontology(self) -> Path:
        return self.root / "ontology" / "plankg.ttl"

    @property
    def queries(self) -> Path:
        return self.root / "queries"


@dataclass
class BuildResult:
    counts: dict[str, int]
    unresolved: list[Unresolved]
    warnings: list[str] = field(default_factory=list)
    output: Path | None = None


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
    result = BuildResult(summarise(built), built.unresolved, warnings)
    result.output = write_build(built, paths.build, result)
    return result


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


def write_build(built: BuiltGraph, target: Path, result: BuildResult) -> Path:
    """Write the build beside `target`, then swap it in; the old build survives any failure."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        nt = sorted_ntriples(built.graph)
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
