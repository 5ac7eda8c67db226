"""Task-division tables printed one row a line (kg/extract/rows.py, division.py), and plans whose
tasks are numbered in the genre's other ways (kg/extract/structure.py). The fixtures under
tests/fixtures/layouts/ are texts written for these tests; expectations cite their lines."""
from kg.extract import extract_file
from tests.conftest import FIXTURES

LAYOUTS = FIXTURES / "layouts"


def rows(records):
    return [(t.key, t.title, t.group, t.lead_units, t.responsible_units, t.deadline,
             t.span.start_line, t.span.end_line) for t in records.tasks]


def test_tab_separated_table_with_group_rows_and_a_continued_row():
    records = extract_file(LAYOUTS / "table_tabs.txt")
    assert rows(records) == [
        # l.5: 1 | 完善县域医疗服务体系。… | 县卫生健康局 | 县财政局、县医保局 | 2025年底前
        ("1", "完善县域医疗服务体系", "1", ("县卫生健康局",),
         ("县卫生健康局", "县财政局", "县医保局"), "2025年底前", 5, 5),
        # l.6, and l.7 with a blank 序号 cell continuing it with 县发展改革局
        ("2", "加强基层医疗卫生机构建设，到2025年，村卫生室覆盖率达到100%", "1", ("县卫生健康局",),
         ("县卫生健康局", "各乡镇人民政府", "县发展改革局"), "2024年", 6, 7),
        # l.9, under the group row of l.8
        ("3", "推进人才队伍建设", "2", ("县人力资源社会保障局",),
         ("县人力资源社会保障局", "县卫生健康局"), "长期坚持", 9, 9),
    ]
    # l.4 一、强化服务体系 and l.8 （二）提升服务能力 are group rows spanning the table
    assert [(g.key, g.number, g.title, g.span.start_line) for g in records.groups] == [
        ("1", 1, "强化服务体系", 4), ("2", 2, "提升服务能力", 8)]
    # l.6 states a target inside its cell
    assert [(v.indicator, v.text, v.year, v.task) for v in records.targets] == [
        ("村卫生室覆盖率", "达到100%", 2025, "2")]


def test_space_aligned_and_pipe_tables():
    records = extract_file(LAYOUTS / "table_spaces_pipe.txt")
    assert rows(records) == [
        ("1", "完善区域医疗服务体系", None, ("区卫生健康局",),
         ("区卫生健康局", "区财政局", "区医保分局"), "2025年底前", 4, 4),
        # l.5–6: the task cell wraps, and 区大数据局 stands under 配合单位 on the wrapped line;
        # l.7–8: a page footer and the header again are skipped
        ("2", "推进智慧医疗建设，加快互联网医院发展", None, ("区卫生健康局",),
         ("区卫生健康局", "区大数据局"), "持续推进", 5, 6),
        ("3", "加强公共卫生体系建设", None, ("区疾控中心",), ("区疾控中心", "各镇（街道）"),
         "2024年6月底前", 9, 9),
        # l.11–14: a second table, | separated; 责任单位 beside 协办单位 is the lead column
        ("t2.1", "推进医共体建设", None, ("市卫生健康局",), ("市卫生健康局", "市医保局"), "2025年",
         13, 13),
        ("t2.2", "健全家庭医生制度", None, ("市卫生健康局",), ("市卫生健康局",), "长期坚持", 14, 14),
    ]


def test_annex_table_gives_its_units_to_the_tasks_the_text_numbers():
    records = extract_file(LAYOUTS / "annex_table.txt")
    assert [(t.key, t.span.start_line, t.table_span.start_line, t.lead_units,
             t.responsible_units, t.deadline) for t in records.tasks] == [
        ("1", 7, 17, ("区卫生健康委",), ("区卫生健康委", "区发展改革委", "区财政局"), "2026年底前"),
        ("2", 8, 18, ("区卫生健康委",), ("区卫生健康委", "各镇人民政府", "街道办事处"), "2025年底前"),
        ("3", 10, 19, ("区卫生健康委",), ("区卫生健康委", "区医保局"), "长期坚持"),
    ]
    assert [g.title for g in records.groups] == ["夯实基层网底", "提升服务质量"]


