"""`plankg validate` as a user runs it: exit codes, the three output formats, input syntaxes,
and a malformed file reported with its position."""
import json
import subprocess
import sys

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from tests.conftest import ROOT
from tests.validate.test_shapes import CASES, plant

PLANKG = [sys.executable, "-m", "kg.cli", "validate"]
TASK_6 = "https://w3id.org/plankg/id/task/shapingba-2025/6"


def run(*args):
    return subprocess.run(PLANKG + [str(a) for a in args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def files(built_nt, tmp_path_factory):
    paths, nt = built_nt
    folder = tmp_path_factory.mktemp("graphs")
    clean = folder / "clean.nt"
    clean.write_text(nt, encoding="utf-8")
    # one violation: the lead unit of 永川 16.1 no longer stated as responsible
    # (yongchuan_2025_regional_center.txt:382-386 names 区商务委 lead of that row)
    broken = folder / "broken.ttl"
    case = next(c for c in CASES if c[3] == "LeadUnitResponsibleShape")
    Graph().parse(data=plant(nt, [case]), format="nt").serialize(broken, format="turtle")
    return clean, broken


def test_the_built_graph_conforms_and_warnings_do_not_fail(files):
    done = run(files[0])
    assert done.returncode == 0, done.stderr
    assert "conforms: 0 violations" in done.stdout


def test_fail_on_warning_makes_the_same_graph_fail(files):
    assert run(files[0], "--fail-on", "warning").returncode == 1


def test_a_violation_exits_1_and_the_text_names_node_shape_and_source(files):
    done = run(files[1])
    assert done.returncode == 1
    assert "pkid:task/yongchuan-2025/16.1" in done.stdout
    assert "lead unit also responsible" in done.stdout
    assert "yongchuan_2025_regional_center.txt lines 382-386" in done.stdout


def test_json_report_has_stable_keys(files):
    done = run(files[1], "--format", "json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["conforms"] is False and report["counts"]["Violation"] == 1
    result = next(r for r in report["results"] if r["severity"] == "Violation")
    assert set(result) == {"severity", "shape", "shape_name", "source_shape", "component", "focus",
                           "focus_label", "path", "value", "message", "sources"}
    assert result["focus"] == {"type": "uri",
                               "value": "https://w3id.org/plankg/id/task/yongchuan-2025/16.1"}
    assert result["value"]["value"].endswith("org/yongchuan/commerce-commission")
    assert result["sources"] == [{"file": "yongchuan_2025_regional_center.txt",
                                  "start_line": 382, "end_line": 386}]
    assert result["message"]["zh"].startswith("牵头单位")


def test_turtle_report_is_a_standard_validation_report(files):
    done = run(files[1], "--format", "turtle")
    report = Graph().parse(data=done.stdout, format="turtle")
    node = next(report.subjects(SH.conforms, None))
    assert report.value(node, SH.conforms) == Literal(False)
    violations = [r for r in report.objects(node, SH.result)
                  if report.value(r, SH.resultSeverity) == SH.Violation]
    assert [report.value(r, SH.focusNode) for r in violations] == [
        URIRef("https://w3id.org/plankg/id/task/yongchuan-2025/16.1")]


def test_json_ld_and_rdf_xml_inputs_give_the_same_verdict(files, tmp_path):
    graph = Graph().parse(files[1])
    for name, syntax in (("broken.jsonld", "json-ld"), ("broken.rdf", "xml")):
        graph.serialize(tmp_path / name, format=syntax)
        done = run(tmp_path / name, "--format", "json")
        assert json.loads(done.stdout)["counts"]["Violation"] == 1, name


def test_a_malformed_file_exits_2_with_the_parsers_reason_and_position(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix pk: <https://w3id.org/plankg/ontology#> .\n'
                   '<https://w3id.org/plankg/id/task/x> pk:text "unterminated .\n', encoding="utf-8")
    done = run(bad)
    assert done.returncode == 2
    assert "bad.ttl line 2 column" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_syntax_exits_2_and_names_the_choices(tmp_path):
    odd = tmp_path / "graph.xyz"
    odd.write_text("", encoding="utf-8")
    done = run(odd)
    assert done.returncode == 2 and "--format" in done.stderr


def test_both_engines_report_a_core_violation_alike(built_nt, tmp_path):
    """The task text deleted from 沙坪坝 task 4 (shapingba_2025…txt states it): pksh:Task-text
    fails, whichever engine runs the core constraints."""
    _, nt = built_nt
    case = next(c for c in CASES if c[3] == "Task-text")
    broken = tmp_path / "no-text.nt"
    broken.write_text(plant(nt, [case]), encoding="utf-8")
    reports = [json.loads(run(broken, "--format", "json", "--engine", engine).stdout)
               for engine in ("store", "pyshacl")]
    assert reports[0] == reports[1]
    assert [(r["source_shape"].rsplit("#")[-1], r["focus"]["value"].rsplit("/", 2)[-2:])
            for r in reports[0]["results"] if r["severity"] == "Violation"] == [
        ("Task-text", ["shapingba-2025", "4"])]


def test_an_unknown_engine_exits_2(files):
    done = run(files[0], "--engine", "jena")
    assert done.returncode == 2 and "store or pyshacl" in done.stderr
