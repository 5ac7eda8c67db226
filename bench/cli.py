"""`python -m bench`: every section at every size in one run, then the targets checked, profiles
taken of what missed, and docs/benchmarks.md, benchmarks.json and the plots written. A list
option is given once a value: `--plans 100 --plans 1000`, `--sections queries --sections floor`.
"""
from __future__ import annotations

import json
import shlex
import shutil
import sys
import tempfile
import time
from enum import StrEnum
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated

import typer

from bench import endpoint, machine
from bench.build import measure_build
from bench.corpora import REAL_PLANS, BenchError, Corpus, ensure_built, prepare
from bench.floor import measure_floor
from bench.misses import Profiling, profile_misses
from bench.pages import measure_pages
from bench.plots import write_plots
from bench.queries import measure_queries
from bench.report import render
from bench.search import measure_search
from bench.targets import PAGE_MS, evaluate
from bench.validation import measure_validation
from kg.paths import ROOT


class Section(StrEnum):
    build = "build"
    queries = "queries"
    endpoint = "endpoint"
    validation = "validation"
    visualisation = "visualisation"
    floor = "floor"
    search = "search"


SECTIONS = tuple(s.value for s in Section)
# floor and search only when asked: `--sections floor` (make bench asks for floor), `--sections
# search` (docs/benchmarks.md)
DEFAULT_SECTIONS = tuple(s for s in SECTIONS if s not in ("floor", "search"))
LIMITS, LOAD = "Time limits (seconds)", "Endpoint load"


class Run:
    """One benchmark run: its options, work folder, log, and results as they come in."""

    def __init__(self, options: SimpleNamespace, argv: list[str]):
        self.options = options
        self.work = options.work or Path(tempfile.mkdtemp(prefix="plankg-bench-"))
        self.work.mkdir(parents=True, exist_ok=True)
        self.log = self.work / "bench.log"
        self.load = endpoint.Load(connections=options.connections,
                                  threads=min(2, options.connections),
                                  seconds=options.endpoint_seconds, limit=options.endpoint_limit)
        o = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(options).items()}
        o |= {"threads": self.load.threads, "drain_s": self.load.drain_wait}
        self.results: dict = {"command": "python -m bench " + shlex.join(argv),
                              "machine": machine.facts(), "options": o, "errors": []}
        self.corpora: dict[int, Corpus] = {}

    def say(self, message: str) -> None:
        stamp = time.strftime("%H:%M:%S")
        print(f"[{stamp}] {message}", file=sys.stderr, flush=True)
        with self.log.open("a") as out:
            out.write(f"[{stamp}] {message}\n")

    def step(self, section: str, plans: int | None, measure) -> None:
        """Run one measurement; a failure is recorded and the run goes on with the others."""
        where = f"{section} at {plans:,} plans" if plans else section
        self.say(f"{where} …")
        try:
            found = measure()
        except (BenchError, RuntimeError, OSError, ValueError, KeyError) as error:
            self.results["errors"].append(f"{where}: {type(error).__name__}: {error}")
            self.say(f"{where} FAILED: {error}")
            return
        key = str(plans) if plans else None
        if key:
            self.results.setdefault(section, {})[key] = found
        else:
            self.results[section] = found

    def size(self, plans: int) -> None:
        o, sections = self.options, self.options.sections
        corpus = prepare(plans, o.seed, self.work, self.log)
        self.corpora[plans] = corpus
        if "build" in sections:
            self.step("build", plans, lambda: measure_build(corpus, o.jobs, self.log, o.repeat))
        ensure_built(corpus, o.jobs, self.log)  # when the build section was not run
        if "queries" in sections:
            self.step("queries", plans,
                      lambda: measure_queries(corpus, o.repeat, o.query_limit, self.log))
        if "endpoint" in sections:
            self.step("endpoint", plans, lambda: endpoint.measure_endpoint(
                corpus, tuple(o.endpoint_queries), self.load, self.work / f"endpoint-{plans}",
                self.log))
        if "validation" in sections:
            self.step("validation", plans, lambda: measure_validation(
                corpus, o.jobs, o.validation_limit, o.pyshacl_limit, self.log))
        if "floor" in sections:
            self.step("floor", plans, lambda: measure_floor(
                corpus, o.repeat, o.query_limit, self.work / f"floor-{plans}", self.log))
        if "search" in sections:
            self.step("search", plans, lambda: measure_search(corpus, o.repeat, self.log))

    def pages(self) -> None:
        largest = self.corpora[max(self.corpora)]
        profile_over = None if self.options.no_profiles else PAGE_MS
        self.step("visualisation", None, lambda: measure_pages(
            largest.build, largest.plans, self.options.page_nodes, self.options.repeat,
            self.options.page_limit, self.work / "pages", profile_over))

    def report(self) -> Path:
        o, out = self.options, self.options.out
        checks = evaluate(self.results, o.target_plans)
        if o.own_file:  # this run's sections only, in files of their own
            checks = [c for c in checks if c.section in o.sections]
        assets = out / "benchmarks"
        if not o.no_profiles:
            self.say("profiling the figures that missed their target …")
            how = Profiling(self.corpora.get(o.target_plans), assets / "profiles",
                            o.profile_seconds, o.repeat, o.jobs, self.load, self.work, self.log)
            self.results["errors"] += profile_misses(checks, self.results, how)
        self.results["targets"] = [vars(c) for c in checks]
        name = own_file_name(o.sections) if o.own_file else "benchmarks"
        plots = write_plots(self.results, assets, f"{name}-" if o.own_file else "")
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.json").write_text(json.dumps(self.results, indent=1, ensure_ascii=False)
                                          + "\n", "utf-8")
        report = out / f"{name}.md"
        report.write_text(render(self.results, checks, plots,
                                  [] if o.own_file else own_files(out), name), "utf-8")
        return report


