"""Plan documents read into lines: DOCX, PDF and HTML written at test time from the tiny plan of
tests/extract/sample_documents.py, their lines, locations and metadata read off that text; then
every way a document is refused."""
import zipfile

import pytest

from kg.extract import extract_file
from kg.extract.documents import MAX_BYTES, DocumentError, read_document
from kg.extract.documents.word import MAX_MEMBERS, MAX_UNCOMPRESSED
from kg.extract.text import PlanParseError
from kg.extract.documents.numbering import CHINESE, chinese_numeral, format_number
from tests.extract.sample_documents import (AUTHOR, FOOTER, NUMBERED, PARAGRAPHS, TITLE,
                                            write_docx, write_html, write_numbered_docx,
                                            write_pdf)

# sample_documents.TABLE as the parsers read it: one line a row, cells joined by a TAB
HEADER_ROW = "序号\t重点任务\t牵头单位\t配合单位\t完成时限"
GROUP_ROW = "一、强化基层服务体系"   # row 2: one cell merged across the five columns, given once
ROW_1 = "1\t完善基层医疗卫生服务网络\t区卫生健康委\t区财政局、区医保局\t2025年底前"
# row 4: its 牵头单位 is row 3's cell merged down, repeated; its title cell, printed on two lines
# (提升家庭医生 / 签约服务质量), joined with no separator
ROW_2 = "2\t提升家庭医生签约服务质量\t区卫生健康委\t各街道办事处\t2026年底前"
TABLE_LINES = ["", HEADER_ROW, GROUP_ROW, ROW_1, ROW_2, ""]
# PARAGRAPHS[6], task 1: 1.完善基层医疗卫生服务网络。…（责任单位：区卫生健康委、区财政局）
TASK_1_UNITS = ("区卫生健康委", "区财政局")
# PARAGRAPHS[7], task 2: …（责任单位：区卫生健康委、区医保局、各街道办事处）
TASK_2_UNITS = ("区卫生健康委", "区医保局", "各街道办事处")


# --- DOCX ------------------------------------------------------------------------------------

def test_docx_gives_a_line_a_paragraph_and_a_tab_row_a_table_row(tmp_path):
    document = read_document(write_docx(tmp_path / "plan.docx"))
    assert document.format == "docx" and document.file == "plan.docx"
    # the twelve paragraphs, the table with a blank line on each side, then 抄送 (paragraph 13)
    assert list(document.lines) == list(PARAGRAPHS) + TABLE_LINES + ["抄送：区委办公室。"]
    assert document.locations[:2] == ("paragraph 1", "paragraph 2")
    assert document.locations[11:19] == ("paragraph 12", "table 1", "table 1 row 1",
                                         "table 1 row 2", "table 1 row 3", "table 1 row 4",
                                         "table 1", "paragraph 13")


def test_docx_metadata_is_what_its_core_properties_set(tmp_path):
    metadata = read_document(write_docx(tmp_path / "plan.docx")).metadata
    assert metadata["title"] == TITLE and metadata["author"] == AUTHOR
    assert "keywords" not in metadata   # not set: not there


def test_docx_cell_merged_across_some_columns_is_kept_once_and_columns_stay_aligned(tmp_path):
    import docx

    made = docx.Document()
    table = made.add_table(rows=2, cols=4)
    for c, text in enumerate(("序号", "重点任务", "牵头单位", "完成时限")):
        table.cell(0, c).text = text
    table.cell(1, 0).text = "3"
    table.cell(1, 1).merge(table.cell(1, 2)).text = "区医保局牵头推进"
    table.cell(1, 3).text = ""
    made.save(str(tmp_path / "merged.docx"))
    lines = read_document(tmp_path / "merged.docx").lines
    assert lines[2] == "3\t区医保局牵头推进\t\t"


def test_docx_automatic_list_numbers_are_printed_before_their_paragraphs(tmp_path):
    lines = read_document(write_numbered_docx(tmp_path / "numbered.docx")).lines
    # NUMBERED's levels: 一、 / （一） / 1. — a level restarting under the level above it
    assert lines[1:] == ("一、总体要求", "二、重点任务", "（一）强化基层服务体系",
                         "1." + NUMBERED[3][1], "2." + NUMBERED[4][1], "三、组织实施")


def test_docx_tasks_numbered_by_word_are_read_as_numbered_tasks(tmp_path):
    records = extract_file(write_numbered_docx(tmp_path / "numbered.docx"))
    assert [(task.key, task.responsible_units) for task in records.tasks] == [
        ("1", TASK_1_UNITS), ("2", TASK_2_UNITS)]
    assert records.location(records.tasks[0].span.start_line) == "paragraph 5"


