"""Where a plan's task groups and tasks are: numbered tasks, chapter measures, project boxes,
bold-lead paragraphs. See docs/extraction.md for each convention and its key scheme.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.headings import Heading, classify
from kg.extract.records import GroupRecord, Span, TaskRecord
from kg.extract.text import SENTENCE_END, clean, content_span, first_sentence, is_blank, join_lines
from kg.extract.units import split_responsibility

# The top-level heading of the task part: "二、重点任务"
TASK_PART = re.compile(r"重点任务|主要任务")
# A chapter that holds no tasks: "第一章  规划背景和总体要求", "第九章  加强医疗卫生规划实施"
NON_TASK_CHAPTER = re.compile(r"背景|总体要求|规划实施|组织实施|保障措施")
# A heading that opens goal paragraphs: "一、总体目标", "三、主要目标", "（三）发展目标"
GOAL_HEADING = re.compile(r"目标")
# A table title ends goal paragraphs: "表1  主要发展指标", "表 1 万州区…主要指标"
TABLE_TITLE = re.compile(r"^\s*表\s*\d")
# A bold-lead paragraph opens with a short title sentence and goes on: "创新医防协同机制。推进…"
BOLD_LEAD = re.compile(r"^([^。，；：,;:]{2,30})。\S")


@dataclass
class Structure:
    groups: list[GroupRecord] = field(default_factory=list)
    tasks: list[TaskRecord] = field(default_factory=list)
    goal_blocks: list[tuple[int, int]] = field(default_factory=list)  # 1-based line ranges
    warnings: list[str] = field(default_factory=list)


def parse_structure(lines: list[str], file: str) -> Structure:
    """Groups, tasks and goal paragraphs of one plan text (lines without their newlines)."""
    heads = [h for i, raw in enumerate(lines, 1) if (h := classify(raw, i))]
    out = Structure()
    out.goal_blocks = _goal_blocks(lines, heads)
    if any(h.kind == "chapter" for h in heads):
        _chaptered(lines, heads, file, out)
    else:
        _numbered(lines, heads, file, out)
    return out


def _goal_blocks(lines: list[str], heads: list[Heading]) -> list[tuple[int, int]]:
    blocks = []
    structural = [h for h in heads if h.kind in ("chapter", "section", "top", "group", "bare")]
    for h, nxt in zip(structural, structural[1:] + [None]):
        if h.kind != "bare" and GOAL_HEADING.search(h.title):
            end = nxt.line - 1 if nxt else len(lines)
            for i in range(h.line + 1, end + 1):
                if TABLE_TITLE.match(lines[i - 1]):
                    end = i - 1
                    break
            blocks.append((h.line, end))
    return blocks


def _after(heads: list[Heading], line: int, end: int, kinds: tuple[str, ...]) -> list[Heading]:
    return [h for h in heads if line < h.line <= end and h.kind in kinds]


# ---- plans with numbered tasks under a 重点任务 heading -------------------------------------

def _numbered(lines: list[str], heads: list[Heading], file: str, out: Structure) -> None:
    tops = [h for h in heads if h.kind == "top"]
    for top, nxt in zip(tops, tops[1:] + [None]):
        if TASK_PART.search(top.title):
            _task_part(lines, heads, top.line, nxt.line - 1 if nxt else len(lines), file, out)


def _task_part(lines, heads, start: int, end: int, file: str, out: Structure) -> None:
    groups = _after(heads, start, end, ("group",))
    items = _after(heads, start, end, ("item",))
    numbers = [h.number for h in items]
    global_numbers = len(numbers) == len(set(numbers))
    bounds = groups + [None]
    for group, nxt in zip(groups, bounds[1:]):
        g_end = nxt.line - 1 if nxt else end
        key = str(group.number)
        out.groups.append(GroupRecord(key, group.number, group.title, 1,
                                      Span(file, group.line, group.line)))
        g_items = [h for h in items if group.line < h.line <= g_end]
        if g_items:
            for item, nxt_item in zip(g_items, g_items[1:] + [None]):
                t_end = nxt_item.line - 1 if nxt_item else g_end
                t_key = str(item.number) if global_numbers else f"{key}.{item.number}"
                out.tasks.append(_item_task(lines, item, t_end, t_key, key, file, out))
        else:
            out.tasks.extend(_bold_lead_tasks(lines, group.line + 1, g_end, key, file))


def _item_task(lines, item: Heading, end: int, key: str, group: str, file: str,
               out: Structure) -> TaskRecord:
    span = content_span(lines, item.line, end, file)
    body = join_lines([item.rest] + lines[item.line:span.end_line])
    units, warning = split_responsibility(body)
    if warning:
        out.warnings.append(f"{file} line {span.end_line}: {warning}")
    return TaskRecord(key=key, number=item.number, title=item.title, text=body, group=group,
                      span=span, responsible_units=units)


def _bold_lead_tasks(lines, start: int, end: int, group: str, file: str) -> list[TaskRecord]:
    starts: list[int] = []
    previous = None
    for i in range(start, end + 1):
        if is_blank(lines[i - 1]):
            continue
        line = clean(lines[i - 1])
        if (previous is None or SENTENCE_END.search(previous)) and BOLD_LEAD.match(line):
            starts.append(i)
        previous = line
    tasks = []
    for position, (first, nxt) in enumerate(zip(starts, starts[1:] + [end + 1]), 1):
        span = content_span(lines, first, nxt - 1, file)
        text = join_lines(lines[first - 1:span.end_line])
        tasks.append(TaskRecord(key=f"{group}.{position}", number=None,
                                title=first_sentence(text), text=text, group=group, span=span))
    return tasks


# ---- plans in chapters and sections ---------------------------------------------------------

def _chaptered(lines: list[str], heads: list[Heading], file: str, out: Structure) -> None:
    chapters = [h for h in heads if h.kind == "chapter"]
    for chapter, nxt in zip(chapters, chapters[1:] + [None]):
        c_end = nxt.line - 1 if nxt else len(lines)
        if NON_TASK_CHAPTER.search(chapter.title):
            continue
        c_key = str(chapter.number)
        out.groups.append(GroupRecord(c_key, chapter.number, chapter.title, 1,
                                      Span(file, chapter.line, chapter.line)))
        sections = _after(heads, chapter.line, c_end, ("section", "bare"))
        for position, (section, nxt_s) in enumerate(zip(sections, sections[1:] + [None]), 1):
            s_end = nxt_s.line - 1 if nxt_s else c_end
            s_key = f"{c_key}.{section.number or position}"
            out.groups.append(GroupRecord(s_key, section.number, section.title, 2,
                                          Span(file, section.line, section.line), parent=c_key))
            _section_tasks(lines, heads, section, s_end, s_key, file, out)


def _section_tasks(lines, heads, section: Heading, end: int, key: str, file: str,
                   out: Structure) -> None:
    columns = _after(heads, section.line, end, ("column",))
    body_end = columns[0].line - 1 if columns else end
    measures = _after(heads, section.line, body_end, ("top",))
    for measure, nxt in zip(measures, measures[1:] + [None]):
        m_end = nxt.line - 1 if nxt else body_end
        out.tasks.append(_block_task(lines, measure, measure.line + 1, m_end,
                                     f"{key}.{measure.number}", measure.number, key, file))
    if not measures and any(not is_blank(l) for l in lines[section.line:body_end]):
        out.tasks.append(_block_task(lines, section, section.line + 1, body_end,
                                     f"{key}.1", None, key, file))
    for column, nxt in zip(columns, columns[1:] + [None]):
        col_end = nxt.line - 1 if nxt else end
        for item, nxt_item in _pairs(_after(heads, column.line, col_end, ("item",)), col_end):
            span = content_span(lines, item.line, nxt_item, file)
            text = join_lines([item.rest] + lines[item.line:span.end_line])
            out.tasks.append(TaskRecord(key=f"c{column.number}.{item.number}", number=item.number,
                                        title=item.title, text=text, group=key, span=span,
                                        kind="project-item"))


def _pairs(items: list[Heading], end: int) -> list[tuple[Heading, int]]:
    """Each item with the last line before the next one."""
    return [(h, (nxt.line - 1) if nxt else end) for h, nxt in zip(items, items[1:] + [None])]


def _block_task(lines, heading: Heading, first: int, last: int, key: str, number: int | None,
                group: str, file: str) -> TaskRecord:
    span = content_span(lines, heading.line, last, file)
    # a table inside a measure (华蓥 表2 under 一、床位配置) is read by kg.extract.tables, not as prose
    body = join_lines([l for l in lines[first - 1:span.end_line]
                       if not l.startswith("\t") and not TABLE_TITLE.match(l)])
    return TaskRecord(key=key, number=number, title=heading.title,
                      text=f"{heading.title}\n{body}" if body else heading.title, group=group,
                      span=span, kind="measure")
