"""Incremental builds: the same bytes as a full build, only the changed plans extracted again, any
code or registry change rebuilding everything, a failed re-build keeping the previous build."""
import json
import os
import shutil
import time

import pytest
import yaml

from kg.build import parts as incremental
from kg.graphs import SHARED_GRAPH, export, plan_file, plan_graph
from kg.build import BuildError, run_build
from kg.paths import REPORT_JSON, REPORT_TTL, SUMMARY, Paths
from kg.validate.incremental import read_checked
from tests.builds import add_sixth_plan, graph_bytes, ntriples, read_manifest, write_manifest
from tests.conftest import FIXTURES, ROOT

PLANS = ["shapingba-2025", "huaying-2021", "yuzhong-2024", "yongchuan-2025", "wanzhou-2022"]
SHAPINGBA = "shapingba_2025_service_system.txt"
# shapingba_2025_service_system.txt:25, task 6: （责任单位：区卫生健康委、区市场监管局）
TASK_6_UNITS = "（责任单位：区卫生健康委、区市场监管局）"
MARKET_BUREAU = "<https://w3id.org/plankg/id/org/shapingba/market-regulation-bureau>"
TASK_6 = "<https://w3id.org/plankg/id/task/shapingba-2025/6>"


@pytest.fixture
def project(tmp_path):
    for part in ("data/sources", "data/registry", "ontology", "queries"):
        shutil.copytree(ROOT / part, tmp_path / "project" / part)
    return Paths(root=tmp_path / "project")


def outputs(paths: Paths) -> dict[str, bytes]:
    """The build's graph files and its validation reports."""
    return {**graph_bytes(paths.build),
            **{name: (paths.build / name).read_bytes() for name in (REPORT_JSON, REPORT_TTL)}}


def summary(paths: Paths) -> dict:
    return json.loads((paths.build / SUMMARY).read_text(encoding="utf-8"))


def edit_shapingba(paths: Paths, old: str, new: str) -> None:
    text = paths.sources / SHAPINGBA
    content = text.read_text(encoding="utf-8")
    assert content.count(old) == 1
    text.write_text(content.replace(old, new), encoding="utf-8")


def test_builds_are_byte_identical_whatever_the_jobs_and_the_cache(project, tmp_path):
    first = run_build(project)
    assert first.extracted == PLANS
    built = outputs(project)
    folder = project.build.stat().st_ino
    again = run_build(project)       # nothing changed: the build is left as it is
    assert again.up_to_date and again.counts == first.counts and again.checks == first.checks
    assert project.build.stat().st_ino == folder and outputs(project) == built
    (project.build / "cache" / "inputs.json").unlink()
    cached = run_build(project)      # everything from the cache
    assert not cached.up_to_date
    assert cached.extracted == cached.rewritten == cached.revalidated == []
    assert outputs(project) == built
    parallel = Paths(root=project.root, build_dir=tmp_path / "parallel")
    run_build(parallel, jobs=2)      # a full build in two processes
    assert outputs(parallel) == built


def test_the_quads_put_each_triple_in_one_graph_of_its_plan_or_the_shared_one(project, tmp_path):
    run_build(project)
    export(project.build, ["nq", "nt"], tmp_path)
    quads = (tmp_path / "plankg.nq").read_text(encoding="utf-8").splitlines()
    triples = (tmp_path / "plankg.nt").read_text(encoding="utf-8").splitlines()
    assert triples == sorted(triples) and len(set(triples)) == len(triples)
    assert quads == sorted(quads)
    assert sorted(q.rsplit(" ", 2)[0] + " ." for q in quads) == triples
    # the graph files hold the same quads, each in the file of its graph
    files = [q for f in graph_bytes(project.build).values() for q in f.decode().splitlines()]
    assert sorted(files) == quads
    graphs = {q.rsplit(" ", 2)[1][1:-1] for q in quads}
    assert graphs == {plan_graph(p) for p in PLANS} | {SHARED_GRAPH}
    # task 6 of 沙坪坝 (shapingba_2025_service_system.txt:25) is in its plan's graph; the market
    # regulation bureau it names (data/registry/organizations.csv:26) in the shared one
    assert {q.rsplit(" ", 2)[1] for q in quads if q.startswith(TASK_6 + " ")} \
        == {f"<{plan_graph('shapingba-2025')}>"}
    assert {q.rsplit(" ", 2)[1] for q in quads if q.startswith(MARKET_BUREAU + " ")} \
        == {f"<{SHARED_GRAPH}>"}


