"""Annex tables that repeat the numbered tasks: decomposition tables (重点任务分解表, with
牵头单位 lead and 责任单位 responsible columns) and checklists (重点任务清单, with a 2023年情况 column).
"""
from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.prose import ProseBlock, read_values
from kg.extract.records import Span, TaskRecord, ValueRecord
from kg.extract.tables import TabRow, TabTable
from kg.extract.text import first_sentence
from kg.extract.units import merge_units, read_cell

# Header cells naming the columns these tables have: "牵头单位", "责任单位", "责任部门", "2023年情况"
LEAD = re.compile(r"牵头单位")
RESPONSIBLE = re.compile(r"责任单位|责任部门")
CONTENT = re.compile(r"具体内容")
SITUATION = re.compile(r"(?P<year>\d{4})年(?:情况|现状)")
ROW_NUMBER = re.compile(r"^\d{1,3}$")


def is_task_table(table: TabTable) -> bool:
    header = table.rows[0].cells if table.rows else ()
    return any(RESPONSIBLE.search(cell) for cell in header)


def apply_task_table(table: TabTable, tasks: list[TaskRecord], lines: list[str], file: str
                     ) -> tuple[list[TaskRecord], list[ValueRecord]]:
    """Tasks with the table's units, spans and sub-tasks added; baselines a checklist states."""
    header = table.rows[0].cells
    column = {name: _column(header, pattern) for name, pattern in
              (("lead", LEAD), ("responsible", RESPONSIBLE), ("content", CONTENT),
               ("situation", SITUATION))}
    situation_year = int(SITUATION.search(header[column["situation"]]).group("year")) \
        if column["situation"] is not None else None
    by_number = {t.number: t for t in tasks if t.kind == "task" and t.number is not None}
    rows_of: dict[int, list[TabRow]] = {}
    current = None
    for row in table.rows[1:]:
        first = row.cells[0].strip() if row.cells else ""
        if ROW_NUMBER.match(first):
            current = int(first)
            rows_of.setdefault(current, []).append(row)
        elif current is not None and not first and len(row.cells) == len(header):
            rows_of[current].append(row)  # a continuation row: blank 序号 and 重点任务 cells
        elif first:
            current = None  # a group row: "（一）"
    updated = {t.key: t for t in tasks}
    extra: list[TaskRecord] = []
    baselines: list[ValueRecord] = []
    for number, rows in rows_of.items():
        task = by_number.get(number)
        if task is None:
            continue
        cells = [(read_cell(_cell(r, column["lead"]), "lead"),
                  read_cell(_cell(r, column["responsible"]), "shared")) for r in rows]
        leads = [merge_units(lead[0], resp[0]) for lead, resp in cells]
        responsible = [merge_units(lead[1], resp[1]) for lead, resp in cells]
        table_span = Span(file, rows[0].span.start_line, rows[-1].span.end_line)
        all_leads = merge_units(*leads)
        updated[task.key] = replace(
            task, table_span=table_span, lead_units=merge_units(task.lead_units, all_leads),
            table_text="\n".join(_cell(r, column["content"]) for r in rows).strip(),
            responsible_units=merge_units(all_leads, task.responsible_units, *responsible))
        if len(rows) > 1:
            for index, (row, lead, resp) in enumerate(zip(rows, leads, responsible), 1):
                content = _cell(row, column["content"])
                extra.append(TaskRecord(
                    key=f"{task.key}.{index}", number=None, title=first_sentence(content),
                    text=content, group=task.group, span=row.span, lead_units=lead,
                    responsible_units=merge_units(lead, resp), parent=task.key, kind="subtask"))
        if situation_year is not None:
            baselines += _situation(rows[0], column["situation"], situation_year, task.key,
                                    lines, file)
    ordered = []
    for task in tasks:
        ordered.append(updated[task.key])
        ordered += [sub for sub in extra if sub.parent == task.key]
    return ordered, baselines


def table_cell_targets(table: TabTable, tasks: list[TaskRecord], lines: list[str], file: str,
                       default_year: int | None) -> list[ValueRecord]:
    """Targets a decomposition table's 具体内容 cells state, attached to their (sub-)tasks."""
    header = table.rows[0].cells
    content = _column(header, CONTENT)
    if content is None:
        return []
    by_span = {(t.span.start_line, t.span.end_line): t for t in tasks if t.kind == "subtask"}
    found = []
    for task in tasks:
        rows = [r for r in table.rows[1:] if task.table_span and
                task.table_span.start_line <= r.span.start_line <= task.table_span.end_line]
        for row in rows:
            owner = by_span.get((row.span.start_line, row.span.end_line), task)
            line = row.cell_lines[content]
            found += read_values(ProseBlock(lines, line, line, file, owner.key,
                                            default_year=default_year, skip_cells=False))
    return found


def _situation(row: TabRow, index: int, year: int, task: str, lines: list[str], file: str
               ) -> list[ValueRecord]:
    """The task's situation in that year as text, and each indicator value stated in it."""
    line = row.cell_lines[index]
    cell = row.cells[index].strip()
    whole = ValueRecord(kind="baseline", indicator="", year=year, text=cell,
                        span=Span(file, line, line), task=task)
    stated = read_values(ProseBlock(lines, line, line, file, task, skip_cells=False),
                         kind="baseline", year=year)
    return [whole] + stated


def _column(header: tuple[str, ...], pattern: re.Pattern) -> int | None:
    return next((i for i, cell in enumerate(header) if pattern.search(cell)), None)


def _cell(row: TabRow, index: int | None) -> str:
    return row.cells[index].strip() if index is not None and index < len(row.cells) else ""
