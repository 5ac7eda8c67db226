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
from collections.abc import Iterable
from dataclasses import dataclass


RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
MEMBERSHIP = ("<https://w3id.org/plankg/ontology#inPlan>",
              "<https://w3id.org/plankg/ontology#definedIn>")
PLAN_CLASS = "<https://w3id.org/plankg/ontology#Plan>"
DERIVED_FROM = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
MEMBERSHIP_TEXT = tuple(f" {p} " for p in MEMBERSHIP)
PLAN_TEXT = f" {RDF_TYPE} {PLAN_CLASS} "
DERIVED_FROM_TEXT = f" {DERIVED_FROM} "


@dataclass(frozen=True)
class Part:
    name: str                       # a plan's IRI, or "shared"
    data_nt: str
    focus: frozenset[str]           # the IRIs checked; the rest is read only


def partition(data_nt: str) -> list[Part] | None:
    """The parts of an N-Triples text, or None when the graph has blank-node subjects (a blank
    node cannot be named as a focus node, so such a graph is checked whole)."""
    return partition_lines(data_nt.splitlines())


def partition_lines(lines: list[str]) -> list[Part] | None:
    """The parts of a graph given as N-Triples lines, one triple a line, as the build and
    kg.validate.load write them (terms are split at spaces: an IRI or blank node holds none)."""
    lines = [line for line in lines if line and not line.startswith("#")]
    owner: dict[str, str] = {}
    for line in lines:   # the rarer predicates are found by text first: no line split for most
        if MEMBERSHIP_TEXT[0] in line or MEMBERSHIP_TEXT[1] in line or PLAN_TEXT in line:
            subject, predicate, obj = _terms(line)
            if predicate in MEMBERSHIP:
                owner[subject] = obj
            elif predicate == RDF_TYPE and obj == PLAN_CLASS:
                owner[subject] = subject
    for line in lines:
        if DERIVED_FROM_TEXT in line:
            subject, predicate, obj = _terms(line)
            if predicate == DERIVED_FROM and subject in owner and obj not in owner:
                owner[obj] = owner[subject]
    by_subject: dict[str, list[str]] = defaultdict(list)
    own: dict[str, list[str]] = defaultdict(list)     # plan → lines of its nodes
    needs: dict[str, set[str]] = defaultdict(set)     # plan → nodes of others its nodes point to
    shared_nodes: set[str] = set()
    links = []                      # plan nodes → nodes of no plan: (object, line)
    shared_needs: set[str] = set()  # plan nodes the shared nodes point to
    shared = []
    for line in lines:
        subject, predicate, obj = _terms(line)
        if subject.startswith("_:"):
            return None
        by_subject[subject].append(line)
        plan = owner.get(subject)
        pointer = obj.startswith(("<", "_:")) and predicate != RDF_TYPE
        if plan is None:
            shared_nodes.add(subject)
            shared.append(line)
            if pointer and obj in owner:
                shared_needs.add(obj)
            continue
        own[plan].append(line)
        if pointer and owner.get(obj) != plan:
            needs[plan].add(obj)
            if obj not in owner:
                links.append((obj, line))
    shared += [line for obj, line in links if obj in shared_nodes]
    shared += _describe(by_subject, shared_needs)
    members: dict[str, set[str]] = defaultdict(set)
    for node, plan in owner.items():
        members[plan].add(_iri(node))
    parts = [Part(_iri(plan), nt_text(own[plan] + _describe(by_subject, needs[plan])),
                  frozenset(members[plan]))
             for plan in sorted(own, key=_iri)]
    parts.append(Part("shared", nt_text(shared), frozenset(_iri(n) for n in shared_nodes)))
    return parts


def _terms(line: str) -> tuple[str, str, str]:
    subject, predicate, rest = line.split(" ", 2)
    return subject, predicate, rest[:-2].rstrip()


def _iri(term: str) -> str:
    return term[1:-1]


def nt_text(lines: Iterable[str]) -> str:
    """N-Triples lines as one text, a line each."""
    return "".join(f"{line}\n" for line in lines)


def _describe(by_subject: dict[str, list[str]], nodes: set[str]) -> list[str]:
    """The lines of `nodes` as subjects, for a part to read (not to check)."""
    return [line for node in sorted(nodes) for line in by_subject.get(node, ())]
