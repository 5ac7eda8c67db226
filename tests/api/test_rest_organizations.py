"""/api/organizations against the live server: filters by alias, kind and jurisdiction; one
organization with the tasks it answers for. Expected values are read off data/sources/."""
from __future__ import annotations

import pytest


def test_find_a_body_by_the_alias_a_plan_prints(api):
    # yuzhong_2024_work_measures.txt:21 （责任单位：区卫健委…）: 渝中区's short name for its commission
    found = api.get("/api/organizations", params={"name": "区卫健委",
                                                  "jurisdiction": "yuzhong"}).json()
    assert [o["id"] for o in found] == ["org/yuzhong/health-commission"]
    assert "区卫健委" in found[0]["aliases"]
    assert found[0]["kind"]["id"] == "kind/health-commission"
    assert found[0]["type"] == "GovernmentDepartment"


def test_kind_filter_takes_narrower_kinds_and_jurisdiction_narrows(api):
    commissions = api.get("/api/organizations", params={"kind": "health-commission"}).json()
    # each district plan names its own 卫生健康委: shapingba :25, yuzhong :21, yongchuan :379
    assert {"org/shapingba/health-commission", "org/yuzhong/health-commission",
            "org/yongchuan/health-commission"} <= {o["id"] for o in commissions}
    departments = api.get("/api/organizations", params={"kind": "government-department"}).json()
    assert {o["id"] for o in commissions} <= {o["id"] for o in departments}
    assert {o["type"] for o in departments} == {"GovernmentDepartment"}
    shapingba = api.get("/api/organizations", params={"jurisdiction": "shapingba",
                                                      "kind": "market-regulation-bureau"}).json()
    assert [o["id"] for o in shapingba] == ["org/shapingba/market-regulation-bureau"]


def test_one_organization_with_its_tasks(api):
    org = api.get("/api/organizations/shapingba/market-regulation-bureau").json()
    assert org["label_zh"] == "沙坪坝区市场监督管理局"
    # named in the 责任单位 clauses of tasks 6 (shapingba…txt:25) and 16 (:38), no lead printed
    responsible = {t["id"]: t["role"] for t in org["tasks"] if t["role"] != "mentioned"}
    assert responsible == {"task/shapingba-2025/6": "shared", "task/shapingba-2025/16": "shared"}


def test_lead_and_shared_tasks_of_a_yongchuan_body(api):
    org = api.get("/api/organizations/yongchuan/education-commission").json()
    roles = {t["id"]: t["role"] for t in org["tasks"]}
    # yongchuan_2025_regional_center.txt:427 lead of row 16.8; :332 shared in task 7
    assert roles["task/yongchuan-2025/16.8"] == "lead"
    assert roles["task/yongchuan-2025/7"] == "shared"


def test_unknown_organization_is_404(api):
    response = api.get("/api/organizations/shapingba/ministry-of-magic")
    assert response.status_code == 404
    assert "ministry-of-magic" in response.json()["error"]


@pytest.mark.parametrize("params", [{"kind": "Health Commission"}, {"jurisdiction": "渝中"},
                                    {"name": ""}, {"name": "x" * 101}])
def test_bad_filters_are_422(api, params):
    response = api.get("/api/organizations", params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", next(iter(params))]
