"""The responsibility matrix (任务分工表) over the live server: cells read off the plans by hand,
every body's column the same as competency question 1's answer for it (queries/01-tasks-by-unit.rq),
the CSV and XLSX downloads holding the same cells, a jurisdiction's matrix covering the plans
within it, and the plans that name no body answered as an empty matrix."""
from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from kg.paths import Paths

# yongchuan_2025_regional_center.txt lines 292-297, the table's row 1 (序号 1):
#   科学谋划卫生健康事业“十五五”发展。 | 牵头单位 区卫生健康委 | 责任单位 区发展改革委、区民政局、
#   区新城建管委、区大数据发展局
YONGCHUAN_1 = ("yongchuan-2025", "task/yongchuan-2025/1", "yongchuan",
               {"区卫生健康委": "lead", "区发展改革委": "shared", "区民政局": "shared",
                "区新城建管委": "shared", "区大数据发展局": "shared"})
# shapingba_2025_service_system.txt line 19, task 1 完善优质医疗卫生机构功能布局:
#   （责任单位：区卫生健康委、区发展改革委、区规划自然资源局、区住房城乡建委） — no lead printed
SHAPINGBA_1 = ("shapingba-2025", "task/shapingba-2025/1", "shapingba",
               {"区卫生健康委": "shared", "区发展改革委": "shared", "区规划自然资源局": "shared",
                "区住房城乡建委": "shared"})
# wanzhou_14th_fyp_health.txt and huaying_14th_fyp_service_system.txt print neither 责任单位 nor
# 牵头单位 anywhere (checked below on the texts themselves)
UNASSIGNED = {"wanzhou-2022": "wanzhou_14th_fyp_health.txt",
              "huaying-2021": "huaying_14th_fyp_service_system.txt"}
# queries/01-tasks-by-unit.rq names the body in one VALUES row: `VALUES ?name { "区医保局"@zh }`
CQ1_NAME = re.compile(r'VALUES \?name \{ "[^"]*"@zh \}')
CQ1 = (Paths().queries / "01-tasks-by-unit.rq").read_text(encoding="utf-8")


def printed(api, jurisdiction: str, name: str) -> str:
    """The id of the one body of `jurisdiction` a plan prints as `name`."""
    found = api.get("/api/organizations", params={"jurisdiction": jurisdiction, "name": name})
    ids = [o["id"] for o in found.json()]
    assert len(ids) == 1, (name, ids)
    return ids[0]


def task_row(matrix: dict, task: str) -> dict:
    (row,) = [t for t in matrix["tasks"] if t["id"] == task]
    return row


@pytest.mark.parametrize("plan,task,place,cells", [YONGCHUAN_1, SHAPINGBA_1],
                         ids=["yongchuan-1", "shapingba-1"])
def test_the_cells_are_the_units_the_plan_prints(api, plan, task, place, cells):
    matrix = api.get(f"/api/plans/{plan}/matrix").json()
    expected = {printed(api, place, name): role for name, role in cells.items()}
    assert task_row(matrix, task)["cells"] == expected


@pytest.mark.parametrize("plan", ["yongchuan-2025", "shapingba-2025", "yuzhong-2024"])
def test_every_column_is_the_competency_questions_answer_for_that_body(api, plan):
    matrix = api.get(f"/api/plans/{plan}/matrix").json()
    assert matrix["bodies"]
    for body in matrix["bodies"]:
        query = CQ1_NAME.sub(f'VALUES ?name {{ "{body["label_zh"]}"@zh }}', CQ1)
        answer = api.post("/sparql", data={"query": query},
                          headers={"Accept": "application/sparql-results+json"}).json()
        rows = {(r["task"]["value"], r["lead"]["value"] == "true")
                for r in answer["results"]["bindings"]
                if r["plan"]["value"].endswith(f"/plan/{plan}")}
        column = {(t["iri"], t["cells"][body["id"]] == "lead") for t in matrix["tasks"]
                  if body["id"] in t["cells"]}
        assert column == rows, body["label_zh"]
        assert body["lead"] == sum(lead for _, lead in rows)
        assert body["shared"] == sum(not lead for _, lead in rows)
        assert body["tasks"] == len(rows)


