"""The responsibility matrix (任务分工表): /api/plans/{plan}/matrix and
/api/jurisdictions/{jurisdiction}/matrix as JSON, CSV or XLSX (?format=), and the same as a
sortable page at /matrix/plan/{plan} and /matrix/jurisdiction/{jurisdiction}, linked from the
plan's page. A jurisdiction's matrix covers its plans and those of the places within it."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.matrix import CSV, XLSX, Matrix, build_matrix, to_csv, to_xlsx
from api.reader import SEGMENT, GraphReader, NotFound, get_reader, instance, local_id
from api.rest_schemas import Ref
from api.routes.plans import PlanId, existing_plan
from api.routes.resources import not_found, templates
from api.schemas import ErrorBody

router = APIRouter(tags=["matrix"])

JurisdictionId = Path(pattern=f"^{SEGMENT}$", max_length=100,
                      description="e.g. yongchuan, or chongqing for every plan within it",
                      examples=["yongchuan"])
Format = Query("json", pattern="^(json|csv|xlsx)$",
               description="json, csv (UTF-8, one row a task) or xlsx (the matrix and the counts)")
DOWNLOADS = {200: {"content": {CSV.split(";")[0]: {"schema": {"type": "string"}},
                               XLSX: {"schema": {"type": "string", "format": "binary"}}},
                   "description": "the matrix: JSON, or a CSV / XLSX download by ?format="},
             404: {"model": ErrorBody, "description": "no such plan or jurisdiction"}}
PAGE = {200: {"content": {"text/html": {}}, "description": "the matrix as a sortable table"},
        404: {"content": {"text/html": {}}, "description": "no such plan or jurisdiction"}}


async def plan_matrix(reader: GraphReader, plan_id: str) -> Matrix:
    row = await existing_plan(reader, plan_id)
    plan = instance(f"plan/{plan_id}")
    scope = Ref(id=f"plan/{plan_id}", iri=plan.value, label_zh=row["title"])
    return build_matrix(scope, await reader.rows("matrix-scope", plan=plan),
                        await reader.rows("matrix", plan=plan))


async def jurisdiction_matrix(reader: GraphReader, jurisdiction_id: str) -> Matrix:
    place = instance(f"jurisdiction/{jurisdiction_id}")
    found = await reader.rows("jurisdiction", jurisdiction=place)
    if not found:
        raise NotFound(f"no jurisdiction {jurisdiction_id!r}; GET /api/plans names each "
                       "plan's jurisdiction")
    scope = Ref(id=local_id(place.value), iri=place.value, label_zh=found[0].get("zh"),
                label_en=found[0].get("en"))
    return build_matrix(scope, await reader.rows("matrix-scope", jurisdiction=place),
                        await reader.rows("matrix", jurisdiction=place))


def download(matrix: Matrix, format: str, name: str) -> Matrix | Response:
    if format == "json":
        return matrix
    if format == "csv":
        # with a byte-order mark, so that Excel reads the Chinese as UTF-8
        return Response("\ufeff" + to_csv(matrix), media_type=CSV,
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    return Response(to_xlsx(matrix), media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})


@router.get("/api/plans/{plan_id}/matrix", response_model=Matrix, responses=DOWNLOADS,
            summary="A plan's responsibility matrix (任务分工表): tasks × bodies, lead or shared")
async def get_plan_matrix(plan_id: str = PlanId, format: str = Format,
                          reader: GraphReader = Depends(get_reader)) -> Matrix | Response:
    return download(await plan_matrix(reader, plan_id), format, f"matrix-{plan_id}")


@router.get("/api/jurisdictions/{jurisdiction_id}/matrix", response_model=Matrix,
            responses=DOWNLOADS,
            summary="The responsibility matrix of every plan of a jurisdiction and within it")
async def get_jurisdiction_matrix(jurisdiction_id: str = JurisdictionId, format: str = Format,
                                  reader: GraphReader = Depends(get_reader)
                                  ) -> Matrix | Response:
    return download(await jurisdiction_matrix(reader, jurisdiction_id), format,
                    f"matrix-{jurisdiction_id}")


def page(request: Request, matrix: Matrix, api_path: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "matrix.html", {
        "matrix": matrix, "api_path": api_path,
        "unassigned": sum(p.unassigned for p in matrix.plans),
        "total": sum(p.tasks for p in matrix.plans)})


@router.get("/matrix/plan/{plan_id}", response_class=HTMLResponse, responses=PAGE,
            summary="A plan's responsibility matrix as a page")
async def plan_matrix_page(request: Request, plan_id: str = PlanId,
                           reader: GraphReader = Depends(get_reader)) -> HTMLResponse:
    try:
        matrix = await plan_matrix(reader, plan_id)
    except NotFound as error:
        return not_found(request, "text/html", str(error))
    return page(request, matrix, f"/api/plans/{plan_id}/matrix")


@router.get("/matrix/jurisdiction/{jurisdiction_id}", response_class=HTMLResponse,
            responses=PAGE, summary="A jurisdiction's responsibility matrix as a page")
async def jurisdiction_matrix_page(request: Request, jurisdiction_id: str = JurisdictionId,
                                   reader: GraphReader = Depends(get_reader)) -> HTMLResponse:
    try:
        matrix = await jurisdiction_matrix(reader, jurisdiction_id)
    except NotFound as error:
        return not_found(request, "text/html", str(error))
    return page(request, matrix, f"/api/jurisdictions/{jurisdiction_id}/matrix")


