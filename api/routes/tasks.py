"""/api/tasks/{plan}/{task}: one task with its units (lead or shared), the institutions its text
names, its sub-tasks, the targets it states and the source lines it was read from."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path

from api.reader import SEGMENT, GraphReader, NotFound, get_reader, instance, local_id
from api.rest_schemas import Ref, TaskDetail, Unit
from api.routes.plans import PlanId
from api.shape import facts, natural, ref, source_lines

router = APIRouter(prefix="/api/tasks", tags=["tasks"])

TaskKey = Path(pattern=f"^{SEGMENT}$", max_length=100,
               description="the task's number in its plan: 6, 16.3, c8.2", examples=["16"])


@router.get("/{plan_id}/{task_key}", response_model=TaskDetail,
            summary="One task: units, institutions, sub-tasks, targets, source lines")
async def get_task(plan_id: str = PlanId, task_key: str = TaskKey,
                   reader: GraphReader = Depends(get_reader)) -> TaskDetail:
    task = instance(f"task/{plan_id}/{task_key}")
    found = await reader.rows("task", task=task)
    if not found:
        raise NotFound(f"no task {task_key!r} in plan {plan_id!r}; "
                       f"GET /api/plans/{plan_id}/tasks lists them")
    row = found[0]
    units = await reader.rows("task-units", task=task)
    institutions = await reader.rows("task-institutions", task=task)
    subtasks = await reader.rows("task-subtasks", task=task)
    targets = await reader.rows("facts", askedTask=task)
    spans = await reader.rows("resource-spans", resource=task)
    return TaskDetail(
        id=local_id(task.value), iri=task.value, plan=local_id(row["plan"]),
        number=row.get("number"), kind=row.get("kind"), title=row["title"], text=row.get("text"),
        group=local_id(row.get("group")), group_title=row.get("groupTitle"),
        parent=local_id(row.get("parent")),
        units=[Unit(**ref(u, "unit", "unitZh", "unitEn").model_dump(),
                    role="lead" if u["lead"] else "shared") for u in _distinct_units(units)],
        institutions=[ref(i, "unit", "unitZh", "unitEn") for i in institutions],
        subtasks=[Ref(id=local_id(s["subtask"]), iri=s["subtask"], label_zh=s["title"])
                  for s in sorted(subtasks, key=lambda s: natural(s["subtask"]))],
        targets=facts(targets, reader.build),
        sources=[source_lines(s, reader.build) for s in spans])


def _distinct_units(rows):
    """One row per unit (a unit of two types would otherwise come twice)."""
    return list({row["unit"]: row for row in rows}.values())
