"""What a plan's extraction read and what it could not: the per-plan counts every build prints,
and the warnings that say where text was seen but not read (file and lines, for `--strict`).

A plan that yields no task, a task with no responsible unit in a plan whose other tasks have
some, a table-like block no reader took (three or more lines splitting into the same three or
more cells), and a responsibility clause seen but not parsed (kg.extract.units) each warn.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.records import PlanRecords, Span
from kg.extract.rows import separator_of, split_line

# A table-like block is this many lines with one column structure
MIN_TABLE_LINES = 3
# A word of a role or a sentence inside a unit's name: "市卫生健康局（牵头）", "县财政局按职责"
ROLE_IN_NAME = re.compile(r"牵头|配合|协办|负责|按职责|参与")
OPEN, CLOSE = "（(", "）)"
# Words a plan assigns responsibility with, in a clause, a table's header or a 分工 annex's title
ROLE_TEXT = re.compile(r"牵头单位|牵头部门|责任单位|责任部门|配合单位|分工表|任务分工")


@dataclass(frozen=True)
class Quality:
    """The counts `plankg build` and `plankg add` print for one plan."""

    tasks: int
    links: int  # task → responsible unit, leads included
    leads: int  # task → lead unit
    deadlines: int
    indicators: int  # distinct indicator names with a value or a table row
    unread: int  # blocks seen and not read
    warnings: int

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def quality(records: PlanRecords) -> Quality:
    top = [t for t in records.tasks if t.kind != "subtask"]
    names = {i.name for i in records.indicators} | {
        v.indicator for v in records.targets + records.baselines if v.indicator}
    return Quality(len(top), sum(len(t.responsible_units) for t in top),
                   sum(len(t.lead_units) for t in top), sum(1 for t in top if t.deadline),
                   len(names), len(records.unread), len(records.warnings))


def unread_blocks(lines: list[str], read: list[Span], file: str) -> list[Span]:
    """Runs of lines with one column structure (separator and cell count) that no table
    reader took: a table in a layout plankg does not know."""
    taken = {n for span in read for n in range(span.start_line, span.end_line + 1)}
    blocks: list[Span] = []
    run: list[int] = []
    shape = None
    for number, line in enumerate(lines + [""], 1):
        separator = separator_of(line) if number not in taken and line.strip() else None
        current = (separator, len(split_line(line, separator))) if separator else None
        if current is not None and current == shape:
            run.append(number)
            continue
        if len(run) >= MIN_TABLE_LINES:
            blocks.append(Span(file, run[0], run[-1]))
        run, shape = ([number], current) if current else ([], None)
    return blocks


def check(records: PlanRecords, lines: list[str], read: list[Span]) -> None:
    """Adds the plan-level warnings and unread blocks to `records`."""
    file = records.file
    for span in unread_blocks(lines, read, file):
        records.not_read(f"{file} lines {span.start_line}-{span.end_line}: a table-like "
                                "block (the same columns on each line) was not read: its header "
                                "names no task and responsible-unit columns, nor an indicator "
                                "and a year")
    tasks = [t for t in records.tasks if t.kind != "subtask"]
    if not tasks:
        records.not_read(f"{file}: no task was found (no 重点任务/主要任务 part with numbered "
                                "items, no responsibility clauses, no task table)")
        return
    for task in tasks:
        for name in dict.fromkeys(task.responsible_units):
            problem = broken_name(name)
            if problem:
                records.not_read(f"{file} lines {task.span.start_line}-{task.span.end_line}: task "
                                 f"{task.key} names {name!r}, {problem}: a unit's name is not "
                                 "read whole")
    if not any(t.responsible_units for t in tasks) and any(ROLE_TEXT.search(line) for line in lines):
        records.not_read(f"{file}: the text speaks of who is responsible (牵头, 责任单位, 分工) but no "
                         "task names a responsible unit: a task table or clause was not read (a table "
                         "copied as text? read the document itself)")
    if any(t.responsible_units for t in tasks):
        for task in tasks:
            if not task.responsible_units and task.kind == "task":
                records.not_read(
                    f"{file} lines {task.span.start_line}-{task.span.end_line}: task {task.key} "
                    "names no responsible unit, though other tasks of the plan do")


def broken_name(name: str) -> str | None:
    """Why a unit's name as read cannot be a whole name (a fragment of a wrapped line, a role word
    left in it), or None. Whether a whole name is known is the registry's question."""
    if len(name) < 2:
        return "one character"
    if sum(name.count(c) for c in OPEN) != sum(name.count(c) for c in CLOSE):
        return "a bracket left open or closed alone"
    if ROLE_IN_NAME.search(name):
        return "a role word left in it"
    return None
