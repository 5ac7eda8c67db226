"""Tables printed one row a line, as Word, PDF and web pages give them in text: cells separated by
TABs ("1\t完善…\t区卫生健康局"), by runs of two or more spaces (a fixed-width layout), or by `|`.

Reading only: rows of cells with the lines they came from (kg.extract.tables.TabTable, the form
the indicator-table parser reads too). What the columns mean is kg.extract.division's business.

- The header is the first line of a block that splits into three or more cells; every row after
  it is read with the same separator (for spaces, each cell goes to the header column it stands
  under, so an empty cell in the middle keeps the columns aligned).
- A line that does not split (a wrapped cell) joins the row above: for spaces, the cell it
  stands under; else the widest text cell of the row (the task's text).
- A line with one cell that is a heading (一、… / （一）…) is a group row when a row follows it.
- Page footers (—5—) and a header repeated after a page break are skipped; two blank lines, a
  line that is neither a row nor followed by one, or a heading, note or table title printed at
  the margin ("第三章 …", "三、组织实施", "注：…", "表2 …") end the table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.records import Span
from kg.extract.headings import classify
from kg.extract.tables import TABLE_TITLE, TabRow, TabTable
from kg.extract.text import PAGE_FOOTER, display_width

# A cell's text between runs of two or more spaces: "完善服务体系" in "1  完善服务体系  区卫健局"
TEXT_RUN = re.compile(r"[^\s]+(?: [^\s]+)*")
# A markdown-like separator row: "|---|:---:|", "| --- | --- |"
RULE_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# A heading row inside a table: "一、强化服务体系", "（二）提升能力", "第一部分 …"
GROUP_ROW = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+部分)\s*\S")
# A note under a table: "注：…", "备注："
TABLE_NOTE = re.compile(r"^(?:备)?注[：:]")
MIN_COLUMNS = 3


@dataclass(frozen=True)
class RowTable:
    table: TabTable
    separator: str  # "tab" | "spaces" | "pipe"
    group_rows: tuple[int, ...]  # indexes into table.rows of heading rows spanning the table
    # lines of rows with fewer TAB cells than the header (and more than one): a table copied out
    # of a page, whose cells merged down (rowspan) are left out, so its columns cannot be told
    short_rows: tuple[int, ...] = ()
    # indexes into table.rows of the first row after a header repeated past a page break: a row
    # with a blank 序号 there is the row above going on, its cells' text cut by the page
    continued_rows: tuple[int, ...] = ()
    # a table laid out by spaces as pdftotext -layout prints it, its cells wrapped over lines in
    # several columns at once: refused, as a table copied cell by cell is
    wrapped_layout: bool = False


def separator_of(line: str) -> str | None:
    """How a line splits into three or more cells, if it does."""
    if line.count("|") >= 2 and len(_pipe_cells(line)) >= MIN_COLUMNS:
        return "pipe"
    if "\t" in line.strip("\t") and len(line.split("\t")) >= MIN_COLUMNS:
        return "tab"
    if len(_segments(line)) >= MIN_COLUMNS:
        return "spaces"
    return None


def find_row_tables(lines: list[str], file: str, is_header) -> list[RowTable]:
    """Every table whose header line `is_header(cells)` accepts, in order."""
    found = []
    index = 0
    while index < len(lines):
        separator = separator_of(lines[index])
        if separator and is_header(_split(lines[index], separator, None)):
            table = _read(lines, index, separator, file)
            found.append(table)
            index = table.table.end
        else:
            index += 1
    return found


def split_line(line: str, separator: str) -> list[str]:
    return _split(line, separator, None)


def _read(lines: list[str], start: int, separator: str, file: str) -> RowTable:
    header_line = lines[start]
    header = _split(header_line, separator, None)
    starts = _columns_for(lines, start) if separator == "spaces" else None
    first_header: list[str] | None = None    # the header's first line, where a cell wrapped
    header_wrap: list[str] = []
    width = len(header)
    rows: list[list] = [[header, start + 1, start + 1]]  # cells, first line, last line (1-based)
    groups: list[int] = []
    short: list[int] = []
    continued: list[int] = []
    wrapped: set[int] = set()   # columns (but the first) a wrapped line adds text to
    index, last, blanks = start + 1, start + 1, 0
    while index < len(lines):
        line = lines[index]
        if not line.strip() or PAGE_FOOTER.match(line):
            blanks = blanks + 1 if not line.strip() else blanks
            if blanks >= 2:
                resumed = _header_again(lines, index, separator, starts, header)
                if resumed is None:
                    break
                index, blanks = resumed, 0   # the table goes on over a page: its header again
                continued.append(len(rows))
                continue
            index += 1
            continue
        if separator == "pipe" and RULE_ROW.match(line):
            index += 1
            continue
        cells = _split(line, separator, starts)
        if _norm(cells) == _norm(header) or first_header and _norm(_split(line, separator, None)) \
                == _norm(first_header):
            index += 1  # the header again, after a page break
            blanks = 0
            continued.append(len(rows))
            if separator == "spaces":   # each page lays its columns out afresh
                starts = _column_starts(line, starts.chars)
                index = _skip_header_wrap(lines, index, starts, header_wrap)
            continue
        if len(rows) == 1 and separator == "spaces" and _wraps_header(line, starts):
            # a header cell wrapped in its narrow column ("序" over "号"): joined to the header
            header_wrap = _split(line, separator, starts)
            first_header = list(header)
            header = [f"{cell}{more}" for cell, more in zip(header, header_wrap)]
            rows[0][0] = header
            index += 1
            continue
        if _is_row(line, separator):
            if separator == "tab" and 1 < len(cells) < width:
                short.append(index + 1)
            rows.append([_fit(cells, width), index + 1, index + 1])
        elif GROUP_ROW.match(line.strip()) and (
                _row_follows(lines, index + 1, separator)
                or (after := _header_again(lines, index + 1, separator, starts, header)) is not None
                and _row_follows(lines, after, separator)):
            groups.append(len(rows))
            rows.append([[line.strip()] + [""] * (width - 1), index + 1, index + 1])
        elif _ends_table(line, index + 1):
            break
        elif len(rows) > 1 and blanks == 0 or _row_follows(lines, index + 1, separator):
            if len(rows) == 1:
                break  # text under the header before any row: no table after all
            _wrap(rows[-1], cells, starts is not None, index + 1)
            if starts is not None:
                wrapped |= {column for column, text in enumerate(cells) if text and column}
        else:
            break
        last, blanks = index + 1, 0
        index += 1
    table_rows = tuple(TabRow(tuple(cells), tuple([first] * len(cells)), Span(file, first, end))
                       for cells, first, end in rows)
    # pdftotext -layout's table (columns counted in characters) whose cells wrap in two columns
    # or more: which line of a wrapped cell goes with which row cannot be told from the text
    refused = len(wrapped) >= 2 and bool(getattr(starts, "chars", False))
    return RowTable(TabTable(table_rows, Span(file, start + 1, last), last), separator,
                    tuple(groups), tuple(short), tuple(continued), refused)


def _header_again(lines: list[str], index: int, separator: str, starts, header: list[str]
                  ) -> int | None:
    """The index after a header row repeated past a page break (blank lines and page furniture
    between: a PDF's table ends at each page and the next page's part starts with the header), or
    None when what follows the blank lines is not the header."""
    for n in range(index, min(index + 12, len(lines))):
        line = lines[n]
        if not line.strip() or PAGE_FOOTER.match(line):
            continue
        same = separator_of(line) == separator and _norm(_split(line, separator, starts)) == _norm(header)
        return n + 1 if same else None
    return None


def _ends_table(line: str, line_no: int) -> bool:
    """A line printed at the margin that opens a heading ("第三章 …", "三、组织实施", "2．…"), a
    note ("注：…") or the next table's title: the text after the table, never a wrapped cell
    (a wrapped cell carries on a sentence, it does not open one with a number)."""
    if not line or line[0].isspace():
        return False
    text = line.strip()
    if TABLE_NOTE.match(text) or TABLE_TITLE.match(text):
        return True
    heading = classify(line, line_no)
    return heading is not None and heading.kind not in ("bare", "sub")


def _is_row(line: str, separator: str) -> bool:
    if separator == "pipe":
        return "|" in line
    if separator == "tab":
        return "\t" in line.strip() or line.startswith("\t") and line.strip() != ""
    return len(_segments(line)) >= 2


def _row_follows(lines: list[str], index: int, separator: str) -> bool:
    """A row of the table comes next, after at most one blank line or a footer."""
    blanks = 0
    while index < len(lines):
        line = lines[index]
        if PAGE_FOOTER.match(line):
            index += 1
            continue
        if not line.strip():
            blanks += 1
            if blanks > 1:
                return False
            index += 1
            continue
        return _is_row(line, separator)
    return False


def _wrap(row: list, cells: list[str], positional: bool, line: int) -> None:
    """A wrapped line joins the cell it stands under (spaces), else the row's widest cell."""
    if positional:
        for column, text in enumerate(cells):
            if text:
                row[0][column] += text
    else:
        text = "".join(c for c in cells if c)
        widest = max(range(len(row[0])), key=lambda i: len(row[0][i]))
        row[0][widest] += text
    row[2] = line


