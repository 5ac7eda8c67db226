"""Golden tests for 永川区加快建设现代化区域医疗中心行动方案 (yongchuan_2025_regional_center.txt).

Every expected value below was read off the source text by a person (`cat -n`), never copied from
parser output; each carries a comment citing the file lines it was read from. The conventions
applied are those of docs/extraction.md.
"""
from decimal import Decimal

import pytest

from tests.golden.conftest import task


def lines(span):
    """A span's (first, last) line; the file field is not what these tests are about."""
    return (span.start_line, span.end_line)


def within(span, first, last):
    return first <= span.start_line and span.end_line <= last


# ---------------------------------------------------------------------------------------------
# Groups: （一）…（八） under 二、重点任务 (line 26)
# ---------------------------------------------------------------------------------------------

GROUPS = [
    # (key, number, title, line)
    ("1", 1, "聚焦规划引领，明确区域医疗中心建设方向", 27),  # yongchuan…txt:27
    ("2", 2, "聚焦体系建设，构建系统连续医疗卫生服务格局", 30),  # yongchuan…txt:30
    ("3", 3, "聚焦资源优化，推动区域优质资源扩容下沉", 34),  # yongchuan…txt:34
    ("4", 4, "聚焦能力提升，强化区域服务辐射引领作用", 37),  # yongchuan…txt:37
    ("5", 5, "聚焦数智融合，赋能全生命周期健康服务", 40),  # yongchuan…txt:40
    ("6", 6, "聚焦共通共享，推进医疗卫生健康协同发展", 43),  # yongchuan…txt:43
    ("7", 7, "聚焦深化改革，激发卫生健康内生发展动力", 46),  # yongchuan…txt:46
    ("8", 8, "聚焦产医融合，培育壮大大健康产业", 49),  # yongchuan…txt:49
]


def test_task_part_has_exactly_the_eight_numbered_task_areas(yongchuan):
    # yongchuan…txt:26-50 — 二、重点任务 holds （一）…（八）; 一、总体要求及目标 (19) and
    # 三、工作保障 (51) are not task groups.
    got = sorted(yongchuan.groups, key=lambda g: g.span.start_line)
    assert [(g.key, g.number, g.title, lines(g.span)) for g in got] == [
        (key, number, title, (line, line)) for key, number, title, line in GROUPS
    ]


def test_task_areas_are_top_level_without_parent(yongchuan):
    # yongchuan…txt:27,30,34,37,40,43,46,49 — flat （一） headings, no chapters above them
    assert [(g.level, g.parent) for g in yongchuan.groups] == [(1, None)] * 8


# ---------------------------------------------------------------------------------------------
# Numbered tasks 1..16: main text (lines 28-50) + 附件2 重点任务分解表 (lines 282-434)
# ---------------------------------------------------------------------------------------------

