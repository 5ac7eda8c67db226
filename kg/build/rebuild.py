"""The rebuild after a few plans changed their own graphs only, made from the last build's account
of itself (cache/state.pickle, written by every build) without reading the other plans' triples.
The whole path (kg.build.run) reads and reassembles every plan's lines: at 1,000 plans 1.6 M lines
and twenty seconds, for one changed plan.

It applies when every changed plan
- gives the shared graph the same lines as before (no new provisional name, no new policy),
- points at the same shared nodes with the same lines (the shared validation part reads them),
- owns no node the shared graph has, and describes the nodes of its own the shared graph points
  at (a source span a cited policy shares) as before.
The shared graph, its validation results and every other plan's graph and cache are then the last
build's; the changed plans' validation parts are checked again, and so is any other plan's part
that describes a changed plan's node (a plan citing it). Otherwise kg.build.run builds it whole.
"""
from __future__ import annotations

import hashlib
import mmap
import multiprocessing
import pickle
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from kg.build.rdf import Unresolved, citation_context, plan_citation_context
from kg.extract import extract_file
from kg.extract.quality import quality
from kg.extract.records import CitationRecord, HeaderRecord
from kg.graphs import (RDF_TYPE, PlanSplit, plan_file, plan_subjects, quad_graph,
                       shared_file, split_plan, type_counts)
from kg.build.parts import CACHE, TABLES, PlanPart, read_cached, read_pickle, write_plan
from kg.manifest import PlanEntry
from kg.paths import Paths
from kg.registry import Registry
from kg.validate.check import prepare
from kg.validate.incremental import CheckedPart, Validation, part_key, read_checked
from kg.validate.partition import Part, nt_text
from kg.validate.runs import check_parts
from kg.vocab import PKID

STATE = "state.pickle"   # in the build's cache folder
MOST_CHANGED = 8         # more changed plans than this are built whole, in the pool


@dataclass(frozen=True)
class PlanState:
    """What the build keeps of one plan to build the others without reading its triples."""

    key: str
    context: tuple[dict[str, str], dict[str, str]]
    citations: list[CitationRecord]      # what the other plans' citation contexts read
    header: HeaderRecord                 # and its document number, where the text prints it
    shared: str                          # a digest of its lines for the shared graph
    links: str                           # and of its own lines that point at shared nodes
    points_to: dict[str, str | None]     # the other nodes it points at → the plan owning each
    counts: Counter                      # its graph's kg.graphs.type_counts
    unresolved: list[Unresolved]
    warnings: list[str]
    conflicts: list[str]
    quality: dict[str, int]              # kg.extract.quality: what was read, what was not
    unread: list[str]                    # the text seen and not read, with file and lines


@dataclass(frozen=True)
class State:
    inputs: dict                         # as cache/inputs.json: fingerprint, plan keys, shapes
    plans: dict[str, PlanState]          # in manifest order
    shared_counts: Counter
    shadowing: frozenset[str]            # plans owning a line another source gave the shared graph
    shared_points: frozenset[str]        # nodes the shared graph points at that are not its own

    def counts(self) -> Counter:
        """The build's kg.graphs.type_counts: its graphs' added up."""
        total = Counter(self.shared_counts)
        for plan in self.plans.values():
            total.update(plan.counts)
        return total


@dataclass(frozen=True)
class Cited:
    """The records' part a citation context reads (kg.build.rdf.citation_context)."""

    citations: list[CitationRecord]
    header: HeaderRecord


def object_of(line: str) -> str:
    """The object of an N-Triples line whose object is an IRI or blank node (else a fragment of
    a literal, which no node equals)."""
    return line[line.rindex(" ", 0, len(line) - 2) + 1:-2]


def digest(lines: list[str]) -> str:
    """A digest of lines, which is all the state needs of them: whether they changed."""
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def links_of(split: PlanSplit, shared_nodes: set[str]) -> str:
    """A digest of a plan's own lines that point at shared nodes (kg.validate.partition's
    links, which the shared part reads)."""
    targets = {node for node in split.pointers if node in shared_nodes}
    return digest([line for line in split.own
                   if object_of(line) in targets and line.split(" ", 2)[1] != RDF_TYPE])


def plan_state(part: PlanPart, shared_nodes, owners: dict[str, str | None]) -> PlanState:
    """What the state keeps of a plan's part; `owners`: the plan owning each node outside the
    shared graph it may point at."""
    return PlanState(part.key, part.context, part.records.citations, part.records.header,
                     digest(part.split.shared),
                     links_of(part.split, shared_nodes),
                     {node: owners.get(node) for node in part.split.pointers
                      if node not in shared_nodes},
                     type_counts(part.split.own), part.unresolved, part.records.warnings,
                     part.conflicts, quality(part.records).as_dict(), part.records.unread)


def write_state(cache: Path, state: State) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    (cache / STATE).write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))


