"""Every network's node and edge counts equal what SPARQL counts over the same graph, for every
plan and for the plans together. The counting queries are written here, apart from viz's own."""
import pytest

from tests.viz.conftest import count
from viz import catalogue
from viz.networks import (bodies_of, co_responsibility_network, cross_plan_network,
                          fold_bodies_into_kinds, responsibility_network, tasks_of)
from viz.views import build_network, focus_of

PLANS = ["shapingba-2025", "huaying-2021", "yuzhong-2024", "yongchuan-2025", "wanzhou-2022"]
LEAF = "?t a pk:Task ; pk:inPlan ?plan . FILTER NOT EXISTS { ?s pk:subTaskOf ?t }"


def scope(plan_ids):
    return "VALUES ?plan { " + " ".join(f"pkid:plan\\/{p}" for p in plan_ids) + " }"


SCOPES = [[p] for p in PLANS] + [PLANS]


@pytest.mark.parametrize("plan_ids", SCOPES, ids=lambda s: "+".join(s))
def test_responsibility_network_counts_match_sparql(select, plan_ids):
    graph = responsibility_network(select, catalogue.find_plans(select, plan_ids))
    where = f"{scope(plan_ids)} {LEAF} ?t pk:responsibleUnit ?u ."
    assert len(tasks_of(graph)) == count(select, f"SELECT (COUNT(DISTINCT ?t) AS ?n) {{ {where} }}")
    assert len(bodies_of(graph)) == count(select, f"SELECT (COUNT(DISTINCT ?u) AS ?n) {{ {where} }}")
    assert graph.number_of_edges() == count(
        select, f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?t ?u {{ {where} }} }}")
    leads = [e for e in graph.edges(data="role") if e[2] == "lead"]
    assert len(leads) == count(select, f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?t ?u {{ "
                                       f"{scope(plan_ids)} {LEAF} ?t pk:leadUnit ?u }} }}")


@pytest.mark.parametrize("plan_ids", SCOPES, ids=lambda s: "+".join(s))
def test_institutions_named_join_as_a_third_kind(select, plan_ids):
    graph = responsibility_network(select, catalogue.find_plans(select, plan_ids),
                                   institutions=True)
    where = f"{scope(plan_ids)} {LEAF} ?t pk:responsibleUnit|pk:mentions ?u ."
    assert len(tasks_of(graph)) == count(select, f"SELECT (COUNT(DISTINCT ?t) AS ?n) {{ {where} }}")
    assert len(bodies_of(graph)) == count(select, f"SELECT (COUNT(DISTINCT ?u) AS ?n) {{ {where} }}")
    assert graph.number_of_edges() == count(
        select, f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?t ?u {{ {where} }} }}")
    mentions = {(t, u) for t, u, role in graph.edges(data="role") if role == "mentions"}
    only_named = count(select, f"""SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?t ?u {{
        {scope(plan_ids)} {LEAF} ?t pk:mentions ?u . FILTER NOT EXISTS {{ ?t pk:responsibleUnit ?u }}
    }} }}""")
    assert len(mentions) == only_named


@pytest.mark.parametrize("plan_ids", SCOPES, ids=lambda s: "+".join(s))
def test_co_responsibility_network_counts_and_weights_match_sparql(select, plan_ids):
    co = co_responsibility_network(
        responsibility_network(select, catalogue.find_plans(select, plan_ids)))
    where = f"{scope(plan_ids)} {LEAF} ?t pk:responsibleUnit ?a, ?b . FILTER(STR(?a) < STR(?b))"
    assert co.number_of_edges() == count(
        select, f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?a ?b {{ {where} }} }}")
    assert co.size(weight="weight") == count(
        select, f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?t ?a ?b {{ {where} }} }}")
    assert co.number_of_nodes() == count(select, f"SELECT (COUNT(DISTINCT ?u) AS ?n) {{ "
                                                 f"{scope(plan_ids)} {LEAF} ?t pk:responsibleUnit ?u }}")


def test_cross_plan_network_groups_every_plans_bodies_by_kind(select):
    plans = catalogue.find_plans(select, [])
    graph = cross_plan_network(responsibility_network(select, plans), plans)
    where = f"{scope(PLANS)} {LEAF} ?t pk:responsibleUnit ?u . ?u org:classification ?k ."
    kinds = count(select, f"SELECT (COUNT(DISTINCT ?k) AS ?n) {{ {where} }}")
    bodies = count(select, f"SELECT (COUNT(DISTINCT ?u) AS ?n) {{ {where} }}")
    plan_body = count(select, f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?plan ?u {{ {where} }} }}")
    plans_with_bodies = count(select, f"SELECT (COUNT(DISTINCT ?plan) AS ?n) {{ {where} }}")
    assert graph.number_of_nodes() == plans_with_bodies + bodies + kinds
    assert graph.number_of_edges() == plan_body + bodies  # one body–kind edge per body
    # folded: a plan–kind edge per (plan, kind) pair, as example query 02 groups them
    folded = fold_bodies_into_kinds(graph)
    assert folded.number_of_edges() == count(
        select, f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?plan ?k {{ {where} }} }}")


def test_a_units_network_holds_its_tasks_and_their_partners(select):
    unit = "https://w3id.org/plankg/id/org/yuzhong/medical-insurance-bureau"
    focus, _ = focus_of(select, "yuzhong/medical-insurance-bureau", None)
    assert focus == {unit}
    graph = build_network(select, catalogue.find_plans(select, []), focus=focus)
    where = f"?t a pk:Task ; pk:responsibleUnit <{unit}>, ?u . FILTER NOT EXISTS {{ ?s pk:subTaskOf ?t }}"
    assert len(tasks_of(graph)) == count(select, f"SELECT (COUNT(DISTINCT ?t) AS ?n) {{ {where} }}")
    assert len(bodies_of(graph)) == count(select, f"SELECT (COUNT(DISTINCT ?u) AS ?n) {{ {where} }}")


def test_a_kinds_network_spans_every_district(select):
    focus, _ = focus_of(select, None, "医疗保障局")
    graph = build_network(select, catalogue.find_plans(select, []), focus=focus)
    where = ("?t a pk:Task ; pk:responsibleUnit ?m, ?u . FILTER NOT EXISTS { ?s pk:subTaskOf ?t } "
             "?m org:classification pkid:kind\\/medical-insurance-bureau .")
    assert len(tasks_of(graph)) == count(select, f"SELECT (COUNT(DISTINCT ?t) AS ?n) {{ {where} }}")
    assert graph.number_of_edges() == count(
        select, f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?t ?u {{ {where} }} }}")
