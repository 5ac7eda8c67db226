"""The served views, over HTTP from a real server: /viz pages, /api/network JSON and exports, the
counts equal to what the same server's /sparql answers, and clear 4xx for bad input."""
import xml.etree.ElementTree as ElementTree
from urllib.parse import quote

import httpx
import pytest

from tests.viz.test_render import assert_self_contained

SP_HEALTH = "https://w3id.org/plankg/id/org/shapingba/health-commission"


@pytest.fixture(scope="module")
def http():
    with httpx.Client(timeout=60) as client:
        yield client


def sparql_count(http, server, query: str) -> int:
    reply = http.get(server.url, params={"query": query},
                     headers={"Accept": "application/sparql-results+json"})
    reply.raise_for_status()
    return int(reply.json()["results"]["bindings"][0]["n"]["value"])


def test_network_json_counts_equal_the_endpoints_counts(http, server):
    data = http.get(f"{server.base}/api/network/plan/yuzhong-2024").json()
    where = ("?t a pk:Task ; pk:inPlan pkid:plan\\/yuzhong-2024 ; pk:responsibleUnit ?u . "
             "FILTER NOT EXISTS { ?s pk:subTaskOf ?t }")
    tasks = sparql_count(http, server, f"SELECT (COUNT(DISTINCT ?t) AS ?n) {{ {where} }}")
    bodies = sparql_count(http, server, f"SELECT (COUNT(DISTINCT ?u) AS ?n) {{ {where} }}")
    links = sparql_count(http, server,
                         f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?t ?u {{ {where} }} }}")
    assert len(data["nodes"]) == tasks + bodies
    assert len(data["edges"]) == links


def test_stats_json_for_a_plan(http, server):
    reply = http.get(f"{server.base}/api/network/plan/{quote('沙坪坝')}/stats")
    assert reply.status_code == 200
    found = {b["body"]: b for b in reply.json()["bodies"]}
    # 区卫生健康委 is named in all 19 tasks of shapingba_2025_service_system.txt (lines 19–42),
    # never as lead
    assert (found[SP_HEALTH]["tasks_led"], found[SP_HEALTH]["tasks_shared"]) == (0, 19)


def test_stats_across_plans_has_each_plan_and_all(http, server):
    data = http.get(f"{server.base}/api/network/stats",
                    params=[("plan", "shapingba-2025"), ("plan", "yuzhong-2024")]).json()
    assert set(data) == {"shapingba-2025", "yuzhong-2024", "all"}
    assert len(data["all"]["bodies"]) == \
        len(data["shapingba-2025"]["bodies"]) + len(data["yuzhong-2024"]["bodies"])


def test_exports(http, server):
    graphml = http.get(f"{server.base}/api/network/plan/shapingba-2025",
                       params={"format": "graphml"})
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    root = ElementTree.fromstring(graphml.content)
    # 19 tasks + 15 bodies, 46 links (see tests/viz/test_plans.py for the reading)
    assert len([e for e in root.iter() if e.tag.endswith("}node")]) == 34
    assert len([e for e in root.iter() if e.tag.endswith("}edge")]) == 46
    csv = http.get(f"{server.base}/api/network/plan/shapingba-2025",
                   params={"format": "csv", "view": "co-responsibility"})
    assert csv.text.splitlines()[0].startswith("source,target,")


@pytest.mark.parametrize("path", ["/viz/plan/shapingba-2025?view=co-responsibility",
                                  "/viz/unit/yuzhong/health-commission",
                                  "/viz/kind/health-commission",
                                  "/viz/indicator/registered-nurses-per-1000"])
def test_pages_are_self_contained_html(http, server, path):
    reply = http.get(server.base + path)
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/html")
    assert_self_contained(reply.text)


def test_served_nodes_link_to_their_pages(http, server):
    html = http.get(f"{server.base}/viz/plan/yuzhong-2024").text
    assert '"link": "/viz/unit/yuzhong/health-commission"' in html
    assert '"link": "/id/task/yuzhong-2024/1"' in html


@pytest.mark.parametrize("fmt,media,magic", [("png", "image/png", b"\x89PNG"),
                                              ("svg", "image/svg+xml", b"<?xml")])
def test_indicator_chart(http, server, fmt, media, magic):
    reply = http.get(f"{server.base}/viz/indicator/{quote('每千人口注册护士数')}",
                     params={"format": fmt})
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith(media)
    assert reply.content.startswith(magic)


@pytest.mark.parametrize("path,status,says", [
    ("/viz/plan/no-such-plan", 404, "no plan matches"),
    ("/viz/plan/" + quote("区"), 400, "matches several plans"),
    ("/viz/plan/shapingba-2025?view=hairball", 400, "unknown view"),
    ("/viz/unit/nowhere/nobody", 404, "no body matches"),
    ("/viz/kind/no-such-kind", 404, "no kind of body matches"),
    ("/viz/indicator/no-such-indicator", 404, "no indicator matches"),
    ("/viz/indicator/registered-nurses-per-1000?format=gif", 400, "png or svg"),
    ("/api/network/plan/shapingba-2025?format=xlsx", 400, "graphml"),
    ("/api/network/plan/nope/stats", 404, "no plan matches"),
])
def test_bad_input_is_a_4xx_with_the_reason(http, server, path, status, says):
    reply = http.get(server.base + path)
    assert reply.status_code == status
    assert says in reply.json()["error"]
