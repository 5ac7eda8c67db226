"""/id/{path} and /ontology against the live server: one IRI, several representations chosen by
Accept (HTML page, Turtle, JSON-LD, N-Triples), read back with rdflib; unknown resources 404."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF, SKOS

PK = Namespace("https://w3id.org/plankg/ontology#")
PKID = Namespace("https://w3id.org/plankg/id/")
TASK = PKID["task/shapingba-2025/6"]          # shapingba_2025_service_system.txt:25
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_browser_gets_the_page(api):
    response = api.get("/id/task/shapingba-2025/6", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Accept" in response.headers["vary"]
    page = response.text
    # the title as printed at shapingba_2025_service_system.txt:25, and its units, linked locally
    assert "<h1>保障医疗服务质量安全" in page
    assert 'href="/id/org/shapingba/market-regulation-bureau"' in page
    assert 'href="/id/plan/shapingba-2025"' in page
    assert 'href="/ontology#responsibleUnit"' in page
    # the excerpt with its line number
    assert '<ol start="25">' in page and "（责任单位：区卫生健康委、区市场监管局）" in page


def test_page_lists_inbound_links(api):
    page = api.get("/id/org/shapingba/market-regulation-bureau", headers={"Accept": "text/html"})
    assert page.status_code == 200
    # tasks 6 and 16 name it (shapingba_2025_service_system.txt:25, :38)
    inbound = page.text.split("Inbound links", 1)[1]
    assert 'href="/id/task/shapingba-2025/6"' in inbound
    assert 'href="/id/task/shapingba-2025/16"' in inbound
    assert "沙坪坝区市场监督管理局" in page.text and "区市场监管局" in page.text


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"),
                                        ("application/ld+json", "json-ld"),
                                        ("application/n-triples", "nt"),
                                        ("*/*", "turtle"), (None, "turtle")])
def test_rdf_clients_get_the_triples(api, accept, fmt):
    headers = {"Accept": accept} if accept else {}
    response = api.get("/id/task/shapingba-2025/6", headers=headers)
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format=fmt)
    assert (TASK, PK.responsibleUnit, PKID["org/shapingba/market-regulation-bureau"]) in graph
    assert (TASK, SKOS.prefLabel, Literal("保障医疗服务质量安全", lang="zh")) in graph
    assert (TASK, PK.inPlan, PKID["plan/shapingba-2025"]) in graph


def test_rdf_of_an_organization_carries_the_statements_pointing_at_it(api):
    response = api.get("/id/org/shapingba/market-regulation-bureau",
                       headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.content, format="turtle")
    # shapingba_2025_service_system.txt:25 names it for task 6
    assert (TASK, PK.responsibleUnit, PKID["org/shapingba/market-regulation-bureau"]) in graph


def test_unknown_resource_is_404_in_every_representation(api):
    for accept in ("text/html", "text/turtle", "application/ld+json"):
        response = api.get("/id/task/shapingba-2025/99", headers={"Accept": accept})
        assert response.status_code == 404
    assert api.get("/id/Not A Path", headers={"Accept": "text/turtle"}).status_code == 404


def test_unacceptable_type_is_406(api):
    response = api.get("/id/task/shapingba-2025/6", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "text/turtle" in response.json()["offered"]


def test_ontology_as_turtle_json_ld_and_page(api):
    turtle = Graph().parse(data=api.get("/ontology", headers={"Accept": "text/turtle"}).content,
                           format="turtle")
    assert (PK.Task, RDF.type, OWL.Class) in turtle
    json_ld = Graph().parse(data=api.get("/ontology",
                                         headers={"Accept": "application/ld+json"}).content,
                            format="json-ld")
    assert len(json_ld) == len(turtle)
    page = api.get("/ontology", headers={"Accept": BROWSER})
    assert page.headers["content-type"].startswith("text/html")
    assert 'id="Task"' in page.text and 'id="leadUnit"' in page.text and "任务" in page.text
