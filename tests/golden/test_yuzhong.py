"""Golden tests for 渝中区贯彻落实《重庆市进一步完善医疗卫生服务体系实施方案》的工作措施.

Every expected value below was read by hand off data/sources/yuzhong_2024_work_measures.txt
(cited as `yz:LINE`), following the conventions in docs/extraction.md. Nothing here was copied
from parser output. The annex (附件 重点任务清单, yz:48-192) repeats each task as a table row
(序号 / 工作内容 / 2023年情况 / 任务目标/指标 2027年 / 责任部门), one cell per line.
"""
from decimal import Decimal
from pathlib import Path

import pytest

from tests.golden.conftest import task

FILE = "yuzhong_2024_work_measures.txt"

TASK_PART_FIRST_LINE = 20  # yz:20 （一）, under yz:19 二、重点任务
ORGANISATION_SECTION_LINE = 44  # yz:44 三、组织实施
ANNEX_LINE = 48  # yz:48 附件

# ---------------------------------------------------------------------------------------------
# Groups: (key, number, title, heading line)
# ---------------------------------------------------------------------------------------------
GROUPS = [
    ("1", 1, "科学规划，完善医疗卫生服务体系布局", 20),  # yz:20
    ("2", 2, "强化内涵，提升医疗卫生服务能力", 24),  # yz:24
    ("3", 3, "创新模式，增强医疗卫生服务群众获得感", 29),  # yz:29
    ("4", 4, "整体智治，提升医疗卫生服务管理能力", 36),  # yz:36
    ("5", 5, "协同联动，提高医疗卫生治理效能", 40),  # yz:40 (printed without 。)
]

# ---------------------------------------------------------------------------------------------
# Tasks: (key, title, group, line, responsible units in printed order, annex row first/last line)
# The annex row runs from its 序号 cell to its 责任部门 cell.
# ---------------------------------------------------------------------------------------------
HWC = "区卫健委"
TASKS = [
    # yz:21; annex yz:68-72
    ("1", "夯实医疗卫生服务网底", "1", 21, (HWC, "区发改委", "区规自局", "各街道"), 68, 72),
    # yz:22; annex yz:74-78
    ("2", "完善区级医疗卫生机构功能布局", "1", 22, (HWC, "区发改委", "区规自局", "区住建委"), 74, 78),
    # yz:23; annex yz:80-84
    ("3", "强化公共卫生服务体系建设", "1", 23, (HWC, "区发改委"), 80, 84),
    # yz:25; annex yz:89-93
    ("4", "加强重点专科学科建设", "2", 25, (HWC,), 89, 93),
    # yz:26; annex yz:95-99
    ("5", "打造人才聚集高地", "2", 26, (HWC, "区人社局"), 95, 99),
    # yz:27; annex yz:101-105
    ("6", "保障医疗服务质量安全", "2", 27, (HWC, "区市场监管局"), 101, 105),
    # yz:28; annex yz:107-111
    ("7", "加快卫生健康科技创新", "2", 28, (HWC, "区科技局", "区大健康公司", "大石化新区管委会"), 107, 111),
    # yz:30; annex yz:116-120
    ("8", "推进分级诊疗制度", "3", 30, (HWC, "区人社局", "区医保局"), 116, 120),
    # yz:31; annex yz:122-126
    ("9", "健全家庭医生制度", "3", 31, (HWC, "区医保局"), 122, 126),
    # yz:32; annex yz:128-132
    ("10", "促进医养结合", "3", 32, (HWC, "区规自局", "区住建委", "区医保局", "区民政局"), 128, 132),
    # yz:33; annex yz:134-138
    ("11", "加强防治结合", "3", 33, (HWC, "区科技局"), 134, 138),
    # yz:34; annex yz:140-144
    ("12", "发挥中医药重要作用", "3", 34, (HWC, "区教委", "区文旅委"), 140, 144),
    # yz:35; annex yz:146-150
    ("13", "改善医疗卫生服务体验", "3", 35, (HWC, "区医保局", "区大数据局", "区公安分局"), 146, 150),
    # yz:37; annex yz:155-159
    ("14", "加快数字健康建设", "4", 37, (HWC, "区发改委", "区大数据局"), 155, 159),
    # yz:38; annex yz:161-165
    ("15", "健全现代医院管理制度", "4", 38, (HWC,), 161, 165),
    # yz:39; annex yz:167-171
    ("16", "加强医疗卫生行业监管", "4", 39, (HWC, "区市场监管局", "区医保局"), 167, 171),
    # yz:41; annex yz:176-180
    ("17", "完善政府投入机制", "5", 41, ("区财政局", HWC), 176, 180),
    # yz:42; annex yz:182-186
    ("18", "深化价格和支付方式改革", "5", 42, ("区医保局", HWC), 182, 186),
    # yz:43; annex yz:188-192
    ("19", "推进人事薪酬制度改革", "5", 43, ("区委编办", "区人社局", HWC, "区财政局"), 188, 192),
]
TASK_IDS = [f"task_{row[0]}" for row in TASKS]
TASK_LINE = {row[0]: row[3] for row in TASKS}
TABLE_SPAN = {row[0]: (row[5], row[6]) for row in TASKS}

