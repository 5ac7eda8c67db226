"""`python -m bench.servers` at N = 5 (the real plans), one repetition: it loads the three stores,
times every example query on each and finds the same rows everywhere. Nothing about speed is
asserted."""
from __future__ import annotations

import json
import subprocess
import sys

from kg.paths import ROOT


def test_the_three_stores_side_by_side_at_five_plans(tmp_path):
    out = tmp_path / "servers.md"
    command = [sys.executable, "-m", "bench.servers", "--plans", "5", "--repeat", "1",
               "--work", str(tmp_path / "work"), "--out", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=280)
    assert done.returncode == 0, done.stderr[-3000:]
    (size,) = json.loads(out.with_suffix(".json").read_text("utf-8"))["sizes"]
    assert len(size["queries"]) == 16
    assert size["triples"]["oxigraph"] == size["triples"]["virtuoso"] == size["triples"]["embedded"]
    for name, found in size["queries"].items():
        assert found["oxigraph"]["same"] and found["virtuoso"]["same"], name
        assert all(found[store]["p50_ms"] > 0 for store in ("embedded", "oxigraph", "virtuoso"))
    table = out.read_text("utf-8")
    assert "| 16-rule-breaks |" in table and "≠" not in table.split("| query |", 1)[1]
