"""Rows of the api/rq queries → the REST models of api/rest_schemas.py: links with labels, facts
with their source lines, rows of one resource folded together."""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from api.excerpts import excerpt
from api.reader import local_id
from api.rest_schemas import Fact, Ref, SourceLines

Row = dict[str, Any]
PK = "https://w3id.org/plankg/ontology#"
# Runs of digits in an id, compared as numbers: task/…/2 before task/…/16.3
DIGITS = re.compile(r"(\d+)")


def natural(identifier: str) -> list:
    return [int(part) if part.isdigit() else part for part in DIGITS.split(identifier)]


def ref(row: Row, key: str, zh: str | None = None, en: str | None = None) -> Ref | None:
    """The link in row[key], labelled by row[zh] / row[en]; None where the row has none."""
    iri = row.get(key)
    if iri is None:
        return None
    return Ref(id=local_id(iri) or iri, iri=iri, label_zh=row.get(zh) if zh else None,
               label_en=row.get(en) if en else None)


def grouped(rows: Iterable, key: str) -> dict[str, list]:
    """Rows (dicts, or models with attribute `key`) by their `key`, in first-seen order (the
    queries sort them)."""
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row[key] if isinstance(row, dict) else getattr(row, key), []).append(row)
    return groups


def distinct(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(v for v in values if v is not None))


def source_lines(row: Row, build: Path | None = None) -> SourceLines:
    """The span of a row's file/start/end (and startLocation/endLocation) columns, with its
    lines: a document's as the build in `build` keeps them."""
    file, start, end = row["file"], row["start"], row["end"]
    return SourceLines(file=file, start=start, end=end,
                       excerpt=excerpt(file, start, end, build=build),
                       start_location=row.get("startLocation"),
                       end_location=row.get("endLocation"))


def sources(rows: Iterable[Row], build: Path | None = None) -> list[SourceLines]:
    """The distinct spans named by the file/start/end columns of `rows`."""
    spans: dict[tuple, Row] = {}
    for row in rows:
        if row.get("file"):
            spans.setdefault((row["file"], row.get("start"), row.get("end")), row)
    return [source_lines(row, build) for row in spans.values()]


def facts(rows: Iterable[Row], build: Path | None = None) -> list[Fact]:
    """api/rq/facts.rq rows (one per fact and source span) → one Fact each."""
    return [_fact(iri, fact_rows, build) for iri, fact_rows in grouped(rows, "fact").items()]


def _fact(iri: str, rows: list[Row], build: Path | None) -> Fact:
    row = rows[0]
    bindingness = row.get("bindingness")
    return Fact(
        id=local_id(iri), iri=iri, type=row["type"], plan=local_id(row["plan"]),
        indicator=ref(row, "indicator", "indicatorZh", "indicatorEn"), unit=row.get("unit"),
        year=row["year"], value_text=row["valueText"], value=row.get("value"),
        comparator=row.get("comparator"), min_value=row.get("minValue"),
        max_value=row.get("maxValue"), qualifier=row.get("qualifier"),
        bindingness=bindingness.removeprefix(PK).lower() if bindingness else None,
        bindingness_zh=row.get("bindingnessZh"), subject=local_id(row.get("subject")),
        task=local_id(row.get("task")), sources=sources(rows, build))
