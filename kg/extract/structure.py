"""Where a plan's task groups and tasks are: numbered tasks, chapter measures, project boxes,
bold-lead paragraphs. See docs/extraction.md for each convention and its key scheme.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kg.extract.headings import Heading, classify
from kg.extract.records import GroupRecord, Span, TaskRecord
from kg.extract.text import SENTENCE_END, clean, content_span, first_sentence, is_blank, join_lines
from kg.extract.units import read_responsibility

# The top-level heading of the task part: "二、重点任务", "三、主要举措", "二、工作任务"
TASK_PART = re.compile(r"重点任务|主要任务|工作任务|具体任务|任务分工|主要举措|重点举措|具体举措|"
                       r"重点工作|主要工作|工作重点|具体措施|工作措施|主要措施|重点措施|实施内容")
# A top-level part of no tasks, for plans with no task-part heading: "一、总体要求", "五、保障措施"
NON_TASK_TOP = re.compile(r"背景|现状|形势|总体要求|指导思想|基本原则|目标|原则|保障|组织实施|"
                          r"工作要求|实施步骤|工作步骤|步骤安排|进度安排|组织领导|适用范围|附则")
# A chapter that holds no tasks: "第一章  规划背景和总体要求", "第九章  加强医疗卫生规划实施",
# "第二章  发展目标"
NON_TASK_CHAPTER = re.compile(r"背景|总体要求|规划实施|组织实施|保障措施|指导思想|"
                              r"^(?:发展|主要|总体|规划)目标")
# A heading that opens goal paragraphs: "一、总体目标", "三、主要目标", "（三）发展目标"
GOAL_HEADING = re.compile(r"目标|总体要求")
# A table title ends goal paragraphs: "表1  主要发展指标", "表 1 万州区…主要指标"
TABLE_TITLE = re.compile(r"^\s*表\s*\d")
# A bold-lead paragraph opens with a short title sentence and goes on: "创新医防协同机制。推进…"
BOLD_LEAD = re.compile(r"^([^。，；：,;:]{2,30})。\S")


@dataclass
class Structure:
    groups: list[GroupRecord] = field(default_factory=list)
    tasks: list[TaskRecord] = field(default_factory=list)
    goal_blocks: list[tuple[int, int]] = field(default_factory=list)  # 1-based line ranges
    warnings: list[str] = field(default_factory=list)  # read leniently
    unread: list[str] = field(default_factory=list)  # seen and not read


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

# Heading levels below a task part, outermost first: （一） groups, 1. items, （1）/① sub-items
RANK = {"group": 1, "item": 2, "sub": 3}


@dataclass
class _Node:
    head: Heading
    end: int  # last line (1-based) of the heading's block, its children included
    children: list[_Node] = field(default_factory=list)
    carries: bool = False  # its own lines hold a responsibility clause or line


def _numbered(lines: list[str], heads: list[Heading], file: str, out: Structure) -> None:
    tops = [h for h in heads if h.kind == "top"]
    if tops and all(top.number is None for top in tops):
        # only parts of no tasks headed with no number ("工作要求" after a task list): the
        # tasks are what comes before the first of them
        _task_part(lines, heads, 0, tops[0].line - 1, file, out, prefix=None)
        _unique_keys(out, file)
        return
    blocks = [(top, nxt.line - 1 if nxt else len(lines)) for top, nxt in zip(tops, tops[1:] + [None])]
    parts = [(top, end) for top, end in blocks if TASK_PART.search(top.title)]
    if parts:
        for top, end in parts:
            _task_part(lines, heads, top.line, end, file, out, prefix=None)
    elif blocks:
        # no 重点任务 heading: the tasks are the parts that are not background, aims or safeguards
        for top, end in blocks:
            if not NON_TASK_TOP.search(top.title):
                key = str(top.number)
                out.groups.append(GroupRecord(key, top.number, top.title, 1,
                                              Span(file, top.line, top.line)))
                _task_part(lines, heads, top.line, end, file, out, prefix=key)
    else:
        _task_part(lines, heads, 0, len(lines), file, out, prefix=None)
    _unique_keys(out, file)


def _task_part(lines, heads, start: int, end: int, file: str, out: Structure,
               prefix: str | None) -> None:
    nodes = _tree(lines, [h for h in heads if start < h.line <= end and h.kind in RANK], end)
    items = [h for h in heads if start < h.line <= end and h.kind == "item"]
    # items numbered through the part keep their bare number as key ("6"), unless a group of
    # the part is a task itself and holds that number too
    global_numbers = len(items) == len({h.number for h in items}) and all(
        any(c.head.kind == "item" for c in node.children)
        for node in nodes if node.head.kind == "group")
    level = 2 if prefix else 1
    for node in nodes:
        _node(lines, node, prefix, level, file, out, global_numbers)


def _tree(lines: list[str], heads: list[Heading], end: int) -> list[_Node]:
    """The headings as a tree by rank; each node knows whether its own lines carry a clause."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    nodes = []
    for head in heads:
        node = _Node(head, end)
        while stack and RANK[stack[-1].head.kind] >= RANK[head.kind]:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        nodes.append(node)
    for node, nxt in zip(nodes, nodes[1:] + [None]):
        node.carries = bool(read_responsibility(_own_lines(lines, node, nxt)))
    _set_ends(roots, end)
    return roots


