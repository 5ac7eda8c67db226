"""Section 2, the competency queries (queries/*.rq): each run `repeat` times on the embedded
pyoxigraph store and on rdflib's in-memory Dataset over the same quads, p50 and p95 per query,
and rdflib's p50 over the embedded store's (the speed-up). Each engine runs in a process of its
own (bench/query_runner.py), so their memory never adds up in one place.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.corpora import BenchError, Corpus, first_plan
from bench.measure import percentile
from kg.paths import ROOT


def run_engine(engine: str, corpus: Corpus, repeat: int, limit: float, log: Path) -> dict:
    with log.open("ab") as err:
        done = subprocess.run([sys.executable, "-m", "bench.query_runner", engine,
                               str(corpus.build), "--repeat", str(repeat), "--limit", str(limit),
                               "--plan-id", first_plan(corpus)["id"]],
                              stdout=subprocess.PIPE, stderr=err, cwd=ROOT)
    if done.returncode:
        raise BenchError(f"the {engine} query runner exited {done.returncode}: see {log}")
    return json.loads(done.stdout)


def summary(found: dict) -> dict:
    """p50/p95 in milliseconds over the finished runs; `over` seconds if none finished."""
    runs = found["runs"]
    if not runs:
        return {"p50_ms": None, "p95_ms": None, "runs": 0, "rows": None, "over_s": found["over"],
                "error": found["error"]}
    return {"p50_ms": percentile(runs, 50) * 1000, "p95_ms": percentile(runs, 95) * 1000,
            "runs": len(runs), "rows": found["rows"], "over_s": None,
            "stopped_after": found["stopped_after"], "error": found["error"]}


def speedup(fast: dict, slow: dict) -> dict:
    """rdflib's p50 over the embedded store's; where one side ran over its limit, the limit
    stands in for its time and the ratio is a bound: `>` (rdflib over), `<` (ours over)."""
    if fast["p50_ms"] is None and slow["p50_ms"] is None:
        return {"value": None, "bound": None}
    if fast["p50_ms"] is None:
        if fast["over_s"] is None:  # it failed rather than ran long
            return {"value": None, "bound": None}
        return {"value": slow["p50_ms"] / (fast["over_s"] * 1000), "bound": "<"}
    if slow["p50_ms"] is None:
        if slow["over_s"] is None:
            return {"value": None, "bound": None}
        return {"value": slow["over_s"] * 1000 / fast["p50_ms"], "bound": ">"}
    return {"value": slow["p50_ms"] / fast["p50_ms"], "bound": None}


def median_speedup(ratios: list[dict]) -> dict:
    """The median of the per-query speed-ups. A `>` bound at or below the middle may in truth
    be larger and move the median up, a `<` bound at or above it down: the median is then a
    bound that way (`~` if both)."""
    known = sorted((r for r in ratios if r["value"] is not None), key=lambda r: r["value"])
    if not known:
        return {"value": None, "bound": None}
    low, high = (len(known) - 1) // 2, len(known) // 2
    value = (known[low]["value"] + known[high]["value"]) / 2
    up = any(r["bound"] == ">" for r in known[:high + 1])
    down = any(r["bound"] == "<" for r in known[low:])
    return {"value": value, "bound": "~" if up and down else ">" if up else "<" if down else None}


def measure_queries(corpus: Corpus, repeat: int, limit: float, log: Path) -> dict:
    ours = run_engine("embedded", corpus, repeat, limit, log)
    theirs = run_engine("rdflib", corpus, repeat, limit, log)
    per_query = {}
    for name, found in ours["queries"].items():
        embedded, rdflib = summary(found), summary(theirs["queries"][name])
        per_query[name] = {"embedded": embedded, "rdflib": rdflib,
                           "speedup": speedup(embedded, rdflib),
                           "same_rows": embedded["rows"] == rdflib["rows"]
                           if rdflib["rows"] is not None else None}
    return {"plans": corpus.plans, "repeat": repeat, "limit_s": limit,
            "queried_plan": first_plan(corpus)["id"],
            "load_seconds": {"embedded": ours["load_seconds"], "rdflib": theirs["load_seconds"]},
            "queries": per_query,
            "median_speedup": median_speedup([q["speedup"] for q in per_query.values()])}
