"""The shared build of the five plans (tests/conftest.py) as N-Triples, for the validation
tests to check and to plant defects into."""
import pytest

from kg.paths import Paths
from tests.builds import ntriples


@pytest.fixture(scope="session")
def built_nt(built) -> tuple[Paths, str]:
    paths = built[0]
    return paths, ntriples(paths.build)
