"""The genre scorer's arithmetic on small hand-made records, and the honesty of the expectations."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from kg.extract.records import PlanRecords, Span, TaskRecord, ValueRecord
from tests.genre import documents
from tests.genre.expectations import (LAYOUTS, Expectation, ExpectationError, ExpectedIndicator,
                                      ExpectedTask, ExpectedValue, load, load_all)
from tests.genre.score import Score, check, normalise_title, score_plan, totals, value_core

# White space dropped before comparing printed text: "区卫健委、\n区财政局"
SPACE = re.compile(r"\s+")


def _expectation(tasks, indicators=(), file="x.txt", layout="inline-clause") -> Expectation:
    return Expectation(path=Path("x.yaml"), file=file, source="x.txt", layout=layout, province="浙江",
                       title="某方案", doc_number=None, issuer=None, issued=None, tasks=tuple(tasks),
                       indicators=tuple(indicators))


def _task(title, line, lead=(), shared=(), deadline=None) -> ExpectedTask:
    return ExpectedTask(title=title, lines=(line, line), lead=tuple(lead), shared=tuple(shared),
                        deadline=deadline)


def _record(title, line, lead=(), responsible=(), kind="task", key=None) -> TaskRecord:
    return TaskRecord(key=key or str(line), number=None, title=title, text=title, group=None,
                      span=Span("x.txt", line, line), lead_units=tuple(lead),
                      responsible_units=tuple(responsible), kind=kind)


def _plan(tasks, warnings=(), targets=(), baselines=()) -> PlanRecords:
    return PlanRecords(file="x.txt", tasks=list(tasks), warnings=list(warnings), targets=list(targets),
                       baselines=list(baselines))


# --- matching tasks -------------------------------------------------------------------------------

def test_a_text_task_matches_by_normalised_title_and_first_line():
    expected = _expectation([_task("甲任务", 10), _task("乙任务", 12)])
    records = _plan([_record("甲 任务。", 10), _record("乙任务", 13)])  # 乙 starts on the wrong line
    score = score_plan(expected, records).score
    assert (score.tasks_expected, score.tasks_found, score.tasks_matched) == (2, 2, 1)
    assert score.rates()["task_precision"] == 0.5 and score.rates()["task_recall"] == 0.5


def test_a_document_task_matches_by_title_alone():
    expected = _expectation([_task("甲任务", 10)], file="x.docx", layout="docx")
    score = score_plan(expected, _plan([_record("甲任务", 99)])).score
    assert score.tasks_matched == 1


def test_decomposition_rows_are_not_counted_as_tasks():
    expected = _expectation([_task("甲任务", 10, lead=["A"])])
    records = _plan([_record("甲任务", 10, ["A"], ["A"]), _record("甲任务", 11, ["A"], ["A"], kind="subtask")])
    score = score_plan(expected, records).score
    assert (score.tasks_found, score.tasks_matched, score.links_found) == (1, 1, 1)


def test_normalised_title_drops_white_space_and_the_closing_mark():
    assert normalise_title(" 完善 急诊急救网络。") == "完善急诊急救网络"


# --- links and leads ------------------------------------------------------------------------------

def test_links_are_task_unit_pairs_over_responsible_units_and_leads_over_lead_units():
    expected = _expectation([_task("甲任务", 10, lead=["A"], shared=["B", "C"])])
    records = _plan([_record("甲任务", 10, lead=["A"], responsible=["A", "B", "D"])])
    score = score_plan(expected, records).score
    assert (score.links_expected, score.links_found, score.links_correct) == (3, 3, 2)
    assert (score.leads_expected, score.leads_found, score.leads_correct) == (1, 1, 1)


def test_missed_leads_and_deadlines_are_named_in_the_notes():
    expected = _expectation([_task("甲任务", 10, lead=["A"], shared=["B"], deadline="2025年底前")])
    records = _plan([replace(_record("甲任务", 10, lead=["B"], responsible=["A", "B"]), deadline="长期")])
    notes = [n for n in score_plan(expected, records).notes if not n.startswith("header ")]
    assert notes == ["deadline missed: line 10 2025年底前 (read '长期')",
                     "leads missed: line 10 A (read as leads: B)"]


def test_a_unit_on_an_unmatched_record_is_a_wrong_link():
    expected = _expectation([_task("甲任务", 10, shared=["A"])])
    records = _plan([_record("甲任务", 10, responsible=["A"]), _record("丙任务", 20, responsible=["A"])])
    score = score_plan(expected, records).score
    assert (score.links_found, score.links_correct) == (2, 1)
    assert score.rates()["link_precision"] == 0.5 and score.rates()["link_recall"] == 1.0


def test_a_shared_unit_read_as_lead_is_a_wrong_lead_but_a_right_link():
    expected = _expectation([_task("甲任务", 10, shared=["A"])])
    score = score_plan(expected, _plan([_record("甲任务", 10, lead=["A"], responsible=["A"])])).score
    assert (score.links_correct, score.leads_expected, score.leads_found, score.leads_correct) == (1, 0, 1, 0)
    assert score.rates()["lead_recall"] is None and score.rates()["lead_precision"] == 0.0


# --- deadlines and values -------------------------------------------------------------------------

def test_a_deadline_scores_only_when_it_is_the_printed_one():
    expected = _expectation([_task("甲任务", 10, deadline="2025年底前"), _task("乙任务", 12, deadline="长期坚持")])
    plain = score_plan(expected, _plan([_record("甲任务", 10), _record("乙任务", 12)])).score
    assert (plain.deadlines_expected, plain.deadlines_correct) == (2, 0)
    dated = _plan([replace(_record("甲任务", 10), deadline="2025年底前"),
                   replace(_record("乙任务", 12), deadline="持续推进")])
    assert score_plan(expected, dated).score.deadlines_correct == 1


def _value(kind, indicator, year, text):
    return ValueRecord(kind=kind, indicator=indicator, year=year, text=text, span=Span("x.txt", 5, 5))


def test_a_value_matches_by_name_within_the_phrase_kind_year_and_printed_number():
    indicator = ExpectedIndicator("每千人口注册护士数", "人", (ExpectedValue("baseline", 2022, "3.20", 20),
                                                       ExpectedValue("target", 2025, "3.8人", 14)))
    expected = _expectation([], [indicator])
    records = _plan([], targets=[_value("target", "全县每千人口注册护士数", 2025, "达到3.8人")],
                    baselines=[_value("baseline", "每千人口注册护士数", 2021, "3.20")])  # wrong year
    score = score_plan(expected, records).score
    assert (score.values_expected, score.values_matched) == (2, 1)


@pytest.mark.parametrize("printed, core", [("达到80%以上", "80"), ("≥3.80", "≥3.80"), ("不低于35%", "35"),
                                           ("2.9人", "2.9"), ("18.6", "18.6")])
def test_value_core_keeps_the_number_and_its_sign(printed, core):
    assert value_core(printed) == core


# --- silent failures and the targets --------------------------------------------------------------

def test_missed_links_without_a_warning_are_a_silent_failure():
    expected = _expectation([_task("甲任务", 10, shared=["A"])])
    assert score_plan(expected, _plan([_record("甲任务", 10)])).score.silent_failures == 1
    warned = _plan([_record("甲任务", 10)], warnings=["x.txt line 10: clause not read"])
    assert score_plan(expected, warned).score.silent_failures == 0


def test_a_plan_that_cannot_be_read_counts_every_task_missed():
    expected = _expectation([_task("甲任务", 10, lead=["A"], shared=["B"])], file="x.pdf", layout="pdf")
    result = score_plan(expected, None, error="PlanParseError: not UTF-8")
    score = result.score
    assert (score.errors, score.tasks_expected, score.tasks_matched, score.links_expected) == (1, 1, 0, 2)
    assert score.rates()["task_recall"] == 0.0 and "not UTF-8" in result.notes[0]


def test_totals_sum_by_layout_and_overall():
    one = score_plan(_expectation([_task("甲", 1, shared=["A"])]), _plan([_record("甲", 1, responsible=["A"])]))
    two = score_plan(_expectation([_task("乙", 1)], layout="pdf", file="x.pdf"), _plan([]))
    table = totals([one, two])
    assert list(table) == ["inline-clause", "pdf", "overall"]
    assert (table["overall"].plans, table["overall"].tasks_expected, table["overall"].tasks_matched) == (2, 2, 1)


def _overall(**counts) -> Score:
    base = dict(tasks_expected=100, tasks_matched=98, tasks_found=98, links_expected=100, links_found=100,
                links_correct=95, leads_expected=40, leads_found=40, leads_correct=40)
    return Score(**{**base, **counts})


def test_check_passes_at_the_targets_and_names_each_miss():
    assert check(_overall()) == []
    failures = check(_overall(tasks_matched=97, leads_correct=39, silent_failures=1))
    assert len(failures) == 3 and failures[0].startswith("task_recall 97.0%")


def test_check_fails_when_no_link_was_found():
    assert any(f.startswith("link_precision —") for f in check(_overall(links_found=0, links_correct=0)))


# --- the expectations themselves ------------------------------------------------------------------

EXPECTATIONS = load_all()


def _lines(expectation: Expectation) -> list[str]:
    """The spec's lines, a table cell merged with the one above (documents.MERGED) given that
    cell's text: what the row states."""
    resolved: list[str] = []
    for line in expectation.source_path.read_text(encoding="utf-8").split("\n"):
        if "\t" in line and documents.MERGED in line.split("\t") and resolved:
            above = resolved[-1].split("\t")
            line = "\t".join(above[c] if cell == documents.MERGED and c < len(above) else cell
                             for c, cell in enumerate(line.split("\t")))
        resolved.append(line)
    return resolved


