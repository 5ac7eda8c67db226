"""/api/plans: the plans of the corpus, one plan with the policies it cites, a plan's task groups,
and a plan's tasks narrowed by responsible unit (any printed name or alias) and lead role."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from api.paging import PAGED, Page, answer, page
from api.reader import SEGMENT, GraphReader, NotFound, boolean, get_reader, instance, local_id, text
from api.rest_schemas import Group, PlanDetail, PlanSummary, Policy, Quality, TaskSummary, Unit
from api.shape import Row, grouped, natural, ref

router = APIRouter(prefix="/api/plans", tags=["plans"])

PlanId = Path(pattern=f"^{SEGMENT}$", max_length=100, description="e.g. yongchuan-2025",
              examples=["yongchuan-2025"])


def plan_summary(row: Row) -> PlanSummary:
    return PlanSummary(
        id=local_id(row["plan"]), iri=row["plan"], title=row["title"],
        identifier=row.get("identifier"), issued=row.get("issued"),
        issuer_name=row.get("issuerName"), publisher=ref(row, "publisher"),
        jurisdiction=ref(row, "jurisdiction", "jurisdictionZh", "jurisdictionEn"),
        groups=row.get("groups", 0), tasks=row.get("tasks", 0), targets=row.get("targets", 0),
        baselines=row.get("baselines", 0))


async def existing_plan(reader: GraphReader, plan_id: str) -> Row:
    rows = await reader.rows("plans", plan=instance(f"plan/{plan_id}"))
    if not rows:
        raise NotFound(f"no plan {plan_id!r}; GET /api/plans lists them")
    return rows[0]


@router.get("", response_model=list[PlanSummary], responses=PAGED,
            summary="The plans of the corpus, a page at a time (in the order of their ids)")
async def list_plans(request: Request, response: Response, paging: Page = Depends(page),
                     reader: GraphReader = Depends(get_reader)) -> list[PlanSummary]:
    rows = await reader.rows("plans", paging)
    return answer([plan_summary(row) for row in rows], paging, request, response)


@router.get("/{plan_id}", response_model=PlanDetail, summary="One plan and the policies it cites")
async def get_plan(plan_id: str = PlanId, reader: GraphReader = Depends(get_reader)) -> PlanDetail:
    row = await existing_plan(reader, plan_id)
    cites = await reader.rows("plan-cites", plan=instance(f"plan/{plan_id}"))
    read = await reader.rows("plan-quality", plan=instance(f"plan/{plan_id}"))
    counts = read[0] if read else {}
    quality = Quality(tasks=counts.get("tasks", 0), links=counts.get("links", 0),
                      leads=counts.get("leads", 0), deadlines=counts.get("deadlines", 0),
                      warnings=sorted(w for w in str(counts.get("warnings") or "").split("\n")
                                      if w))
    return PlanDetail(**plan_summary(row).model_dump(), quality=quality,
                      cites=[Policy(id=local_id(c["policy"]), iri=c["policy"], title=c.get("title"),
                                    identifier=c.get("identifier")) for c in cites])


@router.get("/{plan_id}/groups", response_model=list[Group], summary="A plan's task groups")
async def plan_groups(plan_id: str = PlanId, reader: GraphReader = Depends(get_reader)
                      ) -> list[Group]:
    await existing_plan(reader, plan_id)
    rows = await reader.rows("groups", plan=instance(f"plan/{plan_id}"))
    return [Group(id=local_id(r["group"]), iri=r["group"], number=r.get("number"),
                  level=r.get("level"), title=r["title"], parent=local_id(r.get("parent")),
                  tasks=r.get("tasks", 0))
            for r in sorted(rows, key=lambda r: natural(r["group"]))]


@router.get("/{plan_id}/tasks", response_model=list[TaskSummary],
            summary="A plan's tasks, optionally only those naming a unit (as lead)")
async def plan_tasks(
        plan_id: str = PlanId,
        unit: str | None = Query(None, min_length=1, max_length=100,
                                 description="a responsible unit by any name or alias the plans "
                                             "print, exactly (区卫生健康委, 区卫健委 …)"),
        lead: bool = Query(False, description="only tasks where that unit (or, without unit, "
                                              "any unit) is named as lead 牵头单位"),
        reader: GraphReader = Depends(get_reader)) -> list[TaskSummary]:
    await existing_plan(reader, plan_id)
    rows = await reader.rows("tasks", plan=instance(f"plan/{plan_id}"),
                             unitName=text(unit) if unit else None, leadOnly=boolean(lead))
    return [task_summary(plan_id, task, task_rows)
            for task, task_rows in sorted(grouped(rows, "task").items(),
                                          key=lambda item: natural(item[0]))]


def task_summary(plan_id: str, iri: str, rows: list[Row]) -> TaskSummary:
    row = rows[0]
    units = [Unit(**ref(r, "unit", "unitZh", "unitEn").model_dump(),
                  role="lead" if r.get("lead") else "shared") for r in rows if r.get("unit")]
    return TaskSummary(id=local_id(iri), iri=iri, plan=f"plan/{plan_id}", number=row.get("number"),
                       kind=row.get("kind"), title=row["title"], group=local_id(row.get("group")),
                       parent=local_id(row.get("parent")), units=units)
