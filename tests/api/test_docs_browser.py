"""/docs (Swagger UI) and /redoc in headless Chromium with every request to a host other than
127.0.0.1 aborted: both pages render from the project's own files, none tries another host, and
"Try it out" → "Execute" on one route gets its answer.

The plan's title is read off shapingba_2025_service_system.txt lines 3-4 (关于印发《沙坪坝区进一步
完善医疗卫生服务体系实施方案》的通知)."""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.browser import screenshot_path

pytestmark = pytest.mark.timeout(120)

TITLE = "沙坪坝区进一步完善医疗卫生服务体系实施方案"     # shapingba_2025_service_system.txt:3-4
LOCAL = {"127.0.0.1"}
INLINE = ("data:", "blob:", "about:")


@pytest.fixture
def outside(page) -> Iterator[list[str]]:
    """Every URL the page tried outside 127.0.0.1, each aborted."""
    tried: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(INLINE) or urlsplit(url).hostname in LOCAL:
            route.continue_()
        else:
            tried.append(url)
            route.abort()

    page.context.route("**/*", guard)
    page.context.on("request", lambda r: None if r.url.startswith(INLINE)
                    or urlsplit(r.url).hostname in LOCAL else tried.append(r.url))
    yield tried


def test_swagger_ui_lists_the_routes_and_executes_one(page, outside, base_url, api):
    page.goto(base_url + "/docs")
    page.wait_for_selector(".opblock-summary-path")
    shown = {p.replace("\u200b", "")
             for p in page.locator(".opblock-summary-path").all_inner_texts()}
    assert shown == set(api.get("/openapi.json").json()["paths"])
    assert {"/api/plans", "/api/plans/{plan_id}/matrix", "/api/tasks/{plan_id}/{task_key}",
            "/sparql", "/id/{path}"} <= shown

    block = page.locator("#operations-plans-get_plan_api_plans__plan_id__get")
    block.locator(".opblock-summary").click()
    block.locator("button.try-out__btn").click()
    assert block.locator("input[placeholder='plan_id']").input_value() == "shapingba-2025"
    block.locator("button.execute").click()
    status = block.locator(".live-responses-table tr.response .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    answer = block.locator(".live-responses-table tr.response .response-col_description")
    assert TITLE in answer.inner_text()
    page.screenshot(path=screenshot_path("docs-swagger"), full_page=False)
    assert outside == []


def test_redoc_renders_the_document(page, outside, base_url):
    page.goto(base_url + "/redoc")
    page.wait_for_selector("h1")
    assert "plankg" in page.locator("h1").first.inner_text()
    menu = page.locator("[role=menuitem], .menu-content label").all_inner_texts()
    assert any("The plans of the corpus" in item for item in menu)
    page.screenshot(path=screenshot_path("docs-redoc"))
    assert outside == []


def test_the_pages_name_only_local_files(api):
    for path in ("/docs", "/redoc"):
        html = api.get(path).text
        assert "cdn.jsdelivr" not in html and "fonts.googleapis" not in html
        assert "fastapi.tiangolo.com" not in html
    assert b"cdn.redoc.ly" not in api.get("/docs/redoc.standalone.js").content
