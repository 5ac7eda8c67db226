"""Tab-per-cell tables (表1 主要发展指标, 附件1 主要指标, 表2 …床位配置表) read into indicator records.

Reading (rows of cells with line spans) is kept apart from what the columns mean (header roles).

Layout of a tab table in these texts:
- a row starts after a blank line; each cell is a line beginning with a TAB (a cell that is
  only a TAB, maybe followed by spaces, is an empty cell);
- a cell's text may wrap onto lines that do not start with a TAB, either directly ("\\t指标" /
  "属性") or after single blank lines ("\\t疾病", "", "预防控", "", "制体系"); wrapped parts are
  joined without spaces;
- the table ends at two blank lines in a row, at the end of the file, or at a text line after a
  blank line that is not a wrap. A text line after a blank line is a wrap only when it (with any
  further one-line parts each after a single blank line) is directly followed by a TAB line:
  that is how the wrapped cells above read, and how a "注：…" note or the next paragraph does not.
  A text line directly after a cell, with no blank line between, is always read as a wrap.

Callers dispatch on what find_tables gives: a title whose table has TAB cells (is_tab_table) is
read with read_tab_table, then parse_allocation_table when its second header row has 下限/上限,
else parse_indicator_table; a 表N title with no TAB cells is a PDF-flattened table
(kg.extract.flat_table).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.extract.records import IndicatorRecord, Span, ValueRecord
from kg.extract.text import PAGE_FOOTER, PlanParseError, split_scope
from kg.extract.values import parse_value, value_record

# A numbered table title: "表1  主要发展指标", "表 1 万州区“十四五”卫生健康事业发展主要指标"
TABLE_TITLE = re.compile(r"^\s*表\s*\d+\s+\S.{0,80}$")
# An annex heading standing alone on its line, its title on the next lines: "附件1", " 附件"
ANNEX_HEADING = re.compile(r"^\s*附件\s*\d*\s*$")
# Title lines allowed between a table's start and its first cell: "附件1" / "主要指标"
MAX_TITLE_LINES = 3

# Header cells (white space removed) and the role of their column:
# "序号"
NUMBER_HEADER = re.compile(r"^序号$")
# "类别", "指标类别"
CATEGORY_HEADER = re.compile(r"^(?:指标)?类别$")
# "主要指标", "指标名称", "指标（单位）"
NAME_HEADER = re.compile(r"^(?:主要指标|指标名称|指标|具体指标)(?:[（(]单位[）)])?$")
# A column of units beside the name: "单位", "计量单位"
UNIT_HEADER = re.compile(r"^(?:计量)?单位$")
# "指标性质", "指标属性" (the latter printed wrapped: "\t指标" / "属性")
BINDINGNESS_HEADER = re.compile(r"^指标(?:性质|属性)$")
# A year column: "2020年现状", "2025年情况", "2027年目标", "2020年实际值", "2025年编制床位配置目标"
YEAR_HEADER = re.compile(r"^(?P<year>\d{4})年(?P<label>.*?)"
                         r"(?P<kind>现状值|现状|情况|实际值|基期值|基数|目标值|目标)$")
BASELINE_WORDS = ("现状值", "现状", "情况", "实际值", "基期值", "基数")
# Columns of an allocation table: "机构类型" and "医疗机构名称"
INSTITUTION_TYPE_HEADER = re.compile(r"^(?:机构)?类型$")
INSTITUTION_NAME_HEADER = re.compile(r"名称$")
# The second header row of an allocation table: "下限", "上限"
LOWER, UPPER = "下限", "上限"

# A unit in the last bracket of an indicator name: "婴儿死亡率（‰）", "…的比例（%)", "（/10 万）";
# a bracket holding a clause ("（含中医医院，下同）") is not a unit.
UNIT_BRACKET = re.compile(r"[（(]\s*(?P<unit>[^（）()，,、；]{1,8}?)\s*[）)]\s*$")
# A 序号 cell: "1", "19"
ROW_NUMBER = re.compile(r"^\d{1,3}$")


@dataclass(frozen=True)
class TabRow:
    """One table row: its cells' texts (wraps joined) and where they were printed."""

    cells: tuple[str, ...]
    cell_lines: tuple[int, ...]  # 1-based line of each cell's TAB line
    span: Span  # first to last printed line of the row (wrapped parts included)


