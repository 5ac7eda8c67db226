"""Responsible units (责任单位), lead units (牵头单位) and deadlines (完成时限): clauses, lines of
their own and table cells to name lists. Names stay exactly as printed; kg.registry resolves them.

The genre marks who does what in a few ways, each read here by pattern:
- a bracketed clause closing a task or a paragraph, with labels: "（牵头单位：区卫生健康委；配合单位：
  区财政局、区医保局；完成时限：2025年底前）", "(牵头:区卫健局;配合:区财政局)", "（责任单位：…）";
- a bracketed clause of roles after names: "（区卫生健康委牵头，区财政局、区医保局配合）";
- a line of its own after a task: "牵头单位：区卫生健康局", "完成时限：2024年6月底前".
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass, field

# Role labels, longest first so that 主要责任单位 wins over 责任单位 and 牵头单位 over 牵头.
# "牵头单位：", "配合部门：", "协办单位：", "完成时限："
LEAD_LABELS = ("主要责任单位", "主要责任部门", "牵头责任单位", "牵头单位", "牵头部门", "牵头")
SHARED_LABELS = ("配合单位", "配合部门", "协办单位", "协办部门", "参与单位", "参与部门", "责任单位",
                 "责任部门", "配合", "协办", "参与")
DEADLINE_LABELS = ("完成时限", "完成时间", "完成期限", "时间进度", "时间节点", "时限要求", "进度安排",
                   "时限", "时间")
# Labels naming a person, not a body: "（牵头领导：王某某；责任单位：县卫健局）" (the name is skipped)
PERSON_LABELS = ("牵头领导", "责任领导", "分管领导", "联系领导", "包抓领导", "责任人")
RESPONSIBLE_LABELS = ("责任单位", "责任部门")
ROLE_OF = {**{label: "lead" for label in LEAD_LABELS}, **{label: "shared" for label in SHARED_LABELS},
           **{label: "deadline" for label in DEADLINE_LABELS},
           **{label: "person" for label in PERSON_LABELS}}
LABEL = "|".join(sorted(ROLE_OF, key=len, reverse=True))
# A label and its colon: "牵头单位：", "配合 :", "完成时限:"
LABELLED = re.compile(rf"(?P<label>{LABEL})\s*[：:]\s*")
# A clause opening: "（牵头单位：", "(责任单位:"
CLAUSE_OPEN = re.compile(rf"[（(【]\s*(?=(?:{LABEL})\s*[：:])")
# A line that is a clause of its own: "牵头单位：区卫生健康局", "完成时限：2025年底前"
OWN_LINE = re.compile(rf"^\s*(?:{LABEL})\s*[：:]")
# A clause that is the last sentence of a paragraph: "…服务能力。责任单位：县卫生健康局牵头，…配合。"
LAST_SENTENCE = re.compile(rf"(?<=[。；;])\s*(?=(?:{'|'.join(RESPONSIBLE_LABELS + LEAD_LABELS[:5])})\s*[：:])")
# Roles printed after the names, inside brackets: "区卫生健康委牵头", "区财政局、区医保局配合",
# "各镇街按职责分工负责"
ROLE_SUFFIX = re.compile(r"(?P<names>.+?)(?P<role>牵头|负总责|协同配合|配合|参与|协办|"
                         r"按职责分工负责|按职责负责|分工负责|负责)$")
SUFFIX_ROLE = {"牵头": "lead", "负总责": "lead", "主责": "lead"}
# A role in brackets after a name, in a table cell: "县卫健局（牵头）", "县财政局(配合)"
MARKED_ROLE = re.compile(r"^(?P<names>.+?)[（(](?P<role>牵头|主责|负总责|配合|参与|协办)(?:单位|部门)?[）)]$")
# Words before names that are not part of them: "由区卫生健康委牵头"
NAME_PREFIX = re.compile(r"^(?:由|各自|均)")
# Words of a sentence, never of a body's name: "各部门要按照职责分工负责"
NOT_A_NAME = re.compile(r"[要的将应须]|按照|按职责|并且|牵头|配合|负责")
# A word that says a bracket speaks of responsibility, for clauses the patterns could not read
ROLE_WORD = re.compile(r"牵头|配合单位|责任单位|责任部门|协办|配合部门")
# Separators between the parts of a clause: "…委；配合单位：…", "…委，责任部门：…"
PART_SEPARATOR = re.compile(r"[；;，,]")
# Separators inside a unit list; the texts mix them: "区人力社保局，各医疗机构", "区卫健委、区医保局",
# "区财政局 区医保局"
UNIT_SEPARATOR = re.compile(r"[、，,；;/]|\s+")
# A year a deadline names: "2025年底前" → 2025
DEADLINE_YEAR = re.compile(r"(20\d{2})\s*年")
OPEN, CLOSE = "（(【", "）)】"
# What follows a unit's name and is not part of it: "各乡镇人民政府按职责分工负责", "县医保局等",
# "县财政局等有关部门"
NAME_TAIL = re.compile(r"(?:等(?:有关|相关)?(?:部门|单位)?|按职责分工负责|按职责负责|分别负责|负责)$")


@dataclass(frozen=True)
class Responsibility:
    """Who answers for a task, as printed: lead units, the other responsible units, a deadline."""

    lead: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()
    deadline: str | None = None
    warnings: tuple[str, ...] = ()  # clauses read leniently (no closing bracket)
    unread: tuple[str, ...] = ()  # clauses seen but not read
    # for each warning and unread clause, the 0-based index of the input line it starts on
    warning_lines: tuple[int, ...] = ()
    unread_lines: tuple[int, ...] = ()

    def located(self, file: str, first_line: int) -> tuple[list[str], list[str]]:
        """The warnings and unread clauses as "file line N: …", where the input's first line is
        line `first_line` of the file."""
        return ([f"{file} line {first_line + i}: {w}" for i, w in zip(self.warning_lines, self.warnings)],
                [f"{file} line {first_line + i}: {w}" for i, w in zip(self.unread_lines, self.unread)])

    @property
    def units(self) -> tuple[str, ...]:
        """Every responsible unit, leads first (the contract states every lead as responsible)."""
        return merge_units(self.lead, self.shared)

    def __bool__(self) -> bool:
        return bool(self.lead or self.shared or self.deadline)


@dataclass
class _Collect:
    lead: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    warning_lines: list[int] = field(default_factory=list)
    unread_lines: list[int] = field(default_factory=list)
    line: int = 0  # the input line the clause being read starts on

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        self.warning_lines.append(self.line)

    def not_read(self, message: str) -> None:
        self.unread.append(message)
        self.unread_lines.append(self.line)

    def result(self) -> Responsibility:
        return Responsibility(merge_units(tuple(self.lead)), merge_units(tuple(self.shared)),
                              "；".join(dict.fromkeys(self.deadlines)) or None,
                              tuple(self.warnings), tuple(self.unread),
                              tuple(self.warning_lines), tuple(self.unread_lines))


def split_units(cell: str) -> tuple[str, ...]:
    """A printed list of units as a tuple of names. Brackets inside a name are kept whole:
    "各镇（街道）、区卫生健康委" → ("各镇（街道）", "区卫生健康委")."""
    names, depth, current = [], 0, []
    for ch in cell:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(depth - 1, 0)
        if depth == 0 and UNIT_SEPARATOR.fullmatch(ch):
            names.append("".join(current))
            current = []
        else:
            current.append(ch)
    names.append("".join(current))
    cleaned = (NAME_TAIL.sub("", re.sub(r"\s+", "", n).strip("。.")) for n in names)
    return tuple(name for name in cleaned if name)


def merge_units(*lists: tuple[str, ...]) -> tuple[str, ...]:
    """Lists joined in order, each name once."""
    seen: dict[str, None] = {}
    for names in lists:
        for name in names:
            seen.setdefault(name, None)
    return tuple(seen)


def deadline_year(deadline: str | None) -> int | None:
    """The year a deadline names ("2025年底前" → 2025; "长期坚持" → None); the last when several."""
    years = DEADLINE_YEAR.findall(deadline or "")
    return int(years[-1]) if years else None


def read_responsibility(lines: list[str]) -> Responsibility:
    """Every responsibility clause of a task's lines (a bracketed clause anywhere in its text, or
    a line of its own), in printed order; the parts of one clause may wrap over lines."""
    out = _Collect()
    text_lines: list[str] = []
    starts: list[int] = []  # the input line of each text line
    pending: str | None = None  # an own-line clause whose list goes on to the next line
    for index, raw in enumerate(lines):
        line = raw.strip()
        if pending is not None:
            if line and not OWN_LINE.match(line):
                pending += line
                if not _continues(line):
                    _labelled(pending, out, own_line=True)
                    pending = None
                continue
            _labelled(pending, out, own_line=True)
            pending = None
        sentence = None if OWN_LINE.match(line) else LAST_SENTENCE.search(line)
        if sentence and _depth(line, sentence.start()) == 0:
            text_lines.append(line[:sentence.start()])
            starts.append(index)
            line = line[sentence.start():].strip()
        if OWN_LINE.match(line):
            out.line = index
            if _continues(line):
                pending = line
            else:
                _labelled(line, out, own_line=True)
            continue
        text_lines.append(line)
        starts.append(index)
    if pending is not None:
        _labelled(pending, out, own_line=True)
    _clauses(text_lines, starts, out)
    if not (out.lead or out.shared):
        _closing_sentence(text_lines, starts, out)
    return out.result()


def _closing_sentence(text_lines: list[str], starts: list[int], out: _Collect) -> None:
    """Roles as the paragraph's last sentence, with no label: "…体检。由县卫生健康局牵头，县疾控
    中心、县医疗保障局配合。" Every part of the sentence must end in a role word (a sentence of
    prose, "由县人民医院负责开展急救技能培训", is no such list)."""
    text = "".join(text_lines).rstrip()
    head, _, last = text.rstrip("。").rpartition("。")
    if not head or not ROLE_SUFFIX.search(last) or _depth(last, len(last)):
        return
    found = _Collect()
    if _suffixed(last.strip(), found) and (found.lead or found.shared):
        out.lead.extend(found.lead)
        out.shared.extend(found.shared)


def read_cell(cell: str, role: str) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """(lead, shared, deadline) of a table's unit cell whose column says `role` ("lead" or
    "shared"). A cell may print roles itself: labelled parts ("牵头单位：县卫健局；配合单位：县财政局"),
    a role after a name ("县人社局牵头，县卫健局配合"), or a role in brackets ("县卫健局（牵头）");
    a name printing none takes the column's role."""
    if LABELLED.search(cell):
        found = read_clause_text(f"（{cell}）")
        return found.lead, found.shared, found.deadline
    lead: list[str] = []
    shared: list[str] = []
    for name in split_units(cell):
        marked = MARKED_ROLE.match(name) or ROLE_SUFFIX.match(name)
        own = role
        if marked and not NOT_A_NAME.search(NAME_PREFIX.sub("", marked.group("names"))):
            name = NAME_PREFIX.sub("", marked.group("names"))
            own = "lead" if marked.group("role") in SUFFIX_ROLE else "shared"
        (lead if own == "lead" else shared).append(name)
    return merge_units(tuple(lead)), merge_units(tuple(shared)), None


