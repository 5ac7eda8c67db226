"""Line-level helpers shared by the extractors: numerals, joining wrapped lines, spans.

Plan texts come as received (PDF wraps, blank-line interleaving, page footers); these helpers
let the parsers see logical text while keeping 1-based line numbers for every record.
"""
from __future__ import annotations

import re
import unicodedata

from kg.extract.records import Span

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                  "八": 8, "九": 9}

# A page footer of a PDF-extracted text: "—21—"
PAGE_FOOTER = re.compile(r"^\s*[—\-－]+\s*\d+\s*[—\-－]+\s*$")
# Sentence-final punctuation after which a line break is a real paragraph break: "…全覆盖。"
SENTENCE_END = re.compile(r"[。！？；：]$")
# An editor's artefact left in a text: "[bookmark: _GoBack]3.紧密型区域医共体：…"
ARTEFACT = re.compile(r"\[bookmark:[^\]]*\]")
# An area word opening an indicator's name, kept as the value's scope: "全县孕产妇死亡率"
SCOPE_PREFIX = re.compile(r"^全[区县市省镇]")


class PlanParseError(ValueError):
    """A plan text that cannot be read as its conventions say, with file and line."""

    def __init__(self, file: str, line: int, reason: str):
        super().__init__(f"{file} line {line}: {reason}")
        self.file, self.line, self.reason = file, line, reason


def chinese_number(numeral: str) -> int:
    """一 → 1, 十 → 10, 十六 → 16, 二十三 → 23; Arabic digits pass through."""
    numeral = numeral.strip()
    if numeral.isdigit():
        return int(numeral)
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[ones] if ones else 0)
    value = 0
    for ch in numeral:
        value = value * 10 + CHINESE_DIGITS[ch]
    return value


def display_width(text: str) -> int:
    """Display columns: a wide (CJK) character two, any other one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def is_blank(line: str) -> bool:
    return not line.strip() or bool(PAGE_FOOTER.match(line))


def clean(line: str) -> str:
    """A line without surrounding white space and editor artefacts."""
    return ARTEFACT.sub("", line).strip()


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into logical text. A PDF wrap and a paragraph break look alike in these
    texts (both end a line, often after 。), so lines are joined with no separator at all."""
    return "".join(clean(raw) for raw in lines if not is_blank(raw))


def content_span(lines: list[str], first: int, last: int, file: str) -> Span:
    """Span of 1-based lines first..last, trimmed of trailing blank lines and footers."""
    while last > first and is_blank(lines[last - 1]):
        last -= 1
    return Span(file, first, last)


def first_sentence(text: str) -> str:
    """The text up to its first 。 (the title of a task), without the 。."""
    head, sep, _ = text.partition("。")
    return head.strip() if sep else text.strip()


def joined_with_lines(lines: list[str], first: int, last: int,
                      skip_cells: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """Lines first..last (1-based) joined as join_lines joins them, with (offset, line) of each."""
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    offset = 0
    for number in range(first, last + 1):
        raw = lines[number - 1]
        if is_blank(raw) or (skip_cells and raw.startswith("\t")):
            continue
        line = clean(raw)
        starts.append((offset, number))
        parts.append(line)
        offset += len(line)
    return "".join(parts), starts


def line_at(starts: list[tuple[int, int]], offset: int) -> int:
    """The line number holding character `offset` of a joined_with_lines text."""
    number = starts[0][1]
    for start, line in starts:
        if start > offset:
            break
        number = line
    return number


def split_scope(name: str) -> tuple[str, str | None]:
    """An indicator name without the area word it opens with, and that word:
    "全县孕产妇死亡率" → ("孕产妇死亡率", "全县"); a name without one comes back as it is."""
    found = SCOPE_PREFIX.match(name)
    return (name[found.end():], found.group()) if found else (name, None)
