"""The worker processes themselves: their network is cut (a second wall behind the SERVICE
refusal), replacing one is cheap, and none outlives the server, even one killed outright."""
from __future__ import annotations

import asyncio
import os
import signal
import socket
import time

import pytest

from api.execute import Answer, Failure, Job
from api.pool import QueryPool, QueryTimedOut, WorkerCrashed
from api.settings import Settings
from tests.api.conftest import alive, children, query_processes, start_server

pytestmark = pytest.mark.timeout(60)

JSON = "application/sparql-results+json"


def job(query: str) -> Job:
    return Job(query, results_type=JSON, graph_type="text/turtle", max_rows=100)


@pytest.fixture
def pool(build_dir):
    pool = QueryPool(Settings(build_dir=build_dir, query_timeout=1.0, workers=1))
    pool.start()
    yield pool
    pool.close()


def test_a_worker_cannot_open_connections_even_when_asked_directly(pool):
    if not pool.zygote.network_isolated:
        pytest.skip("this kernel allows no network namespace: the SERVICE refusal is the only wall")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(1.0)
        remote = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        # bypasses api.guard, as a bug in it would
        query = f"SELECT * WHERE {{ SERVICE <{remote}> {{ ?s ?p ?o }} }}"
        reply = asyncio.run(pool.run(job(query)))
        assert isinstance(reply, Failure) and reply.reason == "error"
        with pytest.raises(TimeoutError):
            listener.accept()


def test_a_replacement_worker_is_forked_in_milliseconds(pool):
    async def scenario():
        with pytest.raises(QueryTimedOut):
            await pool.run(job("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"))
        return await pool.run(job("ASK { ?s ?p ?o }"))

    answer = asyncio.run(scenario())
    assert answer.body == b'{"head":{},"boolean":true}'
    assert pool.last_fork_seconds < 0.5  # measured ~2 ms; a fresh process would take ~0.35 s


def test_closing_the_pool_ends_every_process(build_dir):
    pool = QueryPool(Settings(build_dir=build_dir, workers=2))
    pool.start()
    pids = [pool.zygote.process.pid, *pool.workers]
    pool.close()
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in pids)


def test_workers_die_with_a_killed_server(build_dir, tmp_path):
    server = start_server(build_dir, tmp_path / "server.log", workers=1)
    zygote, workers = query_processes(server)
    assert len(workers) == 1
    os.kill(server.pid, signal.SIGKILL)
    server.process.wait(timeout=10)
    deadline = time.monotonic() + 5
    while (alive(zygote) or any(map(alive, workers))) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(zygote) and not any(map(alive, workers))
    assert not children(zygote)


def test_a_worker_that_dies_mid_query_is_reported_and_replaced(pool):
    async def scenario():
        (worker,) = pool.workers
        loop = asyncio.get_running_loop()
        loop.call_later(0.3, os.kill, worker, signal.SIGKILL)  # as the OOM killer would
        with pytest.raises(WorkerCrashed):
            await pool.run(job("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"))
        assert worker not in pool.workers
        return await pool.run(job("ASK { ?s ?p ?o }"))

    assert asyncio.run(scenario()).body == b'{"head":{},"boolean":true}'


def test_a_query_whose_request_is_cancelled_does_not_leave_its_answer_to_the_next(pool):
    """A request gone mid-query (the client hung up, the server shutting down) cancels the wait
    for its answer: that worker is killed and replaced, so the next query reads its own answer,
    not the abandoned one."""
    async def scenario():
        (worker,) = pool.workers
        slow = asyncio.ensure_future(pool.run(
            job("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")))
        await asyncio.sleep(0.2)        # sent, and running: it would take seconds
        slow.cancel()
        with pytest.raises(asyncio.CancelledError):
            await slow
        assert worker not in pool.workers and len(pool.workers) == 1
        return await pool.run(job("ASK { ?s ?p ?o }"))

    assert asyncio.run(scenario()).body == b'{"head":{},"boolean":true}'


def address_space_limit(pid: int) -> int:
    for line in open(f"/proc/{pid}/limits", encoding="ascii"):
        if line.startswith("Max address space"):
            return int(line.split()[3])
    raise AssertionError(f"no address-space line for {pid}")


def virtual_size(pid: int) -> int:
    for line in open(f"/proc/{pid}/status", encoding="ascii"):
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmSize for {pid}")


def test_a_workers_memory_cap_is_headroom_over_the_store_it_shares(build_dir):
    # a cap far under what the zygote already maps (Python, pyoxigraph, the store): counted from
    # zero it would leave the worker nothing, and every query would kill it (the 10,000-plan
    # store alone maps over 4 GiB, past the default 4096 MiB)
    headroom = 64 * 1024 * 1024
    pool = QueryPool(Settings(build_dir=build_dir, workers=1, worker_memory_mb=64))
    pool.start()
    try:
        zygote = virtual_size(pool.zygote.process.pid)
        assert zygote > headroom
        answer = asyncio.run(pool.run(job("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))
        assert isinstance(answer, Answer), answer
        (worker,) = pool.workers
        limit = address_space_limit(worker)
        assert zygote + headroom <= limit <= zygote + headroom + 256 * 1024 * 1024
    finally:
        pool.close()
