"""The store engine (kg.validate.core) gives the results pySHACL gives: on every planted defect of
tests/validate/test_shapes.py, and on a small graph whose shapes use the SHACL Core components
ontology/shapes.ttl does not (yet) use."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.validate.check import check, core_results
from kg.validate.core import core_violations
from kg.validate.literals import XSD, compare, well_formed
from kg.validate.program import Unsupported, compile_shapes
from kg.validate.shapes import split_shapes
from tests.validate.test_shapes import CASES, plant


def keys(results) -> set[tuple]:
    return {(r.severity, r.focus, r.source_shape, r.component, r.path, r.value) for r in results}


@pytest.fixture(scope="module")
def planted_nt(built_nt):
    paths, nt = built_nt
    return paths, plant(nt, CASES)


def test_engines_agree_on_every_planted_defect(planted_nt):
    paths, data = planted_nt
    store = check(data, paths.shapes, paths.ontology, engine="store")
    reference = check(data, paths.shapes, paths.ontology, engine="pyshacl")
    assert keys(store) == keys(reference)
    # every planted core defect is among them (the SPARQL ones come from the same code)
    core = {c[3] for c in CASES if not c[3].endswith("Shape") or c[3] in
            ("BaselineSubjectShape", "OrganizationClassificationShape", "PolicyShape",
             "ProvenanceShape")}
    found = {str(r.shape).rsplit("#", 1)[-1] for r in store} | \
        {str(r.source_shape).rsplit("#", 1)[-1] for r in store}
    assert core <= found


def test_messages_are_the_shapes_own(planted_nt):
    """A property shape's message is its own; an unnamed property shape's is its node shape's
    (pksh:ProvenanceShape: "Every extracted node has prov:wasDerivedFrom …")."""
    paths, data = planted_nt
    results = check(data, paths.shapes, paths.ontology, engine="store")
    by_shape = {str(r.source_shape).rsplit("#", 1)[-1]: r.message for r in results}
    by_shape.update({str(r.shape).rsplit("#", 1)[-1]: r.message for r in results
                     if r.shape != r.source_shape})
    assert by_shape["Task-text"] == ("A task has exactly one pk:text, in Chinese (@zh).",
                                     "任务应有且仅有一段中文（@zh）正文。")
    assert by_shape["ProvenanceShape"][0].startswith("Every extracted node has prov:wasDerivedFrom")


EX = "http://example.org/"
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:Person a sh:NodeShape ; sh:targetClass ex:Person ;
  sh:property [ sh:path ex:code ; sh:pattern "^p-[0-9]+$" ; sh:maxLength 6 ] ,
    [ sh:path ex:age ; sh:maxInclusive 150 ; sh:minExclusive 0 ; sh:datatype xsd:integer ] ,
    [ sh:path ex:start ; sh:lessThan ex:end ] ,
    [ sh:path ex:name ; sh:equals ex:label ; sh:disjoint ex:nickname ] ,
    [ sh:path ex:role ; sh:hasValue ex:member ] ,
    [ sh:path ex:friend ; sh:qualifiedValueShape ex:Adult ; sh:qualifiedMaxCount 1 ] ,
    [ sh:path [ sh:inversePath ex:owner ] ; sh:maxCount 1 ; sh:class ex:Pet ] ,
    [ sh:path ex:friend ; sh:property [ sh:path ex:code ; sh:minCount 1 ] ] ,
    [ sh:path ex:old ; sh:minCount 1 ; sh:deactivated true ] ;
  sh:not [ sh:class ex:Robot ] .
ex:Adult a sh:NodeShape ; sh:and ( [ sh:path ex:age ; sh:minInclusive 18 ] [ sh:class ex:Person ] ) .
"""
DATA = """
@prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a a ex:Person ; ex:code "p-1" ; ex:age 40 ; ex:start 1 ; ex:end 2 ; ex:name "A" ; ex:label "A" ;
  ex:role ex:member ; ex:friend ex:b .
ex:b a ex:Person, ex:Robot ; ex:code "q-12345678" ; ex:age 200, "old" ; ex:start 3 ; ex:end 3 ;
  ex:name "B" ; ex:label "Bee" ; ex:nickname "B" ; ex:friend ex:a, ex:c, ex:e ; ex:role ex:guest .
ex:c a ex:Person ; ex:age 30, "0"^^xsd:integer, "x"^^xsd:integer ; ex:role ex:member .
ex:e a ex:Person ; ex:age 50 ; ex:role ex:member .
ex:dog a ex:Pet ; ex:owner ex:a . ex:cat ex:owner ex:a .
"""