def _wraps_header(line: str, starts: list[int] | None) -> bool:
    """A line right under a space-laid header that holds only the rest of its header cells: a
    few characters under a column start, no number, no words of a row."""
    segments = _segments(line, getattr(starts, "chars", False))
    if not segments or starts is None or len(segments) > len(starts):
        return False
    return all(len(text) <= 4 and not any(ch.isdigit() for ch in text)
               and min(abs(s - position) for s in starts) <= 4 for position, text in segments)


def _skip_header_wrap(lines: list[str], index: int, starts: list[int], wrap: list[str]) -> int:
    """Past the repeated header's wrapped line ("号"), where the first header had one."""
    if wrap and index < len(lines) and _wraps_header(lines[index], starts) and \
            _norm(_split(lines[index], "spaces", None)) == _norm(wrap):
        return index + 1
    return index


def _fit(cells: list[str], width: int) -> list[str]:
    """A row with more cells than the header keeps the extra text in its last column."""
    if len(cells) > width:
        return cells[:width - 1] + ["".join(cells[width - 1:])]
    return cells + [""] * (width - len(cells))


def _split(line: str, separator: str, starts: list[int] | None) -> list[str]:
    if separator == "pipe":
        return _pipe_cells(line)
    if separator == "tab":
        return [cell.strip() for cell in line.rstrip("\n").split("\t")]
    segments = _segments(line, getattr(starts, "chars", False))
    if starts is None:
        return [text for _, text in segments]
    cells = [""] * len(starts)
    for position, text in (part for segment in segments for part in _at_columns(*segment, starts)):
        column = min(range(len(starts)), key=lambda i: abs(starts[i] - position))
        cells[column] = f"{cells[column]}{text}"
    return cells


