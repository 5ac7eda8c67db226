"""The readable validation report: results grouped by shape and severity, each with its focus
node's IRI and label, path, value, message and source lines (Rich, for the terminal)."""
from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape

from kg.validate.report import LEVELS, Report, Result
from kg.validate.terms import short

STYLES = {"Violation": "bold red", "Warning": "yellow", "Info": "cyan"}


def _line(result: Result) -> str:
    label = f" {result.focus_label}" if result.focus_label else ""
    parts = [f"  [bold]{escape(short(result.focus))}[/]{escape(label)}"]
    if result.path is not None:
        parts.append(f"    path: {escape(short(result.path))}")
    if result.value is not None and result.value != result.focus:
        parts.append(f"    value: {escape(short(result.value))}")
    parts.append(f"    {escape(result.message[0])}")
    if result.message[1] and result.message[1] != result.message[0]:
        parts.append(f"    {escape(result.message[1])}")
    for source in result.sources:
        where = (f"data/sources/{escape(source.file)}" if source.file.endswith(".txt") else
                 f"the lines read from data/sources/{escape(source.file)} "
                 f"(data/build/texts/{escape(source.file)}.txt),")
        parts.append(f"    source: {where} lines {source.start_line}-{source.end_line}")
    return "\n".join(parts)


def render_text(report: Report, console: Console, fail_on: str = "Violation") -> None:
    def heading(result: Result) -> tuple[str, str]:
        return result.severity, str(result.shape)

    for (severity, _), group in groupby(report.results, key=heading):
        items = list(group)
        en, zh = items[0].shape_name
        console.print(f"[{STYLES[severity]}]{severity}[/] {escape(en)} ({escape(zh)}) "
                      f"[dim]{escape(short(items[0].shape))}[/]: {len(items)}", highlight=False)
        for result in items:
            console.print(_line(result), highlight=False)
    counts = report.counts()
    summary = ", ".join(f"{counts[level]} {level.lower()}{'s' if counts[level] != 1 else ''}"
                        for level in LEVELS)
    verdict = "conforms" if report.conforms(fail_on) else "does not conform"
    console.print(f"[bold]{verdict}[/]: {summary}", highlight=False)
