"""/sparql as real SPARQL clients see it (SPARQLWrapper, rdflib's SPARQLStore), answering with
facts from shapingba_2025_service_system.txt line 25: task 6 "保障医疗服务质量安全", whose
responsible units are 区卫生健康委 and 区市场监管局."""
from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import (CSV, JSON, JSONLD, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, XML,
                           SPARQLWrapper)

from tests.api.conftest import SOURCE, TASK

pytestmark = pytest.mark.timeout(60)

PK = Namespace("https://w3id.org/plankg/ontology#")
TITLE = "保障医疗服务质量安全"
UNITS = {"区卫生健康委", "区市场监管局"}

LABEL = f"SELECT ?label WHERE {{ <{TASK}> skos:prefLabel ?label }}"
UNIT_NAMES = f"""PREFIX pk: <https://w3id.org/plankg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?unit ?name WHERE {{ <{TASK}> pk:responsibleUnit ?unit . ?unit skos:altLabel ?name }}"""
ASK_UNIT = f'ASK {{ <{TASK}> pk:responsibleUnit ?u . ?u skos:altLabel "区市场监管局"@zh }}'
CONSTRUCT_TASK = f"CONSTRUCT WHERE {{ <{TASK}> ?p ?o }}"


def test_the_expected_facts_are_those_of_the_source_line():
    line = SOURCE.read_text(encoding="utf-8").splitlines()[24]
    assert line.startswith(f"6.{TITLE}。")
    assert line.endswith("（责任单位：区卫生健康委、区市场监管局）")


