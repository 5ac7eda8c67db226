"""A summary graph of counts, computed once from a build's graph as a build step would, and the
competency queries 02 and 13 answered from it: whether a count stored ahead changes the answer
(the rows are compared with the queries' own, as terms) and what it saves (both timed on the same
bare store). Nothing here is part of the build: the graph is written into the benchmark's store
only, under its own graph IRI and a vocabulary of its own (`urn:plankg:summary:`), after the
floor section's other measurements.

Query 06 has no count to store: its rows are stated facts (a target's year, plan, value text,
indicator label and task), six look-ups a row and the sort; a summary could only hold the rows.
"""
from __future__ import annotations

import time

import pyoxigraph as ox

from kg.vocab import PREFIXES

GRAPH = ox.NamedNode("urn:plankg:summary:graph")
SM = "urn:plankg:summary:"
# the tasks each query counts: top-level tasks (no sub-task points at them), as 02 and 13 write it
TOP_TASKS = "{ ?task a pk:Task FILTER NOT EXISTS { ?sub pk:subTaskOf ?task } }"

# one tally a (plan, kind of body): 02's count, as 02 computes it
KIND_TALLIES = f"""
CONSTRUCT {{ ?tally <{SM}plan> ?plan ; <{SM}kind> ?kind ; <{SM}tasks> ?tasks }} WHERE {{
  {{ SELECT ?plan ?kind (COUNT(DISTINCT ?task) AS ?tasks) WHERE {{
      {TOP_TASKS}
      ?task pk:inPlan ?plan ; pk:responsibleUnit ?unit .
      ?unit org:classification ?kind .
    }} GROUP BY ?plan ?kind }}
  BIND(IRI(CONCAT("{SM}kind/", MD5(CONCAT(STR(?plan), " ", STR(?kind))))) AS ?tally)
}}"""

# one tally a (plan, body): 13's two counts, as 13 computes them
BODY_TALLIES = f"""
CONSTRUCT {{ ?tally <{SM}plan> ?plan ; <{SM}body> ?body ; <{SM}tasks> ?tasks ;
                    <{SM}partners> ?partners }} WHERE {{
  {{ SELECT ?plan ?body (COUNT(DISTINCT ?task) AS ?tasks)
           (COUNT(DISTINCT ?partner) - 1 AS ?partners) WHERE {{
      {TOP_TASKS}
      ?task pk:inPlan ?plan ; pk:responsibleUnit ?body, ?partner .
    }} GROUP BY ?plan ?body }}
  BIND(IRI(CONCAT("{SM}body/", MD5(CONCAT(STR(?plan), " ", STR(?body))))) AS ?tally)
}}"""

# 02 and 13 read from the tallies: the same labels looked up, the same order
FROM_SUMMARY = {
    "02-tasks-per-kind-of-body": f"""
SELECT ?plan ?kind ?kindLabel ?tasks WHERE {{
  GRAPH <{GRAPH.value}> {{ ?tally <{SM}kind> ?kind ; <{SM}plan> ?plan ; <{SM}tasks> ?tasks }}
  OPTIONAL {{ ?kind skos:prefLabel ?kindLabel . FILTER(lang(?kindLabel) = "en") }}
  FILTER(BOUND(?kindLabel))
}}
ORDER BY ?plan DESC(?tasks) ?kindLabel""",
    "13-central-bodies": f"""
SELECT ?plan ?body ?name ?tasks ?partners WHERE {{
  GRAPH <{GRAPH.value}> {{ ?tally <{SM}body> ?body ; <{SM}plan> ?plan ; <{SM}tasks> ?tasks ;
                                 <{SM}partners> ?partners }}
  OPTIONAL {{ ?body skos:prefLabel ?name . FILTER(lang(?name) = "zh") }}
  FILTER(BOUND(?name))
}}
ORDER BY ?plan DESC(?tasks) DESC(?partners)""",
}
# the variables each query sorts on, in its ORDER BY's order
ORDER_KEYS = {"02-tasks-per-kind-of-body": ("plan", "tasks", "kindLabel"),
              "13-central-bodies": ("plan", "tasks", "partners")}


def write_summary(store: ox.Store) -> tuple[int, float]:
    """The tallies computed from the store's union graph and added in GRAPH: (quads, seconds)."""
    started = time.perf_counter()
    quads = [ox.Quad(t.subject, t.predicate, t.object, GRAPH)
             for sparql in (KIND_TALLIES, BODY_TALLIES)
             for t in store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)]
    store.extend(quads)
    return len(quads), time.perf_counter() - started


def rows(store: ox.Store, sparql: str) -> list[tuple]:
    """Every solution, as a tuple of its terms in the query's variable order."""
    results = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    return [tuple(solution) for solution in results]


def compare(store: ox.Store, name: str, sparql: str) -> dict:
    """Whether the summary's answer is the query's: the same rows (as a multiset of terms) and
    the same sequence of ORDER BY keys (rows tied on every key may come in either order)."""
    ours, theirs = rows(store, sparql), rows(store, FROM_SUMMARY[name])
    variables = [v.value for v in store.query(sparql, prefixes=PREFIXES,
                                              use_default_graph_as_union=True).variables]
    at = [variables.index(key) for key in ORDER_KEYS[name]]
    keys = [[tuple(row[i] for i in at) for row in side] for side in (ours, theirs)]
    return {"rows": len(ours), "summary_rows": len(theirs),
            "same_rows": sorted(map(str, ours)) == sorted(map(str, theirs))
            and keys[0] == keys[1]}
