"""/api/indicators and /api/targets against the live server: the cross-plan comparison of one
indicator, and targets due by a year. Values are read off data/sources/."""
from __future__ import annotations

NURSES = "registered-nurses-per-1000"   # 每千人口注册护士数


def values(facts: list[dict]) -> list[tuple[int, str]]:
    return [(f["year"], f["value_text"]) for f in facts]


def test_indicator_list_has_labels_and_units(api):
    indicators = {i["id"]: i for i in api.get("/api/indicators").json()}
    nurses = indicators[f"indicator/{NURSES}"]
    assert nurses["label_zh"] == "每千人口注册护士数"
    assert nurses["unit"] == "人"     # printed as 每千人口注册护士数（人）, huaying…txt:105


def test_cross_plan_comparison_of_registered_nurses(api):
    indicator = api.get(f"/api/indicators/{NURSES}").json()
    plans = {p["plan"]: p for p in indicator["comparison"]}
    assert set(plans) == {"plan/huaying-2021", "plan/yongchuan-2025", "plan/yuzhong-2024"}
    # huaying_14th_fyp_service_system.txt:104-108: 8 每千人口注册护士数（人） 2.3 → 3.2 预期性
    assert values(plans["plan/huaying-2021"]["baselines"]) == [(2020, "2.3")]
    assert values(plans["plan/huaying-2021"]["targets"]) == [(2025, "3.2")]
    assert plans["plan/huaying-2021"]["targets"][0]["bindingness"] == "expected"
    # yongchuan_2025_regional_center.txt:174-180: 4.7, 4.8 (2027), 4.9 (2030);
    # the same targets again in the prose at :23
    assert values(plans["plan/yongchuan-2025"]["targets"]) == [(2027, "4.8"), (2030, "4.9")]
    assert [f["value"] for f in plans["plan/yongchuan-2025"]["targets"]] == [4.8, 4.9]
    lines = {s["start"] for s in plans["plan/yongchuan-2025"]["targets"][0]["sources"]}
    assert lines == {23, 174}
    # yuzhong_2024_work_measures.txt:97 每千人口注册护士数20.97人 (2023); :26 不低于21人 by 2027
    assert values(plans["plan/yuzhong-2024"]["baselines"]) == [(2023, "20.97人")]
    assert values(plans["plan/yuzhong-2024"]["targets"]) == [(2027, "不低于21人")]


def test_unknown_indicator_is_404_and_malformed_422(api):
    assert api.get("/api/indicators/unicorns-per-1000").status_code == 404
    assert api.get("/api/indicators/Unicorns per 1000").status_code == 422


def test_targets_due_by_a_year(api):
    due_2025 = api.get("/api/targets", params={"due_by": 2025}).json()
    assert due_2025 and all(t["type"] == "target" and t["year"] <= 2025 for t in due_2025)
    # huaying_14th_fyp_service_system.txt:107 3.2 nurses per 1000 by 2025
    assert f"target/huaying-2021/{NURSES}/2025" in {t["id"] for t in due_2025}
    # yongchuan's 4.8 is due in 2027 (yongchuan_2025_regional_center.txt:179)
    assert f"target/yongchuan-2025/{NURSES}/2027" not in {t["id"] for t in due_2025}
    due_2027 = api.get("/api/targets", params={"due_by": 2027, "plan": "yongchuan-2025"}).json()
    assert f"target/yongchuan-2025/{NURSES}/2027" in {t["id"] for t in due_2027}
    assert {t["plan"] for t in due_2027} == {"plan/yongchuan-2025"}


def test_targets_need_a_sensible_year(api):
    for params in ({}, {"due_by": "soon"}, {"due_by": 30000}):
        response = api.get("/api/targets", params=params)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", "due_by"]