def _set_ends(nodes: list[_Node], end: int) -> None:
    for node, nxt in zip(nodes, nodes[1:] + [None]):
        node.end = nxt.head.line - 1 if nxt else end
        _set_ends(node.children, node.end)


def _own_lines(lines: list[str], node: _Node, nxt: _Node | None) -> list[str]:
    """A heading's own text: its rest and the lines up to the next heading of any rank."""
    last = nxt.head.line - 1 if nxt else node.end
    return [node.head.rest] + lines[node.head.line:last]


def _descendants_carry(node: _Node) -> bool:
    return any(child.carries or _descendants_carry(child) for child in node.children)


def _subs_are_tasks(node: _Node) -> bool:
    """Sub-items are tasks of their own when two or more of them carry a clause; one clause after
    the last sub-item closes the whole item."""
    subs = [c for c in node.children if c.head.kind == "sub"]
    return sum(1 for c in subs if c.carries or _descendants_carry(c)) >= 2


def _node(lines, node: _Node, parent: str | None, level: int, file: str, out: Structure,
          global_numbers: bool) -> None:
    head = node.head
    key = _key(head, parent, global_numbers)
    has_items = any(c.head.kind == "item" for c in node.children)
    if head.kind == "group" and not node.children and node.carries and \
            (split := _paragraph_tasks(lines, node, key, file, out)):
        # paragraphs each closed by a clause of its own under a heading whose title stands
        # alone: items whose numbers a copy lost (<ol> items copied from a page)
        out.groups.append(GroupRecord(key, head.number, head.title, level,
                                      Span(file, head.line, head.line), parent=parent))
        out.tasks.extend(split)
    elif head.kind == "group" and node.carries and not _descendants_carry(node):
        out.tasks.append(_heading_task(lines, node, key, parent, file, out))
    elif (head.kind == "group" and has_items) or _subs_are_tasks(node):
        out.groups.append(GroupRecord(key, head.number, head.title, level,
                                      Span(file, head.line, head.line), parent=parent))
        for child in node.children:
            if child.head.kind != "sub" or _subs_are_tasks(node):
                _node(lines, child, key, level + 1, file, out, global_numbers)
    elif head.kind == "group" and not node.children and not node.carries:
        tasks = _bold_lead_tasks(lines, head.line + 1, node.end, key, file)
        if tasks:
            out.groups.append(GroupRecord(key, head.number, head.title, level,
                                          Span(file, head.line, head.line), parent=parent))
            out.tasks.extend(tasks)
        elif any(not is_blank(l) for l in [head.rest] + lines[head.line:node.end]):
            out.tasks.append(_heading_task(lines, node, key, parent, file, out))
    else:
        out.tasks.append(_heading_task(lines, node, key, parent, file, out))


