"""Plan text → records: the one entry point the rest of plankg calls.

`extract_file(path)` reads one plan; nothing here knows which plan it is.
"""
from __future__ import annotations

from pathlib import Path

from kg.extract.citations import parse_citations
from kg.extract.glossary import parse_glossary
from kg.extract.records import PlanRecords
from kg.extract.structure import parse_structure
from kg.extract.text import PlanParseError

__all__ = ["PlanParseError", "extract_file", "extract_text"]


def extract_text(text: str, file: str) -> PlanRecords:
    """All records of one plan text; `file` is the name its spans cite."""
    lines = text.split("\n")
    structure = parse_structure(lines, file)
    records = PlanRecords(file=file, groups=structure.groups, tasks=structure.tasks,
                          citations=parse_citations(lines, file),
                          glossary=parse_glossary(lines, file))
    records.warnings.extend(structure.warnings)
    return records


def extract_file(path: Path) -> PlanRecords:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise PlanParseError(path.name, 1, f"not UTF-8 text ({error.reason})") from error
    return extract_text(text, path.name)
