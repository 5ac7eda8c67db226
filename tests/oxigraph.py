"""A real `oxigraph serve` (the SPARQL server of the `oxigraph` package, a test extra) on a free
loopback port with a temporary location, holding the build: the remote store the tests run over.

`oxigraph` is a session fixture that needs a `build_dir` fixture (a folder holding a build);
`start_oxigraph` starts more servers for tests that need one of their own.
"""
from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.paths import Paths
from kg.remote import RemoteStore
from tests.processes import free_port, stop, wait_until_answering

OXIGRAPH = Path(sys.executable).parent / "oxigraph"  # installed beside the interpreter
STARTUP = 30.0
# oxigraph's own limit on a query, in seconds, so that a runaway the API gave up on does not keep
# a core busy for the rest of the session (it stops some seconds later: see api/README.md); above
# the slowest example query on a busy machine (16-rule-breaks: ~1 s when idle)
SERVER_TIMEOUT = 10


@dataclass
class Oxigraph:
    url: str                 # the SPARQL query endpoint: http://127.0.0.1:PORT/query
    process: subprocess.Popen
    log: Path

    @property
    def graph_store(self) -> str:
        return self.url.removesuffix("/query") + "/store"  # oxigraph's Graph Store Protocol path

    def computing(self, samples: int = 10, every: float = 0.1) -> int:
        """In how many of `samples` looks, `every` seconds apart, one of the server's threads was
        running or waiting for a core (state R in /proc): a count, not CPU time, so a machine
        busy with other work does not make a computing server look idle."""
        seen = 0
        for _ in range(samples):
            tasks = Path(f"/proc/{self.process.pid}/task")
            states = []
            for task in tasks.iterdir():
                try:
                    stat = (task / "stat").read_text()
                except OSError:
                    continue  # the thread ended between the listing and the read
                states.append(stat[stat.rindex(")") + 2])
            seen += "R" in states
            time.sleep(every)
        return seen


def start_oxigraph(location: Path, log: Path, timeout_s: int | None = SERVER_TIMEOUT,
                   port: int | None = None, union_default_graph: bool = False) -> Oxigraph:
    """`union_default_graph`: queries read the union of the named graphs as their default graph
    (what `plankg push` needs: it puts each plan in a graph of its own)."""
    port = port or free_port()
    command = [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if timeout_s:
        command += ["--timeout-s", str(timeout_s)]
    if union_default_graph:
        command.append("--union-default-graph")
    process = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    server = Oxigraph(f"http://127.0.0.1:{port}/query", process, log)
    wait_until_answering(process, server.url, log, "oxigraph", STARTUP)
    return server


def stop_oxigraph(server: Oxigraph) -> None:
    stop(server.process)


def loaded_oxigraph(build_dir: Path, folder: Path, timeout_s: int | None = SERVER_TIMEOUT
                    ) -> Oxigraph:
    """A fresh server in `folder` holding the build in `build_dir` and the ontology, put there
    over the Graph Store Protocol, as `plankg load` does."""
    server = start_oxigraph(folder / "db", folder / "oxigraph.log", timeout_s)
    try:
        RemoteStore(server.url, timeout=60).load_build(Paths(build_dir=build_dir))
    except Exception:
        stop_oxigraph(server)
        raise
    return server


@pytest.fixture(scope="session")
def oxigraph(build_dir, tmp_path_factory):
    server = loaded_oxigraph(build_dir, tmp_path_factory.mktemp("oxigraph"))
    yield server
    stop_oxigraph(server)
