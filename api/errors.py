"""Exceptions from the library and the protocol turned into HTTP statuses, in one table, each
answered as JSON `{"error": reason, ...}` (see api/README.md for why each status)."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.guard import NestingRefused, ServiceRefused, UpdateRefused
from api.negotiation import NotAcceptable
from api.pool import QueryTimedOut, Refused, StoreUnavailable, WorkerCrashed
from api.schemas import ErrorBody


class ProtocolError(Exception):
    """A request that breaks the SPARQL 1.1 Protocol, with the status to answer it with."""

    def __init__(self, status: int, message: str, line: int | None = None,
                 column: int | None = None, offered: list[str] | None = None,
                 retry_after: int | None = None):
        super().__init__(message)
        self.status, self.body = status, ErrorBody(error=message, line=line, column=column,
                                                   offered=offered)
        self.headers = {"Retry-After": str(retry_after)} if retry_after else None


STATUS = {
    UpdateRefused: 400,      # update text as query=: not a legal query (the protocol's 400)
    ServiceRefused: 400,     # a query this service does not accept; never executed
    NestingRefused: 400,     # nested deeper than the parser's stack allows; never executed
    NotAcceptable: 406,
    QueryTimedOut: 503,      # stopped by the time limit; the server is fine, the query too costly
    Refused: 503,            # admission control: queue full, or waited past its deadline
    StoreUnavailable: 503,
    WorkerCrashed: 500,
}


def error_response(status: int, body: ErrorBody, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


def register_error_handlers(app: FastAPI) -> None:
    async def protocol_error(request: Request, error: ProtocolError) -> JSONResponse:
        return error_response(error.status, error.body, error.headers)

    async def library_error(request: Request, error: Exception) -> JSONResponse:
        offered = error.offered if isinstance(error, NotAcceptable) else None
        status = next(s for cls, s in STATUS.items() if isinstance(error, cls))
        if isinstance(error, Refused):
            return error_response(status, ErrorBody(error=str(error), refused=error.refused),
                                  {"Retry-After": str(error.retry_after)})
        headers = {"Retry-After": "5"} if isinstance(error, StoreUnavailable) else None
        return error_response(status, ErrorBody(error=str(error), offered=offered), headers)

    app.add_exception_handler(ProtocolError, protocol_error)
    for cls in STATUS:
        app.add_exception_handler(cls, library_error)
