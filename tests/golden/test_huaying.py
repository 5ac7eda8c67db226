"""Golden tests for 华蓥市“十四五”医疗卫生服务体系规划 (data/sources/huaying_14th_fyp_service_system.txt).

Every expected value below was read off the source text by a person
(`cat -n data/sources/huaying_14th_fyp_service_system.txt`); the comments cite the line(s).
Conventions follow docs/extraction.md.

Reading decisions (line numbers are 1-based):

* Task chapters are 第二章 (l.195) … 第八章 (l.636). 第一章 规划背景和总体要求 (l.3) and
  第九章 加强医疗卫生规划实施 (l.670) hold no tasks.
* Lost section headings (第X节 missing; a short title line, one leading space, no sentence
  punctuation, not an 一、 item): l.196 ` 功能定位` (2.1), l.589 ` 优化心理和精神卫生体系` (6.6),
  l.599 ` 加快发展康复医疗服务体系` (6.7), l.605 ` 健全药品供应保障体系` (7.1),
  l.611 ` 深化医疗服务价格调整改革` (7.2), l.617 ` 深化医保支付方式改革` (7.3),
  l.620 ` 提升医疗保障水平` (7.4), l.652 ` 强化卫生健康科技创新` (8.2).
  Their positions agree with the neighbouring printed numbers: 第二节 follows l.196 (l.206);
  第五节 follows four lost ones in 第七章 (l.622); 第八节 follows 第五节 + two lost ones in
  第六章 (l.602); 第三节 follows l.652 in 第八章 (l.654).
  l.676 ` 动员社会参与` and l.678 ` 严格监测评估` are lost sections of 第九章 (no tasks).
  NOT headings: l.409/411/413 are PDF-wrapped fragments of one paragraph (they hold `。`/`，`
  and break mid-word: `优化传染` / `病疫情…`); l.8 `问题与挑战` is in 第一章;
  table cells of 表1/表2 (tab-indented) and the `专栏N` box titles are not groups.
* Measures: an `一、` line inside a section of a task chapter (50 such lines between l.195 and
  l.669; the tab-indented `一、医院` l.231 and `二、基层医疗卫生机构` l.280 are 表2 cells, not
  measures). Sections with no `一、` item give one body measure "C.S.1" with number None (14:
  5.1, 5.2, 5.3, 6.2, 6.7, 6.8, 7.1–7.6, 8.2, 8.4). Total 50 + 14 = 64.
  Bold-lead paragraphs inside a measure or section body (l.208 `合理配置床位。`, l.372, l.373,
  l.603 `优化血站配置。`, l.613, l.615, l.626 …) are NOT separate tasks: the bold-lead convention
  belongs to `（一）` task areas, and a chaptered section without 一、 items is one measure.
* A section-body measure's span starts at its section heading, the line its title is read from,
  as an 一、 measure's span starts at its 一、 line (e.g. 5.1.1 spans l.519–520, as the brief
  puts it). The other reading (start at the first body line, l.520) was considered and not taken.
* 专栏 items: 专栏1 2 items, 专栏2 4, 专栏3 3, 专栏4 2, 专栏5 3, 专栏6 3, 专栏7 3, 专栏8 2 = 22;
  each item sits on one line. The title is the text up to the first `。` (c2.1 l.445 has none
  before the line's end, so its title is the whole sentence with its `；`).
"""
from decimal import Decimal

import pytest

from tests.golden.conftest import task

D = Decimal

TASK_CHAPTERS = {"2", "3", "4", "5", "6", "7", "8"}

# ---------------------------------------------------------------------------
# Groups
# ---------------------------------------------------------------------------

