"""The build as a whole: deterministic output, atomic replacement, strictness, a new plan."""
import shutil

import pytest
import yaml

from kg.graphs import SHARED_GRAPH, export, graph_files, plan_graph
from kg.build import BuildError, run_build
from kg.paths import Paths
from tests.builds import add_sixth_plan, graph_bytes, ntriples
from tests.conftest import FIXTURES, ROOT


@pytest.fixture
def project(tmp_path):
    """A copy of the project's data, ontology and queries to build in."""
    for part in ("data/sources", "data/registry", "ontology", "queries"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return Paths(root=tmp_path)


def test_two_builds_give_identical_bytes(project, tmp_path):
    run_build(project)
    first = graph_bytes(project.build)
    exported = {p.name: p.read_bytes() for p in export(project.build, ["nt", "ttl"],
                                                        tmp_path / "first")}
    shutil.rmtree(project.build)
    run_build(project)
    assert graph_bytes(project.build) == first
    assert {p.name: p.read_bytes()
            for p in export(project.build, ["nt", "ttl"], tmp_path / "again")} == exported
    lines = exported["plankg.nt"].decode().splitlines()
    assert lines == sorted(lines)


def test_the_build_writes_a_sorted_file_a_named_graph(project):
    run_build(project)
    files = graph_files(project.build)
    # the five plans of data/sources/manifest.yaml, by id, then the shared graph
    assert [f.stem for f in files] == ["huaying-2021", "shapingba-2025", "wanzhou-2022",
                                       "yongchuan-2025", "yuzhong-2024", "shared"]
    for file in files:
        lines = file.read_text(encoding="utf-8").splitlines()
        graph = SHARED_GRAPH if file.stem == "shared" else plan_graph(file.stem)
        assert lines and lines == sorted(lines)
        assert all(line.endswith(f" <{graph}> .") for line in lines)


def test_a_plan_id_that_is_no_slug_is_refused(project):
    run_build(project)
    before = graph_bytes(project.build)
    manifest = yaml.safe_load((project.sources / "manifest.yaml").read_text(encoding="utf-8"))
    manifest["plans"][0]["id"] = "../shapingba"
    (project.sources / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True),
                                                   encoding="utf-8")
    with pytest.raises(Exception, match="not an ASCII slug"):
        run_build(project)
    assert graph_bytes(project.build) == before


def test_five_plans_resolve_every_name(project):
    result = run_build(project, strict=True)
    assert result.unresolved == []
    assert result.counts["plans"] == 5


def test_strict_build_fails_on_an_unknown_name_and_keeps_the_previous_build(project):
    run_build(project)
    before = graph_bytes(project.build)
    source = project.sources / "shapingba_2025_service_system.txt"
    # a copy of the text naming a body the registry does not know (the vendored text is untouched)
    changed = project.sources / "changed.txt"
    changed.write_text(source.read_text(encoding="utf-8").replace("区科技局", "区未知局"),
                       encoding="utf-8")
    manifest = yaml.safe_load((project.sources / "manifest.yaml").read_text(encoding="utf-8"))
    manifest["plans"][0]["file"] = "changed.txt"
    (project.sources / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True),
                                                   encoding="utf-8")
    with pytest.raises(BuildError, match="区未知局"):
        run_build(project, strict=True)
    assert graph_bytes(project.build) == before
    # without --strict the unknown body is kept as a provisional node, not dropped
    result = run_build(project)
    assert [u.name for u in result.unresolved] == ["区未知局"]
    assert "区未知局" in ntriples(project.build)


def test_a_broken_manifest_leaves_the_previous_build_intact(project):
    run_build(project)
    before = graph_bytes(project.build)
    (project.sources / "manifest.yaml").write_text("plans:\n  - id: x\n", encoding="utf-8")
    with pytest.raises(Exception, match="lacks"):
        run_build(project)
    assert graph_bytes(project.build) == before


def test_a_sixth_plan_is_added_by_a_text_and_a_manifest_entry(project):
    add_sixth_plan(project, (FIXTURES / "sixth_plan.txt").read_text(encoding="utf-8"))
    result = run_build(project, strict=True)
    assert result.counts["plans"] == 6
    assert "<https://w3id.org/plankg/id/task/shapingba-2026/3.2>" in ntriples(project.build)


def test_a_plan_of_no_task_fails_the_build_and_keeps_the_previous_one(project):
    run_build(project)
    before = graph_bytes(project.build)
    add_sixth_plan(project, "某某区卫生健康工作通知\n各单位要高度重视，抓好落实。\n")
    with pytest.raises(BuildError, match="no task was read from shapingba-2026"):
        run_build(project)
    assert graph_bytes(project.build) == before


def test_strict_fails_on_text_seen_and_not_read_and_plain_build_records_it(project):
    add_sixth_plan(project, (FIXTURES / "layouts" / "unread_table.txt").read_text(encoding="utf-8"))
    with pytest.raises(BuildError, match=r"(?s)--strict: 4 passages .*sixth_plan.txt lines 8-10: a table-like block"):
        run_build(project, strict=True)
    result = run_build(project)
    assert result.quality["shapingba-2026"] == {
        "tasks": 3, "links": 1, "leads": 1, "deadlines": 0, "indicators": 0, "unread": 4,
        "warnings": 4}
    # the warnings are in the plan's graph, for the API's plan page
    assert ntriples(project.build).count("<https://w3id.org/plankg/ontology#extractionWarning>") == 4
    # an up-to-date build still fails --strict
    with pytest.raises(BuildError, match="--strict"):
        run_build(project, strict=True)
