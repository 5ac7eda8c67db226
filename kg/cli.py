"""The `plankg` command: parses arguments, calls the library, prints. Nothing else lives here."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kg.extract import PlanParseError, extract_file
from kg.manifest import ManifestError
from kg.pipeline import BuildError, Paths, run_build
from kg.registry import RegistryError
from kg.store import EmbeddedStore, GraphNotBuilt, QueryError, load_queries

app = typer.Typer(help="plankg: regional health-policy plans as a traceable knowledge graph.",
                  no_args_is_help=True, add_completion=False)
console = Console()
errors = Console(stderr=True)


def fail(message: str, code: int = 2) -> None:
    errors.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@app.command()
def extract(file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A plan text."),
            format: str = typer.Option("table", "--format", "-f", help="table | json")) -> None:
    """Print the records read from one plan text, for review (the text need not be in the manifest)."""
    try:
        records = extract_file(file)
    except PlanParseError as error:
        fail(str(error))
    if format == "json":
        sys.stdout.write(json.dumps(records.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("key", "title", "group", "lead", "responsible", "lines", title=file.name)
    for task in records.tasks:
        table.add_row(task.key, task.title, task.group or "", "、".join(task.lead_units),
                      "、".join(task.responsible_units),
                      f"{task.span.start_line}-{task.span.end_line}")
    console.print(table)
    console.print(f"{len(records.groups)} groups, {len(records.tasks)} tasks, "
                  f"{len(records.indicators)} indicators, {len(records.targets)} targets, "
                  f"{len(records.baselines)} baselines, {len(records.citations)} citations, "
                  f"{len(records.glossary)} glossary terms")
    for warning in records.warnings:
        errors.print(f"[yellow]warning:[/] {warning}", highlight=False)


@app.command()
def build(strict: bool = typer.Option(False, help="Fail on any name the registry cannot resolve.")
          ) -> None:
    """Build the graph from data/sources/ into data/build/ (the previous build survives a failure)."""
    try:
        result = run_build(Paths(), strict=strict)
    except (BuildError, ManifestError, RegistryError, PlanParseError) as error:
        fail(str(error), 1)
    table = Table("", "count", title="plankg build")
    for name, count in result.counts.items():
        table.add_row(name, str(count))
    console.print(table)
    for warning in result.warnings:
        errors.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if result.unresolved:
        errors.print(f"[yellow]warning:[/] {len(result.unresolved)} printed names are not in the "
                     "registry and were kept as provisional nodes:", highlight=False)
        for item in sorted({(u.plan, u.kind, u.name, u.span.start_line) for u in result.unresolved}):
            errors.print(f"  {item[0]} line {item[3]}: {item[1]} {item[2]}", highlight=False)
    console.print(f"wrote {result.output}")


@app.command()
def query(sparql: str = typer.Argument(None, help="A SPARQL query, or the name of an example."),
          file: Path = typer.Option(None, "--file", exists=True, help="Read the query from a file."),
          list_: bool = typer.Option(False, "--list", help="List the example queries."),
          format: str = typer.Option("table", "--format", "-f", help="table | csv | json | tsv")
          ) -> None:
    """Run SPARQL against the built graph; example queries run by name."""
    examples = load_queries(Paths().queries)
    if list_:
        table = Table("name", "description", title="example queries (queries/*.rq)")
        for name, (description, _) in examples.items():
            table.add_row(name, description)
        console.print(table)
        return
    if file:
        sparql = file.read_text(encoding="utf-8")
    if not sparql:
        fail("give a query, --file Q.rq, or --list")
    if sparql in examples:
        sparql = examples[sparql][1]
    try:
        store = EmbeddedStore(Paths())
        if format in ("csv", "json", "tsv"):
            sys.stdout.buffer.write(store.serialize(sparql, format))
            return
        names, rows = store.select(sparql)
    except GraphNotBuilt as error:
        fail(str(error))
    except QueryError as error:
        fail(f"query rejected: {error}", 1)
    table = Table(*names)
    for row in rows:
        table.add_row(*(_show(row.get(n)) for n in names))
    console.print(table)
    console.print(f"{len(rows)} rows")


def _show(term) -> str:
    if term is None:
        return ""
    value = term.value
    for prefix, namespace in (("pkid:", "https://w3id.org/plankg/id/"),
                              ("pk:", "https://w3id.org/plankg/ontology#")):
        if value.startswith(namespace):
            return prefix + value[len(namespace):]
    return value


def _register_subcommands() -> None:
    """Commands whose code lives with the part they drive: `serve` with the API, `viz` and
    `network` with the visualiser."""
    from api.cli import register as register_serve
    from viz.cli import register as register_viz

    register_serve(app)
    register_viz(app)


_register_subcommands()

if __name__ == "__main__":
    app()
