"""/api/search: full-text search over task titles and texts, plan titles and every printed name of
an indicator or a body, through the build's search index (kg.search), ranked, each hit with the
phrase marked in context and the lines it was read from.

A build without index (a remote store's server holds no build folder) is searched for tasks
only, by the SPARQL scan of api/rq/search.rq (case-insensitive CONTAINS), unranked.
"""
from __future__ import annotations

import asyncio
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request

from api.reader import SEGMENT, GraphReader, get_reader, instance, local_id, text
from api.rest_schemas import SearchHit, SourceLines
from api.shape import natural
from kg.search.query import Hit, SearchIndex, snippet as phrase_snippet

router = APIRouter(prefix="/api/search", tags=["search"])

Kind = Literal["task", "plan", "indicator", "body"]
LIMIT = 100


async def get_index(request: Request) -> SearchIndex | None:
    """The index the app opened at startup (api/app.py), if the build has one."""
    return getattr(request.app.state, "search", None)


def as_hit(hit: Hit) -> SearchHit:
    return SearchHit(id=local_id(hit.iri) or hit.iri, iri=hit.iri, type=hit.kind, plan=hit.plan,
                     number=hit.number, kind=hit.task_kind, title=hit.title,
                     in_title=hit.in_label, field=hit.field, snippet=hit.snippet,
                     marks=hit.marks, score=hit.score,
                     sources=[SourceLines(file=s.file, start=s.start_line, end=s.end_line)
                              for s in hit.sources])


@router.get("", response_model=list[SearchHit],
            summary="Tasks, plans, indicators and bodies whose texts or names contain q")
async def search(q: str = Query(..., min_length=1, max_length=100, pattern=r"\S",
                                examples=["家医服务站"],
                                description="a word or phrase, matched case-insensitively as a "
                                            "substring; not only white space"),
                 plan: str | None = Query(None, pattern=f"^{SEGMENT}$", max_length=100,
                                          description="only this plan's tasks and the plan"),
                 type: list[Kind] = Query(["task"], description="the kinds of resource "
                                          "searched (repeat the parameter for more)"),
                 limit: int = Query(LIMIT, ge=1, le=1000, description="at most this many hits"),
                 index: SearchIndex | None = Depends(get_index),
                 reader: GraphReader = Depends(get_reader)) -> list[SearchHit]:
    if index is not None:
        hits = await asyncio.to_thread(index.search, q, set(type), plan, limit)
        return [as_hit(hit) for hit in hits]
    if "task" not in type:
        return []
    rows = await reader.rows("search", phrase=text(q),
                             plan=instance(f"plan/{plan}") if plan else None)
    hits = []
    for r in sorted(rows, key=lambda r: natural(r["task"]))[:limit]:
        snippet, marks = phrase_snippet(r["title"] if r["inTitle"] else r.get("text", ""), q)
        hits.append(SearchHit(id=local_id(r["task"]), iri=r["task"], plan=local_id(r["plan"],
                                                                                    "plan"),
                              number=r.get("number"), kind=r.get("kind"), title=r["title"],
                              in_title=r["inTitle"], field="title" if r["inTitle"] else "text",
                              snippet=snippet, marks=marks))
    return hits
