"""The build as a whole: deterministic output, atomic replacement, strictness, a new plan."""
import shutil

import pytest
import yaml

from kg.pipeline import GRAPH_NT, GRAPH_TTL, BuildError, Paths, run_build
from tests.conftest import FIXTURES, ROOT


@pytest.fixture
def project(tmp_path):
    """A copy of the project's data, ontology and queries to build in."""
    for part in ("data/sources", "data/registry", "ontology", "queries"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return Paths(root=tmp_path)


def test_two_builds_give_identical_bytes(project, tmp_path):
    run_build(project)
    first = {name: (project.build / name).read_bytes() for name in (GRAPH_NT, GRAPH_TTL)}
    run_build(project)
    assert {name: (project.build / name).read_bytes() for name in first} == first
    lines = first[GRAPH_NT].decode().splitlines()
    assert lines == sorted(lines)


def test_five_plans_resolve_every_name(project):
    result = run_build(project, strict=True)
    assert result.unresolved == []
    assert result.counts["plans"] == 5


def test_strict_build_fails_on_an_unknown_name_and_keeps_the_previous_build(project):
    run_build(project)
    before = (project.build / GRAPH_NT).read_bytes()
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
    assert (project.build / GRAPH_NT).read_bytes() == before
    # without --strict the unknown body is kept as a provisional node, not dropped
    result = run_build(project)
    assert [u.name for u in result.unresolved] == ["区未知局"]
    assert "区未知局" in (project.build / GRAPH_NT).read_text(encoding="utf-8")


def test_a_broken_manifest_leaves_the_previous_build_intact(project):
    run_build(project)
    before = (project.build / GRAPH_TTL).read_bytes()
    (project.sources / "manifest.yaml").write_text("plans:\n  - id: x\n", encoding="utf-8")
    with pytest.raises(Exception, match="lacks"):
        run_build(project)
    assert (project.build / GRAPH_TTL).read_bytes() == before


def test_a_sixth_plan_is_added_by_a_text_and_a_manifest_entry(project):
    shutil.copy(FIXTURES / "sixth_plan.txt", project.sources / "sixth_plan.txt")
    manifest = yaml.safe_load((project.sources / "manifest.yaml").read_text(encoding="utf-8"))
    manifest["plans"].append({"id": "shapingba-2026", "file": "sixth_plan.txt",
                              "title": "沙坪坝区基层卫生能力提升行动方案", "issuer": None,
                              "doc_number": "沙府办发〔2026〕3号", "issued": None,
                              "jurisdiction": "shapingba"})
    (project.sources / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True),
                                                   encoding="utf-8")
    result = run_build(project, strict=True)
    assert result.counts["plans"] == 6
    nt = (project.build / GRAPH_NT).read_text(encoding="utf-8")
    assert "<https://w3id.org/plankg/id/task/shapingba-2026/3.2>" in nt
