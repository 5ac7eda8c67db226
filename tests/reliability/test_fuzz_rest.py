"""Every GET route of the app (read from the app, tests/reliability/routes.py) under hypothesis:
hostile values in each path and query parameter (random text, traversal sequences raw and
percent-encoded, control characters, kilobytes of text). No 5xx but the time limit's 503, no
hang, every 4xx with its reason. Beside tests/api/test_openapi_fuzz.py, which generates from the
OpenAPI document (and so skips the routes it does not list: pages, viz, docs)."""
from __future__ import annotations

import time
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.reliability.conftest import FULL, FUZZ_TIME_LIMIT, reason, scaled
from tests.reliability.routes import ROUTES

pytestmark = pytest.mark.timeout(scaled(180, 1800))

GRACE = 3.0
TRAVERSALS = ["..", "../", "../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f",
              "%252e%252e%252f", "..\\..\\", "%c0%ae%c0%ae/", "....//", "/etc/passwd",
              "\x00", "%00", "~", "*", "${jndi:x}", "' OR 1=1 --",
              "\" } INSERT DATA { <a> <b> <c> }"]
VALUES = st.one_of(st.text(max_size=40), st.sampled_from(TRAVERSALS),
                   st.text(alphabet="./\\%2e5cfF0", max_size=24),
                   st.text(min_size=1000, max_size=3000))
LONGEST_URL = 60_000   # httpx refuses longer ones (uvicorn's own limit: docs/reliability.md)
FUZZ = settings(max_examples=scaled(40, 500), deadline=None, derandomize=not FULL,
                database=None, suppress_health_check=list(HealthCheck))


@st.composite
def requests(draw) -> tuple[str, dict[str, str]]:
    route = draw(st.sampled_from(ROUTES))
    values = {}
    for name in route.parameters:
        value = draw(VALUES)
        # raw (slashes and all) or encoded as a client would, or encoded twice
        values[name] = draw(st.sampled_from([quote(value, safe="/"), quote(value, safe=""),
                                             quote(quote(value, safe=""), safe="")]))
    query = {name: draw(VALUES) for name in route.query if draw(st.booleans())}
    return route.url(values), query


@pytest.fixture(scope="module")
def http(fuzz_server):
    base = fuzz_server.url.removesuffix("/sparql")
    with httpx.Client(base_url=base, timeout=FUZZ_TIME_LIMIT + GRACE + 10) as client:
        yield client


@FUZZ
@given(request=requests())
def test_hostile_parameters_on_every_route_answer_without_5xx(http, figures, request):
    """Each GET route with hostile path and query values: no 5xx, no hang, 4xx with a reason."""
    path, query = request
    assume(len(path) + sum(len(quote(v)) for v in query.values()) < LONGEST_URL)
    started = time.monotonic()
    reply = http.get(path, params=query)
    seconds = time.monotonic() - started
    statuses = figures.setdefault("answers by status", {})
    statuses[str(reply.status_code)] = statuses.get(str(reply.status_code), 0) + 1
    figures["routes"] = len(ROUTES)
    figures["slowest (s)"] = round(max(figures.get("slowest (s)", 0), seconds), 2)
    assert seconds < FUZZ_TIME_LIMIT + GRACE, f"{seconds:.1f} s: {path}"
    if reply.status_code >= 500:
        assert reply.status_code == 503 and "time limit" in reason(reply), \
            f"{path} {query}: {reply.status_code} {reply.text[:300]}"
    elif reply.status_code >= 400:
        assert reason(reply), f"{path}: {reply.status_code} without a reason"
