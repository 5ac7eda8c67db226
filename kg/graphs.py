"""The dataset's named graphs: one per plan, one for the shared nodes (registry, policies,
provisional names), the ontology's and the validation report's. The build writes each plan's
graph and the shared graph to a file of its own (sorted N-Quads, build/graphs/), so a rebuild that
changed one plan writes that plan's file and links the rest; `export` writes the whole dataset as
one file (N-Quads, N-Triples or Turtle) when a single file is wanted.

A triple goes to the graph of its subject: a plan's graph holds the plan, every node pk:inPlan or
pk:definedIn it and their source spans (the nodes kg.validate.partition gives that plan), the
shared graph every other node. A triple thus lives in one graph only, so the union of the graphs,
which the stores query as their default graph, holds each triple once.
"""
from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kg.turtle import write_turtle
from kg.vocab import PK, PKID, PROV

GRAPH_BASE = f"{PKID}graph/"
SHARED_GRAPH = f"{GRAPH_BASE}shared"
ONTOLOGY_GRAPH = f"{GRAPH_BASE}ontology"
VALIDATION_GRAPH = f"{GRAPH_BASE}validation"

MEMBERSHIP = {f"<{PK.inPlan}>", f"<{PK.definedIn}>"}
DERIVED_FROM = f"<{PROV.wasDerivedFrom}>"


GRAPHS = "graphs"           # in the build folder: shared.nq and plans/{plan id}.nq
SHARED_FILE = "shared.nq"
PLAN_FILES = "plans"
# the whole dataset as one file each (`plankg export`)
EXPORTS = {"nq": "plankg.nq", "nt": "plankg.nt", "ttl": "plankg.ttl"}


def plan_file(build: Path, plan_id: str) -> Path:
    return build / GRAPHS / PLAN_FILES / f"{plan_id}.nq"


def shared_file(build: Path) -> Path:
    return build / GRAPHS / SHARED_FILE


def graph_files(build: Path) -> list[Path]:
    """The build's graph files in the order of their graphs' IRIs (the plans' by plan id, then
    the shared graph's); none when `build` holds no build."""
    shared = shared_file(build)
    if not shared.exists():
        return []
    plans = sorted((build / GRAPHS / PLAN_FILES).glob("*.nq"), key=lambda file: file.stem)
    return [*plans, shared]


def quad_graph(line: str) -> tuple[str, str]:
    """An N-Quads line as the build writes it (its graph IRI last) → (N-Triples line, graph)."""
    body, _, graph = line.rstrip("\n")[:-2].rpartition(" ")
    return f"{body} .", graph[1:-1]


def read_dataset(build: Path) -> Dataset:
    """The build's dataset, from its graph files."""
    dataset = Dataset()
    for file in graph_files(build):
        with file.open(encoding="utf-8") as lines:
            for line in lines:
                triple, graph = quad_graph(line)
                dataset.graph_of[triple] = graph
    return dataset


def export(build: Path, formats: Iterable[str], folder: Path) -> list[Path]:
    """The build's dataset written as one file a format ("nq", "nt", "ttl": EXPORTS) into
    `folder`, each sorted as N-Triples sort; the paths written."""
    dataset = read_dataset(build)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        target = folder / EXPORTS[fmt]
        if fmt == "nq":
            dataset.write_nquads(target)
        elif fmt == "nt":
            dataset.write_ntriples(target)
        else:
            nt = target.with_name(f".{target.name}.nt")
            dataset.write_ntriples(nt)
            write_turtle(nt, target)
            nt.unlink()
        written.append(target)
    return written


PLAN_GRAPH_BASE = f"{GRAPH_BASE}plan/"


def plan_graph(plan_id: str) -> str:
    """pkid:graph/plan/yuzhong-2024: the named graph of the plan pkid:plan/yuzhong-2024."""
    return f"{PLAN_GRAPH_BASE}{plan_id}"


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


RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
TYPED = f" {RDF_TYPE} "


def type_counts(lines: Iterable[str]) -> Counter:
    """How many nodes of each class (as written in N-Triples) the lines type, and how many lines
    there are (under None). The counts of graphs add up: a line is in one graph only."""
    counts: Counter = Counter()
    for line in lines:
        counts[None] += 1
        if TYPED in line:
            _, predicate, rest = line.split(" ", 2)
            if predicate == RDF_TYPE:
                counts[rest[:-2]] += 1   # the lines are distinct: one a node and class
    return counts


@dataclass(frozen=True)
class PlanSplit:
    """One plan's lines cut by graph (split_plan), and the nodes they tell of."""

    own: list[str]              # the lines of its own graph, sorted
    shared: list[str]           # its lines for the shared graph, sorted
    owned: frozenset[str]       # its own nodes (plan_subjects), as written in N-Triples
    pointers: frozenset[str]    # nodes outside the plan its own lines point to (objects but of
    # rdf:type): what a validation part of the plan describes for reading


def split_plan(plan_id: str, lines: list[str]) -> PlanSplit:
    """One plan's sorted lines cut into those of its own graph and those of the shared one."""
    owned = plan_subjects(plan_id, lines)
    own, shared, pointers = [], [], set()
    for line in lines:
        if line[:line.index(" ")] not in owned:
            shared.append(line)
            continue
        own.append(line)
        _, predicate, obj = _terms(line)
        if obj[0] in "<_" and predicate != RDF_TYPE and obj not in owned:
            pointers.add(obj)
    return PlanSplit(own, shared, frozenset(owned), frozenset(pointers))


@dataclass
class Dataset:
    """Each N-Triples line of a build and the one graph it lives in (read_dataset)."""

    graph_of: dict[str, str] = field(default_factory=dict)

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

    def shared_lines(self) -> list[str]:
        """The shared graph's sorted lines."""
        graph_of = self.graph_of
        return [line for line in self.lines if graph_of[line] == SHARED_GRAPH]


def link_or_copy(source: Path, target: Path) -> None:
    """`target` as a hard link to `source` (a file of the last build, which a build never
    changes: it writes a new folder and swaps it in), or a copy on another file system. A
    `target` that exists is kept when it is `source`'s very file, else replaced (never written
    over: it may be a link of another build's file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
        return
    except FileExistsError:
        if os.path.samefile(source, target):
            return
        target.unlink()
    except OSError:
        pass
    try:
        os.link(source, target)
    except OSError:
        target.unlink(missing_ok=True)
        shutil.copyfile(source, target)


def write_new(path: Path, data: bytes | str) -> None:
    """`data` as a new file at `path`: an old file of that name is unlinked, not written over
    (kg.build.folder: it may be a link of another build's file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def write_graph(path: Path, graph: str, lines: Iterable[str]) -> None:
    """One graph's sorted N-Triples `lines` as N-Quads in `graph`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_lines(path, (f"{line[:-2]} <{graph}> .\n" for line in lines))


def _write_lines(path: Path, lines: Iterable[str], block: int = 50_000) -> None:
    path.unlink(missing_ok=True)   # a new file, never one written over (write_new)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) == block:
                handle.write("".join(chunk))
                chunk.clear()
        handle.write("".join(chunk))
