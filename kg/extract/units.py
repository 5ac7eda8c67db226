"""Responsible units (责任单位) and lead units (牵头单位): clauses and table cells to name lists.

Names stay exactly as printed; kg.registry resolves them to organizations.
"""
from __future__ import annotations

import re

# The clause closing a task: "（责任单位：区卫生健康委、区发展改革委）"
RESPONSIBILITY_CLAUSE = re.compile(r"[（(]\s*责任单位\s*[：:]\s*(?P<names>[^）)]*)(?P<close>[）)])?\s*$")
# Separators inside a unit list; the texts mix them: "区人力社保局，各医疗机构", "区卫健委、区医保局"
UNIT_SEPARATOR = re.compile(r"[、，,；;]")


def split_units(cell: str) -> tuple[str, ...]:
    """A printed list of units as a tuple of names, white space inside names removed."""
    names = (re.sub(r"\s+", "", part) for part in UNIT_SEPARATOR.split(cell))
    return tuple(name for name in names if name)


def split_responsibility(text: str) -> tuple[tuple[str, ...], str | None]:
    """The units of a task's closing 责任单位 clause, and a warning if the clause is malformed."""
    match = RESPONSIBILITY_CLAUSE.search(text)
    if not match:
        return (), None
    units = split_units(match.group("names"))
    if match.group("close") is None:
        return units, "责任单位 clause has no closing bracket; read to the end of the line"
    return units, None


def merge_units(*lists: tuple[str, ...]) -> tuple[str, ...]:
    """Lists joined in order, each name once."""
    seen: dict[str, None] = {}
    for names in lists:
        for name in names:
            seen.setdefault(name, None)
    return tuple(seen)