def test_docx_list_number_in_a_merged_cell_is_counted_once(tmp_path):
    import docx

    made = docx.Document()
    table = made.add_table(rows=3, cols=2)
    for r in range(3):
        table.cell(r, 0).paragraphs[0].style = made.styles["List Number"]   # "%1." in the template
        table.cell(r, 1).text = f"任务{r + 1}"
    table.cell(1, 0).merge(table.cell(2, 0))
    made.save(str(tmp_path / "cells.docx"))
    lines = read_document(tmp_path / "cells.docx").lines
    assert lines[1:4] == ("1.\t任务1", "2.\t任务2", "2.\t任务3")


@pytest.mark.parametrize("value, fmt, printed", [
    (3, "decimal", "3"), (16, "chineseCounting", "十六"), (23, "chineseCountingThousand", "二十三"),
    (105, "chineseCounting", "一百零五"), (2, "ideographTraditional", "乙"),
    (3, "decimalEnclosedCircle", "③"), (12, "decimalFullWidth", "１２"), (4, "upperRoman", "IV"),
    (28, "lowerLetter", "bb"), (7, "someFormatNotKnown", "7")])
def test_list_numbers_print_in_their_level_format(value, fmt, printed):
    assert format_number(value, fmt) == printed


def test_chinese_numerals_count_as_word_counts():
    assert [chinese_numeral(n, CHINESE) for n in (1, 10, 11, 20, 99, 100, 110)] == [
        "一", "十", "十一", "二十", "九十九", "一百", "一百一十"]


# --- PDF -------------------------------------------------------------------------------------

def test_pdf_gives_text_lines_in_order_and_its_ruled_table_as_tab_rows_in_place(tmp_path):
    document = read_document(write_pdf(tmp_path / "plan.pdf"))
    assert document.format == "pdf"
    lines = list(document.lines)
    # tasks 1 and 2 are wider than the page: each wraps onto a second line, as printed
    assert lines[6] + lines[7] == PARAGRAPHS[6] and lines[8] + lines[9] == PARAGRAPHS[7]
    assert lines[:6] == list(PARAGRAPHS[:6]) and lines[10:14] == list(PARAGRAPHS[8:])
    assert lines[14:20] == TABLE_LINES
    assert lines[20:] == [FOOTER]   # the page footer kept: the parsers skip it
    # the table's words are not text lines too
    assert not any("2025年底前" in line for line in lines if "\t" not in line)
    assert document.locations[6] == "p.1 l.7"
    assert document.locations[14:21] == ("p.1 table 1", "p.1 table 1 row 1", "p.1 table 1 row 2",
                                         "p.1 table 1 row 3", "p.1 table 1 row 4", "p.1 table 1",
                                         "p.1 l.15")


def test_pdf_lines_are_located_by_page_and_line_on_the_page(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pages = canvas.Canvas(str(tmp_path / "two.pdf"))
    for texts in ((PARAGRAPHS[4], PARAGRAPHS[5], "—1—"), (PARAGRAPHS[6][:30], "—2—")):
        pages.setFont("STSong-Light", 10.5)
        for n, text in enumerate(texts):
            pages.drawString(72, 760 - 20 * n, text)
        pages.showPage()
    pages.save()
    document = read_document(tmp_path / "two.pdf")
    assert document.lines == (PARAGRAPHS[4], PARAGRAPHS[5], "—1—", PARAGRAPHS[6][:30], "—2—")
    assert document.locations == ("p.1 l.1", "p.1 l.2", "p.1 l.3", "p.2 l.1", "p.2 l.2")


def test_pdf_metadata_is_its_information_dictionary(tmp_path):
    metadata = read_document(write_pdf(tmp_path / "plan.pdf")).metadata
    assert metadata["title"] == TITLE and metadata["author"] == AUTHOR
    assert metadata["created"].startswith("D:")   # as the PDF states it: not reinterpreted


# --- HTML ------------------------------------------------------------------------------------

def test_html_gives_the_article_body_without_navigation_header_footer_or_script(tmp_path):
    document = read_document(write_html(tmp_path / "plan.html"))
    assert document.format == "html"
    # div.article: its <h1>, the TRS_Editor's paragraphs, the table, the last <p> split at <br>
    assert list(document.lines) == ([TITLE] + list(PARAGRAPHS) + TABLE_LINES
                                    + ["抄送：区委办公室。", "沙坪坝区人民政府办公室"])
    assert not any(word in line for line in document.lines
                   for word in ("首页", "相关链接", "主办", "var nav"))


def test_html_locations_are_element_paths_and_table_rows(tmp_path):
    locations = read_document(write_html(tmp_path / "plan.html")).locations
    assert locations[0] == "/html/body/div/h1"
    assert locations[7] == "/html/body/div/div/p[7]"   # task 1
    assert locations[13:20] == ("/html/body/div/div/table",) + tuple(
        f"/html/body/div/div/table row {n}" for n in range(1, 5)) + (
        "/html/body/div/div/table", "/html/body/div/div/p[13]")
    assert locations[20] == "/html/body/div/div/p[13]"   # the line after the <br>


def test_html_content_named_on_a_small_box_gives_way_to_the_unnamed_article(tmp_path):
    page = tmp_path / "share.html"
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS[4:8])
    page.write_text(f"<html><body><div class='share-content'>分享到：微信</div><div>{body}</div>"
                    "</body></html>", encoding="utf-8")
    assert read_document(page).lines == PARAGRAPHS[4:8]


