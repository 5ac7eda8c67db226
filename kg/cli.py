"""kg's commands of `plankg`: parse arguments, call the library, print. Here: extract, build,
export, synth, validate; `add` in kg.cli_add, `query`, `load` and `push` in kg.cli_store, the
registry's in kg.cli_registry, what they share in kg.cli_common. The command a user runs is
assembled in plankg.cli, which adds the commands of the layers above kg (serve, viz, network)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from kg.build import BuildError, run_build
from kg.cli_add import add
from kg.cli_common import Out, RegistryFolder, Sources, console, errors, fail, folders, report_build
from kg.cli_registry import registry_app
from kg.cli_store import load, push, query
from kg.extract import PlanParseError, extract_file
from kg.manifest import ManifestError
from kg.paths import Paths
from kg.registry import RegistryError
from kg.store import GraphNotBuilt, dataset_files
from kg.validate import LEVELS, GraphReadError, ShapesError, to_json, to_turtle, validate_files
from kg.validate.check import ENGINES
from kg.validate.render import render_text

app = typer.Typer(help="plankg: regional health-policy plans as a traceable knowledge graph.",
                  no_args_is_help=True, add_completion=False)
app.add_typer(registry_app, name="registry")


@app.command()
def extract(file: Path = typer.Argument(..., exists=True, dir_okay=False,
                                        help="A plan document: .txt, .pdf, .docx or .html."),
            format: str = typer.Option("table", "--format", "-f", help="table | json")) -> None:
    """Print the records read from one plan document, for review (it need not be in the manifest)."""
    try:
        records = extract_file(file)
    except PlanParseError as error:
        fail(str(error))
    if format == "json":
        sys.stdout.write(json.dumps(records.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    where = ("where",) if records.locations else ()   # a PDF, DOCX or HTML plan: its locations
    table = Table("key", "title", "group", "lead", "responsible", "lines", *where,
                  title=file.name)
    for task in records.tasks:
        located = (f"{records.location(task.span.start_line)} – "
                   f"{records.location(task.span.end_line)}",) if where else ()
        table.add_row(task.key, task.title, task.group or "", "、".join(task.lead_units),
                      "、".join(task.responsible_units),
                      f"{task.span.start_line}-{task.span.end_line}", *located)
    console.print(table)
    console.print(f"{len(records.groups)} groups, {len(records.tasks)} tasks, "
                  f"{len(records.indicators)} indicators, {len(records.targets)} targets, "
                  f"{len(records.baselines)} baselines, {len(records.citations)} citations, "
                  f"{len(records.glossary)} glossary terms")
    for warning in records.warnings:
        errors.print(f"[yellow]warning:[/] {warning}", highlight=False)


@app.command()
def build(strict: bool = typer.Option(False, help="Fail on any name the registry cannot resolve."),
          jobs: int = typer.Option(0, min=0, help="processes extracting, writing and validating "
                                                  "plans in parallel; 0 (default): one for fewer "
                                                  "than 30 plans, else one per core"),
          corpus: Path = typer.Option(None, file_okay=False, help=(
              "A corpus folder (sources/, registry/, build/), as `plankg synth` writes one.")),
          sources: Sources = None, registry: RegistryFolder = None, out: Out = None) -> None:
    """Build the graph from data/sources/ into data/build/ (the previous build survives a failure);
    only the plans changed since the last build are extracted and validated again."""
    paths = folders(Paths.corpus(corpus) if corpus else Paths(), sources, registry, out)
    try:
        result = run_build(paths, strict=strict, jobs=jobs)
    except (BuildError, ManifestError, RegistryError, PlanParseError) as error:
        fail(str(error), 1)
    report_build(result, paths)


@app.command()
def export(format: list[str] = typer.Option(["nq", "nt", "ttl"], "--format", "-f",
                                            help="nq | nt | ttl; repeat for several"),
           corpus: Path = typer.Option(None, file_okay=False, help=(
               "A corpus folder: its build/ is exported.")),
           build: Path = typer.Option(None, file_okay=False, help="The build folder (default "
                                      "data/build/)."),
           output: Path = typer.Option(None, "-o", "--output", file_okay=False,
                                       help="Where the files go (default: the build folder).")
           ) -> None:
    """Write the built dataset as one file a format, sorted: plankg.nq (each triple in its named
    graph), plankg.nt, plankg.ttl. The build keeps a file a graph; a rebuild drops the exports
    it made stale."""
    from kg.graphs import EXPORTS, export as export_dataset, graph_files

    unknown = sorted(set(format) - set(EXPORTS))
    if unknown:
        fail(f"--format {', '.join(unknown)}: give {', '.join(EXPORTS)}")
    folder = build or (Paths.corpus(corpus) if corpus else Paths()).build
    if not graph_files(folder):
        fail(f"{folder} holds no build: run `plankg build` first")
    for path in export_dataset(folder, dict.fromkeys(format), output or folder):
        console.print(f"wrote {path}")


@app.command()
def synth(plans: int = typer.Option(..., "--plans", min=1, help="How many plan texts."),
          seed: int = typer.Option(0, help="The same seed writes the same bytes."),
          output: Path = typer.Option(..., "-o", "--output", file_okay=False,
                                      help="The corpus folder: sources/ and registry/ go here."),
          with_real: bool = typer.Option(False, "--with-real", help="The five real plans too, "
                                         "unchanged, before the synthetic ones.")
          ) -> None:
    """Write a scale corpus: plan texts recombined from the real ones under invented places,
    with manifest and registry; build it with `plankg build --corpus DIR`."""
    from kg.synth import SUMMARY, SynthError, write_corpus

    try:
        written = write_corpus(plans, seed, output, with_real=with_real)
    except SynthError as error:
        fail(str(error))
    tasks = sum(w.tasks for w in written)
    indicators = sum(w.indicators for w in written)
    real = " and the five real plans" if with_real else ""
    console.print(f"wrote {len(written)} plans ({tasks} tasks, {indicators} indicators){real} "
                  f"to {output}; account in {output / 'sources' / SUMMARY}")


@app.command()
def validate(files: list[Path] = typer.Argument(None, help="Graph files; none: the built graph's."),
             format: str = typer.Option("text", "--format", "-f", help="text | json | turtle"),
             input_format: str = typer.Option(None, "--input-format", help=(
                 "turtle | nt | nq | trig | json-ld | xml (default: by file extension)")),
             fail_on: str = typer.Option("violation", help="violation | warning | info: the "
                                                           "least severe result that fails"),
             jobs: int = typer.Option(1, min=1, help="processes; above 1 the graph is checked "
                                                     "plan by plan in parallel"),
             engine: str = typer.Option("store", help="store | pyshacl: who runs the core "
                                                      "constraints (pyshacl: the reference, "
                                                      "slower)")) -> None:
    """Check graphs against the shapes (ontology/shapes.ttl): exit 0 conforms, 1 does not,
    2 an input could not be read."""
    level = fail_on.capitalize()
    if level not in LEVELS:
        fail(f"--fail-on {fail_on}: give violation, warning or info")
    if format not in ("text", "json", "turtle"):
        fail(f"--format {format}: give text, json or turtle")
    if engine not in ENGINES:
        fail(f"--engine {engine}: give {' or '.join(ENGINES)}")
    paths = Paths()
    if not files:
        try:
            files = [file for file, _ in dataset_files(paths.build)]
        except GraphNotBuilt as error:
            fail(str(error))
    try:
        report = validate_files(files, input_format, paths, jobs, engine)
    except GraphReadError as error:
        fail(f"cannot read {error}")
    except ShapesError as error:
        fail(f"the shapes cannot run: {error}")
    if format == "json":
        sys.stdout.write(json.dumps(to_json(report, level), ensure_ascii=False, indent=2) + "\n")
    elif format == "turtle":
        sys.stdout.write(to_turtle(report, level))
    else:
        render_text(report, console, level)
    raise typer.Exit(0 if report.conforms(level) else 1)


# the commands of their own modules, in the order `plankg --help` lists them
app.command()(add)
for command in (query, load, push):
    app.command()(command)

if __name__ == "__main__":
    app()
