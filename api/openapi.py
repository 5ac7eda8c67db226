"""The OpenAPI document with examples: a value for every parameter and request body
(api/openapi_examples.yaml), and for JSON answers a real answer cut short
(api/openapi_responses.json), so /docs and /redoc show what a request gets and "Try it out"
starts filled in. A YAML entry naming an operation or parameter the app lacks is an error."""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from fastapi import FastAPI

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE / "openapi_examples.yaml"
RESPONSES = HERE / "openapi_responses.json"
LIST_ITEMS = 1     # items kept of every list in a response example


class ExampleError(ValueError):
    """api/openapi_examples.yaml names something the app does not have."""


def shortened(value: Any) -> Any:
    """`value` with every list cut to its first LIST_ITEMS items, at any depth; a list of plain
    numbers is a tuple (a mark's [start, end]) and stays whole."""
    if isinstance(value, list):
        if all(isinstance(item, (int, float)) for item in value):
            return value
        return [shortened(item) for item in value[:LIST_ITEMS]]
    if isinstance(value, dict):
        return {key: shortened(item) for key, item in value.items()}
    return value


def load_examples() -> dict[str, dict[str, dict]]:
    return yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))


def load_responses() -> dict[str, Any]:
    """{"GET /api/plans": answer, …}; empty where the file was not written yet."""
    if not RESPONSES.is_file():
        return {}
    return json.loads(RESPONSES.read_text(encoding="utf-8"))


def with_examples(document: dict, examples: dict, responses: dict) -> dict:
    document = copy.deepcopy(document)
    for path, operations in examples.items():
        for method, entry in operations.items():
            where = f"{EXAMPLES.name}: {method.upper()} {path}"
            operation = document["paths"].get(path, {}).get(method)
            if operation is None:
                raise ExampleError(f"{where}: the app has no such operation")
            _parameters(operation, entry.get("parameters", {}), where)
            for media_type, body in entry.get("body", {}).items():
                content = operation.get("requestBody", {}).get("content", {})
                if media_type not in content:
                    raise ExampleError(f"{where}: the request body takes no {media_type}")
                content[media_type]["example"] = body
            if "responses" in entry:
                _response(operation, entry["responses"], responses, f"{method.upper()} {path}",
                          where)
    return document


def _parameters(operation: dict, values: dict, where: str) -> None:
    declared = {p["name"]: p for p in operation.get("parameters", [])}
    unknown = set(values) - set(declared)
    if unknown:
        raise ExampleError(f"{where}: no parameter {', '.join(sorted(unknown))}")
    for name, parameter in declared.items():
        if name in values:
            parameter["example"] = values[name]
        elif parameter.get("schema", {}).get("examples"):
            parameter["example"] = parameter["schema"]["examples"][0]


def _response(operation: dict, media_type: str, responses: dict, key: str, where: str) -> None:
    content = operation["responses"].get("200", {}).get("content", {})
    if media_type not in content:
        raise ExampleError(f"{where}: its 200 answer has no {media_type}")
    if key in responses:
        content[media_type]["example"] = responses[key]


def install(app: FastAPI) -> None:
    """Make app.openapi() answer the document with the examples (built once, then kept)."""
    framework_document = app.openapi

    def openapi() -> dict:
        if not getattr(app.state, "openapi_examples", False):
            app.openapi_schema = with_examples(framework_document(), load_examples(),
                                               load_responses())
            app.state.openapi_examples = True
        return app.openapi_schema

    app.openapi = openapi


def example_request(path: str, entry: dict) -> tuple[str, dict, dict, bytes | None]:
    """(url path, query parameters, headers, body) of an entry's example request; path
    parameters are the ones named in braces, headers those named `accept`; the body is the
    entry's first, with its Content-Type."""
    params, headers = {}, {}
    body = None
    for media_type, text in list(entry.get("body", {}).items())[:1]:
        headers["content-type"] = media_type
        body = text.encode("utf-8")
    for name, value in entry.get("parameters", {}).items():
        if "{" + name + "}" in path:
            path = path.replace("{" + name + "}", str(value))
        elif name == "accept":
            headers[name] = value
        else:
            params[name] = json.dumps(value) if isinstance(value, bool) else value
    return path, params, headers, body
