"""The public surface: read-only (the only methods but GET and HEAD are POST /sparql, which
refuses updates, tests/api/test_read_only.py, and POST /api/validate, which reads its body and
keeps nothing); no path traversal through any path parameter or static folder; CORS and
security headers as stated in docs/reliability.md; no outbound request from /api/validate
(owl:imports, a remote JSON-LD context, XML entities). SERVICE and FROM are
tests/api/test_no_outbound.py's."""
from __future__ import annotations

import http.client
import socket
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.routing import APIRoute

from api.app import create_app
from tests.reliability.routes import WITH_PARAMETERS, flat, mounts

pytestmark = pytest.mark.timeout(120)

# raw, as a client could send them (httpx would resolve dot segments before sending)
TRAVERSALS = ["../../../../etc/passwd", "..%2f..%2f..%2f..%2fetc%2fpasswd",
              "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "%2e%2e%2f%2e%2e%2f%2e%2e%2fpyproject.toml",
              "..%252f..%252f..%252fpyproject.toml", "..\\..\\..\\pyproject.toml",
              "%c0%ae%c0%ae/%c0%ae%c0%ae/pyproject.toml", "....//....//pyproject.toml",
              "/etc/passwd", "%2fetc%2fpasswd", "..%00/pyproject.toml", "../../api/settings.py",
              "../../../README.md", "..;/..;/pyproject.toml"]
# what a file outside the served folders holds: /etc/passwd, pyproject.toml, api/settings.py,
# README.md
SECRETS = [b"root:x:0:0", b"[build-system]", b"class Settings(StoreSettings)",
           b"plankg turns five public"]


def raw_get(base: str, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    """GET `path` exactly as written (no normalisation of dot segments or escapes)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        reply = connection.getresponse()
        return reply.status, reply.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def base(fuzz_server) -> str:
    return fuzz_server.url.removesuffix("/sparql")


def test_the_only_methods_but_get_are_the_two_posts(base, figures):
    """Every route of the app, enumerated: GET/HEAD, but POST /sparql and POST /api/validate;
    PUT, DELETE and PATCH anywhere are 405."""
    writable = sorted({(path, method) for path, route in flat(create_app().routes)
                       if isinstance(route, APIRoute)
                       for method in route.methods - {"GET", "HEAD"}})
    assert writable == [("/api/validate", "POST"), ("/sparql", "POST")]
    statuses = set()
    with httpx.Client(base_url=base, timeout=30) as client:
        for path in ("/sparql", "/api/plans", "/api/validate", "/id/plan/shapingba-2025"):
            for method in ("PUT", "DELETE", "PATCH"):
                statuses.add(client.request(method, path, content=b"x").status_code)
    assert statuses == {405}
    figures.update({"routes": len(flat(create_app().routes)), "not GET": writable})


@pytest.mark.parametrize("route", WITH_PARAMETERS, ids=[r.path for r in WITH_PARAMETERS])
def test_no_path_parameter_reads_a_file_outside(base, route):
    """Each traversal sequence in each path parameter: never a 5xx, never a file's content."""
    for traversal in TRAVERSALS:
        for name in route.parameters:
            values = {other: "shapingba-2025" for other in route.parameters} | {name: traversal}
            status, body = raw_get(base, route.url(values))
            assert status < 500, (route.url(values), status, body[:200])
            assert not any(secret in body for secret in SECRETS), route.url(values)


def test_no_static_folder_serves_a_file_outside(base, figures):
    """Each static mount with each traversal sequence after it: 404 (or 400), nothing read."""
    tried = {}
    for mount in mounts():
        for traversal in TRAVERSALS:
            status, body = raw_get(base, f"{mount}/{traversal}")
            tried[f"{mount}/{traversal}"] = status
            assert status in (400, 404), (mount, traversal, status)
            assert not any(secret in body for secret in SECRETS), (mount, traversal)
    assert raw_get(base, "/static/ui/app.js")[0] == 200 or raw_get(base, "/")[0] == 200
    figures.update({"mounts": mounts(), "paths tried": len(tried),
                    "statuses": sorted(set(tried.values())),
                    "path-parameter routes": len(WITH_PARAMETERS),
                    "traversal sequences": len(TRAVERSALS)})


HEADERS = ["access-control-allow-origin", "access-control-allow-credentials",
           "access-control-allow-methods", "content-security-policy", "x-content-type-options",
           "x-frame-options", "referrer-policy", "strict-transport-security"]


def test_cors_and_security_headers_are_as_stated(base, figures):
    """Any origin may read (the data is public and read-only), never with credentials; a
    preflight for POST or a custom header is refused; /docs and /redoc carry a CSP."""
    seen = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for path in ("/", "/api/plans", "/sparql?query=ASK%7B%7D", "/id/plan/shapingba-2025",
                     "/docs", "/redoc"):
            reply = client.get(path, headers={"Origin": "https://elsewhere.example"})
            seen[path] = {h: reply.headers[h] for h in HEADERS if h in reply.headers}
        preflight = client.options("/sparql", headers={
            "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"})
    assert seen["/api/plans"]["access-control-allow-origin"] == "*"
    assert not any("access-control-allow-credentials" in h for h in seen.values())
    assert preflight.status_code == 400
    assert "content-security-policy" in seen["/docs"] and "content-security-policy" in \
        seen["/redoc"]
    for path, headers in seen.items():   # api/app.py SecurityHeaders, on every answer
        assert (headers.get("x-content-type-options"), headers.get("x-frame-options"),
                headers.get("referrer-policy")) == ("nosniff", "SAMEORIGIN", "same-origin"), path
    figures.update({"headers": seen, "preflight POST from another origin": preflight.status_code})


@pytest.fixture
def listener():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.settimeout(1.5)
        yield sock, f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_validating_a_graph_fetches_nothing(base, listener):
    """owl:imports, a remote JSON-LD @context and XML entities (remote, and a local file) in a
    graph sent to /api/validate: no connection, no file read into the answer."""
    sock, remote = listener
    bodies = {
        "text/turtle": f"<urn:a> <http://www.w3.org/2002/07/owl#imports> <{remote}/x.ttl> .",
        "application/ld+json": f'{{"@context": "{remote}/context.jsonld", "@id": "urn:a", '
                               '"name": "x"}',
        "application/rdf+xml": f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY far SYSTEM '
                               f'"{remote}/e"><!ENTITY near SYSTEM "file:///etc/passwd">]>'
                               '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
                               ' xmlns:e="urn:e#"><rdf:Description rdf:about="urn:a">'
                               '<e:p>&far;&near;</e:p></rdf:Description></rdf:RDF>',
    }
    with httpx.Client(base_url=base, timeout=30) as client:
        for media_type, body in bodies.items():
            reply = client.post("/api/validate", content=body.encode(),
                                headers={"Content-Type": media_type})
            assert reply.status_code in (200, 400), (media_type, reply.text[:300])
            assert b"root:x:0:0" not in reply.content
    with pytest.raises(TimeoutError):
        sock.accept()