def test_engines_agree_on_the_other_core_components():
    shapes = split_shapes(Graph().parse(data=SHAPES, format="turtle"))
    program = compile_shapes(shapes.core)
    data = Graph().parse(data=DATA, format="turtle")
    store = ox.Store()
    store.bulk_load(data.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)
    ours = core_violations(store, program, None)
    theirs = core_results(data, shapes, None)

    def raw_keys(raw):
        return {(r["focus"], r["source_shape"], r["component"], r["path"], r["value"]) for r in raw}

    assert raw_keys(ours) == raw_keys(theirs)
    components = {str(r["component"]).rsplit("#", 1)[-1] for r in ours}
    # each constraint above fails at least once (ex:b breaks most; ex:cat is no Pet) …
    assert components >= {"PatternConstraintComponent", "MaxLengthConstraintComponent",
                          "MaxInclusiveConstraintComponent", "MinExclusiveConstraintComponent",
                          "DatatypeConstraintComponent", "LessThanConstraintComponent",
                          "EqualsConstraintComponent", "DisjointConstraintComponent",
                          "HasValueConstraintComponent", "QualifiedMaxCountConstraintComponent",
                          "MaxCountConstraintComponent", "ClassConstraintComponent",
                          "NotConstraintComponent", "MinCountConstraintComponent"}
    # … the friends' own property shape is checked on each friend (ex:c and ex:e have no code) …
    assert {r["focus"] for r in ours if r["component"] == SH.MinCountConstraintComponent} == {
        URIRef(EX + "c"), URIRef(EX + "e")}
    # … and the deactivated one never fails, though nothing has ex:old
    # ex:a fails only through the two things that name it ex:owner
    assert {(r["component"], r["value"]) for r in ours if r["focus"] == URIRef(EX + "a")} == {
        (SH.MaxCountConstraintComponent, None), (SH.ClassConstraintComponent, URIRef(EX + "cat"))}


def test_a_shapes_graph_the_engine_cannot_run_goes_to_pyshacl():
    closed = SHAPES.replace("sh:targetClass ex:Person ;", "sh:targetClass ex:Person ; sh:closed true ;")
    with pytest.raises(Unsupported, match="closed"):
        compile_shapes(split_shapes(Graph().parse(data=closed, format="turtle")).core)


@pytest.mark.parametrize("lexical, datatype, valid", [
    ("2027", "gYear", True), ("2027年", "gYear", False), ("12.5", "decimal", True),
    ("1e3", "decimal", False), ("-3", "integer", True), ("二", "integer", False),
    ("2022-02-29", "date", False), ("2024-02-29", "date", True), ("1e3", "double", True)])
def test_lexical_forms(lexical, datatype, valid):
    assert well_formed(lexical, XSD + datatype) is valid


def test_numbers_compare_by_value_strings_by_text_and_not_with_each_other():
    def lit(value):
        literal = Literal(value)
        return ox.Literal(str(literal), datatype=ox.NamedNode(str(literal.datatype)))

    assert compare(lit(2), lit(10)) == -1
    assert compare(lit(2.50), ox.Literal("2.5", datatype=ox.NamedNode(XSD + "decimal"))) == 0
    assert compare(ox.Literal("b"), ox.Literal("a")) == 1
    assert compare(ox.Literal("1"), lit(1)) is None
