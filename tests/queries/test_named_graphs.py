"""Named graphs in the embedded store: one graph per plan plus the shared, ontology and
validation graphs; the union answers queries by default, FROM / FROM NAMED / GRAPH read a plan's."""
from kg.graphs import ONTOLOGY_GRAPH, SHARED_GRAPH, VALIDATION_GRAPH, plan_graph
from kg.store import declares_dataset
from tests.queries.test_competency import PKID

# data/sources/manifest.yaml: the five plan ids
PLANS = ["huaying-2021", "shapingba-2025", "wanzhou-2022", "yongchuan-2025", "yuzhong-2024"]
# shapingba_2025_service_system.txt:19-42 numbers its key tasks 1. to 19.
SHAPINGBA_TASKS = 19
TASK_6 = PKID + "task/shapingba-2025/6"   # shapingba_2025_service_system.txt:25


def values(store, sparql: str, name: str) -> list[str]:
    return [row[name].value for row in store.select(sparql)[1]]


def test_graph_sees_one_graph_per_plan_and_the_shared_ones(store):
    graphs = values(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", "g")
    assert sorted(graphs) == sorted([plan_graph(p) for p in PLANS]
                                    + [SHARED_GRAPH, ONTOLOGY_GRAPH, VALIDATION_GRAPH])


def test_from_a_plan_graph_reads_that_plan_only(store):
    tasks = f"SELECT (COUNT(?t) AS ?n) FROM <{plan_graph('shapingba-2025')}> WHERE {{ ?t a pk:Task }}"
    assert values(store, tasks, "n") == [str(SHAPINGBA_TASKS)]
    plans = f"SELECT ?p FROM <{plan_graph('shapingba-2025')}> WHERE {{ ?p a pk:Plan }}"
    assert values(store, plans, "p") == [PKID + "plan/shapingba-2025"]


def test_from_named_and_graph_find_the_plan_holding_a_task(store):
    where = f"SELECT ?g WHERE {{ GRAPH ?g {{ <{TASK_6}> a pk:Task }} }}"
    assert values(store, where, "g") == [plan_graph("shapingba-2025")]
    other = (f"SELECT ?g FROM NAMED <{plan_graph('yuzhong-2024')}> "
             f"WHERE {{ GRAPH ?g {{ <{TASK_6}> a pk:Task }} }}")
    assert values(store, other, "g") == []


def test_the_union_joins_a_plan_graph_with_the_shared_graph(store):
    # task 6's units (shapingba_2025_service_system.txt:25: 区卫生健康委、区市场监管局) are
    # organizations of the shared graph (data/registry/organizations.csv:21, :26); the default
    # graph reads across both
    units = f"SELECT ?label WHERE {{ <{TASK_6}> pk:responsibleUnit/skos:prefLabel ?label . " \
            "FILTER (LANG(?label) = 'zh') }"
    assert sorted(values(store, units, "label")) == ["沙坪坝区卫生健康委员会", "沙坪坝区市场监督管理局"]


def test_a_dataset_clause_is_found_outside_strings_comments_and_iris():
    assert declares_dataset("PREFIX pk: <https://w3id.org/plankg/ontology#> "
                            "SELECT * FROM <urn:g> WHERE {}")
    assert declares_dataset("SELECT * FROM NAMED <urn:g> WHERE { GRAPH ?g {} }")
    assert not declares_dataset('SELECT * WHERE { ?s ?p "from <urn:x>" } # FROM <urn:y>')
