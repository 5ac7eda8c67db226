"""What a plan document says of itself before its first heading: its title, document number
(文号), issuing body and date, as the genre prints them.

The genre's header, each part optional and wrapped over lines (blank lines between the wraps, as
a PDF export leaves them) in any order the issuers use:

    沙府办发〔2025〕13号                                  ← 文号 (before or after the notice line)
    重庆市沙坪坝区人民政府办公室                           ← the issuer, on its own line …
    关于印发《沙坪坝区…实施方案》的通知                     ← … or before 关于: "X人民政府办公室关于印发…"
    各镇人民政府、街道办事处，区级有关部门：                ← addressees (end in ：)
    《…》已经区政府同意，现印发给你们，请认真贯彻执行。
    重庆市沙坪坝区人民政府办公室                           ← signature
    2025年2月20日                                        ← date (also 二〇二二年一月二十四日)
    （此件公开发布）
    沙坪坝区进一步完善医疗卫生服务                         ← the plan's own title, maybe wrapped
    体系实施方案

A plan printed without the notice starts with its title. Each field keeps the lines it was read
from; a field the text does not print stays None (nothing is guessed): the document's own
metadata (a web page's ArticleTitle, a DOCX's core title) fills only a title the text leaves
empty, and the manifest, where it states a field, wins over both (kg.build.rdf).
"""
from __future__ import annotations

import datetime as dt
import re

from kg.extract.headings import classify
from kg.extract.records import HeaderRecord, Span
from kg.extract.text import CHINESE_DIGITS, chinese_number