class SharedGraph:
    """The shared graph's file (kg.graphs.shared_file) as the last build wrote it, sorted by
    subject, searched in place (mapped, bisected): a rebuild reads the lines of a few hundred
    nodes, where reading back the whole graph, or an index of it, took a quarter of a second at
    1,000 plans and grew with the corpus."""

    def __init__(self, file: Path):
        self.file = file
        with file.open("rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) \
                if file.stat().st_size else b""

    @classmethod
    def read(cls, build: Path) -> SharedGraph | None:
        try:
            return cls(shared_file(build))
        except OSError:
            return None

    def _first(self, key: bytes) -> int:
        """The offset of the first line not less than `key`."""
        data, lo, hi = self._map, 0, len(self._map)
        while lo < hi:   # lo: a line's start; the line sought starts in [lo, hi]
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo, mid) + 1 or lo
            end = data.find(b"\n", start) + 1 or len(data)
            if data[start:end] < key:
                lo = end
            else:
                hi = start
        return lo

    def __contains__(self, node: str) -> bool:
        key = f"{node} ".encode("utf-8")
        at = self._first(key)
        return self._map[at:at + len(key)] == key

    def describe(self, node: str) -> list[str]:
        """The lines of `node` as subject, as N-Triples."""
        key = f"{node} ".encode("utf-8")
        data, at, lines = self._map, self._first(key), []
        while data[at:at + len(key)] == key:
            end = data.find(b"\n", at) + 1 or len(data)
            lines.append(quad_graph(data[at:end].decode("utf-8"))[0])
            at = end
        return lines


def about(node: str, lines: list[str]) -> list[str]:
    """The lines of `node` as subject among sorted `lines`."""
    prefix = f"{node} "
    start = bisect_left(lines, prefix)
    end = start
    while end < len(lines) and lines[end].startswith(prefix):
        end += 1
    return lines[start:end]


def _graph_lines(build: Path, plan_id: str) -> list[str]:
    with plan_file(build, plan_id).open(encoding="utf-8") as lines:
        return [quad_graph(line)[0] for line in lines]


@dataclass
class Rebuilt:
    """What the rebuild made, for kg.build.run to write as it writes a whole build."""

    parts: dict[str, PlanPart]           # the plans written again
    extracted: list[str]
    state: State
    validation: Validation
    counts: Counter
    unresolved: list[Unresolved]
    warnings: list[str]


def rebuild(paths: Paths, entries: list[PlanEntry], keys: dict[str, str], inputs: dict,
            writer: Writer) -> Rebuilt | None:
    """The rebuild from the last build's state, or None when it does not apply (the module's
    docstring says when); raises what extraction raises. `writer` writes the changed plans."""
    state = read_pickle(paths.build / CACHE / STATE)
    if not isinstance(state, State) or list(state.plans) != [e.id for e in entries] \
            or {k: v for k, v in state.inputs.items() if k != "plans"} \
            != {k: v for k, v in inputs.items() if k != "plans"}:
        return None
    stale = [e for e in entries if state.plans[e.id].key != keys[e.id]]
    if not stale or len(stale) > MOST_CHANGED:
        return None
    kept = read_checked(paths.build / CACHE)
    if not any(name.startswith("shared") for name in kept) or any(f"{PKID}plan/{e.id}" not in kept for e in entries):
        return None   # the last build's results were not kept part by part
    records = {e.id: extract_file(paths.sources / e.file) for e in stale}
    cited = {e.id: records[e.id] if e.id in records else Cited(state.plans[e.id].citations,
                                                                  state.plans[e.id].header)
             for e in entries}
    policies, plan_numbers = citation_context([(e, cited[e.id]) for e in entries])
    contexts = {e.id: plan_citation_context(cited[e.id], policies, plan_numbers)
                for e in entries}
    redo = [e for e in entries if e.id in records or contexts[e.id] != state.plans[e.id].context]
    if len(redo) > MOST_CHANGED:
        return None
    for entry in redo:
        if entry.id not in records:
            cached = read_cached(paths.build, entry.id, keys[entry.id])
            if cached is None:
                return None
            records[entry.id] = cached.records
    jobs = [(e, keys[e.id], records[e.id], contexts[e.id]) for e in redo]
    # the plans are written in the writer's process while this one readies the shapes
    writer.submit(state.inputs["fingerprint"], jobs)
    shared = SharedGraph.read(paths.build)
    prepare(paths.shapes, paths.ontology)
    parts = writer.result()
    if shared is None:
        return None
    owners = _owners(paths.build, state, parts, shared)
    if owners is None:
        return None
    plans = {plan_id: plan if all(owners[node] == owner for node, owner in plan.points_to.items())
             else replace(plan, points_to={node: owners[node] for node in plan.points_to})
             for plan_id, plan in state.plans.items()}
    for plan_id, part in parts.items():
        plans[plan_id] = plan_state(part, shared, owners)
    validation = _validate(paths, state, parts, plans, shared, kept)
    new_state = State(inputs, plans, state.shared_counts, state.shadowing, state.shared_points)
    return Rebuilt(parts, [e.id for e in stale], new_state, validation, new_state.counts(),
                   [u for plan in plans.values() for u in plan.unresolved],
                   [w for plan in plans.values() for w in plan.warnings]
                   + [c for plan in plans.values() for c in plan.conflicts])


