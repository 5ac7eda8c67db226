"""The networks, as networkx graphs built from SPARQL rows: responsibility (tasks and bodies, lead
and shared links, institutions named by tasks optionally), co-responsibility (bodies, weighted by
shared tasks) and cross-plan (plans, bodies, kinds of body).

A task here is a task with no decomposition rows of its own: where a plan splits a task into rows
(永川 附件2, task 16), the rows are the tasks, as in the example queries 02, 03 and 13, so no body is
counted twice for the same work. Node ids are the graph's IRIs.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from viz.catalogue import Plan
from viz.sparql import Row, Select, last_segment, values

LEAF_TASKS = """
  ?task a pk:Task ; pk:inPlan ?plan .
  FILTER NOT EXISTS { ?sub pk:subTaskOf ?task }
  OPTIONAL { ?task skos:prefLabel ?title . FILTER(lang(?title) = "zh") }
"""

# One row per task and body named responsible; lead where the plan names it 牵头单位
RESPONSIBLE = """
SELECT ?task ?title ?plan ?body ?role WHERE {{
  {plans}
  {leaf}
  ?task pk:responsibleUnit ?body .
  BIND(IF(EXISTS {{ ?task pk:leadUnit ?body }}, "lead", "shared") AS ?role)
}}
"""

# One row per task and institution its text names
MENTIONED = """
SELECT ?task ?title ?plan ?body ("mentions" AS ?role) WHERE {{
  {plans}
  {leaf}
  ?task pk:mentions ?body .
}}
"""

# The bodies of those rows: type, names, kind, jurisdiction
BODIES = """
SELECT ?body ?type ?zh ?en ?kind ?kindZh ?kindEn ?jurisdiction WHERE {{
  {{ SELECT DISTINCT ?body WHERE {{ {plans} ?task pk:inPlan ?plan ; {links} ?body . }} }}
  ?body a ?type .
  VALUES ?type {{ pk:GovernmentDepartment pk:Institution pk:OrganizationGroup }}
  OPTIONAL {{ ?body skos:prefLabel ?zh . FILTER(lang(?zh) = "zh") }}
  OPTIONAL {{ ?body skos:prefLabel ?en . FILTER(lang(?en) = "en") }}
  OPTIONAL {{ ?body org:classification ?kind .
             OPTIONAL {{ ?kind skos:prefLabel ?kindZh . FILTER(lang(?kindZh) = "zh") }}
             OPTIONAL {{ ?kind skos:prefLabel ?kindEn . FILTER(lang(?kindEn) = "en") }} }}
  OPTIONAL {{ ?body pk:jurisdiction/skos:prefLabel ?jurisdiction . FILTER(lang(?jurisdiction) = "en") }}
}}
"""

# Every other printed form of those bodies (skos:altLabel: 区卫健委, 区医保局 …), for the search
ALIASES = """
SELECT ?body (GROUP_CONCAT(?alias; separator="|") AS ?aliases) WHERE {{
  {{ SELECT DISTINCT ?body WHERE {{ {plans} ?task pk:inPlan ?plan ; {links} ?body . }} }}
  ?body skos:altLabel ?alias .
}} GROUP BY ?body
"""

BODY_TYPES = {"GovernmentDepartment": "department", "Institution": "institution",
              "OrganizationGroup": "group"}
ROLE_ORDER = {"lead": 0, "shared": 1, "mentions": 2}  # a lead unit is also responsible: lead wins
RESPONSIBLE_ROLES = ("lead", "shared")


def responsibility_network(select: Select, plans: list[Plan], institutions: bool = False,
                           focus: set[str] | None = None) -> nx.Graph:
    """Tasks and the bodies responsible for them, each edge's `role` lead or shared; with
    `institutions`, also the institutions task texts name (role `mentions`). With `focus` (body
    IRIs), only the tasks one of those bodies is linked to, with all their bodies."""
    scope = values("plan", (p.iri for p in plans))
    rows = select(RESPONSIBLE.format(plans=scope, leaf=LEAF_TASKS))
    links = "pk:responsibleUnit"
    if institutions:
        rows += select(MENTIONED.format(plans=scope, leaf=LEAF_TASKS))
        links = "pk:responsibleUnit|pk:mentions"
    if focus is not None:
        kept = {r["task"] for r in rows if r["body"] in focus}
        rows = [r for r in rows if r["task"] in kept]
    bodies = {r["body"]: r for r in select(BODIES.format(plans=scope, links=links))}
    for row in select(ALIASES.format(plans=scope, links=links)):
        if row["body"] in bodies:
            bodies[row["body"]]["aliases"] = row["aliases"]
    return _bipartite(rows, bodies, {p.iri: p for p in plans})


def _bipartite(rows: list[Row], bodies: dict[str, Row], plans: dict[str, Plan]) -> nx.Graph:
    graph = nx.Graph(view="responsibility")
    several = len({r["plan"] for r in rows}) > 1
    for row in sorted(rows, key=lambda r: (r["task"], r["body"], ROLE_ORDER[r["role"]])):
        task, body = row["task"], row["body"]
        if task not in graph:
            plan = plans[row["plan"]]
            key = task.removeprefix(plan.iri.replace("/plan/", "/task/") + "/")
            graph.add_node(task, kind="task", key=key, title=row.get("title", ""),
                           plan=plan.id, label=f"{plan.id.split('-')[0]} {key}" if several else key)
        if body not in graph:
            graph.add_node(body, **body_attributes(bodies.get(body, {"body": body})))
        if graph.has_edge(task, body):
            continue  # rows are sorted lead, shared, mentions: the first role stays
        graph.add_edge(task, body, role=row["role"])
    return graph


def body_attributes(row: Row) -> dict:
    kind = BODY_TYPES.get(last_segment(row.get("type", "")).rsplit("#", 1)[-1], "body")
    zh = row.get("zh", "")
    return {"kind": kind, "label": zh or last_segment(row["body"]), "zh": zh,
            "en": row.get("en", ""), "org_kind": last_segment(row.get("kind", "unclassified")),
            "org_kind_zh": row.get("kindZh", ""), "org_kind_en": row.get("kindEn", ""),
            "jurisdiction": row.get("jurisdiction", ""),
            "aliases": sorted(set(filter(None, row.get("aliases", "").split("|"))))}


def bodies_of(graph: nx.Graph) -> list[str]:
    return sorted(n for n, kind in graph.nodes(data="kind") if kind != "task")


def tasks_of(graph: nx.Graph) -> list[str]:
    return sorted(n for n, kind in graph.nodes(data="kind") if kind == "task")


def co_responsibility_network(responsibility: nx.Graph) -> nx.Graph:
    """Bodies linked when they answer for the same task, `weight` = how many tasks, `tasks` =
    which; every body responsible for at least one task is a node, partnerless or not."""
    graph = nx.Graph(view="co-responsibility")
    responsible: dict[str, list[str]] = defaultdict(list)
    for task in tasks_of(responsibility):
        for body, role in sorted(responsibility[task].items()):
            if role["role"] in RESPONSIBLE_ROLES:
                responsible[task].append(body)
    for task, bodies in responsible.items():
        for body in bodies:
            if body not in graph:
                graph.add_node(body, **responsibility.nodes[body], tasks=0)
            graph.nodes[body]["tasks"] += 1
        for i, a in enumerate(bodies):
            for b in bodies[i + 1:]:
                if graph.has_edge(a, b):
                    graph[a][b]["weight"] += 1
                    graph[a][b]["tasks"].append(task)
                else:
                    graph.add_edge(a, b, weight=1, tasks=[task])
    return graph


def cross_plan_network(responsibility: nx.Graph, plans: Iterable[Plan]) -> nx.Graph:
    """Plans, the bodies they name responsible, and the bodies' kinds: plan–body edges weighted by
    the plan's tasks the body answers for, body–kind edges grouping every district's body of a kind
    (each district's health commission around one `health-commission` node)."""
    graph = nx.Graph(view="cross-plan")
    by_id = {p.id: p for p in plans}
    for task in tasks_of(responsibility):
        plan = by_id[responsibility.nodes[task]["plan"]]
        for body, edge in responsibility[task].items():
            if edge["role"] not in RESPONSIBLE_ROLES:
                continue
            attributes = responsibility.nodes[body]
            kind = "kind:" + attributes["org_kind"]
            if plan.iri not in graph:
                graph.add_node(plan.iri, kind="plan", label=plan.id, zh=plan.title,
                               en=plan.jurisdiction, plan=plan.id)
            if body not in graph:
                graph.add_node(body, **attributes)
            if kind not in graph:
                graph.add_node(kind, kind="org-kind", label=attributes["org_kind_zh"] or
                               attributes["org_kind"], zh=attributes["org_kind_zh"],
                               en=attributes["org_kind_en"], org_kind=attributes["org_kind"])
            if graph.has_edge(plan.iri, body):
                graph[plan.iri][body]["weight"] += 1
            else:
                graph.add_edge(plan.iri, body, role="plan", weight=1)
            graph.add_edge(body, kind, role="kind", weight=1)
    return graph


def fold_bodies_into_kinds(cross_plan: nx.Graph) -> nx.Graph:
    """The cross-plan network with each kind's bodies folded into their kind: plan–kind edges
    weighted by the tasks the plan hands to bodies of that kind (what query 02 counts, except
    that a task given to two bodies of one kind counts twice here)."""
    graph = nx.Graph(view="cross-plan", folded="bodies")
    for plan, attributes in cross_plan.nodes(data=True):
        if attributes["kind"] != "plan":
            continue
        graph.add_node(plan, **attributes)
        for body, edge in cross_plan[plan].items():
            kind = next(k for k in cross_plan[body] if cross_plan.nodes[k]["kind"] == "org-kind")
            if kind not in graph:
                graph.add_node(kind, **cross_plan.nodes[kind], bodies=set())
            graph.nodes[kind]["bodies"].add(body)
            weight = graph[plan][kind]["weight"] if graph.has_edge(plan, kind) else 0
            graph.add_edge(plan, kind, role="plan", weight=weight + edge["weight"])
    return graph