def test_a_changed_text_extracts_that_plan_only_and_equals_a_full_build(project, tmp_path,
                                                                         monkeypatch):
    run_build(project)
    files = {plan: plan_file(project.build, plan).stat().st_ino for plan in PLANS}
    edit_shapingba(project, TASK_6_UNITS, "（责任单位：区卫生健康委）")
    # the registry did not change: its lines come from the last build's cache, not made again
    made = incremental.registry_triples
    monkeypatch.setattr(incremental, "registry_triples", lambda registry: pytest.fail(
        "the registry's triples were made again though neither it nor the code changed"))
    result = run_build(project)
    monkeypatch.setattr(incremental, "registry_triples", made)
    assert result.extracted == result.rewritten == ["shapingba-2025"]
    assert summary(project)["extracted"] == ["shapingba-2025"]
    # the other plans' graph files are the last build's, linked; shapingba's is written anew
    assert {plan: plan_file(project.build, plan).stat().st_ino == files[plan] for plan in PLANS} \
        == {plan: plan != "shapingba-2025" for plan in PLANS}
    # its part and the shared part are validated again, no other plan's
    assert set(result.revalidated) == {"https://w3id.org/plankg/id/plan/shapingba-2025", "shared"}
    nt = ntriples(project.build)
    assert f"{TASK_6} <https://w3id.org/plankg/ontology#responsibleUnit> {MARKET_BUREAU} ." \
        not in nt
    fresh = Paths(root=project.root, build_dir=tmp_path / "fresh")
    assert run_build(fresh).extracted == PLANS
    assert outputs(fresh) == outputs(project)


def test_a_changed_task_text_rebuilds_from_the_last_build_and_equals_a_full_build(project,
                                                                                  tmp_path):
    """A change inside one plan's own graph (a word of task 6's text, shapingba:25) is built
    from the last build's state: the other plans' triples and the shared graph are not read."""
    run_build(project)
    shared = (project.build / "graphs" / "shared.nq").stat().st_ino
    edit_shapingba(project, "打造区域前置审方中心", "建设区域前置审方中心")
    result = run_build(project)
    assert not result.reassembled and not summary(project)["reassembled"]
    assert result.extracted == result.rewritten == ["shapingba-2025"]
    assert result.revalidated == ["https://w3id.org/plankg/id/plan/shapingba-2025"]
    assert (project.build / "graphs" / "shared.nq").stat().st_ino == shared
    assert "建设区域前置审方中心" in plan_file(project.build, "shapingba-2025").read_text(
        encoding="utf-8")
    fresh = Paths(root=project.root, build_dir=tmp_path / "fresh")
    full = run_build(fresh)
    assert full.reassembled
    assert outputs(fresh) == outputs(project)
    assert (result.counts, result.warnings, result.unresolved, result.checks) \
        == (full.counts, full.warnings, full.unresolved, full.checks)
    # each validation part is the same text as the full build cut (kept under the same key)
    assert {name: part.key for name, part in read_checked(project.build / "cache").items()} \
        == {name: part.key for name, part in read_checked(fresh.build / "cache").items()}


def test_a_changed_plan_node_another_plan_cites_checks_that_plan_again(project, tmp_path):
    """A sixth plan citing 沙坪坝's by its number (manifest.yaml:10, 沙府办发〔2025〕13号) reads
    that plan's node in its validation part; retitling 沙坪坝's plan checks both parts again."""
    text = (FIXTURES / "sixth_plan.txt").read_text(encoding="utf-8")
    # sixth_plan.txt:6 cites the municipal plan; here it cites 沙坪坝's instead
    text = text.replace("《重庆市进一步完善医疗卫生服务体系实施方案》（渝府办发〔2023〕76号）",
                        "《沙坪坝区进一步完善医疗卫生服务体系实施方案》（沙府办发〔2025〕13号）")
    add_sixth_plan(project, text)
    run_build(project)
    cites = ("<https://w3id.org/plankg/id/plan/shapingba-2026> "
             "<https://w3id.org/plankg/ontology#cites> "
             "<https://w3id.org/plankg/id/plan/shapingba-2025> .")
    assert cites in ntriples(project.build)
    manifest = read_manifest(project)
    manifest["plans"][0]["title"] = "沙坪坝区卫生服务体系工作方案"
    write_manifest(project, manifest)
    result = run_build(project)
    assert not result.reassembled and result.extracted == ["shapingba-2025"]
    assert sorted(result.revalidated) == ["https://w3id.org/plankg/id/plan/shapingba-2025",
                                          "https://w3id.org/plankg/id/plan/shapingba-2026"]
    fresh = Paths(root=project.root, build_dir=tmp_path / "fresh")
    assert run_build(fresh).reassembled
    assert outputs(fresh) == outputs(project)


def test_a_change_to_what_a_plan_gives_the_shared_graph_reassembles_the_whole(project):
    run_build(project)
    # a unit no registry table lists, in place of task 6's two (shapingba:25): a provisional node
    edit_shapingba(project, TASK_6_UNITS, "（责任单位：区测绘协调办）")
    result = run_build(project)
    assert result.reassembled and result.extracted == ["shapingba-2025"]
    assert "shared" in result.revalidated


def test_a_text_is_read_again_when_its_file_changed_and_only_then(project):
    day_ago = time.time() - 86_400
    for text in project.sources.glob("*.txt"):
        os.utime(text, (day_ago, day_ago))
    run_build(project)
    seen = incremental.read_pickle(project.build / "cache" / incremental.SOURCES)
    assert len(seen.texts) == 5 and all(state is not None for state, _ in seen.texts.values())
    # same length, another word (shapingba:25, task 6): the file's time and digest change
    edit_shapingba(project, "打造区域前置审方中心", "建设区域前置审方中心")
    assert run_build(project).extracted == ["shapingba-2025"]
    # a file touched, its bytes the same: hashed again, the same key, the build up to date
    os.utime(project.sources / "huaying_14th_fyp_service_system.txt")
    assert run_build(project).up_to_date


