"""Word's automatic list numbers (w:numPr), printed as Word prints them: `1.`, `一、`, `（一）`.

A DOCX keeps a numbered paragraph's number out of its text, in the numbering part's level
definitions; the task parsers read tasks by their numbers (`1.完善…`), so the reader puts the
number back in front of the text. Counters follow the document order, as Word counts them:
per abstract list, a level's counter restarting when a higher level advances.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_LEVELS = 9
# A level's placeholder in w:lvlText: "%1." → "3.", "（%2）"
PLACEHOLDER = re.compile(r"%([1-9])")
CHINESE = "〇一二三四五六七八九"
CHINESE_LEGAL = "零壹贰叁肆伍陆柒捌玖"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
SUFFIXES = {"tab": "", "space": " ", "nothing": ""}   # a TAB would read as a table cell


@dataclass(frozen=True)
class Level:
    start: int
    format: str    # w:numFmt: decimal, chineseCounting, ideographTraditional, bullet …
    text: str      # w:lvlText: "%1.", "%1、", "（%1）"
    suffix: str


class Numbering:
    """The numbering definitions of one document and the counters of its lists so far."""

    def __init__(self, document):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}   # numId → (abstract, restarts)
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None   # no numbering part: no paragraph is numbered
        if numbering is not None:
            self._read(numbering)
        for style in document.styles.element.iter(f"{W}style"):
            num = style.find(f"{W}pPr/{W}numPr")
            based = style.find(f"{W}basedOn")
            self.styles[style.get(f"{W}styleId")] = (
                _val(num, "numId"), _val(num, "ilvl"),
                based.get(f"{W}val") if based is not None else None)

    def _read(self, numbering) -> None:
        for abstract in numbering.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{W}lvl"):
                start = _val(lvl, "start")
                levels[int(lvl.get(f"{W}ilvl", "0"))] = Level(
                    int(start) if start and start.isdigit() else 1,
                    _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
                    SUFFIXES.get(_val(lvl, "suff") or "tab", ""))
            self.abstract[abstract.get(f"{W}abstractNumId")] = levels
        for num in numbering.iter(f"{W}num"):
            restarts = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = _val(override, "startOverride")
                if start and start.isdigit():
                    restarts[int(override.get(f"{W}ilvl", "0"))] = int(start)
            self.nums[num.get(f"{W}numId")] = (_val(num, "abstractNumId"), restarts)

    def label(self, paragraph) -> str:
        """The number Word prints before the paragraph `paragraph` (a w:p), counting it; ""
        for a paragraph that is not numbered, or a bullet."""
        num_id, level = self._num_pr(paragraph)
        if num_id is None or num_id not in self.nums:
            return ""
        abstract_id, restarts = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if level not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * MAX_LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for restart_level, start in restarts.items():
                if restart_level < MAX_LEVELS:
                    counters[restart_level] = start - 1
        current = counters[level]
        counters[level] = levels[level].start if current is None else current + 1
        for deeper in range(level + 1, MAX_LEVELS):
            counters[deeper] = None
        spec = levels[level]
        if spec.format in ("bullet", "none"):
            return ""

        def number(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            shown = levels.get(at)
            value = counters[at] if counters[at] is not None else (shown.start if shown else 1)
            return format_number(value, shown.format if shown else "decimal")

        return PLACEHOLDER.sub(number, spec.text) + spec.suffix

    def _num_pr(self, paragraph) -> tuple[str | None, int]:
        num = paragraph.find(f"{W}pPr/{W}numPr")
        num_id, level = _val(num, "numId"), _val(num, "ilvl")
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        style_id = style.get(f"{W}val") if style is not None else None
        seen: set[str] = set()
        while num_id is None and style_id and style_id not in seen:   # a numbered style
            seen.add(style_id)
            num_id, style_level, style_id = self.styles.get(style_id, (None, None, None))
            level = level or style_level
        if num_id in (None, "0"):   # numId 0 switches a style's numbering off
            return None, 0
        return num_id, int(level) if level and level.isdigit() else 0


def _val(element, child: str) -> str | None:
    if element is None:
        return None
    found = element.find(f"{W}{child}")
    return found.get(f"{W}val") if found is not None else None


def format_number(value: int, fmt: str) -> str:
    """A counter as the level's w:numFmt prints it; a format not known here prints as decimal."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "ideographDigital"):
        return chinese_numeral(value, CHINESE)
    if fmt == "chineseLegalSimplified":
        return chinese_numeral(value, CHINESE_LEGAL, ten="拾", hundred="佰")
    if fmt == "ideographTraditional" and 1 <= value <= len(HEAVENLY_STEMS):
        return HEAVENLY_STEMS[value - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return CIRCLED[value - 1]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter") and value >= 1:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and value >= 1:
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def chinese_numeral(value: int, digits: str, ten: str = "十", hundred: str = "百",
                    zero: str = "零") -> str:
    """1 → 一, 10 → 十, 16 → 十六, 23 → 二十三, 105 → 一百零五 (as Word counts in Chinese)."""
    if value < 10:
        return digits[value]
    if value < 20:
        return ten + (digits[value - 10] if value > 10 else "")
    if value < 100:
        return digits[value // 10] + ten + (digits[value % 10] if value % 10 else "")
    if value < 1000:
        rest = value % 100
        tail = "" if rest == 0 else (zero + digits[rest] if rest < 10 else
                                     (digits[1] if rest < 20 else "")
                                     + chinese_numeral(rest, digits, ten, hundred, zero))
        return digits[value // 100] + hundred + tail
    return str(value)


def _roman(value: int) -> str:
    out = []
    for amount, letters in ROMAN:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)
