"""Section 5, network pages: the time a page of `plankg viz` with 100 and with 1,000 nodes takes
in headless Chromium from navigation start until vis-network has stabilised and drawn (the
template sets `data-drawn` on <body> after its `stabilizationIterationsDone` and `afterDrawing`).

The networks are real: the responsibility network (tasks, bodies, institutions named) of the
run's largest corpus, plan by plan until the size is reached, then cut to exactly that many
nodes, rendered unfolded by viz.render.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from bench.measure import percentile
from kg.paths import Paths
from kg.store import EmbeddedStore
from viz import catalogue
from viz.render import Page, render_network
from viz.sparql import embedded_select
from viz.views import build_network

CHROMIUM = Path("/usr/bin/chromium")
# the launch flags of tests/browser.py: nothing in this closed network is reached for
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# runs before the page's scripts: notes performance.now() (ms since navigation start) the moment
# the page marks itself drawn
WATCH_DRAWN = """
new MutationObserver(function (changes, observer) {
  if (document.body && document.body.dataset.drawn === "true") {
    window.benchDrawnAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-drawn"] });
"""


def network_of_size(build: Path, nodes: int) -> nx.Graph:
    """`nodes` nodes of the build's responsibility network: whole tasks with their bodies, plan
    after plan, the last task cut short if need be; fewer if the whole network is smaller."""
    select = embedded_select(EmbeddedStore(Paths(build_dir=build)))
    plans = catalogue.all_plans(select)
    chosen: list[str] = []
    for count in range(1, len(plans) + 1):
        graph = build_network(select, plans[:count], "responsibility", institutions=True)
        if len(graph) >= nodes or count == len(plans):
            break
    tasks = sorted(n for n, a in graph.nodes(data=True) if a["kind"] == "task")
    for task in tasks:
        for node in [task, *sorted(graph[task])]:
            if node not in chosen:
                chosen.append(node)
        if len(chosen) >= nodes:
            break
    return graph.subgraph(chosen[:nodes]).copy()


def write_pages(build: Path, sizes: list[int], folder: Path) -> dict[int, tuple[Path, int, int]]:
    """Each size's page: size → (file, nodes, links)."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = {}
    for size in sizes:
        graph = network_of_size(build, size)
        path = folder / f"network-{size}.html"
        path.write_text(render_network(Page(f"benchmark: {len(graph)} nodes", graph)), "utf-8")
        pages[size] = (path, len(graph), graph.number_of_edges())
    return pages


def time_page(browser, path: Path, limit: float, profile: Path | None = None) -> float | None:
    """Milliseconds from navigation start to drawn, or None when not drawn within `limit` s.
    With `profile`, Chromium's CPU profile of the page is written there (.cpuprofile)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        page = context.new_page()
        page.add_init_script(WATCH_DRAWN)
        session = None
        if profile:
            session = context.new_cdp_session(page)
            session.send("Profiler.enable")
            session.send("Profiler.start")
        page.goto(path.as_uri(), wait_until="commit")
        try:
            page.wait_for_function("window.benchDrawnAt !== undefined", timeout=limit * 1000,
                                   polling=50)
        except Exception as error:  # Playwright's TimeoutError: not drawn in time
            if "Timeout" not in type(error).__name__:
                raise
            return None
        finally:
            if session:
                profile.write_text(json.dumps(session.send("Profiler.stop")["profile"]))
        return page.evaluate("window.benchDrawnAt")
    finally:
        context.close()


def measure_pages(build: Path, corpus_plans: int, sizes: list[int], repeat: int, limit: float,
                  folder: Path, profile_over: float | None = None) -> dict:
    """p50/p95 time to drawn per page size; with `profile_over` (ms), a CPU profile of each page
    whose p50 is above it."""
    from playwright.sync_api import sync_playwright

    pages = write_pages(build, sizes, folder)
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=FLAGS)
        try:
            for size, (path, nodes, links) in pages.items():
                runs = [time_page(browser, path, limit) for _ in range(repeat)]
                drawn = [r for r in runs if r is not None]
                entry = {"asked": size, "nodes": nodes, "links": links,
                         "bytes": path.stat().st_size, "runs": len(drawn),
                         "p50_ms": percentile(drawn, 50) if drawn else None,
                         "p95_ms": percentile(drawn, 95) if drawn else None,
                         "over_s": limit if not drawn else None, "profile": None}
                slow = entry["p50_ms"] is None or entry["p50_ms"] > (profile_over or float("inf"))
                if profile_over is not None and slow:
                    out = folder / f"network-{size}.cpuprofile"
                    time_page(browser, path, limit, out)
                    entry["profile"] = str(out)
                found[str(size)] = entry
        finally:
            browser.close()
    return {"corpus_plans": corpus_plans, "repeat": repeat, "pages": found}
