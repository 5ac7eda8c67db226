"""Scores kg.extract against the genre set: tasks, links, leads, deadlines, indicator values.

`python -m tests.genre.score [--markdown | --json] [--check] [--heldout]`; the numbers are per layout
and overall, over every plan, or with --heldout over the held-out plans alone (heldout: true).
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import typer

from tests.genre import documents, renditions
from tests.genre.expectations import LAYOUTS, Expectation, ExpectedTask, load_all

# What --check demands of the overall numbers
TARGETS = {"task_recall": 0.98, "link_precision": 0.95, "link_recall": 0.95, "lead_recall": 1.0}
# White space a title or value may carry: "完善 急诊急救网络"
SPACE = re.compile(r"\s+")
# A value's comparator words, suffix and unit, dropped when two printings are compared:
# "达到80%以上" ~ "80%" ~ "80"; a printed sign stays: "≥3.80" is not "3.80"
VALUE_LEAD = re.compile(r"^(?:稳定保持在|稳定在|保持在|不低于|不少于|不超过|不高于|控制在|提高到|提高至|提升至|增至|降至|下降至|达到|达)")
VALUE_TAIL = re.compile(r"(?:及以上|以上|以内|以下|左右)$")
# The unit after a printed number: "3.8人", "22万人", "90%"
VALUE_UNIT = re.compile(r"(?:万人|人|%|‰|张|个|名|岁|分钟|家|所)$")


# The warning of a table copied cell by cell (kg.extract.reflow): such a text is refused, not read
COPIED_TABLE = "a table copied as text"


def normalise_title(title: str) -> str:
    """A title as the scorer compares it: no white space, no closing 。"""
    return SPACE.sub("", title).rstrip("。")


def value_core(text: str) -> str:
    """A printed value as the scorer compares it: the number and its sign (see VALUE_LEAD)."""
    return VALUE_UNIT.sub("", VALUE_TAIL.sub("", VALUE_LEAD.sub("", SPACE.sub("", text))))


@dataclass
class Score:
    """Counts for one plan, or summed over plans; the rates are computed from them."""

    plans: int = 0
    tasks_expected: int = 0
    tasks_found: int = 0
    tasks_matched: int = 0
    links_expected: int = 0
    links_found: int = 0
    links_correct: int = 0
    leads_expected: int = 0
    leads_found: int = 0
    leads_correct: int = 0
    deadlines_expected: int = 0
    deadlines_correct: int = 0
    values_expected: int = 0
    values_matched: int = 0
    header_expected: int = 0  # title, 文号, issuer, date the text prints
    header_correct: int = 0
    texts_expected: int = 0   # tasks whose expectation gives the task's own words
    texts_correct: int = 0    # … found whole in the record's text (or its table row's)
    groups_expected: int = 0  # tasks whose expectation names the group they are under
    groups_correct: int = 0
    silent_failures: int = 0
    errors: int = 0
    refused: int = 0   # plans whose text is a table copied cell by cell, refused with a warning

    def add(self, other: Score) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def rates(self) -> dict[str, float | None]:
        return {
            "task_precision": _ratio(self.tasks_matched, self.tasks_found),
            "task_recall": _ratio(self.tasks_matched, self.tasks_expected),
            "link_precision": _ratio(self.links_correct, self.links_found),
            "link_recall": _ratio(self.links_correct, self.links_expected),
            "lead_precision": _ratio(self.leads_correct, self.leads_found),
            "lead_recall": _ratio(self.leads_correct, self.leads_expected),
            "deadline_accuracy": _ratio(self.deadlines_correct, self.deadlines_expected),
            "value_recall": _ratio(self.values_matched, self.values_expected),
            "header_accuracy": _ratio(self.header_correct, self.header_expected),
            "text_accuracy": _ratio(self.texts_correct, self.texts_expected),
            "group_accuracy": _ratio(self.groups_correct, self.groups_expected),
        }


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class PlanScore:
    file: str
    layout: str
    score: Score
    error: str | None = None  # the extractor raised: the plan counts as missed
    warnings: int = 0
    notes: list[str] = field(default_factory=list)  # what was missed, for the reader of the report
    heldout: bool = False  # written after the extractor was tuned on the others


def score_plan(expectation: Expectation, records, error: str | None = None,
               document: bool | None = None) -> PlanScore:
    """Compare one plan's records (None when extraction failed) with its expectation; `document`:
    read from a document made from the spec (tasks matched by title alone), by default when the
    expectation's file is not its spec."""
    document = expectation.is_document if document is None else document
    score = Score(plans=1)
    result = PlanScore(expectation.file, expectation.layout, score, error=error, heldout=expectation.heldout)
    expected = expectation.tasks
    score.tasks_expected = len(expected)
    score.links_expected = sum(len(t.responsible) for t in expected)
    score.leads_expected = sum(len(t.lead) for t in expected)
    score.deadlines_expected = sum(1 for t in expected if t.deadline)
    score.values_expected = sum(len(i.values) for i in expectation.indicators)
    score.texts_expected = sum(1 for t in expected if t.text)
    score.groups_expected = sum(1 for t in expected if t.group)
    if records is None:
        score.errors = 1
        result.notes.append(f"not read: {error}")
        return result
    result.warnings = len(records.warnings)
    found = [t for t in records.tasks if t.kind != "subtask"]  # a decomposition row is its task's part
    matches = match_tasks(expected, found, by_line=not document)
    score.tasks_found = len(found)
    score.tasks_matched = len(matches)
    key = {id(record): index for index, record in matches.items()}
    expected_links = {(i, u) for i, t in enumerate(expected) for u in t.responsible}
    expected_leads = {(i, u) for i, t in enumerate(expected) for u in t.lead}
    found_links = {(key.get(id(r), ("spurious", n)), u) for n, r in enumerate(found) for u in r.responsible_units}
    found_leads = {(key.get(id(r), ("spurious", n)), u) for n, r in enumerate(found) for u in r.lead_units}
    score.links_found, score.links_correct = len(found_links), len(found_links & expected_links)
    score.leads_found, score.leads_correct = len(found_leads), len(found_leads & expected_leads)
    for index, task in enumerate(expected):
        record = matches.get(index)
        if record is None:
            result.notes.append(f"task missed: {_where(task)} {task.title}")
            continue
        _score_text_and_group(task, record, records, score, result)
        found_deadline = getattr(record, "deadline", None)
        if task.deadline and _same_deadline(task.deadline, found_deadline):
            score.deadlines_correct += 1
        elif task.deadline:
            result.notes.append(f"deadline missed: {_where(task)} {task.deadline} (read {found_deadline!r})")
        missing = [u for u in task.responsible if (index, u) not in found_links]
        if missing:
            result.notes.append(f"units missed: {_where(task)} {'、'.join(missing)}")
        missing_leads = [u for u in task.lead if (index, u) not in found_leads]
        if missing_leads:
            result.notes.append(f"leads missed: {_where(task)} {'、'.join(missing_leads)}"
                                f" (read as leads: {'、'.join(record.lead_units) or 'none'})")
    matched = {id(r) for r in matches.values()}
    for record in found:
        if id(record) not in matched:
            result.notes.append(f"task not in the text: line {record.span.start_line} {record.title}")
    result.notes += _title_mismatches(expected, found, matches, document)
    score.values_matched = _values_matched(expectation, records)
    _score_header(expectation, records, score, result)
    missed = score.tasks_matched < score.tasks_expected or score.links_correct < score.links_expected
    score.silent_failures = int(missed and not records.warnings)
    score.refused = int(any(COPIED_TABLE in note for note in records.unread))
    return result