def _joined(lines: list[str], first: int, last: int) -> str:
    return SPACE.sub("", "".join(lines[first - 1:last]))


def test_the_set_covers_every_layout_and_at_least_three_provinces():
    assert {e.layout for e in EXPECTATIONS} == set(LAYOUTS)
    assert len({e.province for e in EXPECTATIONS}) >= 3 and len(EXPECTATIONS) >= 10


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda e: e.path.stem)
def test_expectation_names_its_source_and_its_header_is_printed_there(expectation):
    assert expectation.path.stem == Path(expectation.source).stem
    lines = _lines(expectation)
    assert 30 <= len(expectation.source_path.read_text(encoding="utf-8").splitlines()) <= 120
    assert expectation.title in [line.strip() for line in lines]
    text = "\n".join(lines)
    for printed in (expectation.doc_number, expectation.issuer):
        assert printed is None or printed in text
    if expectation.issued:
        d = expectation.issued
        assert f"{d.year}年{d.month}月{d.day}日" in text


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda e: e.path.stem)
def test_cited_lines_hold_each_task_title_and_unit(expectation):
    lines = _lines(expectation)
    previous_last = 0
    for task in expectation.tasks:
        first, last = task.lines
        assert last <= len(lines), f"{task.title}: line {last} is past the end of {expectation.source}"
        assert first > previous_last, f"{task.title}: overlaps or precedes the task before it"
        previous_last = last
        assert normalise_title(task.title)[:6] in SPACE.sub("", lines[first - 1]), task.title
        cited = _joined(lines, first, last)
        if task.table_lines:
            row = _joined(lines, *task.table_lines)
            assert normalise_title(task.title) in row, f"{task.title}: not repeated in its table row"
            cited += row
        for unit in task.responsible:
            assert unit in cited, f"{task.title}: {unit} is not printed on its lines"
        assert not task.deadline or task.deadline in cited, f"{task.title}: {task.deadline} not printed"
        assert len(set(task.responsible)) == len(task.lead) + len(task.shared), f"{task.title}: unit repeated"
        assert not task.text or SPACE.sub("", task.text) in cited, f"{task.title}: its text is not printed on its lines"
        assert not task.group or SPACE.sub("", task.group) in SPACE.sub("", "".join(lines)), \
            f"{task.title}: its group {task.group!r} is printed nowhere"


