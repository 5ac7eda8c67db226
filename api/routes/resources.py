"""/id/{path} and /ontology: every pkid: IRI dereferences here, as an HTML page for a browser or
as Turtle, JSON-LD or N-Triples by Accept; the ontology likewise, its RDF read from its file."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request, Response
from fastapi.templating import Jinja2Templates

from api.deps import get_settings
from api.errors import error_response
from api.linked_data import CONTENT_TYPES, HTML, OFFERED, choose, compact, href, page
from api.reader import ID_PATH, GraphReader, get_reader, instance
from api.routes.ui import with_prefix_lines
from api.schemas import ErrorBody
from api.settings import Settings
from viz.empty import plan_links

router = APIRouter(tags=["linked data"])
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")
templates.env.filters["href"] = href
templates.env.filters["compact"] = compact
templates.env.globals["plan_links"] = plan_links

RDF_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
               "application/n-triples": ox.RdfFormat.N_TRIPLES}
OWL = "http://www.w3.org/2002/07/owl#"
ONTOLOGY_SECTIONS = {f"{OWL}Class": "Classes 类", f"{OWL}ObjectProperty": "Object properties 对象属性",
                     f"{OWL}DatatypeProperty": "Datatype properties 数据属性",
                     f"{OWL}NamedIndividual": "Individuals 个体"}
VARY = {"Vary": "Accept"}


def not_acceptable(accept: str | None) -> Response:
    return error_response(406, ErrorBody(error=f"cannot answer in any of {accept!r}",
                                         offered=list(OFFERED)), VARY)


# The phrase of the full-text example query: `BIND("家医服务站" AS ?phrase)`
PHRASE_BINDING = re.compile(r'BIND\("(?:[^"\\]|\\.)*" AS \?phrase\)')
SEARCH_EXAMPLE = "10-tasks-mentioning-phrase"


def search_query(queries: Path) -> str:
    """The full-text example query with `"{phrase}"` where its phrase goes (the 404 page's
    search box fills it in), with its PREFIX lines; empty if the example is gone."""
    file = queries / f"{SEARCH_EXAMPLE}.rq"
    if not file.is_file():
        return ""
    text = with_prefix_lines(file.read_text(encoding="utf-8"))
    return PHRASE_BINDING.sub('BIND("{phrase}" AS ?phrase)', text, count=1)


def not_found(request: Request, media: str, message: str) -> Response:
    if media == HTML:
        queries = request.app.state.settings.paths.queries
        context = {"message": message, "search_query": search_query(queries)}
        return templates.TemplateResponse(request, "not_found.html", context,
                                          status_code=404, headers=VARY)
    return error_response(404, ErrorBody(error=message), VARY)


@router.get("/id/{path:path}", summary="A resource of the graph: HTML page, Turtle, JSON-LD",
            response_class=Response,
            responses={200: {"content": {m: {} for m in OFFERED}}, 404: {"model": ErrorBody},
                       406: {"model": ErrorBody}})
async def resource(path: str, request: Request, reader: GraphReader = Depends(get_reader)
                   ) -> Response:
    accept = request.headers.get("accept")  # read here: negotiation, not an API parameter
    media = choose(accept)
    if media is None:
        return not_acceptable(accept)
    message = f"no resource https://w3id.org/plankg/id/{path} in the graph"
    if not ID_PATH.match(path):
        return not_found(request, media, message)
    iri = instance(path)
    if media == HTML:
        shown = await page(reader, iri)
        if shown is None:
            return not_found(request, media, message)
        return templates.TemplateResponse(request, "resource.html", {"page": shown},
                                          headers=VARY)
    if not await reader.ask("resource-exists", resource=iri):
        return not_found(request, media, message)
    body = await reader.graph("resource-graph", media, resource=iri)
    return Response(body, media_type=CONTENT_TYPES[media], headers=VARY)


@router.get("/ontology", summary="The plankg ontology: HTML page, Turtle, JSON-LD",
            response_class=Response,
            responses={200: {"content": {m: {} for m in OFFERED}}, 406: {"model": ErrorBody}})
async def ontology(request: Request, settings: Settings = Depends(get_settings),
                   reader: GraphReader = Depends(get_reader)) -> Response:
    accept = request.headers.get("accept")
    media = choose(accept)
    if media is None:
        return not_acceptable(accept)
    if media == HTML:
        sections: dict[str, list[dict]] = {title: [] for title in ONTOLOGY_SECTIONS.values()}
        seen = set()
        for row in await reader.rows("ontology-terms"):
            if row["term"] not in seen:
                seen.add(row["term"])
                sections[ONTOLOGY_SECTIONS[row["type"]]].append(row)
        return templates.TemplateResponse(request, "ontology.html", {"sections": sections},
                                          headers=VARY)
    # The file is the truth the store was loaded from; it keeps the blank nodes (owl:oneOf
    # lists) that a CONSTRUCT over the store would cut loose.
    turtle = settings.paths.ontology.read_bytes()
    if media == "text/turtle":
        return Response(turtle, media_type=CONTENT_TYPES[media], headers=VARY)
    triples = ox.parse(turtle, format=ox.RdfFormat.TURTLE)
    body = ox.serialize(triples, format=RDF_FORMATS[media])
    return Response(body, media_type=CONTENT_TYPES[media], headers=VARY)
