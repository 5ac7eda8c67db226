"""A network as one self-contained HTML page: the project's own Jinja2 template, the vis-network
script and stylesheet inlined from the copy the installed pyvis wheel ships, node and edge lists
built here, and networks above a node-count threshold folded into counts first.

Why not pyvis's Network: its template (pyvis/templates/template.html, 0.3.2) links Bootstrap
from a CDN in every `cdn_resources` mode, and vis-network too in all but "in_line"; and
`Network.add_edge` scans every edge added so far for a duplicate on each call (a loop over
`self.edges` in pyvis/network.py), so building a network is quadratic in its edges. Here the
networkx graph already holds each edge once, so the node and edge lists are written straight from
it in one pass, and only pyvis's packaged vis-network files are used.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pypinyin import Style, lazy_pinyin

from viz import MAX_NODES
from viz.networks import co_responsibility_network, fold_bodies_into_kinds

VIS_FOLDER = "lib/vis-9.1.2"  # inside the pyvis package

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                        autoescape=select_autoescape(["html"]), trim_blocks=True,
                        lstrip_blocks=True)

# Shapes say what a node is; colours (below) say which kind of body it is.
SHAPES = {"task": "square", "department": "dot", "institution": "diamond", "group": "triangle",
          "body": "dot", "plan": "star", "org-kind": "hexagon"}
NODE_KINDS = {"task": "task 任务", "department": "government department 政府部门",
              "institution": "institution 机构", "group": "organization group 单位群体",
              "plan": "plan 规划", "org-kind": "kind of body 单位类型", "body": "body 单位"}
TASK_COLOUR = "#9aa5b1"
PLAN_COLOUR = "#222222"
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173",
           "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363", "#fd8d3c", "#74c476",
           "#9e9ac8", "#6baed6", "#fdae6b", "#a1d99b", "#bcbddc", "#de9ed6", "#e7969c"]
EDGE_STYLES = {  # role → (label for the legend, vis edge options)
    "lead": ("lead unit 牵头", {"width": 3, "dashes": False, "color": "#c0392b"}),
    "shared": ("responsible, shared 责任", {"width": 1.2, "dashes": [6, 4], "color": "#555555"}),
    "mentions": ("institution named 提及", {"width": 1, "dashes": [2, 4], "color": "#27ae60"}),
    "co": ("shares tasks (width: how many) 共担任务", {"color": "#2c7fb8"}),
    "plan": ("plan names the body (width: tasks) 规划指派", {"color": "#444444"}),
    "kind": ("body is of this kind 单位类型", {"width": 1, "color": "#bbbbbb", "dashes": [2, 3]}),
}


class AssetMissing(FileNotFoundError):
    """The vis-network files the page inlines are not where the installed pyvis keeps them."""


@dataclass(frozen=True)
class Page:
    title: str
    graph: nx.Graph                # what is drawn (possibly folded)
    notice: str | None = None      # said on the page when the network was folded
    links: dict[str, str] | None = None  # node id → page of that node, when served
    # (title, {"tasks", "indicators", "page"} hrefs) per plan, said when nothing is drawn (served)
    plans: list[tuple[str, dict[str, str]]] | None = None


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet as pyvis ships them (read once per process)."""
    folder = files("pyvis") / VIS_FOLDER
    try:
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        style = (folder / "vis-network.css").read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise AssetMissing(f"vis-network is not in the installed pyvis ({folder}): "
                           "reinstall the project (make install)") from error
    if "</script" in script.lower() or "</style" in style.lower():
        raise AssetMissing("the packaged vis-network would close its own inline element")
    return script, style


def fold(graph: nx.Graph, max_nodes: int = MAX_NODES) -> tuple[nx.Graph, str | None]:
    """The graph to draw, and what was folded to get it: a responsibility network above
    `max_nodes` becomes its bodies linked by shared tasks (tasks folded into counts); a cross-plan
    network, plans and kinds (bodies folded into their kind); anything still above, kinds."""
    view, count = graph.graph.get("view"), graph.number_of_nodes()
    if count <= max_nodes:
        return graph, None
    if view == "responsibility":
        folded = co_responsibility_network(graph)
        what = (f"{count} nodes are more than {max_nodes}: the {count - len(folded)} tasks are "
                f"folded into counts; each body's size and label give how many tasks it answers "
                f"for, and links how many it shares")
    elif view == "cross-plan":
        folded = fold_bodies_into_kinds(graph)
        what = (f"{count} nodes are more than {max_nodes}: each kind's bodies are folded into "
                "their kind; links give how many tasks each plan hands to that kind")
    else:
        folded = graph
    if len(folded) > max_nodes and view != "cross-plan":
        folded = fold_into_kinds(folded)
        what = (f"{count} nodes are more than {max_nodes}: tasks and bodies are folded into "
                "kinds of body; links give how many tasks two kinds share")
    return folded, what


