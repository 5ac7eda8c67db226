"""Shared test paths."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    return SOURCES

from tests.browser import browser, page  # noqa: E402,F401  (fixtures for the browser tests)
from tests.oxigraph import oxigraph  # noqa: E402,F401  (the remote store: oxigraph serve)
