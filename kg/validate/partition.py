"""The corpus cut into parts that validate apart: one per plan, one for the shared nodes.

A plan's part holds the nodes of that plan (the plan, what is pk:inPlan or pk:definedIn it, and
their source spans) as focus nodes, and, for reading only, the description of every node they
point to (organizations, indicators, jurisdictions, another plan's group …): every shape on a
plan's node reads no further than that (ontology/shapes.ttl). The shared part holds every other
node as focus nodes, and for reading the links that point at them, which the "nothing names this"
shapes read, and the plan nodes they point to (a cited policy's source span).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from kg.vocab import PREFIXES

MEMBERS = """SELECT ?node ?plan WHERE {
  { ?node pk:inPlan|pk:definedIn ?plan } UNION { ?plan a pk:Plan . BIND (?plan AS ?node) } }"""
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SPANS = "SELECT ?node ?span WHERE { ?node prov:wasDerivedFrom ?span }"


@dataclass(frozen=True)
class Part:
    name: str                       # a plan's IRI, or "shared"
    data_nt: str
    focus: frozenset[str]           # the IRIs checked; the rest is read only


def _nt(triples) -> str:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def partition(data_nt: str) -> list[Part] | None:
    """The parts, or None when the graph has blank-node subjects (a blank node cannot be named as
    a focus node, so such a graph is checked whole)."""
    store = ox.Store()
    store.bulk_load(data_nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    owner = {row["node"]: row["plan"] for row in store.query(MEMBERS, prefixes=PREFIXES)}
    for row in store.query(SPANS, prefixes=PREFIXES):
        if row["node"] in owner and row["span"] not in owner:
            owner[row["span"]] = owner[row["node"]]
    own = defaultdict(list)         # plan → triples of its nodes
    needs = defaultdict(set)        # plan → nodes of others its nodes point to
    shared_nodes: set = set()
    links = []                      # plan nodes → nodes of no plan
    shared_needs = set()            # plan nodes the shared nodes point to
    shared = []
    for quad in store:
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        if isinstance(quad.subject, ox.BlankNode):
            return None
        plan = owner.get(quad.subject)
        pointer = not isinstance(quad.object, ox.Literal) and quad.predicate != RDF_TYPE
        if plan is None:
            shared_nodes.add(quad.subject)
            shared.append(triple)
            if pointer and quad.object in owner:
                shared_needs.add(quad.object)
            continue
        own[plan].append(triple)
        if pointer and owner.get(quad.object) != plan:
            needs[plan].add(quad.object)
            if quad.object not in owner:
                links.append(triple)
    shared += [t for t in links if t.object in shared_nodes]
    shared += _describe(store, shared_needs)
    members = defaultdict(set)
    for node, plan in owner.items():
        members[plan].add(node.value)
    parts = [Part(plan.value, _nt(own[plan] + _describe(store, needs[plan])),
                  frozenset(members[plan]))
             for plan in sorted(own, key=lambda p: p.value)]
    parts.append(Part("shared", _nt(shared), frozenset(n.value for n in shared_nodes)))
    return parts


def _describe(store: ox.Store, nodes) -> list[ox.Triple]:
    """The triples of `nodes` as subjects, for a part to read (not to check)."""
    return [ox.Triple(q.subject, q.predicate, q.object) for node in nodes
            for q in store.quads_for_pattern(node, None, None)]
