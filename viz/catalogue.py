"""Names a user types (a plan id or part of its title, a body's printed name or IRI path, a kind,
an indicator) resolved to IRIs of the graph, by asking the graph what it holds.

User input never enters a query: it is matched here against labels the graph returned, and only
IRIs the graph itself gave are written into later queries.
"""
from __future__ import annotations

from dataclasses import dataclass

from viz.sparql import Select, last_segment, local_path

PLANS = """
SELECT ?plan ?title ?jurisdiction WHERE {
  ?plan a pk:Plan ; dcterms:title ?title .
  OPTIONAL { ?plan pk:jurisdiction/skos:prefLabel ?jurisdiction . FILTER(lang(?jurisdiction) = "en") }
}
ORDER BY ?plan
"""

# Every organization with its labels (prefLabel @zh/@en and every altLabel printed), one row each
# so that a row cap on the server is not reached by labels
BODY_LABELS = """
SELECT ?body (GROUP_CONCAT(DISTINCT ?label; separator="\\u001f") AS ?labels) WHERE {
  ?body a ?type ; skos:prefLabel|skos:altLabel ?label .
  VALUES ?type { pk:GovernmentDepartment pk:Institution pk:OrganizationGroup }
}
GROUP BY ?body
"""
SEPARATOR = "\u001f"

KINDS = """
SELECT DISTINCT ?kind ?zh ?en WHERE {
  ?body org:classification ?kind .
  OPTIONAL { ?kind skos:prefLabel ?zh . FILTER(lang(?zh) = "zh") }
  OPTIONAL { ?kind skos:prefLabel ?en . FILTER(lang(?en) = "en") }
}
ORDER BY ?kind
"""

INDICATORS = """
SELECT ?indicator (GROUP_CONCAT(DISTINCT ?label; separator="\\u001f") AS ?labels) WHERE {
  ?indicator a pk:Indicator ; skos:prefLabel|skos:altLabel ?label .
}
GROUP BY ?indicator
"""


class UnknownName(LookupError):
    """A name that matches nothing in the graph; `known` lists what would."""

    def __init__(self, what: str, name: str, known: list[str]):
        self.known = known
        shown = ", ".join(known[:12]) + (" …" if len(known) > 12 else "")
        super().__init__(f"no {what} matches {name!r}; known: {shown}")


class AmbiguousName(ValueError):
    """A name that matches several plans; `matches` lists them."""

    def __init__(self, what: str, name: str, matches: list[str]):
        self.matches = matches
        super().__init__(f"{name!r} matches several {what}s: {', '.join(matches)}; be more precise")


@dataclass(frozen=True)
class Plan:
    iri: str
    id: str            # shapingba-2025
    title: str         # 沙坪坝区进一步完善医疗卫生服务体系实施方案
    jurisdiction: str  # Shapingba District


@dataclass(frozen=True)
class Kind:
    iri: str
    id: str            # health-commission
    zh: str
    en: str


def all_plans(select: Select) -> list[Plan]:
    return [Plan(r["plan"], last_segment(r["plan"]), r["title"], r.get("jurisdiction", ""))
            for r in select(PLANS)]


def find_plan(select: Select, name: str) -> Plan:
    """A plan by its id (`yuzhong-2024`) or any part of its title (`渝中`)."""
    plans = all_plans(select)
    exact = [p for p in plans if name in (p.id, p.iri, f"plan/{p.id}")]
    matches = exact or [p for p in plans if name and name in p.title]
    if not matches:
        raise UnknownName("plan", name, [p.id for p in plans])
    if len(matches) > 1:
        raise AmbiguousName("plan", name, [p.id for p in matches])
    return matches[0]


def find_plans(select: Select, names: list[str]) -> list[Plan]:
    """Each name resolved with `find_plan`; no names means every plan."""
    if not names:
        return all_plans(select)
    found = {}
    for name in names:
        plan = find_plan(select, name)
        found[plan.iri] = plan
    return sorted(found.values(), key=lambda p: p.iri)


def find_bodies(select: Select, name: str) -> set[str]:
    """The organizations a name stands for: its IRI or IRI path (`org/yuzhong/health-commission`,
    `yuzhong/health-commission`); else every body that prints exactly that name (区卫生健康委 is
    several districts' commission); else every body whose label contains it."""
    labels = {row["body"]: set(row["labels"].split(SEPARATOR)) for row in select(BODY_LABELS)}
    by_path = {b for b in labels if name in (b, local_path(b), local_path(b).removeprefix("org/"))}
    exact = {b for b, names in labels.items() if name in names}
    partial = {b for b, names in labels.items() if name and any(name in n for n in names)}
    found = by_path or exact or partial
    if not found:
        raise UnknownName("body", name, sorted(local_path(b) for b in labels))
    return found


def all_kinds(select: Select) -> list[Kind]:
    return [Kind(r["kind"], last_segment(r["kind"]), r.get("zh", ""), r.get("en", ""))
            for r in select(KINDS)]


def find_kind(select: Select, name: str) -> Kind:
    """A kind of body by id (`medical-insurance-bureau`) or its zh or en label."""
    kinds = all_kinds(select)
    for kind in kinds:
        if name in (kind.id, kind.iri, kind.zh, kind.en, f"kind/{kind.id}"):
            return kind
    raise UnknownName("kind of body", name, [k.id for k in kinds])


def find_indicator(select: Select, name: str) -> str:
    """An indicator's IRI by id (`registered-nurses-per-1000`) or any printed name."""
    rows = select(INDICATORS)
    for row in rows:
        names = {row["indicator"], last_segment(row["indicator"]),
                 f"indicator/{last_segment(row['indicator'])}", *row["labels"].split(SEPARATOR)}
        if name in names:
            return row["indicator"]
    raise UnknownName("indicator", name, sorted({last_segment(r["indicator"]) for r in rows}))
