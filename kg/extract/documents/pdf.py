"""PDF → lines with pdfplumber: each page's text lines top to bottom, its ruled tables as TAB rows
in their place (their words not repeated as text lines), page footers (—5—) kept as printed.
"""
from __future__ import annotations

from pathlib import Path

from kg.extract.documents.errors import DocumentError
from kg.extract.documents.rows import Row, cell_text, table_lines

MAX_PAGES = 2_000        # the longest plan runs to a few hundred pages
TOLERANCE = 1.0          # points: two cell edges this close are one edge
# the document information dictionary's keys kept as metadata, under these names
INFO_KEYS = {"Title": "title", "Author": "author", "Subject": "subject", "Keywords": "keywords",
             "Creator": "creator", "Producer": "producer", "CreationDate": "created",
             "ModDate": "modified"}


def read_pdf(path: Path) -> tuple[list[str], list[str], dict[str, str]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
    except PDFPasswordIncorrect as error:
        raise DocumentError(path.name, "", "the PDF is encrypted: save a copy without a "
                            "password") from error
    with pdf:
        pages = pdf.pages
        if len(pages) > MAX_PAGES:
            raise DocumentError(path.name, "", f"{len(pages)} pages, over the {MAX_PAGES} a "
                                "plan document may have")
        lines: list[str] = []
        locations: list[str] = []
        for number, page in enumerate(pages, start=1):
            more, where = page_lines(page, number)
            lines += more
            locations += where
            page.close()   # frees the page's parsed objects: a long PDF is read page by page
        return lines, locations, info_metadata(pdf.metadata)


def page_lines(page, number: int) -> tuple[list[str], list[str]]:
    """One page's lines: text lines and tables merged by their top edge."""
    tables = page.find_tables()   # the default "lines" strategy: tables drawn with rules
    boxes = [table.bbox for table in tables]

    def outside_tables(obj) -> bool:
        return obj.get("object_type") != "char" or not any(_centre_in(obj, box) for box in boxes)

    text_page = page.filter(outside_tables) if boxes else page
    blocks: list[tuple[float, list[str], list[str]]] = []
    for n, line in enumerate(text_page.extract_text_lines(strip=True), start=1):
        blocks.append((line["top"], [line["text"]], [f"p.{number} l.{n}"]))
    for t, table in enumerate(tables, start=1):
        rows = table_rows(table)
        more, where = table_lines(rows, [f"p.{number} table {t} row {r}"
                                         for r in range(1, len(rows) + 1)],
                                  f"p.{number} table {t}")
        blocks.append((table.bbox[1], more, where))
    blocks.sort(key=lambda block: block[0])
    lines = [line for _, more, _ in blocks for line in more]
    return lines, [where for _, _, located in blocks for where in located]


def table_rows(table) -> list[Row]:
    """The table's rows with merged cells resolved. pdfplumber gives a merged cell once, in the
    row and column where it starts, and None where it covers: a None covered from the left is
    an empty cell, one covered from above repeats the cell above; a None covered by neither (no
    cell drawn there) is empty too."""
    texts = table.extract()
    grid = [row.cells for row in table.rows]
    columns = sorted({cell[0] for cell in table.cells})
    resolved: list[Row] = []
    for r, (boxes, row_texts) in enumerate(zip(grid, texts)):
        cells: list[str] = []
        covered_from_left = 0
        for c, (box, text) in enumerate(zip(boxes, row_texts)):
            if box is not None:
                cells.append(cell_text(text or ""))
                continue
            if _covered_from_left(boxes, columns, c):
                covered_from_left += 1
                cells.append("")
            else:
                cells.append(_from_above(grid, texts, r, c))
        starts = [box for box in boxes if box is not None]
        spans_all = (len(boxes) > 1 and len(starts) == 1 and boxes[0] is not None
                     and covered_from_left == len(boxes) - 1)
        first = next((text for text in row_texts if text is not None), "") or ""
        resolved.append(Row(tuple(cells), spans_all, tuple(first.split("\n"))))
    return resolved


def _covered_from_left(boxes: list, columns: list[float], c: int) -> bool:
    for box in reversed(boxes[:c]):
        if box is not None:
            return box[2] > columns[c] + TOLERANCE
    return False


def _from_above(grid: list[list], texts: list[list], r: int, c: int) -> str:
    top = min(box[1] for box in grid[r] if box is not None)
    for above in range(r - 1, -1, -1):
        box = grid[above][c]
        if box is not None:
            return cell_text(texts[above][c] or "") if box[3] > top + TOLERANCE else ""
    return ""


def _centre_in(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def info_metadata(info: dict) -> dict[str, str]:
    metadata = {}
    for key, name in INFO_KEYS.items():
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        if value is not None and str(value).strip():
            metadata[name] = str(value).strip()
    return metadata
