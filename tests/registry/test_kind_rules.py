"""Names no curated row lists, classified by the kind rules (data/registry/kind_rules.csv, kg.rules):
kind and type from the printed suffix, jurisdiction from the prefix, a canonical name that carries
the jurisdiction, and an id that depends on nothing but the name, the plan's place and the tables.

The printed forms below are the conventions of other provinces' county plans (浙江 districts print
区卫生健康局 and 区医保分局, 四川 counties 县卫生健康局, 县人力资源社会保障局 and 各乡镇人民政府,
广东 cities 市卫生健康局 and 各镇街); the places are added to a copy of the registry by
tests/registry/conftest.py.
"""
from __future__ import annotations

import csv

import pytest

from kg.registry import Organization, Registry
from kg.rules import RuleMiss, RuleTableError, load_rules
from tests.conftest import ROOT

RULES = ROOT / "data" / "registry" / "kind_rules.csv"


def body(registry: Registry, name: str, plan_place: str) -> tuple:
    found = registry.resolve_unit(name, plan_place)
    assert isinstance(found, Organization), f"{name} in a {plan_place} plan: {found}"
    return found.jurisdiction, found.id, found.type, found.kind, found.name_zh, found.resolution


@pytest.mark.parametrize("name, place, expected", [
    # 浙江: a district's bureaus
    ("区卫生健康局", "xihu",
     ("xihu", "health-bureau", "department", "health-commission", "西湖区卫生健康局", "rule")),
    ("区医保分局", "xihu",
     ("xihu", "medical-insurance-branch", "department", "medical-insurance-bureau",
      "西湖区医疗保障分局", "rule")),
    ("区自然资源和规划局", "xihu",
     ("xihu", "natural-resources-planning-bureau", "department",
      "planning-natural-resources-bureau", "西湖区自然资源和规划局", "rule")),
    # 四川: a county's bureaus and its towns' governments
    ("县卫生健康局", "linshui",
     ("linshui", "health-bureau", "department", "health-commission", "邻水县卫生健康局", "rule")),
    ("县人力资源社会保障局", "linshui",
     ("linshui", "human-resources-social-security-bureau", "department",
      "human-resources-social-security-bureau", "邻水县人力资源和社会保障局", "rule")),
    ("各乡镇人民政府", "linshui",
     ("linshui", "township-governments", "group", "streets-and-towns", "邻水县各乡镇人民政府",
      "rule")),
    # 广东: a city without districts, and its towns and subdistricts as one collective
    ("市卫生健康局", "dongguan",
     ("dongguan", "health-bureau", "department", "health-commission", "东莞市卫生健康局", "rule")),
    ("各镇街", "dongguan",
     ("dongguan", "towns-and-streets", "group", "streets-and-towns", "东莞市各镇街", "rule")),
])
def test_other_provinces_conventions(wider, name, place, expected):
    assert body(wider, name, place) == expected


def test_a_level_word_names_the_nearest_place_of_that_level(wider):
    # in a county's plan 市 is the prefecture above it, 省 the province
    assert body(wider, "市卫生健康委", "linshui")[:2] == ("guang-an", "health-commission")
    assert body(wider, "省人民医院", "linshui")[:2] == ("sichuan", "peoples-hospital")
    # a level no place of the lineage has names nothing: a county has no 区 above it
    assert isinstance(wider.classify("区卫生健康局", "linshui"), RuleMiss)


def test_a_bare_name_is_the_plans_own_body(wider):
    assert body(wider, "财政局", "linshui") == (
        "linshui", "finance-bureau", "department", "finance-bureau", "邻水县财政局", "rule")


def test_a_full_place_name_means_that_place(wider):
    assert body(wider, "四川省人民医院", "xihu") == (
        "sichuan", "peoples-hospital", "institution", "general-hospital", "四川省人民医院", "rule")
    assert body(wider, "广安市卫生健康局", "dongguan")[:2] == ("guang-an", "health-bureau")
    # a place and the county inside it: the most specific
    assert body(wider, "四川省广安市邻水县疾控中心", "xihu")[:2] == ("linshui", "cdc")
    # 重庆市卫生健康委员会 is a curated row: it stays that row whoever prints it
    assert body(wider, "重庆市卫生健康委员会", "linshui")[:2] == ("chongqing", "health-commission")
    assert body(wider, "重庆市卫生健康委员会", "linshui")[5] == "registry"


def test_places_printed_one_inside_another_must_nest(wider):
    found = wider.classify("重庆市邻水县人民医院", "linshui")   # 邻水县 lies in 四川省
    assert isinstance(found, RuleMiss) and "邻水县 does not lie in" in found.reason


def test_a_place_the_registry_lacks_is_named_in_the_reason(wider):
    found = wider.classify("岳池县人民医院", "linshui")   # 511621, not in jurisdictions.csv
    assert isinstance(found, RuleMiss)
    assert "岳池县" in found.reason and "511621" in found.reason


def test_an_institution_keeps_the_text_between_place_and_pattern(wider):
    place, body_id, kind_type, kind, name, _ = body(wider, "县第二人民医院", "linshui")
    assert (place, kind_type, kind, name) == ("linshui", "institution", "general-hospital",
                                              "邻水县第二人民医院")
    assert body_id.startswith("peoples-hospital-") and body_id != "peoples-hospital"
    assert body(wider, "九龙镇卫生院", "linshui")[4] == "邻水县九龙镇卫生院"
    assert body(wider, "县城南街道社区卫生服务中心", "linshui")[4] == "邻水县城南街道社区卫生服务中心"


def test_an_institution_with_other_text_before_its_pattern_is_left_to_a_row(wider):
    # 北京大学人民医院 is no hospital of 邻水县: neither an ordinal nor a town stands before 人民医院
    assert isinstance(wider.classify("北京大学人民医院", "linshui"), RuleMiss)


