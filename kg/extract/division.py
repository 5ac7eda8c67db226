"""Task-division tables (任务分工表, 重点任务清单) read from one-line rows (kg.extract.rows): the
columns by their header words, the rows into tasks, or into the units of the tasks the text
already numbered (an annex that repeats them).

A 责任单位 column is the lead column when the table also has a 配合/协办/参与 column and no 牵头
column; beside a 牵头单位 column, or alone, it lists the responsible units.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.records import GroupRecord, Span, TaskRecord
from kg.extract.rows import RowTable
from kg.extract.tables import TabRow
from kg.extract.text import chinese_number, first_sentence
from kg.extract.units import merge_units, read_cell, read_clause_text

# Header cells (white space removed) and their column's role, tried in this order:
# "序号", "编号"
NUMBER = re.compile(r"^(?:序号|编号|序)$")
# "牵头单位", "牵头部门", "主要责任单位", "牵头责任单位"
LEAD = re.compile(r"牵头|主要责任")
# "配合单位", "配合部门", "协办单位", "参与单位"
SHARED = re.compile(r"配合|协办|参与|协同")
# "责任单位", "责任部门", "责任主体"
RESPONSIBLE = re.compile(r"^责任(?:单位|部门|主体)$")
# "完成时限", "时间进度", "完成时间", "时间节点"
DEADLINE = re.compile(r"时限|进度|完成时间|时间节点|时间安排")
# "类别", "任务类别", "领域", "重点领域"
CATEGORY = re.compile(r"^(?:任务)?(?:类别|分类|领域|板块)$|^重点领域$")
# "重点任务", "工作任务", "主要任务", "任务内容", "具体措施", "工作措施", "工作内容"
TASK = re.compile(r"任务|措施|举措|工作内容|重点工作|工作事项|事项")
# "具体内容", "工作目标", "目标任务", "预期成效": more text of the task
CONTENT = re.compile(r"内容|目标|成效|成果|要求")
# The measures of a two-level table, under an upper task column ("重点任务 | 具体举措",
# "主要任务 | 工作措施 | 具体任务"): each measure is a task, the upper level its group
MEASURE = re.compile(r"举措|措施|具体任务|具体工作")
ROLES = (("number", NUMBER), ("lead", LEAD), ("shared", SHARED), ("responsible", RESPONSIBLE),
         ("deadline", DEADLINE), ("category", CATEGORY), ("task", TASK), ("content", CONTENT))
# A 序号 cell: "1", "12", "1.", "（3）"
ROW_NUMBER = re.compile(r"^[（(]?(\d{1,3})[）).、．]?$")
# A group row's numeral: "一、强化服务体系" → 一, "（二）提升能力" → 二
GROUP_NUMERAL = re.compile(r"^[（(]?([一二三四五六七八九十]+)[）)、]?\s*(.*)$")
# A 序号 cell holding a group's numeral alone: "（一）", "一、", "一"
GROUP_NUMBER_CELL = re.compile(r"^[（(]?[一二三四五六七八九十]+[）)、．.]?$")


def header_roles(cells: list[str]) -> list[str | None]:
    roles: list[str | None] = []
    for cell in cells:
        text = re.sub(r"\s+", "", cell)
        role = next((name for name, pattern in ROLES if text and pattern.search(text)), None)
        # a second task-like column is the task's content: 重点任务 | 具体内容
        if role == "task" and "task" in roles:
            role = "content"
        roles.append(role)
    if "shared" in roles and "lead" not in roles and "responsible" in roles:
        roles = ["lead" if r == "responsible" else r for r in roles]
    return _two_levels(cells, roles)


def _two_levels(cells: list[str], roles: list[str | None]) -> list[str | None]:
    """A table of two levels: the last measure column (MEASURE) after a task column is the task,
    the first task column its group ("category"), a column between them more of the task's text.
    Read as one level, every measure would be its group ("提升医疗服务能力" three times)."""
    texts = [re.sub(r"\s+", "", cell) for cell in cells]
    levels = [i for i, role in enumerate(roles) if role in ("task", "content", None)
              and (MEASURE.search(texts[i]) or role is not None and TASK.search(texts[i]))]
    measures = [i for i in levels if MEASURE.search(texts[i])]
    if "category" in roles or not measures or measures[-1] == levels[0]:
        return roles
    task = measures[-1]
    roles = list(roles)
    for i in levels:
        roles[i] = "category" if i == levels[0] else "task" if i == task else "content"
    return roles


def is_division_header(cells: list[str]) -> bool:
    roles = header_roles(cells)
    return "task" in roles and any(r in roles for r in ("lead", "shared", "responsible"))


@dataclass
class Division:
    tasks: list[TaskRecord]
    groups: list[GroupRecord]
    warnings: list[str]
    unread: list[str]   # clauses seen in a cell and not read (in warnings too)
    annex: bool = False  # the table repeats the text's tasks: `tasks` are those, with its units


def read_division(row_table: RowTable, tasks: list[TaskRecord], file: str, prefix: str,
                  from_tables: set[str] = frozenset()) -> Division:
    """The table's tasks, or `tasks` with the table's units when it repeats the text's tasks
    (those not read from another table)."""
    table = row_table.table
    roles = header_roles(list(table.rows[0].cells))
    out = Division([], [], [], [])
    group: str | None = None
    numbers_seen: set[str] = set()
    entries: list[dict] = []  # one per task: rows merged
    for index, row in enumerate(table.rows[1:], 1):
        cells = dict(zip(roles, row.cells))
        if index in row_table.group_rows or _is_group_row(cells, row):
            group = _group(row, prefix, len(out.groups) + 1, out, file)
            continue
        category = cells.get("category", "").strip()
        if category:
            group = _category_group(category, row, prefix, out, file)
        number = cells.get("number", "").strip()
        match = ROW_NUMBER.match(number)
        if entries and not number and "number" in roles:
            # a blank 序号: the row continues the task above; first on a page, its cells go on
            # the text the page cut ("县人力资源" | "和社会保障局")
            _merge_row(entries[-1], cells, row, cut=index in row_table.continued_rows)
            continue
        if entries and number and _repeats(entries[-1]["cells"], cells):
            _merge_row(entries[-1], cells, row)  # a cell merged down, repeated on each row it covers
            continue
        if not any(cells.get(r) for r in ("task", "content")):
            if entries:
                _merge_row(entries[-1], cells, row)
            continue
        entries.append({"number": int(match.group(1)) if match else None, "group": group,
                        "cells": dict(cells), "first": row.span.start_line,
                        "last": row.span.end_line})
        if number:
            numbers_seen.add(number)
    for entry in entries:   # a clause inside a task's cell: read once, and said when not read
        cells = entry["cells"]
        entry["inline"] = found = read_clause_text(cells.get("task", "") + cells.get("content", ""))
        warnings, unread = found.located(file, entry["first"])
        out.warnings.extend(warnings + unread)
        out.unread.extend(unread)
    matched = _match_prose(entries, [t for t in tasks if t.key not in from_tables])
    unique = len({e["number"] for e in entries}) == len(entries)
    if matched is None:
        out.tasks = [_task(e, position, unique, prefix, file) for position, e in
                     enumerate(entries, 1)]
        if "lead" in roles:
            out.warnings.extend(_leadless(out.tasks, file))
        return out
    # an annex repeating the text's tasks: the text's own groups stand, the rows give units
    out.groups, out.annex = [], True
    out.tasks = _annotate(tasks, entries, matched, file)
    for position, (entry, task) in enumerate(zip(entries, matched), 1):
        if task is None:
            out.warnings.append(f"{file} line {entry['first']}: this row of the task table "
                                "repeats no task of the text; read as a task of its own")
            out.tasks.append(replace(_task(entry, position, unique, prefix, file), group=None))
    return out


def _leadless(tasks: list[TaskRecord], file: str) -> list[str]:
    """Rows with no 牵头 unit in a table whose other rows name theirs: a lead cell merged down
    from the page before (a PDF gives it on its first page only) reads so, and is said."""
    led = sum(1 for t in tasks if t.lead_units)
    if led * 2 < len(tasks):
        return []
    return [f"{file} line {t.span.start_line}: the table's row names no 牵头 unit though its "
            "other rows do (a lead cell merged down from the page before?)"
            for t in tasks if not t.lead_units]


def _is_group_row(cells: dict, row: TabRow) -> bool:
    """A row printed as a heading: text in its first cell only ("一、强化服务体系"), or a group
    numeral in the 序号 cell with a title and no unit or deadline ("（一） | 健全服务体系 |  |  |")."""
    filled = [c for c in row.cells if c.strip()]
    if len(filled) == 1:
        return bool(GROUP_NUMERAL.match(filled[0].strip())) and not ROW_NUMBER.match(filled[0].strip())
    return bool(GROUP_NUMBER_CELL.match(cells.get("number", "").strip())) and \
        not any(cells.get(r, "").strip() for r in ("lead", "shared", "responsible", "deadline"))


def _group(row: TabRow, prefix: str, position: int, out: Division, file: str) -> str:
    text = "".join(c.strip() for c in row.cells if c.strip())
    match = GROUP_NUMERAL.match(text)
    number = chinese_number(match.group(1)) if match and match.group(2) else None
    title = (match.group(2) if match and match.group(2) else text).rstrip("。")
    key = f"{prefix}{number if number is not None else position}"
    out.groups.append(GroupRecord(key, number, title, 1, Span(file, row.span.start_line,
                                                              row.span.end_line)))
    return key


def _category_group(category: str, row: TabRow, prefix: str, out: Division, file: str) -> str:
    for group in out.groups:
        if group.title == category:
            return group.key
    key = f"{prefix}{len(out.groups) + 1}"
    out.groups.append(GroupRecord(key, None, category, 1, Span(file, row.span.start_line,
                                                                row.span.start_line)))
    return key


def _repeats(above: dict, cells: dict) -> bool:
    """The row prints the 序号 and task of the row above again: a Word or PDF cell merged down
    over both rows, which readers give on every row it covers."""
    return cells.get("number", "").strip() == above.get("number", "").strip() and \
        cells.get("task", "").strip() == above.get("task", "").strip()


def _merge_row(entry: dict, cells: dict, row: TabRow, cut: bool = False) -> None:
    for role, text in cells.items():
        if not text or role in ("number", "category") or text == entry["cells"].get(role):
            continue
        previous = entry["cells"].get(role, "")
        joiner = "、" if role in ("lead", "shared", "responsible") else ""
        if cut and not previous.endswith(("、", "，", ",", "；", ";")):
            joiner = ""
        entry["cells"][role] = f"{previous}{joiner if previous else ''}{text}"
    entry["last"] = row.span.end_line


def _units(entry: dict) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    cells = entry["cells"]
    leads, shares, deadlines = [], [], []
    for column, role in (("lead", "lead"), ("responsible", "shared"), ("shared", "shared")):
        lead_names, shared_names, stated = read_cell(cells.get(column, ""), role)
        leads.append(lead_names)
        shares.append(shared_names)
        deadlines.append(stated)
    lead, shared = merge_units(*leads), merge_units(*shares)
    deadline = cells.get("deadline", "").strip() or next((d for d in deadlines if d), None)
    inline = entry["inline"]   # a clause inside the task's cell: "…（牵头单位：区卫健委）"
    return merge_units(lead, inline.lead), merge_units(shared, inline.shared), \
        deadline or inline.deadline


def _task(entry: dict, position: int, unique: bool, prefix: str, file: str) -> TaskRecord:
    cells = entry["cells"]
    lead, shared, deadline = _units(entry)
    task_text = cells.get("task", "") or cells.get("content", "")
    text = task_text + (f"\n{cells['content']}" if cells.get("task") and cells.get("content")
                        else "")
    number = entry["number"]
    if number is not None and unique:
        key = f"{prefix}{number}"
    else:
        key = f"{prefix}{entry['group'] + '.' if entry['group'] else ''}{number or position}"
    span = Span(file, entry["first"], entry["last"])
    return TaskRecord(key=key, number=number, title=_title(task_text), text=text,
                      group=entry["group"], span=span, lead_units=lead,
                      responsible_units=merge_units(lead, shared), deadline=deadline)


def _title(text: str) -> str:
    return first_sentence(re.sub(r"^\d{1,3}\s*[.．、]\s*", "", text.strip())).rstrip("；;")


def _norm(text: str) -> str:
    return re.sub(r"[\s。；;，,、]", "", text)


def _match_prose(entries: list[dict], prose: list[TaskRecord]) -> list[TaskRecord | None] | None:
    """For each row the text's task it repeats: by title when at least half of the rows name one,
    the others then by number; by number alone when the rows and the text's tasks are numbered
    alike one for one. None when the table stands alone."""
    candidates = [t for t in prose if t.kind == "task"]
    if not candidates or not entries:
        return None
    by_number = {t.number: t for t in candidates if t.number is not None}
    by_title: list[TaskRecord | None] = []
    for entry in entries:
        text = _norm(entry["cells"].get("task", "") + entry["cells"].get("content", ""))
        by_title.append(next((t for t in candidates if _norm(t.title) and
                              (_norm(t.title) in text or (text and text in _norm(t.text)))),
                             None))
    if sum(1 for m in by_title if m is not None) * 2 >= len(entries):
        return [m or by_number.get(e["number"]) for m, e in zip(by_title, entries)]
    numbers = [e["number"] for e in entries]
    if len(entries) == len(candidates) and sorted(n for n in numbers if n) == sorted(by_number) \
            and None not in numbers:
        return [by_number[n] for n in numbers]
    return None


def _annotate(prose: list[TaskRecord], entries: list[dict], matched: list[TaskRecord | None],
              file: str) -> list[TaskRecord]:
    updated = {t.key: t for t in prose}
    for entry, task in zip(entries, matched):
        if task is None:
            continue
        lead, shared, deadline = _units(entry)
        current = updated[task.key]
        first = current.table_span.start_line if current.table_span else entry["first"]
        updated[task.key] = replace(
            current, table_span=Span(file, first, entry["last"]),
            lead_units=merge_units(current.lead_units, lead),
            responsible_units=merge_units(current.lead_units, lead, current.responsible_units,
                                          shared),
            deadline=current.deadline or deadline)
    return [updated[t.key] for t in prose]

