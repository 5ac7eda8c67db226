"""Content negotiation: defaults, q-values, wildcards, aliases, and refusal."""
import pytest

from api.negotiation import Kind, NotAcceptable, choose, parse_accept


def name(accept, kind):
    chosen = choose(accept, kind)
    return chosen and chosen.name


def test_parse_accept_reads_q_and_drops_other_parameters():
    assert parse_accept("text/turtle;charset=utf-8;q=0.9, */*;q=0.1,, bad;q=x") == [
        ("text/turtle", 0.9), ("*/*", 0.1), ("bad", 0.0)]


@pytest.mark.parametrize("accept", [None, "", "*/*"])
def test_defaults(accept):
    assert name(accept, Kind.RESULTS) == "application/sparql-results+json"
    assert name(accept, Kind.GRAPH) == "text/turtle"


@pytest.mark.parametrize("accept, kind, expected", [
    ("text/csv", Kind.RESULTS, "text/csv"),
    ("text/*", Kind.RESULTS, "text/csv"),
    ("application/sparql-results+xml;q=0.4, text/tab-separated-values;q=0.5", Kind.RESULTS,
     "text/tab-separated-values"),
    ("application/json", Kind.RESULTS, "application/sparql-results+json"),
    ("application/ld+json,application/x-json+ld", Kind.GRAPH, "application/ld+json"),
    ("application/turtle,text/turtle", Kind.GRAPH, "text/turtle"),
    ("application/rdf+xml, application/sparql-results+xml", Kind.GRAPH, "application/rdf+xml"),
    ("application/rdf+xml, application/sparql-results+xml", Kind.RESULTS,
     "application/sparql-results+xml"),
    ("application/n-triples, */*;q=0.1", Kind.GRAPH, "application/n-triples"),
    ("text/*;q=0, */*", Kind.RESULTS, "application/sparql-results+json"),
])
def test_choice(accept, kind, expected):
    assert name(accept, kind) == expected


def test_nothing_acceptable():
    assert choose("text/html", Kind.RESULTS) is None
    refusal = NotAcceptable("text/turtle", Kind.RESULTS)
    assert "text/csv" in refusal.offered and "text/turtle" not in refusal.offered
