"""Text copied out of a PDF put back together, its lines keeping their numbers.

A PDF's text, as `pdftotext` gives it or as a reader copies it from a viewer, breaks every
paragraph at the page width: a clause, a name, a number goes on at the next line, across a page
footer (`— 3 —`) too, and each page repeats its furniture (a page number, a browser's date, title
and URL). Here:

- page furniture is blanked: page numbers (`— 3 —`, `-3-`, `第 3 页`, `第3页 共5页`, `1/3`) and the
  lines a page break (form feed) shows at the top or the bottom of two pages or more;
- a line broken at the page width is joined by the next: a line is *full* when it reaches the
  text's measure (the width most of its long lines stop at, counted in display columns) and does
  not end a sentence; the line after it goes on the paragraph unless it opens a heading, an item,
  a responsibility line or a table row. The joined text stands on the first line and the lines it
  took are left blank, so every line keeps its number and a citation names the file's own lines;
- a table copied as text loses its columns: its header cells come one a line (`序号`, `工作任务`,
  `牵头单位` …). That is not read as prose in silence: it is said, with its lines, and the reader
  is told to read the PDF itself.

A text whose lines are not broken at a measure (one paragraph a line, as the five plans and text
written by hand are) is left as it is.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any

from kg.extract.records import Span
from kg.extract.text import display_width as width

# Page numbers a PDF prints: "— 3 —", "-3-", "－ 3 －", "第 3 页", "第3页 共5页", "第3页/共5页", "1/3", "3"
PAGE_NUMBER = re.compile(r"^\s*(?:[—\-－–]+\s*\d+\s*[—\-－–]+|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?"
                         r"|\d+\s*/\s*\d+)\s*$")
# A bare number: furniture only at a page's top or bottom ("3"), else a table's 序号 cell
BARE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
# Words of a table's header row, repeated at the top of each page it runs over: never furniture
TABLE_WORDS = re.compile(r"序号|牵头单位|责任单位|配合单位|完成时限|指标")
# A browser's print header and footer: its date and time, the page's URL
PRINT_STAMP = re.compile(r"^\s*(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*,?\s*\d{1,2}:\d{2}(?:\s*[AP]M)?"
                         r"|(?:file|https?)://\S+)\s*$")
# The end of a sentence or a clause, or of a title ("…工作方案的通知", "…实施方案（2024—2026年）"):
# a line ending so is no broken line
CLOSED = re.compile(r"(?:[。！？；：:;!?”」』]|(?:通知|方案|规划|计划|清单|意见|办法|要点|纲要)(?:[（(][^）)]*[）)])?)$")
# A line opening something of its own: a heading or item, a role or deadline line, a table row
OPENS = re.compile(r"^\s*(?:第[一二三四五六七八九十]+[章节]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
                   r"|\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[）)]|[①-⑳]|专栏\s*\d|附件|附表"
                   r"|(?:牵头|配合|协办|参与|责任|主要责任)(?:单位|部门)\s*[：:]|完成时限|完成时间|时间进度"
                   r"|\d{1,3}(?:\s|$))")   # a table row's number: "14 全区儿童青少年总体近视率（%） 51.81 …"
# The header cells of a task or indicator table, as they come one a line when a table is copied
HEADER_CELL = re.compile(r"^\s*(?:序号|编号|重点任务|主要任务|工作任务|任务内容|具体举措|具体措施|工作措施|具体任务|"
                         r"工作内容|牵头单位|牵头部门|配合单位|配合部门|协办单位|参与单位|责任单位|责任部门|"
                         r"主要责任单位|完成时限|完成时间|时间进度|指标|指标名称|单位|指标属性|指标性质|类别)\s*$")
# Cells a run of spaces apart: a row of a table laid out by spaces (pdftotext -layout prints them)
TABLE_GAP = re.compile(r"\S(?: {2,}|\u3000{2,})\S")
# A header cell as one word of a line: those above, and year columns ("2020年现状", "2025年目标")
HEADER_WORD = re.compile(HEADER_CELL.pattern.replace(r"^\s*(?:", r"^(?:\d{4}\s*年\s*(?:现状|目标|基期|预期)?值?|", 1))
MIN_WRAPPED = 3         # full lines not ending a sentence, at least, for a text to be hard-wrapped
SLACK = 6               # display columns short of the measure a full line may stop at (a
                        # paragraph's first line is indented 2em, which a PDF's text drops)
FURNITURE_EDGE = 3      # lines at the top or bottom of a page where its furniture stands


@dataclass
class Reflowed:
    lines: list[str]
    joined: int = 0                     # lines whose continuation was joined to them
    extent: dict[int, int] = field(default_factory=dict)  # 1-based line → the last line joined to it
    unjoined: list[str] = field(default_factory=list)     # the lines with furniture blanked only
    furniture: list[int] = field(default_factory=list)   # 1-based lines blanked as furniture
    warnings: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)


def reflow(lines: list[str], file: str, pages: list[int] | None = None) -> Reflowed:
    """`lines` with furniture blanked and broken lines joined (see the module's docstring).
    `pages`: the 0-based lines each page starts on, where the document says (a PDF read page by
    page); else form feeds in the text say it."""
    out = Reflowed(list(lines))
    _blank_furniture(out, pages)
    out.unjoined = list(out.lines)
    measure = _measure(out.lines)
    if measure is not None:
        _join(out, measure)
    _copied_tables(out, file)
    return out


def _blank_furniture(out: Reflowed, starts: list[int] | None) -> None:
    pages = _pages(out.lines, starts)
    edges: Counter[str] = Counter()
    if len(pages) > 1:
        for first, last in pages:
            content = [i for i in range(first, last) if out.lines[i].strip(" \f")]
            for i in content[:FURNITURE_EDGE] + content[-FURNITURE_EDGE:]:
                edges[_furniture_key(out.lines[i])] += 1
    for i, line in enumerate(out.lines):
        text = line.replace("\f", "")
        if "\t" in text or not text.strip():
            out.lines[i] = text
            continue
        edge = len(pages) > 1 and _at_edge(i, pages, out.lines)
        repeated = edge and edges[_furniture_key(line)] >= 2 and not TABLE_WORDS.search(text)
        if PAGE_NUMBER.match(text) or PRINT_STAMP.match(text) or repeated \
                or (edge and BARE_NUMBER.match(text)):
            out.lines[i] = ""
            out.furniture.append(i + 1)
        else:
            out.lines[i] = text


def _furniture_key(line: str) -> str:
    """A running head compared across pages: its digits (the page number) ignored."""
    return re.sub(r"\d+", "#", line.replace("\f", "").strip())


def _pages(lines: list[str], starts: list[int] | None = None) -> list[tuple[int, int]]:
    """The [first, last) line ranges of the pages: those `starts` gives, else those form feeds
    separate."""
    if starts:
        starts = sorted({0, *starts})
        return list(zip(starts, starts[1:] + [len(lines)]))
    starts = [0] + [i for i, line in enumerate(lines) if line.startswith("\f") and i]
    return list(zip(starts, starts[1:] + [len(lines)]))


def _at_edge(i: int, pages: list[tuple[int, int]], lines: list[str]) -> bool:
    for first, last in pages:
        if first <= i < last:
            content = [n for n in range(first, last) if lines[n].strip(" \f")]
            return i in content[:FURNITURE_EDGE] or i in content[-FURNITURE_EDGE:]
    return False


def _measure(lines: list[str]) -> int | None:
    """The width the text's broken lines stop at, or None when the text is not hard-wrapped: the
    widest width w with at least MIN_WRAPPED lines ending no sentence in [w - SLACK, w], a fifth
    of the lines half as wide or wider, and hardly a line wider (a text of one paragraph a line
    has many: its paragraphs run past any width its short lines share)."""
    prose = [(width(line.rstrip()), not CLOSED.search(line.rstrip())) for line in lines
             if _prose(line)]
    widths = [w for w, _ in prose]
    open_widths = [w for w, is_open in prose if is_open]
    for w in sorted(set(open_widths), reverse=True):
        if w < 40:
            return None
        near = sum(1 for v in open_widths if w - SLACK <= v <= w)
        wider = sum(1 for v in widths if v > w)
        half = sum(1 for v in widths if v >= w / 2)
        if near >= MIN_WRAPPED and near >= half / 5 and wider <= max(2, len(widths) / 20):
            return w
    return None


def _prose(line: str) -> bool:
    """A line of text that may be a paragraph's part: not blank, no table row (a TAB, a pipe, a run
    of spaces between its words), not set far to the right (a signature, a date)."""
    text = line.rstrip()
    return bool(text.strip()) and "\t" not in text and "|" not in text \
        and not TABLE_GAP.search(text.strip()) and len(text) - len(text.lstrip()) < 16


def _full(line: str, measure: int) -> bool:
    text = line.rstrip()
    return _prose(line) and width(text) >= measure - SLACK and not CLOSED.search(text)


def _join(out: Reflowed, measure: int) -> None:
    lines = out.lines
    i = 0
    while i < len(lines):
        if not _full(lines[i], measure):
            i += 1
            continue
        last = lines[i]            # the physical line the joined text ends with
        while _full(last, measure):
            following = _next_content(lines, i + 1)
            if following is None or OPENS.match(lines[following]) or not _prose(lines[following]):
                break
            last = lines[following]
            lines[i] = lines[i].rstrip() + last.strip()
            lines[following] = ""
            out.joined += 1
            out.extent[i + 1] = following + 1
        i += 1


def _next_content(lines: list[str], start: int) -> int | None:
    """The next line with text (furniture is blank by now), within a page break's reach."""
    for n in range(start, min(start + 8, len(lines))):
        if lines[n].strip():
            return n
    return None


