"""No silent failure (kg/extract/quality.py): what a plan's extraction could not read is said,
with file and lines. Expectations are read off the texts written here and under
tests/fixtures/layouts/."""
import pytest

from kg.extract import extract_file, extract_text
from kg.extract.quality import broken_name, quality
from tests.conftest import FIXTURES, SOURCES

LAYOUTS = FIXTURES / "layouts"


def test_a_text_of_no_task_says_so():
    records = extract_text("某某县卫生健康工作通知\n各单位要高度重视。\n", "x.txt")
    assert records.tasks == []
    assert records.unread == ["x.txt: no task was found (no 重点任务/主要任务 part with numbered "
                              "items, no responsibility clauses, no task table)"]


def test_unread_table_task_without_unit_and_unparsed_clause_each_warn():
    records = extract_file(LAYOUTS / "unread_table.txt")
    assert [t.key for t in records.tasks] == ["1", "2", "3"]
    unread = records.unread
    # l.6: a bracket naming roles with no separator between the names, cited by its own line
    assert any(w.startswith("unread_table.txt line 6: a responsibility clause was seen but "
                            "not read") for w in unread)
    # l.8-10: three lines of three columns with no task or indicator header
    assert any(w.startswith("unread_table.txt lines 8-10: a table-like block") for w in unread)
    # l.5 names no unit though task 1 (l.4) does; nor does task 3 (l.6 to the heading at l.11),
    # its clause unread
    assert any(w.startswith("unread_table.txt lines 5-5: task 2 names no responsible unit")
               for w in unread)
    assert any(w.startswith("unread_table.txt lines 6-10: task 3 names no responsible unit")
               for w in unread)
    assert len(unread) == 4
    assert set(unread) <= set(records.warnings)
    counts = quality(records)
    assert (counts.tasks, counts.links, counts.leads, counts.unread) == (3, 1, 1, len(unread))


def test_an_unread_clause_is_cited_by_the_line_it_is_printed_on():
    items = "\n".join([
        "某县工作方案", "二、重点任务",
        "1.推进医共体建设。组建县域医共体，",          # l.3
        "推动资源下沉。",                             # l.4
        "（县卫健局牵头县医保局配合）",                 # l.5: no separator between the names
        "2.加强人才培养。（责任单位：县卫健局）"])
    chapters = "\n".join([
        "某县卫生健康规划", "第三章  加强公共卫生", "第一节  疾控体系",
        "一、建设疾控中心实验室。配齐设备。（牵头单位：）",   # l.4: a 牵头单位 label naming no unit
        "二、健全监测网络。（责任单位：县卫健局）"])
    for text, expected in ((items, "t.txt line 5"), (chapters, "t.txt line 4")):
        records = extract_text(text, "t.txt")
        assert [w.split(":")[0] for w in records.unread if "responsibility" in w] == [expected]


def test_the_five_plans_read_without_unread_text():
    for path in sorted(SOURCES.glob("*.txt")):
        records = extract_file(path)
        assert records.unread == [], path.name


def test_an_unread_clause_in_a_table_cell_is_cited_by_its_row():
    text = "\n".join([
        "某县任务清单",
        "序号\t工作任务\t牵头单位\t配合单位",
        "1\t推进医共体建设\t县卫健局\t县医保局",
        "2\t加强人才培养（县人社局牵头县卫健局配合）\t\t",      # l.4
    ])
    records = extract_text(text, "t.txt")
    assert [w.split(":")[0] for w in records.unread if "responsibility" in w] == ["t.txt line 4"]


def test_the_plans_rule_that_the_first_unit_listed_leads():
    text = "\n".join([
        "某县工作方案", "二、重点任务",
        "各项任务的责任单位中，列第一位的为牵头单位。",          # l.3
        "1.推进医共体建设。（责任单位：县卫健局、县医保局）",     # l.4
        "2.加强人才培养。（牵头单位：县人社局；配合单位：县卫健局）"])
    records = extract_text(text, "t.txt")
    assert [(t.key, t.lead_units) for t in records.tasks] == [
        ("1", ("县卫健局",)), ("2", ("县人社局",))]
    # without the rule, 责任单位 alone names no lead
    plain = extract_text(text.replace("各项任务的责任单位中，列第一位的为牵头单位。", "各单位要抓好落实。"), "t.txt")
    assert plain.tasks[0].lead_units == ()


@pytest.mark.parametrize("name, problem", [
    ("市", "one character"),
    ("各乡镇人民政府（街道办事", "a bracket left open or closed alone"),
    ("市卫生健康局（牵头）", "a role word left in it"),
    ("市医疗保障局按职责", "a role word left in it"),
])
def test_a_name_not_read_whole_is_said(name, problem) -> None:
    assert broken_name(name) == problem


def test_whole_names_pass() -> None:
    for name in ("县委", "各乡镇（街道）", "各乡镇人民政府（街道办事处）", "县人力资源和社会保障局"):
        assert broken_name(name) is None


def test_a_fragment_left_by_a_wrapped_line_warns_with_its_lines() -> None:
    # a 责任单位 line cut at the page width with nothing after it to join: "市人力资源社会"
    # reads as a name only the registry could refuse; "（牵头" left open is said here
    text = "二、重点任务\n1.推进人才引进。\n责任单位：市卫生健康局（牵头，市财政局\n"
    records = extract_text(text, "cut.txt")
    # the open bracket holds the rest of the list in one name
    assert any(w.startswith("cut.txt lines 2-3: task 1 names '市卫生健康局（牵头、市财政局', a bracket")
               for w in records.unread)
