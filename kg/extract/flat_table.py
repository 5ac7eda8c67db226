"""An indicator table whose cells a PDF export flattened into running lines (万州 表1) read into records.

Rows are found by their 序号 and values by their shape; nothing here knows which plan it reads.

What the flattened layout looks like, and how each part is recognised:
- a header "类别 序号 主要指标" followed by one piece per line ("2020年", "实际值", "2025年",
  "目标值", "指标", "性质"); a header repeated at a page break is skipped wherever it appears;
- a category printed over short lines of its own ("健康" / "水平") just before the row it opens;
  a row with none before it continues the category above;
- a row starts with the next 序号 (1, 2, 3 … in order) followed by the indicator name, or with the
  序号 alone on its line ("22"); blank lines are ignored throughout;
- the name runs to its unit bracket ("（%）"): the last token ending in a closing bracket before the
  first number or dash; its wrapped parts are joined without a space, tokens on one line keep
  the one space printed between them ("每千人口拥有 3岁以下婴幼儿托位数（个）"), in name and printed;
- then one value per year column and the bindingness (约束性/预期性/指导性). A text value wrapped
  over lines is joined without a space ("同比例" / "提高" → "同比例提高"; "18条河流" / "达到 100%"
  → "18条河流达到 100%", the space printed inside the line kept); a comparator word printed apart
  from its number ("达到 100%") stays with it;
- a row split into sub-rows ("门诊 21.2 ≥35 预期性" / "住院 64.46 ≥60 预期性") has more than one
  bindingness-terminated group; each group may repeat the name, then prints its label (wrapped:
  "城镇职工医" / "保") and its values. A sub-row printing no bindingness (万州 row 22, 城乡居民医保:
  a merged cell in the original) takes the one printed for the sub-row above.
The table ends at a heading ("四、重点任务", "第二章"), a note ("注："), the next table title, or
the end of the text. Whatever does not fit raises PlanParseError with the line to look at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.records import IndicatorRecord, Span, ValueRecord
from kg.extract.tables import TABLE_TITLE, ColumnRole, column_role, split_unit
from kg.extract.text import PAGE_FOOTER, PlanParseError
from kg.extract.values import WORD_COMPARATORS, parse_value, value_record

# The first header line of a flattened indicator table: "类别 序号 主要指标"
FLAT_HEADER = re.compile(r"^(?:(?:指标)?类别\s+)?序号\s+(?:(?:指标)?类别\s+)?(?:主要指标|指标名称)$")
# One header piece on its own line: "2020年", "实际值", "2025年", "目标值", "指标", "性质"
HEADER_PIECE = re.compile(r"^(?:\d{4}年|实际值|现状|情况|目标值|目标|指标|性质|属性|指标性质|指标属性)$")
# A year column in the joined header: "2020年实际值", "2025年目标值"
YEAR_COLUMN = re.compile(r"\d{4}年(?:实际值|现状|情况|目标值|目标)")
# Where the table stops: "四、重点任务", "第二章 …", "注：床位数…", the next "表 2 …"
TABLE_END = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+[章节]|注[：:])")
# A row's start: "1 人均预期寿命（岁） 77.85 79 预期性", "22" (the name on the next lines)
ROW_START = re.compile(r"^(?P<number>\d{1,3})(?:\s+(?P<rest>\S.*))?$")
# A category piece on its own line: "健康", "水平"
CATEGORY_PIECE = re.compile(r"^[\u4e00-\u9fff]{1,6}$")
# A bindingness cell: "预期性", "约束性", "指导性"
BINDINGNESS = re.compile(r"^(?:约束性|预期性|指导性)$")
# A printed "no value": "——", "—"
NO_VALUE = re.compile(r"^[—－\-]{1,2}$")
# A name's closing bracket: "人均预期寿命（岁）", "使用率（%）", "（元）"
CLOSING_BRACKET = re.compile(r"[）)]$")
# Header lines allowed between the title and "类别 序号 主要指标"
MAX_TITLE_LINES = 3


@dataclass(frozen=True)
class _Piece:
    """A token (or tokens joined) of the table body with the lines it was printed on."""

    text: str
    first: int  # 1-based line
    last: int


def parse_flat_indicator_table(lines: list[str], start: int, file: str
                               ) -> tuple[list[IndicatorRecord], list[ValueRecord], list[ValueRecord]]:
    """(indicators, targets, baselines) of the flattened table whose title is at 0-based `start`."""
    content = _content(lines, start, file)
    columns, body = _strip_headers(content, file)
    indicators: list[IndicatorRecord] = []
    targets: list[ValueRecord] = []
    baselines: list[ValueRecord] = []
    for block, category in _row_blocks(body, file):
        for indicator, values in _read_row(block, category, columns, file):
            indicators.append(indicator)
            for record in values:
                (targets if record.kind == "target" else baselines).append(record)
    return indicators, targets, baselines


def _content(lines: list[str], start: int, file: str) -> list[_Piece]:
    """Non-blank lines (stripped, footers dropped) from the header to the table's end."""
    header = None
    for index in range(start, min(len(lines), start + 2 * MAX_TITLE_LINES + 2)):
        if FLAT_HEADER.match(lines[index].strip()):
            header = index
            break
    if header is None:
        raise PlanParseError(file, start + 1, "no flattened-table header (类别 序号 主要指标) "
                             "right after this title")
    content = []
    for index in range(header, len(lines)):
        text = lines[index].strip()
        if not text or PAGE_FOOTER.match(text):
            continue
        if TABLE_END.match(text) or (index > header and TABLE_TITLE.match(text)):
            break
        content.append(_Piece(text, index + 1, index + 1))
    return content


