"""/api/queries: the example queries of queries/*.rq (one per competency question), listed with
their descriptions and run by name through the store."""
from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Path, Response

from api.deps import get_settings, get_store
from api.execute import Failure, Job
from api.pool import QueryPool
from api.reader import SPARQL_JSON, NotFound, QueryFailed, value
from api.rest_schemas import ExampleQuery, QueryResult
from api.settings import Settings
from kg.store import load_queries

router = APIRouter(prefix="/api/queries", tags=["example queries"])


def examples(settings: Settings) -> dict[str, tuple[str, str]]:
    return load_queries(settings.paths.queries)


@router.get("", response_model=list[ExampleQuery], summary="The example queries")
async def list_queries(settings: Settings = Depends(get_settings)) -> list[ExampleQuery]:
    return [ExampleQuery(name=name, description=description, sparql=sparql)
            for name, (description, sparql) in examples(settings).items()]


@router.get("/{name}", response_model=QueryResult, summary="Run one example query by name")
async def run_query(name: str = Path(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=100,
                                     examples=["01-tasks-by-unit"]),
                    settings: Settings = Depends(get_settings),
                    store: QueryPool = Depends(get_store)) -> Response:
    found = examples(settings).get(name)
    if found is None:
        raise NotFound(f"no example query {name!r}; GET /api/queries lists them")
    description, sparql = found
    # the /sparql row cap applies: these are the same queries a user could send there
    reply = await store.run(Job(query=sparql, results_type=SPARQL_JSON, graph_type=None,
                                max_rows=settings.max_rows))
    if isinstance(reply, Failure):
        raise QueryFailed(f"queries/{name}.rq: {reply.message}")
    answer = json.loads(reply.body)
    # QueryResult's shape, written by pydantic-core in one call without validating it: value()
    # gives only the types its rows hold (01 at 1,000 plans: 21.0 ms for the route's own work,
    # 24.7 validated; reading the SPARQL JSON is 11.5 of them); returned as a model, FastAPI
    # would validate it and encode it value by value (22 of 31 ms for 06's 2,280 rows at 100 plans)
    result = QueryResult.model_construct(
        name=name, description=description, variables=answer["head"]["vars"],
        rows=[{var: value(b) for var, b in row.items()} for row in answer["results"]["bindings"]])
    return Response(result.model_dump_json(), media_type="application/json")