def _at_columns(position: int, text: str, starts: list[int]) -> list[tuple[int, str]]:
    """A run of text cut where a single space stands at a column's start: pdftotext -layout
    leaves one space between cells that fill their columns ("县发改委、县 2025 年 6 月")."""
    parts, first, column = [], 0, position
    for index, char in enumerate(text):
        if char == " " and index > first:
            after = position + (len if getattr(starts, "chars", False) else display_width)(text[:index + 1])
            if any(start > position + 1 and abs(after - start) <= 1 for start in starts):
                parts.append((column, text[first:index]))
                first, column = index + 1, after
    parts.append((column, text[first:]))
    return [(at, part) for at, part in parts if part]


def _pipe_cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [cell.strip() for cell in body.split("|")]


def _segments(line: str, chars: bool = False) -> list[tuple[int, str]]:
    """(display column, text) of each run of text between runs of two or more spaces (or an
    ideographic space); single spaces stay inside a cell. `chars`: columns counted in characters,
    as pdftotext -layout aligns them, not in display width, as a text typed in a fixed-width
    editor is."""
    measure = len if chars else display_width
    return [(measure(line[:m.start()]), m.group()) for m in TEXT_RUN.finditer(line.rstrip())]


class Columns(list):
    """A space-laid header's column starts, and how they are counted (`chars`)."""

    chars: bool = False


def _column_starts(header: str, chars: bool = False) -> Columns:
    columns = Columns(position for position, _ in _segments(header, chars))
    columns.chars = chars
    return columns


def _columns_for(lines: list[str], start: int) -> Columns:
    """The header's column starts in the count its rows align to: display width, or characters
    (pdftotext -layout), whichever puts the next rows' cells nearer the header's columns."""
    header = lines[start]
    rows = [line for line in lines[start + 1:start + 16] if line.strip()][:10]
    costs = []
    for chars in (False, True):
        starts = _column_starts(header, chars)
        costs.append(sum(min(abs(s - position) for s in starts)
                         for line in rows for position, _ in _segments(line, chars)))
    return _column_starts(header, costs[1] < costs[0])


def _norm(cells: list[str]) -> list[str]:
    return [re.sub(r"\s+", "", c) for c in cells if c.strip()]