# (key, parent, number, title, level, heading line)
GROUPS = [
    ("2", None, 2, "功能定位和资源配置", 1, 195),  # l.195 第二章  功能定位和资源配置
    ("2.1", "2", None, "功能定位", 2, 196),  # l.196 " 功能定位" (第一节 lost; position 1)
    ("2.2", "2", 2, "资源配置", 2, 206),  # l.206 第二节  资源配置
    ("3", None, 3, "加快完善公共卫生服务体系", 1, 391),  # l.391
    ("3.1", "3", 1, "完善疾病预防控制体系", 2, 393),  # l.393
    ("3.2", "3", 2, "健全监测预警和应急处置体系", 2, 406),  # l.406
    ("3.3", "3", 3, "完善传染病疫情和突发公共卫生事件救治体系", 2, 420),  # l.420
    ("3.4", "3", 4, "完善中医药应急防控救治体系", 2, 435),  # l.435
    ("4", None, 4, "强化优质均衡的医疗服务体系", 1, 453),  # l.453
    ("4.1", "4", 1, "筑牢基层医疗卫生服务网底", 2, 454),  # l.454
    ("4.2", "4", 2, "推进公立医疗机构高质量发展", 2, 475),  # l.475
    ("4.3", "4", 3, "推动非公立医疗机构发展", 2, 490),  # l.490
    ("4.4", "4", 4, "优化医疗卫生服务模式", 2, 500),  # l.500
    ("5", None, 5, "加快健全中医药服务体系", 1, 517),  # l.517
    ("5.1", "5", 1, "健全中医医疗服务体系", 2, 519),  # l.519
    ("5.2", "5", 2, "建设基层中医药服务阵地", 2, 521),  # l.521
    ("5.3", "5", 3, "加快推进中西医协同发展", 2, 523),  # l.523
    ("6", None, 6, "逐步完善全方位全周期健康服务体系", 1, 533),  # l.533
    ("6.1", "6", 1, "完善妇幼健康服务体系", 2, 535),  # l.535
    ("6.2", "6", 2, "建立健全普惠托育服务体系", 2, 552),  # l.552
    ("6.3", "6", 3, "建立健全老年健康支撑体系", 2, 555),  # l.555
    ("6.4", "6", 4, "强化职业健康技术支撑体系", 2, 573),  # l.573
    ("6.5", "6", 5, "建立和完善健康教育体系", 2, 580),  # l.580
    ("6.6", "6", None, "优化心理和精神卫生体系", 2, 589),  # l.589 (第六节 lost; position 6)
    ("6.7", "6", None, "加快发展康复医疗服务体系", 2, 599),  # l.599 (第七节 lost; position 7)
    ("6.8", "6", 8, "构建优质高效血站服务体系", 2, 602),  # l.602 第八节
    ("7", None, 7, "深化体制机制保障", 1, 604),  # l.604
    ("7.1", "7", None, "健全药品供应保障体系", 2, 605),  # l.605 (lost; position 1)
    ("7.2", "7", None, "深化医疗服务价格调整改革", 2, 611),  # l.611 (lost; position 2)
    ("7.3", "7", None, "深化医保支付方式改革", 2, 617),  # l.617 (lost; position 3)
    ("7.4", "7", None, "提升医疗保障水平", 2, 620),  # l.620 (lost; position 4)
    ("7.5", "7", 5, "建立管理考核机制", 2, 622),  # l.622 第五节
    ("7.6", "7", 6, "推进人事薪酬制度改革", 2, 624),  # l.624 第六节
    ("8", None, 8, "强化医疗卫生服务要素支撑", 1, 636),  # l.636
    ("8.1", "8", 1, "建强卫生健康人才队伍", 2, 638),  # l.638
    ("8.2", "8", None, "强化卫生健康科技创新", 2, 652),  # l.652 (第二节 lost; position 2)
    ("8.3", "8", 3, "统筹推进卫生健康数字化建设", 2, 654),  # l.654
    ("8.4", "8", 4, "健全医疗卫生法治保障体系", 2, 661),  # l.661
]


def _chapter(key: str) -> str:
    return key.split(".")[0]


def _group(records, key):
    matches = [g for g in records.groups if g.key == key]
    assert len(matches) == 1, f"expected one group {key!r}, found {len(matches)}"
    return matches[0]


def test_task_chapter_groups_are_exactly_chapters_two_to_eight_and_their_sections(huaying):
    # l.195–669: seven chapters, 31 sections (8 of them with a lost 第X节); 专栏 boxes are not groups.
    keys = sorted(
        (g.key for g in huaying.groups if _chapter(g.key) in TASK_CHAPTERS),
        key=lambda k: tuple(int(p) for p in k.split(".")),
    )
    assert keys == [row[0] for row in GROUPS]


@pytest.mark.parametrize(
    "key, parent, number, title, level, line", GROUPS, ids=[row[0] for row in GROUPS]
)
def test_group_has_printed_number_title_level_parent_and_heading_line(
    huaying, key, parent, number, title, level, line
):
    g = _group(huaying, key)
    assert g.number == number
    assert g.title == title
    assert g.level == level
    assert g.parent == parent
    assert g.span.start_line == line


def test_lost_section_numbers_are_not_guessed(huaying):
    # l.196, 589, 599, 605, 611, 617, 620, 652: headings without 第X节 keep number None.
    lost = sorted(
        g.key for g in huaying.groups if _chapter(g.key) in TASK_CHAPTERS and g.level == 2 and g.number is None
    )
    assert lost == ["2.1", "6.6", "6.7", "7.1", "7.2", "7.3", "7.4", "8.2"]


def test_no_task_belongs_to_background_or_implementation_chapter(huaying):
    # 第一章 (l.3–194) and 第九章 (l.670–681) hold no tasks.
    assert huaying.tasks
    for t in huaying.tasks:
        assert t.group is not None, t.key
        assert _chapter(t.group) in TASK_CHAPTERS, (t.key, t.group)
        assert 195 <= t.span.start_line <= 669, (t.key, t.span)


# ---------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------