TASKS = [
    # (key, title, group, main-text line, table_span (first, last), lead_units, responsible_units)
    (
        "1", "科学谋划卫生健康事业“十五五”发展", "1", 28, (292, 296),  # yongchuan…txt:28, 292-296
        ("区卫生健康委",),
        ("区卫生健康委", "区发展改革委", "区民政局", "区新城建管委", "区大数据发展局"),
    ),
    (
        "2", "加快推进六大区域中心建设", "1", 29, (298, 302),  # yongchuan…txt:29, 298-302
        ("区卫生健康委",),
        ("区卫生健康委", "重医附属永川医院", "区人民医院", "江苏省中医院重庆医院", "区妇幼保健院",
         "区疾控中心", "区精神卫生中心", "市血液中心永川分中心"),
    ),
    (
        "3", "健全整合型卫生健康服务体系", "2", 31, (304, 308),  # yongchuan…txt:31, 304-308
        ("区卫生健康委",),
        ("区卫生健康委", "重医附属永川医院", "区直属医院", "各基层医疗卫生机构"),
    ),
    (
        "4", "优化中医药传承创新发展体系", "2", 32, (310, 314),  # yongchuan…txt:32, 310-314
        ("区卫生健康委",),
        ("区卫生健康委", "江苏省中医院重庆医院", "区人民医院", "区妇幼保健院", "区集嫒医院",
         "各基层医疗卫生机构"),
    ),
    (
        "5", "完善现代化公共卫生体系", "2", 33, (316, 320),  # yongchuan…txt:33, 316-320
        ("区卫生健康委",),
        ("区卫生健康委", "区疾控中心", "各级各类医疗卫生机构", "各镇街"),
    ),
    (
        "6", "优化医疗资源布局", "3", 35, (322, 326),  # yongchuan…txt:35, 322-326
        ("区卫生健康委", "区医保局", "区市场监管局"),
        ("区卫生健康委", "区医保局", "区市场监管局", "重医附属永川医院", "区人民医院",
         "江苏省中医院重庆医院", "朱沱镇卫生院", "三教镇卫生院", "来苏镇卫生院", "各民营医院",
         "诊所协会"),
    ),
    (
        "7", "打造现代社区健康服务新模式", "3", 36, (328, 332),  # yongchuan…txt:36, 328-332
        ("区卫生健康委", "区民政局"),
        ("区卫生健康委", "区民政局", "区教委", "江苏省中医院重庆医院", "区人民医院", "区妇幼保健院",
         "区集嫒医院", "部分基层医疗卫生机构"),
    ),
    (
        "8", "加强重点医院与重点学科专科建设", "4", 38, (334, 338),  # yongchuan…txt:38, 334-338
        ("区卫生健康委",),
        ("区卫生健康委", "重医附属永川医院", "区人民医院", "江苏省中医院重庆医院", "区妇幼保健院",
         "区集嫒医院", "区精神卫生中心"),
    ),
    (
        "9", "打造梯次化人才队伍", "4", 39, (340, 344),  # yongchuan…txt:39, 340-344
        ("区卫生健康委", "区科技局"),
        ("区卫生健康委", "区科技局", "区人力社保局", "各医疗机构"),
    ),
    (
        "10", "突出数字健康应用实战实效", "5", 41, (346, 350),  # yongchuan…txt:41, 346-350
        ("区卫生健康委",),
        ("区卫生健康委", "区大数据发展局", "各医疗卫生机构"),
    ),
    (
        "11", "运用人工智能提升服务质效", "5", 42, (352, 356),  # yongchuan…txt:42, 352-356
        ("区卫生健康委",),
        ("区卫生健康委", "区大数据发展局", "各医疗机构"),
    ),
    (
        "12", "促进川南渝西卫生健康一体化发展", "6", 44, (358, 362),  # yongchuan…txt:44, 358-362
        ("区卫生健康委",),
        ("区卫生健康委", "区发展改革委", "区医保局", "各医疗卫生机构"),
    ),
    (
        "13", "深化“三医”协同发展和治理", "6", 45, (364, 368),  # yongchuan…txt:45, 364-368
        ("区医保局", "区卫生健康委", "区市场监管局"),
        ("区医保局", "区卫生健康委", "区市场监管局", "区大数据发展局", "公立医院"),
    ),
    (
        "14", "深化以公益性为导向的公立医院改革", "7", 47, (370, 374),  # yongchuan…txt:47, 370-374
        ("区卫生健康委", "区医保局"),
        ("区卫生健康委", "区医保局", "区发展改革委", "区财政局", "区人力社保局", "公立医院"),
    ),
    (
        "15", "优化人员编制、岗位、薪酬等机制", "7", 48, (376, 380),  # yongchuan…txt:48, 376-380
        ("区卫生健康委", "区委编办", "区人力社保局"),
        ("区卫生健康委", "区委编办", "区人力社保局", "区财政局"),
    ),
    (
        # table_span: the nine rows of task 16, from its 序号 line 382 to the last 责任单位 line 434
        # (choice: the whole block of rows that repeats task 16, not only its first row).
        # Units: union of rows 16.1-16.9 (see TASK16_* below).
        "16", "协同推进大健康产业发展", "8", 50, (382, 434),  # yongchuan…txt:50, 382-434
        None, None,
    ),
]

TASK_IDS = [row[0] for row in TASKS]


def test_plan_has_sixteen_numbered_tasks_and_nine_decomposition_rows_of_task_16(yongchuan):
    # yongchuan…txt:28-50 (tasks 1.-16.) and 382-434 (task 16 split into nine rows; rows 2-9 have
    # a blank 序号 cell, lines 388,394,400,406,412,418,424,430). Annex rows 1-15 repeat tasks
    # 1-15 and must not become tasks of their own.
    expected = {str(n) for n in range(1, 17)} | {f"16.{n}" for n in range(1, 10)}
    keys = [t.key for t in yongchuan.tasks]
    assert sorted(keys) == sorted(expected)


@pytest.mark.parametrize("key,title,group,line,table_span,lead,resp", TASKS, ids=TASK_IDS)
def test_numbered_task_title_number_and_group_from_main_text(
    yongchuan, key, title, group, line, table_span, lead, resp
):
    # yongchuan…txt:28-50 — "N.标题。…": title without number and 。, group from （一）…（八）
    t = task(yongchuan, key)
    assert (t.number, t.title, t.group, t.kind, t.parent) == (int(key), title, group, "task", None)


@pytest.mark.parametrize("key,title,group,line,table_span,lead,resp", TASKS, ids=TASK_IDS)
def test_numbered_task_span_is_its_single_main_text_line(
    yongchuan, key, title, group, line, table_span, lead, resp
):
    # yongchuan…txt:28-50 — each task is one (unwrapped) line, no responsibility clause inline
    assert lines(task(yongchuan, key).span) == (line, line)


@pytest.mark.parametrize("key,title,group,line,table_span,lead,resp", TASKS, ids=TASK_IDS)
def test_numbered_task_table_span_is_its_decomposition_row(
    yongchuan, key, title, group, line, table_span, lead, resp
):
    # yongchuan…txt:292-434 — row from its 序号 line to its 责任单位 line
    t = task(yongchuan, key)
    assert t.table_span is not None
    assert lines(t.table_span) == table_span


@pytest.mark.parametrize(
    "key,title,group,line,table_span,lead,resp",
    [row for row in TASKS if row[0] != "16"],
    ids=[k for k in TASK_IDS if k != "16"],
)
def test_numbered_task_units_come_from_its_decomposition_row(
    yongchuan, key, title, group, line, table_span, lead, resp
):
    # yongchuan…txt:295-296 … 379-380 — 牵头单位 cell, then 责任单位 cell, split on 、 and ，
    t = task(yongchuan, key)
    assert t.lead_units == lead
    assert t.responsible_units == resp


