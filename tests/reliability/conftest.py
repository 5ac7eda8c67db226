"""The reliability suite (docs/reliability.md): its fast subset runs in `make test`; `make
reliability` runs it whole (PLANKG_RELIABILITY=full) and collects each test's figures.

`figures` is a dict a test fills with what it measured; with PLANKG_RELIABILITY_FIGURES set to a
file, each test's figures are appended to it as a JSON line, for scripts/reliability.py."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.paths import Paths
from tests.conftest import ROOT

FULL = os.environ.get("PLANKG_RELIABILITY") == "full"
FIGURES = os.environ.get("PLANKG_RELIABILITY_FIGURES")


def scaled(fast, full):
    """The fast subset's size of a test, or the whole suite's."""
    return full if FULL else fast


@pytest.fixture
def figures(request):
    measured: dict = {}
    yield measured
    if FIGURES and measured:
        with open(FIGURES, "a", encoding="utf-8") as out:
            out.write(json.dumps({"test": request.node.nodeid, "figures": measured},
                                 ensure_ascii=False) + "\n")


def plankg(*args: str, timeout: float = 600, **options) -> subprocess.CompletedProcess:
    """`plankg ARGS` as a real process, from this checkout."""
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout, **options)


def synth_corpus(folder: Path, plans: int) -> Paths:
    done = plankg("synth", "--plans", str(plans), "--seed", "1", "-o", str(folder))
    assert done.returncode == 0, done.stderr
    return Paths.corpus(folder)


def project_copy(root: Path) -> Paths:
    """The five plans' sources and registry (and the ontology, queries) in a folder of their own."""
    for part in ("data/sources", "data/registry", "ontology", "queries"):
        shutil.copytree(ROOT / part, root / part)
    return Paths(root=root)


def reason(reply) -> str:
    """The reason a 4xx answer gives: its JSON `error`, FastAPI's `detail`, or its text."""
    try:
        body = reply.json()
    except ValueError:
        return reply.text.strip()
    if isinstance(body, dict):
        return str(body.get("error") or body.get("detail") or "")
    return ""


@pytest.fixture(scope="session")
def fuzz_server(build_dir, tmp_path_factory):
    """The API over the five plans' build, for the fuzz and security tests: the production
    limits (10 s, 10,000 rows) but a 1 MB body cap stated here, 2 workers."""
    from tests.api.conftest import start_server, stop_server
    server = start_server(build_dir, tmp_path_factory.mktemp("fuzz") / "server.log",
                          query_timeout=FUZZ_TIME_LIMIT, max_body_bytes=MAX_BODY)
    yield server
    stop_server(server)


FUZZ_TIME_LIMIT = 3.0
MAX_BODY = 1_000_000
