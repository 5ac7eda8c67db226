"""POST /api/validate: a graph in the body (Turtle, N-Triples, JSON-LD, RDF/XML, N-Quads, TriG by
Content-Type, at most PLANKG_MAX_BODY_BYTES), checked against the project's shapes; the SHACL
report as JSON (the keys of docs/validation.md) or, asked for by Accept, as Turtle."""
from __future__ import annotations

import anyio
from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from api.deps import get_settings
from api.errors import ProtocolError
from api.routes.sparql import read_body
from api.schemas import ErrorBody
from api.settings import Settings
from kg.validate import GraphReadError, parse_graph, to_json, to_turtle, validate

router = APIRouter(tags=["validation"])
# CPU-bound and memory-hungry: one graph at a time, off the event loop
VALIDATING = anyio.CapacityLimiter(1)
SYNTAXES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml",
            "application/n-quads", "application/trig")
TURTLE = "text/turtle"


class ReportBody(BaseModel):
    """The JSON report: docs/validation.md lists the keys of each result."""

    conforms: bool
    counts: dict[str, int]
    results: list[dict]


def _wants_turtle(accept: str | None) -> bool:
    kinds = [part.split(";")[0].strip().lower() for part in (accept or "").split(",")]
    return TURTLE in kinds and "application/json" not in kinds[:kinds.index(TURTLE)]


@router.post("/api/validate", response_model=ReportBody,
             summary="Check a graph against the shapes; the SHACL report",
             responses={200: {"content": {TURTLE: {}}, "description": "the report: JSON, or a "
                                          "sh:ValidationReport in Turtle when Accept asks for it"},
                        400: {"model": ErrorBody, "description": "the graph could not be read "
                                                                 "(reason, line, column)"},
                        413: {"model": ErrorBody, "description": "the body is too large"},
                        415: {"model": ErrorBody, "description": "not an RDF syntax"}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 syntax: {"schema": {"type": "string"}} for syntax in SYNTAXES}}})
async def validate_graph(request: Request, accept: str | None = Header(None),
                         settings: Settings = Depends(get_settings)) -> Response:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in SYNTAXES:
        raise ProtocolError(415, f"send the graph as one of {', '.join(SYNTAXES)}, not "
                                 f"{media_type or 'no content type'}")
    body = await read_body(request, settings.max_body_bytes)
    try:
        data = parse_graph(body, media_type)
    except GraphReadError as error:
        raise ProtocolError(400, f"the graph could not be read: {error.reason}", error.line,
                            error.column) from None
    report = await anyio.to_thread.run_sync(validate, data, limiter=VALIDATING)
    if _wants_turtle(accept):
        return Response(to_turtle(report), media_type=TURTLE)
    return JSONResponse(to_json(report))
