"""/sparql: the SPARQL 1.1 Protocol query operation, read-only (GET ?query=, POST form-encoded
query=, POST application/sparql-query), answered in the negotiated format, capped and timed."""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Header, Query, Request, Response

from api.deps import get_settings, get_store
from api.errors import ProtocolError
from api.execute import Answer, Failure, Job
from api.guard import check_read_only
from api.negotiation import (BY_NAME, FORM_KINDS, MEDIA_TYPES, Kind, NotAcceptable,
                             UnknownFormat, accept_for_formats, choose)
from api.pool import QueryPool
from api.schemas import SparqlRequest
from api.settings import Settings

router = APIRouter(tags=["sparql"])

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
# The update operation itself (update=, an application/sparql-update body) is understood and
# refused: 403. Update text sent as query= is not a query at all: 400 (api.guard).
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"
FORMAT_HELP = ("in place of an Accept header (for links): json, xml, csv, tsv for SELECT/ASK; "
               "ttl, nt, jsonld, json, xml for CONSTRUCT/DESCRIBE; or media types as in Accept")
FAILURE_STATUS = {"syntax": 400, "bad-request": 400, "not-acceptable": 406, "error": 500,
                  # a remote store: down (503, come back later), too slow (503, as the time
                  # limit), or answering with an error or something unreadable (502)
                  "unreachable": 503, "timeout": 503, "bad-gateway": 502}
RETRY_LATER = {"unreachable"}


def _operation(values: Callable[[str], list[str]]) -> SparqlRequest:
    """The query operation in protocol parameters (from the URL or a form body)."""
    if values("update"):
        raise ProtocolError(403, f"update= given: {READ_ONLY}")
    queries = values("query")
    if not queries:
        raise ProtocolError(400, "no query: send query= (GET or form POST) or a "
                                 f"{SPARQL_QUERY} body (POST)")
    if len(queries) > 1:
        raise ProtocolError(400, "exactly one query= parameter is allowed")
    return SparqlRequest(query=queries[0], default_graph_uris=values("default-graph-uri"),
                         named_graph_uris=values("named-graph-uri"))


async def query_from_url(request: Request, settings: Settings = Depends(get_settings)
                         ) -> SparqlRequest:
    if len(request.url.query) > settings.max_body_bytes:
        raise ProtocolError(414, f"the query string is longer than {settings.max_body_bytes} "
                                 "bytes; POST it instead")
    return _operation(request.query_params.getlist)


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ProtocolError(413, f"the request body is larger than {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ProtocolError(413, f"the request body is larger than {limit} bytes")
    return bytes(body)


async def query_from_body(request: Request, settings: Settings = Depends(get_settings)
                          ) -> SparqlRequest:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == SPARQL_UPDATE:
        raise ProtocolError(403, f"{SPARQL_UPDATE} body: {READ_ONLY}")
    if content_type not in (FORM, SPARQL_QUERY):
        raise ProtocolError(415, f"POST a query as {FORM} (query=…) or as {SPARQL_QUERY}, "
                                 f"not {content_type or 'no content type'}")
    try:
        text = (await read_body(request, settings.max_body_bytes)).decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the request body is not UTF-8: {error}") from None
    url = request.query_params.getlist
    if content_type == SPARQL_QUERY:
        return _operation(lambda key: [text] if key == "query" else url(key))
    fields = parse_qs(text, keep_blank_values=True)
    return _operation(lambda key: fields.get(key) or url(key))


async def respond(operation: SparqlRequest, accept: str | None, store: QueryPool,
                 settings: Settings) -> Response:
    form = check_read_only(operation.query)
    results_type, graph_type = choose(accept, Kind.RESULTS), choose(accept, Kind.GRAPH)
    kind = FORM_KINDS.get(form or "")
    if kind and (results_type if kind is Kind.RESULTS else graph_type) is None:
        raise NotAcceptable(accept or "", kind)  # refused before running the query
    job = Job(query=operation.query, max_rows=settings.max_rows,
              results_type=results_type and results_type.name,
              graph_type=graph_type and graph_type.name,
              default_graphs=tuple(operation.default_graph_uris),
              named_graphs=tuple(operation.named_graph_uris))
    reply = await store.run(job)
    if isinstance(reply, Failure):
        raise ProtocolError(FAILURE_STATUS[reply.reason], reply.message, reply.line, reply.column,
                            list(reply.offered) or None,
                            retry_after=5 if reply.reason in RETRY_LATER else None)
    return _response(reply, settings)


def _response(reply: Answer, settings: Settings) -> Response:
    headers = {"Vary": "Accept"}
    if reply.truncated:
        headers |= {"X-PlanKG-Truncated": "true", "X-PlanKG-Row-Limit": str(settings.max_rows)}
    return Response(reply.body, media_type=BY_NAME[reply.media_type].content_type,
                    headers=headers)


# The protocol's parameters, read by query_from_url / query_from_body, stated for the document
QUERY_PARAMETERS = [
    {"name": "query", "in": "query", "required": True, "schema": {"type": "string"},
     "description": "a SPARQL 1.1 query; the project prefixes (pk:, pkid:, skos: …) are declared"},
    {"name": "default-graph-uri", "in": "query", "required": False,
     "schema": {"type": "array", "items": {"type": "string"}}},
    {"name": "named-graph-uri", "in": "query", "required": False,
     "schema": {"type": "array", "items": {"type": "string"}}}]
QUERY_BODY = {"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": {
        "type": "object", "required": ["query"], "properties": {"query": {"type": "string"}}}},
    "application/sparql-query": {"schema": {"type": "string"}}}}
ANSWERS = {200: {"description": "the results (SELECT, ASK) or the graph (CONSTRUCT, DESCRIBE), "
                                "in the type negotiated by Accept or ?format=",
                 "content": {media.name: {} for media in MEDIA_TYPES}}}


@router.get("/sparql", summary="SPARQL query (GET ?query=)", response_class=Response,
            responses=ANSWERS,
            openapi_extra={"parameters": QUERY_PARAMETERS})
async def sparql_get(operation: SparqlRequest = Depends(query_from_url),
                     accept: str | None = Header(None), store: QueryPool = Depends(get_store),
                     settings: Settings = Depends(get_settings),
                     formats: list[str] = Query([], alias="format", description=FORMAT_HELP)
                     ) -> Response:
    try:
        accept = accept_for_formats(formats) or accept
    except UnknownFormat as error:
        raise ProtocolError(400, str(error)) from None
    return await respond(operation, accept, store, settings)


@router.post("/sparql", summary="SPARQL query (POST form query= or application/sparql-query)",
             response_class=Response, responses=ANSWERS,
             openapi_extra={"requestBody": QUERY_BODY})
async def sparql_post(operation: SparqlRequest = Depends(query_from_body),
                      accept: str | None = Header(None), store: QueryPool = Depends(get_store),
                      settings: Settings = Depends(get_settings)) -> Response:
    return await respond(operation, accept, store, settings)
