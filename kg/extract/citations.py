"""Citations of parent policies: by title 《…》, by document number 〔…〕…号, or both.

A plan's own title and number (in its covering notice) are not citations.
"""
from __future__ import annotations

import re

from kg.extract.records import CitationRecord, Span
from kg.extract.text import clean, joined_with_lines, line_at

# A document number: "渝府办发〔2023〕76号", "中办发〔2023〕10号"
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号")
# A title, optionally followed by its number: "《重庆市…实施方案》（渝府办发〔2023〕76号）"
TITLED = re.compile(r"《(?P<title>[^《》]+)》(?:[（(](?P<number>[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号)[）)])?")
# A title nested in another (〈〉 inside 《》): "《渝中区贯彻落实〈重庆市…实施方案〉的工作措施》"
NESTED = re.compile(r"〈(?P<title>[^〈〉]+)〉")
# What makes a title a policy rather than a licence or a product: "…实施方案", "…规划纲要"
POLICY_TITLE = re.compile(r"(方案|意见|规划|纲要|计划|通知|办法|决定|规定|条例|标准|指南|措施)(（[^）]*）)?$")
# The covering notice naming the plan itself: "关于印发《…》的通知", "现将《…》印发", "《…》已经区政府同意"
OWN_TITLE = re.compile(r"关于印发《(?P<a>[^》]+)》|现将《(?P<b>[^》]+)》印发|《(?P<c>[^》]+)》已经")


def parse_citations(lines: list[str], file: str) -> list[CitationRecord]:
    """One record per cited policy, at its first mention; a number printed anywhere is kept."""
    text, starts = joined_with_lines(lines, 1, len(lines))
    own_titles = {_plain(next(g for g in m.groups() if g)) for m in OWN_TITLE.finditer(text)}
    own_numbers = {clean(l) for l in lines[:12] if DOC_NUMBER.fullmatch(clean(l))}
    found: dict[str, CitationRecord] = {}
    numbers_seen: set[str] = set()

    def add(title: str | None, number: str | None, start: int, end: int) -> None:
        span = Span(file, line_at(starts, start), line_at(starts, end - 1))
        key = title or number
        if key in found:
            if number and not found[key].identifier:
                # the mention that prints the number is the one to cite
                found[key] = CitationRecord(found[key].title, number, span)
        else:
            found[key] = CitationRecord(title, number, span)
        if number:
            numbers_seen.add(number)

    for match in TITLED.finditer(text):
        title, number = _plain(match.group("title")), match.group("number")
        for inner in NESTED.finditer(title):
            if POLICY_TITLE.search(inner.group("title")):
                add(inner.group("title"), None, match.start(), match.end())
        if title in own_titles or not POLICY_TITLE.search(title):
            continue
        add(title, number, match.start(), match.end())
    # numbers never wrap across lines; searching line by line keeps the text before one out of it
    for line_no, raw in enumerate(lines, 1):
        for match in DOC_NUMBER.finditer(clean(raw)):
            number = match.group()
            if number not in numbers_seen and number not in own_numbers:
                numbers_seen.add(number)
                found[number] = CitationRecord(None, number, Span(file, line_no, line_no))
    return list(found.values())


def _plain(title: str) -> str:
    """A title as printed, without the white space a line wrap left at its ends."""
    return title.strip()
