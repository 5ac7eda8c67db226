"""One synthetic plan text: a real plan's structure, with task lines recombined from a real plan
of the same shape, some tasks left out, and every line moved into an invented place.

The composer keeps its own account of what it wrote (which real records each written line
carries), so the counts it reports can be checked against what extraction reads back.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from kg.extract.records import TaskRecord
from kg.registry import Registry
from kg.synth.material import RealPlan, Renamer
from kg.synth.names import PlaceName

# A numbered task starting its line: "6.保障医疗服务质量安全。…" (沙坪坝 line 28)
TASK_NUMBER = re.compile(r"^(?P<number>\d{1,3})(?P<dot>[.．])")
# Share of task lines taken from the partner plan, and of tasks left out where nothing refers
# to task numbers (no annex table repeats them)
BORROW_SHARE = 0.5
DROP_SHARE = 0.2


@dataclass
class Composed:
    """The lines of one synthetic text and the account of the records they carry."""

    lines: list[str] = field(default_factory=list)
    tasks: int = 0
    subtasks: int = 0
    tasks_with_lead_units: int = 0
    indicators: int = 0
    borrowed: int = 0
    dropped: int = 0

    def count(self, plan: RealPlan, line: int) -> None:
        """Add the records the real plan's line `line` starts."""
        for task in plan.records.tasks:
            if task.span.start_line == line:
                self.tasks += 1
                self.subtasks += task.kind == "subtask"
                self.tasks_with_lead_units += bool(task.lead_units)
        self.indicators += sum(1 for i in plan.records.indicators if i.span.start_line == line)


def one_line_tasks(plan: RealPlan) -> dict[int, TaskRecord]:
    """Numbered tasks printed on one line each (一、/（一） style), by number."""
    tasks = [t for t in plan.records.tasks if t.kind == "task" and t.number is not None
             and t.span.start_line == t.span.end_line
             and TASK_NUMBER.match(plan.lines[t.span.start_line - 1])]
    if len(tasks) != len(plan.records.tasks):
        return {}
    return {t.number: t for t in tasks}


def partner_of(plan: RealPlan, plans: list[RealPlan]) -> RealPlan | None:
    """Another real plan whose one-line tasks have the same numbers: their lines interchange."""
    own = one_line_tasks(plan)
    for other in plans:
        if other is not plan and own and set(one_line_tasks(other)) == set(own):
            return other
    return None


def compose(template: RealPlan, partner: RealPlan | None, place: PlaceName, registry: Registry,
            rng: random.Random) -> Composed:
    rename = Renamer(template, place, registry)
    tasks = one_line_tasks(template)
    by_line = {t.span.start_line: t for t in tasks.values()}
    theirs = one_line_tasks(partner) if partner else {}
    dropped = _left_out(template, list(tasks.values()), rng)
    renumber = bool(tasks) and not any(t.table_span for t in template.records.tasks)
    composed = Composed()
    number = 0
    for index, line in enumerate(template.lines, 1):
        task = by_line.get(index)
        if task is None:
            composed.lines.append(rename.zh(line))
            composed.count(template, index)
            continue
        if task.key in dropped:
            composed.dropped += 1
            continue
        number += 1
        source, at = template, index
        if task.number in theirs and rng.random() < BORROW_SHARE:
            source, at = partner, theirs[task.number].span.start_line
            composed.borrowed += 1
        text = Renamer(source, place, registry).zh(source.lines[at - 1])
        if renumber:
            text = TASK_NUMBER.sub(lambda m: f"{number}{m.group('dot')}", text, count=1)
        composed.lines.append(text)
        composed.count(source, at)
    return composed


def _left_out(template: RealPlan, tasks: list[TaskRecord], rng: random.Random) -> set[str]:
    """Tasks to leave out: never the first of its group, never where an annex cites numbers."""
    if any(t.table_span for t in template.records.tasks):
        return set()
    out, seen_groups = set(), set()
    for task in sorted(tasks, key=lambda t: t.span.start_line):
        if task.group in seen_groups and rng.random() < DROP_SHARE:
            out.add(task.key)
        seen_groups.add(task.group)
    return out
