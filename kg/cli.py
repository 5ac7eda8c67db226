"""kg's commands of `plankg`: parse arguments, call the library, print. The command a user runs is
assembled in plankg.cli, which adds the commands of the layers above kg (serve, viz, network)."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from kg.extract import DocumentError, PlanParseError, extract_file
from kg.extract.quality import quality
from kg.manifest import ManifestError
from kg.build import BuildError, run_build
from kg.paths import Paths
from kg.cli_registry import registry_app
from kg.registry import RegistryError
from kg.store import (GraphNotBuilt, QueryError, StoreFailed, StoreTimedOut, StoreUnreachable,
                      dataset_files, load_queries)
from kg.validate import LEVELS, GraphReadError, ShapesError, to_json, to_turtle, validate_files
from kg.validate.check import ENGINES
from kg.validate.render import render_text

app = typer.Typer(help="plankg: regional health-policy plans as a traceable knowledge graph.",
                  no_args_is_help=True, add_completion=False)
app.add_typer(registry_app, name="registry")
console = Console()
errors = Console(stderr=True)


def fail(message: str, code: int = 2) -> None:
    errors.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


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


# The folders a build reads and writes, shared by `build` and `add`
Sources = Annotated[Path | None, typer.Option(file_okay=False, help="Plan texts and "
                                              "manifest.yaml (default data/sources/).")]
RegistryFolder = Annotated[Path | None, typer.Option(file_okay=False, help="Registry tables "
                                                     "(default data/registry/).")]
Out = Annotated[Path | None, typer.Option(file_okay=False, help="Where the build goes "
                                          "(default data/build/).")]


def _folders(paths: Paths, sources: Path | None, registry: Path | None, out: Path | None) -> Paths:
    """`paths` with the folders the options give in place of its own."""
    return Paths(paths.root, out or paths.build_dir, sources or paths.sources_dir,
                 registry or paths.registry_dir)


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
    paths = _folders(Paths.corpus(corpus) if corpus else Paths(), sources, registry, out)
    try:
        result = run_build(paths, strict=strict, jobs=jobs)
    except (BuildError, ManifestError, RegistryError, PlanParseError) as error:
        fail(str(error), 1)
    _report_build(result, paths)


@app.command()
def add(files: list[Path] = typer.Argument(..., exists=True, help="Plan documents (.txt, .pdf, "
                                           ".docx, .html), or folders of them."),
        plan_id: str = typer.Option(None, "--id", help="The plan's id (default: jurisdiction "
                                    "and year, as linshui-2024); one file only."),
        jurisdiction: str = typer.Option(None, help="An id of jurisdictions.csv, where the "
                                         "document's issuer and title name no division; one "
                                         "file only."),
        title: str = typer.Option(None, help="The title, where the document prints none; one "
                                  "file only."),
        dry_run: bool = typer.Option(False, "--dry-run", help="Print the proposal; write nothing."),
        build_after: bool = typer.Option(True, "--build/--no-build", help="Build the graph "
                                         "after adding (default)."),
        strict: bool = typer.Option(False, help="Fail (and add nothing) on any passage the "
                                    "extractor could not read or name it could not resolve."),
        keep_going: bool = typer.Option(False, "--keep-going", help="Leave out the files that "
                                        "cannot be added, each with its reason, and add the "
                                        "rest (default: add none)."),
        sources: Sources = None, registry: RegistryFolder = None, out: Out = None) -> None:
    """Add plan documents to the sources with the manifest entries they propose from what they
    print (title, 文号, issuer, date, jurisdiction), then build once. All are added or none: a file
    that cannot be added (unless --keep-going) or a failed build takes the whole batch back and
    leaves the previous graph served."""
    from kg.add import AddError, propose, write   # pypinyin and the division data: only here
    from kg.extract.documents import FORMATS

    paths = _folders(Paths(), sources, registry, out)
    documents = _documents(files, FORMATS)
    if not documents:
        fail(f"no plan document ({', '.join(sorted(FORMATS))}) in {', '.join(map(str, files))}", 2)
    if len(documents) > 1 and (plan_id or jurisdiction or title):
        fail("--id, --jurisdiction and --title name one plan: give one file with them", 2)
    proposals, refused = [], []
    with _progress(len(documents)) as advance:
        for file in documents:
            try:
                proposal = propose(file, paths.sources, paths.registry, plan_id, jurisdiction,
                                   title, pending=proposals)
            except (AddError, PlanParseError, DocumentError, ManifestError, RegistryError) as error:
                refused.append((file, str(error)))
                advance()
                if not keep_going:
                    break
                continue
            proposals.append(proposal)
            _print_proposal(file, proposal)
            advance()
    for file, reason in refused:
        errors.print(f"[red]not added:[/] {escape(reason)}", highlight=False, soft_wrap=True)
    if refused and not keep_going:
        fail(f"{len(refused)} file(s) cannot be added: nothing was added" if len(documents) > 1
             else refused[0][1], 1)
    if not proposals:
        fail("no file could be added", 1)
    if dry_run:
        return
    taken_back = ("nothing was added: the files, the manifest entries and the registry rows were "
                  "taken back, and the previous build is left as it was") if len(proposals) > 1 \
        else ("nothing was added: the file, the manifest entry and the registry rows were taken "
              "back, and the previous build is left as it was")
    try:
        undo = write(proposals, paths.sources, paths.registry)
    except (ManifestError, RegistryError, OSError) as error:
        fail(f"{error}\n{taken_back}", 1)
    for proposal in proposals:
        console.print(f"added {paths.sources / proposal.entry['file']}", highlight=False)
    if not build_after:
        return
    try:
        result = run_build(paths, strict=strict)
    except (BuildError, ManifestError, RegistryError, PlanParseError) as error:
        undo()
        fail(f"{error}\n{taken_back}", 1)
    except BaseException as error:   # anything else, an interrupt included: taken back, then said
        undo()
        if isinstance(error, Exception):
            fail(f"the build failed ({type(error).__name__}: {error})\n{taken_back}", 1)
        raise
    _report_build(result, paths)


def _documents(files: list[Path], formats: dict[str, str]) -> list[Path]:
    """The files given, and in a folder given the plan documents it holds (sorted by name)."""
    found: list[Path] = []
    for path in files:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file()
                            and p.suffix.lower() in formats and not p.name.startswith("."))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


@contextmanager
def _progress(total: int):
    """A progress bar over a batch of more than one file (on the error stream, gone when done);
    a step function either way."""
    if total < 2:
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(console=errors, transient=True) as progress:
        task = progress.add_task("reading", total=total)
        yield lambda: progress.advance(task)


def _print_proposal(file: Path, proposal) -> None:
    """What was read of one file and what the sources get for it."""
    counts = quality(proposal.records).as_dict()
    console.print(f"read {file}: " + ", ".join(f"{counts[c]} {c}" for c in QUALITY_COLUMNS),
                  highlight=False, soft_wrap=True)
    for warning in proposal.records.warnings:
        errors.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False, soft_wrap=True)
    for row in proposal.new_jurisdictions:
        console.print(f"jurisdictions.csv gets {row.id},{row.name_zh},{row.name_en},{row.level},"
                      f"{row.parent or ''} (GB/T 2260 {row.code})", highlight=False, soft_wrap=True)
    console.print(f"manifest.yaml gets:\n{proposal.manifest_text()}", highlight=False, end="",
                  soft_wrap=True)


def _report_build(result, paths: Paths) -> None:
    table = Table("", "count", title="plankg build")
    for name, count in result.counts.items():
        table.add_row(name, str(count))
    console.print(table)
    _print_quality(result.quality)
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


SHOWN_LINES = 40   # of a build's warnings: a corpus of 1,000 plans has hundreds
SHOWN_PLANS = 10


QUALITY_COLUMNS = ("tasks", "links", "leads", "deadlines", "indicators", "unread", "warnings")
QUALITY_HEADERS = ("tasks", "links", "leads", "dead-\nlines", "indi-\ncators", "unread",
                   "warn-\nings")
SHOWN_PLANS = 30   # a corpus of 1,000 plans lists only the plans that warn


def _print_quality(quality: dict[str, dict[str, int]]) -> None:
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


@app.command()
def query(sparql: str = typer.Argument(None, help="A SPARQL query, or the name of an example."),
          file: Path = typer.Option(None, "--file", exists=True, help="Read the query from a file."),
          list_: bool = typer.Option(False, "--list", help="List the example queries."),
          format: str = typer.Option("table", "--format", "-f", help="table | csv | json | tsv"),
          store: str = typer.Option(None, help="embedded (default) | remote; overrides "
                                               "PLANKG_STORE."),
          endpoint: str = typer.Option(None, help="Query URL of a remote SPARQL endpoint; "
                                                  "overrides PLANKG_ENDPOINT.")
          ) -> None:
    """Run SPARQL against the built graph, or the remote endpoint holding it; example queries
    run by name."""
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
        graph = _settings(store, endpoint).open_store()
        if format in ("csv", "json", "tsv"):
            sys.stdout.buffer.write(graph.serialize(sparql, format))
            return
        names, rows = graph.select(sparql)
    except GraphNotBuilt as error:
        fail(str(error))
    except QueryError as error:
        fail(f"query rejected: {error}", 1)
    except (StoreUnreachable, StoreFailed, StoreTimedOut) as error:
        fail(str(error), 1)
    table = Table(*names)
    for row in rows:
        table.add_row(*(_show(row.get(n)) for n in names))
    console.print(table)
    console.print(f"{len(rows)} rows")


# The remote server's options, shared by `load` and `push`
Endpoint = Annotated[str, typer.Option(help="Query URL of the SPARQL endpoint, e.g. "
                                            "http://127.0.0.1:7878/query.")]
GraphStore = Annotated[str | None, typer.Option(help="Its Graph Store Protocol URL; for "
                                                     "oxigraph serve found beside …/query.")]


@app.command()
def load(endpoint: Endpoint, graph_store: GraphStore = None) -> None:
    """Put the build (data/build/) and the ontology into a remote SPARQL server's default graph,
    replacing what it held (Graph Store Protocol), so `--store remote` answers as embedded."""
    triples = _to_remote(endpoint, graph_store, lambda remote: remote.load_build(Paths()))
    console.print(f"{endpoint} now holds {triples} triples")


@app.command()
def push(endpoint: Endpoint, graph_store: GraphStore = None) -> None:
    """Upload the build to a SPARQL 1.1 Graph Store Protocol server as named graphs, plan by
    plan (plus the shared, ontology and validation graphs). Query the union as the default graph
    (`oxigraph serve --union-default-graph`, Fuseki's unionDefaultGraph …) or with GRAPH."""
    graphs = _to_remote(endpoint, graph_store, lambda remote: remote.push_build(
        Paths(), progress=lambda graph, triples: console.print(
            f"put {graph} ({triples} triples)", highlight=False)))
    console.print(f"{endpoint} now holds the build in {len(graphs)} named graphs")


def _to_remote(endpoint: str, graph_store: str | None, send):
    """`send(remote)` to a Graph Store Protocol server; its failures as exit codes."""
    from kg.remote import RemoteStore  # httpx only loads for remote stores

    remote = RemoteStore(endpoint, timeout=120.0, graph_store=graph_store)
    try:
        return send(remote)
    except (GraphNotBuilt, ValueError) as error:
        fail(str(error))
    except (StoreUnreachable, StoreFailed, StoreTimedOut) as error:
        fail(str(error), 1)


def _settings(store: str | None, endpoint: str | None):
    """Store settings as the API reads them too (kg/settings.py): environment, then options."""
    from pydantic import ValidationError

    from kg.settings import StoreSettings, settings_problem

    try:
        return StoreSettings.from_env(store=store, endpoint=endpoint)
    except ValidationError as error:
        fail(settings_problem(error))


def _show(term) -> str:
    if term is None:
        return ""
    value = term.value
    for prefix, namespace in (("pkid:", "https://w3id.org/plankg/id/"),
                              ("pk:", "https://w3id.org/plankg/ontology#")):
        if value.startswith(namespace):
            return prefix + value[len(namespace):]
    return value


if __name__ == "__main__":
    app()