def test_units_split_on_both_enumeration_comma_and_full_comma(yongchuan):
    # yongchuan…txt:326 — "重医附属永川医院、区人民医院、江苏省中医院重庆医院、朱沱镇卫生院、
    # 三教镇卫生院、来苏镇卫生院，各民营医院，诊所协会"
    t = task(yongchuan, "6")
    assert t.responsible_units[-6:] == (
        "江苏省中医院重庆医院", "朱沱镇卫生院", "三教镇卫生院", "来苏镇卫生院", "各民营医院", "诊所协会"
    )
    # yongchuan…txt:344 — "区人力社保局，各医疗机构"
    assert task(yongchuan, "9").responsible_units[-2:] == ("区人力社保局", "各医疗机构")


def test_no_unit_name_keeps_a_separator(yongchuan):
    # yongchuan…txt:295-434 — every cell is a list joined by 、 or ，; no name contains one
    units = [(t.key, u) for t in yongchuan.tasks for u in t.lead_units + t.responsible_units]
    assert units, "no units read from 附件2"
    for key, unit in units:
        assert unit and not any(sep in unit for sep in "、，,； "), (key, unit)


def test_lead_units_are_listed_first_among_responsible_units(yongchuan):
    # docs/extraction.md: responsible_units = lead units followed by the 责任单位 cell's units
    # yongchuan…txt:292-434 — every row of 附件2 has a 牵头单位 cell, so every task has leads
    for t in yongchuan.tasks:
        assert t.lead_units, t.key
        assert t.responsible_units[: len(t.lead_units)] == t.lead_units, t.key


def test_task_text_stops_before_the_next_heading(yongchuan):
    # yongchuan…txt:50-51 — task 16 ends with "…产业经济更多增长点。"; 三、工作保障 follows
    text = task(yongchuan, "16").text
    assert text.endswith("积极培育中医药文旅、药食同源等产业经济更多增长点。")
    assert "工作保障" not in text and "坚持和加强党" not in text
    # yongchuan…txt:29-30 — task 2 ends before （二）
    text2 = task(yongchuan, "2").text
    assert text2.endswith("依托区精神卫生中心建设多维度、全需求覆盖的区域精神卫生中心。")
    assert "聚焦体系建设" not in text2


# ---------------------------------------------------------------------------------------------
# Task 16 split into nine rows of 附件2 (lines 382-434)
# ---------------------------------------------------------------------------------------------

SUBTASKS = [
    # (key, title = first sentence of 具体内容, row span, lead_units, responsible_units)
    (
        "16.1",
        "运用自贸试验区政策优势，推动临床急需药品特许使用，探索境外已上市器械先行试用",
        (382, 386),  # yongchuan…txt:382-386
        ("区商务委", "区市场监管局"),
        ("区商务委", "区市场监管局", "区卫生健康委"),
    ),
    (
        "16.2",
        # one sentence: the ； inside does not end it (yongchuan…txt:390)
        "提速推进生物技术产业园、智慧医疗装备产业园建设，布局康复、生活辅助器具产业；"
        "培育发展功能性蚕丝骨钉、骨修复蚕丝支架等高附加值生物医药制品",
        (388, 392),  # yongchuan…txt:388-392
        ("区经济信息委", "区新城建管委"),
        ("区经济信息委", "区新城建管委", "区发展改革委", "区规划自然资源局", "区生态环境局",
         "区科技局", "区市场监管局", "区卫生健康委"),
    ),
    (
        "16.3",
        "围绕宠物“生、老、病、养”全生命周期健康需求，拓展宠物食品、药品及服务新赛道",
        (394, 398),  # yongchuan…txt:394-398
        ("区农业农村委", "区经济信息委", "区新城建管委"),
        ("区农业农村委", "区经济信息委", "区新城建管委", "区市场监管局", "区商务委"),
    ),
    (
        "16.4",
        "建设优质种子种苗繁育基地，运用箕山、阴山水土资源，推进黄栀子、枳壳等中药材规模化种植",
        (400, 404),  # yongchuan…txt:400-404
        ("区农业农村委", "区林业局"),
        ("区农业农村委", "区林业局", "区市场监管局", "区卫生健康委"),
    ),
    (
        "16.5",
        "依托重医附属永川医院打造“1+N”医美联盟，招引关联产业项目",
        (406, 410),  # yongchuan…txt:406-410
        ("区卫生健康委", "区科技局", "区经济信息委"),
        ("区卫生健康委", "区科技局", "区经济信息委", "区商务委", "区招商投资局"),
    ),
    (
        "16.6",
        "挖掘区域内茶山竹海等独特自然资源，开发差异化护肤品与护发品系列，同步探索与科技影视领域跨界融合路径",
        (412, 416),  # yongchuan…txt:412-416
        ("区经济信息委", "区文化旅游委"),
        ("区经济信息委", "区文化旅游委", "区市场监管局", "区林业局"),
    ),
    (
        "16.7",
        # printed with ASCII spaces around the quoted brand; kept as printed (yongchuan…txt:420)
        "统筹多院区医疗资源与永川生态资源发展医养、康养业态，谋划打造茶竹生态康养示范区；"
        "培育 “永川康养・岐黄相伴” 品牌",
        (418, 422),  # yongchuan…txt:418-422
        ("区卫生健康委", "区民政局", "区文化旅游委"),
        ("区卫生健康委", "区民政局", "区文化旅游委", "区市场监管局", "区发展改革委"),
    ),
    (
        "16.8",
        "依托渝西卫校、民进校等教育资源与茶山竹海茶艺山庄康养场景资源，谋划建设康养职业学院，培育医养、康养等专业人才",
        (424, 428),  # yongchuan…txt:424-428
        ("区教委",),
        ("区教委", "区人力社保局", "区卫生健康委", "区民政局", "区文化旅游委"),
    ),
    (
        "16.9",
        "深化“大健康+消费、文旅”融合发展，通过整合茶山竹海景区、三教镇野生桢楠林等特色资源，"
        "积极培育中医药文旅、药食同源等产业经济更多增长点",
        (430, 434),  # yongchuan…txt:430-434
        ("区文化旅游委", "区市场监管局"),
        ("区文化旅游委", "区市场监管局", "区卫生健康委", "区商务委", "区林业局"),
    ),
]