# (key, number, title, first line) for every measure, in document order.
MEASURES = [
    ("2.1.1", 1, "基本要求", 198),  # l.198 一、基本要求
    ("2.1.2", 2, "医疗卫生服务体系", 201),  # l.201
    ("2.2.1", 1, "床位配置", 207),  # l.207
    ("2.2.2", 2, "人力配置", 375),  # l.375
    ("2.2.3", 3, "技术配置", 380),  # l.380
    ("2.2.4", 4, "设备配置", 383),  # l.383
    ("2.2.5", 5, "信息资源配置", 388),  # l.388
    ("3.1.1", 1, "推动现代化疾控体系建设", 394),  # l.394
    ("3.1.2", 2, "提升疾病预防控制水平", 397),  # l.397
    ("3.2.1", 1, "加强全域监测和智能预警", 407),  # l.407
    ("3.2.2", 2, "提高应急响应和快速处置能力", 417),  # l.417
    ("3.3.1", 1, "优化急救体系", 421),  # l.421
    ("3.3.2", 2, "健全传染病医疗救治网络", 428),  # l.428
    ("3.3.3", 3, "建立健全卫生应急队伍", 432),  # l.432
    ("3.4.1", 1, "推动中医药融入疾病预防控制和应急救治体系", 437),  # l.437
    ("3.4.2", 2, "完善中医疫病防治体系", 440),  # l.440
    ("4.1.1", 1, "完善城市社区医疗卫生服务网络", 455),  # l.455
    ("4.1.2", 2, "健全乡村医疗卫生服务体系", 458),  # l.458
    ("4.1.3", 3, "提升基层医疗卫生服务能力", 462),  # l.462
    ("4.1.4", 4, "推进紧密型县域医共体建设", 466),  # l.466
    ("4.2.1", 1, "加强县域医学“高地”建设", 476),  # l.476
    ("4.2.2", 2, "发挥县级医院“龙头”作用", 479),  # l.479
    ("4.2.3", 3, "推动卫生健康区域一体化发展", 481),  # l.481
    ("4.3.1", 1, "支持非公立医疗机构和独立设置机构规范发展", 491),  # l.491
    ("4.3.2", 2, "促进诊所发展", 494),  # l.494
    ("4.3.3", 3, "促进公立医疗机构和非公立医疗机构协调发展", 497),  # l.497
    ("4.4.1", 1, "强化防治结合", 502),  # l.502
    ("4.4.2", 2, "完善平急结合", 506),  # l.506
    ("4.4.3", 3, "推进分级诊疗", 510),  # l.510
    ("4.4.4", 4, "促进学科协作", 514),  # l.514
    ("5.1.1", None, "健全中医医疗服务体系", 519),  # l.519 heading (title), body l.520
    ("5.2.1", None, "建设基层中医药服务阵地", 521),  # l.521 heading (title), body l.522
    ("5.3.1", None, "加快推进中西医协同发展", 523),  # l.523 heading (title), body l.524
    ("6.1.1", 1, "加强妇幼保健机构规范化建设", 537),  # l.537
    ("6.1.2", 2, "强化危重孕产妇和新生儿救治网络", 541),  # l.541
    ("6.1.3", 3, "健全出生缺陷防治网络", 545),  # l.545
    ("6.1.4", 4, "夯实儿童健康服务网络", 549),  # l.549
    ("6.2.1", None, "建立健全普惠托育服务体系", 552),  # l.552 heading (title), body l.554
    ("6.3.1", 1, "提高老年人健康服务管理", 556),  # l.556
    ("6.3.2", 2, "加强老年人长期照护服务保障", 559),  # l.559
    ("6.3.3", 3, "深入推进医养结合发展", 562),  # l.562
    ("6.4.1", 1, "提升职业病监测评估技术支撑能力", 574),  # l.574
    ("6.4.2", 2, "健全职业病诊断救治技术支撑机构", 577),  # l.577
    ("6.5.1", 1, "完善健康教育专业机构设置", 582),  # l.582
    ("6.5.2", 2, "强化医疗卫生机构健康教育职能", 585),  # l.585
    ("6.6.1", 1, "完善精神卫生防治体系", 590),  # l.590
    ("6.6.2", 2, "加强基层精神卫生服务能力建设", 593),  # l.593
    ("6.6.3", 3, "健全社会心理健康服务网络", 596),  # l.596
    ("6.7.1", None, "加快发展康复医疗服务体系", 599),  # l.599 lost heading (title), body l.601
    ("6.8.1", None, "构建优质高效血站服务体系", 602),  # l.602 heading (title), body l.603
    ("7.1.1", None, "健全药品供应保障体系", 605),  # l.605 lost heading (title), body l.607–609
    ("7.2.1", None, "深化医疗服务价格调整改革", 611),  # l.611 lost heading (title), body l.613–615
    ("7.3.1", None, "深化医保支付方式改革", 617),  # l.617 lost heading (title), body l.619
    ("7.4.1", None, "提升医疗保障水平", 620),  # l.620 lost heading (title), body l.621
    ("7.5.1", None, "建立管理考核机制", 622),  # l.622 heading (title), body l.623
    ("7.6.1", None, "推进人事薪酬制度改革", 624),  # l.624 heading (title), body l.626
    ("8.1.1", 1, "培育壮大公共卫生人才队伍", 640),  # l.640
    ("8.1.2", 2, "强化医疗服务人才队伍建设", 643),  # l.643
    ("8.1.3", 3, "加强乡村卫生人才培养", 646),  # l.646
    ("8.1.4", 4, "加强高层次人才引进与培养", 649),  # l.649
    ("8.2.1", None, "强化卫生健康科技创新", 652),  # l.652 lost heading (title), body l.653
    ("8.3.1", 1, "加强医疗卫生机构信息化建设", 655),  # l.655
    ("8.3.2", 2, "优化“互联网+医疗健康”便民服务", 658),  # l.658
    ("8.4.1", None, "健全医疗卫生法治保障体系", 661),  # l.661 heading (title), body l.663
]