def read_clause_text(text: str) -> Responsibility:
    """The clauses of one joined text (a table cell, a paragraph)."""
    return read_responsibility([text])


def split_responsibility(text: str) -> tuple[tuple[str, ...], str | None]:
    """The responsible units of a text's clauses (leads first), and the first warning, if any."""
    found = read_clause_text(text)
    notes = found.warnings + found.unread
    return found.units, (notes[0] if notes else None)


def _continues(line: str) -> bool:
    """An own-line list that ends in a separator goes on: "配合单位：区财政局、区医保局、"."""
    return line.endswith(("、", "，", ","))


def _clauses(text_lines: list[str], starts: list[int], out: _Collect) -> None:
    """The bracketed clauses of the joined text lines; `starts`: each line's input line."""
    text = "".join(text_lines)
    offsets = list(accumulate(len(line) for line in text_lines))
    position = 0
    while True:
        start = _next_open(text, position)
        if start is None:
            return
        out.line = starts[bisect_right(offsets, start)] if starts else 0
        end = _matching_close(text, start)
        body = text[start + 1:end if end is not None else len(text)]
        if end is None:
            label = LABELLED.match(body.lstrip())
            out.warn(f"{label.group('label') if label else '责任'} clause has no "
                     "closing bracket; read to the end of the line")
        label = LABELLED.search(body)
        if CLAUSE_OPEN.match(text, start):
            _labelled(body, out, own_line=False)
        elif label and _suffixed(body[:label.start()].rstrip("；;，, "), out):
            # roles after names, then labelled parts: "（A牵头，B、C配合；完成时限：2024年底前）"
            _labelled(body[label.start():], out, own_line=False)
        elif not _suffixed(body, out) and ROLE_WORD.search(body) and not _nested_text(body):
            out.not_read(f"a responsibility clause was seen but not read: （{body[:40]}）")
        position = (end if end is not None else len(text)) + 1


