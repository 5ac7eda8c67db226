"""/sparql under property-based fuzzing (hypothesis): random text, the competency queries
mutated, oversized bodies, bytes that are not UTF-8, deeply nested groups and expressions. No
answer is a 5xx but the time limit's 503, none takes longer than the limit and a grace, and
every 4xx gives its reason."""
from __future__ import annotations

import socket
import time
from urllib.parse import quote, urlsplit

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.reliability.conftest import FULL, FUZZ_TIME_LIMIT, MAX_BODY, reason, scaled

pytestmark = pytest.mark.timeout(scaled(120, 1200))

QUERIES = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "queries").glob("*.rq"))]
GRACE = 3.0
FUZZ = settings(max_examples=scaled(15, 300), deadline=None, derandomize=not FULL,
                database=None, suppress_health_check=list(HealthCheck))
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"


@st.composite
def mutated(draw) -> str:
    """A competency query with a few edits: a slice cut, copied or replaced by random text."""
    text = draw(st.sampled_from(QUERIES))
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        edit = draw(st.sampled_from(["cut", "copy", "insert"]))
        if edit == "cut":
            text = text[:start] + text[end:]
        elif edit == "copy":
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:start] + draw(st.text(max_size=20)) + text[start:]
    return text


def nested(depth: int, kind: str) -> str:
    if kind == "groups":
        return "SELECT * WHERE " + "{ " * depth + "?s ?p ?o " + "} " * depth
    if kind == "optional":
        return "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * depth + "}" * depth + " }"
    return "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * depth + "1" + ")" * depth + ") }"


def check(reply: httpx.Response, seconds: float, seen: dict | None = None) -> None:
    if seen is not None:   # the test's figures: examples by status, the slowest answer
        statuses = seen.setdefault("answers by status", {})
        statuses[str(reply.status_code)] = statuses.get(str(reply.status_code), 0) + 1
        seen["slowest (s)"] = round(max(seen.get("slowest (s)", 0), seconds), 2)
    assert seconds < FUZZ_TIME_LIMIT + GRACE, f"{seconds:.1f} s: {reply.request.url}"
    status = reply.status_code
    if status >= 500:
        assert status == 503 and "time limit" in reason(reply), f"{status}: {reply.text[:300]}"
    elif status >= 400:
        assert reason(reply), f"{status} without a reason: {reply.text[:300]}"


def send(http: httpx.Client, url: str, how: str, query: str | bytes, seen: dict) -> None:
    started = time.monotonic()
    if how == "get":
        reply = http.get(url, params={"query": query})
    elif how == "form":
        reply = http.post(url, data={"query": query})
    else:
        body = query if isinstance(query, bytes) else query.encode("utf-8", "surrogatepass")
        reply = http.post(url, content=body, headers={"Content-Type": SPARQL_QUERY})
    check(reply, time.monotonic() - started, seen)


@pytest.fixture(scope="module")
def http():
    with httpx.Client(timeout=FUZZ_TIME_LIMIT + GRACE + 5) as client:
        yield client


@FUZZ
@given(query=st.one_of(st.text(max_size=300), mutated()),
       how=st.sampled_from(["get", "form", "body"]))
def test_random_and_mutated_queries_answer_without_5xx(fuzz_server, http, figures, query, how):
    """Random text and mutated competency queries, by GET, form POST and body POST: no 5xx but
    the time limit's, no hang, every 4xx with its reason."""
    send(http, fuzz_server.url, how, query.replace("\x00", "") if how == "get" else query,
         figures)


@FUZZ
@given(depth=st.integers(1, 20_000),
       kind=st.sampled_from(["groups", "optional", "filter"]))
def test_deeply_nested_queries_answer_without_5xx(fuzz_server, http, figures, depth, kind):
    """Groups, OPTIONALs and parentheses nested up to 20,000 deep: 400 past the guard's limit
    (a worker's parser overflowed its stack at ~2,500 groups before the guard refused them)."""
    send(http, fuzz_server.url, "body", nested(depth, kind), figures)
    figures["deepest"] = max(figures.get("deepest", 0), depth)


@FUZZ
@given(body=st.binary(min_size=1, max_size=200))
def test_bodies_that_are_not_utf8_are_400_with_the_reason(fuzz_server, http, figures, body):
    """Bytes posted as a query: 400 naming UTF-8 when they are not UTF-8, else as any query."""
    started = time.monotonic()
    reply = http.post(fuzz_server.url, content=body, headers={"Content-Type": SPARQL_QUERY})
    check(reply, time.monotonic() - started, figures)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        assert reply.status_code == 400 and "UTF-8" in reason(reply)


def long_get(url: str, length: int) -> bytes:
    """The status line and start of the answer to GET /sparql?query=… of `length` bytes, sent
    on a raw socket (httpx refuses URLs over 64 KiB) and read even if the server stops reading."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as connection:
        query = quote("SELECT * WHERE { ?s ?p ?o } #") + "x" * length
        try:
            connection.sendall(f"GET {parts.path}?query={query} HTTP/1.1\r\nHost: {parts.hostname}"
                               "\r\nConnection: close\r\n\r\n".encode())
        except OSError:
            pass   # it answered and closed while the line was being sent
        return connection.recv(4096)


def test_oversized_bodies_and_query_strings_are_refused_with_the_limit(fuzz_server, http,
                                                                       figures):
    """A body over PLANKG_MAX_BODY_BYTES is 413 naming the limit, declared or streamed (no
    Content-Length), before anything is parsed; a 60 kB query string is answered, one over the
    limit is refused (4xx) before it runs."""
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * MAX_BODY
    started = time.monotonic()
    declared = http.post(fuzz_server.url, content=big.encode(),
                         headers={"Content-Type": SPARQL_QUERY})
    streamed = http.post(fuzz_server.url, content=iter([big.encode()[i:i + 65536] for i in
                                                        range(0, len(big), 65536)]),
                         headers={"Content-Type": SPARQL_QUERY})
    form = http.post(fuzz_server.url, data={"query": big})
    seconds = time.monotonic() - started
    assert [r.status_code for r in (declared, streamed, form)] == [413] * 3
    assert all(str(MAX_BODY) in reason(r) for r in (declared, streamed, form))
    urls = {length: long_get(fuzz_server.url, length) for length in (60_000, MAX_BODY + 1)}
    assert urls[60_000].startswith(b"HTTP/1.1 200")   # under the limit: answered
    assert urls[MAX_BODY + 1].startswith(b"HTTP/1.1 4"), urls[MAX_BODY + 1][:200]
    figures.update({"limit (bytes)": MAX_BODY, "three 413s (s)": round(seconds, 2),
                    "GET, 60 kB query string": urls[60_000].split(b"\r\n")[0].decode(),
                    "GET, 1 MB query string": " ".join(
                        part.split("\r\n")[0] for part in urls[MAX_BODY + 1].decode(
                            errors="replace").split("\r\n\r\n"))})