class Writer:
    """A process forked as the build starts, which reads the last build's registry (0.75 s at
    10,000 plans) while this one works out what changed, then writes the changed plans' parts
    (submit, result). A build that takes the whole path closes it unused."""

    def __init__(self, paths: Paths):
        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(paths, child), daemon=True)
        self._process.start()
        child.close()

    def submit(self, fp: str, jobs: list[tuple]) -> None:
        self._connection.send((fp, jobs))

    def result(self) -> dict[str, PlanPart]:
        try:
            ok, value = self._connection.recv()
        except EOFError:
            raise RuntimeError("the rebuild's writer process ended without writing "
                               f"(exit code {self._process.exitcode})") from None
        if not ok:
            raise value
        return value

    def close(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._connection.close()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _serve(paths: Paths, connection) -> None:
    """The writer's process: the registry read, then one batch of plans written."""
    kept = read_pickle(paths.build / CACHE / TABLES)
    try:
        fp, jobs = connection.recv()
    except EOFError:
        return
    try:
        registry = kept.get(fp) if isinstance(kept, dict) else None
        if not isinstance(registry, Registry):
            registry = Registry.load(paths.registry)
        parts = {}
        for entry, key, records, context in jobs:
            split, unresolved, conflicts = write_plan(entry, records, context, registry)
            parts[entry.id] = PlanPart(entry.id, key, records, context, split, unresolved,
                                       conflicts)
        answer = (True, parts)
    except Exception as error:   # raised in the build's process
        answer = (False, error)
    try:
        connection.send(answer)
    except Exception as error:   # an error that cannot be pickled: its text
        connection.send((False, RuntimeError(f"writing the changed plans failed: {error!r}")))


def _owners(build: Path, state: State, parts: dict[str, PlanPart],
            shared: SharedGraph) -> dict[str, str | None] | None:
    """Which plan owns each node a plan points at outside itself and the shared graph, now; None
    when a changed plan breaks a condition of the module's docstring, or points at a node whose
    owner the state does not know."""
    owners = {node: owner for plan in state.plans.values()
              for node, owner in plan.points_to.items()}
    for plan_id, part in parts.items():
        before = state.plans[plan_id]
        if digest(part.split.shared) != before.shared or plan_id in state.shadowing:
            return None
        if not part.split.own or any(node in shared for node in part.split.owned):
            return None
        if links_of(part.split, shared) != before.links:
            return None
        old = _graph_lines(build, plan_id)
        read = (part.split.owned | plan_subjects(plan_id, old)) & state.shared_points
        if any(about(node, old) != about(node, part.split.own) for node in read):
            return None   # the shared part describes the node (a span a policy is cited on)
        for node, owner in owners.items():
            if owner == plan_id and node not in part.split.owned:
                return None   # no longer its node: whose it is now is not known here
            if node in part.split.owned:
                owners[node] = plan_id
    for part in parts.values():
        if any(node not in owners for node in part.split.pointers if node not in shared):
            return None
    return owners


def _validate(paths: Paths, state: State, parts: dict[str, PlanPart],
              plans: dict[str, PlanState], shared: SharedGraph,
              kept: dict[str, CheckedPart]) -> Validation:
    """The changed plans' parts and those of the plans describing their nodes checked again (or
    their kept results taken, when a part came back as it was); every other part's results as
    the last build kept them."""
    changed = set(parts)
    affected = [plan_id for plan_id, plan in plans.items() if plan_id not in changed
                and any(owner in changed for owner in plan.points_to.values())]
    lines: dict[str, list[str]] = {plan_id: part.split.own for plan_id, part in parts.items()}

    def own_lines(plan_id: str) -> list[str]:
        if plan_id not in lines:
            lines[plan_id] = _graph_lines(paths.build, plan_id)
        return lines[plan_id]

    def describe(node: str, owners: dict[str, str | None]) -> list[str]:
        if node in shared:
            return shared.describe(node)
        owner = owners.get(node)
        if owner is None:
            return []
        return about(node, own_lines(owner))

    checking = []
    for plan_id in [*parts, *affected]:
        split = parts[plan_id].split if plan_id in parts else split_plan(plan_id,
                                                                          own_lines(plan_id))
        owners = plans[plan_id].points_to
        needed = [line for node in sorted(split.pointers) for line in describe(node, owners)]
        checking.append(Part(f"{PKID}plan/{plan_id}", nt_text(split.own + needed),
                             frozenset(node[1:-1] for node in split.owned)))
    context = hashlib.sha256(state.inputs["fingerprint"].encode() + paths.shapes.read_bytes()
                             + paths.ontology.read_bytes()).hexdigest()
    keys = {part.name: part_key(part, context) for part in checking}
    stale = [p for p in checking if p.name not in kept or kept[p.name].key != keys[p.name]]
    fresh = check_parts(stale, paths.shapes, paths.ontology)
    every = dict(kept)
    every.update({p.name: CheckedPart.made(keys[p.name], results)
                  for p, results in zip(stale, fresh)})
    return Validation([p.name for p in stale], every)
