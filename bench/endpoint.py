"""Section 3, the endpoint: requests per second and p95 latency of three competency queries under
a bounded concurrent load (wrk: fixed connections, fixed duration, loopback only), against our
`/sparql` (`plankg serve`), rdflib-endpoint serving the same data, and a bare `oxigraph serve`
holding the same quads (the ceiling). Every server is asked each query once first and must answer
200; the rows each returns are recorded, so a server answering differently shows.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx

from bench.corpora import PLANKG, BenchError, Corpus, bind_plan, first_plan
from bench.measure import free_port, start_server, stop
from kg.graphs import EXPORTS, ONTOLOGY_GRAPH, VALIDATION_GRAPH
from kg.paths import ROOT, Paths
from kg.paths import REPORT_TTL
from kg.store import load_queries
from kg.vocab import PREFIXES

OXIGRAPH = Path(sys.executable).parent / "oxigraph"  # the `oxigraph` package's server
WRK_SCRIPT = Path(__file__).with_name("wrk.lua")
SERVERS = ("plankg", "rdflib-endpoint", "oxigraph")
DEFAULT_QUERIES = ("01-tasks-by-unit", "10-tasks-mentioning-phrase", "13-central-bodies")
ROW_CAP = 10_000_000  # our /sparql cuts answers at PLANKG_MAX_ROWS; the others do not


@dataclass(frozen=True)
class Load:
    connections: int = 4  # concurrent connections wrk keeps open (at most that many in flight)
    threads: int = 2
    seconds: int = 10     # per query and server
    limit: float = 60.0   # each server's own query time limit, and the wait for one answer alone
    startup: float = 900.0  # loading 1.6 M triples into rdflib takes minutes

    @property
    def drain_wait(self) -> float:
        """How long a server may take to finish what a run left in flight."""
        return 2 * self.limit


def form_body(sparql: str) -> bytes:
    """The query as a form-encoded POST body, the project's prefixes declared in its text: the
    same bytes for every server (oxigraph predeclares none of them)."""
    declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    return urlencode({"query": declared + sparql}).encode()


def start(server: str, corpus: Corpus, folder: Path, load: Load) -> tuple[subprocess.Popen, str]:
    """One server over the corpus's build on a free loopback port: (process, SPARQL URL)."""
    port, build, log = free_port(), corpus.build, folder / f"{server}.log"
    if server == "plankg":
        env = dict(os.environ, PLANKG_BUILD_DIR=str(build), PLANKG_MAX_ROWS=str(ROW_CAP),
                   PLANKG_QUERY_TIMEOUT=str(load.limit), PYTHONUNBUFFERED="1")
        command = [str(PLANKG), "serve", "--host", "127.0.0.1", "--port", str(port)]
        url = f"http://127.0.0.1:{port}/sparql"
    elif server == "rdflib-endpoint":
        env = None
        command = [sys.executable, "-m", "bench.rdflib_server", str(build), "--port", str(port)]
        url = f"http://127.0.0.1:{port}/sparql"
    else:
        env, location = None, load_oxigraph(build, folder / "oxigraph-db", log)
        command = [str(OXIGRAPH), "serve-read-only", "--location", str(location),
                   "--bind", f"127.0.0.1:{port}", "--union-default-graph",
                   "--timeout-s", str(int(load.limit))]
        url = f"http://127.0.0.1:{port}/query"
    return start_server(command, url, log, load.startup, env=env, cwd=ROOT), url


def load_oxigraph(build: Path, location: Path, log: Path) -> Path:
    """A fresh oxigraph database holding what the embedded store holds: the build's quads, the
    ontology and the SHACL report in their named graphs."""
    shutil.rmtree(location, ignore_errors=True)
    steps = [["--file", str(build / EXPORTS["nq"])],   # bench.corpora.ensure_built
             ["--file", str(Paths().ontology), "--graph", ONTOLOGY_GRAPH]]
    if (build / REPORT_TTL).exists():
        steps.append(["--file", str(build / REPORT_TTL), "--graph", VALIDATION_GRAPH])
    for step in steps:
        with log.open("ab") as out:
            done = subprocess.run([str(OXIGRAPH), "load", "--location", str(location), *step],
                                  stdout=out, stderr=subprocess.STDOUT)
        if done.returncode:
            raise BenchError(f"oxigraph load {' '.join(step)} failed: see {log}")
    return location