# The annex 责任部门 cells, read separately from the annex (yz:72 … yz:192).
ANNEX_UNITS = {
    "1": ("区卫健委", "区发改委", "区规自局", "各街道"),  # yz:72
    "2": ("区卫健委", "区发改委", "区规自局", "区住建委"),  # yz:78
    "3": ("区卫健委", "区发改委"),  # yz:84
    "4": ("区卫健委",),  # yz:93
    "5": ("区卫健委", "区人社局"),  # yz:99
    "6": ("区卫健委", "区市场监管局"),  # yz:105
    "7": ("区卫健委", "区科技局", "区大健康公司", "大石化新区管委会"),  # yz:111
    "8": ("区卫健委", "区人社局", "区医保局"),  # yz:120
    "9": ("区卫健委", "区医保局"),  # yz:126
    "10": ("区卫健委", "区规自局", "区住建委", "区医保局", "区民政局"),  # yz:132
    "11": ("区卫健委", "区科技局"),  # yz:138
    "12": ("区卫健委", "区教委", "区文旅委"),  # yz:144
    "13": ("区卫健委", "区医保局", "区大数据局", "区公安分局"),  # yz:150
    "14": ("区卫健委", "区发改委", "区大数据局"),  # yz:159
    "15": ("区卫健委",),  # yz:165
    "16": ("区卫健委", "区市场监管局", "区医保局"),  # yz:171
    "17": ("区财政局", "区卫健委"),  # yz:180
    "18": ("区医保局", "区卫健委"),  # yz:186
    "19": ("区委编办", "区人社局", "区卫健委", "区财政局"),  # yz:192
}

