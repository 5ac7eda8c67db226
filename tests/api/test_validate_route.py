"""POST /api/validate against a live server: a graph in the body, the SHACL report back."""
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from tests.builds import ntriples

PREFIXES = """@prefix pk: <https://w3id.org/plankg/ontology#> .
@base <https://w3id.org/plankg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
# A colleague's hand-written plan: one task whose lead unit is not also stated as responsible
GRAPH = PREFIXES + """
<plan/test> a pk:Plan ; dcterms:title "测试规划"@zh ; pk:jurisdiction <jurisdiction/yongchuan> .
<jurisdiction/yongchuan> a pk:Jurisdiction ; skos:prefLabel "永川区"@zh .
<task/test/1> a pk:Task ; pk:inPlan <plan/test> ; pk:number 1 ; pk:kind "task" ;
    skos:prefLabel "测试任务"@zh ; pk:text "测试任务。"@zh ;
    pk:leadUnit <org/yongchuan/health-commission> ; prov:wasDerivedFrom <span/test/1-1> .
<span/test/1-1> a pk:SourceSpan ; pk:sourceFile "test.txt" ; pk:startLine 1 ; pk:endLine 1 .
<org/yongchuan/health-commission> a pk:GovernmentDepartment ;
    skos:prefLabel "永川区卫生健康委员会"@zh ; pk:jurisdiction <jurisdiction/yongchuan> ;
    org:classification <kind/health-commission> .
<kind/health-commission> a skos:Concept .
"""
TASK = "https://w3id.org/plankg/id/task/test/1"
FIXED = GRAPH + "<task/test/1> pk:responsibleUnit <org/yongchuan/health-commission> .\n"


def post(api, body, content_type="text/turtle", **headers):
    return api.post("/api/validate", content=body.encode("utf-8"),
                    headers={"Content-Type": content_type, **headers})


def test_a_graph_breaking_a_rule_gets_the_result_on_its_node(api):
    answer = post(api, GRAPH)
    assert answer.status_code == 200
    report = answer.json()
    assert report["conforms"] is False
    [violation] = [r for r in report["results"] if r["severity"] == "Violation"]
    assert violation["focus"]["value"] == TASK
    assert violation["shape"].endswith("#LeadUnitResponsibleShape")
    assert violation["sources"] == [{"file": "test.txt", "start_line": 1, "end_line": 1}]


def test_the_mended_graph_conforms(api):
    assert post(api, FIXED).json()["counts"]["Violation"] == 0


def test_the_report_in_turtle_when_asked(api):
    answer = post(api, GRAPH, Accept="text/turtle")
    assert answer.headers["content-type"].startswith("text/turtle")
    report = Graph().parse(data=answer.text, format="turtle")
    node = next(report.subjects(SH.conforms, None))
    assert report.value(node, SH.conforms) == Literal(False)
    assert URIRef(TASK) in set(report.objects(None, SH.focusNode))


def test_json_ld_is_read_as_well(api):
    as_json_ld = Graph().parse(data=GRAPH, format="turtle").serialize(format="json-ld")
    report = post(api, as_json_ld, "application/ld+json").json()
    assert report["counts"]["Violation"] == 1


def test_a_malformed_graph_is_400_with_the_position(api):
    answer = post(api, PREFIXES + '<task/x> pk:text "unterminated .\n')  # line 7
    assert answer.status_code == 400
    body = answer.json()
    assert body["line"] == 7 and body["column"] and "could not be read" in body["error"]


def test_not_rdf_is_415(api):
    assert post(api, "hello", "text/plain").status_code == 415


def test_a_body_over_the_limit_is_413(api, build_dir):
    # the whole built graph is larger than the server's PLANKG_MAX_BODY_BYTES (1 MB by default)
    nt = ntriples(build_dir)
    assert len(nt.encode("utf-8")) > 1_000_000
    answer = post(api, nt, "application/n-triples")
    assert answer.status_code == 413 and "larger than" in answer.json()["error"]
