"""The header search, the network view's search and the query UI's result views in headless
Chromium against a live server, every request to another host refused (and none made): the
drawing libraries come from this install.

Names read off data/registry/organizations.csv: line 29, 50, 74 give 区医保局 as the alias of the
medical insurance bureaus of 沙坪坝, 渝中 and 永川; line 43 gives 区卫健委 for 渝中's health
commission (渝中区卫生健康委员会), which yuzhong_2024_work_measures.txt names in its tasks' 责任单位
(e.g. line 31: （责任单位：区卫健委…）)."""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from tests.browser import screenshot_path

pytestmark = pytest.mark.timeout(120)

PER_PLAN = ("SELECT ?plan (COUNT(?task) AS ?tasks) WHERE { ?task a pk:Task ; pk:inPlan ?plan }\n"
            "GROUP BY ?plan ORDER BY ?plan")
LEADS = ("SELECT ?task ?body WHERE {\n  ?task pk:inPlan <https://w3id.org/plankg/id/plan/shapingba-2025> ;"
         " pk:responsibleUnit ?body\n}")
INSURANCE = ["org/shapingba/medical-insurance-bureau", "org/yongchuan/medical-insurance-bureau",
             "org/yuzhong/medical-insurance-bureau"]


@pytest.fixture
def offline(page, base_url) -> Iterator[list[str]]:
    """The page with every request to another host aborted; yields those it tried."""
    tried: list[str] = []

    def route(route):
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            tried.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    yield tried
    assert tried == []


def test_header_search_finds_bodies_by_their_printed_short_name(page, base_url, offline):
    page.goto(base_url + "/")
    page.fill("#site-search", "区医保局")
    page.wait_for_selector("#site-search-results a.hit")
    bodies = page.eval_on_selector_all("#site-search-results a.hit[data-kind=body]",
                                       "links => links.map(a => a.getAttribute('href'))")
    assert sorted(bodies) == [f"/id/{body}" for body in INSURANCE]
    marks = page.eval_on_selector_all("#site-search-results mark", "ms => ms.map(m => m.textContent)")
    assert marks and set(marks) == {"区医保局"}
    page.screenshot(path=str(screenshot_path("ui-header-search")))
    page.fill("#site-search", "区卫健委")
    page.wait_for_selector("#site-search-results a.hit[href='/id/org/yuzhong/health-commission']")
    task = page.locator("#site-search-results a.hit[data-kind=task]").first
    assert ".txt:" in task.locator(".hit-lines").inner_text()   # the lines it was read from
    page.click("#site-search-results a.hit[href='/id/org/yuzhong/health-commission']")
    page.wait_for_url("**/id/org/yuzhong/health-commission")


def test_network_view_search_finds_a_body_by_alias_and_pinyin_initials(page, base_url, offline):
    page.goto(base_url + "/viz/plan/yuzhong-2024")
    page.wait_for_function("document.body.dataset.drawn !== undefined || "
                           "document.querySelector('[data-drawn]') !== null", timeout=60_000)
    for typed in ("区卫健委", "qwjw"):
        page.fill("#search", typed)
        assert page.locator("#matches").inner_text() == "1 match", typed
    lit = page.evaluate("""() => window.plankgNetwork.body.data.nodes.get()
        .filter(n => n.opacity === 1).map(n => n.id)""")
    assert lit == ["https://w3id.org/plankg/id/org/yuzhong/health-commission"]


def run(page, base_url: str, query: str, view: str | None = None) -> None:
    params = {"query": query} | ({"view": view} if view else {})
    page.goto(base_url + "/?" + urlencode(params))
    page.click("#run")
    page.wait_for_function("document.getElementById('views').dataset.view !== undefined "
                           "|| document.querySelector('.yasr table.dataTable tbody tr')")


def test_a_label_and_a_number_column_open_as_a_bar_chart(page, base_url, offline):
    run(page, base_url, PER_PLAN)
    page.wait_for_selector("#view-chart[data-drawn]")
    assert page.locator("#views").get_attribute("data-view") == "chart"
    drawn = page.evaluate("""() => { const c = Chart.getChart('chart-canvas');
        return [c.data.labels, c.data.datasets[0].data]; }""")
    answer = httpx.post(base_url + "/sparql", data={"query": PER_PLAN},
                        headers={"Accept": "application/sparql-results+json"}).json()
    rows = answer["results"]["bindings"]
    assert drawn == [[r["plan"]["value"].split("/id/")[1] for r in rows],
                     [int(r["tasks"]["value"]) for r in rows]]
    page.locator("#view-chart").screenshot(path=str(screenshot_path("ui-view-chart")))
    page.click("#views button[data-view=table]")
    assert page.locator("#yasr").is_visible() and not page.locator("#view-chart").is_visible()
    assert parse_qs(urlsplit(page.url).query)["view"] == ["table"]
    assert page.locator("#views button[data-view=network]").is_disabled()


def test_two_iri_columns_open_as_a_network_and_the_view_is_in_the_link(page, base_url, offline):
    run(page, base_url, LEADS)
    page.wait_for_selector("#view-network[data-drawn]", timeout=60_000)
    assert page.locator("#views").get_attribute("data-view") == "network"
    assert "nodes" in page.locator("#view-note").inner_text()
    page.locator("#view-network").screenshot(path=str(screenshot_path("ui-view-network")))
    page.click("#views button[data-view=table]")
    shared = page.url
    assert parse_qs(urlsplit(shared).query)["view"] == ["table"]
    page.goto(shared)
    page.click("#run")
    page.wait_for_selector(".yasr table.dataTable tbody tr")
    assert page.locator("#views").get_attribute("data-view") == "table"
    assert not page.locator("#view-network").is_visible()


def test_a_result_with_neither_shape_stays_a_table(page, base_url, offline):
    run(page, base_url, "SELECT ?title WHERE { ?plan a pk:Plan ; dcterms:title ?title }", "chart")
    page.wait_for_selector(".yasr table.dataTable tbody tr")
    assert page.locator("#views").is_hidden()
    assert page.locator("#yasr").is_visible()


def test_the_responsibility_example_opens_as_a_network_named_by_its_label_columns(page, base_url,
                                                                                 offline):
    # queries/12: shapingba-2025's tasks and bodies; task 6 is 保障医疗服务质量安全
    # (shapingba_2025_service_system.txt:25), led by 区卫生健康委 (沙坪坝区卫生健康委员会)
    page.goto(base_url + "/")
    page.click("a.example[data-name='12-responsibility-network']")
    page.wait_for_selector("#view-network[data-drawn]", timeout=60_000)
    labels = page.evaluate("""() => Object.fromEntries(window.plankgViews.network.body.data.nodes
        .get().map(n => [n.id.split('/id/')[1], n.label]))""")
    assert labels["task/shapingba-2025/6"] == "保障医疗服务质量安全"
    assert labels["org/shapingba/health-commission"] == "沙坪坝区卫生健康委员会"
    assert parse_qs(urlsplit(page.url).query).get("view") is None   # chosen, not asked for
