"""Plan text → records: the one entry point the rest of plankg calls.

`extract_file(path)` reads one plan; nothing here knows which plan it is.
"""
from __future__ import annotations

from pathlib import Path

from kg.extract.annex import apply_task_table, is_task_table, table_cell_targets
from kg.extract.citations import parse_citations
from kg.extract.documents import DocumentError, read_document
from kg.extract.flat_table import parse_flat_indicator_table
from kg.extract.glossary import parse_glossary
from kg.extract.prose import YEAR, ProseBlock, read_values
from kg.extract.records import PlanRecords
from kg.extract.structure import Structure, parse_structure
from kg.extract.tables import (find_tables, is_tab_table, parse_allocation_table,
                               parse_indicator_table, read_tab_table)
from kg.extract.text import PlanParseError, joined_with_lines

__all__ = ["DocumentError", "PlanParseError", "extract_file", "extract_text"]

# A table is an indicator table when its title says so: "表1  主要发展指标", "附件1 主要指标"
INDICATOR_TITLE = "指标"


def extract_text(text: str, file: str) -> PlanRecords:
    """All records of one plan text; `file` is the name its spans cite."""
    lines = text.split("\n")
    structure = parse_structure(lines, file)
    records = PlanRecords(file=file, groups=structure.groups, citations=parse_citations(lines, file),
                          glossary=parse_glossary(lines, file))
    records.warnings.extend(structure.warnings)
    goal_year = _first_goal_year(lines, structure)
    tasks = structure.tasks
    task_tables = []
    for start, title in find_tables(lines):
        if not is_tab_table(lines, start):
            if INDICATOR_TITLE in title:
                _add(records, parse_flat_indicator_table(lines, start, file))
            continue
        table = read_tab_table(lines, start, file)
        if is_task_table(table):
            tasks, baselines = apply_task_table(table, tasks, lines, file)
            records.baselines.extend(baselines)
            task_tables.append(table)
        elif any("下限" in cell for row in table.rows[1:2] for cell in row.cells):
            indicators, targets = parse_allocation_table(table, file)
            records.indicators.extend(indicators)
            records.targets.extend(targets)
        elif INDICATOR_TITLE in title:
            _add(records, parse_indicator_table(table, file))
    records.tasks = tasks
    # prose after tables: a value a table states comes first and gives the value's number
    for first, last in structure.goal_blocks:
        records.targets += read_values(ProseBlock(lines, first, last, file))
    for task in tasks:
        if task.kind != "subtask":
            records.targets += read_values(ProseBlock(lines, task.span.start_line,
                                                      task.span.end_line, file, task.key,
                                                      default_year=goal_year))
    for table in task_tables:
        records.targets += table_cell_targets(table, tasks, lines, file, goal_year)
    return records


def _add(records: PlanRecords, parsed) -> None:
    indicators, targets, baselines = parsed
    records.indicators.extend(indicators)
    records.targets.extend(targets)
    records.baselines.extend(baselines)


def _first_goal_year(lines: list[str], structure: Structure) -> int | None:
    """The first year the goal paragraphs name (到2027年…): the horizon of a task naming none."""
    for first, last in structure.goal_blocks:
        text, _ = joined_with_lines(lines, first, last)
        match = YEAR.search(text)
        if match:
            return int(match.group("year"))
    return None


def extract_file(path: Path) -> PlanRecords:
    """The records of one plan document (.txt, .pdf, .docx, .html: kg.extract.documents). A
    document that is not a text keeps its lines and each line's location on the records."""
    document = read_document(Path(path))
    try:
        records = extract_text(document.text, document.file)
    except PlanParseError as error:
        if document.format == "txt" or not 1 <= error.line <= len(document.locations):
            raise
        where = document.locations[error.line - 1]
        raise PlanParseError(error.file, error.line, f"({where}) {error.reason}") from error
    if document.format != "txt":
        records.lines = document.lines
        records.locations = document.locations
    return records
