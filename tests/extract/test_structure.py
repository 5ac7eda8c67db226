"""Tasks, groups and responsibility clauses read by pattern, on small texts written in the
plans' styles (tests/fixtures/sixth_plan.txt is a plan no manifest lists)."""
from kg.extract import extract_file, extract_text
from kg.extract.units import split_responsibility, split_units
from tests.conftest import FIXTURES


def test_unit_list_mixing_commas_and_enumeration_marks():
    assert split_units("区人力社保局，各医疗机构、区医保局") == ("区人力社保局", "各医疗机构", "区医保局")


def test_clause_without_closing_bracket_keeps_its_units_and_warns():
    units, warning = split_responsibility("推进预约诊疗。（责任单位：区卫生健康委、区医保局")
    assert units == ("区卫生健康委", "区医保局")
    assert "closing bracket" in warning


def test_task_without_clause_has_no_units():
    assert split_responsibility("推进预约诊疗。") == ((), None)


def test_a_plan_not_in_the_manifest_extracts_without_code_changes():
    records = extract_file(FIXTURES / "sixth_plan.txt")
    assert [(g.key, g.title) for g in records.groups] == [("1", "夯实基层网底"), ("2", "提升服务质量")]
    assert [t.key for t in records.tasks] == ["1", "2", "3", "3.1", "3.2"]
    first, second, third = records.tasks[:3]
    assert first.responsible_units == ("区卫生健康委", "区发展改革委")
    assert first.span.start_line == first.span.end_line == 11
    # line 12's clause has no closing bracket: its units are kept and the plan warns
    assert second.responsible_units == ("区卫生健康委", "区人力社保局")
    assert any("line 12" in w and "closing bracket" in w for w in records.warnings)
    # task 3 is split over two decomposition rows: both become sub-tasks, their units its own
    assert third.lead_units == ("区卫生健康委", "区医保局")
    assert third.responsible_units == ("区卫生健康委", "区医保局")
    assert (third.table_span.start_line, third.table_span.end_line) == (27, 37)
    assert records.tasks[4].lead_units == ("区医保局",) and records.tasks[4].parent == "3"
    targets = {(t.task, t.comparator, str(t.value), t.year) for t in records.targets}
    assert ("1", "≥", "80", 2028) in targets
    # task 2 names no year: the plan's first goal year (line 8) applies
    assert ("2", "=", "4.2", 2028) in targets
    assert [(c.title, c.identifier) for c in records.citations] == [
        ("重庆市进一步完善医疗卫生服务体系实施方案", "渝府办发〔2023〕76号")]


def test_organisation_sections_after_the_task_part_hold_no_tasks():
    text = "二、重点任务\n（一）甲组。\n1.甲任务。正文。（责任单位：区财政局）\n三、组织实施\n（一）强化组织领导。各单位要重视。\n"
    records = extract_text(text, "x.txt")
    assert [t.key for t in records.tasks] == ["1"]
    assert [g.title for g in records.groups] == ["甲组"]


def test_condition_is_not_a_target():
    text = ("一、总体目标\n到2027年，建成体系。\n二、重点任务\n（一）甲组。\n"
            "1.甲任务。对服务人口低于800人的行政村巡诊，到2027年底，全区甲级基层医疗机构的比例不低于70%。\n")
    targets = extract_text(text, "x.txt").targets
    assert [(t.comparator, str(t.value)) for t in targets] == [("≥", "70")]