def _score_text_and_group(task: ExpectedTask, record, records, score: Score, result: PlanScore) -> None:
    """The task's own words found whole in what the record read, and its group's label."""
    if task.text:
        words = SPACE.sub("", task.text).rstrip("。")
        read = SPACE.sub("", f"{record.text}\n{getattr(record, 'table_text', '')}")
        if words in read:
            score.texts_correct += 1
        else:
            result.notes.append(f"text not read whole: {_where(task)} {task.title} (read {record.text[:60]!r}…)")
    if task.group:
        labels = {g.key: g.title for g in records.groups}
        label = labels.get(record.group) if record.group else None
        if label is not None and normalise_title(label) == normalise_title(task.group):
            score.groups_correct += 1
        else:
            result.notes.append(f"group: {_where(task)} {task.title} under {label!r}, expected {task.group!r}")


def _score_header(expectation: Expectation, records, score: Score, result: PlanScore) -> None:
    """Title, document number, issuer and date as the text prints them (a null is not scored:
    the text prints none, and the reader must then give none)."""
    header = records.header
    for name in ("title", "doc_number", "issuer", "issued"):
        expected, found = getattr(expectation, name), getattr(header, name)
        if expected is None:
            if found is not None:
                result.notes.append(f"header {name}: read {found!r}, the text prints none")
            continue
        score.header_expected += 1
        if found is not None and SPACE.sub("", str(found)) == SPACE.sub("", str(expected)):
            score.header_correct += 1
        else:
            result.notes.append(f"header {name}: read {found!r}, expected {expected!r}")


