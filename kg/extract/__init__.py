"""Plan text → records: the one entry point the rest of plankg calls.

`extract_file(path)` reads one plan; nothing here knows which plan it is.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from kg.extract.annex import apply_task_table, is_task_table, table_cell_targets
from kg.extract.citations import parse_citations
from kg.extract.documents import DocumentError, read_document
from kg.extract.flat_table import parse_flat_indicator_table
from kg.extract.glossary import parse_glossary
from kg.extract.glyphs import normalise
from kg.extract.reflow import reflow, stretch
from kg.extract.header import read_header
from kg.extract.quality import check
from kg.extract.prose import YEAR, ProseBlock, read_values
from kg.extract.division import is_division_header, read_division
from kg.extract.records import PlanRecords, Span
from kg.extract.rows import RowTable, find_row_tables
from kg.extract.structure import Structure, parse_structure
from kg.extract.tables import (find_tables, is_indicator_header, is_tab_table,
                               parse_allocation_table, parse_indicator_table, read_tab_table)
from kg.extract.text import PlanParseError, joined_with_lines

__all__ = ["DocumentError", "PlanParseError", "extract_file", "extract_text"]

# The plan's rule that the first unit listed leads: "列第一位的为牵头单位", "排在首位的为牵头部门"
FIRST_LISTED_LEAD = re.compile(r"(?:列|排)在?(?:第一位|首位|最前)的?(?:单位|部门)?为牵头(?:单位|部门)")
# A table is an indicator table when its title says so: "表1  主要发展指标", "附件1 主要指标"
INDICATOR_TITLE = "指标"


def extract_text(text: str, file: str, metadata: dict[str, str] | None = None,
                 pages: list[int] | None = None) -> PlanRecords:
    """All records of one plan text; `file` is the name its spans cite, `metadata` what a
    document's container states of it (kg.extract.documents), `pages` the 0-based lines its pages
    start on where the document says (a PDF)."""
    # a PDF's text broken at the page width joined back, its page furniture blanked
    printed = normalise(text).split("\n")
    reflowed = reflow(printed, file, pages)
    lines = reflowed.lines
    row_tables = find_row_tables(lines, file, _known_header)
    # a table's lines are cells, not headings or paragraphs: the structure reads the rest
    prose_lines = _masked(lines, [t.table.span for t in row_tables])
    structure = parse_structure(prose_lines, file)
    # citations are read over the lines as printed: a title 《…》 over its wraps, at its own lines
    records = PlanRecords(file=file, header=read_header(lines, file, metadata),
                          citations=parse_citations(printed, file),
                          glossary=parse_glossary(lines, file))
    records.warnings.extend(reflowed.warnings + structure.warnings + structure.unread)
    records.unread.extend(reflowed.unread)
    records.unread.extend(structure.unread)
    goal_year = _first_goal_year(lines, structure)
    tasks, groups = structure.tasks, list(structure.groups)
    from_tables: set[str] = set()
    for number, row_table in enumerate(row_tables, 1):
        header = list(row_table.table.rows[0].cells)
        refused = _copied_table(row_table)
        if refused:
            span = row_table.table.span
            records.not_read(f"{file} lines {span.start_line}-{span.end_line}: a table copied as "
                             f"text {refused}, so which column or row each cell is in cannot be "
                             "told: the table is not read; read the document itself (plankg "
                             "reads .pdf, .docx, .html)")
            continue
        if is_division_header(header):
            division = read_division(row_table, tasks, file, "", from_tables) \
                if not tasks and number == 1 else None
            taken = {g.key for g in groups}
            if division is None or any(g.key in taken for g in division.groups):
                # keys of their own where the text's headings hold the same numbers
                division = read_division(row_table, tasks, file, f"t{number}.", from_tables)
            records.warnings.extend(division.warnings)
            records.unread.extend(division.unread)
            from_tables |= {t.key for t in division.tasks} - {t.key for t in tasks}
            tasks = division.tasks if division.annex else _without_group_headings(
                tasks, division.groups, from_tables) + division.tasks
            groups += division.groups
        else:
            _add(records, parse_indicator_table(row_table.table, file))
    task_tables = []
    read = [t.table.span for t in row_tables]
    row_starts = {t.table.span.start_line - 1 for t in row_tables}
    for start, title in find_tables(prose_lines):
        if _titles(start, row_starts):
            continue  # the title of a one-line-row table, read above
        if not is_tab_table(prose_lines, start):
            if INDICATOR_TITLE in title:
                try:
                    _add(records, parse_flat_indicator_table(prose_lines, start, file))
                except PlanParseError as error:   # the rest of the plan is read all the same
                    records.not_read(f"{file} line {error.line}: the table {title!r} was not "
                                     f"read: {error.reason}")
            continue
        table = read_tab_table(prose_lines, start, file)
        if is_task_table(table):
            tasks, baselines = apply_task_table(table, tasks, prose_lines, file)
            records.baselines.extend(baselines)
            task_tables.append(table)
        elif any("下限" in cell for row in table.rows[1:2] for cell in row.cells):
            indicators, targets = parse_allocation_table(table, file)
            records.indicators.extend(indicators)
            records.targets.extend(targets)
        elif INDICATOR_TITLE in title:
            _add(records, parse_indicator_table(table, file))
        else:
            records.not_read(f"{file} lines {table.span.start_line}-{table.span.end_line}: "
                             f"the table {title!r} was not read: it is neither a task table nor "
                             "an indicator table")
        read.append(table.span)
    records.tasks, records.groups = _first_listed_leads(lines, tasks), groups
    check(records, lines, read)
    # prose after tables: a value a table states comes first and gives the value's number
    # values are read where they are printed: over the lines as broken (ProseBlock joins them
    # itself, keeping each character's own line), to the last line joined to a block's end
    printed_lines = reflowed.unjoined

    def through(last: int) -> int:
        return reflowed.extent.get(last, last)

    for first, last in structure.goal_blocks:
        records.targets += read_values(ProseBlock(printed_lines, first, through(last), file))
    for task in tasks:
        if task.kind != "subtask":
            records.targets += read_values(ProseBlock(printed_lines, task.span.start_line,
                                                      through(task.span.end_line), file, task.key,
                                                      default_year=goal_year,
                                                      skip_cells=task.key not in from_tables))
    for table in task_tables:
        records.targets += table_cell_targets(table, tasks, lines, file, goal_year)
    if reflowed.extent:   # what was read over joined lines cites every line it stood on
        records.tasks = stretch(records.tasks, reflowed.extent)
        records.groups = stretch(records.groups, reflowed.extent)
        records.glossary = stretch(records.glossary, reflowed.extent)
        records.header = stretch(records.header, reflowed.extent)
    return records


def _first_listed_leads(lines: list[str], tasks: list) -> list:
    """Where the plan says so ("责任单位中，列第一位的为牵头单位"), the first unit of a task that
    marks no lead is its lead."""
    if not any(FIRST_LISTED_LEAD.search(line) for line in lines):
        return tasks
    return [replace(t, lead_units=t.responsible_units[:1]) if t.responsible_units
            and not t.lead_units else t for t in tasks]


def _without_group_headings(tasks: list, table_groups: list, from_tables: set[str]) -> list:
    """The text's tasks but those that are the groups of a task table standing alone: a heading
    of the body printing the label of a 主要任务 column ("（一）夯实基层医疗卫生机构基础"), with
    no unit of its own, is that group, not a task beside the table's measures."""
    labels = {re.sub(r"[\s。；;，,]", "", g.title) for g in table_groups}
    return [t for t in tasks if t.key in from_tables or t.responsible_units or t.kind != "task"
            or re.sub(r"[\s。；;，,]", "", t.title) not in labels]


