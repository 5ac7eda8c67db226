"""Section 6, search: phrases cut from the corpus's own texts looked up in the build's search index
(kg.search, SQLite FTS5) and by the SPARQL CONTAINS scan it replaces (api/rq/search-scan.rq) on
the embedded store, in one process, phrase after phrase: p50/p95 of each, the scan's p95 over the
index's, and whether both found the same resources. `python -m bench.search BUILD` runs it alone.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

import pyoxigraph as ox

from bench.corpora import BenchError, Corpus
from bench.measure import percentile
from kg.paths import ROOT, Paths

PHRASES, SHORT = 40, 5   # phrases a run asks, of which this many under 3 characters (LIKE)
LIMIT = 100              # hits, as /api/search gives by default
SEED = 16


def phrases(sources: Path, count: int = PHRASES, short: int = SHORT) -> list[str]:
    """Substrings of the texts' lines: `short` of 2 characters, the others of 3 to 8."""
    pick = random.Random(SEED)
    files = sorted(sources.glob("*.txt"))
    chosen: list[str] = []
    while len(chosen) < count:
        lines = [line for line in pick.choice(files).read_text("utf-8").splitlines()
                 if len(line.strip()) > 12]
        line = pick.choice(lines)
        length = 2 if len(chosen) < short else pick.randint(3, 8)
        start = pick.randrange(len(line) - length)
        phrase = line[start:start + length]
        if phrase.strip() and phrase not in chosen:
            chosen.append(phrase)
    return chosen


def timed(run, repeat: int) -> tuple[list[float], object]:
    """`repeat` timings of run() after one untimed warm-up, and its answer."""
    answer = run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        answer = run()
        times.append(time.perf_counter() - start)
    return times, answer


def run_alone(build: Path, sources: Path, repeat: int) -> dict:
    """The measurement itself, in this process: the store loaded once, then every phrase."""
    from api.reader import bind, template
    from kg.search.index import KINDS, MIN_TRIGRAM
    from kg.search.query import SearchIndex
    from kg.store import EmbeddedStore

    started = time.perf_counter()
    store = EmbeddedStore(Paths(build_dir=build))
    loaded = time.perf_counter() - started
    index = SearchIndex.of_build(build)
    if index is None:
        raise BenchError(f"{build} has no search index: build it with this plankg")
    scan = template("search-scan")
    per_phrase = []
    for phrase in phrases(sources):
        query = bind(scan, {"phrase": ox.Literal(phrase)})
        ours, _ = timed(lambda: index.search(phrase, set(KINDS), None, LIMIT), repeat)
        every, hits = timed(lambda: index.search(phrase, set(KINDS)), repeat)
        theirs, rows = timed(lambda: {r["resource"].value for r in store.query(query)}, repeat)
        found = {hit.iri for hit in hits}
        per_phrase.append({"phrase": phrase, "like": len(phrase) < MIN_TRIGRAM,
                           "index_s": ours, "every_s": every, "scan_s": theirs,
                           "hits": len(found),
                           "same": found == rows, "only_index": len(found - rows),
                           "only_scan": len(rows - found)})
    return {"load_seconds": loaded, "index_bytes": index.path.stat().st_size,
            "phrases": per_phrase}


def summary(found: dict) -> dict:
    def pct(key: str, rows: list[dict], p: int) -> float | None:
        times = [t for row in rows for t in row[key]]
        return percentile(times, p) * 1000 if times else None

    rows = found["phrases"]
    trigram = [row for row in rows if not row["like"]]
    short = [row for row in rows if row["like"]]
    result = {"phrases": len(rows), "short_phrases": len(short),
              "load_seconds": found["load_seconds"], "index_bytes": found["index_bytes"],
              "differ": [row["phrase"] for row in rows if not row["same"]],
              "hits_median": sorted(row["hits"] for row in rows)[len(rows) // 2]}
    for name, part in (("all", rows), ("trigram", trigram), ("like", short)):
        result[name] = {f"{engine}_{p}_ms": pct(f"{engine}_s", part, int(p[1:]))
                        for engine in ("index", "every", "scan") for p in ("p50", "p95")}
    every = result["all"]
    result["ratio_p95"] = every["scan_p95_ms"] / every["index_p95_ms"] \
        if every["index_p95_ms"] else None
    return result


def measure_search(corpus: Corpus, repeat: int, log: Path) -> dict:
    """Section 6 for one corpus, in a child process (the store holds the graph in memory)."""
    with log.open("ab") as err:
        done = subprocess.run([sys.executable, "-m", "bench.search", str(corpus.build),
                               str(corpus.paths.sources), "--repeat", str(repeat)],
                              stdout=subprocess.PIPE, stderr=err, cwd=ROOT)
    if done.returncode:
        raise BenchError(f"the search benchmark exited {done.returncode}: see {log}")
    return {"plans": corpus.plans, "repeat": repeat, "limit": LIMIT,
            **summary(json.loads(done.stdout))}


def main(build: Annotated[Path, typer.Argument(file_okay=False, help="A build folder.")],
         sources: Annotated[Path, typer.Argument(file_okay=False, help="Its sources folder.")],
         repeat: Annotated[int, typer.Option(min=1, help="Runs of each phrase.")] = 5) -> None:
    """The search benchmark alone, in this process: its figures as JSON on stdout."""
    print(json.dumps(run_alone(build, sources, repeat)))


if __name__ == "__main__":
    typer.run(main)
