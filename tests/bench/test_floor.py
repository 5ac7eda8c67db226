"""The floor section at N = 5 (the real plans), two rounds, run alone into its own report: every
competency query answered the six ways with the same rows, the report's table and targets
written, benchmarks.md left alone. Nothing about speed is asserted."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bench.cli import main
from kg.paths import ROOT


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("floor")
    (out / "benchmarks.md").write_text("an earlier run's report\n", "utf-8")
    command = [sys.executable, "-m", "bench", "--plans", "5", "--sections", "floor",
               "--repeat", "2", "--out", str(out), "--work", str(out / "work"), "--own-file",
               "--no-profiles", "--target-plans", "5"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=280)
    return done, out


def test_the_section_runs_alone_and_leaves_the_main_report(run):
    done, out = run
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"wrote {out / 'benchmarks-floor.md'}" in done.stderr
    assert (out / "benchmarks.md").read_text("utf-8") == "an earlier run's report\n"
    assert not (out / "benchmarks.json").exists()


def test_every_query_is_answered_every_way_with_the_same_rows(run):
    _, out = run
    found = json.loads((out / "benchmarks-floor.json").read_text("utf-8"))["floor"]["5"]
    assert len(found["queries"]) == 16
    for name, q in found["queries"].items():
        # on the real plans the REST route asks what the query asks, 沙坪坝 included
        ways = ("bare", "written", "execute", "sparql", "oxigraph", "rest")
        assert set(ways) <= set(q), name
        assert q["same_rows"], (name, {w: q[w]["rows"] for w in ways})
        assert q["bare"]["runs"] == 2 and q["sparql_ratio"] > 0
    # queries/14 names one task of 沙坪坝 (its task 6) and finds its two facts' source
    assert found["queries"]["14-source-of-a-fact"]["sparql"]["rows"] >= 1
    assert all(found["empty"][w]["rows"] == 1  # ASK {} answers one boolean
               for w in ("bare", "written", "sparql", "oxigraph"))
    ahead = found["summary"]["queries"]
    assert set(ahead) == {"02-tasks-per-kind-of-body", "13-central-bodies"}
    assert all(q["same_rows"] and q["summary"]["runs"] == 2 for q in ahead.values())


def test_the_report_has_the_table_the_round_trip_and_the_targets(run):
    _, out = run
    report = (out / "benchmarks-floor.md").read_text("utf-8")
    section = report.split("## 7. At the engine's floor", 1)[1].split("\n## ", 1)[0]
    assert "| 13-central-bodies |" in section and "/sparql ÷ bare" in section
    assert "/sparql ÷ oxigraph serve" in section and "REST ÷ written" in section
    assert "`ASK {}`, the empty query" in section
    assert "From counts stored ahead" in section
    targets = report.split("## Targets", 1)[1]
    assert "at most 1.2× bare pyoxigraph (p50)" in targets
    assert "at most 1.2× bare pyoxigraph writing its SPARQL JSON (p50)" in targets
    assert "- **Floor**" in report and "- **Build**" not in report


def test_list_options_are_given_once_a_value_and_bad_values_are_refused(capsys):
    assert main(["--sections", "floor", "--sections", "nothing"]) == 2
    assert "nothing" in capsys.readouterr().err
    assert main(["--plans", "five"]) == 2
