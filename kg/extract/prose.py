"""Targets and baselines stated in running text: "到2027年，…覆盖率达到85%", "…控制在7.5张以内".

A value is read only where the text states a comparator (or a count after a noun) and a year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.extract.records import Span, ValueRecord
from kg.extract.text import joined_with_lines, line_at

# A year a sentence speaks of: "到2027年", "到 2025年", "2030年，"
YEAR = re.compile(r"(?:到|至)?\s*(?P<year>20\d{2})\s*年(?:底)?")
# A five-year-plan period whose last year is the target: "“十五五”期间"
PERIOD = re.compile(r"“?十(?P<n>[四五六])五”?(?:期间|末)")
PERIOD_END = {"四": 2025, "五": 2030, "六": 2035}
NUMBER = r"\d+(?:\.\d+)?"
DIGIT = re.compile(r"\d")
UNIT = r"(?:%|‰|/10万|张|人|个|岁|分钟|天|项|家|所|名|支|万人|元)"
# One printed value, maybe a range: "70%", "3.7人", "5.93—6.22张", "3万—10万" is not matched
VALUE = rf"{NUMBER}\s*(?:{UNIT})?(?:\s*[-—–~～]\s*{NUMBER}\s*(?:{UNIT})?)?"
# Comparator verbs, longest first so that 稳定保持在 wins over 保持在
VERBS = {
    "稳定保持在": "≥", "稳定在": "≥", "保持在": "≥", "不得低于": "≥", "不得少于": "≥", "不低于": "≥", "不少于": "≥",
    "不得超过": "≤", "不得高于": "≤", "不超过": "≤", "不高于": "≤", "控制在": "≤",
    "小于": "<", "低于": "<", "超过": ">", "高于": ">",
    "达到": "=", "提升至": "=", "提高至": "=", "提高到": "=", "增至": "=", "下降至": "=",
    "降至": "=", "指标为": "=", "达": "=",
}
VERB = "|".join(sorted(VERBS, key=len, reverse=True))
# An indicator phrase, a comparator verb and one or more values joined by 、:
# "全区家庭医生签约服务重点人群覆盖率达到85%", "达标率分别不低于35%、15%"; not the first term of
# a ratio ("床人（卫生人员）比的预期性指标为1:1.29" is no number: its table row gives the text)
COMPARATOR_PHRASE = re.compile(
    rf"(?P<indicator>[^，。；：,;:]{{2,60}}?)(?P<each>分别)?(?P<verb>{VERB})\s*"
    rf"(?P<values>{VALUE}(?:\s*、\s*{VALUE})*)(?![:：]\s*\d)(?P<suffix>以上|以内|左右)?")
# A count after a noun, or before one: "申报立项市级临床（中医）重点专科3-5个", "建设30个区级医疗质量控制中心"
COUNT_AFTER = re.compile(
    rf"(?:建成|建设|设立|新增|培育|引进|遴选|申报立项|创建|打造)(?P<indicator>[^，。；：、\d]{{2,24}}?)"
    rf"(?P<values>{NUMBER}(?:\s*[-—–]\s*{NUMBER})?(?:个|家|名|所|支|项))(?P<suffix>及以上|以上)?")
COUNT_BEFORE = re.compile(
    rf"(?:建成|建设|设立|新增|培育|引进|遴选|创建|打造)(?P<values>{NUMBER}(?:个|家|名|所|支|项))"
    rf"(?P<suffix>以上|及以上)?(?P<indicator>[^，。；：、\d]{{2,24}})")
# A bound on a count whose noun follows it: "市疾病预防控制中心培养不少于1名流行病学…人员"
COUNTED_NOUN = re.compile(
    rf"(?:培养|配备|建设|设置|建成|引进|招聘)(?P<verb>不少于|不低于)(?P<values>{NUMBER}(?:个|家|名|所|支|项|张))"
    rf"(?P<indicator>[^，。；：、\d]{{2,24}})")
# A minimum count before its noun: "设立至少2所护理院（中心）", "至少建成2个社区医院"
AT_LEAST = re.compile(
    rf"至少(?:建成|设立|建设)?(?P<values>{NUMBER}(?:个|家|名|所|支|项))(?P<indicator>[^，。；：、\d]{{2,24}})")
# An approximate value printed after its noun without a verb: "其中公立医院3.6张左右"
ABOUT = re.compile(rf"(?P<indicator>[^，。；：、\d]{{2,30}}?)(?P<values>{NUMBER}\s*{UNIT}?)(?P<suffix>左右)")
# A value reported after an indicator's name, for baselines: "每千人口注册护士数20.97人"
STATED = re.compile(rf"(?P<indicator>[^，。；：、\d]{{2,40}}?(?:数|率|比例|占比|水平))"
                    rf"(?P<values>{NUMBER}\s*{UNIT}?)(?P<suffix>以上)?")
# Prefix and suffix that a list "A、B分别…" shares: "每千人口拥有执业（助理）医师数、注册护士数"
SHARED_PREFIX = re.compile(r"^(每[千万百](?:常住)?(?:人口|张床位)(?:拥有)?)")
SHARED_SUFFIX = re.compile(r"(达标率|覆盖率|使用率|比例|占比|率)$")
# Words of scope or aim before an indicator: "全区", "力争", "到2027年底，"
LEADING_WORDS = re.compile(r"^(?:其中|目前|现有|力争|累计|将|实现|推动|全区|全市|全县|全省|全镇|区内|我区|我市|[，、\s])+")
# The area among those words, kept as the value's scope: "全区" of "，全区家庭医生签约服务…"
SCOPE = re.compile(r"全[区县市省镇]")
# Adverbs between an indicator and its verb: "…床位数严格控制在", "…设置率力争达到", "…专科累计达到"
TRAILING_WORDS = re.compile(r"(?:力争|累计|严格|稳步|逐步|的预期性|均)+$")
# A proper name in brackets after a kind of body: "护理院（福满康心护理院）"
TRAILING_NAME = re.compile(r"（[^（）]{3,}院）$")
# Two kinds of one quantity joined by 和 and stated together with 均: "公立医院门诊和住院次均费用增幅均"
BOTH = re.compile(r"^(?P<pre>.*?)(?P<a>[^和]{2})和(?P<b>[^和]{2})(?P<post>[^和]+)均$")
SINGLE = re.compile(rf"(?P<number>{NUMBER})\s*(?P<unit>{UNIT})?")
RANGE = re.compile(rf"(?P<min>{NUMBER})\s*(?:{UNIT})?\s*[-—–~～]\s*(?P<max>{NUMBER})\s*(?P<unit>{UNIT})?")


@dataclass(frozen=True)
class ProseBlock:
    """Running text to read values from: a task's text, a goal paragraph, a table cell."""

    lines: list[str]  # the file's lines
    first: int
    last: int
    file: str
    task: str | None = None
    default_year: int | None = None  # the plan's first goal year, for a task that names none
    skip_cells: bool = True  # tab-table cells inside the block are read as tables, not prose


