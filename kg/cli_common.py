"""What kg's commands share: the consoles and how a command fails, the folder options of a build,
and the report a build prints (`plankg build`, `plankg add`)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from kg.paths import Paths

console = Console()
errors = Console(stderr=True)


def fail(message: str, code: int = 2) -> None:
    errors.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


# The folders a build reads and writes, shared by `build` and `add`
Sources = Annotated[Path | None, typer.Option(file_okay=False, help="Plan texts and "
                                              "manifest.yaml (default data/sources/).")]
RegistryFolder = Annotated[Path | None, typer.Option(file_okay=False, help="Registry tables "
                                                     "(default data/registry/).")]
Out = Annotated[Path | None, typer.Option(file_okay=False, help="Where the build goes "
                                          "(default data/build/).")]


def folders(paths: Paths, sources: Path | None, registry: Path | None, out: Path | None) -> Paths:
    """`paths` with the folders the options give in place of its own."""
    return Paths(paths.root, out or paths.build_dir, sources or paths.sources_dir,
                 registry or paths.registry_dir)


def report_build(result, paths: Paths) -> None:
    table = Table("", "count", title="plankg build")
    for name, count in result.counts.items():
        table.add_row(name, str(count))
    console.print(table)
    print_quality(result.quality)
    summary = (result.output or paths.build) / "summary.json"
    lines = [f"[yellow]warning:[/] {escape(warning)}" for warning in result.warnings]
    if result.rule_resolved:
        named = {(u.plan, u.name) for u in result.rule_resolved}
        lines.append(f"note: {len(named)} printed names are not in the registry "
                     "and were classified by the kind rules (data/registry/kind_rules.csv); a row "
                     "of organizations.csv confirms or corrects one:")
        lines += [f"  {plan} line {line}: {escape(name)} → {resolved}"
                  for plan, name, line, resolved
                  in sorted({(u.plan, u.name, u.span.start_line, u.resolved)
                             for u in result.rule_resolved})]
    if result.unresolved:
        lines.append(f"[yellow]warning:[/] {len(result.unresolved)} printed names are not in the "
                     "registry, no kind rule classifies them, and they were kept as provisional "
                     "nodes:")
        lines += [f"  {plan} line {line}: {kind} {escape(name)}" for plan, kind, name, line
                  in sorted({(u.plan, u.kind, u.name, u.span.start_line)
                             for u in result.unresolved})]
    _print_some(lines, f"all in {summary}")
    if result.up_to_date:
        console.print(f"up to date: no plan text, manifest entry, registry table, shape or code "
                      f"changed since {result.output} was built; it is left as it is")
    counts = result.checks
    console.print(f"validated: no violations, {counts['Warning']} warnings, {counts['Info']} notes "
                  f"(report in {result.output / 'validation.ttl'}; `plankg validate` prints it)")
    if not result.up_to_date:
        console.print(f"extracted again: {_plans(result.extracted)}; graphs replaced: "
                      f"{_plans(result.rewritten)}; validation parts checked: "
                      f"{len(result.revalidated)}"
                      + ("" if result.reassembled else "; the other graphs kept as they were"),
                      highlight=False)
        console.print(f"wrote {result.output}")


SHOWN_LINES = 40   # of a build's warnings: a corpus of 1,000 plans has hundreds
QUALITY_COLUMNS = ("tasks", "links", "leads", "deadlines", "indicators", "unread", "warnings")
QUALITY_HEADERS = ("tasks", "links", "leads", "dead-\nlines", "indi-\ncators", "unread",
                   "warn-\nings")
SHOWN_PLANS = 30   # a corpus of 1,000 plans lists only the plans that warn


def print_quality(quality: dict[str, dict[str, int]]) -> None:
    """Per plan: what extraction read (tasks, links, leads …) and what it could not."""
    shown = {plan: counts for plan, counts in quality.items()
             if len(quality) <= SHOWN_PLANS or counts["warnings"]}
    if not shown:
        return
    table = Table(Column("plan", no_wrap=True), *QUALITY_HEADERS, title="read from each plan"
                  + ("" if len(shown) == len(quality) else f" (the {len(shown)} that warn)"))
    for plan, counts in shown.items():
        table.add_row(plan, *(_flag(column, counts[column]) for column in QUALITY_COLUMNS))
    console.print(table)


def _flag(column: str, count: int) -> str:
    bad = (column == "tasks" and count == 0) or (column in ("unread", "warnings") and count)
    return f"[bold yellow]{count}[/]" if bad else str(count)


def _plans(ids: list[str]) -> str:
    if len(ids) > SHOWN_PLANS:
        return f"{len(ids)} plans"
    return ", ".join(ids) or "none"


def _print_some(lines: list[str], rest: str) -> None:
    """The first SHOWN_LINES `lines` to stderr in one write, then how many more and where."""
    if len(lines) > SHOWN_LINES:
        lines = lines[:SHOWN_LINES] + [f"  … and {len(lines) - SHOWN_LINES} more lines: {rest}"]
    if lines:
        errors.print("\n".join(lines), highlight=False, soft_wrap=True)
