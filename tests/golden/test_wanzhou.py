"""Golden tests for 万州区卫生健康发展"十四五"规划 (data/sources/wanzhou_14th_fyp_health.txt).

Every expected value below was read off the source text by a person
(`cat -n data/sources/wanzhou_14th_fyp_health.txt | sed -n A,Bp`), never copied from parser
output. Line numbers in comments are 1-based lines of that file.

Reading notes (the text is PDF-extracted: each text line is followed by a blank line, lines wrap
mid-word, and the first line of a paragraph is shorter because of its two-character indent):

* The task part is `四、重点任务` (line 691) up to `五、保障措施` (line 1635). Its ten task areas
  are `（一）`…`（十）`. The `（一）…` headings of sections 一、二、三 (lines 56-517) and of 五、保障措施
  (lines 1637-1709) are not task groups.
* A task is a bold-lead paragraph: it starts at the beginning of a line after a line ending in
  `。`, and its first sentence is a short title (no comma). A full-width line (28 characters)
  ending in `。` followed by a full-width line is a wrap that happens to fall at a sentence end,
  not a new paragraph (e.g. 717 → 719, 956 → 958, 1324 → 1326, 1588 → 1590).
* Paragraphs that open with a sentence that is not a short title belong to the task above:
  719 `完善基层网络化疫情防控体系，织密织牢基层防控网。…` (comma in the first sentence; 717 is
  full width anyway), 825 `加强传染病监测预警，加强鼠疫、…` (after footer —21—; comma),
  1240 `争取"十四五"期间，城区户籍人口自然增长率达 2‰。` (a target sentence, not a title),
  1395 `持续提升家庭医生签约服务内涵，创建精品家庭医生团队。` (one-line paragraph whose only
  sentence has a comma and no body: not a title), and 1093
  `推动成立中医药物研究所、三峡针灸研究所。` (one action sentence with no body after it; 1091 is
  full width, so it reads as the last line of the 完善中医药服务体系 paragraph).
* Titles and values keep the spaces printed inside a line (`大力发展 3 岁以下…`, `18条河流达到 100%`);
  only the line-wrap breaks are joined.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from tests.golden.conftest import task

TABLE_FIRST, TABLE_LAST = 570, 690  # 表 1 runs from its caption (570) to row 23 (690)
GOALS_FIRST, GOALS_LAST = 536, 552  # 发展目标: "到 2025年具体实现以下目标：" (536) … 13.5% (552)
TASK_PART_FIRST, TASK_PART_LAST = 691, 1633  # 四、重点任务 (691) … last line before 五、(1635)


# ---------------------------------------------------------------------------------------------
# Groups: the ten task areas under 四、重点任务
# ---------------------------------------------------------------------------------------------

GROUPS = [
    # (key, number, title, heading line)
    ("1", 1, "建设强大公共卫生体系", 693),  # 693 （一）建设强大公共卫生体系
    ("2", 2, "推动医疗服务高质量发展", 921),  # 921 （二）推动医疗服务高质量发展
    ("3", 3, "加快中医药服务传承创新", 1076),  # 1076 （三）加快中医药服务传承创新
    ("4", 4, "全面深化医药卫生体制改革", 1142),  # 1142 （四）全面深化医药卫生体制改革
    ("5", 5, "提升人口和家庭长期发展能力", 1232),  # 1232 （五）提升人口和家庭长期发展能力
    ("6", 6, "推进健康中国重庆行动万州实践", 1285),  # 1285 （六）推进健康中国重庆行动万州实践
    ("7", 7, "促进健康服务业高质量发展", 1332),  # 1332 （七）促进健康服务业高质量发展
    ("8", 8, "加强卫生健康人才队伍建设", 1427),  # 1427 （八）加强卫生健康人才队伍建设
    ("9", 9, "打造医学科研创新平台", 1499),  # 1499 （九）打造医学科研创新平台
    ("10", 10, "加快卫生健康信息化赋能", 1554),  # 1554 （十）加快卫生健康信息化赋能
]


def test_task_areas_are_the_ten_headings_under_key_tasks(wanzhou):
    got = [(g.key, g.number, g.title, g.span.start_line) for g in wanzhou.groups]
    assert got == GROUPS


def test_task_areas_are_top_level_without_parent(wanzhou):
    assert [(g.level, g.parent) for g in wanzhou.groups] == [(1, None)] * 10


@pytest.mark.parametrize(
    "title",
    [
        "全区居民健康水平显著提升",  # 56 一、(一): achievements, not tasks
        "老龄健康服务高质量发展",  # 273 一、(十)
        "主要问题",  # 284 二、(一)
        "面临的新形势",  # 349 二、(二)
        "指导思想",  # 427 三、(一)
        "发展目标",  # 517 三、(三)
        "加强规划实施组织领导",  # 1637 五、保障措施 (一)
        "统筹区域卫生健康发展",  # 1688 五、保障措施 (四)
        "强化规划实施监督评价",  # 1709 五、保障措施 (五)
    ],
)
def test_headings_outside_the_task_part_are_not_task_areas(wanzhou, title):
    assert title not in [g.title for g in wanzhou.groups]


# ---------------------------------------------------------------------------------------------
# Tasks: bold-lead paragraphs, keyed "<group>.<position>"
# ---------------------------------------------------------------------------------------------

TASKS = {
    # key: (number, title, first line, last line)
    # 一 建设强大公共卫生体系
    "1.1": (None, "强化疾病预防控制体系和能力建设", 695, 723),  # 695; 719 continues (see notes); ends 723
    "1.2": (None, "打造渝东北公共卫生应急中心", 725, 746),  # 725 … 746
    "1.3": (None, "健全院前急救和重大疫情救治网络", 748, 785),  # 748 … 785
    "1.4": (None, "创新医防协同机制", 787, 805),  # 787 … 805 (797 is a full-width continuation)
    "1.5": (None, "加强疾病和健康危害因素监测预警", 807, 831),  # 807; footer —21— at 823; 825-831 continue
    "1.6": (None, "深入推进基本公共卫生服务均等化", 833, 847),  # 833 … 847
    "1.7": (None, "提高妇幼保健和生殖健康服务水平", 849, 859),  # 849 … 859
    "1.8": (None, "加强采供血保障工作", 861, 868),  # 861 … 868
    "1.9": (None, "实施心理健康促进行动", 870, 890),  # 870 … 890
    "1.10": (None, "强化职业健康工作", 892, 919),  # 892 … 919, before （二） at 921
    # 二 推动医疗服务高质量发展
    "2.1": (None, "明确发展定位", 923, 941),  # 923 … 941
    "2.2": (None, "完善医疗卫生机构设施布局", 943, 978),  # 943; 958 is a full-width continuation; … 978
    "2.3": (None, "推进城区医疗卫生机构均衡发展", 980, 997),  # 980 … 997
    "2.4": (None, "夯实基层医疗卫生服务能力", 999, 1013),  # 999 … 1013
    "2.5": (None, "加强短缺医疗资源配置", 1015, 1044),  # 1015 … 1044
    "2.6": (None, "完善老年健康服务体系", 1046, 1062),  # 1046 … 1062
    "2.7": (None, "强化医疗服务管理", 1064, 1074),  # 1064; 1072 full-width continuation; … 1074
    # 三 加快中医药服务传承创新
    "3.1": (None, "完善中医药服务体系", 1078, 1093),  # 1078; 1093 read as its last line (see notes)
    "3.2": (None, "提升中医药服务能力", 1095, 1117),  # 1095 … 1117
    "3.3": (None, "推进中医药产业发展", 1119, 1140),  # 1119 … 1140
    # 四 全面深化医药卫生体制改革
    "4.1": (None, "坚持和加强党对公立医院的全面领导", 1144, 1152),  # 1144 … 1152
    "4.2": (None, "进一步深化公立医院改革", 1154, 1173),  # 1154 … 1173
    "4.3": (None, "加强基层医疗卫生综合改革", 1175, 1187),  # 1175 … 1187
    "4.4": (None, "持续推进分级诊疗体系建设", 1189, 1203),  # 1189 … 1203
    "4.5": (None, "推进医药卫生监管体制综合改革", 1205, 1230),  # 1205 … 1230
    # 五 提升人口和家庭长期发展能力
    "5.1": (None, "加强人口监测", 1234, 1240),  # 1234; 1240 争取… is not a title (see notes)
    "5.2": (None, "落实优化生育政策", 1242, 1252),  # 1242 … 1252
    "5.3": (None, "大力发展 3 岁以下婴幼儿照护服务", 1254, 1271),  # 1254 (spaces as printed) … 1271
    "5.4": (None, "推进家庭发展能力建设", 1273, 1283),  # 1273 … 1283
    # 六 推进健康中国重庆行动万州实践: printed numbers "1．" "2．" "3．"
    "6.1": (1, "深入开展爱国卫生运动", 1287, 1298),  # 1287 1．深入开展爱国卫生运动。… 1298
    "6.2": (2, "实施健康促进行动", 1300, 1316),  # 1300 2．实施健康促进行动。… 1316
    "6.3": (3, "维护环境健康和食品安全", 1318, 1330),  # 1318 3．…; 1326 full-width continuation; … 1330
    # 七 促进健康服务业高质量发展
    "7.1": (None, "加快构建纵深有度的康养产业布局", 1334, 1362),  # 1334; footer —33— at 1344; … 1362
    "7.2": (None, "打造三峡库区健康管理中心", 1364, 1395),  # 1364; 1378 continues; 1395 see notes
    "7.3": (None, "推进医养结合协调发展", 1397, 1413),  # 1397 … 1413
    "7.4": (None, "引导社会办医高质量特色发展", 1415, 1425),  # 1415 … 1425
    # 八 加强卫生健康人才队伍建设
    "8.1": (None, "引进培育高层次医学人才", 1429, 1450),  # 1429 … 1450
    "8.2": (None, "打造医学人才培养基地", 1452, 1466),  # 1452 … 1466
    "8.3": (None, "加快建立医疗卫生机构用人新机制", 1468, 1483),  # 1468 … 1483
    "8.4": (None, "加强多方合作", 1485, 1497),  # 1485 … 1497
    # 九 打造医学科研创新平台: printed numbers "1．" "2．"
    "9.1": (1, "搭建科研创新转化平台", 1501, 1534),  # 1501 1．搭建科研创新转化平台。… 1534
    "9.2": (2, "推进医学学科专科建设", 1536, 1552),  # 1536 2．推进医学学科专科建设。… 1552
    # 十 加快卫生健康信息化赋能
    "10.1": (None, "完善区全民健康信息平台", 1556, 1582),  # 1556; footer —38— at 1564; … 1582
    "10.2": (None, "推进智慧医疗和信息惠民", 1584, 1617),  # 1584; 1590 full-width continuation; … 1617
    "10.3": (None, "提升远程医疗服务功能", 1619, 1633),  # 1619 … 1633, before 五、保障措施 at 1635
}


@pytest.mark.parametrize("group", [g[0] for g in GROUPS])
def test_each_task_area_lists_its_bold_lead_tasks_in_order(wanzhou, group):
    expected = [
        (key, title, first)
        for key, (_, title, first, _) in TASKS.items()
        if key.split(".")[0] == group
    ]
    got = sorted(
        ((t.key, t.title, t.span.start_line) for t in wanzhou.tasks if t.group == group),
        key=lambda row: row[2],
    )
    assert got == expected


def test_plan_has_exactly_the_45_bold_lead_tasks(wanzhou):
    # 10 + 7 + 3 + 5 + 4 + 3 + 4 + 4 + 2 + 3 tasks in areas （一）…（十）.
    assert sorted(t.key for t in wanzhou.tasks) == sorted(TASKS)


@pytest.mark.parametrize("key", list(TASKS))
def test_task_title_number_and_span(wanzhou, key):
    number, title, first, last = TASKS[key]
    t = task(wanzhou, key)
    assert (t.number, t.title, t.kind, t.parent) == (number, title, "task", None)
    assert (t.span.start_line, t.span.end_line) == (first, last)


def test_task_group_is_the_area_heading_above_it(wanzhou):
    assert {t.key: t.group for t in wanzhou.tasks} == {k: k.split(".")[0] for k in TASKS}


def test_no_task_lies_outside_the_key_tasks_part(wanzhou):
    outside = [t.key for t in wanzhou.tasks
               if not TASK_PART_FIRST <= t.span.start_line <= TASK_PART_LAST
               or not TASK_PART_FIRST <= t.span.end_line <= TASK_PART_LAST]
    assert outside == []


@pytest.mark.parametrize(
    "title",
    [
        "卫生健康发展还不平衡",  # 292, 二、(一) 主要问题: a problem, not a task
        "经济发展新常态对加快转变卫生健康发展方式提出迫切要求",  # 364-366, 二、(二)
        "居民健康水平持续提升",  # 538, 三、(三) 发展目标: a goal paragraph
        "建立完善区域卫生健康协调发展工作机制",  # 1690, 五、保障措施 (四): bold-lead but not a task
        "推动成立中医药物研究所、三峡针灸研究所",  # 1093, continuation of 3.1 (see notes)
        "持续提升家庭医生签约服务内涵，创建精品家庭医生团队",  # 1395, continuation of 7.2
        "完善基层网络化疫情防控体系，织密织牢基层防控网",  # 719, continuation of 1.1
    ],
)
def test_sentences_that_are_not_task_leads_give_no_task(wanzhou, title):
    assert title not in [t.title for t in wanzhou.tasks]


def test_no_task_has_responsible_or_lead_units(wanzhou):
    # The plan prints no （责任单位：…） clause and no decomposition table anywhere.
    assert wanzhou.tasks
    assert [(t.key, t.responsible_units, t.lead_units) for t in wanzhou.tasks
            if t.responsible_units or t.lead_units] == []


def test_task_text_joins_line_wraps(wanzhou):
    text = task(wanzhou, "1.1").text
    # 695 "强化疾病预防控制体系和能力建设。健全疾病预防控制机" + 697 "构、医院、…"
    assert text.startswith("强化疾病预防控制体系和能力建设。健全疾病预防控制机构、医院、")
    # 703 "…完成区疾病预防控制中心迁建项目，创" + 705 "建三级甲等疾病预防控制中心…"
    assert "完成区疾病预防控制中心迁建项目，创建三级甲等疾病预防控制中心" in text
    # 719-723: the continuation paragraph belongs to 1.1 and ends it.
    assert "疾病预防控制人才队伍。完善基层网络化疫情防控体系，织密织牢基层防控网。" in text
    assert text.endswith("建立完善医疗废物生产、储存、转运、处置全链条监管机制。")  # 723


# Tasks that may hold a real paragraph break, which the conventions do not say how to join:
# 1093 (3.1), 1240 (5.1) and 1395 (7.2) are short lines after a full line ending in 。, so they
# could be one-line paragraphs as well as last lines. Everywhere else a line after a 。 line is
# either an indented task lead (width ≤ 53) or a full-width wrap (717→719, 795→797, 819→825,
# 956→958, 1070→1072, 1324→1326, 1376→1378, 1588→1590), and 990 ends in ；, not a paragraph end.
MAYBE_PARAGRAPH_BREAK = {"3.1", "5.1", "7.2"}


def test_no_task_text_keeps_a_line_break(wanzhou):
    assert [t.key for t in wanzhou.tasks
            if t.key not in MAYBE_PARAGRAPH_BREAK and ("\n" in t.text or "\r" in t.text)] == []


def test_task_text_skips_page_footer_inside_it(wanzhou):
    t15 = task(wanzhou, "1.5").text
    # 819 "…管理干预全覆盖。" | 823 "—21—" | 825 "加强传染病监测预警，…"
    assert "—21—" not in t15
    assert "管理干预全覆盖。加强传染病监测预警，" in t15
    assert t15.endswith("等重点传染病疫情能力。")  # 831
    t71 = task(wanzhou, "7.1").text
    # 1340 "…大山坪、七曜" | 1344 "—33—" | 1346 "山、人头寨…"
    assert "—33—" not in t71
    assert "大山坪、七曜山、人头寨和凤凰茶乡" in t71
    t101 = task(wanzhou, "10.1").text
    # 1560 "…建立完善区全民健康信息平" | 1564 "—38—" | 1566 "台。整合居民电子病历…"
    assert "—38—" not in t101
    assert "建立完善区全民健康信息平台。整合居民电子病历" in t101


def test_continuation_paragraphs_end_the_task_above(wanzhou):
    assert task(wanzhou, "3.1").text.endswith("推动成立中医药物研究所、三峡针灸研究所。")  # 1093
    assert task(wanzhou, "5.1").text.endswith("2‰。")  # 1240 "…自然增长率达 2‰。"
    assert task(wanzhou, "7.2").text.endswith("创建精品家庭医生团队。")  # 1395


def test_numbered_task_title_drops_printed_number(wanzhou):
    # 1287 "1．深入开展爱国卫生运动。大力推进…"
    t = task(wanzhou, "6.1")
    assert (t.number, t.title) == (1, "深入开展爱国卫生运动")
    assert "大力推进健康城市建设，创建全国卫生城区" in t.text  # 1287-1289


# ---------------------------------------------------------------------------------------------
# 表 1 万州区"十四五"卫生健康事业发展主要指标 (lines 570-690)
# Columns (572-580): 类别 | 序号 | 主要指标 | 2020年实际值 (baseline) | 2025年目标值 (target) | 指标性质
# The header row is printed again at 592-600 (page break); it is not a row.
# ---------------------------------------------------------------------------------------------

NOT_ASSERTED = object()  # a value reading the text does not settle (row 20's baseline)


@dataclass(frozen=True)
class Row:
    number: int
    qualifier: str | None
    name: str
    unit: str | None
    category: str
    base_text: str
    base_cmp: object
    base_value: object
    target_text: str
    target_cmp: str | None
    target_value: str | None
    bindingness: str
    lines: tuple[int, int] | None  # exact span of a whole row
    value_line: int  # the line holding the row's numbers

    @property
    def id(self) -> str:
        return f"{self.number}" + (f"-{self.qualifier}" if self.qualifier else "")


ROWS = [
    # 582-583 类别 "健康\n水平" → 健康水平, rows 1-7 (the repeated header at 592-600 does not end it)
    # 585 "1 人均预期寿命（岁） 77.85 79 预期性"
    Row(1, None, "人均预期寿命", "岁", "健康水平",
        "77.85", "=", "77.85", "79", "=", "79", "预期性", (585, 585), 585),
    # 587 "2 健康预期寿命（岁） ——" 588-589 "同比例\n提高" 591 "预期性"
    Row(2, None, "健康预期寿命", "岁", "健康水平",
        "——", None, None, "同比例提高", None, None, "预期性", (587, 591), 587),
    # 602 "3 孕产妇死亡率（/10万） 11.4 ≤10 预期性"
    Row(3, None, "孕产妇死亡率", "/10万", "健康水平",
        "11.4", "=", "11.4", "≤10", "≤", "10", "预期性", (602, 602), 602),
    # 604 "4 婴儿死亡率（‰） 2.85 ≤3.5 预期性"
    Row(4, None, "婴儿死亡率", "‰", "健康水平",
        "2.85", "=", "2.85", "≤3.5", "≤", "3.5", "预期性", (604, 604), 604),
    # 606 "5 5岁以下儿童死亡率（‰） 5.13 ≤5.0 预期性"
    Row(5, None, "5岁以下儿童死亡率", "‰", "健康水平",
        "5.13", "=", "5.13", "≤5.0", "≤", "5.0", "预期性", (606, 606), 606),
    # 608 "6 重大慢性病过早死亡率（%） 13.31 ≤13.5 预期性"
    Row(6, None, "重大慢性病过早死亡率", "%", "健康水平",
        "13.31", "=", "13.31", "≤13.5", "≤", "13.5", "预期性", (608, 608), 608),
    # 610-611 "7 城乡居民达到《国民体质测定标准》合格以\n上的人数比例（%）" 613 "93 ≥93 预期性"
    Row(7, None, "城乡居民达到《国民体质测定标准》合格以上的人数比例", "%", "健康水平",
        "93", "=", "93", "≥93", "≥", "93", "预期性", (610, 613), 613),
    # 615-616 类别 "健康\n生活" → 健康生活, rows 8-10
    # 618 "8 居民健康素养水平（%） 22.97 ≥30 预期性"
    Row(8, None, "居民健康素养水平", "%", "健康生活",
        "22.97", "=", "22.97", "≥30", "≥", "30", "预期性", (618, 618), 618),
    # 620 "9 经常参加体育锻炼人数比例（%） 51 ≥52 预期性"
    Row(9, None, "经常参加体育锻炼人数比例", "%", "健康生活",
        "51", "=", "51", "≥52", "≥", "52", "预期性", (620, 620), 620),
    # 622 "10 15岁以上人群吸烟率（%） 20.45 ≤20 预期性"
    Row(10, None, "15岁以上人群吸烟率", "%", "健康生活",
        "20.45", "=", "20.45", "≤20", "≤", "20", "预期性", (622, 622), 622),
    # 624-625 类别 "健康\n服务" → 健康服务, rows 11-18
    # 627 "11 每千人口执业（助理）医师数（人） 2.94 3.6 约束性" (unit = last bracket)
    Row(11, None, "每千人口执业（助理）医师数", "人", "健康服务",
        "2.94", "=", "2.94", "3.6", "=", "3.6", "约束性", (627, 627), 627),
    # 629 "12 每百张床位临床药师数（人） 0.32 0.7 预期性"
    Row(12, None, "每百张床位临床药师数", "人", "健康服务",
        "0.32", "=", "0.32", "0.7", "=", "0.7", "预期性", (629, 629), 629),
    # 631 "13 每千人口拥有 3岁以下婴幼儿托位数（个） —— 4.5 预期性" (space kept as printed)
    Row(13, None, "每千人口拥有 3岁以下婴幼儿托位数", "个", "健康服务",
        "——", None, None, "4.5", "=", "4.5", "预期性", (631, 631), 631),
    # 633 "14 全区儿童青少年总体近视率（%） 51.81 ≤49.0 约束性"
    Row(14, None, "全区儿童青少年总体近视率", "%", "健康服务",
        "51.81", "=", "51.81", "≤49.0", "≤", "49.0", "约束性", (633, 633), 633),
    # 635-636 "15 二级以上综合性医院设置老年医学科的比\n例（%）" 638 "85.71 ≥60 预期性"
    Row(15, None, "二级以上综合性医院设置老年医学科的比例", "%", "健康服务",
        "85.71", "=", "85.71", "≥60", "≥", "60", "预期性", (635, 638), 638),
    # 640 "16 万元收入能耗支出（元） 90 90 预期性"
    Row(16, None, "万元收入能耗支出", "元", "健康服务",
        "90", "=", "90", "90", "=", "90", "预期性", (640, 640), 640),
    # 642-643 "17 三级公立医院卫生技术人员人均科研经费\n（元）" 645 "1233 7000 预期性"
    Row(17, None, "三级公立医院卫生技术人员人均科研经费", "元", "健康服务",
        "1233", "=", "1233", "7000", "=", "7000", "预期性", (642, 645), 645),
    # 647-648 "18 三级公立中医医院患者中药饮片\n使用率（%）"; sub-rows 650 "门诊 21.2 ≥35 预期性",
    # 652 "住院 64.46 ≥60 预期性" — each sub-row prints its own 指标性质.
    Row(18, "门诊", "三级公立中医医院患者中药饮片使用率", "%", "健康服务",
        "21.2", "=", "21.2", "≥35", "≥", "35", "预期性", None, 650),
    Row(18, "住院", "三级公立中医医院患者中药饮片使用率", "%", "健康服务",
        "64.46", "=", "64.46", "≥60", "≥", "60", "预期性", None, 652),
    # 654-655 类别 "健康\n环境" → 健康环境, rows 19-20
    # 657 "19 城市空气质量优良天数比率（%） 95 ≥90 约束性"
    Row(19, None, "城市空气质量优良天数比率", "%", "健康环境",
        "95", "=", "95", "≥90", "≥", "90", "约束性", (657, 657), 657),
    # 659 "20 地表水达到或好于Ⅲ类水体比例（%）" 660-661 "18条河流\n达到 100% 国家下达 约束性".
    # The baseline cell is a phrase (18 rivers reach 100%); its comparator/value are not settled
    # by the conventions, so only its text is asserted. 国家下达 is text only.
    Row(20, None, "地表水达到或好于Ⅲ类水体比例", "%", "健康环境",
        "18条河流达到 100%", NOT_ASSERTED, NOT_ASSERTED, "国家下达", None, None, "约束性",
        (659, 661), 661),
    # 663-664 类别 "健康\n保障" → 健康保障, rows 21-22
    # 666 "21 个人卫生支出占卫生总费用的比重（%） 27.99 ≤27 约束性"
    Row(21, None, "个人卫生支出占卫生总费用的比重", "%", "健康保障",
        "27.99", "=", "27.99", "≤27", "≤", "27", "约束性", (666, 666), 666),
    # 668 "22"; 670-671 "政策范围内住院费用支付比例\n（%）"; 673-674 "城镇职工医\n保";
    # 676 "80.51 ≥80"; 678 "预期性"; 679-680 name printed again; 682-683 "城乡居民医\n保";
    # 685 "56.01 70左右" — no 指标性质 of its own.
    # Reading: the 指标性质 cell of row 22 is one merged cell; its text 预期性 (678) is extracted
    # between the two sub-rows, i.e. vertically centred on the merged cell (no blank line between
    # 678 and 679). So 预期性 applies to both sub-rows, as "the row's 指标性质 on every value of the
    # row" (docs/extraction.md).
    Row(22, "城镇职工医保", "政策范围内住院费用支付比例", "%", "健康保障",
        "80.51", "=", "80.51", "≥80", "≥", "80", "预期性", None, 676),
    Row(22, "城乡居民医保", "政策范围内住院费用支付比例", "%", "健康保障",
        "56.01", "=", "56.01", "70左右", "≈", "70", "预期性", None, 685),
    # 687-688 类别 "健康\n产业" → 健康产业, row 23
    # 690 "23 健康服务业总规模（亿元） 47.87 稳步增长 预期性"
    Row(23, None, "健康服务业总规模", "亿元", "健康产业",
        "47.87", "=", "47.87", "稳步增长", None, None, "预期性", (690, 690), 690),
]

ROW_IDS = [r.id for r in ROWS]

# Sub-rows: the lines of the whole numbered row, which each sub-row's span must lie in.
SUB_ROW_BLOCK = {18: (647, 652), 22: (668, 685)}


def in_table(record) -> bool:
    return TABLE_FIRST <= record.span.start_line <= TABLE_LAST


def table_indicator(records, row: Row):
    matches = [i for i in records.indicators
               if in_table(i) and i.number == row.number and i.qualifier == row.qualifier]
    assert len(matches) == 1, f"expected one indicator row {row.id}, found {len(matches)}"
    return matches[0]


def table_value(values, row: Row, year: int):
    matches = [v for v in values
               if in_table(v) and v.indicator == row.name and v.year == year
               and v.qualifier == row.qualifier]
    assert len(matches) == 1, f"expected one {year} value for row {row.id}, found {len(matches)}"
    return matches[0]


def dec(text):
    return None if text is None else Decimal(text)


def test_indicator_table_has_23_rows_and_25_indicator_records(wanzhou):
    rows = [i for i in wanzhou.indicators if in_table(i)]
    # 23 numbered rows (585-690); rows 18 and 22 are split into two sub-rows each.
    assert sorted(i.number for i in rows) == sorted(r.number for r in ROWS)
    assert sorted({i.number for i in rows}) == list(range(1, 24))
    assert len([v for v in wanzhou.baselines if in_table(v)]) == 25
    assert len([v for v in wanzhou.targets if in_table(v)]) == 25


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_table_row_indicator_name_unit_category(wanzhou, row):
    ind = table_indicator(wanzhou, row)
    assert (ind.name, ind.unit, ind.category, ind.qualifier) == (
        row.name, row.unit, row.category, row.qualifier)
    # printed = the whole name cell, wraps joined, unit bracket kept (as printed, full-width).
    assert ind.printed == f"{row.name}（{row.unit}）"


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_table_row_span(wanzhou, row):
    span = table_indicator(wanzhou, row).span
    if row.lines is not None:
        assert (span.start_line, span.end_line) == row.lines
    else:
        first, last = SUB_ROW_BLOCK[row.number]
        assert first <= span.start_line <= row.value_line <= span.end_line <= last


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_table_row_2020_baseline(wanzhou, row):
    v = table_value(wanzhou.baselines, row, 2020)  # 573-574 "2020年 实际值"
    assert (v.kind, v.text, v.bindingness) == ("baseline", row.base_text, row.bindingness)
    if row.base_cmp is not NOT_ASSERTED:
        assert (v.comparator, v.value) == (row.base_cmp, dec(row.base_value))
    assert v.task is None


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_table_row_2025_target(wanzhou, row):
    v = table_value(wanzhou.targets, row, 2025)  # 576-577 "2025年 目标值"
    assert (v.kind, v.text, v.bindingness) == ("target", row.target_text, row.bindingness)
    assert (v.comparator, v.value) == (row.target_cmp, dec(row.target_value))
    assert v.task is None


def test_sub_rows_of_row_18_are_outpatient_and_inpatient(wanzhou):
    # 650 "门诊 …", 652 "住院 …"
    got = [i.qualifier for i in sorted(wanzhou.indicators, key=lambda i: i.span.start_line)
           if in_table(i) and i.number == 18]
    assert got == ["门诊", "住院"]


def test_sub_row_labels_of_row_22_are_joined_across_the_wrap(wanzhou):
    # 673-674 "城镇职工医\n保", 682-683 "城乡居民医\n保"
    got = [i.qualifier for i in sorted(wanzhou.indicators, key=lambda i: i.span.start_line)
           if in_table(i) and i.number == 22]
    assert got == ["城镇职工医保", "城乡居民医保"]


def test_repeated_header_row_is_not_an_indicator(wanzhou):
    # 592-600 repeat "类别 序号 主要指标 2020年 实际值 2025年 目标值 指标 性质"
    assert [i for i in wanzhou.indicators if 592 <= i.span.start_line <= 600] == []
    assert "主要指标" not in [i.name for i in wanzhou.indicators]


# ---------------------------------------------------------------------------------------------
# Prose targets in 三、(三) 发展目标 (536-552)
# 536 "到 2025年具体实现以下目标：" is a one-line lead-in; the goal paragraphs after it print no
# year of their own, so their year is 2025 from 536.
# ---------------------------------------------------------------------------------------------

PROSE_TARGETS = [
    # (phrase in the indicator, comparator, value)
    ("人均预期寿命", "=", "79"),  # 538-540 "…，人\n均预期寿命达到 79岁"
    ("婴儿死亡率", "<", "3.5"),  # 540-542 "婴儿死亡率小于\n3.5‰"
    ("孕产妇死亡率", "<", "10"),  # 542 "孕产妇死亡率小于 10/10万"
    ("居民健康素养水平", "=", "30"),  # 542-544 "居民健\n康素养水平达到 30%"
    # 550-552 "重大慢性病过早死亡率下降至\n13.5%": "下降至" is not one of the comparator words,
    # so the bare number reads "=" (the table's ≤13.5 at 608 is a separate target).
    ("重大慢性病过早死亡率", "=", "13.5"),
]


@pytest.mark.parametrize("phrase,comparator,value", PROSE_TARGETS,
                         ids=[p[0] for p in PROSE_TARGETS])
def test_goal_paragraph_prose_target(wanzhou, phrase, comparator, value):
    matches = [v for v in wanzhou.targets
               if GOALS_FIRST <= v.span.start_line <= GOALS_LAST and phrase in v.indicator]
    assert len(matches) == 1, f"expected one prose target for {phrase!r}, found {len(matches)}"
    v = matches[0]
    assert (v.kind, v.year, v.comparator, v.value, v.task) == (
        "target", 2025, comparator, Decimal(value), None)


def test_goal_without_a_number_gives_no_target(wanzhou):
    # 540 "健康预期寿命稳步提高": no value in the goal paragraph.
    assert [v for v in wanzhou.targets
            if GOALS_FIRST <= v.span.start_line <= GOALS_LAST and "健康预期寿命" in v.indicator
            and "人均" not in v.indicator] == []


# ---------------------------------------------------------------------------------------------
# Citations
# ---------------------------------------------------------------------------------------------

def citation_titles(records):
    return [c.title for c in records.citations]


def test_cites_the_district_14th_five_year_outline(wanzhou):
    # 34-36 "根据《重庆市万州区国民经济和社会发展第十四个\n五年规划和二〇三五年远景目标纲要》"
    title = "重庆市万州区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert title in citation_titles(wanzhou)
    c = next(c for c in wanzhou.citations if c.title == title)
    assert (c.identifier, c.span.start_line, c.span.end_line) == (None, 34, 36)


def test_cites_the_municipal_health_14th_five_year_plan(wanzhou):
    # 36-38 "和《重庆市卫生健康发展\n"十四五"规划》"
    title = "重庆市卫生健康发展“十四五”规划"
    assert title in citation_titles(wanzhou)
    c = next(c for c in wanzhou.citations if c.title == title)
    assert (c.identifier, c.span.start_line, c.span.end_line) == (None, 36, 38)


def test_cites_the_health_industry_implementation_plan(wanzhou):
    # 239-241 "落实《万州区推动大健康产业高质量发展实施方案\n（2020—2025年）》"
    assert "万州区推动大健康产业高质量发展实施方案（2020—2025年）" in citation_titles(wanzhou)


def test_plan_own_title_is_not_a_citation(wanzhou):
    # 15 "现将《重庆市万州区卫生健康发展"十四五"规划》印发你们" names the plan itself.
    assert "重庆市万州区卫生健康发展“十四五”规划" not in citation_titles(wanzhou)


def test_no_citation_title_keeps_a_line_break(wanzhou):
    assert [c.title for c in wanzhou.citations if c.title and "\n" in c.title] == []
