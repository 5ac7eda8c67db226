"""Validation of a graph against the project's SHACL shapes (ontology/shapes.ttl).

`validate(data_nt)` checks a graph given as N-Triples and returns a Report; with `jobs` > 1 (or
`split=True`) the graph is cut by plan (kg.validate.partition) and the parts run in parallel.
Files of any RDF syntax are read by kg.validate.load; kg.validate.report prints the report.
"""
from __future__ import annotations

from pathlib import Path

from kg.paths import Paths
from kg.validate.check import check
from kg.validate.load import GraphReadError, parse_graph, read_graphs
from kg.validate.partition import partition
from kg.validate.report import LEVELS, Report, Result, to_json, to_turtle
from kg.validate.runs import check_parts
from kg.validate.shapes import ShapesError

__all__ = ["LEVELS", "GraphReadError", "Report", "Result", "ShapesError", "parse_graph", "read_graphs",
           "to_json", "to_turtle", "validate", "validate_files"]


def validate(data_nt: str, paths: Paths = Paths(), jobs: int = 1, split: bool = False,
             engine: str = "store") -> Report:
    """`engine`: who runs the core constraints, "store" or "pyshacl" (kg.validate.check)."""
    shapes, ontology = paths.shapes, paths.ontology
    if jobs <= 1 and not split:
        return Report(check(data_nt, shapes, ontology, engine=engine))
    parts = partition(data_nt)
    if parts is None:  # blank-node subjects: checked whole (see kg.validate.partition)
        return Report(check(data_nt, shapes, ontology, engine=engine))
    return Report([r for results in check_parts(parts, shapes, ontology, jobs, engine)
                   for r in results])


def validate_files(files: list[Path], format_name: str | None = None, paths: Paths = Paths(),
                   jobs: int = 1, engine: str = "store") -> Report:
    return validate(read_graphs(files, format_name), paths, jobs, engine=engine)
