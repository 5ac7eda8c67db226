"""The API answers every request while `plankg add` and a full `plankg build` replace the build
it serves, each answer from one graph. The API loads the graph once, at startup, into its query
processes' memory (api/README.md): it keeps serving the graph it loaded until restarted, and a
restart is how a new build is served. The marker of a graph is its count of plans with its count
of triples (with the ontology's and the validation report's): a build is a function of its inputs,
byte for byte (README, Identifiers), so two builds with the same marker are the same graph."""
from __future__ import annotations

import threading
import time

import httpx
import pytest

from tests.api.conftest import start_server, stop_server
from tests.conftest import FIXTURES
from tests.reliability.conftest import plankg, project_copy, scaled

pytestmark = pytest.mark.timeout(scaled(240, 600))

MARKER = ("SELECT ?plans ?triples WHERE { { SELECT (COUNT(?p) AS ?plans) WHERE { ?p a pk:Plan } }"
          " { SELECT (COUNT(*) AS ?triples) WHERE { ?s ?q ?o } } }")
# tests/fixtures/add/yuechi_talent.txt, a 岳池县 plan `plankg add` reads and adds (tests/test_add.py)
ADDED = FIXTURES / "add" / "yuechi_talent.txt"
TASK = "/api/tasks/shapingba-2025/6"   # data/sources/shapingba_2025_service_system.txt:25


class Client(threading.Thread):
    """Queries the server without pause: the marker over /sparql, then /api/stats and
    /api/plans, then a task with its excerpt read from the sources folder, until stopped."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base, self.stop, self.failures = base, threading.Event(), []
        self.markers: list[tuple[int, int, int, int]] = []   # sparql plans, triples; REST's
        self.excerpts: set[str] = set()
        self.requests = 0

    def run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=30) as http:
            while not self.stop.is_set():
                try:
                    self.round(http)
                except (httpx.HTTPError, AssertionError, KeyError, ValueError) as error:
                    self.failures.append(repr(error))

    def get(self, http: httpx.Client, path: str, **params) -> httpx.Response:
        self.requests += 1
        reply = http.get(path, params=params)
        assert reply.status_code == 200, f"{path}: {reply.status_code} {reply.text[:200]}"
        return reply

    def round(self, http: httpx.Client) -> None:
        row = self.get(http, "/sparql", query=MARKER).json()["results"]["bindings"][0]
        stats = self.get(http, "/api/stats").json()
        plans = self.get(http, "/api/plans").json()
        self.markers.append((int(row["plans"]["value"]), int(row["triples"]["value"]),
                             len(plans), stats["triples"]))
        task = self.get(http, TASK).json()
        self.excerpts.add(task["sources"][0]["excerpt"])


def test_every_request_is_answered_from_one_graph_during_add_and_rebuild(tmp_path, figures):
    """A client querying without pause during `plankg add` and a full rebuild: no failed
    request, every answer from the graph loaded at startup; after a restart, from the new one."""
    paths = project_copy(tmp_path / "project")
    where = ["--sources", str(paths.sources), "--registry", str(paths.registry),
             "--out", str(paths.build)]
    assert plankg("build", *where).returncode == 0
    server = start_server(paths.build, tmp_path / "server.log")
    base = server.url.removesuffix("/sparql")
    client = Client(base)
    try:
        client.start()
        time.sleep(1)
        started = time.monotonic()
        added = plankg("add", str(ADDED), *where)
        assert added.returncode == 0, added.stderr
        (paths.registry / "rebuild.token").write_text("full", encoding="utf-8")  # all plans again
        rebuilt = plankg("build", *where)
        assert rebuilt.returncode == 0, rebuilt.stderr
        rebuilding = time.monotonic() - started
        time.sleep(scaled(1, 5))
        client.stop.set()
        client.join(timeout=60)
    finally:
        stop_server(server)
    old = client.markers[0]
    assert client.failures == [] and client.requests > 0
    assert set(client.markers) == {old} and old[0] == old[2] == 5
    assert len(client.excerpts) == 1

    restarted = time.monotonic()
    server = start_server(paths.build, tmp_path / "server-2.log")
    downtime = time.monotonic() - restarted
    try:
        new = Client(server.url.removesuffix("/sparql"))
        with httpx.Client(base_url=new.base, timeout=30) as http:
            new.round(http)
    finally:
        stop_server(server)
    assert new.markers[0][0] == new.markers[0][2] == 6 and new.markers[0][1] > old[1]
    figures.update({"requests during add and rebuild": client.requests,
                    "failed": len(client.failures), "add + rebuild (s)": round(rebuilding, 1),
                    "graph served (plans, triples)": old[:2],
                    "after restart (plans, triples)": new.markers[0][:2],
                    "new server: start until answering (s)": round(downtime, 2)})