SUBTASK_IDS = [row[0] for row in SUBTASKS]


@pytest.mark.parametrize("key,title,span,lead,resp", SUBTASKS, ids=SUBTASK_IDS)
def test_decomposition_row_of_task_16_is_a_subtask(yongchuan, key, title, span, lead, resp):
    # yongchuan…txt:382-434 — blank 序号 cell continues task 16; first row is 16.1
    t = task(yongchuan, key)
    assert (t.kind, t.parent, t.number) == ("subtask", "16", None)


@pytest.mark.parametrize("key,title,span,lead,resp", SUBTASKS, ids=SUBTASK_IDS)
def test_subtask_title_is_first_sentence_of_its_content_cell(yongchuan, key, title, span, lead, resp):
    # yongchuan…txt:384,390,396,402,408,414,420,426,432
    assert task(yongchuan, key).title == title


@pytest.mark.parametrize("key,title,span,lead,resp", SUBTASKS, ids=SUBTASK_IDS)
def test_subtask_span_is_its_table_row(yongchuan, key, title, span, lead, resp):
    # yongchuan…txt:382-434 — from the row's 序号 line (blank for rows 2-9) to its 责任单位 line
    assert lines(task(yongchuan, key).span) == span


@pytest.mark.parametrize("key,title,span,lead,resp", SUBTASKS, ids=SUBTASK_IDS)
def test_subtask_units_come_from_its_own_row(yongchuan, key, title, span, lead, resp):
    # yongchuan…txt:385-386 … 433-434
    t = task(yongchuan, key)
    assert t.lead_units == lead
    assert t.responsible_units == resp


def test_subtasks_sit_in_the_group_of_task_16(yongchuan):
    # yongchuan…txt:49 — （八） is the nearest group heading above task 16 and its annex rows
    assert [task(yongchuan, k).group for k in SUBTASK_IDS] == ["8"] * 9


# Task 16's own units: union of rows 16.1-16.9, leads first in row order, without repeats.
# yongchuan…txt:385,391,397,403,409,415,421,427,433 (牵头单位 cells)
TASK16_LEADS = (
    "区商务委", "区市场监管局",  # 385
    "区经济信息委", "区新城建管委",  # 391
    "区农业农村委",  # 397 (区经济信息委、区新城建管委 repeat)
    "区林业局",  # 403
    "区卫生健康委", "区科技局",  # 409 (区经济信息委 repeats)
    "区文化旅游委",  # 415
    "区民政局",  # 421 (区卫生健康委、区文化旅游委 repeat)
    "区教委",  # 427; 433 adds nothing new
)
# yongchuan…txt:386,392,398,404,410,416,422,428,434 (责任单位 cells), units not already listed
TASK16_RESPONSIBLE = TASK16_LEADS + (
    "区发展改革委", "区规划自然资源局", "区生态环境局",  # 392
    "区招商投资局",  # 410
    "区人力社保局",  # 428
)


def test_task_16_lead_units_are_the_union_of_its_rows_leads(yongchuan):
    # yongchuan…txt:385-433
    assert task(yongchuan, "16").lead_units == TASK16_LEADS


def test_task_16_responsible_units_cover_every_unit_of_its_rows(yongchuan):
    # yongchuan…txt:385-434 — as a set, independent of ordering
    resp = task(yongchuan, "16").responsible_units
    assert len(resp) == len(set(resp)) == 16
    assert set(resp) == set(TASK16_RESPONSIBLE)


def test_task_16_responsible_units_list_leads_first_then_others_in_row_order(yongchuan):
    # yongchuan…txt:385-434
    assert task(yongchuan, "16").responsible_units == TASK16_RESPONSIBLE


# ---------------------------------------------------------------------------------------------
# 附件1 主要指标 (lines 58-276): 序号 / 指标类别 / 指标名称 / 2025年情况 / 2027年目标 / 2030年目标 / 指标属性
# Row n occupies lines 70+8(n-1) (序号) .. 76+8(n-1) (属性).
# ---------------------------------------------------------------------------------------------

TABLE_FIRST, TABLE_LAST = 61, 276  # yongchuan…txt:61-276

