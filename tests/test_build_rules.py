"""A county plan of another province, whose bodies no curated row lists, built with the five:
its names are classified by the kind rules (rule-resolved bodies in the graph, listed apart,
--strict passes), values in two units of one quantity are no conflict, and scope words are kept.

The plan is tests/fixtures/county_plan.txt, hand-written in the convention of 四川 county plans;
its place 邻水县 (511623) is added to a copy of the registry as `plankg registry place` adds it.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from kg.manifest import ManifestError
from kg.build import BuildError, run_build
from kg.paths import Paths
from kg.registry import Registry
from kg.registry_files import append_jurisdictions, rows_for
from tests.builds import graph_bytes, ntriples, read_manifest, write_manifest
from tests.conftest import FIXTURES, ROOT

ID = "https://w3id.org/plankg/id/"
PK = "https://w3id.org/plankg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
COUNTY = {"id": "linshui-2025", "file": "county_plan.txt",   # county_plan.txt:1-4
          "title": "邻水县基层卫生服务能力提升方案", "issuer": "邻水县人民政府办公室",
          "doc_number": None, "issued": None, "jurisdiction": "linshui"}


def county_project(root, text: str | None = None, copies: tuple[str, ...] = ("linshui-2025",),
                   texts: dict[str, str] | None = None) -> Paths:
    for part in ("data/sources", "data/registry", "ontology", "queries"):
        shutil.copytree(ROOT / part, root / part)
    paths = Paths(root=root)
    append_jurisdictions(paths.registry, rows_for(Registry.load(paths.registry), "511623"))
    manifest = read_manifest(paths)
    for plan_id in copies:
        file = f"{plan_id}.txt"
        (paths.sources / file).write_text(
            (texts or {}).get(plan_id) or text
            or (FIXTURES / "county_plan.txt").read_text(encoding="utf-8"), encoding="utf-8")
        manifest["plans"].append(dict(COUNTY, id=plan_id, file=file))
    write_manifest(paths, manifest)
    return paths


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    paths = county_project(tmp_path_factory.mktemp("county"))
    return paths, run_build(paths, strict=True), ntriples(paths.build)


def test_strict_build_passes_and_lists_rule_resolved_names_apart(county):
    paths, result, _ = county
    assert result.unresolved == []
    # county_plan.txt:9-10, the two 责任单位 clauses
    assert sorted({u.name for u in result.rule_resolved}) == sorted(
        ["县卫生健康局", "县人力资源社会保障局", "财政局", "各乡镇人民政府", "县医保局", "县疾控中心"])
    assert {(u.plan, u.span.start_line) for u in result.rule_resolved} == {
        ("linshui-2025", 9), ("linshui-2025", 10)}
    assert result.counts["rule-resolved names"] == 6 and result.counts["unresolved names"] == 0
    summary = json.loads((paths.build / "summary.json").read_text(encoding="utf-8"))
    assert summary["unresolved"] == []
    assert {r["name"]: r["resolved"] for r in summary["rule_resolved"]}["县卫生健康局"] == \
        f"{ID}org/linshui/health-bureau"


def test_a_rule_resolved_body_is_a_real_organization(county):
    _, _, nt = county
    node = f"<{ID}org/linshui/health-bureau>"
    for triple in (f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{PK}GovernmentDepartment>",
                   f'<{SKOS}prefLabel> "邻水县卫生健康局"@zh',
                   f'<{SKOS}altLabel> "县卫生健康局"@zh',   # as county_plan.txt:9-10 print it
                   f"<{PK}jurisdiction> <{ID}jurisdiction/linshui>",
                   f"<http://www.w3.org/ns/org#classification> <{ID}kind/health-commission>",
                   f'<{PK}resolution> "rule"'):
        assert f"{node} {triple} ." in nt, triple
    # the bare 财政局 of county_plan.txt:9 is the county's own; 各乡镇人民政府 a group
    assert f'<{ID}org/linshui/finance-bureau> <{SKOS}prefLabel> "邻水县财政局"@zh .' in nt
    assert f"<{ID}org/linshui/township-governments> <http://www.w3.org/1999/02/22-rdf-syntax-ns" \
           f"#type> <{PK}OrganizationGroup> ." in nt
    assert f'<{ID}jurisdiction/linshui> <{PK}divisionCode> "511623" .' in nt
    assert f"<{ID}task/linshui-2025/1> <{PK}responsibleUnit> <{ID}org/linshui/health-bureau> ." \
        in nt


def test_strict_fails_only_on_names_no_rule_classifies(tmp_path):
    text = (FIXTURES / "county_plan.txt").read_text(encoding="utf-8").replace(
        "、财政局、", "、县未知办、")   # county_plan.txt:9
    paths = county_project(tmp_path, text)
    with pytest.raises(BuildError, match="1 names neither the registry nor a kind rule") as raised:
        run_build(paths, strict=True)
    assert "县未知办 (linshui-2025 line 9)" in str(raised.value)
    assert "县卫生健康局" not in str(raised.value)
    result = run_build(paths)
    assert [u.name for u in result.unresolved] == ["县未知办"]
    assert "县卫生健康局" in {u.name for u in result.rule_resolved}


def test_two_plans_printing_one_body_share_its_iri_in_any_order(tmp_path):
    # a second plan printing 县卫生健康局 of county_plan.txt:9-10 as 县卫健局
    texts = {"linshui-2026": (FIXTURES / "county_plan.txt").read_text(encoding="utf-8")
             .replace("县卫生健康局", "县卫健局")}
    forward = county_project(tmp_path / "a", copies=("linshui-2025", "linshui-2026"),
                             texts=texts)
    run_build(forward, strict=True)
    nt = ntriples(forward.build)
    for plan in ("linshui-2025", "linshui-2026"):
        assert f"<{ID}task/{plan}/1> <{PK}responsibleUnit> <{ID}org/linshui/health-bureau> ." in nt
    for printed in ("县卫生健康局", "县卫健局"):   # every printed form is an other name of the body
        assert f'<{ID}org/linshui/health-bureau> <{SKOS}altLabel> "{printed}"@zh .' in nt
    assert nt.count(f"<{ID}org/linshui/health-bureau> <{SKOS}prefLabel>") == 1
    backward = county_project(tmp_path / "b", copies=("linshui-2026", "linshui-2025"),
                              texts=texts)
    run_build(backward)
    assert graph_bytes(backward.build)["graphs/shared.nq"] == \
        graph_bytes(forward.build)["graphs/shared.nq"]


def test_one_quantity_in_two_units_is_no_conflict(county):
    _, result, nt = county
    mine = [w for w in result.warnings if w.startswith("linshui-2025:")]
    # county_plan.txt:48 表1 0.37 张 and :6 达到0.62张: two numbers for one target
    assert mine == ["linshui-2025: 每千人口公立中医医院床位数 2025 is '0.37' at line 44 and "
                    "'达到0.62张' at line 6; both are kept"]
    # county_plan.txt:41 0.013 (万人) and :6 增至130人; :34 0.4% and :6 4‰: the same quantities,
    # both statements kept as printed, the second with the unit it is printed in
    staff = f"<{ID}target/linshui-2025/public-health-institution-staff/2025"
    assert f'{staff}> <{PK}valueText> "0.013" .' in nt
    assert f'{staff}/line-6> <{PK}valueText> "增至130人" .' in nt
    assert f'{staff}/line-6> <{PK}valueUnit> "人" .' in nt


def test_scope_words_are_kept_apart_from_the_indicator(county):
    _, _, nt = county
    # county_plan.txt:6 "全县孕产妇死亡率控制在10/10万以内"; :32 the table row "全县婴儿死亡率（‰）"
    for node in ("target/linshui-2025/maternal-mortality-rate/2025",
                 "target/linshui-2025/infant-mortality-rate/2025",
                 "baseline/linshui-2025/infant-mortality-rate/2020"):
        assert f'<{ID}{node}> <{PK}scope> "全县"@zh .' in nt, node
    assert f"<{ID}target/linshui-2025/public-health-institution-staff/2025> <{PK}scope>" not in nt


def test_an_unknown_jurisdiction_is_refused_naming_the_entry(tmp_path):
    paths = county_project(tmp_path)
    manifest = read_manifest(paths)
    manifest["plans"][-1]["jurisdiction"] = "511621"   # 岳池县: a division the registry lacks
    write_manifest(paths, manifest)
    with pytest.raises(ManifestError, match=r"plan linshui-2025: jurisdiction '511621' is not an "
                       r"id of .*jurisdictions.csv; 511621 is the division 四川省广安市岳池县"):
        run_build(paths)
    manifest["plans"][-1]["jurisdiction"] = "邻水县"
    write_manifest(paths, manifest)
    with pytest.raises(ManifestError, match="邻水县 is the jurisdiction linshui: write "
                                            "`jurisdiction: linshui`"):
        run_build(paths)


def test_plankg_build_prints_rule_resolved_names_apart(tmp_path):
    paths = county_project(tmp_path)
    done = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--strict", "--sources",
                           str(paths.sources), "--registry", str(paths.registry), "--out",
                           str(paths.build)], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "6 printed names are not in the registry and were classified by the kind rules" \
        in done.stderr
    assert "linshui-2025 line 9: 县卫生健康局 → https://w3id.org/plankg/id/org/linshui/" \
           "health-bureau" in done.stderr
    assert "kept as provisional nodes" not in done.stderr


def test_scope_words_are_taken_off_names_read_in_prose_and_tables():
    from kg.extract import extract_file

    records = extract_file(FIXTURES / "county_plan.txt")
    values = {(v.indicator, v.year, v.span.start_line): v.scope
              for v in records.targets + records.baselines}
    # county_plan.txt:6 prose "全县孕产妇死亡率…"; the row at :28-35 prints "全县婴儿死亡率（‰）" (:32)
    assert values[("孕产妇死亡率", 2025, 6)] == "全县"
    assert values[("婴儿死亡率", 2025, 28)] == "全县"
    assert values[("婴儿死亡率", 2020, 28)] == "全县"
    assert values[("专业公共卫生机构人员数", 2025, 6)] is None
    assert "婴儿死亡率" in {i.name for i in records.indicators}


def test_a_rebuild_and_an_up_to_date_build_list_the_same_rule_resolved_names(tmp_path):
    paths = county_project(tmp_path)
    full = run_build(paths, strict=True)
    again = run_build(paths, strict=True)
    assert again.up_to_date and again.rule_resolved == full.rule_resolved
    text = paths.sources / "linshui-2025.txt"
    # county_plan.txt:12, a sentence of the plan's own graph only
    text.write_text(text.read_text(encoding="utf-8").replace("各单位要高度重视。", "各单位要重视。"),
                    encoding="utf-8")
    rebuilt = run_build(paths, strict=True)
    assert not rebuilt.reassembled and rebuilt.extracted == ["linshui-2025"]
    assert (rebuilt.rule_resolved, rebuilt.unresolved) == (full.rule_resolved, [])
    assert rebuilt.counts["rule-resolved names"] == 6


def test_a_form_the_rules_lead_to_a_curated_row_becomes_that_rows_other_name(tmp_path):
    from tests.builds import add_sixth_plan

    for part in ("data/sources", "data/registry", "ontology", "queries"):
        shutil.copytree(ROOT / part, tmp_path / part)
    paths = Paths(root=tmp_path)
    # tests/fixtures/sixth_plan.txt:11 prints 区卫生健康委; 沙坪坝's row does not list 区卫健委
    add_sixth_plan(paths, (FIXTURES / "sixth_plan.txt").read_text(encoding="utf-8").replace(
        "（责任单位：区卫生健康委、区发展改革委）", "（责任单位：区卫健委、区发展改革委）"))
    result = run_build(paths, strict=True)
    assert [(u.name, u.resolved) for u in result.rule_resolved] == [
        ("区卫健委", f"{ID}org/shapingba/health-commission")]
    nt = ntriples(paths.build)
    assert f'<{ID}org/shapingba/health-commission> <{SKOS}altLabel> "区卫健委"@zh .' in nt
    assert f"<{ID}org/shapingba/health-commission> <{PK}resolution>" not in nt