def test_text_before_a_department_that_names_no_place_is_no_department(wider):
    assert isinstance(wider.classify("县城区财政局", "linshui"), RuleMiss)
    assert isinstance(wider.classify("县未知局", "linshui"), RuleMiss)   # no pattern at all


def test_longest_pattern_wins(wider):
    # 中心卫生院 over 卫生院, 各乡镇人民政府 over 各乡镇, 卫生健康委员会 over 委员会-less forms
    assert body(wider, "高滩镇中心卫生院", "linshui")[1].startswith("central-health-centre-")
    assert body(wider, "各乡镇", "linshui")[1] == "townships"
    assert body(wider, "县卫生健康委员会", "linshui")[1] == "health-commission"


def test_every_printed_form_of_one_body_gets_one_id_and_canonical_name(wider):
    forms = ["县卫健委", "县卫生健康委", "县卫生健康委员会", "卫健委", "邻水县卫健委"]
    found = {body(wider, form, "linshui") for form in forms}
    assert found == {("linshui", "health-commission", "department", "health-commission",
                      "邻水县卫生健康委员会", "rule")}
    # the printed form is the body's other name; the canonical one is not repeated
    assert wider.resolve_unit("县卫健委", "linshui").aliases == ("县卫健委",)
    assert wider.resolve_unit("邻水县卫生健康委员会", "linshui").aliases == ()


def test_the_same_body_printed_by_plans_of_different_places_gets_one_id(wider):
    # 广安市卫生健康局 as 市卫生健康局 in 邻水县's plan and by its full name in 东莞市's
    assert body(wider, "市卫生健康局", "linshui") == body(wider, "广安市卫生健康局", "dongguan")


def test_ids_do_not_depend_on_the_order_names_are_met(wider_registry_folder):
    names = [("县第二人民医院", "linshui"), ("区医保分局", "xihu"), ("九龙镇卫生院", "linshui"),
             ("市卫生健康局", "dongguan")]
    first, second = Registry.load(wider_registry_folder), Registry.load(wider_registry_folder)
    forward = [first.resolve_unit(n, p) for n, p in names]
    backward = [second.resolve_unit(n, p) for n, p in reversed(names)]
    assert forward == list(reversed(backward))


def test_a_curated_row_wins_over_the_rule(wider):
    # shapingba's curated row lists 区卫生健康委, not 区卫健委: the rule's canonical name
    # 沙坪坝区卫生健康委员会 is the row's, so the row is the body
    found = wider.resolve_unit("区卫健委", "shapingba")
    assert (found.jurisdiction, found.id, found.resolution) == (
        "shapingba", "health-commission", "registry")


def _with_row(folder, tmp_path, row: list[str]) -> Registry:
    import shutil
    copy = tmp_path / "registry"
    shutil.copytree(folder, copy)
    with (copy / "organizations.csv").open("a", encoding="utf-8", newline="") as table:
        csv.writer(table, lineterminator="\n").writerow(row)
    return Registry.load(copy)


def test_a_curated_row_added_later_takes_the_name(wider_registry_folder, tmp_path):
    registry = _with_row(wider_registry_folder, tmp_path, [
        "linshui", "health-bureau", "department", "health-commission", "邻水县卫生健康局",
        "Linshui County Health Bureau", "县卫健局"])
    found = registry.resolve_unit("县卫生健康局", "linshui")
    assert (found.id, found.resolution, found.name_en) == (
        "health-bureau", "registry", "Linshui County Health Bureau")


def test_a_curated_id_is_never_taken_by_a_rule(wider_registry_folder, tmp_path):
    # a curated row holds the id health-bureau for another body of 邻水县
    registry = _with_row(wider_registry_folder, tmp_path, [
        "linshui", "health-bureau", "institution", "health-supervision-agency",
        "邻水县卫生健康综合服务中心", "Linshui health service centre", ""])
    found = registry.resolve_unit("县卫生健康局", "linshui")
    assert found.resolution == "rule" and found.name_zh == "邻水县卫生健康局"
    assert found.id.startswith("health-bureau-") and found.id != "health-bureau"


def test_every_rule_names_a_known_kind_and_one_form_per_id():
    kinds = {row["id"] for row in csv.DictReader(
        (ROOT / "data" / "registry" / "org_kinds.csv").open(encoding="utf-8"))}
    rules = load_rules(RULES, kinds)
    assert len(rules) > 100
    assert [len(r.pattern) for r in rules] == sorted((len(r.pattern) for r in rules),
                                                      reverse=True)


def test_a_rule_table_that_gives_one_id_two_forms_is_refused(tmp_path):
    table = tmp_path / "kind_rules.csv"
    table.write_text("pattern,canonical,id,kind,type,notes\n"
                     "卫健委,卫生健康委员会,health-commission,health-commission,department,\n"
                     "卫健局,卫生健康局,health-commission,health-commission,department,\n",
                     encoding="utf-8")
    with pytest.raises(RuleTableError, match="line 3 .*health-commission already stands"):
        load_rules(table, {"health-commission"})



def test_a_rule_table_that_gives_one_form_two_ids_is_refused(tmp_path):
    table = tmp_path / "kind_rules.csv"
    table.write_text("pattern,canonical,id,kind,type,notes\n"
                     "卫健委,卫生健康委员会,health-commission,health-commission,department,\n"
                     "卫生健康委,卫生健康委员会,health-committee,health-commission,department,\n",
                     encoding="utf-8")
    with pytest.raises(RuleTableError, match="line 3 .*卫生健康委员会 is the body health-commission"):
        load_rules(table, {"health-commission"})
