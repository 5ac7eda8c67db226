"""The benchmark script at N = 5 (the real plans), one repetition, short limits, into a temporary
folder: it must run every section and write its tables, JSON and plots. Nothing about speed is
asserted: the figures of a shared test machine say nothing."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kg.paths import ROOT

SECTIONS = ("build", "queries", "endpoint", "validation", "visualisation")
HEADINGS = ("## 1. Build", "## 2. Queries", "## 3. Endpoint", "## 4. Validation",
            "## 5. Visualisation", "## Targets", "## Machine and command")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    command = [sys.executable, "-m", "bench", "--plans", "5", "--repeat", "1", "--out", str(out),
               "--work", str(out / "work"), "--target-plans", "5", "--query-limit", "2",
               "--pyshacl-limit", "2", "--endpoint-seconds", "1", "--endpoint-queries",
               "13-central-bodies", "--page-nodes", "50", "--page-nodes", "120",
               "--profile-seconds", "10"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=280)
    return done, out


def test_the_run_exits_0_and_says_where_it_wrote(run):
    done, out = run
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"wrote {out / 'benchmarks.md'}" in done.stderr


def test_every_section_has_its_table_in_the_report(run):
    _, out = run
    report = (out / "benchmarks.md").read_text("utf-8")
    for heading in HEADINGS:
        assert heading in report
        assert "\n| " in report.split(heading, 1)[1].split("\n## ", 1)[0], heading
    assert "python -m bench --plans 5 --repeat 1" in report  # the exact command


def test_the_json_has_every_section_with_numbers(run):
    _, out = run
    results = json.loads((out / "benchmarks.json").read_text("utf-8"))
    build = results["build"]["5"]
    assert build["triples"] > 0 and build["seconds"] > 0 and build["tree_peak_bytes"] > 0
    assert build["incremental"]["extracted"] == ["shapingba-2025"]
    queries = results["queries"]["5"]["queries"]
    assert len(queries) == 16
    assert all(q["embedded"]["p50_ms"] > 0 for q in queries.values())
    for entry in results["endpoint"]["5"]["queries"].values():
        assert all(entry[server]["rps"] > 0 for server in ("plankg", "oxigraph"))
        assert entry["plankg"]["rows"] == entry["oxigraph"]["rows"]  # the same data served
    validation = results["validation"]["5"]
    assert validation["split_s"] > 0
    assert validation["pyshacl_s"] is None and validation["pyshacl_over_s"] == 2  # cut short
    pages = results["visualisation"]["pages"]
    assert [pages[size]["nodes"] for size in ("50", "120")] == [50, 120]
    assert all(page["p50_ms"] > 0 for page in pages.values())
    assert {t["section"] for t in results["targets"]} == set(SECTIONS)
    assert not results["errors"]


def test_plots_are_written_for_build_queries_and_validation(run):
    _, out = run
    for name in ("build", "queries", "validation"):
        assert (out / "benchmarks" / f"{name}.png").read_bytes().startswith(b"\x89PNG")
