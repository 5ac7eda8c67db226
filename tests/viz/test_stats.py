"""Network statistics on the hand-made plan of tests/fixtures/tiny_network.ttl, read through
SPARQL like any plan, checked against values worked out by hand below.

    T1: A lead, B      T2: B lead, C      T3: A, B      T4: D lead, E

Co-responsibility network: A–B weight 2 (T1, T3), B–C weight 1 (T2), D–E weight 1 (T4).
"""
import csv
import io
import math
import xml.etree.ElementTree as ElementTree

import pytest

from tests.viz.conftest import A, B, C, D, E
from viz import catalogue
from viz.networks import responsibility_network
from viz.stats import export, network_stats


@pytest.fixture(scope="module")
def network(tiny):
    return responsibility_network(tiny, catalogue.find_plans(tiny, ["tiny-2024"]))


@pytest.fixture(scope="module")
def stats(network):
    return {s.body: s for s in network_stats(network).bodies}


def test_tasks_led_and_shared(stats):
    # A: leads T1, shares T3. B: leads T2, shares T1 and T3. C: shares T2. D: leads T4. E: shares T4.
    assert [(stats[x].tasks_led, stats[x].tasks_shared) for x in (A, B, C, D, E)] == \
        [(1, 1), (1, 2), (0, 1), (1, 0), (0, 1)]


def test_partners_and_weighted_degree(stats):
    # partners: A {B}, B {A, C}, C {B}, D {E}, E {D}
    assert [stats[x].partners for x in (A, B, C, D, E)] == [1, 2, 1, 1, 1]
    # weighted degree: A 2; B 2 + 1 = 3; C 1; D 1; E 1
    assert [stats[x].weighted_degree for x in (A, B, C, D, E)] == [2, 3, 1, 1, 1]


def test_betweenness(stats):
    # Only B lies on a shortest path between two others (A–B–C). Of the n = 5 bodies,
    # normalised betweenness divides by (n-1)(n-2)/2 = 4·3/2 = 6 pairs: B = 1/6, the rest 0.
    assert stats[B].betweenness == pytest.approx(1 / 6, abs=1e-6)
    assert [stats[x].betweenness for x in (A, C, D, E)] == [0, 0, 0, 0]


def test_eigenvector_centrality(stats):
    # Weighted adjacency of the A–B–C component: [[0,2,0],[2,0,1],[0,1,0]].
    # det(M - λI) = -λ³ + 5λ = 0 → λ = √5; (M - √5 I)x = 0 gives x ∝ (2, √5, 1).
    # networkx normalises to unit length: |(2, √5, 1)| = √(4 + 5 + 1) = √10.
    # The D–E component's largest eigenvalue is 1 < √5, so its share vanishes under the
    # power iteration: D = E = 0.
    root10 = math.sqrt(10)
    assert stats[A].eigenvector == pytest.approx(2 / root10, abs=1e-4)          # 0.6325
    assert stats[B].eigenvector == pytest.approx(math.sqrt(5) / root10, abs=1e-4)  # 0.7071
    assert stats[C].eigenvector == pytest.approx(1 / root10, abs=1e-4)          # 0.3162
    assert stats[D].eigenvector == pytest.approx(0, abs=1e-4)
    assert stats[E].eigenvector == pytest.approx(0, abs=1e-4)


def test_densest_pairs_and_communities(network):
    found = network_stats(network)
    assert [(p.a, p.b, p.shared) for p in found.pairs] == [(A, B, 2), (B, C, 1), (D, E, 1)]
    # Modularity gain of merging i and j: 2·(w_ij/2m − k_i·k_j/(2m)²), 2m = 2·(2+1+1) = 8,
    # k: A 2, B 3, C 1, D 1, E 1. A+B: 2·(2/8 − 6/64) = 0.3125; D+E: 2·(1/8 − 1/64) = 0.21875;
    # B+C: 2·(1/8 − 3/64) = 0.15625. Then {A,B}+C: 2·(1/8 − 5·1/64) = 0.09375 > 0, so C joins;
    # {A,B,C}+{D,E} share no edge (gain −2·6·2/64 < 0): two communities.
    assert found.communities == [sorted([A, B, C]), sorted([D, E])]


def test_exports_hold_the_same_network(network):
    graphml = ElementTree.fromstring(export(network, "graphml"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    # 4 tasks + 5 bodies; 2 + 2 + 2 + 2 task–body links
    assert len(graphml.findall(".//g:node", ns)) == 9
    assert len(graphml.findall(".//g:edge", ns)) == 8
    gexf = ElementTree.fromstring(export(network, "gexf"))
    assert len([e for e in gexf.iter() if e.tag.endswith("}edge")]) == 8
    rows = list(csv.DictReader(io.StringIO(export(network, "csv").decode())))
    assert sorted(r["role"] for r in rows) == ["lead"] * 3 + ["shared"] * 5
