"""Admission control in front of the query workers (api/pool.py): with every worker busy and
the queue full, a request is refused at once, 503 with Retry-After and the reason; one that
waited in the queue past its deadline likewise; and nothing refused ever ran."""
from __future__ import annotations

import threading
import time

import httpx
import pytest

from tests.api.conftest import start_server, stop_server

pytestmark = pytest.mark.timeout(120)

# ~10^4 triples cubed: holds its worker until the time limit stops it
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SMALL = "ASK { ?s ?p ?o }"
TIME_LIMIT = 6.0
QUEUE_WAIT = 1.5


@pytest.fixture(scope="module")
def server(build_dir, tmp_path_factory):
    log = tmp_path_factory.mktemp("admission") / "server.log"
    server = start_server(build_dir, log, workers=1, queue=1, queue_wait=QUEUE_WAIT,
                          query_timeout=TIME_LIMIT)
    yield server
    stop_server(server)


def ask(url: str, query: str, into: dict, key: str) -> None:
    started = time.monotonic()
    into[key] = httpx.get(url, params={"query": query}, timeout=TIME_LIMIT + 10)
    into[key + " s"] = time.monotonic() - started


def test_a_full_queue_refuses_at_once_and_a_late_one_at_its_deadline(server, figures):
    """One worker, running a runaway; one request waiting (the queue holds one): the next is
    refused at once (queue-full), the waiting one at the queue's deadline (queue-deadline),
    both 503 with Retry-After and a JSON reason; then the pool answers again."""
    replies: dict = {}
    runaway = threading.Thread(target=ask, args=(server.url, RUNAWAY, replies, "runaway"))
    runaway.start()
    time.sleep(0.5)                                   # the runaway holds the only worker
    waiting = threading.Thread(target=ask, args=(server.url, SMALL, replies, "waiting"))
    waiting.start()
    time.sleep(0.3)                                   # it waits in the queue
    ask(server.url, SMALL, replies, "over")
    waiting.join()
    runaway.join()
    over, late = replies["over"], replies["waiting"]
    assert over.status_code == 503 and over.json()["refused"] == "queue-full"
    assert replies["over s"] < 0.5                    # at once, not after a wait
    assert int(over.headers["Retry-After"]) >= 1
    assert "busy" in over.json()["error"] and "try again in" in over.json()["error"]
    assert late.status_code == 503 and late.json()["refused"] == "queue-deadline"
    assert QUEUE_WAIT <= replies["waiting s"] < QUEUE_WAIT + 1.0
    assert int(late.headers["Retry-After"]) >= 1
    # the runaway itself was admitted and stopped at the time limit: not a refusal
    assert replies["runaway"].status_code == 503 and "refused" not in replies["runaway"].json()
    assert httpx.get(server.url, params={"query": SMALL}).status_code == 200
    figures.update({"queue": 1, "queue wait (s)": QUEUE_WAIT,
                    "queue full: answered after (ms)": round(replies["over s"] * 1e3, 1),
                    "queue full: reason": over.json()["error"],
                    "past the deadline: answered after (s)": round(replies["waiting s"], 2),
                    "Retry-After (s)": [over.headers["Retry-After"], late.headers["Retry-After"]]})
