"""One engine's answers to the competency queries, timed, in a process of its own:
`python -m bench.query_runner embedded|rdflib BUILD_DIR --repeat R --limit L` prints JSON.

The data is loaded once; each query then runs in a forked child (copy-on-write, so a multi-GB
rdflib graph is not loaded again) that reports every run's time down a pipe. The child's first
run is a warm-up, reported apart and left out of the percentiles: a freshly forked child pays
for the pages it first touches (at 1,000 plans the embedded store's first run of a query took
1.6 to 3 times its later ones, which made a p95 of 5 runs the warm-up's time), and a server
answering queries runs warm. The warm-up and then the timed runs each get `limit` seconds; the
child is killed when one runs out: the runs finished by then are kept, and a query with none is
"over L s".
"""
from __future__ import annotations

import json
import os
import select
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import typer

from bench.corpora import QUERIED_PLAN, bind_plan
from kg.graphs import EXPORTS, ONTOLOGY_GRAPH, VALIDATION_GRAPH
from kg.paths import Paths
from kg.paths import REPORT_TTL
from kg.store import EmbeddedStore, load_queries
from kg.vocab import PREFIXES

Engine = Callable[[str], int]  # runs a query to its last row; how many rows


def embedded(build: Path) -> Engine:
    """The project's store: pyoxigraph, the build's named graphs queried as their union."""
    store = EmbeddedStore(Paths(build_dir=build))

    def run(sparql: str) -> int:
        results = store.query(sparql)
        return 1 if isinstance(results, ox.QueryBoolean) else sum(1 for _ in results)

    return run


def rdflib_dataset(build: Path):
    """The same quads in rdflib's in-memory Dataset, its default graph the union of the graphs
    (as the embedded store's), with the ontology and the build's SHACL report in their graphs."""
    from rdflib import Dataset, URIRef

    dataset = Dataset(default_union=True)
    dataset.parse(build / EXPORTS["nq"], format="nquads")   # bench.corpora.ensure_built
    dataset.graph(URIRef(ONTOLOGY_GRAPH)).parse(Paths().ontology, format="turtle")
    if (build / REPORT_TTL).exists():
        dataset.graph(URIRef(VALIDATION_GRAPH)).parse(build / REPORT_TTL, format="turtle")
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    return dataset


def rdflib_engine(build: Path) -> Engine:
    dataset = rdflib_dataset(build)
    return lambda sparql: sum(1 for _ in dataset.query(sparql, initNs=PREFIXES))


ENGINES = {"embedded": embedded, "rdflib": rdflib_engine}


def _child(engine: Engine, sparql: str, repeat: int, pipe: int) -> None:
    for run in range(repeat + 1):  # run 0 is the warm-up
        started = time.perf_counter()
        rows = engine(sparql)
        os.write(pipe, f"{'warm' if run == 0 else 'run'} {time.perf_counter() - started} "
                       f"{rows}\n".encode())


def timed_runs(engine: Engine, sparql: str, repeat: int, limit: float) -> dict:
    """A warm-up and up to `repeat` timed runs of one query in a forked child, each phase
    stopped after `limit` seconds."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report, and leave without running the parent's cleanup
        os.close(read)
        code = 0
        try:
            _child(engine, sparql, repeat, write)
        except BaseException as error:  # reported to the parent, which records it
            os.write(write, f"error {type(error).__name__}: {error}".replace("\n", " ")
                     .encode()[:2000] + b"\n")
            code = 1
        os._exit(code)
    os.close(write)
    deadline, buffer, killed = time.monotonic() + limit, b"", False
    warm, runs, rows, error = None, [], None, None
    while True:
        ready, _, _ = select.select([read], [], [], max(deadline - time.monotonic(), 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            killed = True
            break
        chunk = os.read(read, 65536)
        if not chunk:
            break
        *lines, buffer = (buffer + chunk).split(b"\n")
        for line in lines:
            kind, _, rest = line.decode(errors="replace").partition(" ")
            if kind == "error":
                error = rest
                continue
            seconds, count = rest.split()
            rows = int(count)
            if kind == "warm":
                warm = float(seconds)
                deadline = time.monotonic() + limit  # the timed runs' own `limit` from here
            else:
                runs.append(float(seconds))
    os.close(read)
    os.waitpid(pid, 0)
    return {"warmup": warm, "runs": runs, "rows": rows,
            "over": limit if killed and not runs else None,
            "stopped_after": len(runs) if killed and runs else None, "error": error}


def main(engine_name: str, build: Path, repeat: int, limit: float, plan_id: str,
         only: list[str] | None = None, ready: Path | None = None) -> dict:
    started = time.perf_counter()
    engine = ENGINES[engine_name](build)
    load = time.perf_counter() - started
    engine("ASK { ?s ?p ?o }")  # the query machinery imported and warm before the first fork
    if ready is not None:  # for a profiler to start sampling from here, the loading left out
        ready.write_text(f"{os.getpid()}\n")
    results = {}
    for name, (_, sparql) in load_queries(Paths().queries).items():
        if only and name not in only:
            continue
        results[name] = timed_runs(engine, bind_plan(sparql, plan_id), repeat, limit)
        print(f"{engine_name} {name}: {results[name]}", file=sys.stderr, flush=True)
    return {"engine": engine_name, "load_seconds": load, "queries": results}


def cli(engine: str = typer.Argument(..., help="embedded | rdflib"),
        build: Path = typer.Argument(..., exists=True, file_okay=False),
        repeat: int = typer.Option(10, min=1), limit: float = typer.Option(60.0),
        plan_id: str = typer.Option(QUERIED_PLAN, help="The plan queries 03, 07, 12 and 14 ask about."),
        only: list[str] = typer.Option(None, help="Only these queries (names); all by default."),
        ready: Path = typer.Option(None, help="A file written once the data is loaded.")
        ) -> None:
    if engine not in ENGINES:
        raise typer.BadParameter(f"{engine}: give embedded or rdflib")
    print(json.dumps(main(engine, build, repeat, limit, plan_id, only, ready)))


if __name__ == "__main__":
    typer.run(cli)
