"""Each competency question's example query, against the graph built from data/sources/.

Expected answers were read off the plan texts; comments cite file and line.
"""
from decimal import Decimal

import pytest

from tests.queries.conftest import rows

PKID = "https://w3id.org/plankg/id/"
SP = "shapingba_2025_service_system.txt"


def tasks_of(found, plan):
    return {r["task"].rsplit("/", 1)[-1] for r in found if r["plan"] == PKID + f"plan/{plan}"}


def test_every_competency_question_ships_as_a_described_query(examples):
    assert len(examples) == 16
    assert all(description for description, _ in examples.values())


def test_q1_medical_insurance_bureau_tasks_and_leads(store, examples):
    found = rows(store, examples, "01-tasks-by-unit")
    # shapingba:28,29,30,33,38,41 name 区医保局 in their 责任单位 clauses
    assert tasks_of(found, "shapingba-2025") == {"8", "9", "10", "13", "16", "18"}
    # yuzhong:30,31,32,35,39,42
    assert tasks_of(found, "yuzhong-2024") == {"8", "9", "10", "13", "16", "18"}
    leads = {r["task"].rsplit("/", 1)[-1] for r in found
             if r["plan"].endswith("yongchuan-2025") and r["lead"] == "true"}
    # yongchuan 附件2 牵头单位 cells: row 6 (l.325), row 13 (l.367), row 14 (l.373)
    assert leads == {"6", "13", "14"}
    # yongchuan row 12 (l.362) names it in the 责任单位 cell only
    shared = {r["task"].rsplit("/", 1)[-1] for r in found
              if r["plan"].endswith("yongchuan-2025") and r["lead"] == "false"}
    assert "12" in shared


def test_q2_health_commission_carries_every_shapingba_task(store, examples):
    found = rows(store, examples, "02-tasks-per-kind-of-body")
    counts = {r["kindLabel"]: int(r["tasks"]) for r in found if r["plan"].endswith("shapingba-2025")}
    # every clause of shapingba:19-42 names 区卫生健康委; 区医保局 is in six (l.28,29,30,33,38,41)
    assert counts["health commission"] == 19
    assert counts["medical insurance bureau"] == 6


def test_q3_pairs_sharing_shapingba_tasks(store, examples):
    found = rows(store, examples, "03-pairs-sharing-tasks")
    assert {r["plan"] for r in found} == {PKID + "plan/shapingba-2025"}  # the plan asked about
    shared = {frozenset((r["aLabel"], r["bLabel"])): int(r["shared"]) for r in found}
    health = "沙坪坝区卫生健康委员会"
    # 区卫生健康委 with 区医保局 in the clauses of shapingba:28,29,30,33,38,41 (tasks 8, 9, 10,
    # 13, 16, 18); with 区人力社保局 in l.24, 28, 42 (tasks 5, 8, 19); with 区发展改革委 in
    # l.19, 20, 36 (tasks 1, 2, 14); 区规划自然资源局 with 区住房城乡建委 in l.19, 30 (tasks 1, 10)
    assert shared[frozenset((health, "沙坪坝区医疗保障局"))] == 6
    assert shared[frozenset((health, "沙坪坝区人力资源和社会保障局"))] == 3
    assert shared[frozenset((health, "沙坪坝区发展和改革委员会"))] == 3
    assert shared[frozenset(("沙坪坝区规划和自然资源局", "沙坪坝区住房和城乡建设委员会"))] == 2
    assert [int(r["shared"]) for r in found][:3] == [6, 3, 3]  # the most shared first


def test_q4_registered_nurses_per_1000_side_by_side(store, examples):
    found = rows(store, examples, "04-indicator-across-plans")
    facts = {(r["plan"].rsplit("/", 1)[-1], r["type"], r["year"]): Decimal(r["value"])
             for r in found if "value" in r}
    assert facts[("huaying-2021", "baseline", "2020")] == Decimal("2.3")  # huaying:104-106
    assert facts[("huaying-2021", "target", "2025")] == Decimal("3.2")  # huaying:107
    assert facts[("yongchuan-2025", "baseline", "2025")] == Decimal("4.7")  # yongchuan:177
    assert facts[("yongchuan-2025", "target", "2027")] == Decimal("4.8")  # yongchuan:178
    assert facts[("yongchuan-2025", "target", "2030")] == Decimal("4.9")  # yongchuan:179
    assert facts[("yuzhong-2024", "baseline", "2023")] == Decimal("20.97")  # yuzhong:97
    assert facts[("yuzhong-2024", "target", "2027")] == Decimal("21")  # yuzhong:26 不低于21人
    bindingness = {r["bindingness"] for r in found
                   if r["plan"].endswith("yongchuan-2025") and r["type"] == "target"}
    assert bindingness == {"预期性"}  # yongchuan:180


def test_q5_binding_targets_of_yongchuan(store, examples):
    found = [r for r in rows(store, examples, "05-binding-targets")
             if r["plan"].endswith("yongchuan-2025")]
    # yongchuan 附件1 rows marked 约束性: 16 (l.192-196), 22 (l.240-244), 23 (l.248-252), 24 (l.256-260)
    names = {r["indicatorLabel"] for r in found}
    assert len(names) == 4
    assert {r["year"] for r in found} == {"2027", "2030"}
    assert len(found) == 8


