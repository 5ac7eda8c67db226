"""Records + registry → triples under the ontology contract; the one place that mints IRIs.

`build_graph` is pure: it takes extracted plans and the registry and returns an rdflib Graph and
the list of names the registry could not resolve (kept in the graph as provisional nodes).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from kg.extract.records import PlanRecords, Span, TaskRecord, ValueRecord
from kg.extract.units import deadline_year
from kg.manifest import PlanEntry, complete
from kg.measures import same_quantity
from kg.registry import Indicator, Organization, Registry, normalise
from kg.vocab import DCTERMS, ORG, PK, PKID, PROV, RDF, SKOS, XSD, bind_prefixes

TYPES = {"department": PK.GovernmentDepartment, "institution": PK.Institution,
         "group": PK.OrganizationGroup}
BINDINGNESS = {"约束性": PK.Binding, "预期性": PK.Expected, "指导性": PK.Guiding}
ORG_SCHEME = PKID["scheme/organization-kinds"]
INDICATOR_SCHEME = PKID["scheme/indicators"]
CATEGORY_SCHEME = PKID["scheme/indicator-categories"]


@dataclass(frozen=True)
class Unresolved:
    """A printed name the curated tables do not know, where it was printed."""

    kind: str  # organization | indicator
    name: str
    plan: str
    span: Span
    # the IRI of the body the kind rules made of the name (kg.rules); None: a provisional node
    resolved: str | None = None


@dataclass
class BuiltGraph:
    graph: Graph | set  # a set of triples for one plan alone (plan_graph)
    unresolved: list[Unresolved] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # one value stated differently twice


def slug_hash(text: str) -> str:
    """A short, stable ASCII token for a Chinese string in an IRI."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def build_graph(plans: list[tuple[PlanEntry, PlanRecords]], registry: Registry) -> BuiltGraph:
    graph = bind_prefixes(Graph())
    built = BuiltGraph(graph)
    _registry_triples(graph, registry)
    policies, plan_numbers = citation_context(plans)
    for entry, records in plans:
        PlanWriter(graph, registry, entry, records, built, policies, plan_numbers).write()
    return built


def registry_triples(registry: Registry) -> set:
    """The registry's own triples: jurisdictions, kinds, organizations, indicators (a set, as
    plan_graph's: written, never queried)."""
    triples: set = set()
    _registry_triples(triples, registry)
    return triples


def plan_graph(entry: PlanEntry, records: PlanRecords, registry: Registry,
               policies: dict[str, str], plan_numbers: dict[str, str]) -> BuiltGraph:
    """One plan's triples alone; with the registry's and every other plan's, the union is what
    build_graph gives (the nodes two plans both write, a cited policy, are the same triples)."""
    built = BuiltGraph(set())  # written, never queried: a set is 5× cheaper than a Graph
    PlanWriter(built.graph, registry, entry, records, built, policies, plan_numbers).write()
    return built


def citation_context(plans: list[tuple[PlanEntry, PlanRecords]]
                     ) -> tuple[dict[str, str], dict[str, str]]:
    """What one plan's citations read from the others: policy title → document number, and
    document number → plan id."""
    numbers = [(entry.doc_number or records.header.doc_number, entry.id) for entry, records in plans]
    plan_numbers = {number: plan for number, plan in numbers if number}
    return _policy_numbers(plans), plan_numbers


