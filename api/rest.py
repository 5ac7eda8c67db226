"""The REST layer and the linked-data pages, added to the app in one call: one router per
resource under api/routes/, and the statuses of their errors (unknown id 404, no such route 404,
all as {"error": reason})."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from api.errors import error_response
from api.reader import NotFound, QueryFailed
from api.routes import (examples, indicators, matrix, organizations, plans, resources, search,
                        stats, targets, tasks)
from api.schemas import ErrorBody

ROUTERS = (plans, matrix, tasks, organizations, indicators, targets, search, examples, stats, resources)
NOT_FOUND = {404: {"model": ErrorBody, "description": "no such id in the graph"}}


def include_rest(app: FastAPI) -> None:
    async def not_found(request: Request, error: NotFound) -> JSONResponse:
        return error_response(404, ErrorBody(error=str(error)))

    async def query_failed(request: Request, error: QueryFailed) -> JSONResponse:
        return error_response(500, ErrorBody(error=str(error)))

    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        # the framework's own 404 (no such route) and 405 in the project's error shape
        return error_response(error.status_code, ErrorBody(error=str(error.detail)),
                              getattr(error, "headers", None))

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(QueryFailed, query_failed)
    for module in ROUTERS:
        # the pages' routers state their own 404s (an HTML page)
        own = module in (resources, matrix)
        app.include_router(module.router, responses=None if own else NOT_FOUND)
