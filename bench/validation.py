"""Section 4, validation: `plankg validate` on the corpus's whole graph, split by plan and run in
parallel (`--jobs`), against one pySHACL call over the whole graph as pySHACL is used naively (the
shapes and the ontology as given, its default inference), run in a child stopped at a time limit.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import typer

from bench.corpora import PLANKG, BenchError, Corpus
from bench.measure import run_limited
from kg.paths import ROOT, Paths
from kg.graphs import EXPORTS


def measure_validation(corpus: Corpus, jobs: int, limit: float, pyshacl_limit: float,
                       log: Path) -> dict:
    data = corpus.build / EXPORTS["nt"]   # bench.corpora.ensure_built
    split, code = run_limited([str(PLANKG), "validate", str(data), "--jobs", str(jobs)], limit, log,
                              cwd=ROOT)
    if code not in (None, 0, 1):  # 1: the graph does not conform, which is still a timing
        raise BenchError(f"plankg validate of {corpus.plans} plans exited {code}: see {log}")
    whole, code = run_limited([sys.executable, "-m", "bench.validation", str(data)],
                              pyshacl_limit, log, cwd=ROOT)
    if code not in (None, 0):
        raise BenchError(f"the whole-graph pySHACL run of {corpus.plans} plans exited {code}: "
                         f"see {log}")
    result = {"plans": corpus.plans, "jobs": jobs,
              "split_s": split, "split_over_s": None if split is not None else limit,
              "pyshacl_s": whole, "pyshacl_over_s": None if whole is not None else pyshacl_limit}
    result["speedup"] = _speedup(result)
    return result


def _speedup(result: dict) -> dict:
    """The whole-graph call's time over the split run's; a lower bound when it ran over."""
    if result["split_s"] is None:
        return {"value": None, "bound": None}
    if result["pyshacl_s"] is None:
        return {"value": result["pyshacl_over_s"] / result["split_s"], "bound": ">"}
    return {"value": result["pyshacl_s"] / result["split_s"], "bound": None}


def whole_graph(data: Path = typer.Argument(..., exists=True, dir_okay=False)) -> None:
    """One pyshacl.validate over the whole graph with the shapes and the ontology; prints the
    seconds spent reading and validating, and the result count, as JSON."""
    import pyshacl
    from rdflib import Graph

    started = time.perf_counter()
    paths = Paths()
    graph = Graph().parse(data, format="nt")
    shapes = Graph().parse(paths.shapes, format="turtle")
    ontology = Graph().parse(paths.ontology, format="turtle")
    read = time.perf_counter() - started
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology)
    print(json.dumps({"read_s": read, "validate_s": time.perf_counter() - started - read,
                      "conforms": conforms, "triples": len(graph)}), flush=True)


if __name__ == "__main__":
    typer.run(whole_graph)
