"""parse_value: one printed value → comparator, numbers and unit, digits kept as printed."""
from decimal import Decimal

import pytest

from kg.extract.records import Span
from kg.extract.values import parse_value, value_record


@pytest.mark.parametrize("printed, value, unit", [
    ("85%", "85", "%"),
    ("3.7", "3.7", None),
    ("100", "100", None),
    ("0.013", "0.013", None),
    ("4.0", "4.0", None),
])
def test_plain_number_is_equal_with_digits_as_printed(printed, value, unit):
    parsed = parse_value(printed)
    assert parsed.comparator == "="
    assert str(parsed.value) == value
    assert parsed.unit == unit
    assert parsed.min is None and parsed.max is None


def test_decimal_keeps_its_trailing_zero():
    assert str(parse_value("4.0").value) == "4.0"
    assert str(parse_value("≤5.0").value) == "5.0"


@pytest.mark.parametrize("printed, comparator, value", [
    ("≥40.5", "≥", "40.5"),
    ("≥ 80", "≥", "80"),
    (">79.5", ">", "79.5"),
    ("<5", "<", "5"),
    ("≤10", "≤", "10"),
    ("≤27.5", "≤", "27.5"),
])
def test_comparator_signs(printed, comparator, value):
    parsed = parse_value(printed)
    assert (parsed.comparator, str(parsed.value)) == (comparator, value)


@pytest.mark.parametrize("printed, comparator, value, unit", [
    ("不低于70%", "≥", "70", "%"),
    ("不少于3个", "≥", "3", "个"),
    ("至少2所", "≥", "2", "所"),
    ("45%以上", "≥", "45", "%"),
    ("保持在94%以上", "≥", "94", "%"),
    ("控制在7.5张以内", "≤", "7.5", "张"),
    ("30分钟以内", "≤", "30", "分钟"),
    ("不超过5", "≤", "5", None),
    ("不高于3%", "≤", "3", "%"),
    ("小于3.5‰", "<", "3.5", "‰"),
    ("低于5%", "<", "5", "%"),
    ("超过79%", ">", "79", "%"),
    ("高于80", ">", "80", None),
    ("达到85%", "=", "85", "%"),
    ("达85%", "=", "85", "%"),
    ("达到 100%", "=", "100", "%"),
    ("提高至90%", "=", "90", "%"),
    ("提升至43.5%", "=", "43.5", "%"),
    ("增至130人", "=", "130", "人"),
    ("下降至3‰", "=", "3", "‰"),
    ("70左右", "≈", "70", None),
    ("3.6张左右", "≈", "3.6", "张"),
])
def test_comparator_words_before_and_after_the_number(printed, comparator, value, unit):
    parsed = parse_value(printed)
    assert (parsed.comparator, str(parsed.value), parsed.unit) == (comparator, value, unit)
    assert parsed.text == printed


@pytest.mark.parametrize("printed, low, high, unit", [
    ("5.93-6.22", "5.93", "6.22", None),
    ("5.93—6.22张", "5.93", "6.22", "张"),
    ("3-5个", "3", "5", "个"),
    ("600—1000张", "600", "1000", "张"),
    ("3万—10万", "3", "10", "万"),
    ("3万—10万人", "3", "10", "万人"),
])
def test_ranges_keep_min_max_as_printed_and_万_as_unit(printed, low, high, unit):
    parsed = parse_value(printed)
    assert parsed.comparator == "range"
    assert (str(parsed.min), str(parsed.max), parsed.unit) == (low, high, unit)
    assert parsed.value is None


@pytest.mark.parametrize("printed", [
    "1:1.27", "1:0.9", "全覆盖", "同比例提高", "国家下达", "稳步增长", "—", "——",
    "18条河流达到 100%", "3万—10", "不低于70%以内", "5-3",
])
def test_text_only_values(printed):
    parsed = parse_value(printed)
    assert parsed.text == printed
    assert parsed.comparator is None
    assert (parsed.value, parsed.min, parsed.max, parsed.unit) == (None, None, None, None)
    assert not parsed.is_number


def test_text_is_stripped_but_otherwise_as_printed():
    assert parse_value("  ≥ 80 ").text == "≥ 80"


def test_unit_spaces_dropped():
    assert parse_value("12/10 万").unit == "/10万"


def test_value_record_takes_indicator_unit_only_for_numbers():
    span = Span("x.txt", 1, 1)
    number = value_record(parse_value("≤10"), kind="target", indicator="孕产妇死亡率", year=2025,
                          span=span, unit="/10万")
    text = value_record(parse_value("——"), kind="baseline", indicator="孕产妇死亡率", year=2020,
                        span=span, unit="/10万")
    printed_unit = value_record(parse_value("85%"), kind="target", indicator="x", year=2025,
                                span=span, unit="个")
    assert (number.comparator, number.value, number.unit) == ("≤", Decimal("10"), "/10万")
    assert (text.text, text.comparator, text.unit) == ("——", None, None)
    assert printed_unit.unit == "%"


def test_goals_under_a_general_requirements_heading_and_a_value_held_steady():
    from kg.extract import extract_text

    text = "\n".join([
        "某县卫生健康工作方案",
        "一、总体要求",
        "坚持以人民健康为中心，到2025年底，县域内就诊率稳定在90%以上。",   # l.3
        "二、重点任务",
        "（一）完善服务体系。（责任单位：县卫健局）"])
    records = extract_text(text, "t.txt")
    assert [(v.indicator, v.text, v.comparator, v.year, v.span.start_line)
            for v in records.targets] == [("县域内就诊率", "稳定在90%以上", "≥", 2025, 3)]
