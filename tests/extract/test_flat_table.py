"""The PDF-flattened indicator table: rows by 序号, wrapped names and values, sub-rows, page-break headers."""
from decimal import Decimal

import pytest

from kg.extract.flat_table import parse_flat_indicator_table
from kg.extract.records import Span
from kg.extract.tables import find_tables
from kg.extract.text import PlanParseError
from tests.conftest import FIXTURES, SOURCES


def lines_of(path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


@pytest.fixture
def fixture_table():
    lines = lines_of(FIXTURES / "flat_indicator_table.txt")
    return parse_flat_indicator_table(lines, 2, "flat.txt")


def values_of(records, indicator, qualifier=None):
    return [(v.kind, v.year, v.text) for v in records if v.indicator == indicator and v.qualifier == qualifier]


def test_rows_categories_and_sub_rows(fixture_table):
    indicators, _, _ = fixture_table
    assert [(i.number, i.name, i.unit, i.category, i.qualifier) for i in indicators] == [
        (1, "人均预期寿命", "岁", "健康水平", None),
        (2, "健康预期寿命", "岁", "健康水平", None),
        (3, "城乡居民达到《国民体质测定标准》合格以上的人数比例", "%", "健康水平", None),
        (4, "三级公立中医医院患者中药饮片使用率", "%", "健康服务", "门诊"),
        (4, "三级公立中医医院患者中药饮片使用率", "%", "健康服务", "住院"),
        (5, "政策范围内住院费用支付比例", "%", "健康服务", "城镇职工医保"),
        (5, "政策范围内住院费用支付比例", "%", "健康服务", "城乡居民医保"),
        (6, "地表水达到或好于Ⅲ类水体比例", "%", "健康环境", None),
    ]


def test_wrapped_name_is_joined_and_its_span_covers_the_values(fixture_table):
    row3 = fixture_table[0][2]
    assert row3.printed == "城乡居民达到《国民体质测定标准》合格以上的人数比例（%）"
    assert row3.span == Span("flat.txt", 35, 38)  # fixture lines 35-38


def test_header_repeated_at_a_page_break_is_skipped(fixture_table):
    indicators, targets, baselines = fixture_table
    # row 2 runs into the repeated header; its values are the ones before it
    assert values_of(baselines + targets, "健康预期寿命") == [
        ("baseline", 2020, "——"), ("target", 2025, "同比例提高")]
    assert indicators[1].span == Span("flat.txt", 20, 24)  # fixture lines 20-24


def test_sub_rows_share_name_and_take_the_bindingness_above_when_none_is_printed(fixture_table):
    _, targets, baselines = fixture_table
    assert values_of(baselines + targets, "三级公立中医医院患者中药饮片使用率", "门诊") == [
        ("baseline", 2020, "21.2"), ("target", 2025, "≥35")]
    resident = [v for v in targets if v.qualifier == "城乡居民医保"][0]
    assert (resident.text, resident.comparator, resident.value, resident.bindingness) == (
        "70左右", "≈", Decimal("70"), "预期性")


def test_wrapped_text_value_keeps_the_space_printed_inside_a_line(fixture_table):
    _, targets, baselines = fixture_table
    assert values_of(baselines + targets, "地表水达到或好于Ⅲ类水体比例") == [
        ("baseline", 2020, "18条河流达到 100%"), ("target", 2025, "国家下达")]
    assert all(v.comparator is None for v in baselines + targets if v.indicator.startswith("地表水"))


def test_missing_value_raises_with_file_and_line():
    lines = lines_of(FIXTURES / "flat_table_missing_value.txt")
    with pytest.raises(PlanParseError, match=r"missing\.txt line 18: row 2 has 1 values \(2\.85\) "
                                             r"where the header has 2 year columns"):
        parse_flat_indicator_table(lines, 0, "missing.txt")


def test_title_without_header_is_an_error():
    with pytest.raises(PlanParseError, match="x.txt line 1: no flattened-table header"):
        parse_flat_indicator_table(["表 1 主要指标", "", "正文。"], 0, "x.txt")


# --- wanzhou 表1 (wanzhou_14th_fyp_health.txt:570-690), values read off the text -----------------

@pytest.fixture(scope="module")
def wanzhou():
    file = "wanzhou_14th_fyp_health.txt"
    lines = lines_of(SOURCES / file)
    (start, title), = [(s, t) for s, t in find_tables(lines) if "主要指标" in t]
    assert start + 1 == 570
    return parse_flat_indicator_table(lines, start, file)


def test_wanzhou_has_23_numbered_indicators_and_two_split_rows(wanzhou):
    indicators, targets, baselines = wanzhou
    assert sorted({i.number for i in indicators}) == list(range(1, 24))
    assert len(indicators) == 25  # rows 18 and 22 have two sub-rows each
    assert len(targets) == 25 and len(baselines) == 25
    assert {t.year for t in targets} == {2025} and {b.year for b in baselines} == {2020}


def test_wanzhou_categories(wanzhou):
    category = {i.number: i.category for i in wanzhou[0]}
    assert category[1] == "健康水平"  # wanzhou:582-583
    assert category[3] == "健康水平"  # after the page-break header, wanzhou:592-600
    assert category[8] == "健康生活"  # wanzhou:615-616
    assert category[22] == "健康保障"  # wanzhou:663-664
    assert category[23] == "健康产业"  # wanzhou:687-688


def test_wanzhou_values(wanzhou):
    indicators, targets, baselines = wanzhou
    target = {(t.indicator, t.qualifier): t for t in targets}
    baseline = {(b.indicator, b.qualifier): b for b in baselines}
    # wanzhou:585 "1 人均预期寿命（岁） 77.85 79 预期性"
    assert (baseline[("人均预期寿命", None)].value, target[("人均预期寿命", None)].value) == (
        Decimal("77.85"), Decimal("79"))
    # wanzhou:587-591 "——" / "同比例" / "提高" / "预期性"
    assert target[("健康预期寿命", None)].text == "同比例提高"
    assert baseline[("健康预期寿命", None)].text == "——"
    # wanzhou:602 "3 孕产妇死亡率（/10万） 11.4 ≤10 预期性"
    maternal = target[("孕产妇死亡率", None)]
    assert (maternal.comparator, maternal.value, maternal.unit) == ("≤", Decimal("10"), "/10万")
    # wanzhou:606 "≤5.0" keeps its digits
    assert str(target[("5岁以下儿童死亡率", None)].value) == "5.0"
    # wanzhou:631 "13 每千人口拥有 3岁以下婴幼儿托位数（个） —— 4.5 预期性"
    nursery = [i for i in indicators if i.number == 13][0]
    assert (nursery.name, nursery.unit) == ("每千人口拥有 3岁以下婴幼儿托位数", "个")  # space as printed
    # wanzhou:627 "约束性"
    assert target[("每千人口执业（助理）医师数", None)].bindingness == "约束性"
    # wanzhou:650, 652 sub-rows 门诊 / 住院
    assert target[("三级公立中医医院患者中药饮片使用率", "门诊")].text == "≥35"
    assert baseline[("三级公立中医医院患者中药饮片使用率", "住院")].text == "64.46"
    # wanzhou:659-661 "18条河流" / "达到 100% 国家下达 约束性"
    river = ("地表水达到或好于Ⅲ类水体比例", None)
    assert (baseline[river].text, target[river].text, target[river].bindingness) == (
        "18条河流达到 100%", "国家下达", "约束性")
    # wanzhou:673-678 "城镇职工医"/"保", "80.51 ≥80", "预期性"; 682-685 "城乡居民医"/"保", "56.01 70左右"
    staff = ("政策范围内住院费用支付比例", "城镇职工医保")
    residents = ("政策范围内住院费用支付比例", "城乡居民医保")
    assert (baseline[staff].value, target[staff].text, target[staff].bindingness) == (
        Decimal("80.51"), "≥80", "预期性")
    assert (baseline[residents].value, target[residents].comparator, target[residents].bindingness) == (
        Decimal("56.01"), "≈", "预期性")
    # wanzhou:690 "23 健康服务业总规模（亿元） 47.87 稳步增长 预期性"
    assert (target[("健康服务业总规模", None)].text, target[("健康服务业总规模", None)].unit) == ("稳步增长", None)
    assert baseline[("健康服务业总规模", None)].unit == "亿元"


def test_wanzhou_spans(wanzhou):
    indicators = wanzhou[0]
    spans = {(i.number, i.qualifier): (i.span.start_line, i.span.end_line) for i in indicators}
    assert spans[(7, None)] == (610, 613)  # wanzhou:610-613, name wrapped
    assert spans[(18, "住院")] == (647, 652)
    assert spans[(22, "城镇职工医保")] == (668, 678)
    assert spans[(23, None)] == (690, 690)
