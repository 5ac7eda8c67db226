"""/api/indicators: the indicators with their printed names and units; one indicator with every
plan's baselines and targets side by side (the cross-plan comparison)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path

from api.reader import SEGMENT, GraphReader, NotFound, get_reader, instance
from api.rest_schemas import IndicatorDetail, IndicatorSummary, PlanFacts
from api.shape import Row, distinct, facts, grouped, ref

router = APIRouter(prefix="/api/indicators", tags=["indicators"])


def indicator(rows: list[Row]) -> IndicatorSummary:
    row = rows[0]
    return IndicatorSummary(
        **ref(row, "indicator", "indicatorZh", "indicatorEn").model_dump(), unit=row.get("unit"),
        category=ref(row, "category", "categoryZh", "categoryEn"),
        aliases=distinct(r.get("altLabel") for r in rows), plans=row.get("plans", 0),
        targets=row.get("targets", 0), baselines=row.get("baselines", 0))


@router.get("", response_model=list[IndicatorSummary], summary="The indicators")
async def list_indicators(reader: GraphReader = Depends(get_reader)) -> list[IndicatorSummary]:
    rows = await reader.rows("indicators")
    return [indicator(ind_rows) for ind_rows in grouped(rows, "indicator").values()]


@router.get("/{indicator_id}", response_model=IndicatorDetail,
            summary="One indicator: every plan's baselines and targets side by side")
async def get_indicator(
        indicator_id: str = Path(pattern=f"^{SEGMENT}$", max_length=100,
                                 examples=["registered-nurses-per-1000"]),
        reader: GraphReader = Depends(get_reader)) -> IndicatorDetail:
    iri = instance(f"indicator/{indicator_id}")
    rows = await reader.rows("indicators", indicator=iri)
    if not rows:
        raise NotFound(f"no indicator {indicator_id!r}; GET /api/indicators lists them")
    by_plan = grouped(facts(await reader.rows("facts", indicator=iri), reader.build), "plan")
    comparison = [PlanFacts(plan=plan, baselines=[f for f in plan_facts if f.type == "baseline"],
                            targets=[f for f in plan_facts if f.type == "target"])
                  for plan, plan_facts in by_plan.items()]
    return IndicatorDetail(**indicator(rows).model_dump(), comparison=comparison)