@dataclass(frozen=True)
class TabTable:
    rows: tuple[TabRow, ...]
    span: Span  # first cell line to last content line
    end: int  # 0-based index of the first line after the table (to resume scanning there)


@dataclass(frozen=True)
class ColumnRole:
    """What a header cell says its column holds."""

    role: str  # number | category | name | bindingness | year | other
    year: int | None = None
    kind: str | None = None  # baseline | target, for a year column
    label: str = ""  # words between the year and the kind: "编制床位配置"


def find_tables(lines: list[str]) -> list[tuple[int, str]]:
    """Tables by their title lines: (0-based index of the title's first line, title).

    "表1  主要发展指标" → its line; "附件1" followed by "主要指标" and TAB cells → "附件1 主要指标".
    An annex heading not followed by TAB cells (附件3 名词解释) is not a table.
    """
    found = []
    for index, line in enumerate(lines):
        if TABLE_TITLE.match(line) and not line.rstrip().endswith("。"):
            found.append((index, line.strip()))
        elif ANNEX_HEADING.match(line) and _first_cell(lines, index) is not None:
            titles = [t.strip() for t in lines[index + 1:_first_cell(lines, index)] if t.strip()]
            found.append((index, f"{line.strip()} {''.join(titles)}".strip()))
    return found


def is_tab_table(lines: list[str], start: int) -> bool:
    """True when TAB cells follow the title at `start` (False for a PDF-flattened table)."""
    return _first_cell(lines, start) is not None


def read_tab_table(lines: list[str], start: int, file: str) -> TabTable:
    """The tab table at 0-based index `start` (its title line or first cell; title lines skipped)."""
    first = _first_cell(lines, start)
    if first is None:
        raise PlanParseError(file, start + 1, "no table cell (a line starting with a TAB) within "
                             f"{MAX_TITLE_LINES} lines: not a tab table (a flattened one?)")
    rows: list[TabRow] = []
    cells: list[tuple[list[str], int]] = []  # (wrapped parts, 0-based line) of the open row
    row_first = last = first
    blank_run = 0
    for index in range(first, len(lines)):
        line = lines[index]
        if PAGE_FOOTER.match(line):
            continue
        if _is_cell(line):
            if blank_run and cells:
                rows.append(_row(cells, row_first, last, file))
                cells, row_first = [], index
            cells.append(([line[1:].strip()], index))
        elif not line.strip():
            blank_run += 1
            if blank_run > 1:
                break
            continue
        elif blank_run == 0 or _wrap_follows(lines, index):
            cells[-1][0].append(line.strip())
        else:
            break
        blank_run, last = 0, index
    rows.append(_row(cells, row_first, last, file))
    return TabTable(tuple(rows), Span(file, first + 1, last + 1), last + 1)


def parse_indicator_table(table: TabTable, file: str
                          ) -> tuple[list[IndicatorRecord], list[ValueRecord], list[ValueRecord]]:
    """(indicators, targets, baselines) of an indicator table whose first row is its header.

    A row whose cell count differs from the header's raises PlanParseError naming its line: a
    missing cell cannot be placed, and guessing would shift values into the wrong years. An empty
    value cell (a lone TAB) gives no ValueRecord; a printed "—" gives one with text only.
    """
    header, *body = table.rows
    roles = [column_role(cell) for cell in header.cells]
    if body and {LOWER, UPPER} <= set(body[0].cells):
        raise PlanParseError(file, body[0].span.start_line,
                             "a 下限/上限 header row: read this table with parse_allocation_table")
    _require_indicator_header(header, roles, file)
    indicators: list[IndicatorRecord] = []
    targets: list[ValueRecord] = []
    baselines: list[ValueRecord] = []
    category = None
    for row in body:
        if not any(row.cells):
            continue
        _require_width(row, header, file)
        cells = dict(zip((r.role for r in roles), row.cells))
        category = cells.get("category") or category
        indicator = _indicator(row, cells, category, file)
        scope = split_scope(split_unit(indicator.printed)[0])[1]
        indicators.append(indicator)
        bindingness = cells.get("bindingness") or None
        for role, text in zip(roles, row.cells):
            if role.role != "year" or not text:
                continue
            record = value_record(parse_value(text), kind=role.kind, indicator=indicator.name,
                                  year=role.year, span=row.span, bindingness=bindingness,
                                  unit=indicator.unit, scope=scope)
            (targets if role.kind == "target" else baselines).append(record)
    return indicators, targets, baselines