def _strip_headers(content: list[_Piece], file: str) -> tuple[list[ColumnRole], list[_Piece]]:
    """The year columns of the first header, and the body with every header (repeats too) removed."""
    columns: list[ColumnRole] | None = None
    body: list[_Piece] = []
    index = 0
    while index < len(content):
        if not FLAT_HEADER.match(content[index].text):
            body.append(content[index])
            index += 1
            continue
        pieces = []
        index += 1
        while index < len(content) and HEADER_PIECE.match(content[index].text):
            pieces.append(content[index].text)
            index += 1
        found = [column_role(text) for text in YEAR_COLUMN.findall("".join(pieces))]
        if columns is None:
            columns = found
        elif found != columns:
            raise PlanParseError(file, content[index - 1].first,
                                 "a repeated header names other year columns than the first")
    if not columns:
        raise PlanParseError(file, content[0].first,
                             "flattened-table header names no year column (2020年 / 实际值 …)")
    return columns, body


def _row_blocks(body: list[_Piece], file: str) -> list[tuple[list[_Piece], str | None]]:
    """Each row's lines with its category: lines from one 序号 to the next, category lines moved out."""
    starts, expected = [], 1
    for index, piece in enumerate(body):
        if _is_row_start(piece.text, expected):
            starts.append(index)
            expected += 1
    if not starts:
        raise PlanParseError(file, body[0].first if body else 1, "no row numbered 1 in the table")
    leading = body[:starts[0]]
    if any(not _is_category_piece(p.text) for p in leading):
        bad = next(p for p in leading if not _is_category_piece(p.text))
        raise PlanParseError(file, bad.first, f"{bad.text!r} before row 1 is neither header nor category")
    category = "".join(p.text for p in leading) or None
    blocks = []
    for position, first in enumerate(starts):
        block = body[first:starts[position + 1] if position + 1 < len(starts) else len(body)]
        following = []
        while len(block) > 1 and _is_category_piece(block[-1].text):
            following.insert(0, block.pop())
        blocks.append((block, category))
        category = "".join(p.text for p in following) or category
    return blocks


def _read_row(block: list[_Piece], category: str | None, columns: list[ColumnRole], file: str
              ) -> list[tuple[IndicatorRecord, list[ValueRecord]]]:
    """One row (or one per sub-row) with its values."""
    head = ROW_START.match(block[0].text)
    number = int(head.group("number"))
    tokens = _tokens(block, skip_first=True)
    printed, rest = _split_name(tokens, block[0], file)
    name, unit = split_unit(printed)
    groups = _bindingness_groups(rest)
    row_span = Span(file, block[0].first, block[-1].last)
    if len(groups) == 1:
        values, printed_bindingness = groups[0]
        bindingness = printed_bindingness.text if printed_bindingness else None
        pieces = _join_wraps(_pieces(values), len(columns), block[0], file)
        indicator = IndicatorRecord(name, printed, unit, category, number, row_span)
        return [(indicator, _values(pieces, columns, indicator, bindingness, row_span))]
    rows, bindingness = [], None
    for values, printed_bindingness in groups:
        bindingness = printed_bindingness.text if printed_bindingness else bindingness
        pieces = _pieces(_without_name(values, printed))
        if len(pieces) <= len(columns):
            raise PlanParseError(file, values[0].first if values else block[0].first,
                                 f"sub-row of row {number} needs a label and {len(columns)} values")
        label = "".join(p.text for p in pieces[:-len(columns)])
        span = Span(file, block[0].first, max(p.last for p in values + [printed_bindingness] if p))
        indicator = IndicatorRecord(name, printed, unit, category, number, span, qualifier=label)
        rows.append((indicator, _values(pieces[-len(columns):], columns, indicator, bindingness, span)))
    return rows


