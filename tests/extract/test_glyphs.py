"""kg.extract.glyphs: the radicals a PDF's fonts give, put back to the ideographs typed.

Expected mappings are Unicode's own: the Equivalent_Unified_Ideograph property as the UCD file
states it (the copy kg ships, and Debian's unicode-data, installed by `make system`)."""
import unicodedata
from pathlib import Path

import pytest

from kg.extract import extract_text
from kg.extract.glyphs import TABLE_FILE, changed, equivalent_ideographs, normalise

# the CJK Unified Ideographs blocks: the main block, Extension A, Extensions B to H
UNIFIED = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x3134F))
DEBIAN_UCD = Path("/usr/share/unicode/EquivalentUnifiedIdeograph.txt")


def _ucd_rows(path: Path) -> dict[int, int]:
    """The file read independently of kg: `2E8C..2E8D ; 5C0F  # …` rows."""
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        points, ideograph = line.split("#")[0].split(";")
        first, _, last = points.strip().partition("..")
        for point in range(int(first, 16), int(last or first, 16) + 1):
            rows[point] = int(ideograph, 16)
    return rows


def test_every_code_point_the_ucd_maps_is_mapped() -> None:
    rows = _ucd_rows(TABLE_FILE)
    assert len(rows) > 300   # 2E80–2FDF and 31C0–31EF less those with no equivalent
    assert equivalent_ideographs() == rows
    for point, ideograph in rows.items():
        assert normalise(chr(point)) == chr(ideograph), hex(point)
        assert any(first <= ideograph <= last for first, last in UNIFIED), hex(ideograph)


@pytest.mark.skipif(not DEBIAN_UCD.exists(), reason="Debian's unicode-data is installed by make system")
def test_the_shipped_table_agrees_with_the_systems_ucd() -> None:
    system, shipped = _ucd_rows(DEBIAN_UCD), _ucd_rows(TABLE_FILE)
    assert {p: u for p, u in system.items() if p in shipped} == shipped


def test_the_issues_names_come_back_whole() -> None:
    # as a Chromium-printed PDF gives them: ⼈ U+2F08, ⺠ U+2EA0, ⼼ U+2F3C, ⾃ U+2F83, ⼝ U+2F1D
    assert normalise("县⼈社局") == "县人社局"
    assert normalise("各乡镇⼈⺠政府") == "各乡镇人民政府"
    assert normalise("县疾控中⼼") == "县疾控中心"
    assert normalise("⾃治县") == "自治县"
    assert normalise("每千⼈⼝注册护士数") == "每千人口注册护士数"


def test_compatibility_ideographs_digits_and_dashes() -> None:
    assert normalise("\uF9DC") == unicodedata.normalize("NFC", "\uF9DC") == "隆"
    assert normalise("到２０２５年达到３．５人") == "到2025年达到3．5人"   # the full-width point stays
    assert normalise("――县卫生健康局") == "——县卫生健康局"


def test_what_a_name_prints_otherwise_is_kept() -> None:
    text = "各乡镇（街道）、县医保局：（牵头单位：县卫健委；配合单位：县财政局）— 3 —％ABC"
    assert normalise(text) == text and not changed(text)
    assert changed("⼈") and len(normalise("⼈⺠⼼")) == 3


def test_a_plan_read_from_radicals_resolves_its_names() -> None:
    printed = ("1.建设县域医疗次中⼼。（牵头单位：县卫⽣健康局；配合单位：县⼈社局、各乡镇⼈⺠政府）\n")
    text = "二、重点任务\n（一）强化基层\n" + printed
    records = extract_text(text, "radicals.txt")
    task = next(t for t in records.tasks if t.kind != "subtask")
    assert task.title == "建设县域医疗次中心"
    assert task.lead_units == ("县卫生健康局",)
    assert task.responsible_units == ("县卫生健康局", "县人社局", "各乡镇人民政府")
