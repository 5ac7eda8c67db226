"""Tab-per-cell tables: reading rows and cells, indicator tables, allocation tables, titles."""
from decimal import Decimal

import pytest

from kg.extract.records import Span
from kg.extract.tables import (find_tables, is_tab_table, parse_allocation_table, parse_indicator_table,
                               read_tab_table, split_unit)
from kg.extract.text import PlanParseError
from tests.conftest import FIXTURES, SOURCES


def lines_of(path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def table_titled(file: str, title_start: str):
    """(lines, 0-based start) of the table whose title begins with `title_start`."""
    lines = lines_of(SOURCES / file)
    starts = [start for start, title in find_tables(lines) if title.startswith(title_start)]
    assert len(starts) == 1, f"{file}: {find_tables(lines)}"
    return lines, starts[0]


# --- reading: fixture tab_indicator_table.txt ------------------------------------------------

@pytest.fixture
def fixture_table():
    lines = lines_of(FIXTURES / "tab_indicator_table.txt")
    return read_tab_table(lines, 2, "tab_indicator_table.txt")


def test_wrapped_header_cells_are_joined_without_spaces(fixture_table):
    assert fixture_table.rows[0].cells == ("类别", "序号", "主要指标", "2020年现状", "2025年目标", "指标属性")


def test_rows_start_after_blank_lines_and_carry_their_line_spans(fixture_table):
    assert len(fixture_table.rows) == 5
    first = fixture_table.rows[1]
    assert first.cells[0] == "健康水平"  # "\t健康", "", "水平"
    assert first.span == Span("tab_indicator_table.txt", 17, 24)
    assert first.cell_lines[:2] == (17, 20)


def test_empty_cell_is_a_lone_tab_even_with_trailing_spaces(fixture_table):
    assert fixture_table.rows[2].cells == ("", "2", "孕产妇死亡率（/10 万）", "", "≤10", "约束性")


def test_table_stops_at_two_blank_lines_before_a_note(fixture_table):
    assert fixture_table.span == Span("tab_indicator_table.txt", 5, 45)
    lines = lines_of(FIXTURES / "tab_indicator_table.txt")
    assert lines[fixture_table.end + 2].startswith("注：")


def test_table_stops_at_a_text_line_after_one_blank_line():
    lines = ["\t序号", "\t指标名称", "", "\t1", "\t医护比", "", "正文继续。", "第二行。"]
    table = read_tab_table(lines, 0, "x.txt")
    assert [row.cells for row in table.rows] == [("序号", "指标名称"), ("1", "医护比")]
    assert table.end == 5


def test_no_cells_after_the_title_is_an_error():
    lines = ["表 1 主要指标", "", "类别 序号 主要指标", "2020年", "实际值", "2025年"]
    assert not is_tab_table(lines, 0)
    with pytest.raises(PlanParseError, match="x.txt line 1: no table cell"):
        read_tab_table(lines, 0, "x.txt")


# --- indicator tables: fixture -----------------------------------------------------------------

def test_fixture_indicator_rows():
    lines = lines_of(FIXTURES / "tab_indicator_table.txt")
    table = read_tab_table(lines, 2, "f.txt")
    indicators, targets, baselines = parse_indicator_table(table, "f.txt")
    assert [(i.number, i.name, i.unit, i.category) for i in indicators] == [
        (1, "人均预期寿命", "岁", "健康水平"),
        (2, "孕产妇死亡率", "/10万", "健康水平"),  # blank category cell continues the one above
        (3, "医护比", None, "资源配置"),  # no unit bracket
        (4, "每千人口医疗卫生机构床位数", "张", "资源配置"),
    ]
    assert indicators[1].printed == "孕产妇死亡率（/10 万）"
    # the empty 2020年 cell of row 2 gives no baseline
    assert [b.indicator for b in baselines] == ["人均预期寿命", "医护比", "每千人口医疗卫生机构床位数"]
    assert all(t.kind == "target" and t.year == 2025 for t in targets)
    assert all(b.kind == "baseline" and b.year == 2020 for b in baselines)
    by_name = {t.indicator: t for t in targets}
    assert (by_name["孕产妇死亡率"].comparator, by_name["孕产妇死亡率"].bindingness) == ("≤", "约束性")
    assert by_name["医护比"].text == "1:1.27" and by_name["医护比"].comparator is None
    bed = by_name["每千人口医疗卫生机构床位数"]
    assert (bed.comparator, bed.min, bed.max, bed.unit) == ("range", Decimal("5.93"), Decimal("6.22"), "张")
    assert baselines[0].bindingness == "预期性"  # bindingness on baselines too


def test_row_missing_a_value_cell_raises_with_file_and_line():
    lines = lines_of(FIXTURES / "tab_table_missing_cell.txt")
    table = read_tab_table(lines, 0, "tab_table_missing_cell.txt")
    with pytest.raises(PlanParseError, match=r"tab_table_missing_cell\.txt line 15: table row has 4 cells "
                                             r"but its header has 5"):
        parse_indicator_table(table, "tab_table_missing_cell.txt")


def test_indicator_header_without_name_column_is_an_error():
    table = read_tab_table(["\t序号", "\t备注", "", "\t1", "\t无"], 0, "x.txt")
    with pytest.raises(PlanParseError, match="主要指标/指标名称"):
        parse_indicator_table(table, "x.txt")


@pytest.mark.parametrize("printed, name, unit", [
    ("婴儿死亡率（‰）", "婴儿死亡率", "‰"),
    ("孕产妇死亡率（/10 万）", "孕产妇死亡率", "/10万"),
    ("二级以上综合医院（含中医医院，下同）设置感染性疾病科的比例（%)", "二级以上综合医院（含中医医院，下同）设置感染性疾病科的比例", "%"),
    ("每千人口拥有执业（助理） 医师数（人）", "每千人口拥有执业（助理） 医师数", "人"),  # space kept
    ("床人（卫生人员）比", "床人（卫生人员）比", None),
    ("某机构设置比例（含中医医院，下同）", "某机构设置比例（含中医医院，下同）", None),
])
def test_unit_is_the_last_bracket_of_the_name(printed, name, unit):
    assert split_unit(printed) == (name, unit)


# --- allocation tables: fixture ----------------------------------------------------------------

def test_allocation_rows_are_range_targets_with_subject_or_qualifier():
    lines = lines_of(FIXTURES / "allocation_table.txt")
    indicators, targets = parse_allocation_table(read_tab_table(lines, 0, "a.txt"), "a.txt")
    assert [(i.name, i.unit, i.printed) for i in indicators] == [("编制床位配置", None, "2025年编制床位配置目标")]
    assert [(t.subject, t.qualifier, t.min, t.max) for t in targets] == [
        (None, "总床位数", Decimal("1580"), Decimal("1692")),
        ("某市人民医院", None, Decimal("540"), Decimal("600")),  # type and name: the name is the subject
        ("某市中医医院", None, Decimal("80"), Decimal("100")),
    ]
    assert {(t.kind, t.year, t.comparator, t.bindingness) for t in targets} == {("target", 2025, "range", "指导性")}
    assert targets[1].text == "540-600"
    assert targets[2].span == Span("a.txt", 29, 34)


def test_indicator_parser_refuses_an_allocation_table():
    lines = lines_of(FIXTURES / "allocation_table.txt")
    with pytest.raises(PlanParseError, match="parse_allocation_table"):
        parse_indicator_table(read_tab_table(lines, 0, "a.txt"), "a.txt")


# --- titles ------------------------------------------------------------------------------------

def test_find_tables_by_title_lines():
    huaying = lines_of(SOURCES / "huaying_14th_fyp_service_system.txt")
    # huaying:33 "表1  主要发展指标", huaying:210 "表2 “十四五”期间各医疗机构编制床位配置表"
    assert [(start + 1, title[:4]) for start, title in find_tables(huaying)] == [(33, "表1  "), (210, "表2 “")]
    yongchuan = lines_of(SOURCES / "yongchuan_2025_regional_center.txt")
    found = dict(find_tables(yongchuan))
    # yongchuan:58 "附件1", 60 "主要指标"; 附件3 (439, 名词解释) is not a table
    assert found[57] == "附件1 主要指标"
    assert 438 not in found
    wanzhou = lines_of(SOURCES / "wanzhou_14th_fyp_health.txt")
    # wanzhou:570 "表 1 万州区“十四五”卫生健康事业发展主要指标", flattened: no TAB cells
    assert [start + 1 for start, _ in find_tables(wanzhou)] == [570]
    assert not is_tab_table(wanzhou, 569)


# --- the real tables (values read off the texts) -----------------------------------------------

def test_huaying_table1_has_19_indicators():
    lines, start = table_titled("huaying_14th_fyp_service_system.txt", "表1")
    file = "huaying_14th_fyp_service_system.txt"
    indicators, targets, baselines = parse_indicator_table(read_tab_table(lines, start, file), file)
    assert [i.number for i in indicators] == list(range(1, 20))
    by_number = {i.number: i for i in indicators}
    # huaying:46-50 category "疾病"/"预防控"/"制体系"; huaying:57 row 2 has a blank category cell
    assert by_number[2].category == "疾病预防控制体系"
    # huaying:78-84 "床位和"/"人力配"/"置", "每千人口医疗卫生机构床位数（张）"
    assert (by_number[5].name, by_number[5].unit, by_number[5].category) == (
        "每千人口医疗卫生机构床位数", "张", "床位和人力配置")
    # huaying:66 "…设置感染性疾病科的比例（%)" with a half-width closing bracket
    assert by_number[3].unit == "%"
    assert by_number[11].unit is None  # huaying:126 "医护比"
    target = {t.indicator: t for t in targets}
    baseline = {b.indicator: b for b in baselines}
    # huaying:86 "5.93-6.22", huaying:87 "预期性"
    bed = target["每千人口医疗卫生机构床位数"]
    assert (bed.comparator, bed.min, bed.max, bed.year, bed.bindingness) == (
        "range", Decimal("5.93"), Decimal("6.22"), 2025, "预期性")
    # huaying:121 "4.0" keeps its digits
    assert str(target["每万人口全科医生数"].value) == "4.0"
    # huaying:127-128 "1:1.11" / "1:1.27"
    assert (baseline["医护比"].text, target["医护比"].text, target["医护比"].comparator) == ("1:1.11", "1:1.27", None)
    # huaying:189-190 "—" / "同比例提高"
    assert (baseline["人均健康预期寿命"].text, target["人均健康预期寿命"].text) == ("—", "同比例提高")
    # huaying:68-69 "100", "约束性"
    assert target["二级以上综合医院（含中医医院，下同）设置感染性疾病科的比例"].bindingness == "约束性"
    assert baseline["专业公共卫生机构人员数"].year == 2020  # huaying:38-40 "2020年" / "现状"


def test_huaying_table2_allocation_rows():
    file = "huaying_14th_fyp_service_system.txt"
    lines, start = table_titled(file, "表2")
    indicators, targets = parse_allocation_table(read_tab_table(lines, start, file), file)
    assert [i.name for i in indicators] == ["编制床位配置"]  # huaying:213
    assert len(targets) == 21  # huaying:224-369, one row every 7 lines
    first = targets[0]
    # huaying:224-228 "总床位数", "", "1580", "1692", "指导性"
    assert (first.qualifier, first.subject, first.min, first.max, first.bindingness, first.year) == (
        "总床位数", None, Decimal("1580"), Decimal("1692"), "指导性", 2025)
    by_subject = {t.subject: t for t in targets if t.subject}
    # huaying:245-248 "1.1县办公立医院", "华蓥市人民医院", "540", "600"
    people = by_subject["华蓥市人民医院"]
    assert (people.qualifier, people.min, people.max, people.span.start_line) == (
        None, Decimal("540"), Decimal("600"), 245)
    # huaying:365-367 "华蓥市红岩乡卫生院", "4", "4"
    assert (by_subject["华蓥市红岩乡卫生院"].min, by_subject["华蓥市红岩乡卫生院"].max) == (Decimal("4"), Decimal("4"))
    # huaying:231, 238, 273, 280: subtotal rows
    assert [t.qualifier for t in targets if t.qualifier] == [
        "总床位数", "一、医院", "1.公立医院", "2.社会办医院", "二、基层医疗卫生机构"]


def test_yongchuan_annex1_has_26_indicators():
    file = "yongchuan_2025_regional_center.txt"
    lines, start = table_titled(file, "附件1")
    table = read_tab_table(lines, start, file)
    assert table.rows[0].cells[-1] == "指标属性"  # yongchuan:67-68 "\t指标" / "属性"
    indicators, targets, baselines = parse_indicator_table(table, file)
    assert [i.number for i in indicators] == list(range(1, 27))
    assert len(baselines) == 26 and len(targets) == 52
    assert {b.year for b in baselines} == {2025} and {t.year for t in targets} == {2027, 2030}
    by_number = {i.number: i for i in indicators}
    assert by_number[2].category == "健康水平"  # yongchuan:71, row 2 blank at 79
    assert by_number[3].unit == "/10万"  # yongchuan:88 "孕产妇死亡率（/10 万）"
    assert by_number[13].name == "每千人口拥有执业（助理） 医师数"  # yongchuan:168, space as printed
    first = [v for v in baselines if v.indicator == "人均期望寿命"][0]
    assert (first.text, first.comparator, first.value) == (">79.5", ">", Decimal("79.5"))  # yongchuan:73
    # yongchuan:146 "\t  ≥79" (2027), yongchuan:243-244 "≤27.5" (2030), "约束性"
    chronic = {t.year: t for t in targets if t.indicator == "高血压、糖尿病慢性病规范管理率"}
    assert (chronic[2027].text, chronic[2027].comparator) == ("≥79", "≥")
    debt = {t.year: t for t in targets if t.indicator == "公立医院资产负债率"}
    assert (debt[2030].comparator, str(debt[2030].value), debt[2030].bindingness) == ("≤", "27.5", "约束性")
    assert debt[2030].span == Span(file, 238, 244)