def own_file_name(sections: list[str]) -> str:
    """benchmarks-floor, benchmarks-queries-floor: the report of a run of these sections alone."""
    return "benchmarks-" + "-".join(s for s in SECTIONS if s in sections)


def own_files(out: Path) -> list[str]:
    """The reports of sections run on their own, beside benchmarks.md (which links them)."""
    return sorted(p.name for p in out.glob("benchmarks-*.md"))


def run_all(options: SimpleNamespace, argv: list[str]) -> int:
    run = Run(options, argv)
    run.say(f"work folder {run.work}; log {run.log}")
    try:
        for plans in sorted(set(options.plans)):
            try:
                run.size(plans)
            except BenchError as error:
                run.results["errors"].append(f"{plans:,} plans: {error}")
                run.say(f"{plans:,} plans FAILED: {error}")
        if "visualisation" in options.sections and run.corpora:
            run.pages()
        report = run.report()
        run.say(f"wrote {report}")
    finally:
        if run.results["errors"]:
            run.say(f"kept {run.work} for its logs")
        elif not options.keep_work and not options.work:
            shutil.rmtree(run.work, ignore_errors=True)
    for error in run.results["errors"]:
        print(f"error: {error}", file=sys.stderr)
    return 1 if run.results["errors"] else 0


cli = typer.Typer(add_completion=False)


@cli.command()
def bench(
    context: typer.Context,
    plans: Annotated[list[int], typer.Option(
        help="A corpus size (give it once a size): 5 is the real plans, others `plankg synth` "
             "corpora.")] = [REAL_PLANS, 100, 1000],  # noqa: B006 - Typer reads, never mutates
    repeat: Annotated[int, typer.Option(min=1, help="Runs of each query and page, and one-plan "
                                                    "rebuilds.")] = 10,
    out: Annotated[Path, typer.Option(file_okay=False, help="benchmarks.md and .json go here, "
                                      "plots and profiles in benchmarks/.")] = ROOT / "docs",
    seed: Annotated[int, typer.Option(help="Seed of the synthetic corpora.")] = 1,
    jobs: Annotated[int, typer.Option(min=1, help="--jobs of plankg build and validate.")] = 2,
    sections: Annotated[list[Section], typer.Option(
        help="A section to run (give it once a section).")] = list(DEFAULT_SECTIONS),  # noqa: B006
    work: Annotated[Path | None, typer.Option(
        file_okay=False, help="Corpora and logs (default: a temporary folder, removed after the "
        "run unless --keep-work); an earlier run's folder is reused: its synthetic corpora are "
        "not written again.")] = None,
    keep_work: Annotated[bool, typer.Option(help="Keep the temporary work folder.")] = False,
    target_plans: Annotated[int, typer.Option(
        help="The corpus size the issue's targets are checked at.")] = 1000,
    own_file: Annotated[bool, typer.Option(
        help="Write the run to benchmarks-SECTION.md and .json (SECTION: the sections run, "
        "joined by '-') beside benchmarks.md, which links it, and leave benchmarks.md and "
        "benchmarks.json as they are.")] = False,
    query_limit: Annotated[float, typer.Option(
        help="Per query and engine: its runs stop here.", rich_help_panel=LIMITS)] = 30,
    validation_limit: Annotated[float, typer.Option(
        help="plankg validate is stopped here.", rich_help_panel=LIMITS)] = 1200,
    pyshacl_limit: Annotated[float, typer.Option(
        help="The one whole-graph pySHACL call is stopped here.", rich_help_panel=LIMITS)] = 120,
    endpoint_limit: Annotated[float, typer.Option(
        help="A server's own query limit; also the longest wait for one answer.",
        rich_help_panel=LIMITS)] = 60,
    page_limit: Annotated[float, typer.Option(
        help="A page not drawn by then is over.", rich_help_panel=LIMITS)] = 120,
    profile_seconds: Annotated[float, typer.Option(
        help="A profile samples at most this long.", rich_help_panel=LIMITS)] = 60,
    endpoint_queries: Annotated[list[str], typer.Option(
        help="A query the endpoint section loads (give it once a query).",
        rich_help_panel=LOAD)] = list(endpoint.DEFAULT_QUERIES),  # noqa: B006
    connections: Annotated[int, typer.Option(min=1, rich_help_panel=LOAD)] = 4,
    endpoint_seconds: Annotated[int, typer.Option(min=1, help="Per query and server.",
                                                  rich_help_panel=LOAD)] = 10,
    page_nodes: Annotated[list[int], typer.Option(
        help="A network page size (give it once a size).")] = [100, 1000],  # noqa: B006
    no_profiles: Annotated[bool, typer.Option(
        "--no-profiles", help="Do not profile the figures that miss their target.")] = False,
) -> None:
    """Every section at every size in one run; the targets checked; the report written."""
    options = SimpleNamespace(**{k: v for k, v in locals().items() if k != "context"})
    options.sections = [str(s) for s in sections]
    raise typer.Exit(run_all(options, context.obj))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark with these arguments (the command line's by default): its exit status."""
    argv = sys.argv[1:] if argv is None else argv
    try:  # Typer's standalone mode prints a usage error and exits 2, or exits with the run's code
        typer.main.get_command(cli).main(args=argv, prog_name="python -m bench", obj=argv)
    except SystemExit as done:
        return done.code or 0
    return 0


def app() -> None:
    sys.exit(main())
