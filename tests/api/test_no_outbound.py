"""No outbound connections: SERVICE is refused before execution, and FROM / FROM NAMED /
default-graph-uri only ever name graphs already in the store. A listener on 127.0.0.1 stands
in for a remote endpoint; its accept() must time out."""
from __future__ import annotations

import socket

import pytest

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def listener():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.settimeout(1.5)
        yield sock, f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"


def assert_never_contacted(sock: socket.socket) -> None:
    with pytest.raises(TimeoutError):
        sock.accept()


def test_service_is_refused_and_nothing_connects(client, endpoint, listener):
    sock, remote = listener
    variants = [
        f"SELECT * WHERE {{ SERVICE <{remote}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{remote}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{remote}> {{ ?s ?q ?r }} }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{remote}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ BIND(<{remote}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"CONSTRUCT WHERE {{ #comment\nSERVICE<{remote}>{{?s ?p ?o}} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{remote}> {{ ?s ?p ?o }} }}",
    ]
    for query in variants:
        reply = client.get(endpoint, params={"query": query})
        assert reply.status_code == 400, query
        assert "SERVICE" in reply.json()["error"]
    assert_never_contacted(sock)


def test_from_remote_iris_load_nothing(client, endpoint, listener):
    sock, remote = listener
    for query, params in [
        (f"SELECT * FROM <{remote}> WHERE {{ ?s ?p ?o }}", {}),
        (f"SELECT * FROM NAMED <{remote}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
        ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": remote}),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": remote}),
    ]:
        reply = client.get(endpoint, params={"query": query, **params})
        assert reply.status_code == 200, query
        assert reply.json()["results"]["bindings"] == []
    assert_never_contacted(sock)


def test_words_that_only_look_like_service_are_fine(client, endpoint):
    query = ('SELECT ?service WHERE { BIND("SERVICE" AS ?service) '
             '?x <https://example.org/SERVICE> ?y } # SERVICE')
    assert client.get(endpoint, params={"query": query}).status_code == 200
