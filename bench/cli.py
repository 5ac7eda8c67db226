"""`python -m bench`: every section at every size in one run, then the targets checked, profiles
taken of what missed, and docs/benchmarks.md, benchmarks.json and the plots written.

argparse rather than Typer here: `--plans 5 100 1000` takes several values after one option,
which Click (under Typer) cannot.
"""
from __future__ import annotations

import argparse
import json
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import endpoint, machine
from bench.build import measure_build
from bench.corpora import REAL_PLANS, BenchError, Corpus, ensure_built, prepare
from bench.misses import Profiling, profile_misses
from bench.pages import measure_pages
from bench.plots import write_plots
from bench.queries import measure_queries
from bench.report import render
from bench.search import measure_search
from bench.targets import PAGE_MS, evaluate
from bench.validation import measure_validation
from kg.paths import ROOT

SECTIONS = ("build", "queries", "endpoint", "validation", "visualisation", "search")
DEFAULT_SECTIONS = SECTIONS[:-1]   # search only when asked: `--sections search` (docs/benchmarks.md)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--plans", type=int, nargs="+", default=[REAL_PLANS, 100, 1000],
                   help="corpus sizes; 5 is the real plans, others `plankg synth` corpora")
    p.add_argument("--repeat", type=int, default=10,
                   help="runs of each query and page, and one-plan rebuilds")
    p.add_argument("--out", type=Path, default=ROOT / "docs",
                   help="benchmarks.md and .json go here, plots and profiles in benchmarks/")
    p.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpora")
    p.add_argument("--jobs", type=int, default=2, help="--jobs of plankg build and validate")
    p.add_argument("--sections", nargs="+", choices=SECTIONS, default=list(DEFAULT_SECTIONS))
    p.add_argument("--work", type=Path, help="corpora and logs (default: a temporary folder, "
                   "removed after the run unless --keep-work); an earlier run's folder is "
                   "reused: its synthetic corpora are not written again")
    p.add_argument("--keep-work", action="store_true")
    p.add_argument("--target-plans", type=int, default=1000,
                   help="the corpus size the issue's targets are checked at")
    limits = p.add_argument_group("time limits (seconds)")
    limits.add_argument("--query-limit", type=float, default=30,
                        help="per query and engine: its runs stop here")
    limits.add_argument("--validation-limit", type=float, default=1200,
                        help="plankg validate is stopped here")
    limits.add_argument("--pyshacl-limit", type=float, default=120,
                        help="the one whole-graph pySHACL call is stopped here")
    limits.add_argument("--endpoint-limit", type=float, default=60,
                        help="a server's own query limit; also the longest wait for one answer")
    limits.add_argument("--page-limit", type=float, default=120,
                        help="a page not drawn by then is over")
    limits.add_argument("--profile-seconds", type=float, default=60,
                        help="a profile samples at most this long")
    load = p.add_argument_group("endpoint load")
    load.add_argument("--endpoint-queries", nargs="+", default=list(endpoint.DEFAULT_QUERIES))
    load.add_argument("--connections", type=int, default=4)
    load.add_argument("--endpoint-seconds", type=int, default=10, help="per query and server")
    p.add_argument("--page-nodes", type=int, nargs="+", default=[100, 1000])
    p.add_argument("--no-profiles", action="store_true",
                   help="do not profile the figures that miss their target")
    return p


class Run:
    """One benchmark run: its options, work folder, log, and results as they come in."""

    def __init__(self, options: argparse.Namespace, argv: list[str]):
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
        assets = out / "benchmarks"
        if not o.no_profiles:
            self.say("profiling the figures that missed their target …")
            how = Profiling(self.corpora.get(o.target_plans), assets / "profiles",
                            o.profile_seconds, o.repeat, o.jobs, self.load, self.work, self.log)
            self.results["errors"] += profile_misses(checks, self.results, how)
        self.results["targets"] = [vars(c) for c in checks]
        plots = write_plots(self.results, assets)
        out.mkdir(parents=True, exist_ok=True)
        (out / "benchmarks.json").write_text(json.dumps(self.results, indent=1, ensure_ascii=False)
                                             + "\n", "utf-8")
        report = out / "benchmarks.md"
        report.write_text(render(self.results, checks, plots), "utf-8")
        return report


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    options = parser().parse_args(argv)
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


def app() -> None:
    sys.exit(main())
