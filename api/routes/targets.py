"""/api/targets: the targets that fall due by a year (targetYear ≤ due_by), across all plans or
in one, a page at a time."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response

from api.paging import PAGED, Page, answer, page
from api.reader import SEGMENT, GraphReader, get_reader, instance, integer
from api.rest_schemas import Fact
from api.shape import facts

router = APIRouter(prefix="/api/targets", tags=["targets"])


@router.get("", response_model=list[Fact], responses=PAGED,
            summary="Targets due by a year, a page at a time (by year, plan, indicator)")
async def targets_due(
        request: Request, response: Response,
        due_by: int = Query(..., ge=1900, le=2100, examples=[2025],
                            description="a year: targets whose target year is at most this"),
        plan: str | None = Query(None, pattern=f"^{SEGMENT}$", max_length=100,
                                 examples=["yongchuan-2025"], description="only this plan"),
        paging: Page = Depends(page),
        reader: GraphReader = Depends(get_reader)) -> list[Fact]:
    rows = await reader.rows("targets", paging, dueBy=integer(due_by),
                             plan=instance(f"plan/{plan}") if plan else None)
    # api/rq/targets.rq pages in this order; sorted again, as the route always answered
    found = sorted(facts(rows, reader.build), key=lambda f: (f.year, f.plan, f.indicator.id, f.id))
    return answer(found, paging, request, response)
