"""Golden tests for 沙坪坝区进一步完善医疗卫生服务体系实施方案.

Every expected value below was read by hand off data/sources/shapingba_2025_service_system.txt
(cited as `sp:LINE`), following the conventions in docs/extraction.md. Nothing here was copied
from parser output.
"""
from decimal import Decimal
from pathlib import Path

import pytest

from tests.golden.conftest import task

FILE = "shapingba_2025_service_system.txt"

# The task part runs from `二、重点任务` (sp:17) to the line before `三、组织实施` (sp:43).
TASK_PART_FIRST_LINE = 18  # sp:18 （一）
ORGANISATION_SECTION_LINE = 43  # sp:43 三、组织实施

# ---------------------------------------------------------------------------------------------
# Groups: (key, number, title, heading line)
# ---------------------------------------------------------------------------------------------
GROUPS = [
    ("1", 1, "科学规划，建设优质高效服务体系", 18),  # sp:18
    ("2", 2, "强化内涵，提升城乡医疗卫生服务能力", 22),  # sp:22
    ("3", 3, "创新模式，增强医疗卫生服务群众获得感", 27),  # sp:27
    ("4", 4, "整体智治，提升城乡医疗卫生服务管理能力", 35),  # sp:35 (sp:34 is blank)
    ("5", 5, "协同联动，提高医疗卫生治理效能", 39),  # sp:39
]

# ---------------------------------------------------------------------------------------------
# Tasks: (key, title, group, line, responsible units in printed order)
# Each task is one line; its `（责任单位：…）` clause closes that line.
# ---------------------------------------------------------------------------------------------
HWC = "区卫生健康委"
TASKS = [
    # sp:19
    ("1", "完善优质医疗卫生机构功能布局", "1", 19,
     (HWC, "区发展改革委", "区规划自然资源局", "区住房城乡建委")),
    # sp:20
    ("2", "夯实基层医疗卫生服务网底", "1", 20, (HWC, "区发展改革委")),
    # sp:21
    ("3", "强化公共卫生服务体系建设", "1", 21, (HWC,)),
    # sp:23
    ("4", "加强重点专科学科建设", "2", 23, (HWC,)),
    # sp:24
    ("5", "推动卫生人才资源扩容", "2", 24, (HWC, "区人力社保局")),
    # sp:25
    ("6", "保障医疗服务质量安全", "2", 25, (HWC, "区市场监管局")),
    # sp:26
    ("7", "加快卫生健康科技创新", "2", 26, (HWC, "区科技局", "区经济信息委")),
    # sp:28
    ("8", "推进分级诊疗制度", "3", 28, (HWC, "区人力社保局", "区医保局")),
    # sp:29
    ("9", "健全家庭医生制度", "3", 29, (HWC, "区医保局")),
    # sp:30
    ("10", "促进医养结合", "3", 30,
     (HWC, "区规划自然资源局", "区住房城乡建委", "区医保局", "区民政局")),
    # sp:31
    ("11", "加强防治结合", "3", 31, (HWC,)),
    # sp:32
    ("12", "发挥中医药重要作用", "3", 32, (HWC, "区教委")),
    # sp:33 (followed by the blank sp:34, which is not part of the task)
    ("13", "改善医疗卫生服务体验", "3", 33, (HWC, "区医保局", "区公安分局")),
    # sp:36
    ("14", "加快数字健康建设", "4", 36, (HWC, "区发展改革委", "区大数据发展局")),
    # sp:37
    ("15", "健全现代医院管理制度", "4", 37, (HWC,)),
    # sp:38
    ("16", "加强医疗卫生行业监管", "4", 38, (HWC, "区市场监管局", "区医保局")),
    # sp:40
    ("17", "完善政府投入机制", "5", 40, ("区财政局", HWC)),
    # sp:41
    ("18", "深化价格和支付方式改革", "5", 41, ("区医保局", HWC)),
    # sp:42
    ("19", "推进人事薪酬制度改革", "5", 42, ("区委编办", "区人力社保局", HWC, "区财政局")),
]
TASK_IDS = [f"task_{row[0]}" for row in TASKS]


def _clause(units: tuple[str, ...]) -> str:
    return "（责任单位：" + "、".join(units) + "）"


# ---------------------------------------------------------------------------------------------
# Groups
# ---------------------------------------------------------------------------------------------