def test_q6_targets_due_by_2025_come_from_plans_with_2025_horizons(store, examples):
    found = rows(store, examples, "06-targets-due-by-year")
    plans = {r["plan"].rsplit("/", 1)[-1] for r in found}
    # shapingba and yuzhong set targets for 2027 and later only (shapingba:15, yuzhong:17)
    assert "shapingba-2025" not in plans and "yuzhong-2024" not in plans
    # wanzhou:618 居民健康素养水平 22.97 → ≥30 by 2025
    assert any(r["plan"].endswith("wanzhou-2022") and r["valueText"] == "≥30" for r in found)


def test_q7_institutions_named_by_shapingba_tasks(store, examples):
    found = rows(store, examples, "07-institutions-named")
    assert {r["plan"] for r in found} == {PKID + "plan/shapingba-2025"}  # the plan asked about

    def naming(suffix):
        return {r["task"].rsplit("/", 1)[-1] for r in found if r["name"].endswith(suffix)}

    # shapingba:19 (task 1), 23 (task 4), 24 (task 5) name 陈家桥医院, and 区人民医院 too
    assert naming("陈家桥医院") == {"1", "4", "5"}
    assert naming("区人民医院") == {"1", "4", "5"}
    # 区疾控中心: l.21 (task 3, 骨干), l.24 (task 5), l.26 (task 7), l.31 (task 11)
    assert naming("疾病预防控制中心") == {"3", "5", "7", "11"}


def test_q8_plans_citing_the_municipal_implementation_plan(store, examples):
    found = rows(store, examples, "08-plans-citing-policy")
    # shapingba:12 and yuzhong:14 cite 渝府办发〔2023〕76号; yongchuan:18 cites it by title only
    assert {r["plan"].rsplit("/", 1)[-1] for r in found} == {
        "shapingba-2025", "yuzhong-2024", "yongchuan-2025"}


def test_q9_plans_within_chongqing(store, examples):
    found = rows(store, examples, "09-plans-within-jurisdiction")
    # the manifest's jurisdictions: four districts of 重庆市; 华蓥市 is in 四川省
    assert {r["plan"].rsplit("/", 1)[-1] for r in found} == {
        "shapingba-2025", "yuzhong-2024", "yongchuan-2025", "wanzhou-2022"}


def test_q9_province_reaches_county_level_city_through_prefecture(store):
    names, found = store.select("""SELECT ?plan WHERE { ?p skos:prefLabel "四川省"@zh .
        ?plan a pk:Plan ; pk:jurisdiction/pk:within+ ?p }""")
    assert [r["plan"].value for r in found] == [PKID + "plan/huaying-2021"]


def test_q10_phrase_search_finds_the_family_doctor_stations_task(store, examples):
    found = rows(store, examples, "10-tasks-mentioning-phrase")
    assert [r["task"] for r in found] == [PKID + "task/shapingba-2025/9"]  # shapingba:29


@pytest.mark.parametrize(("name", "low", "high"), [
    ("华蓥市人民医院", "540", "600"),  # huaying:246-248
    ("华蓥市中医医院", "80", "100"),  # huaying:253-255
    ("华蓥市红岩乡卫生院", "4", "4"),  # huaying:365-367
])
def test_q11_allocation_ranges(store, examples, name, low, high):
    found = {r["name"]: (r["min"], r["max"]) for r in rows(store, examples, "11-allocation-ranges")}
    assert (Decimal(found[name][0]), Decimal(found[name][1])) == (Decimal(low), Decimal(high))


def test_q12_shapingba_network_has_one_edge_per_printed_unit(store, examples):
    found = rows(store, examples, "12-responsibility-network")
    # units printed in the clauses of shapingba:19-42, task by task:
    # 4+2+1+1+2+2+3+3+2+5+1+2+3+3+1+3+2+2+4 = 46; the plan names no lead unit
    assert len(found) == 46
    assert {r["role"] for r in found} == {"shared"}


def test_q12_yongchuan_lead_edges_are_marked(store):
    names, found = store.select("""SELECT ?body WHERE {
        pkid:task\\/yongchuan-2025\\/1 pk:leadUnit ?body }""")
    # yongchuan:295 牵头单位 of row 1 is 区卫生健康委
    assert [r["body"].value for r in found] == [PKID + "org/yongchuan/health-commission"]


def test_q13_health_commission_is_most_central_in_shapingba(store, examples):
    found = [r for r in rows(store, examples, "13-central-bodies") if r["plan"].endswith("shapingba-2025")]
    assert found[0]["name"] == "沙坪坝区卫生健康委员会"
    assert int(found[0]["tasks"]) == 19


def test_q14_source_of_shapingba_task_6(store, examples):
    found = rows(store, examples, "14-source-of-a-fact")
    assert [(r["file"], r["start"], r["end"]) for r in found] == [(SP, "25", "25")]


