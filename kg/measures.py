"""Units of measure: a value printed in 万人 and one in 人 compared in one unit, from the table
data/registry/measure_units.csv (unit, base, factor: 万人 is 10000 人, ‰ is 0.001 of 1).

A unit the table does not list is its own base: 0.37 张 and 0.62 张 still differ, and 3 张 is
never compared with 3 个.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path


class MeasureTableError(ValueError):
    """A measure_units.csv row that cannot be used, with its line."""


@dataclass(frozen=True)
class Measure:
    base: str
    factor: Decimal


def load_measures(path: Path) -> dict[str, Measure]:
    if not path.exists():
        return {}
    measures: dict[str, Measure] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), 2):
            unit, base = row["unit"].strip(), row["base"].strip()
            try:
                factor = Decimal(row["factor"].strip())
            except InvalidOperation:
                raise MeasureTableError(f"{path.name} line {line}: factor {row['factor']!r} "
                                        "is not a number") from None
            if not unit or not base or unit in measures:
                raise MeasureTableError(f"{path.name} line {line}: unit and base must be filled "
                                        "and each unit listed once")
            measures[unit] = Measure(base, factor)
    return measures


def in_base(number: Decimal | None, unit: str | None, measures: dict[str, Measure]
            ) -> tuple[str | None, Decimal | None]:
    """The number in its unit's base unit: (人, 130) for 0.013 万人; a unit not listed stays."""
    if number is None or unit not in measures:
        return unit, number
    measure = measures[unit]
    return measure.base, number * measure.factor


def same_quantity(first: tuple[Decimal | None, ...], first_unit: str | None,
                  second: tuple[Decimal | None, ...], second_unit: str | None,
                  measures: dict[str, Measure]) -> bool:
    """Whether two printed values (value, min, max) state one quantity once both are in their
    base unit (0.013 万人 and 130 人; 3‰ and 0.3%)."""
    firsts = [in_base(n, first_unit, measures) for n in first]
    seconds = [in_base(n, second_unit, measures) for n in second]
    if any(n is not None for _, n in firsts) and \
            {u for u, n in firsts if n is not None} != {u for u, n in seconds if n is not None}:
        return False
    return [n for _, n in firsts] == [n for _, n in seconds]