def match_tasks(expected: tuple[ExpectedTask, ...], found: list, by_line: bool) -> dict[int, object]:
    """Expected task index → the record that is it: same normalised title (and first line for a .txt)."""
    taken: set[int] = set()
    matches: dict[int, object] = {}
    for index, task in enumerate(expected):
        title = normalise_title(task.title)
        for n, record in enumerate(found):
            if n in taken or normalise_title(record.title) != title:
                continue
            if by_line and record.span.start_line != task.lines[0]:
                continue
            matches[index] = record
            taken.add(n)
            break
    return matches


def _where(task: ExpectedTask) -> str:
    return f"line {task.lines[0]}"


def _same_deadline(expected: str, found: str | None) -> bool:
    return found is not None and SPACE.sub("", found) == SPACE.sub("", expected)


def _title_mismatches(expected, found, matches, is_document: bool) -> list[str]:
    """A record on a missed task's first line under another title: the likeliest cause of the miss."""
    if is_document:
        return []
    matched = {id(r) for r in matches.values()}
    notes = []
    for index, task in enumerate(expected):
        if index in matches:
            continue
        for record in found:
            if id(record) not in matched and record.span.start_line == task.lines[0]:
                notes.append(f"line {task.lines[0]}: read the title {record.title!r}")
    return notes


def _values_matched(expectation: Expectation, records) -> int:
    values = list(records.targets) + list(records.baselines)
    matched = 0
    for indicator in expectation.indicators:
        name = SPACE.sub("", indicator.name)
        for value in indicator.values:
            if any(v.kind == value.kind and v.year == value.year and name in SPACE.sub("", v.indicator)
                   and value_core(v.text) == value_core(value.text) for v in values):
                matched += 1
    return matched


def extract(expectation: Expectation, work: Path):
    """(records, None), or (None, error) when the file cannot be built or read."""
    from kg.extract import extract_file

    try:
        records = extract_file(renditions.published(expectation, None, work))
    except Exception as error:  # any failure to read a plan is a miss the report shows
        return None, f"{type(error).__name__}: {error}"
    return records, None


def run(expectations: list[Expectation] | None = None) -> list[PlanScore]:
    expectations = load_all() if expectations is None else expectations
    with tempfile.TemporaryDirectory(prefix="plankg-genre-") as work:
        return [score_plan(e, *extract(e, Path(work))) for e in expectations]


def read_path(path: Path):
    """(records, None), or (None, error) when the file cannot be read."""
    from kg.extract import extract_file

    try:
        return extract_file(path), None
    except Exception as error:  # any failure to read a plan is a miss the report shows
        return None, f"{type(error).__name__}: {error}"


def score_renditions(made: list, names: tuple[str, ...] | None = None, jobs: int = 2
                     ) -> dict[str, list[PlanScore]]:
    """Rendition → every plan's score read from it (renditions.make's output), the files read
    by `jobs` processes."""
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    names = renditions.RENDITIONS if names is None else names
    pairs = [(name, m) for name in names for m in made]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("forkserver")) as pool:
        read = list(pool.map(read_path, [m.files[name] for name, m in pairs], chunksize=4))
    scores: dict[str, list[PlanScore]] = {name: [] for name in names}
    for (name, m), result in zip(pairs, read):
        scores[name].append(score_plan(m.expectation, *result, document=True))
    return scores


def held(scores: list[PlanScore]) -> list[PlanScore]:
    """The plans held to the targets: all but those refused with the copied-table warning."""
    return [p for p in scores if not p.score.refused]


def rendered(scores: list[PlanScore]) -> list[PlanScore]:
    """The plans a rendition is scored on: held, and not a layout whose table the text lays out
    (renditions.TEXT_TABLES)."""
    return [p for p in held(scores) if p.layout not in renditions.TEXT_TABLES]


def rendition_markdown(by_rendition: dict[str, list[PlanScore]], published: list[PlanScore]) -> str:
    """Layout × rendition: tasks R · links F1 · leads R · values R in each cell (%, rounded down),
    then each rendition's overall rates."""
    columns = {"published": published, **by_rendition}
    layouts = [layout for layout in LAYOUTS if any(p.layout == layout for p in published)]
    lines = ["| layout | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for layout in layouts + ["overall"]:
        cells = []
        for scores in columns.values():
            score = totals(scores)[layout]
            cells.append(_compact(score))
        name = f"**{layout}**" if layout == "overall" else layout
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _compact(score: Score) -> str:
    rates = score.rates()
    links = _f1(rates["link_precision"], rates["link_recall"])
    parts = [rates["task_recall"], links, rates["lead_recall"], rates["value_recall"]]
    text = "·".join("—" if r is None else f"{int(r * 100)}" for r in parts)
    return text + (f" ({score.errors} not read)" if score.errors else "") + \
        (f" ({score.refused} refused)" if score.refused else "")


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def totals(scores: list[PlanScore]) -> dict[str, Score]:
    """Per layout (in LAYOUTS order), then "overall"."""
    by_layout: dict[str, Score] = {}
    overall = Score()
    for layout in LAYOUTS:
        for plan in scores:
            if plan.layout == layout:
                by_layout.setdefault(layout, Score()).add(plan.score)
    for plan in scores:
        overall.add(plan.score)
    by_layout["overall"] = overall
    return by_layout


def check(overall: Score) -> list[str]:
    """The targets the overall numbers miss; empty when all are met."""
    rates = overall.rates()
    failures = []
    for name, target in TARGETS.items():
        rate = rates[name]
        # a recall of None: the text states none (a plan marking no lead); a precision of None:
        # the extractor found none, a miss
        if rate is None and name.endswith("recall"):
            continue
        if rate is None or rate < target:
            failures.append(f"{name} {_percent(rate)} < {target:.0%}")
    if overall.silent_failures:
        failures.append(f"{overall.silent_failures} silent failure(s): plans missing tasks or links with no warning")
    return failures


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1%}"


