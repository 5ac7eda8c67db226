"""Table rows as the lines the text parsers read: one line a row, cells joined by a TAB.

Every reader resolves its format's merged cells into a `Row` first; the rules here are shared:
a cell's own line breaks are joined with no separator (the texts are Chinese), a TAB inside a
cell becomes a space (a TAB separates cells), an empty cell stays an empty string so columns
stay aligned, and a row that is one merged cell across the table (a group row,
`一、强化服务体系`) gives its text once.
"""
from __future__ import annotations

from dataclasses import dataclass

CELL_SEPARATOR = "\t"


@dataclass(frozen=True)
class Row:
    """A table row's cells, merged cells resolved: a cell a merge covers across columns is "",
    one a merge covers from the row above repeats that cell's text."""

    cells: tuple[str, ...]
    spans_all: bool = False   # the row is a single cell merged across every column


def cell_text(parts: list[str] | str) -> str:
    """A cell's text: its lines (paragraphs, PDF wraps, <br> parts) stripped and joined."""
    if isinstance(parts, str):
        parts = parts.splitlines()
    return "".join(part.strip() for part in parts).replace(CELL_SEPARATOR, " ")


def row_line(row: Row) -> str:
    if row.spans_all:
        return next((cell for cell in row.cells if cell), "")
    return CELL_SEPARATOR.join(row.cells)


def table_lines(rows: list[Row], locations: list[str], around: str
                ) -> tuple[list[str], list[str]]:
    """A table's lines and their locations: a blank line (located `around`) before and after the
    rows, one line a row."""
    lines = [""] + [row_line(row) for row in rows] + [""]
    return lines, [around] + locations + [around]
