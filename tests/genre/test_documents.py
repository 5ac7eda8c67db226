"""The genre set's documents, built as the scorer builds them, read back with the text intact."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.genre import documents
from tests.genre.expectations import Expectation, load_all

# White space dropped before comparing printed text: "区卫健委、\n区财政局"
SPACE = re.compile(r"\s+")
# The page number footer the PDF draws: "—2—"
PDF_FOOTER = re.compile(r"—\d+—")
DOCUMENTS = {e.layout: e for e in load_all() if e.is_document and not e.heldout and not e.unseen}  # the held-out ones: test_heldout_documents.py


def _build(expectation: Expectation, tmp_path):
    plan = documents.read_plan(expectation.source_path, expectation.title)
    path = documents.build(expectation.file, expectation.source, expectation.title, tmp_path,
                           issuer=expectation.issuer)
    return plan, path


def _flat(text: str | None) -> str:
    return SPACE.sub("", text or "")


def test_the_set_has_one_document_of_each_kind():
    assert set(DOCUMENTS) == {"docx", "pdf", "html"}


def test_a_spec_without_its_title_line_is_refused():
    expectation = DOCUMENTS["docx"]
    with pytest.raises(ValueError, match="anhui_wanxi_2024_work.txt: no line prints the title"):
        documents.read_plan(expectation.source_path, "不存在的标题")


def test_word_file_keeps_paragraphs_and_the_task_table_as_a_word_table(tmp_path):
    import docx

    plan, path = _build(DOCUMENTS["docx"], tmp_path)
    document = docx.Document(path)
    assert [p.text for p in document.paragraphs] == [p.text for p in plan.paragraphs()]
    (spec,) = plan.tables()
    (table,) = document.tables
    read = [[cell.text for cell in row.cells] for row in table.rows]
    assert len(read) == len(spec.rows) and read[0] == list(spec.rows[0])
    # txt 18 一、硬件建设: a group row is one cell across the table
    assert read[1] == ["一、硬件建设"] * 5
    # txt 22–23: the blank 序号 and task cells are merged with task 3's
    assert read[6][:2] == read[5][:2] and read[6][2:4] == ["县人社局", "县委编办"]
    for spec_row, row in zip(spec.rows, read):
        if not documents.is_group_row(spec_row):
            assert row[2:] == list(spec_row[2:])


def test_pdf_text_and_ruled_table_read_back_with_pdfplumber(tmp_path):
    import pdfplumber

    plan, path = _build(DOCUMENTS["pdf"], tmp_path)
    with pdfplumber.open(path) as pdf:
        text = _flat(PDF_FOOTER.sub("", "".join(page.extract_text() for page in pdf.pages)))
        tables = [t for page in pdf.pages for t in page.extract_tables()]
    for paragraph in plan.paragraphs():
        assert _flat(paragraph.text) in text, f"line {paragraph.line} lost in the PDF"
    (spec,) = plan.tables()
    (table,) = tables
    assert [[_flat(c) for c in row] for row in table] == [
        [_flat(c) if c or not documents.is_group_row(r) else "" for c in r] for r in spec.rows]


class _Page(HTMLParser):
    """What a reader of a government page looks for: title, article paragraphs, table rows."""

    def __init__(self):
        super().__init__()
        self.title, self.paragraphs, self.rows, self.links, self.scripts = "", [], [], [], 0
        self._in, self._depth, self._article, self._text = None, 0, 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._depth += 1
        if tag == "div" and attrs.get("class") == "article":
            self._article = self._depth
        if tag == "link":
            self.links.append(attrs)
        if tag == "script":
            self.scripts += 1
        if tag in ("title", "p", "tr"):
            self._in, self._text = tag, []
        if tag in ("td", "th") and self._in == "tr":
            self._text.append("")

    def handle_endtag(self, tag):
        if tag == "div" and self._depth == self._article:
            self._article = 0
        self._depth -= 1
        if tag == self._in == "title":
            self.title = "".join(self._text)
        elif tag == self._in == "p" and self._article:
            self.paragraphs.append("".join(self._text))
        elif tag == self._in == "tr" and self._article:
            self.rows.append(tuple(self._text))
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "tr" and self._text:
            self._text[-1] += data.strip()
        elif self._in in ("title", "p"):
            self._text.append(data)


def test_web_page_has_the_article_its_table_and_assets_never_to_fetch(tmp_path):
    plan, path = _build(DOCUMENTS["html"], tmp_path)
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    assert page.title.startswith(plan.title) and page.title.endswith("滦河县人民政府")
    assert page.paragraphs == [p.text for p in plan.paragraphs()]
    (spec,) = plan.tables()
    assert page.rows == list(spec.rows)
    assert any(l.get("rel") == "stylesheet" and l["href"].startswith("http") for l in page.links)
    assert page.scripts >= 2
