"""Responsibility clauses of the genre read by pattern (kg/extract/units.py): labelled clauses
in full- or half-width punctuation, roles after names, lines of their own, deadlines. Every
expectation is read off the clause text written in the test."""
import pytest

from kg.extract.units import deadline_year, read_responsibility, split_units

CLAUSES = [
    # (printed task lines, lead units, other responsible units, deadline)
    (["推进。（牵头单位：区卫生健康委；配合单位：区财政局、区医保局）"],
     ("区卫生健康委",), ("区财政局", "区医保局"), None),
    (["推进。(牵头单位:区卫健委;配合单位:区财政局,区医保局)"],
     ("区卫健委",), ("区财政局", "区医保局"), None),
    (["推进。（牵头：区卫健委；配合：区财政局 区医保局）"],
     ("区卫健委",), ("区财政局", "区医保局"), None),
    (["推进。（牵头部门：区卫健委，责任部门：区财政局、区医保局）"],
     ("区卫健委",), ("区财政局", "区医保局"), None),
    (["推进。（主要责任单位：区卫健委）"], ("区卫健委",), (), None),
    (["推进。（协办单位：区民政局）"], (), ("区民政局",), None),
    # 责任单位 beside 配合单位 and no 牵头: the 责任单位 list is the lead
    (["推进。（责任单位：区卫健委；配合单位：区财政局）"], ("区卫健委",), ("区财政局",), None),
    # alone, 责任单位 names responsible units and no lead (as 沙坪坝 prints it)
    (["推进。（责任单位：区卫生健康委、区发展改革委）"], (), ("区卫生健康委", "区发展改革委"), None),
    # a clause wrapped over two lines, with a deadline
    (["推进。（牵头单位：区卫健委；配合单位：区财政局、", "区医保局；完成时限：2025年底前）"],
     ("区卫健委",), ("区财政局", "区医保局"), "2025年底前"),
    # lines of their own; a list ending in 、 goes on to the next line
    (["推进。", "牵头单位：县卫生健康局", "配合单位：县财政局、县医保局、", "各乡镇人民政府",
      "完成时限：长期坚持"],
     ("县卫生健康局",), ("县财政局", "县医保局", "各乡镇人民政府"), "长期坚持"),
    # roles after names
    (["推进。（区卫生健康委牵头，区财政局、区医保局配合）"],
     ("区卫生健康委",), ("区财政局", "区医保局"), None),
    (["推进。（县卫健局负责）"], (), ("县卫健局",), None),
    (["推进。（各有关部门按职责分工负责）"], (), ("各有关部门",), None),
    # a bracket inside a name stays in the name
    (["推进。（牵头单位：各镇（街道）、区卫健委）"], ("各镇（街道）", "区卫健委"), (), None),
    (["推进。（牵头单位：区卫健委；时间进度：持续推进）"], ("区卫健委",), (), "持续推进"),
    # what follows a name and is not part of it: 按职责分工负责, 等, 等部门
    (["推进。（责任单位：县卫健局，各乡镇人民政府按职责分工负责）"], (), ("县卫健局", "各乡镇人民政府"), None),
    (["推进。（县卫健局牵头，县财政局、县医保局等按职责分工负责）"],
     ("县卫健局",), ("县财政局", "县医保局"), None),
    (["推进。（责任单位：县卫健局、县财政局等部门）"], (), ("县卫健局", "县财政局"), None),
    # a leader named beside the bodies is no body; 时间 is a deadline's label too
    (["推进。（牵头领导：王某某；牵头单位：县卫健局；时间：2025年）"], ("县卫健局",), (), "2025年"),
    # roles after names, then a labelled deadline; the 配合 names split by spaces
    (["推进。（县卫健局牵头，县财政局 县医保局配合；完成时限：2024年12月底前）"],
     ("县卫健局",), ("县财政局", "县医保局"), "2024年12月底前"),
    # 【】 brackets, and a deadline in a bracket of its own
    (["推进。【责任单位：县卫健局】（时限：长期）"], (), ("县卫健局",), "长期"),
    # roles inside a 责任单位 line (issue: copied prose): a lead marked after its name, the others
    # 按职责分工负责; two leads marked each; （牵头单位）; roles after the names
    (["推进。", "责任单位：市卫生健康局（牵头），市财政局、市医疗保障局按职责分工负责。"],
     ("市卫生健康局",), ("市财政局", "市医疗保障局"), None),
    (["推进。", "责任单位：市卫生健康局（牵头）、市医疗保障局（牵头），市财政局按职责分工负责。"],
     ("市卫生健康局", "市医疗保障局"), ("市财政局",), None),
    (["推进。", "责任单位：市医疗保障局（牵头单位），市卫生健康局"],
     ("市医疗保障局",), ("市卫生健康局",), None),
    (["推进。", "责任单位：县卫生健康局牵头，县财政局、县医疗保障局、各乡镇人民政府配合。"],
     ("县卫生健康局",), ("县财政局", "县医疗保障局", "各乡镇人民政府"), None),
    (["推进。", "责任单位：县卫生健康局、县医疗保障局牵头，县财政局配合。"],
     ("县卫生健康局", "县医疗保障局"), ("县财政局",), None),
    # 负责 and no 牵头: shared; a bracket that is part of a name stays
    (["推进。", "责任单位：县民政局负责。"], (), ("县民政局",), None),
    (["推进。", "责任单位：各乡镇人民政府（街道办事处）"], (), ("各乡镇人民政府（街道办事处）",), None),
    # the clause as the paragraph's last sentence, not a line of its own
    (["（三）加强县藏医院建设。推动县藏医院提升服务能力。责任单位：县卫生健康局牵头，县财政局配合。"],
     ("县卫生健康局",), ("县财政局",), None),
    # … but a 责任单位 inside a bracket of the sentence is the bracket's
    (["推进。（责任单位：县医保局；完成时限：2025年底前）"], (), ("县医保局",), "2025年底前"),
]


@pytest.mark.parametrize("lines, lead, shared, deadline", CLAUSES)
def test_clause_conventions_of_the_genre(lines, lead, shared, deadline):
    found = read_responsibility(lines)
    assert (found.lead, found.shared, found.deadline) == (lead, shared, deadline)
    assert found.units == lead + tuple(u for u in shared if u not in lead)
    assert found.warnings == () and found.unread == ()


def test_brackets_that_say_nothing_of_responsibility_give_nothing():
    found = read_responsibility(["推进。（含中医医院，下同）建设各镇（街道）卫生院。"])
    assert not found and found.warnings == ()


def test_a_sentence_in_brackets_is_not_read_as_names():
    # "要按照" is a sentence, not a body's name
    found = read_responsibility(["推进。（各部门要按照职责分工负责）"])
    assert found.units == ()


def test_a_clause_naming_no_unit_warns():
    found = read_responsibility(["推进。（牵头单位：）"])
    assert found.units == () and "names no unit" in found.unread[0]


def test_a_clause_seen_but_not_read_warns():
    found = read_responsibility(["推进。（牵头单位区卫健委配合单位区财政局）"])
    assert found.units == ()
    assert "seen but not read" in found.unread[0]


def test_unit_lists_split_on_every_separator_but_keep_brackets_in_names():
    assert split_units("区财政局 区医保局，各镇（街道）、区民政局,区教委") == (
        "区财政局", "区医保局", "各镇（街道）", "区民政局", "区教委")


@pytest.mark.parametrize("printed, year", [("2025年底前", 2025), ("2024年6月底前", 2024),
                                           ("2024年", 2024), ("长期坚持", None), ("持续推进", None)])
def test_deadline_year(printed, year):
    assert deadline_year(printed) == year
