"""The Turtle ontology declares the whole contract (design/ontology.md), and every PK.<name> in code.

The contract lists below are copied by hand from ontology.md on purpose: a term dropped from the
ontology must fail here, not silently shrink the list.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from kg import vocab  # vocab.XSD: pytest probes module globals, and the closed XSD namespace warns
from kg.vocab import DCTERMS, ORG, OWL, PK, PROV, RDF, RDFS, SKOS
from tests.conftest import ROOT

ONTOLOGY_FILE = ROOT / "ontology" / "plankg.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/plankg/ontology")
CODE_DIRS = ("kg", "api", "viz")

CONTRACT_CLASSES = [
    "Plan", "PolicyDocument", "TaskGroup", "Task", "GovernmentDepartment", "Institution",
    "OrganizationGroup", "Indicator", "Target", "Baseline", "Jurisdiction", "SourceSpan",
]
CONTRACT_OBJECT_PROPERTIES = [
    "jurisdiction", "within", "cites", "inPlan", "inGroup", "subTaskOf", "responsibleUnit",
    "leadUnit", "mentions", "indicator", "bindingness", "subject", "hasTarget",
]
CONTRACT_DATATYPE_PROPERTIES = [
    "number", "text", "unit", "targetYear", "year", "comparator", "value", "minValue",
    "maxValue", "valueText", "sourceFile", "startLine", "endLine",
]
BINDINGNESS = {"Binding": ("约束性", "binding"), "Expected": ("预期性", "expected"),
               "Guiding": ("指导性", "guiding")}

# Declared beyond the contract for the build (see the "Extension." comments in the ontology).
EXTENSION_CLASSES = ["Bindingness", "GlossaryTerm"]
EXTENSION_OBJECT_PROPERTIES = ["definedIn", "aboutTask", "category", "parentGroup"]
EXTENSION_DATATYPE_PROPERTIES = ["qualifier", "valueUnit", "kind", "level", "provisional",
                                 "issuerName", "deadline", "deadlineYear",
                                 "extractionWarning", "startLocation", "endLocation",
                                 "resolution", "divisionCode", "scope"]

CLASSES = CONTRACT_CLASSES + EXTENSION_CLASSES
OBJECT_PROPERTIES = CONTRACT_OBJECT_PROPERTIES + EXTENSION_OBJECT_PROPERTIES
DATATYPE_PROPERTIES = CONTRACT_DATATYPE_PROPERTIES + EXTENSION_DATATYPE_PROPERTIES
PROPERTIES = OBJECT_PROPERTIES + DATATYPE_PROPERTIES
ALL_TERMS = CLASSES + PROPERTIES + list(BINDINGNESS)

# PK.Task and PK["Task"] as code writes them.
PK_ATTRIBUTE = re.compile(r"\bPK\.([A-Za-z_][A-Za-z0-9_]*)")
PK_ITEM = re.compile(r"""\bPK\[\s*["']([^"']+)["']\s*\]""")


@cache
def ontology() -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY_FILE, format="turtle")
    return graph


def labels(term: URIRef, predicate: URIRef = RDFS.label) -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = {}
    for label in ontology().objects(term, predicate):
        assert isinstance(label, Literal), f"{term} {predicate} {label!r} is not a literal"
        found.setdefault(label.language, []).append(str(label))
    return found


def rdf_list(head) -> list:
    """The members of a well-formed RDF list, or an AssertionError saying how it is broken."""
    graph, members, seen, node = ontology(), [], set(), head
    while node != RDF.nil:
        assert isinstance(node, BNode), f"list node {node} is not a blank node"
        assert node not in seen, f"list starting at {head} is cyclic"
        seen.add(node)
        firsts = list(graph.objects(node, RDF.first))
        rests = list(graph.objects(node, RDF.rest))
        assert len(firsts) == 1 and len(rests) == 1, (
            f"list node {node} has {len(firsts)} rdf:first and {len(rests)} rdf:rest")
        members.append(firsts[0])
        node = rests[0]
    return members


def class_members(expression) -> set:
    """The named classes a domain/range stands for: itself, or its owl:unionOf members."""
    if isinstance(expression, URIRef):
        return {expression}
    union = ontology().value(expression, OWL.unionOf)
    assert union is not None, f"{expression} is neither a named class nor a union"
    return set(rdf_list(union))


def python_sources() -> list[Path]:
    return sorted(path for folder in CODE_DIRS for path in (ROOT / folder).rglob("*.py"))


def pk_names_in_code() -> dict[str, list[str]]:
    used: dict[str, list[str]] = {}
    for path in python_sources():
        text = path.read_text(encoding="utf-8")
        for pattern in (PK_ATTRIBUTE, PK_ITEM):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                used.setdefault(match.group(1), []).append(f"{path.relative_to(ROOT)}:{line}")
    return used


def test_ontology_parses_as_turtle():
    assert len(ontology()) > 0


def test_ontology_parses_in_pyoxigraph_too():
    pyoxigraph = pytest.importorskip("pyoxigraph")
    quads = list(pyoxigraph.parse(path=str(ONTOLOGY_FILE), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(ontology())


def test_ontology_header_has_title_description_version_and_license():
    graph = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph
    assert set(labels(ONTOLOGY_IRI, DCTERMS.title)) >= {"en"}
    assert graph.value(ONTOLOGY_IRI, DCTERMS.description) is not None
    assert graph.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert isinstance(graph.value(ONTOLOGY_IRI, DCTERMS.license), URIRef)


@pytest.mark.parametrize("name", CLASSES)
def test_class_is_declared_as_owl_class(name):
    assert (PK[name], RDF.type, OWL.Class) in ontology()


@pytest.mark.parametrize("name", OBJECT_PROPERTIES)
def test_object_property_is_declared_as_object_property(name):
    types = set(ontology().objects(PK[name], RDF.type))
    assert OWL.ObjectProperty in types and OWL.DatatypeProperty not in types


@pytest.mark.parametrize("name", DATATYPE_PROPERTIES)
def test_datatype_property_is_declared_as_datatype_property(name):
    types = set(ontology().objects(PK[name], RDF.type))
    assert OWL.DatatypeProperty in types and OWL.ObjectProperty not in types


@pytest.mark.parametrize("name", CLASSES + PROPERTIES)
def test_term_has_chinese_and_english_label_and_english_comment(name):
    assert {"zh", "en"} <= set(labels(PK[name])), f"pk:{name} lacks an @zh or @en rdfs:label"
    assert "en" in labels(PK[name], RDFS.comment), f"pk:{name} lacks an @en rdfs:comment"


@pytest.mark.parametrize("name", ALL_TERMS)
def test_term_is_defined_by_the_ontology(name):
    assert ontology().value(PK[name], RDFS.isDefinedBy) == ONTOLOGY_IRI


@pytest.mark.parametrize("name", PROPERTIES)
def test_property_has_one_domain_and_one_range(name):
    graph = ontology()
    assert len(list(graph.objects(PK[name], RDFS.domain))) == 1, f"pk:{name} domain"
    assert len(list(graph.objects(PK[name], RDFS.range))) == 1, f"pk:{name} range"


@pytest.mark.parametrize("name", OBJECT_PROPERTIES)
def test_object_property_range_is_a_class_not_a_datatype(name):
    for member in class_members(ontology().value(PK[name], RDFS.range)):
        assert not str(member).startswith(str(vocab.XSD)) and member != RDF.langString


@pytest.mark.parametrize("name", DATATYPE_PROPERTIES)
def test_datatype_property_range_is_a_datatype(name):
    graph = ontology()
    datatype = graph.value(PK[name], RDFS.range)
    if isinstance(datatype, BNode):  # an enumeration: "≥" "≤" … or task | subtask …
        assert (datatype, RDF.type, RDFS.Datatype) in graph
        assert all(isinstance(v, Literal) for v in rdf_list(graph.value(datatype, OWL.oneOf)))
    else:
        assert str(datatype).startswith(str(vocab.XSD)) or datatype == RDF.langString


@pytest.mark.parametrize(
    "name, domain, range_",
    [
        ("jurisdiction", {PK.Plan, ORG.Organization}, {PK.Jurisdiction}),
        ("cites", {PK.Plan}, {PK.Plan, PK.PolicyDocument}),
        ("inPlan", {PK.TaskGroup, PK.Task, PK.Target, PK.Baseline}, {PK.Plan}),
        ("number", {PK.TaskGroup, PK.Task}, {vocab.XSD.integer}),
        ("responsibleUnit", {PK.Task}, {ORG.Organization}),
        ("indicator", {PK.Target, PK.Baseline}, {PK.Indicator}),
        ("value", {PK.Target, PK.Baseline}, {vocab.XSD.decimal}),
        ("targetYear", {PK.Target}, {vocab.XSD.gYear}),
        ("year", {PK.Baseline}, {vocab.XSD.gYear}),
        ("text", {PK.Task}, {RDF.langString}),
        ("startLine", {PK.SourceSpan}, {vocab.XSD.integer}),
        ("provisional", {ORG.Organization, PK.Indicator}, {vocab.XSD.boolean}),
    ],
)
def test_domain_and_range_follow_the_contract(name, domain, range_):
    graph = ontology()
    assert class_members(graph.value(PK[name], RDFS.domain)) == domain
    assert class_members(graph.value(PK[name], RDFS.range)) == range_


def test_comparator_allows_exactly_the_contract_symbols():
    graph = ontology()
    values = rdf_list(graph.value(graph.value(PK.comparator, RDFS.range), OWL.oneOf))
    assert [str(v) for v in values] == ["≥", "≤", ">", "<", "=", "≈", "range"]


def test_lead_unit_is_a_responsible_unit_is_a_prov_association():
    graph = ontology()
    assert (PK.leadUnit, RDFS.subPropertyOf, PK.responsibleUnit) in graph
    assert (PK.responsibleUnit, RDFS.subPropertyOf, PROV.wasAssociatedWith) in graph


@pytest.mark.parametrize(
    "name, parent",
    [
        ("GovernmentDepartment", ORG.FormalOrganization),
        ("Institution", ORG.FormalOrganization),
        ("OrganizationGroup", ORG.Organization),
        ("Indicator", SKOS.Concept),
        ("GlossaryTerm", SKOS.Concept),
        ("SourceSpan", PROV.Entity),
        ("Plan", PROV.Entity),
    ],
)
def test_class_is_aligned_with_its_w3c_parent(name, parent):
    assert (PK[name], RDFS.subClassOf, parent) in ontology()


def test_task_is_not_a_prov_plan():
    graph = ontology()
    ancestors = set(graph.transitive_objects(PK.Task, RDFS.subClassOf))
    assert PROV.Plan not in ancestors
    assert (PK.Task, OWL.equivalentClass, PROV.Plan) not in graph


@pytest.mark.parametrize("name", sorted(BINDINGNESS))
def test_bindingness_value_is_an_individual_labelled_in_both_languages(name):
    graph = ontology()
    zh, en = BINDINGNESS[name]
    assert (PK[name], RDF.type, PK.Bindingness) in graph
    assert labels(PK[name], SKOS.prefLabel) == {"zh": [zh], "en": [en]}


def test_bindingness_is_closed_over_its_three_values():
    enumeration = ontology().value(PK.Bindingness, OWL.equivalentClass)
    assert set(rdf_list(ontology().value(enumeration, OWL.oneOf))) == {
        PK[name] for name in BINDINGNESS}


def test_every_pk_term_the_ontology_uses_is_declared():
    graph = ontology()
    declaring = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
    used = {term for triple in graph for term in triple
            if isinstance(term, URIRef) and term in PK}
    undeclared = sorted(t for t in used if not declaring & set(graph.objects(t, RDF.type)))
    assert not undeclared, f"used but not declared: {undeclared}"
    assert used == {PK[name] for name in ALL_TERMS}, "the hard-coded lists are out of date"


def test_ontology_declares_nothing_in_reused_namespaces():
    graph = ontology()
    reused = (str(DCTERMS), str(SKOS), str(ORG), str(PROV))
    declared_there = [s for s in set(graph.subjects(RDF.type, None))
                      if isinstance(s, URIRef) and s.startswith(reused)]
    assert not declared_there


def test_union_and_enumeration_lists_are_well_formed():
    graph = ontology()
    lists = [(s, p, o) for p in (OWL.unionOf, OWL.oneOf, OWL.distinctMembers)
             for s, o in graph.subject_objects(p)]
    assert lists
    for subject, predicate, head in lists:
        members = rdf_list(head)
        assert len(members) >= 2, f"{predicate} list of {subject} has {len(members)} members"
        assert len(set(members)) == len(members), f"{predicate} list of {subject} repeats"
        assert members == list(Collection(graph, head))
        if predicate == OWL.unionOf:
            assert (subject, RDF.type, OWL.Class) in graph
            assert all(isinstance(m, URIRef) for m in members)
    # Every list cell belongs to exactly one of those lists: no stray or shared cells.
    cells = set(graph.subjects(RDF.first, None))
    reachable = [cell for _, _, head in lists for cell in _cells(graph, head)]
    assert sorted(reachable) == sorted(cells)


def _cells(graph: Graph, head) -> list:
    cells = []
    while head != RDF.nil:
        cells.append(head)
        head = graph.value(head, RDF.rest)
    return cells


@pytest.mark.parametrize("name", ALL_TERMS)
def test_term_is_reachable_as_a_pk_attribute(name):
    # rdflib's Namespace is a str: a term named like a str method (PK.index) would not be a URIRef.
    assert getattr(PK, name) == URIRef(str(PK) + name)


def test_every_pk_term_used_in_code_is_declared_in_the_ontology():
    graph = ontology()
    used = pk_names_in_code()
    undeclared = {name: places for name, places in used.items()
                  if (PK[name], RDF.type, None) not in graph}
    assert not undeclared, f"PK terms used in code but not declared in the ontology: {undeclared}"


def test_code_scan_finds_pk_attributes_and_items():
    text = 'g.add((t, RDF.type, PK.Task)); g.add((t, PK["inPlan"], p)); PKID.plan'
    assert PK_ATTRIBUTE.findall(text) == ["Task"]
    assert PK_ITEM.findall(text) == ["inPlan"]
