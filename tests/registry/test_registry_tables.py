"""The registry tables (data/registry/*.csv): their shape, their references, and that every
responsible unit and named institution printed in the plans resolves to exactly one body.

Expected printed names are read off the texts by a person and hard-coded below, each with the
1-based line it was read from; the tests check that the text still says so.
"""
from __future__ import annotations

import csv
import re
from functools import cache

import pytest

from tests.conftest import ROOT, SOURCES

REGISTRY = ROOT / "data" / "registry"

# Headers as data/registry/README.md states them (also checked against the README itself below).
HEADERS = {
    "jurisdictions.csv": ["id", "name_zh", "name_en", "level", "parent"],
    "org_kinds.csv": ["id", "label_zh", "label_en", "broader"],
    "organizations.csv": ["jurisdiction", "id", "type", "kind", "name_zh", "name_en", "aliases"],
}
LEVELS = {"province", "municipality", "prefecture", "district", "county-level-city"}
ORG_TYPES = {"department", "institution", "group"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
UNIT_SEPARATOR = re.compile(r"[、，,；;]")
CLAUSE = re.compile(r"（责任单位：([^）]*)）")

# Top concepts of the org_kinds scheme and the kinds every build needs.
TOP_KINDS = {"government-department", "health-institution", "collective"}
REQUIRED_KINDS = {
    "health-commission", "development-reform-commission", "medical-insurance-bureau",
    "finance-bureau", "human-resources-social-security-bureau",
    "planning-natural-resources-bureau", "housing-urban-rural-development-commission",
    "market-regulation-bureau", "big-data-bureau", "science-technology-bureau",
    "economy-information-technology-commission", "education-commission", "civil-affairs-bureau",
    "culture-tourism-commission", "commerce-commission", "agriculture-rural-affairs-commission",
    "forestry-bureau", "ecology-environment-bureau", "investment-promotion-bureau",
    "public-security-bureau", "establishment-office", "area-management-committee",
    "state-owned-company", "general-hospital", "tcm-hospital", "integrated-tcm-western-hospital",
    "specialised-hospital", "mental-health-centre", "cdc", "maternal-child-health-institution",
    "township-health-centre", "community-health-service-centre", "blood-centre", "university",
    "association", "streets-and-towns", "medical-institutions", "primary-care-institutions",
    "public-hospitals", "private-hospitals",
}
# The top concept a row's kind must fall under, by the row's type (None: neither of the others).
TYPE_TOP = {"department": "government-department", "group": "collective"}


# ---------------------------------------------------------------------------------------------
# Reading


def read_rows(name: str) -> list[dict[str, str]]:
    with (REGISTRY / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_header(name: str) -> list[str]:
    with (REGISTRY / name).open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


@cache
def jurisdictions() -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in read_rows("jurisdictions.csv")}


@cache
def kinds() -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in read_rows("org_kinds.csv")}


@cache
def organizations() -> list[dict[str, str]]:
    return read_rows("organizations.csv")


@cache
def source_lines(file_name: str) -> list[str]:
    return (SOURCES / file_name).read_text(encoding="utf-8").split("\n")


def line(file_name: str, number: int) -> str:
    """1-based line of a source text, white space stripped at both ends."""
    return source_lines(file_name)[number - 1].strip()


def squash(text: str) -> str:
    """White space removed: names are compared this way (README: white space is ignored)."""
    return re.sub(r"\s+", "", text)


def split_units(cell: str) -> list[str]:
    return [squash(part) for part in UNIT_SEPARATOR.split(cell) if squash(part)]


def aliases(row: dict[str, str]) -> list[str]:
    return [a for a in row["aliases"].split("|")] if row["aliases"] else []


def forms(row: dict[str, str]) -> list[str]:
    """Every form a body is found by: its canonical name and its aliases."""
    return [squash(row["name_zh"])] + [squash(a) for a in aliases(row)]


def chain(jurisdiction: str) -> list[str]:
    """A jurisdiction followed by its parents, nearest first."""
    out: list[str] = []
    while jurisdiction:
        assert jurisdiction not in out, f"cycle in jurisdictions at {jurisdiction}"
        out.append(jurisdiction)
        jurisdiction = jurisdictions()[jurisdiction]["parent"]
    return out


