"""DOCX → lines with python-docx: the body's paragraphs and tables in document order.

The zip's directory is checked before python-docx reads a byte of it (member count, declared
uncompressed size), so a zip bomb is refused, not unpacked.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from kg.extract.documents.errors import DocumentError
from kg.extract.documents.numbering import Numbering
from kg.extract.documents.rows import Row, cell_text, table_lines

MAX_MEMBERS = 2_000                     # a plan's DOCX has a few dozen parts
MAX_UNCOMPRESSED = 200 * 1024 * 1024    # bytes, all members together, as the zip declares them
# core properties kept as metadata, under these names, where the document sets them
CORE_PROPERTIES = {"title": "title", "author": "author", "created": "created",
                   "modified": "modified", "subject": "subject", "keywords": "keywords"}


def read_docx(path: Path) -> tuple[list[str], list[str], dict[str, str]]:
    _check_zip(path)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    numbering = Numbering(document)
    lines: list[str] = []
    locations: list[str] = []
    paragraphs = tables = 0
    for block in document.iter_inner_content():   # w:p and w:tbl children of w:body, in order
        if isinstance(block, Paragraph):
            paragraphs += 1
            lines.append(numbering.label(block._p) + paragraph_text(block.text))
            locations.append(f"paragraph {paragraphs}")
        elif isinstance(block, Table):
            tables += 1
            cells: dict = {}   # each cell's text once: a merged cell comes on every row it covers
            rows = [table_row(row, numbering, cells) for row in block.rows]
            more, where = table_lines(rows, [f"table {tables} row {n}"
                                             for n in range(1, len(rows) + 1)], f"table {tables}")
            lines += more
            locations += where
    return lines, locations, core_metadata(document.core_properties)


def paragraph_text(text: str) -> str:
    """A paragraph as one line: its line breaks (w:br) joined, its tabs (w:tab) spaces, since
    a TAB in a line is a table cell to the parsers."""
    return "".join(text.splitlines()).replace("\t", " ")


def table_row(row, numbering: Numbering, known: dict) -> Row:
    """python-docx gives a cell merged across columns (gridSpan) once for each column it covers,
    and a cell merged down (vMerge) as the top cell on every row it covers: the first is kept
    once (the covered columns empty), the second repeated. `known` holds the text of each cell
    (w:tc) read so far, so that a cell's list numbers are counted once."""
    cells = row.cells
    texts: list[str] = []
    previous = None
    for cell in cells:
        if cell._tc not in known:
            parts = tuple(numbering.label(p._p) + paragraph_text(p.text) for p in cell.paragraphs)
            known[cell._tc] = (cell_text(list(parts)), parts)
        texts.append("" if previous is not None and cell._tc is previous else known[cell._tc][0])
        previous = cell._tc
    spans_all = len(cells) > 1 and all(cell._tc is cells[0]._tc for cell in cells)
    return Row(tuple(texts), spans_all, known[cells[0]._tc][1] if cells else ())


def core_metadata(properties) -> dict[str, str]:
    metadata = {}
    for attribute, key in CORE_PROPERTIES.items():
        value = getattr(properties, attribute, None)
        if value is None or value == "":
            continue
        metadata[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return metadata


def _check_zip(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise DocumentError(path.name, "", f"the DOCX zip has {len(members)} members, over the "
                                f"{MAX_MEMBERS} a document may have")
        total = sum(member.file_size for member in members)
        if total > MAX_UNCOMPRESSED:
            raise DocumentError(path.name, "", f"the DOCX zip unpacks to {total / 2**20:.0f} MB, "
                                f"over the {MAX_UNCOMPRESSED // 2**20} MB a document may have")
