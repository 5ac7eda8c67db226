"""The genre set's hand-read expectations (expected/*.yaml), loaded and checked for shape.

Every field a plan's expectation may hold is read here; a malformed file fails with its name and key.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).parent
EXPECTED = HERE / "expected"
PLANS = HERE / "plans"
TEMPLATES = HERE / "templates"
LAYOUTS = ("inline-clause", "own-line-clause", "table-tab", "table-spaces", "table-pipe",
           "annex-table", "chaptered", "docx", "pdf", "html",
           # the held-out plans' layouts (heldout: true), none of them in the twelve above
           "roles-after-names", "mixed-cell", "lead-listed-first", "annex-indicators-tasks",
           "table-spaces-wrapped", "docx-multipage", "pdf-multipage", "html-list",
           # the unseen plans' layouts (unseen: true), written from the genre's published forms
           "two-level-html", "two-level-docx", "copied-prose", "copied-prose-roles",
           "browser-pdf", "pages-pdf")
DOCUMENT_SUFFIXES = {"docx": ".docx", "pdf": ".pdf", "html": ".html",
                     "docx-multipage": ".docx", "pdf-multipage": ".pdf", "html-list": ".html",
                     "two-level-html": ".html", "two-level-docx": ".docx",
                     "copied-prose": ".txt", "copied-prose-roles": ".txt",
                     "browser-pdf": ".pdf", "pages-pdf": ".pdf"}
# How a document is made from its spec, by the tool a publisher uses (documents.py): the default
# of its suffix, or the one its expectation names (made_by)
MADE_BY = {".docx": "python-docx", ".pdf": "reportlab", ".html": "template"}
MAKERS = {"python-docx", "reportlab", "template", "chromium", "libreoffice", "pdftotext",
          "pdftotext-layout", "browser-copy"}
FROM_PAGE = {"template", "chromium", "pdftotext", "pdftotext-layout", "browser-copy"}  # made from the web page
DEFAULT_TEMPLATE = "gov_article.html"  # the page a web plan is built into, unless it names another
PLAN_KEYS = {"file", "source", "layout", "province", "title", "doc_number", "issuer", "issued",
             "tasks", "indicators"}
OPTIONAL_PLAN_KEYS = {"heldout", "unseen", "template", "made_by"}
TASK_KEYS = {"title", "lines", "table_lines", "lead", "shared", "deadline", "text", "group"}
INDICATOR_KEYS = {"name", "unit", "baseline", "target"}
VALUE_KEYS = {"year", "text", "line"}


class ExpectationError(ValueError):
    """An expectation file that does not have the shape the scorer reads."""

    def __init__(self, path: Path, where: str, problem: str):
        super().__init__(f"{Path(path).name}: {where}: {problem}")


@dataclass(frozen=True)
class ExpectedTask:
    title: str
    lines: tuple[int, int]  # first and last line of the task in the source text
    lead: tuple[str, ...]
    shared: tuple[str, ...]
    deadline: str | None = None
    table_lines: tuple[int, int] | None = None  # the annex row that repeats the task and gives its units
    text: str | None = None  # the task's own words as printed (no number, no responsibility clause)
    group: str | None = None  # the label of the group (heading or upper table level) it is under

    @property
    def responsible(self) -> tuple[str, ...]:
        """Every unit answering for the task, leads first (as the records' responsible_units)."""
        return tuple(dict.fromkeys(self.lead + self.shared))


@dataclass(frozen=True)
class ExpectedValue:
    kind: str  # "baseline" | "target"
    year: int
    text: str
    line: int


@dataclass(frozen=True)
class ExpectedIndicator:
    name: str
    unit: str | None
    values: tuple[ExpectedValue, ...]


@dataclass(frozen=True)
class Expectation:
    path: Path
    file: str  # what the extractor reads: the .txt itself, or the document built from it
    source: str  # the .txt under plans/ the lines cite
    layout: str
    province: str
    title: str
    doc_number: str | None
    issuer: str | None
    issued: datetime.date | None
    tasks: tuple[ExpectedTask, ...]
    indicators: tuple[ExpectedIndicator, ...]
    # written after the extractor was tuned on the others, to measure it on text it never saw
    heldout: bool = False
    template: str = DEFAULT_TEMPLATE  # templates/ page a web plan is built into
    # written from the genre's published forms by someone who had not read the extractor, and
    # scored before any change was made for them (docs/extraction.md keeps that first score)
    unseen: bool = False
    made_by: str | None = None  # the tool that makes `file` from the spec (MAKERS)

    @property
    def is_document(self) -> bool:
        return self.file != self.source

    @property
    def source_path(self) -> Path:
        return PLANS / self.source


def load_all(directory: Path = EXPECTED) -> list[Expectation]:
    paths = sorted(Path(directory).glob("*.yaml"))
    if not paths:
        raise ExpectationError(Path(directory), "folder", "holds no *.yaml expectation")
    return [load(path) for path in paths]


def load(path: Path) -> Expectation:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ExpectationError(path, "top level", "is not a mapping")
    _keys(path, "top level", data, PLAN_KEYS | OPTIONAL_PLAN_KEYS, required=PLAN_KEYS)
    layout = data["layout"]
    if layout not in LAYOUTS:
        raise ExpectationError(path, "layout", f"{layout!r} is none of {', '.join(LAYOUTS)}")
    source, file = _text(path, "source", data["source"]), _text(path, "file", data["file"])
    if not source.endswith(".txt"):
        raise ExpectationError(path, "source", f"{source!r} is not a .txt under plans/")
    wanted = DOCUMENT_SUFFIXES.get(layout)
    if wanted and Path(file).suffix != wanted:
        raise ExpectationError(path, "file", f"layout {layout} is read from a {wanted} file, not {file!r}")
    if wanted == ".txt" and file == source:
        raise ExpectationError(path, "file", f"layout {layout} is a text made from a document, not its spec {source!r}")
    if not wanted and file != source:
        raise ExpectationError(path, "file", f"a text plan is read from its source ({source!r}), not {file!r}")
    issued = data["issued"]
    if issued is not None and not isinstance(issued, datetime.date):
        raise ExpectationError(path, "issued", f"{issued!r} is not a date (YYYY-MM-DD) or null")
    heldout, unseen = data.get("heldout", False), data.get("unseen", False)
    for name, flag in (("heldout", heldout), ("unseen", unseen)):
        if not isinstance(flag, bool):
            raise ExpectationError(path, name, f"{flag!r} is not true or false")
    made_by = data.get("made_by", MADE_BY.get(Path(file).suffix) if file != source else None)
    if made_by is not None and made_by not in MAKERS:
        raise ExpectationError(path, "made_by", f"{made_by!r} is none of {', '.join(sorted(MAKERS))}")
    if file != source and made_by is None:
        raise ExpectationError(path, "made_by", f"{file!r} is made from {source!r}: say by which tool")
    template = _text(path, "template", data.get("template", DEFAULT_TEMPLATE))
    if template != DEFAULT_TEMPLATE and made_by not in FROM_PAGE:
        raise ExpectationError(path, "template", f"only a web page is built from a template, not a {layout} plan")

    if not (TEMPLATES / template).is_file():
        raise ExpectationError(path, "template", f"{template!r} is not a file under {TEMPLATES}")
    tasks = data["tasks"] or []
    indicators = data["indicators"] or []
    if not isinstance(tasks, list) or not isinstance(indicators, list):
        raise ExpectationError(path, "tasks/indicators", "must be lists")
    return Expectation(
        path=Path(path), file=file, source=source, layout=layout,
        province=_text(path, "province", data["province"]), title=_text(path, "title", data["title"]),
        doc_number=_optional_text(path, "doc_number", data["doc_number"]),
        issuer=_optional_text(path, "issuer", data["issuer"]), issued=issued,
        tasks=tuple(_task(path, n, t) for n, t in enumerate(tasks, start=1)),
        indicators=tuple(_indicator(path, n, i) for n, i in enumerate(indicators, start=1)),
        heldout=heldout, template=template, unseen=unseen, made_by=made_by)


def _task(path: Path, number: int, data: object) -> ExpectedTask:
    where = f"task {number}"
    if not isinstance(data, dict):
        raise ExpectationError(path, where, "is not a mapping")
    _keys(path, where, data, TASK_KEYS, required={"title", "lines", "lead", "shared"})
    table_lines = data.get("table_lines")
    return ExpectedTask(
        title=_text(path, f"{where} title", data["title"]),
        lines=_line_range(path, f"{where} lines", data["lines"]),
        lead=_units(path, f"{where} lead", data["lead"]),
        shared=_units(path, f"{where} shared", data["shared"]),
        deadline=_optional_text(path, f"{where} deadline", data.get("deadline")),
        text=_optional_text(path, f"{where} text", data.get("text")),
        group=_optional_text(path, f"{where} group", data.get("group")),
        table_lines=None if table_lines is None else _line_range(path, f"{where} table_lines", table_lines))


def _indicator(path: Path, number: int, data: object) -> ExpectedIndicator:
    where = f"indicator {number}"
    if not isinstance(data, dict):
        raise ExpectationError(path, where, "is not a mapping")
    _keys(path, where, data, INDICATOR_KEYS, required={"name"})
    values = []
    for kind in ("baseline", "target"):
        value = data.get(kind)
        if value is None:
            continue
        if not isinstance(value, dict):
            raise ExpectationError(path, f"{where} {kind}", "is not a mapping")
        _keys(path, f"{where} {kind}", value, VALUE_KEYS, required=VALUE_KEYS)
        if not isinstance(value["year"], int) or not isinstance(value["line"], int):
            raise ExpectationError(path, f"{where} {kind}", "year and line must be integers")
        values.append(ExpectedValue(kind, value["year"], _text(path, f"{where} {kind} text", value["text"]),
                                    value["line"]))
    if not values:
        raise ExpectationError(path, where, "states neither a baseline nor a target")
    return ExpectedIndicator(_text(path, f"{where} name", data["name"]),
                             _optional_text(path, f"{where} unit", data.get("unit")), tuple(values))


def _keys(path: Path, where: str, data: dict, allowed: set[str], required: set[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise ExpectationError(path, where, f"unknown key(s) {', '.join(sorted(unknown))}")
    missing = required - set(data)
    if missing:
        raise ExpectationError(path, where, f"missing key(s) {', '.join(sorted(missing))}")


def _text(path: Path, where: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ExpectationError(path, where, f"{value!r} is not a non-empty string")
    return value


def _optional_text(path: Path, where: str, value: object) -> str | None:
    return None if value is None else _text(path, where, value)


def _units(path: Path, where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ExpectationError(path, where, f"{value!r} is not a list of unit names")
    return tuple(_text(path, where, unit) for unit in value)


def _line_range(path: Path, where: str, value: object) -> tuple[int, int]:
    if (not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, int) for v in value)
            or not 1 <= value[0] <= value[1]):
        raise ExpectationError(path, where, f"{value!r} is not [first, last] with 1 <= first <= last")
    return value[0], value[1]
