"""The pages as written: self-contained (vis-network inlined from the installed pyvis, nothing
fetched from elsewhere, the copy never committed), every data label escaped, big networks folded
and saying so."""
import subprocess
from html.parser import HTMLParser
from importlib.resources import files

import pytest

from tests.conftest import ROOT
from tests.viz.conftest import XSS
from viz.catalogue import find_indicator
from viz.indicator import indicator_view, render_indicator
from viz.render import render_network
from viz.views import network_page

PAGES = [("yongchuan-2025", "responsibility"), ("沙坪坝", "co-responsibility"),
         ("yuzhong-2024", "cross-plan")]


class References(HTMLParser):
    """Every src and href in a page, and every element by tag."""

    def __init__(self):
        super().__init__()
        self.references, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.references += [value or "" for name, value in attrs if name in ("src", "href")]


def references(html: str) -> References:
    parser = References()
    parser.feed(html)
    return parser


def assert_self_contained(html: str) -> None:
    found = references(html)
    external = [r for r in found.references if not r.startswith("data:")]
    assert external == [], f"page refers outside itself: {external}"
    assert "link" not in found.tags  # no stylesheet or anything else linked


@pytest.mark.parametrize("plan,view", PAGES)
def test_network_page_holds_no_external_src_or_href(select, plan, view):
    html = render_network(network_page(select, [plan], view))
    assert_self_contained(html)
    assert "new vis.Network(" in html


def test_indicator_page_holds_no_external_src_or_href(select):
    html = render_indicator(indicator_view(select, find_indicator(select, "每千人口注册护士数")))
    assert_self_contained(html)
    assert html.count("data:image/svg+xml;base64,") == 2  # shown, and offered for download


def test_vis_network_is_read_from_the_installed_pyvis_and_never_committed(select):
    html = render_network(network_page(select, ["沙坪坝"]))
    shipped = (files("pyvis") / "lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")
    assert shipped in html
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    assert not [path for path in tracked if "vis-network" in path or path.endswith(".min.js")]


def test_labels_from_data_are_escaped_in_the_html(tiny):
    html = render_network(network_page(tiny, ["tiny-2024"]))
    assert XSS not in html                               # only as JSON-escaped text
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert "<script>alert(2)</script>" not in html       # a kind's label, in the legend
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "</script><script>alert(3)" not in html        # a task title, in the data block
    assert "</title><script>alert(4)" not in html         # the plan title, in <title> and <h1>
    assert [t for t in references(html).tags if t == "img"] == []


def test_a_network_above_the_threshold_is_folded_and_says_so(select):
    full = network_page(select, ["yongchuan-2025"])
    folded = network_page(select, ["yongchuan-2025"], max_nodes=50)
    assert full.notice is None
    assert folded.notice and "folded" in folded.notice
    assert all(kind != "task" for _, kind in folded.graph.nodes(data="kind"))
    # every body stays, each with the count of its tasks
    tasks = {n: a["tasks"] for n, a in folded.graph.nodes(data=True)}
    assert len(tasks) == len([n for n, k in full.graph.nodes(data="kind") if k != "task"])
    assert sum(tasks.values()) == full.graph.number_of_edges()  # each link is one body's task
    assert "Folded:" in render_network(folded)
