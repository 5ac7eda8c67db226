"""The responsibility matrix (任务分工表) of a plan or of a jurisdiction's plans: rows are tasks
with their group, columns the bodies they name, a cell `lead` (pk:leadUnit, 牵头单位) or `shared`
(pk:responsibleUnit only), with per body how many tasks it leads and shares. Built from the rows
of api/rq/matrix.rq; written as the JSON model, CSV or XLSX (openpyxl)."""
from __future__ import annotations

import csv
import io
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from pydantic import BaseModel, Field

from api.reader import local_id
from api.rest_schemas import Ref
from api.shape import Row, grouped, natural

Role = Literal["lead", "shared"]
ROLE_ZH = {"lead": "牵头", "shared": "参与"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


class MatrixBody(Ref):
    """A column: a body, and how many of the matrix's tasks it leads and shares."""

    lead: int = Field(description="tasks naming it as lead 牵头单位")
    shared: int = Field(description="tasks naming it as responsible, not as lead")
    tasks: int = Field(description="lead + shared")


class MatrixTask(BaseModel):
    """A row: a task, its group, and the role of each body it names (by the body's id)."""

    id: str = Field(examples=["task/yongchuan-2025/1"])
    iri: str
    plan: str = Field(examples=["plan/yongchuan-2025"])
    number: str | None = None
    title: str
    group: str | None = None
    group_number: str | None = None
    group_title: str | None = None
    cells: dict[str, Role] = Field(description="body id → lead | shared; bodies not named absent")


class MatrixPlan(BaseModel):
    id: str
    iri: str
    title: str
    jurisdiction_zh: str | None = None
    tasks: int = Field(description="every task of the plan")
    unassigned: int = Field(description="its tasks that name no responsible body")


class Matrix(BaseModel):
    scope: Ref = Field(description="the plan or the jurisdiction asked for")
    plans: list[MatrixPlan]
    bodies: list[MatrixBody] = Field(description="most tasks first, then by name")
    tasks: list[MatrixTask] = Field(description="the tasks naming at least one body, in plan order")


def build_matrix(scope: Ref, plan_rows: list[Row], rows: list[Row]) -> Matrix:
    """The matrix from api/rq/matrix-scope.rq rows (`plan_rows`) and api/rq/matrix.rq rows."""
    tasks = []
    counts: dict[str, dict[str, int]] = {}
    labels: dict[str, Row] = {}
    for iri, task_rows in sorted(grouped(rows, "task").items(), key=lambda i: natural(i[0])):
        first = task_rows[0]
        cells: dict[str, Role] = {}
        for row in task_rows:
            body = local_id(row["unit"]) or row["unit"]
            role: Role = "lead" if row.get("lead") else "shared"
            if cells.get(body) != "lead":      # a body both lead and shared is lead
                cells[body] = role
            labels.setdefault(body, row)
        for body, role in cells.items():
            counts.setdefault(body, {"lead": 0, "shared": 0})[role] += 1
        tasks.append(MatrixTask(
            id=local_id(iri), iri=iri, plan=local_id(first["plan"]),
            number=_text(first.get("number")),
            title=first["title"], group=local_id(first.get("group")),
            group_number=_text(first.get("groupNumber")), group_title=first.get("groupTitle"),
            cells=cells))
    bodies = [MatrixBody(id=body, iri=labels[body]["unit"], label_zh=labels[body].get("unitZh"),
                         label_en=labels[body].get("unitEn"), lead=c["lead"], shared=c["shared"],
                         tasks=c["lead"] + c["shared"]) for body, c in counts.items()]
    bodies.sort(key=lambda b: (-b.tasks, -b.lead, b.label_zh or b.id))
    plans = [MatrixPlan(id=local_id(p["plan"]), iri=p["plan"], title=p["title"],
                        jurisdiction_zh=p.get("jurisdictionZh"), tasks=p.get("tasks", 0),
                        unassigned=p.get("unassigned", 0)) for p in plan_rows]
    return Matrix(scope=scope, plans=plans, bodies=bodies, tasks=tasks)


def _text(value) -> str | None:
    return None if value is None else str(value)


def header(matrix: Matrix) -> list[str]:
    return (["plan", "task", "number", "title", "group number", "group title"]
            + [body.label_zh or body.id for body in matrix.bodies])


def table(matrix: Matrix) -> list[list]:
    """The rows under header(): one per task, a cell 牵头 lead / 参与 shared / empty per body;
    then a row each of the bodies' lead and shared counts."""
    rows = [[t.plan.removeprefix("plan/"), t.id, t.number or "", t.title, t.group_number or "",
             t.group_title or ""] + [ROLE_ZH.get(t.cells.get(b.id, ""), "") for b in matrix.bodies]
            for t in matrix.tasks]
    for role in ("lead", "shared"):
        rows.append(["", "", "", f"{ROLE_ZH[role]} {role} (tasks)", "", ""]
                    + [getattr(b, role) for b in matrix.bodies])
    return rows


def to_csv(matrix: Matrix) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header(matrix))
    writer.writerows(table(matrix))
    return out.getvalue()


def to_xlsx(matrix: Matrix) -> bytes:
    """Two sheets: 分工表 (the matrix, lead cells shaded, header frozen) and 单位 (the counts)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "分工表"
    sheet.append(header(matrix))
    lead_fill = PatternFill("solid", fgColor="F4C7A1")
    for row in table(matrix):
        sheet.append(row)
        for cell in sheet[sheet.max_row][6:]:
            if cell.value == ROLE_ZH["lead"]:
                cell.fill = lead_fill
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "G2"
    sheet.column_dimensions["D"].width = 36
    for index in range(7, 7 + len(matrix.bodies)):
        sheet.column_dimensions[get_column_letter(index)].width = 10
    counts = book.create_sheet("单位")
    counts.append(["body", "id", "lead 牵头", "shared 参与", "tasks"])
    for body in matrix.bodies:
        counts.append([body.label_zh or body.id, body.id, body.lead, body.shared, body.tasks])
    for cell in counts[1]:
        cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
