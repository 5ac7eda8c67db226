"""The build as a whole: manifest → extract → registry → graph → files in data/build/.

Files are written to a fresh directory beside data/build/ and swapped in only when the whole
build succeeded, so a failed build leaves the previous one untouched. The plans whose inputs did
not change since that build are taken from its cache (kg.incremental), and so are the validation
results of the parts they did not change (kg.validate.incremental).
"""
from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from kg.build import Unresolved
from kg.extract.records import Span
from kg.graphs import (GRAPHS, ONTOLOGY_GRAPH, SHARED_GRAPH, VALIDATION_GRAPH, assemble,
                       plan_graph, write_graphs)
from kg.incremental import (CACHE, PlanParts, build_parts, fingerprint, keep_cached,
                            keep_registry_lines, plan_keys, registry_lines)
from kg.manifest import load_manifest
from kg.paths import ROOT, Paths  # noqa: F401  (Paths is imported from here by users)
from kg.registry import Registry
from kg.validate import Report, to_json, to_turtle
from kg.validate.incremental import Validation, validate_parts, write_checked
from kg.vocab import PK, RDF

SUMMARY = "summary.json"
REPORT_TTL = "validation.ttl"   # the sh:ValidationReport of the graph beside it
REPORT_JSON = "validation.json"
OUTPUTS = (GRAPHS, SUMMARY, REPORT_TTL, REPORT_JSON)   # GRAPHS: a file a named graph (kg.graphs)
INPUTS = "inputs.json"          # in the cache folder: the keys of what the build was made from
SHOWN_VIOLATIONS = 10
RDF_TYPE = f"<{RDF.type}>"
TYPED = f" {RDF_TYPE} "


class BuildError(RuntimeError):
    """A build that did not replace the previous one, and why."""


@dataclass
class BuildResult:
    counts: dict[str, int]
    unresolved: list[Unresolved]
    warnings: list[str] = field(default_factory=list)
    output: Path | None = None
    checks: dict[str, int] = field(default_factory=dict)  # validation results by severity
    report: Report | None = None       # None when the build was up to date (it is in the files)
    up_to_date: bool = False           # nothing changed: the last build was left as it is
    extracted: list[str] = field(default_factory=list)    # plan ids read again from their text
    rewritten: list[str] = field(default_factory=list)    # plan ids whose graph was replaced
    revalidated: list[str] = field(default_factory=list)  # validation parts checked again


def run_build(paths: Paths = Paths(), strict: bool = False, jobs: int = 1) -> BuildResult:
    """Build into paths.build, reusing the parts of the build there that did not change; a build
    whose every input is as the last build's leaves that build as it is."""
    with _collector_paused():
        return _build(paths, strict, jobs)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused: the build makes millions of small objects (its
    lines, their tuples and lists) and next to no cycles, and the collector, run again and again
    as they pile up, took a tenth of a one-plan rebuild's samples (py-spy, 100 plans)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(paths: Paths, strict: bool, jobs: int) -> BuildResult:
    entries = load_manifest(paths.sources / "manifest.yaml")
    for entry in entries:
        if not (paths.sources / entry.file).exists():
            raise BuildError(f"manifest entry {entry.id}: {paths.sources / entry.file} does not "
                             "exist")
    fp = fingerprint(paths)
    keys = plan_keys(paths, entries, fp)
    inputs = {"fingerprint": fp, "plans": keys,
              "shapes": hashlib.sha256(paths.shapes.read_bytes()
                                       + paths.ontology.read_bytes()).hexdigest()}
    if (unchanged := _up_to_date(paths.build, inputs, strict)) is not None:
        return unchanged
    registry = Registry.load(paths.registry)
    plans = build_parts(paths, entries, registry, jobs, keys)
    unresolved = [u for part in plans.parts for u in part.unresolved]
    warnings = [w for part in plans.parts for w in part.records.warnings]
    warnings += [c for part in plans.parts for c in part.conflicts]
    if strict and unresolved:
        names = ", ".join(sorted({f"{u.name} ({u.plan} line {u.span.start_line})"
                                  for u in unresolved}))
        raise BuildError(f"--strict: {len(unresolved)} names the registry does not resolve: "
                         f"{names}")
    registry_nt = registry_lines(registry, paths.build, fp)
    dataset = assemble(registry_nt, [(part.id, part.own, part.shared) for part in plans.parts])
    staging = _staging(paths.build)
    try:
        keep_registry_lines(registry_nt, fp, staging)
        graphs = partial(write_graphs, staging, dataset.shared_lines(),
                         [(part.id, part.own) for part in plans.parts], paths.build,
                         {part.id for part in plans.parts} - set(plans.rewritten))
        with _graph_files(graphs, staging, parallel=jobs > 1) as written:
            validation = validate_parts(dataset.lines, paths, fp, paths.build / CACHE, jobs)
            if not validation.report.conforms():
                raise BuildError(_violations(validation.report))
            result = BuildResult(summarise(dataset.lines, unresolved), unresolved, warnings,
                                 checks=validation.report.counts(), report=validation.report,
                                 extracted=plans.extracted, rewritten=plans.rewritten,
                                 revalidated=validation.checked)
        written()
        result.output = write_build(staging, paths.build, result, plans, validation, inputs)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result