def rows_answered(url: str, body: bytes, limit: float) -> tuple[int | None, str]:
    """How many solutions the server answers the query with, or None and why not: no answer
    within `limit` seconds (its own time limit's 503, or ours), or another status."""
    try:
        response = httpx.post(url, content=body, timeout=limit + 5, headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json"})
    except httpx.TimeoutException:
        return None, f"no answer in {limit:g} s"
    if response.status_code != 200:
        return None, f"HTTP {response.status_code}: {response.text[:200]}"
    return len(response.json()["results"]["bindings"]), ""


def run_wrk(url: str, body_file: Path, load: Load, log: Path) -> dict:
    command = ["wrk", "-t", str(load.threads), "-c", str(load.connections), "-d",
               f"{load.seconds}s", "--timeout", f"{int(load.limit)}s", "-s", str(WRK_SCRIPT), url]
    done = subprocess.run(command, capture_output=True, text=True,
                          env=dict(os.environ, BENCH_BODY=str(body_file)))
    with log.open("a") as out:
        out.write(f"$ {' '.join(command)}\n{done.stdout}{done.stderr}\n")
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH ")), None)
    if done.returncode or line is None:
        raise BenchError(f"wrk failed against {url}: see {log}")
    return json.loads(line.removeprefix("BENCH "))


def drain(url: str, wait: float) -> float | None:
    """Wait until the server answers a trivial query again (requests wrk left in flight are
    done), so one query's backlog is not measured against the next: seconds waited, or None if
    it was still busy after `wait` seconds."""
    started = time.monotonic()
    try:
        httpx.get(url, params={"query": "ASK {}"}, timeout=wait)
    except httpx.TransportError:
        return None
    return time.monotonic() - started


def unanswered(limit: float, why: str) -> dict:
    """A query the server did not answer once, alone: under 1/limit requests a second."""
    return {"rps": 0.0, "answered": 0, "seconds": limit, "at_most_rps": 1 / limit,
            "p50_ms": None, "p95_ms": None, "errors": 1, "rows": None, "over_s": limit,
            "unanswered": why}


def figures(raw: dict, rows: int) -> dict:
    """Requests per second (answers with a 2xx/3xx status only) and latencies in ms."""
    answered = raw["requests"] - raw["status_errors"]
    duration = raw["duration_us"] / 1e6
    return {"rps": answered / duration, "answered": answered, "seconds": duration,
            "at_most_rps": None if answered else 1 / duration,
            "p50_ms": raw["p50_us"] / 1000 if answered else None,
            "p95_ms": raw["p95_us"] / 1000 if answered else None,
            "errors": raw["status_errors"] + raw["timeouts"] + raw["connect_errors"]
            + raw["read_errors"] + raw["write_errors"], "rows": rows, "over_s": None}


def ratio(ours: dict, theirs: dict) -> dict:
    """Our throughput over theirs; a bound (`>` or `<`) where one side answered nothing in its
    run (its rate is then below 1/duration), none where neither did."""
    if ours["answered"] and theirs["answered"]:
        return {"value": ours["rps"] / theirs["rps"], "bound": None}
    if ours["answered"]:
        return {"value": ours["rps"] / theirs["at_most_rps"], "bound": ">"}
    if theirs["answered"]:
        return {"value": ours["at_most_rps"] / theirs["rps"], "bound": "<"}
    return {"value": None, "bound": None}


def write_bodies(names: tuple[str, ...], corpus: Corpus, folder: Path) -> dict[str, Path]:
    """Each query's POST body in a file, for wrk's script to read."""
    folder.mkdir(parents=True, exist_ok=True)
    queries = load_queries(Paths().queries)
    bodies = {}
    for name in names:
        bodies[name] = folder / f"{name}.body"
        sparql = bind_plan(queries[name][1], first_plan(corpus)["id"])
        bodies[name].write_bytes(form_body(sparql))
    return bodies


def measure_query(url: str, body: Path, load: Load, log: Path) -> dict:
    """One query against one running server: answered once alone, then under load, then the
    backlog drained. `idle` false: the server is still busy (it may have no way to stop a
    query) and must be started again before another query is measured on it."""
    rows, why = rows_answered(url, body.read_bytes(), load.limit)
    if rows is None:
        return unanswered(load.limit, why) | {"drained_s": None, "idle": False}
    found = figures(run_wrk(url, body, load, log), rows)
    found["drained_s"] = drain(url, load.drain_wait)
    found["idle"] = found["drained_s"] is not None
    return found


def measure_server(server: str, corpus: Corpus, bodies: dict[str, Path], load: Load,
                   folder: Path, log: Path) -> dict[str, dict]:
    """Every query against one server, started again after a query it could not drain."""
    found, process = {}, None
    try:
        for name, body in bodies.items():
            if process is None:
                started = time.perf_counter()
                process, url = start(server, corpus, folder, load)
                startup = time.perf_counter() - started
            found[name] = measure_query(url, body, load, log) | {"startup_s": startup}
            if not found[name]["idle"]:
                stop(process)
                process = None
    finally:
        if process is not None:
            stop(process)
    return found


def measure_endpoint(corpus: Corpus, names: tuple[str, ...], load: Load, folder: Path,
                     log: Path) -> dict:
    bodies = write_bodies(names, corpus, folder)
    by_server = {server: measure_server(server, corpus, bodies, load, folder, log)
                 for server in SERVERS}
    measured = {}
    for name in names:
        entry = {server: by_server[server][name] for server in SERVERS}
        entry["vs_rdflib_endpoint"] = ratio(entry["plankg"], entry["rdflib-endpoint"])
        entry["vs_oxigraph"] = ratio(entry["plankg"], entry["oxigraph"])
        measured[name] = entry
    return {"plans": corpus.plans, "connections": load.connections, "threads": load.threads,
            "seconds": load.seconds, "queries": measured}
