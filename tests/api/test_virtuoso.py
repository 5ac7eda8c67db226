"""The API served from a live Virtuoso by configuration only (PLANKG_STORE=remote,
PLANKG_ENDPOINT=its /sparql; tests/virtuoso.py holds the build there): REST routes and /sparql
answer as the API over the embedded store does."""
from __future__ import annotations

from collections import Counter

import httpx
import pytest

from tests.api.conftest import start_server, stop_server
from tests.api.test_no_outbound import assert_never_contacted, listener  # noqa: F401

pytestmark = pytest.mark.timeout(120)

# REST routes whose JSON is read off SPARQL answers, one of each kind (tests/api/test_rest_*.py)
ROUTES = [
    "/api/plans",
    "/api/plans/yongchuan-2025",
    "/api/plans/shapingba-2025/groups",
    "/api/plans/shapingba-2025/tasks",
    "/api/tasks/yongchuan-2025/16",
    "/api/organizations/shapingba/market-regulation-bureau",
    "/api/indicators",
    "/api/targets?due_by=2025",
    "/api/organizations",
    "/api/plans/yongchuan-2025/tasks?unit=区医保局&lead=true",  # yongchuan:322-325
    "/api/stats",
]
# /sparql queries of each form: a SELECT of the validation report (its IRIs are those Virtuoso's
# Turtle reader would misread: tests/virtuoso.py), an aggregate, ASK, DESCRIBE
TASK = "https://w3id.org/plankg/id/task/shapingba-2025/6"  # shapingba_2025_service_system.txt:25
SELECTS = [
    "SELECT ?node ?message WHERE { ?r sh:focusNode ?node ; sh:resultMessage ?message }",
    "SELECT ?kind (COUNT(?o) AS ?n) WHERE { ?o a ?kind } GROUP BY ?kind",
    f'SELECT ?p ?o WHERE {{ <{TASK}> ?p ?o FILTER (!isBlank(?o)) }}',
]
SHACL = "PREFIX sh: <http://www.w3.org/ns/shacl#>\n"


@pytest.fixture(scope="module")
def over_virtuoso(virtuoso, build_dir, tmp_path_factory):
    server = start_server(build_dir, tmp_path_factory.mktemp("over-virtuoso") / "server.log",
                          store="remote", endpoint=virtuoso.url)
    yield server.url.removesuffix("/sparql")
    stop_server(server)


@pytest.fixture(scope="module")
def both(over_virtuoso, base_url):
    with httpx.Client(timeout=30) as client:
        yield lambda path, **options: (client.get(base_url + path, **options),
                                       client.get(over_virtuoso + path, **options))


@pytest.mark.parametrize("route", ROUTES)
def test_a_rest_route_answers_the_same_over_virtuoso(both, route):
    embedded, virtuoso = both(route)
    assert embedded.status_code == virtuoso.status_code == 200
    assert virtuoso.json() == embedded.json() != []


def test_search_over_virtuoso_finds_the_same_tasks(both):
    """Over a remote store the API has no search index of the build (the server's graph is the
    remote's): /api/search scans the task texts in SPARQL, unranked, and finds the same tasks as
    the index does (shapingba_2025_service_system.txt:29 prints 家医服务站)."""
    embedded, virtuoso = both("/api/search?q=家医服务站")
    assert embedded.status_code == virtuoso.status_code == 200
    found = {hit["iri"] for hit in virtuoso.json()}
    assert found == {hit["iri"] for hit in embedded.json()} != set()


def rows(reply: httpx.Response) -> Counter:
    answer = reply.json()
    return Counter(tuple(sorted((name, tuple(sorted(term.items())))
                                for name, term in row.items()))
                   for row in answer["results"]["bindings"])


@pytest.mark.parametrize("query", SELECTS)
def test_sparql_selects_answer_the_same_rows_over_virtuoso(both, query):
    embedded, virtuoso = both("/sparql", params={"query": SHACL + query},
                              headers={"Accept": "application/sparql-results+json"})
    assert embedded.status_code == virtuoso.status_code == 200
    assert rows(virtuoso) == rows(embedded) and rows(embedded)


def test_ask_and_describe_answer_the_same_over_virtuoso(both):
    ask = f'ASK {{ <{TASK}> pk:responsibleUnit ?u . ?u skos:altLabel "区市场监管局"@zh }}'
    embedded, virtuoso = both("/sparql", params={"query": ask},
                              headers={"Accept": "application/sparql-results+json"})
    assert virtuoso.json() == embedded.json() == {"head": {}, "boolean": True}
    embedded, virtuoso = both("/sparql", params={"query": f"DESCRIBE <{TASK}>"},
                              headers={"Accept": "application/n-triples"})
    assert embedded.status_code == virtuoso.status_code == 200
    lines = sorted(line for line in embedded.text.splitlines() if "_:" not in line)
    assert sorted(line for line in virtuoso.text.splitlines() if "_:" not in line) == lines
    assert lines


def test_virtuoso_itself_fetches_nothing_a_dataset_names(virtuoso, listener):
    """Asked directly, past the API's guard: FROM / FROM NAMED and the protocol's dataset IRIs
    select graphs of the store only, and the sponger (a `define get:soft` pragma, which the
    API's parser would refuse anyway) is not the anonymous user's to run."""
    sock, remote = listener
    with httpx.Client(timeout=30) as client:
        for query, params in [
            (f"SELECT * FROM <{remote}> WHERE {{ ?s ?p ?o }}", {}),
            (f"SELECT * FROM NAMED <{remote}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
            ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": remote}),
            ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": remote}),
        ]:
            reply = client.post(virtuoso.url, data={"query": query, **params},
                                headers={"Accept": "application/sparql-results+json"})
            assert reply.status_code == 200, query
            assert reply.json()["results"]["bindings"] == []
        sponge = f'define get:soft "soft" SELECT * FROM <{remote}> WHERE {{ ?s ?p ?o }}'
        reply = client.post(virtuoso.url, data={"query": sponge})
        assert reply.status_code == 500
        assert "No permission to execute procedure DB.DBA.RDF_SPONGE_UP" in reply.text
    assert_never_contacted(sock)


def test_virtuoso_refuses_writes_to_the_anonymous_user(virtuoso):
    """Unlike oxigraph's, Virtuoso's own endpoints are read-only without credentials: an update
    sent as a query, and a Graph Store PUT (the -auth endpoint asks for credentials)."""
    insert = 'INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> "o" } }'
    triple = b'<urn:x:s> <urn:x:p> "o" .\n'
    crud = virtuoso.url.removesuffix("/sparql") + "/sparql-graph-crud"
    with httpx.Client(timeout=30) as client:
        def count() -> str:
            reply = client.post(virtuoso.url, headers={"Accept": "application/sparql-results+json"},
                                data={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
            return reply.json()["results"]["bindings"][0]["n"]["value"]

        before = count()
        reply = client.post(virtuoso.url, data={"query": insert})
        assert reply.status_code == 500 and "No permission to execute procedure" in reply.text
        put = {"params": {"graph": "urn:x:g"}, "content": triple,
               "headers": {"Content-Type": "application/n-triples"}}
        assert client.put(crud, **put).status_code == 403
        assert client.put(crud + "-auth", **put).status_code == 401
        assert count() == before
