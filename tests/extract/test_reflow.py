"""kg.extract.reflow: text copied out of a PDF put back together, each line keeping its number.

The texts here are written for the test in the shape pdftotext gives (lines broken at one width,
a form feed between pages, a browser's date and URL at each page's edges); the genre's renditions
(tests/genre/test_renditions.py) run the real tools."""
from kg.extract import extract_text
from kg.extract.reflow import reflow
from kg.extract.text import display_width as width

# 1 一、主要任务
# 2 （一）强化基层服务能力
# 4-10 a task broken at the page width (72 columns), its 责任单位 line broken too, across a page
# break; 11-13 a second task
BROKEN = [
    "12/8/26, 9:30 AM",
    "一、主要任务",
    "（一）强化基层服务能力",
    "1.推进乡镇卫生院提档升级。按照服务能力标准对全县乡镇卫生院分批进行改造提",
    "升，配齐必要的医疗设备，二〇二五年底前全部达到基本标准以上水平。",
    "责任单位：县卫生健康局（牵头），县发展和改革局、县财政局、县人力资源和社",
    "",
    "— 3 —",
    "\f12/8/26, 9:30 AM",
    "会保障局按职责分工负责。",
    "2.加强村卫生室建设。每个行政村设置一所标准化村卫生室，由乡镇卫生院统一管",
    "理，落实乡村医生待遇保障，推动乡村一体化管理。",
    "责任单位：各乡镇人民政府",
    "file:///home/user/plan.html",
]


def test_furniture_is_blanked_and_broken_lines_joined_in_place() -> None:
    out = reflow(BROKEN, "copied.txt")
    assert len(out.lines) == len(BROKEN)
    assert out.furniture == [1, 8, 9, 14]   # the date on both pages, the page number, the URL
    assert out.lines[3] == ("1.推进乡镇卫生院提档升级。按照服务能力标准对全县乡镇卫生院分批进行改造提升，"
                            "配齐必要的医疗设备，二〇二五年底前全部达到基本标准以上水平。")
    assert out.lines[4] == ""
    # joined across the page break: the footer, the form feed and the next page's head
    assert out.lines[5] == ("责任单位：县卫生健康局（牵头），县发展和改革局、县财政局、"
                            "县人力资源和社会保障局按职责分工负责。")
    assert out.lines[9] == ""
    # a responsibility line is never joined to the line above
    assert out.lines[12] == "责任单位：各乡镇人民政府"
    assert out.extent == {4: 5, 6: 10, 11: 12}


def test_the_task_reads_whole_and_cites_every_line_it_stood_on() -> None:
    records = extract_text("\n".join(BROKEN), "copied.txt")
    first, second = [t for t in records.tasks if t.kind != "subtask"]
    assert first.title == "推进乡镇卫生院提档升级"
    assert first.lead_units == ("县卫生健康局",)
    assert first.responsible_units == ("县卫生健康局", "县发展和改革局", "县财政局", "县人力资源和社会保障局")
    assert (first.span.start_line, first.span.end_line) == (4, 10)
    assert second.responsible_units == ("各乡镇人民政府",)
    assert (second.span.start_line, second.span.end_line) == (11, 13)


def test_a_text_of_one_paragraph_a_line_is_left_as_it_is() -> None:
    lines = ["一、主要任务",
             "1.推进乡镇卫生院提档升级。按照服务能力标准对全县乡镇卫生院进行改造提升，配齐必要的医疗设备。",
             "（责任单位：县卫生健康局）",
             "2.加强村卫生室建设。每个行政村设置一所标准化村卫生室，由乡镇卫生院统一管理，落实乡村医生待遇",
             "3.完善医共体运行机制。推进县域医共体人财物统一管理，完善绩效考核和医保打包付费等配套政策措施"]
    out = reflow(lines, "plain.txt")
    assert out.lines == lines and out.joined == 0


def test_a_table_copied_cell_by_cell_is_said_with_its_lines() -> None:
    lines = ["澄湖市2024年卫生健康重点工作任务清单", "序号", "工作任务", "牵头单位", "配合单位", "完成时限",
             "1", "推进市人民医院新院区建设", "市卫健委", "市发改委", "2024年"]
    out = reflow(lines, "list.txt")
    assert out.unread == out.warnings
    assert out.warnings[0].startswith("list.txt lines 2-6: a table copied as text")
    assert "read the PDF itself" in out.warnings[0]


def test_width_counts_wide_characters_twice() -> None:
    assert width("县卫生健康局") == 12 and width("2025年") == 6 and width("（牵头）") == 8


def test_an_indicator_table_copied_cell_by_cell_is_said_too() -> None:
    # a ruled indicator table as pdftotext gives it: two header cells one a line, the rest on one
    lines = ["表1 某县“十四五”卫生健康事业发展主要指标", "序号", "指标名称", "单位 2020年现状 2025年目标 指标属性",
             "1 人均预期寿命", "岁 78.2", "79.0", "预期性"]
    out = reflow(lines, "goals.txt")
    assert out.warnings and out.warnings[0].startswith("goals.txt lines 2-3: a table copied as text")