def test_task_part_has_exactly_the_five_printed_groups(shapingba):
    # sp:18, 22, 27, 35, 39 — and nothing else (三、组织实施's （一）…（三） at sp:44-46 are not groups)
    assert [(g.key, g.number, g.title) for g in shapingba.groups] == [
        (key, number, title) for key, number, title, _ in GROUPS
    ]


@pytest.mark.parametrize(("key", "number", "title", "line"), GROUPS, ids=[f"group_{g[0]}" for g in GROUPS])
def test_group_heading_is_read_from_its_own_line(shapingba, key, number, title, line):
    [group] = [g for g in shapingba.groups if g.key == key]
    assert group.number == number
    assert group.title == title
    assert not group.title.endswith("。")
    assert group.level == 1
    assert group.parent is None
    assert (group.span.start_line, group.span.end_line) == (line, line)
    assert Path(group.span.file).name == FILE


def test_organisation_section_headings_are_not_groups(shapingba):
    # sp:44 （一）强化组织领导 / sp:45 （二）健全工作机制 / sp:46 （三）加强宣传引导
    titles = {g.title for g in shapingba.groups}
    assert not titles & {"强化组织领导", "健全工作机制", "加强宣传引导"}
    assert all(g.span.start_line < ORGANISATION_SECTION_LINE for g in shapingba.groups)


# ---------------------------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------------------------


def test_plan_has_exactly_nineteen_tasks_keyed_1_to_19(shapingba):
    # sp:19-42: numbered 1. … 19.
    assert sorted(t.key for t in shapingba.tasks) == sorted(str(n) for n in range(1, 20))


def test_nothing_in_the_organisation_section_is_a_task(shapingba):
    # sp:43-46 三、组织实施 holds no tasks
    assert all(t.span.start_line < ORGANISATION_SECTION_LINE for t in shapingba.tasks)
    assert all(t.span.end_line < ORGANISATION_SECTION_LINE for t in shapingba.tasks)


def test_nothing_before_the_task_part_is_a_task(shapingba):
    # sp:1-17: notice, preamble, 一、总体目标 — no tasks
    assert all(t.span.start_line > TASK_PART_FIRST_LINE for t in shapingba.tasks)


@pytest.mark.parametrize(("key", "title", "group", "line", "units"), TASKS, ids=TASK_IDS)
def test_task_number_and_title_are_the_printed_first_sentence(shapingba, key, title, group, line, units):
    t = task(shapingba, key)
    assert t.number == int(key)
    assert t.title == title
    assert t.kind == "task"
    assert t.parent is None


@pytest.mark.parametrize(("key", "title", "group", "line", "units"), TASKS, ids=TASK_IDS)
def test_task_belongs_to_the_nearest_group_above_it(shapingba, key, title, group, line, units):
    assert task(shapingba, key).group == group


@pytest.mark.parametrize(("key", "title", "group", "line", "units"), TASKS, ids=TASK_IDS)
def test_task_responsible_units_are_the_inline_clause_in_printed_order(
    shapingba, key, title, group, line, units
):
    t = task(shapingba, key)
    assert t.responsible_units == units
    assert t.lead_units == ()  # the clause names no lead


@pytest.mark.parametrize(("key", "title", "group", "line", "units"), TASKS, ids=TASK_IDS)
def test_task_span_is_its_single_line(shapingba, key, title, group, line, units):
    t = task(shapingba, key)
    assert (t.span.start_line, t.span.end_line) == (line, line)
    assert Path(t.span.file).name == FILE
    assert t.table_span is None  # 沙坪坝 has no annex table


@pytest.mark.parametrize(("key", "title", "group", "line", "units"), TASKS, ids=TASK_IDS)
def test_task_text_starts_with_title_and_ends_with_responsibility_clause(
    shapingba, key, title, group, line, units
):
    t = task(shapingba, key)
    assert t.text.startswith(title + "。")
    assert _clause(units) in t.text
    assert t.text.endswith(_clause(units))


def test_task_6_names_health_commission_and_market_regulation_as_responsible(shapingba):
    # sp:25 （责任单位：区卫生健康委、区市场监管局）
    assert task(shapingba, "6").responsible_units == ("区卫生健康委", "区市场监管局")


