"""`plankg add FILE… | FOLDER`: plan documents into the sources, their manifest entries proposed
from what they print, then one build (kg.add); all are added or none."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import typer
from rich.markup import escape

from kg.build import BuildError, run_build
from kg.cli_common import (QUALITY_COLUMNS, Out, RegistryFolder, Sources, console, errors, fail,
                           folders, report_build)
from kg.extract import DocumentError, PlanParseError
from kg.extract.quality import quality
from kg.manifest import ManifestError
from kg.paths import Paths
from kg.registry import RegistryError


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

    paths = folders(Paths(), sources, registry, out)
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
    report_build(result, paths)


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
