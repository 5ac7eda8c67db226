"""The endpoint is read-only: every way of sending SPARQL Update is refused with a reason, and
the store keeps exactly the triples it had."""
from __future__ import annotations

import urllib.error

import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import JSON, POST, SPARQLWrapper

pytestmark = pytest.mark.timeout(60)

INSERT = "INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }"
UPDATES = [INSERT, "DELETE WHERE { ?s ?p ?o }", "CLEAR DEFAULT", "DROP ALL",
           "LOAD <http://127.0.0.1:9/data.ttl>", "CREATE GRAPH <urn:x:g>",
           "PREFIX pk: <https://w3id.org/plankg/ontology#>\nDELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
           "WITH <urn:x:g> INSERT { <urn:x:s> <urn:x:p> 1 } WHERE {}"]


def triples(endpoint: str) -> int:
    return len(Graph(SPARQLStore(endpoint)))  # SELECT (COUNT(*) …) through a real client


@pytest.fixture
def unchanged(endpoint):
    before = triples(endpoint)
    assert before > 9000
    yield
    assert triples(endpoint) == before


@pytest.mark.parametrize("update", UPDATES)
def test_update_in_query_parameter_is_400(client, endpoint, unchanged, update):
    reply = client.get(endpoint, params={"query": update})
    assert reply.status_code == 400
    assert "read-only" in reply.json()["error"]


def test_update_parameter_is_403(client, endpoint, unchanged):
    for send in (lambda: client.get(endpoint, params={"update": INSERT}),
                 lambda: client.post(endpoint, data={"update": INSERT})):
        reply = send()
        assert reply.status_code == 403
        assert "read-only" in reply.json()["error"]


def test_sparql_update_body_is_403(client, endpoint, unchanged):
    reply = client.post(endpoint, content=INSERT,
                        headers={"Content-Type": "application/sparql-update"})
    assert reply.status_code == 403


def test_sparqlwrapper_update_is_refused(endpoint, unchanged):
    sparql = SPARQLWrapper(endpoint)
    sparql.setMethod(POST)
    sparql.setReturnFormat(JSON)
    sparql.setQuery(INSERT)  # sent as update=…
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403


def test_rdflib_update_store_is_refused(endpoint, unchanged):
    store = SPARQLUpdateStore(query_endpoint=endpoint, update_endpoint=endpoint)
    with pytest.raises(urllib.error.HTTPError) as refused:
        store.update(INSERT)  # sent as an application/sparql-update body
    assert refused.value.code == 403


def test_inserted_triple_is_absent(client, endpoint):
    client.post(endpoint, data={"update": INSERT})
    reply = client.get(endpoint, params={"query": "ASK { <urn:x:s> ?p ?o }"})
    assert reply.json()["boolean"] is False
