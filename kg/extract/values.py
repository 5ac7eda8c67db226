"""One printed value ("≥40.5", "5.93—6.22张", "控制在7.5张以内", "全覆盖") read into comparator and numbers.

Digits stay as printed (Decimal("4.0") keeps its ".0"); anything not a number is kept as text only.

Decisions on what the texts leave open:
- a 万/亿 multiplier is not applied: "3万—10万" is range 3..10 with unit "万" ("3万—10万人": "万人"),
  as the tables themselves print "（万人）" units over plain digits (华蓥 表1: 0.013 万人);
- 控制在 reads as ≤ and 保持在 as ≥ even without 以内/以上 (a cap, a floor), as kg.extract.prose does;
  达到/提高至/… say only "is" (=) and yield to a sign or suffix ("达到94%以上" → ≥);
- words that contradict each other ("不低于70%以内"), a range under a non-= word, a range whose ends
  carry different units, or a low end above the high end, are kept as text only;
- a ratio ("1:1.27"), a count inside a phrase ("18条河流达到 100%") and words (全覆盖, ——) are
  text only: the whole printed value must be a number with its comparator words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.extract.records import Span, ValueRecord

# A printed number: "0.013", "100", "4.0" (no thousands separators occur in the sources)
NUMBER = r"\d+(?:\.\d+)?"
# A unit printed after a number: "85%", "3.5‰", "4.5张", "2所", "30分钟", "3万—10万" (万 kept as the
# unit, so that digits stay as printed), "（/10 万）" inside a name bracket.
UNIT = (r"(?:/\s*10\s*万|/\s*万|%|％|‰|分钟|小时|万人|万元|亿元"
        r"|[张人个岁分所家项天元条次名支床户倍年月万亿])")
# Multipliers kept as (the start of) the unit rather than applied: "3万—10万人"
MULTIPLIERS = ("万", "亿")
# Comparator words before a number, longest first: "不低于70%", "至少2所", "控制在7.5张以内", "达85%"
WORD_COMPARATORS: dict[str, str] = {
    "稳定保持在": "≥", "保持在": "≥", "不低于": "≥", "不少于": "≥", "不小于": "≥", "至少": "≥",
    "不超过": "≤", "不高于": "≤", "不多于": "≤", "控制在": "≤", "最多": "≤",
    "小于": "<", "低于": "<", "少于": "<", "不足": "<",
    "超过": ">", "高于": ">", "大于": ">", "多于": ">",
    "提高至": "=", "提高到": "=", "提升至": "=", "提升到": "=", "增长至": "=", "增长到": "=",
    "增至": "=", "增加到": "=", "下降至": "=", "下降到": "=", "降至": "=", "降到": "=",
    "达到": "=", "达": "=", "为": "=",
    "约": "≈",
}
WORD = "|".join(sorted(WORD_COMPARATORS, key=len, reverse=True))
# Comparator words after a number: "45%以上", "7.5张以内", "70左右", "3.6张左右"
SUFFIX_COMPARATORS: dict[str, str] = {
    "及以上": "≥", "以上": "≥", "以下": "≤", "以内": "≤", "左右": "≈",
}
SUFFIX = "|".join(sorted(SUFFIX_COMPARATORS, key=len, reverse=True))
# Comparator signs, full-width forms included: "≥40.5", "≥ 80", ">79.5", "<5", "≤27.5"
SIGNS = {"≥": "≥", "≧": "≥", "≤": "≤", "≦": "≤", ">": ">", "＞": ">", "<": "<", "＜": "<"}

# One number with what may surround it: "≥ 80", "不低于70%", "控制在7.5张以内", "3.6张左右", "100"
SINGLE_VALUE = re.compile(
    rf"^(?P<word>{WORD})?\s*(?P<sign>[≥≧≤≦>＞<＜])?\s*(?P<number>{NUMBER})\s*(?P<unit>{UNIT})?"
    rf"\s*(?P<suffix>{SUFFIX})?$")
# A range, the unit printed once or on both ends: "5.93-6.22", "5.93—6.22张", "3-5个", "3万—10万"
RANGE_VALUE = re.compile(
    rf"^(?P<word>{WORD})?\s*(?P<low>{NUMBER})\s*(?P<low_unit>{UNIT})?\s*(?:[-—–~～－]{{1,2}}|至|到)"
    rf"\s*(?P<high>{NUMBER})\s*(?P<unit>{UNIT})?$")


@dataclass(frozen=True)
class ParsedValue:
    """A value as printed and what it says: comparator ≥ ≤ > < = ≈ range, or None (text only)."""

    text: str  # stripped, otherwise exactly as printed
    comparator: str | None = None
    value: Decimal | None = None  # for ≥ ≤ > < = ≈
    min: Decimal | None = None  # for range
    max: Decimal | None = None
    unit: str | None = None  # printed after the number, white space removed: "%", "张", "/10万"

    @property
    def is_number(self) -> bool:
        """True when the text states a number (or range), False for 全覆盖, ——, 1:1.27 …"""
        return self.comparator is not None


def parse_value(printed: str) -> ParsedValue:
    """Read one printed value; what is not a number (or a range) is kept as text only.

    "≥40.5" → ≥ 40.5; "控制在7.5张以内" → ≤ 7.5 张; "5.93—6.22张" → range 5.93..6.22 张;
    "3万—10万" → range 3..10 unit 万 (the multiplier is kept as the unit, digits as printed);
    "1:1.27", "全覆盖", "——", "18条河流达到 100%" → comparator None, no numbers.
    """
    text = printed.strip()
    single = SINGLE_VALUE.match(text)
    if single:
        comparator = _comparator(single.group("word"), single.group("sign"), single.group("suffix"))
        if comparator is None:
            return ParsedValue(text)
        return ParsedValue(text, comparator, value=Decimal(single.group("number")),
                           unit=_unit(single.group("unit")))
    ranged = RANGE_VALUE.match(text)
    if ranged:
        return _range(text, ranged)
    return ParsedValue(text)


def _comparator(word: str | None, sign: str | None, suffix: str | None) -> str | None:
    """The one comparator the printed words and sign agree on, or None where they contradict."""
    stated = [c for c in (WORD_COMPARATORS.get(word or ""), SIGNS.get(sign or ""),
                          SUFFIX_COMPARATORS.get(suffix or "")) if c]
    # "=" words (达到, 提高至) only say "the value is"; a sign or suffix says how
    definite = {c for c in stated if c != "="}
    if len(definite) > 1:
        return None  # "不低于70%以内": contradictory, keep as text
    return definite.pop() if definite else "="


def _range(text: str, match: re.Match[str]) -> ParsedValue:
    word = match.group("word")
    low_unit, unit = _unit(match.group("low_unit")), _unit(match.group("unit"))
    if word and WORD_COMPARATORS[word] != "=":
        return ParsedValue(text)  # "不低于3-5个" says nothing clear
    if low_unit is not None and not _same_unit(low_unit, unit):
        return ParsedValue(text)  # "3万—10" or "5000—1万": no one unit for both ends
    low, high = Decimal(match.group("low")), Decimal(match.group("high"))
    if low > high:
        return ParsedValue(text)  # not a range of values (a date, a code)
    return ParsedValue(text, "range", min=low, max=high, unit=unit)


def _same_unit(low_unit: str, unit: str | None) -> bool:
    """"3万—10万人": a multiplier on the low end (万) shared with the high end's unit (万人)."""
    return unit is not None and (low_unit == unit or (low_unit in MULTIPLIERS and unit.startswith(low_unit)))


def _unit(printed: str | None) -> str | None:
    return re.sub(r"\s+", "", printed) if printed else None


def value_record(parsed: ParsedValue, *, kind: str, indicator: str, year: int, span: Span,
                 bindingness: str | None = None, unit: str | None = None,
                 qualifier: str | None = None, subject: str | None = None,
                 scope: str | None = None) -> ValueRecord:
    """A table value as a ValueRecord; `unit` (the indicator's) applies where the value prints none.

    A value that states no number (全覆盖, ——) gets no unit: there is nothing for it to measure.
    """
    return ValueRecord(kind=kind, indicator=indicator, year=year, text=parsed.text, span=span,
                       comparator=parsed.comparator, value=parsed.value, min=parsed.min,
                       max=parsed.max, bindingness=bindingness, qualifier=qualifier,
                       subject=subject, unit=(parsed.unit or unit) if parsed.is_number else None,
                       scope=scope)
