"""A real `oxigraph serve` (the SPARQL server of the `oxigraph` package, a test extra) on a free
loopback port with a temporary location, holding the build: the remote store the tests run over.

`oxigraph` is a session fixture that needs a `build_dir` fixture (a folder holding a build);
`start_oxigraph` starts more servers for tests that need one of their own.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from kg.pipeline import Paths
from kg.remote import RemoteStore

OXIGRAPH = Path(sys.executable).parent / "oxigraph"  # installed beside the interpreter
STARTUP = 30.0
# oxigraph's own limit on a query, in seconds: the tests' API time limit (tests/api/conftest.py),
# so a runaway the API gave up on does not keep a core busy for the rest of the session
SERVER_TIMEOUT = 2


@dataclass
class Oxigraph:
    url: str                 # the SPARQL query endpoint: http://127.0.0.1:PORT/query
    process: subprocess.Popen
    log: Path

    @property
    def graph_store(self) -> str:
        return self.url.removesuffix("/query") + "/store"  # oxigraph's Graph Store Protocol path

    def cpu_seconds(self) -> float:
        """User + system CPU time the server has used so far (from /proc)."""
        stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2:].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_oxigraph(location: Path, log: Path, timeout_s: int | None = SERVER_TIMEOUT) -> Oxigraph:
    port = _free_port()
    command = [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if timeout_s:
        command += ["--timeout-s", str(timeout_s)]
    process = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    server = Oxigraph(f"http://127.0.0.1:{port}/query", process, log)
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(server.url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    stop_oxigraph(server)
    raise RuntimeError(f"oxigraph not ready after {STARTUP} s:\n{log.read_text()}")


def stop_oxigraph(server: Oxigraph) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=10)


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