def test_measure_count_is_fifty_numbered_plus_fourteen_section_bodies(huaying):
    # 50 `一、…` lines in l.195–669 + 14 sections without one (see module docstring) = 64.
    measures = [t for t in huaying.tasks if t.kind == "measure"]
    assert len(measures) == 64


def test_measure_keys_in_document_order(huaying):
    measures = sorted((t for t in huaying.tasks if t.kind == "measure"), key=lambda t: t.span.start_line)
    assert [t.key for t in measures] == [row[0] for row in MEASURES]


@pytest.mark.parametrize("key, number, title, line", MEASURES, ids=[row[0] for row in MEASURES])
def test_measure_has_heading_title_number_section_group_and_first_line(huaying, key, number, title, line):
    t = task(huaying, key)
    assert t.kind == "measure"
    assert t.number == number
    assert t.title == title
    assert t.group == key.rsplit(".", 1)[0]  # the section it sits in
    assert t.parent is None
    assert t.span.start_line == line


# Full spans where the end is unambiguous (next heading/box/task follows; trailing blanks dropped).
MEASURE_SPANS = [
    ("2.1.2", 201, 205),  # l.201 二、医疗卫生服务体系 … l.205; l.206 第二节
    ("3.1.1", 394, 396),  # l.394 heading, l.395 blank, l.396 body; l.397 二、
    ("3.1.2", 397, 398),  # l.397–398; l.399 blank, l.400 专栏1
    ("3.2.1", 407, 415),  # l.407–415 (wrapped paragraph l.409/411/413/415); l.416 blank, l.417 二、
    ("3.4.2", 440, 442),  # l.440–442; l.443 专栏2
    ("4.4.4", 514, 516),  # l.514–516; l.517 第五章
    ("5.1.1", 519, 520),  # heading l.519, body l.520; l.521 第二节
    ("6.6.3", 596, 598),  # l.596–598; l.599 lost heading
    ("6.8.1", 602, 603),  # heading l.602, body l.603; l.604 第七章
    ("7.1.1", 605, 609),  # lost heading l.605, body l.607, blank l.608, l.609; l.610 blank, l.611 lost heading
    ("7.2.1", 611, 615),  # lost heading l.611, body l.613, blank l.614, l.615; l.616 blank, l.617 lost heading
    ("8.2.1", 652, 653),  # lost heading l.652, body l.653; l.654 第三节
    ("8.4.1", 661, 663),  # heading l.661, body l.663; l.664 专栏8
]


@pytest.mark.parametrize("key, start, end", MEASURE_SPANS, ids=[row[0] for row in MEASURE_SPANS])
def test_measure_span_stops_before_next_heading_box_or_task(huaying, key, start, end):
    t = task(huaying, key)
    assert (t.span.start_line, t.span.end_line) == (start, end)


def test_wrapped_paragraph_lines_are_joined_in_measure_text(huaying):
    # l.409 "…优化传染" / l.411 "病疫情和突发公共卫生事件监测系统，改进不明原因疾病和" / l.413 "异常事件监测机制，…"
    t = task(huaying, "3.2.1")
    assert "优化传染病疫情和突发公共卫生事件监测系统，改进不明原因疾病和异常事件监测机制" in t.text


def test_section_body_measure_text_keeps_bold_lead_paragraphs_together(huaying):
    # 7.2.1: l.613 "建立医疗服务价格调整定期评估机制。…" and l.615 "建立健全医疗服务价格监测机制。…" are one measure.
    t = task(huaying, "7.2.1")
    assert "建立医疗服务价格调整定期评估机制。每年定期开展医疗服务价格调整评估" in t.text  # l.613 start
    assert "建立健全医疗服务价格监测机制。" in t.text  # l.615 start
    assert t.text.endswith("持续提高医疗服务收入占比。")  # l.615 end


# ---------------------------------------------------------------------------
# 专栏 items
# ---------------------------------------------------------------------------