def test_the_csv_and_the_xlsx_hold_the_same_cells(api):
    plan, task, place, cells = YONGCHUAN_1
    matrix = api.get(f"/api/plans/{plan}/matrix").json()
    reply = api.get(f"/api/plans/{plan}/matrix", params={"format": "csv"})
    assert reply.headers["content-type"].startswith("text/csv")
    assert 'filename="matrix-yongchuan-2025.csv"' in reply.headers["content-disposition"]
    table = list(csv.reader(io.StringIO(reply.content.decode("utf-8-sig"))))
    header, rows = table[0], table[1:]
    names = {body["label_zh"]: body for body in matrix["bodies"]}
    assert header[6:] == [body["label_zh"] for body in matrix["bodies"]]
    (row,) = [r for r in rows if r[1] == task]
    expected = {printed(api, place, name): role for name, role in cells.items()}
    read = {names[h]["id"]: {"牵头": "lead", "参与": "shared"}[v]
            for h, v in zip(header[6:], row[6:]) if v}
    assert read == expected
    lead_total, shared_total = rows[-2], rows[-1]
    assert [int(v) for v in lead_total[6:]] == [b["lead"] for b in matrix["bodies"]]
    assert [int(v) for v in shared_total[6:]] == [b["shared"] for b in matrix["bodies"]]

    book = load_workbook(io.BytesIO(api.get(f"/api/plans/{plan}/matrix",
                                            params={"format": "xlsx"}).content))
    sheet = [["" if v is None else str(v) for v in r]
             for r in book["分工表"].iter_rows(values_only=True)]
    assert sheet == table
    counts = list(book["单位"].iter_rows(values_only=True))[1:]
    assert [(c[1], c[2], c[3]) for c in counts] == [(b["id"], b["lead"], b["shared"])
                                                     for b in matrix["bodies"]]


def test_a_jurisdictions_matrix_covers_the_plans_within_it(api):
    chongqing = api.get("/api/jurisdictions/chongqing/matrix").json()
    plans = {p["id"] for p in chongqing["plans"]}
    # the four districts are within 重庆市, 华蓥市 within 四川省 (data/registry/jurisdictions.csv)
    assert plans == {"plan/shapingba-2025", "plan/yuzhong-2024", "plan/yongchuan-2025",
                     "plan/wanzhou-2022"}
    per_plan = [api.get(f"/api/plans/{p.removeprefix('plan/')}/matrix").json() for p in plans]
    assert sorted(t["id"] for t in chongqing["tasks"]) == sorted(
        t["id"] for m in per_plan for t in m["tasks"])
    one = api.get("/api/jurisdictions/yongchuan/matrix").json()
    assert one["tasks"] == api.get("/api/plans/yongchuan-2025/matrix").json()["tasks"]


@pytest.mark.parametrize("plan", sorted(UNASSIGNED))
def test_a_plan_naming_no_body_has_an_empty_matrix(api, plan):
    text = (Paths().sources / UNASSIGNED[plan]).read_text(encoding="utf-8")
    assert "责任单位" not in text and "牵头单位" not in text
    matrix = api.get(f"/api/plans/{plan}/matrix").json()
    assert matrix["tasks"] == [] and matrix["bodies"] == []
    (summary,) = matrix["plans"]
    assert summary["unassigned"] == summary["tasks"] > 0


def test_unknown_ids_are_404(api):
    assert api.get("/api/plans/nowhere-2020/matrix").status_code == 404
    reply = api.get("/api/jurisdictions/nowhere/matrix")
    assert reply.status_code == 404 and "no jurisdiction 'nowhere'" in reply.json()["error"]
    page = api.get("/matrix/plan/nowhere-2020", headers={"Accept": "text/html"})
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert api.get("/api/plans/yongchuan-2025/matrix", params={"format": "pdf"}).status_code == 422


def test_the_plan_page_links_to_its_matrix(api):
    page = api.get("/id/plan/yongchuan-2025", headers={"Accept": "text/html"}).text
    assert 'href="/matrix/plan/yongchuan-2025"' in page
