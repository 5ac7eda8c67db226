"""/api/search through the build's index, against the live server: every kind of resource, names
of bodies by their printed short forms, the phrase marked, the source lines."""
from __future__ import annotations

ALL = [("type", kind) for kind in ("task", "plan", "indicator", "body")]


def test_search_finds_bodies_by_their_printed_short_names(api):
    # data/registry/organizations.csv:29, 50, 74: 区医保局, alias of three districts' bureaus
    hits = api.get("/api/search", params=[("q", "区医保局"), ("type", "body")]).json()
    assert sorted(h["id"] for h in hits) == ["org/shapingba/medical-insurance-bureau",
                                             "org/yongchuan/medical-insurance-bureau",
                                             "org/yuzhong/medical-insurance-bureau"]
    assert all(h["type"] == "body" and h["field"] == "altLabel" and h["plan"] is None
               for h in hits)


def test_search_hits_are_ranked_marked_and_sourced(api):
    # shapingba_2025_service_system.txt:29 (task 9) prints 家医服务站; the indicator 红岩家医服务站数
    # has it in its alias (data/registry/indicators.csv:26), a short name that ranks first
    hits = api.get("/api/search", params=[("q", "家医服务站"), *ALL]).json()
    assert [h["id"] for h in hits] == ["indicator/hongyan-family-doctor-stations",
                                       "task/shapingba-2025/9"]
    task = hits[1]
    assert [(s["file"], s["start"], s["end"]) for s in task["sources"]] == \
        [("shapingba_2025_service_system.txt", 29, 29)]
    assert [task["snippet"][a:b] for a, b in task["marks"]] == ["家医服务站"]
    assert hits[0]["score"] < task["score"] < 0     # bm25: lower is better


def test_a_phrase_under_three_characters_is_found_too(api):
    # 医保 (two characters, below the trigram index): 区医保局 names three bodies (above)
    hits = api.get("/api/search", params={"q": "医保", "type": "body"}).json()
    assert {"org/shapingba/medical-insurance-bureau", "org/yuzhong/medical-insurance-bureau"} <= \
        {h["id"] for h in hits}
    assert all(h["score"] is None for h in hits)


def test_a_plan_is_found_by_its_title(api):
    # manifest.yaml / shapingba_2025_service_system.txt: 沙坪坝区进一步完善医疗卫生服务体系实施方案
    hits = api.get("/api/search", params={"q": "沙坪坝区进一步完善", "type": "plan"}).json()
    assert [(h["id"], h["plan"]) for h in hits] == [("plan/shapingba-2025", "shapingba-2025")]


def test_limit_caps_the_hits(api):
    hits = api.get("/api/search", params={"q": "医疗", "limit": 3}).json()
    assert len(hits) == 3
    assert api.get("/api/search", params={"q": "医疗", "type": "tasks"}).status_code == 422