def _depth(text: str, position: int) -> int:
    """How many brackets are open at `position` of `text`."""
    depth = 0
    for ch in text[:position]:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(depth - 1, 0)
    return depth


def _next_open(text: str, position: int) -> int | None:
    indexes = [i for i in (text.find(o, position) for o in OPEN) if i >= 0]
    return min(indexes) if indexes else None


def _matching_close(text: str, start: int) -> int | None:
    depth = 0
    for index in range(start, len(text)):
        if text[index] in OPEN:
            depth += 1
        elif text[index] in CLOSE:
            depth -= 1
            if depth == 0:
                return index
    return None


def _nested_text(body: str) -> bool:
    """A bracket of prose that merely mentions a role ("（由牵头医院统筹）") is long and has a 。."""
    return "。" in body or len(body) > 120


def _labelled(body: str, out: _Collect, own_line: bool) -> None:
    """"牵头单位：A、B；配合单位：C，完成时限：2025年底前" into roles. A 责任单位 list is the lead
    when the same clause names 配合/协办/参与 units and no 牵头 unit."""
    labels = list(LABELLED.finditer(body))
    parts = []
    printed = {}   # a part's value as printed, its separators kept: roles may be read in it
    for label, nxt in zip(labels, labels[1:] + [None]):
        value = body[label.end():nxt.start() if nxt else len(body)]
        parts.append((label.group("label"), PART_SEPARATOR.sub("、", value).strip("、 。；;，,")))
        printed[len(parts) - 1] = value.strip("、 。；;，,")
    roles = {ROLE_OF[label] for label, _ in parts}
    responsible_leads = "lead" not in roles and any(
        ROLE_OF[label] == "shared" and label not in RESPONSIBLE_LABELS for label, _ in parts)
    read_any = False
    for index, (label, value) in enumerate(parts):
        role = ROLE_OF[label]
        if role == "shared" and (roles_of := _roles_in_list(printed[index])) is not None:
            # "责任单位：A（牵头），B、C按职责分工负责", "责任单位：A牵头，B、C配合"
            out.lead.extend(roles_of[0])
            out.shared.extend(roles_of[1])
            read_any = True
            continue
        if role == "person":
            continue   # a leader's name: who answers for the task is the bodies named beside it
        if role == "deadline":
            if value:
                out.deadlines.append(value)
                read_any = True
            continue
        if label in RESPONSIBLE_LABELS and responsible_leads:
            role = "lead"
        names = split_units(value)
        (out.lead if role == "lead" else out.shared).extend(names)
        read_any = read_any or bool(names)
    if not read_any:
        where = "line" if own_line else "clause"
        out.not_read(f"a responsibility {where} names no unit: {body[:40]}")