@pytest.mark.parametrize("expectation", [e for e in EXPECTATIONS if e.indicators], ids=lambda e: e.path.stem)
def test_cited_lines_hold_each_indicator_name_and_value(expectation):
    lines = _lines(expectation)
    for indicator in expectation.indicators:
        for value in indicator.values:
            printed = lines[value.line - 1]
            line = SPACE.sub("", printed)
            assert indicator.name in line and value.text in line, f"{indicator.name} {value.text}: line {value.line}"
            if indicator.unit:  # the unit bracket of the name, or a 单位 cell of its own
                cells = [cell.strip() for cell in printed.split("\t")]
                assert f"{indicator.name}（{indicator.unit}）" in line or indicator.unit in cells


def test_a_malformed_expectation_fails_with_its_file_and_key(tmp_path):
    bad = tmp_path / "bad.yaml"
    good = Path(EXPECTATIONS[0].path).read_text(encoding="utf-8")
    bad.write_text(good.replace("lines: [", "line: ["), encoding="utf-8")
    with pytest.raises(ExpectationError, match=r"bad.yaml: task 1: unknown key\(s\) line"):
        load(bad)


def test_run_scores_every_plan_and_counts_what_it_cannot_read_as_missed():
    # No target is asserted here: only that no plan is skipped, whatever the extractor reads.
    from tests.genre.score import run

    scores = run(EXPECTATIONS)
    assert [s.file for s in scores] == [e.file for e in EXPECTATIONS]
    for expectation, result in zip(EXPECTATIONS, scores):
        assert result.score.tasks_expected == len(expectation.tasks)
        assert result.score.errors == (result.error is not None)
        assert result.score.tasks_matched <= result.score.tasks_expected


def test_the_header_read_is_scored_against_the_expectation():
    from kg.extract.records import HeaderRecord

    expected = _expectation([_task("甲任务", 10)])   # title 某方案, no 文号, issuer or date
    records = _plan([_record("甲任务", 10)])
    records.header = HeaderRecord(title="某方案", doc_number="某发〔2024〕1号")
    result = score_plan(expected, records)
    assert (result.score.header_expected, result.score.header_correct) == (1, 1)
    assert result.notes == ["header doc_number: read '某发〔2024〕1号', the text prints none"]