def parse_allocation_table(table: TabTable, file: str) -> tuple[list[IndicatorRecord], list[ValueRecord]]:
    """(indicators, targets) of an allocation table with 下限/上限 columns (华蓥 表2).

    One indicator, named by the year column's header ("2025年编制床位配置目标" → "编制床位配置"),
    with no unit: the table prints none (张 is only implied by the words 床位), and nothing is
    inferred. One range target per row, `text` the two printed cells joined as "540-600" (which
    parse_value reads back to the same range): subject = the institution-name cell; a row without
    one (a subtotal: 总床位数, 一、医院, 1.公立医院) keeps its institution-type cell as qualifier;
    a row with both (1.1县办公立医院 / 华蓥市人民医院) has the name as subject and no qualifier.
    The 备注 column has no place in the records and is not read.
    """
    if len(table.rows) < 3:
        raise PlanParseError(file, table.span.start_line,
                             "an allocation table needs two header rows and at least one row")
    header, sub_header, *body = table.rows
    columns = _allocation_columns(header, sub_header, file)
    year_role = next(role for role in columns if role.role == "min")
    name, unit = split_unit(year_role.label)
    printed = next(cell for cell in header.cells if column_role(cell).role == "year")
    indicator = IndicatorRecord(name=name, printed=printed, unit=unit, category=None, number=None,
                                span=Span(file, header.span.start_line, sub_header.span.end_line))
    targets = []
    for row in body:
        if not any(row.cells):
            continue
        _require_width(row, sub_header, file)
        cells = {role.role: text for role, text in zip(columns, row.cells)}
        lines = {role.role: line for role, line in zip(columns, row.cell_lines)}
        low, high = (_bound(cells[end], lines[end], file) for end in ("min", "max"))
        subject = cells.get("subject") or None
        qualifier = None if subject else cells.get("type") or None
        if subject is None and qualifier is None:
            raise PlanParseError(file, row.span.start_line,
                                 "allocation row names neither an institution nor a type")
        targets.append(ValueRecord(
            kind=year_role.kind, indicator=name, year=year_role.year, span=row.span,
            text=f"{cells['min']}-{cells['max']}", comparator="range", min=low, max=high,
            bindingness=cells.get("bindingness") or None, qualifier=qualifier,
            subject=subject, unit=unit))
    return [indicator], targets


def is_indicator_header(cells: list[str]) -> bool:
    """A header naming an indicator column and a year column: "指标名称 | 2025年目标 | …"."""
    roles = [column_role(cell).role for cell in cells]
    return "name" in roles and "year" in roles


def column_role(header: str) -> ColumnRole:
    """The role of a header cell: "2025年目标" → year 2025 target; "指标属性" → bindingness."""
    text = re.sub(r"\s+", "", header)
    year = YEAR_HEADER.match(text)
    if year:
        kind = "baseline" if year.group("kind") in BASELINE_WORDS else "target"
        return ColumnRole("year", int(year.group("year")), kind, year.group("label"))
    for role, pattern in (("number", NUMBER_HEADER), ("category", CATEGORY_HEADER),
                          ("name", NAME_HEADER), ("unit", UNIT_HEADER),
                          ("bindingness", BINDINGNESS_HEADER),
                          ("type", INSTITUTION_TYPE_HEADER), ("subject", INSTITUTION_NAME_HEADER)):
        if pattern.search(text):
            return ColumnRole(role)
    return ColumnRole("other")


def split_unit(printed: str) -> tuple[str, str | None]:
    """Name and unit of a printed indicator name: the name as printed, the unit without spaces.

    "婴儿死亡率（‰）" → ("婴儿死亡率", "‰"); "孕产妇死亡率（/10 万）" → (…, "/10万"); "医护比" → ("医护比", None).
    A space printed inside the name stays ("每千人口拥有执业（助理） 医师数"): records.py and
    docs/extraction.md keep names as printed and drop spaces only inside the unit bracket.
    """
    match = UNIT_BRACKET.search(printed)
    if not match:
        return printed.strip(), None
    return printed[:match.start()].strip(), re.sub(r"\s+", "", match.group("unit"))


