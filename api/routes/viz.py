"""/viz/... network and indicator pages, /api/network/... their data and statistics as JSON (and
exports), answered from the API's query workers: every query is sent to the pool and its SPARQL
JSON results parsed (viz.sparql), so the pages show exactly what /sparql would answer.

Networks are built by viz's plain functions in a worker thread; each query they make hops back to
the event loop, where the pool lives, with anyio.from_thread.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio
import networkx as nx
from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.deps import get_settings, get_store
from api.errors import error_response
from api.execute import Failure, Job
from api.pool import QueryPool
from api.schemas import ErrorBody
from api.settings import Settings
from viz import catalogue
from viz.catalogue import AmbiguousName, UnknownName
from viz.indicator import chart, indicator_view, render_indicator
from viz.networks import responsibility_network
from viz.render import MAX_NODES, render_network
from viz.sparql import SPARQL_JSON, Select, parse_results
from viz.stats import EXPORT_FORMATS, export, exportable, network_stats
from viz.views import VIEWS, UnknownView, build_network, network_page

# errors are JSON on the HTML pages too; stated as content, since a model would be documented
# under the page's own media type
ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
router = APIRouter(tags=["viz"], responses={
    400: {"content": ERROR_CONTENT, "description": "a name matching several plans or bodies, "
                                                   "an unknown view, or a network too large to "
                                                   "draw, with how to narrow it"},
    404: {"content": ERROR_CONTENT, "description": "no plan, body, kind or indicator of that name"}})

EXPORT_TYPES = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml",
                "csv": "text/csv; charset=utf-8"}
CHART_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


class TooManyRows(RuntimeError):
    """A network query hit PLANKG_MAX_ROWS: drawing a cut network would mislead."""


class QueryFailed(RuntimeError):
    """One of viz's own queries was refused by the store."""


def pool_select(store: QueryPool, settings: Settings) -> Select:
    """A Select for a worker thread: each query runs on the pool, answered as SPARQL JSON."""

    def select(sparql: str) -> list[dict[str, str]]:
        job = Job(query=sparql, results_type=SPARQL_JSON, graph_type=None,
                  max_rows=settings.max_rows)
        reply = anyio.from_thread.run(store.run, job)
        if isinstance(reply, Failure):
            raise QueryFailed(f"the store refused a network query: {reply.message}")
        if reply.truncated:
            raise TooManyRows(f"this network is too large to draw: one of its queries returned "
                              f"more than PLANKG_MAX_ROWS={settings.max_rows} rows. Narrow it: "
                              "one plan's network (/viz/plan/{plan}, or ?plan={plan} here, more "
                              "than once for several), a lower max_nodes, or /api/network/... "
                              "for the data; or raise PLANKG_MAX_ROWS on the server")
        return parse_results(reply.body)

    return select


async def answer(store: QueryPool, settings: Settings, build: Callable[[Select], Any]) -> Any:
    """`build(select)` run in a thread; what users got wrong comes back as a 4xx with the reason."""
    try:
        return await anyio.to_thread.run_sync(build, pool_select(store, settings))
    except UnknownName as error:
        return error_response(404, ErrorBody(error=str(error)))
    except (AmbiguousName, UnknownView) as error:
        return error_response(400, ErrorBody(error=str(error)))
    except TooManyRows as error:   # the request asks for more than is drawn: a 4xx, never 500
        return error_response(400, ErrorBody(error=str(error)))
    except QueryFailed as error:
        return error_response(500, ErrorBody(error=str(error)))


def check_view(view: str) -> str:
    if view not in VIEWS:
        raise UnknownView(view)
    return view


def _page(html_or_error) -> Response:
    return html_or_error if isinstance(html_or_error, Response) else HTMLResponse(html_or_error)


ViewQuery = Query("responsibility", description="responsibility | co-responsibility | cross-plan")


@router.get("/viz/plan/{plan_id}", response_class=HTMLResponse)
async def plan_page(plan_id: str, view: str = ViewQuery, institutions: bool = False,
                    max_nodes: int = Query(MAX_NODES, ge=1),
                    store: QueryPool = Depends(get_store),
                    settings: Settings = Depends(get_settings)) -> Response:
    """A plan's network page (plan id or any part of its title)."""
    return _page(await answer(store, settings, lambda select: render_network(network_page(
        select, [plan_id], check_view(view), institutions=institutions, max_nodes=max_nodes,
        served=True))))


