"""The held-out document plans, built as the scorer builds them, read back with the layout each was
written to show: a Word table over several pages, a PDF table over two pages, a list page."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.genre import documents
from tests.genre.expectations import Expectation, load_all

# White space dropped before comparing printed text: "县卫健局、\n县财政局"
SPACE = re.compile(r"\s+")
HELDOUT = {e.layout: e for e in load_all() if e.is_document and e.heldout}


def _build(expectation: Expectation, tmp_path):
    plan = documents.read_plan(expectation.source_path, expectation.title)
    path = documents.build(expectation.file, expectation.source, expectation.title, tmp_path,
                           issuer=expectation.issuer, template=expectation.template)
    return plan, path


def _flat(text: str | None) -> str:
    return SPACE.sub("", text or "")


def test_the_held_out_set_has_one_document_of_each_new_kind():
    assert set(HELDOUT) == {"docx-multipage", "pdf-multipage", "html-list"}


def test_word_annex_starts_a_page_and_its_header_row_repeats_on_every_page(tmp_path):
    import docx
    from docx.oxml.ns import qn

    plan, path = _build(HELDOUT["docx-multipage"], tmp_path)
    document = docx.Document(path)
    assert [p.text for p in document.paragraphs] == [p.text for p in plan.paragraphs()]
    annex = next(p for p in document.paragraphs if p.text == "附件")  # txt 32
    assert annex.paragraph_format.page_break_before
    (spec,) = plan.tables()
    (table,) = document.tables
    header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header is not None and header.get(qn("w:val")) == "true"
    read = [[cell.text for cell in row.cells] for row in table.rows]
    assert len(read) == len(spec.rows) == 12
    # txt 35: a group row is one cell across the table
    assert read[1] == ["一、加强疾病预防控制体系建设"] * 5
    for spec_row, row in zip(spec.rows, read):
        if not documents.is_group_row(spec_row):
            assert row == list(spec_row)


def test_pdf_table_runs_over_two_pages_with_its_header_drawn_again(tmp_path):
    import pdfplumber

    plan, path = _build(HELDOUT["pdf-multipage"], tmp_path)
    with pdfplumber.open(path) as pdf:
        pages = [page.extract_tables() for page in pdf.pages]
        text = _flat("".join(page.extract_text() for page in pdf.pages))
    for paragraph in plan.paragraphs():
        assert _flat(paragraph.text) in text, f"line {paragraph.line} lost in the PDF"
    (spec,) = plan.tables()
    tables = [t for page in pages for t in page]
    assert len(tables) == 2 and all(len(page) == 1 for page in pages[-2:])
    first, second = tables
    header = [_flat(c) for c in spec.rows[0]]
    assert [_flat(c) for c in first[0]] == header and [_flat(c) for c in second[0]] == header
    body = [[_flat(c) for c in row] for row in first[1:] + second[1:]]
    assert body == [[_flat(c) if c or not documents.is_group_row(r) else "" for c in r] for r in spec.rows[1:]]


class _ListPage(HTMLParser):
    """The article's <li> items with their <ol start>, and the rows of a table inside another table."""

    def __init__(self):
        super().__init__()
        self.starts, self.items, self.nested_rows = [], [], []
        self._tables: list[str] = []  # the class of each table open around the text, outermost first
        self._li, self._row = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._tables.append(attrs.get("class", ""))
        elif tag == "ol":
            self.starts.append(int(attrs["start"]))
        elif tag == "li":
            self._li = ""
        elif tag == "tr" and self._tables[:1] == ["layout"] and self._tables[-1] == "MsoNormalTable":
            self._row = []
        elif tag == "td" and self._row is not None:
            self._row.append("")

    def handle_endtag(self, tag):
        if tag == "table":
            self._tables.pop()
        elif tag == "li":
            self.items.append(self._li)
            self._li = None
        elif tag == "tr" and self._row is not None:
            self.nested_rows.append(tuple(self._row))
            self._row = None

    def handle_data(self, data):
        if self._li is not None:
            self._li += data
        elif self._row:
            self._row[-1] += data.strip()


def test_list_page_prints_tasks_as_list_items_and_nests_the_indicator_table(tmp_path):
    plan, path = _build(HELDOUT["html-list"], tmp_path)
    page = _ListPage()
    page.feed(path.read_text(encoding="utf-8"))
    numbered = [p.text for p in plan.paragraphs() if documents.LIST_ITEM.match(p.text)]
    assert len(numbered) == 6  # txt 21–23, 25–27
    assert page.items == [documents.LIST_ITEM.sub("", text, count=1) for text in numbered]
    assert page.starts == [1, 4]
    (spec,) = plan.tables()
    assert page.nested_rows == list(spec.rows)  # txt 15–18, inside the layout table's cell