def test_html_table_caption_is_the_line_before_the_table(tmp_path):
    page = tmp_path / "caption.html"
    page.write_text("<html><body><div id='content'><table><caption>表1  主要发展指标</caption>"
                    "<tr><th>序号</th><th>主要指标</th></tr><tr><td>1</td><td>人均预期寿命（岁）</td>"
                    "</tr></table></div></body></html>", encoding="utf-8")
    document = read_document(page)
    assert document.lines == ("表1 主要发展指标", "", "序号\t主要指标", "1\t人均预期寿命（岁）", "")
    assert document.locations[0] == "/html/body/div/table/caption"


def test_html_metadata_is_its_title_and_meta_names(tmp_path):
    metadata = read_document(write_html(tmp_path / "plan.html")).metadata
    assert metadata == {"title": f"{TITLE}_沙坪坝区人民政府", "ArticleTitle": TITLE,
                        "PubDate": "2025-03-01 10:00", "ContentSource": "沙坪坝区卫生健康委"}


def test_html_without_a_named_content_element_reads_the_element_with_most_paragraph_text(tmp_path):
    page = tmp_path / "page.htm"
    page.write_bytes("<html><head><meta charset='gb2312'><title>通知</title></head><body>"
                     "<div><a href='/'>首页</a> <a href='/zwgk/'>政务公开</a></div>"
                     "<div><p>二、重点任务</p><p>1.完善网络。（责任单位：区卫生健康委）</p></div>"
                     "</body></html>".encode("gb2312"))
    document = read_document(page)
    assert document.lines == ("二、重点任务", "1.完善网络。（责任单位：区卫生健康委）")
    assert document.locations == ("/html/body/div[2]/p[1]", "/html/body/div[2]/p[2]")


# --- txt and the records -----------------------------------------------------------------------

def test_txt_lines_are_the_file_lines_unchanged(tmp_path):
    text = tmp_path / "plan.txt"
    text.write_text("二、重点任务\n\n\t序号\n", encoding="utf-8")
    document = read_document(text)
    assert document.lines == ("二、重点任务", "", "\t序号", "")
    assert document.locations == ("l.1", "l.2", "l.3", "l.4")
    assert document.metadata == {}


@pytest.mark.parametrize("write, start_of_task_1", [
    (write_docx, "paragraph 7"), (write_pdf, "p.1 l.7"), (write_html, "/html/body/div/div/p[7]")])
def test_extract_file_reads_the_tasks_and_units_of_a_document_and_keeps_locations(
        tmp_path, write, start_of_task_1):
    suffix = {write_docx: "docx", write_pdf: "pdf", write_html: "html"}[write]
    records = extract_file(write(tmp_path / f"plan.{suffix}"))
    tasks = {task.key: task for task in records.tasks}
    assert tasks["1"].title == "完善基层医疗卫生服务网络"
    # the task-division table (ROW_1, ROW_2) repeats tasks 1 and 2: its 牵头单位 is their lead,
    # its 配合单位 add to their clauses' units (区医保局 for task 1), its 完成时限 their deadline
    assert tasks["1"].responsible_units == TASK_1_UNITS + ("区医保局",)
    assert tasks["2"].responsible_units == TASK_2_UNITS
    assert [(tasks[k].lead_units, tasks[k].deadline) for k in ("1", "2")] == [
        (("区卫生健康委",), "2025年底前"), (("区卫生健康委",), "2026年底前")]
    assert tasks["1"].text == PARAGRAPHS[6][2:]   # without its printed number "1."
    assert records.location(tasks["1"].span.start_line) == start_of_task_1
    source = records.to_dict()["tasks"][0]["source"]
    assert source["location"][0] == start_of_task_1


