"""Section 1, the build: `plankg build --corpus DIR --jobs J` from nothing (wall time, peak memory,
triples), then again after one plan's text changed (the incremental rebuild).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from bench.corpora import BenchError, Corpus, change_one_plan
from bench.measure import Run, run_measured
from kg.paths import ROOT


def _run_build(corpus: Corpus, jobs: int, log: Path) -> tuple[Run, dict]:
    run = run_measured(corpus.build_command(jobs), log, cwd=ROOT)
    if run.returncode:
        raise BenchError(f"plankg build of {corpus.plans} plans exited {run.returncode}: "
                         f"see {log}")
    return run, json.loads((corpus.build / "summary.json").read_text("utf-8"))


def measure_build(corpus: Corpus, jobs: int, log: Path, repeat: int = 1) -> dict:
    """Full build into an empty build folder, then `repeat` one-plan rebuilds into it: one plan
    changed, built, put back, built, and so on (each a rebuild of one changed plan), timed
    apart; the median is the figure, as a single run of a two-second process swings by tenths
    on this machine."""
    shutil.rmtree(corpus.build, ignore_errors=True)
    full, summary = _run_build(corpus, jobs, log)
    changed, text_file, original = change_one_plan(corpus)
    edited = text_file.read_text("utf-8")
    runs = []
    try:
        for number in range(max(1, repeat)):
            text_file.write_text(edited if number % 2 == 0 else original, "utf-8")
            again, after = _run_build(corpus, jobs, log)
            runs.append(again)
    finally:  # the corpus stays as written, for a later run given the same --work
        text_file.write_text(original, "utf-8")
    again = sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]
    return {
        "plans": corpus.plans,
        "triples": summary["counts"]["triples"],
        "seconds": full.seconds,
        "tree_peak_bytes": full.tree_peak,
        "largest_process_bytes": full.largest_process,
        "incremental": {
            "changed_plan": changed,
            "seconds": again.seconds,        # the median run
            "runs_s": [run.seconds for run in runs],
            "tree_peak_bytes": max(run.tree_peak for run in runs),
            "extracted": after.get("extracted", []),
            "rewritten": after.get("rewritten", []),
            "revalidated": len(after.get("revalidated", [])),
            "reassembled": after.get("reassembled", True),
        },
    }
