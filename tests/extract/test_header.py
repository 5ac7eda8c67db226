"""The header a plan prints of itself (kg/extract/header.py): title, 文号, issuer and date.

The five plans' expectations are read off their first lines (cited); the rest are texts written
here in the genre's header layouts."""
import datetime as dt

import pytest

from kg.extract.header import read_header
from kg.manifest import load_manifest
from tests.conftest import ROOT

SOURCES = ROOT / "data" / "sources"


def fields(header):
    return (header.title, header.doc_number, header.issuer, header.issued)


@pytest.mark.parametrize("file, expected, title_lines", [
    # l.1 文号; l.2 issuer; l.3–4 the notice wrapped; l.8 date; l.10–11 the title wrapped
    ("shapingba_2025_service_system.txt", ("沙坪坝区进一步完善医疗卫生服务体系实施方案",
      "沙府办发〔2025〕13号", "重庆市沙坪坝区人民政府办公室", dt.date(2025, 2, 20)), (10, 11)),
    # l.1 the title; no notice, no 文号, no issuer, no date
    ("huaying_14th_fyp_service_system.txt",
     ("华蓥市“十四五”医疗卫生服务体系规划（2021-2025年）", None, None, None), (1, 1)),
    # l.1 issuer; l.2 the notice with 〈〉 inside 《》; l.7 date; l.12 the title
    ("yuzhong_2024_work_measures.txt",
     ("渝中区贯彻落实《重庆市进一步完善医疗卫生服务体系实施方案》的工作措施", None,
      "重庆市渝中区人民政府办公室", dt.date(2024, 6, 28)), (12, 12)),
    # l.1 issuer; l.2–3 notice; l.4 文号 after it; l.11 date with spaces before it; l.16 title
    ("yongchuan_2025_regional_center.txt", ("永川区加快建设现代化区域医疗中心行动方案",
      "永川府办发〔2025〕26号", "重庆市永川区人民政府办公室", dt.date(2025, 10, 23)), (16, 16)),
    # l.1 文号; l.3 issuer; l.5–7 notice over blank lines; l.21 "2022年 4月 20日"; l.22 title
    ("wanzhou_14th_fyp_health.txt", ("重庆市万州区卫生健康发展“十四五”规划",
      "万州卫〔2022〕42号", "重庆市万州区卫生健康委员会", dt.date(2022, 4, 20)), (22, 22)),
])
def test_the_five_plans_headers(file, expected, title_lines):
    lines = (SOURCES / file).read_text(encoding="utf-8").split("\n")
    header = read_header(lines, file)
    assert fields(header) == expected
    assert (header.title_span.start_line, header.title_span.end_line) == title_lines


def test_the_manifest_states_what_the_five_texts_print():
    """The manifest was written by hand from the published documents: what the header reads
    agrees with it field by field."""
    for entry in load_manifest(SOURCES / "manifest.yaml"):
        lines = (SOURCES / entry.file).read_text(encoding="utf-8").split("\n")
        header = read_header(lines, entry.file)
        assert fields(header) == (entry.title, entry.doc_number, entry.issuer, entry.issued), entry.id


def test_issuer_before_the_notice_and_a_date_in_chinese_numerals():
    lines = ["某县人民政府关于印发某县卫生健康", "事业发展规划的通知",          # l.1–2
             "某政发[2022]6号",                                             # l.3, half-width brackets
             "各乡镇人民政府，县直各部门：", "现将《某县卫生健康事业发展规划》印发给你们。",
             "二〇二二年一月二十四日",                                        # l.6
             "某县卫生健康事业发展规划",                                      # l.7
             "一、发展基础"]
    header = read_header(lines, "t.txt")
    assert fields(header) == ("某县卫生健康事业发展规划", "某政发[2022]6号", "某县人民政府",
                              dt.date(2022, 1, 24))
    assert (header.issuer_span.start_line, header.issued_span.start_line,
            header.title_span.start_line) == (1, 6, 7)


def test_a_title_wrapped_with_no_notice_and_a_text_with_no_header():
    wrapped = ["某区推进医疗卫生服务", "能力提升三年行动计划（2023—2025年）", "为提升……，制定本计划。",
               "一、总体要求"]
    assert fields(read_header(wrapped, "t.txt")) == (
        "某区推进医疗卫生服务能力提升三年行动计划（2023—2025年）", None, None, None)
    bare = ["一、总体要求", "以……为指导。"]
    assert fields(read_header(bare, "t.txt")) == (None, None, None, None)


def test_the_notices_title_stands_when_the_plan_does_not_print_its_own():
    lines = ["某县人民政府办公室", "关于印发《某县医共体建设实施方案》的通知", "各乡镇：",
             "现将《某县医共体建设实施方案》印发给你们。", "2024年3月1日", "一、工作目标"]
    header = read_header(lines, "t.txt")
    assert fields(header) == ("某县医共体建设实施方案", None, "某县人民政府办公室", dt.date(2024, 3, 1))
    assert (header.title_span.start_line, header.title_span.end_line) == (2, 2)


def test_metadata_gives_a_title_only_where_the_text_prints_none():
    assert read_header(["一、总体要求"], "p.html", {"ArticleTitle": "某县工作方案"}).title == "某县工作方案"
    assert read_header(["一、总体要求"], "p.html", {"ArticleTitle": "某县工作方案"}).title_from == "metadata"
    printed = read_header(["某县急救工作方案", "一、总体要求"], "p.html", {"ArticleTitle": "首页"})
    assert (printed.title, printed.title_from) == ("某县急救工作方案", "text")
    # a page's publication date is not the day the plan was issued
    assert read_header(["一、总体要求"], "p.html", {"PubDate": "2024-05-01"}).issued is None


def test_the_manifest_wins_and_the_header_fills_what_it_leaves_out():
    from kg.manifest import ManifestError, PlanEntry, complete

    lines = (SOURCES / "shapingba_2025_service_system.txt").read_text(encoding="utf-8").split("\n")
    header = read_header(lines, "s.txt")
    bare = PlanEntry("s", "s.txt", None, None, None, None, "shapingba")
    filled = complete(bare, header)
    assert (filled.title, filled.doc_number, filled.issuer, filled.issued) == fields(header)
    corrected = PlanEntry("s", "s.txt", "更正的标题", None, "沙府办发〔2025〕14号", None, "shapingba")
    assert (complete(corrected, header).title, complete(corrected, header).doc_number) == (
        "更正的标题", "沙府办发〔2025〕14号")
    with pytest.raises(ManifestError, match="gives no title and b.txt prints none"):
        complete(PlanEntry("b", "b.txt", None, None, None, None, "shapingba"),
                 read_header(["一、总体要求"], "b.txt"))