def _is_cell(line: str) -> bool:
    return line.startswith("\t")


def _is_text(line: str) -> bool:
    return bool(line.strip()) and not _is_cell(line)


def _first_cell(lines: list[str], start: int) -> int | None:
    """Index of the first TAB line at or after `start`, past at most MAX_TITLE_LINES text lines."""
    titles = 0
    for index in range(start, len(lines)):
        if _is_cell(lines[index]):
            return index
        if lines[index].strip():
            titles += 1
            if titles > MAX_TITLE_LINES:
                return None
    return None


def _wrap_follows(lines: list[str], index: int) -> bool:
    """Is the text line at `index` (after a blank line) a wrapped part of the open cell?"""
    while True:
        if index + 1 < len(lines) and _is_cell(lines[index + 1]):
            return True
        if index + 2 < len(lines) and not lines[index + 1].strip() and _is_text(lines[index + 2]):
            index += 2
            continue
        return False


def _row(cells: list[tuple[list[str], int]], first: int, last: int, file: str) -> TabRow:
    return TabRow(cells=tuple("".join(parts) for parts, _ in cells),
                  cell_lines=tuple(line + 1 for _, line in cells),
                  span=Span(file, first + 1, last + 1))


def _require_indicator_header(header: TabRow, roles: list[ColumnRole], file: str) -> None:
    found = {role.role for role in roles}
    if "name" not in found or "year" not in found:
        raise PlanParseError(file, header.span.start_line,
                             "indicator table header needs a 主要指标/指标名称 column and a year "
                             f"column (2025年目标 …); found {' | '.join(header.cells)}")


def _require_width(row: TabRow, header: TabRow, file: str) -> None:
    if len(row.cells) != len(header.cells):
        raise PlanParseError(
            file, row.span.start_line,
            f"table row has {len(row.cells)} cells but its header has {len(header.cells)} "
            f"({' | '.join(header.cells)}); an empty cell must be printed as a line holding only a TAB")


def _indicator(row: TabRow, cells: dict[str, str], category: str | None, file: str) -> IndicatorRecord:
    printed = cells.get("name", "")
    if not printed:
        raise PlanParseError(file, row.span.start_line, "indicator row has an empty name cell")
    name, unit = split_unit(printed)
    name = split_scope(name)[0]
    unit = unit or cells.get("unit") or None  # a 单位 column: "人", "%"
    number = cells.get("number", "")
    return IndicatorRecord(name=name, printed=printed, unit=unit, category=category,
                           number=int(number) if ROW_NUMBER.match(number) else None, span=row.span)


def _allocation_columns(header: TabRow, sub_header: TabRow, file: str) -> list[ColumnRole]:
    """Column roles of the data rows: the header cell over 下限/上限 spans both columns."""
    columns: list[ColumnRole] = []
    position = 0
    for sub in sub_header.cells:
        if position >= len(header.cells):
            break
        role = column_role(header.cells[position])
        if sub in (LOWER, UPPER):
            if role.role != "year":
                raise PlanParseError(file, sub_header.span.start_line,
                                     f"{sub} stands under {header.cells[position]!r}, not a year column")
            columns.append(ColumnRole("min" if sub == LOWER else "max", role.year, role.kind, role.label))
            position += sub == UPPER
        elif sub:
            raise PlanParseError(file, sub_header.span.start_line,
                                 f"second header row may only hold 下限/上限, found {sub!r}")
        else:
            columns.append(role)
            position += 1
    if position != len(header.cells) or [c.role for c in columns].count("min") != 1 \
            or [c.role for c in columns].count("max") != 1:
        raise PlanParseError(file, header.span.start_line,
                             "allocation header: expected one year column over 下限 and 上限, found "
                             f"{' | '.join(header.cells)} / {' | '.join(sub_header.cells)}")
    return columns


def _bound(text: str, line: int, file: str) -> Decimal:
    parsed = parse_value(text)
    if parsed.comparator != "=":
        raise PlanParseError(file, line, f"下限/上限 cell {text!r} is not a plain number")
    return parsed.value
