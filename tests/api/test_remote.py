"""What only the remote store has to answer for: its server down (503, and answers again once it
is up), broken (502), and what becomes of the work on `oxigraph serve` when the API stops
reading: a capped streaming answer ends it, a runaway aggregate does not (see api/README.md)."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.api.conftest import ROW_LIMIT, TIME_LIMIT, free_port, start_server, stop_server
from tests.api.test_limits import CROSS_PRODUCT, RUNAWAY, label
from tests.oxigraph import loaded_oxigraph, start_oxigraph, stop_oxigraph

pytestmark = pytest.mark.timeout(90)

TITLE = "保障医疗服务质量安全"  # shapingba_2025_service_system.txt:25, task 6


@pytest.fixture
def client():
    with httpx.Client(timeout=15) as http:
        yield http


@pytest.fixture
def api_over(build_dir, tmp_path):
    """Start an API server over the remote endpoint `url`; stopped after the test."""
    started = []

    def start(url: str, ready: int = 200):
        server = start_server(build_dir, tmp_path / f"server{len(started)}.log", ready=ready,
                              store="remote", endpoint=url)
        started.append(server)
        return server

    yield start
    for server in started:
        stop_server(server)


@pytest.fixture
def private_oxigraph(build_dir, tmp_path):
    """A server of this test's own, without oxigraph's own time limit, so what happens to its
    work is the API's doing alone."""
    server = loaded_oxigraph(build_dir, tmp_path, timeout_s=None)
    yield server
    stop_oxigraph(server)


def test_remote_down_is_503_with_the_reason_then_answers_once_it_is_up(api_over, client,
                                                                       tmp_path):
    port = free_port()
    remote = f"http://127.0.0.1:{port}/query"
    server = api_over(remote, ready=503)  # starts although nothing listens there yet
    reply = client.get(server.url, params={"query": "ASK { ?s ?p ?o }"})
    assert reply.status_code == 503
    assert reply.json()["error"] == (f"the SPARQL endpoint {remote} cannot be reached: "
                                     "[Errno 111] Connection refused")
    assert reply.headers["retry-after"] == "5"

    oxigraph = start_oxigraph(tmp_path / "db", tmp_path / "oxigraph.log", port=port)
    try:
        reply = client.get(server.url, params={"query": "ASK { ?s ?p ?o }"})
        assert reply.status_code == 200 and reply.json()["boolean"] is False  # empty, but up
    finally:
        stop_oxigraph(oxigraph)


class Broken(BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers every query badly, in the way `server.mode` names."""

    ANSWERS = {
        "error": (500, "text/plain", b"storage engine failure"),
        "unreadable": (200, "application/sparql-results+json",
                       b'{"head":{"vars":["label"]},"results":{"bindings":[ cancelled'),
        "csv": (200, "text/csv", b"label\r\nx\r\n"),
    }

    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        status, media_type, body = self.ANSWERS[self.server.mode]
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def broken_endpoint(build_dir, tmp_path_factory):
    """The stub endpoint, and an API server over it (one for every mode: starting one is slow)."""
    stub = ThreadingHTTPServer(("127.0.0.1", 0), Broken)
    stub.mode = "error"
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{stub.server_address[1]}/query"
    server = start_server(build_dir, tmp_path_factory.mktemp("broken") / "server.log", ready=502,
                          store="remote", endpoint=url)
    yield stub, url, server
    stop_server(server)
    stub.shutdown()
    stub.server_close()


@pytest.mark.parametrize("mode, reason", [
    ("error", "answered 500 Internal Server Error: storage engine failure"),
    ("unreadable", "could not be read"),
    ("csv", "answered as 'text/csv', not SPARQL results in JSON, XML or TSV"),
])
def test_a_broken_remote_is_502_with_its_reason(client, broken_endpoint, mode, reason):
    stub, url, server = broken_endpoint
    stub.mode = mode
    reply = client.get(server.url, params={"query": "SELECT ?label WHERE { ?s ?p ?label }"})
    assert reply.status_code == 502
    assert url in reply.json()["error"] and reason in reply.json()["error"]


def test_a_capped_streaming_answer_ends_the_work_on_the_remote(api_over, client,
                                                               private_oxigraph):
    server = api_over(private_oxigraph.url)
    reply = client.get(server.url, params={"query": CROSS_PRODUCT})
    assert reply.status_code == 200 and reply.headers["x-plankg-truncated"] == "true"
    assert len(reply.json()["results"]["bindings"]) == ROW_LIMIT
    time.sleep(1.0)  # oxigraph notices the closed connection when it next writes
    assert private_oxigraph.computing() == 0  # idle: the 10^12-row join stopped


def test_a_runaway_aggregate_is_given_up_at_the_limit_but_goes_on_on_the_remote(
        api_over, client, private_oxigraph):
    server = api_over(private_oxigraph.url)
    started = time.monotonic()
    reply = client.get(server.url, params={"query": RUNAWAY})
    assert reply.status_code == 503 and "time limit" in reply.json()["error"]
    assert TIME_LIMIT <= time.monotonic() - started < TIME_LIMIT + 1.5

    started = time.monotonic()
    assert label(client, server.url) == TITLE  # the API and the remote answer others at once
    assert time.monotonic() - started < 1.0

    # COUNT writes nothing until it is done, so oxigraph never sees the connection close: the
    # work goes on (until its own --timeout-s, if it was given one; here it was not)
    assert private_oxigraph.computing() >= 8
