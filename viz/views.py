"""What one `plankg viz` call or one `/viz/...` page asks for (plans, a view, a body or a kind to
focus on) turned into the network to draw and the page around it; shared by the CLI and the API.
"""
from __future__ import annotations

import networkx as nx

from viz import catalogue
from viz.catalogue import Plan
from viz.empty import plan_links
from viz.networks import co_responsibility_network, cross_plan_network, responsibility_network
from viz.render import MAX_NODES, Page, fold
from viz.sparql import Select, iri, local_path

VIEWS = ("responsibility", "co-responsibility", "cross-plan")


class UnknownView(ValueError):
    def __init__(self, view: str):
        super().__init__(f"unknown view {view!r}; one of {', '.join(VIEWS)}")


def build_network(select: Select, plans: list[Plan], view: str = "responsibility",
                  focus: set[str] | None = None, institutions: bool = False) -> nx.Graph:
    """The network of `view` over `plans`, restricted to the tasks of the `focus` bodies."""
    if view not in VIEWS:
        raise UnknownView(view)
    responsibility = responsibility_network(select, plans, institutions and view ==
                                            "responsibility", focus)
    if view == "co-responsibility":
        return co_responsibility_network(responsibility)
    if view == "cross-plan":
        return cross_plan_network(responsibility, plans)
    return responsibility


def focus_of(select: Select, unit: str | None, kind: str | None) -> tuple[set[str] | None, str]:
    """The bodies a --unit name or a --kind stands for, and how the title says so."""
    if unit:
        return catalogue.find_bodies(select, unit), f"tasks of {unit}"
    if kind:
        found = catalogue.find_kind(select, kind)
        bodies = {r["body"] for r in select(
            f"SELECT ?body WHERE {{ ?body org:classification {iri(found.iri)} }}")}
        return bodies, f"tasks of every {found.zh or found.id} ({found.en or found.id})"
    return None, ""


def network_page(select: Select, plan_names: list[str], view: str = "responsibility",
                 unit: str | None = None, kind: str | None = None, institutions: bool = False,
                 max_nodes: int = MAX_NODES, served: bool = False) -> Page:
    """The page for plans named as a user names them (none: every plan)."""
    plans = catalogue.find_plans(select, plan_names)
    focus, focus_title = focus_of(select, unit, kind)
    graph = build_network(select, plans, view, focus, institutions)
    drawn, notice = fold(graph, max_nodes)
    which = plans[0].title if len(plans) == 1 else f"{len(plans)} plans"
    title = f"{which} — {view} network" + (f", {focus_title}" if focus_title else "")
    if not served:
        return Page(title, drawn, notice)
    return Page(title, drawn, notice, served_links(drawn),
                [(plan.title, plan_links(plan.id)) for plan in plans])


def served_links(graph: nx.Graph) -> dict[str, str]:
    """Where double-clicking a node goes on the server: a body's or a kind's network page, a
    plan's page, a task's linked-data page (paths of the shared URL map)."""
    links = {}
    for node, attributes in graph.nodes(data=True):
        kind = attributes["kind"]
        if kind == "task":
            links[node] = "/id/" + local_path(node)
        elif kind == "plan":
            links[node] = "/viz/plan/" + attributes["plan"]
        elif kind == "org-kind":
            links[node] = "/viz/kind/" + attributes["org_kind"]
        elif local_path(node).startswith("org/"):
            links[node] = "/viz/unit/" + local_path(node).removeprefix("org/")
    return links
