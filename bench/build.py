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


def measure_build(corpus: Corpus, jobs: int, log: Path) -> dict:
    """Full build into an empty build folder, then one plan changed and built again into it."""
    shutil.rmtree(corpus.build, ignore_errors=True)
    full, summary = _run_build(corpus, jobs, log)
    changed, text_file, original = change_one_plan(corpus)
    try:
        again, after = _run_build(corpus, jobs, log)
    finally:  # the corpus stays as written, for a later run given the same --work
        text_file.write_text(original, "utf-8")
    return {
        "plans": corpus.plans,
        "triples": summary["counts"]["triples"],
        "seconds": full.seconds,
        "tree_peak_bytes": full.tree_peak,
        "largest_process_bytes": full.largest_process,
        "incremental": {
            "changed_plan": changed,
            "seconds": again.seconds,
            "tree_peak_bytes": again.tree_peak,
            "extracted": after.get("extracted", []),
            "rewritten": after.get("rewritten", []),
            "revalidated": len(after.get("revalidated", [])),
            "reassembled": after.get("reassembled", True),
        },
    }
