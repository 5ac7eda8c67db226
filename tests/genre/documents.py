"""The genre set's document plans: a Word file, a PDF and a government web page, built at test time.

Each is built from its text in plans/ (the spec its expectation cites): a line with TABs is a table
row, every other non-blank line a paragraph; a blank first cell continues the row above.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import jinja2

PLANS = Path(__file__).parent / "plans"
TEMPLATES = Path(__file__).parent / "templates"

# A top-level heading, printed bold in the documents: "二、重点任务", "三、保障措施"
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
# A page footer the PDF prints itself: "—5—"
PAGE_FOOTER = re.compile(r"^—\d+—$")
# The annex heading a Word file starts on a page of its own: "附件", "附件2"
ANNEX_HEADING = re.compile(r"^附件\d*$")
# A numbered item a list page prints as an <li> of an <ol>, its number left to the browser: "1.建设…"
LIST_ITEM = re.compile(r"^\d+\.")
# A spec's cell merged with the cell above it (a rowspan, a Word vertical merge); printed blank
MERGED = "^"
CJK_FONT = "STSong-Light"  # reportlab's built-in Adobe-GB1 CID font: no font file needed


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int  # 1-based line in the text spec


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    line: int  # the header row's line


@dataclass(frozen=True)
class Plan:
    """A text spec read as the blocks a document is made of."""

    title: str
    blocks: tuple[Paragraph | Table, ...]

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass(frozen=True)
class NumberedList:
    """Numbered paragraphs printed one after another: one <ol> on a list page."""

    items: tuple[Paragraph, ...]


def list_blocks(plan: Plan) -> list[Paragraph | Table | NumberedList]:
    """The plan's blocks with each run of numbered paragraphs (LIST_ITEM) made one NumberedList."""
    blocks: list[Paragraph | Table | NumberedList] = []
    for block in plan.blocks:
        if isinstance(block, Paragraph) and LIST_ITEM.match(block.text):
            if blocks and isinstance(blocks[-1], NumberedList):
                blocks[-1] = NumberedList(blocks[-1].items + (block,))
            else:
                blocks.append(NumberedList((block,)))
            continue
        blocks.append(block)
    return blocks


def read_plan(source: Path, title: str) -> Plan:
    """The blocks of one text spec; a TAB row joins the table right above it."""
    blocks: list[Paragraph | Table] = []
    rows: list[tuple[str, ...]] = []
    first = 0
    for number, line in enumerate(Path(source).read_text(encoding="utf-8").split("\n"), start=1):
        if "\t" in line:
            if not rows:
                first = number
            rows.append(tuple(cell.strip() for cell in line.split("\t")))
            continue
        if rows:
            blocks.append(Table(_square(rows), first))
            rows = []
        if line.strip() and not PAGE_FOOTER.match(line.strip()):
            blocks.append(Paragraph(line.strip(), number))
    if rows:
        blocks.append(Table(_square(rows), first))
    if not any(isinstance(b, Paragraph) and b.text == title for b in blocks):
        raise ValueError(f"{Path(source).name}: no line prints the title {title!r}")
    return Plan(title, tuple(blocks))


def _square(rows: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    width = max(len(row) for row in rows)
    return tuple(row + ("",) * (width - len(row)) for row in rows)


def row_spans(rows: tuple[tuple[str, ...], ...]) -> list[list[tuple[int, str, int]]]:
    """Each row's cells as (column, text, rows spanned), a cell merged into the one above (MERGED)
    left out: what a web page's <td rowspan> and a Word table's vertical merge print."""
    spans: list[list[tuple[int, str, int]]] = []
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            if text == MERGED:
                continue
            down = 1
            while r + down < len(rows) and rows[r + down][c] == MERGED:
                down += 1
            cells.append((c, text, down))
        spans.append(cells)
    return spans


def printed(text: str) -> str:
    """A cell as a page prints it: a merged cell blank."""
    return "" if text == MERGED else text


def is_group_row(row: tuple[str, ...]) -> bool:
    """A heading row of a table: only its first one or two cells are printed (一、…, （一）…)."""
    return bool(row[0]) and not any(row[2:]) and not row[0].isdigit()


def is_continuation_row(row: tuple[str, ...]) -> bool:
    """A row with a blank 序号 and task cell: it adds units to the task above."""
    return not row[0] and not row[1]


def build_docx(plan: Plan, out: Path) -> Path:
    """A Word file: paragraphs, and each table a real Word table with merged cells whose header row
    Word repeats on every page the table runs over (重复标题行); an annex starts on a new page."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "仿宋_GB2312"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    normal.font.size = Pt(16)
    _page_number_footer(document.sections[0].footer.paragraphs[0])
    for block in plan.blocks:
        if isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block.text)
            if block.text == plan.title:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run.bold = True
                run.font.size = Pt(22)
            elif HEADING.match(block.text):
                run.bold = True
            elif ANNEX_HEADING.match(block.text):
                paragraph.paragraph_format.page_break_before = True
            continue
        table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
        table.style = "Table Grid"
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(header)
        widths = _word_widths(block.rows[0])
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = width   # the table grid (w:gridCol), which LibreOffice lays out by
        for r, row in enumerate(block.rows):
            cells = table.rows[r].cells
            for c, text in enumerate(row):
                cells[c].text = printed(text)
                cells[c].width = widths[c]
                for run in cells[c].paragraphs[0].runs:
                    run.font.size = Pt(12)   # 小四, as a 分工表 is set
            if r and is_group_row(row):
                cells[0].merge(cells[-1]).text = "".join(row)
            elif r and is_continuation_row(row):
                above = table.rows[r - 1].cells
                for c in (0, 1):
                    kept = above[c].text
                    above[c].merge(cells[c]).text = kept
        for r, cells in enumerate(row_spans(block.rows)):
            for c, text, down in cells:
                if down > 1:
                    table.cell(r, c).merge(table.cell(r + down - 1, c)).text = text
    path = Path(out)
    document.save(path)
    return path


def _word_widths(header: tuple[str, ...]):
    """Column widths as a 分工表 sets them on A4 (15.5 cm of text): 序号 narrow, the task and
    measure columns wide, the unit and deadline columns between."""
    from docx.shared import Cm

    weights = [0.6 if cell in ("序号", "编号") else 3.0 if any(w in cell for w in
               ("任务", "措施", "举措", "内容")) else 1.6 for cell in header]
    return [Cm(15.5 * w / sum(weights)) for w in weights]


def _page_number_footer(paragraph) -> None:
    """The footer a government Word file prints: "— N —", N a PAGE field Word fills in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" —")