def _key(head: Heading, parent: str | None, global_numbers: bool) -> str:
    """"6" for an item numbered once in its plan, "2.3" for item 3 of group 2, "6.1" for a sub."""
    if head.kind == "item" and global_numbers or parent is None:
        return str(head.number)
    return f"{parent}.{head.number}"


def _heading_task(lines, node: _Node, key: str, group: str | None, file: str,
                  out: Structure) -> TaskRecord:
    head = node.head
    span = content_span(lines, head.line, node.end, file)
    task_lines = [head.rest] + lines[head.line:span.end_line]
    found = read_responsibility(task_lines)
    warnings, unread = found.located(file, head.line)
    out.warnings.extend(warnings)
    out.unread.extend(unread)
    return TaskRecord(key=key, number=head.number, title=head.title, text=join_lines(task_lines),
                      group=group, span=span, lead_units=found.lead,
                      responsible_units=found.units, deadline=found.deadline)


def _unique_keys(out: Structure, file: str) -> None:
    """Two tasks printed with one number in one part (a numbering slip) stay apart, told by line."""
    seen: set[str] = set()
    for index, task in enumerate(out.tasks):
        if task.key in seen:
            out.warnings.append(f"{file} line {task.span.start_line}: task number {task.key} "
                                "printed twice; the second is keyed by its line")
            out.tasks[index] = replace(task, key=f"{task.key}-l{task.span.start_line}")
        seen.add(out.tasks[index].key)


def _paragraph_tasks(lines, node: _Node, group: str, file: str, out: Structure) -> list[TaskRecord]:
    """The tasks of a heading whose title is alone on its line and under which two or more
    bold-lead paragraphs ("加强老年医学科建设。县人民医院…（牵头单位：…）") each carry a clause of
    their own; none where any paragraph carries none (then the heading is the task)."""
    head = node.head
    if read_responsibility([head.rest]) or SENTENCE_END.search(head.rest.rstrip("。")):
        return []
    tasks = _bold_lead_tasks(lines, head.line + 1, node.end, group, file)
    if len(tasks) < 2:
        return []
    read = []
    for task in tasks:
        found = read_responsibility(lines[task.span.start_line - 1:task.span.end_line])
        if not found.units:
            return []
        warnings, unread = found.located(file, task.span.start_line)
        out.warnings.extend(warnings)
        out.unread.extend(unread)
        read.append(replace(task, lead_units=found.lead, responsible_units=found.units,
                            deadline=found.deadline))
    return read


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
                                     f"{key}.{measure.number}", measure.number, key, file, out))
    if not measures and any(not is_blank(l) for l in lines[section.line:body_end]):
        out.tasks.append(_block_task(lines, section, section.line + 1, body_end,
                                     f"{key}.1", None, key, file, out))
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
                group: str, file: str, out: Structure) -> TaskRecord:
    span = content_span(lines, heading.line, last, file)
    # a table inside a measure (华蓥 表2 under 一、床位配置) is read by kg.extract.tables, not as prose
    body = join_lines([l for l in lines[first - 1:span.end_line]
                       if not l.startswith("\t") and not TABLE_TITLE.match(l)])
    # the heading line may go on past its title: "一、建设县域医疗中心。支持…（责任单位：县卫健局）"
    head = heading.rest if heading.rest and heading.rest.rstrip("。") != heading.title else heading.title
    found = read_responsibility([head] + lines[first - 1:span.end_line])
    warnings, unread = found.located(file, heading.line)
    out.warnings.extend(warnings)
    out.unread.extend(unread)
    return TaskRecord(key=key, number=number, title=heading.title,
                      text=f"{head}\n{body}" if body else head, group=group,
                      span=span, kind="measure", lead_units=found.lead,
                      responsible_units=found.units, deadline=found.deadline)
