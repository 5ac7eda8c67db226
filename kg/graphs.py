"""The dataset's named graphs: one per plan, one for the shared nodes (registry, policies,
provisional names), the ontology's and the validation report's; written as sorted N-Quads.

A triple goes to the graph of its subject: a plan's graph holds the plan, every node pk:inPlan or
pk:definedIn it and their source spans (the nodes kg.validate.partition gives that plan), the
shared graph every other node. A triple thus lives in one graph only, so the union of the graphs,
which the stores query as their default graph, holds each triple once.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.vocab import PK, PKID, PROV

GRAPH_BASE = f"{PKID}graph/"
SHARED_GRAPH = f"{GRAPH_BASE}shared"
ONTOLOGY_GRAPH = f"{GRAPH_BASE}ontology"
VALIDATION_GRAPH = f"{GRAPH_BASE}validation"

MEMBERSHIP = {f"<{PK.inPlan}>", f"<{PK.definedIn}>"}
DERIVED_FROM = f"<{PROV.wasDerivedFrom}>"


def plan_graph(plan_id: str) -> str:
    """pkid:graph/plan/yuzhong-2024: the named graph of the plan pkid:plan/yuzhong-2024."""
    return f"{GRAPH_BASE}plan/{plan_id}"


def _terms(line: str) -> tuple[str, str, str]:
    """Subject, predicate and object of an N-Triples line (IRIs hold no spaces)."""
    subject, predicate, rest = line.split(" ", 2)
    return subject, predicate, rest[:-2]   # the object, without the closing " ."


def plan_subjects(plan_id: str, lines: Iterable[str]) -> set[str]:
    """The subjects (as written in N-Triples) of one plan's own nodes among its triples."""
    plan = f"<{PKID}plan/{plan_id}>"
    triples = [_terms(line) for line in lines]
    owned = {plan} | {s for s, p, o in triples if p in MEMBERSHIP and o == plan}
    owned |= {o for s, p, o in triples if p == DERIVED_FROM and s in owned}
    return owned


@dataclass
class Dataset:
    """N-Triples lines by graph IRI."""

    graphs: dict[str, set[str]] = field(default_factory=dict)

    def add(self, graph: str, lines: Iterable[str]) -> None:
        self.graphs.setdefault(graph, set()).update(lines)

    def ntriples(self) -> str:
        lines = set().union(*self.graphs.values()) if self.graphs else set()
        return "".join(f"{line}\n" for line in sorted(lines))

    def nquads(self) -> str:
        quads = (f"{line[:-2]} <{graph}> .\n" for graph, lines in self.graphs.items()
                 for line in lines)
        return "".join(sorted(quads))


def assemble(shared: Iterable[str], plans: Iterable[tuple[str, list[str]]]) -> Dataset:
    """The dataset from the registry's lines and each (plan id, its lines)."""
    dataset = Dataset()
    dataset.add(SHARED_GRAPH, shared)
    for plan_id, lines in plans:
        owned = plan_subjects(plan_id, lines)
        mine = [line for line in lines if line.split(" ", 1)[0] in owned]
        dataset.add(plan_graph(plan_id), mine)
        dataset.add(SHARED_GRAPH, (line for line in lines if line.split(" ", 1)[0] not in owned))
    return dataset