def test_a_changed_manifest_entry_extracts_that_plan_only(project):
    run_build(project)
    manifest = yaml.safe_load((project.sources / "manifest.yaml").read_text(encoding="utf-8"))
    manifest["plans"][2]["title"] = "渝中区工作措施"   # yuzhong-2024 (manifest.yaml:20-22)
    (project.sources / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True),
                                                   encoding="utf-8")
    result = run_build(project)
    assert result.extracted == ["yuzhong-2024"]
    assert '"渝中区工作措施"@zh' in ntriples(project.build)


def test_a_registry_change_rebuilds_every_plan(project):
    run_build(project)
    with (project.registry / "jurisdictions.csv").open("a", encoding="utf-8") as table:
        table.write("testville,测试区,Testville District,district,chongqing\n")
    assert run_build(project).extracted == PLANS


def test_a_code_change_rebuilds_every_plan(project, tmp_path, monkeypatch):
    code = tmp_path / "kg"
    shutil.copytree(incremental.CODE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(incremental, "CODE", code)   # the code the fingerprint reads
    run_build(project)
    assert run_build(project).extracted == []
    with (code / "extract" / "prose.py").open("a", encoding="utf-8") as module:
        module.write("\n# a changed line\n")
    assert run_build(project).extracted == PLANS


def test_a_failed_incremental_build_keeps_the_previous_build_and_its_cache(project):
    run_build(project)
    before = outputs(project)
    # the build's cache (its spare aside: the next build's staging folder, which a failed build
    # takes and removes; kg.build.folder)
    def kept_cache() -> dict:
        return {p.relative_to(project.build): p.read_bytes()
                for p in (project.build / "cache").rglob("*")
                if p.is_file() and "spare" not in p.relative_to(project.build).parts}

    cache = kept_cache()
    # shapingba_2025_service_system.txt:26 names 区科技局; a name the registry does not know
    edit_shapingba(project, "区卫生健康委、区科技局、区经济信息委", "区卫生健康委、区未知局、区经济信息委")
    with pytest.raises(BuildError, match="区未知局"):
        run_build(project, strict=True)
    assert outputs(project) == before
    assert kept_cache() == cache
    edit_shapingba(project, "区卫生健康委、区未知局、区经济信息委", "区卫生健康委、区科技局、区经济信息委")
    assert run_build(project).extracted == []   # the previous cache still serves
    assert outputs(project) == before


def test_an_up_to_date_build_still_fails_strict_on_names_it_kept_provisional(project):
    # a unit no registry table lists, in place of task 6's two (shapingba:25)
    edit_shapingba(project, TASK_6_UNITS, "（责任单位：区测绘协调办）")
    assert run_build(project).unresolved
    with pytest.raises(BuildError, match="--strict"):
        run_build(project, strict=True)


def test_a_build_missing_an_output_file_is_built_again(project):
    run_build(project)
    (project.build / REPORT_TTL).unlink()
    result = run_build(project)
    assert not result.up_to_date and (project.build / REPORT_TTL).exists()


def test_a_parallel_build_that_fails_validation_keeps_the_previous_build_and_no_staging(project):
    """With --jobs the graph files are written by a forked process while the parts are checked;
    a violation stops it, and nothing of the failed build is left beside the previous one."""
    run_build(project)
    before = outputs(project)
    # a shape every task text breaks (the texts are longer than one character)
    with project.shapes.open("a", encoding="utf-8") as shapes:
        shapes.write("\npksh:OneCharacterText a sh:NodeShape ; sh:targetClass pk:Task ;\n"
                     "    sh:property [ sh:path pk:text ; sh:maxLength 1 ] .\n")
    with pytest.raises(BuildError, match="breaks"):
        run_build(project, jobs=2)
    assert outputs(project) == before
    assert not [p.name for p in project.build.parent.iterdir() if p.name.startswith(".")]


def test_the_shared_graph_searched_in_place_finds_each_nodes_lines_as_a_scan_does(project):
    from collections import defaultdict

    from kg.build.rebuild import SharedGraph
    from kg.graphs import quad_graph, shared_file

    run_build(project)
    by_subject = defaultdict(list)
    with shared_file(project.build).open(encoding="utf-8") as lines:
        for line in lines:
            triple = quad_graph(line)[0]
            by_subject[triple[:triple.index(" ")]].append(triple)
    shared = SharedGraph.read(project.build)
    assert len(by_subject) > 100
    for node, lines in by_subject.items():
        assert node in shared and shared.describe(node) == lines
    # a subject's name cut short, or run on, is no subject; nor is a plan's own node
    for node in list(by_subject)[::7]:
        for other in (node[:-2] + ">", node[:-1] + "x>"):
            if other not in by_subject:
                assert other not in shared and shared.describe(other) == []
    assert TASK_6 not in shared and f"<{'~'}>" not in shared and "<!>" not in shared
