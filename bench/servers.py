"""`python -m bench.servers`: the store side by side, on demand (not in `make bench` or `make test`):
the embedded store, `oxigraph serve` and OpenLink Virtuoso, each loaded with the same build, the
time to load it and each example query's time and rows, the answers compared.

- **embedded**: kg.store.EmbeddedStore in this process; load = opening it from the build.
- **oxigraph serve**: `oxigraph load` of the build's export and the ontology and report into a
  fresh database (bench.endpoint.load_oxigraph), then `oxigraph serve --union-default-graph`;
  load = the `oxigraph load` runs.
- **Virtuoso**: a private instance (tests/virtuoso.py); load = the bulk loader with its
  checkpoint, the instance's start not included.

Both servers are asked through kg.remote.RemoteStore (SPARQL JSON over HTTP, parsed by
pyoxigraph), so a query's time is what the API's remote store would see: every row read into
pyoxigraph terms. Queries run one after the other, a warm-up run then `--repeat` timed ones:
p50 in ms. "same" says whether a server's rows are the embedded
store's as a multiset of normalised terms (tests/queries/test_virtuoso.py says what is normalised).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated

import typer

from bench import machine
from bench.corpora import BenchError, bind_plan, ensure_built, first_plan, prepare
from bench.endpoint import load_oxigraph
from bench.measure import percentile
from kg.remote import RemoteStore
from kg.store import EmbeddedStore, StoreFailed, StoreTimedOut, load_queries
from tests.oxigraph import OXIGRAPH
from tests.processes import free_port, stop, wait_until_answering
from tests.queries.test_virtuoso import COMPUTED_BOOLEANS, as_boolean, term_of_oxigraph
from tests.virtuoso import BUFFERS, load_build, start_virtuoso, stop_virtuoso

STORES = ("embedded", "oxigraph", "virtuoso")
STARTUP = 120.0
PAGES_A_PLAN = 25  # Virtuoso's 8 KB buffers a plan: 200 KB, ~1,600 quads each held with room
LOAD_SECONDS_A_PLAN = 0.5  # the bulk loader's time limit a plan (at least tests.virtuoso's 600 s)


def timed_rows(store, sparql: str, repeat: int) -> dict:
    """One warm-up run (left out, as bench.queries does), then `repeat` timed runs of the query,
    every row read into pyoxigraph terms: p50 ms; the rows of the last, normalised untimed."""
    runs = []
    try:
        store.select(sparql)
        for _ in range(repeat):
            started = time.perf_counter()
            _, found = store.select(sparql)
            runs.append(time.perf_counter() - started)
    except (StoreTimedOut, StoreFailed) as error:
        return {"p50_ms": None, "rows": None, "error": str(error)[:300], "found": None}
    rows = Counter(tuple(sorted((name, term_of_oxigraph(term)) for name, term in row.items()))
                   for row in found)
    return {"p50_ms": percentile(runs, 50) * 1000, "rows": len(found), "error": None,
            "found": rows}


def virtuoso_form(found, name: str):
    """Virtuoso's rows with its computed booleans read back as xsd:boolean (COMPUTED_BOOLEANS)."""
    columns = COMPUTED_BOOLEANS.get(name, set())
    if found is None or not columns:
        return found
    fixed = Counter()
    for row, count in found.items():
        fixed[tuple((k, as_boolean(v) if k in columns else v) for k, v in row)] += count
    return fixed


def start_oxigraph(build: Path, folder: Path, limit: float, log: Path):
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    location = load_oxigraph(build, folder / "oxigraph-db", log)
    loaded = time.perf_counter() - started
    port = free_port()
    process = subprocess.Popen([str(OXIGRAPH), "serve-read-only", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}", "--union-default-graph",
                                "--timeout-s", str(int(limit))],
                               stdout=log.open("ab"), stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    wait_until_answering(process, url, log, "oxigraph serve", STARTUP)
    return process, url, loaded


def measure_size(plans: int, options: SimpleNamespace, work: Path, log: Path) -> dict:
    corpus = prepare(plans, options.seed, work, log)
    ensure_built(corpus, options.jobs, log)
    paths, plan_id = corpus.paths, first_plan(corpus)["id"]
    queries = {name: bind_plan(sparql, plan_id)
               for name, (_, sparql) in load_queries(paths.queries).items()}
    result = {"plans": plans, "queried_plan": plan_id, "load_s": {}, "triples": {},
              "queries": {name: {} for name in queries}}

    def run_all(store_name: str, store) -> None:
        result["triples"][store_name] = store.triple_count()
        for name, sparql in queries.items():
            result["queries"][name][store_name] = timed_rows(store, sparql, options.repeat)

    started = time.perf_counter()
    embedded = EmbeddedStore(paths)
    result["load_s"]["embedded"] = time.perf_counter() - started
    run_all("embedded", embedded)
    del embedded

    process, url, result["load_s"]["oxigraph"] = start_oxigraph(
        corpus.build, work / f"servers-{plans}", options.limit, log)
    try:
        with_client(url, options.limit, lambda store: run_all("oxigraph", store))
    finally:
        stop(process)

    folder = work / f"servers-{plans}" / "virtuoso"
    shutil.rmtree(folder, ignore_errors=True)
    buffers = max(BUFFERS, plans * PAGES_A_PLAN)
    server = start_virtuoso(folder, allowed=(corpus.build / "graphs",), buffers=buffers)
    result["virtuoso_buffers"] = buffers
    try:
        started = time.perf_counter()
        load_build(server, paths, timeout=max(600.0, plans * LOAD_SECONDS_A_PLAN))
        result["load_s"]["virtuoso"] = time.perf_counter() - started
        with_client(server.url, options.limit, lambda store: run_all("virtuoso", store))
    finally:
        stop_virtuoso(server)

    for name, found in result["queries"].items():
        expected = found["embedded"].pop("found")
        found["oxigraph"]["same"] = found["oxigraph"].pop("found") == expected
        found["virtuoso"]["same"] = virtuoso_form(found["virtuoso"].pop("found"), name) == expected
    return result


