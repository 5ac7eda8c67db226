"""The time limit really stops a query (its worker process is killed and replaced, and the next
query answers at once), and the row cap is stated in the response headers."""
from __future__ import annotations

import threading
import time

import httpx
import pytest

from tests.api.conftest import ROW_LIMIT, TASK, TIME_LIMIT, alive, query_processes

pytestmark = pytest.mark.timeout(60)

# ~10^4 triples cubed: would run for days; COUNT must see every row, so nothing streams early
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CROSS_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LABEL = f"SELECT ?label WHERE {{ <{TASK}> skos:prefLabel ?label }}"


def label(client, endpoint) -> str:
    reply = client.get(endpoint, params={"query": LABEL})
    assert reply.status_code == 200
    return reply.json()["results"]["bindings"][0]["label"]["value"]


def test_runaway_query_is_stopped_within_the_limit_and_its_worker_replaced(client, server):
    zygote, workers = query_processes(server)
    started = time.monotonic()
    reply = client.get(server.url, params={"query": RUNAWAY})
    elapsed = time.monotonic() - started
    assert reply.status_code == 503
    assert "time limit" in reply.json()["error"]
    assert TIME_LIMIT <= elapsed < TIME_LIMIT + 1.5

    started = time.monotonic()
    assert label(client, server.url) == "保障医疗服务质量安全"
    assert time.monotonic() - started < 1.0

    same_zygote, now = query_processes(server)
    assert same_zygote == zygote and len(now) == len(workers)
    (killed,) = workers - now  # exactly one worker was replaced …
    assert not alive(killed)   # … and it is gone, not computing in the background


def test_other_queries_are_answered_while_one_runs_away(endpoint):
    outcome = {}

    def runaway():
        outcome["status"] = httpx.get(endpoint, params={"query": RUNAWAY}, timeout=15).status_code

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    with httpx.Client(timeout=5) as client:
        assert label(client, endpoint) == "保障医疗服务质量安全"
    # answered before the runaway query was stopped at its limit: it did not wait for it
    assert time.monotonic() - started < TIME_LIMIT - 0.3
    thread.join(timeout=TIME_LIMIT + 5)
    assert outcome["status"] == 503


def test_large_results_are_cut_at_the_row_limit_and_say_so(client, endpoint):
    reply = client.get(endpoint, params={"query": CROSS_PRODUCT})
    assert reply.status_code == 200
    assert reply.headers["x-plankg-truncated"] == "true"
    assert reply.headers["x-plankg-row-limit"] == str(ROW_LIMIT)
    assert len(reply.json()["results"]["bindings"]) == ROW_LIMIT


def test_graphs_are_cut_at_the_row_limit_too(client, endpoint):
    reply = client.get(endpoint, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                       headers={"Accept": "application/n-triples"})
    assert reply.headers["x-plankg-truncated"] == "true"
    assert len(reply.text.splitlines()) == ROW_LIMIT


def test_results_within_the_limit_carry_no_truncation_headers(client, endpoint):
    reply = client.get(endpoint, params={"query": f"{CROSS_PRODUCT} LIMIT {ROW_LIMIT}"})
    assert len(reply.json()["results"]["bindings"]) == ROW_LIMIT
    assert "x-plankg-truncated" not in reply.headers