def _staging(target: Path) -> Path:
    """A fresh folder beside the build, to be swapped in when the whole build succeeded."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))


@contextmanager
def _graph_files(write: Callable[[], None], staging: Path, parallel: bool) -> Iterator[Callable]:
    """The graphs' files written into `staging` by `write`: by a forked process while the block
    validates when `parallel` (the block's own work is then mostly waiting for its pool), else
    after the block. Yields the function that waits for them."""
    if not parallel:
        yield write
        return
    writer = multiprocessing.get_context("fork").Process(target=write)
    writer.start()   # the child shares the dataset's pages with this process until it exits

    def wait() -> None:
        writer.join()
        if writer.exitcode != 0:
            raise BuildError(f"writing the graph files into {staging / GRAPHS} failed "
                             f"(exit code {writer.exitcode})")

    try:
        yield wait
    except BaseException:
        writer.terminate()
        writer.join()
        raise


def _up_to_date(build: Path, inputs: dict, strict: bool) -> BuildResult | None:
    """The build in `build` as a result, if it was made from `inputs` and is whole."""
    try:
        made_from = json.loads((build / CACHE / INPUTS).read_text(encoding="utf-8"))
        summary = json.loads((build / SUMMARY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if made_from != inputs or not all((build / name).exists() for name in OUTPUTS):
        return None
    if strict and summary["unresolved"]:
        return None   # built without --strict: build again, to fail as --strict asks
    unresolved = [Unresolved(u["kind"], u["name"], u["plan"], Span(u["file"], u["line"], u["line"]))
                  for u in summary["unresolved"]]
    return BuildResult(summary["counts"], unresolved, summary["warnings"], output=build,
                       checks=summary["checks"], up_to_date=True)


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


def summarise(lines: list[str], unresolved: list[Unresolved]) -> dict[str, int]:
    """Counts of the build from its N-Triples lines."""
    typed: dict[str, set[str]] = {}
    for line in lines:
        if TYPED not in line:
            continue
        subject, predicate, rest = line.split(" ", 2)
        if predicate == RDF_TYPE:
            typed.setdefault(rest[:-2], set()).add(subject)

    def count(cls) -> int:
        return len(typed.get(f"<{cls}>", ()))

    return {
        "plans": count(PK.Plan), "tasks": count(PK.Task), "groups": count(PK.TaskGroup),
        "organizations": count(PK.GovernmentDepartment) + count(PK.Institution)
        + count(PK.OrganizationGroup),
        "indicators": count(PK.Indicator), "targets": count(PK.Target),
        "baselines": count(PK.Baseline), "triples": len(lines),
        "unresolved names": len({(u.kind, u.name, u.plan) for u in unresolved}),
    }


def write_build(staging: Path, target: Path, result: BuildResult, plans: PlanParts,
                validation: Validation, inputs: dict) -> Path:
    """Write the rest of the build into `staging`, which holds the graph's files, then swap it
    in for `target`; the old build survives any failure."""
    summary = {"counts": result.counts, "warnings": result.warnings,
               "unresolved": [{"kind": u.kind, "name": u.name, "plan": u.plan,
                               "file": u.span.file, "line": u.span.start_line}
                              for u in result.unresolved],
               "graphs": {"plans": {part.id: plan_graph(part.id) for part in plans.parts},
                          "shared": SHARED_GRAPH, "ontology": ONTOLOGY_GRAPH,
                          "validation": VALIDATION_GRAPH},
               "extracted": result.extracted, "rewritten": result.rewritten,
               "revalidated": result.revalidated, "checks": result.checks}
    (staging / SUMMARY).write_text(json.dumps(summary, ensure_ascii=False, indent=2,
                                              sort_keys=True) + "\n", encoding="utf-8")
    if result.report is not None:
        (staging / REPORT_TTL).write_text(to_turtle(result.report), encoding="utf-8")
        (staging / REPORT_JSON).write_text(json.dumps(to_json(result.report),
                                                      ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
    keep_cached(plans, target, staging)
    write_checked(staging / CACHE, validation)
    (staging / CACHE / INPUTS).write_text(json.dumps(inputs, sort_keys=True) + "\n",
                                          encoding="utf-8")
    _swap(staging, target)
    return target


def _swap(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".old-{os.getpid()}-{target.name}")
        target.rename(old)
    staging.rename(target)
    if old:
        shutil.rmtree(old, ignore_errors=True)