def _roles_in_list(value: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(lead, shared) of a labelled list whose names print their roles: after each name in
    brackets ("A（牵头）、B（牵头单位），C"), or after the names ("A牵头，B、C配合"); None when
    no name marks a lead (the label's role stands)."""
    names = split_units(PART_SEPARATOR.sub("、", value))
    marked = [MARKED_ROLE.match(name) for name in names]
    if any(m and m.group("role") in SUFFIX_ROLE for m in marked):
        lead = [m.group("names") for m in marked if m and m.group("role") in SUFFIX_ROLE]
        shared = [m.group("names") if m else name for m, name in zip(marked, names)
                  if not (m and m.group("role") in SUFFIX_ROLE)]
        return merge_units(tuple(lead)), merge_units(tuple(shared))
    if "牵头" not in value and "负总责" not in value:
        return None
    found = _Collect()
    if _suffixed(value, found) and found.lead:
        return merge_units(tuple(found.lead)), merge_units(tuple(found.shared))
    return None


def _suffixed(body: str, out: _Collect) -> bool:
    """"区卫生健康委牵头，区财政局、区医保局配合": every part ends in a role word, or names units
    that the next part's role word covers ("区财政局，区医保局配合"). False when it is no such
    clause (nothing is taken from it then)."""
    parts = [p.strip() for p in PART_SEPARATOR.split(body) if p.strip()]
    if not parts or not ROLE_SUFFIX.match(parts[-1]):
        return False
    found: list[tuple[str, tuple[str, ...]]] = []
    waiting: list[str] = []
    for part in parts:
        match = ROLE_SUFFIX.match(part)
        if not match:
            if len(part) > 20:
                return False  # a clause of prose, not a list of names
            waiting.append(part)
            continue
        names = split_units("、".join(waiting + [NAME_PREFIX.sub("", match.group("names"))]))
        waiting = []
        if not names or any(len(n) > 24 or NOT_A_NAME.search(n) for n in names):
            return False
        found.append((SUFFIX_ROLE.get(match.group("role"), "shared"), names))
    for role, names in found:
        (out.lead if role == "lead" else out.shared).extend(names)
    return True