def test_task_17_keeps_finance_bureau_first_as_printed(shapingba):
    # sp:40 （责任单位：区财政局、区卫生健康委） — no unit is promoted to lead
    t = task(shapingba, "17")
    assert t.responsible_units == ("区财政局", "区卫生健康委")
    assert t.lead_units == ()


def test_task_19_lists_four_units_starting_with_staffing_office(shapingba):
    # sp:42 （责任单位：区委编办、区人力社保局、区卫生健康委、区财政局）
    assert task(shapingba, "19").responsible_units == (
        "区委编办", "区人力社保局", "区卫生健康委", "区财政局",
    )


def test_task_13_span_stops_before_the_blank_line(shapingba):
    # sp:33 is task 13, sp:34 is blank, sp:35 is （四）
    t = task(shapingba, "13")
    assert t.span.end_line == 33


def test_task_17_text_is_its_line_without_the_number(shapingba):
    # sp:40, verbatim after `17.`
    assert task(shapingba, "17").text == (
        "完善政府投入机制。保障公共卫生投入，落实对专业公共卫生机构和基本公共卫生服务经费投入保障，"
        "落实医疗机构承担公共卫生服务的经费保障政策。强化区域卫生规划和医疗机构设置规划在医疗卫生资源"
        "配置方面的规范作用。按规定落实对公立医院投入政策，加强对中医医院和基层医疗卫生机构的投入倾斜"
        "政策。建立持续稳定的中医药发展多元投入机制。（责任单位：区财政局、区卫生健康委）"
    )


def test_task_3_text_does_not_run_into_the_next_group_heading(shapingba):
    # sp:21 ends with （责任单位：区卫生健康委）; sp:22 is （二）强化内涵…
    assert "强化内涵" not in task(shapingba, "3").text


# ---------------------------------------------------------------------------------------------
# Targets stated in task prose
# (id, task, core of the indicator phrase, comparator, value, min, max, printed number, year, line)
# year None: checked in its own test below.
# ---------------------------------------------------------------------------------------------
PROSE_TARGETS = [
    # sp:20 到2027年底，全区建成甲级基层医疗机构的比例不低于70%
    ("task_2_grade_a_primary_institution_share_at_least_70_percent",
     "2", "甲级基层医疗机构", "≥", "70", None, None, "70%", 2027, 20),
    # sp:20 建成社区医院的社区卫生服务中心比例达到45%以上
    ("task_2_community_hospital_share_45_percent_or_more",
     "2", "社区卫生服务中心比例", "≥", "45", None, None, "45%", 2027, 20),
    # sp:23 到2027年力争申报立项市级临床（中医）重点专科3-5个
    ("task_4_three_to_five_municipal_key_specialties_as_range",
     "4", "重点专科", "range", None, "3", "5", "3-5", 2027, 23),
    # sp:29 到2027年，建成红岩家医服务站90个
    ("task_9_ninety_hongyan_family_doctor_stations",
     "9", "红岩家医服务站", "=", "90", None, None, "90", 2027, 29),
    # sp:29 全区家庭医生签约服务重点人群覆盖率达到85%
    ("task_9_family_doctor_key_population_coverage_reaches_85_percent",
     "9", "家庭医生签约服务重点人群覆盖率", "=", "85", None, None, "85%", 2027, 29),
    # sp:30 到2027年，设立至少2所护理院（中心）
    ("task_10_at_least_two_nursing_homes",
     "10", "护理院", "≥", "2", None, None, "2", 2027, 30),
    # sp:32 到2027年，精品中医馆、示范中医馆达标率分别不低于35%、15%
    ("task_12_premium_tcm_clinics_at_least_35_percent",
     "12", "精品中医馆", "≥", "35", None, None, "35%", 2027, 32),
    ("task_12_model_tcm_clinics_at_least_15_percent",
     "12", "示范中医馆", "≥", "15", None, None, "15%", 2027, 32),
    # sp:33 预约后平均等待时长控制在30分钟以内 (no year in task 13: see its own test)
    ("task_13_waiting_time_within_30_minutes",
     "13", "等待时长", "≤", "30", None, None, "30", None, 33),
]


def _dec(s):
    return None if s is None else Decimal(s)