def _copied_table(row_table: RowTable) -> str | None:
    """How a table copied as text lost what its rows need, or None: a page's table whose cells
    merged down were left out of the rows they cover, or pdftotext -layout's table whose cells
    wrap in several columns at once."""
    if row_table.wrapped_layout:
        return ("laid out by spaces (pdftotext -layout), its cells wrapped over several lines in "
                "several columns")
    if row_table.short_rows:
        lines = ", ".join(map(str, row_table.short_rows[:5]))
        return (f"with its merged cells left out: {len(row_table.short_rows)} row(s) (line "
                f"{lines}…) have fewer cells than its header")
    return None


def _known_header(cells: list[str]) -> bool:
    """A one-line-row table this package reads: a task-division or an indicator table."""
    return is_division_header(cells) or is_indicator_header(cells)


def _titles(start: int, row_starts: set[int]) -> bool:
    """The title at `start` stands over a one-line-row table: the table's header is one of the
    three lines after it (the title may wrap, a unit line "单位：…" or a blank line may come between)."""
    return any(start < i <= start + 3 for i in row_starts)


def _masked(lines: list[str], spans: list[Span]) -> list[str]:
    masked = list(lines)
    for span in spans:
        for number in range(span.start_line, span.end_line + 1):
            masked[number - 1] = ""
    return masked


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
        records = extract_text(document.text, document.file, document.metadata,
                               document.page_starts())
    except PlanParseError as error:
        if document.format == "txt" or not 1 <= error.line <= len(document.locations):
            raise
        where = document.locations[error.line - 1]
        raise PlanParseError(error.file, error.line, f"({where}) {error.reason}") from error
    if document.format != "txt":
        records.lines = document.lines
        records.locations = document.locations
    return records
