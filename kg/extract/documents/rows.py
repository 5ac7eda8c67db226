"""Table rows as the lines the text parsers read: one line a row, cells joined by a TAB.

Every reader resolves its format's merged cells into a `Row` first; the rules here are shared:
a cell's own line breaks are joined with no separator (the texts are Chinese), a TAB inside a
cell becomes a space (a TAB separates cells), an empty cell stays an empty string so columns
stay aligned, and a row that is one merged cell across the table (a group row,
`一、强化服务体系`) gives its text once. A table of one column is a box (专栏1 …, a text framed
by rules), not a table: each of its cells' lines is a line of its own.
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
    parts: tuple[str, ...] = ()   # the lines of its first cell, as printed (for a box)


def cell_text(parts: list[str] | str) -> str:
    """A cell's text: its lines (paragraphs, PDF wraps, <br> parts) stripped and joined."""
    if isinstance(parts, str):
        parts = parts.splitlines()
    return "".join(part.strip() for part in parts).replace(CELL_SEPARATOR, " ")


def row_line(row: Row) -> str:
    if row.spans_all:
        return next((cell for cell in row.cells if cell), "")
    return CELL_SEPARATOR.join(row.cells)


def is_box(rows: list[Row]) -> bool:
    return all(len(row.cells) == 1 or row.spans_all for row in rows)


def table_lines(rows: list[Row], locations: list[str], around: str
                ) -> tuple[list[str], list[str]]:
    """A table's lines and their locations: a blank line (located `around`) before and after the
    rows, one line a row; a box's lines one a line, each located at its row."""
    if rows and is_box(rows):
        pairs = [(line, where) for row, where in zip(rows, locations)
                 for line in (part.strip().replace(CELL_SEPARATOR, " ") for part in row.parts)
                 if line]
        lines = [line for line, _ in pairs]
        located = [where for _, where in pairs]
    else:
        lines = [row_line(row) for row in rows]
        located = list(locations)
    return [""] + lines + [""], [around] + located + [around]