INDICATORS = [
    # (number, printed, name, unit, category, 2025 (text, cmp, value), 2027 (...), 2030 (...), bindingness)
    (1, "人均期望寿命（岁）", "人均期望寿命", "岁", "健康水平",  # yongchuan…txt:70-76
     (">79.5", ">", "79.5"), ("≥80", "≥", "80"), ("≥80", "≥", "80"), "预期性"),
    (2, "婴儿死亡率（‰）", "婴儿死亡率", "‰", "健康水平",  # yongchuan…txt:78-84 (blank 类别: continues)
     ("3.5", "=", "3.5"), ("3.3", "=", "3.3"), ("3", "=", "3"), "预期性"),
    (3, "孕产妇死亡率（/10 万）", "孕产妇死亡率", "/10万", "健康水平",  # yongchuan…txt:86-92
     ("≤10", "≤", "10"), ("≤8", "≤", "8"), ("≤5", "≤", "5"), "预期性"),
    (4, "居民健康素养水平（%）", "居民健康素养水平", "%", "健康生活",  # yongchuan…txt:94-100
     ("≥38", "≥", "38"), ("≥40.5", "≥", "40.5"), ("≥43.5", "≥", "43.5"), "预期性"),
    (5, "15岁以上人群吸烟率（%）", "15岁以上人群吸烟率", "%", "健康生活",  # yongchuan…txt:102-108
     ("21.6", "=", "21.6"), ("≤21", "≤", "21"), ("≤20", "≤", "20"), "预期性"),
    (6, "城乡社区65岁以上老年人规范化健康管理覆盖率（%）", "城乡社区65岁以上老年人规范化健康管理覆盖率",
     "%", "健康服务",  # yongchuan…txt:110-116
     ("66", "=", "66"), ("68", "=", "68"), ("70", "=", "70"), "预期性"),
    (7, "每千人口拥有3岁以下婴幼儿托位数（个）", "每千人口拥有3岁以下婴幼儿托位数", "个", "健康服务",
     # yongchuan…txt:118-124
     ("3.6", "=", "3.6"), ("4.5", "=", "4.5"), ("4.6", "=", "4.6"), "预期性"),
    (8, "基层医疗卫生机构诊疗量占总诊疗量的比例（%）", "基层医疗卫生机构诊疗量占总诊疗量的比例", "%",
     "健康服务",  # yongchuan…txt:126-132
     ("63.56", "=", "63.56"), ("≥64", "≥", "64"), ("≥65", "≥", "65"), "预期性"),
    (9, "家庭医生签约服务全人群覆盖率（%）", "家庭医生签约服务全人群覆盖率", "%", "健康服务",
     # yongchuan…txt:134-140
     ("57", "=", "57"), ("≥60", "≥", "60"), ("≥62", "≥", "62"), "预期性"),
    (10, "高血压、糖尿病慢性病规范管理率（%）", "高血压、糖尿病慢性病规范管理率", "%", "健康服务",
     # yongchuan…txt:142-148 — line 146 is "\t  ≥79": leading spaces are not part of the text
     ("78", "=", "78"), ("≥79", "≥", "79"), ("≥80", "≥", "80"), "预期性"),
    (11, "区域内就诊率（%）", "区域内就诊率", "%", "健康服务",  # yongchuan…txt:150-156
     ("93.8", "=", "93.8"), ("≥94", "≥", "94"), ("≥95", "≥", "95"), "预期性"),
    (12, "三甲医院区外来永就医患者占比（%）", "三甲医院区外来永就医患者占比", "%", "健康服务",
     # yongchuan…txt:158-164
     ("23.07", "=", "23.07"), ("30", "=", "30"), ("40", "=", "40"), "预期性"),
    (13, "每千人口拥有执业（助理） 医师数（人）", "每千人口拥有执业（助理） 医师数", "人", "医疗资源配置",
     # yongchuan…txt:166-172 — the name is printed with a space after （助理）; the name is kept as
     # printed (only spaces inside the unit bracket are dropped), and （助理） is not the unit
     ("3.6", "=", "3.6"), ("3.7", "=", "3.7"), ("3.8", "=", "3.8"), "预期性"),
    (14, "每千人口注册护士数（人）", "每千人口注册护士数", "人", "医疗资源配置",  # yongchuan…txt:174-180
     ("4.7", "=", "4.7"), ("4.8", "=", "4.8"), ("4.9", "=", "4.9"), "预期性"),
    (15, "每万人口全科医师数（人）", "每万人口全科医师数", "人", "医疗资源配置",  # yongchuan…txt:182-188
     ("2.9", "=", "2.9"), ("3.2", "=", "3.2"), ("3.93", "=", "3.93"), "预期性"),
    (16, "每千人口医疗卫生机构床位数（张）", "每千人口医疗卫生机构床位数", "张", "医疗资源配置",
     # yongchuan…txt:190-196 — 约束性
     ("7.9", "=", "7.9"), ("7.7", "=", "7.7"), ("7.5", "=", "7.5"), "约束性"),
    (17, "每千人口公共卫生人员数（人）", "每千人口公共卫生人员数", "人", "医疗资源配置",
     # yongchuan…txt:198-204
     ("0.83", "=", "0.83"), ("0.84", "=", "0.84"), ("0.86", "=", "0.86"), "预期性"),
    (18, "国家级重点学（专）科数（个）", "国家级重点学（专）科数", "个", "能力建设",  # yongchuan…txt:206-212
     ("0", "=", "0"), ("2", "=", "2"), ("3", "=", "3"), "预期性"),
    (19, "国家级优势学（专）科数（个）", "国家级优势学（专）科数", "个", "能力建设",  # yongchuan…txt:214-220
     ("4", "=", "4"), ("8", "=", "8"), ("10", "=", "10"), "预期性"),
    (20, "市级重点学（专）科数（个）", "市级重点学（专）科数", "个", "能力建设",  # yongchuan…txt:222-228
     ("44", "=", "44"), ("50", "=", "50"), ("55", "=", "55"), "预期性"),
    (21, "公立医院医疗服务收入（不含药品、耗材、检查化验收入）占医疗收入的比例（%）",
     "公立医院医疗服务收入（不含药品、耗材、检查化验收入）占医疗收入的比例", "%", "质量效益",
     # yongchuan…txt:230-236 — the unit is the last bracket only
     ("38.34", "=", "38.34"), ("≥42", "≥", "42"), ("≥45", "≥", "45"), "预期性"),
    (22, "公立医院资产负债率（%）", "公立医院资产负债率", "%", "质量效益",  # yongchuan…txt:238-244
     ("28.07", "=", "28.07"), ("≤28", "≤", "28"), ("≤27.5", "≤", "27.5"), "约束性"),
    (23, "门诊次均费用增幅（%）", "门诊次均费用增幅", "%", "质量效益",  # yongchuan…txt:246-252
     ("<5", "<", "5"), ("<5", "<", "5"), ("<5", "<", "5"), "约束性"),
    (24, "住院次均费用增幅（%）", "住院次均费用增幅", "%", "质量效益",  # yongchuan…txt:254-260
     ("<5", "<", "5"), ("<5", "<", "5"), ("<5", "<", "5"), "约束性"),
    (25, "公立医院门诊患者满意度（分）", "公立医院门诊患者满意度", "分", "患者满意度",  # yongchuan…txt:262-268
     ("92.45", "=", "92.45"), ("≥94", "≥", "94"), ("≥95", "≥", "95"), "预期性"),
    (26, "公立医院住院患者满意度（分）", "公立医院住院患者满意度", "分", "患者满意度",  # yongchuan…txt:270-276
     ("87.79", "=", "87.79"), ("≥90", "≥", "90"), ("≥93", "≥", "93"), "预期性"),
]

