"""The whole build plan by plan: what the build holds at once is the shared graph and a small
account of each plan, never the corpus's records or its plans' triples.

    extract    each plan's records, from the last build's cache where its key is unchanged, else
               from its document; the records of a plan read now are pickled into the staging
               folder, and only its citations and header stay (what the citation contexts read)
    write      each plan's triples, its citation context now known: its graph file, cache part and
               text written into the staging folder; kept: its lines for the shared graph, its own
               nodes and its own lines that point outside it
    share      the registry's lines and the plans' shared lines joined into the shared graph
    validate   the shared part first (the largest), then each plan's part, its graph file read back
               and the nodes it points at described from the shared graph, in runs over a pool

The first two stages run here, in a pool of processes that each read the registry; the shared
graph is kg.build.shared, the validation kg.build.checks (this process makes the parts, a pool
checks them). The pools' processes are clean ones (forkserver): none holds a copy of the build's
memory.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.build.checks import validate
from kg.build.lines import Lines
from kg.build.parts import (CACHE, PlanPart, _start_worker, cache_file, read_cached, read_pickle,
                            text_file, write_plan)
from kg.build.rdf import citation_context, plan_citation_context
from kg.build.rebuild import STATE, Cited, PlanState, State, about, object_of
from kg.build.shared import Shared, Written
from kg.extract import extract_file
from kg.extract.quality import quality
from kg.graphs import (RDF_TYPE, link_or_copy, plan_file, plan_graph, type_counts, write_graph,
                       write_new)
from kg.manifest import PlanEntry
from kg.paths import Paths
from kg.registry import Registry
from kg.validate.incremental import Validation, read_checked
from kg.validate.runs import BATCH_TRIPLES

RECORDS = "records"   # in the staging folder's cache: records/{plan id}.pickle, until written


@dataclass
class Streamed:
    """The build as the stages leave it, for kg.build.run to report and write."""

    plans: list[Written]               # in manifest order
    shared: Lines                      # the shared graph's sorted lines
    state: State
    validation: Validation
    extracted: list[str]


def stream(paths: Paths, entries: list[PlanEntry], keys: dict[str, str], inputs: dict,
           registry: Registry | None, shared: Shared, jobs: int,
           check_plans: Callable[[list[Written]], None], batch: int = BATCH_TRIPLES
           ) -> Streamed:
    """Every stage, writing into `shared.staging`; `check_plans` sees the plans once written (the
    build's --strict and empty-plan checks), before any is validated. `registry`: the one a plan
    is written with in this process (one job); None where the pool's processes read their own.
    `shared`: the shared graph started from the registry's lines (Shared.start), handed over: the
    registry's lines are let go as the plans' are joined to them."""
    staging = shared.staging
    previous = read_pickle(paths.build / CACHE / STATE)
    known = previous.plans if isinstance(previous, State) else {}
    with _pool(jobs, _start_worker, (paths.registry,)) as run:
        cited, extracted = _extract(paths, entries, keys, known, staging, run)
        policies, numbers = citation_context([(e, cited[e.id]) for e in entries])
        contexts = [plan_citation_context(cited[e.id], policies, numbers) for e in entries]
        fresh = set(extracted)
        written = [shared.add(plan) for plan in run.map(
            _write, [(paths, staging, e, keys[e.id], context, cited[e.id], e.id in fresh,
                      registry) for e, context in zip(entries, contexts)])]
    shutil.rmtree(staging / CACHE / RECORDS, ignore_errors=True)   # each now in its plan's part
    check_plans(written)
    shared.settle()
    fingerprint = inputs["fingerprint"]
    context = hashlib.sha256(fingerprint.encode() + paths.shapes.read_bytes()
                             + paths.ontology.read_bytes()).hexdigest()
    kept = read_checked(paths.build / CACHE)
    validation, plans = validate(paths, shared, written, kept, context, jobs, batch)
    state = State(inputs, plans, type_counts(shared.lines), frozenset(shared.shadowing),
                  frozenset(shared.points))
    return Streamed(written, shared.lines, state, validation, extracted)


# --- extract and write -------------------------------------------------------------------------

def _extract(paths: Paths, entries: list[PlanEntry], keys: dict[str, str],
             known: dict[str, PlanState], staging: Path, run) -> tuple[dict[str, Cited], list[str]]:
    """Each plan's citations and header: from the last build's state where its key is unchanged
    (nothing read), else from its cached part or its document (in the pool); the ids read now
    from their documents."""
    cited = {e.id: Cited(plan.citations, plan.header) for e in entries
             if (plan := known.get(e.id)) is not None and plan.key == keys[e.id]}
    asked = [e for e in entries if e.id not in cited]
    found = run(_read, [(paths, staging, e, keys[e.id]) for e in asked])
    for entry, (plan_cited, was_read) in zip(asked, found):
        cited[entry.id] = plan_cited
    return cited, [e.id for e, (_, was_read) in zip(asked, found) if was_read]


def _read(paths: Paths, staging: Path, entry: PlanEntry, key: str) -> tuple[Cited, bool]:
    cached = read_cached(paths.build, entry.id, key)
    if cached is not None:
        return Cited(cached.records.citations, cached.records.header), False
    records = extract_file(paths.sources / entry.file)
    _dump(_records_file(staging, entry.id), records)
    return Cited(records.citations, records.header), True


def _write(paths: Paths, staging: Path, entry: PlanEntry, key: str,
           context: tuple[dict[str, str], dict[str, str]], cited: Cited, fresh: bool,
           registry: Registry | None) -> Written:
    """One plan's files in `staging`: written from its records, or linked from the last build
    when its part there was made under the same key and citation context."""
    if fresh:
        records_file = _records_file(staging, entry.id)
        records = pickle.loads(records_file.read_bytes())
        records_file.unlink()
    else:
        cached = read_cached(paths.build, entry.id, key)
        if cached is None:
            raise RuntimeError(f"the cache of plan {entry.id} in {paths.build / CACHE} changed "
                               "during the build")
        if cached.context == context:
            _link_plan(paths.build, staging, entry)
            return _written(cached, cited, rewritten=False)
        records = cached.records
    split, unresolved, conflicts = write_plan(entry, records, context, registry)
    part = PlanPart(entry.id, key, records, context, split, unresolved, conflicts)
    write_graph(plan_file(staging, entry.id), plan_graph(entry.id), split.own)
    _dump(cache_file(staging, entry.id), part)
    if records.lines:
        write_new(text_file(staging, entry.file), "\n".join(records.lines))   # read: split("\n")
    return _written(part, cited, rewritten=True)


def _link_plan(previous: Path, staging: Path, entry: PlanEntry) -> None:
    link_or_copy(plan_file(previous, entry.id), plan_file(staging, entry.id))
    link_or_copy(cache_file(previous, entry.id), cache_file(staging, entry.id))
    if text_file(previous, entry.file).exists():
        link_or_copy(text_file(previous, entry.file), text_file(staging, entry.file))
    else:
        text_file(staging, entry.file).unlink(missing_ok=True)   # a spare's, of an older text


def _written(part: PlanPart, cited: Cited, rewritten: bool) -> Written:
    split = part.split
    links = [line for line in split.own
             if object_of(line) in split.pointers and line.split(" ", 2)[1] != RDF_TYPE]
    pointed = {obj for line in split.shared if (obj := object_of(line)) in split.owned}
    return Written(part.id, part.key, part.context, cited, split.shared, split.owned, links,
                   {node: about(node, split.own) for node in pointed}, len(split.own),
                   part.unresolved, part.records.warnings, part.conflicts,
                   quality(part.records).as_dict(), part.records.unread, rewritten)


def _records_file(staging: Path, plan_id: str) -> Path:
    return staging / CACHE / RECORDS / f"{plan_id}.pickle"


def _dump(path: Path, value: object) -> None:
    write_new(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


# --- helpers -----------------------------------------------------------------------------------

class _Runner:
    """map over a pool of processes (clean ones: forkserver, the build's memory not theirs), or
    in this process."""

    def __init__(self, pool: ProcessPoolExecutor | None, jobs: int):
        self.pool, self.jobs = pool, jobs

    def __call__(self, function, calls: list[tuple]) -> list:
        return list(self.map(function, calls))

    def map(self, function, calls: list[tuple]) -> Iterator:
        """The results in the order of `calls`, as they come (a pool's in chunks)."""
        if self.pool is None:
            return (function(*call) for call in calls)
        chunk = max(1, len(calls) // (self.jobs * 8))
        return self.pool.map(_star, [function] * len(calls), calls, chunksize=chunk)


def _star(function, call: tuple):
    return function(*call)


@contextmanager
def _pool(jobs: int, initializer, initargs: tuple) -> Iterator[_Runner]:
    if jobs <= 1:
        yield _Runner(None, 1)
        return
    with ProcessPoolExecutor(max_workers=jobs,
                             mp_context=multiprocessing.get_context("forkserver"),
                             initializer=initializer, initargs=initargs) as pool:
        yield _Runner(pool, jobs)