def read_values(block: ProseBlock, kind: str = "target", year: int | None = None) -> list[ValueRecord]:
    """Values stated in a block; `year` fixes the year (a 2023年情况 column) instead of the text's."""
    text, starts = joined_with_lines(block.lines, block.first, block.last, skip_cells=block.skip_cells)
    if not DIGIT.search(text):
        return []  # every pattern reads a number: most task texts state none
    found: list[tuple[int, ValueRecord]] = []
    taken: list[tuple[int, int]] = []
    patterns = [AT_LEAST, COUNTED_NOUN, COMPARATOR_PHRASE, COUNT_AFTER, COUNT_BEFORE, ABOUT]
    if kind == "baseline":
        patterns.append(STATED)
    for pattern in patterns:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if text.startswith("的", match.end()):
                continue  # a condition, not a target: "服务人口低于800人的行政村"
            if match.groupdict().get("verb") == "达" and match.group("indicator").endswith("下"):
                continue  # 下达 (to issue), not 达 (to reach): "目前已下达9个"
            where = match.start("verb") if "verb" in match.re.groupindex else match.start()
            at_year = year or _year_before(text, where) or block.default_year
            if at_year is None:
                continue
            span = Span(block.file, line_at(starts, match.start()), line_at(starts, match.end() - 1))
            records = _records(match, kind, at_year, span, block.task)
            if records:
                taken.append((match.start(), match.end()))
                found.extend((match.start(), r) for r in records)
    # printed order: "分别不低于35%、15%" gives 35 before 15
    return [record for _, record in sorted(found, key=lambda pair: pair[0])]


