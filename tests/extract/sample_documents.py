"""A tiny plan in the genre, written at test time as DOCX (python-docx), PDF (reportlab) and HTML:
a 通知 header, a 重点任务 heading, two numbered tasks with （责任单位：…） clauses, and a task-division
table whose group row is merged across the table and whose 牵头单位 cell is merged down two rows.
No binary file is kept in the repository: each test writes the document it reads.
"""
from __future__ import annotations

import html
from pathlib import Path

# The plan's paragraphs, in order (DOCX paragraph N is PARAGRAPHS[N-1]).
PARAGRAPHS = (
    "重庆市沙坪坝区人民政府办公室关于印发沙坪坝区基层医疗卫生服务能力提升工作方案的通知",
    "各街道办事处、镇人民政府，区政府各部门：",
    "现将《沙坪坝区基层医疗卫生服务能力提升工作方案》印发给你们，请认真贯彻执行。",
    "沙坪坝区基层医疗卫生服务能力提升工作方案",
    "二、重点任务",
    "（一）强化基层服务体系",
    "1.完善基层医疗卫生服务网络。推进社区卫生服务中心标准化建设。（责任单位：区卫生健康委、区财政局）",
    "2.提升家庭医生签约服务质量。组建家庭医生团队。（责任单位：区卫生健康委、区医保局、各街道办事处）",
    "三、组织实施",
    "各责任单位要加强协调配合，确保各项任务落到实处。",
    "附件",
    "重点任务分工表",
)
# The task-division table after the last paragraph; None marks a cell another cell's merge covers:
# row 2 is one cell across the table, row 4's 牵头单位 is row 3's cell merged down.
HEADER = ("序号", "重点任务", "牵头单位", "配合单位", "完成时限")
TABLE = (
    HEADER,
    ("一、强化基层服务体系", None, None, None, None),
    ("1", "完善基层医疗卫生服务网络", "区卫生健康委", "区财政局、区医保局", "2025年底前"),
    ("2", "提升家庭医生签约服务质量", None, "各街道办事处", "2026年底前"),
)
# The second task's title cell is printed on two lines (two paragraphs in the DOCX, a <br> in the
# HTML, two lines in the PDF's cell): the reader joins them with no separator.
WRAPPED_TITLE = ("提升家庭医生", "签约服务质量")
FOOTER = "—1—"   # the page footer the PDF prints under the table
TITLE, AUTHOR = "基层医疗卫生服务能力提升工作方案", "沙坪坝区人民政府办公室"


def write_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    table = document.add_table(rows=len(TABLE), cols=len(HEADER))
    for r, row in enumerate(TABLE):
        for c, text in enumerate(row):
            if text is not None:
                table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(1, len(HEADER) - 1))
    table.cell(2, 2).merge(table.cell(3, 2))   # keeps the top cell's text
    title = table.cell(3, 1)
    title.text = WRAPPED_TITLE[0]
    title.add_paragraph(WRAPPED_TITLE[1])
    document.add_paragraph("抄送：区委办公室。")
    document.core_properties.title = TITLE
    document.core_properties.author = AUTHOR
    document.save(str(path))
    return path


def write_pdf(path: Path) -> Path:
    """Page 1: the paragraphs, the table drawn with grid lines (pdfplumber's "lines" strategy
    finds it), then the footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))   # a built-in CID font: no font file
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=10.5, leading=16,
                           wordWrap="CJK")
    rows = [[cell or "" for cell in row] for row in TABLE]
    rows[3][1] = "\n".join(WRAPPED_TITLE)   # two lines in its cell
    table = Table(rows, colWidths=[30, 150, 80, 110, 70])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                               ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("SPAN", (0, 1), (-1, 1)), ("SPAN", (2, 2), (2, 3))]))
    story = [Paragraph(text, style) for text in PARAGRAPHS] + [table, Paragraph(FOOTER, style)]
    SimpleDocTemplate(str(path), pagesize=A4, title=TITLE, author=AUTHOR).build(story)
    return path


def html_page() -> str:
    """A government page: navigation, a header and a footer around the article body."""
    body = "\n".join(f"<p>{html.escape(text)}</p>" for text in PARAGRAPHS)
    head = "".join(f"<th>{cell}</th>" for cell in HEADER)
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{TITLE}_沙坪坝区人民政府</title>
<meta name="ArticleTitle" content="{TITLE}">
<meta name="PubDate" content="2025-03-01 10:00">
<meta name="ContentSource" content="沙坪坝区卫生健康委">
<script>var nav = "首页";</script><style>p {{ margin: 0 }}</style></head>
<body>
<header><div class="logo">沙坪坝区人民政府</div></header>
<nav><a href="/">首页</a> <a href="/zwgk/">政务公开</a></nav>
<div class="article">
<h1>{TITLE}</h1>
<div class="TRS_Editor">
{body}
<table border="1">
<tr>{head}</tr>
<tr><td colspan="5">一、强化基层服务体系</td></tr>
<tr><td>1</td><td>完善基层医疗卫生服务网络</td><td rowspan="2">区卫生健康委</td>
<td>区财政局、区医保局</td><td>2025年底前</td></tr>
<tr><td>2</td><td>{WRAPPED_TITLE[0]}<br>{WRAPPED_TITLE[1]}</td><td>各街道办事处</td><td>2026年底前</td></tr>
</table>
<p>抄送：区委办公室。<br>沙坪坝区人民政府办公室</p>
</div>
</div>
<aside><p>相关链接</p></aside>
<footer><p>主办：沙坪坝区人民政府办公室</p></footer>
</body></html>
"""


def write_html(path: Path) -> Path:
    path.write_text(html_page(), encoding="utf-8")
    return path


# A plan whose headings and task numbers are Word's automatic numbering, not typed: the list
# levels print "%1、" in Chinese numerals, "（%2）" in Chinese numerals and "%3." in digits.
NUMBERED = (   # (list level, the paragraph's own text): tasks 1 and 2 without their "1." / "2."
    (0, "总体要求"),
    (0, "重点任务"),
    (1, "强化基层服务体系"),
    (2, PARAGRAPHS[6].removeprefix("1.")),
    (2, PARAGRAPHS[7].removeprefix("2.")),
    (0, "组织实施"),
)
LEVEL = ('<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{format}"/>'
         '<w:lvlText w:val="{text}"/>{suffix}</w:lvl>')
NUMBERING_XML = ('<w:abstractNum {ns} w:abstractNumId="90">'
                 + LEVEL.format(level=0, format="chineseCounting", text="%1、",
                                suffix='<w:suff w:val="nothing"/>')
                 + LEVEL.format(level=1, format="chineseCounting", text="（%2）",
                                suffix='<w:suff w:val="nothing"/>')
                 + LEVEL.format(level=2, format="decimal", text="%3.", suffix="")   # then a tab
                 + "</w:abstractNum>")


def write_numbered_docx(path: Path) -> Path:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    # an abstractNum must come before every w:num (the schema's order)
    numbering.insert(0, parse_xml(NUMBERING_XML.format(ns=nsdecls("w"))))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90">'
                               '<w:abstractNumId w:val="90"/></w:num>'))
    document.add_paragraph(PARAGRAPHS[0])
    for level, text in NUMBERED:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    document.save(str(path))
    return path
