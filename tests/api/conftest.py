"""A real plankg API server on a free loopback port, serving a graph built from data/sources/
into a temporary folder, with a 2 s query time limit and a 500-row cap (set through the
environment, as in production): once over the embedded store, once over `oxigraph serve`."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.processes import free_port, stop, wait_until_answering

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data" / "sources" / "shapingba_2025_service_system.txt"
TASK = "https://w3id.org/plankg/id/task/shapingba-2025/6"  # shapingba_2025_service_system.txt:25
TIME_LIMIT = 2.0
ROW_LIMIT = 500
STARTUP = 60.0


@dataclass
class Server:
    url: str           # the /sparql endpoint
    process: subprocess.Popen
    log: Path
    store: str = "embedded"

    @property
    def pid(self) -> int:
        return self.process.pid


def start_server(build_dir: Path, log: Path, ready: int = 200, startup: float = STARTUP,
                 **settings) -> Server:
    """Start the API and wait until `ASK {}` answers with the status `ready`."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", PLANKG_BUILD_DIR=str(build_dir),
               PLANKG_QUERY_TIMEOUT=str(TIME_LIMIT), PLANKG_MAX_ROWS=str(ROW_LIMIT))
    env |= {f"PLANKG_{k.upper()}": str(v) for k, v in settings.items()}
    port = free_port()
    out = log.open("wb")
    process = subprocess.Popen([sys.executable, "-m", "api", "--host", "127.0.0.1",
                                "--port", str(port)], env=env, stdout=out,
                               stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}/sparql", process, log)
    wait_until_answering(process, server.url, log, "server", startup, ready, group=True)
    return server


def stop_server(server: Server) -> None:
    stop(server.process, group=True)


def children(pid: int) -> set[int]:
    """Live processes whose parent is `pid` (zombies count as gone)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] != "Z" and int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def query_processes(server: Server) -> tuple[int, set[int]]:
    """(the zygote's pid, its workers' pids) under a running server."""
    (zygote,) = children(server.pid)
    return zygote, children(zygote)


@pytest.fixture(scope="session")
def servers(build_dir, tmp_path_factory):
    """API servers started on first use, one per store, stopped at the end of the session."""
    running: dict[str, Server] = {}

    def get(backend: str, **settings) -> Server:
        if backend not in running:
            log = tmp_path_factory.mktemp(f"server-{backend}") / "server.log"
            running[backend] = start_server(build_dir, log, **settings)
            running[backend].store = backend
        return running[backend]

    yield get
    for server in running.values():
        stop_server(server)


@pytest.fixture(scope="session", params=["embedded", "remote"])
def server(request, servers):
    """The API over each store: the embedded one, and `oxigraph serve` holding the same build
    (tests/oxigraph.py). Every test of the SPARQL protocol runs over both."""
    if request.param == "remote":
        return servers("remote", store="remote", endpoint=request.getfixturevalue("oxigraph").url)
    return servers("embedded")


@pytest.fixture(scope="session")
def embedded_server(servers):
    """The API over the embedded store, for what sits above the store interface (REST, pages,
    the UI): the protocol suite shows both stores answer the same."""
    return servers("embedded")


@pytest.fixture(scope="session")
def endpoint(server) -> str:
    return server.url


@pytest.fixture
def client():
    with httpx.Client(timeout=15) as http:
        yield http


@pytest.fixture(scope="session")
def base_url(embedded_server) -> str:
    """The server's root, for the REST routes (/api/...) and the linked-data pages (/id/...)."""
    return embedded_server.url.removesuffix("/sparql")


@pytest.fixture
def api(base_url):
    """An HTTP client for the running server, with relative URLs."""
    with httpx.Client(base_url=base_url, timeout=15) as http:
        yield http
