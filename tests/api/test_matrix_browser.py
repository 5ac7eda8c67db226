"""The matrix page in headless Chromium: reached from the plan's page, its cells and counts the
same as the JSON route's, every column sortable (lead before shared before none, tasks in their
printed order), and nothing asked of another host.

yongchuan_2025_regional_center.txt lines 292-297: task 1's lead unit is 区卫生健康委 (永川区卫生健康
委员会), with 区发展改革委、区民政局、区新城建管委、区大数据发展局 sharing it."""
from __future__ import annotations

import pytest

from tests.browser import screenshot_path

pytestmark = pytest.mark.timeout(120)

PLAN = "yongchuan-2025"
HEALTH = "org/yongchuan/health-commission"   # 区卫生健康委, lead of task 1 (lines 292-296)
ROWS = "table#matrix tbody tr"


def column(page, body: str) -> list[str]:
    """The matrix's cells under `body`, top to bottom."""
    index = page.eval_on_selector(
        f"table#matrix thead th[data-body='{body}']",
        "th => Array.from(th.parentNode.children).indexOf(th)")
    return page.eval_on_selector_all(
        ROWS, f"rows => rows.map(r => r.cells[{index}].textContent.trim())")


def task_order(page) -> list[str]:
    return page.eval_on_selector_all(ROWS, "rows => rows.map(r => r.dataset.task)")


def test_the_plan_page_leads_to_the_matrix_and_it_sorts(page, base_url, api):
    outside: list[str] = []
    page.context.on("request", lambda r: None if r.url.startswith(base_url)
                    or r.url.startswith("data:") else outside.append(r.url))
    matrix = api.get(f"/api/plans/{PLAN}/matrix").json()

    page.goto(base_url + f"/id/plan/{PLAN}")
    page.click("a.matrix")
    page.wait_for_url(base_url + f"/matrix/plan/{PLAN}")
    assert task_order(page) == [t["id"] for t in matrix["tasks"]]
    headings = page.locator("table#matrix thead th.body")
    assert headings.count() == len(matrix["bodies"])
    for body in matrix["bodies"]:
        th = page.locator(f"table#matrix thead th[data-body='{body['id']}']")
        assert th.locator(".lead-count").inner_text() == str(body["lead"])
        assert th.locator(".shared-count").inner_text() == str(body["shared"])

    first = page.locator(f"{ROWS}[data-task='task/{PLAN}/1']")
    index = page.eval_on_selector(f"table#matrix thead th[data-body='{HEALTH}']",
                                  "th => Array.from(th.parentNode.children).indexOf(th)")
    assert first.locator("td").nth(index).inner_text() == "牵头"

    health = page.locator(f"table#matrix thead th[data-body='{HEALTH}']")
    health.locator(".counts").click()
    cells = column(page, HEALTH)
    rank = {"牵头": 2, "参与": 1, "": 0}
    assert [rank[c] for c in cells] == sorted((rank[c] for c in cells), reverse=True)
    (counts,) = [b for b in matrix["bodies"] if b["id"] == HEALTH]
    assert (cells.count("牵头"), cells.count("参与")) == (counts["lead"], counts["shared"])
    assert health.get_attribute("aria-sort") == "descending"
    page.screenshot(path=screenshot_path("matrix-yongchuan-sorted"))
    health.locator(".counts").click()
    assert health.get_attribute("aria-sort") == "ascending"
    assert [rank[c] for c in column(page, HEALTH)] == sorted(rank[c] for c in cells)

    page.locator("table#matrix thead th", has_text="任务 task").click()
    assert task_order(page) == [t["id"] for t in matrix["tasks"]]   # 1, 2, … 9, 10, …

    page.locator("table#bodies thead th", has_text="参与 shared").click()
    shared = page.eval_on_selector_all("table#bodies tbody tr",
                                       "rows => rows.map(r => Number(r.cells[2].textContent))")
    assert shared == sorted(shared, reverse=True)
    assert outside == []
