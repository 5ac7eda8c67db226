"""The build validates the graph it made: a graph with violations never replaces the last build."""
import json
import shutil

import pyoxigraph as ox
import pytest

from kg.build import BuildError, run_build
from kg.paths import REPORT_JSON, REPORT_TTL, Paths
from kg.validate import to_json, to_turtle
from tests.builds import graph_bytes
from tests.conftest import ROOT


@pytest.fixture
def project(tmp_path):
    for part in ("data/sources", "data/registry", "ontology", "queries"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return Paths(root=tmp_path)


def test_the_five_plans_build_with_no_violation_and_keep_the_report(project):
    result = run_build(project)
    assert result.report.counts()["Violation"] == 0
    report = json.loads((project.build / REPORT_JSON).read_text(encoding="utf-8"))
    assert report["conforms"] is True
    assert "sh:ValidationReport" in (project.build / REPORT_TTL).read_text(encoding="utf-8")
    # the file, put together from each validation part's Turtle, holds the report's triples
    kept = set(ox.parse(path=str(project.build / REPORT_TTL), format=ox.RdfFormat.TURTLE))
    whole = set(ox.parse(to_turtle(result.report).encode("utf-8"), format=ox.RdfFormat.TURTLE))
    assert kept == whole and len(kept) > 200
    assert report == to_json(result.report)


def test_a_build_breaking_a_shape_fails_and_keeps_the_previous_build(project):
    run_build(project)
    before = graph_bytes(project.build)
    # A slip in a registry table: 沙坪坝区's GB/T 2260 code typed with five digits, which the
    # jurisdiction shape refuses (pksh:Jurisdiction-divisionCode: six digits)
    table = project.registry / "jurisdiction_codes.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("shapingba,500106", "shapingba,50106"),
                     encoding="utf-8")
    with pytest.raises(BuildError) as failure:
        run_build(project)
    message = str(failure.value)
    assert "jurisdiction/shapingba" in message and "six digits" in message
    assert graph_bytes(project.build) == before


@pytest.mark.parametrize("conforms", [True, False])
@pytest.mark.parametrize("links", [0, 1, 3])
def test_the_reports_head_is_written_as_the_turtle_serializer_writes_it(conforms, links):
    """parts_turtle writes the report node's links to its results itself; pyoxigraph's Turtle of
    the same triples (kg.validate.report._turtle) is what it must equal, byte for byte."""
    from kg.validate.report import RESULT_BASE, _head, _turtle, parts_turtle

    iris = [f"{RESULT_BASE}{name}" for name in ("9f00aa", "0001", "00ab")][:links]
    assert parts_turtle(conforms, iris, ["<fragment>\n"]) \
        == _turtle(_head(conforms, sorted(iris))) + "<fragment>\n"