def _values(pieces: list[_Piece], columns: list[ColumnRole], indicator: IndicatorRecord,
            bindingness: str | None, span: Span) -> list[ValueRecord]:
    return [value_record(parse_value(piece.text), kind=column.kind, indicator=indicator.name,
                         year=column.year, span=span, bindingness=bindingness, unit=indicator.unit,
                         qualifier=indicator.qualifier)
            for piece, column in zip(pieces, columns)]


def _is_row_start(text: str, expected: int) -> bool:
    match = ROW_START.match(text)
    if not match or int(match.group("number")) != expected:
        return False
    rest = match.group("rest")
    return rest is None or not _is_value(rest.split()[0])


def _is_value(token: str) -> bool:
    """A token that can only be a cell value: a number, a dash, a bindingness word."""
    return parse_value(token).is_number or bool(NO_VALUE.match(token) or BINDINGNESS.match(token))


def _is_category_piece(text: str) -> bool:
    return bool(CATEGORY_PIECE.match(text)) and not BINDINGNESS.match(text)


def _tokens(block: list[_Piece], skip_first: bool) -> list[_Piece]:
    tokens = [_Piece(word, line.first, line.last) for line in block for word in line.text.split()]
    return tokens[1:] if skip_first else tokens


def _split_name(tokens: list[_Piece], row: _Piece, file: str) -> tuple[str, list[_Piece]]:
    """The printed name (to its unit bracket) and the tokens after it."""
    first_value = next((i for i, t in enumerate(tokens) if _is_value(t.text)), len(tokens))
    bracketed = [i for i in range(first_value) if CLOSING_BRACKET.search(tokens[i].text)]
    end = bracketed[-1] + 1 if bracketed else first_value
    if end == 0:
        raise PlanParseError(file, row.first, f"row {row.text.split()[0]} prints no indicator name")
    return _join(tokens[:end]).text, tokens[end:]


def _bindingness_groups(tokens: list[_Piece]) -> list[tuple[list[_Piece], _Piece | None]]:
    """Tokens cut after each bindingness word; a trailing group may print none."""
    groups, current = [], []
    for token in tokens:
        if BINDINGNESS.match(token.text):
            groups.append((current, token))
            current = []
        else:
            current.append(token)
    if current or not groups:
        groups.append((current, None))
    return groups


def _pieces(tokens: list[_Piece]) -> list[_Piece]:
    """Tokens with a comparator word printed apart joined to its number: "达到 100%"."""
    pieces: list[_Piece] = []
    for token in tokens:
        previous = pieces[-1] if pieces else None
        if previous and previous.text in WORD_COMPARATORS and previous.last == token.first:
            pieces[-1] = _join([previous, token])
        else:
            pieces.append(token)
    return pieces


def _join_wraps(pieces: list[_Piece], count: int, row: _Piece, file: str) -> list[_Piece]:
    """Join text values wrapped over lines until `count` values remain: "同比例" / "提高"."""
    while len(pieces) > count:
        for i in range(len(pieces) - 1):
            left, right = pieces[i], pieces[i + 1]
            if left.last < right.first and not _is_value(left.text) and not NO_VALUE.match(right.text):
                pieces[i:i + 2] = [_join([left, right])]
                break
        else:
            break
    if len(pieces) != count:
        printed = " | ".join(p.text for p in pieces)
        raise PlanParseError(file, row.first, f"row {row.text.split()[0]} has {len(pieces)} values "
                             f"({printed}) where the header has {count} year columns")
    return pieces


def _without_name(tokens: list[_Piece], printed: str) -> list[_Piece]:
    """A sub-row's tokens without the row's name, where the sub-row prints it again."""
    name = re.sub(r"\s+", "", printed)
    joined = ""
    for index, token in enumerate(tokens):
        joined += token.text
        if joined == name:
            return tokens[index + 1:]
        if not name.startswith(joined):
            break
    return tokens


def _join(pieces: list[_Piece]) -> _Piece:
    """Pieces as printed: a space between pieces on one line, nothing across a line wrap."""
    text = pieces[0].text
    for previous, piece in zip(pieces, pieces[1:]):
        text += (" " if previous.last == piece.first else "") + piece.text
    return _Piece(text, pieces[0].first, pieces[-1].last)
