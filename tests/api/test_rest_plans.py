"""/api/plans against the live server: the five plans, one plan, its groups, its tasks filtered by
a unit's printed name and by lead role. Expected values are read off data/sources/."""
from __future__ import annotations

import pytest


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def test_the_five_plans_of_the_manifest(api):
    response = api.get("/api/plans")
    assert response.status_code == 200
    plans = {plan["id"]: plan for plan in response.json()}
    # data/sources/manifest.yaml lists five plans
    assert set(plans) == {"plan/shapingba-2025", "plan/huaying-2021", "plan/yuzhong-2024",
                          "plan/yongchuan-2025", "plan/wanzhou-2022"}
    # shapingba_2025_service_system.txt:1 and :10-11
    assert plans["plan/shapingba-2025"]["identifier"] == "沙府办发〔2025〕13号"
    assert plans["plan/shapingba-2025"]["title"] == "沙坪坝区进一步完善医疗卫生服务体系实施方案"
    # shapingba_2025_service_system.txt:8 2025年2月20日
    assert plans["plan/shapingba-2025"]["issued"] == "2025-02-20"
    # tasks 1.–19. at shapingba_2025_service_system.txt:19-42
    assert plans["plan/shapingba-2025"]["tasks"] == 19


def test_one_plan_with_its_number_and_the_policies_it_cites(api):
    plan = api.get("/api/plans/yongchuan-2025").json()
    # yongchuan_2025_regional_center.txt:4
    assert plan["identifier"] == "永川府办发〔2025〕26号"
    assert plan["jurisdiction"]["label_zh"] == "永川区"
    assert plan["iri"] == "https://w3id.org/plankg/id/plan/yongchuan-2025"
    assert any(policy["title"] == "重庆市进一步完善医疗卫生服务体系实施方案"
               for policy in plan["cites"])


def test_groups_of_a_plan_in_printed_order(api):
    groups = api.get("/api/plans/shapingba-2025/groups").json()
    # （一）…（五） at shapingba_2025_service_system.txt:18, 22, 27, 35, 39
    assert [g["title"] for g in groups] == [
        "科学规划，建设优质高效服务体系", "强化内涵，提升城乡医疗卫生服务能力",
        "创新模式，增强医疗卫生服务群众获得感", "整体智治，提升城乡医疗卫生服务管理能力",
        "协同联动，提高医疗卫生治理效能"]
    # tasks 1-3 under （一） (lines 19-21), 4-7 under （二） (lines 23-26)
    assert [g["tasks"] for g in groups[:2]] == [3, 4]


def test_tasks_in_printed_order(api):
    tasks = api.get("/api/plans/shapingba-2025/tasks").json()
    assert [t["number"] for t in tasks] == list(range(1, 20))


def test_tasks_naming_a_unit_by_the_short_name_the_plan_prints(api):
    # 区市场监管局 is named at shapingba_2025_service_system.txt:25 (task 6) and :38 (task 16)
    tasks = api.get("/api/plans/shapingba-2025/tasks", params={"unit": "区市场监管局"}).json()
    assert ids(tasks) == ["task/shapingba-2025/6", "task/shapingba-2025/16"]
    # task 6's clause: （责任单位：区卫生健康委、区市场监管局）, line 25; no lead is printed
    task6 = tasks[0]
    assert {u["label_zh"] for u in task6["units"]} == {"沙坪坝区卫生健康委员会",
                                                       "沙坪坝区市场监督管理局"}
    assert {u["role"] for u in task6["units"]} == {"shared"}


def test_tasks_a_unit_leads(api):
    # 区教委 appears in yongchuan_2025_regional_center.txt at :332 (task 7, responsible column)
    # and :427 (row 16.8, lead column 牵头单位 under the header at :289)
    every = api.get("/api/plans/yongchuan-2025/tasks", params={"unit": "区教委"}).json()
    assert ids(every) == ["task/yongchuan-2025/7", "task/yongchuan-2025/16",
                          "task/yongchuan-2025/16.8"]
    led = api.get("/api/plans/yongchuan-2025/tasks",
                  params={"unit": "区教委", "lead": "true"}).json()
    assert ids(led) == ["task/yongchuan-2025/16", "task/yongchuan-2025/16.8"]


def test_a_name_no_plan_prints_finds_nothing(api):
    response = api.get("/api/plans/yongchuan-2025/tasks", params={"unit": "区不存在局"})
    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize("path", ["/api/plans/nowhere-2030", "/api/plans/nowhere-2030/groups",
                                  "/api/plans/nowhere-2030/tasks"])
def test_unknown_plan_is_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert "nowhere-2030" in response.json()["error"]


@pytest.mark.parametrize("path,params", [
    ("/api/plans/Yongchuan-2025", {}),                         # upper case: not an id
    ("/api/plans/yongchuan-2025/tasks", {"lead": "perhaps"}),  # not a boolean
    ("/api/plans/yongchuan-2025/tasks", {"unit": ""}),         # empty name
])
def test_bad_parameters_are_422_with_the_reason(api, path, params):
    response = api.get(path, params=params)
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"][-1] in ("plan_id", "lead", "unit") and problem["msg"]


def test_a_plan_says_what_was_read_from_it(api):
    quality = api.get("/api/plans/shapingba-2025").json()["quality"]
    # shapingba_2025_service_system.txt:19-42: 19 tasks, each closing in a （责任单位：…） clause;
    # the 19 clauses name 4+2+1+1+2+2+3+3+2+5+1+2+3+3+1+3+2+2+4 = 46 units, none as 牵头, and
    # no 完成时限; every clause is read
    assert quality == {"tasks": 19, "links": 46, "leads": 0, "deadlines": 0, "warnings": []}