def _copied_tables(out: Reflowed, file: str) -> None:
    """Runs of header cells one a line: a table whose columns were lost in the copy."""
    run: list[int] = []
    for i, line in enumerate(out.lines + [""]):
        if line.strip() and HEADER_CELL.match(line):
            run.append(i)
            continue
        if not line.strip() and run and i - run[-1] <= 2:
            continue
        words = line.split()
        header_line = len(words) >= 2 and sum(1 for w in words if HEADER_WORD.match(w)) >= 2
        if len(run) >= 3 or len(run) >= 2 and header_line:
            message = (f"{file} lines {run[0] + 1}-{run[-1] + 1}: a table copied as text, its cells one "
                       "after another (the columns are lost), so its rows cannot be read from this "
                       "text: read the PDF itself (plankg reads .pdf)")
            out.warnings.append(message)
            out.unread.append(message)
        run = []


def stretch(value: Any, extent: dict[int, int]) -> Any:
    """`value` (records, a record, a list of them) with every Span ending on a joined line made to
    end on the last line joined to it: a citation names every line the text stood on."""
    if isinstance(value, Span):
        end = extent.get(value.end_line)
        return replace(value, end_line=end) if end else value
    if isinstance(value, list):
        value[:] = [stretch(item, extent) for item in value]
        return value
    if isinstance(value, tuple):
        return tuple(stretch(item, extent) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: new for f in fields(value)
                   if (new := stretch(old := getattr(value, f.name), extent)) is not old}
        if not changed:
            return value
        if value.__dataclass_params__.frozen:
            return replace(value, **changed)
        for name, new in changed.items():
            setattr(value, name, new)
    return value
