"""Line-level helpers shared by the extractors: numerals, joining wrapped lines, spans.

Plan texts come as received (PDF wraps, blank-line interleaving, page footers); these helpers
let the parsers see logical text while keeping 1-based line numbers for every record.
"""
from __future__ import annotations

import re

from kg.extract.records import Span

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                  "八": 8, "九": 9}

# A page footer of a PDF-extracted text: "—21—"
PAGE_FOOTER = re.compile(r"^\s*[—\-－]+\s*\d+\s*[—\-－]+\s*$")
# Sentence-final punctuation after which a line break is a real paragraph break: "…全覆盖。"
SENTENCE_END = re.compile(r"[。！？；：]$")
# An editor's artefact left in a text: "[bookmark: _GoBack]3.紧密型区域医共体：…"
ARTEFACT = re.compile(r"\[bookmark:[^\]]*\]")


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


def is_blank(line: str) -> bool:
    return not line.strip() or bool(PAGE_FOOTER.match(line))


def clean(line: str) -> str:
    """A line without surrounding white space and editor artefacts."""
    return ARTEFACT.sub("", line).strip()


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into logical text: no separator inside a sentence, a newline after one."""
    parts: list[str] = []
    for raw in lines:
        if is_blank(raw):
            continue
        line = clean(raw)
        if parts and SENTENCE_END.search(parts[-1]):
            parts.append("\n")
        parts.append(line)
    return "".join(parts)


def content_span(lines: list[str], first: int, last: int, file: str) -> Span:
    """Span of 1-based lines first..last, trimmed of trailing blank lines and footers."""
    while last > first and is_blank(lines[last - 1]):
        last -= 1
    return Span(file, first, last)


def first_sentence(text: str) -> str:
    """The text up to its first 。 (the title of a task), without the 。."""
    head, sep, _ = text.partition("。")
    return head.strip() if sep else text.strip()