def build_pdf(plan: Plan, out: Path) -> Path:
    """A PDF in a CJK font: paragraphs, tables with ruling lines, and a page number footer —N—."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    body = ParagraphStyle("body", fontName=CJK_FONT, fontSize=12, leading=20, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=28, alignment=1)
    cell = ParagraphStyle("cell", parent=body, fontSize=10, leading=14)
    flow = []
    for block in plan.blocks:
        if isinstance(block, Paragraph):
            text = escape(block.text)
            if block.text == plan.title:
                flow.append(Para(text, title))
            else:
                flow.append(Para(f"<b>{text}</b>" if HEADING.match(block.text) else text, body))
            continue
        widths = _pdf_widths(len(block.rows[0]), (A4[0] - 40 * mm))
        rows = [[Para(escape(printed(text)), cell) for text in row] for row in block.rows]
        style = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        style += [("SPAN", (c, r), (c, r + down - 1)) for r, cells in enumerate(row_spans(block.rows))
                  for c, _, down in cells if down > 1]
        for r, row in enumerate(block.rows):
            if r and is_group_row(row):
                style.append(("SPAN", (1, r), (-1, r)))
        table = PdfTable(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle(style))
        flow.append(table)

    def footer(canvas, doc):
        canvas.setFont(CJK_FONT, 11)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"—{doc.page}—")

    path = Path(out)
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                      title=plan.title).build(flow, onFirstPage=footer, onLaterPages=footer)
    return path


def _pdf_widths(columns: int, total: float) -> list[float]:
    """序号 narrow, the task cell wide, the rest shared."""
    number, task = total * 0.08, total * 0.42
    rest = (total - number - task) / (columns - 2)
    return [number, task] + [rest] * (columns - 2)


def build_html(plan: Plan, out: Path, site: str = "县人民政府", template: str = "gov_article.html") -> Path:
    """A county government's article page: head, nav, a content div, the tables as <table>, footer.

    `template` names the page under templates/; a list page (gov_article_list.html) prints each run
    of numbered paragraphs as an <ol> of <li> without their numbers, inside a layout table."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    page = environment.get_template(template).render(
        plan=plan, blocks=list_blocks(plan), site=site, is_heading=lambda text: bool(HEADING.match(text)),
        is_paragraph=lambda block: isinstance(block, Paragraph),
        is_list=lambda block: isinstance(block, NumberedList), row_spans=row_spans,
        unnumbered=lambda text: LIST_ITEM.sub("", text, count=1))
    path = Path(out)
    path.write_text(page, encoding="utf-8")
    return path


BUILDERS = {".docx": build_docx, ".pdf": build_pdf, ".html": build_html}


def build(file: str, source: str, title: str, out_dir: Path, issuer: str | None = None,
          template: str = "gov_article.html") -> Path:
    """Build document `file` (its suffix says which kind) from plans/`source` into `out_dir`;
    a web page is built into templates/`template`."""
    suffix = Path(file).suffix
    if suffix not in BUILDERS:
        raise ValueError(f"{file}: no builder for {suffix!r} (known: {', '.join(BUILDERS)})")
    plan = read_plan(PLANS / source, title)
    out = Path(out_dir) / file
    if suffix == ".html":
        site = issuer.removesuffix("办公室") if issuer else "县人民政府"
        return build_html(plan, out, site=site, template=template)
    return BUILDERS[suffix](plan, out)