# The annex 2023年情况 cells: (task, line, text as printed, leading tab dropped)
ANNEX_BASELINES = [
    ("1", 70, "全区现有社区医院1家，甲级中心3家。11家社区卫生服务中心中，区政府举办的中心8家。"
              "现有社区卫生服务站16个，护理站6个。"),  # yz:70
    ("2", 76, "重庆市中医骨科医院化龙桥院区一期、区精卫中心、区卫生应急隔离救治中心、重庆牙科医院等"
              "区级医疗机构改扩建项目已完成。启动重庆市中医骨科医院二期建设项目前期，"
              "将区妇幼保健院原址改造项目纳入全区项目建设计划。"),  # yz:76
    ("3", 82, "2023年区疾控中心已创建为重庆市二级甲等疾控机构。全区已组建4支区级背囊化卫生应急队伍。"),  # yz:82
    ("4", 91, "目前已下达9个区级临床重点专科建设项目，均在建设中。区疾控已建成3个市级公共卫生重点专科。"),  # yz:91
    ("5", 97, "目前已引进卫生专业技术人员、管理人员89人（其中研究生或副高以上高层次人才34人），"
              "顺利完成1名博士后进入博士后科研工作站。每千人口执业（助理）医师数13.02人，"
              "每千人口注册护士数20.97人，每百张床位临床药师数0.7人。"),  # yz:97
    ("6", 103, "制定印发《渝中区全面提升医疗质量行动计划（2023-2025年）》，安排部署提升医疗质量重点工作任务。"
               "已建成19个区级医疗质量控制中心。已建成区域处方前置审核平台，覆盖区级医院及社区卫生服务中心，"
               "已实现医共体内上下级用药衔接。"),  # yz:103
    ("7", 109, "推动环重医创新生态圈建设，聚焦重庆医科大学生命健康科技成果转化，通过创新创业大赛、"
               "种子基金赋能，提高科技成果挖掘和转化效率，年度完成成果转化5项。"),  # yz:109
    ("8", 118, "重庆市中医骨科医院与各社区卫生服务中心组建医共体，中医骨科医院作为区内医共体牵头单位，"
               "建成区域医学影像中心、检验中心等。各社区卫生服务中心分别与辖区市级医院建立医联体，"
               "通过转诊、带教、坐诊多种形式推进分级诊疗制度落实。持续推进“县聘乡用”工作，"
               "二级以上医疗机构派出18名执业医师到基层医疗机构服务。"),  # yz:118
    ("9", 124, "组建以“全科医生+护士+公卫人员”为基础，二级及以上医疗机构专家、社区干部、志愿者等为辅助的"
               "“3+X”家庭医生服务团队65个。持续开展居民电子健康档案清理工作，2023全年更新档案21万余份。"
               "目前我区重点人群签约覆盖率在80%以上。"),  # yz:124
    ("10", 130, "已设立1所护理院（福满康心护理院）。二级以上综合医院（除市属）老年医学科设立比例100%。"
                "正在起草《渝中区提升医养结合和老年健康服务能力行动方案》，2023年参加全国医养结合示范区创建。"),  # yz:130
    ("11", 136, "各区级公立医院已设置公共卫生科。"),  # yz:136
    ("12", 142, "现已建成重庆市精品中医馆2个，各级名中医药专家传承工作室12个。"
                "现有各级传承传统医药类非物质文化遗产11项。有市中医药文化进校园示范学校1家，培育学校2家。"),  # yz:142
    ("13", 148, "制定《渝中区改善就医感受提升患者体验主题活动实施方案（2023-2025年）》，"
                "持续优化诊前、诊中、诊后服务，提升服务便利性，推动实现惠民有感。"
                "各社区中心根据居民需求，提供午间门诊、延时门诊、周末疫苗接种或预约接种服务。"
                "委属11家医疗机构、辖区6家市属医疗机构均已建成市级老年友善医疗机构。"
                "全区已建立市级“平安医院”5家，区级“平安医院”1家。"),  # yz:148
    ("14", 157, "—"),  # yz:157 (U+2014, no 2023 situation given)
    ("15", 163, "委属4家公立医院均落实党委领导下的院长负责制，完善议事决策规则。"),  # yz:163
    ("16", 169, "印发《渝中区清廉医院建设工作实施方案》，成立工作领导小组，"
                "把清廉医院建设与党的建设、深化医改、业务管理等工作紧密结合起来，将清廉医院建设纳入目标绩效考核。"
                "将法治建设纳入委属单位目标考核，委属医疗机构均聘请法律顾问，全体职工完成法治理论在线学习。"),  # yz:169
    ("17", 178, "—"),  # yz:178
    ("18", 184, "—"),  # yz:184
    ("19", 190, "推进公立医院人员总量编制备案管理，目前已报送区精卫中心编制备案管理方案。"
                "按照“两个允许”要求，核定疾控中心和公立医院超额绩效，"
                "落实医疗机构公共卫生科室人员收入不低于所在医疗机构人员平均收入水平。"),  # yz:190
]


def _clause(units: tuple[str, ...]) -> str:
    return "（责任单位：" + "、".join(units) + "）"


# ---------------------------------------------------------------------------------------------
# Groups
# ---------------------------------------------------------------------------------------------


def test_task_part_has_exactly_the_five_printed_groups(yuzhong):
    # yz:20, 24, 29, 36, 40 — the annex's repeated （一）…（五） rows (yz:65, 86, 113, 152, 173) and
    # 三、组织实施's （一）…（三） (yz:45-47) are not groups
    assert [(g.key, g.number, g.title) for g in yuzhong.groups] == [
        (key, number, title) for key, number, title, _ in GROUPS
    ]


