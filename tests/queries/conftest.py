"""The shared build of the five plans (tests/conftest.py), its embedded store, and the
same build in a remote `oxigraph serve` read through the remote store."""
import pytest

from bench.corpora import QUERIED_PLAN, bind_plan
from kg.remote import RemoteStore
from kg.store import EmbeddedStore, load_queries


@pytest.fixture(scope="session")
def store(built) -> EmbeddedStore:
    return EmbeddedStore(built[0])


@pytest.fixture(scope="session")
def examples(built):
    return load_queries(built[0].queries)


def rows(store, examples, name, plan: str | None = None):
    """An example query's rows as text; `plan` (an id) asks a one-plan query of that plan."""
    sparql = examples[name][1]
    if plan is not None:
        assert f"plan/{QUERIED_PLAN}>" in sparql, f"{name} asks about no one plan"
        sparql = bind_plan(sparql, plan)
    names, found = store.select(sparql)
    return [{k: v.value for k, v in row.items()} for row in found]


@pytest.fixture(scope="session")
def remote(oxigraph):
    """The same build in `oxigraph serve`, read through the remote store."""
    store = RemoteStore(oxigraph.url, timeout=30)
    yield store
    store.close()