def plan_citation_context(records: PlanRecords, policies: dict[str, str],
                          plan_numbers: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The part of the citation context one plan's citations read: all its triples take from
    the other plans, so a plan whose part is unchanged need not be written again."""
    own_policies = {}
    for citation in records.citations:
        title = normalise(citation.title or "")
        if title in policies:
            own_policies[title] = policies[title]
    numbers = {c.identifier for c in records.citations if c.identifier}
    numbers |= set(own_policies.values())
    return own_policies, {n: plan_numbers[n] for n in sorted(numbers) if n in plan_numbers}


def _registry_triples(graph: Graph | set, registry: Registry) -> None:
    for place in registry.jurisdictions.values():
        node = PKID[f"jurisdiction/{place.id}"]
        graph.add((node, RDF.type, PK.Jurisdiction))
        graph.add((node, SKOS.prefLabel, zh(place.name_zh)))
        graph.add((node, SKOS.prefLabel, Literal(place.name_en, lang="en")))
        if place.parent:
            graph.add((node, PK.within, PKID[f"jurisdiction/{place.parent}"]))
        if place.code:
            graph.add((node, PK.divisionCode, Literal(place.code)))
    graph.add((ORG_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((ORG_SCHEME, SKOS.prefLabel, Literal("organization kinds", lang="en")))
    graph.add((ORG_SCHEME, SKOS.prefLabel, zh("机构类别")))
    for kind in registry.kinds.values():
        node = PKID[f"kind/{kind.id}"]
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, ORG_SCHEME))
        graph.add((node, SKOS.prefLabel, zh(kind.label_zh)))
        graph.add((node, SKOS.prefLabel, Literal(kind.label_en, lang="en")))
        if kind.broader:
            graph.add((node, SKOS.broader, PKID[f"kind/{kind.broader}"]))
        else:
            graph.add((ORG_SCHEME, SKOS.hasTopConcept, node))
    for org in registry.organizations:
        _organization(graph, org)
    graph.add((INDICATOR_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((INDICATOR_SCHEME, SKOS.prefLabel, Literal("indicators", lang="en")))
    graph.add((INDICATOR_SCHEME, SKOS.prefLabel, zh("指标")))
    graph.add((CATEGORY_SCHEME, RDF.type, SKOS.ConceptScheme))
    for indicator in registry.indicators:
        _indicator(graph, indicator)


def org_iri(org: Organization) -> URIRef:
    return PKID[f"org/{org.jurisdiction}/{org.id}"]


def indicator_iri(indicator: Indicator) -> URIRef:
    return PKID[f"indicator/{indicator.id}"]


def _organization(graph: Graph, org: Organization) -> None:
    node = org_iri(org)
    graph.add((node, RDF.type, TYPES[org.type]))
    graph.add((node, SKOS.prefLabel, zh(org.name_zh)))
    if org.name_en:
        graph.add((node, SKOS.prefLabel, Literal(org.name_en, lang="en")))
    for alias in org.aliases:
        graph.add((node, SKOS.altLabel, zh(alias)))
    graph.add((node, PK.jurisdiction, PKID[f"jurisdiction/{org.jurisdiction}"]))
    graph.add((node, ORG.classification, PKID[f"kind/{org.kind}"]))
    if org.resolution == "rule":
        graph.add((node, PK.resolution, Literal("rule")))


def _indicator(graph: Graph, indicator: Indicator) -> None:
    node = indicator_iri(indicator)
    graph.add((node, RDF.type, PK.Indicator))
    graph.add((node, SKOS.inScheme, INDICATOR_SCHEME))
    graph.add((node, SKOS.prefLabel, zh(indicator.name_zh)))
    if indicator.name_en:
        graph.add((node, SKOS.prefLabel, Literal(indicator.name_en, lang="en")))
    for variant in indicator.variants:
        graph.add((node, SKOS.altLabel, zh(variant)))
    if indicator.unit:
        graph.add((node, PK.unit, Literal(indicator.unit)))
    category = PKID[f"indicator-category/{indicator.category}"]
    graph.add((category, RDF.type, SKOS.Concept))
    graph.add((category, SKOS.inScheme, CATEGORY_SCHEME))
    graph.add((category, SKOS.prefLabel, Literal(indicator.category.replace("-", " "), lang="en")))
    graph.add((node, PK.category, category))


def _policy_numbers(plans: list[tuple[PlanEntry, PlanRecords]]) -> dict[str, str]:
    """Title → document number, from every plan that prints both (so a title-only citation
    elsewhere still reaches the same policy)."""
    numbers = {}
    for _, records in plans:
        for citation in records.citations:
            if citation.title and citation.identifier:
                numbers[normalise(citation.title)] = citation.identifier
    return numbers


class PlanWriter:
    """Writes one plan's records into the graph."""

    def __init__(self, graph: Graph | set, registry: Registry, entry: PlanEntry,
                 records: PlanRecords, built: BuiltGraph, policies: dict[str, str],
                 plan_numbers: dict[str, str]):
        self.graph, self.registry, self.records = graph, registry, records
        self.entry = complete(entry, records.header)
        self.built, self.policies, self.plan_numbers = built, policies, plan_numbers
        self.plan = PKID[f"plan/{entry.id}"]
        # a value stated twice (a table row and a goal sentence) is one node with two spans;
        # the first statement (tables come first) gives its value
        self.values: dict[URIRef, tuple] = {}

    def add(self, s, p, o) -> None:
        self.graph.add((s, p, o))

    def span(self, node: URIRef, span: Span | None) -> None:
        if span is None:
            return
        iri = PKID[f"span/{self.entry.id}/{span.start_line}-{span.end_line}"]
        self.add(iri, RDF.type, PK.SourceSpan)
        self.add(iri, PK.sourceFile, Literal(span.file))
        self.add(iri, PK.startLine, Literal(span.start_line, datatype=XSD.integer))
        self.add(iri, PK.endLine, Literal(span.end_line, datatype=XSD.integer))
        for prop, line in ((PK.startLocation, span.start_line), (PK.endLocation, span.end_line)):
            if (where := self.records.location(line)):   # a PDF, DOCX or HTML document's lines
                self.add(iri, prop, Literal(where))
        self.add(node, PROV.wasDerivedFrom, iri)

    def write(self) -> None:
        self._plan()
        for group in self.records.groups:
            node = PKID[f"group/{self.entry.id}/{group.key}"]
            self.add(node, RDF.type, PK.TaskGroup)
            self.add(node, PK.inPlan, self.plan)
            self.add(node, SKOS.prefLabel, zh(group.title))
            self.add(node, PK.level, Literal(group.level, datatype=XSD.integer))
            if group.number is not None:
                self.add(node, PK.number, Literal(group.number, datatype=XSD.integer))
            if group.parent:
                self.add(node, PK.parentGroup, PKID[f"group/{self.entry.id}/{group.parent}"])
            self.span(node, group.span)
        for task in self.records.tasks:
            self._task(task)
        for value in self.records.targets + self.records.baselines:
            self._value(value)
        for term in self.records.glossary:
            node = PKID[f"term/{self.entry.id}/{term.number}"]
            self.add(node, RDF.type, PK.GlossaryTerm)
            self.add(node, RDF.type, SKOS.Concept)
            self.add(node, SKOS.prefLabel, zh(term.term))
            self.add(node, SKOS.definition, zh(term.definition))
            self.add(node, PK.definedIn, self.plan)
            self.span(node, term.span)

    def _plan(self) -> None:
        entry, plan = self.entry, self.plan
        self.add(plan, RDF.type, PK.Plan)
        self.add(plan, DCTERMS.title, zh(entry.title))
        if entry.doc_number:
            self.add(plan, DCTERMS.identifier, Literal(entry.doc_number))
        if entry.issued:
            self.add(plan, DCTERMS.issued, Literal(entry.issued.isoformat(), datatype=XSD.date))
        if entry.issuer:
            self.add(plan, PK.issuerName, zh(entry.issuer))
            publisher = self.registry.resolve_org(entry.issuer, entry.jurisdiction)
            if publisher:
                self.add(plan, DCTERMS.publisher, org_iri(publisher))
        self.add(plan, PK.jurisdiction, PKID[f"jurisdiction/{entry.jurisdiction}"])
        for warning in self.records.warnings:
            self.add(plan, PK.extractionWarning, Literal(warning))
        for citation in self.records.citations:
            number = citation.identifier or self.policies.get(normalise(citation.title or ""))
            if number and number in self.plan_numbers:
                self.add(plan, PK.cites, PKID[f"plan/{self.plan_numbers[number]}"])
                continue
            node = PKID[f"policy/{slug_hash(number or normalise(citation.title))}"]
            self.add(node, RDF.type, PK.PolicyDocument)
            if citation.title:
                self.add(node, DCTERMS.title, zh(citation.title))
            if number:
                self.add(node, DCTERMS.identifier, Literal(number))
            self.add(plan, PK.cites, node)
            self.span(node, citation.span)

    def _unit(self, name: str, span: Span) -> URIRef:
        org = self.registry.resolve_org(name, self.entry.jurisdiction)
        if org:
            return org_iri(org)
        org = self.registry.classify(name, self.entry.jurisdiction)
        if isinstance(org, Organization):
            # a body of the kind rules, or the curated row its canonical name is: either way
            # listed apart, and the form printed here kept as one of its names
            node = org_iri(org)
            if org.resolution == "rule":
                _organization(self.graph, org)
            if normalise(name) != normalise(org.name_zh):
                self.add(node, SKOS.altLabel, zh(name))
            self.built.unresolved.append(Unresolved("organization", name, self.entry.id, span,
                                                    str(node)))
            return node
        self.built.unresolved.append(Unresolved("organization", name, self.entry.id, span))
        node = PKID[f"org/{self.entry.jurisdiction}/unresolved-{slug_hash(normalise(name))}"]
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, SKOS.prefLabel, zh(name))
        self.add(node, PK.jurisdiction, PKID[f"jurisdiction/{self.entry.jurisdiction}"])
        self.add(node, PK.provisional, Literal(True))
        return node

    def task_iri(self, key: str) -> URIRef:
        return PKID[f"task/{self.entry.id}/{key}"]

    def _task(self, task: TaskRecord) -> None:
        node = self.task_iri(task.key)
        self.add(node, RDF.type, PK.Task)
        self.add(node, PK.inPlan, self.plan)
        self.add(node, PK.kind, Literal(task.kind))
        if task.group:
            self.add(node, PK.inGroup, PKID[f"group/{self.entry.id}/{task.group}"])
        if task.number is not None:
            self.add(node, PK.number, Literal(task.number, datatype=XSD.integer))
        if task.parent:
            self.add(node, PK.subTaskOf, self.task_iri(task.parent))
        self.add(node, SKOS.prefLabel, zh(task.title))
        self.add(node, PK.text, zh(task.text))
        if task.deadline:
            self.add(node, PK.deadline, Literal(task.deadline))
            year = deadline_year(task.deadline)
            if year is not None:
                self.add(node, PK.deadlineYear, Literal(str(year), datatype=XSD.gYear))
        unit_span = task.table_span or task.span
        for name in task.responsible_units:
            self.add(node, PK.responsibleUnit, self._unit(name, unit_span))
        for name in task.lead_units:
            unit = self._unit(name, unit_span)
            self.add(node, PK.leadUnit, unit)
            self.add(node, PK.responsibleUnit, unit)
        # the annex row restating the task names institutions too (永川 附件2 row 3: 板桥镇卫生院)
        text = f"{task.text}\n{task.table_text}" if task.table_text else task.text
        for org in self.registry.find_institutions(text, self.entry.jurisdiction):
            self.add(node, PK.mentions, org_iri(org))
        self.span(node, task.span)
        self.span(node, task.table_span)

    def _indicator_node(self, value: ValueRecord) -> URIRef:
        found = self.registry.resolve_indicator(value.indicator)
        if found:
            return indicator_iri(found)
        self.built.unresolved.append(Unresolved("indicator", value.indicator, self.entry.id,
                                                value.span))
        node = PKID[f"indicator/unresolved-{slug_hash(normalise(value.indicator))}"]
        self.add(node, RDF.type, PK.Indicator)
        self.add(node, SKOS.prefLabel, zh(value.indicator))
        self.add(node, PK.provisional, Literal(True))
        if value.unit:
            self.add(node, PK.unit, Literal(value.unit))
        return node

    def _stated_in(self, node: URIRef, kind: str, value: ValueRecord) -> None:
        if kind == "target" and value.task:
            self.add(self.task_iri(value.task), PK.hasTarget, node)

    def _value(self, value: ValueRecord) -> None:
        kind = "target" if value.kind == "target" else "baseline"
        if value.indicator:
            indicator = self._indicator_node(value)
            about = indicator.rsplit("/", 1)[-1]
        else:
            indicator, about = None, f"task-{value.task}"
        parts = [kind, self.entry.id, about, str(value.year)]
        subject = self.registry.resolve_org(value.subject, self.entry.jurisdiction) \
            if value.subject else None
        if subject:
            parts.append(subject.id)
        elif value.subject:
            parts.append(f"s-{slug_hash(normalise(value.subject))}")
        if value.qualifier:
            parts.append(f"q-{slug_hash(value.qualifier)}")
        node = PKID["/".join(parts)]
        registered = self.registry.resolve_indicator(value.indicator) if value.indicator else None
        if node in self.values:
            first = self.values[node]
            if (first.value, first.min, first.max) == (value.value, value.min, value.max):
                # restated (a table row again in prose, ≥64 and 达到64%): one fact, two spans
                self.span(node, value.span)
                self._stated_in(node, kind, value)
                self._scope(node, value)
                return
            default = registered.unit if registered else None
            if not same_quantity((first.value, first.min, first.max), first.unit or default,
                                 (value.value, value.min, value.max), value.unit or default,
                                 self.registry.measures):
                # the plan states another number for the same thing (华蓥 表1 0.37, its text
                # 0.62): both are kept, the second told apart by the line it stands on
                self.built.conflicts.append(
                    f"{self.entry.id}: {value.indicator or value.task} {value.year} is "
                    f"{first.text!r} at line {first.span.start_line} and {value.text!r} at line "
                    f"{value.span.start_line}; both are kept")
            # the same quantity in another unit (表1 0.013 万人, its text 增至130人) is no
            # conflict; it too is kept as printed, with its pk:valueUnit
            node = PKID["/".join(parts + [f"line-{value.span.start_line}"])]
        self.values[node] = value
        self.span(node, value.span)
        self._stated_in(node, kind, value)
        self.add(node, RDF.type, PK.Target if kind == "target" else PK.Baseline)
        self.add(node, PK.inPlan, self.plan)
        if indicator is not None:
            self.add(node, PK.indicator, indicator)
        else:
            self.add(node, PK.aboutTask, self.task_iri(value.task))
        year = Literal(str(value.year), datatype=XSD.gYear)
        self.add(node, PK.targetYear if kind == "target" else PK.year, year)
        self.add(node, PK.valueText, Literal(value.text))
        if value.comparator:
            self.add(node, PK.comparator, Literal(value.comparator))
        if value.value is not None:
            self.add(node, PK.value, Literal(value.value, datatype=XSD.decimal))
        if value.min is not None:
            self.add(node, PK.minValue, Literal(value.min, datatype=XSD.decimal))
            self.add(node, PK.maxValue, Literal(value.max, datatype=XSD.decimal))
        if kind == "target" and value.bindingness in BINDINGNESS:
            self.add(node, PK.bindingness, BINDINGNESS[value.bindingness])
        if value.qualifier:
            self.add(node, PK.qualifier, Literal(value.qualifier))
        self._scope(node, value)
        if value.unit and registered and registered.unit and value.unit != registered.unit:
            self.add(node, PK.valueUnit, Literal(value.unit))
        if subject:
            self.add(node, PK.subject, org_iri(subject))
        elif value.subject:
            self.add(node, PK.subject, self._unit(value.subject, value.span))

    def _scope(self, node: URIRef, value: ValueRecord) -> None:
        if value.scope:
            self.add(node, PK.scope, zh(value.scope))