# (key, number, title, start, end, group)
BOX_ITEMS = [
    ("c1.1", 1, "基础设施标准化建设", 402, 402, "3.1"),  # 专栏1 l.400; item l.402
    ("c1.2", 2, "强化人才队伍建设", 403, 403, "3.1"),  # l.403
    (
        "c2.1",
        1,
        "持续完善“120”调度指挥分中心建设；坚持“就近就急”原则，调度本行政区域内急救资源，"
        "开展伤病员的现场急救、转运和重症病人途中监护；推进与毗邻地区建立院前急救一体化协同机制",
        445,
        445,
        "3.4",
    ),  # 专栏2 l.443; l.445 (no 。 before the line's end)
    ("c2.2", 2, "构建县乡传染病救治网络", 447, 447, "3.4"),  # l.447
    ("c2.3", 3, "建立卫生应急队伍", 449, 449, "3.4"),  # l.449
    ("c2.4", 4, "健全中医药医疗救治体系", 450, 450, "3.4"),  # l.450
    ("c3.1", 1, "基层医疗卫生服务示范机构建设", 470, 470, "4.1"),  # 专栏3 l.468; l.470
    ("c3.2", 2, "基层医疗卫生机构服务能力提升", 471, 471, "4.1"),  # l.471
    ("c3.3", 3, "推进县域紧密型医共体建设", 472, 472, "4.1"),  # l.472
    ("c4.1", 1, "建设市级临床重点专科3个：消化内科、普外科、神经科", 486, 486, "4.2"),  # 专栏4 l.484; l.486
    ("c4.2", 2, "建设县级临床重点专科6个：骨科、神经外科，妇产科、神经内科、麻醉科、泌尿外科", 487, 487, "4.2"),  # l.487
    ("c5.1", 1, "健全中医药服务体系", 527, 527, "5.3"),  # 专栏5 l.525; l.527
    ("c5.2", 2, "重点专科（专病）建设", 529, 529, "5.3"),  # l.529
    ("c5.3", 3, "基层中医医院阵地建设", 530, 530, "5.3"),  # l.530
    ("c6.1", 1, "妇幼健康服务能力提升", 567, 567, "6.3"),  # 专栏6 l.565; l.567
    ("c6.2", 2, "普惠托育服务能力提升", 568, 568, "6.3"),  # l.568
    ("c6.3", 3, "老年健康服务能力提升", 570, 570, "6.3"),  # l.570
    ("c7.1", 1, "医疗服务价格调整", 629, 629, "7.6"),  # 专栏7 l.627; l.629
    ("c7.2", 2, "医保支付方式改革", 631, 631, "7.6"),  # l.631
    ("c7.3", 3, "推进人事薪酬制度改革", 633, 633, "7.6"),  # l.633
    ("c8.1", 1, "人才队伍建设", 666, 666, "8.4"),  # 专栏8 l.664; l.666
    ("c8.2", 2, "卫生健康数字化建设", 667, 667, "8.4"),  # l.667
]


def test_box_item_keys_are_exactly_the_22_printed_items(huaying):
    # 专栏1 2 (l.402–403), 专栏2 4 (l.445–450), 专栏3 3 (l.470–472), 专栏4 2 (l.486–487),
    # 专栏5 3 (l.527–530), 专栏6 3 (l.567–570), 专栏7 3 (l.629–633), 专栏8 2 (l.666–667).
    items = sorted((t for t in huaying.tasks if t.kind == "project-item"), key=lambda t: t.span.start_line)
    assert [t.key for t in items] == [row[0] for row in BOX_ITEMS]


@pytest.mark.parametrize(
    "key, number, title, start, end, group", BOX_ITEMS, ids=[row[0] for row in BOX_ITEMS]
)
def test_box_item_has_number_first_sentence_title_span_and_nearest_group(
    huaying, key, number, title, start, end, group
):
    t = task(huaying, key)
    assert t.kind == "project-item"
    assert t.number == number
    assert t.title == title
    assert (t.span.start_line, t.span.end_line) == (start, end)
    assert t.group == group


def test_box_item_text_is_the_item_sentences(huaying):
    # l.403 "2.强化人才队伍建设。按规定核定市疾病预防控制中心人员编制并足额配备。"
    t = task(huaying, "c1.2")
    assert "强化人才队伍建设。按规定核定市疾病预防控制中心人员编制并足额配备。" in t.text


def test_tasks_are_only_measures_and_box_items(huaying):
    # 64 measures + 22 专栏 items; the plan has no N.标题 task list and no decomposition table.
    assert sorted({t.kind for t in huaying.tasks}) == ["measure", "project-item"]
    assert len(huaying.tasks) == 86


def test_no_task_has_responsible_or_lead_units(huaying):
    # The plan prints no （责任单位：…） clause and no unit table anywhere (l.1–681).
    for t in huaying.tasks:
        assert t.responsible_units == (), t.key
        assert t.lead_units == (), t.key


# ---------------------------------------------------------------------------
# 表1 主要发展指标 (l.33–192)
# ---------------------------------------------------------------------------