def test_clauses_and_numbering_at_every_level():
    records = extract_file(LAYOUTS / "clauses_numbering.txt")
    assert rows(records) == [
        # l.5–7: （一） headings under 二、主要举措 carry their clauses: each is a task
        ("1", "完善服务体系", None, ("县卫生健康局",), ("县卫生健康局", "县财政局", "县医保局"),
         None, 5, 5),
        ("2", "强化基层能力", None, ("县卫健局",), ("县卫健局", "各乡镇人民政府"), None, 6, 6),
        # l.8–11: lines of their own after the task, a list wrapped onto l.10
        ("3", "推进智慧医疗", None, ("县卫生健康局",), ("县卫生健康局", "县大数据局", "县财政局"),
         "2024年6月底前", 7, 11),
        # l.13: 1、 item with roles printed after names
        ("4.1", "引进高层次人才", "4", ("县人力资源社会保障局",),
         ("县人力资源社会保障局", "县卫生健康局"), None, 13, 13),
        # l.15–16: （1） sub-items each with a clause are tasks; 2、 becomes their group
        ("4.2.1", "实施订单定向培养", "4.2", ("县卫生健康局",), ("县卫生健康局",), None, 15, 15),
        ("4.2.2", "开展全科医生转岗培训", "4.2", ("县卫生健康局",), ("县卫生健康局", "县财政局"),
         None, 16, 16),
    ]
    assert [(g.key, g.title, g.level, g.parent) for g in records.groups] == [
        ("4", "加强人才建设", 1, None), ("4.2", "培养基层人才", 2, "4")]
    assert records.warnings == []


def test_tables_end_at_the_heading_after_them_and_merged_cells_continue_a_task():
    records = extract_file(LAYOUTS / "table_edges.txt")
    assert rows(records) == [
        # l.9: the measure's clause is on its heading line, after the title's 。
        ("2.1.1", "建设县域医疗中心", "2.1", ("县卫健局",), ("县卫健局", "县发改局"), None, 9, 9),
        # l.10: 责任单位 alone: shared units, no lead
        ("2.1.2", "推进医共体建设", "2.1", (), ("县卫健局", "县医保局"), None, 10, 10),
        # l.15, under the group row of l.14 (（一） in the 序号 cell, no unit or deadline)
        ("t2.1", "改造村卫生室", "t2.1", ("县卫健局",), ("县卫健局", "各乡镇人民政府"), "2024年底前",
         15, 15),
        # l.16–17: l.17 prints 序号 and task again (a cell merged down): one task, 县交通运输局 added
        ("t2.2", "配备巡回诊疗车", "t2.1", ("县卫健局", "县交通运输局"),
         ("县卫健局", "县交通运输局", "县财政局"), "2025年", 16, 17),
    ]
    # l.18 第三章 ends the | table: l.19's prose is no wrapped cell of row 2
    assert "会同" not in records.tasks[-1].text
    # l.3–6: the TAB indicator table under its title is read once, by its header
    assert sorted((v.indicator, v.kind, v.year, v.text, v.span.start_line)
                  for v in records.targets + records.baselines) == [
        ("婴儿死亡率", "baseline", 2022, "4.1", 6), ("婴儿死亡率", "target", 2025, "＜4", 6),
        ("每千人口执业（助理）医师数", "baseline", 2022, "2.6", 5),
        ("每千人口执业（助理）医师数", "target", 2025, "3.0", 5)]
    # l.2 第一章 发展目标 holds no task: it is no group
    assert [g.title for g in records.groups] == ["重点任务", "完善服务体系", "任务分工", "夯实基层网底"]
    assert records.warnings == [] and records.unread == []


def test_a_unit_cell_that_prints_roles_itself():
    records = extract_file(LAYOUTS / "table_cell_roles.txt")
    assert [(t.key, t.lead_units, t.responsible_units, t.deadline) for t in records.tasks] == [
        # l.3: a role in brackets after the name
        ("1", ("县卫健局",), ("县卫健局", "县医保局", "县财政局"), "2025年底前"),
        # l.4: roles after the names
        ("2", ("县人社局",), ("县人社局", "县卫健局"), "长期坚持"),
        # l.5: labelled parts inside the cell
        ("3", ("县卫健局",), ("县卫健局", "县财政局"), "2024年"),
        # l.6: a plain name in a 责任单位 column beside no 配合 column: responsible, no lead
        ("4", (), ("县医保局",), "持续推进"),
    ]


def test_a_tables_groups_never_share_a_key_with_the_headings_around_it():
    from kg.extract import extract_text

    text = "\n".join([
        "某县任务分解方案", "一、工作目标", "全年完成各项任务。",
        "二、任务分解",                                            # l.4: heading group 2
        "序号\t工作任务\t牵头单位\t配合单位",
        "一、提升服务能力\t\t\t",                                    # l.6: table group 一
        "1\t建设胸痛中心\t县卫健局\t县人民医院",
        "二、强化公共卫生\t\t\t",                                    # l.8: table group 二
        "2\t开展爱国卫生运动\t县爱卫办\t各乡镇人民政府",
        "三、工作要求", "各单位抓好落实。"])
    records = extract_text(text, "t.txt")
    keys = [g.key for g in records.groups]
    assert len(keys) == len(set(keys))
    assert [g.title for g in records.groups if g.key.startswith("t1.")] == ["提升服务能力", "强化公共卫生"]
