"""The paged REST lists against the live server: pages of any size join up to the whole list,
each item once, in one order, the `Link: <…>; rel="next"` header leading from each page to the
next and absent on the last. Expected lists are read off data/sources/manifest.yaml and
data/registry/organizations.csv, not off the program."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "data"
# The next page in a Link header: `</api/plans?offset=2&limit=2>; rel="next"`
NEXT = re.compile(r'<([^>]+)>;\s*rel="next"')


def walk(api, path: str, **params) -> tuple[list[dict], int]:
    """Every item of a paged list, following the Link headers: (items, pages read)."""
    items, pages = [], 0
    reply = api.get(path, params=params)
    while True:
        assert reply.status_code == 200, reply.text[:300]
        items += reply.json()
        pages += 1
        link = NEXT.search(reply.headers.get("link", ""))
        if not link:
            return items, pages
        reply = api.get(link[1])


def registry(jurisdiction: str | None = None) -> set[str]:
    with (DATA / "registry" / "organizations.csv").open(encoding="utf-8") as table:
        return {f"org/{row['jurisdiction']}/{row['id']}" for row in csv.DictReader(table)
                if jurisdiction in (None, row["jurisdiction"])}


def test_pages_of_plans_join_up_to_the_manifest(api):
    manifest = yaml.safe_load((DATA / "sources" / "manifest.yaml").read_text(encoding="utf-8"))
    expected = sorted(f"plan/{entry['id']}" for entry in manifest["plans"])    # five plans
    plans, pages = walk(api, "/api/plans", limit=2)
    assert [p["id"] for p in plans] == expected
    assert pages == 3                      # 2 + 2 + 1


@pytest.mark.parametrize("limit", [1, 7, 50, 1000])
def test_pages_of_bodies_join_up_to_the_registry(api, limit):
    # every row of organizations.csv is a body some plan names (160 rows at five plans)
    bodies, pages = walk(api, "/api/organizations", limit=limit)
    ids = [b["id"] for b in bodies]
    assert len(ids) == len(set(ids))
    assert set(ids) == registry()
    assert ids == sorted(ids)
    assert pages == -(-len(registry()) // limit)


def test_a_filtered_list_is_paged_too(api):
    shapingba, _ = walk(api, "/api/organizations", jurisdiction="shapingba", limit=3)
    assert {b["id"] for b in shapingba} == registry("shapingba")
    # the page of a filter keeps its aliases whole: 区卫生健康委, shapingba…txt:25
    commission = next(b for b in shapingba if b["id"] == "org/shapingba/health-commission")
    assert "区卫生健康委" in commission["aliases"]


def test_pages_of_targets_join_up_to_one_page_of_them_all(api):
    whole = api.get("/api/targets", params={"due_by": 2100, "limit": 1000}).json()
    assert "link" not in api.get("/api/targets", params={"due_by": 2100, "limit": 1000}).headers
    paged, pages = walk(api, "/api/targets", due_by=2100, limit=13)
    assert [t["id"] for t in paged] == [t["id"] for t in whole]
    assert pages == -(-len(whole) // 13) and len(whole) > 13
    # huaying_14th_fyp_service_system.txt:107 3.2 nurses per 1000 by 2025, among them once
    assert [t["id"] for t in paged].count("target/huaying-2021/registered-nurses-per-1000/2025") == 1


def test_the_last_page_has_no_next_link(api):
    reply = api.get("/api/plans", params={"limit": 5})
    assert len(reply.json()) == 5 and "link" not in reply.headers
    reply = api.get("/api/plans", params={"limit": 4})
    assert NEXT.search(reply.headers["link"])[1] == "/api/plans?offset=4&limit=4"


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 1001}, {"offset": -1},
                                    {"limit": "many"}])
def test_a_page_out_of_bounds_is_422(api, params):
    response = api.get("/api/organizations", params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", next(iter(params))]
