"""The JSON the REST layer (/api/...) answers with: one pydantic model per shape, documented in
the OpenAPI schema at /docs. Keys are stable; a value not printed in a plan is null, never guessed.

Every resource carries `id`, its path under https://w3id.org/plankg/id/ (its page is /id/{id}),
and `iri`, the full IRI. REST routes take the id without its type prefix: task
`task/yongchuan-2025/16.3` is /api/tasks/yongchuan-2025/16.3.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Ref(BaseModel):
    """A link to a resource of the graph, with its labels (中文 zh, English en) where known."""

    id: str = Field(examples=["org/yongchuan/health-commission"])
    iri: str
    label_zh: str | None = None
    label_en: str | None = None


class SourceLines(BaseModel):
    """Lines of a file under data/sources/ (1-based, inclusive) and their text as printed; for a
    PDF, DOCX or HTML plan, the lines read from it and where the first and last are in it."""

    file: str = Field(examples=["shapingba_2025_service_system.txt"])
    start: int
    end: int
    excerpt: str | None = Field(None, description="the lines, joined with newlines")
    start_location: str | None = Field(None, examples=["p.3 l.12"],
                                       description="where the first line is in a PDF, DOCX or "
                                                   "HTML plan (none for a text)")
    end_location: str | None = Field(None, examples=["p.3 table 1 row 2"])


class PlanSummary(BaseModel):
    id: str = Field(examples=["plan/yongchuan-2025"])
    iri: str
    title: str
    identifier: str | None = Field(None, description="document number (文号) as printed")
    issued: str | None = Field(None, description="date of issue, YYYY-MM-DD")
    issuer_name: str | None = None
    publisher: Ref | None = None
    jurisdiction: Ref | None = None
    groups: int = 0
    tasks: int = 0
    targets: int = 0
    baselines: int = 0


class Policy(BaseModel):
    id: str
    iri: str
    title: str | None = None
    identifier: str | None = None


class Quality(BaseModel):
    """What extraction read from the plan and what it could not (as `plankg build` prints)."""

    tasks: int = Field(0, description="tasks, decomposition rows apart")
    links: int = Field(0, description="task → responsible unit links, leads included")
    leads: int = Field(0, description="task → lead unit (牵头单位) links")
    deadlines: int = Field(0, description="tasks with a 完成时限")
    warnings: list[str] = Field(default_factory=list,
                                description="passages seen and not read, with file and lines",
                                examples=[["x.txt lines 40-44: a table-like block … was not read"]])


class PlanDetail(PlanSummary):
    cites: list[Policy] = Field(default_factory=list, description="policies the plan follows")
    quality: Quality = Field(default_factory=Quality)


class Group(BaseModel):
    """A heading that groups tasks: （一）…, 第三章…"""

    id: str
    iri: str
    number: int | None = None
    level: int | None = None
    title: str
    parent: str | None = Field(None, description="id of the enclosing heading")
    tasks: int = Field(0, description="tasks directly under this heading")


class Unit(Ref):
    """A body a task names as responsible: 牵头单位 lead, or shared (named, not as lead)."""

    role: Literal["lead", "shared"]


class TaskSummary(BaseModel):
    id: str = Field(examples=["task/yongchuan-2025/16"])
    iri: str
    plan: str
    number: int | None = None
    kind: str | None = Field(None, description="task, measure, project-item or subtask")
    title: str
    group: str | None = None
    parent: str | None = Field(None, description="id of the task this row decomposes")
    units: list[Unit] = Field(default_factory=list)


class Fact(BaseModel):
    """A baseline (现状值) or target (目标值) of an indicator in one plan."""

    id: str
    iri: str
    type: Literal["baseline", "target"]
    plan: str
    indicator: Ref
    unit: str | None = Field(None, description="the indicator's unit as printed")
    year: int
    value_text: str = Field(description="the value exactly as printed")
    value: float | None = None
    comparator: str | None = None
    min_value: float | None = None
    max_value: float | None = None
    qualifier: str | None = None
    bindingness: Literal["binding", "expected", "guiding"] | None = None
    bindingness_zh: str | None = None
    subject: str | None = Field(None, description="id of the body the value is about")
    task: str | None = Field(None, description="id of the task whose text states it")
    sources: list[SourceLines] = Field(default_factory=list)


class TaskDetail(TaskSummary):
    text: str | None = None
    group_title: str | None = None
    subtasks: list[Ref] = Field(default_factory=list)
    institutions: list[Ref] = Field(default_factory=list,
                                    description="institutions the task text names")
    targets: list[Fact] = Field(default_factory=list)
    sources: list[SourceLines] = Field(default_factory=list)


class Organization(Ref):
    type: Literal["GovernmentDepartment", "Institution", "OrganizationGroup"]
    aliases: list[str] = Field(default_factory=list, description="every other printed name")
    kind: Ref | None = None
    jurisdiction: Ref | None = None
    provisional: bool = Field(False, description="a name the registry does not know yet")


class OrganizationTask(BaseModel):
    id: str
    iri: str
    plan: str
    number: int | None = None
    title: str
    role: Literal["lead", "shared", "mentioned"]


class OrganizationDetail(Organization):
    tasks: list[OrganizationTask] = Field(default_factory=list)


class IndicatorSummary(Ref):
    unit: str | None = None
    category: Ref | None = None
    aliases: list[str] = Field(default_factory=list)
    plans: int = 0
    targets: int = 0
    baselines: int = 0


class PlanFacts(BaseModel):
    """One plan's baselines and targets of one indicator."""

    plan: str
    baselines: list[Fact] = Field(default_factory=list)
    targets: list[Fact] = Field(default_factory=list)


class IndicatorDetail(IndicatorSummary):
    comparison: list[PlanFacts] = Field(default_factory=list,
                                        description="every plan's values, side by side")


class SearchHit(BaseModel):
    id: str = Field(description="the resource's path under https://w3id.org/plankg/id/")
    iri: str
    type: Literal["task", "plan", "indicator", "body"] = "task"
    plan: str | None = Field(None, description="the plan of a task or a plan; none for an "
                                               "indicator or a body (shared by the plans)")
    number: int | None = None
    kind: str | None = Field(None, description="a task's pk:kind")
    title: str = Field(description="a task's or plan's title, a body's or indicator's name")
    in_title: bool = Field(description="the phrase is in the title or one of the names")
    field: str = Field("text", description="where the best match is: title, text, prefLabel, "
                                           "altLabel")
    snippet: str = Field(description="the phrase in context, from the title or the text")
    marks: list[tuple[int, int]] = Field(default_factory=list,
                                         description="[start, end) of each match in snippet")
    score: float | None = Field(None, description="bm25, lower is better; none for a phrase "
                                                  "under 3 characters or a search without index")
    sources: list[SourceLines] = Field(default_factory=list,
                                       description="the lines the resource was read from")


class ExampleQuery(BaseModel):
    name: str = Field(examples=["01-tasks-by-unit"])
    description: str
    sparql: str


class QueryResult(BaseModel):
    name: str
    description: str
    variables: list[str]
    rows: list[dict[str, str | int | float | bool | None]]


class Stats(BaseModel):
    triples: int
    subjects: int
    predicates: int
    classes: dict[str, int] = Field(description="instances per pk: class, e.g. {'Task': 194}")
