"""/sparql?format=…: a name standing for an Accept header, so a plain link (the web UI's download
links) gets CSV, TSV, JSON or an RDF format, and SPARQLWrapper, which sends format= beside its
Accept header, still gets what it asked for. Facts from shapingba_2025_service_system.txt line
25: task 6, whose responsible units are 区卫生健康委 and 区市场监管局."""
from __future__ import annotations

import csv
import io
import json

import pytest

from tests.api.conftest import TASK

pytestmark = pytest.mark.timeout(60)

UNITS = {"区卫生健康委", "区市场监管局"}  # shapingba_2025_service_system.txt:25, 责任单位
UNIT_NAMES = f"SELECT ?name WHERE {{ <{TASK}> pk:responsibleUnit ?unit . ?unit skos:altLabel ?name }}"
CONSTRUCT_UNITS = f"CONSTRUCT WHERE {{ <{TASK}> pk:responsibleUnit ?unit }}"
UNIT_IRIS = {"https://w3id.org/plankg/id/org/shapingba/health-commission",
             "https://w3id.org/plankg/id/org/shapingba/market-regulation-bureau"}


def get(client, endpoint, query, fmt, accept=None):
    headers = {"Accept": accept} if accept else {}
    return client.get(endpoint, params={"query": query, "format": fmt}, headers=headers)


def unit_iris_in_ntriples(text: str) -> set[str]:
    return {line.split(" ")[2].strip("<>") for line in text.splitlines()}


def test_format_csv_answers_csv(client, endpoint):
    response = get(client, endpoint, UNIT_NAMES, "csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert {row["name"] for row in csv.DictReader(io.StringIO(response.text))} == UNITS


def test_format_tsv_answers_tsv(client, endpoint):
    response = get(client, endpoint, UNIT_NAMES, "tsv")
    assert response.headers["content-type"] == "text/tab-separated-values; charset=utf-8"
    header, *lines = response.text.splitlines()
    assert header == "?name"
    assert set(lines) == {f'"{name}"@zh' for name in UNITS}


def test_format_wins_over_the_accept_header(client, endpoint):
    response = get(client, endpoint, UNIT_NAMES, "JSON", accept="text/csv")
    assert response.headers["content-type"] == "application/sparql-results+json"
    bindings = response.json()["results"]["bindings"]
    assert {b["name"]["value"] for b in bindings} == UNITS


def test_format_names_an_rdf_format_for_construct(client, endpoint):
    response = get(client, endpoint, CONSTRUCT_UNITS, "nt")
    assert response.headers["content-type"] == "application/n-triples"
    assert unit_iris_in_ntriples(response.text) == UNIT_IRIS


def test_format_xml_is_results_xml_for_select_and_rdf_xml_for_construct(client, endpoint):
    select = get(client, endpoint, UNIT_NAMES, "xml")
    assert select.headers["content-type"] == "application/sparql-results+xml"
    assert all(f">{name}</literal>" in select.text for name in UNITS)
    construct = get(client, endpoint, CONSTRUCT_UNITS, "xml")
    assert construct.headers["content-type"] == "application/rdf+xml"
    assert all(f'rdf:resource="{iri}"' in construct.text for iri in UNIT_IRIS)


def test_a_media_type_is_a_format_name_too(client, endpoint):
    response = get(client, endpoint, CONSTRUCT_UNITS, "application/n-triples")
    assert unit_iris_in_ntriples(response.text) == UNIT_IRIS


def test_sparqlwrappers_repeated_and_empty_format_values(client, endpoint):
    """SPARQLWrapper sends format=tsv&format=text/tab-separated-values for TSV, and an empty
    value where its Accept header is a wildcard."""
    params = [("query", UNIT_NAMES), ("format", "tsv"), ("format", "text/tab-separated-values"),
              ("format", "")]
    response = client.get(endpoint, params=params)
    assert response.headers["content-type"] == "text/tab-separated-values; charset=utf-8"
    empty = client.get(endpoint, params=[("query", UNIT_NAMES), ("format", "")],
                       headers={"Accept": "text/csv"})
    assert empty.headers["content-type"] == "text/csv; charset=utf-8"


def test_unknown_format_is_400_naming_the_known_ones(client, endpoint):
    response = get(client, endpoint, UNIT_NAMES, "xlsx")
    assert response.status_code == 400
    reason = json.loads(response.text)["error"]
    assert "xlsx" in reason and "csv" in reason and "jsonld" in reason


def test_a_format_the_query_form_cannot_take_is_406(client, endpoint):
    response = get(client, endpoint, CONSTRUCT_UNITS, "csv")
    assert response.status_code == 406
    assert "text/turtle" in response.json()["offered"]


def test_a_format_value_with_a_slash_reads_as_accept(client, endpoint):
    """SPARQLWrapper's JSON-LD: format=json-ld&format=application/ld+json,application/x-json+ld"""
    params = [("query", CONSTRUCT_UNITS), ("format", "json-ld"),
              ("format", "application/ld+json,application/x-json+ld")]
    response = client.get(endpoint, params=params)
    assert response.headers["content-type"] == "application/ld+json"
    objects = {o["@id"] for node in response.json() for o in node.get(
        "https://w3id.org/plankg/ontology#responsibleUnit", [])}
    assert objects == UNIT_IRIS
