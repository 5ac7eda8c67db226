"""A query worker that dies mid-query, killed (SIGKILL, as the OOM killer would) or over its
address-space cap (PLANKG_WORKER_MEMORY_MB), costs only its own client a clear 5xx with a reason;
other clients go on being answered, and the pool is whole again within milliseconds."""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import TASK, alive, query_processes, start_server, stop_server

pytestmark = pytest.mark.timeout(120)

# ~10^4 triples cubed: runs for days, computing, until its worker is killed
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# 10^8 rows of two joined triple patterns to be sorted: held in memory, gigabytes
MEMORY_HOG = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
LABEL = f"SELECT ?label WHERE {{ <{TASK}> skos:prefLabel ?label }}"
TIME_LIMIT = 30
MEMORY_MB = 1024


@pytest.fixture(scope="module")
def server(build_dir, tmp_path_factory):
    log = tmp_path_factory.mktemp("faults") / "server.log"
    server = start_server(build_dir, log, workers=2, query_timeout=TIME_LIMIT,
                          worker_memory_mb=MEMORY_MB)
    yield server
    stop_server(server)


class Bystander(threading.Thread):
    """Another client, asking a small query without pause until stopped."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.stop = url, threading.Event()
        self.statuses: list[int] = []
        self.slowest = 0.0

    def run(self) -> None:
        with httpx.Client(timeout=TIME_LIMIT + 5) as http:
            while not self.stop.is_set():
                started = time.monotonic()
                self.statuses.append(http.get(self.url, params={"query": LABEL}).status_code)
                self.slowest = max(self.slowest, time.monotonic() - started)
                time.sleep(0.01)


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def busy_worker(server) -> int:
    """The worker using the most processor time over a moment: the one running the query."""
    _, workers = query_processes(server)
    before = {pid: cpu_ticks(pid) for pid in workers}
    time.sleep(0.5)
    return max(workers, key=lambda pid: cpu_ticks(pid) - before[pid])


def recovery(server) -> float:
    """Seconds until the pool holds two workers again, each answering (two queries at once)."""
    started = time.monotonic()
    while len(query_processes(server)[1]) < 2:
        time.sleep(0.001)
    with httpx.Client(timeout=10) as http:
        replies = [http.get(server.url, params={"query": LABEL}) for _ in range(2)]
    assert all(r.status_code == 200 for r in replies)
    return time.monotonic() - started


def run_fault(server, query: str, fault=None) -> tuple[httpx.Response, dict, Bystander]:
    """`query` sent beside a bystander, `fault(server)` run meanwhile: (reply, its times,
    the bystander)."""
    bystander = Bystander(server.url)
    bystander.start()
    outcome = {}

    def ask():
        started = time.monotonic()
        outcome["reply"] = httpx.get(server.url, params={"query": query}, timeout=TIME_LIMIT + 10)
        outcome["end"] = time.monotonic()
        outcome["seconds"] = outcome["end"] - started

    asking = threading.Thread(target=ask)
    asking.start()
    if fault:
        fault(server)
    asking.join(timeout=TIME_LIMIT + 15)
    time.sleep(0.3)
    bystander.stop.set()
    bystander.join(timeout=TIME_LIMIT)
    return outcome["reply"], outcome, bystander


def test_a_killed_worker_answers_its_client_500_with_a_reason_and_others_go_on(server, figures):
    """SIGKILL of the worker running a query: that client gets 500 naming the dead worker,
    the other client's queries are all answered, and the pool is whole again at once."""
    killed = {}

    def kill(server):
        time.sleep(0.3)
        killed["pid"] = busy_worker(server)
        killed["at"] = time.monotonic()
        os.kill(killed["pid"], signal.SIGKILL)

    reply, times, bystander = run_fault(server, RUNAWAY, kill)
    assert reply.status_code == 500
    assert "worker died" in reply.json()["error"]
    assert set(bystander.statuses) == {200} and len(bystander.statuses) > 10
    assert not alive(killed["pid"])
    recovered = recovery(server)
    assert recovered < 1.0
    figures.update({"status": reply.status_code, "reason": reply.json()["error"],
                    "kill → answer (ms)": round((times["end"] - killed["at"]) * 1e3, 1),
                    "bystander queries": len(bystander.statuses), "bystander failures": 0,
                    "bystander slowest (ms)": round(bystander.slowest * 1e3),
                    "pool whole again (ms)": round(recovered * 1e3, 1)})


def test_a_worker_over_its_memory_cap_fails_only_its_query(server, figures):
    """A query that would need gigabytes, in a worker capped at 1 GiB: a 500 with a reason
    long before the time limit, other clients answered throughout, the pool whole again."""
    zygote, workers = query_processes(server)
    reply, times, bystander = run_fault(server, MEMORY_HOG)
    seconds = times["seconds"]
    assert reply.status_code == 500, reply.text[:300]
    reason = reply.json()["error"]
    assert seconds < TIME_LIMIT
    assert set(bystander.statuses) == {200}
    recovered = recovery(server)
    assert query_processes(server)[0] == zygote
    figures.update({"memory cap (MiB)": MEMORY_MB, "status": reply.status_code,
                    "reason": reason, "answered after (s)": round(seconds, 2),
                    "bystander queries": len(bystander.statuses), "bystander failures": 0,
                    "bystander slowest (ms)": round(bystander.slowest * 1e3),
                    "pool whole again (ms)": round(recovered * 1e3, 1)})


@pytest.mark.parametrize("sent", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_worker_s_500_names_the_signal(server, sent):
    """A worker killed by a signal: the 500 names the signal, and does not blame memory."""
    def kill(server):
        time.sleep(0.3)
        os.kill(busy_worker(server), sent)

    reply, _, _ = run_fault(server, RUNAWAY, kill)
    assert reply.status_code == 500
    reason = reply.json()["error"]
    assert f"killed by signal {int(sent)} ({sent.name})" in reason, reason
    assert "memory" not in reason
    recovery(server)


def test_a_worker_over_its_memory_cap_says_so(server):
    """The memory hog's 500 says the worker ran out of its cap (pyoxigraph's failed allocation,
    read off the dead worker's stderr), naming the cap, not a signal."""
    reply, _, _ = run_fault(server, MEMORY_HOG)
    assert reply.status_code == 500
    reason = reply.json()["error"]
    assert f"memory cap of {MEMORY_MB} MiB" in reason, reason
    assert "signal" not in reason
    recovery(server)
