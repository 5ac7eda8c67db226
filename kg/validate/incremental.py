"""Validation of a build part by part (kg.validate.partition), re-checking only the parts whose
content changed since the last build: each part's results are kept under a hash of its triples,
its focus nodes, the shapes, the ontology and the code.

The parts give the same report as the whole graph (docs/validation.md), so a re-build that changed
one plan checks that plan's part and the shared part, not the corpus. When most parts changed (a
first build of a small corpus) the whole graph is checked once instead (WHOLE_CHECK_TRIPLES).
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from kg.build.parts import read_pickle
from kg.paths import Paths
from kg.validate.check import check
from kg.validate.partition import Part, partition_lines
from kg.validate.runs import check_parts, split_by_part
from kg.validate.report import Report, Result, parts_turtle, results_turtle, to_turtle

VALIDATION_CACHE = "validation.pickle"   # in the build's cache folder: {part name: CheckedPart}
# Up to this size a graph whose parts mostly changed is checked whole: the parts overlap, so
# checking them all reads the corpus about three times over; above it pySHACL on the whole graph
# grows faster than the parts (measured, copies of the five plans: 20 plans, 31,000 triples:
# whole 21 s, parts 77 s; 50 plans, 74,000 triples: whole ~90 s, parts ~75 s over 2 processes)
WHOLE_CHECK_TRIPLES = 40_000


@dataclass(frozen=True)
class CheckedPart:
    key: str
    results: list[Result]
    turtle: str = ""    # the results in the report's Turtle (kg.validate.report.results_turtle)

    @classmethod
    def made(cls, key: str, results: list[Result]) -> CheckedPart:
        return cls(key, results, results_turtle(results))


@dataclass
class Validation:
    report: Report
    checked: list[str]                                  # the parts checked now (plan IRIs, shared)
    parts: dict[str, CheckedPart] = field(default_factory=dict)  # to keep for the next build


def part_key(part: Part, context: str) -> str:
    """A hash of the part's text and focus nodes: the build partitions its sorted lines, so the
    same triples give the same text (hashed as it is: sorting each part again took seconds at
    1,000 plans)."""
    hasher = hashlib.sha256(context.encode())
    hasher.update(part.data_nt.encode("utf-8"))
    for node in sorted(part.focus):
        hasher.update(b"\0" + node.encode("utf-8"))
    return hasher.hexdigest()


def read_checked(cache: Path) -> dict[str, CheckedPart]:
    kept = read_pickle(cache / VALIDATION_CACHE)
    return kept if isinstance(kept, dict) else {}


def write_checked(cache: Path, validation: Validation) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    (cache / VALIDATION_CACHE).write_bytes(pickle.dumps(validation.parts,
                                                        protocol=pickle.HIGHEST_PROTOCOL))


def validate_parts(lines: list[str], paths: Paths, fingerprint: str, previous: Path,
                   jobs: int = 1) -> Validation:
    """The report of the graph of N-Triples `lines`, reusing the results kept in the cache folder
    `previous` for every part whose key is unchanged."""
    shapes, ontology = paths.shapes, paths.ontology
    parts = partition_lines(lines)
    if parts is None:  # blank-node subjects: checked whole, nothing kept
        return Validation(Report(check(_text(lines), shapes, ontology)), ["whole graph"])
    context = hashlib.sha256(fingerprint.encode() + shapes.read_bytes()
                             + ontology.read_bytes()).hexdigest()
    kept = read_checked(previous)
    keys = {part.name: part_key(part, context) for part in parts}
    stale = [p for p in parts if p.name not in kept or kept[p.name].key != keys[p.name]]
    if len(stale) * 2 > len(parts) and len(lines) <= WHOLE_CHECK_TRIPLES:
        stale = parts
        fresh = split_by_part(check(_text(lines), shapes, ontology), parts)
    else:
        fresh = check_parts(stale, shapes, ontology, jobs)
    checked = {p.name: CheckedPart.made(keys[p.name], results)
               for p, results in zip(stale, fresh)}
    every = {p.name: checked.get(p.name) or kept[p.name] for p in parts}
    report = Report([r for part in every.values() for r in part.results])
    return Validation(report, [p.name for p in stale], every)


def report_turtle(validation: Validation) -> str:
    """The build's sh:ValidationReport in Turtle, from the Turtle each part keeps."""
    if not validation.parts:   # checked whole (blank-node subjects): nothing kept
        return to_turtle(validation.report)
    return parts_turtle(validation.report, (part.turtle for part in validation.parts.values()))


def _text(lines: list[str]) -> str:
    return "".join(f"{line}\n" for line in lines)
