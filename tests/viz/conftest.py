"""Graphs for the visualiser tests: the five plans built into a temporary folder, the hand-made
tiny plan of tests/fixtures/tiny_network.ttl, each as an embedded store's Select, and real API
servers over each on free loopback ports."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.graphs import EXPORTS
from kg.paths import Paths
from kg.store import EmbeddedStore
from tests.api.conftest import start_server, stop_server
from tests.conftest import FIXTURES
from viz.sparql import Select, embedded_select

TINY = FIXTURES / "tiny_network.ttl"
A, B, C, D, E = (f"https://w3id.org/plankg/id/org/tiny/{x}" for x in "abcde")
XSS = "<img src=x onerror=alert(1)>"  # body B's name in the tiny plan


@pytest.fixture(scope="session")
def select(build_dir) -> Select:
    return embedded_select(EmbeddedStore(Paths(build_dir=build_dir)))


@pytest.fixture(scope="session")
def tiny_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tiny") / "build"
    folder.mkdir()
    Graph().parse(TINY, format="turtle").serialize(folder / EXPORTS["nt"], format="nt",
                                                    encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def tiny(tiny_dir) -> Select:
    return embedded_select(EmbeddedStore(Paths(build_dir=tiny_dir)))


@pytest.fixture(scope="session")
def server(build_dir, tmp_path_factory):
    """A real server over the five plans; `.base` is its root URL."""
    running = start_server(build_dir, tmp_path_factory.mktemp("viz-server") / "server.log")
    running.base = running.url.removesuffix("/sparql")
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def tiny_server(tiny_dir, tmp_path_factory):
    running = start_server(tiny_dir, tmp_path_factory.mktemp("tiny-server") / "server.log")
    running.base = running.url.removesuffix("/sparql")
    yield running
    stop_server(running)


def count(select: Select, sparql: str) -> int:
    """The single number a `SELECT (COUNT(...) AS ?n)` query answers."""
    (row,) = select(sparql)
    return int(row["n"])
