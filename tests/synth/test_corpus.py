"""The synthetic corpus: deterministic for a seed, built clean, every parser style present, and
what extraction reads back equal to what the generator says it wrote."""
import re
from decimal import Decimal
from pathlib import Path


from kg.extract import extract_file
from kg.graphs import graph_files
from kg.synth import SUMMARY, write_corpus
from tests.synth.conftest import PLANS

# The real places; a synthetic text keeps them only inside the names of municipal bodies
REAL_PLACES = re.compile(r"沙坪坝|渝中|永川|万州|华蓥")
KEPT_NAMES = re.compile(r"重医附属永川医院|重庆医科大学附属永川医院|重庆市血液中心永川分中心"
                        r"|市血液中心永川分中心")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _records(corpus):
    folder, written, _ = corpus
    return [(plan, extract_file(folder / "sources" / plan.file)) for plan in written]


def _of_template(corpus, template: str):
    found = [(plan, records) for plan, records in _records(corpus) if plan.template == template]
    assert found, f"no plan follows {template}"
    return found


def test_same_seed_writes_the_same_bytes(tmp_path):
    write_corpus(6, 7, tmp_path / "a")
    write_corpus(6, 7, tmp_path / "b")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_another_seed_writes_other_texts(tmp_path):
    write_corpus(6, 7, tmp_path / "a")
    write_corpus(6, 8, tmp_path / "b")
    texts = lambda folder: {v for k, v in _files(folder).items() if k.endswith(".txt")}
    assert texts(tmp_path / "a").isdisjoint(texts(tmp_path / "b"))


def test_twenty_plans_build_strict_with_no_violations(corpus):
    folder, written, result = corpus
    assert result.unresolved == []
    assert result.counts["plans"] == PLANS
    assert result.report.counts()["Violation"] == 0
    assert len(graph_files(folder / "build")) == PLANS + 1   # a graph a plan, the shared one


def test_places_are_distinct_and_the_real_ones_are_renamed(corpus):
    folder, written, _ = corpus
    assert len({plan.jurisdiction for plan in written}) == PLANS
    for plan in written:
        text = KEPT_NAMES.sub("", (folder / "sources" / plan.file).read_text(encoding="utf-8"))
        assert not REAL_PLACES.search(text), plan.file


def test_counts_read_back_equal_the_generators_account(corpus):
    for plan, records in _records(corpus):
        assert len(records.tasks) == plan.tasks, plan.file
        assert sum(t.kind == "subtask" for t in records.tasks) == plan.subtasks, plan.file
        assert sum(bool(t.lead_units) for t in records.tasks) == plan.tasks_with_lead_units
        assert len(records.indicators) == plan.indicators, plan.file


def test_the_account_lies_beside_the_manifest(corpus):
    folder, _, _ = corpus
    assert (folder / "sources" / SUMMARY).exists()
    assert (folder / "sources" / "manifest.yaml").exists()


def test_every_template_and_the_recombination_appear(corpus):
    _, written, _ = corpus
    assert {plan.template for plan in written} == {
        "shapingba-2025", "huaying-2021", "yuzhong-2024", "yongchuan-2025", "wanzhou-2022"}
    assert any(plan.borrowed for plan in written)  # task lines from the other one-line plan
    assert any(plan.dropped for plan in written)


def test_responsibility_clauses_under_numbered_headings(corpus):
    # shapingba_2025_service_system.txt lines 17-42 and yuzhong_2024_work_measures.txt lines
    # 19-43: 二、重点任务, （一）… groups, 19 one-line tasks each ending in （责任单位：…）
    for template in ("shapingba-2025", "yuzhong-2024"):
        for plan, records in _of_template(corpus, template):
            assert all(t.responsible_units and not t.lead_units for t in records.tasks)
            assert [g.title[:4] for g in records.groups if g.level == 1][:1] == ["科学规划"]


def test_decomposition_table_gives_lead_units_and_subtasks(corpus):
    # yongchuan_2025_regional_center.txt line 284: 重点任务分解表 with 牵头单位; line 295: task 1
    # is led by 区卫生健康委; rows with a blank 序号 are sub-tasks
    for plan, records in _of_template(corpus, "yongchuan-2025"):
        first = next(t for t in records.tasks if t.number == 1)
        assert first.lead_units == ("区卫生健康委",)
        assert any(t.kind == "subtask" and t.parent for t in records.tasks)


def test_tab_table_targets_carry_bindingness(corpus):
    # huaying_14th_fyp_service_system.txt line 33: 表1 主要发展指标, a 指标性质 column
    for plan, records in _of_template(corpus, "huaying-2021"):
        assert {t.bindingness for t in records.targets} >= {"约束性", "预期性"}


def test_allocation_table_bounds_are_ranges(corpus):
    # huaying_14th_fyp_service_system.txt lines 224-228: 总床位数, 下限 1580, 上限 1692, 指导性
    for plan, records in _of_template(corpus, "huaying-2021"):
        beds = [t for t in records.targets if t.min == Decimal(1580)]
        assert [(t.max, t.bindingness) for t in beds] == [(Decimal(1692), "指导性")]


def test_flattened_pdf_table_is_read(corpus):
    # wanzhou_14th_fyp_health.txt line 585: "1 人均预期寿命（岁） 77.85 79 预期性"
    for plan, records in _of_template(corpus, "wanzhou-2022"):
        target = next(t for t in records.targets if t.indicator == "人均预期寿命"
                      and t.year == 2025 and t.bindingness)
        assert (target.value, target.bindingness) == (Decimal(79), "预期性")
        baseline = next(b for b in records.baselines if b.indicator == "人均预期寿命")
        assert baseline.value == Decimal("77.85")


def test_checklist_keeps_its_2023_column(corpus):
    # yuzhong_2024_work_measures.txt line 55: 2023年情况; line 70: task 1 "全区现有社区医院1家，…"
    for plan, records in _of_template(corpus, "yuzhong-2024"):
        first = [b for b in records.baselines if b.task == "1" and b.indicator == ""]
        assert [b.year for b in first] == [2023]
        assert first[0].text.startswith("全区现有社区医院1家")


def test_prose_targets_inside_tasks(corpus):
    # shapingba_2025_service_system.txt line 32 (task 12): "到2027年，精品中医馆、示范中医馆达标率
    # 分别不低于35%、15%"; yuzhong's task lines state 2027 targets too
    for plan, records in _of_template(corpus, "shapingba-2025"):
        assert any(t.task and t.year == 2027 for t in records.targets)


def test_blank_continuation_cells_inherit_the_category(corpus):
    # huaying_14th_fyp_service_system.txt lines 46-50: row 1 has 类别 "疾病/预防控/制体系";
    # line 57: row 2 (各级疾病预防控制机构标准化基础设施, line 59) leaves that cell blank
    for plan, records in _of_template(corpus, "huaying-2021"):
        second = next(i for i in records.indicators if i.number == 2)
        assert second.name == "各级疾病预防控制机构标准化基础设施"
        assert second.category == "疾病预防控制体系"
