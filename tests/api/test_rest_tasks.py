"""/api/tasks/{plan}/{task} against the live server: units with their roles, institutions named,
sub-tasks, and the source lines with their excerpt read from data/sources/."""
from __future__ import annotations

import pytest


def test_shapingba_task_6_units_and_source(api):
    task = api.get("/api/tasks/shapingba-2025/6").json()
    # shapingba_2025_service_system.txt:25 6.保障医疗服务质量安全。…（责任单位：区卫生健康委、区市场监管局）
    assert task["title"] == "保障医疗服务质量安全"
    assert task["text"].startswith("保障医疗服务质量安全。强化全区医疗机构基础质量安全管理")
    assert {u["id"] for u in task["units"]} == {"org/shapingba/health-commission",
                                                "org/shapingba/market-regulation-bureau"}
    assert task["group_title"] == "强化内涵，提升城乡医疗卫生服务能力"   # line 22
    (source,) = task["sources"]
    assert (source["file"], source["start"], source["end"]) == \
        ("shapingba_2025_service_system.txt", 25, 25)
    assert source["excerpt"].startswith("6.保障医疗服务质量安全。")
    assert source["excerpt"].endswith("（责任单位：区卫生健康委、区市场监管局）")


def test_yongchuan_task_16_sub_tasks_and_institutions(api):
    task = api.get("/api/tasks/yongchuan-2025/16").json()
    # yongchuan_2025_regional_center.txt:382-434: task 16 decomposed into nine rows
    assert [s["id"] for s in task["subtasks"]] == [
        f"task/yongchuan-2025/16.{n}" for n in range(1, 10)]
    assert task["subtasks"][0]["label_zh"] == \
        "运用自贸试验区政策优势，推动临床急需药品特许使用，探索境外已上市器械先行试用"  # line 384
    # line 50, the task's text, names 重医附属永川医院, 渝西卫校 and 民进校
    assert {i["id"] for i in task["institutions"]} >= {"org/chongqing/cqmu-yongchuan-hospital",
                                                       "org/yongchuan/yuxi-health-school",
                                                       "org/yongchuan/minjin-school"}
    files = {(s["file"], s["start"], s["end"]) for s in task["sources"]}
    assert files == {("yongchuan_2025_regional_center.txt", 50, 50),
                     ("yongchuan_2025_regional_center.txt", 382, 434)}


def test_yongchuan_sub_task_lead_and_shared_units(api):
    task = api.get("/api/tasks/yongchuan-2025/16.1").json()
    roles = {u["id"]: u["role"] for u in task["units"]}
    # line 385 牵头单位: 区商务委、区市场监管局; line 386 责任单位: 区卫生健康委
    assert roles == {"org/yongchuan/commerce-commission": "lead",
                     "org/yongchuan/market-regulation-bureau": "lead",
                     "org/yongchuan/health-commission": "shared"}
    assert task["parent"] == "task/yongchuan-2025/16"
    assert task["kind"] == "subtask"
    # lead units come first
    assert [u["role"] for u in task["units"]] == ["lead", "lead", "shared"]

    row_8 = api.get("/api/tasks/yongchuan-2025/16.8").json()
    # line 427 lead 区教委; line 428 区人力社保局、区卫生健康委、区民政局、区文化旅游委
    assert [u["id"] for u in row_8["units"] if u["role"] == "lead"] == \
        ["org/yongchuan/education-commission"]
    assert len([u for u in row_8["units"] if u["role"] == "shared"]) == 4


def test_targets_stated_in_a_task(api):
    # yuzhong_2024_work_measures.txt:26 task 5: 到2027年…每千人口注册护士数不低于21人
    task = api.get("/api/tasks/yuzhong-2024/5").json()
    nurses = [t for t in task["targets"] if t["indicator"]["id"]
              == "indicator/registered-nurses-per-1000"]
    (target,) = nurses
    assert (target["year"], target["value_text"], target["comparator"], target["value"]) == \
        (2027, "不低于21人", "≥", 21)
    assert target["sources"][0]["start"] == 26


@pytest.mark.parametrize("path", ["/api/tasks/shapingba-2025/99", "/api/tasks/nowhere-2030/1"])
def test_unknown_task_is_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert "error" in response.json()


@pytest.mark.parametrize("path", ["/api/tasks/shapingba-2025/6..1", "/api/tasks/shapingba-2025/_6",
                                  "/api/tasks/SHAPINGBA/6"])
def test_malformed_task_id_is_422(api, path):
    response = api.get(path)
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"].startswith("String should match pattern")
