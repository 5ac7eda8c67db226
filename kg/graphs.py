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
from functools import cached_property
from pathlib import Path

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


def split_plan(plan_id: str, lines: list[str]) -> tuple[list[str], list[str]]:
    """One plan's lines: those of its own graph, and those that go to the shared graph."""
    owned = plan_subjects(plan_id, lines)
    own, shared = [], []
    for line in lines:
        (own if line[:line.index(" ")] in owned else shared).append(line)
    return own, shared


@dataclass
class Dataset:
    """Each N-Triples line and the one graph it lives in: a plan's own graph wins over the shared
    graph, should a plan's own node be described by another plan too."""

    graph_of: dict[str, str] = field(default_factory=dict)

    def add(self, graph: str, lines: Iterable[str]) -> None:
        if graph == SHARED_GRAPH:
            for line in lines:
                self.graph_of.setdefault(line, graph)
        else:
            self.graph_of.update(dict.fromkeys(lines, graph))

    @cached_property
    def lines(self) -> list[str]:
        return sorted(self.graph_of)

    def write_ntriples(self, path: Path) -> None:
        """The sorted N-Triples, written a block of lines at a time (a corpus's text is never
        held whole in memory)."""
        _write_lines(path, (f"{line}\n" for line in self.lines))

    def write_nquads(self, path: Path) -> None:
        """Sorted N-Quads: a triple's quad sorts where its N-Triples line does (the two differ
        only after the object, where each has a space)."""
        _write_lines(path, (f"{line[:-2]} <{self.graph_of[line]}> .\n" for line in self.lines))


def _write_lines(path: Path, lines: Iterable[str], block: int = 50_000) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) == block:
                handle.write("".join(chunk))
                chunk.clear()
        handle.write("".join(chunk))


def assemble(shared: Iterable[str], plans: list[tuple[str, list[str], list[str]]]) -> Dataset:
    """The dataset from the registry's lines and each (plan id, its own lines, its lines for the
    shared graph)."""
    dataset = Dataset()
    for plan_id, own, _ in plans:
        dataset.add(plan_graph(plan_id), own)
    dataset.add(SHARED_GRAPH, shared)
    for _, _, others in plans:
        dataset.add(SHARED_GRAPH, others)
    return dataset