@pytest.mark.parametrize(("key", "number", "title", "line"), GROUPS, ids=[f"group_{g[0]}" for g in GROUPS])
def test_group_heading_is_read_from_its_own_line(yuzhong, key, number, title, line):
    [group] = [g for g in yuzhong.groups if g.key == key]
    assert group.number == number
    assert group.title == title
    assert not group.title.endswith("。")
    assert group.level == 1
    assert group.parent is None
    assert (group.span.start_line, group.span.end_line) == (line, line)
    assert Path(group.span.file).name == FILE


def test_organisation_section_and_annex_headings_are_not_groups(yuzhong):
    # yz:45 强化组织领导, yz:46 健全工作机制, yz:47 加强宣传引导; annex rows from yz:48 on
    titles = {g.title for g in yuzhong.groups}
    assert not titles & {"强化组织领导", "健全工作机制", "加强宣传引导"}
    assert all(g.span.start_line < ORGANISATION_SECTION_LINE for g in yuzhong.groups)


# ---------------------------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------------------------


def test_plan_has_exactly_nineteen_tasks_keyed_1_to_19(yuzhong):
    # yz:21-43 numbered 1. … 19.; the annex rows (yz:68-192) repeat them and add none
    assert sorted(t.key for t in yuzhong.tasks) == sorted(str(n) for n in range(1, 20))


def test_nothing_in_the_organisation_section_is_a_task(yuzhong):
    # yz:44-47 三、组织实施 holds no tasks
    for t in yuzhong.tasks:
        assert t.span.start_line < ORGANISATION_SECTION_LINE, t
        assert t.span.end_line < ORGANISATION_SECTION_LINE, t


def test_nothing_before_the_task_part_is_a_task(yuzhong):
    # yz:1-19: notice, preamble, 一、总体目标
    assert all(t.span.start_line > TASK_PART_FIRST_LINE for t in yuzhong.tasks)


@pytest.mark.parametrize(("key", "title", "group", "line", "units", "first", "last"), TASKS, ids=TASK_IDS)
def test_task_number_and_title_are_the_printed_first_sentence(yuzhong, key, title, group, line, units, first, last):
    t = task(yuzhong, key)
    assert t.number == int(key)
    assert t.title == title
    assert t.kind == "task"
    assert t.parent is None


@pytest.mark.parametrize(("key", "title", "group", "line", "units", "first", "last"), TASKS, ids=TASK_IDS)
def test_task_belongs_to_the_nearest_group_above_it(yuzhong, key, title, group, line, units, first, last):
    assert task(yuzhong, key).group == group


@pytest.mark.parametrize(("key", "title", "group", "line", "units", "first", "last"), TASKS, ids=TASK_IDS)
def test_task_responsible_units_are_the_inline_clause_in_printed_order(
    yuzhong, key, title, group, line, units, first, last
):
    t = task(yuzhong, key)
    assert t.responsible_units == units
    assert t.lead_units == ()  # neither the clause nor the 责任部门 column names a lead


@pytest.mark.parametrize(("key", "title", "group", "line", "units", "first", "last"), TASKS, ids=TASK_IDS)
def test_task_span_is_its_single_inline_line(yuzhong, key, title, group, line, units, first, last):
    t = task(yuzhong, key)
    assert (t.span.start_line, t.span.end_line) == (line, line)
    assert Path(t.span.file).name == FILE


@pytest.mark.parametrize(("key", "title", "group", "line", "units", "first", "last"), TASKS, ids=TASK_IDS)
def test_task_table_span_is_its_annex_row_from_number_to_units(yuzhong, key, title, group, line, units, first, last):
    t = task(yuzhong, key)
    assert t.table_span is not None
    assert (t.table_span.start_line, t.table_span.end_line) == (first, last)
    assert Path(t.table_span.file).name == FILE