def test_a_table_not_read_in_a_document_names_the_line_and_where_it_is(tmp_path):
    import docx

    made = docx.Document()
    for text in ("沙坪坝区卫生健康发展规划", "表1  主要发展指标", "各项指标稳步提升。"):
        made.add_paragraph(text)
    made.save(str(tmp_path / "plan.docx"))
    # paragraph 2 titles an indicator table that does not follow: said, the rest read
    records = extract_file(tmp_path / "plan.docx")
    assert any(w.startswith("plan.docx line 2: the table '表1  主要发展指标' was not read: no "
                            "flattened-table header") for w in records.unread)
    assert records.location(2) == "paragraph 2"


def test_extract_file_of_a_txt_keeps_no_locations(tmp_path):
    text = tmp_path / "plan.txt"
    text.write_text("\n".join(PARAGRAPHS), encoding="utf-8")
    records = extract_file(text)
    assert records.locations == () and records.location(7) is None
    assert records.tasks[0].responsible_units == TASK_1_UNITS


# --- refused -----------------------------------------------------------------------------------

def refused(path) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert isinstance(caught.value, PlanParseError)   # the CLI and the build report it as such
    assert str(caught.value).startswith(path.name)
    return caught.value


def test_a_pdf_that_is_not_a_pdf_is_refused_saying_what_it_is(tmp_path):
    fake = tmp_path / "plan.pdf"
    fake.write_text("二、重点任务", encoding="utf-8")
    assert "named .pdf but the content is plain text" in str(refused(fake))


def test_a_docx_that_is_a_zip_without_a_word_document_is_refused(tmp_path):
    fake = tmp_path / "plan.docx"
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    assert "a zip archive without word/document.xml" in str(refused(fake))


def test_a_docx_that_is_a_pdf_is_refused(tmp_path):
    fake = write_pdf(tmp_path / "plan.docx")
    assert "named .docx but the content is a PDF" in str(refused(fake))


def test_an_old_word_file_is_refused_with_what_to_do(tmp_path):
    fake = tmp_path / "plan.docx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert "save it as .docx" in str(refused(fake))


def test_an_unknown_file_type_is_refused(tmp_path):
    sheet = tmp_path / "plan.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    assert "unsupported file type '.xlsx'" in str(refused(sheet))


def test_a_file_over_the_size_cap_is_refused_unread(tmp_path):
    big = tmp_path / "plan.pdf"
    with big.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(MAX_BYTES + 1)   # sparse: no 50 MB written
    assert "over the 50 MB" in str(refused(big))


def test_a_docx_zip_unpacking_past_the_cap_is_refused_before_it_is_read(tmp_path):
    bomb = write_docx(tmp_path / "plan.docx")
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/media/padding.bin", "w") as member:
            chunk = bytes(1024 * 1024)
            for _ in range(MAX_UNCOMPRESSED // len(chunk) + 1):
                member.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024   # small on disk, 201 MB unpacked
    assert "the DOCX zip unpacks to 20" in str(refused(bomb))
    assert "MB, over the 200 MB a document may have" in str(refused(bomb))


def test_a_docx_zip_with_too_many_members_is_refused(tmp_path):
    crowded = write_docx(tmp_path / "plan.docx")
    with zipfile.ZipFile(crowded, "a") as archive:
        for n in range(MAX_MEMBERS):
            archive.writestr(f"word/extra/part{n}.xml", "")
    assert f"over the {MAX_MEMBERS} a document may have" in str(refused(crowded))


def test_a_pdf_with_no_text_layer_is_refused_saying_it_needs_ocr(tmp_path):
    from reportlab.pdfgen import canvas

    scanned = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(scanned))
    page.rect(72, 72, 300, 400, fill=1)   # where a scan's image would be: no characters
    page.save()
    assert "no text layer: a scanned PDF needs OCR first" in str(refused(scanned))


def test_a_docx_with_no_text_is_refused(tmp_path):
    import docx

    empty = tmp_path / "empty.docx"
    docx.Document().save(str(empty))
    assert "no text at all" in str(refused(empty))