def kind_ancestors(kind: str) -> list[str]:
    out: list[str] = []
    while kind:
        assert kind not in out, f"cycle in org_kinds at {kind}"
        out.append(kind)
        kind = kinds()[kind]["broader"]
    return out


def resolve(name: str, jurisdiction: str) -> list[dict[str, str]]:
    """README resolution: the plan's own jurisdiction first, then its parents, nearest first."""
    wanted = squash(name)
    for level in chain(jurisdiction):
        found = [row for row in organizations()
                 if row["jurisdiction"] == level and wanted in forms(row)]
        if found:
            return found
    return []


def assert_resolves(name: str, jurisdiction: str) -> None:
    found = resolve(name, jurisdiction)
    assert len(found) == 1, (
        f"{name!r} (plan jurisdiction {jurisdiction}) resolves to {len(found)} rows: "
        f"{[(r['jurisdiction'], r['id']) for r in found]}"
    )


# ---------------------------------------------------------------------------------------------
# Shape of the tables


def readme_headers() -> dict[str, list[str]]:
    """Column names from the README's table: the backticked names outside parentheses."""
    out: dict[str, list[str]] = {}
    for row in (REGISTRY / "README.md").read_text(encoding="utf-8").splitlines():
        # Cells are split on " | " only: a cell may hold a backticked `|`.
        cells = [c.strip() for c in re.split(r"\s\|\s", row.strip().strip("|"))]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        file_name = cells[0].strip("`")
        columns = re.sub(r"\([^)]*\)", "", cells[2])
        out[file_name] = re.findall(r"`([^`]+)`", columns)
    return out


def test_readme_headers_are_the_ones_tested() -> None:
    documented = readme_headers()
    for file_name, header in HEADERS.items():
        assert documented[file_name] == header


@pytest.mark.parametrize("file_name", sorted(HEADERS))
def test_header(file_name: str) -> None:
    assert read_header(file_name) == HEADERS[file_name]