@pytest.mark.parametrize(("key", "title", "group", "line", "units", "first", "last"), TASKS, ids=TASK_IDS)
def test_task_text_starts_with_title_and_ends_with_responsibility_clause(
    yuzhong, key, title, group, line, units, first, last
):
    t = task(yuzhong, key)
    assert t.text.startswith(title + "。")
    assert _clause(units) in t.text
    assert t.text.endswith(_clause(units))


@pytest.mark.parametrize("key", sorted(ANNEX_UNITS, key=int), ids=[f"task_{k}" for k in sorted(ANNEX_UNITS, key=int)])
def test_annex_responsible_department_cell_agrees_with_inline_clause(yuzhong, key):
    assert task(yuzhong, key).responsible_units == ANNEX_UNITS[key]


def test_task_1_keeps_the_subdistricts_as_a_responsible_unit(yuzhong):
    # yz:21 （责任单位：区卫健委、区发改委、区规自局、各街道）
    assert task(yuzhong, "1").responsible_units[-1] == "各街道"


def test_task_7_names_four_units_including_the_development_zone_committee(yuzhong):
    # yz:28 and yz:111: 区卫健委、区科技局、区大健康公司、大石化新区管委会
    assert task(yuzhong, "7").responsible_units == ("区卫健委", "区科技局", "区大健康公司", "大石化新区管委会")


def test_task_6_names_health_commission_and_market_regulation_as_responsible(yuzhong):
    # yz:27 （责任单位：区卫健委、区市场监管局）
    assert task(yuzhong, "6").responsible_units == ("区卫健委", "区市场监管局")


def test_task_3_text_is_the_inline_wording_not_the_annex_rewording(yuzhong):
    # yz:23 到2027年，区疾控中心建成三级疾病预防控制机构，区精卫中心建成三级精神卫生中心。
    # yz:83 (annex) rewords it as 区疾控中心、区精卫中心建成三级疾病预防控制机构/精神卫生中心
    text = task(yuzhong, "3").text
    assert "区疾控中心建成三级疾病预防控制机构，区精卫中心建成三级精神卫生中心" in text
    assert "疾病预防控制机构/精神卫生中心" not in text


def test_task_14_text_is_its_line_without_the_number(yuzhong):
    # yz:37, verbatim after `14.`
    assert task(yuzhong, "14").text == (
        "加快数字健康建设。按照多跨协同、高频使用、惠民有感原则，谋划数字健康应用场景，数字化重塑卫生健康"
        "服务流程，落地数字医学影像服务等应用场景，打造数字健康便民惠民服务新模式。利用数字化智能化技术推动"
        "区域卫生健康治理向整体智治和高效协同转变。（责任单位：区卫健委、区发改委、区大数据局）"
    )


def test_task_16_text_stops_at_the_group_heading(yuzhong):
    # yz:39 ends task 16, yz:40 is （五）协同联动…
    assert "协同联动" not in task(yuzhong, "16").text


