"""/api/organizations: bodies, institutions and collectives, filtered by kind, jurisdiction, name
or alias, a page at a time; one organization with the tasks it answers for as lead or shared, or
is named in."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from api.paging import PAGED, Page, answer, page
from api.reader import SEGMENT, GraphReader, NotFound, get_reader, instance, local_id, text
from api.rest_schemas import Organization, OrganizationDetail, OrganizationTask
from api.shape import PK, Row, distinct, grouped, natural, ref

router = APIRouter(prefix="/api/organizations", tags=["organizations"])

Segment = dict(pattern=f"^{SEGMENT}$", max_length=100)


def organization(iri: str, rows: list[Row]) -> Organization:
    row = rows[0]
    return Organization(
        **ref(row, "org", "orgZh", "orgEn").model_dump(), type=row["type"].removeprefix(PK),
        aliases=distinct(r.get("altLabel") for r in rows),
        kind=ref(row, "kind", "kindZh", "kindEn"),
        jurisdiction=ref(row, "jurisdiction", "jurisdictionZh"),
        provisional=bool(row.get("provisional", False)))


@router.get("", response_model=list[Organization], responses=PAGED,
            summary="Organizations, filtered, a page at a time (in the order of their ids)")
async def list_organizations(
        request: Request, response: Response,
        kind: str | None = Query(None, **Segment, examples=["health-commission"],
                                 description="a kind id (kind/…); narrower kinds included, so "
                                             "government-department finds every department"),
        jurisdiction: str | None = Query(None, **Segment, examples=["yongchuan"],
                                         description="a jurisdiction id (jurisdiction/…)"),
        name: str | None = Query(None, min_length=1, max_length=100, examples=["卫健委"],
                                 description="part of any name or alias, case-insensitive"),
        paging: Page = Depends(page),
        reader: GraphReader = Depends(get_reader)) -> list[Organization]:
    rows = await reader.rows(
        "organizations", paging, askedKind=instance(f"kind/{kind}") if kind else None,
        askedJurisdiction=instance(f"jurisdiction/{jurisdiction}") if jurisdiction else None,
        askedName=text(name) if name else None)
    found = [organization(iri, org_rows) for iri, org_rows in grouped(rows, "org").items()]
    return answer(found, paging, request, response)


@router.get("/{jurisdiction}/{name}", response_model=OrganizationDetail,
            summary="One organization and its tasks (lead, shared, mentioned)")
async def get_organization(
        jurisdiction: str = Path(**Segment, examples=["yongchuan"]),
        name: str = Path(**Segment, examples=["health-commission"]),
        reader: GraphReader = Depends(get_reader)) -> OrganizationDetail:
    org = instance(f"org/{jurisdiction}/{name}")
    rows = await reader.rows("organizations", org=org)
    if not rows:
        raise NotFound(f"no organization org/{jurisdiction}/{name}; "
                       "GET /api/organizations lists them")
    tasks = await reader.rows("organization-tasks", org=org)
    return OrganizationDetail(
        **organization(org.value, rows).model_dump(),
        tasks=[OrganizationTask(id=local_id(t["task"]), iri=t["task"], plan=local_id(t["plan"]),
                                number=t.get("number"), title=t["title"], role=t["role"])
               for t in sorted(tasks, key=lambda t: (t["role"], natural(t["task"])))])
