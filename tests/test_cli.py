"""The plankg command, run as a user runs it."""
import csv
import io
import json
import subprocess
import sys

from tests.conftest import ROOT, SOURCES

PLANKG = [sys.executable, "-m", "kg.cli"]


def run(*args):
    return subprocess.run(PLANKG + list(args), capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_extract_json_lists_tasks_with_units_and_lines():
    done = run("extract", str(SOURCES / "shapingba_2025_service_system.txt"), "--format", "json")
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    task = next(t for t in records["tasks"] if t["key"] == "17")
    # shapingba:40 "（责任单位：区财政局、区卫生健康委）"
    assert task["responsible_units"] == ["区财政局", "区卫生健康委"]
    assert task["source"] == {
        "file": "shapingba_2025_service_system.txt", "start_line": 40, "end_line": 40}


def test_build_then_query_an_example_by_name_as_csv():
    assert run("build").returncode == 0
    done = run("query", "10-tasks-mentioning-phrase", "--format", "csv")
    assert done.returncode == 0, done.stderr
    table = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["task"] for r in table] == ["https://w3id.org/plankg/id/task/shapingba-2025/9"]


def test_malformed_query_exits_1_with_the_position():
    run("build")
    done = run("query", "SELECT ?x WHERE { ?x ")
    assert done.returncode == 1
    assert "1:" in done.stderr and "query rejected" in done.stderr