def test_q14_yuzhong_task_cites_its_paragraph_and_its_checklist_row(store):
    names, found = store.select("""SELECT ?start ?end WHERE {
        pkid:task\\/yuzhong-2024\\/6 prov:wasDerivedFrom [ pk:startLine ?start ; pk:endLine ?end ] }
        ORDER BY ?start""")
    # yuzhong:27 (the task) and yuzhong:101-105 (its row in the 附件 checklist)
    assert [(r["start"].value, r["end"].value) for r in found] == [("27", "27"), ("101", "105")]


@pytest.mark.parametrize(("plan", "text"), [
    ("huaying-2021", "全覆盖"),  # huaying:61
    ("huaying-2021", "同比例提高"),  # huaying:190
    ("wanzhou-2022", "稳步增长"),  # wanzhou:690
    ("wanzhou-2022", "国家下达"),  # wanzhou:661
])
def test_q15_targets_without_a_number(store, examples, plan, text):
    found = rows(store, examples, "15-targets-without-number")
    assert any(r["plan"].endswith(plan) and r["valueText"] == text for r in found)
    assert not any(r["valueText"] in ("≥30", "85%") for r in found)


def test_q16_the_five_plans_break_no_rule_and_warn_of_bodies_no_task_names(store, examples):
    found = rows(store, examples, "16-rule-breaks")
    assert not [r for r in found if r["severity"].endswith("#Violation")]
    # every task of 沙坪坝, 渝中 and 永川 names its units, so no task is warned of
    warned = {r["label"] for r in found if r["severity"].endswith("#Warning")}
    assert all(r["shape"].endswith("#UnusedOrganizationShape") for r in found
               if r["severity"].endswith("#Warning"))
    # named only outside any task's text: yuzhong:130, the 附件's 2023 column (福满康心护理院);
    # huaying:264, a note under 表2 (内含绿水洞医院床位数)
    assert {"福满康心护理院", "绿水洞医院"} <= warned
    # named in task text, so not warned of: shapingba:19 (陈家桥医院), yongchuan:306 (板桥镇卫生院)
    assert not {"沙坪坝区陈家桥医院", "永川区板桥镇卫生院"} & warned


def test_q7_institutions_named_only_in_an_annex_row_or_elsewhere(store, examples):
    found = [*rows(store, examples, "07-institutions-named", plan="yongchuan-2025"),
             *rows(store, examples, "07-institutions-named", plan="wanzhou-2022")]
    tasks_naming = {}
    for r in found:
        tasks_naming.setdefault(r["name"], set()).add("/".join(r["task"].rsplit("/", 2)[-2:]))
    # yongchuan:306, the 附件2 row restating task 3: "…来苏镇卫生院牵头与宝峰镇卫生院、三教镇卫生院
    # 牵头与板桥镇卫生院…与茶山竹海街道社区卫生服务中心组建横向医共体"
    for name in ("永川区板桥镇卫生院", "永川区宝峰镇卫生院", "永川区茶山竹海街道社区卫生服务中心"):
        assert "yongchuan-2025/3" in tasks_naming.get(name, set()), name
    # wanzhou:1543-1544, task 9.2 (推进医学学科专科建设): "深化与市外北京大学人民医院、四川大学华西医院…"
    assert "wanzhou-2022/9.2" in tasks_naming.get("四川大学华西医院", set())


def test_a_plan_stating_two_numbers_for_one_target_keeps_both(store):
    names, found = store.select("""
        SELECT ?text ?value ?unit ?line WHERE {
          ?t a pk:Target ; pk:inPlan <https://w3id.org/plankg/id/plan/huaying-2021> ; pk:indicator ?i ; pk:targetYear ?y ;
             pk:valueText ?text ; pk:value ?value ; prov:wasDerivedFrom ?s .
          ?i skos:prefLabel ?name . FILTER (?name IN ("专业公共卫生机构人员数"@zh))
          FILTER (STR(?y) = "2025")
          OPTIONAL { ?t pk:valueUnit ?unit }
          ?s pk:startLine ?line .
        } ORDER BY ?line""")
    rows = [(r["text"].value, r["value"].value, r["unit"].value if "unit" in r else None)
            for r in found]
    # huaying 表1 row 12 (lines 52-55): 专业公共卫生机构人员数（万人） 2025 target 0.013;
    # huaying:377 "到2025年，专业公共卫生机构人员数增至130人" — the same quantity in 人
    assert ("0.013", "0.013", None) in rows
    assert ("增至130人", "130", "人") in rows


def test_a_ratio_in_prose_is_not_read_as_a_number(store):
    names, found = store.select("""
        SELECT ?text WHERE { ?t pk:inPlan <https://w3id.org/plankg/id/plan/huaying-2021> ; pk:valueText ?text ;
                             pk:indicator/skos:prefLabel ?name .
                             FILTER (CONTAINS(STR(?name), "床人")) }""")
    # huaying:373 "床人（卫生人员）比的预期性指标为1:1.29": a ratio, not the number 1
    assert "指标为1" not in {r["text"].value for r in found}
