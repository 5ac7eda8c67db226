"""Validation of a build part by part (kg.validate.partition), re-checking only the parts whose
content changed since the last build: each part's results are kept under a hash of its triples,
its focus nodes, the shapes, the ontology and the code.

The parts give the same report as the whole graph (docs/validation.md), so a re-build that changed
one plan checks that plan's part and the shared part, not the corpus. The build makes the parts
plan by plan (kg.build.stream); kg.validate.partition cuts a graph given whole.

Each part keeps its results three ways: pickled (read back only when a build must show them), as
rows of the JSON report and as a fragment of the Turtle report. A build's two report files are
then the parts' rows merged and their fragments joined: at 10,000 plans (about 100,000 results)
making them from the results took seconds of a one-plan rebuild.
"""
from __future__ import annotations

import hashlib
import heapq
import json
import pickle
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kg.build.parts import read_pickle
from kg.validate.partition import Part
from kg.validate.report import (LEVELS, Report, Result, parts_turtle, result_iri, result_json,
                                results_turtle)

VALIDATION_CACHE = "validation.pickle"   # in the build's cache folder: {part name: CheckedPart}

Row = tuple[str, str, str]   # a result's sort key (Result.key joined), its JSON, its IRI


def _row(result: Result) -> Row:
    key = result.key()
    return ("\0".join([str(key[0]), *key[1:]]),
            json.dumps(result_json(result), ensure_ascii=False), str(result_iri(result)))


@dataclass(frozen=True)
class CheckedPart:
    key: str
    blob: bytes                 # the results, pickled
    rows: tuple[Row, ...]       # sorted
    turtle: str = ""            # the results in the report's Turtle (report.results_turtle)

    @classmethod
    def made(cls, key: str, results: list[Result]) -> CheckedPart:
        return cls(key, pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL),
                   tuple(sorted({_row(r) for r in results})), results_turtle(results))

    @property
    def results(self) -> list[Result]:
        return pickle.loads(self.blob)


@dataclass
class Validation:
    checked: list[str]                                  # the parts checked now (plan IRIs, shared)
    parts: dict[str, CheckedPart] = field(default_factory=dict)  # every part, kept for the next build

    @cached_property
    def report(self) -> Report:
        """The report as data (its results unpickled from every part: for a caller that reads
        them, not for the build's files)."""
        return Report([r for part in self.parts.values() for r in part.results])

    @cached_property
    def rows(self) -> list[Row]:
        """Every part's rows in the report's order, each once."""
        merged: list[Row] = []
        for row in heapq.merge(*(part.rows for part in self.parts.values())):
            if not merged or merged[-1] != row:
                merged.append(row)
        return merged

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    @cached_property
    def _counts(self) -> dict[str, int]:
        counts = dict.fromkeys(LEVELS, 0)
        for key, _, _ in self.rows:
            counts[LEVELS[int(key[0])]] += 1
        return counts

    def conforms(self) -> bool:
        return self.counts()["Violation"] == 0

    def json_text(self) -> str:
        """The JSON report (kg.validate.report.to_json) with each result on a line of its own."""
        head = json.dumps({"conforms": self.conforms(), "counts": self.counts()},
                          ensure_ascii=False)[:-1]
        results = ",\n".join(text for _, text, _ in self.rows)
        return head + (f', "results": [\n{results}\n]}}\n' if results else ', "results": []}\n')

    def turtle_text(self) -> str:
        """The sh:ValidationReport in Turtle, from the fragment each part keeps."""
        return parts_turtle(self.conforms(), (iri for _, _, iri in self.rows),
                            (part.turtle for part in self.parts.values()))


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
    if not isinstance(kept, dict) or not all(isinstance(p, CheckedPart) and hasattr(p, "blob")
                                             for p in kept.values()):
        return {}   # none, or kept by an older layout
    return kept


def write_checked(cache: Path, validation: Validation) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    (cache / VALIDATION_CACHE).write_bytes(pickle.dumps(validation.parts,
                                                        protocol=pickle.HIGHEST_PROTOCOL))
