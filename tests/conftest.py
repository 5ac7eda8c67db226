"""Shared test paths."""
from pathlib import Path

import pytest

from kg.build import run_build
from kg.paths import Paths

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    return SOURCES


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The five plans built once into a temporary folder: (paths, build result). Tests that
    change a build make their own."""
    paths = Paths(build_dir=tmp_path_factory.mktemp("build") / "build")
    return paths, run_build(paths)


@pytest.fixture(scope="session")
def build_dir(built) -> Path:
    """That build's folder, for fixtures that serve it (API servers, tests/oxigraph.py)."""
    return built[0].build

from tests.browser import browser, page  # noqa: E402,F401  (fixtures for the browser tests)
from tests.oxigraph import oxigraph  # noqa: E402,F401  (the remote store: oxigraph serve)
from tests.virtuoso import virtuoso  # noqa: E402,F401  (a second remote store: Virtuoso)
