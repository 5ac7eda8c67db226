"""The numbers behind a responsibility network (networkx): per body tasks led and shared, partners,
weighted degree, betweenness and eigenvector centrality; the densest co-responsibility pairs;
modularity communities. Plus export of any network as GraphML, GEXF or a CSV edge list.

Functions take graphs and return data; nothing here reads the store or prints.
"""
from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

import networkx as nx

from viz.networks import co_responsibility_network, tasks_of

EXPORT_FORMATS = ("graphml", "gexf", "csv")


@dataclass(frozen=True)
class BodyStats:
    body: str
    name: str
    kind: str                # kind of body (org:classification), e.g. health-commission
    tasks_led: int           # tasks it is named lead unit (牵头单位) of
    tasks_shared: int        # tasks it is named responsible for, not as lead
    partners: int            # other bodies it shares at least one task with
    weighted_degree: int     # sum over partners of the tasks shared with each
    betweenness: float       # normalised, on the co-responsibility network, unweighted
    eigenvector: float       # on the co-responsibility network, weighted by shared tasks


@dataclass(frozen=True)
class Pair:
    a: str
    a_name: str
    b: str
    b_name: str
    shared: int


@dataclass(frozen=True)
class NetworkStats:
    bodies: list[BodyStats]
    pairs: list[Pair]                 # densest first
    communities: list[list[str]]      # body IRIs, largest community first

    def to_dict(self) -> dict:
        return {"bodies": [asdict(b) for b in self.bodies],
                "pairs": [asdict(p) for p in self.pairs],
                "communities": self.communities}


def network_stats(responsibility: nx.Graph, top_pairs: int = 20) -> NetworkStats:
    """Statistics of a responsibility network (its `mentions` edges, if any, are not counted)."""
    co = co_responsibility_network(responsibility)
    led: dict[str, int] = dict.fromkeys(co, 0)
    shared: dict[str, int] = dict.fromkeys(co, 0)
    for task in tasks_of(responsibility):
        for body, edge in responsibility[task].items():
            if edge["role"] == "lead":
                led[body] += 1
            elif edge["role"] == "shared":
                shared[body] += 1
    betweenness = nx.betweenness_centrality(co, normalized=True) if len(co) else {}
    eigenvector = _eigenvector(co)
    bodies = [BodyStats(body=b, name=co.nodes[b]["label"], kind=co.nodes[b]["org_kind"],
                        tasks_led=led[b], tasks_shared=shared[b], partners=co.degree(b),
                        weighted_degree=co.degree(b, weight="weight"),
                        betweenness=round(betweenness.get(b, 0.0), 6),
                        eigenvector=round(eigenvector.get(b, 0.0), 6))
              for b in co]
    bodies.sort(key=lambda s: (-(s.tasks_led + s.tasks_shared), -s.weighted_degree, s.body))
    densest = sorted(((w, *sorted((a, b))) for a, b, w in co.edges(data="weight")),
                     key=lambda p: (-p[0], p[1], p[2]))[:top_pairs]
    pairs = [Pair(a, co.nodes[a]["label"], b, co.nodes[b]["label"], w) for w, a, b in densest]
    return NetworkStats(bodies, pairs, communities(co))


def _eigenvector(co: nx.Graph) -> dict[str, float]:
    """Weighted eigenvector centrality; a network with no edge has none worth stating (zeros)."""
    if co.number_of_edges() == 0:
        return dict.fromkeys(co, 0.0)
    return nx.eigenvector_centrality(co, weight="weight", max_iter=1000, tol=1e-9)


def communities(co: nx.Graph) -> list[list[str]]:
    """networkx's greedy modularity communities over shared-task weights, each sorted, largest
    first (ties by first member), so the same network always gives the same list."""
    if co.number_of_edges() == 0:
        return [[n] for n in sorted(co)]
    found = nx.community.greedy_modularity_communities(co, weight="weight")
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def exportable(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes GraphML and GEXF can hold: lists and sets joined with `|`, None
    dropped (both writers accept only scalars)."""
    copy = nx.Graph()
    copy.graph.update({k: _scalar(v) for k, v in graph.graph.items() if v is not None})
    for node, attributes in graph.nodes(data=True):
        copy.add_node(node, **{k: _scalar(v) for k, v in attributes.items() if v is not None})
    for a, b, attributes in graph.edges(data=True):
        copy.add_edge(a, b, **{k: _scalar(v) for k, v in attributes.items() if v is not None})
    return copy


def _scalar(value):
    if isinstance(value, (list, set, tuple)):
        return "|".join(sorted(str(v) for v in value))
    return value


def export(graph: nx.Graph, fmt: str) -> bytes:
    """The network as GraphML, GEXF (both for Gephi) or a CSV edge list (source, target, then
    every edge attribute as a column)."""
    clean = exportable(graph)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(clean)).encode("utf-8")
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(clean)).encode("utf-8")
    if fmt == "csv":
        return edge_list_csv(clean).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(EXPORT_FORMATS)}")


def edge_list_csv(graph: nx.Graph) -> str:
    columns = sorted({k for _, _, data in graph.edges(data=True) for k in data})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["source", "target", *columns])
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        writer.writerow([a, b, *(data.get(c, "") for c in columns)])
    return out.getvalue()
