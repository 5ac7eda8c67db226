"""Section "floor": every competency query at the engine's floor. In one process, over one build's
graph files, each query runs on a bare `pyoxigraph.Store` loaded from those files (the baseline:
every solution iterated, none decoded), on the same store writing its own SPARQL JSON (the
answer's bytes, as any server of this engine must write them), through `oxigraph serve`, the
engine's own HTTP server, over the same quads (the floor of an answer over HTTP), through the
project's own query code in this process
(`api.execute.execute`: capped and serialised as a worker does it, no HTTP), through a live
`plankg serve`'s `/sparql` (a real HTTP client, the whole body read) and through the REST route
that answers the same question (`/api/queries/{name}`). The ways take turns, one run of each a
round, so a change of load on the machine falls on all of them; the ratio is the project's p50
over the bare store's. `ASK {}` is measured the same ways: the fixed cost of one round trip,
which bounds the ratio of a query whose bare time is of its order. Last, queries 02 and 13 are
answered from counts written into the bare store ahead (bench/summary.py) and timed beside
themselves, their rows compared.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pyoxigraph as ox

from api.execute import Answer, Job, execute
from bench import summary as ahead
from bench.corpora import QUERIED_PLAN, Corpus, bind_plan, first_plan
from bench.endpoint import Load, form_body, start
from bench.measure import percentile, stop
from kg.graphs import ONTOLOGY_GRAPH, VALIDATION_GRAPH
from kg.paths import REPORT_TTL, Paths
from kg.store import EmbeddedStore, dataset_files, load_queries
from kg.vocab import PREFIXES

SPARQL_JSON = "application/sparql-results+json"
OXIGRAPH_HEADERS = {"Accept": SPARQL_JSON, "Content-Type": "application/x-www-form-urlencoded"}
EMPTY = "ASK {}"
WAYS = ("bare", "written", "execute", "sparql", "oxigraph", "rest")
HTTP_WAYS = ("sparql", "oxigraph", "rest")  # the body's length comes back: rows read once
ROW_CAP = 10_000_000  # the server's cap is lifted the same way (bench.endpoint)

Way = Callable[[str, str], int]  # (query name, SPARQL) → rows, the answer read to its end


def bare_store(build: Path) -> ox.Store:
    """A plain pyoxigraph store holding what the project's store holds: the build's graph files,
    the ontology and the SHACL report in their named graphs."""
    store = ox.Store()
    for file, fmt in dataset_files(build):
        store.bulk_load(path=str(file), format=fmt)
    store.bulk_load(path=str(Paths().ontology), format=ox.RdfFormat.TURTLE,
                    to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    if (build / REPORT_TTL).exists():
        store.bulk_load(path=str(build / REPORT_TTL), format=ox.RdfFormat.TURTLE,
                        to_graph=ox.NamedNode(VALIDATION_GRAPH))
    return store


def run_bare(store: ox.Store, sparql: str) -> int:
    """The baseline: the query on the bare store, every solution iterated; how many."""
    results = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    return 1 if isinstance(results, ox.QueryBoolean) else sum(1 for _ in results)


class Over(EmbeddedStore):
    """The project's store class over an already loaded pyoxigraph store (no second copy)."""

    def __init__(self, store: ox.Store):  # noqa: D107 - the loading is left to bare_store
        self.store = store


def ways(store: ox.Store, client: httpx.Client, base: str, oxigraph: str,
         rest: set[str]) -> dict[str, Way]:
    """The six ways to a query's answer; `oxigraph`: the query URL of `oxigraph serve`; `rest`:
    the queries the REST route asks as given."""
    ours = Over(store)

    def bare(name: str, sparql: str) -> int:
        return run_bare(store, sparql)

    def written(name: str, sparql: str) -> int:
        results = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        return len(results.serialize(format=ox.QueryResultsFormat.JSON))

    def in_process(name: str, sparql: str) -> int:
        answer = execute(ours, Job(sparql, SPARQL_JSON, None, ROW_CAP))
        if not isinstance(answer, Answer):
            raise RuntimeError(f"{name}: {answer.message}")
        return answer.rows

    def sparql_http(name: str, sparql: str) -> int:
        response = client.post(f"{base}/sparql", data={"query": sparql},
                               headers={"Accept": SPARQL_JSON})
        response.raise_for_status()
        return len(response.content)  # rows are counted once, from the warm-up (rows_of)

    def oxigraph_http(name: str, sparql: str) -> int:
        response = client.post(oxigraph, content=form_body(sparql), headers=OXIGRAPH_HEADERS)
        response.raise_for_status()
        return len(response.content)

    def rest_http(name: str, sparql: str) -> int:
        if name not in rest:
            raise LookupError(name)
        response = client.get(f"{base}/api/queries/{name}")
        response.raise_for_status()
        return len(response.content)

    return {"bare": bare, "written": written, "execute": in_process, "sparql": sparql_http,
            "oxigraph": oxigraph_http, "rest": rest_http}


def rows_of(way: str, client: httpx.Client, base: str, oxigraph: str, name: str,
            sparql: str) -> int:
    """The rows an HTTP answer holds (read once, outside the timed runs)."""
    if way in ("sparql", "oxigraph"):
        answer = (client.post(f"{base}/sparql", data={"query": sparql},
                              headers={"Accept": SPARQL_JSON}) if way == "sparql" else
                  client.post(oxigraph, content=form_body(sparql), headers=OXIGRAPH_HEADERS))
        answer = answer.json()
        return 1 if "boolean" in answer else len(answer["results"]["bindings"])
    return len(client.get(f"{base}/api/queries/{name}").json()["rows"])