T1_FIRST, T1_LAST = 33, 192

# (number, printed, name, unit, category, name line,
#  baseline text, baseline comparator, baseline value,
#  target text, target comparator, target value, target min, target max, bindingness)
TABLE1 = [
    # l.46–50 category "疾病/预防控/制体系"; l.51–55
    (1, "专业公共卫生机构人员数（万人）", "专业公共卫生机构人员数", "万人", "疾病预防控制体系", 52,
     "0.01", "=", D("0.01"), "0.013", "=", D("0.013"), None, None, "预期性"),
    # l.57 blank category continues; l.58–62
    (2, "各级疾病预防控制机构标准化基础设施", "各级疾病预防控制机构标准化基础设施", None, "疾病预防控制体系", 59,
     "—", None, None, "全覆盖", None, None, None, None, "预期性"),
    # l.64 category; l.65–69; note half-width ")" closing the unit bracket on l.66
    (3, "二级以上综合医院（含中医医院，下同）设置感染性疾病科的比例（%)",
     "二级以上综合医院（含中医医院，下同）设置感染性疾病科的比例", "%", "应急医疗救治体系", 66,
     "—", None, None, "100", "=", D("100"), None, None, "约束性"),
    # l.71 blank category; l.72–76
    (4, "乡镇卫生院和社区卫生服务中心设置发热诊室（门诊、哨点）比例（%）",
     "乡镇卫生院和社区卫生服务中心设置发热诊室（门诊、哨点）比例", "%", "应急医疗救治体系", 73,
     "—", None, None, "100", "=", D("100"), None, None, "约束性"),
    # l.78–82 category "床位和/人力配/置"; l.83–87
    (5, "每千人口医疗卫生机构床位数（张）", "每千人口医疗卫生机构床位数", "张", "床位和人力配置", 84,
     "5.91", "=", D("5.91"), "5.93-6.22", "range", None, D("5.93"), D("6.22"), "预期性"),
    # l.90–94
    (6, "每千人口公立中医医院床位数（张）", "每千人口公立中医医院床位数", "张", "床位和人力配置", 91,
     "—", None, None, "0.37", "=", D("0.37"), None, None, "预期性"),
    # l.97–101
    (7, "每千人口执业（助理）医师数（人）", "每千人口执业（助理）医师数", "人", "床位和人力配置", 98,
     "2.09", "=", D("2.09"), "2.7", "=", D("2.7"), None, None, "预期性"),
    # l.104–108
    (8, "每千人口注册护士数（人）", "每千人口注册护士数", "人", "床位和人力配置", 105,
     "2.3", "=", D("2.3"), "3.2", "=", D("3.2"), None, None, "预期性"),
    # l.111–115
    (9, "每千人口药师（士）数（人）", "每千人口药师（士）数", "人", "床位和人力配置", 112,
     "0.22", "=", D("0.22"), "0.3", "=", D("0.3"), None, None, "预期性"),
    # l.118–122
    (10, "每万人口全科医生数（人）", "每万人口全科医生数", "人", "床位和人力配置", 119,
     "2.65", "=", D("2.65"), "4.0", "=", D("4.0"), None, None, "预期性"),
    # l.125–129: a ratio, no value
    (11, "医护比", "医护比", None, "床位和人力配置", 126,
     "1:1.11", None, None, "1:1.27", None, None, None, None, "预期性"),
    # l.132–136: the bracket is inside the name, not a trailing unit bracket
    (12, "床人（卫生人员）比", "床人（卫生人员）比", None, "床位和人力配置", 133,
     "1:0.9", None, None, "1:1.29", None, None, None, None, "预期性"),
    # l.138 category; l.139–143
    (13, "每千人口中医类别执业（助理）医师数（人）", "每千人口中医类别执业（助理）医师数", "人", "中医药服务体系", 140,
     "0.68", "=", D("0.68"), "0.72", "=", D("0.72"), None, None, "预期性"),
    # l.146–150
    (14, "设置中医临床科室的二级以上公立综合医院比例（%）", "设置中医临床科室的二级以上公立综合医院比例", "%",
     "中医药服务体系", 147, "100", "=", D("100"), "100", "=", D("100"), None, None, "约束性"),
    # l.153–157
    (15, "设置中医馆的社区卫生服务中心和乡镇卫生院比例（%）", "设置中医馆的社区卫生服务中心和乡镇卫生院比例", "%",
     "中医药服务体系", 154, "66.7", "=", D("66.7"), "100", "=", D("100"), None, None, "约束性"),
    # l.159–163 category "重点人/群服务/补短板"; l.164–168
    (16, "每千人口拥有3岁以下婴幼儿托位数（个）", "每千人口拥有3岁以下婴幼儿托位数", "个", "重点人群服务补短板", 165,
     "1.2", "=", D("1.2"), "4.5", "=", D("4.5"), None, None, "预期性"),
    # l.171–175
    (17, "二级及以上综合性医院设立老年医学科比例（%）", "二级及以上综合性医院设立老年医学科比例", "%",
     "重点人群服务补短板", 172, "50", "=", D("50"), "100", "=", D("100"), None, None, "预期性"),
    # l.177–179 category "健康/水平"; l.180–184
    (18, "人均预期寿命（岁）", "人均预期寿命", "岁", "健康水平", 181,
     "77.5", "=", D("77.5"), "78.4", "=", D("78.4"), None, None, "预期性"),
    # l.186 blank category; l.187–191
    (19, "人均健康预期寿命（岁）", "人均健康预期寿命", "岁", "健康水平", 188,
     "—", None, None, "同比例提高", None, None, None, None, "预期性"),
]