def test_a_broken_pdf_is_a_document_error_not_a_traceback(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n%%EOF")
    assert "cannot be read as PDF" in str(refused(broken))


def test_a_pdf_over_the_page_cap_is_refused(tmp_path):
    from reportlab.pdfgen import canvas

    from kg.extract.documents.pdf import MAX_PAGES

    long = tmp_path / "long.pdf"
    pages = canvas.Canvas(str(long))
    for _ in range(MAX_PAGES + 1):
        pages.showPage()
    pages.save()
    assert f"{MAX_PAGES + 1} pages, over the {MAX_PAGES}" in str(refused(long))


def test_a_text_that_is_not_utf8_is_refused_naming_the_line(tmp_path):
    legacy = tmp_path / "plan.txt"
    legacy.write_bytes("二、重点任务\n（一）强化基层服务体系\n".encode("gbk"))
    error = refused(legacy)
    assert error.location == "l.1" and "not UTF-8 text" in error.reason


def test_extract_file_raises_the_document_error(tmp_path):
    fake = tmp_path / "plan.pdf"
    fake.write_bytes(b"PK\x03\x04not really")
    with pytest.raises(DocumentError,
                       match="plan.pdf: named .pdf but the content is a damaged zip"):
        extract_file(fake)


# --- boxes and layout tables ---------------------------------------------------------------------

BOX = ("专栏1 基层医疗卫生服务体系建设项目", "1.社区卫生服务中心标准化建设。", "2.村卫生室提档升级。")


def test_a_one_column_docx_table_is_a_box_whose_paragraphs_are_lines(tmp_path):
    import docx

    made = docx.Document()
    made.add_paragraph("（一）强化基层服务体系")
    cell = made.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = BOX[0]
    for text in BOX[1:]:
        cell.add_paragraph(text)
    made.save(str(tmp_path / "box.docx"))
    document = read_document(tmp_path / "box.docx")
    assert document.lines == ("（一）强化基层服务体系", "") + BOX + ("",)
    assert document.locations[2:5] == ("table 1 row 1",) * 3


def test_an_html_box_and_a_layout_table_are_read_as_blocks(tmp_path):
    page = tmp_path / "layout.html"
    box = "".join(f"<p>{text}</p>" for text in BOX)
    page.write_text("<html><body><table><tr><td class='bt_content'>"
                    "<p>二、重点任务</p><p>1.完善网络。（责任单位：区卫生健康委）</p>"
                    f"<table border='1'><tr><td>{box}</td></tr></table>"
                    "<table border='1'><tr><th>序号</th><th>牵头单位</th></tr>"
                    "<tr><td>1</td><td>区卫生健康委</td></tr></table>"
                    "</td></tr></table></body></html>", encoding="utf-8")
    document = read_document(page)
    assert document.lines == ("二、重点任务", "1.完善网络。（责任单位：区卫生健康委）", "") + BOX + (
        "", "", "序号\t牵头单位", "1\t区卫生健康委", "")
    assert document.locations[0] == "/html/body/table/tr/td/p[1]"
    assert document.locations[3] == "/html/body/table/tr/td/table[1] row 1"


def test_a_pdf_box_gives_its_printed_lines(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    box = Table([[BOX[0]], ["\n".join(BOX[1:])]], colWidths=[400])   # a title row, a body row
    box.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                             ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    SimpleDocTemplate(str(tmp_path / "box.pdf"), pagesize=A4).build([box])
    document = read_document(tmp_path / "box.pdf")
    assert document.lines == ("",) + BOX + ("",)
    assert document.locations[1:4] == ("p.1 table 1 row 1", "p.1 table 1 row 2",
                                       "p.1 table 1 row 2")


def test_html_ordered_list_items_print_the_numbers_a_browser_shows(tmp_path):
    from kg.extract.documents.web import read_html

    page = tmp_path / "list.html"
    page.write_text("<html><body><div class='content'><p>二、重点任务</p>"
                    "<ol start='4'><li>建设急救站。</li><li value='9'>培养人才。</li><li>完善网络。</li></ol>"
                    "<ol type='a'><li>甲</li><li>乙</li></ol><ul><li>说明</li></ul>"
                    "</div></body></html>", encoding="utf-8")
    lines, _, _ = read_html(page)
    assert [l for l in lines if l] == ["二、重点任务", "4.建设急救站。", "9.培养人才。", "10.完善网络。",
                                       "a.甲", "b.乙", "说明"]
