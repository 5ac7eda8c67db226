"""Validation parts checked in runs: several parts' union checked at once, in a pool of processes,
each result given back to the part whose focus node it is on (docs/validation.md: the parts give
the same report as the whole graph, so a union of parts gives the same results as each apart).
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kg.validate.check import check
from kg.validate.partition import Part
from kg.validate.report import Result

# Parts checked together, up to about this many triples. One pySHACL run has a fixed cost (the
# ontology read, the shapes set up: about 0.15 s), but it is small beside a plan's own (measured
# at 100 synthetic plans: 0.75 s of CPU a plan checked alone, 0.74 in runs of 24); the runs
# mostly spare the pool a thousand round trips
BATCH_TRIPLES = 50_000


def batches(parts: list[Part], limit: int = BATCH_TRIPLES) -> list[list[Part]]:
    """The parts in runs of about `limit` triples, the largest run first (so a pool starts on the
    shared part, the longest to check); a part larger than `limit` is a run of its own."""
    runs: list[list[Part]] = []
    size = limit
    for part in parts:
        lines = part.data_nt.count("\n")
        if size + lines > limit:
            runs.append([])
            size = 0
        runs[-1].append(part)
        size += lines
    return sorted(runs, key=lambda run: -sum(p.data_nt.count("\n") for p in run))


def check_run(run: list[Part], shapes: Path, ontology: Path,
               engine: str = "store") -> list[list[Result]]:
    """The results of each part of `run`, from one check over their union (the parts' focus
    nodes are disjoint and each part holds all that its focus nodes' shapes read)."""
    if len(run) == 1:
        return [check(run[0].data_nt, shapes, ontology, run[0].focus, engine)]
    data = "".join(part.data_nt for part in run)    # a triple in two parts is read once
    results = check(data, shapes, ontology, frozenset().union(*(p.focus for p in run)), engine)
    return split_by_part(results, run)


def check_parts(parts: list[Part], shapes: Path, ontology: Path,
                jobs: int = 1, engine: str = "store") -> list[list[Result]]:
    """Each part's results, the parts checked in runs (kg.validate.check's fixed cost, the
    ontology and the shapes set up again, is paid once a run), over `jobs` processes."""
    runs = batches(parts)
    if jobs > 1 and len(runs) > 1:
        context = multiprocessing.get_context("forkserver")   # workers without the build's memory
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures = [pool.submit(check_run, run, shapes, ontology, engine) for run in runs]
            checked = [future.result() for future in futures]
    else:
        checked = [check_run(run, shapes, ontology, engine) for run in runs]
    by_name = {part.name: results for run, results in zip(runs, checked)
               for part, results in zip(run, results)}
    return [by_name[part.name] for part in parts]


def split_by_part(results: list[Result], parts: list[Part]) -> list[list[Result]]:
    """Results of the union of `parts`, each under the part whose focus node it is on; one that no
    part holds goes to the last part (of a whole corpus, the shared one)."""
    owner = {node: index for index, part in enumerate(parts) for node in part.focus}
    split: list[list[Result]] = [[] for _ in parts]
    for result in results:
        split[owner.get(str(result.focus), len(parts) - 1)].append(result)
    return split