def _in_table1(span) -> bool:
    return T1_FIRST <= span.start_line and span.end_line <= T1_LAST


def _table1_indicators(records):
    return [i for i in records.indicators if _in_table1(i.span)]


def _table1_value(records, kind, name):
    pool = records.baselines if kind == "baseline" else records.targets
    matches = [v for v in pool if v.kind == kind and v.indicator == name and _in_table1(v.span)]
    assert len(matches) == 1, f"expected one {kind} of {name!r} in 表1, found {len(matches)}"
    return matches[0]


def test_table1_has_nineteen_numbered_indicators(huaying):
    # l.51 … l.187: 序号 1–19.
    assert sorted(i.number for i in _table1_indicators(huaying)) == list(range(1, 20))


def test_table1_gives_one_baseline_and_one_target_per_row(huaying):
    # Columns "2020年 现状" (l.38–40) and "2025年 目标" (l.41–43).
    assert len([v for v in huaying.baselines if _in_table1(v.span)]) == 19
    assert len([v for v in huaying.targets if _in_table1(v.span)]) == 19


_T1_IDS = [f"row{row[0]}" for row in TABLE1]


@pytest.mark.parametrize(
    "number, printed, name, unit, category, line", [row[:6] for row in TABLE1], ids=_T1_IDS
)
def test_table1_indicator_name_unit_and_wrapped_category(huaying, number, printed, name, unit, category, line):
    matches = [i for i in _table1_indicators(huaying) if i.number == number]
    assert len(matches) == 1
    ind = matches[0]
    assert ind.printed == printed
    assert ind.name == name
    assert ind.unit == unit
    assert ind.category == category
    assert ind.qualifier is None
    assert ind.span.start_line <= line <= ind.span.end_line


@pytest.mark.parametrize(
    "name, line, text, comparator, value, bindingness",
    [(row[2], row[5], row[6], row[7], row[8], row[14]) for row in TABLE1],
    ids=_T1_IDS,
)
def test_table1_baseline_2020_as_printed(huaying, name, line, text, comparator, value, bindingness):
    # Baseline cell is the line after the name (e.g. l.53 for row 1).
    v = _table1_value(huaying, "baseline", name)
    assert v.year == 2020
    assert v.text == text
    assert v.comparator == comparator
    assert v.value == value
    assert v.min is None and v.max is None
    assert v.bindingness == bindingness
    assert v.span.start_line <= line + 1 <= v.span.end_line


@pytest.mark.parametrize(
    "name, line, text, comparator, value, vmin, vmax, bindingness",
    [(row[2], row[5], row[9], row[10], row[11], row[12], row[13], row[14]) for row in TABLE1],
    ids=_T1_IDS,
)
def test_table1_target_2025_as_printed(huaying, name, line, text, comparator, value, vmin, vmax, bindingness):
    # Target cell is two lines after the name (e.g. l.54 for row 1).
    v = _table1_value(huaying, "target", name)
    assert v.year == 2025
    assert v.text == text
    assert v.comparator == comparator
    assert v.value == value
    assert v.min == vmin
    assert v.max == vmax
    assert v.bindingness == bindingness
    assert v.span.start_line <= line + 2 <= v.span.end_line


# ---------------------------------------------------------------------------
# 表2 “十四五”期间各医疗机构编制床位配置表 (l.210–369)
# ---------------------------------------------------------------------------

T2_FIRST, T2_LAST = 210, 369


def _table2_targets(records):
    return [v for v in records.targets if T2_FIRST <= v.span.start_line and v.span.end_line <= T2_LAST]


