"""What the build keeps of each plan once its files are written (Written), and the shared graph
joined from the registry's lines and the plans' (Shared): what the validation parts read besides a
plan's own graph file. kg.build.stream makes them; kg.build.checks reads them.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from kg.build.lines import Lines
from kg.build.rdf import Unresolved
from kg.build.rebuild import Cited, about, digest, object_of
from kg.graphs import RDF_TYPE, plan_file, quad_graph
from kg.validate.partition import Part, nt_text

SHARED = "shared"      # the shared part's parts: shared, shared/1, shared/2, …


@dataclass
class Written:
    """What the build keeps of one plan once its files are written."""

    id: str
    key: str
    context: tuple[dict[str, str], dict[str, str]]
    cited: Cited
    shared: list[str]                  # its lines for the shared graph, sorted (until joined)
    owned: frozenset[str]              # its own nodes, as written in N-Triples (until joined)
    links: list[str]                   # its own lines pointing at nodes not its own (no rdf:type)
    described: dict[str, list[str]]    # its own nodes its shared lines point at → their lines
    lines: int                         # its own graph's
    unresolved: list[Unresolved]
    warnings: list[str]
    conflicts: list[str]
    quality: dict[str, int]
    unread: list[str]
    rewritten: bool                    # its graph was written now (else linked from the last build)
    shared_digest: str = ""            # of `shared`: whether it changed, all a rebuild asks


@dataclass
class Shared:
    """The shared graph and what the validation parts read of the plans around it."""

    lines: Lines                       # the shared graph's sorted lines
    owner: dict[str, str]              # each plan's own node → the plan
    plans: dict[str, Written]
    staging: Path
    # a shared line whose subject is a plan's own node, not among that plan's own lines: in the
    # shared graph, and in that plan's validation part (kg.validate.partition reads all lines)
    strays: dict[str, list[str]] = field(default_factory=dict)
    shadowing: set[str] = field(default_factory=set)   # plans owning a line given to the shared graph
    file_nodes: frozenset[str] = frozenset()   # the shared graph's subjects
    nodes: frozenset[str] = frozenset()        # those no plan owns: the shared part's focus nodes
    points: frozenset[str] = frozenset()       # nodes its lines point at outside it

    candidates: set[str] = field(default_factory=set)   # the plans' lines given to it, until settled
    registry: Lines | None = None      # the registry's lines, until settled

    @classmethod
    def start(cls, registry_nt: Lines, staging: Path) -> Shared:
        return cls(Lines.of(()), {}, {}, staging, registry=registry_nt)

    def add(self, plan: Written) -> Written:
        """Take a plan's lines for the shared graph and its own nodes as it is written: they are
        kept here once, not a copy a plan."""
        self.candidates.update(plan.shared)
        plan.shared_digest = digest(plan.shared)
        for node in plan.owned:
            self.owner[node] = plan.id
        plan.shared, plan.owned = [], frozenset()
        self.plans[plan.id] = plan
        return plan

    def settle(self) -> None:
        self.lines = Lines.union(self.registry or (), sorted(self.candidates))
        self.candidates, self.registry = set(), None
        self._settle()

    def _settle(self) -> None:
        """A shared line also among its subject's plan's own lines is in that plan's graph only
        (the plan's graph wins); the rest of the lines about plans' nodes are strays."""
        about_plans: dict[str, list[str]] = defaultdict(list)
        for line in self.lines:
            if (plan := self.owner.get(line[:line.index(" ")])) is not None:
                about_plans[plan].append(line)
        shadowed = set()
        for plan_id, lines in about_plans.items():
            own = set(self.own_lines(plan_id))
            if any(line in own for line in lines):
                self.shadowing.add(plan_id)
                shadowed.update(line for line in lines if line in own)
            if strays := [line for line in lines if line not in own]:
                self.strays[plan_id] = strays
        if shadowed:
            self.lines = Lines.of(line for line in self.lines if line not in shadowed)
        self.file_nodes = frozenset(line[:line.index(" ")] for line in self.lines)
        self.nodes = frozenset(node for node in self.file_nodes if node not in self.owner)
        self.points = frozenset(obj for line in self.lines
                                if (obj := object_of(line))[:1] in "<_"
                                and obj not in self.file_nodes
                                and line.split(" ", 2)[1] != RDF_TYPE)

    def own_lines(self, plan_id: str) -> list[str]:
        with plan_file(self.staging, plan_id).open(encoding="utf-8") as lines:
            return [quad_graph(line)[0] for line in lines]

    def describe(self, node: str, reading: dict[str, list[str]] | None = None) -> list[str]:
        """The lines of `node` as subject in the whole graph; `reading`: plans' own lines read
        already (a plan's node is read from its file)."""
        plan_id = self.owner.get(node)
        if plan_id is None:
            return about(node, self.lines)
        plan = self.plans[plan_id]
        if node in plan.described:
            lines = plan.described[node]
        else:
            if reading is None or plan_id not in reading:
                own = self.own_lines(plan_id)
                if reading is not None:
                    reading[plan_id] = own
            else:
                own = reading[plan_id]
            lines = about(node, own)
        strays = [line for line in self.strays.get(plan_id, ()) if line.startswith(f"{node} ")]
        return sorted(lines + strays) if strays else lines

    def parts(self, size: int) -> Iterator[Part]:
        """The shared part (kg.validate.partition's: the nodes no plan owns) cut into parts of
        about `size` of their own lines, whole nodes each, with what the shapes on them read: the
        lines of every node they point at (one step out) and the lines pointing at them. No shape
        on a shared node reads further (docs/validation.md), so the parts give the report of the
        shared part whole, and none holds the corpus's links at once."""
        def own() -> Iterator[str]:   # read twice, not held: most of the shared graph's lines
            return (line for line in self.lines if line[:line.index(" ")] not in self.owner)
        incoming: dict[str, list[str]] = defaultdict(list)
        for line in chain(own(), *(chain(plan.links, self.strays.get(plan.id, ()))
                                 for plan in self.plans.values())):
            if (obj := object_of(line)) in self.nodes and line.split(" ", 2)[1] != RDF_TYPE:
                incoming[obj].append(line)
        read: dict[str, list[str]] = {}
        for number, lines in enumerate(_by_subject(own(), size)):
            nodes = {line[:line.index(" ")] for line in lines}
            needs = {obj for line in lines if (obj := object_of(line))[:1] in "<_"
                     and obj not in nodes and line.split(" ", 2)[1] != RDF_TYPE}
            described = [line for node in sorted(needs) for line in self.describe(node, read)]
            pointing = [line for node in sorted(nodes) for line in incoming.get(node, ())]
            yield Part(f"{SHARED}/{number}" if number else SHARED,
                       nt_text(dict.fromkeys(lines + described + pointing)),
                       frozenset(node[1:-1] for node in nodes))


def _by_subject(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    """Sorted lines in runs of about `size`, a subject's lines never cut apart."""
    run: list[str] = []
    for line in lines:
        if len(run) >= size and not line.startswith(run[-1][:run[-1].index(" ") + 1]):
            yield run
            run = []
        run.append(line)
    if run:
        yield run