def _find_target(records, key, core, value, min_, max_):
    in_task = [t for t in records.targets if t.task == key]
    found = [
        t for t in in_task
        if core in t.indicator
        and (t.value == _dec(value) if value is not None else (t.min, t.max) == (_dec(min_), _dec(max_)))
    ]
    assert len(found) == 1, f"expected one target ({core}, {value or (min_, max_)}) in task {key}: {in_task}"
    return found[0]


@pytest.mark.parametrize(
    ("key", "core", "comparator", "value", "min_", "max_", "printed", "year", "line"),
    [row[1:] for row in PROSE_TARGETS],
    ids=[row[0] for row in PROSE_TARGETS],
)
def test_prose_target_in_task(shapingba, key, core, comparator, value, min_, max_, printed, year, line):
    t = _find_target(shapingba, key, core, value, min_, max_)
    assert t.kind == "target"
    assert t.comparator == comparator
    assert t.value == _dec(value)
    assert t.min == _dec(min_)
    assert t.max == _dec(max_)
    assert printed in t.text
    if year is not None:
        assert t.year == year
    assert t.span.start_line <= line <= t.span.end_line
    assert Path(t.span.file).name == FILE


def test_task_2_states_exactly_two_targets(shapingba):
    # sp:20: 不低于70% and 45%以上; `服务人口低于800人的行政村` is a condition, not a target,
    # and `15分钟居民健康服务圈` carries no comparator.
    values = sorted(t.value for t in shapingba.targets if t.task == "2")
    assert values == [Decimal("45"), Decimal("70")]


def test_task_4_range_has_no_single_value(shapingba):
    # sp:23 3-5个 is a range: min/max only
    t = _find_target(shapingba, "4", "重点专科", None, "3", "5")
    assert t.value is None


def test_task_12_respectively_gives_two_targets_in_printed_order(shapingba):
    # sp:32 精品中医馆、示范中医馆达标率分别不低于35%、15%: one target per indicator, in order
    in_task = [t for t in shapingba.targets if t.task == "12"]
    assert [(t.comparator, t.value) for t in in_task] == [("≥", Decimal("35")), ("≥", Decimal("15"))]
    assert "精品中医馆" in in_task[0].indicator
    assert "示范中医馆" in in_task[1].indicator


def test_task_13_waiting_time_target_takes_the_plans_2027_horizon(shapingba):
    # sp:33 names no year; the plan's horizon is 到2027年 (sp:15), also the nearest 到YYYY年 above
    # (sp:32 到2027年).
    t = _find_target(shapingba, "13", "等待时长", "30", None, None)
    assert t.year == 2027


def test_every_task_target_sits_on_its_task_line(shapingba):
    # each task is one line (sp:19-42), so a target read from task N lies on task N's line
    lines = {key: line for key, _, _, line, _ in TASKS}
    for t in shapingba.targets:
        if t.task is not None:
            assert (t.span.start_line, t.span.end_line) == (lines[t.task], lines[t.task]), t


# ---------------------------------------------------------------------------------------------
# Citations
# ---------------------------------------------------------------------------------------------
CITATIONS = [
    # sp:12 《中共中央办公厅 国务院办公厅关于进一步完善医疗卫生服务体系的意见》（中办发〔2023〕10号）
    ("中共中央办公厅 国务院办公厅关于进一步完善医疗卫生服务体系的意见", "中办发〔2023〕10号"),
    # sp:12 《重庆市关于进一步完善医疗卫生服务体系实施方案》（渝府办发〔2023〕76号）
    ("重庆市关于进一步完善医疗卫生服务体系实施方案", "渝府办发〔2023〕76号"),
]


@pytest.mark.parametrize(("title", "identifier"), CITATIONS, ids=["zhongbanfa_2023_10", "yufubanfa_2023_76"])
def test_preamble_cites_parent_policy_with_title_and_number(shapingba, title, identifier):
    pairs = [(c.title, c.identifier) for c in shapingba.citations]
    assert (title, identifier) in pairs
    [c] = [c for c in shapingba.citations if (c.title, c.identifier) == (title, identifier)]
    assert (c.span.start_line, c.span.end_line) == (12, 12)  # sp:12


def test_plans_own_title_is_not_a_citation(shapingba):
    # sp:3-4 and sp:6 print the plan's own title in 《…》
    titles = {c.title for c in shapingba.citations}
    assert "沙坪坝区进一步完善医疗卫生服务体系实施方案" not in titles
