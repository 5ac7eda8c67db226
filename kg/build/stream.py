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

The first two stages run in a pool of processes that each read the registry; this process makes
the validation parts (it holds the shared graph) and a pool checks them, a few runs of plans at a
time. The pools' processes are clean ones (forkserver): none holds a copy of the build's memory.
The parts are kg.validate.partition's, so the report is the whole graph's (docs/validation.md).
"""
from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import shutil
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.build.parts import (CACHE, PlanPart, _start_worker, cache_file, read_cached, read_pickle,
                            text_file, write_plan)
from kg.build.rdf import Unresolved, citation_context, plan_citation_context
from kg.build.rebuild import (STATE, Cited, PlanState, State, about, digest, links_of,
                              object_of)
from kg.extract import extract_file
from kg.extract.quality import quality
from kg.graphs import (RDF_TYPE, PlanSplit, link_or_copy, plan_file, plan_graph,
                       quad_graph, split_plan, type_counts, write_graph)
from kg.manifest import PlanEntry
from kg.paths import Paths
from kg.registry import Registry
from kg.validate.incremental import CheckedPart, Validation, part_key, read_checked
from kg.validate.partition import Part
from kg.validate.report import Report
from kg.validate.runs import BATCH_TRIPLES, check_run
from kg.vocab import PKID

SHARED = "shared"      # the shared part's parts: shared, shared/1, shared/2, …
RECORDS = "records"   # in the staging folder's cache: records/{plan id}.pickle, until written


@dataclass
class Written:
    """What the build keeps of one plan once its files are written."""

    id: str
    key: str
    context: tuple[dict[str, str], dict[str, str]]
    cited: Cited
    shared: list[str]                  # its lines for the shared graph, sorted (until joined)
    owned: frozenset[str]              # its own nodes, as written in N-Triples (until joined)
    links: list[str]                   # its own lines pointing at nodes not its own (no rdf:type)
    described: dict[str, list[str]]    # its own nodes its shared lines point at → their lines
    lines: int                         # its own graph's
    unresolved: list[Unresolved]
    warnings: list[str]
    conflicts: list[str]
    quality: dict[str, int]
    unread: list[str]
    rewritten: bool                    # its graph was written now (else linked from the last build)
    shared_digest: str = ""            # of `shared`: whether it changed, all a rebuild asks


@dataclass
class Streamed:
    """The build as the stages leave it, for kg.build.run to report and write."""

    plans: list[Written]               # in manifest order
    shared: list[str]                  # the shared graph's sorted lines
    state: State
    validation: Validation
    extracted: list[str]


def stream(paths: Paths, entries: list[PlanEntry], keys: dict[str, str], inputs: dict,
           registry: Registry, registry_nt: list[str], staging: Path, jobs: int,
           check_plans: Callable[[list[Written]], None], batch: int = BATCH_TRIPLES
           ) -> Streamed:
    """Every stage, writing into `staging`; `check_plans` sees the plans once written (the build's
    --strict and empty-plan checks), before any is validated."""
    previous = read_pickle(paths.build / CACHE / STATE)
    known = previous.plans if isinstance(previous, State) else {}
    with _pool(jobs, _start_worker, (paths.registry,)) as run:
        cited, extracted = _extract(paths, entries, keys, known, staging, run)
        policies, numbers = citation_context([(e, cited[e.id]) for e in entries])
        contexts = [plan_citation_context(cited[e.id], policies, numbers) for e in entries]
        fresh = set(extracted)
        shared = Shared.start(registry_nt, staging)
        written = [shared.add(plan) for plan in run.map(
            _write, [(paths, staging, e, keys[e.id], context, cited[e.id], e.id in fresh,
                      None if jobs > 1 else registry) for e, context in zip(entries, contexts)])]
    shutil.rmtree(staging / CACHE / RECORDS, ignore_errors=True)   # each now in its plan's part
    check_plans(written)
    shared.settle()
    fingerprint = inputs["fingerprint"]
    context = hashlib.sha256(fingerprint.encode() + paths.shapes.read_bytes()
                             + paths.ontology.read_bytes()).hexdigest()
    kept = read_checked(paths.build / CACHE)
    validation, plans = _validate(paths, shared, written, kept, context, jobs, batch)
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
        target = text_file(staging, entry.file)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(records.lines), encoding="utf-8")   # read: split("\n")
    return _written(part, cited, rewritten=True)


def _link_plan(previous: Path, staging: Path, entry: PlanEntry) -> None:
    link_or_copy(plan_file(previous, entry.id), plan_file(staging, entry.id))
    link_or_copy(cache_file(previous, entry.id), cache_file(staging, entry.id))
    if text_file(previous, entry.file).exists():
        link_or_copy(text_file(previous, entry.file), text_file(staging, entry.file))


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
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


# --- the shared graph --------------------------------------------------------------------------

@dataclass
class Shared:
    """The shared graph and what the validation parts read of the plans around it."""

    lines: list[str]                   # the shared graph's sorted lines
    owner: dict[str, str]              # each plan's own node → the plan
    plans: dict[str, Written]
    staging: Path
    # a shared line whose subject is a plan's own node, not among that plan's own lines: in the
    # shared graph, and in that plan's validation part (kg.validate.partition reads all lines)
    strays: dict[str, list[str]] = field(default_factory=dict)
    shadowing: set[str] = field(default_factory=set)   # plans owning a line given to the shared graph
    file_nodes: frozenset[str] = frozenset()   # the shared graph's subjects
    nodes: frozenset[str] = frozenset()        # those no plan owns: the shared part's focus nodes
    points: frozenset[str] = frozenset()       # nodes its lines point at outside it

    candidates: set[str] = field(default_factory=set)   # the lines given to it, until settled

    @classmethod
    def start(cls, registry_nt: list[str], staging: Path) -> Shared:
        return cls([], {}, {}, staging, candidates=set(registry_nt))

    def add(self, plan: Written) -> Written:
        """Take a plan's lines for the shared graph and its own nodes as it is written: they are
        kept here once, not a copy a plan."""
        self.candidates.update(plan.shared)
        plan.shared_digest = digest(plan.shared)
        for node in plan.owned:
            self.owner[node] = plan.id
        plan.shared, plan.owned = [], frozenset()
        self.plans[plan.id] = plan
        return plan

    def settle(self) -> None:
        self.lines = sorted(self.candidates)
        self.candidates = set()
        self._settle()

    def _settle(self) -> None:
        """A shared line also among its subject's plan's own lines is in that plan's graph only
        (the plan's graph wins); the rest of the lines about plans' nodes are strays."""
        about_plans: dict[str, list[str]] = defaultdict(list)
        for line in self.lines:
            if (plan := self.owner.get(line[:line.index(" ")])) is not None:
                about_plans[plan].append(line)
        shadowed = set()
        for plan_id, lines in about_plans.items():
            own = set(self.own_lines(plan_id))
            if any(line in own for line in lines):
                self.shadowing.add(plan_id)
                shadowed.update(line for line in lines if line in own)
            if strays := [line for line in lines if line not in own]:
                self.strays[plan_id] = strays
        if shadowed:
            self.lines = [line for line in self.lines if line not in shadowed]
        self.file_nodes = frozenset(line[:line.index(" ")] for line in self.lines)
        self.nodes = frozenset(node for node in self.file_nodes if node not in self.owner)
        self.points = frozenset(obj for line in self.lines
                                if (obj := object_of(line))[:1] in "<_"
                                and obj not in self.file_nodes
                                and line.split(" ", 2)[1] != RDF_TYPE)

    def own_lines(self, plan_id: str) -> list[str]:
        with plan_file(self.staging, plan_id).open(encoding="utf-8") as lines:
            return [quad_graph(line)[0] for line in lines]

    def describe(self, node: str, reading: dict[str, list[str]] | None = None) -> list[str]:
        """The lines of `node` as subject in the whole graph; `reading`: plans' own lines read
        already (a plan's node is read from its file)."""
        plan_id = self.owner.get(node)
        if plan_id is None:
            return about(node, self.lines)
        plan = self.plans[plan_id]
        if node in plan.described:
            lines = plan.described[node]
        else:
            if reading is None or plan_id not in reading:
                own = self.own_lines(plan_id)
                if reading is not None:
                    reading[plan_id] = own
            else:
                own = reading[plan_id]
            lines = about(node, own)
        strays = [line for line in self.strays.get(plan_id, ()) if line.startswith(f"{node} ")]
        return sorted(lines + strays) if strays else lines

    def parts(self, size: int) -> Iterator[Part]:
        """The shared part (kg.validate.partition's: the nodes no plan owns) cut into parts of
        about `size` of their own lines, whole nodes each, with what the shapes on them read: the
        lines of every node they point at (one step out) and the lines pointing at them. No shape
        on a shared node reads further (docs/validation.md), so the parts give the report of the
        shared part whole, and none holds the corpus's links at once."""
        own = [line for line in self.lines if line[:line.index(" ")] not in self.owner]
        incoming: dict[str, list[str]] = defaultdict(list)
        for line in chain(own, *(chain(plan.links, self.strays.get(plan.id, ()))
                                 for plan in self.plans.values())):
            if (obj := object_of(line)) in self.nodes and line.split(" ", 2)[1] != RDF_TYPE:
                incoming[obj].append(line)
        read: dict[str, list[str]] = {}
        for number, lines in enumerate(_by_subject(own, size)):
            nodes = {line[:line.index(" ")] for line in lines}
            needs = {obj for line in lines if (obj := object_of(line))[:1] in "<_"
                     and obj not in nodes and line.split(" ", 2)[1] != RDF_TYPE}
            described = [line for node in sorted(needs) for line in self.describe(node, read)]
            pointing = [line for node in sorted(nodes) for line in incoming.get(node, ())]
            yield Part(f"{SHARED}/{number}" if number else SHARED,
                       _text(dict.fromkeys(lines + described + pointing)),
                       frozenset(node[1:-1] for node in nodes))


def _by_subject(lines: list[str], size: int) -> Iterator[list[str]]:
    """Sorted lines in runs of about `size`, a subject's lines never cut apart."""
    run: list[str] = []
    for line in lines:
        if len(run) >= size and not line.startswith(run[-1][:run[-1].index(" ") + 1]):
            yield run
            run = []
        run.append(line)
    if run:
        yield run


# --- validation --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Checked:
    """What the build's state keeps of a plan's graph, read while making its validation part."""

    links: str                        # PlanState.links
    points_to: dict[str, str | None]
    counts: Counter


class _Checks:
    """The parts handed to a pool of checking processes (each a clean process: forkserver), runs
    of them at a time, at most a few runs waiting, so the parts' texts in memory are those of the
    runs being checked; a part as the last build checked it is not checked again."""

    def __init__(self, paths: Paths, kept: dict[str, CheckedPart], context: str,
                 pool: ProcessPoolExecutor | None, waiting: int):
        self.paths, self.kept, self.context = paths, kept, context
        self.pool, self.waiting = pool, waiting
        self.done: dict[str, CheckedPart] = {}
        self.checked: list[str] = []
        self.runs: deque = deque()

    def submit(self, parts: list[Part]) -> None:
        stale = []
        for part in parts:
            key = part_key(part, self.context)
            old = self.kept.get(part.name)
            if old is not None and old.key == key:
                self.done[part.name] = old
            else:
                stale.append((part.name, key, part))
        if not stale:
            return
        run = [part for _, _, part in stale]
        shapes, ontology = self.paths.shapes, self.paths.ontology
        if self.pool is None:
            future = Future()
            future.set_result(check_run(run, shapes, ontology))
        else:
            future = self.pool.submit(check_run, run, shapes, ontology)
        self.runs.append((future, [(name, key) for name, key, _ in stale]))
        self.collect(self.waiting)

    def collect(self, waiting: int = 0) -> None:
        while len(self.runs) > waiting:
            future, names = self.runs.popleft()
            for (name, key), results in zip(names, future.result()):
                self.done[name] = CheckedPart.made(key, results)
                self.checked.append(name)


def _validate(paths: Paths, shared: Shared, plans: list[Written],
              kept: dict[str, CheckedPart], context: str, jobs: int, batch: int
              ) -> tuple[Validation, dict[str, PlanState]]:
    """The shared part's parts first, then the plans' parts run by run."""
    with _checkers(jobs) as pool:
        checks = _Checks(paths, kept, context, pool, waiting=2 * jobs)
        for part in shared.parts(batch):   # each a run: the pool shares them out
            checks.submit([part])
        found = {}
        for run in _runs(plans, batch):
            parts = []
            for plan_id in run:
                part, split, own = _plan_part(shared, plan_id)
                found[plan_id] = _Checked(links_of(split, shared.file_nodes),
                                          {node: shared.owner.get(node) for node
                                           in split.pointers - shared.file_nodes},
                                          type_counts(own))
                parts.append(part)
            checks.submit(parts)
        checks.collect()
    states = {}
    for plan in plans:
        c = found[plan.id]
        states[plan.id] = PlanState(plan.key, plan.context, plan.cited.citations,
                                    plan.cited.header, plan.shared_digest, c.links, c.points_to,
                                    c.counts, plan.unresolved, plan.warnings, plan.conflicts,
                                    plan.quality, plan.unread)
    every = {name: checks.done[name]
             for name in sorted(f"{PKID}plan/{plan.id}" for plan in plans)}
    every.update((name, checks.done[name]) for name in sorted(
        (name for name in checks.done if name.startswith(SHARED)),
        key=lambda name: int(name[len(SHARED) + 1:] or 0)))
    report = Report([r for part in every.values() for r in part.results])
    return Validation(report, sorted(checks.checked), every), states


@contextmanager
def _checkers(jobs: int) -> Iterator[ProcessPoolExecutor | None]:
    if jobs <= 1:
        yield None
        return
    with ProcessPoolExecutor(max_workers=jobs,
                             mp_context=multiprocessing.get_context("forkserver")) as pool:
        yield pool


def _runs(plans: list[Written], limit: int = BATCH_TRIPLES) -> list[list[str]]:
    """The plans in runs of about `limit` of their own lines: a run's parts are checked at once."""
    runs: list[list[str]] = []
    size = limit
    for plan in plans:
        if size + plan.lines > limit:
            runs.append([])
            size = 0
        runs[-1].append(plan.id)
        size += plan.lines
    return runs


def _plan_part(shared: Shared, plan_id: str) -> tuple[Part, PlanSplit, list[str]]:
    """A plan's part: its own lines (and the strays about its nodes), and the lines of every node
    they point at outside it, for reading."""
    own = shared.own_lines(plan_id)
    split = split_plan(plan_id, own)
    lines = own
    needs = set(split.pointers)
    if strays := shared.strays.get(plan_id):
        lines = sorted(own + strays)
        for line in strays:
            obj = object_of(line)
            if obj[:1] in "<_" and line.split(" ", 2)[1] != RDF_TYPE and obj not in split.owned:
                needs.add(obj)
    read = {plan_id: own}
    described = [line for node in sorted(needs) for line in shared.describe(node, read)]
    return (Part(f"{PKID}plan/{plan_id}", _text(lines + described),
                 frozenset(node[1:-1] for node in split.owned)), split, own)


# --- helpers -----------------------------------------------------------------------------------

class _Runner:
    """map over a pool of processes (clean ones: forkserver, the build's memory not theirs), or
    in this process."""

    def __init__(self, pool: ProcessPoolExecutor | None, jobs: int):
        self.pool, self.jobs = pool, jobs

    def __call__(self, function, calls: list[tuple]) -> list:
        return list(self.map(function, calls))

    def map(self, function, calls: list[tuple], lazy: bool = False) -> Iterator:
        if self.pool is None:
            return (function(*call) for call in calls)
        chunk = 1 if lazy else max(1, len(calls) // (self.jobs * 8))
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


def _text(lines: Iterable[str]) -> str:
    return "".join(f"{line}\n" for line in lines)
