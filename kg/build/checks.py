"""The build's validation: the shared graph's parts, then each plan's part made from its graph
file just written and the nodes it points at (kg.build.shared), handed to a pool of clean checking
processes a few runs at a time; a part as the last build checked it is not checked again. The parts
are kg.validate.partition's, so the report is the whole graph's (docs/validation.md).
"""
from __future__ import annotations

import multiprocessing
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from kg.build.rebuild import PlanState, links_of, object_of
from kg.build.shared import SHARED, Shared, Written
from kg.graphs import RDF_TYPE, PlanSplit, split_plan, type_counts
from kg.paths import Paths
from kg.validate.incremental import CheckedPart, Validation, part_key
from kg.validate.partition import Part, nt_text
from kg.validate.runs import BATCH_TRIPLES, check_run
from kg.vocab import PKID


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


def validate(paths: Paths, shared: Shared, plans: list[Written],
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
    return Validation(sorted(checks.checked), every), states


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
    return (Part(f"{PKID}plan/{plan_id}", nt_text(lines + described),
                 frozenset(node[1:-1] for node in split.owned)), split, own)