# (institution, 下限, 上限, name line)
TABLE2_INSTITUTIONS = [
    ("华蓥市人民医院", D("540"), D("600"), 246),  # l.245–249 (1.1县办公立医院)
    ("华蓥市中医医院", D("80"), D("100"), 253),  # l.253–256
    ("四川华蓥山广能（集团）有限责任公司总医院", D("330"), D("330"), 260),  # l.259–264 (1.2其他公立医院)
    ("华蓥市妇幼保健计划生育服务中心", D("49"), D("49"), 267),  # l.267–270
    ("华蓥市蓥城社区卫生服务中心", D("20"), D("20"), 288),  # l.288–291
    ("华蓥市古桥社区卫生服务中心", D("25"), D("25"), 295),  # l.295–298
    ("华蓥市华龙社区卫生服务中心", D("15"), D("15"), 302),  # l.302–305
    ("华蓥市庆华镇中心卫生院", D("80"), D("100"), 309),  # l.309–312
    ("华蓥市高兴镇中心卫生院", D("120"), D("120"), 316),  # l.316–319
    ("华蓥市永兴镇中心卫生院", D("30"), D("30"), 323),  # l.323–326
    ("华蓥市天池镇中心卫生院", D("30"), D("30"), 330),  # l.330–333
    ("华蓥市禄市镇卫生院", D("20"), D("24"), 337),  # l.337–340
    ("华蓥市阳和镇卫生院", D("18"), D("18"), 344),  # l.344–347
    ("华蓥市明月镇卫生院", D("20"), D("20"), 351),  # l.351–354
    ("华蓥市溪口镇卫生院", D("20"), D("20"), 358),  # l.358–361
    ("华蓥市红岩乡卫生院", D("4"), D("4"), 365),  # l.365–368
]

# (printed label, 下限, 上限, label line)
TABLE2_SUBTOTALS = [
    ("总床位数", D("1580"), D("1692"), 224),  # l.224–228
    ("一、医院", D("1178"), D("1266"), 231),  # l.231–235
    ("1.公立医院", D("919"), D("979"), 238),  # l.238–242
    ("2.社会办医院", D("179"), D("187"), 273),  # l.273–277
    ("二、基层医疗卫生机构", D("482"), D("526"), 280),  # l.280–284
]


def test_table2_gives_one_target_per_row(huaying):
    # 16 institution rows + 5 subtotal rows (l.224–368).
    rows = _table2_targets(huaying)
    assert len(rows) == 21
    assert sorted(v.subject for v in rows if v.subject is not None) == sorted(
        row[0] for row in TABLE2_INSTITUTIONS
    )


@pytest.mark.parametrize(
    "subject, vmin, vmax, line", TABLE2_INSTITUTIONS, ids=[f"l{row[3]}" for row in TABLE2_INSTITUTIONS]
)
def test_table2_institution_row_is_a_2025_bed_range_about_the_institution(huaying, subject, vmin, vmax, line):
    # Columns 下限/上限 (l.219–220) under "2025年编制床位配置目标" (l.213); 指标性质 指导性.
    matches = [v for v in _table2_targets(huaying) if v.subject == subject]
    assert len(matches) == 1
    v = matches[0]
    assert v.kind == "target"
    assert v.comparator == "range"
    assert v.min == vmin
    assert v.max == vmax
    assert v.value is None
    assert v.year == 2025
    assert v.bindingness == "指导性"
    assert v.span.start_line <= line <= v.span.end_line


@pytest.mark.parametrize(
    "label, vmin, vmax, line", TABLE2_SUBTOTALS, ids=[f"l{row[3]}" for row in TABLE2_SUBTOTALS]
)
def test_table2_subtotal_row_keeps_label_as_qualifier_without_subject(huaying, label, vmin, vmax, line):
    matches = [v for v in _table2_targets(huaying) if v.qualifier == label and v.subject is None]
    assert len(matches) == 1
    v = matches[0]
    assert v.kind == "target"
    assert v.comparator == "range"
    assert v.min == vmin
    assert v.max == vmax
    assert v.year == 2025
    assert v.bindingness == "指导性"
    assert v.span.start_line <= line <= v.span.end_line


# ---------------------------------------------------------------------------
# Prose targets
# ---------------------------------------------------------------------------


def _line208_targets(records):
    return [
        v
        for v in records.targets
        if v.span.start_line <= 208 <= v.span.end_line and not (T2_FIRST <= v.span.start_line <= T2_LAST)
    ]


def test_prose_bed_density_range_target_2025(huaying):
    # l.208 "到2025年，每千人口医疗卫生机构床位数的预期性指标为5.93—6.22张"
    matches = [v for v in _line208_targets(huaying) if "每千人口医疗卫生机构床位数" in v.indicator]
    assert len(matches) == 1
    v = matches[0]
    assert v.kind == "target"
    assert v.comparator == "range"
    assert v.min == D("5.93")
    assert v.max == D("6.22")
    assert v.value is None
    assert v.year == 2025
    assert "5.93—6.22" in v.text
    assert v.task == "2.2.1"  # l.208 lies in 一、床位配置 (l.207)


def test_prose_public_hospital_beds_about_3_6_target_2025(huaying):
    # l.208 "…其中公立医院3.6张左右。"
    matches = [v for v in _line208_targets(huaying) if "3.6" in v.text]
    assert len(matches) == 1
    v = matches[0]
    assert v.kind == "target"
    assert "公立医院" in v.indicator
    assert v.comparator == "≈"
    assert v.value == D("3.6")
    assert v.min is None and v.max is None
    assert v.year == 2025
    assert v.task == "2.2.1"