@router.get("/viz/unit/{org_path:path}", response_class=HTMLResponse)
async def unit_page(org_path: str, view: str = ViewQuery, plan: list[str] = Query([]),
                    max_nodes: int = Query(MAX_NODES, ge=1),
                    store: QueryPool = Depends(get_store),
                    settings: Settings = Depends(get_settings)) -> Response:
    """The tasks of one body (`yuzhong/health-commission`) and everyone it shares them with."""
    return _page(await answer(store, settings, lambda select: render_network(network_page(
        select, plan, check_view(view), unit=org_path, max_nodes=max_nodes, served=True))))


@router.get("/viz/kind/{kind}", response_class=HTMLResponse)
async def kind_page(kind: str, view: str = ViewQuery, plan: list[str] = Query([]),
                    max_nodes: int = Query(MAX_NODES, ge=1),
                    store: QueryPool = Depends(get_store),
                    settings: Settings = Depends(get_settings)) -> Response:
    """Every district's body of one kind (`medical-insurance-bureau`), their tasks and partners."""
    return _page(await answer(store, settings, lambda select: render_network(network_page(
        select, plan, check_view(view), kind=kind, max_nodes=max_nodes, served=True))))


@router.get("/viz/indicator/{indicator_id}", response_class=Response, responses={200: {
    "content": {"text/html": {}, **{media: {} for media in CHART_TYPES.values()}},
    "description": "the page (format=html) or the chart as an image"}})
async def indicator_page(indicator_id: str, format: str = Query("html",
                                                                description="html | png | svg"),
                         store: QueryPool = Depends(get_store),
                         settings: Settings = Depends(get_settings)) -> Response:
    """One indicator's baselines and targets per plan over the years: page, or chart alone."""
    if format not in ("html", *CHART_TYPES):
        return error_response(400, ErrorBody(error=f"format is html, png or svg, not {format!r}"))

    def build(select: Select):
        view = indicator_view(select, catalogue.find_indicator(select, indicator_id))
        if format == "html":
            return HTMLResponse(render_indicator(view))
        return Response(chart(view, format), media_type=CHART_TYPES[format])

    return await answer(store, settings, build)


@router.get("/api/network/plan/{plan_id}")
async def plan_network(plan_id: str, view: str = ViewQuery, institutions: bool = False,
                       format: str = Query("json", description="json | graphml | gexf | csv"),
                       store: QueryPool = Depends(get_store),
                       settings: Settings = Depends(get_settings)) -> Response:
    """A plan's network as node-link JSON, or exported as GraphML, GEXF or a CSV edge list."""
    if format not in ("json", *EXPORT_FORMATS):
        return error_response(400, ErrorBody(
            error=f"format is json or one of {', '.join(EXPORT_FORMATS)}, not {format!r}"))

    def build(select: Select):
        plans = [catalogue.find_plan(select, plan_id)]
        graph = build_network(select, plans, check_view(view), institutions=institutions)
        if format != "json":
            return Response(export(graph, format), media_type=EXPORT_TYPES[format])
        return JSONResponse(nx.node_link_data(exportable(graph), edges="edges"))

    return await answer(store, settings, build)


@router.get("/api/network/plan/{plan_id}/stats")
async def plan_stats(plan_id: str, top: int = Query(10, ge=1, le=1000),
                     store: QueryPool = Depends(get_store),
                     settings: Settings = Depends(get_settings)) -> Response:
    """Per body statistics, densest pairs and communities of one plan's network."""

    def build(select: Select):
        plan = catalogue.find_plan(select, plan_id)
        found = network_stats(responsibility_network(select, [plan]), top)
        return JSONResponse({"plan": plan.id, **found.to_dict()})

    return await answer(store, settings, build)


@router.get("/api/network/stats")
async def stats_across(plan: list[str] = Query([]), top: int = Query(10, ge=1, le=1000),
                       store: QueryPool = Depends(get_store),
                       settings: Settings = Depends(get_settings)) -> Response:
    """Statistics for each plan named (none: every plan) and for them all together (`all`)."""

    def build(select: Select):
        plans = catalogue.find_plans(select, plan)
        result = {p.id: network_stats(responsibility_network(select, [p]), top).to_dict()
                  for p in plans}
        result["all"] = network_stats(responsibility_network(select, plans), top).to_dict()
        return JSONResponse(result)

    return await answer(store, settings, build)
