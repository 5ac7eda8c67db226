"""The linked-data pages in headless Chromium: a task's page shows its Chinese title, units and
numbered source lines; following a unit's link reaches its page, whose inbound links lead back.
Screenshots are kept in artifacts/."""
from __future__ import annotations



from tests.browser import screenshot_path


def test_task_page_and_a_link_to_its_unit(page, base_url):
    response = page.goto(f"{base_url}/id/task/shapingba-2025/6")
    assert response.status == 200
    # shapingba_2025_service_system.txt:25 6.保障医疗服务质量安全
    heading = page.locator("h1")
    assert heading.inner_text().startswith("保障医疗服务质量安全")
    # the excerpt is line 25, numbered as such
    line = page.locator("figure.excerpt li").first
    assert line.get_attribute("value") == "25"
    assert "（责任单位：区卫生健康委、区市场监管局）" in line.inner_text()
    # Chinese is drawn with a CJK font installed here, not with boxes: glyphs of 保 and 障 are
    # full-width, as wide as the font size
    widths = page.evaluate("""() => {
        const h = document.querySelector('h1'); const style = getComputedStyle(h);
        const canvas = document.createElement('canvas').getContext('2d');
        canvas.font = `${style.fontSize} ${style.fontFamily}`;
        return [canvas.measureText('保障').width, parseFloat(style.fontSize)];
    }""")
    assert abs(widths[0] - 2 * widths[1]) < 0.1 * widths[1]
    page.screenshot(path=str(screenshot_path("id-task-shapingba-2025-6")), full_page=True)

    page.click('a[href="/id/org/shapingba/market-regulation-bureau"]')
    page.wait_for_url("**/id/org/shapingba/market-regulation-bureau")
    assert page.locator("h1").inner_text().startswith("沙坪坝区市场监督管理局")
    inbound = page.locator("table.inbound")
    assert inbound.locator('a[href="/id/task/shapingba-2025/6"]').count() == 1
    page.screenshot(path=str(screenshot_path("id-org-shapingba-market-regulation")),
                    full_page=True)
