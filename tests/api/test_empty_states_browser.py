"""What the pages say when there is nothing to show, in headless Chromium: a plan whose tasks
name no body (万州) on its network view and its matrix, with working links to its tasks and
indicators; an unknown IRI's 404 page and its search box; a query that matches nothing.

wanzhou_14th_fyp_health.txt prints neither 责任单位 nor 牵头单位 (tests/api/test_matrix.py checks
it on the text); its indicator table prints, line 627, "11 每千人口执业（助理）医师数（人） 2.94 3.6
约束性". shapingba_2025_service_system.txt line 29 is task 9 健全家庭医生制度, the only task
mentioning 家医服务站."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser import screenshot_path

pytestmark = pytest.mark.timeout(120)

RESULT_ROWS = ".yasr table.dataTable tbody tr"
INDICATOR = "每千人口执业（助理）医师数"                    # wanzhou_14th_fyp_health.txt:627
FAMILY_DOCTORS = "健全家庭医生制度"                          # shapingba_2025_service_system.txt:29


def wanzhou_tasks(api) -> int:
    return api.get("/api/plans/wanzhou-2022").json()["tasks"]


def result_rows(page) -> list[str]:
    page.wait_for_selector(RESULT_ROWS)
    return page.locator(RESULT_ROWS).all_inner_texts()


def test_the_network_view_of_a_plan_naming_no_body_links_to_its_tasks_and_indicators(
        page, base_url, api):
    page.goto(base_url + "/viz/plan/wanzhou-2022?view=cross-plan")
    empty = page.locator("#empty")
    assert "names no responsible body" in empty.inner_text()
    page.screenshot(path=screenshot_path("empty-network-wanzhou"))
    empty.locator("a.indicators").click()
    page.wait_for_url(base_url + "/?query=*")
    page.click("#run")
    assert any(INDICATOR in row for row in result_rows(page))

    page.goto(base_url + "/viz/plan/wanzhou-2022?view=cross-plan")
    page.locator("#empty a.tasks").click()
    page.wait_for_url(base_url + "/?query=*")
    page.click("#run")
    rows = result_rows(page)
    assert len(rows) == wanzhou_tasks(api)
    assert all("task/wanzhou-2022/" in row for row in rows)


def test_the_matrix_of_a_plan_naming_no_body_says_so(page, base_url, api):
    page.goto(base_url + "/matrix/plan/wanzhou-2022")
    empty = page.locator("#empty")
    assert f"none of this plan's {wanzhou_tasks(api)} tasks names a responsible body" in \
        " ".join(empty.inner_text().split())
    assert page.locator("table#matrix").count() == 0
    empty.locator("a.tasks").click()
    page.wait_for_url(base_url + "/?query=*")
    page.click("#run")
    assert len(result_rows(page)) == wanzhou_tasks(api)


def test_an_unknown_iri_is_a_404_page_whose_search_box_finds_tasks(page, base_url):
    reply = page.goto(base_url + "/id/task/shapingba-2025/999")
    assert reply.status == 404
    assert "no resource https://w3id.org/plankg/id/task/shapingba-2025/999" in \
        page.locator("main").inner_text()
    page.fill("#not-found-q", "家医服务站")
    page.screenshot(path=screenshot_path("not-found"))
    page.locator("#not-found-search button").click()
    page.wait_for_url(base_url + "/?query=*")
    page.click("#run")
    rows = result_rows(page)
    assert len(rows) == 1 and FAMILY_DOCTORS in rows[0]


def test_a_query_matching_nothing_says_so(page, base_url):
    nothing = 'SELECT ?task WHERE { ?task a pk:Task ; skos:prefLabel "没有这个任务"@zh }'
    page.goto(base_url + "/?query=" + quote(nothing))
    page.click("#run")
    notice = page.locator("#results-empty")
    notice.wait_for(state="visible")
    assert "matched nothing" in notice.inner_text()

    page.goto(base_url + "/?query=" + quote("SELECT ?plan WHERE { ?plan a pk:Plan }"))
    page.click("#run")
    assert len(result_rows(page)) == 5
    assert notice.is_hidden()