# ---------------------------------------------------------------------------------------------
# Targets stated in task prose
# (id, task, core of the indicator phrase, comparator, value, printed number, year, line)
# year None: checked in its own test below.
# ---------------------------------------------------------------------------------------------
PROSE_TARGETS = [
    # yz:21 到2027年，全区建成甲级中心5个
    ("task_1_five_grade_a_centres", "1", "甲级中心", "=", "5", "5", 2027, 21),
    # yz:21 到2027年，全区至少建成2个社区医院
    ("task_1_at_least_two_community_hospitals", "1", "社区医院", "≥", "2", "2", 2027, 21),
    # yz:25 到2027年，建成10个以上区级临床重点专科
    ("task_4_ten_or_more_district_key_specialties", "4", "区级临床重点专科", "≥", "10", "10", 2027, 25),
    # yz:25 培育新增市级临床重点专科1个以上
    ("task_4_one_or_more_new_municipal_key_specialties", "4", "市级临床重点专科", "≥", "1", "1", 2027, 25),
    # yz:25 新增市级及以上中医专科2个及以上
    ("task_4_two_or_more_tcm_specialties", "4", "中医专科", "≥", "2", "2", 2027, 25),
    # yz:26 到2027年，…每千人口执业（助理）医师数不低于13人
    ("task_5_physicians_per_thousand_at_least_13", "5", "每千人口执业（助理）医师数", "≥", "13", "13", 2027, 26),
    # yz:26 每千人口注册护士数不低于21人
    ("task_5_nurses_per_thousand_at_least_21", "5", "每千人口注册护士数", "≥", "21", "21", 2027, 26),
    # yz:26 每百张床位临床药师数达1人
    ("task_5_clinical_pharmacists_per_hundred_beds_reaches_1", "5", "每百张床位临床药师数", "=", "1", "1", 2027, 26),
    # yz:31 到2027年，全区家庭医生签约服务重点人群覆盖率达到81%
    ("task_9_family_doctor_key_population_coverage_reaches_81_percent",
     "9", "家庭医生签约服务重点人群覆盖率", "=", "81", "81%", 2027, 31),
    # yz:32 老年医学科设立比例达到100% (no year in task 10: see its own test)
    ("task_10_geriatrics_department_share_reaches_100_percent", "10", "老年医学科设立比例", "=", "100", "100%", None, 32),
    # yz:32 老年友善医疗机构比例达到90%
    ("task_10_elder_friendly_institution_share_reaches_90_percent", "10", "老年友善医疗机构比例", "=", "90", "90%", None, 32),
    # yz:34 到2027年，精品中医馆、示范中医馆分别达到5个、1个
    ("task_12_five_premium_tcm_clinics", "12", "精品中医馆", "=", "5", "5", 2027, 34),
    ("task_12_one_model_tcm_clinic", "12", "示范中医馆", "=", "1", "1", 2027, 34),
]


def _find_target(records, key, core, value):
    in_task = [t for t in records.targets if t.task == key]
    found = [t for t in in_task if core in t.indicator and t.value == Decimal(value)]
    assert len(found) == 1, f"expected one target ({core}, {value}) in task {key}: {in_task}"
    return found[0]


@pytest.mark.parametrize(
    ("key", "core", "comparator", "value", "printed", "year", "line"),
    [row[1:] for row in PROSE_TARGETS],
    ids=[row[0] for row in PROSE_TARGETS],
)
def test_prose_target_in_task(yuzhong, key, core, comparator, value, printed, year, line):
    t = _find_target(yuzhong, key, core, value)
    assert t.kind == "target"
    assert t.comparator == comparator
    assert t.value == Decimal(value)
    assert (t.min, t.max) == (None, None)
    assert printed in t.text
    if year is not None:
        assert t.year == year
    assert t.span.start_line <= line <= t.span.end_line
    assert Path(t.span.file).name == FILE


def test_task_12_respectively_gives_two_targets_in_printed_order(yuzhong):
    # yz:34 精品中医馆、示范中医馆分别达到5个、1个: one target per indicator, in order
    in_task = [t for t in yuzhong.targets if t.task == "12"]
    assert [(t.comparator, t.value) for t in in_task] == [("=", Decimal("5")), ("=", Decimal("1"))]
    assert "精品中医馆" in in_task[0].indicator
    assert "示范中医馆" in in_task[1].indicator


def test_task_10_targets_take_the_plans_2027_horizon(yuzhong):
    # yz:32 names no year; the plan's horizon is 到2027年 (yz:17), also the nearest 到YYYY年 above
    # (yz:31 到2027年).
    for core, value in (("老年医学科设立比例", "100"), ("老年友善医疗机构比例", "90")):
        assert _find_target(yuzhong, "10", core, value).year == 2027


def test_annex_target_column_does_not_repeat_task_targets(yuzhong):
    # yz:98 repeats yz:26's targets; they are read once, from the task line
    nurses = [t for t in yuzhong.targets if "每千人口注册护士数" in t.indicator]
    assert len(nurses) == 1
    assert (nurses[0].span.start_line, nurses[0].span.end_line) == (26, 26)


def test_every_task_target_sits_on_its_task_line(yuzhong):
    # each task is one line (yz:21-43); no target is read from the annex (yz:48 on)
    for t in yuzhong.targets:
        if t.task is not None:
            assert (t.span.start_line, t.span.end_line) == (TASK_LINE[t.task],) * 2, t
        assert t.span.start_line < ANNEX_LINE, t