def fold_into_kinds(co: nx.Graph) -> nx.Graph:
    """A co-responsibility network with every kind's bodies merged into one node."""
    graph = nx.Graph(view="co-responsibility", folded="kinds")
    for body, attributes in co.nodes(data=True):
        kind = "kind:" + attributes["org_kind"]
        if kind not in graph:
            graph.add_node(kind, kind="org-kind", label=attributes["org_kind_zh"] or
                           attributes["org_kind"], zh=attributes["org_kind_zh"],
                           en=attributes["org_kind_en"], org_kind=attributes["org_kind"], tasks=0)
        graph.nodes[kind]["tasks"] += attributes.get("tasks", 0)
    for a, b, weight in co.edges(data="weight"):
        ka, kb = "kind:" + co.nodes[a]["org_kind"], "kind:" + co.nodes[b]["org_kind"]
        if ka != kb:
            previous = graph[ka][kb]["weight"] if graph.has_edge(ka, kb) else 0
            graph.add_edge(ka, kb, weight=previous + weight)
    return graph


def colours(graph: nx.Graph) -> dict[str, str]:
    """One colour per kind of body present, in sorted order of kind id (stable across runs)."""
    kinds = sorted({a["org_kind"] for _, a in graph.nodes(data=True) if a.get("org_kind")})
    return {kind: PALETTE[i % len(PALETTE)] for i, kind in enumerate(kinds)}


def vis_data(graph: nx.Graph, links: dict[str, str] | None = None) -> dict:
    """Node and edge lists for vis-network, written from the graph in one pass each. Labels and
    tooltips are plain strings: vis draws labels on a canvas and sets tooltips with innerText,
    and the page embeds the lists as JSON, so no data is ever read as HTML."""
    palette = colours(graph)
    nodes = []
    for node in sorted(graph):
        a = graph.nodes[node]
        degree = graph.degree(node, weight="weight")
        label = a["label"] + (f" ({a['tasks']})" if "tasks" in a else "")
        colour = {"task": TASK_COLOUR, "plan": PLAN_COLOUR}.get(a["kind"]) or \
            palette.get(a.get("org_kind", ""), TASK_COLOUR)
        nodes.append({"id": node, "label": label, "title": tooltip(a, degree),
                      "shape": SHAPES.get(a["kind"], "dot"), "color": colour,
                      "size": round(8 + 5 * math.sqrt(degree), 1), "kind": a["kind"],
                      "orgKind": a.get("org_kind", ""), "link": (links or {}).get(node, ""),
                      "search": search_text(a)})
    edges = []
    for a, b, e in sorted(graph.edges(data=True), key=lambda edge: (edge[0], edge[1])):
        role = e.get("role", "co")
        style = dict(EDGE_STYLES[role][1])
        if "weight" in e and role != "kind":
            style["width"] = round(1 + 1.5 * math.log2(e["weight"]) + 0.5, 1)
        hover = EDGE_STYLES[role][0] + (f": {e['weight']}" if "weight" in e else "")
        edges.append({"from": a, "to": b, "role": role, "title": hover, **style})
    return {"nodes": nodes, "edges": edges}


def search_text(a: dict) -> str:
    """What the page's search box matches a node by, lower-cased: its names (every printed form
    of a body: 区医保局, 区卫健委 …), kind, task title and key, and the pinyin initials of its
    Chinese names (qybj for 区医保局)."""
    names = [a.get("zh", ""), *a.get("aliases", ())]
    initials = ["".join(lazy_pinyin(name, style=Style.FIRST_LETTER)) for name in names if name]
    return " ".join([*(str(a.get(k, "")) for k in ("label", "zh", "en", "title", "key",
                                                    "org_kind_zh", "org_kind_en", "plan")),
                     *a.get("aliases", ()), *initials]).lower()


def tooltip(a: dict, degree: float) -> str:
    """What hovering a node shows, one fact a line: names zh and en, kind, task title."""
    if a["kind"] == "task":
        return f"{a.get('plan', '')} · {a.get('key', '')}\n{a.get('title', '')}"
    lines = [a.get("zh") or a["label"], a.get("en", "")]
    if a.get("aliases"):
        lines.append("printed as " + "、".join(a["aliases"]))
    if a.get("org_kind_zh") or a.get("org_kind_en"):
        lines.append(f"{a.get('org_kind_zh', '')} / {a.get('org_kind_en', '')}")
    if "tasks" in a:
        lines.append(f"tasks: {a['tasks']}")
    lines.append(f"links (weighted): {degree:g}")
    return "\n".join(line for line in lines if line)


def legend(graph: nx.Graph) -> dict:
    kinds = sorted({a["kind"] for _, a in graph.nodes(data=True)})
    org_kinds = {}
    for _, a in graph.nodes(data=True):
        if a.get("org_kind"):
            org_kinds[a["org_kind"]] = (a.get("org_kind_zh") or a.get("zh", ""),
                                        a.get("org_kind_en") or a.get("en", ""))
    palette = colours(graph)
    roles = sorted({e.get("role", "co") for _, _, e in graph.edges(data=True)})
    return {"shapes": [(k, SHAPES.get(k, "dot"), NODE_KINDS.get(k, k)) for k in kinds],
            "colours": [(k, palette[k], *org_kinds[k]) for k in sorted(org_kinds)],
            "edges": [(r, EDGE_STYLES[r][0], EDGE_STYLES[r][1]) for r in roles]}


def render_network(page: Page) -> str:
    """The page as HTML text: self-contained, opens from a file with no network."""
    script, style = vis_assets()
    data = vis_data(page.graph, page.links)
    return TEMPLATES.get_template("network.html").render(
        title=page.title, notice=page.notice, data=data, legend=legend(page.graph),
        nodes=len(data["nodes"]), edges=len(data["edges"]), vis_script=script, vis_style=style,
        plans=page.plans)
