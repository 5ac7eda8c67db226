"""The corpora a run measures, one folder per size N under the run's work folder: N = 5 is a copy
of the real plans and registry (so a plan can be changed without touching data/), any other N the
five real plans and N − 5 plans of `plankg synth --with-real`. Each is built with the ordinary
`plankg build --corpus`.
"""
from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.measure import run_measured
from kg.extract import extract_text
from kg.graphs import EXPORTS
from kg.paths import ROOT, Paths
from kg.synth import SUMMARY

REAL_PLANS = 5
PLANKG = Path(sys.executable).parent / "plankg"  # installed beside the interpreter
# a word every plan text uses in its tasks (加强 strengthen → 强化 reinforce): changing one changes
# one task's text, so the rebuild extracts, writes and validates that plan again
CHANGE = ("加强", "强化")
# the plan the example queries 03, 07, 12 and 14 name (14: its task 6): in another corpus they
# are asked of that corpus's first plan instead, which has the same structure
QUERIED_PLAN = "shapingba-2025"


class BenchError(RuntimeError):
    """A step of the benchmark that failed for a reason other than speed (a build that exits
    non-zero, a server that does not start): the message says which and where its log is."""


@dataclass(frozen=True)
class Corpus:
    plans: int
    folder: Path  # sources/, registry/, build/ as `plankg synth` writes them

    @property
    def paths(self) -> Paths:
        return Paths.corpus(self.folder)

    @property
    def build(self) -> Path:
        return self.paths.build

    @property
    def label(self) -> str:
        return "5 (real)" if self.plans == REAL_PLANS else f"{self.plans:,}"

    def build_command(self, jobs: int) -> list[str]:
        return [str(PLANKG), "build", "--corpus", str(self.folder), "--jobs", str(jobs)]


def synthesised(folder: Path, plans: int, seed: int) -> bool:
    """Whether `folder` already holds the synthetic corpus of `plans` plans and `seed` (the same
    seed writes the same bytes, so a run given an earlier run's --work need not write it again)."""
    account = folder / "sources" / SUMMARY
    if not account.exists():
        return False
    written = json.loads(account.read_text("utf-8"))
    return written.get("seed") == seed and len(written.get("plans", [])) == plans - REAL_PLANS


def prepare(plans: int, seed: int, work: Path, log: Path) -> Corpus:
    """The corpus of `plans` plans in `work`, its texts written (not built)."""
    folder = work / f"n{plans}"
    if plans != REAL_PLANS and synthesised(folder, plans, seed):
        return Corpus(plans, folder)
    if plans == REAL_PLANS:
        real = Paths()
        for name, source in (("sources", real.sources), ("registry", real.registry)):
            shutil.rmtree(folder / name, ignore_errors=True)
            shutil.copytree(source, folder / name)
    else:
        if plans <= REAL_PLANS:
            raise BenchError(f"--plans {plans}: a synthetic corpus has more than the "
                             f"{REAL_PLANS} real plans")
        run = run_measured([str(PLANKG), "synth", "--plans", str(plans - REAL_PLANS),
                            "--with-real", "--seed", str(seed), "-o", str(folder)], log)
        if run.returncode:
            raise BenchError(f"plankg synth --plans {plans} failed: see {log}")
    return Corpus(plans, folder)


def first_plan(corpus: Corpus) -> dict:
    """The manifest entry of the corpus's first plan."""
    manifest = yaml.safe_load((corpus.paths.sources / "manifest.yaml").read_text("utf-8"))
    return manifest["plans"][0]


def bind_plan(sparql: str, plan_id: str) -> str:
    """An example query asked of `plan_id` where it names the real plan it was written for."""
    return sparql.replace(QUERIED_PLAN, plan_id)


def change_one_plan(corpus: Corpus) -> tuple[str, Path, str]:
    """Alter one word in a task of the first plan (the first task line with 加强), so its triples
    change; a plan without one gets a line appended instead. (The plan's id, its text file, the
    text as it was.)"""
    entry = first_plan(corpus)
    text_file = corpus.paths.sources / entry["file"]
    original = text_file.read_text("utf-8")
    lines = original.split("\n")
    old, new = CHANGE
    for task in extract_text("\n".join(lines), entry["file"]).tasks:
        at = next((n for n in range(task.span.start_line - 1, task.span.end_line)
                   if old in lines[n]), None)
        if at is not None:
            lines[at] = lines[at].replace(old, new, 1)
            break
    else:
        lines.append("")
    text_file.write_text("\n".join(lines), "utf-8")
    return entry["id"], text_file, original


def ensure_built(corpus: Corpus, jobs: int, log: Path) -> None:
    """Build the corpus unless a build is there already (sections run without the build one),
    and export it as one file a format, which the other tools load (a rebuild drops them)."""
    if not (corpus.build / "summary.json").exists():
        if run_measured(corpus.build_command(jobs), log, cwd=ROOT).returncode:
            raise BenchError(f"plankg build of {corpus.plans} plans failed: see {log}")
    if not all((corpus.build / name).exists() for name in EXPORTS.values()):
        export = [str(PLANKG), "export", "--corpus", str(corpus.folder)]
        if run_measured(export, log, cwd=ROOT).returncode:
            raise BenchError(f"plankg export of {corpus.plans} plans failed: see {log}")