INDICATOR_IDS = [f"row{row[0]}" for row in INDICATORS]


def row_lines(number):
    """Lines of indicator row `number`: 序号 line to 指标属性 line (yongchuan…txt:70-276)."""
    first = 70 + 8 * (number - 1)
    return first, first + 6


def table_indicators(records):
    return [i for i in records.indicators if within(i.span, TABLE_FIRST, TABLE_LAST)]


def table_indicator(records, number):
    got = [i for i in table_indicators(records) if i.number == number]
    assert len(got) == 1, f"expected one indicator row {number}, found {len(got)}"
    return got[0]


def table_value(values, name, year, number):
    first, last = row_lines(number)
    got = [v for v in values if v.indicator == name and v.year == year and within(v.span, first, last)]
    assert len(got) == 1, f"expected one value for row {number} {year}, found {len(got)}"
    return got[0]


def test_indicator_table_has_twenty_six_rows_numbered_1_to_26(yongchuan):
    # yongchuan…txt:70-276 — 序号 1..26
    assert sorted(i.number for i in table_indicators(yongchuan)) == list(range(1, 27))


@pytest.mark.parametrize(
    "number,printed,name,unit,category,v2025,v2027,v2030,binding", INDICATORS, ids=INDICATOR_IDS
)
def test_indicator_row_name_unit_and_category(
    yongchuan, number, printed, name, unit, category, v2025, v2027, v2030, binding
):
    # lines cited per row in INDICATORS; blank 类别 cells continue the category above
    i = table_indicator(yongchuan, number)
    assert (i.printed, i.name, i.unit, i.category, i.qualifier) == (printed, name, unit, category, None)
    assert lines(i.span) == row_lines(number)


@pytest.mark.parametrize(
    "number,printed,name,unit,category,v2025,v2027,v2030,binding", INDICATORS, ids=INDICATOR_IDS
)
def test_indicator_row_2025_situation_is_a_baseline(
    yongchuan, number, printed, name, unit, category, v2025, v2027, v2030, binding
):
    # yongchuan…txt:64 "2025年情况" heads a baseline column; cell is the 4th line of each row
    v = table_value(yongchuan.baselines, name, 2025, number)
    text, comparator, value = v2025
    assert (v.kind, v.text, v.comparator, v.value, v.min, v.max, v.bindingness) == (
        "baseline", text, comparator, Decimal(value), None, None, binding
    )


@pytest.mark.parametrize(
    "number,printed,name,unit,category,v2025,v2027,v2030,binding", INDICATORS, ids=INDICATOR_IDS
)
def test_indicator_row_2027_and_2030_goals_are_targets(
    yongchuan, number, printed, name, unit, category, v2025, v2027, v2030, binding
):
    # yongchuan…txt:65-66 "2027年目标", "2030年目标"; cells are the 5th and 6th lines of each row
    for year, (text, comparator, value) in ((2027, v2027), (2030, v2030)):
        v = table_value(yongchuan.targets, name, year, number)
        assert (v.kind, v.text, v.comparator, v.value, v.min, v.max, v.bindingness) == (
            "target", text, comparator, Decimal(value), None, None, binding
        ), year


