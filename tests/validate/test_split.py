"""Checked plan by plan (in parallel or not), the graph gives the same report as checked whole;
and the shapes themselves are valid SHACL (the SHACL-SHACL meta-shapes)."""
import pyshacl
from rdflib import Graph

from kg.paths import Paths
from kg.validate import validate
from kg.validate.partition import partition
from tests.validate.test_shapes import CASES, plant


def test_each_plan_is_a_part_and_the_rest_is_shared(built_nt):
    _, nt = built_nt
    names = [part.name.rsplit("/", 1)[-1] for part in partition(nt)]
    # the five plans of data/sources/manifest.yaml, then the shared nodes
    assert names == ["huaying-2021", "shapingba-2025", "wanzhou-2022", "yongchuan-2025",
                     "yuzhong-2024", "shared"]


def test_split_and_parallel_reports_equal_the_whole_report(built_nt):
    paths, nt = built_nt
    data = plant(nt, CASES)
    whole = validate(data, paths)
    assert whole.counts()["Violation"] > 0
    assert validate(data, paths, split=True).results == whole.results
    assert validate(data, paths, jobs=2).results == whole.results


def test_the_shapes_are_valid_shacl():
    shapes = Graph().parse(Paths().shapes)
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text