def wrapper(endpoint: str, query: str, fmt=JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def content_type(result) -> str:
    return result.info()["content-type"].split(";")[0]


# SELECT in each results format

def test_select_json_is_the_default_and_gives_the_task_title(endpoint):
    result = wrapper(endpoint, LABEL, JSON).query()
    assert content_type(result) == "application/sparql-results+json"
    bindings = result.convert()["results"]["bindings"]
    assert bindings == [{"label": {"type": "literal", "value": TITLE, "xml:lang": "zh"}}]


def test_select_xml(endpoint):
    result = wrapper(endpoint, UNIT_NAMES, XML).query()
    assert content_type(result) == "application/sparql-results+xml"
    names = {node.firstChild.data for node in result.convert().getElementsByTagName("literal")}
    assert names == UNITS


def test_select_csv(endpoint):
    result = wrapper(endpoint, UNIT_NAMES, CSV).query()
    assert content_type(result) == "text/csv"
    rows = list(csv.DictReader(io.StringIO(result.convert().decode("utf-8"))))
    assert {row["name"] for row in rows} == UNITS
    assert {row["unit"] for row in rows} == {
        "https://w3id.org/plankg/id/org/shapingba/health-commission",
        "https://w3id.org/plankg/id/org/shapingba/market-regulation-bureau"}


def test_select_tsv_keeps_terms_in_rdf_syntax(endpoint):
    result = wrapper(endpoint, UNIT_NAMES, TSV).query()
    assert content_type(result) == "text/tab-separated-values"
    lines = result.convert().decode("utf-8").splitlines()
    assert lines[0] == "?unit\t?name"
    assert {line.split("\t")[1] for line in lines[1:]} == {f'"{u}"@zh' for u in UNITS}


def test_select_through_rdflib_sparqlstore_get_and_both_posts(endpoint):
    for method in ("GET", "POST", "POST_FORM"):
        graph = Graph(SPARQLStore(endpoint, method=method, returnFormat="json"))
        rows = list(graph.query(UNIT_NAMES))
        assert {str(row.name) for row in rows} == UNITS, method


# ASK

def test_ask_in_json_and_xml(endpoint):
    assert wrapper(endpoint, ASK_UNIT, JSON).queryAndConvert()["boolean"] is True
    document = wrapper(endpoint, ASK_UNIT, XML).queryAndConvert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"


def test_ask_false_in_csv(client, endpoint):
    reply = client.get(endpoint, params={"query": f"ASK {{ <{TASK}> skos:prefLabel \"x\"@zh }}"},
                       headers={"Accept": "text/csv"})
    assert reply.status_code == 200 and reply.text == "false"


# CONSTRUCT / DESCRIBE in each RDF format

def expect_task(graph: Graph) -> None:
    task = URIRef(TASK)
    assert (task, SKOS.prefLabel, Literal(TITLE, lang="zh")) in graph
    assert {str(o).rsplit("/", 1)[1] for o in graph.objects(task, PK.responsibleUnit)} == {
        "health-commission", "market-regulation-bureau"}
    assert (task, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
            URIRef("https://w3id.org/plankg/id/span/shapingba-2025/25-25")) in graph


def test_construct_turtle_is_the_default(endpoint):
    result = wrapper(endpoint, CONSTRUCT_TASK, TURTLE).query()
    assert content_type(result) == "text/turtle"
    expect_task(Graph().parse(data=result.convert(), format="turtle"))


def test_construct_ntriples(endpoint):
    sparql = wrapper(endpoint, CONSTRUCT_TASK, TURTLE)
    sparql.setOnlyConneg(True)
    sparql.addCustomHttpHeader("Accept", "application/n-triples")
    result = sparql.query()
    assert content_type(result) == "application/n-triples"
    expect_task(Graph().parse(data=result.response.read(), format="nt"))


def test_construct_json_ld(endpoint):
    result = wrapper(endpoint, CONSTRUCT_TASK, JSONLD).query()
    assert content_type(result) == "application/ld+json"
    expect_task(result.convert())


def test_describe_rdf_xml(endpoint):
    result = wrapper(endpoint, f"DESCRIBE <{TASK}>", RDFXML).query()
    assert content_type(result) == "application/rdf+xml"
    expect_task(result.convert())


def test_construct_through_rdflib_sparqlstore(endpoint):
    graph = Graph(SPARQLStore(endpoint))  # asks for application/rdf+xml first
    expect_task(graph.query(CONSTRUCT_TASK).graph)


# POST both ways

@pytest.mark.parametrize("request_method", ["urlencoded", POSTDIRECTLY])
def test_post_form_and_direct(endpoint, request_method):
    sparql = wrapper(endpoint, UNIT_NAMES, JSON)
    sparql.setMethod(POST)
    sparql.setRequestMethod(request_method)
    bindings = sparql.queryAndConvert()["results"]["bindings"]
    assert {b["name"]["value"] for b in bindings} == UNITS


def test_project_prefixes_need_not_be_declared(client, endpoint):
    reply = client.post(endpoint, content=f"SELECT ?n WHERE {{ <{TASK}> pk:number ?n }}",
                        headers={"Content-Type": "application/sparql-query"})
    assert reply.json()["results"]["bindings"][0]["n"]["value"] == "6"


# the protocol's edges

def test_syntax_error_is_400_with_the_parsers_position(client, endpoint):
    query = 'SELECT ?x WHERE {\n  ?x ?p "a" .\n  FILTR(?x)\n}'
    reply = client.get(endpoint, params={"query": query})
    assert reply.status_code == 400
    body = reply.json()
    assert (body["line"], body["column"]) == (3, 11)
    assert body["error"].startswith("SPARQL syntax error at 3:11:")
    with pytest.raises(SyntaxError, match="error at 3:11"):  # what pyoxigraph itself says
        ox.Store().query(query)


def test_syntax_error_reaches_sparqlwrapper_as_query_bad_formed(endpoint):
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    with pytest.raises(QueryBadFormed, match="column"):
        wrapper(endpoint, "SELECT ?x WHERE { ?x ?p }").query()


def test_unacceptable_media_type_is_406_before_running(client, endpoint):
    reply = client.get(endpoint, params={"query": LABEL}, headers={"Accept": "text/turtle"})
    assert reply.status_code == 406
    assert "application/sparql-results+json" in reply.json()["offered"]


def test_q_values_choose_the_format(client, endpoint):
    reply = client.get(endpoint, params={"query": LABEL}, headers={
        "Accept": "application/sparql-results+json;q=0.5, text/csv"})
    assert reply.headers["content-type"].startswith("text/csv")


@pytest.mark.parametrize("params, status", [({}, 400), ({"query": [LABEL, LABEL]}, 400)])
def test_missing_or_repeated_query_is_400(client, endpoint, params, status):
    assert client.get(endpoint, params=params).status_code == status


def test_other_post_bodies_are_415(client, endpoint):
    reply = client.post(endpoint, content=json.dumps({"query": LABEL}),
                        headers={"Content-Type": "application/json"})
    assert reply.status_code == 415


def test_oversized_body_is_413(client, endpoint):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_000_001
    reply = client.post(endpoint, content=big, headers={"Content-Type": "application/sparql-query"})
    assert reply.status_code == 413


def test_cors_allows_any_origin_to_get(client, endpoint):
    reply = client.get(endpoint, params={"query": "ASK {}"},
                       headers={"Origin": "https://a.example"})
    assert reply.headers["access-control-allow-origin"] == "*"
    assert "X-PlanKG-Truncated" in reply.headers["access-control-expose-headers"]
    preflight = client.options(endpoint, headers={"Origin": "https://a.example",
                                                  "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-methods"] == "GET"
