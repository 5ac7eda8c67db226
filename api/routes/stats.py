"""/api/stats: the size of the graph: triples, subjects, predicates, instances per pk: class."""
from __future__ import annotations

from fastapi import APIRouter, Depends

from api.reader import GraphReader, get_reader
from api.rest_schemas import Stats
from api.shape import PK

router = APIRouter(prefix="/api/stats", tags=["statistics"])


@router.get("", response_model=Stats, summary="Graph statistics")
async def stats(reader: GraphReader = Depends(get_reader)) -> Stats:
    (size,) = await reader.rows("stats")
    classes = await reader.rows("stats-classes")
    return Stats(triples=size["triples"], subjects=size["subjects"],
                 predicates=size["predicates"],
                 classes={row["class"].removeprefix(PK): row["instances"] for row in classes})
