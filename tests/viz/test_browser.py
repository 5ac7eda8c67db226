"""Headless Chromium opens the pages, from a file:// URL and from a live server, waits for the
network to draw, and checks that what it drew is not blank; screenshots are kept in artifacts/.
Labels carrying markup show as text and no script of theirs runs."""
import io
from urllib.parse import quote

import pytest
from PIL import Image

from tests.browser import screenshot_path
from tests.viz.conftest import B, XSS
from viz.render import render_network
from viz.views import network_page

DRAWN = "document.body.dataset.drawn === 'true'"


def watch(page) -> list[str]:
    """Every dialog the page opens (an alert() would be one) and every script error."""
    seen = []
    page.on("dialog", lambda dialog: (seen.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: seen.append(f"error: {error}"))
    return seen


def assert_drawn(page, name: str) -> None:
    page.wait_for_function(DRAWN, timeout=60_000)
    path = screenshot_path(name)
    page.locator("#network").screenshot(path=str(path))
    image = Image.open(io.BytesIO(path.read_bytes())).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24)
    inked = sum(n for n, rgb in colours if rgb != (255, 255, 255)) / (image.width * image.height)
    assert len(colours) > 50, f"{path}: only {len(colours)} colours"
    assert inked > 0.01, f"{path}: only {inked:.2%} of the canvas drawn on"


def test_a_page_opened_from_a_file_draws_its_network(page, select, tmp_path):
    target = tmp_path / "yongchuan.html"
    target.write_text(render_network(network_page(select, ["yongchuan-2025"])), encoding="utf-8")
    problems = watch(page)
    page.goto(target.as_uri())
    assert_drawn(page, "viz-file-yongchuan")
    assert problems == []


@pytest.mark.parametrize("path,name", [
    ("/viz/plan/yongchuan-2025", "viz-server-yongchuan"),
    ("/viz/plan/" + quote("渝中") + "?view=cross-plan", "viz-server-yuzhong-cross-plan"),
    ("/viz/kind/medical-insurance-bureau", "viz-server-kind"),
])
def test_a_served_page_draws_its_network(page, server, path, name):
    problems = watch(page)
    page.goto(server.base + path)
    assert_drawn(page, name)
    assert problems == []


def hover_tooltip(page, node: str) -> str:
    """Move the mouse onto a node and return the tooltip's text as the browser shows it."""
    x, y = page.evaluate("""(id) => {
        const net = window.plankgNetwork, p = net.canvasToDOM(net.getPositions([id])[id]);
        const box = document.getElementById('network').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""", node)
    page.mouse.move(x, y)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    return tooltip.inner_text()


def assert_labels_are_text(page) -> None:
    problems = watch(page)
    page.wait_for_function(DRAWN, timeout=60_000)
    assert XSS in hover_tooltip(page, B)
    assert page.locator("img").count() == 0
    assert "<script>alert(2)</script>" in page.locator("aside").inner_text()  # legend, as text
    assert "</title><script>alert(4)</script>" in page.title()
    page.fill("#search", "onerror")
    assert page.locator("#matches").inner_text() == "1 match"
    page.wait_for_timeout(300)
    assert problems == []


def test_markup_in_labels_shows_as_text_from_a_file(page, tiny, tmp_path):
    target = tmp_path / "tiny.html"
    target.write_text(render_network(network_page(tiny, ["tiny-2024"])), encoding="utf-8")
    page.goto(target.as_uri())
    assert_labels_are_text(page)
    page.locator("#network").screenshot(path=str(screenshot_path("viz-file-escaping")))


def test_markup_in_labels_shows_as_text_when_served(page, tiny_server):
    page.goto(tiny_server.base + "/viz/plan/tiny-2024")
    assert_labels_are_text(page)
