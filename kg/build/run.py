"""The build as a whole: manifest → extract → registry → graph → files in data/build/.

Files are written to a fresh directory beside data/build/ and swapped in only when the whole
build succeeded, so a failed build leaves the previous one untouched. The plans whose inputs did
not change since that build are taken from its cache (kg.build.parts), and so are the validation
results of the parts they did not change (kg.validate.incremental).
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.build.folder import mirror, prune, staging as _staging, swap
from kg.build.parts import (CACHE, REGISTRY, TABLES, Sources, fingerprint, keep_parts,
                            keep_registry, plan_keys, plan_paths, read_sources,
                            registry_lines, written_files)
from kg.build.rdf import Unresolved
from kg.build.rebuild import STATE, Rebuilt, State, Writer, rebuild, write_state
from kg.build.shared import Shared, Written
from kg.build.stream import stream
from kg.extract.records import Span
from kg.graphs import (GRAPHS, ONTOLOGY_GRAPH, SHARED_FILE, SHARED_GRAPH,
                       VALIDATION_GRAPH, link_or_copy, plan_file, plan_graph, shared_file,
                       write_graph)
from kg.manifest import ManifestError, PlanEntry
from kg.paths import REPORT_JSON, REPORT_TTL, ROOT, SUMMARY, Paths  # noqa: F401  (imported from here by users)
from kg.registry import Registry, jurisdiction_ids
from kg.search.index import INDEX, write_index
from kg.validate import Report
from kg.validate.incremental import Validation, write_checked
from kg.validate.runs import BATCH_TRIPLES
from kg.vocab import PK

OUTPUTS = (GRAPHS, SUMMARY, REPORT_TTL, REPORT_JSON, INDEX)  # GRAPHS: kg.graphs; INDEX: kg.search
INPUTS = "inputs.json"          # in the cache folder: the keys of what the build was made from
SHOWN_VIOLATIONS = 10


class BuildError(RuntimeError):
    """A build that did not replace the previous one, and why."""


@dataclass
class BuildResult:
    counts: dict[str, int]
    unresolved: list[Unresolved]       # names kept as provisional nodes
    warnings: list[str] = field(default_factory=list)
    output: Path | None = None
    checks: dict[str, int] = field(default_factory=dict)  # validation results by severity
    validation: Validation | None = None   # None when the build was up to date (in the files)
    up_to_date: bool = False           # nothing changed: the last build was left as it is
    extracted: list[str] = field(default_factory=list)    # plan ids read again from their text
    rewritten: list[str] = field(default_factory=list)    # plan ids whose graph was replaced
    revalidated: list[str] = field(default_factory=list)  # validation parts checked again
    reassembled: bool = True   # every plan's lines read and joined again; False: kg.build.rebuild
    quality: dict[str, dict[str, int]] = field(default_factory=dict)  # per plan id: read / unread
    rule_resolved: list[Unresolved] = field(default_factory=list)  # bodies of the kind rules

    @property
    def report(self) -> Report | None:
        """The validation report as data (None when the build was up to date)."""
        return self.validation.report if self.validation is not None else None


# From this many plans a build gains from a pool of processes (one per core): measured on 2
# cores, 5 plans took 1.28 s in one process and 1.82 s with two, 30 plans 4.2 s and 4.0 s, 100
# plans 12.5 s and 8.6 s, 10,000 plans 23 min and 10.6 min
POOL_FROM = 30


def default_jobs(plans: int) -> int:
    """The processes a build of `plans` plans uses when none is asked for: one below POOL_FROM,
    else one per core this process may run on."""
    return 1 if plans < POOL_FROM else max(1, len(os.sched_getaffinity(0)))


def run_build(paths: Paths = Paths(), strict: bool = False, jobs: int = 1,
              batch: int = BATCH_TRIPLES) -> BuildResult:
    """Build into paths.build, reusing the parts of the build there that did not change; a build
    whose every input is as the last build's leaves that build as it is. `batch`: about how many
    triples of plans a validation run checks at once (kg.build.stream). `jobs` 0: as many
    processes as the corpus gains from (default_jobs)."""
    with _collector_paused(), _writer(paths) as writer:
        return _build(paths, strict, jobs, batch, writer)


@contextmanager
def _writer(paths: Paths) -> Iterator[Writer | None]:
    """The rebuild's writer (kg.build.rebuild.Writer), forked first, where a last build left
    the state a rebuild starts from."""
    if not (paths.build / CACHE / STATE).exists():
        yield None
        return
    with Writer(paths) as writer:
        yield writer


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


def _build(paths: Paths, strict: bool, jobs: int, batch: int,
           writer: Writer | None) -> BuildResult:
    sources = read_sources(paths)
    entries = sources.entries
    jobs = jobs or default_jobs(len(entries))
    for entry in entries:
        if entry.file not in sources.texts:
            raise BuildError(f"manifest entry {entry.id}: {paths.sources / entry.file} does not "
                             "exist")
    _check_jurisdictions(entries, paths)
    fp = fingerprint(paths)
    keys = plan_keys(paths, entries, fp, sources.digests())
    inputs = {"fingerprint": fp, "plans": keys,
              "shapes": hashlib.sha256(paths.shapes.read_bytes()
                                       + paths.ontology.read_bytes()).hexdigest()}
    if (unchanged := _up_to_date(paths.build, inputs, strict)) is not None:
        return unchanged
    if writer is not None and (rebuilt := rebuild(paths, entries, keys, inputs, writer)) \
            is not None:
        return _write_rebuilt(paths, entries, rebuilt, strict, sources)
    if writer is not None:
        writer.close()   # the whole path: its registry copy is not wanted
    registry = Registry.load(paths.registry)
    registry_nt = registry_lines(registry, paths.build, fp)

    def check_plans(plans: list[Written]) -> None:
        _check_extraction(strict, {p.id: p.unread for p in plans},
                          {p.id: p.quality for p in plans})
        _check_strict(strict, [u for p in plans for u in p.unresolved])

    staging = _staging(paths.build)
    try:
        # kept now, so that with a pool, whose processes each read their own copy, this process
        # holds the registry's lines without its tables (350 MiB of 3.3 GiB at 10,000 plans), and
        # the lines only until the plans' shared lines are joined to them
        keep_registry(TABLES, registry, fp, staging)
        keep_registry(REGISTRY, registry_nt, fp, staging)
        in_process = registry if jobs <= 1 else None
        shared = Shared.start(registry_nt, staging)
        del registry, registry_nt
        streamed = stream(paths, entries, keys, inputs, in_process, shared, jobs, check_plans,
                          batch)
        del shared
        plans, validation = streamed.plans, streamed.validation
        if not validation.conforms():
            raise BuildError(_violations(validation.report))
        unresolved = [u for plan in plans for u in plan.unresolved]
        warnings = [w for plan in plans for w in plan.warnings]
        warnings += [c for plan in plans for c in plan.conflicts]
        rewritten = [plan.id for plan in plans if plan.rewritten]
        result = BuildResult(summary_counts(streamed.state.counts(), unresolved),
                             provisional(unresolved), warnings,
                             checks=validation.counts(), validation=validation,
                             extracted=streamed.extracted, rewritten=rewritten,
                             revalidated=validation.checked,
                             quality={plan.id: plan.quality for plan in plans},
                             rule_resolved=by_rule(unresolved))
        write_graph(shared_file(staging), SHARED_GRAPH, streamed.shared)
        prune(staging, _build_files(entries))
        result.output = write_build(staging, paths.build, result, validation, streamed.state,
                                    sources, whole=2 * len(rewritten) > len(plans))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result


def _check_extraction(strict: bool, warnings: dict[str, list[str]],
                      quality: dict[str, dict[str, int]]) -> None:
    """A plan that yields no task fails every build; with --strict, so does any text the
    extractor saw and could not read (each warning names its file and lines)."""
    empty = [plan for plan, counts in quality.items() if counts["tasks"] == 0]
    if empty:
        raise BuildError("no task was read from " + ", ".join(
            f"{plan} ({'; '.join(w for w in warnings[plan] if 'no task' in w)})" for plan in empty)
            + ": a plan of 0 tasks is an error, not an empty success")
    if strict and any(warnings.values()):
        shown = [w for plan in warnings for w in warnings[plan]]
        raise BuildError(f"--strict: {len(shown)} passages were seen and not read:\n  "
                         + "\n  ".join(shown))


def _check_jurisdictions(entries: list[PlanEntry], paths: Paths) -> None:
    """Every manifest entry's jurisdiction is an id of the registry's jurisdictions.csv."""
    known = jurisdiction_ids(paths.registry)
    for entry in entries:
        if entry.jurisdiction not in known:
            raise ManifestError(f"{paths.sources / 'manifest.yaml'}: plan {entry.id}: "
                                f"jurisdiction {entry.jurisdiction!r} is not an id of "
                                f"{paths.registry / 'jurisdictions.csv'}"
                                f"{known.hint(entry.jurisdiction)}")


def provisional(unresolved: list[Unresolved]) -> list[Unresolved]:
    """The names no rule classified either: provisional nodes."""
    return [u for u in unresolved if u.resolved is None]


def by_rule(unresolved: list[Unresolved]) -> list[Unresolved]:
    return [u for u in unresolved if u.resolved is not None]


def _check_strict(strict: bool, unresolved: list[Unresolved]) -> None:
    unresolved = provisional(unresolved)
    if strict and unresolved:
        names = ", ".join(sorted({f"{u.name} ({u.plan} line {u.span.start_line})"
                                  for u in unresolved}))
        raise BuildError(f"--strict: {len(unresolved)} names neither the registry nor a kind "
                         f"rule (data/registry/kind_rules.csv) resolves: {names} (`plankg "
                         "registry classify NAME -j JURISDICTION` says why)")


def _write_rebuilt(paths: Paths, entries: list[PlanEntry], rebuilt: Rebuilt, strict: bool,
                   sources: Sources) -> BuildResult:
    """The build kg.build.rebuild made from the last one: the shared graph, the registry's lines and
    the unchanged plans' files linked from it, the changed plans' written."""
    plans = rebuilt.state.plans
    _check_extraction(strict, {p: plan.unread for p, plan in plans.items()},
                      {p: plan.quality for p, plan in plans.items()})
    _check_strict(strict, rebuilt.unresolved)
    validation = rebuilt.validation
    if not validation.conforms():
        raise BuildError(_violations(validation.report))
    written = list(rebuilt.parts)
    result = BuildResult(summary_counts(rebuilt.counts, rebuilt.unresolved),
                         provisional(rebuilt.unresolved), rebuilt.warnings,
                         checks=validation.counts(), validation=validation,
                         extracted=rebuilt.extracted, rewritten=written,
                         revalidated=rebuilt.validation.checked, reassembled=False,
                         rule_resolved=by_rule(rebuilt.unresolved),
                         quality={p: plan.quality for p, plan in plans.items()})
    staging = _staging(paths.build)
    def link() -> None:   # the files that differ from the staging folder's (kg.build.folder)
        for name in (REGISTRY, TABLES):
            link_or_copy(paths.build / CACHE / name, staging / CACHE / name)
        parts = list(rebuilt.parts.values())
        for part in parts:
            write_graph(plan_file(staging, part.id), plan_graph(part.id), part.split.own)
        keep_parts(parts, entries, staging)
        mirror(paths.build, staging, written_files(entries, parts))

    try:
        result.output = write_build(staging, paths.build, result, rebuilt.validation,
                                    rebuilt.state, sources, link)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result


def _build_files(entries: list[PlanEntry]) -> set[str]:
    """Every file a build of `entries` may have in the folders kg.build.folder mirrors (paths
    relative to the build folder)."""
    return {f"{GRAPHS}/{SHARED_FILE}"}.union(
        *(plan_paths(entry.id, entry.file) for entry in entries))


def _up_to_date(build: Path, inputs: dict, strict: bool) -> BuildResult | None:
    """The build in `build` as a result, if it was made from `inputs` and is whole."""
    try:
        made_from = json.loads((build / CACHE / INPUTS).read_text(encoding="utf-8"))
        if made_from != inputs or not all((build / name).exists() for name in OUTPUTS):
            return None   # (the summary, tens of MB at 10,000 plans, is read only when it is)
        summary = json.loads((build / SUMMARY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    quality = summary.get("quality", {})
    if strict and (summary["unresolved"] or any(q["unread"] for q in quality.values())):
        return None   # built without --strict: build again, to fail as --strict asks

    def read(names: list[dict]) -> list[Unresolved]:
        return [Unresolved(u["kind"], u["name"], u["plan"], Span(u["file"], u["line"], u["line"]),
                           u.get("resolved")) for u in names]

    return BuildResult(summary["counts"], read(summary["unresolved"]), summary["warnings"],
                       output=build, checks=summary["checks"], up_to_date=True,
                       rule_resolved=read(summary.get("rule_resolved", [])), quality=quality)


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


def summary_counts(typed: Counter, unresolved: list[Unresolved]) -> dict[str, int]:
    """The build's counts from its type_counts."""
    def count(cls) -> int:
        return typed[f"<{cls}>"]

    return {
        "plans": count(PK.Plan), "tasks": count(PK.Task), "groups": count(PK.TaskGroup),
        "organizations": count(PK.GovernmentDepartment) + count(PK.Institution)
        + count(PK.OrganizationGroup),
        "indicators": count(PK.Indicator), "targets": count(PK.Target),
        "baselines": count(PK.Baseline), "triples": typed[None],
        "unresolved names": len({(u.kind, u.name, u.plan) for u in provisional(unresolved)}),
        "rule-resolved names": len({(u.kind, u.name, u.plan) for u in by_rule(unresolved)}),
    }


