"""The examples of the OpenAPI document (api/openapi_examples.yaml, api/openapi_responses.json):
every parameter of every REST operation has one, each example request is answered 200 by the
live server, and each response example is what that server answers (cut to one item a list) and
fits the route's response model."""
from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from pydantic import TypeAdapter

from api.app import create_app
from api.openapi import ExampleError, example_request, load_examples, shortened, with_examples

APP = create_app()


def api_routes(routes) -> list[APIRoute]:
    """The app's APIRoutes, those of included routers too."""
    found = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found.extend(api_routes(route.original_router.routes))
    return found


DOCUMENT = APP.openapi()
EXAMPLES = load_examples()
REQUESTS = [(path, method, entry) for path, operations in EXAMPLES.items()
            for method, entry in operations.items()]
RESPONSES = [(path, method, entry) for path, method, entry in REQUESTS if "responses" in entry]


def test_every_parameter_of_every_rest_operation_has_an_example():
    lacking = [f"{method.upper()} {path} {parameter['name']}"
               for path, operations in DOCUMENT["paths"].items() if path != "/sparql"
               for method, operation in operations.items()
               for parameter in operation.get("parameters", []) if "example" not in parameter]
    assert lacking == []


def test_every_json_answer_of_the_api_has_a_response_example():
    lacking = []
    for path, operations in DOCUMENT["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            answer = operation["responses"]["200"].get("content", {}).get("application/json")
            if answer and answer.get("schema") and "example" not in answer:
                lacking.append(f"{method.upper()} {path}")
    # the network routes answer JSON or exports by ?format= and document no model
    assert [entry for entry in lacking if not entry.startswith("GET /api/network")] == []


@pytest.mark.parametrize("path,method,entry", REQUESTS,
                         ids=[f"{m.upper()} {p}" for p, m, _ in REQUESTS])
def test_the_example_request_is_answered(path, method, entry, api):
    url, params, headers, body = example_request(path, entry)
    reply = api.request(method.upper(), url, params=params, headers=headers, content=body)
    assert reply.status_code == 200, reply.text[:300]


@pytest.mark.parametrize("path,method,entry", RESPONSES,
                         ids=[f"{m.upper()} {p}" for p, m, _ in RESPONSES])
def test_the_response_example_is_the_answer_and_fits_the_model(path, method, entry, api):
    example = DOCUMENT["paths"][path][method]["responses"]["200"]["content"][
        entry["responses"]]["example"]
    url, params, headers, body = example_request(path, entry)
    reply = api.request(method.upper(), url, params=params, headers=headers, content=body)
    assert shortened(reply.json()) == example
    (route,) = [r for r in api_routes(APP.routes) if r.path == path
                and method.upper() in r.methods]
    if route.response_model is not None:      # /sparql answers in the negotiated type
        TypeAdapter(route.response_model).validate_python(example)


def test_an_example_for_an_operation_the_app_lacks_is_an_error():
    with pytest.raises(ExampleError, match=r"GET /api/nowhere: the app has no such operation"):
        with_examples(DOCUMENT, {"/api/nowhere": {"get": {}}}, {})
    with pytest.raises(ExampleError, match=r"GET /api/plans: no parameter colour"):
        with_examples(DOCUMENT, {"/api/plans": {"get": {"parameters": {"colour": 1}}}}, {})
