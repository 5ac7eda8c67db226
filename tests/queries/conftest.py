"""A graph built once from data/sources/ into a temporary folder, its embedded store, and the
same build in a remote `oxigraph serve` read through the remote store."""
import pytest

from kg.pipeline import Paths, run_build
from kg.remote import RemoteStore
from kg.store import EmbeddedStore, load_queries


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    paths = Paths(build_dir=tmp_path_factory.mktemp("build") / "build")
    result = run_build(paths)
    return paths, result


@pytest.fixture(scope="session")
def store(built) -> EmbeddedStore:
    return EmbeddedStore(built[0])


@pytest.fixture(scope="session")
def examples(built):
    return load_queries(built[0].queries)


def rows(store, examples, name):
    names, found = store.select(examples[name][1])
    return [{k: v.value for k, v in row.items()} for row in found]


@pytest.fixture(scope="session")
def build_dir(built):
    """The build folder, for fixtures that serve it (tests/oxigraph.py)."""
    return built[0].build


@pytest.fixture(scope="session")
def remote(oxigraph):
    """The same build in `oxigraph serve`, read through the remote store."""
    store = RemoteStore(oxigraph.url, timeout=30)
    yield store
    store.close()