def test_table_values_belong_to_no_task(yongchuan):
    # yongchuan…txt:58-276 — 附件1 is outside every task
    got = [v for v in yongchuan.baselines + yongchuan.targets if within(v.span, TABLE_FIRST, TABLE_LAST)]
    assert got, "no values read from 附件1"
    assert [v for v in got if v.task is not None] == []


def test_indicator_table_gives_one_baseline_and_two_targets_per_row(yongchuan):
    # yongchuan…txt:70-276 — 26 rows x (2025年情况 | 2027年目标, 2030年目标)
    base = [v for v in yongchuan.baselines if within(v.span, TABLE_FIRST, TABLE_LAST)]
    targ = [v for v in yongchuan.targets if within(v.span, TABLE_FIRST, TABLE_LAST)]
    assert len(base) == 26
    assert len(targ) == 52


# ---------------------------------------------------------------------------------------------
# Prose targets in 一、总体要求及目标 (lines 21-25) and in task 6
# ---------------------------------------------------------------------------------------------


def prose_targets(records, line, core, year=None):
    """(year, comparator, value) of targets read from `line` whose indicator phrase has `core`."""
    got = [
        (v.year, v.comparator, v.value)
        for v in records.targets
        if v.span.start_line <= line <= v.span.end_line
        and core in v.indicator
        and (year is None or v.year == year)
    ]
    return sorted(got, key=lambda t: (t[0], str(t[1]), t[2] if t[2] is not None else Decimal(0)))


PROSE = [
    # (line, core of the indicator phrase, year filter, expected sorted (year, comparator, value))
    # yongchuan…txt:22 — "到2027年，区域内就诊率稳定保持在94%以上…；到2030年，区域内就诊率稳定保持在95%以上"
    (22, "区域内就诊率", None, [(2027, "≥", Decimal("94")), (2030, "≥", Decimal("95"))]),
    # yongchuan…txt:23 — "到2027年，每千人口拥有执业（助理）医师数、注册护士数分别达到3.7人、4.8人；
    #                     到2030年，…分别达到3.8人、4.9人"
    (23, "执业（助理）医师数", None, [(2027, "=", Decimal("3.7")), (2030, "=", Decimal("3.8"))]),
    (23, "注册护士数", None, [(2027, "=", Decimal("4.8")), (2030, "=", Decimal("4.9"))]),
    # yongchuan…txt:24 — "到2027年，基层诊疗量占比达到64%，城乡社区65岁及以上老年人规范化健康管理覆盖率
    #                     达到68%，家庭医生签约服务全人群覆盖率达到60%" (2030 "三项指标分别提升至…" not asserted)
    (24, "基层诊疗量占比", 2027, [(2027, "=", Decimal("64"))]),
    (24, "规范化健康管理覆盖率", 2027, [(2027, "=", Decimal("68"))]),
    (24, "家庭医生签约服务全人群覆盖率", 2027, [(2027, "=", Decimal("60"))]),
    # yongchuan…txt:25 — "到2027年，居民健康素养水平达到40.5%，慢性病规范管理率超过79%；到2030年，
    #                     居民健康素养水平达到43.5%，慢性病规范管理率超过80%，人均期望寿命提高至80岁以上"
    (25, "居民健康素养水平", None, [(2027, "=", Decimal("40.5")), (2030, "=", Decimal("43.5"))]),
    (25, "慢性病规范管理率", None, [(2027, ">", Decimal("79")), (2030, ">", Decimal("80"))]),
    (25, "人均期望寿命", None, [(2030, "≥", Decimal("80"))]),
]


@pytest.mark.parametrize(
    "line,core,year,expected", PROSE, ids=[f"line{p[0]}-{p[1]}" for p in PROSE]
)
def test_goal_paragraph_states_target_with_comparator_and_year(yongchuan, line, core, year, expected):
    assert prose_targets(yongchuan, line, core, year) == expected


def test_goal_paragraph_targets_belong_to_no_task(yongchuan):
    # yongchuan…txt:21-25 — 一、总体要求及目标 is not a task
    got = [v for v in yongchuan.targets if within(v.span, 21, 25)]
    assert got, "no prose targets read from lines 21-25"
    assert all(v.task is None for v in got)
    assert all(v.kind == "target" for v in got)


def test_split_respectively_gives_one_target_per_indicator_in_order(yongchuan):
    # yongchuan…txt:23 — "…医师数、注册护士数分别达到3.7人、4.8人": 3.7 is the doctors', 4.8 the nurses'
    got = [v for v in yongchuan.targets if within(v.span, 23, 23) and v.year == 2027]
    doctors = [v.value for v in got if "医师数" in v.indicator]
    nurses = [v.value for v in got if "注册护士数" in v.indicator]
    assert doctors == [Decimal("3.7")]
    assert nurses == [Decimal("4.8")]


def test_bed_cap_in_task_6_is_an_upper_bound(yongchuan):
    # yongchuan…txt:35 — "“十五五”期间每千常住人口拥有床位数控制在7.5张以内" (no 到YYYY年 printed before it
    # in the task, so the year is not asserted)
    got = [
        (v.comparator, v.value, v.task)
        for v in yongchuan.targets
        if within(v.span, 35, 35) and "床位数" in v.indicator
    ]
    assert got == [("≤", Decimal("7.5"), "6")]