def written_rows(store: ox.Store, sparql: str) -> int:
    """The solutions in the SPARQL JSON the bare store writes (read once, outside the runs)."""
    results = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    answer = json.loads(results.serialize(format=ox.QueryResultsFormat.JSON))
    return 1 if "boolean" in answer else len(answer["results"]["bindings"])


def summary(runs: list[float], rows: int | None, warmup: float | None) -> dict:
    if not runs:
        return {"p50_ms": None, "p95_ms": None, "runs": 0, "rows": rows, "warmup_ms": warmup}
    return {"p50_ms": percentile(runs, 50) * 1000, "p95_ms": percentile(runs, 95) * 1000,
            "runs": len(runs), "rows": rows, "warmup_ms": warmup}


def ratio(ours: dict | None, bare: dict) -> float | None:
    if not ours or ours["p50_ms"] is None or not bare["p50_ms"]:
        return None
    return ours["p50_ms"] / bare["p50_ms"]


def rounds(way_of: dict[str, Way], names: list[str], name: str, sparql: str, repeat: int,
           limit: float, rows: Callable[[str, int], int]) -> dict[str, dict]:
    """One untimed warm-up of each way, then up to `repeat` rounds of one timed run of each,
    in turn; the rounds stop once the query has taken `limit` seconds (one round at least).
    `rows(way, what the warm-up returned)`: the rows of that way's answer."""
    warm, counts, runs = {}, {}, {way: [] for way in names}
    for way in names:
        started = time.perf_counter()
        returned = way_of[way](name, sparql)
        warm[way] = (time.perf_counter() - started) * 1000
        counts[way] = rows(way, returned)
    begun = time.monotonic()
    for _ in range(repeat):
        for way in names:
            started = time.perf_counter()
            way_of[way](name, sparql)
            runs[way].append(time.perf_counter() - started)
        if time.monotonic() - begun > limit:
            break
    return {way: summary(runs[way], counts[way], warm[way]) for way in names}


def measure_floor(corpus: Corpus, repeat: int, limit: float, folder: Path, log: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    plan = first_plan(corpus)["id"]
    started = time.perf_counter()
    store = bare_store(corpus.build)
    loaded = time.perf_counter() - started
    queries = load_queries(Paths().queries)
    # the REST route runs a query as written: one asking about 沙坪坝 asks the same only there
    rest = {name for name, (_, text) in queries.items()
            if plan == QUERIED_PLAN or QUERIED_PLAN not in text}
    process, url = start("plankg", corpus, folder, Load(limit=limit))
    base = url.removesuffix("/sparql")
    found: dict = {}
    engine = None
    try:
        started = time.perf_counter()
        engine, oxigraph = start("oxigraph", corpus, folder, Load(limit=limit))
        engine_loaded = time.perf_counter() - started
        with httpx.Client(timeout=limit + 10) as client:
            way_of = ways(store, client, base, oxigraph, rest)

            def counted(name: str, sparql: str) -> Callable[[str, int], int]:
                def rows(way: str, returned: int) -> int:
                    if way == "written":
                        return written_rows(store, sparql)
                    if way in HTTP_WAYS:
                        return rows_of(way, client, base, oxigraph, name, sparql)
                    return returned
                return rows

            empty = rounds(way_of, [w for w in WAYS if w != "rest"], "empty", EMPTY,
                           3 * repeat, limit, counted("empty", EMPTY))
            for name, (_, text) in queries.items():
                sparql = bind_plan(text, plan)
                names = [w for w in WAYS if w != "rest" or name in rest]
                by_way = rounds(way_of, names, name, sparql, repeat, limit, counted(name, sparql))
                rows = {w: by_way[w]["rows"] for w in names}
                found[name] = by_way | {
                    "sparql_ratio": ratio(by_way["sparql"], by_way["bare"]),
                    "rest_ratio": ratio(by_way.get("rest"), by_way["bare"]),
                    "execute_ratio": ratio(by_way["execute"], by_way["bare"]),
                    "sparql_written_ratio": ratio(by_way["sparql"], by_way["written"]),
                    "rest_written_ratio": ratio(by_way.get("rest"), by_way["written"]),
                    "sparql_oxigraph_ratio": ratio(by_way["sparql"], by_way["oxigraph"]),
                    "same_rows": len(set(rows.values())) == 1,
                    "rest_asks_another_plan": name not in rest}
                with log.open("a") as out:
                    out.write(f"floor {corpus.plans} {name}: " + ", ".join(
                        f"{w} {by_way[w]['p50_ms']:.1f} ms" for w in names) + "\n")
    finally:
        stop(process)
        if engine is not None:
            stop(engine)
    return {"plans": corpus.plans, "repeat": repeat, "limit_s": limit, "queried_plan": plan,
            "load_seconds": loaded, "oxigraph_load_seconds": engine_loaded, "empty": empty,
            "queries": found,
            "summary": measure_summary(store, queries, repeat, limit)}


def measure_summary(store: ox.Store, queries: dict, repeat: int, limit: float) -> dict:
    """02 and 13 answered from counts stored ahead (bench/summary.py), against themselves, on
    the bare store, after everything else (the tallies are added to it)."""
    quads, seconds = ahead.write_summary(store)
    found = {"quads": quads, "write_seconds": seconds, "queries": {}}
    for name, from_summary in ahead.FROM_SUMMARY.items():
        original = queries[name][1]
        way_of = {"query": lambda n, q: run_bare(store, q),
                  "summary": lambda n, q, text=from_summary: run_bare(store, text)}
        timed = rounds(way_of, ["query", "summary"], name, original, repeat, limit,
                       lambda way, returned: returned)
        found["queries"][name] = timed | ahead.compare(store, name, original)
    return found