def with_client(url: str, limit: float, use) -> None:
    store = RemoteStore(url, timeout=limit)
    try:
        use(store)
    finally:
        store.close()


def cell(found: dict) -> str:
    if found["p50_ms"] is None:
        return "failed"
    return f"{found['p50_ms']:,.1f}" if found["p50_ms"] < 100 else f"{found['p50_ms']:,.0f}"


def rows_cell(found: dict) -> str:
    counts = [found[s]["rows"] for s in STORES]
    same = all(found[s].get("same", True) for s in STORES[1:])
    if same and len(set(counts)) == 1:
        return f"{counts[0]}"
    marks = [f"{c}{'' if found[s].get('same', True) else ' ≠'}" for s, c in zip(STORES, counts)]
    return " / ".join(marks)


def render(results: dict) -> str:
    facts = results["machine"]
    lines = [f"Measured {facts['date']} on {facts['cpu']}, {facts['cores']} cores, "
             f"{facts['memory_gib']} GiB, {facts['os']}; load average at start "
             f"{facts['load_average']}; commit {facts['commit']}; oxigraph "
             f"{facts['packages']['oxigraph']}, Virtuoso {results['virtuoso']}.",
             "", "```sh", results["command"], "```"]
    for size in results["sizes"]:
        load, triples = size["load_s"], size["triples"]
        lines += ["", f"### {size['plans']:,} plans", "",
                  f"Loaded in {load['embedded']:.2f} s (embedded), {load['oxigraph']:.2f} s "
                  f"(`oxigraph load`), {load['virtuoso']:.2f} s (Virtuoso's bulk loader, "
                  f"{size['virtuoso_buffers']:,} buffers of 8 KB); "
                  f"triples: {' / '.join(f'{triples[s]:,}' for s in STORES)}. Queries 03, 07, "
                  f"12 and 14 ask about `{size['queried_plan']}`. p50 in ms of {results['repeat']}"
                  " runs; rows (≠: not the embedded rows).", "",
                  "| query | embedded | oxigraph serve | Virtuoso | rows |",
                  "| --- | ---: | ---: | ---: | ---: |"]
        for name, found in size["queries"].items():
            lines.append(f"| {name} | {cell(found['embedded'])} | {cell(found['oxigraph'])} | "
                         f"{cell(found['virtuoso'])} | {rows_cell(found)} |")
        errors = [f"{name} on {store}: {found[store]['error']}"
                  for name, found in size["queries"].items() for store in STORES
                  if found[store].get("error")]
        lines += [""] + [f"- {error}" for error in errors] if errors else []
    return "\n".join(lines) + "\n"


cli = typer.Typer(add_completion=False)


@cli.command()
def servers(
    context: typer.Context,
    plans: Annotated[list[int], typer.Option(
        help="A corpus size (give it once a size).")] = [100],  # noqa: B006 - read, never mutated
    repeat: Annotated[int, typer.Option(min=1, help="Runs of each query on each store.")] = 5,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic corpora.")] = 1,
    jobs: Annotated[int, typer.Option(min=1, help="--jobs of plankg build.")] = 2,
    limit: Annotated[float, typer.Option(help="Seconds a server may take a query.")] = 60,
    work: Annotated[Path | None, typer.Option(
        file_okay=False, help="Corpora and logs (default: a temporary folder).")] = None,
    out: Annotated[Path | None, typer.Option(
        dir_okay=False, help="Write the Markdown table here (and .json beside).")] = None,
) -> None:
    """The embedded store, oxigraph serve and Virtuoso side by side: load times, every example
    query's time on each, and whether each finds the embedded store's rows."""
    options = SimpleNamespace(plans=plans, repeat=repeat, seed=seed, jobs=jobs, limit=limit)
    work = work or Path(tempfile.mkdtemp(prefix="plankg-servers-"))
    work.mkdir(parents=True, exist_ok=True)
    log = work / "servers.log"
    version = subprocess.run(["virtuoso-t", "--help"], capture_output=True, text=True)
    results = {"command": "python -m bench.servers " + " ".join(context.obj),
               "repeat": repeat, "machine": machine.facts(),
               "virtuoso": (version.stdout + version.stderr).splitlines()[1].split()[1],
               "sizes": []}
    for size in plans:
        print(f"{size} plans …", file=sys.stderr, flush=True)
        try:
            results["sizes"].append(measure_size(size, options, work, log))
        except (BenchError, RuntimeError, OSError) as error:
            print(f"{size} plans failed: {error} (log: {log})", file=sys.stderr)
            raise typer.Exit(1) from error
    text = render(results)
    print(text)
    if out:
        out.write_text(text, "utf-8")
        out.with_suffix(".json").write_text(json.dumps(results, indent=1) + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run with these arguments (the command line's by default): the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        typer.main.get_command(cli).main(args=argv, prog_name="python -m bench.servers", obj=argv)
    except SystemExit as done:
        return done.code or 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
