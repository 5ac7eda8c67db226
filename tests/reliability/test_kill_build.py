"""A build killed outright (SIGKILL) at any point leaves the previous build in its out folder as it
was, and the next build succeeds. The kill points are spread over the build's phases, each seen
from outside the process as the folder beside the build changes (kg/build/run.py, one job):

  parse     from the start until the staging folder `.build-*` appears (texts read, extracted,
            resolved, assembled)
  validate  staging folder present, no graph file in it yet (SHACL over the plans' parts)
  write     graph files appearing in it, until its summary.json is written (graphs, reports)
  swap      summary.json written, until the process exits (cache, the exchange of folders)
"""
from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.graphs import graph_files
from kg.paths import SUMMARY, Paths
from tests.conftest import ROOT
from tests.reliability.conftest import scaled, synth_corpus

PHASES = ("parse", "validate", "write", "swap")
POLL = 0.002   # seconds between looks at the folder
# a file of the registry folder the build reads nothing from but hashes into its inputs'
# fingerprint (kg.incremental.fingerprint): a new token makes the next build a full one
TOKEN = "rebuild.token"

pytestmark = pytest.mark.timeout(scaled(300, 1200))


def build_hash(build: Path) -> tuple[str, int]:
    """(a hash of the build's graph files and summary, its triple count: the files' lines)."""
    hasher, triples = hashlib.sha256(), 0
    for file in [*graph_files(build), build / SUMMARY]:
        data = file.read_bytes()
        hasher.update(file.relative_to(build).as_posix().encode() + b"\0" + data)
        triples += data.count(b"\n") if file.suffix == ".nq" else 0
    return hasher.hexdigest(), triples


def start_build(paths: Paths, token: str) -> subprocess.Popen:
    (paths.registry / TOKEN).write_text(token, encoding="utf-8")
    folder = paths.build.parent
    return subprocess.Popen([sys.executable, "-m", "kg.cli", "build", "--corpus", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)


def phase(folder: Path, known: set[str]) -> str:
    """The phase a build into `folder`/build is in, from the staging folders not in `known`."""
    staging = [p for p in folder.glob(".build-*") if p.name not in known]
    if not staging:
        return "parse"
    stage = staging[0]
    if (stage / SUMMARY).exists():
        return "swap"
    return "write" if any((stage / "graphs").rglob("*.nq")) else "validate"


def watch(process: subprocess.Popen, folder: Path) -> dict[str, float]:
    """Run a build to its end, noting when each phase began (seconds from the start)."""
    known = {p.name for p in folder.glob(".build-*")}
    started, began = time.monotonic(), {"parse": 0.0}
    while process.poll() is None:
        now = phase(folder, known)
        began.setdefault(now, time.monotonic() - started)
        time.sleep(POLL)
    began["end"] = time.monotonic() - started
    assert process.returncode == 0, process.stderr.read().decode()
    return began


def kill_in(process: subprocess.Popen, folder: Path, target: str, delay: float) -> str:
    """SIGKILL the build `delay` seconds into phase `target`; the phase it was in when killed."""
    known = {p.name for p in folder.glob(".build-*")}
    order = PHASES.index(target)
    entered = None
    while process.poll() is None:
        now = phase(folder, known)
        if PHASES.index(now) >= order:
            entered = entered or time.monotonic()
            if time.monotonic() - entered >= delay:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
                return now
        time.sleep(POLL)
    return "finished"   # it ended first: the point fell past its end


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    paths = synth_corpus(tmp_path_factory.mktemp("killed") / "corpus", scaled(20, 50))
    first = start_build(paths, "0")
    began = watch(first, paths.build.parent)
    return paths, began


def test_a_build_killed_in_any_phase_leaves_the_previous_one_and_the_next_succeeds(corpus,
                                                                                    figures):
    """kill -9 of `plankg build` at random points over its phases: the previous build is
    unchanged (hash of its graph files and summary, triple count) and the next build succeeds."""
    paths, began = corpus
    folder = paths.build.parent
    reference = build_hash(paths.build)
    ends = [began.get(p) for p in PHASES] + [began["end"]]
    lengths = {p: max((ends[i + 1] or began["end"]) - (ends[i] or 0), POLL)
               for i, p in enumerate(PHASES) if ends[i] is not None}
    rng = random.Random(18)
    points = scaled(2, 10)
    plan = [PHASES[i % len(PHASES)] for i in range(points)] if points > 2 else ["parse", "write"]
    killed_in, rebuilds, litter = [], [], 0
    retried = 0
    for n, target in enumerate(plan, start=1):
        for attempt in range(3):   # a point past this build's end (it ran faster): drawn again
            delay = rng.uniform(0, 0.9 / (attempt + 1)) * lengths.get(target, POLL)
            process = start_build(paths, f"kill-{n}-{attempt}")
            where = kill_in(process, folder, target, delay)
            assert build_hash(paths.build) == reference, f"killed in {where}: the build changed"
            if where != "finished":
                break
            retried += 1
        killed_in.append(where)
        litter = len(list(folder.glob(".build-*")))
        started = time.monotonic()
        after = start_build(paths, f"kill-{n}-{attempt}")
        _, err = after.communicate(timeout=600)
        assert after.returncode == 0, err.decode()
        rebuilds.append(time.monotonic() - started)
        assert build_hash(paths.build) == reference   # the same inputs: the same bytes
        # the killed build's staging folder was removed by the next one (kg/build/run.py _staging)
        assert list(folder.glob(".build-*")) == []
    assert "finished" not in killed_in, killed_in
    figures.update({
        "plans": scaled(20, 50), "triples": reference[1], "kills": len(plan),
        "phase starts (s)": {p: round(began[p], 2) for p in PHASES if p in began},
        "full build (s)": round(began["end"], 2),
        "killed in": {p: killed_in.count(p) for p in PHASES},
        "points drawn again (past a build's end)": retried,
        "next build (s, max)": round(max(rebuilds), 2),
        "staging folders left by the kills": litter,
    })
