"""Schemathesis against the OpenAPI document the server publishes: generated requests, valid and
invalid, to every REST route and the linked-data paths, a few examples each under a deadline,
checking that none answers 5xx and that every answer conforms to the document (status, content
type, JSON schema of the body)."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance,
                                               response_schema_conformance,
                                               status_code_conformance)

from api.app import create_app

# The document as the app builds it, so operations can be named at collection time; the test
# below checks it is the one the live server publishes at /openapi.json.
DOCUMENT = create_app().openapi()
# /sparql reads its parameters itself (the SPARQL protocol) and is tested on its own
OPERATIONS = [result.ok() for result in schemathesis.openapi.from_dict(DOCUMENT)
              .get_all_operations() if result.ok().path != "/sparql"]
NOT_CONSTRAINTS = {"title", "description", "examples"}


def can_be_wrong(operation) -> bool:
    """Whether some parameter constrains its value (a pattern, a bound, a type other than free
    text, being required), so that an invalid request exists; /id/{path} takes any text."""
    for parameter in operation.iter_parameters():
        schema = parameter.definition.get("schema", {})
        if parameter.definition.get("in") != "path" and parameter.is_required:
            return True
        if set(schema) - NOT_CONSTRAINTS - {"type"} or schema.get("type", "string") != "string":
            return True
    return False


# invalid requests only where there is a parameter to get wrong
CASES = [(op, mode) for op in OPERATIONS
         for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
         if mode is GenerationMode.POSITIVE or can_be_wrong(op)]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
EXAMPLES = 12          # per operation and mode
DEADLINE_MS = 5000     # per example


def test_the_server_publishes_this_document(api):
    assert api.get("/openapi.json").json() == DOCUMENT


def test_every_rest_route_is_in_the_document():
    paths = {op.path for op in OPERATIONS}
    assert {"/api/plans", "/api/plans/{plan_id}", "/api/plans/{plan_id}/groups",
            "/api/plans/{plan_id}/tasks", "/api/tasks/{plan_id}/{task_key}",
            "/api/organizations", "/api/organizations/{jurisdiction}/{name}",
            "/api/indicators", "/api/indicators/{indicator_id}", "/api/targets", "/api/search",
            "/api/queries", "/api/queries/{name}", "/api/stats", "/id/{path}",
            "/ontology"} <= paths


@pytest.mark.timeout(120)
@pytest.mark.parametrize("operation,mode", CASES,
                         ids=[f"{op.label} {mode.value}" for op, mode in CASES])
def test_no_server_error_and_answers_conform(operation, mode, base_url):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=DEADLINE_MS, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def answers_well(case):
        case.call_and_validate(base_url=base_url, checks=CHECKS, timeout=15)

    answers_well()