def write_build(staging: Path, target: Path, result: BuildResult, validation: Validation,
                state: State, sources: Sources, link: Callable[[], None] = lambda: None,
                whole: bool = False) -> Path:
    """Write the rest of the build into `staging`, which holds the graph's files, then swap it
    in for `target`; the old build survives any failure. `link` puts what the build takes from
    `target` into `staging`, in a thread beside the reports; `whole`: most plans' graphs were
    written anew (kg.build.folder.swap)."""
    def link_all() -> None:
        link()
        # the search index (kg.search) reads the graph files just written or linked; SQLite
        # leaves the GIL while it writes, so it too runs beside the reports
        write_index(staging, target if target.exists() else None, list(state.plans))

    with ThreadPoolExecutor(1) as pool:   # links are system calls: they leave the GIL
        linked = pool.submit(link_all)
        _write_reports(staging, result, validation, state, sources)
        linked.result()
    swap(staging, target, whole)
    return target


def _write_reports(staging: Path, result: BuildResult, validation: Validation, state: State,
                   sources: Sources) -> None:
    """The summary, the validation reports and the cache's account of the build."""
    summary = {"counts": result.counts, "warnings": result.warnings,
               "unresolved": [{"kind": u.kind, "name": u.name, "plan": u.plan,
                               "file": u.span.file, "line": u.span.start_line}
                              for u in result.unresolved],
               "rule_resolved": [{"kind": u.kind, "name": u.name, "plan": u.plan,
                                  "file": u.span.file, "line": u.span.start_line,
                                  "resolved": u.resolved} for u in result.rule_resolved],
               "graphs": {"plans": {plan_id: plan_graph(plan_id) for plan_id in state.plans},
                          "shared": SHARED_GRAPH, "ontology": ONTOLOGY_GRAPH,
                          "validation": VALIDATION_GRAPH},
               "extracted": result.extracted, "rewritten": result.rewritten,
               "revalidated": result.revalidated, "reassembled": result.reassembled,
               "checks": result.checks, "quality": result.quality}
    (staging / SUMMARY).write_text(json.dumps(summary, ensure_ascii=False, indent=2,
                                              sort_keys=True) + "\n", encoding="utf-8")
    (staging / REPORT_TTL).write_text(validation.turtle_text(), encoding="utf-8")
    (staging / REPORT_JSON).write_text(validation.json_text(), encoding="utf-8")
    write_checked(staging / CACHE, validation)
    write_state(staging / CACHE, state)
    sources.keep(staging / CACHE)
    (staging / CACHE / INPUTS).write_text(json.dumps(state.inputs, sort_keys=True) + "\n",
                                          encoding="utf-8")