# A document number: "沙府办发〔2025〕13号", "荆政发[2022]6号", "万州卫〔2022〕42号"
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,16}[〔\[［（(]\s*((?:19|20)\d{2})\s*[〕\]］）)]\s*第?\s*\d{1,4}\s*号$")
# The notice's own line: "关于印发《…》的通知", "重庆市…办公室关于印发…"
NOTICE = re.compile(r"关于(?:印发|转发|下发|公布)")
# Where the notice's title ends: "…的通知", "…的函"
NOTICE_END = re.compile(r"(?:的)?(?:通知|函)$")
# What the notice publishes: "关于印发《X》的通知" → X
NOTICE_TITLE = re.compile(r"关于(?:印发|转发|下发|公布)(?P<title>.+?)(?:的)?(?:通知|函)?$")
# The addressees' line ends in a colon: "各镇人民政府、街道办事处，区级有关部门："
ADDRESSEES = re.compile(r"[：:]$")
# A date line: "2025年2月20日", "2022年 4月 20日", "二〇二二年一月二十四日"
DATE = re.compile(r"^(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月"
                  r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$")
# An issuing body's name ends so: "…人民政府办公室", "…卫生健康委员会", "…卫生健康局"
ISSUER = re.compile(r"(?:人民政府|政府|办公室|办公厅|委员会|委|局|领导小组|指挥部)$")
# A line printed under the date: "（此件公开发布）", "（此件主动公开）"
DISCLOSURE = re.compile(r"^[（(]此件.{1,8}[）)]$")
# How a plan's title ends: "…实施方案", "…规划（2021-2025年）", "…任务清单", "…工作措施"
TITLE_END = re.compile(r"(?:方案|规划|计划|措施|意见|清单|办法|要点|纲要|细则|安排)"
                       r"(?:[（(][^（()）]{2,16}[）)])?$")
# Quotation brackets a notice puts around the title it publishes, inner ones too
BRACKETS = str.maketrans({"〈": "《", "〉": "》"})
# The longest title line run and the lines a header is looked for in
MAX_TITLE_LINES, MAX_NOTICE_LINES, HEADER_LINES = 3, 4, 60


def read_header(lines: list[str], file: str, metadata: dict[str, str] | None = None
                ) -> HeaderRecord:
    """The header of `lines` (1-based spans into them); `metadata` fills the fields it leaves."""
    printed = _printed(lines)
    header = HeaderRecord()
    notice = _notice(printed)
    for number, text in printed:
        match = DOC_NUMBER.match(text)
        if match:
            header.doc_number, header.doc_number_span = text, Span(file, number, number)
            break
    if notice:
        first, last, joined = notice
        before, _, _ = joined.partition("关于")
        if before and ISSUER.search(before):
            header.issuer, header.issuer_span = before, Span(file, first, first)
        else:
            above = _before(printed, first)
            if above and ISSUER.search(above[1]) and not DOC_NUMBER.match(above[1]):
                header.issuer, header.issuer_span = above[1], Span(file, above[0], above[0])
    date = _date(printed, notice[1] if notice else 0)
    if date:
        number, header.issued = date
        header.issued_span = Span(file, number, number)
        above = _before(printed, number)
        if header.issuer is None and above and ISSUER.search(above[1]):
            header.issuer, header.issuer_span = above[1], Span(file, above[0], above[0])
    title = _title(printed, notice, date[0] if date else None)
    if title:
        header.title, first, last = title
        header.title_span = Span(file, first, last)
    _from_metadata(header, metadata or {})
    return header


def _printed(lines: list[str]) -> list[tuple[int, str]]:
    """(1-based line, text without white space) of the non-blank lines before the first heading."""
    out = []
    for number, line in enumerate(lines[:HEADER_LINES], 1):
        text = re.sub(r"\s+", "", line)
        if not text:
            continue
        heading = classify(line, number)
        if heading is not None and heading.kind in ("chapter", "top") and out:
            break
        out.append((number, text))
    return out


def _notice(printed: list[tuple[int, str]]) -> tuple[int, int, str] | None:
    """(first line, last line, text) of the notice's title: "…关于印发…的通知", wrapped."""
    for position, (number, text) in enumerate(printed):
        if not NOTICE.search(text) or text.startswith(("《", "现将")):
            continue
        joined, last = text, number
        for following, more in printed[position + 1:position + MAX_NOTICE_LINES]:
            if NOTICE_END.search(joined) or ADDRESSEES.search(more) or DOC_NUMBER.match(more):
                break
            joined, last = joined + more, following
        return number, last, joined
    return None


def _before(printed: list[tuple[int, str]], number: int) -> tuple[int, str] | None:
    previous = [(n, t) for n, t in printed if n < number]
    return previous[-1] if previous else None


def _date(printed: list[tuple[int, str]], after: int) -> tuple[int, dt.date] | None:
    """The first date printed on a line of its own after the notice's title."""
    for number, text in printed:
        match = DATE.match(text)
        if number > after and match:
            try:
                return number, dt.date(_year(match.group("y")), chinese_number(match.group("m")),
                                       chinese_number(match.group("d")))
            except ValueError:
                continue   # "2月30日" is no date
    return None


def _year(printed: str) -> int:
    return int(printed) if printed.isdigit() else int("".join(str(CHINESE_DIGITS[c]) for c in printed))


def _title(printed: list[tuple[int, str]], notice: tuple[int, int, str] | None,
           date_line: int | None) -> tuple[str, int, int] | None:
    """The plan's title: the line run after the notice that prints what the notice publishes, or
    (no notice) the first line run ending as a title does; else the notice's title itself."""
    published = None
    if notice:
        match = NOTICE_TITLE.search(notice[2])
        published = _unquoted(match.group("title")) if match else None
    start = max(notice[1] if notice else 0, date_line or 0)
    candidates = [(n, t) for n, t in printed if n > start and not DISCLOSURE.match(t)]

    def runs(position: int):
        """(text, last line) of the runs of up to MAX_TITLE_LINES lines from candidates[position]."""
        joined = ""
        for number, text in candidates[position:position + MAX_TITLE_LINES]:
            joined += text
            yield joined, number

    if published:
        for position, (first, _) in enumerate(candidates):
            for joined, last in runs(position):
                if _same(joined, published):
                    return joined, first, last
        return published, notice[0], notice[1]
    for joined, last in runs(0):
        if TITLE_END.search(joined) and not DOC_NUMBER.match(joined):
            return joined, candidates[0][0], last
    return None


def _unquoted(title: str) -> str:
    title = title.translate(BRACKETS).strip()
    if title.startswith("《") and title.endswith("》") and title.count("《") == title.count("》"):
        inner = title[1:-1]
        if inner.count("《") == inner.count("》"):
            return inner
    return title


def _same(printed: str, published: str) -> bool:
    return printed.translate(BRACKETS) == published


def _from_metadata(header: HeaderRecord, metadata: dict[str, str]) -> None:
    """The title, where the text prints none, from what the document's container states (a web
    page's ArticleTitle, a DOCX's or PDF's title). Dates are not taken: a page's PubDate or a
    file's creation time is not the day the plan was issued."""
    if header.title is None:
        title = metadata.get("ArticleTitle") or metadata.get("title")
        if title and title.strip():
            header.title, header.title_from = title.strip(), "metadata"
