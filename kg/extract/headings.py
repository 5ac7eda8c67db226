"""Heading patterns of the plan texts and a classifier that turns a line into a Heading.

Which heading means what (a task group, a chapter, a measure) is decided by kg.extract.structure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.text import chinese_number, clean

NUMERAL = r"[一二三四五六七八九十]+"

# A chapter: "第三章  加快完善公共卫生服务体系"
CHAPTER = re.compile(rf"^第({NUMERAL})章\s*(\S.*)$")
# A section: "第二节  健全监测预警和应急处置体系"
SECTION = re.compile(rf"^第({NUMERAL})节\s*(\S.*)$")
# A top-level heading, or a measure inside a chapter: "二、重点任务", "一、推动现代化疾控体系建设"
TOP = re.compile(rf"^({NUMERAL})、\s*(\S.*)$")
# A task group: "（一）科学规划，建设优质高效服务体系。", "(一)…"
GROUP = re.compile(rf"^[（(]({NUMERAL})[）)]\s*(\S.*)$")
# A project box: "专栏1  现代化疾病预防控制体系建设项目"
COLUMN = re.compile(r"^专栏\s*(\d+)\s*(\S.*)$")
# A numbered item, not a decimal: "6.保障医疗服务质量安全。…", "1．深入开展爱国卫生运动", "3、强化…"
ITEM = re.compile(r"^(\d{1,2})\s*[.．、](?!\d)\s*(\S.*)$")
# A sub-item inside an item: "（1）推进医共体建设。", "(2)…", "①完善…"
SUB = re.compile(r"^(?:[（(](\d{1,2})[）)]|([①-⑳]))\s*(\S.*)$")
# A part of no tasks headed with no number, after a task table: "工作要求", "保障措施"
UNNUMBERED_PART = re.compile(r"^(?:工作要求|保障措施|组织实施|组织保障|组织领导|工作保障|实施步骤|工作步骤)$")
# A heading whose number was lost in extraction: " 优化心理和精神卫生体系" (short, no punctuation)
BARE_TITLE = re.compile(r"^\s+([^\s，。；：、,.;:（）()\d“”]{2,20})\s*$")


@dataclass(frozen=True)
class Heading:
    kind: str  # chapter | section | top | group | column | item | sub | bare
    number: int | None
    title: str  # the heading text without its numeral
    line: int  # 1-based
    rest: str = ""  # for an item, the whole text after the number


def classify(raw: str, line_no: int) -> Heading | None:
    """The heading a line opens, if any. Lines inside tab tables are not headings."""
    if raw.startswith("\t") and not COLUMN.match(raw.strip()) and not ITEM.match(raw.strip()):
        return None
    line = clean(raw)
    if not line:
        return None
    for kind, pattern in (("chapter", CHAPTER), ("section", SECTION), ("top", TOP),
                          ("group", GROUP), ("column", COLUMN)):
        match = pattern.match(line)
        if match:
            return Heading(kind, chinese_number(match.group(1)), _title(match.group(2)), line_no,
                           rest=match.group(2).strip())
    match = ITEM.match(line)
    if match:
        return Heading("item", int(match.group(1)), _title(match.group(2)), line_no,
                       rest=match.group(2).strip())
    match = SUB.match(line)
    if match:
        number = int(match.group(1)) if match.group(1) else ord(match.group(2)) - ord("①") + 1
        return Heading("sub", number, _title(match.group(3)), line_no, rest=match.group(3).strip())
    if UNNUMBERED_PART.match(line):
        return Heading("top", None, line, line_no)
    match = BARE_TITLE.match(raw)
    if match:
        return Heading("bare", None, match.group(1), line_no)
    return None


def _title(text: str) -> str:
    """A heading's title: its first sentence, without the trailing 。."""
    head, sep, _ = text.partition("。")
    return (head if sep else text).strip()
