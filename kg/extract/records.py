"""Plain records extracted from a plan text, before any name is resolved.

Every record carries the span of source lines it was read from; no rdflib here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Span:
    """1-based, inclusive line range in a file under data/sources/."""

    file: str
    start_line: int
    end_line: int


@dataclass(frozen=True)
class GroupRecord:
    """A heading that groups tasks (（一）…, 第三章…, 第二节…)."""

    key: str  # unique within the plan, dotted for nesting: "3", "3.2"
    number: int | None  # the printed ordinal, None when the heading lost it
    title: str
    level: int  # 1 = top-level task area or chapter, 2 = section
    span: Span
    parent: str | None = None


@dataclass(frozen=True)
class TaskRecord:
    """A numbered key task (重点任务), a project-box item, or a decomposition row."""

    key: str  # unique within the plan: "6", "16.3", "c1.2" (专栏1 item 2)
    number: int | None
    title: str
    text: str
    group: str | None  # GroupRecord.key
    span: Span
    lead_units: tuple[str, ...] = ()  # 牵头单位, names as printed
    responsible_units: tuple[str, ...] = ()  # 责任单位, lead units included
    parent: str | None = None  # key of the numbered task this row decomposes
    kind: str = "task"  # task | subtask | project-item | measure
    table_span: Span | None = None  # the annex table row that repeats the task, where there is one
    table_text: str = ""  # that row's 具体内容 (what is to be done), where the table has the column
    deadline: str | None = None  # 完成时限 / 时间进度 as printed: 2025年底前, 长期坚持


@dataclass(frozen=True)
class IndicatorRecord:
    """An indicator row of an indicator table, or an indicator named in prose."""

    name: str  # as printed, unit removed: 每千人口注册护士数
    printed: str  # the full cell as printed: 每千人口注册护士数（人）
    unit: str | None
    category: str | None
    number: int | None  # 序号 in its table
    span: Span
    qualifier: str | None = None  # a sub-row: 门诊, 住院, 城镇职工医保


@dataclass(frozen=True)
class ValueRecord:
    """A target (目标) or baseline (现状) value of an indicator."""

    kind: str  # "target" | "baseline"
    indicator: str  # IndicatorRecord.name (or the prose phrase)
    year: int
    text: str  # the value exactly as printed: ≥40.5, 1:1.27, 全覆盖, ——
    span: Span
    comparator: str | None = None  # ≥ ≤ > < = ≈ range
    value: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    bindingness: str | None = None  # 约束性 | 预期性 | 指导性, as printed
    qualifier: str | None = None
    subject: str | None = None  # an institution the value is about, as printed
    task: str | None = None  # TaskRecord.key when stated inside a task's text
    unit: str | None = None
    scope: str | None = None  # the area word printed before the indicator: 全区, 全县, 全市 …


@dataclass(frozen=True)
class CitationRecord:
    """A parent policy cited by title 《…》 and/or document number 〔…〕…号."""

    title: str | None
    identifier: str | None
    span: Span


@dataclass(frozen=True)
class GlossaryRecord:
    """A term explained in a 名词解释 annex."""

    number: int | None
    term: str
    definition: str
    span: Span


@dataclass
class HeaderRecord:
    """What the document prints of itself (kg.extract.header): None where it prints nothing."""

    title: str | None = None
    title_span: Span | None = None
    title_from: str = "text"   # "metadata": the document's container, not its text
    doc_number: str | None = None
    doc_number_span: Span | None = None
    issuer: str | None = None
    issuer_span: Span | None = None
    issued: dt.date | None = None
    issued_span: Span | None = None


@dataclass
class PlanRecords:
    """Everything extracted from one plan text."""

    file: str
    header: HeaderRecord = field(default_factory=HeaderRecord)
    groups: list[GroupRecord] = field(default_factory=list)
    tasks: list[TaskRecord] = field(default_factory=list)
    indicators: list[IndicatorRecord] = field(default_factory=list)
    targets: list[ValueRecord] = field(default_factory=list)
    baselines: list[ValueRecord] = field(default_factory=list)
    citations: list[CitationRecord] = field(default_factory=list)
    glossary: list[GlossaryRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # malformed input read leniently, with lines
    # A document that is not a text (PDF, DOCX, HTML): the lines its spans count, and where each
    # line is in the original ("p.3 l.12", "table 2 row 3"); empty for a .txt, whose lines are
    # the file's own.
    lines: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    unread: list[str] = field(default_factory=list)  # text seen and not read, with lines (in warnings too)

    def not_read(self, message: str) -> None:
        """Text seen and not read: a warning, and a failure under --strict."""
        self.warnings.append(message)
        self.unread.append(message)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready records; every span is under the key `source` (file, start_line, end_line)
        and, for a document that is not a text, `location` (first line's, last line's)."""
        plain = _plain(asdict(self))
        del plain["lines"], plain["locations"]
        if self.locations:
            _locate(plain, self.locations)
        return plain

    def location(self, line: int) -> str | None:
        """Where 1-based `line` is in the original document; None for a text."""
        return self.locations[line - 1] if 0 < line <= len(self.locations) else None


def _locate(value: Any, locations: tuple[str, ...]) -> None:
    """Beside every `source` span, the locations of its first and last line."""
    if isinstance(value, dict):
        source = value.get("source")
        if isinstance(source, dict) and "start_line" in source:
            source["location"] = [locations[source[k] - 1] if 0 < source[k] <= len(locations)
                                  else None for k in ("start_line", "end_line")]
        for item in value.values():
            _locate(item, locations)
    elif isinstance(value, list):
        for item in value:
            _locate(item, locations)


def _plain(value: Any) -> Any:
    """Make asdict() output JSON-ready: Decimals as strings keep their printed digits."""
    if isinstance(value, dict):
        return {("source" if k == "span" else k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (Decimal, dt.date)):
        return str(value)
    return value
