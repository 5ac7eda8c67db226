"""The screenshots under docs/screenshots/, taken with Playwright and Debian's Chromium from a
running server (`make run`), every request to another host refused:

    python scripts/screenshots.py http://127.0.0.1:8000
"""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
TASKS_PER_PLAN = ("PREFIX pk: <https://w3id.org/plankg/ontology#>\n"
                  "SELECT ?plan (COUNT(?task) AS ?tasks) WHERE { ?task a pk:Task ; pk:inPlan ?plan }\n"
                  "GROUP BY ?plan ORDER BY ?plan")
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def local_only(base: str, refused: list[str]):
    host = urlsplit(base).hostname

    def guard(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname == host:
            route.continue_()
        else:
            refused.append(url)
            route.abort()
    return guard


def shoot(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="zh-CN")
        refused: list[str] = []
        context.route("**/*", local_only(base, refused))
        page = context.new_page()

        page.goto(base + "/docs")
        block = page.locator("#operations-matrix-get_plan_matrix_api_plans__plan_id__matrix_get")
        block.locator(".opblock-summary").click()
        block.locator("button.try-out__btn").click()
        block.locator("button.execute").click()
        block.locator(".live-responses-table tr.response .response-col_status").wait_for()
        block.scroll_into_view_if_needed()
        page.screenshot(path=OUT / "docs-swagger-ui.png")

        page.goto(base + "/redoc")
        page.wait_for_selector("h1")
        page.wait_for_timeout(500)
        page.screenshot(path=OUT / "docs-redoc.png")

        page.goto(base + "/matrix/plan/yongchuan-2025")
        page.wait_for_selector("table#matrix")
        page.screenshot(path=OUT / "matrix-yongchuan.png")

        page.goto(base + "/matrix/plan/wanzhou-2022")
        page.screenshot(path=OUT / "matrix-empty-wanzhou.png")

        # the query page: tasks per plan, one label and one number column, drawn as a bar chart
        page.goto(base + "/?" + urlencode({"query": TASKS_PER_PLAN}))
        page.click("#run")
        page.wait_for_selector("#view-chart[data-drawn]")
        page.screenshot(path=OUT / "ui-view-chart.png")
        browser.close()
    if refused:
        raise SystemExit(f"the pages asked other hosts (refused): {', '.join(refused)}")
    print(f"wrote {', '.join(sorted(p.name for p in OUT.glob('*.png')))} to {OUT}")


if __name__ == "__main__":
    shoot(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
