"""/api/search: full-text search over task titles and texts (case-insensitive substring), each
hit with the phrase in context."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from api.reader import SEGMENT, GraphReader, get_reader, instance, local_id, text
from api.rest_schemas import SearchHit
from api.shape import natural

router = APIRouter(prefix="/api/search", tags=["search"])

CONTEXT = 30  # characters shown either side of the phrase


def snippet(haystack: str, phrase: str) -> str:
    at = haystack.lower().find(phrase.lower())
    if at < 0:
        return haystack[:2 * CONTEXT]
    start, end = max(at - CONTEXT, 0), min(at + len(phrase) + CONTEXT, len(haystack))
    return ("…" if start else "") + haystack[start:end] + ("…" if end < len(haystack) else "")


@router.get("", response_model=list[SearchHit], summary="Tasks whose title or text contain q")
async def search(q: str = Query(..., min_length=1, max_length=100, pattern=r"\S",
                                examples=["家医服务站"],
                                description="a word or phrase, matched case-insensitively; "
                                            "not only white space"),
                 plan: str | None = Query(None, pattern=f"^{SEGMENT}$", max_length=100,
                                          description="only this plan"),
                 reader: GraphReader = Depends(get_reader)) -> list[SearchHit]:
    rows = await reader.rows("search", phrase=text(q),
                             plan=instance(f"plan/{plan}") if plan else None)
    return [SearchHit(id=local_id(r["task"]), iri=r["task"], plan=local_id(r["plan"]),
                      number=r.get("number"), kind=r.get("kind"), title=r["title"],
                      in_title=r["inTitle"],
                      snippet=snippet(r["title"] if r["inTitle"] else r.get("text", ""), q))
            for r in sorted(rows, key=lambda r: natural(r["task"]))]
