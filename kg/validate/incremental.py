"""Validation of a build part by part (kg.validate.partition), re-checking only the parts whose
content changed since the last build: each part's results are kept under a hash of its triples,
its focus nodes, the shapes, the ontology and the code.

The parts give the same report as the whole graph (docs/validation.md), so a re-build that changed
one plan checks that plan's part and the shared part, not the corpus. The build makes the parts
plan by plan (kg.build.stream); kg.validate.partition cuts a graph given whole.
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from kg.build.parts import read_pickle
from kg.validate.partition import Part
from kg.validate.report import Report, Result, parts_turtle, results_turtle, to_turtle

VALIDATION_CACHE = "validation.pickle"   # in the build's cache folder: {part name: CheckedPart}


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


def report_turtle(validation: Validation) -> str:
    """The build's sh:ValidationReport in Turtle, from the Turtle each part keeps."""
    if not validation.parts:   # checked whole (blank-node subjects): nothing kept
        return to_turtle(validation.report)
    return parts_turtle(validation.report, (part.turtle for part in validation.parts.values()))