# ---------------------------------------------------------------------------------------------
# Baselines from the annex 2023年情况 column (yz:55)
# ---------------------------------------------------------------------------------------------


def _task_baselines(records):
    return [b for b in records.baselines if b.indicator == ""]


def test_annex_gives_one_task_level_baseline_per_row(yuzhong):
    # yz:68-192: 19 rows, each with a 2023年情况 cell
    keys = sorted((b.task for b in _task_baselines(yuzhong)), key=lambda k: (k is None, int(k or 0)))
    assert keys == [str(n) for n in range(1, 20)]


@pytest.mark.parametrize(("key", "line", "text"), ANNEX_BASELINES, ids=[f"task_{row[0]}" for row in ANNEX_BASELINES])
def test_task_level_baseline_is_the_2023_cell_as_printed(yuzhong, key, line, text):
    [b] = [b for b in _task_baselines(yuzhong) if b.task == key]
    assert b.kind == "baseline"
    assert b.year == 2023  # yz:55 2023年情况
    assert b.text == text
    assert (b.comparator, b.value, b.min, b.max) == (None, None, None, None)  # the cell as text only
    assert b.span.start_line <= line <= b.span.end_line
    first, last = TABLE_SPAN[key]
    assert first <= b.span.start_line and b.span.end_line <= last
    assert Path(b.span.file).name == FILE


def test_tasks_14_17_18_have_a_dash_for_their_2023_situation(yuzhong):
    # yz:157, yz:178, yz:184 print — (U+2014)
    dashes = {b.task: b.text for b in _task_baselines(yuzhong) if b.task in {"14", "17", "18"}}
    assert dashes == {"14": "—", "17": "—", "18": "—"}


TASK_5_BASELINES = [
    # yz:97 每千人口执业（助理）医师数13.02人
    ("physicians_per_thousand_13_02", "每千人口执业（助理）医师数", "13.02"),
    # yz:97 每千人口注册护士数20.97人
    ("nurses_per_thousand_20_97", "每千人口注册护士数", "20.97"),
    # yz:97 每百张床位临床药师数0.7人
    ("clinical_pharmacists_per_hundred_beds_0_7", "每百张床位临床药师数", "0.7"),
]


@pytest.mark.parametrize(("core", "value"), [row[1:] for row in TASK_5_BASELINES], ids=[row[0] for row in TASK_5_BASELINES])
def test_task_5_cell_states_indicator_baselines_for_2023(yuzhong, core, value):
    found = [b for b in yuzhong.baselines if b.task == "5" and core in b.indicator and b.value == Decimal(value)]
    assert len(found) == 1, [b for b in yuzhong.baselines if b.task == "5"]
    [b] = found
    assert b.kind == "baseline"
    assert b.year == 2023  # yz:55 column heading 2023年情况
    assert b.comparator == "="
    assert (b.min, b.max) == (None, None)
    assert value in b.text
    assert b.span.start_line <= 97 <= b.span.end_line


# ---------------------------------------------------------------------------------------------
# Citations
# ---------------------------------------------------------------------------------------------


def test_preamble_cites_the_chongqing_plan_with_title_and_number(yuzhong):
    # yz:14 《重庆市进一步完善医疗卫生服务体系实施方案》（渝府办发〔2023〕76号）
    pair = ("重庆市进一步完善医疗卫生服务体系实施方案", "渝府办发〔2023〕76号")
    assert pair in [(c.title, c.identifier) for c in yuzhong.citations]
    [c] = [c for c in yuzhong.citations if (c.title, c.identifier) == pair]
    assert (c.span.start_line, c.span.end_line) == (14, 14)


def test_plans_own_title_is_not_a_citation(yuzhong):
    # yz:4 《渝中区贯彻落实〈重庆市进一步完善医疗卫生服务体系实施方案〉的工作措施》 is the plan itself
    titles = {c.title for c in yuzhong.citations}
    assert "渝中区贯彻落实〈重庆市进一步完善医疗卫生服务体系实施方案〉的工作措施" not in titles
    assert "渝中区贯彻落实《重庆市进一步完善医疗卫生服务体系实施方案》的工作措施" not in titles