def _year_before(text: str, position: int) -> int | None:
    """The last year (or five-year period's last year) named before `position` in the block."""
    head = text[:position]
    candidates = [(m.end(), int(m.group("year"))) for m in YEAR.finditer(head)]
    candidates += [(m.end(), PERIOD_END[m.group("n")]) for m in PERIOD.finditer(head)]
    return max(candidates)[1] if candidates else None


def _records(match: re.Match, kind: str, year: int, span: Span, task: str | None) -> list[ValueRecord]:
    names = _indicator_names(match.group("indicator"), bool(match.groupdict().get("each")))
    values = re.split(r"\s*、\s*", match.group("values").strip())
    if len(values) == 1 and len(names) > 1:
        values = values * len(names)  # "门诊和住院…均<5%": one value for each
    if not names or len(names) != len(values):
        return []
    verb = match.groupdict().get("verb") or ("至少" if match.re is AT_LEAST else None)
    suffix = match.groupdict().get("suffix") or ""
    out = []
    for name, printed in zip(names, values):
        comparator = VERBS.get(verb, "≥") if verb else "="
        if suffix in ("以上", "及以上"):
            comparator = "≥"
        elif suffix == "以内":
            comparator = "≤"
        elif suffix == "左右":
            comparator = "≈"
        text = f"{verb or ''}{printed}{suffix}" if len(set(values)) == 1 else f"{verb or ''}{printed}"
        out.append(_value_record(kind, name, year, text, printed, comparator, span, task,
                                 _scope(match.group("indicator"))))
    return out


def _scope(phrase: str) -> str | None:
    """The area word among the leading words that _indicator_names drops (全区, 全县 …)."""
    leading = LEADING_WORDS.match(PERIOD.sub("", YEAR.sub("", phrase)).strip())
    found = SCOPE.search(leading.group()) if leading else None
    return found.group() if found else None


def _value_record(kind, name, year, text, printed, comparator, span, task, scope=None
                  ) -> ValueRecord:
    ranged = RANGE.fullmatch(printed)
    if ranged:
        return ValueRecord(kind=kind, indicator=name, year=year, text=text, span=span,
                           comparator="range", min=Decimal(ranged.group("min")),
                           max=Decimal(ranged.group("max")), task=task, unit=ranged.group("unit"),
                           scope=scope)
    single = SINGLE.fullmatch(printed)
    return ValueRecord(kind=kind, indicator=name, year=year, text=text, span=span,
                       comparator=comparator, value=Decimal(single.group("number")), task=task,
                       unit=single.group("unit"), scope=scope)


def _indicator_names(phrase: str, each: bool) -> list[str]:
    phrase = PERIOD.sub("", YEAR.sub("", phrase))
    both = BOTH.match(phrase.strip())
    if both:
        return [both["pre"] + both["a"] + both["post"], both["pre"] + both["b"] + both["post"]]
    phrase = LEADING_WORDS.sub("", phrase.strip()).strip()
    phrase = TRAILING_NAME.sub("", TRAILING_WORDS.sub("", phrase))
    if len(phrase) < 3:
        return []  # too short to name a quantity: "培育学校2家" gives no indicator "学校"
    if not each:
        return [phrase]
    parts = [p for p in re.split(r"\s*、\s*", phrase) if p]
    prefix = SHARED_PREFIX.match(parts[0])
    suffix = SHARED_SUFFIX.search(parts[-1])
    names = []
    for part in parts:
        if len(part) < 3 and len(parts[-1]) > len(part):
            part = part + parts[-1][len(part):]  # "一、二级科室设置率": 一级科室设置率
        if prefix and not part.startswith(prefix.group(1)[:2]):
            part = prefix.group(1) + part
        if suffix and not SHARED_SUFFIX.search(part):
            part = part + suffix.group(1)
        names.append(part)
    return names
