"""The store interface itself: the embedded store and the remote one (`oxigraph serve` holding
the same build, loaded over the Graph Store Protocol) give the same answers to every example
query, and fail the same way."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.paths import Paths
from kg.store import QueryError
from tests.queries.conftest import rows
from tests.queries.test_competency import PKID, tasks_of

TASK = PKID + "task/shapingba-2025/6"  # shapingba_2025_service_system.txt:25


def as_table(store, sparql: str) -> list[tuple]:
    names, found = store.select(sparql)
    return [tuple((name, str(row[name])) for name in names if name in row) for row in found]


def graph(store, sparql: str) -> Graph:
    return Graph().parse(data=store.serialize(sparql, "nt"), format="nt")


def test_the_remote_holds_what_the_embedded_store_holds(store, remote):
    assert remote.triple_count() == store.triple_count() > 9000
    everything = "CONSTRUCT WHERE { ?s ?p ?o }"
    # the ontology's owl:unionOf lists are blank nodes, labelled differently by each store
    assert isomorphic(graph(remote, everything), graph(store, everything))


@pytest.mark.parametrize("name", [path.stem for path in sorted(Paths().queries.glob("*.rq"))])
def test_every_example_query_answers_the_same_over_both(store, remote, examples, name):
    sparql = examples[name][1]
    # the same rows; ORDER BY leaves ties in either order, so the rows are compared as a multiset
    assert sorted(as_table(remote, sparql)) == sorted(as_table(store, sparql))


def test_q1_over_the_remote_store_reads_the_sources(remote, examples):
    found = rows(remote, examples, "01-tasks-by-unit")
    # shapingba:28,29,30,33,38,41 name 区医保局 in their 责任单位 clauses
    assert tasks_of(found, "shapingba-2025") == {"8", "9", "10", "13", "16", "18"}


def test_ask_and_describe_answer_the_same(store, remote):
    ask = f'ASK {{ <{TASK}> pk:responsibleUnit ?u . ?u skos:altLabel "区市场监管局"@zh }}'
    assert remote.select(ask) == store.select(ask) == (
        ["boolean"], [{"boolean": ox.Literal("true")}])
    describe = f"DESCRIBE <{TASK}>"
    assert sorted(as_table(remote, describe)) == sorted(as_table(store, describe))


def test_syntax_errors_read_the_same_over_both(store, remote):
    query = 'SELECT ?x WHERE {\n  ?x ?p "a" .\n  FILTR(?x)\n}'
    with pytest.raises(QueryError) as embedded:
        store.select(query)
    with pytest.raises(QueryError) as over_http:
        remote.select(query)
    assert str(over_http.value) == str(embedded.value)
    assert str(embedded.value).startswith("error at 3:11:")


def test_a_query_may_redeclare_a_project_prefix_over_both(store, remote):
    query = "PREFIX pk: <urn:x:> SELECT (pk:a AS ?a) WHERE {}"
    assert as_table(remote, query) == as_table(store, query) == [(("a", "<urn:x:a>"),)]


def test_dataset_iris_select_store_graphs_only_over_both(store, remote):
    sparql = "SELECT * WHERE { ?s ?p ?o }"
    for backend in (store, remote):
        with backend.results(sparql, default_graphs=["urn:x:no-such-graph"]) as results:
            assert list(results) == []
        with pytest.raises(ValueError):
            with backend.results(sparql, default_graphs=["not an iri"]):
                pass
