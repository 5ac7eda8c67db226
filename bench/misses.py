"""Profiles for the targets a run missed, taken after the measurements (so profiling never slows
a figure) and copied beside the report: which profile shows where each section's time goes.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import endpoint
from bench.corpora import PLANKG, Corpus, change_one_plan, first_plan
from bench.measure import run_limited, stop
from bench.profiles import describe, spy_command, spy_on
from bench.targets import MISSED, Check
from kg.graphs import EXPORTS
from kg.paths import ROOT

LOAD_LIMIT = 600  # seconds the query runner may take to load the store before it is sampled


@dataclass(frozen=True)
class Profiling:
    corpus: Corpus | None   # the size the targets are checked at, if the run built it
    folder: Path            # where profiles go (beside the report)
    seconds: float          # how long a profile samples at most
    repeat: int
    jobs: int
    load: endpoint.Load
    work: Path
    log: Path


def _finish(check: Check, out: Path, note: str) -> None:
    if not out.exists():
        check.why += (" " if check.why else "") + "(the profile could not be taken: see the log)"
        return
    check.profile.append(str(out))
    spots = describe(out)
    check.why += (" " if check.why else "") + f"{note}: {spots}."


def queries_profile(checks: list[Check], how: Profiling) -> None:
    """py-spy over the embedded store's runs of the queries that missed, from the moment the
    runner has loaded the store (at 1,000 plans the load is 11 s, which sampled from the start
    would have filled a third of the profile with parsing and inserting quads)."""
    missed = [c for c in checks if c.section == "queries" and c.status == MISSED]
    names = sorted({name for c in missed for name in c.misses})
    if not names:
        return
    out = how.folder / f"queries-{how.corpus.plans}.speedscope.json"
    ready = how.work / "queries-profile.ready"
    ready.unlink(missing_ok=True)
    command = [sys.executable, "-m", "bench.query_runner", "embedded", str(how.corpus.build),
               "--repeat", str(how.repeat), "--limit", str(how.seconds),
               "--plan-id", first_plan(how.corpus)["id"], "--ready", str(ready)]
    for name in names:
        command += ["--only", name]
    budget = how.seconds * 2 * len(names) + 60  # each query's warm-up and runs get `seconds`
    with how.log.open("ab") as log:
        runner = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, cwd=ROOT, start_new_session=True)
    try:
        deadline = time.monotonic() + LOAD_LIMIT
        while not ready.exists() and runner.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        if ready.exists():
            spy = spy_on(runner.pid, out, budget, how.log, native=True)
            runner.wait(timeout=budget + 60)
            spy.wait()
    finally:
        stop(runner)
    for check in missed:
        _finish(check, out, "py-spy (native frames too) over the embedded store running those "
                            "queries, its loading left out")


def endpoint_profile(checks: list[Check], how: Profiling) -> None:
    missed = [c for c in checks if c.section == "endpoint" and c.status == MISSED]
    names = tuple(sorted({name for c in missed for name in c.misses}))
    if not names:
        return
    folder = how.work / "endpoint-profile"
    bodies = endpoint.write_bodies(names, how.corpus, folder)
    process, url = endpoint.start("plankg", how.corpus, folder, how.load)
    try:
        for name in names:
            out = how.folder / f"endpoint-{how.corpus.plans}-{name}.speedscope.json"
            spy = spy_on(process.pid, out, how.load.seconds + 2, how.log, native=True)
            endpoint.run_wrk(url, bodies[name], how.load, how.log)
            spy.wait()
            for check in missed:
                if name in check.misses:
                    _finish(check, out, f"py-spy (native frames too) over `plankg serve` "
                                        f"and its workers under {name}")
    finally:
        stop(process)


def validation_profile(checks: list[Check], how: Profiling) -> None:
    missed = [c for c in checks if c.section == "validation" and c.status == MISSED]
    if not missed:
        return
    out = how.folder / f"validation-{how.corpus.plans}.speedscope.json"
    command = [str(PLANKG), "validate", str(how.corpus.build / EXPORTS["nt"]), "--jobs", str(how.jobs)]
    run_limited(spy_command(command, out, how.seconds), how.seconds + 120, how.log, cwd=ROOT)
    for check in missed:
        _finish(check, out, f"py-spy over the first {how.seconds:g} s of `plankg validate`")


def build_profile(checks: list[Check], how: Profiling) -> None:
    """py-spy over `plankg build` and its workers: a full build when that missed, a one-plan
    rebuild when that did (the same word changed as in the section, then put back)."""
    missed = [c for c in checks if c.section == "build" and c.status == MISSED
              and "memory" not in c.target]
    for check in missed:
        rebuild = "incremental" in check.target
        out = how.folder / f"build-{'rebuild-' if rebuild else ''}{how.corpus.plans}.speedscope.json"
        command = spy_command(how.corpus.build_command(how.jobs), out, how.seconds, native=True)
        if rebuild:
            _, text_file, original = change_one_plan(how.corpus)
            try:
                run_limited(command, how.seconds + 120, how.log, cwd=ROOT)
            finally:
                text_file.write_text(original, "utf-8")
        else:
            shutil.rmtree(how.corpus.build, ignore_errors=True)
            run_limited(command, how.seconds + 120, how.log, cwd=ROOT)
        what = "a one-plan rebuild" if rebuild else "a full build"
        _finish(check, out, f"py-spy (native frames too) over the first {how.seconds:g} s of "
                            f"{what}, its pool workers included")


def page_profile(checks: list[Check], pages: dict | None, how: Profiling) -> None:
    """The page profile was taken by Chromium during the section (bench.pages); copy it here."""
    for check in (c for c in checks if c.section == "visualisation" and c.status == MISSED):
        for size in check.misses:
            taken = (pages or {}).get("pages", {}).get(size, {}).get("profile")
            if not taken:
                continue
            out = how.folder / Path(taken).name
            shutil.copyfile(taken, out)
            check.profile.append(str(out))
            spots = describe(out, Path(taken).with_suffix(".html"))
            if "Force" in spots:  # vis-network's physics solvers (BarnesHut, ForceAtlas2Based)
                spots += ": vis-network's force-directed layout, iterated until it stabilises " \
                         "(`stabilization.iterations` in viz/templates/network.html) before the " \
                         "page is drawn"
            check.why += (" " if check.why else "") + \
                f"Chromium's profiler over the {size}-node page: {spots}."


def profile_misses(checks: list[Check], results: dict, how: Profiling) -> list[str]:
    """Take the profiles; the errors of those that failed (the run goes on without them)."""
    how.folder.mkdir(parents=True, exist_ok=True)
    errors = []
    steps = [("visualisation", lambda: page_profile(checks, results.get("visualisation"), how))]
    if how.corpus is not None:  # the other profiles run the target size's corpus again
        steps += [("queries", lambda: queries_profile(checks, how)),
                  ("endpoint", lambda: endpoint_profile(checks, how)),
                  ("validation", lambda: validation_profile(checks, how)),
                  ("build", lambda: build_profile(checks, how))]   # last: it builds again
    for name, step in steps:
        try:
            step()
        except Exception as error:  # a profile is an aid: report it and keep the figures
            errors.append(f"profile of {name}: {type(error).__name__}: {error}")
    return errors
