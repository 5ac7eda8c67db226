"""`plankg push`: the build put plan by plan into a real `oxigraph serve` as named graphs; with
the union as its default graph the server answers every example query as the embedded store."""
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graphs import ONTOLOGY_GRAPH, SHARED_GRAPH, VALIDATION_GRAPH, plan_graph
from kg.paths import Paths
from kg.remote import RemoteStore
from tests.oxigraph import start_oxigraph, stop_oxigraph
from tests.queries.test_store_backends import as_table

# data/sources/manifest.yaml: the five plan ids
PLANS = ["huaying-2021", "shapingba-2025", "wanzhou-2022", "yongchuan-2025", "yuzhong-2024"]


@pytest.fixture(scope="module")
def pushed(built, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pushed")
    server = start_oxigraph(folder / "db", folder / "oxigraph.log", union_default_graph=True)
    remote = RemoteStore(server.url, timeout=60)
    try:
        graphs = remote.push_build(built[0])
        yield remote, graphs
    finally:
        remote.close()
        stop_oxigraph(server)


def test_push_puts_each_plan_in_its_own_graph(pushed):
    remote, graphs = pushed
    expected = sorted([plan_graph(p) for p in PLANS] + [SHARED_GRAPH]) + [ONTOLOGY_GRAPH,
                                                                         VALIDATION_GRAPH]
    assert graphs == expected
    names, rows = remote.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert sorted(row["g"].value for row in rows) == sorted(expected)


def test_the_pushed_union_holds_what_the_embedded_store_holds(store, pushed):
    remote, _ = pushed
    assert remote.triple_count() == store.triple_count()


@pytest.mark.parametrize("name", [path.stem for path in sorted(Paths().queries.glob("*.rq"))])
def test_every_example_query_answers_the_same_after_a_push(store, pushed, examples, name):
    remote, _ = pushed
    sparql = examples[name][1]
    assert sorted(as_table(remote, sparql)) == sorted(as_table(store, sparql))


def test_a_plan_graph_reads_the_same_over_both(store, pushed):
    remote, _ = pushed
    graph = plan_graph("yuzhong-2024")
    named = (f"SELECT ?t FROM NAMED <{graph}> WHERE {{ GRAPH ?g {{ ?t a pk:Task }} }} "
             "ORDER BY ?t")
    assert as_table(remote, named) == as_table(store, named) != []
    # the protocol's default-graph-uri (`oxigraph serve --union-default-graph` reads the union
    # in spite of a FROM clause, as pyoxigraph's option does: api/README.md)
    tasks = "SELECT ?t WHERE { ?t a pk:Task } ORDER BY ?t"
    with remote.results(tasks, default_graphs=[graph]) as over_http:
        remote_tasks = [row["t"].value for row in over_http]
    with store.results(tasks, default_graphs=[graph]) as embedded:
        assert remote_tasks == [row["t"].value for row in embedded]
    assert [row[0] for row in as_table(store, named)] == [("t", f"<{t}>") for t in remote_tasks]


def test_push_without_a_build_says_to_build(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.cli_store.Paths", lambda: Paths(build_dir=tmp_path / "none"))
    outcome = CliRunner().invoke(app, ["push", "--endpoint", "http://127.0.0.1:9/query"])
    assert outcome.exit_code == 2
    assert "run `plankg build` first" in outcome.output