@pytest.mark.parametrize("file_name", sorted(HEADERS))
def test_rows_have_every_column(file_name: str) -> None:
    with (REGISTRY / file_name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    bad = [i + 1 for i, row in enumerate(rows) if len(row) != len(HEADERS[file_name])]
    assert not bad, f"{file_name}: rows with a wrong number of cells: {bad}"


def test_jurisdictions() -> None:
    rows = read_rows("jurisdictions.csv")
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "duplicate jurisdiction ids"
    for row in rows:
        assert SLUG.match(row["id"]), row["id"]
        assert row["name_zh"] and row["name_en"], row
        assert row["level"] in LEVELS, row
        assert row["parent"] == "" or row["parent"] in jurisdictions(), row
        chain(row["id"])  # no cycle
    roots = {row["id"] for row in rows if not row["parent"]}
    assert all(jurisdictions()[r]["level"] in {"province", "municipality"} for r in roots)


def test_expected_jurisdiction_tree() -> None:
    assert chain("shapingba") == ["shapingba", "chongqing"]
    assert chain("yuzhong") == ["yuzhong", "chongqing"]
    assert chain("yongchuan") == ["yongchuan", "chongqing"]
    assert chain("wanzhou") == ["wanzhou", "chongqing"]
    assert chain("huaying") == ["huaying", "guang-an", "sichuan"]
    levels = {j: jurisdictions()[j]["level"] for j in jurisdictions()}
    assert levels["chongqing"] == "municipality"
    assert levels["sichuan"] == "province"
    assert levels["guang-an"] == "prefecture"
    assert levels["huaying"] == "county-level-city"


def test_manifest_jurisdictions_exist() -> None:
    manifest = (SOURCES / "manifest.yaml").read_text(encoding="utf-8")
    named = re.findall(r"^\s+jurisdiction:\s*(\S+)\s*$", manifest, flags=re.M)
    assert len(named) == 5
    for jurisdiction in named:
        assert jurisdiction in jurisdictions(), jurisdiction


def test_org_kinds() -> None:
    rows = read_rows("org_kinds.csv")
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "duplicate kind ids"
    for row in rows:
        assert SLUG.match(row["id"]), row["id"]
        assert row["label_zh"] and row["label_en"], row
        assert row["broader"] == "" or row["broader"] in kinds(), row
        kind_ancestors(row["id"])  # no cycle
    for top in TOP_KINDS:
        assert kinds()[top]["broader"] == "", f"{top} should be a top concept"
    assert REQUIRED_KINDS <= set(kinds()), sorted(REQUIRED_KINDS - set(kinds()))


def test_organizations_shape() -> None:
    seen: set[tuple[str, str]] = set()
    for row in organizations():
        key = (row["jurisdiction"], row["id"])
        assert key not in seen, f"duplicate id {key}"
        seen.add(key)
        assert SLUG.match(row["id"]), row["id"]
        assert row["jurisdiction"] in jurisdictions(), row
        assert row["kind"] in kinds(), row
        assert row["type"] in ORG_TYPES, row
        assert row["name_zh"] and row["name_en"], row
        assert not re.search(r"\s", row["name_zh"]), row
        for alias in aliases(row):
            assert alias, f"empty alias in {key}"
            assert not re.search(r"\s", alias), f"white space in alias {alias!r} of {key}"
            assert alias != row["name_zh"], f"alias repeats the canonical name in {key}"
        assert len(aliases(row)) == len(set(aliases(row))), f"repeated alias in {key}"


def test_type_agrees_with_kind() -> None:
    for row in organizations():
        ancestors = kind_ancestors(row["kind"])
        top = TYPE_TOP.get(row["type"])
        if top:
            assert top in ancestors, f"{row['id']}: a {row['type']} of kind {row['kind']}"
        else:
            assert not set(TYPE_TOP.values()) & set(ancestors), (
                f"{row['id']}: an institution of kind {row['kind']}")


def test_each_printed_form_names_one_body_per_jurisdiction() -> None:
    owner: dict[tuple[str, str], str] = {}
    for row in organizations():
        for form in forms(row):
            key = (row["jurisdiction"], form)
            assert key not in owner or owner[key] == row["id"], (
                f"{form!r} names both {owner[key]} and {row['id']} in {row['jurisdiction']}")
            owner[key] = row["id"]


def test_no_nearer_institution_name_hides_inside_a_farther_one() -> None:
    """Institutions are found in running text nearest jurisdiction first (kg.registry): a short
    form of a district body must not sit inside a longer name of a body of a parent (a bare
    妇幼保健院 of 永川 would take 重庆市妇幼保健院); the same holds for a too short form such as 重医
    (it occurs in 注重医疗, 环重医)."""
    institution_forms: dict[str, list[tuple[str, str]]] = {}
    for row in organizations():
        if row["type"] == "institution":
            institution_forms.setdefault(row["jurisdiction"], []).extend(
                (form, row["id"]) for form in forms(row))
    clashes = []
    for place in jurisdictions():
        for farther in chain(place)[1:]:
            for near_form, near_id in institution_forms.get(place, []):
                for far_form, far_id in institution_forms.get(farther, []):
                    if near_form != far_form and near_form in far_form:
                        clashes.append((place, near_form, farther, far_form))
    assert not clashes, clashes


def test_aliases_are_printed_in_a_plan() -> None:
    texts = [squash((SOURCES / f).read_text(encoding="utf-8")) for f in PLAN_FILES.values()]
    missing = [(row["jurisdiction"], alias) for row in organizations() for alias in aliases(row)
               if not any(squash(alias) in text for text in texts)]
    assert not missing, f"aliases not printed in any plan: {missing}"


# ---------------------------------------------------------------------------------------------
# Responsible units

PLAN_FILES = {
    "shapingba": "shapingba_2025_service_system.txt",
    "yuzhong": "yuzhong_2024_work_measures.txt",
    "yongchuan": "yongchuan_2025_regional_center.txt",
    "huaying": "huaying_14th_fyp_service_system.txt",
    "wanzhou": "wanzhou_14th_fyp_health.txt",
}

# 沙坪坝: the （责任单位：…） clause closing each task, by line (shapingba_2025_service_system.txt).
SHAPINGBA_CLAUSES = {
    19: "区卫生健康委、区发展改革委、区规划自然资源局、区住房城乡建委",
    20: "区卫生健康委、区发展改革委",
    21: "区卫生健康委",
    23: "区卫生健康委",
    24: "区卫生健康委、区人力社保局",
    25: "区卫生健康委、区市场监管局",
    26: "区卫生健康委、区科技局、区经济信息委",
    28: "区卫生健康委、区人力社保局、区医保局",
    29: "区卫生健康委、区医保局",
    30: "区卫生健康委、区规划自然资源局、区住房城乡建委、区医保局、区民政局",
    31: "区卫生健康委",
    32: "区卫生健康委、区教委",
    33: "区卫生健康委、区医保局、区公安分局",
    36: "区卫生健康委、区发展改革委、区大数据发展局",
    37: "区卫生健康委",
    38: "区卫生健康委、区市场监管局、区医保局",
    40: "区财政局、区卫生健康委",
    41: "区医保局、区卫生健康委",
    42: "区委编办、区人力社保局、区卫生健康委、区财政局",
}

# 渝中: the （责任单位：…） clauses of tasks 1-19, by line (yuzhong_2024_work_measures.txt).
YUZHONG_CLAUSES = {
    21: "区卫健委、区发改委、区规自局、各街道",
    22: "区卫健委、区发改委、区规自局、区住建委",
    23: "区卫健委、区发改委",
    25: "区卫健委",
    26: "区卫健委、区人社局",
    27: "区卫健委、区市场监管局",
    28: "区卫健委、区科技局、区大健康公司、大石化新区管委会",
    30: "区卫健委、区人社局、区医保局",
    31: "区卫健委、区医保局",
    32: "区卫健委、区规自局、区住建委、区医保局、区民政局",
    33: "区卫健委、区科技局",
    34: "区卫健委、区教委、区文旅委",
    35: "区卫健委、区医保局、区大数据局、区公安分局",
    37: "区卫健委、区发改委、区大数据局",
    38: "区卫健委",
    39: "区卫健委、区市场监管局、区医保局",
    41: "区财政局、区卫健委",
    42: "区医保局、区卫健委",
    43: "区委编办、区人社局、区卫健委、区财政局",
}
# 渝中 附件 重点任务清单: the 责任部门 cell of task rows 1-19 (lines 72-192), in task order.
YUZHONG_ANNEX_CELLS = [72, 78, 84, 93, 99, 105, 111, 120, 126, 132, 138, 144, 150, 159, 165, 171,
                       180, 186, 192]

# 永川 附件2 重点任务分解表 (yongchuan_2025_regional_center.txt lines 282-434): per row, the line
# and text of the 牵头单位 cell and of the 责任单位 cell.
YONGCHUAN_ANNEX2 = [
    (295, "区卫生健康委", 296, "区发展改革委、区民政局、区新城建管委、区大数据发展局"),
    (301, "区卫生健康委", 302, "重医附属永川医院、区人民医院、江苏省中医院重庆医院、区妇幼保健院、"
                          "区疾控中心、区精神卫生中心、市血液中心永川分中心"),
    (307, "区卫生健康委", 308, "重医附属永川医院、区直属医院、各基层医疗卫生机构"),
    (313, "区卫生健康委", 314, "江苏省中医院重庆医院、区人民医院、区妇幼保健院、区集嫒医院、"
                          "各基层医疗卫生机构"),
    (319, "区卫生健康委", 320, "区疾控中心、各级各类医疗卫生机构，各镇街"),
    (325, "区卫生健康委、区医保局、区市场监管局", 326,
     "重医附属永川医院、区人民医院、江苏省中医院重庆医院、朱沱镇卫生院、三教镇卫生院、来苏镇卫生院，"
     "各民营医院，诊所协会"),
    (331, "区卫生健康委、区民政局", 332,
     "区教委，江苏省中医院重庆医院、区人民医院、区妇幼保健院、区集嫒医院、部分基层医疗卫生机构"),
    (337, "区卫生健康委", 338, "重医附属永川医院、区人民医院、江苏省中医院重庆医院、区妇幼保健院、"
                          "区集嫒医院、区精神卫生中心"),
    (343, "区卫生健康委、区科技局", 344, "区人力社保局，各医疗机构"),
    (349, "区卫生健康委", 350, "区大数据发展局，各医疗卫生机构"),
    (355, "区卫生健康委", 356, "区大数据发展局，各医疗机构"),
    (361, "区卫生健康委", 362, "区发展改革委、区医保局，各医疗卫生机构"),
    (367, "区医保局、区卫生健康委、区市场监管局", 368, "区大数据发展局，公立医院"),
    (373, "区卫生健康委、区医保局", 374, "区发展改革委、区财政局、区人力社保局，公立医院"),
    (379, "区卫生健康委、区委编办、区人力社保局", 380, "区财政局"),
    (385, "区商务委、区市场监管局", 386, "区卫生健康委"),
    (391, "区经济信息委、区新城建管委", 392,
     "区发展改革委、区规划自然资源局、区生态环境局、区科技局、区市场监管局、区卫生健康委"),
    (397, "区农业农村委、区经济信息委、区新城建管委", 398, "区市场监管局、区商务委"),
    (403, "区农业农村委、区林业局", 404, "区市场监管局、区卫生健康委"),
    (409, "区卫生健康委、区科技局、区经济信息委", 410, "区商务委、区招商投资局"),
    (415, "区经济信息委、区文化旅游委", 416, "区市场监管局、区林业局"),
    (421, "区卫生健康委、区民政局、区文化旅游委", 422, "区市场监管局、区发展改革委"),
    (427, "区教委", 428, "区人力社保局、区卫生健康委、区民政局、区文化旅游委"),
    (433, "区文化旅游委、区市场监管局", 434, "区卫生健康委、区商务委、区林业局"),
]


def clauses_in(file_name: str, first: int, last: int) -> dict[int, str]:
    found = {}
    for number in range(first, last + 1):
        match = CLAUSE.search(line(file_name, number))
        if match:
            found[number] = match.group(1)
    return found


def test_shapingba_clauses_are_as_read() -> None:
    assert clauses_in(PLAN_FILES["shapingba"], 19, 42) == SHAPINGBA_CLAUSES


def test_yuzhong_clauses_are_as_read() -> None:
    assert clauses_in(PLAN_FILES["yuzhong"], 21, 43) == YUZHONG_CLAUSES


def test_yuzhong_annex_cells_repeat_the_clauses() -> None:
    cells = [line(PLAN_FILES["yuzhong"], n) for n in YUZHONG_ANNEX_CELLS]
    assert cells == list(YUZHONG_CLAUSES.values())


def test_yongchuan_annex2_cells_are_as_read() -> None:
    for lead_line, lead, units_line, units in YONGCHUAN_ANNEX2:
        assert line(PLAN_FILES["yongchuan"], lead_line) == lead, lead_line
        assert line(PLAN_FILES["yongchuan"], units_line) == units, units_line


def unit_names(cells) -> list[str]:
    names: dict[str, None] = {}
    for cell in cells:
        for name in split_units(cell):
            names.setdefault(name, None)
    return list(names)


SHAPINGBA_UNITS = unit_names(SHAPINGBA_CLAUSES.values())
YUZHONG_UNITS = unit_names(list(YUZHONG_CLAUSES.values()))
YONGCHUAN_UNITS = unit_names([c for row in YONGCHUAN_ANNEX2 for c in (row[1], row[3])])


@pytest.mark.parametrize("name", SHAPINGBA_UNITS)
def test_shapingba_unit_resolves(name: str) -> None:
    assert_resolves(name, "shapingba")


@pytest.mark.parametrize("name", YUZHONG_UNITS)
def test_yuzhong_unit_resolves(name: str) -> None:
    assert_resolves(name, "yuzhong")


@pytest.mark.parametrize("name", YONGCHUAN_UNITS)
def test_yongchuan_unit_resolves(name: str) -> None:
    assert_resolves(name, "yongchuan")


def test_unit_lists_are_complete() -> None:
    # Distinct printed names: 15 in 沙坪坝, 18 in 渝中, 41 in 永川 附件2.
    assert len(SHAPINGBA_UNITS) == 15
    assert len(YUZHONG_UNITS) == 18
    assert len(YONGCHUAN_UNITS) == 41


def test_same_kind_across_plans() -> None:
    """沙坪坝's 区卫生健康委 and 渝中's 区卫健委 are two bodies of one kind."""
    (spb,) = resolve("区卫生健康委", "shapingba")
    (yz,) = resolve("区卫健委", "yuzhong")
    (yc,) = resolve("区卫生健康委", "yongchuan")
    assert len({spb["jurisdiction"], yz["jurisdiction"], yc["jurisdiction"]}) == 3
    assert spb["kind"] == yz["kind"] == yc["kind"] == "health-commission"


# ---------------------------------------------------------------------------------------------
# Institutions named in task texts (and a few elsewhere in the plans): (line, printed name).
# A name wrapped over several lines (万州, PDF text) is cited at its first line.

MENTIONS: dict[str, list[tuple[int, str]]] = {
    "shapingba": [
        (19, "区人民医院"), (19, "陈家桥医院"), (19, "区中医院"), (19, "重庆中医药学院"),
        (19, "区中西医结合医院"), (19, "区精神卫生中心"), (19, "区妇幼保健院"),
        (21, "区疾控中心"), (26, "市卫生健康委"), (26, "西南医院"), (26, "新桥医院"),
        (26, "重庆大学附属肿瘤医院"),
    ],
    "yuzhong": [
        (22, "重庆市中医骨科医院"), (22, "区人民医院"), (22, "区精卫中心"), (22, "重庆牙科医院"),
        (22, "区妇幼保健院"), (23, "区疾控中心"), (76, "区卫生应急隔离救治中心"),
        (91, "区疾控"), (109, "重庆医科大学"), (118, "中医骨科医院"),
        (130, "福满康心护理院"),
    ],
    "yongchuan": [
        (29, "重医附属永川医院"), (29, "区人民医院"), (29, "江苏省中医院重庆医院"),
        (29, "区妇幼保健院"), (29, "重医附属儿童医院"), (29, "重庆市妇幼保健院"),
        (29, "市血液中心永川分中心"), (29, "区精神卫生中心"), (33, "区疾控中心"),
        (33, "渝西区域应急医院"), (35, "区集嫒医院"), (38, "重庆中新肿瘤医院"),
        (38, "西南医院"), (38, "新桥医院"), (39, "重医第五临床学院"), (39, "重庆医科大学"),
        (39, "重庆第二医学院"), (39, "重庆中医药学院"), (39, "渝西卫校"), (39, "民进校"),
        (39, "重庆医科大学全科医学院"), (306, "朱沱镇卫生院"), (306, "松溉镇卫生院"),
        (306, "来苏镇卫生院"), (306, "宝峰镇卫生院"), (306, "三教镇卫生院"),
        (306, "板桥镇卫生院"), (306, "茶山竹海街道社区卫生服务中心"),
    ],
    "huaying": [
        (6, "市人民医院"), (27, "广能集团总医院"), (27, "市妇幼保健计划生育服务中心"),
        (29, "市中医医院"), (246, "华蓥市人民医院"), (253, "华蓥市中医医院"),
        (260, "四川华蓥山广能（集团）有限责任公司总医院"), (264, "绿水洞医院"),
        (267, "华蓥市妇幼保健计划生育服务中心"), (288, "华蓥市蓥城社区卫生服务中心"),
        (295, "华蓥市古桥社区卫生服务中心"), (302, "华蓥市华龙社区卫生服务中心"),
        (309, "华蓥市庆华镇中心卫生院"), (316, "华蓥市高兴镇中心卫生院"),
        (323, "华蓥市永兴镇中心卫生院"), (330, "华蓥市天池镇中心卫生院"),
        (337, "华蓥市禄市镇卫生院"), (344, "华蓥市阳和镇卫生院"), (351, "华蓥市明月镇卫生院"),
        (358, "华蓥市溪口镇卫生院"), (365, "华蓥市红岩乡卫生院"), (396, "市疾病预防控制中心"),
        (396, "市疾病预防控制机构"), (434, "市卫生健康监督执法大队"), (434, "市应急管理局"),
        (434, "市消防救援大队"), (457, "蓥城社区卫生服务中心"), (483, "成都中医药大学"),
        (567, "市妇幼保健机构"), (592, "高兴镇中心卫生院"), (592, "济康精神病专科医院"),
        (642, "市疾控中心"), (642, "市卫生健康监督机构"), (673, "市卫生健康局"),
        (673, "市发展改革局"), (673, "市财政局"),
    ],
    "wanzhou": [
        (3, "重庆市万州区卫生健康委员会"), (128, "区精神康复中心"), (132, "三峡医药高专附院"),
        (140, "区人民医院"), (140, "区中医院"), (142, "重庆三峡中心医院"),
        (146, "分水镇中心卫生院"), (146, "区第六人民医院"),
        (703, "区疾病预防控制中心"), (762, "三峡公共卫生应急医院"), (766, "重庆大学附属三峡医院"),
        (766, "区第一人民医院"), (766, "区上海医院"), (768, "区妇幼保健院"),
        (768, "三峡医药高专附属中医院"), (863, "万州中心血站"), (872, "区精神康复中心"),
        (876, "三峡精神卫生中心"), (953, "重庆全域肿瘤医院"), (958, "高峰镇卫生院"),
        (960, "天城镇街道社区卫生服务中心"), (966, "区第六人民医院"), (968, "龙驹镇中心卫生院"),
        (988, "三峡医药高专附属人民医院"), (1046, "万州老年大学"),
        (1083, "重庆三峡医药高专附属中医院"), (1119, "重庆三峡医药高专"),
        (1189, "重庆大学附属三峡医院"), (1191, "重庆三峡医药高专附属医院"),
        (1368, "万州奇泓美年健康龙都体检中心"), (1421, "万州爱尔眼科医院"),
        (1423, "川东骨科医院"), (1434, "重庆大学"), (1462, "市卫生健康委"),
        (1485, "重庆三峡医药高专附属人民医院"), (1546, "市人民医院"), (1546, "市中医院"),
    ],
}

# Named in a plan but registered under a jurisdiction outside that plan's chain (the README's
# resolution cannot reach them from the plan): (plan jurisdiction, line, name, registered under).
OUTSIDE_CHAIN = [
    ("huaying", 478, "重庆医科大学第一附属医院", "chongqing"),
    ("huaying", 651, "重庆医科大学附一院", "chongqing"),
    ("wanzhou", 1544, "四川大学华西医院", "sichuan"),
]


def near(file_name: str, number: int, span: int = 5) -> str:
    """Lines number..number+span-1 joined, white space removed (PDF wraps undone)."""
    return squash("".join(source_lines(file_name)[number - 1:number - 1 + span]))


MENTION_CASES = [(j, n, name) for j, items in MENTIONS.items() for n, name in items]


@pytest.mark.parametrize(("jurisdiction", "number", "name"), MENTION_CASES)
def test_mentioned_institution_is_printed_and_resolves(jurisdiction: str, number: int,
                                                       name: str) -> None:
    assert name in near(PLAN_FILES[jurisdiction], number), f"{name!r} not at line {number}"
    assert_resolves(name, jurisdiction)


@pytest.mark.parametrize(("jurisdiction", "number", "name", "registered"), OUTSIDE_CHAIN)
def test_named_outside_the_chain(jurisdiction: str, number: int, name: str,
                                 registered: str) -> None:
    assert name in near(PLAN_FILES[jurisdiction], number)
    assert registered not in chain(jurisdiction)
    assert_resolves(name, registered)


def test_municipal_level_hospitals_sit_under_chongqing() -> None:
    for name in ("西南医院", "新桥医院", "重庆大学附属肿瘤医院", "重医附属永川医院"):
        (row,) = resolve(name, "shapingba" if "永川" not in name else "yongchuan")
        assert row["jurisdiction"] == "chongqing", name