COLUMNS = ("task_precision", "task_recall", "link_precision", "link_recall", "lead_precision",
           "lead_recall", "deadline_accuracy", "value_recall", "header_accuracy", "text_accuracy",
           "group_accuracy")
HEADERS = ("tasks P", "tasks R", "links P", "links R", "leads P", "leads R", "deadlines", "values R",
           "header", "texts", "groups")


def markdown(table: dict[str, Score]) -> str:
    lines = ["| layout | plans | " + " | ".join(HEADERS) + " | silent | not read |",
             "|---|---:|" + "---:|" * len(HEADERS) + "---:|---:|"]
    for layout, score in table.items():
        rates = score.rates()
        name = f"**{layout}**" if layout == "overall" else layout
        cells = [_percent(rates[c]) for c in COLUMNS]
        lines.append(f"| {name} | {score.plans} | " + " | ".join(cells)
                     + f" | {score.silent_failures} | {score.errors} |")
    return "\n".join(lines)


def as_json(scores: list[PlanScore], table: dict[str, Score]) -> str:
    data = {
        "plans": [{"file": p.file, "layout": p.layout, "heldout": p.heldout, "error": p.error, "warnings": p.warnings,
                   "notes": p.notes, **asdict(p.score), **p.score.rates()} for p in scores],
        "layouts": {layout: {**asdict(s), **s.rates()} for layout, s in table.items()},
        "targets": TARGETS,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def main(markdown_table: bool = typer.Option(False, "--markdown", help="Only the per-layout table, for docs/extraction.md."),
         raw: bool = typer.Option(False, "--json", help="Raw counts and rates, per plan and per layout."),
         strict: bool = typer.Option(False, "--check", help="Exit 1 unless the overall targets are met."),
         heldout: bool = typer.Option(False, "--heldout", help="Only the held-out plans (heldout: true)."),
         every_rendition: bool = typer.Option(False, "--renditions", help="Every plan in every rendition (renditions.py): the layout × rendition table, then what was missed.")) -> None:
    """Score kg.extract against tests/genre/expected/*.yaml."""
    if every_rendition:
        _print_renditions(load_all(), notes=not markdown_table)
        return
    scores = run([e for e in load_all() if e.heldout] if heldout else None)
    table = totals(scores)
    if raw:
        print(as_json(scores, table))
    else:
        print(markdown(table))
        if not markdown_table:
            for plan in scores:
                held = ", held out" if plan.heldout else ""
                print(f"\n{plan.file} ({plan.layout}{held}, {plan.warnings} warning(s))")
                for note in plan.notes:
                    print(f"  - {note}")
    if strict:
        failures = check(table["overall"])
        for failure in failures:
            print(f"target not met: {failure}", file=sys.stderr)
        raise typer.Exit(1 if failures else 0)


def _print_renditions(expectations: list[Expectation], notes: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="plankg-renditions-") as work:
        made = renditions.make(expectations, Path(work) / "made")
        published = run(expectations)
        by_rendition = score_renditions(made)
    print("cells: tasks R · links F1 · leads R · values R (%)\n")
    print(rendition_markdown(by_rendition, published))
    print("\nEach rendition over its plans but those refused and the text-laid tables:\n")
    rows = {name: totals(rendered(scores))["overall"] for name, scores in by_rendition.items()}
    print(markdown(rows).replace("| layout |", "| rendition |"))
    if notes:
        for name, scores in {"published": published, **by_rendition}.items():
            for plan in scores:
                if plan.notes:
                    print(f"\n{name} {plan.file} ({plan.layout}, {plan.warnings} warning(s))")
                    for note in plan.notes:
                        print(f"  - {note}")


if __name__ == "__main__":
    typer.run(main)
