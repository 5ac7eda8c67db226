"""Plan text → records: the one entry point the rest of plankg calls.

`extract_file(path)` reads one plan; nothing here knows which plan it is.
"""
from __future__ import annotations

from pathlib import Path

from kg.extract.citations import parse_citations
from kg.extract.glossary import parse_glossary
from kg.extract.prose import YEAR, ProseBlock, read_values
from kg.extract.records import PlanRecords
from kg.extract.structure import Structure, parse_structure
from kg.extract.text import PlanParseError, joined_with_lines

__all__ = ["PlanParseError", "extract_file", "extract_text"]


def extract_text(text: str, file: str) -> PlanRecords:
    """All records of one plan text; `file` is the name its spans cite."""
    lines = text.split("\n")
    structure = parse_structure(lines, file)
    records = PlanRecords(file=file, groups=structure.groups, tasks=structure.tasks,
                          citations=parse_citations(lines, file),
                          glossary=parse_glossary(lines, file))
    records.warnings.extend(structure.warnings)
    records.targets.extend(_prose_targets(lines, file, structure))
    return records


def _prose_targets(lines: list[str], file: str, structure: Structure):
    goal_year = _first_goal_year(lines, structure)
    targets = []
    for first, last in structure.goal_blocks:
        targets += read_values(ProseBlock(lines, first, last, file))
    for task in structure.tasks:
        block = ProseBlock(lines, task.span.start_line, task.span.end_line, file, task.key,
                           default_year=goal_year)
        targets += read_values(block)
    return targets


def _first_goal_year(lines: list[str], structure: Structure) -> int | None:
    """The first year the goal paragraphs name (到2027年…): the horizon of a task naming none."""
    for first, last in structure.goal_blocks:
        text, _ = joined_with_lines(lines, first, last)
        match = YEAR.search(text)
        if match:
            return int(match.group("year"))
    return None


def extract_file(path: Path) -> PlanRecords:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise PlanParseError(path.name, 1, f"not UTF-8 text ({error.reason})") from error
    return extract_text(text, path.name)