def test_bed_cap_in_decomposition_row_6_is_an_upper_bound_of_task_6(yongchuan):
    # yongchuan…txt:324 — "“十五五”期间将每千常住人口床位数严格控制在7.5张以内"
    got = [
        (v.comparator, v.value, v.task)
        for v in yongchuan.targets
        if v.span.start_line <= 324 <= v.span.end_line and "床位数" in v.indicator
    ]
    assert got == [("≤", Decimal("7.5"), "6")]


# ---------------------------------------------------------------------------------------------
# 附件3 名词解释 (lines 439-458)
# ---------------------------------------------------------------------------------------------

GLOSSARY = [
    (1, "居民健康素养", 442),  # yongchuan…txt:442
    (2, "“两重”“两新”", 443),  # yongchuan…txt:443
    (3, "紧密型区域医共体", 444),  # yongchuan…txt:444 — line starts with "[bookmark: _GoBack]"
    (4, "医共体内“六统一”管理运行机制", 445),  # yongchuan…txt:445
    (5, "分级诊疗", 446),  # yongchuan…txt:446
    (6, "“1+3+3+N”分级诊疗与双向转诊体系", 447),  # yongchuan…txt:447
    (7, "“1+2+N”医共体发展构架", 448),  # yongchuan…txt:448
    (8, "中西医协同“旗舰”医院", 449),  # yongchuan…txt:449
    (9, "“西学中”人才培养", 450),  # yongchuan…txt:450
    (10, "“多品类健康服务站”", 451),  # yongchuan…txt:451
    (11, "“县聘乡用”“乡聘村用”改革", 452),  # yongchuan…txt:452
    (12, "“一人一档一码”", 453),  # yongchuan…txt:453
    (13, "互联网医院", 454),  # yongchuan…txt:454
    (14, "HIS、LIS、PACS", 455),  # yongchuan…txt:455
    (15, "“三医协同、六医统筹”机制", 456),  # yongchuan…txt:456
    (16, "“1+8+2+N”公立医院内部绩效分配方案", 457),  # yongchuan…txt:457
    (17, "“2+2”薪酬结构", 458),  # yongchuan…txt:458
]


def glossary_entry(records, number):
    got = [g for g in records.glossary if g.number == number]
    assert len(got) == 1, f"expected one glossary entry {number}, found {len(got)}"
    return got[0]


def test_glossary_has_seventeen_numbered_entries(yongchuan):
    # yongchuan…txt:442-458 — entry 16's inner "1.医院绩效考核办法；2.…" list is not new entries
    assert sorted(g.number for g in yongchuan.glossary) == list(range(1, 18))


@pytest.mark.parametrize("number,term,line", GLOSSARY, ids=[f"entry{g[0]}" for g in GLOSSARY])
def test_glossary_term_is_text_before_first_colon(yongchuan, number, term, line):
    g = glossary_entry(yongchuan, number)
    assert (g.term, lines(g.span)) == (term, (line, line))


def test_glossary_definition_is_text_after_first_colon(yongchuan):
    # yongchuan…txt:442
    d1 = glossary_entry(yongchuan, 1).definition
    assert d1.startswith("指个人获取和理解健康信息，并运用这些信息维护和促进自身健康的能力。")
    assert d1.endswith("基本知识和理念、健康生活方式与行为、基本技能。")
    # yongchuan…txt:444 — the bookmark marker belongs to neither term nor definition
    d3 = glossary_entry(yongchuan, 3).definition
    assert d3.startswith("指以区级医院牵头，整合区、镇（街道）、村（社区）三级医疗卫生资源")
    assert "bookmark" not in d3
    # yongchuan…txt:458
    assert glossary_entry(yongchuan, 17).definition == (
        "薪酬总量由基本薪酬和绩效薪酬构成，增核不计入薪酬总量基数的追加薪酬和奖励薪酬。"
    )


def test_glossary_definition_may_open_with_a_quoted_term(yongchuan):
    # yongchuan…txt:443 — "2.“两重”“两新”：“两重”指…"
    assert glossary_entry(yongchuan, 2).definition.startswith("“两重”指国家重大战略实施和重点领域安全能力建设。")
    # yongchuan…txt:453 — "12.“一人一档一码”：一人一档是指…"
    assert glossary_entry(yongchuan, 12).definition.startswith("一人一档是指每一位居民建立唯一、专属的健康档案。")


# ---------------------------------------------------------------------------------------------
# Citations (line 18)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "健康中国2030规划纲要",  # yongchuan…txt:18
        "重庆市进一步完善医疗卫生服务体系实施方案",  # yongchuan…txt:18
    ],
)
def test_preamble_cites_parent_policy_by_title_only(yongchuan, title):
    # yongchuan…txt:18 — "根据《健康中国2030规划纲要》《重庆市进一步完善医疗卫生服务体系实施方案》等精神"
    got = [c for c in yongchuan.citations if c.title == title]
    assert len(got) == 1
    assert got[0].identifier is None
    assert lines(got[0].span) == (18, 18)


def test_plan_own_title_is_not_a_citation(yongchuan):
    # yongchuan…txt:2-3,7,16 — 《永川区加快建设现代化区域医疗中心行动方案》 is the plan itself
    titles = [c.title or "" for c in yongchuan.citations]
    assert not any("永川区加快建设现代化区域医疗" in t for t in titles)
